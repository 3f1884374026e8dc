//! Generated input through the same path a person's messages take: a short
//! conversation of messages built from domain words, pay figures, odd
//! Unicode, markdown and mentions, each answered by the engine and rendered
//! as terminal text, the JSON contract and Discord messages.
//!
//! Whatever comes in, every reply is non-empty, fits Discord's limits,
//! pings nobody and never repeats a word only the person typed.

mod common;

use careerbot::conversation::Conversation;
use careerbot::discord::{limits, render};
use careerbot::render::{json, text};
use proptest::prelude::*;

/// A word careerbot never says: if a reply holds it, the reply echoed the
/// person's own text.
const MARKER: &str = "qzvxmarker";

/// Pieces a message is made of: the domain's words, details in every form,
/// and the input that has broken parsers before.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "pt care coordinator",
            "salary",
            "how much",
            "vs",
            "or",
            "better",
            "cmaa",
            "cpc",
            "bachelor's",
            "associate",
            "hospital",
            "private clinic",
            "boston",
            "rural",
            "nyc",
            "years",
            "experience",
            "401k",
            "match",
            "bonus",
            "total comp",
            "is it worth it",
            "what does",
            "how long",
            "cost",
            "what about",
            "instead",
            "actually",
            "not",
            "?",
            "!!!",
            "@everyone",
            "@here",
            "<@123456789012345678>",
            "**bold**",
            "`code`",
            "||spoiler||",
            "> quote",
            "\u{200b}",
            "e\u{301}\u{301}\u{301}",
            "🙂",
            "👍🏽",
            "ｆｕｌｌｗｉｄｔｈ",
            "İstanbul",
            "ß",
            "\u{202e}",
            "\n",
            "\t",
            "%",
            "$",
            "k",
            "/hr",
            "-",
            ",",
            ".",
        ])
        .prop_map(str::to_string),
        (0u64..10_000_000).prop_map(|n| n.to_string()),
        (0u32..200, 0u32..100).prop_map(|(d, c)| format!("${d}.{c:02}")),
        (0u32..500).prop_map(|k| format!("{k}k")),
        (0u32..120).prop_map(|y| format!("{y} years")),
        "[a-z]{1,12}".prop_map(|word| format!("{MARKER}{word}")),
        any::<char>().prop_map(|c| c.to_string()),
        ".{0,40}",
    ]
}

fn message() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..24).prop_map(|pieces| pieces.join(" "))
}

/// Every rendering of one reply, checked.
fn check_renderings(question: &str, reply: &careerbot::reply::Reply) -> Result<(), TestCaseError> {
    let words = common::words();
    let shown = text::to_text(reply, words);
    prop_assert!(
        !shown.trim().is_empty(),
        "an empty terminal reply to {question:?}"
    );
    prop_assert!(
        !shown.contains(MARKER),
        "the reply echoed the person's text: {shown}"
    );

    let line = json::to_json_line(question, reply, words);
    let mut value: serde_json::Value = serde_json::from_str(&line)
        .map_err(|e| TestCaseError::fail(format!("the JSON line does not parse: {e}")))?;
    prop_assert_eq!(value["question"].as_str(), Some(question));
    // Everything but the question itself, which the contract echoes on purpose.
    if let Some(object) = value.as_object_mut() {
        object.remove("question");
    }
    let answer = value.to_string();
    prop_assert!(
        !answer.contains(MARKER),
        "the JSON reply echoed the person's text"
    );

    let cards = render::layout(reply, words);
    prop_assert!(!cards.is_empty());
    for card in &cards {
        prop_assert!(card.embeds.len() <= limits::EMBEDS_PER_MESSAGE);
        let total: usize = card.embeds.iter().map(render::Embed::counted_chars).sum();
        prop_assert!(
            total <= limits::EMBED_TOTAL,
            "{total} characters across embeds"
        );
        for embed in &card.embeds {
            prop_assert!(embed.description.chars().count() <= limits::EMBED_DESCRIPTION);
            prop_assert!(embed.fields.len() <= limits::EMBED_FIELDS);
            for field in &embed.fields {
                prop_assert!(field.name.chars().count() <= limits::EMBED_FIELD_NAME);
                prop_assert!(field.value.chars().count() <= limits::EMBED_FIELD_VALUE);
                prop_assert!(!field.value.trim().is_empty(), "an empty field value");
            }
            let all = format!("{:?}", embed);
            prop_assert!(!all.contains(MARKER), "the embed echoed the person's text");
        }
        let message = serde_json::to_value(render::to_channel_message(card, None))
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        let mentions = &message["allowed_mentions"];
        prop_assert_eq!(&mentions["parse"], &serde_json::json!([]), "pings nobody");
        prop_assert_eq!(&mentions["users"], &serde_json::json!([]));
        prop_assert_eq!(&mentions["roles"], &serde_json::json!([]));
        prop_assert_eq!(&mentions["replied_user"], &serde_json::json!(false));
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 200, ..ProptestConfig::default() })]

    #[test]
    fn any_conversation_gets_safe_well_formed_replies(
        messages in prop::collection::vec(message(), 1..4)
    ) {
        let engine = common::engine();
        let mut conversation = Conversation::new();
        for message in &messages {
            let reply = conversation.ask(engine, message);
            check_renderings(message, &reply)?;
        }
    }

    #[test]
    fn one_long_message_of_any_characters_gets_a_reply(raw in ".{0,3000}") {
        let reply = common::engine().answer(&raw);
        check_renderings(&raw, &reply)?;
    }
}
