//! `search --count --by`: matching articles, passages and occurrences per period or source,
//! beside all the articles of that period or source.

use super::copies::Stories;
use super::periods::{self, Period};
use crate::cli::By;
use crate::hit::ArticleCount;
use crate::index::NewsIndex;
use anyhow::Result;
use serde::Serialize;
use std::collections::BTreeMap;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, TERMINATED};

/// The row of one period or source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodRow {
    /// The period (`1987-03`, `1987-W10`...) or the source; `None` for the articles without
    /// one (no date, or one too vague for the period; no source).
    pub key: Option<String>,
    /// Matching articles.
    pub articles: usize,
    /// Matching passages.
    pub passages: usize,
    /// Highlighted occurrences in those passages.
    pub occurrences: usize,
    /// All the articles of the period or source, matching or not.
    pub total_articles: usize,
    /// `articles / total_articles`.
    pub share: f64,
}

/// A query's matches by period or source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct PeriodCounts {
    /// The query as typed.
    pub query: String,
    /// What the rows are keyed by.
    pub by: By,
    /// Matching articles in all rows.
    pub total: usize,
    /// One row per period or source holding articles, whether any match or not.
    pub rows: Vec<PeriodRow>,
}

/// The key of an article with `date` and `source` under `by`.
pub fn key(by: By, date: Option<&str>, source: Option<&str>) -> Option<String> {
    let period = match by {
        By::Source => return source.map(str::to_string),
        By::Day => Period::Day,
        By::Week => Period::Week,
        By::Month => Period::Month,
        By::Year => Period::Year,
    };
    date.and_then(|d| periods::key(period, d))
}

/// All the articles of the index by key.
pub fn totals(index: &NewsIndex, by: By) -> Result<BTreeMap<Option<String>, usize>> {
    let period = match by {
        By::Source => return source_totals(index),
        By::Day => Period::Day,
        By::Week => Period::Week,
        By::Month => Period::Month,
        By::Year => Period::Year,
    };
    date_totals(index, period)
}

/// Articles by source: one pass over the columns of every article's first passage, which
/// carries the source.
fn source_totals(index: &NewsIndex) -> Result<BTreeMap<Option<String>, usize>> {
    let searcher = index.reader.searcher();
    let mut totals = BTreeMap::new();
    super::tally::for_each_article(&searcher, |first| {
        *totals.entry(first.source).or_default() += 1;
    })?;
    Ok(totals)
}

/// Articles by period, read from the date field's dictionary (a date is one whole term) rather
/// than from the stored documents: a few postings lists instead of a document per article.
/// An article is counted at its first passage; the articles left over have no date.
fn date_totals(index: &NewsIndex, period: Period) -> Result<BTreeMap<Option<String>, usize>> {
    let searcher = index.reader.searcher();
    let mut totals: BTreeMap<Option<String>, usize> = BTreeMap::new();
    for segment in searcher.segment_readers() {
        let ordinals = segment.fast_fields().u64("ordinal")?;
        let is_article = |doc: DocId| !segment.is_deleted(doc) && ordinals.first(doc) == Some(0);
        let articles = (0..segment.max_doc())
            .filter(|&doc| is_article(doc))
            .count();
        let mut dated = 0;
        let inverted = segment.inverted_index(index.fields.date)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            let mut postings =
                inverted.read_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            let mut n = 0;
            let mut doc = postings.doc();
            while doc != TERMINATED {
                n += usize::from(is_article(doc));
                doc = postings.advance();
            }
            if n > 0 {
                let date = String::from_utf8_lossy(terms.key());
                *totals.entry(periods::key(period, &date)).or_default() += n;
                dated += n;
            }
        }
        if articles > dated {
            *totals.entry(None).or_default() += articles - dated;
        }
    }
    Ok(totals)
}

/// The matches of one period or source: the part of a row a query's articles make.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Matched {
    /// Matching articles.
    pub articles: usize,
    /// Matching passages.
    pub passages: usize,
    /// Highlighted occurrences in those passages.
    pub occurrences: usize,
}

impl Matched {
    /// Adds the matches of `other`.
    pub fn add(&mut self, other: Matched) {
        self.articles += other.articles;
        self.passages += other.passages;
        self.occurrences += other.occurrences;
    }
}

/// The matches `counts` (per article) by the key of each article under `by`.
pub fn matched_by_key(by: By, counts: &[ArticleCount]) -> BTreeMap<Option<String>, Matched> {
    let mut matched: BTreeMap<Option<String>, Matched> = BTreeMap::new();
    for c in counts {
        matched
            .entry(key(by, c.date.as_deref(), c.source.as_deref()))
            .or_default()
            .add(Matched {
                articles: 1,
                passages: c.passages,
                occurrences: c.occurrences,
            });
    }
    matched
}

/// The rows of `counts` (per-article matches) against `totals`: one per key of `totals`, with
/// a key that only the matches hold added (an index read apart from the search), periods in
/// order, sources with most matching articles first, and the undated row last.
pub fn rows(
    by: By,
    counts: &[ArticleCount],
    totals: &BTreeMap<Option<String>, usize>,
) -> Vec<PeriodRow> {
    rows_of(by, &matched_by_key(by, counts), totals)
}

/// [`rows`] of matches already counted per key.
fn rows_of(
    by: By,
    matched: &BTreeMap<Option<String>, Matched>,
    totals: &BTreeMap<Option<String>, usize>,
) -> Vec<PeriodRow> {
    let mut rows: BTreeMap<Option<String>, PeriodRow> = totals
        .iter()
        .map(|(k, &total)| (k.clone(), empty_row(k.clone(), total)))
        .collect();
    for (k, m) in matched {
        let row = rows
            .entry(k.clone())
            .or_insert_with(|| empty_row(k.clone(), 0));
        row.articles += m.articles;
        row.passages += m.passages;
        row.occurrences += m.occurrences;
    }
    let mut rows: Vec<PeriodRow> = rows.into_values().collect();
    for row in &mut rows {
        row.total_articles = row.total_articles.max(row.articles);
        row.share = super::share(row.articles, row.total_articles);
    }
    // `None` sorts first in a BTreeMap: the undated row goes last, below the chart.
    rows.sort_by(|a, b| {
        let order = a.key.is_none().cmp(&b.key.is_none());
        if by == By::Source {
            order
                .then_with(|| b.articles.cmp(&a.articles))
                .then_with(|| b.total_articles.cmp(&a.total_articles))
                .then_with(|| a.key.cmp(&b.key))
        } else {
            order.then_with(|| a.key.cmp(&b.key))
        }
    });
    rows
}

fn empty_row(key: Option<String>, total_articles: usize) -> PeriodRow {
    PeriodRow {
        key,
        articles: 0,
        passages: 0,
        occurrences: 0,
        total_articles,
        share: 0.0,
    }
}

/// The matches `counts` of `query` by `by`, against all the articles of `index`; with
/// `stories`, each story counted once (see `copies`).
pub fn count_by(
    index: &NewsIndex,
    query: &str,
    by: By,
    counts: &[ArticleCount],
    stories: Option<&Stories>,
) -> Result<PeriodCounts> {
    Ok(match stories {
        Some(stories) => count_against(
            query,
            by,
            &stories.count_once(counts.to_vec()),
            &stories.totals(by),
        ),
        None => count_against(query, by, counts, &totals(index, by)?),
    })
}

/// [`count_by`] against `totals` read before (a server reads them once per index commit).
pub fn count_against(
    query: &str,
    by: By,
    counts: &[ArticleCount],
    totals: &BTreeMap<Option<String>, usize>,
) -> PeriodCounts {
    PeriodCounts {
        query: query.to_string(),
        by,
        total: counts.len(),
        rows: rows(by, counts, totals),
    }
}

/// [`count_against`] of `articles` matching articles already counted per key under `by`
/// ([`super::tally::tally_by`]), which gives the same counts.
pub fn count_matched(
    query: &str,
    by: By,
    articles: usize,
    matched: &BTreeMap<Option<String>, Matched>,
    totals: &BTreeMap<Option<String>, usize>,
) -> PeriodCounts {
    PeriodCounts {
        query: query.to_string(),
        by,
        total: articles,
        rows: rows_of(by, matched, totals),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn article(path: &str, date: Option<&str>, passages: usize) -> ArticleCount {
        ArticleCount {
            path: path.into(),
            title: None,
            source: None,
            date: date.map(str::to_string),
            passages,
            occurrences: passages * 2,
        }
    }

    #[test]
    fn every_period_with_articles_has_a_row_and_the_undated_come_last() {
        let totals = BTreeMap::from([
            (None, 1),
            (Some("1987-02".to_string()), 2),
            (Some("1987-03".to_string()), 4),
        ]);
        let counts = [article("a", Some("1987-03-05"), 2), article("b", None, 1)];
        let rows = rows(By::Month, &counts, &totals);
        let summary: Vec<(Option<&str>, usize, usize, usize, f64)> = rows
            .iter()
            .map(|r| {
                (
                    r.key.as_deref(),
                    r.articles,
                    r.passages,
                    r.total_articles,
                    r.share,
                )
            })
            .collect();
        assert_eq!(
            summary,
            [
                (Some("1987-02"), 0, 0, 2, 0.0),
                (Some("1987-03"), 1, 2, 4, 0.25),
                (None, 1, 1, 1, 1.0),
            ]
        );
    }
}
