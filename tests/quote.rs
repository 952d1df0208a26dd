//! End-to-end: `newsgrep quote` on a temporary copy of the bundled corpus.

mod common;

use common::{places, Workspace};
use serde_json::Value;

/// Runs `newsgrep quote ARGS --format json` and returns the parsed result and exit code.
fn quote_json(ws: &Workspace, args: &[&str]) -> (Value, i32) {
    let mut all = vec!["quote"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--format", "json"]);
    ws.json_and_code(&all)
}

/// The text of a hit's matched span.
fn span_text(hit: &Value) -> String {
    let text = hit["text"].as_str().unwrap_or_default();
    let start = hit["span"][0].as_u64().unwrap_or(0) as usize;
    let end = hit["span"][1].as_u64().unwrap_or(0) as usize;
    text.get(start..end).unwrap_or("<bad span>").to_string()
}

/// `(op, quote, source)` of each operation of a hit's diff that is not "equal".
fn changes(hit: &Value) -> Vec<(String, String, String)> {
    hit["diff"]
        .as_array()
        .into_iter()
        .flatten()
        .filter(|d| d["op"] != "equal")
        .map(|d| {
            let s = |k: &str| d[k].as_str().unwrap_or_default().to_string();
            (s("op"), s("quote"), s("source"))
        })
        .collect()
}

const NEVER_PROVIDED: &str =
    "We have never provided user data to the Chinese government, nor would we do so if asked";

#[test]
fn exact_quote_is_found_on_its_line_with_full_coverage() {
    let ws = Workspace::bundled();
    let (result, code) = quote_json(&ws, &[NEVER_PROVIDED]);
    assert_eq!(code, 0);
    assert_eq!(
        places(&result)[0],
        ("002_048ada916771e28f.txt".to_string(), 13)
    );
    let hit = &result["hits"][0];
    assert_eq!(hit["coverage"], 1.0);
    assert_eq!(span_text(hit), NEVER_PROVIDED);
    assert!(changes(hit).is_empty());
}

#[test]
fn curly_quoted_changed_and_cut_quote_is_found_with_the_change_named() {
    let ws = Workspace::bundled();
    let (result, code) = quote_json(
        &ws,
        &["“We have never provided user data to the Chinese state, nor would we … asked”"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        places(&result)[0],
        ("002_048ada916771e28f.txt".to_string(), 13)
    );
    let hit = &result["hits"][0];
    let coverage = hit["coverage"].as_f64().unwrap_or(1.0);
    assert!(coverage < 1.0 && coverage > 0.9, "{coverage}");
    assert_eq!(
        changes(hit),
        [
            ("replace".into(), "state".into(), "government".into()),
            ("replace".into(), "…".into(), "do so if".into()),
        ]
    );
}

#[test]
fn quote_over_two_adjacent_bullets_is_matched_across_them() {
    let ws = Workspace::bundled();
    let (result, code) = quote_json(
        &ws,
        &["Data localization requirements and third-party oversight of algorithms"],
    );
    assert_eq!(code, 0);
    assert_eq!(
        places(&result)[0],
        ("000_d21ad95ebcaac17e.txt".to_string(), 15)
    );
    let hit = &result["hits"][0];
    assert_eq!(hit["passages"], serde_json::json!([7, 8]));
    assert_eq!(
        span_text(hit),
        "Data localization requirements\n• Third-party oversight of algorithms"
    );
    assert_eq!(changes(hit), [("insert".into(), "and".into(), "".into())]);
}

#[test]
fn quote_not_in_the_corpus_finds_nothing_and_exits_1() {
    let ws = Workspace::bundled();
    let (result, code) = quote_json(
        &ws,
        &["TikTok will move its headquarters to Singapore next week"],
    );
    assert_eq!(code, 1);
    assert_eq!(result["total"], 0);
    ws.cmd(&[
        "quote",
        "TikTok will move its headquarters to Singapore next week",
    ])
    .assert()
    .code(1)
    .stdout("")
    .stderr(predicates::str::contains("no source found"));
}

#[test]
fn text_output_cites_the_line_marks_the_matches_and_shows_the_diff() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&[
            "quote",
            "we have never provided user data to the Chinese state",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.starts_with("1. corpus/002_048ada916771e28f.txt:13  See how Tik Tok Affected"),
        "{stdout}"
    );
    assert!(stdout.contains("**We have never provided user data to the Chinese** government"));
    assert!(stdout.contains("diff: … to the Chinese [-government-] {+state+}"));
    assert!(!stdout.contains('\x1b'));
}

#[test]
fn quote_is_read_from_stdin_and_from_a_file() {
    let ws = Workspace::bundled();
    ws.cmd(&["quote", "--format", "jsonl"])
        .write_stdin(NEVER_PROVIDED)
        .assert()
        .code(0)
        .stdout(predicates::str::contains("002_048ada916771e28f.txt"));
    std::fs::write(ws.path().join("q.txt"), NEVER_PROVIDED).expect("write");
    ws.cmd(&["quote", "--file", "q.txt", "--format", "jsonl"])
        .assert()
        .code(0)
        .stdout(predicates::str::contains("\"line\":13"));
}

#[test]
fn same_quote_in_several_articles_is_listed_earliest_first_with_sort_date() {
    let ws = Workspace::empty();
    let body = |date: &str| {
        format!(
            "A syndicated story\n\nPublished {date}\n\nThe minister said the harbour bridge would \
             reopen to traffic on the first of May after repairs.\n"
        )
    };
    ws.write("late.txt", body("March 4, 2021"));
    ws.write("early.txt", body("January 2, 2020"));
    ws.write("middle.txt", body("June 7, 2020"));
    let (result, code) = quote_json(
        &ws,
        &[
            "the harbour bridge would reopen to traffic on the first of May",
            "--sort",
            "date",
        ],
    );
    assert_eq!(code, 0);
    let names: Vec<String> = places(&result).into_iter().map(|(f, _)| f).collect();
    assert_eq!(names, ["early.txt", "middle.txt", "late.txt"]);
}

#[test]
fn bad_min_coverage_is_an_error() {
    let ws = Workspace::bundled();
    ws.cmd(&["quote", "anything at all", "--min-coverage", "1.5"])
        .assert()
        .code(2);
}

#[test]
fn overlong_quote_is_cut_with_a_message() {
    let ws = Workspace::bundled();
    let long = format!("{NEVER_PROVIDED} ").repeat(2000);
    ws.cmd(&["quote", "--format", "jsonl"])
        .write_stdin(long)
        .assert()
        .stderr(predicates::str::contains("tracing its first 200 words"));
}
