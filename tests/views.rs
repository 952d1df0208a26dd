//! End-to-end: `search --count --by` and `compare` on a small corpus of dated newswire
//! articles written inline: exact rows, periods with no match, the undated row, shares, and
//! ISO weeks across a year boundary.

mod common;

use common::Workspace;
use serde_json::{json, Value};

/// (file, source, dateline, body): coffee in four dated articles and one undated; tea in five.
const ARTICLES: &[(&str, Option<&str>, Option<&str>, &str)] = &[
    (
        "a.txt",
        Some("Wire A"),
        Some("26-FEB-1987 15:02:20.00"),
        "Coffee prices rose in Brazil after the frost.",
    ),
    (
        "b.txt",
        Some("Wire A"),
        Some("2-MAR-1987 09:10:00.00"),
        "Tea prices fell in Calcutta.",
    ),
    (
        "c.txt",
        Some("Wire B"),
        Some("5-MAR-1987 11:00:00.00"),
        "Coffee exporters from five countries met in Bogota on Tuesday to talk about exports.\n\nThe coffee quota was not agreed, coffee men said.",
    ),
    (
        "d.txt",
        Some("Wire B"),
        Some("20-MAR-1987 12:00:00.00"),
        "Tea auctions in Colombo were quiet.",
    ),
    (
        "e.txt",
        None,
        None,
        "The coffee quota talks went on in London.",
    ),
    (
        "f.txt",
        Some("Wire A"),
        Some("1-JAN-1988 08:00:00.00"),
        "Coffee stocks were counted at the ports.",
    ),
    (
        "g.txt",
        Some("Wire B"),
        Some("4-JAN-1988 08:00:00.00"),
        "Tea exports from Kenya grew.",
    ),
    (
        "h.txt",
        None,
        Some("10-APR-1987 10:00:00.00"),
        "Tea planters in Assam asked for rain.",
    ),
    (
        "i.txt",
        Some("Wire B"),
        Some("25-MAR-1987 16:00:00.00"),
        "Tea stocks in London were ample.",
    ),
];

fn workspace() -> Workspace {
    let ws = Workspace::empty();
    for (name, source, dateline, body) in ARTICLES {
        // Titles differ: a line repeated across the folder is dropped as site chrome.
        let title = format!("Commodities note {}", name.trim_end_matches(".txt"));
        ws.write_story(name, &title, *source, *dateline, body);
    }
    ws
}

fn run_json(ws: &Workspace, args: &[&str]) -> Value {
    ws.json(args)
}

fn stdout(ws: &Workspace, args: &[&str]) -> String {
    let out = ws.cmd(args).output().expect("run");
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// (key, articles, total_articles, share) of each row.
fn rows(counts: &Value) -> Vec<(Value, u64, u64, f64)> {
    common::period_rows(counts)
}

#[test]
fn months_have_exact_rows_with_zero_rows_and_the_undated_row_last() {
    let ws = workspace();
    let counts = run_json(
        &ws,
        &[
            "search", "coffee", "--count", "--by", "month", "--format", "json",
        ],
    );
    assert_eq!(counts["query"], "coffee");
    assert_eq!(counts["by"], "month");
    assert_eq!(counts["total"], 4);
    assert_eq!(
        counts["rows"],
        json!([
            {"key": "1987-02", "articles": 1, "passages": 1, "occurrences": 1, "total_articles": 1, "share": 1.0},
            {"key": "1987-03", "articles": 1, "passages": 2, "occurrences": 3, "total_articles": 4, "share": 0.25},
            {"key": "1987-04", "articles": 0, "passages": 0, "occurrences": 0, "total_articles": 1, "share": 0.0},
            {"key": "1988-01", "articles": 1, "passages": 1, "occurrences": 1, "total_articles": 2, "share": 0.5},
            {"key": null, "articles": 1, "passages": 1, "occurrences": 1, "total_articles": 1, "share": 1.0},
        ])
    );
}

#[test]
fn iso_weeks_put_new_years_day_1988_in_the_last_week_of_1987() {
    let ws = workspace();
    let counts = run_json(
        &ws,
        &[
            "search", "coffee", "--count", "--by", "week", "--format", "json",
        ],
    );
    let keys: Vec<(Value, u64, u64, f64)> = rows(&counts);
    assert_eq!(
        keys,
        [
            (json!("1987-W09"), 1, 1, 1.0),
            (json!("1987-W10"), 1, 2, 0.5),
            (json!("1987-W12"), 0, 1, 0.0),
            (json!("1987-W13"), 0, 1, 0.0),
            (json!("1987-W15"), 0, 1, 0.0),
            (json!("1987-W53"), 1, 1, 1.0),
            (json!("1988-W01"), 0, 1, 0.0),
            (Value::Null, 1, 1, 1.0),
        ]
    );
}

#[test]
fn sources_come_most_matching_first_and_the_sourceless_last() {
    let ws = workspace();
    let counts = run_json(
        &ws,
        &[
            "search", "tea", "--count", "--by", "source", "--format", "json",
        ],
    );
    assert_eq!(
        rows(&counts),
        [
            (json!("Wire B"), 3, 4, 0.75),
            (json!("Wire A"), 1, 3, 1.0 / 3.0),
            (Value::Null, 1, 2, 0.5),
        ]
    );
}

#[test]
fn the_rows_add_up_to_the_articles_search_count_finds() {
    let ws = workspace();
    for query in ["coffee", "tea", "coffee OR tea", "quota"] {
        let (plain, _) = ws.search_json(&[query, "--count"]);
        let articles = plain["articles"].as_array().expect("articles").len() as u64;
        for by in ["day", "week", "month", "year", "source"] {
            let counts = run_json(
                &ws,
                &["search", query, "--count", "--by", by, "--format", "json"],
            );
            let sum: u64 = rows(&counts).iter().map(|r| r.1).sum();
            assert_eq!(sum, articles, "{query} by {by}");
            assert_eq!(counts["total"], articles, "{query} by {by}");
            let all: u64 = rows(&counts).iter().map(|r| r.2).sum();
            assert_eq!(all, ARTICLES.len() as u64, "{query} by {by}");
        }
    }
}

#[test]
fn a_query_that_matches_nothing_still_lists_every_period_and_exits_1() {
    let ws = workspace();
    let out = ws
        .cmd(&[
            "search", "cocoa", "--count", "--by", "year", "--format", "json",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(1));
    let counts: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(
        rows(&counts),
        [
            (json!("1987"), 0, 6, 0.0),
            (json!("1988"), 0, 2, 0.0),
            (Value::Null, 0, 1, 0.0),
        ]
    );
}

#[test]
fn text_rows_draw_a_bar_of_their_share() {
    let ws = workspace();
    let text = stdout(&ws, &["search", "coffee", "--count", "--by", "month"]);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0].split_whitespace().next(), Some("key"));
    let full = "█".repeat(30);
    assert!(
        lines[1].starts_with("1987-02 ") && lines[1].ends_with(&format!(" {full}")),
        "{text}"
    );
    assert!(
        lines[2].starts_with("1987-03 ") && lines[2].ends_with(" ███████▌"),
        "{text}"
    );
    assert!(
        lines[3].starts_with("1987-04 ") && lines[3].contains("0.00%"),
        "{text}"
    );
    assert!(!lines[3].contains('█'), "{text}");
    assert!(lines[5].starts_with("(none) "), "{text}");
    assert!(lines[6].starts_with("total "), "{text}");
}

#[test]
fn csv_and_json_lines_carry_the_same_rows() {
    let ws = workspace();
    let csv = stdout(
        &ws,
        &[
            "search", "coffee", "--count", "--by", "year", "--format", "csv",
        ],
    );
    assert_eq!(
        csv,
        "key,articles,passages,occurrences,total_articles,share\n\
         1987,2,3,4,6,0.3333333333333333\n\
         1988,1,1,1,2,0.5\n\
         ,1,1,1,1,1\n"
    );
    let jsonl = stdout(
        &ws,
        &[
            "search", "coffee", "--count", "--by", "year", "--format", "jsonl",
        ],
    );
    let keys: Vec<Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).expect("a JSON line")["key"].clone())
        .collect();
    assert_eq!(keys, [json!("1987"), json!("1988"), Value::Null]);
}

#[test]
fn compare_puts_the_queries_side_by_side_per_period() {
    let ws = workspace();
    let c = run_json(
        &ws,
        &[
            "compare", "coffee", "tea", "--by", "year", "--format", "json",
        ],
    );
    assert_eq!(
        c,
        json!({
            "by": "year",
            "queries": [{"name": "coffee", "query": "coffee"}, {"name": "tea", "query": "tea"}],
            "rows": [
                {"key": "1987", "total_articles": 6, "counts": {
                    "coffee": {"articles": 2, "share": 2.0 / 6.0},
                    "tea": {"articles": 4, "share": 4.0 / 6.0}}},
                {"key": "1988", "total_articles": 2, "counts": {
                    "coffee": {"articles": 1, "share": 0.5},
                    "tea": {"articles": 1, "share": 0.5}}},
                {"key": null, "total_articles": 1, "counts": {
                    "coffee": {"articles": 1, "share": 1.0},
                    "tea": {"articles": 0, "share": 0.0}}},
            ]
        })
    );
}

#[test]
fn compare_with_one_query_agrees_with_count_by() {
    let ws = workspace();
    for by in ["week", "month", "source"] {
        let counts = run_json(
            &ws,
            &[
                "search", "coffee", "--count", "--by", by, "--format", "json",
            ],
        );
        let c = run_json(&ws, &["compare", "coffee", "--by", by, "--format", "json"]);
        let from_compare = common::compared_rows(&c, "coffee");
        let mut from_count: Vec<(Value, u64, u64)> =
            rows(&counts).into_iter().map(|r| (r.0, r.1, r.2)).collect();
        // Sources come in another order (most articles in `compare`, most matching in
        // `--by`): the rows must agree, not their order.
        let mut from_compare = from_compare;
        if by == "source" {
            let order = |r: &(Value, u64, u64)| r.0.to_string();
            from_compare.sort_by_key(order);
            from_count.sort_by_key(order);
        }
        assert_eq!(from_compare, from_count, "by {by}");
    }
}

#[test]
fn compare_reads_named_queries_from_a_file() {
    let ws = workspace();
    std::fs::write(
        ws.path().join("queries.tsv"),
        "# drinks\nbeans\tcoffee\nleaves\ttea OR quota\n",
    )
    .expect("a query file");
    let csv = stdout(
        &ws,
        &[
            "compare",
            "--queries",
            "queries.tsv",
            "--by",
            "year",
            "--format",
            "csv",
        ],
    );
    assert_eq!(
        csv,
        "key,total_articles,beans articles,beans share,leaves articles,leaves share\n\
         1987,6,2,0.3333333333333333,5,0.8333333333333334\n\
         1988,2,1,0.5,1,0.5\n\
         ,1,1,1,1,1\n"
    );
}

#[test]
fn a_query_file_line_without_a_tab_is_an_error() {
    let ws = workspace();
    std::fs::write(ws.path().join("queries.tsv"), "beans coffee\n").expect("a query file");
    let out = ws
        .cmd(&["compare", "--queries", "queries.tsv"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("line 1: expected NAME<TAB>QUERY"),
        "{stderr}"
    );
}

#[test]
fn an_article_redated_by_an_update_counts_in_its_new_month_only() {
    let ws = workspace();
    let before = run_json(
        &ws,
        &[
            "search", "coffee", "--count", "--by", "month", "--format", "json",
        ],
    );
    assert_eq!(rows(&before)[0], (json!("1987-02"), 1, 1, 1.0));
    ws.write(
        "a.txt",
        "Commodities note a\nSource: Wire A\n10-APR-1987 15:02:20.00\n\nCoffee prices rose in Brazil after the frost.\n",
    );
    let after = run_json(
        &ws,
        &[
            "search", "coffee", "--count", "--by", "month", "--format", "json",
        ],
    );
    assert_eq!(
        rows(&after),
        [
            (json!("1987-03"), 1, 4, 0.25),
            (json!("1987-04"), 1, 2, 0.5),
            (json!("1988-01"), 1, 2, 0.5),
            (Value::Null, 1, 1, 1.0),
        ]
    );
}
