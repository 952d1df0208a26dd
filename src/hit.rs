//! The hit: one matching passage with where it stands and what matched, the one struct every
//! printer renders.

use crate::highlight::Span;
use serde::Serialize;

/// Where a passage stands and what article it is from: what every hit cites.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Citation {
    /// Path of the article file (of the collection, for a record of one).
    pub path: String,
    /// 1-based number of the record in a collection file (WARC, JSON, CSV); `None` for a
    /// plain article file.
    pub record: Option<u64>,
    /// 1-based line of the original file (of the record's text): where the passage starts,
    /// or where a quote's first matched word stands.
    pub line: u64,
    /// Address of the page, when its record gave one.
    pub url: Option<String>,
    /// ISO 639-1 code of the article's language, when known.
    pub lang: Option<String>,
    /// Article title.
    pub title: Option<String>,
    /// Article source or outlet.
    pub source: Option<String>,
    /// Article date (ISO 8601).
    pub date: Option<String>,
}

impl Citation {
    /// The article as cited: its path, with `#record` for a record of a collection.
    pub fn article(&self) -> String {
        cited(&self.path, self.record)
    }
}

/// A matching passage.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Hit {
    /// 1-based rank by score; absent where hits are listed in corpus order (`--all`), which
    /// ranks nothing.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rank: Option<usize>,
    /// BM25 score (higher is better).
    pub score: f32,
    /// The article and line the passage is cited by.
    #[serde(flatten)]
    pub citation: Citation,
    /// Ordinal of the passage in its article (0 is the title).
    pub passage: u64,
    /// The whole passage.
    pub text: String,
    /// Byte ranges of `text` that matched, `[start, end]`.
    pub highlights: Vec<Span>,
    /// The same ranges in chars, for tools that count characters.
    pub highlight_chars: Vec<Span>,
    /// Passages before this one in the article (with `--context`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub before: Vec<String>,
    /// Passages after this one in the article (with `--context`).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub after: Vec<String>,
    /// The story the article belongs to: its group of copies (syndicated, re-sent), found at
    /// index time (see `stories`); absent in an index without groups.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub story: Option<u64>,
    /// With `--dedup`: the paths of the story's other copies in the index.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub copies: Vec<String>,
}

impl Hit {
    /// The article as cited: its path, with `#record` for a record of a collection.
    pub fn article(&self) -> String {
        self.citation.article()
    }
}

/// An article as cited: `path`, or `path#record` for a record of a collection.
pub fn cited(path: &str, record: Option<u64>) -> String {
    match record {
        Some(n) => format!("{path}#{n}"),
        None => path.to_string(),
    }
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

/// Ranks `hits`, listed best first, 1 to n.
pub fn rank_in_order(hits: &mut [Hit]) {
    for (i, hit) in hits.iter_mut().enumerate() {
        hit.rank = Some(i + 1);
    }
}

/// Matching passages and occurrences in one article (`--count`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct ArticleCount {
    /// Path of the article file.
    pub path: String,
    /// Article title.
    pub title: Option<String>,
    /// Article source.
    pub source: Option<String>,
    /// Article date.
    pub date: Option<String>,
    /// Matching passages.
    pub passages: usize,
    /// Highlighted occurrences in those passages.
    pub occurrences: usize,
}

/// Per-article counts of `hits`, most occurrences first (then path).
pub fn count_by_article(hits: &[Hit]) -> Vec<ArticleCount> {
    let mut by_path: std::collections::BTreeMap<String, ArticleCount> = Default::default();
    for hit in hits {
        let entry = by_path
            .entry(hit.article())
            .or_insert_with(|| ArticleCount {
                path: hit.article(),
                title: hit.citation.title.clone(),
                source: hit.citation.source.clone(),
                date: hit.citation.date.clone(),
                passages: 0,
                occurrences: 0,
            });
        entry.passages += 1;
        entry.occurrences += hit.highlights.len();
    }
    let mut counts: Vec<ArticleCount> = by_path.into_values().collect();
    counts.sort_by(|a, b| {
        b.occurrences
            .cmp(&a.occurrences)
            .then_with(|| a.path.cmp(&b.path))
    });
    counts
}

/// The paths of the articles of `hits`, each once, in path order (`-l`).
pub fn paths(hits: &[Hit]) -> Vec<String> {
    let mut paths: Vec<String> = hits.iter().map(|h| h.citation.path.clone()).collect();
    paths.sort_unstable();
    paths.dedup();
    paths
}

/// Orders of a list of hits (`--sort`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Order {
    /// Best first.
    Relevance,
    /// Newest article first, undated articles last.
    Date,
    /// Corpus order: by path, then position in the article.
    Path,
}

/// Sorts `hits` into `order` and numbers their ranks again. Every order ends on path and
/// passage, so that equal keys come out the same way on every run.
pub fn sort_hits(hits: &mut [Hit], order: Order) {
    fn place(h: &Hit) -> (&str, Option<u64>, u64) {
        (&h.citation.path, h.citation.record, h.passage)
    }
    match order {
        Order::Relevance => hits.sort_by(|a, b| {
            b.score
                .total_cmp(&a.score)
                .then_with(|| place(a).cmp(&place(b)))
        }),
        // An ISO date sorts as its text; `None` after every date.
        Order::Date => hits.sort_by(|a, b| {
            (b.citation.date.is_some(), &b.citation.date)
                .cmp(&(a.citation.date.is_some(), &a.citation.date))
                .then_with(|| place(a).cmp(&place(b)))
        }),
        Order::Path => hits.sort_by(|a, b| place(a).cmp(&place(b))),
    }
    for (i, hit) in hits.iter_mut().enumerate() {
        hit.rank = Some(i + 1);
    }
}

/// Hits grouped by article, articles in the order of their best hit (`--group article`).
pub fn group_by_article(hits: Vec<Hit>, per_article: usize) -> Vec<Vec<Hit>> {
    let mut groups: Vec<Vec<Hit>> = Vec::new();
    let mut index: std::collections::HashMap<String, usize> = Default::default();
    for hit in hits {
        let i = *index.entry(hit.article()).or_insert_with(|| {
            groups.push(Vec::new());
            groups.len() - 1
        });
        if groups[i].len() < per_article {
            groups[i].push(hit);
        }
    }
    groups
}
