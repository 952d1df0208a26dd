//! End-to-end: `newsgrep serve` on a small corpus of dated articles and one hostile page, every
//! route over HTTP: the API equals the CLI's JSON, the pages mark and cite the hits, the path
//! guard, escaping, bad parameters, concurrent clients, freshness, and a headless browser.

mod browser;
mod common;

use common::Workspace;
use serde_json::Value;
use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// (file, source, dateline, body).
const ARTICLES: &[(&str, &str, &str, &str)] = &[
    (
        "a.txt",
        "Wire A",
        "26-FEB-1987 15:02:20.00",
        "Coffee prices rose in Brazil after the frost.",
    ),
    (
        "b.txt",
        "Wire A",
        "2-MAR-1987 09:10:00.00",
        "Tea prices fell in Calcutta.",
    ),
    (
        "c.txt",
        "Wire B",
        "5-MAR-1987 11:00:00.00",
        "Coffee exporters from five countries met in Bogota on Tuesday to talk about exports.\n\nThe coffee quota was not agreed, coffee men said.",
    ),
    (
        "d.txt",
        "Wire B",
        "1-JAN-1988 08:00:00.00",
        "Coffee stocks were counted at the ports.",
    ),
];

/// A page whose text tries to run a script: shown as text, it runs nothing.
const HOSTILE: &str = "Coffee <script>window.pwned=1;document.documentElement.setAttribute('data-pwned','script')</script> note\n\nCoffee traders <img src=x onerror=\"window.pwned=2;document.documentElement.setAttribute('data-pwned','img')\"> met in Santos.\n";

fn workspace() -> Workspace {
    let ws = Workspace::empty();
    for (name, source, dateline, body) in ARTICLES {
        // Titles differ: a line repeated across the folder is dropped as site chrome.
        let title = format!("Commodities note {}", name.trim_end_matches(".txt"));
        ws.write(
            name,
            format!("{title}\nSource: {source}\n{dateline}\n\n{body}\n"),
        );
    }
    ws.write("z_hostile.txt", HOSTILE);
    ws
}

/// A running `newsgrep serve --port 0`, stopped when dropped.
struct Server {
    child: Child,
    base: String,
    stderr: Arc<Mutex<Vec<String>>>,
}

impl Server {
    fn start(ws: &Workspace) -> Server {
        Server::start_with(ws, &[])
    }

    /// `newsgrep serve --port 0 ARGS`.
    fn start_with(ws: &Workspace, args: &[&str]) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_newsgrep"))
            .current_dir(ws.path())
            .args(["serve", "--port", "0"])
            .args(args)
            .env_remove("NEWSGREP_INDEX")
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start newsgrep serve");
        let stderr = child.stderr.take().expect("stderr");
        let lines = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = std::sync::mpsc::channel();
        let seen = Arc::clone(&lines);
        // Reads stderr to its end, so that the server never blocks on a full pipe.
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(url) = line.strip_prefix("newsgrep: serving ") {
                    let _ = tx.send(url.trim_end_matches('/').to_string());
                }
                seen.lock().expect("lines").push(line);
            }
        });
        let base = rx
            .recv_timeout(Duration::from_secs(120))
            .unwrap_or_else(|_| panic!("no URL on stderr: {:?}", lines.lock()));
        assert!(base.starts_with("http://127.0.0.1:"), "{base}");
        Server {
            child,
            base,
            stderr: lines,
        }
    }

    fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// GET `path`: status and body.
    fn get(&self, path: &str) -> (u16, String) {
        get(&self.url(path))
    }

    fn json(&self, path: &str) -> Value {
        let (status, body) = self.get(path);
        assert_eq!(status, 200, "{path}: {body}");
        serde_json::from_str(&body).unwrap_or_else(|_| panic!("{path}: not JSON: {body}"))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn get(url: &str) -> (u16, String) {
    match ureq::get(url).call() {
        Ok(response) => (response.status(), response.into_string().expect("body")),
        Err(ureq::Error::Status(status, response)) => {
            (status, response.into_string().expect("body"))
        }
        Err(e) => panic!("{url}: {e}"),
    }
}

fn cli_json(ws: &Workspace, args: &[&str]) -> Value {
    ws.json(args)
}

/// `text` percent-encoded for a query string.
fn enc(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[test]
fn the_api_answers_with_the_objects_of_the_cli_json() {
    let ws = workspace();
    let server = Server::start(&ws);
    for q in [
        "coffee",
        "\"coffee quota\"",
        "coffee -brazil",
        "tea OR exporters",
    ] {
        let api = server.json(&format!("/api/search?q={}", enc(q)));
        assert_eq!(api, ws.search_json(&[q]).0, "{q}");
    }
    let api = server.json("/api/search?q=coffee&all=1");
    assert_eq!(api, ws.search_json(&["coffee", "--all"]).0);
    for by in ["month", "source", "year"] {
        let api = server.json(&format!("/api/count?q=coffee&by={by}"));
        let cli = cli_json(
            &ws,
            &[
                "search", "coffee", "--count", "--by", by, "--format", "json",
            ],
        );
        assert_eq!(api, cli, "{by}");
    }
    assert_eq!(
        server.json("/api/stats"),
        cli_json(&ws, &["stats", "--format", "json"])
    );
    // The quote's time differs from run to run; everything else is the same.
    let quote = "the coffee quota was agreed";
    let mut api = server.json(&format!("/api/quote?q={}", enc(quote)));
    let mut cli = cli_json(&ws, &["quote", quote, "--format", "json"]);
    api["took_ms"] = Value::Null;
    cli["took_ms"] = Value::Null;
    assert_eq!(api, cli);
    assert_eq!(api["hits"][0]["path"], "corpus/c.txt");
}

#[test]
fn csv_download_is_the_cli_csv() {
    let ws = workspace();
    let server = Server::start(&ws);
    let (status, body) = server.get("/api/search?q=coffee&all=1&format=csv");
    assert_eq!(status, 200);
    let out = ws
        .cmd(&["search", "coffee", "--all", "--format", "csv"])
        .output()
        .expect("run");
    assert_eq!(body, String::from_utf8_lossy(&out.stdout));
}

#[test]
fn the_search_page_marks_cites_counts_and_charts_the_hits() {
    let ws = workspace();
    let server = Server::start(&ws);
    let (status, page) = server.get("/?q=quota");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("1 matching passage in 1 article"), "{page}");
    assert!(
        page.contains("The coffee <mark>quota</mark> was not agreed"),
        "{page}"
    );
    assert!(page.contains(
        r#"<a href="/article?path=corpus%2Fc.txt&amp;line=7&amp;q=quota#here">corpus/c.txt:7</a>"#
    ), "{page}");
    assert!(
        page.contains("<title>1987-03: 1 of 2 articles (50.00%)</title>"),
        "{page}"
    );
    assert!(
        page.contains("<title>Wire B: 1 of 2 articles (50.00%)</title>"),
        "{page}"
    );
    assert!(
        page.contains(r#"href="/api/search?q=%28quota%29&amp;exact=&amp;all=1&amp;format=csv""#),
        "{page}"
    );
}

#[test]
fn the_date_and_source_filters_narrow_the_hits() {
    let ws = workspace();
    let server = Server::start(&ws);
    let cites = |page: &str| -> Vec<String> {
        page.split("\">corpus/")
            .skip(1)
            .map(|rest| format!("corpus/{}", rest.split('<').next().unwrap_or_default()))
            .collect()
    };
    let (_, all) = server.get("/?q=coffee");
    assert_eq!(cites(&all).len(), 6, "{all}");
    let (_, from_1988) = server.get("/?q=coffee&from=1988-01-01&to=");
    assert_eq!(cites(&from_1988), ["corpus/d.txt:5"]);
    let (_, until_feb) = server.get("/?q=coffee&to=1987-02-28");
    assert_eq!(cites(&until_feb), ["corpus/a.txt:5"]);
    let (_, wire_b) = server.get("/?q=coffee&source=Wire+B&from=1987-03-01&to=1987-03-31");
    let mut wire_b = cites(&wire_b);
    wire_b.sort();
    assert_eq!(wire_b, ["corpus/c.txt:5", "corpus/c.txt:7"]);
}

#[test]
fn pages_of_results_link_to_each_other() {
    let ws = Workspace::empty();
    for i in 0..25 {
        ws.write(
            &format!("p{i:02}.txt"),
            format!("Harbour report {i}\n\nThe harbour crane {i} moved sacks.\n"),
        );
    }
    let server = Server::start(&ws);
    let (_, first) = server.get("/?q=crane");
    assert!(first.contains("Page 1 of 2"), "{first}");
    assert!(first.contains(r#"href="/?q=crane&amp;tab=passages&amp;page=2" rel="next""#));
    assert!(!first.contains(r#"rel="prev""#), "{first}");
    let (_, second) = server.get("/?q=crane&page=2");
    assert_eq!(second.matches("<li class=\"hit\">").count(), 5, "{second}");
    assert!(second.contains("<div>21. "), "{second}");
    // The last page: back, and no further.
    assert!(second.contains("Page 2 of 2"), "{second}");
    assert!(
        second.contains(r#"href="/?q=crane&amp;tab=passages&amp;page=1" rel="prev""#),
        "{second}"
    );
    assert!(!second.contains(r#"rel="next""#), "{second}");
    let (status, third) = server.get("/?q=crane&page=3");
    assert_eq!(status, 404, "{third}");
    assert!(
        third.contains("page 3 is past the last page of these results (2)"),
        "{third}"
    );
}

#[test]
fn a_page_past_the_last_one_says_so() {
    let ws = workspace();
    let server = Server::start(&ws);
    let (status, page) = server.get("/?q=quota&page=2");
    assert_eq!(status, 404, "{page}");
    assert!(
        page.contains(
            r#"<p class="error" id="error">page 2 is past the last page of these results (1)</p>"#
        ),
        "{page}"
    );
    // The form keeps the query, to try again.
    assert!(page.contains(r#"name="q" value="quota""#), "{page}");
}

#[test]
fn a_query_that_matches_nothing_says_so_and_offers_to_widen_it() {
    let ws = workspace();
    let server = Server::start(&ws);
    let (status, page) = server.get("/?q=cardamom&source=Wire+A&exact=1");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(r#"<p class="counts" id="counts">No passage matches <q>cardamom</q>.</p>"#),
        "{page}"
    );
    assert!(
        page.contains(r#"<a href="/?q=cardamom">Search without the date and source filters</a>"#),
        "{page}"
    );
    assert!(
        page.contains(
            r#"<a href="/?q=cardamom&amp;source=Wire%20A">Search without exact words</a>"#
        ),
        "{page}"
    );
    // No chart, tab or download of nothing.
    assert!(
        !page.contains("<svg") && !page.contains("format=csv"),
        "{page}"
    );
    let (_, reversed) = server.get("/?q=coffee&from=1988-01-01&to=1987-01-01");
    assert!(
        reversed.contains("The From date (1988-01-01) is after the To date (1987-01-01)."),
        "{reversed}"
    );
}

#[test]
fn a_query_syntax_error_is_marked_at_its_column_in_the_query_as_typed() {
    let ws = workspace();
    let server = Server::start(&ws);
    // The page adds its filters around the query; the column is still the one typed.
    let (status, page) = server.get(&format!(
        "/?q={}&from=1987-01-01",
        enc("café “coffee quota")
    ));
    assert_eq!(status, 400, "{page}");
    assert!(
        page.contains(r#"<p class="error" id="error">bad query at column 6: unbalanced quote: this &quot; is never closed</p>"#),
        "{page}"
    );
    assert!(
        page.contains(
            r#"<code>café <mark class="at" title="column 6">“</mark>coffee quota</code>"#
        ),
        "{page}"
    );
    let (status, page) = server.get("/?q=coffee+(tea");
    assert_eq!(status, 400, "{page}");
    assert!(page.contains("bad query at column 8: unbalanced"), "{page}");
    assert!(
        page.contains(r#"<code>coffee <mark class="at" title="column 8">(</mark>tea</code>"#),
        "{page}"
    );
    // A filter at fault is named as such.
    for (path, says) in [
        (
            "/?q=coffee&from=March",
            "the From date &quot;March&quot; is not a date",
        ),
        (
            "/?q=coffee&to=1987-13-45",
            "the To date &quot;1987-13-45&quot; is not a date",
        ),
        (
            "/?q=coffee&source=%5C",
            "the Source filter &quot;\\&quot;: the phrase has no words",
        ),
    ] {
        let (status, page) = server.get(path);
        assert_eq!(status, 400, "{path}: {page}");
        assert!(page.contains(says), "{path}: {page}");
    }
}

#[test]
fn the_box_has_the_focus_except_where_the_page_scrolls_to_a_passage() {
    let ws = workspace();
    let server = Server::start(&ws);
    for (path, focused) in [
        (
            "/",
            Some(r#"<input id="q" type="search" name="q" value="" autofocus"#),
        ),
        (
            "/?q=coffee",
            Some(r#"<input id="q" type="search" name="q" value="coffee" autofocus"#),
        ),
        (
            "/quote",
            Some(r#"<input id="quote" type="search" name="q" value="" autofocus"#),
        ),
        ("/article?path=corpus%2Fc.txt&line=7", None),
        ("/original?path=corpus%2Fc.txt", None),
    ] {
        let (status, page) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            page.matches("autofocus").count(),
            usize::from(focused.is_some()),
            "{path}: {page}"
        );
        if let Some(focused) = focused {
            assert!(page.contains(focused), "{path}: {page}");
        }
        // Nothing is loaded from elsewhere: every src and href is this server's.
        for attribute in ["src=\"", "href=\""] {
            for value in page.split(attribute).skip(1) {
                assert!(
                    value.starts_with('/') || value.starts_with('#'),
                    "{path}: {attribute}{value}"
                );
            }
        }
    }
    // `/` focuses the page's focused box, else the search box.
    let (_, keys) = server.get("/assets/keys.js");
    assert!(
        keys.contains("document.querySelector('input[autofocus]') || document.getElementById('q')")
    );
    // Each hit's title opens its article too.
    let (_, page) = server.get("/?q=quota");
    assert!(page.contains(
        r#"<a class="open" href="/article?path=corpus%2Fc.txt&amp;line=7&amp;q=quota#here"><span class="title">Commodities note c</span>"#
    ), "{page}");
}

#[test]
fn the_kwic_tab_lines_up_each_occurrence() {
    let ws = workspace();
    let server = Server::start(&ws);
    let (status, page) = server.get("/?q=quota&tab=kwic");
    assert_eq!(status, 200);
    assert!(page.contains(
        r#"<td class="left"><bdi>The coffee </bdi></td><td><mark>quota</mark></td><td class="right"> was not agreed, coffee men said.</td>"#
    ), "{page}");
}

#[test]
fn the_kwic_tab_is_paged_like_the_passages() {
    let ws = Workspace::empty();
    // 25 passages of two occurrences each: 20 passages on page 1, 5 on page 2.
    for i in 0..25 {
        ws.write(
            &format!("p{i:02}.txt"),
            format!("Harbour report {i}\n\nThe harbour crane {i} lifted the other crane.\n"),
        );
    }
    let server = Server::start(&ws);
    let rows = |page: &str| page.matches("<td><mark>").count();
    let (status, first) = server.get("/?q=crane&tab=kwic");
    assert_eq!(status, 200, "{first}");
    assert_eq!(rows(&first), 40, "{first}");
    assert!(first.contains(
        r#"<p class="note" id="kwic-counts">40 occurrences in passages 1–20 of 25 (ranked as on the Passages tab); 50 in all</p>"#
    ), "{first}");
    assert!(first.contains("Page 1 of 2"), "{first}");
    assert!(
        first.contains(r#"href="/?q=crane&amp;tab=kwic&amp;page=2" rel="next""#),
        "{first}"
    );
    let (status, second) = server.get("/?q=crane&tab=kwic&page=2");
    assert_eq!(status, 200, "{second}");
    assert_eq!(rows(&second), 10, "{second}");
    assert!(
        second.contains("10 occurrences in passages 21–25 of 25"),
        "{second}"
    );
    assert!(
        second.contains(r#"href="/?q=crane&amp;tab=kwic&amp;page=1" rel="prev""#),
        "{second}"
    );
    assert!(!second.contains(r#"rel="next""#), "{second}");
    // The lines of page 2 are those of the passages of page 2 of the Passages tab.
    let cites = |page: &str, marker: &str| -> Vec<String> {
        let mut cites: Vec<String> = page
            .split(marker)
            .skip(1)
            .filter_map(|rest| rest.split_once("\">"))
            .filter_map(|(_, text)| text.split('<').next())
            .map(str::to_string)
            .collect();
        cites.sort();
        cites.dedup();
        cites
    };
    let (_, passages) = server.get("/?q=crane&page=2");
    let on_passages = cites(&passages, r#"<div class="cite"><a href=""#);
    let on_kwic = cites(&second, r#"<td class="cite"><a href=""#);
    assert_eq!(on_passages.len(), 5, "{passages}");
    assert_eq!(on_passages, on_kwic);
    let (status, _) = server.get("/?q=crane&tab=kwic&page=3");
    assert_eq!(status, 404);
}

#[test]
fn the_article_view_outlines_the_passage_and_keeps_what_was_removed() {
    let ws = workspace();
    let server = Server::start(&ws);
    let (status, page) = server.get("/article?path=corpus%2Fc.txt&line=7&q=quota");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("<h1>Commodities note c</h1>"), "{page}");
    assert!(
        page.contains(r#"<p class="passage here" id="here">"#),
        "{page}"
    );
    assert!(
        page.contains("The coffee <mark>quota</mark> was not agreed"),
        "{page}"
    );
    assert!(page.contains(r#"<p class="passage" id="L5">"#), "{page}");
    assert!(
        page.contains("<details><summary>What the cleaner removed"),
        "{page}"
    );
    let (status, original) = server.get("/original?path=corpus%2Fc.txt");
    assert_eq!(status, 200);
    assert!(original.contains(
        r#"<span class="row" id="L7"><span class="ln">7</span>The coffee quota was not agreed, coffee men said.</span>"#
    ), "{original}");
}

#[test]
fn the_article_view_lists_the_site_chrome_removed_as_clean_does() {
    let ws = Workspace::empty();
    for (i, port) in ["Santos", "Kochi", "Mombasa", "Rotterdam"]
        .iter()
        .enumerate()
    {
        ws.write(
            &format!("harbour/h{i}.txt"),
            format!(
                "{port} harbour report\n\nCranes at {port} moved more sacks of coffee this week than last.\n\nFollow Harbour Daily for more port news every morning.\n"
            ),
        );
    }
    let server = Server::start(&ws);
    let (status, page) = server.get("/article?path=corpus%2Fharbour%2Fh1.txt&line=3");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(
            r#"<p><span class="ln">5</span>[repeated across site] Follow Harbour Daily for more port news every morning.</p>"#
        ),
        "{page}"
    );
    // Every line `newsgrep clean` says it removed is listed, with its line and reason.
    let cleaned = ws
        .cmd(&["clean", "corpus/harbour/h1.txt", "--format", "jsonl"])
        .output()
        .expect("run clean");
    let cleaned: Value = serde_json::from_slice(&cleaned.stdout).expect("JSON");
    let removed = cleaned["removed"].as_array().expect("removed");
    assert!(!removed.is_empty());
    assert!(
        page.contains(&format!(
            "What the cleaner removed ({} lines)",
            removed.len()
        )),
        "{page}"
    );
    for r in removed {
        let shown = format!(
            r#"<p><span class="ln">{}</span>[{}] {}</p>"#,
            r["line"],
            r["reason"].as_str().expect("reason"),
            r["text"].as_str().expect("text")
        );
        assert!(page.contains(&shown), "{shown}: {page}");
    }
}

#[test]
fn the_quote_page_shows_the_diff() {
    let ws = workspace();
    let server = Server::start(&ws);
    let (status, page) = server.get("/quote?q=the+coffee+quota+was+agreed");
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("1 source found"), "{page}");
    assert!(page.contains("<del>not</del>"), "{page}");
    assert!(page.contains("corpus/c.txt:7</a>"), "{page}");
}

#[test]
fn the_quote_page_puts_the_earliest_copy_first_on_request() {
    let ws = Workspace::empty();
    // The later copy is the exact one, so it has the best score.
    for (name, dateline, verb) in [
        ("early.txt", "1-MAR-1987 10:00:00.00", "will"),
        ("late.txt", "9-MAR-1987 10:00:00.00", "would"),
    ] {
        ws.write(
            name,
            format!("Quota talks {name}\nSource: Wire A\n{dateline}\n\nThe minister said the coffee quota talks {verb} resume in London next month.\n"),
        );
    }
    let server = Server::start(&ws);
    let quote = "/quote?q=the+coffee+quota+talks+would+resume+in+London+next+month";
    let order = |page: &str| -> Vec<usize> {
        ["corpus/early.txt:5</a>", "corpus/late.txt:5</a>"]
            .iter()
            .map(|cite| page.find(cite).unwrap_or_else(|| panic!("{cite}: {page}")))
            .collect()
    };
    let (status, by_score) = server.get(quote);
    assert_eq!(status, 200, "{by_score}");
    assert!(
        by_score.contains("2 sources found, best match first"),
        "{by_score}"
    );
    let at = order(&by_score);
    assert!(at[1] < at[0], "the exact, later copy first: {by_score}");
    assert!(
        by_score.contains(r#"<input type="checkbox" name="sort" value="date">"#),
        "{by_score}"
    );
    let (status, by_date) = server.get(&format!("{quote}&sort=date"));
    assert_eq!(status, 200, "{by_date}");
    assert!(
        by_date.contains("2 sources found, earliest copy first"),
        "{by_date}"
    );
    let at = order(&by_date);
    assert!(at[0] < at[1], "the earlier copy first: {by_date}");
    // The box is ticked, so that the next quote is traced the same way.
    assert!(
        by_date.contains(r#"<input type="checkbox" name="sort" value="date" checked>"#),
        "{by_date}"
    );
}

#[test]
fn a_quote_page_error_keeps_the_quote_to_mend_it() {
    let ws = workspace();
    let server = Server::start(&ws);
    for (path, status, says) in [
        (
            "/quote?q=coffee+quota&limit=ten",
            400,
            "limit &quot;ten&quot; is not a whole number",
        ),
        (
            "/quote?q=coffee+quota&min_coverage=most",
            400,
            "min_coverage &quot;most&quot; is not a number",
        ),
        (
            "/quote?q=coffee+quota&sort=oldest",
            400,
            "no sort &quot;oldest&quot;",
        ),
        ("/quote?q=%21%21%21", 400, "the quote has no words"),
    ] {
        let (got, page) = server.get(path);
        assert_eq!(got, status, "{path}: {page}");
        assert!(
            page.contains(&format!(r#"<p class="error" id="error">{says}"#)),
            "{path}: {page}"
        );
        assert!(
            page.contains(r#"<input id="quote" type="search" name="q" value=""#),
            "{path}: {page}"
        );
    }
    let (_, page) = server.get("/quote?q=coffee+quota&limit=ten");
    assert!(page.contains(r#"name="q" value="coffee quota""#), "{page}");
    // The API says the same, as JSON.
    for (path, says) in [
        (
            "/api/quote?q=coffee&limit=ten",
            r#"limit "ten" is not a whole number"#,
        ),
        (
            "/api/search?q=coffee&limit=-1",
            r#"limit "-1" is not a whole number"#,
        ),
        (
            "/api/search?q=coffee&context=x",
            r#"context "x" is not a whole number"#,
        ),
        ("/api/stats?top=all", r#"top "all" is not a whole number"#),
    ] {
        let (status, body) = server.get(path);
        assert_eq!(status, 400, "{path}: {body}");
        let body: Value = serde_json::from_str(&body).unwrap_or_else(|_| panic!("{path}: {body}"));
        assert_eq!(body["error"], says, "{path}");
    }
}

#[test]
fn the_download_links_carry_the_filters_of_the_page() {
    let ws = workspace();
    let server = Server::start(&ws);
    let (status, page) =
        server.get("/?q=coffee&source=Wire+B&from=1987-03-01&to=1987-12-31&exact=1");
    assert_eq!(status, 200, "{page}");
    let link = |format: &str| -> String {
        let end = format!("&amp;format={format}\"");
        let at = page
            .find(&end)
            .unwrap_or_else(|| panic!("{format}: {page}"));
        let start = page[..at].rfind("href=\"").expect("href") + "href=\"".len();
        page[start..at].replace("&amp;", "&") + "&format=" + format
    };
    let query = r#"(coffee) date:1987-03-01..1987-12-31 source:"Wire B""#;
    let csv = link("csv");
    assert_eq!(
        csv,
        format!("/api/search?q={}&exact=1&all=1&format=csv", enc(query))
    );
    let (status, body) = server.get(&csv);
    assert_eq!(status, 200, "{body}");
    let out = ws
        .cmd(&["search", query, "--exact", "--all", "--format", "csv"])
        .output()
        .expect("run");
    assert_eq!(body, String::from_utf8_lossy(&out.stdout));
    // Only the filtered article: c.txt (Wire B, March 1987), not d.txt (Wire B, 1988).
    assert_eq!(body.matches("corpus/c.txt").count(), 2, "{body}");
    assert!(!body.contains("corpus/d.txt"), "{body}");
    let json = server.json(&link("json"));
    assert_eq!(json, ws.search_json(&[query, "--exact", "--all"]).0);
}

#[test]
fn only_files_the_index_holds_are_served() {
    let ws = workspace();
    std::fs::write(ws.path().join("secret.txt"), "not in the corpus").expect("write");
    let server = Server::start(&ws);
    for path in [
        "../../etc/passwd",
        "/etc/passwd",
        "corpus/../secret.txt",
        "secret.txt",
        "corpus",
        "corpus/a.txt%00",
    ] {
        for route in ["article", "original"] {
            let (status, body) = server.get(&format!("/{route}?path={}&line=1", enc(path)));
            assert_eq!(status, 404, "{route} {path}: {body}");
            assert!(!body.contains("root:") && !body.contains("not in the corpus"));
            // A page that says so, with the search box to go on.
            assert!(
                body.contains("no such article in the index</p>")
                    && body.contains(r#"<input id="q" type="search""#),
                "{route} {path}: {body}"
            );
        }
    }
}

#[test]
fn hostile_article_text_is_shown_as_text() {
    let ws = workspace();
    let server = Server::start(&ws);
    for path in [
        "/?q=traders",
        "/?q=coffee&tab=kwic",
        "/article?path=corpus%2Fz_hostile.txt&line=3",
        "/original?path=corpus%2Fz_hostile.txt",
    ] {
        let (status, page) = server.get(path);
        assert_eq!(status, 200, "{path}");
        assert!(!page.contains("<script>window"), "{path}: {page}");
        assert!(!page.contains("<img"), "{path}: {page}");
        assert!(page.contains("&lt;img src=x onerror="), "{path}: {page}");
    }
}

#[test]
fn bad_parameters_get_a_4xx_with_a_message() {
    let ws = workspace();
    let server = Server::start(&ws);
    let long = "a".repeat(3000);
    for (path, status, says) in [
        ("/api/search", 400, "the query is empty"),
        ("/api/search?q=tiktok%5E2", 400, "query:"),
        ("/api/search?q=coffee&format=xml", 400, "no format"),
        ("/api/count?q=coffee&by=decade", 400, "by must be"),
        ("/api/quote?q=x&min_coverage=2", 400, "min_coverage"),
        ("/?q=coffee&page=0", 400, "out of range"),
        ("/?q=coffee&tab=maps", 400, "no tab"),
        ("/article", 400, "path="),
        (
            "/nowhere",
            404,
            r#"<p class="error" id="error">no such page: /nowhere; search at /, trace a quote at /quote</p>"#,
        ),
        (
            "/api/serch?q=x",
            404,
            r#"{"error":"no such page: /api/serch; the API is /api/search, /api/quote, /api/count and /api/stats"}"#,
        ),
        (&format!("/api/search?q={long}"), 400, "longer than"),
    ] {
        let (got, body) = server.get(path);
        assert_eq!(got, status, "{path}: {body}");
        assert!(body.contains(says), "{path}: {body}");
    }
    // Numbers that are not: the page says which.
    for (path, says) in [
        (
            "/article?path=corpus%2Fa.txt&line=abc",
            "line &quot;abc&quot; is not a whole number",
        ),
        (
            "/?q=coffee&page=x",
            "page &quot;x&quot; is not a whole number",
        ),
        (
            "/?q=coffee&page=-1",
            "page &quot;-1&quot; is not a whole number",
        ),
    ] {
        let (status, page) = server.get(path);
        assert_eq!(status, 400, "{path}: {page}");
        assert!(page.contains(says), "{path}: {page}");
        assert!(
            page.contains(r#"<p class="error" id="error">"#),
            "{path}: {page}"
        );
    }
    // Read-only: no other method.
    let post = ureq::post(&server.url("/api/search?q=coffee")).call();
    assert!(matches!(post, Err(ureq::Error::Status(405, _))));
}

#[test]
fn twenty_clients_at_once_get_their_own_answers() {
    let ws = workspace();
    let server = Server::start(&ws);
    let queries = ["coffee", "tea", "quota", "exporters", "frost"];
    let expected: Vec<Value> = queries
        .iter()
        .map(|q| server.json(&format!("/api/search?q={q}")))
        .collect();
    let base = server.base.clone();
    let clients: Vec<_> = (0..20)
        .map(|i| {
            let (q, base) = (queries[i % queries.len()], base.clone());
            std::thread::spawn(move || {
                let (status, body) = get(&format!("{base}/api/search?q={q}"));
                assert_eq!(status, 200);
                serde_json::from_str::<Value>(&body).expect("JSON")
            })
        })
        .collect();
    for (i, client) in clients.into_iter().enumerate() {
        let got = client.join().expect("client");
        assert_eq!(got, expected[i % queries.len()], "client {i}");
    }
}

/// Asks `/api/search?q=Q` until `done` holds of its answer, for at most a minute.
fn wait_for(server: &Server, q: &str, done: impl Fn(&Value) -> bool) -> Value {
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        let found = server.json(&format!("/api/search?q={q}"));
        if done(&found) {
            return found;
        }
        assert!(
            Instant::now() < deadline,
            "{q}: {found}; stderr: {:?}",
            server.stderr.lock()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
}

#[test]
fn the_watcher_brings_new_edited_and_removed_articles_in_without_a_restart() {
    let ws = workspace();
    // No periodic check: only the watcher can see the changes.
    let server = Server::start_with(&ws, &["--refresh", "0"]);
    assert_eq!(server.json("/api/search?q=cardamom")["total"], 0);
    ws.write(
        "e.txt",
        "Spice note\n\nCardamom prices doubled in Kerala.\n",
    );
    let found = wait_for(&server, "cardamom", |v| v["total"] == 1);
    assert_eq!(found["hits"][0]["path"], "corpus/e.txt");
    // A folder made after the start is watched too.
    ws.write(
        "spices/f.txt",
        "Pepper note\n\nPepper and cardamom shipped from Kochi.\n",
    );
    let found = wait_for(&server, "kochi", |v| v["total"] == 1);
    assert_eq!(found["hits"][0]["path"], "corpus/spices/f.txt");
    // An edit, then a removal.
    ws.write("e.txt", "Spice note\n\nSaffron prices doubled in Kerala.\n");
    wait_for(&server, "saffron", |v| v["total"] == 1);
    std::fs::remove_file(ws.path().join("corpus/spices/f.txt")).expect("remove");
    wait_for(&server, "kochi", |v| v["total"] == 0);
    assert_eq!(server.json("/api/search?q=cardamom")["total"], 0);
}

#[test]
fn the_periodic_check_sees_changes_without_the_watcher() {
    let ws = workspace();
    let server = Server::start_with(&ws, &["--no-watch", "--refresh", "1"]);
    ws.write(
        "e.txt",
        "Spice note\n\nCardamom prices doubled in Kerala.\n",
    );
    let found = wait_for(&server, "cardamom", |v| v["total"] == 1);
    assert_eq!(found["hits"][0]["path"], "corpus/e.txt");
}

/// Keeps trickling a header byte every 200 ms on `stream` until the server closes it; the
/// time that took, or `None` if it stayed open past `limit`.
fn trickle_until_closed(mut stream: TcpStream, send: bool, limit: Duration) -> Option<Duration> {
    let started = Instant::now();
    stream
        .set_read_timeout(Some(Duration::from_millis(200)))
        .expect("timeout");
    let mut buf = [0u8; 4096];
    while started.elapsed() < limit {
        if send && stream.write_all(b"x").is_err() {
            return Some(started.elapsed());
        }
        match stream.read(&mut buf) {
            Ok(0) => return Some(started.elapsed()),
            Ok(_) => {}
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(_) => return Some(started.elapsed()),
        }
    }
    None
}

#[test]
fn clients_that_trickle_their_request_or_send_nothing_are_cut_off_and_block_no_one() {
    let ws = workspace();
    let server = Server::start(&ws);
    let address = server.base.trim_start_matches("http://").to_string();
    // More slow clients than answer slots: each starts a request and trickles its head.
    let slow: Vec<_> = (0..8)
        .map(|i| {
            let mut stream = TcpStream::connect(&address).expect("connect");
            stream
                .write_all(b"GET /?q=coffee HTTP/1.1\r\nHost: localhost\r\nX-Slow: ")
                .expect("write");
            // One in two sends nothing more at all.
            let send = i % 2 == 0;
            std::thread::spawn(move || trickle_until_closed(stream, send, Duration::from_secs(60)))
        })
        .collect();
    // Meanwhile every other client is answered.
    std::thread::sleep(Duration::from_millis(500));
    for q in ["quota", "tea", "frost", "exporters", "coffee"] {
        assert_ne!(
            server.json(&format!("/api/search?q={q}"))["total"],
            0,
            "{q}"
        );
    }
    let (status, page) = server.get("/?q=quota");
    assert_eq!(status, 200, "{page}");
    // The slow ones are disconnected: the head timeout is 10 s.
    for (i, client) in slow.into_iter().enumerate() {
        let closed = client.join().expect("client");
        assert!(closed.is_some(), "slow client {i} was never disconnected");
    }
    // An idle connection that never starts a request is closed too.
    let idle = TcpStream::connect(&address).expect("connect");
    assert!(trickle_until_closed(idle, false, Duration::from_secs(60)).is_some());
}

/// Runs headless Chromium on `url` with `args`; its stdout.
fn chromium(url: &str, args: &[&str]) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let out = Command::new("chromium")
        .args(browser::HEADLESS)
        .args(
            (!args.iter().any(|a| a.starts_with("--window-size")))
                .then_some("--window-size=1100,1300"),
        )
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .args(args)
        .arg(url)
        .output()
        .expect("chromium (Debian's package; .ci/run installs it)");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

#[test]
#[ignore = "runs headless Chromium (slow); .ci/run installs it and runs this"]
fn a_browser_renders_the_search_page_and_runs_no_article_script() {
    let ws = workspace();
    let server = Server::start(&ws);
    let dom = chromium(
        &server.url("/?q=coffee"),
        &["--dump-dom", "--virtual-time-budget=3000"],
    );
    assert!(dom.contains("matching passages in"), "{dom}");
    assert!(dom.contains("<mark>Coffee</mark>"), "{dom}");
    assert!(
        dom.contains("<svg") && dom.contains("class=\"chart-time\""),
        "{dom}"
    );
    assert!(dom.contains("class=\"chart-source\""), "{dom}");
    // The hostile passage is on the page, as text: no element of it, and neither of its
    // scripts ran (each would have marked the root element).
    assert!(dom.contains("&lt;img src=x onerror="), "{dom}");
    assert!(!dom.contains("<img"), "{dom}");
    assert!(!dom.contains("<script>window"), "{dom}");
    assert!(dom.contains(r#"<html lang="en"><head>"#), "{dom}");
    assert!(!dom.contains("data-pwned=\""), "{dom}");
}

/// The browser tests' corpus: the usual one, plus a long article (to scroll to a passage), and
/// a source and a path too long for a phone's line.
fn browser_workspace() -> Workspace {
    let ws = workspace();
    let paragraphs: Vec<String> = (1..=40)
        .map(|i| match i {
            34 => "The anchovy catch off Peru was the smallest in a decade, fishermen said."
                .to_string(),
            _ => {
                format!("Paragraph {i} of the long market report: prices, volumes and the weather.")
            }
        })
        .collect();
    ws.write(
        "long.txt",
        format!(
            "Long market report\nSource: Wire A\n3-MAR-1987 10:00:00.00\n\n{}\n",
            paragraphs.join("\n\n")
        ),
    );
    ws.write(
        "a-folder-with-a-rather-long-name/and-an-article-file-name-longer-than-a-phone-screen.txt",
        "Coffee roasting notes\nSource: The International Coffee Organization Statistical Bulletin\n4-MAR-1987 10:00:00.00\n\nCoffee roasters in Hamburg bought more beans from Kenya this month.\n",
    );
    // Two pages of results.
    for i in 0..25 {
        ws.write(
            &format!("sardines/s{i:02}.txt"),
            format!("Sardine landings {i}\n\nBoat {i} landed sardines at Vigo.\n"),
        );
    }
    ws
}

#[test]
#[ignore = "runs headless Chromium (slow); .ci/run installs it and runs this"]
fn in_a_browser_the_slash_key_focuses_the_box_and_enter_searches() {
    let ws = browser_workspace();
    let server = Server::start(&ws);
    let mut browser = browser::Browser::start();
    browser.open(&server.url("/?q=coffee"));
    assert_eq!(browser.eval("document.activeElement.id"), "q");
    // Away from the box, `/` brings the focus back to it, the query selected to be typed over.
    browser.eval("document.activeElement.blur()");
    assert_eq!(browser.eval("document.activeElement.tagName"), "BODY");
    browser.press("/");
    assert_eq!(browser.eval("document.activeElement.id"), "q");
    assert_eq!(
        browser.eval("[q.value, q.selectionStart, q.selectionEnd]"),
        serde_json::json!(["coffee", 0, 6])
    );
    // In the box, `/` is typed as it is.
    browser.eval("q.setSelectionRange(6, 6)");
    browser.type_text("/x");
    assert_eq!(browser.eval("q.value"), "coffee/x");
    // So it is in the other fields.
    browser.eval("document.querySelector('input[name=source]').focus()");
    browser.press("/");
    assert_eq!(browser.eval("document.activeElement.name"), "source");
    assert_eq!(
        browser.eval("document.querySelector('input[name=source]').value"),
        "/"
    );
    // A ticked checkbox or a button takes no `/`: the key goes to the box.
    for control in ["input[name=exact]", "button[type=submit]"] {
        browser.eval(&format!("document.querySelector('{control}').focus()"));
        browser.press("/");
        assert_eq!(browser.eval("document.activeElement.id"), "q", "{control}");
    }
    // On the article view, no box has the focus (the page scrolls to the passage); `/` gives it.
    browser.open(&server.url("/article?path=corpus%2Fc.txt&line=7&q=quota"));
    assert_eq!(browser.eval("document.activeElement.tagName"), "BODY");
    browser.press("/");
    assert_eq!(browser.eval("document.activeElement.id"), "q");
    // On the quote page, `/` focuses the quote's box.
    browser.open(&server.url("/quote"));
    browser.eval("document.activeElement.blur()");
    browser.press("/");
    assert_eq!(browser.eval("document.activeElement.id"), "quote");
    // From the home page: `/`, a query typed, Enter, and the results are there.
    browser.open(&server.url("/"));
    browser.eval("document.activeElement.blur()");
    browser.press("/");
    browser.type_text("quota");
    browser.navigating(|b| b.press("Enter"));
    assert_eq!(
        browser.eval("new URLSearchParams(location.search).get('q')"),
        "quota"
    );
    let counts = browser.eval("document.getElementById('counts').textContent");
    assert!(
        counts
            .as_str()
            .is_some_and(|c| c.starts_with("1 matching passage in 1 article")),
        "{counts}"
    );
}

#[test]
#[ignore = "runs headless Chromium (slow); .ci/run installs it and runs this"]
fn in_a_browser_the_article_view_scrolls_to_the_linked_passage() {
    let ws = browser_workspace();
    let server = Server::start(&ws);
    let mut browser = browser::Browser::start();
    browser.emulate(1280, 800, false);
    browser.open(&server.url("/?q=anchovy"));
    browser.navigating(|b| {
        b.eval("document.querySelector('.hit a.open').click()");
    });
    assert_eq!(browser.eval("location.hash"), "#here");
    // The linked passage is outlined, marked and on the screen, far down the article.
    assert_eq!(
        browser.eval("document.querySelector('.passage.here mark').textContent"),
        "anchovy"
    );
    browser.wait_for("scrollY > 500");
    let place = browser.eval(
        "(r => [r.top, r.bottom, innerHeight])(document.getElementById('here').getBoundingClientRect())",
    );
    let [top, bottom, screen] = [0, 1, 2].map(|i| place[i].as_f64().unwrap_or(f64::NAN));
    assert!(top >= 0.0 && bottom <= screen, "{place}");
}

#[test]
#[ignore = "runs headless Chromium (slow); .ci/run installs it and runs this"]
fn on_a_phone_pages_fit_the_screen_and_chart_labels_are_readable() {
    let ws = browser_workspace();
    let server = Server::start(&ws);
    let mut browser = browser::Browser::start();
    let shots = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("target/serve-screenshots");
    std::fs::create_dir_all(&shots).expect("screenshot folder");
    let pages = [
        ("search", "/?q=coffee"),
        ("kwic", "/?q=coffee&tab=kwic"),
        (
            "article",
            "/article?path=corpus%2Flong.txt&line=71&q=anchovy#here",
        ),
        (
            "original",
            "/original?path=corpus%2Fa-folder-with-a-rather-long-name%2Fand-an-article-file-name-longer-than-a-phone-screen.txt",
        ),
        ("quote", "/quote?q=the+coffee+quota+was+agreed"),
        ("error", "/?q=coffee+(tea"),
        ("page-2", "/?q=sardines&page=2"),
        ("home", "/"),
    ];
    for (width, height) in [(375, 800), (1280, 900)] {
        for dark in [false, true] {
            browser.emulate(width, height, dark);
            for (name, page) in pages {
                browser.open(&server.url(page));
                let look = if dark { "dark" } else { "light" };
                browser.screenshot(&shots.join(format!("{name}-{width}-{look}.png")));
                // Nothing is wider than the screen: no sideways scrolling.
                let wide = browser.eval("document.documentElement.scrollWidth");
                assert!(
                    wide.as_u64().is_some_and(|w| w <= u64::from(width)),
                    "{page} at {width}px is {wide}px wide: {}",
                    browser.eval(&format!(
                        "[...document.querySelectorAll('body *')] \
                           .filter(e => e.getBoundingClientRect().right > {width}) \
                           .map(e => e.tagName + '.' + e.className + ' ' + e.textContent.slice(0, 40))"
                    ))
                );
                // On a phone, the links tapped one among others are at least 44px high.
                if width < 600 {
                    let small = browser.eval(
                        "[...document.querySelectorAll('.tabs a, nav.pages a, .counts a, .back a')] \
                           .filter(a => a.getBoundingClientRect().height < 44).map(a => a.textContent)",
                    );
                    assert_eq!(
                        small,
                        serde_json::json!([]),
                        "{page}: links too small to tap"
                    );
                }
                // The first hit is on the first screen, even on a phone.
                if name == "search" {
                    let top = browser
                        .eval("document.querySelector('li.hit').getBoundingClientRect().top");
                    assert!(
                        top.as_f64().is_some_and(|t| t < f64::from(height) - 100.0),
                        "{page} at {width}px: the first hit is at {top}px"
                    );
                }
                // Every KWIC line's match is on the screen, its context each side of it.
                let off = browser.eval(&format!(
                    "[...document.querySelectorAll('table.kwic mark')] \
                       .filter(m => m.getBoundingClientRect().left < 30 || m.getBoundingClientRect().right > {width} - 30) \
                       .map(m => m.textContent)"
                ));
                assert_eq!(
                    off,
                    serde_json::json!([]),
                    "{page} at {width}px: KWIC matches off the screen"
                );
                // Every chart label is shown at 11px or more.
                let smallest = browser.eval(
                    "Math.min(1000, ...[...document.querySelectorAll('svg text')].map(t => { \
                       const svg = t.ownerSVGElement; \
                       const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; \
                       return parseFloat(getComputedStyle(t).fontSize) * scale; }))",
                );
                assert!(
                    smallest.as_f64().is_some_and(|px| px >= 11.0),
                    "{page} at {width}px: a chart label of {smallest}px"
                );
            }
        }
    }
}

#[test]
fn a_record_of_a_collection_links_to_its_own_article_view() {
    let ws = workspace();
    let record = |title: &str, text: &str| {
        serde_json::json!({"title": title, "maintext": text, "date_publish": "1987-03-04"})
            .to_string()
    };
    ws.write(
        "feed.jsonl",
        format!(
            "{}\n{}\n",
            record(
                "Tin council meets",
                "The tin council met in London on Tuesday to talk about the buffer stock."
            ),
            record(
                "Rubber pact renewed",
                "Rubber producers renewed their price pact in Kuala Lumpur on Wednesday."
            ),
        ),
    );
    let server = Server::start(&ws);
    let (status, page) = server.get("/?q=rubber");
    assert_eq!(status, 200, "{page}");
    assert!(
        page.contains(r#"href="/article?path=corpus%2Ffeed.jsonl%232&amp;line=1&amp;q=rubber#here">corpus/feed.jsonl#2:1</a>"#),
        "{page}"
    );
    let (status, article) = server.get("/article?path=corpus%2Ffeed.jsonl%232&line=1");
    assert_eq!(status, 200, "{article}");
    assert!(article.contains("Rubber producers renewed"), "{article}");
    assert!(!article.contains("tin council"), "{article}");
    // The original of a record is the record's text, whose lines the citation counts.
    let (status, original) = server.get("/original?path=corpus%2Ffeed.jsonl%232");
    assert_eq!(status, 200, "{original}");
    assert!(original.contains(
        r#"<span class="row" id="L1"><span class="ln">1</span>Rubber producers renewed their price pact in Kuala Lumpur on Wednesday.</span>"#
    ), "{original}");
}
