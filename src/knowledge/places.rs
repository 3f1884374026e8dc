//! Place names beyond what the BLS tables spell out: nicknames (NYC, Bay
//! Area, Philly), words for rural areas, and city names that are also
//! everyday words.

use super::problems::{Problems, SourceText};
use serde::Deserialize;
use toml::Spanned;

/// A name people use for a metro or a state.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlaceAlias {
    pub name: String,
    /// CBSA code of the metro it means.
    #[serde(default)]
    pub metro: Option<String>,
    /// Postal abbreviation of the state it means.
    #[serde(default)]
    pub state: Option<String>,
}

#[derive(Debug, Clone)]
pub struct PlaceNames {
    pub aliases: Vec<(PlaceAlias, usize)>,
    /// Words that mean a rural area.
    pub rural: Vec<String>,
    /// City names that are also common words ("mobile", "normal"); they
    /// count only when written with a capital letter.
    pub capitalized_only: Vec<String>,
    /// State abbreviations that are also common words ("IN", "OR", "ME");
    /// they count only in capitals and only next to a city or after "in".
    pub ambiguous_abbreviations: Vec<String>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPlaces {
    rural: Vec<String>,
    capitalized_only: Vec<String>,
    ambiguous_abbreviations: Vec<String>,
    alias: Vec<Spanned<PlaceAlias>>,
}

impl PlaceNames {
    pub fn parse(source: &SourceText, problems: &mut Problems) -> Option<PlaceNames> {
        let raw: RawPlaces = source.parse(problems)?;
        let mut aliases = Vec::new();
        for alias in raw.alias {
            let line = source.line_of(alias.span().start);
            let alias = alias.into_inner();
            if alias.metro.is_some() == alias.state.is_some() {
                problems.at(
                    &source.path,
                    Some(line),
                    format!(
                        "alias {:?} needs exactly one of metro (a CBSA code) or state (like \"MA\")",
                        alias.name
                    ),
                );
            }
            aliases.push((alias, line));
        }
        Some(PlaceNames {
            aliases,
            rural: raw.rural,
            capitalized_only: raw.capitalized_only,
            ambiguous_abbreviations: raw.ambiguous_abbreviations,
        })
    }
}
