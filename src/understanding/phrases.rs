//! Finding known phrases in a message, whole words only.
//!
//! Messages and phrases are both reduced to their tokens joined by single
//! spaces, with a space at each end, so " new york " matches inside
//! " jobs in new york city " but " york " does not match " yorkshire ".

use super::normalize::{normalize, tokenize};
use aho_corasick::{AhoCorasick, AhoCorasickKind};

/// A message's tokens, joined for phrase search.
#[derive(Debug, Clone)]
pub struct TokenText {
    pub tokens: Vec<String>,
    /// `" tok tok tok "`.
    pub joined: String,
    /// Byte offset in `joined` where each token starts.
    starts: Vec<usize>,
    /// The characters between each token and the one before it (spaces and
    /// punctuation), so grammar can see commas and sentence ends.
    gaps: Vec<String>,
}

impl TokenText {
    pub fn new(normalized: &str) -> TokenText {
        let tokens = tokenize(normalized);
        let mut joined = String::from(" ");
        let mut starts = Vec::with_capacity(tokens.len());
        for token in &tokens {
            starts.push(joined.len());
            joined.push_str(token);
            joined.push(' ');
        }
        let gaps = gaps_between(normalized, tokens.len());
        TokenText {
            tokens,
            joined,
            starts,
            gaps,
        }
    }

    /// What separates token `index` from the token before it: `", "` in
    /// "Austin, TX", `". "` after a sentence. Empty for the first token.
    pub fn gap_before(&self, index: usize) -> &str {
        self.gaps.get(index).map_or("", String::as_str)
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

    /// Index of the token starting at byte `offset` of `joined`.
    fn token_at(&self, offset: usize) -> usize {
        match self.starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i,
        }
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
/// number of tokens (it should not), every gap is a plain space.
fn gaps_between(normalized: &str, count: usize) -> Vec<String> {
    let mut gaps = Vec::with_capacity(count);
    let mut gap = String::new();
    let mut in_token = false;
    for c in normalized.chars() {
        if c.is_alphanumeric() {
            if !in_token {
                gaps.push(std::mem::take(&mut gap));
                in_token = true;
            }
        } else if c == '\'' && in_token {
            // inside a word: "what's"
        } else {
            in_token = false;
            gap.push(c);
        }
    }
    if gaps.len() == count {
        if let Some(first) = gaps.first_mut() {
            first.clear();
        }
        gaps
    } else {
        vec![" ".to_string(); count]
    }
}

/// Where a phrase was found: tokens `start..end`, and which phrase.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found<L: Copy> {
    pub start: usize,
    pub end: usize,
    pub label: L,
}

/// A set of phrases, each with a label saying what it names.
pub struct PhraseSet<L: Copy> {
    matcher: Option<AhoCorasick>,
    labels: Vec<L>,
}

impl<L: Copy> PhraseSet<L> {
    pub fn new(phrases: impl IntoIterator<Item = (String, L)>) -> PhraseSet<L> {
        let mut patterns = Vec::new();
        let mut labels = Vec::new();
        for (phrase, label) in phrases {
            let tokens = tokenize(&normalize(&phrase));
            if tokens.is_empty() {
                continue;
            }
            patterns.push(format!(" {} ", tokens.join(" ")));
            labels.push(label);
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            // Phrase lists are small; building cannot fail for plain strings.
            AhoCorasick::builder()
                // A contiguous NFA builds several times faster than a DFA and
                // searches these short texts about as fast; startup counts.
                .kind(Some(AhoCorasickKind::ContiguousNFA))
                .build(&patterns)
                .ok()
        };
        PhraseSet { matcher, labels }
    }

    /// Every occurrence, overlapping ones included, in order of position.
    pub fn find_all(&self, text: &TokenText) -> Vec<Found<L>> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let mut found: Vec<Found<L>> = matcher
            .find_overlapping_iter(&text.joined)
            .map(|m| {
                // The match starts at the space before its first token.
                let start = text.token_at(m.start() + 1);
                let words = text.joined[m.start()..m.end()].split_whitespace().count();
                Found {
                    start,
                    end: start + words,
                    label: self.labels[m.pattern().as_usize()],
                }
            })
            .collect();
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
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

    pub fn contains_any(&self, text: &TokenText) -> bool {
        self.matcher
            .as_ref()
            .is_some_and(|m| m.is_match(&text.joined))
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
