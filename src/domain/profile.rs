//! A person's profile: the details that move their pay. Built from words,
//! a Discord form or command-line flags, always through the same resolver,
//! and kept in memory only.

use super::ids::{CertificationId, EducationId, EmployerId};
use serde::Serialize;

/// The most years of experience careerbot accepts, from any front end.
pub const MAX_EXPERIENCE_YEARS: u32 = 50;

/// How much experience someone has.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind", content = "years")]
pub enum Experience {
    /// A number of years ("5 years", "3-5 yrs" → 4).
    Years(f64),
    /// "entry level", "new grad": about zero years.
    Entry,
    /// "mid-career", "mid-level" without a number.
    Mid,
    /// "senior", "lead" without a number.
    Senior,
}

/// Where someone works or wants to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Place {
    /// A BLS metro, by CBSA code.
    Metro { code: String, name: String },
    /// A state, by postal abbreviation.
    State { abbrev: String, name: String },
    /// A rural area, in a state when one was named.
    Rural { state: Option<String> },
}

/// The details a person has given, in one message or over a conversation.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Profile {
    pub experience: Option<Experience>,
    pub education: Option<EducationId>,
    /// Certifications held.
    pub certifications: Vec<CertificationId>,
    /// Certifications mentioned but not held ("working toward CMAA").
    pub pending_certifications: Vec<CertificationId>,
    /// The person said they hold no certification.
    pub no_certifications: bool,
    pub location: Option<Place>,
    pub employer: Option<EmployerId>,
    pub supervisory: bool,
    /// The person's own yearly pay, in dollars ("I make 42k", "$22/hr").
    pub own_pay: Option<i64>,
}

impl Profile {
    /// True when no detail at all is known.
    pub fn is_empty(&self) -> bool {
        *self == Profile::default()
    }

    /// Details that change an estimate (a "working toward" alone does not,
    /// nor does the person's own pay).
    pub fn affects_estimate(&self) -> bool {
        self.experience.is_some()
            || self.education.is_some()
            || !self.certifications.is_empty()
            || self.no_certifications
            || self.location.is_some()
            || self.employer.is_some()
            || self.supervisory
    }

    /// How many kinds of detail that move an estimate are known.
    pub fn kinds_known(&self) -> usize {
        [
            self.experience.is_some(),
            self.education.is_some(),
            !self.certifications.is_empty() || self.no_certifications,
            self.location.is_some(),
            self.employer.is_some(),
            self.supervisory,
        ]
        .iter()
        .filter(|known| **known)
        .count()
    }

    /// This profile without its place and/or employer: what options that
    /// differ only in those share.
    pub fn without(&self, place: bool, employer: bool) -> Profile {
        let mut shared = self.clone();
        if place {
            shared.location = None;
        }
        if employer {
            shared.employer = None;
        }
        shared
    }

    /// Combine remembered details with newer ones: what the newer message
    /// says wins, what it does not say is kept.
    pub fn merged_with(&self, newer: &Profile) -> Profile {
        let mut merged = self.clone();
        if newer.experience.is_some() {
            merged.experience = newer.experience;
        }
        if newer.education.is_some() {
            merged.education.clone_from(&newer.education);
        }
        if !newer.certifications.is_empty()
            || newer.no_certifications
            || !newer.pending_certifications.is_empty()
        {
            merged.certifications.clone_from(&newer.certifications);
            merged
                .pending_certifications
                .clone_from(&newer.pending_certifications);
            merged.no_certifications = newer.no_certifications;
        }
        if newer.location.is_some() {
            merged.location.clone_from(&newer.location);
        }
        if newer.employer.is_some() {
            merged.employer.clone_from(&newer.employer);
        }
        if newer.own_pay.is_some() {
            merged.own_pay = newer.own_pay;
        }
        merged.supervisory |= newer.supervisory;
        merged
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newer_details_win_and_the_rest_is_kept() {
        let old = Profile {
            experience: Some(Experience::Years(6.0)),
            education: Some("bachelor".into()),
            own_pay: Some(48_000),
            ..Profile::default()
        };
        let newer = Profile {
            experience: Some(Experience::Years(9.0)),
            ..Profile::default()
        };
        let merged = old.merged_with(&newer);
        assert_eq!(merged.experience, Some(Experience::Years(9.0)));
        assert_eq!(merged.education, Some("bachelor".into()));
        assert_eq!(merged.own_pay, Some(48_000));
        assert_eq!(merged.kinds_known(), 2);
    }
}
