//! What careerbot does not answer, written down so it can say so politely
//! instead of guessing: off-topic requests and other jobs.

use super::problems::{Problems, SourceText};
use serde::Deserialize;
use toml::Spanned;

/// A kind of request outside the role (weather, jokes, medical advice...).
/// It is matched like an entry; when it wins, careerbot answers with its
/// `reply` and no topic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OffTopic {
    pub id: String,
    pub reply: String,
    pub phrasings: Vec<String>,
    #[serde(default)]
    pub keywords: Vec<String>,
    /// Phrases that settle it outright, whatever else the message says
    /// ("can you book me", "how are you"): requests that look like topic
    /// questions word by word but are not.
    #[serde(default)]
    pub triggers: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Scope {
    /// Words that show a message is about the coordinator role itself.
    pub role_words: Vec<String>,
    /// Other jobs people ask about ("physical therapist", "nurse").
    pub other_roles: Vec<String>,
    /// The role's title words ("coordinator"): with a qualifier not in
    /// `our_qualifiers` they name another job ("event coordinator").
    pub role_heads: Vec<String>,
    pub our_qualifiers: Vec<String>,
    /// Fields whose coordinators are another job ("event", "logistics").
    pub other_fields: Vec<String>,
    pub off_topic: Vec<OffTopic>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawScope {
    role_words: Vec<String>,
    other_roles: Vec<String>,
    role_heads: Vec<String>,
    our_qualifiers: Vec<String>,
    other_fields: Vec<String>,
    off_topic: Vec<Spanned<OffTopic>>,
}

impl Scope {
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Option<Scope> {
        let raw: RawScope = source.parse(problems)?;
        let mut off_topic = Vec::new();
        for item in raw.off_topic {
            let line = source.line_of(item.span().start);
            let item = item.into_inner();
            if item.reply.trim().is_empty() || item.phrasings.is_empty() {
                problems.at(
                    &source.path,
                    Some(line),
                    format!(
                        "off_topic {:?} needs a reply and at least one phrasing",
                        item.id
                    ),
                );
            }
            off_topic.push(item);
        }
        Some(Scope {
            role_words: raw.role_words,
            other_roles: raw.other_roles,
            role_heads: raw.role_heads,
            our_qualifiers: raw.our_qualifiers,
            other_fields: raw.other_fields,
            off_topic,
        })
    }
}
