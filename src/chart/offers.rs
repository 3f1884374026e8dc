//! The offers picture: one stacked bar per offer (base, match, bonus and
//! other cash), its paid time off drawn apart after a gap because it is
//! time, not cash, and a marker at the cash total at national prices where
//! the place is known. Same size, font and reading rules as the salary
//! chart, for Discord's inline image.

use super::{
    BAND, BAND_EDGE, CARD, ChartError, ESTIMATE, FONT, HEIGHT, INK, LABEL_PX, MIN_TEXT_PX,
    THEIR_PAY, WIDTH, draw_dollar_axis, draw_png, thousands, tick_step,
};
use crate::compensation::OfferComparison;
use crate::knowledge::Replies;
use crate::render::fit;
use crate::render::offers::offer_name;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

const LABEL_RIGHT: i32 = 200;
const PLOT_LEFT: i32 = 216;
const PLOT_RIGHT: i32 = WIDTH as i32 - 110;
const LEGEND_Y: i32 = 22;
const PLOT_TOP: i32 = 52;
const PLOT_BOTTOM: i32 = HEIGHT as i32 - 46;
/// Between the cash bar and the PTO beside it.
const PTO_GAP: i64 = 0;

/// One offer's bar.
#[derive(Debug, Clone, PartialEq)]
pub struct OfferBar {
    pub label: String,
    pub base: i64,
    pub employer_match: i64,
    /// Bonus, profit sharing, stipend and employer health money, less the
    /// person's premium.
    pub other: i64,
    pub pto: i64,
    pub at_national_prices: Option<i64>,
}

/// The planned picture.
#[derive(Debug, Clone, PartialEq)]
pub struct OffersChart {
    pub bars: Vec<OfferBar>,
    pub x_min: i64,
    pub x_max: i64,
    pub tick_step: i64,
    legend: [String; 5],
}

impl OffersChart {
    pub fn plan(replies: &Replies, comparison: &OfferComparison) -> OffersChart {
        let bars: Vec<OfferBar> = (comparison.offers.iter())
            .map(|offer| {
                let t = &offer.total;
                OfferBar {
                    label: fit::truncate(&offer_name(&replies.offers, &offer.label, true), 14),
                    base: t.base,
                    employer_match: t.employer_match,
                    other: t.total - t.base - t.employer_match,
                    pto: t.pto_value,
                    at_national_prices: offer.at_national_prices,
                }
            })
            .collect();
        let lowest = bars
            .iter()
            .map(|b| b.base.min(b.base + b.other))
            .min()
            .unwrap_or(0);
        let highest = (bars.iter())
            .flat_map(|b| {
                [
                    b.base + b.employer_match + b.other.max(0) + PTO_GAP + b.pto,
                    b.at_national_prices.unwrap_or(0),
                ]
            })
            .max()
            .unwrap_or(100_000);
        // The axis starts below the smallest base, so the differences show.
        let start = (lowest as f64 * 0.85) as i64;
        let step = tick_step(highest - start);
        let w = &replies.chart;
        OffersChart {
            bars,
            x_min: start.div_euclid(step) * step,
            x_max: (highest + step - 1).div_euclid(step) * step,
            tick_step: step,
            legend: [
                w.offer_base.clone(),
                w.offer_match.clone(),
                w.offer_other.clone(),
                w.offer_pto.clone(),
                w.offer_national.clone(),
            ],
        }
    }

    pub fn x_pixel(&self, dollars: i64) -> i32 {
        let span = (self.x_max - self.x_min).max(1) as f64;
        let share = ((dollars - self.x_min) as f64 / span).clamp(0.0, 1.0);
        PLOT_LEFT + (share * f64::from(PLOT_RIGHT - PLOT_LEFT)).round() as i32
    }

    fn row_centre(&self, index: usize) -> i32 {
        let height = f64::from(PLOT_BOTTOM - PLOT_TOP) / self.bars.len().max(1) as f64;
        PLOT_TOP + (height * (index as f64 + 0.5)).round() as i32
    }

    pub fn to_png(&self) -> Result<Vec<u8>, ChartError> {
        draw_png(|root| self.draw(root))
    }

    fn draw(
        &self,
        root: &DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>,
    ) -> Result<(), DrawingAreaErrorKind<<BitMapBackend<'_> as DrawingBackend>::ErrorType>> {
        root.fill(&CARD)?;
        let text = |size: f64, colour: &'static RGBColor| {
            TextStyle::from((FONT, size).into_font()).color(colour)
        };
        let other_colour = RGBColor(0x2E, 0xB8, 0xC8);
        let pto_colour = RGBColor(0x5C, 0x63, 0x70);
        // The legend, one line across the top.
        let swatches: [RGBColor; 5] = [BAND, ESTIMATE, other_colour, pto_colour, THEIR_PAY];
        let mut x = 16;
        for (name, colour) in self.legend.iter().zip(swatches) {
            root.draw(&Rectangle::new(
                [(x, LEGEND_Y - 9), (x + 18, LEGEND_Y + 9)],
                colour.filled(),
            ))?;
            let style = text(MIN_TEXT_PX, &INK).pos(Pos::new(HPos::Left, VPos::Center));
            root.draw_text(name, &style, (x + 24, LEGEND_Y))?;
            // About 11 px a character at this size.
            x += 24 + (name.chars().count() as i32) * 11 + 26;
        }
        // The grid and the axis in $k.
        draw_dollar_axis(root, (self.x_min, self.x_max), self.tick_step, |v| {
            self.x_pixel(v)
        })?;
        let height = ((f64::from(PLOT_BOTTOM - PLOT_TOP) / self.bars.len().max(1) as f64) * 0.4)
            .clamp(16.0, 44.0) as i32;
        for (index, bar) in self.bars.iter().enumerate() {
            let y = self.row_centre(index);
            let (top, bottom) = (y - height / 2, y + height / 2);
            let label = text(LABEL_PX, &INK).pos(Pos::new(HPos::Right, VPos::Center));
            root.draw_text(&bar.label, &label, (LABEL_RIGHT, y))?;
            // Base, then match, then other cash; a premium larger than the
            // extras shortens the bar instead.
            let cash_end = bar.base + bar.employer_match + bar.other;
            let segments = [
                (self.x_min, bar.base.min(cash_end), BAND),
                (bar.base, bar.base + bar.employer_match, ESTIMATE),
                (
                    bar.base + bar.employer_match,
                    bar.base + bar.employer_match + bar.other,
                    other_colour,
                ),
            ];
            for (from, to, colour) in segments {
                if to > from {
                    root.draw(&Rectangle::new(
                        [(self.x_pixel(from), top), (self.x_pixel(to), bottom)],
                        colour.filled(),
                    ))?;
                }
            }
            root.draw(&Rectangle::new(
                [
                    (self.x_pixel(self.x_min), top),
                    (self.x_pixel(cash_end), bottom),
                ],
                BAND_EDGE.stroke_width(2),
            ))?;
            // PTO apart: an outlined block after a gap.
            let mut end = cash_end;
            if bar.pto > 0 {
                let (a, b) = (cash_end + PTO_GAP, cash_end + PTO_GAP + bar.pto);
                root.draw(&Rectangle::new(
                    [
                        (self.x_pixel(a) + 4, top + 4),
                        (self.x_pixel(b), bottom - 4),
                    ],
                    pto_colour.filled(),
                ))?;
                end = b;
            }
            // The total's label after the bar and the marker, clear of both.
            let value = text(MIN_TEXT_PX, &INK).pos(Pos::new(HPos::Left, VPos::Center));
            let clear = end.max(bar.at_national_prices.unwrap_or(end));
            root.draw_text(&thousands(cash_end), &value, (self.x_pixel(clear) + 10, y))?;
            // The total at national prices: a tall tick.
            if let Some(national) = bar.at_national_prices {
                let x = self.x_pixel(national);
                root.draw(&Rectangle::new(
                    [(x - 3, top - 8), (x + 3, bottom + 8)],
                    THEIR_PAY.filled(),
                ))?;
            }
        }
        Ok(())
    }
}

/// The offers chart as PNG bytes, in one call.
pub fn offers_png(replies: &Replies, comparison: &OfferComparison) -> Result<Vec<u8>, ChartError> {
    OffersChart::plan(replies, comparison).to_png()
}
