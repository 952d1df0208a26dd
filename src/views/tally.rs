//! A query's matches counted per article from the index alone: the matching passages found
//! by a collector that neither scores nor loads them, grouped into articles by the path
//! column, each article's title, source and date read from the columns of its first passage,
//! and occurrences counted from the positions of the query's words.
//!
//! The answer is the one [`crate::hit::count_by_article`] gives over every hit of
//! [`crate::search::search`], which reads and highlights each passage: a tally is what every
//! count (`search --count`, `--by`, `compare`, the server's charts) is made of. Where the
//! index alone cannot say what the highlighter would mark, the passage's text is read:
//!
//! - the occurrences of phrases, proximity, prefix and fuzzy words are highlighted on each
//!   matching passage's text ([`Route::Texts`]); a query of plain words (`oil`, `bank OR
//!   banks`, `gold -silver source:Reuters`) is counted from positions ([`Route::Positions`]);
//! - there, a passage where two marked words stand side by side is highlighted on its text,
//!   since the highlighter joins two matches with only spaces between them into one; and so
//!   is a passage in a language with its own stemmer, whose words of the query word's stem in
//!   that language the highlighter marks too;
//! - a query that the index can only narrow down (`--accents`, see
//!   [`Query::needs_check`]) is searched whole ([`Route::Search`]).
//!
//! A chart needs only the articles per period or source: [`tally_by`] counts each segment's
//! articles by their date and source ordinals and reads each distinct value once, making no
//! string per article.

use super::by::Matched;
use crate::cli::By;
use crate::highlight::Highlighter;
use crate::hit::{cited, ArticleCount};
use crate::index::{Fields, NewsIndex};
use crate::ingest::collection::split_key;
use crate::query::{self, BodyWord, Clause, Node, Query, Scope};
use crate::search::{self, Limit, Matches, Options, MATCHING_DOCS};
use crate::stored;
use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use std::collections::BTreeMap;
use tantivy::columnar::{Column, StrColumn};
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::schema::IndexRecordOption;
use tantivy::{
    DocAddress, DocId, DocSet, Searcher, SegmentOrdinal, SegmentReader, Term, TERMINATED,
};

/// Whether a tally counts occurrences: `compare` shows articles only.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Occurrences {
    /// Counted as the highlighter marks them.
    Counted,
    /// Left at 0.
    Skipped,
}

/// How a tally was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Route {
    /// Occurrences from the positions of the query's plain words.
    Positions,
    /// Occurrences highlighted on each matching passage's text.
    Texts,
    /// No occurrences counted.
    Columns,
    /// The whole search, every hit read and highlighted: a query that needs checking.
    Search,
}

/// A query's matches per article.
#[derive(Clone, Debug, PartialEq)]
pub struct Tally {
    /// Per-article counts, most occurrences first (then path), as
    /// [`crate::hit::count_by_article`] gives them.
    pub articles: Vec<ArticleCount>,
    /// Matching passages in all.
    pub passages: usize,
    /// How it was made.
    pub route: Route,
    /// Passages whose stored text was read.
    pub texts_read: usize,
}

/// The files a tally cites: its articles' files, checked for freshness like a search's hits.
impl crate::freshness::Cites for Tally {
    fn cited(&self) -> Vec<&str> {
        self.articles.iter().map(|c| split_key(&c.path).0).collect()
    }
}

/// The matches of `query` (typed as `text`) in `index` per article, searched as `options`
/// say (their limit and context are not used: every match counts).
pub fn tally(
    index: &NewsIndex,
    text: &str,
    query: &Query,
    options: Options,
    occurrences: Occurrences,
) -> Result<Tally> {
    tally_found(index, text, query, options, occurrences, None)
}

/// [`tally`], of the matching passages `found` when the search for a page of hits has found
/// them already ([`search::search_and_matches`]): the query is not run again.
pub fn tally_found(
    index: &NewsIndex,
    text: &str,
    query: &Query,
    options: Options,
    occurrences: Occurrences,
    found: Option<Matches>,
) -> Result<Tally> {
    let matching = match Matching::start(index, text, query, options, occurrences, found)? {
        Start::Searched(tally) => return Ok(tally),
        Start::Found(matching) => matching,
    };
    matching.tally()
}

/// A query's matches per period or source, for each `--by` of a list: what charts show.
#[derive(Clone, Debug, PartialEq)]
pub struct KeyedTally {
    /// Matching articles in all.
    pub articles: usize,
    /// Matching passages in all.
    pub passages: usize,
    /// Occurrences in all.
    pub occurrences: usize,
    /// The matches per key of each `--by` asked for, in the order asked.
    pub keyed: Vec<(By, BTreeMap<Option<String>, Matched>)>,
    /// How it was made.
    pub route: Route,
}

impl KeyedTally {
    /// The matches per key under `by`, when it was asked for.
    pub fn by(&self, by: By) -> Option<&BTreeMap<Option<String>, Matched>> {
        self.keyed.iter().find(|(b, _)| *b == by).map(|(_, m)| m)
    }

    fn of_articles(tally: &Tally, bys: &[By]) -> KeyedTally {
        KeyedTally {
            articles: tally.articles.len(),
            passages: tally.passages,
            occurrences: tally.articles.iter().map(|a| a.occurrences).sum(),
            keyed: bys
                .iter()
                .map(|&by| (by, super::by::matched_by_key(by, &tally.articles)))
                .collect(),
            route: tally.route,
        }
    }
}

/// [`tally_found`] counted per key of each of `bys` ([`super::by::matched_by_key`] of its
/// articles), without the articles' own strings: each segment's articles are counted by
/// their date and source ordinals, and each distinct ordinal's text and key read once.
pub fn tally_by(
    index: &NewsIndex,
    text: &str,
    query: &Query,
    options: Options,
    occurrences: Occurrences,
    found: Option<Matches>,
    bys: &[By],
) -> Result<KeyedTally> {
    let matching = match Matching::start(index, text, query, options, occurrences, found)? {
        Start::Searched(tally) => return Ok(KeyedTally::of_articles(&tally, bys)),
        Start::Found(matching) => matching,
    };
    let counting = matching.counting();
    let mut keyed: Vec<(By, BTreeMap<Option<String>, Matched>)> =
        bys.iter().map(|&by| (by, BTreeMap::new())).collect();
    let mut all = Matched::default();
    for (segment, docs) in &matching.found {
        let Some(segment) = counting.segment_keys(*segment, docs, bys)? else {
            // An article without its first passage in the segment may have passages in
            // another (the writer keeps an article in one segment, but only its path can
            // tell): counted by path, as the articles' tally counts.
            return Ok(KeyedTally::of_articles(&matching.tally()?, bys));
        };
        for ((by, kept), keys) in keyed.iter_mut().zip(segment.keys) {
            for (value, matched) in keys {
                let key = match by {
                    By::Source => value,
                    _ => value.and_then(|date| super::by::key(*by, Some(&date), None)),
                };
                kept.entry(key).or_default().add(matched);
            }
        }
        all.add(segment.all);
    }
    Ok(KeyedTally {
        articles: all.articles,
        passages: all.passages,
        occurrences: all.occurrences,
        keyed,
        route: matching.route(),
    })
}

/// Where a tally starts: the answer of the whole search, or the matching passages found.
enum Start {
    Searched(Tally),
    Found(Box<Matching>),
}

/// The matching passages of a query and how their occurrences are counted.
struct Matching {
    searcher: Searcher,
    fields: Fields,
    found: Vec<(SegmentOrdinal, Vec<DocId>)>,
    plan: Plan,
    highlighter: Highlighter,
}

impl Matching {
    /// The matches of `query`, `found` already or searched now; a query that needs checking
    /// is searched whole, its hits counted.
    fn start(
        index: &NewsIndex,
        text: &str,
        query: &Query,
        options: Options,
        occurrences: Occurrences,
        found: Option<Matches>,
    ) -> Result<Start> {
        let options = Options {
            limit: Limit::All,
            context: 0,
            ..options
        };
        let (searcher, found) = match found {
            Some(matches) => (matches.searcher, Some(matches.docs)),
            None => (index.reader.searcher(), None),
        };
        let fields = &index.fields;
        let prepared = search::prepared(&searcher, fields, query, options);
        if prepared.needs_check() {
            let result = search::search(index, text, query, options)?;
            return Ok(Start::Searched(Tally {
                articles: crate::hit::count_by_article(&result.hits),
                passages: result.total,
                route: Route::Search,
                texts_read: result.total,
            }));
        }
        let found = match found {
            Some(found) => found,
            None => searcher.search(&*query::compile(&prepared, fields)?, &MATCHING_DOCS)?,
        };
        let plan = match occurrences {
            Occurrences::Skipped => Plan::Nothing,
            Occurrences::Counted => match plain_words(&prepared) {
                Some(words) => Plan::Positions(PlainWords::new(&searcher, fields, words)?),
                None => Plan::Texts,
            },
        };
        Ok(Start::Found(Box::new(Matching {
            highlighter: Highlighter::new(&prepared),
            searcher,
            fields: *fields,
            found,
            plan,
        })))
    }

    fn counting(&self) -> Counting<'_> {
        Counting {
            searcher: &self.searcher,
            fields: &self.fields,
            plan: &self.plan,
            highlighter: &self.highlighter,
        }
    }

    /// The matching articles, each counted once by its path.
    fn tally(&self) -> Result<Tally> {
        let (articles, texts_read) = self.counting().articles(&self.found)?;
        Ok(Tally {
            articles,
            passages: self.passages(),
            route: self.route(),
            texts_read,
        })
    }

    fn passages(&self) -> usize {
        self.found.iter().map(|(_, docs)| docs.len()).sum()
    }

    fn route(&self) -> Route {
        match self.plan {
            Plan::Nothing => Route::Columns,
            Plan::Texts => Route::Texts,
            Plan::Positions(_) => Route::Positions,
        }
    }
}

/// How occurrences are counted.
enum Plan {
    Nothing,
    Texts,
    Positions(PlainWords),
}

/// The words a query of plain words marks: the body terms standing for them.
struct PlainWords {
    /// Every term of every word, once.
    terms: Vec<String>,
    /// Whether a word matches by stem, which a passage's own language may widen.
    stemmed: bool,
}

impl PlainWords {
    fn new(searcher: &Searcher, fields: &Fields, words: Vec<BodyWord>) -> Result<PlainWords> {
        let stemmed = words.iter().any(|w| matches!(w, BodyWord::Stem(_)));
        let mut terms = Vec::new();
        for word in &words {
            for (term, _) in query::terms_of(searcher, fields.text, word)? {
                terms.push(term);
            }
        }
        terms.sort_unstable();
        terms.dedup();
        Ok(PlainWords { terms, stemmed })
    }
}

/// The words the highlighter marks for `query`, when each of its positive clauses on the
/// passage text is one plain word (stemmed or exact); `None` for any phrase, proximity,
/// prefix or fuzzy word. Clauses under a `NOT` mark nothing, nor do title, source, date,
/// path and language clauses.
fn plain_words(query: &Query) -> Option<Vec<BodyWord>> {
    if query.accents {
        return None;
    }
    let mut words = Vec::new();
    positive_words(&query.root, &mut words).then_some(words)
}

fn positive_words(node: &Node, out: &mut Vec<BodyWord>) -> bool {
    match node {
        Node::And(children) | Node::Or(children) => children.iter().all(|c| positive_words(c, out)),
        Node::Not(_) => true,
        Node::Leaf(Clause::Date { .. } | Clause::Path(_) | Clause::Lang(_)) => true,
        Node::Leaf(clause) if clause.scope() != Scope::Body => true,
        Node::Leaf(Clause::Phrase { text, exact, .. }) => {
            match query::phrase_words(text, *exact, false).as_slice() {
                [word] if word.exact => out.push(BodyWord::Surface(word.surface.clone())),
                [word] => out.push(BodyWord::Stem(word.stem.clone())),
                _ => return false,
            }
            true
        }
        Node::Leaf(_) => false,
    }
}

/// What counting needs, shared by the segments.
struct Counting<'a> {
    searcher: &'a Searcher,
    fields: &'a Fields,
    plan: &'a Plan,
    highlighter: &'a Highlighter,
}

/// A segment's articles by the ordinal of their path, each once.
type ByPath = Vec<(Option<u64>, Found)>;

/// An article's matches within one segment, before its strings are read.
struct Found {
    /// The matching passage with the lowest ordinal, and that ordinal.
    doc: DocId,
    ordinal: u64,
    passages: usize,
    occurrences: usize,
}

/// One segment's matches per key of each `--by` asked for, the keys as the columns hold them
/// (a date, a source).
struct SegmentKeys {
    keys: Vec<FxHashMap<Option<String>, Matched>>,
    all: Matched,
}

impl Counting<'_> {
    /// The articles of `found` with their counts, most occurrences first (then path), and how
    /// many passages' texts were read.
    fn articles(
        &self,
        found: &[(SegmentOrdinal, Vec<DocId>)],
    ) -> Result<(Vec<ArticleCount>, usize)> {
        let mut by_key: FxHashMap<String, (u64, ArticleCount)> = FxHashMap::default();
        let mut texts_read = 0;
        for (segment, docs) in found {
            let (articles, read) = self.segment(*segment, docs)?;
            texts_read += read;
            for (ordinal, count) in articles {
                // An article whose passages lie in two segments: its first passage speaks for it.
                match by_key.get_mut(&count.path) {
                    Some((first, kept)) => {
                        kept.passages += count.passages;
                        kept.occurrences += count.occurrences;
                        if ordinal < *first {
                            *first = ordinal;
                            kept.title = count.title;
                            kept.source = count.source;
                            kept.date = count.date;
                        }
                    }
                    None => {
                        by_key.insert(count.path.clone(), (ordinal, count));
                    }
                }
            }
        }
        let mut articles: Vec<ArticleCount> = by_key.into_values().map(|(_, c)| c).collect();
        articles.sort_by(|a, b| {
            b.occurrences
                .cmp(&a.occurrences)
                .then_with(|| a.path.cmp(&b.path))
        });
        Ok((articles, texts_read))
    }

    /// The articles of `docs` (ascending) in `segment`, by path ordinal, each with its first
    /// matching passage; and how many passages' texts were read.
    fn found(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
        columns: &Columns,
        docs: &[DocId],
    ) -> Result<(ByPath, usize)> {
        let (occurrences, read) = self.occurrences(segment, reader, columns, docs)?;
        let mut found: FxHashMap<Option<u64>, Found> = FxHashMap::default();
        for (&doc, occurrences) in docs.iter().zip(occurrences) {
            let ordinal = columns.ordinals.first(doc).unwrap_or(0);
            let entry = found.entry(columns.path_ord(doc)).or_insert(Found {
                doc,
                ordinal,
                passages: 0,
                occurrences: 0,
            });
            entry.passages += 1;
            entry.occurrences += occurrences;
            if ordinal < entry.ordinal {
                entry.ordinal = ordinal;
                entry.doc = doc;
            }
        }
        Ok((found.into_iter().collect(), read))
    }

    /// The articles of `docs` (ascending) in `segment`, each with the ordinal of its first
    /// matching passage, and how many passages' texts were read.
    fn segment(
        &self,
        segment: SegmentOrdinal,
        docs: &[DocId],
    ) -> Result<(Vec<(u64, ArticleCount)>, usize)> {
        let reader = self.searcher.segment_reader(segment);
        let columns = Columns::open(reader)?;
        let (found, read) = self.found(segment, reader, &columns, docs)?;
        // The article's title and source are its first passage's: the document its ordinal
        // places before it, when that is the same article's (see `stored::load`).
        let heads: Vec<DocId> = found
            .iter()
            .map(|(path, f)| columns.head(f.doc, f.ordinal, *path))
            .collect();
        let paths = strings(columns.paths.as_ref(), found.iter().map(|(p, _)| *p))?;
        let dates = strings(
            columns.dates.as_ref(),
            found
                .iter()
                .map(|(_, f)| columns.ord(&columns.dates, f.doc)),
        )?;
        let titles = strings(
            columns.titles.as_ref(),
            heads.iter().map(|&d| columns.ord(&columns.titles, d)),
        )?;
        let sources = strings(
            columns.sources.as_ref(),
            heads.iter().map(|&d| columns.ord(&columns.sources, d)),
        )?;
        let text =
            |map: &FxHashMap<u64, String>, ord: Option<u64>| ord.and_then(|o| map.get(&o)).cloned();
        let articles = found
            .iter()
            .zip(&heads)
            .map(|((path, f), &head)| {
                let key = text(&paths, *path).unwrap_or_default();
                let (file, record) = split_key(&key);
                let count = ArticleCount {
                    path: cited(file, record),
                    title: text(&titles, columns.ord(&columns.titles, head)),
                    source: text(&sources, columns.ord(&columns.sources, head)),
                    date: text(&dates, columns.ord(&columns.dates, f.doc)),
                    passages: f.passages,
                    occurrences: f.occurrences,
                };
                (f.ordinal, count)
            })
            .collect();
        Ok((articles, read))
    }

    /// The matches of `docs` (ascending) in `segment` per date (for the periods of `bys`) and
    /// per source (for `By::Source`), each distinct value read once; `None` when an article's
    /// first passage is not in the segment.
    fn segment_keys(
        &self,
        segment: SegmentOrdinal,
        docs: &[DocId],
        bys: &[By],
    ) -> Result<Option<SegmentKeys>> {
        let reader = self.searcher.segment_reader(segment);
        let columns = Columns::open(reader)?;
        let (found, _) = self.found(segment, reader, &columns, docs)?;
        let mut all = Matched::default();
        let mut by_date: FxHashMap<Option<u64>, Matched> = FxHashMap::default();
        let mut by_source: FxHashMap<Option<u64>, Matched> = FxHashMap::default();
        for (path, f) in &found {
            // As in `segment`: the date of the first matching passage, the source of the
            // article's first passage. An article found with its first passage here has no
            // passage in another segment; one without a path is merged by its empty path.
            let Some(head) = path.and_then(|_| columns.head_of(f.doc, f.ordinal, *path)) else {
                return Ok(None);
            };
            let matched = Matched {
                articles: 1,
                passages: f.passages,
                occurrences: f.occurrences,
            };
            all.add(matched);
            by_date
                .entry(columns.ord(&columns.dates, f.doc))
                .or_default()
                .add(matched);
            by_source
                .entry(columns.ord(&columns.sources, head))
                .or_default()
                .add(matched);
        }
        let texts = |column: &Option<StrColumn>, ords: FxHashMap<Option<u64>, Matched>| {
            let text = strings(column.as_ref(), ords.keys().copied())?;
            let mut keyed: FxHashMap<Option<String>, Matched> = FxHashMap::default();
            for (ord, matched) in ords {
                keyed
                    .entry(ord.and_then(|o| text.get(&o).cloned()))
                    .or_default()
                    .add(matched);
            }
            Ok::<_, anyhow::Error>(keyed)
        };
        let dates = texts(&columns.dates, by_date)?;
        let sources = texts(&columns.sources, by_source)?;
        let keys = bys
            .iter()
            .map(|by| match by {
                By::Source => sources.clone(),
                _ => dates.clone(),
            })
            .collect();
        Ok(Some(SegmentKeys { keys, all }))
    }

    /// The occurrences in each of `docs`, and how many passages' texts were read for them.
    fn occurrences(
        &self,
        segment: SegmentOrdinal,
        reader: &SegmentReader,
        columns: &Columns,
        docs: &[DocId],
    ) -> Result<(Vec<usize>, usize)> {
        match self.plan {
            Plan::Nothing => Ok((vec![0; docs.len()], 0)),
            Plan::Texts => Ok((self.highlighted(segment, docs)?, docs.len())),
            Plan::Positions(words) => {
                let inverted = reader.inverted_index(self.fields.text)?;
                let mut postings: Vec<SegmentPostings> = Vec::new();
                for term in &words.terms {
                    let term = Term::from_field_text(self.fields.text, term);
                    if let Some(p) =
                        inverted.read_postings(&term, IndexRecordOption::WithFreqsAndPositions)?
                    {
                        postings.push(p);
                    }
                }
                let mut stemmed_language: FxHashMap<u64, bool> = FxHashMap::default();
                let mut counts = Vec::with_capacity(docs.len());
                let mut unsure = Vec::new();
                let mut positions = Vec::new();
                for (i, &doc) in docs.iter().enumerate() {
                    positions.clear();
                    for p in &mut postings {
                        if p.doc() < doc {
                            p.seek(doc);
                        }
                        if p.doc() == doc && p.doc() != TERMINATED {
                            p.append_positions_with_offset(0, &mut positions);
                        }
                    }
                    positions.sort_unstable();
                    positions.dedup();
                    let side_by_side = positions.windows(2).any(|w| w[1] == w[0] + 1);
                    let own_stems = words.stemmed
                        && columns.ord(&columns.langs, doc).is_some_and(|ord| {
                            *stemmed_language
                                .entry(ord)
                                .or_insert_with(|| has_own_stemmer(columns.langs.as_ref(), ord))
                        });
                    if side_by_side || own_stems {
                        unsure.push(i);
                    }
                    counts.push(positions.len());
                }
                let unsure_docs: Vec<DocId> = unsure.iter().map(|&i| docs[i]).collect();
                for (i, n) in unsure.iter().zip(self.highlighted(segment, &unsure_docs)?) {
                    counts[*i] = n;
                }
                Ok((counts, unsure_docs.len()))
            }
        }
    }

    /// The highlights in each of `docs` (ascending), read from their stored text on every
    /// core, each core a stretch of the document order (neighbours share compressed blocks).
    fn highlighted(&self, segment: SegmentOrdinal, docs: &[DocId]) -> Result<Vec<usize>> {
        let count = |doc: &DocId| -> Result<usize> {
            let p = stored::load(self.searcher, self.fields, DocAddress::new(segment, *doc))?;
            Ok(self
                .highlighter
                .spans_in(&p.text, p.citation.lang.as_deref())
                .len())
        };
        if docs.len() < 256 {
            return docs.iter().map(count).collect();
        }
        let chunk = docs.len().div_ceil(rayon::current_num_threads());
        Ok(docs
            .par_chunks(chunk)
            .map(|part| part.iter().map(count).collect::<Result<Vec<_>>>())
            .collect::<Result<Vec<_>>>()?
            .into_iter()
            .flatten()
            .collect())
    }
}

/// Whether the language at `ord` of the language column has a stemmer of its own.
fn has_own_stemmer(langs: Option<&StrColumn>, ord: u64) -> bool {
    let mut lang = String::new();
    langs.is_some_and(|c| matches!(c.ord_to_str(ord, &mut lang), Ok(true)))
        && crate::analysis::stemmer_for(&lang).is_some()
}

/// The columns of one segment that a tally reads.
pub(crate) struct Columns {
    pub(crate) paths: Option<StrColumn>,
    pub(crate) ordinals: Column<u64>,
    pub(crate) dates: Option<StrColumn>,
    pub(crate) sources: Option<StrColumn>,
    titles: Option<StrColumn>,
    langs: Option<StrColumn>,
}

impl Columns {
    pub(crate) fn open(reader: &SegmentReader) -> Result<Columns> {
        let fast = reader.fast_fields();
        Ok(Columns {
            paths: fast.str("path")?,
            ordinals: fast.u64("ordinal")?,
            dates: fast.str("date")?,
            sources: fast.str("source")?,
            titles: fast.str("title")?,
            langs: fast.str("lang")?,
        })
    }

    /// The ordinal of `doc`'s value in `column`.
    pub(crate) fn ord(&self, column: &Option<StrColumn>, doc: DocId) -> Option<u64> {
        column.as_ref().and_then(|c| c.ords().first(doc))
    }

    fn path_ord(&self, doc: DocId) -> Option<u64> {
        self.ord(&self.paths, doc)
    }

    /// The first passage of the article of `doc`, whose `ordinal` and path are given: the
    /// document `ordinal` places before it when that is the article's first passage, else
    /// `doc` itself.
    fn head(&self, doc: DocId, ordinal: u64, path: Option<u64>) -> DocId {
        self.head_of(doc, ordinal, path).unwrap_or(doc)
    }

    /// [`Columns::head`], `None` when the article's first passage is not found there.
    fn head_of(&self, doc: DocId, ordinal: u64, path: Option<u64>) -> Option<DocId> {
        if ordinal == 0 {
            return Some(doc);
        }
        let first = u32::try_from(ordinal)
            .ok()
            .and_then(|o| doc.checked_sub(o))?;
        (self.ordinals.first(first) == Some(0) && self.path_ord(first) == path).then_some(first)
    }
}

/// The strings of `ords` in `column`, each read once, in one pass along its dictionary.
pub(crate) fn strings(
    column: Option<&StrColumn>,
    ords: impl Iterator<Item = Option<u64>>,
) -> Result<FxHashMap<u64, String>> {
    let mut ords: Vec<u64> = ords.flatten().collect();
    ords.sort_unstable();
    ords.dedup();
    let mut found = FxHashMap::default();
    let Some(column) = column else {
        return Ok(found);
    };
    let mut at = ords.iter();
    column
        .dictionary()
        .sorted_ords_to_term_cb(ords.iter().copied(), |bytes| {
            if let Some(&ord) = at.next() {
                found.insert(ord, String::from_utf8_lossy(bytes).into_owned());
            }
            Ok(())
        })?;
    Ok(found)
}

/// An article as the columns of its first passage hold it.
pub(crate) struct ArticleHead {
    /// The article's key (`path`, or `path#record`).
    pub(crate) path: String,
    pub(crate) date: Option<String>,
    pub(crate) source: Option<String>,
    /// Its story (see `stories`).
    pub(crate) story: Option<u64>,
}

/// Calls `visit` with every live article of the index, read from the columns of its first
/// passage: a pass over the columns, no stored document opened.
pub(crate) fn for_each_article(
    searcher: &Searcher,
    mut visit: impl FnMut(ArticleHead),
) -> Result<()> {
    for segment in searcher.segment_readers() {
        let columns = Columns::open(segment)?;
        let stories = segment.fast_fields().u64("story")?;
        let heads: Vec<DocId> = (0..segment.max_doc())
            .filter(|&doc| !segment.is_deleted(doc) && columns.ordinals.first(doc) == Some(0))
            .collect();
        let read = |column: &Option<StrColumn>| {
            strings(
                column.as_ref(),
                heads.iter().map(|&doc| columns.ord(column, doc)),
            )
        };
        let (paths, dates, sources) = (
            read(&columns.paths)?,
            read(&columns.dates)?,
            read(&columns.sources)?,
        );
        let text = |map: &FxHashMap<u64, String>, column: &Option<StrColumn>, doc: DocId| {
            columns.ord(column, doc).and_then(|o| map.get(&o)).cloned()
        };
        for &doc in &heads {
            visit(ArticleHead {
                path: text(&paths, &columns.paths, doc).unwrap_or_default(),
                date: text(&dates, &columns.dates, doc),
                source: text(&sources, &columns.sources, doc),
                story: stories.first(doc),
            });
        }
    }
    Ok(())
}
