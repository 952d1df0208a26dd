//! Tracing a quote to its sources: candidate passages from the index, each aligned with the quote
//! on its own and joined with the passages before and after it, kept when they cover enough of
//! the quote, ranked.
//!
//! Candidates come from a disjunction of the quote's rarer stemmed terms (BM25 ranks passages
//! sharing most of them first), so one changed or misspelt word cannot hide the source the way
//! it hides it from a phrase query. A candidate is a source when its alignment covers at least
//! `min_coverage` of the quote's words *and* of their IDF mass: a passage that only shares the
//! quote's common words is not one.
//!
//! Limits: a source that shares fewer than a few rare words with the quote may not be among the
//! [`CANDIDATES`]; a quote spanning more than three passages is matched on three.

use crate::analysis;
use crate::highlight::Span;
use crate::hit::Citation;
use crate::index::{Fields, NewsIndex};
use crate::query::{word_doc_freq, BodyPhraseQuery, BodyWord};
use crate::quote::{Aligner, Alignment, DiffOp, Quote};
use anyhow::Result;
use serde::Serialize;
use std::collections::{HashMap, HashSet};
use std::time::Instant;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query};
use tantivy::{DocAddress, Searcher};

/// Passages retrieved from the index and aligned.
pub const CANDIDATES: usize = 40;

/// At most this many of the quote's terms (the rarest) make the retrieval query.
const QUERY_TERMS: usize = 12;

/// Order of the sources found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortBy {
    /// Best match first.
    Score,
    /// Earliest article first (undated last), then best match.
    Date,
}

/// What to look for and how much to show.
#[derive(Clone, Copy, Debug)]
pub struct TraceOptions {
    /// Show at most this many sources.
    pub limit: usize,
    /// Share of the quote's words (and of their IDF mass) a source must cover.
    pub min_coverage: f32,
    /// Order of the sources.
    pub sort: SortBy,
}

/// A source of the quote: the passage (or adjacent passages) holding it, and how it differs.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct QuoteHit {
    /// 1-based rank in the result list.
    pub rank: usize,
    /// Alignment score over its best value (1.0: the quote as written).
    pub score: f32,
    /// Share of the quote's words found in order in the span.
    pub coverage: f32,
    /// The article and the line where the quote's first matched word stands.
    #[serde(flatten)]
    pub citation: Citation,
    /// Ordinal of the (first) passage in its article.
    pub passage: u64,
    /// Ordinals of all the passages the quote runs over (one, or two joined).
    pub passages: Vec<u64>,
    /// The passage text; passages joined with a line break when the quote runs over several.
    pub text: String,
    /// Byte range of `text` the quote was matched on.
    pub span: Span,
    /// Byte ranges of `text` that matched quote words.
    pub highlights: Vec<Span>,
    /// The word diff from the source to the quote.
    pub diff: Vec<DiffOp>,
}

/// The sources of one quote.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TraceResult {
    /// The quote as aligned (cut at the word limit).
    pub quote: String,
    /// Number of sources found (all of them, not only those shown).
    pub total: usize,
    /// Query time in milliseconds (retrieval, alignment, ranking).
    pub took_ms: f64,
    /// The sources shown.
    pub hits: Vec<QuoteHit>,
}

use crate::stored::{article_passages, load, StoredPassage as Passage};

/// Inverse document frequency of a stemmed term in the passage text, BM25's formula.
fn idf(searcher: &Searcher, fields: &Fields, stem: &str) -> Result<f32> {
    let n = searcher.num_docs() as f32;
    let word = BodyWord::Stem(stem.to_string());
    let df = word_doc_freq(searcher, fields.text, &word)? as f32;
    Ok((1.0 + (n - df + 0.5) / (df + 0.5)).ln())
}

/// The retrieval query: the quote's rarest terms, any of which may match.
fn candidate_query(fields: &Fields, weights: &HashMap<&str, f32>) -> BooleanQuery {
    let mut terms: Vec<(&str, f32)> = weights
        .iter()
        // Function words are too common to help find a passage (they still count in the
        // alignment).
        .filter(|(t, _)| !crate::clean::is_function_word(t))
        .map(|(t, w)| (*t, *w))
        .collect();
    if terms.is_empty() {
        terms = weights.iter().map(|(t, w)| (*t, *w)).collect();
    }
    terms.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(b.0)));
    terms.truncate(QUERY_TERMS);
    let clauses: Vec<(Occur, Box<dyn Query>)> = terms
        .into_iter()
        .map(|(t, _)| {
            let word = BodyWord::Stem(t.to_string());
            let q: Box<dyn Query> = Box::new(BodyPhraseQuery::new(fields.text, vec![word], 0));
            (Occur::Should, q)
        })
        .collect();
    BooleanQuery::new(clauses)
}

/// A source found: the passages aligned and the alignment.
struct Found {
    parts: Vec<Passage>,
    text: String,
    alignment: Alignment,
    idf_share: f32,
}

/// Joins `parts` with line breaks and aligns the quote with the result, keeping only the parts
/// the match touches.
fn align_parts(aligner: &mut Aligner, word_idf: &[f32], parts: &[Passage]) -> Option<Found> {
    let mut text = String::new();
    let mut starts = Vec::with_capacity(parts.len());
    for p in parts {
        if !text.is_empty() {
            text.push('\n');
        }
        starts.push(text.len());
        text.push_str(&p.text);
    }
    let mut alignment = aligner.align(&text)?;
    let ends: Vec<usize> = starts
        .iter()
        .zip(parts)
        .map(|(s, p)| s + p.text.len())
        .collect();
    let touched: Vec<usize> = (0..parts.len())
        .filter(|&k| {
            starts[k] < alignment.span.end && alignment.span.start < ends[k].max(starts[k] + 1)
        })
        .collect();
    let (first, last) = (*touched.first()?, *touched.last()?);
    let offset = starts[first];
    let shift = |s: Span| Span {
        start: s.start - offset,
        end: s.end - offset,
    };
    alignment.span = shift(alignment.span);
    alignment.highlights = alignment.highlights.iter().map(|&s| shift(s)).collect();
    let total: f32 = word_idf.iter().sum();
    let matched: f32 = word_idf
        .iter()
        .zip(&alignment.matched)
        .filter(|(_, &m)| m)
        .map(|(w, _)| w)
        .sum();
    Some(Found {
        text: text[offset..ends[last]].to_string(),
        parts: parts[first..=last].to_vec(),
        alignment,
        idf_share: if total > 0.0 { matched / total } else { 0.0 },
    })
}

/// Words of a passage before (after) a match that still count as its start (end).
const EDGE_WORDS: usize = 4;

/// Whether the quote may run on into the passage before or after the one of `found`, and
/// reach `min_coverage` there: quote words are left over at one end while the match reaches
/// that end of the passage.
fn may_continue(found: &Found, min_coverage: f32) -> bool {
    let a = &found.alignment;
    let n = a.matched.len();
    let lead = a.matched.iter().take_while(|&&m| !m).count();
    let trail = a
        .matched
        .iter()
        .rev()
        .take_while(|&&m| !m)
        .count()
        .min(n - lead);
    let at_start = analysis::word_spans(&found.text[..a.span.start]).len() <= EDGE_WORDS;
    let at_end = analysis::word_spans(&found.text[a.span.end..]).len() <= EDGE_WORDS;
    let reachable = a.coverage
        + (if at_start { lead } else { 0 } + if at_end { trail } else { 0 }) as f32 / n as f32;
    a.coverage < 1.0
        && reachable >= min_coverage
        && ((lead > 0 && at_start) || (trail > 0 && at_end))
}

fn better(a: &Found, b: &Found) -> bool {
    (a.alignment.score, a.alignment.coverage) > (b.alignment.score, b.alignment.coverage)
}

/// Finds the sources of `quote` in `index`.
pub fn trace(index: &NewsIndex, quote: &Quote, options: TraceOptions) -> Result<TraceResult> {
    let started = Instant::now();
    let fields = &index.fields;
    let searcher = index.reader.searcher();
    let mut weights: HashMap<&str, f32> = HashMap::new();
    for stem in quote.stems() {
        if !weights.contains_key(stem) {
            weights.insert(stem, idf(&searcher, fields, stem)?);
        }
    }
    let word_idf: Vec<f32> = quote.stems().map(|s| weights[s]).collect();
    let top = searcher.search(
        &candidate_query(fields, &weights),
        &TopDocs::with_limit(CANDIDATES),
    )?;
    let mut aligner = Aligner::new(quote);
    let mut articles: HashMap<String, HashMap<u64, DocAddress>> = HashMap::new();
    let mut found: Vec<Found> = Vec::new();
    for (_, address) in top {
        let passage = load(&searcher, fields, address)?;
        let mut best = align_parts(&mut aligner, &word_idf, std::slice::from_ref(&passage));
        if best
            .as_ref()
            .is_some_and(|f| may_continue(f, options.min_coverage))
        {
            // The quote may run into the passage before or after.
            if !articles.contains_key(&passage.key) {
                let by_ordinal = article_passages(&searcher, fields, &passage.key)?;
                articles.insert(passage.key.clone(), by_ordinal);
            }
            let by_ordinal = &articles[&passage.key];
            let mut parts = Vec::with_capacity(3);
            if let Some(&before) = passage
                .ordinal
                .checked_sub(1)
                .and_then(|o| by_ordinal.get(&o))
            {
                parts.push(load(&searcher, fields, before)?);
            }
            let ordinal = passage.ordinal;
            parts.push(passage);
            if let Some(&after) = by_ordinal.get(&(ordinal + 1)) {
                parts.push(load(&searcher, fields, after)?);
            }
            if parts.len() > 1 {
                if let Some(joined) = align_parts(&mut aligner, &word_idf, &parts) {
                    if best.as_ref().is_none_or(|b| better(&joined, b)) {
                        best = Some(joined);
                    }
                }
            }
        }
        if let Some(f) = best {
            if f.alignment.coverage >= options.min_coverage && f.idf_share >= options.min_coverage {
                found.push(f);
            }
        }
    }
    // The same source reached from two candidates (a quote over two passages): keep the best.
    found.sort_by(|a, b| {
        b.alignment
            .score
            .total_cmp(&a.alignment.score)
            .then(b.alignment.coverage.total_cmp(&a.alignment.coverage))
            .then(
                a.parts[0]
                    .citation
                    .date
                    .is_none()
                    .cmp(&b.parts[0].citation.date.is_none()),
            )
            .then(a.parts[0].citation.date.cmp(&b.parts[0].citation.date))
            .then(a.parts[0].key.cmp(&b.parts[0].key))
            .then(a.parts[0].ordinal.cmp(&b.parts[0].ordinal))
    });
    let mut taken: HashSet<(String, u64)> = HashSet::new();
    found.retain(|f| {
        let keys: Vec<(String, u64)> = f.parts.iter().map(|p| (p.key.clone(), p.ordinal)).collect();
        if keys.iter().any(|k| taken.contains(k)) {
            return false;
        }
        taken.extend(keys);
        true
    });
    if options.sort == SortBy::Date {
        // Stable: equal dates keep the score order.
        found.sort_by(|a, b| {
            let (x, y) = (&a.parts[0].citation.date, &b.parts[0].citation.date);
            x.is_none().cmp(&y.is_none()).then(x.cmp(y))
        });
    }
    let total = found.len();
    let hits = found
        .into_iter()
        .take(options.limit)
        .enumerate()
        .map(|(i, f)| {
            let first = &f.parts[0];
            QuoteHit {
                rank: i + 1,
                score: f.alignment.score,
                coverage: f.alignment.coverage,
                citation: Citation {
                    line: first.line_at(f.alignment.span.start),
                    ..first.citation.clone()
                },
                passage: first.ordinal,
                passages: f.parts.iter().map(|p| p.ordinal).collect(),
                text: f.text,
                span: f.alignment.span,
                highlights: f.alignment.highlights,
                diff: f.alignment.diff,
            }
        })
        .collect();
    Ok(TraceResult {
        quote: quote.text().to_string(),
        total,
        took_ms: started.elapsed().as_secs_f64() * 1000.0,
        hits,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn passage(ordinal: u64, line: u64, text: &str) -> Passage {
        Passage {
            key: "a.txt".to_string(),
            citation: Citation {
                path: "a.txt".to_string(),
                line,
                ..Citation::default()
            },
            ordinal,
            text: text.to_string(),
            line_starts: vec![(0, line)],
            story: None,
        }
    }

    /// Aligns `quote` with `parts` (every word weighing the same).
    fn found(quote: &str, parts: &[Passage]) -> Option<Found> {
        let quote = Quote::new(quote);
        let word_idf = vec![1.0; quote.len()];
        let mut aligner = Aligner::new(&quote);
        align_parts(&mut aligner, &word_idf, parts)
    }

    #[test]
    fn a_quote_over_two_passages_keeps_only_the_passages_it_touches() {
        let parts = [
            passage(3, 10, "Unrelated words about the weather and the harbour."),
            passage(4, 12, "The minister said the plan was dead."),
            passage(5, 14, "Nobody would revive it this year, she added."),
        ];
        let f = found("the plan was dead nobody would revive it", &parts).expect("aligned");
        let ordinals: Vec<u64> = f.parts.iter().map(|p| p.ordinal).collect();
        assert_eq!(ordinals, vec![4, 5]);
        assert_eq!(
            f.text,
            "The minister said the plan was dead.\nNobody would revive it this year, she added."
        );
        // Spans are shifted to the kept text: the match starts at "the plan".
        assert_eq!(&f.text[f.alignment.span.start..][..8], "the plan");
        assert!((f.alignment.coverage - 1.0).abs() < 1e-6);
        assert!((f.idf_share - 1.0).abs() < 1e-6);
    }

    #[test]
    fn the_idf_share_weighs_the_words_found() {
        let quote = Quote::new("rare common");
        let mut aligner = Aligner::new(&quote);
        let f = align_parts(
            &mut aligner,
            &[3.0, 1.0],
            &[passage(0, 1, "only common here")],
        )
        .expect("aligned");
        assert!((f.idf_share - 0.25).abs() < 1e-6, "{}", f.idf_share);
    }

    #[test]
    fn nothing_in_common_is_no_alignment() {
        assert!(found("entirely different words", &[passage(0, 1, "zebra yak")]).is_none());
    }

    #[test]
    fn a_match_at_the_end_of_a_passage_may_continue_into_the_next() {
        let part = passage(4, 12, "The minister said the plan was dead.");
        let quote = "the plan was dead nobody would revive it";
        let f = found(quote, std::slice::from_ref(&part)).expect("aligned");
        assert!(f.alignment.coverage < 1.0);
        assert!(may_continue(&f, 0.4));
        // Out of reach of the coverage asked for, even with every leftover word found.
        assert!(!may_continue(&f, 1.01));
    }

    #[test]
    fn a_whole_quote_or_one_in_mid_passage_does_not_continue() {
        let whole = found(
            "the plan was dead",
            &[passage(0, 1, "The minister said the plan was dead.")],
        )
        .expect("aligned");
        assert!(!may_continue(&whole, 0.6));
        // Leftover quote words, but the match stands far from both ends of the passage.
        let middle = found(
            "said the plan was dead nobody would revive",
            &[passage(
                0,
                1,
                "In a long speech on Monday the minister said the plan was dead, and then she \
                 went on to talk about roads, schools, hospitals and the harbour for an hour.",
            )],
        )
        .expect("aligned");
        assert!(middle.alignment.coverage < 1.0);
        assert!(!may_continue(&middle, 0.6));
    }

    #[test]
    fn better_prefers_score_then_coverage() {
        let parts = [passage(0, 1, "the plan was dead")];
        let exact = found("the plan was dead", &parts).expect("aligned");
        let changed = found("the plan was alive", &parts).expect("aligned");
        assert!(better(&exact, &changed));
        assert!(!better(&changed, &exact));
        assert!(!better(&exact, &exact));
    }
}
