//! Finding known phrases in a message, whole words only.
//!
//! Messages and phrases are both reduced to tokens, and each token to a
//! 64-bit hash, once. A phrase set keeps its phrases by their first token,
//! so finding them is one hash lookup per token of the message and a
//! comparison of the few phrases that start there: "new york" matches in
//! "jobs in new york city" but "york" never matches "yorkshire". A message
//! is searched by a few dozen sets, and most messages are short, so this
//! beats building one automaton per set, at startup and per question.

use super::normalize::{normalize, tokenize};
use rustc_hash::FxHashMap as HashMap;
use std::hash::{BuildHasher, BuildHasherDefault};

/// The hash a token is compared by. With 64 bits, two different tokens of
/// the knowledge base and a message share one about once in 10^14 pairs.
fn token_hash(token: &str) -> u64 {
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(token)
}

/// A message's tokens, joined for phrase search.
#[derive(Debug, Clone)]
pub struct TokenText {
    pub tokens: Vec<String>,
    /// The characters between each token and the one before it (spaces and
    /// punctuation), so grammar can see commas and sentence ends: all of
    /// them in one string, gap `i` ending at `gap_ends[i]`.
    gap_text: String,
    gap_ends: Vec<usize>,
    /// Each token's [`token_hash`].
    hashes: Vec<u64>,
}

impl TokenText {
    /// True when these are exactly `tokens`, in order.
    pub fn has_tokens(&self, tokens: &[String]) -> bool {
        self.tokens == tokens
    }

    pub fn new(normalized: &str) -> TokenText {
        let tokens = tokenize(normalized);
        let (gap_text, gap_ends) = gaps_between(normalized, tokens.len());
        let hashes = tokens.iter().map(|t| token_hash(t)).collect();
        TokenText {
            tokens,
            gap_text,
            gap_ends,
            hashes,
        }
    }

    /// What separates token `index` from the token before it: `", "` in
    /// "Austin, TX", `". "` after a sentence. Empty for the first token.
    pub fn gap_before(&self, index: usize) -> &str {
        match self.gap_ends.get(index) {
            Some(&end) => {
                let start = index.checked_sub(1).map_or(0, |i| self.gap_ends[i]);
                &self.gap_text[start..end]
            }
            None => "",
        }
    }

    /// True when a comma stands right before token `index`.
    pub fn comma_before(&self, index: usize) -> bool {
        self.gap_before(index).contains(',')
    }

    /// True when a sentence or clause ends right before token `index`
    /// (`.`, `!`, `?`, `;`).
    pub fn sentence_break_before(&self, index: usize) -> bool {
        self.gap_before(index).contains(['.', '!', '?', ';'])
    }

    /// The `count` tokens before token `index` (fewer at the start).
    pub fn before(&self, index: usize, count: usize) -> &[String] {
        &self.tokens[index.saturating_sub(count)..index]
    }

    /// The `count` tokens after the token range ending at `end`.
    pub fn after(&self, end: usize, count: usize) -> &[String] {
        let stop = (end + count).min(self.tokens.len());
        &self.tokens[end.min(stop)..stop]
    }
}

/// The text between consecutive tokens, walking `normalized` the way
/// [`tokenize`] does. When the walk disagrees with `tokenize` about the
/// number of tokens (it should not), every gap is a plain space. The
/// first token's gap is empty. Returns the gaps joined, and where each ends.
fn gaps_between(normalized: &str, count: usize) -> (String, Vec<usize>) {
    let mut text = String::new();
    let mut ends = Vec::with_capacity(count);
    let mut in_token = false;
    for c in normalized.chars() {
        if c.is_alphanumeric() {
            if !in_token {
                if ends.is_empty() {
                    // Whatever comes before the first token is no gap.
                    text.clear();
                }
                ends.push(text.len());
                in_token = true;
            }
        } else if c == '\'' && in_token {
            // inside a word: "what's"
        } else {
            in_token = false;
            text.push(c);
        }
    }
    if ends.len() == count {
        (text, ends)
    } else {
        (" ".repeat(count), (0..count).collect())
    }
}

/// Where a phrase was found: tokens `start..end`, and which phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<L: Copy> {
    pub start: usize,
    pub end: usize,
    pub label: L,
}

/// One phrase as its tokens' hashes, with its label.
type HashedPhrase<L> = (Box<[u64]>, L);

/// A set of phrases, each with a label saying what it names.
pub struct PhraseSet<L: Copy> {
    /// First token's hash → the phrases starting with it (their tokens'
    /// hashes), longest first.
    by_first: HashMap<u64, Vec<HashedPhrase<L>>>,
}

impl<L: Copy> PhraseSet<L> {
    pub fn new(phrases: impl IntoIterator<Item = (String, L)>) -> PhraseSet<L> {
        let mut by_first: HashMap<u64, Vec<HashedPhrase<L>>> = HashMap::default();
        for (phrase, label) in phrases {
            let hashes: Box<[u64]> = (tokenize(&normalize(&phrase)).iter())
                .map(|t| token_hash(t))
                .collect();
            if let Some(&first) = hashes.first() {
                by_first.entry(first).or_default().push((hashes, label));
            }
        }
        for bucket in by_first.values_mut() {
            // Stable: phrases of one length keep their order in the list.
            bucket.sort_by_key(|(hashes, _)| std::cmp::Reverse(hashes.len()));
        }
        PhraseSet { by_first }
    }

    /// Every occurrence, overlapping ones included, in order of position
    /// (the longer first where two start together).
    pub fn find_all(&self, text: &TokenText) -> Vec<Found<L>> {
        let mut found = Vec::new();
        if self.by_first.is_empty() {
            return found;
        }
        for (start, hash) in text.hashes.iter().enumerate() {
            let Some(bucket) = self.by_first.get(hash) else {
                continue;
            };
            for (phrase, label) in bucket {
                if text.hashes[start..].starts_with(phrase) {
                    found.push(Found {
                        start,
                        end: start + phrase.len(),
                        label: *label,
                    });
                }
            }
        }
        found
    }

    /// Occurrences with overlaps removed, preferring the longer phrase.
    pub fn find_longest(&self, text: &TokenText) -> Vec<Found<L>> {
        let mut all = self.find_all(text);
        all.sort_by_key(|f| (std::cmp::Reverse(f.end - f.start), f.start));
        let mut kept: Vec<Found<L>> = Vec::new();
        for candidate in all {
            if kept
                .iter()
                .all(|k| candidate.end <= k.start || candidate.start >= k.end)
            {
                kept.push(candidate);
            }
        }
        kept.sort_by_key(|f| f.start);
        kept
    }

    /// True when the set holds `word`, one token, as a phrase of its own:
    /// the same answer as [`PhraseSet::contains_any`] on a one-word text,
    /// without building one.
    pub fn contains_word(&self, word: &str) -> bool {
        if !word.chars().all(char::is_alphanumeric) {
            return self.contains_any(&TokenText::new(word));
        }
        (self.by_first.get(&token_hash(word)))
            .is_some_and(|bucket| bucket.iter().any(|(phrase, _)| phrase.len() == 1))
    }

    pub fn contains_any(&self, text: &TokenText) -> bool {
        (text.hashes.iter().enumerate()).any(|(start, hash)| {
            self.by_first.get(hash).is_some_and(|bucket| {
                (bucket.iter()).any(|(phrase, _)| text.hashes[start..].starts_with(phrase))
            })
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_only_and_longest_wins() {
        let set = PhraseSet::new([
            ("New York".to_string(), 1),
            ("York".to_string(), 2),
            ("New York City".to_string(), 3),
        ]);
        let text = TokenText::new("jobs in new york city or yorkshire");
        let found = set.find_longest(&text);
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].label, 3);
        assert_eq!((found[0].start, found[0].end), (2, 5));
        assert!(set.find_all(&TokenText::new("yorkshire")).is_empty());
    }

    #[test]
    fn gaps_show_commas_and_sentence_ends() {
        let text = TokenText::new("jobs in austin, tx. what's it pay?");
        assert_eq!(
            text.tokens,
            ["jobs", "in", "austin", "tx", "whats", "it", "pay"]
        );
        assert!(text.comma_before(3));
        assert!(!text.comma_before(2));
        assert!(text.sentence_break_before(4));
        assert!(!text.sentence_break_before(5));
        assert_eq!(text.gap_before(0), "");
        assert_eq!(text.gap_before(99), "");
    }
}
