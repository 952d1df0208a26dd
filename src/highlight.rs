//! Match spans inside a passage, computed from token positions with the same analysis as the
//! index, so that what is highlighted is exactly what matched: a phrase or proximity match is one
//! span from its first to its last word; stemmed, fuzzy and prefix matches are highlighted; a word
//! of a phrase that stands alone elsewhere in the passage is not; excluded words never are.

use crate::analysis::{self, lazy_words, LazyWord, Mode};
use crate::query::{self, Clause, Node, PhraseWord, Query, Scope};
use crate::stored::StoredPassage;
use compact_str::CompactString;
use rustc_hash::FxHashMap;
use serde::{Serialize, Serializer};
use std::sync::RwLock;

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
    Highlighter::new(query).spans(text)
}

/// From this many phrases and words on, a passage's words look up the phrases they may start,
/// instead of each phrase scanning the passage: a thousand words OR'd together cost a thousand
/// scans of every passage (69 s for `--count` on Reuters). Below it, each scan stems only the
/// words that may match, which is faster for a few.
const LOOKUP_FROM: usize = 8;

/// A query made ready to highlight many passages: the words of its clauses analysed once, and,
/// for many phrases, the phrases found from their first word.
pub struct Highlighter {
    accents: bool,
    /// The positive clauses on the passage text, but the phrases in `phrases` when looked up.
    leaves: Vec<Prepared>,
    /// Phrases (a word is a phrase of one), looked up by their first word.
    phrases: Vec<LookedUp>,
    /// The phrases whose first word matches by surface, by that surface.
    by_surface: FxHashMap<String, Vec<usize>>,
    /// The phrases whose first word matches by stem, by that stem.
    by_stem: FxHashMap<String, Vec<usize>>,
    /// Prefix and fuzzy words, when there are many: each distinct passage word is tested
    /// against them once per search, not once per occurrence (a thousand fuzzy words took
    /// minutes over Reuters), and the answer remembered in `tested`.
    single: Vec<Prepared>,
    tested: RwLock<FxHashMap<CompactString, bool>>,
    /// The folded words of one-word clauses that are not exact: matched by their stem in a
    /// passage's own language too ([`Highlighter::spans_in`]).
    stemmed_words: Vec<String>,
}

impl Highlighter {
    /// Analyses the words of `query`'s clauses on the passage text.
    pub fn new(query: &Query) -> Highlighter {
        Highlighter::looking_up_from(query, LOOKUP_FROM)
    }

    /// [`Highlighter::new`], looking phrases up when there are at least `lookup_from`.
    fn looking_up_from(query: &Query, lookup_from: usize) -> Highlighter {
        let mut clauses = Vec::new();
        body_leaves(&query.root, &mut clauses);
        let stemmed_words = clauses
            .iter()
            .filter_map(|c| match c {
                Clause::Phrase {
                    scope: Scope::Body,
                    text,
                    exact: false,
                    ..
                } => match query::phrase_words(text, false, query.accents).as_slice() {
                    [word] if !word.exact => Some(word.surface.clone()),
                    _ => None,
                },
                _ => None,
            })
            .collect();
        let mut leaves: Vec<Prepared> = clauses
            .into_iter()
            .map(|c| prepare(c, query.accents))
            .collect();
        let mut highlighter = Highlighter {
            accents: query.accents,
            leaves: Vec::new(),
            phrases: Vec::new(),
            by_surface: FxHashMap::default(),
            by_stem: FxHashMap::default(),
            single: Vec::new(),
            tested: RwLock::new(FxHashMap::default()),
            stemmed_words,
        };
        let single = |l: &Prepared| matches!(l, Prepared::Prefix(_) | Prepared::Fuzzy { .. });
        if leaves.iter().filter(|l| single(l)).count() >= lookup_from {
            let (moved, kept) = leaves.into_iter().partition(single);
            highlighter.single = moved;
            leaves = kept;
        }
        let phrases = leaves
            .iter()
            .filter(|l| matches!(l, Prepared::Phrase { .. }))
            .count();
        if phrases >= lookup_from {
            leaves.retain(|leaf| {
                let Prepared::Phrase { terms, slop } = leaf else {
                    return true;
                };
                if let Some(first) = terms.first() {
                    let (map, key) = if first.exact {
                        (&mut highlighter.by_surface, &first.surface)
                    } else {
                        (&mut highlighter.by_stem, &first.stem)
                    };
                    map.entry(key.clone())
                        .or_default()
                        .push(highlighter.phrases.len());
                    highlighter.phrases.push(LookedUp {
                        rest: terms[1..].to_vec(),
                        prefixes: prefixes(terms[1..].iter().map(|t| t.stem.as_str()))
                            .into_iter()
                            .map(str::to_string)
                            .collect(),
                        slop: *slop,
                    });
                }
                false
            });
        }
        highlighter.leaves = leaves;
        highlighter
    }

    /// The spans of `text` the query matched, sorted and without overlaps.
    pub fn spans(&self, text: &str) -> Vec<Span> {
        self.spans_in(text, None)
    }

    /// [`Highlighter::spans`] of a passage in language `lang` (ISO 639-1): its words of the
    /// same stem as a query word in that language are marked too, as the index matched them.
    pub fn spans_in(&self, text: &str, lang: Option<&str>) -> Vec<Span> {
        self.spans_and_words(text, lang).0
    }

    /// [`Highlighter::spans_in`], with the words of `text` it analysed (folded with the
    /// query's accent setting, stemmed where the matching needed it), for a caller that goes
    /// on to read the words around the matches.
    pub fn spans_and_words(&self, text: &str, lang: Option<&str>) -> (Vec<Span>, Vec<LazyWord>) {
        let words = lazy_words(text, self.accents);
        let mut spans = self.word_spans(text, &words, lang, false);
        // The words inside Han words, as the index holds them at those words' positions: for
        // one-word clauses only, as a phrase through one would skip the rest of its word.
        if let Some(sub_words) = analysis::lazy_sub_words(text, &words, self.accents) {
            spans.extend(self.word_spans(text, &sub_words, lang, true));
        }
        (merge(text, spans), words)
    }

    /// The spans of the matches among `words`, one list of a text's words; of one-word clauses
    /// only when `held` (the words are those Han words hold).
    fn word_spans(
        &self,
        text: &str,
        words: &[LazyWord],
        lang: Option<&str>,
        held: bool,
    ) -> Vec<Span> {
        let passage = Words::new(text, words, self.accents);
        let mut ranges: Vec<(usize, usize)> = Vec::new();
        for leaf in self.leaves.iter().filter(|l| !held || l.is_one_word()) {
            leaf.ranges(&passage, &mut ranges);
        }
        self.looked_up_ranges(words, held, &mut ranges);
        self.tested_ranges(&passage, &mut ranges);
        let stemmer = lang.and_then(analysis::stemmer_for);
        if let Some(stemmer) = stemmer.filter(|_| !self.stemmed_words.is_empty()) {
            let stems: Vec<String> = self
                .stemmed_words
                .iter()
                .map(|w| stemmer.stem(w).into_owned())
                .collect();
            for i in 0..words.len() {
                let folded = passage.folded(i);
                if stems.iter().any(|s| *s == stemmer.stem(&folded)) {
                    ranges.push((i, i));
                }
            }
        }
        ranges
            .into_iter()
            .map(|(first, last)| Span {
                start: words[first].start,
                end: words[last].end,
            })
            .collect()
    }

    /// The words that one of the prefix and fuzzy words in `single` matches.
    fn tested_ranges(&self, text: &Words, out: &mut Vec<(usize, usize)>) {
        if self.single.is_empty() {
            return;
        }
        for i in 0..text.words.len() {
            let word = text.folded(i);
            let known = self
                .tested
                .read()
                .unwrap_or_else(|poisoned| poisoned.into_inner())
                .get(word.as_ref())
                .copied();
            let matched = known.unwrap_or_else(|| {
                let matched = self.single.iter().any(|leaf| leaf.matches_word(&word));
                self.tested
                    .write()
                    .unwrap_or_else(|poisoned| poisoned.into_inner())
                    .insert(CompactString::new(word.as_ref()), matched);
                matched
            });
            if matched {
                out.push((i, i));
            }
        }
    }

    /// The matches of the phrases in `phrases`, as [`ordered_matches`] finds each: a phrase is
    /// tried at a word once its previous match has ended.
    fn looked_up_ranges(&self, words: &[LazyWord], held: bool, out: &mut Vec<(usize, usize)>) {
        if self.phrases.is_empty() {
            return;
        }
        let mut next_start = vec![0; self.phrases.len()];
        for (i, word) in words.iter().enumerate() {
            let by_surface = self.by_surface.get(word.surface.as_str());
            let by_stem = if self.by_stem.is_empty() {
                None
            } else {
                self.by_stem.get(word.stem())
            };
            for &k in by_surface.into_iter().chain(by_stem).flatten() {
                if i < next_start[k] {
                    continue;
                }
                let phrase = &self.phrases[k];
                if held && !phrase.rest.is_empty() {
                    continue;
                }
                if let Some((first, last)) =
                    phrase_from(words, i, &phrase.rest, &phrase.prefixes, phrase.slop)
                {
                    out.push((first, last));
                    next_start[k] = last + 1;
                }
            }
        }
    }
}

/// A phrase found from its first word: the words after it, their stems' variant prefixes, and
/// its slop.
struct LookedUp {
    rest: Vec<PhraseWord>,
    prefixes: Vec<String>,
    slop: usize,
}

/// The positive clauses of `node` on the passage text: what marks words.
fn body_leaves<'q>(node: &'q Node, out: &mut Vec<&'q Clause>) {
    match node {
        Node::And(children) | Node::Or(children) => {
            for c in children {
                body_leaves(c, out);
            }
        }
        Node::Not(_) => {}
        Node::Leaf(clause) if clause.scope() == Scope::Body => out.push(clause),
        // Title, source, path and date conditions select passages; they mark no words.
        Node::Leaf(_) => {}
    }
}

/// Spans of `text`, sorted, overlapping ones merged.
fn merge(text: &str, mut spans: Vec<Span>) -> Vec<Span> {
    spans.sort_unstable();
    let mut merged: Vec<Span> = Vec::new();
    for span in spans {
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
    let body_sub_words = analysis::lazy_sub_words(&passage.text, &body, query.accents);
    let title_text = passage.citation.title.as_deref().unwrap_or("");
    let title = lazy_words(title_text, false);
    let source_text = passage.citation.source.as_deref().unwrap_or("");
    let source = lazy_words(source_text, false);
    let texts = Texts {
        body: Words::new(&passage.text, &body, query.accents),
        body_sub_words: body_sub_words
            .as_deref()
            .map(|words| Words::new(&passage.text, words, query.accents)),
        title: Words::new(title_text, &title, false),
        source: Words::new(source_text, &source, false),
        passage,
    };
    evaluate(&query.root, &texts)
}

/// The texts of one passage and its article that clauses are evaluated on.
struct Texts<'a> {
    body: Words<'a>,
    /// The body's words with the words inside Han words in their place, when it has any.
    body_sub_words: Option<Words<'a>>,
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
            .citation
            .date
            .as_deref()
            .and_then(crate::index::date_number)
            .is_some_and(|n| from.is_none_or(|f| n >= f) && to.is_none_or(|t| n <= t)),
        Node::Leaf(Clause::Path(glob)) => query::path_matcher(glob).is_ok_and(|m| {
            let key = &texts.passage.key;
            let file = crate::ingest::collection::split_key(key).0;
            query::path_matches(&m, key) || query::path_matches(&m, file)
        }),
        Node::Leaf(Clause::Lang(code)) => {
            texts.passage.citation.lang.as_deref() == Some(code.as_str())
        }
        Node::Leaf(clause) => {
            let words = match clause.scope() {
                Scope::Body => &texts.body,
                Scope::Title => &texts.title,
                Scope::Source => &texts.source,
            };
            let mut found = Vec::new();
            let prepared = prepare(clause, words.accents);
            prepared.ranges(words, &mut found);
            if let (Scope::Body, Some(sub_words)) = (clause.scope(), &texts.body_sub_words) {
                if prepared.is_one_word() {
                    prepared.ranges(sub_words, &mut found);
                }
            }
            !found.is_empty()
        }
    }
}

/// A clause with its words analysed, ready to match passage after passage.
enum Prepared {
    Phrase {
        terms: Vec<PhraseWord>,
        slop: usize,
    },
    Near {
        terms: Vec<String>,
        slop: usize,
    },
    Prefix(String),
    Fuzzy {
        word: String,
        /// The word's length in chars.
        chars: usize,
        distance: usize,
    },
    /// Date and path clauses mark no words.
    Nothing,
}

impl Prepared {
    /// Whether the clause is one word (a phrase of one, a prefix or a fuzzy word): the only
    /// clauses the words held inside Han words answer, as a phrase through a held word would
    /// skip the rest of the word holding it (`"東京の知事"` is not in `東京都の知事`).
    fn is_one_word(&self) -> bool {
        match self {
            Prepared::Phrase { terms, .. } => terms.len() == 1,
            Prepared::Prefix(_) | Prepared::Fuzzy { .. } => true,
            Prepared::Near { .. } | Prepared::Nothing => false,
        }
    }
}

fn prepare(clause: &Clause, accents: bool) -> Prepared {
    match clause {
        Clause::Phrase {
            scope,
            text: phrase,
            slop,
            exact,
        } => {
            // Sources are indexed as written: their words always match by surface.
            let all_exact = *exact || *scope == Scope::Source;
            Prepared::Phrase {
                terms: query::phrase_words(phrase, all_exact, accents),
                slop: *slop as usize,
            }
        }
        Clause::Near {
            words: query_words,
            slop,
            ..
        } => Prepared::Near {
            terms: query_words
                .iter()
                .filter_map(|w| {
                    analysis::tokenize_with(w, Mode::Stemmed, accents)
                        .into_iter()
                        .next()
                })
                .map(|t| t.term)
                .collect(),
            slop: *slop as usize,
        },
        Clause::Prefix { prefix, .. } => Prepared::Prefix(prefix.clone()),
        Clause::Fuzzy { word, distance, .. } => Prepared::Fuzzy {
            word: word.clone(),
            chars: word.chars().count(),
            distance: *distance as usize,
        },
        Clause::Date { .. } | Clause::Path(_) | Clause::Lang(_) => Prepared::Nothing,
    }
}

impl Prepared {
    /// Whether a prefix or fuzzy clause matches one word, given accent-folded.
    fn matches_word(&self, folded: &str) -> bool {
        match self {
            Prepared::Prefix(prefix) => folded.starts_with(prefix.as_str()),
            Prepared::Fuzzy {
                word,
                chars,
                distance,
            } => {
                // The distance counts chars, so words further apart in length than it cannot
                // match: most words of a passage are told apart without the distance's table.
                folded.chars().count().abs_diff(*chars) <= *distance
                    && strsim::osa_distance(folded, word) <= *distance
            }
            _ => false,
        }
    }

    /// Adds the word ranges (first, last index, inclusive) this clause matches in `text`.
    fn ranges(&self, text: &Words, out: &mut Vec<(usize, usize)>) {
        let words = text.words;
        match self {
            Prepared::Phrase { terms, slop } => ordered_matches(words, terms, *slop, out),
            Prepared::Near { terms, slop } => unordered_matches(words, terms, *slop, out),
            Prepared::Prefix(_) | Prepared::Fuzzy { .. } => {
                for i in 0..words.len() {
                    if self.matches_word(&text.folded(i)) {
                        out.push((i, i));
                    }
                }
            }
            Prepared::Nothing => {}
        }
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
        match phrase_from(words, i, &terms[1..], &starts[1..], slop) {
            Some((first, last)) => {
                out.push((first, last));
                i = last + 1;
            }
            None => i += 1,
        }
    }
}

/// The first and last words of a phrase whose first word is word `i`, if its `rest` of words
/// (with their prefixes) follow within `slop`, as the phrase scorer matches them (see
/// `query::phrase`): each word may stand off its place (the word before it, plus one) by as
/// many words as the slop has left, after or before it, the distances adding up. So with a
/// slop of 2, `"oil crude"` matches "crude oil", and is marked there.
fn phrase_from(
    words: &[LazyWord],
    i: usize,
    rest: &[PhraseWord],
    prefixes: &[impl AsRef<str>],
    slop: usize,
) -> Option<(usize, usize)> {
    let (mut first, mut last) = (i, i);
    let mut at = i;
    let mut spare = slop;
    for (term, prefix) in rest.iter().zip(prefixes) {
        let place = at + 1;
        // The nearest first: the place, then one word after it, one before, and so on.
        let j = (0..=spare)
            .flat_map(|d| {
                [
                    Some(place + d),
                    (d > 0).then(|| place.checked_sub(d)).flatten(),
                ]
            })
            .flatten()
            .filter(|&j| j < words.len() && j != at)
            .find(|&j| same_word(&words[j], term, prefix.as_ref()))?;
        spare -= j.abs_diff(place);
        at = j;
        first = first.min(j);
        last = last.max(j);
    }
    Some((first, last))
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
    fn a_sloppy_phrase_is_marked_where_its_words_swap_as_it_matches_there() {
        let text = "Prices of crude oil rose, and oil fell.";
        assert_eq!(marked("\"oil crude\"~2", text), ["crude oil"]);
        assert!(marked("\"oil crude\"~1", text).is_empty());
        assert!(marked("\"oil crude\"", text).is_empty());
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
    fn looking_phrases_up_marks_what_scanning_for_each_marks() {
        let texts = [
            "Dying men lie; lying ones die. The algorithm and its algorithms were algorithmic.",
            "Data localization requirements, data. Localization of data data data localization",
            "a a a b a b b a",
            "“Trump’s” café — naïve 🎉 Trump's trumps",
        ];
        for q in [
            "die OR \"dying men\" OR =algorithm OR lie OR ones",
            "\"data localization\" OR data OR \"data data\" OR =Localization",
            "(\"a a\" OR \"a b\"~1 OR b OR \"b a b\" OR algo*) -lie",
            "trump's OR café OR \"naïve trump\"~3 OR NEAR(men lie, 1) OR algoritm~1",
            "algoritm~1 OR dat~1 OR loc* OR trump* OR a OR men~2 OR caf*",
        ] {
            let query = parse(q).expect("valid query");
            let scanned = Highlighter::looking_up_from(&query, usize::MAX);
            let looked_up = Highlighter::looking_up_from(&query, 0);
            assert!(!looked_up.phrases.is_empty() && scanned.phrases.is_empty());
            assert!(scanned.single.is_empty());
            for text in texts {
                assert_eq!(looked_up.spans(text), scanned.spans(text), "{q} in {text}");
            }
        }
        assert_eq!(
            marked("\"a a\" OR b OR c OR d OR e OR f OR g OR h", "a a a b"),
            ["a a", "b"]
        );
    }

    #[test]
    fn a_word_inside_a_han_word_is_marked_its_characters_only() {
        let text = "東京都の知事は北京市を訪れた";
        assert_eq!(marked("東京", text), ["東京"]);
        assert_eq!(marked("北京", text), ["北京"]);
        assert_eq!(marked("東京都", text), ["東京都"]);
        // `京都` straddles `東京|都`, as the index holds the word: not marked.
        assert!(marked("京都", text).is_empty());
        // A phrase goes through whole words only: one through `北京` inside `北京市`, or
        // through `東京` inside `東京都` (which would skip `都`), marks nothing.
        assert!(marked("\"知事は北京\"", text).is_empty());
        assert!(marked("\"東京の知事\"", text).is_empty());
        assert_eq!(marked("\"東京都の知事\"", text), ["東京都の知事"]);
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
