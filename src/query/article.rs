//! Clauses on the fields of a whole article (`title:`, `source:`, and the title's lift of a
//! body match) as tantivy queries.
//!
//! The title and the source are indexed once per article, on its first passage document,
//! rather than on every passage: on the Reuters benchmark the title alone, indexed per passage,
//! was an eighth of the index. The passages of an article are handed to the writer together
//! (see `index::update`), so they are side by side in one segment, with ordinals 0, 1, 2
//! and so on (merges keep documents in order, and an article's passages are deleted together).
//! An [`ArticleQuery`] finds the first passages its inner query matches and spreads each match,
//! with its score, over the passages that follow it up to the next article.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings as _, SegmentPostings};
use tantivy::query::{
    Bm25StatisticsProvider, EmptyScorer, EnableScoring, Explanation, Query, Scorer, TermQuery,
    Weight,
};
use tantivy::schema::Field;
use tantivy::schema::IndexRecordOption;
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TantivyError, Term, TERMINATED};

/// The passages of the articles whose first passage matches `inner`, each scored as the
/// article's first passage is.
#[derive(Debug)]
pub struct ArticleQuery {
    inner: Box<dyn Query>,
}

impl ArticleQuery {
    /// The passages of the articles that `inner`, a query on an article field, matches.
    pub fn new(inner: Box<dyn Query>) -> Self {
        ArticleQuery { inner }
    }
}

impl Clone for ArticleQuery {
    fn clone(&self) -> Self {
        ArticleQuery {
            inner: self.inner.box_clone(),
        }
    }
}

impl Query for ArticleQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let inner = match scoring {
            EnableScoring::Enabled {
                searcher,
                statistics_provider,
            } => {
                let stats = ArticleStats {
                    inner: statistics_provider,
                    articles: article_count(searcher)?,
                };
                self.inner
                    .weight(EnableScoring::enabled_from_statistics_provider(
                        &stats, searcher,
                    ))?
            }
            disabled => self.inner.weight(disabled)?,
        };
        Ok(Box::new(ArticleWeight { inner }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a tantivy::Term, bool)) {
        self.inner.query_terms(visitor);
    }
}

/// How many articles `searcher` holds: the paths in its path field's dictionaries (an article's
/// passages are all in one segment, so no path is counted twice but a deleted one may be).
pub fn article_count(searcher: &Searcher) -> tantivy::Result<u64> {
    let Ok(path) = searcher.schema().get_field("path") else {
        return Ok(searcher.num_docs().max(1));
    };
    let mut articles = 0;
    for reader in searcher.segment_readers() {
        articles += reader.inverted_index(path)?.terms().num_terms() as u64;
    }
    Ok(articles.max(1))
}

/// BM25 statistics for the fields of an article, which only its first passage holds: the
/// documents are counted as articles, so that a word's rarity and an article's length are
/// measured among articles. Counted among passages, most of which lack the field, every
/// article looked several times longer than the average and every word rarer than it is.
struct ArticleStats<'a> {
    inner: &'a dyn Bm25StatisticsProvider,
    articles: u64,
}

impl Bm25StatisticsProvider for ArticleStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.inner.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        Ok(self.articles)
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        Ok(self.inner.doc_freq(term)?.min(self.articles))
    }
}

struct ArticleWeight {
    inner: Box<dyn Weight>,
}

impl Weight for ArticleWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut inner = self.inner.scorer(reader, boost)?;
        let mut docs = Vec::new();
        let mut first = inner.doc();
        if first == TERMINATED {
            // Most words of a query are in no title of a segment: its ordinals, a column that
            // costs a twentieth of a short search's CPU to open, are then not needed.
            return Ok(Box::new(SpreadScorer { docs, at: 0 }));
        }
        // Where each article's passages end: at the next ordinal 0.
        let ordinals = reader.fast_fields().u64("ordinal")?;
        let max_doc = reader.max_doc();
        while first != TERMINATED {
            let score = inner.score();
            docs.push((first, score));
            let mut next = first + 1;
            while next < max_doc && ordinals.first(next) == Some(u64::from(next - first)) {
                docs.push((next, score));
                next += 1;
            }
            // Only first passages hold article fields: the next match starts another article.
            if next >= max_doc {
                break;
            }
            first = inner.seek(next);
        }
        Ok(Box::new(SpreadScorer { docs, at: 0 }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not in an article that matches"
            )));
        }
        Ok(Explanation::new(
            "in an article whose field matches",
            scorer.score(),
        ))
    }
}

/// The matching passages with their scores, in document order.
struct SpreadScorer {
    docs: Vec<(DocId, Score)>,
    at: usize,
}

impl DocSet for SpreadScorer {
    fn advance(&mut self) -> DocId {
        self.at += 1;
        self.doc()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.at += self.docs[self.at.min(self.docs.len())..].partition_point(|&(d, _)| d < target);
        self.doc()
    }

    fn doc(&self) -> DocId {
        self.docs.get(self.at).map_or(TERMINATED, |&(d, _)| d)
    }

    fn size_hint(&self) -> u32 {
        (self.docs.len() - self.at.min(self.docs.len())) as u32
    }
}

impl Scorer for SpreadScorer {
    fn score(&mut self) -> Score {
        self.docs.get(self.at).map_or(0.0, |&(_, s)| s)
    }
}

/// A word of an article field, scored in the field of its common uses (the article's words
/// that are not part of a name: `index::Fields::common`) when most articles that hold it use
/// it as a common word at least once, else in the field of all its uses: `steel` counts in the
/// articles about steel, not in those about Inland Steel; `Reagan`, a name wherever it
/// stands, counts wherever it is named. Scored by BM25 with the article's length damped less
/// than a passage's ([`ARTICLE_B`]).
#[derive(Clone, Debug)]
pub struct CommonUseQuery {
    common: Term,
    all: Term,
}

impl CommonUseQuery {
    /// The word of the term `common` in the field of common uses, and `all` in the field of
    /// all uses.
    pub fn new(common: Term, all: Term) -> Self {
        CommonUseQuery { common, all }
    }
}

/// Whether a word that `common` articles use as a common word and `all` articles hold is
/// scored in the field of its common uses: when at least half of those articles use it so
/// (see [`CommonUseQuery`]).
pub fn scored_as_common(common: u64, all: u64) -> bool {
    common.saturating_mul(2) >= all
}

impl Query for CommonUseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let EnableScoring::Enabled {
            statistics_provider: stats,
            ..
        } = &scoring
        else {
            return TermQuery::new(self.common.clone(), IndexRecordOption::WithFreqs)
                .weight(scoring);
        };
        let common = stats.doc_freq(&self.common)?;
        let all = stats.doc_freq(&self.all)?;
        let (term, doc_freq) = match scored_as_common(common, all) {
            true => (&self.common, common),
            false => (&self.all, all),
        };
        let articles = stats.total_num_docs()?.max(1);
        let tokens = stats.total_num_tokens(term.field())?;
        Ok(Box::new(ArticleWordWeight {
            term: term.clone(),
            idf: idf(doc_freq.min(articles), articles),
            average: (tokens as Score / articles as Score).max(1.0),
        }))
    }

    fn query_terms<'a>(&'a self, visitor: &mut dyn FnMut(&'a Term, bool)) {
        visitor(&self.common, false);
        visitor(&self.all, false);
    }
}

/// BM25's term-frequency saturation for an article's word (tantivy's).
const K1: Score = 1.2;

/// How far an article's length damps its words' evidence: 0.3 where tantivy (and BM25's
/// usual setting) has 0.75. A wire article's length is mostly its kind (a two-line notice, a
/// long report), not wordiness: with 0.75 a notice that names a word once outranked the long
/// stories about it that name it throughout (chosen on the tuning half of the Reuters topic
/// queries, 0.2 to 0.4 alike there; news collections are usually ranked with 0.3 to 0.4).
const ARTICLE_B: Score = 0.3;

/// BM25's rarity of a word held by `doc_freq` of `docs` articles (tantivy's).
fn idf(doc_freq: u64, docs: u64) -> Score {
    let x = (docs.saturating_sub(doc_freq) as Score + 0.5) / (doc_freq as Score + 0.5);
    (1.0 + x).ln()
}

/// BM25 of one word of an article field, with the article's length damped by [`ARTICLE_B`]
/// rather than tantivy's fixed 0.75.
struct ArticleWordWeight {
    term: Term,
    idf: Score,
    average: Score,
}

impl Weight for ArticleWordWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let field = self.term.field();
        let inverted = reader.inverted_index(field)?;
        let Some(postings) = inverted.read_postings(&self.term, IndexRecordOption::WithFreqs)?
        else {
            return Ok(Box::new(EmptyScorer));
        };
        Ok(Box::new(ArticleWordScorer {
            postings,
            norms: reader.get_fieldnorms_reader(field)?,
            weight: boost * self.idf * (K1 + 1.0),
            average: self.average,
        }))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document {doc} does not hold the word"
            )));
        }
        Ok(Explanation::new(
            "BM25 of the word in the article",
            scorer.score(),
        ))
    }
}

struct ArticleWordScorer {
    postings: SegmentPostings,
    norms: FieldNormReader,
    weight: Score,
    average: Score,
}

impl DocSet for ArticleWordScorer {
    fn advance(&mut self) -> DocId {
        self.postings.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.postings.seek(target)
    }

    fn doc(&self) -> DocId {
        self.postings.doc()
    }

    fn size_hint(&self) -> u32 {
        self.postings.size_hint()
    }
}

impl Scorer for ArticleWordScorer {
    fn score(&mut self) -> Score {
        let tf = self.postings.term_freq() as Score;
        let length = self.norms.fieldnorm(self.postings.doc()) as Score;
        let norm = K1 * (1.0 - ARTICLE_B + ARTICLE_B * length / self.average);
        self.weight * tf / (tf + norm)
    }
}
