//! careerbot answers career questions about the Physical Therapy (PT) Care
//! Coordinator role from a structured knowledge base, and estimates pay from
//! a person's details.
//!
//! The library is the engine; the binary's front ends (terminal chat, JSON,
//! Discord) only translate. Data flows one way:
//!
//! ```text
//! text → understanding (normalized words, details) → matching and estimate → Reply → rendering
//! ```
//!
//! - [`knowledge`]: loads and validates `knowledge/`.
//! - [`understanding`]: normalization, terms, detail extraction.
//! - [`matching`]: BM25 over the entries, with a confidence.
//! - [`estimate`] and [`compensation`]: the salary model and the calculator.
//! - [`engine`]: one message in, one [`Reply`] out.
//! - [`conversation`]: remembered details across messages.
//! - [`render`]: text and JSON output.

pub mod compensation;
pub mod config;
pub mod conversation;
pub mod engine;
pub mod estimate;
pub mod knowledge;
pub mod matching;
pub mod render;
pub mod reply;
pub mod understanding;

pub use conversation::Conversation;
pub use engine::Engine;
pub use reply::{Reply, ReplyKind, TopicLink};
