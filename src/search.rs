//! Running a parsed query against the index: ranked top hits, or every hit in corpus order,
//! each with its highlights.

use crate::highlight;
use crate::hit::{Hit, SearchResult};
use crate::index::NewsIndex;
use crate::query::{self, Query};
use anyhow::Result;
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

/// How many hits to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The best N, best first.
    Top(usize),
    /// Every match, in corpus order (path, then position in the article).
    All,
}

/// Runs `query` (typed as `text`) against `index`.
pub fn search(index: &NewsIndex, text: &str, query: &Query, limit: Limit) -> Result<SearchResult> {
    let fields = &index.fields;
    // Only a `path:` glob needs every indexed path; other queries skip the O(files) list.
    let paths: Vec<&str> = if query.has_path_clause() {
        index.manifest.files.keys().map(String::as_str).collect()
    } else {
        Vec::new()
    };
    let searcher = index.reader.searcher();
    let known = |word: &str| {
        let term = tantivy::Term::from_field_text(fields.text_exact, word);
        searcher.doc_freq(&term).is_ok_and(|n| n > 0)
    };
    let query = &query::expand_compounds(query, &known);
    let compiled = query::compile(query, fields, &paths)?;
    let total = searcher.search(&*compiled, &Count)?;
    let wanted = match limit {
        Limit::Top(n) => n.min(total),
        Limit::All => total,
    };
    let top = if wanted == 0 {
        Vec::new()
    } else {
        searcher.search(&*compiled, &TopDocs::with_limit(wanted))?
    };
    let mut hits = Vec::with_capacity(top.len());
    for (score, address) in top {
        let doc: TantivyDocument = searcher.doc(address)?;
        let str_of = |f| {
            doc.get_first(f)
                .and_then(|v| v.as_str())
                .map(str::to_string)
        };
        let u64_of = |f| doc.get_first(f).and_then(|v| v.as_u64()).unwrap_or(0);
        let passage_text = str_of(fields.text).unwrap_or_default();
        hits.push(Hit {
            rank: 0,
            score,
            path: str_of(fields.path).unwrap_or_default(),
            line: u64_of(fields.line),
            title: str_of(fields.title),
            source: str_of(fields.source),
            date: str_of(fields.date),
            passage: u64_of(fields.ordinal),
            highlights: highlight::spans(query, &passage_text),
            text: passage_text,
        });
    }
    if limit == Limit::All {
        hits.sort_by(|a, b| (&a.path, a.passage).cmp(&(&b.path, b.passage)));
    }
    for (i, hit) in hits.iter_mut().enumerate() {
        hit.rank = i + 1;
    }
    Ok(SearchResult {
        query: text.to_string(),
        total,
        hits,
    })
}
