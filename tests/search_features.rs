//! End-to-end: matching, views and exports of `newsgrep search` (issue "search the way
//! researchers work") on a temporary copy of the bundled corpus.

mod common;

use common::{all_highlighted, highlighted, places, Workspace};
use serde_json::Value;

fn counts(ws: &Workspace, args: &[&str]) -> Vec<(String, u64, u64)> {
    let mut all = vec!["search"];
    all.extend_from_slice(args);
    all.extend_from_slice(&["--count", "--format", "json"]);
    let out = ws.cmd(&all).output().expect("run");
    let v: Value = serde_json::from_slice(&out.stdout).expect("json");
    v["articles"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|a| {
            let path = a["path"].as_str().unwrap_or_default();
            let name = path.rsplit('/').next().unwrap_or_default()[..4].to_string();
            (
                name,
                a["passages"].as_u64().unwrap_or(0),
                a["occurrences"].as_u64().unwrap_or(0),
            )
        })
        .collect()
}

#[test]
fn count_algorithm_per_article_sorted_by_occurrences() {
    let ws = Workspace::bundled();
    assert_eq!(
        counts(&ws, &["algorithm"]),
        [
            ("001_".into(), 5, 5),
            ("000_".into(), 2, 2),
            ("003_".into(), 1, 1)
        ]
    );
}

#[test]
fn count_exact_algorithm_keeps_the_keyword_list_of_001() {
    // The cleaner keeps 001's "Keywords" line (it is article text for us), so 001 counts 3.
    let ws = Workspace::bundled();
    assert_eq!(
        counts(&ws, &["algorithm", "--exact"]),
        [("001_".into(), 3, 3), ("003_".into(), 1, 1)]
    );
    assert_eq!(
        counts(&ws, &["=algorithm"]),
        [("001_".into(), 3, 3), ("003_".into(), 1, 1)]
    );
}

#[test]
fn the_000_occurrences_are_algorithms_and_algorithmic() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["algorithm", "path:000_*", "--all"]);
    let words = all_highlighted(&r);
    assert_eq!(words, ["algorithms", "algorithmic"]);
}

#[test]
fn last_line_of_003_is_a_hit_for_algorithm() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["algorithm", "path:003_*"]);
    assert_eq!(places(&r), [("003_283cda69716dc23a.txt".to_string(), 23)]);
}

#[test]
fn dotted_abbreviation_phrase_finds_003_heading_and_001() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["U.S. user data", "--all"]);
    let p = places(&r);
    assert!(
        p.contains(&("003_283cda69716dc23a.txt".to_string(), 5)),
        "{p:?}"
    );
    assert!(p.iter().any(|(f, _)| f.starts_with("001_")));
    let (r, _) = ws.search_json(&["US", "path:003_*", "--all"]);
    assert!(all_highlighted(&r).iter().any(|h| h == "U.S."));
}

#[test]
fn straight_apostrophe_finds_curly_one() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["\"Trump's previous administration\""]);
    assert_eq!(places(&r), [("000_d21ad95ebcaac17e.txt".to_string(), 9)]);
    assert_eq!(
        highlighted(&r["hits"][0]),
        ["Trump’s previous administration"]
    );
}

#[test]
fn tiktok_matches_002_through_its_title_tik_tok() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["TikTok", "path:002_*", "--all"]);
    let title = r["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|h| h["passage"] == 0)
        .cloned();
    let title = title.expect("title passage of 002 matches");
    assert_eq!(title["line"], 3);
    assert_eq!(highlighted(&title), ["Tik Tok"]);
}

#[test]
fn near_gives_one_span_from_data_to_algorithmic() {
    let ws = Workspace::bundled();
    for q in [
        "\"data security\" NEAR algorithm",
        "NEAR(\"data security\" algorithm, 5)",
    ] {
        let (r, code) = ws.search_json(&[q]);
        assert_eq!(code, 0, "{q}");
        let hit = r["hits"]
            .as_array()
            .into_iter()
            .flatten()
            .find(|h| h["line"] == 33)
            .cloned();
        let hit = hit.expect("the passage on line 33 of 000 matches");
        assert!(hit["path"]
            .as_str()
            .unwrap_or_default()
            .ends_with("000_d21ad95ebcaac17e.txt"));
        assert_eq!(highlighted(&hit), ["Data security and algorithmic"], "{q}");
    }
}

#[test]
fn fuzzy_tiktok_finds_the_toktok_typo_in_004() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["TikTok~1", "--all"]);
    let hit = r["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|h| highlighted(h).contains(&"TokTok".to_string()))
        .cloned()
        .expect("a hit marks TokTok");
    assert!(hit["path"]
        .as_str()
        .unwrap_or_default()
        .ends_with("004_8105ffb6389b00c5.txt"));
    assert_eq!(hit["line"], 7);
}

#[test]
fn prefix_is_highlighted_like_any_match() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["algo*", "path:000_*", "--all"]);
    let words = all_highlighted(&r);
    assert_eq!(words, ["algorithms", "algorithmic"]);
}

#[test]
fn kwic_lines_put_every_match_at_the_same_column() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&["search", "algorithm", "--kwic"])
        .output()
        .expect("run");
    let text = String::from_utf8_lossy(&out.stdout);
    let columns: Vec<usize> = text
        .lines()
        .map(|l| l.find("**").map(|b| l[..b].chars().count()).unwrap_or(0))
        .collect();
    assert_eq!(columns.len(), 8, "{text}");
    assert!(columns.iter().all(|&c| c == columns[0] && c > 0), "{text}");
}

#[test]
fn kwic_sort_right_orders_by_the_match_and_what_follows() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&[
            "search",
            "algorithm",
            "--kwic",
            "--sort",
            "right",
            "--format",
            "jsonl",
        ])
        .output()
        .expect("run");
    let keys: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("json");
            format!(
                "{} {}",
                v["match"].as_str().unwrap_or(""),
                v["right"].as_str().unwrap_or("")
            )
            .to_lowercase()
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
}

#[test]
fn csv_export_of_all_round_trips_with_one_row_per_hit() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&["search", "algorithm", "--all", "--format", "csv"])
        .output()
        .expect("run");
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = reader.headers().expect("headers").clone();
    assert_eq!(&headers[2], "path");
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert_eq!(rows.len(), 8);
    // Byte and char offsets both point at the match in the text column.
    let row = &rows[0];
    let text = &row[10];
    let (s, e) = row[8]
        .split(';')
        .next()
        .and_then(|p| p.split_once('-'))
        .expect("span");
    let (s, e): (usize, usize) = (s.parse().expect("n"), e.parse().expect("n"));
    assert!(text[s..e].to_lowercase().starts_with("algorithm"));
    let (cs, ce) = row[9]
        .split(';')
        .next()
        .and_then(|p| p.split_once('-'))
        .expect("span");
    let chars: String = text
        .chars()
        .skip(cs.parse().expect("n"))
        .take(ce.parse::<usize>().expect("n") - cs.parse::<usize>().expect("n"))
        .collect();
    assert_eq!(chars, text[s..e]);
}

#[test]
fn group_article_shows_each_article_once() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["algorithm", "--group", "article", "--per-article", "1"]);
    let files: Vec<String> = places(&r).into_iter().map(|(f, _)| f).collect();
    assert_eq!(files.len(), 3);
    let unique: std::collections::BTreeSet<&String> = files.iter().collect();
    assert_eq!(unique.len(), 3);
}

#[test]
fn context_brings_the_neighbouring_passages() {
    let ws = Workspace::bundled();
    let (r, _) = ws.search_json(&["data localization", "--context", "1"]);
    assert_eq!(
        r["hits"][0]["before"][0]
            .as_str()
            .map(|s| s.starts_with("The upcoming talks")),
        Some(true)
    );
    assert_eq!(
        r["hits"][0]["after"][0]
            .as_str()
            .map(|s| s.starts_with("• Third-party")),
        Some(true)
    );
}

#[test]
fn stats_and_terms_describe_the_corpus() {
    let ws = Workspace::bundled();
    let out = ws
        .cmd(&["stats", "--format", "json"])
        .output()
        .expect("run");
    let s: Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(s["articles"], 5);
    assert_eq!(s["top_terms"][0]["term"], "tiktok");
    let out = ws
        .cmd(&["terms", "algo", "--format", "jsonl"])
        .output()
        .expect("run");
    let terms: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter_map(|v| v["term"].as_str().map(str::to_string))
        .collect();
    assert_eq!(terms, ["algorithm", "algorithms", "algorithmic"]);
}

#[test]
fn date_filter_and_bad_date() {
    let ws = Workspace::empty();
    ws.write("a.txt", "Story One Headline\n\nPublished January 5, 2023\n\nThe walrus report was published today.\n");
    ws.write(
        "b.txt",
        "Story Two Headline\n\nPublished March 9, 2021\n\nAnother walrus report came out.\n",
    );
    let (r, _) = ws.search_json(&["walrus", "date:>=2022-01-01", "--all"]);
    assert_eq!(
        places(&r).into_iter().map(|(f, _)| f).collect::<Vec<_>>(),
        ["a.txt"]
    );
    assert_eq!(r["hits"][0]["date"], "2023-01-05");
    ws.cmd(&["search", "walrus date:soon"]).assert().code(2);
}

/// A small corpus where stems, surfaces and accents tell matches apart.
fn word_forms_corpus() -> Workspace {
    let ws = Workspace::empty();
    ws.write(
        "a.txt",
        "Phone Maker Story\n\nThe phone maker Huáwei said central banks were watching the deal closely.\n",
    );
    ws.write(
        "b.txt",
        "Another Phone Story\n\nThe phone maker Huawei said the central bank was watching the deal closely.\n",
    );
    ws.write(
        "c.txt",
        "Third Phone Story\n\nBanks said the central bank and central banking rules were changing.\n",
    );
    ws
}

fn files(result: &Value) -> Vec<String> {
    places(result).into_iter().map(|(f, _)| f).collect()
}

#[test]
fn accents_are_folded_unless_asked_to_keep_them() {
    let ws = word_forms_corpus();
    let (r, code) = ws.search_json(&["Huawei", "--all"]);
    assert_eq!((files(&r), code), (vec!["a.txt".into(), "b.txt".into()], 0));
    let (r, _) = ws.search_json(&["Huawei", "--all", "--accents"]);
    assert_eq!(files(&r), ["b.txt"]);
    assert_eq!(r["total"], 1);
    let (r, _) = ws.search_json(&["Huáwei", "--all", "--accents"]);
    assert_eq!(files(&r), ["a.txt"]);
    assert_eq!(highlighted(&r["hits"][0]), ["Huáwei"]);
    let (r, code) = ws.search_json(&["\"maker huawei said\"", "--accents"]);
    assert_eq!((files(&r), code), (vec!["b.txt".into()], 0));
}

#[test]
fn exact_word_inside_a_phrase_matches_that_word_as_written() {
    let ws = word_forms_corpus();
    // Stemmed, the phrase finds "central banks", "central bank" and "central banking".
    let (r, _) = ws.search_json(&["\"central banks\"", "--all"]);
    assert_eq!(files(&r), ["a.txt", "b.txt", "c.txt"]);
    // `=banks` inside the phrase: only the plural, even where "banks" stands elsewhere (c.txt).
    let (r, _) = ws.search_json(&["\"central =banks\"", "--all"]);
    assert_eq!(files(&r), ["a.txt"]);
    assert_eq!(r["total"], 1);
    assert_eq!(highlighted(&r["hits"][0]), ["central banks"]);
    // --exact makes every phrase word exact: "central bank" then misses "central banks".
    let (r, _) = ws.search_json(&["\"central bank\"", "--all", "--exact"]);
    assert_eq!(files(&r), ["b.txt", "c.txt"]);
    assert_eq!(highlighted(&r["hits"][1]), ["central bank"]);
}

#[test]
fn excluding_an_exact_phrase_keeps_passages_with_only_its_stems() {
    let ws = word_forms_corpus();
    // c.txt holds "Banks" and "central bank" but not "central banks": it must stay.
    let (r, _) = ws.search_json(&["said -\"central =banks\"", "--all"]);
    assert_eq!(files(&r), ["b.txt", "c.txt"]);
    assert_eq!(r["total"], 2);
}

#[test]
fn hyphenated_word_is_found_by_its_parts_its_whole_and_its_parts_joined() {
    let ws = Workspace::empty();
    ws.write(
        "c.txt",
        "Vendor Story\n\nThe third-party vendor sold data.\n",
    );
    ws.write("d.txt", "Broker Story\n\nA thirdparty broker bought it.\n");
    for q in ["thirdparty", "third-party", "\"third party\""] {
        let (r, code) = ws.search_json(&[q, "--all"]);
        assert_eq!(
            (files(&r), code),
            (vec!["c.txt".into(), "d.txt".into()], 0),
            "{q}"
        );
        assert_eq!(highlighted(&r["hits"][0]), ["third-party"], "{q}");
        assert_eq!(highlighted(&r["hits"][1]), ["thirdparty"], "{q}");
    }
}

#[test]
fn an_exact_word_split_in_two_matches_its_parts_as_written() {
    let ws = Workspace::empty();
    ws.write("a.txt", "Story\n\nThe databases were copied.\n");
    ws.write("b.txt", "Story\n\nThe data bases were copied.\n");
    ws.write("c.txt", "Story\n\nThe data based rules were copied.\n");
    // Stemmed, `databases` also finds its parts in any form ("data based"); exact, only as
    // written: the parts took the stems before.
    let (r, _) = ws.search_json(&["databases", "--all"]);
    assert_eq!(files(&r), ["a.txt", "b.txt", "c.txt"]);
    for q in [
        &["databases", "--all", "--exact"][..],
        &["=databases", "--all"],
    ] {
        let (r, code) = ws.search_json(q);
        assert_eq!(
            (files(&r), code),
            (vec!["a.txt".into(), "b.txt".into()], 0),
            "{q:?}"
        );
        assert_eq!(highlighted(&r["hits"][1]), ["data bases"], "{q:?}");
    }
}

/// A corpus of three harbour reports in two year folders.
fn harbour_reports() -> Workspace {
    let ws = Workspace::empty();
    for (name, title) in [
        ("2024/harbour-1.txt", "Harbour Dredging Begins"),
        ("2024/harbour-2.txt", "Harbour Dredging Halted"),
        ("2025/harbour-1.txt", "Harbour Dredging Resumes"),
    ] {
        ws.write(
            name,
            format!(
                "{title}\n\nThe harbour board met on Tuesday to discuss the dredging of the \
                 channel, which has silted up since the winter storms.\n\nInspectors will \
                 measure the depth of the inner basin before the season opens.\n"
            ),
        );
    }
    ws
}

/// The article paths of every hit, from the corpus folder down, sorted and without repeats.
fn hit_paths(ws: &Workspace, args: &[&str]) -> Vec<String> {
    let mut all = args.to_vec();
    all.push("--all");
    let (r, _) = ws.search_json(&all);
    let mut paths: Vec<String> = r["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| h["path"].as_str())
        .filter_map(|p| p.split_once("corpus/").map(|(_, rest)| rest.to_string()))
        .collect();
    paths.dedup();
    paths
}

#[test]
fn path_glob_matches_the_file_name_alone_or_the_whole_path() {
    let ws = harbour_reports();
    assert_eq!(
        hit_paths(&ws, &["dredging", "path:harbour-1.txt"]),
        ["2024/harbour-1.txt", "2025/harbour-1.txt"]
    );
    assert_eq!(
        hit_paths(&ws, &["dredging", "path:*/2024/*"]),
        ["2024/harbour-1.txt", "2024/harbour-2.txt"]
    );
    assert!(hit_paths(&ws, &["dredging", "path:2024/*"]).is_empty());
}

#[test]
fn prefix_counts_every_matching_passage_and_ranks_the_limit() {
    let ws = harbour_reports();
    // "in*" finds "inspectors" and "inner" in the second passage of each report.
    let (r, _) = ws.search_json(&["in*", "--limit", "2"]);
    assert_eq!(r["total"], 3);
    assert_eq!(r["hits"].as_array().map(Vec::len), Some(2));
}

/// Every match of `query`, as `(file name, line)`, sorted.
fn all_places(ws: &Workspace, query: &str) -> Vec<(String, u64)> {
    let (r, _) = ws.search_json(&[query, "--all"]);
    let mut places = places(&r);
    places.sort();
    places
}

/// The places of one-paragraph articles: line 3, after the headline and a blank line.
fn on_line_3(names: &[&str]) -> Vec<(String, u64)> {
    names.iter().map(|n| (n.to_string(), 3)).collect()
}

/// The body holds surface words; a stem is found from its variants, among them one that does
/// not share its start (`dying`, stem `die`, marked in the index) and those of a stem of three
/// letters (found by the marker alone). Exact, prefix, fuzzy and `terms` tell every form apart;
/// a stemmed word or phrase finds them all.
#[test]
fn words_that_are_their_own_stem_are_told_apart_from_their_variants() {
    let ws = Workspace::empty();
    for (name, body) in [
        ("p1.txt", "The price of bread rose again this week."),
        ("p2.txt", "The prices of bread rose again this week."),
        (
            "p3.txt",
            "The price rose while other prices fell this week.",
        ),
        ("d1.txt", "The dying trees lined the road that week."),
        ("d2.txt", "The die was cast that week in the town."),
        ("h1.txt", "The happy crowd sang all that week."),
    ] {
        ws.write(name, format!("Story\n\n{body}\n"));
    }
    let found = |query: &str| all_places(&ws, query);
    assert_eq!(found("=price"), on_line_3(&["p1.txt", "p3.txt"]));
    assert_eq!(found("=prices"), on_line_3(&["p2.txt", "p3.txt"]));
    assert_eq!(found("pric*"), on_line_3(&["p1.txt", "p2.txt", "p3.txt"]));
    assert_eq!(found("price*"), on_line_3(&["p1.txt", "p2.txt", "p3.txt"]));
    assert_eq!(found("prices*"), on_line_3(&["p2.txt", "p3.txt"]));
    assert_eq!(found("=die"), on_line_3(&["d2.txt"]));
    assert_eq!(found("=dying"), on_line_3(&["d1.txt"]));
    assert_eq!(found("di*"), on_line_3(&["d2.txt"]));
    assert_eq!(found("dy*"), on_line_3(&["d1.txt"]));
    // `happy` is stemmed `happi`, which it does not start with.
    assert_eq!(found("happ*"), on_line_3(&["h1.txt"]));
    assert_eq!(found("happi*"), on_line_3(&[]));
    assert_eq!(found("die~1"), on_line_3(&["d2.txt"]));
    assert_eq!(found("dyng~1"), on_line_3(&["d1.txt"]));
    assert_eq!(found("\"the =price\""), on_line_3(&["p1.txt", "p3.txt"]));
    assert_eq!(found("prices"), on_line_3(&["p1.txt", "p2.txt", "p3.txt"]));
    assert_eq!(found("dies"), on_line_3(&["d1.txt", "d2.txt"]));
    assert_eq!(found("\"the died\""), on_line_3(&["d1.txt", "d2.txt"]));
    assert_eq!(found("\"the =die\""), on_line_3(&["d2.txt"]));
    let out = ws.cmd(&["terms", "pric"]).output().expect("run");
    let listed: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    assert_eq!(listed, ["2 price", "2 prices"]);
}

/// After an update that deleted passages, fuzzy words find the same passages (a design before
/// the present one listed a word in one passage per segment, which a merge could drop).
#[test]
fn fuzzy_words_are_found_the_same_after_an_update_that_deleted_passages() {
    let ws = Workspace::empty();
    ws.write("a.txt", "Story\n\nThe harbour froze over that winter.\n");
    ws.write("b.txt", "Story\n\nA new harbour opened in the spring.\n");
    ws.write("c.txt", "Story\n\nThe harbours of the coast were busy.\n");
    let found = |query: &str| all_places(&ws, query);
    assert_eq!(found("harbor~1"), on_line_3(&["a.txt", "b.txt"]));
    assert_eq!(found("harbors~1"), on_line_3(&["c.txt"]));
    ws.write("a.txt", "Story\n\nThe port froze over that winter.\n");
    assert_eq!(found("harbor~1"), on_line_3(&["b.txt"]));
    assert_eq!(found("harbors~1"), on_line_3(&["c.txt"]));
    assert_eq!(found("=harbour"), on_line_3(&["b.txt"]));
}

/// Past a few hundred hits, `--all` and `--count` load and highlight passages on every core:
/// the hits, their order, highlights and counts are the same as one at a time.
#[test]
fn many_hits_come_back_complete_and_in_order() {
    let ws = Workspace::empty();
    let n = 300;
    for i in 0..n {
        // Every other article names the harbour twice.
        let twice = if i % 2 == 0 {
            " The harbour closed."
        } else {
            ""
        };
        ws.write(
            &format!("a{i:03}.txt"),
            format!("Day {i}\n\nThe harbour master spoke on day {i}.{twice}\n"),
        );
    }
    let (r, code) = ws.search_json(&["harbour", "--all"]);
    assert_eq!((r["total"].as_u64(), code), (Some(n), 0));
    let want: Vec<(String, u64)> = (0..n).map(|i| (format!("a{i:03}.txt"), 3)).collect();
    assert_eq!(places(&r), want);
    let hits = r["hits"].as_array().expect("hits");
    assert!(hits.iter().enumerate().all(|(i, h)| {
        let marks = if i % 2 == 0 { 2 } else { 1 };
        highlighted(h) == vec!["harbour"; marks]
    }));
    let counted = counts(&ws, &["harbour"]);
    assert_eq!(counted.len(), n as usize);
    let occurrences: u64 = counted.iter().map(|c| c.2).sum();
    assert_eq!(occurrences, n + n / 2);
    assert!(counted.iter().all(|c| c.1 == 1));
}

#[test]
fn every_hit_of_a_sloppy_phrase_has_its_match_marked() {
    let ws = Workspace::empty();
    ws.write(
        "a.txt",
        "Oil markets\n\nPrices of crude oil rose on Monday as traders weighed supply.\n",
    );
    ws.write(
        "b.txt",
        "Refinery news\n\nThe refinery bought oil, mostly crude from the north sea fields.\n",
    );
    let (json, code) = ws.search_json(&["\"oil crude\"~2", "--all"]);
    assert_eq!(code, 0);
    let hits = json["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), 2, "{json}");
    for hit in hits {
        assert!(!highlighted(hit).is_empty(), "{hit}");
    }
    assert_eq!(all_highlighted(&json), ["crude oil", "oil, mostly crude"]);
}

#[test]
fn files_with_matches_prints_each_matching_path_once_in_path_order() {
    let ws = Workspace::bundled();
    let (counted, _) = ws.search_json(&["algorithm", "--count"]);
    let mut paths: Vec<&str> = counted["articles"]
        .as_array()
        .expect("articles")
        .iter()
        .map(|a| a["path"].as_str().expect("path"))
        .collect();
    paths.sort_unstable();
    assert_eq!(paths.len(), 3);
    let out = ws
        .cmd(&["search", "algorithm", "-l"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        paths.join("\n") + "\n"
    );
    let (listed, _) = ws.search_json(&["algorithm", "--files-with-matches"]);
    assert_eq!(listed["paths"], serde_json::json!(paths));
    ws.cmd(&["search", "quokka", "-l"]).assert().code(1);
}

#[test]
fn kwic_honours_the_limit_and_prints_csv_with_the_source() {
    let ws = Workspace::bundled();
    let lines = |args: &[&str]| -> Vec<Value> {
        let mut all = vec!["search", "algorithm", "--kwic", "--format", "jsonl"];
        all.extend_from_slice(args);
        let out = ws.cmd(&all).output().expect("run");
        String::from_utf8_lossy(&out.stdout)
            .lines()
            .map(|l| serde_json::from_str(l).expect("json"))
            .collect()
    };
    let every = lines(&[]);
    assert_eq!(every.len(), 8);
    assert_eq!(lines(&["-m", "3"]), every[..3]);
    assert!(every.iter().all(|o| o.get("source").is_some()), "{every:?}");
    let out = ws
        .cmd(&["search", "algorithm", "--kwic", "--format", "csv"])
        .output()
        .expect("run");
    let header = String::from_utf8_lossy(&out.stdout)
        .lines()
        .next()
        .map(str::to_string);
    assert_eq!(
        header.as_deref(),
        Some("path,line,title,source,date,left,match,right,start,end,start_char,end_char")
    );
    let mut reader = csv::Reader::from_reader(out.stdout.as_slice());
    let rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("a row")).collect();
    assert_eq!(rows.len(), 8);
    for (row, json) in rows.iter().zip(&every) {
        assert_eq!(&row[0], json["path"].as_str().expect("path"));
        assert_eq!(row[1], json["line"].to_string());
        assert_eq!(&row[5], json["left"].as_str().expect("left"));
        assert_eq!(&row[6], json["match"].as_str().expect("match"));
    }
}

#[test]
fn rank_is_the_rank_by_score_and_absent_in_corpus_order() {
    let ws = Workspace::bundled();
    let ranks = |args: &[&str]| -> Vec<Value> {
        let (found, _) = ws.search_json(args);
        found["hits"]
            .as_array()
            .expect("hits")
            .iter()
            .map(|h| h.get("rank").cloned().unwrap_or(Value::Null))
            .collect()
    };
    let all = ranks(&["algorithm", "--all"]);
    assert_eq!(all.len(), 8);
    assert!(all.iter().all(Value::is_null), "{all:?}");
    let ranked = ranks(&["algorithm", "-m", "3"]);
    assert_eq!(ranked, [1, 2, 3]);
    // Each article's best passage, with its rank among all the passages.
    let grouped = ranks(&["algorithm", "--group", "article", "--per-article", "1"]);
    let grouped: Vec<u64> = grouped
        .iter()
        .map(|r| r.as_u64().expect("a rank"))
        .collect();
    assert_eq!(grouped.len(), 3);
    assert_eq!(grouped[0], 1);
    assert!(grouped.windows(2).all(|w| w[0] < w[1]), "{grouped:?}");
}
