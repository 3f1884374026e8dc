//! The salary estimator: a person's details in, a low/mid/high estimate out,
//! with every factor's effect in dollars and words.
//!
//! The estimate starts at the national median and applies, in order:
//! experience, education, certifications, supervisory duties (each adds
//! dollars), then location and employer type (each multiplies). Every number
//! comes from `salary_model.toml` and the BLS tables.

use crate::domain::{Experience, Place, Profile, dollars, round_to};
use crate::knowledge::{AreaWages, KnowledgeBase};
use serde::Serialize;

/// One step of an estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    /// What the step is about: "Experience", "Location"...
    pub name: String,
    /// Why it has the effect it has, with its source.
    pub detail: String,
    /// Dollars a year this step adds (negative: takes away).
    pub effect: i64,
}

/// BLS figures for the person's area, shown beside the estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LocalWages {
    pub area: String,
    pub median: Option<u32>,
    pub p10: Option<u32>,
    pub p25: Option<u32>,
    pub p75: Option<u32>,
    pub p90: Option<u32>,
}

/// A salary estimate in US dollars a year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Estimate {
    pub low: i64,
    pub mid: i64,
    pub high: i64,
    /// Where the estimate starts: the national median.
    pub baseline: i64,
    pub factors: Vec<Factor>,
    /// Source ids behind the factors used.
    pub sources: Vec<String>,
    /// Profile that were not given and would sharpen the estimate.
    pub missing: Vec<&'static str>,
    pub local: Option<LocalWages>,
}

/// A location's multiplier and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationFactor {
    pub factor: f64,
    pub detail: String,
    pub local: Option<LocalWages>,
}

/// Estimate pay for the given details.
pub fn estimate(kb: &KnowledgeBase, details: &Profile) -> Estimate {
    let model = &kb.model;
    let baseline = model.national.median;
    let mut sources: Vec<String> = model.national.sources.clone();
    let mut factors: Vec<Factor> = Vec::new();
    let mut missing: Vec<&'static str> = Vec::new();
    let mut running = baseline as f64;
    let mut spread = (model.national.high - model.national.low) as f64 / 2.0 / baseline as f64;

    // Experience: a position inside the guide's band.
    match details.experience {
        Some(experience) => {
            let (band, years) = match experience {
                Experience::Years(years) => (model.band_for_years(years), Some(years)),
                Experience::Entry => (&model.experience[0], Some(0.0)),
                Experience::Senior => (
                    model
                        .band("senior")
                        .unwrap_or(&model.experience[model.experience.len() - 1]),
                    None,
                ),
            };
            let progress = years.map_or(0.5, |years| {
                ((years - band.from_years) / (band.to_years - band.from_years)).clamp(0.0, 1.0)
            });
            let position = 0.5 - model.position_spread / 2.0 + model.position_spread * progress;
            let value = band.low as f64 + (band.high - band.low) as f64 * position;
            spread = (band.high - band.low) as f64 / 2.0 / ((band.low + band.high) as f64 / 2.0);
            let who = match (experience, years) {
                (Experience::Years(y), _) => format!("{} of experience", years_text(y)),
                (Experience::Entry, _) => "entry level".to_string(),
                _ => "senior or lead".to_string(),
            };
            let effect = round_to(value - running, 10);
            factors.push(Factor {
                name: "Experience".into(),
                detail: format!(
                    "{who}: the {} band, {}-{} ({}); you sit at about {}",
                    band.label,
                    dollars(band.low),
                    dollars(band.high),
                    band.note,
                    dollars(round_to(value, 10)),
                ),
                effect,
            });
            running += effect as f64;
            extend_unique(&mut sources, &band.sources);
        }
        None => missing.push("years of experience"),
    }

    // Education.
    match details
        .education
        .as_ref()
        .and_then(|id| model.education_level(id))
    {
        Some(level) => {
            factors.push(Factor {
                name: "Education".into(),
                detail: format!("{}: {}", capitalize(&level.label), level.note),
                effect: level.effect,
            });
            running += level.effect as f64;
            extend_unique(&mut sources, &level.sources);
        }
        None => missing.push("education"),
    }

    // Certifications: they add up, to the model's cap.
    let held: Vec<_> = details
        .certifications
        .iter()
        .filter_map(|id| model.certification(id))
        .collect();
    let pending: Vec<String> = details
        .pending_certifications
        .iter()
        .filter_map(|id| model.certification(id))
        .map(|c| short_name(&c.label))
        .collect();
    let pending_note = if pending.is_empty() {
        String::new()
    } else {
        format!("; {} not counted until you hold it", pending.join(" and "))
    };
    if !held.is_empty() {
        let total: i64 = held.iter().map(|c| c.effect).sum();
        let effect = total.min(model.certification_rules.max_total);
        let names: Vec<String> = held.iter().map(|c| c.label.clone()).collect();
        let cap_note = if total > effect {
            format!(
                " (together capped at {}, the guide's top figure)",
                dollars(model.certification_rules.max_total)
            )
        } else {
            String::new()
        };
        factors.push(Factor {
            name: "Certifications".into(),
            detail: format!(
                "{}: {}{cap_note}{pending_note}",
                names.join(", "),
                model.certification_rules.note
            ),
            effect,
        });
        running += effect as f64;
        for cert in &held {
            extend_unique(&mut sources, &cert.sources);
        }
    } else if details.no_certifications || !pending.is_empty() {
        factors.push(Factor {
            name: "Certifications".into(),
            detail: format!(
                "none held yet: {}{pending_note}",
                model.certification_rules.none_note
            ),
            effect: 0,
        });
        extend_unique(&mut sources, &["guide".to_string()]);
    } else {
        missing.push("certifications");
    }

    if details.supervisory {
        let supervisory = &model.supervisory;
        factors.push(Factor {
            name: "Supervisory duties".into(),
            detail: format!("office manager or staff lead: {}", supervisory.note),
            effect: supervisory.effect,
        });
        running += supervisory.effect as f64;
        extend_unique(&mut sources, &supervisory.sources);
    }

    let employer = details.employer.as_ref().and_then(|id| model.employer(id));

    // Location multiplies what came before.
    let mut local = None;
    match &details.location {
        Some(place) => {
            let mut location = location_factor(kb, place);
            if let Some(employer) = employer.filter(|e| e.location_damping > 0.0) {
                let kept = 1.0 - employer.location_damping;
                location.factor = 1.0 + (location.factor - 1.0) * kept;
                location.detail.push_str(&format!(
                    "; at a {} careerbot keeps {:.0}% of the local difference, giving ×{:.3}",
                    employer.label,
                    kept * 100.0,
                    location.factor
                ));
            }
            let effect = round_to(running * (location.factor - 1.0), 10);
            factors.push(Factor {
                name: "Location".into(),
                detail: location.detail,
                effect,
            });
            running += effect as f64;
            local = location.local;
            extend_unique(&mut sources, &model.location.sources);
        }
        None => missing.push("city or state"),
    }

    // Employer type multiplies too.
    match employer {
        Some(employer) => {
            let effect = round_to(running * (employer.factor - 1.0), 10);
            factors.push(Factor {
                name: "Employer".into(),
                detail: format!("{}: {}", capitalize(&employer.label), employer.note),
                effect,
            });
            extend_unique(&mut sources, &employer.sources);
        }
        None => {
            missing.push("type of employer (hospital, private clinic, chain or specialty clinic)")
        }
    }

    let mid = baseline + factors.iter().map(|f| f.effect).sum::<i64>();
    Estimate {
        low: round_to(mid as f64 * (1.0 - spread), 100),
        mid,
        high: round_to(mid as f64 * (1.0 + spread), 100),
        baseline,
        factors,
        sources,
        missing,
        local,
    }
}

/// The multiplier for a place: the BLS local median over the national
/// median, blended with the guide's own premium where it names the metro.
pub fn location_factor(kb: &KnowledgeBase, place: &Place) -> LocationFactor {
    let location = &kb.model.location;
    let national = kb
        .wages
        .national_for(location.bls_year)
        .and_then(|n| n.annual_median)
        .map(f64::from);
    let bls = |area: &AreaWages| -> Option<f64> {
        Some(f64::from(area.annual_median.or(area.annual_mean)?) / national?)
    };
    let local_of = |area: &AreaWages| LocalWages {
        area: area.name.clone(),
        median: area.annual_median,
        p10: area.annual_p10,
        p25: area.annual_p25,
        p75: area.annual_p75,
        p90: area.annual_p90,
    };
    let national_text = national.map_or_else(String::new, |n| {
        format!(" against the national {}", dollars(n as i64))
    });
    let bls_detail = |label: &str, area: &AreaWages, ratio: f64| {
        format!(
            "{label}: BLS OEWS (May {}) median {}{national_text}: ×{ratio:.3}",
            location.bls_year,
            dollars(area.annual_median.or(area.annual_mean).unwrap_or(0) as i64),
        )
    };
    match place {
        Place::Metro { code, name } => {
            let Some(area) = kb.wages.metro(code) else {
                return unknown_area(name);
            };
            let guide = location.guide_metros.iter().find(|g| &g.cbsa == code);
            match (bls(area), guide) {
                (Some(ratio), Some(guide)) => {
                    let guide_factor = 1.0 + (guide.low_pct + guide.high_pct) / 200.0;
                    let w = location.guide_weight;
                    let factor = w * guide_factor + (1.0 - w) * ratio;
                    LocationFactor {
                        factor,
                        detail: format!(
                            "{}: the sources disagree. The career guide says {:.0}-{:.0}% above average (late 2023/early 2024); BLS OEWS (May {}) has a median of {}{}, {:+.0}%. careerbot weighs them {:.0}/{:.0}: ×{:.3}",
                            area.name,
                            guide.low_pct,
                            guide.high_pct,
                            location.bls_year,
                            dollars(area.annual_median.or(area.annual_mean).unwrap_or(0) as i64),
                            national_text,
                            (ratio - 1.0) * 100.0,
                            w * 100.0,
                            (1.0 - w) * 100.0,
                            factor
                        ),
                        local: Some(local_of(area)),
                    }
                }
                (Some(ratio), None) => LocationFactor {
                    factor: ratio,
                    detail: bls_detail(&area.name, area, ratio),
                    local: Some(local_of(area)),
                },
                (None, _) => {
                    // BLS published no wages for this metro: use its state.
                    match area.states.first() {
                        Some(state) => {
                            let mut fallback = location_factor(
                                kb,
                                &Place::State {
                                    abbrev: state.clone(),
                                    name: state.clone(),
                                },
                            );
                            fallback.detail = format!(
                                "{}: BLS published no wages for this metro, so its state is used. {}",
                                area.name, fallback.detail
                            );
                            fallback
                        }
                        None => unknown_area(&area.name),
                    }
                }
            }
        }
        Place::State { abbrev, name } => match kb.wages.state(abbrev) {
            Some(area) => match bls(area) {
                Some(ratio) => LocationFactor {
                    factor: ratio,
                    detail: bls_detail(&format!("{} (statewide)", area.name), area, ratio),
                    local: Some(local_of(area)),
                },
                None => unknown_area(&area.name),
            },
            None => unknown_area(name),
        },
        Place::Rural { state } => {
            let areas: Vec<&AreaWages> = state
                .as_deref()
                .map(|s| kb.wages.nonmetro_in(s).collect())
                .unwrap_or_default();
            let medians: Vec<f64> = areas
                .iter()
                .filter_map(|a| a.annual_median.map(f64::from))
                .collect();
            match (national, medians.is_empty(), state) {
                (Some(national), false, Some(state)) => {
                    let average = medians.iter().sum::<f64>() / medians.len() as f64;
                    let factor = average / national;
                    LocationFactor {
                        factor,
                        detail: format!(
                            "rural {state}: the average median of its {} BLS nonmetropolitan areas (May {}) is {}{}: ×{:.3}",
                            medians.len(),
                            location.bls_year,
                            dollars(average.round() as i64),
                            national_text,
                            factor
                        ),
                        local: None,
                    }
                }
                _ => LocationFactor {
                    factor: location.rural_factor,
                    detail: format!(
                        "rural area: {}: ×{:.2}",
                        location.rural_note, location.rural_factor
                    ),
                    local: None,
                },
            }
        }
    }
}

fn unknown_area(name: &str) -> LocationFactor {
    LocationFactor {
        factor: 1.0,
        detail: format!("{name}: BLS published no wages here, so the national level is used"),
        local: None,
    }
}

fn extend_unique(list: &mut Vec<String>, more: &[String]) {
    for item in more {
        if !list.contains(item) {
            list.push(item.clone());
        }
    }
}

/// "CMAA (Certified ...)" → "CMAA".
fn short_name(label: &str) -> String {
    label.split(" (").next().unwrap_or(label).to_string()
}

fn capitalize(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
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
