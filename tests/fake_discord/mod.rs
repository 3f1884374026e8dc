//! A loopback fake of Discord, for end-to-end and fault tests of the real
//! client: it serves the REST API (`/api/v10/...`) and the gateway
//! (`/gateway`, a plain `ws://` websocket with JSON text frames) on
//! `127.0.0.1:<free port>`, in the test's own tokio runtime.
//!
//! It behaves like Discord where the bot can tell:
//!
//! - REST: the token must be sent as `Bot <token>` (else 401); bodies are
//!   JSON, or multipart with `payload_json` and `files[n]` (an uploaded
//!   file becomes an attachment, and `attachment://name` in an embed points
//!   at it); the bot user, application info and gateway URL are served;
//!   command registration (global or per server) answers with the commands
//!   and their ids; an interaction can be answered once (a second callback gets
//!   Discord's 40060, an unknown one 10062, a bad token 50027); follow-ups
//!   need an answered interaction; a message sent to a channel comes back on
//!   the gateway as `MESSAGE_CREATE` authored by the bot, as Discord does.
//! - Gateway: Hello with a short heartbeat interval ([`HEARTBEAT_INTERVAL`];
//!   [`FakeDiscord::start_with_heartbeat`] sets another),
//!   Identify → READY (a new session), Resume → the missed dispatches are
//!   replayed and then RESUMED (an unknown or invalidated session gets op 9),
//!   heartbeats are ACKed. Every dispatch is kept per session with its
//!   sequence number, so a dispatch made while the bot is disconnected is
//!   delivered when it resumes.
//!
//! Everything is recorded: each REST request ([`Recorded`]: method, path,
//! JSON body, time, the status returned) and each gateway frame in both
//! directions ([`Frame`]), plus each completed handshake ([`Handshake`]).
//! The `wait_*` methods wait for a condition (woken on every change, never
//! by polling) and panic with a summary of what happened if it does not come.
//!
//! Faults can be injected: [`FakeDiscord::drop_connection`] (or
//! [`FakeDiscord::drop_connection_then_dispatch`], to leave an event for the
//! bot to get by resuming), [`FakeDiscord::close_connection`] (with a close
//! code), [`FakeDiscord::send_reconnect`] (op 7),
//! [`FakeDiscord::send_invalid_session`] (op 9),
//! [`FakeDiscord::stop_acking_heartbeats`],
//! [`FakeDiscord::fail_callbacks`] (e.g. 500),
//! [`FakeDiscord::slow_callbacks_for_user`] and [`FakeDiscord::send_raw`]
//! (anything at all as a text frame).
//!
//! Payload builders ([`FakeDiscord::slash`], [`FakeDiscord::autocomplete`],
//! [`FakeDiscord::button_click`], [`FakeDiscord::message_create`]) produce
//! what Discord sends, with every field serenity requires; slash commands and
//! their options are checked against what the bot registered.

#![allow(dead_code)]

pub mod expected;
pub mod harness;
pub mod load;

use axum::Router;
use axum::body::Bytes;
use axum::extract::State as AxumState;
use axum::extract::ws::{CloseFrame, Message as WsMessage, WebSocket, WebSocketUpgrade};
use axum::http::{HeaderMap, Method, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde_json::{Value, json};
use std::collections::{HashMap, VecDeque};
use std::fmt::Write as _;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex, MutexGuard, PoisonError};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch};

/// The bot token the fake accepts (any three dot-separated parts pass
/// serenity's shape check).
pub const TOKEN: &str = "MTIz.abc.def";
/// The heartbeat interval sent in Hello: short, so a missed ACK shows
/// within seconds.
pub const HEARTBEAT_INTERVAL: Duration = Duration::from_millis(1000);
/// The interval Discord itself sends. A load test uses it: at 1 s, a burst
/// of a thousand dispatches can hold the ACK back long enough (behind the
/// dispatches on the same socket) for the bot to reconnect, which real
/// Discord's interval never causes.
pub const DISCORD_HEARTBEAT_INTERVAL: Duration = Duration::from_millis(41_250);
/// The server the guild payloads come from.
pub const GUILD_ID: u64 = 700_000_000_000_000_001;
/// The text channel of that server.
pub const GUILD_CHANNEL_ID: u64 = 700_000_000_000_000_002;
/// The bot's user id. Distinct from [`APPLICATION_ID`] (Discord makes them
/// equal for new applications), so that a mix-up of the two shows.
pub const BOT_USER_ID: u64 = 710_000_000_000_000_001;
pub const APPLICATION_ID: u64 = 720_000_000_000_000_001;
/// The application's owner (sent in the application info).
pub const OWNER_ID: u64 = 730_000_000_000_000_001;
/// Discord's permissions string for "everything" in a server.
const ALL_PERMISSIONS: &str = "2251799813685247";

/// Where a payload comes from: a server's text channel or the user's DM
/// with the bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Place {
    Guild,
    Dm,
}

impl Place {
    /// The channel the payload is in.
    pub fn channel_id(self, user: u64) -> u64 {
        match self {
            Place::Guild => GUILD_CHANNEL_ID,
            Place::Dm => dm_channel_id(user),
        }
    }
}

/// The DM channel between `user` and the bot.
pub fn dm_channel_id(user: u64) -> u64 {
    800_000_000_000_000_000 + user
}

/// The author of a message: a person or another bot.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Author {
    pub id: u64,
    pub bot: bool,
}

impl Author {
    pub fn person(id: u64) -> Author {
        Author { id, bot: false }
    }

    pub fn bot(id: u64) -> Author {
        Author { id, bot: true }
    }
}

/// One REST request the bot made, and what the fake answered.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The path, e.g. `/api/v10/interactions/123/tok/callback`.
    pub path: String,
    pub query: Option<String>,
    /// The JSON body (`Null` when empty; a string if it was not JSON).
    pub body: Value,
    /// When the request arrived.
    pub at: Instant,
    /// The status the fake answered with.
    pub status: u16,
    /// How long the fake held the answer back (a slow-callback fault).
    pub delay: Duration,
    /// Files uploaded with it (a multipart body's `files[n]` parts).
    pub files: Vec<Upload>,
}

/// A file uploaded with a request.
#[derive(Debug, Clone)]
pub struct Upload {
    /// The form field: `files[0]`...
    pub field: String,
    pub filename: String,
    pub content_type: Option<String>,
    pub bytes: Vec<u8>,
}

impl Recorded {
    /// The path below `/api/v10`.
    pub fn route(&self) -> &str {
        self.path.strip_prefix("/api/v10").unwrap_or(&self.path)
    }

    /// When the bot got the answer.
    pub fn answered_at(&self) -> Instant {
        self.at + self.delay
    }
}

/// Which way a gateway frame went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    ToBot,
    FromBot,
}

/// What a gateway frame carried.
#[derive(Debug, Clone, PartialEq)]
pub enum FrameData {
    Text(String),
    Close(Option<u16>),
}

/// One gateway frame, in either direction.
#[derive(Debug, Clone)]
pub struct Frame {
    /// The connection, numbered from 0 in the order they were opened.
    pub connection: usize,
    pub direction: Direction,
    pub at: Instant,
    pub data: FrameData,
}

impl Frame {
    /// The frame's JSON, if it is a text frame holding JSON.
    pub fn json(&self) -> Option<Value> {
        match &self.data {
            FrameData::Text(text) => serde_json::from_str(text).ok(),
            FrameData::Close(_) => None,
        }
    }

    /// The gateway opcode, if any.
    pub fn op(&self) -> Option<u64> {
        self.json().and_then(|v| v["op"].as_u64())
    }
}

/// A completed gateway handshake.
#[derive(Debug, Clone, PartialEq)]
pub enum Handshake {
    /// Identify (op 2) answered with READY: a new session.
    Identified {
        connection: usize,
        session_id: String,
        /// The intents the bot asked for.
        intents: u64,
        /// The Identify payload as sent (the token is in it).
        identify: Value,
        at: Instant,
    },
    /// Resume (op 6) answered with the missed dispatches and RESUMED.
    Resumed {
        connection: usize,
        session_id: String,
        /// The last sequence number the bot said it had.
        seq: u64,
        /// How many dispatches were replayed.
        replayed: usize,
        at: Instant,
    },
    /// Resume of an unknown or invalidated session, answered with op 9.
    ResumeRejected {
        connection: usize,
        session_id: String,
        at: Instant,
    },
}

impl Handshake {
    pub fn at(&self) -> Instant {
        match self {
            Handshake::Identified { at, .. }
            | Handshake::Resumed { at, .. }
            | Handshake::ResumeRejected { at, .. } => *at,
        }
    }

    pub fn connection(&self) -> usize {
        match self {
            Handshake::Identified { connection, .. }
            | Handshake::Resumed { connection, .. }
            | Handshake::ResumeRejected { connection, .. } => *connection,
        }
    }

    /// A short description for reports.
    pub fn describe(&self) -> String {
        match self {
            Handshake::Identified {
                connection,
                session_id,
                ..
            } => format!("identify (op 2) on connection {connection} -> new session {session_id}"),
            Handshake::Resumed {
                connection,
                session_id,
                seq,
                replayed,
                ..
            } => format!(
                "resume (op 6) of {session_id} at seq {seq} on connection {connection} -> {replayed} missed dispatch(es) replayed"
            ),
            Handshake::ResumeRejected {
                connection,
                session_id,
                ..
            } => format!("resume of {session_id} on connection {connection} rejected (op 9)"),
        }
    }
}

/// What a connection's task is told to do.
enum Command {
    Send(String),
    Close(u16),
    /// Close the TCP connection at once: no close frame, no goodbye.
    Drop,
}

struct Connection {
    tx: mpsc::UnboundedSender<Command>,
    open: bool,
    ack_heartbeats: bool,
    heartbeats: usize,
}

struct Session {
    /// Every dispatch, with its sequence number, for replay on resume.
    log: Vec<(u64, String)>,
    next_seq: u64,
    /// The connection dispatches go to, when the bot is connected.
    connection: Option<usize>,
    valid: bool,
}

struct InteractionRecord {
    token: String,
    user: u64,
    channel_id: u64,
    answered: bool,
    /// When the test dispatched it (queued for the gateway).
    dispatched_at: Instant,
}

#[derive(Default)]
struct State {
    requests: Vec<Recorded>,
    frames: Vec<Frame>,
    handshakes: Vec<Handshake>,
    connections: Vec<Connection>,
    sessions: HashMap<String, Session>,
    /// The session [`FakeDiscord::dispatch`] sends to.
    current: Option<String>,
    interactions: HashMap<u64, InteractionRecord>,
    /// Registered commands: `None` for global, `Some(guild)` per server.
    commands: HashMap<Option<u64>, Vec<Value>>,
    command_ids: HashMap<String, u64>,
    next_id: u64,
    /// Statuses to answer the next callbacks with, instead of 204.
    callback_failures: VecDeque<u16>,
    /// Users whose interaction callbacks are answered late.
    slow_users: HashMap<u64, Duration>,
    /// How many interaction callbacks have been recorded, so a load test
    /// can wait for a count without scanning every request on each change.
    callbacks_recorded: usize,
}

impl State {
    /// A fresh id. Ids are 16 apart: a message's attachments take the ids
    /// after the message's own.
    fn snowflake(&mut self) -> u64 {
        self.next_id += 16;
        1_300_000_000_000_000_000 + self.next_id
    }

    /// Queue a dispatch on the current session; send it if connected.
    fn dispatch(&mut self, event: &str, d: Value) -> Option<u64> {
        if event == "INTERACTION_CREATE" {
            let id = d["id"].as_str().and_then(|s| s.parse().ok());
            let token = d["token"].as_str();
            if let (Some(id), Some(token)) = (id, token) {
                let user = d["member"]["user"]["id"]
                    .as_str()
                    .or(d["user"]["id"].as_str())
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                let channel_id = d["channel_id"]
                    .as_str()
                    .and_then(|s| s.parse().ok())
                    .unwrap_or(0);
                self.interactions.insert(
                    id,
                    InteractionRecord {
                        token: token.to_string(),
                        user,
                        channel_id,
                        answered: false,
                        dispatched_at: Instant::now(),
                    },
                );
            }
        }
        let session = self.sessions.get_mut(self.current.as_ref()?)?;
        let seq = session.next_seq;
        session.next_seq += 1;
        let text = json!({"op": 0, "s": seq, "t": event, "d": d}).to_string();
        session.log.push((seq, text.clone()));
        if let Some(connection) = session.connection {
            let _ = self.connections[connection].tx.send(Command::Send(text));
        }
        Some(seq)
    }

    /// The connection of the current session.
    fn current_connection(&self) -> Option<usize> {
        self.sessions.get(self.current.as_ref()?)?.connection
    }
}

struct Shared {
    state: Mutex<State>,
    changed: watch::Sender<u64>,
    addr: SocketAddr,
    heartbeat_interval: Duration,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Change the state and wake every waiter.
    fn update<R>(&self, change: impl FnOnce(&mut State) -> R) -> R {
        let result = change(&mut self.lock());
        self.changed.send_modify(|version| *version += 1);
        result
    }

    fn gateway_url(&self) -> String {
        format!("ws://{}/gateway", self.addr)
    }

    fn record_frame(&self, connection: usize, direction: Direction, data: FrameData) {
        self.update(|state| {
            state.frames.push(Frame {
                connection,
                direction,
                at: Instant::now(),
                data,
            })
        });
    }
}

/// The fake Discord. Dropping it stops the server.
pub struct FakeDiscord {
    shared: Arc<Shared>,
    server: tokio::task::JoinHandle<()>,
}

impl Drop for FakeDiscord {
    fn drop(&mut self) {
        self.server.abort();
    }
}

impl FakeDiscord {
    /// Start serving on a free port of 127.0.0.1, in the current runtime,
    /// asking for a heartbeat every [`HEARTBEAT_INTERVAL`].
    pub async fn start() -> FakeDiscord {
        FakeDiscord::start_with_heartbeat(HEARTBEAT_INTERVAL).await
    }

    /// Start serving, asking for a heartbeat every `heartbeat_interval`.
    pub async fn start_with_heartbeat(heartbeat_interval: Duration) -> FakeDiscord {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .expect("a free port on 127.0.0.1");
        let addr = listener.local_addr().expect("a bound address");
        let shared = Arc::new(Shared {
            state: Mutex::new(State::default()),
            changed: watch::channel(0).0,
            addr,
            heartbeat_interval,
        });
        let app = Router::new()
            .route("/gateway", get(gateway))
            .fallback(rest)
            .with_state(shared.clone());
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("the fake serves");
        });
        FakeDiscord { shared, server }
    }

    /// What to set as `[discord] api_base`.
    pub fn api_base(&self) -> String {
        format!("http://{}", self.shared.addr)
    }

    pub fn bot_user_id(&self) -> u64 {
        BOT_USER_ID
    }

    pub fn application_id(&self) -> u64 {
        APPLICATION_ID
    }

    // ----- What happened -------------------------------------------------

    /// Every REST request so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// Every gateway frame so far.
    pub fn frames(&self) -> Vec<Frame> {
        self.shared.lock().frames.clone()
    }

    /// Every completed handshake so far.
    pub fn handshakes(&self) -> Vec<Handshake> {
        self.shared.lock().handshakes.clone()
    }

    /// How many gateway connections the bot has opened.
    pub fn connection_count(&self) -> usize {
        self.shared.lock().connections.len()
    }

    /// How many heartbeats (op 1) the bot sent on a connection.
    pub fn heartbeats_on(&self, connection: usize) -> usize {
        self.shared.lock().connections[connection].heartbeats
    }

    /// Whether a gateway connection is still open.
    pub fn connection_open(&self, connection: usize) -> bool {
        self.shared.lock().connections[connection].open
    }

    /// Wait until a gateway connection has closed (either side).
    pub async fn wait_connection_closed(&self, connection: usize, timeout: Duration) {
        self.wait_for(
            &format!("connection {connection} to close"),
            timeout,
            |state| (!state.connections[connection].open).then_some(()),
        )
        .await
    }

    /// The sequence number of the last dispatch sent on a connection.
    pub fn last_seq_sent_on(&self, connection: usize) -> Option<u64> {
        self.frames()
            .iter()
            .filter(|f| f.connection == connection && f.direction == Direction::ToBot)
            .filter_map(|f| f.json()?["s"].as_u64())
            .max()
    }

    /// The commands registered globally (`None`) or in a server.
    pub fn registered_commands(&self, guild: Option<u64>) -> Vec<Value> {
        self.shared
            .lock()
            .commands
            .get(&guild)
            .cloned()
            .unwrap_or_default()
    }

    /// Wait until `check` finds something in the recorded state. Woken by
    /// every change; panics after `timeout`, naming `what`.
    async fn wait_for<T>(
        &self,
        what: &str,
        timeout: Duration,
        mut check: impl FnMut(&State) -> Option<T>,
    ) -> T {
        let mut changes = self.shared.changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            if let Some(found) = check(&self.shared.lock()) {
                return found;
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                panic!(
                    "timed out after {timeout:?} waiting for {what}\n{}",
                    self.summary()
                );
            }
        }
    }

    /// Wait for the `n`-th handshake (1-based) to complete.
    pub async fn wait_handshake(&self, n: usize, timeout: Duration) -> Handshake {
        self.wait_for(&format!("gateway handshake #{n}"), timeout, |state| {
            state.handshakes.get(n - 1).cloned()
        })
        .await
    }

    /// Wait for the first READY: the bot identified.
    pub async fn wait_ready(&self, timeout: Duration) -> Handshake {
        self.wait_for("READY", timeout, |state| {
            state
                .handshakes
                .iter()
                .find(|h| matches!(h, Handshake::Identified { .. }))
                .cloned()
        })
        .await
    }

    /// Wait for a REST request that `matches`.
    pub async fn wait_request(
        &self,
        what: &str,
        timeout: Duration,
        matches: impl Fn(&Recorded) -> bool,
    ) -> Recorded {
        self.wait_for(what, timeout, |state| {
            state.requests.iter().find(|r| matches(r)).cloned()
        })
        .await
    }

    /// Wait until at least `count` REST requests match; returns them all.
    pub async fn wait_requests(
        &self,
        what: &str,
        count: usize,
        timeout: Duration,
        matches: impl Fn(&Recorded) -> bool,
    ) -> Vec<Recorded> {
        self.wait_for(&format!("{count} x {what}"), timeout, |state| {
            let found: Vec<Recorded> = state
                .requests
                .iter()
                .filter(|r| matches(r))
                .cloned()
                .collect();
            (found.len() >= count).then_some(found)
        })
        .await
    }

    /// Wait until the bot has sent `count` follow-ups for an interaction.
    pub async fn wait_followups(
        &self,
        interaction: u64,
        count: usize,
        timeout: Duration,
    ) -> Vec<Recorded> {
        let token = self
            .shared
            .lock()
            .interactions
            .get(&interaction)
            .map(|i| i.token.clone())
            .expect("an interaction the fake dispatched");
        let path = format!("/api/v10/webhooks/{APPLICATION_ID}/{token}");
        self.wait_requests(
            &format!("follow-ups to interaction {interaction}"),
            count,
            timeout,
            |r| r.method == "POST" && r.path == path,
        )
        .await
    }

    /// Wait until the bot has sent `count` messages to a channel.
    pub async fn wait_channel_messages(
        &self,
        channel: u64,
        count: usize,
        timeout: Duration,
    ) -> Vec<Recorded> {
        let path = format!("/api/v10/channels/{channel}/messages");
        self.wait_requests(
            &format!("messages to channel {channel}"),
            count,
            timeout,
            |r| r.method == "POST" && r.path == path,
        )
        .await
    }

    /// Wait for the bot's callback (the first response) to an interaction.
    pub async fn wait_callback(&self, interaction: u64, timeout: Duration) -> Recorded {
        let prefix = format!("/api/v10/interactions/{interaction}/");
        self.wait_request(
            &format!("the callback to interaction {interaction}"),
            timeout,
            |r| r.method == "POST" && r.path.starts_with(&prefix) && r.path.ends_with("/callback"),
        )
        .await
    }

    /// Wait until `count` callbacks are recorded, for as long as they keep
    /// coming: gives up only after `stall` with no new one. A loaded
    /// machine answers slower, not less, so this waits out the slowness
    /// and still ends when the bot has stopped answering.
    pub async fn wait_callback_progress(&self, count: usize, stall: Duration) -> usize {
        let mut seen = self.shared.lock().callbacks_recorded;
        loop {
            let recorded = self.wait_callback_count(count, stall).await;
            if recorded >= count || recorded == seen {
                return recorded;
            }
            seen = recorded;
        }
    }

    /// Wait until `count` interaction callbacks (of any interaction, with
    /// any status) have been recorded in all, or `timeout` passes; returns
    /// how many there are. Never panics: a load test reports what is
    /// missing itself.
    pub async fn wait_callback_count(&self, count: usize, timeout: Duration) -> usize {
        let mut changes = self.shared.changed.subscribe();
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let recorded = self.shared.lock().callbacks_recorded;
            if recorded >= count {
                return recorded;
            }
            if tokio::time::timeout_at(deadline, changes.changed())
                .await
                .is_err()
            {
                return self.shared.lock().callbacks_recorded;
            }
        }
    }

    /// Every interaction callback recorded so far, by interaction id, in the
    /// order they arrived.
    pub fn callbacks(&self) -> HashMap<u64, Vec<Recorded>> {
        let state = self.shared.lock();
        let mut by_interaction: HashMap<u64, Vec<Recorded>> = HashMap::new();
        for request in &state.requests {
            let id = match request.route().split('/').collect::<Vec<_>>()[..] {
                ["", "interactions", id, _, "callback"] if request.method == "POST" => id.parse(),
                _ => continue,
            };
            if let Ok(id) = id {
                by_interaction.entry(id).or_default().push(request.clone());
            }
        }
        by_interaction
    }

    /// When the test dispatched interaction `id`.
    pub fn dispatched_at(&self, id: u64) -> Option<Instant> {
        self.shared
            .lock()
            .interactions
            .get(&id)
            .map(|i| i.dispatched_at)
    }

    /// Wait for a gateway frame that `matches`.
    pub async fn wait_frame(
        &self,
        what: &str,
        timeout: Duration,
        matches: impl Fn(&Frame) -> bool,
    ) -> Frame {
        self.wait_for(what, timeout, |state| {
            state.frames.iter().find(|f| matches(f)).cloned()
        })
        .await
    }

    /// The follow-up messages sent for an interaction so far.
    pub fn followups(&self, interaction: u64) -> Vec<Recorded> {
        let state = self.shared.lock();
        let Some(token) = state.interactions.get(&interaction).map(|i| &i.token) else {
            return Vec::new();
        };
        let path = format!("/api/v10/webhooks/{APPLICATION_ID}/{token}");
        state
            .requests
            .iter()
            .filter(|r| r.method == "POST" && r.path == path)
            .cloned()
            .collect()
    }

    /// Messages the bot sent to a channel so far.
    pub fn channel_messages(&self, channel: u64) -> Vec<Recorded> {
        let path = format!("/api/v10/channels/{channel}/messages");
        self.requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path == path)
            .collect()
    }

    /// The last requests and frames, for failure messages.
    pub fn summary(&self) -> String {
        let state = self.shared.lock();
        let mut out = String::new();
        let _ = writeln!(out, "handshakes:");
        for handshake in &state.handshakes {
            let _ = writeln!(out, "  {}", handshake.describe());
        }
        let _ = writeln!(out, "last REST requests:");
        for r in state.requests.iter().rev().take(15).rev() {
            let _ = writeln!(out, "  {} {} -> {}", r.method, r.path, r.status);
        }
        let _ = writeln!(out, "last gateway frames:");
        for f in state.frames.iter().rev().take(15).rev() {
            let text = match &f.data {
                FrameData::Text(text) => text.chars().take(160).collect::<String>(),
                FrameData::Close(code) => format!("<close {code:?}>"),
            };
            let _ = writeln!(out, "  [{}] {:?}: {text}", f.connection, f.direction);
        }
        out
    }

    // ----- Sending to the bot --------------------------------------------

    /// Send a dispatch (op 0) on the current session with the next sequence
    /// number; returns it. If the bot is disconnected, it is kept and
    /// replayed when the bot resumes. Panics if no session exists (wait for
    /// READY first).
    pub fn dispatch(&self, event: &str, d: Value) -> u64 {
        self.shared
            .update(|state| state.dispatch(event, d))
            .unwrap_or_else(|| panic!("no gateway session to dispatch {event} on; wait for READY"))
    }

    /// Dispatch an `INTERACTION_CREATE`; returns the interaction's id.
    pub fn interact(&self, interaction: Value) -> u64 {
        let id = interaction["id"]
            .as_str()
            .and_then(|s| s.parse().ok())
            .expect("an interaction with an id");
        self.dispatch("INTERACTION_CREATE", interaction);
        id
    }

    /// Send a text frame exactly as given on the current connection.
    pub fn send_raw(&self, text: &str) {
        self.send_to_current(Command::Send(text.to_string()));
    }

    fn send_to_current(&self, command: Command) -> usize {
        let state = self.shared.lock();
        let connection = state
            .current_connection()
            .expect("the bot is not connected");
        let _ = state.connections[connection].tx.send(command);
        connection
    }

    // ----- Faults ----------------------------------------------------------

    /// Close the current connection's TCP stream at once, with no close
    /// frame. Dispatches made afterwards wait for the bot to resume. Returns
    /// the connection dropped.
    pub fn drop_connection(&self) -> usize {
        self.shared.update(|state| {
            let id = state.current.clone().expect("no session");
            let session = state.sessions.get_mut(&id).expect("a session");
            let connection = session.connection.take().expect("the bot is not connected");
            let _ = state.connections[connection].tx.send(Command::Drop);
            connection
        })
    }

    /// Drop the connection as [`FakeDiscord::drop_connection`] does and, in
    /// the same step, dispatch an event the bot can only get by resuming
    /// (it cannot reconnect in between). Returns the sequence number.
    pub fn drop_connection_then_dispatch(&self, event: &str, d: Value) -> u64 {
        self.shared.update(|state| {
            let id = state.current.clone().expect("no session");
            let session = state.sessions.get_mut(&id).expect("a session");
            let connection = session.connection.take().expect("the bot is not connected");
            let _ = state.connections[connection].tx.send(Command::Drop);
            state.dispatch(event, d).expect("the session")
        })
    }

    /// Close the current connection with a close frame and `code`.
    pub fn close_connection(&self, code: u16) -> usize {
        self.shared.update(|state| {
            let id = state.current.clone().expect("no session");
            let session = state.sessions.get_mut(&id).expect("a session");
            let connection = session.connection.take().expect("the bot is not connected");
            let _ = state.connections[connection].tx.send(Command::Close(code));
            connection
        })
    }

    /// Op 7 Reconnect: Discord asks the bot to reconnect and resume.
    pub fn send_reconnect(&self) -> usize {
        self.send_to_current(Command::Send(
            json!({"op": 7, "d": null, "s": null, "t": null}).to_string(),
        ))
    }

    /// Op 9 Invalid Session. When not resumable the session is forgotten,
    /// as Discord does: the bot must identify again, and until it has,
    /// [`FakeDiscord::dispatch`] has no session to send to.
    pub fn send_invalid_session(&self, resumable: bool) -> usize {
        let text = json!({"op": 9, "d": resumable, "s": null, "t": null}).to_string();
        self.shared.update(|state| {
            let id = state.current.clone().expect("no session");
            let session = state.sessions.get_mut(&id).expect("a session");
            let connection = session.connection.expect("the bot is not connected");
            if !resumable {
                session.valid = false;
                session.connection = None;
                state.current = None;
            }
            let _ = state.connections[connection].tx.send(Command::Send(text));
            connection
        })
    }

    /// Stop ACKing heartbeats on the current connection (later connections
    /// are ACKed as usual). Returns the connection.
    pub fn stop_acking_heartbeats(&self) -> usize {
        self.shared.update(|state| {
            let connection = state
                .current_connection()
                .expect("the bot is not connected");
            state.connections[connection].ack_heartbeats = false;
            connection
        })
    }

    /// Answer the next `count` interaction callbacks with `status` (and a
    /// Discord-style error body naming the interaction) instead of 204.
    pub fn fail_callbacks(&self, status: u16, count: usize) {
        self.shared.update(|state| {
            state
                .callback_failures
                .extend(std::iter::repeat_n(status, count))
        });
    }

    /// Hold back the answer to every callback for `user`'s interactions by
    /// `delay`.
    pub fn slow_callbacks_for_user(&self, user: u64, delay: Duration) {
        self.shared
            .update(|state| state.slow_users.insert(user, delay));
    }

    // ----- Payloads --------------------------------------------------------

    pub fn next_snowflake(&self) -> u64 {
        self.shared.update(State::snowflake)
    }

    /// A registered command, global or (for a server) in that server.
    fn registered(&self, name: &str, place: Place) -> Value {
        let state = self.shared.lock();
        let mut scopes = vec![None];
        if place == Place::Guild {
            scopes.push(Some(GUILD_ID));
        }
        scopes
            .into_iter()
            .filter_map(|scope| state.commands.get(&scope))
            .flatten()
            .find(|c| c["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("/{name} is not registered where {place:?} can use it"))
    }

    /// Options as Discord sends them, each typed as the bot registered it.
    fn typed_options(command: &Value, options: &[(&str, Value)], focused: Option<&str>) -> Value {
        let declared = command["options"].as_array().cloned().unwrap_or_default();
        let typed: Vec<Value> = options
            .iter()
            .map(|(name, value)| {
                let option = declared
                    .iter()
                    .find(|o| o["name"] == *name)
                    .unwrap_or_else(|| panic!("/{} has no option {name}", command["name"]));
                let mut typed = json!({"name": name, "type": option["type"], "value": value});
                if focused == Some(*name) {
                    typed["focused"] = json!(true);
                }
                typed
            })
            .collect();
        Value::Array(typed)
    }

    fn user_object(id: u64, bot: bool) -> Value {
        json!({
            "id": id.to_string(),
            "username": if bot { format!("bot{id}") } else { format!("user{id}") },
            "discriminator": "0",
            "global_name": null,
            "avatar": null,
            "bot": bot,
            "public_flags": 0,
        })
    }

    /// The fields every interaction has, for `user` in `place`.
    fn interaction(&self, kind: u8, data: Value, user: u64, place: Place) -> Value {
        let id = self.next_snowflake();
        let channel = place.channel_id(user);
        let mut interaction = json!({
            "id": id.to_string(),
            "application_id": APPLICATION_ID.to_string(),
            "type": kind,
            "data": data,
            "channel_id": channel.to_string(),
            "token": format!("interaction-token-{id}"),
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 26_214_400,
            "app_permissions": ALL_PERMISSIONS,
        });
        let user_object = Self::user_object(user, false);
        match place {
            Place::Guild => {
                interaction["guild_id"] = json!(GUILD_ID.to_string());
                interaction["guild_locale"] = json!("en-US");
                interaction["channel"] = json!({"id": channel.to_string(), "type": 0});
                interaction["context"] = json!(0);
                interaction["authorizing_integration_owners"] = json!({"0": GUILD_ID.to_string()});
                interaction["member"] = json!({
                    "user": user_object,
                    "roles": [],
                    "joined_at": "2024-01-15T10:00:00.000000+00:00",
                    "premium_since": null,
                    "deaf": false,
                    "mute": false,
                    "flags": 0,
                    "pending": false,
                    "nick": null,
                    "avatar": null,
                    "permissions": ALL_PERMISSIONS,
                });
            }
            Place::Dm => {
                interaction["channel"] = json!({"id": channel.to_string(), "type": 1});
                interaction["context"] = json!(1);
                interaction["authorizing_integration_owners"] = json!({"0": "0"});
                interaction["user"] = user_object;
            }
        }
        interaction
    }

    /// A slash command (type 2) as `user` runs it in `place`. The command and
    /// each option must be registered; the options' types come from there.
    pub fn slash(&self, name: &str, options: &[(&str, Value)], user: u64, place: Place) -> Value {
        let command = self.registered(name, place);
        let data = json!({
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": Self::typed_options(&command, options, None),
        });
        self.interaction(2, data, user, place)
    }

    /// An autocomplete request (type 4) while `user` types `partial` into
    /// the option `focused`, with `options` already filled in.
    pub fn autocomplete(
        &self,
        name: &str,
        focused: &str,
        partial: &str,
        options: &[(&str, Value)],
        user: u64,
        place: Place,
    ) -> Value {
        let command = self.registered(name, place);
        let mut all = options.to_vec();
        all.push((focused, json!(partial)));
        let data = json!({
            "id": command["id"],
            "name": name,
            "type": 1,
            "options": Self::typed_options(&command, &all, Some(focused)),
        });
        self.interaction(4, data, user, place)
    }

    /// A click (type 3) on a button with `custom_id`, on an earlier message
    /// of the bot that carries that button.
    pub fn button_click(&self, custom_id: &str, user: u64, place: Place) -> Value {
        let message_id = self.next_snowflake();
        self.button_click_on(custom_id, user, place, message_id)
    }

    /// A click on a button of the bot's message `message_id`: two clicks
    /// on one answer share it.
    pub fn button_click_on(
        &self,
        custom_id: &str,
        user: u64,
        place: Place,
        message_id: u64,
    ) -> Value {
        let channel = place.channel_id(user);
        let components = json!([{
            "type": 1,
            "components": [{"type": 2, "style": 2, "custom_id": custom_id, "label": "Related topic"}],
        }]);
        let message = message_object(
            message_id,
            channel,
            Self::user_object(BOT_USER_ID, true),
            &json!({"embeds": [{"title": "An earlier answer", "description": "..."}], "components": components}),
            &[],
            0,
        )
        .expect("a message without attachments");
        let data = json!({"custom_id": custom_id, "component_type": 2});
        let mut interaction = self.interaction(3, data, user, place);
        interaction["message"] = message;
        interaction
    }

    /// A modal's submission (type 5): the form `custom_id` with each text
    /// field's id and what was typed in it.
    pub fn modal_submit(
        &self,
        custom_id: &str,
        fields: &[(&str, &str)],
        user: u64,
        place: Place,
    ) -> Value {
        let rows: Vec<Value> = (fields.iter())
            .map(|(id, value)| {
                json!({"type": 1, "components": [{"type": 4, "custom_id": id, "value": value}]})
            })
            .collect();
        let data = json!({"custom_id": custom_id, "components": rows});
        self.interaction(5, data, user, place)
    }

    /// A `MESSAGE_CREATE` payload: `author` writes `content` in `place`,
    /// mentioning the users in `mentions`.
    pub fn message_create(
        &self,
        content: &str,
        author: Author,
        place: Place,
        mentions: &[u64],
    ) -> Value {
        let id = self.next_snowflake();
        let mentioned: Vec<Value> = mentions
            .iter()
            .map(|&user| Self::user_object(user, user == BOT_USER_ID))
            .collect();
        let mut message = message_object(
            id,
            place.channel_id(author.id),
            Self::user_object(author.id, author.bot),
            &json!({"content": content}),
            &[],
            0,
        )
        .expect("a message without attachments");
        message["mentions"] = Value::Array(mentioned);
        if place == Place::Guild {
            message["guild_id"] = json!(GUILD_ID.to_string());
            message["member"] = json!({
                "roles": [],
                "joined_at": "2024-01-15T10:00:00.000000+00:00",
                "deaf": false,
                "mute": false,
                "flags": 0,
            });
        }
        message
    }
}

/// A message object as Discord returns and dispatches it, built from a
/// request body (content, embeds, components, flags, reference) and its
/// uploaded files. As on Discord, an uploaded file becomes an attachment
/// with a CDN address, and an embed image `attachment://<name>` points at it.
fn message_object(
    id: u64,
    channel: u64,
    author: Value,
    body: &Value,
    files: &[Upload],
    kind: u8,
) -> Result<Value, Answer> {
    let mut attachments = Vec::new();
    let mut cdn = HashMap::new();
    for (i, declared) in body["attachments"]
        .as_array()
        .into_iter()
        .flatten()
        .enumerate()
    {
        let index = declared["id"]
            .as_u64()
            .or_else(|| declared["id"].as_str().and_then(|s| s.parse().ok()));
        let upload = index.and_then(|n| files.iter().find(|f| f.field == format!("files[{n}]")));
        let Some(upload) = upload else {
            return Err(error(
                400,
                50035,
                "Invalid Form Body: attachment without its file",
            ));
        };
        let attachment_id = id + 1 + i as u64;
        let url = format!(
            "https://cdn.discordapp.com/attachments/{channel}/{attachment_id}/{}",
            upload.filename
        );
        cdn.insert(format!("attachment://{}", upload.filename), url.clone());
        attachments.push(json!({
            "id": attachment_id.to_string(),
            "filename": upload.filename,
            "size": upload.bytes.len(),
            "url": url,
            "proxy_url": url.replace("cdn.discordapp.com", "media.discordapp.net"),
            "content_type": upload.content_type,
        }));
    }
    let mut embeds = body["embeds"].as_array().cloned().unwrap_or_default();
    for embed in &mut embeds {
        embed["type"] = json!("rich");
        if let Some(url) = embed["image"]["url"].as_str().and_then(|u| cdn.get(u)) {
            embed["image"]["proxy_url"] =
                json!(url.replace("cdn.discordapp.com", "media.discordapp.net"));
            embed["image"]["url"] = json!(url);
        }
    }
    let mut message = json!({
        "id": id.to_string(),
        "channel_id": channel.to_string(),
        "author": author,
        "content": body["content"].as_str().unwrap_or(""),
        "timestamp": poise::serenity_prelude::Timestamp::now().to_string(),
        "edited_timestamp": null,
        "tts": false,
        "mention_everyone": false,
        "mentions": [],
        "mention_roles": [],
        "attachments": attachments,
        "embeds": embeds,
        "components": body["components"].as_array().cloned().unwrap_or_default(),
        "pinned": false,
        "type": kind,
        "flags": body["flags"].as_u64().unwrap_or(0),
    });
    if let Some(reference) = body["message_reference"].as_object() {
        let mut reference = Value::Object(reference.clone());
        reference["channel_id"] = json!(channel.to_string());
        message["message_reference"] = reference;
    }
    Ok(message)
}

// ----- The gateway ---------------------------------------------------------

async fn gateway(AxumState(shared): AxumState<Arc<Shared>>, upgrade: WebSocketUpgrade) -> Response {
    upgrade.on_upgrade(move |socket| connection(shared, socket))
}

/// What the fake sends in answer to a frame from the bot.
enum Reply {
    Text(String),
    Close(u16),
}

/// One gateway connection: Hello, then frames from the bot and commands
/// from the test, until either side ends it.
async fn connection(shared: Arc<Shared>, mut socket: WebSocket) {
    let (tx, mut commands) = mpsc::unbounded_channel();
    let index = shared.update(|state| {
        state.connections.push(Connection {
            tx,
            open: true,
            ack_heartbeats: true,
            heartbeats: 0,
        });
        state.connections.len() - 1
    });
    let hello = json!({
        "op": 10,
        "d": {"heartbeat_interval": shared.heartbeat_interval.as_millis() as u64},
        "s": null,
        "t": null,
    });
    let mut outgoing = vec![Reply::Text(hello.to_string())];
    'connection: loop {
        for reply in outgoing.drain(..) {
            let sent = match reply {
                Reply::Text(text) => {
                    let sent = socket.send(WsMessage::Text(text.clone())).await;
                    shared.record_frame(index, Direction::ToBot, FrameData::Text(text));
                    sent
                }
                Reply::Close(code) => {
                    let frame = CloseFrame {
                        code,
                        reason: "".into(),
                    };
                    let _ = socket.send(WsMessage::Close(Some(frame))).await;
                    shared.record_frame(index, Direction::ToBot, FrameData::Close(Some(code)));
                    break 'connection;
                }
            };
            if sent.is_err() {
                break 'connection;
            }
        }
        tokio::select! {
            incoming = socket.recv() => match incoming {
                Some(Ok(WsMessage::Text(text))) => {
                    shared.record_frame(index, Direction::FromBot, FrameData::Text(text.clone()));
                    outgoing = on_frame(&shared, index, &text);
                }
                Some(Ok(WsMessage::Close(frame))) => {
                    let code = frame.as_ref().map(|f| f.code);
                    shared.record_frame(index, Direction::FromBot, FrameData::Close(code));
                    // Complete the close handshake, as Discord does: the
                    // websocket queued the answering close frame; reading on
                    // sends it and sees the connection end.
                    while let Some(Ok(_)) = socket.recv().await {}
                    break 'connection;
                }
                Some(Ok(_)) => {}
                Some(Err(_)) | None => break 'connection,
            },
            command = commands.recv() => match command {
                Some(Command::Send(text)) => outgoing = vec![Reply::Text(text)],
                Some(Command::Close(code)) => outgoing = vec![Reply::Close(code)],
                Some(Command::Drop) | None => break 'connection,
            },
        }
    }
    drop(socket);
    shared.update(|state| {
        state.connections[index].open = false;
        for session in state.sessions.values_mut() {
            if session.connection == Some(index) {
                session.connection = None;
            }
        }
    });
}

/// Answer a frame from the bot.
fn on_frame(shared: &Shared, connection: usize, text: &str) -> Vec<Reply> {
    let Ok(frame) = serde_json::from_str::<Value>(text) else {
        // Discord closes with 4002 Decode error.
        return vec![Reply::Close(4002)];
    };
    let d = &frame["d"];
    shared.update(|state| match frame["op"].as_u64() {
        Some(1) => {
            let connection = &mut state.connections[connection];
            connection.heartbeats += 1;
            if connection.ack_heartbeats {
                vec![Reply::Text(json!({"op": 11}).to_string())]
            } else {
                Vec::new()
            }
        }
        Some(2) => {
            let token = d["token"].as_str().unwrap_or("");
            if token.trim_start_matches("Bot ") != TOKEN {
                return vec![Reply::Close(4004)];
            }
            let session_id = format!("fake-session-{}", state.snowflake());
            let ready = json!({
                "v": 10,
                "user": FakeDiscord::user_object(BOT_USER_ID, true),
                "guilds": [],
                "session_id": session_id,
                "resume_gateway_url": shared.gateway_url(),
                "shard": d["shard"],
                "application": {"id": APPLICATION_ID.to_string(), "flags": 0},
            });
            let text = json!({"op": 0, "s": 1, "t": "READY", "d": ready}).to_string();
            state.sessions.insert(
                session_id.clone(),
                Session {
                    log: Vec::new(),
                    next_seq: 2,
                    connection: Some(connection),
                    valid: true,
                },
            );
            state.current = Some(session_id.clone());
            state.handshakes.push(Handshake::Identified {
                connection,
                session_id,
                intents: d["intents"].as_u64().unwrap_or(0),
                identify: d.clone(),
                at: Instant::now(),
            });
            vec![Reply::Text(text)]
        }
        Some(6) => {
            let session_id = d["session_id"].as_str().unwrap_or("").to_string();
            let seq = d["seq"].as_u64().unwrap_or(0);
            let token_ok = d["token"].as_str().unwrap_or("").trim_start_matches("Bot ") == TOKEN;
            let session = state
                .sessions
                .get_mut(&session_id)
                .filter(|s| s.valid && token_ok);
            let Some(session) = session else {
                state.handshakes.push(Handshake::ResumeRejected {
                    connection,
                    session_id,
                    at: Instant::now(),
                });
                return vec![Reply::Text(
                    json!({"op": 9, "d": false, "s": null, "t": null}).to_string(),
                )];
            };
            session.connection = Some(connection);
            let mut replies: Vec<Reply> = session
                .log
                .iter()
                .filter(|(s, _)| *s > seq)
                .map(|(_, text)| Reply::Text(text.clone()))
                .collect();
            let replayed = replies.len();
            let resumed_seq = session.next_seq;
            session.next_seq += 1;
            replies.push(Reply::Text(
                json!({"op": 0, "s": resumed_seq, "t": "RESUMED", "d": {}}).to_string(),
            ));
            state.current = Some(session_id.clone());
            state.handshakes.push(Handshake::Resumed {
                connection,
                session_id,
                seq,
                replayed,
                at: Instant::now(),
            });
            replies
        }
        // Presence updates, member requests and anything else: nothing to say.
        _ => Vec::new(),
    })
}

// ----- The REST API --------------------------------------------------------

/// A JSON answer: status and body (`Null` for an empty 204).
type Answer = (u16, Value);

fn error(status: u16, code: u64, message: &str) -> Answer {
    (status, json!({"message": message, "code": code}))
}

async fn rest(
    AxumState(shared): AxumState<Arc<Shared>>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let at = Instant::now();
    let content_type = headers
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    // Like Discord: JSON, or multipart with the JSON in `payload_json` and
    // the files in `files[n]`.
    let (body, files) = match content_type.split_once("boundary=") {
        Some((kind, boundary)) if kind.starts_with("multipart/form-data") => {
            multipart(&body, boundary.trim_matches('"'))
        }
        _ => (json_body(&body), Vec::new()),
    };
    let authorized = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == format!("Bot {TOKEN}"));
    let path = uri.path().to_string();
    let ((status, answer), delay) = if authorized {
        shared.update(|state| route(state, &shared, &method, &path, &body, &files))
    } else {
        (error(401, 0, "401: Unauthorized"), Duration::ZERO)
    };
    let is_callback = method == Method::POST && path.ends_with("/callback");
    shared.update(|state| {
        state.callbacks_recorded += usize::from(is_callback);
        state.requests.push(Recorded {
            method: method.to_string(),
            path,
            query: uri.query().map(str::to_string),
            body,
            at,
            status,
            delay,
            files,
        })
    });
    if !delay.is_zero() {
        tokio::time::sleep(delay).await;
    }
    let status = StatusCode::from_u16(status).expect("a valid status");
    if answer.is_null() {
        status.into_response()
    } else {
        (status, axum::Json(answer)).into_response()
    }
}

/// What Discord answers to a request, and how long to hold it back.
fn route(
    state: &mut State,
    shared: &Shared,
    method: &Method,
    path: &str,
    body: &Value,
    files: &[Upload],
) -> (Answer, Duration) {
    let not_found = error(404, 0, "404: Not Found");
    let Some(rest) = path.strip_prefix("/api/v10/") else {
        return (not_found, Duration::ZERO);
    };
    let segments: Vec<&str> = rest.split('/').collect();
    let app = APPLICATION_ID.to_string();
    let answer = match (method.as_str(), segments.as_slice()) {
        ("GET", ["gateway"]) => (200, json!({"url": shared.gateway_url()})),
        ("GET", ["gateway", "bot"]) => (
            200,
            json!({
                "url": shared.gateway_url(),
                "shards": 1,
                "session_start_limit": {
                    "total": 1000, "remaining": 999, "reset_after": 86_400_000, "max_concurrency": 1,
                },
            }),
        ),
        ("GET", ["users", "@me"]) => (200, FakeDiscord::user_object(BOT_USER_ID, true)),
        ("GET", ["oauth2", "applications", "@me"]) => (
            200,
            json!({
                "id": app,
                "name": "careerbot",
                "icon": null,
                "description": "",
                "bot_public": true,
                "bot_require_code_grant": false,
                "verify_key": "0".repeat(64),
                "owner": FakeDiscord::user_object(OWNER_ID, false),
                "team": null,
                "flags": 0,
            }),
        ),
        ("PUT", ["applications", id, "commands"]) if *id == app => register(state, None, body),
        ("PUT", ["applications", id, "guilds", guild, "commands"]) if *id == app => {
            match guild.parse() {
                Ok(guild) => register(state, Some(guild), body),
                Err(_) => error(404, 10004, "Unknown Guild"),
            }
        }
        ("PUT", ["applications", ..]) => error(404, 10002, "Unknown Application"),
        ("POST", ["interactions", id, token, "callback"]) => {
            return callback(state, id, token);
        }
        ("POST", ["webhooks", id, token]) if *id == app => followup(state, token, body, files),
        ("POST", ["webhooks", ..]) => error(404, 10015, "Unknown Webhook"),
        ("POST", ["channels", channel, "messages"]) => match channel.parse() {
            Ok(channel) => channel_message(state, channel, body, files),
            Err(_) => error(404, 10003, "Unknown Channel"),
        },
        _ => not_found,
    };
    (answer, Duration::ZERO)
}

/// Bulk-overwrite the commands of a scope; answer with them and their ids.
fn register(state: &mut State, guild: Option<u64>, body: &Value) -> Answer {
    let Some(commands) = body.as_array() else {
        return error(400, 50035, "Invalid Form Body");
    };
    let mut registered = Vec::new();
    for command in commands {
        let name = command["name"].as_str().unwrap_or("").to_string();
        let id = match state.command_ids.get(&name) {
            Some(id) => *id,
            None => {
                let id = state.snowflake();
                state.command_ids.insert(name, id);
                id
            }
        };
        let mut command = command.clone();
        command["id"] = json!(id.to_string());
        command["application_id"] = json!(APPLICATION_ID.to_string());
        command["version"] = json!(id.to_string());
        if command["type"].is_null() {
            command["type"] = json!(1);
        }
        if let Some(guild) = guild {
            command["guild_id"] = json!(guild.to_string());
        }
        registered.push(command);
    }
    state.commands.insert(guild, registered.clone());
    (200, Value::Array(registered))
}

/// The first response to an interaction: once, with its token, in time.
fn callback(state: &mut State, id: &str, token: &str) -> (Answer, Duration) {
    let Some(interaction) = id
        .parse()
        .ok()
        .and_then(|id: u64| state.interactions.get_mut(&id))
    else {
        return (error(404, 10062, "Unknown interaction"), Duration::ZERO);
    };
    if interaction.token != token {
        return (error(401, 50027, "Invalid Webhook Token"), Duration::ZERO);
    }
    let delay = state
        .slow_users
        .get(&interaction.user)
        .copied()
        .unwrap_or_default();
    if let Some(status) = state.callback_failures.pop_front() {
        let message = format!("{status}: injected failure for interaction {id}");
        return (error(status, 0, &message), delay);
    }
    if interaction.answered {
        return (
            error(400, 40060, "Interaction has already been acknowledged."),
            delay,
        );
    }
    interaction.answered = true;
    ((204, Value::Null), delay)
}

/// A follow-up message: only after the interaction was answered.
fn followup(state: &mut State, token: &str, body: &Value, files: &[Upload]) -> Answer {
    let found = state
        .interactions
        .values()
        .find(|i| i.token == token && i.answered)
        .map(|i| i.channel_id);
    let Some(channel) = found else {
        return error(404, 10015, "Unknown Webhook");
    };
    let id = state.snowflake();
    let mut message = match message_object(
        id,
        channel,
        FakeDiscord::user_object(BOT_USER_ID, true),
        body,
        files,
        0,
    ) {
        Ok(message) => message,
        Err(answer) => return answer,
    };
    message["webhook_id"] = json!(APPLICATION_ID.to_string());
    message["application_id"] = json!(APPLICATION_ID.to_string());
    (200, message)
}

/// A message sent to a channel; it comes back on the gateway as
/// `MESSAGE_CREATE` from the bot, as on Discord.
fn channel_message(state: &mut State, channel: u64, body: &Value, files: &[Upload]) -> Answer {
    let id = state.snowflake();
    let kind = if body["message_reference"].is_object() {
        19
    } else {
        0
    };
    let message = match message_object(
        id,
        channel,
        FakeDiscord::user_object(BOT_USER_ID, true),
        body,
        files,
        kind,
    ) {
        Ok(message) => message,
        Err(answer) => return answer,
    };
    let mut echoed = message.clone();
    if channel == GUILD_CHANNEL_ID {
        echoed["guild_id"] = json!(GUILD_ID.to_string());
    }
    state.dispatch("MESSAGE_CREATE", echoed);
    (200, message)
}

fn json_body(bytes: &[u8]) -> Value {
    if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(bytes)
            .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(bytes).into_owned()))
    }
}

/// A `multipart/form-data` body: the JSON of its `payload_json` part, and
/// its files.
fn multipart(body: &[u8], boundary: &str) -> (Value, Vec<Upload>) {
    let delimiter = format!("--{boundary}");
    let mut payload = Value::Null;
    let mut files = Vec::new();
    for part in split_bytes(body, delimiter.as_bytes()).into_iter().skip(1) {
        // Each part: CRLF, headers, a blank line, the content, CRLF.
        let part = part.strip_prefix(b"\r\n").unwrap_or(part);
        let Some(split) = find_bytes(part, b"\r\n\r\n") else {
            continue; // the closing "--"
        };
        let headers = String::from_utf8_lossy(&part[..split]).to_string();
        let content = &part[split + 4..];
        let content = content.strip_suffix(b"\r\n").unwrap_or(content);
        let header = |name: &str| {
            headers.lines().find_map(|line| {
                let (key, value) = line.split_once(':')?;
                key.trim()
                    .eq_ignore_ascii_case(name)
                    .then(|| value.trim().to_string())
            })
        };
        let disposition = header("content-disposition").unwrap_or_default();
        let parameter = |key: &str| {
            disposition.split(';').find_map(|p| {
                let (k, v) = p.trim().split_once('=')?;
                (k == key).then(|| v.trim_matches('"').to_string())
            })
        };
        let field = parameter("name").unwrap_or_default();
        if field == "payload_json" {
            payload = json_body(content);
        } else {
            files.push(Upload {
                field,
                filename: parameter("filename").unwrap_or_default(),
                content_type: header("content-type"),
                bytes: content.to_vec(),
            });
        }
    }
    (payload, files)
}

fn find_bytes(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

fn split_bytes<'a>(mut bytes: &'a [u8], delimiter: &[u8]) -> Vec<&'a [u8]> {
    let mut parts = Vec::new();
    while let Some(at) = find_bytes(bytes, delimiter) {
        parts.push(&bytes[..at]);
        bytes = &bytes[at + delimiter.len()..];
    }
    parts.push(bytes);
    parts
}
