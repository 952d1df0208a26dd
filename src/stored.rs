//! Reading passages back from the index: the stored fields of a passage document, and the
//! passages of one article by ordinal (for context and for quotes that run over two passages).

use crate::hit::Citation;
use crate::index::Fields;
use anyhow::Result;
use std::collections::HashMap;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{Field, IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// A passage as stored in the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPassage {
    /// The article's key in the index: its path, with `#record` for a record of a collection.
    pub key: String,
    /// The article and the line where the passage starts (`path` and `record` split from
    /// `key`).
    pub citation: Citation,
    /// Ordinal in the article.
    pub ordinal: u64,
    /// The passage text.
    pub text: String,
    /// (byte offset in `text`, 1-based line) where each original line of the passage starts.
    pub line_starts: Vec<(u64, u64)>,
    /// The article's story (its group of copies, see `stories`).
    pub story: Option<u64>,
}

impl StoredPassage {
    /// The 1-based original line holding the byte `offset` of the passage text.
    pub fn line_at(&self, offset: usize) -> u64 {
        crate::passage::line_at(&self.line_starts, offset as u64).unwrap_or(self.citation.line)
    }
}

/// Loads the stored fields of the passage at `address`, with its article's title and source,
/// which are stored with the article's first passage: the document `ordinal` places before it
/// (an article's passages are side by side, see `query::article`).
pub fn load(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<StoredPassage> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let key = string(&doc, fields.path).unwrap_or_default();
    let (path, record) = crate::ingest::collection::split_key(&key);
    let citation = Citation {
        path: path.to_string(),
        record,
        line: number(&doc, fields.line),
        url: string(&doc, fields.url),
        lang: string(&doc, fields.lang),
        title: string(&doc, fields.title),
        source: string(&doc, fields.source),
        date: string(&doc, fields.date),
    };
    let mut passage = StoredPassage {
        key,
        citation,
        ordinal: number(&doc, fields.ordinal),
        text: string(&doc, fields.text).unwrap_or_default(),
        line_starts: line_starts(&doc, fields.line_starts),
        story: doc.get_first(fields.story).and_then(|v| v.as_u64()),
    };
    let first_doc = u32::try_from(passage.ordinal)
        .ok()
        .and_then(|ordinal| address.doc_id.checked_sub(ordinal));
    if let Some(first_doc) = first_doc.filter(|_| passage.ordinal > 0) {
        let first: TantivyDocument =
            searcher.doc(DocAddress::new(address.segment_ord, first_doc))?;
        let same_article = number(&first, fields.ordinal) == 0
            && first.get_first(fields.path).and_then(|v| v.as_str()) == Some(&passage.key);
        if same_article {
            passage.citation.title = string(&first, fields.title);
            passage.citation.source = string(&first, fields.source);
            passage.citation.url = string(&first, fields.url);
        }
    }
    Ok(passage)
}

/// Calls `visit` with the first passage of every live article in the index, which carries the
/// article's title, source and date: a pass over the whole index for figures per article.
pub fn for_each_article(
    searcher: &Searcher,
    fields: &Fields,
    mut visit: impl FnMut(StoredPassage),
) -> Result<()> {
    for (segment_ord, segment) in searcher.segment_readers().iter().enumerate() {
        let ordinals = segment.fast_fields().u64("ordinal")?;
        for doc_id in 0..segment.max_doc() {
            if segment.is_deleted(doc_id) || ordinals.first(doc_id) != Some(0) {
                continue;
            }
            visit(load(
                searcher,
                fields,
                DocAddress::new(segment_ord as u32, doc_id),
            )?);
        }
    }
    Ok(())
}

/// The first value of a text field of `doc`.
fn string(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The first value of a number field of `doc`, or 0.
/// The (offset, line) pairs of a passage's stored `line_starts`.
fn line_starts(doc: &TantivyDocument, field: Field) -> Vec<(u64, u64)> {
    let values: Vec<u64> = doc.get_all(field).filter_map(|v| v.as_u64()).collect();
    values.chunks_exact(2).map(|p| (p[0], p[1])).collect()
}

fn number(doc: &TantivyDocument, field: Field) -> u64 {
    doc.get_first(field).and_then(|v| v.as_u64()).unwrap_or(0)
}

/// The passages of one article by ordinal, as document addresses.
pub fn article_passages(
    searcher: &Searcher,
    fields: &Fields,
    path: &str,
) -> Result<HashMap<u64, DocAddress>> {
    let query = TermQuery::new(
        Term::from_field_text(fields.path, path),
        IndexRecordOption::Basic,
    );
    let mut by_ordinal = HashMap::new();
    // Opening a segment's column reads its directory of columns: once per segment, not per
    // passage (an article of 300 passages opened it 300 times, half of a quote's time).
    let mut columns = vec![None; searcher.segment_readers().len()];
    for address in searcher.search(&query, &DocSetCollector)? {
        let column = match columns.get_mut(address.segment_ord as usize) {
            Some(Some(column)) => column,
            Some(slot) => slot.insert(
                searcher
                    .segment_reader(address.segment_ord)
                    .fast_fields()
                    .u64("ordinal")?,
            ),
            None => continue,
        };
        if let Some(ordinal) = column.first(address.doc_id) {
            by_ordinal.insert(ordinal, address);
        }
    }
    Ok(by_ordinal)
}

/// Every article path in the index, sorted, each once: read from the path field's term
/// dictionaries, so no stored document is opened. A path whose passages were all deleted
/// may still be listed until its segment is merged; [`article_passages`] then finds none.
pub fn paths(searcher: &Searcher, fields: &Fields) -> Result<Vec<String>> {
    let mut paths = Vec::new();
    for segment in searcher.segment_readers() {
        let inverted = segment.inverted_index(fields.path)?;
        let mut terms = inverted.terms().stream()?;
        while terms.advance() {
            paths.push(String::from_utf8_lossy(terms.key()).into_owned());
        }
    }
    paths.sort_unstable();
    paths.dedup();
    Ok(paths)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index;

    #[test]
    fn an_articles_passages_are_found_by_ordinal_across_segments() {
        let (schema, fields) = index::schema();
        let tantivy_index = tantivy::Index::create_in_ram(schema);
        index::register_tokenizers(&tantivy_index);
        let mut writer: tantivy::IndexWriter = tantivy_index
            .writer_with_num_threads(1, 15_000_000)
            .expect("a writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        // Article a.txt has passages 0-1 in the first segment and 2-4 in the second, after a
        // passage of b.txt, so that its doc ids differ from segment to segment.
        let segments: [&[(&str, u64)]; 2] = [
            &[("a.txt", 0), ("a.txt", 1)],
            &[("b.txt", 0), ("a.txt", 2), ("a.txt", 3), ("a.txt", 4)],
        ];
        for segment in segments {
            for &(path, ordinal) in segment {
                let mut doc = TantivyDocument::default();
                doc.add_text(fields.path, path);
                doc.add_text(fields.text, format!("passage {ordinal} of {path}"));
                doc.add_u64(fields.ordinal, ordinal);
                writer.add_document(doc).expect("adding a passage");
            }
            writer.commit().expect("a commit");
        }
        let searcher = tantivy_index.reader().expect("a reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let by_ordinal = article_passages(&searcher, &fields, "a.txt").expect("the passages");
        let mut found: Vec<(u64, u64)> = by_ordinal
            .iter()
            .map(|(&ordinal, &address)| {
                let doc: TantivyDocument = searcher.doc(address).expect("a stored passage");
                (ordinal, number(&doc, fields.ordinal))
            })
            .collect();
        found.sort_unstable();
        assert_eq!(found, [(0, 0), (1, 1), (2, 2), (3, 3), (4, 4)]);
    }
}
