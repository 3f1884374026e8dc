//! The total-compensation calculator: base pay plus the employer's 401(k)
//! match plus any bonus.
//!
//! The match rule: the employer adds `match_pct` percent of what you put in,
//! counting your contributions only up to `cap_pct` percent of your pay. So
//! with a 50% match up to 6%, putting in 6% of $50,000 ($3,000) earns $1,500;
//! putting in 10% still earns $1,500.

use crate::knowledge::Retirement;
use regex::Regex;
use serde::Serialize;
use std::sync::LazyLock;

/// What a person said about a job's pay package.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PackageQuestion {
    pub base: Option<i64>,
    pub contribution_pct: Option<f64>,
    pub match_pct: Option<f64>,
    pub cap_pct: Option<f64>,
    pub bonus: Option<i64>,
    /// A 401(k)/403(b) or a match was mentioned.
    pub mentions_retirement: bool,
}

impl PackageQuestion {
    /// Terms of a package beyond the base: a match, a contribution or a
    /// bonus ("they match 50% up to 6%"). With a base stated earlier, they
    /// make a calculation.
    pub fn has_terms(&self) -> bool {
        self.match_pct.is_some()
            || self.bonus.is_some()
            || (self.contribution_pct.is_some() && self.mentions_retirement)
    }

    /// These terms with newer ones over them: what the newer message says
    /// wins, what it does not say is kept.
    pub fn merged_with(&self, newer: &PackageQuestion) -> PackageQuestion {
        PackageQuestion {
            base: newer.base.or(self.base),
            contribution_pct: newer.contribution_pct.or(self.contribution_pct),
            match_pct: newer.match_pct.or(self.match_pct),
            cap_pct: newer.cap_pct.or(self.cap_pct),
            bonus: newer.bonus.or(self.bonus),
            mentions_retirement: newer.mentions_retirement || self.mentions_retirement,
        }
    }

    /// Enough to calculate: a base salary and something to add to it.
    pub fn is_calculation(&self) -> bool {
        self.base.is_some()
            && (self.bonus.is_some()
                || self.match_pct.is_some()
                || self.contribution_pct.is_some()
                || self.mentions_retirement)
    }
}

/// A worked total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageTotal {
    pub base: i64,
    pub contribution_pct: f64,
    pub match_pct: f64,
    pub cap_pct: f64,
    /// What the person puts in a year.
    pub employee_contribution: i64,
    /// What the employer adds a year.
    pub employer_match: i64,
    /// The match as a share of pay, in percent.
    pub match_share_pct: f64,
    pub bonus: i64,
    /// Base + match + bonus.
    pub total: i64,
    /// Values the person did not give, and what was assumed instead.
    pub assumptions: Vec<Assumption>,
}

/// A value the person did not give, and what the calculation assumed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Assumption {
    /// No cap given: the common cap, as a percentage of pay.
    CommonCap { cap_pct: f64 },
    /// No match given: the guide's common match.
    CommonMatch { match_pct: f64, cap_pct: f64 },
    /// No contribution given: enough for the full match.
    FullContribution { contribution_pct: f64 },
    /// No salary given: the guide's national median, as an example.
    MedianBase { base: i64 },
}

static MONEY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$(\d+(?:\.\d+)?)|\b(\d{5,7})\b(?:\s*%)?").unwrap());
static PERCENT: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"(\d+(?:\.\d+)?)%").unwrap());
static RETIREMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(?:401k|403b|401|403|retirement|match\w*)\b").unwrap());

/// Read a package from normalized text (money already as `$45000`,
/// percentages as `6%`).
pub fn read_package(normalized: &str) -> PackageQuestion {
    let mut question = PackageQuestion {
        mentions_retirement: RETIREMENT.is_match(normalized),
        ..PackageQuestion::default()
    };
    // Money amounts, each with the words just before and after it.
    for caps in MONEY.captures_iter(normalized) {
        let whole = caps.get(0).map_or("", |m| m.as_str());
        if whole.trim_end().ends_with('%') {
            continue;
        }
        let amount = caps
            .get(1)
            .or_else(|| caps.get(2))
            .and_then(|m| m.as_str().parse::<f64>().ok())
            .map(|v| v.round() as i64);
        let Some(amount) = amount.filter(|a| (1..=10_000_000).contains(a)) else {
            continue;
        };
        let start = caps.get(0).map_or(0, |m| m.start());
        let end = caps.get(0).map_or(0, |m| m.end());
        let before = words_before(normalized, start, 3);
        let after = words_after(normalized, end, 3);
        // The bonus is the amount right next to the word: "$2k bonus",
        // "bonus of $2,000", "bonus: $500" (not "$43,500 + $2k bonus").
        let is_bonus = after.first().is_some_and(|w| w.starts_with("bonus"))
            || before.last().is_some_and(|w| w.starts_with("bonus"))
            || (before.len() >= 2
                && before[before.len() - 2].starts_with("bonus")
                && matches!(
                    before[before.len() - 1].as_str(),
                    "of" | "is" | "was" | "about" | "around"
                ));
        if is_bonus && question.bonus.is_none() {
            question.bonus = Some(amount);
        } else if question.base.is_none() && amount >= 10_000 {
            question.base = Some(amount);
        }
    }
    // Percentages, told apart by the words around them.
    let mut unassigned: Vec<f64> = Vec::new();
    for caps in PERCENT.captures_iter(normalized) {
        let Ok(value) = caps[1].parse::<f64>() else {
            continue;
        };
        if !(0.0..=100.0).contains(&value) {
            continue;
        }
        let start = caps.get(0).map_or(0, |m| m.start());
        let end = caps.get(0).map_or(0, |m| m.end());
        let before = words_before(normalized, start, 3);
        let after = words_after(normalized, end, 2);
        let last = before.last().map(String::as_str).unwrap_or("");
        let last_two = before
            .iter()
            .rev()
            .take(2)
            .rev()
            .cloned()
            .collect::<Vec<_>>()
            .join(" ");
        if last_two == "up to"
            || last == "first"
            || last_two.ends_with("capped at")
            || matches!(last, "max" | "maximum" | "cap")
        {
            question.cap_pct.get_or_insert(value);
            continue;
        }
        // The nearest cue word before the number decides; a "match" right
        // after it ("50% match") counts only when none comes before.
        let cue = before.iter().rev().find_map(|word| {
            if word.starts_with("match") {
                Some(Cue::Match)
            } else if is_contribution_word(word) {
                Some(Cue::Contribution)
            } else {
                None
            }
        });
        let cue = cue.or_else(|| {
            after
                .first()
                .filter(|w| w.starts_with("match"))
                .map(|_| Cue::Match)
        });
        match cue {
            Some(Cue::Match) => {
                question.match_pct.get_or_insert(value);
            }
            Some(Cue::Contribution) => {
                question.contribution_pct.get_or_insert(value);
            }
            None => unassigned.push(value),
        }
    }
    if normalized.contains("dollar for dollar") {
        question.match_pct.get_or_insert(100.0);
    }
    for value in unassigned {
        if question.contribution_pct.is_none() {
            question.contribution_pct = Some(value);
        } else if question.match_pct.is_none() {
            question.match_pct = Some(value);
        } else if question.cap_pct.is_none() {
            question.cap_pct = Some(value);
        }
    }
    question
}

/// Work out the total, filling gaps with the common match.
pub fn calculate(question: &PackageQuestion, common: &Retirement) -> Option<PackageTotal> {
    let base = question.base?;
    let mut assumptions = Vec::new();
    let (match_pct, cap_pct) = match (question.match_pct, question.cap_pct) {
        (Some(m), Some(c)) => (m, c),
        (Some(m), None) => {
            assumptions.push(Assumption::CommonCap {
                cap_pct: common.common_cap_pct,
            });
            (m, common.common_cap_pct)
        }
        (None, cap) if question.mentions_retirement || question.contribution_pct.is_some() => {
            let cap = cap.unwrap_or(common.common_cap_pct);
            assumptions.push(Assumption::CommonMatch {
                match_pct: common.common_match_pct,
                cap_pct: cap,
            });
            (common.common_match_pct, cap)
        }
        (None, _) => (0.0, 0.0),
    };
    let contribution_pct = match question.contribution_pct {
        Some(c) => c,
        None if match_pct > 0.0 => {
            assumptions.push(Assumption::FullContribution {
                contribution_pct: cap_pct,
            });
            cap_pct
        }
        None => 0.0,
    };
    let employee_contribution = (base as f64 * contribution_pct / 100.0).round() as i64;
    let matched_share = contribution_pct.min(cap_pct);
    let employer_match = (base as f64 * matched_share / 100.0 * match_pct / 100.0).round() as i64;
    let bonus = question.bonus.unwrap_or(0);
    let match_share_pct = matched_share * match_pct / 100.0;
    Some(PackageTotal {
        base,
        contribution_pct,
        match_pct,
        cap_pct,
        employee_contribution,
        employer_match,
        match_share_pct,
        bonus,
        total: base + employer_match + bonus,
        assumptions,
    })
}

enum Cue {
    Match,
    Contribution,
}

fn is_contribution_word(word: &str) -> bool {
    matches!(
        word,
        "put"
            | "puts"
            | "putting"
            | "contribute"
            | "contributing"
            | "contribution"
            | "save"
            | "saving"
            | "defer"
            | "deferring"
            | "invest"
            | "investing"
    )
}

fn words_before(text: &str, index: usize, count: usize) -> Vec<String> {
    let words: Vec<String> = text[..index]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    words[words.len().saturating_sub(count)..].to_vec()
}

fn words_after(text: &str, index: usize, count: usize) -> Vec<String> {
    text[index..]
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(count)
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::understanding::normalize;

    fn common() -> Retirement {
        Retirement {
            common_match_pct: 50.0,
            common_cap_pct: 6.0,
            sources: vec![],
        }
    }

    fn total(text: &str) -> PackageTotal {
        calculate(&read_package(&normalize(text)), &common()).expect("a calculation")
    }

    #[test]
    fn the_common_match_on_a_full_contribution() {
        let t = total("I make $50k, put 6% in my 401(k), they match 50% up to 6%");
        assert_eq!(t.employee_contribution, 3000);
        assert_eq!(t.employer_match, 1500);
        assert_eq!(t.total, 51_500);
        assert!(t.assumptions.is_empty());
    }

    #[test]
    fn contributions_past_the_cap_earn_no_more() {
        let t = total("base 50,000, I contribute 10 percent, match 50% up to 6%");
        assert_eq!(t.employer_match, 1500);
    }

    #[test]
    fn contributions_under_the_cap_are_matched_in_part() {
        let t = total("$60k salary, contributing 4%, employer matches 100% up to 5%");
        assert_eq!(t.employer_match, 2400);
    }

    #[test]
    fn bonus_adds_to_the_total() {
        let t = total("48k base with a $2,000 bonus and a 401k, 5% contribution");
        assert_eq!(t.bonus, 2000);
        assert_eq!(t.base, 48_000);
        // 50% of 5% of 48,000 with the assumed common match.
        assert_eq!(t.employer_match, 1200);
        assert_eq!(t.total, 51_200);
        assert_eq!(t.assumptions.len(), 1);
    }

    #[test]
    fn the_bonus_is_the_amount_next_to_the_word() {
        let q = read_package(&normalize("base $43,500 + $2k bonus whats my total comp"));
        assert_eq!((q.base, q.bonus), (Some(43_500), Some(2_000)));
        let q = read_package(&normalize("bonus of $1,500 on a 50k salary"));
        assert_eq!((q.base, q.bonus), (Some(50_000), Some(1_500)));
    }

    #[test]
    fn dollar_for_dollar() {
        let t = total("45000 salary, 401k dollar for dollar up to 4%, I put in 4%");
        assert_eq!(t.employer_match, 1800);
    }

    #[test]
    fn no_base_no_calculation() {
        let q = read_package(&normalize("what is a 401k match"));
        assert!(!q.is_calculation());
    }
}
