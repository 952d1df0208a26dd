//! The parser: a query string to a [`Query`] tree, or an error naming the column.

use super::ast::{Clause, Node, Query, QueryError, Scope};
use crate::analysis::{self, Mode};

/// Most leaves a query may have: a pasted article is not a query.
pub const MAX_TERMS: usize = 1000;

/// Deepest nesting of `( )` groups: the parser recurses per level, and a query is not a program.
pub const MAX_GROUP_DEPTH: usize = 64;

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
                let at = self.pos;
                self.pos += 3;
                self.skip_ws();
                // One rule for both ends: `AND oil` and `oil AND` are both incomplete.
                let nothing_after = self.at_end()
                    || self.peek() == Some(')')
                    || self.keyword("OR")
                    || self.keyword("AND");
                if parts.is_empty() || nothing_after {
                    return err(at, "AND needs a term on both sides");
                }
                continue;
            }
            let part = self.parse_unary()?;
            self.skip_ws();
            if self.keyword("NEAR") {
                let at = self.pos;
                self.pos += 4;
                self.skip_ws();
                if self.at_end() || self.peek() == Some(')') {
                    return err(at, "NEAR needs a term on both sides");
                }
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
            let tilde = self.pos;
            self.pos += 1;
            if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
                return err(
                    tilde,
                    "'~' after a phrase needs the number of words allowed (0 to 50), as in \"a b\"~3",
                );
            }
            self.parse_number(0, 50)?
        } else {
            0
        };
        // `"a b"^2` or `"a b"~3.5`: what follows a phrase must not be glued to it.
        if let Some(c) = self.peek().filter(|&c| !is_word_end(c)) {
            return match foreign_operator(c) {
                Some(why) => err(self.pos, why),
                None => err(self.pos, format!("unexpected '{c}' right after the phrase")),
            };
        }
        if analysis::tokenize(&text, Mode::Exact).is_empty() {
            return err(open, "the phrase has no words to search for");
        }
        if let Some(star) = prefix_in_phrase(&self.chars[start..start + text.chars().count()]) {
            return err(
                start + star,
                "a prefix (word*) is not supported inside a \"phrase\": write the whole word, \
                 or the prefix outside the quotes",
            );
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
            "path" | "date" | "lang" => Scope::Body,
            _ => {
                return err(
                    at,
                    format!(
                        "unknown field '{field}:' (fields are title:, source:, path:, date:, lang:)"
                    ),
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
        if self.peek() == Some('(') {
            return err(
                value_at,
                format!(
                    "'{field}:' takes a word or a \"phrase\", not a (group): write \
                     {field}:a OR {field}:b"
                ),
            );
        }
        if self.peek().is_some_and(is_quote) {
            if matches!(field, "path" | "date" | "lang") {
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
            "path" | "date" | "lang" => self.special_field(value_at, field, &value)?,
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
        if field == "lang" {
            return crate::clean::language::normalize(value)
                .map(Clause::Lang)
                .ok_or_else(|| QueryError {
                    column: at + 1,
                    message: format!("unknown language '{value}': use a code such as en, es, zh"),
                });
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
        refuse_foreign_syntax(at, word)?;
        let (exact, word) = match word.strip_prefix('=') {
            Some(rest) => (true, rest),
            None => (false, word),
        };
        if let Some((base, distance)) = word.rsplit_once('~') {
            if base.ends_with('*') {
                return err(
                    at + base.chars().count() - 1,
                    "a word is either a prefix (word*) or fuzzy (word~), not both",
                );
            }
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

/// Where, in a phrase's chars, a word of two letters or more ends in one `*` (`"central ban*"`),
/// which would otherwise be read as the word without its star and match in silence. A censored
/// word (`f***`, `s**t`, `d*mn`) is quoted text, not a prefix.
fn prefix_in_phrase(chars: &[char]) -> Option<usize> {
    let mut word_start = 0;
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            word_start = i + 1;
            continue;
        }
        let word = &chars[word_start..i];
        let ends_word = chars.get(i + 1).is_none_or(|n| n.is_whitespace());
        if c == '*'
            && ends_word
            && word.iter().filter(|c| c.is_alphabetic()).count() >= 2
            && word.iter().all(|c| c.is_alphanumeric())
        {
            return Some(i);
        }
    }
    None
}

/// Why a character that another engine reads as an operator is refused here.
fn foreign_operator(c: char) -> Option<&'static str> {
    match c {
        '^' => Some("'^' (boost) is not supported"),
        '*' => Some(
            "'*' (wildcard) is not supported inside or before a word; only at its end, as in algo*",
        ),
        '?' => Some("'?' (one-letter wildcard) is not supported"),
        '!' => Some("'!' (NOT) is not supported: write -word or NOT word"),
        _ => None,
    }
}

/// Refuses the syntax of Lucene, Factiva or LexisNexis that would otherwise be read as words
/// and match something else in silence: `tiktok^2`, `ti*ok`, `*tok`, `!tiktok`, `w/3`,
/// `NEAR/3`. `at` is the word's 0-based column.
fn refuse_foreign_syntax(at: usize, word: &str) -> Result<(), QueryError> {
    let chars: Vec<char> = word.chars().collect();
    if let Some((operator, distance)) = word.split_once('/') {
        // `w/5`, `pre/3`, `NEAR/3`, `w/s` (same sentence), `w/p` (same paragraph); not `w/o`.
        let proximity = ["w", "pre", "near"]
            .iter()
            .any(|op| operator.eq_ignore_ascii_case(op))
            && (["s", "p", "seg"].contains(&distance.to_ascii_lowercase().as_str())
                || (!distance.is_empty() && distance.bytes().all(|b| b.is_ascii_digit())));
        if proximity {
            return err(
                at,
                format!(
                    "'{word}' (proximity, as in LexisNexis or Factiva) is not supported: \
                     write NEAR(a b, 3), a NEAR b, or \"a b\"~3"
                ),
            );
        }
    }
    let last = chars.len().saturating_sub(1);
    for (i, &c) in chars.iter().enumerate() {
        let letter_before = i > 0 && chars[i - 1].is_alphanumeric();
        let letter_after = chars.get(i + 1).is_some_and(|c| c.is_alphanumeric());
        let foreign = match c {
            '^' => true,
            // A trailing `*` is our prefix; `f***` (a censored word) is left to the prefix rule.
            '*' => i < last && letter_after,
            // `wom?n`; a trailing `?` is punctuation.
            '?' => letter_before && letter_after,
            '!' => i == 0 && letter_after,
            _ => false,
        };
        if let Some(why) = foreign.then(|| foreign_operator(c)).flatten() {
            return err(at + i, why);
        }
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::query::ast::body_phrase as phrase;

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
            Some("unknown field 'author:' (fields are title:, source:, path:, date:, lang:)")
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
    fn other_engines_operators_are_refused_at_their_column() {
        let column = |q: &str| parse(q).err().map(|e| e.column);
        assert_eq!(column("tiktok^2"), Some(7));
        assert_eq!(column("data NEAR/3 security"), Some(6));
        assert_eq!(column("W/3"), Some(1));
        assert_eq!(column("oil w/s gas"), Some(5));
        assert_eq!(column("ti*ok"), Some(3));
        assert_eq!(column("*tok"), Some(1));
        assert_eq!(column("\"oil\"~-1"), Some(6));
        assert_eq!(column("\"oil\"^2"), Some(6));
        assert_eq!(column("wom?n"), Some(4));
        assert_eq!(column("!oil"), Some(1));
        assert_eq!(column("title:tik*ok"), Some(10));
    }

    #[test]
    fn a_field_before_a_group_is_refused_saying_so() {
        let e = parse("oil title:(a OR b)").expect_err("an error");
        assert_eq!(e.column, 11);
        assert_eq!(
            e.message,
            "'title:' takes a word or a \"phrase\", not a (group): write title:a OR title:b"
        );
    }

    #[test]
    fn a_prefix_that_would_be_dropped_in_silence_is_refused_at_its_star() {
        let column = |q: &str| parse(q).err().map(|e| e.column);
        assert_eq!(column("bri*~1"), Some(4));
        assert_eq!(column("oil bridge*~"), Some(11));
        assert_eq!(column("\"the bri* over\""), Some(9));
        assert_eq!(column("\"central ban*\""), Some(13));
        // Censored words are quoted text.
        for q in [
            "\"what the f*** happened\"",
            "\"s**t\"",
            "\"d*mn it\"",
            "\"a 5* hotel\"",
        ] {
            assert!(parse(q).is_ok(), "{q}");
        }
    }

    #[test]
    fn what_looks_alike_but_is_ours_still_parses() {
        for q in [
            "algo*",
            "24/7",
            "tiktok?",
            "oil AND gas",
            "\"a b\"~3",
            "a NEAR b",
            "10:30",
        ] {
            assert!(parse(q).is_ok(), "{q}");
        }
    }

    #[test]
    fn and_or_near_need_a_term_on_both_sides() {
        for q in [
            "AND",
            "oil AND",
            "AND oil",
            "(oil AND)",
            "oil AND OR gas",
            "oil NEAR",
            "oil OR",
        ] {
            assert!(parse(q).is_err(), "{q}");
        }
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
