//! The review log from the command line: `careerbot chat` and `ask` record
//! when a database is configured, `careerbot review` reads it, a bad
//! database never stops answering, a killed process loses nothing already
//! committed, and two processes share one file.

mod common;

use careerbot::review::Store;
use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};

/// The binary in `dir`, with a config there naming `database`.
fn careerbot(dir: &Path, database: &str) -> Command {
    std::fs::write(
        dir.join("config.toml"),
        format!("[review]\ndatabase = \"{database}\"\n"),
    )
    .unwrap();
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    command
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("DISCORD_TOKEN")
        .current_dir(dir)
        .arg("--knowledge")
        .arg(common::knowledge_dir());
    command
}

fn run(mut command: Command, stdin: &str) -> Output {
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let _ = child.stdin.take().unwrap().write_all(stdin.as_bytes());
    child.wait_with_output().unwrap()
}

const SCRIPT: &str = "what does a pt care coordinator do?\n\
    how do I bake sourdough bread in Boston?\n\
    who won the world cup?\n\
    how do I bake sourdough bread in Boston?\n\
    5 years, CMAA, Boston, hospital\n\
    do coordinators wear scrubs?\n";

#[test]
fn a_scripted_chat_is_recorded_and_reviewed_as_json() {
    let dir = common::scratch_dir("review-chat");
    let mut chat = careerbot(&dir, "review.db");
    chat.arg("chat");
    let out = run(chat, SCRIPT);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let store = Store::open(&dir.join("review.db")).unwrap();
    let answers = store.answers_since(0).unwrap();
    assert_eq!(answers.len(), 6);
    assert!(answers.iter().all(|a| a.front_end == "chat"));

    let mut review = careerbot(&dir, "review.db");
    review.args(["review", "--json", "--since", "7d"]);
    let out = run(review, "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let day = &json["by_day"][0];
    assert_eq!(
        day["answered"].as_u64().unwrap()
            + day["declined"].as_u64().unwrap()
            + day["unsure"].as_u64().unwrap(),
        6
    );
    let groups = json["groups"].as_array().unwrap();
    // The bread question, asked twice, is one question counted twice, in
    // a group that says it is off-topic.
    let off_topic = groups
        .iter()
        .find(|g| g["suggestion"]["action"] == "off_topic")
        .expect("an off-topic group");
    let bread = (off_topic["questions"].as_array().unwrap().iter())
        .find(|q| q["text"].as_str().unwrap().contains("bread"))
        .expect("the bread question");
    assert_eq!(bread["count"], 2);
    assert_eq!(bread["text"], "how do i bake sourdough bread in [place]");
    // Every group says what to do.
    for group in groups {
        let action = group["suggestion"]["action"].as_str().unwrap();
        assert!(
            ["add_phrasing", "off_topic", "new_entry"].contains(&action),
            "{group}"
        );
        if action == "add_phrasing" {
            let file = group["suggestion"]["file"].as_str().unwrap();
            assert!(file.starts_with("knowledge/") && file.ends_with(".toml"));
            let name = file.trim_start_matches("knowledge/");
            assert!(common::knowledge_dir().join(name).is_file(), "{file}");
        }
    }

    // The same in words.
    let mut text = careerbot(&dir, "review.db");
    text.arg("review");
    let out = run(text, "");
    let words = String::from_utf8_lossy(&out.stdout);
    assert!(
        words.contains("2× how do i bake sourdough bread in [place]"),
        "{words}"
    );
    assert!(words.contains("looks off-topic: nothing to do"), "{words}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_chat_without_a_database_records_nothing() {
    let dir = common::scratch_dir("review-off");
    std::fs::write(dir.join("config.toml"), "").unwrap();
    let mut chat = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    chat.env_remove("CAREERBOT_CONFIG")
        .env_remove("DISCORD_TOKEN")
        .current_dir(&dir)
        .arg("chat");
    let out = run(chat, SCRIPT);
    assert!(out.status.success());
    let files: Vec<_> = std::fs::read_dir(&dir).unwrap().collect();
    assert_eq!(files.len(), 1, "only the config: {files:?}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_bad_database_is_named_and_the_chat_answers_on() {
    let dir = common::scratch_dir("review-bad");
    std::fs::write(
        dir.join("bad.db"),
        "not a database at all, just words ".repeat(200),
    )
    .unwrap();
    let mut chat = careerbot(&dir, "bad.db");
    chat.arg("chat");
    let out = run(chat, SCRIPT);
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "one error: {stderr}");
    assert!(
        stderr.contains("bad.db") && stderr.contains("move it aside"),
        "{stderr}"
    );
    assert!(stderr.contains("without recording"), "{stderr}");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("Your salary estimate"), "{stdout}");
    let _ = std::fs::remove_dir_all(dir);
}

/// Start `careerbot ask -` on the database, fed `lines` questions.
fn asker(dir: &Path, lines: usize) -> Child {
    let mut ask = careerbot(dir, "shared.db");
    let mut child = ask
        .args(["ask", "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let questions: String = (0..lines)
        .map(|i| match i % 3 {
            0 => "what does a pt care coordinator do?\n",
            1 => "what's the weather tomorrow?\n",
            _ => "5 years, CMAA, Boston, hospital\n",
        })
        .collect();
    std::thread::spawn(move || {
        let _ = input.write_all(questions.as_bytes());
    });
    child
}

#[test]
fn a_killed_process_loses_only_what_was_not_committed() {
    let dir = common::scratch_dir("review-kill");
    // A first run that ends normally: its rows are committed.
    let first = asker(&dir, 30).wait_with_output().unwrap();
    assert!(first.status.success());
    let path = dir.join("shared.db");
    assert_eq!(
        Store::open(&path).unwrap().answers_since(0).unwrap().len(),
        30
    );
    // A second run killed while it answers and writes.
    let mut second = asker(&dir, 20_000);
    let mut stdout = BufReader::new(second.stdout.take().unwrap());
    let mut line = String::new();
    let mut answered = 0;
    while answered < 2_000 && stdout.read_line(&mut line).unwrap() > 0 {
        if line.starts_with("==") {
            answered += 1;
        }
        line.clear();
    }
    second.kill().unwrap();
    let _ = second.wait();
    let store = Store::open(&path).unwrap();
    let check: String = (store.connection())
        .query_row("PRAGMA integrity_check", [], |r| r.get(0))
        .unwrap();
    assert_eq!(check, "ok");
    let kept = store.answers_since(0).unwrap().len();
    assert!(kept >= 30, "earlier rows lost: {kept}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn two_processes_record_into_one_database() {
    let dir = common::scratch_dir("review-two");
    drop(Store::open(&dir.join("shared.db")).unwrap());
    let one = asker(&dir, 300);
    let two = asker(&dir, 300);
    for child in [one, two] {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.trim().is_empty(), "{stderr}");
    }
    let store = Store::open(&dir.join("shared.db")).unwrap();
    assert_eq!(store.answers_since(0).unwrap().len(), 600);
    let _ = std::fs::remove_dir_all(dir);
}
