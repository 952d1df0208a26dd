//! The corpus in figures, read from the index: articles, passages, distinct words, sources,
//! date range, and the word list with document frequencies (a concordancer's word list).

use crate::index::NewsIndex;
use crate::stored;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::schema::Field;

/// An indexed word and the number of passages holding it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct TermCount {
    /// The word (surface form, case- and accent-folded).
    pub term: String,
    /// Passages holding it.
    pub passages: u64,
}

/// Corpus statistics.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Stats {
    /// Articles indexed.
    pub articles: usize,
    /// Files skipped.
    pub skipped: usize,
    /// Passages indexed.
    pub passages: u64,
    /// Distinct words.
    pub distinct_terms: usize,
    /// Sources with their article counts, most first.
    pub sources: Vec<(String, usize)>,
    /// Earliest article date.
    pub first_date: Option<String>,
    /// Latest article date.
    pub last_date: Option<String>,
    /// Most frequent content words.
    pub top_terms: Vec<TermCount>,
}

/// Every term of `field` starting with `prefix`, with passage counts summed over segments.
fn term_counts(index: &NewsIndex, field: Field, prefix: &str) -> Result<BTreeMap<String, u64>> {
    let searcher = index.reader.searcher();
    let mut counts = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let mut stream = inverted
            .terms()
            .range()
            .ge(prefix.as_bytes())
            .into_stream()?;
        while stream.advance() {
            let Ok(term) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if !term.starts_with(prefix) {
                break;
            }
            *counts.entry(term.to_string()).or_default() += u64::from(stream.value().doc_freq);
        }
    }
    Ok(counts)
}

/// The surface words of the body starting with `prefix`, with passage counts.
fn body_words(index: &NewsIndex, prefix: &str) -> Result<BTreeMap<String, u64>> {
    let searcher = index.reader.searcher();
    let fields = &index.fields;
    Ok(crate::query::word_counts(&searcher, fields.text, prefix)?)
}

/// Indexed words starting with `prefix`, most frequent first.
pub fn terms(index: &NewsIndex, prefix: &str, limit: usize) -> Result<Vec<TermCount>> {
    let prefix = crate::analysis::normalize_word(prefix, crate::analysis::Mode::Exact);
    let words = body_words(index, &prefix)?;
    Ok(most_frequent(words, |_| true, limit))
}

/// The `limit` most frequent words that pass `keep`, most frequent first, then alphabetical.
fn most_frequent(
    words: BTreeMap<String, u64>,
    keep: impl Fn(&str) -> bool,
    limit: usize,
) -> Vec<TermCount> {
    let mut list: Vec<TermCount> = words
        .into_iter()
        .filter(|(t, _)| keep(t))
        .map(|(term, passages)| TermCount { term, passages })
        .collect();
    list.sort_by(|a, b| {
        b.passages
            .cmp(&a.passages)
            .then_with(|| a.term.cmp(&b.term))
    });
    list.truncate(limit);
    list
}

/// Statistics of the whole index.
pub fn stats(index: &NewsIndex, top: usize) -> Result<Stats> {
    let searcher = index.reader.searcher();
    let words = body_words(index, "")?;
    let distinct_terms = words.len();
    let content_word = |t: &str| t.chars().count() > 2 && !crate::clean::is_function_word(t);
    let top_terms = most_frequent(words, content_word, top);
    let dates = term_counts(index, index.fields.date, "")?;
    let mut sources: BTreeMap<String, usize> = BTreeMap::new();
    stored::for_each_article(&searcher, &index.fields, |first| {
        if let Some(source) = first.citation.source {
            *sources.entry(source).or_default() += 1;
        }
    })?;
    let mut sources: Vec<(String, usize)> = sources.into_iter().collect();
    sources.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let files = &index.manifest()?.files;
    Ok(Stats {
        articles: files.values().filter(|f| f.passages > 0).count(),
        skipped: files.values().filter(|f| f.passages == 0).count(),
        passages: searcher.num_docs(),
        distinct_terms,
        sources,
        first_date: dates.keys().next().cloned(),
        last_date: dates.keys().next_back().cloned(),
        top_terms,
    })
}
