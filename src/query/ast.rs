//! The query tree: what a parsed query asks for, before it meets an index.

use crate::analysis::{self, Mode};
use std::fmt;

/// A parsed query.
#[derive(Clone, Debug, PartialEq)]
pub struct Query {
    /// The tree.
    pub root: Node,
    /// Words and phrases of the passage text match with their accents (`--accents`): the index
    /// finds candidates accent-folded, and each is checked against its stored text.
    pub accents: bool,
}

/// A node of the query tree.
#[derive(Clone, Debug, PartialEq)]
pub enum Node {
    /// All must match.
    And(Vec<Node>),
    /// Any may match.
    Or(Vec<Node>),
    /// Must not match.
    Not(Box<Node>),
    /// A single condition.
    Leaf(Clause),
}

/// Where a condition looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Scope {
    /// The passage text.
    Body,
    /// The article title.
    Title,
    /// The source or outlet.
    Source,
}

impl Clause {
    /// Where the clause looks: title, source, or the passage (also for date and path, which
    /// select whole articles).
    pub fn scope(&self) -> Scope {
        match self {
            Clause::Phrase { scope, .. }
            | Clause::Near { scope, .. }
            | Clause::Prefix { scope, .. }
            | Clause::Fuzzy { scope, .. } => *scope,
            Clause::Date { .. } | Clause::Path(_) | Clause::Lang(_) => Scope::Body,
        }
    }
}

/// The leaf of the words `text` in order in the passage, as the parser makes it: the tests'
/// shorthand for an expected tree.
#[cfg(test)]
pub(crate) fn body_phrase(text: &str, slop: u32) -> Node {
    Node::Leaf(Clause::Phrase {
        scope: Scope::Body,
        text: text.into(),
        slop,
        exact: false,
    })
}

/// One condition.
#[derive(Clone, Debug, PartialEq)]
pub enum Clause {
    /// Words in order, up to `slop` extra words between or around (a bare word is a phrase of
    /// one word, unless it analyses to several: `TikTok-U.S.`).
    Phrase {
        /// Where.
        scope: Scope,
        /// The words as typed.
        text: String,
        /// Extra words allowed.
        slop: u32,
        /// Surface words only (no stemming).
        exact: bool,
    },
    /// All words within `slop` extra words of each other, in any order.
    Near {
        /// Where.
        scope: Scope,
        /// The words as typed.
        words: Vec<String>,
        /// Extra words allowed.
        slop: u32,
    },
    /// Words starting with a prefix.
    Prefix {
        /// Where.
        scope: Scope,
        /// The prefix, normalised.
        prefix: String,
    },
    /// Words within an edit distance.
    Fuzzy {
        /// Where.
        scope: Scope,
        /// The word, normalised.
        word: String,
        /// 1 or 2.
        distance: u8,
    },
    /// Articles dated in a range (inclusive `yyyymmdd` numbers).
    Date {
        /// Lower bound.
        from: Option<u64>,
        /// Upper bound.
        to: Option<u64>,
    },
    /// Articles whose path matches a glob.
    Path(String),
    /// Articles in a language (ISO 639-1 code).
    Lang(String),
}

/// A query that cannot be parsed or run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QueryError {
    /// 1-based column (in chars) of the problem, 0 when it concerns the whole query.
    pub column: usize,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for QueryError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.column > 0 {
            write!(f, "bad query at column {}: {}", self.column, self.message)
        } else {
            write!(f, "bad query: {}", self.message)
        }
    }
}

impl std::error::Error for QueryError {}

/// One word of a phrase as the index and the highlighter see it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PhraseWord {
    /// Stemmed term.
    pub stem: String,
    /// Folded surface term.
    pub surface: String,
    /// Matched by its surface only: the whole phrase is exact, or the word is written `=word`.
    pub exact: bool,
}

/// The words of a phrase's `text`, each marked exact when `exact` or when written `=word`
/// inside the phrase (`"the =algorithms"`); `accents` keeps accents in both terms.
pub fn phrase_words(text: &str, exact: bool, accents: bool) -> Vec<PhraseWord> {
    analysis::tokenize_with(text, Mode::Stemmed, accents)
        .into_iter()
        .zip(analysis::tokenize_with(text, Mode::Exact, accents))
        .map(|(stem, surface)| PhraseWord {
            exact: exact || text[..stem.start].ends_with('='),
            stem: stem.term,
            surface: surface.term,
        })
        .collect()
}

/// Whether a clause can only be decided on the passage's text, not by the index alone: with
/// `accents`, any word, phrase or proximity in the passage text (the index folds accents); and
/// a phrase or proximity of several words with Han characters, as the index holds a word inside
/// a Han word at that word's position, so that a phrase could go through it and skip the rest
/// of the word (`"東京の知事"` would match `東京都の知事`).
fn needs_check(clause: &Clause, accents: bool) -> bool {
    let han = |text: &str| text.chars().any(analysis::is_han);
    match clause {
        Clause::Phrase {
            scope: Scope::Body,
            text,
            ..
        } => accents || (han(text) && phrase_words(text, false, false).len() > 1),
        Clause::Near {
            scope: Scope::Body,
            words,
            ..
        } => accents || words.iter().any(|w| han(w)),
        _ => false,
    }
}

pub(super) fn subtree_needs_check(node: &Node, accents: bool) -> bool {
    match node {
        Node::And(children) | Node::Or(children) => {
            children.iter().any(|c| subtree_needs_check(c, accents))
        }
        Node::Not(inner) => subtree_needs_check(inner, accents),
        Node::Leaf(clause) => needs_check(clause, accents),
    }
}

impl Query {
    /// Whether the index's matches are candidates that [`crate::highlight::matches`] must
    /// confirm on each passage's text (`--accents`).
    pub fn needs_check(&self) -> bool {
        subtree_needs_check(&self.root, self.accents)
    }
}
