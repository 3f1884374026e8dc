//! Wording at the edge: the structured parts of a [`Reply`] (estimate
//! factors and their evidence, comparisons, calculations, declines) put
//! into words from `replies.toml`. Every renderer (terminal, JSON, Discord,
//! chart) words a reply through these functions, so all of them say the
//! same thing.

use crate::compensation::{Assumption, PackageTotal};
use crate::domain::{Experience, dollars, grouped, hourly_dollars, signed_dollars};
use crate::estimate::{Estimate, Evidence, Factor, FactorKind, Missing, PlaceEvidence};
use crate::knowledge::{Replies, fill};
use crate::reply::{
    AreaGroup, ComparedBy, Content, Described, DescribedPlace, EntityComparison, PayFigure,
    PayPosition, PayRange, PlaceComparison, Reply, Verdict, WageTable,
};

/// Pay within this share of an estimate's typical figure counts as typical.
pub const NEAR_TYPICAL_SHARE: f64 = 0.03;

/// A reply in words, in the parts every front end lays out its own way.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sections {
    /// The answer at a glance: an estimate's range, a comparison's verdict.
    pub headline: String,
    /// The main text after the headline.
    pub body: String,
    /// One line per step of the working-out (an estimate's factors).
    pub working_out: Vec<WorkingLine>,
    /// Lines after the main text: details used, caveats, assumptions.
    pub notes: Vec<String>,
}

/// One step of the working-out: a short label and effect for a card, the
/// full explanation for whoever asks.
#[derive(Debug, Clone, PartialEq)]
pub struct WorkingLine {
    /// "Experience".
    pub name: String,
    /// "+$3,480".
    pub effect: String,
    /// "5 years", "Boston", "CMAA": what the step is about, briefly.
    pub subject: String,
    /// The whole explanation, with its sources.
    pub detail: String,
}

impl Sections {
    /// Everything, as light Markdown: headline, body, working-out, notes.
    pub fn full_text(&self, words: &Replies) -> String {
        let mut parts: Vec<String> = vec![
            self.headline.trim().to_string(),
            self.body.trim().to_string(),
        ];
        if !self.working_out.is_empty() {
            let lines: Vec<String> = (self.working_out.iter())
                .map(|l| format!("- {}: {} ({})", l.name, l.effect, l.detail))
                .collect();
            parts.push(format!(
                "**{}**\n{}",
                words.working_out_heading.trim(),
                lines.join("\n")
            ));
        }
        if !self.notes.is_empty() {
            parts.push(self.notes.join("\n"));
        }
        parts.retain(|p| !p.is_empty());
        parts.join("\n\n")
    }
}

/// The reply's sections, worded.
pub fn sections(reply: &Reply, words: &Replies) -> Sections {
    let body = reply.body.trim().to_string();
    match &reply.content {
        Content::Text => Sections {
            body,
            ..Sections::default()
        },
        Content::Estimate(content) => {
            let estimate = &content.estimate;
            let mut main = Vec::new();
            // "What is 50k in Miami at national prices?": the answer first.
            if let Some(prices) = content.prices.as_ref().filter(|p| p.asked)
                && let (Some(theirs), Some(yours)) = (prices.theirs, content.their_pay)
            {
                main.push(fill(
                    &words.estimate_prices_asked,
                    &[
                        ("yours", &dollars(yours)),
                        ("theirs", &dollars(theirs)),
                        ("place", &prices.place),
                        ("rpp", &format!("{:.1}", prices.rpp)),
                        ("percent", &price_percent(prices.rpp)),
                        ("year", &prices.year.to_string()),
                    ],
                ));
            }
            if let Some(hours) = content.hourly {
                main.push(in_hourly(&words.estimate_hourly, estimate, hours));
            }
            if let Some(pay) = content.their_pay {
                main.push(pay_position(words, pay, estimate));
            }
            let working = working_out(estimate, words);
            let start = match (&content.national, working.is_empty()) {
                (Some(national), true) => fill(&words.estimate_national, &[("national", national)]),
                _ => fill(
                    &words.estimate_start,
                    &[("baseline", &dollars(estimate.baseline))],
                ),
            };
            main.push(start);
            if let Some(line) = local_line(words, estimate, content.bls_year) {
                main.push(line);
            }
            // "Is it expensive to live in Boston?" with no figure of their
            // own: what the estimate buys there comes first.
            let prices_first =
                content.prices.as_ref().is_some_and(|p| p.asked) && content.their_pay.is_none();
            let mut priced = None;
            if let Some(prices) = &content.prices {
                let mut line = fill(
                    &words.estimate_prices,
                    &[
                        ("typical", &dollars(prices.typical)),
                        ("place", &prices.place),
                        ("rpp", &format!("{:.1}", prices.rpp)),
                        ("percent", &price_percent(prices.rpp)),
                        ("year", &prices.year.to_string()),
                    ],
                );
                if let (Some(theirs), Some(yours), false) =
                    (prices.theirs, content.their_pay, prices.asked)
                {
                    line.push(' ');
                    line.push_str(&fill(
                        &words.estimate_prices_yours,
                        &[("yours", &dollars(yours)), ("theirs", &dollars(theirs))],
                    ));
                }
                priced = Some(line);
            }
            match (priced, prices_first) {
                (Some(line), true) => main.insert(0, line),
                (Some(line), false) => main.push(line),
                (None, _) => {}
            }
            if !body.is_empty() {
                main.push(body);
            }
            let mut notes = estimate_notes(words, &content.used, &estimate.missing);
            if content.from_empty_form {
                notes.push(words.salary_refine.clone());
            }
            Sections {
                headline: summary(words, estimate),
                body: main.join("\n\n"),
                working_out: working,
                notes,
            }
        }
        Content::PlaceComparison(comparison) => place_comparison(words, comparison, body),
        Content::EntityComparison(comparison) => entity_comparison(words, comparison, body),
        Content::Calculation(total) => calculation(words, total),
        Content::Offers(comparison) => super::offers::sections(words, comparison),
        Content::PayFigure(figure) => pay_figure(words, figure),
        Content::NotGiven(not_given) => {
            let what = match (not_given.cost, not_given.duration) {
                (true, true) => &words.not_given.both_words,
                (false, true) => &words.not_given.duration_words,
                _ => &words.not_given.cost_words,
            };
            let headline = match &not_given.subject {
                Some(subject) => fill(
                    &words.not_given.with_subject,
                    &[("what", what), ("subject", subject)],
                ),
                None => fill(&words.not_given.without_subject, &[("what", what)]),
            };
            let body = match body.is_empty() {
                true => body,
                false => format!("{}\n\n{body}", words.not_given.what_it_says),
            };
            Sections {
                headline,
                body,
                ..Sections::default()
            }
        }
        Content::Wages(table) => wages(words, table),
        Content::Decline(decline) => {
            let mut parts = Vec::new();
            if let Some(reason) = &decline.reason {
                parts.push(reason.clone());
            }
            if let Some(role) = &decline.other_role {
                parts.push(fill(&words.other_role, &[("role", role)]));
            } else {
                parts.push(words.decline.covers.clone());
            }
            if !body.is_empty() {
                parts.push(body);
            }
            Sections {
                body: parts.join("\n\n"),
                ..Sections::default()
            }
        }
    }
}

/// The reply's whole text, as the terminal and the JSON contract show it.
pub fn full_text(reply: &Reply, words: &Replies) -> String {
    sections(reply, words).full_text(words)
}

/// "$56,000 to $71,600 a year, most likely around $63,780."
pub fn summary(words: &Replies, estimate: &Estimate) -> String {
    fill(
        &words.estimate_summary,
        &[
            ("low", &dollars(estimate.low)),
            ("high", &dollars(estimate.high)),
            ("mid", &dollars(estimate.mid)),
        ],
    )
}

/// A template filled with an estimate's figures by the hour.
pub fn in_hourly(template: &str, estimate: &Estimate, hours: f64) -> String {
    fill(
        template,
        &[
            ("low", &hourly_dollars(estimate.low, hours)),
            ("high", &hourly_dollars(estimate.high, hours)),
            ("mid", &hourly_dollars(estimate.mid, hours)),
            ("hours", &grouped(hours.round() as u64)),
        ],
    )
}

/// Where a pay figure sits against a range.
pub fn position_of(pay: i64, low: i64, mid: i64, high: i64) -> PayPosition {
    let near = (mid as f64 * NEAR_TYPICAL_SHARE).round() as i64;
    if pay < low {
        PayPosition::Below
    } else if pay > high {
        PayPosition::Above
    } else if (pay - mid).abs() <= near {
        PayPosition::Typical
    } else if pay < mid {
        PayPosition::LowerHalf
    } else {
        PayPosition::UpperHalf
    }
}

/// Where the person's own pay sits against an estimate, in words.
pub fn pay_position(words: &Replies, pay: i64, estimate: &Estimate) -> String {
    let w = &words.your_pay;
    let position = position_of(pay, estimate.low, estimate.mid, estimate.high);
    let (template, gap) = match position {
        PayPosition::Below => (&w.below, estimate.low - pay),
        PayPosition::Above => (&w.above, pay - estimate.high),
        PayPosition::Typical => (&w.typical, 0),
        PayPosition::LowerHalf => (&w.lower_half, estimate.mid - pay),
        PayPosition::UpperHalf => (&w.upper_half, pay - estimate.mid),
    };
    fill(
        template,
        &[("yours", &dollars(pay)), ("gap", &dollars(gap))],
    )
}

fn local_line(words: &Replies, estimate: &Estimate, year: u16) -> Option<String> {
    let local = estimate.local.as_ref()?;
    let median = local.median?;
    let range = match (local.p25, local.p75) {
        (Some(p25), Some(p75)) => fill(
            &words.estimate_local_range,
            &[("p25", &dollars(p25 as i64)), ("p75", &dollars(p75 as i64))],
        ),
        _ => String::new(),
    };
    Some(fill(
        &words.estimate_local,
        &[
            ("year", &year.to_string()),
            ("area", &local.area),
            ("median", &dollars(median as i64)),
            ("range", &range),
        ],
    ))
}

/// The lines under an estimate: the details it used, what would sharpen
/// it, and the caveats.
fn estimate_notes(words: &Replies, used: &Described, missing: &[Missing]) -> Vec<String> {
    let mut notes = Vec::new();
    let described = describe(words, used);
    if !described.is_empty() {
        notes.push(fill(
            &words.using_details,
            &[("details", &described.join(", "))],
        ));
    }
    if !missing.is_empty() {
        notes.push(fill(
            &words.sharpen,
            &[("missing", &missing_words(words, missing))],
        ));
    }
    notes.extend(words.estimate_caveats.iter().cloned());
    notes
}

/// The details used, one piece each: "5 years of experience", "CMAA".
pub fn describe(words: &Replies, used: &Described) -> Vec<String> {
    let w = &words.describe;
    let mut pieces = Vec::new();
    match used.experience {
        Some(Experience::Years(years)) => {
            pieces.push(fill(&w.years, &[("years", &years_text(years))]))
        }
        Some(Experience::Entry) => pieces.push(w.entry_level.clone()),
        Some(Experience::Mid) => pieces.push(w.mid_level.clone()),
        Some(Experience::Senior) => pieces.push(w.senior_level.clone()),
        None => {}
    }
    pieces.extend(used.education.iter().cloned());
    pieces.extend(used.certifications.iter().cloned());
    for name in &used.pending_certifications {
        pieces.push(fill(&w.pending, &[("name", name)]));
    }
    if used.no_certifications {
        pieces.push(w.no_certifications.clone());
    }
    match &used.place {
        Some(DescribedPlace::Named(name)) => pieces.push(name.clone()),
        Some(DescribedPlace::Rural(Some(state))) => {
            pieces.push(fill(&w.rural_in, &[("state", state)]))
        }
        Some(DescribedPlace::Rural(None)) => pieces.push(w.rural.clone()),
        None => {}
    }
    pieces.extend(used.employer.iter().cloned());
    if used.supervisory {
        pieces.push(w.supervisory.clone());
    }
    pieces
}

/// "education or city or state".
pub fn missing_words(words: &Replies, missing: &[Missing]) -> String {
    let w = &words.missing;
    let names: Vec<&str> = missing
        .iter()
        .map(|m| match m {
            Missing::Experience => w.experience.as_str(),
            Missing::Education => w.education.as_str(),
            Missing::Certifications => w.certifications.as_str(),
            Missing::Location => w.location.as_str(),
            Missing::Employer => w.employer.as_str(),
        })
        .collect();
    match names.as_slice() {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} {} {last}", init.join(", "), w.or),
    }
}

/// Every factor of an estimate, worded.
pub fn working_out(estimate: &Estimate, words: &Replies) -> Vec<WorkingLine> {
    estimate
        .factors
        .iter()
        .map(|factor| WorkingLine {
            name: factor_name(words, factor.kind).to_string(),
            effect: signed_dollars(factor.effect),
            subject: factor_subject(words, factor),
            detail: factor_detail(words, factor),
        })
        .collect()
}

pub fn factor_name(words: &Replies, kind: FactorKind) -> &str {
    let w = &words.factors;
    match kind {
        FactorKind::Experience => &w.experience,
        FactorKind::Education => &w.education,
        FactorKind::Certifications => &w.certifications,
        FactorKind::Supervisory => &w.supervisory,
        FactorKind::Location => &w.location,
        FactorKind::Employer => &w.employer,
    }
}

/// What a factor is about, briefly: "5 years", "Boston", "CMAA".
pub fn factor_subject(words: &Replies, factor: &Factor) -> String {
    match &factor.evidence {
        Evidence::Experience { said, .. } => match said {
            Experience::Years(years) => years_text(*years),
            Experience::Entry => words.factors.entry_level.clone(),
            Experience::Mid => words.factors.mid_level.clone(),
            Experience::Senior => words.factors.senior_level.clone(),
        },
        Evidence::Education { label, .. } => label.clone(),
        Evidence::Employer { name, .. } => name.clone(),
        Evidence::Certifications { held, .. } => held.join(", "),
        Evidence::NoCertifications { .. } => words.describe.no_certifications.clone(),
        Evidence::Supervisory { .. } => words.describe.supervisory.clone(),
        Evidence::Location { place, .. } => place_subject(words, place),
    }
}

fn place_subject(words: &Replies, place: &PlaceEvidence) -> String {
    match place {
        PlaceEvidence::Bls { area, .. }
        | PlaceEvidence::GuideAndBls { area, .. }
        | PlaceEvidence::NoWages { area } => short_place(area),
        PlaceEvidence::StateInstead { metro, .. } => short_place(metro),
        PlaceEvidence::RuralState { state, .. } => {
            fill(&words.describe.rural_in, &[("state", state)])
        }
        PlaceEvidence::RuralGuide { .. } => words.describe.rural.clone(),
    }
}

/// "Boston-Cambridge-Newton, MA-NH" → "Boston"; a state stays whole.
pub fn short_place(area: &str) -> String {
    match area.rsplit_once(", ") {
        Some((cities, _)) => cities
            .split(['-', '/'])
            .next()
            .unwrap_or(cities)
            .trim()
            .to_string(),
        None => area.to_string(),
    }
}

/// The whole explanation of a factor, with its sources.
pub fn factor_detail(words: &Replies, factor: &Factor) -> String {
    let w = &words.factors;
    match &factor.evidence {
        Evidence::Experience {
            said,
            band,
            low,
            high,
            note,
            position,
        } => {
            let who = match said {
                Experience::Years(years) => fill(&w.years, &[("years", &years_text(*years))]),
                Experience::Entry => w.entry_level.clone(),
                Experience::Mid => w.mid_level.clone(),
                Experience::Senior => w.senior_level.clone(),
            };
            fill(
                &w.experience_detail,
                &[
                    ("who", &who),
                    ("band", band),
                    ("low", &dollars(*low)),
                    ("high", &dollars(*high)),
                    ("note", note),
                    ("position", &dollars(*position)),
                ],
            )
        }
        Evidence::Education { label, note } => fill(
            &w.education_detail,
            &[("label", &capitalized(label)), ("note", note)],
        ),
        Evidence::Certifications {
            held,
            pending,
            note,
            capped_at,
        } => {
            let cap = capped_at.map_or(String::new(), |cap| {
                fill(&w.certifications_cap, &[("cap", &dollars(cap))])
            });
            fill(
                &w.certifications_detail,
                &[
                    ("held", &held.join(", ")),
                    ("note", note),
                    ("cap", &cap),
                    ("pending", &pending_text(words, pending)),
                ],
            )
        }
        Evidence::NoCertifications { pending, note } => fill(
            &w.no_certifications_detail,
            &[("note", note), ("pending", &pending_text(words, pending))],
        ),
        Evidence::Supervisory { note } => fill(&w.supervisory_detail, &[("note", note)]),
        Evidence::Location { place, damping } => {
            let mut text = place_detail(words, place);
            if let Some(damping) = damping {
                text.push_str(&fill(
                    &w.location_damping,
                    &[
                        ("employer", &damping.employer),
                        ("kept", &format!("{:.0}", damping.kept * 100.0)),
                        ("factor", &format!("{:.3}", damping.factor)),
                    ],
                ));
            }
            text
        }
        Evidence::Employer { label, note, .. } => fill(
            &w.employer_detail,
            &[("label", &capitalized(label)), ("note", note)],
        ),
    }
}

fn pending_text(words: &Replies, pending: &[String]) -> String {
    match pending.is_empty() {
        true => String::new(),
        false => fill(
            &words.factors.certifications_pending,
            &[("names", &pending.join(" and "))],
        ),
    }
}

pub fn place_detail(words: &Replies, place: &PlaceEvidence) -> String {
    let w = &words.factors;
    match place {
        PlaceEvidence::Bls {
            area,
            statewide,
            median,
            national,
            ratio,
            year,
        } => fill(
            if *statewide {
                &w.location_bls_state
            } else {
                &w.location_bls
            },
            &[
                ("area", area),
                ("year", &year.to_string()),
                ("median", &dollars(*median)),
                ("national", &dollars(*national)),
                ("ratio", &format!("{ratio:.3}")),
            ],
        ),
        PlaceEvidence::GuideAndBls {
            area,
            guide_low_pct,
            guide_high_pct,
            median,
            national,
            bls_ratio,
            guide_weight,
            factor,
            year,
        } => fill(
            &w.location_guide_and_bls,
            &[
                ("area", area),
                ("guide_low", &format!("{guide_low_pct:.0}")),
                ("guide_high", &format!("{guide_high_pct:.0}")),
                ("year", &year.to_string()),
                ("median", &dollars(*median)),
                ("national", &dollars(*national)),
                (
                    "bls_percent",
                    &format!("{:+.0}%", (bls_ratio - 1.0) * 100.0),
                ),
                ("guide_share", &format!("{:.0}", guide_weight * 100.0)),
                ("bls_share", &format!("{:.0}", (1.0 - guide_weight) * 100.0)),
                ("factor", &format!("{factor:.3}")),
            ],
        ),
        PlaceEvidence::StateInstead { metro, state } => fill(
            &w.location_state_instead,
            &[("metro", metro), ("state", &place_detail(words, state))],
        ),
        PlaceEvidence::RuralState {
            state,
            areas,
            average,
            national,
            factor,
            year,
        } => fill(
            &w.location_rural_state,
            &[
                ("state", state),
                ("areas", &areas.to_string()),
                ("year", &year.to_string()),
                ("average", &dollars(*average)),
                ("national", &dollars(*national)),
                ("factor", &format!("{factor:.3}")),
            ],
        ),
        PlaceEvidence::RuralGuide { note, factor } => fill(
            &w.location_rural_guide,
            &[("note", note), ("factor", &format!("{factor:.2}"))],
        ),
        PlaceEvidence::NoWages { area } => fill(&w.location_no_wages, &[("area", area)]),
    }
}

fn place_comparison(words: &Replies, comparison: &PlaceComparison, body: String) -> Sections {
    let intro = match comparison.by {
        ComparedBy::Place => &words.comparison_places,
        ComparedBy::Employer => &words.comparison_employers,
    };
    let mut lines = vec![intro.clone()];
    for option in &comparison.options {
        let estimate = &option.estimate;
        let hourly = comparison.hourly.map_or(String::new(), |hours| {
            in_hourly(&words.comparison_hourly, estimate, hours)
        });
        let bls = option.bls_median.map_or(String::new(), |median| {
            fill(&words.comparison_bls, &[("median", &dollars(median))])
        });
        let prices = (option.prices.as_ref()).map_or(String::new(), |p| {
            fill(
                &words.comparison_prices,
                &[
                    ("typical", &dollars(p.typical)),
                    ("percent", &price_percent(p.rpp)),
                ],
            )
        });
        lines.push(fill(
            &words.comparison_line,
            &[
                ("name", &option.name),
                ("low", &dollars(estimate.low)),
                ("high", &dollars(estimate.high)),
                ("mid", &dollars(estimate.mid)),
                ("hourly", &hourly),
                ("bls", &bls),
                ("prices", &prices),
            ],
        ));
    }
    let highest = comparison.options.iter().max_by_key(|o| o.estimate.mid);
    let lowest = comparison.options.iter().min_by_key(|o| o.estimate.mid);
    let headline = match (highest, lowest) {
        (Some(top), Some(bottom)) => {
            let gap = top.estimate.mid - bottom.estimate.mid;
            if gap == 0 {
                words.comparison_even.clone()
            } else {
                let percent = (gap as f64 / bottom.estimate.mid.max(1) as f64 * 100.0).round();
                fill(
                    &words.comparison_gap,
                    &[
                        ("higher", &top.name),
                        ("lower", &bottom.name),
                        ("gap", &dollars(gap)),
                        ("percent", &format!("{percent:.0}%")),
                    ],
                )
            }
        }
        _ => String::new(),
    };
    let mut main = vec![lines.join("\n")];
    if let Some(pay) = comparison.their_pay {
        for option in &comparison.options {
            let position = pay_position(words, pay, &option.estimate);
            main.push(fill(
                &words.comparison_your_pay,
                &[("name", &option.name), ("position", &position)],
            ));
        }
    }
    if !body.is_empty() {
        main.push(body);
    }
    let mut notes = Vec::new();
    if comparison.named > comparison.options.len() {
        notes.push(fill(
            &words.comparison_cut,
            &[
                ("shown", &comparison.options.len().to_string()),
                ("named", &comparison.named.to_string()),
            ],
        ));
    }
    notes.extend(estimate_notes(words, &comparison.used, &comparison.missing));
    Sections {
        headline,
        body: main.join("\n\n"),
        working_out: Vec::new(),
        notes,
    }
}

fn entity_comparison(words: &Replies, comparison: &EntityComparison, body: String) -> Sections {
    let compare = &words.compare;
    let headline = match &comparison.verdict {
        Verdict::Pay {
            winner,
            winner_pay,
            loser,
            loser_pay,
        } => fill(
            compare.verdicts.get("pay").map_or("", String::as_str),
            &[
                ("winner", winner),
                ("winner_pay", &pay_range(winner_pay)),
                ("loser", loser),
                ("loser_pay", &pay_range(loser_pay)),
            ],
        ),
        Verdict::Rank { aspect, winner } => fill(
            compare.verdicts.get(aspect).map_or("", String::as_str),
            &[("winner", winner), ("aspect", compare.aspect(aspect))],
        ),
        Verdict::Even { aspect } => fill(
            compare.verdicts.get("even").map_or("", String::as_str),
            &[("aspect", compare.aspect(aspect))],
        ),
        Verdict::NoBasis => compare
            .verdicts
            .get("no_basis")
            .cloned()
            .unwrap_or_default(),
    };
    let mut blocks = Vec::new();
    for option in &comparison.options {
        let name = match &option.full_name {
            Some(full) => format!("**{}** ({full})", option.name),
            None => format!("**{}**", option.name),
        };
        let facts: Vec<String> = (option.facts.iter())
            .map(|(aspect, fact)| format!("- {}: {fact}", compare.aspect(aspect)))
            .collect();
        blocks.push(format!("{name}\n{}", facts.join("\n")));
    }
    if !body.is_empty() {
        blocks.push(body);
    }
    Sections {
        headline,
        body: blocks.join("\n\n"),
        ..Sections::default()
    }
}

/// "$42,000+", "$35,000–$38,000", "$56,000–$70,000".
pub fn pay_range(range: &PayRange) -> String {
    match (range.low, range.high) {
        (Some(low), Some(high)) => format!("{}–{}", dollars(low), dollars(high)),
        (Some(low), None) => format!("{}+", dollars(low)),
        (None, Some(high)) => format!("up to {}", dollars(high)),
        (None, None) => String::new(),
    }
}

fn calculation(words: &Replies, total: &PackageTotal) -> Sections {
    let w = &words.calculation;
    let base_line = match total.hourly {
        Some(hourly) => fill(
            &w.hourly_base,
            &[
                ("rate", &format!("${:.2}", hourly.rate)),
                ("hours", &grouped(hourly.hours_per_year.round() as u64)),
                ("base", &dollars(total.base)),
            ],
        ),
        None => fill(&w.base, &[("base", &dollars(total.base))]),
    };
    let mut lines = vec![format!("- {base_line}")];
    if total.match_pct > 0.0 || total.contribution_pct > 0.0 {
        lines.push(format!(
            "- {}",
            fill(
                &w.contribution,
                &[
                    ("percent", &trim_number(total.contribution_pct)),
                    ("amount", &dollars(total.employee_contribution)),
                ],
            )
        ));
        let share = trim_number(round_to(total.match_share_pct, 2));
        let amount = signed_dollars(total.employer_match);
        let matched = if total.next_tiers.is_empty() {
            fill(
                &w.employer_match,
                &[
                    ("match", &trim_number(total.match_pct)),
                    ("cap", &trim_number(total.cap_pct)),
                    ("amount", &amount),
                    ("share", &share),
                ],
            )
        } else {
            let tiers: Vec<String> = std::iter::once((total.match_pct, total.cap_pct))
                .chain(total.next_tiers.iter().map(|t| (t.rate_pct, t.band_pct)))
                .enumerate()
                .map(|(i, (rate, band))| {
                    let template = if i == 0 { &w.first_tier } else { &w.next_tier };
                    fill(
                        template,
                        &[("match", &trim_number(rate)), ("band", &trim_number(band))],
                    )
                })
                .collect();
            fill(
                &w.tiered_match,
                &[
                    ("tiers", &tiers.join(&w.tier_join)),
                    ("amount", &amount),
                    ("share", &share),
                ],
            )
        };
        lines.push(format!("- {matched}"));
    }
    if let Some(stop) = total.match_cap_dollars {
        lines.push(format!(
            "- {}",
            fill(&w.match_stop, &[("cap", &dollars(stop))])
        ));
    }
    let share_or_amount =
        |share: Option<f64>, by_share: &str, by_amount: &str, amount: i64| match share {
            Some(pct) => fill(
                by_share,
                &[
                    ("percent", &trim_number(pct)),
                    ("amount", &signed_dollars(amount)),
                ],
            ),
            None => fill(by_amount, &[("amount", &signed_dollars(amount))]),
        };
    if total.bonus > 0 {
        let line = share_or_amount(total.bonus_pct, &w.bonus_share, &w.bonus, total.bonus);
        lines.push(format!("- {line}"));
    }
    if total.profit_sharing > 0 {
        let line = share_or_amount(
            total.profit_sharing_pct,
            &w.profit_sharing_share,
            &w.profit_sharing,
            total.profit_sharing,
        );
        lines.push(format!("- {line}"));
    }
    for (amount, template) in [
        (total.stipend, &w.stipend),
        (total.employer_health, &w.employer_health),
    ] {
        if amount > 0 {
            lines.push(format!(
                "- {}",
                fill(template, &[("amount", &signed_dollars(amount))])
            ));
        }
    }
    if total.premium > 0 {
        lines.push(format!(
            "- {}",
            fill(&w.premium, &[("amount", &signed_dollars(-total.premium))])
        ));
    }
    if let Some(days) = total.pto_days {
        lines.push(format!(
            "- {}",
            fill(
                &w.pto,
                &[
                    ("days", &trim_number(days)),
                    ("amount", &dollars(total.pto_value)),
                ],
            )
        ));
    }
    let mut notes: Vec<String> = (total.assumptions.iter())
        .map(|a| assumption_line(words, a))
        .collect();
    notes.extend(words.calculator_notes.iter().cloned());
    Sections {
        headline: fill(
            &w.total,
            &[
                ("total", &dollars(total.total)),
                ("parts", &total_parts(&w.parts, total)),
            ],
        ),
        body: lines.join("\n"),
        working_out: Vec::new(),
        notes,
    }
}

/// A bonus or profit-sharing line: as a share of pay when it was given as
/// one ("a 5% bonus, $2,300"), else as the amount alone.
pub(super) fn share_or_amount(
    share: Option<f64>,
    by_share: &str,
    by_amount: &str,
    amount: i64,
) -> String {
    match share {
        Some(pct) => fill(
            by_share,
            &[
                ("percent", &trim_number(pct)),
                ("amount", &signed_dollars(amount)),
            ],
        ),
        None => fill(by_amount, &[("amount", &signed_dollars(amount))]),
    }
}

/// How far a price level is from the U.S. average: "+8.3%", "-5.3%".
pub fn price_percent(rpp: f64) -> String {
    format!("{:+.1}%", rpp - 100.0)
}

/// An assumption a calculation made, in words.
pub fn assumption_line(words: &Replies, assumption: &Assumption) -> String {
    let w = &words.calculation;
    match assumption {
        Assumption::CommonCap { cap_pct } => {
            fill(&w.assumed_cap, &[("cap", &trim_number(*cap_pct))])
        }
        Assumption::CommonMatch { match_pct, cap_pct } => fill(
            &w.assumed_match,
            &[
                ("match", &trim_number(*match_pct)),
                ("cap", &trim_number(*cap_pct)),
            ],
        ),
        Assumption::FullContribution { contribution_pct } => fill(
            &w.assumed_contribution,
            &[("percent", &trim_number(*contribution_pct))],
        ),
        Assumption::MedianBase { base } => fill(&w.assumed_base, &[("base", &dollars(*base))]),
    }
}

/// What a total adds up: "base + employer match + bonus − your premium".
fn total_parts(parts: &crate::knowledge::CalculationParts, total: &PackageTotal) -> String {
    let mut text = parts.base.clone();
    for (amount, name) in [
        (total.employer_match, &parts.employer_match),
        (total.bonus, &parts.bonus),
        (total.profit_sharing, &parts.profit_sharing),
        (total.stipend, &parts.stipend),
        (total.employer_health, &parts.employer_health),
    ] {
        if amount > 0 {
            text.push_str(&parts.plus);
            text.push_str(name);
        }
    }
    if total.premium > 0 {
        text.push_str(&parts.minus);
        text.push_str(&parts.premium);
    }
    text
}

fn round_to(value: f64, places: i32) -> f64 {
    let scale = 10f64.powi(places);
    (value * scale).round() / scale
}

fn pay_figure(words: &Replies, figure: &PayFigure) -> Sections {
    let w = &words.pay_figure;
    let template = match figure.position {
        PayPosition::Below => &w.below,
        PayPosition::LowerHalf => &w.lower_half,
        PayPosition::Typical => &w.typical,
        PayPosition::UpperHalf => &w.upper_half,
        PayPosition::Above => &w.above,
    };
    let headline = fill(
        template,
        &[
            ("pay", &dollars(figure.pay)),
            ("median", &dollars(figure.national_median)),
            ("low", &dollars(figure.national_low)),
            ("high", &dollars(figure.national_high)),
        ],
    );
    let body = figure
        .band
        .as_ref()
        .map_or(String::new(), |(band, low, high)| {
            fill(
                &w.band,
                &[
                    ("band", band),
                    ("low", &dollars(*low)),
                    ("high", &dollars(*high)),
                ],
            )
        });
    Sections {
        headline,
        body,
        working_out: Vec::new(),
        notes: vec![w.sharpen.clone()],
    }
}

fn wages(words: &Replies, table: &WageTable) -> Sections {
    let w = &words.wages;
    let body = match table {
        WageTable::Rows { rows } => {
            let lines: Vec<String> = (rows.iter())
                .map(|row| {
                    let money = |v: Option<i64>| v.map(dollars);
                    let mut figures = Vec::new();
                    if let Some(median) = money(row.median) {
                        figures.push(fill(&w.median, &[("median", &median)]));
                    }
                    if let Some(mean) = money(row.mean) {
                        figures.push(fill(&w.mean, &[("mean", &mean)]));
                    }
                    if let (Some(p25), Some(p75)) = (money(row.p25), money(row.p75)) {
                        figures.push(fill(&w.middle, &[("p25", &p25), ("p75", &p75)]));
                    }
                    if let (Some(p10), Some(p90)) = (money(row.p10), money(row.p90)) {
                        figures.push(fill(&w.percentiles, &[("p10", &p10), ("p90", &p90)]));
                    }
                    if let Some(employment) = row.employment {
                        figures.push(fill(
                            &w.employment,
                            &[("employment", &grouped(employment.unsigned_abs()))],
                        ));
                    }
                    if let Some(quotient) = row.location_quotient {
                        figures.push(fill(
                            &w.quotient,
                            &[("quotient", &format!("{quotient:.2}"))],
                        ));
                    }
                    fill(
                        &w.row,
                        &[
                            ("area", &row.area),
                            ("year", &row.year.to_string()),
                            ("figures", &figures.join("; ")),
                        ],
                    )
                })
                .collect();
            lines.join("\n")
        }
        WageTable::Ranked {
            of,
            year,
            highest,
            lowest,
        } => {
            let of = match of {
                AreaGroup::States => &w.states,
                AreaGroup::Metros => &w.metros,
            };
            let list = |areas: &[(String, i64)]| {
                (areas.iter())
                    .map(|(name, median)| format!("{name} {}", dollars(*median)))
                    .collect::<Vec<_>>()
                    .join("; ")
            };
            let year = year.to_string();
            let line = |template: &str, areas: &[(String, i64)]| {
                fill(
                    template,
                    &[("of", of), ("year", &year), ("list", &list(areas))],
                )
            };
            format!(
                "{}\n\n{}",
                line(&w.highest, highest),
                line(&w.lowest, lowest)
            )
        }
    };
    Sections {
        headline: w.intro.clone(),
        body,
        working_out: Vec::new(),
        notes: vec![w.caveat.clone()],
    }
}

pub(crate) fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

fn years_text(years: f64) -> String {
    if years == 1.0 {
        "1 year".to_string()
    } else if years.fract() == 0.0 {
        format!("{years:.0} years")
    } else {
        format!("{years:.1} years")
    }
}

/// The first letter in capitals.
fn capitalized(text: &str) -> String {
    crate::render::fit::capitalized(text)
}
