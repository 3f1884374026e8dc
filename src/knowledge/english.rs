//! General English: how common each word is in everyday English, from
//! `knowledge/english/words.txt` (wordfreq, CC BY-SA 4.0).
//!
//! Understanding asks two things of it: is a word ordinary English (then it
//! is never "corrected" into a domain word), and how much more often does
//! the knowledge base use a word than English does (a word the knowledge
//! base uses no more than everyone else is no evidence that a question is
//! about the job).

use super::problems::Problems;
use rustc_hash::FxHashMap as HashMap;
use std::path::Path;

/// Word → Zipf frequency (log10 of uses per billion words).
///
/// Keyed by a 64-bit hash of the word rather than the word itself: 51,000
/// words make one allocation instead of 51,000 (loading time is a target),
/// and with 64-bit keys a false match is about one in 10^14 lookups.
#[derive(Debug, Clone, Default)]
pub struct EnglishWords {
    zipf: HashMap<u64, f32>,
}

fn key(word: &str) -> u64 {
    use std::hash::{BuildHasher, BuildHasherDefault};
    BuildHasherDefault::<rustc_hash::FxHasher>::default().hash_one(word)
}

/// A Zipf value as the list writes it, `d.dd`, read without the general
/// float parser (51,000 of them are read at every start); anything else
/// goes through `str::parse`.
fn parse_zipf(text: &str) -> Option<f32> {
    match text.as_bytes() {
        &[whole, b'.', tenths, hundredths]
            if whole.is_ascii_digit() && tenths.is_ascii_digit() && hundredths.is_ascii_digit() =>
        {
            let hundredths_total = u32::from(whole - b'0') * 100
                + u32::from(tenths - b'0') * 10
                + u32::from(hundredths - b'0');
            Some(hundredths_total as f32 / 100.0)
        }
        _ => text.parse().ok(),
    }
}

/// The file, relative to the knowledge folder.
pub const ENGLISH_FILE: &str = "english/words.txt";

impl EnglishWords {
    /// Read `words.txt`: `word zipf` per line, `#` comments.
    pub fn load(dir: &Path, problems: &mut Problems) -> EnglishWords {
        let path = dir.join(ENGLISH_FILE);
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(error) => {
                problems.at(&path, None, format!("cannot read this file: {error}"));
                return EnglishWords::default();
            }
        };
        let mut zipf = HashMap::default();
        zipf.reserve(60_000);
        for (number, line) in text.lines().enumerate() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            let parsed = line
                .split_once(' ')
                .and_then(|(word, value)| Some((word, parse_zipf(value.trim())?)));
            match parsed {
                Some((word, value)) if (0.0..=9.0).contains(&value) && !word.is_empty() => {
                    zipf.insert(key(word), value);
                }
                _ => {
                    problems.at(
                        &path,
                        Some(number + 1),
                        "each line must be a lowercase word, a space and its Zipf frequency (0 to 9), like \"pay 4.95\"",
                    );
                    // One bad line is enough to say the file is damaged.
                    break;
                }
            }
        }
        EnglishWords { zipf }
    }

    /// The word's Zipf frequency, if it is in the list.
    pub fn zipf(&self, word: &str) -> Option<f32> {
        self.zipf.get(&key(word)).copied()
    }

    pub fn contains(&self, word: &str) -> bool {
        self.zipf.contains_key(&key(word))
    }

    pub fn len(&self) -> usize {
        self.zipf.len()
    }

    pub fn is_empty(&self) -> bool {
        self.zipf.is_empty()
    }

    /// A list for tests: the given words at the given frequencies.
    pub fn from_pairs<'a>(pairs: impl IntoIterator<Item = (&'a str, f32)>) -> EnglishWords {
        EnglishWords {
            zipf: pairs.into_iter().map(|(w, z)| (key(w), z)).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::parse_zipf;

    #[test]
    fn zipf_values_read_as_the_float_parser_reads_them() {
        for text in ["0.00", "4.95", "7.73", "9.00", "1.01", "3.33"] {
            assert_eq!(parse_zipf(text), text.parse().ok(), "{text}");
        }
        assert_eq!(parse_zipf("4.5"), Some(4.5));
        assert_eq!(parse_zipf("x.95"), None);
        assert_eq!(parse_zipf(""), None);
    }
}
