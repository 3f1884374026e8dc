//! The engine: one message in, one [`Reply`] out.
//!
//! Data flows one way: text → [`Understood`] (words, names, details,
//! intent, evidence) → the reply builder for its intent → [`Reply`]. The
//! engine knows nothing of Discord or the terminal; front ends call
//! [`Engine::answer`] (or the direct entry points for slash commands and
//! forms) and render what comes back.

use crate::answer;
use crate::domain::{MAX_EXPERIENCE_YEARS, PAY_RANGE, Profile};
use crate::knowledge::{KnowledgeBase, KnowledgeError, fill};
use crate::matching::{Candidate, Index};
use crate::reply::{Reply, ReplyKind};
use crate::understanding::{Analyzer, DetailReader, Understander, Understood, normalize};
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

/// The longest message the engine reads, in characters.
pub const MAX_QUESTION_CHARS: usize = 1000;
/// Below this confidence the engine does not guess.
pub const CONFIDENCE_THRESHOLD: f64 = 0.35;

/// What `Engine::explain` reports.
#[derive(Debug, Clone)]
pub struct Explanation {
    pub normalized: String,
    pub intent: &'static str,
    pub cues: crate::understanding::Cues,
    pub terms: Vec<String>,
    pub corrections: Vec<(String, String)>,
    pub details: Vec<String>,
    pub entities: Vec<String>,
    pub evidence: crate::understanding::TopicEvidence,
    /// The best candidates: entry ids, or `off_topic:ID`, with scores.
    pub candidates: Vec<(String, f64)>,
    pub confidence: f64,
    pub ranking: crate::matching::Evidence,
    /// The message asks about pay or the job.
    pub asks_pay_or_job: bool,
    /// The best candidate is an off-topic group.
    pub off_topic_first: bool,
}

/// Below this ranking confidence, no entry is close enough to suggest a
/// question's phrasing for.
const SUGGEST_CONFIDENCE: f64 = 0.2;

/// What to do about a question careerbot declined or was unsure of.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "snake_case", tag = "action")]
pub enum Suggestion {
    /// Add the question as a phrasing of this entry.
    AddPhrasing { topic: String, file: String },
    /// It is outside the role: nothing to do.
    OffTopic,
    /// Nothing close: consider a new entry.
    NewEntry,
}

/// An entry's file as the knowledge keeper knows it: `knowledge/pay.toml`.
fn entry_file(entry: &crate::knowledge::Entry) -> String {
    let name = entry.file.file_name().map_or_else(
        || entry.file.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    );
    format!("knowledge/{name}")
}

/// The answering engine, built once from a knowledge base.
pub struct Engine {
    kb: KnowledgeBase,
    understander: Understander,
    index: Index,
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
        // Startup time is a target: what does not depend on the analyzer
        // (the detail reader) is built on a second thread meanwhile.
        let (index, understander) = std::thread::scope(|scope| {
            let details = scope.spawn(|| DetailReader::new(&kb));
            let (analyzer, index) = Engine::analyzer_and_index(&kb, params);
            let details = details.join().unwrap_or_else(|_| DetailReader::new(&kb));
            (index, Understander::with_details(&kb, analyzer, details))
        });
        Engine {
            kb,
            understander,
            index,
        }
    }

    /// The analyzer, taught the knowledge base's words, and the index.
    fn analyzer_and_index(
        kb: &KnowledgeBase,
        params: crate::matching::Params,
    ) -> (Analyzer, Index) {
        // Every knowledge text is normalized once; the analyzer's
        // vocabulary, its domain counts and the index all read them.
        let entry_texts: Vec<&str> = (kb.entries.iter())
            .flat_map(|e| {
                (e.phrasings.iter().chain(&e.keywords))
                    .map(String::as_str)
                    .chain([e.title.as_str(), e.answer.as_str()])
            })
            .chain(
                kb.entities
                    .all()
                    .flat_map(|e| e.aliases.iter().map(String::as_str)),
            )
            .collect();
        let off_topic_texts: Vec<&str> = (kb.scope.off_topic.iter())
            .flat_map(|o| o.phrasings.iter().chain(&o.keywords))
            .map(String::as_str)
            .collect();
        // The words of a pay package ("caped at", "offerd") are read as
        // written, so they are never "corrected" away before the package
        // reader sees them.
        let package_words = (kb.package_words.lists().into_iter())
            .flat_map(|(_, list)| list.iter().map(String::as_str));
        let known: Vec<&str> = (entry_texts.iter().copied())
            .chain(off_topic_texts.iter().copied())
            .chain(kb.place_names())
            .chain(package_words)
            .collect();
        let cache: HashMap<&str, String> = known.iter().map(|t| (*t, normalize(t))).collect();
        let mut analyzer = Analyzer::new(
            &kb.lexicon,
            cache.values().map(String::as_str),
            Arc::clone(&kb.english),
        );
        // What the role's knowledge says (titles, answers, keywords, names),
        // not how people ask for it: phrasings repeat everyday question words.
        let said: Vec<&str> = (kb.entries.iter())
            .flat_map(|e| {
                (e.keywords.iter().map(String::as_str)).chain([e.title.as_str(), e.answer.as_str()])
            })
            .chain(
                kb.entities
                    .all()
                    .flat_map(|e| e.aliases.iter().map(String::as_str)),
            )
            .collect();
        analyzer.count_domain_texts(said.iter().map(|t| cache[t].as_str()));
        analyzer.note_off_topic_texts(off_topic_texts.iter().map(|t| cache[t].as_str()));
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

    pub(crate) fn index(&self) -> &Index {
        &self.index
    }

    pub(crate) fn understander(&self) -> &Understander {
        &self.understander
    }

    /// Answer one message on its own.
    pub fn answer(&self, question: &str) -> Reply {
        self.answer_with(question, &Profile::default())
    }

    /// Answer one message, using details remembered from earlier messages.
    pub fn answer_with(&self, question: &str, details: &Profile) -> Reply {
        self.answer_in(question, &answer::Memory::of(details))
    }

    /// Answer one message in a conversation: with the details, the last
    /// topic and the package terms remembered from earlier messages.
    pub fn answer_in(&self, question: &str, memory: &answer::Memory) -> Reply {
        let replies = &self.kb.replies;
        if question.chars().count() > MAX_QUESTION_CHARS {
            return Reply::simple(
                ReplyKind::Notice,
                replies.titles.too_long.clone(),
                fill(
                    &replies.too_long,
                    &[("limit", &MAX_QUESTION_CHARS.to_string())],
                ),
            );
        }
        // "help", "duties": a shortcut's name alone opens its topic.
        let bare = question
            .trim()
            .trim_end_matches(['?', '!', '.'])
            .to_lowercase();
        if let Some(reply) = self.shortcut(bare.trim_start_matches('/')) {
            return reply;
        }
        let understood = self.understand(question);
        if understood.text.tokens.is_empty() {
            return Reply::simple(
                ReplyKind::Notice,
                replies.titles.empty.clone(),
                replies.empty.clone(),
            );
        }
        answer::route(self, &understood, memory)
    }

    /// Understand a message without answering it.
    pub fn understand(&self, question: &str) -> Understood {
        self.understander.understand(question)
    }

    /// How a question was understood and ranked, for `careerbot explain`:
    /// what a knowledge maintainer needs to see why a question matched.
    pub fn explain(&self, question: &str) -> Explanation {
        let understood = self.understand(question);
        let ranking = answer::rank(self, &understood, &[]);
        let candidates = (ranking.scored.iter().take(5))
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
        let described = answer::describe(self, &understood.profile);
        Explanation {
            normalized: understood.normalized.clone(),
            intent: understood.intent.name(),
            cues: understood.cues,
            terms: understood.analysis.terms.clone(),
            corrections: understood.analysis.corrections.clone(),
            details: crate::render::words::describe(&self.kb.replies, &described),
            entities: understood
                .entities()
                .iter()
                .map(|e| e.to_string())
                .collect(),
            evidence: understood.evidence.clone(),
            candidates,
            confidence: ranking.confidence,
            ranking: ranking.evidence,
            asks_pay_or_job: understood.asks_pay || understood.asks_job,
            off_topic_first: ranking
                .best()
                .is_some_and(|b| matches!(b.candidate, Candidate::OffTopic(_))),
        }
    }

    /// A question as the review log may keep it: normalized, with every
    /// number and place masked, so no detail a person gave is stored.
    pub fn redacted(&self, question: &str) -> String {
        self.understander.redacted(question)
    }

    /// What the knowledge keeper could do about a question careerbot
    /// declined or was unsure of, judged by the matcher that answers.
    pub fn suggest(&self, question: &str) -> Suggestion {
        let reply = self.answer(question);
        if reply.kind == ReplyKind::OutOfScope {
            return Suggestion::OffTopic;
        }
        let understood = self.understand(question);
        let ranking = answer::rank(self, &understood, &[]);
        let closest = (ranking.scored.iter())
            .find_map(|s| match s.candidate {
                Candidate::Entry(i) => Some(&self.kb.entries[i]),
                Candidate::OffTopic(_) => None,
            })
            .filter(|_| ranking.confidence >= SUGGEST_CONFIDENCE);
        match (closest, ranking.best().map(|b| b.candidate)) {
            (_, Some(Candidate::OffTopic(_))) => Suggestion::OffTopic,
            (Some(entry), _) => Suggestion::AddPhrasing {
                topic: entry.id.clone(),
                file: entry_file(entry),
            },
            (None, _) => Suggestion::NewEntry,
        }
    }

    /// The details in a piece of text, such as a form field ("Boston",
    /// "CMAA, CPCT"), without answering it.
    pub fn read_details(&self, text: &str) -> Profile {
        self.understander.read_profile(text)
    }

    /// The pay package a text describes, read as the chat reads it.
    pub fn read_package(&self, text: &str) -> crate::compensation::PackageQuestion {
        self.understander.read_package(text)
    }

    /// An input that is exactly an education level's or employer type's
    /// id or name (a form's choice), else the details in its words.
    fn read_named(&self, text: &str) -> Profile {
        let entities = &self.kb.entities;
        let named = |kind| {
            (entities.of_kind(kind).iter()).find(|e| {
                e.id.id.eq_ignore_ascii_case(text)
                    || e.name.eq_ignore_ascii_case(text)
                    || e.label.eq_ignore_ascii_case(text)
            })
        };
        let mut profile = Profile::default();
        if let Some(level) = named(crate::domain::EntityKind::Education) {
            profile.education = Some(level.id.id.as_str().into());
        } else if let Some(employer) = named(crate::domain::EntityKind::Employer) {
            profile.employer = Some(employer.id.id.as_str().into());
        } else {
            profile = self.read_details(text);
        }
        profile
    }

    /// Resolve details given as separate inputs (a Discord form, command
    /// line flags, words) into one profile, with the same limits for every
    /// front end. Words are read first; each named input must say
    /// something careerbot recognises.
    pub fn resolve_profile(&self, input: &ProfileInput) -> Result<Profile, ProfileError> {
        let mut profile = match &input.words {
            Some(words) => {
                let understood = self.understand(words);
                let mut profile = understood.profile;
                profile.own_pay = understood.pay_figure;
                profile
            }
            None => Profile::default(),
        };
        if let Some(years) = input.experience_years {
            if !(0.0..=f64::from(MAX_EXPERIENCE_YEARS)).contains(&years) || years.is_nan() {
                return Err(ProfileError::ExperienceRange);
            }
            profile.experience = Some(crate::domain::Experience::Years(years));
        }
        let read = |text: &Option<String>| -> Option<(String, Profile)> {
            text.as_deref()
                .map(str::trim)
                .filter(|t| !t.is_empty())
                .map(|t| (t.to_string(), self.read_named(t)))
        };
        if let Some((typed, found)) = read(&input.education) {
            profile.education = Some(found.education.ok_or(ProfileError::Unknown {
                what: Field::Education,
                typed: typed.clone(),
            })?);
        }
        if let Some((typed, found)) = read(&input.location) {
            profile.location = Some(found.location.ok_or(ProfileError::Unknown {
                what: Field::Location,
                typed: typed.clone(),
            })?);
        }
        if let Some((typed, found)) = read(&input.employer) {
            profile.employer = Some(found.employer.ok_or(ProfileError::Unknown {
                what: Field::Employer,
                typed: typed.clone(),
            })?);
        }
        if let Some((typed, found)) = read(&input.certifications) {
            let none = typed.eq_ignore_ascii_case("none");
            if found.certifications.is_empty() && !found.no_certifications && !none {
                return Err(ProfileError::Unknown {
                    what: Field::Certifications,
                    typed: typed.clone(),
                });
            }
            profile.certifications = found.certifications;
            profile.no_certifications = found.no_certifications || none;
        }
        if let Some(pay) = input.pay {
            if !PAY_RANGE.contains(&pay) {
                return Err(ProfileError::PayRange);
            }
            profile.own_pay = Some(pay);
        }
        Ok(profile)
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
            let mut reply = answer::entry_reply(self, entry);
            reply.confidence = 1.0;
            reply
        })
    }

    /// A salary estimate for the given details, explained.
    pub fn estimate_reply(&self, details: &Profile) -> Reply {
        answer::estimate_reply(self, details, answer::EstimateView::default())
    }

    /// A salary estimate, shown as asked: by the hour, against the person's
    /// own pay, from an empty form.
    pub fn estimate_reply_for(&self, details: &Profile, view: answer::EstimateView) -> Reply {
        answer::estimate_reply(self, details, view)
    }

    /// Offers given one per field (Discord's `/offers` form): each text is
    /// read as the chat reads an offer ("48k, 100% match up to 4%, $1,000
    /// bonus, 15 days PTO, Denver"), named by its place in the form.
    /// Empty fields are skipped.
    pub fn offers_reply_for(&self, texts: &[&str]) -> Reply {
        let noun = (self.kb.package_words.offers.labels.first()).map_or("offer", String::as_str);
        let offers: Vec<crate::compensation::OfferTerms> = (texts.iter().enumerate())
            .filter(|(_, text)| !text.trim().is_empty())
            .map(|(i, text)| crate::compensation::OfferTerms {
                label: crate::domain::OfferLabel::default_at(i + 1, noun),
                package: self.understander.read_package(text),
                place: self.understander.read_profile(text).location,
            })
            .collect();
        let mut reply = answer::offers_reply(self, &offers);
        reply.intent = crate::understanding::Intent::Offers;
        reply
    }

    /// The total-compensation calculation for a package.
    pub fn calculation_reply(&self, package: &crate::compensation::PackageQuestion) -> Reply {
        answer::calculation_reply(self, package)
    }
}

/// Details as separate inputs: words, form options, flags. Every front end
/// fills in what it has and resolves it with [`Engine::resolve_profile`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ProfileInput {
    /// Details in words ("5 years, CMAA, Boston").
    pub words: Option<String>,
    pub experience_years: Option<f64>,
    pub education: Option<String>,
    pub location: Option<String>,
    pub employer: Option<String>,
    pub certifications: Option<String>,
    /// Yearly pay in dollars.
    pub pay: Option<i64>,
}

/// Which input could not be read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Education,
    Location,
    Employer,
    Certifications,
}

/// An input careerbot cannot use; worded by the front end from
/// `replies.toml` (`[form_errors]`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileError {
    /// Experience outside 0 to [`MAX_EXPERIENCE_YEARS`].
    ExperienceRange,
    /// Pay outside [`PAY_RANGE`].
    PayRange,
    /// Words that name nothing careerbot knows for this input.
    Unknown { what: Field, typed: String },
}
