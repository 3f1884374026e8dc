//! Discord's size limits on what a bot sends, from its developer docs
//! (`tests/fixtures/discord/docs_limits.json` lists each with its source). The
//! renderer plans within them; the tests check every payload against them.

/// Characters in a message's `content`.
pub const MESSAGE_CONTENT: usize = 2000;
/// Characters in an embed's title.
pub const EMBED_TITLE: usize = 256;
/// Characters in an embed's description.
pub const EMBED_DESCRIPTION: usize = 4096;
/// Fields in one embed.
pub const EMBED_FIELDS: usize = 25;
/// Characters in a field's name.
pub const EMBED_FIELD_NAME: usize = 256;
/// Characters in a field's value.
pub const EMBED_FIELD_VALUE: usize = 1024;
/// Characters in an embed's footer.
pub const EMBED_FOOTER: usize = 2048;
/// Characters across all embeds of one message (title, description, field
/// names and values, footer, author).
pub const EMBED_TOTAL: usize = 6000;
/// Embeds in one message.
pub const EMBEDS_PER_MESSAGE: usize = 10;
/// Buttons in one action row.
pub const BUTTONS_PER_ROW: usize = 5;
/// Action rows in one message.
pub const ACTION_ROWS: usize = 5;
/// Characters in a component's `custom_id`.
pub const CUSTOM_ID: usize = 100;
/// Characters in a button's label.
pub const BUTTON_LABEL: usize = 80;
/// Seconds Discord waits for the first response to an interaction.
pub const INTERACTION_DEADLINE_SECS: u64 = 3;
