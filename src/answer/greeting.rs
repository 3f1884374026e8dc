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
    reply
}
