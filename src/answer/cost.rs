//! The price of something: "how much is the CMAA exam?", "what does a
//! bachelor's cost?". The guide prices none of these, so the reply says so
//! plainly and shows what it does say. Never an estimate.

use super::Memory;
use super::not_given;
use crate::engine::Engine;
use crate::reply::Reply;
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, _memory: &Memory) -> Reply {
    not_given::reply(engine, understood, true, understood.cues.duration)
}
