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

use crate::reply::Reply;
use serde::Serialize;

#[derive(Serialize)]
struct Answer<'a> {
    question: &'a str,
    topic: Option<&'a str>,
    confidence: f64,
    answer: String,
    estimate: Option<EstimateJson<'a>>,
    sources: &'a [String],
    suggestions: Vec<&'a str>,
}

#[derive(Serialize)]
struct EstimateJson<'a> {
    low: i64,
    mid: i64,
    high: i64,
    currency: &'static str,
    period: &'static str,
    factors: Vec<FactorJson<'a>>,
}

#[derive(Serialize)]
struct FactorJson<'a> {
    name: &'a str,
    detail: &'a str,
    effect: i64,
}

/// The reply as one line of JSON.
pub fn to_json_line(question: &str, reply: &Reply) -> String {
    let answer = Answer {
        question,
        topic: reply.topic.as_deref(),
        confidence: (reply.confidence.clamp(0.0, 1.0) * 1000.0).round() / 1000.0,
        answer: reply.full_text(),
        estimate: reply.estimate.as_ref().map(|e| EstimateJson {
            low: e.low,
            mid: e.mid,
            high: e.high,
            currency: "USD",
            period: "year",
            factors: e
                .factors
                .iter()
                .map(|f| FactorJson {
                    name: &f.name,
                    detail: &f.detail,
                    effect: f.effect,
                })
                .collect(),
        }),
        sources: &reply.sources,
        suggestions: reply.suggestions.iter().map(|s| s.id.as_str()).collect(),
    };
    // Serializing plain strings and numbers cannot fail.
    serde_json::to_string(&answer).unwrap_or_else(|_| "{}".to_string())
}
