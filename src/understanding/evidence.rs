//! Whether a message is about the role at all, on evidence rather than on a
//! single shared word.
//!
//! Each content word of the question counts for the role by how much more
//! often the knowledge base uses it than everyday English does (its
//! specificity): "coordinator" and "superbill" count a lot, "time",
//! "difference" and "size" nothing. An ordinary English word the knowledge
//! base never uses ("population", "painting", "euros") counts against: it
//! is evidence the question is about something else. Places and numbers
//! count for neither, unless the question asks about pay or the job.
//!
//! A long backstory should not drown the question, so words against are
//! taken from the question itself (its last sentence that asks something),
//! while words for the role count wherever they are.

use super::analyzer::Analyzer;
use super::normalize::tokenize;
use serde::Serialize;

/// A word's specificity from which it counts for the role.
pub const DOMAIN_SPECIFICITY: f64 = 1.0;
/// Specificity at which a word counts fully.
const FULL_SPECIFICITY: f64 = 2.5;
/// A foreign word at least this strong qualifies the domain word beside it.
const QUALIFIER_WEIGHT: f64 = 0.6;
/// What a qualified domain word counts against the role.
const QUALIFIED_PENALTY: f64 = 0.5;
/// What a domain phrase counts for.
const PHRASE_WEIGHT: f64 = 1.0;
/// English words at least this common (Zipf) are no evidence against the
/// role: "let", "having", "time".
const COMMON_ZIPF: f64 = 6.0;
/// English words this rare or rarer count fully against it.
const RARE_ZIPF: f64 = 4.5;

/// The evidence for and against a message being about the role.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct TopicEvidence {
    /// For: the weighted domain words, anywhere in the message.
    pub domain: f64,
    /// Against: ordinary English words the knowledge base never uses, in
    /// the question itself.
    pub foreign: f64,
    pub domain_words: Vec<String>,
    pub foreign_words: Vec<String>,
    /// Content words of the question itself.
    pub question_words: usize,
    /// Domain words qualified by a foreign word beside them ("scuba
    /// certified"), which counted against the role instead.
    pub qualified: Vec<String>,
}

impl TopicEvidence {
    /// The share of the evidence that speaks for the role, 0 to 1.
    pub fn share_for(&self) -> f64 {
        let total = self.domain + self.foreign;
        if total <= 0.0 {
            0.5
        } else {
            self.domain / total
        }
    }
}

/// What the evidence is weighed from: the message's tokens (as typed, typos
/// corrected), the tokens of the sentence that asks the question (when the
/// message has one, from [`question_sentence`]), the
/// words that name places or lengths of time (never evidence either way),
/// and careerbot's own words for a job ("profession", "career": never
/// evidence against).
pub fn weigh(
    analyzer: &Analyzer,
    words: &[String],
    phrases: &[Vec<String>],
    question: Option<&[String]>,
    neutral: &dyn Fn(&str) -> bool,
    ours: &dyn Fn(&str) -> bool,
    named: &dyn Fn(usize) -> bool,
) -> TopicEvidence {
    let mut evidence = TopicEvidence::default();
    // A domain phrase counts once, as a whole, when it has content words
    // ("day in the life", "time off"; not "how much").
    let mut in_phrase: Vec<&str> = Vec::new();
    for phrase in phrases {
        let content: Vec<&String> = (phrase.iter())
            .filter(|w| !analyzer.is_stopword(w) && !neutral(w))
            .collect();
        if !content.is_empty() {
            evidence.domain += PHRASE_WEIGHT;
            evidence.domain_words.push(phrase.join(" "));
            in_phrase.extend(content.iter().map(|w| w.as_str()));
        }
    }
    let question = question.unwrap_or_default();
    let in_question = |word: &str| question.is_empty() || question.iter().any(|q| q == word);
    let mut seen: Vec<&str> = Vec::new();
    // What each word was weighed as, for the qualifier pass below.
    let mut weighed: Vec<(&str, f64, f64)> = Vec::new();
    for word in words {
        if seen.contains(&word.as_str())
            || in_phrase.contains(&word.as_str())
            || analyzer.is_stopword(word)
            || word.chars().all(|c| c.is_ascii_digit())
            || word.chars().count() < 2
            || neutral(word)
        {
            continue;
        }
        seen.push(word);
        if in_question(word) {
            evidence.question_words += 1;
        }
        // A word the knowledge base uses only once ("restaurant", in a
        // list of past jobs) is as good as unknown to it.
        let specificity = analyzer.specificity(word).filter(|s| s.is_finite());
        match specificity {
            Some(s) if s >= DOMAIN_SPECIFICITY => {
                let weight = ((s - DOMAIN_SPECIFICITY) / (FULL_SPECIFICITY - DOMAIN_SPECIFICITY))
                    .clamp(0.25, 1.0);
                evidence.domain += weight;
                evidence.domain_words.push(word.clone());
                weighed.push((word, weight, 0.0));
            }
            Some(_) => {}
            // A lexicon variant ("info", "docs", "pts") is careerbot's own
            // vocabulary: never evidence against.
            None if analyzer.is_synonym(word) || ours(word) => {}
            // "Specifically", "actually", "honestly": how something is
            // asked, never what it is about.
            None if is_adverb(analyzer, word) => {}
            None if in_question(word) => {
                // A rare word says more than a common one: "crocodile" is
                // about something else, "let" or "having" about nothing.
                let weight = if analyzer.is_off_topic_word(word) {
                    1.0
                } else {
                    analyzer.zipf(word).map_or(0.0, |zipf| {
                        ((COMMON_ZIPF - zipf) / (COMMON_ZIPF - RARE_ZIPF)).clamp(0.0, 1.0)
                    })
                };
                if weight > 0.0 {
                    evidence.foreign += weight;
                    evidence.foreign_words.push(word.clone());
                    weighed.push((word, 0.0, weight));
                }
            }
            None => {}
        }
    }
    qualify(analyzer, words, named, &weighed, &mut evidence);
    evidence
}

/// Whether a word is an adverb made from an English word with "-ly"
/// ("really", "specifically", "happily", "probably"), not a noun that
/// happens to end so ("family", "supply").
fn is_adverb(analyzer: &Analyzer, word: &str) -> bool {
    let Some(base) = word.strip_suffix("ly").filter(|b| b.len() >= 4) else {
        return false;
    };
    let mut bases = vec![base.to_string()];
    if let Some(stem) = word.strip_suffix("ally") {
        bases.push(stem.to_string());
    }
    if let Some(stem) = word.strip_suffix("ily") {
        bases.push(format!("{stem}y"));
    }
    if word.ends_with("bly") || word.ends_with("ply") {
        bases.push(format!("{base}e"));
    }
    bases.iter().any(|b| analyzer.is_english(b))
}

/// A domain word right next to a word the role never uses is that word's
/// thing, not the role's: "scuba certified", "senior dog", "Epic
/// Universe", "sign up bonus on a credit card". Such a domain word counts
/// for nothing, and the pair counts against the role.
fn qualify(
    analyzer: &Analyzer,
    words: &[String],
    named: &dyn Fn(usize) -> bool,
    weighed: &[(&str, f64, f64)],
    evidence: &mut TopicEvidence,
) {
    let of = |word: &str| weighed.iter().find(|(w, _, _)| *w == word);
    // Content words with their token positions, skipping small words.
    let content: Vec<(usize, &str)> = (words.iter().enumerate())
        .filter(|(_, w)| !analyzer.is_stopword(w))
        .map(|(i, w)| (i, w.as_str()))
        .collect();
    let mut qualified: Vec<&str> = Vec::new();
    for (k, &(position, word)) in content.iter().enumerate() {
        // Only the names of things (certifications, levels, systems,
        // benefits) take another field's qualifier.
        if !named(position) {
            continue;
        }
        let Some((_, domain, _)) = of(word).filter(|(_, d, _)| *d > 0.0) else {
            continue;
        };
        let foreign_beside = [k.checked_sub(1), Some(k + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| content.get(j))
            .any(|(_, other)| of(other).is_some_and(|(_, _, f)| *f >= QUALIFIER_WEIGHT));
        if foreign_beside && !qualified.contains(&word) {
            qualified.push(word);
            evidence.domain -= domain;
            evidence.foreign += QUALIFIED_PENALTY;
        }
    }
    evidence.domain = evidence.domain.max(0.0);
    evidence.qualified = qualified.iter().map(|w| w.to_string()).collect();
}

/// The sentence that asks the question in a message of several: the last
/// one ending in "?", or else the last one. `None` for a single sentence.
/// A one-word piece is no sentence of its own: in "levels in Super Mario
/// Bros. Wonder?" the question is all of it, not "Wonder?".
pub fn question_sentence(normalized: &str) -> Option<&str> {
    let sentences: Vec<&str> = sentences(normalized)
        .into_iter()
        .filter(|s| tokenize(s).len() >= 2)
        .collect();
    if sentences.len() < 2 {
        return None;
    }
    sentences
        .iter()
        .rev()
        .find(|s| s.ends_with('?'))
        .or(sentences.last())
        .copied()
}

/// The sentences of a text: ended by `?`, `!`, a line break, or a `.`
/// that is followed by a space (so "22.50" stays whole).
fn sentences(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let bytes = text.as_bytes();
    for (i, c) in text.char_indices() {
        let end = match c {
            '?' | '!' | '\n' => true,
            '.' => bytes.get(i + 1).is_none_or(|b| b.is_ascii_whitespace()),
            _ => false,
        };
        if end {
            out.push(text[start..=i].trim());
            start = i + 1;
        }
    }
    if start < text.len() {
        out.push(text[start..].trim());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_question_is_the_last_sentence_that_asks() {
        assert_eq!(question_sentence("what is a superbill?"), None);
        assert_eq!(
            question_sentence("i work at target. my mom is a nurse. is cmaa worth it? thanks"),
            Some("is cmaa worth it?")
        );
        assert_eq!(
            question_sentence("i moved. i like it here. what next"),
            Some("what next")
        );
        assert_eq!(question_sentence("is $22.50 an hour good"), None);
        assert_eq!(
            question_sentence("the levels in super mario bros. wonder?"),
            None
        );
    }
}
