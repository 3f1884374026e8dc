//! The registries of things a person can name, one file per kind in
//! `knowledge/entities/`: certifications, education levels, experience
//! levels, employer types, benefits, skills and systems, duties.
//!
//! Each entity has its names (a short `name`, a `label` for running text,
//! aliases as people write them), the entry that describes it, and the
//! structured facts a side-by-side comparison needs. Understanding finds
//! entities by their aliases; comparisons and routing read the rest.

use super::problems::{Problems, SourceText};
use crate::domain::{CertificationId, EducationId, EmployerId, EntityId, EntityKind};
use serde::Deserialize;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use toml::Spanned;

/// One thing a person can name.
#[derive(Debug, Clone)]
pub struct Entity {
    pub id: EntityId,
    /// Short, for comparison columns and buttons: "CMAA", "Private PT clinic".
    pub name: String,
    /// Spelled out, where there is more to say: "Certified Medical
    /// Administrative Assistant".
    pub full_name: Option<String>,
    /// How it reads inside a sentence: "bachelor's degree". Defaults to
    /// `name`.
    pub label: String,
    /// Lowercase words and phrases that name it.
    pub aliases: Vec<String>,
    /// Short forms matched only as written, in capitals ("BA", "AS").
    pub abbreviations: Vec<String>,
    /// For education levels: higher is more schooling.
    pub rank: u8,
    /// The entry that describes it.
    pub entry: String,
    /// The guide's pay figure for it, where it gives one.
    pub pay_low: Option<i64>,
    pub pay_high: Option<i64>,
    /// Aspect → a short line, in the kind's aspect order.
    pub facts: Vec<(String, String)>,
    /// Aspect → how the guide rates it there, 1 to 3 (higher is better).
    pub ranks: BTreeMap<String, u8>,
    pub file: PathBuf,
    pub line: usize,
}

impl Entity {
    /// The name with its long form, for lists: "CMAA (Certified Medical
    /// Administrative Assistant)".
    pub fn display_name(&self) -> String {
        match &self.full_name {
            Some(full) => format!("{} ({full})", self.name),
            None => self.name.clone(),
        }
    }

    /// The fact for one aspect, if the entity has it.
    pub fn fact(&self, aspect: &str) -> Option<&str> {
        self.facts
            .iter()
            .find(|(a, _)| a == aspect)
            .map(|(_, text)| text.as_str())
    }
}

/// Every entity of one kind, and what is said of the kind as a whole.
#[derive(Debug, Clone)]
pub struct KindRegistry {
    pub kind: EntityKind,
    /// The entry about the kind as a whole.
    pub overview: String,
    /// Words that name the kind itself ("certifications", "degree").
    pub words: Vec<String>,
    /// The aspects a comparison shows, in order.
    pub aspects: Vec<String>,
    /// What a comparison's verdict is judged on when the question does not
    /// say: "pay", or a ranked aspect.
    pub verdict: Vec<String>,
    pub entities: Vec<Entity>,
    pub file: PathBuf,
    pub line_of_overview: usize,
}

/// All the registries.
#[derive(Debug, Clone, Default)]
pub struct Entities {
    kinds: Vec<KindRegistry>,
    index: HashMap<EntityId, (usize, usize)>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFile {
    kind: Spanned<String>,
    overview: Spanned<String>,
    words: Vec<String>,
    aspects: Vec<String>,
    #[serde(default)]
    verdict: Vec<String>,
    entity: Vec<Spanned<RawEntity>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawEntity {
    id: String,
    name: String,
    #[serde(default)]
    full_name: Option<String>,
    #[serde(default)]
    label: Option<String>,
    aliases: Vec<String>,
    #[serde(default)]
    abbreviations: Vec<String>,
    #[serde(default)]
    rank: u8,
    entry: Spanned<String>,
    #[serde(default)]
    pay_low: Option<i64>,
    #[serde(default)]
    pay_high: Option<i64>,
    #[serde(default)]
    facts: BTreeMap<String, String>,
    #[serde(default)]
    ranks: BTreeMap<String, u8>,
}

/// A reference from an entity (or a kind) to an entry, checked once every
/// entry is loaded.
pub struct EntryReference {
    pub file: PathBuf,
    pub line: usize,
    pub from: String,
    pub to: String,
}

impl Entities {
    /// Load every `*.toml` in `dir`. Problems are added to `problems`; a
    /// file that does not parse contributes nothing, so nothing later
    /// complains about what it would have defined.
    pub fn load(dir: &Path, problems: &mut Problems) -> (Entities, Vec<EntryReference>) {
        let mut entities = Entities::default();
        let mut references = Vec::new();
        let listing = match std::fs::read_dir(dir) {
            Ok(listing) => listing,
            Err(error) => {
                problems.at(dir, None, format!("cannot read this folder: {error}"));
                return (entities, references);
            }
        };
        let mut files: Vec<PathBuf> = listing
            .filter_map(|item| item.ok().map(|item| item.path()))
            .filter(|path| path.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        let mut seen_aliases: HashMap<String, (String, PathBuf, usize)> = HashMap::new();
        for path in files {
            let text = match std::fs::read_to_string(&path) {
                Ok(text) => SourceText::new(path.clone(), text),
                Err(error) => {
                    problems.at(&path, None, format!("cannot read this file: {error}"));
                    continue;
                }
            };
            let Some(raw) = text.parse::<RawFile>(problems) else {
                continue;
            };
            let kind_line = text.line_of(raw.kind.span().start);
            let Some(kind) = EntityKind::from_name(raw.kind.get_ref()) else {
                let known: Vec<&str> = EntityKind::ALL.iter().map(|k| k.name()).collect();
                problems.at(
                    &path,
                    Some(kind_line),
                    format!(
                        "kind {:?} is not one careerbot knows; use one of {}",
                        raw.kind.get_ref(),
                        known.join(", ")
                    ),
                );
                continue;
            };
            if let Some(other) = entities.kinds.iter().find(|k| k.kind == kind) {
                problems.at(
                    &path,
                    Some(kind_line),
                    format!(
                        "kind {:?} is already defined in {}; keep each kind in one file",
                        kind.name(),
                        other.file.display()
                    ),
                );
                continue;
            }
            let line_of_overview = text.line_of(raw.overview.span().start);
            references.push(EntryReference {
                file: path.clone(),
                line: line_of_overview,
                from: format!("kind {}", kind.name()),
                to: raw.overview.get_ref().clone(),
            });
            let mut registry = KindRegistry {
                kind,
                overview: raw.overview.into_inner(),
                words: raw.words,
                aspects: raw.aspects,
                verdict: raw.verdict,
                entities: Vec::new(),
                file: path.clone(),
                line_of_overview,
            };
            for spanned in raw.entity {
                let line = text.line_of(spanned.span().start);
                let raw = spanned.into_inner();
                let problem = |problems: &mut Problems, message: String| {
                    problems.at(&path, Some(line), message);
                };
                if registry.entities.iter().any(|e| e.id.id == raw.id) {
                    problem(
                        problems,
                        format!("duplicate {} id {:?}", kind.name(), raw.id),
                    );
                    continue;
                }
                if raw.aliases.iter().all(|a| a.trim().is_empty()) {
                    problem(
                        problems,
                        format!(
                            "{} {:?} needs at least one alias (a way people name it)",
                            kind.name(),
                            raw.id
                        ),
                    );
                }
                for aspect in raw.facts.keys() {
                    if !registry.aspects.contains(aspect) {
                        problem(
                            problems,
                            format!(
                                "{} {:?} has a fact about {aspect:?}, which is not one of this file's aspects ({}){}",
                                kind.name(),
                                raw.id,
                                registry.aspects.join(", "),
                                super::closest_hint(aspect, registry.aspects.iter())
                            ),
                        );
                    }
                }
                for rank in raw.ranks.values() {
                    if !(1..=3).contains(rank) {
                        problem(
                            problems,
                            format!(
                                "{} {:?}: ranks run from 1 to 3, not {rank}",
                                kind.name(),
                                raw.id
                            ),
                        );
                    }
                }
                for alias in &raw.aliases {
                    let key = alias_key(alias);
                    if key.is_empty() {
                        continue;
                    }
                    let this = format!("{} {:?}", kind.name(), raw.id);
                    if let Some((owner, file, at)) = seen_aliases.get(&key) {
                        if *owner == this {
                            // The same name twice for one entity ("icd 10",
                            // "icd-10"): harmless.
                            continue;
                        }
                        problem(
                            problems,
                            format!(
                                "the alias {alias:?} of {} {:?} is already an alias of {owner} ({}:{at}); keep each alias in one place",
                                kind.name(),
                                raw.id,
                                file.display()
                            ),
                        );
                    } else {
                        seen_aliases.insert(key, (this, path.clone(), line));
                    }
                }
                references.push(EntryReference {
                    file: path.clone(),
                    line: text.line_of(raw.entry.span().start),
                    from: format!("{} {:?}", kind.name(), raw.id),
                    to: raw.entry.get_ref().clone(),
                });
                let facts = (registry.aspects.iter())
                    .filter_map(|aspect| {
                        raw.facts
                            .get(aspect)
                            .map(|text| (aspect.clone(), text.trim().to_string()))
                    })
                    .collect();
                registry.entities.push(Entity {
                    id: EntityId::new(kind, raw.id),
                    label: raw.label.unwrap_or_else(|| raw.name.clone()),
                    name: raw.name,
                    full_name: raw.full_name,
                    aliases: raw.aliases,
                    abbreviations: raw.abbreviations,
                    rank: raw.rank,
                    entry: raw.entry.into_inner(),
                    pay_low: raw.pay_low,
                    pay_high: raw.pay_high,
                    facts,
                    ranks: raw.ranks,
                    file: path.clone(),
                    line,
                });
            }
            entities.kinds.push(registry);
        }
        entities.kinds.sort_by_key(|k| k.kind);
        for (k, registry) in entities.kinds.iter().enumerate() {
            for (e, entity) in registry.entities.iter().enumerate() {
                entities.index.insert(entity.id.clone(), (k, e));
            }
        }
        (entities, references)
    }

    /// The registry of one kind, if the knowledge base has it.
    pub fn kind(&self, kind: EntityKind) -> Option<&KindRegistry> {
        self.kinds.iter().find(|k| k.kind == kind)
    }

    /// The entities of one kind, in file order.
    pub fn of_kind(&self, kind: EntityKind) -> &[Entity] {
        self.kind(kind).map_or(&[], |k| &k.entities)
    }

    pub fn get(&self, id: &EntityId) -> Option<&Entity> {
        let &(k, e) = self.index.get(id)?;
        Some(&self.kinds[k].entities[e])
    }

    /// An entity by kind and id.
    pub fn find(&self, kind: EntityKind, id: &str) -> Option<&Entity> {
        self.of_kind(kind).iter().find(|e| e.id.id == id)
    }

    pub fn certification(&self, id: &CertificationId) -> Option<&Entity> {
        self.find(EntityKind::Certification, id)
    }

    pub fn education(&self, id: &EducationId) -> Option<&Entity> {
        self.find(EntityKind::Education, id)
    }

    pub fn employer(&self, id: &EmployerId) -> Option<&Entity> {
        self.find(EntityKind::Employer, id)
    }

    /// The overview entry of a kind.
    pub fn overview(&self, kind: EntityKind) -> Option<&str> {
        self.kind(kind).map(|k| k.overview.as_str())
    }

    pub fn registries(&self) -> &[KindRegistry] {
        &self.kinds
    }

    pub fn all(&self) -> impl Iterator<Item = &Entity> {
        self.kinds.iter().flat_map(|k| &k.entities)
    }
}

/// An alias as compared for duplicates: its lowercase words.
fn alias_key(alias: &str) -> String {
    alias
        .to_lowercase()
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Every entity alias, as lowercase words, with what it names: for finding
/// names in entry phrasings at load time.
fn alias_table(entities: &Entities) -> HashMap<String, Vec<(Vec<String>, &Entity)>> {
    let mut table: HashMap<String, Vec<(Vec<String>, &Entity)>> = HashMap::new();
    for entity in entities.all() {
        for alias in &entity.aliases {
            let words: Vec<String> = alias_key(alias).split(' ').map(str::to_string).collect();
            if let Some(first) = words.first().filter(|w| !w.is_empty()) {
                table
                    .entry(first.clone())
                    .or_default()
                    .push((words.clone(), entity));
            }
        }
    }
    for list in table.values_mut() {
        list.sort_by_key(|(words, _)| std::cmp::Reverse(words.len()));
    }
    table
}

/// The entities a text names, longest alias first, without overlaps.
fn named_in<'a>(
    text: &str,
    table: &HashMap<String, Vec<(Vec<String>, &'a Entity)>>,
) -> Vec<(&'a Entity, String)> {
    let key = alias_key(text);
    let words: Vec<&str> = key.split(' ').filter(|w| !w.is_empty()).collect();
    let mut found = Vec::new();
    let mut at = 0;
    while at < words.len() {
        let hit = table.get(words[at]).and_then(|list| {
            list.iter().find(|(alias, _)| {
                at + alias.len() <= words.len()
                    && alias.iter().zip(&words[at..]).all(|(a, w)| a == w)
            })
        });
        match hit {
            Some((alias, entity)) => {
                found.push((*entity, alias.join(" ")));
                at += alias.len();
            }
            None => at += 1,
        }
    }
    found
}

/// An entry may not claim another entity's names in its phrasings: a
/// question naming an entity leans to that entity's entry, so a phrasing
/// that hangs on another entity's name pulls questions the wrong way. A
/// phrasing may name other entities beside one of the entry's own ("do
/// hospitals pay bonuses?" in the bonuses entry), and the overview entry of
/// a kind may name any entity of that kind ("cmaa or cehrs?").
pub fn check_phrasings(entities: &Entities, entries: &[super::Entry], problems: &mut Problems) {
    let table = alias_table(entities);
    for entry in entries {
        for phrasing in &entry.phrasings {
            let named = named_in(phrasing, &table);
            let owns = |entity: &Entity| {
                entity.entry == entry.id
                    || entities
                        .kind(entity.id.kind)
                        .is_some_and(|k| k.overview == entry.id)
            };
            if named.iter().any(|(entity, _)| owns(entity)) {
                continue;
            }
            // One problem per phrasing, however many names it borrows.
            let borrowed: Vec<String> = named
                .iter()
                .filter(|(entity, _)| !owns(entity))
                .map(|(entity, alias)| {
                    format!(
                        "the {} {:?} (as {alias:?}, whose questions lean to {:?})",
                        entity.id.kind.name(),
                        entity.name,
                        entity.entry
                    )
                })
                .collect();
            if !borrowed.is_empty() {
                problems.at(
                    &entry.file,
                    Some(entry.line),
                    format!(
                        "entry {:?} has the phrasing {phrasing:?}, which names {} and none of this entry's own; move the phrasing there or reword it",
                        entry.id,
                        borrowed.join(" and ")
                    ),
                );
            }
        }
    }
}

/// The salary model and the registries must agree on ids: every level,
/// certification and employer type the model prices is an entity, and
/// every such entity has a price.
pub fn check_model_ids(
    entities: &Entities,
    model: &super::SalaryModel,
    model_path: &Path,
    problems: &mut Problems,
) {
    let mut check = |kind: EntityKind, ids: Vec<&str>| {
        let Some(registry) = entities.kind(kind) else {
            return;
        };
        for id in &ids {
            if !registry.entities.iter().any(|e| e.id.id == *id) {
                problems.at(
                    model_path,
                    None,
                    format!(
                        "{} {id:?} has no entity in {}; add it there with its names",
                        kind.name(),
                        registry.file.display()
                    ),
                );
            }
        }
        for entity in &registry.entities {
            if !ids.contains(&entity.id.id.as_str()) {
                problems.at(
                    &entity.file,
                    Some(entity.line),
                    format!(
                        "{} {:?} has no figures in {}; add them there",
                        kind.name(),
                        entity.id.id,
                        model_path.display()
                    ),
                );
            }
        }
    };
    check(
        EntityKind::Education,
        model.education.iter().map(|e| e.id.as_str()).collect(),
    );
    check(
        EntityKind::Certification,
        model.certifications.iter().map(|c| c.id.as_str()).collect(),
    );
    check(
        EntityKind::Employer,
        model.employers.iter().map(|e| e.id.as_str()).collect(),
    );
    check(
        EntityKind::Experience,
        model.experience.iter().map(|b| b.id.as_str()).collect(),
    );
}
