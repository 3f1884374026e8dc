//! The salary estimator: a person's profile in, a low/mid/high estimate out,
//! with every factor's effect in dollars and the evidence behind it.
//!
//! The estimate starts at the national median and applies, in order:
//! experience, education, certifications, supervisory duties (each adds
//! dollars), then location and employer type (each multiplies). Every number
//! comes from `salary_model.toml` and the BLS tables.
//!
//! Factors are data (a kind, an effect, the evidence), not sentences: the
//! renderers word them from `replies.toml`.

use crate::domain::{Experience, Place, Profile, round_to};
use crate::knowledge::{AreaWages, KnowledgeBase};
use serde::Serialize;

/// What a step of an estimate is about.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum FactorKind {
    Experience,
    Education,
    Certifications,
    Supervisory,
    Location,
    Employer,
}

/// One step of an estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Factor {
    pub kind: FactorKind,
    /// Dollars a year this step adds (negative: takes away).
    pub effect: i64,
    pub evidence: Evidence,
}

/// Why a factor has the effect it has. Text fields hold knowledge (labels
/// and sourced notes from the knowledge base); the sentences around them
/// come from `replies.toml` when the reply is rendered.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Evidence {
    Experience {
        said: Experience,
        /// The band's label and the guide's range for it.
        band: String,
        low: i64,
        high: i64,
        note: String,
        /// Where in the band the years put the person, in dollars.
        position: i64,
    },
    Education {
        label: String,
        note: String,
    },
    Certifications {
        /// Names of the certifications held.
        held: Vec<String>,
        /// Named but not held yet ("working toward").
        pending: Vec<String>,
        note: String,
        /// Set when several together were capped at the model's maximum.
        capped_at: Option<i64>,
    },
    NoCertifications {
        pending: Vec<String>,
        note: String,
    },
    Supervisory {
        note: String,
    },
    Location {
        place: PlaceEvidence,
        /// An employer that passes on only part of the local difference.
        damping: Option<Damping>,
    },
    Employer {
        label: String,
        /// The type's short name, for a card: "Private PT clinic".
        name: String,
        note: String,
    },
}

/// How a place's multiplier was reached.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum PlaceEvidence {
    /// The BLS median for the area over the national median.
    Bls {
        area: String,
        statewide: bool,
        median: i64,
        national: i64,
        ratio: f64,
        year: u16,
    },
    /// The guide names its own premium for the metro, and BLS has one too.
    GuideAndBls {
        area: String,
        guide_low_pct: f64,
        guide_high_pct: f64,
        median: i64,
        national: i64,
        bls_ratio: f64,
        guide_weight: f64,
        factor: f64,
        year: u16,
    },
    /// BLS published nothing for the metro, so its state stands in.
    StateInstead {
        metro: String,
        state: Box<PlaceEvidence>,
    },
    /// The average of a state's BLS nonmetropolitan areas.
    RuralState {
        state: String,
        areas: usize,
        average: i64,
        national: i64,
        factor: f64,
        year: u16,
    },
    /// Rural with no state: the guide's discount.
    RuralGuide { note: String, factor: f64 },
    /// BLS published no wages for the area: the national level.
    NoWages { area: String },
}

/// A chain passing on only part of a local premium.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Damping {
    /// The employer type's label.
    pub employer: String,
    /// The share of the local difference kept, 0 to 1.
    pub kept: f64,
    /// The location factor after damping.
    pub factor: f64,
}

/// A detail that was not given and would sharpen the estimate.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Missing {
    Experience,
    Education,
    Certifications,
    Location,
    Employer,
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
    /// Details not given that would sharpen the estimate.
    pub missing: Vec<Missing>,
    pub local: Option<LocalWages>,
}

/// A location's multiplier and how it was reached.
#[derive(Debug, Clone, PartialEq)]
pub struct LocationFactor {
    pub factor: f64,
    pub evidence: PlaceEvidence,
    pub local: Option<LocalWages>,
}

/// Estimate pay for the given profile.
pub fn estimate(kb: &KnowledgeBase, details: &Profile) -> Estimate {
    let model = &kb.model;
    let entities = &kb.entities;
    let baseline = model.national.median;
    let mut sources: Vec<String> = model.national.sources.clone();
    let mut factors: Vec<Factor> = Vec::new();
    let mut missing: Vec<Missing> = Vec::new();
    let mut running = baseline as f64;
    let mut spread = (model.national.high - model.national.low) as f64 / 2.0 / baseline as f64;

    // Experience: a position inside the guide's band.
    match details.experience {
        Some(experience) => {
            let last = &model.experience[model.experience.len() - 1];
            let (band, years) = match experience {
                Experience::Years(years) => (model.band_for_years(years), Some(years)),
                Experience::Entry => (&model.experience[0], Some(0.0)),
                Experience::Mid => (model.band("mid").unwrap_or(last), None),
                Experience::Senior => (model.band("senior").unwrap_or(last), None),
            };
            let progress = years.map_or(0.5, |years| {
                ((years - band.from_years) / (band.to_years - band.from_years)).clamp(0.0, 1.0)
            });
            let position = 0.5 - model.position_spread / 2.0 + model.position_spread * progress;
            let value = band.low as f64 + (band.high - band.low) as f64 * position;
            spread = (band.high - band.low) as f64 / 2.0 / ((band.low + band.high) as f64 / 2.0);
            let effect = round_to(value - running, 10);
            factors.push(Factor {
                kind: FactorKind::Experience,
                effect,
                evidence: Evidence::Experience {
                    said: experience,
                    band: band.label.clone(),
                    low: band.low,
                    high: band.high,
                    note: band.note.clone(),
                    position: round_to(value, 10),
                },
            });
            running += effect as f64;
            extend_unique(&mut sources, &band.sources);
        }
        None => missing.push(Missing::Experience),
    }

    // Education.
    match details
        .education
        .as_ref()
        .and_then(|id| Some((model.education_level(id)?, entities.education(id)?)))
    {
        Some((level, entity)) => {
            factors.push(Factor {
                kind: FactorKind::Education,
                effect: level.effect,
                evidence: Evidence::Education {
                    label: entity.label.clone(),
                    note: level.note.clone(),
                },
            });
            running += level.effect as f64;
            extend_unique(&mut sources, &level.sources);
        }
        None => missing.push(Missing::Education),
    }

    // Certifications: they add up, to the model's cap.
    let held: Vec<_> = (details.certifications.iter())
        .filter_map(|id| Some((model.certification(id)?, entities.certification(id)?)))
        .collect();
    let pending: Vec<String> = (details.pending_certifications.iter())
        .filter_map(|id| entities.certification(id))
        .map(|c| c.name.clone())
        .collect();
    let rules = &model.certification_rules;
    if !held.is_empty() {
        let total: i64 = held.iter().map(|(c, _)| c.effect).sum();
        let effect = total.min(rules.max_total);
        factors.push(Factor {
            kind: FactorKind::Certifications,
            effect,
            evidence: Evidence::Certifications {
                held: held.iter().map(|(_, e)| e.name.clone()).collect(),
                pending,
                note: rules.note.clone(),
                capped_at: (total > effect).then_some(rules.max_total),
            },
        });
        running += effect as f64;
        for (cert, _) in &held {
            extend_unique(&mut sources, &cert.sources);
        }
    } else if details.no_certifications || !pending.is_empty() {
        factors.push(Factor {
            kind: FactorKind::Certifications,
            effect: 0,
            evidence: Evidence::NoCertifications {
                pending,
                note: rules.none_note.clone(),
            },
        });
        extend_unique(&mut sources, &["guide".to_string()]);
    } else {
        missing.push(Missing::Certifications);
    }

    if details.supervisory {
        let supervisory = &model.supervisory;
        factors.push(Factor {
            kind: FactorKind::Supervisory,
            effect: supervisory.effect,
            evidence: Evidence::Supervisory {
                note: supervisory.note.clone(),
            },
        });
        running += supervisory.effect as f64;
        extend_unique(&mut sources, &supervisory.sources);
    }

    let employer = (details.employer.as_ref())
        .and_then(|id| Some((model.employer(id)?, entities.employer(id)?)));

    // Location multiplies what came before.
    let mut local = None;
    match &details.location {
        Some(place) => {
            let location = location_factor(kb, place);
            let mut factor = location.factor;
            let damping = employer
                .filter(|(e, _)| e.location_damping > 0.0)
                .map(|(e, entity)| {
                    let kept = 1.0 - e.location_damping;
                    factor = 1.0 + (factor - 1.0) * kept;
                    Damping {
                        employer: entity.label.clone(),
                        kept,
                        factor,
                    }
                });
            let effect = round_to(running * (factor - 1.0), 10);
            factors.push(Factor {
                kind: FactorKind::Location,
                effect,
                evidence: Evidence::Location {
                    place: location.evidence,
                    damping,
                },
            });
            running += effect as f64;
            local = location.local;
            extend_unique(&mut sources, &model.location.sources);
        }
        None => missing.push(Missing::Location),
    }

    // Employer type multiplies too.
    match employer {
        Some((employer, entity)) => {
            let effect = round_to(running * (employer.factor - 1.0), 10);
            factors.push(Factor {
                kind: FactorKind::Employer,
                effect,
                evidence: Evidence::Employer {
                    label: entity.label.clone(),
                    name: entity.name.clone(),
                    note: employer.note.clone(),
                },
            });
            extend_unique(&mut sources, &employer.sources);
        }
        None => missing.push(Missing::Employer),
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
    let year = location.bls_year;
    let national = kb
        .wages
        .national_for(year)
        .and_then(|n| n.annual_median)
        .map(f64::from);
    let median_of = |area: &AreaWages| area.annual_median.or(area.annual_mean);
    let ratio_of =
        |area: &AreaWages| -> Option<f64> { Some(f64::from(median_of(area)?) / national?) };
    let local_of = |area: &AreaWages| LocalWages {
        area: area.name.clone(),
        median: area.annual_median,
        p10: area.annual_p10,
        p25: area.annual_p25,
        p75: area.annual_p75,
        p90: area.annual_p90,
    };
    let national_dollars = national.unwrap_or(0.0).round() as i64;
    let bls = |area: &AreaWages, ratio: f64, statewide: bool| PlaceEvidence::Bls {
        area: area.name.clone(),
        statewide,
        median: i64::from(median_of(area).unwrap_or(0)),
        national: national_dollars,
        ratio,
        year,
    };
    match place {
        Place::Metro { code, name } => {
            let Some(area) = kb.wages.metro(code) else {
                return no_wages(name);
            };
            let guide = location.guide_metros.iter().find(|g| &g.cbsa == code);
            match (ratio_of(area), guide) {
                (Some(ratio), Some(guide)) => {
                    let guide_factor = 1.0 + (guide.low_pct + guide.high_pct) / 200.0;
                    let w = location.guide_weight;
                    let factor = w * guide_factor + (1.0 - w) * ratio;
                    LocationFactor {
                        factor,
                        evidence: PlaceEvidence::GuideAndBls {
                            area: area.name.clone(),
                            guide_low_pct: guide.low_pct,
                            guide_high_pct: guide.high_pct,
                            median: i64::from(median_of(area).unwrap_or(0)),
                            national: national_dollars,
                            bls_ratio: ratio,
                            guide_weight: w,
                            factor,
                            year,
                        },
                        local: Some(local_of(area)),
                    }
                }
                (Some(ratio), None) => LocationFactor {
                    factor: ratio,
                    evidence: bls(area, ratio, false),
                    local: Some(local_of(area)),
                },
                (None, _) => match area.states.first() {
                    // BLS published no wages for this metro: use its state.
                    Some(state) => {
                        let fallback = location_factor(
                            kb,
                            &Place::State {
                                abbrev: state.clone(),
                                name: state.clone(),
                            },
                        );
                        LocationFactor {
                            evidence: PlaceEvidence::StateInstead {
                                metro: area.name.clone(),
                                state: Box::new(fallback.evidence),
                            },
                            ..fallback
                        }
                    }
                    None => no_wages(&area.name),
                },
            }
        }
        Place::State { abbrev, name } => match kb.wages.state(abbrev) {
            Some(area) => match ratio_of(area) {
                Some(ratio) => LocationFactor {
                    factor: ratio,
                    evidence: bls(area, ratio, true),
                    local: Some(local_of(area)),
                },
                None => no_wages(&area.name),
            },
            None => no_wages(name),
        },
        Place::Rural { state } => {
            let medians: Vec<f64> = (state.as_deref())
                .map(|s| kb.wages.nonmetro_in(s).collect::<Vec<_>>())
                .unwrap_or_default()
                .iter()
                .filter_map(|a| a.annual_median.map(f64::from))
                .collect();
            match (national, medians.is_empty(), state) {
                (Some(national), false, Some(state)) => {
                    let average = medians.iter().sum::<f64>() / medians.len() as f64;
                    let factor = average / national;
                    LocationFactor {
                        factor,
                        evidence: PlaceEvidence::RuralState {
                            state: (kb.wages.state(state))
                                .map_or_else(|| state.clone(), |s| s.name.clone()),
                            areas: medians.len(),
                            average: average.round() as i64,
                            national: national.round() as i64,
                            factor,
                            year,
                        },
                        local: None,
                    }
                }
                _ => LocationFactor {
                    factor: location.rural_factor,
                    evidence: PlaceEvidence::RuralGuide {
                        note: location.rural_note.clone(),
                        factor: location.rural_factor,
                    },
                    local: None,
                },
            }
        }
    }
}

fn no_wages(name: &str) -> LocationFactor {
    LocationFactor {
        factor: 1.0,
        evidence: PlaceEvidence::NoWages {
            area: name.to_string(),
        },
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
