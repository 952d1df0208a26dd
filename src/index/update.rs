//! Bringing the index up to date with the corpus: [`update`], a sequence of named steps whose
//! memory stays bounded whatever the corpus's size, but for a small record per file (the walk's
//! list, the manifest and the story table); tantivy's merges are bounded too (`merges`):
//!
//! 1. **plan**: open the index (or say why it is built anew), walk the corpus and compare it with
//!    the manifest: which files to index, which to delete;
//! 2. **delete** the passages of changed and removed files;
//! 3. **clean**, a round at a time: at most [`ROUND_FILES`] files and about [`ROUND_BYTES`] of
//!    input, read and cleaned on every core, with the lines each site repeats counted once
//!    beforehand on a bounded sample of each site;
//! 4. **write** the round: its passage documents to tantivy's writer (whose buffers are bounded
//!    by [`WRITER_MEMORY`]), its files to the manifest;
//! 5. **commit**: the manifest to disk, then the commit that names it; a new generation is made
//!    current by renaming `CURRENT`.
//!
//! A run killed at any step leaves the last commit as it was: tantivy's commit and the rename
//! are atomic, and a manifest is named by a commit only once it is on disk.

use super::folder::{self, current_generation, remove_stale_generations};
use super::merges::BoundedMerges;
use super::{
    integrity, project, register_tokenizers, schema, store_settings, CommitInfo, Fields,
    IndexError, NewsIndex, WriteLock, SCHEMA_VERSION,
};
use crate::clean::{self, Article, SiteCounts, SiteLines};
use crate::ingest::collection::{self, Start};
use crate::ingest::{self, ReadError, SourceFile, Stamp};
use crate::manifest::{self, CollectionRead, FileEntry, Manifest};
use crate::passage::{self, Passage};
use crate::stories::{Fingerprint, StoryTable};
use anyhow::{Context, Result};
use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};
use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::time::{Duration, Instant};
use tantivy::indexer::{IndexWriterOptions, UserOperation};
use tantivy::{Index, IndexWriter, TantivyDocument, Term};

/// Memory the tantivy writer may use for buffering, in total over its threads.
const WRITER_MEMORY: usize = 200 * 1024 * 1024;

/// Passage documents handed to the writer at once, whole articles each time: one hand-off (and
/// one wake-up of a writer thread) per document cost 6% of the indexing CPU, and an article's
/// passages given together land side by side in one segment.
const BATCH_DOCS: usize = 512;

/// How often progress is reported, in files.
const BATCH_FILES: usize = 256;

/// Input read and cleaned in one round before the writer indexes it, in bytes: the round's
/// cleaned articles are held in memory meanwhile, a few times its size.
const ROUND_BYTES: u64 = 8 * 1024 * 1024;

/// Files in one round at most, however small: each holds its documents until the round is
/// written.
const ROUND_FILES: usize = 8192;

/// Files read and cleaned together on every core, the step by which a round grows: a round
/// passes [`ROUND_BYTES`] by a piece at most, and a piece is work enough for the pool.
const PIECE_FILES: usize = 128;

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

/// What an update did.
#[derive(Clone, Debug, Default)]
pub struct UpdateReport {
    /// A new index was built from scratch.
    pub rebuilt: bool,
    /// Why an index that was there was built anew, unasked: it could not be read, its list of
    /// files could not be read, or it was built from other folders.
    pub rebuild_reason: Option<String>,
    /// Files newly indexed (not those of them skipped).
    pub added: usize,
    /// Files re-indexed because they changed (not those of them skipped).
    pub changed: usize,
    /// Files dropped from the index because they are gone.
    pub removed: usize,
    /// Files left as they were.
    pub unchanged: usize,
    /// Files that could not be indexed, with why.
    pub skipped: Vec<ingest::Skip>,
    /// Records of collections passed over as not articles (a WARC's requests, metadata and
    /// non-text responses).
    pub not_articles: u64,
    /// Passages written in this run.
    pub passages: u64,
    /// Passages in the index after the run.
    pub total_passages: u64,
    /// Wall time.
    pub elapsed: Duration,
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

/// Brings the index in `dir` up to date with the files under `roots`: a full build into a new
/// generation when there is no usable index (or `rebuild`), else an incremental commit. When
/// there are files to clean, the lines each site repeats are first counted over the site's
/// files ([`site_lines`]), so that a file is cleaned the same in an update as in a full build.
pub fn update(
    dir: &Path,
    roots: &[PathBuf],
    follow: bool,
    rebuild: bool,
    scope: Scope,
    progress: Progress,
) -> Result<UpdateReport, UpdateError> {
    run_update(dir, roots, follow, rebuild, scope, progress).map_err(UpdateError::of)
}

/// Why an update failed, told apart where its callers act differently: a search answers
/// from the index as it is when it may not write it, and says so when another process is
/// writing.
#[derive(Debug, thiserror::Error)]
pub enum UpdateError {
    /// The index folder refused the update as it stands (not newsgrep's, a link, another
    /// writer at work, its corpus gone); nothing was written.
    #[error(transparent)]
    Refused(IndexError),
    /// This process may not write the index (another user's, a read-only disk).
    #[error(transparent)]
    NotPermitted(anyhow::Error),
    /// Writing failed otherwise (a full disk, a damaged index, ...).
    #[error(transparent)]
    Failed(anyhow::Error),
}

impl UpdateError {
    /// The kind of failure `e` is.
    fn of(e: anyhow::Error) -> UpdateError {
        if matches!(
            e.downcast_ref::<IndexError>(),
            Some(
                IndexError::Busy(_)
                    | IndexError::Foreign(_)
                    | IndexError::Link(_)
                    | IndexError::CorpusGone { .. }
            )
        ) {
            return match e.downcast::<IndexError>() {
                Ok(refusal) => UpdateError::Refused(refusal),
                Err(e) => UpdateError::Failed(e),
            };
        }
        if cannot_write(&e) {
            UpdateError::NotPermitted(e)
        } else {
            UpdateError::Failed(e)
        }
    }
}

/// Whether `e` says that this process may not write the index (another user's, or on a
/// read-only disk).
fn cannot_write(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>().is_some_and(|io| {
            matches!(
                io.kind(),
                std::io::ErrorKind::PermissionDenied | std::io::ErrorKind::ReadOnlyFilesystem
            )
        })
    })
}

/// [`update`], its errors as they came.
fn run_update(
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
    let mut plan = plan(dir, roots, follow, rebuild, scope)?;
    let changes = !plan.to_index.is_empty() || !plan.to_delete.is_empty();
    if changes || plan.generation.is_some() {
        let fields = schema().1;
        let mut writer = open_writer(&plan)?;
        delete_stale(&mut plan, &mut writer, &fields);
        // Every article filed from here on has a path the table does not hold.
        plan.stories.forget_paths();
        // Site chrome is counted over the sites' files, not only the files to clean, so that
        // an updated file is cleaned as a full build would clean it.
        let sites = if plan.to_index.is_empty() {
            SiteLines::default()
        } else {
            sites_of(&plan.files, &plan.to_index)
        };
        let flight = Arc::new(InFlight::default());
        let mut done = Done {
            files: 0,
            total: plan.to_index.len() as u64,
            new: plan.report.added as u64,
            progress,
        };
        let mut rest = &plan.to_index[..];
        // Cleaning and indexing take turns, a round at a time: the rayon pool cleans the round
        // on every core, then this thread hands its documents to the writer, whose threads
        // index them on every core. Run side by side, cleaning and indexing threads shared the
        // cores and evicted each other's data from the caches.
        while !rest.is_empty() {
            let (round, taken) = next_round(rest, |piece| {
                clean_piece(&plan.files, piece, &sites, &fields, &plan.appends)
            });
            rest = &rest[taken..];
            let out = (&mut plan.manifest, &mut plan.report, &mut done);
            let stories = (&mut plan.stories, &plan.appends);
            write_round(
                round,
                &plan.files,
                &fields,
                (&writer, &flight),
                out,
                stories,
            )?;
        }
        // The walk's list is done with: the commit's last merges and the manifest's writing
        // get its memory.
        plan.files = Vec::new();
        plan.to_index = Vec::new();
        commit(&plan, writer, dir, roots, follow)?;
    }
    if let Some(name) = &plan.generation {
        make_current(dir, name)?;
    }
    let mut report = plan.report;
    report.total_passages = plan.manifest.files.values().map(|e| e.passages).sum();
    report.elapsed = started.elapsed();
    Ok(report)
}

/// What the plan step decided: where to write, the corpus as found, and what to change.
struct Plan {
    /// The index written to: the current one, or a new generation's.
    index: Index,
    /// Its generation folder.
    folder: PathBuf,
    /// The new generation's folder name, when building anew.
    generation: Option<String>,
    /// The last commit's record, when updating in place.
    previous: Option<CommitInfo>,
    /// The manifest of the last commit (empty when building anew), with the folders' stamps
    /// of this walk; the files of each round are recorded in it as they are written.
    manifest: Manifest,
    /// The corpus as walked (or as listed, see [`Scope::Files`]).
    files: Vec<SourceFile>,
    /// Indices in `files` of the files to clean and index: added, then changed.
    to_index: Vec<usize>,
    /// Path keys whose passages go: changed and removed files.
    to_delete: Vec<String>,
    /// Collections that grew by records appended: where to read on, and the passages their
    /// records already have in the index (kept).
    appends: FxHashMap<String, (Start, u64)>,
    /// The stories of the articles indexed, for new ones to join (see `crate::stories`).
    stories: StoryTable,
    /// The counts so far.
    report: UpdateReport,
}

/// The plan step: the index to write to (the current one, or a new generation and why), the
/// corpus on disk, and its differences from the manifest.
fn plan(dir: &Path, roots: &[PathBuf], follow: bool, rebuild: bool, scope: Scope) -> Result<Plan> {
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
    if let Some(open) = &existing {
        rebuild_reason = reason_to_rebuild(open, roots);
    }
    // An index whose manifest cannot be read is rebuilt, like a damaged one.
    let mut kept = existing.filter(|_| rebuild_reason.is_none());
    let walk_started = std::time::SystemTime::now();
    let (files, walk_skips, folders) = match (scope, &kept) {
        (Scope::Files(keys), Some(open)) => {
            (listed_files(open.manifest()?, keys), Vec::new(), None)
        }
        _ => {
            // Building anew, every file is read: its size and mtime are taken from the open
            // file, and the walk need not `stat` it (half the walk on a corpus of small files).
            let walk = if kept.is_none() {
                ingest::discover_unstatted
            } else {
                ingest::discover
            };
            let found = walk(roots, follow);
            (found.files, found.skips, Some(found.folders))
        }
    };
    let (index, folder, generation, previous, mut manifest) = match kept.as_mut() {
        Some(open) => {
            let folder = current_generation(dir)?.unwrap_or_else(|| dir.to_path_buf());
            let previous = CommitInfo::parse(open.index.load_metas()?.payload.as_deref());
            // Taken, not copied: the manifest is the largest record an update holds.
            open.manifest()?;
            let manifest = open.manifest.take().unwrap_or_default();
            (open.index.clone(), folder, None, previous, manifest)
        }
        None => {
            let (index, name, folder) = new_generation(dir)?;
            (index, folder, Some(name), None, Manifest::default())
        }
    };
    drop(kept);
    // Before any record is read: the `--field` mappings of this run, else the index's own.
    manifest.fields = collection::keep_command_line_fields(std::mem::take(&mut manifest.fields));
    let mut todo = manifest::changes(&manifest, &files);
    refields(&manifest, &files, &mut todo);
    // A walk vouches for the folders anew; an update of listed files keeps what the last walk
    // recorded.
    if let Some(folders) = &folders {
        manifest.folders = manifest::folder_stamps(folders, walk_started, walk_skips.is_empty());
    }
    let report = UpdateReport {
        rebuilt: generation.is_some(),
        rebuild_reason,
        added: todo.added.len(),
        changed: todo.changed.len(),
        removed: todo.removed.len(),
        unchanged: files.len() - todo.added.len() - todo.changed.len(),
        skipped: walk_skips,
        ..UpdateReport::default()
    };
    // A collection that grew by records appended keeps those indexed and reads the rest.
    let appends: FxHashMap<String, (Start, u64)> = todo
        .changed
        .iter()
        .filter_map(|&i| {
            let file = &files[i];
            let key = file.key();
            let entry = manifest.files.get(&key)?;
            let grown = entry.skipped.is_none()
                && entry.records() > 0
                && entry.fields() == collection::fields_fingerprint(&file.path)
                && collection::appended(&file.path, entry.size, file.size, entry.tail());
            let start = Start {
                offset: entry.size,
                first_record: entry.records() + 1,
            };
            grown.then_some((key, (start, entry.passages)))
        })
        .collect();
    let stories = if generation.is_none() {
        super::stories::table(&index)?
    } else {
        StoryTable::default()
    };
    let to_delete = (todo.changed.iter().map(|&i| files[i].key()))
        .filter(|key| !appends.contains_key(key))
        .chain(todo.removed)
        .collect();
    let to_index: Vec<usize> = todo.added.into_iter().chain(todo.changed).collect();
    if manifest.files.is_empty() {
        // The entries of a build, made now in one sorted pass and filled in as the rounds are
        // written: a B-tree's nodes end full so, but half full when its keys come one at a
        // time in order (about 70 bytes a file more).
        manifest.files = (to_index.iter())
            .map(|&i| (files[i].key(), FileEntry::default()))
            .collect();
    }
    Ok(Plan {
        index,
        folder,
        generation,
        previous,
        manifest,
        files,
        to_index,
        to_delete,
        appends,
        stories,
        report,
    })
}

/// Why the index `open` must be built anew for `roots` rather than updated, if it must: it was
/// built in another folder or from other roots, or its list of files cannot be read.
fn reason_to_rebuild(open: &NewsIndex, roots: &[PathBuf]) -> Option<String> {
    let here = std::env::current_dir().map(|d| project::resolved(&d)).ok();
    if open.corpus.project.is_some() && open.corpus.project != here {
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
    }
}

/// A new, empty generation in `dir`: its index, its folder name and its path.
fn new_generation(dir: &Path) -> Result<(Index, String, PathBuf)> {
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
    Ok((index, name, path))
}

/// The files of `manifest` as the corpus, with those keyed `keys` as they are on disk now
/// (left out when they are gone).
fn listed_files(manifest: &Manifest, keys: &[&str]) -> Vec<SourceFile> {
    let keys: FxHashSet<&str> = keys.iter().copied().collect();
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

/// The writer of the plan's index, cleared of what an interrupted run left.
fn open_writer(plan: &Plan) -> Result<IndexWriter<Tracked>> {
    let threads = std::thread::available_parallelism()
        .map_or(2, |n| n.get())
        .min(4);
    // One merge at a time, each bounded (see `merges`): the pages of the segments a merge
    // reads count in the process's memory while it runs.
    let options = IndexWriterOptions::builder()
        .num_worker_threads(threads)
        .memory_budget_per_thread(WRITER_MEMORY / threads)
        .num_merge_threads(1)
        .build();
    let writer: IndexWriter<Tracked> = plan.index.writer_with_options(options)?;
    writer.set_merge_policy(Box::new(BoundedMerges::new(plan.folder.clone())));
    // A run killed mid-commit can leave files the last commit does not name (a deletion's
    // `.del` file, say) that this run would then try to create again and fail on: tantivy
    // deletes the files it made and no commit uses.
    writer
        .garbage_collect_files()
        .wait()
        .context("clearing what an interrupted run left")?;
    if let Some(previous) = &plan.previous {
        remove_old_manifests(&plan.folder, &[previous.manifest.as_str()]);
    }
    Ok(writer)
}

/// The delete step: the passages of changed and removed files go, from the index (at the
/// commit) and from the manifest.
fn delete_stale(plan: &mut Plan, writer: &mut IndexWriter<Tracked>, fields: &Fields) {
    for key in std::mem::take(&mut plan.to_delete) {
        writer.delete_term(Term::from_field_text(fields.path, &key));
        plan.stories.remove(&key);
        // A collection's records are filed under `file#1` up to the last one read.
        if let Some(entry) = plan.manifest.files.remove(&key) {
            if collection::kind_of(Path::new(&key)).is_some() {
                for number in 1..=entry.records() {
                    plan.stories.remove(&collection::record_key(&key, number));
                }
            }
        }
    }
}

/// Counts, over `files` (a whole corpus), the lines each site repeats on many pages: the files
/// of each site, or of a large one its sample ([`clean::site::sampled`]), read and their lines
/// hashed, in parallel. Files that cannot be read are left out here; cleaning reports them.
pub fn site_lines(files: &[SourceFile]) -> SiteLines {
    count_sites(files, None)
}

/// [`site_lines`] of the sites of the files `to_clean` (indices in `files`) only: a site's
/// chrome is counted over its own files alone, so an update of one file reads one site's
/// sample, not every site's.
fn sites_of(files: &[SourceFile], to_clean: &[usize]) -> SiteLines {
    let sites: FxHashSet<String> = to_clean
        .iter()
        .map(|&i| ingest::site_of(&files[i].path))
        .collect();
    count_sites(files, Some(&sites))
}

/// The site pass over `files`, of the sites `only` when given. Memory: one site name per file
/// for the sample's choice, and the hashed lines of the sample, at most
/// [`clean::site::SAMPLE_FILES`] files a site; no file's text is kept.
fn count_sites(files: &[SourceFile], only: Option<&FxHashSet<String>>) -> SiteLines {
    let (files, sites): (Vec<&SourceFile>, Vec<String>) = files
        .par_iter()
        // A collection's records are pages of many sites, read when it is cleaned.
        .filter(|f| collection::kind_of(&f.path).is_none())
        .map(|f| (f, ingest::site_of(&f.path)))
        .filter(|(_, site)| only.is_none_or(|only| only.contains(site)))
        .unzip();
    let counted = clean::site::sampled(files.iter().zip(&sites).map(|(file, site)| {
        let name = file.path.file_name().unwrap_or_default();
        (site.as_str(), name.as_encoded_bytes())
    }));
    // A few pieces per thread, not rayon's dozens: each piece gathers its own lines (measured
    // on Reuters: 16 pieces per thread took 8% longer than 4).
    let pieces = 4 * rayon::current_num_threads();
    files
        .par_iter()
        .zip(&sites)
        .zip(&counted)
        .with_min_len(files.len().div_ceil(pieces).max(1))
        .filter(|(_, &counted)| counted)
        .fold(SiteCounts::default, |mut counts, ((file, site), _)| {
            if let Ok(content) = ingest::read(file) {
                counts.add_file(site, &clean::site::file_lines(&content, file.format));
            }
            counts
        })
        .reduce(SiteCounts::default, SiteCounts::merge)
        .chrome()
}

/// What the clean step made of one file: its index in the plan's files, its path key, its size
/// and mtime as read, the bytes read, and its documents or why it has none.
struct Cleaned {
    file: usize,
    key: String,
    stamp: Option<Stamp>,
    bytes: u64,
    prepared: Prepared,
}

/// Counts as changed each collection among the unchanged `files` whose records were indexed
/// with other field names than they are read with now (a `--field` or `[fields]` mapping
/// given, changed or dropped): the whole collection is read again.
fn refields(manifest: &Manifest, files: &[SourceFile], todo: &mut manifest::Changes) {
    let mut listed: FxHashSet<usize> = todo.added.iter().copied().collect();
    listed.extend(todo.changed.iter().copied());
    for (i, file) in files.iter().enumerate() {
        if listed.contains(&i) || collection::kind_of(&file.path).is_none() {
            continue;
        }
        let stale = manifest.files.get(&file.key()).is_some_and(|entry| {
            entry.skipped.is_none() && entry.fields() != collection::fields_fingerprint(&file.path)
        });
        if stale {
            todo.changed.push(i);
        }
    }
    todo.changed.sort_unstable();
}

/// What cleaning one file gave.
enum Prepared {
    /// The passage documents, and what the article's copies are found by (see `stories`).
    Documents(Vec<TantivyDocument>, Fingerprint),
    /// The records of a collection: each record's key, documents and fingerprint, the number
    /// of the last record read, the records skipped (number, reason), how many were not
    /// articles, and the hash of the file's end (see `ingest::collection::tail_hash`).
    Records {
        articles: Vec<(String, Vec<TantivyDocument>, Fingerprint)>,
        last: u64,
        bad: Vec<(u64, String)>,
        not_articles: u64,
        tail: u64,
    },
    /// Why, and whether the reason can pass without the file changing (see `FileEntry`).
    Skipped(String, bool),
}

/// The next round of `todo`: `work` done on pieces of [`PIECE_FILES`] files until the round
/// holds [`ROUND_FILES`] files or its work took [`ROUND_BYTES`] of input (as `bytes` counts
/// it). Returns the round's results and how many files of `todo` it took (at least one).
fn next_round<T: HasBytes>(todo: &[usize], work: impl Fn(&[usize]) -> Vec<T>) -> (Vec<T>, usize) {
    let mut round = Vec::new();
    let mut bytes = 0u64;
    let mut taken = 0;
    while taken < todo.len() && taken < ROUND_FILES && bytes < ROUND_BYTES {
        let end = (taken + PIECE_FILES).min(todo.len()).min(ROUND_FILES);
        let done = work(&todo[taken..end]);
        bytes += done.iter().map(HasBytes::bytes).sum::<u64>();
        round.extend(done);
        taken = end;
    }
    (round, taken)
}

/// The input a piece of work took, for cutting rounds.
trait HasBytes {
    fn bytes(&self) -> u64;
}

impl HasBytes for Cleaned {
    fn bytes(&self) -> u64 {
        self.bytes
    }
}

/// The clean step of a piece of a round: the files `piece` (indices in `files`) read and
/// cleaned into passage documents, in parallel, in order.
fn clean_piece(
    files: &[SourceFile],
    piece: &[usize],
    sites: &SiteLines,
    fields: &Fields,
    appends: &FxHashMap<String, (Start, u64)>,
) -> Vec<Cleaned> {
    piece
        .par_iter()
        .map(|&i| {
            let file = &files[i];
            let key = file.key();
            if let Some(kind) = collection::kind_of(&file.path) {
                let start = appends.get(&key).map(|(start, _)| *start);
                let stamp = fs::metadata(&file.path).ok().map(|m| Stamp::of(&m));
                // A first build's walk did not stat the file: its records are read up to the
                // size found now, which the manifest records and an append is measured from.
                let file = &SourceFile {
                    size: stamp.map_or(file.size, |s| s.size),
                    ..file.clone()
                };
                let prepared = prepare_records(file, &key, kind, start.unwrap_or_default(), fields);
                return Cleaned {
                    file: i,
                    key,
                    stamp,
                    bytes: stamp.map_or(file.size, |s| s.size),
                    prepared,
                };
            }
            let read = ingest::read_stamped(file);
            let bytes = read.as_ref().map_or(0, |(text, _)| text.len() as u64);
            let stamp = read.as_ref().ok().map(|(_, stamp)| *stamp);
            let prepared = prepare(file, &key, read, sites, fields);
            Cleaned {
                file: i,
                key,
                stamp,
                bytes,
                prepared,
            }
        })
        .collect()
}

/// Cleans one file's text as `read` into the documents of its passages, under the file's `key`.
fn prepare(
    file: &SourceFile,
    key: &str,
    read: Result<(String, Stamp), ReadError>,
    sites: &SiteLines,
    fields: &Fields,
) -> Prepared {
    let content = match read {
        Ok((content, _)) => content,
        Err(e) => {
            let retry = matches!(e, ReadError::Io(_));
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
    let (docs, print) = fingerprinted_documents(fields, key, &article, &passages);
    Prepared::Documents(docs, print)
}

/// The documents of an article's passages under `key`, the first carrying the signature its
/// copies are found by, and the article's fingerprint (see `stories`).
fn fingerprinted_documents(
    fields: &Fields,
    key: &str,
    article: &Article,
    passages: &[Passage],
) -> (Vec<TantivyDocument>, Fingerprint) {
    let print = Fingerprint::of(
        &article.body(),
        article.date.as_deref().and_then(super::date_number),
    );
    let mut docs = documents(fields, key, article, passages);
    if let (Some(first), Some(signature)) = (docs.first_mut(), &print.signature) {
        for value in crate::stories::to_values(signature) {
            first.add_u64(fields.signature, value);
        }
    }
    (docs, print)
}

/// Reads the records of a collection from `start` and cleans each into the documents of its
/// passages, under its record key (`path#N`). A record that cannot be read or holds no
/// sentence is skipped with its reason; the others are indexed.
fn prepare_records(
    file: &SourceFile,
    key: &str,
    kind: collection::Kind,
    start: Start,
    fields: &Fields,
) -> Prepared {
    let read = match collection::read(&file.path, kind, start, file.size) {
        Ok(read) => read,
        Err(e) => {
            let retry = matches!(e, ReadError::Io(_));
            return Prepared::Skipped(e.to_string(), retry);
        }
    };
    let mut articles = Vec::new();
    let mut bad = Vec::new();
    for record in read.records {
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                bad.push((e.number, e.reason));
                continue;
            }
        };
        let article = clean::clean_record(&record);
        let passages = passage::split(&article);
        if !passage::has_sentence(&article) || passages.is_empty() {
            bad.push((
                record.number,
                "no sentence found (only page chrome or headings)".into(),
            ));
            continue;
        }
        let record_key = collection::record_key(key, record.number);
        let (mut record_docs, print) =
            fingerprinted_documents(fields, &record_key, &article, &passages);
        // The file's own key too, so that a change of the file deletes all its records, and
        // `path:` finds them by the file's name.
        for doc in &mut record_docs {
            doc.add_text(fields.path, key);
        }
        articles.push((record_key, record_docs, print));
    }
    let tail = collection::tail_hash(&file.path, file.size).unwrap_or(0);
    Prepared::Records {
        articles,
        last: read.last.max(start.first_record.saturating_sub(1)),
        bad,
        not_articles: read.not_articles,
        tail,
    }
}

/// The passage documents of one article.
fn documents(
    f: &Fields,
    path: &str,
    article: &Article,
    passages: &[Passage],
) -> Vec<TantivyDocument> {
    let date_num = article.date.as_deref().and_then(super::date_number);
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
        if let Some(lang) = &article.language {
            doc.add_text(f.lang, lang);
        }
        // The article's fields go with its first passage only (see `query::article`).
        if p.ordinal == 0 {
            if let Some(url) = &article.url {
                doc.add_text(f.url, url);
            }
            for q in passages {
                doc.add_text(f.article, &q.text);
            }
            // A title is in capitals or title case throughout: its capitals say nothing of names.
            let lang = article.language.as_deref();
            for q in passage::body(article, passages) {
                doc.add_text(f.common, crate::analysis::common_use_words(&q.text, lang));
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

/// The size and mtime to record for `file`: the walk's, or when the walk did not stat it (both
/// 0) those it had when read, `stamp`; one it could not read is looked up by its path, as the
/// walk would have.
fn recorded_stamp(file: &SourceFile, stamp: Option<Stamp>) -> Stamp {
    if file.size != 0 || file.mtime_ns != 0 {
        return Stamp {
            size: file.size,
            mtime_ns: file.mtime_ns,
        };
    }
    stamp
        .or_else(|| fs::metadata(&file.path).ok().map(|m| Stamp::of(&m)))
        .unwrap_or_default()
}

/// Files written so far, of how many, and whom to tell.
struct Done<'a> {
    files: u64,
    total: u64,
    /// How many of the first files to (re)index are new: the rest changed.
    new: u64,
    progress: Progress<'a>,
}

impl Done<'_> {
    /// One file more, told every [`BATCH_FILES`] files and at the last.
    fn one_more(&mut self) {
        self.files += 1;
        if self.files.is_multiple_of(BATCH_FILES as u64) || self.files == self.total {
            (self.progress)(self.files, self.total);
        }
    }
}

/// The write step of a round: its documents handed to the writer, whole articles to a batch,
/// and its files recorded in the manifest (and the skipped ones in the report); returns once
/// the writer has indexed them, so that the next round's cleaning has the cores.
fn write_round(
    round: Vec<Cleaned>,
    files: &[SourceFile],
    fields: &Fields,
    (writer, flight): (&IndexWriter<Tracked>, &Arc<InFlight>),
    (manifest, report, done): (&mut Manifest, &mut UpdateReport, &mut Done),
    (stories, appends): (&mut StoryTable, &FxHashMap<String, (Start, u64)>),
) -> Result<()> {
    let mut ops = Vec::new();
    for cleaned in round {
        let file = &files[cleaned.file];
        let stamp = recorded_stamp(file, cleaned.stamp);
        let mut entry = FileEntry {
            size: stamp.size,
            mtime_ns: stamp.mtime_ns,
            ..FileEntry::default()
        };
        match cleaned.prepared {
            Prepared::Documents(mut docs, print) => {
                // In file order, so that a build files copies the same way each time.
                let story = stories.assign(&cleaned.key, print);
                for doc in &mut docs {
                    doc.add_u64(fields.story, story);
                }
                entry.passages = docs.len() as u64;
                report.passages += entry.passages;
                // Whole articles to a batch: their passages stay side by side.
                ops.extend(docs);
                if ops.len() >= BATCH_DOCS {
                    hand_over(writer, &mut ops, flight)?;
                }
            }
            Prepared::Records {
                articles,
                last,
                bad,
                not_articles,
                tail,
            } => {
                report.not_articles += not_articles;
                let mut passages = 0;
                for (record_key, mut docs, print) in articles {
                    let story = stories.assign(&record_key, print);
                    for doc in &mut docs {
                        doc.add_u64(fields.story, story);
                    }
                    passages += docs.len() as u64;
                    ops.extend(docs);
                }
                let before = appends
                    .get(&cleaned.key)
                    .map_or(0, |(_, passages)| *passages);
                entry.passages = before + passages;
                entry.collection = Some(Box::new(CollectionRead {
                    records: last,
                    tail,
                    fields: collection::fields_fingerprint(&file.path),
                }));
                report.passages += passages;
                if ops.len() >= BATCH_DOCS {
                    hand_over(writer, &mut ops, flight)?;
                }
                let path = file.path.to_string_lossy().into_owned();
                report
                    .skipped
                    .extend(bad.into_iter().map(|(number, reason)| ingest::Skip {
                        path: PathBuf::from(collection::record_key(&path, number)),
                        reason,
                    }));
            }
            Prepared::Skipped(reason, retry) => {
                // A file skipped is counted once, as skipped: not also as new or changed.
                if done.files < done.new {
                    report.added -= 1;
                } else {
                    report.changed -= 1;
                }
                report.skipped.push(ingest::Skip {
                    path: file.path.clone(),
                    reason: reason.clone(),
                });
                entry.skipped = Some(reason.into_boxed_str());
                entry.retry = retry;
            }
        }
        manifest.files.insert(cleaned.key, entry);
        done.one_more();
    }
    hand_over(writer, &mut ops, flight)?;
    flight.wait_until_indexed();
    Ok(())
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

/// The commit step: the manifest written while the writer finishes its segments (the commit
/// names it, so both must be on disk before it), then the commit with its payload.
fn commit(
    plan: &Plan,
    mut writer: IndexWriter<Tracked>,
    dir: &Path,
    roots: &[PathBuf],
    follow: bool,
) -> Result<()> {
    let name = manifest_name();
    let mut commit = std::thread::scope(|scope| {
        let written = scope.spawn(|| write_manifest(&plan.folder, &name, &plan.manifest));
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
    integrity::record(&plan.index, &plan.folder)?;
    folder::share_like_marker(dir, &plan.folder);
    let mut keep = vec![name.as_str()];
    keep.extend(plan.previous.as_ref().map(|info| info.manifest.as_str()));
    remove_old_manifests(&plan.folder, &keep);
    Ok(())
}

/// A new manifest file's name, for the commit payload: unique to the moment.
fn manifest_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    format!("manifest-{nanos}.bin")
}

/// Writes `manifest` durably as file `name` of `generation`, a folder at a time.
fn write_manifest(generation: &Path, name: &str, manifest: &Manifest) -> Result<()> {
    let path = generation.join(name);
    let written = File::create(&path).and_then(|file| {
        let mut out = std::io::BufWriter::new(file);
        manifest.write_to(&mut out)?;
        out.into_inner().map_err(|e| e.into_error())?.sync_all()
    });
    written.with_context(|| format!("writing {}", path.display()))
}

/// Deletes manifest files of `generation` other than `keep`: the one just committed and the one
/// it replaced, which a search that opened the previous commit may still be about to read.
fn remove_old_manifests(generation: &Path, keep: &[&str]) {
    let Ok(entries) = fs::read_dir(generation) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        if super::is_manifest_name(&name) && !keep.contains(&name.as_str()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Makes the new generation `name` of `dir` the current one, by an atomic rename of `CURRENT`,
/// and deletes the generations before it.
fn make_current(dir: &Path, name: &str) -> Result<()> {
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
    fs::rename(&tmp, &current).with_context(|| format!("replacing {}", current.display()))?;
    sync_dir(dir);
    remove_stale_generations(dir);
    Ok(())
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
    fn an_update_failure_is_a_refusal_a_lack_of_permission_or_a_failure() {
        let busy = UpdateError::of(IndexError::Busy("42".into()).into());
        assert!(matches!(busy, UpdateError::Refused(IndexError::Busy(pid)) if pid == "42"));
        let denied = std::io::Error::from(std::io::ErrorKind::PermissionDenied);
        let denied = UpdateError::of(anyhow::Error::new(denied).context("writing meta.json"));
        assert!(matches!(denied, UpdateError::NotPermitted(_)));
        let unlistable = IndexError::Io {
            path: PathBuf::from("index"),
            source: std::io::Error::from(std::io::ErrorKind::PermissionDenied),
        };
        assert!(matches!(
            UpdateError::of(unlistable.into()),
            UpdateError::NotPermitted(_)
        ));
        let full = std::io::Error::from(std::io::ErrorKind::StorageFull);
        assert!(matches!(
            UpdateError::of(full.into()),
            UpdateError::Failed(_)
        ));
    }

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

    /// A file of the test rounds: its index and the bytes its work took.
    struct Sized(usize, u64);

    impl HasBytes for Sized {
        fn bytes(&self) -> u64 {
            self.1
        }
    }

    /// The files of each round `next_round` cuts from `todo`, the work on file `i` taking
    /// `size(i)` bytes.
    fn cut(todo: &[usize], size: impl Fn(usize) -> u64) -> Vec<Vec<usize>> {
        let mut rounds = Vec::new();
        let mut rest = todo;
        while !rest.is_empty() {
            let (round, taken) = next_round(rest, |piece| {
                piece.iter().map(|&i| Sized(i, size(i))).collect()
            });
            assert_eq!(round.len(), taken);
            rounds.push(round.iter().map(|s| s.0).collect());
            rest = &rest[taken..];
        }
        rounds
    }

    #[test]
    fn a_round_ends_at_its_bytes_a_piece_past_them() {
        let todo: Vec<usize> = (0..3 * PIECE_FILES).collect();
        // The first piece alone takes the round's bytes: the next starts a round.
        let heavy = |i: usize| if i == 0 { ROUND_BYTES } else { 1 };
        let rounds = cut(&todo, heavy);
        assert_eq!(rounds.len(), 2);
        assert_eq!(rounds[0], (0..PIECE_FILES).collect::<Vec<_>>());
        assert_eq!(rounds[1].len(), 2 * PIECE_FILES);
    }

    #[test]
    fn a_round_of_small_files_ends_at_its_file_count() {
        let todo: Vec<usize> = (0..ROUND_FILES + 5).collect();
        let rounds = cut(&todo, |_| 0);
        let sizes: Vec<usize> = rounds.iter().map(Vec::len).collect();
        assert_eq!(sizes, [ROUND_FILES, 5]);
        assert_eq!(rounds.concat(), todo, "every file once, in order");
        assert!(cut(&[], |_| 0).is_empty());
    }
}
