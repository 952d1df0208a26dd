//! The tantivy index: schema, opening, the commit record and the write lock; bringing it up to
//! date (a full build or an incremental commit, in bounded rounds) is [`update`]'s.
//!
//! Layout of the index folder: `CURRENT` names the generation folder (`gen-<nanos>`) holding the
//! tantivy index; `write.lock` is held (with the writer's pid inside) by whoever writes. A full
//! build writes a new generation beside the current one and only then replaces `CURRENT` by an
//! atomic rename, so a killed build leaves the previous index as it was. Incremental updates go
//! through tantivy's own commit, which is atomic too. The [`Manifest`] (which file was indexed at
//! which size and mtime) is written to its own file `manifest-<nanos>.bin` in the generation
//! folder before each commit, and the commit payload names that file, so index and manifest
//! never disagree; opening an index parses a small `meta.json` and the manifest once.
//!
//! One document per passage; the article's title is also indexed as a passage of its own
//! (ordinal 0), so a title match is a citable hit.

use crate::analysis::{self, Mode, NewsTokenizer};
use crate::ingest;
use crate::manifest::{self, Manifest, QuickCheck};
use anyhow::{Context, Result};
use folder::current_generation;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::OnceLock;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::{Index, IndexReader, IndexSettings};

mod directory;
mod folder;
mod handle;
mod integrity;
mod merges;
pub(crate) mod project;
pub mod stories;
mod update;

pub use update::{site_lines, update, Progress, Scope, UpdateError, UpdateReport};

pub use handle::{AnswerError, Feedback, Handle, Quiet};

/// Bumped whenever the schema or the analysis changes, forcing a rebuild.
pub const SCHEMA_VERSION: u32 = 16;

/// The fields of a passage document.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Path of the article file, as given (raw string, indexed for updates and `path:`, and a
    /// fast column so that equal scores rank in path order: see `rank`).
    pub path: Field,
    /// Article title, stemmed, stored, and a column of the whole title; on the article's first
    /// passage only.
    pub title: Field,
    /// Source or outlet, surface words, stored, and a column of the whole source; on the
    /// article's first passage only.
    pub source: Field,
    /// ISO date, stored, indexed whole for the corpus's date range in `stats`, and a column
    /// for counts by period.
    pub date: Field,
    /// Date as a number `yyyymmdd`, for ranges.
    pub date_num: Field,
    /// Passage text, stored: its surface words with their positions (a stem's passages are
    /// those of its variants, found in the dictionary: see `query::variants`), and the marker
    /// of a stem after the variants a walk of the dictionary would not find: irregular ones,
    /// and any of a stem of three letters or fewer ([`analysis::marks_its_stem`]).
    pub text: Field,
    /// 1-based line in the original file.
    pub line: Field,
    /// Ordinal of the passage in its article.
    pub ordinal: Field,
    /// Where the passage's original lines start, stored as pairs of values: byte offset in
    /// the text, then 1-based line (see `passage::Passage::line_starts`).
    pub line_starts: Field,
    /// The whole article's stems with their frequencies, not stored, on its first passage
    /// only: what the article is about, scored beside each passage's own words (`query::article`).
    pub article: Field,
    /// The stems of the article's words where they are used as common words, not as part of a
    /// name (see [`analysis::common_use_words`]), with their frequencies, not stored, on its
    /// first passage only: what the article is about when the query's word is a common word
    /// (`steel`, not `Inland Steel`).
    pub common: Field,
    /// Address of the page (a collection's record says), stored on the first passage only.
    pub url: Field,
    /// ISO 639-1 code of the article's language, whole, on every passage: for `lang:`, and a
    /// column for counts (a language with its own stemmer marks words the index cannot).
    pub lang: Field,
    /// The story the article belongs to (its group of copies, see `stories`), on every
    /// passage: stored for hits, a fast column for counts, indexed to find a story's copies.
    pub story: Field,
    /// The MinHash signature of the article body (see `stories::signature`), a fast column
    /// on its first passage only, read back when an update files new articles under their
    /// stories.
    pub signature: Field,
}

fn text_options(tokenizer: &str) -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(tokenizer)
        .set_index_option(IndexRecordOption::WithFreqsAndPositions);
    TextOptions::default()
        .set_indexing_options(indexing)
        .set_stored()
}

/// A whole value as one term, stored: the path and the date, which select or list documents and
/// are never scored, so they keep no field norms.
fn key_options() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer("raw")
        .set_index_option(IndexRecordOption::Basic)
        .set_fieldnorms(false);
    TextOptions::default()
        .set_indexing_options(indexing)
        .set_stored()
}

/// The path: a key, and a fast column whose per-segment ordinals sort as the paths do.
fn path_options() -> TextOptions {
    key_options().set_fast(Some("raw"))
}

/// `options` with a fast column of the whole value beside: what counts read per article
/// (`views::tally`) without opening stored documents.
fn whole_column(options: TextOptions) -> TextOptions {
    options.set_fast(Some("raw"))
}

/// The article's words for scoring only: stems and their frequencies, no positions (phrases
/// are matched in the passages), not stored.
fn article_options() -> TextOptions {
    let indexing = TextFieldIndexing::default()
        .set_tokenizer(analysis::STEMMED)
        .set_index_option(IndexRecordOption::WithFreqs);
    TextOptions::default().set_indexing_options(indexing)
}

/// The schema of a passage document.
pub fn schema() -> (Schema, Fields) {
    let mut b = Schema::builder();
    let fields = Fields {
        path: b.add_text_field("path", path_options()),
        title: b.add_text_field("title", whole_column(text_options(analysis::STEMMED))),
        source: b.add_text_field("source", whole_column(text_options(analysis::EXACT))),
        date: b.add_text_field("date", whole_column(key_options())),
        date_num: b.add_u64_field(
            "date_num",
            NumericOptions::default().set_indexed().set_fast(),
        ),
        text: b.add_text_field("text", text_options(analysis::BODY)),
        line: b.add_u64_field("line", STORED),
        ordinal: b.add_u64_field("ordinal", STORED | FAST),
        line_starts: b.add_u64_field("line_starts", STORED),
        article: b.add_text_field("article", article_options()),
        common: b.add_text_field("common", article_options()),
        url: b.add_text_field("url", STORED),
        lang: b.add_text_field("lang", whole_column(key_options())),
        story: b.add_u64_field(
            "story",
            NumericOptions::default().set_indexed() | STORED | FAST,
        ),
        signature: b.add_u64_field("signature", FAST),
    };
    (b.build(), fields)
}

/// How the stored passages are compressed: zstd over 32 KB blocks takes the doc store to about
/// half of lz4's size (passages of one article share their path, title and much vocabulary),
/// and decompressing one block for a hit costs tens of microseconds. Level 1 rather than zstd's
/// default 3: 3% less indexing CPU for 2% more index on the Wikipedia benchmark.
fn store_settings() -> IndexSettings {
    IndexSettings {
        docstore_compression: tantivy::store::Compressor::Zstd(tantivy::store::ZstdCompressor {
            compression_level: Some(1),
        }),
        docstore_blocksize: 32 * 1024,
        ..IndexSettings::default()
    }
}

/// Registers newsgrep's analysis chains under the names the schema gives its fields.
pub(crate) fn register_tokenizers(index: &Index) {
    let tokenizers = index.tokenizers();
    tokenizers.register(analysis::STEMMED, NewsTokenizer::new(Mode::Stemmed));
    tokenizers.register(analysis::EXACT, NewsTokenizer::new(Mode::Exact));
    tokenizers.register(analysis::BODY, NewsTokenizer::body());
}

/// Why an index could not be opened.
#[derive(Debug, thiserror::Error)]
pub enum IndexError {
    /// The folder holds something that is not a newsgrep index.
    #[error("{0} is not a newsgrep index and not empty; newsgrep keeps its index in a folder of its own: give --index a new or empty folder")]
    Foreign(PathBuf),
    /// A link inside the index folder, which newsgrep will not follow.
    #[error("{0} is a link; newsgrep does not follow links inside its index folder: remove it")]
    Link(PathBuf),
    /// The folder or one of its files could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// What the OS said.
        source: std::io::Error,
    },
    /// There is no index where one was looked for.
    #[error("no index in {0}")]
    Missing(PathBuf),
    /// A corpus folder the index was built from is not there.
    #[error("the corpus {root} that the index in {index} was built from is not there; the index is left as it is (search it as it is with --no-update, or index another folder with `newsgrep index PATH`)")]
    CorpusGone {
        /// The corpus folder or file, as recorded.
        root: PathBuf,
        /// The index folder.
        index: PathBuf,
    },
    /// The index is damaged or from another version.
    #[error("the index in {path} cannot be read ({reason}); run `newsgrep index --rebuild`")]
    Damaged {
        /// Index folder.
        path: PathBuf,
        /// What went wrong.
        reason: String,
    },
    /// Another process holds the write lock.
    #[error("index is being written by pid {0}")]
    Busy(String),
}

impl IndexError {
    fn unreadable(path: &Path, e: std::io::Error) -> IndexError {
        IndexError::Io {
            path: path.to_path_buf(),
            source: e,
        }
    }

    /// The error of tantivy opening the index of `dir` from its folder `generation`: the OS
    /// refusing this user a file or folder is reported as it is, naming it, never as damage,
    /// which an update would rebuild over; anything else is damage.
    fn opening(dir: &Path, generation: &Path, e: &tantivy::TantivyError) -> IndexError {
        match os_error(e) {
            Some((io_error, path)) if io_error.kind() == std::io::ErrorKind::PermissionDenied => {
                // tantivy keeps the OS error behind an `Arc`: its kind and words are kept.
                let source = std::io::Error::new(io_error.kind(), io_error.to_string());
                let path = if path.as_os_str().is_empty() {
                    generation.to_path_buf()
                } else {
                    generation.join(path)
                };
                IndexError::unreadable(&path, source)
            }
            _ => IndexError::Damaged {
                path: dir.to_path_buf(),
                reason: one_line(&e.to_string()),
            },
        }
    }
}

/// The OS error under a tantivy error, with the file or folder it was met on where tantivy
/// names one (relative to the index's folder, or absolute), else an empty path.
pub(crate) fn os_error(e: &tantivy::TantivyError) -> Option<(&std::io::Error, &Path)> {
    use tantivy::directory::error::{OpenDirectoryError, OpenReadError};
    use tantivy::TantivyError as T;
    match e {
        T::OpenReadError(OpenReadError::IoError { io_error, filepath }) => {
            Some((io_error, filepath))
        }
        T::OpenDirectoryError(OpenDirectoryError::IoError {
            io_error,
            directory_path,
        }) => Some((io_error, directory_path)),
        T::IoError(io_error) => Some((io_error, Path::new(""))),
        _ => None,
    }
}

/// An open index, ready to search.
pub struct NewsIndex {
    /// The tantivy index.
    pub index: Index,
    /// Its fields.
    pub fields: Fields,
    /// What the last commit says of the corpus: its roots, its folder, its manifest.
    pub corpus: CorpusRecord,
    /// The manifest, once read.
    manifest: OnceLock<Manifest>,
    /// A reader on the last commit.
    pub reader: IndexReader,
}

/// Whether a commit payload is the file name of a manifest (and nothing that leaves the folder).
fn is_manifest_name(name: &str) -> bool {
    name.starts_with("manifest-") && name.ends_with(".bin") && !name.contains(['/', '\\'])
}

/// The first line of a library's error, cut short: tantivy's can quote whole files.
fn one_line(reason: &str) -> String {
    const MAX_CHARS: usize = 160;
    let line = reason.lines().next().unwrap_or_default();
    let line = line.split(" Content: ").next().unwrap_or(line);
    if line.chars().count() > MAX_CHARS {
        format!("{}…", line.chars().take(MAX_CHARS).collect::<String>())
    } else {
        line.to_string()
    }
}

/// What every commit records in its payload: small, so that opening the index reads no
/// per-file data; the manifest it names is read only when the corpus is checked for changes.
#[derive(Clone, Debug, Serialize, Deserialize)]
struct CommitInfo {
    /// [`SCHEMA_VERSION`] of the writer.
    version: u32,
    /// The corpus folders or files the index was built from.
    roots: Vec<PathBuf>,
    /// The folder `roots` are relative to, relative to the index folder (see `project`);
    /// absent in indexes written before it was recorded.
    #[serde(default)]
    base: Option<PathBuf>,
    /// Whether links below the roots are followed.
    #[serde(default)]
    follow: bool,
    /// File name of the [`Manifest`] in the generation folder.
    manifest: String,
}

impl CommitInfo {
    fn parse(payload: Option<&str>) -> Option<CommitInfo> {
        serde_json::from_str::<CommitInfo>(payload?)
            .ok()
            .filter(|info| is_manifest_name(&info.manifest))
    }
}

impl NewsIndex {
    /// Opens the index in `dir`; `None` when there is none yet. Reads `meta.json` and nothing
    /// per file or per document.
    pub fn open(dir: &Path) -> Result<Option<NewsIndex>, IndexError> {
        let Some(generation) = current_generation(dir)? else {
            return Ok(None);
        };
        let damaged = |reason: String| IndexError::Damaged {
            path: dir.to_path_buf(),
            reason: one_line(&reason),
        };
        let opening = |e: tantivy::TantivyError| IndexError::opening(dir, &generation, &e);
        let index = directory::GenerationDirectory::open(&generation)
            .and_then(Index::open)
            .map_err(opening)?;
        register_tokenizers(&index);
        let metas = index.load_metas().map_err(opening)?;
        let (expected, fields) = schema();
        let info = CommitInfo::parse(metas.payload.as_deref())
            .filter(|info| info.version == SCHEMA_VERSION && index.schema() == expected)
            .ok_or_else(|| {
                damaged(format!(
                    "written by another index format; this newsgrep reads format {SCHEMA_VERSION}"
                ))
            })?;
        integrity::check(&index, &generation, dir)?;
        let reader = index
            .reader_builder()
            .reload_policy(tantivy::ReloadPolicy::Manual)
            .try_into()
            .map_err(opening)?;
        Ok(Some(NewsIndex {
            index,
            fields,
            corpus: CorpusRecord::of(dir, &generation, info),
            manifest: OnceLock::new(),
            reader,
        }))
    }

    /// Which files the index holds, read on first use.
    pub fn manifest(&self) -> Result<&Manifest, IndexError> {
        if let Some(manifest) = self.manifest.get() {
            return Ok(manifest);
        }
        let damaged = |reason: String| IndexError::Damaged {
            path: self.corpus.manifest_path.clone(),
            reason: one_line(&reason),
        };
        // The OS refusing this user the file is said as it is, never as damage.
        let manifest = Manifest::read(&self.corpus.manifest_path).map_err(|e| match e {
            crate::manifest::ManifestError::Io(io)
                if io.kind() == std::io::ErrorKind::PermissionDenied =>
            {
                IndexError::unreadable(&self.corpus.manifest_path, io)
            }
            e => damaged(e.to_string()),
        })?;
        Ok(self.manifest.get_or_init(|| manifest))
    }

    /// What the last commit says of the corpus.
    pub fn corpus_record(&self) -> CorpusRecord {
        self.corpus.clone()
    }

    /// Whether the corpus on disk differs from what the index holds (see
    /// [`CorpusRecord::is_stale`]).
    pub fn is_stale(&self) -> bool {
        self.corpus_record().is_stale()
    }
}

/// What a commit says of the corpus: enough to check the corpus for changes, readable before
/// the index is opened so that the check can run while it opens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CorpusRecord {
    /// The corpus folders or files the index was built from.
    pub roots: Vec<PathBuf>,
    /// The folder `roots` are relative to, absolute; `None` for an index that predates it.
    pub project: Option<PathBuf>,
    /// Whether links below the roots are followed.
    pub follow: bool,
    /// The manifest the commit names.
    manifest_path: PathBuf,
}

impl CorpusRecord {
    /// Reads the record of the last commit in `dir` from `CURRENT` and the payload of
    /// `meta.json`; `None` when there is no index or it cannot be read (opening the index then
    /// says why).
    pub fn peek(dir: &Path) -> Option<CorpusRecord> {
        #[derive(Deserialize)]
        struct Meta {
            payload: Option<String>,
        }
        let generation = current_generation(dir).ok()??;
        let meta = fs::read(generation.join("meta.json")).ok()?;
        let meta: Meta = serde_json::from_slice(&meta).ok()?;
        let info = CommitInfo::parse(meta.payload.as_deref())?;
        (info.version == SCHEMA_VERSION).then(|| CorpusRecord::of(dir, &generation, info))
    }

    /// What the commit `info`, read from `generation` of the index in `dir`, says.
    fn of(dir: &Path, generation: &Path, info: CommitInfo) -> CorpusRecord {
        CorpusRecord {
            project: info
                .base
                .as_deref()
                .map(|b| project::project_folder(dir, b)),
            follow: info.follow,
            manifest_path: generation.join(&info.manifest),
            roots: info.roots,
        }
    }

    /// Whether the corpus on disk differs from the manifest (a stat of every file, no file
    /// read); an unreadable manifest counts as a difference.
    pub fn is_stale(&self) -> bool {
        let check = self.quick_check();
        !check.run() && self.differs(check.manifest())
    }

    /// Whether any of the files `cited` differs from the manifest (which the quick check of a
    /// large corpus does not stat).
    pub fn cites_stale(&self, cited: &[&str]) -> bool {
        !cited.is_empty() && manifest::stale_among(&self.manifest_bytes(), cited.iter().copied())
    }

    /// The quick check of the corpus against this record's manifest, not yet run.
    pub fn quick_check(&self) -> QuickCheck {
        QuickCheck::new(self.manifest_bytes(), self.roots.clone(), self.follow)
    }

    /// The manifest file, as stored (empty when it cannot be read: no check passes on it).
    fn manifest_bytes(&self) -> Vec<u8> {
        fs::read(&self.manifest_path).unwrap_or_default()
    }

    /// Whether the corpus on disk differs from the manifest file `bytes` this record names, by
    /// the full comparison (a walk of the corpus); what decides when the quick check of
    /// [`manifest::QuickCheck`] is in doubt.
    pub fn differs(&self, bytes: &[u8]) -> bool {
        let Ok(manifest) = Manifest::decode(bytes) else {
            return true;
        };
        !manifest::changes(&manifest, &ingest::discover(&self.roots, self.follow).files).is_empty()
    }
}

/// The exclusive right to write the index, released on drop.
pub struct WriteLock {
    _file: File,
}

impl WriteLock {
    /// Takes the write lock of the index in `dir`, or says who holds it.
    pub fn acquire(dir: &Path) -> Result<WriteLock> {
        fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
        let path = dir.join("write.lock");
        let mut file = OpenOptions::new()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("opening {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => {}
            Err(fs::TryLockError::WouldBlock) => {
                let mut pid = String::new();
                let _ = file.read_to_string(&mut pid);
                let pid = pid.trim();
                return Err(IndexError::Busy(if pid.is_empty() {
                    "?".into()
                } else {
                    pid.into()
                })
                .into());
            }
            Err(fs::TryLockError::Error(e)) => {
                return Err(e).with_context(|| format!("locking {}", path.display()))
            }
        }
        file.set_len(0)?;
        file.rewind()?;
        write!(file, "{}", std::process::id())?;
        file.flush()?;
        Ok(WriteLock { _file: file })
    }
}

/// A date as the number `yyyymmdd`, for range queries; `None` unless it has all eight digits.
pub fn date_number(date: &str) -> Option<u64> {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn library_errors_are_cut_to_one_short_line() {
        let long = format!(
            "Meta file cannot be deserialized. Content: {{\n{}\n}}",
            "x".repeat(500)
        );
        assert_eq!(one_line(&long), "Meta file cannot be deserialized.");
        let wide = "y".repeat(400);
        assert_eq!(one_line(&wide).chars().count(), 161);
    }

    #[test]
    fn tantivy_refused_a_file_names_it_and_other_failures_are_damage() {
        use tantivy::directory::error::{OpenDirectoryError, OpenReadError};
        use tantivy::TantivyError as T;
        let (dir, generation) = (Path::new("/i"), Path::new("/i/gen-1"));
        let denied = || std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let said = |e: T| IndexError::opening(dir, generation, &e).to_string();
        let meta = OpenReadError::wrap_io_error(denied(), "meta.json".into());
        assert_eq!(said(meta.into()), "/i/gen-1/meta.json: permission denied");
        let folder = OpenDirectoryError::wrap_io_error(denied(), generation.into());
        assert_eq!(said(folder.into()), "/i/gen-1: permission denied");
        assert_eq!(
            said(T::IoError(std::sync::Arc::new(denied()))),
            "/i/gen-1: permission denied"
        );
        let failed = std::io::Error::from(std::io::ErrorKind::UnexpectedEof);
        let short = OpenReadError::wrap_io_error(failed, "a.store".into());
        assert!(
            said(short.into()).ends_with("; run `newsgrep index --rebuild`"),
            "a file cut short is damage"
        );
    }

    #[test]
    fn the_corpus_record_is_read_without_opening_the_index() {
        let work = tempfile::tempdir().expect("a temporary folder");
        let (corpus, dir) = (work.path().join("corpus"), work.path().join("index"));
        assert_eq!(CorpusRecord::peek(&dir), None);
        fs::create_dir(&corpus).expect("a corpus folder");
        fs::write(
            corpus.join("a.txt"),
            "A Headline For The Test\n\nThe council met on Monday and voted on the plan.\n",
        )
        .expect("an article");
        update(
            &dir,
            std::slice::from_ref(&corpus),
            false,
            false,
            Scope::Corpus,
            &|_, _| {},
        )
        .expect("an index");
        let index = NewsIndex::open(&dir).expect("readable").expect("an index");
        let record = CorpusRecord::peek(&dir).expect("a record");
        assert_eq!(record, index.corpus_record());
        assert_eq!(record.roots, [corpus]);
        assert!(!record.is_stale());
    }

    #[test]
    fn a_first_build_records_each_file_as_a_walk_would_stat_it() {
        let work = tempfile::tempdir().expect("a temporary folder");
        let (corpus, dir) = (work.path().join("corpus"), work.path().join("index"));
        fs::create_dir_all(corpus.join("sub")).expect("corpus folders");
        let article =
            "A Headline For The Test\n\nThe council met on Monday and voted on the plan.\n";
        fs::write(corpus.join("a.txt"), article).expect("an article");
        fs::write(corpus.join("sub/b.txt"), article.repeat(3)).expect("an article");
        fs::write(corpus.join("empty.txt"), "").expect("an empty file");
        fs::write(corpus.join("binary.txt"), b"PK\0\0 not text").expect("a binary file");
        let roots = [corpus.clone()];
        // The walk of a first build does not stat the files...
        assert!(ingest::discover_unstatted(&roots, false)
            .files
            .iter()
            .all(|f| (f.size, f.mtime_ns) == (0, 0)));
        update(&dir, &roots, false, true, Scope::Corpus, &|_, _| {}).expect("an index");
        // ...yet the manifest has what a stat gives, skipped files included.
        let index = NewsIndex::open(&dir).expect("readable").expect("an index");
        let manifest = index.manifest().expect("a manifest");
        let walked = ingest::discover(&roots, false).files;
        assert_eq!(walked.len(), 4);
        for file in &walked {
            let entry = &manifest.files[&file.key()];
            assert_eq!(
                (entry.size, entry.mtime_ns),
                (file.size, file.mtime_ns),
                "{file:?}"
            );
        }
        assert!(!index.is_stale(), "the next search finds nothing changed");
    }
}
