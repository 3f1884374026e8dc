//! "Hi", "thanks": a greeting that says what careerbot does.

use crate::engine::Engine;
use crate::reply::{Reply, ReplyKind};

pub fn reply(engine: &Engine) -> Reply {
    let replies = &engine.knowledge().replies;
    let mut reply = Reply::simple(
        ReplyKind::Notice,
        replies.titles.greeting.clone(),
        replies.greeting.clone(),
    );
    reply.confidence = 1.0;
    reply.intent = crate::understanding::Intent::Greeting;
    reply.suggestions = super::topic::links(
        engine,
        replies.suggestions.greeting.iter().map(String::as_str),
    );
    reply
}
