//! Configuration: `config.toml`, or the file named by `--config` or the
//! `CAREERBOT_CONFIG` environment variable. Every key is documented in
//! `config.example.toml`. Errors name the file, the line and the key.
//!
//! The Discord token is a [`Secret`]: it prints as `***` in logs, errors and
//! debug output, so it cannot leak by accident.

use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};

/// The default config file, in the working directory.
pub const DEFAULT_CONFIG: &str = "config.toml";
/// Environment variable naming another config file.
pub const CONFIG_ENV: &str = "CAREERBOT_CONFIG";
/// Environment variable that overrides the token in the file.
pub const TOKEN_ENV: &str = "DISCORD_TOKEN";

/// A value that must never be printed.
#[derive(Clone, Deserialize, PartialEq, Eq)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that needs it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("***")
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Folder of the knowledge base.
    #[serde(default = "default_knowledge_dir")]
    pub knowledge_dir: PathBuf,
    #[serde(default)]
    pub discord: DiscordConfig,
    #[serde(default)]
    pub review: ReviewConfig,
    /// The file this was read from, if any: the review database's default
    /// place is beside it.
    #[serde(skip)]
    pub source: Option<PathBuf>,
}

/// The `[review]` table: the log of answers and votes for the knowledge
/// keeper.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ReviewConfig {
    /// The SQLite file. Unset: `careerbot.db` beside the config for the
    /// Discord bot, and no recording for the terminal chat and `ask`.
    /// A relative path is taken from the config file's folder; `""` turns
    /// recording off everywhere.
    pub database: Option<PathBuf>,
    /// Keep the text of declined, unsure and voted-down questions.
    pub record_questions: bool,
    /// Delete rows older than this many days (at startup and once a day).
    pub retention_days: u32,
}

impl Default for ReviewConfig {
    fn default() -> ReviewConfig {
        ReviewConfig {
            database: None,
            record_questions: true,
            retention_days: 90,
        }
    }
}

/// The review database's name when none is configured.
pub const DEFAULT_DATABASE: &str = "careerbot.db";

/// The `[discord]` table: everything the Discord front end needs.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DiscordConfig {
    /// The bot token; `DISCORD_TOKEN` overrides it.
    pub token: Option<Secret>,
    /// Register the commands to this server only (instant; for testing).
    /// Without it, commands are registered globally.
    pub guild_id: Option<Snowflake>,
    /// Register the slash commands each time the bot starts.
    pub register_on_start: bool,
    /// How many shards the whole bot runs: "auto" (Discord's
    /// recommendation) or a number.
    pub shards: ShardCount,
    /// The shards this process runs, `[first, last]`, when several
    /// processes split the bot. Needs a numeric `shards`.
    pub shard_range: Option<[u32; 2]>,
    /// Channels where the bot answers every message, not only mentions.
    pub answer_channels: Vec<Snowflake>,
    /// Users allowed to run `/reload`.
    pub reload_users: Vec<Snowflake>,
    /// Roles whose members may run `/reload`.
    pub reload_roles: Vec<Snowflake>,
    /// Questions one user may ask per `rate_limit_seconds`; 0 turns the
    /// limit off.
    pub rate_limit_questions: u32,
    pub rate_limit_seconds: u64,
    /// How long a user's details are remembered after their last message.
    pub memory_minutes: u64,
    /// How many users' details are remembered at most; the least recently
    /// active are forgotten first.
    pub memory_users: usize,
    /// Write each question's text to the log (off: only topic, confidence
    /// and latency are logged).
    pub log_message_text: bool,
    /// Testing only: send every Discord API call to this address instead
    /// of discord.com (a fake or Discord-compatible test server). Turns
    /// serenity's rate limiter off, which would otherwise bypass it.
    pub api_base: Option<String>,
}

impl Default for DiscordConfig {
    fn default() -> DiscordConfig {
        DiscordConfig {
            token: None,
            guild_id: None,
            register_on_start: true,
            shards: ShardCount::Auto,
            shard_range: None,
            answer_channels: Vec::new(),
            reload_users: Vec::new(),
            reload_roles: Vec::new(),
            rate_limit_questions: 5,
            rate_limit_seconds: 10,
            memory_minutes: 30,
            memory_users: 10_000,
            log_message_text: false,
            api_base: None,
        }
    }
}

/// A Discord id (user, role, channel, server). TOML accepts it as a number
/// or as a string of digits, since people paste it either way.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Snowflake(pub u64);

impl<'de> Deserialize<'de> for Snowflake {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Snowflake, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(u64),
            Text(String),
        }
        let invalid = || {
            serde::de::Error::custom(
                "must be a Discord id: a number such as 123456789012345678 (right-click -> Copy ID in Discord)",
            )
        };
        match Raw::deserialize(deserializer).map_err(|_| invalid())? {
            Raw::Number(0) => Err(invalid()),
            Raw::Number(n) => Ok(Snowflake(n)),
            Raw::Text(text) => match text.trim().parse::<u64>() {
                Ok(n) if n > 0 => Ok(Snowflake(n)),
                _ => Err(invalid()),
            },
        }
    }
}

/// How many shards the bot runs in total.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShardCount {
    /// Ask Discord how many it recommends.
    Auto,
    Fixed(u32),
}

impl<'de> Deserialize<'de> for ShardCount {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<ShardCount, D::Error> {
        #[derive(Deserialize)]
        #[serde(untagged)]
        enum Raw {
            Number(i64),
            Text(String),
        }
        let invalid = |got: String| {
            serde::de::Error::custom(format!(
                "must be \"auto\" or a whole number of at least 1, got {got}"
            ))
        };
        match Raw::deserialize(deserializer).map_err(|_| invalid("something else".into()))? {
            Raw::Text(text) if text.trim().eq_ignore_ascii_case("auto") => Ok(ShardCount::Auto),
            Raw::Number(n) if n >= 1 && n <= i64::from(u32::MAX) => Ok(ShardCount::Fixed(n as u32)),
            Raw::Number(n) => Err(invalid(n.to_string())),
            Raw::Text(text) => Err(invalid(format!("{text:?}"))),
        }
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            knowledge_dir: default_knowledge_dir(),
            discord: DiscordConfig::default(),
            review: ReviewConfig::default(),
            source: None,
        }
    }
}

fn default_knowledge_dir() -> PathBuf {
    PathBuf::from("knowledge")
}

/// A config problem, with where it is and what to do.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError(pub String);

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ConfigError {}

impl Config {
    /// Find and read the config: `explicit` (from `--config`), else
    /// `CAREERBOT_CONFIG`, else `config.toml` if it exists, else defaults.
    /// Then apply `DISCORD_TOKEN`.
    pub fn load(explicit: Option<&Path>) -> Result<Config, ConfigError> {
        let from_env = std::env::var_os(CONFIG_ENV).map(PathBuf::from);
        let mut config = match (explicit, from_env) {
            (Some(path), _) => Config::read(path)?,
            (None, Some(path)) => Config::read(&path).map_err(|error| match path.exists() {
                // Named by the variable: say so, since no flag was given.
                false => ConfigError(format!(
                    "{CONFIG_ENV} names the config file {}, which does not exist. Point {CONFIG_ENV} at your config file, or unset it to use ./config.toml",
                    path.display()
                )),
                true => error,
            })?,
            (None, None) if Path::new(DEFAULT_CONFIG).exists() => {
                Config::read(Path::new(DEFAULT_CONFIG))?
            }
            (None, None) => Config::default(),
        };
        if let Ok(token) = std::env::var(TOKEN_ENV)
            && !token.trim().is_empty()
        {
            config.discord.token = Some(Secret::new(token.trim()));
        }
        Ok(config)
    }

    /// Read one config file.
    pub fn read(path: &Path) -> Result<Config, ConfigError> {
        let text = std::fs::read_to_string(path).map_err(|error| {
            ConfigError(match error.kind() {
                std::io::ErrorKind::InvalidData => format!(
                    "the config file {} is not UTF-8 text. Save it as UTF-8 (any plain-text editor can), then run again",
                    path.display()
                ),
                std::io::ErrorKind::NotFound => format!(
                    "there is no config file at {}. Copy config.example.toml to config.toml, or point --config at your file",
                    path.display()
                ),
                _ => format!(
                    "cannot read the config file {} ({error}). Check its permissions, or point --config at another file",
                    path.display()
                ),
            })
        })?;
        let mut config = Config::parse(&text, path)?;
        config.source = Some(path.to_path_buf());
        Ok(config)
    }

    /// Where to record answers, if anywhere: the configured database, or
    /// for the Discord bot (`by_default`) `careerbot.db` beside the config.
    pub fn review_settings(&self, by_default: bool) -> Option<crate::review::ReviewSettings> {
        let folder = (self.source.as_deref())
            .and_then(Path::parent)
            .unwrap_or(Path::new(""));
        let database = match &self.review.database {
            // `database = ""`: recording off, for the Discord bot too.
            Some(path) if path.as_os_str().is_empty() => return None,
            Some(path) if path.is_absolute() => path.clone(),
            Some(path) => folder.join(path),
            None if by_default => folder.join(DEFAULT_DATABASE),
            None => return None,
        };
        Some(crate::review::ReviewSettings {
            database,
            record_questions: self.review.record_questions,
            retention_days: self.review.retention_days,
        })
    }

    /// Checks that need several keys at once; each names its key, and the
    /// line of that key when the file has it.
    fn validate(&self, path: &Path, text: &str) -> Result<(), ConfigError> {
        let fail = |key: &str, what: String| {
            let place = match line_of_key(text, key) {
                Some(line) => format!("{}:{line}", path.display()),
                None => path.display().to_string(),
            };
            Err(ConfigError(format!(
                "{place}: `{key}` {what}. See config.example.toml for every key and its meaning"
            )))
        };
        let discord = &self.discord;
        if let Some([first, last]) = discord.shard_range {
            match discord.shards {
                ShardCount::Auto => {
                    return fail(
                        "discord.shard_range",
                        "needs a fixed total, e.g. `shards = 4`, not \"auto\"".into(),
                    );
                }
                ShardCount::Fixed(total) if first > last || last >= total => {
                    return fail(
                        "discord.shard_range",
                        format!(
                            "must be [first, last] with first <= last < shards ({total}), got [{first}, {last}]"
                        ),
                    );
                }
                ShardCount::Fixed(_) => {}
            }
        }
        if discord.rate_limit_questions > 0 && discord.rate_limit_seconds == 0 {
            return fail(
                "discord.rate_limit_seconds",
                "must be at least 1 (or set rate_limit_questions = 0 to turn the limit off)".into(),
            );
        }
        if let Some(base) = &discord.api_base
            && !(base.starts_with("http://") || base.starts_with("https://"))
        {
            return fail(
                "discord.api_base",
                format!("must be an http:// or https:// address, got {base:?}"),
            );
        }
        if discord.memory_users == 0 {
            return fail("discord.memory_users", "must be at least 1".into());
        }
        if self.review.retention_days == 0 {
            return fail(
                "review.retention_days",
                "must be at least 1 (to record nothing, set `database = \"\"`)".into(),
            );
        }

        Ok(())
    }

    /// Parse config text; `path` is only for messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        let config = toml::from_str::<Config>(text).map_err(|error| {
            let start = error.span().map(|span| span.start.min(text.len()));
            let line = start.map(|start| text[..start].matches('\n').count() + 1);
            let message = plain_message(error.message().trim());
            let place = match line {
                Some(line) => format!("{}:{line}", path.display()),
                None => path.display().to_string(),
            };
            // toml's message names an unknown key but not a key whose value
            // is wrong; find that one in the text.
            let key = start
                .filter(|_| !message.contains("unknown key"))
                .and_then(|start| key_at(text, start))
                .map(|key| format!("`{key}` "))
                .unwrap_or_default();
            let end = if message.ends_with('?') { "" } else { "." };
            ConfigError(format!(
                "{place}: {key}{message}{end} See config.example.toml for every key and its meaning"
            ))
        })?;
        config.validate(path, text)?;
        Ok(config)
    }

    /// The token, if one is configured and not blank.
    pub fn token(&self) -> Option<&Secret> {
        self.discord
            .token
            .as_ref()
            .filter(|t| !t.expose().trim().is_empty())
    }

    /// The knowledge folder to use: the configured one if it exists, else
    /// the one in the source tree (so `cargo run` works from anywhere).
    pub fn resolved_knowledge_dir(&self) -> PathBuf {
        self.knowledge_location().0
    }

    /// The knowledge folder to use, and why it is that one, in words for
    /// the startup log line.
    pub fn knowledge_location(&self) -> (PathBuf, String) {
        let from = match &self.source {
            Some(path) => format!("`knowledge_dir` in {}", path.display()),
            None => "the default `knowledge_dir`".to_string(),
        };
        if self.knowledge_dir.is_dir() || self.knowledge_dir.is_absolute() {
            return (self.knowledge_dir.clone(), from);
        }
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join(&self.knowledge_dir);
        if bundled.is_dir() {
            let why = format!(
                "the build tree's, since {} ({}) is not a folder here; set `knowledge_dir` or pass --knowledge to choose",
                self.knowledge_dir.display(),
                from
            );
            (bundled, why)
        } else {
            (self.knowledge_dir.clone(), from)
        }
    }
}

/// serde's words for a value of the wrong kind, in plain ones: no Rust
/// type names, and the key meant for an unknown one.
fn plain_message(message: &str) -> String {
    if message.starts_with("unknown field") {
        return crate::knowledge::unknown_key_message(message);
    }
    // "invalid type: string \"five\", expected u32"
    // "invalid value: integer `-3`, expected u32"
    let (got, expected) = match message.split_once(", expected ") {
        Some((got, expected)) => (got, expected.trim()),
        None => return message.to_string(),
    };
    let got = got
        .trim_start_matches("invalid type: ")
        .trim_start_matches("invalid value: ")
        .replace('`', "");
    let got = (got.split_once(' ').map(|(kind, value)| match kind {
        "string" | "integer" | "float" | "boolean" => value.to_string(),
        _ => got.clone(),
    }))
    .unwrap_or(got.clone());
    let wanted = match expected {
        "u8" | "u16" | "u32" | "u64" | "usize" => "must be a whole number, 0 or more",
        "i8" | "i16" | "i32" | "i64" | "isize" => "must be a whole number",
        "f32" | "f64" => "must be a number",
        "a boolean" | "bool" => "must be true or false",
        "a string" | "String" | "a path" => "must be text in quotes",
        "a sequence" => "must be a list in brackets, like [\"...\"]",
        "a map" | "struct" => "must be a table",
        other if other.contains('`') || other.contains('"') => return message.to_string(),
        other => return format!("must be {other}, got {got}"),
    };
    format!("{wanted}, got {got}")
}

/// The 1-based line of the dotted `key` (`discord.shard_range`) in `text`.
fn line_of_key(text: &str, key: &str) -> Option<usize> {
    let (table, name) = match key.rsplit_once('.') {
        Some((table, name)) => (Some(table), name),
        None => (None, key),
    };
    let mut current: Option<String> = None;
    for (index, line) in text.lines().enumerate() {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            current = Some(trimmed.trim_matches(['[', ']']).trim().to_string());
            continue;
        }
        let Some((found, _)) = trimmed.split_once('=') else {
            continue;
        };
        if found.trim() == name && current.as_deref() == table {
            return Some(index + 1);
        }
    }
    None
}

/// The dotted key (`discord.shards`) whose value starts at `offset`.
fn key_at(text: &str, offset: usize) -> Option<String> {
    let line_start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let key = text[line_start..].split(['=', '\n']).next()?.trim();
    if key.is_empty() || key.starts_with('[') || text[line_start..].find('=').is_none() {
        return None;
    }
    let table = text[..line_start].lines().rev().find_map(|line| {
        let line = line.trim();
        line.starts_with('[')
            .then(|| line.trim_matches(['[', ']']).trim().to_string())
    });
    Some(match table {
        Some(table) => format!("{table}.{key}"),
        None => key.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn token_never_prints() {
        let config =
            Config::parse("[discord]\ntoken = \"abc.def.ghi\"\n", Path::new("c.toml")).unwrap();
        let shown = format!("{config:?}");
        assert!(!shown.contains("abc.def.ghi"), "{shown}");
        assert!(shown.contains("***"));
        assert_eq!(config.token().map(Secret::expose), Some("abc.def.ghi"));
    }

    #[test]
    fn unknown_keys_are_named_with_their_line() {
        let error = Config::parse(
            "knowledge_dir = \"k\"\n[discord]\ntokn = \"x\"\n",
            Path::new("c.toml"),
        )
        .unwrap_err();
        assert!(
            error.0.starts_with("c.toml:3: unknown key `tokn`"),
            "{}",
            error.0
        );
    }

    #[test]
    fn wrong_types_are_named() {
        let error = Config::parse("knowledge_dir = 5\n", Path::new("c.toml")).unwrap_err();
        assert!(error.0.contains("c.toml:1"), "{}", error.0);
    }

    #[test]
    fn bad_values_name_their_key() {
        let cases = [
            (
                "[discord]\nshards = \"lots\"\n",
                "c.toml:2: `discord.shards` must be \"auto\" or a whole number of at least 1, got \"lots\"",
            ),
            (
                "[discord]\nguild_id = \"abc\"\n",
                "c.toml:2: `discord.guild_id` must be a Discord id",
            ),
            (
                "[discord]\nrate_limit_questions = -1\n",
                "c.toml:2: `discord.rate_limit_questions`",
            ),
            (
                "[discord]\nanswer_channels = 5\n",
                "c.toml:2: `discord.answer_channels`",
            ),
            ("knowledge_dir = 5\n", "c.toml:1: `knowledge_dir`"),
            (
                "[discord]\nshards = 2\nshard_range = [0, 5]\n",
                "c.toml:3: `discord.shard_range` must be [first, last]",
            ),
            (
                "[discord]\nshard_range = [0, 1]\n",
                "c.toml:2: `discord.shard_range` needs a fixed total",
            ),
            (
                "[discord]\nrate_limit_seconds = 0\n",
                "c.toml:2: `discord.rate_limit_seconds`",
            ),
            (
                "[discord]\nmemory_users = 0\n",
                "c.toml:2: `discord.memory_users`",
            ),
        ];
        for (text, expected) in cases {
            let error = Config::parse(text, Path::new("c.toml")).unwrap_err();
            assert!(error.0.starts_with(expected), "{text:?}: {}", error.0);
            // Plain words: no Rust type names.
            for rust in ["u32", "u64", "i64", "f64", "usize", "String", "bool"] {
                let words: Vec<&str> = error.0.split(|c: char| !c.is_alphanumeric()).collect();
                assert!(!words.contains(&rust), "{text:?}: {}", error.0);
            }
        }
    }

    #[test]
    fn misspelled_keys_and_tables_get_the_key_meant() {
        for (text, meant) in [
            (
                "[discord]
tokn = \"x\"
",
                "did you mean `token`?",
            ),
            (
                "[discrod]
token = \"x\"
",
                "did you mean `discord`?",
            ),
            (
                "[review]
retention_day = 5
",
                "did you mean `retention_days`?",
            ),
        ] {
            let error = Config::parse(text, Path::new("c.toml")).unwrap_err();
            assert!(error.0.contains(meant), "{text:?}: {}", error.0);
        }
    }

    #[test]
    fn ids_and_shards_read_either_way() {
        let config = Config::parse(
            "[discord]\nguild_id = \"123\"\nreload_users = [1, \"2\"]\nshards = 4\nshard_range = [2, 3]\n",
            Path::new("c.toml"),
        )
        .unwrap();
        assert_eq!(config.discord.guild_id, Some(Snowflake(123)));
        assert_eq!(config.discord.reload_users, [Snowflake(1), Snowflake(2)]);
        assert_eq!(config.discord.shards, ShardCount::Fixed(4));
        let auto = Config::parse("[discord]\nshards = \"auto\"\n", Path::new("c.toml")).unwrap();
        assert_eq!(auto.discord.shards, ShardCount::Auto);
    }

    #[test]
    fn the_example_config_is_valid_and_documents_every_key() {
        let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("config.example.toml");
        let text = std::fs::read_to_string(&path).unwrap();
        Config::parse(&text, &path).unwrap();
        // Every key the config accepts appears in the example, set or
        // commented out. serde lists the accepted keys when it meets an
        // unknown one.
        let error = Config::parse("[discord]\nno_such_key = 1\n", Path::new("c.toml")).unwrap_err();
        let accepted = error.0.split("the keys allowed here are ").nth(1).unwrap();
        let keys: Vec<&str> = accepted.split('`').skip(1).step_by(2).collect();
        assert!(keys.len() >= 13, "{keys:?}");
        for key in keys {
            assert!(
                text.contains(&format!("\n{key} = ")) || text.contains(&format!("\n# {key} = ")),
                "config.example.toml does not document `{key}`"
            );
        }
    }

    #[test]
    fn blank_token_is_no_token() {
        let config = Config::parse("[discord]\ntoken = \"  \"\n", Path::new("c.toml")).unwrap();
        assert!(config.token().is_none());
    }
}
