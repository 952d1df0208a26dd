//! Match spans inside a passage, computed from token positions with the same analysis as the
//! index, so that what is highlighted is exactly what matched: a phrase or proximity match is one
//! span from its first to its last word; stemmed, fuzzy and prefix matches are highlighted; a word
//! of a phrase that stands alone elsewhere in the passage is not; excluded words never are.

use crate::analysis::{self, lazy_words, LazyWord, Mode};
use crate::query::{self, Clause, Node, PhraseWord, Query, Scope};
use crate::stored::StoredPassage;
use serde::{Serialize, Serializer};

/// A highlighted byte range `[start, end)` of a passage's text, on char boundaries.
/// Serialised as `[start, end]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Span {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [self.start, self.end].serialize(serializer)
    }
}

/// The spans of `text` that `query` matched, sorted and without overlaps.
pub fn spans(query: &Query, text: &str) -> Vec<Span> {
    let words = lazy_words(text, query.accents);
    let passage = Words::new(text, &words, query.accents);
    let mut ranges: Vec<(usize, usize)> = Vec::new();
    collect(&query.root, &passage, &mut ranges);
    ranges.sort_unstable();
    let mut merged: Vec<Span> = Vec::new();
    for (first, last) in ranges {
        let span = Span {
            start: words[first].start,
            end: words[last].end,
        };
        match merged.last_mut() {
            // Overlapping matches, or matches with only spaces between them ("Data
            // localization" for `data localization`), read as one highlight.
            Some(prev)
                if span.start <= prev.end
                    || text[prev.end..span.start].chars().all(char::is_whitespace) =>
            {
                prev.end = prev.end.max(span.end)
            }
            _ => merged.push(span),
        }
    }
    merged
}

/// The analysed words of one text, as the leaf matchers need them.
struct Words<'a> {
    text: &'a str,
    words: &'a [LazyWord],
    accents: bool,
}

impl<'a> Words<'a> {
    fn new(text: &'a str, words: &'a [LazyWord], accents: bool) -> Self {
        Words {
            text,
            words,
            accents,
        }
    }

    /// The accent-folded surface of word `i`: prefixes and fuzzy words match folded even with
    /// `--accents`.
    fn folded(&self, i: usize) -> std::borrow::Cow<'_, str> {
        let w = &self.words[i];
        if self.accents {
            analysis::normalize_word(&self.text[w.start..w.end], Mode::Exact).into()
        } else {
            w.surface.as_str().into()
        }
    }
}

/// Whether `passage` really matches `query`, deciding on its stored text what the index could
/// only narrow down (see [`Query::needs_check`]): every clause is evaluated, the passage's words
/// against the passage text and title, source, date and path clauses against the article's.
pub fn matches(query: &Query, passage: &StoredPassage) -> bool {
    let body = lazy_words(&passage.text, query.accents);
    let title_text = passage.title.as_deref().unwrap_or("");
    let title = lazy_words(title_text, false);
    let source_text = passage.source.as_deref().unwrap_or("");
    let source = lazy_words(source_text, false);
    let texts = Texts {
        body: Words::new(&passage.text, &body, query.accents),
        title: Words::new(title_text, &title, false),
        source: Words::new(source_text, &source, false),
        passage,
    };
    evaluate(&query.root, &texts)
}

/// The texts of one passage and its article that clauses are evaluated on.
struct Texts<'a> {
    body: Words<'a>,
    title: Words<'a>,
    source: Words<'a>,
    passage: &'a StoredPassage,
}

fn evaluate(node: &Node, texts: &Texts) -> bool {
    match node {
        Node::And(children) => children.iter().all(|c| evaluate(c, texts)),
        Node::Or(children) => children.iter().any(|c| evaluate(c, texts)),
        Node::Not(inner) => !evaluate(inner, texts),
        Node::Leaf(Clause::Date { from, to }) => texts
            .passage
            .date
            .as_deref()
            .and_then(crate::index::date_number)
            .is_some_and(|n| from.is_none_or(|f| n >= f) && to.is_none_or(|t| n <= t)),
        Node::Leaf(Clause::Path(glob)) => {
            query::path_matcher(glob).is_ok_and(|m| query::path_matches(&m, &texts.passage.path))
        }
        Node::Leaf(clause) => {
            let words = match clause.scope() {
                Scope::Body => &texts.body,
                Scope::Title => &texts.title,
                Scope::Source => &texts.source,
            };
            let mut found = Vec::new();
            leaf_ranges(clause, words, &mut found);
            !found.is_empty()
        }
    }
}

/// Adds the word ranges (first, last index, inclusive) matched by the positive leaves of `node`
/// in the passage text.
fn collect(node: &Node, words: &Words, out: &mut Vec<(usize, usize)>) {
    match node {
        Node::And(children) | Node::Or(children) => {
            for c in children {
                collect(c, words, out);
            }
        }
        Node::Not(_) => {}
        Node::Leaf(clause) if clause.scope() == Scope::Body => leaf_ranges(clause, words, out),
        // Title, source, path and date conditions select passages; they mark no words.
        Node::Leaf(_) => {}
    }
}

/// The word ranges of `words` that `clause` matches, whatever the clause's scope.
fn leaf_ranges(clause: &Clause, text: &Words, out: &mut Vec<(usize, usize)>) {
    let words = text.words;
    match clause {
        Clause::Phrase {
            scope,
            text: phrase,
            slop,
            exact,
        } => {
            // Sources are indexed as written: their words always match by surface.
            let all_exact = *exact || *scope == Scope::Source;
            let terms = query::phrase_words(phrase, all_exact, text.accents);
            ordered_matches(words, &terms, *slop as usize, out);
        }
        Clause::Near {
            words: query_words,
            slop,
            ..
        } => {
            let terms: Vec<String> = query_words
                .iter()
                .filter_map(|w| {
                    analysis::tokenize_with(w, Mode::Stemmed, text.accents)
                        .into_iter()
                        .next()
                })
                .map(|t| t.term)
                .collect();
            unordered_matches(words, &terms, *slop as usize, out);
        }
        Clause::Prefix { prefix, .. } => {
            for i in 0..words.len() {
                if text.folded(i).starts_with(prefix.as_str()) {
                    out.push((i, i));
                }
            }
        }
        Clause::Fuzzy { word, distance, .. } => {
            for i in 0..words.len() {
                if strsim::osa_distance(&text.folded(i), word) <= *distance as usize {
                    out.push((i, i));
                }
            }
        }
        Clause::Date { .. } | Clause::Path(_) => {}
    }
}

/// Whether text word `w` is the phrase word `term`, whose stem's variant prefix is `prefix`:
/// by surface when exact, else by stem.
fn same_word(w: &LazyWord, term: &PhraseWord, prefix: &str) -> bool {
    if term.exact {
        w.surface == term.surface
    } else {
        w.has_stem(&term.stem, prefix)
    }
}

/// The [`analysis::variant_prefix`] of each of `stems`, for [`LazyWord::has_stem`].
fn prefixes<'a>(stems: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    stems.map(analysis::variant_prefix).collect()
}

/// Occurrences of `terms` in order, with at most `slop` extra words in total between them.
fn ordered_matches(
    words: &[LazyWord],
    terms: &[PhraseWord],
    slop: usize,
    out: &mut Vec<(usize, usize)>,
) {
    let Some(first) = terms.first() else {
        return;
    };
    let starts = prefixes(terms.iter().map(|t| t.stem.as_str()));
    let mut i = 0;
    while i < words.len() {
        if !same_word(&words[i], first, starts[0]) {
            i += 1;
            continue;
        }
        let mut at = i;
        let mut spare = slop;
        let mut complete = true;
        for (term, prefix) in terms[1..].iter().zip(&starts[1..]) {
            let window = (at + 1)..(at + 2 + spare).min(words.len());
            match window.clone().find(|&j| same_word(&words[j], term, prefix)) {
                Some(j) => {
                    spare -= j - at - 1;
                    at = j;
                }
                None => {
                    complete = false;
                    break;
                }
            }
        }
        if complete {
            out.push((i, at));
            i = at + 1;
        } else {
            i += 1;
        }
    }
}

/// Windows holding all of `terms` in any order, at most `terms.len() + slop` words long.
fn unordered_matches(
    words: &[LazyWord],
    terms: &[String],
    slop: usize,
    out: &mut Vec<(usize, usize)>,
) {
    let width = terms.len() + slop;
    let terms: Vec<(&str, &str)> = terms
        .iter()
        .map(String::as_str)
        .zip(prefixes(terms.iter().map(String::as_str)))
        .collect();
    let mut i = 0;
    while i < words.len() {
        if !terms.iter().any(|(t, p)| words[i].has_stem(t, p)) {
            i += 1;
            continue;
        }
        let end = (i + width).min(words.len());
        let mut missing = terms.clone();
        let mut last = i;
        for (j, w) in words.iter().enumerate().take(end).skip(i) {
            if let Some(k) = missing.iter().position(|(t, p)| w.has_stem(t, p)) {
                missing.remove(k);
                last = j;
                if missing.is_empty() {
                    break;
                }
            }
        }
        if missing.is_empty() {
            out.push((i, last));
            i = last + 1;
        } else {
            i += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::parse;

    fn marked(q: &str, text: &str) -> Vec<String> {
        let query = parse(q).expect("valid query");
        spans(&query, text)
            .into_iter()
            .map(|s| text[s.start..s.end].to_string())
            .collect()
    }

    #[test]
    fn phrase_is_one_span_and_its_words_alone_are_not_marked() {
        let text = "Data localization requirements, and more data.";
        assert_eq!(marked("\"data localization\"", text), ["Data localization"]);
    }

    #[test]
    fn adjacent_words_read_as_one_highlight_but_punctuation_separates() {
        let text = "Data localization requirements, data. Localization";
        assert_eq!(
            marked("data localization", text),
            ["Data localization", "data", "Localization"]
        );
    }

    #[test]
    fn stemmed_forms_are_marked() {
        let text = "The algorithm and its algorithms were algorithmic.";
        assert_eq!(
            marked("algorithm", text),
            ["algorithm", "algorithms", "algorithmic"]
        );
        assert_eq!(marked("=algorithm", text), ["algorithm"]);
        assert_eq!(
            marked("algo*", text),
            ["algorithm", "algorithms", "algorithmic"]
        );
    }

    #[test]
    fn forms_outside_their_stems_prefix_are_marked_too() {
        // The highlighter stems only the words that may have a sought stem: `dying` (stem
        // `die`) does not start with `di`, and is one of the exceptions it must still stem.
        let text = "Dying men lie; lying ones die.";
        assert_eq!(marked("die", text), ["Dying", "die"]);
        assert_eq!(marked("lie", text), ["lie", "lying"]);
        assert_eq!(marked("\"dying men\"", text), ["Dying men"]);
        assert_eq!(
            marked("NEAR(die lie, 1)", text),
            ["Dying men lie", "lying ones die"]
        );
    }

    #[test]
    fn fuzzy_matches_the_typo() {
        assert_eq!(
            marked("TikTok~1", "the fear of TokTok has been around"),
            ["TokTok"]
        );
    }

    #[test]
    fn excluded_words_are_not_marked() {
        assert_eq!(marked("data -china", "data from China"), ["data"]);
    }

    #[test]
    fn proximity_span_runs_from_first_to_last_word() {
        let text = "Data security and algorithmic transparency remain";
        assert_eq!(
            marked("NEAR(algorithmic \"data\", 3)", text),
            ["Data security and algorithmic"]
        );
        assert_eq!(
            marked("\"data algorithmic\"~2", text),
            ["Data security and algorithmic"]
        );
        assert!(marked("\"data algorithmic\"~1", text).is_empty());
    }

    #[test]
    fn curly_quotes_and_multibyte_text_stay_on_char_boundaries() {
        let text = "“Trump’s” café — naïve 🎉 Trump's";
        let query = parse("trump's").expect("valid");
        let s = spans(&query, text);
        assert_eq!(s.len(), 2);
        for span in s {
            assert!(text.is_char_boundary(span.start) && text.is_char_boundary(span.end));
        }
    }
}
