//! Quote alignment: where a possibly misquoted quote stands inside a source text, how much of it
//! is there, and what differs.
//!
//! Quote and source are both split with [`crate::analysis`], so case, punctuation, quote marks,
//! apostrophes, dashes, line breaks and accents never matter. Two words match when their surface
//! terms are equal, when their stems are (`transits` / `transit`), or when they are one typo apart
//! (two for long words). The quote is then placed in the source by a local alignment over words
//! (Smith–Waterman with linear costs): a changed word is a substitution, a missing or extra word a
//! gap, and where the quote has `...` or `…` the source may skip any number of words for free.
//! The result is the source span, the coverage (matched quote words over quote words), and a word
//! diff from the source to the quote.
//!
//! Limits: the work is quadratic in words, so a quote is cut at [`MAX_QUOTE_WORDS`]; swapped words
//! show as a deletion and an insertion; a word split in two (`health care` / `healthcare`) and a
//! changed number are changes, never typos.

use crate::analysis::{self, words, Word};
use crate::highlight::Span;
use compact_str::CompactString;
use serde::Serialize;
use std::collections::HashMap;

/// Words of a quote beyond this are not aligned (the quote is cut there).
pub const MAX_QUOTE_WORDS: usize = 200;

/// Alignment score of a word matched as written (case and punctuation aside).
const EXACT: f32 = 1.0;
/// Score of a word matched through its stem only.
const STEM: f32 = 0.9;
/// Score of a word matched through a typo.
const TYPO: f32 = 0.75;
/// Cost of a quote word aligned with a different source word.
const CHANGE: f32 = -0.6;
/// Cost of a quote word missing from the source, or a source word missing from the quote.
const GAP: f32 = -0.6;
/// At most this many unmatched words at either end of the quote are paired with the source words
/// next to the span, so that a changed first or last word shows as a change, not an insertion.
const EDGE_PAIRS: usize = 3;

fn is_ellipsis(between: &str) -> bool {
    between.contains("...") || between.contains('…') || between.contains(". . .")
}

/// A quote ready to be aligned: its words, and where it marks omissions.
#[derive(Clone, Debug)]
pub struct Quote {
    text: String,
    words: Vec<Word>,
    /// `elided[i]`: an ellipsis stands right before word `i`.
    elided: Vec<bool>,
    truncated: bool,
}

impl Quote {
    /// Analyses `text`, keeping its first [`MAX_QUOTE_WORDS`] words.
    pub fn new(text: &str) -> Quote {
        let spans = analysis::word_spans(text);
        let truncated = spans.len() > MAX_QUOTE_WORDS;
        let text = if truncated {
            &text[..spans[MAX_QUOTE_WORDS - 1].1]
        } else {
            text
        };
        let words = words(text);
        let elided = (0..words.len())
            .map(|i| i > 0 && is_ellipsis(&text[words[i - 1].end..words[i].start]))
            .collect();
        Quote {
            text: text.to_string(),
            words,
            elided,
            truncated,
        }
    }

    /// The quote text (cut after [`MAX_QUOTE_WORDS`] words).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// Number of words.
    pub fn len(&self) -> usize {
        self.words.len()
    }

    /// Whether the quote has no word at all.
    pub fn is_empty(&self) -> bool {
        self.words.is_empty()
    }

    /// Whether words beyond [`MAX_QUOTE_WORDS`] were dropped.
    pub fn truncated(&self) -> bool {
        self.truncated
    }

    /// The stemmed term of each word, in order.
    pub fn stems(&self) -> impl Iterator<Item = &str> {
        self.words.iter().map(|w| w.stem.as_str())
    }
}

/// How a quote word matches a source word.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Differ,
    Typo,
    Stem,
    Exact,
}

impl Kind {
    fn score(self) -> f32 {
        match self {
            Kind::Exact => EXACT,
            Kind::Stem => STEM,
            Kind::Typo => TYPO,
            Kind::Differ => CHANGE,
        }
    }
}

/// Whether two different surface words are a typo apart: one edit (two from 8 letters up),
/// adjacent swaps counting as one; never for short words or numbers.
fn is_typo(a: &str, b: &str) -> bool {
    let (la, lb) = (a.chars().count(), b.chars().count());
    let shorter = la.min(lb);
    if shorter < 4 {
        return false;
    }
    let allowed = if shorter >= 8 { 2 } else { 1 };
    if la.abs_diff(lb) > allowed {
        return false;
    }
    if a.chars().chain(b.chars()).any(|c| c.is_numeric()) {
        return false;
    }
    strsim::osa_distance(a, b) <= allowed
}

fn kind(q: &Word, s: &Word) -> Kind {
    if q.surface == s.surface {
        Kind::Exact
    } else if q.stem == s.stem {
        Kind::Stem
    } else if is_typo(&q.surface, &s.surface) {
        Kind::Typo
    } else {
        Kind::Differ
    }
}

/// What one operation of a diff does, from the source to the quote.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Op {
    /// The same words in both.
    Equal,
    /// Source words the quote leaves out.
    Delete,
    /// Quote words the source does not have.
    Insert,
    /// Source words the quote has otherwise (changed, misspelt, or cut with an ellipsis).
    Replace,
}

/// One operation of a word diff: the quote's words and the source's words it stands for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct DiffOp {
    /// What the operation does.
    pub op: Op,
    /// The quote's words (empty for a deletion).
    pub quote: String,
    /// The source's words (empty for an insertion).
    pub source: String,
}

/// Where and how well a quote matches a source text.
#[derive(Clone, Debug, PartialEq)]
pub struct Alignment {
    /// Bytes of the source from the first to the last aligned word.
    pub span: Span,
    /// Share of the quote's words found, in order, in the span.
    pub coverage: f32,
    /// Alignment score over its best possible value: 1.0 for the quote as written.
    pub score: f32,
    /// The source words that matched a quote word, a run of adjacent ones as one span.
    pub highlights: Vec<Span>,
    /// The word diff from the source span to the quote.
    pub diff: Vec<DiffOp>,
    /// Whether each quote word was matched.
    pub matched: Vec<bool>,
}

/// One step of an alignment path.
#[derive(Clone, Copy, Debug)]
enum Step {
    Pair { q: usize, s: usize, kind: Kind },
    QuoteOnly(usize),
    SourceOnly { s: usize, elided: bool },
}

/// Aligns one quote with many source texts, remembering how each source word compares with the
/// quote's words so that words seen before cost nothing.
pub struct Aligner<'q> {
    quote: &'q Quote,
    rows: HashMap<CompactString, Vec<Kind>>,
}

impl<'q> Aligner<'q> {
    /// An aligner for `quote`.
    pub fn new(quote: &'q Quote) -> Self {
        Aligner {
            quote,
            rows: HashMap::new(),
        }
    }

    fn row(&mut self, s: &Word) -> &[Kind] {
        let quote = self.quote;
        self.rows
            .entry(s.surface.clone())
            .or_insert_with(|| quote.words.iter().map(|q| kind(q, s)).collect())
    }

    /// Places the quote in `source`; `None` when they have no word in common.
    pub fn align(&mut self, source: &str) -> Option<Alignment> {
        let quote = self.quote;
        let src = words(source);
        let (n, m) = (quote.words.len(), src.len());
        if n == 0 || m == 0 {
            return None;
        }
        let rows: Vec<Vec<Kind>> = src.iter().map(|s| self.row(s).to_vec()).collect();
        let width = m + 1;
        // h[i * width + j]: best score of an alignment ending after quote word i-1 and source
        // word j-1; from[..] the move that got there (0 start, 1 pair, 2 quote only, 3 source only).
        let mut h = vec![0f32; (n + 1) * width];
        let mut from = vec![0u8; (n + 1) * width];
        let (mut best, mut best_at) = (0f32, (0, 0));
        for i in 1..=n {
            let skip_cost = if i < n && quote.elided[i] { 0.0 } else { GAP };
            for j in 1..=m {
                let pair = h[(i - 1) * width + j - 1] + rows[j - 1][i - 1].score();
                let quote_only = h[(i - 1) * width + j] + GAP;
                let source_only = h[i * width + j - 1] + skip_cost;
                let (mut value, mut step) = (0.0, 0u8);
                for (v, s) in [(pair, 1), (quote_only, 2), (source_only, 3)] {
                    if v > value {
                        value = v;
                        step = s;
                    }
                }
                h[i * width + j] = value;
                from[i * width + j] = step;
                if value > best {
                    best = value;
                    best_at = (i, j);
                }
            }
        }
        if best <= 0.0 {
            return None;
        }
        let mut path = Vec::new();
        let (mut i, mut j) = best_at;
        while i > 0 && j > 0 && h[i * width + j] > 0.0 {
            match from[i * width + j] {
                1 => {
                    path.push(Step::Pair {
                        q: i - 1,
                        s: j - 1,
                        kind: rows[j - 1][i - 1],
                    });
                    i -= 1;
                    j -= 1;
                }
                2 => {
                    path.push(Step::QuoteOnly(i - 1));
                    i -= 1;
                }
                3 => {
                    path.push(Step::SourceOnly {
                        s: j - 1,
                        elided: i < n && quote.elided[i],
                    });
                    j -= 1;
                }
                _ => break,
            }
        }
        path.reverse();
        let (q_start, s_start) = (i, j);
        let (q_end, s_end) = best_at;
        // Unmatched quote words at either end: pair a few with the neighbouring source words.
        let lead = if q_start <= EDGE_PAIRS {
            q_start.min(s_start)
        } else {
            0
        };
        let trail = if n - q_end <= EDGE_PAIRS {
            (n - q_end).min(m - s_end)
        } else {
            0
        };
        let mut steps: Vec<Step> = (0..q_start - lead).map(Step::QuoteOnly).collect();
        steps.extend((0..lead).map(|k| Step::Pair {
            q: q_start - lead + k,
            s: s_start - lead + k,
            kind: Kind::Differ,
        }));
        steps.extend(path);
        steps.extend((0..trail).map(|k| Step::Pair {
            q: q_end + k,
            s: s_end + k,
            kind: Kind::Differ,
        }));
        steps.extend((q_end + trail..n).map(Step::QuoteOnly));
        Some(self.summarise(source, &src, &steps, best))
    }

    fn summarise(&self, source: &str, src: &[Word], steps: &[Step], best: f32) -> Alignment {
        let quote = self.quote;
        let n = quote.words.len();
        let mut matched = vec![false; n];
        let mut highlights: Vec<(usize, Span)> = Vec::new();
        let (mut first, mut last) = (usize::MAX, 0);
        for step in steps {
            match *step {
                Step::Pair { q, s, kind } => {
                    if kind != Kind::Differ {
                        matched[q] = true;
                        // A run of matched source words on one line is one highlight, as a
                        // phrase is in search.
                        match highlights.last_mut() {
                            Some((last_s, span))
                                if *last_s + 1 == s
                                    && !source[span.end..src[s].start].contains('\n') =>
                            {
                                *last_s = s;
                                span.end = src[s].end;
                            }
                            _ => highlights.push((
                                s,
                                Span {
                                    start: src[s].start,
                                    end: src[s].end,
                                },
                            )),
                        }
                    }
                    first = first.min(s);
                    last = last.max(s);
                }
                Step::SourceOnly { s, .. } => {
                    first = first.min(s);
                    last = last.max(s);
                }
                Step::QuoteOnly(_) => {}
            }
        }
        let span = if first == usize::MAX {
            Span { start: 0, end: 0 }
        } else {
            Span {
                start: src[first].start,
                end: src[last].end,
            }
        };
        let found = matched.iter().filter(|&&m| m).count();
        Alignment {
            span,
            coverage: found as f32 / n as f32,
            score: (best / (n as f32 * EXACT)).clamp(0.0, 1.0),
            highlights: highlights.into_iter().map(|(_, span)| span).collect(),
            diff: diff(quote, source, src, steps),
            matched,
        }
    }
}

/// Which kind of diff operation a step belongs to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Equal,
    Change,
    Elided,
}

fn class(step: &Step) -> Class {
    match step {
        Step::Pair {
            kind: Kind::Exact, ..
        } => Class::Equal,
        Step::SourceOnly { elided: true, .. } => Class::Elided,
        _ => Class::Change,
    }
}

/// Groups alignment steps into diff operations, each quoting the words of both sides as written.
fn diff(quote: &Quote, source: &str, src: &[Word], steps: &[Step]) -> Vec<DiffOp> {
    let slice = |text: &str, words: &[Word], range: Option<(usize, usize)>| {
        range.map_or(String::new(), |(a, b)| {
            text[words[a].start..words[b].end].to_string()
        })
    };
    let widen =
        |r: Option<(usize, usize)>, k: usize| Some(r.map_or((k, k), |(a, b)| (a.min(k), b.max(k))));
    let mut ops = Vec::new();
    let mut k = 0;
    while k < steps.len() {
        let c = class(&steps[k]);
        let (mut q_range, mut s_range) = (None, None);
        while k < steps.len() && class(&steps[k]) == c {
            match steps[k] {
                Step::Pair { q, s, .. } => {
                    q_range = widen(q_range, q);
                    s_range = widen(s_range, s);
                }
                Step::QuoteOnly(q) => q_range = widen(q_range, q),
                Step::SourceOnly { s, .. } => s_range = widen(s_range, s),
            }
            k += 1;
        }
        let source_words = slice(source, src, s_range);
        let (op, quote_words) = match c {
            Class::Equal => (Op::Equal, slice(&quote.text, &quote.words, q_range)),
            Class::Elided => (Op::Replace, "…".to_string()),
            Class::Change => {
                let op = match (q_range.is_some(), s_range.is_some()) {
                    (true, true) => Op::Replace,
                    (true, false) => Op::Insert,
                    _ => Op::Delete,
                };
                (op, slice(&quote.text, &quote.words, q_range))
            }
        };
        ops.push(DiffOp {
            op,
            quote: quote_words,
            source: source_words,
        });
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    const SOURCE: &str =
        "“TikTok is led by an American CEO. We have never provided user data to the \
        Chinese government, nor would we do so if asked,” a spokesperson told CNBC.";

    fn align(quote: &str, source: &str) -> Alignment {
        let q = Quote::new(quote);
        Aligner::new(&q)
            .align(source)
            .unwrap_or_else(|| panic!("no alignment of {quote:?}"))
    }

    fn changes(a: &Alignment) -> Vec<(Op, &str, &str)> {
        a.diff
            .iter()
            .filter(|d| d.op != Op::Equal)
            .map(|d| (d.op, d.quote.as_str(), d.source.as_str()))
            .collect()
    }

    #[test]
    fn exact_quote_covers_its_words_with_score_one_and_no_change() {
        let a = align(
            "We have never provided user data to the Chinese government",
            SOURCE,
        );
        assert_eq!(a.coverage, 1.0);
        assert_eq!(a.score, 1.0);
        assert_eq!(
            &SOURCE[a.span.start..a.span.end],
            "We have never provided user data to the \n        Chinese government"
                .replace("\n        ", "")
        );
        assert!(changes(&a).is_empty());
        assert_eq!(a.highlights, [a.span]);
    }

    #[test]
    fn case_quote_marks_and_apostrophes_do_not_matter() {
        let a = align(
            "\"we HAVE never provided user data to the chinese government, nor would we do so if asked\"",
            SOURCE,
        );
        assert_eq!(a.coverage, 1.0);
        assert!(changes(&a).is_empty());
    }

    #[test]
    fn changed_word_is_one_replacement_naming_both_words() {
        let a = align(
            "We have never provided user data to the Chinese state, nor would we do so",
            SOURCE,
        );
        assert_eq!(changes(&a), [(Op::Replace, "state", "government")]);
        assert_eq!(a.coverage, 14.0 / 15.0);
        assert!(a.score < 1.0);
    }

    #[test]
    fn changed_last_word_is_a_replacement_not_an_insertion() {
        let a = align("user data to the Chinese state", SOURCE);
        assert_eq!(changes(&a), [(Op::Replace, "state", "government")]);
        assert!(SOURCE[a.span.start..a.span.end].ends_with("government"));
    }

    #[test]
    fn ellipsis_skips_source_words_without_lowering_coverage() {
        let a = align("never provided user data … so if asked", SOURCE);
        assert_eq!(a.coverage, 1.0);
        assert_eq!(
            changes(&a),
            [(
                Op::Replace,
                "…",
                "to the \n        Chinese government, nor would we do"
                    .replace("\n        ", "")
                    .as_str()
            )]
        );
        let three_dots = align("never provided user data ... so if asked", SOURCE);
        assert_eq!(three_dots.coverage, 1.0);
    }

    #[test]
    fn cut_without_ellipsis_is_a_deletion() {
        let a = align(
            "never provided user data to the Chinese government, nor would we do so if asked",
            SOURCE,
        );
        assert!(changes(&a).is_empty());
        let cut = align(
            "never provided user data to the government, nor would we",
            SOURCE,
        );
        assert_eq!(changes(&cut), [(Op::Delete, "", "Chinese")]);
        assert_eq!(cut.coverage, 1.0);
    }

    #[test]
    fn typo_matches_and_shows_in_the_diff() {
        let a = align("provided user data to the Chinese goverment", SOURCE);
        assert_eq!(a.coverage, 1.0);
        assert_eq!(changes(&a), [(Op::Replace, "goverment", "government")]);
        let swapped = align("we have never porvided user data", SOURCE);
        assert_eq!(swapped.coverage, 1.0);
    }

    #[test]
    fn stemming_difference_matches_and_shows_in_the_diff() {
        let a = align(
            "information as it transit",
            "the privacy of American citizens and their information as it transits,",
        );
        assert_eq!(a.coverage, 1.0);
        assert_eq!(changes(&a), [(Op::Replace, "transit", "transits")]);
    }

    #[test]
    fn short_words_and_numbers_are_never_typos() {
        assert!(!is_typo("cat", "cut"));
        assert!(!is_typo("2019", "2018"));
        assert!(is_typo("government", "govenrment"));
    }

    #[test]
    fn unrelated_text_covers_little() {
        let a = Aligner::new(&Quote::new(
            "TikTok will move its headquarters to Singapore next week",
        ))
        .align(SOURCE);
        assert!(a.as_ref().is_none_or(|a| a.coverage < 0.3), "{a:?}");
    }

    #[test]
    fn spans_are_char_boundaries_with_curly_quotes_and_emoji() {
        let source = "“Naïve café’s 🎉 crowd” — said “l’équipe” 🎉🎉 of Zürich’s “fans”…";
        let a = align(
            "‘naive cafe's crowd’ said l'equipe of zurich's fans",
            source,
        );
        assert_eq!(a.coverage, 1.0);
        assert!(source.is_char_boundary(a.span.start) && source.is_char_boundary(a.span.end));
        assert_eq!(
            &source[a.span.start..a.span.end],
            "Naïve café’s 🎉 crowd” — said “l’équipe” 🎉🎉 of Zürich’s “fans"
        );
    }

    #[test]
    fn long_quote_is_cut_at_the_word_limit() {
        let q = Quote::new(&"word ".repeat(MAX_QUOTE_WORDS * 50));
        assert!(q.truncated());
        assert_eq!(q.len(), MAX_QUOTE_WORDS);
        assert!(!Quote::new("a short one").truncated());
    }

    /// Every span and highlight of random alignments lies inside the source, on char boundaries,
    /// highlights inside the span.
    #[test]
    fn spans_lie_inside_the_source_on_char_boundaries() {
        let pool = [
            "the",
            "Chinese",
            "government’s",
            "data",
            "…",
            "...",
            "“quoted”",
            "naïve",
            "🎉",
            "Zürich",
            "—",
            "U.S.",
            "transits",
            "transit",
            "goverment",
            "government",
            "l’équipe",
            "日本語",
            "asked,",
            "\n",
            "it's",
            "2020",
        ];
        let mut seed = 0x2545_f491_u64;
        let mut next = |k: usize| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % k as u64) as usize
        };
        for _ in 0..500 {
            let mut text = |max: usize| -> String {
                let len = 1 + next(max);
                (0..len)
                    .map(|_| pool[next(pool.len())])
                    .collect::<Vec<_>>()
                    .join(" ")
            };
            let quote = text(12);
            let source = text(40);
            let q = Quote::new(&quote);
            let Some(a) = Aligner::new(&q).align(&source) else {
                continue;
            };
            let ok = |s: &Span| {
                s.start <= s.end
                    && s.end <= source.len()
                    && source.is_char_boundary(s.start)
                    && source.is_char_boundary(s.end)
            };
            assert!(ok(&a.span), "{quote:?} in {source:?}: {:?}", a.span);
            for h in &a.highlights {
                assert!(ok(h) && a.span.start <= h.start && h.end <= a.span.end);
            }
            assert!((0.0..=1.0).contains(&a.coverage) && (0.0..=1.0).contains(&a.score));
        }
    }
}
