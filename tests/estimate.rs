//! The salary estimator against the career guide's own statements, and the
//! total-compensation arithmetic.

mod common;

/// A factor's name, as the renderers word it.
fn name(factor: &careerbot::estimate::Factor) -> &'static str {
    careerbot::render::words::factor_name(common::words(), factor.kind)
}

/// A factor's whole explanation, as the renderers word it.
fn detail(factor: &careerbot::estimate::Factor) -> String {
    careerbot::render::words::factor_detail(common::words(), factor)
}

use careerbot::compensation::calculate;
use careerbot::domain::{Experience, Place, Profile};
use careerbot::estimate::{Estimate, estimate, location_factor};

fn kb() -> &'static careerbot::knowledge::KnowledgeBase {
    common::engine().knowledge()
}

fn metro(code: &str) -> Place {
    let area = kb().wages.metro(code).expect("metro in the BLS table");
    Place::Metro {
        code: code.to_string(),
        name: area.name.clone(),
    }
}

fn with(f: impl FnOnce(&mut Profile)) -> Estimate {
    let mut details = Profile::default();
    f(&mut details);
    estimate(kb(), &details)
}

fn assert_consistent(e: &Estimate) {
    assert!(e.low <= e.mid && e.mid <= e.high, "{e:?}");
    let sum: i64 = e.factors.iter().map(|f| f.effect).sum();
    assert_eq!(
        e.baseline + sum,
        e.mid,
        "factors must add up to the estimate"
    );
}

#[test]
fn entry_level_with_a_high_school_diploma_is_35_to_38k() {
    // Guide: "High School Diploma or GED ... typically $35,000 - $38,000".
    for experience in [
        Experience::Entry,
        Experience::Years(0.0),
        Experience::Years(1.0),
    ] {
        let e = with(|d| {
            d.experience = Some(experience);
            d.education = Some("high_school".into());
        });
        assert_consistent(&e);
        assert!(
            (35_000..=38_000).contains(&e.mid),
            "{experience:?}: {}",
            e.mid
        );
    }
}

#[test]
fn mid_career_is_43_to_55k() {
    // Guide: Mid-Career, 3-8 years, $43,000 - $55,000.
    for years in [3.0, 4.0, 5.0, 6.5, 7.0] {
        let e = with(|d| d.experience = Some(Experience::Years(years)));
        assert_consistent(&e);
        assert!(
            (43_000..=55_000).contains(&e.mid),
            "{years} years: {}",
            e.mid
        );
    }
}

#[test]
fn more_experience_never_pays_less() {
    let mut previous = 0;
    for years in 0..=20 {
        let mid = with(|d| d.experience = Some(Experience::Years(years as f64))).mid;
        assert!(mid >= previous, "{years} years: {mid} < {previous}");
        previous = mid;
    }
}

#[test]
fn senior_is_56_to_70k() {
    let e = with(|d| d.experience = Some(Experience::Senior));
    assert!((56_000..=70_000).contains(&e.mid), "{}", e.mid);
}

#[test]
fn san_francisco_is_25_to_35_percent_above_average() {
    // Guide: "San Francisco, CA: Salaries can be 25-35% higher".
    let e = with(|d| d.location = Some(metro("41860")));
    assert_consistent(&e);
    let ratio = e.mid as f64 / e.baseline as f64;
    assert!((1.25..=1.35).contains(&ratio), "ratio {ratio}");
    // The answer shows both sources where they disagree.
    let location = detail(e.factors.iter().find(|f| name(f) == "Location").unwrap());
    assert!(
        location.contains("25-35%") && location.contains("BLS"),
        "{location}"
    );
}

#[test]
fn the_45k_mid_sized_city_job_pays_58_to_62k_in_san_francisco() {
    // Guide: "$45,000 in a mid-sized city might earn $58,000 to $62,000 ... in San Francisco".
    let factor = location_factor(kb(), &metro("41860")).factor;
    let pay = 45_000.0 * factor;
    assert!((58_000.0..=62_000.0).contains(&pay), "{pay}");
}

#[test]
fn certifications_add_2_to_5k() {
    // Guide: "can add $2,000 to $5,000 or more".
    let base = with(|d| d.experience = Some(Experience::Years(4.0)));
    for certs in [
        vec!["cmaa"],
        vec!["cehrs"],
        vec!["cpct"],
        vec!["cmaa", "cehrs"],
        vec!["cmaa", "cehrs", "cpct"],
    ] {
        let e = with(|d| {
            d.experience = Some(Experience::Years(4.0));
            d.certifications = certs.iter().map(|c| (*c).into()).collect();
        });
        let added = e.mid - base.mid;
        assert!((2_000..=5_000).contains(&added), "{certs:?}: {added}");
    }
}

#[test]
fn pending_certifications_add_nothing() {
    let base = with(|d| d.experience = Some(Experience::Years(4.0)));
    let e = with(|d| {
        d.experience = Some(Experience::Years(4.0));
        d.pending_certifications = vec!["cmaa".into()];
    });
    assert_eq!(e.mid, base.mid);
    assert!(e.factors.iter().any(|f| detail(f).contains("not counted")));
}

#[test]
fn new_york_shows_guide_and_bls_side_by_side() {
    let e = with(|d| d.location = Some(metro("35620")));
    let detail = &detail(&e.factors[0]);
    assert!(
        detail.contains("20-30%") && detail.contains("$49,180"),
        "{detail}"
    );
}

#[test]
fn a_state_uses_its_bls_ratio() {
    let ohio = kb().wages.state("OH").unwrap();
    let national = kb()
        .wages
        .national_for(2024)
        .unwrap()
        .annual_median
        .unwrap();
    let expected = ohio.annual_median.unwrap() as f64 / national as f64;
    let factor = location_factor(
        kb(),
        &Place::State {
            abbrev: "OH".into(),
            name: "Ohio".into(),
        },
    )
    .factor;
    assert!((factor - expected).abs() < 1e-9);
}

#[test]
fn rural_areas_pay_less() {
    let rural = with(|d| d.location = Some(Place::Rural { state: None }));
    let ratio = rural.mid as f64 / rural.baseline as f64;
    assert!(
        (0.85..=0.95).contains(&ratio),
        "guide: 5-15% lower, got {ratio}"
    );
    let rural_ohio = location_factor(
        kb(),
        &Place::Rural {
            state: Some("OH".into()),
        },
    );
    assert!(rural_ohio.factor < 1.0, "{rural_ohio:?}");
    assert!(
        careerbot::render::words::place_detail(common::words(), &rural_ohio.evidence)
            .contains("nonmetropolitan")
    );
}

#[test]
fn employers_move_pay_as_the_guide_describes() {
    let at = |employer: &str| {
        with(|d| {
            d.experience = Some(Experience::Years(4.0));
            d.employer = Some(employer.into());
        })
        .mid
    };
    assert!(at("hospital") > at("private_clinic"));
    assert!(at("specialty_clinic") > at("private_clinic"));
    // Chains pay to a national scale: less of San Francisco's premium.
    let sf = |employer: Option<&str>| {
        with(|d| {
            d.location = Some(metro("41860"));
            d.employer = employer.map(Into::into);
        })
        .mid
    };
    assert!(sf(Some("corporate_chain")) < sf(None));
}

#[test]
fn no_details_gives_the_national_picture_and_asks_for_more() {
    let e = with(|_| {});
    assert_eq!(e.mid, kb().model.national.median);
    assert!(e.factors.is_empty());
    assert_eq!(e.missing.len(), 5, "{:?}", e.missing);
}

#[test]
fn every_factor_is_explained_and_consistent() {
    let e = with(|d| {
        d.experience = Some(Experience::Years(5.0));
        d.education = Some("bachelor".into());
        d.certifications = vec!["cmaa".into()];
        d.location = Some(metro("14460"));
        d.employer = Some("hospital".into());
        d.supervisory = true;
    });
    assert_consistent(&e);
    let names: Vec<&str> = e.factors.iter().map(name).collect();
    assert_eq!(
        names,
        [
            "Experience",
            "Education",
            "Certifications",
            "Supervisory duties",
            "Location",
            "Employer"
        ]
    );
    assert!(e.factors.iter().all(|f| !detail(f).is_empty()));
    assert!(e.missing.is_empty());
    assert!(e.local.as_ref().is_some_and(|l| l.median == Some(50_460)));
}

#[test]
fn the_common_401k_match_arithmetic() {
    // Guide: "A common match is 50% of your contribution up to 6% of your salary."
    let common = &kb().model.retirement;
    let engine = common::engine();
    let total = |text: &str| calculate(&engine.read_package(text), common).unwrap();
    let full = total("I make $50,000 and put 6% in my 401k; they match 50% up to 6%");
    assert_eq!(
        (full.employee_contribution, full.employer_match, full.total),
        (3_000, 1_500, 51_500)
    );
    let over = total("salary 50k, I contribute 10%, employer matches 50% up to 6%");
    assert_eq!(
        over.employer_match, 1_500,
        "contributions past the cap earn no more"
    );
    let under = total("salary 50k, I contribute 4%, employer matches 50% up to 6%");
    assert_eq!(under.employer_match, 1_000);
    let with_bonus = total("base $45k, 401k 6% with a 50% match up to 6%, and a $1,500 bonus");
    assert_eq!(with_bonus.total, 45_000 + 1_350 + 1_500);
}

#[test]
fn the_engine_answers_a_calculation_question() {
    let reply = common::engine()
        .answer("I make 50k and put 6% in my 401k, they match 50% up to 6%. total comp?");
    assert_eq!(reply.topic.as_deref(), Some("compensation.calculator"));
    let text = common::text_of(&reply);
    assert!(
        text.contains("$1,500") && text.contains("$51,500"),
        "{text}"
    );
}

#[test]
fn a_pay_question_with_details_gets_an_estimate() {
    let reply = common::engine()
        .answer("what would I make with 5 years and a CMAA in Boston at a hospital?");
    let e = reply.estimate().expect("an estimate");
    assert_eq!(reply.topic.as_deref(), Some("salary.estimate"));
    assert_eq!(e.factors.len(), 4, "{:?}", e.factors);
    assert!(common::text_of(&reply).contains("Boston"));
}

#[test]
fn asked_by_the_hour_an_estimate_also_gives_hourly_figures() {
    let engine = common::engine();
    let hours = kb().model.national.paid_hours_per_year;
    for question in [
        "what does a coordinator make per hour in chicago",
        "hourly rate with 5 years in Boston",
        "how much an hr for a hospital job in Denver",
    ] {
        let reply = engine.answer(question);
        let estimate = reply.estimate().expect("an estimate");
        let text = common::text_of(&reply);
        for yearly in [estimate.low, estimate.mid, estimate.high] {
            let hourly = careerbot::domain::hourly_dollars(yearly, hours);
            assert!(
                text.contains(&hourly),
                "{question}: {hourly} missing from\n{text}"
            );
        }
        // $47,200 a year is $22.69 an hour: the figure really is yearly / hours.
        let mid = (estimate.mid as f64 / hours * 100.0).round() / 100.0;
        assert!(text.contains(&format!("${mid:.2}")), "{question}: {text}");
    }
    // Not asked by the hour: yearly figures only.
    let reply = engine.answer("5 years, CMAA, Boston, hospital");
    let estimate = reply.estimate().expect("an estimate");
    let hourly = careerbot::domain::hourly_dollars(estimate.mid, hours);
    assert!(
        !common::text_of(&reply).contains(&hourly),
        "{}",
        common::text_of(&reply)
    );
}

#[test]
fn pay_the_person_gives_is_placed_on_their_estimate() {
    let engine = common::engine();
    let replies = &kb().replies.your_pay;
    let range = engine
        .answer("3 years in Dallas")
        .estimate()
        .expect("an estimate")
        .clone();
    let dollars = careerbot::domain::dollars;
    // Each position, with the pay chosen from the estimate itself.
    let cases = [
        (
            range.low - 5_000,
            &replies.below,
            range.low - (range.low - 5_000),
        ),
        (range.mid - 3_000, &replies.lower_half, 3_000),
        (range.mid, &replies.typical, 0),
        (range.mid + 3_000, &replies.upper_half, 3_000),
        (range.high + 7_000, &replies.above, 7_000),
    ];
    for (pay, template, gap) in cases {
        let question = format!(
            "I make {} in Dallas with 3 years, am I underpaid?",
            dollars(pay)
        );
        let reply = engine.answer(&question);
        assert_eq!(reply.estimate(), Some(&range), "{question}: same estimate");
        let want = careerbot::knowledge::fill(
            template,
            &[("yours", &dollars(pay)), ("gap", &dollars(gap))],
        );
        let text = common::text_of(&reply);
        assert!(text.contains(&want), "{question}: {want:?} not in\n{text}");
    }
    // No pay given: no such line.
    let reply = engine.answer("3 years in Dallas");
    assert!(!reply.body.contains("typical figure"), "{}", reply.body);
}

#[test]
fn an_hourly_rate_is_read_as_yearly_pay() {
    let engine = common::engine();
    let hours = kb().model.national.paid_hours_per_year;
    for (question, rate) in [
        ("I make $22/hr in Dallas, am I underpaid?", 22.0),
        ("I make 22.50 an hour in Dallas", 22.5),
        ("paid $19 per hour in Dallas", 19.0),
    ] {
        let reply = engine.answer(question);
        let yearly = (rate * hours).round() as i64;
        assert_eq!(reply.their_pay(), Some(yearly), "{question}");
        let text = common::text_of(&reply);
        assert!(
            text.contains(&careerbot::domain::dollars(yearly)),
            "{question}: {text}"
        );
    }
    // Hours that are not a rate, and pay outside any salary, are not pay.
    for question in [
        "how many hours a week do coordinators work in Boston",
        "I work 22 hours a week in Dallas, what would I make",
        "I make $5,000,000 in Dallas",
    ] {
        assert_eq!(engine.answer(question).their_pay(), None, "{question}");
    }
    // Asking about hours is not asking for hourly pay.
    let reply = engine.answer("how many hours a week do coordinators work in Boston");
    let mid = reply.estimate().map(|e| e.mid);
    if let Some(mid) = mid {
        let hourly = careerbot::domain::hourly_dollars(mid, hours);
        assert!(!reply.body.contains(&hourly), "{}", reply.body);
    }
}
