//! Adding up a pay package: base plus the employer's retirement match plus
//! any bonus. A salary stated earlier in the conversation is the base when
//! this message gives none.

use super::confidence::{self, Basis};
use super::topic::links;
use crate::compensation::{self, PackageQuestion};
use crate::domain::Profile;
use crate::engine::Engine;
use crate::reply::{Content, Reply, ReplyKind};
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Profile) -> Reply {
    let mut package = understood.package.clone();
    if package.base.is_none() {
        package.base = understood.pay_figure.or(memory.own_pay);
    }
    calculation_reply(engine, &package)
}

/// The total-compensation calculation for a package.
pub fn calculation_reply(engine: &Engine, package: &PackageQuestion) -> Reply {
    let kb = engine.knowledge();
    let replies = &kb.replies;
    let Some(total) = compensation::calculate(package, &kb.model.retirement) else {
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
    reply.content = Content::Calculation(total);
    reply
}
