//! Topic answers: an entry's reply, and choosing the entry for a question
//! from the things it names and the ranking of its words.

use super::Memory;
use super::confidence::{self, Basis};
use super::decline;
use crate::engine::{CONFIDENCE_THRESHOLD, Engine};
use crate::knowledge::Entry;
use crate::matching::{Candidate, Ranking};
use crate::reply::{Reply, ReplyKind, TopicLink};
use crate::understanding::{Mention, Named, Understood};

/// How much a named entity's entry is favoured in ranking.
const ENTITY_BOOST: f64 = 0.8;
/// How much a named kind's overview entry is favoured.
const KIND_BOOST: f64 = 0.4;
/// How much the topics an intent leans to are favoured.
const LEANING_BOOST: f64 = 0.3;
/// How much the topic a conversation was last on is favoured for a
/// follow-up, and the entries related to it.
const FOLLOW_BOOST: f64 = 1.0;
const RELATED_BOOST: f64 = 0.4;
/// Below this confidence a question may lean on the last topic.
const FOLLOW_UP_BELOW: f64 = 0.6;
/// An entity whose name is at least this share of the question's content
/// words is what the question is about.
const ENTITY_IS_SUBJECT: f64 = 0.5;

/// The reply for one entry.
pub fn entry_reply(engine: &Engine, entry: &Entry) -> Reply {
    let kb = engine.knowledge();
    let mut reply = Reply::simple(ReplyKind::Answer, entry.title.clone(), entry.answer.clone());
    reply.topic = Some(entry.id.clone());
    reply.sources = kb.citations(&entry.sources);
    reply.suggestions = links(engine, entry.related.iter().map(String::as_str));
    reply
}

/// Topic links for entry ids, skipping unknown ones.
pub fn links<'a>(engine: &Engine, ids: impl IntoIterator<Item = &'a str>) -> Vec<TopicLink> {
    let kb = engine.knowledge();
    ids.into_iter()
        .filter_map(|id| kb.entry(id))
        .map(|e| TopicLink {
            id: e.id.clone(),
            title: e.title.clone(),
            short_title: e.short_title.clone(),
        })
        .collect()
}

/// The entry ids the question's names point at: each named entity's entry,
/// and the overview of each kind named as a whole.
fn named_entries(engine: &Engine, mentions: &[Mention]) -> Vec<(&'static str, String)> {
    let entities = &engine.knowledge().entities;
    let mut found: Vec<(&'static str, String)> = Vec::new();
    for mention in mentions {
        let entry = match &mention.named {
            Named::Entity(id) => entities.get(id).map(|e| ("entity", e.entry.clone())),
            Named::Kind(kind) => entities.overview(*kind).map(|o| ("kind", o.to_string())),
        };
        if let Some(entry) = entry
            && !found.iter().any(|(_, e)| *e == entry.1)
        {
            found.push(entry);
        }
    }
    found
}

/// Rank the entries for a question, favouring what it names and the
/// topics its intent leans to.
pub fn rank(engine: &Engine, understood: &Understood, leanings: &[&str]) -> Ranking {
    rank_with(engine, understood, leanings, None)
}

/// Rank, also favouring the topic a conversation was last on and the
/// entries related to it: for a follow-up that does not say its subject
/// again ("what do they do right before they go home?").
fn rank_with(
    engine: &Engine,
    understood: &Understood,
    leanings: &[&str],
    follows: Option<&str>,
) -> Ranking {
    let kb = engine.knowledge();
    let mut boosts: Vec<(usize, f64)> = Vec::new();
    for (how, id) in named_entries(engine, &understood.mentions) {
        if let Some(position) = kb.entry_position(&id) {
            let boost = if how == "entity" {
                ENTITY_BOOST
            } else {
                KIND_BOOST
            };
            boosts.push((position, boost));
        }
    }
    for id in leanings {
        if let Some(position) = kb.entry_position(id)
            && !boosts.iter().any(|(p, _)| *p == position)
        {
            boosts.push((position, LEANING_BOOST));
        }
    }
    if let Some(last) = follows.and_then(|id| kb.entry(id)) {
        let related = last.related.iter().map(|id| (id.as_str(), RELATED_BOOST));
        for (id, boost) in std::iter::once((last.id.as_str(), FOLLOW_BOOST)).chain(related) {
            if let Some(position) = kb.entry_position(id) {
                match boosts.iter_mut().find(|(p, _)| *p == position) {
                    Some(existing) => existing.1 = existing.1.max(boost),
                    None => boosts.push((position, boost)),
                }
            }
        }
    }
    engine
        .index()
        .rank_boosted(&understood.ranking_terms, &boosts)
}

/// The entry of the one thing the question is about, when its name is most
/// of what the question says ("what is a superbill", "cmaa?", "is the
/// CEHRS worth it").
fn subject_entry<'a>(engine: &'a Engine, understood: &Understood) -> Option<&'a Entry> {
    let entries = named_entries(engine, &understood.mentions);
    let [(_, entry)] = entries.as_slice() else {
        return None;
    };
    let analyzer = engine.understander().analyzer();
    let content = |range: std::ops::Range<usize>| {
        understood.text.tokens[range]
            .iter()
            .filter(|t| !analyzer.is_stopword(t) && !t.chars().all(|c| c.is_ascii_digit()))
            .count()
    };
    let total = content(0..understood.text.tokens.len()).max(1);
    let named: usize = (understood.mentions.iter())
        .map(|m| content(m.start..m.end.min(understood.text.tokens.len())))
        .sum();
    let share = named as f64 / total as f64;
    (share >= ENTITY_IS_SUBJECT || total <= 2)
        .then(|| engine.knowledge().entry(entry))
        .flatten()
}

/// The best topic answer for a question, or a decline when the question is
/// not about the role or nothing fits well enough.
pub fn best_topic(
    engine: &Engine,
    understood: &Understood,
    leanings: &[&str],
    memory: &Memory,
) -> Reply {
    let kb = engine.knowledge();
    // The one thing named is the answer, unless the words around it say
    // the question is about something else ("Epic Universe at Universal
    // Orlando", "a $28k PhD stipend").
    if let Some(entry) = subject_entry(engine, understood)
        && understood.off_topic_trigger.is_none()
        && !decline::against_the_role_in_words(&understood.evidence)
    {
        let mut reply = entry_reply(engine, entry);
        reply.confidence = confidence::of(&Basis::Named {
            evidence: &understood.evidence,
        });
        return reply;
    }
    let mut ranking = rank(engine, understood, leanings);
    // A follow-up that does not name its subject again ("what are they
    // based on?") continues the last topic: the last topic and its related
    // entries are favoured. The conversation is then the evidence that the
    // question is about the role.
    // A follow-up that names its own subject ("ok what about in a hospital
    // setting?") is about that subject, when it ranks first.
    let names_its_subject = ranking.confidence >= CONFIDENCE_THRESHOLD
        && ranking.best().is_some_and(|best| match best.candidate {
            Candidate::Entry(i) => named_entries(engine, &understood.mentions)
                .iter()
                .any(|(_, id)| *id == kb.entries[i].id),
            Candidate::OffTopic(_) => false,
        });
    let mut followed = false;
    if let Some(last) = memory.last_topic.as_deref()
        && (ranking.confidence < FOLLOW_UP_BELOW || understood.follow_up)
        && understood.off_topic_trigger.is_none()
        && !names_its_subject
    {
        let mut following = rank_with(engine, understood, leanings, Some(last));
        let continues = |candidate: &Candidate| match candidate {
            Candidate::Entry(i) => {
                let entry = &kb.entries[*i];
                entry.id == last
                    || kb
                        .entry(last)
                        .is_some_and(|l| l.related.contains(&entry.id))
            }
            Candidate::OffTopic(_) => false,
        };
        // The best of the last topic and its related entries that shares
        // a word with the question, even if another entry scores higher on
        // the question's few words alone.
        if let Some(at) = following
            .scored
            .iter()
            .position(|s| continues(&s.candidate))
        {
            let chosen = following.scored.remove(at);
            following.scored.insert(0, chosen);
            following.confidence = following.confidence.max(CONFIDENCE_THRESHOLD);
            ranking = following;
            followed = true;
        }
    }
    let off_topic = match followed {
        true => decline::against_the_role_in_words(&understood.evidence),
        false => decline::is_off_topic(understood, &ranking),
    };
    if off_topic {
        return decline::reply(engine, understood, Some(&ranking));
    }
    match ranking.best() {
        Some(best) if ranking.confidence >= CONFIDENCE_THRESHOLD => match best.candidate {
            Candidate::Entry(position) => {
                let mut reply = entry_reply(engine, &kb.entries[position]);
                reply.confidence = confidence::of(&Basis::Ranked {
                    ranking: &ranking,
                    evidence: &understood.evidence,
                });
                reply
            }
            Candidate::OffTopic(_) => decline::reply(engine, understood, Some(&ranking)),
        },
        _ => decline::reply(engine, understood, Some(&ranking)),
    }
}
