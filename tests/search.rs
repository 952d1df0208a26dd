//! End-to-end: `newsgrep search` on a temporary copy of the bundled corpus.

mod common;

use common::{highlighted, places, Workspace};

#[test]
fn data_localization_is_one_passage_on_line_15_of_000_with_one_highlight() {
    let ws = Workspace::bundled();
    let (result, code) = ws.search_json(&["data localization"]);
    assert_eq!(code, 0);
    assert_eq!(result["total"], 1);
    assert_eq!(
        places(&result),
        [("000_d21ad95ebcaac17e.txt".to_string(), 15)]
    );
    assert_eq!(highlighted(&result["hits"][0]), ["Data localization"]);
}

#[test]
fn quoted_phrase_highlights_only_the_phrase() {
    let ws = Workspace::bundled();
    let (result, _) = ws.search_json(&["\"data security\""]);
    for hit in result["hits"].as_array().into_iter().flatten() {
        for h in highlighted(hit) {
            assert_eq!(h.to_lowercase(), "data security", "in {}", hit["text"]);
        }
    }
    assert!(places(&result).contains(&("000_d21ad95ebcaac17e.txt".to_string(), 33)));
}

#[test]
fn algorithm_all_finds_000_001_003_and_highlights_only_algorithm_words() {
    let ws = Workspace::bundled();
    let (result, code) = ws.search_json(&["algorithm", "--all"]);
    assert_eq!(code, 0);
    let mut files: Vec<String> = places(&result)
        .into_iter()
        .map(|(f, _)| f[..4].to_string())
        .collect();
    files.dedup();
    assert_eq!(files, ["000_", "001_", "003_"]);
    for hit in result["hits"].as_array().into_iter().flatten() {
        let marks = highlighted(hit);
        assert!(!marks.is_empty());
        for m in marks {
            assert!(m.to_lowercase().starts_with("algorithm"), "{m}");
        }
    }
}

#[test]
fn all_lists_hits_in_corpus_order() {
    let ws = Workspace::bundled();
    let (result, _) = ws.search_json(&["algorithm", "--all"]);
    let p = places(&result);
    let mut sorted = p.clone();
    sorted.sort();
    assert_eq!(p, sorted);
    assert_eq!(p.len(), result["total"].as_u64().unwrap_or(0) as usize);
}

#[test]
fn popular_posts_headlines_and_comment_prompts_are_not_indexed() {
    let ws = Workspace::bundled();
    ws.cmd(&["search", "Zelenko"]).assert().code(1).stdout("");
    ws.cmd(&["search", "\"Leave a Comment\""])
        .assert()
        .code(1)
        .stdout("");
}

#[test]
fn standfirst_repeating_a_paragraph_is_indexed_once() {
    let ws = Workspace::bundled();
    let (result, _) = ws.search_json(&["constant evaluation"]);
    assert_eq!(
        places(&result),
        [("002_048ada916771e28f.txt".to_string(), 11)]
    );
}

#[test]
fn malformed_queries_exit_2_with_one_line_naming_the_problem() {
    let ws = Workspace::bundled();
    for (q, needle) in [
        ("\"data loc", "column 1: unbalanced quote"),
        ("author:smith", "unknown field 'author:'"),
    ] {
        let out = ws.cmd(&["search", q]).output().expect("run");
        assert_eq!(out.status.code(), Some(2), "{q}");
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(err.contains(needle), "{err}");
        assert!(out.stdout.is_empty());
    }
}

#[test]
fn edited_file_is_found_without_manual_reindex() {
    let ws = Workspace::bundled();
    ws.cmd(&["search", "algorithm"]).assert().success();
    ws.cmd(&["search", "zanzibar"]).assert().code(1);
    let path = ws.corpus().join("004_8105ffb6389b00c5.txt");
    let mut text = std::fs::read_to_string(&path).expect("read");
    text = text.replace(
        "Former President Donald Trump",
        "Former President Donald Trump of Zanzibar",
    );
    std::fs::write(&path, text).expect("write");
    let out = ws
        .cmd(&["search", "zanzibar", "--format", "json"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("updating the index") && err.contains("1 changed"),
        "{err}"
    );
    let result: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(
        places(&result),
        [("004_8105ffb6389b00c5.txt".to_string(), 7)]
    );
}

#[test]
fn added_and_removed_files_are_picked_up() {
    let ws = Workspace::bundled();
    ws.cmd(&["search", "algorithm"]).assert().success();
    ws.write(
        "new/extra.txt",
        "A New Story About Quokkas\n\nThe quokka census found many quokkas on the island.\n",
    );
    let (result, _) = ws.search_json(&["quokka"]);
    assert_eq!(places(&result)[0].0, "extra.txt");
    std::fs::remove_file(ws.corpus().join("new/extra.txt")).expect("rm");
    ws.cmd(&["search", "quokka"]).assert().code(1);
}

#[test]
fn no_update_searches_the_index_as_it_is() {
    let ws = Workspace::bundled();
    ws.cmd(&["index"]).assert().success();
    ws.write(
        "late.txt",
        "Late Story Headline Here\n\nA sentence about wombats arrived late.\n",
    );
    ws.cmd(&["search", "wombats", "--no-update"])
        .assert()
        .code(1);
    ws.cmd(&["search", "wombats"]).assert().success();
}

#[test]
fn text_output_marks_matches_with_stars_when_not_a_terminal() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&["search", "data localization"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        stdout,
        "1. corpus/000_d21ad95ebcaac17e.txt:15  TikTok in Focus as U.S. Prepares for Fresh China Talks (techysolutions.de)\n   • **Data localization** requirements\n\n"
    );
    assert!(!stdout.contains('\x1b'));
}

#[test]
fn color_always_uses_ansi_and_no_stars() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&["search", "data localization", "--color", "always"])
        .output()
        .expect("run");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("\x1b[1;31mData localization\x1b[0m"),
        "{stdout}"
    );
    assert!(!stdout.contains("**"));
}

#[test]
fn clicolor_force_colors_piped_output_unless_no_color_is_set() {
    let ws = Workspace::bundled();
    let search = |no_color: &str| {
        let out = ws
            .cmd(&["search", "data localization"])
            .env("CLICOLOR_FORCE", "1")
            .env("NO_COLOR", no_color)
            .output()
            .expect("run");
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    let forced = search("");
    assert!(
        forced.contains("\x1b[1;31mData localization\x1b[0m"),
        "{forced}"
    );
    assert!(!search("1").contains('\x1b'));
}

#[test]
fn jsonl_has_one_hit_per_line_with_all_fields() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&["search", "algorithm", "--format", "jsonl", "--limit", "3"])
        .output()
        .expect("run");
    let lines: Vec<serde_json::Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect();
    assert_eq!(lines.len(), 3);
    for key in [
        "rank",
        "score",
        "path",
        "line",
        "title",
        "source",
        "date",
        "passage",
        "text",
        "highlights",
    ] {
        assert!(lines[0].get(key).is_some(), "missing {key}");
    }
    assert_eq!(lines[0]["rank"], 1);
}

#[test]
fn limit_caps_hits_but_total_counts_all() {
    let ws = Workspace::bundled();
    let (result, _) = ws.search_json(&["tiktok", "--limit", "2"]);
    assert_eq!(result["hits"].as_array().map(Vec::len), Some(2));
    assert!(result["total"].as_u64().unwrap_or(0) > 2);
}

#[test]
fn or_and_exclusion_and_title_field() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["wechat OR douyin", "--all"]);
    let files: std::collections::BTreeSet<String> = places(&r)
        .into_iter()
        .map(|(f, _)| f[..4].to_string())
        .collect();
    assert_eq!(files.into_iter().collect::<Vec<_>>(), ["002_", "003_"]);
    let (r, _) = ws.search_json(&["wechat -tencent", "--all"]);
    assert!(places(&r)
        .iter()
        .all(|(f, l)| f.starts_with("003_") && *l != 17));
    let (r, _) = ws.search_json(&["title:delayed algorithm", "--all"]);
    assert!(places(&r).iter().all(|(f, _)| f.starts_with("001_")));
    assert_eq!(places(&r).len(), 5);
}

/// The passages of the hits of `query`, as (file, passage), sorted, with the titles they show.
fn passages_and_titles(ws: &Workspace, query: &str) -> (Vec<(String, u64)>, Vec<String>) {
    let (r, _) = ws.search_json(&[query, "--all"]);
    let hits = r["hits"].as_array().cloned().unwrap_or_default();
    let mut passages: Vec<(String, u64)> = hits
        .iter()
        .map(|h| {
            let path = h["path"].as_str().unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or_default().to_string();
            (name, h["passage"].as_u64().unwrap_or(u64::MAX))
        })
        .collect();
    passages.sort();
    let titles = hits
        .iter()
        .map(|h| h["title"].as_str().unwrap_or("(none)").to_string())
        .collect();
    (passages, titles)
}

#[test]
fn title_and_source_filters_reach_every_passage_of_the_article_after_updates_too() {
    let ws = Workspace::bundled();
    let whole = |name: &str| passages_and_titles(&ws, &format!("path:{name}")).0;
    let check = |ws: &Workspace| {
        let (passages, titles) = passages_and_titles(ws, "title:\"fresh china talks\"");
        assert_eq!(passages, whole("000_d21ad95ebcaac17e.txt"));
        assert_eq!(passages.len(), 20);
        assert!(titles
            .iter()
            .all(|t| t == "TikTok in Focus as U.S. Prepares for Fresh China Talks"));
        let (passages, _) = passages_and_titles(ws, "source:techysolutions.de");
        assert!(passages.len() >= 20);
        let (passages, titles) = passages_and_titles(ws, "title:walrus");
        assert_eq!(passages, whole("zz_walrus.txt"));
        assert_eq!(titles, ["Walrus Colony Grows on the Coast"; 3]);
    };
    ws.write(
        "zz_walrus.txt",
        "Walrus Colony Grows on the Coast\n\nThe colony of walruses on the northern coast grew again this year, counters said.\n\nRangers closed the beach to visitors for the summer months.\n",
    );
    check(&ws);
    // An update: the walrus article changes (its old passages deleted, the new ones in another
    // segment) and another article comes after it.
    ws.write(
        "zz_walrus.txt",
        "Walrus Colony Grows on the Coast\n\nThe colony of walruses on the northern coast grew again, counters said on Monday.\n\nRangers closed the beach to visitors for the whole summer.\n",
    );
    ws.write(
        "zz_yak.txt",
        "Yaks Return to the High Pasture\n\nHerders drove the yaks back up to the pasture after a long winter in the valley.\n",
    );
    check(&ws);
    assert_eq!(
        passages_and_titles(&ws, "title:yaks").0,
        whole("zz_yak.txt")
    );
}

#[test]
fn title_is_a_citable_hit_on_its_line() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["\"fresh china talks\""]);
    assert_eq!(places(&r), [("000_d21ad95ebcaac17e.txt".to_string(), 1)]);
    assert_eq!(r["hits"][0]["passage"], 0);
}

#[test]
fn same_size_edit_in_place_is_picked_up_by_its_mtime() {
    let ws = Workspace::bundled();
    ws.cmd(&["search", "algorithm"]).assert().success();
    let path = ws.corpus().join("004_8105ffb6389b00c5.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    let edited = text.replacen("Former", "Walrus", 1);
    assert_eq!((edited.len(), edited != text), (text.len(), true));
    std::fs::write(&path, edited).expect("write");
    let (result, code) = ws.search_json(&["walrus"]);
    assert_eq!(code, 0);
    assert_eq!(
        places(&result),
        [("004_8105ffb6389b00c5.txt".to_string(), 7)]
    );
}

/// Sets the mtime of the corpus folder an hour back, as for a corpus last changed long before
/// it was indexed: the corpus check then trusts the folder's mtime for its listing.
fn age_corpus_folder(ws: &Workspace) {
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    std::fs::File::open(ws.corpus())
        .and_then(|f| f.set_modified(hour_ago))
        .expect("setting the corpus folder's mtime");
}

#[test]
fn changes_in_a_long_unchanged_folder_are_picked_up() {
    let ws = Workspace::bundled();
    age_corpus_folder(&ws);
    ws.cmd(&["search", "algorithm"]).assert().success();
    // An edit in place leaves the folder's mtime as it was: the file's own stat tells.
    let path = ws.corpus().join("004_8105ffb6389b00c5.txt");
    let text = std::fs::read_to_string(&path).expect("read");
    std::fs::write(&path, text.replacen("Former", "Walrus", 1)).expect("write");
    let (result, _) = ws.search_json(&["walrus"]);
    assert_eq!(
        places(&result),
        [("004_8105ffb6389b00c5.txt".to_string(), 7)]
    );

    age_corpus_folder(&ws);
    ws.cmd(&["index", "--rebuild"]).assert().success();
    ws.write(
        "extra.txt",
        "A New Story About Quokkas\n\nThe quokka census found many quokkas on the island.\n",
    );
    let (result, _) = ws.search_json(&["quokka"]);
    assert_eq!(
        places(&result),
        [("extra.txt".to_string(), 3), ("extra.txt".to_string(), 1)]
    );
    std::fs::remove_file(ws.corpus().join("extra.txt")).expect("rm");
    ws.cmd(&["search", "quokka"]).assert().code(1);
}
