//! The salary model: the numbers behind every estimate, kept as data in
//! `knowledge/salary_model.toml` so a non-programmer can adjust them.
//!
//! It holds numbers only. The names of education levels, certifications,
//! employer types and experience levels, and every word for them, are in
//! their registries (`knowledge/entities/`), keyed by the same ids.

use super::problems::{Problems, SourceText};
use crate::domain::{CertificationId, EducationId, EmployerId};
use serde::Deserialize;
use std::ops::RangeInclusive;
use toml::Spanned;

/// The national picture used when a person gives no experience.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NationalBaseline {
    pub median: i64,
    pub low: i64,
    pub high: i64,
    pub note: String,
    pub sources: Vec<String>,
    /// Paid hours in a year, for turning yearly pay into hourly pay (the
    /// BLS convention is 2,080: 40 hours for 52 weeks).
    pub paid_hours_per_year: f64,
}

/// An experience band from the guide's table.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExperienceBand {
    pub id: String,
    pub label: String,
    /// Years at which the band starts.
    pub from_years: f64,
    /// Years at which a person reaches the top of the band's typical span.
    pub to_years: f64,
    pub low: i64,
    pub high: i64,
    /// Where the band's figures come from, in words, shown with it.
    pub note: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EducationLevel {
    pub id: EducationId,
    /// Dollars added to (or taken from) the estimate.
    pub effect: i64,
    pub note: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Certification {
    pub id: CertificationId,
    pub effect: i64,
    pub note: String,
    pub sources: Vec<String>,
}

/// How several certifications add up, and the words that mean a person does
/// not (yet) hold one.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CertificationRules {
    /// The most that certifications together add.
    pub max_total: i64,
    /// Why certifications add what they do, shown with the held ones.
    pub note: String,
    /// Shown when a person holds none yet.
    pub none_note: String,
    /// Phrases meaning "I hold none": "no certifications".
    pub none_phrases: Vec<String>,
    /// Words shortly before a certification that mean it is not held:
    /// "not", "working toward", "studying for".
    pub pending_before: Vec<String>,
    /// Words shortly after that mean the same: "yet", "in progress".
    pub pending_after: Vec<String>,
}

/// A metro for which the guide states its own premium.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GuideMetro {
    /// The BLS CBSA code of the metro.
    pub cbsa: String,
    pub label: String,
    pub low_pct: f64,
    pub high_pct: f64,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LocationModel {
    /// Which May survey in the national table the local ratios divide by.
    pub bls_year: u16,
    /// How much the guide's own premium counts against the BLS ratio where
    /// both exist (0 = BLS only, 1 = guide only).
    pub guide_weight: f64,
    /// Factor for "rural" or "small town" with no state to look up.
    pub rural_factor: f64,
    pub rural_note: String,
    pub guide_metros: Vec<GuideMetro>,
    pub sources: Vec<String>,
    /// Cited wherever pay is shown at national prices.
    pub price_sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EmployerType {
    pub id: EmployerId,
    /// Multiplies the estimate.
    pub factor: f64,
    /// Share of the local premium or discount this employer does not pass
    /// on (chains pay to a national scale): 0 keeps it all, 1 removes it.
    #[serde(default)]
    pub location_damping: f64,
    pub note: String,
    pub sources: Vec<String>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Supervisory {
    pub effect: i64,
    pub note: String,
    pub phrases: Vec<String>,
    pub sources: Vec<String>,
}

/// The usual employer match, assumed when a person gives none.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Retirement {
    /// Percent of the employee's contribution the employer adds.
    pub common_match_pct: f64,
    /// Percent of pay up to which contributions are matched.
    pub common_cap_pct: f64,
    pub sources: Vec<String>,
}

/// The whole model, as read from the file.
#[derive(Debug, Clone)]
pub struct SalaryModel {
    pub national: NationalBaseline,
    pub position_spread: f64,
    pub experience: Vec<ExperienceBand>,
    pub education: Vec<EducationLevel>,
    pub certifications: Vec<Certification>,
    pub certification_rules: CertificationRules,
    pub location: LocationModel,
    pub employers: Vec<EmployerType>,
    pub supervisory: Supervisory,
    pub retirement: Retirement,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawModel {
    national: Spanned<NationalBaseline>,
    position_spread: Spanned<f64>,
    experience: Vec<Spanned<ExperienceBand>>,
    education: Vec<Spanned<EducationLevel>>,
    certification: Vec<Spanned<Certification>>,
    certification_rules: Spanned<CertificationRules>,
    location: Spanned<LocationModel>,
    employer: Vec<Spanned<EmployerType>>,
    supervisory: Spanned<Supervisory>,
    retirement: Spanned<Retirement>,
}

const DOLLARS: RangeInclusive<i64> = 10_000..=500_000;
const EFFECT: RangeInclusive<i64> = -20_000..=20_000;
const FACTOR: RangeInclusive<f64> = 0.5..=2.0;
const SHARE: RangeInclusive<f64> = 0.0..=1.0;
const PERCENT: RangeInclusive<f64> = -50.0..=100.0;
const YEARS: RangeInclusive<f64> = 0.0..=50.0;
const PAID_HOURS: RangeInclusive<f64> = 1_000.0..=3_000.0;

/// Checks values against their sensible range, reporting the table's line.
struct RangeCheck<'a> {
    source: &'a SourceText,
    problems: &'a mut Problems,
}

impl RangeCheck<'_> {
    fn check<T: PartialOrd + std::fmt::Display>(
        &mut self,
        span_start: usize,
        name: &str,
        value: T,
        range: &RangeInclusive<T>,
    ) {
        if !range.contains(&value) {
            let key = name.rsplit('.').next().unwrap_or(name);
            let line = self.source.key_line(span_start, key);
            self.problems.at(
                &self.source.path,
                Some(line),
                format!(
                    "{name} = {value} is out of range; it must be between {} and {}",
                    range.start(),
                    range.end()
                ),
            );
        }
    }

    /// Where the `index`-th `[[header]]` table starts, at or after `from`.
    fn nth_table(&self, from: usize, header: &str, index: usize) -> usize {
        self.source.text[from..]
            .match_indices(header)
            .nth(index)
            .map_or(from, |(at, _)| from + at)
    }

    fn fail(&mut self, span_start: usize, message: String) {
        let line = self.source.line_of(span_start);
        self.problems.at(&self.source.path, Some(line), message);
    }
}

impl SalaryModel {
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Option<SalaryModel> {
        let raw: RawModel = source.parse(problems)?;
        let mut check = RangeCheck { source, problems };

        let national = raw.national.get_ref();
        let at = raw.national.span().start;
        check.check(at, "national.median", national.median, &DOLLARS);
        check.check(at, "national.low", national.low, &DOLLARS);
        check.check(at, "national.high", national.high, &DOLLARS);
        check.check(
            at,
            "national.paid_hours_per_year",
            national.paid_hours_per_year,
            &PAID_HOURS,
        );
        if !(national.low <= national.median && national.median <= national.high) {
            check.fail(at, "national: low ≤ median ≤ high must hold".into());
        }
        check.check(
            raw.position_spread.span().start,
            "position_spread",
            *raw.position_spread.get_ref(),
            &SHARE,
        );
        if raw.experience.is_empty() {
            check.fail(0, "the model needs at least one [[experience]] band".into());
        }
        for band in &raw.experience {
            let at = band.span().start;
            let band = band.get_ref();
            check.check(at, "experience.low", band.low, &DOLLARS);
            check.check(at, "experience.high", band.high, &DOLLARS);
            check.check(at, "experience.from_years", band.from_years, &YEARS);
            check.check(at, "experience.to_years", band.to_years, &YEARS);
            if band.low >= band.high {
                check.fail(
                    at,
                    format!("experience {:?}: low must be below high", band.id),
                );
            }
            if band.from_years >= band.to_years {
                check.fail(
                    at,
                    format!(
                        "experience {:?}: from_years must be below to_years",
                        band.id
                    ),
                );
            }
        }
        for pair in raw.experience.windows(2) {
            if pair[0].get_ref().from_years >= pair[1].get_ref().from_years {
                check.fail(
                    pair[1].span().start,
                    "experience bands must be listed from fewest to most years".into(),
                );
            }
        }
        for level in &raw.education {
            let at = level.span().start;
            check.check(at, "education.effect", level.get_ref().effect, &EFFECT);
        }
        for cert in &raw.certification {
            let at = cert.span().start;
            check.check(at, "certification.effect", cert.get_ref().effect, &EFFECT);
        }
        let rules = &raw.certification_rules;
        check.check(
            rules.span().start,
            "certification_rules.max_total",
            rules.get_ref().max_total,
            &EFFECT,
        );
        let location = raw.location.get_ref();
        let at = raw.location.span().start;
        check.check(at, "location.guide_weight", location.guide_weight, &SHARE);
        check.check(at, "location.rural_factor", location.rural_factor, &FACTOR);
        for (index, metro) in location.guide_metros.iter().enumerate() {
            let at = check.nth_table(at, "[[location.guide_metros]]", index);
            check.check(at, "guide_metros.low_pct", metro.low_pct, &PERCENT);
            check.check(at, "guide_metros.high_pct", metro.high_pct, &PERCENT);
            if metro.low_pct > metro.high_pct {
                check.fail(
                    at,
                    format!(
                        "guide metro {:?}: low_pct must not exceed high_pct",
                        metro.label
                    ),
                );
            }
        }
        for employer in &raw.employer {
            let at = employer.span().start;
            let employer = employer.get_ref();
            check.check(at, "employer.factor", employer.factor, &FACTOR);
            check.check(
                at,
                "employer.location_damping",
                employer.location_damping,
                &SHARE,
            );
        }
        let supervisory = &raw.supervisory;
        check.check(
            supervisory.span().start,
            "supervisory.effect",
            supervisory.get_ref().effect,
            &EFFECT,
        );

        let retirement = &raw.retirement;
        let at = retirement.span().start;
        let pct = 0.0..=100.0;
        check.check(
            at,
            "retirement.common_match_pct",
            retirement.get_ref().common_match_pct,
            &pct,
        );
        check.check(
            at,
            "retirement.common_cap_pct",
            retirement.get_ref().common_cap_pct,
            &pct,
        );

        Some(SalaryModel {
            national: raw.national.into_inner(),
            position_spread: raw.position_spread.into_inner(),
            experience: raw
                .experience
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            education: raw.education.into_iter().map(Spanned::into_inner).collect(),
            certifications: raw
                .certification
                .into_iter()
                .map(Spanned::into_inner)
                .collect(),
            certification_rules: raw.certification_rules.into_inner(),
            location: raw.location.into_inner(),
            employers: raw.employer.into_iter().map(Spanned::into_inner).collect(),
            supervisory: raw.supervisory.into_inner(),
            retirement: raw.retirement.into_inner(),
        })
    }

    /// Every source id the model cites.
    pub fn source_references(&self) -> impl Iterator<Item = &str> {
        self.national
            .sources
            .iter()
            .chain(self.experience.iter().flat_map(|b| &b.sources))
            .chain(self.education.iter().flat_map(|e| &e.sources))
            .chain(self.certifications.iter().flat_map(|c| &c.sources))
            .chain(&self.location.sources)
            .chain(&self.location.price_sources)
            .chain(self.employers.iter().flat_map(|e| &e.sources))
            .chain(&self.supervisory.sources)
            .chain(&self.retirement.sources)
            .map(String::as_str)
    }

    pub fn certification(&self, id: &CertificationId) -> Option<&Certification> {
        self.certifications.iter().find(|c| c.id == *id)
    }

    pub fn education_level(&self, id: &EducationId) -> Option<&EducationLevel> {
        self.education.iter().find(|e| e.id == *id)
    }

    pub fn employer(&self, id: &EmployerId) -> Option<&EmployerType> {
        self.employers.iter().find(|e| e.id == *id)
    }

    pub fn band(&self, id: &str) -> Option<&ExperienceBand> {
        self.experience.iter().find(|b| b.id == id)
    }

    /// The band a number of years falls in: the last band that starts at or
    /// below it.
    pub fn band_for_years(&self, years: f64) -> &ExperienceBand {
        self.experience
            .iter()
            .rev()
            .find(|b| years >= b.from_years)
            .unwrap_or(&self.experience[0])
    }
}
