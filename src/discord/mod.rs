//! The Discord front end. It only translates: Discord's events and options
//! become engine requests, and the engine's replies become embeds and
//! buttons. Everything it decides is a plain function, tested without
//! Discord:
//!
//! - [`input`]: options and message text → engine input; autocomplete.
//! - [`bot`]: the bot's state (engine, per-user memory, rate limit) and
//!   request handling.
//! - [`render`]: a reply → embeds and buttons within Discord's [`limits`]
//!   (long text is cut by [`crate::render::fit`]).
//!
//! [`commands`] (poise) and [`client`] (serenity) are the thin layer that
//! talks to Discord; [`callback`] retries a failed first response once.

pub mod bot;
pub mod callback;
pub mod client;
pub mod commands;
pub mod input;
pub mod limits;
pub mod render;
