//! Sending an interaction's first response, with one retry.
//!
//! Discord gives an interaction 3 seconds for its first response; after
//! that the person sees "The application did not respond". A 429 or a 5xx
//! on the callback is usually passing, so it gets one retry, after a short
//! pause, but only when the retry still fits inside the 3 seconds (with a
//! second left for the request itself). Otherwise the failure is logged
//! once, clearly, and the bot goes on.

use super::limits::INTERACTION_DEADLINE_SECS;
use poise::serenity_prelude as serenity;
use std::future::Future;
use std::time::{Duration, Instant};

/// Discord's deadline for the first response.
const DEADLINE: Duration = Duration::from_secs(INTERACTION_DEADLINE_SECS);
/// What must be left of the deadline after the pause for a retry to be
/// worth sending: time for the request itself.
const MARGIN: Duration = Duration::from_secs(1);
/// The pause before retrying after a server error.
const PAUSE_AFTER_5XX: Duration = Duration::from_millis(200);
/// The pause before retrying after a 429. serenity's rate limiter, when
/// on, waits out `retry_after` itself; this covers a 429 that reaches us.
const PAUSE_AFTER_429: Duration = Duration::from_millis(500);

/// The pause before a retry, for the errors worth one: a 429 or a 5xx.
fn retry_pause(error: &serenity::Error) -> Option<(u16, Duration)> {
    let serenity::Error::Http(serenity::HttpError::UnsuccessfulRequest(response)) = error else {
        return None;
    };
    let status = response.status_code.as_u16();
    match status {
        429 => Some((status, PAUSE_AFTER_429)),
        500..=599 => Some((status, PAUSE_AFTER_5XX)),
        _ => None,
    }
}

/// Whether a retry after `pause` still fits in the deadline of an
/// interaction received at `received`.
pub fn retry_fits(received: Instant, now: Instant, pause: Duration) -> bool {
    now.saturating_duration_since(received) + pause + MARGIN <= DEADLINE
}

/// Send with `send`, and once more after a 429 or 5xx when that fits in
/// the deadline of an interaction received at `received`.
pub async fn send_with_retry<F, Fut>(
    received: Instant,
    what: &str,
    send: F,
) -> Result<(), serenity::Error>
where
    F: Fn() -> Fut,
    Fut: Future<Output = Result<(), serenity::Error>>,
{
    let error = match send().await {
        Ok(()) => return Ok(()),
        Err(error) => error,
    };
    let Some((status, pause)) = retry_pause(&error) else {
        return Err(error);
    };
    if !retry_fits(received, Instant::now(), pause) {
        tracing::warn!(
            status,
            what,
            "the interaction callback failed too close to Discord's 3-second deadline to retry"
        );
        return Err(error);
    }
    tracing::info!(status, what, "retrying the interaction callback once");
    tokio::time::sleep(pause).await;
    send().await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_retry_is_sent_only_while_it_fits_the_deadline() {
        let received = Instant::now();
        let pause = PAUSE_AFTER_429;
        assert!(retry_fits(received, received, pause));
        assert!(retry_fits(
            received,
            received + Duration::from_millis(1400),
            pause
        ));
        assert!(!retry_fits(
            received,
            received + Duration::from_millis(1600),
            pause
        ));
        assert!(!retry_fits(
            received,
            received + Duration::from_secs(5),
            pause
        ));
    }
}
