//! The cue words and phrases that say what kind of question a message is
//! (`knowledge/intents.toml`): a cost, a length of time, a comparison,
//! "is it worth it", "how to", a pay figure to judge, a greeting, and the
//! words that show a question is about the job at all.

use super::problems::{Problems, SourceText};
use serde::Deserialize;
use std::collections::BTreeMap;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IntentCues {
    pub cost: Vec<String>,
    /// Phrases with a cost word that are topics, not prices ("cost of
    /// living").
    pub not_cost: Vec<String>,
    /// Openers ("how much") that ask a price when they are about one of
    /// `cost_kinds` and no pay word follows.
    pub cost_openers: Vec<String>,
    /// Entity kinds (`certification`, `education`) whose "how much" is a
    /// price.
    pub cost_kinds: Vec<String>,
    pub duration: Vec<String>,
    pub compare: Vec<String>,
    pub worth: Vec<String>,
    pub how_to: Vec<String>,
    pub judge: Vec<String>,
    pub greeting: Vec<String>,
    pub job: Vec<String>,
    /// Words asking for the top of a ranking: "which state pays the most".
    pub highest: Vec<String>,
    /// Words asking for the bottom of one.
    pub lowest: Vec<String>,
    /// Words that rank metros or cities rather than states.
    pub metro_words: Vec<String>,
    /// Words that name states as a group ("which state").
    pub state_words: Vec<String>,
    /// Words that ask for a statistic ("median", "percentile").
    pub figure_words: Vec<String>,
    /// Words that ask why rather than what.
    pub why_words: Vec<String>,
    /// Words that point back at the last answer ("there", "instead").
    pub follow_words: Vec<String>,
    /// Words that ask for a total ("total comp", "add it up").
    pub total_words: Vec<String>,
    /// Words that ask what pay buys where ("cost of living", "national
    /// prices", "worth moving").
    pub price_words: Vec<String>,
    /// Words that negate what follows: "not a coder".
    pub negations: Vec<String>,
    /// Words for lengths of time ("years", "exp"): a detail, not a topic.
    pub time_words: Vec<String>,
    /// Words by which a person speaks of themself ("my salary", "should I
    /// make"): a pay question with them, after details, asks for their
    /// estimate.
    pub self_words: Vec<String>,
    /// First words that make a message a question ("what", "does").
    pub question_openers: Vec<String>,
    /// Words that make a message a question wherever they stand ("who
    /// offers it").
    pub question_words: Vec<String>,
    /// Aspect → words that ask about it ("benefits" → "perks"): which
    /// aspect a comparison's verdict is about.
    #[serde(default)]
    pub aspects: BTreeMap<String, Vec<String>>,
    /// Intent name → topic ids it leans to when nothing more specific is
    /// named.
    #[serde(default)]
    pub leanings: BTreeMap<String, Vec<String>>,
}

/// The names `leanings` may use: intents, and "city_or_rural", the pay
/// question that weighs cities against rural areas in general.
pub const LEANING_NAMES: [&str; 7] = [
    "worth",
    "how_to",
    "pay",
    "about",
    "cost",
    "duration",
    "city_or_rural",
];

impl IntentCues {
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Option<IntentCues> {
        let cues: IntentCues = source.parse(problems)?;
        if let Some(start) = source.table_start("leanings") {
            for name in cues.leanings.keys() {
                if !LEANING_NAMES.contains(&name.as_str()) {
                    let line = source.key_line(start, name);
                    problems.at(
                        &source.path,
                        Some(line),
                        format!(
                            "leanings for {name:?}: the kinds of question that can lean to topics are {}",
                            LEANING_NAMES.join(", ")
                        ),
                    );
                }
            }
        }
        Some(cues)
    }

    /// The topic ids every leaning names, for the cross-reference check.
    pub fn topic_references(&self) -> impl Iterator<Item = &String> {
        self.leanings.values().flatten()
    }
}
