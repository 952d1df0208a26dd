//! Quickwit: an index config (YAML) and NDJSON documents, one passage a line. Quickwit is built
//! on tantivy, as newsgrep is; it has no document id of its own, so the passage id is a field.
//! Its documents are the JSON Lines of [`super::jsonl`].

/// The file holding the index config.
pub(crate) const CONFIG_FILE: &str = "index-config.yaml";

/// The index config: the passage fields, `text` and `title` stemmed (`en_stem`) with positions
/// for phrases, `path` whole (`raw`, fast) for citations and filters, and `date` the timestamp
/// field (datetime, fast), so that a date range prunes splits. Missing or null fields are
/// skipped by Quickwit, so undated passages load too.
pub(crate) const INDEX_CONFIG: &str = r#"# Quickwit index config written by `newsgrep export --to quickwit`.
version: 0.8

index_id: newsgrep-passages

doc_mapping:
  mode: strict
  field_mappings:
    - name: id
      type: text
      tokenizer: raw
    - name: path
      type: text
      tokenizer: raw
      fast: true
    - name: line
      type: u64
    - name: passage
      type: u64
      fast: true
    - name: title
      type: text
      tokenizer: en_stem
      record: position
      fieldnorms: true
    - name: source
      type: text
      tokenizer: default
      fast: true
    - name: date
      type: datetime
      input_formats:
        - "%Y-%m-%d"
      output_format: "%Y-%m-%d"
      fast: true
      fast_precision: seconds
    - name: url
      type: text
      tokenizer: raw
    - name: lang
      type: text
      tokenizer: raw
      fast: true
    - name: text
      type: text
      tokenizer: en_stem
      record: position
      fieldnorms: true
  timestamp_field: date

search_settings:
  default_search_fields: [title, text]

indexing_settings:
  commit_timeout_secs: 30
"#;

#[cfg(test)]
mod tests {
    use super::*;
    use serde_yaml::Value;

    fn field<'a>(config: &'a Value, name: &str) -> &'a Value {
        config["doc_mapping"]["field_mappings"]
            .as_sequence()
            .and_then(|fields| fields.iter().find(|f| f["name"] == name))
            .unwrap_or_else(|| panic!("{name} is not mapped"))
    }

    #[test]
    fn the_config_parses_with_a_fast_datetime_date_as_timestamp_and_stemmed_text_with_positions() {
        let config: Value = serde_yaml::from_str(INDEX_CONFIG).expect("YAML");
        assert_eq!(config["doc_mapping"]["timestamp_field"], "date");
        let date = field(&config, "date");
        assert_eq!(date["type"], "datetime");
        assert_eq!(date["fast"], true);
        assert_eq!(date["input_formats"][0], "%Y-%m-%d");
        let text = field(&config, "text");
        assert_eq!(text["tokenizer"], "en_stem");
        assert_eq!(text["record"], "position");
        assert_eq!(field(&config, "path")["tokenizer"], "raw");
        // Every field a document carries is mapped ("mode: strict" rejects others).
        for name in [
            "id", "path", "line", "passage", "title", "source", "date", "url", "lang", "text",
        ] {
            field(&config, name);
        }
    }
}
