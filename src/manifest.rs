//! The manifest: which file was indexed at which size and mtime, and the check, at every
//! search, that the corpus on disk is still what the index holds.
//!
//! On disk the manifest is a compact binary record (postcard) grouped by folder, with each
//! folder's names sorted and kept in runs of at most [`STAT_CHUNK`] files, each run encoded on
//! its own: the check decodes a run on the thread that stats it, and builds no map. Files added
//! or removed show in their folder's mtime: when every folder still has the mtime recorded, no
//! folder needs listing; otherwise each folder is listed once and its sorted names compared. Up
//! to [`EVERY_FILE_MAX_RUNS`] runs, the check also stats every file through its folder's handle,
//! on the threads that lend it their time ([`QuickCheck::help`]); past it, a search stats only
//! the files it is about to cite ([`stale_among`]). The check reads no file and hashes nothing;
//! any doubt (a symlink, a name that is not UTF-8, a root that is a file) answers "maybe
//! changed", and the caller then runs the full comparison of [`changes`], which has the last
//! word.

use crate::ingest::{self, SourceFile};
use rustc_hash::{FxHashMap, FxHashSet};
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::OnceLock;
use std::time::{SystemTime, UNIX_EPOCH};

/// What a manifest file starts with, before the record; bumped with the record's layout.
const MAGIC: &[u8] = b"newsgrep manifest 6\n";

/// Files in a run: what a thread decodes and stats before it takes more work.
const STAT_CHUNK: usize = 256;

/// Runs of files (of [`STAT_CHUNK`]) up to which the check before each search stats every
/// file: about 20,000 files, some tens of milliseconds. Past it, the stats would cost a search
/// more than its answer (a second at 200,000 files), so the check vouches only for the
/// folders' listings (no file added or removed), and the caller checks the files of the hits
/// it is about to show ([`stale_among`]).
const EVERY_FILE_MAX_RUNS: usize = 80;

/// What was indexed for one file: 56 bytes in memory (a collection's reading state, rare, is
/// boxed apart), the layout of [`StoredEntry`] on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(from = "StoredEntry", into = "StoredEntry")]
pub struct FileEntry {
    /// Size in bytes when indexed.
    pub size: u64,
    /// Modification time when indexed, ns since the epoch.
    pub mtime_ns: u64,
    /// Passages indexed (0 when skipped).
    pub passages: u64,
    /// Why the file was skipped, if it was.
    pub skipped: Option<Box<str>>,
    /// Where a collection's reading stopped; `None` for a plain file.
    pub collection: Option<Box<CollectionRead>>,
    /// Skipped for a reason that can pass without the file changing (the OS refused to read
    /// it: a chmod restores it and moves no mtime), so that every update tries it again.
    pub retry: bool,
}

/// Where the reading of a collection stopped when it was indexed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CollectionRead {
    /// Records read so far (articles, bad records and others): an append is numbered on from
    /// here.
    pub records: u64,
    /// Hash of the collection's end (`ingest::collection::tail_hash`): an append leaves it as
    /// it was.
    pub tail: u64,
    /// Fingerprint of the field names its records were read with
    /// (`ingest::collection::fields_fingerprint`): another mapping re-indexes the collection.
    pub fields: u64,
}

impl FileEntry {
    /// Records of a collection read so far, 0 for a plain file.
    pub fn records(&self) -> u64 {
        self.collection.as_ref().map_or(0, |c| c.records)
    }

    /// Hash of a collection's end when indexed, 0 for a plain file.
    pub fn tail(&self) -> u64 {
        self.collection.as_ref().map_or(0, |c| c.tail)
    }

    /// Fingerprint of a collection's field names, 0 for a plain file.
    pub fn fields(&self) -> u64 {
        self.collection.as_ref().map_or(0, |c| c.fields)
    }
}

/// A [`FileEntry`] as the manifest file stores it, every field in line.
#[derive(Serialize, Deserialize)]
struct StoredEntry {
    size: u64,
    mtime_ns: u64,
    passages: u64,
    skipped: Option<Box<str>>,
    retry: bool,
    records: u64,
    tail: u64,
    fields: u64,
}

impl From<StoredEntry> for FileEntry {
    fn from(e: StoredEntry) -> FileEntry {
        let read = CollectionRead {
            records: e.records,
            tail: e.tail,
            fields: e.fields,
        };
        FileEntry {
            size: e.size,
            mtime_ns: e.mtime_ns,
            passages: e.passages,
            skipped: e.skipped,
            collection: (read != CollectionRead::default()).then(|| Box::new(read)),
            retry: e.retry,
        }
    }
}

impl From<FileEntry> for StoredEntry {
    fn from(e: FileEntry) -> StoredEntry {
        let (records, tail, fields) = (e.records(), e.tail(), e.fields());
        StoredEntry {
            size: e.size,
            mtime_ns: e.mtime_ns,
            passages: e.passages,
            skipped: e.skipped,
            retry: e.retry,
            records,
            tail,
            fields,
        }
    }
}

/// Which files are in the index: written beside every commit, which names it (the format
/// version and the roots are in the commit's payload).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Manifest {
    /// Every file seen, by path key.
    pub files: BTreeMap<String, FileEntry>,
    /// Every folder walked, by path key ("" for the working folder), with the mtime that
    /// vouches for its listing, or 0 (see [`folder_stamps`]).
    pub folders: BTreeMap<String, u64>,
    /// The `--field` mappings of the last run that gave some, which a run without `--field`
    /// keeps.
    pub fields: Vec<(String, String)>,
}

/// Why a manifest file could not be read.
#[derive(Debug, thiserror::Error)]
pub enum ManifestError {
    /// The file could not be read.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The file is not a manifest of this version, or is cut short.
    #[error("bad manifest: {0}")]
    Format(String),
}

/// The manifest as stored: files grouped by folder, folders and names in byte order.
/// Names are borrowed from the bytes read: the check allocates nothing per file.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Record<'a> {
    #[serde(borrow)]
    folders: Vec<FolderRecord<'a>>,
    #[serde(borrow)]
    fields: Vec<(&'a str, &'a str)>,
}

#[derive(Debug, Serialize, Deserialize)]
struct FolderRecord<'a> {
    /// Path key of the folder ("" for the working folder).
    key: &'a str,
    /// Its mtime when the corpus was walked, 0 when that does not vouch for its listing.
    mtime_ns: u64,
    /// Its files in name order, in runs of at most [`STAT_CHUNK`], each a [`Run`] encoded.
    #[serde(borrow)]
    runs: Vec<&'a [u8]>,
}

/// Files of one folder, by name.
type Run<'a> = Vec<(&'a str, FileEntry)>;

fn decode_run(bytes: &[u8]) -> Result<Run<'_>, ManifestError> {
    postcard::from_bytes(bytes).map_err(|e| ManifestError::Format(e.to_string()))
}

impl FolderRecord<'_> {
    /// Every file of the folder, in name order.
    fn files(&self) -> Result<Run<'_>, ManifestError> {
        let mut files = Vec::new();
        for run in &self.runs {
            files.extend(decode_run(run)?);
        }
        Ok(files)
    }
}

/// `value` in postcard: serialising plain structs into a Vec cannot fail.
fn encoded<T: Serialize + ?Sized>(value: &T) -> Vec<u8> {
    postcard::to_allocvec(value).unwrap_or_default()
}

/// A file of a folder by its name, borrowed from a [`Manifest`].
type Named<'a> = (&'a str, &'a FileEntry);

/// The folder part and the name part of a path key.
fn split_key(key: &str) -> (&str, &str) {
    key.rsplit_once('/').unwrap_or(("", key))
}

/// The path key of file `name` in the folder keyed `folder`.
fn join_key(folder: &str, name: &str) -> String {
    if folder.is_empty() {
        name.to_string()
    } else {
        format!("{folder}/{name}")
    }
}

impl Manifest {
    /// The manifest as stored in a file.
    pub fn encode(&self) -> Vec<u8> {
        let mut out = Vec::new();
        // Writing into a Vec cannot fail.
        let _ = self.write_to(&mut out);
        out
    }

    /// Writes the manifest as [`Manifest::encode`] makes it, a folder at a time: what is held
    /// meanwhile is a reference per file and one folder's encoding, not the whole file (which
    /// the commit writes while the index writer holds its most memory).
    pub fn write_to(&self, mut out: impl std::io::Write) -> std::io::Result<()> {
        // Folder key -> (mtime, files by name).
        let mut folders: BTreeMap<&str, (u64, Vec<Named>)> = self
            .folders
            .iter()
            .map(|(key, &mtime_ns)| (key.as_str(), (mtime_ns, Vec::new())))
            .collect();
        for (key, entry) in &self.files {
            let (folder, name) = split_key(key);
            folders.entry(folder).or_default().1.push((name, entry));
        }
        // The layout of a `Record` in postcard, written piece by piece: the count of folders,
        // then each folder's key and mtime, its count of runs, and each run as its length and
        // bytes (a `Run` encoded).
        out.write_all(MAGIC)?;
        out.write_all(&encoded(&folders.len()))?;
        for (key, (mtime_ns, mut files)) in folders {
            files.sort_by_key(|f| f.0);
            out.write_all(&encoded(&(key, mtime_ns)))?;
            out.write_all(&encoded(&files.len().div_ceil(STAT_CHUNK)))?;
            for run in files.chunks(STAT_CHUNK) {
                let run = encoded(run);
                out.write_all(&encoded(&run.len()))?;
                out.write_all(&run)?;
            }
        }
        out.write_all(&encoded(&self.fields))?;
        Ok(())
    }

    /// Reads a manifest written by [`Manifest::encode`].
    pub fn decode(bytes: &[u8]) -> Result<Manifest, ManifestError> {
        let record = decode_record(bytes)?;
        let mut manifest = Manifest {
            fields: record
                .fields
                .iter()
                .map(|&(meaning, name)| (meaning.to_string(), name.to_string()))
                .collect(),
            ..Manifest::default()
        };
        // Gathered, then made a map in one sorted pass: its nodes end full, half full were the
        // keys inserted one at a time in order.
        let mut files = Vec::new();
        for folder in record.folders {
            for (name, entry) in folder.files()? {
                files.push((join_key(folder.key, name), entry));
            }
            manifest
                .folders
                .insert(folder.key.to_string(), folder.mtime_ns);
        }
        manifest.files = files.into_iter().collect();
        Ok(manifest)
    }

    /// Reads the manifest file at `path`.
    pub fn read(path: &Path) -> Result<Manifest, ManifestError> {
        Manifest::decode(&fs::read(path)?)
    }
}

fn decode_record(bytes: &[u8]) -> Result<Record<'_>, ManifestError> {
    let body = bytes
        .strip_prefix(MAGIC)
        .ok_or_else(|| ManifestError::Format("not a newsgrep manifest of this version".into()))?;
    postcard::from_bytes(body).map_err(|e| ManifestError::Format(e.to_string()))
}

/// Files that differ between the manifest and the corpus on disk.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Changes {
    /// Files not in the index, as indices in the files compared.
    pub added: Vec<usize>,
    /// Files whose size or mtime changed, as indices in the files compared.
    pub changed: Vec<usize>,
    /// Paths in the index that are gone from disk.
    pub removed: Vec<String>,
}

impl Changes {
    /// Whether the index is up to date.
    pub fn is_empty(&self) -> bool {
        self.added.is_empty() && self.changed.is_empty() && self.removed.is_empty()
    }
}

/// Compares the corpus on disk, `files`, with what the manifest says was indexed, by size and
/// mtime only (no file is read). The files are named by their place in `files`, not copied:
/// at a million files each copy of the list is a hundred MB.
pub fn changes(manifest: &Manifest, files: &[SourceFile]) -> Changes {
    let mut out = Changes::default();
    if manifest.files.is_empty() {
        // A first build: every file is new, and no path key needs making.
        out.added = (0..files.len()).collect();
        return out;
    }
    // The manifest's own keys, borrowed: a path key made per file lives only for its lookup.
    let mut seen: FxHashSet<&str> = FxHashSet::default();
    for (i, f) in files.iter().enumerate() {
        match manifest.files.get_key_value(f.key().as_str()) {
            None => out.added.push(i),
            Some((key, e)) => {
                // A file the OS refused to read is tried again: a chmod moves no mtime.
                if e.size != f.size || e.mtime_ns != f.mtime_ns || e.retry {
                    out.changed.push(i);
                }
                seen.insert(key);
            }
        }
    }
    if seen.len() < manifest.files.len() {
        out.removed = manifest
            .files
            .keys()
            .filter(|k| !seen.contains(k.as_str()))
            .cloned()
            .collect();
    }
    out
}

/// The path key of a folder, "" for the working folder.
/// A folder given as `corpus/` is keyed `corpus`, as the paths of its files are.
fn folder_key(path: &Path) -> String {
    let key = ingest::path_key(path);
    let trimmed = key.trim_end_matches('/');
    match trimmed {
        "." | "" if key != "/" => String::new(),
        "" => key,
        _ => trimmed.to_string(),
    }
}

/// A folder's mtime in ns, 0 when it cannot be read.
fn folder_mtime(path: &Path) -> u64 {
    fs::metadata(path).map_or(0, |m| ingest::mtime_ns(&m))
}

/// The mtimes of `folders`, walked from `walk_started` on, that vouch for what the walk listed
/// in them; 0 for the others, which makes the check list them:
/// - a folder changed shortly before the walk: a file added after it was listed could leave
///   the same mtime (timestamps are kept in clock ticks, or whole seconds on some file systems);
/// - every folder when the walk was not `complete` (an unreadable folder, a broken link): what
///   it missed can become readable without any folder's mtime moving.
pub fn folder_stamps(
    folders: &[PathBuf],
    walk_started: SystemTime,
    complete: bool,
) -> BTreeMap<String, u64> {
    let started = walk_started
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as u64);
    folders
        .iter()
        .map(|folder| {
            let mtime = folder_mtime(folder);
            let vouches =
                complete && mtime != 0 && mtime.saturating_add(racy_window(mtime)) <= started;
            (folder_key(folder), if vouches { mtime } else { 0 })
        })
        .collect()
}

/// How long after a folder's mtime another change may still carry the same mtime: a clock
/// tick (kept well above 10 ms), or 2 s where the file system keeps whole (or even) seconds.
fn racy_window(mtime_ns: u64) -> u64 {
    if mtime_ns.is_multiple_of(1_000_000_000) {
        2_000_000_000
    } else {
        50_000_000
    }
}

/// Whether every folder under `roots` still has the mtime recorded, so that no file was added
/// or removed anywhere (a new folder changes its parent's mtime).
fn folders_vouch(record: &Record, roots: &[PathBuf]) -> bool {
    let recorded = |key: &str| record.folders.binary_search_by(|f| f.key.cmp(key)).is_ok();
    roots.iter().all(|root| recorded(&folder_key(root)))
        && record
            .folders
            .iter()
            .all(|f| f.mtime_ns != 0 && folder_mtime(folder_path(f.key)) == f.mtime_ns)
}

/// The quick check of the corpus under `roots` against the manifest file `bytes`, run by every
/// thread that lends it time: each [`QuickCheck::help`] takes tasks (the folders' listing,
/// then one run of files each) until none is left, so that a search's own thread, its answer
/// ready, finishes what the check has left instead of waiting for it.
///
/// It owns what it checks, so that a helper can start before anything that could lend it
/// these (see `freshness`).
pub struct QuickCheck {
    bytes: Vec<u8>,
    roots: Vec<PathBuf>,
    /// Whether the walk follows links below the roots.
    follow: bool,
    /// How many runs of files the check stats, set by the first thread that decodes it.
    runs: OnceLock<usize>,
    /// Whether it stats every file, set with `runs`.
    every_file: OnceLock<bool>,
    /// The next task: 0 is the folders, `i` > 0 the files of run `i - 1` (in folder order).
    next_task: AtomicUsize,
    tasks_done: AtomicUsize,
    doubt: AtomicBool,
}

impl QuickCheck {
    pub fn new(bytes: Vec<u8>, roots: Vec<PathBuf>, follow: bool) -> QuickCheck {
        QuickCheck {
            bytes,
            roots,
            follow,
            runs: OnceLock::new(),
            every_file: OnceLock::new(),
            next_task: AtomicUsize::new(0),
            tasks_done: AtomicUsize::new(0),
            doubt: AtomicBool::new(false),
        }
    }

    /// The manifest file checked against, as given.
    pub fn manifest(&self) -> &[u8] {
        &self.bytes
    }

    /// Runs tasks of the check until none is left or one found a doubt.
    pub fn help(&self) {
        // Each helper decodes the record for itself, so that none waits for another: that is
        // a few entries per folder, the runs of files staying encoded until their task.
        let Ok(record) = decode_record(&self.bytes) else {
            self.doubt.store(true, Ordering::Relaxed);
            return;
        };
        let mut runs: Vec<(&str, &[u8])> = record
            .folders
            .iter()
            .flat_map(|folder| folder.runs.iter().map(|&run| (folder.key, run)))
            .collect();
        // Past the bound, only the folders are checked (see `EVERY_FILE_MAX_RUNS`).
        let every_file = *self
            .every_file
            .get_or_init(|| runs.len() <= EVERY_FILE_MAX_RUNS);
        if !every_file {
            runs.clear();
        }
        self.runs.get_or_init(|| runs.len());
        while !self.doubt.load(Ordering::Relaxed) {
            let task = self.next_task.fetch_add(1, Ordering::Relaxed);
            let fine = match task.checked_sub(1) {
                None => {
                    folders_vouch(&record, &self.roots)
                        || listings_match(&record, &self.roots, self.follow)
                }
                Some(run) => match runs.get(run) {
                    Some((key, run)) => decode_run(run).is_ok_and(|files| stats_match(key, &files)),
                    None => break,
                },
            };
            if !fine {
                self.doubt.store(true, Ordering::Relaxed);
            }
            self.tasks_done.fetch_add(1, Ordering::Release);
        }
    }

    /// Whether the check stats every file (a corpus of at most [`EVERY_FILE_MAX_RUNS`] runs),
    /// or only vouches for the folders' listings; `None` before a helper decoded the manifest.
    pub fn checks_every_file(&self) -> Option<bool> {
        self.every_file.get().copied()
    }

    /// Whether the check found the corpus certainly unchanged; `false` means "run the full
    /// comparison". Asked once every helper has returned.
    pub fn unchanged(&self) -> bool {
        let Some(runs) = self.runs.get() else {
            return false;
        };
        // The count first: once it says every task is done, their doubts are visible too.
        self.tasks_done.load(Ordering::Acquire) == 1 + runs && !self.doubt.load(Ordering::Relaxed)
    }

    /// Runs the whole check on two threads (see the module's comment) and says whether the
    /// corpus is certainly unchanged; `false` means "run the full comparison".
    pub fn run(&self) -> bool {
        std::thread::scope(|scope| {
            let helper = scope.spawn(|| self.help());
            self.help();
            // A helper that panicked left its task undone: the check is then in doubt, and
            // the caller runs the full comparison rather than the search failing.
            let _ = helper.join();
        });
        self.unchanged()
    }
}

/// Whether any of the files `keys` (path keys) differs from the manifest file `bytes` in size
/// or mtime, or is not in it: what a search checks of the files it is about to cite when the
/// check did not stat every file. Decodes only the runs that hold them.
pub fn stale_among<'k>(bytes: &[u8], keys: impl IntoIterator<Item = &'k str>) -> bool {
    let Ok(record) = decode_record(bytes) else {
        return true;
    };
    let mut keys: Vec<&str> = keys.into_iter().collect();
    keys.sort_unstable();
    keys.dedup();
    // Each folder's runs are decoded once however many of its files are cited, and looked up
    // by name: a count of a common word cites most of the corpus, and a scan of the runs for
    // each file took minutes at 190,000 files.
    let mut decoded: FxHashMap<usize, Run> = FxHashMap::default();
    keys.iter().any(|key| {
        let (folder, name) = split_key(key);
        let Ok(at) = record.folders.binary_search_by(|f| f.key.cmp(folder)) else {
            return true;
        };
        let files = match decoded.entry(at) {
            Entry::Occupied(files) => files.into_mut(),
            Entry::Vacant(slot) => match record.folders[at].files() {
                Ok(files) => slot.insert(files),
                Err(_) => return true,
            },
        };
        let entry = files
            .binary_search_by(|(n, _)| (*n).cmp(name))
            .ok()
            .map(|i| (files[i].1.size, files[i].1.mtime_ns));
        let on_disk = fs::symlink_metadata(Path::new(key))
            .ok()
            .map(|m| (m.len(), ingest::mtime_ns(&m)));
        entry.is_none() || entry != on_disk
    })
}

/// The folder keyed `key` as a path ("" is the working folder).
fn folder_path(key: &str) -> &Path {
    Path::new(if key.is_empty() { "." } else { key })
}

/// Whether each of `files` in folder `key` has the size and mtime recorded.
#[cfg(unix)]
fn stats_match(key: &str, files: &Run) -> bool {
    let Ok(folder) = fs::File::open(folder_path(key)) else {
        return false;
    };
    files.iter().all(|(name, entry)| {
        // Through the folder's handle: no path lookup from the root for each file.
        rustix::fs::statat(&folder, *name, rustix::fs::AtFlags::SYMLINK_NOFOLLOW).is_ok_and(|st| {
            // The field types differ between Unixes (u64 on Linux, i64 on macOS).
            #[allow(clippy::unnecessary_cast)]
            let mtime_ns = (st.st_mtime as u64)
                .saturating_mul(1_000_000_000)
                .saturating_add(st.st_mtime_nsec as u64);
            st.st_size as u64 == entry.size && mtime_ns == entry.mtime_ns
        })
    })
}

/// Whether each of `files` in folder `key` has the size and mtime recorded (a path lookup per
/// file where there is no `statat`).
#[cfg(not(unix))]
fn stats_match(key: &str, files: &Run) -> bool {
    let folder = folder_path(key);
    files.iter().all(|(name, entry)| {
        fs::symlink_metadata(folder.join(name))
            .is_ok_and(|m| m.len() == entry.size && ingest::mtime_ns(&m) == entry.mtime_ns)
    })
}

/// Whether listing the folders under `roots` finds exactly the article files of `record`:
/// the same folders holding articles, each with the same names.
fn listings_match(record: &Record, roots: &[PathBuf], follow: bool) -> bool {
    let mut found = Vec::new();
    for root in roots {
        let key = folder_key(root);
        // A root may be a link to a folder (the walk follows links too); links inside it
        // are left to the full comparison.
        if !fs::metadata(root).is_ok_and(|m| m.is_dir())
            || key.ends_with('/')
            || key.contains('\\')
            || !list(root, key, follow, &mut found)
        {
            return false;
        }
    }
    found.sort_unstable_by(|a, b| a.0.cmp(&b.0));
    let holding: Vec<&FolderRecord> = record
        .folders
        .iter()
        .filter(|f| !f.runs.is_empty())
        .collect();
    found.len() == holding.len()
        && found.iter().zip(holding).all(|((key, names), folder)| {
            key == folder.key
                && folder.files().is_ok_and(|files| {
                    names.len() == files.len() && names.iter().zip(&files).all(|(a, b)| *a == b.0)
                })
        })
}

/// Lists folder `dir` (keyed `key`) and the folders below it into `found`: each folder that
/// holds article files, with their names sorted. `false` on anything the quick check does not
/// decide (an unreadable folder, a symlink, a name that is not UTF-8).
fn list(dir: &Path, key: String, follow: bool, found: &mut Vec<(String, Vec<String>)>) -> bool {
    let Ok(entries) = fs::read_dir(dir) else {
        return false;
    };
    let mut names = Vec::new();
    let mut folders = Vec::new();
    for entry in entries {
        let Ok(entry) = entry else { return false };
        let Ok(kind) = entry.file_type() else {
            return false;
        };
        let Ok(name) = entry.file_name().into_string() else {
            return false;
        };
        if kind.is_dir() {
            folders.push(name);
        } else if kind.is_symlink() {
            // Not followed, a link holds nothing the index has; followed, the full
            // comparison decides.
            if follow {
                return false;
            }
        } else if kind.is_file() && ingest::format_of(Path::new(&name)).is_some() {
            names.push(name);
        }
    }
    for name in folders {
        let sub = join_key(&key, &name);
        if !list(&dir.join(&name), sub, follow, found) {
            return false;
        }
    }
    if !names.is_empty() {
        names.sort_unstable();
        found.push((key, names));
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn against_an_empty_manifest_every_file_is_added_and_none_removed() {
        let file = |name: &str, size| SourceFile {
            path: PathBuf::from(name),
            format: crate::clean::Format::Text,
            size,
            mtime_ns: 7,
        };
        let files = [file("corpus/a.txt", 10), file("corpus/b.txt", 0)];
        let first = changes(&Manifest::default(), &files);
        assert_eq!(first.added, [0, 1]);
        assert!(first.changed.is_empty() && first.removed.is_empty());
        let mut indexed = Manifest::default();
        indexed.files.insert("corpus/a.txt".into(), entry(10, 7));
        indexed.files.insert("corpus/gone.txt".into(), entry(1, 1));
        let next = changes(&indexed, &files);
        assert_eq!(next.added, [1]);
        assert!(next.changed.is_empty());
        assert_eq!(next.removed, ["corpus/gone.txt"]);
    }

    fn entry(size: u64, mtime_ns: u64) -> FileEntry {
        FileEntry {
            size,
            mtime_ns,
            passages: 3,
            ..FileEntry::default()
        }
    }

    #[test]
    fn an_entry_holds_no_collection_fields_in_line() {
        // A build holds an entry per file: a plain file's carries no collection's state.
        assert_eq!(std::mem::size_of::<FileEntry>(), 56);
    }

    #[test]
    fn a_manifest_reads_back_as_written() {
        let mut manifest = Manifest::default();
        manifest.files.insert("a.txt".into(), entry(1, 2));
        manifest.files.insert("c/x.html".into(), entry(3, 4));
        manifest.files.insert("c/sub/y.txt".into(), entry(5, 6));
        manifest.files.insert(
            "c/z.txt".into(),
            FileEntry {
                skipped: Some("permission denied".into()),
                retry: true,
                ..entry(0, 7)
            },
        );
        manifest.files.insert(
            "c/news.jsonl".into(),
            FileEntry {
                collection: Some(Box::new(CollectionRead {
                    records: 9,
                    tail: 0,
                    fields: 5,
                })),
                ..entry(8, 9)
            },
        );
        manifest.folders = [("", 10), ("c", 11), ("c/sub", 0), ("empty", 12)]
            .into_iter()
            .map(|(k, t)| (k.to_string(), t))
            .collect();
        assert_eq!(Manifest::decode(&manifest.encode()).ok(), Some(manifest));
    }

    #[test]
    fn a_folder_of_many_files_reads_back_from_its_runs() {
        let mut manifest = Manifest::default();
        for i in 0..2 * STAT_CHUNK + 3 {
            manifest
                .files
                .insert(format!("big/{i:05}.txt"), entry(i as u64, 7));
        }
        manifest.files.insert("small/a.txt".into(), entry(1, 2));
        manifest.folders = [("big".to_string(), 8), ("small".to_string(), 0)].into();
        let bytes = manifest.encode();
        let record = decode_record(&bytes).expect("a manifest");
        let runs: Vec<usize> = record.folders.iter().map(|f| f.runs.len()).collect();
        assert_eq!(runs, [3, 1]);
        assert!(Manifest::decode(&bytes).is_ok_and(|back| back == manifest));
    }

    #[test]
    fn a_manifest_written_a_folder_at_a_time_is_the_record_as_postcard_writes_it() {
        let mut manifest = Manifest::default();
        for i in 0..STAT_CHUNK + 2 {
            manifest
                .files
                .insert(format!("big/{i:04}.txt"), entry(i as u64, 7));
        }
        manifest.files.insert("a.txt".into(), entry(1, 2));
        manifest.files.insert("big/sub/b.txt".into(), entry(3, 4));
        manifest.folders = [("", 3), ("big", 8), ("big/sub", 0), ("empty", 9)]
            .into_iter()
            .map(|(k, t)| (k.to_string(), t))
            .collect();
        let bytes = manifest.encode();
        let record = decode_record(&bytes).expect("a manifest");
        let mut whole = MAGIC.to_vec();
        whole.extend(encoded(&record));
        assert_eq!(bytes, whole, "the layout of a Record, byte for byte");
    }

    #[test]
    fn a_manifest_of_another_format_is_refused() {
        let err = Manifest::decode(b"{\"files\":{}}").expect_err("JSON is not a manifest");
        assert!(err.to_string().starts_with("bad manifest"), "{err}");
        let mut cut = Manifest::default().encode();
        cut.extend([0xff, 0xff]);
        assert!(Manifest::decode(&cut[..MAGIC.len() - 1]).is_err());
    }

    /// The quick check of a corpus walked following links (the case with most to check).
    fn certainly_unchanged(bytes: &[u8], roots: &[PathBuf]) -> bool {
        QuickCheck::new(bytes.to_vec(), roots.to_vec(), true).run()
    }

    /// A manifest of what is on disk under `root` now.
    fn manifest_of(root: &Path) -> Vec<u8> {
        let walk_started = SystemTime::now();
        let found = ingest::discover(&[root.to_path_buf()], true);
        let mut manifest = Manifest::default();
        for f in found.files {
            manifest.files.insert(f.key(), entry(f.size, f.mtime_ns));
        }
        manifest.folders = folder_stamps(&found.folders, walk_started, found.skips.is_empty());
        manifest.encode()
    }

    /// Sets the mtime of every folder under `root` an hour back, as for a corpus that was
    /// last changed long before it was indexed.
    fn age_folders(root: &Path) {
        let hour_ago = SystemTime::now() - std::time::Duration::from_secs(3600);
        for folder in ingest::discover(&[root.to_path_buf()], false).folders {
            fs::File::open(&folder)
                .and_then(|f| f.set_modified(hour_ago))
                .expect("setting a folder's mtime");
        }
    }

    fn vouched(bytes: &[u8], root: &Path) -> bool {
        let record = decode_record(bytes).expect("a manifest");
        folders_vouch(&record, &[root.to_path_buf()])
    }

    #[test]
    fn folders_changed_just_before_the_walk_do_not_vouch_for_their_listing() {
        let dir = corpus();
        // Within the window of the walk however slow the machine: stamped a second ahead.
        let soon = SystemTime::now() + std::time::Duration::from_secs(1);
        for folder in ingest::discover(&[dir.path().to_path_buf()], false).folders {
            fs::File::open(&folder)
                .and_then(|f| f.set_modified(soon))
                .expect("setting a folder's mtime");
        }
        let bytes = manifest_of(dir.path());
        assert!(!vouched(&bytes, dir.path()));
        assert!(certainly_unchanged(&bytes, &[dir.path().to_path_buf()]));
    }

    #[test]
    fn old_folders_vouch_for_their_listing_until_a_file_comes_or_goes() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        age_folders(dir.path());
        let bytes = manifest_of(dir.path());
        assert!(vouched(&bytes, dir.path()));
        assert!(certainly_unchanged(&bytes, &roots));

        fs::write(dir.path().join("sub/c.txt"), "three").expect("adding a file");
        assert!(!vouched(&bytes, dir.path()));
        assert!(!certainly_unchanged(&bytes, &roots), "added");

        fs::remove_file(dir.path().join("sub/c.txt")).expect("removing a file");
        age_folders(dir.path());
        let bytes = manifest_of(dir.path());
        fs::create_dir(dir.path().join("new")).expect("adding a folder");
        fs::write(dir.path().join("new/d.txt"), "four").expect("adding a file");
        assert!(!certainly_unchanged(&bytes, &roots), "new folder");
    }

    #[test]
    fn an_edit_in_place_is_seen_in_a_folder_that_vouches() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        age_folders(dir.path());
        let bytes = manifest_of(dir.path());
        fs::write(dir.path().join("sub/b.html"), "<p>2</p>").expect("editing a file");
        assert!(
            vouched(&bytes, dir.path()),
            "an edit leaves the folder's mtime"
        );
        assert!(!certainly_unchanged(&bytes, &roots));
    }

    #[test]
    fn a_change_within_the_racy_window_leaves_the_folder_unvouched() {
        let second = 1_700_000_000_000_000_000u64;
        let fine = second + 123_456_789;
        let dir = corpus();
        // The stamp of the folder modified at `mtime`, walked `after` ns later.
        let stamp = |mtime: u64, after: u64| {
            let at = |ns: u64| UNIX_EPOCH + std::time::Duration::from_nanos(ns);
            fs::File::open(dir.path())
                .and_then(|f| f.set_modified(at(mtime)))
                .expect("setting the mtime");
            let folder = [dir.path().to_path_buf()];
            folder_stamps(&folder, at(mtime + after), true)
                .values()
                .next()
                .copied()
        };
        assert_eq!(stamp(fine, 10_000_000), Some(0));
        assert_eq!(stamp(fine, 60_000_000), Some(fine));
        // Whole seconds: the file system may round, so two seconds must pass.
        assert_eq!(stamp(second, 1_500_000_000), Some(0));
        assert_eq!(stamp(second, 2_000_000_000), Some(second));
    }

    fn corpus() -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::write(dir.path().join("a.txt"), "one").expect("writing the test corpus");
        fs::create_dir(dir.path().join("sub")).expect("writing the test corpus");
        fs::write(dir.path().join("sub/b.html"), "<p>two</p>").expect("writing the test corpus");
        fs::write(dir.path().join("notes.pdf"), "ignored").expect("writing the test corpus");
        dir
    }

    #[test]
    fn an_unchanged_corpus_is_certainly_unchanged() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        assert!(certainly_unchanged(&manifest_of(dir.path()), &roots));
    }

    #[test]
    fn a_check_decides_only_once_its_helpers_did_every_task() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        let bytes = manifest_of(dir.path());
        let check = QuickCheck::new(bytes.clone(), roots.to_vec(), true);
        assert!(!check.unchanged(), "nothing checked yet");
        check.help();
        assert!(check.unchanged(), "one thread does every task");
        check.help();
        assert!(check.unchanged(), "a late helper finds nothing left");

        fs::write(dir.path().join("a.txt"), "edited").expect("writing the test corpus");
        let check = QuickCheck::new(bytes.clone(), roots.to_vec(), true);
        std::thread::scope(|scope| {
            scope.spawn(|| check.help());
            check.help();
        });
        assert!(!check.unchanged());
    }

    #[test]
    fn a_task_taken_and_never_finished_leaves_the_check_in_doubt() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        let bytes = manifest_of(dir.path());
        let check = QuickCheck::new(bytes.clone(), roots.to_vec(), true);
        // A helper that took the first task (the folders) and died before finishing it.
        check.next_task.fetch_add(1, Ordering::Relaxed);
        check.help();
        assert!(!check.unchanged());
    }

    #[test]
    fn a_damaged_manifest_is_never_taken_for_unchanged() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        let good = manifest_of(dir.path());
        assert!(!certainly_unchanged(&good[..good.len() - 3], &roots));
        assert!(!certainly_unchanged(b"garbage", &roots));
    }

    #[cfg(unix)]
    #[test]
    fn a_root_that_links_to_a_folder_is_checked_quickly() {
        let dir = corpus();
        let link = dir.path().with_extension("link");
        std::os::unix::fs::symlink(dir.path(), &link).expect("linking the test corpus");
        let unchanged = certainly_unchanged(&manifest_of(&link), std::slice::from_ref(&link));
        fs::remove_file(&link).expect("removing the link");
        assert!(unchanged);
    }

    #[test]
    fn a_root_written_with_a_trailing_slash_is_checked_quickly() {
        let dir = corpus();
        let root = PathBuf::from(format!("{}/", dir.path().display()));
        let roots = [root.clone()];
        age_folders(dir.path());
        let bytes = manifest_of(&root);
        assert!(vouched(&bytes, &root));
        assert!(certainly_unchanged(&bytes, &roots));
        let fresh = corpus();
        let root = PathBuf::from(format!("{}/", fresh.path().display()));
        assert!(certainly_unchanged(&manifest_of(&root), &[root]));
    }

    #[cfg(unix)]
    #[test]
    fn a_walk_that_missed_something_vouches_for_no_folder() {
        let dir = corpus();
        let outside = tempfile::tempdir().expect("a temporary folder");
        let target = outside.path().join("later.html");
        std::os::unix::fs::symlink(&target, dir.path().join("sub/later.html"))
            .expect("a link to a file not there yet");
        age_folders(dir.path());
        let bytes = manifest_of(dir.path());
        assert!(!vouched(&bytes, dir.path()));
        fs::write(&target, "<p>now it is</p>").expect("the link's target");
        assert!(!certainly_unchanged(&bytes, &[dir.path().to_path_buf()]));
    }

    #[test]
    fn an_added_removed_or_edited_article_is_seen() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        let before = manifest_of(dir.path());
        fs::write(dir.path().join("sub/c.txt"), "three").expect("writing the test corpus");
        assert!(!certainly_unchanged(&before, &roots), "added");

        let before = manifest_of(dir.path());
        fs::remove_file(dir.path().join("a.txt")).expect("writing the test corpus");
        assert!(!certainly_unchanged(&before, &roots), "removed");

        let before = manifest_of(dir.path());
        fs::write(dir.path().join("sub/b.html"), "<p>2</p>").expect("writing the test corpus");
        assert!(!certainly_unchanged(&before, &roots), "edited");
    }

    #[test]
    fn files_that_are_not_articles_do_not_count() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        let before = manifest_of(dir.path());
        fs::write(dir.path().join("sub/photo.jpg"), "jpeg").expect("writing the test corpus");
        fs::create_dir(dir.path().join("empty")).expect("writing the test corpus");
        assert!(certainly_unchanged(&before, &roots));
    }

    #[test]
    fn a_new_folder_of_articles_is_seen() {
        let dir = corpus();
        let roots = [dir.path().to_path_buf()];
        let before = manifest_of(dir.path());
        fs::create_dir(dir.path().join("new")).expect("writing the test corpus");
        fs::write(dir.path().join("new/d.txt"), "four").expect("writing the test corpus");
        assert!(!certainly_unchanged(&before, &roots));
    }

    #[test]
    fn the_files_an_answer_cites_are_checked_one_by_one() {
        let dir = corpus();
        let bytes = manifest_of(dir.path());
        let key = |name: &str| ingest::path_key(&dir.path().join(name));
        let (a, b) = (key("a.txt"), key("sub/b.html"));
        assert!(!stale_among(&bytes, [a.as_str(), b.as_str()]));
        fs::write(dir.path().join("a.txt"), "one, edited").expect("an edit");
        assert!(stale_among(&bytes, [a.as_str()]));
        assert!(!stale_among(&bytes, [b.as_str()]));
        assert!(stale_among(&bytes, [key("never-indexed.txt").as_str()]));
    }

    #[test]
    fn a_cited_file_is_found_in_any_run_of_its_folder() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let files = 2 * STAT_CHUNK + 1;
        for i in 0..files {
            fs::write(dir.path().join(format!("{i:04}.txt")), "text").expect("a file");
        }
        let bytes = manifest_of(dir.path());
        let key = |i: usize| ingest::path_key(&dir.path().join(format!("{i:04}.txt")));
        let (first, last) = (key(0), key(files - 1));
        assert!(!stale_among(&bytes, [first.as_str(), last.as_str()]));
        fs::write(dir.path().join(format!("{:04}.txt", files - 1)), "edited").expect("an edit");
        assert!(stale_among(&bytes, [first.as_str(), last.as_str()]));
        assert!(!stale_among(&bytes, [first.as_str()]));
    }

    /// A manifest of `files` made-up files in `root` (which holds none of them), with the
    /// folder's present mtime recorded.
    fn made_up_manifest(root: &Path, files: usize) -> Vec<u8> {
        let mut manifest = Manifest::default();
        for i in 0..files {
            let key = ingest::path_key(&root.join(format!("{i:06}.txt")));
            manifest.files.insert(key, entry(1, 1));
        }
        manifest
            .folders
            .insert(folder_key(root), folder_mtime(root));
        manifest.encode()
    }

    #[test]
    fn past_the_bound_the_check_stats_no_file_and_vouches_by_the_folders() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        age_folders(dir.path());
        let roots = [dir.path().to_path_buf()];
        let small = QuickCheck::new(made_up_manifest(dir.path(), 10), roots.to_vec(), false);
        assert!(!small.run(), "ten files, each statted, none there");
        assert_eq!(small.checks_every_file(), Some(true));
        let files = EVERY_FILE_MAX_RUNS * STAT_CHUNK + 1;
        let large = QuickCheck::new(made_up_manifest(dir.path(), files), roots.to_vec(), false);
        assert!(large.run(), "the folder's mtime vouches for its listing");
        assert_eq!(large.checks_every_file(), Some(false));
    }
}
