//! Shared helpers for the integration tests.

#![allow(dead_code)]

use careerbot::Engine;
use std::path::PathBuf;
use std::sync::OnceLock;

/// The project's knowledge folder.
pub fn knowledge_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("knowledge")
}

/// One engine for the whole test binary: loading is read-only.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| match Engine::load(knowledge_dir()) {
        Ok(engine) => engine,
        Err(error) => panic!("the project's knowledge base must load:\n{error}"),
    })
}
