//! Print the Discord payload careerbot would send for a question, as JSON:
//! `cargo run --example discord_preview -- "5 years, CMAA, Boston"`.
//! Handy for checking how a knowledge edit looks on Discord without a bot.
//!
//! `--working-out` or `--sources` before the question prints what the
//! estimate card's buttons of those names answer instead; `--votes` adds
//! the 👍/👎 pair a bot with the review log on puts under every answer.

use careerbot::Engine;
use careerbot::discord::render;
use poise::serenity_prelude as serenity;

fn main() {
    let mut words: Vec<String> = std::env::args().skip(1).collect();
    let view = match words.first().map(String::as_str) {
        Some("--working-out") => render::View::WorkingOut,
        Some("--sources") => render::View::Sources,
        _ => render::View::Card,
    };
    if view != render::View::Card {
        words.remove(0);
    }
    let mut question = words.join(" ");
    let votes = question.starts_with("--votes ");
    if votes {
        question = question["--votes ".len()..].to_string();
    }
    let engine = match Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge")) {
        Ok(engine) => engine,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(2);
        }
    };
    let reply = engine.answer(&question);
    let mut cards = render::layout_view(&reply, &engine.knowledge().replies, view);
    if let (true, Some(last)) = (votes, cards.last_mut()) {
        render::add_vote_buttons(last, 0x1f2e3d, &engine.knowledge().replies.review);
    }
    if let (Some(estimate), Some(first), render::View::Card) =
        (reply.estimate(), cards.first_mut(), view)
        && let Ok(png) = careerbot::chart::salary_png(
            engine.knowledge(),
            estimate,
            &reply.details_used,
            reply.their_pay(),
        )
    {
        first.attach_chart(png);
    }
    for card in cards {
        let response = serenity::CreateInteractionResponse::Message(
            render::to_interaction_message(&card, view != render::View::Card),
        );
        match serde_json::to_string_pretty(&response) {
            Ok(json) => println!("{json}"),
            Err(error) => eprintln!("{error}"),
        }
    }
}
