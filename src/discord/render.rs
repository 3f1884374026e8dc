//! From the engine's [`Reply`] to Discord messages, made to be read at a
//! glance: a salary card of the range, the details it is based on and one
//! line per factor (at most [`ESTIMATE_VISIBLE`] characters), any other
//! card at most [`CARD_VISIBLE`], a one-line footer of short source names,
//! and buttons: related topics the text does not already name (with labels
//! of at most 30 characters), and on an estimate "How it's worked out" and
//! "Sources", on a long answer "More". Those open a [`View`] of the same
//! reply, which the bot keeps in memory under its [`reply_key`].
//!
//! Two steps, so the layout can be tested without Discord types: [`layout`]
//! plans plain [`Card`]s that respect every limit, and the `to_*` functions
//! turn them into serenity builders. Every builder carries empty allowed
//! mentions: an echoed `@everyone` or `<@id>` never pings anyone.

use super::limits;
use crate::domain::dollars;
use crate::knowledge::{Replies, fill};
use crate::render::fit::{split_text, truncate};
use crate::render::words;
use crate::reply::{Content, Reply, ReplyKind, TopicLink};
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
        ReplyKind::Calculation | ReplyKind::Offers => 0x0E9F9A,
        ReplyKind::Fallback => 0xE8A317,
        ReplyKind::OutOfScope | ReplyKind::OtherRole => 0x8B5CF6,
        ReplyKind::Notice => 0x7A8491,
    }
}

/// Which part of a reply a message shows: the card itself, or what one of
/// its buttons opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    Card,
    /// The whole working-out of an estimate: each factor's evidence, the
    /// sources disagreeing, the caveats.
    WorkingOut,
    /// The full citations.
    Sources,
    /// The rest of an answer too long for one card.
    More,
}

/// The prefixes of the `custom_id`s of an estimate card's two buttons; the
/// rest is the reply's [`reply_key`] in hex.
pub const WORKING_OUT_PREFIX: &str = "working:";
pub const SOURCES_PREFIX: &str = "sources:";
pub const MORE_PREFIX: &str = "more:";

/// The most a salary card shows, title and footer included; the rest is
/// behind its buttons.
pub const ESTIMATE_VISIBLE: usize = 1_000;
/// The most any other card shows before a "More" button.
pub const CARD_VISIBLE: usize = 1_200;

/// The longest footer: one line on a desktop, two at most on a phone.
pub const FOOTER_LINE: usize = 100;

/// A key for a reply, carried by its card's buttons so the bot can find
/// the reply again among those it keeps: a hash of the whole reply, so the
/// same reply always gets the same key and no detail of the person is in
/// the button.
pub fn reply_key(reply: &Reply) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    let json = serde_json::to_string(reply).unwrap_or_default();
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(json)
}

/// Whether a reply's card has buttons that open more of it (an estimate's
/// working-out and sources, the rest of a long answer): then the bot keeps
/// the reply for them.
pub fn has_detail_buttons(reply: &Reply, replies: &Replies) -> bool {
    has_working_out(reply) || {
        let sections = words::sections(reply, replies);
        card_text(reply, replies, &sections).1.is_some()
    }
}

/// Replies whose card is a summary, with a "How it's worked out" button
/// for the whole text.
fn has_working_out(reply: &Reply) -> bool {
    matches!(
        reply.content,
        Content::Estimate(_)
            | Content::PlaceComparison(_)
            | Content::EntityComparison(_)
            | Content::Offers(_)
    )
}

/// The view and reply key a working-out, sources or more button asks for.
pub fn detail_button(custom_id: &str) -> Option<(View, u64)> {
    let (view, key) = if let Some(key) = custom_id.strip_prefix(WORKING_OUT_PREFIX) {
        (View::WorkingOut, key)
    } else if let Some(key) = custom_id.strip_prefix(MORE_PREFIX) {
        (View::More, key)
    } else {
        (View::Sources, custom_id.strip_prefix(SOURCES_PREFIX)?)
    };
    Some((view, u64::from_str_radix(key, 16).ok()?))
}

/// The text of a card that is not an estimate, and the rest of it when it
/// is too long for one card: cut at a paragraph or sentence, so the card
/// stays within [`CARD_VISIBLE`] and no fact is lost.
fn card_text(
    reply: &Reply,
    replies: &Replies,
    sections: &words::Sections,
) -> (String, Option<String>) {
    let mut parts = vec![
        sections.headline.trim().to_string(),
        sections.body.trim().to_string(),
    ];
    if reply.intent == crate::understanding::Intent::Greeting {
        parts.push(replies.card.greeting_help.clone());
    }
    if !sections.notes.is_empty() {
        parts.push(sections.notes.join("\n"));
    }
    parts.retain(|p| !p.is_empty());
    let text = parts.join("\n\n");
    let footer_chars = footer(reply).map_or(0, |f| f.chars().count());
    let budget = CARD_VISIBLE.saturating_sub(reply.title.trim().chars().count() + footer_chars);
    if text.chars().count() <= budget {
        return (text, None);
    }
    let mut pieces = split_text(&text, budget).into_iter();
    let first = pieces.next().unwrap_or_default();
    let rest: Vec<String> = pieces.collect();
    (
        first,
        Some(rest.join("\n\n")).filter(|r| !r.trim().is_empty()),
    )
}

/// Plan the messages for a reply's card.
pub fn layout(reply: &Reply, replies: &Replies) -> Vec<Card> {
    layout_view(reply, replies, View::Card)
}

/// Plan the messages for one view of a reply. Usually one; a very long
/// answer continues in further messages, split at paragraph or sentence
/// boundaries. Buttons go on the last message.
pub fn layout_view(reply: &Reply, replies: &Replies, view: View) -> Vec<Card> {
    let sections = words::sections(reply, replies);
    match view {
        View::Card if reply.estimate().is_some() => vec![estimate_card(reply, replies, &sections)],
        View::Card if has_working_out(reply) => vec![comparison_card(reply, replies, &sections)],
        View::Card if reply.topic.as_deref() == Some(HELP_TOPIC) => vec![help_card(reply, replies)],
        View::Card => {
            let (text, rest) = card_text(reply, replies, &sections);
            let mut buttons = Vec::new();
            if rest.is_some() {
                buttons.push(Button {
                    custom_id: format!("{MORE_PREFIX}{:016x}", reply_key(reply)),
                    label: truncate(&replies.card.more, limits::BUTTON_LABEL),
                });
            }
            buttons.extend(buttons_beside(&reply.suggestions, &text));
            text_cards(
                reply.title.trim(),
                &text,
                colour(reply.kind),
                footer(reply),
                buttons,
            )
        }
        View::WorkingOut => text_cards(
            &replies.card.working_out,
            &sections.full_text(replies),
            colour(reply.kind),
            footer(reply),
            Vec::new(),
        ),
        View::More => {
            let rest = card_text(reply, replies, &sections).1.unwrap_or_default();
            text_cards(
                reply.title.trim(),
                &rest,
                colour(reply.kind),
                footer(reply),
                Vec::new(),
            )
        }
        View::Sources => {
            let list: Vec<String> = (reply.sources.iter())
                .map(|source| format!("- {}", source.full))
                .collect();
            text_cards(
                &replies.card.sources,
                &list.join("\n"),
                colour(reply.kind),
                None,
                Vec::new(),
            )
        }
    }
}

/// A text in as many one-embed messages as it needs, the footer on the
/// last one and the buttons under it.
fn text_cards(
    title: &str,
    text: &str,
    colour: u32,
    footer: Option<String>,
    buttons: Vec<Button>,
) -> Vec<Card> {
    let title = truncate(title, limits::EMBED_TITLE);
    let footer_chars = footer.as_deref().map_or(0, |f| f.chars().count());
    let budget =
        (limits::EMBED_TOTAL - title.chars().count() - footer_chars).min(limits::EMBED_DESCRIPTION);
    let pieces = if text.chars().count() <= budget {
        vec![text.to_string()]
    } else {
        split_text(text, budget)
    };
    let mut embeds: Vec<Embed> = (pieces.into_iter().enumerate())
        .map(|(i, description)| Embed {
            title: (i == 0).then(|| title.clone()),
            description,
            colour,
            ..Embed::default()
        })
        .collect();
    if embeds.is_empty() {
        embeds.push(Embed {
            title: Some(title),
            colour,
            ..Embed::default()
        });
    }
    if let Some(last) = embeds.last_mut() {
        last.footer = footer;
    }
    // One embed per message keeps every message far inside the 6000 total
    // and reads as a continuation in Discord.
    let mut cards: Vec<Card> = (embeds.into_iter())
        .map(|embed| Card {
            embeds: vec![embed],
            ..Card::default()
        })
        .collect();
    if let Some(last) = cards.last_mut() {
        last.buttons = buttons;
    }
    cards
}

/// An estimate at a glance: the range and the typical figure, the verdict
/// on the person's own pay, the details it is based on, one line per
/// factor, the chart (attached later) and a one-line footer. The whole
/// working-out and the full sources are behind two buttons.
fn estimate_card(reply: &Reply, replies: &Replies, sections: &words::Sections) -> Card {
    let words = &replies.card;
    let mut lines = vec![sections.headline.trim().to_string()];
    if let Content::Estimate(content) = &reply.content {
        // "Will 45k cover my rent in Boston?": the answer first.
        if let Some(prices) = content.prices.as_ref().filter(|p| p.asked)
            && let (Some(theirs), Some(yours)) = (prices.theirs, content.their_pay)
        {
            lines.push(fill(
                &words.estimate_prices_asked,
                &[
                    ("yours", &dollars(yours)),
                    ("place", &prices.place),
                    ("theirs", &dollars(theirs)),
                ],
            ));
        }
        if let Some(pay) = content.their_pay {
            lines.push(words::pay_position(replies, pay, &content.estimate));
        }
        if let Some(hours) = content.hourly {
            lines.push(words::in_hourly(
                &replies.estimate_hourly,
                &content.estimate,
                hours,
            ));
        }
        if let Some(prices) = &content.prices {
            lines.push(fill(
                &words.estimate_prices,
                &[
                    ("typical", &dollars(prices.typical)),
                    ("percent", &words::price_percent(prices.rpp)),
                ],
            ));
        }
    }
    let subjects: Vec<&str> = (sections.working_out.iter())
        .map(|line| line.subject.as_str())
        .filter(|subject| !subject.is_empty())
        .collect();
    if !subjects.is_empty() {
        lines.push(fill(
            &words.based_on,
            &[("details", &subjects.join(&words.joiner))],
        ));
    }
    let mut fields = Vec::new();
    if let Some(estimate) = reply.estimate() {
        if sections.working_out.is_empty() {
            // No detail given: say what the figure is (the national one).
            if let Some(first) = sections.body.split("\n\n").next() {
                lines.push(first.trim().to_string());
            }
        } else {
            let factor_lines: Vec<String> = (sections.working_out.iter())
                .map(|line| {
                    fill(
                        &words.factor,
                        &[("effect", &line.effect), ("name", &line.name)],
                    )
                })
                .collect();
            fields.push(Field {
                name: truncate(
                    &fill(
                        &words.factors_from,
                        &[("baseline", &dollars(estimate.baseline))],
                    ),
                    limits::EMBED_FIELD_NAME,
                ),
                value: truncate(&factor_lines.join("\n"), limits::EMBED_FIELD_VALUE),
                inline: false,
            });
        }
        if !estimate.missing.is_empty() {
            lines.push(fill(
                &replies.sharpen,
                &[("missing", &words::missing_words(replies, &estimate.missing))],
            ));
        }
    }
    let description = lines.join("\n");
    let key = format!("{:016x}", reply_key(reply));
    let mut buttons = vec![
        Button {
            custom_id: format!("{WORKING_OUT_PREFIX}{key}"),
            label: truncate(&words.working_out, limits::BUTTON_LABEL),
        },
        Button {
            custom_id: format!("{SOURCES_PREFIX}{key}"),
            label: truncate(&words.sources, limits::BUTTON_LABEL),
        },
    ];
    buttons.extend(buttons_beside(&reply.suggestions, &description));
    // Two embeds, so the chart (the first embed's image, which Discord
    // draws after that embed's fields) sits right under the figures, and
    // the factors follow it.
    let mut embeds = vec![Embed {
        title: Some(truncate(reply.title.trim(), limits::EMBED_TITLE)),
        image: None,
        description,
        fields: Vec::new(),
        footer: None,
        colour: colour(reply.kind),
    }];
    let footer = footer(reply);
    if fields.is_empty() {
        embeds[0].footer = footer;
    } else {
        embeds.push(Embed {
            fields,
            footer,
            colour: colour(reply.kind),
            ..Embed::default()
        });
    }
    Card {
        embeds,
        buttons,
        chart: None,
    }
}

/// A comparison at a glance: the verdict first, then the options side by
/// side, one inline field each, with their short names. The whole text
/// (how it was made, the caveats, the official area names) is behind the
/// "How it's worked out" button.
fn comparison_card(reply: &Reply, replies: &Replies, sections: &words::Sections) -> Card {
    let words = &replies.card;
    let mut lines = vec![sections.headline.trim().to_string()];
    let mut fields = Vec::new();
    match &reply.content {
        Content::PlaceComparison(comparison) => {
            for option in &comparison.options {
                let estimate = &option.estimate;
                let hourly = comparison.hourly.map_or(String::new(), |hours| {
                    words::in_hourly(&replies.comparison_hourly, estimate, hours)
                });
                let mut value = fill(
                    &words.option,
                    &[
                        ("low", &dollars(estimate.low)),
                        ("high", &dollars(estimate.high)),
                        ("mid", &dollars(estimate.mid)),
                        ("hourly", &hourly),
                    ],
                );
                if let Some(median) = option.bls_median {
                    value.push('\n');
                    value.push_str(&fill(&words.option_bls, &[("median", &dollars(median))]));
                }
                if let Some(prices) = &option.prices {
                    value.push('\n');
                    value.push_str(&fill(
                        &words.option_prices,
                        &[
                            ("typical", &dollars(prices.typical)),
                            ("percent", &words::price_percent(prices.rpp)),
                        ],
                    ));
                }
                fields.push(Field {
                    name: truncate(&option.name, limits::EMBED_FIELD_NAME),
                    value: truncate(&value, limits::EMBED_FIELD_VALUE),
                    inline: true,
                });
            }
            if let Some(pay) = comparison.their_pay {
                for option in &comparison.options {
                    let position = words::pay_position(replies, pay, &option.estimate);
                    lines.push(fill(
                        &replies.comparison_your_pay,
                        &[("name", &option.name), ("position", &position)],
                    ));
                }
            }
            if !comparison.missing.is_empty() {
                lines.push(fill(
                    &replies.sharpen,
                    &[(
                        "missing",
                        &words::missing_words(replies, &comparison.missing),
                    )],
                ));
            }
        }
        // One inline field per offer: its parts, cash total, PTO and pay at
        // national prices. What could not be read is said under the
        // verdict; the assumptions are behind the working-out button.
        Content::Offers(comparison) => {
            let w = &replies.offers;
            for offer in &comparison.offers {
                let name = crate::render::offers::heading(w, offer).replace("**", "");
                let lines = crate::render::offers::offer_lines(w, offer);
                fields.push(Field {
                    name: truncate(&name, limits::EMBED_FIELD_NAME),
                    value: truncate(&lines.join("\n"), limits::EMBED_FIELD_VALUE),
                    inline: true,
                });
            }
            for label in &comparison.unread {
                let name = crate::render::offers::offer_name(w, label, false);
                lines.push(fill(&w.unread, &[("name", &name)]));
            }
        }
        Content::EntityComparison(comparison) => {
            for option in &comparison.options {
                let facts: Vec<String> = (option.facts.iter())
                    .map(|(aspect, fact)| format!("**{}**: {fact}", replies.compare.aspect(aspect)))
                    .collect();
                fields.push(Field {
                    name: truncate(&option.name, limits::EMBED_FIELD_NAME),
                    value: truncate(&facts.join("\n"), limits::EMBED_FIELD_VALUE),
                    inline: true,
                });
            }
        }
        _ => {}
    }
    fields.truncate(limits::EMBED_FIELDS);
    let description = lines.join("\n");
    let mut shown = description.clone();
    for field in &fields {
        shown.push('\n');
        shown.push_str(&field.name);
        shown.push('\n');
        shown.push_str(&field.value);
    }
    let mut buttons = vec![Button {
        custom_id: format!("{WORKING_OUT_PREFIX}{:016x}", reply_key(reply)),
        label: truncate(&words.working_out, limits::BUTTON_LABEL),
    }];
    buttons.extend(buttons_beside(&reply.suggestions, &shown));
    Card {
        embeds: vec![Embed {
            title: Some(truncate(reply.title.trim(), limits::EMBED_TITLE)),
            image: None,
            description,
            fields,
            footer: footer(reply),
            colour: colour(reply.kind),
        }],
        buttons,
        chart: None,
    }
}

/// The topic that `/help` and "help" open; on Discord it is shown as the
/// commands card.
pub const HELP_TOPIC: &str = "meta.help";

/// `/help` on Discord: what careerbot is, a field per group of commands,
/// the one-topic commands, and buttons to start with. The terminal has its
/// own help.
fn help_card(reply: &Reply, replies: &Replies) -> Card {
    let help = &replies.card.help;
    let mut fields: Vec<Field> = (help.groups.iter())
        .map(|group| Field {
            name: truncate(&group.name, limits::EMBED_FIELD_NAME),
            value: truncate(&group.value, limits::EMBED_FIELD_VALUE),
            inline: false,
        })
        .collect();
    let topics: Vec<String> = std::iter::once("certs")
        .chain(
            (replies.shortcuts.iter())
                .map(|s| s.get_ref().name.as_str())
                .filter(|name| *name != "help"),
        )
        .map(|name| format!("`/{name}`"))
        .collect();
    fields.push(Field {
        name: truncate(&help.topics, limits::EMBED_FIELD_NAME),
        value: truncate(&topics.join(" "), limits::EMBED_FIELD_VALUE),
        inline: false,
    });
    let starters: Vec<TopicLink> = (reply.suggestions.iter())
        .filter(|link| link.id != HELP_TOPIC)
        .cloned()
        .collect();
    Card {
        embeds: vec![Embed {
            title: Some(truncate(reply.title.trim(), limits::EMBED_TITLE)),
            image: None,
            description: help.intro.clone(),
            fields,
            footer: None,
            colour: colour(reply.kind),
        }],
        buttons: buttons(&starters),
        chart: None,
    }
}

/// The reply's sources in a few words each, on one line.
fn footer(reply: &Reply) -> Option<String> {
    let mut shorts: Vec<&str> = Vec::new();
    for source in &reply.sources {
        if !shorts.contains(&source.short.as_str()) {
            shorts.push(&source.short);
        }
    }
    let mut line = String::new();
    for short in shorts {
        let next = if line.is_empty() {
            short.to_string()
        } else {
            format!("{line} · {short}")
        };
        if next.chars().count() > FOOTER_LINE {
            break;
        }
        line = next;
    }
    (!line.is_empty()).then_some(line)
}

/// Buttons for the suggested topics the text does not already name.
fn buttons_beside(suggestions: &[TopicLink], text: &str) -> Vec<Button> {
    let text = text.to_lowercase();
    let fresh: Vec<TopicLink> = (suggestions.iter())
        .filter(|link| {
            !text.contains(&link.title.to_lowercase())
                && !text.contains(&link.short_title.to_lowercase())
        })
        .cloned()
        .collect();
    buttons(&fresh)
}

/// Buttons for the topics a reply suggests, at most three.
pub fn buttons(suggestions: &[TopicLink]) -> Vec<Button> {
    suggestions
        .iter()
        .filter_map(|link| {
            let custom_id = format!("{TOPIC_BUTTON_PREFIX}{}", link.id);
            (custom_id.chars().count() <= limits::CUSTOM_ID).then(|| Button {
                custom_id,
                label: truncate(&link.short_title, limits::BUTTON_LABEL),
            })
        })
        .take(MAX_RELATED_BUTTONS)
        .collect()
}

/// The prefix of the 👍/👎 buttons' `custom_id`s; the answer's reference
/// follows, in hex.
pub const VOTE_PREFIX: &str = "vote:";

/// Give a card the 👍/👎 pair for the answer with `answer_ref`, in the same
/// row as its other buttons. Where the row is full, they take its last two
/// places.
pub fn add_vote_buttons(card: &mut Card, answer_ref: i64, words: &crate::knowledge::ReviewWords) {
    let room = limits::BUTTONS_PER_ROW - 2;
    if card.buttons.len() > room {
        card.buttons.truncate(room);
    }
    for (way, label) in [("up", &words.vote_up), ("down", &words.vote_down)] {
        card.buttons.push(Button {
            custom_id: format!("{VOTE_PREFIX}{way}:{answer_ref:x}"),
            label: truncate(label, limits::BUTTON_LABEL),
        });
    }
}

/// The answer a 👍/👎 button is for, and whether it was 👍.
pub fn vote_of_button(custom_id: &str) -> Option<(i64, bool)> {
    let rest = custom_id.strip_prefix(VOTE_PREFIX)?;
    let (helpful, reference) = match rest.split_once(':')? {
        ("up", reference) => (true, reference),
        ("down", reference) => (false, reference),
        _ => return None,
    };
    let reference = i64::from_str_radix(reference, 16).ok()?;
    Some((reference, helpful))
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
    let mut built = serenity::CreateEmbed::new().colour(embed.colour);
    // An embed of fields alone (an estimate's factors) has no description.
    if !embed.description.is_empty() {
        built = built.description(embed.description.clone());
    }
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
