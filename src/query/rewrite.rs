//! Rewrites of a parsed query: every word exact (`--exact`), and words widened to the compound
//! spellings the index holds.

use super::ast::{Clause, Node, Query, Scope};
use crate::analysis::{self, Mode};

/// The query with every word and phrase matched as surface words (`--exact`).
pub fn make_exact(query: &Query) -> Query {
    fn walk(node: &Node) -> Node {
        match node {
            Node::And(c) => Node::And(c.iter().map(walk).collect()),
            Node::Or(c) => Node::Or(c.iter().map(walk).collect()),
            Node::Not(n) => Node::Not(Box::new(walk(n))),
            Node::Leaf(Clause::Phrase {
                scope, text, slop, ..
            }) => Node::Leaf(Clause::Phrase {
                scope: *scope,
                text: text.clone(),
                slop: *slop,
                exact: true,
            }),
            Node::Leaf(_) => node.clone(),
        }
    }
    Query {
        root: walk(&query.root),
        accents: query.accents,
    }
}

/// Minimum length of each half when a word is split into two indexed words.
const MIN_COMPOUND_PART: usize = 3;

/// Widens words and two-word phrases to their compound spellings found in the index:
/// `TikTok` also matches "Tik Tok" and `"tik tok"` also matches "TikTok". `known` says whether
/// a surface word occurs in the index. Both the tantivy query and the highlighter use the
/// widened query, so what is highlighted is what matched.
pub fn expand_compounds(query: &Query, known: &dyn Fn(&str) -> bool) -> Query {
    Query {
        root: expand_node(&query.root, known),
        accents: query.accents,
    }
}

fn expand_node(node: &Node, known: &dyn Fn(&str) -> bool) -> Node {
    match node {
        Node::And(c) => Node::And(c.iter().map(|n| expand_node(n, known)).collect()),
        Node::Or(c) => Node::Or(c.iter().map(|n| expand_node(n, known)).collect()),
        Node::Not(n) => Node::Not(Box::new(expand_node(n, known))),
        Node::Leaf(clause) => {
            let Clause::Phrase {
                scope,
                text,
                slop: 0,
                exact,
            } = clause
            else {
                return node.clone();
            };
            if *scope == Scope::Source {
                return node.clone();
            }
            let words: Vec<String> = analysis::tokenize(text, Mode::Exact)
                .into_iter()
                .map(|t| t.term)
                .collect();
            // A word split in two is matched as the word is: by stems, or as written when
            // exact (`--exact databases` must not find "data based").
            let alternative = |text: String, exact: bool| {
                Node::Leaf(Clause::Phrase {
                    scope: *scope,
                    text,
                    slop: 0,
                    exact,
                })
            };
            let mut alternatives = vec![node.clone()];
            match words.as_slice() {
                [word] => {
                    let chars: Vec<(usize, char)> = word.char_indices().collect();
                    let last = chars.len().saturating_sub(MIN_COMPOUND_PART - 1);
                    for &(at, _) in chars.iter().take(last).skip(MIN_COMPOUND_PART) {
                        let (a, b) = word.split_at(at);
                        if known(a) && known(b) {
                            alternatives.push(alternative(format!("{a} {b}"), *exact));
                        }
                    }
                }
                [a, b] => {
                    let joined = format!("{a}{b}");
                    if known(&joined) {
                        alternatives.push(alternative(joined, *exact));
                    }
                }
                _ => {}
            }
            if alternatives.len() == 1 {
                node.clone()
            } else {
                Node::Or(alternatives)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use super::*;
    use crate::query::ast::body_phrase as phrase;

    #[test]
    fn compounds_expand_both_ways_when_the_parts_are_indexed() {
        let known = |w: &str| ["tik", "tok", "tiktok"].contains(&w);
        let q = parse("TikTok").map(|q| expand_compounds(&q, &known).root);
        assert_eq!(
            q,
            Ok(Node::Or(vec![phrase("TikTok", 0), phrase("tik tok", 0)]))
        );
        let q = parse("\"Tik Tok\"").map(|q| expand_compounds(&q, &known).root);
        assert_eq!(
            q,
            Ok(Node::Or(vec![phrase("Tik Tok", 0), phrase("tiktok", 0)]))
        );
        let q = parse("bytedance").map(|q| expand_compounds(&q, &known).root);
        assert_eq!(q, Ok(phrase("bytedance", 0)));
    }

    #[test]
    fn a_word_split_in_two_is_matched_as_the_word_is_and_needs_no_check() {
        // Found in a large corpus: `=prices` split into "pri ces", an exact two-word phrase,
        // made the whole query confirm every candidate on its text (30 ms instead of 0.3),
        // when exact words had no positions in the index. They have now, and the parts of an
        // exact word are exact: matched by stems, `--exact databases` found "data based".
        let known = |w: &str| ["pri", "ces", "data", "bases"].contains(&w);
        for (query, split, exact) in [
            ("=prices", "pri ces", true),
            ("databases", "data bases", false),
        ] {
            let q = parse(query).map(|q| expand_compounds(&q, &known));
            let q = q.expect("valid");
            let Node::Or(alternatives) = &q.root else {
                panic!("not expanded: {q:?}");
            };
            assert!(
                matches!(
                    &alternatives[1],
                    Node::Leaf(Clause::Phrase { text, exact: e, .. }) if text == split && *e == exact
                ),
                "{query}: {alternatives:?}"
            );
            assert!(!q.needs_check());
        }
        // Exact words have positions in the index: a phrase of them needs no check either,
        // unless accents are to match.
        let mut mixed = parse("\"central =banks\"").expect("valid");
        assert!(!mixed.needs_check());
        mixed.accents = true;
        assert!(mixed.needs_check());
    }
}
