//! End-to-end: the real Discord client (`careerbot::discord::client::serve`,
//! unmodified) against a faithful fake Discord on 127.0.0.1
//! (`fake_discord`), in-process. Startup (token check, gateway, READY,
//! command registration, clean shutdown) and every way of asking: each slash
//! command, autocomplete, a button, an @mention, a DM. Each answer is
//! checked against what the engine says for the same request, against
//! Discord's schemas and limits, and for empty allowed mentions.
//!
//! The faults (dropped connections, reconnects, slow or failing REST...) are
//! in `discord_faults.rs`.

mod discord_schema;
mod fake_discord;

use careerbot::Engine;
use careerbot::discord::bot::{Bot, BotSettings, Request};
use careerbot::discord::input::{self, BenefitsForm, SalaryForm};
use discord_schema::{
    assert_message_limits, assert_valid, assert_valid_channel_message, schema_errors,
};
use fake_discord::expected::{Expected, expected, message_difference};
use fake_discord::harness::{RunningBot, config_for, knowledge_dir, logs};
use fake_discord::{
    Author, Direction, FakeDiscord, FrameData, GUILD_CHANNEL_ID, GUILD_ID, Handshake, Place,
    Recorded, Upload, dm_channel_id,
};
use poise::serenity_prelude as serenity;
use serde_json::{Value, json};
use std::time::{Duration, Instant};

/// Discord's deadline for the first response to an interaction.
const DEADLINE: Duration =
    Duration::from_secs(careerbot::discord::limits::INTERACTION_DEADLINE_SECS);
const STARTUP: Duration = Duration::from_secs(20);

/// The intents the bot must ask for: servers, server messages and DMs, and
/// not the privileged Message Content intent (no `answer_channels`).
const EXPECTED_INTENTS: u64 = serenity::GatewayIntents::GUILDS.bits()
    | serenity::GatewayIntents::GUILD_MESSAGES.bits()
    | serenity::GatewayIntents::DIRECT_MESSAGES.bits();

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_bot_connects_registers_its_commands_and_stops_cleanly() {
    let fake = FakeDiscord::start().await;
    let bot = RunningBot::start(&fake, &format!("guild_id = {GUILD_ID}"));

    let ready = fake.wait_ready(STARTUP).await;
    let Handshake::Identified {
        intents, identify, ..
    } = &ready
    else {
        unreachable!("wait_ready returns an identify");
    };
    assert_eq!(
        identify["token"],
        json!(format!("Bot {}", fake_discord::TOKEN))
    );
    assert_eq!(identify["shard"], json!([0, 1]));
    assert_eq!(
        *intents, EXPECTED_INTENTS,
        "intents {intents:#b}: expected servers, server messages and DMs only"
    );

    // Registration goes to the server, under the application id from READY
    // (not the bot's user id, which differs in the fake).
    let path = format!(
        "/api/v10/applications/{}/guilds/{GUILD_ID}/commands",
        fake.application_id()
    );
    let registration = fake
        .wait_request("the command registration", STARTUP, |r| {
            r.method == "PUT" && r.path == path
        })
        .await;
    assert_eq!(registration.status, 200, "{}", fake.summary());
    assert_valid("op_bulk_set_application_commands", &registration.body);
    let names: Vec<&str> = registration
        .body
        .as_array()
        .expect("a list of commands")
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for name in discord_schema::COMMANDS {
        assert!(names.contains(&name), "/{name} not registered: {names:?}");
    }
    // /reload is registered for administrators only.
    let reload = (registration.body.as_array().unwrap().iter())
        .find(|c| c["name"] == "reload")
        .expect("/reload is registered");
    assert_eq!(reload["default_member_permissions"], "0");
    assert_eq!(
        fake.registered_commands(Some(GUILD_ID)).len(),
        names.len(),
        "the fake kept what the bot registered"
    );

    // The order a real start takes: token check first, then the gateway URL,
    // then the websocket; poise asks for the application info.
    let requests = fake.requests();
    let routes: Vec<String> = requests
        .iter()
        .map(|r| format!("{} {}", r.method, r.route()))
        .collect();
    assert_eq!(routes[0], "GET /users/@me", "{routes:?}");
    let gateway = routes.iter().position(|r| r == "GET /gateway");
    assert!(gateway.is_some(), "{routes:?}");
    assert!(
        routes.contains(&"GET /oauth2/applications/@me".to_string()),
        "{routes:?}"
    );
    assert!(
        requests.iter().all(|r| r.status < 400),
        "a request failed: {routes:?}\n{}",
        fake.summary()
    );
    assert!(
        !routes.contains(&"GET /gateway/bot".to_string()),
        "a fixed shard count needs no /gateway/bot"
    );

    // The connection stays alive: heartbeats are sent and ACKed.
    let heartbeat = fake
        .wait_frame("a heartbeat from the bot", Duration::from_secs(5), |f| {
            f.direction == Direction::FromBot && f.op() == Some(1)
        })
        .await;
    assert_eq!(heartbeat.connection, 0);
    assert!(!bot.has_stopped());

    let took = bot.stop().await;
    let frames = fake.frames();
    assert!(
        frames
            .iter()
            .any(|f| f.direction == Direction::FromBot && f.data == FrameData::Close(Some(1000))),
        "the bot closes the gateway with 1000 on stop\n{}",
        fake.summary()
    );
    assert_eq!(fake.connection_count(), 1, "one connection, never dropped");
    eprintln!(
        "[e2e] startup: READY {:?} after the token check, commands registered {:?} after it; stop took {took:?}",
        ready.at() - bot_started(&requests),
        registration.at - bot_started(&requests),
    );
}

/// When the bot made its first request.
fn bot_started(requests: &[Recorded]) -> Instant {
    requests[0].at
}

/// The message body the bot sent matches the expected one (see
/// [`message_difference`]), is valid and within the limits, and its uploads
/// match its embed images.
fn assert_same_message(label: &str, sent: &Recorded, expected: &Value, private: bool) {
    if let Some(difference) = message_difference(&sent.body, expected, private) {
        panic!("{label}: {difference}");
    }
    assert_message_limits(&sent.body);
    assert_uploads_match(label, &sent.body, &sent.files);
}

/// Every `attachment://` image in the embeds is a PNG uploaded with the
/// message and declared in `attachments`, and nothing else is uploaded.
fn assert_uploads_match(label: &str, body: &Value, files: &[Upload]) {
    let images: Vec<&str> = body["embeds"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|e| e["image"]["url"].as_str())
        .collect();
    let declared = body["attachments"].as_array().cloned().unwrap_or_default();
    assert_eq!(
        files.len(),
        declared.len(),
        "{label}: uploads vs attachments"
    );
    assert_eq!(files.len(), images.len(), "{label}: an upload per image");
    for image in images {
        let name = image
            .strip_prefix("attachment://")
            .unwrap_or_else(|| panic!("{label}: image {image} is not an upload"));
        let file = files
            .iter()
            .find(|f| f.filename == name)
            .unwrap_or_else(|| panic!("{label}: {name} not uploaded"));
        assert!(
            file.bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{label}: {name} is not a PNG"
        );
        assert!(
            declared.iter().any(|a| a["filename"] == name),
            "{label}: {name} not declared in attachments"
        );
    }
}

/// Check the interaction's answer: a callback with the first message, then
/// a follow-up per further message. Returns the response time.
async fn check_interaction_answer(
    fake: &FakeDiscord,
    label: &str,
    id: u64,
    sent_at: Instant,
    want: &Expected,
) -> Duration {
    let callback = fake.wait_callback(id, DEADLINE).await;
    assert_eq!(callback.status, 204, "{label}: {}", fake.summary());
    assert_valid("CreateMessageInteractionCallbackRequest", &callback.body);
    assert_eq!(
        callback.body["type"],
        json!(4),
        "{label}: a message response"
    );
    let data = &callback.body["data"];
    let first = Recorded {
        body: data.clone(),
        ..callback.clone()
    };
    assert_same_message(label, &first, &want.messages[0], want.private);
    assert_eq!(
        data["embeds"][0]["title"].as_str(),
        Some(want.title.as_str()),
        "{label}"
    );
    let further = &want.messages[1..];
    if !further.is_empty() {
        let followups = fake.wait_followups(id, further.len(), DEADLINE).await;
        for (sent, expected) in followups.iter().zip(further) {
            assert_eq!(sent.status, 200);
            assert_valid("IncomingWebhookInteractionRequest", &sent.body);
            assert_same_message(label, sent, expected, want.private);
        }
    }
    callback.at - sent_at
}

/// A slash command, its options, where it is run, and the request the
/// engine sees for it.
struct SlashCase {
    label: &'static str,
    command: &'static str,
    options: Vec<(&'static str, Value)>,
    place: Place,
    request: Request,
}

/// Users, one per request, so each starts with no remembered details, just
/// as the expected answers do.
const FIRST_USER: u64 = 500_000_000_000_000_001;
const RELOADER: u64 = 600_000_000_000_000_001;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_command_button_mention_and_dm_gets_the_engines_answer() {
    let fake = FakeDiscord::start().await;
    let extra = format!("reload_users = [\"{RELOADER}\"]");
    let (bot, _) = RunningBot::start_ready(&fake, &extra).await;
    let config = config_for(&fake, &extra);
    let engine = Engine::load(knowledge_dir()).expect("the knowledge base loads");
    let twin = Bot::new(
        Engine::load(knowledge_dir()).unwrap(),
        BotSettings::from_config(&config.discord, knowledge_dir()),
    );
    let bot_id = fake.bot_user_id();

    // Every slash command that answers with a message, each with the
    // request the engine sees.
    let education = engine.knowledge().model.education.len() as u32 - 1;
    let boston = "metro:14460";
    let cases = vec![
        SlashCase {
            label: "/ask",
            command: "ask",
            options: vec![("question", json!("what does a pt care coordinator do"))],
            place: Place::Guild,
            request: Request::Ask {
                text: "what does a pt care coordinator do".into(),
            },
        },
        SlashCase {
            label: "/salary with every option",
            command: "salary",
            options: vec![
                ("experience", json!(5)),
                ("education", json!(education)),
                ("location", json!(boston)),
                ("employer", json!(0)),
                ("certifications", json!("cmaa")),
                ("pay", json!(58_000)),
            ],
            place: Place::Guild,
            request: Request::Salary(SalaryForm {
                experience: Some(5),
                education: Some(education),
                location: Some(boston.into()),
                employer: Some(0),
                certifications: Some("cmaa".into()),
                pay: Some(58_000),
            }),
        },
        SlashCase {
            label: "/salary with no option",
            command: "salary",
            options: vec![],
            place: Place::Dm,
            request: Request::Salary(SalaryForm::default()),
        },
        SlashCase {
            label: "/certs",
            command: "certs",
            options: vec![],
            place: Place::Guild,
            request: Request::Certs { name: None },
        },
        SlashCase {
            label: "/certs name",
            command: "certs",
            options: vec![("name", json!("cpct"))],
            place: Place::Dm,
            request: Request::Certs {
                name: Some("cpct".into()),
            },
        },
        SlashCase {
            label: "/benefits",
            command: "benefits",
            options: vec![
                ("base", json!(50_000)),
                ("contribution", json!(6.0)),
                ("match", json!(50.0)),
                ("cap", json!(6.0)),
                ("bonus", json!(2_000)),
            ],
            place: Place::Guild,
            request: Request::Benefits(BenefitsForm {
                base: 50_000,
                contribution_pct: Some(6.0),
                match_pct: Some(50.0),
                cap_pct: Some(6.0),
                bonus: Some(2_000),
            }),
        },
        SlashCase {
            label: "/forget",
            command: "forget",
            options: vec![],
            place: Place::Dm,
            request: Request::Forget,
        },
    ];
    // Every shortcut the knowledge base defines is a command of its own.
    let shortcuts: Vec<String> = (engine.knowledge().replies.shortcuts.iter())
        .map(|shortcut| shortcut.get_ref().name.clone())
        .collect();
    assert!(shortcuts.len() >= 7, "{shortcuts:?}");

    let mut user = FIRST_USER;
    let mut pending = Vec::new();
    for case in cases {
        user += 1;
        let want = expected(&twin, user, case.request);
        let sent_at = Instant::now();
        let id = fake.interact(fake.slash(case.command, &case.options, user, case.place));
        pending.push((case.label.to_string(), id, sent_at, want));
    }
    for (i, name) in shortcuts.iter().enumerate() {
        user += 1;
        let place = if i % 2 == 0 { Place::Guild } else { Place::Dm };
        let want = expected(
            &twin,
            user,
            Request::Shortcut {
                name: name.to_string(),
            },
        );
        // The shortcut's title is the engine's own.
        assert_eq!(want.title, engine.shortcut(name).unwrap().title);
        let sent_at = Instant::now();
        let id = fake.interact(fake.slash(name, &[], user, place));
        pending.push((format!("/{name}"), id, sent_at, want));
    }
    user += 1;
    let want = expected(
        &twin,
        user,
        Request::Topic {
            id: "pay.national".into(),
        },
    );
    assert_eq!(want.title, engine.topic("pay.national").unwrap().title);
    let sent_at = Instant::now();
    let id = fake.interact(fake.button_click("topic:pay.national", user, Place::Guild));
    pending.push(("button topic:pay.national".into(), id, sent_at, want));

    // All were dispatched at once; each is answered, in time, as the engine
    // would answer it.
    let mut slowest = Duration::ZERO;
    for (label, id, sent_at, want) in &pending {
        let took = check_interaction_answer(&fake, label, *id, *sent_at, want).await;
        assert!(took < DEADLINE, "{label} answered after {took:?}");
        slowest = slowest.max(took);
    }
    let duties = engine.topic("duties.overview").unwrap().title;
    let duties_answer = pending.iter().find(|p| p.0 == "/duties").unwrap();
    let duties_callback = fake.wait_callback(duties_answer.1, DEADLINE).await;
    assert_eq!(
        duties_callback.body["data"]["embeds"][0]["title"],
        json!(duties)
    );
    let salary = pending
        .iter()
        .find(|p| p.0 == "/salary with every option")
        .unwrap();
    let salary = fake.wait_callback(salary.1, DEADLINE).await;
    let card = &salary.body["data"];
    let description = card["embeds"][0]["description"].as_str().unwrap();
    assert!(description.contains("a year"), "{description}");
    let labels: Vec<&str> = (card["components"][0]["components"].as_array())
        .expect("an estimate has buttons")
        .iter()
        .map(|b| b["label"].as_str().unwrap())
        .collect();
    assert_eq!(
        &labels[..2],
        ["How it's worked out", "Sources"],
        "{labels:?}"
    );
    let forget = pending.iter().find(|p| p.0 == "/forget").unwrap();
    let forget = fake.wait_callback(forget.1, DEADLINE).await;
    assert_eq!(
        forget.body["data"]["flags"],
        json!(64),
        "/forget is private"
    );

    // Autocomplete: "bos" offers Boston first.
    user += 1;
    let id = fake.interact(fake.autocomplete("salary", "location", "bos", &[], user, Place::Guild));
    let choices = fake.wait_callback(id, DEADLINE).await;
    assert_eq!(choices.status, 204);
    assert_valid(
        "ApplicationCommandAutocompleteCallbackRequest",
        &choices.body,
    );
    assert_eq!(choices.body["type"], json!(8));
    let expected_choices = input::location_choices(engine.knowledge(), "bos");
    let first = &choices.body["data"]["choices"][0];
    assert!(
        first["name"].as_str().unwrap().contains("Boston"),
        "{choices:?}"
    );
    assert_eq!(first["value"], json!(expected_choices[0].value));
    assert_eq!(
        choices.body["data"]["choices"].as_array().unwrap().len(),
        expected_choices.len().min(input::MAX_CHOICES)
    );

    // /reload: by an allowed user it acknowledges privately first (type 5),
    // then reports in a private follow-up; anyone else gets a private no.
    let id = fake.interact(fake.slash("reload", &[], RELOADER, Place::Guild));
    let deferred = fake.wait_callback(id, DEADLINE).await;
    assert_eq!(deferred.status, 204);
    assert_valid("CreateMessageInteractionCallbackRequest", &deferred.body);
    assert_eq!(deferred.body["type"], json!(5), "deferred");
    assert_eq!(deferred.body["data"]["flags"], json!(64), "privately");
    let report = fake.wait_followups(id, 1, DEADLINE).await.remove(0);
    assert_eq!(report.status, 200, "{}", fake.summary());
    assert_valid("IncomingWebhookInteractionRequest", &report.body);
    assert_message_limits(&report.body);
    assert_eq!(report.body["flags"], json!(64));
    let text = report.body["embeds"][0]["description"].as_str().unwrap();
    let topics = engine.knowledge().entries.len();
    assert!(
        text.starts_with(&format!("Reloaded the knowledge base: {topics} topics")),
        "{text}"
    );
    user += 1;
    let id = fake.interact(fake.slash("reload", &[], user, Place::Guild));
    let refused = fake.wait_callback(id, DEADLINE).await;
    assert_eq!(refused.body["type"], json!(4));
    assert_eq!(refused.body["data"]["flags"], json!(64));
    assert_message_limits(&refused.body["data"]);
    let text = refused.body["data"]["embeds"][0]["description"]
        .as_str()
        .unwrap();
    assert!(text.starts_with("Only the users and roles"), "{text}");
    assert!(fake.followups(id).is_empty());

    // An @mention in a server channel: answered in the channel, replying to
    // the question, pinging nobody.
    user += 1;
    let content = format!("<@{bot_id}> how much do coordinators make in Boston?");
    let mention = fake.message_create(&content, Author::person(user), Place::Guild, &[bot_id]);
    let question_id = mention["id"].as_str().unwrap().to_string();
    let want = expected(
        &twin,
        user,
        Request::Ask {
            text: input::question_from_message(&content, bot_id),
        },
    );
    let sent_at = Instant::now();
    fake.dispatch("MESSAGE_CREATE", mention);
    let replies = fake
        .wait_channel_messages(GUILD_CHANNEL_ID, want.messages.len(), DEADLINE)
        .await;
    let mention_took = replies[0].at - sent_at;
    check_channel_replies("@mention", &replies, &want);
    assert_eq!(
        replies[0].body["message_reference"]["message_id"],
        json!(question_id)
    );
    assert_eq!(
        replies[0].body["message_reference"]["fail_if_not_exists"],
        json!(false)
    );
    // A question is not a prefix command: the mention is no reason to warn.
    // (poise parses prefixes before the event handler runs, in the same
    // task, so any warning is logged before the answer is sent.)
    let warnings: Vec<String> = logs()
        .lines()
        .filter(|l| l.contains("WARN") && l.contains("how much do coordinators make in Boston"))
        .map(str::to_string)
        .collect();
    assert!(
        warnings.is_empty(),
        "an @mention logged warnings: {warnings:#?}"
    );

    // A DM: answered in the DM channel.
    user += 1;
    let content = "what does a pt care coordinator earn in Denver?";
    let dm = fake.message_create(content, Author::person(user), Place::Dm, &[]);
    let want = expected(
        &twin,
        user,
        Request::Ask {
            text: input::question_from_message(content, bot_id),
        },
    );
    fake.dispatch("MESSAGE_CREATE", dm);
    let replies = fake
        .wait_channel_messages(dm_channel_id(user), want.messages.len(), DEADLINE)
        .await;
    check_channel_replies("DM", &replies, &want);

    let uploads: usize = fake.requests().iter().map(|r| r.files.len()).sum();
    eprintln!(
        "[e2e] {} interactions answered, slowest in {slowest:?}; @mention answered in {mention_took:?}; {uploads} file(s) uploaded (charts), each matched to its embed",
        pending.len()
    );
    bot.stop().await;
}

fn check_channel_replies(label: &str, replies: &[Recorded], want: &Expected) {
    assert_eq!(
        replies.len(),
        want.messages.len(),
        "{label}: one message per card"
    );
    for (i, (sent, expected)) in replies.iter().zip(&want.messages).enumerate() {
        assert_eq!(sent.status, 200);
        assert_valid_channel_message(&sent.body);
        assert_same_message(label, sent, expected, false);
        assert_eq!(
            sent.body["message_reference"].is_object(),
            i == 0,
            "{label}"
        );
    }
    assert_eq!(
        replies[0].body["embeds"][0]["title"].as_str(),
        Some(want.title.as_str())
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn other_bots_unmentioned_messages_and_its_own_messages_get_no_reply() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;
    let bot_id = fake.bot_user_id();
    let content = format!("<@{bot_id}> what does a pt care coordinator do?");

    // Another bot mentioning us, and a person not mentioning us.
    let from_bot = fake.message_create(&content, Author::bot(42), Place::Guild, &[bot_id]);
    let unmentioned = fake.message_create(
        "what does a pt care coordinator do?",
        Author::person(FIRST_USER),
        Place::Guild,
        &[],
    );
    fake.dispatch("MESSAGE_CREATE", from_bot);
    fake.dispatch("MESSAGE_CREATE", unmentioned);
    // Then one that is answered. Events are handled in order of arrival,
    // each in its own task; the two above need no I/O to be dropped, so once
    // this one's answer (engine + a REST round trip) is in, theirs would be
    // too.
    let answered = fake.message_create(
        &content,
        Author::person(FIRST_USER + 1),
        Place::Guild,
        &[bot_id],
    );
    let answered_id = answered["id"].clone();
    fake.dispatch("MESSAGE_CREATE", answered);
    let reply = fake
        .wait_request("the answer to the mention", DEADLINE, |r| {
            r.route() == format!("/channels/{GUILD_CHANNEL_ID}/messages")
        })
        .await;
    assert_eq!(reply.body["message_reference"]["message_id"], answered_id);
    // The fake echoes the bot's own message back as MESSAGE_CREATE, as
    // Discord does. Wait until that echo has been sent, then for the bot to
    // answer one more question: the echo was handled by then.
    fake.wait_frame("the echo of the bot's message", DEADLINE, |f| {
        f.direction == Direction::ToBot
            && f.json().is_some_and(|v| {
                v["t"] == "MESSAGE_CREATE" && v["d"]["author"]["id"] == json!(bot_id.to_string())
            })
    })
    .await;
    let id = fake.interact(fake.slash("help", &[], FIRST_USER + 2, Place::Guild));
    assert_eq!(fake.wait_callback(id, DEADLINE).await.status, 204);

    let sent = fake.channel_messages(GUILD_CHANNEL_ID);
    assert_eq!(
        sent.len(),
        1,
        "only the mention from a person is answered, once: {sent:#?}"
    );
    assert!(
        schema_errors("MessageCreateRequest", &sent[0].body).is_empty(),
        "{:#}",
        sent[0].body
    );
    bot.stop().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browsing_topics_is_never_rate_limited_but_questions_are() {
    let fake = FakeDiscord::start().await;
    let (bot, _) =
        RunningBot::start_ready(&fake, "rate_limit_questions = 2\nrate_limit_seconds = 600").await;
    let user = 990_001;
    let engine = Engine::load(knowledge_dir()).unwrap();
    let title = |id: &str| engine.topic(id).unwrap().title;
    // Far more one-topic commands than the limit allows questions: each is
    // answered with its topic, publicly.
    for (command, topic) in [
        ("duties", "duties.overview"),
        ("help", "meta.help"),
        ("day", "day.overview"),
        ("duties", "duties.overview"),
        ("certs", "certs.overview"),
        ("outlook", "outlook.overview"),
    ] {
        let id = fake.interact(fake.slash(command, &[], user, Place::Guild));
        let callback = fake.wait_callback(id, Duration::from_secs(10)).await;
        assert_eq!(callback.status, 204);
        assert_eq!(
            callback.body["data"]["embeds"][0]["title"].as_str(),
            Some(title(topic).as_str()),
            "/{command}"
        );
        assert_ne!(
            callback.body["data"]["flags"],
            json!(64),
            "/{command} is public"
        );
    }
    // Questions count: the third inside the window is refused, privately.
    let mut flags = Vec::new();
    for _ in 0..3 {
        let ask = fake.slash("ask", &[("question", json!("pay"))], user, Place::Guild);
        let id = fake.interact(ask);
        let callback = fake.wait_callback(id, Duration::from_secs(10)).await;
        flags.push(callback.body["data"]["flags"].clone());
    }
    assert_eq!(
        flags[2],
        json!(64),
        "the third question is refused privately"
    );
    assert_ne!(flags[0], json!(64));
    bot.stop().await;
}

/// `/offers` opens a form; its submission gets the offers card: the verdict,
/// one inline field per offer, the working-out button and the chart. What
/// was typed is never echoed back.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_offers_form_opens_and_its_submission_gets_a_card_with_a_chart() {
    let fake = FakeDiscord::start().await;
    let (bot, _) = RunningBot::start_ready(&fake, "").await;
    let user = FIRST_USER + 77;

    let opened = fake.interact(fake.slash("offers", &[], user, Place::Guild));
    let modal = fake.wait_callback(opened, DEADLINE).await;
    assert_valid("ModalInteractionCallbackRequest", &modal.body);
    assert_eq!(modal.body["type"], 9, "a modal");
    let fields: Vec<&Value> = (modal.body["data"]["components"].as_array().unwrap().iter())
        .flat_map(|row| row["components"].as_array().unwrap())
        .collect();
    assert_eq!(fields.len(), 3, "offers A, B and C");
    assert_eq!(fields[0]["required"], true);
    assert_eq!(fields[2]["required"], false);

    let custom_id = modal.body["data"]["custom_id"].as_str().unwrap();
    let submitted = fake.interact(fake.modal_submit(
        custom_id,
        &[
            ("offer-0", "44.5k, 100% match up to 4%, Denver"),
            ("offer-1", "@everyone 46k, no match, Boston"),
            ("offer-2", ""),
        ],
        user,
        Place::Guild,
    ));
    let card = fake.wait_callback(submitted, DEADLINE).await;
    assert_valid("CreateMessageInteractionCallbackRequest", &card.body);
    assert_eq!(card.body["type"], 4);
    let message = &card.body["data"];
    assert_message_limits(message);
    assert_uploads_match("/offers", message, &card.files);
    let embed = &message["embeds"][0];
    let description = embed["description"].as_str().unwrap();
    // 44,500 + 1,780 = 46,280 against 46,000.
    assert!(
        description.starts_with("Offer A comes out about $280 a year ahead of Offer B"),
        "{description}"
    );
    let inline: Vec<&Value> = (embed["fields"].as_array().unwrap().iter())
        .filter(|f| f["inline"] == true)
        .collect();
    assert_eq!(inline.len(), 2, "one field per offer: {embed:#}");
    assert!(
        inline[0]["value"]
            .as_str()
            .unwrap()
            .contains("national prices")
    );
    assert!(embed["image"]["url"].as_str().is_some(), "the chart");
    let buttons: Vec<&str> = (message["components"].as_array().unwrap().iter())
        .flat_map(|row| row["components"].as_array().unwrap())
        .filter_map(|b| b["label"].as_str())
        .collect();
    assert!(buttons.contains(&"How it's worked out"), "{buttons:?}");
    assert!(!card.body.to_string().contains("everyone"), "no echo");
    assert_eq!(message["allowed_mentions"]["parse"], json!([]));
    bot.stop().await;
}
