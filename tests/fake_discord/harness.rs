//! Running the real, unmodified client (`careerbot::discord::client::serve`)
//! in-process against a [`FakeDiscord`], and reading what it logs.
//!
//! The bot's log goes to one buffer for the whole test binary (tracing has
//! one global subscriber), so a test looks for lines only it can cause,
//! such as an interaction id. Set `CAREERBOT_E2E_LOG=1` to also see the log
//! on stderr.

use super::{FakeDiscord, GUILD_ID, Handshake, Place, TOKEN};
use careerbot::config::Config;
use careerbot::discord::client::{StartError, serve};
use std::path::{Path, PathBuf};
use std::sync::{LazyLock, Mutex, Once, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::{oneshot, watch};

/// The project's knowledge folder.
pub fn knowledge_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge"))
}

static LOG: Mutex<String> = Mutex::new(String::new());
static LOG_CHANGED: LazyLock<watch::Sender<u64>> = LazyLock::new(|| watch::channel(0).0);

struct LogWriter;

impl std::io::Write for LogWriter {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(bytes);
        LOG.lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push_str(&text);
        if std::env::var_os("CAREERBOT_E2E_LOG").is_some() {
            eprint!("{text}");
        }
        LOG_CHANGED.send_modify(|version| *version += 1);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Send the bot's log, filtered as the `careerbot` binary filters it by
/// default, to the buffer; once per test binary.
pub fn capture_logs() {
    static INSTALL: Once = Once::new();
    INSTALL.call_once(|| {
        let filter =
            tracing_subscriber::EnvFilter::new(careerbot::discord::client::DEFAULT_LOG_FILTER);
        tracing_subscriber::fmt()
            .with_env_filter(filter)
            .with_ansi(false)
            .with_writer(|| LogWriter)
            .try_init()
            .expect("no other tracing subscriber in this test binary");
    });
}

/// Everything logged so far, by every bot of this test binary.
pub fn logs() -> String {
    LOG.lock().unwrap_or_else(PoisonError::into_inner).clone()
}

/// Wait until a log line contains every one of `needles`; returns the line.
pub async fn wait_for_log(needles: &[&str], timeout: Duration) -> String {
    let mut changes = LOG_CHANGED.subscribe();
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        let found = logs()
            .lines()
            .find(|line| needles.iter().all(|n| line.contains(n)))
            .map(str::to_string);
        if let Some(line) = found {
            return line;
        }
        if tokio::time::timeout_at(deadline, changes.changed())
            .await
            .is_err()
        {
            panic!("timed out after {timeout:?} waiting for a log line with {needles:?}");
        }
    }
}

/// The title of the duties topic, which `/duties` answers with.
fn duties_title() -> &'static str {
    static TITLE: LazyLock<String> = LazyLock::new(|| {
        careerbot::Engine::load(knowledge_dir())
            .expect("the knowledge base loads")
            .topic("duties.overview")
            .expect("the duties topic")
            .title
    });
    &TITLE
}

/// Check the bot is serving: `/duties` from `user` in the server is
/// answered within Discord's 3 seconds with the duties topic. Returns how
/// long the answer took.
pub async fn assert_answers(fake: &FakeDiscord, user: u64) -> Duration {
    let sent = Instant::now();
    let id = fake.interact(fake.slash("duties", &[], user, Place::Guild));
    assert_answered(fake, id, sent).await
}

/// Check interaction `id` (a `/duties`, dispatched at `sent`) got its
/// answer within 3 seconds of `sent`. Returns how long it took.
pub async fn assert_answered(fake: &FakeDiscord, id: u64, sent: Instant) -> Duration {
    let deadline = Duration::from_secs(careerbot::discord::limits::INTERACTION_DEADLINE_SECS);
    let callback = fake.wait_callback(id, deadline).await;
    assert_eq!(callback.status, 204, "{}", fake.summary());
    assert_eq!(callback.body["type"], 4, "a message response");
    assert_eq!(
        callback.body["data"]["embeds"][0]["title"].as_str(),
        Some(duties_title())
    );
    let took = callback.at - sent;
    assert!(took < deadline, "answered after {took:?}");
    took
}

/// The config a test bot runs with: the fake's address, one shard, no rate
/// limit (unless `extra` sets one), commands registered on start, no
/// review log (unless `extra` has a `[review]` table); `extra` adds
/// `[discord]` keys, then any tables of its own.
pub fn config_for(fake: &FakeDiscord, extra: &str) -> Config {
    let no_limit = if extra.contains("rate_limit_questions") {
        ""
    } else {
        "rate_limit_questions = 0\n"
    };
    let no_review = if extra.contains("[review]") {
        ""
    } else {
        "[review]\ndatabase = \"\"\n"
    };
    let text = format!(
        "[discord]\ntoken = \"{TOKEN}\"\napi_base = \"{}\"\nshards = 1\nregister_on_start = true\n{no_limit}{extra}\n{no_review}",
        fake.api_base()
    );
    Config::parse(&text, Path::new("fake-discord.toml")).expect("the test config parses")
}

/// The real client, serving in a task of the test's runtime.
pub struct RunningBot {
    stop: Option<oneshot::Sender<()>>,
    task: tokio::task::JoinHandle<Result<(), StartError>>,
    /// When it was started.
    pub started: Instant,
}

impl RunningBot {
    /// Start the bot against `fake` with `extra` config keys.
    pub fn start(fake: &FakeDiscord, extra: &str) -> RunningBot {
        capture_logs();
        let config = config_for(fake, extra);
        let (stop, stopped) = oneshot::channel::<()>();
        let started = Instant::now();
        let task = tokio::spawn(async move {
            serve(&config, knowledge_dir(), async move {
                let _ = stopped.await;
            })
            .await
        });
        RunningBot {
            stop: Some(stop),
            task,
            started,
        }
    }

    /// Start the bot and wait until it has identified and registered its
    /// commands (globally, or in [`GUILD_ID`] when `extra` sets
    /// `guild_id`), so commands can be invoked. Returns the READY handshake.
    pub async fn start_ready(fake: &FakeDiscord, extra: &str) -> (RunningBot, Handshake) {
        let bot = RunningBot::start(fake, extra);
        let ready = fake.wait_ready(Duration::from_secs(20)).await;
        let path = if extra.contains("guild_id") {
            format!(
                "/api/v10/applications/{}/guilds/{GUILD_ID}/commands",
                fake.application_id()
            )
        } else {
            format!("/api/v10/applications/{}/commands", fake.application_id())
        };
        fake.wait_request("the command registration", Duration::from_secs(10), |r| {
            r.method == "PUT" && r.path == path && r.status == 200
        })
        .await;
        (bot, ready)
    }

    /// Whether `serve` has returned (it should only on stop).
    pub fn has_stopped(&self) -> bool {
        self.task.is_finished()
    }

    /// Ask the bot to stop, as Ctrl-C would, and check that `serve` returns
    /// `Ok` promptly. Returns how long stopping took.
    pub async fn stop(mut self) -> Duration {
        let asked = Instant::now();
        let _ = self.stop.take().expect("stopped once").send(());
        let result = tokio::time::timeout(Duration::from_secs(15), &mut self.task)
            .await
            .expect("the bot stops within 15 s")
            .expect("the bot's task did not panic");
        if let Err(error) = result {
            panic!("serve() returned an error on stop: {error}");
        }
        asked.elapsed()
    }
}
