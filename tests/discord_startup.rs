//! Starting the Discord bot: each way it can fail says what to fix, exits
//! non-zero, and never prints the token.
//!
//! A token Discord rejects is tested against a one-request fake of
//! Discord's API on 127.0.0.1 (`[discord] api_base`).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::process::{Command, Output, Stdio};

const TOKEN: &str = "MTIzNDU2Nzg5MDEyMzQ1Njc4.G1a2b3.secret-part-do-not-print";

fn careerbot(args: &[&str], config: Option<&str>, token: Option<&str>) -> Output {
    let dir = common::scratch_dir("startup");
    let mut command = Command::new(env!("CARGO_BIN_EXE_careerbot"));
    command
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("DISCORD_TOKEN")
        .env("RUST_LOG", "careerbot=info")
        .current_dir(&dir)
        .arg("--knowledge")
        .arg(common::knowledge_dir())
        .stdin(Stdio::null());
    if let Some(text) = config {
        let path = dir.join("config.toml");
        std::fs::write(&path, text).unwrap();
        command.arg("--config").arg(&path);
    }
    if let Some(token) = token {
        command.env("DISCORD_TOKEN", token);
    }
    let output = command.args(args).output().expect("careerbot runs");
    let _ = std::fs::remove_dir_all(&dir);
    output
}

fn all_output(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

fn assert_fails_with(output: &Output, expected: &[&str]) {
    let text = all_output(output);
    assert!(!text.contains("panicked"), "{text}");
    assert_eq!(output.status.code(), Some(2), "{text}");
    for part in expected {
        assert!(text.contains(part), "expected {part:?} in:\n{text}");
    }
    assert!(!text.contains("secret-part"), "the token leaked:\n{text}");
}

#[test]
fn run_and_register_without_a_token_say_how_to_get_one() {
    for args in [
        vec!["run"],
        vec!["register"],
        vec!["register", "--guild", "42"],
    ] {
        let output = careerbot(&args, None, None);
        assert_fails_with(
            &output,
            &[
                "no Discord token is configured",
                "https://discord.com/developers/applications",
                "DISCORD_TOKEN",
            ],
        );
    }
}

#[test]
fn a_token_of_the_wrong_shape_is_caught_before_connecting() {
    let output = careerbot(&["run"], None, Some("secret-part-not-a-token"));
    assert_fails_with(&output, &["not in the shape of a bot token"]);
    // `check` makes the same check, so it never passes a token `run` refuses.
    let output = careerbot(&["check"], None, Some("secret-part-not-a-token"));
    assert_fails_with(&output, &["not in the shape of a bot token"]);
}

/// A fake of Discord's API that answers every request with 401, as Discord
/// does for a reset or mistyped token. Returns its address and the request
/// lines it saw.
fn rejecting_discord() -> (String, std::thread::JoinHandle<Vec<String>>) {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    let handle = std::thread::spawn(move || {
        let mut seen = Vec::new();
        // serenity makes one call (GET /users/@me) before giving up.
        if let Ok((stream, _)) = listener.accept() {
            let mut reader = BufReader::new(stream.try_clone().unwrap());
            let mut request_line = String::new();
            reader.read_line(&mut request_line).unwrap();
            seen.push(request_line.trim().to_string());
            let mut content_length = 0;
            loop {
                let mut header = String::new();
                reader.read_line(&mut header).unwrap();
                if header.trim().is_empty() {
                    break;
                }
                let lower = header.to_ascii_lowercase();
                if let Some(value) = lower.strip_prefix("content-length:") {
                    content_length = value.trim().parse().unwrap_or(0);
                }
                if lower.starts_with("authorization:") {
                    seen.push("authorization present".into());
                }
            }
            let mut body = vec![0; content_length];
            reader.read_exact(&mut body).unwrap();
            let json = r#"{"message": "401: Unauthorized", "code": 0}"#;
            let mut stream = stream;
            write!(
                stream,
                "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\ncontent-length: {}\r\nconnection: close\r\n\r\n{json}",
                json.len()
            )
            .unwrap();
        }
        seen
    });
    (address, handle)
}

#[test]
fn a_token_discord_rejects_says_so() {
    let (address, server) = rejecting_discord();
    let config = format!("[discord]\napi_base = \"{address}\"\n");
    let output = careerbot(&["run"], Some(&config), Some(TOKEN));
    assert_fails_with(&output, &["Discord rejected the token", "Reset Token"]);
    let seen = server.join().unwrap();
    assert_eq!(seen[0], "GET /api/v10/users/@me HTTP/1.1", "{seen:?}");
    assert!(seen.contains(&"authorization present".to_string()));
}

#[test]
fn logs_to_a_file_have_no_colour_codes_and_name_the_knowledge_folder() {
    let (address, server) = rejecting_discord();
    let config = format!("[discord]\napi_base = \"{address}\"\n");
    // stderr is a pipe here, as it is when logs go to a file.
    let output = careerbot(&["run"], Some(&config), Some(TOKEN));
    server.join().unwrap();
    let logs = String::from_utf8_lossy(&output.stderr);
    assert!(!logs.contains('\u{1b}'), "colour codes in:\n{logs}");
    let first = logs.lines().next().unwrap_or_default();
    assert!(
        first.contains("knowledge folder: from --knowledge"),
        "{logs}"
    );
}

#[test]
fn nothing_listening_at_the_api_is_a_network_error_not_a_token_error() {
    // Bind and drop: a port with nobody behind it.
    let port = TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let config = format!("[discord]\napi_base = \"http://127.0.0.1:{port}\"\n");
    let output = careerbot(&["run"], Some(&config), Some(TOKEN));
    assert_fails_with(&output, &["could not reach Discord"]);
}

#[test]
fn an_invalid_config_stops_the_bot_naming_the_key() {
    let output = careerbot(&["run"], Some("[discord]\nshards = 0\n"), Some(TOKEN));
    assert_fails_with(&output, &["`discord.shards`"]);
    let output = careerbot(
        &["run"],
        Some("[discord]\napi_base = \"discord.example\"\n"),
        Some(TOKEN),
    );
    assert_fails_with(&output, &["`discord.api_base`"]);
}

#[test]
fn with_no_token_the_default_is_the_terminal_chat() {
    let mut child = Command::new(env!("CARGO_BIN_EXE_careerbot"))
        .env_remove("CAREERBOT_CONFIG")
        .env_remove("DISCORD_TOKEN")
        .current_dir(std::env::temp_dir())
        .arg("--knowledge")
        .arg(common::knowledge_dir())
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(b"/duties\n").unwrap();
    let mut stdout = String::new();
    child
        .stdout
        .take()
        .unwrap()
        .read_to_string(&mut stdout)
        .unwrap();
    assert!(child.wait().unwrap().success());
    let duties = common::engine().topic("duties.overview").unwrap();
    assert!(stdout.contains(&duties.title), "{stdout}");
}

#[test]
fn an_endpoint_that_never_answers_fails_clearly_instead_of_hanging() {
    // Accepts the connection, reads the request, and never answers.
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let address = format!("http://{}", listener.local_addr().unwrap());
    std::thread::spawn(move || {
        let mut held = Vec::new();
        while let Ok((stream, _)) = listener.accept() {
            held.push(stream);
        }
    });
    let config = format!("[discord]\napi_base = \"{address}\"\n");
    let output = careerbot(&["run"], Some(&config), Some(TOKEN));
    assert_fails_with(&output, &["could not reach Discord", "timed out"]);
}

#[test]
fn a_refused_connection_names_its_cause() {
    // A port nothing listens on: bound, then closed.
    let address = {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}", listener.local_addr().unwrap())
    };
    let config = format!("[discord]\napi_base = \"{address}\"\n");
    let output = careerbot(&["run"], Some(&config), Some(TOKEN));
    assert_fails_with(
        &output,
        &["could not reach Discord", "could not connect", "refused"],
    );
}
