//! The BLS OEWS wage tables for SOC 43-6013, Medical Secretaries and
//! Administrative Assistants: the closest federal occupation to the PT care
//! coordinator, and careerbot's source for local pay.
//!
//! The CSV files in `knowledge/bls/` are read as they are; no figure from
//! them is ever typed into Rust.

use super::problems::Problems;
use serde::Deserialize;
use std::path::Path;

pub const NATIONAL_FILE: &str = "oews_43-6013_national.csv";
pub const STATES_FILE: &str = "oews_43-6013_may2024_states.csv";
pub const METROS_FILE: &str = "oews_43-6013_may2024_metros.csv";
pub const NONMETRO_FILE: &str = "oews_43-6013_may2024_nonmetro.csv";

/// The national figures for one May survey.
#[derive(Debug, Clone, Deserialize)]
pub struct NationalWages {
    pub year: u16,
    pub employment: Option<u32>,
    pub annual_mean: Option<u32>,
    pub annual_p10: Option<u32>,
    pub annual_p25: Option<u32>,
    pub annual_median: Option<u32>,
    pub annual_p75: Option<u32>,
    pub annual_p90: Option<u32>,
}

/// Which kind of area a row describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AreaKind {
    State,
    Metro,
    Nonmetro,
}

/// Annual wages in one state, metro or nonmetro area (May 2024). Empty
/// cells are `None`: BLS published no value.
#[derive(Debug, Clone)]
pub struct AreaWages {
    pub kind: AreaKind,
    /// FIPS code for a state, CBSA code for a metro, BLS area code otherwise.
    pub code: String,
    /// BLS's official name, e.g. "San Francisco-Oakland-Fremont, CA".
    pub name: String,
    /// Postal abbreviations of the states the area lies in.
    pub states: Vec<String>,
    pub employment: Option<u32>,
    pub annual_mean: Option<u32>,
    pub annual_median: Option<u32>,
    pub annual_p10: Option<u32>,
    pub annual_p25: Option<u32>,
    pub annual_p75: Option<u32>,
    pub annual_p90: Option<u32>,
    pub location_quotient: Option<f64>,
}

#[derive(Deserialize)]
struct StateRow {
    state_fips: String,
    state_abbrev: String,
    state_name: String,
    employment: Option<u32>,
    annual_mean: Option<u32>,
    annual_median: Option<u32>,
    annual_p10: Option<u32>,
    annual_p25: Option<u32>,
    annual_p75: Option<u32>,
    annual_p90: Option<u32>,
    location_quotient: Option<f64>,
}

#[derive(Deserialize)]
struct AreaRow {
    #[serde(alias = "cbsa", alias = "area_code")]
    code: String,
    area_name: String,
    state_abbrevs: String,
    employment: Option<u32>,
    annual_mean: Option<u32>,
    annual_median: Option<u32>,
    annual_p25: Option<u32>,
    annual_p75: Option<u32>,
    location_quotient: Option<f64>,
}

/// All four tables.
#[derive(Debug, Clone)]
pub struct WageTables {
    pub national: Vec<NationalWages>,
    pub states: Vec<AreaWages>,
    pub metros: Vec<AreaWages>,
    pub nonmetro: Vec<AreaWages>,
}

impl WageTables {
    pub fn load(dir: &Path, problems: &mut Problems) -> WageTables {
        let national = read_rows::<NationalWages>(&dir.join(NATIONAL_FILE), problems);
        let states = read_rows::<StateRow>(&dir.join(STATES_FILE), problems)
            .into_iter()
            .map(|row| AreaWages {
                kind: AreaKind::State,
                code: row.state_fips,
                name: row.state_name,
                states: vec![row.state_abbrev],
                employment: row.employment,
                annual_mean: row.annual_mean,
                annual_median: row.annual_median,
                annual_p10: row.annual_p10,
                annual_p25: row.annual_p25,
                annual_p75: row.annual_p75,
                annual_p90: row.annual_p90,
                location_quotient: row.location_quotient,
            })
            .collect();
        let area = |kind: AreaKind| {
            move |row: AreaRow| AreaWages {
                kind,
                code: row.code,
                name: row.area_name,
                states: row.state_abbrevs.split('-').map(str::to_string).collect(),
                employment: row.employment,
                annual_mean: row.annual_mean,
                annual_median: row.annual_median,
                annual_p10: None,
                annual_p25: row.annual_p25,
                annual_p75: row.annual_p75,
                annual_p90: None,
                location_quotient: row.location_quotient,
            }
        };
        let metros = read_rows::<AreaRow>(&dir.join(METROS_FILE), problems)
            .into_iter()
            .map(area(AreaKind::Metro))
            .collect();
        let nonmetro = read_rows::<AreaRow>(&dir.join(NONMETRO_FILE), problems)
            .into_iter()
            .map(area(AreaKind::Nonmetro))
            .collect();
        WageTables {
            national,
            states,
            metros,
            nonmetro,
        }
    }

    /// The national figures for a survey year.
    pub fn national_for(&self, year: u16) -> Option<&NationalWages> {
        self.national.iter().find(|n| n.year == year)
    }

    pub fn metro(&self, cbsa: &str) -> Option<&AreaWages> {
        self.metros.iter().find(|m| m.code == cbsa)
    }

    pub fn state(&self, abbrev: &str) -> Option<&AreaWages> {
        self.states.iter().find(|s| s.states[0] == abbrev)
    }

    /// The nonmetropolitan areas of a state.
    pub fn nonmetro_in<'a>(&'a self, abbrev: &'a str) -> impl Iterator<Item = &'a AreaWages> {
        self.nonmetro
            .iter()
            .filter(move |area| area.states.iter().any(|s| s == abbrev))
    }
}

/// The rows of a CSV table, each malformed row reported once at its line.
pub(super) fn read_rows<T: serde::de::DeserializeOwned>(
    path: &Path,
    problems: &mut Problems,
) -> Vec<T> {
    let text = match std::fs::read_to_string(path) {
        Ok(text) => text,
        Err(error) => {
            problems.at(path, None, format!("cannot read this table: {error}"));
            return Vec::new();
        }
    };
    let source = super::problems::SourceText::new(path.to_path_buf(), text);
    let mut reader = csv::Reader::from_reader(source.text.as_bytes());
    let mut rows = Vec::new();
    for record in reader.deserialize::<T>() {
        match record {
            Ok(row) => rows.push(row),
            Err(error) => {
                // With CRLF endings csv reports a record from the previous
                // line's '\n'; count lines from the record's first byte.
                let line = error.position().map(|p| {
                    let mut byte = p.byte() as usize;
                    while matches!(source.text.as_bytes().get(byte), Some(b'\n' | b'\r')) {
                        byte += 1;
                    }
                    source.line_of(byte)
                });
                let message = match error.kind() {
                    csv::ErrorKind::Deserialize { err, .. } => {
                        format!("a value does not fit its column: {err}")
                    }
                    _ => error.to_string(),
                };
                problems.at(path, line, message);
            }
        }
    }
    if rows.is_empty() {
        problems.at(path, None, "this table has no rows");
    }
    rows
}
