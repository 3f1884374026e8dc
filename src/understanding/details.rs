//! Reading a person's own details out of what they wrote: years of
//! experience, education, certifications held, location, employer type and
//! supervisory duties.
//!
//! Every word list comes from the knowledge base (`salary_model.toml`,
//! `places.toml` and the BLS tables); only the grammar of numbers and
//! negation lives here.

use super::normalize::{normalize, tokenize};
use super::phrases::{Found, PhraseSet, TokenText};
use crate::domain::{
    CertificationId, EducationId, EmployerId, EntityKind, Experience, Place, Profile,
};
use crate::knowledge::KnowledgeBase;
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::sync::LazyLock;

/// Every place, and every employer type, a message named, in the order
/// named, when it named more than one of the kind: the message compares
/// them ("does Boston pay more than Denver?", "hospital or private clinic?").
/// [`Profile`] keeps one of each, the last named.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Alternatives {
    /// Two or more places, or none.
    pub places: Vec<Place>,
    /// Two or more employer type ids, or none.
    pub employers: Vec<EmployerId>,
}

impl Alternatives {
    pub fn is_empty(&self) -> bool {
        self.places.is_empty() && self.employers.is_empty()
    }

    /// What every compared option shares: the profile without what is
    /// compared.
    pub fn shared(&self, profile: &Profile) -> Profile {
        profile.without(!self.places.is_empty(), !self.employers.is_empty())
    }
}

/// Numbers people write as words. A bare "a" counts only where it cannot
/// be a rate: "a decade", "a year and a half", "for a year" are amounts of
/// experience; "make $45k a year" is not.
const NUMBER_WORDS: [(&str, f64); 24] = [
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
    ("a", 1.0),
    ("an", 1.0),
];

/// A number of years, months or decades, in digits or words. Word numbers
/// end at a word boundary so "amos" is not "a mos".
const NUMBER: &str = r"(?:\d{1,2}(?:\.\d+)?|(?:a couple(?: of)?|a few|several|half an?|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|an?)\b)";

/// "3-5 years", "3 to 5 yrs", "5+ years", "five years", "18 months",
/// "a decade", "2 and a half years". The word before is captured so "in 5
/// years" (a time to come) can be refused, and the word after so "ago",
/// "old" and "degree" can be.
static YEARS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"(?:\b(?P<pre>in|within|after|next|another)\s+(?:(?:about|around|roughly|approximately|maybe|like|just|only|the next|the coming|the first)\s+)?)?\b(?P<low>{NUMBER})(?P<fraction>\s+1/2)?(?:\s*(?:-|to|or)\s*(?P<high>{NUMBER}))?(?P<half>\s+and\s+a\s+half)?\s*(?P<plus>\+|plus)?\s*(?P<unit>years?|yrs?|y/?o|months?|mos?|decades?)\b(?P<half_after>\s+and\s+a\s+half)?(?:\s+(?:of\s+)?(?P<next>\w+))?"
    ))
    .expect("the years pattern is valid")
});

/// Words after a number of years that make it something else: an age
/// ("25 years old"), a past or future time ("5 years ago", "5 years from
/// now"), or the length of a degree ("2 year degree").
const NOT_EXPERIENCE_AFTER: [&str; 22] = [
    "ago",
    "old",
    "olds",
    "later",
    "back",
    "age",
    "from",
    "degree",
    "degrees",
    "program",
    "programs",
    "college",
    "school",
    "course",
    "plan",
    "contract",
    "younger",
    "older",
    "until",
    "till",
    "away",
    "remaining",
];

/// Words before a bare "a year" that make it a length of time worked: "for
/// a year", "over a year", "about a year".
const BEFORE_A_YEAR: [&str; 10] = [
    "for", "over", "about", "almost", "nearly", "around", "than", "past", "last", "roughly",
];

/// Words after a bare "a year" that make it experience: "a year of
/// experience". Not "in": "$45k a year in Boston" is a rate.
const AFTER_A_YEAR: [&str; 2] = ["experience", "exp"];

/// Words that negate what follows: "not a supervisor", "don't supervise".
/// Grammar, not vocabulary: the cue lists in `salary_model.toml` add the
/// phrases ("working toward", "studying for").
const NEGATIONS: [&str; 13] = [
    "not", "no", "never", "dont", "doesnt", "didnt", "isnt", "arent", "wasnt", "werent", "without",
    "nor", "cant",
];

/// Words that start a new clause, so a cue before them no longer applies:
/// "no degree but I have CMAA".
const CLAUSE_WORDS: [&str; 7] = ["but", "and", "have", "has", "also", "plus", "however"];

/// Words that say a thing is held, overriding a cue after it: "I passed the
/// CMAA exam".
const HELD_WORDS: [&str; 10] = [
    "passed",
    "earned",
    "got",
    "hold",
    "holding",
    "completed",
    "finished",
    "obtained",
    "received",
    "achieved",
];

/// Words before a degree abbreviation that show it is a degree: "a BA",
/// "my BS", "have an AA".
const DEGREE_CUES: [&str; 14] = [
    "a",
    "an",
    "my",
    "have",
    "has",
    "had",
    "got",
    "hold",
    "holding",
    "earned",
    "finished",
    "completed",
    "plus",
    "and",
];

/// Words joining two places compared: "Boston or Denver".
const PLACE_JOINERS: [&str; 5] = ["or", "vs", "versus", "v", "and"];

/// How many tokens before a certification or degree a cue may stand.
const CUE_WINDOW: usize = 5;
/// How many tokens before a duty or employer a negation may stand.
const NEGATION_WINDOW: usize = 3;
/// How many tokens after a certification or degree a cue may stand ("not
/// CMAA yet").
const AFTER_WINDOW: usize = 3;

struct EducationReader {
    id: EducationId,
    rank: u8,
    /// Abbreviations as written ("BA", "A.S."), longest first, in one
    /// case-sensitive pattern.
    abbreviations: Option<Regex>,
}

/// A degree abbreviation written as a standalone word, case kept.
fn abbreviation_pattern(abbreviations: &[String]) -> Option<Regex> {
    if abbreviations.is_empty() {
        return None;
    }
    let mut sorted: Vec<&String> = abbreviations.iter().collect();
    sorted.sort_by_key(|a| std::cmp::Reverse(a.len()));
    let alternatives = sorted
        .iter()
        .map(|a| regex::escape(a))
        .collect::<Vec<_>>()
        .join("|");
    Regex::new(&format!(
        // ASCII classes: Unicode letter classes make this regex costly to
        // build, and the abbreviations are ASCII.
        r"(?:^|[^A-Za-z0-9.])(?P<abbr>{alternatives})(?:[^A-Za-z0-9]|$)"
    ))
    .ok()
}

/// What a cue before a phrase says about it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Signal {
    /// "not", "working toward": not held.
    NotHeld,
    /// "passed", "earned": held, whatever follows.
    Held,
    /// Nothing either way.
    Neutral,
}

/// A metro or state an alias names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AliasTarget {
    Metro(usize),
    State(usize),
}

/// Everything one place name can mean: "washington" is a state alias and
/// a principal city; "new york" a state and a city; "manhattan" an alias
/// for New York and a city in Kansas.
#[derive(Debug, Clone, Default)]
struct PlaceName {
    /// Lowercase tokens joined by spaces.
    key: String,
    /// Metros that have this name among their principal cities.
    city_of: Vec<usize>,
    alias: Option<AliasTarget>,
    /// The state with this name.
    state: Option<usize>,
    rural: bool,
    /// An everyday word as well as a city: it counts as the city only when
    /// written as a name or followed by its state.
    capitalized_only: bool,
}

impl PlaceName {
    /// The state this name can qualify a city with: "Portland, Maine".
    fn as_state(&self) -> Option<usize> {
        self.state.or(match self.alias {
            Some(AliasTarget::State(s)) => Some(s),
            _ => None,
        })
    }

    /// Every metro the name can mean.
    fn metros(&self) -> Vec<usize> {
        let mut metros = self.city_of.clone();
        if let Some(AliasTarget::Metro(m)) = self.alias
            && !metros.contains(&m)
        {
            metros.push(m);
        }
        metros
    }
}

struct MetroInfo {
    code: String,
    name: String,
    states: Vec<String>,
    employment: u32,
}

/// One place mentioned in a message, before ambiguity is settled.
enum Mention {
    Metro(usize),
    /// A city name shared by several metros, settled by the states named.
    City(Vec<usize>),
    Rural,
}

/// Reads details from messages; built once from the knowledge base.
pub struct DetailReader {
    entry_words: PhraseSet<()>,
    mid_words: PhraseSet<()>,
    senior_words: PhraseSet<()>,
    education_phrases: PhraseSet<usize>,
    education: Vec<EducationReader>,
    certifications: PhraseSet<usize>,
    certification_ids: Vec<CertificationId>,
    no_certifications: PhraseSet<()>,
    /// Cues before a certification or degree that mean it is not held.
    not_held_before: Vec<Vec<String>>,
    /// The same after it.
    not_held_after: Vec<Vec<String>>,
    negations: Vec<Vec<String>>,
    employers: PhraseSet<usize>,
    employer_ids: Vec<EmployerId>,
    supervisory: PhraseSet<()>,
    places: PhraseSet<usize>,
    place_names: Vec<PlaceName>,
    metros: Vec<MetroInfo>,
    /// (postal code, name).
    states: Vec<(String, String)>,
    /// Lowercase postal code → state index.
    state_codes: HashMap<String, usize>,
    /// Postal codes written in capitals anywhere, or after a comma.
    code_pattern: Regex,
    /// Postal codes written in capitals after "in", "near", "from".
    code_after_in: Regex,
    ambiguous_codes: HashSet<String>,
}

fn key_of(name: &str) -> String {
    tokenize(&normalize(name)).join(" ")
}

impl DetailReader {
    pub fn new(kb: &KnowledgeBase) -> DetailReader {
        let model = &kb.model;
        let entities = &kb.entities;
        let words = |list: &[String]| PhraseSet::new(list.iter().map(|w| (w.clone(), ())));
        let aliases_of = |kind: EntityKind| {
            PhraseSet::new(
                (entities.of_kind(kind).iter().enumerate())
                    .flat_map(|(i, e)| e.aliases.iter().map(move |a| (a.clone(), i))),
            )
        };
        let levels = entities.of_kind(EntityKind::Education);
        let education_phrases = aliases_of(EntityKind::Education);
        let education = levels
            .iter()
            .map(|level| EducationReader {
                id: level.id.id.as_str().into(),
                rank: level.rank,
                abbreviations: abbreviation_pattern(&level.abbreviations),
            })
            .collect();
        let certifications = aliases_of(EntityKind::Certification);
        let experience_words = |id: &str| {
            entities
                .find(EntityKind::Experience, id)
                .map_or_else(|| words(&[]), |level| words(&level.aliases))
        };
        let cue_tokens = |list: &[String]| {
            list.iter()
                .map(|cue| tokenize(&normalize(cue)))
                .filter(|tokens| !tokens.is_empty())
                .collect::<Vec<_>>()
        };
        let negations: Vec<Vec<String>> = NEGATIONS.iter().map(|w| vec![w.to_string()]).collect();
        let mut not_held_before = cue_tokens(&model.certification_rules.pending_before);
        not_held_before.extend(negations.iter().cloned());
        let employers = aliases_of(EntityKind::Employer);

        let metros: Vec<MetroInfo> = kb
            .wages
            .metros
            .iter()
            .map(|m| MetroInfo {
                code: m.code.clone(),
                name: m.name.clone(),
                states: m.states.clone(),
                employment: m.employment.unwrap_or(0),
            })
            .collect();
        let states: Vec<(String, String)> = kb
            .wages
            .states
            .iter()
            .map(|s| (s.states[0].clone(), s.name.clone()))
            .collect();
        let places = PlaceTable::build(kb, &metros, &states);

        let codes = states
            .iter()
            .map(|(code, _)| regex::escape(code))
            .collect::<Vec<_>>()
            .join("|");
        let nothing = || Regex::new(r"[^\s\S]").expect("a regex that matches nothing is valid");
        let code_pattern = Regex::new(&format!(r"(?P<comma>,\s*)?\b(?P<code>{codes})\b"))
            .unwrap_or_else(|_| nothing());
        let code_after_in = Regex::new(&format!(
            r"\b(?i:in|near|from|around|outside|to)\s+(?P<code>{codes})\b"
        ))
        .unwrap_or_else(|_| nothing());

        DetailReader {
            entry_words: experience_words("entry"),
            mid_words: experience_words("mid"),
            senior_words: experience_words("senior"),
            education_phrases,
            education,
            certifications,
            certification_ids: (entities.of_kind(EntityKind::Certification).iter())
                .map(|c| c.id.id.as_str().into())
                .collect(),
            no_certifications: words(&model.certification_rules.none_phrases),
            not_held_before,
            not_held_after: cue_tokens(&model.certification_rules.pending_after),
            negations,
            employers,
            employer_ids: (entities.of_kind(EntityKind::Employer).iter())
                .map(|e| e.id.id.as_str().into())
                .collect(),
            supervisory: words(&model.supervisory.phrases),
            places: PhraseSet::new(
                places
                    .names
                    .iter()
                    .enumerate()
                    .map(|(i, name)| (name.key.clone(), i)),
            ),
            place_names: places.names,
            state_codes: states
                .iter()
                .enumerate()
                .map(|(i, (code, _))| (code.to_lowercase(), i))
                .collect(),
            metros,
            states,
            code_pattern,
            code_after_in,
            ambiguous_codes: kb
                .places
                .ambiguous_abbreviations
                .iter()
                .map(|c| c.to_uppercase())
                .collect(),
        }
    }

    /// Read the details in one message. `original` is the text as typed
    /// (after NFKC), for the checks that need capital letters;
    /// `normalized` is its normalized form.
    pub fn read(&self, original: &str, normalized: &str) -> Profile {
        self.read_compared(original, normalized).0
    }

    /// A normalized text with what would tell about a person masked: every
    /// place name as `[place]`, every token with a digit as `#`. What the
    /// review keeps of a question. (Lowercase state codes stay: "in", "me"
    /// and "or" are words far more often.)
    pub fn redacted(&self, normalized: &str) -> String {
        let text = TokenText::new(normalized);
        let places = self.places.find_longest(&text);
        let mut words: Vec<&str> = Vec::with_capacity(text.tokens.len());
        let mut i = 0;
        while i < text.tokens.len() {
            if let Some(found) = places.iter().find(|f| f.start == i) {
                words.push("[place]");
                i = found.end.max(i + 1);
                continue;
            }
            let token = text.tokens[i].as_str();
            if token.bytes().any(|b| b.is_ascii_digit()) {
                words.push("#");
            } else {
                words.push(token);
            }
            i += 1;
        }
        words.join(" ")
    }

    /// The one place a text names, and nothing else of its details: for
    /// the parts of a message that hold an offer each.
    pub fn place(&self, original: &str, normalized: &str) -> Option<Place> {
        self.location(original, &TokenText::new(normalized)).0
    }

    /// The details, and the places or employer types the message compares
    /// when it names more than one.
    pub fn read_compared(&self, original: &str, normalized: &str) -> (Profile, Alternatives) {
        self.read_compared_in(original, normalized, &TokenText::new(normalized))
    }

    /// [`DetailReader::read_compared`], for a caller that already holds the
    /// tokens of `normalized`.
    pub fn read_compared_in(
        &self,
        original: &str,
        normalized: &str,
        text: &TokenText,
    ) -> (Profile, Alternatives) {
        let (location, places) = self.location(original, text);
        let employer_mentions: Vec<&EmployerId> = (self.employers.find_longest(text).iter())
            .filter(|f| !self.negated(text, f.start))
            .map(|f| &self.employer_ids[f.label])
            .collect();
        let mut distinct_employers: Vec<&EmployerId> = Vec::new();
        for id in &employer_mentions {
            if !distinct_employers.contains(id) {
                distinct_employers.push(id);
            }
        }
        let mut details = Profile {
            experience: self.experience(normalized, text),
            education: self.education(original, text),
            location,
            employer: employer_mentions.last().map(|id| (*id).clone()),
            supervisory: self
                .supervisory
                .find_longest(text)
                .iter()
                .any(|f| !self.negated(text, f.start)),
            ..Profile::default()
        };
        self.certifications(text, &mut details);
        let employers = if distinct_employers.len() >= 2 {
            distinct_employers.into_iter().cloned().collect()
        } else {
            Vec::new()
        };
        (details, Alternatives { places, employers })
    }

    fn experience(&self, normalized: &str, text: &TokenText) -> Option<Experience> {
        for caps in YEARS.captures_iter(normalized) {
            if caps.name("pre").is_some() {
                // "in 5 years", "after 2 years": a time, not experience.
                continue;
            }
            let next = caps.name("next").map_or("", |m| m.as_str());
            if NOT_EXPERIENCE_AFTER.contains(&next) {
                continue;
            }
            let unit = caps.name("unit").map_or("", |m| m.as_str());
            if unit.starts_with('y') && unit.contains('o') {
                // "25 y/o": an age.
                continue;
            }
            let Some(low_match) = caps.name("low") else {
                continue;
            };
            let low_text = low_match.as_str();
            let before_number = &normalized[..low_match.start()];
            if before_number.ends_with('/') {
                // "1/2 year": the 2 is half of a fraction.
                continue;
            }
            if let Some(rest) = before_number.strip_suffix('-')
                && !rest.ends_with(|c: char| c.is_alphanumeric())
            {
                // "-5 years": a minus sign, not a range ("3-5 years") or a
                // compound ("five-year"); no length of experience is
                // negative.
                continue;
            }
            let half = caps.name("half").is_some()
                || caps.name("half_after").is_some()
                || caps.name("fraction").is_some();
            if matches!(low_text, "a" | "an") && !unit.starts_with('d') && !half {
                // A bare "a year" is experience only as a length of time
                // worked, never as a rate ("$45k a year").
                let mut words_before = normalized[..low_match.start()].split_whitespace().rev();
                let before = words_before.next().unwrap_or("");
                let earlier = words_before.next().unwrap_or("");
                let less = before == "than" && matches!(earlier, "less" | "fewer");
                // "$50k for a year" is pay, like "$50k a year".
                let after_money = before.starts_with('$') || earlier.starts_with('$');
                if less
                    || after_money
                    || (!BEFORE_A_YEAR.contains(&before) && !AFTER_A_YEAR.contains(&next))
                {
                    // "less than a year" is entry level, read from the
                    // word lists.
                    continue;
                }
            }
            let Some(low) = number_value(low_text) else {
                continue;
            };
            let mut value = match caps.name("high").and_then(|m| number_value(m.as_str())) {
                Some(high) if high >= low => (low + high) / 2.0,
                _ => low,
            };
            if half {
                value += 0.5;
            }
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
        let said = |set: &PhraseSet<()>| {
            set.find_longest(text)
                .iter()
                .any(|f| !self.negated(text, f.start))
        };
        if said(&self.entry_words) {
            return Some(Experience::Entry);
        }
        if said(&self.senior_words) {
            return Some(Experience::Senior);
        }
        if said(&self.mid_words) {
            return Some(Experience::Mid);
        }
        None
    }

    fn education(&self, original: &str, text: &TokenText) -> Option<EducationId> {
        let mut best: Option<usize> = None;
        let mut consider = |index: usize| {
            if best.is_none_or(|b| self.education[index].rank > self.education[b].rank) {
                best = Some(index);
            }
        };
        for found in self.education_phrases.find_longest(text) {
            if !self.not_held(text, found.start, found.end) {
                consider(found.label);
            }
        }
        let shouting = !original.chars().any(char::is_lowercase);
        for (index, level) in self.education.iter().enumerate() {
            if let Some(pattern) = &level.abbreviations
                && self.abbreviation_held(original, text, pattern, shouting)
            {
                consider(index);
            }
        }
        best.map(|index| self.education[index].id.clone())
    }

    /// Whether a degree abbreviation is written as a degree someone holds:
    /// "a BA", "BS in biology", "AAS degree", "BA, 3 years". Not "Boston,
    /// MA", "AS a coordinator", "MS Office", nor anything in a message
    /// written all in capitals unless "degree" follows.
    fn abbreviation_held(
        &self,
        original: &str,
        text: &TokenText,
        pattern: &Regex,
        shouting: bool,
    ) -> bool {
        // A long message may repeat an abbreviation; a few looks decide.
        for caps in pattern.captures_iter(original).take(20) {
            let Some(abbr) = caps.name("abbr") else {
                continue;
            };
            let before = original[..abbr.start()].trim_end();
            let after = original[abbr.end()..].trim_start();
            let is_state_code = self.state_codes.contains_key(&abbr.as_str().to_lowercase());
            if is_state_code && before.ends_with(',') {
                // "Boston, MA", "Jackson, MS".
                continue;
            }
            let next_word: String = after.chars().take_while(|c| c.is_alphabetic()).collect();
            let previous_word = before
                .rsplit(|c: char| !c.is_alphabetic())
                .next()
                .unwrap_or("")
                .to_lowercase();
            let reads_as_degree = if next_word.eq_ignore_ascii_case("degree") {
                true
            } else if shouting {
                false
            } else {
                let lowercase_next = !next_word.starts_with(char::is_uppercase);
                let list_item = !is_state_code
                    && (before.is_empty() || before.ends_with([',', ';', ':', '(', '-', '*']))
                    && (after.is_empty() || after.starts_with([',', ';', '.', '!', '?', ')']));
                next_word == "in"
                    || (DEGREE_CUES.contains(&previous_word.as_str()) && lowercase_next)
                    || list_item
            };
            if !reads_as_degree {
                continue;
            }
            let start = tokenize(&normalize(&original[..abbr.start()])).len();
            let end = start + tokenize(&normalize(abbr.as_str())).len().max(1);
            if !self.not_held(text, start, end.min(text.tokens.len())) {
                return true;
            }
        }
        false
    }

    fn certifications(&self, text: &TokenText, details: &mut Profile) {
        for found in self.certifications.find_longest(text) {
            let id = self.certification_ids[found.label].clone();
            let list = if self.not_held(text, found.start, found.end) {
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

    /// Whether the certification or degree at tokens `start..end` is one
    /// the person does not (yet) hold: "not CMAA yet", "working toward my
    /// bachelor's", "I don't have CEHRS".
    fn not_held(&self, text: &TokenText, start: usize, end: usize) -> bool {
        match signal_before(text, start, CUE_WINDOW, &self.not_held_before) {
            Signal::NotHeld => true,
            Signal::Held => false,
            Signal::Neutral => {
                let mut stop = (end + AFTER_WINDOW).min(text.tokens.len());
                if let Some(cut) = (end + 1..stop)
                    .find(|&i| text.sentence_break_before(i) || text.tokens[i] == "but")
                {
                    stop = cut;
                }
                let after = &text.tokens[end.min(stop)..stop];
                contains_cue(after, &self.not_held_after)
            }
        }
    }

    /// Whether a negation stands shortly before token `start`: "not a
    /// supervisor", "I don't work at a hospital".
    /// "not Minneapolis", "no, Denver" is fine: a negation right before.
    fn denied(&self, text: &TokenText, start: usize) -> bool {
        start > 0
            && NEGATIONS.contains(&text.tokens[start - 1].as_str())
            && !text.comma_before(start)
    }

    fn negated(&self, text: &TokenText, start: usize) -> bool {
        signal_before(text, start, NEGATION_WINDOW, &self.negations) == Signal::NotHeld
    }

    /// Whether a lowercase token is a state's postal code ("pa", "tx").
    pub fn is_state_code(&self, token: &str) -> bool {
        self.state_codes.contains_key(token)
    }

    /// The tokens of every place name in the text ("new", "york" in "jobs
    /// in new york"): they name a detail, and say nothing of the topic.
    pub fn place_tokens(&self, text: &TokenText) -> Vec<String> {
        let mut tokens: Vec<String> = (self.places.find_longest(text).iter())
            .flat_map(|found| text.tokens[found.start..found.end].iter().cloned())
            .collect();
        // State codes ("az", "tx") as well.
        tokens.extend(
            (text.tokens.iter())
                .filter(|t| t.len() == 2 && self.state_codes.contains_key(*t))
                .cloned(),
        );
        tokens
    }

    /// The place a message is about (the last named, but never one named
    /// only to be denied: "Milwaukee, not Minneapolis"), and every place it
    /// names when that is more than one.
    fn location(&self, original: &str, text: &TokenText) -> (Option<Place>, Vec<Place>) {
        let found = self.places.find_longest(text);
        let shouting = !original.chars().any(char::is_lowercase);
        let mut consumed = vec![false; found.len()];
        // A long message may repeat a name; each check on the original
        // text is made once per name.
        let mut checks = OriginalChecks::default();
        let mut mentions: Vec<Mention> = Vec::new();
        let mut named_states: Vec<usize> = Vec::new();
        for k in 0..found.len() {
            if consumed[k] || self.denied(text, found[k].start) {
                continue;
            }
            let name = &self.place_names[found[k].label];
            let candidates = name.metros();
            // "Portland, ME", "Columbus Ohio", "Manhattan, KS": a state right
            // after a city settles which one.
            if !candidates.is_empty()
                && let Some((state, next)) =
                    self.qualifier(original, text, &found, k, shouting, &mut checks)
            {
                let code = &self.states[state].0;
                let fitting: Vec<usize> = candidates
                    .iter()
                    .copied()
                    .filter(|&m| self.metros[m].states.contains(code))
                    .collect();
                if let Some(chosen) = self.largest(&fitting) {
                    if let Some(next) = next {
                        consumed[next] = true;
                    }
                    mentions.push(Mention::Metro(chosen));
                    continue;
                }
            }
            match name.alias {
                Some(AliasTarget::Metro(m)) => {
                    mentions.push(Mention::Metro(m));
                    continue;
                }
                Some(AliasTarget::State(s)) => {
                    named_states.push(s);
                    continue;
                }
                None => {}
            }
            if let Some(s) = name.state {
                // "New York" is the city (it lies in New York); "Wyoming" is
                // the state (its city lies in Michigan).
                let code = &self.states[s].0;
                if name
                    .city_of
                    .iter()
                    .any(|&m| self.metros[m].states.contains(code))
                {
                    mentions.push(Mention::City(name.city_of.clone()));
                } else {
                    named_states.push(s);
                }
                continue;
            }
            if !name.city_of.is_empty() {
                // "detroit or cleveland": beside another place, an
                // everyday-word name is the place however it is written.
                let paired = |other: Option<&Found<usize>>, gap: std::ops::Range<usize>| {
                    other.is_some_and(|o| {
                        !self.place_names[o.label].capitalized_only
                            && gap.len() == 1
                            && PLACE_JOINERS.contains(&text.tokens[gap.start].as_str())
                    })
                };
                let beside = (k > 0 && paired(found.get(k - 1), found[k - 1].end..found[k].start))
                    || paired(
                        found.get(k + 1),
                        found[k].end..found.get(k + 1).map_or(0, |n| n.start),
                    );
                if name.capitalized_only
                    && !beside
                    && !*checks
                        .written_as_name
                        .entry(found[k].label)
                        .or_insert_with(|| written_as_name(original, &name.key))
                {
                    continue;
                }
                mentions.push(Mention::City(name.city_of.clone()));
                continue;
            }
            if name.rural {
                mentions.push(Mention::Rural);
            }
        }

        // Postal codes: "TX" anywhere in capitals; "IN", "OR", "ME" and the
        // other everyday words only after a comma or after "in".
        let mut code_states: Vec<usize> = Vec::new();
        for caps in self.code_pattern.captures_iter(original) {
            let code = &caps["code"];
            if self.ambiguous_codes.contains(code) && caps.name("comma").is_none() {
                continue;
            }
            if let Some(&s) = self.state_codes.get(&code.to_lowercase()) {
                code_states.push(s);
            }
        }
        if !shouting {
            for caps in self.code_after_in.captures_iter(original) {
                if let Some(&s) = self.state_codes.get(&caps["code"].to_lowercase()) {
                    code_states.push(s);
                }
            }
        }
        // "jobs in tx": an unambiguous code in lowercase after "in".
        for pair in text.tokens.windows(2) {
            if pair[0] == "in"
                && let Some(&s) = self.state_codes.get(&pair[1])
                && !self.ambiguous_codes.contains(&self.states[s].0)
            {
                code_states.push(s);
            }
        }

        let all_states: Vec<&String> = named_states
            .iter()
            .chain(&code_states)
            .map(|&s| &self.states[s].0)
            .collect();
        let mut metro: Option<usize> = None;
        let mut named_metros: Vec<usize> = Vec::new();
        let mut rural = false;
        for mention in &mentions {
            match mention {
                Mention::Metro(m) => metro = Some(*m),
                Mention::City(candidates) => {
                    let in_named_state: Vec<usize> = candidates
                        .iter()
                        .copied()
                        .filter(|&m| {
                            self.metros[m]
                                .states
                                .iter()
                                .any(|s| all_states.contains(&s))
                        })
                        .collect();
                    metro = self
                        .largest(&in_named_state)
                        .or_else(|| self.largest(candidates));
                }
                Mention::Rural => rural = true,
            }
            if let Some(m) = metro
                && !named_metros.contains(&m)
            {
                named_metros.push(m);
            }
        }
        let state = named_states.last().or(code_states.last()).copied();
        let compared = if rural {
            Vec::new()
        } else {
            let mut states = named_states.clone();
            states.extend(&code_states);
            self.places_compared(&named_metros, &states)
        };
        if let Some(m) = metro
            && (!rural || state.is_none())
        {
            return (Some(self.metro_place(m)), compared);
        }
        let place = match (state, rural) {
            (Some(i), true) => Some(Place::Rural {
                state: Some(self.states[i].0.clone()),
            }),
            (Some(i), false) => Some(self.state_place(i)),
            (None, true) => Some(Place::Rural { state: None }),
            (None, false) => None,
        };
        (place, compared)
    }

    /// The places a message compares: the metros it names, then the states
    /// it names (in words or as codes, "TX") that hold none of those
    /// metros, if that makes two or more. (A state written after its city,
    /// "Austin, Texas" or "Boston, MA", qualifies the city and is not
    /// counted.)
    fn places_compared(&self, metros: &[usize], states: &[usize]) -> Vec<Place> {
        let mut other_states: Vec<usize> = Vec::new();
        for &s in states {
            let code = &self.states[s].0;
            let holds_a_metro = metros.iter().any(|&m| self.metros[m].states.contains(code));
            if !holds_a_metro && !other_states.contains(&s) {
                other_states.push(s);
            }
        }
        // Most messages name one place: nothing to build then.
        if metros.len() + other_states.len() < 2 {
            return Vec::new();
        }
        (metros.iter().map(|&m| self.metro_place(m)))
            .chain(other_states.iter().map(|&s| self.state_place(s)))
            .collect()
    }

    fn metro_place(&self, m: usize) -> Place {
        let info = &self.metros[m];
        Place::Metro {
            code: info.code.clone(),
            name: info.name.clone(),
        }
    }

    fn state_place(&self, s: usize) -> Place {
        Place::State {
            abbrev: self.states[s].0.clone(),
            name: self.states[s].1.clone(),
        }
    }

    /// The state named right after place `k`, and the place phrase that
    /// names it, if any: a state name ("Portland, Maine"), or a postal code
    /// ("Austin TX"; an everyday-word code such as "OR" or "LA" only after
    /// a comma or written in capitals).
    fn qualifier(
        &self,
        original: &str,
        text: &TokenText,
        found: &[Found<usize>],
        k: usize,
        shouting: bool,
        checks: &mut OriginalChecks,
    ) -> Option<(usize, Option<usize>)> {
        let at = found[k].end;
        let token = text.tokens.get(at)?;
        let next = found.get(k + 1).filter(|n| n.start == at);
        if let Some(next) = next
            && let Some(state) = self.place_names[next.label].as_state()
        {
            return Some((state, Some(k + 1)));
        }
        let &state = self.state_codes.get(token)?;
        let code = &self.states[state].0;
        // A lowercase everyday-word code counts when it ends the phrase:
        // "lafayette la", but not "portland or seattle".
        let ends_phrase = at + 1 == text.tokens.len()
            || text.comma_before(at + 1)
            || text.sentence_break_before(at + 1);
        let accepted = !self.ambiguous_codes.contains(code)
            || text.comma_before(at)
            || ends_phrase
            || (!shouting
                && *checks
                    .code_after
                    .entry((found[k].label, state))
                    .or_insert_with(|| {
                        code_written_after(original, &text.tokens[found[k].start..at], code)
                    }));
        accepted.then_some((state, next.map(|_| k + 1)))
    }

    /// The metro with the most employment among `candidates`: the one a
    /// person most likely means by a shared city name.
    fn largest(&self, candidates: &[usize]) -> Option<usize> {
        candidates
            .iter()
            .copied()
            .max_by_key(|&m| self.metros[m].employment)
    }
}

/// Answers about the original text, kept for one message.
#[derive(Default)]
struct OriginalChecks {
    /// Place name → written as a name.
    written_as_name: HashMap<usize, bool>,
    /// (place name, state) → the code written in capitals right after it.
    code_after: HashMap<(usize, usize), bool>,
}

/// The place names careerbot knows, merged by name.
struct PlaceTable {
    names: Vec<PlaceName>,
}

impl PlaceTable {
    fn build(kb: &KnowledgeBase, metros: &[MetroInfo], states: &[(String, String)]) -> PlaceTable {
        let mut table = PlaceTable { names: Vec::new() };
        for (index, metro) in metros.iter().enumerate() {
            let mut keys: Vec<String> = principal_cities(&metro.name)
                .iter()
                .map(|city| key_of(city))
                .collect();
            // The whole name too, so "Winston-Salem" is one place.
            if keys.len() > 1 {
                let cities = metro
                    .name
                    .rsplit_once(", ")
                    .map_or(metro.name.as_str(), |(cities, _)| cities);
                keys.push(key_of(cities));
            }
            for key in keys {
                let name = table.entry(&key);
                if !name.city_of.contains(&index) {
                    name.city_of.push(index);
                }
            }
        }
        for (index, (_, state_name)) in states.iter().enumerate() {
            table.entry(&key_of(state_name)).state = Some(index);
        }
        for (alias, _) in &kb.places.aliases {
            let target = match (&alias.metro, &alias.state) {
                (Some(code), _) => metros
                    .iter()
                    .position(|m| &m.code == code)
                    .map(AliasTarget::Metro),
                (_, Some(abbrev)) => states
                    .iter()
                    .position(|s| &s.0 == abbrev)
                    .map(AliasTarget::State),
                _ => None,
            };
            if let Some(target) = target {
                table.entry(&key_of(&alias.name)).alias = Some(target);
            }
        }
        for word in &kb.places.rural {
            table.entry(&key_of(word)).rural = true;
        }
        for word in &kb.places.capitalized_only {
            let key = key_of(word);
            if let Some(name) = table.names.iter_mut().find(|n| n.key == key) {
                name.capitalized_only = true;
            }
        }
        table.names.retain(|name| !name.key.is_empty());
        table
    }

    fn entry(&mut self, key: &str) -> &mut PlaceName {
        let position = match self.names.iter().position(|n| n.key == key) {
            Some(position) => position,
            None => {
                self.names.push(PlaceName {
                    key: key.to_string(),
                    ..PlaceName::default()
                });
                self.names.len() - 1
            }
        };
        &mut self.names[position]
    }
}

/// What the cues in the few tokens before `start` say. The window ends at a
/// sentence break; a cue counts only if no clause word ("but", "and",
/// "have") or held word ("passed") comes after it.
fn signal_before(text: &TokenText, start: usize, size: usize, cues: &[Vec<String>]) -> Signal {
    let start = start.min(text.tokens.len());
    let mut from = start.saturating_sub(size);
    if let Some(cut) = (from + 1..=start)
        .rev()
        .find(|&i| text.sentence_break_before(i))
    {
        from = cut;
    }
    let window = &text.tokens[from..start];
    let mut spans: Vec<(usize, usize)> = Vec::new();
    for cue in cues {
        if cue.len() <= window.len() {
            for p in 0..=window.len() - cue.len() {
                if window[p..p + cue.len()] == cue[..] {
                    spans.push((p, p + cue.len()));
                }
            }
        }
    }
    let last_cue = spans.iter().map(|&(_, end)| end).max();
    let mut last_word: Option<(usize, Signal)> = None;
    for (i, word) in window.iter().enumerate() {
        if spans.iter().any(|&(s, e)| s <= i && i < e) {
            continue;
        }
        if HELD_WORDS.contains(&word.as_str()) {
            last_word = Some((i + 1, Signal::Held));
        } else if CLAUSE_WORDS.contains(&word.as_str()) {
            last_word = Some((i + 1, Signal::Neutral));
        }
    }
    match (last_cue, last_word) {
        (Some(cue), Some((word, signal))) if word > cue => signal,
        (Some(_), _) => Signal::NotHeld,
        (None, Some((_, signal))) => signal,
        (None, None) => Signal::Neutral,
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
        "half a" | "half an" => Some(0.5),
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

/// Whether `name` (lowercase tokens) is written as a name in the original:
/// each word with a capital first letter, and not only where any word
/// would have one, at the start of a sentence. "jobs in Mobile" names the
/// city; "Mobile app?" and "mobile app" do not.
///
/// A plain scan, not a regex built per name: this runs for every message
/// that names an ambiguous place, and compiling a pattern each time cost
/// more than the rest of understanding the message.
fn written_as_name(original: &str, name: &str) -> bool {
    let words: Vec<String> = (name.split(' '))
        .filter(|word| !word.is_empty())
        .map(|word| {
            let mut chars = word.chars();
            (chars.next().into_iter().flat_map(char::to_uppercase))
                .chain(chars)
                .collect()
        })
        .collect();
    let Some((first, rest)) = words.split_first() else {
        return false;
    };
    let is_separator = |c: char| c.is_whitespace() || c == '.' || c == '-';
    original.match_indices(first.as_str()).any(|(start, _)| {
        if original[..start]
            .chars()
            .next_back()
            .is_some_and(is_word_char)
        {
            return false;
        }
        let mut end = start + first.len();
        for word in rest {
            let after = &original[end..];
            let gap = after.len() - after.trim_start_matches(is_separator).len();
            if gap == 0 || !after[gap..].starts_with(word.as_str()) {
                return false;
            }
            end += gap + word.len();
        }
        if original[end..].chars().next().is_some_and(is_word_char) {
            return false;
        }
        let before = original[..start]
            .trim_end_matches(|c: char| c.is_whitespace() || "*_~>#\"'`([-".contains(c));
        !(before.is_empty() || before.ends_with(['.', '!', '?']))
    })
}

/// A character of a word, for word boundaries (as `\b` sees them).
fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Whether the original has `city` followed by `code` written in capitals:
/// "Lafayette LA", "Portland OR".
///
/// ASCII text (nearly every message) is scanned directly; other text goes
/// through a regex, whose case folding covers every script.
fn code_written_after(original: &str, city: &[String], code: &str) -> bool {
    if original.is_ascii() && city.iter().all(|word| word.is_ascii()) {
        return code_written_after_ascii(original, city, code);
    }
    let city = city
        .iter()
        .map(|word| regex::escape(word))
        .collect::<Vec<_>>()
        .join(r"\W+");
    Regex::new(&format!(r"(?i:\b{city})\W+{}\b", regex::escape(code)))
        .is_ok_and(|re| re.is_match(original))
}

/// [`code_written_after`] for ASCII: the city's words in any case, each
/// followed by non-word characters, then `code` exactly, as a whole word.
fn code_written_after_ascii(original: &str, city: &[String], code: &str) -> bool {
    let bytes = original.as_bytes();
    let is_word = |b: u8| b.is_ascii_alphanumeric() || b == b'_';
    let Some(first) = city.first() else {
        return false;
    };
    let lower = original.to_ascii_lowercase();
    lower.match_indices(first.as_str()).any(|(start, _)| {
        if start > 0 && is_word(bytes[start - 1]) {
            return false;
        }
        let mut end = start;
        for (index, word) in city.iter().enumerate() {
            if index > 0 {
                let gap = bytes[end..].iter().take_while(|b| !is_word(**b)).count();
                if gap == 0 {
                    return false;
                }
                end += gap;
            }
            if !lower[end..].starts_with(word.as_str()) {
                return false;
            }
            end += word.len();
        }
        let gap = bytes[end..].iter().take_while(|b| !is_word(**b)).count();
        if gap == 0 || !original[end + gap..].starts_with(code) {
            return false;
        }
        let after = end + gap + code.len();
        !(after < bytes.len() && is_word(bytes[after]))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_found_only_where_written_as_names() {
        assert!(written_as_name("jobs in Mobile?", "mobile"));
        assert!(written_as_name("pay in New York?", "new york"));
        assert!(written_as_name("pay in New-York?", "new york"));
        assert!(written_as_name("pay in St. Louis", "st louis"));
        assert!(!written_as_name("Mobile app?", "mobile"));
        assert!(!written_as_name("is the mobile app good", "mobile"));
        assert!(!written_as_name("I like it. Mobile is fine", "mobile"));
        assert!(!written_as_name("jobs in Mobileville", "mobile"));
        assert!(!written_as_name("jobs in AMobile", "mobile"));
        assert!(written_as_name("hi **Mobile**", "mobile"));
        assert!(!written_as_name("**Mobile**", "mobile"));
        assert!(!written_as_name("jobs in New  Yorkshire", "new york"));
    }

    #[test]
    fn state_codes_are_found_after_their_city_in_capitals() {
        let city = |s: &str| s.split(' ').map(String::from).collect::<Vec<_>>();
        assert!(code_written_after(
            "jobs in Lafayette LA",
            &city("lafayette"),
            "LA"
        ));
        assert!(code_written_after(
            "jobs in lafayette, LA!",
            &city("lafayette"),
            "LA"
        ));
        assert!(code_written_after("PORTLAND OR", &city("portland"), "OR"));
        assert!(code_written_after(
            "pay in san jose, CA",
            &city("san jose"),
            "CA"
        ));
        assert!(!code_written_after(
            "portland or seattle",
            &city("portland"),
            "OR"
        ));
        assert!(!code_written_after("portland ORE", &city("portland"), "OR"));
        assert!(!code_written_after(
            "newportland OR",
            &city("portland"),
            "OR"
        ));
        assert!(!code_written_after("portlandOR", &city("portland"), "OR"));
        assert!(!code_written_after("sanjose CA", &city("san jose"), "CA"));
        // Outside ASCII the regex does the same.
        assert!(code_written_after(
            "café in Lafayette LA",
            &city("lafayette"),
            "LA"
        ));
        assert!(!code_written_after(
            "café in Lafayette la",
            &city("lafayette"),
            "LA"
        ));
    }

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
