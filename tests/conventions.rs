//! End-to-end tests of the habits newsgrep shares with grep, rg and fd: completions, a man
//! page, errors for other engines' query syntax, and flags that keep their usual meaning.

mod common;

use common::Workspace;

/// The commands a completion script or man page must name.
const COMMANDS: [&str; 7] = [
    "index", "search", "clean", "quote", "stats", "terms", "export",
];

fn stdout_of(args: &[&str]) -> String {
    let ws = Workspace::empty();
    let out = ws.cmd(args).output().expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("utf-8")
}

#[test]
fn each_shell_completion_script_names_every_command() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let script = stdout_of(&["completions", shell]);
        for command in COMMANDS {
            assert!(script.contains(command), "{shell} script lacks {command}");
        }
        // The search flags are in the script too (the commands' flags are built lazily).
        assert!(script.contains("kwic"), "{shell} script lacks --kwic");
    }
}

#[test]
fn completions_for_an_unknown_shell_is_a_usage_error() {
    let ws = Workspace::empty();
    ws.cmd(&["completions", "tcsh"]).assert().code(2);
}

#[test]
fn man_page_is_roff_with_a_section_and_the_options_of_each_command() {
    let page = stdout_of(&["man"]);
    assert!(page.starts_with(".ie"), "{}", &page[..page.len().min(200)]);
    assert!(page.contains(".TH newsgrep 1"));
    for command in COMMANDS {
        let heading = format!(".SH \"NEWSGREP {}\"", command.to_uppercase());
        assert!(page.contains(&heading), "no section {heading}");
    }
    assert!(page.contains("\\-\\-kwic"));
}

/// Runs a search that must be refused, and returns its one line on stderr.
fn refused(query: &str) -> String {
    let ws = Workspace::bundled();
    let out = ws.cmd(&["search", query]).output().expect("run");
    assert_eq!(out.status.code(), Some(2), "{query}");
    assert!(out.stdout.is_empty(), "{query}");
    let stderr = String::from_utf8(out.stderr).expect("utf-8");
    assert_eq!(stderr.lines().count(), 1, "{query}: {stderr}");
    stderr
}

#[test]
fn lucene_boost_is_refused_at_its_column() {
    assert_eq!(
        refused("tiktok^2"),
        "newsgrep: bad query at column 7: '^' (boost) is not supported\n"
    );
}

#[test]
fn factiva_near_slash_is_refused_at_its_column() {
    assert!(refused("data NEAR/3 security").starts_with(
        "newsgrep: bad query at column 6: 'NEAR/3' (proximity, as in LexisNexis or Factiva) is not supported: write NEAR(a b, 3)"
    ));
}

#[test]
fn lexis_w_slash_is_refused_at_its_column() {
    assert!(refused("data w/3 security")
        .starts_with("newsgrep: bad query at column 6: 'w/3' (proximity"));
}

#[test]
fn wildcard_inside_a_word_is_refused_at_its_column() {
    assert_eq!(
        refused("ti*ok"),
        "newsgrep: bad query at column 3: '*' (wildcard) is not supported inside or before a word; only at its end, as in algo*\n"
    );
}

#[test]
fn leading_wildcard_is_refused_at_its_column() {
    assert!(refused("*tok").starts_with("newsgrep: bad query at column 1: '*' (wildcard)"));
}

#[test]
fn negative_phrase_slop_is_refused_at_its_column() {
    assert!(refused("\"oil\"~-1")
        .starts_with("newsgrep: bad query at column 6: '~' after a phrase needs the number"));
}

#[test]
fn and_with_nothing_after_is_refused_as_and_with_nothing_before() {
    assert_eq!(
        refused("oil AND"),
        "newsgrep: bad query at column 5: AND needs a term on both sides\n"
    );
    assert_eq!(
        refused("AND"),
        "newsgrep: bad query at column 1: AND needs a term on both sides\n"
    );
}

#[test]
fn a_trailing_star_is_still_a_prefix() {
    let ws = Workspace::bundled();
    let (result, code) = ws.search_json(&["algorithmi*"]);
    assert_eq!(code, 0);
    assert_eq!(
        common::places(&result),
        vec![("000_d21ad95ebcaac17e.txt".to_string(), 33)]
    );
}

#[test]
fn dash_n_is_accepted_and_changes_nothing() {
    let ws = Workspace::bundled();
    let (plain, code) = ws.search_json(&["algorithm"]);
    assert_eq!(code, 0);
    let (with_n, code) = ws.search_json(&["-n", "algorithm", "--no-update"]);
    assert_eq!(code, 0);
    assert_eq!(plain, with_n);
}

#[test]
fn dash_m_is_the_limit() {
    let ws = Workspace::bundled();
    let (all, code) = ws.search_json(&["algorithms"]);
    assert_eq!(code, 0);
    let (two, code) = ws.search_json(&["algorithms", "-m", "2"]);
    assert_eq!(code, 0);
    let places = common::places(&all);
    assert!(places.len() > 2);
    assert_eq!(common::places(&two), places[..2].to_vec());
}

#[test]
fn dash_n_with_a_number_is_refused_instead_of_searching_for_the_number() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&["search", "tiktok", "-n", "5"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        String::from_utf8_lossy(&out.stderr),
        "newsgrep: -n is grep's line numbers (always shown), not the limit: for at most 5 results write -m 5 or --limit 5\n"
    );
}

fn long_help(command: &str) -> String {
    stdout_of(&[command, "--help"])
}

#[test]
fn search_help_lists_the_whole_query_language() {
    let help = long_help("search");
    for syntax in [
        "NEAR(",
        " NEAR ",
        "=algorithm",
        "~3",
        "~1",
        "algo*",
        " OR ",
        "-wechat",
        "title:",
        "source:",
        "path:",
        "date:",
        "date:>=",
    ] {
        assert!(help.contains(syntax), "search --help lacks {syntax}");
    }
}

#[test]
fn each_command_long_help_ends_with_examples() {
    for command in COMMANDS {
        let help = long_help(command);
        let examples = help
            .rfind("\nExamples:\n")
            .unwrap_or_else(|| panic!("{command}"));
        let after = &help[examples..];
        assert!(
            after.contains(&format!("newsgrep {command}")),
            "{command}: {after}"
        );
    }
}

#[test]
fn search_format_help_is_not_shown_where_it_does_not_apply() {
    for command in ["stats", "quote", "terms"] {
        let help = long_help(command);
        assert!(!help.contains("Ranked hits"), "{command}: {help}");
        assert!(!help.contains("search only"), "{command}: {help}");
    }
    // What does not apply is refused by the parser, with the values that do.
    let ws = Workspace::empty();
    let out = ws.cmd(&["stats", "--format", "csv"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("[possible values: text, json]"));
}

#[test]
fn newsgrep_index_names_the_index_from_any_folder() {
    let ws = Workspace::bundled();
    ws.cmd(&["--index", "idx", "index"]).assert().success();
    let elsewhere = tempfile::tempdir().expect("temp dir");
    let out = ws
        .cmd(&[
            "search",
            "algorithms",
            "oversight",
            "-m",
            "1",
            "--format",
            "jsonl",
        ])
        .current_dir(elsewhere.path())
        .env("NEWSGREP_INDEX", ws.path().join("idx"))
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hit: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(hit["line"], 16);
    assert!(hit["path"]
        .as_str()
        .is_some_and(|p| p.ends_with("000_d21ad95ebcaac17e.txt")));
    // Nothing was written where the search ran.
    assert_eq!(
        std::fs::read_dir(elsewhere.path()).expect("list").count(),
        0
    );
}

#[test]
fn index_flag_wins_over_newsgrep_index() {
    let ws = Workspace::bundled();
    ws.cmd(&["--index", "idx", "index"]).assert().success();
    ws.cmd(&["--index", "idx", "search", "algorithms", "--no-update"])
        .env("NEWSGREP_INDEX", ws.path().join("missing"))
        .assert()
        .success();
}

#[test]
fn an_empty_newsgrep_index_names_no_index() {
    // As an unset variable: the default index folder, not "a value is required for --index".
    let ws = Workspace::bundled();
    ws.cmd(&["index"]).assert().success();
    ws.cmd(&["search", "algorithms", "--no-update"])
        .env("NEWSGREP_INDEX", "")
        .assert()
        .success();
}

#[test]
fn marks_none_prints_the_bare_text() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&[
            "search",
            "algorithms",
            "oversight",
            "-m",
            "1",
            "--marks",
            "none",
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8(out.stdout).expect("utf-8"),
        "1. corpus/000_d21ad95ebcaac17e.txt:16  TikTok in Focus as U.S. Prepares for Fresh China Talks (techysolutions.de)\n   • Third-party oversight of algorithms and content moderation\n\n"
    );
}

#[test]
fn marks_markdown_stays_the_default_on_a_pipe() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&["search", "algorithms", "oversight", "-m", "1"])
        .output()
        .expect("run");
    let text = String::from_utf8(out.stdout).expect("utf-8");
    assert!(
        text.contains("**oversight** of **algorithms** and"),
        "{text}"
    );
}

#[test]
fn version_names_the_package_version() {
    let version = stdout_of(&["--version"]);
    let expected = format!("newsgrep {}", env!("CARGO_PKG_VERSION"));
    assert!(version.starts_with(&expected), "{version}");
    assert_eq!(version.lines().count(), 1, "{version}");
}

#[test]
fn newsgrep_toml_names_the_index_for_searches_in_folders_below() {
    let ws = Workspace::bundled();
    std::fs::write(ws.path().join("newsgrep.toml"), "index = \"idx\"\n").expect("write");
    ws.cmd(&["index"]).assert().success();
    assert!(ws.path().join("idx").is_dir());
    let below = ws.path().join("notes");
    std::fs::create_dir(&below).expect("mkdir");
    let out = ws
        .cmd(&[
            "search",
            "algorithms",
            "oversight",
            "-m",
            "1",
            "--no-update",
            "--format",
            "jsonl",
        ])
        .current_dir(&below)
        .output()
        .expect("run");
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let hit: serde_json::Value = serde_json::from_slice(&out.stdout).expect("one JSON line");
    assert_eq!(hit["line"], 16);
}

#[test]
fn newsgrep_toml_with_an_unknown_setting_is_one_line_and_exit_2() {
    let ws = Workspace::bundled();
    std::fs::write(ws.path().join("newsgrep.toml"), "indx = \"idx\"\n").expect("write");
    let out = ws.cmd(&["search", "algorithms"]).output().expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains("newsgrep.toml: unknown field `indx`"),
        "{stderr}"
    );
}

#[test]
fn clean_prints_one_json_document_with_format_json_as_the_other_commands_do() {
    let ws = Workspace::empty();
    let story =
        "Talks Resume in Geneva\n\nNegotiators met on Thursday in Geneva, officials said.\n";
    ws.write("a.txt", story);
    ws.write("b.txt", story.replace("Geneva", "Vienna"));
    let out = ws
        .cmd(&["clean", "--format", "json", "corpus/a.txt", "corpus/b.txt"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let articles: serde_json::Value =
        serde_json::from_slice(&out.stdout).expect("one JSON document");
    let titles: Vec<&str> = (articles.as_array().into_iter().flatten())
        .filter_map(|a| a["title"].as_str())
        .collect();
    assert_eq!(titles, ["Talks Resume in Geneva", "Talks Resume in Vienna"]);
    // The same objects as --format jsonl, a line each.
    let lines = ws
        .cmd(&["clean", "--format", "jsonl", "corpus/a.txt", "corpus/b.txt"])
        .output()
        .expect("run");
    let each: Vec<serde_json::Value> = String::from_utf8_lossy(&lines.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(articles, serde_json::Value::Array(each));
    // Nothing readable: still one document, and exit 2.
    let none = ws
        .cmd(&["clean", "--format", "json", "corpus/missing.txt"])
        .output()
        .expect("run");
    assert_eq!(none.status.code(), Some(2));
    assert_eq!(String::from_utf8_lossy(&none.stdout), "[]\n");
}

/// Lines as Python's `str.splitlines` and other readers cut them: also at NEL, LINE SEPARATOR
/// and PARAGRAPH SEPARATOR.
fn wide_lines(text: &str) -> Vec<&str> {
    text.split(['\n', '\u{85}', '\u{2028}', '\u{2029}'])
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn json_lines_stay_one_line_a_record_when_the_text_holds_line_separators() {
    let ws = Workspace::empty();
    ws.write(
        "a.txt",
        "Talks Resume in Geneva\n\nNegotiators met on Thursday,\u{2028}officials said in Geneva.\u{2029}\n",
    );
    ws.write(
        "b.txt",
        "Talks End\n\nNegotiators left Geneva\u{85}on Friday.\n",
    );
    let clean = ws
        .cmd(&["clean", "--format", "jsonl", "corpus/a.txt", "corpus/b.txt"])
        .output()
        .expect("run");
    let clean = String::from_utf8(clean.stdout).expect("utf-8");
    let records: Vec<serde_json::Value> = wide_lines(&clean)
        .into_iter()
        .map(|l| serde_json::from_str(l).expect("one JSON object a line"))
        .collect();
    assert_eq!(records.len(), 2);
    assert!(records[0]["body"]
        .as_str()
        .is_some_and(|b| b.contains("Thursday,\u{2028}officials")));
    let (_, code) = ws.search_json(&["Geneva"]);
    assert_eq!(code, 0);
    let hits = ws
        .cmd(&["search", "--format", "jsonl", "--no-update", "Geneva"])
        .output()
        .expect("run");
    let hits = String::from_utf8(hits.stdout).expect("utf-8");
    let lines = wide_lines(&hits);
    assert_eq!(lines.len(), 3, "{hits}");
    for line in lines {
        serde_json::from_str::<serde_json::Value>(line).expect("one JSON object a line");
    }
}

#[test]
fn the_index_summary_says_one_passage_in_the_singular() {
    let ws = Workspace::empty();
    ws.write(
        "brief.txt",
        "The two delegations met again in Geneva on Thursday after a pause of a month.\n",
    );
    let out = ws.cmd(&["index", "corpus"]).output().expect("run");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("; 1 passage written, 1 in the index"),
        "{stderr}"
    );
}
