//! The knowledge base: everything careerbot knows, loaded from the TOML and
//! CSV files in `knowledge/` and validated as a whole.
//!
//! | file | holds |
//! |---|---|
//! | `sources.toml` | the sources every figure cites |
//! | `lexicon.toml` | synonyms, misspellings, stopwords |
//! | `salary_model.toml` | the estimator's numbers and the words for each detail |
//! | `places.toml` | place nicknames and rural words |
//! | `scope.toml` | what careerbot does not answer |
//! | `replies.toml` | fixed sentences: fallback, notices |
//! | `intents.toml` | the cue words that say what kind of question it is |
//! | `pay_package.toml` | the words a pay package is read with |
//! | any other `*.toml` | topic entries (`[[entry]]`) |
//! | `entities/*.toml` | the things a person can name, one file per kind |
//! | `english/words.txt` | how common each English word is |
//! | `bls/*.csv` | BLS OEWS wage tables |
//! | `bea/*.csv` | BEA price levels by place (cost of living) |
//!
//! A load either yields a complete, consistent [`KnowledgeBase`] or a
//! [`KnowledgeError`] listing every problem with its file and line.

mod english;
mod entities;
mod entries;
mod intents;
mod lexicon;
mod package;
mod places;
mod prices;
mod problems;
mod replies;
mod salary_model;
mod scope;
mod wages;

pub use english::EnglishWords;
pub use entities::{Entities, Entity, KindRegistry};
pub use entries::{Entry, MAX_ANSWER_CHARS, MAX_TITLE_CHARS};
pub use intents::IntentCues;
pub use lexicon::{Lexicon, SynonymGroup};
pub use package::{OfferWords, PackageWords};
pub use places::{PlaceAlias, PlaceNames};
pub use prices::{PriceLevel, PriceLevels};
pub use problems::{KnowledgeError, Problem, unknown_key_message};
pub use replies::{
    CalculationParts, ChartWords, FormErrors, OffersWords, Replies, ReviewWords, Shortcut,
    Suggestions, TerminalWords, Titles, fill,
};
pub use salary_model::{
    Certification, CertificationRules, EducationLevel, EmployerType, ExperienceBand, GuideMetro,
    LocationModel, NationalBaseline, Retirement, SalaryModel, Supervisory,
};
pub use scope::{OffTopic, Scope};
pub use wages::{AreaKind, AreaWages, NationalWages, WageTables};

use problems::{Problems, SourceText};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

const SOURCES_FILE: &str = "sources.toml";
const LEXICON_FILE: &str = "lexicon.toml";
const MODEL_FILE: &str = "salary_model.toml";
const PLACES_FILE: &str = "places.toml";
const SCOPE_FILE: &str = "scope.toml";
const REPLIES_FILE: &str = "replies.toml";
const INTENTS_FILE: &str = "intents.toml";
const PACKAGE_FILE: &str = "pay_package.toml";
const ENTITIES_DIR: &str = "entities";
const SPECIAL_FILES: [&str; 8] = [
    SOURCES_FILE,
    LEXICON_FILE,
    MODEL_FILE,
    PLACES_FILE,
    SCOPE_FILE,
    REPLIES_FILE,
    INTENTS_FILE,
    PACKAGE_FILE,
];

pub use crate::domain::Citation;

/// A source that figures cite.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    pub id: String,
    pub name: String,
    pub date: String,
    /// The source and its date in a few words, for a one-line footer:
    /// "Career guide, 2023-24".
    pub short: String,
}

impl Source {
    /// How the source is cited under an answer: in full ("name, date") and
    /// in short.
    pub fn citation(&self) -> Citation {
        Citation {
            full: format!("{}, {}", self.name, self.date),
            short: self.short.clone(),
        }
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct SourcesFile {
    source: Vec<Spanned<Source>>,
}

/// Everything careerbot knows.
#[derive(Debug, Clone)]
pub struct KnowledgeBase {
    /// Topic entries, in file order (files sorted by name).
    pub entries: Vec<Entry>,
    pub sources: BTreeMap<String, Source>,
    pub lexicon: Lexicon,
    pub model: SalaryModel,
    pub wages: WageTables,
    /// BEA price levels, by the same area codes as the wage tables.
    pub prices: PriceLevels,
    pub places: PlaceNames,
    pub scope: Scope,
    pub replies: Replies,
    /// The things a person can name, by kind.
    pub entities: Entities,
    /// The cue words that say what kind of question a message is.
    pub intents: IntentCues,
    /// The words a pay package is read with.
    pub package_words: PackageWords,
    /// How common each English word is (shared: the analyzer keeps it too).
    pub english: std::sync::Arc<EnglishWords>,
    entry_index: HashMap<String, usize>,
}

impl KnowledgeBase {
    /// Load and validate the knowledge base in `dir`.
    pub fn load(dir: impl AsRef<Path>) -> Result<KnowledgeBase, KnowledgeError> {
        let dir = dir.as_ref();
        let mut problems = Problems::default();
        let listing = match std::fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(error) => {
                problems.at(
                    dir,
                    None,
                    format!(
                        "cannot read the knowledge folder ({error}). Run careerbot from the project folder, or set knowledge_dir in config.toml"
                    ),
                );
                return Err(problems.into_error());
            }
        };
        let mut entry_files: Vec<PathBuf> = listing
            .filter_map(|item| item.ok().map(|item| item.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .filter(|path| {
                let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
                !SPECIAL_FILES.contains(&name)
            })
            .collect();
        entry_files.sort();

        let read = |name: &str, problems: &mut Problems| -> Option<SourceText> {
            read_source(&dir.join(name), problems)
        };

        // The English list is the largest file and needs nothing else:
        // it is read on a second thread while the TOML files are parsed.
        let english_thread = std::thread::spawn({
            let dir = dir.to_path_buf();
            move || {
                let mut problems = Problems::default();
                let english = EnglishWords::load(&dir, &mut problems);
                (english, problems)
            }
        });
        let sources = read(SOURCES_FILE, &mut problems)
            .map(|text| parse_sources(&text, &mut problems))
            .unwrap_or_default();
        // One mistake is one problem: a check of references into a file
        // that could not be read whole would only report what follows from
        // the mistake already reported ("is related to X, which no entry
        // has"), so such checks wait until the file reads cleanly.
        let sources_whole = problems.is_empty();
        let lexicon =
            read(LEXICON_FILE, &mut problems).and_then(|t| Lexicon::parse(&t, &mut problems));
        let model =
            read(MODEL_FILE, &mut problems).and_then(|t| SalaryModel::parse(&t, &mut problems));
        let places =
            read(PLACES_FILE, &mut problems).and_then(|t| PlaceNames::parse(&t, &mut problems));
        let scope = read(SCOPE_FILE, &mut problems).and_then(|t| Scope::parse(&t, &mut problems));
        let replies =
            read(REPLIES_FILE, &mut problems).and_then(|t| Replies::parse(&t, &mut problems));
        let intents =
            read(INTENTS_FILE, &mut problems).and_then(|t| IntentCues::parse(&t, &mut problems));
        let package_words =
            read(PACKAGE_FILE, &mut problems).and_then(|t| PackageWords::parse(&t, &mut problems));
        let wages = WageTables::load(&dir.join("bls"), &mut problems);
        let prices = PriceLevels::load(&dir.join("bea"), &mut problems);
        let (entities, entity_references) = Entities::load(&dir.join(ENTITIES_DIR), &mut problems);
        let english = match english_thread.join() {
            Ok((english, english_problems)) => {
                problems.append(english_problems);
                english
            }
            Err(_) => {
                problems.at(
                    &dir.join(english::ENGLISH_FILE),
                    None,
                    "reading this file failed unexpectedly",
                );
                EnglishWords::default()
            }
        };

        let before_entries = problems.len();
        let mut entries = Vec::new();
        let mut related = Vec::new();
        let mut cited = Vec::new();
        for path in &entry_files {
            if let Some(text) = read_source(path, &mut problems) {
                let parsed = entries::parse_entries(&text, &mut problems);
                if parsed.entries.is_empty() && problems.is_empty() {
                    problems.at(path, None, "this file has no [[entry]] tables");
                }
                entries.extend(parsed.entries);
                related.extend(parsed.related);
                cited.extend(parsed.sources);
            }
        }

        // Cross-file checks: duplicate ids, then every reference.
        let mut entry_index: HashMap<String, usize> = HashMap::new();
        for (index, entry) in entries.iter().enumerate() {
            if let Some(&first) = entry_index.get(&entry.id) {
                let first = &entries[first];
                problems.at(
                    &entry.file,
                    Some(entry.line),
                    format!(
                        "duplicate id {:?}; it is already used at {}:{}",
                        entry.id,
                        first.file.display(),
                        first.line
                    ),
                );
            } else {
                entry_index.insert(entry.id.clone(), index);
            }
        }
        let entries_whole = problems.len() == before_entries;
        for reference in related.iter().filter(|_| entries_whole) {
            if reference.to == reference.from {
                problems.at(
                    &reference.file,
                    Some(reference.line),
                    format!("entry {:?} lists itself as related", reference.from),
                );
            } else if !entry_index.contains_key(&reference.to) {
                problems.at(
                    &reference.file,
                    Some(reference.line),
                    format!(
                        "entry {:?} is related to {:?}, which no entry has as its id{}",
                        reference.from,
                        reference.to,
                        closest_hint(&reference.to, entry_index.keys())
                    ),
                );
            }
        }
        for reference in cited.iter().filter(|_| sources_whole) {
            if !sources.contains_key(&reference.to) {
                problems.at(
                    &reference.file,
                    Some(reference.line),
                    format!(
                        "entry {:?} cites source {:?}, which sources.toml does not define{}",
                        reference.from,
                        reference.to,
                        closest_hint(&reference.to, sources.keys())
                    ),
                );
            }
        }
        for reference in entity_references.iter().filter(|_| entries_whole) {
            if !entry_index.contains_key(&reference.to) {
                problems.at(
                    &reference.file,
                    Some(reference.line),
                    format!(
                        "{} opens entry {:?}, which no entry has as its id{}",
                        reference.from,
                        reference.to,
                        closest_hint(&reference.to, entry_index.keys())
                    ),
                );
            }
        }
        if entries_whole {
            entities::check_phrasings(&entities, &entries, &mut problems);
        }
        if let Some(intents) = intents.as_ref().filter(|_| entries_whole) {
            for topic in intents.topic_references() {
                if !entry_index.contains_key(topic) {
                    problems.at(
                        &dir.join(INTENTS_FILE),
                        None,
                        format!("leaning topic {topic:?} is not the id of any entry"),
                    );
                }
            }
        }
        let model_path = dir.join(MODEL_FILE);
        if let Some(model) = &model {
            entities::check_model_ids(&entities, model, &model_path, &mut problems);
            for source in model.source_references().filter(|_| sources_whole) {
                if !sources.contains_key(source) {
                    problems.at(
                        &model_path,
                        None,
                        format!("source {source:?} is not defined in sources.toml"),
                    );
                }
            }
            if wages.national_for(model.location.bls_year).is_none() && !wages.national.is_empty() {
                problems.at(
                    &model_path,
                    None,
                    format!(
                        "location.bls_year = {} has no row in bls/{}",
                        model.location.bls_year,
                        wages::NATIONAL_FILE
                    ),
                );
            }
            for metro in &model.location.guide_metros {
                if wages.metro(&metro.cbsa).is_none() && !wages.metros.is_empty() {
                    problems.at(
                        &model_path,
                        None,
                        format!("guide metro {:?} has CBSA code {:?}, which is not in the BLS metro table", metro.label, metro.cbsa),
                    );
                }
            }
        }
        if let Some(replies) = replies.as_ref().filter(|_| entries_whole) {
            for (shortcut, line) in replies.shortcuts.iter().zip(&replies.shortcut_lines) {
                if !entry_index.contains_key(&shortcut.get_ref().topic) {
                    problems.at(
                        &dir.join(REPLIES_FILE),
                        Some(*line),
                        format!(
                            "shortcut {:?} opens topic {:?}, which is not the id of any entry",
                            shortcut.get_ref().name,
                            shortcut.get_ref().topic
                        ),
                    );
                }
            }
            for id in replies.suggestions.all() {
                if !entry_index.contains_key(id) {
                    problems.at(
                        &dir.join(REPLIES_FILE),
                        None,
                        format!("suggestion {id:?} is not the id of any entry"),
                    );
                }
            }
        }
        if let Some(places) = &places {
            let path = dir.join(PLACES_FILE);
            for (alias, line) in &places.aliases {
                let known = match (&alias.metro, &alias.state) {
                    (Some(cbsa), _) => wages.metro(cbsa).is_some(),
                    (_, Some(state)) => wages.state(state).is_some(),
                    _ => true,
                };
                if !known && !wages.metros.is_empty() {
                    problems.at(
                        &path,
                        Some(*line),
                        format!(
                            "alias {:?} points at an area the BLS tables do not have",
                            alias.name
                        ),
                    );
                }
            }
        }

        match (
            lexicon,
            model,
            places,
            scope,
            replies,
            intents,
            package_words,
        ) {
            (
                Some(lexicon),
                Some(model),
                Some(places),
                Some(scope),
                Some(replies),
                Some(intents),
                Some(package_words),
            ) if problems.is_empty() => Ok(KnowledgeBase {
                entries,
                sources,
                lexicon,
                model,
                wages,
                prices,
                places,
                scope,
                replies,
                entities,
                intents,
                package_words,
                english: std::sync::Arc::new(english),
                entry_index,
            }),
            // A file that failed to parse has already added its problem.
            _ => Err(problems.into_error()),
        }
    }

    /// Every place name the knowledge base knows: BLS metro and state names
    /// and the aliases in `places.toml`.
    pub fn place_names(&self) -> impl Iterator<Item = &str> {
        self.wages
            .metros
            .iter()
            .chain(&self.wages.states)
            .map(|area| area.name.as_str())
            .chain(
                self.places
                    .aliases
                    .iter()
                    .map(|(alias, _)| alias.name.as_str()),
            )
    }

    /// The BEA price level of a place: its metro's, its state's, or the
    /// nonmetropolitan part of its state (the nation's, for "rural" alone).
    pub fn price_level(&self, place: &crate::domain::Place) -> Option<&PriceLevel> {
        use crate::domain::Place;
        let fips = |abbrev: &str| self.wages.state(abbrev).map(|s| s.code.as_str());
        match place {
            Place::Metro { code, .. } => self.prices.metro(code),
            Place::State { abbrev, .. } => self.prices.state(fips(abbrev)?),
            Place::Rural { state: None } => self.prices.rural(None),
            Place::Rural {
                state: Some(abbrev),
            } => self.prices.rural(Some(fips(abbrev)?)),
        }
    }

    pub fn entry(&self, id: &str) -> Option<&Entry> {
        self.entry_index.get(id).map(|&index| &self.entries[index])
    }

    /// Where an entry sits in [`Self::entries`].
    pub fn entry_position(&self, id: &str) -> Option<usize> {
        self.entry_index.get(id).copied()
    }

    /// The citation lines for a list of source ids, skipping unknown ones.
    pub fn citations<'a>(&self, ids: impl IntoIterator<Item = &'a String>) -> Vec<Citation> {
        let mut lines: Vec<Citation> = Vec::new();
        for id in ids {
            if let Some(source) = self.sources.get(id) {
                let line = source.citation();
                if !lines.contains(&line) {
                    lines.push(line);
                }
            }
        }
        lines
    }
}

fn read_source(path: &Path, problems: &mut Problems) -> Option<SourceText> {
    match std::fs::read_to_string(path) {
        Ok(text) => Some(SourceText::new(path.to_path_buf(), text)),
        Err(error) => {
            problems.at(path, None, format!("cannot read this file: {error}"));
            None
        }
    }
}

fn parse_sources(text: &SourceText, problems: &mut Problems) -> BTreeMap<String, Source> {
    let mut sources = BTreeMap::new();
    if let Some(file) = text.parse::<SourcesFile>(problems) {
        for source in file.source {
            let line = text.line_of(source.span().start);
            let source = source.into_inner();
            if sources.contains_key(&source.id) {
                problems.at(
                    &text.path,
                    Some(line),
                    format!("duplicate source id {:?}", source.id),
                );
            } else {
                sources.insert(source.id.clone(), source);
            }
        }
    }
    sources
}

/// " (did you mean \"x\"?)" when a close id exists.
pub(crate) fn closest_hint<'a>(wanted: &str, known: impl Iterator<Item = &'a String>) -> String {
    known
        .map(|id| (strsim::levenshtein(wanted, id), id))
        .filter(|(distance, _)| *distance <= 3)
        .min()
        .map(|(_, id)| format!(" (did you mean {id:?}?)"))
        .unwrap_or_default()
}
