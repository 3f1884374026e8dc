//! Knowledge-base errors that point at a file and line.
//!
//! The people who keep `knowledge/` current are not programmers, so every
//! problem names the file, the line where it is, and what to do about it. A
//! load collects every problem it can find rather than stopping at the first,
//! so one `careerbot check` run shows the whole list.

use std::fmt;
use std::path::{Path, PathBuf};

/// One thing wrong in one knowledge file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    pub file: PathBuf,
    /// 1-based line, when the problem has a place in the file.
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(line) => write!(f, "{}:{}: {}", self.file.display(), line, self.message),
            None => write!(f, "{}: {}", self.file.display(), self.message),
        }
    }
}

/// Every problem found while loading the knowledge base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnowledgeError {
    pub problems: Vec<Problem>,
}

impl fmt::Display for KnowledgeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let count = self.problems.len();
        writeln!(
            f,
            "the knowledge base has {count} problem{}:",
            if count == 1 { "" } else { "s" }
        )?;
        for problem in &self.problems {
            writeln!(f, "  {problem}")?;
        }
        write!(
            f,
            "Fix the lines above (knowledge/README.md explains each file), then run `careerbot check`."
        )
    }
}

impl std::error::Error for KnowledgeError {}

/// Collects problems while a load goes on.
#[derive(Debug, Default)]
pub struct Problems {
    list: Vec<Problem>,
}

impl Problems {
    /// Add the problems another reader found (after this one's).
    pub fn append(&mut self, other: Problems) {
        self.list.extend(other.list);
    }

    pub fn at(&mut self, file: &Path, line: Option<usize>, message: impl Into<String>) {
        self.list.push(Problem {
            file: file.to_path_buf(),
            line,
            message: message.into(),
        });
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn into_error(self) -> KnowledgeError {
        KnowledgeError {
            problems: self.list,
        }
    }
}

/// A file's text with a way to turn byte offsets into line numbers.
pub struct SourceText {
    pub path: PathBuf,
    pub text: String,
    line_starts: Vec<usize>,
}

impl SourceText {
    pub fn new(path: PathBuf, text: String) -> Self {
        let line_starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        SourceText {
            path,
            text,
            line_starts,
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(index) => index + 1,
            Err(index) => index,
        }
    }

    /// The line of `key = ...` at or after byte `from` (the start of its
    /// table), so a problem points at the value at fault, not just its
    /// table; the line of `from` if the key is not found.
    pub fn key_line(&self, from: usize, key: &str) -> usize {
        let mut offset = from.min(self.text.len());
        for line in self.text[offset..].split_inclusive('\n') {
            let trimmed = line.trim_start();
            if let Some(rest) = trimmed.strip_prefix(key)
                && rest.trim_start().starts_with('=')
            {
                return self.line_of(offset);
            }
            offset += line.len();
        }
        self.line_of(from)
    }

    /// Where the table headed `[name]` starts, if the file has one.
    pub fn table_start(&self, name: &str) -> Option<usize> {
        let header = format!("[{name}]");
        let mut offset = 0;
        for line in self.text.split_inclusive('\n') {
            if line.trim() == header {
                return Some(offset);
            }
            offset += line.len();
        }
        None
    }

    /// Parse the whole file as `T`, turning a TOML or shape error into a
    /// problem with its line (for example an unknown key, or a number where
    /// text belongs).
    pub fn parse<T: serde::de::DeserializeOwned>(&self, problems: &mut Problems) -> Option<T> {
        match toml::from_str::<T>(&self.text) {
            Ok(value) => Some(value),
            Err(error) => {
                let line = error.span().map(|span| self.line_of(span.start));
                let message = error.message().trim().to_string();
                problems.at(&self.path, line, friendly_toml_message(&message));
                None
            }
        }
    }
}

/// serde's messages say "unknown field"; maintainers think in "keys".
fn friendly_toml_message(message: &str) -> String {
    if message.starts_with("unknown field ") {
        unknown_key_message(message)
    } else if let Some(rest) = message.strip_prefix("missing field ") {
        format!("missing key {rest}")
    } else {
        message.to_string()
    }
}

/// serde's "unknown field `phrasing`, expected one of `id`, `phrasings`,
/// ..." as "unknown key `phrasing`; did you mean `phrasings`?", when one
/// known key is close; else the unknown key and the keys allowed there.
pub fn unknown_key_message(message: &str) -> String {
    let quoted: Vec<&str> = message.split('`').skip(1).step_by(2).collect();
    let Some((unknown, known)) = quoted.split_first() else {
        return message.replacen("unknown field", "unknown key", 1);
    };
    let closest = (known.iter())
        .map(|key| (strsim::damerau_levenshtein(unknown, key), *key))
        .filter(|(distance, key)| *distance <= 2.max(key.len() / 3))
        .min();
    match closest {
        Some((_, key)) => format!("unknown key `{unknown}`; did you mean `{key}`?"),
        None if known.is_empty() => format!("unknown key `{unknown}`"),
        None => format!(
            "unknown key `{unknown}`; the keys allowed here are {}",
            (known.iter().map(|k| format!("`{k}`")))
                .collect::<Vec<_>>()
                .join(", ")
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_keys_get_the_nearest_known_one() {
        assert_eq!(
            unknown_key_message(
                "unknown field `phrasing`, expected one of `id`, `title`, `phrasings`"
            ),
            "unknown key `phrasing`; did you mean `phrasings`?"
        );
        assert_eq!(
            unknown_key_message("unknown field `tokn`, expected one of `token`, `guild_id`"),
            "unknown key `tokn`; did you mean `token`?"
        );
        assert_eq!(
            unknown_key_message("unknown field `zzz`, expected `id` or `title`"),
            "unknown key `zzz`; the keys allowed here are `id`, `title`"
        );
    }

    #[test]
    fn offsets_map_to_lines() {
        let text = SourceText::new("x.toml".into(), "a\nbb\n\nccc".into());
        assert_eq!(text.line_of(0), 1);
        assert_eq!(text.line_of(2), 2);
        assert_eq!(text.line_of(5), 3);
        assert_eq!(text.line_of(6), 4);
        assert_eq!(text.line_of(8), 4);
    }
}
