//! The salary chart: a real PNG of the stated size, not blank, with the
//! estimate's marker where its dollars say, different for different people,
//! and attached to Discord replies in a payload Discord accepts.

mod common;
mod discord_schema;

use careerbot::chart::{
    self, ESTIMATE, HEIGHT, MARKER_HALF_WIDTH, MAX_ROWS, Mark, SalaryChart, THEIR_PAY, WIDTH,
};
use careerbot::discord::render;
use careerbot::reply::Reply;
use poise::serenity_prelude as serenity;
use serde_json::json;

/// A decoded image: width, height and RGB rows.
struct Image {
    width: u32,
    height: u32,
    rgb: Vec<u8>,
}

impl Image {
    fn decode(png_bytes: &[u8]) -> Image {
        let decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        let mut reader = decoder.read_info().expect("a PNG header");
        let mut rgb = vec![0; reader.output_buffer_size().expect("a sane size")];
        let info = reader.next_frame(&mut rgb).expect("PNG pixels");
        assert_eq!(info.color_type, png::ColorType::Rgb);
        rgb.truncate(info.buffer_size());
        Image {
            width: info.width,
            height: info.height,
            rgb,
        }
    }

    fn pixel(&self, x: i32, y: i32) -> (u8, u8, u8) {
        let i = ((y as u32 * self.width + x as u32) * 3) as usize;
        (self.rgb[i], self.rgb[i + 1], self.rgb[i + 2])
    }
}

fn is_estimate_colour((r, g, b): (u8, u8, u8)) -> bool {
    // Antialiasing blends edges; the solid marker keeps the exact colour.
    (r, g, b) == (ESTIMATE.0, ESTIMATE.1, ESTIMATE.2)
}

/// The estimate for the details in `text` ("" gives the national picture).
fn estimate_for(text: &str) -> Reply {
    let engine = common::engine();
    engine.estimate_reply(&engine.read_details(text))
}

fn plan(reply: &Reply) -> SalaryChart {
    SalaryChart::plan(
        common::engine().knowledge(),
        reply.estimate().unwrap(),
        &reply.details_used,
    )
}

#[test]
fn the_chart_is_a_png_of_the_stated_size_and_not_blank() {
    let reply = estimate_for("5 years in, CMAA certified, Boston, hospital");
    let png = plan(&reply).to_png().unwrap();
    assert_eq!(&png[..8], b"\x89PNG\r\n\x1a\n");
    let image = Image::decode(&png);
    assert_eq!((image.width, image.height), (WIDTH, HEIGHT));
    assert_eq!((WIDTH, HEIGHT), (800, 450));
    let background = image.pixel(1, 1);
    let drawn = image
        .rgb
        .chunks(3)
        .filter(|p| (p[0], p[1], p[2]) != background)
        .count();
    let share = drawn as f64 / f64::from(WIDTH * HEIGHT);
    assert!(
        share > 0.05 && share < 0.6,
        "{share:.3} of the pixels drawn"
    );
    let colours: std::collections::HashSet<&[u8]> = image.rgb.chunks(3).collect();
    assert!(colours.len() > 20, "{} colours", colours.len());
}

#[test]
fn the_estimate_marker_sits_at_its_dollars() {
    for question in [
        "5 years in, CMAA certified, Boston, hospital",
        "new grad, GED, rural Ohio",
        "senior, master's degree, San Francisco",
    ] {
        let reply = estimate_for(question);
        let chart = plan(&reply);
        let image = Image::decode(&chart.to_png().unwrap());
        let estimate = reply.estimate().unwrap();
        let row = chart.rows.len() - 1;
        assert!(matches!(chart.rows[row].mark, Mark::Estimate { .. }));
        let y = chart.row_centre(row);
        let expected = chart.x_pixel(estimate.mid);
        // Along the estimate's row, solid estimate colour appears at the bar's
        // two ends and at the marker, and nowhere else.
        let solid: Vec<i32> = (0..WIDTH as i32)
            .filter(|&x| is_estimate_colour(image.pixel(x, y)))
            .collect();
        let near = |target: i32| solid.iter().any(|&x| (x - target).abs() <= 2);
        assert!(
            near(expected),
            "{question}: no marker at x={expected}: {solid:?}"
        );
        assert!(near(chart.x_pixel(estimate.low)), "{question}: {solid:?}");
        assert!(near(chart.x_pixel(estimate.high)), "{question}: {solid:?}");
        let stray: Vec<i32> = solid
            .iter()
            .copied()
            .filter(|&x| {
                [estimate.low, estimate.mid, estimate.high]
                    .iter()
                    .all(|&d| (x - chart.x_pixel(d)).abs() > MARKER_HALF_WIDTH + 1)
            })
            .collect();
        assert!(stray.is_empty(), "{question}: estimate colour at {stray:?}");
        // The marker is taller than the bar: above the bar, only it is solid.
        let above_bar = y - chart.bar_height() / 2 - 5;
        let above: Vec<i32> = (0..WIDTH as i32)
            .filter(|&x| is_estimate_colour(image.pixel(x, above_bar)))
            .collect();
        assert!(
            !above.is_empty()
                && above
                    .iter()
                    .all(|&x| (x - expected).abs() <= MARKER_HALF_WIDTH),
            "{question}: {above:?}"
        );
    }
}

#[test]
fn different_people_get_different_pictures() {
    let charts: Vec<Vec<u8>> = [
        "5 years, CMAA, Boston, hospital",
        "5 years, CMAA, Denver, hospital",
        "1 year, GED",
        "",
    ]
    .iter()
    .map(|q| plan(&estimate_for(q)).to_png().unwrap())
    .collect();
    for (i, a) in charts.iter().enumerate() {
        for b in &charts[i + 1..] {
            assert_ne!(a, b);
        }
    }
    // The same input draws the same picture.
    let again = plan(&estimate_for("1 year, GED")).to_png().unwrap();
    assert_eq!(again, charts[2]);
}

#[test]
fn the_rows_follow_the_details() {
    let words = &common::engine().knowledge().replies.chart;
    let national = plan(&estimate_for(""));
    // The national span, BLS for the U.S., and the estimate; no local row.
    assert_eq!(national.rows.len(), 3);
    assert_eq!(national.rows[0].label, words.national);
    let boston = plan(&estimate_for("5 years, Boston"));
    // The person's own band, BLS for the U.S. and Boston, the estimate.
    assert_eq!(boston.rows.len(), 4);
    assert!(boston.rows[0].label.contains("Mid"), "{:?}", boston.rows[0]);
    assert!(boston.rows[2].label.contains("Boston"));
    assert!(matches!(
        boston.rows[2].mark,
        Mark::Percentiles {
            median: Some(_),
            ..
        }
    ));
    // Every value drawn is inside the axis.
    for chart in [national, boston] {
        assert!(chart.x_min < chart.x_max);
        for row in &chart.rows {
            let values = row.mark.values();
            for v in values {
                assert!((chart.x_min..=chart.x_max).contains(&v), "{v} outside");
            }
        }
    }
}

#[test]
fn a_discord_estimate_attaches_the_chart_in_a_valid_payload() {
    let reply = estimate_for("5 years in, CMAA certified, Boston, hospital");
    let png = plan(&reply).to_png().unwrap();
    let mut cards = render::layout(&reply, common::words());
    cards[0].attach_chart(png.clone());
    let card = &cards[0];
    assert_eq!(
        card.embeds[0].image.as_deref(),
        Some("attachment://salary.png")
    );

    let response =
        serenity::CreateInteractionResponse::Message(render::to_interaction_message(card, false));
    let mut payload = serde_json::to_value(&response).unwrap();
    assert_eq!(
        payload["data"]["attachments"][0]["filename"],
        json!(chart::FILE_NAME)
    );
    assert_eq!(
        payload["data"]["embeds"][0]["image"]["url"],
        json!("attachment://salary.png")
    );
    // serenity numbers a new upload by its index, as the docs allow; the
    // spec only knows snowflake strings, so compare on its terms.
    for attachment in payload["data"]["attachments"].as_array_mut().unwrap() {
        attachment["id"] = json!(attachment["id"].to_string());
    }
    discord_schema::assert_valid("CreateMessageInteractionCallbackRequest", &payload);
    discord_schema::assert_message_limits(&payload["data"]);

    let mut message = serde_json::to_value(render::to_channel_message(card, None)).unwrap();
    for attachment in message["attachments"].as_array_mut().unwrap() {
        attachment["id"] = json!(attachment["id"].to_string());
    }
    discord_schema::assert_valid_channel_message(&message);
}

#[test]
fn the_pay_someone_gives_is_marked_on_its_own_row() {
    let reply = estimate_for("3 years in Dallas");
    let estimate = reply.estimate().cloned().unwrap();
    let without = plan(&reply);
    assert!(
        !without
            .rows
            .iter()
            .any(|r| matches!(r.mark, Mark::TheirPay { .. })),
        "no pay row unless pay is given"
    );
    // Pay far above the estimate widens the axis to hold it.
    for pay in [estimate.mid - 2_000, estimate.high + 40_000] {
        let chart = plan(&reply).with_their_pay(pay);
        let row = chart.rows.len() - 1;
        // Its label, like every word on the chart, is replies.toml's.
        let words = &common::engine().knowledge().replies.chart;
        assert_eq!(chart.rows[row].label, words.your_pay);
        assert_eq!(chart.rows[row - 1].label, words.estimate);
        assert_eq!(chart.rows[row].mark, Mark::TheirPay { amount: pay });
        assert_eq!(chart.rows.len(), without.rows.len() + 1);
        assert!(
            chart.x_min <= pay && pay <= chart.x_max,
            "{pay} on the axis"
        );
        let image = Image::decode(&chart.to_png().unwrap());
        let y = chart.row_centre(row);
        let marked: Vec<i32> = (0..WIDTH as i32)
            .filter(|&x| image.pixel(x, y) == (THEIR_PAY.0, THEIR_PAY.1, THEIR_PAY.2))
            .collect();
        let expected = chart.x_pixel(pay);
        // The marker (and its label's solid strokes beside it), nothing
        // far from it.
        assert!(
            marked.iter().any(|&x| (x - expected).abs() <= 2),
            "{pay}: no marker at x={expected}: {marked:?}"
        );
        assert!(
            marked.iter().all(|&x| (x - expected).abs() <= 110),
            "{pay}: pay colour far from its marker: {marked:?}"
        );
        // Above the bar height of other rows, only the marker is solid.
        let above_bar = y - chart.bar_height() / 2 - 3;
        let above: Vec<i32> = (0..WIDTH as i32)
            .filter(|&x| image.pixel(x, above_bar) == (THEIR_PAY.0, THEIR_PAY.1, THEIR_PAY.2))
            .collect();
        assert!(
            !above.is_empty()
                && above
                    .iter()
                    .all(|&x| (x - expected).abs() <= MARKER_HALF_WIDTH),
            "{pay}: {above:?}"
        );
    }
    // The one-call form marks it too.
    let kb = common::engine().knowledge();
    let with = chart::salary_png(kb, &estimate, &reply.details_used, Some(41_000)).unwrap();
    let plain = chart::salary_png(kb, &estimate, &reply.details_used, None).unwrap();
    assert_ne!(with, plain);
}

impl Image {
    /// The picture at half size, as Discord shows it (400×225): each pixel
    /// the mean of a 2×2 block.
    fn half(&self) -> Image {
        let (width, height) = (self.width / 2, self.height / 2);
        let mut rgb = Vec::with_capacity((width * height * 3) as usize);
        for y in 0..height as i32 {
            for x in 0..width as i32 {
                let block = [
                    self.pixel(2 * x, 2 * y),
                    self.pixel(2 * x + 1, 2 * y),
                    self.pixel(2 * x, 2 * y + 1),
                    self.pixel(2 * x + 1, 2 * y + 1),
                ];
                let mean = |channel: fn(&(u8, u8, u8)) -> u8| {
                    (block.iter().map(|p| u32::from(channel(p))).sum::<u32>() / 4) as u8
                };
                rgb.extend([mean(|p| p.0), mean(|p| p.1), mean(|p| p.2)]);
            }
        }
        Image { width, height, rgb }
    }
}

/// How far a colour is from another, channel by channel.
/// How different from the background a pixel of text is, at least: a
/// quarter of the way from the background to the ink, summed over channels.
const LABEL_INK: u32 = 150;

fn distance(a: (u8, u8, u8), b: (u8, u8, u8)) -> u32 {
    [(a.0, b.0), (a.1, b.1), (a.2, b.2)]
        .iter()
        .map(|(x, y)| u32::from(x.abs_diff(*y)))
        .sum()
}

#[test]
fn at_the_size_discord_shows_it_the_marker_and_labels_stay_legible() {
    for question in [
        "5 years in, CMAA certified, Boston, hospital, I make 58k",
        "new grad, GED, rural Ohio",
        "",
    ] {
        let reply = estimate_for(question);
        let mut chart = plan(&reply);
        if let Some(pay) = reply.their_pay() {
            chart = chart.with_their_pay(pay);
        }
        assert!(
            chart.rows.len() <= MAX_ROWS,
            "{question}: {} rows",
            chart.rows.len()
        );
        let full = Image::decode(&chart.to_png().unwrap());
        let half = full.half();
        assert_eq!((half.width, half.height), (400, 225));
        let background = half.pixel(1, 1);
        let row = chart.rows.len() - if reply.their_pay().is_some() { 2 } else { 1 };
        let y = chart.row_centre(row) / 2;
        // The estimate's marker: a run of its colour at least 3 px wide
        // along the row, above the bar (where only the marker is).
        let above = (chart.row_centre(row) - chart.bar_height() / 2 - 6) / 2;
        let marker: Vec<i32> = (0..half.width as i32)
            .filter(|&x| distance(half.pixel(x, above), (ESTIMATE.0, ESTIMATE.1, ESTIMATE.2)) < 90)
            .collect();
        assert!(
            marker.len() >= 3,
            "{question}: marker {marker:?} at half size"
        );
        // The row's label ("Your estimate", no descenders): its capitals
        // stand at least 8 px tall, the cap height of 11 px text, which
        // is what 22 px text becomes at half size.
        let label_columns = 0..chart.label_right() / 2;
        let inked: Vec<i32> = (y - 12..=y + 12)
            .filter(|&row_y| {
                label_columns
                    .clone()
                    .any(|x| distance(half.pixel(x, row_y), background) > LABEL_INK)
            })
            .collect();
        let height = inked.last().unwrap() - inked.first().unwrap() + 1;
        assert!(
            height >= 8,
            "{question}: label {height} px tall at half size"
        );
    }
}
