//! The hit: one matching passage with where it stands and what matched, the one struct every
//! printer renders.

use crate::highlight::Span;
use serde::Serialize;

/// A matching passage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank in the result list.
    pub rank: usize,
    /// BM25 score (higher is better).
    pub score: f32,
    /// Path of the article file.
    pub path: String,
    /// 1-based line of the original file where the passage starts.
    pub line: u64,
    /// Article title.
    pub title: Option<String>,
    /// Article source or outlet.
    pub source: Option<String>,
    /// Article date (ISO 8601).
    pub date: Option<String>,
    /// Ordinal of the passage in its article (0 is the title).
    pub passage: u64,
    /// The whole passage.
    pub text: String,
    /// Byte ranges of `text` that matched.
    pub highlights: Vec<Span>,
}

/// The hits of one query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SearchResult {
    /// The query as typed.
    pub query: String,
    /// Number of matching passages (all of them, not only those shown).
    pub total: usize,
    /// The hits shown.
    pub hits: Vec<Hit>,
}
