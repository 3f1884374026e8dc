//! From normalized text to the terms matching compares: tokens, the
//! lexicon's synonyms, typo correction, stopwords and stemming.
//!
//! The same analyzer reads the knowledge base's phrasings and the people's
//! questions, so both sides meet in the same words.

use super::normalize::tokenize;
use crate::knowledge::Lexicon;
use rust_stemmers::{Algorithm, Stemmer};
use std::collections::{HashMap, HashSet};

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
    deletions: HashMap<String, Vec<String>>,
}

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
}

impl Analyzer {
    /// Build an analyzer from the lexicon and every text the knowledge base
    /// holds, already normalized (so that its words are known and not
    /// "corrected").
    pub fn new<'a>(lexicon: &Lexicon, known_texts: impl Iterator<Item = &'a str>) -> Analyzer {
        let mut analyzer = Analyzer {
            stemmer: Stemmer::create(Algorithm::English),
            stopwords: lexicon.stopwords.iter().map(|w| w.to_lowercase()).collect(),
            synonyms: HashMap::new(),
            phrases: HashMap::new(),
            vocabulary: HashMap::new(),
            deletions: HashMap::new(),
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
        let mut deletions: HashMap<String, Vec<String>> = HashMap::new();
        for word in analyzer.vocabulary.keys() {
            if word.chars().count() >= MIN_CORRECTABLE_LEN - 1 {
                for deleted in one_deletions(word) {
                    deletions.entry(deleted).or_default().push(word.clone());
                }
            }
        }
        analyzer.deletions = deletions;
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
                if self.synonyms.contains_key(&token) || self.is_known(&token) || is_number(&token)
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
        let mut index = 0;
        while index < tokens.len() {
            if let Some((length, word)) = self.phrase_at(&tokens[index..]) {
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

    /// The stem of one word, as the index stores it.
    pub fn stem(&self, word: &str) -> String {
        self.stemmer.stem(word).into_owned()
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
        let mut candidates: HashSet<&str> = HashSet::new();
        let mut probe = |key: &str| {
            if let Some(word) = self.vocabulary.get_key_value(key) {
                candidates.insert(word.0.as_str());
            }
            if let Some(words) = self.deletions.get(key) {
                candidates.extend(words.iter().map(String::as_str));
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

fn is_number(token: &str) -> bool {
    token.chars().all(|c| c.is_ascii_digit())
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
    use super::*;
    use crate::knowledge::SynonymGroup;

    fn analyzer() -> Analyzer {
        let lexicon = Lexicon {
            stopwords: vec!["the".into(), "what".into(), "is".into()],
            pay_words: vec!["salary".into()],
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
        };
        Analyzer::new(
            &lexicon,
            ["insurance verification", "certification exams"].into_iter(),
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
