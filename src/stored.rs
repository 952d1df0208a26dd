//! Reading passages back from the index: the stored fields of a passage document, and the
//! passages of one article by ordinal (for context and for quotes that run over two passages).

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

/// Loads the stored fields of the passage at `address`, with its article's title and source,
/// which are stored with the article's first passage: the document `ordinal` places before it
/// (an article's passages are side by side, see `query::article`).
pub fn load(searcher: &Searcher, fields: &Fields, address: DocAddress) -> Result<StoredPassage> {
    let doc: TantivyDocument = searcher.doc(address)?;
    let mut passage = StoredPassage {
        path: string(&doc, fields.path).unwrap_or_default(),
        line: number(&doc, fields.line),
        ordinal: number(&doc, fields.ordinal),
        text: string(&doc, fields.text).unwrap_or_default(),
        title: string(&doc, fields.title),
        source: string(&doc, fields.source),
        date: string(&doc, fields.date),
    };
    let first_doc = u32::try_from(passage.ordinal)
        .ok()
        .and_then(|ordinal| address.doc_id.checked_sub(ordinal));
    if let Some(first_doc) = first_doc.filter(|_| passage.ordinal > 0) {
        let first: TantivyDocument =
            searcher.doc(DocAddress::new(address.segment_ord, first_doc))?;
        let same_article = number(&first, fields.ordinal) == 0
            && first.get_first(fields.path).and_then(|v| v.as_str()) == Some(&passage.path);
        if same_article {
            passage.title = string(&first, fields.title);
            passage.source = string(&first, fields.source);
        }
    }
    Ok(passage)
}

/// The first value of a text field of `doc`.
fn string(doc: &TantivyDocument, field: Field) -> Option<String> {
    doc.get_first(field)
        .and_then(|v| v.as_str())
        .map(str::to_string)
}

/// The first value of a number field of `doc`, or 0.
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
