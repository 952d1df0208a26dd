//! A damaged index is reported (exit 2, one line, the advice to rebuild), never a panic, an
//! abort, or an answer that differs from the undamaged index's.

mod common;

use common::Workspace;
use std::path::{Path, PathBuf};
use std::process::Output;

/// A query touching every part of the index: terms, positions, the stored passages and the
/// fast fields that order `--all`.
const QUERY: &[&str] = &[
    "search",
    "--no-update",
    "--all",
    "--format",
    "json",
    "tiktok OR \"united states\" OR said OR title:data",
];

/// Places in each file where a byte is flipped.
const OFFSETS: usize = 20;

fn run(ws: &Workspace, args: &[&str]) -> Output {
    ws.cmd(args).output().expect("run newsgrep")
}

fn generation(ws: &Workspace) -> PathBuf {
    let name = std::fs::read_to_string(ws.path().join("index/CURRENT")).expect("CURRENT");
    ws.path().join("index").join(name.trim())
}

/// The index files, one of each kind where a kind has several.
fn index_files(generation: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(generation)
        .expect("generation")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_file() && !p.to_string_lossy().ends_with(".lock"))
        .collect();
    files.sort();
    files
}

#[test]
fn a_flipped_byte_in_any_index_file_is_an_error_or_changes_nothing() {
    let ws = Workspace::bundled();
    let built = run(&ws, &["index"]);
    assert_eq!(built.status.code(), Some(0));
    let baseline = run(&ws, QUERY);
    assert_eq!(baseline.status.code(), Some(0));
    let files = index_files(&generation(&ws));
    let kinds: Vec<String> = files
        .iter()
        .map(|f| {
            f.extension()
                .map_or(String::new(), |e| e.to_string_lossy().into_owned())
        })
        .collect();
    for kind in [
        "term",
        "idx",
        "pos",
        "fast",
        "fieldnorm",
        "store",
        "json",
        "bin",
    ] {
        assert!(
            kinds.iter().any(|k| k == kind),
            "no .{kind} file in {kinds:?}"
        );
    }
    let mut errors = 0;
    for file in &files {
        let original = std::fs::read(file).expect("read");
        if original.is_empty() {
            continue;
        }
        for i in 0..OFFSETS {
            let at = i * original.len() / OFFSETS + (i % 7);
            let at = at.min(original.len() - 1);
            let mut damaged = original.clone();
            damaged[at] ^= 0xFF;
            std::fs::write(file, &damaged).expect("damage");
            let out = run(&ws, QUERY);
            let err = String::from_utf8_lossy(&out.stderr);
            let place = format!("{} at {at}", file.display());
            assert!(
                matches!(out.status.code(), Some(0..=2)),
                "{place}: exit {:?}: {err}",
                out.status
            );
            assert!(!err.contains("panicked"), "{place}: {err}");
            match out.status.code() {
                Some(0) => assert!(out.stdout == baseline.stdout, "{place}: results changed"),
                Some(2) => {
                    assert_eq!(err.lines().count(), 1, "{place}: {err}");
                    errors += 1;
                }
                _ => panic!("{place}: nothing found: {err}"),
            }
            std::fs::write(file, &original).expect("restore");
        }
    }
    assert!(errors > 0, "no damage was ever reported");
    // Restored, the index answers as before.
    let again = run(&ws, QUERY);
    assert!(again.stdout == baseline.stdout);
}
