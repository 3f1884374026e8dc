//! Times each stage of loading, to see where startup goes.
//! `cargo run --release --example load_profile`

use careerbot::knowledge::KnowledgeBase;
use careerbot::understanding::DetailReader;
use std::time::Instant;

fn main() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge");
    for _ in 0..3 {
        let t = Instant::now();
        let kb = KnowledgeBase::load(dir).expect("knowledge");
        let load = t.elapsed();
        let t = Instant::now();
        let _reader = DetailReader::new(&kb);
        let details = t.elapsed();
        let t = Instant::now();
        let _engine = careerbot::Engine::new(kb);
        let engine = t.elapsed();
        println!("load {load:?}  detail reader {details:?}  whole engine {engine:?}");
    }
}
