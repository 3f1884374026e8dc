//! Adding up a pay package: base plus the employer's retirement match plus
//! any bonus. A salary stated earlier in the conversation is the base when
//! this message gives none.

use super::Memory;
use super::confidence::{self, Basis};
use super::topic::links;
use crate::compensation::{self, PackageQuestion};
use crate::engine::Engine;
use crate::reply::{Content, Reply, ReplyKind};
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    // Terms stated earlier count, this message's over them; a salary
    // given before is the base when this message gives none.
    let mut package = memory.terms.merged_with(&understood.package);
    if package.base.is_none() {
        package.base = understood.pay_figure.or(memory.profile.own_pay);
    }
    calculation_reply(engine, &package)
}

/// The total-compensation calculation for a package.
pub fn calculation_reply(engine: &Engine, package: &PackageQuestion) -> Reply {
    let kb = engine.knowledge();
    let replies = &kb.replies;
    // Match terms with no salary ("and if I only put in 3%?"): worked on
    // the guide's national median, and said so, with the share of pay.
    let mut package = package.clone();
    let example_base = (package.base.is_none()
        && (package.match_pct.is_some() || package.mentions_retirement))
        .then_some(kb.model.national.median);
    if example_base.is_some() {
        package.base = example_base;
    }
    let Some(mut total) = compensation::calculate(&package, &kb.model.retirement) else {
        let mut reply = Reply::simple(
            ReplyKind::Notice,
            replies.titles.calculation.clone(),
            replies.calculation.no_base.clone(),
        );
        reply.topic = Some("compensation.calculator".to_string());
        return reply;
    };
    let mut reply = Reply::simple(
        ReplyKind::Calculation,
        replies.titles.calculation.clone(),
        String::new(),
    );
    reply.topic = Some("compensation.calculator".to_string());
    reply.confidence = confidence::of(&Basis::Structure);
    reply.sources = kb.citations(&kb.model.retirement.sources);
    reply.suggestions = links(
        engine,
        replies.suggestions.calculation.iter().map(String::as_str),
    );
    if let Some(base) = example_base {
        total
            .assumptions
            .insert(0, compensation::Assumption::MedianBase { base });
    }
    reply.content = Content::Calculation(total);
    reply
}
