//! A load of interactions for the real client, shared by the load test
//! (`tests/discord_load.rs`: every answer right, none lost, none doubled)
//! and the load bench (`benches/discord_load.rs`: interactions per second,
//! latency from dispatch to callback).
//!
//! The load is a fixed mix of the things people do: `/ask` in words,
//! shortcut commands, `/certs`, `/salary` with every option (each one draws
//! a chart), `/benefits`, related-topic buttons and location autocomplete.
//! Every case's answer is independent of what the same user asked before,
//! so it can be known in advance from a twin [`Bot`] while many cases from
//! the same user are in flight at once.

use super::expected::{Expected, expected, message_difference};
use super::harness::{config_for, knowledge_dir};
use super::{FakeDiscord, Place, Recorded};
use careerbot::Engine;
use careerbot::discord::bot::{Bot, BotSettings, Request};
use careerbot::discord::input::{self, BenefitsForm, SalaryForm};
use careerbot::discord::render;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// The first of the load's users.
pub const FIRST_LOAD_USER: u64 = 900_000_000_000_000_001;

/// What a case sends.
#[derive(Debug, Clone)]
enum Action {
    Slash {
        command: &'static str,
        options: Vec<(&'static str, Value)>,
    },
    Button {
        custom_id: String,
    },
    Autocomplete {
        command: &'static str,
        focused: &'static str,
        partial: &'static str,
    },
}

/// What the callback to a case must carry.
#[derive(Debug, Clone)]
enum Want {
    /// A message response (type 4): the first message of the answer.
    Message(Expected),
    /// Autocomplete choices (type 8).
    Choices(Value),
}

/// One kind of interaction in the load, and its right answer.
#[derive(Debug, Clone)]
pub struct LoadCase {
    pub label: String,
    action: Action,
    want: Want,
}

impl LoadCase {
    fn slash(
        label: String,
        command: &'static str,
        options: Vec<(&'static str, Value)>,
        want: Want,
    ) -> LoadCase {
        LoadCase {
            label,
            action: Action::Slash { command, options },
            want,
        }
    }
}

/// The mix of cases, each with the answer a fresh user gets.
pub struct Workload {
    pub cases: Vec<LoadCase>,
}

impl Workload {
    /// The mix, with answers from a twin of the bot `fake` serves (same
    /// knowledge, same settings).
    pub fn new(fake: &FakeDiscord) -> Workload {
        let config = config_for(fake, "");
        let engine = Engine::load(knowledge_dir()).expect("the knowledge base loads");
        let kb = engine.knowledge();
        let education = kb.model.education.len() as u32 - 1;
        let location_choices = |partial: &str| {
            serde_json::to_value(render::to_autocomplete(&input::location_choices(
                kb, partial,
            )))
            .expect("choices serialize")["choices"]
                .clone()
        };
        let twin = Bot::new(
            Engine::load(knowledge_dir()).expect("the knowledge base loads"),
            BotSettings::from_config(&config.discord, knowledge_dir()),
        );
        // Each expected answer is for a user the twin has never seen.
        let mut twin_user = 0;
        let mut answer = |request: Request| {
            twin_user += 1;
            Want::Message(expected(&twin, twin_user, request))
        };

        let mut cases = Vec::new();
        let questions = [
            "what does a pt care coordinator do",
            "what is a typical day like",
            "which certifications help the most?",
            "is the job growing? what's the outlook",
            "how do i get started with no experience",
            "what skills do employers want",
            "what other job titles does this role go by",
            "what benefits come with the job",
        ];
        for question in questions {
            cases.push(LoadCase::slash(
                format!("/ask {question}"),
                "ask",
                vec![("question", json!(question))],
                answer(Request::Ask {
                    text: question.to_string(),
                }),
            ));
        }
        for name in ["duties", "day", "outlook", "skills", "career", "help"] {
            cases.push(LoadCase::slash(
                format!("/{name}"),
                name,
                vec![],
                answer(Request::Shortcut {
                    name: name.to_string(),
                }),
            ));
        }
        for name in ["cmaa", "cpct"] {
            cases.push(LoadCase::slash(
                format!("/certs {name}"),
                "certs",
                vec![("name", json!(name))],
                answer(Request::Certs {
                    name: Some(name.to_string()),
                }),
            ));
        }
        // Every option given, so nothing remembered from the same user's
        // earlier questions can change the estimate.
        for (years, location, employer, certifications, pay) in [
            (5, "metro:14460", 0, "cmaa", 52_000),
            (1, "state:TX", 1, "none", 31_000),
        ] {
            let form = SalaryForm {
                experience: Some(years),
                education: Some(education),
                location: Some(location.into()),
                employer: Some(employer),
                certifications: Some(certifications.into()),
                pay: Some(pay),
            };
            cases.push(LoadCase::slash(
                format!("/salary {years} years {location}"),
                "salary",
                vec![
                    ("experience", json!(years)),
                    ("education", json!(education)),
                    ("location", json!(location)),
                    ("employer", json!(employer)),
                    ("certifications", json!(certifications)),
                    ("pay", json!(pay)),
                ],
                answer(Request::Salary(form)),
            ));
        }
        cases.push(LoadCase::slash(
            "/benefits".into(),
            "benefits",
            vec![
                ("base", json!(48_000)),
                ("contribution", json!(5.0)),
                ("match", json!(100.0)),
                ("cap", json!(4.0)),
            ],
            answer(Request::Benefits(BenefitsForm {
                base: 48_000,
                contribution_pct: Some(5.0),
                match_pct: Some(100.0),
                cap_pct: Some(4.0),
                bonus: None,
            })),
        ));
        for topic in ["pay.national", "certs.overview"] {
            cases.push(LoadCase {
                label: format!("button {topic}"),
                action: Action::Button {
                    custom_id: format!("topic:{topic}"),
                },
                want: answer(Request::Topic {
                    id: topic.to_string(),
                }),
            });
        }
        for partial in ["bos", "new"] {
            cases.push(LoadCase {
                label: format!("autocomplete location {partial:?}"),
                action: Action::Autocomplete {
                    command: "salary",
                    focused: "location",
                    partial,
                },
                want: Want::Choices(location_choices(partial)),
            });
        }
        Workload { cases }
    }

    /// The interaction payload for the `n`-th interaction of a load spread
    /// over `users` users: user `n % users`, case `n % cases`, in a server
    /// for even users and a DM for odd ones.
    pub fn payload(&self, fake: &FakeDiscord, n: usize, users: usize) -> (Value, usize) {
        let case_index = n % self.cases.len();
        let user_index = n % users;
        let user = FIRST_LOAD_USER + user_index as u64;
        let place = if user_index.is_multiple_of(2) {
            Place::Guild
        } else {
            Place::Dm
        };
        let payload = match &self.cases[case_index].action {
            Action::Slash { command, options } => fake.slash(command, options, user, place),
            Action::Button { custom_id } => fake.button_click(custom_id, user, place),
            Action::Autocomplete {
                command,
                focused,
                partial,
            } => fake.autocomplete(command, focused, partial, &[], user, place),
        };
        (payload, case_index)
    }

    /// The payloads of a whole load of `count`, each with its case.
    pub fn payloads(&self, fake: &FakeDiscord, count: usize, users: usize) -> Vec<(Value, usize)> {
        (0..count).map(|n| self.payload(fake, n, users)).collect()
    }

    /// Whether a callback is the right answer to `case`: accepted (204),
    /// of the right type, and the same message (or choices) as the twin's.
    pub fn check(&self, case: usize, callback: &Recorded) -> Result<(), String> {
        let label = &self.cases[case].label;
        if callback.status != 204 {
            return Err(format!("{label}: callback answered {}", callback.status));
        }
        let body = &callback.body;
        match &self.cases[case].want {
            Want::Message(want) => {
                if body["type"] != json!(4) {
                    return Err(format!("{label}: callback type {}", body["type"]));
                }
                if body["data"]["embeds"][0]["title"].as_str() != Some(want.title.as_str()) {
                    return Err(format!(
                        "{label}: title {}, expected {:?}",
                        body["data"]["embeds"][0]["title"], want.title
                    ));
                }
                match message_difference(&body["data"], &want.messages[0], want.private) {
                    Some(difference) => Err(format!("{label}: {difference}")),
                    None => Ok(()),
                }
            }
            Want::Choices(choices) => {
                if body["type"] != json!(8) || body["data"]["choices"] != *choices {
                    return Err(format!(
                        "{label}: sent {body:#}, expected choices {choices:#}"
                    ));
                }
                Ok(())
            }
        }
    }
}

/// One interaction of a load: its id and case.
#[derive(Debug, Clone, Copy)]
pub struct Dispatched {
    pub id: u64,
    pub case: usize,
}

/// Dispatch `count` interactions from `users` users, back to back, as fast
/// as the fake can queue them.
pub fn dispatch_burst(
    fake: &FakeDiscord,
    workload: &Workload,
    count: usize,
    users: usize,
) -> Vec<Dispatched> {
    // Payloads are built first, so the burst is only the dispatching.
    workload
        .payloads(fake, count, users)
        .into_iter()
        .map(|(payload, case)| Dispatched {
            id: fake.interact(payload),
            case,
        })
        .collect()
}

/// Dispatch `count` interactions from `users` users at a steady `rate` per
/// second (in groups on each millisecond tick, as tokio's timer has
/// millisecond resolution).
pub async fn dispatch_paced(
    fake: &FakeDiscord,
    workload: &Workload,
    count: usize,
    users: usize,
    rate: u32,
) -> Vec<Dispatched> {
    let payloads = workload.payloads(fake, count, users);
    let start = tokio::time::Instant::now();
    let mut dispatched = Vec::with_capacity(count);
    let mut payloads = payloads.into_iter();
    let mut tick = tokio::time::interval(Duration::from_millis(1));
    tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Burst);
    while dispatched.len() < count {
        tick.tick().await;
        // How many should have gone by now at `rate`.
        let due = ((start.elapsed().as_secs_f64() * f64::from(rate)) as usize + 1).min(count);
        while dispatched.len() < due {
            let Some((payload, case)) = payloads.next() else {
                break;
            };
            dispatched.push(Dispatched {
                id: fake.interact(payload),
                case,
            });
        }
    }
    dispatched
}

/// What came back for a load.
pub struct LoadOutcome {
    /// The callbacks for each interaction dispatched (in dispatch order).
    pub callbacks: Vec<Vec<Recorded>>,
    /// For each interaction dispatched, from its dispatch to the arrival of
    /// its first callback, if one came.
    pub latencies: Vec<Option<Duration>>,
    /// From the first dispatch to the last callback.
    pub span: Duration,
    /// Callbacks for interactions that were not in the load.
    pub strays: usize,
}

impl LoadOutcome {
    /// Wait until a callback has arrived for each of `dispatched`, however
    /// long that takes while they keep arriving (after `stall` with none,
    /// what came is returned, and the test says what is missing), plus
    /// `linger` for any duplicate, then gather them.
    /// `before` is how many callbacks there were before this load.
    pub async fn collect(
        fake: &FakeDiscord,
        dispatched: &[Dispatched],
        before: usize,
        stall: Duration,
        linger: Duration,
    ) -> LoadOutcome {
        fake.wait_callback_progress(before + dispatched.len(), stall)
            .await;
        tokio::time::sleep(linger).await;
        let mut all = fake.callbacks();
        let callbacks: Vec<Vec<Recorded>> = dispatched
            .iter()
            .map(|d| all.remove(&d.id).unwrap_or_default())
            .collect();
        let strays = all
            .values()
            .map(Vec::len)
            .sum::<usize>()
            .saturating_sub(before);
        let dispatch_times: Vec<Option<Instant>> = dispatched
            .iter()
            .map(|d| fake.dispatched_at(d.id))
            .collect();
        let latencies = dispatch_times
            .iter()
            .zip(&callbacks)
            .map(|(sent, got)| Some(got.first()?.at - (*sent)?))
            .collect();
        let first = dispatch_times.iter().flatten().min().copied();
        let last = callbacks
            .iter()
            .filter_map(|c| c.first())
            .map(|c| c.at)
            .max();
        let span = match (first, last) {
            (Some(first), Some(last)) => last - first,
            _ => Duration::ZERO,
        };
        LoadOutcome {
            callbacks,
            latencies,
            span,
            strays,
        }
    }

    /// Answered interactions per second, first dispatch to last callback.
    pub fn per_second(&self) -> f64 {
        self.latencies.iter().flatten().count() as f64 / self.span.as_secs_f64()
    }

    /// The `p`-th percentile (0 to 100) of the latencies of all answered
    /// interactions.
    pub fn percentile(&self, p: f64) -> Duration {
        self.percentile_of(p, |_| true)
    }

    /// The `p`-th percentile of the latencies of the answered interactions
    /// whose index in the load passes `which`.
    pub fn percentile_of(&self, p: f64, which: impl Fn(usize) -> bool) -> Duration {
        let mut latencies: Vec<Duration> = self
            .latencies
            .iter()
            .enumerate()
            .filter(|(index, _)| which(*index))
            .filter_map(|(_, latency)| *latency)
            .collect();
        if latencies.is_empty() {
            return Duration::ZERO;
        }
        latencies.sort();
        let rank = (p / 100.0 * latencies.len() as f64).ceil() as usize;
        latencies[rank.clamp(1, latencies.len()) - 1]
    }
}
