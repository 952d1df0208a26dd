//! Collections end to end: a WARC, a news-please JSON Lines dump, a Media Cloud CSV and plain
//! files indexed in one run, each hit citing its record and line; bad records skipped with one
//! line each; appended records indexed alone. The articles are short news texts written for
//! these tests (no outside source).

mod common;

use common::Workspace;
use serde_json::{json, Value};
use std::io::Write;

/// A WARC record of `kind` for `uri` with `block`, its Content-Length off by `skew` bytes.
fn warc_record(kind: &str, uri: &str, block: &str, skew: i64) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.0\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\nWARC-Date: 2024-05-27T09:00:00Z\r\nContent-Length: {}\r\n\r\n",
        block.len() as i64 + skew
    )
    .into_bytes();
    out.extend_from_slice(block.as_bytes());
    out.extend_from_slice(b"\r\n\r\n");
    out
}

/// An HTTP response carrying a news page.
fn http_page(title: &str, paragraphs: &[&str]) -> String {
    let body: String = paragraphs.iter().map(|p| format!("<p>{p}</p>\n")).collect();
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n\
         <html><head><title>{title}</title></head>\n<body><article>\n<h1>{title}</h1>\n{body}</article></body></html>\n"
    )
}

const WARC_TALKS: [&str; 2] = [
    "Negotiators from both countries resumed trade talks in Geneva on Monday after a pause of several months.",
    "Both sides described the meetings as constructive and said that tariffs on steel were on the table.",
];

/// A WARC of a crawl: its info, a request, the page's response, and a second page.
fn crawl() -> Vec<u8> {
    let mut warc = warc_record("warcinfo", "", "software: newsgrep test\r\n", 0);
    warc.extend(warc_record(
        "request",
        "https://news.example.com/talks",
        "GET /talks HTTP/1.1\r\nHost: news.example.com\r\n\r\n",
        0,
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example.com/talks",
        &http_page("Trade talks resume in Geneva", &WARC_TALKS),
        0,
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example.com/ports",
        &http_page(
            "Port strike ends",
            &["Dock workers at the port ended their strike on Tuesday, and ships began to unload steel again."],
        ),
        0,
    ));
    warc
}

fn news_please(title: &str, text: &str, url: &str, date: &str) -> String {
    json!({
        "title": title,
        "maintext": text,
        "date_publish": date,
        "url": url,
        "source_domain": "example.org",
        "language": "en",
    })
    .to_string()
        + "\n"
}

const MEDIA_CLOUD: &str = "title,url,publish_date,media_name,text\n\
Steel tariffs debated,https://wire.example.net/steel,2024-05-28,Example Wire,\"Lawmakers debated steel tariffs for a third day on Wednesday.\nA vote on the tariffs is expected next week.\"\n";

/// Hits as `(path, record, line, url)`.
fn cited(result: &Value) -> Vec<(String, Option<u64>, u64, Option<String>)> {
    result["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| {
            (
                h["path"].as_str().unwrap_or_default().to_string(),
                h["record"].as_u64(),
                h["line"].as_u64().unwrap_or(0),
                h["url"].as_str().map(str::to_string),
            )
        })
        .collect()
}

fn mixed() -> Workspace {
    let ws = Workspace::empty();
    ws.write("crawl.warc", crawl());
    ws.write(
        "scrape.jsonl",
        news_please(
            "Steel mills restart",
            "Steel mills in the north restarted their furnaces on Monday.\n\nThe owners said demand for steel had recovered since the spring.",
            "https://example.org/mills",
            "2024-05-27 08:00:00",
        ),
    );
    ws.write("mediacloud.csv", MEDIA_CLOUD);
    ws.write(
        "plain.txt",
        "Steel output rises\n\nSteel output rose for a second month in May, the industry group said on Friday.\n",
    );
    ws.cmd(&["index", "corpus"]).assert().success();
    ws
}

#[test]
fn a_warc_a_jsonl_dump_a_csv_and_plain_files_index_in_one_run_and_cite_record_and_line() {
    let ws = mixed();
    let (result, code) = ws.search_json(&["steel", "--all"]);
    assert_eq!(code, 0);
    let some = |s: &str| Some(s.to_string());
    assert_eq!(
        cited(&result),
        [
            (
                "corpus/crawl.warc".into(),
                Some(3),
                5,
                some("https://news.example.com/talks")
            ),
            (
                "corpus/crawl.warc".into(),
                Some(4),
                4,
                some("https://news.example.com/ports")
            ),
            (
                "corpus/mediacloud.csv".into(),
                Some(1),
                1,
                some("https://wire.example.net/steel")
            ),
            (
                "corpus/mediacloud.csv".into(),
                Some(1),
                1,
                some("https://wire.example.net/steel")
            ),
            ("corpus/plain.txt".into(), None, 1, None),
            ("corpus/plain.txt".into(), None, 3, None),
            (
                "corpus/scrape.jsonl".into(),
                Some(1),
                1,
                some("https://example.org/mills")
            ),
            (
                "corpus/scrape.jsonl".into(),
                Some(1),
                1,
                some("https://example.org/mills")
            ),
            (
                "corpus/scrape.jsonl".into(),
                Some(1),
                3,
                some("https://example.org/mills")
            ),
        ]
    );
    // The record's metadata, not guesses from its text.
    let csv = &result["hits"][2];
    assert_eq!(
        (&csv["title"], &csv["source"], &csv["date"]),
        (
            &json!("Steel tariffs debated"),
            &json!("Example Wire"),
            &json!("2024-05-28")
        )
    );
    let out = ws
        .cmd(&["search", "tariffs", "--marks", "none"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains(
            "corpus/crawl.warc#3:5  Trade talks resume in Geneva  https://news.example.com/talks"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "corpus/mediacloud.csv#1:2  Steel tariffs debated (Example Wire, 2024-05-28)"
        ),
        "{text}"
    );
}

#[test]
fn csv_rows_cite_path_record_line_and_url_as_the_json_does() {
    let ws = mixed();
    let (result, _) = ws.search_json(&["steel", "--all"]);
    let out = ws
        .cmd(&["search", "steel", "--all", "--format", "csv"])
        .output()
        .expect("run");
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().expect("headers").clone();
    let column = |name: &str| headers.iter().position(|h| h == name).expect(name);
    let (path, line, record, url, lang) = (
        column("path"),
        column("line"),
        column("record"),
        column("url"),
        column("lang"),
    );
    let rows: Vec<(String, Option<u64>, u64, Option<String>)> = reader
        .records()
        .map(|row| {
            let row = row.expect("row");
            assert_eq!(&row[lang], "en");
            (
                row[path].to_string(),
                row[record].parse().ok(),
                row[line].parse().unwrap_or(0),
                Some(row[url].to_string()).filter(|u| !u.is_empty()),
            )
        })
        .collect();
    assert_eq!(rows.len(), 9);
    assert_eq!(rows, cited(&result));
    assert_eq!(
        rows[0],
        (
            "corpus/crawl.warc".into(),
            Some(3),
            5,
            Some("https://news.example.com/talks".into())
        )
    );
}

#[test]
fn requests_and_metadata_of_a_warc_are_not_articles() {
    let ws = mixed();
    let (result, _) = ws.search_json(&["host", "--all"]);
    assert_eq!(result["total"], 0, "{result}");
}

#[test]
fn records_that_are_not_articles_are_counted_in_the_summary() {
    let ws = Workspace::empty();
    let mut warc = crawl();
    // Beside the warcinfo and the request: metadata, an image, and a page not found.
    warc.extend(warc_record(
        "metadata",
        "https://news.example.com/talks",
        "outlink: https://news.example.com/ports\r\n",
        0,
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example.com/logo.png",
        "HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\u{89}PNG",
        0,
    ));
    warc.extend(warc_record(
        "response",
        "https://news.example.com/gone",
        &http_page(
            "Not found",
            &["The page you asked for is not here any more, sorry about that."],
        )
        .replace("200 OK", "404 Not Found"),
        0,
    ));
    ws.write("crawl.warc", &warc);
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 new, 0 changed, 0 removed, 0 unchanged files; 0 skipped; 5 records passed over as not articles; 5 passages written"),
        "{stderr}"
    );
    // Not bad records: no line of their own.
    assert!(!stderr.contains("newsgrep: skipped"), "{stderr}");
    // Files without such records keep the line as it was.
    ws.write("plain.txt", "Steel output rises\n\nSteel output rose for a second month in May, the industry group said on Friday.\n");
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("unchanged files; 0 skipped; 2 passages written"),
        "{stderr}"
    );
}

#[test]
fn bad_records_are_skipped_with_one_line_each_and_the_rest_indexed() {
    let ws = Workspace::empty();
    let mut warc = warc_record(
        "response",
        "https://news.example.com/short",
        &http_page("Cut short", &WARC_TALKS),
        -12,
    );
    warc.extend(crawl());
    ws.write("crawl.warc", warc);
    let good = news_please(
        "Steel mills restart",
        "Steel mills in the north restarted their furnaces on Monday after the long stoppage.",
        "https://example.org/mills",
        "2024-05-27",
    );
    let other = news_please(
        "Steel exports fall",
        "Steel exports fell for a third month in May as demand in Asia weakened.",
        "https://example.org/exports",
        "2024-05-30",
    );
    ws.write("scrape.jsonl", format!("{good}{{\"title\": \"cut\n{other}"));
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let skipped: Vec<&str> = stderr
        .lines()
        .filter(|l| l.starts_with("newsgrep: skipped"))
        .collect();
    assert_eq!(skipped.len(), 2, "{stderr}");
    assert!(
        skipped[0].contains("corpus/crawl.warc#1: wrong Content-Length"),
        "{stderr}"
    );
    assert!(
        skipped[1].contains("corpus/scrape.jsonl#2: a JSON line that does not parse"),
        "{stderr}"
    );
    let (result, _) = ws.search_json(&["steel", "--all"]);
    let records: Vec<(String, Option<u64>)> = cited(&result)
        .into_iter()
        .map(|(path, record, _, _)| (path, record))
        .collect();
    assert_eq!(
        records,
        [
            ("corpus/crawl.warc".into(), Some(4)),
            ("corpus/crawl.warc".into(), Some(5)),
            ("corpus/scrape.jsonl".into(), Some(1)),
            ("corpus/scrape.jsonl".into(), Some(1)),
            ("corpus/scrape.jsonl".into(), Some(3)),
            ("corpus/scrape.jsonl".into(), Some(3)),
        ]
    );
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).expect("gzip");
    encoder.finish().expect("gzip")
}

#[test]
fn gzipped_files_are_read_and_a_truncated_one_keeps_what_came_before_the_cut() {
    let ws = Workspace::empty();
    // A WARC gzipped record by record, as archivers write it, cut in its last member.
    let mut warc: Vec<u8> = Vec::new();
    let pages = crawl();
    let records: Vec<&[u8]> = {
        let mut starts: Vec<usize> = pages
            .windows(9)
            .enumerate()
            .filter(|(_, w)| *w == b"WARC/1.0\r")
            .map(|(i, _)| i)
            .collect();
        starts.push(pages.len());
        starts.windows(2).map(|w| &pages[w[0]..w[1]]).collect()
    };
    for record in &records {
        warc.extend(gzip(record));
    }
    warc.truncate(warc.len() - 30);
    ws.write("crawl.warc.gz", warc);
    ws.write(
        "story.txt.gz",
        gzip(b"Steel output rises\n\nSteel output rose for a second month in May, the industry group said.\n"),
    );
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("corpus/crawl.warc.gz#4: gzip stream cut short or damaged"),
        "{stderr}"
    );
    let (result, _) = ws.search_json(&["steel", "--all"]);
    let records: Vec<(String, Option<u64>, u64)> = cited(&result)
        .into_iter()
        .map(|(path, record, line, _)| (path, record, line))
        .collect();
    assert_eq!(
        records,
        [
            ("corpus/crawl.warc.gz".into(), Some(3), 5),
            ("corpus/story.txt.gz".into(), None, 1),
            ("corpus/story.txt.gz".into(), None, 3),
        ]
    );
}

/// The `newsgrep: skipped` lines of an index run's stderr.
fn skipped_lines(stderr: &str) -> Vec<String> {
    stderr
        .lines()
        .filter(|l| l.starts_with("newsgrep: skipped"))
        .map(str::to_string)
        .collect()
}

#[test]
fn a_damaged_gzip_member_loses_its_record_only_and_the_members_after_it_are_read() {
    let ws = Workspace::empty();
    let pages = crawl();
    // The four records of the crawl, each its own member; the third (the talks page) damaged
    // in the middle of its compressed data.
    let starts: Vec<usize> = pages
        .windows(9)
        .enumerate()
        .filter(|(_, w)| *w == b"WARC/1.0\r")
        .map(|(i, _)| i)
        .chain([pages.len()])
        .collect();
    let mut warc = Vec::new();
    for (i, bounds) in starts.windows(2).enumerate() {
        let mut member = gzip(&pages[bounds[0]..bounds[1]]);
        if i == 2 {
            let middle = member.len() / 2;
            member[middle] ^= 0xff;
        }
        warc.extend(member);
    }
    ws.write("crawl.warc.gz", warc);
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    let skipped = skipped_lines(&stderr);
    assert_eq!(skipped.len(), 1, "{stderr}");
    assert!(
        skipped[0].starts_with(
            "newsgrep: skipped corpus/crawl.warc.gz#3: a damaged gzip member cut it short ("
        ),
        "{stderr}"
    );
    // The page in the member after the damaged one is read, under its own number.
    let (result, _) = ws.search_json(&["dock", "--all"]);
    assert_eq!(
        cited(&result),
        [(
            "corpus/crawl.warc.gz".into(),
            Some(4),
            4,
            Some("https://news.example.com/ports".into())
        )]
    );
}

#[test]
fn a_record_over_the_article_size_limit_is_skipped_and_its_neighbours_read() {
    let ws = Workspace::empty();
    let first = news_please(
        "Steel mills restart",
        "Steel mills in the north restarted their furnaces on Monday after the long stoppage.",
        "https://example.org/mills",
        "2024-05-27",
    );
    let third = news_please(
        "Copper climbs",
        "Copper prices climbed to a two-year high on Thursday as mines stayed shut.",
        "https://example.org/copper",
        "2024-05-30",
    );
    // A 20 MB line: one word over and over, as a broken scraper writes it.
    let huge = json!({"title": "Runaway", "text": "furnaces ".repeat(20 * 1024 * 1024 / 9)});
    ws.write("scrape.jsonl", format!("{first}{huge}\n{third}"));
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        skipped_lines(&stderr),
        [format!(
            "newsgrep: skipped corpus/scrape.jsonl#2: its text is {} bytes, over the 16777216-byte limit of an article",
            "furnaces ".repeat(20 * 1024 * 1024 / 9).trim_end().len()
        )]
    );
    let (result, _) = ws.search_json(&["furnaces", "--all"]);
    assert_eq!(
        cited(&result),
        [(
            "corpus/scrape.jsonl".into(),
            Some(1),
            1,
            Some("https://example.org/mills".into())
        )]
    );
    let (result, _) = ws.search_json(&["copper", "--all"]);
    assert_eq!(result["hits"][0]["record"], 3, "{result}");
}

#[test]
fn records_with_no_text_and_repeated_records_are_named_and_versions_kept() {
    let ws = Workspace::empty();
    let row = |id: &str, text: Option<&str>| {
        let mut row =
            json!({"id": id, "title": "Harbour news", "url": format!("https://example.org/{id}")});
        if let Some(text) = text {
            row["text"] = json!(text);
        }
        format!("{row}\n")
    };
    let story = "Dock workers at the port ended their strike on Tuesday.";
    let updated = "Dock workers at the port ended their strike on Tuesday after a pay deal.";
    let lines = [
        row("a1", Some(story)),
        row("a2", None),
        row("a3", Some("  \n ")),
        row("a1", Some(story)),
        row("a1", Some(updated)),
    ];
    ws.write("scrape.jsonl", lines.concat());
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    assert!(out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        skipped_lines(&stderr),
        [
            "newsgrep: skipped corpus/scrape.jsonl#2: no text field (looked for text, maintext, body, content, article)",
            "newsgrep: skipped corpus/scrape.jsonl#3: no text (its field \"text\" is empty)",
            "newsgrep: skipped corpus/scrape.jsonl#4: a repeat of #1 (the same id \"a1\" and text)",
        ]
    );
    // The first record and the later version of it under the same id.
    let (result, _) = ws.search_json(&["strike", "--all", "--sort", "path"]);
    let records: Vec<Option<u64>> = cited(&result).into_iter().map(|c| c.1).collect();
    assert_eq!(records, [Some(1), Some(5)], "{result}");
}

#[test]
fn a_csv_with_a_byte_order_mark_and_line_breaks_in_quoted_fields_cites_lines_within_records() {
    let ws = Workspace::empty();
    let csv = "title,url,text\r\n\
               Talks,https://example.org/talks,\"Negotiators met in Geneva.\nThey discussed tariffs on steel.\n\nNo date was set.\"\r\n\
               Port,https://example.org/port,\"Dock workers ended their strike.\nShips unloaded steel again.\"\r\n";
    ws.write(
        "export.csv",
        [&b"\xef\xbb\xbf"[..], csv.as_bytes()].concat(),
    );
    ws.write(
        "dump.jsonl",
        [
            &b"\xef\xbb\xbf"[..],
            news_please(
                "Mills",
                "Steel mills in the north restarted their furnaces on Monday.",
                "https://example.org/mills",
                "2024-05-27",
            )
            .as_bytes(),
        ]
        .concat(),
    );
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(skipped_lines(&stderr).is_empty(), "{stderr}");
    let (result, _) = ws.search_json(&["steel", "--all", "--sort", "path"]);
    assert_eq!(
        cited(&result),
        [
            (
                "corpus/dump.jsonl".into(),
                Some(1),
                1,
                Some("https://example.org/mills".into())
            ),
            (
                "corpus/export.csv".into(),
                Some(1),
                2,
                Some("https://example.org/talks".into())
            ),
            (
                "corpus/export.csv".into(),
                Some(2),
                2,
                Some("https://example.org/port".into())
            ),
        ]
    );
    // The header's first name, after the mark, is read: the title is the record's.
    assert_eq!(result["hits"][1]["title"], "Talks");
}

#[test]
fn records_appended_to_a_jsonl_file_are_indexed_alone_and_a_rewrite_reindexes_it_whole() {
    let ws = Workspace::empty();
    let first = news_please(
        "Steel mills restart",
        "Steel mills in the north restarted their furnaces on Monday after the long stoppage.",
        "https://example.org/mills",
        "2024-05-27",
    );
    ws.write("log.jsonl", &first);
    ws.cmd(&["index", "corpus"]).assert().success();
    let second = news_please(
        "Copper prices climb",
        "Copper prices climbed to a two-year high on Thursday as mines in the south stayed shut.",
        "https://example.org/copper",
        "2024-05-30",
    );
    ws.write("log.jsonl", format!("{first}{second}"));
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    // Two passages of the new record (title and text), none of the first again.
    assert!(
        stderr.contains("2 passages written, 4 in the index"),
        "{stderr}"
    );
    let (result, _) = ws.search_json(&["copper", "--all"]);
    assert_eq!(
        cited(&result)[0],
        (
            "corpus/log.jsonl".into(),
            Some(2),
            1,
            Some("https://example.org/copper".into())
        )
    );
    // The first record rewritten: the file is read again whole.
    let changed = first.replace("Monday", "Sunday");
    ws.write("log.jsonl", format!("{changed}{second}"));
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("4 passages written, 4 in the index"),
        "{stderr}"
    );
    let (result, _) = ws.search_json(&["monday", "--all"]);
    assert_eq!(result["total"], 0, "{result}");
    let (result, _) = ws.search_json(&["sunday", "--all"]);
    assert_eq!(result["total"], 1, "{result}");
}

#[test]
fn clean_prints_one_record_by_its_citation() {
    let ws = mixed();
    let out = ws
        .cmd(&["clean", "corpus/crawl.warc#3"])
        .output()
        .expect("run");
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.starts_with("== corpus/crawl.warc#3\ntitle:  Trade talks resume in Geneva\n"),
        "{text}"
    );
    assert!(
        text.contains("url:    https://news.example.com/talks\n"),
        "{text}"
    );
    assert!(
        text.contains(&format!("    4| {}\n", WARC_TALKS[0])),
        "{text}"
    );
    // A request is no article; a number past the end is an error naming it.
    let out = ws
        .cmd(&["clean", "corpus/crawl.warc#2"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let out = ws
        .cmd(&["clean", "corpus/crawl.warc#9"])
        .output()
        .expect("run");
    assert!(String::from_utf8_lossy(&out.stderr).contains("no record 9 (the file holds 4)"));
}

#[test]
fn clean_reads_a_record_with_the_field_mapping_the_index_read_it_with() {
    // The common `text` field is a teaser; the story is in `story_body`.
    let row = json!({"headline": "Steel mills restart", "text": "Subscribe to our newsletter for more news every day of the week.", "story_body": "Steel mills in the north restarted their furnaces on Monday.\nOrders for girders picked up in May."});
    let story = [
        "    1| Steel mills in the north restarted their furnaces on Monday.\n",
        "    2| Orders for girders picked up in May.\n",
    ];
    let cleaned = |ws: &Workspace, args: &[&str]| {
        let out = ws.cmd(args).output().expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    for by_config in [false, true] {
        let ws = Workspace::empty();
        ws.write("dump.jsonl", format!("{row}\n"));
        let mut args = vec!["index", "corpus"];
        if by_config {
            ws.write("newsgrep.toml", "[fields]\ntext = \"story_body\"\n");
        } else {
            args.extend(["--field", "text=story_body"]);
        }
        ws.cmd(&args).assert().success();
        let (result, _) = ws.search_json(&["furnaces"]);
        assert_eq!(
            cited(&result),
            [("corpus/dump.jsonl".into(), Some(1), 1, None)]
        );
        // No --field given to clean: the record is shown as the index saw it, line by line.
        let text = cleaned(&ws, &["clean", "corpus/dump.jsonl#1"]);
        assert!(
            text.starts_with("== corpus/dump.jsonl#1\ntitle:  Steel mills restart\n"),
            "by config: {by_config}: {text}"
        );
        for line in story {
            assert!(text.contains(line), "by config: {by_config}: {text}");
        }
        assert!(
            !text.contains("newsletter"),
            "by config: {by_config}: {text}"
        );
        // A --field given to clean wins over the index's.
        let text = cleaned(
            &ws,
            &["clean", "corpus/dump.jsonl#1", "--field", "text=text"],
        );
        assert!(
            text.contains("newsletter") && !text.contains("furnaces"),
            "{text}"
        );
    }
    // The index named by --index is the one whose mapping is read.
    let ws = Workspace::empty();
    ws.write("dump.jsonl", format!("{row}\n"));
    let args = [
        "--index",
        "elsewhere",
        "index",
        "corpus",
        "--field",
        "text=story_body",
    ];
    ws.cmd(&args).assert().success();
    let text = cleaned(
        &ws,
        &["--index", "elsewhere", "clean", "corpus/dump.jsonl#1"],
    );
    assert!(text.contains(story[0]), "{text}");
    // Without an index, the common names.
    let text = cleaned(&ws, &["clean", "corpus/dump.jsonl#1"]);
    assert!(
        text.contains("newsletter") && !text.contains("furnaces"),
        "{text}"
    );
}

#[test]
fn a_field_is_mapped_by_flag_or_by_newsgrep_toml() {
    let row = json!({"headline": "Steel mills restart", "story_body": "Steel mills in the north restarted their furnaces on Monday after the long stoppage."});
    for by_config in [false, true] {
        let ws = Workspace::empty();
        ws.write("dump.jsonl", format!("{row}\n"));
        let mut args = vec!["index", "corpus"];
        if by_config {
            ws.write("newsgrep.toml", "[fields]\ntext = \"story_body\"\n");
        } else {
            args.extend(["--field", "text=story_body"]);
        }
        let out = ws.cmd(&args).output().expect("run");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("newsgrep: skipped"), "{stderr}");
        let (result, _) = ws.search_json(&["furnaces"]);
        assert_eq!(
            cited(&result),
            [("corpus/dump.jsonl".into(), Some(1), 1, None)],
            "by config: {by_config}"
        );
        assert_eq!(result["hits"][0]["title"], "Steel mills restart");
    }
    let ws = Workspace::empty();
    let out = ws
        .cmd(&["index", "corpus", "--field", "txt=story_body"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("unknown field meaning \"txt\""));
}

#[test]
fn a_new_field_mapping_reindexes_the_collections_it_touches_and_is_kept() {
    let row = json!({"headline": "Steel mills restart", "story_body": "Steel mills in the north restarted their furnaces on Monday after the long stoppage.", "summary": "Mills are back at work as orders for girders pick up."});
    let ws = Workspace::empty();
    ws.write("dump.jsonl", format!("{row}\n"));
    ws.write("plain.txt", "Steel output rises\n\nSteel output rose for a second month in May, the industry group said on Friday.\n");
    ws.cmd(&["index", "corpus"]).assert().success();
    let (result, _) = ws.search_json(&["furnaces"]);
    assert_eq!(
        result["total"], 0,
        "no text field of a known name: {result}"
    );
    // The mapping changed, not the file: the collection is read again, the plain file not.
    let out = ws
        .cmd(&["index", "corpus", "--field", "text=story_body"])
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("0 new, 1 changed, 0 removed, 1 unchanged"),
        "{stderr}"
    );
    let (result, _) = ws.search_json(&["furnaces"]);
    assert_eq!(
        cited(&result),
        [("corpus/dump.jsonl".into(), Some(1), 1, None)]
    );
    // Later runs without --field keep the index's mapping, also when they update it.
    ws.write("more.txt", "Copper climbs\n\nCopper prices climbed to a two-year high on Thursday as mines stayed shut.\n");
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("1 new, 0 changed, 0 removed, 2 unchanged"),
        "{stderr}"
    );
    let (result, _) = ws.search_json(&["furnaces"]);
    assert_eq!(result["total"], 1, "{result}");

    // A mapping in newsgrep.toml, changed.
    let ws = Workspace::empty();
    ws.write("dump.jsonl", format!("{row}\n"));
    ws.write("newsgrep.toml", "[fields]\ntext = \"story_body\"\n");
    ws.cmd(&["index", "corpus"]).assert().success();
    let (result, _) = ws.search_json(&["furnaces"]);
    assert_eq!(result["total"], 1, "{result}");
    ws.write("newsgrep.toml", "[fields]\ntext = \"summary\"\n");
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("0 new, 1 changed, 0 removed, 0 unchanged"),
        "{stderr}"
    );
    let (result, _) = ws.search_json(&["furnaces"]);
    assert_eq!(result["total"], 0, "{result}");
    let (result, _) = ws.search_json(&["girders"]);
    assert_eq!(
        cited(&result),
        [("corpus/dump.jsonl".into(), Some(1), 1, None)]
    );
}

#[test]
fn a_record_appended_to_a_warc_is_numbered_on_and_a_line_being_written_is_read_again() {
    let ws = Workspace::empty();
    let mut warc = crawl();
    ws.write("crawl.warc", &warc);
    ws.cmd(&["index", "corpus"]).assert().success();
    warc.extend(warc_record(
        "response",
        "https://news.example.com/copper",
        &http_page(
            "Copper climbs",
            &["Copper prices climbed to a two-year high on Thursday as mines stayed shut."],
        ),
        0,
    ));
    ws.write("crawl.warc", &warc);
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("2 passages written"), "{stderr}");
    let (result, _) = ws.search_json(&["copper", "--all"]);
    assert_eq!(
        cited(&result),
        [
            (
                "corpus/crawl.warc".into(),
                Some(5),
                3,
                Some("https://news.example.com/copper".into())
            ),
            (
                "corpus/crawl.warc".into(),
                Some(5),
                4,
                Some("https://news.example.com/copper".into())
            ),
        ]
    );
    // A JSON line cut off while it was written is a bad record, and read whole once finished.
    let line = news_please(
        "Copper prices climb",
        "Copper prices climbed to a two-year high on Thursday as mines in the south stayed shut.",
        "https://example.org/copper",
        "2024-05-30",
    );
    ws.write("log.jsonl", &line[..40]);
    ws.cmd(&["index", "corpus"]).assert().success();
    ws.write("log.jsonl", &line);
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("newsgrep: skipped"));
    let (result, _) = ws.search_json(&["copper", "path:*.jsonl", "--all"]);
    assert_eq!(cited(&result).len(), 2, "{result}");
    assert_eq!(cited(&result)[0].1, Some(1));
}
