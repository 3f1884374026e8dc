//! Pay packages: what a person says a job pays, beyond the base, and the
//! total it comes to.
//!
//! - [`terms`]: the terms of one package as data (base, retirement match
//!   in tiers, bonus, profit sharing, stipend, health, paid time off);
//! - [`read`]: reading them from a message, with the words of
//!   `knowledge/pay_package.toml`;
//! - [`total`]: adding them up, with every assumption made.
//!
//! Nothing here is worded: the reply's lines come from `replies.toml`.

mod read;
mod terms;
mod total;

pub use read::PackageReader;
pub use terms::{Amount, HourlyBase, PackageQuestion, Tier};
pub use total::{Assumption, PackageTotal, calculate};
