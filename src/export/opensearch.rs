//! OpenSearch (and Elasticsearch): the index mapping and bulk NDJSON, an action line naming the
//! passage's `_id` then the document, per passage. The index name is left to the bulk URL
//! (`POST /news/_bulk`), so one export loads into any index.

use super::document::Document;
use serde_json::{json, Value};

/// The file holding the mapping.
pub(crate) const MAPPING_FILE: &str = "mapping.json";

/// The body of the index-creation request (`PUT /news`): the passage fields, text analysed
/// with the built-in `english` analyzer (stemmed, English stop words) plus an `exact` subfield
/// (the `standard` analyzer: surface words, no stemming), and `keyword` subfields where a
/// whole value is matched, sorted or counted (title, source).
pub(crate) fn mapping() -> Value {
    let english_with_exact = |keyword: bool| {
        let mut fields = json!({ "exact": { "type": "text", "analyzer": "standard" } });
        if keyword {
            fields["keyword"] = json!({ "type": "keyword", "ignore_above": 512 });
        }
        json!({ "type": "text", "analyzer": "english", "fields": fields })
    };
    json!({
        "mappings": {
            "dynamic": "strict",
            "properties": {
                "id": { "type": "keyword" },
                "path": { "type": "keyword" },
                "line": { "type": "long" },
                "passage": { "type": "long" },
                "title": english_with_exact(true),
                "source": {
                    "type": "text",
                    "analyzer": "standard",
                    "fields": { "keyword": { "type": "keyword", "ignore_above": 512 } }
                },
                "date": { "type": "date", "format": "strict_date" },
                "url": { "type": "keyword" },
                "lang": { "type": "keyword" },
                "text": english_with_exact(false)
            }
        }
    })
}

/// The bulk lines of one passage: `{"index":{"_id":...}}` then the document.
pub(crate) fn record(doc: &Document, out: &mut Vec<u8>) -> serde_json::Result<()> {
    serde_json::to_writer(&mut *out, &json!({ "index": { "_id": doc.id } }))?;
    out.push(b'\n');
    crate::print::json_line(&mut *out, doc)?;
    out.push(b'\n');
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_mapping_gives_text_an_english_analyzer_and_an_exact_subfield_and_date_a_date() {
        let text = serde_json::to_string_pretty(&mapping()).expect("serialised");
        let parsed: Value = serde_json::from_str(&text).expect("parses");
        let properties = &parsed["mappings"]["properties"];
        assert_eq!(properties["text"]["analyzer"], "english");
        assert_eq!(
            properties["text"]["fields"]["exact"]["analyzer"],
            "standard"
        );
        assert_eq!(properties["title"]["fields"]["keyword"]["type"], "keyword");
        assert_eq!(properties["date"]["type"], "date");
        assert_eq!(properties["path"]["type"], "keyword");
        // Every field a document carries is mapped ("dynamic": "strict" rejects others).
        for field in [
            "id", "path", "line", "passage", "title", "source", "date", "url", "lang", "text",
        ] {
            assert!(properties.get(field).is_some(), "{field} is not mapped");
        }
    }
}
