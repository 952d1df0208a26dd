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
use std::fs::{self, File};
use std::io::{Read, Seek, SeekFrom};
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

/// The magic number that ends a tantivy file, after the length of its footer.
const FOOTER_MAGIC: u32 = 1337;

/// The longest footer tantivy reads (a JSON object of its version and the checksum).
const FOOTER_MAX_LEN: u32 = 50_000;

/// The bytes read at a time when a checksum is verified.
const CHUNK: usize = 1024 * 1024;

/// The part of a tantivy file's footer that is checked: the CRC32 of the file's body.
#[derive(Deserialize)]
struct Footer {
    crc: u32,
}

/// Why a file's checksum could not be verified.
#[derive(Debug)]
enum Unverified {
    /// The OS refuses this user the file: nothing is known of its state.
    Denied(PathBuf, std::io::Error),
    /// The file is damaged, cut short or cannot be read.
    Damaged(String),
}

impl std::fmt::Display for Unverified {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Unverified::Denied(path, e) => write!(f, "{}: {e}", path.display()),
            Unverified::Damaged(reason) => f.write_str(reason),
        }
    }
}

/// Verifies the checksum of the file `name` of `generation`, as tantivy's own check does (a
/// tantivy file is its body, a JSON footer holding the body's CRC32, the footer's length and a
/// magic number, both 32-bit little-endian), but reading the file a chunk at a time rather than
/// through a memory map: mapped pages count in the process's memory as long as the map is
/// open, and an index's files add up to its whole size.
fn verify(generation: &Path, name: &Path) -> Result<(), Unverified> {
    let path = generation.join(name);
    let failed = |what: String| Unverified::Damaged(format!("{}: {what}", name.display()));
    let mut file = File::open(&path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::PermissionDenied {
            Unverified::Denied(path.clone(), e)
        } else {
            failed(e.to_string())
        }
    })?;
    let len = file.metadata().map_err(|e| failed(e.to_string()))?.len();
    if len < 8 {
        return Err(failed(format!("too short for a footer ({len} bytes)")));
    }
    let mut tail = [0u8; 8];
    file.seek(SeekFrom::Start(len - 8))
        .and_then(|_| file.read_exact(&mut tail))
        .map_err(|e| failed(e.to_string()))?;
    let [a, b, c, d, e, f, g, h] = tail;
    let (footer_len, magic) = (
        u32::from_le_bytes([a, b, c, d]),
        u32::from_le_bytes([e, f, g, h]),
    );
    if magic != FOOTER_MAGIC || footer_len > FOOTER_MAX_LEN || u64::from(footer_len) + 8 > len {
        return Err(failed("its footer is damaged".into()));
    }
    let body = len - 8 - u64::from(footer_len);
    let mut footer = vec![0u8; footer_len as usize];
    file.seek(SeekFrom::Start(body))
        .and_then(|_| file.read_exact(&mut footer))
        .map_err(|e| failed(e.to_string()))?;
    let footer: Footer =
        serde_json::from_slice(&footer).map_err(|_| failed("its footer is damaged".into()))?;
    file.rewind().map_err(|e| failed(e.to_string()))?;
    let mut hasher = crc32fast::Hasher::new();
    let mut chunk = vec![0u8; CHUNK];
    let mut left = body;
    while left > 0 {
        let want = usize::try_from(left).map_or(CHUNK, |left| left.min(CHUNK));
        let read = &mut chunk[..want];
        file.read_exact(read).map_err(|e| failed(e.to_string()))?;
        hasher.update(read);
        left -= want as u64;
    }
    if hasher.finalize() == footer.crc {
        Ok(())
    } else {
        Err(Unverified::Damaged(format!(
            "{} fails its checksum",
            name.display()
        )))
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
            verify(generation, name).map_err(|e| match e {
                // Reported as it is, never as damage, which an update would rebuild over.
                Unverified::Denied(path, source) => IndexError::Io { path, source },
                Unverified::Damaged(reason) => damaged(reason),
            })?;
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
            verify(generation, &name)
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{update, NewsIndex, Scope};

    #[test]
    fn the_chunked_check_agrees_with_tantivys_and_finds_a_flipped_byte() {
        let work = tempfile::tempdir().expect("a temporary folder");
        let (corpus, dir) = (work.path().join("corpus"), work.path().join("index"));
        fs::create_dir(&corpus).expect("a corpus folder");
        for i in 0..3 {
            let body = "The council met on Monday and voted on the plan. ".repeat(40 * (i + 1));
            fs::write(
                corpus.join(format!("{i}.txt")),
                format!("Headline {i}\n\n{body}\n"),
            )
            .expect("an article");
        }
        update(&dir, &[corpus], false, false, Scope::Corpus, &|_, _| {}).expect("an index");
        let open = NewsIndex::open(&dir).expect("readable").expect("an index");
        let generation = crate::index::folder::current_generation(&dir)
            .expect("a generation")
            .expect("a generation");
        let files = living_files(&open.index, &generation).expect("its files");
        assert!(files.len() > 3, "{files:?}");
        for (name, _) in &files {
            assert_eq!(
                open.index.directory().validate_checksum(name).ok(),
                Some(true)
            );
            assert!(verify(&generation, name).is_ok(), "{}", name.display());
        }
        drop(open);
        // The largest file, damaged in its body, then in its footer, then cut short.
        let (name, _) = files
            .iter()
            .max_by_key(|(_, (size, _))| *size)
            .expect("a file");
        let path = generation.join(name);
        let good = fs::read(&path).expect("the file");
        let mut bad = good.clone();
        bad[good.len() / 3] ^= 0x20;
        fs::write(&path, &bad).expect("damaged");
        let err = verify(&generation, name)
            .expect_err("a flipped byte")
            .to_string();
        assert!(err.ends_with("fails its checksum"), "{err}");
        let mut bad = good.clone();
        let at = good.len() - 3;
        bad[at] ^= 0x01;
        fs::write(&path, &bad).expect("damaged");
        let err = verify(&generation, name)
            .expect_err("a damaged footer")
            .to_string();
        assert!(err.ends_with("its footer is damaged"), "{err}");
        fs::write(&path, &good[..good.len() / 2]).expect("cut short");
        assert!(verify(&generation, name).is_err());
        fs::write(&path, &good[..5]).expect("cut shorter");
        assert!(verify(&generation, name).is_err());
    }
}
