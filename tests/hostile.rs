//! End-to-end: flags and inputs an adversary would try. Each gives an answer or a one-line error
//! (exit 2), never a panic or a hang, and corpus text never sends control characters to the
//! terminal.
//!
//! Three tests guard against hangs (a tag of 200,000 attributes, 1,000 fuzzy words OR'd, a FIFO):
//! they give the binary a minute, where it needs a second, so that a regression fails instead
//! of stalling the suite. They assert what the output is, not how fast it came.

mod common;

use common::Workspace;
use serde_json::Value;
use std::process::Output;
use std::time::Duration;

/// A generous bound for the hang guards: a fixed build takes about a second.
const HANG: Duration = Duration::from_secs(60);

fn run(ws: &Workspace, args: &[&str]) -> Output {
    ws.cmd(args).output().expect("run newsgrep")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn stdout(out: &Output) -> String {
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Three paragraphs about quokkas, the second one the only one with "ferry".
const ARTICLE: &str = "Quokkas Seen Again on Rottnest Island\n\n\
The quokka population on Rottnest Island grew again this year, rangers said on Tuesday.\n\n\
Visitors counted more of the small marsupials near the ferry terminal than in any year before.\n\n\
Rangers asked visitors not to feed the animals, whatever the photographs online suggest.\n";

fn indexed(files: &[(&str, &[u8])]) -> Workspace {
    let ws = Workspace::empty();
    for (name, content) in files {
        ws.write(name, content);
    }
    let out = run(&ws, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    ws
}

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).unwrap_or_else(|_| {
        panic!(
            "not JSON (exit {:?}): {}\n{}",
            out.status.code(),
            stdout(out),
            stderr(out)
        )
    })
}

#[test]
fn date_range_without_either_bound_is_a_query_error_at_its_column() {
    let ws = indexed(&[("quokka.txt", ARTICLE.as_bytes())]);
    let out = run(&ws, &["search", "--no-update", "quokka date:.."]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out).trim_end(),
        "newsgrep: bad query at column 13: bad date '..': use 2022-01-31, >=2022-01-01, <2023, \
         or 2022-01-01..2022-06-30"
    );
}

#[test]
fn limit_of_the_largest_number_shows_every_hit() {
    let ws = indexed(&[("quokka.txt", ARTICLE.as_bytes())]);
    let (result, code) =
        ws.search_json(&["--no-update", "rangers", "--limit", &u64::MAX.to_string()]);
    assert_eq!(code, 0);
    assert_eq!(
        common::places(&result),
        [("quokka.txt".to_string(), 3), ("quokka.txt".to_string(), 7)]
    );
}

#[test]
fn kwic_width_past_1000_is_refused_naming_the_flag() {
    let ws = indexed(&[("quokka.txt", ARTICLE.as_bytes())]);
    let out = run(
        &ws,
        &[
            "search",
            "--no-update",
            "ferry",
            "--kwic",
            "--width",
            "65536",
        ],
    );
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(
        stderr(&out).starts_with(
            "error: invalid value '65536' for '--width <CHARS>': 65536 is not in 1..=1000"
        ),
        "{}",
        stderr(&out)
    );
    let out = run(
        &ws,
        &[
            "search",
            "--no-update",
            "ferry",
            "--kwic",
            "--width",
            "1000",
        ],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let line = stdout(&out);
    let left = "Visitors counted more of the small marsupials near the ";
    let at = line.find(left).expect("the left context");
    // The left context is right-aligned in 1000 columns after `path:line` and two spaces.
    assert_eq!(line[..at].trim(), "corpus/quokka.txt:5");
    assert_eq!(
        line[..at].len(),
        "corpus/quokka.txt:5  ".len() + 1000 - left.len()
    );
}

#[test]
fn context_wider_than_the_article_brings_the_whole_article() {
    let ws = indexed(&[("quokka.txt", ARTICLE.as_bytes())]);
    // The largest first: in a debug build it overflowed, where 2^32 only took minutes.
    for n in [&u64::MAX.to_string(), "4294967296"] {
        let (result, code) = ws.search_json(&["--no-update", "ferry", "-C", n]);
        assert_eq!(code, 0, "-C {n}");
        let hit = &result["hits"][0];
        assert_eq!(hit["line"], 5);
        assert_eq!(
            hit["before"],
            serde_json::json!([
                "Quokkas Seen Again on Rottnest Island",
                "The quokka population on Rottnest Island grew again this year, rangers said on Tuesday."
            ])
        );
        assert_eq!(
            hit["after"],
            serde_json::json!([
                "Rangers asked visitors not to feed the animals, whatever the photographs online suggest."
            ])
        );
    }
}

/// Whether `s` holds a control character other than line feed: what a terminal would act on.
fn has_control(s: &str) -> bool {
    s.chars().any(|c| c.is_control() && c != '\n')
}

#[cfg(unix)]
#[test]
fn control_characters_in_articles_and_file_names_are_shown_not_sent() {
    let text = "Quokka \x1b]0;PWNED\x07 Report\n\n\
        The quokka population grew \x1b[2J again this year, rangers \x1b]52;c;aGk=\x07said \
        on Tuesday near the ferry\x08 terminal.\n";
    let html = "<html><head><title>Quokka &#27;]0;PWNED&#7; news</title></head><body><article>\
        <p>The quokka population &#27;[2J grew again this year, rangers said on Tuesday near the \
        ferry terminal of the island, as every year.</p></article></body></html>";
    let ws = indexed(&[
        ("evil\x1b[31m\u{9b}name.txt", text.as_bytes()),
        ("page.html", html.as_bytes()),
        // Skipped (binary), so its name goes to stderr.
        ("bin\x1b]0;x\x07.txt", b"\0\0\0binary"),
    ]);
    let out = run(&ws, &["index", "--rebuild"]);
    assert!(!has_control(&stderr(&out)), "{:?}", stderr(&out));
    assert!(
        stderr(&out).contains("skipped corpus/bin␛]0;x␇.txt: binary"),
        "{}",
        stderr(&out)
    );
    for args in [
        &["search", "--no-update", "quokka"][..],
        &["search", "--no-update", "quokka", "-C", "2"],
        &["search", "--no-update", "quokka", "--count"],
        &["search", "--no-update", "quokka", "--kwic"],
        &["search", "--no-update", "quokka", "--group", "article"],
        &[
            "quote",
            "--no-update",
            "the quokka population grew again this year",
        ],
        &["stats"],
        &["terms", "quokka"],
        &[
            "clean",
            "corpus/page.html",
            "corpus/evil\x1b[31m\u{9b}name.txt",
        ],
    ] {
        let out = run(&ws, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let (shown, said) = (stdout(&out), stderr(&out));
        assert!(!has_control(&shown), "{args:?} printed {shown:?}");
        assert!(!has_control(&said), "{args:?} said {said:?}");
    }
    let out = run(&ws, &["search", "--no-update", "ferry"]);
    let shown = stdout(&out);
    assert!(
        shown.contains("corpus/evil␛[31m\u{FFFD}name.txt:3  Quokka ␛]0;PWNED␇ Report"),
        "{shown}"
    );
    assert!(
        shown.contains("rangers ␛]52;c;aGk=␇said on Tuesday near the **ferry**␈ terminal."),
        "{shown}"
    );
    assert!(
        shown.contains("corpus/page.html:1  Quokka ␛]0;PWNED␇ news"),
        "{shown}"
    );
    // JSON keeps the text as it is, escaped.
    let (result, _) = ws.search_json(&["--no-update", "ferry"]);
    assert!(result["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .any(|h| h["text"]
            .as_str()
            .is_some_and(|t| t.contains("\x1b]52;c;aGk=\x07said"))));
}

#[test]
fn csv_into_a_pipe_closed_early_is_silent_and_exits_0() {
    let ws = Workspace::empty();
    // About a megabyte of CSV: far more than a pipe holds.
    let paragraph = "The quokka population on Rottnest Island grew again this year. ".repeat(8);
    for i in 0..120 {
        let body: Vec<String> = (0..10)
            .map(|p| format!("Report {i} part {p}: {paragraph}"))
            .collect();
        ws.write(
            &format!("a{i:03}.txt"),
            format!("Quokkas {i}\n\n{}\n", body.join("\n\n")),
        );
    }
    let out = run(&ws, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    for extra in [&[][..], &["--count"]] {
        let mut cmd = std::process::Command::new(assert_cmd::cargo::cargo_bin("newsgrep"));
        cmd.current_dir(ws.path())
            .args([
                "search",
                "--no-update",
                "--all",
                "--format",
                "csv",
                "quokka",
            ])
            .args(extra)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        let mut child = cmd.spawn().expect("spawn");
        let mut first = String::new();
        {
            let pipe = child.stdout.take().expect("stdout");
            std::io::BufRead::read_line(&mut std::io::BufReader::new(pipe), &mut first)
                .expect("read");
            // The pipe closes here, as `| head -1` closes it.
        }
        let out = child.wait_with_output().expect("wait");
        assert!(first.starts_with(if extra.is_empty() { "rank," } else { "path," }));
        assert_eq!(out.status.code(), Some(0), "{extra:?}: {}", stderr(&out));
        assert_eq!(stderr(&out), "", "{extra:?}");
    }
}

#[test]
fn a_lone_cr_ends_a_line() {
    let mac = ARTICLE.replace('\n', "\r");
    let ws = indexed(&[("mac.txt", mac.as_bytes())]);
    let (result, code) = ws.search_json(&["--no-update", "ferry OR photographs"]);
    assert_eq!(code, 0);
    let mut places = common::places(&result);
    places.sort();
    assert_eq!(
        places,
        [("mac.txt".to_string(), 5), ("mac.txt".to_string(), 7)]
    );
    for hit in result["hits"].as_array().into_iter().flatten() {
        assert!(
            !hit["text"].as_str().unwrap_or("\r").contains('\r'),
            "{hit}"
        );
    }
}

#[test]
fn a_stray_cr_in_a_page_of_lf_lines_moves_no_citation() {
    // Lines end with LF; a CR inside the markup is no line end to `rg -n` or `sed`, so the
    // passage under it is cited where those tools show it.
    let page = "<html><head><title>Quokkas</title></head><body><article>\n\
        <h1>Quokkas Seen Again</h1>\n\
        <p class=\"lede\"\rid=\"x\">The quokka population on Rottnest Island grew again this year, rangers said.</p>\n\
        <p>Visitors counted more of the small marsupials near the ferry terminal than before.</p>\n\
        </article></body></html>\n";
    let ws = indexed(&[("page.html", page.as_bytes())]);
    let (result, code) = ws.search_json(&["--no-update", "ferry"]);
    assert_eq!(code, 0);
    assert_eq!(common::places(&result), [("page.html".to_string(), 4)]);
}

#[test]
fn utf32_with_a_byte_order_mark_is_decoded_either_way() {
    let encode = |little: bool| -> Vec<u8> {
        let mut bytes = if little {
            vec![0xFF, 0xFE, 0, 0]
        } else {
            vec![0, 0, 0xFE, 0xFF]
        };
        for c in ARTICLE.replace("Island", "Ísland").chars() {
            let n = c as u32;
            bytes.extend(if little {
                n.to_le_bytes()
            } else {
                n.to_be_bytes()
            });
        }
        bytes
    };
    let ws = indexed(&[("le.txt", &encode(true)), ("be.txt", &encode(false))]);
    let (result, code) = ws.search_json(&["--no-update", "ferry"]);
    assert_eq!(code, 0);
    let mut places = common::places(&result);
    places.sort();
    assert_eq!(
        places,
        [("be.txt".to_string(), 5), ("le.txt".to_string(), 5)]
    );
    let (result, _) = ws.search_json(&["--no-update", "--accents", "\"Rottnest Ísland\""]);
    assert_eq!(common::all_highlighted(&result).len(), 4, "{result}");
}

#[cfg(unix)]
#[test]
fn clean_refuses_devices_and_fifos_as_not_regular_files() {
    let ws = Workspace::empty();
    let out = run(&ws, &["clean", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert_eq!(
        stderr(&out),
        "newsgrep: skipped /dev/zero: a character device, not a regular file\n\
         newsgrep: 1 of 1 files could not be read\n"
    );
    let fifo = ws.path().join("pipe.txt");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .expect("mkfifo");
    assert!(made.success());
    let out = ws
        .cmd(&["clean", "pipe.txt"])
        .timeout(HANG)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stderr(&out).starts_with("newsgrep: skipped pipe.txt: a FIFO, not a regular file\n"));
}

#[test]
fn clean_of_a_missing_file_is_an_error() {
    let ws = indexed(&[("quokka.txt", ARTICLE.as_bytes())]);
    let out = run(&ws, &["clean", "corpus/quokka.txt", "corpus/nothing.txt"]);
    assert_eq!(out.status.code(), Some(2), "{}", stderr(&out));
    assert!(stdout(&out).starts_with("== corpus/quokka.txt\n"));
    let err = stderr(&out);
    assert!(
        err.starts_with("newsgrep: skipped corpus/nothing.txt: "),
        "{err}"
    );
    assert!(
        err.ends_with("newsgrep: 1 of 2 files could not be read\n"),
        "{err}"
    );
}

#[test]
fn html_tag_of_200_000_attributes_is_cleaned() {
    let ws = Workspace::empty();
    let attrs: Vec<String> = (0..200_000).map(|i| format!("data-a{i}=\"{i}\"")).collect();
    let page = format!(
        "<html><body><article><div {}><p>The quokka population on Rottnest Island grew again \
         this year, rangers said on Tuesday near the ferry terminal.</p></div></article></body></html>",
        attrs.join(" ")
    );
    std::fs::write(ws.path().join("wide.html"), page).expect("write");
    let out = ws
        .cmd(&["clean", "wide.html"])
        .timeout(HANG)
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(
        stdout(&out).contains(
            "    1| The quokka population on Rottnest Island grew again this year, rangers said on \
             Tuesday near the ferry terminal.\n"
        ),
        "{}",
        stdout(&out)
    );
}

#[test]
fn thousand_words_or_fuzzy_words_ored_are_counted() {
    let ws = Workspace::empty();
    let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
    // 1,600 passages of 50 of the words each: each passage holds 50 occurrences. Fuzzy words
    // over this many took a debug build 90 s of CPU before they were tested once per word.
    let files = 160;
    for f in 0..files {
        let paragraphs: Vec<String> = (0..10)
            .map(|p| {
                let start = (f * 10 + p) * 50 % 1000;
                format!(
                    "In report {f} part {p} the rangers counted {}.",
                    words[start..start + 50].join(", ")
                )
            })
            .collect();
        ws.write(
            &format!("f{f:03}.txt"),
            format!("Title {f}\n\n{}\n", paragraphs.join("\n\n")),
        );
    }
    let out = run(&ws, &["index"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    // `w12x~1` matches w12 (one letter less), w1 and w13 (one letter changed) but none of the
    // other words: every w-word, and nothing else, is a match either way.
    let fuzzy: Vec<String> = words.iter().map(|w| format!("{w}x~1")).collect();
    for query in [words.join(" OR "), fuzzy.join(" OR ")] {
        let out = ws
            .cmd(&[
                "search",
                "--no-update",
                "--count",
                "--format",
                "json",
                &query,
            ])
            .timeout(HANG)
            .output()
            .expect("run");
        assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
        let counts = json(&out);
        assert_eq!(counts["passages"], files * 10, "{}", &query[..20]);
        assert_eq!(counts["occurrences"], files * 10 * 50, "{}", &query[..20]);
    }
}

/// A page whose title, source and text a spreadsheet would run as formulas, with an escape
/// sequence in the text.
const FORMULAS: &str = "<html><head><title>=HYPERLINK(\"http://evil.example\",\"Walrus\")</title>\
    <meta property=\"og:site_name\" content=\"@SUM(1+1)\"></head><body><article>\
    <p>-2+3 walruses \x1b[2Jswam near the harbour wall on a cold morning, the wardens said on Monday.</p>\
    </article></body></html>";

#[test]
fn csv_cells_that_a_spreadsheet_would_run_are_quoted_and_controls_shown() {
    let ws = indexed(&[("page.html", FORMULAS.as_bytes())]);
    let out = run(
        &ws,
        &["search", "--no-update", "walruses", "--format", "csv"],
    );
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(!has_control(&stdout(&out)), "{:?}", stdout(&out));
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    let body = rows
        .iter()
        .find(|r| &r[7] == "1")
        .unwrap_or_else(|| panic!("no passage 1: {rows:?}"));
    assert_eq!(&body[4], "'=HYPERLINK(\"http://evil.example\",\"Walrus\")");
    assert_eq!(&body[5], "'@SUM(1+1)");
    assert_eq!(
        &body[10],
        "'-2+3 walruses ␛[2Jswam near the harbour wall on a cold morning, the wardens said on Monday."
    );
    // The offsets still mark "walruses" in the text as the cell holds it.
    let span = |field: &str| -> (usize, usize) {
        let (start, end) = field.split_once('-').expect("one span");
        (
            start.parse().expect("a start"),
            end.parse().expect("an end"),
        )
    };
    let (start, end) = span(&body[8]);
    assert_eq!(&body[10][start..end], "walruses");
    let (start, end) = span(&body[9]);
    let chars: String = body[10].chars().skip(start).take(end - start).collect();
    assert_eq!(chars, "walruses");
    // Numbers stay numbers; every other view quotes the same way.
    assert!(!body[1].starts_with('\''), "{body:?}");
    for args in [
        &[
            "search",
            "--no-update",
            "walruses",
            "--count",
            "--format",
            "csv",
        ][..],
        &[
            "search",
            "--no-update",
            "walruses",
            "--kwic",
            "--format",
            "csv",
        ],
    ] {
        let out = run(&ws, args);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", stderr(&out));
        let shown = stdout(&out);
        assert!(shown.contains("'=HYPERLINK("), "{args:?}: {shown}");
        for bare in [",=HYPERLINK(", ",\"=HYPERLINK(", ",@SUM", ",\"@SUM"] {
            assert!(!shown.contains(bare), "{args:?}: {shown}");
        }
        assert!(!has_control(&shown), "{args:?}: {shown:?}");
    }
}

#[test]
fn kwic_and_terms_as_json_are_one_json_document() {
    let ws = indexed(&[("quokka.txt", ARTICLE.as_bytes())]);
    let out = run(
        &ws,
        &[
            "search",
            "--no-update",
            "quokka*",
            "--kwic",
            "--format",
            "json",
        ],
    );
    let lines = json(&out);
    let matched: Vec<&str> = lines
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|o| o["match"].as_str())
        .collect();
    assert_eq!(matched, ["Quokkas", "quokka"]);
    let out = run(&ws, &["terms", "quokka", "--format", "json"]);
    let terms = json(&out);
    let words: Vec<&str> = terms
        .as_array()
        .expect("an array")
        .iter()
        .filter_map(|t| t["term"].as_str())
        .collect();
    assert_eq!(words, ["quokka", "quokkas"]);
}
