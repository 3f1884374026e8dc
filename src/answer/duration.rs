//! A length of time: "how long does the CMAA take?". Where the guide gives
//! it (the years of each experience level) the entry answers; otherwise the
//! reply says the guide does not give it, and shows what it does say.

use super::Memory;
use super::not_given;
use super::topic::best_topic;
use crate::domain::EntityKind;
use crate::engine::Engine;
use crate::reply::Reply;
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    // The guide measures experience in years: "how long until senior?"
    // is answered by the levels themselves.
    if understood
        .mentions
        .iter()
        .any(|m| m.named.kind() == EntityKind::Experience)
    {
        return best_topic(engine, understood, &[], memory);
    }
    not_given::reply(engine, understood, understood.cues.cost, true)
}
