//! BEA Regional Price Parities: how expensive each metro, state and rural
//! part of a state is against the country as a whole (U.S. = 100), so a
//! reply can say what pay buys where a person would live.
//!
//! The CSV files in `knowledge/bea/` are read as they are, keyed by the same
//! codes as the BLS tables: CBSA for metros, state FIPS for states and their
//! nonmetropolitan parts.

use super::problems::Problems;
use super::wages::read_rows;
use serde::Deserialize;
use std::collections::HashMap;
use std::path::Path;

pub const METROS_FILE: &str = "rpp_metros.csv";
pub const STATES_FILE: &str = "rpp_states.csv";
pub const NONMETRO_FILE: &str = "rpp_nonmetro.csv";
/// The U.S. nonmetropolitan portion: "rural" with no state.
const US_NONMETRO: &str = "00999";

/// One area's price level.
#[derive(Debug, Clone, PartialEq, serde::Serialize)]
pub struct PriceLevel {
    /// BEA's area name ("Boston-Cambridge-Newton, MA-NH", "Iowa
    /// (Nonmetropolitan Portion)").
    pub area: String,
    /// All-items RPP, U.S. = 100.
    pub rpp: f64,
    pub year: u16,
}

impl PriceLevel {
    /// Pay expressed at national average prices: pay ÷ (RPP / 100).
    pub fn at_national_prices(&self, pay: i64) -> i64 {
        (pay as f64 / (self.rpp / 100.0)).round() as i64
    }
}

#[derive(Deserialize)]
struct Row {
    geofips: String,
    area_name: Option<String>,
    state: Option<String>,
    year: u16,
    rpp_all_items: f64,
}

/// The three tables, by code.
#[derive(Debug, Clone, Default)]
pub struct PriceLevels {
    /// By CBSA code.
    metros: HashMap<String, PriceLevel>,
    /// By two-digit state FIPS code.
    states: HashMap<String, PriceLevel>,
    /// The nonmetropolitan part of a state, by two-digit FIPS code, and the
    /// nation's under "00".
    nonmetro: HashMap<String, PriceLevel>,
}

impl PriceLevels {
    pub fn load(dir: &Path, problems: &mut Problems) -> PriceLevels {
        let table = |file: &str, problems: &mut Problems, key: fn(&str) -> String| {
            let path = dir.join(file);
            let mut levels = HashMap::new();
            for row in read_rows::<Row>(&path, problems) {
                if row.rpp_all_items.is_nan() || row.rpp_all_items <= 0.0 {
                    problems.at(
                        &path,
                        None,
                        format!(
                            "area {} has a price level of {}; it must be above 0",
                            row.geofips, row.rpp_all_items
                        ),
                    );
                    continue;
                }
                let area = row.area_name.or(row.state).unwrap_or_default();
                levels.insert(
                    key(&row.geofips),
                    PriceLevel {
                        area,
                        rpp: row.rpp_all_items,
                        year: row.year,
                    },
                );
            }
            levels
        };
        let state_code = |fips: &str| fips.get(..2).unwrap_or(fips).to_string();
        PriceLevels {
            metros: table(METROS_FILE, problems, str::to_string),
            states: table(STATES_FILE, problems, state_code),
            nonmetro: table(NONMETRO_FILE, problems, state_code),
        }
    }

    /// A metro's price level, by CBSA code.
    pub fn metro(&self, cbsa: &str) -> Option<&PriceLevel> {
        self.metros.get(cbsa)
    }

    /// A state's, by two-digit FIPS code.
    pub fn state(&self, fips: &str) -> Option<&PriceLevel> {
        self.states.get(fips)
    }

    /// A state's nonmetropolitan part, by FIPS code; the nation's when
    /// `None`.
    pub fn rural(&self, fips: Option<&str>) -> Option<&PriceLevel> {
        self.nonmetro.get(fips.unwrap_or(&US_NONMETRO[..2]))
    }
}
