//! Shared helpers for the integration tests.

#![allow(dead_code)]

pub mod content;

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

/// A fresh, empty folder under the system temp folder, unique to this
/// process and call. The caller removes it.
pub fn scratch_dir(name: &str) -> PathBuf {
    use std::sync::atomic::{AtomicUsize, Ordering};
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::Relaxed);
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    let dir = std::env::temp_dir().join(format!(
        "careerbot-test-{name}-{}-{n}-{nanos}",
        std::process::id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch folder can be created");
    dir
}

/// Copy a folder and everything in it.
pub fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).expect("target folder can be created");
    for item in std::fs::read_dir(from).expect("source folder readable") {
        let item = item.expect("folder entry readable");
        let target = to.join(item.file_name());
        if item.file_type().expect("file type readable").is_dir() {
            copy_dir(&item.path(), &target);
        } else {
            std::fs::copy(item.path(), &target).expect("file can be copied");
        }
    }
}

/// The 1-based number of the first line containing `needle`.
pub fn find_line(text: &str, needle: &str) -> usize {
    find_line_after(text, needle, 0)
}

/// The 1-based number of the first line after line `after` containing
/// `needle`.
pub fn find_line_after(text: &str, needle: &str, after: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(after)
        .find(|(_, line)| line.contains(needle))
        .map(|(index, _)| index + 1)
        .unwrap_or_else(|| panic!("no line containing {needle:?} after line {after}"))
}

/// How a line ends: `"\r\n"`, `"\n"` or nothing (the last line).
fn line_ending(line: &str) -> &'static str {
    if line.ends_with("\r\n") {
        "\r\n"
    } else if line.ends_with('\n') {
        "\n"
    } else {
        ""
    }
}

/// `text` with `new_line` inserted after 1-based line `line` (0: at the
/// top), ending the way the file's first line ends.
pub fn insert_after_line(text: &str, line: usize, new_line: &str) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let ending = match lines.first().map(|l| line_ending(l)) {
        Some("") | None => "\n",
        Some(ending) => ending,
    };
    if let Some(previous) = line.checked_sub(1).and_then(|i| lines.get_mut(i))
        && line_ending(previous).is_empty()
    {
        previous.push_str(ending);
    }
    lines.insert(line, format!("{new_line}{ending}"));
    lines.concat()
}

/// `text` with 1-based line `line` replaced by `new_line`, keeping the
/// line's own ending (LF or CRLF).
pub fn replace_line(text: &str, line: usize, new_line: &str) -> String {
    let mut lines: Vec<String> = text.split_inclusive('\n').map(str::to_string).collect();
    let ending = line_ending(&lines[line - 1]);
    lines[line - 1] = format!("{new_line}{ending}");
    lines.concat()
}

/// The wording the renderers use (`knowledge/replies.toml`).
pub fn words() -> &'static careerbot::knowledge::Replies {
    &engine().knowledge().replies
}

/// A reply's whole text, as the terminal and the JSON contract show it.
pub fn text_of(reply: &careerbot::Reply) -> String {
    careerbot::render::words::full_text(reply, words())
}
