//! Compilation of a query tree to a tantivy query, out of tantivy's queries and ours.

use super::article::{ArticleQuery, CommonUseQuery};
use super::ast::{phrase_words, subtree_needs_check, Clause, Node, Query, QueryError, Scope};
use super::language::LanguageStemQuery;
use super::path_glob::{path_matcher, PathGlobQuery};
use super::surface::{prefix_end, Surface, SurfaceQuery};
use super::variants::{BodyPhraseQuery, BodyWord};
use crate::analysis::{self, Mode};
use crate::index::Fields;
use std::ops::Bound;
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, InvertedIndexRangeQuery, Occur, PhraseQuery,
    Query as TQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;

/// Weight of the passage's own BM25 score. The article's evidence outweighs it: a passing
/// mention in an article about something else should not outrank the articles about the word,
/// and the passage's score then mostly picks which passage of the article is shown (weights
/// tuned on half of the Reuters topic queries: docs/benchmarks.md, "Ranking").
const PASSAGE_WEIGHT: f32 = 0.3;

/// Weight of a match in the article title.
const TITLE_WEIGHT: f32 = 0.5;

/// Weight of the whole article's BM25 score for a body word, scored among articles.
const ARTICLE_WEIGHT: f32 = 2.0;

/// Weight of the words of a query of several words standing near each other, in order.
const PROXIMITY_WEIGHT: f32 = 0.5;

/// How many other words may stand between or around the query's words to count as near.
const PROXIMITY_SLOP: u32 = 2;

/// The tantivy query for a parsed query.
///
/// Where the query [needs checking](Query::needs_check), the tantivy query finds a superset of
/// the matches: an exclusion that only the passage text can decide is left to the check, since
/// excluding the index's wider candidates would drop real matches.
pub fn compile(query: &Query, fields: &Fields) -> Result<Box<dyn TQuery>, QueryError> {
    compile_node(&query.root, query.accents, fields)
}

fn compile_node(
    node: &Node,
    accents: bool,
    fields: &Fields,
) -> Result<Box<dyn TQuery>, QueryError> {
    match node {
        Node::Leaf(clause) => compile_clause(clause, fields),
        Node::Not(inner) => compile_node(inner, accents, fields),
        Node::Or(children) => {
            if let Some(spellings) = spellings_of_one_word(children) {
                return Ok(one_word(&spellings, fields));
            }
            let mut subs = Vec::new();
            for c in children {
                subs.push((Occur::Should, compile_node(c, accents, fields)?));
            }
            Ok(Box::new(BooleanQuery::new(subs)))
        }
        Node::And(children) => {
            let mut subs = Vec::new();
            if let Some(near) = proximity(children, fields) {
                subs.push((Occur::Should, near));
            }
            for c in children {
                let occur = match c {
                    Node::Not(inner) if subtree_needs_check(inner, accents) => continue,
                    Node::Not(_) => Occur::MustNot,
                    _ => Occur::Must,
                };
                subs.push((occur, compile_node(c, accents, fields)?));
            }
            Ok(Box::new(BooleanQuery::new(subs)))
        }
    }
}

/// A lift for the passages where the words of a query of several plain words stand near each
/// other, in their order (`interest rates`, `crude oil`).
fn proximity(children: &[Node], fields: &Fields) -> Option<Box<dyn TQuery>> {
    let words: Vec<BodyWord> = plain_phrases(children)?
        .into_iter()
        .flat_map(|(text, exact)| body_words(text, exact))
        .collect();
    if words.len() < 2 {
        return None;
    }
    let near = BodyPhraseQuery::new(fields.text, words, PROXIMITY_SLOP);
    Some(Box::new(BoostQuery::new(Box::new(near), PROXIMITY_WEIGHT)))
}

/// The `(text, exact)` of each of `nodes` when all are words or phrases of the body without
/// slop; `None` otherwise.
fn plain_phrases(nodes: &[Node]) -> Option<Vec<(&str, bool)>> {
    nodes
        .iter()
        .map(|node| match node {
            Node::Leaf(Clause::Phrase {
                scope: Scope::Body,
                text,
                slop: 0,
                exact,
            }) => Some((text.as_str(), *exact)),
            _ => None,
        })
        .collect()
}

/// The spellings `(text, exact)` of one body word that `children` are, alternatives of a
/// compound (`tiktok OR "tik tok"`, as [`super::expand_compounds`] writes them): the same
/// letters, spaced differently. `None` for any other alternatives.
fn spellings_of_one_word(children: &[Node]) -> Option<Vec<(&str, bool)>> {
    let letters = |text: &str| -> String {
        analysis::tokenize(text, Mode::Exact)
            .into_iter()
            .map(|t| t.term)
            .collect()
    };
    let spellings = plain_phrases(children)?;
    let first = letters(spellings.first()?.0);
    let one_word = spellings.len() > 1
        && !first.is_empty()
        && spellings.iter().all(|(text, _)| letters(text) == first)
        && spellings.iter().any(|(text, _)| words_in(text) == 1);
    one_word.then_some(spellings)
}

/// The passages holding any of the `spellings` of one word, each scored as that word is (see
/// [`BodyPhraseQuery::spelling_of`]), lifted by the title and the article as the spelling in
/// one word is.
fn one_word(spellings: &[(&str, bool)], fields: &Fields) -> Box<dyn TQuery> {
    let words: Vec<Vec<BodyWord>> = spellings
        .iter()
        .map(|&(text, exact)| body_words(text, exact))
        .collect();
    let any: Vec<(Occur, Box<dyn TQuery>)> = words
        .iter()
        .map(|spelling| {
            let query = BodyPhraseQuery::spelling_of(fields.text, spelling.clone(), words.clone());
            (Occur::Should, Box::new(query) as Box<dyn TQuery>)
        })
        .collect();
    let joined = spellings
        .iter()
        .find(|(text, _)| words_in(text) == 1)
        .map_or(spellings[0].0, |(text, _)| *text);
    with_lifts(Box::new(BooleanQuery::new(any)), joined, 0, fields)
}

/// How many words `text` has.
fn words_in(text: &str) -> usize {
    analysis::tokenize(text, Mode::Exact).len()
}

/// The passages of `main`, lifted by a match of `text` in the article's title and by what the
/// whole article says of its words.
fn with_lifts(main: Box<dyn TQuery>, text: &str, slop: u32, fields: &Fields) -> Box<dyn TQuery> {
    // A match in the article's title lifts the passage; it does not make a passage
    // match by itself (the title is a passage of its own for that).
    let (title_field, title_terms) = terms_for(text, false, fields);
    let title = ArticleQuery::new(phrase_query(title_field, &title_terms, slop));
    // So does what the whole article says of the words where it uses them as common words
    // (not in names, unless the word is mostly a name): see [`ARTICLE_WEIGHT`].
    let article = ArticleQuery::new(article_words(&title_terms, fields));
    Box::new(BooleanQuery::new(vec![
        (
            Occur::Must,
            Box::new(BoostQuery::new(main, PASSAGE_WEIGHT)) as Box<dyn TQuery>,
        ),
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(title), TITLE_WEIGHT)),
        ),
        (
            Occur::Should,
            Box::new(BoostQuery::new(Box::new(article), ARTICLE_WEIGHT)),
        ),
    ]))
}

/// The passages holding a surface word of the body: see [`surface`].
fn body_surface(fields: &Fields, surface: Surface) -> Box<dyn TQuery> {
    Box::new(SurfaceQuery::new(fields.text, surface))
}

/// The words of a phrase of the body: stems, or surface words where exact.
fn body_words(text: &str, exact: bool) -> Vec<BodyWord> {
    phrase_words(text, exact, false)
        .into_iter()
        .map(|w| match w.exact {
            true => BodyWord::Surface(w.surface),
            false => BodyWord::Stem(w.stem),
        })
        .collect()
}

/// The field that prefix and fuzzy words of the title or the source are matched against (the
/// body's go through [`body_surface`]).
/// Titles are indexed stemmed only; prefix and fuzzy title queries use the stems.
fn field_of(scope: Scope, fields: &Fields) -> Field {
    match scope {
        Scope::Title => fields.title,
        Scope::Source => fields.source,
        Scope::Body => fields.text,
    }
}

/// Terms of `text` for the source (surface words, as it is indexed) when `source`, else for the
/// title (stems); the body's words are [`body_words`].
fn terms_for(text: &str, source: bool, fields: &Fields) -> (Field, Vec<String>) {
    let (field, mode) = match source {
        true => (fields.source, Mode::Exact),
        false => (fields.title, Mode::Stemmed),
    };
    let terms = analysis::tokenize(text, mode)
        .into_iter()
        .map(|t| t.term)
        .collect();
    (field, terms)
}

fn phrase_query(field: Field, terms: &[String], slop: u32) -> Box<dyn TQuery> {
    if terms.len() == 1 {
        return Box::new(TermQuery::new(
            Term::from_field_text(field, &terms[0]),
            IndexRecordOption::WithFreqs,
        ));
    }
    let terms: Vec<(usize, Term)> = terms
        .iter()
        .enumerate()
        .map(|(i, t)| (i, Term::from_field_text(field, t)))
        .collect();
    Box::new(PhraseQuery::new_with_offset_and_slop(terms, slop))
}

/// The whole article's score for the stems `terms`, each scored on its own (the article's
/// fields keep no positions) in the field of its common uses or of all its uses
/// ([`CommonUseQuery`]).
fn article_words(terms: &[String], fields: &Fields) -> Box<dyn TQuery> {
    let words = terms
        .iter()
        .map(|t| {
            let query: Box<dyn TQuery> = Box::new(CommonUseQuery::new(
                Term::from_field_text(fields.common, t),
                Term::from_field_text(fields.article, t),
            ));
            (Occur::Should, query)
        })
        .collect();
    Box::new(BooleanQuery::new(words))
}

/// `main`, or, for one word that is not exact, `main` or the word's stem in the articles of
/// each other language with a stemmer ([`LanguageStemQuery`]).
fn with_language_stems(
    main: Box<dyn TQuery>,
    text: &str,
    exact: bool,
    fields: &Fields,
) -> Box<dyn TQuery> {
    let words = phrase_words(text, exact, false);
    let [word] = words.as_slice() else {
        return main;
    };
    if word.exact {
        return main;
    }
    let mut alternatives = vec![(Occur::Should, main)];
    for (lang, _) in analysis::STEMMED_LANGUAGES {
        if let Some(query) = LanguageStemQuery::new(fields.text, fields.lang, lang, &word.surface) {
            alternatives.push((Occur::Should, Box::new(query) as Box<dyn TQuery>));
        }
    }
    Box::new(BooleanQuery::new(alternatives))
}

/// A clause as a tantivy query; one on an article field is spread to the article's passages.
fn compile_clause(clause: &Clause, fields: &Fields) -> Result<Box<dyn TQuery>, QueryError> {
    let query = clause_query(clause, fields)?;
    Ok(match clause.scope() {
        Scope::Body => query,
        Scope::Title | Scope::Source => Box::new(ArticleQuery::new(query)),
    })
}

/// A clause as a tantivy query on the field it looks in.
fn clause_query(clause: &Clause, fields: &Fields) -> Result<Box<dyn TQuery>, QueryError> {
    Ok(match clause {
        Clause::Phrase {
            scope,
            text,
            slop,
            exact,
        } => {
            if *scope != Scope::Body {
                let (field, terms) = terms_for(text, *scope == Scope::Source, fields);
                return Ok(phrase_query(field, &terms, *slop));
            }
            let words = body_words(text, *exact);
            let main: Box<dyn TQuery> = Box::new(BodyPhraseQuery::new(fields.text, words, *slop));
            let main = with_language_stems(main, text, *exact, fields);
            with_lifts(main, text, *slop, fields)
        }
        Clause::Near { scope, words, slop } => {
            let field = field_of(*scope, fields);
            let terms: Vec<String> = words
                .iter()
                .filter_map(|w| analysis::tokenize(w, Mode::Stemmed).into_iter().next())
                .map(|t| t.term)
                .collect();
            let mut alternatives = Vec::new();
            for order in permutations(terms.len()) {
                let ordered: Vec<String> = order.iter().map(|&i| terms[i].clone()).collect();
                let query: Box<dyn TQuery> = match scope {
                    Scope::Body => Box::new(BodyPhraseQuery::new(
                        field,
                        ordered.into_iter().map(BodyWord::Stem).collect(),
                        *slop,
                    )),
                    _ => phrase_query(field, &ordered, *slop),
                };
                alternatives.push((Occur::Should, query));
            }
            Box::new(BooleanQuery::new(alternatives))
        }
        Clause::Prefix {
            scope: Scope::Body,
            prefix,
        } => body_surface(fields, Surface::Prefix(prefix.clone())),
        Clause::Prefix { scope, prefix } => prefix_query(field_of(*scope, fields), prefix),
        Clause::Fuzzy {
            scope: Scope::Body,
            word,
            distance,
        } => body_surface(
            fields,
            Surface::Fuzzy {
                word: word.clone(),
                distance: *distance,
            },
        ),
        Clause::Fuzzy {
            scope,
            word,
            distance,
        } => {
            let surface = field_of(*scope, fields);
            let word = if *scope == Scope::Title {
                analysis::normalize_word(word, Mode::Stemmed)
            } else {
                word.clone()
            };
            Box::new(FuzzyTermQuery::new(
                Term::from_field_text(surface, &word),
                *distance,
                true,
            ))
        }
        Clause::Date { from, to } => {
            let bound = |v: &Option<u64>| match v {
                Some(n) => Bound::Included(Term::from_field_u64(fields.date_num, *n)),
                None => Bound::Unbounded,
            };
            Box::new(RangeQuery::new(bound(from), bound(to)))
        }
        Clause::Path(glob) => Box::new(PathGlobQuery::new(fields.path, path_matcher(glob)?)),
        Clause::Lang(code) => Box::new(tantivy::query::TermQuery::new(
            Term::from_field_text(fields.lang, code),
            tantivy::schema::IndexRecordOption::Basic,
        )),
    })
}

/// The words of `field` that start with `prefix`: a prefix is a contiguous range of the sorted
/// term dictionary, walked directly (a regex automaton would be built for each query and tested
/// against every byte of every term of the range).
fn prefix_query(field: Field, prefix: &str) -> Box<dyn TQuery> {
    let start = Term::from_field_text(field, prefix);
    let end = match prefix_end(prefix) {
        // The range compares the terms' value bytes only, whatever the term's type.
        Some(end) => Bound::Excluded(Term::from_field_bytes(field, &end)),
        None => Bound::Unbounded,
    };
    Box::new(InvertedIndexRangeQuery::new(Bound::Included(start), end))
}

/// All orderings of `0..n` (n is at most 4).
fn permutations(n: usize) -> Vec<Vec<usize>> {
    if n <= 1 {
        return vec![(0..n).collect()];
    }
    let mut out = Vec::new();
    for first in 0..n {
        for mut rest in permutations(n - 1) {
            for r in &mut rest {
                if *r >= first {
                    *r += 1;
                }
            }
            rest.insert(0, first);
            out.push(rest);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::testing::matching_words;
    use super::*;

    #[test]
    fn alternatives_spelling_one_word_are_told_from_other_alternatives() {
        let alternatives = |query: &str| {
            let known = |w: &str| ["tik", "tok", "tiktok", "data", "bases"].contains(&w);
            let query = super::super::parse(query).expect("valid");
            match super::super::expand_compounds(&query, &known).root {
                Node::Or(children) => spellings_of_one_word(&children).map(|s| {
                    s.into_iter()
                        .map(|(t, _)| t.to_string())
                        .collect::<Vec<_>>()
                }),
                other => panic!("not alternatives: {other:?}"),
            }
        };
        assert_eq!(
            alternatives("TikTok"),
            Some(vec!["TikTok".to_string(), "tik tok".to_string()])
        );
        assert_eq!(
            alternatives("\"tik tok\""),
            Some(vec!["tik tok".to_string(), "tiktok".to_string()])
        );
        assert_eq!(alternatives("tiktok OR data"), None);
        assert_eq!(alternatives("\"tik tok\" OR \"tik  tok\""), None);
    }

    #[test]
    fn prefix_matches_the_words_that_start_with_it_and_no_others() {
        let words = [
            "i",
            "in",
            "inca",
            "inz\u{e9}",
            "io",
            "ion",
            "hin",
            "\u{ed}n",
        ];
        assert_eq!(
            matching_words(&words, |field| prefix_query(field, "in")),
            ["in", "inca", "inz\u{e9}"]
        );
    }
}
