//! Fault tests of the real Discord client against the fake Discord
//! (`fake_discord`): the gateway connection dropped, Reconnect (op 7),
//! Invalid Session (op 9), a missed heartbeat ACK, a failing or slow REST
//! callback, and malformed gateway payloads. Each test asserts what the bot
//! did (resume or identify, on which connection, how fast) and that it then
//! answers again; each prints a `[fault]` line (see it with
//! `cargo test --test discord_faults -- --nocapture`).

mod fake_discord;

use fake_discord::harness::{RunningBot, assert_answered, assert_answers, logs, wait_for_log};
use fake_discord::{Direction, FakeDiscord, FrameData, Handshake, Place};
use serde_json::json;
use std::time::{Duration, Instant};

/// serenity waits up to 5 s for a shard to shut down before it starts a new
/// one to identify again; allow for that and a few heartbeats.
const RECONNECT: Duration = Duration::from_secs(15);

/// Users: each test's own, so the answers cannot interfere.
const USER: u64 = 900_000_000_000_000_001;

fn ms(duration: Duration) -> String {
    format!("{} ms", duration.as_millis())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dropped_connection_is_resumed_and_nothing_is_lost() {
    let fake = FakeDiscord::start().await;
    let (bot, ready) = RunningBot::start_ready(&fake, "").await;
    assert_answers(&fake, USER).await;
    let last_seq = fake.last_seq_sent_on(0).expect("dispatches were sent");

    // The TCP connection goes away mid-session, with no close frame, and an
    // interaction arrives while the bot is away: Discord keeps it for the
    // session.
    let during_payload = fake.slash("duties", &[], USER + 1, Place::Guild);
    let during = during_payload["id"].as_str().unwrap().parse().unwrap();
    let dropped_at = Instant::now();
    let during_seq = fake.drop_connection_then_dispatch("INTERACTION_CREATE", during_payload);
    assert_eq!(during_seq, last_seq + 1);

    let back = fake.wait_handshake(2, RECONNECT).await;
    let Handshake::Resumed {
        connection,
        session_id,
        seq,
        replayed,
        at,
    } = &back
    else {
        panic!(
            "expected a resume, got {}\n{}",
            back.describe(),
            fake.summary()
        );
    };
    let Handshake::Identified {
        session_id: first_session,
        ..
    } = &ready
    else {
        unreachable!()
    };
    assert_eq!(*connection, 1, "a new connection");
    assert_eq!(session_id, first_session, "the same session");
    assert_eq!(*seq, last_seq, "resumed from the last dispatch it got");
    assert_eq!(*replayed, 1, "the interaction sent while it was away");
    let during_took = assert_answered(&fake, during, dropped_at).await;
    let next = assert_answers(&fake, USER + 2).await;

    eprintln!(
        "[fault] connection dropped (no close frame): the bot resumed (op 6, seq {seq}) on a new connection {} after the drop, without identifying again; the interaction sent while it was away was replayed and answered {} after it was sent; the next one in {}",
        ms(*at - dropped_at),
        ms(during_took),
        ms(next)
    );
    assert_eq!(fake.handshakes().len(), 2);
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn reconnect_op7_is_resumed_on_a_new_connection() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;
    assert_answers(&fake, USER + 10).await;

    let asked = Instant::now();
    fake.send_reconnect();
    let back = fake.wait_handshake(2, RECONNECT).await;
    assert!(
        matches!(back, Handshake::Resumed { connection: 1, .. }),
        "expected a resume on connection 1, got {}",
        back.describe()
    );
    // It left the old connection.
    fake.wait_connection_closed(0, Duration::from_secs(5)).await;
    let next = assert_answers(&fake, USER + 11).await;

    eprintln!(
        "[fault] op 7 Reconnect: the bot opened a new connection and resumed (op 6) {} after it, closing the old one; next interaction answered in {}",
        ms(back.at() - asked),
        ms(next)
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn invalid_session_op9_resumes_or_identifies_as_told() {
    let fake = FakeDiscord::start().await;
    let (bot, ready) = RunningBot::start_ready(&fake, "").await;
    assert_answers(&fake, USER + 20).await;

    // Resumable: the bot resumes the same session.
    let asked = Instant::now();
    fake.send_invalid_session(true);
    let resumed = fake.wait_handshake(2, RECONNECT).await;
    assert!(
        matches!(resumed, Handshake::Resumed { connection: 1, .. }),
        "op 9 (resumable) should resume, got {}",
        resumed.describe()
    );
    let resumed_after = resumed.at() - asked;
    assert_answers(&fake, USER + 21).await;

    // Not resumable: the session is gone, the bot must identify again.
    let asked = Instant::now();
    fake.send_invalid_session(false);
    let identified = fake.wait_handshake(3, RECONNECT).await;
    let Handshake::Identified {
        connection,
        session_id,
        ..
    } = &identified
    else {
        panic!(
            "op 9 (not resumable) should identify again, got {}",
            identified.describe()
        );
    };
    let Handshake::Identified {
        session_id: old_session,
        ..
    } = &ready
    else {
        unreachable!()
    };
    assert_ne!(session_id, old_session, "a new session");
    assert_eq!(*connection, 2, "on a new connection");
    let identified_after = identified.at() - asked;
    let next = assert_answers(&fake, USER + 22).await;

    eprintln!(
        "[fault] op 9 Invalid Session: resumable -> the bot resumed (op 6) on a new connection after {}; not resumable -> it identified again (op 2, new session) after {} (serenity waits up to 5 s for the old shard before starting a new one); next interaction answered in {}",
        ms(resumed_after),
        ms(identified_after),
        ms(next)
    );
    bot.stop().await;
    assert_stopped_for_good(&fake, 2).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missed_heartbeat_ack_makes_the_bot_reconnect() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;
    assert_answers(&fake, USER + 30).await;

    let connection = fake.stop_acking_heartbeats();
    // Heartbeats recorded from now on reach the fake after the fault.
    let stopped = Instant::now();
    let unacked = fake
        .wait_frame(
            "a heartbeat the fake leaves unacknowledged",
            Duration::from_secs(5),
            |f| {
                f.connection == connection
                    && f.direction == Direction::FromBot
                    && f.op() == Some(1)
                    && f.at > stopped
            },
        )
        .await;
    let back = fake.wait_handshake(2, RECONNECT).await;
    assert!(
        matches!(
            back,
            Handshake::Identified { .. } | Handshake::Resumed { .. }
        ),
        "{}",
        back.describe()
    );
    assert!(
        back.connection() > connection,
        "a new connection: {}",
        back.describe()
    );
    assert!(
        back.at() > unacked.at,
        "reconnected only after a heartbeat went unanswered"
    );
    // That heartbeat was never answered on the old connection.
    let acked_after = fake
        .frames()
        .iter()
        .filter(|f| f.connection == connection && f.direction == Direction::ToBot)
        .filter(|f| f.at > unacked.at && f.op() == Some(11))
        .count();
    assert_eq!(acked_after, 0);
    let next = assert_answers(&fake, USER + 31).await;

    eprintln!(
        "[fault] heartbeat ACK missed: the first unanswered heartbeat went {} after the fault; the bot gave up on the connection at the next interval and {} ({} after that heartbeat; serenity restarts the shard and waits up to 5 s for the old one); next interaction answered in {}",
        ms(unacked.at - stopped),
        back.describe(),
        ms(back.at() - unacked.at),
        ms(next)
    );
    bot.stop().await;
    assert_stopped_for_good(&fake, back.connection()).await;
}

/// Stopping the bot after serenity restarted its shard (a re-identify)
/// closes the new connection too, with 1000, and nothing answers any more.
/// (serenity 0.12.5 alone leaves that shard connected and answering after
/// `serve` returns; the client tells each shard to shut down itself.)
async fn assert_stopped_for_good(fake: &FakeDiscord, connection: usize) {
    fake.wait_connection_closed(connection, Duration::from_secs(5))
        .await;
    assert!(
        fake.frames().iter().any(|f| f.connection == connection
            && f.direction == Direction::FromBot
            && f.data == FrameData::Close(Some(1000))),
        "connection {connection} was not closed with 1000\n{}",
        fake.summary()
    );
    assert_eq!(
        fake.connection_count(),
        connection + 1,
        "no reconnect after stop"
    );
}

/// The callbacks to interaction `id`, in the order they came: each
/// attempt, with the status the fake gave it.
fn attempts(fake: &FakeDiscord, id: u64) -> Vec<u16> {
    let prefix = format!("/api/v10/interactions/{id}/");
    (fake.requests().iter())
        .filter(|r| {
            r.method == "POST" && r.path.starts_with(&prefix) && r.path.ends_with("/callback")
        })
        .map(|r| r.status)
        .collect()
}

/// Wait until interaction `id` has had `count` callback attempts.
async fn wait_attempts(fake: &FakeDiscord, id: u64, count: usize) -> Vec<u16> {
    let deadline = std::time::Instant::now() + Duration::from_secs(10);
    loop {
        let seen = attempts(fake, id);
        if seen.len() >= count || std::time::Instant::now() > deadline {
            return seen;
        }
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_refused_with_429_or_5xx_is_retried_once_within_the_deadline() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;
    for (status, user) in [(500, USER + 40), (503, USER + 41), (429, USER + 42)] {
        fake.fail_callbacks(status, 1);
        let sent = std::time::Instant::now();
        let id = fake.interact(fake.slash("duties", &[], user, Place::Guild));
        let seen = wait_attempts(&fake, id, 2).await;
        assert_eq!(
            seen,
            [status, 204],
            "{status}: one retry, answered\n{}",
            fake.summary()
        );
        let answered = (fake.requests().into_iter())
            .filter(|r| r.path.contains(&format!("/interactions/{id}/")) && r.status == 204)
            .map(|r| r.at)
            .next()
            .unwrap();
        // How fast is for the bench to say; reported, not asserted.
        let took = answered - sent;
        eprintln!(
            "[fault] callback answered {status}: retried once, answered in {}",
            ms(took)
        );
    }
    // Failing twice: one retry, then the failure is logged once, and the
    // bot keeps serving.
    fake.fail_callbacks(500, 2);
    let failed = fake.interact(fake.slash("duties", &[], USER + 43, Place::Guild));
    assert_eq!(wait_attempts(&fake, failed, 2).await, [500, 500]);
    let marker = format!("injected failure for interaction {failed}");
    let line = wait_for_log(&["ERROR", &marker], Duration::from_secs(5)).await;
    assert!(line.contains("duties"), "the log names the command: {line}");
    let next = assert_answers(&fake, USER + 44).await;
    assert!(!bot.has_stopped());
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(
        attempts(&fake, failed).len(),
        2,
        "never more than one retry"
    );
    eprintln!(
        "[fault] callback answered 500 twice: retried once, logged ({:?}), the next answered in {}",
        line.trim(),
        ms(next)
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_callback_that_fails_late_is_not_retried_past_the_deadline() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;
    // The fake holds this user's callback for 2.5 s, then refuses it: a
    // retry could not arrive within 3 seconds, so none is sent.
    let user = USER + 45;
    fake.slow_callbacks_for_user(user, Duration::from_millis(2_500));
    fake.fail_callbacks(500, 1);
    let id = fake.interact(fake.slash("duties", &[], user, Place::Guild));
    assert_eq!(wait_attempts(&fake, id, 1).await, [500]);
    let line = wait_for_log(
        &["too close to Discord's 3-second deadline"],
        Duration::from_secs(5),
    )
    .await;
    assert!(line.contains("500"), "{line}");
    tokio::time::sleep(Duration::from_millis(800)).await;
    assert_eq!(attempts(&fake, id), [500], "no retry past the deadline");
    assert!(!bot.has_stopped());
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_slow_callback_does_not_hold_up_other_users() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;
    let slow_user = USER + 50;
    let slowness = Duration::from_secs(2);
    fake.slow_callbacks_for_user(slow_user, slowness);

    let slow = fake.interact(fake.slash("duties", &[], slow_user, Place::Guild));
    let slow_callback = fake.wait_callback(slow, Duration::from_secs(3)).await;
    assert_eq!(
        slow_callback.delay, slowness,
        "the fake holds this one back"
    );

    // While that request hangs, other people ask.
    let mut took = Vec::new();
    for user in USER + 51..USER + 54 {
        let sent = Instant::now();
        let id = fake.interact(fake.slash("duties", &[], user, Place::Guild));
        let callback = fake.wait_callback(id, Duration::from_secs(3)).await;
        let latency = callback.at - sent;
        assert!(
            latency < Duration::from_millis(500),
            "user {user} waited {latency:?} behind the slow request"
        );
        assert!(callback.at < slow_callback.answered_at());
        took.push(ms(latency));
    }
    let others_done = Instant::now();
    assert!(
        others_done < slow_callback.answered_at(),
        "all answered while the slow one was still waiting"
    );

    eprintln!(
        "[fault] one user's callback held for {}: three other users were answered in {} while it was still pending (no head-of-line blocking)",
        ms(slowness),
        took.join(", ")
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_and_unknown_gateway_payloads_are_ignored() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;

    fake.send_raw("{this is not json at all");
    fake.send_raw(r#"{"op": 42, "d": {"what": "an opcode nobody knows"}}"#);
    fake.send_raw(r#"{"op": 0, "t": "INTERACTION_CREATE", "d": {}}"#);
    fake.dispatch(
        "SOMETHING_DISCORD_ADDS_LATER",
        json!({"anything": [1, 2, 3]}),
    );
    // An interaction missing its data, and one of a type nobody knows.
    let mut no_data = fake.slash("duties", &[], USER + 60, Place::Guild);
    no_data.as_object_mut().unwrap().remove("data");
    let no_data = fake.interact(no_data);
    let mut unknown_type = fake.slash("duties", &[], USER + 61, Place::Guild);
    unknown_type["type"] = json!(99);
    let unknown_type = fake.interact(unknown_type);
    // A message whose fields have the wrong types.
    fake.dispatch(
        "MESSAGE_CREATE",
        json!({"id": "x", "content": 5, "author": null}),
    );

    // The next good interaction is answered, on the same connection.
    let next = assert_answers(&fake, USER + 62).await;
    assert_eq!(fake.connection_count(), 1, "no reconnect was needed");
    assert_eq!(fake.handshakes().len(), 1);
    assert!(!bot.has_stopped());
    // The gateway reads frames in order, so the broken ones were dropped
    // before the good one was read: none of them got an answer.
    for id in [no_data, unknown_type] {
        assert!(
            fake.requests()
                .iter()
                .all(|r| !r.path.contains(&format!("/interactions/{id}/"))),
            "a broken interaction was answered"
        );
    }
    let noted = logs()
        .lines()
        .filter(|l| l.contains("WARN") && l.contains("this is not json at all"))
        .count();
    assert!(noted >= 1, "serenity notes the unreadable frame");

    eprintln!(
        "[fault] malformed payloads (invalid JSON, unknown opcode, dispatch without a sequence number, unknown event type, interactions without data or of an unknown type, a message of the wrong shape): all ignored on the same connection, nothing answered for them; the next interaction answered in {}",
        ms(next)
    );
    bot.stop().await;
}
