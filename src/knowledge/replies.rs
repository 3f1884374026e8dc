//! The fixed sentences careerbot says outside of topic answers (the
//! fallback, notices about input, the calculator's wording), kept as data so
//! their phrasing is a TOML edit.
//!
//! A template may name values in braces, like `{role}`; each template's
//! comment in `replies.toml` lists the ones it can use.

use super::problems::{Problems, SourceText};
use serde::Deserialize;

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
    pub titles: Titles,
    pub suggestions: Suggestions,
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
}

impl Replies {
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Option<Replies> {
        source.parse(problems)
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
