//! Arbitrary bytes as a conversation: split at NUL bytes into messages,
//! each answered in one conversation and rendered as terminal text, the
//! JSON contract and Discord messages. A panic anywhere is a crash.

#![no_main]

use careerbot::Engine;
use careerbot::conversation::Conversation;
use careerbot::discord::render;
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../knowledge");
        Engine::load(dir).unwrap_or_else(|error| panic!("knowledge must load:\n{error}"))
    })
}

fuzz_target!(|data: &[u8]| {
    let engine = engine();
    let words = &engine.knowledge().replies;
    let text = String::from_utf8_lossy(data);
    let mut conversation = Conversation::new();
    for message in text.split('\0').take(6) {
        let reply = conversation.ask(engine, message);
        let shown = careerbot::render::text::to_text(&reply, words);
        assert!(!shown.trim().is_empty(), "an empty reply");
        let line = careerbot::render::json::to_json_line(message, &reply, words);
        let parsed: Result<serde_json::Value, _> = serde_json::from_str(&line);
        assert!(parsed.is_ok(), "the JSON line does not parse: {line}");
        for card in render::layout(&reply, words) {
            let total: usize = card.embeds.iter().map(render::Embed::counted_chars).sum();
            assert!(total <= careerbot::discord::limits::EMBED_TOTAL);
            let _ = render::to_channel_message(&card, None);
        }
    }
});
