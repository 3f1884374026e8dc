//! Reply builders: one per [`Intent`], each in its own file, each reading
//! only the [`Understood`] message, the remembered profile and the
//! knowledge base, and returning a [`Reply`].
//!
//! [`route`] is the only place that chooses between them. Shared pieces
//! live beside them: [`topic`] (entries and ranking), [`estimate`]
//! (estimates and their comparisons), [`decline`] (saying no, on
//! evidence) and [`confidence`].

mod about;
mod calculation;
mod compare;
mod confidence;
mod cost;
mod decline;
mod details_given;
mod duration;
mod estimate;
mod greeting;
mod how_to;
mod not_given;
mod other_role;
mod pay;
mod pay_figure;
mod topic;
mod wages;
mod worth;

pub use calculation::calculation_reply;
pub use estimate::{EstimateView, describe, estimate_reply};
pub use topic::{entry_reply, rank};

use crate::domain::Profile;
use crate::engine::Engine;
use crate::reply::{Content, Reply};
use crate::understanding::{Intent, Understood};

/// The topics an intent leans to, from `intents.toml`.
fn leanings<'a>(engine: &'a Engine, intent: &str) -> Vec<&'a str> {
    (engine.knowledge().intents.leanings.get(intent))
        .map(|ids| ids.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// Answer an understood message, given what the person said before.
pub fn route(engine: &Engine, understood: &Understood, memory: &Profile) -> Reply {
    // "BLS median in Texas?", "which state pays most?": the tables answer,
    // whether it was asked as pay, as a detail or as a plain question.
    let asks_the_tables = matches!(
        understood.intent,
        Intent::About | Intent::Pay | Intent::DetailsGiven | Intent::Worth
    ) && wages::asks_the_tables(understood);
    let mut reply = match understood.intent {
        _ if asks_the_tables => wages::reply(engine, understood),
        Intent::Greeting => greeting::reply(engine),
        Intent::OtherRole => other_role::reply(engine, understood),
        Intent::OffTopic => decline::reply(engine, understood, None),
        Intent::Calculation => calculation::reply(engine, understood, memory),
        Intent::Compare => compare::reply(engine, understood, memory),
        Intent::Cost => cost::reply(engine, understood, memory),
        Intent::Duration => duration::reply(engine, understood, memory),
        Intent::PayFigure => pay_figure::reply(engine, understood, memory),
        Intent::Worth => worth::reply(engine, understood, memory),
        Intent::HowTo => how_to::reply(engine, understood, memory),
        Intent::Pay => pay::reply(engine, understood, memory),
        Intent::DetailsGiven => details_given::reply(engine, understood, memory),
        Intent::About => about::reply(engine, understood, memory),
    };
    reply.intent = understood.intent;
    // What this message said about the person is remembered, except the
    // options a comparison weighed: neither is theirs.
    reply.new_details = match &reply.content {
        Content::PlaceComparison(_) => understood.alternatives.shared(&understood.profile),
        _ => understood.profile.clone(),
    };
    reply
}
