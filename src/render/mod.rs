//! Rendering a [`Reply`](crate::Reply) for a front end: plain text for the
//! terminal, the JSON contract for `careerbot ask --json`, and fitting text
//! into limited space (Discord's limits, chart labels).

pub mod fit;
pub mod json;
pub mod offers;
pub mod text;
pub mod words;
