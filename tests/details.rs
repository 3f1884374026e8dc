//! Detail extraction: years, education, certifications, place, employer
//! and supervisory duties, read from what a person wrote.

mod common;

use careerbot::domain::{Experience, Place, Profile};
use careerbot::knowledge::KnowledgeBase;
use careerbot::understanding::{Alternatives, DetailReader, normalize};
use std::sync::OnceLock;

fn knowledge() -> &'static KnowledgeBase {
    static KB: OnceLock<KnowledgeBase> = OnceLock::new();
    KB.get_or_init(|| match KnowledgeBase::load(common::knowledge_dir()) {
        Ok(kb) => kb,
        Err(error) => panic!("the project's knowledge base must load:\n{error}"),
    })
}

fn reader() -> &'static DetailReader {
    static READER: OnceLock<DetailReader> = OnceLock::new();
    READER.get_or_init(|| DetailReader::new(knowledge()))
}

fn read(text: &str) -> Profile {
    reader().read(text, &normalize(text))
}

fn years(text: &str) -> Option<f64> {
    match read(text).experience {
        Some(Experience::Years(y)) => Some(y),
        other => panic!("{text:?}: expected a number of years, got {other:?}"),
    }
}

fn metro_code(text: &str) -> Option<String> {
    match read(text).location {
        Some(Place::Metro { code, .. }) => Some(code),
        _ => None,
    }
}

fn state(text: &str) -> Option<String> {
    match read(text).location {
        Some(Place::State { abbrev, .. }) => Some(abbrev),
        _ => None,
    }
}

fn education(text: &str) -> Option<String> {
    read(text).education.map(|id| id.to_string())
}

fn employer(text: &str) -> Option<String> {
    read(text).employer.map(|id| id.to_string())
}

fn ids(list: &[&str]) -> Vec<String> {
    list.iter().map(|s| s.to_string()).collect()
}

// ---------------------------------------------------------------- years

#[test]
fn years_in_digits_and_words() {
    for (text, expected) in [
        ("I have 5 years of experience", 5.0),
        ("5 years", 5.0),
        ("five years", 5.0),
        ("two yrs", 2.0),
        ("5 yrs", 5.0),
        ("1 yr at a clinic", 1.0),
        ("Twelve years in PT offices", 12.0),
        ("about 2.5 years", 2.5),
        ("10 years experience", 10.0),
        ("a few years", 3.0),
        ("several years", 4.0),
        ("0 years", 0.0),
    ] {
        assert_eq!(years(text), Some(expected), "{text:?}");
    }
}

#[test]
fn years_with_plus_and_ranges() {
    for (text, expected) in [
        ("5+ years", 5.0),
        ("5 + years", 5.0),
        ("5 plus years", 5.0),
        ("3-5 years", 4.0),
        ("3 - 5 yrs", 4.0),
        ("3\u{2013}5 years", 4.0),
        ("3 to 5 years", 4.0),
        ("two to four years", 3.0),
        ("3 or 4 years", 3.5),
    ] {
        assert_eq!(years(text), Some(expected), "{text:?}");
    }
}

#[test]
fn months_decades_and_couples() {
    for (text, expected) in [
        ("18 months", 1.5),
        ("6 months at the front desk", 0.5),
        ("a decade", 10.0),
        ("over a decade in healthcare", 10.0),
        ("two decades", 20.0),
        ("half a decade", 5.0),
        ("a couple of years", 2.0),
        ("a couple years", 2.0),
        ("a year of experience", 1.0),
        ("a year and a half", 1.5),
        ("2 and a half years", 2.5),
        ("1 1/2 years", 1.5),
        ("been doing this for a year", 1.0),
        ("more than a year", 1.0),
    ] {
        assert_eq!(years(text), Some(expected), "{text:?}");
    }
}

#[test]
fn entry_and_senior_words() {
    for text in [
        "entry level",
        "I'm entry-level",
        "new grad here",
        "just starting out",
        "I'm just starting",
        "no experience at all",
        "less than a year",
        "under a year at the front desk",
    ] {
        assert_eq!(read(text).experience, Some(Experience::Entry), "{text:?}");
    }
    for text in [
        "I'm a senior coordinator",
        "senior",
        "I'm the lead at my clinic",
        "team lead",
        "I'm a lead",
    ] {
        assert_eq!(read(text).experience, Some(Experience::Senior), "{text:?}");
    }
    // A number wins over a level word.
    assert_eq!(
        read("senior coordinator, 9 years").experience,
        Some(Experience::Years(9.0))
    );
    // "lead" as a verb is not a level.
    assert_eq!(read("does a CMAA lead to higher pay?").experience, None);
}

#[test]
fn ages_times_and_rates_are_not_experience() {
    for text in [
        "5 years ago",
        "I started 5 years ago",
        "age 25",
        "I'm 25 years old",
        "25 y/o",
        "25yo",
        "25 yrs old",
        "in 5 years",
        "where will I be in 5 years?",
        "in the next 5 years",
        "5 years from now",
        "make $45k a year",
        "make $45k a year in Boston",
        "I'd take 50k for a year in NYC? no, 50k a year",
        "I make 45k a year",
        "$45,000 a year",
        "$20 an hour",
        "a year",
        "I have a 2 year degree",
        "a 4-year degree",
        "what should I learn in the first 2 years",
        "1/2 year",
        "",
    ] {
        assert_eq!(read(text).experience, None, "{text:?}");
    }
    // The experience after an age still counts.
    assert_eq!(years("I'm 25 years old with 3 years experience"), Some(3.0));
    assert_eq!(years("worked 4 years, left 2 years ago"), Some(4.0));
}

// ------------------------------------------------------------ education

#[test]
fn high_school() {
    for text in [
        "high school diploma",
        "I only have high school",
        "I have my GED",
        "ged",
        "hs diploma",
        "HS diploma only",
    ] {
        assert_eq!(education(text).as_deref(), Some("high_school"), "{text:?}");
    }
}

#[test]
fn associate() {
    for text in [
        "associate degree",
        "I have an associate's",
        "associates in health admin",
        "I have an AA",
        "my AA in business",
        "A.S. degree",
        "an A.S. in medical office",
        "AAS degree",
        "2 year degree",
        "two-year degree",
    ] {
        assert_eq!(education(text).as_deref(), Some("associate"), "{text:?}");
    }
}

#[test]
fn bachelor() {
    for text in [
        "bachelor's",
        "I have a bachelors",
        "bachelor's degree in kinesiology",
        "I have a BA",
        "BS in biology",
        "I have a B.S.",
        "4 year degree",
        "four-year degree",
        "college degree",
    ] {
        assert_eq!(education(text).as_deref(), Some("bachelor"), "{text:?}");
    }
}

#[test]
fn master() {
    for text in [
        "master's",
        "I have a masters degree",
        "MBA",
        "I have an MHA",
        "mha",
        "I have an MS in health administration",
    ] {
        assert_eq!(education(text).as_deref(), Some("master"), "{text:?}");
    }
}

#[test]
fn the_higher_degree_wins() {
    assert_eq!(
        education("high school diploma and a bachelor's").as_deref(),
        Some("bachelor")
    );
    assert_eq!(
        education("I have an associate's and an MBA").as_deref(),
        Some("master")
    );
    assert_eq!(
        education("BA and then a master's").as_deref(),
        Some("master")
    );
}

#[test]
fn degrees_not_held_do_not_count() {
    assert_eq!(education("working on my bachelor's"), None);
    assert_eq!(
        education("I have a BA, not a master's").as_deref(),
        Some("bachelor")
    );
    assert_eq!(
        education("I don't have a bachelor's but I have an associate's").as_deref(),
        Some("associate")
    );
}

#[test]
fn words_that_look_like_degrees_are_not() {
    for text in [
        "as a coordinator",
        "AS a coordinator what do I make",
        "is it ok",
        "IS IT OK",
        "I HAVE AS MUCH EXPERIENCE AS ANYONE",
        "as well as scheduling",
        "jobs in Boston, MA",
        "jobs in Jackson, MS in a hospital",
        "I have MS Office skills",
        "I want to master scheduling",
        "what does a PT care coordinator do",
        "this is bs",
        "I'm a sales associate",
        "MA, 3 years, Boston",
        "",
    ] {
        assert_eq!(education(text), None, "{text:?}");
    }
}

// ------------------------------------------------------- certifications

#[test]
fn certifications_held() {
    for (text, expected) in [
        ("CMAA", vec!["cmaa"]),
        ("cmaa certified", vec!["cmaa"]),
        ("I have my Cmaa", vec!["cmaa"]),
        ("CEHRS", vec!["cehrs"]),
        ("cpct", vec!["cpct"]),
        ("CPCT/A", vec!["cpct"]),
        ("Certified Medical Administrative Assistant", vec!["cmaa"]),
        (
            "I'm a certified electronic health records specialist",
            vec!["cehrs"],
        ),
        ("certified patient care technician", vec!["cpct"]),
        ("CMAA and CEHRS", vec!["cmaa", "cehrs"]),
        ("I passed the CMAA exam", vec!["cmaa"]),
    ] {
        let d = read(text);
        assert_eq!(d.certifications, ids(&expected), "{text:?}");
        assert!(d.pending_certifications.is_empty(), "{text:?}");
        assert!(!d.no_certifications, "{text:?}");
    }
}

#[test]
fn no_certifications() {
    for text in [
        "no certifications",
        "I have no certs",
        "not certified",
        "I'm uncertified",
    ] {
        let d = read(text);
        assert!(d.no_certifications, "{text:?}");
        assert!(d.certifications.is_empty(), "{text:?}");
    }
}

#[test]
fn certifications_pending() {
    for (text, expected) in [
        ("not CMAA yet", "cmaa"),
        ("working toward CMAA", "cmaa"),
        ("working towards my CMAA", "cmaa"),
        ("studying for the CEHRS", "cehrs"),
        ("I don't have CMAA", "cmaa"),
        ("I don't have my CPCT", "cpct"),
        ("thinking about getting the CPCT", "cpct"),
        ("CMAA in progress", "cmaa"),
        ("taking the CMAA exam next month", "cmaa"),
    ] {
        let d = read(text);
        assert!(d.certifications.is_empty(), "{text:?}: {d:?}");
        assert_eq!(d.pending_certifications, ids(&[expected]), "{text:?}");
    }
}

#[test]
fn held_and_pending_together() {
    let d = read("I have my CMAA and I'm working toward CEHRS");
    assert_eq!(d.certifications, ids(&["cmaa"]));
    assert_eq!(d.pending_certifications, ids(&["cehrs"]));

    let d = read("no degree but I have CMAA");
    assert_eq!(d.certifications, ids(&["cmaa"]));
    assert!(d.pending_certifications.is_empty());
    assert!(!d.no_certifications);
    assert_eq!(d.education.as_deref(), Some("high_school"));

    let d = read("I have CMAA, not CEHRS");
    assert_eq!(d.certifications, ids(&["cmaa"]));
    assert_eq!(d.pending_certifications, ids(&["cehrs"]));

    let d = read("not certified yet, studying for CMAA");
    assert!(d.no_certifications);
    assert_eq!(d.pending_certifications, ids(&["cmaa"]));
}

// ------------------------------------------------------------- location

#[test]
fn aliases() {
    for (text, code) in [
        ("jobs in NYC", "35620"),
        ("nyc", "35620"),
        ("I live in the Bay Area", "41860"),
        ("bay area", "41860"),
        ("DC", "47900"),
        ("in dc", "47900"),
        ("Washington DC", "47900"),
        ("Washington, D.C.", "47900"),
        ("jobs in Washington, DC", "47900"),
        ("Philly", "37980"),
        ("SF", "41860"),
        ("jobs in sf?", "41860"),
        ("LA", "31080"),
        ("in LA", "31080"),
        ("New York City", "35620"),
        ("Boston", "14460"),
        ("boston", "14460"),
        ("St. Louis", "41180"),
        ("Saint Louis", "41180"),
        ("Seattle, Washington", "42660"),
        ("Portland, Maine", "38860"),
        ("Portland, OR", "38900"),
        ("Springfield, Illinois", "44100"),
        ("Columbus Ohio", "18140"),
        ("Manhattan, KS", "31740"),
        ("Manhattan", "35620"),
        ("Lafayette, LA", "29180"),
        ("Wyoming, MI", "24340"),
        ("Winston-Salem, NC", "49180"),
        ("Nashville", "34980"),
        ("Boise", "14260"),
    ] {
        assert_eq!(metro_code(text).as_deref(), Some(code), "{text:?}");
    }
}

#[test]
fn states_by_name_and_code() {
    for (text, abbrev) in [
        ("Ohio", "OH"),
        ("jobs in ohio", "OH"),
        ("North Carolina", "NC"),
        ("north carolina", "NC"),
        ("TX", "TX"),
        ("jobs in TX", "TX"),
        ("Texas", "TX"),
        ("Washington", "WA"),
        ("jobs in Washington state", "WA"),
        ("West Virginia", "WV"),
        ("Virginia", "VA"),
        ("Wyoming", "WY"),
        ("Kansas", "KS"),
        ("in CA", "CA"),
    ] {
        assert_eq!(state(text).as_deref(), Some(abbrev), "{text:?}");
    }
    assert_eq!(metro_code("in Austin, TX").as_deref(), Some("12420"));
    assert_eq!(metro_code("Austin TX").as_deref(), Some("12420"));
    assert_eq!(metro_code("Kansas City").as_deref(), Some("28140"));
    // Everyday-word codes count in capitals after "in" or a comma.
    assert_eq!(state("jobs in OR").as_deref(), Some("OR"));
    assert_eq!(state("what do I make in PA?").as_deref(), Some("PA"));
    // A state name after a city that is not in it is still the state.
    assert_eq!(state("moving from Ohio to Florida").as_deref(), Some("FL"));
}

#[test]
fn a_state_code_right_after_a_city_settles_it() {
    assert_eq!(metro_code("Lafayette LA").as_deref(), Some("29180"));
    assert_eq!(metro_code("lafayette la").as_deref(), Some("29180"));
    assert_eq!(metro_code("lafayette, in").as_deref(), Some("29200"));
    assert_eq!(
        metro_code("I live in Portland OR").as_deref(),
        Some("38900")
    );
    assert_eq!(metro_code("Columbus, Georgia").as_deref(), Some("17980"));
    assert_eq!(metro_code("Arlington, VA").as_deref(), Some("47900"));
    assert_eq!(metro_code("Arlington, TX").as_deref(), Some("19100"));
    // "or" between two cities is a word, and the later city counts.
    assert_eq!(
        metro_code("jobs in portland or seattle").as_deref(),
        Some("42660")
    );
    // A state named elsewhere in the message settles a shared city name.
    assert_eq!(
        metro_code("I'm in Georgia, near Columbus").as_deref(),
        Some("17980")
    );
}

#[test]
fn rural() {
    assert_eq!(read("rural").location, Some(Place::Rural { state: None }));
    assert_eq!(
        read("I work in a small town").location,
        Some(Place::Rural { state: None })
    );
    assert_eq!(
        read("rural Ohio").location,
        Some(Place::Rural {
            state: Some("OH".to_string())
        })
    );
    assert_eq!(
        read("small town in North Carolina").location,
        Some(Place::Rural {
            state: Some("NC".to_string())
        })
    );
}

#[test]
fn words_that_look_like_places_are_not() {
    for text in [
        "mobile app",
        "Mobile app for scheduling?",
        "is there a mobile app",
        "I'm in a normal clinic",
        "what's normal pay",
        "is it ok or not",
        "or",
        "in",
        "me",
        "tell me more",
        "I'm in",
        "ok",
        "hi",
        "oh",
        "I have a college degree",
        "I went to a state college",
        "our mission is patient care",
        "the high point of my day",
        "reading about the role",
        "I work in a temple of healing",
        "is it worth it",
        "",
    ] {
        assert_eq!(read(text).location, None, "{text:?}");
    }
    assert_eq!(metro_code("Mobile, AL").as_deref(), Some("33660"));
    assert_eq!(metro_code("jobs in Mobile").as_deref(), Some("33660"));
    assert_eq!(metro_code("jobs in mobile, al").as_deref(), Some("33660"));
    assert_eq!(
        metro_code("I live in State College").as_deref(),
        Some("44300")
    );
}

/// For every BLS metro: its first principal city with the state's postal
/// code, "jobs in {City}, {ST}", resolves to that metro.
#[test]
fn every_metro_by_its_first_principal_city() {
    let kb = knowledge();
    let mut failures = Vec::new();
    for metro in &kb.wages.metros {
        let (cities, _) = metro
            .name
            .rsplit_once(", ")
            .expect("BLS metro names end in their states");
        let separator = if cities.contains("--") { "--" } else { "-" };
        let first = cities
            .split(separator)
            .next()
            .and_then(|city| city.split('/').next())
            .unwrap_or(cities)
            .trim();
        let text = format!("jobs in {first}, {}", metro.states[0]);
        let got = metro_code(&text);
        if got.as_deref() != Some(metro.code.as_str()) {
            failures.push(format!(
                "{text:?} -> {got:?}, expected {} ({})",
                metro.code, metro.name
            ));
        }
    }
    let total = kb.wages.metros.len();
    println!(
        "metro pass rate: {}/{} ({:.1}%)",
        total - failures.len(),
        total,
        100.0 * (total - failures.len()) as f64 / total as f64
    );
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same with the state's full name and without the comma.
#[test]
fn every_metro_by_city_and_state_name() {
    let kb = knowledge();
    let mut failures = Vec::new();
    for metro in &kb.wages.metros {
        let (cities, _) = metro.name.rsplit_once(", ").unwrap();
        let separator = if cities.contains("--") { "--" } else { "-" };
        let first = cities
            .split(separator)
            .next()
            .and_then(|city| city.split('/').next())
            .unwrap_or(cities)
            .trim();
        let Some(state) = kb.wages.state(&metro.states[0]) else {
            continue;
        };
        for text in [
            format!("{first} {}", state.name),
            format!(
                "{}, {}",
                first.to_lowercase(),
                metro.states[0].to_lowercase()
            ),
        ] {
            let got = metro_code(&text);
            if got.as_deref() != Some(metro.code.as_str()) {
                failures.push(format!("{text:?} -> {got:?}, expected {}", metro.code));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

// ------------------------------------------------------------- employer

#[test]
fn employer_types() {
    for (text, expected) in [
        ("I work at a hospital", "hospital"),
        ("a big health system", "hospital"),
        ("private practice", "private_clinic"),
        ("a private clinic", "private_clinic"),
        ("private clinics", "private_clinic"),
        ("a corporate chain", "corporate_chain"),
        ("I work for ATI", "corporate_chain"),
        ("Select Medical", "corporate_chain"),
        ("athletico", "corporate_chain"),
        ("sports medicine clinic", "specialty_clinic"),
        ("a pediatric clinic", "specialty_clinic"),
        ("pelvic health", "specialty_clinic"),
    ] {
        assert_eq!(employer(text).as_deref(), Some(expected), "{text:?}");
    }
    assert_eq!(employer("what does a coordinator do"), None);
}

// ---------------------------------------------------------- supervisory

#[test]
fn supervisory() {
    for text in [
        "I'm the office manager",
        "office manager",
        "I supervise two front desk staff",
        "I lead the front desk team",
        "I'm a front desk supervisor",
    ] {
        assert!(read(text).supervisory, "{text:?}");
    }
    for text in [
        "I am not a supervisor",
        "I don't supervise anyone",
        "I'm not the office manager",
        "front desk",
        "",
    ] {
        assert!(!read(text).supervisory, "{text:?}");
    }
}

// ------------------------------------------------------------- together

#[test]
fn a_combined_message() {
    let d = read("5 years in, CMAA certified, Boston, hospital");
    assert_eq!(d.experience, Some(Experience::Years(5.0)));
    assert_eq!(d.certifications, ids(&["cmaa"]));
    assert_eq!(
        metro_code("5 years in, CMAA certified, Boston, hospital").as_deref(),
        Some("14460")
    );
    assert_eq!(d.employer.as_deref(), Some("hospital"));
    assert_eq!(d.education, None);
    assert!(!d.supervisory);

    let d = read(
        "I'm 28 years old, I have a BS in biology, 3-5 years as a coordinator at a private practice in Austin, TX. Not CMAA yet.",
    );
    assert_eq!(d.experience, Some(Experience::Years(4.0)));
    assert_eq!(d.education.as_deref(), Some("bachelor"));
    assert!(d.certifications.is_empty());
    assert_eq!(d.pending_certifications, ids(&["cmaa"]));
    assert_eq!(d.employer.as_deref(), Some("private_clinic"));
    assert!(matches!(d.location, Some(Place::Metro { ref code, .. }) if code == "12420"));
}

#[test]
fn nothing_in_a_plain_question() {
    for text in [
        "what does a PT care coordinator do?",
        "how do I become a care coordinator",
        "what skills do I need",
        "hello",
    ] {
        assert!(read(text).is_empty(), "{text:?}: {:?}", read(text));
    }
}

// ----------------------------------------------------------- robustness

#[test]
fn odd_input_does_not_panic() {
    let long = "5 years in Boston with CMAA ".repeat(400);
    let zalgo = "5\u{0336} y\u{0301}e\u{0302}a\u{0303}r\u{0304}s in B\u{0305}oston";
    for text in [
        "",
        " ",
        "\0",
        "5 years\0 in Boston",
        "🙂🙂🙂 5 years 🏥 hospital 🚀",
        zalgo,
        "**5 years** in _Boston_, `CMAA` > hospital\n# heading\n- item",
        "[link](http://example.com) ~~struck~~ ||spoiler||",
        &long,
        &"a".repeat(10_000),
        &"9".repeat(10_000),
        &"-".repeat(10_000),
        &", ".repeat(5_000),
        "\u{202E}reversed\u{202C}",
        "ＣＭＡＡ　５ ｙｅａｒｓ",
    ] {
        let _ = read(text);
    }
    let d = read(&long);
    assert_eq!(d.experience, Some(Experience::Years(5.0)));
    assert_eq!(d.certifications, ids(&["cmaa"]));
    let d = read(zalgo);
    assert_eq!(d.experience, Some(Experience::Years(5.0)));
    let d = read("**5 years** in _Boston_, `CMAA`");
    assert_eq!(d.experience, Some(Experience::Years(5.0)));
    assert_eq!(d.certifications, ids(&["cmaa"]));
    assert!(matches!(d.location, Some(Place::Metro { ref code, .. }) if code == "14460"));
}

#[test]
fn merged_details_keep_what_the_newer_message_does_not_say() {
    let older = read("5 years, CMAA, Boston");
    let newer = read("what about a hospital?");
    let merged = older.merged_with(&newer);
    assert_eq!(merged.experience, Some(Experience::Years(5.0)));
    assert_eq!(merged.certifications, ids(&["cmaa"]));
    assert_eq!(merged.employer.as_deref(), Some("hospital"));
    assert!(matches!(merged.location, Some(Place::Metro { ref code, .. }) if code == "14460"));
}

fn compared(text: &str) -> Alternatives {
    reader().read_compared(text, &normalize(text)).1
}

fn compared_place_names(text: &str) -> Vec<String> {
    compared(text)
        .places
        .iter()
        .map(|place| match place {
            Place::Metro { name, .. } | Place::State { name, .. } => name.clone(),
            Place::Rural { .. } => "rural".to_string(),
        })
        .collect()
}

#[test]
fn two_places_or_two_employers_in_one_message_are_a_comparison() {
    let boston_denver = compared_place_names("does Boston pay more than Denver?");
    assert_eq!(boston_denver.len(), 2, "{boston_denver:?}");
    assert!(boston_denver[0].starts_with("Boston"), "{boston_denver:?}");
    assert!(boston_denver[1].starts_with("Denver"), "{boston_denver:?}");
    // The single place kept in the details is still the last one named.
    assert_eq!(
        metro_code("does Boston pay more than Denver?").as_deref(),
        Some("19740")
    );

    assert_eq!(
        compared_place_names("moving from Ohio to Texas, what would I make"),
        ["Ohio", "Texas"]
    );
    // States as postal codes count too.
    assert_eq!(
        compared_place_names("does TX pay more than CA?"),
        ["Texas", "California"]
    );
    // Same name, two states: each qualified by its own state.
    let portlands = compared_place_names("portland maine vs portland oregon");
    assert_eq!(portlands.len(), 2, "{portlands:?}");
    assert!(
        portlands[0].ends_with("ME") && portlands[1].contains("OR"),
        "{portlands:?}"
    );

    assert_eq!(
        compared("do hospitals pay more than private clinics").employers,
        ["hospital", "private_clinic"]
    );
}

#[test]
fn one_place_written_several_ways_is_not_a_comparison() {
    for text in [
        "jobs in Austin, Texas",
        "5 years in, CMAA certified, Boston, hospital",
        "Boston, MA",
        "I live in Cambridge, near Boston",
        "New York, NY",
        "what does a coordinator make",
        "rural Ohio or rural Texas",
        "a hospital, not a private clinic",
    ] {
        assert_eq!(compared(text), Alternatives::default(), "{text:?}");
    }
}
