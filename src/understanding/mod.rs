//! Understanding a message: normalized text, the terms matching compares,
//! and the person's own details.

mod analyzer;
mod details;
mod normalize;
mod phrases;

pub use analyzer::{Analysis, Analyzer};
pub use details::{Alternatives, DetailReader};
pub use normalize::{normalize, tokenize};
pub use phrases::{Found, PhraseSet, TokenText};
