//! `compare`: several queries side by side, a row per period or source and a column per query,
//! each against all the articles of the row (a saved query set, as Media Cloud compares them).

use super::by::{self, PeriodRow};
use super::copies::Stories;
use crate::cli::By;
use crate::hit::ArticleCount;
use crate::index::NewsIndex;
use anyhow::{bail, Result};
use serde::{Serialize, Serializer};

/// A query with the name its column goes by.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct NamedQuery {
    /// The column's name.
    pub name: String,
    /// The query as typed.
    pub query: String,
}

/// The matches of one query in one row.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct QueryCount {
    /// Matching articles.
    pub articles: usize,
    /// `articles / total_articles` of the row.
    pub share: f64,
}

/// One period or source.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CompareRow {
    /// The period or source; `None` for the articles without one.
    pub key: Option<String>,
    /// All the articles of the row, matching or not.
    pub total_articles: usize,
    /// Each query's matches, by name, in the order the queries were given.
    #[serde(serialize_with = "in_query_order")]
    pub counts: Vec<(String, QueryCount)>,
}

/// The queries' matches side by side.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Comparison {
    /// What the rows are keyed by.
    pub by: By,
    /// The queries, in column order.
    pub queries: Vec<NamedQuery>,
    /// One row per period or source holding articles.
    pub rows: Vec<CompareRow>,
}

/// A JSON object keyed by query name, keys in column order.
fn in_query_order<S: Serializer>(
    counts: &[(String, QueryCount)],
    serializer: S,
) -> Result<S::Ok, S::Error> {
    serializer.collect_map(counts.iter().map(|(name, count)| (name, count)))
}

/// The comparison of `queries`, whose per-article matches are `matches` (in the same order);
/// with `stories`, each story counted once (see `copies`).
pub fn compare(
    index: &NewsIndex,
    by: By,
    queries: Vec<NamedQuery>,
    matches: &[Vec<ArticleCount>],
    stories: Option<&Stories>,
) -> Result<Comparison> {
    let (matches, totals): (Vec<Vec<ArticleCount>>, _) = match stories {
        Some(stories) => (
            matches
                .iter()
                .map(|m| stories.count_once(m.clone()))
                .collect(),
            stories.totals(by),
        ),
        None => (matches.to_vec(), by::totals(index, by)?),
    };
    // Each query's rows hold every key of the totals; a key only matches hold (an index read
    // apart from the search) would be missing from the other columns, so rows are joined by key.
    let per_query: Vec<Vec<PeriodRow>> = matches
        .iter()
        .map(|counts| by::rows(by, counts, &totals))
        .collect();
    let mut keys: Vec<(Option<String>, usize)> = Vec::new();
    for rows in &per_query {
        for row in rows {
            match keys.iter_mut().find(|(k, _)| *k == row.key) {
                Some((_, total)) => *total = (*total).max(row.total_articles),
                None => keys.push((row.key.clone(), row.total_articles)),
            }
        }
    }
    if by == By::Source {
        // Sources in order of all their articles, not of the first query's matches.
        keys.sort_by(|a, b| {
            (a.0.is_none(), std::cmp::Reverse(a.1), &a.0).cmp(&(
                b.0.is_none(),
                std::cmp::Reverse(b.1),
                &b.0,
            ))
        });
    } else {
        keys.sort_by(|a, b| (a.0.is_none(), &a.0).cmp(&(b.0.is_none(), &b.0)));
    }
    let rows = keys
        .into_iter()
        .map(|(key, total_articles)| {
            let counts = queries
                .iter()
                .zip(&per_query)
                .map(|(q, rows)| {
                    let articles = rows.iter().find(|r| r.key == key).map_or(0, |r| r.articles);
                    let count = QueryCount {
                        articles,
                        share: super::share(articles, total_articles),
                    };
                    (q.name.clone(), count)
                })
                .collect();
            CompareRow {
                key,
                total_articles,
                counts,
            }
        })
        .collect();
    Ok(Comparison { by, queries, rows })
}

/// The queries of a query-set file: one `name<TAB>query` a line; blank lines and lines
/// starting with `#` are skipped. Names must be distinct, since they key the JSON columns.
pub fn parse_query_set(text: &str) -> Result<Vec<NamedQuery>> {
    let mut queries: Vec<NamedQuery> = Vec::new();
    for (i, line) in text.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        let Some((name, query)) = line.split_once('\t') else {
            bail!("line {}: expected NAME<TAB>QUERY", i + 1);
        };
        let (name, query) = (name.trim(), query.trim());
        if name.is_empty() || query.is_empty() {
            bail!("line {}: expected NAME<TAB>QUERY", i + 1);
        }
        push_named(&mut queries, name, query)?;
    }
    Ok(queries)
}

/// Adds `query` named `name`, refusing a name already taken.
pub fn push_named(queries: &mut Vec<NamedQuery>, name: &str, query: &str) -> Result<()> {
    if queries.iter().any(|q| q.name == name) {
        bail!("the query name {name:?} is given twice");
    }
    queries.push(NamedQuery {
        name: name.to_string(),
        query: query.to_string(),
    });
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_query_set_file_names_each_query() {
        let set = parse_query_set("# mine\ncoffee\tcoffee OR cocoa\n\ntea\t\"green tea\"\r\n")
            .expect("a query set");
        let pairs: Vec<(&str, &str)> = set
            .iter()
            .map(|q| (q.name.as_str(), q.query.as_str()))
            .collect();
        assert_eq!(
            pairs,
            [("coffee", "coffee OR cocoa"), ("tea", "\"green tea\"")]
        );
    }

    #[test]
    fn a_query_set_line_without_a_tab_or_with_a_name_twice_is_refused() {
        let error = parse_query_set("coffee\tcoffee\ntea only\n").expect_err("no tab");
        assert_eq!(error.to_string(), "line 2: expected NAME<TAB>QUERY");
        assert!(parse_query_set("a\tx\na\ty\n").is_err());
    }
}
