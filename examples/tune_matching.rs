//! Grid search over the matching parameters, scored on the tuning question
//! sets only (never the held-out set). Prints the best settings by top-1
//! rank accuracy on in-scope questions. Usage:
//! `cargo run --release --example tune_matching`

use careerbot::Engine;
use careerbot::knowledge::KnowledgeBase;
use careerbot::matching::Params;

fn main() {
    let root = env!("CARGO_MANIFEST_DIR");
    let kb = KnowledgeBase::load(format!("{root}/knowledge")).expect("knowledge");
    let mut questions: Vec<(String, String)> = Vec::new();
    for file in ["tuning.toml", "tuning_extra.toml"] {
        let Ok(text) = std::fs::read_to_string(format!("{root}/tests/questions/{file}")) else {
            continue;
        };
        let set: toml::Value = toml::from_str(&text).expect("toml");
        for q in set["question"].as_array().expect("questions") {
            let expect = q["expect"].as_str().unwrap_or("").to_string();
            if expect != "none"
                && expect != "salary.estimate"
                && expect != "compensation.calculator"
            {
                questions.push((q["text"].as_str().unwrap_or("").to_string(), expect));
            }
        }
    }
    let mut results = Vec::new();
    for k1 in [0.9, 1.2, 1.6] {
        for b in [0.25, 0.5, 0.75] {
            for keyword_weight in [0.3, 0.6, 1.0] {
                for answer_weight in [0.0, 0.15, 0.3, 0.5] {
                    let params = Params {
                        k1,
                        b,
                        keyword_weight,
                        answer_weight,
                    };
                    let engine = Engine::with_params(kb.clone(), params);
                    let right = questions
                        .iter()
                        .filter(|(text, expect)| {
                            engine
                                .explain(text)
                                .candidates
                                .first()
                                .map(|c| c.0.as_str())
                                == Some(expect.as_str())
                        })
                        .count();
                    results.push((right, params));
                }
            }
        }
    }
    results.sort_by_key(|r| std::cmp::Reverse(r.0));
    println!("{} in-scope tuning questions", questions.len());
    for (right, params) in results.iter().take(10) {
        println!("{right:>4}  {params:?}");
    }
    let default = results
        .iter()
        .find(|(_, p)| *p == Params::default())
        .map(|r| r.0);
    println!("default: {default:?}");
}
