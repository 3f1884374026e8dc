//! From what Discord hands us to what the engine reads: slash-command
//! options become [`Profile`] or a [`PackageQuestion`], message text becomes
//! a question, and partly typed options become autocomplete choices.
//!
//! Plain functions over plain values: the poise handlers pass their typed
//! options in, and tests call these directly.

use crate::compensation::PackageQuestion;
use crate::domain::EntityKind;
pub use crate::domain::MAX_EXPERIENCE_YEARS;
use crate::domain::PAY_RANGE;
use crate::domain::{Place, Profile};
use crate::engine::{Engine, Field, ProfileError, ProfileInput};
use crate::knowledge::{AreaWages, Entity, KnowledgeBase, fill};
use crate::understanding::normalize;

/// Discord's limit on an autocomplete reply's choices.
pub const MAX_CHOICES: usize = 25;
/// Discord's limit on a choice's name and (string) value.
pub const MAX_CHOICE_CHARS: usize = 100;

/// The options of `/salary`, as Discord delivered them. Education and
/// employer are indexes into the salary model's lists, because poise sends
/// a choice as its position.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct SalaryForm {
    pub experience: Option<u32>,
    pub education: Option<u32>,
    /// An autocomplete value (`metro:14460`, `state:MA`, `rural`) or
    /// whatever the person typed.
    pub location: Option<String>,
    pub employer: Option<u32>,
    /// One or more certifications, separated by commas, or "none".
    pub certifications: Option<String>,
    /// The person's own yearly pay, to place on the estimate.
    pub pay: Option<i64>,
}

impl SalaryForm {
    pub fn is_empty(&self) -> bool {
        *self == SalaryForm::default()
    }
}

/// The options of `/benefits`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct BenefitsForm {
    pub base: i64,
    pub contribution_pct: Option<f64>,
    pub match_pct: Option<f64>,
    pub cap_pct: Option<f64>,
    pub bonus: Option<i64>,
}

/// An option value the engine cannot use. What the person is told is worded
/// in `replies.toml` (`[form_errors]`), so [`FormError::wording`] needs the
/// knowledge base.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FormError {
    /// `experience` above [`MAX_EXPERIENCE_YEARS`].
    ExperienceOutOfRange,
    /// A choice index the knowledge base no longer has (it changed since the
    /// commands were registered). `option` names the option.
    StaleChoice { option: &'static str },
    /// A `location` that names no place we know.
    UnknownPlace { typed: String },
    /// A certification we do not know; `none_allowed` when "none" is also
    /// an answer (`/salary`).
    UnknownCertification { typed: String, none_allowed: bool },
    /// `base` of zero or less.
    BaseNotPositive,
    /// `pay` outside [`PAY_RANGE`](crate::domain::PAY_RANGE).
    PayOutOfRange,
    /// A percentage option outside 0 to 100. `option` names it.
    PercentageOutOfRange { option: &'static str },
    /// A negative `bonus`.
    NegativeBonus,
}

impl FormError {
    /// What to tell the person, from `replies.toml`, with what they typed
    /// clipped to a readable length.
    pub fn wording(&self, kb: &KnowledgeBase) -> String {
        let templates = &kb.replies.form_errors;
        let known_certifications = || {
            (kb.entities.of_kind(EntityKind::Certification).iter())
                .map(|c| c.name.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            FormError::ExperienceOutOfRange => fill(
                &templates.experience_range,
                &[("max", &MAX_EXPERIENCE_YEARS.to_string())],
            ),
            FormError::StaleChoice { option } => {
                fill(&templates.stale_choice, &[("option", option)])
            }
            FormError::UnknownPlace { typed } => {
                fill(&templates.unknown_place, &[("place", &clip(typed, 60))])
            }
            FormError::UnknownCertification {
                typed,
                none_allowed,
            } => {
                let template = if *none_allowed {
                    &templates.unknown_certification_or_none
                } else {
                    &templates.unknown_certification
                };
                fill(
                    template,
                    &[
                        ("name", &clip(typed, 60)),
                        ("known", &known_certifications()),
                    ],
                )
            }
            FormError::BaseNotPositive => templates.base_not_positive.clone(),
            FormError::PayOutOfRange => fill(
                &templates.pay_range,
                &[
                    ("min", &PAY_RANGE.start().to_string()),
                    ("max", &PAY_RANGE.end().to_string()),
                ],
            ),
            FormError::PercentageOutOfRange { option } => {
                fill(&templates.percentage_range, &[("option", option)])
            }
            FormError::NegativeBonus => templates.negative_bonus.clone(),
        }
    }
}

/// One autocomplete suggestion: what the person sees, and what we get back.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Choice {
    pub name: String,
    pub value: String,
}

/// The person's own pay from a `/salary` form, if given and sensible.
pub fn salary_pay(form: &SalaryForm) -> Result<Option<i64>, FormError> {
    match form.pay {
        Some(pay) if !PAY_RANGE.contains(&pay) => Err(FormError::PayOutOfRange),
        pay => Ok(pay),
    }
}

/// The details a `/salary` form gives, resolved by the engine with the
/// same limits as the chat and the command line. The location option is
/// one of our autocomplete values or free text.
pub fn salary_details(engine: &Engine, form: &SalaryForm) -> Result<Profile, FormError> {
    let entities = &engine.knowledge().entities;
    let choice = |kind: EntityKind, index: Option<u32>, option: &'static str| match index {
        Some(index) => (entities.of_kind(kind).get(index as usize))
            .map(|e| Some(e.id.id.clone()))
            .ok_or(FormError::StaleChoice { option }),
        None => Ok(None),
    };
    let input = ProfileInput {
        words: None,
        experience_years: form.experience.map(f64::from),
        education: choice(EntityKind::Education, form.education, "education")?,
        location: None,
        employer: choice(EntityKind::Employer, form.employer, "employer")?,
        certifications: form.certifications.clone(),
        pay: None,
    };
    let mut details = engine
        .resolve_profile(&input)
        .map_err(|error| match error {
            ProfileError::ExperienceRange => FormError::ExperienceOutOfRange,
            ProfileError::PayRange => FormError::PayOutOfRange,
            ProfileError::Unknown {
                what: Field::Certifications,
                typed,
            } => FormError::UnknownCertification {
                typed,
                none_allowed: true,
            },
            ProfileError::Unknown { what, .. } => FormError::StaleChoice {
                option: match what {
                    Field::Education => "education",
                    _ => "employer",
                },
            },
        })?;
    if let Some(text) = form
        .location
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        details.location = Some(location_from_option(engine, text)?);
    }
    Ok(details)
}

/// A place from the `location` option: one of our autocomplete values, or
/// free text read the way the chat reads it.
pub fn location_from_option(engine: &Engine, text: &str) -> Result<Place, FormError> {
    let wages = &engine.knowledge().wages;
    let unknown = || FormError::UnknownPlace {
        typed: text.to_string(),
    };
    if let Some(code) = text.strip_prefix("metro:") {
        let area = wages.metro(code).ok_or_else(unknown)?;
        return Ok(Place::Metro {
            code: area.code.clone(),
            name: area.name.clone(),
        });
    }
    if let Some(abbrev) = text.strip_prefix("state:") {
        let area = wages.state(abbrev).ok_or_else(unknown)?;
        return Ok(Place::State {
            abbrev: abbrev.to_string(),
            name: area.name.clone(),
        });
    }
    if text == RURAL_VALUE {
        return Ok(Place::Rural { state: None });
    }
    engine.read_details(text).location.ok_or_else(unknown)
}

/// The autocomplete value for "I hold no certification".
const NONE_VALUE: &str = "none";

/// The autocomplete value for "rural, no state given".
const RURAL_VALUE: &str = "rural";

/// The package a `/benefits` form describes.
pub fn package_question(form: &BenefitsForm) -> Result<PackageQuestion, FormError> {
    if form.base <= 0 {
        return Err(FormError::BaseNotPositive);
    }
    for (name, value) in [
        ("contribution", form.contribution_pct),
        ("match", form.match_pct),
        ("cap", form.cap_pct),
    ] {
        if let Some(v) = value
            && !(0.0..=100.0).contains(&v)
        {
            return Err(FormError::PercentageOutOfRange { option: name });
        }
    }
    if form.bonus.is_some_and(|b| b < 0) {
        return Err(FormError::NegativeBonus);
    }
    Ok(PackageQuestion {
        base: Some(form.base),
        contribution_pct: form.contribution_pct,
        match_pct: form.match_pct,
        cap_pct: form.cap_pct,
        bonus: form.bonus.map(crate::compensation::Amount::Dollars),
        mentions_retirement: form.contribution_pct.is_some()
            || form.match_pct.is_some()
            || form.cap_pct.is_some(),
        ..PackageQuestion::default()
    })
}

/// The question in a message addressed to the bot: the text without the
/// mentions of the bot itself (`<@id>` or `<@!id>`).
pub fn question_from_message(content: &str, bot_id: u64) -> String {
    let plain = format!("<@{bot_id}>");
    let nick = format!("<@!{bot_id}>");
    content
        .replace(&plain, " ")
        .replace(&nick, " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Where a message came from, as far as deciding to answer it goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MessageContext {
    pub author_is_bot: bool,
    pub is_direct_message: bool,
    pub mentions_bot: bool,
    pub in_answer_channel: bool,
}

/// Whether the bot answers a message: never other bots (nor itself); always
/// DMs and mentions; everything in the configured answer channels.
pub fn should_answer(message: MessageContext) -> bool {
    !message.author_is_bot
        && (message.is_direct_message || message.mentions_bot || message.in_answer_channel)
}

/// Autocomplete for `location`: metros and states whose names contain what
/// was typed, best first. With nothing typed, the largest metros.
pub fn location_choices(kb: &KnowledgeBase, partial: &str) -> Vec<Choice> {
    let wanted = normalize(partial);
    let wanted = wanted.trim();
    let metro_choice = |area: &AreaWages| Choice {
        name: clip(&area.name, MAX_CHOICE_CHARS),
        value: format!("metro:{}", area.code),
    };
    let state_abbrev = |area: &AreaWages| area.states.first().cloned().unwrap_or_default();
    let state_choice = |area: &AreaWages| Choice {
        name: clip(&format!("{} (whole state)", area.name), MAX_CHOICE_CHARS),
        value: format!("state:{}", state_abbrev(area)),
    };
    if wanted.is_empty() {
        let mut metros: Vec<&AreaWages> = kb.wages.metros.iter().collect();
        metros.sort_by_key(|a| std::cmp::Reverse(a.employment.unwrap_or(0)));
        return metros
            .into_iter()
            .take(MAX_CHOICES)
            .map(metro_choice)
            .collect();
    }
    // Rank: a name that starts with the text, then a word that does, then
    // anywhere in the name; states before metros at equal rank, since a
    // state name is the more likely meaning of what was typed.
    let mut ranked: Vec<(u8, u8, Choice)> = Vec::new();
    let rank = |name: &str| -> Option<u8> {
        let name = normalize(name);
        if name.starts_with(wanted) {
            Some(0)
        } else if name
            .match_indices(wanted)
            .any(|(i, _)| !name[..i].ends_with(|c: char| c.is_alphanumeric()))
        {
            Some(1)
        } else if name.contains(wanted) {
            Some(2)
        } else {
            None
        }
    };
    for area in &kb.wages.states {
        let abbrev = state_abbrev(area);
        let by_abbrev = abbrev.eq_ignore_ascii_case(wanted).then_some(0);
        if let Some(r) = by_abbrev.or_else(|| rank(&area.name)) {
            ranked.push((r, 0, state_choice(area)));
        }
    }
    for area in &kb.wages.metros {
        if let Some(r) = rank(&area.name) {
            ranked.push((r, 1, metro_choice(area)));
        }
    }
    for rural in &kb.places.rural {
        if rural.starts_with(wanted) {
            ranked.push((
                0,
                2,
                Choice {
                    name: "Rural area or small town (no state)".into(),
                    value: RURAL_VALUE.into(),
                },
            ));
            break;
        }
    }
    ranked.sort_by(|a, b| (a.0, a.1, &a.2.name).cmp(&(b.0, b.1, &b.2.name)));
    ranked
        .into_iter()
        .take(MAX_CHOICES)
        .map(|(_, _, c)| c)
        .collect()
}

/// Autocomplete for `/salary certifications`: completes the last of a
/// comma-separated list, keeping the ones before it.
pub fn certification_list_choices(kb: &KnowledgeBase, partial: &str) -> Vec<Choice> {
    let (done, last) = match partial.rfind(',') {
        Some(i) => (&partial[..i], partial[i + 1..].trim()),
        None => ("", partial.trim()),
    };
    let done: Vec<String> = done
        .split(',')
        .map(|s| s.trim().to_uppercase())
        .filter(|s| !s.is_empty())
        .collect();
    let mut choices: Vec<Choice> = ranked_certifications(kb, last)
        .into_iter()
        .filter(|c| !done.contains(&c.id.id.to_uppercase()))
        .map(|c| {
            let list: Vec<String> = done
                .iter()
                .cloned()
                .chain([c.id.id.to_uppercase()])
                .collect();
            let value = list.join(", ");
            let name = if done.is_empty() {
                c.display_name()
            } else {
                value.clone()
            };
            Choice {
                name: clip(&name, MAX_CHOICE_CHARS),
                value: clip(&value, MAX_CHOICE_CHARS),
            }
        })
        .collect();
    if done.is_empty() && NONE_VALUE.starts_with(&last.to_lowercase()) {
        choices.push(Choice {
            name: "None yet".into(),
            value: NONE_VALUE.into(),
        });
    }
    choices.truncate(MAX_CHOICES);
    choices
}

/// Autocomplete for `/certs name`: one certification.
pub fn certification_choices(kb: &KnowledgeBase, partial: &str) -> Vec<Choice> {
    ranked_certifications(kb, partial)
        .into_iter()
        .take(MAX_CHOICES)
        .map(|c| Choice {
            name: clip(&c.display_name(), MAX_CHOICE_CHARS),
            value: c.id.id.clone(),
        })
        .collect()
}

/// The certifications matching what was typed: those whose id starts with
/// it first, then those with a word of their name starting with it.
fn ranked_certifications<'a>(kb: &'a KnowledgeBase, typed: &str) -> Vec<&'a Entity> {
    let typed = typed.trim().to_lowercase();
    let certifications = kb.entities.of_kind(EntityKind::Certification);
    let by_id: Vec<_> = certifications
        .iter()
        .filter(|c| c.id.id.to_lowercase().starts_with(&typed))
        .collect();
    if !by_id.is_empty() {
        return by_id;
    }
    certifications
        .iter()
        .filter(|c| {
            c.display_name()
                .to_lowercase()
                .split(|ch: char| !ch.is_alphanumeric())
                .any(|word| word.starts_with(&typed))
        })
        .collect()
}

/// The entry for `/certs name`: the named certification's topic, or the
/// certifications overview when no name is given.
pub fn certification_topic(engine: &Engine, name: Option<&str>) -> Result<String, FormError> {
    let entities = &engine.knowledge().entities;
    let Some(name) = name.map(str::trim).filter(|n| !n.is_empty()) else {
        return Ok(entities
            .overview(EntityKind::Certification)
            .unwrap_or_default()
            .to_string());
    };
    let by_id = (entities.of_kind(EntityKind::Certification).iter())
        .find(|c| c.id.id.eq_ignore_ascii_case(name));
    let by_text = || {
        let found = engine.read_details(name);
        let id = found
            .certifications
            .first()
            .or(found.pending_certifications.first())?
            .clone();
        entities.certification(&id)
    };
    match by_id.or_else(by_text) {
        Some(cert) => Ok(cert.entry.clone()),
        None => Err(FormError::UnknownCertification {
            typed: name.to_string(),
            none_allowed: false,
        }),
    }
}

/// `text` cut to `max` characters, ending in "…" when cut.
fn clip(text: &str, max: usize) -> String {
    crate::render::fit::truncate(text, max)
}
