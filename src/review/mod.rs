//! Learning from use: what careerbot answered, declined or was unsure of,
//! and how people voted, kept in an SQLite file for the person who keeps
//! `knowledge/` current. Never who asked: no user, server or channel ids,
//! no names, no details given; questions only when declined, unsure or
//! voted down, normalized, with numbers and places masked.
//!
//! - [`store`]: the database, its schema and migrations.
//! - [`recorder`]: one writer thread behind a bounded channel.
//! - [`report`]: `careerbot review` and `/review`: what to add where.

pub mod recorder;
pub mod report;
pub mod store;

pub use recorder::{Answered, FrontEnd, Recorder, ReviewSettings};
pub use report::{Review, ReviewOptions};
pub use store::{Store, StoreError, StoreProblem};
