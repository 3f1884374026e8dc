//! From normalized text to the terms matching compares: tokens, the
//! lexicon's synonyms, typo correction, stopwords and stemming.
//!
//! The same analyzer reads the knowledge base's phrasings and the people's
//! questions, so both sides meet in the same words.

use super::normalize::tokenize;
use crate::knowledge::{EnglishWords, Lexicon};
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use std::sync::Arc;

/// Tokens shorter than this are never typo-corrected: too many short words
/// are one edit apart ("pay", "day", "say").
const MIN_CORRECTABLE_LEN: usize = 5;
/// Tokens at least this long may be two edits from the word meant.
const TWO_EDIT_LEN: usize = 8;

/// Turns text into stemmed, synonym-folded terms.
pub struct Analyzer {
    stemmer: Stemmer,
    stopwords: HashSet<String>,
    /// One-word synonyms: variant → the group's word.
    synonyms: HashMap<String, String>,
    /// Multi-word synonyms, keyed by their first token, longest first.
    phrases: HashMap<String, Vec<(Vec<String>, String)>>,
    /// Every word the knowledge base uses, with how many texts use it.
    vocabulary: HashMap<String, u32>,
    /// Typo index: each vocabulary word with one letter deleted → the words.
    /// Keys are hashes of the shortened words, so building it allocates no
    /// strings; a hash collision only adds a candidate that the distance
    /// check then drops.
    deletions: HashMap<u64, Vec<u32>>,
    /// The vocabulary's words, indexed for `deletions`.
    words: Vec<String>,
    /// The stem of every known word, worked out once: stemming is the
    /// costliest step of analysis, and the same words recur everywhere.
    stems: HashMap<String, String>,
    /// Ordinary English: never "corrected" into a domain word.
    english: Arc<EnglishWords>,
    /// How often each word (after synonyms) appears in what careerbot
    /// knows about the role: entries and entity names, not the off-topic
    /// groups or place names.
    domain_counts: HashMap<String, u32>,
    /// The inflection bases ([`inflection_base`]) of the words behind each
    /// stem of `domain_counts`: the stemmer folds "universe" and
    /// "university" together, and only the second is the role's word.
    domain_bases: HashMap<String, HashSet<String>>,
    domain_total: f64,
    /// Words of the off-topic groups (`scope.toml`) that the role's own
    /// texts never use: "weather", "recipe", "password".
    off_topic_words: HashSet<String>,
}

/// English words rarer than this (Zipf) may still be typos of a known
/// word: the list holds common misspellings such as "realy" near 2.5-3.
const TYPO_PRONE_ZIPF: f64 = 3.0;

/// Zipf frequency taken for a word missing from the English list: rare.
const RARE_ZIPF: f64 = 1.5;

/// What the analyzer made of one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Analysis {
    /// Stemmed terms, stopwords removed, in order.
    pub terms: Vec<String>,
    /// The words before stemming (after synonyms and typo correction),
    /// stopwords included: detail extraction and intents read these.
    pub words: Vec<String>,
    /// Typo corrections made: (as typed, as understood).
    pub corrections: Vec<(String, String)>,
    /// The tokens as typed, typos corrected, before synonyms: what the
    /// evidence for and against the role is weighed on.
    pub tokens: Vec<String>,
    /// Multi-word lexicon phrases found ("day in the life", "time off"),
    /// by their tokens: a phrase of the domain is evidence for it even when
    /// each of its words is everyday English.
    pub phrases: Vec<Vec<String>>,
}

impl Analyzer {
    /// Build an analyzer from the lexicon and every text the knowledge base
    /// holds, already normalized (so that its words are known and not
    /// "corrected").
    pub fn new<'a>(
        lexicon: &Lexicon,
        known_texts: impl Iterator<Item = &'a str>,
        english: Arc<EnglishWords>,
    ) -> Analyzer {
        let mut analyzer = Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
            stopwords: lexicon.stopwords.iter().map(|w| w.to_lowercase()).collect(),
            synonyms: HashMap::default(),
            phrases: HashMap::default(),
            vocabulary: HashMap::default(),
            deletions: HashMap::default(),
            words: Vec::new(),
            stems: HashMap::default(),
            english,
            domain_counts: HashMap::default(),
            domain_bases: HashMap::default(),
            domain_total: 0.0,
            off_topic_words: HashSet::default(),
        };
        for group in &lexicon.synonyms {
            let word = group.word.to_lowercase();
            for variant in &group.means {
                let tokens = tokenize(&super::normalize::normalize(variant));
                match tokens.len() {
                    0 => {}
                    1 => {
                        analyzer.synonyms.insert(tokens[0].clone(), word.clone());
                    }
                    _ => analyzer
                        .phrases
                        .entry(tokens[0].clone())
                        .or_default()
                        .push((tokens, word.clone())),
                }
            }
            analyzer.count_words(&super::normalize::normalize(&word));
        }
        for list in analyzer.phrases.values_mut() {
            list.sort_by_key(|(tokens, _)| std::cmp::Reverse(tokens.len()));
        }
        for text in known_texts {
            analyzer.count_words(text);
        }
        for word in analyzer.synonyms.keys() {
            analyzer.vocabulary.entry(word.clone()).or_insert(1);
        }
        let mut deletions: HashMap<u64, Vec<u32>> = HashMap::default();
        let mut words = Vec::new();
        for word in analyzer.vocabulary.keys() {
            let chars: Vec<char> = word.chars().collect();
            if chars.len() >= MIN_CORRECTABLE_LEN - 1 {
                let index = words.len() as u32;
                words.push(word.clone());
                for skip in 0..chars.len() {
                    deletions
                        .entry(hash_chars(&chars, Some(skip)))
                        .or_default()
                        .push(index);
                }
            }
        }
        analyzer.deletions = deletions;
        analyzer.words = words;
        let words = analyzer
            .vocabulary
            .keys()
            .chain(analyzer.synonyms.values())
            .cloned()
            .collect::<Vec<_>>();
        analyzer.stems = words
            .into_iter()
            .map(|word| {
                let stem = analyzer.stemmer.stem(&word).into_owned();
                (word, stem)
            })
            .collect();
        analyzer
    }

    /// Count the words of a normalized text.
    fn count_words(&mut self, normalized: &str) {
        for token in tokenize(normalized) {
            *self.vocabulary.entry(token).or_insert(0) += 1;
        }
    }

    /// Analyze already-normalized text.
    ///
    /// Typos are corrected first, so a corrected word can still complete a
    /// multi-word synonym ("job securty" → "job security" → "outlook").
    pub fn analyze(&self, normalized: &str) -> Analysis {
        let mut analysis = Analysis::default();
        let tokens: Vec<String> = tokenize(normalized)
            .into_iter()
            .map(|token| {
                // Common English is never "corrected"; a rare listed word may
                // be a typo the list happens to hold ("realy").
                let common_english = (self.english.zipf(&token))
                    .is_some_and(|zipf| f64::from(zipf) >= TYPO_PRONE_ZIPF);
                if self.synonyms.contains_key(&token)
                    || self.is_known(&token)
                    || is_number(&token)
                    || common_english
                {
                    return token;
                }
                match self.correct(&token) {
                    Some(fixed) => {
                        analysis.corrections.push((token, fixed.clone()));
                        fixed
                    }
                    None => token,
                }
            })
            .collect();
        analysis.tokens = tokens.clone();
        let mut index = 0;
        while index < tokens.len() {
            if let Some((length, word)) = self.phrase_at(&tokens[index..]) {
                analysis
                    .phrases
                    .push(tokens[index..index + length].to_vec());
                self.push_word(&mut analysis, word.to_string());
                index += length;
                continue;
            }
            let token = &tokens[index];
            index += 1;
            if is_number(token) {
                // Numbers carry details (years, dollars), not topics, except
                // the ones the knowledge base itself uses ("6013", "2080").
                if token.len() >= 3 && self.vocabulary.contains_key(token) {
                    analysis.terms.push(token.clone());
                }
                analysis.words.push(token.clone());
                continue;
            }
            let word = self
                .synonyms
                .get(token)
                .cloned()
                .unwrap_or_else(|| token.clone());
            self.push_word(&mut analysis, word);
        }
        analysis
    }

    fn push_word(&self, analysis: &mut Analysis, word: String) {
        if !self.stopwords.contains(&word) {
            analysis.terms.push(self.stem(&word));
        }
        analysis.words.push(word);
    }

    /// Count the words of the texts that say what the role is about (entry
    /// texts, entity names, already normalized), for [`Self::specificity`].
    pub fn count_domain_texts<'a>(&mut self, texts: impl Iterator<Item = &'a str>) {
        let mut counts: HashMap<String, u32> = HashMap::default();
        let mut bases: HashMap<String, HashSet<String>> = HashMap::default();
        let mut total = 0.0f64;
        for text in texts {
            for token in tokenize(text) {
                let stem = self.stem(&token);
                (bases.entry(stem.clone()).or_default()).insert(inflection_base(&token));
                *counts.entry(stem).or_insert(0) += 1;
                total += 1.0;
            }
        }
        self.domain_counts = counts;
        self.domain_bases = bases;
        self.domain_total = total.max(1.0);
    }

    /// Note the words of the off-topic groups (normalized texts); call after
    /// [`Self::count_domain_texts`].
    pub fn note_off_topic_texts<'a>(&mut self, texts: impl Iterator<Item = &'a str>) {
        let mut words = HashSet::default();
        for text in texts {
            for word in tokenize(text) {
                if !self.domain_counts.contains_key(&self.stem(&word))
                    && !self.stopwords.contains(&word)
                {
                    words.insert(word);
                }
            }
        }
        self.off_topic_words = words;
    }

    /// Whether `word` belongs to an off-topic group and not to the role.
    pub fn is_off_topic_word(&self, word: &str) -> bool {
        self.off_topic_words.contains(word)
    }

    /// How much more often the knowledge base uses `word` than everyday
    /// English does, as a power of ten: about 3 for "coordinator", 0 or
    /// less for "time" or "difference". `None` when the knowledge base
    /// never uses it.
    ///
    /// A word the knowledge base uses only once is not the role's word (one
    /// "unlocks" in the day's walkthrough does not make "unlock" the role's
    /// word): its specificity is minus infinity, and evidence weighs it as
    /// a word the knowledge never uses. A word that only shares a stem with
    /// the role's words, not an inflection ("universe" beside
    /// "university"), is not the role's word either.
    pub fn specificity(&self, word: &str) -> Option<f64> {
        let stem = self.stem(word);
        let count = *self.domain_counts.get(&stem)? as f64;
        if !(self.domain_bases.get(&stem)).is_some_and(|b| b.contains(&inflection_base(word))) {
            return None;
        }
        let share = (count - 1.0) / self.domain_total;
        let zipf = self.english.zipf(word).map_or(RARE_ZIPF, f64::from);
        let english_share = 10f64.powf(zipf - 9.0);
        Some((share / english_share).log10())
    }

    /// Whether `word` is ordinary English.
    pub fn is_english(&self, word: &str) -> bool {
        self.english.contains(word)
    }

    /// The word's Zipf frequency in everyday English, if listed.
    pub fn zipf(&self, word: &str) -> Option<f64> {
        self.english.zipf(word).map(f64::from)
    }

    /// Whether careerbot knows `word` at all (its texts, off-topic groups,
    /// places, synonyms or stopwords).
    pub fn knows(&self, word: &str) -> bool {
        self.is_known(word) || self.synonyms.contains_key(word)
    }

    /// Whether `word` is a lexicon variant of another ("info", "docs").
    pub fn is_synonym(&self, word: &str) -> bool {
        self.synonyms.contains_key(word)
    }

    pub fn is_stopword(&self, word: &str) -> bool {
        self.stopwords.contains(word)
    }

    /// The stem of one word, as the index stores it.
    pub fn stem(&self, word: &str) -> String {
        match self.stems.get(word) {
            Some(stem) => stem.clone(),
            None => self.stemmer.stem(word).into_owned(),
        }
    }

    /// The longest multi-word synonym starting at the front of `tokens`.
    fn phrase_at(&self, tokens: &[String]) -> Option<(usize, &str)> {
        let candidates = self.phrases.get(&tokens[0])?;
        candidates
            .iter()
            .find(|(phrase, _)| {
                tokens.len() >= phrase.len() && tokens[..phrase.len()] == phrase[..]
            })
            .map(|(phrase, word)| (phrase.len(), word.as_str()))
    }

    fn is_known(&self, token: &str) -> bool {
        self.vocabulary.contains_key(token) || self.stopwords.contains(token)
    }

    /// The known word a misspelled token most likely meant: the closest by
    /// Damerau-Levenshtein distance, then the most used.
    fn correct(&self, token: &str) -> Option<String> {
        let length = token.chars().count();
        if !(MIN_CORRECTABLE_LEN..=30).contains(&length) {
            return None;
        }
        let max_distance = if length >= TWO_EDIT_LEN { 2 } else { 1 };
        let mut candidates: HashSet<&str> = HashSet::default();
        let mut probe = |key: &str| {
            if let Some(word) = self.vocabulary.get_key_value(key) {
                candidates.insert(word.0.as_str());
            }
            let chars: Vec<char> = key.chars().collect();
            if let Some(words) = self.deletions.get(&hash_chars(&chars, None)) {
                candidates.extend(words.iter().map(|&i| self.words[i as usize].as_str()));
            }
        };
        probe(token);
        for deleted in one_deletions(token) {
            probe(&deleted);
        }
        candidates
            .into_iter()
            .map(|word| (strsim::damerau_levenshtein(token, word), word))
            .filter(|(distance, _)| *distance <= max_distance)
            .min_by(|a, b| {
                a.0.cmp(&b.0)
                    .then_with(|| self.vocabulary[b.1].cmp(&self.vocabulary[a.1]))
                    .then_with(|| a.1.cmp(b.1))
            })
            .map(|(_, word)| word.to_string())
    }
}

/// A word without its inflection: "schedules", "scheduled", "scheduling"
/// and "schedule" all give "schedul"; "bills", "billing" give "bill"; but
/// "universe" gives "univers" and "university" stays itself. Derivations
/// ("-ity", "-al", "-ion") are kept: they make another word.
pub fn inflection_base(word: &str) -> String {
    let mut base = word.to_string();
    if let Some(stem) = base.strip_suffix("ies").filter(|s| s.len() >= 3) {
        base = format!("{stem}y");
    } else if let Some(stem) = base.strip_suffix("ied").filter(|s| s.len() >= 3) {
        base = format!("{stem}y");
    } else {
        for suffix in ["ings", "ing", "ers", "er", "ed", "es", "s"] {
            if let Some(stem) = base.strip_suffix(suffix).filter(|s| s.chars().count() >= 3) {
                // "ss" is no plural: "class", "business".
                if suffix == "s" && stem.ends_with('s') {
                    break;
                }
                base = stem.to_string();
                break;
            }
        }
    }
    // "planning" → "plann" → "plan"; but "bill", "staff" keep their pair.
    let chars: Vec<char> = base.chars().collect();
    if let [.., a, b] = chars[..]
        && a == b
        && chars.len() > 3
        && !matches!(a, 'l' | 's' | 'f' | 'z')
        && base.len() < word.len()
    {
        base.pop();
    }
    if base.len() > 3 && base.ends_with('e') {
        base.pop();
    }
    base
}

fn is_number(token: &str) -> bool {
    token.chars().all(|c| c.is_ascii_digit())
}

/// A hash of `chars`, leaving out the one at `skip`.
fn hash_chars(chars: &[char], skip: Option<usize>) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    for (i, c) in chars.iter().enumerate() {
        if Some(i) != skip {
            hasher.write_u32(*c as u32);
        }
    }
    hasher.write_usize(chars.len() - usize::from(skip.is_some()));
    hasher.finish()
}

/// Every string made by deleting one character.
fn one_deletions(word: &str) -> Vec<String> {
    let chars: Vec<char> = word.chars().collect();
    (0..chars.len())
        .map(|skip| {
            chars
                .iter()
                .enumerate()
                .filter(|(i, _)| *i != skip)
                .map(|(_, c)| c)
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn inflections_share_a_base_and_derivations_do_not() {
        use super::inflection_base as base;
        for family in [
            &["schedule", "schedules", "scheduled", "scheduling"][..],
            &["bill", "bills", "billing", "billed"],
            &["level", "levels"],
            &["plan", "planning"],
            &["policy", "policies"],
            &["class", "classes"],
        ] {
            for word in family {
                assert_eq!(base(word), base(family[0]), "{word}");
            }
        }
        assert_ne!(base("universe"), base("university"));
        assert_ne!(base("universal"), base("university"));
    }

    use super::*;
    use crate::knowledge::SynonymGroup;

    fn analyzer() -> Analyzer {
        let lexicon = Lexicon {
            stopwords: vec!["the".into(), "what".into(), "is".into()],
            pay_words: vec!["salary".into()],
            hourly_words: vec![],
            synonyms: vec![
                SynonymGroup {
                    word: "salary".into(),
                    means: vec!["pay".into(), "how much".into(), "wage".into()],
                },
                SynonymGroup {
                    word: "401k".into(),
                    means: vec!["401 k".into()],
                },
            ],
            forget_commands: vec![],
            follow_up_openers: vec![],
        };
        Analyzer::new(
            &lexicon,
            ["insurance verification", "certification exams"].into_iter(),
            Arc::new(EnglishWords::from_pairs([("wage", 4.0)])),
        )
    }

    #[test]
    fn synonyms_fold_words_and_phrases() {
        let a = analyzer();
        assert_eq!(a.analyze("what is the pay").terms, vec!["salari"]);
        assert_eq!(a.analyze("how much").terms, vec!["salari"]);
        assert_eq!(
            a.analyze(&crate::understanding::normalize("401 (k)")).terms,
            vec!["401k"]
        );
    }

    #[test]
    fn typos_are_corrected_to_known_words() {
        let a = analyzer();
        let analysis = a.analyze("insurence verificaton");
        assert_eq!(analysis.terms, vec!["insur", "verif"]);
        assert_eq!(analysis.corrections.len(), 2);
        // Short words are left alone rather than guessed.
        assert_eq!(a.analyze("wge").terms, vec!["wge"]);
    }

    #[test]
    fn numbers_are_words_but_not_terms() {
        let a = analyzer();
        let analysis = a.analyze("5 years");
        assert_eq!(analysis.terms, vec!["year"]);
        assert_eq!(analysis.words, vec!["5", "years"]);
    }
}
