//! The engine: one message in, one [`Reply`] out.
//!
//! Data flows one way: text → understanding (normalized words, details) →
//! matching and estimate → `Reply`. The engine knows nothing of Discord or
//! the terminal; front ends call [`Engine::answer`] (or the direct entry
//! points for slash commands) and render what comes back.

use crate::compensation::{self, PackageQuestion, PackageTotal};
use crate::domain::{Experience, Place, Profile};
use crate::domain::{dollars, hourly_dollars, signed_dollars};
use crate::estimate::{self, Estimate};
use crate::knowledge::{Entry, KnowledgeBase, KnowledgeError, fill};
use crate::matching::{Candidate, Index, Ranking};
use crate::render::fit;
use crate::reply::{Reply, ReplyKind, TopicLink};
use crate::understanding::{
    Alternatives, Analysis, Analyzer, DetailReader, PhraseSet, TokenText, normalize,
};
use regex::Regex;
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The longest message the engine reads, in characters.
pub const MAX_QUESTION_CHARS: usize = 1000;
/// Below this confidence the engine does not guess.
pub const CONFIDENCE_THRESHOLD: f64 = 0.35;
/// A message with no more terms than this, carrying a detail and matching
/// no topic well, is read as giving details ("I'm in Ohio", "5 yrs exp").
const MAX_TERMS_OF_A_DETAIL_MESSAGE: usize = 3;
/// How many closest topics a fallback offers.
const FALLBACK_SUGGESTIONS: usize = 3;

/// A message after the understanding stage.
struct Understood {
    normalized: String,
    text: TokenText,
    analysis: Analysis,
    details: Profile,
    /// Places or employer types the message compares, if any.
    alternatives: Alternatives,
}

/// What `Engine::explain` reports.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub normalized: String,
    pub terms: Vec<String>,
    pub corrections: Vec<(String, String)>,
    pub details: Vec<String>,
    /// The best candidates: entry ids, or `off_topic:ID`, with scores.
    pub candidates: Vec<(String, f64)>,
    pub confidence: f64,
    pub evidence: crate::matching::Evidence,
}

/// The answering engine, built once from a knowledge base.
pub struct Engine {
    kb: KnowledgeBase,
    analyzer: Analyzer,
    index: Index,
    details: DetailReader,
    pay_terms: HashSet<String>,
    /// Phrases that ask for pay by the hour ("per hour", "hourly").
    hourly_words: PhraseSet<()>,
    other_roles: PhraseSet<usize>,
    role_words: PhraseSet<()>,
    /// Off-topic triggers → the index of their group.
    off_topic_triggers: PhraseSet<usize>,
    /// Terms that only ever name a place or a length of time ("boston",
    /// "ohio", "year"): a message of nothing else is giving details.
    detail_terms: HashSet<String>,
}

impl Engine {
    /// Load the knowledge base from `dir` and build the engine.
    pub fn load(dir: impl AsRef<Path>) -> Result<Engine, KnowledgeError> {
        Ok(Engine::new(KnowledgeBase::load(dir)?))
    }

    /// Build the engine's indexes over a loaded knowledge base.
    pub fn new(kb: KnowledgeBase) -> Engine {
        Engine::with_params(kb, crate::matching::Params::default())
    }

    /// Build with other matching parameters (for tuning them).
    pub fn with_params(kb: KnowledgeBase, params: crate::matching::Params) -> Engine {
        let (analyzer, index) = Engine::build_index(&kb, params);
        let details = DetailReader::new(&kb);
        let detail_terms = Engine::detail_terms(&kb, &analyzer);
        let pay_terms = kb
            .lexicon
            .pay_words
            .iter()
            .map(|w| analyzer.stem(w))
            .collect();
        let hourly_words = PhraseSet::new(kb.lexicon.hourly_words.iter().map(|w| (w.clone(), ())));
        let other_roles = PhraseSet::new(
            kb.scope
                .other_roles
                .iter()
                .enumerate()
                .map(|(i, r)| (r.clone(), i)),
        );
        let role_words = PhraseSet::new(kb.scope.role_words.iter().map(|w| (w.clone(), ())));
        let off_topic_triggers = PhraseSet::new(
            kb.scope
                .off_topic
                .iter()
                .enumerate()
                .flat_map(|(i, group)| group.triggers.iter().map(move |t| (t.clone(), i))),
        );
        Engine {
            kb,
            analyzer,
            index,
            details,
            pay_terms,
            hourly_words,
            other_roles,
            role_words,
            off_topic_triggers,
            detail_terms,
        }
    }

    /// The terms of every place name the knowledge base knows, plus the
    /// words for lengths of time.
    fn detail_terms(kb: &KnowledgeBase, analyzer: &Analyzer) -> HashSet<String> {
        let places = kb
            .place_names()
            .chain(kb.places.rural.iter().map(String::as_str));
        let time = ["years", "year", "yrs", "yr", "months", "experience", "exp"];
        places
            .chain(time)
            .flat_map(|text| analyzer.analyze(&normalize(text)).terms)
            .collect()
    }

    /// The analyzer and the search index, with every knowledge text
    /// normalized once and shared by both.
    fn build_index(kb: &KnowledgeBase, params: crate::matching::Params) -> (Analyzer, Index) {
        let known_texts: Vec<&str> = kb
            .entries
            .iter()
            .flat_map(|e| {
                e.phrasings
                    .iter()
                    .chain(&e.keywords)
                    .map(String::as_str)
                    .chain([e.title.as_str(), e.answer.as_str()])
            })
            .chain(
                kb.scope
                    .off_topic
                    .iter()
                    .flat_map(|o| o.phrasings.iter().chain(&o.keywords))
                    .map(String::as_str),
            )
            .collect();
        // Place names are known words too: a city is a detail, never a
        // typo of some other word.
        let known_texts: Vec<&str> = known_texts.into_iter().chain(kb.place_names()).collect();
        // Normalize every knowledge text once; the analyzer's vocabulary and
        // the index both read them.
        let cache: HashMap<&str, String> = known_texts.iter().map(|t| (*t, normalize(t))).collect();
        let analyzer = Analyzer::new(&kb.lexicon, cache.values().map(String::as_str));
        let normalized = |text: &str| match cache.get(text) {
            Some(done) => done.clone(),
            None => normalize(text),
        };
        let index = Index::build(kb, &analyzer, params, &normalized);
        (analyzer, index)
    }

    pub fn knowledge(&self) -> &KnowledgeBase {
        &self.kb
    }

    /// Answer one message on its own.
    pub fn answer(&self, question: &str) -> Reply {
        self.answer_with(question, &Profile::default())
    }

    /// Answer one message, using details remembered from earlier messages.
    pub fn answer_with(&self, question: &str, memory: &Profile) -> Reply {
        let replies = &self.kb.replies;
        let length = question.chars().count();
        if length > MAX_QUESTION_CHARS {
            return Reply::simple(
                ReplyKind::Notice,
                replies.titles.too_long.clone(),
                fill(
                    &replies.too_long,
                    &[("limit", &MAX_QUESTION_CHARS.to_string())],
                ),
            );
        }
        let Understood {
            normalized,
            text,
            analysis,
            details: found,
            alternatives,
        } = self.understand(question);
        if text.tokens.is_empty() {
            return Reply::simple(
                ReplyKind::Notice,
                replies.titles.empty.clone(),
                replies.empty.clone(),
            );
        }

        let merged = memory.merged_with(&found);

        let package = compensation::read_package(&normalized);
        if package.is_calculation() {
            let mut reply = self.calculation_reply(&package);
            reply.confidence = 0.9;
            reply.new_details = found;
            return reply;
        }

        // A dollar amount ("is 52k good?") asks about pay as much as a pay word.
        let asks_pay =
            analysis.terms.iter().any(|t| self.pay_terms.contains(t)) || normalized.contains('$');
        let their_pay = package
            .base
            .or_else(|| self.yearly_from_hourly_rate(&normalized))
            .filter(|pay| crate::domain::PAY_RANGE.contains(pay));
        let view = EstimateView {
            hourly: self.hourly_words.contains_any(&text),
            their_pay,
        };
        let about_role = self.role_words.contains_any(&text);

        if !about_role && let Some(role) = self.other_roles.find_longest(&text).first() {
            let name = &self.kb.scope.other_roles[role.label];
            let mut reply = Reply::simple(
                ReplyKind::OtherRole,
                replies.titles.other_role.clone(),
                fill(&replies.other_role, &[("role", name)]),
            );
            reply.confidence = 0.9;
            reply.suggestions =
                self.links(replies.suggestions.other_role.iter().map(String::as_str));
            return reply;
        }

        let ranking = self.index.rank(&analysis.terms);
        let trigger = self
            .off_topic_triggers
            .find_longest(&text)
            .first()
            .map(|t| t.label)
            .or_else(|| self.arithmetic(&normalized));
        if let Some(group) = trigger {
            let group = &self.kb.scope.off_topic[group];
            let mut reply = self.fallback(&ranking, Some(&group.reply));
            reply.kind = ReplyKind::OutOfScope;
            reply.confidence = 0.9;
            return reply;
        }

        // "hi", "thanks", "hello there": only small words, nothing to match
        // and no detail. A greeting and a nudge, not "I don't know".
        if analysis.terms.is_empty() && !found.affects_estimate() && !normalized.contains('$') {
            return Reply::simple(
                ReplyKind::Notice,
                replies.titles.greeting.clone(),
                replies.greeting.clone(),
            );
        }

        let confident = ranking.confidence >= CONFIDENCE_THRESHOLD;
        let follow_up = memory.affects_estimate() && self.is_follow_up(&text);
        // Profile make an estimate when pay is asked, when they continue an
        // estimate, or when they are most of what the message says ("5 years,
        // CMAA, Boston, hospital"). A question that only mentions a detail
        // ("does a CPCT help?") gets its topic instead.
        let kinds = detail_kinds(&found);
        // "Boston?", "what about in Ohio", "5 years of experience": nothing
        // but a place or a length of time.
        let only_place_or_time = (found.location.is_some() || found.experience.is_some())
            && analysis.terms.iter().all(|t| self.detail_terms.contains(t));
        let mostly_details = kinds >= 3
            || only_place_or_time
            || (!confident
                && (kinds >= 2 || analysis.terms.len() <= MAX_TERMS_OF_A_DETAIL_MESSAGE));
        if found.affects_estimate() && (asks_pay || follow_up || mostly_details) {
            let confidence = if asks_pay { 0.9 } else { 0.75 };
            if !alternatives.is_empty() {
                // "Does Boston pay more than Denver?": one estimate per place
                // (or employer type), side by side, not one for the last
                // named. Which is the person's own is not said: remember
                // neither.
                let mut reply = self.comparison_reply(&merged, &alternatives, view);
                reply.confidence = confidence;
                reply.new_details = alternatives.shared(&found);
                return reply;
            }
            let mut reply = self.estimate_reply_for(&merged, view);
            reply.confidence = confidence;
            reply.new_details = found;
            return reply;
        }

        match ranking.best() {
            Some(best) if confident => match best.candidate {
                Candidate::Entry(position) => {
                    let entry = &self.kb.entries[position];
                    let mut reply = self.entry_reply(entry);
                    reply.confidence = ranking.confidence;
                    if asks_pay && memory.affects_estimate() && entry.id.starts_with("pay.") {
                        // "and the pay?" after details: the estimate is the answer.
                        let mut estimate = self.estimate_reply_for(&merged, view);
                        estimate.confidence = ranking.confidence;
                        estimate.new_details = found;
                        return estimate;
                    }
                    reply.new_details = found;
                    reply
                }
                Candidate::OffTopic(position) => {
                    let group = &self.kb.scope.off_topic[position];
                    let mut reply = self.fallback(&ranking, Some(&group.reply));
                    reply.kind = ReplyKind::OutOfScope;
                    reply.confidence = ranking.confidence;
                    reply
                }
            },
            _ => {
                let mut reply = self.fallback(&ranking, None);
                reply.new_details = found;
                reply
            }
        }
    }

    /// The understanding stage: normalized text, its tokens and terms, and
    /// the details it gives. `answer_with` and `explain` both start here.
    fn understand(&self, question: &str) -> Understood {
        // Capital letters matter to some details ("Mobile, AL", "BA"), so
        // the reader also gets the text as typed (in NFKC).
        let original: String = question.nfkc().collect();
        let normalized = normalize(question);
        let text = TokenText::new(&normalized);
        let analysis = self.analyzer.analyze(&normalized);
        let (details, alternatives) = self.details.read_compared(&original, &normalized);
        Understood {
            normalized,
            text,
            analysis,
            details,
            alternatives,
        }
    }

    /// How a message was understood and ranked, for `careerbot explain`:
    /// what a knowledge maintainer needs to see why a question matched.
    pub fn explain(&self, question: &str) -> Explanation {
        let Understood {
            normalized,
            analysis,
            details,
            ..
        } = self.understand(question);
        let ranking = self.index.rank(&analysis.terms);
        let candidates = ranking
            .scored
            .iter()
            .take(5)
            .map(|s| {
                let name = match s.candidate {
                    Candidate::Entry(i) => self.kb.entries[i].id.clone(),
                    Candidate::OffTopic(i) => {
                        format!("off_topic:{}", self.kb.scope.off_topic[i].id)
                    }
                };
                (name, s.score)
            })
            .collect();
        Explanation {
            normalized,
            terms: analysis.terms,
            corrections: analysis.corrections,
            details: self.describe(&details),
            candidates,
            confidence: ranking.confidence,
            evidence: ranking.evidence,
        }
    }

    /// "17 times 23", "12 x 4", "100 divided by 5": a sum to work out, not
    /// a career question. Answered by the off-topic group `math` if the
    /// knowledge base has one.
    fn arithmetic(&self, normalized: &str) -> Option<usize> {
        static SUM: LazyLock<Regex> = LazyLock::new(|| {
            Regex::new(r"\b\d+(?:\.\d+)?\s*(?:times|x|\*|plus|\+|minus|divided by|over|/)\s*\d+(?:\.\d+)?\s*(?:\?|=|$)")
                .expect("a valid pattern")
        });
        if !SUM.is_match(normalized) {
            return None;
        }
        self.kb
            .scope
            .off_topic
            .iter()
            .position(|group| group.id == "math")
    }

    /// A short message, or one opening like "what about", after an estimate.
    fn is_follow_up(&self, text: &TokenText) -> bool {
        text.tokens.len() <= 4
            || self
                .kb
                .lexicon
                .follow_up_openers
                .iter()
                .any(|opener| text.joined.starts_with(&format!(" {opener} ")))
    }

    /// The details in a piece of text, such as a form field ("Boston",
    /// "CMAA, CPCT"), without answering it.
    pub fn read_details(&self, text: &str) -> Profile {
        self.details.read(text, &normalize(text))
    }

    /// The reply for a shortcut command (`duties` for `/duties`), if the
    /// knowledge base defines one by that name.
    pub fn shortcut(&self, name: &str) -> Option<Reply> {
        let shortcut = self.kb.replies.shortcut(name)?;
        self.topic(&shortcut.topic)
    }

    /// The reply for one entry, by id (slash commands, buttons).
    pub fn topic(&self, id: &str) -> Option<Reply> {
        self.kb.entry(id).map(|entry| {
            let mut reply = self.entry_reply(entry);
            reply.confidence = 1.0;
            reply
        })
    }

    fn entry_reply(&self, entry: &Entry) -> Reply {
        let mut reply = Reply::simple(ReplyKind::Answer, entry.title.clone(), entry.answer.clone());
        reply.topic = Some(entry.id.clone());
        reply.sources = self.kb.citations(&entry.sources);
        reply.suggestions = self.links(entry.related.iter().map(String::as_str));
        reply
    }

    /// A salary estimate for the given details, explained.
    pub fn estimate_reply(&self, details: &Profile) -> Reply {
        self.estimate_reply_for(details, EstimateView::default())
    }

    /// A salary estimate, shown as the question asked for it: with hourly
    /// figures, and against the person's own pay, when given.
    pub fn estimate_reply_for(&self, details: &Profile, view: EstimateView) -> Reply {
        let replies = &self.kb.replies;
        let estimate = estimate::estimate(&self.kb, details);
        let mut body = fill(
            &replies.estimate_summary,
            &[
                ("low", &dollars(estimate.low)),
                ("high", &dollars(estimate.high)),
                ("mid", &dollars(estimate.mid)),
            ],
        );
        if view.hourly {
            let line = self.in_hourly(&replies.estimate_hourly, &estimate);
            body.push_str(&format!("\n\n{line}"));
        }
        if let Some(pay) = view.their_pay {
            body.push_str(&format!("\n\n{}", self.pay_position(pay, &estimate)));
        }
        let next = if estimate.factors.is_empty() {
            fill(
                &replies.estimate_national,
                &[("national", &self.kb.model.national.note)],
            )
        } else {
            fill(
                &replies.estimate_start,
                &[("baseline", &dollars(estimate.baseline))],
            )
        };
        body.push_str(&format!("\n\n{next}"));
        if let Some(local) = &estimate.local
            && let Some(median) = local.median
        {
            let range = match (local.p25, local.p75) {
                (Some(p25), Some(p75)) => fill(
                    &replies.estimate_local_range,
                    &[("p25", &dollars(p25 as i64)), ("p75", &dollars(p75 as i64))],
                ),
                _ => String::new(),
            };
            let line = fill(
                &replies.estimate_local,
                &[
                    ("year", &self.kb.model.location.bls_year.to_string()),
                    ("area", &local.area),
                    ("median", &dollars(median as i64)),
                    ("range", &range),
                ],
            );
            body.push_str(&format!("\n\n{line}"));
        }
        let notes = self.estimate_notes(details, &estimate.missing);
        let mut reply = Reply::simple(ReplyKind::Estimate, replies.titles.estimate.clone(), body);
        reply.topic = Some("salary.estimate".to_string());
        reply.confidence = 1.0;
        reply.sources = self.kb.citations(&estimate.sources);
        reply.notes = notes;
        let mut related: Vec<&str> = Vec::new();
        if let Some(cert) = details.certifications.first()
            && let Some(c) = self.kb.model.certification(cert)
        {
            related.push(&c.topic);
        }
        if let Some(employer) = &details.employer
            && let Some(e) = self.kb.model.employer(employer)
        {
            related.push(&e.topic);
        }
        related.extend(replies.suggestions.estimate.iter().map(String::as_str));
        related.truncate(3);
        reply.suggestions = self.links(related);
        reply.estimate = Some(estimate);
        reply.their_pay = view.their_pay;
        reply.details_used = details.clone();
        reply
    }

    /// A template filled with an estimate's figures by the hour: `{low}`,
    /// `{high}`, `{mid}`, and `{hours}` (paid hours a year).
    fn in_hourly(&self, template: &str, estimate: &Estimate) -> String {
        let hours = self.kb.model.national.paid_hours_per_year;
        fill(
            template,
            &[
                ("low", &hourly_dollars(estimate.low, hours)),
                ("high", &hourly_dollars(estimate.high, hours)),
                ("mid", &hourly_dollars(estimate.mid, hours)),
                ("hours", &crate::domain::grouped(hours.round() as u64)),
            ],
        )
    }

    /// The lines under an estimate: the details it used, what would
    /// sharpen it, and the caveats.
    fn estimate_notes(&self, used: &Profile, missing: &[&str]) -> Vec<String> {
        let replies = &self.kb.replies;
        let mut notes = Vec::new();
        let described = self.describe(used);
        if !described.is_empty() {
            notes.push(fill(
                &replies.using_details,
                &[("details", &described.join(", "))],
            ));
        }
        if !missing.is_empty() {
            notes.push(fill(&replies.sharpen, &[("missing", &join_words(missing))]));
        }
        notes.extend(replies.estimate_caveats.iter().cloned());
        notes
    }

    /// An hourly rate in the words ("$22/hr", "22.50 an hour"), as yearly
    /// pay over the model's paid hours.
    fn yearly_from_hourly_rate(&self, normalized: &str) -> Option<i64> {
        for caps in HOURLY_AMOUNT.captures_iter(normalized) {
            let (Some(whole), Ok(rate)) = (caps.get(0), caps[1].parse::<f64>()) else {
                continue;
            };
            let after = &normalized[whole.end()..];
            if after.starts_with([',', '.', '%']) {
                continue; // "22,000", "22.5.1", "22%"
            }
            // "$22/hr", "$22/hour": the slash form; otherwise an hourly
            // phrase must come right after the number.
            let per_hour = match after.strip_prefix('/') {
                Some(unit) => matches!(
                    TokenText::new(unit).tokens.first().map(String::as_str),
                    Some("hr" | "hour" | "h")
                ),
                None => (self
                    .hourly_words
                    .find_longest(&TokenText::new(after))
                    .iter())
                .any(|f| f.start == 0),
            };
            if per_hour && (5.0..=500.0).contains(&rate) {
                let hours = self.kb.model.national.paid_hours_per_year;
                return Some((rate * hours).round() as i64);
            }
        }
        None
    }

    /// Where the person's own pay sits against an estimate: below its range,
    /// in its lower or upper half, about typical, or above it.
    fn pay_position(&self, pay: i64, estimate: &Estimate) -> String {
        let words = &self.kb.replies.your_pay;
        let near = (estimate.mid as f64 * NEAR_TYPICAL_SHARE).round() as i64;
        let (template, gap) = if pay < estimate.low {
            (&words.below, estimate.low - pay)
        } else if pay > estimate.high {
            (&words.above, pay - estimate.high)
        } else if (pay - estimate.mid).abs() <= near {
            (&words.typical, 0)
        } else if pay < estimate.mid {
            (&words.lower_half, estimate.mid - pay)
        } else {
            (&words.upper_half, pay - estimate.mid)
        };
        fill(
            template,
            &[("yours", &dollars(pay)), ("gap", &dollars(gap))],
        )
    }

    /// Estimates for each place or employer type in `alternatives`, side by
    /// side, everything else taken from `details`: the answer to "does
    /// Boston pay more than Denver?". When as many places as employer types
    /// are named ("a hospital in Boston or a clinic in Denver"), they pair
    /// up in order; otherwise places are compared, and an employer type
    /// named among them is left out rather than pinned to one of them.
    pub fn comparison_reply(
        &self,
        details: &Profile,
        alternatives: &Alternatives,
        view: EstimateView,
    ) -> Reply {
        let replies = &self.kb.replies;
        let (places, employers) = (&alternatives.places, &alternatives.employers);
        let place = |p: &Place| Profile {
            location: Some(p.clone()),
            ..Profile::default()
        };
        let employer = |e: &crate::domain::EmployerId| Profile {
            employer: Some(e.clone()),
            ..Profile::default()
        };
        let (intro, named): (&str, Vec<Profile>) = if places.len() >= 2 {
            let paired = employers.len() == places.len();
            let options = (places.iter().enumerate())
                .map(|(i, p)| match paired {
                    true => place(p).merged_with(&employer(&employers[i])),
                    false => place(p),
                })
                .collect();
            (&replies.comparison_places, options)
        } else {
            let options = employers.iter().map(employer).collect();
            (&replies.comparison_employers, options)
        };
        // What the options share: everything but what is compared.
        let shared = alternatives.shared(details);
        let compared: Vec<(String, Estimate)> = (named.iter().take(MAX_COMPARED))
            .map(|own| {
                let name = fit::capitalized(&self.describe(own).join(", "));
                (name, estimate::estimate(&self.kb, &shared.merged_with(own)))
            })
            .collect();

        let mut body = intro.to_string();
        body.push('\n');
        for (name, estimate) in &compared {
            let hourly = match view.hourly {
                true => self.in_hourly(&replies.comparison_hourly, estimate),
                false => String::new(),
            };
            body.push('\n');
            body.push_str(&fill(
                &replies.comparison_line,
                &[
                    ("name", name),
                    ("low", &dollars(estimate.low)),
                    ("high", &dollars(estimate.high)),
                    ("mid", &dollars(estimate.mid)),
                    ("hourly", &hourly),
                ],
            ));
        }
        let highest = compared.iter().max_by_key(|(_, e)| e.mid);
        let lowest = compared.iter().min_by_key(|(_, e)| e.mid);
        if let (Some((higher, top)), Some((lower, bottom))) = (highest, lowest) {
            let gap = top.mid - bottom.mid;
            let line = if gap == 0 {
                replies.comparison_even.clone()
            } else {
                let percent = (gap as f64 / bottom.mid.max(1) as f64 * 100.0).round();
                fill(
                    &replies.comparison_gap,
                    &[
                        ("higher", higher),
                        ("lower", lower),
                        ("gap", &dollars(gap)),
                        ("percent", &format!("{percent:.0}%")),
                    ],
                )
            };
            body.push_str(&format!("\n\n{line}"));
        }
        if let Some(pay) = view.their_pay {
            for (name, estimate) in &compared {
                let position = self.pay_position(pay, estimate);
                let line = fill(
                    &replies.comparison_your_pay,
                    &[("name", name), ("position", &position)],
                );
                body.push_str(&format!("\n\n{line}"));
            }
        }

        let missing = compared.first().map_or(&[][..], |(_, e)| &e.missing[..]);
        let mut notes = self.estimate_notes(&shared, missing);
        if named.len() > compared.len() {
            let cut = fill(
                &replies.comparison_cut,
                &[
                    ("shown", &compared.len().to_string()),
                    ("named", &named.len().to_string()),
                ],
            );
            notes.insert(0, cut);
        }
        let mut reply = Reply::simple(
            ReplyKind::Comparison,
            replies.titles.comparison.clone(),
            body,
        );
        reply.topic = Some("salary.estimate".to_string());
        reply.confidence = 1.0;
        reply.sources = self
            .kb
            .citations(compared.iter().flat_map(|(_, e)| &e.sources));
        reply.notes = notes;
        reply.suggestions = self.links(replies.suggestions.comparison.iter().map(String::as_str));
        reply.details_used = shared;
        reply
    }

    /// The total-compensation calculation for a package.
    pub fn calculation_reply(&self, package: &PackageQuestion) -> Reply {
        let Some(total) = compensation::calculate(package, &self.kb.model.retirement) else {
            return self.topic("compensation.calculator").unwrap_or_else(|| {
                Reply::simple(
                    ReplyKind::Notice,
                    "Total compensation",
                    "Tell me your base salary.",
                )
            });
        };
        let mut reply = Reply::simple(
            ReplyKind::Calculation,
            self.kb.replies.titles.calculation.clone(),
            calculation_text(&total),
        );
        reply.topic = Some("compensation.calculator".to_string());
        reply.confidence = 1.0;
        reply.notes = total
            .assumptions
            .iter()
            .map(|a| format!("Assumed: {a}."))
            .chain(self.kb.replies.calculator_notes.iter().cloned())
            .collect();
        reply.sources = self.kb.citations(&self.kb.model.retirement.sources);
        reply.suggestions = self.links(
            self.kb
                .replies
                .suggestions
                .calculation
                .iter()
                .map(String::as_str),
        );
        reply.calculation = Some(total);
        reply
    }

    fn fallback(&self, ranking: &Ranking, reason: Option<&str>) -> Reply {
        let closest: Vec<&Entry> = ranking
            .scored
            .iter()
            .filter_map(|s| match s.candidate {
                Candidate::Entry(i) => Some(&self.kb.entries[i]),
                Candidate::OffTopic(_) => None,
            })
            .take(FALLBACK_SUGGESTIONS)
            .collect();
        let closest: Vec<&Entry> = if closest.is_empty() {
            self.kb
                .replies
                .suggestions
                .fallback
                .iter()
                .filter_map(|id| self.kb.entry(id))
                .collect()
        } else {
            closest
        };
        let titles: Vec<String> = closest.iter().map(|e| e.title.clone()).collect();
        let mut body = fill(&self.kb.replies.fallback, &[("topics", &titles.join("; "))]);
        if let Some(reason) = reason {
            body = format!("{reason}\n\n{body}");
        }
        let mut reply = Reply::simple(
            ReplyKind::Fallback,
            self.kb.replies.fallback_title.clone(),
            body,
        );
        reply.confidence = ranking.confidence;
        reply.suggestions = closest
            .iter()
            .map(|e| TopicLink {
                id: e.id.clone(),
                title: e.title.clone(),
            })
            .collect();
        reply
    }

    fn links<'a>(&self, ids: impl IntoIterator<Item = &'a str>) -> Vec<TopicLink> {
        ids.into_iter()
            .filter_map(|id| self.kb.entry(id))
            .map(|e| TopicLink {
                id: e.id.clone(),
                title: e.title.clone(),
            })
            .collect()
    }

    /// Profile in words: "5 years of experience", "CMAA", "Boston-...".
    pub fn describe(&self, details: &Profile) -> Vec<String> {
        let model = &self.kb.model;
        let mut words = Vec::new();
        match details.experience {
            Some(Experience::Years(1.0)) => words.push("1 year of experience".to_string()),
            Some(Experience::Years(y)) if y.fract() == 0.0 => {
                words.push(format!("{y:.0} years of experience"))
            }
            Some(Experience::Years(y)) => words.push(format!("{y:.1} years of experience")),
            Some(Experience::Entry) => words.push("entry level".to_string()),
            Some(Experience::Senior) => words.push("senior level".to_string()),
            None => {}
        }
        if let Some(level) = details
            .education
            .as_ref()
            .and_then(|id| model.education_level(id))
        {
            words.push(level.label.clone());
        }
        for id in &details.certifications {
            if let Some(c) = model.certification(id) {
                words.push(c.label.split(" (").next().unwrap_or(&c.label).to_string());
            }
        }
        for id in &details.pending_certifications {
            if let Some(c) = model.certification(id) {
                words.push(format!(
                    "working toward {}",
                    c.label.split(" (").next().unwrap_or(&c.label)
                ));
            }
        }
        if details.no_certifications {
            words.push("no certifications".to_string());
        }
        match &details.location {
            Some(Place::Metro { name, .. }) => words.push(name.clone()),
            Some(Place::State { name, .. }) => words.push(name.clone()),
            Some(Place::Rural { state: Some(s) }) => words.push(format!("rural {s}")),
            Some(Place::Rural { state: None }) => words.push("a rural area".to_string()),
            None => {}
        }
        if let Some(employer) = details.employer.as_ref().and_then(|id| model.employer(id)) {
            words.push(employer.label.clone());
        }
        if details.supervisory {
            words.push("supervisory duties".to_string());
        }
        words
    }
}

fn calculation_text(total: &PackageTotal) -> String {
    let mut lines = vec![format!("- Base salary: {}", dollars(total.base))];
    if total.match_pct > 0.0 || total.contribution_pct > 0.0 {
        lines.push(format!(
            "- You put in {}% = {} a year",
            trim_number(total.contribution_pct),
            dollars(total.employee_contribution)
        ));
        lines.push(format!(
            "- Employer match: {}% of your contributions, on up to {}% of pay = {}",
            trim_number(total.match_pct),
            trim_number(total.cap_pct),
            signed_dollars(total.employer_match)
        ));
    }
    if total.bonus > 0 {
        lines.push(format!("- Bonus: {}", signed_dollars(total.bonus)));
    }
    format!(
        "{}\n\n**Total: {} a year** (base + employer match + bonus; your own contributions come out of your base).",
        lines.join("\n"),
        dollars(total.total)
    )
}

fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 {
        format!("{value:.0}")
    } else {
        format!("{value:.1}")
    }
}

/// A number that may be an hourly rate: "$22", "22.50" (not "22k", "22%"
/// or part of "22,000").
static HOURLY_AMOUNT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\$?\b(\d{1,3}(?:\.\d{1,2})?)\b").expect("a valid pattern"));

/// Pay within this share of an estimate's typical figure counts as typical.
const NEAR_TYPICAL_SHARE: f64 = 0.03;

/// How a question asked for its estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct EstimateView {
    /// "Per hour": show hourly figures too.
    pub hourly: bool,
    /// The person's own yearly pay ("I make 42k"), to place on the range.
    pub their_pay: Option<i64>,
}

/// The most places or employer types one comparison shows.
const MAX_COMPARED: usize = 4;

fn join_words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn detail_kinds(details: &Profile) -> usize {
    [
        details.experience.is_some(),
        details.education.is_some(),
        !details.certifications.is_empty() || details.no_certifications,
        details.location.is_some(),
        details.employer.is_some(),
        details.supervisory,
    ]
    .iter()
    .filter(|x| **x)
    .count()
}
