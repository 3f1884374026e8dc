//! What the real client must send for a request: the answer a twin [`Bot`]
//! (same knowledge, same settings) gives a user with no history, rendered
//! the way the client renders it; and a comparison of a message the bot
//! sent with it.

use careerbot::discord::bot::{Bot, Request};
use careerbot::discord::render;
use serde_json::Value;
use std::time::Instant;

/// The answer a fresh user gets for a request.
#[derive(Debug, Clone)]
pub struct Expected {
    /// The interaction response (or follow-up) data of each message.
    pub messages: Vec<Value>,
    pub private: bool,
    pub title: String,
}

/// What `bot` answers `user` (who must have no history with it) for
/// `request`.
pub fn expected(bot: &Bot, user: u64, request: Request) -> Expected {
    let answer = bot.handle(user, request, Instant::now());
    let cards = render::layout(&answer.reply, &bot.engine().knowledge().replies);
    let messages = cards
        .iter()
        .map(|card| {
            serde_json::to_value(render::to_interaction_message(card, answer.private))
                .expect("a message serializes")
        })
        .collect();
    Expected {
        messages,
        private: answer.private,
        title: answer.reply.title.clone(),
    }
}

/// How a sent message differs from the expected one, if it does: its
/// embeds, buttons and privacy. An embed image (the salary chart) is left
/// out: expected messages are planned without drawing it.
pub fn message_difference(sent: &Value, expected: &Value, private: bool) -> Option<String> {
    let without_images = |embeds: &Value| {
        let mut embeds = embeds.as_array().cloned().unwrap_or_default();
        for embed in &mut embeds {
            if let Some(embed) = embed.as_object_mut() {
                embed.remove("image");
            }
        }
        embeds
    };
    let components = |message: &Value| {
        message["components"]
            .as_array()
            .cloned()
            .unwrap_or_default()
    };
    if without_images(&sent["embeds"]) != without_images(&expected["embeds"]) {
        return Some(format!(
            "embeds differ: sent {:#}, expected {:#}",
            sent["embeds"], expected["embeds"]
        ));
    }
    // A bot that records answers adds 👍/👎, which take the last two
    // places of a full row: compare the rest with the expected buttons.
    let buttons = |message: &Value| -> Vec<Value> {
        (components(message).iter())
            .flat_map(|row| row["components"].as_array().cloned().unwrap_or_default())
            .collect()
    };
    let is_vote = |b: &Value| {
        b["custom_id"]
            .as_str()
            .is_some_and(|id| id.starts_with("vote:"))
    };
    let sent_buttons = buttons(sent);
    let voted = sent_buttons.iter().any(is_vote);
    let kept: Vec<Value> = sent_buttons.into_iter().filter(|b| !is_vote(b)).collect();
    let mut wanted = buttons(expected);
    if voted {
        wanted.truncate(kept.len());
    }
    let rows_match = voted || components(sent) == components(expected);
    if kept != wanted || !rows_match {
        return Some(format!(
            "buttons differ: sent {:#}, expected {:#}",
            sent["components"], expected["components"]
        ));
    }
    let flags = sent["flags"].as_u64().unwrap_or(0);
    if (flags & 64 != 0) != private {
        return Some(format!(
            "ephemeral flag {flags}, expected private = {private}"
        ));
    }
    None
}
