//! Plain-text rendering for the terminal.

use super::words;
use crate::knowledge::Replies;
use crate::reply::Reply;

/// The reply as terminal text: title, answer, sources and what to ask next.
pub fn to_text(reply: &Reply, replies: &Replies) -> String {
    let mut out = String::new();
    out.push_str(&format!("== {} ==\n\n", reply.title));
    out.push_str(&strip_bold(&words::full_text(reply, replies)));
    out.push('\n');
    if !reply.sources.is_empty() {
        out.push_str("\nSources:\n");
        for source in &reply.sources {
            out.push_str(&format!("  - {}\n", source.full));
        }
    }
    if !reply.suggestions.is_empty() {
        let titles: Vec<&str> = reply.suggestions.iter().map(|s| s.title.as_str()).collect();
        out.push_str(&format!("\nSee also: {}\n", titles.join(" | ")));
    }
    out
}

/// Terminals show `**bold**` and `` `code` `` literally; drop the markers.
pub fn strip_bold(text: &str) -> String {
    text.replace("**", "").replace('`', "")
}
