//! Per-user sessions: bounded, expiring memory and a sliding-window rate
//! limit. Time is passed in, so nothing here sleeps.

mod common;

use careerbot::sessions::{RateLimit, RateLimited, SessionSettings, Sessions};
use std::time::{Duration, Instant};

const TTL: Duration = Duration::from_secs(30 * 60);

fn settings(capacity: usize, rate_limit: Option<RateLimit>) -> SessionSettings {
    SessionSettings {
        capacity,
        ttl: TTL,
        rate_limit,
    }
}

fn five_per_ten_seconds() -> Option<RateLimit> {
    Some(RateLimit {
        questions: 5,
        per: Duration::from_secs(10),
    })
}

fn secs(s: u64) -> Duration {
    Duration::from_secs(s)
}

/// Give `user` some remembered details through the real engine.
fn tell_details(sessions: &mut Sessions<u64>, user: u64, now: Instant) {
    let conversation = sessions.conversation(&user, now);
    conversation.ask(common::engine(), "5 years, CMAA, Boston");
    assert!(
        !conversation.memory().is_empty(),
        "the engine should remember details from this message"
    );
}

fn has_details(sessions: &mut Sessions<u64>, user: u64, now: Instant) -> bool {
    !sessions.conversation(&user, now).memory().is_empty()
}

#[test]
fn defaults_are_as_documented() {
    let defaults = SessionSettings::default();
    assert_eq!(defaults.capacity, 10_000);
    assert_eq!(defaults.ttl, secs(30 * 60));
    assert_eq!(defaults.rate_limit, five_per_ten_seconds());
}

#[test]
fn details_are_remembered_per_user() {
    let mut sessions = Sessions::new(settings(10, None));
    let now = Instant::now();
    tell_details(&mut sessions, 1, now);
    assert!(has_details(&mut sessions, 1, now + secs(1)));
    assert!(!has_details(&mut sessions, 2, now + secs(1)));
    assert_eq!(sessions.remembered_users(), 2);
}

#[test]
fn the_least_recently_used_user_is_forgotten_first() {
    let mut sessions = Sessions::new(settings(3, None));
    let t0 = Instant::now();
    for user in 1..=3 {
        tell_details(&mut sessions, user, t0 + secs(user));
    }
    // User 1 comes back, so user 2 is now the least recently used.
    assert!(has_details(&mut sessions, 1, t0 + secs(10)));
    tell_details(&mut sessions, 4, t0 + secs(11));
    assert_eq!(sessions.remembered_users(), 3);
    assert!(has_details(&mut sessions, 1, t0 + secs(12)));
    assert!(has_details(&mut sessions, 3, t0 + secs(12)));
    assert!(has_details(&mut sessions, 4, t0 + secs(12)));
    // User 2 was evicted: asking again starts fresh (and evicts user 1,
    // now the least recently used).
    assert!(!has_details(&mut sessions, 2, t0 + secs(13)));
    assert!(!has_details(&mut sessions, 1, t0 + secs(14)));
}

#[test]
fn idle_memory_expires_after_the_ttl() {
    let mut sessions = Sessions::new(settings(10, None));
    let t0 = Instant::now();
    tell_details(&mut sessions, 1, t0);
    tell_details(&mut sessions, 2, t0);
    // Exactly the ttl idle is still remembered; just over is not.
    assert!(has_details(&mut sessions, 1, t0 + TTL));
    assert!(!has_details(
        &mut sessions,
        2,
        t0 + TTL + Duration::from_millis(1)
    ));
    // The expired details are gone for good, not just hidden.
    assert!(!has_details(&mut sessions, 2, t0 + TTL + secs(2)));
}

#[test]
fn using_a_conversation_refreshes_its_ttl() {
    let mut sessions = Sessions::new(settings(10, None));
    let t0 = Instant::now();
    tell_details(&mut sessions, 1, t0);
    // Every 20 minutes for two hours: never idle for longer than 30.
    for step in 1..=6 {
        let now = t0 + secs(step * 20 * 60);
        assert!(has_details(&mut sessions, 1, now), "step {step}");
    }
    let last = t0 + secs(6 * 20 * 60);
    assert!(!has_details(&mut sessions, 1, last + TTL + secs(1)));
}

#[test]
fn expire_sweeps_idle_conversations() {
    let mut sessions = Sessions::new(settings(10, five_per_ten_seconds()));
    let t0 = Instant::now();
    for user in 1..=4 {
        sessions.admit(&user, t0).unwrap();
        tell_details(&mut sessions, user, t0 + secs(user * 60));
    }
    // At t0 + ttl + 150 s, users 1 and 2 (active at 60 s and 120 s) are
    // idle for more than the ttl; users 3 and 4 are not.
    let now = t0 + TTL + secs(150);
    assert_eq!(sessions.expire(now), 2);
    assert_eq!(sessions.remembered_users(), 2);
    assert!(has_details(&mut sessions, 3, now));
    assert!(has_details(&mut sessions, 4, now));
    // Rate-limit windows long past are swept too.
    assert_eq!(sessions.rate_limited_users(), 0);
}

#[test]
fn forget_drops_details_but_keeps_the_rate_limit() {
    let mut sessions = Sessions::new(settings(10, five_per_ten_seconds()));
    let t0 = Instant::now();
    for i in 0..5 {
        sessions.admit(&1, t0 + Duration::from_millis(i)).unwrap();
    }
    tell_details(&mut sessions, 1, t0);
    sessions.forget(&1);
    assert_eq!(sessions.remembered_users(), 0);
    assert!(!has_details(&mut sessions, 1, t0 + secs(1)));
    assert!(sessions.admit(&1, t0 + secs(1)).is_err());
}

#[test]
fn the_window_slides() {
    let mut sessions: Sessions<u64> = Sessions::new(settings(10, five_per_ten_seconds()));
    let t0 = Instant::now();
    // Five questions at 0, 1, 2, 3, 4 s.
    for s in 0..5 {
        assert_eq!(sessions.admit(&1, t0 + secs(s)), Ok(()), "question {s}");
    }
    // The sixth, at 6 s, waits until the first (0 s) leaves: 4 s.
    let refused = sessions.admit(&1, t0 + secs(6)).unwrap_err();
    assert_eq!(refused.retry_after, secs(4));
    assert_eq!(refused.to_string(), "too many questions; try again in 4 s");
    // Another user is not affected.
    assert_eq!(sessions.admit(&2, t0 + secs(6)), Ok(()));
    // Refused attempts are not counted: retrying early does not push the
    // wait further out.
    let refused = sessions
        .admit(&1, t0 + Duration::from_millis(9_500))
        .unwrap_err();
    assert_eq!(refused.retry_after, Duration::from_millis(500));
    assert_eq!(refused.to_string(), "too many questions; try again in 1 s");
    // At 10 s the first question has left the window: one more fits...
    assert_eq!(sessions.admit(&1, t0 + secs(10)), Ok(()));
    // ...and the next waits for the 1 s question to leave, at 11 s.
    assert_eq!(
        sessions.admit(&1, t0 + Duration::from_millis(10_200)),
        Err(RateLimited {
            retry_after: Duration::from_millis(800)
        })
    );
    // After a quiet window, the full five are available again.
    let later = t0 + secs(30);
    for s in 0..5 {
        assert_eq!(sessions.admit(&1, later + secs(s)), Ok(()));
    }
    assert!(sessions.admit(&1, later + secs(5)).is_err());
}

#[test]
fn no_rate_limit_admits_everything() {
    let mut sessions: Sessions<u64> = Sessions::new(settings(10, None));
    let now = Instant::now();
    for _ in 0..10_000 {
        assert_eq!(sessions.admit(&1, now), Ok(()));
    }
    assert_eq!(sessions.rate_limited_users(), 0);
}

#[test]
fn memory_stays_bounded_with_many_users() {
    let capacity = 1_000;
    let one_per_hour = Some(RateLimit {
        questions: 1,
        per: secs(3600),
    });
    let mut sessions: Sessions<u64> = Sessions::new(settings(capacity, one_per_hour));
    let t0 = Instant::now();
    for user in 0..100_000u64 {
        let now = t0 + Duration::from_micros(user);
        sessions.admit(&user, now).unwrap();
        sessions.conversation(&user, now);
    }
    assert_eq!(sessions.remembered_users(), capacity);
    assert_eq!(sessions.rate_limited_users(), capacity);
    // The most recent users' histories are the ones kept: they are still
    // limited, while an early user's history was evicted.
    let now = t0 + secs(1);
    for user in (100_000 - capacity as u64..100_000).step_by(97) {
        assert!(sessions.admit(&user, now).is_err(), "user {user}");
    }
    assert_eq!(sessions.admit(&0, now), Ok(()));
    assert_eq!(sessions.rate_limited_users(), capacity);
}
