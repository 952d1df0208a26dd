//! End-to-end: `collocates` on a small corpus written inline (exact rows), and on Reuters.

mod common;

use common::Workspace;
use serde_json::Value;

/// Coffee beside quotas in three articles; "said" everywhere, near coffee or not.
const ARTICLES: &[(&str, &str)] = &[
    (
        "a.txt",
        "Producers said coffee quotas would be cut in April.",
    ),
    ("b.txt", "The coffee quotas were agreed, delegates said."),
    ("c.txt", "Brazil said new coffee quotas must come first."),
    ("d.txt", "Steel output rose in March, the ministry said."),
    ("e.txt", "Oil prices fell, traders said, as stocks rose."),
    ("f.txt", "Wheat exports were said to be lower this year."),
    ("g.txt", "Gold prices were steady, dealers said on Monday."),
];

fn workspace() -> Workspace {
    let ws = Workspace::empty();
    for (i, (name, body)) in ARTICLES.iter().enumerate() {
        ws.write(name, format!("Market report {i}\n\n{body}\n"));
    }
    ws
}

/// (word, together, total) of each row.
fn rows(found: &Value) -> Vec<(String, u64, u64)> {
    found["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| {
            (
                r["word"].as_str().expect("word").to_string(),
                r["together"].as_u64().expect("together"),
                r["total"].as_u64().expect("total"),
            )
        })
        .collect()
}

fn collocates(ws: &Workspace, args: &[&str]) -> Value {
    let mut all = vec![
        "collocates",
        "coffee",
        "--format",
        "json",
        "--min-count",
        "2",
    ];
    all.extend_from_slice(args);
    let out = ws.cmd(&all).output().expect("run");
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "not JSON: {}\nstderr: {}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

#[test]
fn the_word_always_beside_the_query_ranks_first() {
    let ws = workspace();
    let found = collocates(&ws, &["--window", "2"]);
    assert_eq!(found["query"], "coffee");
    assert_eq!(found["window"], 2);
    // "said" is beside coffee in two articles of the three, and in all seven.
    assert_eq!(
        rows(&found),
        [("quotas".to_string(), 3, 3), ("said".to_string(), 2, 7)]
    );
    let scores: Vec<f64> = found["rows"]
        .as_array()
        .expect("rows")
        .iter()
        .map(|r| r["score"].as_f64().expect("score"))
        .collect();
    assert!(scores[0] > scores[1] && scores[1] > 0.0, "{scores:?}");
}

#[test]
fn stop_words_are_ranked_unless_left_out() {
    let ws = workspace();
    let without = rows(&collocates(&ws, &["--window", "2", "--no-stopwords"]));
    assert_eq!(without, [("quotas".to_string(), 3, 3)]);
}

#[test]
fn csv_and_text_carry_the_same_rows() {
    let ws = workspace();
    let json = collocates(&ws, &["--window", "2"]);
    let csv = ws
        .cmd(&[
            "collocates",
            "coffee",
            "--window",
            "2",
            "--min-count",
            "2",
            "--format",
            "csv",
        ])
        .output()
        .expect("run");
    let csv = String::from_utf8(csv.stdout).expect("UTF-8");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("word,together,total,score"));
    let first = &json["rows"][0];
    assert_eq!(
        lines.next(),
        Some(format!("quotas,3,3,{}", first["score"]).as_str())
    );
    let text = ws
        .cmd(&["collocates", "coffee", "--window", "2", "--min-count", "2"])
        .output()
        .expect("run");
    let text = String::from_utf8(text.stdout).expect("UTF-8");
    assert!(
        text.starts_with("word    together     total      score\nquotas         3         3"),
        "{text}"
    );
}

#[test]
fn a_query_that_matches_nothing_has_no_collocates_and_exits_1() {
    let ws = workspace();
    ws.cmd(&["collocates", "cocoa"]).assert().code(1);
}

/// Reuters-21578, unpacked from `../shared/bench` into a temporary folder.
#[test]
#[ignore = "needs ../shared/bench/reuters.tar.gz and takes a minute to index"]
fn on_reuters_coffee_brings_up_the_coffee_organisation_and_quotas_not_said() {
    let archive =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/bench/reuters.tar.gz");
    let ws = Workspace::empty();
    let unpacked = std::process::Command::new("tar")
        .arg("xzf")
        .arg(&archive)
        .arg("-C")
        .arg(ws.corpus())
        .status()
        .expect("tar");
    assert!(unpacked.success());
    let found = collocates(&ws, &["--limit", "10"]);
    let words: Vec<String> = rows(&found).into_iter().map(|r| r.0).collect();
    for word in ["ico", "organization", "quotas", "export"] {
        assert!(words.contains(&word.to_string()), "{word}: {words:?}");
    }
    assert!(!words.contains(&"said".to_string()), "{words:?}");
    let dups = ws
        .cmd(&["dups", "--format", "jsonl"])
        .output()
        .expect("run");
    // 260 groups of byte-identical bodies on Reuters (a few more with the same words).
    assert!(
        dups.stdout
            .split(|&b| b == b'\n')
            .filter(|l| !l.is_empty())
            .count()
            >= 260
    );
}
