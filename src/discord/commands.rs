//! The slash commands, declared with poise. Each handler is thin: it turns
//! its options into a [`Request`], lets [`Bot::handle`] answer, and sends
//! the rendered reply.
//!
//! The education and employer choices and the one-topic shortcuts
//! (`/duties`...) come from the knowledge base, so they are filled in when
//! the command list is built, not written here.

use super::bot::{Answer, Bot, Request};
use super::input::{self, BenefitsForm, SalaryForm};
use super::render;
use crate::domain::EntityKind;
use crate::engine::MAX_QUESTION_CHARS;
use crate::knowledge::KnowledgeBase;
use crate::render::fit;
use crate::reply::{Content, Reply};
use poise::serenity_prelude as serenity;
use std::borrow::Cow;
use std::sync::Arc;
use std::time::Instant;

/// What every handler can reach.
pub type Data = Arc<Bot>;
pub type Error = Box<dyn std::error::Error + Send + Sync>;
pub type Context<'a> = poise::Context<'a, Data, Error>;
type Command = poise::Command<Data, Error>;

/// Every command, with the knowledge base's choices and shortcuts filled in.
pub fn all(kb: &KnowledgeBase) -> Vec<Command> {
    let mut commands = vec![
        ask(),
        salary(),
        certs(),
        benefits(),
        offers(),
        forget(),
        reload(),
        review(),
    ];
    for command in &mut commands {
        if command.name == "salary" {
            fill_choices(
                command,
                "education",
                kb.entities
                    .of_kind(EntityKind::Education)
                    .iter()
                    .map(|e| &e.label),
            );
            fill_choices(
                command,
                "employer",
                kb.entities
                    .of_kind(EntityKind::Employer)
                    .iter()
                    .map(|e| &e.label),
            );
        }
    }
    let builtin: Vec<String> = commands.iter().map(|c| c.name.to_string()).collect();
    for shortcut in &kb.replies.shortcuts {
        let shortcut = shortcut.get_ref();
        // A built-in command keeps its name; `careerbot check` cannot know
        // Discord's command names, so the clash is skipped here.
        if builtin.contains(&shortcut.name) {
            tracing::warn!(name = %shortcut.name, "a shortcut has a built-in command's name; skipped");
            continue;
        }
        let mut command = topic_shortcut();
        command.name = Cow::Owned(shortcut.name.clone());
        command.qualified_name = Cow::Owned(shortcut.name.clone());
        command.identifying_name = Cow::Owned(shortcut.name.clone());
        command.description = Some(Cow::Owned(shortcut.description.clone()));
        commands.push(command);
    }
    commands
}

/// Give an integer option a fixed list of choices; poise sends back the
/// chosen one's position.
fn fill_choices<'a>(command: &mut Command, option: &str, labels: impl Iterator<Item = &'a String>) {
    if let Some(parameter) = command.parameters.iter_mut().find(|p| p.name == option) {
        parameter.choices = Cow::Owned(
            labels
                .map(|label| poise::CommandParameterChoice {
                    name: Cow::Owned(fit::capitalized(&fit::truncate(label, 100))),
                    localizations: Cow::Borrowed(&[]),
                    __non_exhaustive: (),
                })
                .collect(),
        );
        // With choices, a range would be redundant (and Discord refuses
        // both on one option).
        parameter.type_setter = Some(|option| option.kind(serenity::CommandOptionType::Integer));
    }
}

/// Answer a request in the interaction: the first card answers it, any
/// further cards follow up.
pub async fn respond(ctx: Context<'_>, request: Request) -> Result<(), Error> {
    let user = ctx.author().id.get();
    let bot = ctx.data().clone();
    let received = Instant::now();
    let Answer {
        reply,
        private,
        view,
        vote,
    } = bot.handle(user, request, received);
    let cards = cards(&bot, reply, view, vote).await;
    let poise::Context::Application(app) = ctx else {
        for card in &cards {
            ctx.send(render::to_poise_reply(card, private)).await?;
        }
        return Ok(());
    };
    let mut cards = cards.iter();
    if let Some(first) = cards.next() {
        // The first response, sent here rather than by poise so that a 429
        // or 5xx gets its one retry.
        let http = &ctx.serenity_context().http;
        let name = &app.command().name;
        super::callback::send_with_retry(received, name, || {
            let message = render::to_interaction_message(first, private);
            app.interaction
                .create_response(http, serenity::CreateInteractionResponse::Message(message))
        })
        .await?;
        app.has_sent_initial_response
            .store(true, std::sync::atomic::Ordering::SeqCst);
    }
    for card in cards {
        ctx.send(render::to_poise_reply(card, private)).await?;
    }
    Ok(())
}

/// The messages for a view of a reply; an estimate's card gets its chart,
/// drawn on a blocking thread so other people's answers are not held up.
pub async fn cards(
    bot: &Data,
    reply: Reply,
    view: render::View,
    vote: Option<i64>,
) -> Vec<render::Card> {
    let engine = bot.engine();
    let mut cards = render::layout_view(&reply, &engine.knowledge().replies, view);
    // The votes go under the last card, where the answer ends.
    if let (Some(answer_ref), Some(last)) = (vote, cards.last_mut()) {
        render::add_vote_buttons(last, answer_ref, &engine.knowledge().replies.review);
    }
    let charted = reply.estimate().is_some() || matches!(reply.content, Content::Offers(_));
    if charted && view == render::View::Card {
        let bot = bot.clone();
        let chart = tokio::task::spawn_blocking(move || bot.chart_for(&reply)).await;
        if let (Ok(Some(png)), Some(first)) = (chart, cards.first_mut()) {
            first.attach_chart(png);
        }
    }
    cards
}

/// Ask anything about the PT care coordinator career.
#[poise::command(slash_command)]
pub async fn ask(
    ctx: Context<'_>,
    #[description = "Your question, e.g. \"what does a PT care coordinator earn in Denver?\""]
    #[max_length = 1000]
    question: String,
) -> Result<(), Error> {
    respond(ctx, Request::Ask { text: question }).await
}

// The form's range and the option's min and max must agree.
const _: () = assert!(
    *crate::domain::PAY_RANGE.start() == 10_000 && *crate::domain::PAY_RANGE.end() == 1_000_000
);

// The engine's cap and the option's max_length must agree.
const _: () = assert!(MAX_QUESTION_CHARS == 1000);

async fn location_autocomplete(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine();
    render::to_autocomplete(&input::location_choices(engine.knowledge(), partial))
}

async fn certification_list_autocomplete(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine();
    render::to_autocomplete(&input::certification_list_choices(
        engine.knowledge(),
        partial,
    ))
}

async fn certification_autocomplete(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    let engine = ctx.data().engine();
    render::to_autocomplete(&input::certification_choices(engine.knowledge(), partial))
}

/// Estimate your pay from your experience, education, location and more.
#[poise::command(slash_command)]
pub async fn salary(
    ctx: Context<'_>,
    #[description = "Years of experience as a coordinator or in similar work"]
    #[min = 0]
    #[max = 50]
    experience: Option<u32>,
    #[description = "Your highest education"] education: Option<u32>,
    #[description = "Metro area or state (start typing)"]
    #[autocomplete = "location_autocomplete"]
    #[max_length = 100]
    location: Option<String>,
    #[description = "The kind of employer"] employer: Option<u32>,
    #[description = "Certifications you hold, comma-separated (start typing), or none"]
    #[autocomplete = "certification_list_autocomplete"]
    #[max_length = 100]
    certifications: Option<String>,
    #[description = "Your yearly pay in dollars, to see where it sits on the estimate"]
    #[min = 10_000]
    #[max = 1_000_000]
    pay: Option<i64>,
) -> Result<(), Error> {
    let form = SalaryForm {
        experience,
        education,
        location,
        employer,
        certifications,
        pay,
    };
    respond(ctx, Request::Salary(form)).await
}

/// Certifications for the role, or one in detail.
#[poise::command(slash_command)]
pub async fn certs(
    ctx: Context<'_>,
    #[description = "One certification (start typing), or leave empty for all"]
    #[autocomplete = "certification_autocomplete"]
    #[max_length = 100]
    name: Option<String>,
) -> Result<(), Error> {
    respond(ctx, Request::Certs { name }).await
}

/// Total compensation: base pay plus a 401(k) match plus a bonus.
#[poise::command(slash_command)]
pub async fn benefits(
    ctx: Context<'_>,
    #[description = "Base salary in dollars a year, e.g. 45000"]
    #[min = 1]
    #[max = 10000000]
    base: i64,
    #[description = "What you put into the 401(k), as % of pay"]
    #[min = 0]
    #[max = 100]
    contribution: Option<f64>,
    #[description = "Employer match, as % of what you put in (e.g. 50)"]
    #[min = 0]
    #[max = 100]
    r#match: Option<f64>,
    #[description = "Match cap, as % of pay (e.g. 6)"]
    #[min = 0]
    #[max = 100]
    cap: Option<f64>,
    #[description = "Yearly bonus in dollars"]
    #[min = 0]
    #[max = 10000000]
    bonus: Option<i64>,
) -> Result<(), Error> {
    let form = BenefitsForm {
        base,
        contribution_pct: contribution,
        match_pct: r#match,
        cap_pct: cap,
        bonus,
    };
    respond(ctx, Request::Benefits(form)).await
}

/// The custom id of the `/offers` form; its submission is answered by
/// [`super::client`]'s event handler, so nothing waits for it.
pub const OFFERS_FORM: &str = "offers-form";

/// The longest text one offer's field takes.
pub const OFFER_FIELD_CHARS: u16 = 300;

/// Compare two or three job offers: total pay side by side.
#[poise::command(slash_command)]
pub async fn offers(ctx: Context<'_>) -> Result<(), Error> {
    let poise::Context::Application(app) = ctx else {
        return Ok(());
    };
    let bot = ctx.data().clone();
    let engine = bot.engine();
    let words = &engine.knowledge().replies.offers;
    let rows: Vec<serenity::CreateActionRow> = (words.form_labels.iter().enumerate())
        .take(crate::compensation::MAX_OFFERS_WEIGHED)
        .map(|(i, label)| {
            let field = serenity::CreateInputText::new(
                serenity::InputTextStyle::Paragraph,
                fit::truncate(label, 45),
                format!("offer-{i}"),
            )
            .placeholder(fit::truncate(&words.form_placeholder, 100))
            .max_length(OFFER_FIELD_CHARS)
            .required(i < 2);
            serenity::CreateActionRow::InputText(field)
        })
        .collect();
    let modal = serenity::CreateModal::new(OFFERS_FORM, fit::truncate(&words.form_title, 45))
        .components(rows);
    app.interaction
        .create_response(
            &ctx.serenity_context().http,
            serenity::CreateInteractionResponse::Modal(modal),
        )
        .await?;
    app.has_sent_initial_response
        .store(true, std::sync::atomic::Ordering::SeqCst);
    Ok(())
}

/// The fields of a submitted `/offers` form, in order.
pub fn offer_fields(submit: &serenity::ModalInteractionData) -> Vec<String> {
    (submit.components.iter())
        .flat_map(|row| &row.components)
        .filter_map(|component| match component {
            serenity::ActionRowComponent::InputText(field) => {
                Some(field.value.clone().unwrap_or_default())
            }
            _ => None,
        })
        .collect()
}

/// Forget the details you have given me (they are only kept in memory).
#[poise::command(slash_command)]
pub async fn forget(ctx: Context<'_>) -> Result<(), Error> {
    respond(ctx, Request::Forget).await
}

/// The template for the one-topic shortcuts; [`all`] names each copy.
#[poise::command(slash_command)]
pub async fn topic_shortcut(ctx: Context<'_>) -> Result<(), Error> {
    let name = ctx.command().name.to_string();
    respond(ctx, Request::Shortcut { name }).await
}

/// The commands as Discord registers them. `/reload` gets
/// `default_member_permissions = "0"`: only administrators see it, unless
/// a server's admins allow others in its integration settings (the bot
/// still checks `reload_users` and `reload_roles`).
pub fn application_commands(
    commands: &[poise::Command<Data, Error>],
) -> Vec<serenity::CreateCommand> {
    (commands.iter())
        .filter_map(|command| {
            let builder = command.create_as_slash_command()?;
            Some(if command.name == RELOAD || command.name == REVIEW {
                builder.default_member_permissions(serenity::Permissions::empty())
            } else {
                builder
            })
        })
        .collect()
}

/// Whether the author is one of `reload_users` or has one of
/// `reload_roles`: who may run `/reload` and `/review`. (Not a poise
/// check: a refusal is answered privately in the command's own words.)
async fn may_reload(ctx: Context<'_>) -> bool {
    let roles: Vec<u64> = match ctx.author_member().await {
        Some(member) => member.roles.iter().map(|r| r.get()).collect(),
        None => Vec::new(),
    };
    ctx.data().may_reload(ctx.author().id.get(), &roles)
}

/// The name of the command that shows the review.
pub const REVIEW: &str = "review";

/// This week's top questions I could not answer, and what to add (for those who may /reload)
#[poise::command(slash_command)]
pub async fn review(ctx: Context<'_>) -> Result<(), Error> {
    let bot = ctx.data().clone();
    let engine = bot.engine();
    let text = if !may_reload(ctx).await {
        engine.knowledge().replies.review.not_allowed.clone()
    } else {
        // Reading the database can wait on another process's lock:
        // acknowledge first, and read off the async threads.
        ctx.defer_ephemeral().await?;
        tokio::task::spawn_blocking(move || bot.review_text()).await?
    };
    let reply = crate::reply::Reply::simple(crate::reply::ReplyKind::Notice, "", text);
    for card in render::layout(&reply, &engine.knowledge().replies) {
        ctx.send(render::to_poise_reply(&card, true)).await?;
    }
    Ok(())
}

/// The name of the command that reloads the knowledge.
pub const RELOAD: &str = "reload";

/// Reload the knowledge files (for the users and roles in the config).
#[poise::command(slash_command)]
pub async fn reload(ctx: Context<'_>) -> Result<(), Error> {
    let bot = ctx.data().clone();
    let text = if !may_reload(ctx).await {
        "Only the users and roles listed in the bot's config (`reload_users`, `reload_roles`) can reload its knowledge.".to_string()
    } else {
        // Loading takes tens of milliseconds; acknowledge first so the
        // 3-second deadline can never be missed.
        ctx.defer_ephemeral().await?;
        let outcome = tokio::task::spawn_blocking(move || bot.reload()).await?;
        super::client::reload_report(&outcome)
    };
    let reply = crate::reply::Reply::simple(crate::reply::ReplyKind::Notice, "Reload", text);
    let engine = ctx.data().engine();
    for card in render::layout(&reply, &engine.knowledge().replies) {
        ctx.send(render::to_poise_reply(&card, true)).await?;
    }
    Ok(())
}
