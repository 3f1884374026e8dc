//! The words a pay package is read with (`knowledge/pay_package.toml`):
//! which word makes an amount the base, a bonus, profit sharing, a stipend,
//! a health premium or the employer's share of it, a retirement match or
//! the person's contribution, and the words for periods and shares of pay.

use super::problems::{Problems, SourceText};
use serde::Deserialize;

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PackageWords {
    pub base: Vec<String>,
    pub bonus: Vec<String>,
    pub profit_sharing: Vec<String>,
    pub stipend: Vec<String>,
    pub health: Vec<String>,
    pub employer_pays: Vec<String>,
    pub premium: Vec<String>,
    #[serde(rename = "match")]
    pub matching: Vec<String>,
    pub dollar_for_dollar: Vec<String>,
    pub retirement: Vec<String>,
    pub contribution: Vec<String>,
    pub cap: Vec<String>,
    pub next: Vec<String>,
    pub pto: Vec<String>,
    pub days: Vec<String>,
    pub weeks: Vec<String>,
    pub per_month: Vec<String>,
    pub per_year: Vec<String>,
    pub of_pay: Vec<String>,
    pub dollars: Vec<String>,
    pub hours_a_week: Vec<String>,
    /// Right after an amount: a rate by the hour ("$24/hr").
    pub per_hour: Vec<String>,
    pub no_match: Vec<String>,
    /// How offers are told apart in one message.
    pub offers: OfferWords,
}

/// The words that name job offers in a message (`[offers]`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OfferWords {
    /// "offer", "job", "option".
    pub labels: Vec<String>,
    /// Misspelt labels, each list headed by the label it means: "ofer" is
    /// read as a label and shown as "offer".
    #[serde(default)]
    pub label_spellings: Vec<Vec<String>>,
    /// Order words, first to fourth: one list per place in the order.
    pub ordinals: Vec<Vec<String>>,
    pub other: Vec<String>,
    pub after_ordinal: Vec<String>,
    pub offered: Vec<String>,
    pub offer_from: Vec<String>,
    pub place_links: Vec<String>,
    pub place_splits: Vec<String>,
    pub name_stops: Vec<String>,
}

impl PackageWords {
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Option<PackageWords> {
        let words: PackageWords = source.parse(problems)?;
        for (key, list) in words.lists() {
            if list.iter().all(|w| w.trim().is_empty()) {
                let name = key.rsplit('.').next().unwrap_or(key);
                let line = source.key_line(0, name);
                problems.at(
                    &source.path,
                    Some(line),
                    format!("{key} lists no words; give at least one"),
                );
            }
        }
        if words.offers.ordinals.len() < 2
            || words
                .offers
                .ordinals
                .iter()
                .any(|o| o.iter().all(|w| w.trim().is_empty()))
        {
            problems.at(
                &source.path,
                Some(source.key_line(0, "ordinals")),
                "offers.ordinals needs a list of words for each place in the order, first and second at least",
            );
        }
        Some(words)
    }

    /// Every list, by its key in the file.
    pub fn lists(&self) -> [(&'static str, &[String]); 31] {
        [
            ("base", &self.base),
            ("bonus", &self.bonus),
            ("profit_sharing", &self.profit_sharing),
            ("stipend", &self.stipend),
            ("health", &self.health),
            ("employer_pays", &self.employer_pays),
            ("premium", &self.premium),
            ("match", &self.matching),
            ("dollar_for_dollar", &self.dollar_for_dollar),
            ("retirement", &self.retirement),
            ("contribution", &self.contribution),
            ("cap", &self.cap),
            ("next", &self.next),
            ("pto", &self.pto),
            ("days", &self.days),
            ("weeks", &self.weeks),
            ("per_month", &self.per_month),
            ("per_year", &self.per_year),
            ("of_pay", &self.of_pay),
            ("dollars", &self.dollars),
            ("hours_a_week", &self.hours_a_week),
            ("per_hour", &self.per_hour),
            ("no_match", &self.no_match),
            ("offers.labels", &self.offers.labels),
            ("offers.other", &self.offers.other),
            ("offers.offered", &self.offers.offered),
            ("offers.name_stops", &self.offers.name_stops),
            ("offers.place_links", &self.offers.place_links),
            ("offers.after_ordinal", &self.offers.after_ordinal),
            ("offers.offer_from", &self.offers.offer_from),
            ("offers.place_splits", &self.offers.place_splits),
        ]
    }
}
