//! The bot's state and its request handling, with no Discord types: the
//! engine (swapped whole on reload), each user's remembered details and
//! their rate limit.
//!
//! A [`Request`] is what someone asked for, whichever way they asked (a
//! slash command, a button, a mention, a DM); [`Bot::handle`] turns it into
//! an [`Answer`]. The poise handlers only build the request and send the
//! answer.

use super::input::{self, BenefitsForm, SalaryForm};
use super::render::{self, View};
use crate::answer::EstimateView;
use crate::config::DiscordConfig;
use crate::engine::Engine;
use crate::knowledge::{KnowledgeError, fill};
use crate::reply::{Reply, ReplyKind};
use crate::review::{Answered, FrontEnd, Recorder};
use crate::sessions::{RateLimit, SessionSettings, Sessions};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::{Duration, Instant};

/// A Discord user, by id.
pub type UserId = u64;

/// What someone asked for.
#[derive(Debug, Clone, PartialEq)]
pub enum Request {
    /// A question in words: `/ask`, a mention, a DM.
    Ask { text: String },
    /// `/salary` with its options.
    Salary(SalaryForm),
    /// `/certs`, optionally naming one.
    Certs { name: Option<String> },
    /// A shortcut command such as `/duties`.
    Shortcut { name: String },
    /// A "related topic" button.
    Topic { id: String },
    /// `/benefits`, the total-compensation calculator.
    Benefits(BenefitsForm),
    /// `/offers`: the fields of its form, offer A first.
    Offers { fields: Vec<String> },
    /// `/forget`.
    Forget,
    /// An estimate card's "How it's worked out" or "Sources" button: the
    /// reply with that [`render::reply_key`], in that view.
    Details { view: View, key: u64 },
}

impl Request {
    /// A short name for logs.
    pub fn name(&self) -> &'static str {
        match self {
            Request::Ask { .. } => "ask",
            Request::Salary(_) => "salary",
            Request::Certs { .. } => "certs",
            Request::Shortcut { .. } => "shortcut",
            Request::Topic { .. } => "button",
            Request::Benefits(_) => "benefits",
            Request::Offers { .. } => "offers",
            Request::Forget => "forget",
            Request::Details { .. } => "details",
        }
    }

    /// Whether the request counts toward the per-user rate limit. Reading
    /// topics (shortcuts, `/certs`, buttons, an estimate's details) and
    /// `/forget` never do: someone browsing is not flooding anyone.
    pub fn is_rate_limited(&self) -> bool {
        matches!(
            self,
            Request::Ask { .. }
                | Request::Salary(_)
                | Request::Benefits(_)
                | Request::Offers { .. }
        )
    }
}

/// The reply to a request, and whether only the asker should see it.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    pub reply: Reply,
    /// Shown only to the person who asked (rate-limit notices, form errors,
    /// `/forget`, an estimate's details).
    pub private: bool,
    /// Which part of the reply to show.
    pub view: View,
    /// The reference its 👍/👎 buttons carry, when answers are recorded.
    pub vote: Option<i64>,
}

impl Answer {
    fn public(reply: Reply) -> Answer {
        Answer {
            reply,
            private: false,
            view: View::Card,
            vote: None,
        }
    }

    fn private(reply: Reply) -> Answer {
        Answer {
            reply,
            private: true,
            view: View::Card,
            vote: None,
        }
    }
}

/// How many replies with detail buttons are kept for those buttons. Each
/// is kept in memory only, under a hash of itself (no user id), and the
/// oldest goes first.
pub const KEPT_REPLIES: usize = 2_000;

/// How the bot behaves, from the `[discord]` config.
#[derive(Debug, Clone)]
pub struct BotSettings {
    pub knowledge_dir: PathBuf,
    pub sessions: SessionSettings,
    pub reload_users: Vec<UserId>,
    pub reload_roles: Vec<u64>,
    pub answer_channels: Vec<u64>,
    pub log_message_text: bool,
}

impl BotSettings {
    pub fn from_config(discord: &DiscordConfig, knowledge_dir: PathBuf) -> BotSettings {
        let rate_limit = (discord.rate_limit_questions > 0).then(|| RateLimit {
            questions: discord.rate_limit_questions,
            per: Duration::from_secs(discord.rate_limit_seconds),
        });
        BotSettings {
            knowledge_dir,
            sessions: SessionSettings {
                capacity: discord.memory_users,
                ttl: Duration::from_secs(discord.memory_minutes.saturating_mul(60)),
                rate_limit,
            },
            reload_users: discord.reload_users.iter().map(|s| s.0).collect(),
            reload_roles: discord.reload_roles.iter().map(|s| s.0).collect(),
            answer_channels: discord.answer_channels.iter().map(|s| s.0).collect(),
            log_message_text: discord.log_message_text,
        }
    }
}

/// What a reload did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reloaded {
    pub entries: usize,
    pub phrasings: usize,
}

/// The bot: shared by every shard and handler.
pub struct Bot {
    engine: RwLock<Arc<Engine>>,
    sessions: Mutex<Sessions<UserId>>,
    /// Recent replies whose cards have detail buttons, by reply key.
    kept: Mutex<lru::LruCache<u64, Reply>>,
    /// One reload at a time; a second waits rather than racing the first.
    reloading: Mutex<()>,
    /// Records answers and votes for the review, when it is on.
    recorder: Option<Recorder>,
    pub settings: BotSettings,
}

impl Bot {
    pub fn new(engine: Engine, settings: BotSettings) -> Bot {
        Bot {
            engine: RwLock::new(Arc::new(engine)),
            sessions: Mutex::new(Sessions::new(settings.sessions.clone())),
            kept: Mutex::new(lru::LruCache::new(
                std::num::NonZeroUsize::new(KEPT_REPLIES).unwrap_or(std::num::NonZeroUsize::MIN),
            )),
            reloading: Mutex::new(()),
            recorder: None,
            settings,
        }
    }

    /// Record answers and votes with `recorder`.
    pub fn with_recorder(mut self, recorder: Option<Recorder>) -> Bot {
        self.recorder = recorder;
        self
    }

    /// The recorder, when answers are recorded.
    pub fn recorder(&self) -> Option<&Recorder> {
        self.recorder.as_ref()
    }

    /// This week's review, its top ten question groups, in words; or why
    /// there is none.
    pub fn review_text(&self) -> String {
        let engine = self.engine();
        let words = &engine.knowledge().replies;
        let Some(recorder) = &self.recorder else {
            return words.review.off.clone();
        };
        recorder.flush();
        let options = crate::review::ReviewOptions {
            days: 7,
            now: crate::review::recorder::unix_now(),
            top: 10,
        };
        let built = crate::review::Store::open(recorder.path())
            .and_then(|store| crate::review::Review::build(&engine, &store, options));
        match built {
            Ok(review) => review.to_text(words),
            Err(error) => {
                tracing::error!("/review: {error}");
                error.to_string()
            }
        }
    }

    /// A 👍 or 👎 from `user` on the answer in `message`.
    pub fn vote(&self, user: UserId, message: u64, answer_ref: i64, helpful: bool) {
        if let Some(recorder) = &self.recorder {
            recorder.voted(user, message, answer_ref, helpful);
        }
    }

    /// The engine in use now. A reload swaps it; requests already running
    /// finish on the one they started with.
    pub fn engine(&self) -> Arc<Engine> {
        self.engine
            .read()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Answer one request from `user` at `now`, and log it.
    pub fn handle(&self, user: UserId, request: Request, now: Instant) -> Answer {
        let started = Instant::now();
        let logged_text = match &request {
            Request::Ask { text } if self.settings.log_message_text => Some(text.clone()),
            _ => None,
        };
        let via = request.name();
        // Only a question in words has text to keep for the review.
        let asked = match (&request, &self.recorder) {
            (Request::Ask { text }, Some(_)) => Some(self.engine().redacted(text)),
            _ => None,
        };
        let recorded = !matches!(request, Request::Details { .. } | Request::Forget);
        let mut answer = self.answer(user, request, now);
        if answer.view == View::Card
            && render::has_detail_buttons(&answer.reply, &self.engine().knowledge().replies)
        {
            let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
            kept.put(render::reply_key(&answer.reply), answer.reply.clone());
        }
        if let (Some(recorder), true) = (&self.recorder, recorded) {
            let votable = answer.reply.kind != ReplyKind::Notice && answer.view == View::Card;
            answer.vote = recorder.answered(Answered {
                front_end: FrontEnd::Discord,
                reply: &answer.reply,
                question: asked.unwrap_or_default(),
                latency: started.elapsed(),
                votable,
            });
        }
        let reply = &answer.reply;
        tracing::info!(
            via,
            kind = ?reply.kind,
            topic = reply.topic.as_deref().unwrap_or("-"),
            confidence = format_args!("{:.2}", reply.confidence),
            latency_us = started.elapsed().as_micros() as u64,
            question = logged_text.as_deref(),
            "answered"
        );
        answer
    }

    fn answer(&self, user: UserId, request: Request, now: Instant) -> Answer {
        let engine = self.engine();
        let mut sessions = self.sessions.lock().unwrap_or_else(PoisonError::into_inner);
        if request.is_rate_limited()
            && let Err(limited) = sessions.admit(&user, now)
        {
            let seconds = limited.retry_after_secs();
            let text = fill(
                &engine.knowledge().replies.rate_limited,
                &[("seconds", &seconds.to_string())],
            );
            return Answer::private(notice(
                &engine.knowledge().replies.titles.rate_limited,
                text,
            ));
        }
        match request {
            Request::Ask { text } => {
                let reply = sessions.conversation(&user, now).ask(&engine, &text);
                let private = reply.kind == ReplyKind::Notice;
                Answer {
                    reply,
                    private,
                    view: View::Card,
                    vote: None,
                }
            }
            Request::Salary(form) => {
                let read = input::salary_details(&engine, &form)
                    .and_then(|details| Ok((details, input::salary_pay(&form)?)));
                let (details, their_pay) = match read {
                    Ok(read) => read,
                    Err(error) => return Answer::private(form_error(&engine, error)),
                };
                let conversation = sessions.conversation(&user, now);
                conversation.remember(&details);
                let view = EstimateView {
                    hourly: false,
                    their_pay,
                    from_empty_form: form.is_empty(),
                    prices_asked: false,
                };
                Answer::public(engine.estimate_reply_for(&details, view))
            }
            Request::Certs { name } => match input::certification_topic(&engine, name.as_deref()) {
                Ok(topic) => Answer::public(topic_reply(&engine, &topic)),
                Err(error) => Answer::private(form_error(&engine, error)),
            },
            Request::Shortcut { name } => match engine.shortcut(&name) {
                Some(reply) => Answer::public(reply),
                None => Answer::private(topic_missing(&engine, &format!("/{name}"))),
            },
            Request::Topic { id } => Answer::public(topic_reply(&engine, &id)),
            Request::Benefits(form) => match input::package_question(&form) {
                Ok(package) => Answer::public(engine.calculation_reply(&package)),
                Err(error) => Answer::private(form_error(&engine, error)),
            },
            Request::Offers { fields } => {
                let texts: Vec<&str> = fields.iter().map(String::as_str).collect();
                Answer::public(engine.offers_reply_for(&texts))
            }
            Request::Details { view, key } => {
                let kept = (self.kept.lock().unwrap_or_else(PoisonError::into_inner))
                    .get(&key)
                    .cloned();
                match kept {
                    Some(reply) => Answer {
                        reply,
                        private: true,
                        view,
                        vote: None,
                    },
                    None => {
                        let words = &engine.knowledge().replies.card;
                        Answer::private(notice(&words.expired_title, words.expired.clone()))
                    }
                }
            }
            Request::Forget => {
                sessions.forget(&user);
                let replies = &engine.knowledge().replies;
                let mut reply = notice(&replies.titles.forgot, replies.forgot.clone());
                reply.confidence = 1.0;
                Answer::private(reply)
            }
        }
    }

    /// The salary chart for a reply with an estimate, as PNG bytes. Takes
    /// about ten milliseconds: call it off the async runtime's threads.
    pub fn chart_for(&self, reply: &Reply) -> Option<Vec<u8>> {
        let engine = self.engine();
        let kb = engine.knowledge();
        let drawn = match (&reply.content, reply.estimate()) {
            (crate::reply::Content::Offers(comparison), _) if !comparison.offers.is_empty() => {
                crate::chart::offers_png(&kb.replies, comparison)
            }
            (_, Some(estimate)) => {
                crate::chart::salary_png(kb, estimate, &reply.details_used, reply.their_pay())
            }
            _ => return None,
        };
        match drawn {
            Ok(png) => Some(png),
            Err(error) => {
                // The estimate is still worth sending without its picture.
                tracing::warn!("{error}");
                None
            }
        }
    }

    /// Drop the details of everyone idle for longer than the memory time,
    /// so nothing is kept past it even while the memory is not full.
    pub fn forget_idle(&self, now: Instant) -> usize {
        self.sessions
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .expire(now)
    }

    /// Whether this user, with these roles, may reload the knowledge base.
    pub fn may_reload(&self, user: UserId, roles: &[u64]) -> bool {
        self.settings.reload_users.contains(&user)
            || roles.iter().any(|r| self.settings.reload_roles.contains(r))
    }

    /// Whether the bot answers every message in this channel.
    pub fn is_answer_channel(&self, channel: u64) -> bool {
        self.settings.answer_channels.contains(&channel)
    }

    /// Load `knowledge/` again and swap it in. If it fails validation, the
    /// running knowledge base stays and the error says what is wrong. Takes
    /// tens of milliseconds: call it off the async runtime's threads.
    pub fn reload(&self) -> Result<Reloaded, KnowledgeError> {
        let _one_at_a_time = self
            .reloading
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        let engine = Engine::load(&self.settings.knowledge_dir)?;
        let reloaded = Reloaded {
            entries: engine.knowledge().entries.len(),
            phrasings: engine
                .knowledge()
                .entries
                .iter()
                .map(|e| e.phrasings.len())
                .sum(),
        };
        *self.engine.write().unwrap_or_else(PoisonError::into_inner) = Arc::new(engine);
        Ok(reloaded)
    }
}

/// The reply for a topic id, or a notice when the topic is gone (a button
/// from before a reload).
fn topic_reply(engine: &Engine, id: &str) -> Reply {
    engine
        .topic(id)
        .unwrap_or_else(|| topic_missing(engine, id))
}

fn topic_missing(engine: &Engine, name: &str) -> Reply {
    let replies = &engine.knowledge().replies;
    notice(
        &replies.titles.topic_missing,
        fill(&replies.topic_missing, &[("name", name)]),
    )
}

fn form_error(engine: &Engine, error: input::FormError) -> Reply {
    let kb = engine.knowledge();
    notice(&kb.replies.titles.form_error, error.wording(kb))
}

fn notice(title: &str, body: impl Into<String>) -> Reply {
    Reply::simple(ReplyKind::Notice, title, body)
}
