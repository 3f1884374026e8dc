//! "What is a superbill?", "tell me about the CMAA": the entry of the thing
//! named, or the best-ranked entry, or a decline. A short message that only
//! adds a detail after an estimate ("and in Denver?") continues it.

use super::Memory;
use super::estimate::{EstimateView, estimate_reply};
use super::topic::best_topic;
use crate::engine::Engine;
use crate::reply::Reply;
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    if memory.profile.affects_estimate()
        && understood.follow_up
        && understood.profile.affects_estimate()
    {
        let merged = memory.profile.merged_with(&understood.profile);
        let view = EstimateView {
            hourly: understood.asks_hourly,
            their_pay: merged.own_pay,
            from_empty_form: false,
            prices_asked: understood.cues.prices,
        };
        return estimate_reply(engine, &merged, view);
    }
    best_topic(engine, understood, &[], memory)
}
