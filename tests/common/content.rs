//! Grading answers by what they contain, not by their topic label.
//!
//! The content-checked question sets (`tests/questions/blind.toml`,
//! `blind_offers.toml`, `dev.toml`) share one format, described in
//! `tests/questions/README.md`: each item names the facts a right answer
//! must contain, as lists of alternatives, and, for a comparison, every
//! side. This module runs an item through a fresh conversation and says
//! whether the last reply passes, and if not, why.

#![allow(dead_code)]

use careerbot::{Conversation, Engine, Reply, ReplyKind};
use regex::Regex;
use serde::Deserialize;
use std::collections::BTreeMap;
use std::sync::LazyLock;

#[derive(Debug, Deserialize)]
pub struct ItemSet {
    pub item: Vec<Item>,
}

/// One check: any of several alternatives, or a special token.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Check {
    Token(String),
    AnyOf(Vec<String>),
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Item {
    pub id: String,
    pub kind: String,
    #[serde(default)]
    pub voice: String,
    #[serde(default)]
    pub section: String,
    #[serde(default)]
    pub ask: Option<String>,
    #[serde(default)]
    pub turns: Vec<String>,
    #[serde(default)]
    pub must: Vec<Check>,
    #[serde(default)]
    pub sides: Vec<Vec<String>>,
    #[serde(default)]
    pub must_not: Vec<String>,
    /// Dollar figures the answer must contain, each within 0.5%.
    #[serde(default)]
    pub amounts: Vec<f64>,
    /// Alternatives, one of which the answer's first sentence must name.
    #[serde(default)]
    pub winner: Vec<String>,
}

impl Item {
    /// The messages, in order; only the last reply is graded.
    pub fn messages(&self) -> Vec<&str> {
        match &self.ask {
            Some(ask) => vec![ask.as_str()],
            None => self.turns.iter().map(String::as_str).collect(),
        }
    }

    /// Kinds whose right answer is a polite "not something I cover".
    pub fn wants_decline(&self) -> bool {
        matches!(self.kind.as_str(), "near_miss" | "off_topic" | "other_role")
    }
}

pub fn load(file: &str) -> ItemSet {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/questions")
        .join(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    toml::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// What a person reads: the reply's whole text, as the terminal shows it.
pub fn reply_text(reply: &Reply) -> String {
    careerbot::render::text::to_text(reply, &super::engine().knowledge().replies)
}

/// True when the reply declines: no topic, and a fallback, an off-topic
/// or another-role reply.
pub fn is_decline(reply: &Reply) -> bool {
    reply.topic.is_none()
        && matches!(
            reply.kind,
            ReplyKind::Fallback | ReplyKind::OutOfScope | ReplyKind::OtherRole
        )
}

pub fn is_salary_estimate(reply: &Reply) -> bool {
    matches!(reply.kind, ReplyKind::Estimate | ReplyKind::Comparison)
}

/// Text folded for matching: lowercase, markdown marks gone, `$` and
/// thousands separators dropped, `45k` as `45000`, "percent" as `%`,
/// curly quotes straight, whitespace collapsed.
pub fn fold(text: &str) -> String {
    static THOUSANDS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d),(\d{3})\b").unwrap());
    static K: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\b(\d+(?:\.\d+)?)\s?k\b").unwrap());
    static PERCENT: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(\d)\s*(?:percent|per cent)\b").unwrap());
    let mut text: String = text
        .to_lowercase()
        .chars()
        .map(|c| match c {
            '\u{2018}' | '\u{2019}' => '\'',
            '\u{201C}' | '\u{201D}' => '"',
            '\u{2010}'..='\u{2015}' => '-',
            '*' | '_' | '`' | '~' | '$' | '#' | '>' => ' ',
            c => c,
        })
        .collect();
    while THOUSANDS.is_match(&text) {
        text = THOUSANDS.replace_all(&text, "$1$2").into_owned();
    }
    let text = K.replace_all(&text, |caps: &regex::Captures| {
        let n: f64 = caps[1].parse().unwrap_or(0.0);
        format!("{}", (n * 1000.0).round() as i64)
    });
    let text = PERCENT.replace_all(&text, "$1%");
    let text = text.replace(" %", "%");
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every dollar figure in a text, in whole dollars.
pub fn dollar_figures(text: &str) -> Vec<f64> {
    static MONEY: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\$\s?(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?(\s?k\b)?").unwrap()
    });
    MONEY
        .captures_iter(text)
        .filter_map(|caps| {
            let whole: f64 = caps[1].replace(',', "").parse().ok()?;
            let cents: f64 = caps
                .get(2)
                .map_or(0.0, |c| c.as_str().parse::<f64>().unwrap_or(0.0) / 100.0);
            let k = if caps.get(3).is_some() { 1000.0 } else { 1.0 };
            Some((whole + cents) * k)
        })
        .collect()
}

/// Phrases that say the sources do not give a figure or fact.
const NOT_GIVEN: [&str; 24] = [
    "doesn't give",
    "does not give",
    "don't give",
    "doesn't say",
    "does not say",
    "don't say",
    "doesn't list",
    "does not list",
    "doesn't state",
    "does not state",
    "doesn't price",
    "doesn't name",
    "does not name",
    "no figure",
    "gives no",
    "give no",
    "has no figure",
    "not in the guide",
    "isn't in the guide",
    "doesn't cover",
    "does not cover",
    "don't have a figure",
    "don't have figures",
    "no data on",
];

/// Why an item failed, or `None` when it passed.
pub fn grade(item: &Item, reply: &Reply) -> Option<String> {
    let raw = reply_text(reply);
    let text = fold(&raw);
    if item.wants_decline() {
        return (!is_decline(reply)).then(|| "not declined".to_string());
    }
    if is_decline(reply) {
        return Some("declined".to_string());
    }
    let contains = |alternative: &str| text.contains(&fold(alternative));
    for check in &item.must {
        match check {
            Check::Token(token) => {
                let ok = match token.as_str() {
                    "{dollars}" => dollar_figures(&raw).iter().any(|d| *d >= 10_000.0),
                    "{not_given}" => NOT_GIVEN.iter().any(|p| text.contains(p)),
                    other => contains(other),
                };
                if !ok {
                    return Some(format!("missing {token}"));
                }
            }
            Check::AnyOf(alternatives) => {
                if !alternatives.iter().any(|a| contains(a)) {
                    return Some(format!("missing any of {alternatives:?}"));
                }
            }
        }
    }
    for (n, side) in item.sides.iter().enumerate() {
        if !side.iter().any(|a| contains(a)) {
            return Some(format!("side {} missing: any of {side:?}", n + 1));
        }
    }
    for banned in &item.must_not {
        let present = match banned.as_str() {
            "{salary_estimate}" => is_salary_estimate(reply),
            other => contains(other),
        };
        if present {
            return Some(format!("has {banned}"));
        }
    }
    let figures = dollar_figures(&raw);
    for amount in &item.amounts {
        let near = |d: &f64| (d - amount).abs() <= (amount.abs() * 0.005).max(1.0);
        if !figures.iter().any(near) {
            return Some(format!("missing the amount {amount}"));
        }
    }
    if !item.winner.is_empty() {
        let first = first_sentence(&raw);
        let first = fold(&first);
        if !item.winner.iter().any(|w| first.contains(&fold(w))) {
            return Some(format!("verdict does not name any of {:?}", item.winner));
        }
    }
    None
}

/// The reply's first sentence after its title line.
fn first_sentence(text: &str) -> String {
    let body = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with("=="))
        .collect::<Vec<_>>()
        .join(" ");
    let end = body
        .char_indices()
        .find(|&(i, c)| {
            matches!(c, '.' | '!' | '?')
                && body[i + 1..].starts_with(' ')
                && !body[..i].ends_with(|d: char| d.is_ascii_digit())
        })
        .map_or(body.len(), |(i, _)| i + 1);
    body[..end].to_string()
}

/// The measures the thresholds are stated in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Measure {
    InScope,
    Comparison,
    Conversation,
    NearMiss,
    OffTopic,
    OtherRole,
    Offers,
}

impl Measure {
    pub fn of(kind: &str) -> Measure {
        match kind {
            "compare" => Measure::Comparison,
            "conversation" => Measure::Conversation,
            "near_miss" => Measure::NearMiss,
            "off_topic" => Measure::OffTopic,
            "other_role" => Measure::OtherRole,
            "offers" | "cost_of_living" => Measure::Offers,
            _ => Measure::InScope,
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            Measure::InScope => "in-scope answers correct",
            Measure::Comparison => "comparisons answering every side",
            Measure::Conversation => "conversations (last reply)",
            Measure::NearMiss => "near-miss off-topic declined",
            Measure::OffTopic => "plain off-topic declined",
            Measure::OtherRole => "other roles declined",
            Measure::Offers => "offers and cost of living",
        }
    }
}

#[derive(Debug, Default)]
pub struct Tally {
    pub passed: usize,
    pub total: usize,
}

impl Tally {
    pub fn share(&self) -> f64 {
        self.passed as f64 / self.total.max(1) as f64
    }
}

/// A set's score: a tally per measure, every miss, and (confidence,
/// right) for each reply, for the reliability table.
#[derive(Debug, Default)]
pub struct Report {
    pub tallies: BTreeMap<Measure, Tally>,
    pub by_kind: BTreeMap<String, Tally>,
    pub misses: Vec<String>,
    pub calibration: Vec<(f64, bool)>,
}

pub fn run(engine: &Engine, set: &ItemSet) -> Report {
    let mut report = Report::default();
    for item in &set.item {
        let mut conversation = Conversation::new();
        let mut last = None;
        for message in item.messages() {
            last = Some(conversation.ask(engine, message));
        }
        let Some(reply) = last else { continue };
        let verdict = grade(item, &reply);
        let measure = Measure::of(&item.kind);
        let tally = report.tallies.entry(measure).or_default();
        tally.total += 1;
        let kind = report.by_kind.entry(item.kind.clone()).or_default();
        kind.total += 1;
        report
            .calibration
            .push((reply.confidence, verdict.is_none()));
        match verdict {
            None => {
                tally.passed += 1;
                kind.passed += 1;
            }
            Some(why) => report.misses.push(format!(
                "  {:<14} {:<12} {why}; got {:?} {} ({:.2}) for {:?}",
                item.id,
                item.kind,
                reply.kind,
                reply.topic.as_deref().unwrap_or("-"),
                reply.confidence,
                item.messages().join(" / ")
            )),
        }
    }
    report
}

impl Report {
    /// Print the scores, every miss, and the reliability of confidence.
    pub fn print(&self, name: &str) {
        println!("{name}:");
        for (measure, tally) in &self.tallies {
            println!(
                "  {:<36} {:>4}/{:<4} {:>5.1}%",
                measure.name(),
                tally.passed,
                tally.total,
                tally.share() * 100.0
            );
        }
        println!("  by kind:");
        for (kind, tally) in &self.by_kind {
            println!(
                "    {:<14} {:>4}/{:<4} {:>5.1}%",
                kind,
                tally.passed,
                tally.total,
                tally.share() * 100.0
            );
        }
        println!("  misses:");
        for miss in &self.misses {
            println!("{miss}");
        }
        println!("  confidence  replies  right");
        for bin in 0..5 {
            let (low, high) = (bin as f64 * 0.2, (bin + 1) as f64 * 0.2);
            let right: Vec<bool> = self
                .calibration
                .iter()
                .filter(|(c, _)| *c >= low && (*c < high || bin == 4))
                .map(|(_, r)| *r)
                .collect();
            println!(
                "  {low:.1}-{high:.1}     {:>5}   {:>5.1}%",
                right.len(),
                100.0 * right.iter().filter(|r| **r).count() as f64 / right.len().max(1) as f64
            );
        }
    }

    pub fn share(&self, measure: Measure) -> f64 {
        self.tallies.get(&measure).map_or(0.0, Tally::share)
    }
}
