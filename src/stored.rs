//! Reading passages back from the index: the stored fields of a passage document, and the
//! passages of one article by ordinal (for context and for quotes that run over two passages).

use crate::index::Fields;
use anyhow::Result;
use std::collections::HashMap;
use tantivy::collector::DocSetCollector;
use tantivy::query::TermQuery;
use tantivy::schema::{IndexRecordOption, Value};
use tantivy::{DocAddress, Searcher, TantivyDocument, Term};

/// A passage as stored in the index.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StoredPassage {
    /// Path of the article file.
    pub path: String,
    /// 1-based line in the original file.
    pub line: u64,
    /// Ordinal in the article.
    pub ordinal: u64,
    /// The passage text.
    pub text: String,
    /// Article title.
    pub title: Option<String>,
    /// Article source.
    pub source: Option<String>,
    /// Article date.
    pub date: Option<String>,
}

/// Loads the stored fields of the passage at `address`.
pub fn load(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<StoredPassage> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let str_of = |f| {
        doc.get_first(f)
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let u64_of = |f| doc.get_first(f).and_then(|v| v.as_u64()).unwrap_or(0);
    Ok(StoredPassage {
        path: str_of(fields.path).unwrap_or_default(),
        line: u64_of(fields.line),
        ordinal: u64_of(fields.ordinal),
        text: str_of(fields.text).unwrap_or_default(),
        title: str_of(fields.title),
        source: str_of(fields.source),
        date: str_of(fields.date),
    })
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
    for address in searcher.search(&query, &DocSetCollector)? {
        let column = searcher
            .segment_reader(address.segment_ord)
            .fast_fields()
            .u64("ordinal")?;
        if let Some(ordinal) = column.first(address.doc_id) {
            by_ordinal.insert(ordinal, address);
        }
    }
    Ok(by_ordinal)
}
