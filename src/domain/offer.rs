//! How a person told their job offers apart, kept as structure so the
//! reply can word it: "Offer B", "Job 2", "the second offer", "the clinic".

use serde::Serialize;

/// The name of one job offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
pub enum OfferLabel {
    /// A label word and a letter or number: "offer" + "b", "job" + "2".
    Lettered { noun: String, mark: String },
    /// A place in the order and a label word: 2 + "offer" ("the second
    /// offer").
    Ordered { place: u8, noun: String },
    /// An employer's own name ("riverside pt"), or a kind of employer
    /// with "the" ("the hospital"). Letters only, so it can never carry a
    /// mention or markdown.
    Named { words: Vec<String>, the: bool },
    /// An offer known by its place only ("$52,000 in Seattle or $45,000
    /// in Dallas"): named after the place, once the reply has named it.
    AtPlace { name: String },
}

impl OfferLabel {
    /// The offer's place in the order, when its name gives one (offer A
    /// and offer 1 are first).
    pub fn place(&self) -> Option<u8> {
        match self {
            OfferLabel::Lettered { mark, .. } => match mark.as_str() {
                "a" | "1" => Some(1),
                "b" | "2" => Some(2),
                "c" | "3" => Some(3),
                "d" | "4" => Some(4),
                _ => None,
            },
            OfferLabel::Ordered { place, .. } => Some(*place),
            OfferLabel::Named { .. } | OfferLabel::AtPlace { .. } => None,
        }
    }

    /// The label of the offer at `place` (1-based) among ones given with no
    /// name at all: "offer a", "offer b".
    pub fn default_at(place: usize, noun: &str) -> OfferLabel {
        let mark = (b'a' + (place.clamp(1, 26) - 1) as u8) as char;
        OfferLabel::Lettered {
            noun: noun.to_string(),
            mark: mark.to_string(),
        }
    }
}
