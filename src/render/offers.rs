//! Job offers in words, from `[offers]` in `replies.toml`: the verdict
//! first, then each offer's lines (the same lines a Discord card puts in
//! one inline field per offer), then the assumptions, each stated once.

use super::words::{Sections, share_or_amount, trim_number};
use crate::compensation::{Lead, OfferComparison, WeighedOffer};
use crate::domain::{OfferLabel, dollars, grouped, signed_dollars};
use crate::knowledge::{OffersWords, Replies, fill};

/// An offer's name; `starts` capitalizes it for the start of a sentence.
pub fn offer_name(w: &OffersWords, label: &OfferLabel, starts: bool) -> String {
    let name = match label {
        OfferLabel::Lettered { noun, mark } => fill(
            &w.lettered,
            &[
                ("noun", &capitalized(noun)),
                // "Offer B", "Job 2", "Company one".
                (
                    "mark",
                    &match mark.len() {
                        1 => mark.to_uppercase(),
                        _ => mark.clone(),
                    },
                ),
            ],
        ),
        OfferLabel::Ordered { place, noun } => {
            let ordinal = (w.ordinals.get(usize::from(*place).saturating_sub(1)))
                .cloned()
                .unwrap_or_else(|| place.to_string());
            fill(&w.ordered, &[("ordinal", &ordinal), ("noun", noun)])
        }
        OfferLabel::AtPlace { name } => fill(&w.at_place, &[("place", name)]),
        OfferLabel::Named { words, the } => {
            // Short words of a name are most likely initials ("PT").
            let name: Vec<String> = (words.iter())
                .map(|word| match word.len() <= 2 {
                    true => word.to_uppercase(),
                    false => capitalized(word),
                })
                .collect();
            let name = name.join(" ");
            match the {
                true => fill(&w.named_the, &[("name", &name.to_lowercase())]),
                false => name,
            }
        }
    };
    match starts {
        true => capitalized(&name),
        false => name,
    }
}

fn capitalized(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Offer A, Offer B and Offer C".
fn names(w: &OffersWords, labels: &[OfferLabel]) -> String {
    let names: Vec<String> = labels.iter().map(|l| offer_name(w, l, false)).collect();
    match names.split_last() {
        Some((last, rest)) if !rest.is_empty() => {
            format!("{}{}{last}", rest.join(&w.name_join), w.name_last)
        }
        _ => names.join(""),
    }
}

/// The one line that leads: which offer comes out ahead, and by how much,
/// in cash and after cost of living.
pub fn verdict(w: &OffersWords, comparison: &OfferComparison) -> String {
    let name = |i: usize, starts: bool| {
        (comparison.offers.get(i)).map_or(String::new(), |o| offer_name(w, &o.label, starts))
    };
    let after = comparison.lead_after_prices;
    match (comparison.lead, after) {
        (
            Some(Lead::Ahead {
                offer,
                next,
                margin,
            }),
            Some(Lead::Ahead {
                offer: after_offer,
                margin: after_margin,
                ..
            }),
        ) if after_offer != offer => fill(
            &w.ahead_turned,
            &[
                ("winner", &name(offer, true)),
                ("margin", &dollars(margin)),
                ("next", &name(next, false)),
                ("after_winner", &name(after_offer, false)),
                ("after", &dollars(after_margin)),
            ],
        ),
        (
            Some(Lead::Ahead {
                offer,
                next,
                margin,
            }),
            Some(Lead::Ahead {
                margin: after_margin,
                ..
            }),
        ) => fill(
            &w.ahead_after_too,
            &[
                ("winner", &name(offer, true)),
                ("margin", &dollars(margin)),
                ("next", &name(next, false)),
                ("after", &dollars(after_margin)),
            ],
        ),
        (
            Some(Lead::Ahead {
                offer,
                next,
                margin,
            }),
            _,
        ) => fill(
            &w.ahead,
            &[
                ("winner", &name(offer, true)),
                ("margin", &dollars(margin)),
                ("next", &name(next, false)),
            ],
        ),
        (
            Some(Lead::Even { .. }),
            Some(Lead::Ahead {
                offer: after_offer,
                margin: after_margin,
                ..
            }),
        ) => fill(
            &w.even_turned,
            &[
                ("after_winner", &name(after_offer, false)),
                ("after", &dollars(after_margin)),
            ],
        ),
        (Some(Lead::Even { margin }), _) => fill(&w.even, &[("margin", &dollars(margin))]),
        (None, _) => match comparison.offers.first() {
            Some(only) => fill(&w.one_read, &[("name", &offer_name(w, &only.label, false))]),
            None => String::new(),
        },
    }
}

/// One offer's heading: its name, and its place when known.
pub fn heading(w: &OffersWords, offer: &WeighedOffer) -> String {
    let place = match (&offer.label, offer.place.as_ref()) {
        (OfferLabel::AtPlace { .. }, _) | (_, None) => String::new(),
        (_, Some(place)) => fill(&w.heading_place, &[("place", place)]),
    };
    fill(
        &w.heading,
        &[
            ("name", &offer_name(w, &offer.label, true)),
            ("place", &place),
        ],
    )
}

/// One offer's lines: each part of its pay, the cash total, paid time off
/// apart, and the total at national prices.
pub fn offer_lines(w: &OffersWords, offer: &WeighedOffer) -> Vec<String> {
    let total = &offer.total;
    let mut lines = vec![match total.hourly {
        Some(hourly) => fill(
            &w.hourly_base,
            &[
                ("rate", &format!("${:.2}", hourly.rate)),
                ("hours", &grouped(hourly.hours_per_year.round() as u64)),
                ("base", &dollars(total.base)),
            ],
        ),
        None => fill(&w.base, &[("base", &dollars(total.base))]),
    }];
    if total.employer_match > 0 {
        let mut rule = match total.next_tiers.is_empty() {
            true => fill(
                &w.rule,
                &[
                    ("match", &trim_number(total.match_pct)),
                    ("cap", &trim_number(total.cap_pct)),
                ],
            ),
            false => {
                let first = fill(
                    &w.rule_tier,
                    &[
                        ("match", &trim_number(total.match_pct)),
                        ("band", &trim_number(total.cap_pct)),
                    ],
                );
                let next = total.next_tiers.iter().map(|t| {
                    fill(
                        &w.rule_next,
                        &[
                            ("match", &trim_number(t.rate_pct)),
                            ("band", &trim_number(t.band_pct)),
                        ],
                    )
                });
                std::iter::once(first)
                    .chain(next)
                    .collect::<Vec<_>>()
                    .join(&w.rule_join)
            }
        };
        if let Some(stop) = total.match_cap_dollars {
            rule.push_str(&fill(&w.rule_stop, &[("stop", &dollars(stop))]));
        }
        rule.push_str(&fill(
            &w.rule_own,
            &[("percent", &trim_number(total.contribution_pct))],
        ));
        lines.push(fill(
            &w.employer_match,
            &[
                ("amount", &signed_dollars(total.employer_match)),
                ("rule", &rule),
            ],
        ));
    } else if total.match_pct == 0.0 {
        lines.push(w.no_match.clone());
    }
    if total.bonus > 0 {
        lines.push(share_or_amount(
            total.bonus_pct,
            &w.bonus_share,
            &w.bonus,
            total.bonus,
        ));
    }
    if total.profit_sharing > 0 {
        lines.push(share_or_amount(
            total.profit_sharing_pct,
            &w.profit_sharing_share,
            &w.profit_sharing,
            total.profit_sharing,
        ));
    }
    for (amount, template) in [
        (total.stipend, &w.stipend),
        (total.employer_health, &w.employer_health),
        (-total.premium, &w.premium),
    ] {
        if amount != 0 {
            lines.push(fill(template, &[("amount", &signed_dollars(amount))]));
        }
    }
    lines.push(fill(&w.total, &[("total", &dollars(total.total))]));
    if let Some(days) = total.pto_days {
        lines.push(fill(
            &w.pto,
            &[
                ("days", &trim_number(days)),
                ("amount", &dollars(total.pto_value)),
            ],
        ));
    }
    if let (Some(amount), Some(price)) = (offer.at_national_prices, &offer.price) {
        let percent = super::words::price_percent(price.rpp);
        lines.push(fill(
            &w.national,
            &[("amount", &dollars(amount)), ("percent", &percent)],
        ));
    }
    lines
}

/// The notes under the offers: what could not be read, each assumption
/// once with the offers it was made for, and how PTO and prices count.
pub fn offer_notes(words: &Replies, comparison: &OfferComparison) -> Vec<String> {
    let w = &words.offers;
    let mut notes: Vec<String> = (comparison.unread.iter())
        .map(|label| fill(&w.unread, &[("name", &offer_name(w, label, false))]))
        .collect();
    for (assumption, labels) in &comparison.assumptions {
        let said = super::words::assumption_line(words, assumption);
        let said = said.trim_end_matches('.');
        notes.push(fill(
            &w.assumed_for,
            &[("names", &names(w, labels)), ("assumption", said)],
        ));
    }
    if comparison.offers.iter().any(|o| o.total.pto_days.is_some()) {
        notes.push(w.pto_note.clone());
    }
    let things: Vec<String> = (comparison.unpriced.iter())
        .map(|(benefit, labels)| {
            fill(
                &w.unpriced_thing,
                &[
                    ("benefit", w.benefits.of(*benefit)),
                    ("names", &names(w, labels)),
                ],
            )
        })
        .collect();
    notes.push(match things.is_empty() {
        true => w.unpriced_note.clone(),
        false => fill(
            &w.unpriced_named,
            &[("things", &things.join(&w.unpriced_join))],
        ),
    });
    if let Some(price) = comparison.offers.iter().find_map(|o| o.price.as_ref()) {
        notes.push(fill(&w.prices_note, &[("year", &price.year.to_string())]));
    }
    notes
}

/// The whole reply in sections.
pub fn sections(words: &Replies, comparison: &OfferComparison) -> Sections {
    let w = &words.offers;
    let blocks: Vec<String> = (comparison.offers.iter())
        .map(|offer| {
            let lines: Vec<String> = offer_lines(w, offer)
                .into_iter()
                .map(|l| format!("- {l}"))
                .collect();
            format!("{}\n{}", heading(w, offer), lines.join("\n"))
        })
        .collect();
    Sections {
        headline: verdict(w, comparison),
        body: blocks.join("\n\n"),
        working_out: Vec::new(),
        notes: offer_notes(words, comparison),
    }
}
