//! The terms of one pay package, as a person gave them: numbers only.

use serde::Serialize;

/// An amount given in dollars, or as a share of base pay ("5% bonus").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Amount {
    Dollars(i64),
    PercentOfPay(f64),
}

impl Amount {
    /// The amount in dollars a year on a base of `base`.
    pub fn dollars_on(&self, base: i64) -> i64 {
        match *self {
            Amount::Dollars(dollars) => dollars,
            Amount::PercentOfPay(pct) => (base as f64 * pct / 100.0).round() as i64,
        }
    }

    /// The share of pay, when the amount was given as one.
    pub fn percent(&self) -> Option<f64> {
        match *self {
            Amount::PercentOfPay(pct) => Some(pct),
            Amount::Dollars(_) => None,
        }
    }
}

/// A further band of a tiered match: `rate_pct` of what you put in on the
/// next `band_pct` percent of pay ("and 50% of the next 2%").
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Tier {
    pub rate_pct: f64,
    pub band_pct: f64,
}

/// A base given by the hour: the rate and the paid hours in a year.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct HourlyBase {
    pub rate: f64,
    pub hours_per_year: f64,
}

/// What a person said about a job's pay package.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct PackageQuestion {
    /// Base pay a year.
    pub base: Option<i64>,
    /// How the base was given, when it was given by the hour.
    pub hourly: Option<HourlyBase>,
    pub contribution_pct: Option<f64>,
    /// The match's first band: `match_pct` of contributions on up to
    /// `cap_pct` percent of pay.
    pub match_pct: Option<f64>,
    pub cap_pct: Option<f64>,
    /// Bands after the first, in order.
    pub next_tiers: Vec<Tier>,
    /// A match that stops at a dollar amount a year ("up to $2,000").
    pub match_cap_dollars: Option<i64>,
    pub bonus: Option<Amount>,
    pub profit_sharing: Option<Amount>,
    /// A continuing-education stipend, a year.
    pub stipend: Option<i64>,
    /// What the employer puts toward health insurance, a year.
    pub employer_health: Option<i64>,
    /// What the person pays for health insurance, a year.
    pub premium: Option<i64>,
    /// Paid days off a year.
    pub pto_days: Option<f64>,
    /// A 401(k)/403(b) or a match was mentioned.
    pub mentions_retirement: bool,
    /// Benefits named with no figure ("a small bonus", "a pension").
    pub unpriced: Vec<Benefit>,
}

/// A kind of benefit a package can name.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Benefit {
    Bonus,
    ProfitSharing,
    Stipend,
    Health,
    Retirement,
    Pto,
}

impl PackageQuestion {
    /// Terms of a package beyond the base: a match, a contribution, a bonus
    /// or another extra ("they match 50% up to 6%"). With a base stated
    /// earlier, they make a calculation.
    pub fn has_terms(&self) -> bool {
        self.match_pct.is_some()
            || self.has_extras()
            || (self.contribution_pct.is_some() && self.mentions_retirement)
    }

    /// Retirement terms: a match, or a contribution to a named plan. Alone,
    /// without a base, they still make a calculation ("what if they match
    /// 100% up to 4%?"); a bonus or a bill alone does not.
    pub fn has_retirement_terms(&self) -> bool {
        self.match_pct.is_some() || (self.contribution_pct.is_some() && self.mentions_retirement)
    }

    /// Money beyond base pay and the match, or paid days off.
    fn has_extras(&self) -> bool {
        self.bonus.is_some()
            || self.profit_sharing.is_some()
            || self.stipend.is_some()
            || self.employer_health.is_some()
            || self.premium.is_some()
            || self.pto_days.is_some()
    }

    /// These terms with newer ones over them: what the newer message says
    /// wins, what it does not say is kept.
    pub fn merged_with(&self, newer: &PackageQuestion) -> PackageQuestion {
        let newer_base = newer.base.is_some();
        PackageQuestion {
            base: newer.base.or(self.base),
            hourly: if newer_base {
                newer.hourly
            } else {
                self.hourly
            },
            contribution_pct: newer.contribution_pct.or(self.contribution_pct),
            match_pct: newer.match_pct.or(self.match_pct),
            cap_pct: newer.cap_pct.or(self.cap_pct),
            next_tiers: if newer.match_pct.is_some() {
                newer.next_tiers.clone()
            } else {
                self.next_tiers.clone()
            },
            match_cap_dollars: newer.match_cap_dollars.or(self.match_cap_dollars),
            bonus: newer.bonus.or(self.bonus),
            profit_sharing: newer.profit_sharing.or(self.profit_sharing),
            stipend: newer.stipend.or(self.stipend),
            employer_health: newer.employer_health.or(self.employer_health),
            premium: newer.premium.or(self.premium),
            pto_days: newer.pto_days.or(self.pto_days),
            mentions_retirement: newer.mentions_retirement || self.mentions_retirement,
            // What is still named without a figure after the merge.
            unpriced: (self.unpriced.iter().chain(&newer.unpriced)).copied().fold(
                Vec::new(),
                |mut kept, benefit| {
                    if !kept.contains(&benefit) {
                        kept.push(benefit);
                    }
                    kept
                },
            ),
        }
    }

    /// Enough to calculate: a base salary and something to add to it.
    pub fn is_calculation(&self) -> bool {
        self.base.is_some()
            && (self.has_extras()
                || self.match_pct.is_some()
                || self.contribution_pct.is_some()
                || self.mentions_retirement)
    }
}
