//! `collocates`: the words found near a query's matches more often than chance predicts, ranked
//! by Dunning's log-likelihood (G², the statistic AntConc and Sketch Engine rank by).
//!
//! The window is counted in words on each side of every match, within its passage; a word that
//! falls in the windows of two matches counts once, and the matched words themselves are not
//! counted. Each word is compared with its frequency in the whole corpus: by stem from the
//! article field (every word of every article, stemmed, with its frequency), by surface word
//! from the passage text. Words are counted by stem unless asked for surface words; a stem is
//! shown as its most frequent surface form in the windows. Stop words stay unless excluded.

use crate::analysis;
use crate::hit::Hit;
use crate::index::NewsIndex;
use anyhow::Result;
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;
use tantivy::postings::Postings;
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocSet, Term, TERMINATED};

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

/// Counts the words around the matches of `hits` (each hit's highlighted spans).
fn window_counts(hits: &[Hit], options: Options) -> WindowCounts {
    let mut counts = WindowCounts::default();
    for hit in hits {
        let words = analysis::words(&hit.text);
        let matched: Vec<bool> = words
            .iter()
            .map(|w| {
                hit.highlights
                    .iter()
                    .any(|s| s.start < w.end && w.start < s.end)
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
            counts.words += 1;
            let term = if options.by_surface {
                &word.surface
            } else {
                &word.stem
            };
            let entry = counts.terms.entry(term.to_string()).or_default();
            entry.count += 1;
            *entry.forms.entry(word.surface.to_string()).or_default() += 1;
        }
    }
    counts
}

/// How often `term` occurs in `field` over the live documents of the index.
fn corpus_frequency(searcher: &tantivy::Searcher, field: Field, term: &str) -> Result<u64> {
    let term = Term::from_field_text(field, term);
    let mut total = 0;
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(field)?;
        let Some(info) = inverted.get_term_info(&term)? else {
            continue;
        };
        let mut postings =
            inverted.read_postings_from_terminfo(&info, IndexRecordOption::WithFreqs)?;
        let mut doc = postings.doc();
        while doc != TERMINATED {
            if !segment.is_deleted(doc) {
                total += u64::from(postings.term_freq());
            }
            doc = postings.advance();
        }
    }
    Ok(total)
}

/// Words in the whole corpus: the article field holds every word of every article once.
fn corpus_words(searcher: &tantivy::Searcher, field: Field) -> Result<u64> {
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

/// The collocates of `query` (typed as `text`), whose matches are `hits`.
pub fn collocates(
    index: &NewsIndex,
    text: &str,
    hits: &[Hit],
    options: Options,
) -> Result<Collocates> {
    let searcher = index.reader.searcher();
    let counts = window_counts(hits, options);
    let field = if options.by_surface {
        index.fields.text
    } else {
        index.fields.article
    };
    let corpus = corpus_words(&searcher, index.fields.article)?;
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
            let total = corpus_frequency(&searcher, field, term)?.max(*together);
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
    use crate::highlight::Span;
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
