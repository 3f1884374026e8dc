//! A conversation: the engine plus the details one person has given so far.
//!
//! Profile stay in memory only. `forget` drops them.

use crate::answer::Memory;
use crate::domain::Profile;
use crate::engine::Engine;
use crate::reply::{Reply, ReplyKind};
use crate::understanding::normalize;

/// One person's conversation with the engine.
#[derive(Debug, Default, Clone)]
pub struct Conversation {
    memory: Memory,
}

impl Conversation {
    pub fn new() -> Conversation {
        Conversation::default()
    }

    /// The details remembered so far.
    pub fn memory(&self) -> &Profile {
        &self.memory.profile
    }

    /// Remember details given some other way than a message (a form).
    pub fn remember(&mut self, details: &Profile) {
        self.memory.profile = self.memory.profile.merged_with(details);
    }

    /// Drop everything remembered: details, last topic, package terms.
    pub fn forget(&mut self) {
        self.memory = Memory::default();
    }

    /// Answer a message, remembering any details it gives.
    pub fn ask(&mut self, engine: &Engine, message: &str) -> Reply {
        // "/duties": a shortcut to one topic, as on Discord.
        if let Some(name) = message.trim().strip_prefix('/')
            && let Some(reply) = engine.shortcut(&name.trim().to_lowercase())
        {
            return reply;
        }
        let command = normalize(message);
        let command = command.trim_matches(|c: char| !c.is_alphanumeric());
        let knowledge = engine.knowledge();
        if knowledge
            .lexicon
            .forget_commands
            .iter()
            .any(|c| c == command)
        {
            self.forget();
            let text = knowledge.replies.forgot.clone();
            let mut reply = Reply::simple(
                ReplyKind::Notice,
                knowledge.replies.titles.forgot.clone(),
                text,
            );
            reply.confidence = 1.0;
            return reply;
        }
        let reply = engine.answer_in(message, &self.memory);
        self.memory.remember(&reply);
        reply
    }
}
