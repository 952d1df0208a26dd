//! The index folder: whether it is newsgrep's, which generation is current, and what may be
//! deleted in it.
//!
//! newsgrep writes and deletes only inside a folder it has marked as its own with the file
//! [`MARKER`] (or, for indexes built before the marker existed, one whose `CURRENT` names a
//! generation holding a tantivy index). It never follows a link inside the folder: a link
//! there could point a write or a delete anywhere, so an index folder holding one is refused.

use super::IndexError;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The file that marks a folder as a newsgrep index, with the folder format inside.
pub(crate) const MARKER: &str = crate::ingest::INDEX_MARKER;

/// What [`MARKER`] holds: the layout of the folder (CURRENT, gen-*, write.lock), not the
/// schema, which each commit records.
const MARKER_TEXT: &str = "newsgrep index folder, format 1\n";

/// What a folder named as the index is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Ownership {
    /// Nothing there yet.
    Absent,
    /// A folder with nothing in it but hidden files (a `.gitignore`, say).
    Empty,
    /// newsgrep's index folder.
    Ours,
}

/// Whether `name` is a generation folder's name as newsgrep makes them: `gen-` and digits.
pub(crate) fn is_generation_name(name: &str) -> bool {
    name.strip_prefix("gen-")
        .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// What the folder `dir` is, or why newsgrep must not use it as its index.
pub(crate) fn ownership(dir: &Path) -> Result<Ownership, IndexError> {
    let meta = match fs::metadata(dir) {
        Ok(meta) => meta,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Ownership::Absent),
        Err(e) => return Err(IndexError::unreadable(dir, e)),
    };
    if !meta.is_dir() {
        return Err(IndexError::Foreign(dir.to_path_buf()));
    }
    let entries = fs::read_dir(dir).map_err(|e| IndexError::unreadable(dir, e))?;
    let mut names = Vec::new();
    for entry in entries {
        let entry = entry.map_err(|e| IndexError::unreadable(dir, e))?;
        if entry.file_type().is_ok_and(|t| t.is_symlink()) {
            return Err(IndexError::Link(entry.path()));
        }
        names.push(entry.file_name().to_string_lossy().into_owned());
    }
    if names.iter().any(|n| n == MARKER) {
        return Ok(Ownership::Ours);
    }
    if names.iter().all(|n| n.starts_with('.')) {
        return Ok(Ownership::Empty);
    }
    if is_unmarked_index(dir, &names) {
        return Ok(Ownership::Ours);
    }
    Err(IndexError::Foreign(dir.to_path_buf()))
}

/// An index written before the marker existed: `CURRENT` names a generation folder holding a
/// tantivy `meta.json`, and nothing else is there but what newsgrep makes.
fn is_unmarked_index(dir: &Path, names: &[String]) -> bool {
    let ours = |n: &String| {
        n.starts_with('.')
            || is_generation_name(n)
            || matches!(n.as_str(), "CURRENT" | "CURRENT.tmp" | "write.lock")
    };
    let Ok(current) = fs::read_to_string(dir.join("CURRENT")) else {
        return false;
    };
    let current = current.trim();
    names.iter().all(ours)
        && is_generation_name(current)
        && dir.join(current).join("meta.json").is_file()
}

/// Marks `dir` (absent, empty or already ours) as newsgrep's index folder, creating it.
pub(crate) fn claim(dir: &Path) -> Result<(), IndexError> {
    let path = dir.join(MARKER);
    if path.is_file() {
        return Ok(());
    }
    fs::create_dir_all(dir).map_err(|e| IndexError::unreadable(dir, e))?;
    match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
    {
        Ok(mut file) => file
            .write_all(MARKER_TEXT.as_bytes())
            .and_then(|()| file.sync_all())
            .map_err(|e| IndexError::unreadable(&path, e)),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(IndexError::unreadable(&path, e)),
    }
}

/// Gives the files tantivy writes through a temporary file (`meta.json`, `.managed.json`),
/// which it creates readable by their owner only, the permissions of the marker, which
/// follow the umask: an index shared with a group or other users stays readable to them.
pub(crate) fn share_like_marker(dir: &Path, generation: &Path) {
    let Ok(marker) = fs::metadata(dir.join(MARKER)) else {
        return;
    };
    for name in ["meta.json", ".managed.json"] {
        let _ = fs::set_permissions(generation.join(name), marker.permissions());
    }
}

/// The folder of the current generation of the index in `dir`; `None` when there is none yet.
pub(crate) fn current_generation(dir: &Path) -> Result<Option<PathBuf>, IndexError> {
    let current = dir.join("CURRENT");
    match fs::read_to_string(&current) {
        Ok(name) => {
            let name = name.trim();
            if !is_generation_name(name) {
                return Err(IndexError::Damaged {
                    path: dir.to_path_buf(),
                    reason: "CURRENT does not name a generation".into(),
                });
            }
            let generation = dir.join(name);
            refuse_links(&generation)?;
            Ok(Some(generation))
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => match ownership(dir)? {
            Ownership::Absent | Ownership::Empty | Ownership::Ours => Ok(None),
        },
        // The OS refusing this user the file says nothing of the index's state: reported as
        // it is, never as damage, which an update would rebuild over.
        Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
            Err(IndexError::unreadable(&current, e))
        }
        Err(e) => Err(IndexError::Damaged {
            path: dir.to_path_buf(),
            reason: e.to_string(),
        }),
    }
}

/// Fails if the generation folder `generation` is a link or holds one.
fn refuse_links(generation: &Path) -> Result<(), IndexError> {
    if fs::symlink_metadata(generation).is_ok_and(|m| m.file_type().is_symlink()) {
        return Err(IndexError::Link(generation.to_path_buf()));
    }
    let Ok(entries) = fs::read_dir(generation) else {
        // A missing generation is for opening the index to report.
        return Ok(());
    };
    for entry in entries.flatten() {
        if entry.file_type().is_ok_and(|t| t.is_symlink()) {
            return Err(IndexError::Link(entry.path()));
        }
    }
    Ok(())
}

/// Deletes the generation folders of `dir` other than the current one: leftovers of killed
/// builds, or generations a rebuild replaced. Only called under the write lock, in a folder
/// [`ownership`] found to be ours; only `gen-<digits>` folders newsgrep made are touched.
pub(crate) fn remove_stale_generations(dir: &Path) {
    let current = fs::read_to_string(dir.join("CURRENT")).unwrap_or_default();
    let Ok(entries) = fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name().to_string_lossy().to_string();
        let is_folder = entry.file_type().is_ok_and(|t| t.is_dir());
        if is_folder && is_generation_name(&name) && name != current.trim() {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_folder_with_only_hidden_files_is_empty_and_a_missing_one_absent() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        assert_eq!(
            ownership(&dir.path().join("nothing")).ok(),
            Some(Ownership::Absent)
        );
        fs::write(dir.path().join(".gitignore"), "*\n").expect("a file");
        assert_eq!(ownership(dir.path()).ok(), Some(Ownership::Empty));
    }

    #[test]
    fn a_folder_of_someone_elses_gen_folders_is_not_an_index() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        fs::create_dir(dir.path().join("gen-2024")).expect("a folder");
        fs::write(dir.path().join("gen-2024/results.csv"), "x\n").expect("a file");
        assert!(matches!(ownership(dir.path()), Err(IndexError::Foreign(_))));
        // Claiming is for folders found absent, empty or ours; the caller checks first.
        assert!(dir.path().join("gen-2024/results.csv").exists());
    }

    #[test]
    fn a_marked_folder_is_ours_and_a_link_inside_it_is_refused() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        claim(dir.path()).expect("claiming an empty folder");
        assert_eq!(ownership(dir.path()).ok(), Some(Ownership::Ours));
        #[cfg(unix)]
        {
            std::os::unix::fs::symlink("/tmp", dir.path().join("write.lock")).expect("a link");
            assert!(matches!(ownership(dir.path()), Err(IndexError::Link(_))));
        }
    }

    #[test]
    fn only_digits_after_gen_name_a_generation() {
        assert!(is_generation_name("gen-1733520000123456789"));
        assert!(!is_generation_name("gen-2024-results"));
        assert!(!is_generation_name("gen-"));
        assert!(!is_generation_name("generic"));
    }
}
