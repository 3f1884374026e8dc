//! Print the Discord payload careerbot would send for a question, as JSON:
//! `cargo run --example discord_preview -- "5 years, CMAA, Boston"`.
//! Handy for checking how a knowledge edit looks on Discord without a bot.

use careerbot::Engine;
use careerbot::discord::render;
use poise::serenity_prelude as serenity;

fn main() {
    let question = std::env::args().skip(1).collect::<Vec<_>>().join(" ");
    let engine = match Engine::load(concat!(env!("CARGO_MANIFEST_DIR"), "/knowledge")) {
        Ok(engine) => engine,
        Err(error) => {
            eprintln!("{error}");
            std::process::exit(2);
        }
    };
    let reply = engine.answer(&question);
    let mut cards = render::layout(&reply, &engine.knowledge().replies);
    if let (Some(estimate), Some(first)) = (reply.estimate(), cards.first_mut())
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
            render::to_interaction_message(&card, false),
        );
        match serde_json::to_string_pretty(&response) {
            Ok(json) => println!("{json}"),
            Err(error) => eprintln!("{error}"),
        }
    }
}
