//! Job offers side by side: the offers this message names, after any given
//! earlier in the conversation ("my first offer is …", then "the second
//! one is …"), each worked out, with what it comes to at national prices
//! where its place is known.

use super::Memory;
use super::confidence::{self, Basis};
use super::estimate::place_label;
use super::topic::links;
use crate::compensation::{self, MAX_OFFERS_WEIGHED, OfferTerms};
use crate::domain::OfferLabel;
use crate::engine::Engine;
use crate::reply::{Content, Reply, ReplyKind};
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    let offers = gathered(understood, memory);
    let mut reply = offers_reply(engine, &offers);
    reply.new_offers = offers;
    reply
}

/// Whether this message adds one offer to offers given earlier: "the
/// second one is 50k" after "my first offer is 48k with a 4% match".
pub fn adds_to_earlier(understood: &Understood, memory: &Memory) -> bool {
    let [offer] = understood.offers.as_slice() else {
        return false;
    };
    if offer.package.base.is_none() && !offer.package.has_terms() {
        return false;
    }
    let new = |o: &OfferTerms| !same_offer(&o.label, &offer.label);
    match memory.offers.is_empty() {
        false => priced(&memory.offers) >= 1 && memory.offers.iter().any(new),
        // A package worked out before, with no name, is the first offer
        // when this one is named as a later one ("the second offer").
        true => memory.terms.base.is_some() && offer.label.place().is_some_and(|p| p > 1),
    }
}

/// Whether this message asks again about the offers weighed before, with
/// nothing new: "so which one should I take?", "which is better?".
pub fn asks_about_earlier(understood: &Understood, memory: &Memory) -> bool {
    priced(&memory.offers) >= 2
        && understood.offers.is_empty()
        && !understood.package.has_terms()
        && understood.package.base.is_none()
        && understood.other_role.is_none()
        && understood.off_topic_trigger.is_none()
        && (understood.cues.compare
            || understood.cues.ranking.is_some()
            || understood.cues.total
            || understood.intent == crate::understanding::Intent::Worth)
}

/// How many offers have a base to work from.
fn priced(offers: &[OfferTerms]) -> usize {
    offers.iter().filter(|o| o.package.base.is_some()).count()
}

/// The offers remembered, this message's over them: an offer named again
/// takes the new terms over the old ones.
fn gathered(understood: &Understood, memory: &Memory) -> Vec<OfferTerms> {
    let mut offers = memory.offers.clone();
    if offers.is_empty()
        && memory.terms.base.is_some()
        && let [offer] = understood.offers.as_slice()
    {
        let noun = match &offer.label {
            OfferLabel::Lettered { noun, .. } | OfferLabel::Ordered { noun, .. } => noun.clone(),
            OfferLabel::Named { .. } | OfferLabel::AtPlace { .. } => "offer".to_string(),
        };
        offers.push(OfferTerms {
            label: OfferLabel::Ordered { place: 1, noun },
            package: memory.terms.clone(),
            place: memory.profile.location.clone(),
        });
    }
    for offer in &understood.offers {
        match offers
            .iter_mut()
            .find(|o| same_offer(&o.label, &offer.label))
        {
            Some(earlier) => {
                earlier.package = earlier.package.merged_with(&offer.package);
                if offer.place.is_some() {
                    earlier.place.clone_from(&offer.place);
                }
            }
            None => offers.push(offer.clone()),
        }
    }
    offers.truncate(MAX_OFFERS_WEIGHED);
    offers
}

/// The same offer, by name or by place in the order ("offer B" is the
/// second offer).
fn same_offer(a: &OfferLabel, b: &OfferLabel) -> bool {
    a == b || (a.place().is_some() && a.place() == b.place())
}

/// Offers side by side, as the chat and Discord's `/offers` form show them.
pub fn offers_reply(engine: &Engine, offers: &[OfferTerms]) -> Reply {
    let kb = engine.knowledge();
    let replies = &kb.replies;
    let priced: Vec<_> = offers
        .iter()
        .map(|offer| {
            let place = offer.place.as_ref();
            let mut offer = offer.clone();
            // An offer known by its place is called by the place's name.
            if let (OfferLabel::AtPlace { name }, Some(place)) = (&mut offer.label, place) {
                *name = place_label(engine, place);
            }
            (
                offer,
                place.map(|p| place_label(engine, p)),
                place.and_then(|p| kb.price_level(p)).cloned(),
            )
        })
        .collect();
    let comparison = compensation::weigh(&priced, &kb.model.retirement);
    let mut reply = Reply::simple(ReplyKind::Offers, replies.titles.offers.clone(), "");
    reply.topic = Some("compensation.offers".to_string());
    reply.confidence = confidence::of(&Basis::Structure);
    let mut sources = kb.model.retirement.sources.clone();
    if comparison.offers.iter().any(|o| o.price.is_some()) {
        sources.extend(kb.model.location.price_sources.iter().cloned());
    }
    reply.sources = kb.citations(&sources);
    reply.suggestions = links(
        engine,
        replies.suggestions.offers.iter().map(String::as_str),
    );
    reply.content = Content::Offers(comparison);
    reply
}
