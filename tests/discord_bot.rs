//! The Discord front end's plain functions, without Discord: turning
//! options and message text into engine input, and the bot's handling of
//! requests (memory across slash commands and free text, the rate limit,
//! `/forget`, reload).

mod common;

use careerbot::Engine;
use careerbot::config::DiscordConfig;
use careerbot::discord::bot::{Bot, BotSettings, Request};
use careerbot::discord::input::{self, BenefitsForm, FormError, MessageContext, SalaryForm};
use careerbot::discord::render::View;
use careerbot::domain::{Experience, Place};
use careerbot::reply::ReplyKind;
use std::path::Path;
use std::time::{Duration, Instant};

fn bot_with(config: DiscordConfig, knowledge: &Path) -> Bot {
    let settings = BotSettings::from_config(&config, knowledge.to_path_buf());
    Bot::new(Engine::load(knowledge).unwrap(), settings)
}

fn bot() -> Bot {
    bot_with(DiscordConfig::default(), &common::knowledge_dir())
}

fn ask(text: &str) -> Request {
    Request::Ask {
        text: text.to_string(),
    }
}

#[test]
fn a_mention_is_stripped_from_the_question() {
    let bot_id = 775799577604522054;
    assert_eq!(
        input::question_from_message("<@775799577604522054> what do coordinators earn?", bot_id),
        "what do coordinators earn?"
    );
    assert_eq!(
        input::question_from_message("hey <@!775799577604522054>   pay in Boston", bot_id),
        "hey pay in Boston"
    );
    // Other people's mentions stay: they are part of what was written, and
    // the reply's allowed mentions keep them from pinging anyone.
    assert_eq!(
        input::question_from_message("<@775799577604522054> ask <@42>", bot_id),
        "ask <@42>"
    );
    assert_eq!(
        input::question_from_message("<@775799577604522054>", bot_id),
        ""
    );
}

#[test]
fn the_bot_answers_mentions_dms_and_answer_channels_but_never_bots() {
    let base = MessageContext {
        author_is_bot: false,
        is_direct_message: false,
        mentions_bot: false,
        in_answer_channel: false,
    };
    assert!(!input::should_answer(base));
    assert!(input::should_answer(MessageContext {
        mentions_bot: true,
        ..base
    }));
    assert!(input::should_answer(MessageContext {
        is_direct_message: true,
        ..base
    }));
    assert!(input::should_answer(MessageContext {
        in_answer_channel: true,
        ..base
    }));
    assert!(!input::should_answer(MessageContext {
        author_is_bot: true,
        mentions_bot: true,
        is_direct_message: true,
        in_answer_channel: true,
    }));
}

#[test]
fn the_salary_form_becomes_details() {
    let engine = common::engine();
    let model = &engine.knowledge().model;
    let details = input::salary_details(
        engine,
        &SalaryForm {
            experience: Some(5),
            education: Some(1),
            location: Some("metro:14460".into()),
            employer: Some(0),
            certifications: Some("CMAA, cehrs".into()),
            pay: None,
        },
    )
    .unwrap();
    assert_eq!(details.experience, Some(Experience::Years(5.0)));
    assert_eq!(
        details.education.as_deref(),
        Some(model.education[1].id.as_str())
    );
    assert_eq!(
        details.employer.as_deref(),
        Some(model.employers[0].id.as_str())
    );
    assert!(matches!(&details.location, Some(Place::Metro { code, .. }) if code == "14460"));
    assert_eq!(details.certifications, ["cmaa", "cehrs"]);

    // Typed text works as well as a picked choice.
    let typed = input::salary_details(
        engine,
        &SalaryForm {
            location: Some("Denver, CO".into()),
            certifications: Some("none".into()),
            ..SalaryForm::default()
        },
    )
    .unwrap();
    assert!(
        matches!(&typed.location, Some(Place::Metro { name, .. }) if name.starts_with("Denver"))
    );
    assert!(typed.no_certifications);
    let state = input::location_from_option(engine, "state:TX").unwrap();
    assert!(matches!(state, Place::State { ref abbrev, .. } if abbrev == "TX"));
}

#[test]
fn bad_form_values_get_a_clear_message() {
    let engine = common::engine();
    let kb = engine.knowledge();
    let error = |form: SalaryForm| input::salary_details(engine, &form).unwrap_err();
    let place = error(SalaryForm {
        location: Some("Atlantis".into()),
        ..SalaryForm::default()
    });
    assert_eq!(
        place,
        FormError::UnknownPlace {
            typed: "Atlantis".into()
        }
    );
    assert!(
        place
            .wording(kb)
            .contains("I don't know the place \"Atlantis\""),
        "{}",
        place.wording(kb)
    );
    let certification = error(SalaryForm {
        certifications: Some("PhD in wizardry".into()),
        ..SalaryForm::default()
    });
    let wording = certification.wording(kb);
    assert!(
        wording.contains("PhD in wizardry") && wording.contains("CMAA, CEHRS, CPCT"),
        "{wording}"
    );
    assert!(
        wording.contains("\"none\""),
        "/salary also takes none: {wording}"
    );
    let stale = error(SalaryForm {
        education: Some(99),
        ..SalaryForm::default()
    });
    assert_eq!(
        stale,
        FormError::StaleChoice {
            option: "education"
        }
    );
    assert!(
        stale
            .wording(kb)
            .contains("education choice is out of date")
    );
    let years = error(SalaryForm {
        experience: Some(51),
        ..SalaryForm::default()
    });
    assert!(
        years.wording(kb).contains("0 to 50"),
        "{}",
        years.wording(kb)
    );
    assert!(matches!(
        error(SalaryForm {
            location: Some("metro:00000".into()),
            ..SalaryForm::default()
        }),
        FormError::UnknownPlace { .. }
    ));
    // What was typed is clipped, so a paste cannot flood the notice.
    let long = "x".repeat(5_000);
    let clipped = error(SalaryForm {
        location: Some(long),
        ..SalaryForm::default()
    })
    .wording(kb);
    assert!(clipped.chars().count() < 300, "{clipped}");

    let unknown_cert = input::certification_topic(engine, Some("wizardry")).unwrap_err();
    let wording = unknown_cert.wording(kb);
    assert!(
        wording.contains("wizardry") && !wording.contains("none"),
        "{wording}"
    );

    let benefits = input::package_question(&BenefitsForm {
        base: 0,
        ..BenefitsForm::default()
    })
    .unwrap_err();
    assert!(benefits.wording(kb).contains("`base`"));
    let benefits = input::package_question(&BenefitsForm {
        base: 40_000,
        match_pct: Some(150.0),
        ..BenefitsForm::default()
    })
    .unwrap_err();
    assert_eq!(
        benefits,
        FormError::PercentageOutOfRange { option: "match" }
    );
    assert!(benefits.wording(kb).contains("`match` is a percentage"));
    let bonus = input::package_question(&BenefitsForm {
        base: 40_000,
        bonus: Some(-1),
        ..BenefitsForm::default()
    })
    .unwrap_err();
    assert!(bonus.wording(kb).contains("`bonus`"));
}

#[test]
fn location_autocomplete_ranks_what_was_typed_first() {
    let kb = common::engine().knowledge();
    let boston = input::location_choices(kb, "bost");
    assert!(boston[0].name.starts_with("Boston"), "{boston:?}");
    assert!(boston[0].value.starts_with("metro:"));
    let texas = input::location_choices(kb, "tx");
    assert_eq!(texas[0].value, "state:TX", "{texas:?}");
    let empty = input::location_choices(kb, "");
    assert_eq!(empty.len(), input::MAX_CHOICES);
    assert!(input::location_choices(kb, "zzzzqqq").is_empty());
    // Every choice's value reads back as the place it names.
    for choice in input::location_choices(kb, "new") {
        input::location_from_option(common::engine(), &choice.value).unwrap();
    }
}

#[test]
fn certification_autocomplete_completes_the_last_of_a_list() {
    let kb = common::engine().knowledge();
    let choices = input::certification_list_choices(kb, "cmaa, ce");
    assert_eq!(choices.len(), 1, "{choices:?}");
    assert_eq!(choices[0].value, "CMAA, CEHRS");
    // What was already picked is not offered again.
    let rest = input::certification_list_choices(kb, "cmaa,");
    assert_eq!(rest.len(), kb.model.certifications.len() - 1, "{rest:?}");
    assert!(rest.iter().all(|c| c.value.starts_with("CMAA, ")));
    assert!(!rest.iter().any(|c| c.value.ends_with("CMAA, CMAA")));
    // The picked list reads back as those certifications.
    let form = SalaryForm {
        certifications: Some(rest[0].value.clone()),
        ..SalaryForm::default()
    };
    let details = input::salary_details(common::engine(), &form).unwrap();
    assert_eq!(details.certifications.len(), 2);
    assert!(
        input::certification_list_choices(kb, "")
            .iter()
            .any(|c| c.value == "none")
    );
    let one = input::certification_choices(kb, "cp");
    assert_eq!(one.len(), 1);
    assert_eq!(one[0].value, "cpct");
}

#[test]
fn what_about_boston_works_after_a_salary_command() {
    let bot = bot();
    let now = Instant::now();
    let first = bot.handle(
        7,
        Request::Salary(SalaryForm {
            experience: Some(5),
            certifications: Some("cmaa".into()),
            ..SalaryForm::default()
        }),
        now,
    );
    assert_eq!(first.reply.kind, ReplyKind::Estimate);
    let follow_up = bot.handle(7, ask("what about Boston?"), now + Duration::from_secs(1));
    assert_eq!(follow_up.reply.kind, ReplyKind::Estimate);
    let used = &follow_up.reply.details_used;
    assert_eq!(used.experience, Some(Experience::Years(5.0)));
    assert_eq!(used.certifications, ["cmaa"]);
    assert!(
        matches!(&used.location, Some(Place::Metro { name, .. }) if name.starts_with("Boston"))
    );
    // Someone else starts from nothing.
    let other = bot.handle(8, ask("what about Boston?"), now + Duration::from_secs(1));
    assert_eq!(other.reply.details_used.experience, None);
}

#[test]
fn memory_expires_after_the_configured_minutes() {
    let config = DiscordConfig {
        memory_minutes: 30,
        ..DiscordConfig::default()
    };
    let bot = bot_with(config, &common::knowledge_dir());
    let now = Instant::now();
    bot.handle(7, ask("5 years, CMAA, Denver"), now);
    let soon = bot.handle(
        7,
        ask("what about Boston?"),
        now + Duration::from_secs(29 * 60),
    );
    assert_eq!(
        soon.reply.details_used.experience,
        Some(Experience::Years(5.0))
    );
    // 30 minutes after that last message, it is gone.
    let later = bot.handle(
        7,
        ask("what about Boston?"),
        now + Duration::from_secs(29 * 60 + 31 * 60),
    );
    assert_eq!(later.reply.details_used.experience, None);

    // The periodic sweep drops idle details even when nobody comes back.
    let bot = bot_with(DiscordConfig::default(), &common::knowledge_dir());
    bot.handle(7, ask("5 years, CMAA, Denver"), now);
    assert_eq!(bot.forget_idle(now + Duration::from_secs(29 * 60)), 0);
    assert_eq!(bot.forget_idle(now + Duration::from_secs(31 * 60)), 1);
}

#[test]
fn forget_drops_the_details_privately() {
    let bot = bot();
    let now = Instant::now();
    bot.handle(7, ask("5 years, CMAA, Denver"), now);
    let forgot = bot.handle(7, Request::Forget, now);
    assert!(forgot.private);
    assert_eq!(forgot.reply.kind, ReplyKind::Notice);
    let after = bot.handle(7, ask("what about Boston?"), now);
    assert_eq!(after.reply.details_used.experience, None);
}

#[test]
fn the_rate_limit_answers_politely_and_privately() {
    let bot = bot();
    let now = Instant::now();
    for i in 0..5 {
        let answer = bot.handle(7, ask("pay"), now + Duration::from_millis(i));
        assert_ne!(answer.reply.kind, ReplyKind::Notice);
    }
    let limited = bot.handle(7, ask("pay"), now + Duration::from_secs(1));
    assert!(limited.private);
    assert_eq!(limited.reply.kind, ReplyKind::Notice);
    assert!(
        limited.reply.body.contains("try again in 9 s"),
        "{}",
        limited.reply.body
    );
    // Other people are not held up, and the limit lifts after the window.
    assert_ne!(bot.handle(8, ask("pay"), now).reply.kind, ReplyKind::Notice);
    let later = bot.handle(7, ask("pay"), now + Duration::from_secs(11));
    assert_ne!(later.reply.kind, ReplyKind::Notice);
    // Turned off in the config, nobody is limited.
    let unlimited = bot_with(
        DiscordConfig {
            rate_limit_questions: 0,
            ..DiscordConfig::default()
        },
        &common::knowledge_dir(),
    );
    for _ in 0..50 {
        assert_ne!(
            unlimited.handle(7, ask("pay"), now).reply.kind,
            ReplyKind::Notice
        );
    }
}

#[test]
fn browsing_topics_and_details_never_counts_toward_the_rate_limit() {
    let bot = bot();
    let now = Instant::now();
    let card = bot.handle(7, ask("5 years, CMAA, Boston, hospital"), now);
    let key = careerbot::discord::render::reply_key(&card.reply);
    for i in 0..30 {
        let at = now + Duration::from_millis(i);
        for request in [
            Request::Shortcut {
                name: "duties".into(),
            },
            Request::Certs { name: None },
            Request::Topic {
                id: "pay.national".into(),
            },
            Request::Details {
                view: View::Sources,
                key,
            },
            Request::Forget,
        ] {
            let answer = bot.handle(7, request.clone(), at);
            assert!(
                !answer.reply.body.contains("try again"),
                "{request:?} was limited"
            );
        }
    }
    // Questions still count: the sixth in the window is refused.
    for i in 0..4 {
        bot.handle(7, ask("pay"), now + Duration::from_millis(100 + i));
    }
    let limited = bot.handle(7, ask("pay"), now + Duration::from_millis(200));
    assert!(
        limited.reply.body.contains("try again"),
        "{}",
        limited.reply.body
    );
}

#[test]
fn an_estimates_buttons_open_its_working_out_and_sources_privately() {
    let bot = bot();
    let now = Instant::now();
    let card = bot.handle(7, ask("5 years, CMAA, Boston, hospital"), now);
    assert!(card.reply.estimate().is_some() && !card.private);
    let key = careerbot::discord::render::reply_key(&card.reply);
    for view in [View::WorkingOut, View::Sources] {
        // Anyone who sees the card may press its buttons.
        let opened = bot.handle(8, Request::Details { view, key }, now);
        assert!(opened.private);
        assert_eq!(opened.view, view);
        assert_eq!(opened.reply, card.reply);
    }
    // A key the bot does not hold (an old card, after a restart) gets a
    // clear private notice.
    let gone = bot.handle(
        7,
        Request::Details {
            view: View::WorkingOut,
            key: key ^ 1,
        },
        now,
    );
    assert!(gone.private);
    assert_eq!(gone.reply.kind, ReplyKind::Notice);
    assert_eq!(gone.reply.body, common::words().card.expired);
}

#[test]
fn too_long_and_empty_questions_get_a_private_notice() {
    let bot = bot();
    let long = bot.handle(1, ask(&"a".repeat(1001)), Instant::now());
    assert!(long.private);
    assert!(long.reply.body.contains("1000"), "{}", long.reply.body);
    let empty = bot.handle(2, ask(""), Instant::now());
    assert!(empty.private);
}

#[test]
fn salary_with_no_options_gives_the_national_picture_and_offers_to_refine() {
    let answer = bot().handle(1, Request::Salary(SalaryForm::default()), Instant::now());
    assert_eq!(answer.reply.kind, ReplyKind::Estimate);
    assert!(!answer.private);
    let refine = &common::engine().knowledge().replies.salary_refine;
    assert!(common::text_of(&answer.reply).contains(refine.as_str()));
}

#[test]
fn certs_and_shortcuts_open_their_topics() {
    let bot = bot();
    let now = Instant::now();
    let topic = |request| bot.handle(1, request, now).reply.topic;
    assert_eq!(
        topic(Request::Certs { name: None }).as_deref(),
        Some("certs.overview")
    );
    assert_eq!(
        topic(Request::Certs {
            name: Some("CEHRS".into())
        })
        .as_deref(),
        Some("certs.cehrs")
    );
    let shortcuts = &common::engine().knowledge().replies.shortcuts;
    for shortcut in shortcuts {
        let shortcut = shortcut.get_ref();
        let bot = self::bot();
        let reply = bot
            .handle(
                2,
                Request::Shortcut {
                    name: shortcut.name.clone(),
                },
                now,
            )
            .reply;
        assert_eq!(reply.topic.as_deref(), Some(shortcut.topic.as_str()));
    }
}

#[test]
fn a_broken_reload_keeps_the_running_knowledge() {
    let dir = common::scratch_dir("reload");
    common::copy_dir(&common::knowledge_dir(), &dir);
    let bot = bot_with(DiscordConfig::default(), &dir);
    let before = bot.engine();
    // A good reload swaps the engine in.
    let done = bot.reload().unwrap();
    assert_eq!(done.entries, before.knowledge().entries.len());
    assert!(!std::sync::Arc::ptr_eq(&before, &bot.engine()));
    // A broken file: the error names it, and the bot keeps answering.
    let path = dir.join("pay.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, text.replacen("id = ", "id = = ", 1)).unwrap();
    let running = bot.engine();
    let error = bot.reload().unwrap_err().to_string();
    assert!(error.contains("pay.toml:"), "{error}");
    assert!(std::sync::Arc::ptr_eq(&running, &bot.engine()));
    let answer = bot.handle(1, ask("pay"), Instant::now());
    assert_eq!(answer.reply.kind, ReplyKind::Answer);
    let report = careerbot::discord::client::reload_report(&Err(bot.reload().unwrap_err()));
    assert!(report.contains("kept the ones already loaded"), "{report}");
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn reload_is_for_the_configured_users_and_roles() {
    let config: DiscordConfig =
        toml::from_str("reload_users = [\"111\"]\nreload_roles = [222]\n").unwrap();
    let bot = bot_with(config, &common::knowledge_dir());
    assert!(bot.may_reload(111, &[]));
    assert!(bot.may_reload(5, &[9, 222]));
    assert!(!bot.may_reload(5, &[9]));
    assert!(!bot.may_reload(222, &[]));
}

/// Captures what the bot logs while `f` runs.
fn logged(f: impl FnOnce()) -> String {
    use std::sync::{Arc, Mutex};
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);
    impl std::io::Write for Buffer {
        fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(bytes);
            Ok(bytes.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let buffer = Buffer::default();
    let writer = buffer.clone();
    let subscriber = tracing_subscriber::fmt()
        .with_writer(move || writer.clone())
        .with_ansi(false)
        .finish();
    tracing::subscriber::with_default(subscriber, f);
    let bytes = buffer.0.lock().unwrap().clone();
    String::from_utf8(bytes).unwrap()
}

#[test]
fn each_answer_logs_one_line_without_the_question() {
    let bot = bot();
    let log = logged(|| {
        bot.handle(
            1,
            ask("what does a coordinator do all day?"),
            Instant::now(),
        );
    });
    let lines: Vec<&str> = log.lines().collect();
    assert_eq!(lines.len(), 1, "{log}");
    for part in [
        "answered",
        "via=\"ask\"",
        "topic=",
        "confidence=",
        "latency_us=",
    ] {
        assert!(lines[0].contains(part), "{part} missing: {log}");
    }
    assert!(!log.contains("all day"), "the question was logged: {log}");

    let chatty = bot_with(
        DiscordConfig {
            log_message_text: true,
            ..DiscordConfig::default()
        },
        &common::knowledge_dir(),
    );
    let log = logged(|| {
        chatty.handle(
            1,
            ask("what does a coordinator do all day?"),
            Instant::now(),
        );
    });
    assert!(log.contains("all day"), "{log}");
}

#[test]
fn salary_pay_is_placed_on_the_estimate_and_a_bad_one_is_refused() {
    let bot = bot();
    let now = Instant::now();
    let form = SalaryForm {
        experience: Some(2),
        location: Some("state:TX".into()),
        ..SalaryForm::default()
    };
    let without = bot.handle(1, Request::Salary(form.clone()), now);
    let estimate = without.reply.estimate().cloned().expect("an estimate");
    let pay = estimate.low - 4_000;
    let with = bot.handle(
        2,
        Request::Salary(SalaryForm {
            pay: Some(pay),
            ..form.clone()
        }),
        now,
    );
    assert!(!with.private);
    assert_eq!(with.reply.estimate(), Some(&estimate), "same estimate");
    let kb = bot.engine().knowledge().clone();
    let want = careerbot::knowledge::fill(
        &kb.replies.your_pay.below,
        &[
            ("yours", &careerbot::domain::dollars(pay)),
            ("gap", "$4,000"),
        ],
    );
    let text = common::text_of(&with.reply);
    assert!(text.contains(&want), "{text}");
    assert!(!common::text_of(&without.reply).contains("$4,000"));

    // Discord enforces the range; a value past it anyway gets a private,
    // clear notice and no estimate.
    let refused = bot.handle(
        3,
        Request::Salary(SalaryForm {
            pay: Some(5),
            ..form
        }),
        now,
    );
    assert!(refused.private);
    assert!(refused.reply.estimate().is_none());
    assert!(
        refused.reply.body.contains("`pay` is your yearly pay"),
        "{}",
        refused.reply.body
    );
}
