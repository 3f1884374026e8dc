//! Per-user sessions for front ends that serve many people at once: each
//! user's [`Conversation`] (the details they have given) and a per-user rate
//! limit.
//!
//! Nothing here knows about Discord; the user key is any hashable id. Both
//! the memory and the rate-limit history are bounded LRU caches, so memory
//! use stays bounded however many distinct users write. Time is always
//! passed in (`now`), which keeps the logic deterministic and lets tests
//! run without sleeping.
//!
//! [`Sessions`] is not locked internally: a front end shares one behind a
//! `Mutex`, and every method is quick (no engine work happens under it
//! except what the caller does with the returned conversation).

use crate::conversation::Conversation;
use lru::LruCache;
use std::collections::VecDeque;
use std::fmt;
use std::hash::Hash;
use std::num::NonZeroUsize;
use std::time::{Duration, Instant};

/// How many users to remember, for how long, and how often they may ask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionSettings {
    /// The most users remembered at once; the least recently active user is
    /// forgotten first. Values below 1 are treated as 1.
    pub capacity: usize,
    /// How long a user's details are kept after their last question.
    pub ttl: Duration,
    /// `None` lets every question through.
    pub rate_limit: Option<RateLimit>,
}

impl Default for SessionSettings {
    fn default() -> SessionSettings {
        SessionSettings {
            capacity: 10_000,
            ttl: Duration::from_secs(30 * 60),
            rate_limit: Some(RateLimit {
                questions: 5,
                per: Duration::from_secs(10),
            }),
        }
    }
}

/// At most `questions` admitted in any window of length `per`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub questions: u32,
    pub per: Duration,
}

/// A question refused by the rate limit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimited {
    /// How long until the user may ask again.
    pub retry_after: Duration,
}

impl RateLimited {
    /// `retry_after` in whole seconds, rounded up and at least 1, so a user
    /// told "try again in N s" never comes back too early or is told "0 s".
    pub fn retry_after_secs(&self) -> u64 {
        let d = self.retry_after;
        let secs = d.as_secs() + u64::from(d.subsec_nanos() > 0);
        secs.max(1)
    }
}

impl fmt::Display for RateLimited {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "too many questions; try again in {} s",
            self.retry_after_secs()
        )
    }
}

impl std::error::Error for RateLimited {}

/// One remembered user.
#[derive(Debug)]
struct Remembered {
    conversation: Conversation,
    last_used: Instant,
}

/// Per-user conversations and rate-limit history. See the module docs.
#[derive(Debug)]
pub struct Sessions<K: Hash + Eq + Clone> {
    memory: LruCache<K, Remembered>,
    /// Times of the questions admitted within the current window, oldest
    /// first; never longer than the limit's `questions`. Kept apart from
    /// `memory` so that forgetting (or memory expiring) does not reset the
    /// limit.
    admitted: LruCache<K, VecDeque<Instant>>,
    ttl: Duration,
    rate_limit: Option<RateLimit>,
}

impl<K: Hash + Eq + Clone> Sessions<K> {
    pub fn new(settings: SessionSettings) -> Sessions<K> {
        let capacity = NonZeroUsize::new(settings.capacity).unwrap_or(NonZeroUsize::MIN);
        Sessions {
            memory: LruCache::new(capacity),
            admitted: LruCache::new(capacity),
            ttl: settings.ttl,
            rate_limit: settings.rate_limit,
        }
    }

    /// Check and record one question from `user` at `now`. A refused
    /// question is not recorded, so retrying too early does not push the
    /// wait further out.
    pub fn admit(&mut self, user: &K, now: Instant) -> Result<(), RateLimited> {
        let Some(limit) = self.rate_limit else {
            return Ok(());
        };
        if limit.questions == 0 {
            // Nothing is ever admitted; tell them the window length rather
            // than nothing at all.
            return Err(RateLimited {
                retry_after: limit.per,
            });
        }
        let times = self
            .admitted
            .get_or_insert_mut(user.clone(), || VecDeque::with_capacity(1));
        while let Some(&oldest) = times.front()
            && !in_window(oldest, now, limit.per)
        {
            times.pop_front();
        }
        if times.len() < limit.questions as usize {
            times.push_back(now);
            return Ok(());
        }
        // Full: the window frees up when its oldest question leaves it.
        let oldest = times.front().copied().unwrap_or(now);
        let elapsed = now.saturating_duration_since(oldest);
        Err(RateLimited {
            retry_after: limit.per.saturating_sub(elapsed),
        })
    }

    /// The user's conversation: fresh if none is remembered or if it was
    /// last used more than `ttl` before `now` (the old details are dropped).
    /// Marks the user as active at `now`.
    pub fn conversation(&mut self, user: &K, now: Instant) -> &mut Conversation {
        if self
            .memory
            .peek(user)
            .is_some_and(|r| is_expired(r, now, self.ttl))
        {
            self.memory.pop(user);
        }
        let remembered = self.memory.get_or_insert_mut(user.clone(), || Remembered {
            conversation: Conversation::new(),
            last_used: now,
        });
        remembered.last_used = now;
        &mut remembered.conversation
    }

    /// Drop everything remembered about `user`. The rate-limit history
    /// stays: otherwise "forget" would be a way around the limit.
    pub fn forget(&mut self, user: &K) {
        self.memory.pop(user);
    }

    /// Drop every conversation idle for more than `ttl` and every
    /// rate-limit history with nothing left in its window, so details are
    /// not held longer than promised while the cache is not full. Returns
    /// how many conversations were dropped. Meant for a periodic sweep;
    /// lookups treat idle entries as absent whether or not it runs.
    pub fn expire(&mut self, now: Instant) -> usize {
        // Both caches keep the least recently active user at the old end, so
        // sweeping from there stops at the first live entry: O(dropped), not
        // O(users). For conversations, recency and `last_used` move
        // together, so every idle one is reached. A rate-limit history can
        // hide behind a live one (a refused attempt refreshes recency); it
        // is harmless, as the window check ignores its old times, and it
        // goes at the next sweep or eviction.
        let mut dropped = 0;
        while self
            .memory
            .peek_lru()
            .is_some_and(|(_, r)| is_expired(r, now, self.ttl))
        {
            self.memory.pop_lru();
            dropped += 1;
        }
        let per = self.rate_limit.map_or(Duration::ZERO, |l| l.per);
        while self.admitted.peek_lru().is_some_and(|(_, times)| {
            times
                .back()
                .is_none_or(|&newest| !in_window(newest, now, per))
        }) {
            self.admitted.pop_lru();
        }
        dropped
    }

    /// How many users have a conversation in memory, including idle ones
    /// not yet swept (see [`Sessions::expire`]). For tests and metrics.
    pub fn remembered_users(&self) -> usize {
        self.memory.len()
    }

    /// How many users have rate-limit history. For tests and metrics.
    pub fn rate_limited_users(&self) -> usize {
        self.admitted.len()
    }
}

/// Whether a question asked at `at` still counts against the limit at `now`.
fn in_window(at: Instant, now: Instant, per: Duration) -> bool {
    now.saturating_duration_since(at) < per
}

fn is_expired(remembered: &Remembered, now: Instant, ttl: Duration) -> bool {
    now.saturating_duration_since(remembered.last_used) > ttl
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retry_after_rounds_up_to_whole_seconds() {
        let limited = |ms| RateLimited {
            retry_after: Duration::from_millis(ms),
        };
        assert_eq!(
            limited(0).to_string(),
            "too many questions; try again in 1 s"
        );
        assert_eq!(limited(1).retry_after_secs(), 1);
        assert_eq!(limited(1000).retry_after_secs(), 1);
        assert_eq!(limited(1001).retry_after_secs(), 2);
        assert_eq!(
            limited(9_500).to_string(),
            "too many questions; try again in 10 s"
        );
    }

    #[test]
    fn zero_capacity_is_treated_as_one() {
        let mut sessions: Sessions<u32> = Sessions::new(SessionSettings {
            capacity: 0,
            ..SessionSettings::default()
        });
        let now = Instant::now();
        sessions.conversation(&1, now);
        sessions.conversation(&2, now);
        assert_eq!(sessions.remembered_users(), 1);
    }

    #[test]
    fn a_zero_question_limit_admits_nothing() {
        let mut sessions: Sessions<u32> = Sessions::new(SessionSettings {
            rate_limit: Some(RateLimit {
                questions: 0,
                per: Duration::from_secs(10),
            }),
            ..SessionSettings::default()
        });
        let err = sessions.admit(&1, Instant::now()).unwrap_err();
        assert_eq!(err.retry_after, Duration::from_secs(10));
    }
}
