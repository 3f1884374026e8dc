//! The engine's answer to one message, before any front end renders it.
//!
//! A `Reply` keeps its parts apart (title, body, estimate, notes, sources,
//! suggestions) so the terminal can print them as text, the JSON front end
//! can emit the contract, and Discord can build an embed with fields and
//! buttons, all from the same value.

use crate::compensation::PackageTotal;
use crate::domain::Profile;
use crate::domain::signed_dollars;
use crate::estimate::Estimate;
use serde::Serialize;

/// What kind of reply this is; front ends pick colours and layouts by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ReplyKind {
    /// A knowledge-base entry.
    Answer,
    /// A personal salary estimate.
    Estimate,
    /// Estimates for two or more places or employer types, side by side.
    Comparison,
    /// A total-compensation calculation.
    Calculation,
    /// Nothing matched well enough; suggestions follow.
    Fallback,
    /// A request outside the role (weather, medical advice...).
    OutOfScope,
    /// A question about another job.
    OtherRole,
    /// A notice about the input itself (empty, too long).
    Notice,
}

/// A topic a person can open next.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TopicLink {
    pub id: String,
    pub title: String,
}

/// The engine's reply to one message.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Reply {
    pub kind: ReplyKind,
    /// The entry id answered, or `None` when the knowledge base has no answer.
    pub topic: Option<String>,
    pub title: String,
    /// How sure the engine is that this reply fits the message, 0 to 1.
    pub confidence: f64,
    /// The main text, in light Markdown.
    pub body: String,
    pub estimate: Option<Estimate>,
    /// The yearly pay the person gave, placed on the estimate.
    pub their_pay: Option<i64>,
    pub calculation: Option<PackageTotal>,
    /// Short lines after the main text: details used, what would sharpen an
    /// estimate, caveats.
    pub notes: Vec<String>,
    /// Citations: "name, date".
    pub sources: Vec<String>,
    /// Topics to open next: related ones, or the closest ones after a
    /// fallback.
    pub suggestions: Vec<TopicLink>,
    /// Profile found in this message (front ends remember them).
    pub new_details: Profile,
    /// Profile the reply used (this message's merged with remembered ones).
    pub details_used: Profile,
}

impl Reply {
    /// A reply with only a kind, title and body; the rest empty.
    pub fn simple(kind: ReplyKind, title: impl Into<String>, body: impl Into<String>) -> Reply {
        Reply {
            kind,
            topic: None,
            title: title.into(),
            confidence: 0.0,
            body: body.into(),
            estimate: None,
            their_pay: None,
            calculation: None,
            notes: Vec::new(),
            sources: Vec::new(),
            suggestions: Vec::new(),
            new_details: Profile::default(),
            details_used: Profile::default(),
        }
    }

    /// The estimate's factors as lines: "Experience: +$3,480 (detail)".
    pub fn factor_lines(&self) -> Vec<String> {
        self.estimate
            .iter()
            .flat_map(|e| &e.factors)
            .map(|f| format!("{}: {} ({})", f.name, signed_dollars(f.effect), f.detail))
            .collect()
    }

    /// The full text a person sees, without the title and sources, which
    /// front ends show in their own places.
    pub fn full_text(&self) -> String {
        let mut parts = vec![self.body.trim().to_string()];
        let factors = self.factor_lines();
        if !factors.is_empty() {
            let lines: Vec<String> = factors.iter().map(|l| format!("- {l}")).collect();
            parts.push(format!("**How this was worked out**\n{}", lines.join("\n")));
        }
        if !self.notes.is_empty() {
            parts.push(self.notes.join("\n"));
        }
        parts.retain(|p| !p.is_empty());
        parts.join("\n\n")
    }
}
