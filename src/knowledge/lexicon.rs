//! The lexicon: synonyms, abbreviations and common misspellings, so that
//! "wage", "make" and "salery" all reach the entries written with "salary".

use super::problems::{Problems, SourceText};
use serde::Deserialize;
use toml::Spanned;

/// One group of words that mean the same for matching.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SynonymGroup {
    /// The word every other one in the group becomes.
    pub word: String,
    /// Words and phrases that mean `word` here. A phrase of several words is
    /// matched as a whole ("how much" → "salary").
    pub means: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Lexicon {
    /// Words too common to tell topics apart ("the", "is", "do").
    pub stopwords: Vec<String>,
    /// Words (after synonyms) that make a message a question about pay.
    pub pay_words: Vec<String>,
    /// Words (after synonyms) that ask for pay by the hour: an estimate
    /// then shows hourly figures too.
    pub hourly_words: Vec<String>,
    pub synonyms: Vec<SynonymGroup>,
    /// Messages that, alone, ask careerbot to drop remembered details.
    pub forget_commands: Vec<String>,
    /// How a follow-up to an earlier estimate opens ("what about").
    pub follow_up_openers: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawLexicon {
    stopwords: Vec<String>,
    pay_words: Vec<String>,
    hourly_words: Vec<String>,
    synonym: Vec<Spanned<SynonymGroup>>,
    forget_commands: Vec<String>,
    follow_up_openers: Vec<String>,
}

impl Lexicon {
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Option<Lexicon> {
        let raw: RawLexicon = source.parse(problems)?;
        let mut seen: std::collections::HashMap<String, (String, usize)> = Default::default();
        for group in &raw.synonym {
            let line = source.line_of(group.span().start);
            let group = group.get_ref();
            if group.word.trim().is_empty() {
                problems.at(
                    &source.path,
                    Some(line),
                    "a synonym group has an empty word",
                );
            }
            for variant in &group.means {
                let key = variant.trim().to_lowercase();
                if key.is_empty() {
                    problems.at(
                        &source.path,
                        Some(line),
                        format!("synonym group {:?} has an empty entry in means", group.word),
                    );
                    continue;
                }
                if let Some((other, other_line)) = seen.get(&key) {
                    if other != &group.word {
                        problems.at(
                            &source.path,
                            Some(line),
                            format!(
                                "{key:?} is listed for both {:?} and {other:?} (line {other_line}); keep it in one group",
                                group.word
                            ),
                        );
                    }
                } else {
                    seen.insert(key, (group.word.clone(), line));
                }
            }
        }
        Some(Lexicon {
            stopwords: raw.stopwords,
            pay_words: raw.pay_words,
            hourly_words: raw.hourly_words,
            synonyms: raw.synonym.into_iter().map(Spanned::into_inner).collect(),
            forget_commands: raw.forget_commands,
            follow_up_openers: raw.follow_up_openers,
        })
    }
}
