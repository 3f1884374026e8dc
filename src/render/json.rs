//! The JSON contract of `careerbot ask --json`: exactly one object per
//! question, with exactly these keys:
//!
//! ```json
//! {"question": "...", "topic": "pay.national" | null, "confidence": 0.87,
//!  "answer": "...", "estimate": null | {"low": 1, "mid": 2, "high": 3,
//!  "currency": "USD", "period": "year",
//!  "factors": [{"name": "...", "detail": "...", "effect": 0}]},
//!  "sources": ["..."], "suggestions": ["topic.id"]}
//! ```

use super::words;
use crate::knowledge::Replies;
use crate::reply::Reply;
use serde::Serialize;

#[derive(Serialize)]
struct Answer<'a> {
    question: &'a str,
    topic: Option<&'a str>,
    confidence: f64,
    answer: String,
    estimate: Option<EstimateJson>,
    sources: Vec<&'a str>,
    suggestions: Vec<&'a str>,
}

#[derive(Serialize)]
struct EstimateJson {
    low: i64,
    mid: i64,
    high: i64,
    currency: &'static str,
    period: &'static str,
    factors: Vec<FactorJson>,
}

#[derive(Serialize)]
struct FactorJson {
    name: String,
    detail: String,
    effect: i64,
}

/// The reply as one line of JSON.
pub fn to_json_line(question: &str, reply: &Reply, replies: &Replies) -> String {
    let answer = Answer {
        question,
        topic: reply.topic.as_deref(),
        confidence: (reply.confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
        answer: words::full_text(reply, replies),
        estimate: reply.estimate().map(|e| EstimateJson {
            low: e.low,
            mid: e.mid,
            high: e.high,
            currency: "USD",
            period: "year",
            factors: e
                .factors
                .iter()
                .map(|f| FactorJson {
                    name: words::factor_name(replies, f.kind).to_string(),
                    detail: words::factor_detail(replies, f),
                    effect: f.effect,
                })
                .collect(),
        }),
        sources: reply.sources.iter().map(|c| c.full.as_str()).collect(),
        suggestions: reply.suggestions.iter().map(|s| s.id.as_str()).collect(),
    };
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string(&answer).unwrap_or_else(|_| "{}".to_string())
}
