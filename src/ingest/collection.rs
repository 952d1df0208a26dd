//! Collections: files that hold many articles (WARC web archives, JSON Lines and JSON arrays
//! from scrapers, CSV exports), each record read as one article with the metadata it carries.
//!
//! A record is cited as `path#N` (1-based, in file order, bad records counted too, so that a
//! number keeps pointing at the same record when records are appended). Reading a collection
//! never fails on one bad record: it is reported with its number and reason, and the rest is
//! read. A gzipped collection is read through its gzip members; a truncated one keeps what was
//! decoded before the cut.

use super::{ReadError, MAX_FILE_BYTES};
use crate::clean::Format;
use std::io::Read;
use std::path::Path;
use std::sync::OnceLock;

/// A collection file decompressed is read whole, up to this size: a scraper dump or a WARC of a
/// few thousand pages, not a whole crawl (split those first).
pub const MAX_COLLECTION_BYTES: u64 = 1024 * 1024 * 1024;

/// What kind of collection a file is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A WARC web archive: its response and resource records with a text payload.
    Warc,
    /// JSON Lines (`.jsonl`, `.ndjson`), or `.json`: an array of objects or one object a line.
    Json,
    /// CSV with a header row naming the fields.
    Csv,
}

/// The kind of collection `path` is, by its name (`.gz` looked through), if it is one.
pub fn kind_of(path: &Path) -> Option<Kind> {
    let name = path.file_name()?.to_str()?.to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    let ext = name.rsplit_once('.')?.1;
    match ext {
        "warc" => Some(Kind::Warc),
        "jsonl" | "ndjson" | "json" => Some(Kind::Json),
        "csv" => Some(Kind::Csv),
        _ => None,
    }
}

/// Whether `path` names a gzipped file.
pub fn is_gzipped(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| e.eq_ignore_ascii_case("gz"))
}

/// The index key of record `number` of the collection keyed `path`.
pub fn record_key(path: &str, number: u64) -> String {
    format!("{path}#{number}")
}

/// A key split into the file's path and the record number, when it names a record of a
/// collection (`news.jsonl#3`); a plain file's key (even one with a `#` in its name) is whole.
pub fn split_key(key: &str) -> (&str, Option<u64>) {
    if let Some((path, number)) = key.rsplit_once('#') {
        if kind_of(Path::new(path)).is_some() && !number.is_empty() {
            if let Ok(n) = number.parse::<u64>() {
                return (path, Some(n));
            }
        }
    }
    (key, None)
}

/// One record read as an article's raw material.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Record {
    /// 1-based number in the file.
    pub number: u64,
    /// The article text (HTML or plain; see `format`).
    pub text: String,
    /// How to clean the text.
    pub format: Format,
    /// Headline the record gives.
    pub title: Option<String>,
    /// Date the record gives, as written.
    pub date: Option<String>,
    /// Outlet the record gives.
    pub source: Option<String>,
    /// Address of the page.
    pub url: Option<String>,
    /// Language the record gives, as written.
    pub language: Option<String>,
    /// The record's own identifier, when it gives one (`id`, `stories_id`, ...).
    pub id: Option<String>,
}

/// A record that could not be read, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BadRecord {
    /// 1-based number in the file.
    pub number: u64,
    /// One line: why.
    pub reason: String,
}

/// What reading a collection gave: its articles and bad records in file order, and the number
/// of records seen (articles, bad records and records that are not articles, such as a WARC's
/// requests).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Records {
    /// Each record that is an article, or why it could not be read.
    pub records: Vec<Result<Record, BadRecord>>,
    /// Number of the last record seen (the first record read is `first` of [`read`]).
    pub last: u64,
    /// Records passed over as not articles: a WARC's requests, metadata, warcinfo and
    /// revisits, and responses that are not a page of text or not a success.
    pub not_articles: u64,
}

/// Where reading starts: at a byte offset of the file (its size when it was last indexed),
/// numbering records from `first_record` (to read only what was appended).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Start {
    /// Byte offset in the file as stored (compressed or not).
    pub offset: u64,
    /// Number of the first record read.
    pub first_record: u64,
}

impl Default for Start {
    fn default() -> Start {
        Start {
            offset: 0,
            first_record: 1,
        }
    }
}

/// Reads the records of the collection at `path` from `start` up to byte `end` (its size when
/// it was stamped: what was appended since is read by the next update; 0 reads to the end).
pub fn read(path: &Path, kind: Kind, start: Start, end: u64) -> Result<Records, ReadError> {
    let Decoded {
        bytes,
        cut,
        damaged,
    } = read_bytes(path, start.offset, end)?;
    let fields = fields_for(path);
    let mut records = match kind {
        Kind::Warc => super::warc::records(&bytes, start.first_record, &damaged),
        Kind::Json => super::jsonl::records(&bytes, start.first_record, &fields),
        Kind::Csv => super::csv::records(&bytes, start.first_record, &fields),
    };
    refuse_oversized_and_repeats(&mut records.records);
    for record in records.records.iter_mut().flatten() {
        record.text = super::repaired(std::mem::take(&mut record.text));
        for field in [&mut record.title, &mut record.source] {
            *field = field.take().map(super::repaired);
        }
    }
    if let Some(reason) = cut {
        // The record the cut ran through was read as far as it went: it is the one lost.
        match records.records.last_mut() {
            Some(Err(bad)) if bad.number == records.last => bad.reason = reason,
            _ => {
                records.last += 1;
                records.records.push(Err(BadRecord {
                    number: records.last,
                    reason,
                }));
            }
        }
    }
    Ok(records)
}

/// Makes bad records of those whose text is over [`MAX_FILE_BYTES`] (a file that size is not
/// read either: cleaning takes about 20 times a text's size in memory) and of the repeats of
/// an earlier record: the same identifier (its own, else its URL) and the same text, as a
/// scraper that wrote a page twice leaves. A record under an earlier one's identifier with
/// another text is another version of the page, and kept.
fn refuse_oversized_and_repeats(records: &mut [Result<Record, BadRecord>]) {
    use std::hash::{Hash, Hasher};
    let mut seen: rustc_hash::FxHashMap<(String, u64), u64> = Default::default();
    for item in records {
        let Ok(record) = item else {
            continue;
        };
        if record.text.len() as u64 > MAX_FILE_BYTES {
            *item = Err(BadRecord {
                number: record.number,
                reason: format!(
                    "its text is {} bytes, over the {MAX_FILE_BYTES}-byte limit of an article",
                    record.text.len()
                ),
            });
            continue;
        }
        let Some(id) = record.id.as_ref().or(record.url.as_ref()) else {
            continue;
        };
        let mut hasher = rustc_hash::FxHasher::default();
        record.text.hash(&mut hasher);
        let number = record.number;
        match seen.entry((id.clone(), hasher.finish())) {
            std::collections::hash_map::Entry::Occupied(first) => {
                *item = Err(BadRecord {
                    number,
                    reason: format!("a repeat of #{} (the same id {id:?} and text)", first.get()),
                });
            }
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(number);
            }
        }
    }
}

/// A collection's bytes, decompressed.
#[derive(Default)]
struct Decoded {
    bytes: Vec<u8>,
    /// Why decoding stopped early (a gzip stream cut short), keeping what came before.
    cut: Option<String>,
    /// Where in `bytes` a damaged gzip member was cut short, and why; reading went on at the
    /// next member.
    damaged: Vec<(usize, String)>,
}

/// The bytes of the file from `offset`, decompressed when gzipped.
fn read_bytes(path: &Path, offset: u64, end: u64) -> Result<Decoded, ReadError> {
    use std::io::Seek;
    let mut file = std::fs::File::open(path)?;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(ReadError::NotRegular("not a file"));
    }
    file.seek(std::io::SeekFrom::Start(offset))?;
    let stored = if end > offset { end - offset } else { u64::MAX };
    let limited = file.take(stored).take(MAX_COLLECTION_BYTES + 1);
    let mut decoded = Decoded::default();
    if is_gzipped(path) {
        let mut stored = Vec::new();
        let mut limited = limited;
        limited.read_to_end(&mut stored)?;
        gunzip_members(&stored, &mut decoded);
    } else {
        let mut limited = limited;
        limited.read_to_end(&mut decoded.bytes)?;
    }
    if decoded.bytes.len() as u64 > MAX_COLLECTION_BYTES {
        return Err(ReadError::TooLarge(decoded.bytes.len() as u64));
    }
    Ok(decoded)
}

/// Decompresses the gzip members of `stored` one after another into `decoded`, as far as
/// [`MAX_COLLECTION_BYTES`] and one byte more. A member that is damaged is decoded as far as it
/// goes and reading goes on at the next member's header (a WARC's records and many scrapers'
/// batches are members of their own): the record the damage ran through is cut short and
/// reported (a WARC record as damaged, a JSON line as one that does not parse), and the records
/// after it are read. A stream cut short at its end, with no member after, keeps what came
/// before the cut.
fn gunzip_members(mut stored: &[u8], decoded: &mut Decoded) {
    let out = &mut decoded.bytes;
    let mut chunk = vec![0u8; 64 * 1024];
    while !stored.is_empty() {
        let mut decoder = flate2::bufread::GzDecoder::new(stored);
        let damage = loop {
            match decoder.read(&mut chunk) {
                Ok(0) => break None,
                Ok(n) => out.extend_from_slice(&chunk[..n]),
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
                Err(e) => break Some(e.to_string()),
            }
            if out.len() as u64 > MAX_COLLECTION_BYTES {
                return;
            }
        };
        let Some(reason) = damage else {
            // The slice after this member's trailer.
            stored = decoder.into_inner();
            continue;
        };
        // The next member starts at the next gzip header (magic, deflate) after this one's.
        let next = memchr::memmem::find_iter(&stored[1..], b"\x1f\x8b\x08").find(|&at| {
            flate2::bufread::GzDecoder::new(&stored[1 + at..])
                .read(&mut [0u8; 1])
                .is_ok()
        });
        match next {
            Some(at) => {
                // The cut record ends here, and the next member's first one starts afresh.
                decoded.damaged.push((out.len(), reason));
                out.push(b'\n');
                stored = &stored[1 + at..];
            }
            None => {
                decoded.cut = Some(format!("gzip stream cut short or damaged ({reason})"));
                return;
            }
        }
    }
}

/// Whether the collection at `path` may be read from `old_size` on as records appended after
/// those indexed: it is not a JSON array or CSV (whose records depend on what comes first), it
/// grew, the bytes before the old end are those recorded (`tail`), and a gzipped one goes on
/// with a new gzip member (a plain one ended its last record with a line end when indexed: a
/// line still being written then is read again whole).
pub fn appended(path: &Path, old_size: u64, new_size: u64, tail: u64) -> bool {
    let Some(kind) = kind_of(path) else {
        return false;
    };
    let array = kind == Kind::Json && starts_with_bracket(path);
    if kind == Kind::Csv || array || new_size <= old_size || old_size == 0 {
        return false;
    }
    if tail_hash(path, old_size).ok() != Some(tail) {
        return false;
    }
    if is_gzipped(path) {
        bytes_at(path, old_size, 2).is_ok_and(|b| b == [0x1f, 0x8b])
    } else {
        bytes_at(path, old_size - 1, 1).is_ok_and(|b| b == b"\n")
    }
}

/// Whether a JSON file holds an array (its first non-blank byte is `[`).
fn starts_with_bracket(path: &Path) -> bool {
    if is_gzipped(path) {
        // A gzipped `.json` array is rare; read it whole to be sure.
        return true;
    }
    bytes_at(path, 0, 4096).is_ok_and(|b| {
        b.iter()
            .find(|c| !c.is_ascii_whitespace() && **c != 0xEF && **c != 0xBB && **c != 0xBF)
            == Some(&b'[')
    })
}

/// Up to `len` bytes of the file at `offset`.
fn bytes_at(path: &Path, offset: u64, len: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Seek;
    let mut file = std::fs::File::open(path)?;
    file.seek(std::io::SeekFrom::Start(offset))?;
    let mut out = Vec::new();
    file.take(len).read_to_end(&mut out)?;
    Ok(out)
}

/// Bytes before a file's end that its [`tail_hash`] covers: enough to tell an append from a
/// rewrite of the last records, without reading the whole file again.
const TAIL_BYTES: u64 = 4096;

/// A hash of the last [`TAIL_BYTES`] before `size` in the file, recorded when a collection is
/// indexed and compared when it has grown.
pub fn tail_hash(path: &Path, size: u64) -> std::io::Result<u64> {
    use std::hash::Hasher;
    let from = size.saturating_sub(TAIL_BYTES);
    let bytes = bytes_at(path, from, size - from)?;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(&bytes);
    hasher.write_u64(size);
    Ok(hasher.finish())
}

/// The names a record's fields go by, by meaning: the common ones of news-please, trafilatura,
/// Media Cloud and the like, after any the user mapped.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct FieldNames {
    pub text: Vec<String>,
    pub title: Vec<String>,
    pub date: Vec<String>,
    pub source: Vec<String>,
    pub url: Vec<String>,
    pub language: Vec<String>,
}

impl Default for FieldNames {
    fn default() -> FieldNames {
        let names = |list: &[&str]| list.iter().map(|s| s.to_string()).collect();
        FieldNames {
            text: names(&["text", "maintext", "body", "content", "article"]),
            title: names(&["title", "headline"]),
            date: names(&["date", "date_publish", "publish_date", "published"]),
            source: names(&["source", "source_domain", "sitename", "media_name"]),
            url: names(&["url", "link"]),
            language: names(&["language", "lang"]),
        }
    }
}

impl FieldNames {
    /// Maps `meaning` (text, title, date, source, url, language) to the field `name`, looked for
    /// before the common names. An unknown meaning is an error naming it.
    pub fn map(&mut self, meaning: &str, name: &str) -> Result<(), String> {
        let list = match meaning {
            "text" => &mut self.text,
            "title" => &mut self.title,
            "date" => &mut self.date,
            "source" => &mut self.source,
            "url" => &mut self.url,
            "language" | "lang" => &mut self.language,
            other => {
                return Err(format!(
                    "unknown field meaning {other:?} (text, title, date, source, url, language)"
                ))
            }
        };
        list.retain(|n| n != name);
        list.insert(0, name.to_string());
        Ok(())
    }

    /// The names with each `meaning=name` of `pairs` mapped.
    pub fn with(mut self, pairs: &[(String, String)]) -> Result<FieldNames, String> {
        for (meaning, name) in pairs {
            self.map(meaning, name)?;
        }
        Ok(self)
    }
}

/// The `--field` mappings given on the command line, for the whole run.
static COMMAND_LINE_FIELDS: OnceLock<Vec<(String, String)>> = OnceLock::new();

/// Sets the `--field MEANING=NAME` mappings of this run (the first call wins), after checking
/// each names a meaning; none given sets nothing, so that the index's own may be kept
/// ([`keep_command_line_fields`]).
pub fn set_command_line_fields(pairs: Vec<(String, String)>) -> Result<(), String> {
    FieldNames::default().with(&pairs)?;
    if !pairs.is_empty() {
        let _ = COMMAND_LINE_FIELDS.set(pairs);
    }
    Ok(())
}

/// Keeps `pairs`, the `--field` mappings an index was last updated with, when this run gave
/// none: `newsgrep index --field text=story_body` and then `newsgrep search` read the records
/// alike. Returns the mappings in force.
pub fn keep_command_line_fields(pairs: Vec<(String, String)>) -> Vec<(String, String)> {
    if FieldNames::default().with(&pairs).is_ok() {
        let _ = COMMAND_LINE_FIELDS.set(pairs);
    }
    COMMAND_LINE_FIELDS.get().cloned().unwrap_or_default()
}

/// A fingerprint of the field names the records of the collection at `path` are read with
/// ([`fields_for`]), never 0: a collection indexed with other names is read again.
pub fn fields_fingerprint(path: &Path) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = rustc_hash::FxHasher::default();
    fields_for(path).hash(&mut hasher);
    hasher.finish().max(1)
}

/// Parses `MEANING=NAME`, as `--field` takes it.
pub fn parse_field_pair(text: &str) -> Result<(String, String), String> {
    let (meaning, name) = text
        .split_once('=')
        .ok_or_else(|| format!("{text:?}: expected MEANING=NAME, e.g. text=story_body"))?;
    let pair = (meaning.trim().to_string(), name.trim().to_string());
    FieldNames::default().with(std::slice::from_ref(&pair))?;
    Ok(pair)
}

/// The field names for a collection at `path`: the common ones, then those of the nearest
/// `newsgrep.toml` above it (`[fields]`), then `--field` (which wins).
pub fn fields_for(path: &Path) -> FieldNames {
    let mut names = FieldNames::default();
    let folder = path.parent().unwrap_or(Path::new("."));
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    if let Ok(pairs) = crate::config::fields_from(folder) {
        if let Ok(mapped) = names.clone().with(&pairs) {
            names = mapped;
        }
    }
    if let Some(pairs) = COMMAND_LINE_FIELDS.get() {
        if let Ok(mapped) = names.clone().with(pairs) {
            names = mapped;
        }
    }
    names
}

/// Whether a record's text is HTML, to be cleaned as a page: it opens with a tag, or holds
/// paragraph or break tags.
pub fn looks_like_html(text: &str) -> bool {
    let head = text.trim_start();
    let lower: String = head
        .chars()
        .take(2048)
        .collect::<String>()
        .to_ascii_lowercase();
    lower.starts_with("<!doctype")
        || lower.starts_with("<html")
        || lower.contains("<p>")
        || lower.contains("<p ")
        || lower.contains("</p>")
        || lower.contains("<br")
        || lower.contains("</div>")
}

/// The format to clean a record's text as.
pub fn format_of_text(text: &str) -> Format {
    if looks_like_html(text) {
        Format::Html
    } else {
        Format::Text
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_key_splits_back_and_a_plain_name_with_a_hash_stays_whole() {
        assert_eq!(split_key("a/news.jsonl#3"), ("a/news.jsonl", Some(3)));
        assert_eq!(
            split_key("a/crawl.warc.gz#12"),
            ("a/crawl.warc.gz", Some(12))
        );
        assert_eq!(split_key("a/story#3.txt"), ("a/story#3.txt", None));
        assert_eq!(split_key("a/notes.txt#3"), ("a/notes.txt#3", None));
        assert_eq!(split_key("a/news.jsonl#"), ("a/news.jsonl#", None));
    }

    #[test]
    fn kinds_are_told_by_name_through_gz() {
        assert_eq!(kind_of(Path::new("x/a.warc.gz")), Some(Kind::Warc));
        assert_eq!(kind_of(Path::new("a.NDJSON")), Some(Kind::Json));
        assert_eq!(kind_of(Path::new("a.csv.gz")), Some(Kind::Csv));
        assert_eq!(kind_of(Path::new("a.txt.gz")), None);
        assert_eq!(kind_of(Path::new("a.txt")), None);
    }

    #[test]
    fn a_mapped_field_comes_first_and_an_unknown_meaning_is_refused() {
        let names = FieldNames::default()
            .with(&[("text".into(), "story_body".into())])
            .unwrap_or_default();
        assert_eq!(names.text[0], "story_body");
        assert!(parse_field_pair("txt=x").is_err());
        assert!(parse_field_pair("body").is_err());
    }
}
