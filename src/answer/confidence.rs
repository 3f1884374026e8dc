//! How sure a reply is, from one place: every builder says what its reply
//! rests on, and this turns that into a number from 0 to 1.
//!
//! - A reply built from the message's own structure (a package to add up,
//!   details for an estimate, two named things to compare) is as sure as
//!   the reading of that structure: high.
//! - A reply to the one thing a question names is sure in proportion to how
//!   clearly the question is about the role.
//! - A ranked topic uses the ranking's calibrated confidence (a logistic
//!   model over how much of the question the topic explains), tempered by
//!   the evidence that the question is about the role at all.
//! - A decline is as sure as the evidence against the role.

use crate::matching::Ranking;
use crate::understanding::TopicEvidence;

/// What a reply rests on.
pub enum Basis<'a> {
    /// Read from the message's structure: a calculation, an estimate from
    /// details, a comparison of named things.
    Structure,
    /// The entry of the thing the question names.
    Named { evidence: &'a TopicEvidence },
    /// The best-ranked entry.
    Ranked {
        ranking: &'a Ranking,
        evidence: &'a TopicEvidence,
    },
    /// Declined: how sure that the question is outside the role.
    Decline {
        ranking: Option<&'a Ranking>,
        evidence: &'a TopicEvidence,
    },
}

/// Structural replies are this sure.
const STRUCTURE: f64 = 0.95;

pub fn of(basis: &Basis) -> f64 {
    let value = match basis {
        Basis::Structure => STRUCTURE,
        Basis::Named { evidence } => 0.75 + 0.2 * evidence.share_for(),
        Basis::Ranked { ranking, evidence } => {
            // Words against the role pull a ranking's confidence down.
            ranking.confidence * (0.7 + 0.3 * evidence.share_for())
        }
        Basis::Decline { ranking, evidence } => {
            let best = ranking.map_or(0.0, |r| r.confidence);
            let against = 1.0 - evidence.share_for();
            (0.5 + 0.5 * against).max(1.0 - best)
        }
    };
    (value.clamp(0.0, 1.0) * 1000.0).round() / 1000.0
}
