//! Rendering a [`Reply`](crate::Reply) for a front end: plain text for the
//! terminal, and the JSON contract for `careerbot ask --json`.

pub mod json;
pub mod text;
