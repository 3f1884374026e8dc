//! "How do I become one?", "how do I move up?": the entry of the thing
//! named, else the topics on getting in and moving up (`[leanings] how_to`
//! in intents.toml).

use super::Memory;
use super::topic::best_topic;
use crate::engine::Engine;
use crate::reply::Reply;
use crate::understanding::Understood;

pub fn reply(engine: &Engine, understood: &Understood, memory: &Memory) -> Reply {
    let leanings = super::leanings(engine, "how_to");
    best_topic(engine, understood, &leanings, memory)
}
