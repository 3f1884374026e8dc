//! How much the job pays. With details (in this message or remembered) the
//! answer is an estimate for the person; without, the best pay topic.

use super::Memory;
use super::estimate::{EstimateView, estimate_reply};
use super::topic::best_topic;
use crate::domain::Place;
use crate::engine::Engine;
use crate::reply::Reply;
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    let merged = memory.profile.merged_with(&understood.profile);
    // "Do specialty clinics pay more?", "why do hospitals pay less?": an
    // employer type alone, weighed in general, is answered by what the
    // guide says of it; "what do hospitals pay?" gets the estimate.
    let profile = &understood.profile;
    let only_an_employer = profile.employer.is_some() && profile.kinds_known() == 1;
    let about_an_employer = only_an_employer
        && (understood.cues.compare || understood.is_why())
        && !understood.cues.about_self
        && !memory.profile.affects_estimate();
    // "City vs rural, which pays better?": rural areas against cities in
    // general is the guide's picture of location, not one estimate.
    let city_or_rural = matches!(profile.location, Some(Place::Rural { state: None }))
        && profile.kinds_known() == 1
        && understood.cues.compare
        && understood.cues.of_metros
        && !understood.cues.about_self;
    if city_or_rural {
        return best_topic(
            engine,
            understood,
            &super::leanings(engine, "city_or_rural"),
            memory,
        );
    }
    // "What's my salary?", "what starting salary can I expect?" after the
    // person gave details: their estimate. A general pay question that
    // names nothing of theirs ("what's the national median?") gets its
    // topic, even when details are remembered.
    let personal = (profile.affects_estimate() && !about_an_employer)
        || (memory.profile.affects_estimate()
            && (understood.follow_up || understood.cues.about_self));
    if personal && merged.affects_estimate() {
        let view = EstimateView {
            hourly: understood.asks_hourly,
            their_pay: merged.own_pay,
            from_empty_form: false,
            prices_asked: understood.cues.prices,
        };
        return estimate_reply(engine, &merged, view);
    }
    best_topic(engine, understood, &super::leanings(engine, "pay"), memory)
}
