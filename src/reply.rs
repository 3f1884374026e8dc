//! The engine's answer to one message, as data, before any front end
//! renders it.
//!
//! A `Reply` keeps its parts apart: a title, text already in words (a
//! topic's answer, a notice), and [`Content`]: the structure of an
//! estimate, a comparison, a calculation or a decline. The renderers in
//! [`crate::render`] word the structure from `replies.toml`, so the terminal,
//! the JSON contract and Discord all show the same reply their own way.

use crate::compensation::{OfferComparison, OfferTerms, PackageQuestion, PackageTotal};
use crate::domain::{Citation, EntityKind, Experience, Profile};
use crate::estimate::Estimate;
use crate::understanding::Intent;
use serde::Serialize;

/// What kind of reply this is; front ends pick colours and layouts by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    /// A knowledge-base entry.
    Answer,
    /// A personal salary estimate.
    Estimate,
    /// Two or more options side by side.
    Comparison,
    /// A total-compensation calculation.
    Calculation,
    /// Job offers side by side.
    Offers,
    /// Nothing matched well enough; suggestions follow.
    Fallback,
    /// A request outside the role (weather, medical advice...).
    OutOfScope,
    /// A question about another job.
    OtherRole,
    /// A notice about the input itself (empty, too long), or a greeting.
    Notice,
}

/// A topic a person can open next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicLink {
    pub id: String,
    pub title: String,
    /// At most 30 characters, for a button.
    pub short_title: String,
}

/// The engine's reply to one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    pub kind: ReplyKind,
    /// What kind of question it answered.
    pub intent: Intent,
    /// The entry id answered, or `None` when the knowledge base has no answer.
    pub topic: Option<String>,
    pub title: String,
    /// How sure the engine is that this reply fits the message, 0 to 1.
    pub confidence: f64,
    /// Text already in words, in light Markdown: a topic's answer, a notice.
    pub body: String,
    /// The structured part, worded by the renderers.
    pub content: Content,
    /// Citations: "name, date".
    pub sources: Vec<Citation>,
    /// Topics to open next: related ones, or the closest ones after a
    /// fallback.
    pub suggestions: Vec<TopicLink>,
    /// Details found in this message (front ends remember them).
    pub new_details: Profile,
    /// Pay-package terms stated in this message ("they match 50% up to
    /// 6%"), remembered for a later calculation.
    pub new_terms: PackageQuestion,
    /// Job offers stated in this message, remembered so a later message
    /// can add another ("the second one is …").
    pub new_offers: Vec<OfferTerms>,
    /// Details the reply used (this message's merged with remembered ones).
    pub details_used: Profile,
}

/// The structured part of a reply.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Content {
    /// Nothing beyond the body.
    Text,
    Estimate(EstimateContent),
    /// Estimates for several places or employer types.
    PlaceComparison(PlaceComparison),
    /// Several certifications, degrees, employer types... side by side.
    EntityComparison(EntityComparison),
    Calculation(PackageTotal),
    /// Job offers side by side.
    Offers(OfferComparison),
    PayFigure(PayFigure),
    /// A cost or a length of time the sources do not give.
    NotGiven(NotGiven),
    /// Figures from the BLS wage tables.
    Wages(WageTable),
    Decline(Decline),
}

/// The details an answer used, with the knowledge base's labels.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Described {
    pub experience: Option<Experience>,
    pub education: Option<String>,
    pub certifications: Vec<String>,
    pub pending_certifications: Vec<String>,
    pub no_certifications: bool,
    pub place: Option<DescribedPlace>,
    pub employer: Option<String>,
    pub supervisory: bool,
}

impl Described {
    pub fn is_empty(&self) -> bool {
        *self == Described::default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "name")]
pub enum DescribedPlace {
    /// A metro or a state, by its name.
    Named(String),
    /// Rural, in a state when one was named.
    Rural(Option<String>),
}

/// A personal estimate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EstimateContent {
    pub estimate: Estimate,
    /// Paid hours a year, when the question asked by the hour.
    pub hourly: Option<f64>,
    /// The person's own yearly pay, placed on the estimate.
    pub their_pay: Option<i64>,
    pub used: Described,
    /// The national picture in words, when no detail moved the estimate.
    pub national: Option<String>,
    /// The BLS year its local figures come from.
    pub bls_year: u16,
    /// Made from an empty form: say how to make it personal.
    pub from_empty_form: bool,
    /// What the pay buys there, when the place's price level is known.
    pub prices: Option<PricedPay>,
}

/// Pay at national prices in a place: pay ÷ (BEA price level / 100).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PricedPay {
    /// The place's short name.
    pub place: String,
    /// BEA's all-items price level there, U.S. = 100.
    pub rpp: f64,
    pub year: u16,
    /// The typical estimate at national prices.
    pub typical: i64,
    /// The person's own pay at national prices, when given.
    pub theirs: Option<i64>,
    /// The question asked what pay buys there, so it is answered first.
    pub asked: bool,
}

/// Estimates for several places or employer types, everything else equal.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceComparison {
    /// What differs between the options.
    pub by: ComparedBy,
    pub options: Vec<PlaceOption>,
    /// How many were named (more than are shown when it was cut).
    pub named: usize,
    pub hourly: Option<f64>,
    pub their_pay: Option<i64>,
    /// What the options share.
    pub used: Described,
    pub missing: Vec<crate::estimate::Missing>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ComparedBy {
    Place,
    Employer,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PlaceOption {
    /// Short: "Boston", "Hospital".
    pub name: String,
    pub estimate: Estimate,
    /// The BLS median of the option's area, for the wider category.
    pub bls_median: Option<i64>,
    /// What the typical estimate buys there, when the price level is known.
    pub prices: Option<PricedPay>,
}

/// Entities of one kind side by side, from their structured facts.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityComparison {
    pub kind: EntityKind,
    /// The aspects shown, in order.
    pub aspects: Vec<String>,
    pub options: Vec<EntityOption>,
    pub verdict: Verdict,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct EntityOption {
    pub name: String,
    pub full_name: Option<String>,
    /// (aspect, fact) in aspect order.
    pub facts: Vec<(String, String)>,
}

/// The one line that leads a comparison.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Verdict {
    /// One pays more, by the guide's figures.
    Pay {
        winner: String,
        winner_pay: PayRange,
        loser: String,
        loser_pay: PayRange,
    },
    /// The guide rates one higher on an aspect.
    Rank { aspect: String, winner: String },
    /// The guide rates them alike on an aspect.
    Even { aspect: String },
    /// The guide gives no basis for ranking them.
    NoBasis,
}

/// A pay figure from the guide: "$42,000+", "$35,000–$38,000".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PayRange {
    pub low: Option<i64>,
    pub high: Option<i64>,
}

/// A pay figure placed on the national picture.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PayFigure {
    pub pay: i64,
    pub national_median: i64,
    pub national_low: i64,
    pub national_high: i64,
    pub position: PayPosition,
    /// The experience band the figure falls in, if any: its label and range.
    pub band: Option<(String, i64, i64)>,
}

/// Where a figure sits against a range.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PayPosition {
    Below,
    LowerHalf,
    Typical,
    UpperHalf,
    Above,
}

/// Figures from the BLS OEWS tables for the wider category.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum WageTable {
    /// One area's row, or the nation's for each survey year.
    Rows { rows: Vec<WageRow> },
    /// The areas with the highest and lowest medians.
    Ranked {
        /// "states" or "metros".
        of: AreaGroup,
        year: u16,
        highest: Vec<(String, i64)>,
        lowest: Vec<(String, i64)>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AreaGroup {
    States,
    Metros,
}

/// One row of the BLS tables: an area (or the nation) in one survey.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WageRow {
    pub area: String,
    pub year: u16,
    pub employment: Option<i64>,
    pub mean: Option<i64>,
    pub median: Option<i64>,
    pub p10: Option<i64>,
    pub p25: Option<i64>,
    pub p75: Option<i64>,
    pub p90: Option<i64>,
    pub location_quotient: Option<f64>,
}

/// What the sources do not give.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct NotGiven {
    /// Cost, duration, or both.
    pub cost: bool,
    pub duration: bool,
    /// What it was asked of: an entity's name or a topic's title.
    pub subject: Option<String>,
}

/// Why careerbot does not answer, and what it can offer instead.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Decline {
    /// The off-topic group's own words ("I can't check the weather."), or
    /// the other job named.
    pub reason: Option<String>,
    pub other_role: Option<String>,
    /// Topics close enough to offer.
    pub closest: Vec<TopicLink>,
}

impl Reply {
    /// A reply with only a kind, title and body; the rest empty.
    pub fn simple(kind: ReplyKind, title: impl Into<String>, body: impl Into<String>) -> Reply {
        Reply {
            kind,
            intent: Intent::About,
            topic: None,
            title: title.into(),
            confidence: 0.0,
            body: body.into(),
            content: Content::Text,
            sources: Vec::new(),
            suggestions: Vec::new(),
            new_details: Profile::default(),
            new_terms: PackageQuestion::default(),
            new_offers: Vec::new(),
            details_used: Profile::default(),
        }
    }

    /// The estimate this reply shows, if it shows one.
    pub fn estimate(&self) -> Option<&Estimate> {
        match &self.content {
            Content::Estimate(e) => Some(&e.estimate),
            _ => None,
        }
    }

    /// The person's own pay the reply places, if any.
    pub fn their_pay(&self) -> Option<i64> {
        match &self.content {
            Content::Estimate(e) => e.their_pay,
            Content::PlaceComparison(c) => c.their_pay,
            Content::PayFigure(f) => Some(f.pay),
            _ => None,
        }
    }

    /// The calculation this reply shows, if any.
    pub fn calculation(&self) -> Option<&PackageTotal> {
        match &self.content {
            Content::Calculation(total) => Some(total),
            _ => None,
        }
    }
}
