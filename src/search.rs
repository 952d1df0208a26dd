//! Running a parsed query against the index: ranked top hits, or every hit in corpus order,
//! each with its highlights and, on request, the passages around it.

use crate::feedback;
use crate::highlight::{self, Span};
use crate::hit::{self, Hit, SearchResult};
use crate::index::NewsIndex;
use crate::query::{self, Query};
use crate::stored;
use anyhow::Result;
use rayon::prelude::*;
use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::marker::PhantomData;
use tantivy::collector::{Collector, SegmentCollector};
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

/// Every passage a query matched, per segment in document order, with the searcher they
/// were found in (their document ids mean nothing in another).
pub struct Matches {
    pub(crate) searcher: tantivy::Searcher,
    pub(crate) docs: Vec<(SegmentOrdinal, Vec<DocId>)>,
}

/// Runs `query` (typed as `text`) against `index`.
pub fn search(
    index: &NewsIndex,
    text: &str,
    query: &Query,
    options: Options,
) -> Result<SearchResult> {
    Ok(searched(index, text, query, options, false)?.0)
}

/// [`search`], with every matching passage found in the same pass over the index, for a
/// tally of them ([`crate::views::tally::tally_found`]): a page of hits and its counts run
/// the query once. `None` for a query that needs checking or [`Limit::All`].
pub fn search_and_matches(
    index: &NewsIndex,
    text: &str,
    query: &Query,
    options: Options,
) -> Result<(SearchResult, Option<Matches>)> {
    searched(index, text, query, options, true)
}

fn searched(
    index: &NewsIndex,
    text: &str,
    query: &Query,
    options: Options,
    with_matches: bool,
) -> Result<(SearchResult, Option<Matches>)> {
    let fields = &index.fields;
    let searcher = index.reader.searcher();
    // A query of plain words is ranked again with the words of its best articles' leads.
    let feedback_words = match options.exact {
        true => None,
        false => feedback::plain_words(query),
    };
    let query = &prepared(&searcher, fields, query, options);
    let compiled = query::compile(query, fields)?;
    // No more hits than passages: the collectors reserve room for the limit asked for.
    let options = Options {
        limit: match options.limit {
            Limit::Top(n) => Limit::Top(n.min(searcher.num_docs() as usize)),
            Limit::All => Limit::All,
        },
        ..options
    };
    let mut matches = None;
    let (total, top) = if query.needs_check() {
        checked_matches(&searcher, fields, query, &*compiled, options.limit)?
    } else {
        // One pass counts and ranks; `--all` takes every match in index order, unranked.
        let (total, mut top) = match options.limit {
            Limit::Top(n) => {
                let pool_size = match feedback_words {
                    Some(_) => n.max(feedback::POOL),
                    None => n,
                };
                let (total, mut pool) = if with_matches {
                    let (top, docs) = searcher
                        .search(&*compiled, &(CountAndTop::new(pool_size), MATCHING_DOCS))?;
                    matches = Some(docs);
                    top
                } else {
                    searcher.search(&*compiled, &CountAndTop::new(pool_size))?
                };
                if let Some(stems) = &feedback_words {
                    feedback::rerank(&searcher, fields, stems, &mut pool)?;
                }
                (total, pool)
            }
            Limit::All => {
                let all = scored_matches(&searcher, &*compiled)?;
                (all.len(), all)
            }
        };
        if let Limit::Top(n) = options.limit {
            top.truncate(n);
        }
        (total, load_in_index_order(&searcher, fields, top)?)
    };
    let highlighter = highlight::Highlighter::new(query);
    let hit = |(score, p): (f32, stored::StoredPassage)| {
        make_hit(&searcher, fields, &highlighter, options.context, score, p)
    };
    let mut hits = if top.len() >= PARALLEL_HITS {
        top.into_par_iter().map(hit).collect::<Result<Vec<_>>>()?
    } else {
        top.into_iter().map(hit).collect::<Result<Vec<_>>>()?
    };
    if options.limit == Limit::All {
        hits.sort_by(|a, b| {
            (&a.citation.path, a.citation.record, a.passage).cmp(&(
                &b.citation.path,
                b.citation.record,
                b.passage,
            ))
        });
    } else {
        hit::rank_in_order(&mut hits);
    }
    let result = SearchResult {
        query: text.to_string(),
        total,
        hits,
    };
    Ok((result, matches.map(|docs| Matches { searcher, docs })))
}

/// `query` as `options` ask for it (surface words only, accents as written), with its
/// compound words expanded as the index's dictionary knows them.
pub(crate) fn prepared(
    searcher: &tantivy::Searcher,
    fields: &crate::index::Fields,
    query: &Query,
    options: Options,
) -> Query {
    let known = |word: &str| {
        let term = tantivy::Term::from_field_text(fields.text, word);
        searcher.doc_freq(&term).is_ok_and(|n| n > 0)
    };
    let mut query = if options.exact {
        query::make_exact(query)
    } else {
        query.clone()
    };
    query.accents = options.accents;
    query::expand_compounds(&query, &known)
}

/// The hit of a loaded passage: its highlights and, when asked, its context.
fn make_hit(
    searcher: &tantivy::Searcher,
    fields: &crate::index::Fields,
    highlighter: &highlight::Highlighter,
    context_passages: usize,
    score: f32,
    p: stored::StoredPassage,
) -> Result<Hit> {
    let highlights = highlighter.spans_in(&p.text, p.citation.lang.as_deref());
    let (before, after) = if context_passages > 0 {
        context(searcher, fields, &p, context_passages)?
    } else {
        (Vec::new(), Vec::new())
    };
    Ok(Hit {
        rank: None,
        score,
        highlight_chars: char_spans(&p.text, &highlights),
        highlights,
        citation: p.citation,
        passage: p.ordinal,
        text: p.text,
        before,
        after,
        story: p.story,
        copies: Vec::new(),
    })
}

/// Every match of a query in corpus order, found but not yet read: what `search --all`
/// prints as it goes, so that `| head` stops the work at once. It holds its own searcher, so
/// it reads the commit it was found in whatever lands after.
pub struct Stream {
    searcher: tantivy::Searcher,
    fields: crate::index::Fields,
    query: Query,
    context: usize,
    /// The matches (for a query that needs checking, the candidates) in corpus order, with
    /// their paths.
    matches: Vec<(f32, DocAddress, String)>,
}

/// Hits read at once when streaming, at first: few, so that the first hit shows at once;
/// then twice as many each time, up to [`STREAM_CHUNK_MAX`], to load them on every core.
const STREAM_CHUNK_FIRST: usize = 16;
const STREAM_CHUNK_MAX: usize = 1024;

/// Finds every match of `query` (typed as `text`) in `index`, in corpus order (path, then
/// passage), reading only the path and ordinal columns: the passages are read by
/// [`Stream::for_each_hit`]. `options.limit` is taken as [`Limit::All`].
pub fn stream(index: &NewsIndex, query: &Query, options: Options) -> Result<Stream> {
    let fields = index.fields;
    let searcher = index.reader.searcher();
    let query = prepared(&searcher, &fields, query, options);
    let compiled = query::compile(&query, &fields)?;
    let found = scored_matches(&searcher, &*compiled)?;
    let mut columns = Vec::new();
    for reader in searcher.segment_readers() {
        let paths = reader.fast_fields().str("path")?;
        let ordinals = reader.fast_fields().u64("ordinal")?;
        columns.push((paths, ordinals));
    }
    let mut matches: Vec<(f32, DocAddress, String, u64)> = found
        .into_iter()
        .map(|(score, address)| {
            let (paths, ordinals) = &columns[address.segment_ord as usize];
            let ordinal = ordinals.first(address.doc_id).unwrap_or(0);
            let path_ord = paths
                .as_ref()
                .and_then(|p| p.ords().first(address.doc_id))
                .unwrap_or(0);
            let path = path_of(paths.as_ref(), path_ord);
            (score, address, path, ordinal)
        })
        .collect();
    matches.sort_by(|a, b| (&a.2, a.3).cmp(&(&b.2, b.3)));
    Ok(Stream {
        searcher,
        fields,
        context: options.context,
        matches: matches
            .into_iter()
            .map(|(score, address, path, _)| (score, address, path))
            .collect(),
        query,
    })
}

impl Stream {
    /// The paths of the files the matches are in (for a query that needs checking, of its
    /// candidates), in corpus order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.matches.iter().map(|(_, _, path)| path.as_str())
    }

    /// Reads, highlights and hands `print` the hits in corpus order (unranked), a chunk at a
    /// time; stops at the first error `print` returns (a closed pipe). Returns the number
    /// of hits (all the matching passages).
    pub fn for_each_hit(&self, print: &mut dyn FnMut(&[Hit]) -> Result<()>) -> Result<usize> {
        let highlighter = highlight::Highlighter::new(&self.query);
        let check = self.query.needs_check();
        let mut total = 0;
        let mut rest = self.matches.as_slice();
        let mut chunk = STREAM_CHUNK_FIRST;
        while !rest.is_empty() {
            let (these, after) = rest.split_at(chunk.min(rest.len()));
            rest = after;
            chunk = (chunk * 2).min(STREAM_CHUNK_MAX);
            let addresses = these.iter().map(|&(score, address, _)| (score, address));
            let loaded = load_in_index_order(&self.searcher, &self.fields, addresses.collect())?;
            let kept = loaded
                .into_iter()
                .filter(|(_, p)| !check || highlight::matches(&self.query, p));
            let hit = |(score, p): (f32, stored::StoredPassage)| {
                make_hit(
                    &self.searcher,
                    &self.fields,
                    &highlighter,
                    self.context,
                    score,
                    p,
                )
            };
            let hits: Vec<Hit> = if these.len() >= PARALLEL_HITS {
                kept.collect::<Vec<_>>()
                    .into_par_iter()
                    .map(hit)
                    .collect::<Result<_>>()?
            } else {
                kept.map(hit).collect::<Result<_>>()?
            };
            total += hits.len();
            if !hits.is_empty() {
                print(&hits)?;
            }
        }
        Ok(total)
    }
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
    let candidates = scored_matches(searcher, compiled)?;
    let kept = load_in_index_order(searcher, fields, candidates)?;
    let confirmed = |(_, p): &(f32, stored::StoredPassage)| highlight::matches(query, p);
    let mut kept: Vec<_> = if kept.len() >= PARALLEL_HITS {
        kept.into_par_iter().filter(confirmed).collect()
    } else {
        kept.into_iter().filter(confirmed).collect()
    };
    // Equal scores in path order, then passage order, as [`CountAndTop`] ranks them.
    kept.sort_by(|a, b| {
        b.0.total_cmp(&a.0)
            .then_with(|| (&a.1.key, a.1.ordinal).cmp(&(&b.1.key, b.1.ordinal)))
    });
    let total = kept.len();
    if let Limit::Top(n) = limit {
        kept.truncate(n);
    }
    Ok((total, kept))
}

/// From this many hits on, stored passages are loaded and highlighted on every core: `--all`
/// and `--count` over a common word read thousands.
const PARALLEL_HITS: usize = 256;

/// Loads the stored passages of `hits`, reading the doc store in index order (consecutive hits
/// share compressed blocks), and gives them back in the order of `hits`.
fn load_in_index_order(
    searcher: &tantivy::Searcher,
    fields: &crate::index::Fields,
    hits: Vec<(f32, DocAddress)>,
) -> Result<Vec<(f32, stored::StoredPassage)>> {
    let mut order: Vec<usize> = (0..hits.len()).collect();
    order.sort_by_key(|&i| hits[i].1);
    let load = |i: &usize| stored::load(searcher, fields, hits[*i].1).map(|p| (*i, p));
    let read: Vec<(usize, stored::StoredPassage)> = if order.len() < PARALLEL_HITS {
        order.iter().map(load).collect::<Result<_>>()?
    } else {
        // Every core takes a stretch of the index order.
        let chunk = order.len().div_ceil(rayon::current_num_threads());
        order
            .par_chunks(chunk)
            .map(|part| part.iter().map(load).collect::<Result<Vec<_>>>())
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect()
    };
    let mut loaded: Vec<Option<stored::StoredPassage>> = vec![None; hits.len()];
    for (i, p) in read {
        loaded[i] = Some(p);
    }
    Ok(hits
        .into_iter()
        .zip(loaded)
        .filter_map(|((score, _), p)| p.map(|p| (score, p)))
        .collect())
}

/// Collects every match of each segment, in document order: the documents alone
/// ([`MATCHING_DOCS`], without scoring: counts and views) or with their scores
/// ([`SCORED_MATCHES`]: what `--all` and checked queries need, without the cost of ranking).
pub(crate) struct EveryMatch<T>(PhantomData<fn() -> T>);

/// Every matching document of each segment, unscored.
pub(crate) const MATCHING_DOCS: EveryMatch<DocId> = EveryMatch(PhantomData);
/// Every matching document of each segment with its score.
const SCORED_MATCHES: EveryMatch<(DocId, Score)> = EveryMatch(PhantomData);

/// What [`EveryMatch`] keeps of a match.
pub(crate) trait Match: Send + 'static {
    /// Whether the score is kept, so must be computed.
    const SCORED: bool;
    fn new(doc: DocId, score: Score) -> Self;
    fn doc(&self) -> DocId;
}

impl Match for DocId {
    const SCORED: bool = false;
    fn new(doc: DocId, _score: Score) -> Self {
        doc
    }
    fn doc(&self) -> DocId {
        *self
    }
}

impl Match for (DocId, Score) {
    const SCORED: bool = true;
    fn new(doc: DocId, score: Score) -> Self {
        (doc, score)
    }
    fn doc(&self) -> DocId {
        self.0
    }
}

/// [`EveryMatch`] within one segment.
pub(crate) struct SegmentMatches<T> {
    segment: SegmentOrdinal,
    matches: Vec<T>,
}

impl<T: Match> Collector for EveryMatch<T> {
    type Fruit = Vec<(SegmentOrdinal, Vec<T>)>;
    type Child = SegmentMatches<T>;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        _reader: &SegmentReader,
    ) -> tantivy::Result<SegmentMatches<T>> {
        Ok(SegmentMatches {
            segment,
            matches: Vec::new(),
        })
    }

    fn requires_scoring(&self) -> bool {
        T::SCORED
    }

    fn merge_fruits(&self, fruits: Vec<Self::Fruit>) -> tantivy::Result<Self::Fruit> {
        Ok(fruits.into_iter().flatten().collect())
    }
}

impl<T: Match> SegmentCollector for SegmentMatches<T> {
    type Fruit = Vec<(SegmentOrdinal, Vec<T>)>;

    fn collect(&mut self, doc: DocId, score: Score) {
        self.matches.push(T::new(doc, score));
    }

    fn harvest(mut self) -> Self::Fruit {
        // Document order is what the postings and the doc store are read in.
        self.matches.sort_unstable_by_key(T::doc);
        vec![(self.segment, self.matches)]
    }
}

/// Every match of `compiled` with its score, in index order.
fn scored_matches(
    searcher: &tantivy::Searcher,
    compiled: &dyn tantivy::query::Query,
) -> tantivy::Result<Vec<(f32, DocAddress)>> {
    Ok(searcher
        .search(compiled, &SCORED_MATCHES)?
        .into_iter()
        .flat_map(|(segment, matches)| {
            matches
                .into_iter()
                .map(move |(doc, score)| (score, DocAddress::new(segment, doc)))
        })
        .collect())
}

/// Counts every match and ranks the best `n`, equal scores in path order and then in the
/// order of the passages in their article, so that a tie is broken the same way whatever
/// order the documents were indexed in (by several threads, merged into other segments).
/// Within a segment the path column's ordinals sort as the paths do; each segment's best `n`
/// are given their paths, and the segments' tops are merged on the paths themselves.
struct CountAndTop {
    n: usize,
}

impl CountAndTop {
    fn new(n: usize) -> Self {
        CountAndTop { n: n.max(1) }
    }
}

/// What ranks a match within its segment, the better the smaller: a higher score, then an
/// earlier path, then an earlier document (the passages of an article are consecutive).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct SegmentRank {
    score: Reverse<RankedScore>,
    path: u64,
    doc: DocId,
}

/// [`CountAndTop`] within one segment.
struct SegmentCountAndTop {
    count: usize,
    n: usize,
    segment: SegmentOrdinal,
    /// The paths, by document; `None` in an index without the column (then ties stay in
    /// document order).
    paths: Option<tantivy::columnar::StrColumn>,
    /// The `n` best matches so far, the worst on top.
    best: BinaryHeap<SegmentRank>,
}

impl SegmentCountAndTop {
    fn path_ordinal(&self, doc: DocId) -> u64 {
        self.paths
            .as_ref()
            .and_then(|paths| paths.ords().first(doc))
            .unwrap_or(0)
    }
}

/// The path of `ordinal` in a segment's path column; empty where there is none.
fn path_of(paths: Option<&tantivy::columnar::StrColumn>, ordinal: u64) -> String {
    let mut path = String::new();
    if let Some(paths) = paths {
        if !matches!(paths.ord_to_str(ordinal, &mut path), Ok(true)) {
            path.clear();
        }
    }
    path
}

/// A score ordered totally.
#[derive(Clone, Copy, PartialEq)]
struct RankedScore(Score);

impl Eq for RankedScore {}

impl PartialOrd for RankedScore {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for RankedScore {
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        self.0.total_cmp(&other.0)
    }
}

/// One segment's best matches with their paths, best first.
type SegmentTop = Vec<(Score, String, DocAddress)>;

impl Collector for CountAndTop {
    type Fruit = (usize, Vec<(Score, DocAddress)>);
    type Child = SegmentCountAndTop;

    fn for_segment(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
    ) -> tantivy::Result<SegmentCountAndTop> {
        // A field the schema does not have, in the tests' own indexes, is no error.
        let paths = reader.fast_fields().str("path").ok().flatten();
        Ok(SegmentCountAndTop {
            count: 0,
            n: self.n,
            segment,
            paths,
            best: BinaryHeap::with_capacity(self.n + 1),
        })
    }

    fn requires_scoring(&self) -> bool {
        true
    }

    fn merge_fruits(&self, fruits: Vec<(usize, SegmentTop)>) -> tantivy::Result<Self::Fruit> {
        let count = fruits.iter().map(|(count, _)| count).sum();
        let mut top: SegmentTop = fruits.into_iter().flat_map(|(_, top)| top).collect();
        top.sort_by(|a, b| {
            (Reverse(RankedScore(a.0)), &a.1, a.2).cmp(&(Reverse(RankedScore(b.0)), &b.1, b.2))
        });
        top.truncate(self.n);
        Ok((
            count,
            top.into_iter()
                .map(|(score, _, doc)| (score, doc))
                .collect(),
        ))
    }
}

impl SegmentCollector for SegmentCountAndTop {
    type Fruit = (usize, SegmentTop);

    fn collect(&mut self, doc: DocId, score: Score) {
        self.count += 1;
        // Most matches score below the worst of a full top: they cost no look at the paths.
        if self.best.len() == self.n && self.best.peek().is_some_and(|w| score < w.score.0 .0) {
            return;
        }
        let rank = SegmentRank {
            score: Reverse(RankedScore(score)),
            path: self.path_ordinal(doc),
            doc,
        };
        if self.best.len() == self.n {
            match self.best.peek() {
                Some(worst) if rank < *worst => {
                    self.best.pop();
                }
                _ => return,
            }
        }
        self.best.push(rank);
    }

    fn harvest(self) -> Self::Fruit {
        let top = self
            .best
            .into_sorted_vec()
            .into_iter()
            .map(|rank| {
                let address = DocAddress::new(self.segment, rank.doc);
                (
                    rank.score.0 .0,
                    path_of(self.paths.as_ref(), rank.path),
                    address,
                )
            })
            .collect();
        (self.count, top)
    }
}

/// The texts of up to `n` passages before and after `hit` in its article.
fn context(
    searcher: &tantivy::Searcher,
    fields: &crate::index::Fields,
    hit: &stored::StoredPassage,
    n: usize,
) -> Result<(Vec<String>, Vec<String>)> {
    let by_ordinal = stored::article_passages(searcher, fields, &hit.key)?;
    // No article has more passages on either side than it has in all: `-C 4294967296` looks up
    // those, not four billion ordinals.
    let n = (n as u64).min(by_ordinal.len() as u64);
    let texts = |range: std::ops::RangeInclusive<u64>| -> Result<Vec<String>> {
        let mut out = Vec::new();
        for ordinal in range {
            if let Some(&address) = by_ordinal.get(&ordinal) {
                out.push(stored::load(searcher, fields, address)?.text);
            }
        }
        Ok(out)
    };
    let before = texts(hit.ordinal.saturating_sub(n)..=hit.ordinal.saturating_sub(1))?;
    let before = if hit.ordinal == 0 { Vec::new() } else { before };
    let after = texts(hit.ordinal.saturating_add(1)..=hit.ordinal.saturating_add(n))?;
    Ok((before, after))
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::{Count, TopDocs};
    use tantivy::query::{ConstScoreQuery, Query as TQuery, TermQuery};
    use tantivy::schema::{IndexRecordOption, Schema, TEXT};
    use tantivy::{doc, Index, IndexWriter, Term};

    /// Two segments of passages where "tide" occurs one to seven times, and every third one
    /// also holds "harbour".
    fn tides() -> (Index, tantivy::schema::Field) {
        let mut schema = Schema::builder();
        let text = schema.add_text_field("text", TEXT);
        let index = Index::create_in_ram(schema.build());
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        for i in 0..60 {
            let mut words = "tide ".repeat(i % 7 + 1);
            if i % 3 == 0 {
                words.push_str("harbour");
            }
            writer.add_document(doc!(text => words)).expect("add");
            if i == 29 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        (index, text)
    }

    #[test]
    fn count_and_top_ranks_like_count_and_top_docs_with_ties_and_distinct_scores() {
        let (index, text) = tides();
        let searcher = index.reader().expect("reader").searcher();
        let tide = TermQuery::new(
            Term::from_field_text(text, "tide"),
            IndexRecordOption::WithFreqs,
        );
        let queries: Vec<Box<dyn TQuery>> = vec![
            Box::new(tide.clone()),
            Box::new(ConstScoreQuery::new(Box::new(tide), 1.0)),
        ];
        for query in &queries {
            for n in [1, 3, 10, 59, 60, 100] {
                let ours = searcher
                    .search(query, &CountAndTop::new(n))
                    .expect("search");
                let theirs = searcher
                    .search(query, &(Count, TopDocs::with_limit(n)))
                    .expect("search");
                assert_eq!(ours, theirs, "{query:?} top {n}");
            }
        }
    }

    #[test]
    fn count_and_top_counts_every_match_beyond_the_top() {
        let (index, text) = tides();
        let searcher = index.reader().expect("reader").searcher();
        let harbour = TermQuery::new(
            Term::from_field_text(text, "harbour"),
            IndexRecordOption::Basic,
        );
        let (count, top) = searcher
            .search(&harbour, &CountAndTop::new(2))
            .expect("search");
        assert_eq!((count, top.len()), (20, 2));
    }
}
