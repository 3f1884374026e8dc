//! Topic entries: the answers careerbot gives, and the ways people ask for them.

use super::problems::{Problems, SourceText};
use serde::Deserialize;
use std::path::PathBuf;
use toml::Spanned;

/// Discord's limit for an embed description; every answer must fit one.
pub const MAX_ANSWER_CHARS: usize = 4096;
/// Discord's limit for an embed title.
pub const MAX_TITLE_CHARS: usize = 256;
/// The longest button label that stays on one line on a phone.
pub const MAX_SHORT_TITLE_CHARS: usize = 30;

/// One answer in the knowledge base.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Stable id such as `certs.cmaa`; never renamed, since buttons and
    /// tests refer to it.
    pub id: String,
    pub title: String,
    /// The title on a button: `short_title`, or the title when it is short
    /// enough.
    pub short_title: String,
    pub answer: String,
    /// Ways people ask for this answer.
    pub phrasings: Vec<String>,
    /// Distinctive words that point at this entry.
    pub keywords: Vec<String>,
    /// Ids in `sources.toml`.
    pub sources: Vec<String>,
    /// Ids of other entries worth reading next.
    pub related: Vec<String>,
    /// Where the entry is written, for error messages.
    pub file: PathBuf,
    pub line: usize,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFile {
    #[serde(default)]
    entry: Vec<Spanned<RawEntry>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntry {
    id: Spanned<String>,
    title: Spanned<String>,
    #[serde(default)]
    short_title: Option<Spanned<String>>,
    answer: Spanned<String>,
    phrasings: Vec<String>,
    #[serde(default)]
    keywords: Vec<String>,
    sources: Vec<Spanned<String>>,
    #[serde(default)]
    related: Vec<Spanned<String>>,
}

/// A reference from an entry to another id, kept with its line so a broken
/// reference can be reported where it is written.
pub struct Reference {
    pub file: PathBuf,
    pub line: usize,
    pub from: String,
    pub to: String,
}

/// Entries read from one file, with the references still to be checked.
pub struct ParsedEntries {
    pub entries: Vec<Entry>,
    pub related: Vec<Reference>,
    pub sources: Vec<Reference>,
}

/// Read the `[[entry]]` tables of one file and check what can be checked
/// within the entry itself (lengths, emptiness). Cross-file checks
/// (duplicates, references) happen once every file is read.
pub fn parse_entries(source: &SourceText, problems: &mut Problems) -> ParsedEntries {
    let mut parsed = ParsedEntries {
        entries: Vec::new(),
        related: Vec::new(),
        sources: Vec::new(),
    };
    let Some(file) = source.parse::<EntryFile>(problems) else {
        return parsed;
    };
    let path = &source.path;
    for raw in file.entry {
        let entry_line = source.line_of(raw.span().start);
        let raw = raw.into_inner();
        let id = raw.id.get_ref().trim().to_string();
        let id_line = source.line_of(raw.id.span().start);
        if !is_valid_id(&id) {
            problems.at(
                path,
                Some(id_line),
                format!(
                    "id {id:?} must be lowercase letters, digits, '_' and '.' (like \"certs.cmaa\")"
                ),
            );
        }
        check_text(source, problems, &raw.title, "title", &id, MAX_TITLE_CHARS);
        let short_title = match &raw.short_title {
            Some(short) => {
                let what = "short_title (its button label)";
                check_text(source, problems, short, what, &id, MAX_SHORT_TITLE_CHARS);
                short.get_ref().trim().to_string()
            }
            None => {
                let title = raw.title.get_ref().trim();
                if title.chars().count() > MAX_SHORT_TITLE_CHARS {
                    problems.at(
                        path,
                        Some(source.line_of(raw.title.span().start)),
                        format!(
                            "entry {id:?} has a title longer than {MAX_SHORT_TITLE_CHARS} characters, so it needs a short_title for its button, like short_title = \"CMAA certification\""
                        ),
                    );
                }
                title.to_string()
            }
        };
        check_text(
            source,
            problems,
            &raw.answer,
            "answer",
            &id,
            MAX_ANSWER_CHARS,
        );
        if raw.phrasings.iter().all(|p| p.trim().is_empty()) {
            problems.at(
                path,
                Some(entry_line),
                format!("entry {id:?} needs at least one phrasing (a way people ask for it)"),
            );
        }
        if raw.sources.is_empty() {
            problems.at(
                path,
                Some(entry_line),
                format!("entry {id:?} needs at least one source id from sources.toml"),
            );
        }
        for reference in &raw.related {
            parsed.related.push(Reference {
                file: path.clone(),
                line: source.line_of(reference.span().start),
                from: id.clone(),
                to: reference.get_ref().trim().to_string(),
            });
        }
        for reference in &raw.sources {
            parsed.sources.push(Reference {
                file: path.clone(),
                line: source.line_of(reference.span().start),
                from: id.clone(),
                to: reference.get_ref().trim().to_string(),
            });
        }
        parsed.entries.push(Entry {
            id,
            title: raw.title.into_inner().trim().to_string(),
            short_title,
            answer: raw.answer.into_inner().trim().to_string(),
            phrasings: raw.phrasings,
            keywords: raw.keywords,
            sources: raw
                .sources
                .into_iter()
                .map(|s| s.into_inner().trim().to_string())
                .collect(),
            related: raw
                .related
                .into_iter()
                .map(|s| s.into_inner().trim().to_string())
                .collect(),
            file: path.clone(),
            line: id_line,
        });
    }
    parsed
}

fn check_text(
    source: &SourceText,
    problems: &mut Problems,
    text: &Spanned<String>,
    what: &str,
    id: &str,
    max_chars: usize,
) {
    let line = Some(source.line_of(text.span().start));
    let chars = text.get_ref().trim().chars().count();
    if chars == 0 {
        problems.at(
            &source.path,
            line,
            format!("entry {id:?} has an empty {what}"),
        );
    } else if chars > max_chars {
        problems.at(
            &source.path,
            line,
            format!(
                "entry {id:?} has {} {what} of {chars} characters; Discord allows {max_chars}. Shorten it or split it into two entries",
                if what.starts_with(['a', 'e', 'i', 'o', 'u']) { "an" } else { "a" }
            ),
        );
    }
}

/// Ids are lowercase words joined by dots, so they are safe inside Discord
/// button ids and URLs.
pub fn is_valid_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_' || c == '.')
        && !id.starts_with('.')
        && !id.ends_with('.')
}
