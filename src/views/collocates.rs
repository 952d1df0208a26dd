//! `collocates`: the words found near a query's matches more often than chance predicts, ranked
//! by Dunning's log-likelihood (G², the statistic AntConc and Sketch Engine rank by).
//!
//! The window is counted in words on each side of every match, within its passage; a word that
//! falls in the windows of two matches counts once, and the matched words themselves are not
//! counted. Each word is compared with its frequency in the whole corpus: by stem from the
//! article field (every word of every article, stemmed, with its frequency), by surface word
//! from the passage text. Words are counted by stem unless asked for surface words; a stem is
//! shown as its most frequent surface form in the windows. Stop words stay unless excluded.

use crate::analysis::{self, LazyWord};
use crate::highlight::{Highlighter, Span};
use crate::hit::Hit;
use crate::index::{Fields, NewsIndex};
use crate::query::{self, Query};
use crate::search::{self, MATCHING_DOCS};
use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocId, Searcher, SegmentOrdinal, TantivyDocument, Term};

/// How to count collocates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Options {
    /// Words on each side of a match.
    pub window: usize,
    /// Rows to keep, best first.
    pub limit: usize,
    /// Count surface words (`quotas`, `quota` apart) instead of stems.
    pub by_surface: bool,
    /// Leave out function words (`the`, `said`, `of`).
    pub no_stopwords: bool,
    /// Least number of times a word must be found near the matches to be ranked.
    pub min_count: usize,
}

/// One collocate.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct CollocateRow {
    /// The word (for a stem: its most frequent surface form near the matches).
    pub word: String,
    /// Times it is found in the windows around the matches.
    pub together: u64,
    /// Times it is found in the whole corpus.
    pub total: u64,
    /// Log-likelihood (G²) of finding it `together` times in the windows, against its share
    /// of the corpus; higher is a stronger association.
    pub score: f64,
}

/// The collocates of a query.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Collocates {
    /// The query as typed.
    pub query: String,
    /// Words on each side of a match.
    pub window: usize,
    /// The collocates, strongest first.
    pub rows: Vec<CollocateRow>,
}

/// The words in the windows: per counted term, its count and its surface forms.
#[derive(Default)]
struct WindowCounts {
    /// Words counted in all windows.
    words: u64,
    /// Term -> its count and surface forms.
    terms: FxHashMap<String, WindowTerm>,
}

/// A term found in the windows.
#[derive(Default)]
struct WindowTerm {
    /// Times found.
    count: u64,
    /// Its surface forms, with the times each was found.
    forms: FxHashMap<String, u64>,
}

impl WindowCounts {
    /// Counts the words of one passage near its matches: `words` are the passage's words in
    /// order, `spans` its highlights (sorted, apart); a word a span overlaps is a match.
    fn add_passage(&mut self, words: &[LazyWord], spans: &[Span], options: Options) {
        // Spans and words both run in text order: one walk finds the matched words.
        let mut at = 0;
        let matched: Vec<bool> = words
            .iter()
            .map(|w| {
                while at < spans.len() && spans[at].end <= w.start {
                    at += 1;
                }
                at < spans.len() && spans[at].start < w.end
            })
            .collect();
        let mut near = vec![false; words.len()];
        for (i, _) in matched.iter().enumerate().filter(|(_, &m)| m) {
            let from = i.saturating_sub(options.window);
            let to = (i + options.window + 1).min(words.len());
            near[from..to].iter_mut().for_each(|n| *n = true);
        }
        for ((word, _), _) in words
            .iter()
            .zip(&matched)
            .zip(&near)
            .filter(|((_, &m), &n)| n && !m)
        {
            let term = if options.by_surface {
                word.surface.as_str()
            } else {
                word.stem()
            };
            self.add(term, word.surface.as_str(), 1);
        }
    }

    /// Counts `n` finds of `term` in the surface form `form`.
    fn add(&mut self, term: &str, form: &str, n: u64) {
        self.words += n;
        // Looked up before inserting: most words in the windows are seen before, and a key
        // made for each would cost an allocation a word.
        let entry = match self.terms.get_mut(term) {
            Some(entry) => entry,
            None => self.terms.entry(term.to_string()).or_default(),
        };
        entry.count += n;
        match entry.forms.get_mut(form) {
            Some(count) => *count += n,
            None => {
                entry.forms.insert(form.to_string(), n);
            }
        }
    }

    /// Adds the counts of `other`.
    fn merge(&mut self, other: WindowCounts) {
        self.words += other.words;
        for (term, found) in other.terms {
            let entry = self.terms.entry(term).or_default();
            entry.count += found.count;
            for (form, n) in found.forms {
                *entry.forms.entry(form).or_default() += n;
            }
        }
    }
}

/// Counts the words around the matches of `hits` (each hit's highlighted spans).
fn window_counts(hits: &[Hit], options: Options) -> WindowCounts {
    let mut counts = WindowCounts::default();
    for hit in hits {
        let words = analysis::lazy_words(&hit.text, false);
        counts.add_passage(&words, &hit.highlights, options);
    }
    counts
}

/// Matching passages read by one task: a stretch of one segment's, in document order, so
/// that neighbours share the doc store's compressed blocks.
const PASSAGES_A_TASK: usize = 512;

/// Counts the words around the matches of `query` (prepared, not needing a check), reading
/// each matching passage's stored text and language once: no hit is made, no passage is
/// ranked or sorted, and the words are analysed once, for the highlights and the windows.
fn matched_window_counts(
    searcher: &Searcher,
    fields: &Fields,
    query: &Query,
    options: Options,
) -> Result<WindowCounts> {
    let compiled = query::compile(query, fields)?;
    let found = searcher.search(&*compiled, &MATCHING_DOCS)?;
    let highlighter = Highlighter::new(query);
    let tasks: Vec<(SegmentOrdinal, &[DocId])> = found
        .iter()
        .flat_map(|(segment, docs)| docs.chunks(PASSAGES_A_TASK).map(|c| (*segment, c)))
        .collect();
    let count = |&(segment, docs): &(SegmentOrdinal, &[DocId])| -> Result<WindowCounts> {
        let store = searcher.segment_reader(segment).get_store_reader(1)?;
        let mut counts = WindowCounts::default();
        for &doc in docs {
            let stored: TantivyDocument = store.get(doc)?;
            let text = stored
                .get_first(fields.text)
                .and_then(|v| v.as_str())
                .unwrap_or_default();
            let lang = stored.get_first(fields.lang).and_then(|v| v.as_str());
            let (spans, words) = highlighter.spans_and_words(text, lang);
            counts.add_passage(&words, &spans, options);
        }
        Ok(counts)
    };
    let parts = tasks.par_iter().map(count).collect::<Result<Vec<_>>>()?;
    let mut counts = WindowCounts::default();
    for part in parts {
        counts.merge(part);
    }
    Ok(counts)
}

/// How often `term` occurs in `field` over the live documents of the index, summed a block
/// of postings at a time.
fn corpus_frequency(searcher: &Searcher, field: Field, term: &str) -> Result<u64> {
    let term = Term::from_field_text(field, term);
    let mut total = 0;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let Some(info) = inverted.get_term_info(&term)? else {
            continue;
        };
        let mut block =
            inverted.read_block_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let alive = segment.alive_bitset();
        while !block.docs().is_empty() {
            total += match alive {
                None => block.freqs().iter().map(|&f| u64::from(f)).sum::<u64>(),
                Some(alive) => block
                    .docs()
                    .iter()
                    .zip(block.freqs())
                    .filter(|(&doc, _)| alive.is_alive(doc))
                    .map(|(_, &f)| u64::from(f))
                    .sum(),
            };
            block.advance();
        }
    }
    Ok(total)
}

/// Words in the whole corpus: the article field holds every word of every article once.
fn corpus_words(searcher: &Searcher, field: Field) -> Result<u64> {
    let mut total = 0;
    for segment in searcher.segment_readers() {
        total += segment.inverted_index(field)?.total_num_tokens();
    }
    Ok(total)
}

/// Dunning's log-likelihood of a word found `a` times among the `window` words near the
/// matches and `total` times among the `corpus` words: G² over the 2x2 table (near the
/// matches or not, this word or another). 0 when it is found no more often than chance says.
pub fn log_likelihood(a: u64, window: u64, total: u64, corpus: u64) -> f64 {
    let corpus = corpus.max(window).max(total) as f64;
    let (a, window, total) = (a as f64, window as f64, total as f64);
    let expected_a = window * total / corpus;
    if a <= expected_a {
        return 0.0;
    }
    let cells = [
        (a, expected_a),
        (window - a, window * (corpus - total) / corpus),
        (total - a, (corpus - window) * total / corpus),
        (
            corpus - window - total + a,
            (corpus - window) * (corpus - total) / corpus,
        ),
    ];
    2.0 * cells
        .iter()
        .filter(|(o, e)| *o > 0.0 && *e > 0.0)
        .map(|(o, e)| o * (o / e).ln())
        .sum::<f64>()
}

/// The collocates of `query` (typed as `text`), its matches found as `search` says (its
/// limit and context are not used: every match counts).
///
/// The words near the matches are read from the matching passages' stored text; a query
/// the index can only narrow down (see [`Query::needs_check`]) or matched with accents is
/// searched whole, and its hits counted as [`collocates_of_hits`] counts them.
pub fn collocates(
    index: &NewsIndex,
    text: &str,
    query: &Query,
    search: search::Options,
    options: Options,
) -> Result<Collocates> {
    let search = search::Options {
        limit: search::Limit::All,
        context: 0,
        ..search
    };
    let searcher = index.reader.searcher();
    let prepared = search::prepared(&searcher, &index.fields, query, search);
    let counts = if prepared.needs_check() || prepared.accents {
        let result = search::search(index, text, query, search)?;
        window_counts(&result.hits, options)
    } else {
        matched_window_counts(&searcher, &index.fields, &prepared, options)?
    };
    ranked(index, &searcher, text, counts, options)
}

/// The collocates of a query (typed as `text`) whose matches are `hits`: every match of the
/// query, each hit with its highlights.
pub fn collocates_of_hits(
    index: &NewsIndex,
    text: &str,
    hits: &[Hit],
    options: Options,
) -> Result<Collocates> {
    let searcher = index.reader.searcher();
    ranked(
        index,
        &searcher,
        text,
        window_counts(hits, options),
        options,
    )
}

/// The words of `counts`, each weighed against its corpus frequency, strongest first.
fn ranked(
    index: &NewsIndex,
    searcher: &Searcher,
    text: &str,
    counts: WindowCounts,
    options: Options,
) -> Result<Collocates> {
    let field = if options.by_surface {
        index.fields.text
    } else {
        index.fields.article
    };
    let corpus = corpus_words(searcher, index.fields.article)?;
    let candidates: Vec<(&String, &WindowTerm)> = counts
        .terms
        .iter()
        .filter(|(term, found)| {
            found.count as usize >= options.min_count.max(1)
                && !(options.no_stopwords
                    && (crate::clean::is_function_word(term)
                        || found
                            .forms
                            .keys()
                            .all(|f| crate::clean::is_function_word(f))))
        })
        .collect();
    let mut rows = candidates
        .par_iter()
        .map(|(term, found)| {
            let (together, forms) = (&found.count, &found.forms);
            // A word never indexed in this field (cut as too long) counts as found here only.
            let total = corpus_frequency(searcher, field, term)?.max(*together);
            let word = forms
                .iter()
                .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                .map_or_else(|| term.to_string(), |(form, _)| form.clone());
            Ok(CollocateRow {
                word,
                together: *together,
                total,
                score: log_likelihood(*together, counts.words, total, corpus),
            })
        })
        .collect::<Result<Vec<_>>>()?;
    rows.retain(|r| r.score > 0.0);
    rows.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then_with(|| a.word.cmp(&b.word))
    });
    rows.truncate(options.limit);
    Ok(Collocates {
        query: text.to_string(),
        window: options.window,
        rows,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hit::Citation;

    fn hit(text: &str, matched: &str) -> Hit {
        let highlights = text
            .match_indices(matched)
            .map(|(start, m)| Span {
                start,
                end: start + m.len(),
            })
            .collect();
        Hit {
            rank: None,
            score: 0.0,
            citation: Citation {
                path: "a.txt".into(),
                line: 1,
                ..Citation::default()
            },
            passage: 1,
            text: text.into(),
            highlights,
            highlight_chars: Vec::new(),
            before: Vec::new(),
            after: Vec::new(),
            story: None,
            copies: Vec::new(),
        }
    }

    fn options(window: usize) -> Options {
        Options {
            window,
            limit: 10,
            by_surface: false,
            no_stopwords: false,
            min_count: 1,
        }
    }

    #[test]
    fn a_window_counts_the_words_each_side_once_and_not_the_matches() {
        let hits = [hit(
            "one two coffee quotas coffee three four five",
            "coffee",
        )];
        let counts = window_counts(&hits, options(1));
        let mut found: Vec<(&str, u64)> = counts
            .terms
            .iter()
            .map(|(t, found)| (t.as_str(), found.count))
            .collect();
        found.sort_unstable();
        // "quotas" sits in both windows and counts once; "coffee" is the match.
        assert_eq!(found, [("quota", 1), ("three", 1), ("two", 1)]);
        assert_eq!(counts.words, 3);
    }

    #[test]
    fn stems_gather_their_surface_forms() {
        let hits = [hit("coffee quotas, coffee quota, coffee quotas", "coffee")];
        let counts = window_counts(&hits, options(1));
        let found = &counts.terms["quota"];
        let (n, forms) = (found.count, &found.forms);
        assert_eq!(n, 3);
        assert_eq!((forms["quotas"], forms["quota"]), (2, 1));
    }

    #[test]
    fn log_likelihood_is_dunnings_g2_and_zero_below_chance() {
        // a=10 of 100 window words, 20 of 10,000 corpus words: computed by hand.
        let g2 = log_likelihood(10, 100, 20, 10_000);
        assert!((g2 - 65.58).abs() < 0.01, "{g2}");
        // As frequent near the matches as anywhere: no association.
        assert_eq!(log_likelihood(1, 100, 100, 10_000), 0.0);
        assert!(log_likelihood(5, 100, 20, 10_000) < g2);
    }
}
