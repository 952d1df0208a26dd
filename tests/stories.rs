//! End-to-end: copies of one story (syndicated, re-sent with a typo) grouped at index time,
//! listed by `dups`, counted once with `--dedup`, and kept right by incremental updates.

mod common;

use common::Workspace;
use serde_json::{json, Value};

/// A wire story of more than 400 bytes on one line (never counted as site chrome).
const COFFEE_TALKS: &str = "The International Coffee Organization failed to agree on export \
quotas at its meeting in London, delegates said, and talks will resume next month when \
producers and consumers meet again to discuss the market. Brazil, the largest producer, had \
asked for a bigger share of the global quota, while Colombia and the Central American growers \
wanted the old shares kept until a new survey of stocks is done.";

const COFFEE_FROST: &str = "Frost in the south of Brazil damaged young coffee trees on \
Thursday, growers said, and exporters in Santos expect smaller shipments in the months to \
come while the cooperatives count the losses on their farms in Parana and Minas Gerais and \
traders in New York wait for the official estimate of the damage.";

const TEA_AUCTION: &str = "Tea auctions in Colombo were quiet this week as buyers from the \
Middle East stayed away, brokers said, and prices for the best grades from the high estates \
slipped a little while the low grown teas held their ground against the dry weather that cut \
the crop in the south of the island for a third week in a row.";

/// (file, source, dateline, body).
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "wire-a/a1.txt",
        "Wire A",
        "2-MAR-1987 09:00:00.00",
        COFFEE_TALKS,
    ),
    (
        "wire-c/c1.txt",
        "Wire C",
        "2-MAR-1987 11:00:00.00",
        COFFEE_TALKS,
    ),
    (
        "wire-a/a2.txt",
        "Wire A",
        "20-MAR-1987 10:00:00.00",
        COFFEE_FROST,
    ),
    (
        "wire-b/b2.txt",
        "Wire B",
        "5-MAR-1987 10:00:00.00",
        TEA_AUCTION,
    ),
];

/// The story re-sent the next day with a typo.
fn resent() -> String {
    COFFEE_TALKS.replace("delegates", "delegtaes")
}

fn article(title: &str, source: &str, dateline: &str, body: &str) -> String {
    format!("{title}\nSource: {source}\n{dateline}\n\n{body}\n")
}

fn workspace() -> Workspace {
    let ws = Workspace::empty();
    for (i, (name, source, dateline, body)) in ARTICLES.iter().enumerate() {
        ws.write(
            name,
            article(&format!("Commodities note {i}"), source, dateline, body),
        );
    }
    ws.write(
        "wire-b/b1.txt",
        article(
            "Coffee talks resent",
            "Wire B",
            "3-MAR-1987 08:00:00.00",
            &resent(),
        ),
    );
    ws.cmd(&["index"]).assert().success();
    ws
}

#[test]
fn dups_lists_the_copies_of_a_story_earliest_first() {
    let ws = workspace();
    let (dups, code) = ws.json_and_code(&["dups", "--format", "json"]);
    assert_eq!(code, 0);
    let groups = dups["groups"].as_array().expect("groups");
    assert_eq!(groups.len(), 1, "{dups}");
    assert_eq!(groups[0]["size"], 3);
    assert_eq!(
        groups[0]["paths"],
        json!([
            "corpus/wire-a/a1.txt",
            "corpus/wire-c/c1.txt",
            "corpus/wire-b/b1.txt"
        ])
    );
    // The group id is the story every copy's hits carry.
    let (hits, _) = ws.json_and_code(&["search", "delegates", "--all", "--format", "json"]);
    let stories: Vec<&Value> = hits["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| &h["story"])
        .collect();
    assert_eq!(stories, [&groups[0]["group"], &groups[0]["group"]]);
    let csv = ws.cmd(&["dups", "--format", "csv"]).output().expect("run");
    let csv = String::from_utf8(csv.stdout).expect("UTF-8");
    let group = &groups[0]["group"];
    assert_eq!(
        csv,
        format!("group,size,path\n{group},3,corpus/wire-a/a1.txt\n{group},3,corpus/wire-c/c1.txt\n{group},3,corpus/wire-b/b1.txt\n")
    );
    ws.cmd(&["dups", "--min-size", "4"]).assert().code(1);
}

#[test]
fn dedup_shows_one_hit_per_story_with_its_copies() {
    let ws = workspace();
    let (found, code) = ws.json_and_code(&["search", "coffee", "--dedup", "--format", "json"]);
    assert_eq!(code, 0);
    let hits: Vec<(&str, &Value, &Value)> = found["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|h| (h["path"].as_str().expect("path"), &h["rank"], &h["copies"]))
        .collect();
    assert_eq!(
        hits,
        [
            // The re-sent copy has coffee in its title too: the best hit stands for the story.
            (
                "corpus/wire-b/b1.txt",
                &json!(1),
                &json!(["corpus/wire-a/a1.txt", "corpus/wire-c/c1.txt"])
            ),
            ("corpus/wire-a/a2.txt", &json!(2), &Value::Null),
        ]
    );
    let text = ws
        .cmd(&["search", "coffee", "--dedup"])
        .output()
        .expect("run");
    let text = String::from_utf8(text.stdout).expect("UTF-8");
    assert!(
        text.contains("   and 2 copies: corpus/wire-a/a1.txt, corpus/wire-c/c1.txt\n"),
        "{text}"
    );
}

/// (key, articles, total_articles) of each row.
fn rows(counts: &Value) -> Vec<(Value, u64, u64)> {
    common::period_rows(counts)
        .into_iter()
        .map(|(key, articles, total, _)| (key, articles, total))
        .collect()
}

#[test]
fn dedup_counts_a_story_once_against_all_the_stories_of_each_period() {
    let ws = workspace();
    let by = |extra: &[&str]| {
        let mut args = vec![
            "search", "coffee", "--count", "--by", "day", "--format", "json",
        ];
        args.extend_from_slice(extra);
        ws.json(&args)
    };
    let day = |d: &str| json!(format!("1987-03-{d}"));
    assert_eq!(
        rows(&by(&[])),
        [
            (day("02"), 2, 2),
            (day("03"), 1, 1),
            (day("05"), 0, 1),
            (day("20"), 1, 1)
        ]
    );
    // The story stands on the day of its earliest copy.
    let once = by(&["--dedup"]);
    assert_eq!(
        rows(&once),
        [(day("02"), 1, 1), (day("05"), 0, 1), (day("20"), 1, 1)]
    );
    assert_eq!(once["total"], 2);
    // The same story count without --by, by source, and in compare.
    let (plain, _) =
        ws.json_and_code(&["search", "coffee", "--count", "--dedup", "--format", "json"]);
    assert_eq!(plain["articles"].as_array().expect("articles").len(), 2);
    let (sources, _) = ws.json_and_code(&[
        "search", "coffee", "--count", "--dedup", "--by", "source", "--format", "json",
    ]);
    assert_eq!(
        rows(&sources),
        [(json!("Wire A"), 2, 2), (json!("Wire B"), 0, 1)]
    );
    let (compared, _) = ws.json_and_code(&[
        "compare", "coffee", "--by", "day", "--dedup", "--format", "json",
    ]);
    let columns = common::compared_rows(&compared, "coffee");
    assert_eq!(columns, rows(&once));
}

#[test]
fn an_added_copy_joins_its_story_and_a_removed_one_leaves_it() {
    let ws = workspace();
    let group = |ws: &Workspace| {
        let (dups, _) = ws.json_and_code(&["dups", "--format", "json"]);
        let g = &dups["groups"][0];
        (g["group"].clone(), g["paths"].clone())
    };
    let (id, _) = group(&ws);
    ws.write(
        "wire-d/d1.txt",
        article(
            "Coffee talks fail",
            "Wire D",
            "4-MAR-1987 08:00:00.00",
            COFFEE_TALKS,
        ),
    );
    ws.cmd(&["index"]).assert().success();
    assert_eq!(
        group(&ws),
        (
            id.clone(),
            json!([
                "corpus/wire-a/a1.txt",
                "corpus/wire-c/c1.txt",
                "corpus/wire-b/b1.txt",
                "corpus/wire-d/d1.txt"
            ])
        )
    );
    // The first copy, whose path named the story, goes: the others stay together.
    std::fs::remove_file(ws.corpus().join("wire-a/a1.txt")).expect("remove");
    ws.cmd(&["index"]).assert().success();
    assert_eq!(
        group(&ws),
        (
            id,
            json!([
                "corpus/wire-c/c1.txt",
                "corpus/wire-b/b1.txt",
                "corpus/wire-d/d1.txt"
            ])
        )
    );
}

#[test]
fn the_same_words_a_week_later_are_another_story() {
    let ws = workspace();
    ws.write(
        "wire-d/d2.txt",
        article(
            "Coffee talks again",
            "Wire D",
            "12-MAR-1987 08:00:00.00",
            COFFEE_TALKS,
        ),
    );
    ws.cmd(&["index"]).assert().success();
    let (dups, _) = ws.json_and_code(&["dups", "--format", "json", "--min-size", "1"]);
    let sizes: Vec<&Value> = dups["groups"]
        .as_array()
        .expect("groups")
        .iter()
        .map(|g| &g["size"])
        .collect();
    assert_eq!(sizes, [3, 1, 1, 1]);
}

#[test]
fn quote_sorted_by_date_shows_the_earliest_copy_first() {
    let ws = workspace();
    let (found, _) = ws.json_and_code(&[
        "quote",
        "talks will resume next month when producers and consumers meet again",
        "--sort",
        "date",
        "--format",
        "json",
    ]);
    let dates: Vec<&str> = found["hits"]
        .as_array()
        .expect("hits")
        .iter()
        .map(|s| s["date"].as_str().unwrap_or(""))
        .collect();
    assert_eq!(dates, ["1987-03-02", "1987-03-02", "1987-03-03"]);
}

#[test]
fn records_of_a_collection_are_copies_like_files() {
    let ws = Workspace::empty();
    let (name, source, dateline, body) = ARTICLES[0];
    ws.write(name, article("Coffee talks", source, dateline, body));
    let record = |title: &str, date: &str, text: &str| {
        json!({"title": title, "date_publish": date, "maintext": text}).to_string()
    };
    ws.write(
        "feed.jsonl",
        format!(
            "{}\n{}\n{}\n",
            record("Coffee talks again", "1987-03-02", body),
            record("Tea", "1987-03-05", TEA_AUCTION),
            record("Coffee talks resent", "1987-03-03", &resent()),
        ),
    );
    ws.cmd(&["index"]).assert().success();
    let (dups, code) = ws.json_and_code(&["dups", "--format", "json"]);
    assert_eq!(code, 0);
    assert_eq!(
        dups["groups"][0]["paths"],
        // Earliest first; the same day in path order.
        json!([
            "corpus/feed.jsonl#1",
            "corpus/wire-a/a1.txt",
            "corpus/feed.jsonl#3"
        ]),
        "{dups}"
    );
    // The collection rewritten without its first record: the group keeps what is left.
    ws.write(
        "feed.jsonl",
        format!(
            "{}\n{}\n",
            record("Tea", "1987-03-05", TEA_AUCTION),
            record("Coffee talks resent", "1987-03-03", &resent()),
        ),
    );
    ws.cmd(&["index"]).assert().success();
    let (dups, _) = ws.json_and_code(&["dups", "--format", "json"]);
    assert_eq!(
        dups["groups"][0]["paths"],
        json!(["corpus/wire-a/a1.txt", "corpus/feed.jsonl#2"]),
        "{dups}"
    );
}
