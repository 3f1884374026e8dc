//! "I have a bachelor's", "5 years, CMAA, Boston, hospital": details that
//! move pay. They are remembered, and answered with the estimate they
//! make, together with what was said before.

use super::Memory;
use super::decline;
use super::estimate::{EstimateView, estimate_reply};
use super::topic::{best_topic, rank};
use crate::domain::Experience;
use crate::engine::Engine;
use crate::reply::Reply;
use crate::understanding::Understood;

/// With this many kinds of detail, a message is a profile, even when asked
/// as a question ("5 years, CMAA, Boston, hospital?").
const A_PROFILE: usize = 3;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    // "Does a CPCT help?" asks about the certification; "I have a CPCT"
    // gives a detail. A bare name ("cmaa", "hospital jobs") asks about the
    // thing named.
    let continues = memory.profile.affects_estimate() && understood.follow_up;
    let profile = &understood.profile;
    let only_names = profile.location.is_none()
        && !matches!(profile.experience, Some(Experience::Years(_)))
        && profile.own_pay.is_none();
    let about_the_thing = only_names && !understood.cues.about_self;
    // "What about in Boston?": nothing but a detail, even as a question.
    let only_details = understood.evidence.question_words == 0;
    let asked = understood.is_question && profile.kinds_known() < A_PROFILE && !only_details;
    if (about_the_thing || asked) && !continues {
        return best_topic(engine, understood, &[], memory);
    }
    // "Weather in NYC", "best pizza in Chicago": a place is named, but the
    // question is about something else.
    let ranking = rank(engine, understood, &[]);
    if decline::names_something_else(understood, &ranking, memory.profile.affects_estimate()) {
        return decline::reply(engine, understood, Some(&ranking));
    }
    let merged = memory.profile.merged_with(&understood.profile);
    let view = EstimateView {
        hourly: understood.asks_hourly,
        their_pay: merged.own_pay,
        from_empty_form: false,
        prices_asked: understood.cues.prices,
    };
    estimate_reply(engine, &merged, view)
}
