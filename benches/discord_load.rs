//! Discord load bench: the real client (`careerbot::discord::client::serve`,
//! release build) against the loopback fake Discord of the tests, both in
//! this process, sharing this machine's cores.
//!
//! Two measures, since one burst cannot give both honestly:
//!
//! - **Throughput**: bursts of 1,000 interactions from 100 users, dispatched
//!   back to back; interactions per second from the first dispatch to the
//!   last callback. In a burst, latency is mostly time spent queued behind
//!   the rest of the burst, so it is reported but is not the latency figure.
//! - **Latency**: interactions dispatched at a steady offered rate (2,000/s,
//!   the throughput target, and 500/s); p50, p99 and max from dispatch to
//!   the callback's arrival at the fake.
//!
//! Every callback is also checked against the twin's answer; the bench says
//! how many were wrong or missing (there should be none).
//!
//! Run: `cargo bench --bench discord_load`. Targets: ≥ 2,000 interactions/s,
//! p99 ≤ 10 ms on a 2-core machine. `cargo bench --bench discord_load --
//! --record` runs the same with the review log on (an SQLite file in the
//! system's temp folder), to compare.

#[path = "../tests/fake_discord/mod.rs"]
mod fake_discord;

use fake_discord::harness::RunningBot;
use fake_discord::load::{Dispatched, LoadOutcome, Workload, dispatch_burst, dispatch_paced};
use fake_discord::{DISCORD_HEARTBEAT_INTERVAL, FakeDiscord};
use std::time::Duration;

const BURST: usize = 1_000;
const BURSTS: usize = 5;
const USERS: usize = 100;
/// How long the bench waits with no new callback before it calls an
/// interaction lost.
const STALL: Duration = Duration::from_secs(60);

fn main() {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a tokio runtime");
    runtime.block_on(async {
        let fake = FakeDiscord::start_with_heartbeat(DISCORD_HEARTBEAT_INTERVAL).await;
        let record = std::env::args().any(|a| a == "--record");
        let database = std::env::temp_dir().join(format!("careerbot-bench-{}.db", std::process::id()));
        let extra = match record {
            true => format!("[review]\ndatabase = {:?}\n", database.display().to_string()),
            false => String::new(),
        };
        let (bot, _) = RunningBot::start_ready(&fake, &extra).await;
        println!(
            "review log: {}",
            if record { "on" } else { "off (--record turns it on)" }
        );
        let workload = Workload::new(&fake);
        println!(
            "careerbot Discord load bench: {} kinds of interaction, {USERS} users, {cores} core(s)",
            workload.cases.len()
        );
        let mut answered = 0;

        // Warm up: connections, allocations, caches.
        let warm = dispatch_burst(&fake, &workload, BURST, USERS);
        run(&fake, &workload, &warm, &mut answered).await;

        let mut rates = Vec::new();
        for round in 1..=BURSTS {
            let dispatched = dispatch_burst(&fake, &workload, BURST, USERS);
            let outcome = run(&fake, &workload, &dispatched, &mut answered).await;
            println!(
                "burst {round}: {BURST} interactions in {:>8.1?} = {:>6.0}/s  (in-burst p50 {:.1?}, p99 {:.1?}: queueing)",
                outcome.span,
                outcome.per_second(),
                outcome.percentile(50.0),
                outcome.percentile(99.0),
            );
            rates.push(outcome.per_second());
        }
        rates.sort_by(f64::total_cmp);
        println!(
            "throughput: median {:.0} interactions/s (min {:.0}, max {:.0})",
            rates[rates.len() / 2],
            rates[0],
            rates[rates.len() - 1]
        );

        for rate in [2_000, 500] {
            let count = rate as usize * 3;
            let dispatched = dispatch_paced(&fake, &workload, count, USERS, rate).await;
            let outcome = run(&fake, &workload, &dispatched, &mut answered).await;
            println!(
                "steady {rate}/s offered, {count} interactions: p50 {:.2?}, p99 {:.2?}, max {:.2?}",
                outcome.percentile(50.0),
                outcome.percentile(99.0),
                outcome.percentile(100.0),
            );
            // /salary draws a chart and uploads it: its own figures.
            let salary = |index: usize| {
                workload.cases[dispatched[index].case]
                    .label
                    .starts_with("/salary")
            };
            println!(
                "    /salary (chart drawn and uploaded): p50 {:.2?}, p99 {:.2?}; everything else: p50 {:.2?}, p99 {:.2?}",
                outcome.percentile_of(50.0, salary),
                outcome.percentile_of(99.0, salary),
                outcome.percentile_of(50.0, |i| !salary(i)),
                outcome.percentile_of(99.0, |i| !salary(i)),
            );
        }
        println!("{answered} interactions in all, every one answered once and correctly");
        bot.stop().await;
        if record {
            for suffix in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{suffix}", database.display()));
            }
        }
    });
}

/// Wait for a load's callbacks and check each; panics if any is missing,
/// doubled or wrong, since then the figures would mean nothing.
async fn run(
    fake: &FakeDiscord,
    workload: &Workload,
    dispatched: &[Dispatched],
    answered: &mut usize,
) -> LoadOutcome {
    let outcome = LoadOutcome::collect(fake, dispatched, *answered, STALL, Duration::ZERO).await;
    assert_eq!(outcome.strays, 0, "callbacks to interactions never sent");
    for (d, got) in dispatched.iter().zip(&outcome.callbacks) {
        match got.as_slice() {
            [callback] => {
                if let Err(problem) = workload.check(d.case, callback) {
                    panic!("interaction {}: {problem}", d.id);
                }
            }
            [] => panic!("interaction {} got no callback", d.id),
            more => panic!("interaction {} got {} callbacks", d.id, more.len()),
        }
    }
    *answered += dispatched.len();
    outcome
}
