//! Every payload the Discord front end sends, checked against Discord's own
//! published rules: the JSON Schemas in `tests/fixtures/discord/` (from the
//! official OpenAPI spec) and the limits the docs state but the spec lacks
//! (`docs_limits.json`).
//!
//! The payloads are the real ones: serenity's builders, as produced by the
//! front end's plain functions, serialized exactly as serenity sends them.

mod common;
mod discord_schema;

use careerbot::Engine;
use careerbot::discord::bot::{Bot, BotSettings, Request};
use careerbot::discord::input::{self, BenefitsForm, SalaryForm};
use careerbot::discord::render::{self, Card};
use careerbot::discord::{commands, limits};
use careerbot::reply::{Reply, ReplyKind};
use discord_schema::{
    LIMITS, assert_message_limits, assert_valid, assert_valid_channel_message, chars, limit,
    read_json, schema_errors, shared,
};
use poise::serenity_prelude as serenity;
use serde_json::{Value, json};
use std::time::Instant;

/// Check every way a reply can be sent: as an interaction response, as
/// follow-ups, as channel messages. Returns the number of messages.
fn check_reply(reply: &Reply) -> usize {
    // What the card's buttons open must be as valid as the card.
    for view in [
        render::View::WorkingOut,
        render::View::Sources,
        render::View::More,
    ] {
        check_cards(&render::layout_view(reply, common::words(), view));
    }
    check_cards(&render::layout(reply, common::words()))
}

fn check_cards(cards: &[Card]) -> usize {
    assert!(!cards.is_empty());
    for (i, card) in cards.iter().enumerate() {
        for ephemeral in [false, true] {
            let response = serenity::CreateInteractionResponse::Message(
                render::to_interaction_message(card, ephemeral),
            );
            let payload = serde_json::to_value(&response).unwrap();
            assert_valid("CreateMessageInteractionCallbackRequest", &payload);
            assert_message_limits(&payload["data"]);
            if ephemeral {
                assert_eq!(payload["data"]["flags"], json!(64));
            }
            let followup = serde_json::to_value(render::to_followup(card, ephemeral)).unwrap();
            assert_valid("IncomingWebhookInteractionRequest", &followup);
            assert_message_limits(&followup);
        }
        let reply_to = (i == 0).then_some((
            serenity::ChannelId::new(645027906669510667),
            serenity::MessageId::new(786008729715212338),
        ));
        let message = serde_json::to_value(render::to_channel_message(card, reply_to)).unwrap();
        assert_valid_channel_message(&message);
        assert_message_limits(&message);
    }
    cards.len()
}

fn engine() -> &'static Engine {
    common::engine()
}

#[test]
fn every_reply_kind_is_a_valid_message() {
    let engine = engine();
    let mut kinds = std::collections::HashSet::new();
    let questions = [
        "what does a pt care coordinator do",
        "5 years in, CMAA certified, Boston, hospital",
        "does Boston pay more than Denver?",
        "asdf qwerty zxcv",
        "what's the weather tomorrow?",
        "how much do dental hygienists make",
        "",
        &"why ".repeat(400),
        "$50,000 salary, 6% into the 401k, 50% match up to 6%, $2,000 bonus",
        "@everyone <@123456789012345678> <@&987654321098765432> **bold** `code` ||spoiler||",
    ];
    for question in questions {
        let reply = engine.answer(question);
        kinds.insert(format!("{:?}", reply.kind));
        check_reply(&reply);
    }
    for expected in [
        "Answer",
        "Estimate",
        "Comparison",
        "Fallback",
        "OutOfScope",
        "OtherRole",
        "Notice",
        "Calculation",
    ] {
        assert!(
            kinds.contains(expected),
            "no {expected} reply among {kinds:?}"
        );
    }
}

#[test]
fn the_longest_answer_in_the_knowledge_base_fits() {
    let engine = engine();
    let longest = engine
        .knowledge()
        .entries
        .iter()
        .max_by_key(|e| e.answer.chars().count() + e.title.chars().count())
        .unwrap();
    let reply = engine.topic(&longest.id).unwrap();
    check_reply(&reply);
    // Every topic, for good measure.
    for entry in &engine.knowledge().entries {
        check_reply(&engine.topic(&entry.id).unwrap());
    }
}

#[test]
fn an_answer_longer_than_one_message_is_split_into_valid_messages() {
    let paragraph = "A coordinator keeps the schedule full and the paperwork right. ".repeat(40);
    let body = vec![paragraph; 8].join("\n\n");
    let mut reply = Reply::simple(ReplyKind::Answer, "A very long answer", body.clone());
    reply.sources = vec![
        careerbot::domain::Citation {
            full: "Career guide, 2024".into(),
            short: "Career guide 2024".into(),
        };
        3
    ];
    reply.suggestions = engine().topic("duties.overview").unwrap().suggestions;
    // The card shows the start, within the card limit, and a "More"
    // button first among its buttons.
    assert_eq!(check_reply(&reply), 1);
    let cards = render::layout(&reply, common::words());
    assert!(cards[0].embeds[0].counted_chars() <= render::CARD_VISIBLE);
    let (view, key) = render::detail_button(&cards[0].buttons[0].custom_id).unwrap();
    assert_eq!((view, key), (render::View::More, render::reply_key(&reply)));
    assert!(cards[0].buttons.len() > 1, "related topics follow");
    // "More" opens the rest, over as many valid messages as it takes, and
    // between them the card and the rest hold every word of the answer.
    let rest = render::layout_view(&reply, common::words(), render::View::More);
    assert!(
        check_cards(&rest) >= 3,
        "{} characters in {} messages",
        body.len(),
        rest.len()
    );
    let shown: String = (cards.iter().chain(&rest).flat_map(|c| &c.embeds))
        .map(|e| e.description.clone())
        .collect();
    let count = |text: &str| text.matches("paperwork right").count();
    assert_eq!(count(&shown), count(&body));
}

#[test]
fn an_estimate_card_shows_its_range_each_factor_and_buttons_for_the_rest() {
    let reply = engine().answer("5 years in, CMAA certified, Boston, hospital");
    let estimate = reply.estimate().cloned().unwrap();
    let cards = render::layout(&reply, common::words());
    assert_eq!(cards.len(), 1);
    let embed = &cards[0].embeds[0];
    for figure in [estimate.low, estimate.mid, estimate.high] {
        let figure = careerbot::domain::dollars(figure);
        assert!(embed.description.contains(&figure), "{figure} missing");
    }
    assert!(
        embed.description.contains("Boston"),
        "{}",
        embed.description
    );
    assert!(!embed.description.contains("Cambridge-Newton"));
    // The chart goes in the first embed, right under the figures; one line
    // per factor follows in the second, with the footer.
    assert!(embed.fields.is_empty() && embed.footer.is_none());
    let embed = &cards[0].embeds[1];
    let factors = &embed.fields[0].value;
    assert_eq!(factors.lines().count(), estimate.factors.len());
    for factor in &estimate.factors {
        let effect = careerbot::domain::signed_dollars(factor.effect);
        assert!(factors.contains(&effect), "{effect} missing in {factors}");
    }
    let footer = embed.footer.as_deref().unwrap();
    assert!(!footer.contains('\n') && footer.contains("BLS OEWS May 2024"));
    assert_eq!(embed.colour, render::colour(ReplyKind::Estimate));
    // The working-out and the sources are behind the first two buttons.
    let key = render::reply_key(&reply);
    let views: Vec<_> = (cards[0].buttons.iter())
        .filter_map(|b| render::detail_button(&b.custom_id))
        .collect();
    assert_eq!(
        views,
        [
            (render::View::WorkingOut, key),
            (render::View::Sources, key)
        ]
    );
    let working = render::layout_view(&reply, common::words(), render::View::WorkingOut);
    let working: String = (working.iter().flat_map(|c| &c.embeds))
        .map(|e| e.description.clone())
        .collect();
    assert!(working.contains("Boston-Cambridge-Newton") && working.contains("not an offer"));
    let sources = render::layout_view(&reply, common::words(), render::View::Sources);
    assert!(sources[0].embeds[0].description.contains("SOC 43-6013"));
}

#[test]
fn a_fallback_offers_the_closest_topics_as_buttons() {
    // Nothing close: no buttons at all, rather than unrelated ones.
    let reply = engine().answer("asdf qwerty zxcv");
    assert_eq!(reply.kind, ReplyKind::Fallback);
    assert!(
        render::layout(&reply, common::words())[0]
            .buttons
            .is_empty()
    );
    check_reply(&reply);
    // About the job, but too vague to answer: the closest topics.
    let reply = engine().answer(
        "I'm relocating next year and haven't picked the city yet. Is there a way I can look up what a PT care coordinator makes in a specific place before I start applying?",
    );
    assert_eq!(
        reply.kind,
        ReplyKind::Fallback,
        "{}",
        common::text_of(&reply)
    );
    let cards = render::layout(&reply, common::words());
    let buttons = &cards.last().unwrap().buttons;
    assert!(!buttons.is_empty() && buttons.len() <= render::MAX_RELATED_BUTTONS);
    for button in buttons {
        let topic = render::topic_of_button(&button.custom_id).unwrap();
        assert!(engine().topic(topic).is_some(), "button opens {topic}");
    }
    check_reply(&reply);
}

fn bot() -> Bot {
    let settings = BotSettings::from_config(
        &careerbot::config::DiscordConfig::default(),
        common::knowledge_dir(),
    );
    Bot::new(Engine::load(common::knowledge_dir()).unwrap(), settings)
}

#[test]
fn every_request_gives_a_valid_message() {
    let bot = bot();
    let now = Instant::now();
    let requests = [
        Request::Salary(SalaryForm::default()),
        Request::Salary(SalaryForm {
            experience: Some(12),
            education: Some(2),
            location: Some("metro:14460".into()),
            employer: Some(0),
            certifications: Some("cmaa, cehrs".into()),
            pay: Some(61_000),
        }),
        Request::Salary(SalaryForm {
            location: Some("Atlantis".into()),
            ..SalaryForm::default()
        }),
        Request::Certs { name: None },
        Request::Certs {
            name: Some("cpct".into()),
        },
        Request::Certs {
            name: Some("nonsense".into()),
        },
        Request::Shortcut {
            name: "duties".into(),
        },
        Request::Shortcut {
            name: "help".into(),
        },
        Request::Topic {
            id: "pay.national".into(),
        },
        Request::Topic {
            id: "gone.missing".into(),
        },
        Request::Benefits(BenefitsForm {
            base: 50_000,
            contribution_pct: Some(6.0),
            match_pct: Some(50.0),
            cap_pct: Some(6.0),
            bonus: Some(2_000),
        }),
        Request::Benefits(BenefitsForm {
            base: -5,
            ..BenefitsForm::default()
        }),
        Request::Forget,
    ];
    // Different users, so the rate limit stays out of the way.
    for (user, request) in requests.into_iter().enumerate() {
        let answer = bot.handle(user as u64 + 1, request, now);
        check_reply(&answer.reply);
    }
    // And the rate-limit notice itself.
    let limited = (0..10)
        .map(|_| bot.handle(999, Request::Ask { text: "pay".into() }, now))
        .last()
        .unwrap();
    assert!(limited.private);
    check_reply(&limited.reply);
}

#[test]
fn autocomplete_responses_are_valid() {
    let kb = engine().knowledge();
    let cases = [
        input::location_choices(kb, ""),
        input::location_choices(kb, "bos"),
        input::location_choices(kb, "new"),
        input::location_choices(kb, "rural"),
        input::location_choices(kb, "🙂🙂"),
        input::certification_list_choices(kb, ""),
        input::certification_list_choices(kb, "cmaa, c"),
        input::certification_choices(kb, "ce"),
    ];
    let max = limit(&["autocomplete_result_choices_max"]);
    for choices in cases {
        assert!(choices.len() <= max);
        let response =
            serenity::CreateInteractionResponse::Autocomplete(render::to_autocomplete(&choices));
        let payload = serde_json::to_value(&response).unwrap();
        assert_valid("ApplicationCommandAutocompleteCallbackRequest", &payload);
        for choice in payload["data"]["choices"].as_array().unwrap() {
            assert!(chars(&choice["name"]) <= limit(&["choice_name", "max"]));
            assert!(chars(&choice["value"]) <= limit(&["choice_value_string_max"]));
        }
    }
}

#[test]
fn the_vendored_discord_data_matches_its_source_when_present() {
    let files = [
        "openapi.json",
        "bot_request_schemas.json",
        "docs_limits.json",
        "LICENSE-discord-api-spec.txt",
        "examples/interaction_create_autocomplete.json",
        "examples/LICENSE-discord-api-docs-CC-BY-SA-4.0.txt",
        "examples/LICENSE-CODE-discord-api-docs-MIT.txt",
    ];
    for file in files {
        let ours = std::fs::read(shared(file)).unwrap_or_else(|e| panic!("{file}: {e}"));
        if let Some(source) = discord_schema::upstream(file) {
            assert!(
                ours == std::fs::read(source).unwrap(),
                "{file} differs from its source"
            );
        }
    }
}

#[test]
fn command_registration_follows_discords_rules() {
    let commands = commands::all(engine().knowledge());
    let builders = commands::application_commands(&commands);
    let payload = serde_json::to_value(&builders).unwrap();
    assert_valid("op_bulk_set_application_commands", &payload);
    // Only administrators see /reload and /review; every other command is
    // for everyone.
    for command in payload.as_array().unwrap() {
        let permissions = &command["default_member_permissions"];
        if command["name"] == "reload" || command["name"] == "review" {
            assert_eq!(permissions, &json!("0"));
        } else {
            assert!(permissions.is_null(), "{command}");
        }
    }

    let name_rule = regex::Regex::new(LIMITS["command_name_regex"]["value"].as_str().unwrap())
        .expect("the docs' name pattern compiles");
    let description = |v: &Value| {
        let n = chars(v);
        assert!(
            (limit(&["command_description", "min"])..=limit(&["command_description", "max"]))
                .contains(&n),
            "description {v}"
        );
    };
    let commands = payload.as_array().unwrap();
    let names: Vec<&str> = commands
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    for expected in discord_schema::COMMANDS {
        assert!(
            names.contains(&expected),
            "/{expected} missing from {names:?}"
        );
    }
    for command in commands {
        let name = command["name"].as_str().unwrap();
        assert!(
            name_rule.is_match(name) && name == name.to_lowercase(),
            "{name}"
        );
        description(&command["description"]);
        let options = command["options"].as_array().cloned().unwrap_or_default();
        assert!(options.len() <= limit(&["command_options_max"]));
        // The 8000 total counts names, descriptions and choice values.
        let mut total = chars(&command["name"]) + chars(&command["description"]);
        for option in &options {
            let option_name = option["name"].as_str().unwrap();
            assert!(
                name_rule.is_match(option_name) && option_name == option_name.to_lowercase(),
                "{name} {option_name}"
            );
            description(&option["description"]);
            total += chars(&option["name"]) + chars(&option["description"]);
            let choices = option["choices"].as_array().cloned().unwrap_or_default();
            assert!(choices.len() <= limit(&["option_choices_max"]));
            if option["autocomplete"] == json!(true) {
                assert!(
                    choices.is_empty(),
                    "{name} {option_name}: autocomplete with choices"
                );
            }
            for choice in &choices {
                assert!(chars(&choice["name"]) <= limit(&["choice_name", "max"]));
                total += chars(&choice["name"]) + choice["value"].to_string().len();
            }
        }
        assert!(
            total <= limit(&["command_total_chars_max"]),
            "{name}: {total}"
        );
    }
}

#[test]
fn salary_choices_come_from_the_knowledge_base() {
    let kb = engine().knowledge();
    let commands = commands::all(kb);
    let builders = poise::builtins::create_application_commands(&commands);
    let payload = serde_json::to_value(&builders).unwrap();
    let salary = payload
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["name"] == "salary")
        .unwrap();
    let option = |name: &str| {
        salary["options"]
            .as_array()
            .unwrap()
            .iter()
            .find(|o| o["name"] == name)
            .unwrap()
            .clone()
    };
    let education = option("education");
    assert_eq!(
        education["choices"].as_array().unwrap().len(),
        kb.model.education.len()
    );
    // The value sent back is the position, which the form reads.
    let last = kb.model.education.len() as u32 - 1;
    assert_eq!(education["choices"][last as usize]["value"], json!(last));
    let details = input::salary_details(
        engine(),
        &SalaryForm {
            education: Some(last),
            ..SalaryForm::default()
        },
    )
    .unwrap();
    assert_eq!(
        details.education.as_deref(),
        Some(kb.model.education[last as usize].id.as_str())
    );
    assert_eq!(
        option("employer")["choices"].as_array().unwrap().len(),
        kb.model.employers.len()
    );
    assert_eq!(option("experience")["max_value"].as_f64(), Some(50.0));
}

/// The example payloads from Discord's docs deserialize into serenity's
/// types, and what our handlers read from them runs through the plain path.
#[test]
fn discords_example_interactions_deserialize_and_get_valid_answers() {
    let mut command = read_json(shared(
        "examples/interaction_create_application_command.json",
    ));
    // The docs' example predates fields Discord now always sends (and
    // serenity requires). Add only those, with neutral values; everything
    // the example has is kept as it is.
    let added = fill_missing(
        &mut command,
        &[
            ("application_id", json!("775799577604522054")),
            ("version", json!(1)),
            ("entitlements", json!([])),
            ("authorizing_integration_owners", json!({})),
            ("attachment_size_limit", json!(26214400)),
        ],
    );
    fill_missing(&mut command["member"], &[("flags", json!(0))]);
    assert!(added <= 5);
    let interaction: serenity::Interaction = serde_json::from_value(command.clone())
        .unwrap_or_else(|e| panic!("the docs' command example: {e}"));
    let serenity::Interaction::Command(command) = interaction else {
        panic!("expected an application command interaction");
    };
    assert_eq!(command.data.name, "cardsearch");
    // What /ask's handler reads: the author and the string option.
    let user = command.user.id.get();
    let text = command.data.options[0].value.as_str().unwrap().to_string();
    let answer = bot().handle(user, Request::Ask { text }, Instant::now());
    check_reply(&answer.reply);

    let autocomplete = read_json(shared("examples/interaction_create_autocomplete.json"));
    let data: serenity::CommandData = serde_json::from_value(autocomplete["data"].clone())
        .unwrap_or_else(|e| panic!("the docs' autocomplete example: {e}"));
    let focused = data.autocomplete().expect("a focused option");
    assert_eq!(focused.value, "data a user is typ");
    let choices = input::location_choices(engine().knowledge(), focused.value);
    let response =
        serenity::CreateInteractionResponse::Autocomplete(render::to_autocomplete(&choices));
    assert_valid(
        "ApplicationCommandAutocompleteCallbackRequest",
        &serde_json::to_value(&response).unwrap(),
    );
}

/// Add the fields `object` lacks; returns how many were added.
fn fill_missing(object: &mut Value, fields: &[(&str, Value)]) -> usize {
    let map = object.as_object_mut().expect("an object");
    let mut added = 0;
    for (key, value) in fields {
        if !map.contains_key(*key) {
            map.insert((*key).to_string(), value.clone());
            added += 1;
        }
    }
    added
}

#[test]
fn buttons_round_trip_to_their_topic() {
    let reply = engine().topic("duties.overview").unwrap();
    let cards: Vec<Card> = render::layout(&reply, common::words());
    let card = cards.last().unwrap();
    let text = card.embeds[0].description.to_lowercase();
    // Each suggestion is a button unless the text already names it, in
    // the order suggested.
    let expected: Vec<&str> = (reply.suggestions.iter())
        .filter(|link| {
            !text.contains(&link.title.to_lowercase())
                && !text.contains(&link.short_title.to_lowercase())
        })
        .map(|link| link.id.as_str())
        .take(render::MAX_RELATED_BUTTONS)
        .collect();
    assert!(!expected.is_empty());
    let opened: Vec<&str> = (card.buttons.iter())
        .filter_map(|b| render::topic_of_button(&b.custom_id))
        .collect();
    assert_eq!(opened, expected);
    for button in &card.buttons {
        assert!(button.custom_id.chars().count() <= limits::CUSTOM_ID);
    }
}

/// The checks above are not vacuous: the schemas reject what Discord would.
#[test]
fn the_schemas_reject_payloads_discord_would_refuse() {
    let long_title = serenity::CreateEmbed::new().title("t".repeat(300));
    let message = serenity::CreateInteractionResponseMessage::new().embed(long_title);
    let payload =
        serde_json::to_value(serenity::CreateInteractionResponse::Message(message)).unwrap();
    assert!(!schema_errors("CreateMessageInteractionCallbackRequest", &payload).is_empty());

    let long_id = serenity::CreateButton::new("x".repeat(101)).label("open");
    let message = serenity::CreateMessage::new()
        .components(vec![serenity::CreateActionRow::Buttons(vec![long_id])]);
    let payload = serde_json::to_value(message).unwrap();
    assert!(!schema_errors("MessageCreateRequest", &payload).is_empty());

    let bad_name = serenity::CreateCommand::new("Has Spaces").description("x");
    let payload = serde_json::to_value(vec![bad_name]).unwrap();
    let name_rule =
        regex::Regex::new(LIMITS["command_name_regex"]["value"].as_str().unwrap()).unwrap();
    assert!(
        !name_rule.is_match(payload[0]["name"].as_str().unwrap())
            || !schema_errors("op_bulk_set_application_commands", &payload).is_empty()
    );
}
