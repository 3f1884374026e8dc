//! Prints the matching evidence for each labelled question, as CSV, for
//! fitting the confidence formula. Usage:
//! `cargo run --example features -- tests/questions/tuning.toml`

use careerbot::Engine;

fn main() {
    let path = std::env::args().nth(1).expect("a question set");
    let text = std::fs::read_to_string(&path).expect("readable");
    let set: toml::Value = toml::from_str(&text).expect("toml");
    let engine =
        Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge")).expect("knowledge");
    println!("right,coverage,best,second,terms,expect,top,text");
    for q in set["question"].as_array().expect("questions") {
        let text = q["text"].as_str().unwrap_or("");
        let expect = q["expect"].as_str().unwrap_or("");
        if expect == "salary.estimate" || expect == "compensation.calculator" {
            continue;
        }
        let e = engine.explain(text);
        let top = e
            .candidates
            .first()
            .map(|c| c.0.clone())
            .unwrap_or_default();
        let ev = e.ranking;
        println!(
            "{},{:.4},{:.4},{:.4},{},{},{},{:?}",
            u8::from(top == expect),
            ev.coverage,
            ev.best_score,
            ev.second_score,
            ev.terms,
            expect,
            top,
            text.replace(',', " ")
        );
    }
}
