//! The terminal chat: the same engine as Discord, one conversation, read
//! line by line.
//!
//! At a terminal it has line editing and history (rustyline; the history
//! stays in memory, since messages hold personal details) and wraps each
//! reply at word boundaries to the terminal's width. Piped input is read
//! plainly, one message per line, and printed unwrapped, so scripts see
//! exactly what the engine said.

use crate::knowledge::TerminalWords;
use crate::render::text;
use crate::review::{Answered, FrontEnd, Recorder};
use crate::{Conversation, Engine};
use std::io::{BufRead, IsTerminal, Write};
use std::time::Instant;

/// The widest a reply is wrapped, however wide the terminal: long lines
/// are hard to read.
const MAX_WIDTH: usize = 100;

/// Whether a message ends the chat: `quit`, `exit`, `bye` or `:q`.
pub fn is_goodbye(message: &str) -> bool {
    matches!(
        message.trim().to_lowercase().as_str(),
        "quit" | "exit" | "bye" | ":q"
    )
}

/// A reply as the terminal prints it: the engine's text, with the chat's
/// own help after the help topic, wrapped to `width` columns when given.
pub fn reply_text(
    engine: &Engine,
    conversation: &mut Conversation,
    message: &str,
    recorder: Option<&Recorder>,
) -> String {
    let replies = &engine.knowledge().replies;
    let started = Instant::now();
    let reply = conversation.ask(engine, message);
    if let Some(recorder) = recorder {
        recorder.answered(Answered {
            front_end: FrontEnd::Chat,
            reply: &reply,
            question: engine.redacted(message),
            latency: started.elapsed(),
            votable: false,
        });
    }
    let mut out = text::to_text(&reply, replies);
    if reply.topic.as_deref() == Some(HELP_TOPIC) {
        out.push('\n');
        out.push_str(&text::strip_bold(&replies.terminal.help));
        out.push('\n');
    }
    out
}

/// The topic whose answer gets the chat's own help after it.
const HELP_TOPIC: &str = "meta.help";

/// Wrap every line of `text` at word boundaries to `width` columns; list
/// items keep their indent on the lines they continue.
pub fn wrap(text: &str, width: usize) -> String {
    let mut out = String::new();
    for line in text.lines() {
        let indent: String = line.chars().take_while(|c| c.is_whitespace()).collect();
        let bullet = line.trim_start().starts_with("- ");
        let rest_indent = if bullet {
            format!("{indent}  ")
        } else {
            indent.clone()
        };
        let options = textwrap::Options::new(width.max(20))
            .subsequent_indent(&rest_indent)
            .break_words(false);
        out.push_str(&textwrap::fill(line, options));
        out.push('\n');
    }
    out
}

/// Run the chat until the person leaves. `token_configured` says which
/// line the welcome ends with.
/// With a `recorder`, every answer is recorded for the review.
pub fn chat(
    engine: &Engine,
    token_configured: bool,
    recorder: Option<&Recorder>,
) -> std::io::Result<()> {
    let words = &engine.knowledge().replies.terminal;
    if std::io::stdin().is_terminal() && std::io::stdout().is_terminal() {
        interactive(engine, words, token_configured, recorder)
    } else {
        piped(engine, recorder)
    }
}

fn welcome(words: &TerminalWords, token_configured: bool) -> String {
    let mut lines = vec![words.welcome.as_str(), words.details.as_str()];
    lines.push(if token_configured {
        &words.token_set
    } else {
        &words.no_token
    });
    lines.join("\n")
}

fn width() -> usize {
    textwrap::termwidth().min(MAX_WIDTH)
}

fn interactive(
    engine: &Engine,
    words: &TerminalWords,
    token_configured: bool,
    recorder: Option<&Recorder>,
) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    writeln!(
        out,
        "{}\n",
        wrap(&welcome(words, token_configured), width()).trim_end()
    )?;
    drop(out);
    let mut editor = match rustyline::DefaultEditor::new() {
        Ok(editor) => editor,
        // No line editing here (an odd terminal): read plainly instead.
        Err(_) => return piped(engine, recorder),
    };
    let mut conversation = Conversation::new();
    loop {
        match editor.readline(&words.prompt) {
            Ok(line) => {
                let message = line.trim();
                if is_goodbye(message) {
                    break;
                }
                if message.is_empty() {
                    continue;
                }
                // History in memory only: it holds what people said.
                let _ = editor.add_history_entry(message);
                let text = reply_text(engine, &mut conversation, message, recorder);
                println!("\n{}", wrap(&text, width()));
            }
            // Ctrl-D and Ctrl-C end the chat; rustyline has left the cursor
            // on the prompt line, so the goodbye starts a fresh one.
            Err(rustyline::error::ReadlineError::Eof)
            | Err(rustyline::error::ReadlineError::Interrupted) => {
                println!();
                break;
            }
            Err(error) => return Err(std::io::Error::other(error)),
        }
    }
    println!("{}", words.goodbye);
    Ok(())
}

/// The most bytes of one line kept for the engine: enough for its longest
/// question in any script (four bytes a character), plus a margin so that
/// a longer one still reads as too long.
pub const LINE_BYTES: usize = crate::engine::MAX_QUESTION_CHARS * 4 + 64;

/// Read one line into `line`, keeping at most `cap` bytes of it and
/// skipping the rest, so a 10 MB line costs no more memory than a short
/// one. Returns false at the end of input.
pub fn read_bounded_line(
    reader: &mut impl BufRead,
    cap: usize,
    line: &mut Vec<u8>,
) -> std::io::Result<bool> {
    line.clear();
    let mut read_any = false;
    loop {
        let available = match reader.fill_buf() {
            Ok(bytes) => bytes,
            Err(error) if error.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(error) => return Err(error),
        };
        if available.is_empty() {
            return Ok(read_any);
        }
        read_any = true;
        let newline = available.iter().position(|&b| b == b'\n');
        let taken = newline.map_or(available.len(), |i| i + 1);
        let room = cap.saturating_sub(line.len());
        line.extend_from_slice(&available[..taken.min(room)]);
        reader.consume(taken);
        if newline.is_some() {
            return Ok(true);
        }
    }
}

fn piped(engine: &Engine, recorder: Option<&Recorder>) -> std::io::Result<()> {
    let mut out = std::io::stdout().lock();
    let mut conversation = Conversation::new();
    let stdin = std::io::stdin();
    let mut input = stdin.lock();
    let mut buffer = Vec::new();
    loop {
        if !read_bounded_line(&mut input, LINE_BYTES, &mut buffer)? {
            break;
        }
        // Invalid UTF-8 is replaced, never fatal: the chat goes on.
        let line = String::from_utf8_lossy(&buffer);
        let message = line.trim();
        if is_goodbye(message) {
            break;
        }
        let text = reply_text(engine, &mut conversation, message, recorder);
        writeln!(out, "\n{text}")?;
        out.flush()?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_keeps_words_whole_and_list_items_indented() {
        let text = "- a list item that is long enough to need wrapping at twenty\nplain";
        let wrapped = wrap(text, 20);
        for line in wrapped.lines() {
            assert!(line.chars().count() <= 20, "{line:?}");
        }
        assert!(wrapped.starts_with("- a list item"));
        assert!(wrapped.lines().nth(1).unwrap().starts_with("  "));
        assert!(wrapped.contains("wrapping"));
        assert!(wrapped.ends_with("plain\n"));
    }

    #[test]
    fn goodbyes() {
        for word in ["quit", "EXIT", " bye ", ":q"] {
            assert!(is_goodbye(word));
        }
        assert!(!is_goodbye("quit my job?"));
    }
}
