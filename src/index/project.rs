//! The project folder: the folder an index's corpus paths are relative to.
//!
//! Corpus roots and file paths are kept as given on the command line (`corpus/a.txt`), so
//! that citations read as the user wrote them. They are relative to the folder newsgrep ran
//! in when the index was built, so every commit also records that folder, itself relative to
//! the index folder (`..` for `./index`): moved together, index and corpus still resolve, and
//! a search from any other folder reads the same corpus instead of whatever is there.

use std::path::{Component, Path, PathBuf};

/// The path that leads from folder `from` to `to`, both absolute: `..` steps and names where
/// they share a root, else `to` itself (another drive).
pub(crate) fn relative_path(from: &Path, to: &Path) -> PathBuf {
    let from: Vec<Component> = from.components().collect();
    let to_parts: Vec<Component> = to.components().collect();
    let common = from
        .iter()
        .zip(&to_parts)
        .take_while(|(a, b)| a == b)
        .count();
    let shares_root =
        common > 0 && !matches!(from.first(), Some(Component::Prefix(_)) if common == 1);
    if !shares_root {
        return to.to_path_buf();
    }
    let mut out = PathBuf::new();
    for _ in common..from.len() {
        out.push("..");
    }
    for part in &to_parts[common..] {
        out.push(part.as_os_str());
    }
    if out.as_os_str().is_empty() {
        out.push(".");
    }
    out
}

/// The absolute, link-free form of `path` where it exists, else its absolute form.
pub(crate) fn resolved(path: &Path) -> PathBuf {
    path.canonicalize()
        .or_else(|_| std::path::absolute(path))
        .unwrap_or_else(|_| path.to_path_buf())
}

/// The project folder recorded as `base` by the index in `index_dir`, as an absolute path.
pub(crate) fn project_folder(index_dir: &Path, base: &Path) -> PathBuf {
    resolved(&resolved(index_dir).join(base))
}

/// The folder newsgrep runs in, as the index in `index_dir` records it.
pub(crate) fn base_for(index_dir: &Path) -> PathBuf {
    let here = std::env::current_dir().map_or_else(|_| PathBuf::from("."), |d| resolved(&d));
    relative_path(&resolved(index_dir), &here)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_way_from_an_index_to_its_project_climbs_then_descends() {
        let p = |s: &str| PathBuf::from(s);
        assert_eq!(relative_path(&p("/a/b/index"), &p("/a/b")), p(".."));
        assert_eq!(relative_path(&p("/a/b/index"), &p("/a/c")), p("../../c"));
        assert_eq!(relative_path(&p("/a"), &p("/a")), p("."));
        assert_eq!(relative_path(&p("/x/idx"), &p("/")), p("../.."));
    }

    #[test]
    fn a_recorded_project_resolves_against_the_index_folder_not_the_working_folder() {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let index = dir.path().join("proj/index");
        std::fs::create_dir_all(&index).expect("folders");
        assert_eq!(
            project_folder(&index, Path::new("..")),
            resolved(&dir.path().join("proj"))
        );
    }
}
