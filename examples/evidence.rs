//! The evidence behind declining, for every question of a tuning set, as
//! CSV: whether it should be declined, the intent read, the evidence for
//! and against the role, the ranking's confidence and what careerbot did.
//!
//! cargo run --release --example evidence -- tests/questions/dev.toml

use careerbot::Engine;
use serde::Deserialize;

#[derive(Deserialize)]
struct Set {
    #[serde(default)]
    item: Vec<Item>,
    #[serde(default)]
    question: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Item {
    kind: String,
    ask: Option<String>,
}

#[derive(Deserialize)]
struct Labelled {
    text: String,
    expect: String,
}

fn main() {
    let path = std::env::args().nth(1).expect("a question set");
    let set: Set =
        toml::from_str(&std::fs::read_to_string(&path).expect("readable")).expect("a question set");
    let engine = Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge")).expect("loads");
    let questions: Vec<(bool, String)> = (set.item.iter())
        .filter_map(|i| {
            let out = matches!(i.kind.as_str(), "near_miss" | "off_topic" | "other_role");
            i.ask.clone().map(|a| (out, a))
        })
        .chain(
            set.question
                .iter()
                .map(|q| (q.expect == "none", q.text.clone())),
        )
        .collect();
    println!(
        "out,intent,domain,foreign,confidence,asks,entity,offtop,qwords,declined,domain_words,foreign_words,qualified,question"
    );
    for (out, question) in questions {
        let e = engine.explain(&question);
        let reply = engine.answer(&question);
        println!(
            "{},{},{:.2},{:.2},{:.3},{},{},{},{},{},{},{},{},{:?}",
            u8::from(out),
            e.intent,
            e.evidence.domain,
            e.evidence.foreign,
            e.confidence,
            u8::from(e.asks_pay_or_job),
            u8::from(!e.entities.is_empty()),
            u8::from(e.off_topic_first),
            e.evidence.question_words,
            u8::from(reply.topic.is_none()),
            e.evidence.domain_words.join(" "),
            e.evidence.foreign_words.join(" "),
            e.evidence.qualified.join(" "),
            question.replace(',', " ")
        );
    }
}
