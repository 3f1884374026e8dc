//! The fixed sentences careerbot says outside of topic answers (the
//! fallback, notices about input, the calculator's wording), kept as data so
//! their phrasing is a TOML edit.
//!
//! A template may name values in braces, like `{role}`; each template's
//! comment in `replies.toml` lists the ones it can use.

use super::problems::{Problems, SourceText};
use serde::Deserialize;
use toml::Spanned;

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Replies {
    /// When nothing matches well enough. `{topics}`: closest topic titles.
    pub fallback: String,
    /// Title of the fallback reply.
    pub fallback_title: String,
    /// A question about another job. `{role}`: the job named.
    pub other_role: String,
    /// An empty or punctuation-only message.
    pub empty: String,
    /// A message over the length limit. `{limit}`: the limit in characters.
    pub too_long: String,
    /// Lead-in to an estimate that used remembered details. `{details}`.
    pub using_details: String,
    /// What would sharpen an estimate. `{missing}`: the missing details.
    pub sharpen: String,
    /// Said after `forget`.
    pub forgot: String,
    /// Caveats under every estimate, one per item.
    pub estimate_caveats: Vec<String>,
    /// Notes under every calculator answer.
    pub calculator_notes: Vec<String>,
    /// An estimate's first line. `{low}`, `{high}`, `{mid}`: dollars.
    pub estimate_summary: String,
    /// After the summary when no detail was given. `{national}`.
    pub estimate_national: String,
    /// After the summary when details were given. `{baseline}`.
    pub estimate_start: String,
    /// The BLS comparison. `{year}`, `{area}`, `{median}`, `{range}`.
    pub estimate_local: String,
    /// The middle half in `{range}`. `{p25}`, `{p75}`.
    pub estimate_local_range: String,
    /// Someone asked faster than the rate limit allows. `{seconds}`.
    pub rate_limited: String,
    /// Under an estimate made from an empty salary form: how to refine it.
    pub salary_refine: String,
    /// A button or command whose topic was removed since. `{name}`: the
    /// command, or the topic id.
    pub topic_missing: String,
    pub titles: Titles,
    pub suggestions: Suggestions,
    /// Commands that open one topic: `/duties` on Discord, and in the
    /// terminal chat.
    #[serde(default, rename = "shortcut")]
    pub shortcuts: Vec<Spanned<Shortcut>>,
    /// The line of each shortcut in `replies.toml`, for error messages.
    #[serde(skip)]
    pub shortcut_lines: Vec<usize>,
}

/// A command that opens one topic.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Shortcut {
    /// Lowercase letters, digits, `-` or `_`; at most 32 (Discord's rule).
    pub name: String,
    /// One line, at most 100 characters (Discord's rule).
    pub description: String,
    /// The entry it opens.
    pub topic: String,
}

impl Shortcut {
    /// Discord's rules for a slash command's name and description, in the
    /// stricter ASCII form (letters, digits, `-`, `_`).
    pub fn problem(&self) -> Option<String> {
        let name_ok = (1..=32).contains(&self.name.len())
            && self
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !name_ok {
            return Some(format!(
                "shortcut name {:?} must be 1 to 32 lowercase letters, digits, - or _",
                self.name
            ));
        }
        let length = self.description.chars().count();
        if !(1..=100).contains(&length) || self.description.contains('\n') {
            return Some(format!(
                "shortcut {:?}: the description must be one line of 1 to 100 characters (it has {length})",
                self.name
            ));
        }
        None
    }
}

/// Topic ids offered as "see also" on replies that are not topic answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestions {
    /// When nothing matched at all.
    pub fallback: Vec<String>,
    pub other_role: Vec<String>,
    pub estimate: Vec<String>,
    pub calculation: Vec<String>,
}

impl Suggestions {
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.fallback
            .iter()
            .chain(&self.other_role)
            .chain(&self.estimate)
            .chain(&self.calculation)
    }
}

/// Titles of replies that are not topic answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    pub estimate: String,
    pub calculation: String,
    pub other_role: String,
    pub too_long: String,
    pub empty: String,
    pub forgot: String,
    pub rate_limited: String,
    /// A slash-command option careerbot cannot use.
    pub form_error: String,
    pub topic_missing: String,
}

impl Replies {
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Option<Replies> {
        let mut replies: Replies = source.parse(problems)?;
        replies.shortcut_lines = (replies.shortcuts.iter())
            .map(|s| source.line_of(s.span().start))
            .collect();
        let mut names = std::collections::HashSet::new();
        for (shortcut, line) in replies.shortcuts.iter().zip(&replies.shortcut_lines) {
            let line = Some(*line);
            if let Some(problem) = shortcut.get_ref().problem() {
                problems.at(&source.path, line, problem);
            }
            if !names.insert(shortcut.get_ref().name.as_str()) {
                problems.at(
                    &source.path,
                    line,
                    format!("shortcut {:?} is defined twice", shortcut.get_ref().name),
                );
            }
        }
        Some(replies)
    }

    /// The shortcut with this name.
    pub fn shortcut(&self, name: &str) -> Option<&Shortcut> {
        self.shortcuts
            .iter()
            .map(Spanned::get_ref)
            .find(|s| s.name == name)
    }
}

/// Fill `{name}` placeholders in a template.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut text = template.to_string();
    for (name, value) in values {
        text = text.replace(&format!("{{{name}}}"), value);
    }
    text
}
