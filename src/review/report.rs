//! The review: what the knowledge keeper reads to see what to add. Built
//! from the database as data ([`Review`]), then worded as text or JSON.
//! Its suggestions come from the same matcher the bot answers with.

use super::recorder::LOW_CONFIDENCE;
use super::store::{Store, StoreError};
use crate::engine::{Engine, Suggestion};
use crate::knowledge::{Replies, fill};
use serde::Serialize;
use std::collections::BTreeMap;

/// What to review.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReviewOptions {
    /// Days back from `now`.
    pub days: u32,
    /// Unix seconds.
    pub now: i64,
    /// Question groups shown, at most (`/review` shows ten).
    pub top: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Review {
    pub database: String,
    pub days: u32,
    pub from: String,
    pub to: String,
    /// Answered, declined and unsure answers per day, oldest first.
    pub by_day: Vec<DayCounts>,
    /// 👍 and 👎 per topic, most votes first.
    pub votes: Vec<TopicVotes>,
    /// Declined and unsure questions, grouped by closest topic, most
    /// asked first.
    pub groups: Vec<QuestionGroup>,
    /// Answers voted 👎, by topic, with their questions.
    pub unhelpful: Vec<Unhelpful>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DayCounts {
    pub date: String,
    pub answered: usize,
    pub declined: usize,
    pub unsure: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TopicVotes {
    pub topic: Option<String>,
    pub up: usize,
    pub down: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct QuestionGroup {
    pub suggestion: Suggestion,
    pub count: usize,
    /// Each distinct question, most asked first.
    pub questions: Vec<AskedQuestion>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AskedQuestion {
    pub text: String,
    pub count: usize,
    pub declined: usize,
    pub unsure: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Unhelpful {
    pub topic: Option<String>,
    pub count: usize,
    pub questions: Vec<String>,
}

impl Review {
    /// Read the database and group what it holds.
    pub fn build(
        engine: &Engine,
        store: &Store,
        options: ReviewOptions,
    ) -> Result<Review, StoreError> {
        let since = options.now - i64::from(options.days) * 24 * 60 * 60;
        let fail = |e: rusqlite::Error| StoreError {
            path: store.path().to_path_buf(),
            problem: super::store::problem_of(&e),
        };
        let answers = store.answers_since(since).map_err(fail)?;
        let votes = store.votes_since(since).map_err(fail)?;

        let mut by_day: BTreeMap<String, DayCounts> = BTreeMap::new();
        let mut asked: BTreeMap<String, AskedQuestion> = BTreeMap::new();
        for answer in &answers {
            let date = date_of(answer.at);
            let day = by_day.entry(date.clone()).or_insert(DayCounts {
                date,
                answered: 0,
                declined: 0,
                unsure: 0,
            });
            let declined = matches!(answer.kind.as_str(), "out_of_scope" | "fallback");
            let unsure = !declined && answer.confidence < LOW_CONFIDENCE;
            match (declined, unsure) {
                (true, _) => day.declined += 1,
                (_, true) => day.unsure += 1,
                _ => day.answered += 1,
            }
            if let (Some(text), true) = (&answer.question, declined || unsure) {
                let entry = asked.entry(text.clone()).or_insert(AskedQuestion {
                    text: text.clone(),
                    count: 0,
                    declined: 0,
                    unsure: 0,
                });
                entry.count += 1;
                entry.declined += usize::from(declined);
                entry.unsure += usize::from(unsure);
            }
        }

        let mut groups: Vec<QuestionGroup> = Vec::new();
        for question in asked.into_values() {
            let suggestion = engine.suggest(&question.text);
            match groups.iter_mut().find(|g| g.suggestion == suggestion) {
                Some(group) => {
                    group.count += question.count;
                    group.questions.push(question);
                }
                None => groups.push(QuestionGroup {
                    suggestion,
                    count: question.count,
                    questions: vec![question],
                }),
            }
        }
        for group in &mut groups {
            group
                .questions
                .sort_by(|a, b| b.count.cmp(&a.count).then(a.text.cmp(&b.text)));
        }
        groups.sort_by_key(|g| std::cmp::Reverse(g.count));
        groups.truncate(options.top);

        let mut by_topic: BTreeMap<Option<String>, (TopicVotes, Vec<String>)> = BTreeMap::new();
        for (vote, question) in &votes {
            let (tally, questions) = by_topic.entry(vote.topic.clone()).or_insert((
                TopicVotes {
                    topic: vote.topic.clone(),
                    up: 0,
                    down: 0,
                },
                Vec::new(),
            ));
            if vote.helpful {
                tally.up += 1;
            } else {
                tally.down += 1;
                if let Some(q) = question
                    && !questions.contains(q)
                {
                    questions.push(q.clone());
                }
            }
        }
        let mut unhelpful: Vec<Unhelpful> = (by_topic.values())
            .filter(|(tally, _)| tally.down > 0)
            .map(|(tally, questions)| Unhelpful {
                topic: tally.topic.clone(),
                count: tally.down,
                questions: questions.clone(),
            })
            .collect();
        unhelpful.sort_by_key(|u| std::cmp::Reverse(u.count));
        let mut votes: Vec<TopicVotes> = by_topic.into_values().map(|(t, _)| t).collect();
        votes.sort_by_key(|v| std::cmp::Reverse(v.up + v.down));

        Ok(Review {
            database: store.path().display().to_string(),
            days: options.days,
            from: date_of(since),
            to: date_of(options.now),
            by_day: by_day.into_values().collect(),
            votes,
            groups,
            unhelpful,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.by_day.is_empty() && self.votes.is_empty()
    }

    /// The review in words, light Markdown (bold headings).
    pub fn to_text(&self, words: &Replies) -> String {
        let w = &words.review;
        let mut out = vec![fill(
            &w.title,
            &[
                ("days", &self.days.to_string()),
                ("from", &self.from),
                ("to", &self.to),
                ("database", &self.database),
            ],
        )];
        if self.is_empty() {
            out.push(w.empty.clone());
            return out.join("\n\n");
        }
        let mut days = vec![w.days_heading.clone()];
        days.extend(self.by_day.iter().map(|d| {
            fill(
                &w.day,
                &[
                    ("date", &d.date),
                    ("answered", &d.answered.to_string()),
                    ("declined", &d.declined.to_string()),
                    ("unsure", &d.unsure.to_string()),
                ],
            )
        }));
        out.push(days.join("\n"));
        if !self.votes.is_empty() {
            let mut lines = vec![w.votes_heading.clone()];
            lines.extend(self.votes.iter().map(|v| {
                fill(
                    &w.votes_line,
                    &[
                        ("topic", v.topic.as_deref().unwrap_or(&w.no_topic)),
                        ("up", &v.up.to_string()),
                        ("down", &v.down.to_string()),
                    ],
                )
            }));
            out.push(lines.join("\n"));
        }
        if !self.groups.is_empty() {
            let mut lines = vec![w.groups_heading.clone()];
            for group in &self.groups {
                let count = group.count.to_string();
                let (heading, action) = match &group.suggestion {
                    Suggestion::AddPhrasing { topic, file } => (
                        fill(
                            &w.group_topic,
                            &[("topic", topic), ("file", file), ("count", &count)],
                        ),
                        fill(&w.add_phrasing, &[("topic", topic), ("file", file)]),
                    ),
                    Suggestion::OffTopic => (
                        fill(&w.group_off_topic, &[("count", &count)]),
                        w.off_topic.clone(),
                    ),
                    Suggestion::NewEntry => (
                        fill(&w.group_no_topic, &[("count", &count)]),
                        w.new_entry.clone(),
                    ),
                };
                lines.push(String::new());
                lines.push(heading);
                lines.extend(group.questions.iter().map(|q| {
                    let line = fill(
                        &w.question,
                        &[("count", &q.count.to_string()), ("text", &q.text)],
                    );
                    format!("  {line}")
                }));
                lines.push(format!("  {action}"));
            }
            out.push(lines.join("\n"));
        }
        if !self.unhelpful.is_empty() {
            let mut lines = vec![w.unhelpful_heading.clone()];
            for topic in &self.unhelpful {
                lines.push(fill(
                    &w.unhelpful_topic,
                    &[
                        ("topic", topic.topic.as_deref().unwrap_or(&w.no_topic)),
                        ("count", &topic.count.to_string()),
                    ],
                ));
                lines.extend(topic.questions.iter().map(|q| format!("  - {q}")));
            }
            out.push(lines.join("\n"));
        }
        out.join("\n\n")
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).unwrap_or_else(|_| "{}".to_string())
    }
}

/// A unix time as its UTC date, "2026-12-01".
pub fn date_of(unix: i64) -> String {
    // Days since 1970-01-01 to a civil date (Howard Hinnant's algorithm).
    let days = unix.div_euclid(86_400);
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates() {
        assert_eq!(date_of(0), "1970-01-01");
        assert_eq!(date_of(951_782_400), "2000-02-29");
        assert_eq!(date_of(1_796_083_200), "2026-12-01");
    }
}
