//! The `path:` clause as a tantivy query: the passages of the articles whose path, or file name
//! alone, matches a glob.
//!
//! The paths are the terms of the `path` field, and only the dictionary is read: the glob's
//! regex, compiled to a DFA over bytes, runs along the dictionary's FST, so the bytes that paths
//! share are matched once and a path that does not match is never copied out nor its postings
//! looked up. A second run of the same DFA restarts after every `/`, for the file name. A glob
//! whose DFA would be too large (many `?` after a `*`) is matched path by path instead, as the
//! dictionary streams by.

use super::ast::QueryError;
use super::weight::{explain_constant, MatchesWeight, SegmentMatches};
use globset::GlobMatcher;
use regex_automata::dfa::{dense, Automaton as _, StartKind};
use regex_automata::util::primitives::StateID;
use regex_automata::util::{start, syntax};
use regex_automata::Anchored;
use std::sync::Arc;
use tantivy::query::{
    AutomatonWeight, BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::Field;
use tantivy::{DocId, Score, SegmentReader};
use tantivy_common::BitSet;

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
/// last `/`, as the DFA of this module sees it).
pub fn path_matches(matcher: &globset::GlobMatcher, path: &str) -> bool {
    matcher.is_match(path)
        || path
            .rsplit_once('/')
            .is_some_and(|(_, name)| matcher.is_match(name))
}

/// Largest DFA built for a glob: usual globs take a few kilobytes, and building one that would
/// grow past this (a `*` then many `?`) stops early, within a millisecond.
const DFA_SIZE_LIMIT: usize = 1 << 16;

/// The passages whose `path` term matches a glob, all with the same score.
#[derive(Clone, Debug)]
pub struct PathGlobQuery {
    field: Field,
    matcher: GlobMatcher,
    /// The glob as a DFA, when it is small enough.
    automaton: Option<Arc<GlobAutomaton>>,
}

impl PathGlobQuery {
    /// The passages of `field` (the path) that `matcher` accepts, as [`path_matches`] decides.
    pub fn new(field: Field, matcher: GlobMatcher) -> Self {
        let automaton = GlobAutomaton::new(matcher.glob().regex()).map(Arc::new);
        PathGlobQuery {
            field,
            matcher,
            automaton,
        }
    }
}

impl Query for PathGlobQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let weight: Box<dyn Weight> = match &self.automaton {
            Some(automaton) => Box::new(AutomatonWeight::<GlobAutomaton>::new(
                self.field,
                Arc::clone(automaton),
            )),
            None => Box::new(PathByPath {
                field: self.field,
                matcher: self.matcher.clone(),
            }),
        };
        // A glob that starts with a wildcard runs along the whole path dictionary of each
        // segment: then the segments are matched side by side.
        let costly = self.matcher.glob().glob().starts_with(['*', '?', '[', '{']);
        let searcher = scoring.searcher().filter(|_| costly);
        Ok(Box::new(MatchesWeight::new(GlobMatches(weight), searcher)?))
    }
}

/// The documents a glob's weight matches, gathered into a bitset.
struct GlobMatches(Box<dyn Weight>);

impl SegmentMatches for GlobMatches {
    fn matches(&self, reader: &SegmentReader) -> tantivy::Result<BitSet> {
        let mut docs = BitSet::with_max_value(reader.max_doc());
        self.0.for_each_no_score(reader, &mut |block| {
            for &doc in block {
                docs.insert(doc);
            }
        })?;
        Ok(docs)
    }

    fn what(&self) -> String {
        "an article whose path matches".into()
    }
}

/// A glob's regex as a DFA over the bytes of a path, anchored at both ends as globset anchors it.
#[derive(Debug)]
struct GlobAutomaton {
    dfa: dense::DFA<Vec<u32>>,
    start: StateID,
}

/// Where the DFA stands after some bytes of a path: on all of them, and on those after the last
/// `/` (the file name so far).
#[derive(Clone, Copy, Debug)]
struct PathState {
    whole: StateID,
    name: StateID,
}

impl GlobAutomaton {
    /// The DFA of `regex` (a glob's, with globset's syntax settings), unless it is too large.
    fn new(regex: &str) -> Option<Self> {
        let dfa = dense::Builder::new()
            .syntax(syntax::Config::new().utf8(false).dot_matches_new_line(true))
            .configure(
                dense::Config::new()
                    .start_kind(StartKind::Anchored)
                    .dfa_size_limit(Some(DFA_SIZE_LIMIT))
                    .determinize_size_limit(Some(DFA_SIZE_LIMIT)),
            )
            .build(regex)
            .ok()?;
        let start = dfa
            .start_state(&start::Config::new().anchored(Anchored::Yes))
            .ok()?;
        Some(GlobAutomaton { dfa, start })
    }

    /// Whether the bytes that led to `state` are a match when the path ends there.
    fn matches_at_end(&self, state: StateID) -> bool {
        self.dfa.is_match_state(self.dfa.next_eoi_state(state))
    }
}

impl tantivy_fst::Automaton for GlobAutomaton {
    type State = PathState;

    fn start(&self) -> PathState {
        PathState {
            whole: self.start,
            name: self.start,
        }
    }

    fn is_match(&self, state: &PathState) -> bool {
        self.matches_at_end(state.whole) || self.matches_at_end(state.name)
    }

    fn accept(&self, state: &PathState, byte: u8) -> PathState {
        PathState {
            whole: self.dfa.next_state(state.whole, byte),
            name: if byte == b'/' {
                self.start
            } else {
                self.dfa.next_state(state.name, byte)
            },
        }
    }
}

/// The passages of the paths that a glob matches, tested one path at a time as the path
/// dictionary streams by: for globs too large as a DFA.
struct PathByPath {
    field: Field,
    matcher: GlobMatcher,
}

impl Weight for PathByPath {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        let mut docs = BitSet::with_max_value(reader.max_doc());
        let inverted = reader.inverted_index(self.field)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            // Paths are indexed from Rust strings: a key that is not UTF-8 is no path.
            let Ok(path) = std::str::from_utf8(terms.key()) else {
                continue;
            };
            if !path_matches(&self.matcher, path) {
                continue;
            }
            super::surface::add_postings(&inverted, terms.value(), &mut docs)?;
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        explain_constant(self, reader, doc, "an article whose path matches")
    }
}

#[cfg(test)]
mod tests {
    use super::super::testing::matching_words;
    use super::*;
    use tantivy::query::Query as TQuery;
    use tantivy_fst::Automaton as _;

    /// Whether the DFA of `glob` accepts `path`, run byte by byte as the FST runs it.
    fn dfa_matches(glob: &str, path: &str) -> Option<bool> {
        let matcher = path_matcher(glob).ok()?;
        let automaton = GlobAutomaton::new(matcher.glob().regex())?;
        let state = path.bytes().fold(automaton.start(), |state, byte| {
            automaton.accept(&state, byte)
        });
        Some(automaton.is_match(&state))
    }

    #[test]
    fn the_dfa_matches_exactly_the_paths_the_glob_matches() {
        let globs = [
            "*1.txt",
            "*.txt",
            "harbour-?.txt",
            "corpus/2024/*",
            "*/2024/*",
            "2024/*",
            "[a-c]*",
            "[!h]*.md",
            "**/notes.md",
            "{notes,caf\u{e9}}.*",
            "*",
            "?",
            "*\u{e9}*",
            "corpus/**",
        ];
        let paths = [
            "corpus/2024/harbour-1.txt",
            "corpus/2024/harbour-21.txt",
            "corpus/2025/notes.md",
            "/abs/corpus/2024/b.md",
            "caf\u{e9}.txt",
            "corpus/caf\u{e9}/\u{e9}t\u{e9}.txt",
            "a",
            "x/y",
        ];
        for glob in globs {
            let matcher = path_matcher(glob).expect("valid glob");
            for path in paths {
                assert_eq!(
                    dfa_matches(glob, path),
                    Some(path_matches(&matcher, path)),
                    "{glob} on {path}"
                );
            }
        }
    }

    #[test]
    fn a_glob_too_large_for_a_dfa_is_matched_path_by_path() {
        let matcher = path_matcher("*a??????????????????????").expect("valid glob");
        assert!(GlobAutomaton::new(matcher.glob().regex()).is_none());
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
}
