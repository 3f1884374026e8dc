//! Saying no, on evidence: the reply to a question that is not about the
//! role, or that nothing in the knowledge base answers well enough.
//!
//! A single word shared with the domain is not evidence. The decision
//! reads [`TopicEvidence`]: words the knowledge base uses far more than
//! everyday English does count for the role; ordinary English words it
//! never uses count against. The off-topic groups of `scope.toml` only
//! give the decline its tone ("I can't check the weather").

use super::confidence::{self, Basis};
use super::topic::links;
use crate::engine::{CONFIDENCE_THRESHOLD, Engine};
use crate::matching::{Candidate, Ranking};
use crate::reply::{Content, Decline, Reply, ReplyKind};
use crate::understanding::{TopicEvidence, Understood};

/// How many close topics a decline may offer.
const MAX_CLOSEST: usize = 3;
/// A topic is offered only when its ranking confidence reaches this: an
/// offer of unrelated topics helps nobody.
const CLOSE_ENOUGH: f64 = 0.2;
/// What asking about pay or the job counts for the role.
const ASKS_WEIGHT: f64 = 0.5;
/// What a fully confident ranking counts for the role.
const CONFIDENCE_WEIGHT: f64 = 1.0;
/// With no evidence either way, a ranking below this is not trusted.
const UNSUPPORTED_RANKING: f64 = 0.5;
/// What each kind of detail given counts for the role.
const DETAIL_WEIGHT: f64 = 0.5;
/// What naming one of careerbot's own things counts for the role.
const ENTITY_WEIGHT: f64 = 0.5;
/// Evidence against that outweighs a detail: one rare, unrelated word.
const CLEARLY_FOREIGN: f64 = 0.9;

/// Whether the evidence says the question is about something else.
pub fn is_off_topic(understood: &Understood, ranking: &Ranking) -> bool {
    if understood.off_topic_trigger.is_some() {
        return true;
    }
    if let Some(best) = ranking.best()
        && matches!(best.candidate, Candidate::OffTopic(_))
        && ranking.confidence >= CONFIDENCE_THRESHOLD
    {
        return true;
    }
    against_the_role(
        &understood.evidence,
        understood.asks_pay || understood.asks_job,
        understood.names_an_entity(),
        ranking.confidence,
    )
}

/// For a message with structure of its own (details, a pay figure, a
/// package, two things compared): it is about something else when an
/// off-topic group's phrase or ranking says so, or clearly foreign words
/// outweigh what speaks for the role ("tickets in LA", "a Roth IRA").
/// A structure is evidence for the role, so a question with no evidence
/// either way is kept.
pub fn names_something_else(understood: &Understood, ranking: &Ranking, supported: bool) -> bool {
    let evidence = &understood.evidence;
    let asks = if understood.asks_pay || understood.asks_job {
        ASKS_WEIGHT
    } else {
        0.0
    };
    let named = if understood.names_an_entity() {
        ENTITY_WEIGHT
    } else {
        0.0
    };
    // Each kind of detail given ("5 years", "Denver", "a hospital") speaks
    // for the role too.
    let details = DETAIL_WEIGHT * understood.profile.kinds_known() as f64;
    // Details already given earlier support the question too: then only
    // an off-topic phrase or plainly foreign words say otherwise.
    // An off-topic group that wins on everyday words alone ("I live in
    // rural Mississippi" against "how many people live there") is no
    // evidence: it must share a word the role never uses. After details,
    // that word must be clearly foreign ("the weather in Boston" is not a
    // move to Boston).
    let off_topic_wins = ranking.best().is_some_and(|best| {
        matches!(best.candidate, Candidate::OffTopic(_))
            && ranking.confidence >= CONFIDENCE_THRESHOLD
    });
    let (ranked_off_topic, clearly) = match supported {
        true => (
            off_topic_wins && evidence.foreign >= CLEARLY_FOREIGN,
            2.0 * CLEARLY_FOREIGN,
        ),
        false => (off_topic_wins && evidence.foreign > 0.0, CLEARLY_FOREIGN),
    };
    // A package to add up is its own evidence: "my health insurance" in it
    // is a term of the package, not a patient's question.
    let trigger = understood.off_topic_trigger.is_some()
        && understood.intent != crate::understanding::Intent::Calculation;
    trigger
        || ranked_off_topic
        || (evidence.foreign >= clearly
            && evidence.domain + asks + named + details < evidence.foreign)
}

/// The evidence alone. Words against the role must outweigh the words
/// for it, where a question about pay or the job and a confident ranking
/// each count for the role too ("is this a dead end job" is about the
/// job, whatever "dead" means elsewhere). A question with no evidence
/// either way is declined only when nothing ranks well for it.
pub fn against_the_role(
    evidence: &TopicEvidence,
    asks_pay_or_job: bool,
    names_an_entity: bool,
    confidence: f64,
) -> bool {
    let asks = if asks_pay_or_job { ASKS_WEIGHT } else { 0.0 };
    let for_the_role = evidence.domain + asks + CONFIDENCE_WEIGHT * confidence;
    if evidence.foreign > 0.0 && for_the_role < evidence.foreign {
        return true;
    }
    let no_evidence =
        evidence.domain == 0.0 && evidence.foreign == 0.0 && !asks_pay_or_job && !names_an_entity;
    no_evidence && confidence < UNSUPPORTED_RANKING
}

/// Only the words against the role, for a follow-up whose subject the
/// conversation already settled: they must outweigh the words for it.
pub fn against_the_role_in_words(evidence: &TopicEvidence) -> bool {
    evidence.foreign > 0.0 && evidence.domain + ASKS_WEIGHT < evidence.foreign
}

/// The decline: the off-topic group's own words when one fits, what
/// careerbot covers, and at most three topics that really are close.
pub fn reply(engine: &Engine, understood: &Understood, ranking: Option<&Ranking>) -> Reply {
    let kb = engine.knowledge();
    let group = understood.off_topic_trigger.or_else(|| {
        ranking
            .and_then(Ranking::best)
            .and_then(|best| match best.candidate {
                Candidate::OffTopic(i) => Some(i),
                Candidate::Entry(_) => None,
            })
    });
    let closest = match (ranking, group) {
        (Some(ranking), None) if ranking.confidence >= CLOSE_ENOUGH => {
            let ids = (ranking.scored.iter())
                .filter_map(|s| match s.candidate {
                    Candidate::Entry(i) => Some(kb.entries[i].id.as_str()),
                    Candidate::OffTopic(_) => None,
                })
                .take(MAX_CLOSEST);
            links(engine, ids)
        }
        _ => Vec::new(),
    };
    let kind = match group {
        Some(_) => ReplyKind::OutOfScope,
        None => ReplyKind::Fallback,
    };
    let mut reply = Reply::simple(kind, kb.replies.fallback_title.clone(), String::new());
    reply.content = Content::Decline(Decline {
        reason: group.map(|g| kb.scope.off_topic[g].reply.clone()),
        other_role: None,
        closest: closest.clone(),
    });
    reply.suggestions = closest;
    reply.confidence = confidence::of(&Basis::Decline {
        ranking,
        evidence: &understood.evidence,
    });
    reply
}
