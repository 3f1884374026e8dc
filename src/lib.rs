//! careerbot answers career questions about the Physical Therapy (PT) Care
//! Coordinator role from a structured knowledge base, and estimates pay from
//! a person's details.
//!
//! The library is the engine; the binary's front ends (terminal chat, JSON,
//! Discord) only translate. Data flows one way:
//!
//! ```text
//! text → Understood (words, names, details, intent, evidence)
//!      → the reply builder for its intent → Reply (data) → rendering (words)
//! ```
//!
//! - [`domain`]: the profile, money and typed ids; imports nothing else.
//! - [`knowledge`]: loads and validates `knowledge/`.
//! - [`understanding`]: one message into one [`understanding::Understood`].
//! - [`matching`]: BM25 over the entries, with a calibrated confidence.
//! - [`answer`]: one reply builder per [`understanding::Intent`].
//! - [`estimate`] and [`compensation`]: the salary model and the calculator.
//! - [`engine`]: one message in, one [`Reply`] out.
//! - [`conversation`]: remembered details across messages.
//! - [`render`]: the reply in words, as text, JSON, Discord embeds.
//! - [`review`]: the review log of answers and votes, and its report.
//! - [`terminal`] and [`discord`]: the front ends.
//!
//! ```
//! use careerbot::{Engine, ReplyKind};
//!
//! let engine = Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge")).unwrap();
//! let reply = engine.answer("5 years in, CMAA certified, Boston, hospital");
//! assert_eq!(reply.kind, ReplyKind::Estimate);
//! let estimate = reply.estimate().unwrap();
//! assert!(estimate.low <= estimate.mid && estimate.mid <= estimate.high);
//!
//! let reply = engine.answer("what's the weather tomorrow?");
//! assert_eq!(reply.topic, None);
//! ```

pub mod answer;
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
pub mod review;
pub mod sessions;
pub mod terminal;
pub mod understanding;

pub use conversation::Conversation;
pub use engine::Engine;
pub use reply::{Reply, ReplyKind, TopicLink};
