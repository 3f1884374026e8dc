//! Weighing two to four job offers: each one's cash total, its paid time
//! off valued apart (time, not cash), and, where its place is known, the
//! total at national prices (pay ÷ (RPP / 100)). The guide's advice is the
//! reason: work out what the benefits are worth, because a lower base with
//! a good match can come out ahead, and a higher-paying place may cost more
//! to live in.

use super::terms::{Benefit, PackageQuestion};
use super::total::{Assumption, PackageTotal, calculate};
use crate::domain::OfferLabel;
use crate::knowledge::{PriceLevel, Retirement};
use serde::Serialize;

/// One offer as read: its name, its terms, and its place when one was
/// given.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferTerms {
    pub label: OfferLabel,
    pub package: PackageQuestion,
    pub place: Option<crate::domain::Place>,
}

/// One offer, worked out.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct WeighedOffer {
    pub label: OfferLabel,
    pub total: PackageTotal,
    /// The place's name as the reply shows it.
    pub place: Option<String>,
    pub price: Option<PriceLevel>,
    /// The cash total at national prices, where the place is known.
    pub at_national_prices: Option<i64>,
}

/// Which offer leads, and by how much.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum Lead {
    /// `offer` (an index into the offers) is ahead of the next best,
    /// `next`, by `margin` dollars a year.
    Ahead {
        offer: usize,
        next: usize,
        margin: i64,
    },
    /// Within [`EVEN_WITHIN`] of each other.
    Even { margin: i64 },
}

/// The most offers weighed at once: the guide's advice is about a choice
/// between a few, and a card has room for four side by side.
pub const MAX_OFFERS_WEIGHED: usize = 4;

/// Offers closer than this a year are called even.
pub const EVEN_WITHIN: i64 = 50;

/// Several offers side by side.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct OfferComparison {
    pub offers: Vec<WeighedOffer>,
    /// Offers named but with no base pay that could be read.
    pub unread: Vec<OfferLabel>,
    /// By cash total.
    pub lead: Option<Lead>,
    /// By cash total at national prices, when every offer's place is known.
    pub lead_after_prices: Option<Lead>,
    /// Each assumption made, once, with the offers it was made for.
    pub assumptions: Vec<(Assumption, Vec<OfferLabel>)>,
    /// Each benefit named without a figure, with the offers that name it.
    pub unpriced: Vec<(Benefit, Vec<OfferLabel>)>,
}

/// Work out each offer and which comes out ahead. `offers` pairs each
/// offer's terms with its place's name and price level.
pub fn weigh(
    offers: &[(OfferTerms, Option<String>, Option<PriceLevel>)],
    common: &Retirement,
) -> OfferComparison {
    let mut weighed = Vec::new();
    let mut unread = Vec::new();
    let mut assumptions: Vec<(Assumption, Vec<OfferLabel>)> = Vec::new();
    let mut unpriced: Vec<(Benefit, Vec<OfferLabel>)> = Vec::new();
    for (terms, place, price) in offers {
        // Side by side, an offer counts only what was said of it: no
        // match given is no match, not the common one.
        let mut package = terms.package.clone();
        if package.match_pct.is_none() {
            package.match_pct = Some(0.0);
            package.cap_pct = Some(0.0);
        }
        for benefit in &package.unpriced {
            match unpriced.iter_mut().find(|(b, _)| b == benefit) {
                Some((_, labels)) => labels.push(terms.label.clone()),
                None => unpriced.push((*benefit, vec![terms.label.clone()])),
            }
        }
        let Some(total) = calculate(&package, common) else {
            unread.push(terms.label.clone());
            continue;
        };
        for assumption in &total.assumptions {
            match assumptions.iter_mut().find(|(a, _)| a == assumption) {
                Some((_, labels)) => labels.push(terms.label.clone()),
                None => assumptions.push((*assumption, vec![terms.label.clone()])),
            }
        }
        weighed.push(WeighedOffer {
            label: terms.label.clone(),
            at_national_prices: price.as_ref().map(|p| p.at_national_prices(total.total)),
            place: place.clone(),
            price: price.clone(),
            total,
        });
    }
    let lead = lead_of(weighed.iter().map(|o| Some(o.total.total)));
    let lead_after_prices = lead_of(weighed.iter().map(|o| o.at_national_prices));
    OfferComparison {
        offers: weighed,
        unread,
        lead,
        lead_after_prices,
        assumptions,
        unpriced,
    }
}

/// The best of two or more figures and its margin over the next best;
/// `None` when fewer than two, or any is missing.
fn lead_of(figures: impl Iterator<Item = Option<i64>>) -> Option<Lead> {
    let figures: Vec<i64> = figures.collect::<Option<Vec<i64>>>()?;
    if figures.len() < 2 {
        return None;
    }
    let (best, &top) = figures
        .iter()
        .enumerate()
        .max_by_key(|(i, f)| (**f, -(*i as i64)))?;
    let (next, &second) = (figures.iter().enumerate())
        .filter(|(i, _)| *i != best)
        .max_by_key(|(i, f)| (**f, -(*i as i64)))?;
    let margin = top - second;
    Some(match margin < EVEN_WITHIN {
        true => Lead::Even { margin },
        false => Lead::Ahead {
            offer: best,
            next,
            margin,
        },
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::compensation::read::project_reader;
    use crate::understanding::normalize;

    fn common() -> Retirement {
        crate::knowledge::KnowledgeBase::load(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge"))
            .expect("the project's knowledge loads")
            .model
            .retirement
    }

    fn offer(
        place: u8,
        text: &str,
        rpp: Option<f64>,
    ) -> (OfferTerms, Option<String>, Option<PriceLevel>) {
        let terms = OfferTerms {
            label: OfferLabel::default_at(usize::from(place), "offer"),
            package: project_reader().read(&normalize(text)),
            place: None,
        };
        let price = rpp.map(|rpp| PriceLevel {
            area: "somewhere".into(),
            rpp,
            year: 2024,
        });
        (terms, None, price)
    }

    #[test]
    fn a_lower_base_with_a_match_can_come_out_ahead() {
        // The guide: "a slightly lower base but a good 401(k) match can
        // come out ahead".
        let weighed = weigh(
            &[
                offer(1, "$46,000 a year with no 401(k) match", None),
                offer(2, "$44,500 a year, they match 100% up to 4%", None),
            ],
            &common(),
        );
        let totals: Vec<i64> = weighed.offers.iter().map(|o| o.total.total).collect();
        assert_eq!(totals, [46_000, 46_280]);
        assert_eq!(
            weighed.lead,
            Some(Lead::Ahead {
                offer: 1,
                next: 0,
                margin: 280
            })
        );
    }

    #[test]
    fn prices_can_turn_the_lead() {
        let weighed = weigh(
            &[
                offer(1, "$60,000", Some(115.613)),
                offer(2, "$50,000", Some(90.364)),
            ],
            &common(),
        );
        assert_eq!(
            weighed.lead,
            Some(Lead::Ahead {
                offer: 0,
                next: 1,
                margin: 10_000
            })
        );
        let at_national: Vec<Option<i64>> = weighed
            .offers
            .iter()
            .map(|o| o.at_national_prices)
            .collect();
        // 60,000 / 1.15613 and 50,000 / 0.90364.
        assert_eq!(at_national, [Some(51_897), Some(55_332)]);
        assert_eq!(
            weighed.lead_after_prices,
            Some(Lead::Ahead {
                offer: 1,
                next: 0,
                margin: 3_435
            })
        );
    }

    #[test]
    fn an_offer_without_a_base_is_named_not_guessed() {
        let weighed = weigh(
            &[offer(1, "$50,000", None), offer(2, "a 4% match", None)],
            &common(),
        );
        assert_eq!(weighed.offers.len(), 1);
        assert_eq!(weighed.unread, [OfferLabel::default_at(2, "offer")]);
        assert_eq!(weighed.lead, None);
    }

    #[test]
    fn close_offers_are_even_and_assumptions_are_stated_once() {
        let weighed = weigh(
            &[
                offer(1, "$50,000, 50% match up to 6%", None),
                offer(2, "$50,020, 50% match up to 6%", None),
            ],
            &common(),
        );
        assert!(matches!(weighed.lead, Some(Lead::Even { .. })));
        assert_eq!(weighed.assumptions.len(), 1);
        assert_eq!(weighed.assumptions[0].1.len(), 2);
    }
}
