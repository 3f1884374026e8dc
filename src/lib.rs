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
//!
//! ```
//! use careerbot::{Engine, ReplyKind};
//!
//! let engine = Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge")).unwrap();
//! let reply = engine.answer("5 years in, CMAA certified, Boston, hospital");
//! assert_eq!(reply.kind, ReplyKind::Estimate);
//! let estimate = reply.estimate.unwrap();
//! assert!(estimate.low <= estimate.mid && estimate.mid <= estimate.high);
//!
//! let reply = engine.answer("what's the weather tomorrow?");
//! assert_eq!(reply.topic, None);
//! ```

pub mod chart;
pub mod compensation;
pub mod config;
pub mod conversation;
pub mod discord;
pub mod domain;
pub mod engine;
pub mod estimate;
pub mod knowledge;
pub mod matching;
pub mod render;
pub mod reply;
pub mod sessions;
pub mod understanding;

pub use conversation::Conversation;
pub use engine::Engine;
pub use reply::{Reply, ReplyKind, TopicLink};
