//! Understanding a message: normalized text, the terms matching compares,
//! the names it uses, the person's own details, what kind of question it
//! is, and the evidence that it is about the role at all. Everything ends
//! in one [`Understood`] value.

mod analyzer;
mod details;
mod entities;
mod evidence;
mod intent;
mod normalize;
mod offers;
mod phrases;
mod understood;

pub use analyzer::{Analysis, Analyzer};
pub use details::{Alternatives, DetailReader};
pub use entities::{EntityFinder, Mention, Named};
pub use evidence::TopicEvidence;
pub use intent::{Cues, Intent};
pub use normalize::{normalize, tokenize};
pub use offers::{OfferReader, OfferSpan};
pub use phrases::{Found, PhraseSet, TokenText};
pub use understood::{OtherRole, Understander, Understood};
