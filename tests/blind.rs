//! Answers checked by content on questions written blind.
//!
//! `tests/questions/blind.toml` was written from the career guide and the
//! BLS/BEA tables only, by someone who never saw the knowledge base or the
//! tests, and it is never tuned on. `dev.toml`, written the same way, is
//! the development set. Every miss is printed; the format and the measures
//! are described in `tests/questions/README.md`.

mod common;

use common::content::{self, Measure};

/// The least share each measure must reach on the blind set. While the
/// routing redesign is under way these are floors just under the score
/// reached so far (before it: 69.8%, 44.2%, 84.6%, 50.0%, 57.1%, 71.9%);
/// the goal is 95%, 95%, 95%, 90%, 90%, 90%.
const BLIND_THRESHOLDS: [(Measure, f64); 6] = [
    (Measure::InScope, 0.85),
    (Measure::NearMiss, 0.81),
    (Measure::OffTopic, 0.96),
    (Measure::Comparison, 0.88),
    (Measure::Conversation, 0.82),
    (Measure::OtherRole, 0.96),
];

fn assert_thresholds(name: &str, report: &content::Report, thresholds: &[(Measure, f64)]) {
    report.print(name);
    let failed: Vec<String> = thresholds
        .iter()
        .filter(|(measure, least)| report.share(*measure) < *least)
        .map(|(measure, least)| {
            format!(
                "{}: {:.1}% is below {:.0}%",
                measure.name(),
                report.share(*measure) * 100.0,
                least * 100.0
            )
        })
        .collect();
    assert!(failed.is_empty(), "{name}: {}", failed.join("; "));
}

#[test]
fn blind_set_meets_the_thresholds() {
    let set = content::load("blind.toml");
    assert!(
        set.item.len() >= 400,
        "the blind set has {} items",
        set.item.len()
    );
    let report = content::run(common::engine(), &set);
    assert_thresholds("blind set (never tuned on)", &report, &BLIND_THRESHOLDS);
}

/// The development set: tuned on, so its score is not the honest measure,
/// but it must not fall below these.
const DEV_FLOORS: [(Measure, f64); 6] = [
    (Measure::InScope, 0.80),
    (Measure::NearMiss, 0.85),
    (Measure::OffTopic, 0.95),
    (Measure::Comparison, 0.80),
    (Measure::Conversation, 0.85),
    (Measure::OtherRole, 0.85),
];

#[test]
fn development_set_meets_its_floors() {
    scored_against("dev.toml", "development set", &DEV_FLOORS);
}

/// Score one question set and hold it to its least shares.
fn scored_against(file: &str, name: &str, thresholds: &[(Measure, f64)]) {
    let set = content::load(file);
    let report = content::run(common::engine(), &set);
    assert_thresholds(name, &report, thresholds);
}

#[test]
fn second_development_set_meets_its_floors() {
    scored_against("dev2.toml", "second development set", &DEV_FLOORS);
}

#[test]
fn offers_set_is_reported() {
    let set = content::load("blind_offers.toml");
    assert!(
        set.item.len() >= 40,
        "the offers set has {} items",
        set.item.len()
    );
    let report = content::run(common::engine(), &set);
    assert_thresholds(
        "offers set (never tuned on)",
        &report,
        &[(Measure::Offers, 0.0)],
    );
}

/// The offers development set: written blind like the offers set, and
/// tuned on.
#[test]
fn offers_development_set_meets_its_floor() {
    scored_against(
        "dev_offers.toml",
        "offers development set",
        &[(Measure::Offers, 0.0)],
    );
}

#[test]
fn third_development_set_meets_its_floors() {
    scored_against("dev3.toml", "third development set", &DEV3_FLOORS);
}

/// The third development set's floors: just under its score after the
/// first round of tuning on it (when written: 86.0%, 80.9%, 100%, 86.7%,
/// 64.0%, 92.5%).
const DEV3_FLOORS: [(Measure, f64); 6] = [
    (Measure::InScope, 0.87),
    (Measure::NearMiss, 0.81),
    (Measure::OffTopic, 0.95),
    (Measure::Comparison, 0.95),
    (Measure::Conversation, 0.85),
    (Measure::OtherRole, 0.92),
];
