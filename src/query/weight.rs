//! A tantivy weight for matchers that find a segment's matches as a whole bit set, every match
//! scoring the same.

use tantivy_common::BitSet;

/// What a query whose matches all score the same finds in one segment.
pub(super) trait SegmentMatches: Send + Sync + 'static {
    /// The documents of the segment of `reader` that match.
    fn matches(&self, reader: &tantivy::SegmentReader) -> tantivy::Result<BitSet>;
    /// What a match is, for explanations.
    fn what(&self) -> String;
}

/// The weight of a [`SegmentMatches`], every match scoring the same. Given a searcher, it finds
/// the matches of every segment beforehand on all cores: tantivy asks a weight for its
/// segments one after the other, and some matchers take milliseconds each.
pub(super) struct MatchesWeight<M> {
    matcher: M,
    pub(super) ready: std::collections::HashMap<tantivy::index::SegmentId, BitSet>,
}

impl<M: SegmentMatches> MatchesWeight<M> {
    /// The weight of `matcher`, its matches found beforehand when `searcher` has segments to
    /// match side by side.
    pub(super) fn new(matcher: M, searcher: Option<&tantivy::Searcher>) -> tantivy::Result<Self> {
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
pub(super) fn explain_constant(
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
