//! The `careerbot` binary end to end: the JSON contract of `ask --json`,
//! bad input, `topics --json`, the terminal chat, `check` and the config.
//!
//! Every test runs the real binary with `--knowledge` pointing at the
//! project's knowledge folder, from a scratch working directory and without
//! `CAREERBOT_CONFIG` or `DISCORD_TOKEN`, so a developer's own `config.toml`
//! or token cannot change the outcome.

mod common;

use serde_json::Value;
use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// What one run of the binary produced.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn from(output: Output) -> Run {
        Run {
            code: output.status.code(),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }

    /// Exit 0 and no panic, or a message showing what went wrong.
    fn assert_clean(&self, what: &str) {
        assert!(
            !self.stderr.contains("panicked"),
            "{what}: the binary panicked:\n{}",
            self.stderr
        );
        assert_eq!(
            self.code,
            Some(0),
            "{what}: exit code {:?}\nstdout:\n{}\nstderr:\n{}",
            self.code,
            self.stdout,
            self.stderr
        );
    }

    fn all_output(&self) -> String {
        format!("{}{}", self.stdout, self.stderr)
    }
}

/// The binary, with a clean environment and a scratch working directory.
fn careerbot(knowledge: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    command
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("DISCORD_TOKEN")
        .current_dir(std::env::temp_dir())
        .arg("--knowledge")
        .arg(knowledge);
    command
}

/// Run with the project's knowledge and the given arguments and stdin.
fn exec(args: &[&str], stdin: &[u8]) -> Run {
    exec_with(careerbot(&common::knowledge_dir()), args, stdin)
}

fn exec_with(mut command: Command, args: &[&str], stdin: &[u8]) -> Run {
    let mut child = command
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the careerbot binary starts");
    {
        let mut input = child.stdin.take().expect("stdin is piped");
        // The binary may stop reading early (for example after `quit`).
        let _ = input.write_all(stdin);
    }
    Run::from(child.wait_with_output().expect("the careerbot binary ends"))
}

/// Every line of stdout, parsed as JSON.
fn json_lines(run: &Run) -> Vec<Value> {
    run.stdout
        .lines()
        .map(|line| {
            serde_json::from_str(line).unwrap_or_else(|e| panic!("not a JSON line ({e}): {line:?}"))
        })
        .collect()
}

/// `ask --json QUESTION`: exactly one JSON object, checked against the
/// contract.
fn ask_one(question: &str) -> Value {
    let run = exec(&["ask", "--json", question], b"");
    run.assert_clean(&format!("ask --json {question:?}"));
    let lines = json_lines(&run);
    assert_eq!(
        lines.len(),
        1,
        "ask --json {question:?} must print exactly one line:\n{}",
        run.stdout
    );
    let answer = lines.into_iter().next().unwrap_or_default();
    assert_contract(&answer);
    answer
}

fn keys(object: &serde_json::Map<String, Value>) -> Vec<&str> {
    let mut keys: Vec<&str> = object.keys().map(String::as_str).collect();
    keys.sort_unstable();
    keys
}

fn sorted(mut names: Vec<&str>) -> Vec<&str> {
    names.sort_unstable();
    names
}

fn assert_int(value: &Value, what: &str) -> i64 {
    value
        .as_i64()
        .unwrap_or_else(|| panic!("{what} must be an integer, got {value}"))
}

/// The JSON contract of `ask --json` (see src/render/json.rs).
fn assert_contract(answer: &Value) {
    let object = answer
        .as_object()
        .unwrap_or_else(|| panic!("the answer must be a JSON object: {answer}"));
    assert_eq!(
        keys(object),
        sorted(vec![
            "question",
            "topic",
            "confidence",
            "answer",
            "estimate",
            "sources",
            "suggestions"
        ]),
        "{answer}"
    );
    assert!(object["question"].is_string(), "question: {answer}");
    assert!(
        object["topic"].is_string() || object["topic"].is_null(),
        "topic must be a string or null: {answer}"
    );
    let confidence = object["confidence"]
        .as_f64()
        .unwrap_or_else(|| panic!("confidence must be a number: {answer}"));
    assert!(
        (0.0..=1.0).contains(&confidence),
        "confidence {confidence} must be in [0, 1]: {answer}"
    );
    assert!(object["answer"].is_string(), "answer: {answer}");
    for list in ["sources", "suggestions"] {
        let items = object[list]
            .as_array()
            .unwrap_or_else(|| panic!("{list} must be an array: {answer}"));
        assert!(
            items.iter().all(Value::is_string),
            "{list} must hold strings: {answer}"
        );
    }
    match &object["estimate"] {
        Value::Null => {}
        Value::Object(estimate) => {
            assert_eq!(
                keys(estimate),
                sorted(vec!["low", "mid", "high", "currency", "period", "factors"]),
                "{answer}"
            );
            for key in ["low", "mid", "high"] {
                assert_int(&estimate[key], &format!("estimate.{key}"));
            }
            assert_eq!(estimate["currency"], "USD", "{answer}");
            assert_eq!(estimate["period"], "year", "{answer}");
            let factors = estimate["factors"]
                .as_array()
                .unwrap_or_else(|| panic!("estimate.factors must be an array: {answer}"));
            for factor in factors {
                let factor = factor
                    .as_object()
                    .unwrap_or_else(|| panic!("a factor must be an object: {answer}"));
                assert_eq!(
                    keys(factor),
                    sorted(vec!["name", "detail", "effect"]),
                    "{answer}"
                );
                assert!(factor["name"].is_string(), "factor name: {answer}");
                assert!(factor["detail"].is_string(), "factor detail: {answer}");
                assert_int(&factor["effect"], "factor effect");
            }
        }
        other => panic!("estimate must be null or an object, got {other}"),
    }
}

fn text_of<'a>(answer: &'a Value, key: &str) -> &'a str {
    answer[key].as_str().unwrap_or_default()
}

fn factor_names(answer: &Value) -> Vec<String> {
    answer["estimate"]["factors"]
        .as_array()
        .map(|factors| {
            factors
                .iter()
                .map(|f| text_of(f, "name").to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// low ≤ mid ≤ high, and the estimate is there.
fn assert_estimate_ordered(answer: &Value) {
    let estimate = &answer["estimate"];
    assert!(estimate.is_object(), "expected an estimate: {answer}");
    let low = assert_int(&estimate["low"], "low");
    let mid = assert_int(&estimate["mid"], "mid");
    let high = assert_int(&estimate["high"], "high");
    assert!(low <= mid && mid <= high, "low ≤ mid ≤ high: {answer}");
    assert!(low > 0, "a salary is positive: {answer}");
}

// ---------------------------------------------------------------- ask --json

#[test]
fn ask_json_prints_one_object_with_the_contract_keys() {
    for question in [
        "what does a pt care coordinator do?",
        "waht certifcations shoud I get",
        "5 years, CMAA, Boston, hospital",
        "what's the weather tomorrow?",
        "how much do physical therapists make?",
        "my salary is 50k with a 4% match up to 6% and a 2k bonus, total?",
    ] {
        let answer = ask_one(question);
        assert_eq!(text_of(&answer, "question"), question);
        assert!(
            !text_of(&answer, "answer").trim().is_empty(),
            "{question:?} got an empty answer: {answer}"
        );
    }
}

#[test]
fn ask_json_topic_question_names_its_topic_and_sources() {
    let answer = ask_one("what certifications should I get?");
    assert!(answer["topic"].is_string(), "{answer}");
    assert!(
        !answer["sources"].as_array().is_some_and(Vec::is_empty),
        "a topic answer cites its sources: {answer}"
    );
    assert!(answer["estimate"].is_null(), "{answer}");
}

#[test]
fn ask_json_joins_several_words_into_one_question() {
    let run = exec(&["ask", "--json", "how", "much", "do", "they", "make"], b"");
    run.assert_clean("ask --json with several words");
    let lines = json_lines(&run);
    assert_eq!(lines.len(), 1, "{}", run.stdout);
    assert_eq!(text_of(&lines[0], "question"), "how much do they make");
}

#[test]
fn a_pay_question_with_details_gets_an_estimate() {
    for question in [
        "5 years, CMAA, Boston, hospital",
        "how much would I make with 3 years of experience in Denver?",
        "what's the salary for a new grad with an associate degree in Ohio",
    ] {
        let answer = ask_one(question);
        assert_estimate_ordered(&answer);
        assert!(!factor_names(&answer).is_empty(), "{answer}");
    }
    let answer = ask_one("5 years, CMAA, Boston, hospital");
    assert_eq!(
        factor_names(&answer),
        ["Experience", "Certifications", "Location", "Employer"],
        "{answer}"
    );
}

#[test]
fn ask_json_stdin_answers_each_line_in_order() {
    let questions = [
        "what does a pt care coordinator do?",
        "asdfghjkl qwerty",
        "",
        "what is the weather in Paris",
        "5 years, CMAA, Boston, hospital",
        "job outlook?",
    ];
    let input = questions.join("\n") + "\n";
    let run = exec(&["ask", "--json", "-"], input.as_bytes());
    run.assert_clean("ask --json - with several lines");
    let lines = json_lines(&run);
    assert_eq!(
        lines.len(),
        questions.len(),
        "one object per line:\n{}",
        run.stdout
    );
    for (question, answer) in questions.iter().zip(&lines) {
        assert_contract(answer);
        assert_eq!(text_of(answer, "question"), *question, "{answer}");
        assert!(!text_of(answer, "answer").trim().is_empty(), "{answer}");
    }
    // The nonsense line is a fallback and still exits 0 (checked above).
    assert!(lines[1]["topic"].is_null(), "{}", lines[1]);
    assert_estimate_ordered(&lines[4]);
}

#[test]
fn ask_json_stdin_handles_crlf_and_a_last_line_without_newline() {
    let run = exec(&["ask", "--json", "-"], b"pay?\r\njob outlook");
    run.assert_clean("ask --json - with CRLF");
    let lines = json_lines(&run);
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert_eq!(text_of(&lines[0], "question"), "pay?");
    assert_eq!(text_of(&lines[1], "question"), "job outlook");
}

#[test]
fn ask_json_stdin_has_no_memory_between_lines() {
    let run = exec(
        &["ask", "--json", "-"],
        b"I have 5 years of experience\nwhat about in Boston?\n",
    );
    run.assert_clean("ask --json - without memory");
    let lines = json_lines(&run);
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    let second = &lines[1];
    assert_eq!(text_of(second, "question"), "what about in Boston?");
    assert!(
        !factor_names(second).iter().any(|f| f == "Experience"),
        "the second line must not use the first line's 5 years: {second}"
    );
    assert!(
        !text_of(second, "answer").contains("5 years"),
        "the second line must not use the first line's 5 years: {second}"
    );

    // The same with a second line that surely makes an estimate.
    let run = exec(
        &["ask", "--json", "-"],
        b"I have 5 years of experience\nhow much would I make in Boston?\n",
    );
    run.assert_clean("ask --json - without memory (estimate)");
    let lines = json_lines(&run);
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    let second = &lines[1];
    assert_estimate_ordered(second);
    assert!(
        factor_names(second).iter().any(|f| f == "Location"),
        "{second}"
    );
    assert!(
        !factor_names(second).iter().any(|f| f == "Experience"),
        "the second line must not use the first line's 5 years: {second}"
    );
}

// ---------------------------------------------------------------- bad input

/// One bad input through `ask --json` (as an argument or on stdin): one
/// object per line, a non-empty answer, exit 0, no panic.
fn assert_bad_input_answered(run: &Run, what: &str, expected_lines: usize) {
    run.assert_clean(what);
    let lines = json_lines(run);
    assert_eq!(
        lines.len(),
        expected_lines,
        "{what}: one JSON line per input line:\n{}",
        run.stdout
    );
    for answer in &lines {
        assert_contract(answer);
        assert!(
            !text_of(answer, "answer").trim().is_empty(),
            "{what}: the answer must not be empty: {answer}"
        );
    }
}

#[test]
fn bad_input_as_an_argument_gets_a_clear_reply() {
    let long = "why ".repeat(2_500);
    assert_eq!(long.chars().count(), 10_000);
    let cases: Vec<(&str, String)> = vec![
        ("empty", String::new()),
        ("spaces", "   \t  ".to_string()),
        ("10,000 characters", long),
        ("10,000 characters, one word", "a".repeat(10_000)),
        ("emoji", "😀🎉🚀👩‍⚕️🏳️‍🌈".to_string()),
        ("emoji with a question", "💰💰 pay?? 🤔".to_string()),
        (
            "zalgo",
            "h̴̢̛̬̜̗͓̥͖̀̈́͊̓̕ȩ̷̧̰̝̟̺̈́̊̓̿l̶̖͙̬̂̀̊̚p̴̛̺̪̼̆̂͘ ̷̫̳̈́̈́m̴͈̙̊̈́è̸͕̩͝ ̵̪̫̋̓p̴̱̈́a̶̟͛y̴͚͝".to_string(),
        ),
        ("punctuation only", "?!?!...;;:,,--()[]{}''\"\"".to_string()),
        ("@everyone", "@everyone".to_string()),
        ("@everyone with a question", "@everyone @here what is the pay".to_string()),
        ("discord mention", "<@123456789012345678> <#42> <@&7>".to_string()),
        (
            "markdown",
            "# Heading\n**bold** _it_ `code` ```rust\nfn main() {}\n``` [link](https://example.com) > quote\n- list"
                .to_string(),
        ),
        ("control characters", "pay\u{7}\u{1b}[31m red \u{200b}\u{feff}".to_string()),
        ("right-to-left text", "ما هو الراتب؟ \u{202e}yap".to_string()),
        ("huge number", "I have 99999999999999999999999 years of experience".to_string()),
        ("negative years", "-5 years of experience in Boston".to_string()),
        ("huge salary", "my salary is $999999999999999999999k, total?".to_string()),
        ("html", "<script>alert('x')</script>".to_string()),
    ];
    for (what, question) in &cases {
        let run = exec(&["ask", "--json", question], b"");
        assert_bad_input_answered(&run, what, 1);
        let answer = &json_lines(&run)[0];
        assert_eq!(text_of(answer, "question"), question, "{what}: {answer}");
    }
}

#[test]
fn bad_input_on_stdin_gets_a_clear_reply() {
    let long = "a".repeat(10_000);
    // (what, stdin, how many lines it holds)
    let cases: Vec<(&str, Vec<u8>, usize)> = vec![
        ("empty stdin", Vec::new(), 0),
        ("one empty line", b"\n".to_vec(), 1),
        ("a NUL byte", b"pay\0 question\n".to_vec(), 1),
        ("only a NUL byte", b"\0\n".to_vec(), 1),
        (
            "invalid UTF-8",
            b"\xff\xfe what is the pay \xc3\x28\n".to_vec(),
            1,
        ),
        ("lone continuation bytes", b"\x80\x80\x80".to_vec(), 1),
        ("10,000 characters", format!("{long}\n").into_bytes(), 1),
        ("zalgo and emoji", "Z̷̢̛͙a̶͔͐l̸̰̓g̵̣̈́o̵͚͐ 😀\n".as_bytes().to_vec(), 1),
        ("@everyone", b"@everyone\n".to_vec(), 1),
        ("markdown", b"**pay** `code` [x](y)\n".to_vec(), 1),
        ("blank lines", b"\n\n\n".to_vec(), 3),
    ];
    for (what, input, expected) in &cases {
        let run = exec(&["ask", "--json", "-"], input);
        assert_bad_input_answered(&run, what, *expected);
    }
}

#[test]
fn bad_input_in_chat_gets_a_clear_reply() {
    for (what, input) in [
        ("NUL byte", b"\0\n".as_slice()),
        ("punctuation only", b"?!?!...\n".as_slice()),
        ("@everyone", b"@everyone\n".as_slice()),
    ] {
        let run = exec(&["chat"], input);
        run.assert_clean(what);
        assert!(
            run.stdout.contains("== "),
            "chat must answer a line with {what}, got:\n{}",
            run.stdout
        );
    }
}

#[test]
fn invalid_utf8_in_chat_does_not_drop_the_following_lines() {
    let run = exec(
        &["chat"],
        b"\xff bad bytes\nhow much do coordinators make?\n",
    );
    run.assert_clean("chat with invalid UTF-8");
    assert_eq!(
        replies(&run.stdout).len(),
        2,
        "both lines must be answered, got:\n{}",
        run.stdout
    );
}

// ---------------------------------------------------------------- topics

#[test]
fn topics_json_lists_every_entry() {
    let run = exec(&["topics", "--json"], b"");
    run.assert_clean("topics --json");
    let topics: Value = serde_json::from_str(run.stdout.trim()).expect("topics --json is JSON");
    let topics = topics.as_array().expect("topics --json is an array");
    assert!(
        topics.len() >= 60,
        "at least 60 topics, got {}",
        topics.len()
    );
    assert_eq!(
        topics.len(),
        common::engine().knowledge().entries.len(),
        "every entry is listed"
    );
    let mut ids = HashSet::new();
    for topic in topics {
        let id = text_of(topic, "id");
        assert!(!id.is_empty(), "{topic}");
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
        assert!(!text_of(topic, "title").is_empty(), "{topic}");
        assert!(!text_of(topic, "answer").is_empty(), "{topic}");
        for list in ["phrasings", "sources"] {
            let items = topic[list]
                .as_array()
                .unwrap_or_else(|| panic!("{list} must be an array: {topic}"));
            assert!(!items.is_empty(), "{id}: {list} must not be empty");
            assert!(items.iter().all(Value::is_string), "{id}: {list}");
        }
    }
}

#[test]
fn topics_without_json_lists_ids_and_titles() {
    let run = exec(&["topics"], b"");
    run.assert_clean("topics");
    for entry in &common::engine().knowledge().entries {
        assert!(run.stdout.contains(&entry.id), "{} missing", entry.id);
    }
}

// ---------------------------------------------------------------- chat

/// Chat output split into replies; each starts with its `== title ==` line.
fn replies(stdout: &str) -> Vec<String> {
    let mut replies: Vec<String> = Vec::new();
    for line in stdout.lines() {
        if line.starts_with("== ") && line.ends_with(" ==") {
            replies.push(String::new());
        }
        if let Some(reply) = replies.last_mut() {
            reply.push_str(line);
            reply.push('\n');
        }
    }
    replies
}

#[test]
fn chat_remembers_details_until_forget() {
    let run = exec(
        &["chat"],
        b"I have 5 years of experience\nwhat about in Boston?\nforget\nwhat about in Boston?\nquit\n",
    );
    run.assert_clean("chat");
    let replies = replies(&run.stdout);
    assert_eq!(
        replies.len(),
        4,
        "four replies before quit:\n{}",
        run.stdout
    );
    let estimate = &replies[1];
    assert!(
        estimate.contains("5 years") && estimate.contains("Boston"),
        "the second answer uses both 5 years and Boston:\n{estimate}"
    );
    assert!(estimate.contains("Experience:"), "{estimate}");
    assert!(estimate.contains("Location:"), "{estimate}");
    assert!(
        replies[2].to_lowercase().contains("forg"),
        "forget is acknowledged:\n{}",
        replies[2]
    );
    assert!(
        !replies[3].contains("5 years"),
        "after forget the 5 years are gone:\n{}",
        replies[3]
    );
}

#[test]
fn chat_ends_cleanly_at_end_of_input() {
    let run = exec(&["chat"], b"what does a coordinator do?\n");
    run.assert_clean("chat ended by EOF");
    assert_eq!(replies(&run.stdout).len(), 1, "{}", run.stdout);

    // No newline before EOF, and no input at all.
    let run = exec(&["chat"], b"pay");
    run.assert_clean("chat ended by EOF without a newline");
    assert_eq!(replies(&run.stdout).len(), 1, "{}", run.stdout);
    let run = exec(&["chat"], b"");
    run.assert_clean("chat with no input");

    // No subcommand starts the chat.
    let run = exec(&[], b"pay\n");
    run.assert_clean("no subcommand");
    assert_eq!(replies(&run.stdout).len(), 1, "{}", run.stdout);
}

#[test]
fn chat_stops_at_quit() {
    let run = exec(&["chat"], b"pay\nquit\nwhat does a coordinator do?\n");
    run.assert_clean("chat with quit");
    assert_eq!(
        replies(&run.stdout).len(),
        1,
        "nothing after quit is answered:\n{}",
        run.stdout
    );
}

// ---------------------------------------------------------------- check

/// A copy of the project's knowledge folder, removed when dropped.
struct KnowledgeCopy {
    dir: PathBuf,
}

impl KnowledgeCopy {
    fn new(name: &str) -> KnowledgeCopy {
        let dir = common::scratch_dir(name);
        common::copy_dir(&common::knowledge_dir(), &dir);
        KnowledgeCopy { dir }
    }
}

impl Drop for KnowledgeCopy {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

#[test]
fn check_passes_on_the_real_knowledge() {
    let run = exec(&["check"], b"");
    run.assert_clean("check");
    assert!(run.stdout.contains("knowledge OK"), "{}", run.stdout);
}

#[test]
fn check_fails_on_broken_knowledge_and_names_file_and_line() {
    let copy = KnowledgeCopy::new("cli-check");
    let path = copy.dir.join("career.toml");
    let text = std::fs::read_to_string(&path).expect("career.toml readable");
    let line = common::find_line(&text, "[[entry]]");
    // An unknown key right under the first entry's header.
    let broken = common::insert_after_line(&text, line, "colour = \"red\"");
    std::fs::write(&path, broken).expect("career.toml writable");

    let run = exec_with(careerbot(&copy.dir), &["check"], b"");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_ne!(run.code, Some(0), "check must fail:\n{}", run.all_output());
    let place = format!("career.toml:{}", line + 1);
    assert!(
        run.all_output().contains(&place),
        "check must name {place}:\n{}",
        run.all_output()
    );
    assert!(run.all_output().contains("colour"), "{}", run.all_output());
}

#[test]
fn a_missing_knowledge_folder_is_a_clear_error() {
    let missing = std::env::temp_dir().join(format!(
        "careerbot-no-such-knowledge-{}",
        std::process::id()
    ));
    for args in [vec!["check"], vec!["ask", "--json", "pay"], vec!["topics"]] {
        let run = exec_with(careerbot(&missing), &args, b"");
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_ne!(run.code, Some(0), "{args:?}:\n{}", run.all_output());
        assert!(
            run.stderr.contains("cannot read the knowledge folder"),
            "{args:?}:\n{}",
            run.stderr
        );
    }
}

// ---------------------------------------------------------------- config

/// A config file in a scratch folder, removed when dropped.
struct ConfigFile {
    dir: PathBuf,
    path: PathBuf,
}

impl ConfigFile {
    fn new(name: &str, text: &str) -> ConfigFile {
        let dir = common::scratch_dir(name);
        let path = dir.join("config.toml");
        std::fs::write(&path, text).expect("config writable");
        ConfigFile { dir, path }
    }
}

impl Drop for ConfigFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

const FAKE_TOKEN: &str = "MTIzNDU2Nzg5.FAKE-TOKEN.do-not-print-xyz987";

#[test]
fn a_config_with_an_unknown_key_fails_and_names_it() {
    let config = ConfigFile::new(
        "cli-config-unknown",
        &format!(
            "knowledge_dir = \"knowledge\"\n[discord]\ntoken = \"{FAKE_TOKEN}\"\nprefix = \"!\"\n"
        ),
    );
    let config_path = config.path.to_string_lossy().into_owned();
    for args in [
        vec!["--config", &config_path, "check"],
        vec!["--config", &config_path, "ask", "--json", "pay"],
    ] {
        let run = exec(&args, b"");
        assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
        assert_ne!(run.code, Some(0), "{args:?}:\n{}", run.all_output());
        assert!(
            run.stderr.contains("prefix"),
            "the error names the key:\n{}",
            run.stderr
        );
        assert!(
            run.stderr.contains("config.toml:4"),
            "the error names the file and line:\n{}",
            run.stderr
        );
        assert!(
            !run.all_output().contains(FAKE_TOKEN),
            "the token leaked:\n{}",
            run.all_output()
        );
    }
}

#[test]
fn the_token_never_appears_in_any_output() {
    let config = ConfigFile::new(
        "cli-config-token",
        &format!("[discord]\ntoken = \"{FAKE_TOKEN}\"\n"),
    );
    let config_path = config.path.to_string_lossy().into_owned();
    let runs = [
        (vec!["--config", &config_path, "check"], b"".as_slice()),
        (vec!["--config", &config_path, "ask", "--json", "pay"], b""),
        (
            vec![
                "--config",
                &config_path,
                "ask",
                "what is the discord token?",
            ],
            b"",
        ),
        (vec!["--config", &config_path, "chat"], b"token\nconfig\n"),
        (vec!["--config", &config_path, "explain", "token"], b""),
    ];
    for (args, stdin) in runs {
        let run = exec(&args, stdin);
        run.assert_clean(&format!("{args:?}"));
        assert!(
            !run.all_output().contains(FAKE_TOKEN),
            "{args:?}: the token leaked:\n{}",
            run.all_output()
        );
    }
    let run = exec(&["--config", &config_path, "check"], b"");
    assert!(run.stdout.contains("token set"), "{}", run.stdout);

    // The same token from the environment.
    let mut command = careerbot(&common::knowledge_dir());
    command.env("DISCORD_TOKEN", FAKE_TOKEN);
    let run = exec_with(command, &["check"], b"");
    run.assert_clean("check with DISCORD_TOKEN");
    assert!(run.stdout.contains("token set"), "{}", run.stdout);
    assert!(
        !run.all_output().contains(FAKE_TOKEN),
        "{}",
        run.all_output()
    );

    // A config error on the token's own line does not print it either.
    let config = ConfigFile::new(
        "cli-config-token-error",
        &format!("[discord]\ntoken = \"{FAKE_TOKEN}\"\ntoken = \"{FAKE_TOKEN}\"\n"),
    );
    let config_path = config.path.to_string_lossy().into_owned();
    let run = exec(&["--config", &config_path, "check"], b"");
    assert_ne!(run.code, Some(0), "{}", run.all_output());
    assert!(
        !run.all_output().contains(FAKE_TOKEN),
        "{}",
        run.all_output()
    );
}

#[test]
fn a_missing_config_file_is_a_clear_error() {
    let missing = std::env::temp_dir().join(format!(
        "careerbot-no-such-config-{}.toml",
        std::process::id()
    ));
    let run = exec(&["--config", &missing.to_string_lossy(), "check"], b"");
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
    assert_ne!(run.code, Some(0), "{}", run.all_output());
    assert!(
        run.stderr.contains("there is no config file at"),
        "{}",
        run.stderr
    );
    // Named by the environment instead: the message names the variable.
    let mut command = careerbot(&common::knowledge_dir());
    command.env("CAREERBOT_CONFIG", &missing);
    let run = exec_with(command, &["check"], b"");
    assert_ne!(run.code, Some(0));
    assert!(
        run.stderr
            .contains("CAREERBOT_CONFIG names the config file"),
        "{}",
        run.stderr
    );
    // A file that is not UTF-8 says so.
    let dir = common::scratch_dir("config-latin1");
    let latin1 = dir.join("config.toml");
    std::fs::write(&latin1, b"[discord]\n# caf\xe9\n").unwrap();
    let run = exec(&["--config", &latin1.to_string_lossy(), "check"], b"");
    assert!(run.stderr.contains("is not UTF-8 text"), "{}", run.stderr);
    let _ = std::fs::remove_dir_all(dir);
}

/// Width and height from a PNG's IHDR chunk.
fn png_size(bytes: &[u8]) -> (u32, u32) {
    assert_eq!(&bytes[..8], b"\x89PNG\r\n\x1a\n", "a PNG signature");
    let be = |at: usize| u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap());
    (be(16), be(20))
}

#[test]
fn chart_writes_the_estimate_as_a_png_from_flags_or_words() {
    let dir = common::scratch_dir("chart-cli");
    let from_flags = dir.join("flags.png");
    let run = exec(
        &[
            "chart",
            "--out",
            from_flags.to_str().unwrap(),
            "--experience",
            "5",
            "--certifications",
            "CMAA",
            "--location",
            "Boston",
            "--employer",
            "hospital",
        ],
        b"",
    );
    run.assert_clean("chart with flags");
    // The same estimate as the chat gives for the same details.
    let answer = ask_one("5 years in, CMAA certified, Boston, hospital");
    let mid = assert_int(&answer["estimate"]["mid"], "estimate.mid");
    let typical = format!("typical ${},{:03}", mid / 1000, mid % 1000);
    assert!(run.stdout.contains(&typical), "{typical}: {}", run.stdout);
    let flags_png = std::fs::read(&from_flags).expect("the PNG was written");
    assert_eq!(png_size(&flags_png), (800, 450));

    let from_words = dir.join("words.png");
    let words = from_words.to_str().unwrap();
    exec(
        &[
            "chart",
            "--out",
            words,
            "5 years in, CMAA certified, Boston, hospital",
        ],
        b"",
    )
    .assert_clean("chart with words");
    assert_eq!(
        std::fs::read(&from_words).unwrap(),
        flags_png,
        "same details, same picture"
    );

    // Pay, as a flag or in the words, adds its marker: a different picture.
    let with_pay = dir.join("pay.png");
    let pay = with_pay.to_str().unwrap();
    exec(
        &[
            "chart",
            "--out",
            pay,
            "--pay",
            "58000",
            "5 years in, CMAA certified, Boston, hospital",
        ],
        b"",
    )
    .assert_clean("chart with pay");
    assert_ne!(std::fs::read(&with_pay).unwrap(), flags_png);

    // A flag that names nothing known, and pay out of range, are refused
    // with the flag named.
    let run = exec(&["chart", "--out", words, "--location", "Atlantis"], b"");
    assert_eq!(run.code, Some(2), "{}", run.all_output());
    assert!(
        run.stderr.contains("--location \"Atlantis\""),
        "{}",
        run.stderr
    );
    let run = exec(&["chart", "--out", words, "--pay", "12"], b"");
    assert_eq!(run.code, Some(2), "{}", run.all_output());
    assert!(run.stderr.contains("--pay"), "{}", run.stderr);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn ask_takes_its_flags_after_the_dash_too() {
    let run = exec(
        &["ask", "-", "--json"],
        b"what does a pt care coordinator do?\n",
    );
    run.assert_clean("ask - --json");
    let lines = json_lines(&run);
    assert_eq!(lines.len(), 1);
    assert_eq!(lines[0]["question"], "what does a pt care coordinator do?");
    assert_eq!(lines[0]["topic"], "role.overview");
}

#[test]
fn out_of_range_and_negative_experience_are_refused_in_the_words_of_salary() {
    let dir = common::scratch_dir("chart-range");
    let out = dir.join("x.png");
    for years in ["999", "-3", "51"] {
        let run = exec(
            &[
                "chart",
                "--out",
                out.to_str().unwrap(),
                "--experience",
                years,
            ],
            b"",
        );
        assert_eq!(run.code, Some(2), "{years}: {}", run.all_output());
        let text = run.all_output();
        // /salary's own limit: "must be 0 to 50 years".
        assert!(text.contains("must be 0 to 50 years"), "{years}: {text}");
        assert!(!text.contains("tip:") && !text.contains("-- -3"), "{text}");
        assert!(!out.exists());
    }
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_minus_sign_is_not_years_of_experience() {
    let engine = common::engine();
    assert_eq!(engine.read_details("-5 years experience").experience, None);
    assert_eq!(
        engine
            .read_details("I have -5 years of experience, Boston")
            .experience,
        None
    );
    // A range and a compound still read.
    assert!(
        engine
            .read_details("3-5 years of experience")
            .experience
            .is_some()
    );
    assert!(
        engine
            .read_details("5 years experience")
            .experience
            .is_some()
    );
}

/// What `careerbot chat` holds in memory after it answers one line.
struct ChatMemory {
    /// The peak resident set (VmHWM), in kB.
    peak_kb: u64,
    /// The resident memory not backed by a file (RssAnon), in kB: the
    /// heap and stacks, where a line read whole would sit. The rest is the
    /// binary's own pages, far larger in a debug build than in a release.
    anonymous_kb: u64,
}

/// The memory of `careerbot chat` after it answers one line of `payload`,
/// read from /proc while it still runs; `None` where there is no /proc.
fn chat_memory(payload: Vec<u8>) -> Option<ChatMemory> {
    use std::io::BufRead;
    let mut child = careerbot(&common::knowledge_dir())
        .arg("chat")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut input = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let _ = input.write_all(&payload);
        let _ = input.write_all(b"\n");
        input
    });
    let mut stdout = std::io::BufReader::new(child.stdout.take().unwrap());
    let mut line = String::new();
    while stdout.read_line(&mut line).unwrap() > 0 && !line.starts_with("== ") {
        line.clear();
    }
    assert!(line.starts_with("== "), "the chat answered");
    let status = std::fs::read_to_string(format!("/proc/{}/status", child.id())).ok();
    drop(writer.join().unwrap());
    assert!(child.wait().unwrap().success());
    let status = status?;
    let kb = |key: &str| -> Option<u64> {
        let line = status.lines().find(|l| l.starts_with(key))?;
        line.split_whitespace().nth(1)?.parse().ok()
    };
    Some(ChatMemory {
        peak_kb: kb("VmHWM:")?,
        anonymous_kb: kb("RssAnon:")?,
    })
}

#[test]
fn a_ten_megabyte_chat_line_is_refused_in_bounded_memory() {
    let Some(short) = chat_memory(b"what does a pt care coordinator do?".to_vec()) else {
        return;
    };
    let long = chat_memory(vec![b'a'; 10_000_000]).unwrap();
    // Reading the whole line would cost at least its 10 MB (the old
    // reader took 118 MB); a bounded read keeps to the chat's own size.
    assert!(
        long.peak_kb < short.peak_kb + 8 * 1024,
        "a 10 MB line peaked at {} kB against {} kB for a short one",
        long.peak_kb,
        short.peak_kb
    );
    // The chat's whole heap stays under 40 MB (about 15 MB, in a release
    // build or a debug one: the allocator is kept off huge pages).
    assert!(
        long.anonymous_kb < 40 * 1024,
        "a 10 MB line left {} kB of heap",
        long.anonymous_kb
    );
}

#[test]
fn the_piped_chat_says_a_ten_megabyte_line_is_too_long() {
    let mut line = vec![b'a'; 10_000_000];
    line.extend_from_slice(b"\nwhat does a pt care coordinator do?\n");
    let run = exec(&["chat"], &line);
    run.assert_clean("a 10 MB line");
    assert!(
        run.stdout.contains("== Message too long =="),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains("What a PT care coordinator is"),
        "the next line is answered"
    );
    assert!(!run.stdout.contains("aaaaaaaaaa"), "never echoed");
}
