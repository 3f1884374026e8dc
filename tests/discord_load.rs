//! Load: the real client (`careerbot::discord::client::serve`) against the
//! loopback fake Discord, 1,000 interactions from 100 users dispatched back
//! to back. Every one gets exactly one callback, and each callback is the
//! right answer to its own question: nothing lost, nothing doubled, nothing
//! crossed between users.
//!
//! Speed under load is measured by the bench (`cargo bench --bench
//! discord_load`), not here.

mod discord_schema;
mod fake_discord;

use discord_schema::{assert_message_limits, assert_valid};
use fake_discord::harness::RunningBot;
use fake_discord::load::{LoadOutcome, Workload, dispatch_burst};
use fake_discord::{DISCORD_HEARTBEAT_INTERVAL, FakeDiscord};
use std::collections::HashSet;
use std::time::Duration;

const INTERACTIONS: usize = 1_000;
const USERS: usize = 100;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_interactions_from_a_hundred_users_each_get_one_right_answer() {
    let fake = FakeDiscord::start_with_heartbeat(DISCORD_HEARTBEAT_INTERVAL).await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;
    let workload = Workload::new(&fake);

    let dispatched = dispatch_burst(&fake, &workload, INTERACTIONS, USERS);
    let ids: HashSet<u64> = dispatched.iter().map(|d| d.id).collect();
    assert_eq!(ids.len(), INTERACTIONS, "each interaction has its own id");
    // Wait for all, for as long as answers keep coming (a minute without
    // one means the bot stopped), then a little longer so a duplicate
    // would show.
    let outcome = LoadOutcome::collect(
        &fake,
        &dispatched,
        0,
        Duration::from_secs(60),
        Duration::from_millis(300),
    )
    .await;

    let lost: Vec<&str> = dispatched
        .iter()
        .zip(&outcome.callbacks)
        .filter(|(_, got)| got.is_empty())
        .map(|(d, _)| workload.cases[d.case].label.as_str())
        .collect();
    assert!(
        lost.is_empty(),
        "{} of {INTERACTIONS} interactions got no callback, e.g. {:?}\n{}",
        lost.len(),
        &lost[..lost.len().min(5)],
        fake.summary()
    );
    let doubled = outcome.callbacks.iter().filter(|got| got.len() > 1).count();
    assert_eq!(doubled, 0, "interactions answered more than once");
    assert_eq!(outcome.strays, 0, "callbacks to interactions never sent");

    let mut seen_cases = HashSet::new();
    for (d, got) in dispatched.iter().zip(&outcome.callbacks) {
        let callback = &got[0];
        if let Err(problem) = workload.check(d.case, callback) {
            panic!("interaction {}: {problem}", d.id);
        }
        // Each kind once through the schemas and limits is enough: the
        // twin comparison above pins every other copy to the same body.
        if seen_cases.insert(d.case) {
            match callback.body["type"].as_u64() {
                Some(8) => assert_valid(
                    "ApplicationCommandAutocompleteCallbackRequest",
                    &callback.body,
                ),
                _ => {
                    assert_valid("CreateMessageInteractionCallbackRequest", &callback.body);
                    assert_message_limits(&callback.body["data"]);
                }
            }
        }
    }
    assert_eq!(
        seen_cases.len(),
        workload.cases.len(),
        "every case was sent"
    );
    // Charts: each /salary callback uploads its PNG.
    let charts = outcome
        .callbacks
        .iter()
        .filter(|got| got[0].files.iter().any(|f| f.filename == "salary.png"))
        .count();
    let salaries = dispatched
        .iter()
        .filter(|d| workload.cases[d.case].label.starts_with("/salary"))
        .count();
    assert_eq!(charts, salaries, "every /salary answer carries its chart");

    eprintln!(
        "[load] {INTERACTIONS} interactions from {USERS} users: all answered once, correctly, in {:?} ({:.0}/s; p50 {:?}, p99 {:?} from dispatch to callback, queueing in the burst included)",
        outcome.span,
        outcome.per_second(),
        outcome.percentile(50.0),
        outcome.percentile(99.0),
    );
    bot.stop().await;
}
