//! The review log, on real SQLite files in scratch folders: what each
//! answer records, what is never stored, votes, retention, migrations, and
//! every fault a database can have.

mod common;

use careerbot::review::store::{AnswerRow, SCHEMA_VERSION, Write};
use careerbot::review::{Answered, FrontEnd, Recorder, ReviewSettings, Store, StoreProblem};
use careerbot::{Reply, ReplyKind};
use std::path::Path;
use std::time::Duration;

fn settings(dir: &Path) -> ReviewSettings {
    ReviewSettings {
        database: dir.join("review.db"),
        record_questions: true,
        retention_days: 90,
    }
}

/// Answer `question` and record it, as a front end does.
fn record(recorder: &Recorder, question: &str, votable: bool) -> (Reply, Option<i64>) {
    let engine = common::engine();
    let reply = engine.answer(question);
    let reference = recorder.answered(Answered {
        front_end: FrontEnd::Discord,
        reply: &reply,
        question: engine.redacted(question),
        latency: Duration::from_micros(40),
        votable,
    });
    (reply, reference)
}

fn rows(path: &Path) -> Vec<AnswerRow> {
    Store::open(path).unwrap().answers_since(0).unwrap()
}

/// Every value in every column of every table, as text (blobs in hex).
fn every_value(path: &Path) -> Vec<(String, String)> {
    let store = Store::open(path).unwrap();
    let conn = store.connection();
    let tables: Vec<String> = conn
        .prepare("SELECT name FROM sqlite_master WHERE type = 'table'")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    let mut values = Vec::new();
    for table in tables {
        let mut statement = conn.prepare(&format!("SELECT * FROM {table}")).unwrap();
        let columns = statement.column_count();
        let mut found = statement.query([]).unwrap();
        while let Some(row) = found.next().unwrap() {
            for i in 0..columns {
                use rusqlite::types::ValueRef;
                let text = match row.get_ref(i).unwrap() {
                    ValueRef::Null => String::new(),
                    ValueRef::Integer(n) => n.to_string(),
                    ValueRef::Real(x) => x.to_string(),
                    ValueRef::Text(t) => String::from_utf8_lossy(t).into_owned(),
                    ValueRef::Blob(b) => b.iter().map(|x| format!("{x:02x}")).collect(),
                };
                values.push((table.clone(), text));
            }
        }
    }
    values
}

#[test]
fn every_kind_of_reply_is_recorded_once() {
    let dir = common::scratch_dir("review-kinds");
    let recorder = Recorder::start(&settings(&dir)).unwrap();
    let questions = [
        ("what does a pt care coordinator do?", ReplyKind::Answer),
        ("5 years in, CMAA, Boston, hospital", ReplyKind::Estimate),
        (
            "would I make more in Boston or Denver?",
            ReplyKind::Comparison,
        ),
        (
            "base 48k, 4% match up to 6%, 2k bonus, total comp?",
            ReplyKind::Calculation,
        ),
        (
            "offer A: 46k, no match. offer B: 44.5k, 100% match up to 4%. which pays more?",
            ReplyKind::Offers,
        ),
        ("what's the weather tomorrow?", ReplyKind::OutOfScope),
        ("asdf qwerty zxcv", ReplyKind::Fallback),
        (
            "how much does a registered nurse make?",
            ReplyKind::OtherRole,
        ),
        ("", ReplyKind::Notice),
    ];
    for (question, kind) in questions {
        let (reply, _) = record(&recorder, question, false);
        assert_eq!(reply.kind, kind, "{question}");
    }
    recorder.flush();
    let recorded = rows(&settings(&dir).database);
    let kinds: Vec<&str> = recorded.iter().map(|r| r.kind.as_str()).collect();
    assert_eq!(
        kinds,
        [
            "answer",
            "estimate",
            "comparison",
            "calculation",
            "offers",
            "out_of_scope",
            "fallback",
            "other_role",
            "notice"
        ]
    );
    assert!(recorded.iter().all(|r| r.front_end == "discord"));
    assert_eq!(recorded[0].topic.as_deref(), Some("role.overview"));
    assert_eq!(recorded[0].latency_us, 40);
    // Only the declined ones keep their question; a sure answer never does.
    assert_eq!(recorded[0].question, None);
    assert_eq!(recorded[6].question.as_deref(), Some("asdf qwerty zxcv"));
    assert_eq!(
        recorded[5].question.as_deref(),
        Some("whats the weather tomorrow")
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn no_user_id_name_or_detail_is_ever_stored() {
    let dir = common::scratch_dir("review-privacy");
    let recorder = Recorder::start(&settings(&dir)).unwrap();
    let user: u64 = 314_159_265_358_979_323;
    let message: u64 = 271_828_182_845_904_523;
    // A declined question and a voted-down answer keep their text: with
    // every detail masked.
    let (_, _) = record(
        &recorder,
        "I'm Jane, I make $41,234 in Boston with 7 years. What's the weather there?",
        false,
    );
    let (_, reference) = record(
        &recorder,
        "I'm Jane from Boston with 7 years and I make 41234, what does a coordinator do?",
        true,
    );
    let reference = reference.expect("a votable answer has a reference");
    recorder.voted(user, message, reference, false);
    recorder.flush();
    let values = every_value(&settings(&dir).database);
    assert!(!values.is_empty());
    for (table, value) in &values {
        let lower = value.to_lowercase();
        for secret in [
            user.to_string(),
            message.to_string(),
            "41234".to_string(),
            "41,234".to_string(),
            "boston".to_string(),
            "7 years".to_string(),
        ] {
            assert!(
                !lower.contains(&secret),
                "{table} holds {secret:?}: {value}"
            );
        }
    }
    // The questions were kept, masked.
    let recorded = rows(&settings(&dir).database);
    let kept: Vec<&str> = recorded
        .iter()
        .filter_map(|r| r.question.as_deref())
        .collect();
    assert_eq!(kept.len(), 2, "{kept:?}");
    assert!(
        kept.iter()
            .all(|q| q.contains("[place]") && q.contains('#')),
        "{kept:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_second_vote_changes_the_first() {
    let dir = common::scratch_dir("review-votes");
    let recorder = Recorder::start(&settings(&dir)).unwrap();
    let (_, reference) = record(&recorder, "what does a pt care coordinator do?", true);
    let reference = reference.unwrap();
    recorder.voted(1, 10, reference, true);
    recorder.voted(1, 10, reference, false);
    recorder.voted(2, 10, reference, true);
    recorder.flush();
    let store = Store::open(&settings(&dir).database).unwrap();
    let votes = store.votes_since(0).unwrap();
    assert_eq!(votes.len(), 2, "one vote per person and answer: {votes:?}");
    let helpful: Vec<bool> = votes.iter().map(|(v, _)| v.helpful).collect();
    assert_eq!(helpful, [false, true]);
    assert!(
        votes
            .iter()
            .all(|(v, _)| v.topic.as_deref() == Some("role.overview"))
    );
    // The vote down keeps the question it was about, masked.
    assert_eq!(
        votes[0].1.as_deref(),
        Some("what does a pt care coordinator do")
    );
    let _ = std::fs::remove_dir_all(dir);
}

fn answer_at(at: i64) -> Write {
    Write::Answer(AnswerRow {
        at,
        front_end: "chat".into(),
        topic: None,
        kind: "answer".into(),
        intent: "about".into(),
        confidence: 0.9,
        latency_us: 10,
        question: None,
        answer_ref: Some(at),
    })
}

#[test]
fn old_rows_are_purged_and_voters_forgotten_after_a_day() {
    let dir = common::scratch_dir("review-purge");
    let path = dir.join("review.db");
    let day = 24 * 60 * 60;
    let now = 2_000_000_000;
    let mut store = Store::open(&path).unwrap();
    store
        .write(&[
            answer_at(now - 91 * day),
            answer_at(now - 89 * day),
            answer_at(now - 2 * day),
            Write::Vote(careerbot::review::store::Vote {
                at: now - 2 * day,
                voter: vec![1; 16],
                answer_ref: now - 2 * day,
                helpful: true,
            }),
            Write::Vote(careerbot::review::store::Vote {
                at: now - 60,
                voter: vec![2; 16],
                answer_ref: now - 2 * day,
                helpful: false,
            }),
        ])
        .unwrap();
    let (answers, votes) = store.purge(now, 90).unwrap();
    assert_eq!((answers, votes), (1, 0));
    let left: Vec<i64> = store
        .answers_since(0)
        .unwrap()
        .iter()
        .map(|a| a.at)
        .collect();
    assert_eq!(left, [now - 89 * day, now - 2 * day]);
    let voters: Vec<Option<Vec<u8>>> = (store.votes_since(0).unwrap().into_iter())
        .map(|(v, _)| v.voter)
        .collect();
    assert_eq!(voters, [None, Some(vec![2; 16])]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn an_empty_file_and_the_previous_schema_are_migrated() {
    let dir = common::scratch_dir("review-migrate");
    let empty = dir.join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let store = Store::open(&empty).unwrap();
    assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
    drop(store);

    // A file of schema 1 (answers, no votes), with one answer in it.
    let old = dir.join("old.db");
    let store = Store::open_with(&old, Duration::from_secs(1), 1).unwrap();
    assert_eq!(store.version().unwrap(), 1);
    store
        .connection()
        .execute(
            "INSERT INTO answers (at, front_end, topic, kind, intent, confidence, latency_us)
             VALUES (5, 'chat', 'pay.national', 'answer', 'pay', 0.9, 12)",
            [],
        )
        .unwrap();
    drop(store);
    let store = Store::open(&old).unwrap();
    assert_eq!(store.version().unwrap(), SCHEMA_VERSION);
    let kept = store.answers_since(0).unwrap();
    assert_eq!(kept.len(), 1);
    assert_eq!(kept[0].topic.as_deref(), Some("pay.national"));
    assert_eq!(kept[0].answer_ref, None);
    assert!(store.votes_since(0).unwrap().is_empty());
    let _ = std::fs::remove_dir_all(dir);
}

fn problem(path: &Path, busy: Duration) -> (StoreProblem, String) {
    match Store::open_with(path, busy, SCHEMA_VERSION) {
        Ok(_) => panic!("{} opened", path.display()),
        Err(error) => {
            let text = error.to_string();
            assert!(text.contains(&path.display().to_string()), "{text}");
            (error.problem, text)
        }
    }
}

#[test]
fn each_bad_database_gets_one_clear_error() {
    let dir = common::scratch_dir("review-faults");
    let corrupt = dir.join("corrupt.db");
    std::fs::write(
        &corrupt,
        b"this is not an SQLite database, only some text".repeat(100),
    )
    .unwrap();
    let (found, text) = problem(&corrupt, Duration::from_millis(50));
    assert_eq!(found, StoreProblem::Corrupt, "{text}");
    assert!(text.contains("move it aside"), "{text}");

    let unwritable = dir.join("no such folder").join("review.db");
    let (found, text) = problem(&unwritable, Duration::from_millis(50));
    assert!(matches!(found, StoreProblem::Unwritable(_)), "{text}");

    let newer = dir.join("newer.db");
    drop(Store::open(&newer).unwrap());
    let conn = rusqlite::Connection::open(&newer).unwrap();
    conn.execute_batch("PRAGMA user_version = 99").unwrap();
    drop(conn);
    let (found, text) = problem(&newer, Duration::from_millis(50));
    assert_eq!(
        found,
        StoreProblem::Newer {
            found: 99,
            known: SCHEMA_VERSION
        }
    );
    assert!(text.contains("newer careerbot"), "{text}");

    // Another process holds the write lock the whole time: the migration
    // cannot start.
    let locked = dir.join("locked.db");
    let holder = rusqlite::Connection::open(&locked).unwrap();
    holder.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let (found, text) = problem(&locked, Duration::from_millis(50));
    assert_eq!(found, StoreProblem::Locked, "{text}");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    assert!(Store::open(&locked).is_ok());
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_full_channel_drops_and_counts_writes_and_never_blocks() {
    let dir = common::scratch_dir("review-full");
    let settings = settings(&dir);
    let recorder = Recorder::start_with(&settings, 4).unwrap();
    // Hold the write lock so the writer waits on its first batch while
    // answers keep coming.
    let holder = rusqlite::Connection::open(&settings.database).unwrap();
    holder.execute_batch("BEGIN IMMEDIATE").unwrap();
    let reply = common::engine().answer("what does a pt care coordinator do?");
    let sent = 1_000;
    for _ in 0..sent {
        recorder.answered(Answered {
            front_end: FrontEnd::Chat,
            reply: &reply,
            question: String::new(),
            latency: Duration::ZERO,
            votable: false,
        });
    }
    // The writer holds at most one batch and the channel four.
    let dropped = recorder.dropped();
    assert!(dropped >= sent - 257 - 4, "only {dropped} dropped");
    holder.execute_batch("ROLLBACK").unwrap();
    drop(holder);
    recorder.flush();
    let written = rows(&settings.database).len() as u64;
    assert_eq!(written + dropped + recorder.failed(), sent);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn redaction_masks_numbers_and_places_only() {
    let engine = common::engine();
    assert_eq!(
        engine.redacted("Is $52,000 good in San Francisco after 3 years?"),
        "is # good in [place] after # years"
    );
    assert_eq!(
        engine.redacted("what do they do in a day?"),
        "what do they do in a day"
    );
}
