//! Reading a pay package from a message: "base 48k, 1,500 bonus, 401k match
//! 100% of the first 3% and 50% of the next 2%, I pay $150 a month for
//! health, 15 days PTO".
//!
//! The message is cut into tokens once (amounts, percentages, numbers,
//! words and the breaks between parts of a sentence), the words of
//! `knowledge/pay_package.toml` are found among them (longest phrase
//! first), and each amount goes to the nearest of those words in its part
//! of the sentence. One pass over the tokens: a message of many numbers
//! costs no more per number than a message of one.

use super::terms::{Amount, Benefit, HourlyBase, PackageQuestion, Tier};
use crate::knowledge::PackageWords;

/// What a word of the package file says about the amounts near it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Cue {
    Base,
    Bonus,
    ProfitSharing,
    Stipend,
    Health,
    EmployerPays,
    Premium,
    Match,
    DollarForDollar,
    Contribution,
    Cap,
    Next,
    Pto,
    Days,
    Weeks,
    PerMonth,
    PerYear,
    PerHour,
    OfPay,
    Dollars,
    HoursAWeek,
    Retirement,
    /// "No 401k match": the match is nothing.
    NoMatch,
}

impl Cue {
    /// The cues that say what a dollar amount is.
    fn names_money(self) -> bool {
        matches!(
            self,
            Cue::Base
                | Cue::Bonus
                | Cue::ProfitSharing
                | Cue::Stipend
                | Cue::Health
                | Cue::EmployerPays
                | Cue::Premium
        )
    }

    /// The cues that say what a percentage is.
    fn names_percent(self) -> bool {
        matches!(
            self,
            Cue::Match | Cue::DollarForDollar | Cue::Contribution | Cue::Bonus | Cue::ProfitSharing
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Token {
    /// `$48000`: dollars.
    Money(f64),
    Percent(f64),
    Number(f64),
    Word(String),
    /// A comma, semicolon, full stop, "+" or dash: the end of a part.
    Break,
}

/// One item of the read message: a token, or a cue phrase standing for
/// the words it covers.
#[derive(Debug, Clone, PartialEq)]
enum Item {
    Money(f64),
    Percent(f64),
    Number(f64),
    Cue(Cue),
    Word,
    Break,
}

/// Reads packages with the words of `pay_package.toml` and the lexicon's
/// hourly words.
#[derive(Debug, Clone)]
pub struct PackageReader {
    /// Each phrase as tokens, by its first word; longest first.
    phrases: rustc_hash::FxHashMap<String, Vec<(Vec<String>, Cue)>>,
    hours_per_year: f64,
}

/// How many items away a cue may be from the amount it names.
const REACH: usize = 6;

impl PackageReader {
    pub fn new(words: &PackageWords, hourly_words: &[String], hours_per_year: f64) -> Self {
        let lists: [(&[String], Cue); 24] = [
            (&words.base, Cue::Base),
            (&words.bonus, Cue::Bonus),
            (&words.profit_sharing, Cue::ProfitSharing),
            (&words.stipend, Cue::Stipend),
            (&words.health, Cue::Health),
            (&words.employer_pays, Cue::EmployerPays),
            (&words.premium, Cue::Premium),
            (&words.matching, Cue::Match),
            (&words.dollar_for_dollar, Cue::DollarForDollar),
            (&words.contribution, Cue::Contribution),
            (&words.cap, Cue::Cap),
            (&words.next, Cue::Next),
            (&words.pto, Cue::Pto),
            (&words.days, Cue::Days),
            (&words.weeks, Cue::Weeks),
            (&words.per_month, Cue::PerMonth),
            (&words.per_year, Cue::PerYear),
            (hourly_words, Cue::PerHour),
            (&words.per_hour, Cue::PerHour),
            (&words.of_pay, Cue::OfPay),
            (&words.dollars, Cue::Dollars),
            (&words.hours_a_week, Cue::HoursAWeek),
            (&words.retirement, Cue::Retirement),
            (&words.no_match, Cue::NoMatch),
        ];
        let mut phrases: Vec<(Vec<String>, Cue)> = Vec::new();
        for (list, cue) in lists {
            for phrase in list {
                let tokens: Vec<String> = (tokens(&phrase.to_lowercase()).into_iter())
                    .filter_map(|t| match t {
                        Token::Word(w) => Some(w),
                        _ => None,
                    })
                    .collect();
                if !tokens.is_empty() {
                    phrases.push((tokens, cue));
                }
            }
        }
        // Longest first, so "i pay" is a premium before "pay" is the base.
        phrases.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
        let mut by_first: rustc_hash::FxHashMap<String, Vec<(Vec<String>, Cue)>> =
            Default::default();
        for (words, cue) in phrases {
            by_first
                .entry(words[0].clone())
                .or_default()
                .push((words, cue));
        }
        PackageReader {
            phrases: by_first,
            hours_per_year,
        }
    }

    /// Read a package from normalized text (money already as `$45000`).
    pub fn read(&self, normalized: &str) -> PackageQuestion {
        let items = self.items(normalized);
        let mut package = PackageQuestion {
            mentions_retirement: items
                .iter()
                .any(|i| matches!(i, Item::Cue(Cue::Retirement | Cue::Match | Cue::NoMatch))),
            ..PackageQuestion::default()
        };
        let mut tiers = Tiers::default();
        let mut unassigned: Vec<f64> = Vec::new();
        let mut hours_a_week: Option<f64> = None;
        for (i, item) in items.iter().enumerate() {
            let part = part_around(&items, i);
            match *item {
                Item::Cue(Cue::DollarForDollar) => tiers.rate(100.0),
                Item::Percent(value) if (0.0..=100.0).contains(&value) => {
                    self.read_percent(&items, i, value, part, &mut package, &mut tiers)
                        .unwrap_or_else(|| unassigned.push(value));
                }
                Item::Number(value) | Item::Money(value) => {
                    if let Some(hours) = hours_before(&items, i) {
                        hours_a_week = Some(hours);
                    }
                    self.read_amount(&items, i, value, part, &mut package, &mut tiers);
                }
                _ => {}
            }
        }
        if let (Some(hourly), Some(hours)) = (&mut package.hourly, hours_a_week) {
            hourly.hours_per_year = hours * 52.0;
            package.base = Some((hourly.rate * hourly.hours_per_year).round() as i64);
        }
        let no_match = items.contains(&Item::Cue(Cue::NoMatch));
        let (first, next) = tiers.finish();
        if let Some((rate, band)) = first {
            package.match_pct = Some(rate);
            package.cap_pct = band.or(package.cap_pct);
        } else if no_match {
            package.match_pct = Some(0.0);
            package.cap_pct = Some(0.0);
        }
        package.next_tiers = next;
        // Percentages no word explains, in the usual order of saying them.
        if package.mentions_retirement {
            for value in unassigned {
                if package.contribution_pct.is_none() {
                    package.contribution_pct = Some(value);
                } else if package.match_pct.is_none() {
                    package.match_pct = Some(value);
                } else if package.cap_pct.is_none() {
                    package.cap_pct = Some(value);
                }
            }
        }
        // Benefits named with no figure ("a small bonus", "a pension"):
        // not counted, but said.
        let named = |cue: Cue| items.contains(&Item::Cue(cue));
        let unpriced = [
            (Benefit::Bonus, named(Cue::Bonus) && package.bonus.is_none()),
            (
                Benefit::ProfitSharing,
                named(Cue::ProfitSharing) && package.profit_sharing.is_none(),
            ),
            (
                Benefit::Stipend,
                named(Cue::Stipend) && package.stipend.is_none(),
            ),
            (
                Benefit::Health,
                named(Cue::Health)
                    && package.premium.is_none()
                    && package.employer_health.is_none(),
            ),
            (
                Benefit::Retirement,
                named(Cue::Retirement) && !no_match && package.match_pct.is_none(),
            ),
            (Benefit::Pto, named(Cue::Pto) && package.pto_days.is_none()),
        ];
        package.unpriced = (unpriced.into_iter())
            .filter_map(|(benefit, unpriced)| unpriced.then_some(benefit))
            .collect();
        package
    }

    /// A percentage: a band of the match ("up to 6%", "the next 2%"), a
    /// match rate, a contribution, or a bonus or profit share of pay.
    /// `None` when no word says which.
    fn read_percent(
        &self,
        items: &[Item],
        i: usize,
        value: f64,
        part: (usize, usize),
        package: &mut PackageQuestion,
        tiers: &mut Tiers,
    ) -> Option<()> {
        match band_word_before(items, i) {
            Some(Cue::Cap) => {
                if !tiers.band(value) {
                    package.cap_pct.get_or_insert(value);
                }
                return Some(());
            }
            Some(Cue::Next) => {
                tiers.next_band(value);
                return Some(());
            }
            _ => {}
        }
        // In a match already begun, a percentage no word explains is the
        // next band's rate: "100% of the first 3% and 50% of the next 2%".
        // So is one before a band, whatever the words around it: "they
        // give 100% of the first 3%".
        let cue = match nearest(items, i, part, Cue::names_percent, true) {
            None if tiers.any() && band_word_after(items, i) == Some(Cue::Next) => Cue::Match,
            None if band_word_after(items, i) == Some(Cue::Cap) => Cue::Match,
            cue => cue?,
        };
        match cue {
            Cue::Match | Cue::DollarForDollar => tiers.rate(value),
            Cue::Contribution => {
                package.contribution_pct.get_or_insert(value);
            }
            Cue::Bonus => {
                package.bonus.get_or_insert(Amount::PercentOfPay(value));
            }
            Cue::ProfitSharing => {
                package
                    .profit_sharing
                    .get_or_insert(Amount::PercentOfPay(value));
            }
            _ => return None,
        }
        Some(())
    }

    /// A dollar amount (or a number that is one): the base, by the hour or
    /// the year, a bonus, profit sharing, a stipend, health money, the
    /// match's dollar stop, or a count of paid days off.
    fn read_amount(
        &self,
        items: &[Item],
        i: usize,
        value: f64,
        part: (usize, usize),
        package: &mut PackageQuestion,
        tiers: &mut Tiers,
    ) {
        let is_money = matches!(items[i], Item::Money(_));
        let after = |cue: Cue, within: usize| {
            (items[i + 1..part.1].iter().take(within)).any(|item| *item == Item::Cue(cue))
        };
        // "15 days PTO", "3 weeks of vacation".
        if !is_money {
            let in_part = |cue: Cue| items[part.0..part.1].contains(&Item::Cue(cue));
            let days = after(Cue::Days, 1) || (after(Cue::Pto, 1) && !after(Cue::Weeks, 1));
            if (days || after(Cue::Weeks, 1)) && in_part(Cue::Pto) && (0.0..=366.0).contains(&value)
            {
                let days = if after(Cue::Weeks, 1) {
                    value * 5.0
                } else {
                    value
                };
                package.pto_days.get_or_insert(days);
                return;
            }
            if after(Cue::HoursAWeek, 1) {
                return;
            }
        }
        // "$19.50 an hour", "22/hr": a base by the hour.
        if after(Cue::PerHour, 2) && (1.0..=500.0).contains(&value) {
            if package.base.is_none() {
                package.hourly = Some(HourlyBase {
                    rate: value,
                    hours_per_year: self.hours_per_year,
                });
                package.base = Some((value * self.hours_per_year).round() as i64);
            }
            return;
        }
        let named = nearest(items, i, part, Cue::names_money, false);
        let dollars_word = after(Cue::Dollars, 1);
        let beside = |cue: Option<Cue>| {
            cue.is_some()
                && (i.saturating_sub(2)..(i + 3).min(items.len()))
                    .any(|j| matches!(items[j], Item::Cue(c) if c.names_money()))
        };
        // A bare number is money with "dollars" after it, a money word
        // right beside it, or the size of a yearly salary.
        let looks_yearly = (10_000.0..=10_000_000.0).contains(&value);
        if !(is_money || dollars_word || beside(named) || looks_yearly) {
            return;
        }
        let yearly = if after(Cue::PerMonth, 3) {
            value * 12.0
        } else {
            value
        };
        let amount = yearly.round() as i64;
        if !(1..=10_000_000).contains(&amount) {
            return;
        }
        // "up to $2,000" in a match: the match stops there.
        if band_word_before(items, i) == Some(Cue::Cap) && tiers.any() {
            package.match_cap_dollars.get_or_insert(amount);
            return;
        }
        let in_part = |cue: Cue| items[part.0..part.1].contains(&Item::Cue(cue));
        // Health money, unless a nearer word names it otherwise: in "45k
        // base with a 1.5k bonus and a $2,400 health premium" only the
        // last is the premium.
        // A salary-sized amount with no word of its own is the base even
        // beside "great insurance".
        let salary_first = named.is_none() && amount >= 10_000 && package.base.is_none();
        let health_or_unnamed = !salary_first
            && matches!(
                named,
                None | Some(Cue::Premium | Cue::Health | Cue::EmployerPays)
            );
        if (in_part(Cue::Health) && health_or_unnamed) || named == Some(Cue::Premium) {
            if in_part(Cue::Premium) || !in_part(Cue::EmployerPays) {
                package.premium.get_or_insert(amount);
            } else {
                package.employer_health.get_or_insert(amount);
            }
            return;
        }
        // "43k no bonus": a salary-sized amount whose word comes later,
        // not right after it, is the base ("10k signing bonus" is not).
        let word_before = (part.0..i)
            .rev()
            .take(REACH)
            .any(|j| matches!(items[j], Item::Cue(c) if c.names_money()));
        let word_right_after = matches!(items.get(i + 1), Some(Item::Cue(c)) if c.names_money());
        let named = match named {
            Some(Cue::Bonus | Cue::ProfitSharing | Cue::Stipend)
                if amount >= 10_000
                    && package.base.is_none()
                    && !word_before
                    && !word_right_after =>
            {
                None
            }
            named => named,
        };
        match named {
            Some(Cue::Bonus) => {
                package.bonus.get_or_insert(Amount::Dollars(amount));
            }
            Some(Cue::ProfitSharing) => {
                package
                    .profit_sharing
                    .get_or_insert(Amount::Dollars(amount));
            }
            Some(Cue::Stipend) => {
                package.stipend.get_or_insert(amount);
            }
            _ if amount >= 10_000 && package.base.is_none() => package.base = Some(amount),
            _ => {}
        }
    }

    /// The message as items: tokens, with every cue phrase found (longest
    /// first) standing for its words.
    fn items(&self, normalized: &str) -> Vec<Item> {
        let tokens = tokens(normalized);
        let mut items = Vec::with_capacity(tokens.len());
        let mut i = 0;
        while i < tokens.len() {
            if let Token::Word(_) = &tokens[i]
                && let Some((length, cue)) = self.phrase_at(&tokens, i)
            {
                items.push(Item::Cue(cue));
                i += length;
                continue;
            }
            items.push(match &tokens[i] {
                Token::Money(v) => Item::Money(*v),
                Token::Percent(v) => Item::Percent(*v),
                Token::Number(v) => Item::Number(*v),
                Token::Word(_) => Item::Word,
                Token::Break => Item::Break,
            });
            i += 1;
        }
        items
    }

    fn phrase_at(&self, tokens: &[Token], at: usize) -> Option<(usize, Cue)> {
        let Some(Token::Word(first)) = tokens.get(at) else {
            return None;
        };
        self.phrases.get(first)?.iter().find_map(|(phrase, cue)| {
            let matches = phrase
                .iter()
                .enumerate()
                .all(|(k, word)| matches!(tokens.get(at + k), Some(Token::Word(w)) if w == word));
            matches.then_some((phrase.len(), *cue))
        })
    }
}

/// The bands of a match as they are read: each rate, and the band it
/// covers once one is given.
#[derive(Debug, Default)]
struct Tiers {
    read: Vec<(f64, Option<f64>)>,
}

impl Tiers {
    fn any(&self) -> bool {
        !self.read.is_empty()
    }

    /// A match rate: a new band, unless the last one still has no rate of
    /// its own ("dollar for dollar ... 100%").
    fn rate(&mut self, rate: f64) {
        match self.read.last_mut() {
            Some((last, None)) if *last == 100.0 && rate == 100.0 => {}
            _ => self.read.push((rate, None)),
        }
    }

    /// "up to 6%": the band of the last rate without one. False when there
    /// is none.
    fn band(&mut self, band: f64) -> bool {
        match self.read.iter_mut().rev().find(|(_, b)| b.is_none()) {
            Some((_, b)) => {
                *b = Some(band);
                true
            }
            None => false,
        }
    }

    /// "the next 2%": the band of the last rate, read as a further band.
    fn next_band(&mut self, band: f64) {
        if !self.band(band) {
            // A band with no rate of its own repeats the last one.
            if let Some(&(rate, _)) = self.read.last() {
                self.read.push((rate, Some(band)));
            }
        }
    }

    /// The first band, and the further ones that have both a rate and a
    /// band.
    fn finish(self) -> (Option<(f64, Option<f64>)>, Vec<Tier>) {
        let mut read = self.read.into_iter();
        let first = read.next();
        let next = read
            .filter_map(|(rate_pct, band)| band.map(|band_pct| Tier { rate_pct, band_pct }))
            .collect();
        (first, next)
    }
}

/// The part of the sentence around item `i`: from after the last break
/// before it to the next break after it.
fn part_around(items: &[Item], i: usize) -> (usize, usize) {
    let start = (items[..i].iter().rposition(|item| *item == Item::Break)).map_or(0, |b| b + 1);
    let end =
        (items[i..].iter().position(|item| *item == Item::Break)).map_or(items.len(), |b| i + b);
    (start, end)
}

/// The cue of the kind `wanted` nearest to item `i` in its part, looking
/// back first, and never past another amount: in "52k and a 3% bonus" the
/// bonus is the 3%. With `adjacent_after`, a cue after the item counts
/// only right after it ("4% match"), so "6% with a 50% match" gives the 6%
/// none.
fn nearest(
    items: &[Item],
    i: usize,
    part: (usize, usize),
    wanted: fn(Cue) -> bool,
    adjacent_after: bool,
) -> Option<Cue> {
    let cue_at = |j: usize| match items[j] {
        Item::Cue(cue) if wanted(cue) => Some(cue),
        _ => None,
    };
    let is_amount = |j: &usize| {
        matches!(
            items[*j],
            Item::Money(_) | Item::Percent(_) | Item::Number(_)
        )
    };
    let before = (part.0..i)
        .rev()
        .take(REACH)
        .take_while(|j| !is_amount(j))
        .find_map(|j| cue_at(j).map(|c| (i - j, c)));
    let after_reach = if adjacent_after { 1 } else { REACH };
    let after = (i + 1..part.1)
        .take(after_reach)
        .take_while(|j| !is_amount(j))
        .find_map(|j| cue_at(j).map(|c| (j - i, c)));
    match (before, after) {
        (Some((db, b)), Some((da, a))) => Some(if da < db { a } else { b }),
        (Some((_, b)), None) => Some(b),
        (None, Some((_, a))) => Some(a),
        (None, None) => None,
    }
}

/// A band word just before item `i`, past up to three plain words: "up
/// to 6%", "on the first 3%", "of the next 2%".
fn band_word_before(items: &[Item], i: usize) -> Option<Cue> {
    (items[..i].iter().rev())
        .take(4)
        .take_while(|item| !matches!(item, Item::Break | Item::Money(_) | Item::Percent(_)))
        .find_map(|item| match item {
            Item::Cue(cue @ (Cue::Cap | Cue::Next)) => Some(*cue),
            Item::Word => None,
            _ => Some(Cue::Base),
        })
        .filter(|cue| matches!(cue, Cue::Cap | Cue::Next))
}

/// A band word just after item `i`, past up to three plain words: "50% of
/// the next 2%".
fn band_word_after(items: &[Item], i: usize) -> Option<Cue> {
    (items[i + 1..].iter())
        .take(4)
        .take_while(|item| !matches!(item, Item::Break | Item::Money(_) | Item::Percent(_)))
        .find_map(|item| match item {
            Item::Cue(cue @ (Cue::Cap | Cue::Next)) => Some(*cue),
            _ => None,
        })
}

/// "30 hours a week": the hours, when item `i` is the number of them.
fn hours_before(items: &[Item], i: usize) -> Option<f64> {
    match (items.get(i), items.get(i + 1)) {
        (Some(Item::Number(hours)), Some(Item::Cue(Cue::HoursAWeek)))
            if (1.0..=80.0).contains(hours) =>
        {
            Some(*hours)
        }
        _ => None,
    }
}

/// Tokens of normalized text, in one pass.
fn tokens(text: &str) -> Vec<Token> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c == '$' && chars.get(i + 1).is_some_and(char::is_ascii_digit) {
            let (value, next) = number_at(&chars, i + 1);
            out.push(Token::Money(value));
            i = next;
        } else if c.is_ascii_digit() {
            let (value, next) = number_at(&chars, i);
            if chars.get(next).is_some_and(|c| c.is_alphabetic()) {
                // "401k", "403b", "2nd": a word.
                let end = word_end(&chars, next);
                out.push(Token::Word(chars[i..end].iter().collect()));
                i = end;
            } else if chars.get(next) == Some(&'%') {
                out.push(Token::Percent(value));
                i = next + 1;
            } else {
                out.push(Token::Number(value));
                i = next;
            }
        } else if c.is_alphabetic() {
            let end = word_end(&chars, i);
            let word: String = chars[i..end].iter().collect();
            match (out.last(), word.as_str()) {
                (Some(Token::Number(v)), "percent" | "pct" | "percentage") => {
                    let v = *v;
                    out.pop();
                    out.push(Token::Percent(v));
                }
                _ => out.push(Token::Word(word)),
            }
            i = end;
        } else {
            let spaced = |j: usize| chars.get(j).is_none_or(|c| c.is_whitespace());
            let breaks = match c {
                ',' | ';' | ':' | '!' | '?' | '+' | '(' | ')' | '—' | '–' | '\n' => true,
                '.' | '-' => spaced(i + 1) && (i == 0 || spaced(i - 1) || c == '.'),
                _ => false,
            };
            if breaks && out.last() != Some(&Token::Break) {
                out.push(Token::Break);
            }
            i += 1;
        }
    }
    out
}

/// The number starting at `i` ("19.50"), and where it ends.
fn number_at(chars: &[char], i: usize) -> (f64, usize) {
    let mut end = i;
    while end < chars.len() && chars[end].is_ascii_digit() {
        end += 1;
    }
    if chars.get(end) == Some(&'.') && chars.get(end + 1).is_some_and(char::is_ascii_digit) {
        end += 1;
        while end < chars.len() && chars[end].is_ascii_digit() {
            end += 1;
        }
    }
    let text: String = chars[i..end].iter().collect();
    (text.parse().unwrap_or(0.0), end)
}

fn word_end(chars: &[char], i: usize) -> usize {
    let mut end = i;
    while end < chars.len() && (chars[end].is_alphanumeric() || chars[end] == '\'') {
        end += 1;
    }
    end
}

/// A reader with the project's own words, for the unit tests.
#[cfg(test)]
pub(crate) fn project_reader() -> PackageReader {
    let words: PackageWords = toml::from_str(include_str!("../../knowledge/pay_package.toml"))
        .expect("knowledge/pay_package.toml parses");
    let hourly = ["per hour", "an hour", "a hour", "/hr", "hourly"].map(String::from);
    PackageReader::new(&words, &hourly, 2080.0)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::understanding::normalize;

    fn read(text: &str) -> PackageQuestion {
        project_reader().read(&normalize(text))
    }

    #[test]
    fn a_tiered_match_is_two_bands() {
        let p = read("base 50k, 401k match 100% of the first 3% and 50% of the next 2%");
        assert_eq!((p.match_pct, p.cap_pct), (Some(100.0), Some(3.0)));
        assert_eq!(
            p.next_tiers,
            vec![Tier {
                rate_pct: 50.0,
                band_pct: 2.0
            }]
        );
    }

    #[test]
    fn dollar_for_dollar_is_a_full_match() {
        let p = read("45000 salary, 401k dollar for dollar up to 4%, I put in 4%");
        assert_eq!((p.match_pct, p.cap_pct), (Some(100.0), Some(4.0)));
        assert_eq!(p.contribution_pct, Some(4.0));
    }

    #[test]
    fn a_match_can_stop_at_a_dollar_amount() {
        let p = read("60k base, they match 100% up to 6% of pay, up to $2,000 a year");
        assert_eq!(p.match_cap_dollars, Some(2_000));
    }

    #[test]
    fn amounts_go_to_the_word_beside_them() {
        let p = read("base 48k, 1,500 bonus, $1,000 CE stipend, $1,200 in profit sharing");
        assert_eq!(p.base, Some(48_000));
        assert_eq!(p.bonus, Some(Amount::Dollars(1_500)));
        assert_eq!(p.stipend, Some(1_000));
        assert_eq!(p.profit_sharing, Some(Amount::Dollars(1_200)));
        let p = read("im at 19.50 a hour, get a 500 dollar bonus");
        assert_eq!(p.bonus, Some(Amount::Dollars(500)));
        assert_eq!(p.base, Some(40_560));
    }

    #[test]
    fn a_bonus_can_be_a_share_of_pay() {
        let p = read("Salary 60,000, bonus is 5% of salary, and 401k match 100% up to 3%");
        assert_eq!(p.bonus, Some(Amount::PercentOfPay(5.0)));
        assert_eq!((p.match_pct, p.cap_pct), (Some(100.0), Some(3.0)));
        assert_eq!(
            read("52k and a 3% bonus").bonus,
            Some(Amount::PercentOfPay(3.0))
        );
    }

    #[test]
    fn health_money_is_the_employers_or_the_persons() {
        let p = read("$47,000, my employer puts $6,000 a year toward my health insurance");
        assert_eq!((p.employer_health, p.premium), (Some(6_000), None));
        let p = read("50k, I pay $150 a month for health insurance");
        assert_eq!((p.employer_health, p.premium), (None, Some(1_800)));
    }

    #[test]
    fn paid_days_off_are_counted() {
        assert_eq!(read("48k, 15 days PTO").pto_days, Some(15.0));
        assert_eq!(read("48k and 3 weeks of vacation").pto_days, Some(15.0));
        assert_eq!(read("48k, pto 20 days").pto_days, Some(20.0));
    }

    #[test]
    fn each_amount_keeps_its_own_word_beside_health() {
        let p = read("$45,000 base with a 1.5k annual bonus and a $2,400 yearly health premium");
        assert_eq!(
            (p.base, p.bonus, p.premium),
            (Some(45_000), Some(Amount::Dollars(1_500)), Some(2_400))
        );
    }

    #[test]
    fn a_salary_before_a_later_word_is_the_base() {
        let p = read("$43000 no bonus");
        assert_eq!((p.base, p.bonus), (Some(43_000), None));
        let p = read("$10000 signing bonus");
        assert_eq!((p.base, p.bonus), (None, Some(Amount::Dollars(10_000))));
    }

    #[test]
    fn a_rate_before_a_band_is_a_match() {
        let p = read(
            "46,000 dollars and for 401k they give 100% of the first 3% and 50% of the next 2%",
        );
        assert_eq!((p.match_pct, p.cap_pct), (Some(100.0), Some(3.0)));
        assert_eq!(p.next_tiers.len(), 1);
    }

    #[test]
    fn a_rate_with_a_slash_is_by_the_hour() {
        for text in ["$24/hr, 3% bonus", "24 an hour", "$24 per hour", "$24/hour"] {
            assert_eq!(read(text).base, Some(49_920), "{text}");
        }
    }

    #[test]
    fn part_time_hours_change_the_base() {
        let p = read("$20 an hour, 30 hours a week");
        assert_eq!(p.base, Some(31_200));
    }

    #[test]
    fn the_old_forms_still_read() {
        let p = read("base $43,500 + $2k bonus whats my total comp");
        assert_eq!(
            (p.base, p.bonus),
            (Some(43_500), Some(Amount::Dollars(2_000)))
        );
        let p = read("bonus of $1,500 on a 50k salary");
        assert_eq!(
            (p.base, p.bonus),
            (Some(50_000), Some(Amount::Dollars(1_500)))
        );
        let p = read("I make $50k, put 6% in my 401(k), they match 50% up to 6%");
        assert_eq!(
            (p.contribution_pct, p.match_pct, p.cap_pct),
            (Some(6.0), Some(50.0), Some(6.0))
        );
        let p = read("48k base with a $2,000 bonus and a 401k, 5% contribution");
        assert_eq!(p.contribution_pct, Some(5.0));
        let p = read("base $45k, 401k 6% with a 50% match up to 6%, and a $1,500 bonus");
        assert_eq!(
            (p.contribution_pct, p.match_pct, p.cap_pct),
            (Some(6.0), Some(50.0), Some(6.0))
        );
    }

    #[test]
    fn no_match_is_a_match_of_nothing() {
        for text in [
            "46k with no 401(k) match",
            "$46,000, no match",
            "46000 a year and they don't match",
        ] {
            let p = read(text);
            assert_eq!((p.match_pct, p.cap_pct), (Some(0.0), Some(0.0)), "{text}");
        }
        assert_eq!(read("46k with a 401k match of 50%").match_pct, Some(50.0));
    }

    #[test]
    fn a_year_in_a_sentence_is_no_salary() {
        let p = read("a bill from 2019 for $200");
        assert_eq!(p.base, None);
    }
}
