//! Two or more things side by side: certifications, degrees, experience
//! levels, employer types, benefits, skills, places.
//!
//! Places (and employer types paired with places) are compared by their
//! estimates, everything else kept equal. Everything else is compared from
//! its structured facts (`knowledge/entities/`), with a one-line verdict
//! first where the guide's figures or ratings support one, and a plain
//! "no basis" where they do not.

use super::Memory;
use super::confidence::{self, Basis};
use super::estimate::{EstimateView, comparison_reply};
use super::topic::links;
use crate::domain::{EntityId, EntityKind};
use crate::engine::Engine;
use crate::knowledge::Entity;
use crate::reply::{Content, EntityComparison, EntityOption, PayRange, Reply, ReplyKind, Verdict};
use crate::understanding::Understood;
use regex::Regex;
use std::sync::LazyLock;

/// The most options one comparison shows.
const MAX_OPTIONS: usize = 4;
/// Pay figures this close (as a share of the lower) give no pay verdict.
const PAY_TIE: f64 = 0.05;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    let kb = engine.knowledge();
    let merged = memory.profile.merged_with(&understood.profile);
    if understood.alternatives.places.len() >= 2 {
        let view = EstimateView {
            hourly: understood.asks_hourly,
            their_pay: merged.own_pay,
            from_empty_form: false,
            prices_asked: understood.cues.prices,
        };
        return comparison_reply(engine, &merged, &understood.alternatives, view);
    }
    // The kind with two or more named; experience lengths count as levels.
    let mut named: Option<Vec<EntityId>> = EntityKind::ALL.iter().find_map(|&kind| {
        let ids = understood.entities_of(kind);
        (ids.len() >= 2).then(|| ids.into_iter().cloned().collect())
    });
    if named.is_none() {
        let levels = experience_levels(engine, &understood.normalized);
        if levels.len() >= 2 {
            named = Some(levels);
        }
    }
    // "A CMAA or a bachelor's?", "the CEHRS or getting good at Excel?":
    // two things a person acquires, of different kinds, each shown by its
    // own facts.
    let mut across_kinds = false;
    if named.is_none() {
        let ids: Vec<EntityId> = (understood.entities().into_iter())
            .filter(|id| id.kind.is_acquired())
            .cloned()
            .collect();
        if ids.len() >= 2 {
            named = Some(ids);
            across_kinds = true;
        }
    }
    // "Which one is best known?" after an overview: all of its kind.
    if named.is_none()
        && let Some(kind) = last_kind(engine, memory)
    {
        named = Some(
            kb.entities
                .of_kind(kind)
                .iter()
                .map(|e| e.id.clone())
                .collect(),
        );
    }
    let Some(ids) = named else {
        return super::about::reply(engine, understood, memory);
    };
    let options: Vec<&Entity> = ids
        .iter()
        .filter_map(|id| kb.entities.get(id))
        .take(MAX_OPTIONS)
        .collect();
    let Some(first) = options.first() else {
        return super::about::reply(engine, understood, memory);
    };
    let kind = first.id.kind;
    let Some(registry) = kb.entities.kind(kind) else {
        return super::about::reply(engine, understood, memory);
    };
    // Figures of different kinds do not compare: a certification's pay is
    // what it adds, a degree's is a starting salary.
    let verdict = match across_kinds {
        false => verdict(&options, &understood.aspects, &registry.verdict),
        true => {
            let asked: Vec<String> = (understood.aspects.iter())
                .filter(|a| *a != "pay")
                .cloned()
                .collect();
            verdict(&options, &asked, &[])
        }
    };
    let mut aspects = registry.aspects.clone();
    for option in options.iter().skip(1) {
        for (aspect, _) in &option.facts {
            if !aspects.contains(aspect) {
                aspects.push(aspect.clone());
            }
        }
    }
    let mut reply = Reply::simple(ReplyKind::Comparison, kb.replies.titles.compare.clone(), "");
    reply.topic = Some(registry.overview.clone());
    reply.content = Content::EntityComparison(EntityComparison {
        kind,
        aspects,
        options: options
            .iter()
            .map(|e| EntityOption {
                name: e.name.clone(),
                full_name: e.full_name.clone(),
                facts: e.facts.clone(),
            })
            .collect(),
        verdict,
    });
    let mut entries: Vec<&str> = Vec::new();
    for entity in &options {
        if !entries.contains(&entity.entry.as_str()) {
            entries.push(&entity.entry);
        }
    }
    let cited: Vec<String> = entries
        .iter()
        .filter_map(|id| kb.entry(id))
        .flat_map(|e| e.sources.iter().cloned())
        .collect();
    reply.sources = kb.citations(&cited);
    reply.suggestions = links(engine, entries);
    reply.confidence = confidence::of(&Basis::Structure);
    reply
}

/// The kind whose overview the conversation was last on, if any.
pub fn last_kind(engine: &Engine, memory: &Memory) -> Option<EntityKind> {
    let last = memory.last_topic.as_deref()?;
    (engine.knowledge().entities.registries().iter())
        .find(|k| k.overview == last)
        .map(|k| k.kind)
}

/// The verdict: on the aspect the question asks about, else the kind's
/// own order ("pay", then a ranked aspect), where the guide's figures or
/// ratings for every option support one.
fn verdict(options: &[&Entity], asked: &[String], defaults: &[String]) -> Verdict {
    let aspects = (asked.iter().map(|a| (a, true))).chain(defaults.iter().map(|a| (a, false)));
    let mut even = None;
    for (aspect, was_asked) in aspects {
        if aspect == "pay" {
            if let Some(verdict) = pay_verdict(options) {
                return verdict;
            }
            continue;
        }
        // Asked about, an aspect the guide singles one option out for
        // ("the most recognized") decides it; otherwise every option needs
        // a rating there.
        let rank = |e: &Entity| e.ranks.get(aspect).copied();
        let ranks: Option<Vec<u8>> = match was_asked {
            true => Some(options.iter().map(|e| rank(e).unwrap_or(0)).collect()),
            false => options.iter().map(|e| rank(e)).collect(),
        };
        let Some(ranks) = ranks.filter(|r| r.iter().any(|&v| v > 0)) else {
            continue;
        };
        let best = ranks.iter().copied().max().unwrap_or(0);
        let winners: Vec<usize> = (0..ranks.len()).filter(|&i| ranks[i] == best).collect();
        match winners.as_slice() {
            [one] => {
                return Verdict::Rank {
                    aspect: aspect.clone(),
                    winner: options[*one].label.clone(),
                };
            }
            _ => {
                even.get_or_insert(Verdict::Even {
                    aspect: aspect.clone(),
                });
            }
        }
    }
    even.unwrap_or(Verdict::NoBasis)
}

/// The option the guide's figures put clearly above the others.
fn pay_verdict(options: &[&Entity]) -> Option<Verdict> {
    let typical = |e: &Entity| match (e.pay_low, e.pay_high) {
        (Some(low), Some(high)) => Some((low + high) as f64 / 2.0),
        (Some(low), None) => Some(low as f64 * 1.05),
        _ => None,
    };
    let figures: Option<Vec<f64>> = options.iter().map(|e| typical(e)).collect();
    let figures = figures?;
    let (top, _) = (figures.iter().enumerate()).max_by(|a, b| a.1.total_cmp(b.1))?;
    let (bottom, _) = (figures.iter().enumerate()).min_by(|a, b| a.1.total_cmp(b.1))?;
    if figures[top] < figures[bottom] * (1.0 + PAY_TIE) {
        return None;
    }
    let range = |e: &Entity| PayRange {
        low: e.pay_low,
        high: e.pay_high,
    };
    Some(Verdict::Pay {
        winner: options[top].name.clone(),
        winner_pay: range(options[top]),
        loser: options[bottom].name.clone(),
        loser_pay: range(options[bottom]),
    })
}

/// "2 years vs 10 years": the experience levels those lengths fall in.
fn experience_levels(engine: &Engine, normalized: &str) -> Vec<EntityId> {
    static YEARS: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"\b(\d{1,2})\+?\s*(?:years?|yrs?)\b").expect("a valid pattern")
    });
    let model = &engine.knowledge().model;
    let mut levels: Vec<EntityId> = Vec::new();
    for caps in YEARS.captures_iter(normalized) {
        let Ok(years) = caps[1].parse::<f64>() else {
            continue;
        };
        let id = EntityId::new(
            EntityKind::Experience,
            model.band_for_years(years).id.clone(),
        );
        if !levels.contains(&id) {
            levels.push(id);
        }
    }
    levels
}
