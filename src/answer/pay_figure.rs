//! A pay figure to judge: "is 52k good?", "they offered me $19 an hour".
//! On its own it is placed on the guide's national range; with details
//! (given now or before) it is placed on the person's own estimate.

use super::Memory;
use super::confidence::{self, Basis};
use super::estimate::{EstimateView, estimate_reply};
use crate::engine::Engine;
use crate::render::words::position_of;
use crate::reply::{Content, PayFigure, Reply, ReplyKind};
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    let kb = engine.knowledge();
    // "Is that low?" about the pay given in an earlier message.
    let Some(pay) = understood.pay_figure.or(memory.profile.own_pay) else {
        return super::about::reply(engine, understood, memory);
    };
    let merged = memory.profile.merged_with(&understood.profile);
    if merged.affects_estimate() {
        let view = EstimateView {
            hourly: understood.asks_hourly,
            their_pay: Some(pay),
            from_empty_form: false,
            prices_asked: understood.cues.prices,
        };
        return estimate_reply(engine, &merged, view);
    }
    let national = &kb.model.national;
    let band = (kb.model.experience.iter())
        .find(|b| (b.low..=b.high).contains(&pay))
        .map(|b| (b.label.clone(), b.low, b.high));
    let mut reply = Reply::simple(
        ReplyKind::Estimate,
        kb.replies.titles.pay_figure.clone(),
        String::new(),
    );
    let related = &kb.replies.suggestions.pay_figure;
    reply.topic = related.first().cloned();
    reply.content = Content::PayFigure(PayFigure {
        pay,
        national_median: national.median,
        national_low: national.low,
        national_high: national.high,
        position: position_of(pay, national.low, national.median, national.high),
        band,
    });
    reply.sources = kb.citations(&national.sources);
    reply.suggestions = super::topic::links(engine, related.iter().map(String::as_str));
    reply.confidence = confidence::of(&Basis::Structure);
    reply
}
