//! Job offers side by side, checked against the guide's own statements and
//! plain arithmetic: each offer's cash total, its PTO valued apart, pay at
//! national prices (pay ÷ (BEA price level / 100)), and the verdict first.

mod common;

use careerbot::compensation::{Lead, OfferComparison};
use careerbot::reply::Content;
use careerbot::{Conversation, Reply};

fn offers(reply: &Reply) -> &OfferComparison {
    match &reply.content {
        Content::Offers(comparison) => comparison,
        other => panic!("not an offers reply: {other:?}\n{}", common::text_of(reply)),
    }
}

fn ask(question: &str) -> Reply {
    common::engine().answer(question)
}

fn totals(reply: &Reply) -> Vec<i64> {
    offers(reply).offers.iter().map(|o| o.total.total).collect()
}

/// The reply's first line of text after its title: the verdict.
fn verdict(reply: &Reply) -> String {
    let text = common::text_of(reply);
    (text.lines())
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with("=="))
        .unwrap_or_default()
        .to_string()
}

#[test]
fn a_lower_base_with_a_good_match_comes_out_ahead() {
    // The guide: a job with a slightly lower base but a good 401(k) match
    // can come out ahead.
    let reply = ask(
        "Offer A is $46,000 with no 401(k) match. Offer B is $44,500 and they match 100% up to 4%. Which pays more?",
    );
    // B: 44,500 + 4% of 44,500 = 44,500 + 1,780.
    assert_eq!(totals(&reply), [46_000, 46_280]);
    let line = verdict(&reply);
    assert!(line.starts_with("Offer B comes out about $280"), "{line}");
    let text = common::text_of(&reply);
    assert!(text.contains("enough for the full match"), "{text}");
}

#[test]
fn tiered_dollar_for_dollar_and_capped_matches() {
    let reply = ask(
        "offer A: 50k, 100% of the first 3% and 50% of the next 2%. offer B: 50k, dollar for dollar up to 5% but capped at $2,000 a year. offer C: 50k, 50% match up to 6%",
    );
    // A: 3% + 1% of 50,000 = 2,000; B: 5% = 2,500, stopped at 2,000; C: 3% = 1,500.
    let matches: Vec<i64> = (offers(&reply).offers.iter())
        .map(|o| o.total.employer_match)
        .collect();
    assert_eq!(matches, [2_000, 2_000, 1_500]);
}

#[test]
fn a_bonus_without_a_dollar_sign_or_as_a_share_of_pay() {
    let reply = ask("job 1 is 42k plus a 1500 bonus. job 2 is 41k with a 5% bonus. which is more?");
    // 42,000 + 1,500; 41,000 + 2,050.
    assert_eq!(totals(&reply), [43_500, 43_050]);
    assert!(verdict(&reply).starts_with("Job 1 comes out about $450"));
}

#[test]
fn hourly_against_salaried_and_part_time_hours() {
    let reply = ask(
        "option 1 is $23/hr full time, option 2 is a salary of $46,000, option 3 is $26 an hour for 30 hours a week",
    );
    // 23 × 2,080; 46,000; 26 × 30 × 52.
    assert_eq!(totals(&reply), [47_840, 46_000, 40_560]);
    let text = common::text_of(&reply);
    assert!(text.contains("$23.00/hr × 2,080 h"), "{text}");
}

#[test]
fn paid_time_off_is_valued_but_kept_out_of_the_cash_total() {
    let reply = ask("offer A: $52,000 with 10 PTO days. offer B: $51,500 with 20 days PTO");
    let weighed = &offers(&reply).offers;
    // 52,000 / 260 × 10 and 51,500 / 260 × 20.
    assert_eq!(weighed[0].total.pto_value, 2_000);
    assert_eq!(weighed[1].total.pto_value, 3_962);
    // The cash verdict does not count it.
    assert_eq!(totals(&reply), [52_000, 51_500]);
    assert!(verdict(&reply).starts_with("Offer A"));
}

#[test]
fn a_health_premium_comes_off() {
    let reply = ask(
        "the hospital offered 47k but I'd pay $210 a month for health insurance. the clinic offered 45,500 and the premium is $60 a month.",
    );
    // 47,000 − 2,520; 45,500 − 720.
    assert_eq!(totals(&reply), [44_480, 44_780]);
    assert!(verdict(&reply).starts_with("The clinic comes out"));
}

#[test]
fn two_places_with_purchasing_power() {
    let reply = ask("offer A: $60,000 in San Francisco. offer B: $50,000 in Abilene, TX");
    let comparison = offers(&reply);
    // BEA 2024: San Francisco-Oakland-Fremont 115.613, Abilene 90.364.
    let at_national: Vec<Option<i64>> = (comparison.offers.iter())
        .map(|o| o.at_national_prices)
        .collect();
    assert_eq!(at_national, [Some(51_897), Some(55_332)]);
    assert!(matches!(
        comparison.lead_after_prices,
        Some(Lead::Ahead { offer: 1, .. })
    ));
    let line = verdict(&reply);
    assert!(
        line.contains("but after cost of living Offer B comes out about $3,435 ahead"),
        "{line}"
    );
    assert!(
        reply.sources.iter().any(|s| s.full.contains("BEA")),
        "{:?}",
        reply.sources
    );
}

#[test]
fn offers_known_only_by_their_places() {
    let reply = ask("would 37.5k in rural georgia go further than 45k in atlanta?");
    let comparison = offers(&reply);
    assert_eq!(comparison.offers.len(), 2);
    let places: Vec<Option<&str>> = (comparison.offers.iter())
        .map(|o| o.place.as_deref())
        .collect();
    assert_eq!(places, [Some("rural Georgia"), Some("Atlanta")]);
    assert!(
        comparison
            .offers
            .iter()
            .all(|o| o.at_national_prices.is_some())
    );
}

#[test]
fn offers_given_across_messages() {
    let engine = common::engine();
    let mut chat = Conversation::new();
    chat.ask(
        engine,
        "my first offer is $45,000 with a 50% 401(k) match up to 6%",
    );
    let reply = chat.ask(engine, "the second one is $46,500 but no match at all");
    // 45,000 + 1,350; 46,500.
    assert_eq!(totals(&reply), [46_350, 46_500]);
    // Asked again, with nothing new: the same two.
    let again = chat.ask(engine, "so which one should I take?");
    assert_eq!(totals(&again), [46_350, 46_500]);
    // A term added to one offer later changes only that one.
    let later = chat.ask(engine, "the first offer also has a $1,000 bonus");
    assert_eq!(totals(&later), [47_350, 46_500]);
}

#[test]
fn one_offer_is_todays_calculator() {
    let reply = ask("base 48k, they match 100% of the first 3% and 50% of the next 2%");
    assert!(reply.calculation().is_some(), "{}", common::text_of(&reply));
    assert_eq!(reply.calculation().unwrap().employer_match, 1_920);
}

#[test]
fn an_offer_whose_base_cannot_be_read_is_named() {
    let reply = ask("offer A: 48k with a 4% match. offer B: great benefits and a 4% match");
    let text = common::text_of(&reply);
    assert!(
        text.contains("I couldn't read a base pay for Offer B"),
        "{text}"
    );
}

#[test]
fn an_estimate_for_a_place_says_what_it_buys() {
    let reply = ask("5 years in, CMAA, Boston, hospital");
    let text = common::text_of(&reply);
    assert!(text.contains("at national prices"), "{text}");
    assert!(text.contains("108.3 (U.S. = 100"), "{text}");
    let moving = ask("is it worth moving to denver for this job?");
    assert!(moving.estimate().is_some(), "{}", common::text_of(&moving));
    assert!(common::text_of(&moving).contains("at national prices"));
}

#[test]
fn pay_in_a_place_at_national_prices_is_answered_first() {
    // Mississippi's price level is 87.0 (BEA, 2024): 41,000 ÷ 0.87 = 47,126.
    // San Francisco's is 115.6: 50,000 ÷ 1.156 = 43,253.
    for (question, answer) in [
        (
            "I'm offered $41,000 for a job in Mississippi. What is that worth at national prices?",
            "$41,000 in Mississippi is about $47,1",
        ),
        (
            "what does 50k in san francisco equal at national prices",
            "$50,000 in San Francisco is about $43,2",
        ),
    ] {
        let reply = ask(question);
        let text = common::text_of(&reply);
        let first = first_line_after_headline(&text);
        assert!(first.contains(answer), "{question}\n{text}");
    }
    // The price of a thing is still a cost question.
    let cost = ask("what is the price of the CMAA exam?");
    assert!(!common::text_of(&cost).contains("national prices"));
}

#[test]
fn whether_pay_is_enough_to_live_on_somewhere_is_answered_with_what_it_buys() {
    // Boston's price level is 108.3 (BEA, 2024): 45,000 ÷ 1.083 = 41,551.
    for (question, answer) in [
        (
            "will 45k cover my rent in boston",
            "$45,000 in Boston is about $41,5",
        ),
        (
            "is 50k enough to live in san francisco",
            "$50,000 in San Francisco is about $43,2",
        ),
        (
            "how far does 45k go in denver",
            "$45,000 in Denver is about $42,5",
        ),
    ] {
        let text = common::text_of(&ask(question));
        let first = first_line_after_headline(&text);
        assert!(first.contains(answer), "{question}\n{text}");
    }
}

#[test]
fn how_expensive_a_place_is_comes_first_in_its_estimate() {
    for (question, level) in [
        (
            "is it expensive to live in boston",
            "price level in Boston is 108.3",
        ),
        (
            "According to BEA, how expensive is San Francisco compared with the national average?",
            "price level in San Francisco is 115.6",
        ),
        (
            "can I afford rent in Boston on this salary",
            "price level in Boston is 108.3",
        ),
    ] {
        let reply = ask(question);
        assert!(
            reply.estimate().is_some(),
            "{question}: {}",
            common::text_of(&reply)
        );
        let text = common::text_of(&reply);
        let first = first_line_after_headline(&text);
        assert!(first.contains(level), "{question}\n{text}");
    }
}

#[test]
fn misspelt_offer_labels_and_caps_are_read_and_shown_spelt_right() {
    // 100% up to 6% of 52,000 is 3,120, capped at 2,500: 54,500 in cash.
    let reply = ask(
        "first ofer: 52,000 with 100% 401k match up to 6% but caped at $2,500/yr. \
         second ofer: 50,000 with 50% match up to 6%. which is better in cash?",
    );
    let text = common::text_of(&reply);
    assert!(text.contains("The first offer comes out"), "{text}");
    assert!(text.contains("Cash total: $54,500"), "{text}");
    assert!(!text.contains("ofer "), "{text}");
    let lettered = common::text_of(&ask("ofer A: 46k. ofer B: 44k. which pays more?"));
    assert!(lettered.contains("Offer A comes out"), "{lettered}");
}

#[test]
fn hourly_offers_told_apart_by_their_places_are_weighed() {
    // $25 and $22 an hour over 2,080 hours: $52,000 and $45,760.
    for question in [
        "$25/hr in Denver or $22/hr in Kansas City, which is better?",
        "I have offer in Denver for 25 dollar per hour and offer in Kansas City for 22 dollar per hour. which is better?",
    ] {
        let text = common::text_of(&ask(question));
        assert!(text.contains("$52,000"), "{question}\n{text}");
        assert!(text.contains("$45,760"), "{question}\n{text}");
    }
}

#[test]
fn a_misspelt_offered_still_starts_an_employers_offer() {
    // 47,000 - 12 × 210 = 44,480 against 45,500 - 12 × 60 = 44,780.
    let text = common::text_of(&ask(
        "the hosptial offerd me 47k but id pay $210 a month for health insurence. \
         the clinic offerd 45,500 and the premium is only $60/month. wich is better??",
    ));
    assert!(text.contains("The clinic comes out about $300"), "{text}");
}

#[test]
fn a_state_said_before_the_offers_is_the_rural_offers_state() {
    // Rural Texas's price level is 87.8 (BEA, 2024): 38,000 ÷ 0.878 = 43,263.
    let text = common::text_of(&ask(
        "In Texas, one job in rural area pay 38,000 dollar, other job in Houston pay 44,000 dollar. \
         Which one is more after the living cost?",
    ));
    assert!(text.contains("rural Texas"), "{text}");
    assert!(text.contains("$43,263"), "{text}");
}

/// The reply's first line after its headline (the range, for an estimate):
/// where the answer to what was asked must stand.
fn first_line_after_headline(text: &str) -> &str {
    (text.lines().map(str::trim))
        .filter(|l| !l.is_empty() && !l.starts_with("=="))
        .nth(1)
        .unwrap_or_default()
}
