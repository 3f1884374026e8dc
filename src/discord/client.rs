//! Connecting to Discord: checking the token, building the poise framework
//! and the serenity client, registering commands, answering mentions, DMs
//! and button clicks, reloading on SIGHUP, and shutting down on Ctrl-C or
//! SIGTERM.

use super::bot::{Answer, Bot, BotSettings, Request};
use super::commands::{self, Data, Error};
use super::input::{self, MessageContext};
use super::render;
use crate::config::{Config, DiscordConfig, Secret, ShardCount};
use crate::engine::Engine;
use crate::knowledge::KnowledgeError;
use poise::serenity_prelude as serenity;
use std::fmt;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// What the bot logs unless `RUST_LOG` says otherwise: careerbot's own
/// info lines (one per answer), and only warnings and errors from serenity
/// and poise. Serenity's info level includes a span on every REST request
/// that formats the request body (and any uploaded chart) byte by byte:
/// at load that costs a quarter of the CPU and floods the log.
pub const DEFAULT_LOG_FILTER: &str = "careerbot=info,serenity=warn,poise=warn";

/// Where to get a token, for the messages that need one.
const TOKEN_HELP: &str = "Create an application at https://discord.com/developers/applications, open Bot -> Reset Token, and set it as DISCORD_TOKEN (or `token` under [discord] in config.toml). The README's \"Run it on Discord\" section walks through it";

/// Why the bot could not start or stopped, worded for the person running it.
#[derive(Debug)]
pub struct StartError(pub String);

impl fmt::Display for StartError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// The token, checked for shape before anything connects. `careerbot
/// check` and `careerbot run` both use this one check.
pub fn checked_token(config: &Config) -> Result<&Secret, StartError> {
    let token = config
        .token()
        .ok_or_else(|| StartError(format!("no Discord token is configured. {TOKEN_HELP}.")))?;
    serenity::validate_token(token.expose()).map_err(|_| {
        StartError(format!(
            "the Discord token (`discord.token` or DISCORD_TOKEN) is not in the shape of a bot token; check that you copied all of it. {TOKEN_HELP}."
        ))
    })?;
    Ok(token)
}

/// How long connecting to Discord's API may take.
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(5);
/// How long one request to Discord's API may take, all told: an endpoint
/// that accepts and never answers fails instead of hanging.
pub const REQUEST_TIMEOUT: Duration = Duration::from_secs(10);

/// An HTTP client for the token, pointed at `api_base` when one is set,
/// with timeouts on every request.
fn http_client(token: &Secret, discord: &DiscordConfig) -> serenity::Http {
    let mut builder = serenity::HttpBuilder::new(token.expose());
    // The same TLS backend serenity would pick, plus the timeouts.
    match reqwest::Client::builder()
        .use_rustls_tls()
        .connect_timeout(CONNECT_TIMEOUT)
        .timeout(REQUEST_TIMEOUT)
        .build()
    {
        Ok(client) => builder = builder.client(client),
        Err(error) => tracing::warn!("HTTP timeouts could not be set: {error}"),
    }
    match &discord.api_base {
        // serenity ignores the proxy while its rate limiter is on.
        Some(base) => builder
            .proxy(base.trim_end_matches('/'))
            .ratelimiter_disabled(true)
            .build(),
        None => builder.build(),
    }
}

/// What went wrong on the network, by its cause: a timeout, a refused
/// connection, a name that does not resolve. serenity's own message for
/// these ("Error while sending HTTP request") hides which one it was.
pub fn network_cause(error: &serenity::Error) -> String {
    let serenity::Error::Http(serenity::HttpError::Request(request)) = error else {
        return error.to_string();
    };
    if request.is_timeout() {
        return format!(
            "Discord did not answer within {} seconds (timed out)",
            REQUEST_TIMEOUT.as_secs()
        );
    }
    // The innermost cause says it best: "Connection refused", "failed to
    // lookup address information".
    let mut cause: &dyn std::error::Error = request;
    while let Some(source) = cause.source() {
        cause = source;
    }
    let what = if request.is_connect() {
        "could not connect"
    } else {
        "the request failed"
    };
    format!("{what}: {cause}")
}

/// Ask Discord who we are: the first call that proves the token works.
async fn current_user(http: &serenity::Http) -> Result<serenity::CurrentUser, StartError> {
    http.get_current_user().await.map_err(|error| match &error {
        serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response))
            if response.status_code.as_u16() == 401 =>
        {
            StartError(format!(
                "Discord rejected the token (401 Unauthorized): it may have been reset or mistyped. {TOKEN_HELP}."
            ))
        }
        _ => StartError(format!(
            "could not reach Discord to check the token: {}. Check the network connection and try again.",
            network_cause(&error)
        )),
    })
}

/// `careerbot register [--guild ID]`: register the slash commands, to one
/// server (instant) or globally (may take up to an hour to show).
pub async fn register(
    config: &Config,
    knowledge_dir: PathBuf,
    guild: Option<u64>,
) -> Result<String, StartError> {
    let token = checked_token(config)?;
    let engine = load_engine(knowledge_dir).await?;
    let http = http_client(token, &config.discord);
    let me = current_user(&http).await?;
    http.set_application_id(serenity::ApplicationId::new(me.id.get()));
    let commands = commands::all(engine.knowledge());
    let guild = guild.or(config.discord.guild_id.map(|g| g.0));
    register_commands(&http, &commands, guild).await?;
    Ok(match guild {
        Some(guild) => format!(
            "registered {} commands in server {guild} as {}",
            commands.len(),
            me.name
        ),
        None => format!(
            "registered {} commands globally as {} (Discord may take up to an hour to show them everywhere)",
            commands.len(),
            me.name
        ),
    })
}

async fn register_commands(
    http: &serenity::Http,
    commands: &[poise::Command<Data, Error>],
    guild: Option<u64>,
) -> Result<(), StartError> {
    let builders = commands::application_commands(commands);
    let result = match guild {
        Some(guild) => (serenity::GuildId::new(guild)
            .set_commands(http, builders)
            .await)
            .map(drop),
        None => (serenity::Command::set_global_commands(http, builders).await).map(drop),
    };
    result.map_err(|error| {
        StartError(format!(
            "Discord refused the command registration: {error}. If you used a server id, check that the bot is in that server (invite it with the applications.commands scope)."
        ))
    })
}

async fn load_engine(knowledge_dir: PathBuf) -> Result<Engine, StartError> {
    tokio::task::spawn_blocking(move || Engine::load(knowledge_dir))
        .await
        .map_err(|error| StartError(format!("loading the knowledge base failed: {error}")))?
        .map_err(|error| StartError(error.to_string()))
}

/// How a reload went, in words for whoever asked.
pub fn reload_report(outcome: &Result<super::bot::Reloaded, KnowledgeError>) -> String {
    match outcome {
        Ok(done) => format!(
            "Reloaded the knowledge base: {} topics, {} phrasings.",
            done.entries, done.phrasings
        ),
        Err(error) => format!(
            "The knowledge files have errors, so I kept the ones already loaded. Fix these and reload again:\n{}",
            crate::render::fit::truncate(&error.to_string(), 3500)
        ),
    }
}

/// `careerbot run`: connect and serve until Ctrl-C or SIGTERM.
pub async fn run(config: &Config, knowledge_dir: PathBuf) -> Result<(), StartError> {
    serve(config, knowledge_dir, wait_for_shutdown()).await
}

/// The review recorder, when it is on (by default `careerbot.db` beside
/// the config). A database that cannot be used is logged once, with its
/// path and what to do; the bot answers on without recording.
fn start_recorder(config: &Config) -> Option<crate::review::Recorder> {
    let settings = config.review_settings(true)?;
    match crate::review::Recorder::start(&settings) {
        Ok(recorder) => {
            tracing::info!(database = %settings.database.display(), "recording answers for the review");
            Some(recorder)
        }
        Err(error) => {
            tracing::error!("{error}. Answering without recording.");
            None
        }
    }
}

/// Connect and serve until `stop` completes (a signal, or a test's say-so),
/// then shut every shard down cleanly.
pub async fn serve(
    config: &Config,
    knowledge_dir: PathBuf,
    stop: impl Future<Output = ()> + Send + 'static,
) -> Result<(), StartError> {
    let token = checked_token(config)?.clone();
    let engine = load_engine(knowledge_dir.clone()).await?;
    let http = http_client(&token, &config.discord);
    let me = current_user(&http).await?;
    tracing::info!(user = %me.name, id = me.id.get(), "token accepted");

    let commands = commands::all(engine.knowledge());
    let bot = Arc::new(
        Bot::new(
            engine,
            BotSettings::from_config(&config.discord, knowledge_dir),
        )
        .with_recorder(start_recorder(config)),
    );
    let discord = config.discord.clone();
    let setup_bot = bot.clone();
    let framework = poise::Framework::builder()
        .options(poise::FrameworkOptions {
            commands,
            // Never ping anyone, whatever a reply contains.
            allowed_mentions: Some(render::no_mentions()),
            // No prefix commands: an @mention is a question, not a command
            // prefix (poise would warn "didn't recognize command name").
            prefix_options: poise::PrefixFrameworkOptions {
                mention_as_prefix: false,
                ..Default::default()
            },
            event_handler: |framework, event| Box::pin(on_event(framework, event)),
            on_error: |error| Box::pin(on_error(error)),
            ..Default::default()
        })
        .setup(move |ctx, ready, framework| {
            Box::pin(async move {
                tracing::info!(
                    user = %ready.user.name,
                    servers = ready.guilds.len(),
                    "connected to Discord"
                );
                if discord.register_on_start {
                    let guild = discord.guild_id.map(|g| g.0);
                    match register_commands(&ctx.http, &framework.options().commands, guild).await {
                        Ok(()) => tracing::info!(
                            commands = framework.options().commands.len(),
                            scope = if guild.is_some() { "server" } else { "global" },
                            "registered commands"
                        ),
                        Err(error) => tracing::error!("{error}"),
                    }
                }
                Ok(setup_bot)
            })
        })
        .build();

    let mut intents = serenity::GatewayIntents::GUILDS
        | serenity::GatewayIntents::GUILD_MESSAGES
        | serenity::GatewayIntents::DIRECT_MESSAGES;
    if !config.discord.answer_channels.is_empty() {
        // Reading messages that don't mention the bot needs the privileged
        // Message Content intent, so ask for it only when it is used.
        intents |= serenity::GatewayIntents::MESSAGE_CONTENT;
    }
    let mut client = serenity::ClientBuilder::new_with_http(http, intents)
        .framework(framework)
        .await
        .map_err(|error| StartError(format!("could not set up the Discord client: {error}")))?;

    spawn_signal_handlers(client.shard_manager.clone(), bot.clone(), stop);
    spawn_memory_sweep(bot.clone());

    let started = match (config.discord.shards, config.discord.shard_range) {
        (ShardCount::Auto, _) => client.start_autosharded().await,
        (ShardCount::Fixed(total), Some([first, last])) => {
            client.start_shard_range(first..last + 1, total).await
        }
        (ShardCount::Fixed(total), None) => client.start_shards(total).await,
    };
    started.map_err(|error| StartError(gateway_failure(&error, &config.discord)))?;
    tracing::info!("disconnected; goodbye");
    Ok(())
}

/// Once a minute, forget the details of people idle past the memory time.
fn spawn_memory_sweep(bot: Arc<Bot>) {
    tokio::spawn(async move {
        let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
        loop {
            every_minute.tick().await;
            let forgotten = bot.forget_idle(Instant::now());
            if forgotten > 0 {
                tracing::debug!(forgotten, "forgot idle users' details");
            }
        }
    });
}

/// Words for a client that stopped with an error.
fn gateway_failure(error: &serenity::Error, discord: &DiscordConfig) -> String {
    let intents_hint = if discord.answer_channels.is_empty() {
        ""
    } else {
        " `answer_channels` needs the Message Content intent: turn it on under Bot -> Privileged Gateway Intents in the developer portal, or remove answer_channels."
    };
    match error {
        serenity::Error::Gateway(serenity::GatewayError::InvalidAuthentication) => {
            format!("Discord rejected the token. {TOKEN_HELP}.")
        }
        serenity::Error::Gateway(
            serenity::GatewayError::DisallowedGatewayIntents
            | serenity::GatewayError::InvalidGatewayIntents,
        ) => format!("Discord refused the gateway intents.{intents_hint}"),
        other => format!("the Discord connection stopped: {other}.{intents_hint}"),
    }
}

/// `stop` (Ctrl-C or SIGTERM) shuts down cleanly; SIGHUP reloads the
/// knowledge.
fn spawn_signal_handlers(
    shards: Arc<serenity::ShardManager>,
    bot: Arc<Bot>,
    stop: impl Future<Output = ()> + Send + 'static,
) {
    tokio::spawn(async move {
        stop.await;
        tracing::info!("shutting down");
        // Tell each shard to close itself first: after serenity has
        // restarted a shard (identifying again), shutdown_all alone can miss
        // the new one and leave it connected and answering.
        for (id, runner) in shards.runners.lock().await.iter() {
            runner
                .runner_tx
                .send_to_shard(serenity::ShardRunnerMessage::Shutdown(*id, 1000));
        }
        shards.shutdown_all().await;
    });
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hangups) = signal(SignalKind::hangup()) else {
            tracing::warn!("cannot listen for SIGHUP; use /reload instead");
            return;
        };
        while hangups.recv().await.is_some() {
            let bot = bot.clone();
            match tokio::task::spawn_blocking(move || bot.reload()).await {
                Ok(Ok(done)) => tracing::info!(
                    topics = done.entries,
                    phrasings = done.phrasings,
                    "SIGHUP: reloaded the knowledge base"
                ),
                Ok(Err(error)) => {
                    tracing::error!(
                        "SIGHUP: kept the running knowledge base; the files have errors:\n{error}"
                    )
                }
                Err(error) => tracing::error!("SIGHUP: reload failed: {error}"),
            }
        }
    });
}

/// Ctrl-C, or SIGTERM on Unix.
pub async fn wait_for_shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut terminate) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = terminate.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}

/// Events poise does not handle itself: messages (mentions, DMs, answer
/// channels) and button clicks.
async fn on_event(
    framework: poise::FrameworkContext<'_, Data, Error>,
    event: &serenity::FullEvent,
) -> Result<(), Error> {
    let ctx = framework.serenity_context;
    let bot = framework.user_data;
    match event {
        serenity::FullEvent::Message { new_message } => {
            on_message(ctx, bot, new_message, framework.bot_id().get()).await
        }
        serenity::FullEvent::InteractionCreate {
            interaction: serenity::Interaction::Component(click),
        } => on_button(ctx, bot, click).await,
        serenity::FullEvent::InteractionCreate {
            interaction: serenity::Interaction::Modal(submit),
        } if submit.data.custom_id == commands::OFFERS_FORM => {
            on_offers_form(ctx, bot, submit).await
        }
        _ => Ok(()),
    }
}

async fn on_message(
    ctx: &serenity::Context,
    bot: &Data,
    message: &serenity::Message,
    bot_id: u64,
) -> Result<(), Error> {
    let context = MessageContext {
        author_is_bot: message.author.bot || message.author.id.get() == bot_id,
        is_direct_message: message.guild_id.is_none(),
        mentions_bot: message.mentions.iter().any(|u| u.id.get() == bot_id),
        in_answer_channel: bot.is_answer_channel(message.channel_id.get()),
    };
    if !input::should_answer(context) {
        return Ok(());
    }
    let text = input::question_from_message(&message.content, bot_id);
    let answer = bot.handle(
        message.author.id.get(),
        Request::Ask { text },
        Instant::now(),
    );
    for (i, card) in commands::cards(bot, answer.reply, answer.view, answer.vote)
        .await
        .iter()
        .enumerate()
    {
        let reply_to = (i == 0).then_some((message.channel_id, message.id));
        message
            .channel_id
            .send_message(ctx, render::to_channel_message(card, reply_to))
            .await?;
    }
    Ok(())
}

async fn on_button(
    ctx: &serenity::Context,
    bot: &Data,
    click: &serenity::ComponentInteraction,
) -> Result<(), Error> {
    if let Some((answer_ref, helpful)) = render::vote_of_button(&click.data.custom_id) {
        bot.vote(
            click.user.id.get(),
            click.message.id.get(),
            answer_ref,
            helpful,
        );
        let engine = bot.engine();
        let thanks = crate::reply::Reply::simple(
            crate::reply::ReplyKind::Notice,
            "",
            engine.knowledge().replies.review.thanks.clone(),
        );
        let received = Instant::now();
        let cards = render::layout(&thanks, &engine.knowledge().replies);
        if let Some(card) = cards.first() {
            super::callback::send_with_retry(received, "vote", || {
                let message = render::to_interaction_message(card, true);
                click.create_response(ctx, serenity::CreateInteractionResponse::Message(message))
            })
            .await?;
        }
        return Ok(());
    }
    let request = if let Some(topic) = render::topic_of_button(&click.data.custom_id) {
        Request::Topic {
            id: topic.to_string(),
        }
    } else if let Some((view, key)) = render::detail_button(&click.data.custom_id) {
        Request::Details { view, key }
    } else {
        return Ok(());
    };
    let received = Instant::now();
    let answer = bot.handle(click.user.id.get(), request, received);
    answer_with_cards(
        bot,
        answer,
        received,
        "button",
        |response| click.create_response(ctx, response),
        |follow_up| click.create_followup(ctx, follow_up),
    )
    .await
}

/// A submitted `/offers` form: the offers side by side, as a card with its
/// chart.
async fn on_offers_form(
    ctx: &serenity::Context,
    bot: &Data,
    submit: &serenity::ModalInteraction,
) -> Result<(), Error> {
    let received = Instant::now();
    let fields = commands::offer_fields(&submit.data);
    let answer = bot.handle(submit.user.id.get(), Request::Offers { fields }, received);
    answer_with_cards(
        bot,
        answer,
        received,
        "offers",
        |response| submit.create_response(ctx, response),
        |follow_up| submit.create_followup(ctx, follow_up),
    )
    .await
}

/// Answer a button click or a form: the first card as the interaction's
/// response (retried once if Discord refuses it), the rest as follow-ups.
/// Buttons and forms are different serenity types with the same two calls.
async fn answer_with_cards<R, F>(
    bot: &Data,
    answer: Answer,
    received: Instant,
    what: &str,
    respond: impl Fn(serenity::CreateInteractionResponse) -> R,
    follow_up: impl Fn(serenity::CreateInteractionResponseFollowup) -> F,
) -> Result<(), Error>
where
    R: Future<Output = Result<(), serenity::Error>>,
    F: Future<Output = Result<serenity::Message, serenity::Error>>,
{
    let cards = commands::cards(bot, answer.reply, answer.view, answer.vote).await;
    let mut cards = cards.iter();
    if let Some(first) = cards.next() {
        super::callback::send_with_retry(received, what, || {
            let message = render::to_interaction_message(first, answer.private);
            respond(serenity::CreateInteractionResponse::Message(message))
        })
        .await?;
    }
    for card in cards {
        follow_up(render::to_followup(card, answer.private)).await?;
    }
    Ok(())
}

/// Log errors; tell the person something went wrong when we can.
async fn on_error(error: poise::FrameworkError<'_, Data, Error>) {
    match error {
        poise::FrameworkError::Command { error, ctx, .. } => {
            tracing::error!(command = %ctx.command().name, "{error}");
        }
        poise::FrameworkError::EventHandler { error, event, .. } => {
            tracing::error!(event = event.snake_case_name(), "{error}");
        }
        other => {
            if let Err(error) = poise::builtins::on_error(other).await {
                tracing::error!("while handling an error: {error}");
            }
        }
    }
}
