//! A question about another job: careerbot covers only the coordinator
//! role, and says so.

use super::confidence::{self, Basis};
use super::topic::links;
use crate::engine::Engine;
use crate::reply::{Content, Decline, Reply, ReplyKind};
use crate::understanding::{OtherRole, Understood};

pub fn reply(engine: &Engine, understood: &Understood) -> Reply {
    let kb = engine.knowledge();
    let role = understood.other_role.as_ref().map(|role| match role {
        OtherRole::Listed(name) => name.clone(),
        OtherRole::Coordinator => kb.replies.other_coordinator.clone(),
    });
    let mut reply = Reply::simple(
        ReplyKind::OtherRole,
        kb.replies.titles.other_role.clone(),
        String::new(),
    );
    reply.content = Content::Decline(Decline {
        reason: None,
        other_role: role,
        closest: Vec::new(),
    });
    reply.confidence = confidence::of(&Basis::Structure);
    reply.suggestions = links(
        engine,
        kb.replies.suggestions.other_role.iter().map(String::as_str),
    );
    reply
}
