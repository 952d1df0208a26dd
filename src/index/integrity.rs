//! Checksums of the index files: a damaged index is reported, never read.
//!
//! tantivy ends every segment file with a CRC32 of its content but does not check it when it
//! reads, and a damaged file can then panic, abort on a huge allocation, or quietly change the
//! results. Checking every file at every search would read the whole index, so the writer
//! checks each file it made once, after its commit, and records the file's size and mtime
//! beside it ([`STAMPS`]). Opening the index stats the files of the commit (a few per
//! segment): a file whose size or mtime is not the one recorded (written to since, or never
//! recorded) has its checksum verified before anything reads it. A change that keeps both the
//! size and the mtime (written, then `touch -r`) goes unseen.

use super::IndexError;
use anyhow::{Context, Result};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use tantivy::Index;

/// The file of a generation that lists its verified files.
const STAMPS: &str = "verified.json";

/// Files whose checksum was verified, by name, with their size and mtime (ns) at the time.
#[derive(Debug, Default, Serialize, Deserialize)]
struct Stamps {
    files: BTreeMap<String, (u64, u64)>,
}

impl Stamps {
    fn read(generation: &Path) -> Stamps {
        fs::read(generation.join(STAMPS))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default()
    }
}

/// Size and mtime of `path`, `None` when it cannot be read.
fn stamp_of(path: &Path) -> Option<(u64, u64)> {
    let meta = fs::metadata(path).ok()?;
    Some((meta.len(), crate::ingest::mtime_ns(&meta)))
}

/// The files of the commit `index` opened, with their stamps; files a component does not
/// have (a segment without deletions has no `.del`) are left out.
fn living_files(index: &Index, generation: &Path) -> tantivy::Result<Vec<(PathBuf, (u64, u64))>> {
    let mut files: Vec<(PathBuf, (u64, u64))> = index
        .searchable_segment_metas()?
        .iter()
        .flat_map(|segment| segment.list_files())
        .filter_map(|name| stamp_of(&generation.join(&name)).map(|stamp| (name, stamp)))
        .collect();
    files.sort();
    Ok(files)
}

/// Verifies the checksum of `name`, a file of `index`.
fn verify(index: &Index, name: &Path) -> Result<(), String> {
    match index.directory().validate_checksum(name) {
        Ok(true) => Ok(()),
        Ok(false) => Err(format!("{} fails its checksum", name.display())),
        Err(e) => Err(format!("{}: {e}", name.display())),
    }
}

/// Checks the files of the commit `index` opened from `generation`: those not recorded as
/// verified with their present size and mtime have their checksum verified.
pub(crate) fn check(index: &Index, generation: &Path, dir: &Path) -> Result<(), IndexError> {
    let damaged = |reason: String| IndexError::Damaged {
        path: dir.to_path_buf(),
        reason,
    };
    let stamps = Stamps::read(generation);
    let files = living_files(index, generation).map_err(|e| damaged(e.to_string()))?;
    for (name, stamp) in &files {
        let key = name.to_string_lossy();
        if stamps.files.get(key.as_ref()) != Some(stamp) {
            verify(index, name).map_err(damaged)?;
        }
    }
    Ok(())
}

/// Verifies the files of the last commit of `index` (in `generation`) that are not yet
/// recorded, and records them all: run by the writer after each commit, under the write lock.
pub(crate) fn record(index: &Index, generation: &Path) -> Result<()> {
    let old = Stamps::read(generation);
    let files = living_files(index, generation)?;
    let mut stamps = Stamps::default();
    for (name, stamp) in files {
        let key = name.to_string_lossy().into_owned();
        if old.files.get(&key) != Some(&stamp) {
            verify(index, &name)
                .map_err(|reason| anyhow::anyhow!("the index just written is damaged: {reason}"))?;
        }
        stamps.files.insert(key, stamp);
    }
    let path = generation.join(STAMPS);
    let tmp = generation.join(format!("{STAMPS}.tmp"));
    fs::write(&tmp, serde_json::to_vec(&stamps)?)
        .and_then(|()| fs::rename(&tmp, &path))
        .with_context(|| format!("writing {}", path.display()))
}
