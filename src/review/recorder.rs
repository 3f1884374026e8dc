//! The recorder: answers and votes go to one writer thread through a
//! bounded channel, so answering never waits on the disk. When the channel
//! is full, the write is dropped and counted; answering is never blocked.
//!
//! What is kept is decided here, once, for every front end: the answer's
//! kind, topic, intent, confidence and latency; its question only when it
//! was declined, unsure or voted down; a vote under a keyed hash of (user,
//! message) that is cleared after a day.

use super::store::{AnswerRow, Store, StoreError, Vote, Write};
use crate::reply::{Reply, ReplyKind};
use hmac::{Hmac, KeyInit, Mac};
use lru::LruCache;
use sha2::Sha256;
use std::num::NonZeroUsize;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender, TrySendError};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant, SystemTime};

/// Writes waiting for the writer, at most.
pub const CHANNEL_CAPACITY: usize = 4096;
/// Writes in one transaction, at most.
const BATCH: usize = 256;
/// Below this confidence an answer counts as unsure and keeps its question.
pub const LOW_CONFIDENCE: f64 = 0.6;
/// A question is cut to this many characters.
pub const QUESTION_CHARS: usize = 300;
/// Answers whose question is kept in memory for a vote down, at most.
const RECENT_ANSWERS: usize = 10_000;
const DAY: Duration = Duration::from_secs(24 * 60 * 60);

/// What to record, where: the `[review]` table, resolved.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewSettings {
    pub database: PathBuf,
    /// Keep the text of declined, unsure and voted-down questions.
    pub record_questions: bool,
    /// Rows older than this are deleted at startup and once a day.
    pub retention_days: u32,
}

/// Which front end answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FrontEnd {
    Discord,
    Chat,
    Ask,
}

impl FrontEnd {
    pub fn name(self) -> &'static str {
        match self {
            FrontEnd::Discord => "discord",
            FrontEnd::Chat => "chat",
            FrontEnd::Ask => "ask",
        }
    }
}

/// One answer to record. `question` is the question as the engine
/// redacts it ([`crate::Engine::redacted`]): normalized, numbers and
/// places masked.
pub struct Answered<'a> {
    pub front_end: FrontEnd,
    pub reply: &'a Reply,
    pub question: String,
    pub latency: Duration,
    /// It carries vote buttons: keep a reference for them.
    pub votable: bool,
}

/// Whether an answer declined the question.
pub fn is_declined(reply: &Reply) -> bool {
    matches!(reply.kind, ReplyKind::OutOfScope | ReplyKind::Fallback)
}

/// Counts of what could not be recorded.
#[derive(Debug, Default)]
struct Counts {
    /// Dropped because the channel was full.
    dropped: AtomicU64,
    /// Lost because the database refused a write.
    failed: AtomicU64,
}

enum Message {
    Write(Write),
    /// Answered once everything sent before it is written.
    Flush(SyncSender<()>),
}

/// Records answers and votes without ever blocking an answer.
pub struct Recorder {
    sender: Mutex<Option<SyncSender<Message>>>,
    counts: Arc<Counts>,
    key: [u8; 32],
    record_questions: bool,
    /// Questions of recent answers with buttons, in memory only, for a
    /// vote down within a day.
    recent: Mutex<LruCache<i64, (Instant, String)>>,
    writer: Mutex<Option<JoinHandle<()>>>,
    path: PathBuf,
}

impl Recorder {
    /// Open the database (creating and migrating it), purge old rows, and
    /// start the writer. A database that cannot be used is an error here,
    /// before any answer, so the front end can say so and go on without.
    pub fn start(settings: &ReviewSettings) -> Result<Recorder, StoreError> {
        Recorder::start_with(settings, CHANNEL_CAPACITY)
    }

    /// [`Recorder::start`] with another channel capacity, for tests of a
    /// full channel.
    pub fn start_with(settings: &ReviewSettings, capacity: usize) -> Result<Recorder, StoreError> {
        let store = Store::open(&settings.database)?;
        let key = store.vote_key()?;
        let retention = settings.retention_days;
        if let Err(error) = store.purge(unix_now(), retention) {
            tracing::warn!(database = %settings.database.display(), "purging old rows: {error}");
        }
        let (sender, receiver) = mpsc::sync_channel(capacity);
        let counts = Arc::new(Counts::default());
        let writer_counts = Arc::clone(&counts);
        let writer = std::thread::Builder::new()
            .name("review-writer".into())
            .spawn(move || write_loop(store, receiver, &writer_counts, retention))
            .map_err(|e| StoreError {
                path: settings.database.clone(),
                problem: super::store::StoreProblem::Other(e.to_string()),
            })?;
        Ok(Recorder {
            sender: Mutex::new(Some(sender)),
            counts,
            key,
            record_questions: settings.record_questions,
            recent: Mutex::new(LruCache::new(
                NonZeroUsize::new(RECENT_ANSWERS).expect("not zero"),
            )),
            writer: Mutex::new(Some(writer)),
            path: settings.database.clone(),
        })
    }

    pub fn path(&self) -> &std::path::Path {
        &self.path
    }

    /// Record one answer. Returns the reference for its vote buttons when
    /// `votable`.
    pub fn answered(&self, answered: Answered<'_>) -> Option<i64> {
        let reply = answered.reply;
        let answer_ref = answered.votable.then(new_answer_ref);
        let question = cut(&answered.question);
        let unsure = is_declined(reply) || reply.confidence < LOW_CONFIDENCE;
        if let (Some(reference), true) = (answer_ref, self.record_questions && !unsure) {
            let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
            recent.put(reference, (Instant::now(), question.clone()));
        }
        self.send(Write::Answer(AnswerRow {
            at: unix_now(),
            front_end: answered.front_end.name().to_string(),
            topic: reply.topic.clone(),
            kind: kind_name(reply.kind).to_string(),
            intent: reply.intent.name().to_string(),
            confidence: reply.confidence,
            latency_us: i64::try_from(answered.latency.as_micros()).unwrap_or(i64::MAX),
            question: (self.record_questions && unsure).then_some(question),
            answer_ref,
        }));
        answer_ref
    }

    /// Record a vote on the answer with `answer_ref`, from `user` on
    /// `message`. A second vote from the same person on the same message
    /// replaces the first.
    pub fn voted(&self, user: u64, message: u64, answer_ref: i64, helpful: bool) {
        if !helpful && self.record_questions {
            let mut recent = self.recent.lock().unwrap_or_else(|p| p.into_inner());
            if let Some((when, text)) = recent.pop(&answer_ref)
                && when.elapsed() < DAY
            {
                self.send(Write::Question { answer_ref, text });
            }
        }
        self.send(Write::Vote(Vote {
            at: unix_now(),
            voter: self.voter(user, message),
            answer_ref,
            helpful,
        }));
    }

    /// HMAC-SHA256 of (user, message) under the database's own key: the
    /// same person on the same answer always hashes alike, and without the
    /// key nothing leads back to either.
    fn voter(&self, user: u64, message: u64) -> Vec<u8> {
        let mut mac = <Hmac<Sha256> as KeyInit>::new_from_slice(&self.key).expect("any key length");
        mac.update(&user.to_le_bytes());
        mac.update(&message.to_le_bytes());
        mac.finalize().into_bytes()[..16].to_vec()
    }

    fn send(&self, write: Write) {
        let sender = self.sender.lock().unwrap_or_else(|p| p.into_inner());
        let Some(sender) = sender.as_ref() else {
            return;
        };
        match sender.try_send(Message::Write(write)) {
            Ok(()) => {}
            Err(TrySendError::Full(_)) => {
                let dropped = self.counts.dropped.fetch_add(1, Ordering::Relaxed) + 1;
                if dropped.is_power_of_two() {
                    tracing::warn!(dropped, "review writer behind: writes dropped");
                }
            }
            Err(TrySendError::Disconnected(_)) => {
                self.counts.failed.fetch_add(1, Ordering::Relaxed);
            }
        }
    }

    /// Wait until everything recorded so far is written.
    pub fn flush(&self) {
        let (ack, done) = mpsc::sync_channel(1);
        let sent = {
            let sender = self.sender.lock().unwrap_or_else(|p| p.into_inner());
            // A flush waits its turn; it is never dropped.
            sender
                .as_ref()
                .is_some_and(|s| s.send(Message::Flush(ack)).is_ok())
        };
        if sent {
            let _ = done.recv();
        }
    }

    /// Writes dropped because the writer was behind.
    pub fn dropped(&self) -> u64 {
        self.counts.dropped.load(Ordering::Relaxed)
    }

    /// Writes lost because the database refused them.
    pub fn failed(&self) -> u64 {
        self.counts.failed.load(Ordering::Relaxed)
    }

    /// Write what is waiting and stop the writer.
    pub fn close(&self) {
        self.sender.lock().unwrap_or_else(|p| p.into_inner()).take();
        if let Some(writer) = self.writer.lock().unwrap_or_else(|p| p.into_inner()).take() {
            let _ = writer.join();
        }
    }
}

impl Drop for Recorder {
    fn drop(&mut self) {
        self.close();
    }
}

fn write_loop(
    mut store: Store,
    receiver: mpsc::Receiver<Message>,
    counts: &Counts,
    retention_days: u32,
) {
    let mut last_purge = Instant::now();
    loop {
        let first = match receiver.recv_timeout(Duration::from_secs(60 * 60)) {
            Ok(message) => Some(message),
            Err(RecvTimeoutError::Timeout) => None,
            Err(RecvTimeoutError::Disconnected) => break,
        };
        let mut writes = Vec::new();
        let mut acks = Vec::new();
        for message in first.into_iter().chain(receiver.try_iter().take(BATCH)) {
            match message {
                Message::Write(write) => writes.push(write),
                Message::Flush(ack) => acks.push(ack),
            }
        }
        if !writes.is_empty()
            && let Err(error) = store.write(&writes)
        {
            counts
                .failed
                .fetch_add(writes.len() as u64, Ordering::Relaxed);
            tracing::warn!(database = %store.path().display(), lost = writes.len(), "recording answers: {error}");
        }
        for ack in acks {
            let _ = ack.send(());
        }
        if last_purge.elapsed() >= DAY {
            last_purge = Instant::now();
            if let Err(error) = store.purge(unix_now(), retention_days) {
                tracing::warn!(database = %store.path().display(), "purging old rows: {error}");
            }
        }
    }
}

/// The question as kept: at most [`QUESTION_CHARS`] characters.
fn cut(question: &str) -> String {
    question.trim().chars().take(QUESTION_CHARS).collect()
}

/// A random reference for an answer's vote buttons: not a Discord id, and
/// small enough for any JSON reader.
fn new_answer_ref() -> i64 {
    let random = getrandom::u64().unwrap_or_else(|_| {
        // No randomness from the system: a counter still tells answers apart.
        static NEXT: AtomicU64 = AtomicU64::new(1);
        NEXT.fetch_add(1, Ordering::Relaxed)
    });
    (random & ((1 << 53) - 1)) as i64
}

pub fn kind_name(kind: ReplyKind) -> &'static str {
    match kind {
        ReplyKind::Answer => "answer",
        ReplyKind::Estimate => "estimate",
        ReplyKind::Comparison => "comparison",
        ReplyKind::Calculation => "calculation",
        ReplyKind::Offers => "offers",
        ReplyKind::Fallback => "fallback",
        ReplyKind::OutOfScope => "out_of_scope",
        ReplyKind::OtherRole => "other_role",
        ReplyKind::Notice => "notice",
    }
}

pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(SystemTime::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() as i64)
}
