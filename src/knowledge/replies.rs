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
    /// A message of only small words: "hi", "thanks", "hello there".
    pub greeting: String,
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
    /// After the summary when the question asks by the hour. `{low}`,
    /// `{high}`, `{mid}`: dollars an hour; `{hours}`: paid hours a year.
    pub estimate_hourly: String,
    /// After the summary when no detail was given. `{national}`.
    pub estimate_national: String,
    /// After the summary when details were given. `{baseline}`.
    pub estimate_start: String,
    /// The BLS comparison. `{year}`, `{area}`, `{median}`, `{range}`.
    pub estimate_local: String,
    /// The middle half in `{range}`. `{p25}`, `{p75}`.
    pub estimate_local_range: String,
    /// Before a comparison of places: how it was made.
    pub comparison_places: String,
    /// Before a comparison of employer types.
    pub comparison_employers: String,
    /// One option of a comparison. `{name}`, `{low}`, `{high}`, `{mid}`.
    pub comparison_line: String,
    /// The gap between the highest and lowest typical figures. `{higher}`,
    /// `{lower}`: names; `{gap}`: dollars; `{percent}`.
    pub comparison_gap: String,
    /// When all the typical figures are the same.
    pub comparison_even: String,
    /// Someone asked faster than the rate limit allows. `{seconds}`.
    pub rate_limited: String,
    /// Under an estimate made from an empty salary form: how to refine it.
    pub salary_refine: String,
    /// A button or command whose topic was removed since. `{name}`: the
    /// command, or the topic id.
    pub topic_missing: String,
    /// Where the person's own pay sits on their estimate.
    pub your_pay: YourPay,
    /// A slash-command option careerbot cannot use.
    pub form_errors: FormErrors,
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

/// Where the pay a person gave ("I make 42k, am I underpaid?") sits on
/// their estimate. Each can use `{yours}` (their pay) and `{gap}` (dollars
/// to the range's end, or to the typical figure).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct YourPay {
    pub below: String,
    pub lower_half: String,
    pub typical: String,
    pub upper_half: String,
    pub above: String,
}

/// What to say about a slash-command option careerbot cannot use; each
/// names the option and says what to give instead.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FormErrors {
    /// `experience` too large. `{max}`: the most years accepted.
    pub experience_range: String,
    /// A list choice the knowledge base no longer has. `{option}`.
    pub stale_choice: String,
    /// A location we do not know. `{place}`: what was typed.
    pub unknown_place: String,
    /// `/certs` with a certification we do not know. `{name}`, `{known}`.
    pub unknown_certification: String,
    /// `/salary` with a certification we do not know, where "none" is also
    /// an answer. `{name}`, `{known}`.
    pub unknown_certification_or_none: String,
    /// `/benefits` with a base salary of zero or less.
    pub base_not_positive: String,
    /// `/salary` with a yearly pay outside the range. `{min}`, `{max}`.
    pub pay_range: String,
    /// A percentage outside 0 to 100. `{option}`.
    pub percentage_range: String,
    /// A negative bonus.
    pub negative_bonus: String,
}

/// Topic ids offered as "see also" on replies that are not topic answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Suggestions {
    /// When nothing matched at all.
    pub fallback: Vec<String>,
    pub other_role: Vec<String>,
    pub estimate: Vec<String>,
    /// Under a comparison of places or employer types.
    pub comparison: Vec<String>,
    pub calculation: Vec<String>,
}

impl Suggestions {
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.fallback
            .iter()
            .chain(&self.other_role)
            .chain(&self.estimate)
            .chain(&self.comparison)
            .chain(&self.calculation)
    }
}

/// Titles of replies that are not topic answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    pub estimate: String,
    pub comparison: String,
    pub calculation: String,
    pub other_role: String,
    pub too_long: String,
    pub empty: String,
    pub greeting: String,
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
        replies.check_placeholders(source, problems);
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

    /// Every template, with its table (`None` at the top of the file), its
    /// key, and the placeholders careerbot fills in for it.
    fn templates(
        &self,
    ) -> Vec<(
        Option<&'static str>,
        &'static str,
        &str,
        &'static [&'static str],
    )> {
        let f = &self.form_errors;
        let t = &self.titles;
        let mut templates = vec![
            (None, "fallback", self.fallback.as_str(), &["topics"][..]),
            (None, "fallback_title", &self.fallback_title, &[]),
            (None, "other_role", &self.other_role, &["role"]),
            (None, "empty", &self.empty, &[]),
            (None, "greeting", &self.greeting, &[]),
            (None, "too_long", &self.too_long, &["limit"]),
            (None, "using_details", &self.using_details, &["details"]),
            (None, "sharpen", &self.sharpen, &["missing"]),
            (None, "forgot", &self.forgot, &[]),
            (
                None,
                "estimate_summary",
                &self.estimate_summary,
                &["low", "high", "mid"],
            ),
            (
                None,
                "estimate_national",
                &self.estimate_national,
                &["national"],
            ),
            (None, "estimate_start", &self.estimate_start, &["baseline"]),
            (
                None,
                "estimate_local",
                &self.estimate_local,
                &["year", "area", "median", "range"],
            ),
            (
                None,
                "estimate_local_range",
                &self.estimate_local_range,
                &["p25", "p75"],
            ),
            (None, "comparison_places", &self.comparison_places, &[]),
            (
                None,
                "comparison_employers",
                &self.comparison_employers,
                &[],
            ),
            (
                None,
                "comparison_line",
                &self.comparison_line,
                &["name", "low", "high", "mid"],
            ),
            (
                None,
                "comparison_gap",
                &self.comparison_gap,
                &["higher", "lower", "gap", "percent"],
            ),
            (None, "comparison_even", &self.comparison_even, &[]),
            (None, "rate_limited", &self.rate_limited, &["seconds"]),
            (None, "salary_refine", &self.salary_refine, &[]),
            (None, "topic_missing", &self.topic_missing, &["name"]),
            (
                Some("form_errors"),
                "experience_range",
                &f.experience_range,
                &["max"],
            ),
            (
                Some("form_errors"),
                "stale_choice",
                &f.stale_choice,
                &["option"],
            ),
            (
                Some("form_errors"),
                "unknown_place",
                &f.unknown_place,
                &["place"],
            ),
            (
                Some("form_errors"),
                "unknown_certification",
                &f.unknown_certification,
                &["name", "known"],
            ),
            (
                Some("form_errors"),
                "unknown_certification_or_none",
                &f.unknown_certification_or_none,
                &["name", "known"],
            ),
            (
                Some("form_errors"),
                "base_not_positive",
                &f.base_not_positive,
                &[],
            ),
            (
                Some("form_errors"),
                "percentage_range",
                &f.percentage_range,
                &["option"],
            ),
            (
                Some("form_errors"),
                "negative_bonus",
                &f.negative_bonus,
                &[],
            ),
        ];
        for (key, title) in [
            ("estimate", &t.estimate),
            ("comparison", &t.comparison),
            ("calculation", &t.calculation),
            ("other_role", &t.other_role),
            ("too_long", &t.too_long),
            ("empty", &t.empty),
            ("greeting", &t.greeting),
            ("forgot", &t.forgot),
            ("rate_limited", &t.rate_limited),
            ("form_error", &t.form_error),
            ("topic_missing", &t.topic_missing),
        ] {
            templates.push((Some("titles"), key, title, &[]));
        }
        for caveat in &self.estimate_caveats {
            templates.push((None, "estimate_caveats", caveat, &[]));
        }
        for note in &self.calculator_notes {
            templates.push((None, "calculator_notes", note, &[]));
        }
        templates
    }

    /// A `{word}` careerbot does not fill in would reach people as it is
    /// (a typo such as `{plac}`): report it at its line, with the ones the
    /// template can use.
    fn check_placeholders(&self, source: &SourceText, problems: &mut Problems) {
        let placeholder = regex::Regex::new(r"\{([^{}\s]{1,40})\}").expect("a valid pattern");
        for (table, key, template, allowed) in self.templates() {
            for found in placeholder.captures_iter(template) {
                let name = &found[1];
                if allowed.contains(&name) {
                    continue;
                }
                let table_start = table.and_then(|t| source.table_start(t)).unwrap_or(0);
                let full_key = table.map_or(key.to_string(), |t| format!("{t}.{key}"));
                let can_use = if allowed.is_empty() {
                    "it takes none".to_string()
                } else {
                    let names: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
                    format!("it can use {}", names.join(", "))
                };
                problems.at(
                    &source.path,
                    Some(source.key_line(table_start, key)),
                    format!(
                        "{{{name}}} in {full_key} is not a value careerbot fills in; {can_use}"
                    ),
                );
            }
        }
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
