//! What the sources do not give: a cost or a length of time. The reply
//! names what was asked about, says plainly that the guide gives no such
//! figure, and then shows what the guide does say about it.

use super::confidence::{self, Basis};
use super::decline;
use super::topic::{entry_reply, rank};
use crate::engine::{CONFIDENCE_THRESHOLD, Engine};
use crate::matching::Candidate;
use crate::reply::{Content, NotGiven, Reply};
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, cost: bool, duration: bool) -> Reply {
    let kb = engine.knowledge();
    let named = understood
        .entities()
        .first()
        .and_then(|id| kb.entities.get(id));
    // The entry that says what the guide does know about the subject.
    let (subject, entry) = match named {
        Some(entity) => (Some(entity.name.clone()), kb.entry(&entity.entry)),
        None => {
            let ranking = rank(engine, understood, &[]);
            if decline::is_off_topic(understood, &ranking) {
                return decline::reply(engine, understood, Some(&ranking));
            }
            let entry = match ranking.best() {
                Some(best) if ranking.confidence >= CONFIDENCE_THRESHOLD => match best.candidate {
                    Candidate::Entry(i) => Some(&kb.entries[i]),
                    Candidate::OffTopic(_) => None,
                },
                _ => None,
            };
            (entry.map(|e| e.title.clone()), entry)
        }
    };
    let mut reply = match entry {
        Some(entry) => entry_reply(engine, entry),
        None => Reply::simple(crate::reply::ReplyKind::Answer, "", ""),
    };
    reply.title = kb.replies.titles.not_given.clone();
    reply.content = Content::NotGiven(NotGiven {
        cost,
        duration,
        subject,
    });
    reply.confidence = confidence::of(&Basis::Named {
        evidence: &understood.evidence,
    });
    reply
}
