//! `search --all` prints its hits as it reads them (issue 34): the same hits, ranks and order as
//! the search answered whole, and a reader that stops early stops the search without an error.

mod common;

use common::Workspace;
use serde_json::Value;
use std::io::{BufRead, BufReader};
use std::process::Stdio;

/// Articles enough for several chunks of streamed hits, the later ones read on every core:
/// `files` articles of three paragraphs, each naming cocoa twice and once in a phrase.
fn many_articles(files: usize) -> Workspace {
    let ws = Workspace::empty();
    for i in 0..files {
        ws.write(
            &format!("{:03}/article-{i:04}.txt", i % 7),
            format!(
                "Cocoa report {i}\n\nCocoa prices rose in Ghana on day {i}.\n\n\
                 Traders said the cocoa harvest was late.\n\nNothing else happened.\n"
            ),
        );
    }
    ws.cmd(&["index"]).assert().success();
    ws
}

/// The JSON Lines of a streamed search, parsed.
fn streamed(ws: &Workspace, query: &str) -> Vec<Value> {
    let out = ws
        .cmd(&["search", query, "--all", "--format", "jsonl"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| serde_json::from_str(line).expect("a JSON line"))
        .collect()
}

#[test]
fn streamed_hits_are_the_hits_of_the_whole_answer_in_corpus_order() {
    let ws = many_articles(400);
    for query in ["cocoa", "\"cocoa harvest\""] {
        let (whole, code) = ws.search_json(&[query, "--all"]);
        assert_eq!(code, 0);
        let hits = whole["hits"].as_array().expect("hits").clone();
        let expected = if query == "cocoa" { 1200 } else { 400 };
        assert_eq!(hits.len(), expected, "{query}");
        assert_eq!(streamed(&ws, query), hits, "{query}");
    }
}

#[test]
fn streamed_text_ends_with_the_count_of_every_hit() {
    let ws = many_articles(30);
    let out = ws.cmd(&["search", "ghana", "--all"]).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    let first = stdout.lines().next().unwrap_or_default();
    assert_eq!(first, "1. corpus/000/article-0000.txt:3  Cocoa report 0");
    assert_eq!(stdout.matches("**Ghana**").count(), 30);
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "30 matching passages\n"
    );
}

#[test]
fn a_reader_that_stops_after_the_first_hit_ends_the_search_without_an_error() {
    // Far more output than a pipe holds, so that the search must meet the closed pipe.
    let ws = many_articles(1500);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_newsgrep"))
        .current_dir(ws.path())
        .args(["search", "cocoa", "--all"])
        .env("NO_COLOR", "1")
        .env_remove("NEWSGREP_INDEX")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run");
    let stdout = child.stdout.take().expect("stdout");
    let mut first = String::new();
    BufReader::new(stdout)
        .read_line(&mut first)
        .expect("a first line");
    // The reader goes, as `head -1` does.
    let out = child.wait_with_output().expect("wait");
    assert_eq!(first, "1. corpus/000/article-0000.txt:1  Cocoa report 0\n");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}
