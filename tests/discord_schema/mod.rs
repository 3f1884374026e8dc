//! Discord's own published rules for what a bot sends, shared by the
//! payload tests (`discord_payloads.rs`) and the end-to-end tests against the
//! fake Discord (`discord_e2e.rs`, `discord_faults.rs`): the JSON Schemas in
//! `tests/fixtures/discord/` (from the official OpenAPI spec, vendored; see
//! its README) and the limits the docs state but the spec lacks
//! (`docs_limits.json`).

#![allow(dead_code)]

use serde_json::{Value, json};
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, LazyLock, Mutex};

/// A file of Discord's reference data, as vendored in `tests/fixtures/discord/`.
pub fn shared(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/discord")
        .join(file)
}

/// The same file where the data comes from (`../shared/discord/`), if the
/// project is checked out beside it.
pub fn upstream(file: &str) -> Option<PathBuf> {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/discord")
        .join(file);
    path.exists().then_some(path)
}

pub fn read_json(path: PathBuf) -> Value {
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

static BUNDLE: LazyLock<Value> = LazyLock::new(|| {
    let mut bundle = read_json(shared("bot_request_schemas.json"));
    // serenity sends default_member_permissions as a string ("8"); the spec
    // says integer and the docs say string. Widen, as the README advises.
    widen_permissions(&mut bundle);
    widen_attachment_id(&mut bundle["$defs"]["MessageAttachmentRequest"], "#/$defs");
    bundle
});
static OPENAPI: LazyLock<Value> = LazyLock::new(|| {
    let mut spec = read_json(shared("openapi.json"));
    widen_attachment_id(
        &mut spec["components"]["schemas"]["MessageAttachmentRequest"],
        "#/components/schemas",
    );
    spec
});
/// `docs_limits.json`: the limits the docs state and the spec does not.
pub static LIMITS: LazyLock<Value> = LazyLock::new(|| read_json(shared("docs_limits.json")));

fn widen_permissions(value: &mut Value) {
    match value {
        Value::Object(map) => {
            if let Some(slot) = map.get_mut("default_member_permissions") {
                *slot = json!({"type": ["integer", "string", "null"]});
            }
            map.values_mut().for_each(widen_permissions);
        }
        Value::Array(items) => items.iter_mut().for_each(widen_permissions),
        _ => {}
    }
}

/// An uploaded file's `attachments[].id` is its upload index: serenity
/// sends a number (`0`), as the docs allow; the spec says snowflake string.
/// Widen, as the README notes.
fn widen_attachment_id(attachment: &mut Value, defs: &str) {
    let id = &mut attachment["properties"]["id"];
    assert!(id.is_object(), "MessageAttachmentRequest has an id");
    *id = json!({"anyOf": [
        {"$ref": format!("{defs}/SnowflakeType")},
        {"type": "integer", "minimum": 0},
    ]});
}

/// Compiled validators, by schema name: compiling the spec is the slow part.
static VALIDATORS: LazyLock<Mutex<HashMap<String, Arc<jsonschema::Validator>>>> =
    LazyLock::new(Mutex::default);

/// What `$defs/<name>` of the bot bundle (or, for `MessageCreateRequest`,
/// the OpenAPI spec, since the bundle lacks it) says is wrong with `payload`.
pub fn schema_errors(name: &str, payload: &Value) -> Vec<String> {
    let validator = VALIDATORS
        .lock()
        .unwrap()
        .entry(name.to_string())
        .or_insert_with(|| {
            let schema = if name == "MessageCreateRequest" {
                let mut root = OPENAPI.clone();
                root["$ref"] = json!("#/components/schemas/MessageCreateRequest");
                root
            } else {
                json!({"$defs": BUNDLE["$defs"], "$ref": format!("#/$defs/{name}")})
            };
            Arc::new(jsonschema::validator_for(&schema).expect("schema compiles"))
        })
        .clone();
    validator
        .iter_errors(payload)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Validate `payload` against the schema `name`.
pub fn assert_valid(name: &str, payload: &Value) {
    let errors = schema_errors(name, payload);
    assert!(
        errors.is_empty(),
        "{name} rejects the payload:\n{}\n{payload:#}",
        errors.join("\n")
    );
}

/// Validate a channel message against the OpenAPI spec's
/// `MessageCreateRequest` (the bundle has no schema for it).
pub fn assert_valid_channel_message(payload: &Value) {
    assert_valid("MessageCreateRequest", payload);
}

/// A number from `docs_limits.json`, by its path of keys.
pub fn limit(path: &[&str]) -> usize {
    let mut value = &*LIMITS;
    for key in path {
        value = &value[*key];
    }
    value
        .as_u64()
        .or_else(|| value["value"].as_u64())
        .unwrap_or_else(|| panic!("docs_limits.json has no number at {path:?}")) as usize
}

/// Characters Discord counts in a string value (0 for anything else).
pub fn chars(value: &Value) -> usize {
    value.as_str().map_or(0, |s| s.trim().chars().count())
}

/// The docs' limits on a message body (`data` of a callback, a follow-up or
/// a channel message) that the schema does not encode, and that nobody is
/// ever pinged.
pub fn assert_message_limits(message: &Value) {
    let embeds = message["embeds"].as_array().cloned().unwrap_or_default();
    assert!(embeds.len() <= limit(&["embeds_per_message_max"]));
    let mut total = 0;
    for embed in &embeds {
        total += chars(&embed["title"])
            + chars(&embed["description"])
            + chars(&embed["footer"]["text"])
            + chars(&embed["author"]["name"]);
        for field in embed["fields"].as_array().into_iter().flatten() {
            total += chars(&field["name"]) + chars(&field["value"]);
        }
        assert!(chars(&embed["title"]) <= limit(&["embed_limits", "title"]));
        assert!(chars(&embed["description"]) <= limit(&["embed_limits", "description"]));
    }
    assert!(
        total <= limit(&["embed_limits", "total_chars_all_embeds"]),
        "embeds total {total} characters"
    );
    assert!(chars(&message["content"]) <= limit(&["message_content_max"]));
    let rows = message["components"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    assert!(rows.len() <= limit(&["components", "legacy_top_level_action_rows_max"]));
    for row in &rows {
        let buttons = row["components"].as_array().expect("an action row");
        assert!(buttons.len() <= limit(&["components", "action_row_buttons_max"]));
        for button in buttons {
            let id = button["custom_id"].as_str().expect("a custom_id");
            assert!((1..=100).contains(&id.chars().count()), "custom_id {id:?}");
            assert!(chars(&button["label"]) <= limit(&["components", "button_label_max"]));
        }
    }
    // Nobody is ever pinged: no parse types, no users or roles, and not the
    // author of the message replied to.
    let mentions = &message["allowed_mentions"];
    assert!(
        mentions.is_object(),
        "allowed_mentions missing: {message:#}"
    );
    assert_eq!(mentions["parse"], json!([]), "{mentions}");
    for list in ["users", "roles"] {
        assert!(
            mentions[list].as_array().is_none_or(Vec::is_empty),
            "{mentions}"
        );
    }
    assert_eq!(mentions["replied_user"], json!(false), "{mentions}");
}

/// The commands the bot must register.
pub const COMMANDS: [&str; 15] = [
    "ask",
    "salary",
    "certs",
    "duties",
    "day",
    "outlook",
    "skills",
    "education",
    "career",
    "benefits",
    "offers",
    "help",
    "forget",
    "reload",
    "review",
];
