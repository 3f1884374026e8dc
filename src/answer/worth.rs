//! "Is the CMAA worth it?", "should I get a degree?", "is this a good
//! career?": the entry of the thing named, else the topics that say whether
//! the career fits (`[leanings] worth` in intents.toml).

use super::Memory;
use super::topic::best_topic;
use crate::engine::Engine;
use crate::reply::Reply;
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    let leanings = super::leanings(engine, "worth");
    best_topic(engine, understood, &leanings, memory)
}
