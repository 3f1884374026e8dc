//! The domain's own vocabulary, below everything else: a person's
//! [`Profile`], money, and the typed ids of the things a person can name.
//!
//! Nothing here imports the rest of the crate. Understanding produces these
//! values, the salary model reads them, and front ends resolve their forms
//! and flags into them; none of them needs to know how the others work.

pub mod citation;
pub mod ids;
pub mod money;
pub mod offer;
pub mod profile;

pub use citation::Citation;
pub use ids::{CertificationId, EducationId, EmployerId, EntityId, EntityKind, TopicId};
pub use money::{PAY_RANGE, dollars, grouped, hourly_dollars, round_to, signed_dollars};
pub use offer::OfferLabel;
pub use profile::{Experience, MAX_EXPERIENCE_YEARS, Place, Profile};
