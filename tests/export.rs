//! End-to-end: `newsgrep export` writes every passage once, with stable ids and the citation
//! `search` gives, in the files each engine loads, and never writes where it was not asked to.

mod common;

use common::Workspace;
use newsgrep::export::{self, document::Document, Options, Target};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// Runs `newsgrep export --to TARGET DIR` in `ws`; returns the exit code and stderr.
fn export_to(ws: &Workspace, target: &str, dir: &str) -> (i32, String) {
    let out = ws
        .cmd(&["export", "--to", target, dir])
        .output()
        .expect("run");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The bundled corpus plus one dated article, indexed.
fn indexed() -> Workspace {
    let ws = Workspace::bundled();
    ws.write(
        "dated.txt",
        "Walrus Census Completed\n\nPublished January 5, 2023\n\nThe walrus census counted 412 animals on the northern shore.\n\nRangers said the herd was “larger than ever” this year.\n",
    );
    ws.cmd(&["index"]).assert().success();
    ws
}

/// The names of the files in `dir`, sorted.
fn names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("listed")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// The documents of the part files in `dir` with extension `ext`, in file order.
fn documents(dir: &Path, ext: &str) -> Vec<Document> {
    names(dir)
        .iter()
        .filter(|n| n.ends_with(ext) && n.starts_with("passages-"))
        .flat_map(|n| {
            let text = std::fs::read_to_string(dir.join(n)).expect("part");
            text.lines()
                .map(|l| serde_json::from_str::<Document>(l).expect("a document"))
                .collect::<Vec<_>>()
        })
        .collect()
}

/// The bulk file's lines as (action, document) pairs.
fn bulk_pairs(text: &str) -> Vec<(Value, Document)> {
    assert!(text.ends_with('\n'), "the last line ends in a newline");
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len() % 2, 0, "an action line then a document line");
    lines
        .chunks(2)
        .map(|pair| {
            let action: Value = serde_json::from_str(pair[0]).expect("an action line");
            let doc: Document = serde_json::from_str(pair[1]).expect("a document line");
            (action, doc)
        })
        .collect()
}

fn passages_in_index(ws: &Workspace) -> u64 {
    let out = ws
        .cmd(&["stats", "--format", "json"])
        .output()
        .expect("run");
    let stats: Value = serde_json::from_slice(&out.stdout).expect("stats JSON");
    stats["passages"].as_u64().expect("a passage count")
}

#[test]
fn opensearch_export_is_a_mapping_and_bulk_pairs_naming_each_passage_by_its_id() {
    let ws = indexed();
    let (code, stderr) = export_to(&ws, "opensearch", "os");
    assert_eq!(code, 0, "{stderr}");
    let dir = ws.path().join("os");
    assert_eq!(
        names(&dir),
        [
            "mapping.json",
            "newsgrep-export.json",
            "passages-00001.ndjson"
        ]
    );
    let mapping: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("mapping.json")).expect("read"))
            .expect("the mapping is JSON");
    assert_eq!(mapping["mappings"]["properties"]["date"]["type"], "date");
    let bulk = std::fs::read_to_string(dir.join("passages-00001.ndjson")).expect("read");
    let pairs = bulk_pairs(&bulk);
    assert_eq!(pairs.len() as u64, passages_in_index(&ws));
    for (action, doc) in &pairs {
        assert_eq!(action["index"]["_id"], doc.id.as_str());
        assert!(
            action["index"].get("_index").is_none(),
            "the index is the URL's"
        );
    }
    let dated: Vec<&Document> = pairs
        .iter()
        .map(|(_, d)| d)
        .filter(|d| d.path == "corpus/dated.txt")
        .collect();
    assert!(!dated.is_empty());
    for doc in dated {
        assert_eq!(doc.date.as_deref(), Some("2023-01-05"));
        assert_eq!(doc.title.as_deref(), Some("Walrus Census Completed"));
    }
    assert!(stderr.contains(&format!("exported {} passages", pairs.len())));
}

#[test]
fn every_passage_appears_once_in_corpus_order() {
    let ws = indexed();
    assert_eq!(export_to(&ws, "jsonl", "out").0, 0);
    let docs = documents(&ws.path().join("out"), ".jsonl");
    assert_eq!(docs.len() as u64, passages_in_index(&ws));
    let ids: BTreeSet<&str> = docs.iter().map(|d| d.id.as_str()).collect();
    assert_eq!(ids.len(), docs.len(), "ids are unique");
    // Each article's passages 0..n, each once, articles by path.
    let mut by_path: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
    for doc in &docs {
        by_path.entry(&doc.path).or_default().push(doc.passage);
    }
    assert_eq!(by_path.len(), 6);
    for (path, ordinals) in &by_path {
        let expected: Vec<u64> = (0..ordinals.len() as u64).collect();
        assert_eq!(ordinals, &expected, "{path}");
    }
    let order: Vec<(&str, u64)> = docs.iter().map(|d| (d.path.as_str(), d.passage)).collect();
    let mut sorted = order.clone();
    sorted.sort();
    assert_eq!(order, sorted);
}

#[test]
fn ids_and_files_are_the_same_on_a_second_export_and_after_a_rebuild() {
    let ws = indexed();
    assert_eq!(export_to(&ws, "opensearch", "first").0, 0);
    ws.cmd(&["index", "--rebuild"]).assert().success();
    assert_eq!(export_to(&ws, "opensearch", "second").0, 0);
    let read = |dir: &str| {
        std::fs::read(ws.path().join(dir).join("passages-00001.ndjson")).expect("bulk file")
    };
    assert_eq!(read("first"), read("second"));
    let first = String::from_utf8(read("first")).expect("UTF-8");
    for (_, doc) in bulk_pairs(&first) {
        assert_eq!(doc.id, export::document::passage_id(&doc.path, doc.passage));
    }
}

#[test]
fn an_exported_passage_is_cited_as_search_cites_it() {
    let ws = indexed();
    assert_eq!(export_to(&ws, "jsonl", "out").0, 0);
    let docs = documents(&ws.path().join("out"), ".jsonl");
    let known = docs
        .iter()
        .find(|d| d.text.contains("Data localization"))
        .expect("the data localization passage");
    assert_eq!(known.citation(), "corpus/000_d21ad95ebcaac17e.txt:15");
    // Every fifth passage: a phrase of its first words finds it at the same path:line.
    let mut checked = 0;
    for doc in docs.iter().step_by(5) {
        let words: Vec<&str> = doc.text.split_whitespace().collect();
        let plain = |w: &&str| w.chars().all(|c| c.is_ascii_alphabetic());
        let Some(run) = words.windows(4).find(|run| run.iter().all(plain)) else {
            continue;
        };
        let phrase = format!("\"{}\"", run.join(" "));
        let (result, _) = ws.search_json(&[&phrase, "--all"]);
        let cited: Vec<String> = result["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|h| format!("{}:{}", h["path"].as_str().unwrap_or(""), h["line"]))
            .collect();
        assert!(
            cited.contains(&doc.citation()),
            "{phrase}: {} not in {cited:?}",
            doc.citation()
        );
        let hit = result["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|h| h["path"] == doc.path.as_str() && h["line"] == doc.line)
            .expect("the hit");
        assert_eq!(hit["text"], doc.text.as_str());
        assert_eq!(hit["passage"], doc.passage);
        checked += 1;
    }
    assert!(checked >= 10, "only {checked} passages checked");
}

#[test]
fn quickwit_export_is_a_config_and_one_document_a_line() {
    let ws = indexed();
    assert_eq!(export_to(&ws, "quickwit", "qw").0, 0);
    let dir = ws.path().join("qw");
    assert_eq!(
        names(&dir),
        [
            "index-config.yaml",
            "newsgrep-export.json",
            "passages-00001.ndjson"
        ]
    );
    let config: serde_yaml::Value = serde_yaml::from_str(
        &std::fs::read_to_string(dir.join("index-config.yaml")).expect("read"),
    )
    .expect("the config is YAML");
    assert_eq!(config["doc_mapping"]["timestamp_field"], "date");
    let docs = documents(&dir, ".ndjson");
    assert_eq!(docs.len() as u64, passages_in_index(&ws));
}

#[test]
fn parts_split_at_the_limit_and_hold_the_same_records_as_one_file() {
    let ws = indexed();
    let index = newsgrep::index::NewsIndex::open(&ws.path().join("index"))
        .expect("opened")
        .expect("an index");
    let whole = ws.path().join("whole");
    let small = ws.path().join("small");
    let limit = 4_000;
    let one = export::export(
        &index,
        &whole,
        Options {
            target: Target::OpenSearch,
            part_bytes: export::PART_BYTES,
        },
    )
    .expect("exported");
    let split = export::export(
        &index,
        &small,
        Options {
            target: Target::OpenSearch,
            part_bytes: limit,
        },
    )
    .expect("exported");
    assert_eq!(one.passages, split.passages);
    assert!(split.files.len() > 3, "{:?}", split.files);
    let mut joined = String::new();
    for name in split.files.iter().filter(|n| n.ends_with(".ndjson")) {
        let text = std::fs::read_to_string(small.join(name)).expect("part");
        let pairs = bulk_pairs(&text);
        // Over the limit only when one passage alone is.
        assert!(text.len() as u64 <= limit || pairs.len() == 1, "{name}");
        joined.push_str(&text);
    }
    let single = std::fs::read_to_string(whole.join("passages-00001.ndjson")).expect("read");
    assert_eq!(joined, single);
}

#[test]
fn a_folder_holding_other_files_is_refused_and_left_as_it_was() {
    let ws = indexed();
    let dir = ws.path().join("notes");
    std::fs::create_dir(&dir).expect("mkdir");
    std::fs::write(dir.join("mine.txt"), "keep me").expect("write");
    let (code, stderr) = export_to(&ws, "jsonl", "notes");
    assert_eq!(code, 2);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("is not empty"), "{stderr}");
    assert_eq!(names(&dir), ["mine.txt"]);
    assert_eq!(
        std::fs::read_to_string(dir.join("mine.txt")).expect("read"),
        "keep me"
    );
}

#[test]
fn an_export_to_another_target_or_with_a_file_added_is_refused() {
    let ws = indexed();
    assert_eq!(export_to(&ws, "opensearch", "out").0, 0);
    assert_eq!(export_to(&ws, "quickwit", "out").0, 2);
    std::fs::write(ws.path().join("out").join("README"), "mine").expect("write");
    assert_eq!(export_to(&ws, "opensearch", "out").0, 2);
    assert!(ws.path().join("out").join("README").exists());
}

#[test]
fn a_second_export_replaces_the_first_including_its_extra_parts() {
    let ws = indexed();
    let out = ws.path().join("out");
    let index = newsgrep::index::NewsIndex::open(&ws.path().join("index"))
        .expect("opened")
        .expect("an index");
    let small = Options {
        target: Target::Jsonl,
        part_bytes: 2_000,
    };
    let first = export::export(&index, &out, small).expect("exported");
    assert!(first.files.len() > 2);
    assert_eq!(export_to(&ws, "jsonl", "out").0, 0);
    assert_eq!(
        names(&out),
        ["newsgrep-export.json", "passages-00001.jsonl"]
    );
    assert_eq!(documents(&out, ".jsonl").len() as u64, first.passages);
}

#[cfg(unix)]
#[test]
fn a_link_as_the_folder_is_refused_and_nothing_is_written_through_it() {
    let ws = indexed();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    std::os::unix::fs::symlink(elsewhere.path(), ws.path().join("link")).expect("link");
    let (code, stderr) = export_to(&ws, "jsonl", "link");
    assert_eq!(code, 2);
    assert!(stderr.contains("is a link"), "{stderr}");
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).expect("listed").count(),
        0
    );
}

#[test]
fn a_folder_inside_the_index_folder_is_refused() {
    let ws = indexed();
    let (code, stderr) = export_to(&ws, "jsonl", "index/out");
    assert_eq!(code, 2);
    assert!(stderr.contains("inside the index folder"), "{stderr}");
    assert!(!ws.path().join("index").join("out").exists());
}
