//! Typed ids. A certification id cannot be passed where an employer id is
//! wanted, and an entity is always known together with its kind.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! string_id {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(String);

        impl $name {
            pub fn new(id: impl Into<String>) -> $name {
                $name(id.into())
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::ops::Deref for $name {
            type Target = str;
            fn deref(&self) -> &str {
                &self.0
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl From<&str> for $name {
            fn from(id: &str) -> $name {
                $name(id.to_string())
            }
        }

        impl PartialEq<str> for $name {
            fn eq(&self, other: &str) -> bool {
                self.0 == other
            }
        }

        impl PartialEq<String> for $name {
            fn eq(&self, other: &String) -> bool {
                self.0 == *other
            }
        }

        impl PartialEq<&str> for $name {
            fn eq(&self, other: &&str) -> bool {
                self.0 == *other
            }
        }
    };
}

string_id!(
    /// A certification: `cmaa`, `cehrs`, `cpct`.
    CertificationId
);
string_id!(
    /// An education level: `high_school`, `associate`, `bachelor`...
    EducationId
);
string_id!(
    /// An employer type: `hospital`, `private_clinic`...
    EmployerId
);
string_id!(
    /// A knowledge entry (a topic): `certs.cmaa`, `pay.national`.
    TopicId
);

/// The kinds of thing a person can name, each with its own registry in
/// `knowledge/entities/`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum EntityKind {
    Certification,
    Education,
    Experience,
    Employer,
    Benefit,
    Skill,
    Duty,
    /// A source of pay figures: Salary.com, Payscale, Glassdoor, BLS.
    Source,
}

impl EntityKind {
    pub const ALL: [EntityKind; 8] = [
        EntityKind::Certification,
        EntityKind::Education,
        EntityKind::Experience,
        EntityKind::Employer,
        EntityKind::Benefit,
        EntityKind::Skill,
        EntityKind::Duty,
        EntityKind::Source,
    ];

    /// The name used in file names and TOML: `certification`, `benefit`.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::Certification => "certification",
            EntityKind::Education => "education",
            EntityKind::Experience => "experience",
            EntityKind::Employer => "employer",
            EntityKind::Benefit => "benefit",
            EntityKind::Skill => "skill",
            EntityKind::Duty => "duty",
            EntityKind::Source => "source",
        }
    }

    pub fn from_name(name: &str) -> Option<EntityKind> {
        EntityKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// Whether it is a thing a person goes and gets (a certification, a
    /// degree, a skill): such things are alternatives to each other
    /// whatever their kind ("a CMAA or a bachelor's?").
    pub fn is_acquired(self) -> bool {
        matches!(
            self,
            EntityKind::Certification | EntityKind::Education | EntityKind::Skill
        )
    }
}

/// One named thing: its kind and its id within the kind (`certification`
/// `cmaa`, `employer` `hospital`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct EntityId {
    pub kind: EntityKind,
    pub id: String,
}

impl EntityId {
    pub fn new(kind: EntityKind, id: impl Into<String>) -> EntityId {
        EntityId {
            kind,
            id: id.into(),
        }
    }
}

impl fmt::Display for EntityId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.kind.name(), self.id)
    }
}
