//! One message, understood once: its words, the names in it, the details
//! it gives, what kind of question it is, and whether it is about the role
//! at all. Every reply builder reads this [`Understood`] value; none of them
//! reads the text again.

use super::analyzer::{Analysis, Analyzer};
use super::details::{Alternatives, DetailReader};
use super::entities::{EntityFinder, Mention, Named};
use super::evidence::{self, TopicEvidence};
use super::intent::{Cues, Facts, Intent, IntentReader, classify};
use super::normalize::normalize;
use super::offers::OfferReader;
use super::phrases::{PhraseSet, TokenText};
use crate::compensation::{OfferTerms, PackageQuestion, PackageReader};
use crate::domain::{EntityKind, OfferLabel, PAY_RANGE, Place, Profile};
use crate::knowledge::KnowledgeBase;
use regex::Regex;
use std::collections::HashSet;
use unicode_normalization::UnicodeNormalization;

/// A message after the understanding stage.
#[derive(Debug, Clone)]
pub struct Understood {
    pub normalized: String,
    pub text: TokenText,
    pub analysis: Analysis,
    pub intent: Intent,
    pub cues: Cues,
    /// Names of entities and kinds, in order.
    pub mentions: Vec<Mention>,
    /// The details this message gives.
    pub profile: Profile,
    /// Places or employer types the message compares, if it names two or
    /// more.
    pub alternatives: Alternatives,
    /// A pay package, when the message describes one.
    pub package: PackageQuestion,
    /// Job offers told apart ("offer A … offer B …"): two to four, or one
    /// named by its place in an order ("the second offer is …").
    pub offers: Vec<OfferTerms>,
    /// A yearly pay figure in the message ("52k", "$22/hr" as yearly).
    pub pay_figure: Option<i64>,
    /// The message asks about pay (a pay word, not a bare "how much").
    pub asks_pay: bool,
    /// The message asks for figures by the hour.
    pub asks_hourly: bool,
    /// The message is about the job or a career ("jobs in Boston").
    pub asks_job: bool,
    /// Evidence for and against the message being about the role.
    pub evidence: TopicEvidence,
    /// Another job named ("physical therapist", "event coordinator").
    pub other_role: Option<OtherRole>,
    /// An off-topic group whose trigger phrase the message has.
    pub off_topic_trigger: Option<usize>,
    /// Short, or opening like "what about": it continues the last answer.
    pub follow_up: bool,
    /// The terms ranking compares: places and numbers left out unless the
    /// message asks about pay or the job.
    pub ranking_terms: Vec<String>,
    /// It asks rather than tells.
    pub is_question: bool,
    /// The aspects it asks about ("benefits", "security").
    pub aspects: Vec<String>,
}

impl Understood {
    /// The distinct entities of one kind named.
    pub fn entities_of(&self, kind: EntityKind) -> Vec<&crate::domain::EntityId> {
        super::entities::entities_of(&self.mentions, kind)
    }

    /// Every specific entity named, in order, without repeats.
    pub fn entities(&self) -> Vec<&crate::domain::EntityId> {
        let mut found: Vec<&crate::domain::EntityId> = Vec::new();
        for id in self.mentions.iter().filter_map(Mention::entity) {
            if !found.contains(&id) {
                found.push(id);
            }
        }
        found
    }

    /// The kinds named as a whole ("certifications").
    pub fn kinds_named(&self) -> Vec<EntityKind> {
        let mut kinds = Vec::new();
        for mention in &self.mentions {
            if let Named::Kind(kind) = mention.named
                && !kinds.contains(&kind)
            {
                kinds.push(kind);
            }
        }
        kinds
    }

    /// Whether the message names any specific entity.
    pub fn names_an_entity(&self) -> bool {
        self.mentions.iter().any(|m| m.entity().is_some())
    }

    /// Whether it asks why rather than what.
    pub fn is_why(&self) -> bool {
        self.cues.why
    }
}

/// Another job a message names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OtherRole {
    /// One of `scope.toml`'s other roles, by its name there.
    Listed(String),
    /// Another kind of coordinator ("event coordinator"); not repeated
    /// back, since the qualifier is the person's own word.
    Coordinator,
}

/// Everything that reads messages, built once from the knowledge base.
pub struct Understander {
    analyzer: Analyzer,
    details: DetailReader,
    entities: EntityFinder,
    intents: IntentReader,
    pay_words: HashSet<String>,
    /// How many times "how much" and the like appear is subtracted from the
    /// pay words: "how much is the CMAA?" asks a price.
    cost_openers: PhraseSet<()>,
    hourly_words: PhraseSet<()>,
    /// A number followed by an hourly phrase: "22.50 an hour", "$22/hr".
    hourly_rate: Regex,
    other_roles: PhraseSet<usize>,
    other_role_names: Vec<String>,
    /// The role's title words ("coordinator") and the qualifiers that keep
    /// them this role ("care coordinator", "patient coordinator").
    role_heads: Vec<String>,
    our_qualifiers: Vec<String>,
    other_fields: Vec<String>,
    role_words: PhraseSet<()>,
    off_topic_triggers: PhraseSet<usize>,
    /// The lexicon's follow-up openers, each with a space either side.
    follow_up_openers: Vec<String>,
    /// Words for lengths of time: like places, they carry a detail, not a
    /// topic.
    time_words: Vec<String>,
    /// The words of the intent cues ("vs", "worth", "should"): they say
    /// what kind of question it is, not what it is about.
    cue_words: HashSet<String>,
    /// Words that negate what follows ("not", "never").
    negations: Vec<String>,
    /// The intent file's job words, one word each: never evidence against.
    job_words: HashSet<String>,
    paid_hours: f64,
    package: PackageReader,
    offers: OfferReader,
}

/// How many tokens before a name a negation may stand ("not gonna be a").
const NEGATION_REACH: usize = 6;

/// A follow-up opener ("what about") may stand this many tokens in
/// ("wait, what about Denver").
const OPENING_TOKENS: usize = 4;

/// A message with no more tokens than this, after details, continues the
/// last answer.
const FOLLOW_UP_TOKENS: usize = 4;

impl Understander {
    pub fn new(kb: &KnowledgeBase, analyzer: Analyzer) -> Understander {
        Understander::with_details(kb, analyzer, DetailReader::new(kb))
    }

    /// [`Understander::new`] with its detail reader built already (the
    /// engine builds it on a second thread while it indexes).
    pub fn with_details(
        kb: &KnowledgeBase,
        analyzer: Analyzer,
        details: DetailReader,
    ) -> Understander {
        let phrases = |list: &[String]| PhraseSet::new(list.iter().map(|w| (w.clone(), ())));
        let hourly: Vec<String> = (kb.lexicon.hourly_words.iter())
            .map(|w| regex::escape(&normalize(w)))
            .filter(|w| !w.is_empty())
            .collect();
        let hourly_rate = Regex::new(&format!(
            r"\$?\b(\d{{1,3}}(?:\.\d{{1,2}})?)(?:\s*/\s*(?:hr|hour|h)\b|\s*(?:{})\b)",
            hourly.join("|")
        ))
        .unwrap_or_else(|_| Regex::new(r"[^\s\S]").expect("a regex that matches nothing"));
        Understander {
            details,
            entities: EntityFinder::new(&kb.entities),
            intents: IntentReader::new(&kb.intents),
            pay_words: kb.lexicon.pay_words.iter().cloned().collect(),
            cost_openers: phrases(&kb.intents.cost_openers),
            hourly_words: phrases(&kb.lexicon.hourly_words),
            hourly_rate,
            other_role_names: kb.scope.other_roles.clone(),
            role_heads: kb.scope.role_heads.clone(),
            our_qualifiers: kb.scope.our_qualifiers.clone(),
            other_fields: kb.scope.other_fields.clone(),
            other_roles: PhraseSet::new(
                (kb.scope.other_roles.iter().enumerate()).map(|(i, r)| (r.clone(), i)),
            ),
            role_words: phrases(&kb.scope.role_words),
            off_topic_triggers: PhraseSet::new(
                (kb.scope.off_topic.iter().enumerate())
                    .flat_map(|(i, group)| group.triggers.iter().map(move |t| (t.clone(), i))),
            ),
            // Padded once here, so the check is a plain substring search.
            follow_up_openers: (kb.lexicon.follow_up_openers.iter())
                .map(|opener| format!(" {opener} "))
                .collect(),
            time_words: kb.intents.time_words.clone(),
            cue_words: cue_words(&kb.intents),
            negations: kb.intents.negations.clone(),
            // The job's words, and every word of an entry's keywords: a
            // keyword is the role's word on purpose, however rarely the
            // knowledge uses it ("ballpark", "bot").
            job_words: (kb.intents.job.iter())
                .filter(|w| !w.contains(' '))
                .cloned()
                .chain(
                    (kb.entries.iter())
                        .flat_map(|e| e.keywords.iter())
                        .flat_map(|k| super::normalize::tokenize(&normalize(k))),
                )
                .collect(),
            paid_hours: kb.model.national.paid_hours_per_year,
            package: PackageReader::new(
                &kb.package_words,
                &kb.lexicon.hourly_words,
                kb.model.national.paid_hours_per_year,
            ),
            offers: OfferReader::new(&kb.package_words.offers),
            analyzer,
        }
    }

    pub fn analyzer(&self) -> &Analyzer {
        &self.analyzer
    }

    pub fn details(&self) -> &DetailReader {
        &self.details
    }

    /// Understand one message.
    pub fn understand(&self, question: &str) -> Understood {
        // Capital letters matter to some details ("Mobile, AL", "BA"), so
        // the reader also gets the text as typed (in NFKC).
        let original: String = if question.is_ascii() {
            // ASCII is its own NFKC form.
            question.to_string()
        } else {
            question.nfkc().collect()
        };
        let normalized = normalize(question);
        let text = TokenText::new(&normalized);
        let analysis = self.analyzer.analyze(&normalized);
        // Details are read from the words as corrected too: "3 yeras exp
        // in denvr" is three years in Denver.
        let (profile, alternatives) = match analysis.corrections.is_empty() {
            true => (self.details).read_compared_in(&original, &normalized, &text),
            false => {
                let original = with_corrections(&original, &analysis.corrections);
                let normalized = with_corrections(&normalized, &analysis.corrections);
                let text = TokenText::new(&normalized);
                (self.details).read_compared_in(&original, &normalized, &text)
            }
        };
        // Names are found in the words as corrected ("bachlors" is a
        // bachelor's degree); correction keeps one token per token.
        let corrected_text;
        let corrected = if text.has_tokens(&analysis.tokens) {
            &text
        } else {
            corrected_text = TokenText::new(&analysis.tokens.join(" "));
            &corrected_text
        };
        let mut mentions = self.entities.find(corrected);
        // A degree written as an abbreviation ("BA vs AA") is found by the
        // detail reader only.
        if let Some(level) = &profile.education
            && !mentions
                .iter()
                .any(|m| m.named.kind() == EntityKind::Education)
        {
            mentions.push(Mention {
                named: Named::Entity(crate::domain::EntityId::new(
                    EntityKind::Education,
                    level.as_str(),
                )),
                start: text.tokens.len(),
                end: text.tokens.len(),
            });
        }

        // A long backstory should not drown the question: what kind of
        // question it is comes from the sentence that asks it.
        let focus_normalized = evidence::question_sentence(&normalized);
        let focus_analysis = focus_normalized.map(|f| self.analyzer.analyze(f));
        let focus_text = focus_normalized.map(TokenText::new);
        let (focus, focus_words) = match (&focus_text, &focus_analysis) {
            (Some(text), Some(analysis)) => (text, &analysis.words),
            _ => (&text, &analysis.words),
        };
        let pay_mentions = (focus_words.iter())
            .filter(|w| self.pay_words.contains(*w))
            .count();
        let openers = self.cost_openers.find_longest(focus).len();
        let asks_pay = pay_mentions > openers;
        let asks_hourly = self.hourly_words.contains_any(&text);
        let cues = self.intents.cues(focus, &mentions, asks_pay);
        // "Dental receptionist" names another job, though "receptionist"
        // alone is a word for this one: a role word counts only outside
        // the other jobs named.
        let roles = self.other_roles.find_longest(&text);
        let role_words = self.role_words.find_longest(&text);
        let place_tokens = self.details.place_tokens(&text);
        // "Event coordinator", "project coordinator": the role's own title
        // word with someone else's qualifier is another job.
        let other_coordinator = (role_words.iter())
            .filter(|w| w.end - w.start == 1 && self.role_heads.contains(&text.tokens[w.start]))
            .find_map(|w| {
                // The word before, as corrected: "senor coordinators" are
                // senior ones.
                let before = corrected.tokens.get(w.start.checked_sub(1)?)?;
                let unknown = self.analyzer.specificity(before).is_none()
                    && !self.analyzer.is_stopword(before)
                    && !self.analyzer.is_synonym(before);
                // Another field's word ("event", "logistics"), an everyday
                // word the role's knowledge never uses, or a word that is
                // neither ("logistcs", "hvac").
                let other_field = self.other_fields.iter().any(|f| f == before)
                    || (unknown
                        && (self.analyzer.is_english(before)
                            || before.chars().all(char::is_alphabetic)));
                // "Pittsburgh PA coordinator": a place, or its state's code
                // once a place is read, says where the job is.
                let ours = self.our_qualifiers.iter().any(|q| q == before)
                    || place_tokens.iter().any(|t| t == before)
                    || profile.location.is_some() && self.details.is_state_code(before);
                (other_field && !ours).then_some(OtherRole::Coordinator)
            });
        let about_role = other_coordinator.is_none()
            && (role_words.iter())
                .any(|w| !roles.iter().any(|r| r.start <= w.start && w.end <= r.end));
        let asks_job = cues.job || about_role;

        let package = self.package.read(&normalized);
        // Offers are read from the words as corrected too ("ofer 1").
        let offers = match analysis.corrections.is_empty() {
            true => self.read_offers(&normalized, asks_hourly),
            false => self.read_offers(
                &with_corrections(&normalized, &analysis.corrections),
                asks_hourly,
            ),
        };
        let pay_figure = package
            .base
            .or_else(|| self.yearly_from_hourly_rate(&normalized))
            .filter(|pay| PAY_RANGE.contains(pay));
        let mut profile = profile;
        profile.own_pay = pay_figure;

        // Another job inside one of careerbot's own names ("certified
        // patient care technician" is a certification) or negated ("even
        // though I'm not gonna be a coder") is not the question.
        let other_role = match about_role {
            true => None,
            false => (roles.iter())
                .find(|r| {
                    let inside = (mentions.iter().filter(|m| m.entity().is_some()))
                        .any(|m| m.start <= r.start && r.end <= m.end);
                    !inside && !self.negated(&text, r.start)
                })
                .map(|r| OtherRole::Listed(self.other_role_names[r.label].clone()))
                .or(other_coordinator),
        };
        let off_topic_trigger = self
            .off_topic_triggers
            .find_longest(&text)
            .first()
            .map(|t| t.label);

        // Places and lengths of time are evidence of nothing; in ranking
        // they count only when pay or the job is asked.
        let details_count = asks_pay || asks_job;
        let neutral = |word: &str| {
            place_tokens.iter().any(|t| t == word)
                || self.time_words.iter().any(|t| t == word)
                || self.cue_words.contains(word)
        };
        let evidence = evidence::weigh(
            &self.analyzer,
            &analysis.tokens,
            &analysis.phrases,
            focus_analysis.as_ref().map(|a| a.tokens.as_slice()),
            &neutral,
            &|word| self.job_words.contains(word),
            &|position| {
                mentions
                    .iter()
                    .any(|m| m.start <= position && position < m.end)
            },
        );
        let place_terms: Vec<String> = (place_tokens.iter().chain(&self.time_words))
            .map(|t| self.analyzer.stem(t))
            .collect();
        let ranking_terms: Vec<String> = analysis
            .terms
            .iter()
            .filter(|t| details_count || !place_terms.contains(t))
            .cloned()
            .collect();

        let only_small_words = analysis.terms.iter().all(|t| {
            self.analyzer.is_stopword(t) || self.intents.greeting_words().contains_word(t)
        }) && !profile.affects_estimate();
        let compares_two = compares_two(&mentions, &alternatives, &normalized);
        let facts = Facts {
            pay_word: asks_pay,
            gives_details: profile.affects_estimate(),
            compares_two,
            compares_places: !alternatives.is_empty(),
            hourly: asks_hourly,
            names_place: profile.location.is_some(),
            pay_figure: pay_figure.is_some(),
            calculation: package.is_calculation()
                || (package.base.is_none() && package.has_retirement_terms()),
            offers: offers.len() >= 2 && offers.iter().any(|o| o.package.base.is_some()),
            other_role: other_role.is_some(),
            only_small_words,
        };
        let intent = classify(&cues, &facts);
        // "What about Denver?", "wait, what about Denver instead", "and
        // there?": it continues the last answer.
        let opening: String =
            text.tokens
                .iter()
                .take(OPENING_TOKENS)
                .fold(String::from(" "), |mut joined, token| {
                    joined.push_str(token);
                    joined.push(' ');
                    joined
                });
        let follow_up = text.tokens.len() <= FOLLOW_UP_TOKENS
            || cues.follows
            || (self.follow_up_openers.iter()).any(|opener| opening.contains(opener.as_str()));
        let is_question = self.intents.is_question(&text, &normalized);
        let aspects = self.intents.aspects(&text);
        Understood {
            is_question,
            aspects,
            normalized,
            text,
            analysis,
            intent,
            cues,
            mentions,
            profile,
            alternatives,
            package,
            offers,
            pay_figure,
            asks_pay,
            asks_hourly,
            asks_job,
            evidence,
            other_role,
            off_topic_trigger,
            follow_up,
            ranking_terms,
        }
    }

    /// Whether a negation stands within a few tokens before token `at`.
    fn negated(&self, text: &TokenText, at: usize) -> bool {
        text.before(at, NEGATION_REACH)
            .iter()
            .any(|t| self.negations.iter().any(|n| n == t))
    }

    /// A message as the review keeps it: normalized, places and numbers
    /// masked.
    pub fn redacted(&self, text: &str) -> String {
        self.details.redacted(&normalize(text))
    }

    /// The details in a piece of text, such as a form field ("Boston",
    /// "CMAA, CPCT"), without answering it.
    pub fn read_profile(&self, text: &str) -> Profile {
        let original: String = text.nfkc().collect();
        self.details.read(&original, &normalize(text))
    }

    /// The offers a normalized message tells apart, each read as its own
    /// package and place. What comes before the first offer ("I put in 4%
    /// wherever I work", "all in Denver") counts for each offer that does
    /// not say otherwise.
    /// `hourly` says the message has an hourly word ("per hour"): its
    /// offers may be hourly rates without a `$`.
    fn read_offers(&self, normalized: &str, hourly: bool) -> Vec<OfferTerms> {
        let spans = self.offers.spans(normalized);
        let Some(first) = spans.first() else {
            return self.offers_by_place(normalized, hourly);
        };
        let shared_text = &normalized[..first.start];
        let shared = self.package.read(shared_text);
        let shared_place = self.details.place(shared_text, shared_text);
        let mut offers: Vec<OfferTerms> = spans
            .iter()
            .map(|span| {
                let text = &normalized[span.start..span.end];
                // Its terms start after its name: "job 1 $23/hr" is no rate
                // of $1.
                let mut package = self.package.read(&normalized[span.body..span.end]);
                if package.contribution_pct.is_none() {
                    package.contribution_pct = shared.contribution_pct;
                }
                // "In Texas, one job in a rural area …": the shared state
                // is the rural place's.
                let place = match (self.details.place(text, text), &shared_place) {
                    (Some(Place::Rural { state: None }), Some(Place::State { abbrev, .. })) => {
                        Some(Place::Rural {
                            state: Some(abbrev.clone()),
                        })
                    }
                    (place, _) => place.or_else(|| shared_place.clone()),
                };
                OfferTerms {
                    label: span.label.clone(),
                    package,
                    place,
                }
            })
            .collect();
        // What the person puts in is theirs, not an offer's: said once
        // ("I'll only put in 3% either way"), it holds for every offer.
        let contributions: Vec<f64> = (offers.iter())
            .filter_map(|o| o.package.contribution_pct)
            .collect();
        if let [only] = contributions.as_slice() {
            for offer in &mut offers {
                offer.package.contribution_pct = Some(*only);
            }
        }
        offers
    }

    /// Offers known only by their places: "52k in Seattle or 45k in
    /// Dallas", "San Francisco $60k, Phoenix $48k". Each part of the
    /// message with a salary and a place is one; a part with a place and no
    /// salary ("in Texas, …") gives its state to a rural part. One alone
    /// is kept too, for a conversation to weigh against a later one.
    fn offers_by_place(&self, normalized: &str, hourly: bool) -> Vec<OfferTerms> {
        // No salary-sized amount or hourly rate, no offer: most messages
        // stop here.
        let hourly_rate = hourly && normalized.bytes().any(|b| b.is_ascii_digit());
        if !has_salary_amount(normalized) && !hourly_rate {
            return Vec::new();
        }
        let mut offers: Vec<OfferTerms> = Vec::new();
        let mut context_state: Option<String> = None;
        for (start, end) in self.offers.place_parts(normalized) {
            let text = &normalized[start..end];
            let Some(place) = self.details.place(text, text) else {
                continue;
            };
            let package = self.package.read(text);
            if package.base.is_none() {
                if let Place::State { abbrev, .. } = &place {
                    context_state = Some(abbrev.clone());
                }
                continue;
            }
            let place = match place {
                Place::Rural { state: None } => Place::Rural {
                    state: context_state.clone(),
                },
                place => place,
            };
            if offers.iter().any(|o| o.place.as_ref() == Some(&place)) {
                continue;
            }
            // Named by the place's code until the reply names it.
            let key = match &place {
                Place::Metro { code, .. } => code.clone(),
                Place::State { abbrev, .. } => abbrev.clone(),
                Place::Rural { state } => format!("rural {}", state.as_deref().unwrap_or("")),
            };
            offers.push(OfferTerms {
                label: OfferLabel::AtPlace { name: key },
                package,
                place: Some(place),
            });
        }
        offers.truncate(crate::compensation::MAX_OFFERS_WEIGHED);
        offers
    }

    /// The pay package a text describes ("base 48k, 2k bonus, 50% match up
    /// to 6%").
    pub fn read_package(&self, text: &str) -> PackageQuestion {
        self.package.read(&normalize(text))
    }

    /// An hourly rate in the words ("$22/hr", "22.50 an hour"), as yearly
    /// pay over the model's paid hours. One pass over the text.
    pub fn yearly_from_hourly_rate(&self, normalized: &str) -> Option<i64> {
        self.hourly_rate.captures_iter(normalized).find_map(|caps| {
            let rate: f64 = caps[1].parse().ok()?;
            (5.0..=500.0)
                .contains(&rate)
                .then(|| (rate * self.paid_hours).round() as i64)
        })
    }
}

/// Every token of the intent cues, but the job words (which are about the
/// role).
fn cue_words(cues: &crate::knowledge::IntentCues) -> HashSet<String> {
    let lists = [
        &cues.cost,
        &cues.cost_openers,
        &cues.duration,
        &cues.compare,
        &cues.worth,
        &cues.how_to,
        &cues.judge,
        &cues.greeting,
        &cues.self_words,
        &cues.question_openers,
        &cues.question_words,
    ];
    (lists.into_iter().flatten())
        .chain(cues.aspects.values().flatten())
        .flat_map(|cue| super::normalize::tokenize(&normalize(cue)))
        .collect()
}

/// Whether two or more things of one kind are named: entities of one kind,
/// places, employer types, or two lengths of experience ("2 years vs 10").
fn compares_two(mentions: &[Mention], alternatives: &Alternatives, normalized: &str) -> bool {
    if !alternatives.is_empty() {
        return true;
    }
    let two_of_a_kind = EntityKind::ALL
        .iter()
        .any(|&kind| super::entities::entities_of(mentions, kind).len() >= 2);
    // Things a person can go and get are alternatives across kinds: "a
    // CMAA or a bachelor's", "the CEHRS or Excel".
    let acquired = (EntityKind::ALL.iter())
        .filter(|kind| kind.is_acquired())
        .map(|&kind| super::entities::entities_of(mentions, kind).len())
        .sum::<usize>();
    two_of_a_kind || acquired >= 2 || two_lengths_of_experience(normalized)
}

/// "2 years vs 10 years", "3 yrs or 8 yrs".
fn two_lengths_of_experience(normalized: &str) -> bool {
    static YEARS: std::sync::LazyLock<Regex> = std::sync::LazyLock::new(|| {
        Regex::new(r"\b\d{1,2}\+?\s*(?:years?|yrs?)\b").expect("a valid pattern")
    });
    YEARS.find_iter(normalized).count() >= 2
}

/// Whether normalized text holds a dollar amount or a number of five
/// digits or more: what any offer needs.
fn has_salary_amount(normalized: &str) -> bool {
    let bytes = normalized.as_bytes();
    let mut run = 0;
    for (i, b) in bytes.iter().enumerate() {
        if b.is_ascii_digit() {
            run += 1;
            if run >= 5 || (run == 1 && i > 0 && bytes[i - 1] == b'$') {
                return true;
            }
        } else {
            run = 0;
        }
    }
    false
}

/// `text` with each word that was corrected replaced by its correction,
/// whatever its case; punctuation and the other words stay as written.
fn with_corrections(text: &str, corrections: &[(String, String)]) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut word_start: Option<usize> = None;
    let flush = |out: &mut String, word: &str| {
        let fixed = (corrections.iter()).find(|(typed, _)| {
            typed.chars().count() == word.chars().count() && word.to_lowercase() == *typed
        });
        match fixed {
            Some((_, fixed)) => out.push_str(fixed),
            None => out.push_str(word),
        }
    };
    for (i, c) in text.char_indices() {
        match (c.is_alphanumeric(), word_start) {
            (true, None) => word_start = Some(i),
            (false, Some(start)) => {
                flush(&mut out, &text[start..i]);
                word_start = None;
                out.push(c);
            }
            (false, None) => out.push(c),
            (true, Some(_)) => {}
        }
    }
    if let Some(start) = word_start {
        flush(&mut out, &text[start..]);
    }
    out
}
