//! From the engine's [`Reply`] to Discord messages: embeds with a title,
//! the answer, a field per estimate factor, a footer of sources and a colour
//! per kind of reply, plus buttons for related topics.
//!
//! Two steps, so the layout can be tested without Discord types: [`layout`]
//! plans plain [`Card`]s that respect every limit, and the `to_*` functions
//! turn them into serenity builders. Every builder carries empty allowed
//! mentions: an echoed `@everyone` or `<@id>` never pings anyone.

use super::limits;
use crate::domain::dollars;
use crate::knowledge::Replies;
use crate::render::fit::{split_text, truncate};
use crate::render::words;
use crate::reply::{Reply, ReplyKind, TopicLink};
use poise::serenity_prelude as serenity;

/// The prefix of a button's `custom_id` that opens a topic.
pub const TOPIC_BUTTON_PREFIX: &str = "topic:";

/// How many related topics become buttons.
pub const MAX_RELATED_BUTTONS: usize = 3;

/// One embed, planned.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Embed {
    pub title: Option<String>,
    /// An image shown in the embed: `attachment://salary.png`.
    pub image: Option<String>,
    pub description: String,
    pub fields: Vec<Field>,
    pub footer: Option<String>,
    pub colour: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub name: String,
    pub value: String,
    pub inline: bool,
}

/// A button that opens a topic.
#[derive(Debug, Clone, PartialEq)]
pub struct Button {
    pub custom_id: String,
    pub label: String,
}

/// One Discord message, planned: its embeds and its buttons.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Card {
    pub embeds: Vec<Embed>,
    pub buttons: Vec<Button>,
    /// A PNG sent with the message, shown by the first embed.
    pub chart: Option<Vec<u8>>,
}

impl Card {
    /// Attach a salary chart, shown inside the first embed.
    pub fn attach_chart(&mut self, png: Vec<u8>) {
        if let Some(embed) = self.embeds.first_mut() {
            embed.image = Some(format!("attachment://{}", crate::chart::FILE_NAME));
            self.chart = Some(png);
        }
    }
}

impl Embed {
    /// The characters Discord counts toward the 6000 total of a message.
    pub fn counted_chars(&self) -> usize {
        let count = |s: &str| s.trim().chars().count();
        self.title.as_deref().map_or(0, count)
            + count(&self.description)
            + self
                .fields
                .iter()
                .map(|f| count(&f.name) + count(&f.value))
                .sum::<usize>()
            + self.footer.as_deref().map_or(0, count)
    }
}

/// The colour of each kind of reply; mid-tone, so it reads on light and
/// dark themes alike.
pub fn colour(kind: ReplyKind) -> u32 {
    match kind {
        ReplyKind::Answer => 0x3B82F6,
        ReplyKind::Estimate | ReplyKind::Comparison => 0x22A35A,
        ReplyKind::Calculation => 0x0E9F9A,
        ReplyKind::Fallback => 0xE8A317,
        ReplyKind::OutOfScope | ReplyKind::OtherRole => 0x8B5CF6,
        ReplyKind::Notice => 0x7A8491,
    }
}

/// Plan the messages for a reply. Usually one; a very long answer continues
/// in further messages, split at paragraph or sentence boundaries. Buttons
/// go on the last message.
pub fn layout(reply: &Reply, replies: &Replies) -> Vec<Card> {
    let colour = colour(reply.kind);
    let sections = words::sections(reply, replies);
    let mut parts = vec![
        sections.headline.trim().to_string(),
        sections.body.trim().to_string(),
    ];
    if !sections.notes.is_empty() {
        parts.push(sections.notes.join("\n"));
    }
    parts.retain(|p| !p.is_empty());
    let text = parts.join("\n\n");
    let mut fields = estimate_fields(reply, &sections);
    let footer = footer(reply);

    // Each embed gets what fits of the description; the fields and footer
    // go on the last embed, so leave room for them there.
    let tail_chars: usize = fields
        .iter()
        .map(|f| f.name.chars().count() + f.value.chars().count())
        .sum::<usize>()
        + footer.as_deref().map_or(0, |f| f.chars().count());
    let title = truncate(reply.title.trim(), limits::EMBED_TITLE);
    let first_budget = limits::EMBED_TOTAL - title.chars().count() - tail_chars;
    let pieces = if text.chars().count() <= first_budget.min(limits::EMBED_DESCRIPTION) {
        vec![text]
    } else {
        // A long answer: continue in further embeds. A safety margin keeps
        // each embed well inside the 6000 total of its message.
        split_text(&text, limits::EMBED_DESCRIPTION.min(first_budget))
    };

    let mut embeds: Vec<Embed> = pieces
        .into_iter()
        .enumerate()
        .map(|(i, description)| Embed {
            title: (i == 0).then(|| title.clone()),
            image: None,
            description,
            fields: Vec::new(),
            footer: None,
            colour,
        })
        .collect();
    if embeds.is_empty() {
        embeds.push(Embed {
            title: Some(title),
            colour,
            ..Embed::default()
        });
    }
    fields.truncate(limits::EMBED_FIELDS);
    if let Some(last) = embeds.last_mut() {
        last.fields = fields;
        last.footer = footer;
    }

    // One embed per message keeps every message far inside the 6000 total
    // and reads as a continuation in Discord.
    let mut cards: Vec<Card> = embeds
        .into_iter()
        .map(|embed| Card {
            embeds: vec![embed],
            buttons: Vec::new(),
            chart: None,
        })
        .collect();
    if let Some(last) = cards.last_mut() {
        last.buttons = buttons(&reply.suggestions);
    }
    cards
}

/// Low, typical and high, then one field per factor with its dollar effect.
fn estimate_fields(reply: &Reply, sections: &words::Sections) -> Vec<Field> {
    let Some(estimate) = reply.estimate() else {
        return Vec::new();
    };
    let mut fields = vec![
        Field {
            name: "Low".into(),
            value: dollars(estimate.low),
            inline: true,
        },
        Field {
            name: "Typical".into(),
            value: dollars(estimate.mid),
            inline: true,
        },
        Field {
            name: "High".into(),
            value: dollars(estimate.high),
            inline: true,
        },
    ];
    for line in &sections.working_out {
        fields.push(Field {
            name: truncate(
                &format!("{}: {}", line.name, line.effect),
                limits::EMBED_FIELD_NAME,
            ),
            value: truncate(
                if line.detail.trim().is_empty() {
                    "-"
                } else {
                    &line.detail
                },
                limits::EMBED_FIELD_VALUE,
            ),
            inline: false,
        });
    }
    fields
}

fn footer(reply: &Reply) -> Option<String> {
    if reply.sources.is_empty() {
        return None;
    }
    Some(truncate(
        &format!("Sources: {}", reply.sources.join("; ")),
        limits::EMBED_FOOTER,
    ))
}

/// Buttons for the topics a reply suggests, at most three.
pub fn buttons(suggestions: &[TopicLink]) -> Vec<Button> {
    suggestions
        .iter()
        .filter_map(|link| {
            let custom_id = format!("{TOPIC_BUTTON_PREFIX}{}", link.id);
            (custom_id.chars().count() <= limits::CUSTOM_ID).then(|| Button {
                custom_id,
                label: truncate(&link.title, limits::BUTTON_LABEL),
            })
        })
        .take(MAX_RELATED_BUTTONS)
        .collect()
}

/// The topic a button opens, from its `custom_id`.
pub fn topic_of_button(custom_id: &str) -> Option<&str> {
    custom_id
        .strip_prefix(TOPIC_BUTTON_PREFIX)
        .filter(|id| !id.is_empty())
}

/// No pings of any kind, including the author of the message replied to.
pub fn no_mentions() -> serenity::CreateAllowedMentions {
    serenity::CreateAllowedMentions::new()
        .everyone(false)
        .all_users(false)
        .all_roles(false)
        .replied_user(false)
}

/// The serenity embed for a planned one.
pub fn to_embed(embed: &Embed) -> serenity::CreateEmbed {
    let mut built = serenity::CreateEmbed::new()
        .description(embed.description.clone())
        .colour(embed.colour);
    if let Some(title) = &embed.title {
        built = built.title(title.clone());
    }
    for field in &embed.fields {
        built = built.field(field.name.clone(), field.value.clone(), field.inline);
    }
    if let Some(footer) = &embed.footer {
        built = built.footer(serenity::CreateEmbedFooter::new(footer.clone()));
    }
    if let Some(image) = &embed.image {
        built = built.image(image.clone());
    }
    built
}

/// The chart as a file to upload with the message.
fn chart_file(card: &Card) -> Option<serenity::CreateAttachment> {
    card.chart
        .as_ref()
        .map(|png| serenity::CreateAttachment::bytes(png.clone(), crate::chart::FILE_NAME))
}

/// The action rows for a card's buttons (five to a row).
pub fn to_components(buttons: &[Button]) -> Vec<serenity::CreateActionRow> {
    buttons
        .chunks(limits::BUTTONS_PER_ROW)
        .map(|row| {
            serenity::CreateActionRow::Buttons(
                row.iter()
                    .map(|b| {
                        serenity::CreateButton::new(b.custom_id.clone())
                            .label(b.label.clone())
                            .style(serenity::ButtonStyle::Secondary)
                    })
                    .collect(),
            )
        })
        .collect()
}

/// A card as a poise reply (slash commands): the first one answers the
/// interaction, later ones are follow-ups.
pub fn to_poise_reply(card: &Card, ephemeral: bool) -> poise::CreateReply {
    let mut reply = poise::CreateReply::default()
        .ephemeral(ephemeral)
        .allowed_mentions(no_mentions())
        .components(to_components(&card.buttons));
    for embed in &card.embeds {
        reply = reply.embed(to_embed(embed));
    }
    if let Some(file) = chart_file(card) {
        reply = reply.attachment(file);
    }
    reply
}

/// A card as an interaction response message (button clicks), exactly as
/// poise builds it for slash commands.
pub fn to_interaction_message(
    card: &Card,
    ephemeral: bool,
) -> serenity::CreateInteractionResponseMessage {
    to_poise_reply(card, ephemeral)
        .to_slash_initial_response(serenity::CreateInteractionResponseMessage::new())
}

/// A follow-up message for an interaction (the later parts of a long reply).
pub fn to_followup(card: &Card, ephemeral: bool) -> serenity::CreateInteractionResponseFollowup {
    to_poise_reply(card, ephemeral)
        .to_slash_followup_response(serenity::CreateInteractionResponseFollowup::new())
}

/// A card as a channel message; the first one replies to the question.
pub fn to_channel_message(
    card: &Card,
    reply_to: Option<(serenity::ChannelId, serenity::MessageId)>,
) -> serenity::CreateMessage {
    let mut message = serenity::CreateMessage::new()
        .embeds(card.embeds.iter().map(to_embed).collect())
        .components(to_components(&card.buttons))
        .allowed_mentions(no_mentions());
    if let Some(file) = chart_file(card) {
        message = message.add_file(file);
    }
    if let Some((channel, id)) = reply_to {
        // Don't fail the answer if the question was deleted meanwhile.
        message = message.reference_message(
            serenity::MessageReference::from((channel, id)).fail_if_not_exists(false),
        );
    }
    message
}

/// Autocomplete choices as Discord's response.
pub fn to_autocomplete(choices: &[super::input::Choice]) -> serenity::CreateAutocompleteResponse {
    serenity::CreateAutocompleteResponse::new().set_choices(
        choices
            .iter()
            .take(super::input::MAX_CHOICES)
            .map(|c| serenity::AutocompleteChoice::new(c.name.clone(), c.value.clone()))
            .collect(),
    )
}
