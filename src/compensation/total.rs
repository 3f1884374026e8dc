//! Adding up a pay package: base plus the employer's retirement match plus
//! every extra, with each assumption made where a term was not given.
//!
//! The match rule: the employer adds `match_pct` percent of what you put in,
//! counting your contributions only up to `cap_pct` percent of your pay. So
//! with a 50% match up to 6%, putting in 6% of $50,000 ($3,000) earns $1,500;
//! putting in 10% still earns $1,500. A tiered match adds a rate for each
//! further band ("100% of the first 3% and 50% of the next 2%").

use super::terms::{HourlyBase, PackageQuestion, Tier};
use crate::knowledge::Retirement;
use serde::Serialize;

/// Working days in a year, for the value of a paid day off (52 weeks of 5).
pub const WORKING_DAYS_PER_YEAR: f64 = 260.0;

/// A worked total.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PackageTotal {
    pub base: i64,
    /// The hourly rate the base was worked from, if it was given by the hour.
    pub hourly: Option<HourlyBase>,
    pub contribution_pct: f64,
    pub match_pct: f64,
    pub cap_pct: f64,
    pub next_tiers: Vec<Tier>,
    /// The match's stop in dollars a year, if one was given.
    pub match_cap_dollars: Option<i64>,
    /// What the person puts in a year.
    pub employee_contribution: i64,
    /// What the employer adds a year.
    pub employer_match: i64,
    /// The match as a share of pay, in percent.
    pub match_share_pct: f64,
    pub bonus: i64,
    /// The bonus as a share of pay, when it was given as one.
    pub bonus_pct: Option<f64>,
    pub profit_sharing: i64,
    pub profit_sharing_pct: Option<f64>,
    pub stipend: i64,
    pub employer_health: i64,
    /// The person's own health premium a year: it comes off the total.
    pub premium: i64,
    pub pto_days: Option<f64>,
    /// Paid days off at the daily rate (base / 260): not cash, so not in
    /// `total`.
    pub pto_value: i64,
    /// Base + match + bonus + profit sharing + stipend + the employer's
    /// health money − the person's premium.
    pub total: i64,
    /// Values the person did not give, and what was assumed instead.
    pub assumptions: Vec<Assumption>,
}

/// A value the person did not give, and what the calculation assumed.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Assumption {
    /// No cap given: the common cap, as a percentage of pay.
    CommonCap { cap_pct: f64 },
    /// No match given: the guide's common match.
    CommonMatch { match_pct: f64, cap_pct: f64 },
    /// No contribution given: enough for the full match.
    FullContribution { contribution_pct: f64 },
    /// No salary given: the guide's national median, as an example.
    MedianBase { base: i64 },
}

/// Work out the total, filling gaps with the common match.
pub fn calculate(question: &PackageQuestion, common: &Retirement) -> Option<PackageTotal> {
    let base = question.base?;
    let mut assumptions = Vec::new();
    let (match_pct, cap_pct) = match (question.match_pct, question.cap_pct) {
        (Some(m), Some(c)) => (m, c),
        (Some(m), None) => {
            assumptions.push(Assumption::CommonCap {
                cap_pct: common.common_cap_pct,
            });
            (m, common.common_cap_pct)
        }
        (None, cap) if question.mentions_retirement || question.contribution_pct.is_some() => {
            let cap = cap.unwrap_or(common.common_cap_pct);
            assumptions.push(Assumption::CommonMatch {
                match_pct: common.common_match_pct,
                cap_pct: cap,
            });
            (common.common_match_pct, cap)
        }
        (None, _) => (0.0, 0.0),
    };
    // The further bands count only with a first one.
    let next_tiers: Vec<Tier> = if match_pct > 0.0 {
        question.next_tiers.clone()
    } else {
        Vec::new()
    };
    let matched_reach = cap_pct + next_tiers.iter().map(|t| t.band_pct).sum::<f64>();
    let contribution_pct = match question.contribution_pct {
        Some(c) => c,
        None if match_pct > 0.0 => {
            assumptions.push(Assumption::FullContribution {
                contribution_pct: matched_reach,
            });
            matched_reach
        }
        None => 0.0,
    };
    let employee_contribution = (base as f64 * contribution_pct / 100.0).round() as i64;
    // Each band matches the part of the contribution that falls in it.
    let bands = std::iter::once(Tier {
        rate_pct: match_pct,
        band_pct: cap_pct,
    })
    .chain(next_tiers.iter().copied());
    let mut band_start = 0.0;
    let mut match_share_pct = 0.0;
    for band in bands {
        let inside = (contribution_pct - band_start).clamp(0.0, band.band_pct);
        match_share_pct += inside * band.rate_pct / 100.0;
        band_start += band.band_pct;
    }
    let mut employer_match = (base as f64 * match_share_pct / 100.0).round() as i64;
    if let Some(stop) = question
        .match_cap_dollars
        .filter(|stop| *stop < employer_match)
    {
        employer_match = stop;
        match_share_pct = stop as f64 / base as f64 * 100.0;
    }
    let bonus = question.bonus.map_or(0, |b| b.dollars_on(base));
    let profit_sharing = question.profit_sharing.map_or(0, |p| p.dollars_on(base));
    let stipend = question.stipend.unwrap_or(0);
    let employer_health = question.employer_health.unwrap_or(0);
    let premium = question.premium.unwrap_or(0);
    let pto_value = question.pto_days.map_or(0, |days| {
        (base as f64 / WORKING_DAYS_PER_YEAR * days).round() as i64
    });
    Some(PackageTotal {
        base,
        hourly: question.hourly,
        contribution_pct,
        match_pct,
        cap_pct,
        next_tiers,
        match_cap_dollars: question.match_cap_dollars,
        employee_contribution,
        employer_match,
        match_share_pct,
        bonus,
        bonus_pct: question.bonus.and_then(|b| b.percent()),
        profit_sharing,
        profit_sharing_pct: question.profit_sharing.and_then(|p| p.percent()),
        stipend,
        employer_health,
        premium,
        pto_days: question.pto_days,
        pto_value,
        total: base + employer_match + bonus + profit_sharing + stipend + employer_health - premium,
        assumptions,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compensation::read::project_reader;
    use crate::understanding::normalize;

    fn read_package(text: &str) -> PackageQuestion {
        project_reader().read(text)
    }

    fn common() -> Retirement {
        Retirement {
            common_match_pct: 50.0,
            common_cap_pct: 6.0,
            sources: vec![],
        }
    }

    fn total(text: &str) -> PackageTotal {
        calculate(&read_package(&normalize(text)), &common()).expect("a calculation")
    }

    #[test]
    fn the_common_match_on_a_full_contribution() {
        let t = total("I make $50k, put 6% in my 401(k), they match 50% up to 6%");
        assert_eq!(t.employee_contribution, 3000);
        assert_eq!(t.employer_match, 1500);
        assert_eq!(t.total, 51_500);
        assert!(t.assumptions.is_empty());
    }

    #[test]
    fn contributions_past_the_cap_earn_no_more() {
        let t = total("base 50,000, I contribute 10 percent, match 50% up to 6%");
        assert_eq!(t.employer_match, 1500);
    }

    #[test]
    fn contributions_under_the_cap_are_matched_in_part() {
        let t = total("$60k salary, contributing 4%, employer matches 100% up to 5%");
        assert_eq!(t.employer_match, 2400);
    }

    #[test]
    fn bonus_adds_to_the_total() {
        let t = total("48k base with a $2,000 bonus and a 401k, 5% contribution");
        assert_eq!(t.bonus, 2000);
        assert_eq!(t.base, 48_000);
        // 50% of 5% of 48,000 with the assumed common match.
        assert_eq!(t.employer_match, 1200);
        assert_eq!(t.total, 51_200);
        assert_eq!(t.assumptions.len(), 1);
    }

    #[test]
    fn a_tiered_match_pays_each_band_at_its_rate() {
        // 100% of 3% of 50,000 = 1,500, plus 50% of the next 2% = 500.
        let t = total("base 50k, 401k match 100% of the first 3% and 50% of the next 2%");
        assert_eq!(t.employer_match, 2_000);
        assert_eq!(
            t.contribution_pct, 5.0,
            "assumed: enough for the whole match"
        );
        let t = total("base 50k, I put in 4%, match 100% of the first 3% and 50% of the next 2%");
        assert_eq!(t.employer_match, 1_750);
    }

    #[test]
    fn a_dollar_stop_caps_the_match() {
        let t = total("80k base, they match 100% up to 6%, up to $3,000 a year");
        assert_eq!(t.employer_match, 3_000);
    }

    #[test]
    fn extras_add_up_and_a_premium_comes_off() {
        let t = total("salary 60000, bonus is 5% of salary, and 401k match 100% up to 3%");
        assert_eq!((t.bonus, t.employer_match, t.total), (3_000, 1_800, 64_800));
        let t = total("53k salary, $1,000 CE stipend, and 50% match on 401k up to 6%");
        assert_eq!(t.total, 53_000 + 1_000 + 1_590);
        let t = total(
            "$47,000, employer puts $6,000 a year toward my health insurance, 401k match of 50% up to 6%",
        );
        assert_eq!(t.total, 47_000 + 6_000 + 1_410);
        let t = total("50k, I pay $150 a month for health insurance, $1,000 bonus");
        assert_eq!(t.total, 50_000 + 1_000 - 1_800);
    }

    #[test]
    fn paid_days_off_are_valued_but_not_cash() {
        let t = total("52k base, 2k bonus, 20 days PTO");
        assert_eq!(t.pto_value, 4_000, "52,000 / 260 a day, 20 days");
        assert_eq!(t.total, 54_000);
    }

    #[test]
    fn an_hourly_base_is_worked_to_a_year() {
        let t = total("im at 19.50 a hour, get a 500 dollar bonus, and 401k matchs 50% up to 6%");
        assert_eq!(t.base, 40_560);
        assert_eq!(t.total, 40_560 + 500 + 1_217);
    }

    #[test]
    fn dollar_for_dollar() {
        let t = total("45000 salary, 401k dollar for dollar up to 4%, I put in 4%");
        assert_eq!(t.employer_match, 1800);
    }

    #[test]
    fn no_base_no_calculation() {
        let q = read_package(&normalize("what is a 401k match"));
        assert!(!q.is_calculation());
    }
}
