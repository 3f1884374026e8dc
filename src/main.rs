//! The `careerbot` command: the Discord bot, terminal chat, one-shot
//! answers, the JSON contract, topic listing and validation. With no
//! subcommand it runs the Discord bot when a token is configured, and the
//! terminal chat otherwise.

use careerbot::Engine;
use careerbot::config::{Config, ConfigError};
use careerbot::discord::client::{self as discord, StartError};
use careerbot::engine::{Field, ProfileError, ProfileInput};
use careerbot::knowledge::{KnowledgeBase, KnowledgeError};
use careerbot::render::{json, text};
use careerbot::review::{Answered, FrontEnd, Recorder, Review, ReviewOptions, Store};
use clap::{Parser, Subcommand};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

/// The bot's allocator. Understanding a message makes many small,
/// short-lived allocations (tokens, words, stems); with the system
/// allocator they were a quarter of the time per question. It is built
/// without transparent huge pages (Cargo.toml), which doubled the resident
/// memory of a process this small.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "careerbot",
    version,
    about = "Career answers and salary estimates for PT care coordinators.",
    long_about = "Career answers and salary estimates for the Physical Therapy (PT) Care Coordinator role.\n\nWith no command, runs the Discord bot if a token is configured (DISCORD_TOKEN or config.toml), and a chat in the terminal otherwise."
)]
struct Cli {
    /// Config file (default: config.toml, or $CAREERBOT_CONFIG).
    #[arg(long, global = true, value_name = "PATH")]
    config: Option<PathBuf>,
    /// Knowledge folder (overrides knowledge_dir in the config).
    #[arg(long, global = true, value_name = "DIR")]
    knowledge: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Run the Discord bot (needs a token: DISCORD_TOKEN or config.toml).
    Run,
    /// Register the slash commands with Discord, in one server or globally.
    Register {
        /// The server (guild) id; instant. Without it (and without
        /// `guild_id` in the config) commands are registered globally.
        #[arg(long, value_name = "ID")]
        guild: Option<u64>,
    },
    /// Chat in the terminal; remembers your details until you say `forget`.
    Chat,
    /// Answer one question, or one per line from stdin with `-`.
    Ask {
        /// Print one JSON object per question.
        #[arg(long)]
        json: bool,
        /// The question, or `-` to read questions from stdin. `--json` may
        /// come before or after it (`ask - --json`).
        #[arg(required = true, num_args = 1.., allow_hyphen_values = true)]
        question: Vec<String>,
    },
    /// List every topic: id, title, phrasings, answer and sources.
    Topics {
        #[arg(long)]
        json: bool,
    },
    /// Validate the knowledge base and the config; exits non-zero on errors.
    Check,
    /// Draw a salary estimate as a PNG chart, from details given as flags
    /// or in words ("5 years, CMAA, Boston, hospital").
    Chart {
        /// Where to write the PNG.
        #[arg(long, value_name = "FILE.png")]
        out: PathBuf,
        /// Years of experience, 0 to 50 (as in /salary).
        #[arg(long, value_name = "YEARS", allow_negative_numbers = true)]
        experience: Option<i64>,
        /// Education, in words: "bachelor", "associate", "GED"...
        #[arg(long, value_name = "LEVEL")]
        education: Option<String>,
        /// A metro or state: "Boston", "Denver, CO", "Texas".
        #[arg(long, value_name = "PLACE")]
        location: Option<String>,
        /// Employer type, in words: "hospital", "private clinic"...
        #[arg(long, value_name = "TYPE")]
        employer: Option<String>,
        /// Certifications held, comma-separated: "CMAA, CEHRS".
        #[arg(long, value_name = "LIST")]
        certifications: Option<String>,
        /// Your yearly pay in dollars, marked on the chart.
        #[arg(long, value_name = "DOLLARS", value_parser = clap::value_parser!(i64).range(careerbot::domain::PAY_RANGE))]
        pay: Option<i64>,
        /// Draw two to four job offers side by side instead, one per
        /// argument: --offers "48k, 100% match up to 4%, Denver" "50k, no match".
        #[arg(long, value_name = "OFFER", num_args = 2..=4, conflicts_with_all = ["experience", "education", "location", "employer", "certifications", "pay", "question"])]
        offers: Vec<String>,
        /// Profile in words, instead of or on top of the flags.
        #[arg(num_args = 0..)]
        question: Vec<String>,
    },
    /// What people asked that careerbot declined or was unsure of, grouped
    /// with what to add where, and the 👍/👎 votes by topic, from the
    /// review database.
    Review {
        /// How far back: "7d" (days), "2w" (weeks) or a number of days.
        #[arg(long, value_name = "AGE", default_value = "7d", value_parser = parse_since)]
        since: u32,
        /// Print the review as JSON.
        #[arg(long)]
        json: bool,
        /// The database (instead of `[review] database` in the config).
        #[arg(long, value_name = "PATH")]
        database: Option<PathBuf>,
    },
    /// Show how a question is understood and which topics it matches.
    Explain {
        #[arg(required = true, num_args = 1..)]
        question: Vec<String>,
    },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        // The reader went away (`careerbot topics | head`): not an error.
        Err(Failure::Io(error)) if error.kind() == std::io::ErrorKind::BrokenPipe => {
            ExitCode::SUCCESS
        }
        Err(message) => {
            eprintln!("careerbot: {message}");
            ExitCode::from(2)
        }
    }
}

/// Errors that stop the program, already worded for the person.
enum Failure {
    Config(ConfigError),
    Knowledge(KnowledgeError),
    Discord(StartError),
    /// A bad argument or an output problem, already worded.
    Usage(String),
    Io(std::io::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Config(e) => write!(f, "config error: {e}"),
            Failure::Knowledge(e) => write!(f, "{e}"),
            Failure::Discord(e) => write!(f, "{e}"),
            Failure::Usage(e) => write!(f, "{e}"),
            Failure::Io(e) => write!(f, "{e}"),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(error: std::io::Error) -> Failure {
        Failure::Io(error)
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let config = Config::load(cli.config.as_deref()).map_err(Failure::Config)?;
    let (knowledge_dir, knowledge_why) = match &cli.knowledge {
        Some(dir) => (dir.clone(), "from --knowledge".to_string()),
        None => config.knowledge_location(),
    };
    let load = || Engine::load(&knowledge_dir).map_err(Failure::Knowledge);
    match cli.command {
        None if config.token().is_some() => {
            discord_runtime(&knowledge_dir, &knowledge_why, || {
                discord::run(&config, knowledge_dir.clone())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Run) => {
            discord_runtime(&knowledge_dir, &knowledge_why, || {
                discord::run(&config, knowledge_dir.clone())
            })?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Register { guild }) => {
            let done = discord_runtime(&knowledge_dir, &knowledge_why, || {
                discord::register(&config, knowledge_dir.clone(), guild)
            })?;
            println!("{done}");
            Ok(ExitCode::SUCCESS)
        }
        None | Some(Command::Chat) => {
            let engine = load()?;
            let recorder = start_recorder(&config);
            chat(&engine, &config, recorder.as_ref())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Ask { json, question }) => {
            // A question may start with "-" ("-5 years ..."), so clap takes
            // everything after `ask` as words; `--json` among them is the
            // flag, given after the question (`ask - --json`).
            let (flags, question): (Vec<String>, Vec<String>) =
                question.into_iter().partition(|word| word == "--json");
            let json = json || !flags.is_empty();
            if question.is_empty() {
                return Err(Failure::Usage(
                    "ask needs a question, or - to read questions from stdin".into(),
                ));
            }
            let engine = load()?;
            let recorder = start_recorder(&config);
            ask(&engine, json, &question, recorder.as_ref())?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Review {
            since,
            json,
            database,
        }) => {
            let engine = load()?;
            review(&engine, &config, since, json, database)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Topics { json }) => {
            let kb = KnowledgeBase::load(&knowledge_dir).map_err(Failure::Knowledge)?;
            topics(&kb, json)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Chart {
            out,
            experience,
            education,
            location,
            employer,
            certifications,
            pay,
            offers,
            question,
        }) => {
            let engine = load()?;
            if !offers.is_empty() {
                offers_chart(&engine, &offers, &out)?;
                return Ok(ExitCode::SUCCESS);
            }
            let flags = ChartFlags {
                experience,
                education,
                location,
                employer,
                certifications,
                pay,
            };
            chart(&engine, &flags, &question.join(" "), &out)?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Explain { question }) => {
            let engine = load()?;
            explain(&engine, &question.join(" "))?;
            Ok(ExitCode::SUCCESS)
        }
        Some(Command::Check) => {
            let kb = KnowledgeBase::load(&knowledge_dir).map_err(Failure::Knowledge)?;
            let phrasings: usize = kb.entries.iter().map(|e| e.phrasings.len()).sum();
            let mut out = std::io::stdout().lock();
            writeln!(
                out,
                "knowledge OK: {} entries, {} phrasings, {} sources, {} BLS metros, {} states, {} nonmetro areas ({})",
                kb.entries.len(),
                phrasings,
                kb.sources.len(),
                kb.wages.metros.len(),
                kb.wages.states.len(),
                kb.wages.nonmetro.len(),
                knowledge_dir.display()
            )?;
            // The same shape check `careerbot run` makes.
            if config.token().is_some() {
                discord::checked_token(&config).map_err(Failure::Discord)?;
            }
            writeln!(
                out,
                "config OK: Discord token {}",
                if config.token().is_some() {
                    "set"
                } else {
                    "not set (terminal chat only)"
                }
            )?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

/// Run a Discord task on a tokio runtime, with logging to stderr
/// (`RUST_LOG` adjusts it; the default is careerbot's own info lines),
/// coloured only when stderr is a terminal. The first line names the
/// knowledge folder and why it is that one.
fn discord_runtime<T, F: Future<Output = Result<T, StartError>>>(
    knowledge: &Path,
    why: &str,
    task: impl FnOnce() -> F,
) -> Result<T, Failure> {
    use std::io::IsTerminal;
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(careerbot::discord::client::DEFAULT_LOG_FILTER)
    });
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .try_init();
    tracing::info!(folder = %knowledge.display(), "knowledge folder: {why}");
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()?;
    runtime.block_on(task()).map_err(Failure::Discord)
}

/// The detail flags of `careerbot chart`.
struct ChartFlags {
    experience: Option<i64>,
    education: Option<String>,
    location: Option<String>,
    employer: Option<String>,
    certifications: Option<String>,
    pay: Option<i64>,
}

fn chart(engine: &Engine, flags: &ChartFlags, question: &str, out: &Path) -> Result<(), Failure> {
    // Flags and words are two inputs to the one resolver every front end
    // uses, with the same limits as /salary.
    let input = ProfileInput {
        words: (!question.trim().is_empty()).then(|| question.to_string()),
        experience_years: flags.experience.map(|years| years as f64),
        education: flags.education.clone(),
        location: flags.location.clone(),
        employer: flags.employer.clone(),
        certifications: flags.certifications.clone(),
        pay: flags.pay,
    };
    let profile = engine
        .resolve_profile(&input)
        .map_err(|error| Failure::Usage(profile_error(&error)))?;
    let estimate = careerbot::estimate::estimate(engine.knowledge(), &profile);
    let png =
        careerbot::chart::salary_png(engine.knowledge(), &estimate, &profile, profile.own_pay)
            .map_err(|e| Failure::Usage(e.to_string()))?;
    std::fs::write(out, png)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", out.display())))?;
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "wrote {} ({}x{}): {} to {}, typical {}",
        out.display(),
        careerbot::chart::WIDTH,
        careerbot::chart::HEIGHT,
        careerbot::domain::dollars(estimate.low),
        careerbot::domain::dollars(estimate.high),
        careerbot::domain::dollars(estimate.mid)
    )?;
    Ok(())
}

/// `careerbot chart --offers`: the offers read as the `/offers` form reads
/// them, drawn side by side, and the verdict printed.
fn offers_chart(engine: &Engine, offers: &[String], out: &Path) -> Result<(), Failure> {
    let texts: Vec<&str> = offers.iter().map(String::as_str).collect();
    let reply = engine.offers_reply_for(&texts);
    let words = &engine.knowledge().replies;
    // The engine always answers offers with a comparison; any other reply
    // is said as it is.
    let careerbot::reply::Content::Offers(comparison) = &reply.content else {
        return Err(Failure::Usage(careerbot::render::text::to_text(
            &reply, words,
        )));
    };
    if comparison.offers.is_empty() {
        let unread = careerbot::render::offers::offer_notes(words, comparison);
        return Err(Failure::Usage(unread.join("\n")));
    }
    let png = careerbot::chart::offers_png(words, comparison)
        .map_err(|e| Failure::Usage(e.to_string()))?;
    std::fs::write(out, png)
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", out.display())))?;
    let verdict = careerbot::render::offers::verdict(&words.offers, comparison);
    let mut stdout = std::io::stdout().lock();
    writeln!(
        stdout,
        "wrote {} ({}x{}): {}",
        out.display(),
        careerbot::chart::WIDTH,
        careerbot::chart::HEIGHT,
        verdict.replace("**", "")
    )?;
    Ok(())
}

/// A detail flag careerbot cannot use, named as the flag.
fn profile_error(error: &ProfileError) -> String {
    match error {
        ProfileError::ExperienceRange => format!(
            "--experience must be 0 to {} years",
            careerbot::domain::MAX_EXPERIENCE_YEARS
        ),
        ProfileError::PayRange => format!(
            "--pay must be your yearly pay in dollars, from {} to {}",
            careerbot::domain::PAY_RANGE.start(),
            careerbot::domain::PAY_RANGE.end()
        ),
        ProfileError::Unknown { what, typed } => {
            let flag = match what {
                Field::Education => "education",
                Field::Location => "location",
                Field::Employer => "employer",
                Field::Certifications => "certifications",
            };
            format!(
                "--{flag} {typed:?}: I don't recognise that. Try the words the chat understands, e.g. `careerbot explain \"{typed}\"` shows what is read"
            )
        }
    }
}

fn explain(engine: &Engine, question: &str) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let explanation = engine.explain(question);
    writeln!(out, "normalized:  {}", explanation.normalized)?;
    writeln!(out, "intent:      {}", explanation.intent)?;
    writeln!(out, "cues:        {}", explanation.cues.names().join(" "))?;
    writeln!(out, "terms:       {}", explanation.terms.join(" "))?;
    for (typed, fixed) in &explanation.corrections {
        writeln!(out, "typo:        {typed} -> {fixed}")?;
    }
    writeln!(out, "details:     {}", explanation.details.join(", "))?;
    writeln!(out, "names:       {}", explanation.entities.join(", "))?;
    let evidence = &explanation.evidence;
    writeln!(
        out,
        "evidence:    for the role {:.2} ({}); against {:.2} ({})",
        evidence.domain,
        evidence.domain_words.join(" "),
        evidence.foreign,
        evidence.foreign_words.join(" ")
    )?;
    writeln!(out, "confidence:  {:.3}", explanation.confidence)?;
    for (name, score) in &explanation.candidates {
        writeln!(out, "  {score:>7.3}  {name}")?;
    }
    let reply = engine.answer(question);
    writeln!(
        out,
        "answer:      {:?} -> {}",
        reply.kind,
        reply.topic.as_deref().unwrap_or("(none)")
    )?;
    Ok(())
}

fn chat(engine: &Engine, config: &Config, recorder: Option<&Recorder>) -> Result<(), Failure> {
    careerbot::terminal::chat(engine, config.token().is_some(), recorder)?;
    Ok(())
}

/// The recorder for the chat and `ask`, when a database is configured. A
/// database that cannot be used is said once; answering goes on without.
fn start_recorder(config: &Config) -> Option<Recorder> {
    let settings = config.review_settings(false)?;
    match Recorder::start(&settings) {
        Ok(recorder) => Some(recorder),
        Err(error) => {
            eprintln!("careerbot: {error}. Answering without recording.");
            None
        }
    }
}

/// `careerbot review`.
fn review(
    engine: &Engine,
    config: &Config,
    days: u32,
    as_json: bool,
    database: Option<PathBuf>,
) -> Result<(), Failure> {
    let path = match database {
        Some(path) => path,
        None => match config.review_settings(true) {
            Some(settings) => settings.database,
            None => {
                return Err(Failure::Usage(text::strip_bold(
                    &engine.knowledge().replies.review.off,
                )));
            }
        },
    };
    if !path.exists() {
        return Err(Failure::Usage(format!(
            "no review database at {}: it is made when the bot (or a chat with `[review] database` set) first answers. Pass --database PATH to read another",
            path.display()
        )));
    }
    let store = Store::open(&path).map_err(|e| Failure::Usage(e.to_string()))?;
    let options = ReviewOptions {
        days,
        now: careerbot::review::recorder::unix_now(),
        top: usize::MAX,
    };
    let review =
        Review::build(engine, &store, options).map_err(|e| Failure::Usage(e.to_string()))?;
    let mut out = std::io::stdout().lock();
    if as_json {
        writeln!(out, "{}", review.to_json())?;
    } else {
        writeln!(
            out,
            "{}",
            text::strip_bold(&review.to_text(&engine.knowledge().replies))
        )?;
    }
    Ok(())
}

/// `--since 7d`, `2w`, `30`: a number of days.
fn parse_since(text: &str) -> Result<u32, String> {
    let text = text.trim().to_lowercase();
    let (number, scale) = match text.strip_suffix('w') {
        Some(weeks) => (weeks, 7),
        None => (text.strip_suffix('d').unwrap_or(&text), 1),
    };
    match number.trim().parse::<u32>() {
        Ok(n) if n >= 1 => n
            .checked_mul(scale)
            .ok_or_else(|| format!("{text:?} is too long ago")),
        _ => Err(format!(
            "{text:?} is not an age: write a number of days or weeks, such as 7d or 2w"
        )),
    }
}

fn ask(
    engine: &Engine,
    as_json: bool,
    question: &[String],
    recorder: Option<&Recorder>,
) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    let answer = |q: &str, out: &mut std::io::StdoutLock| -> std::io::Result<()> {
        let started = std::time::Instant::now();
        let reply = engine.answer(q);
        if let Some(recorder) = recorder {
            recorder.answered(Answered {
                front_end: FrontEnd::Ask,
                reply: &reply,
                question: engine.redacted(q),
                latency: started.elapsed(),
                votable: false,
            });
        }
        if as_json {
            writeln!(
                out,
                "{}",
                json::to_json_line(q, &reply, &engine.knowledge().replies)
            )
        } else {
            writeln!(
                out,
                "{}",
                text::to_text(&reply, &engine.knowledge().replies)
            )
        }
    };
    if question.len() == 1 && question[0] == "-" {
        let stdin = std::io::stdin();
        let mut reader = stdin.lock();
        let mut buffer = Vec::new();
        loop {
            let line_bytes = careerbot::terminal::LINE_BYTES;
            if !careerbot::terminal::read_bounded_line(&mut reader, line_bytes, &mut buffer)? {
                break;
            }
            // Invalid UTF-8 is replaced, never fatal: every line gets an answer.
            let line = String::from_utf8_lossy(&buffer);
            let line = line.trim_end_matches(['\n', '\r']);
            answer(line, &mut out)?;
        }
    } else {
        answer(&question.join(" "), &mut out)?;
    }
    Ok(())
}

fn topics(kb: &KnowledgeBase, as_json: bool) -> Result<(), Failure> {
    let mut out = std::io::stdout().lock();
    if as_json {
        let list: Vec<serde_json::Value> = kb
            .entries
            .iter()
            .map(|e| {
                serde_json::json!({
                    "id": e.id,
                    "title": e.title,
                    "short_title": e.short_title,
                    "phrasings": e.phrasings,
                    "answer": e.answer,
                    "sources": kb.citations(&e.sources).into_iter().map(|c| c.full).collect::<Vec<_>>(),
                    "related": e.related,
                })
            })
            .collect();
        writeln!(out, "{}", serde_json::Value::Array(list))?;
    } else {
        for entry in &kb.entries {
            writeln!(out, "{:<28} {}", entry.id, entry.title)?;
        }
        writeln!(
            out,
            "\n{} topics. `careerbot topics --json` shows everything.",
            kb.entries.len()
        )?;
    }
    Ok(())
}
