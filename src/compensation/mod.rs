//! Pay packages: what a person says a job pays, beyond the base, and the
//! total it comes to.
//!
//! - [`terms`]: the terms of one package as data (base, retirement match
//!   in tiers, bonus, profit sharing, stipend, health, paid time off);
//! - [`read`]: reading them from a message, with the words of
//!   `knowledge/pay_package.toml`;
//! - [`total`]: adding them up, with every assumption made;
//! - [`offers`]: two to four offers side by side, at national prices
//!   where their places are known.
//!
//! Nothing here is worded: the reply's lines come from `replies.toml`.

mod offers;
mod read;
mod terms;
mod total;

pub use offers::{
    EVEN_WITHIN, Lead, MAX_OFFERS_WEIGHED, OfferComparison, OfferTerms, WeighedOffer, weigh,
};
pub use read::PackageReader;
pub use terms::{Amount, Benefit, HourlyBase, PackageQuestion, Tier};
pub use total::{Assumption, PackageTotal, calculate};
