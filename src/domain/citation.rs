//! How an answer cites a source: in full and in a few words.

use serde::Serialize;

/// One source as an answer cites it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// "name, date", as the terminal and the Sources button show it.
    pub full: String,
    /// A few words with the date, for a card's one-line footer.
    pub short: String,
}
