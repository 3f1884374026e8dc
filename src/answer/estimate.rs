//! Salary estimates as replies: one person's estimate, and estimates for
//! several places or employer types side by side.

use super::topic::links;
use crate::domain::{Place, Profile};
use crate::engine::Engine;
use crate::estimate::{self, Estimate};
use crate::reply::{
    ComparedBy, Content, Described, DescribedPlace, EstimateContent, PlaceComparison, PlaceOption,
    PricedPay, Reply, ReplyKind,
};
use crate::understanding::Alternatives;

/// How a question asked for its estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EstimateView {
    /// "Per hour": show hourly figures too.
    pub hourly: bool,
    /// The person's own yearly pay ("I make 42k"), to place on the range.
    pub their_pay: Option<i64>,
    /// Made from an empty form (Discord's `/salary` with no options).
    pub from_empty_form: bool,
    /// It asked what the pay buys ("what is 50k in Miami at national
    /// prices?"): that is said first.
    pub prices_asked: bool,
}

/// The most places or employer types one comparison shows.
const MAX_COMPARED: usize = 4;

/// The details used, with the knowledge base's labels.
pub fn describe(engine: &Engine, profile: &Profile) -> Described {
    let entities = &engine.knowledge().entities;
    Described {
        experience: profile.experience,
        education: (profile.education.as_ref())
            .and_then(|id| entities.education(id))
            .map(|e| e.label.clone()),
        certifications: (profile.certifications.iter())
            .filter_map(|id| entities.certification(id))
            .map(|c| c.name.clone())
            .collect(),
        pending_certifications: (profile.pending_certifications.iter())
            .filter_map(|id| entities.certification(id))
            .map(|c| c.name.clone())
            .collect(),
        no_certifications: profile.no_certifications,
        place: profile.location.as_ref().map(|place| match place {
            Place::Metro { name, .. } | Place::State { name, .. } => {
                DescribedPlace::Named(name.clone())
            }
            Place::Rural { state } => {
                DescribedPlace::Rural(state.as_deref().map(|code| state_name(engine, code)))
            }
        }),
        employer: (profile.employer.as_ref())
            .and_then(|id| entities.employer(id))
            .map(|e| e.label.clone()),
        supervisory: profile.supervisory,
    }
}

/// A salary estimate for a profile, explained, shown as asked.
pub fn estimate_reply(engine: &Engine, profile: &Profile, view: EstimateView) -> Reply {
    let kb = engine.knowledge();
    let replies = &kb.replies;
    let estimate = estimate::estimate(kb, profile);
    let mut reply = Reply::simple(ReplyKind::Estimate, replies.titles.estimate.clone(), "");
    reply.topic = Some("salary.estimate".to_string());
    reply.confidence = 1.0;
    reply.sources = kb.citations(&estimate.sources);
    let entities = &kb.entities;
    let mut related: Vec<&str> = Vec::new();
    if let Some(cert) = (profile.certifications.first()).and_then(|c| entities.certification(c)) {
        related.push(&cert.entry);
    }
    if let Some(employer) = (profile.employer.as_ref()).and_then(|e| entities.employer(e)) {
        related.push(&employer.entry);
    }
    related.extend(replies.suggestions.estimate.iter().map(String::as_str));
    related.truncate(3);
    reply.suggestions = links(engine, related);
    let national = estimate
        .factors
        .is_empty()
        .then(|| kb.model.national.note.clone());
    let prices = priced(
        engine,
        profile.location.as_ref(),
        estimate.mid,
        view.their_pay,
        view.prices_asked,
    );
    if prices.is_some() {
        reply
            .sources
            .extend(kb.citations(&kb.model.location.price_sources));
    }
    reply.content = Content::Estimate(EstimateContent {
        estimate,
        hourly: view.hourly.then_some(kb.model.national.paid_hours_per_year),
        their_pay: view.their_pay,
        used: describe(engine, profile),
        national,
        bls_year: kb.model.location.bls_year,
        from_empty_form: view.from_empty_form,
        prices,
    });
    reply.details_used = profile.clone();
    reply
}

/// Estimates for each place or employer type in `alternatives`, side by
/// side, everything else taken from `profile`: the answer to "does Boston
/// pay more than Denver?". When as many places as employer types are named
/// ("a hospital in Boston or a clinic in Denver"), they pair up in order;
/// otherwise places are compared, and an employer type named among them is
/// left out rather than pinned to one of them.
pub fn comparison_reply(
    engine: &Engine,
    profile: &Profile,
    alternatives: &Alternatives,
    view: EstimateView,
) -> Reply {
    let kb = engine.knowledge();
    let replies = &kb.replies;
    let entities = &kb.entities;
    let (places, employers) = (&alternatives.places, &alternatives.employers);
    let place = |p: &Place| Profile {
        location: Some(p.clone()),
        ..Profile::default()
    };
    let employer = |e: &crate::domain::EmployerId| Profile {
        employer: Some(e.clone()),
        ..Profile::default()
    };
    let (by, named): (ComparedBy, Vec<Profile>) = if places.len() >= 2 {
        let paired = employers.len() == places.len();
        let options = (places.iter().enumerate())
            .map(|(i, p)| match paired {
                true => place(p).merged_with(&employer(&employers[i])),
                false => place(p),
            })
            .collect();
        (ComparedBy::Place, options)
    } else {
        (
            ComparedBy::Employer,
            employers.iter().map(employer).collect(),
        )
    };
    // What the options share: everything but what is compared.
    let shared = alternatives.shared(profile);
    let options: Vec<PlaceOption> = (named.iter().take(MAX_COMPARED))
        .map(|own| {
            let estimate = estimate::estimate(kb, &shared.merged_with(own));
            let place_name = own.location.as_ref().map(|p| place_label(engine, p));
            let employer_name = (own.employer.as_ref())
                .and_then(|e| entities.employer(e))
                .map(|e| e.name.clone());
            let name = match (place_name, employer_name) {
                (Some(place), Some(employer)) => format!("{employer}, {place}"),
                (Some(place), None) => place,
                (None, Some(employer)) => employer,
                (None, None) => String::new(),
            };
            let bls_median = bls_median(&estimate);
            let prices = priced(engine, own.location.as_ref(), estimate.mid, None, false);
            PlaceOption {
                name,
                estimate,
                bls_median,
                prices,
            }
        })
        .collect();
    let missing = options
        .first()
        .map_or_else(Vec::new, |o| o.estimate.missing.clone());
    let mut reply = Reply::simple(ReplyKind::Comparison, replies.titles.comparison.clone(), "");
    reply.topic = Some("salary.estimate".to_string());
    reply.confidence = 1.0;
    reply.sources = kb.citations(options.iter().flat_map(|o| &o.estimate.sources));
    if options.iter().any(|o| o.prices.is_some()) {
        reply
            .sources
            .extend(kb.citations(&kb.model.location.price_sources));
    }
    reply.suggestions = links(
        engine,
        replies.suggestions.comparison.iter().map(String::as_str),
    );
    reply.details_used = shared.clone();
    reply.content = Content::PlaceComparison(PlaceComparison {
        by,
        named: named.len(),
        options,
        hourly: view.hourly.then_some(kb.model.national.paid_hours_per_year),
        their_pay: view.their_pay,
        used: describe(engine, &shared),
        missing,
    });
    reply
}

/// What a typical figure (and the person's own pay) buys in a place, at
/// national prices, when its BEA price level is known.
fn priced(
    engine: &Engine,
    place: Option<&Place>,
    typical: i64,
    theirs: Option<i64>,
    asked: bool,
) -> Option<PricedPay> {
    let place = place?;
    let level = engine.knowledge().price_level(place)?;
    Some(PricedPay {
        place: place_label(engine, place),
        rpp: level.rpp,
        year: level.year,
        typical: level.at_national_prices(typical),
        theirs: theirs.map(|pay| level.at_national_prices(pay)),
        asked,
    })
}

/// A place's short name: the first city of a metro ("Boston"), a state's
/// name, "rural Ohio".
pub(super) fn place_label(engine: &Engine, place: &Place) -> String {
    let replies = &engine.knowledge().replies;
    match place {
        Place::Metro { name, .. } => crate::render::words::short_place(name),
        Place::State { name, .. } => name.clone(),
        Place::Rural { state: Some(code) } => crate::knowledge::fill(
            &replies.describe.rural_in,
            &[("state", &state_name(engine, code))],
        ),
        Place::Rural { state: None } => replies.describe.rural.clone(),
    }
}

/// A state's name from its postal code ("KY" → "Kentucky").
fn state_name(engine: &Engine, code: &str) -> String {
    (engine.knowledge().wages.state(code)).map_or_else(|| code.to_string(), |s| s.name.clone())
}

/// The BLS median behind an estimate's place: the area's, or the average
/// of a state's nonmetropolitan areas.
fn bls_median(estimate: &Estimate) -> Option<i64> {
    if let Some(median) = estimate.local.as_ref().and_then(|l| l.median) {
        return Some(i64::from(median));
    }
    estimate.factors.iter().find_map(|f| match &f.evidence {
        crate::estimate::Evidence::Location {
            place: crate::estimate::PlaceEvidence::RuralState { average, .. },
            ..
        } => Some(*average),
        _ => None,
    })
}
