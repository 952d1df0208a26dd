//! A corpus too large for the check before each search to stat every file: adds and removes
//! are still seen at once, and so is an edit of any file a search is about to cite.
//!
//! Slow in a debug build (21,000 files): `#[ignore]`d, run by CI with the slow checks.

mod common;

use common::Workspace;

/// Files: past the bound up to which every file is statted (about 20,000).
const FILES: usize = 21_000;

fn article(i: usize) -> String {
    let topic = if i % 1000 == 1 { "harbour" } else { "budget" };
    format!("Town {i} notes\n\nThe council of town {i} met on Monday and approved the {topic} plan after a long debate.\n")
}

fn search(ws: &Workspace, query: &str) -> (i32, String, String) {
    let out = ws
        .cmd(&["search", query, "--all", "--format", "jsonl"])
        .output()
        .expect("run newsgrep");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
#[ignore]
fn a_large_corpus_shows_no_stale_hit_and_misses_no_added_file() {
    let ws = Workspace::empty();
    for i in 0..FILES {
        ws.write(&format!("site{}/{i:05}.txt", i % 3), article(i));
    }
    let out = ws.cmd(&["index"]).output().expect("run newsgrep");
    assert_eq!(out.status.code(), Some(0));
    let (code, hits, _) = search(&ws, "harbour");
    assert_eq!(code, 0);
    assert_eq!(hits.lines().count(), 21);
    assert!(hits.contains("corpus/site1/00001.txt"));

    // Edited in place (the folder's mtime does not move): a cited file is checked.
    let edited = ws.corpus().join("site1/00001.txt");
    std::fs::write(&edited, article(1).replace("harbour", "airport")).expect("an edit");
    let (code, hits, err) = search(&ws, "harbour");
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("1 changed"), "{err}");
    assert_eq!(hits.lines().count(), 20, "{hits}");
    assert!(!hits.contains("corpus/site1/00001.txt"));
    let (code, hits, _) = search(&ws, "airport");
    assert_eq!(code, 0);
    assert!(
        hits.contains(r#""path":"corpus/site1/00001.txt","record":null,"line":3"#),
        "{hits}"
    );

    // Added and removed: the folders' listings say so.
    ws.write(
        "site2/new.txt",
        "Zebra crossing\n\nThe zebra crossing on the main road was repainted on Friday.\n",
    );
    let (code, hits, err) = search(&ws, "zebra");
    assert_eq!(code, 0, "{err}");
    assert!(hits.contains("corpus/site2/new.txt"), "{hits}");
    std::fs::remove_file(ws.corpus().join("site2/new.txt")).expect("remove");
    let (code, _, err) = search(&ws, "zebra");
    assert_eq!(code, 1, "{err}");
}
