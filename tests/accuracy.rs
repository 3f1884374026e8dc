//! Matching accuracy on the labelled question sets in `tests/questions/`.
//!
//! - `tuning.toml` and `tuning_extra.toml` are what phrasings, the lexicon
//!   and the confidence calibration were tuned against.
//! - `heldout.toml` was written before any tuning and never used for it:
//!   its figures are the honest measure.
//!
//! Each set must reach 95% top-1 accuracy on in-scope questions and 95%
//! rejection of out-of-scope ones ("none": the reply must have no topic).
//! Every miss is printed.

mod common;

use careerbot::ReplyKind;
use serde::Deserialize;

#[derive(Deserialize)]
struct QuestionSet {
    question: Vec<Labelled>,
}

#[derive(Deserialize)]
struct Labelled {
    text: String,
    expect: String,
}

struct Score {
    /// (confidence, whether the reply was right) for every reply chosen by
    /// ranking (topic answers, fallbacks and declines; not estimates or
    /// calculations, which rules choose).
    calibration: Vec<(f64, bool)>,
    in_scope: usize,
    correct: usize,
    out_of_scope: usize,
    rejected: usize,
    misses: Vec<String>,
}

impl Score {
    fn accuracy(&self) -> f64 {
        self.correct as f64 / self.in_scope.max(1) as f64
    }
    fn rejection(&self) -> f64 {
        self.rejected as f64 / self.out_of_scope.max(1) as f64
    }
}

fn score(file: &str) -> Score {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/questions")
        .join(file);
    let text = std::fs::read_to_string(&path).expect("question set readable");
    let set: QuestionSet = toml::from_str(&text).expect("question set parses");
    let engine = common::engine();
    let mut score = Score {
        calibration: Vec::new(),
        in_scope: 0,
        correct: 0,
        out_of_scope: 0,
        rejected: 0,
        misses: Vec::new(),
    };
    for q in &set.question {
        let reply = engine.answer(&q.text);
        let got = reply.topic.as_deref().unwrap_or("none");
        if matches!(
            reply.kind,
            ReplyKind::Answer | ReplyKind::Fallback | ReplyKind::OutOfScope
        ) {
            score.calibration.push((reply.confidence, got == q.expect));
        }
        if q.expect == "none" {
            score.out_of_scope += 1;
            if reply.topic.is_none() {
                score.rejected += 1;
                continue;
            }
        } else {
            score.in_scope += 1;
            if got == q.expect {
                score.correct += 1;
                continue;
            }
        }
        score.misses.push(format!(
            "  expected {:<26} got {:<26} ({:.2})  {:?}",
            q.expect, got, reply.confidence, q.text
        ));
    }
    score
}

fn report(name: &str, score: &Score) {
    println!(
        "{name}: top-1 accuracy {}/{} = {:.1}%, out-of-scope rejection {}/{} = {:.1}%",
        score.correct,
        score.in_scope,
        score.accuracy() * 100.0,
        score.rejected,
        score.out_of_scope,
        score.rejection() * 100.0
    );
    for miss in &score.misses {
        println!("{miss}");
    }
    // Reliability: how often a ranked reply is right, by its confidence.
    // A confident reply should be right; a low-confidence one (below the
    // threshold, declined) is "right" when the question was out of scope.
    println!("  confidence  replies  right");
    for bin in 0..5 {
        let (low, high) = (bin as f64 * 0.2, (bin + 1) as f64 * 0.2);
        let in_bin: Vec<bool> = score
            .calibration
            .iter()
            .filter(|(c, _)| *c >= low && (*c < high || (bin == 4 && *c <= 1.0)))
            .map(|(_, right)| *right)
            .collect();
        let right = in_bin.iter().filter(|r| **r).count();
        println!(
            "  {low:.1}-{high:.1}     {:>5}      {:>5.1}%",
            in_bin.len(),
            100.0 * right as f64 / in_bin.len().max(1) as f64
        );
    }
}

fn assert_thresholds(name: &str, score: &Score) {
    report(name, score);
    assert!(
        score.in_scope >= 100 && score.out_of_scope >= 20,
        "{name}: the set is too small to measure"
    );
    assert!(
        score.accuracy() >= 0.95,
        "{name}: top-1 accuracy {:.1}% is below 95% (misses above)",
        score.accuracy() * 100.0
    );
    assert!(
        score.rejection() >= 0.95,
        "{name}: out-of-scope rejection {:.1}% is below 95% (misses above)",
        score.rejection() * 100.0
    );
}

#[test]
fn tuning_set_meets_the_thresholds() {
    assert_thresholds("tuning set", &score("tuning.toml"));
}

#[test]
fn extra_tuning_set_meets_the_thresholds() {
    assert_thresholds("extra tuning set", &score("tuning_extra.toml"));
}

#[test]
fn heldout_set_meets_the_thresholds() {
    assert_thresholds("held-out set (never tuned on)", &score("heldout.toml"));
}

#[test]
fn sets_are_large_enough_and_labels_exist() {
    let engine = common::engine();
    let mut total = 0;
    let mut none = 0;
    for file in ["tuning.toml", "tuning_extra.toml", "heldout.toml"] {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/questions")
            .join(file);
        let set: QuestionSet = toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
        for q in &set.question {
            total += 1;
            if q.expect == "none" {
                none += 1;
            } else {
                assert!(
                    engine.knowledge().entry(&q.expect).is_some(),
                    "{file}: label {:?} is not a topic id",
                    q.expect
                );
            }
        }
    }
    assert!(total >= 300, "{total} questions");
    assert!(none >= 40, "{none} out-of-scope questions");
}
