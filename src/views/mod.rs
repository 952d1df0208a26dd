//! Research views: a query's matches counted over time or by source, against all the articles
//! of each period or source, and several queries compared side by side (Media Cloud's
//! attention over time). Counts are per article, as the researchers' charts count stories.
//!
//! The totals come from the index ([`by::totals`]: the date dictionary, or each article's first
//! passage for its source), the matches from an
//! ordinary search with every hit, so the counts agree with `search --count`.

pub mod by;
pub mod collocates;
pub mod compare;
pub mod copies;
pub mod periods;
pub mod tally;

pub use by::{count_by, PeriodCounts, PeriodRow};
pub use compare::{compare, Comparison};

use crate::freshness::Cites;

/// Counts over the whole index cite no file, like `stats`.
impl Cites for PeriodCounts {}

impl Cites for collocates::Collocates {}

/// The groups list paths, but as a view of the whole index, like `stats`.
impl Cites for Vec<copies::Group> {}

impl Cites for Comparison {}

/// `articles / total`, 0 for an empty total.
fn share(articles: usize, total: usize) -> f64 {
    if total == 0 {
        0.0
    } else {
        articles as f64 / total as f64
    }
}
