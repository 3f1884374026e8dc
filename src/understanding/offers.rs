//! Telling job offers apart in one message: "offer A: 48k …; offer B: …",
//! "job 1 … job 2 …", "the first offer … the second …", "the hospital
//! offered … the clinic offered …".
//!
//! Each offer runs from its name to the next offer's name. What comes
//! before the first name is shared by every offer ("I put in 4% wherever
//! I work"). The words are those of `[offers]` in
//! `knowledge/pay_package.toml`; only the letters a–d and the numbers 1–4
//! after a label are fixed here, as they are what "offer B" or "job 2" is.

use crate::domain::OfferLabel;
use crate::knowledge::OfferWords;

use crate::compensation::MAX_OFFERS_WEIGHED as MAX_OFFERS;

/// Where one offer's words are in the normalized message, and its name.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferSpan {
    pub label: OfferLabel,
    /// Byte range in the normalized text.
    pub start: usize,
    pub end: usize,
    /// Where its terms start, after its name.
    pub body: usize,
}

/// Where an offer's name starts, where its terms start, and the name.
type Mark = (usize, usize, OfferLabel);

/// A word of the message and where it is.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    start: usize,
    end: usize,
    /// A full stop, comma, colon or the like stands just before it.
    after_break: bool,
}

/// Finds the offers a message names, with the words of `[offers]`.
#[derive(Debug, Clone)]
pub struct OfferReader {
    labels: Vec<String>,
    /// A misspelt label → the label it means.
    spellings: Vec<(String, String)>,
    ordinals: Vec<Vec<String>>,
    other: Vec<String>,
    /// Each "offered" phrase, as words.
    after_ordinal: Vec<String>,
    offered: Vec<Vec<String>>,
    offer_from: Vec<Vec<String>>,
    place_links: Vec<String>,
    place_splits: Vec<Vec<String>>,
    name_stops: Vec<String>,
}

/// The most words an employer's name may have ("riverside pt").
const NAME_WORDS: usize = 3;

impl OfferReader {
    pub fn new(words: &OfferWords) -> OfferReader {
        let lower = |list: &[String]| -> Vec<String> {
            list.iter().map(|w| w.trim().to_lowercase()).collect()
        };
        OfferReader {
            labels: lower(&words.labels),
            spellings: (words.label_spellings.iter())
                .filter_map(|list| {
                    let (label, spelt) = list.split_first()?;
                    let label = label.trim().to_lowercase();
                    Some(lower(spelt).into_iter().map(move |s| (s, label.clone())))
                })
                .flatten()
                .collect(),
            ordinals: words.ordinals.iter().map(|o| lower(o)).collect(),
            other: lower(&words.other),
            after_ordinal: lower(&words.after_ordinal),
            offered: phrases(&words.offered),
            offer_from: phrases(&words.offer_from),
            place_links: lower(&words.place_links),
            place_splits: phrases(&words.place_splits),
            name_stops: lower(&words.name_stops),
        }
    }

    /// The offers named in `normalized`, in order. Two or more only when
    /// they are told apart by distinct names; one when a single offer is
    /// named by its place in an order ("my second offer is …"), which a
    /// conversation can pair with an earlier one; otherwise none.
    pub fn spans(&self, normalized: &str) -> Vec<OfferSpan> {
        let words = words_of(normalized);
        let (lettered, ordered) = self.labelled(&words);
        // One way of naming them throughout: "my first job out of school"
        // is no offer beside "offer A" and "offer B".
        // The most offers told apart wins; on a tie, the earlier way
        // ("offer A" before "the first offer" before "the hospital").
        let mut marks = [lettered, ordered, self.named(&words)]
            .into_iter()
            .filter(|marks| distinct(marks) >= 2)
            .rev()
            .max_by_key(|marks| distinct(marks))
            .unwrap_or_default();
        if marks.is_empty() {
            // A single offer counts only when named by its place.
            marks = self.labelled(&words).1;
            if marks.len() != 1 {
                return Vec::new();
            }
        }
        // The same name twice ("offer A … so offer A wins?") is one offer.
        let mut seen: Vec<OfferLabel> = Vec::new();
        marks.retain(|(_, _, label)| {
            let new = !seen.contains(label);
            seen.push(label.clone());
            new
        });
        marks.truncate(MAX_OFFERS);
        (0..marks.len())
            .map(|i| OfferSpan {
                label: marks[i].2.clone(),
                start: marks[i].0,
                body: marks[i].1,
                end: marks.get(i + 1).map_or(normalized.len(), |next| next.0),
            })
            .collect()
    }

    /// The parts of a message that may each be an offer known by its
    /// place: cut at punctuation and at the words of `place_splits`. Byte
    /// ranges in `normalized`.
    pub fn place_parts(&self, normalized: &str) -> Vec<(usize, usize)> {
        let words = words_of(normalized);
        let mut cuts = vec![0];
        let mut i = 0;
        while i < words.len() {
            if words[i].after_break {
                cuts.push(words[i].start);
            }
            match self.place_splits.iter().find(|p| phrase_at(p, &words, i)) {
                Some(phrase) => {
                    cuts.push(words[i].start);
                    i += phrase.len();
                }
                None => i += 1,
            }
        }
        cuts.dedup();
        cuts.push(normalized.len());
        (cuts.windows(2))
            .map(|w| (w[0], w[1]))
            .filter(|(a, b)| a < b)
            .collect()
    }

    /// Offers named by a label and a letter or number ("offer B", "job
    /// 2"), and those named by an order word ("the second offer", "the
    /// other one").
    #[allow(clippy::type_complexity)]
    fn labelled(&self, words: &[Word]) -> (Vec<Mark>, Vec<Mark>) {
        let mut lettered: Vec<Mark> = Vec::new();
        let mut ordered: Vec<Mark> = Vec::new();
        // A misspelt label reads, and is shown, as the label it means.
        let spelt = |w: &str| -> Option<&str> {
            (self.spellings.iter())
                .find(|(s, _)| s == w)
                .map(|(_, label)| label.as_str())
        };
        let is_label = |w: &str| self.labels.iter().any(|l| l == w) || spelt(w).is_some();
        let mut last_noun: Option<&str> = None;
        let mut i = 0;
        while i < words.len() {
            let word = words[i].text;
            let next = words.get(i + 1).map(|w| w.text);
            // "offer b", "job 2", "option #1".
            if is_label(word)
                && let Some(mark) = next.filter(|n| letter_or_number(n))
            {
                lettered.push((
                    words[i].start,
                    words[i + 1].end,
                    OfferLabel::Lettered {
                        noun: spelt(word).unwrap_or(word).to_string(),
                        mark: mark.to_string(),
                    },
                ));
                i += 2;
                continue;
            }
            // "the second offer", "2nd job", "the third one"; "the other
            // offer", "another job": the next after those so far.
            let noun = next.filter(|n| {
                is_label(n) || *n == "one" || self.after_ordinal.iter().any(|a| a == n)
            });
            let place = match noun {
                Some(_) if word == "one" && next == Some("one") => None,
                Some(_) => (self
                    .ordinals
                    .iter()
                    .position(|o| o.iter().any(|w| w == word)))
                .map(|p| p as u8 + 1)
                .or_else(|| {
                    (self.other.iter().any(|o| o == word)).then(|| {
                        let before = ordered.iter().filter_map(|(_, _, l)| l.place()).max();
                        before.unwrap_or(1) + 1
                    })
                }),
                None => None,
            };
            if let (Some(place), Some(noun)) = (place, noun) {
                let noun = match is_label(noun) {
                    true => spelt(noun).unwrap_or(noun),
                    false => last_noun.unwrap_or(&self.labels[0]),
                };
                last_noun = Some(noun);
                // "the first is 47k": the word after is no part of the name.
                let name_words = if is_label(noun) || next == Some("one") {
                    2
                } else {
                    1
                };
                ordered.push((
                    words[i].start,
                    words[i + name_words - 1].end,
                    OfferLabel::Ordered {
                        place,
                        noun: noun.to_string(),
                    },
                ));
                i += name_words;
                continue;
            }
            i += 1;
        }
        (lettered, ordered)
    }

    /// "The hospital offered 51k", "Riverside PT is offering 48k": the
    /// words before an "offered" phrase name the employer.
    fn named(&self, words: &[Word]) -> Vec<Mark> {
        let mut marks = Vec::new();
        for i in 0..words.len() {
            // "An offer from the hospital": the name follows.
            if let Some(phrase) = self.offer_from.iter().find(|p| phrase_at(p, words, i)) {
                let mut first = i + phrase.len();
                let the = words.get(first).is_some_and(|w| w.text == "the");
                first += usize::from(the);
                let name: Vec<&Word> = (words[first.min(words.len())..].iter())
                    .enumerate()
                    .take_while(|(n, w)| {
                        (*n == 0 || !w.after_break)
                            && w.text.chars().all(|c| c.is_ascii_alphabetic())
                            && !self.name_stops.iter().any(|s| s == w.text)
                            && !self.place_links.iter().any(|l| l == w.text)
                    })
                    .take(NAME_WORDS)
                    .map(|(_, w)| w)
                    .collect();
                if let Some(last) = name.last() {
                    let label = OfferLabel::Named {
                        words: name.iter().map(|w| w.text.to_string()).collect(),
                        the,
                    };
                    marks.push((words[i].start, last.end, label));
                }
                continue;
            }
            if !self
                .offered
                .iter()
                .any(|phrase| phrase_at(phrase, words, i))
            {
                continue;
            }
            // Back from the word before, to a stop word or a break; past
            // a place ("the hospital in boston offered") once.
            let (mut first, mut end) = (i, i);
            let mut past_place = false;
            while first > 0 && end - first < NAME_WORDS {
                let before = &words[first - 1];
                if !past_place && first < end && self.place_links.iter().any(|l| l == before.text) {
                    past_place = true;
                    first -= 1;
                    end = first;
                    continue;
                }
                let stops = self.name_stops.iter().any(|s| s == before.text)
                    || !before.text.chars().all(|c| c.is_ascii_alphabetic());
                if stops {
                    break;
                }
                first -= 1;
                if before.after_break {
                    break;
                }
            }
            if first == end {
                continue;
            }
            // "The hospital": the article is kept with the name.
            let the = first > 0 && words[first - 1].text == "the" && !words[first].after_break;
            let start = if the {
                words[first - 1].start
            } else {
                words[first].start
            };
            let label = OfferLabel::Named {
                words: words[first..end]
                    .iter()
                    .map(|w| w.text.to_string())
                    .collect(),
                the,
            };
            marks.push((start, words[i].start, label));
        }
        marks
    }
}

/// How many different offers the marks name.
fn distinct(marks: &[Mark]) -> usize {
    let mut unique: Vec<&OfferLabel> = Vec::new();
    for (_, _, label) in marks {
        if !unique.contains(&label) {
            unique.push(label);
        }
    }
    unique.len()
}

/// "a" to "d", "1" to "4", "one" to "four": what tells offers apart
/// after a label.
fn letter_or_number(word: &str) -> bool {
    matches!(
        word,
        "a" | "b" | "c" | "d" | "1" | "2" | "3" | "4" | "one" | "two" | "three" | "four"
    )
}

/// Each phrase as its words, lowercase.
fn phrases(list: &[String]) -> Vec<Vec<String>> {
    (list.iter())
        .map(|p| p.split_whitespace().map(str::to_lowercase).collect())
        .filter(|p: &Vec<String>| !p.is_empty())
        .collect()
}

/// Whether `phrase` stands at word `i`.
fn phrase_at(phrase: &[String], words: &[Word], i: usize) -> bool {
    phrase.len() <= words.len() - i && phrase.iter().zip(&words[i..]).all(|(p, w)| *p == w.text)
}

/// The words of normalized text: runs of letters, digits and apostrophes.
/// A money amount's `$` is no part of a word, so "$48000" is the word
/// "48000".
fn words_of(text: &str) -> Vec<Word<'_>> {
    let mut words = Vec::new();
    let mut start: Option<usize> = None;
    let mut broken = false;
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    for (n, &(i, c)) in chars
        .iter()
        .chain(std::iter::once(&(text.len(), ' ')))
        .enumerate()
    {
        // "24.50" is one word: a point between digits breaks nothing.
        let decimal = c == '.'
            && n > 0
            && chars[n - 1].1.is_ascii_digit()
            && chars.get(n + 1).is_some_and(|(_, d)| d.is_ascii_digit());
        let in_word = c.is_alphanumeric() || c == '\'' || decimal;
        match (in_word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                words.push(Word {
                    text: &text[s..i],
                    start: s,
                    end: i,
                    after_break: broken,
                });
                start = None;
                broken = false;
            }
            _ => {}
        }
        // "$22/hr", "60/month": a rate's slash, between a number and its
        // unit, breaks nothing.
        let per = c == '/'
            && n > 0
            && chars[n - 1].1.is_ascii_digit()
            && chars.get(n + 1).is_some_and(|(_, d)| d.is_alphabetic());
        if !in_word
            && !per
            && matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | '(' | ')' | '-' | '/')
        {
            broken = true;
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::understanding::normalize;

    fn reader() -> OfferReader {
        let kb = crate::knowledge::KnowledgeBase::load(
            env!("CARGO_MANIFEST_DIR").to_string() + "/knowledge",
        )
        .expect("the project's knowledge loads");
        OfferReader::new(&kb.package_words.offers)
    }

    fn names(text: &str) -> Vec<String> {
        let normalized = normalize(text);
        reader()
            .spans(&normalized)
            .iter()
            .map(|s| match &s.label {
                OfferLabel::Lettered { noun, mark } => format!("{noun} {mark}"),
                OfferLabel::Ordered { place, noun } => format!("{place} {noun}"),
                OfferLabel::Named { words, the } => {
                    format!("{}{}", if *the { "the " } else { "" }, words.join(" "))
                }
                OfferLabel::AtPlace { name } => name.clone(),
            })
            .collect()
    }

    #[test]
    fn letters_and_numbers_after_a_label() {
        assert_eq!(
            names("Offer A: $46,000, no match. Offer B: $44,500 with 100% up to 4%"),
            ["offer a", "offer b"]
        );
        assert_eq!(
            names("job 1 is 48k, job 2 is 46.5k, job 3 is 45k"),
            ["job 1", "job 2", "job 3"]
        );
    }

    #[test]
    fn order_words_and_the_other_one() {
        assert_eq!(
            names("the first offer is 50k; the second offer is 48k with a bonus"),
            ["1 offer", "2 offer"]
        );
        assert_eq!(
            names("one job pays 50k and the other one pays 47k plus a 4% match"),
            ["1 job", "2 job"]
        );
    }

    #[test]
    fn employers_named_before_offered() {
        assert_eq!(
            names("The hospital offered $51,000. The clinic offered $50,000 and a match."),
            ["the hospital", "the clinic"]
        );
        assert_eq!(
            names("The hospital in Boston offered 52k; the clinic in Denver offered $24/hr"),
            ["the hospital", "the clinic"]
        );
        assert_eq!(
            names("riverside pt offered 48k while summit rehab is offering 50k"),
            ["riverside pt", "summit rehab"]
        );
    }

    #[test]
    fn order_words_before_a_verb() {
        assert_eq!(
            names("The first is $47,000 with a bonus. The second is $49,000, no bonus."),
            ["1 offer", "2 offer"]
        );
        assert_eq!(
            names("Company one: 50k. Company two: 49k"),
            ["company one", "company two"]
        );
        assert!(names("100% of the first 3% and 50% of the next 2%").is_empty());
    }

    #[test]
    fn an_offer_from_an_employer() {
        assert_eq!(
            names("got an offer from the hospital, 47k. and the clinic offered 45k"),
            ["the hospital", "the clinic"]
        );
    }

    #[test]
    fn one_offer_or_an_article_is_not_two() {
        assert!(names("I got an offer a week ago for 48k").is_empty());
        assert!(names("what does the job pay in Boston?").is_empty());
        assert!(names("they offered me 48k with a 4% match").is_empty());
        // Named by its place, it can pair with one given before.
        assert_eq!(names("the second offer is 50k"), ["2 offer"]);
    }

    #[test]
    fn each_offer_runs_to_the_next() {
        let text = normalize("I put in 4%. Offer A: 50k. Offer B: 52k");
        let spans = reader().spans(&text);
        assert_eq!(&text[spans[0].start..spans[0].end], "offer a: $50000. ");
        assert_eq!(&text[spans[1].start..spans[1].end], "offer b: $52000");
    }
}
