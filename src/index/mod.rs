//! The tantivy index: schema, writing, incremental updates and the atomic swap.
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
use crate::clean::{self, Article, SiteCounts, SiteLines};
use crate::ingest::{self, SourceFile};
use crate::manifest::{self, FileEntry, Manifest, QuickCheck};
use crate::passage::{self, Passage};
use anyhow::{Context, Result};
use folder::{current_generation, remove_stale_generations};
use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::{Deserialize, Serialize};
use std::fs::{self, File, OpenOptions};
use std::io::{Read, Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, OnceLock, PoisonError};
use std::time::{Duration, Instant};
use tantivy::indexer::UserOperation;
use tantivy::schema::{
    Field, IndexRecordOption, NumericOptions, Schema, TextFieldIndexing, TextOptions, FAST, STORED,
};
use tantivy::{Index, IndexReader, IndexSettings, IndexWriter, TantivyDocument, Term};

mod directory;
mod folder;
mod handle;
mod integrity;
pub(crate) mod project;

/// Bumped whenever the schema or the analysis changes, forcing a rebuild.
pub use handle::{AnswerError, Feedback, Handle, Quiet};

pub const SCHEMA_VERSION: u32 = 9;

/// Memory the tantivy writer may use for buffering, in total over its threads.
const WRITER_MEMORY: usize = 200 * 1024 * 1024;

/// Passage documents handed to the writer at once, whole articles each time: one hand-off (and
/// one wake-up of a writer thread) per document cost 6% of the indexing CPU, and an article's
/// passages given together land side by side in one segment.
const BATCH_DOCS: usize = 512;

/// How often progress is reported, in files.
const BATCH_FILES: usize = 256;

/// Input cleaned in one round before the writer indexes it, in bytes (see [`rounds`]): the
/// round's cleaned articles are held in memory meanwhile, a few times its size.
const ROUND_BYTES: u64 = 8 * 1024 * 1024;

/// The size a round counts for a file whose size is not known (see [`rounds`]).
const UNKNOWN_FILE_BYTES: u64 = 16 * 1024;

/// Passage documents handed to the writer and not yet indexed, at most (tens of MB): tantivy's
/// queue counts batches, not documents. A round's documents are fewer, nearly always; this
/// bounds the queue whatever the round holds.
const MAX_IN_FLIGHT_DOCS: usize = 20_000;

/// How long to wait for the writer to index documents before handing it more anyway: it only
/// stops taking them when it failed, and then the next hand-off reports the error.
const IN_FLIGHT_PATIENCE: Duration = Duration::from_secs(2);

/// The count of documents handed to the writer and not yet indexed, with a way to wait for it
/// to go down. The writer's threads only wake a waiting hand-off when the count falls to half
/// the bound or to nothing: a wake-up per document would cost a system call each.
#[derive(Default)]
struct InFlight {
    count: AtomicUsize,
    lock: Mutex<()>,
    fewer: Condvar,
}

impl InFlight {
    /// Waits until `n` more documents fit under [`MAX_IN_FLIGHT_DOCS`] (or the writer made no
    /// progress for [`IN_FLIGHT_PATIENCE`]), then counts them.
    fn reserve(&self, n: usize) {
        self.wait_while(|count| count > 0 && count + n > MAX_IN_FLIGHT_DOCS);
        self.count.fetch_add(n, Ordering::AcqRel);
    }

    /// Waits until the writer has indexed every document handed to it (or made no progress
    /// for [`IN_FLIGHT_PATIENCE`]: then it failed, and the next hand-off or the commit says so).
    fn wait_until_indexed(&self) {
        self.wait_while(|count| count > 0);
    }

    /// Waits while `busy` holds of the count, or until the writer made no progress for
    /// [`IN_FLIGHT_PATIENCE`].
    fn wait_while(&self, busy: impl Fn(usize) -> bool) {
        let mut guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
        while busy(self.count.load(Ordering::Acquire)) {
            let (next, wait) = self
                .fewer
                .wait_timeout(guard, IN_FLIGHT_PATIENCE)
                .unwrap_or_else(PoisonError::into_inner);
            guard = next;
            if wait.timed_out() {
                break;
            }
        }
    }

    /// One document fewer.
    fn release(&self) {
        let left = self.count.fetch_sub(1, Ordering::AcqRel).saturating_sub(1);
        if left == MAX_IN_FLIGHT_DOCS / 2 || left == 0 {
            // Taken so that a hand-off about to wait is waiting by now.
            let _guard = self.lock.lock().unwrap_or_else(PoisonError::into_inner);
            self.fewer.notify_all();
        }
    }
}

/// A passage document on its way through the writer, counted in flight until the writer has
/// indexed and dropped it.
struct Tracked {
    doc: TantivyDocument,
    flight: Arc<InFlight>,
}

impl Drop for Tracked {
    fn drop(&mut self) {
        self.flight.release();
    }
}

impl tantivy::Document for Tracked {
    type Value<'a> = <TantivyDocument as tantivy::Document>::Value<'a>;
    type FieldsValuesIter<'a> = <TantivyDocument as tantivy::Document>::FieldsValuesIter<'a>;

    fn iter_fields_and_values(&self) -> Self::FieldsValuesIter<'_> {
        self.doc.iter_fields_and_values()
    }
}

/// The fields of a passage document.
#[derive(Clone, Copy, Debug)]
pub struct Fields {
    /// Path of the article file, as given (raw string, indexed for updates and `path:`, and a
    /// fast column so that equal scores rank in path order: see `rank`).
    pub path: Field,
    /// Article title, stemmed, stored; on the article's first passage only.
    pub title: Field,
    /// Source or outlet, surface words, stored; on the article's first passage only.
    pub source: Field,
    /// ISO date, stored, and indexed whole for the corpus's date range in `stats`.
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
        title: b.add_text_field("title", text_options(analysis::STEMMED)),
        source: b.add_text_field("source", text_options(analysis::EXACT)),
        date: b.add_text_field("date", key_options()),
        date_num: b.add_u64_field(
            "date_num",
            NumericOptions::default().set_indexed().set_fast(),
        ),
        text: b.add_text_field("text", text_options(analysis::BODY)),
        line: b.add_u64_field("line", STORED),
        ordinal: b.add_u64_field("ordinal", STORED | FAST),
        line_starts: b.add_u64_field("line_starts", STORED),
        article: b.add_text_field("article", article_options()),
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

/// A new manifest file's name, for the commit payload: unique to the moment.
fn manifest_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("manifest-{nanos}.bin")
}

/// Writes `manifest` durably as file `name` of `generation`.
fn write_manifest(generation: &Path, name: &str, manifest: &Manifest) -> Result<()> {
    let path = generation.join(name);
    let mut file = File::create(&path).with_context(|| format!("writing {}", path.display()))?;
    file.write_all(&manifest.encode())
        .with_context(|| format!("writing {}", path.display()))?;
    file.sync_all()
        .with_context(|| format!("writing {}", path.display()))
}

/// Deletes manifest files of `generation` other than `keep`: the one just committed and the one
/// it replaced, which a search that opened the previous commit may still be about to read.
fn remove_old_manifests(generation: &Path, keep: &[&str]) {
    let Ok(entries) = fs::read_dir(generation) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if is_manifest_name(&name) && !keep.contains(&name.as_str()) {
            let _ = fs::remove_file(entry.path());
        }
    }
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
        let index = directory::GenerationDirectory::open(&generation)
            .and_then(Index::open)
            .map_err(|e| damaged(e.to_string()))?;
        register_tokenizers(&index);
        let metas = index.load_metas().map_err(|e| damaged(e.to_string()))?;
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
            .map_err(|e: tantivy::TantivyError| damaged(e.to_string()))?;
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
        let manifest =
            Manifest::read(&self.corpus.manifest_path).map_err(|e| damaged(e.to_string()))?;
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

/// What an update did.
#[derive(Clone, Debug, Default)]
pub struct UpdateReport {
    /// A new index was built from scratch.
    pub rebuilt: bool,
    /// Why an index that was there was built anew, unasked: it could not be read, its list of
    /// files could not be read, or it was built from other folders.
    pub rebuild_reason: Option<String>,
    /// Files newly indexed.
    pub added: usize,
    /// Files re-indexed because they changed.
    pub changed: usize,
    /// Files dropped from the index because they are gone.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files that could not be indexed, with why.
    pub skipped: Vec<ingest::Skip>,
    /// Passages written in this run.
    pub passages: u64,
    /// Passages in the index after the run.
    pub total_passages: u64,
    /// Wall time.
    pub elapsed: Duration,
}

/// What cleaning one file gave.
enum Prepared {
    Documents(Vec<TantivyDocument>),
    /// Why, and whether the reason can pass without the file changing (see `FileEntry`).
    Skipped(String, bool),
}

/// Counts, over `files` (a whole corpus), the lines each site repeats on many pages: the files
/// of each site, or of a large one its sample ([`clean::site::sampled`]), read and their lines
/// hashed, in parallel. Files that cannot be read are left out here; cleaning reports them.
pub fn site_lines(files: &[SourceFile]) -> SiteLines {
    site_lines_keeping(files, &[], 0).0
}

/// Text the site pass may keep for cleaning, in bytes: with this much, a corpus of a few hundred
/// MB is read once instead of twice (opening and reading a file is a tenth of the indexing CPU on
/// a corpus of small files), and a larger one keeps what fits and reads the rest again.
const KEPT_TEXT_BYTES: usize = 256 * 1024 * 1024;

/// What the site pass read of one file to clean: its text, when kept for the cleaning (see
/// [`KEPT_TEXT_BYTES`]), and its size and mtime as it was opened, when it could be read.
#[derive(Debug, Default)]
struct Kept {
    text: Option<String>,
    stamp: Option<ingest::Stamp>,
}

/// [`Kept`] of each file to clean: the `i`-th is that of the `i`-th file to clean.
type KeptTexts = Vec<Kept>;

/// [`site_lines`], also reading the files of `to_clean` (some of `files`) and keeping their
/// text, `room` bytes of it at most, and the size and mtime each had when read. A file neither
/// counted nor to clean is not read.
fn site_lines_keeping(
    files: &[SourceFile],
    to_clean: &[&SourceFile],
    room: usize,
) -> (SiteLines, KeptTexts) {
    let wanted: FxHashMap<&Path, usize> = to_clean
        .iter()
        .enumerate()
        .map(|(i, f)| (f.path.as_path(), i))
        .collect();
    // Only the sites of the files to clean (all of them when none is named): a site's chrome
    // is counted over its own files alone, so an update of one file reads one site's sample,
    // not every site's.
    let cleaned_sites: rustc_hash::FxHashSet<String> =
        to_clean.iter().map(|f| ingest::site_of(&f.path)).collect();
    let (files, sites): (Vec<&SourceFile>, Vec<String>) = files
        .par_iter()
        .map(|f| (f, ingest::site_of(&f.path)))
        .filter(|(_, site)| to_clean.is_empty() || cleaned_sites.contains(site))
        .unzip();
    let counted = clean::site::sampled(files.iter().zip(&sites).map(|(file, site)| {
        let name = file.path.file_name().unwrap_or_default();
        (site.as_str(), name.as_encoded_bytes())
    }));
    let room = AtomicUsize::new(room);
    // A few pieces per thread, not rayon's dozens: each piece gathers its own lines and kept
    // texts (measured on Reuters: 16 pieces per thread took 8% longer than 4).
    let pieces = 4 * rayon::current_num_threads();
    let (counts, kept) = files
        .par_iter()
        .zip(&sites)
        .zip(&counted)
        .with_min_len(files.len().div_ceil(pieces).max(1))
        .fold(
            || (SiteCounts::default(), Vec::new()),
            |(mut counts, mut kept), ((file, site), &counted)| {
                let to_clean = wanted.get(file.path.as_path()).copied();
                if !counted && to_clean.is_none() {
                    return (counts, kept);
                }
                let read = match to_clean {
                    Some(_) => ingest::read_stamped(file).map(|(text, stamp)| (text, Some(stamp))),
                    None => ingest::read(file).map(|text| (text, None)),
                };
                if let Ok((content, stamp)) = read {
                    if counted {
                        counts.add_file(site, &clean::site::file_lines(&content, file.format));
                    }
                    let fits = |left: usize| left.checked_sub(content.len());
                    if let Some(i) = to_clean {
                        let text = room
                            .fetch_update(Ordering::Relaxed, Ordering::Relaxed, fits)
                            .is_ok()
                            .then_some(content);
                        kept.push((i, Kept { text, stamp }));
                    }
                }
                (counts, kept)
            },
        )
        .reduce(
            || (SiteCounts::default(), Vec::new()),
            |(a, mut kept_a), (b, kept_b)| {
                kept_a.extend(kept_b);
                (a.merge(b), kept_a)
            },
        );
    let mut texts: KeptTexts = std::iter::repeat_with(Kept::default)
        .take(to_clean.len())
        .collect();
    for (i, text) in kept {
        texts[i] = text;
    }
    (counts.chrome(), texts)
}

/// `file` with the size and mtime the site pass read, `stamp`, when the walk did not stat it
/// (both 0); one it could not read is looked up by its path, as the walk would have.
fn stamped(file: &SourceFile, stamp: Option<ingest::Stamp>) -> SourceFile {
    let mut file = file.clone();
    if file.size == 0 && file.mtime_ns == 0 {
        let stamp = stamp.or_else(|| fs::metadata(&file.path).ok().map(|m| ingest::Stamp::of(&m)));
        if let Some(stamp) = stamp {
            file.size = stamp.size;
            file.mtime_ns = stamp.mtime_ns;
        }
    }
    file
}

/// `jobs` cut into rounds of consecutive jobs of about [`ROUND_BYTES`] of input each, by the
/// `size` of each job's file (the last round may be smaller; a file larger than a round is a
/// round of its own).
fn rounds<T>(jobs: &mut [(usize, T)], size: impl Fn(usize) -> u64) -> Vec<&mut [(usize, T)]> {
    let mut out = Vec::new();
    let mut rest = jobs;
    while !rest.is_empty() {
        let mut bytes = 0;
        let end = rest
            .iter()
            .position(|(i, _)| {
                bytes += size(*i);
                bytes >= ROUND_BYTES
            })
            .map_or(rest.len(), |last| last + 1);
        let (round, after) = std::mem::take(&mut rest).split_at_mut(end);
        out.push(round);
        rest = after;
    }
    out
}

/// Cleans one file, from the text the site pass kept when there is one, into the documents of
/// its passages, under the file's `key`.
fn prepare(
    file: &SourceFile,
    key: &str,
    kept: Option<String>,
    sites: &SiteLines,
    fields: &Fields,
) -> Prepared {
    let content = match kept.map_or_else(|| ingest::read(file), Ok) {
        Ok(c) => c,
        Err(e) => {
            let retry = matches!(e, ingest::ReadError::Io(_));
            return Prepared::Skipped(e.to_string(), retry);
        }
    };
    if content.trim().is_empty() {
        return Prepared::Skipped("empty file".into(), false);
    }
    let chrome = sites.get(&ingest::site_of(&file.path));
    let article = clean::clean_with(&content, file.format, chrome);
    if !passage::has_sentence(&article) {
        return Prepared::Skipped(
            "no sentence found (only page chrome or headings)".into(),
            false,
        );
    }
    let passages = passage::split(&article);
    if passages.is_empty() {
        return Prepared::Skipped("no article text found (only page chrome)".into(), false);
    }
    Prepared::Documents(documents(fields, key, &article, &passages))
}

/// A date as the number `yyyymmdd`, for range queries; `None` unless it has all eight digits.
pub fn date_number(date: &str) -> Option<u64> {
    let digits: String = date.chars().filter(char::is_ascii_digit).collect();
    (digits.len() == 8).then(|| digits.parse().ok()).flatten()
}

/// The passage documents of one article.
fn documents(
    f: &Fields,
    path: &str,
    article: &Article,
    passages: &[Passage],
) -> Vec<TantivyDocument> {
    let date_num = article.date.as_deref().and_then(date_number);
    let header = path.len()
        + article.title.as_ref().map_or(0, String::len)
        + article.source.as_ref().map_or(0, String::len)
        + article.date.as_ref().map_or(0, String::len);
    let article_len: usize = passages.iter().map(|p| p.text.len() + 8).sum();
    let mut docs = Vec::with_capacity(passages.len());
    for p in passages {
        // The document serialises every value into one buffer: size it once (the passage text
        // plus a few bytes of framing per value).
        let whole = if p.ordinal == 0 { article_len } else { 0 };
        let mut doc = TantivyDocument::with_capacity(header + whole + p.text.len() + 128);
        doc.add_text(f.path, path);
        // The article's fields go with its first passage only (see `query::article`).
        if p.ordinal == 0 {
            for q in passages {
                doc.add_text(f.article, &q.text);
            }
            if let Some(title) = &article.title {
                doc.add_text(f.title, title);
            }
            if let Some(source) = &article.source {
                doc.add_text(f.source, source);
            }
        }
        if let Some(date) = &article.date {
            doc.add_text(f.date, date);
        }
        if let Some(n) = date_num {
            doc.add_u64(f.date_num, n);
        }
        doc.add_text(f.text, &p.text);
        doc.add_u64(f.line, p.line as u64);
        doc.add_u64(f.ordinal, p.ordinal as u64);
        for &(offset, line) in &p.line_starts {
            doc.add_u64(f.line_starts, offset as u64);
            doc.add_u64(f.line_starts, line as u64);
        }
        docs.push(doc);
    }
    docs
}

/// Hands the documents of `ops` to the writer as one batch, once there is room in flight.
fn hand_over(
    writer: &IndexWriter<Tracked>,
    ops: &mut Vec<TantivyDocument>,
    flight: &Arc<InFlight>,
) -> Result<()> {
    flight.reserve(ops.len());
    writer.run(ops.drain(..).map(|doc| {
        UserOperation::Add(Tracked {
            doc,
            flight: Arc::clone(flight),
        })
    }))?;
    Ok(())
}

/// Progress callback: files done so far out of the total to (re)index.
pub type Progress<'a> = &'a (dyn Fn(u64, u64) + Sync);

/// Which files an update compares with the corpus on disk.
#[derive(Clone, Copy, Debug)]
pub enum Scope<'a> {
    /// Every file under the roots, found by a walk.
    Corpus,
    /// Only these files (path keys), where the folders are known to hold the same files as
    /// the index says: no walk, and every other file taken as the index has it. What a search
    /// uses when the files it was about to cite changed.
    Files(&'a [&'a str]),
}

/// The files of `manifest` as the corpus, with those keyed `keys` as they are on disk now
/// (left out when they are gone).
fn listed_files(manifest: &Manifest, keys: &[&str]) -> Vec<SourceFile> {
    let keys: std::collections::HashSet<&str> = keys.iter().copied().collect();
    manifest
        .files
        .iter()
        .filter_map(|(key, entry)| {
            let path = PathBuf::from(key);
            let format = ingest::format_of(&path)?;
            let (size, mtime_ns) = if keys.contains(key.as_str()) {
                let meta = fs::symlink_metadata(&path).ok()?;
                (meta.len(), ingest::mtime_ns(&meta))
            } else {
                (entry.size, entry.mtime_ns)
            };
            Some(SourceFile {
                path,
                format,
                size,
                mtime_ns,
            })
        })
        .collect()
}

/// Brings the index in `dir` up to date with the files under `roots`: a full build into a new
/// generation when there is no usable index (or `rebuild`), else an incremental commit. When
/// there are files to clean, the lines each site repeats are first counted over the whole
/// corpus ([`site_lines`]), so that a file is cleaned the same in an update as in a full build.
pub fn update(
    dir: &Path,
    roots: &[PathBuf],
    follow: bool,
    rebuild: bool,
    scope: Scope,
    progress: Progress,
) -> Result<UpdateReport> {
    let started = Instant::now();
    folder::ownership(dir)?;
    folder::claim(dir)?;
    let _lock = WriteLock::acquire(dir)?;
    let mut rebuild_reason = None;
    let existing = if rebuild {
        None
    } else {
        match NewsIndex::open(dir) {
            Ok(index) => index,
            Err(IndexError::Damaged { reason, .. }) => {
                rebuild_reason = Some(format!("the old one cannot be read: {reason}"));
                None
            }
            Err(e) => return Err(e.into()),
        }
    };
    remove_stale_generations(dir);
    let here = std::env::current_dir().map(|d| project::resolved(&d)).ok();
    if let Some(open) = &existing {
        rebuild_reason = if open.corpus.project.is_some() && open.corpus.project != here {
            let old = open.corpus.project.as_deref().unwrap_or(Path::new("?"));
            Some(format!("the old one was built in {}", old.display()))
        } else if open.corpus.roots != roots {
            let old: Vec<String> = open
                .corpus
                .roots
                .iter()
                .map(|r| r.display().to_string())
                .collect();
            Some(format!("the old one was built from {}", old.join(", ")))
        } else {
            match open.manifest() {
                Err(IndexError::Damaged { reason, .. }) => Some(format!(
                    "the old one's list of indexed files cannot be read: {reason}"
                )),
                _ => None,
            }
        };
    }
    let walk_started = std::time::SystemTime::now();
    let kept_manifest = existing
        .as_ref()
        .filter(|_| rebuild_reason.is_none())
        .and_then(|open| open.manifest().ok());
    let (files, walk_skips, folders) = match (scope, kept_manifest) {
        (Scope::Files(keys), Some(manifest)) => (listed_files(manifest, keys), Vec::new(), None),
        _ => {
            // Building anew, every file is read: the site pass takes its size and mtime from
            // the open file, and the walk need not `stat` it (half the walk on a corpus of
            // small files).
            let walk = if existing.is_none() {
                ingest::discover_unstatted
            } else {
                ingest::discover
            };
            let found = walk(roots, follow);
            (found.files, found.skips, Some(found.folders))
        }
    };
    let (index, generation, mut manifest, folder, previous) = match existing {
        // An index whose manifest cannot be read is rebuilt, like a damaged one.
        Some(open)
            if rebuild_reason.is_none()
                && open.corpus.roots == roots
                && open.manifest().is_ok() =>
        {
            let folder = current_generation(dir)?.unwrap_or_else(|| dir.to_path_buf());
            let previous = CommitInfo::parse(open.index.load_metas()?.payload.as_deref());
            let manifest = open.manifest()?.clone();
            (open.index, None, manifest, folder, previous)
        }
        _ => {
            let name = format!(
                "gen-{}",
                std::time::SystemTime::now()
                    .duration_since(std::time::UNIX_EPOCH)
                    .map_or(0, |d| d.as_nanos())
            );
            let path = dir.join(&name);
            fs::create_dir_all(&path).with_context(|| format!("creating {}", path.display()))?;
            let index = Index::builder()
                .schema(schema().0)
                .settings(store_settings())
                .create_in_dir(&path)
                .with_context(|| format!("creating an index in {}", path.display()))?;
            register_tokenizers(&index);
            (index, Some(name), Manifest::default(), path, None)
        }
    };
    let fields = schema().1;
    let todo = manifest::changes(&manifest, &files);
    // A walk vouches for the folders anew; an update of listed files keeps what the last walk
    // recorded.
    if let Some(folders) = &folders {
        manifest.folders = manifest::folder_stamps(folders, walk_started, walk_skips.is_empty());
    }
    let mut report = UpdateReport {
        rebuilt: generation.is_some(),
        rebuild_reason,
        added: todo.added.len(),
        changed: todo.changed.len(),
        removed: todo.removed.len(),
        unchanged: files.len() - todo.added.len() - todo.changed.len(),
        skipped: walk_skips,
        ..UpdateReport::default()
    };
    if !todo.is_empty() || generation.is_some() {
        let threads = std::thread::available_parallelism()
            .map_or(2, |n| n.get())
            .min(4);
        let mut writer: IndexWriter<Tracked> =
            index.writer_with_num_threads(threads, WRITER_MEMORY)?;
        // A run killed mid-commit can leave files the last commit does not name (a deletion's
        // `.del` file, say) that this run would then try to create again and fail on: tantivy
        // deletes the files it made and no commit uses.
        writer
            .garbage_collect_files()
            .wait()
            .context("clearing what an interrupted run left")?;
        if let Some(previous) = &previous {
            remove_old_manifests(&folder, &[previous.manifest.as_str()]);
        }
        for path in todo
            .changed
            .iter()
            .map(SourceFile::key)
            .chain(todo.removed.iter().cloned())
        {
            writer.delete_term(Term::from_field_text(fields.path, &path));
            manifest.files.remove(&path);
        }
        let work: Vec<&SourceFile> = todo.added.iter().chain(&todo.changed).collect();
        let total = work.len() as u64;
        // Site chrome is counted over the whole corpus, not only the files to clean, so that
        // an updated file is cleaned as a full build would clean it.
        let (sites, kept) = if work.is_empty() {
            (SiteLines::default(), KeptTexts::new())
        } else {
            site_lines_keeping(&files, &work, KEPT_TEXT_BYTES)
        };
        let sites = &sites;
        // The files the walk did not stat take the size and mtime the site pass read.
        let work: Vec<SourceFile> = work
            .iter()
            .zip(&kept)
            .map(|(file, kept)| stamped(file, kept.stamp))
            .collect();
        // Cleaning and indexing take turns, a round of about [`ROUND_BYTES`] of input at a time:
        // the rayon pool cleans the round on every core, then this thread hands its documents to
        // the writer, whose threads index them on every core. Run side by side, cleaning and
        // indexing threads shared the cores and evicted each other's data from the caches.
        let mut jobs: Vec<(usize, Option<String>)> =
            kept.into_iter().map(|k| k.text).enumerate().collect();
        let mut skipped = Vec::new();
        let mut done = 0u64;
        let mut ops = Vec::new();
        let flight = Arc::new(InFlight::default());
        // A file of unknown size (named on the command line: 0) counts as a small page, so
        // that a long list of them is still cut into rounds.
        let size = |i: usize| match work[i].size {
            0 => UNKNOWN_FILE_BYTES,
            known => known,
        };
        for round in rounds(&mut jobs, size) {
            let cleaned: Vec<(usize, String, Prepared)> = round
                .par_iter_mut()
                .map(|(i, kept)| {
                    let key = work[*i].key();
                    let prepared = prepare(&work[*i], &key, kept.take(), sites, &fields);
                    (*i, key, prepared)
                })
                .collect();
            for (i, key, result) in cleaned {
                let file = &work[i];
                let mut entry = FileEntry {
                    size: file.size,
                    mtime_ns: file.mtime_ns,
                    ..FileEntry::default()
                };
                match result {
                    Prepared::Documents(docs) => {
                        entry.passages = docs.len() as u64;
                        report.passages += entry.passages;
                        // Whole articles to a batch: their passages stay side by side.
                        ops.extend(docs);
                        if ops.len() >= BATCH_DOCS {
                            hand_over(&writer, &mut ops, &flight)?;
                        }
                    }
                    Prepared::Skipped(reason, retry) => {
                        skipped.push((i, reason.clone()));
                        entry.skipped = Some(reason);
                        entry.retry = retry;
                    }
                }
                manifest.files.insert(key, entry);
                done += 1;
                if done.is_multiple_of(BATCH_FILES as u64) || done == total {
                    progress(done, total);
                }
            }
            hand_over(&writer, &mut ops, &flight)?;
            flight.wait_until_indexed();
        }
        report
            .skipped
            .extend(skipped.into_iter().map(|(i, reason)| ingest::Skip {
                path: work[i].path.clone(),
                reason,
            }));
        // The manifest is written while the writer finishes its segments: the commit names it,
        // so both must be on disk before it.
        let name = manifest_name();
        let mut commit = std::thread::scope(|scope| {
            let written = scope.spawn(|| write_manifest(&folder, &name, &manifest));
            let commit = writer.prepare_commit();
            let written = written
                .join()
                .unwrap_or_else(|_| Err(anyhow::anyhow!("writing the manifest failed")));
            match (written, commit) {
                (Ok(()), commit) => commit.map_err(anyhow::Error::from),
                (Err(e), Ok(_)) => Err(e),
                (Err(e), Err(also)) => Err(e.context(format!("(and finishing the index: {also})"))),
            }
        })?;
        let info = CommitInfo {
            version: SCHEMA_VERSION,
            roots: roots.to_vec(),
            base: Some(project::base_for(dir)),
            follow,
            manifest: name.clone(),
        };
        commit.set_payload(&serde_json::to_string(&info)?);
        commit.commit()?;
        writer.wait_merging_threads()?;
        integrity::record(&index, &folder)?;
        folder::share_like_marker(dir, &folder);
        let mut keep = vec![name.as_str()];
        keep.extend(previous.as_ref().map(|info| info.manifest.as_str()));
        remove_old_manifests(&folder, &keep);
    }
    if let Some(name) = &generation {
        sync_dir(&dir.join(name));
        let tmp = dir.join("CURRENT.tmp");
        // An empty folder named CURRENT (made by hand) would make the rename fail: it holds
        // nothing, so the rebuild that the damaged index asked for replaces it.
        let current = dir.join("CURRENT");
        if current.is_dir() {
            fs::remove_dir(&current).with_context(|| {
                format!(
                    "{} is a folder, not newsgrep's file: move it away",
                    current.display()
                )
            })?;
        }
        let mut f = File::create(&tmp).with_context(|| format!("writing {}", tmp.display()))?;
        writeln!(f, "{name}")?;
        f.sync_all()?;
        fs::rename(&tmp, dir.join("CURRENT"))
            .with_context(|| format!("replacing {}", dir.join("CURRENT").display()))?;
        sync_dir(dir);
        remove_stale_generations(dir);
    }
    report.total_passages = manifest.files.values().map(|e| e.passages).sum();
    report.elapsed = started.elapsed();
    Ok(report)
}

fn sync_dir(dir: &Path) {
    if let Ok(d) = File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hand_off_over_the_bound_waits_for_the_writer_to_index_half_of_it() {
        let flight = Arc::new(InFlight::default());
        flight.reserve(MAX_IN_FLIGHT_DOCS);
        let writer = Arc::clone(&flight);
        let indexing = std::thread::spawn(move || {
            std::thread::sleep(Duration::from_millis(50));
            for _ in 0..MAX_IN_FLIGHT_DOCS / 2 {
                writer.release();
            }
        });
        flight.reserve(10);
        // Not before half the documents were indexed.
        assert!(flight.count.load(Ordering::Acquire) <= MAX_IN_FLIGHT_DOCS / 2 + 10);
        indexing.join().expect("join");
        assert_eq!(
            flight.count.load(Ordering::Acquire),
            MAX_IN_FLIGHT_DOCS / 2 + 10
        );
        // Documents dropped by the writer, indexed or not, count as gone.
        drop(Tracked {
            doc: TantivyDocument::default(),
            flight: Arc::clone(&flight),
        });
        assert_eq!(
            flight.count.load(Ordering::Acquire),
            MAX_IN_FLIGHT_DOCS / 2 + 9
        );
    }

    #[test]
    fn rounds_are_consecutive_files_of_about_round_bytes_each() {
        const MB: u64 = 1024 * 1024;
        let sizes = [3 * MB, 3 * MB, 2 * MB, 20 * MB, MB, 0, MB];
        let mut jobs: Vec<(usize, ())> = (0..sizes.len()).map(|i| (i, ())).collect();
        let cut: Vec<Vec<usize>> = rounds(&mut jobs, |i| sizes[i])
            .iter()
            .map(|round| round.iter().map(|(i, _)| *i).collect())
            .collect();
        assert_eq!(cut, [vec![0, 1, 2], vec![3], vec![4, 5, 6]]);
        assert!(rounds(&mut Vec::<(usize, ())>::new(), |_| 0).is_empty());
    }

    #[test]
    fn a_wait_for_the_writer_returns_once_every_document_is_indexed() {
        let flight = Arc::new(InFlight::default());
        flight.reserve(3);
        let indexing = {
            let flight = Arc::clone(&flight);
            std::thread::spawn(move || {
                for _ in 0..3 {
                    std::thread::sleep(Duration::from_millis(20));
                    flight.release();
                }
            })
        };
        flight.wait_until_indexed();
        assert_eq!(flight.count.load(Ordering::Acquire), 0);
        indexing.join().expect("the writer's stand-in ends");
        // Nothing in flight: no wait at all.
        flight.wait_until_indexed();
    }

    #[test]
    fn the_site_pass_keeps_the_text_of_files_to_clean_as_far_as_room_allows() {
        let work = tempfile::tempdir().expect("a temporary folder");
        let texts = ["First article text.\n", "Second one.\n", "Third.\n"];
        for (i, text) in texts.iter().enumerate() {
            fs::write(work.path().join(format!("{i}.txt")), text).expect("an article");
        }
        let files = ingest::discover(&[work.path().to_path_buf()], false).files;
        let name = |f: &SourceFile| f.path.file_name().map(|n| n.to_string_lossy().to_string());
        assert_eq!(files.len(), 3);
        let to_clean: Vec<&SourceFile> = files.iter().rev().take(2).collect();
        let kept = |room| -> Vec<Option<String>> {
            let kept = site_lines_keeping(&files, &to_clean, room).1;
            kept.into_iter().map(|k| k.text).collect()
        };
        let expected: Vec<Option<String>> = to_clean
            .iter()
            .map(|f| name(f).map(|n| texts[n[..1].parse::<usize>().expect("a digit")].into()))
            .collect();
        assert_eq!(
            kept(usize::MAX),
            expected,
            "in the order of the files to clean"
        );
        assert_eq!(kept(0), [None, None]);
        // Room for either text to clean, not both.
        let one = kept(texts[1].len());
        assert_eq!(one.iter().flatten().count(), 1, "as many as fit");
    }

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
