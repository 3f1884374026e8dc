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
    /// The other job, when it is another kind of coordinator ("event
    /// coordinator"): the person's own qualifier is not repeated.
    pub other_coordinator: String,
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
    pub estimate_prices: String,
    pub estimate_prices_yours: String,
    pub estimate_prices_asked: String,
    /// Before a comparison of places: how it was made.
    pub comparison_places: String,
    /// Before a comparison of employer types.
    pub comparison_employers: String,
    /// One option of a comparison. `{name}`, `{low}`, `{high}`, `{mid}`;
    /// `{hourly}`: `comparison_hourly` when asked per hour, else nothing.
    pub comparison_line: String,
    /// An option's figures by the hour. `{low}`, `{high}`, `{mid}`,
    /// `{hours}`.
    pub comparison_hourly: String,
    /// An option's BLS median. `{median}`.
    pub comparison_bls: String,
    pub comparison_prices: String,
    /// The heading over an estimate's steps.
    pub working_out_heading: String,
    /// Where the person's pay sits on one option. `{name}`; `{position}`:
    /// the `your_pay` sentence.
    pub comparison_your_pay: String,
    /// More options were named than are shown. `{shown}`, `{named}`.
    pub comparison_cut: String,
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
    /// The words on the salary chart.
    pub chart: ChartWords,
    /// The steps of an estimate.
    pub factors: FactorWords,
    /// The details an estimate used.
    pub describe: DescribeWords,
    /// The details that would sharpen an estimate.
    pub missing: MissingWords,
    /// A total-compensation calculation.
    pub calculation: CalculationWords,
    /// Job offers side by side.
    pub offers: OffersWords,
    /// `careerbot review`, `/review` and the vote buttons.
    pub review: ReviewWords,
    /// Entities side by side.
    pub compare: CompareWords,
    /// A pay figure placed on the national range.
    pub pay_figure: PayFigureWords,
    /// A cost or duration the sources do not give.
    pub not_given: NotGivenWords,
    /// Declining a question.
    pub decline: DeclineWords,
    /// Figures from the BLS wage tables.
    pub wages: WageWords,
    pub titles: Titles,
    /// Discord cards: the short estimate card and its buttons.
    pub card: CardWords,
    /// The terminal chat's own lines.
    pub terminal: TerminalWords,
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

/// The steps of an estimate: a name for each, and the sentences that
/// explain its evidence.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FactorWords {
    pub experience: String,
    pub education: String,
    pub certifications: String,
    pub supervisory: String,
    pub location: String,
    pub employer: String,
    pub experience_detail: String,
    pub years: String,
    pub entry_level: String,
    pub mid_level: String,
    pub senior_level: String,
    pub education_detail: String,
    pub certifications_detail: String,
    pub certifications_cap: String,
    pub certifications_pending: String,
    pub no_certifications_detail: String,
    pub supervisory_detail: String,
    pub employer_detail: String,
    pub location_bls: String,
    pub location_bls_state: String,
    pub location_guide_and_bls: String,
    pub location_state_instead: String,
    pub location_rural_state: String,
    pub location_rural_guide: String,
    pub location_no_wages: String,
    pub location_damping: String,
}

/// One piece per detail an estimate used.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DescribeWords {
    pub years: String,
    pub entry_level: String,
    pub mid_level: String,
    pub senior_level: String,
    pub pending: String,
    pub no_certifications: String,
    pub rural_in: String,
    pub rural: String,
    pub supervisory: String,
}

/// The names of details that were not given.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MissingWords {
    pub experience: String,
    pub education: String,
    pub certifications: String,
    pub location: String,
    pub employer: String,
    pub or: String,
}

/// The lines of a total-compensation calculation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalculationWords {
    pub base: String,
    pub contribution: String,
    pub employer_match: String,
    pub bonus: String,
    pub hourly_base: String,
    pub tiered_match: String,
    pub first_tier: String,
    pub next_tier: String,
    /// Between the bands of a tiered match.
    pub tier_join: String,
    pub match_stop: String,
    pub bonus_share: String,
    pub profit_sharing: String,
    pub profit_sharing_share: String,
    pub stipend: String,
    pub employer_health: String,
    pub premium: String,
    pub pto: String,
    pub total: String,
    /// The names of the parts a total adds up.
    pub parts: CalculationParts,
    pub assumed_cap: String,
    pub assumed_match: String,
    pub assumed_contribution: String,
    pub assumed_base: String,
    pub no_base: String,
}

/// The review of what people asked, for the knowledge keeper, and the
/// vote buttons' replies.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReviewWords {
    pub title: String,
    pub empty: String,
    pub days_heading: String,
    pub day: String,
    pub votes_heading: String,
    pub votes_line: String,
    pub groups_heading: String,
    pub group_topic: String,
    pub group_off_topic: String,
    pub group_no_topic: String,
    pub question: String,
    pub add_phrasing: String,
    pub off_topic: String,
    pub new_entry: String,
    pub unhelpful_heading: String,
    pub unhelpful_topic: String,
    pub no_topic: String,
    pub thanks: String,
    pub vote_up: String,
    pub vote_down: String,
    pub off: String,
    pub not_allowed: String,
}

/// The lines of job offers side by side.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OffersWords {
    pub lettered: String,
    pub ordered: String,
    pub ordinals: Vec<String>,
    pub named_the: String,
    pub at_place: String,
    pub name_join: String,
    pub name_last: String,
    pub ahead: String,
    pub ahead_after_too: String,
    pub ahead_turned: String,
    pub even: String,
    pub even_turned: String,
    pub one_read: String,
    pub heading: String,
    pub heading_place: String,
    pub base: String,
    pub hourly_base: String,
    pub employer_match: String,
    pub no_match: String,
    pub rule: String,
    pub rule_tier: String,
    pub rule_next: String,
    pub rule_join: String,
    pub rule_stop: String,
    pub rule_own: String,
    pub bonus: String,
    pub bonus_share: String,
    pub profit_sharing: String,
    pub profit_sharing_share: String,
    pub stipend: String,
    pub employer_health: String,
    pub premium: String,
    pub total: String,
    pub pto: String,
    pub national: String,
    pub unread: String,
    pub assumed_for: String,
    pub pto_note: String,
    pub unpriced_named: String,
    pub unpriced_thing: String,
    pub unpriced_join: String,
    pub unpriced_note: String,
    pub benefits: BenefitWords,
    pub form_title: String,
    pub form_labels: Vec<String>,
    pub form_placeholder: String,
    pub prices_note: String,
}

/// The name of each kind of benefit an offer can name without a figure.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct BenefitWords {
    pub bonus: String,
    pub profit_sharing: String,
    pub stipend: String,
    pub health: String,
    pub retirement: String,
    pub pto: String,
}

impl BenefitWords {
    pub fn of(&self, benefit: crate::compensation::Benefit) -> &str {
        use crate::compensation::Benefit;
        match benefit {
            Benefit::Bonus => &self.bonus,
            Benefit::ProfitSharing => &self.profit_sharing,
            Benefit::Stipend => &self.stipend,
            Benefit::Health => &self.health,
            Benefit::Retirement => &self.retirement,
            Benefit::Pto => &self.pto,
        }
    }
}

/// The names of the parts of a total, as the total line lists them.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CalculationParts {
    pub base: String,
    #[serde(rename = "match")]
    pub employer_match: String,
    pub bonus: String,
    pub profit_sharing: String,
    pub stipend: String,
    pub employer_health: String,
    pub premium: String,
    /// Between parts that add ("base + bonus").
    pub plus: String,
    /// Before a part that comes off ("− your premium").
    pub minus: String,
}

/// Comparisons of entities: a label per aspect, a verdict per ranked
/// aspect, and the lines for a tie or no basis.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CompareWords {
    pub aspects: std::collections::BTreeMap<String, String>,
    pub verdicts: std::collections::BTreeMap<String, String>,
}

impl CompareWords {
    /// The label of an aspect, or the aspect's own name.
    pub fn aspect<'a>(&'a self, aspect: &'a str) -> &'a str {
        self.aspects.get(aspect).map_or(aspect, String::as_str)
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PayFigureWords {
    pub below: String,
    pub lower_half: String,
    pub typical: String,
    pub upper_half: String,
    pub above: String,
    pub band: String,
    pub sharpen: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NotGivenWords {
    pub with_subject: String,
    pub without_subject: String,
    pub what_it_says: String,
    pub cost_words: String,
    pub duration_words: String,
    pub both_words: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct WageWords {
    pub national: String,
    pub nonmetro: String,
    pub intro: String,
    pub row: String,
    pub median: String,
    pub mean: String,
    pub percentiles: String,
    pub middle: String,
    pub employment: String,
    pub quotient: String,
    pub highest: String,
    pub lowest: String,
    pub states: String,
    pub metros: String,
    pub caveat: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DeclineWords {
    pub covers: String,
}

/// The words on the salary chart: row labels and figures beside the marks.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChartWords {
    /// The person's experience band. `{band}`: its name.
    pub band: String,
    /// The national span of every band, without a stated experience.
    pub national: String,
    pub bls_national: String,
    /// `{area}`: the BLS area, shortened.
    pub bls_local: String,
    /// The local row when BLS has no figures for the area.
    pub local_market: String,
    pub estimate: String,
    pub your_pay: String,
    /// Beside a BLS row. `{median}`: in $k.
    pub median: String,
    /// Above the estimate's marker. `{mid}`: in $k.
    pub typical: String,
    /// The offers chart's legend.
    pub offer_base: String,
    pub offer_match: String,
    pub offer_other: String,
    pub offer_pto: String,
    pub offer_national: String,
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
    /// Under a greeting: where to start.
    pub greeting: Vec<String>,
    /// When nothing matched at all.
    pub fallback: Vec<String>,
    pub other_role: Vec<String>,
    pub estimate: Vec<String>,
    /// Under a comparison of places or employer types.
    pub comparison: Vec<String>,
    pub calculation: Vec<String>,
    /// Under job offers side by side.
    pub offers: Vec<String>,
    /// Under a pay figure placed on the national range; the first is the
    /// reply's topic.
    pub pay_figure: Vec<String>,
    /// Under BLS wage figures; the first is their topic.
    pub wages: Vec<String>,
    /// The topic of a ranking of the best-paying places.
    pub wages_highest: Vec<String>,
    /// The topic of a ranking of the lowest-paying places.
    pub wages_lowest: Vec<String>,
}

impl Suggestions {
    pub fn all(&self) -> impl Iterator<Item = &String> {
        self.fallback
            .iter()
            .chain(&self.greeting)
            .chain(&self.other_role)
            .chain(&self.estimate)
            .chain(&self.comparison)
            .chain(&self.calculation)
            .chain(&self.offers)
            .chain(&self.pay_figure)
            .chain(&self.wages)
            .chain(&self.wages_highest)
            .chain(&self.wages_lowest)
    }
}

/// `/help` on Discord: a line, a field per group of commands, and a field
/// of the one-topic commands.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpWords {
    pub intro: String,
    #[serde(rename = "group")]
    pub groups: Vec<HelpGroup>,
    /// The name of the field listing the one-topic commands.
    pub topics: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct HelpGroup {
    pub name: String,
    pub value: String,
}

/// The terminal chat's own lines.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TerminalWords {
    pub welcome: String,
    pub details: String,
    /// The welcome's last line when a Discord token is configured.
    pub token_set: String,
    /// The welcome's last line when none is.
    pub no_token: String,
    pub prompt: String,
    pub goodbye: String,
    /// After the help topic: the chat's commands.
    pub help: String,
}

/// The words of Discord cards that are not in the reply itself.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CardWords {
    /// Under an estimate's figures. `{details}`: the details, joined.
    pub based_on: String,
    /// What joins the details in `based_on`: " · ".
    pub joiner: String,
    /// Heads the factor lines. `{baseline}`: the national median.
    pub factors_from: String,
    /// One factor. `{effect}`: "+$3,480"; `{name}`: "experience".
    pub factor: String,
    /// The button and the title of the full working-out.
    pub working_out: String,
    /// The button and the title of the full citations.
    pub sources: String,
    /// One option of a pay comparison, in its column. `{low}`, `{high}`,
    /// `{mid}`, `{hourly}`.
    pub option: String,
    /// Under an option when BLS has the area. `{median}`.
    pub option_bls: String,
    pub option_prices: String,
    pub estimate_prices: String,
    /// First under the range when the person asked what their own pay is
    /// worth there. `{yours}`, `{place}`, `{theirs}`.
    pub estimate_prices_asked: String,
    /// `/help` on Discord.
    pub help: HelpWords,
    /// After the greeting on Discord, where typing `help` does nothing.
    pub greeting_help: String,
    /// The button under a card too long to show whole.
    pub more: String,
    /// A working-out or sources button whose estimate is no longer kept.
    pub expired: String,
    pub expired_title: String,
}

/// Titles of replies that are not topic answers.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Titles {
    pub estimate: String,
    pub comparison: String,
    pub calculation: String,
    pub offers: String,
    pub compare: String,
    pub pay_figure: String,
    pub not_given: String,
    pub wages: String,
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

    /// A `{word}` careerbot does not fill in would reach people as it is
    /// (a typo such as `{plac}`): report it at its line, with the ones the
    /// sentence can use. Every string in the file is checked, so a new
    /// sentence needs its placeholders listed in [`placeholders_of`].
    fn check_placeholders(&self, source: &SourceText, problems: &mut Problems) {
        let Ok(table) = source.text.parse::<toml::Table>() else {
            return; // the parse itself has reported the problem
        };
        let placeholder = regex::Regex::new(r"\{([^{}\s]{1,40})\}").expect("a valid pattern");
        let mut strings = Vec::new();
        collect_strings(None, &table, &mut strings);
        for (table_name, key, text) in strings {
            let path = table_name
                .as_deref()
                .map_or(key.to_string(), |t| format!("{t}.{key}"));
            let allowed = placeholders_of(&path);
            for found in placeholder.captures_iter(text) {
                let name = &found[1];
                if allowed.contains(&name) {
                    continue;
                }
                let can_use = if allowed.is_empty() {
                    "it takes none".to_string()
                } else {
                    let names: Vec<String> = allowed.iter().map(|a| format!("{{{a}}}")).collect();
                    format!("it can use {}", names.join(", "))
                };
                let table_start = table_name
                    .as_deref()
                    .and_then(|t| source.table_start(t))
                    .unwrap_or(0);
                problems.at(
                    &source.path,
                    Some(source.key_line(table_start, key)),
                    format!("{{{name}}} in {path} is not a value careerbot fills in; {can_use}"),
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

/// Every string in `table` (and in its tables and lists), with the dotted
/// name of the table it sits in and its key.
fn collect_strings<'a>(
    table_name: Option<String>,
    table: &'a toml::Table,
    out: &mut Vec<(Option<String>, &'a str, &'a str)>,
) {
    for (key, value) in table {
        let inner_name = || match &table_name {
            Some(name) => format!("{name}.{key}"),
            None => key.clone(),
        };
        match value {
            toml::Value::String(text) => out.push((table_name.clone(), key, text)),
            toml::Value::Array(items) => {
                for item in items {
                    match item {
                        toml::Value::String(text) => out.push((table_name.clone(), key, text)),
                        // [[shortcut]]: its keys, as if in a table of that name.
                        toml::Value::Table(inner) => {
                            collect_strings(Some(inner_name()), inner, out)
                        }
                        _ => {}
                    }
                }
            }
            toml::Value::Table(inner) => collect_strings(Some(inner_name()), inner, out),
            _ => {}
        }
    }
}

/// The placeholders careerbot fills in for the sentence at `path`
/// (`key`, or `table.key`); none for any other.
fn placeholders_of(path: &str) -> &'static [&'static str] {
    match path {
        "fallback" => &["topics"],
        "other_role" => &["role"],
        "too_long" => &["limit"],
        "using_details" => &["details"],
        "sharpen" => &["missing"],
        "estimate_summary" => &["low", "high", "mid"],
        "estimate_hourly" | "comparison_hourly" => &["low", "high", "mid", "hours"],
        "estimate_national" => &["national"],
        "estimate_start" => &["baseline"],
        "card.based_on" => &["details"],
        "card.factors_from" => &["baseline"],
        "card.factor" => &["effect", "name"],
        "card.option" => &["low", "high", "mid", "hourly"],
        "card.option_bls" => &["median"],
        "estimate_local" => &["year", "area", "median", "range"],
        "estimate_local_range" => &["p25", "p75"],
        "comparison_line" => &["name", "low", "high", "mid", "hourly", "bls", "prices"],
        "comparison_bls" => &["median"],
        "estimate_prices" => &["typical", "place", "rpp", "percent", "year"],
        "estimate_prices_yours" => &["yours", "theirs"],
        "estimate_prices_asked" => &["yours", "theirs", "place", "rpp", "percent", "year"],
        "comparison_prices" | "card.option_prices" | "card.estimate_prices" => {
            &["typical", "percent"]
        }
        "card.estimate_prices_asked" => &["yours", "place", "theirs"],
        "comparison_gap" => &["higher", "lower", "gap", "percent"],
        "comparison_your_pay" => &["name", "position"],
        "comparison_cut" => &["shown", "named"],
        "rate_limited" => &["seconds"],
        "topic_missing" => &["name"],
        "your_pay.below"
        | "your_pay.lower_half"
        | "your_pay.typical"
        | "your_pay.upper_half"
        | "your_pay.above" => &["yours", "gap"],
        "form_errors.experience_range" => &["max"],
        "form_errors.stale_choice" => &["option"],
        "form_errors.unknown_place" => &["place"],
        "form_errors.unknown_certification" | "form_errors.unknown_certification_or_none" => {
            &["name", "known"]
        }
        "form_errors.pay_range" => &["min", "max"],
        "chart.band" => &["band"],
        "chart.bls_local" => &["area"],
        "chart.median" => &["median"],
        "chart.typical" => &["mid"],
        "form_errors.percentage_range" => &["option"],
        "factors.experience_detail" => &["who", "band", "low", "high", "note", "position"],
        "factors.years" | "describe.years" => &["years"],
        "factors.education_detail" | "factors.employer_detail" => &["label", "note"],
        "factors.certifications_detail" => &["held", "note", "cap", "pending"],
        "factors.certifications_cap" => &["cap"],
        "factors.certifications_pending" => &["names"],
        "factors.no_certifications_detail" => &["note", "pending"],
        "factors.supervisory_detail" => &["note"],
        "factors.location_bls" | "factors.location_bls_state" => {
            &["area", "year", "median", "national", "ratio"]
        }
        "factors.location_guide_and_bls" => &[
            "area",
            "guide_low",
            "guide_high",
            "year",
            "median",
            "national",
            "bls_percent",
            "guide_share",
            "bls_share",
            "factor",
        ],
        "factors.location_state_instead" => &["metro", "state"],
        "factors.location_rural_state" => {
            &["state", "areas", "year", "average", "national", "factor"]
        }
        "factors.location_rural_guide" => &["note", "factor"],
        "factors.location_no_wages" => &["area"],
        "factors.location_damping" => &["employer", "kept", "factor"],
        "describe.pending" => &["name"],
        "describe.rural_in" => &["state"],
        "offers.lettered" => &["noun", "mark"],
        "review.title" => &["days", "from", "to", "database"],
        "review.day" => &["date", "answered", "declined", "unsure"],
        "review.votes_line" => &["topic", "up", "down"],
        "review.group_topic" => &["topic", "file", "count"],
        "review.group_off_topic" | "review.group_no_topic" => &["count"],
        "review.question" => &["count", "text"],
        "review.add_phrasing" => &["topic", "file"],
        "review.unhelpful_topic" => &["topic", "count"],
        "offers.ordered" => &["ordinal", "noun"],
        "offers.named_the" => &["name"],
        "offers.at_place" => &["place"],
        "offers.ahead" => &["winner", "margin", "next"],
        "offers.ahead_after_too" => &["winner", "margin", "next", "after"],
        "offers.ahead_turned" => &["winner", "margin", "next", "after_winner", "after"],
        "offers.even" => &["margin"],
        "offers.even_turned" => &["after_winner", "after"],
        "offers.one_read" | "offers.unread" => &["name"],
        "offers.heading" => &["name", "place"],
        "offers.heading_place" => &["place"],
        "offers.base" => &["base"],
        "offers.hourly_base" => &["rate", "hours", "base"],
        "offers.employer_match" => &["amount", "rule"],
        "offers.rule" => &["match", "cap"],
        "offers.rule_tier" | "offers.rule_next" => &["match", "band"],
        "offers.rule_stop" => &["stop"],
        "offers.rule_own" => &["percent"],
        "offers.bonus"
        | "offers.profit_sharing"
        | "offers.stipend"
        | "offers.employer_health"
        | "offers.premium" => &["amount"],
        "offers.bonus_share" | "offers.profit_sharing_share" => &["percent", "amount"],
        "offers.total" => &["total"],
        "offers.pto" => &["days", "amount"],
        "offers.national" => &["amount", "percent"],
        "offers.assumed_for" => &["names", "assumption"],
        "offers.prices_note" => &["year"],
        "offers.unpriced_named" => &["things"],
        "offers.unpriced_thing" => &["benefit", "names"],
        "calculation.base" => &["base"],
        "calculation.contribution" => &["percent", "amount"],
        "calculation.employer_match" => &["match", "cap", "amount", "share"],
        "calculation.assumed_base" => &["base"],
        "calculation.bonus" => &["amount"],
        "calculation.total" => &["total", "parts"],
        "calculation.hourly_base" => &["rate", "hours", "base"],
        "calculation.tiered_match" => &["tiers", "amount", "share"],
        "calculation.first_tier" | "calculation.next_tier" => &["match", "band"],
        "calculation.match_stop" => &["cap"],
        "calculation.bonus_share" | "calculation.profit_sharing_share" => &["percent", "amount"],
        "calculation.profit_sharing"
        | "calculation.stipend"
        | "calculation.employer_health"
        | "calculation.premium" => &["amount"],
        "calculation.pto" => &["days", "amount"],
        "calculation.assumed_cap" => &["cap"],
        "calculation.assumed_match" => &["match", "cap"],
        "calculation.assumed_contribution" => &["percent"],
        "compare.verdicts.pay" => &["winner", "winner_pay", "loser", "loser_pay"],
        path if path.starts_with("compare.verdicts.") => &["winner", "aspect"],
        "pay_figure.below"
        | "pay_figure.lower_half"
        | "pay_figure.typical"
        | "pay_figure.upper_half"
        | "pay_figure.above" => &["pay", "median", "low", "high"],
        "pay_figure.band" => &["band", "low", "high"],
        "not_given.with_subject" => &["what", "subject"],
        "not_given.without_subject" => &["what"],
        "wages.nonmetro" => &["state", "areas"],
        "wages.row" => &["area", "year", "figures"],
        "wages.median" => &["median"],
        "wages.mean" => &["mean"],
        "wages.percentiles" => &["p10", "p90"],
        "wages.middle" => &["p25", "p75"],
        "wages.employment" => &["employment"],
        "wages.quotient" => &["quotient"],
        "wages.highest" | "wages.lowest" => &["of", "year", "list"],
        _ => &[],
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
