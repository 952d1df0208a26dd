//! The `path:` clause as a tantivy query: the passages of the articles whose path, or file name
//! alone, matches a glob.
//!
//! The paths are the terms of the `path` field. Each segment's are streamed from its term
//! dictionary and matched as they come, and the passages of the matching ones are gathered in a
//! bit set: no list of every path is built, and no term set is compiled and looked up again.

use super::path_matches;
use globset::GlobMatcher;
use tantivy::query::{
    BitSetDocSet, ConstScorer, EnableScoring, Explanation, Query, Scorer, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, SegmentReader, TantivyError};
use tantivy_common::BitSet;

/// The passages whose `path` term matches a glob, all with the same score.
#[derive(Clone, Debug)]
pub struct PathGlobQuery {
    field: Field,
    matcher: GlobMatcher,
}

impl PathGlobQuery {
    /// The passages of `field` (the path) that `matcher` accepts, as [`path_matches`] decides.
    pub fn new(field: Field, matcher: GlobMatcher) -> Self {
        PathGlobQuery { field, matcher }
    }
}

impl Query for PathGlobQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.clone()))
    }
}

impl Weight for PathGlobQuery {
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
            let mut postings = inverted
                .read_block_postings_from_terminfo(terms.value(), IndexRecordOption::Basic)?;
            while !postings.docs().is_empty() {
                for &doc in postings.docs() {
                    docs.insert(doc);
                }
                postings.advance();
            }
        }
        Ok(Box::new(ConstScorer::new(BitSetDocSet::from(docs), boost)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        if self.scorer(reader, 1.0)?.seek(doc) == doc {
            Ok(Explanation::new("PathGlobQuery", 1.0))
        } else {
            Err(TantivyError::InvalidArgument(format!(
                "document {doc} is not in an article whose path matches"
            )))
        }
    }
}
