//! The review database: one SQLite file holding what careerbot answered
//! and how people voted, never who asked. Opened in WAL mode with a busy
//! timeout, so two bot processes can share it; its schema is versioned
//! (`PRAGMA user_version`) and migrated forward at startup.

use rusqlite::{Connection, ErrorCode, OptionalExtension, params};
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Each migration takes the schema from its index to the next version.
/// Append only: a migration that shipped is never edited.
const MIGRATIONS: &[&str] = &[
    // 1: answers, and the key for hashing votes.
    "CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
     CREATE TABLE answers (
         id INTEGER PRIMARY KEY,
         at INTEGER NOT NULL,
         front_end TEXT NOT NULL,
         topic TEXT,
         kind TEXT NOT NULL,
         intent TEXT NOT NULL,
         confidence REAL NOT NULL,
         latency_us INTEGER NOT NULL,
         question TEXT
     );
     CREATE INDEX answers_at ON answers (at);",
    // 2: votes on answers. An answer carries a random reference for its
    // buttons; a vote is keyed by a hash of (user, message) that is
    // cleared after a day, so a vote can be changed but never traced.
    "ALTER TABLE answers ADD COLUMN answer_ref INTEGER;
     CREATE INDEX answers_ref ON answers (answer_ref);
     CREATE TABLE votes (
         id INTEGER PRIMARY KEY,
         voter BLOB UNIQUE,
         answer_ref INTEGER NOT NULL,
         topic TEXT,
         helpful INTEGER NOT NULL,
         at INTEGER NOT NULL
     );
     CREATE INDEX votes_at ON votes (at);",
];

/// The schema version this build writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// How long a voter's hash is kept, so the vote can be changed.
pub const VOTE_CHANGE_SECONDS: i64 = 24 * 60 * 60;

/// How long to wait for another process's lock before giving up.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// Why the database cannot be used, with its path and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoreError {
    pub path: PathBuf,
    pub problem: StoreProblem,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreProblem {
    /// The file is not an SQLite database (or is damaged).
    Corrupt,
    /// The file or its folder cannot be written.
    Unwritable(String),
    /// Another process holds a lock for longer than the busy timeout.
    Locked,
    /// Written by a newer careerbot.
    Newer {
        found: i64,
        known: i64,
    },
    Other(String),
}

impl fmt::Display for StoreError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        match &self.problem {
            StoreProblem::Corrupt => write!(
                f,
                "the review database {path} is not a readable SQLite database; move it aside (careerbot makes a new one) or set [review] database to another file"
            ),
            StoreProblem::Unwritable(why) => write!(
                f,
                "the review database {path} cannot be written ({why}); give careerbot write access to it and its folder, or set [review] database to another file"
            ),
            StoreProblem::Locked => write!(
                f,
                "the review database {path} is locked by another process for more than {} s; stop that process, or set [review] database to another file",
                BUSY_TIMEOUT.as_secs()
            ),
            StoreProblem::Newer { found, known } => write!(
                f,
                "the review database {path} was written by a newer careerbot (schema {found}; this build knows up to {known}); run the newer build, or set [review] database to another file"
            ),
            StoreProblem::Other(why) => write!(f, "the review database {path}: {why}"),
        }
    }
}

impl std::error::Error for StoreError {}

/// One answer, as recorded.
#[derive(Debug, Clone, PartialEq)]
pub struct AnswerRow {
    /// Unix seconds.
    pub at: i64,
    pub front_end: String,
    pub topic: Option<String>,
    pub kind: String,
    pub intent: String,
    pub confidence: f64,
    pub latency_us: i64,
    /// Normalized and redacted, at most 300 characters; only for answers
    /// declined, unsure, or voted down.
    pub question: Option<String>,
    /// The reference the answer's vote buttons carry (Discord only).
    pub answer_ref: Option<i64>,
}

/// One vote, as given.
#[derive(Debug, Clone, PartialEq)]
pub struct Vote {
    pub at: i64,
    /// Keyed hash of (user, message).
    pub voter: Vec<u8>,
    pub answer_ref: i64,
    pub helpful: bool,
}

/// One vote, as recorded: with the topic of the answer voted on, and no
/// voter once a day has passed.
#[derive(Debug, Clone, PartialEq)]
pub struct VoteRow {
    pub at: i64,
    pub voter: Option<Vec<u8>>,
    pub answer_ref: i64,
    pub topic: Option<String>,
    pub helpful: bool,
}

/// An open review database.
pub struct Store {
    conn: Connection,
    path: PathBuf,
}

impl Store {
    /// Open (or create) the database at `path` and migrate it to this
    /// build's schema.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        Store::open_with(path, BUSY_TIMEOUT, SCHEMA_VERSION)
    }

    /// [`Store::open`] with another busy timeout, migrated up to `version`
    /// only: for tests of locking and of migrating an older file.
    pub fn open_with(path: &Path, busy: Duration, version: i64) -> Result<Store, StoreError> {
        let fail = |problem| StoreError {
            path: path.to_path_buf(),
            problem,
        };
        let conn = Connection::open(path).map_err(|e| fail(problem_of(&e)))?;
        conn.busy_timeout(busy).map_err(|e| fail(problem_of(&e)))?;
        let store = Store {
            conn,
            path: path.to_path_buf(),
        };
        store.prepare(version).map_err(|e| fail(problem_of(&e)))?;
        let found = store.version().map_err(|e| fail(problem_of(&e)))?;
        if found > SCHEMA_VERSION {
            return Err(fail(StoreProblem::Newer {
                found,
                known: SCHEMA_VERSION,
            }));
        }
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    /// WAL mode, then every migration this file lacks, each in its own
    /// transaction with its version.
    fn prepare(&self, version: i64) -> rusqlite::Result<()> {
        // Reading the version first reports a file that is not a database
        // before anything is written to it.
        let found = self.version()?;
        if found > SCHEMA_VERSION {
            return Ok(());
        }
        self.conn
            .query_row("PRAGMA journal_mode = WAL", [], |_| Ok(()))?;
        self.conn.execute_batch("PRAGMA synchronous = NORMAL")?;
        for (index, sql) in MIGRATIONS.iter().enumerate() {
            let to = index as i64 + 1;
            if to > version {
                break;
            }
            let tx = self.conn.unchecked_transaction()?;
            // Another process may have migrated while we waited.
            let now: i64 = tx.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if now < to {
                tx.execute_batch(sql)?;
                tx.execute_batch(&format!("PRAGMA user_version = {to}"))?;
            }
            tx.commit()?;
        }
        Ok(())
    }

    /// The schema version of the file.
    pub fn version(&self) -> rusqlite::Result<i64> {
        self.conn.query_row("PRAGMA user_version", [], |r| r.get(0))
    }

    /// The key for hashing voters, made at first start and kept here.
    pub fn vote_key(&self) -> Result<[u8; 32], StoreError> {
        let fail = |problem| StoreError {
            path: self.path.clone(),
            problem,
        };
        let known: Option<Vec<u8>> = (self.conn)
            .query_row("SELECT value FROM meta WHERE key = 'vote_key'", [], |r| {
                r.get(0)
            })
            .optional()
            .map_err(|e| fail(problem_of(&e)))?;
        if let Some(key) = known.and_then(|k| <[u8; 32]>::try_from(k).ok()) {
            return Ok(key);
        }
        let mut key = [0u8; 32];
        getrandom::fill(&mut key).map_err(|e| fail(StoreProblem::Other(e.to_string())))?;
        (self.conn)
            .execute(
                "INSERT OR IGNORE INTO meta (key, value) VALUES ('vote_key', ?1)",
                params![key.as_slice()],
            )
            .map_err(|e| fail(problem_of(&e)))?;
        // Two processes starting at once keep whichever key was first.
        let kept: Vec<u8> = (self.conn)
            .query_row("SELECT value FROM meta WHERE key = 'vote_key'", [], |r| {
                r.get(0)
            })
            .map_err(|e| fail(problem_of(&e)))?;
        <[u8; 32]>::try_from(kept).map_err(|_| fail(StoreProblem::Corrupt))
    }

    /// Write answers and votes in one transaction: all of them or none.
    pub fn write(&mut self, batch: &[Write]) -> rusqlite::Result<()> {
        let tx = self.conn.transaction()?;
        {
            let mut answer = tx.prepare_cached(
                "INSERT INTO answers (at, front_end, topic, kind, intent, confidence, latency_us, question, answer_ref)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            )?;
            let mut vote = tx.prepare_cached(
                "INSERT INTO votes (voter, answer_ref, topic, helpful, at)
                 VALUES (?1, ?2, (SELECT topic FROM answers WHERE answer_ref = ?2 LIMIT 1), ?3, ?4)
                 ON CONFLICT (voter) DO UPDATE SET helpful = excluded.helpful, at = excluded.at",
            )?;
            let mut question = tx.prepare_cached(
                "UPDATE answers SET question = ?2 WHERE answer_ref = ?1 AND question IS NULL",
            )?;
            for write in batch {
                match write {
                    Write::Answer(a) => {
                        answer.execute(params![
                            a.at,
                            a.front_end,
                            a.topic,
                            a.kind,
                            a.intent,
                            a.confidence,
                            a.latency_us,
                            a.question,
                            a.answer_ref
                        ])?;
                    }
                    Write::Vote(v) => {
                        vote.execute(params![v.voter, v.answer_ref, v.helpful, v.at])?;
                    }
                    Write::Question { answer_ref, text } => {
                        question.execute(params![answer_ref, text])?;
                    }
                }
            }
        }
        tx.commit()
    }

    /// Delete rows older than `retention_days`, and forget voters' hashes
    /// after a day. Returns the answers and votes deleted.
    pub fn purge(&self, now: i64, retention_days: u32) -> rusqlite::Result<(usize, usize)> {
        let cutoff = now - i64::from(retention_days) * 24 * 60 * 60;
        let answers = (self.conn).execute("DELETE FROM answers WHERE at < ?1", [cutoff])?;
        let votes = (self.conn).execute("DELETE FROM votes WHERE at < ?1", [cutoff])?;
        (self.conn).execute(
            "UPDATE votes SET voter = NULL WHERE voter IS NOT NULL AND at < ?1",
            [now - VOTE_CHANGE_SECONDS],
        )?;
        Ok((answers, votes))
    }

    /// The answers since `since` (unix seconds), oldest first.
    pub fn answers_since(&self, since: i64) -> rusqlite::Result<Vec<AnswerRow>> {
        let mut statement = self.conn.prepare(
            "SELECT at, front_end, topic, kind, intent, confidence, latency_us, question, answer_ref
             FROM answers WHERE at >= ?1 ORDER BY at, id",
        )?;
        let rows = statement.query_map([since], |r| {
            Ok(AnswerRow {
                at: r.get(0)?,
                front_end: r.get(1)?,
                topic: r.get(2)?,
                kind: r.get(3)?,
                intent: r.get(4)?,
                confidence: r.get(5)?,
                latency_us: r.get(6)?,
                question: r.get(7)?,
                answer_ref: r.get(8)?,
            })
        })?;
        rows.collect()
    }

    /// The votes since `since`, with the question of each answer voted on
    /// when it was recorded.
    pub fn votes_since(&self, since: i64) -> rusqlite::Result<Vec<(VoteRow, Option<String>)>> {
        let mut statement = self.conn.prepare(
            "SELECT v.at, v.voter, v.answer_ref, v.topic, v.helpful,
                    (SELECT a.question FROM answers a WHERE a.answer_ref = v.answer_ref LIMIT 1)
             FROM votes v WHERE v.at >= ?1 ORDER BY v.at, v.id",
        )?;
        let rows = statement.query_map([since], |r| {
            Ok((
                VoteRow {
                    at: r.get(0)?,
                    voter: r.get(1)?,
                    answer_ref: r.get(2)?,
                    topic: r.get(3)?,
                    helpful: r.get(4)?,
                },
                r.get(5)?,
            ))
        })?;
        rows.collect()
    }

    /// The connection, for tests that look at every table and column.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// One write for the writer.
#[derive(Debug, Clone, PartialEq)]
pub enum Write {
    Answer(AnswerRow),
    Vote(Vote),
    /// The question of an answer voted down, recorded only then.
    Question {
        answer_ref: i64,
        text: String,
    },
}

/// What an SQLite error means for the person running careerbot.
pub fn problem_of(error: &rusqlite::Error) -> StoreProblem {
    match error.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) | Some(ErrorCode::DatabaseCorrupt) => StoreProblem::Corrupt,
        Some(ErrorCode::DatabaseBusy) | Some(ErrorCode::DatabaseLocked) => StoreProblem::Locked,
        Some(ErrorCode::ReadOnly)
        | Some(ErrorCode::CannotOpen)
        | Some(ErrorCode::PermissionDenied)
        | Some(ErrorCode::DiskFull) => StoreProblem::Unwritable(error.to_string()),
        _ => StoreProblem::Other(error.to_string()),
    }
}
