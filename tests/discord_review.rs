//! The review log on Discord, end to end against the fake Discord: every
//! answer carries 👍/👎 beside its related topics, a click is thanked
//! privately, a second click on the same answer changes the vote, and
//! `/review` shows the week's declined questions to those allowed to
//! reload, and to no one else. Every payload is checked against Discord's
//! schemas and limits.

mod common;
mod discord_schema;
mod fake_discord;

use careerbot::review::Store;
use discord_schema::{assert_message_limits, assert_valid};
use fake_discord::harness::RunningBot;
use fake_discord::{FakeDiscord, Place};
use serde_json::{Value, json};
use std::time::Duration;

const DEADLINE: Duration =
    Duration::from_secs(careerbot::discord::limits::INTERACTION_DEADLINE_SECS);
const RELOADER: u64 = 600_000_000_000_000_777;

/// Every button of a message, as (custom_id, label), row by row.
fn buttons(message: &Value) -> Vec<Vec<(String, String)>> {
    (message["components"].as_array().unwrap().iter())
        .map(|row| {
            (row["components"].as_array().unwrap().iter())
                .map(|b| {
                    (
                        b["custom_id"].as_str().unwrap().to_string(),
                        b["label"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn answers_carry_votes_and_review_shows_what_was_declined() {
    let dir = common::scratch_dir("discord-review");
    let database = dir.join("careerbot.db");
    let fake = FakeDiscord::start().await;
    let extra = format!(
        "reload_users = [\"{RELOADER}\"]\n[review]\ndatabase = {:?}\n",
        database.display().to_string()
    );
    let (bot, _) = RunningBot::start_ready(&fake, &extra).await;
    let user = 500_000_000_000_000_321;

    // An answer with related topics: 👍 and 👎 in the same row, last.
    let asked = fake.interact(fake.slash(
        "ask",
        &[("question", json!("what does a pt care coordinator do?"))],
        user,
        Place::Guild,
    ));
    let card = fake.wait_callback(asked, DEADLINE).await;
    assert_valid("CreateMessageInteractionCallbackRequest", &card.body);
    assert_message_limits(&card.body["data"]);
    let rows = buttons(&card.body["data"]);
    assert_eq!(rows.len(), 1, "{rows:?}");
    let row = &rows[0];
    assert!(row.len() >= 3 && row.len() <= 5, "{row:?}");
    let labels: Vec<&str> = row.iter().map(|(_, l)| l.as_str()).collect();
    assert_eq!(&labels[labels.len() - 2..], ["👍", "👎"], "{labels:?}");
    assert!(
        row[0].0.starts_with("topic:"),
        "related topics first: {row:?}"
    );
    let down = row[row.len() - 1].0.clone();
    let up = row[row.len() - 2].0.clone();

    // 👎 then 👍 on the same message by the same person: one vote, 👍.
    let message = fake.next_snowflake();
    for custom_id in [&down, &up] {
        let click = fake.interact(fake.button_click_on(custom_id, user, Place::Guild, message));
        let thanks = fake.wait_callback(click, DEADLINE).await;
        assert_valid("CreateMessageInteractionCallbackRequest", &thanks.body);
        assert_eq!(thanks.body["type"], 4);
        assert_eq!(thanks.body["data"]["flags"], json!(64), "privately");
        let text = thanks.body["data"]["embeds"][0]["description"]
            .as_str()
            .unwrap();
        assert_eq!(text, "Thanks, noted.");
        assert_eq!(thanks.body["data"]["allowed_mentions"]["parse"], json!([]));
    }
    // Someone else's 👎 on the same answer counts apart.
    let click = fake.interact(fake.button_click_on(&down, user + 1, Place::Guild, message));
    fake.wait_callback(click, DEADLINE).await;

    // A declined question, asked by another member.
    let declined = fake.interact(fake.slash(
        "ask",
        &[(
            "question",
            json!("how do I bake sourdough bread? @everyone"),
        )],
        user + 2,
        Place::Guild,
    ));
    let refusal = fake.wait_callback(declined, DEADLINE).await;
    assert_valid("CreateMessageInteractionCallbackRequest", &refusal.body);
    assert!(!refusal.body.to_string().contains("sourdough"), "no echo");

    // /review: by the reloader, privately, after a deferral.
    let id = fake.interact(fake.slash("review", &[], RELOADER, Place::Guild));
    let deferred = fake.wait_callback(id, DEADLINE).await;
    assert_valid("CreateMessageInteractionCallbackRequest", &deferred.body);
    assert_eq!(deferred.body["type"], json!(5));
    assert_eq!(deferred.body["data"]["flags"], json!(64));
    let report = fake.wait_followups(id, 1, DEADLINE).await.remove(0);
    assert_valid("IncomingWebhookInteractionRequest", &report.body);
    assert_message_limits(&report.body);
    assert_eq!(report.body["flags"], json!(64));
    let text = report.body["embeds"][0]["description"].as_str().unwrap();
    assert!(text.contains("1× how do i bake sourdough bread"), "{text}");
    assert!(text.contains("looks off-topic"), "{text}");
    assert!(text.contains("role.overview: 1 / 1"), "{text}");
    assert!(!text.contains("everyone"), "{text}");

    // Anyone else: a private no.
    let id = fake.interact(fake.slash("review", &[], user, Place::Guild));
    let refused = fake.wait_callback(id, DEADLINE).await;
    assert_valid("CreateMessageInteractionCallbackRequest", &refused.body);
    assert_eq!(refused.body["data"]["flags"], json!(64));
    let text = refused.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap();
    assert!(text.starts_with("Only the people and roles"), "{text}");
    bot.stop().await;

    let store = Store::open(&database).unwrap();
    let answers = store.answers_since(0).unwrap();
    assert_eq!(answers.len(), 2, "two answers, each once: {answers:?}");
    assert!(answers.iter().all(|a| a.front_end == "discord"));
    let votes = store.votes_since(0).unwrap();
    let helpful: Vec<bool> = votes.iter().map(|(v, _)| v.helpful).collect();
    assert_eq!(helpful, [true, false], "{votes:?}");
    let _ = std::fs::remove_dir_all(dir);
}

/// The 👍 button of a callback's message.
fn vote_up(callback: &Value) -> Option<String> {
    buttons(&callback["data"])
        .into_iter()
        .flatten()
        .map(|(id, _)| id)
        .find(|id| id.starts_with("vote:up:"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_answers_and_three_hundred_votes_are_each_recorded_once() {
    let dir = common::scratch_dir("discord-review-load");
    let database = dir.join("careerbot.db");
    let fake = FakeDiscord::start_with_heartbeat(fake_discord::DISCORD_HEARTBEAT_INTERVAL).await;
    let extra = format!(
        "[review]\ndatabase = {:?}\n",
        database.display().to_string()
    );
    let (bot, _) = RunningBot::start_ready(&fake, &extra).await;
    let questions = [
        "what does a pt care coordinator do?",
        "5 years, CMAA, Boston, hospital",
        "how do I bake sourdough bread?",
        "what certifications help?",
        "would I make more in Boston or Denver?",
        "what's the job outlook?",
        "who won the world cup?",
        "base 48k, 4% match up to 6%, 2k bonus, total comp?",
    ];
    const ANSWERS: usize = 1_000;
    const VOTES: usize = 300;
    let first_user = 910_000_000_000_000_001;
    let asked: Vec<(u64, u64)> = (0..ANSWERS)
        .map(|i| {
            let user = first_user + (i % 100) as u64;
            let question = json!(questions[i % questions.len()]);
            let id =
                fake.interact(fake.slash("ask", &[("question", question)], user, Place::Guild));
            (id, user)
        })
        .collect();
    let stall = Duration::from_secs(60);
    fake.wait_callback_progress(ANSWERS, stall).await;
    let mut clicked = 0;
    for (id, user) in &asked {
        if clicked == VOTES {
            break;
        }
        let callback = fake.wait_callback(*id, stall).await;
        assert_eq!(callback.status, 204);
        if let Some(up) = vote_up(&callback.body) {
            let message = fake.next_snowflake();
            fake.interact(fake.button_click_on(&up, *user, Place::Guild, message));
            clicked += 1;
        }
    }
    assert_eq!(clicked, VOTES, "enough answers carry votes");
    fake.wait_callback_progress(ANSWERS + VOTES, stall).await;
    bot.stop().await;

    // The writer may still be committing its last batch: wait for the
    // counts to arrive (a minute without progress fails), then check they
    // are exact.
    let counts = || {
        let store = Store::open(&database).unwrap();
        (
            store.answers_since(0).unwrap().len(),
            store.votes_since(0).unwrap().len(),
        )
    };
    let mut last = (0, 0);
    let mut since = std::time::Instant::now();
    while counts() < (ANSWERS, VOTES) {
        let now = counts();
        if now != last {
            last = now;
            since = std::time::Instant::now();
        }
        assert!(since.elapsed() < stall, "recording stalled at {now:?}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    assert_eq!(counts(), (ANSWERS, VOTES), "each answer and vote once");
    let store = Store::open(&database).unwrap();
    let answers = store.answers_since(0).unwrap();
    let declined = answers.iter().filter(|a| a.question.is_some()).count();
    assert_eq!(
        declined,
        2 * ANSWERS / questions.len(),
        "the two off-topic questions"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_bad_database_is_logged_once_and_the_bot_answers_without_votes() {
    let dir = common::scratch_dir("discord-review-bad");
    let database = dir.join("corrupt.db");
    std::fs::write(&database, "not a database, only words ".repeat(300)).unwrap();
    let fake = FakeDiscord::start().await;
    let extra = format!(
        "[review]\ndatabase = {:?}\n",
        database.display().to_string()
    );
    let (bot, _) = RunningBot::start_ready(&fake, &extra).await;
    let asked = fake.interact(fake.slash(
        "ask",
        &[("question", json!("what does a pt care coordinator do?"))],
        500_000_000_000_000_999,
        Place::Guild,
    ));
    let card = fake.wait_callback(asked, DEADLINE).await;
    assert_valid("CreateMessageInteractionCallbackRequest", &card.body);
    assert!(card.body["data"]["embeds"][0]["title"].is_string());
    let votes = buttons(&card.body["data"]).into_iter().flatten();
    assert_eq!(votes.filter(|(id, _)| id.starts_with("vote:")).count(), 0);
    bot.stop().await;
    let logged: Vec<String> = (fake_discord::harness::logs().lines())
        .filter(|l| l.contains("corrupt.db"))
        .map(str::to_string)
        .collect();
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert!(
        logged[0].contains("Answering without recording"),
        "{logged:?}"
    );
    let _ = std::fs::remove_dir_all(dir);
}
