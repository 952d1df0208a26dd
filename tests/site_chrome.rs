//! End-to-end: lines repeated across the articles of one folder (one site) are page chrome,
//! left out of the index and listed by `newsgrep clean` with the reason.

mod common;

use common::{places, Workspace};
use serde_json::Value;

/// A footer no wording rule knows: only its repetition tells it from the story.
const FOOTER: &str = "The Daily Bugle is printed and published in Smalltown by Bugle Press.";
const MENU: &str = "Home | Metro | Sports | Weather";

const STORIES: [(&str, &str); 5] = [
    (
        "Harbour ferry returns after repairs",
        "The harbour ferry returned to service on Tuesday after six weeks of repairs to its hull. \
         Commuters queued from dawn, and the operator said crossings would run every twenty minutes.",
    ),
    (
        "Library extends its opening hours",
        "The central library will open until nine in the evening from next month, the council said. \
         Staff had asked for the change after students filled the reading rooms every weekend.",
    ),
    (
        "Orchard harvest beats expectations",
        "Growers in the valley picked a record crop of pears this autumn despite a dry summer. \
         Prices at the market fell by a tenth as the fruit arrived in greater quantity than usual.",
    ),
    (
        "Cyclists win a new lane on the avenue",
        "A protected cycle lane will run the length of the avenue by spring, planners announced. \
         Shopkeepers worried about deliveries were promised loading bays at each corner.",
    ),
    (
        "Choir marks fifty years of carols",
        "The cathedral choir celebrated its fiftieth winter concert with a programme of old carols. \
         Former members travelled from abroad to sing the closing hymn with the current singers.",
    ),
];

/// A page of the Daily Bugle: menu, headline, story, footer.
fn page(title: &str, story: &str) -> String {
    format!("{MENU}\n\n{title}\n\n{story}\n\n{FOOTER}\n")
}

/// The five stories in `corpus/bugle/`.
fn bugle() -> Workspace {
    let ws = Workspace::empty();
    for (i, (title, story)) in STORIES.iter().enumerate() {
        ws.write(&format!("bugle/{i}.txt"), page(title, story));
    }
    ws
}

fn clean_jsonl(ws: &Workspace, files: &[&str]) -> Vec<Value> {
    let mut args = vec!["clean", "--format", "jsonl"];
    args.extend_from_slice(files);
    let out = ws.cmd(&args).output().expect("run");
    assert_eq!(out.status.code(), Some(0));
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// `(line, text, reason)` of each removed entry.
fn removed(article: &Value) -> Vec<(u64, String, String)> {
    article["removed"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            (
                r["line"].as_u64().unwrap_or(0),
                r["text"].as_str().unwrap_or_default().to_string(),
                r["reason"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect()
}

#[test]
fn a_footer_repeated_across_a_site_is_not_indexed() {
    let ws = bugle();
    ws.cmd(&["search", "Smalltown"]).assert().code(1);
    ws.cmd(&["search", "Metro"]).assert().code(1);
    let (result, code) = ws.search_json(&["pears"]);
    assert_eq!(code, 0);
    assert_eq!(places(&result), [("2.txt".to_string(), 5)]);
}

#[test]
fn clean_lists_the_repeated_lines_with_their_reason() {
    let ws = bugle();
    let articles = clean_jsonl(&ws, &["corpus/bugle/0.txt"]);
    assert_eq!(articles.len(), 1);
    let a = &articles[0];
    assert_eq!(a["title"], "Harbour ferry returns after repairs");
    assert_eq!(a["body"], STORIES[0].1);
    let repeated: Vec<(u64, String, String)> = removed(a)
        .into_iter()
        .filter(|(_, _, reason)| reason == "repeated across site")
        .collect();
    assert_eq!(
        repeated,
        [
            (1, MENU.to_string(), "repeated across site".to_string()),
            (7, FOOTER.to_string(), "repeated across site".to_string()),
        ]
    );
}

#[test]
fn a_single_article_keeps_the_line_for_want_of_site_evidence() {
    let ws = Workspace::empty();
    let (title, story) = STORIES[0];
    ws.write("alone/only.txt", page(title, story));
    let articles = clean_jsonl(&ws, &["corpus/alone/only.txt"]);
    assert!(articles[0]["body"]
        .as_str()
        .unwrap_or_default()
        .contains(FOOTER));
    let (result, code) = ws.search_json(&["Smalltown"]);
    assert_eq!(code, 0);
    assert_eq!(places(&result), [("only.txt".to_string(), 7)]);
}

#[test]
fn pages_of_other_folders_are_other_sites() {
    let ws = Workspace::empty();
    for (i, (title, story)) in STORIES.iter().enumerate() {
        ws.write(&format!("site{i}/page.txt"), page(title, story));
    }
    let (result, code) = ws.search_json(&["Smalltown", "--all"]);
    assert_eq!(code, 0);
    assert_eq!(result["total"], 5);
}
