//! Cards read at a glance: the limits of what each Discord card shows, on
//! every kind of reply. The replies are the engine's own, for the
//! development and tuning questions (their words only: whether they are
//! answered right is measured elsewhere), every topic, and the greeting.
//!
//! - a salary card shows at most `ESTIMATE_VISIBLE` characters, title and
//!   footer included; any other card at most `CARD_VISIBLE`, the rest behind
//!   a "More" button, with nothing lost;
//! - button labels are at most 30 characters;
//! - a footer is one line;
//! - no button opens a topic the text already names.

mod common;

use careerbot::discord::render::{self, Card, View};
use careerbot::{Conversation, Reply};
use serde::Deserialize;
use std::collections::BTreeSet;

#[derive(Deserialize)]
struct Items {
    #[serde(default)]
    item: Vec<Item>,
    #[serde(default)]
    question: Vec<Question>,
}

#[derive(Deserialize)]
struct Item {
    #[serde(default)]
    ask: Option<String>,
    #[serde(default)]
    turns: Vec<String>,
}

#[derive(Deserialize)]
struct Question {
    text: String,
}

/// Every reply of the question sets, conversations played through, and of
/// every topic.
fn replies() -> Vec<Reply> {
    let engine = common::engine();
    let mut replies = Vec::new();
    for file in ["dev.toml", "dev2.toml", "tuning.toml", "tuning_extra.toml"] {
        let path = common::knowledge_dir()
            .join("../tests/questions")
            .join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let items: Items = toml::from_str(&text).unwrap();
        for item in items.item {
            let mut conversation = Conversation::new();
            for turn in item.ask.iter().chain(&item.turns) {
                replies.push(conversation.ask(engine, turn));
            }
        }
        for question in items.question {
            replies.push(engine.answer(&question.text));
        }
    }
    for entry in &engine.knowledge().entries {
        replies.push(engine.topic(&entry.id).unwrap());
    }
    replies.push(engine.answer("hi"));
    replies
}

/// What Discord shows of an embed: title, description, fields, footer.
fn visible(card: &Card) -> usize {
    card.embeds.iter().map(|e| e.counted_chars()).sum()
}

fn described(reply: &Reply) -> String {
    common::text_of(reply).chars().take(80).collect()
}

#[test]
fn every_card_stays_within_what_reads_at_a_glance() {
    let words = common::words();
    let replies = replies();
    let mut kinds = BTreeSet::new();
    let mut estimates = 0;
    let mut with_more = 0;
    for reply in &replies {
        kinds.insert(format!("{:?}", reply.kind));
        let cards = render::layout(reply, words);
        let first = &cards[0];
        if reply.estimate().is_some() {
            estimates += 1;
            assert_eq!(cards.len(), 1, "{}", described(reply));
            let shown = visible(first);
            assert!(
                shown <= render::ESTIMATE_VISIBLE,
                "a salary card of {shown} characters: {}",
                described(reply)
            );
        } else {
            let shown = visible(first);
            assert!(
                shown <= render::CARD_VISIBLE,
                "a card of {shown} characters: {}",
                described(reply)
            );
            let views: Vec<View> = (first.buttons.iter())
                .filter_map(|b| render::detail_button(&b.custom_id))
                .map(|(view, _)| view)
                .collect();
            let more = views.contains(&View::More);
            // A card with its working-out behind a button shows the whole
            // text there; "More" is for the rest of a long text.
            let working_out = views.contains(&View::WorkingOut);
            assert_eq!(
                more,
                !working_out && cards.len() == 1 && reply_is_long(reply),
                "{}",
                described(reply)
            );
            if more {
                with_more += 1;
            }
        }
        for card in &cards {
            let text: String = (card.embeds.iter())
                .map(|e| e.description.to_lowercase())
                .collect();
            for button in &card.buttons {
                let label = button.label.chars().count();
                assert!(label <= 30, "a button of {label}: {:?}", button.label);
                if let Some(topic) = render::topic_of_button(&button.custom_id) {
                    let link = (reply.suggestions.iter()).find(|l| l.id == topic).unwrap();
                    assert!(
                        !text.contains(&link.title.to_lowercase()),
                        "the text already names {:?}: {}",
                        link.title,
                        described(reply)
                    );
                }
            }
            for embed in &card.embeds {
                if let Some(footer) = &embed.footer {
                    assert!(!footer.contains('\n'), "a footer of lines: {footer:?}");
                    assert!(footer.chars().count() <= render::FOOTER_LINE);
                }
            }
        }
    }
    // The sample covers the reply kinds, many estimates and long answers.
    assert!(kinds.len() >= 7, "{kinds:?}");
    assert!(estimates >= 50, "{estimates} estimates");
    assert!(with_more >= 3, "{with_more} long answers");
}

/// Whether the reply's whole text is more than a card shows.
fn reply_is_long(reply: &Reply) -> bool {
    let rest = render::layout_view(reply, common::words(), View::More);
    rest.iter()
        .flat_map(|c| &c.embeds)
        .any(|e| !e.description.trim().is_empty())
}

#[test]
fn the_greeting_offers_three_starting_points_and_names_help() {
    let reply = common::engine().answer("hello!");
    let cards = render::layout(&reply, common::words());
    let card = &cards[0];
    assert_eq!(card.buttons.len(), 3);
    assert!(card.embeds[0].description.contains("/help"));
    assert!(!card.embeds[0].description.contains("Type `help`"));
}

#[test]
fn a_salary_card_answers_what_their_pay_buys_there_first() {
    // Boston's price level is 108.3 (BEA, 2024): 45,000 ÷ 1.083 = 41,551.
    let reply = common::engine().answer("will 45k cover my rent in boston");
    let cards = render::layout(&reply, common::words());
    let description = &cards[0].embeds[0].description;
    let second = description.lines().nth(1).unwrap_or_default();
    assert!(
        second.contains("$45,000 in Boston ≈ $41,5"),
        "{description}"
    );
}
