//! Every passage of the index written out for a distributed engine: OpenSearch (mapping and
//! bulk files), Quickwit (index config and documents) or plain JSON Lines. newsgrep's part is
//! what the engines lack, the cleaned passages and their citations; each document carries
//! `path` and `line`, so a hit on the engine is cited as `path:line` just as `search` cites it.
//!
//! Passages are read through [`crate::stored`], the code `search` loads its hits with, and
//! written in corpus order (path, then passage), so an unchanged corpus exports to the same
//! bytes. Each passage's id is stable across exports ([`document::passage_id`]), so loading a
//! new export over an old one replaces passages instead of duplicating them (OpenSearch).

pub mod document;

mod destination;
mod jsonl;
mod opensearch;
mod parts;
mod quickwit;

use crate::index::NewsIndex;
use crate::stored;
use anyhow::{Context, Result};
use document::Document;
use rayon::prelude::*;
use std::path::Path;

/// Most bytes in one document file: OpenSearch takes bulk requests up to 100 MB by default
/// (`http.max_content_length`), and half of that leaves room for a proxy's limit.
pub const PART_BYTES: u64 = 50_000_000;

/// Articles read on one core before their documents are written in order.
const ARTICLES_PER_TASK: usize = 64;

/// Where an export goes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Target {
    /// OpenSearch or Elasticsearch: `mapping.json` and bulk `passages-NNNNN.ndjson`.
    OpenSearch,
    /// Quickwit: `index-config.yaml` and `passages-NNNNN.ndjson`.
    Quickwit,
    /// JSON Lines: `passages-NNNNN.jsonl`.
    Jsonl,
}

impl Target {
    /// The target's name, as `--to` takes it.
    pub fn name(self) -> &'static str {
        match self {
            Target::OpenSearch => "opensearch",
            Target::Quickwit => "quickwit",
            Target::Jsonl => "jsonl",
        }
    }

    /// The extension of the document files.
    fn extension(self) -> &'static str {
        match self {
            Target::OpenSearch | Target::Quickwit => "ndjson",
            Target::Jsonl => "jsonl",
        }
    }

    /// The file describing the index to create, and its contents.
    fn settings_file(self) -> Result<Option<(&'static str, String)>> {
        Ok(match self {
            Target::OpenSearch => {
                let mut text = serde_json::to_string_pretty(&opensearch::mapping())?;
                text.push('\n');
                Some((opensearch::MAPPING_FILE, text))
            }
            Target::Quickwit => Some((quickwit::CONFIG_FILE, quickwit::INDEX_CONFIG.to_string())),
            Target::Jsonl => None,
        })
    }

    /// Whether an export to this target writes a file named `name` (besides its marker).
    fn writes(self, name: &str) -> bool {
        let settings = match self {
            Target::OpenSearch => Some(opensearch::MAPPING_FILE),
            Target::Quickwit => Some(quickwit::CONFIG_FILE),
            Target::Jsonl => None,
        };
        settings == Some(name) || parts::is_part_name(name, self.extension())
    }

    /// Appends the lines of `doc` to `out`.
    fn record(self, doc: &Document, out: &mut Vec<u8>) -> serde_json::Result<()> {
        match self {
            Target::OpenSearch => opensearch::record(doc, out),
            Target::Quickwit | Target::Jsonl => jsonl::record(doc, out),
        }
    }
}

/// How to export.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The target.
    pub target: Target,
    /// Most bytes in one document file ([`PART_BYTES`] but in tests).
    pub part_bytes: u64,
}

/// What an export wrote.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Summary {
    /// Passages written.
    pub passages: u64,
    /// The files written, in order (the marker file aside).
    pub files: Vec<String>,
}

/// Fails, changing nothing, unless `dir` can take an export to `target`: it is missing, empty,
/// or holds an earlier export to the same target and nothing else.
pub fn check_destination(dir: &Path, target: Target) -> Result<()> {
    destination::check(dir, target)
}

/// Writes every passage of `index` into `dir` for `options.target`, replacing an earlier
/// export to the same target there.
pub fn export(index: &NewsIndex, dir: &Path, options: Options) -> Result<Summary> {
    let target = options.target;
    destination::prepare(dir, target)?;
    let mut marker = destination::Marker {
        target: target.name().to_string(),
        complete: false,
        passages: 0,
        files: Vec::new(),
        version: env!("CARGO_PKG_VERSION").to_string(),
    };
    // The marker comes first: an export cut short is still recognised as one and replaced.
    destination::write_marker(dir, target, &marker)?;
    let mut files = Vec::new();
    if let Some((name, text)) = target.settings_file()? {
        let path = dir.join(name);
        std::io::Write::write_all(&mut destination::create_new(&path)?, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?;
        files.push(name.to_string());
    }
    let mut parts = parts::Parts::new(dir, target.extension(), options.part_bytes);
    let passages = write_passages(index, target, &mut parts)?;
    files.extend(parts.finish()?);
    marker.complete = true;
    marker.passages = passages;
    marker.files = files.clone();
    destination::write_marker(dir, target, &marker)?;
    Ok(Summary { passages, files })
}

/// Writes the record of every passage, in corpus order, and counts them. Articles are read on
/// every core a batch at a time; a batch's records are written in order before the next.
fn write_passages(index: &NewsIndex, target: Target, parts: &mut parts::Parts) -> Result<u64> {
    let searcher = index.reader.searcher();
    let fields = &index.fields;
    let paths = stored::paths(&searcher, fields)?;
    let batch = ARTICLES_PER_TASK * rayon::current_num_threads().max(1);
    let mut passages = 0;
    for group in paths.chunks(batch) {
        let records: Vec<Vec<Vec<u8>>> = group
            .par_chunks(ARTICLES_PER_TASK)
            .map(|articles| {
                let mut records = Vec::new();
                for path in articles {
                    article_records(&searcher, fields, path, target, &mut records)?;
                }
                Ok(records)
            })
            .collect::<Result<_>>()?;
        for record in records.iter().flatten() {
            parts.write(record)?;
            passages += 1;
        }
    }
    Ok(passages)
}

/// Appends the record of each passage of the article at `path`, in passage order.
fn article_records(
    searcher: &tantivy::Searcher,
    fields: &crate::index::Fields,
    path: &str,
    target: Target,
    records: &mut Vec<Vec<u8>>,
) -> Result<()> {
    let mut by_ordinal: Vec<_> = stored::article_passages(searcher, fields, path)?
        .into_iter()
        .collect();
    by_ordinal.sort_unstable_by_key(|&(ordinal, _)| ordinal);
    for (_, address) in by_ordinal {
        let doc = Document::new(stored::load(searcher, fields, address)?);
        let mut record = Vec::with_capacity(doc.text.len() + 256);
        target.record(&doc, &mut record)?;
        records.push(record);
    }
    Ok(())
}
