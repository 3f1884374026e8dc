//! Salary pictures: a PNG that shows where an estimate stands among the
//! experience bands, the BLS percentiles and the local market.
//!
//! Planning and drawing are apart. [`SalaryChart::plan`] decides the rows,
//! the dollar range and the labels from the knowledge base and an estimate;
//! [`SalaryChart::to_png`] draws it with plotters into an 800×450 bitmap.
//! The font is compiled in (DejaVu Sans, `assets/fonts/`, Bitstream Vera
//! license), so no machine needs system fonts or fontconfig.
//!
//! Discord shows an embed image at about 400×225 (250 px wide on a
//! phone), half the drawn size, so the picture is made for that: at most
//! five rows, text of at least 22 px (11 px as shown), no title or sources
//! (the card has them), and a dark card with bright marks that reads on
//! Discord's dark and light themes alike.

use crate::domain::Profile;
use crate::estimate::{Estimate, Evidence, location_factor};
use crate::knowledge::{ChartWords, KnowledgeBase, fill};
use crate::render::fit;
use plotters::prelude::*;
use plotters::style::FontStyle;
use plotters::style::text_anchor::{HPos, Pos, VPos};
use std::fmt;
use std::sync::OnceLock;

mod offers;
pub use offers::{OffersChart, offers_png};

/// The picture's size: about Discord's embed width.
pub const WIDTH: u32 = 800;
pub const HEIGHT: u32 = 450;

/// The file name Discord attachments use (`attachment://salary.png`).
pub const FILE_NAME: &str = "salary.png";

const FONT: &str = "careerbot-sans";
static FONT_REGULAR: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans.ttf");
static FONT_BOLD: &[u8] = include_bytes!("../../assets/fonts/DejaVuSans-Bold.ttf");

// Layout, in pixels.
const LABEL_RIGHT: i32 = 228;
const PLOT_LEFT: i32 = 250;
const PLOT_RIGHT: i32 = WIDTH as i32 - 40;
const PLOT_TOP: i32 = 16;
const PLOT_BOTTOM: i32 = HEIGHT as i32 - 46;

/// The smallest text drawn: 11 px when Discord halves the picture.
pub const MIN_TEXT_PX: f64 = 22.0;
/// The row labels.
const LABEL_PX: f64 = 26.0;
/// The most rows a chart has, so each keeps room for text that size.
pub const MAX_ROWS: usize = 5;
/// The half-width of the markers (estimate and own pay), in pixels.
pub const MARKER_HALF_WIDTH: i32 = 4;

// Discord's dark embed grey behind light text and bright marks.
const CARD: RGBColor = RGBColor(0x2B, 0x2D, 0x31);
const INK: RGBColor = RGBColor(0xF2, 0xF3, 0xF5);
const MUTED: RGBColor = RGBColor(0xB5, 0xBA, 0xC1);
const GRID: RGBColor = RGBColor(0x42, 0x45, 0x4C);
const BAND: RGBColor = RGBColor(0x3C, 0x4A, 0x8C);
const BAND_EDGE: RGBColor = RGBColor(0x8C, 0x9E, 0xFF);
const WHISKER: RGBColor = RGBColor(0x94, 0x9B, 0xA4);
const BOX: RGBColor = RGBColor(0x5C, 0x63, 0x70);
/// The estimate's bar edge and marker; the tests look for it.
pub const ESTIMATE: RGBColor = RGBColor(0x57, 0xF2, 0x87);
const ESTIMATE_LIGHT: RGBColor = RGBColor(0x1F, 0x6F, 0x43);
/// The marker of the pay the person gave.
pub const THEIR_PAY: RGBColor = RGBColor(0xF0, 0xB2, 0x32);

/// What one row of the chart shows.
#[derive(Debug, Clone, PartialEq)]
pub enum Mark {
    /// A range bar: an experience band.
    Range { low: i64, high: i64 },
    /// BLS percentiles: whiskers from the 10th to the 90th, a box from the
    /// 25th to the 75th, a line at the median. Missing ones are left out.
    Percentiles {
        p10: Option<i64>,
        p25: Option<i64>,
        median: Option<i64>,
        p75: Option<i64>,
        p90: Option<i64>,
    },
    /// The person's estimate: a bar from low to high, a marker at mid.
    Estimate { low: i64, mid: i64, high: i64 },
    /// The pay the person gave: one marker.
    TheirPay { amount: i64 },
}

impl Mark {
    /// Every dollar figure the mark draws.
    pub fn values(&self) -> Vec<i64> {
        match self {
            Mark::Range { low, high } => vec![*low, *high],
            Mark::Percentiles {
                p10,
                p25,
                median,
                p75,
                p90,
            } => [p10, p25, median, p75, p90]
                .into_iter()
                .flatten()
                .copied()
                .collect(),
            Mark::Estimate { low, mid, high } => vec![*low, *mid, *high],
            Mark::TheirPay { amount } => vec![*amount],
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub label: String,
    pub mark: Mark,
}

/// A planned chart.
#[derive(Debug, Clone, PartialEq)]
pub struct SalaryChart {
    pub rows: Vec<Row>,
    /// The dollar range of the x axis.
    pub x_min: i64,
    pub x_max: i64,
    pub tick_step: i64,
    /// The wording drawn beside the marks, from `replies.toml` `[chart]`.
    pub words: ChartWords,
}

/// Drawing failed (a font that will not load, a backend error).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChartError(pub String);

impl fmt::Display for ChartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "could not draw the salary chart: {}", self.0)
    }
}

impl std::error::Error for ChartError {}

impl SalaryChart {
    /// Plan the chart for an estimate made from `details`: the person's
    /// experience band (or the national span of all of them), BLS for the
    /// U.S. and for their area, and the estimate; at most four rows, so the
    /// person's own pay can make a fifth.
    pub fn plan(kb: &KnowledgeBase, estimate: &Estimate, details: &Profile) -> SalaryChart {
        let words = &kb.replies.chart;
        let mut rows = Vec::new();
        let band = estimate.factors.iter().find_map(|f| match &f.evidence {
            Evidence::Experience {
                band, low, high, ..
            } => Some((band, *low, *high)),
            _ => None,
        });
        rows.push(match band {
            Some((band, low, high)) => Row {
                label: fill(
                    &words.band,
                    &[("band", &fit::capitalized(&short(band, 14)))],
                ),
                mark: Mark::Range { low, high },
            },
            None => {
                let (low, high) = national_span(kb);
                Row {
                    label: words.national.clone(),
                    mark: Mark::Range { low, high },
                }
            }
        });
        if let Some(n) = kb.wages.national_for(kb.model.location.bls_year) {
            rows.push(Row {
                label: words.bls_national.clone(),
                mark: Mark::Percentiles {
                    p10: n.annual_p10.map(i64::from),
                    p25: n.annual_p25.map(i64::from),
                    median: n.annual_median.map(i64::from),
                    p75: n.annual_p75.map(i64::from),
                    p90: n.annual_p90.map(i64::from),
                },
            });
        }
        if let Some(place) = &details.location {
            match &estimate.local {
                Some(local) if local.median.is_some() => rows.push(Row {
                    label: fill(&words.bls_local, &[("area", &short_area(&local.area))]),
                    mark: Mark::Percentiles {
                        p10: local.p10.map(i64::from),
                        p25: local.p25.map(i64::from),
                        median: local.median.map(i64::from),
                        p75: local.p75.map(i64::from),
                        p90: local.p90.map(i64::from),
                    },
                }),
                _ => {
                    // No BLS figures for the area: the national span, moved
                    // by the location factor the estimate used.
                    let factor = location_factor(kb, place).factor;
                    let (low, high) = national_span(kb);
                    rows.push(Row {
                        label: words.local_market.clone(),
                        mark: Mark::Range {
                            low: (low as f64 * factor).round() as i64,
                            high: (high as f64 * factor).round() as i64,
                        },
                    });
                }
            }
        }
        rows.push(Row {
            label: words.estimate.clone(),
            mark: Mark::Estimate {
                low: estimate.low,
                mid: estimate.mid,
                high: estimate.high,
            },
        });
        let mut chart = SalaryChart {
            rows,
            x_min: 0,
            x_max: 0,
            tick_step: 1,
            words: words.clone(),
        };
        chart.fit_axis();
        chart
    }

    /// The same chart with a last row marking the pay the person gave.
    pub fn with_their_pay(mut self, amount: i64) -> SalaryChart {
        self.rows.push(Row {
            label: self.words.your_pay.clone(),
            mark: Mark::TheirPay { amount },
        });
        self.fit_axis();
        self
    }

    /// Set the dollar axis to hold every row's figures, in round steps.
    fn fit_axis(&mut self) {
        let values: Vec<i64> = self.rows.iter().flat_map(|r| r.mark.values()).collect();
        let lowest = values.iter().copied().min().unwrap_or(0);
        let highest = values.iter().copied().max().unwrap_or(100_000);
        let tick_step = tick_step(highest - lowest);
        self.x_min = (lowest - tick_step / 2).div_euclid(tick_step) * tick_step;
        self.x_max = (highest + tick_step / 2 + tick_step - 1).div_euclid(tick_step) * tick_step;
        self.tick_step = tick_step;
    }

    /// The x pixel of a dollar amount.
    pub fn x_pixel(&self, dollars: i64) -> i32 {
        let span = (self.x_max - self.x_min).max(1) as f64;
        let share = (dollars - self.x_min) as f64 / span;
        PLOT_LEFT + (share * f64::from(PLOT_RIGHT - PLOT_LEFT)).round() as i32
    }

    /// The vertical centre of row `index`.
    pub fn row_centre(&self, index: usize) -> i32 {
        let height = f64::from(PLOT_BOTTOM - PLOT_TOP) / self.rows.len().max(1) as f64;
        PLOT_TOP + (height * (index as f64 + 0.5)).round() as i32
    }

    fn row_height(&self) -> i32 {
        (PLOT_BOTTOM - PLOT_TOP) / self.rows.len().max(1) as i32
    }

    /// The height of a row's bar, in pixels.
    pub fn bar_height(&self) -> i32 {
        (self.row_height() as f64 * 0.3).clamp(14.0, 26.0) as i32
    }

    /// Where the row labels end, in pixels from the left.
    pub fn label_right(&self) -> i32 {
        LABEL_RIGHT
    }

    /// Draw the chart as PNG bytes.
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
        let bold = |size: f64, colour: &'static RGBColor| {
            TextStyle::from((FONT, size, FontStyle::Bold).into_font()).color(colour)
        };

        // The grid and the axis in $k.
        draw_dollar_axis(root, (self.x_min, self.x_max), self.tick_step, |v| {
            self.x_pixel(v)
        })?;

        let bar = self.bar_height();
        let value_style = text(MIN_TEXT_PX, &MUTED);
        for (index, row) in self.rows.iter().enumerate() {
            let y = self.row_centre(index);
            let label_style = if matches!(row.mark, Mark::Estimate { .. } | Mark::TheirPay { .. }) {
                bold(LABEL_PX, &INK)
            } else {
                text(LABEL_PX, &INK)
            };
            root.draw_text(
                &row.label,
                &label_style.pos(Pos::new(HPos::Right, VPos::Center)),
                (LABEL_RIGHT, y),
            )?;
            match &row.mark {
                Mark::Range { low, high } => {
                    let (x0, x1) = (self.x_pixel(*low), self.x_pixel(*high));
                    outlined_bar(root, (x0, x1), y, bar, BAND, BAND_EDGE.stroke_width(2))?;
                    let label = format!("{}–{}", thousands(*low), thousands(*high));
                    self.label_beside(root, &label, x0, x1, y, &value_style)?;
                }
                Mark::Percentiles {
                    p10,
                    p25,
                    median,
                    p75,
                    p90,
                } => {
                    if let (Some(a), Some(b)) = (p10.or(*p25), p90.or(*p75)) {
                        root.draw(&PathElement::new(
                            vec![(self.x_pixel(a), y), (self.x_pixel(b), y)],
                            WHISKER.stroke_width(3),
                        ))?;
                        for end in [a, b] {
                            let x = self.x_pixel(end);
                            root.draw(&PathElement::new(
                                vec![(x, y - bar / 3), (x, y + bar / 3)],
                                WHISKER.stroke_width(3),
                            ))?;
                        }
                    }
                    if let (Some(a), Some(b)) = (p25, p75) {
                        root.draw(&Rectangle::new(
                            [
                                (self.x_pixel(*a), y - bar / 2),
                                (self.x_pixel(*b), y + bar / 2),
                            ],
                            BOX.filled(),
                        ))?;
                    }
                    if let Some(m) = median {
                        let x = self.x_pixel(*m);
                        root.draw(&Rectangle::new(
                            [(x - 2, y - bar / 2 - 3), (x + 2, y + bar / 2 + 3)],
                            INK.filled(),
                        ))?;
                    }
                    let left = p10.or(*p25).or(*median).unwrap_or(self.x_min);
                    let right = p90.or(*p75).or(*median).unwrap_or(self.x_min);
                    let label = match median {
                        Some(m) => fill(&self.words.median, &[("median", &thousands(*m))]),
                        None => String::new(),
                    };
                    self.label_beside(
                        root,
                        &label,
                        self.x_pixel(left),
                        self.x_pixel(right),
                        y,
                        &value_style,
                    )?;
                }
                Mark::Estimate { low, mid, high } => {
                    let (x0, xm, x1) =
                        (self.x_pixel(*low), self.x_pixel(*mid), self.x_pixel(*high));
                    outlined_bar(
                        root,
                        (x0, x1),
                        y,
                        bar,
                        ESTIMATE_LIGHT,
                        ESTIMATE.stroke_width(3),
                    )?;
                    root.draw(&Rectangle::new(
                        [
                            (xm - MARKER_HALF_WIDTH, y - bar / 2 - 8),
                            (xm + MARKER_HALF_WIDTH, y + bar / 2 + 8),
                        ],
                        ESTIMATE.filled(),
                    ))?;
                    self.estimate_labels(root, (*mid, xm), y, bar)?;
                }
                Mark::TheirPay { amount } => {
                    let x = self.x_pixel(*amount);
                    root.draw(&Rectangle::new(
                        [
                            (x - MARKER_HALF_WIDTH, y - bar / 2 - 6),
                            (x + MARKER_HALF_WIDTH, y + bar / 2 + 6),
                        ],
                        THEIR_PAY.filled(),
                    ))?;
                    let style = bold(LABEL_PX, &THEIR_PAY);
                    self.label_beside(root, &thousands(*amount), x - 4, x + 4, y, &style)?;
                }
            }
        }
        Ok(())
    }

    /// A label to the right of a mark, or to its left when the right has no
    /// room; never over the mark or past the plot.
    fn label_beside(
        &self,
        root: &DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>,
        label: &str,
        x0: i32,
        x1: i32,
        y: i32,
        style: &TextStyle<'_>,
    ) -> Result<(), DrawingAreaErrorKind<<BitMapBackend<'_> as DrawingBackend>::ErrorType>> {
        if label.is_empty() {
            return Ok(());
        }
        let (width, _) = root.estimate_text_size(label, style)?;
        let width = width as i32;
        if x1 + 8 + width <= PLOT_RIGHT + 25 {
            root.draw_text(
                label,
                &style.pos(Pos::new(HPos::Left, VPos::Center)),
                (x1 + 8, y),
            )
        } else if x0 - 8 - width >= PLOT_LEFT {
            root.draw_text(
                label,
                &style.pos(Pos::new(HPos::Right, VPos::Center)),
                (x0 - 8, y),
            )
        } else {
            Ok(())
        }
    }

    /// "typical $63.8k" above the marker (the low and high are in the card,
    /// right above the picture).
    fn estimate_labels(
        &self,
        root: &DrawingArea<BitMapBackend<'_>, plotters::coord::Shift>,
        (mid, xm): (i64, i32),
        y: i32,
        bar: i32,
    ) -> Result<(), DrawingAreaErrorKind<<BitMapBackend<'_> as DrawingBackend>::ErrorType>> {
        let strong =
            TextStyle::from((FONT, LABEL_PX, FontStyle::Bold).into_font()).color(&ESTIMATE);
        let mid_text = fill(&self.words.typical, &[("mid", &thousands(mid))]);
        let (mid_w, _) = root.estimate_text_size(&mid_text, &strong)?;
        let half = mid_w as i32 / 2;
        let mid_x = xm.clamp(PLOT_LEFT + half, WIDTH as i32 - 8 - half);
        root.draw_text(
            &mid_text,
            &strong.pos(Pos::new(HPos::Center, VPos::Bottom)),
            (mid_x, y - bar / 2 - 10),
        )
    }
}

/// A filled bar from `x0` to `x1`, centred on `y`, with an outline.
fn outlined_bar<'a>(
    root: &DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>,
    (x0, x1): (i32, i32),
    y: i32,
    height: i32,
    fill: RGBColor,
    edge: ShapeStyle,
) -> Result<(), DrawingAreaErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>> {
    let corners = [(x0, y - height / 2), (x1, y + height / 2)];
    root.draw(&Rectangle::new(corners, fill.filled()))?;
    root.draw(&Rectangle::new(corners, edge))
}

/// The estimate's chart as PNG bytes, in one call; with the person's own
/// pay marked when they gave it.
pub fn salary_png(
    kb: &KnowledgeBase,
    estimate: &Estimate,
    details: &Profile,
    their_pay: Option<i64>,
) -> Result<Vec<u8>, ChartError> {
    let chart = SalaryChart::plan(kb, estimate, details);
    match their_pay {
        Some(amount) => chart.with_their_pay(amount),
        None => chart,
    }
    .to_png()
}

/// From the lowest band's low to the highest band's high.
fn national_span(kb: &KnowledgeBase) -> (i64, i64) {
    let bands = &kb.model.experience;
    let low = bands
        .iter()
        .map(|b| b.low)
        .min()
        .unwrap_or(kb.model.national.low);
    let high = bands
        .iter()
        .map(|b| b.high)
        .max()
        .unwrap_or(kb.model.national.high);
    (low, high)
}

/// A tick step giving at most six ticks across `span` dollars: their
/// labels are large.
fn tick_step(span: i64) -> i64 {
    [5_000, 10_000, 20_000, 25_000, 50_000, 100_000]
        .into_iter()
        .find(|step| span / step <= 5)
        .unwrap_or(200_000)
}

/// "$63.8k".
fn thousands(dollars: i64) -> String {
    let k = dollars as f64 / 1000.0;
    if (k - k.round()).abs() < 0.05 {
        format!("${k:.0}k")
    } else {
        format!("${k:.1}k")
    }
}

/// "Boston-Cambridge-Newton, MA-NH" → "Boston", at most 10 characters.
fn short_area(area: &str) -> String {
    let city = match area.rsplit_once(", ") {
        Some((cities, _)) => cities.split(['-', '/']).next().unwrap_or(cities).trim(),
        None => area,
    };
    fit::truncate(city, 10)
}

fn short(text: &str, max: usize) -> String {
    let text = text.split(" (").next().unwrap_or(text);
    fit::truncate(text, max)
}

fn register_fonts() -> Result<(), ChartError> {
    static LOADED: OnceLock<bool> = OnceLock::new();
    let loaded = *LOADED.get_or_init(|| {
        plotters::style::register_font(FONT, FontStyle::Normal, FONT_REGULAR).is_ok()
            && plotters::style::register_font(FONT, FontStyle::Bold, FONT_BOLD).is_ok()
    });
    if loaded {
        Ok(())
    } else {
        Err(ChartError("the built-in font did not load".into()))
    }
}

/// The grid and the dollar axis in $k, one line and label every `step`
/// from `min` to `max`: the same on every chart.
fn draw_dollar_axis<'a>(
    root: &DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>,
    (min, max): (i64, i64),
    step: i64,
    x_pixel: impl Fn(i64) -> i32,
) -> Result<(), DrawError<'a>> {
    let axis_style = TextStyle::from((FONT, MIN_TEXT_PX).into_font())
        .color(&MUTED)
        .pos(Pos::new(HPos::Center, VPos::Top));
    let mut tick = min;
    while tick <= max {
        let x = x_pixel(tick);
        root.draw(&PathElement::new(
            vec![(x, PLOT_TOP), (x, PLOT_BOTTOM)],
            GRID.stroke_width(2),
        ))?;
        root.draw_text(
            &format!("${}k", tick / 1000),
            &axis_style,
            (x, PLOT_BOTTOM + 10),
        )?;
        tick += step;
    }
    Ok(())
}

/// What drawing one chart on the bitmap can fail with.
type DrawError<'a> = DrawingAreaErrorKind<<BitMapBackend<'a> as DrawingBackend>::ErrorType>;

/// Draw a chart of the card's size with `draw`, and encode it as PNG.
fn draw_png(
    draw: impl for<'a> FnOnce(
        &DrawingArea<BitMapBackend<'a>, plotters::coord::Shift>,
    ) -> Result<(), DrawError<'a>>,
) -> Result<Vec<u8>, ChartError> {
    register_fonts()?;
    let mut pixels = vec![0u8; (WIDTH * HEIGHT * 3) as usize];
    {
        let root = BitMapBackend::with_buffer(&mut pixels, (WIDTH, HEIGHT)).into_drawing_area();
        draw(&root).map_err(|e| ChartError(e.to_string()))?;
        root.present().map_err(|e| ChartError(e.to_string()))?;
    }
    encode_png(&pixels)
}

fn encode_png(pixels: &[u8]) -> Result<Vec<u8>, ChartError> {
    let mut bytes = Vec::with_capacity(64 * 1024);
    {
        let mut encoder = png::Encoder::new(&mut bytes, WIDTH, HEIGHT);
        encoder.set_color(png::ColorType::Rgb);
        encoder.set_depth(png::BitDepth::Eight);
        // fdeflate's PNG-tuned mode: 1.3 ms instead of 4.8 ms for a chart,
        // at 67 KB instead of 38 KB, far under Discord's upload limit.
        // /salary under load spends its time here otherwise.
        encoder.set_compression(png::Compression::Fast);
        let mut writer = encoder
            .write_header()
            .map_err(|e| ChartError(e.to_string()))?;
        writer
            .write_image_data(pixels)
            .map_err(|e| ChartError(e.to_string()))?;
    }
    Ok(bytes)
}
