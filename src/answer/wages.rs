//! Figures from the BLS wage tables for Medical Secretaries and
//! Administrative Assistants: a place's row, the nation's rows by year, or
//! the places with the highest and lowest medians. The answer to "what's
//! the BLS median in Texas?" or "which state pays this category most?".

use super::confidence::{self, Basis};
use super::topic::links;
use crate::domain::{EntityKind, Place};
use crate::engine::Engine;
use crate::knowledge::{AreaKind, AreaWages};
use crate::reply::{AreaGroup, Content, Reply, ReplyKind, WageRow, WageTable};
use crate::understanding::Understood;

/// The id of the BLS source entity (`knowledge/entities/sources.toml`).
const BLS: &str = "bls";

/// How many areas a ranking shows at each end.
const RANKED: usize = 5;

/// Whether the question asks the BLS tables for figures: it names BLS (or
/// its category) and asks for a figure, pay or a place's, or it asks which
/// states or metros pay most or least.
pub fn asks_the_tables(understood: &Understood) -> bool {
    let names_bls =
        (understood.entities().iter()).any(|e| e.kind == EntityKind::Source && e.id == BLS);
    let figure =
        understood.asks_pay || understood.cues.figure || understood.profile.location.is_some();
    (names_bls && figure && !understood.is_why()) || wants_ranking(understood, names_bls)
}

/// "Which state pays the most?": a top or bottom of states (the guide
/// ranks no states), or of metros when BLS is named (the guide's own
/// high-paying cities answer "which cities pay most").
fn wants_ranking(understood: &Understood, names_bls: bool) -> bool {
    let cues = &understood.cues;
    cues.ranking.is_some()
        && ((cues.of_states && !cues.of_metros) || (cues.of_metros && names_bls))
        && (understood.asks_pay || names_bls)
}

/// The reply, when the question asks the BLS tables for something.
pub fn reply(engine: &Engine, understood: &Understood) -> Reply {
    let kb = engine.knowledge();
    let year = kb.model.location.bls_year;
    let table = match &understood.profile.location {
        _ if wants_ranking(understood, true) => ranked(engine, understood, year),
        Some(place) => WageTable::Rows {
            rows: place_row(engine, place, year).into_iter().collect(),
        },
        None => WageTable::Rows {
            rows: kb
                .wages
                .national
                .iter()
                .map(|n| WageRow {
                    area: kb.replies.wages.national.clone(),
                    year: n.year,
                    employment: n.employment.map(i64::from),
                    mean: n.annual_mean.map(i64::from),
                    median: n.annual_median.map(i64::from),
                    p10: n.annual_p10.map(i64::from),
                    p25: n.annual_p25.map(i64::from),
                    p75: n.annual_p75.map(i64::from),
                    p90: n.annual_p90.map(i64::from),
                    location_quotient: None,
                })
                .collect(),
        },
    };
    let mut reply = Reply::simple(ReplyKind::Answer, kb.replies.titles.wages.clone(), "");
    // A ranking answers where pay is high or low; the rest, the BLS topic.
    let suggestions = &kb.replies.suggestions;
    let topic = match (&table, understood.cues.ranking) {
        (WageTable::Ranked { .. }, Some(true)) => &suggestions.wages_highest,
        (WageTable::Ranked { .. }, _) => &suggestions.wages_lowest,
        _ => &suggestions.wages,
    };
    reply.topic = topic.first().cloned();
    reply.content = Content::Wages(table);
    reply.sources = kb.citations(&kb.model.location.sources);
    reply.suggestions = links(
        engine,
        kb.replies.suggestions.wages.iter().map(String::as_str),
    );
    reply.confidence = confidence::of(&Basis::Named {
        evidence: &understood.evidence,
    });
    reply
}

fn row_of(area: &AreaWages, year: u16) -> WageRow {
    WageRow {
        area: area.name.clone(),
        year,
        employment: area.employment.map(i64::from),
        mean: area.annual_mean.map(i64::from),
        median: area.annual_median.map(i64::from),
        p10: area.annual_p10.map(i64::from),
        p25: area.annual_p25.map(i64::from),
        p75: area.annual_p75.map(i64::from),
        p90: area.annual_p90.map(i64::from),
        location_quotient: area.location_quotient,
    }
}

/// A place's row: its metro or state, or for a rural area each of the
/// state's nonmetropolitan areas' medians averaged into one row.
fn place_row(engine: &Engine, place: &Place, year: u16) -> Option<WageRow> {
    let wages = &engine.knowledge().wages;
    match place {
        Place::Metro { code, .. } => wages.metro(code).map(|a| row_of(a, year)),
        Place::State { abbrev, .. } => wages.state(abbrev).map(|a| row_of(a, year)),
        Place::Rural { state: Some(state) } => {
            let areas: Vec<&AreaWages> = wages.nonmetro_in(state).collect();
            let medians: Vec<i64> = (areas.iter())
                .filter_map(|a| a.annual_median.map(i64::from))
                .collect();
            let name = wages
                .state(state)
                .map_or(state.as_str(), |s| s.name.as_str());
            (!medians.is_empty()).then(|| WageRow {
                area: crate::knowledge::fill(
                    &engine.knowledge().replies.wages.nonmetro,
                    &[("state", name), ("areas", &medians.len().to_string())],
                ),
                year,
                employment: None,
                mean: None,
                median: Some(medians.iter().sum::<i64>() / medians.len() as i64),
                p10: None,
                p25: None,
                p75: None,
                p90: None,
                location_quotient: None,
            })
        }
        Place::Rural { state: None } => None,
    }
}

/// The states (or metros) with the highest and lowest medians.
fn ranked(engine: &Engine, understood: &Understood, year: u16) -> WageTable {
    let wages = &engine.knowledge().wages;
    let metros = understood.cues.of_metros;
    let areas: Vec<&AreaWages> = match metros {
        true => wages.metros.iter().collect(),
        false => wages.states.iter().collect(),
    };
    let mut by_median: Vec<(String, i64)> = (areas.iter())
        .filter(|a| a.kind != AreaKind::Nonmetro)
        .filter_map(|a| Some((a.name.clone(), i64::from(a.annual_median?))))
        .collect();
    by_median.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let highest = by_median.iter().take(RANKED).cloned().collect();
    let lowest = by_median.iter().rev().take(RANKED).cloned().collect();
    WageTable::Ranked {
        of: if metros {
            AreaGroup::Metros
        } else {
            AreaGroup::States
        },
        year,
        highest,
        lowest,
    }
}
