//! "Is the CMAA worth it?", "should I get a degree?", "is this a good
//! career?": the entry of the thing named, else the topics that say whether
//! the career fits (`[leanings] worth` in intents.toml). "Is it worth
//! moving to Denver?" is what the pay there buys: the estimate for that
//! place, at national prices.

use super::Memory;
use super::estimate::{EstimateView, estimate_reply};
use super::topic::best_topic;
use crate::engine::Engine;
use crate::reply::Reply;
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    let moving = understood.cues.prices
        && understood.profile.location.is_some()
        && !understood.names_an_entity();
    if moving {
        let merged = memory.profile.merged_with(&understood.profile);
        let view = EstimateView {
            hourly: understood.asks_hourly,
            their_pay: understood.pay_figure.or(memory.profile.own_pay),
            from_empty_form: false,
            prices_asked: understood.cues.prices,
        };
        return estimate_reply(engine, &merged, view);
    }
    let leanings = super::leanings(engine, "worth");
    best_topic(engine, understood, &leanings, memory)
}
