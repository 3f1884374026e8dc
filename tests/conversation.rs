//! Conversation memory: details carry across messages until `forget`.

mod common;

use careerbot::domain::{Experience, Place};
use careerbot::{Conversation, Reply, ReplyKind};

/// The names of an estimate's factors, in order; the reply must be an
/// estimate.
fn factor_names(reply: &Reply) -> Vec<&str> {
    let estimate = reply.estimate().expect("an estimate");
    (estimate.factors.iter())
        .map(|f| careerbot::render::words::factor_name(common::words(), f.kind))
        .collect()
}

#[test]
fn what_about_boston_uses_the_five_years_too() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    chat.ask(engine, "I have 5 years of experience");
    assert_eq!(chat.memory().experience, Some(Experience::Years(5.0)));

    let reply = chat.ask(engine, "what about in Boston?");
    assert_eq!(reply.kind, ReplyKind::Estimate);
    let used = &reply.details_used;
    assert_eq!(used.experience, Some(Experience::Years(5.0)));
    assert!(matches!(&used.location, Some(Place::Metro { code, .. }) if code == "14460"));
    let names = factor_names(&reply);
    assert_eq!(names, ["Experience", "Location"]);
    // It says which details it is using.
    assert!(
        common::text_of(&reply).contains("5 years of experience, Boston"),
        "{}",
        common::text_of(&reply)
    );
}

#[test]
fn newer_details_replace_older_ones() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    chat.ask(
        engine,
        "3 years, CMAA, Denver, hospital. what would I make?",
    );
    let reply = chat.ask(engine, "and with a bachelor's in Seattle?");
    let used = &reply.details_used;
    assert_eq!(used.experience, Some(Experience::Years(3.0)));
    assert_eq!(used.certifications, vec!["cmaa".to_string()]);
    assert_eq!(used.education.as_deref(), Some("bachelor"));
    assert!(
        matches!(&used.location, Some(Place::Metro { name, .. }) if name.starts_with("Seattle"))
    );
}

#[test]
fn forget_drops_every_detail() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    chat.ask(engine, "5 years in, CMAA certified, Boston, hospital");
    assert!(chat.memory().affects_estimate());
    let reply = chat.ask(engine, "forget");
    assert_eq!(reply.kind, ReplyKind::Notice);
    assert!(!chat.memory().affects_estimate());
    let after = chat.ask(engine, "what about in Boston?");
    let names = factor_names(&after);
    assert_eq!(names, ["Location"], "nothing from before the forget");
}

#[test]
fn other_questions_keep_the_memory_but_answer_their_topic() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    chat.ask(engine, "I have 5 years of experience");
    let reply = chat.ask(engine, "what does a care coordinator do all day?");
    assert_eq!(reply.kind, ReplyKind::Answer);
    assert_eq!(chat.memory().experience, Some(Experience::Years(5.0)));
}

#[test]
fn a_single_engine_answer_has_no_memory() {
    let engine = common::engine();
    engine.answer("I have 5 years of experience");
    let reply = engine.answer("what about in Boston?");
    let names = factor_names(&reply);
    assert_eq!(names, ["Location"]);
}

#[test]
fn a_comparison_uses_what_was_said_before_and_remembers_neither_place() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    chat.ask(engine, "5 years, CMAA, hospital");
    let reply = chat.ask(engine, "which pays more, Boston or Denver?");
    assert_eq!(reply.kind, ReplyKind::Comparison);
    assert_eq!(reply.details_used.experience, Some(Experience::Years(5.0)));
    assert_eq!(
        reply.details_used.location, None,
        "the places are compared, not used"
    );
    // Each line is the estimate with the remembered details and that place.
    let text = common::text_of(&reply);
    let mut mids = Vec::new();
    for place in ["Boston, MA", "Denver, CO"] {
        let mut details = chat.memory().clone();
        details.location = engine.read_details(place).location;
        let alone = engine.estimate_reply(&details);
        let mid = alone.estimate().expect("an estimate").mid;
        mids.push(mid);
        let typical = format!("around **{}**", careerbot::domain::dollars(mid));
        assert!(text.contains(&typical), "{place}: {typical} not in\n{text}");
    }
    // And the gap between them is the difference of the two.
    let gap = careerbot::domain::dollars((mids[0] - mids[1]).abs());
    assert!(
        text.contains(&format!("about {gap} a year")),
        "{gap}: {text}"
    );
    assert!(text.contains("5 years of experience"), "{text}");
    assert_eq!(chat.memory().location, None, "neither place is remembered");
}

#[test]
fn small_talk_gets_a_greeting_not_i_dont_know() {
    let engine = common::engine();
    let replies = &engine.knowledge().replies;
    for message in ["hi", "Hello there!", "thanks", "hey 👋"] {
        let reply = engine.answer(message);
        assert_eq!(reply.kind, ReplyKind::Notice, "{message:?}");
        assert_eq!(reply.title, replies.titles.greeting, "{message:?}");
        assert_eq!(reply.body, replies.greeting, "{message:?}");
    }
    // A greeting with a question or a detail is answered as such.
    assert_eq!(
        engine
            .answer("hi, what does a coordinator do?")
            .topic
            .as_deref(),
        Some("role.overview")
    );
    assert_eq!(
        engine.answer("hi, 5 years in Boston").kind,
        ReplyKind::Estimate
    );
}

/// The typical figure the engine gives for `details` alone, as shown.
fn typical_of(details: &str) -> String {
    let engine = common::engine();
    let mid = engine
        .estimate_reply(&engine.read_details(details))
        .estimate()
        .expect("an estimate")
        .mid;
    format!("around **{}**", careerbot::domain::dollars(mid))
}

#[test]
fn a_place_and_an_employer_each_named_twice_pair_up() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    let reply = chat.ask(
        engine,
        "a hospital in Boston or a private clinic in Denver, which pays more?",
    );
    assert_eq!(reply.kind, ReplyKind::Comparison);
    let text = common::text_of(&reply);
    assert!(text.contains(&typical_of("hospital, Boston")), "{text}");
    assert!(
        text.contains(&typical_of("private clinic, Denver")),
        "{text}"
    );
    assert_eq!(
        reply.details_used.employer, None,
        "{:?}",
        reply.details_used
    );
    assert_eq!(reply.details_used.location, None);
    assert_eq!(
        chat.memory().employer,
        None,
        "neither employer is remembered"
    );
    assert_eq!(chat.memory().location, None);
}

#[test]
fn a_comparison_shows_hourly_figures_and_your_pay_when_asked() {
    let engine = common::engine();
    let hours = engine.knowledge().model.national.paid_hours_per_year;
    let reply = engine.answer("hourly pay in Boston vs Denver");
    assert_eq!(reply.kind, ReplyKind::Comparison);
    let text = common::text_of(&reply);
    for place in ["Boston, MA", "Denver, CO"] {
        let alone = engine.estimate_reply(&engine.read_details(place));
        let mid = alone.estimate().expect("an estimate").mid;
        let hourly = careerbot::domain::hourly_dollars(mid, hours);
        assert!(text.contains(&hourly), "{place} {hourly}: {text}");
    }

    let reply = engine.answer("I make 42k in Boston, would I make more in Denver?");
    assert_eq!(reply.kind, ReplyKind::Comparison);
    let text = common::text_of(&reply);
    let positions = text.matches("$42,000").count();
    assert_eq!(positions, 2, "the pay placed on each option: {text}");
}

#[test]
fn more_places_than_a_comparison_shows_are_owned_up_to() {
    let engine = common::engine();
    let reply =
        engine.answer("Austin or San Antonio or Dallas or Houston or El Paso, which pays most?");
    assert_eq!(reply.kind, ReplyKind::Comparison);
    let text = common::text_of(&reply);
    let shown = text.lines().filter(|l| l.starts_with("- **")).count();
    assert!(shown < 5, "{text}");
    let cut = careerbot::knowledge::fill(
        &engine.knowledge().replies.comparison_cut,
        &[("shown", &shown.to_string()), ("named", "5")],
    );
    assert!(text.contains(&cut), "{text}");
}

#[test]
fn small_talk_does_not_swallow_arithmetic() {
    let engine = common::engine();
    let reply = engine.answer("what is 2+2");
    assert_ne!(reply.kind, ReplyKind::Notice, "{}", common::text_of(&reply));
    assert_eq!(reply.topic, None, "{}", common::text_of(&reply));
}

#[test]
fn a_follow_up_that_names_nothing_is_about_the_last_answer() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    let first = chat.ask(engine, "what's the CMAA?");
    assert_eq!(first.topic.as_deref(), Some("certs.cmaa"));
    // The cost of the certification just described: not a medical price,
    // not a salary estimate.
    let cost = chat.ask(engine, "how much does it cost to take?");
    assert_eq!(cost.kind, ReplyKind::Answer, "{}", common::text_of(&cost));
    assert!(common::text_of(&cost).contains("CMAA"));

    let mut chat = Conversation::new();
    chat.ask(engine, "we get profit sharing at the end of the year");
    let normal = chat.ask(engine, "is that normal?");
    assert_eq!(normal.topic.as_deref(), Some("compensation.profit_sharing"));

    // Without a last answer the same words are declined, not guessed at.
    let alone = engine.answer("how much does it cost to take?");
    assert!(
        matches!(alone.kind, ReplyKind::Fallback | ReplyKind::OutOfScope),
        "{:?}",
        alone.kind
    );
}

#[test]
fn here_is_the_place_given_before() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    chat.ask(engine, "i'm in portland");
    chat.ask(engine, "maine not oregon lol");
    let reply = chat.ask(engine, "what do coordinators earn here");
    assert_eq!(
        reply.kind,
        ReplyKind::Estimate,
        "{}",
        common::text_of(&reply)
    );
    assert!(
        matches!(&reply.details_used.location, Some(Place::State { name, .. }) if name == "Maine"),
        "{:?}",
        reply.details_used.location
    );
}

#[test]
fn misspelled_places_and_years_are_read_as_meant() {
    let engine = common::engine();
    let reply =
        engine.answer("i live in denvr, 3 yeras exp at a ortho clinc, how much shoud i make");
    assert_eq!(reply.kind, ReplyKind::Estimate);
    assert_eq!(reply.details_used.experience, Some(Experience::Years(3.0)));
    assert!(
        matches!(&reply.details_used.location, Some(Place::Metro { name, .. }) if name.starts_with("Denver"))
    );
    // A place and its state code before "coordinator" say where the job
    // is; they do not name another job.
    let reply = engine.answer("pittsburg PA coordinator pay for somone just starting out");
    assert_eq!(reply.kind, ReplyKind::Estimate);
    // A word that is neither English nor the role's names another field.
    assert_eq!(
        engine
            .answer("logistcs coordinator salary in houston?")
            .kind,
        ReplyKind::OtherRole
    );
}

#[test]
fn things_a_person_acquires_compare_across_kinds() {
    let engine = common::engine();
    for (question, sides) in [
        (
            "Better to get CMAA certification or to go for bachelor degree?",
            ["CMAA", "Bachelor"],
        ),
        (
            "is it better to get the cehrs or just get really good at excel",
            ["CEHRS", "Excel"],
        ),
        (
            "Which matters more for this job, computer skills or people skills?",
            ["Technical skills", "Soft skills"],
        ),
    ] {
        let reply = engine.answer(question);
        assert_eq!(reply.kind, ReplyKind::Comparison, "{question}");
        let text = common::text_of(&reply);
        for side in sides {
            assert!(text.contains(side), "{question}: no {side} in {text}");
        }
        // A certification's pay is what it adds, a degree's a starting
        // salary: no pay verdict across kinds.
        assert!(!text.contains("pays more"), "{text}");
    }
}

#[test]
fn an_employer_type_weighed_in_general_gets_what_the_guide_says_of_it() {
    let engine = common::engine();
    let reply = engine.answer("do specialty clinics like pelvic health or pediatrics pay more?");
    assert_eq!(reply.kind, ReplyKind::Answer, "{}", common::text_of(&reply));
    assert_eq!(reply.topic.as_deref(), Some("employers.specialty_clinic"));
    // Asked plainly, it is still an estimate.
    for question in [
        "what do pediatric clinic coordinators get paid",
        "how much do coordinators at private clinics get paid",
    ] {
        assert_eq!(
            engine.answer(question).kind,
            ReplyKind::Estimate,
            "{question}"
        );
    }
}

#[test]
fn cities_against_rural_areas_get_both_sides() {
    let engine = common::engine();
    let reply = engine.answer("city vs rural for this job, which is better money wise");
    assert_eq!(reply.topic.as_deref(), Some("location.overview"));
    let text = common::text_of(&reply).to_lowercase();
    assert!(
        text.contains("rural") && text.contains("san francisco"),
        "{text}"
    );
    // One rural area asked about is still an estimate.
    assert_eq!(
        engine.answer("what do rural coordinators make").kind,
        ReplyKind::Estimate
    );
}

#[test]
fn the_weather_in_a_city_after_details_is_declined_not_a_move() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    chat.ask(engine, "5 years, CMAA, hospital");
    for _ in 0..2 {
        let reply = chat.ask(engine, "what's the weather in boston tomorrow?");
        assert_eq!(
            reply.kind,
            ReplyKind::OutOfScope,
            "{}",
            common::text_of(&reply)
        );
        assert!(
            common::text_of(&reply).contains("weather"),
            "{}",
            common::text_of(&reply)
        );
    }
    // A real follow-up still moves the estimate.
    let reply = chat.ask(engine, "what about boston?");
    assert_eq!(reply.kind, ReplyKind::Estimate);
}
