//! The folder an export goes to: new, empty, or an earlier export to the same target, which
//! is replaced. Nothing is written outside it: links are refused, and every file is created
//! new (a link planted after the check is not followed).

use super::Target;
use anyhow::{bail, Context, Result};
use serde::{Deserialize, Serialize};
use std::fs::File;
use std::path::Path;

/// The file that marks a folder as a newsgrep export, and of which target.
pub(crate) const MARKER: &str = "newsgrep-export.json";

/// What the marker file holds.
#[derive(Debug, Serialize, Deserialize)]
pub(crate) struct Marker {
    /// The target: `opensearch`, `quickwit` or `jsonl`.
    pub target: String,
    /// Whether the export finished (false while it is written).
    pub complete: bool,
    /// Passages written.
    pub passages: u64,
    /// The files written besides this one.
    pub files: Vec<String>,
    /// The newsgrep version that wrote it.
    pub version: String,
}

/// Fails unless `dir` is missing, an empty folder, or an earlier export to `target` holding
/// nothing else; changes nothing.
pub(crate) fn check(dir: &Path, target: Target) -> Result<()> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(e) => return Err(e).with_context(|| format!("reading {}", dir.display())),
    };
    if meta.file_type().is_symlink() {
        bail!(
            "{} is a link; newsgrep writes an export only into a real folder: give the folder itself",
            dir.display()
        );
    }
    if !meta.is_dir() {
        bail!("{} is not a folder", dir.display());
    }
    let names = entries(dir)?;
    if names.is_empty() || is_earlier_export(dir, target, &names) {
        return Ok(());
    }
    bail!(
        "{} is not empty and holds no earlier {} export of newsgrep; give a new or empty folder",
        dir.display(),
        target.name()
    )
}

/// Makes `dir` ready for an export to `target`: creates it, or removes the files of the
/// earlier export it holds (after [`check`]).
pub(crate) fn prepare(dir: &Path, target: Target) -> Result<()> {
    check(dir, target)?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    // Only the export's own files: one put there since the check is not ours to remove.
    for name in entries(dir)?.iter().filter(|n| is_ours(target, n)) {
        let path = dir.join(name);
        std::fs::remove_file(&path).with_context(|| format!("removing {}", path.display()))?;
    }
    Ok(())
}

/// Creates the file `path`, which must not exist yet.
pub(crate) fn create_new(path: &Path) -> Result<File> {
    File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .with_context(|| format!("creating {}", path.display()))
}

/// Writes the marker of an export to `target` into `dir`, replacing an earlier one.
pub(crate) fn write_marker(dir: &Path, target: Target, marker: &Marker) -> Result<()> {
    debug_assert_eq!(marker.target, target.name());
    let path = dir.join(MARKER);
    let partial = dir.join(format!("{MARKER}.partial"));
    let mut text = serde_json::to_string_pretty(marker)?;
    text.push('\n');
    // Written aside and renamed, so that the marker is never half written; the rename
    // replaces the name, never a link's target.
    let _ = std::fs::remove_file(&partial);
    std::io::Write::write_all(&mut create_new(&partial)?, text.as_bytes())
        .with_context(|| format!("writing {}", partial.display()))?;
    std::fs::rename(&partial, &path).with_context(|| format!("writing {}", path.display()))
}

/// The names in `dir`.
fn entries(dir: &Path) -> Result<Vec<String>> {
    let mut names = Vec::new();
    for entry in std::fs::read_dir(dir).with_context(|| format!("listing {}", dir.display()))? {
        let entry = entry.with_context(|| format!("listing {}", dir.display()))?;
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    Ok(names)
}

/// Whether the files `names` of `dir` are an export to `target` (finished or not) and nothing
/// else: its marker names that target and every other entry is a plain file it writes.
fn is_earlier_export(dir: &Path, target: Target, names: &[String]) -> bool {
    let marker = std::fs::read(dir.join(MARKER))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Marker>(&bytes).ok());
    if marker.is_none_or(|m| m.target != target.name()) {
        return false;
    }
    names.iter().all(|name| {
        let plain = std::fs::symlink_metadata(dir.join(name)).is_ok_and(|m| m.is_file());
        plain && is_ours(target, name)
    })
}

/// Whether an export to `target` writes a file named `name`, its marker included.
fn is_ours(target: Target, name: &str) -> bool {
    name == MARKER || name == format!("{MARKER}.partial") || target.writes(name)
}
