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
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiscordConfig {
    /// The bot token; `DISCORD_TOKEN` overrides it.
    #[serde(default)]
    pub token: Option<Secret>,
}

impl Default for Config {
    fn default() -> Config {
        Config {
            knowledge_dir: default_knowledge_dir(),
            discord: DiscordConfig::default(),
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
        let mut config = match explicit.map(Path::to_path_buf).or(from_env) {
            Some(path) => Config::read(&path)?,
            None if Path::new(DEFAULT_CONFIG).exists() => Config::read(Path::new(DEFAULT_CONFIG))?,
            None => Config::default(),
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
            ConfigError(format!(
                "cannot read the config file {} ({error}). Copy config.example.toml to config.toml, or point --config at your file",
                path.display()
            ))
        })?;
        Config::parse(&text, path)
    }

    /// Parse config text; `path` is only for messages.
    pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
        toml::from_str::<Config>(text).map_err(|error| {
            let line = error
                .span()
                .map(|span| text[..span.start.min(text.len())].matches('\n').count() + 1);
            let message = error
                .message()
                .trim()
                .replace("unknown field", "unknown key");
            let place = match line {
                Some(line) => format!("{}:{line}", path.display()),
                None => path.display().to_string(),
            };
            ConfigError(format!(
                "{place}: {message}. See config.example.toml for every key and its meaning"
            ))
        })
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
        if self.knowledge_dir.is_dir() || self.knowledge_dir.is_absolute() {
            return self.knowledge_dir.clone();
        }
        let bundled = Path::new(env!("CARGO_MANIFEST_DIR")).join(&self.knowledge_dir);
        if bundled.is_dir() {
            bundled
        } else {
            self.knowledge_dir.clone()
        }
    }
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
    fn blank_token_is_no_token() {
        let config = Config::parse("[discord]\ntoken = \"  \"\n", Path::new("c.toml")).unwrap();
        assert!(config.token().is_none());
    }
}
