//! Running a parsed query against the index: ranked top hits, or every hit in corpus order,
//! each with its highlights and, on request, the passages around it.

use crate::highlight::{self, Span};
use crate::hit::{Hit, SearchResult};
use crate::index::NewsIndex;
use crate::query::{self, Query};
use crate::stored;
use anyhow::Result;
use tantivy::collector::{Collector, Count, SegmentCollector, TopDocs};
use tantivy::{DocAddress, DocId, Score, SegmentOrdinal, SegmentReader};

/// How many hits to return.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Limit {
    /// The best N, best first.
    Top(usize),
    /// Every match, in corpus order (path, then position in the article).
    All,
}

/// What to search for and how much to bring back.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// How many hits.
    pub limit: Limit,
    /// Match surface words only (no stemming).
    pub exact: bool,
    /// Match accents as written.
    pub accents: bool,
    /// Passages of context to bring before and after each hit.
    pub context: usize,
}

/// Char offsets of byte spans, for formats that count characters.
pub fn char_spans(text: &str, spans: &[Span]) -> Vec<Span> {
    let to_char = |byte: usize| text.get(..byte).map_or(0, |s| s.chars().count());
    spans
        .iter()
        .map(|s| Span {
            start: to_char(s.start),
            end: to_char(s.end),
        })
        .collect()
}

/// Runs `query` (typed as `text`) against `index`.
pub fn search(
    index: &NewsIndex,
    text: &str,
    query: &Query,
    options: Options,
) -> Result<SearchResult> {
    let fields = &index.fields;
    let searcher = index.reader.searcher();
    let known = |word: &str| {
        let term = tantivy::Term::from_field_text(fields.text_exact, word);
        searcher.doc_freq(&term).is_ok_and(|n| n > 0)
    };
    let mut query = if options.exact {
        query::make_exact(query)
    } else {
        query.clone()
    };
    query.accents = options.accents;
    let query = &query::expand_compounds(&query, &known);
    let paths = if query.has_path_clause() {
        stored::paths(&searcher, fields)?
    } else {
        Vec::new()
    };
    let paths: Vec<&str> = paths.iter().map(String::as_str).collect();
    let compiled = query::compile(query, fields, &paths)?;
    let (total, top) = if query.needs_check() {
        checked_matches(&searcher, fields, query, &*compiled, options.limit)?
    } else {
        // One pass counts and ranks; `--all` takes every match in index order, unranked.
        let (total, mut top) = match options.limit {
            Limit::Top(n) => {
                searcher.search(&*compiled, &(Count, TopDocs::with_limit(n.max(1))))?
            }
            Limit::All => {
                let all = searcher.search(&*compiled, &AllMatches)?;
                (all.len(), all)
            }
        };
        if let Limit::Top(n) = options.limit {
            top.truncate(n);
        }
        (total, load_in_index_order(&searcher, fields, top)?)
    };
    let mut hits = Vec::with_capacity(top.len());
    for (score, p) in top {
        let highlights = highlight::spans(query, &p.text);
        let (before, after) = if options.context > 0 {
            context(&searcher, index, &p, options.context)?
        } else {
            (Vec::new(), Vec::new())
        };
        hits.push(Hit {
            rank: 0,
            score,
            highlight_chars: char_spans(&p.text, &highlights),
            highlights,
            path: p.path,
            line: p.line,
            title: p.title,
            source: p.source,
            date: p.date,
            passage: p.ordinal,
            text: p.text,
            before,
            after,
        });
    }
    if options.limit == Limit::All {
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

/// The index's candidates for a query that [needs checking](Query::needs_check), kept where
/// the passage text confirms them, best first: the count of all confirmed matches, and the
/// first `limit` of them loaded. Costs one stored document per candidate.
fn checked_matches(
    searcher: &tantivy::Searcher,
    fields: &crate::index::Fields,
    query: &Query,
    compiled: &dyn tantivy::query::Query,
    limit: Limit,
) -> Result<(usize, Vec<(f32, stored::StoredPassage)>)> {
    let candidates = searcher.search(compiled, &AllMatches)?;
    let mut kept = load_in_index_order(searcher, fields, candidates)?;
    kept.retain(|(_, p)| highlight::matches(query, p));
    kept.sort_by(|a, b| b.0.total_cmp(&a.0));
    let total = kept.len();
    if let Limit::Top(n) = limit {
        kept.truncate(n);
    }
    Ok((total, kept))
}

/// Loads the stored passages of `hits`, reading the doc store in index order (consecutive hits
/// share compressed blocks), and gives them back in the order of `hits`.
fn load_in_index_order(
    searcher: &tantivy::Searcher,
    fields: &crate::index::Fields,
    hits: Vec<(f32, DocAddress)>,
) -> Result<Vec<(f32, stored::StoredPassage)>> {
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| hits[i].1);
    let mut loaded: Vec<Option<stored::StoredPassage>> = vec![None; hits.len()];
    for i in order {
        loaded[i] = Some(stored::load(searcher, fields, hits[i].1)?);
    }
    Ok(hits
        .into_iter()
        .zip(loaded)
        .filter_map(|((score, _), p)| p.map(|p| (score, p)))
        .collect())
}

/// Collects every match with its score, in index order: what `--all` and `--count` need,
/// without the cost of ranking them.
struct AllMatches;

/// [`AllMatches`] within one segment.
struct SegmentMatches {
    segment: SegmentOrdinal,
    hits: Vec<(f32, DocAddress)>,
}

impl Collector for AllMatches {
    type Fruit = Vec<(f32, DocAddress)>;
    type Child = SegmentMatches;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches> {
        Ok(SegmentMatches {
            segment,
            hits: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.concat())
    }
}

impl SegmentCollector for SegmentMatches {
    type Fruit = Vec<(f32, DocAddress)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.hits.push((score, DocAddress::new(self.segment, doc)));
    }

    fn harvest(self) -> Self::Fruit {
        self.hits
    }
}

/// The texts of up to `n` passages before and after `hit` in its article.
fn context(
    searcher: &tantivy::Searcher,
    index: &NewsIndex,
    hit: &stored::StoredPassage,
    n: usize,
) -> Result<(Vec<String>, Vec<String>)> {
    let by_ordinal = stored::article_passages(searcher, &index.fields, &hit.path)?;
    let n = n as u64;
    let texts = |range: std::ops::RangeInclusive<u64>| -> Result<Vec<String>> {
        let mut out = Vec::new();
        for ordinal in range {
            if let Some(&address) = by_ordinal.get(&ordinal) {
                out.push(stored::load(searcher, &index.fields, address)?.text);
            }
        }
        Ok(out)
    };
    let before = texts(hit.ordinal.saturating_sub(n)..=hit.ordinal.saturating_sub(1))?;
    let before = if hit.ordinal == 0 { Vec::new() } else { before };
    let after = texts(hit.ordinal + 1..=hit.ordinal + n)?;
    Ok((before, after))
}
