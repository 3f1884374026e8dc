//! Reply builders: one per [`Intent`], each in its own file, each reading
//! only the [`Understood`] message, the remembered profile and the
//! knowledge base, and returning a [`Reply`].
//!
//! [`route`] is the only place that chooses between them. Shared pieces
//! live beside them: [`topic`] (entries and ranking), [`estimate`]
//! (estimates and their comparisons), [`decline`] (saying no, on
//! evidence) and [`confidence`].

mod about;
mod calculation;
mod compare;
mod confidence;
mod cost;
mod decline;
mod details_given;
mod duration;
mod estimate;
mod greeting;
mod how_to;
mod not_given;
mod offers;
mod other_role;
mod pay;
mod pay_figure;
mod topic;
mod wages;
mod worth;

pub use calculation::calculation_reply;
pub use estimate::{EstimateView, describe, estimate_reply};
pub use offers::offers_reply;
pub use topic::{entry_reply, rank};

use crate::compensation::PackageQuestion;
use crate::domain::Profile;
use crate::engine::Engine;
use crate::reply::{Content, Reply};
use crate::understanding::{Intent, Mention, Named, Understood};

/// The topics an intent leans to, from `intents.toml`.
fn leanings<'a>(engine: &'a Engine, intent: &str) -> Vec<&'a str> {
    (engine.knowledge().intents.leanings.get(intent))
        .map(|ids| ids.iter().map(String::as_str).collect())
        .unwrap_or_default()
}

/// What a conversation remembers between messages, in memory only: the
/// person's details, the topic last answered (for follow-ups such as
/// "which one is best?"), and pay-package terms stated earlier.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Memory {
    pub profile: Profile,
    pub last_topic: Option<String>,
    pub terms: PackageQuestion,
    /// Job offers stated so far, for one more to be weighed against.
    pub offers: Vec<crate::compensation::OfferTerms>,
}

impl Memory {
    /// A memory of details only.
    pub fn of(profile: &Profile) -> Memory {
        Memory {
            profile: profile.clone(),
            ..Memory::default()
        }
    }

    /// Take in what a reply says to remember: its details, its topic, and
    /// the package terms of the message it answered.
    pub fn remember(&mut self, reply: &Reply) {
        self.profile = self.profile.merged_with(&reply.new_details);
        if reply.topic.is_some() {
            self.last_topic.clone_from(&reply.topic);
        }
        self.terms = self.terms.merged_with(&reply.new_terms);
        if !reply.new_offers.is_empty() {
            // An offers reply carries every offer weighed; a single named
            // offer adds to those before.
            for offer in &reply.new_offers {
                match self.offers.iter_mut().find(|o| o.label == offer.label) {
                    Some(earlier) => *earlier = offer.clone(),
                    None => self.offers.push(offer.clone()),
                }
            }
            self.offers
                .truncate(crate::compensation::MAX_OFFERS_WEIGHED);
        }
    }
}

/// "How much does it cost to take?" after the CMAA, "is that normal?"
/// after profit sharing: a follow-up that names nothing is about what the
/// last answer was about. The message then names that entity (or that
/// kind, after a kind's overview), at no words of its own.
fn carried_over(engine: &Engine, understood: &Understood, memory: &Memory) -> Option<Understood> {
    let last = memory.last_topic.as_deref()?;
    let unnamed = understood.mentions.is_empty()
        && understood.follow_up
        && understood.off_topic_trigger.is_none()
        && understood.other_role.is_none()
        && !matches!(
            understood.intent,
            Intent::Greeting | Intent::Calculation | Intent::OtherRole | Intent::OffTopic
        );
    if !unnamed {
        return None;
    }
    let entities = &engine.knowledge().entities;
    let named = match entities.all().find(|e| e.entry == last) {
        Some(entity) => Named::Entity(entity.id.clone()),
        None => Named::Kind(compare::last_kind(engine, memory)?),
    };
    let mut carried = understood.clone();
    let at = carried.text.tokens.len();
    carried.mentions.push(Mention {
        named,
        start: at,
        end: at,
    });
    Some(carried)
}

/// Answer an understood message, given what the person said before.
pub fn route(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    let carried = carried_over(engine, understood, memory);
    let understood = carried.as_ref().unwrap_or(understood);
    // "BLS median in Texas?", "which state pays most?": the tables answer,
    // whether it was asked as pay, as a detail or as a plain question.
    let asks_the_tables = matches!(
        understood.intent,
        Intent::About | Intent::Pay | Intent::DetailsGiven | Intent::Worth
    ) && wages::asks_the_tables(understood);
    // "What's my total comp?" after the terms were given message by
    // message: the calculation, with what was said before.
    // So does a new term in a conversation about a package: "and what if I
    // only put in 3%?".
    let terms = &understood.package;
    let adds_a_term = terms.contribution_pct.is_some() || terms.match_pct.is_some();
    let adds_up_earlier_terms = matches!(understood.intent, Intent::About | Intent::Pay)
        && (understood.cues.total || adds_a_term)
        && memory.terms.merged_with(terms).has_terms();
    // Structure (details, a figure, a package, two things compared) is no
    // proof the question is about the role: "the minimum wage in
    // California", "tickets in LA", "convert $45,000 to euros".
    // A cost or a duration of one of careerbot's own things ("how long
    // is the CMAA valid?") is about the role whatever else it says.
    let priced_thing = matches!(understood.intent, Intent::Cost | Intent::Duration)
        && understood.names_an_entity();
    let structural = !priced_thing
        && matches!(
            understood.intent,
            Intent::Compare
                | Intent::Pay
                | Intent::PayFigure
                | Intent::DetailsGiven
                | Intent::Cost
                | Intent::Duration
        );
    let continues =
        understood.follow_up && (memory.profile.affects_estimate() || memory.last_topic.is_some());
    if structural && !continues {
        let ranking = rank(engine, understood, &[]);
        // A conversation already about the role (details, a topic, package
        // terms) supports its next message too.
        // So does a question of what pay buys in a place ("what is 50k in
        // San Francisco at national prices?").
        let supported = (understood.cues.prices
            && (understood.profile.location.is_some() || understood.pay_figure.is_some()))
            || memory.profile.affects_estimate()
            || memory.profile.own_pay.is_some()
            || memory.last_topic.is_some()
            || memory.terms.has_terms();
        if decline::names_something_else(understood, &ranking, supported) {
            let mut reply = decline::reply(engine, understood, Some(&ranking));
            reply.intent = Intent::OffTopic;
            return reply;
        }
    }
    // "Is that low?" after "I make 41k": the pay given before, judged.
    let judges_earlier_pay = matches!(understood.intent, Intent::About | Intent::Worth)
        && understood.cues.judge
        && understood.follow_up
        && memory.profile.own_pay.is_some();
    // "Which one is best known?" after the certifications overview: every
    // one of that kind, side by side, judged on what was asked.
    let ranks_the_last_kind = matches!(understood.intent, Intent::About | Intent::Worth)
        && understood.follow_up
        && !understood.names_an_entity()
        && compare::last_kind(engine, memory).is_some()
        && (understood.cues.ranking.is_some() || understood.cues.compare);
    let mut reply = match understood.intent {
        _ if offers::adds_to_earlier(understood, memory)
            || offers::asks_about_earlier(understood, memory) =>
        {
            offers::reply(engine, understood, memory)
        }
        _ if asks_the_tables => wages::reply(engine, understood),
        _ if judges_earlier_pay => pay_figure::reply(engine, understood, memory),
        _ if ranks_the_last_kind => compare::reply(engine, understood, memory),
        _ if adds_up_earlier_terms => calculation::reply(engine, understood, memory),
        Intent::Greeting => greeting::reply(engine),
        Intent::OtherRole => other_role::reply(engine, understood),
        Intent::OffTopic => decline::reply(engine, understood, None),
        Intent::Offers => offers::reply(engine, understood, memory),
        Intent::Calculation => calculation::reply(engine, understood, memory),
        Intent::Compare => compare::reply(engine, understood, memory),
        Intent::Cost => cost::reply(engine, understood, memory),
        Intent::Duration => duration::reply(engine, understood, memory),
        Intent::PayFigure => pay_figure::reply(engine, understood, memory),
        Intent::Worth => worth::reply(engine, understood, memory),
        Intent::HowTo => how_to::reply(engine, understood, memory),
        Intent::Pay => pay::reply(engine, understood, memory),
        Intent::DetailsGiven => details_given::reply(engine, understood, memory),
        Intent::About => about::reply(engine, understood, memory),
    };
    reply.intent = understood.intent;
    // Several offers' terms are no one package to add to later.
    if reply.new_offers.is_empty() {
        reply.new_terms = understood.package.clone();
        reply.new_offers = understood.offers.clone();
    }
    // What this message said about the person is remembered, except the
    // options a comparison weighed: neither is theirs.
    reply.new_details = match &reply.content {
        Content::PlaceComparison(_) => understood.alternatives.shared(&understood.profile),
        // An offer's pay or place is not the person's own.
        Content::Offers(_) => Profile {
            own_pay: None,
            location: None,
            ..understood.profile.clone()
        },
        _ => understood.profile.clone(),
    };
    reply
}
