//! The query language, and its translation to tantivy queries.
//!
//! Syntax: words (all must match), `"a phrase"`, `"a phrase"~N` (up to N words between or
//! around), `NEAR(a b, N)` (all words within N words of each other, any order), `a OR b`,
//! `-word` / `NOT word`, `(grouping)`, `=word` (surface word, no stemming), `word~1` / `word~2`
//! (fuzzy), `algo*` (prefix), and fields `title:`, `source:`, `path:GLOB`, `date:>=2022-01-01`,
//! `date:2022-01-01..2022-12-31`, `date:2022`. Errors name the column (1-based, in chars) where
//! the problem is.

mod article;
mod path_glob;
mod phrase;
mod surface;
mod variants;

use crate::analysis::{self, Mode};
use crate::index::Fields;
use article::ArticleQuery;
use path_glob::PathGlobQuery;
use std::fmt;
use std::ops::Bound;
pub use surface::word_counts;
use surface::{prefix_end, Surface, SurfaceQuery};
use tantivy::query::{
    BooleanQuery, BoostQuery, FuzzyTermQuery, InvertedIndexRangeQuery, Occur, PhraseQuery,
    Query as TQuery, RangeQuery, TermQuery,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::Term;
use tantivy_common::BitSet;
pub use variants::{word_doc_freq, BodyPhraseQuery, BodyWord};

/// Most leaves a query may have: a pasted article is not a query.
pub const MAX_TERMS: usize = 1000;

/// Deepest nesting of `( )` groups: the parser recurses per level, and a query is not a program.
pub const MAX_GROUP_DEPTH: usize = 64;

/// Weight of a match in the article title relative to one in the passage.
const TITLE_BOOST: f32 = 0.5;

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
            Clause::Date { .. } | Clause::Path(_) => Scope::Body,
        }
    }
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

struct Parser {
    chars: Vec<char>,
    pos: usize,
    leaves: usize,
    depth: usize,
}

fn err<T>(pos: usize, message: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError {
        column: pos + 1,
        message: message.into(),
    })
}

fn is_word_end(c: char) -> bool {
    c.is_whitespace() || matches!(c, '(' | ')' | '"' | '“' | '”')
}

fn is_quote(c: char) -> bool {
    matches!(c, '"' | '“' | '”' | '„')
}

/// Parses a query string.
pub fn parse(input: &str) -> Result<Query, QueryError> {
    let mut p = Parser {
        chars: input.chars().collect(),
        pos: 0,
        leaves: 0,
        depth: 0,
    };
    p.skip_ws();
    if p.at_end() {
        return Err(QueryError {
            column: 0,
            message: "the query is empty".into(),
        });
    }
    let root = p.parse_or()?;
    p.skip_ws();
    if !p.at_end() {
        return err(p.pos, "unmatched ')'");
    }
    if !has_positive(&root) {
        return Err(QueryError {
            column: 0,
            message: "nothing to find: the query only excludes; add a word that must match".into(),
        });
    }
    Ok(Query {
        root,
        accents: false,
    })
}

fn has_positive(node: &Node) -> bool {
    match node {
        Node::And(children) => children.iter().any(has_positive),
        Node::Or(children) => children.iter().all(has_positive),
        Node::Not(_) => false,
        Node::Leaf(_) => true,
    }
}

impl Parser {
    fn at_end(&self) -> bool {
        self.pos >= self.chars.len()
    }

    fn peek(&self) -> Option<char> {
        self.chars.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(char::is_whitespace) {
            self.pos += 1;
        }
    }

    fn keyword(&self, word: &str) -> bool {
        let n = word.chars().count();
        let matches = self.chars[self.pos..]
            .iter()
            .take(n)
            .copied()
            .eq(word.chars());
        matches && self.chars.get(self.pos + n).is_none_or(|&c| is_word_end(c))
    }

    fn parse_or(&mut self) -> Result<Node, QueryError> {
        let mut alternatives = vec![self.parse_and()?];
        loop {
            self.skip_ws();
            if self.keyword("OR") {
                let at = self.pos;
                self.pos += 2;
                self.skip_ws();
                if self.at_end() || self.peek() == Some(')') || self.keyword("OR") {
                    return err(at, "OR needs a term on both sides");
                }
                alternatives.push(self.parse_and()?);
            } else {
                break;
            }
        }
        Ok(if alternatives.len() == 1 {
            alternatives.remove(0)
        } else {
            Node::Or(alternatives)
        })
    }

    fn parse_and(&mut self) -> Result<Node, QueryError> {
        let mut parts = Vec::new();
        loop {
            self.skip_ws();
            if self.at_end() || self.peek() == Some(')') || self.keyword("OR") {
                break;
            }
            if self.keyword("AND") {
                if parts.is_empty() {
                    return err(self.pos, "AND needs a term on both sides");
                }
                self.pos += 3;
                continue;
            }
            let part = self.parse_unary()?;
            self.skip_ws();
            if self.keyword("NEAR") {
                let at = self.pos;
                self.pos += 4;
                self.skip_ws();
                let right = self.parse_primary()?;
                parts.push(infix_near(at, part, right)?);
                continue;
            }
            parts.push(part);
        }
        match parts.len() {
            0 => err(self.pos, "expected a word, a \"phrase\" or a (group) here"),
            1 => Ok(parts.remove(0)),
            _ => Ok(Node::And(parts)),
        }
    }

    fn parse_unary(&mut self) -> Result<Node, QueryError> {
        let at = self.pos;
        if self.peek() == Some('-') {
            self.pos += 1;
            if self.peek().is_none_or(|c| c.is_whitespace()) {
                return err(at, "'-' must be followed by what to exclude, as in -word");
            }
            return Ok(Node::Not(Box::new(self.parse_primary()?)));
        }
        if self.keyword("NOT") {
            self.pos += 3;
            self.skip_ws();
            if self.at_end() {
                return err(at, "NOT needs a term after it");
            }
            return Ok(Node::Not(Box::new(self.parse_primary()?)));
        }
        self.parse_primary()
    }

    fn leaf(&mut self, at: usize, clause: Clause) -> Result<Node, QueryError> {
        self.leaves += 1;
        if self.leaves > MAX_TERMS {
            return err(at, format!("too many terms: the limit is {MAX_TERMS}"));
        }
        Ok(Node::Leaf(clause))
    }

    fn parse_primary(&mut self) -> Result<Node, QueryError> {
        let at = self.pos;
        match self.peek() {
            Some('(') => {
                if self.depth >= MAX_GROUP_DEPTH {
                    return err(
                        at,
                        format!("groups nested too deeply: the limit is {MAX_GROUP_DEPTH}"),
                    );
                }
                self.pos += 1;
                self.depth += 1;
                let inner = self.parse_or()?;
                self.depth -= 1;
                self.skip_ws();
                if self.peek() != Some(')') {
                    return err(at, "unbalanced '(': it is never closed");
                }
                self.pos += 1;
                Ok(inner)
            }
            Some(')') => err(at, "unmatched ')'"),
            Some(c) if is_quote(c) => {
                let (text, slop) = self.parse_phrase()?;
                self.leaf(
                    at,
                    Clause::Phrase {
                        scope: Scope::Body,
                        text,
                        slop,
                        exact: false,
                    },
                )
            }
            _ if self.keyword_prefix("NEAR(") => self.parse_near(at),
            _ => self.parse_term(at),
        }
    }

    fn keyword_prefix(&self, word: &str) -> bool {
        self.chars[self.pos..]
            .iter()
            .take(word.chars().count())
            .copied()
            .eq(word.chars())
    }

    /// `"words"` with an optional `~N`.
    fn parse_phrase(&mut self) -> Result<(String, u32), QueryError> {
        let open = self.pos;
        self.pos += 1;
        let start = self.pos;
        while self.peek().is_some_and(|c| !is_quote(c)) {
            self.pos += 1;
        }
        if self.at_end() {
            return err(open, "unbalanced quote: this \" is never closed");
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        self.pos += 1;
        let slop = if self.peek() == Some('~') {
            self.pos += 1;
            self.parse_number(0, 50)?
        } else {
            0
        };
        if analysis::tokenize(&text, Mode::Exact).is_empty() {
            return err(open, "the phrase has no words to search for");
        }
        Ok((text, slop))
    }

    fn parse_number(&mut self, default: u32, max: u32) -> Result<u32, QueryError> {
        let start = self.pos;
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        if start == self.pos {
            return Ok(default);
        }
        let digits: String = self.chars[start..self.pos].iter().collect();
        match digits.parse::<u32>() {
            Ok(n) if n <= max => Ok(n),
            _ => err(start, format!("the number must be at most {max}")),
        }
    }

    /// `NEAR(a b c, N)`.
    fn parse_near(&mut self, at: usize) -> Result<Node, QueryError> {
        self.pos += 5;
        let start = self.pos;
        while self.peek().is_some_and(|c| c != ')' && c != ',') {
            self.pos += 1;
        }
        let words_text: String = self.chars[start..self.pos].iter().collect();
        let mut slop = DEFAULT_NEAR;
        if self.peek() == Some(',') {
            self.pos += 1;
            self.skip_ws();
            slop = self.parse_number(5, 50)?;
            self.skip_ws();
        }
        if self.peek() != Some(')') {
            return err(at, "NEAR( is never closed: write NEAR(word word, N)");
        }
        self.pos += 1;
        let words: Vec<String> = words_text
            .split(|c: char| c.is_whitespace() || is_quote(c))
            .filter(|w| !analysis::tokenize(w, Mode::Exact).is_empty())
            .map(str::to_string)
            .collect();
        if words.len() < 2 || words.len() > 4 {
            return err(
                at,
                "NEAR needs two to four words, as in NEAR(data algorithm, 5)",
            );
        }
        self.leaf(
            at,
            Clause::Near {
                scope: Scope::Body,
                words,
                slop,
            },
        )
    }

    /// A word with its decorations, or `field:value`.
    fn parse_term(&mut self, at: usize) -> Result<Node, QueryError> {
        let start = self.pos;
        while self.peek().is_some_and(|c| !is_word_end(c) && c != ':') {
            self.pos += 1;
        }
        let head: String = self.chars[start..self.pos].iter().collect();
        if self.peek() == Some(':') && !head.is_empty() && head.chars().all(char::is_alphabetic) {
            self.pos += 1;
            return self.parse_field(at, &head.to_lowercase());
        }
        // Not a field: the colon belongs to the word (10:30).
        while self.peek().is_some_and(|c| !is_word_end(c)) {
            self.pos += 1;
        }
        let word: String = self.chars[start..self.pos].iter().collect();
        let clause = self.word_clause(at, &word, Scope::Body)?;
        self.leaf(at, clause)
    }

    fn parse_field(&mut self, at: usize, field: &str) -> Result<Node, QueryError> {
        let scope = match field {
            "title" => Scope::Title,
            "source" => Scope::Source,
            "path" | "date" => Scope::Body,
            _ => {
                return err(
                    at,
                    format!("unknown field '{field}:' (fields are title:, source:, path:, date:)"),
                )
            }
        };
        let value_at = self.pos;
        if self.at_end() || self.peek().is_some_and(char::is_whitespace) {
            return err(
                value_at,
                format!("'{field}:' needs a value after the colon"),
            );
        }
        if self.peek().is_some_and(is_quote) {
            if matches!(field, "path" | "date") {
                let (text, _) = self.parse_phrase()?;
                let clause = self.special_field(value_at, field, &text)?;
                return self.leaf(at, clause);
            }
            let (text, slop) = self.parse_phrase()?;
            let clause = Clause::Phrase {
                scope,
                text,
                slop,
                exact: false,
            };
            return self.leaf(at, clause);
        }
        let start = self.pos;
        while self.peek().is_some_and(|c| !is_word_end(c)) {
            self.pos += 1;
        }
        let value: String = self.chars[start..self.pos].iter().collect();
        let clause = match field {
            "path" | "date" => self.special_field(value_at, field, &value)?,
            _ => self.word_clause(value_at, &value, scope)?,
        };
        self.leaf(at, clause)
    }

    fn special_field(&self, at: usize, field: &str, value: &str) -> Result<Clause, QueryError> {
        if field == "path" {
            if let Err(e) = globset::Glob::new(value) {
                return err(at, format!("bad path glob: {}", e.kind()));
            }
            return Ok(Clause::Path(value.to_string()));
        }
        parse_date_clause(value).ok_or_else(|| QueryError {
            column: at + 1,
            message: format!(
                "bad date '{value}': use 2022-01-31, >=2022-01-01, <2023, or 2022-01-01..2022-06-30"
            ),
        })
    }

    /// `=word`, `word*`, `word~N`, or a plain word.
    fn word_clause(&self, at: usize, word: &str, scope: Scope) -> Result<Clause, QueryError> {
        let (exact, word) = match word.strip_prefix('=') {
            Some(rest) => (true, rest),
            None => (false, word),
        };
        if let Some((base, distance)) = word.rsplit_once('~') {
            let distance = match distance {
                "" | "1" => 1,
                "2" => 2,
                _ => return err(at, "fuzzy distance must be ~1 or ~2"),
            };
            let terms = analysis::tokenize(base, Mode::Exact);
            if terms.len() != 1 {
                return err(at, format!("fuzzy matching needs one word, not '{base}'"));
            }
            return Ok(Clause::Fuzzy {
                scope,
                word: terms[0].term.clone(),
                distance,
            });
        }
        if let Some(base) = word.strip_suffix('*') {
            let terms = analysis::tokenize(base, Mode::Exact);
            if terms.len() != 1 || terms[0].term.chars().count() < 2 {
                return err(
                    at,
                    "a prefix needs at least two letters of one word before '*'",
                );
            }
            return Ok(Clause::Prefix {
                scope,
                prefix: terms[0].term.clone(),
            });
        }
        if analysis::tokenize(word, Mode::Exact).is_empty() {
            return err(
                at,
                format!("'{word}' has no letters or digits to search for"),
            );
        }
        Ok(Clause::Phrase {
            scope,
            text: word.to_string(),
            slop: 0,
            exact,
        })
    }
}

/// `a NEAR b`: the words of both sides within the default distance, in any order.
fn infix_near(at: usize, left: Node, right: Node) -> Result<Node, QueryError> {
    let mut words = Vec::new();
    for side in [left, right] {
        match side {
            Node::Leaf(Clause::Phrase {
                scope: Scope::Body,
                text,
                ..
            }) => words.extend(
                analysis::tokenize(&text, Mode::Exact)
                    .into_iter()
                    .map(|t| text[t.start..t.end].to_string()),
            ),
            _ => {
                return err(
                    at,
                    "NEAR joins words or phrases, as in \"data security\" NEAR algorithm",
                )
            }
        }
    }
    if words.len() > 4 {
        return err(at, "NEAR joins at most four words");
    }
    Ok(Node::Leaf(Clause::Near {
        scope: Scope::Body,
        words,
        slop: DEFAULT_NEAR,
    }))
}

/// Words allowed between the words of a NEAR without a distance.
const DEFAULT_NEAR: u32 = 5;

/// `2022-01-31`, `2022-01`, `2022`, with `>=`, `<=`, `>`, `<`, `=`, or `A..B`.
fn parse_date_clause(value: &str) -> Option<Clause> {
    // A partial date covers a range: 2022 is 20220101..20221231.
    fn range(s: &str) -> Option<(u64, u64)> {
        let parts: Vec<&str> = s.split('-').collect();
        let num = |p: &str, len: usize| (p.len() == len).then(|| p.parse::<u64>().ok()).flatten();
        match parts.as_slice() {
            [y] => num(y, 4).map(|y| (y * 10000 + 101, y * 10000 + 1231)),
            [y, m] => {
                let (y, m) = (num(y, 4)?, num(m, 2)?);
                (1..=12)
                    .contains(&m)
                    .then_some((y * 10000 + m * 100 + 1, y * 10000 + m * 100 + 31))
            }
            [y, m, d] => {
                let (y, m, d) = (num(y, 4)?, num(m, 2)?, num(d, 2)?);
                ((1..=12).contains(&m) && (1..=31).contains(&d)).then_some({
                    let n = y * 10000 + m * 100 + d;
                    (n, n)
                })
            }
            _ => None,
        }
    }
    if let Some((a, b)) = value.split_once("..") {
        let from = if a.is_empty() {
            None
        } else {
            Some(range(a)?.0)
        };
        let to = if b.is_empty() {
            None
        } else {
            Some(range(b)?.1)
        };
        // `..` alone bounds nothing: tantivy refuses a range without a bound.
        if from.is_none() && to.is_none() {
            return None;
        }
        return Some(Clause::Date { from, to });
    }
    let (op, rest) = [">=", "<=", ">", "<", "="]
        .iter()
        .find_map(|op| value.strip_prefix(op).map(|r| (*op, r)))
        .unwrap_or(("=", value));
    let (lo, hi) = range(rest)?;
    let (from, to) = match op {
        ">=" => (Some(lo), None),
        ">" => (Some(hi + 1), None),
        "<=" => (None, Some(hi)),
        "<" => (None, Some(lo.checked_sub(1)?)),
        _ => (Some(lo), Some(hi)),
    };
    Some(Clause::Date { from, to })
}

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
/// `accents`, any word, phrase or proximity in the passage text (the index folds accents).
fn needs_check(clause: &Clause, accents: bool) -> bool {
    accents
        && matches!(
            clause,
            Clause::Phrase {
                scope: Scope::Body,
                ..
            } | Clause::Near {
                scope: Scope::Body,
                ..
            }
        )
}

fn subtree_needs_check(node: &Node, accents: bool) -> bool {
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
            let mut subs = Vec::new();
            for c in children {
                subs.push((Occur::Should, compile_node(c, accents, fields)?));
            }
            Ok(Box::new(BooleanQuery::new(subs)))
        }
        Node::And(children) => {
            let mut subs = Vec::new();
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
            let main = Box::new(BodyPhraseQuery::new(fields.text, words, *slop));
            // A match in the article's title lifts the passage; it does not make a passage
            // match by itself (the title is a passage of its own for that).
            let (title_field, title_terms) = terms_for(text, false, fields);
            let title = ArticleQuery::new(phrase_query(title_field, &title_terms, *slop));
            Box::new(BooleanQuery::new(vec![
                (Occur::Must, main as Box<dyn TQuery>),
                (
                    Occur::Should,
                    Box::new(BoostQuery::new(Box::new(title), TITLE_BOOST)),
                ),
            ]))
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

/// What a query whose matches all score the same finds in one segment.
trait SegmentMatches: Send + Sync + 'static {
    /// The documents of the segment of `reader` that match.
    fn matches(&self, reader: &tantivy::SegmentReader) -> tantivy::Result<BitSet>;
    /// What a match is, for explanations.
    fn what(&self) -> String;
}

/// The weight of a [`SegmentMatches`], every match scoring the same. Given a searcher, it finds
/// the matches of every segment beforehand on all cores: tantivy asks a weight for its
/// segments one after the other, and some matchers take milliseconds each.
struct MatchesWeight<M> {
    matcher: M,
    ready: std::collections::HashMap<tantivy::index::SegmentId, BitSet>,
}

impl<M: SegmentMatches> MatchesWeight<M> {
    /// The weight of `matcher`, its matches found beforehand when `searcher` has segments to
    /// match side by side.
    fn new(matcher: M, searcher: Option<&tantivy::Searcher>) -> tantivy::Result<Self> {
        use rayon::prelude::*;
        let ready = match searcher.filter(|searcher| searcher.segment_readers().len() > 1) {
            Some(searcher) => searcher
                .segment_readers()
                .par_iter()
                .map(|reader| Ok((reader.segment_id(), matcher.matches(reader)?)))
                .collect::<tantivy::Result<_>>()?,
            None => std::collections::HashMap::new(),
        };
        Ok(MatchesWeight { matcher, ready })
    }

    fn docs(&self, reader: &tantivy::SegmentReader) -> tantivy::Result<BitSet> {
        match self.ready.get(&reader.segment_id()) {
            Some(docs) => Ok(docs.clone()),
            None => self.matcher.matches(reader),
        }
    }
}

impl<M: SegmentMatches> tantivy::query::Weight for MatchesWeight<M> {
    fn scorer(
        &self,
        reader: &tantivy::SegmentReader,
        boost: tantivy::Score,
    ) -> tantivy::Result<Box<dyn tantivy::query::Scorer>> {
        let docs = tantivy::query::BitSetDocSet::from(self.docs(reader)?);
        Ok(Box::new(tantivy::query::ConstScorer::new(docs, boost)))
    }

    /// As the default, a score of 1 for each match, without two dynamic calls per match.
    fn for_each(
        &self,
        reader: &tantivy::SegmentReader,
        callback: &mut dyn FnMut(tantivy::DocId, tantivy::Score),
    ) -> tantivy::Result<()> {
        use tantivy::DocSet as _;
        let mut docs = tantivy::query::BitSetDocSet::from(self.docs(reader)?);
        let mut doc = docs.doc();
        while doc != tantivy::TERMINATED {
            callback(doc, 1.0);
            doc = docs.advance();
        }
        Ok(())
    }

    fn explain(
        &self,
        reader: &tantivy::SegmentReader,
        doc: tantivy::DocId,
    ) -> tantivy::Result<tantivy::query::Explanation> {
        explain_constant(self, reader, doc, &self.matcher.what())
    }
}

/// The explanation of a weight whose matches all score the same: `what` when `doc` matches.
fn explain_constant(
    weight: &impl tantivy::query::Weight,
    reader: &tantivy::SegmentReader,
    doc: tantivy::DocId,
    what: &str,
) -> tantivy::Result<tantivy::query::Explanation> {
    use tantivy::DocSet as _;
    if weight.scorer(reader, 1.0)?.seek(doc) == doc {
        Ok(tantivy::query::Explanation::new_with_string(
            what.to_string(),
            1.0,
        ))
    } else {
        Err(tantivy::TantivyError::InvalidArgument(format!(
            "document {doc} does not match {what}"
        )))
    }
}

/// The matcher of a `path:` glob.
pub fn path_matcher(glob: &str) -> Result<globset::GlobMatcher, QueryError> {
    Ok(globset::GlobBuilder::new(glob)
        .literal_separator(false)
        .build()
        .map_err(|e| QueryError {
            column: 0,
            message: format!("bad path glob: {}", e.kind()),
        })?
        .compile_matcher())
}

/// Whether a `path:` glob matches an article's path, or its file name alone (what follows the
/// last `/`, as the DFA of [`path_glob`] sees it).
pub fn path_matches(matcher: &globset::GlobMatcher, path: &str) -> bool {
    matcher.is_match(path)
        || path
            .rsplit_once('/')
            .is_some_and(|(_, name)| matcher.is_match(name))
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

/// What the query modules' tests share.
#[cfg(test)]
pub(crate) mod testing {
    use crate::index::{register_tokenizers, schema, Fields};
    use tantivy::{doc, Index, IndexWriter};

    /// An index of our schema holding `passages`, in two segments.
    pub fn index_of(passages: &[&str]) -> (Index, Fields) {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (i, text) in passages.iter().enumerate() {
            writer
                .add_document(doc!(fields.text => *text))
                .expect("add");
            if i == passages.len() / 2 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        (index, fields)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn phrase(text: &str, slop: u32) -> Node {
        Node::Leaf(Clause::Phrase {
            scope: Scope::Body,
            text: text.into(),
            slop,
            exact: false,
        })
    }

    #[test]
    fn words_are_anded_and_phrases_kept_whole() {
        let q = parse(r#"tiktok "data localization""#).map(|q| q.root);
        assert_eq!(
            q,
            Ok(Node::And(vec![
                phrase("tiktok", 0),
                phrase("data localization", 0)
            ]))
        );
    }

    #[test]
    fn or_binds_looser_than_and_and_minus_excludes() {
        let q = parse("a b OR c -d").map(|q| q.root);
        assert_eq!(
            q,
            Ok(Node::Or(vec![
                Node::And(vec![phrase("a", 0), phrase("b", 0)]),
                Node::And(vec![phrase("c", 0), Node::Not(Box::new(phrase("d", 0)))]),
            ]))
        );
    }

    #[test]
    fn unbalanced_quote_names_its_column() {
        let e = parse(r#"tiktok "data loc"#).err();
        assert_eq!(
            e.map(|e| (e.column, e.to_string())),
            Some((
                8,
                "bad query at column 8: unbalanced quote: this \" is never closed".to_string()
            ))
        );
    }

    #[test]
    fn unknown_field_is_an_error() {
        let e = parse("author:smith").err().map(|e| e.message);
        assert_eq!(
            e.as_deref(),
            Some("unknown field 'author:' (fields are title:, source:, path:, date:)")
        );
    }

    #[test]
    fn only_exclusions_is_an_error() {
        assert!(parse("-tiktok").is_err());
        assert!(parse("-").is_err());
        assert!(parse("a OR").is_err());
        assert!(parse("(a b").is_err());
        assert!(parse("a b)").is_err());
    }

    #[test]
    fn decorations_make_fuzzy_prefix_exact_and_slop() {
        let leaves = |q: &str| match parse(q).map(|q| q.root) {
            Ok(Node::Leaf(c)) => Some(c),
            _ => None,
        };
        assert_eq!(
            leaves("TikTok~1"),
            Some(Clause::Fuzzy {
                scope: Scope::Body,
                word: "tiktok".into(),
                distance: 1
            })
        );
        assert_eq!(
            leaves("algo*"),
            Some(Clause::Prefix {
                scope: Scope::Body,
                prefix: "algo".into()
            })
        );
        assert_eq!(
            leaves("=algorithm"),
            Some(Clause::Phrase {
                scope: Scope::Body,
                text: "algorithm".into(),
                slop: 0,
                exact: true
            })
        );
        assert_eq!(
            leaves("\"data security\"~3"),
            Some(Clause::Phrase {
                scope: Scope::Body,
                text: "data security".into(),
                slop: 3,
                exact: false
            })
        );
        assert_eq!(
            leaves("NEAR(data algorithm, 4)"),
            Some(Clause::Near {
                scope: Scope::Body,
                words: vec!["data".into(), "algorithm".into()],
                slop: 4
            })
        );
    }

    #[test]
    fn dates_parse_to_inclusive_ranges() {
        let d = |q: &str| parse(q).ok().map(|q| q.root);
        assert_eq!(
            d("date:>=2022-01-01"),
            Some(Node::Leaf(Clause::Date {
                from: Some(20220101),
                to: None
            }))
        );
        assert_eq!(
            d("date:2022"),
            Some(Node::Leaf(Clause::Date {
                from: Some(20220101),
                to: Some(20221231)
            }))
        );
        assert_eq!(
            d("date:2022-01..2022-03"),
            Some(Node::Leaf(Clause::Date {
                from: Some(20220101),
                to: Some(20220331)
            }))
        );
        assert!(parse("date:yesterday").is_err());
        assert!(parse("date:..").is_err());
    }

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

    #[test]
    fn prefix_end_is_the_first_string_after_the_prefix_range() {
        assert_eq!(prefix_end("in"), Some(b"io".to_vec()));
        assert_eq!(
            prefix_end("caf\u{e9}"),
            Some(vec![b'c', b'a', b'f', 0xC3, 0xAA])
        );
        assert_eq!(prefix_end(""), None);
    }

    /// The documents of a one-field index of `words` that `query` matches, as their words.
    /// The index has two segments when there are two words or more, so that weights matching
    /// segments beforehand on all cores are tried too.
    fn matching_words(words: &[&str], query: impl Fn(Field) -> Box<dyn TQuery>) -> Vec<String> {
        use tantivy::collector::DocSetCollector;
        use tantivy::schema::{Schema, Value, STORED, STRING};
        let mut schema = Schema::builder();
        let field = schema.add_text_field("word", STRING | STORED);
        let index = tantivy::Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (i, word) in words.iter().enumerate() {
            writer
                .add_document(tantivy::doc!(field => *word))
                .expect("add");
            if i + 1 == words.len() / 2 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let mut found: Vec<String> = searcher
            .search(&*query(field), &DocSetCollector)
            .expect("search")
            .into_iter()
            .map(|address| {
                let doc: tantivy::TantivyDocument = searcher.doc(address).expect("doc");
                let word = doc.get_first(field).and_then(|v| v.as_str());
                word.unwrap_or_default().to_string()
            })
            .collect();
        found.sort();
        found
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

    #[test]
    fn path_glob_matches_the_whole_path_or_the_file_name_alone() {
        let paths = [
            "corpus/2024/harbour-1.txt",
            "corpus/2024/harbour-2.txt",
            "corpus/2025/harbour-1.txt",
            "corpus/2025/notes.md",
        ];
        let glob = |glob: &'static str| {
            move |field| -> Box<dyn TQuery> {
                let matcher = path_matcher(glob).expect("valid glob");
                Box::new(PathGlobQuery::new(field, matcher))
            }
        };
        assert_eq!(
            matching_words(&paths, glob("harbour-1.txt")),
            ["corpus/2024/harbour-1.txt", "corpus/2025/harbour-1.txt"]
        );
        assert_eq!(
            matching_words(&paths, glob("corpus/2024/*")),
            ["corpus/2024/harbour-1.txt", "corpus/2024/harbour-2.txt"]
        );
        assert_eq!(
            matching_words(&paths, glob("*5/*.md")),
            ["corpus/2025/notes.md"]
        );
        assert!(matching_words(&paths, glob("2024/*")).is_empty());
    }

    #[test]
    fn path_glob_too_large_for_a_dfa_still_finds_its_paths() {
        let paths = ["corpus/a1234567890123456789012.txt", "corpus/b.txt"];
        let query = |field| -> Box<dyn TQuery> {
            let matcher = path_matcher("*a??????????????????????????").expect("valid glob");
            Box::new(PathGlobQuery::new(field, matcher))
        };
        assert_eq!(
            matching_words(&paths, query),
            ["corpus/a1234567890123456789012.txt"]
        );
    }

    #[test]
    fn huge_queries_are_refused() {
        let q = "word ".repeat(MAX_TERMS + 1);
        assert!(parse(&q).is_err());
    }

    #[test]
    fn any_bytes_give_a_result_or_an_error_never_a_panic() {
        for q in [
            "\"",
            "((((",
            "~~~",
            "title:",
            "NEAR(",
            "NEAR(a, 99999999999)",
            "a~9",
            "*",
            "=",
            "-(",
            "\u{200b}",
            "日本語",
            "date:..",
            "path:[",
            "x:y:z",
        ] {
            let _ = parse(q);
        }
    }
}
