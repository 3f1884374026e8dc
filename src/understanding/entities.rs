//! Finding the things a person names: certifications, degrees, experience
//! levels, employer types, benefits, skills and duties, by the aliases in
//! their registries (`knowledge/entities/`), and the words that name a kind
//! as a whole ("certifications", "degree").

use super::phrases::{PhraseSet, TokenText};
use crate::domain::{EntityId, EntityKind};
use crate::knowledge::Entities;

/// What a mention names: one entity, or a kind as a whole.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Named {
    Entity(EntityId),
    Kind(EntityKind),
}

impl Named {
    pub fn kind(&self) -> EntityKind {
        match self {
            Named::Entity(id) => id.kind,
            Named::Kind(kind) => *kind,
        }
    }
}

/// One name found in a message: tokens `start..end`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub named: Named,
    pub start: usize,
    pub end: usize,
}

impl Mention {
    pub fn entity(&self) -> Option<&EntityId> {
        match &self.named {
            Named::Entity(id) => Some(id),
            Named::Kind(_) => None,
        }
    }
}

/// Finds entity names in messages; built once from the registries.
pub struct EntityFinder {
    phrases: PhraseSet<usize>,
    targets: Vec<Named>,
}

impl EntityFinder {
    pub fn new(entities: &Entities) -> EntityFinder {
        let mut targets = Vec::new();
        let mut phrases = Vec::new();
        for registry in entities.registries() {
            for entity in &registry.entities {
                let target = targets.len();
                targets.push(Named::Entity(entity.id.clone()));
                phrases.extend(entity.aliases.iter().map(|a| (a.clone(), target)));
            }
            let target = targets.len();
            targets.push(Named::Kind(registry.kind));
            phrases.extend(registry.words.iter().map(|w| (w.clone(), target)));
        }
        EntityFinder {
            phrases: PhraseSet::new(phrases),
            targets,
        }
    }

    /// Every name in the text, longest first where they overlap, in order.
    pub fn find(&self, text: &TokenText) -> Vec<Mention> {
        self.phrases
            .find_longest(text)
            .into_iter()
            .map(|found| Mention {
                named: self.targets[found.label].clone(),
                start: found.start,
                end: found.end,
            })
            .collect()
    }
}

/// The distinct entities of one kind among the mentions, in order.
pub fn entities_of(mentions: &[Mention], kind: EntityKind) -> Vec<&EntityId> {
    let mut found: Vec<&EntityId> = Vec::new();
    for id in mentions.iter().filter_map(Mention::entity) {
        if id.kind == kind && !found.contains(&id) {
            found.push(id);
        }
    }
    found
}
