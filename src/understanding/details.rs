//! Reading a person's own details out of what they wrote: years of
//! experience, education, certifications held, location, employer type and
//! supervisory duties.
//!
//! Every word list comes from the knowledge base (`salary_model.toml`,
//! `places.toml` and the BLS tables); only the grammar of numbers and
//! negation lives here.

use super::phrases::{PhraseSet, TokenText};
use crate::knowledge::{AreaWages, KnowledgeBase};
use regex::Regex;
use serde::Serialize;
use std::collections::HashSet;
use std::sync::LazyLock;

/// How much experience someone has.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "years")]
pub enum Experience {
    /// A number of years ("5 years", "3-5 yrs" → 4).
    Years(f64),
    /// "entry level", "new grad": about zero years.
    Entry,
    /// "senior", "lead" without a number.
    Senior,
}

/// Where someone works or wants to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Place {
    /// A BLS metro, by CBSA code.
    Metro { code: String, name: String },
    /// A state, by postal abbreviation.
    State { abbrev: String, name: String },
    /// A rural area, in a state when one was named.
    Rural { state: Option<String> },
}

/// The details a person has given, in one message or over a conversation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Details {
    pub experience: Option<Experience>,
    /// Education level id from the salary model.
    pub education: Option<String>,
    /// Certification ids held.
    pub certifications: Vec<String>,
    /// Certifications mentioned but not held ("working toward CMAA").
    pub pending_certifications: Vec<String>,
    /// The person said they hold no certification.
    pub no_certifications: bool,
    pub location: Option<Place>,
    /// Employer type id from the salary model.
    pub employer: Option<String>,
    pub supervisory: bool,
}

impl Details {
    /// True when no detail at all is known.
    pub fn is_empty(&self) -> bool {
        self.experience.is_none()
            && self.education.is_none()
            && self.certifications.is_empty()
            && self.pending_certifications.is_empty()
            && !self.no_certifications
            && self.location.is_none()
            && self.employer.is_none()
            && !self.supervisory
    }

    /// Details that change an estimate (a "working toward" alone does not).
    pub fn affects_estimate(&self) -> bool {
        self.experience.is_some()
            || self.education.is_some()
            || !self.certifications.is_empty()
            || self.no_certifications
            || self.location.is_some()
            || self.employer.is_some()
            || self.supervisory
    }

    /// Combine remembered details with newer ones: what the newer message
    /// says wins, what it does not say is kept.
    pub fn merged_with(&self, newer: &Details) -> Details {
        let mut merged = self.clone();
        if newer.experience.is_some() {
            merged.experience = newer.experience;
        }
        if newer.education.is_some() {
            merged.education.clone_from(&newer.education);
        }
        if !newer.certifications.is_empty()
            || newer.no_certifications
            || !newer.pending_certifications.is_empty()
        {
            merged.certifications.clone_from(&newer.certifications);
            merged
                .pending_certifications
                .clone_from(&newer.pending_certifications);
            merged.no_certifications = newer.no_certifications;
        }
        if newer.location.is_some() {
            merged.location.clone_from(&newer.location);
        }
        if newer.employer.is_some() {
            merged.employer.clone_from(&newer.employer);
        }
        merged.supervisory |= newer.supervisory;
        merged
    }
}

/// Numbers people write as words. A bare "a" is not one: "make $45k a
/// year" is a rate, not a year of experience.
const NUMBER_WORDS: [(&str, f64); 22] = [
    ("one", 1.0),
    ("two", 2.0),
    ("three", 3.0),
    ("four", 4.0),
    ("five", 5.0),
    ("six", 6.0),
    ("seven", 7.0),
    ("eight", 8.0),
    ("nine", 9.0),
    ("ten", 10.0),
    ("eleven", 11.0),
    ("twelve", 12.0),
    ("thirteen", 13.0),
    ("fourteen", 14.0),
    ("fifteen", 15.0),
    ("sixteen", 16.0),
    ("seventeen", 17.0),
    ("eighteen", 18.0),
    ("nineteen", 19.0),
    ("twenty", 20.0),
    ("a couple", 2.0),
    ("a few", 3.0),
];

const NUMBER: &str = r"(\d{1,2}(?:\.\d+)?|a couple(?: of)?|a few|several|half a|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty)";

/// "3-5 years", "3 to 5 yrs", "5+ years", "five years", "18 months",
/// "a decade". The word after is captured so "ago" and "old" can be refused.
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:\b(in|within|after|next|another)\s+)?\b{NUMBER}(?:\s*(?:-|to|or)\s*{NUMBER})?\s*(\+|plus)?\s*(years?|yrs?|yr|y/?o|months?|mos?|decades?)\b(?:\s+(?:of\s+)?(\w+))?"
    ))
    .unwrap()
});

/// Abbreviated degrees count only next to words that show they are degrees:
/// "a BA", "my BS", "an AA in", "MS degree".
fn abbreviation_pattern(abbreviations: &[String]) -> Option<Regex> {
    if abbreviations.is_empty() {
        return None;
    }
    let alternatives = abbreviations
        .iter()
        .map(|a| regex::escape(a))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        r"(?:(?i:\b(?:a|an|my|have|has|had|with|got|hold|holding|earned|finished|completed|plus|and)\s+)({alternatives})(?:\W|$)|(?:^|\W)({alternatives})\s+(?i:degree|in\b))"
    ))
    .ok()
}

struct EducationReader {
    id: String,
    rank: u8,
    abbreviations: Option<Regex>,
}

/// What a place phrase names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PlaceLabel {
    /// Index into the list of city names, which may map to several metros.
    City(usize),
    /// Index into the metros table (from an alias).
    Metro(usize),
    /// Index into the states table.
    State(usize),
    Rural,
}

/// Reads details from messages; built once from the knowledge base.
pub struct DetailReader {
    entry_words: PhraseSet<()>,
    senior_words: PhraseSet<()>,
    education_phrases: PhraseSet<usize>,
    education: Vec<EducationReader>,
    certifications: PhraseSet<usize>,
    certification_ids: Vec<String>,
    no_certifications: PhraseSet<()>,
    pending_before: Vec<Vec<String>>,
    pending_after: Vec<Vec<String>>,
    employers: PhraseSet<usize>,
    employer_ids: Vec<String>,
    supervisory: PhraseSet<()>,
    places: PhraseSet<PlaceLabel>,
    /// City name → metro indexes.
    cities: Vec<(String, Vec<usize>)>,
    capitalized_only: HashSet<String>,
    metros: Vec<(String, String, Vec<String>, u32)>,
    states: Vec<(String, String)>,
    state_codes: Regex,
    ambiguous_codes: HashSet<String>,
}

impl DetailReader {
    pub fn new(kb: &KnowledgeBase) -> DetailReader {
        let model = &kb.model;
        let words = |list: &[String]| PhraseSet::new(list.iter().map(|w| (w.clone(), ())));
        let education_phrases = PhraseSet::new(
            model
                .education
                .iter()
                .enumerate()
                .flat_map(|(i, level)| level.phrases.iter().map(move |p| (p.clone(), i))),
        );
        let education = model
            .education
            .iter()
            .map(|level| EducationReader {
                id: level.id.clone(),
                rank: level.rank,
                abbreviations: abbreviation_pattern(&level.abbreviations),
            })
            .collect();
        let certifications = PhraseSet::new(
            model
                .certifications
                .iter()
                .enumerate()
                .flat_map(|(i, c)| c.phrases.iter().map(move |p| (p.clone(), i))),
        );
        let cue_tokens = |list: &[String]| {
            list.iter()
                .map(|cue| super::normalize::tokenize(&super::normalize::normalize(cue)))
                .filter(|tokens| !tokens.is_empty())
                .collect::<Vec<_>>()
        };
        let employers = PhraseSet::new(
            model
                .employers
                .iter()
                .enumerate()
                .flat_map(|(i, e)| e.phrases.iter().map(move |p| (p.clone(), i))),
        );

        // Places: principal cities from the BLS metro names, state names,
        // the aliases in places.toml, and rural words.
        let metros: Vec<(String, String, Vec<String>, u32)> = kb
            .wages
            .metros
            .iter()
            .map(|m: &AreaWages| {
                (
                    m.code.clone(),
                    m.name.clone(),
                    m.states.clone(),
                    m.employment.unwrap_or(0),
                )
            })
            .collect();
        let mut cities: Vec<(String, Vec<usize>)> = Vec::new();
        for (index, metro) in kb.wages.metros.iter().enumerate() {
            for city in principal_cities(&metro.name) {
                let key = super::normalize::tokenize(&super::normalize::normalize(&city)).join(" ");
                match cities.iter_mut().find(|(name, _)| *name == key) {
                    Some((_, list)) => list.push(index),
                    None => cities.push((key, vec![index])),
                }
            }
        }
        let states: Vec<(String, String)> = kb
            .wages
            .states
            .iter()
            .map(|s| (s.states[0].clone(), s.name.clone()))
            .collect();
        let alias_names: HashSet<String> = kb
            .places
            .aliases
            .iter()
            .map(|(a, _)| {
                super::normalize::tokenize(&super::normalize::normalize(&a.name)).join(" ")
            })
            .collect();
        let mut place_phrases: Vec<(String, PlaceLabel)> = Vec::new();
        for (i, (name, _)) in cities.iter().enumerate() {
            if !alias_names.contains(name) {
                place_phrases.push((name.clone(), PlaceLabel::City(i)));
            }
        }
        for (i, (_, name)) in states.iter().enumerate() {
            let key = super::normalize::tokenize(&super::normalize::normalize(name)).join(" ");
            if !alias_names.contains(&key) {
                place_phrases.push((name.clone(), PlaceLabel::State(i)));
            }
        }
        for (alias, _) in &kb.places.aliases {
            let label = match (&alias.metro, &alias.state) {
                (Some(code), _) => metros
                    .iter()
                    .position(|m| &m.0 == code)
                    .map(PlaceLabel::Metro),
                (_, Some(abbrev)) => states
                    .iter()
                    .position(|s| &s.0 == abbrev)
                    .map(PlaceLabel::State),
                _ => None,
            };
            if let Some(label) = label {
                place_phrases.push((alias.name.clone(), label));
            }
        }
        for word in &kb.places.rural {
            place_phrases.push((word.clone(), PlaceLabel::Rural));
        }
        let codes = states
            .iter()
            .map(|(code, _)| regex::escape(code))
            .collect::<Vec<_>>()
            .join("|");
        let state_codes = Regex::new(&format!(r"(,\s*)?\b({codes})\b")).unwrap_or_else(|_| {
            Regex::new(r"[^\s\S]").expect("a regex that matches nothing is valid")
        });

        DetailReader {
            entry_words: words(&model.experience_words.entry),
            senior_words: words(&model.experience_words.senior),
            education_phrases,
            education,
            certifications,
            certification_ids: model.certifications.iter().map(|c| c.id.clone()).collect(),
            no_certifications: words(&model.certification_rules.none_phrases),
            pending_before: cue_tokens(&model.certification_rules.pending_before),
            pending_after: cue_tokens(&model.certification_rules.pending_after),
            employers,
            employer_ids: model.employers.iter().map(|e| e.id.clone()).collect(),
            supervisory: words(&model.supervisory.phrases),
            places: PhraseSet::new(place_phrases),
            cities,
            capitalized_only: kb
                .places
                .capitalized_only
                .iter()
                .map(|w| w.to_lowercase())
                .collect(),
            metros,
            states,
            state_codes,
            ambiguous_codes: kb.places.ambiguous_abbreviations.iter().cloned().collect(),
        }
    }

    /// Read the details in one message. `original` is the text as typed
    /// (after NFKC), for the checks that need capital letters;
    /// `normalized` is its normalized form.
    pub fn read(&self, original: &str, normalized: &str) -> Details {
        let text = TokenText::new(normalized);
        let mut details = Details {
            experience: self.experience(normalized, &text),
            education: self.education(original, &text),
            location: self.location(original, &text),
            employer: self
                .employers
                .find_longest(&text)
                .last()
                .map(|f| self.employer_ids[f.label].clone()),
            supervisory: self
                .supervisory
                .find_longest(&text)
                .iter()
                .any(|f| !negated_before(&text, f.start)),
            ..Details::default()
        };
        self.certifications(&text, &mut details);
        details
    }

    fn experience(&self, normalized: &str, text: &TokenText) -> Option<Experience> {
        for caps in YEARS.captures_iter(normalized) {
            if caps.get(1).is_some() {
                // "in 5 years", "after 2 years": a time, not experience.
                continue;
            }
            if let Some(next) = caps.get(7) {
                if matches!(
                    next.as_str(),
                    "ago" | "old" | "later" | "back" | "age" | "from"
                ) {
                    continue;
                }
            }
            let unit = caps.get(6).map_or("", |m| m.as_str());
            if unit.starts_with('y') && unit.contains('o') {
                // "25 y/o": an age.
                continue;
            }
            let Some(low) = caps.get(2).and_then(|m| number_value(m.as_str())) else {
                continue;
            };
            let value = match caps.get(3).and_then(|m| number_value(m.as_str())) {
                Some(high) if high >= low => (low + high) / 2.0,
                _ => low,
            };
            let years = if unit.starts_with('m') {
                value / 12.0
            } else if unit.starts_with('d') {
                value * 10.0
            } else {
                value
            };
            if (0.0..=50.0).contains(&years) {
                return Some(Experience::Years(years));
            }
        }
        if self.entry_words.contains_any(text) {
            return Some(Experience::Entry);
        }
        if self.senior_words.contains_any(text) {
            return Some(Experience::Senior);
        }
        None
    }

    fn education(&self, original: &str, text: &TokenText) -> Option<String> {
        let mut best: Option<usize> = None;
        let mut consider = |index: usize| {
            if best.is_none_or(|b| self.education[index].rank > self.education[b].rank) {
                best = Some(index);
            }
        };
        for found in self.education_phrases.find_longest(text) {
            consider(found.label);
        }
        for (index, level) in self.education.iter().enumerate() {
            if level
                .abbreviations
                .as_ref()
                .is_some_and(|pattern| pattern.is_match(original))
            {
                consider(index);
            }
        }
        best.map(|index| self.education[index].id.clone())
    }

    fn certifications(&self, text: &TokenText, details: &mut Details) {
        for found in self.certifications.find_longest(text) {
            let id = self.certification_ids[found.label].clone();
            let window = text.before(found.start, 5);
            // Only cues after the last "but"/"and" count: "no degree but I
            // have CMAA" holds CMAA.
            let window_start = window
                .iter()
                .rposition(|w| w == "but" || w == "and" || w == "have" || w == "got")
                .map_or(0, |p| p + 1);
            let pending = contains_cue(&window[window_start..], &self.pending_before)
                || contains_cue(text.after(found.end, 3), &self.pending_after);
            let list = if pending {
                &mut details.pending_certifications
            } else {
                &mut details.certifications
            };
            if !list.contains(&id) {
                list.push(id);
            }
        }
        details
            .pending_certifications
            .retain(|id| !details.certifications.contains(id));
        details.no_certifications =
            details.certifications.is_empty() && self.no_certifications.contains_any(text);
    }

    fn location(&self, original: &str, text: &TokenText) -> Option<Place> {
        let mut metro: Option<(usize, Vec<usize>)> = None; // (position, candidates)
        let mut state: Option<usize> = None;
        let mut state_mentions: Vec<String> = Vec::new();
        let mut rural = false;
        for found in self.places.find_longest(text) {
            match found.label {
                PlaceLabel::City(i) => {
                    let (name, list) = &self.cities[i];
                    if self.capitalized_only.contains(name) && !appears_capitalized(original, name)
                    {
                        continue;
                    }
                    metro = Some((found.start, list.clone()));
                }
                PlaceLabel::Metro(i) => metro = Some((found.start, vec![i])),
                PlaceLabel::State(i) => {
                    state = Some(i);
                    state_mentions.push(self.states[i].0.clone());
                }
                PlaceLabel::Rural => rural = true,
            }
        }
        // Postal codes, as written in capitals: "Austin, TX".
        for caps in self.state_codes.captures_iter(original) {
            let code = caps[2].to_string();
            let after_comma = caps.get(1).is_some();
            if self.ambiguous_codes.contains(&code) && !after_comma {
                continue;
            }
            if let Some(i) = self.states.iter().position(|s| s.0 == code) {
                if metro.is_none() {
                    state = Some(i);
                }
                state_mentions.push(code);
            }
        }
        if let Some((_, candidates)) = metro {
            if !rural || state.is_none() {
                let chosen = candidates
                    .iter()
                    .copied()
                    .filter(|&m| {
                        state_mentions.is_empty()
                            || self.metros[m].2.iter().any(|s| state_mentions.contains(s))
                    })
                    .max_by_key(|&m| self.metros[m].3)
                    .or_else(|| candidates.iter().copied().max_by_key(|&m| self.metros[m].3))?;
                let (code, name, _, _) = &self.metros[chosen];
                return Some(Place::Metro {
                    code: code.clone(),
                    name: name.clone(),
                });
            }
        }
        match (state, rural) {
            (Some(i), true) => Some(Place::Rural {
                state: Some(self.states[i].0.clone()),
            }),
            (Some(i), false) => Some(Place::State {
                abbrev: self.states[i].0.clone(),
                name: self.states[i].1.clone(),
            }),
            (None, true) => Some(Place::Rural { state: None }),
            (None, false) => None,
        }
    }
}

/// "Boston-Cambridge-Newton, MA-NH" → Boston, Cambridge, Newton. Names with
/// a hyphen of their own use "--" between cities ("Scranton--Wilkes-Barre").
fn principal_cities(area_name: &str) -> Vec<String> {
    let cities_part = area_name
        .rsplit_once(", ")
        .map_or(area_name, |(cities, _)| cities);
    let separator = if cities_part.contains("--") {
        "--"
    } else {
        "-"
    };
    cities_part
        .split(separator)
        .flat_map(|city| city.split('/'))
        .map(|city| city.trim().to_string())
        .filter(|city| !city.is_empty())
        .collect()
}

fn number_value(text: &str) -> Option<f64> {
    if let Ok(value) = text.parse::<f64>() {
        return Some(value);
    }
    let text = text.trim_end_matches(" of");
    match text {
        "several" => Some(4.0),
        "half a" => Some(0.5),
        _ => NUMBER_WORDS
            .iter()
            .find(|(word, _)| *word == text)
            .map(|(_, value)| *value),
    }
}

/// True when the token sequence contains one of the cue phrases.
fn contains_cue(window: &[String], cues: &[Vec<String>]) -> bool {
    cues.iter()
        .any(|cue| window.windows(cue.len()).any(|w| w == cue.as_slice()))
}

/// "not a supervisor", "no office manager".
fn negated_before(text: &TokenText, start: usize) -> bool {
    text.before(start, 2).iter().any(|w| {
        matches!(
            w.as_str(),
            "not" | "no" | "never" | "isnt" | "arent" | "wasnt"
        )
    })
}

/// Whether `name` (lowercase) appears in the original text with a capital
/// first letter on each word.
fn appears_capitalized(original: &str, name: &str) -> bool {
    let titled: Vec<String> = name
        .split(' ')
        .map(|word| {
            let mut chars = word.chars();
            match chars.next() {
                Some(first) => first.to_uppercase().chain(chars).collect(),
                None => String::new(),
            }
        })
        .collect();
    let pattern = format!(r"\b{}\b", regex::escape(&titled.join(" ")));
    Regex::new(&pattern).is_ok_and(|re| re.is_match(original))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn principal_cities_split_on_hyphens_and_slashes() {
        assert_eq!(
            principal_cities("Boston-Cambridge-Newton, MA-NH"),
            vec!["Boston", "Cambridge", "Newton"]
        );
        assert_eq!(
            principal_cities("Scranton--Wilkes-Barre, PA"),
            vec!["Scranton", "Wilkes-Barre"]
        );
        assert_eq!(
            principal_cities("Louisville/Jefferson County, KY-IN"),
            vec!["Louisville", "Jefferson County"]
        );
    }

    #[test]
    fn number_words() {
        assert_eq!(number_value("five"), Some(5.0));
        assert_eq!(number_value("a couple of"), Some(2.0));
        assert_eq!(number_value("2.5"), Some(2.5));
        assert_eq!(number_value("umpteen"), None);
    }
}
