//! End-to-end: the order of ranked hits (what an article is about, ties).

mod common;

use common::{places, Workspace};

/// An article about soybeans whose title does not name them, one about trade talks that
/// names them once in a short passage, and others that do not name them.
fn soybeans_and_a_passing_mention(ws: &Workspace) {
    for (name, topic) in [
        ("steel.txt", "steel output"),
        ("rates.txt", "interest rates"),
        ("coffee.txt", "coffee exports"),
        ("oil.txt", "crude oil prices"),
    ] {
        ws.write(
            name,
            format!(
                "A REPORT ON {topic}\n\nOfficials said on Monday that {topic} would be\n\
                 reviewed again next month.\n"
            ),
        );
    }
    ws.write(
        "planting.txt",
        "MIDWEST PLANTING SURVEY PUBLISHED\n\n\
         Farmers in the Midwest expect to plant more soybean acres this spring than last\n\
         year, according to a survey of growers published on Tuesday.\n\n\
         Soybean prices rose on the expectation of strong export demand from China and\n\
         Europe during the coming season.\n\n\
         Analysts said the soybean crop could reach a record if the weather holds through\n\
         the summer months.\n\n\
         Soybean growers also expect exports to Japan to grow.\n",
    );
    ws.write(
        "talks.txt",
        "TRADE TALKS RESUME IN GENEVA\n\n\
         Negotiators met again on Monday to discuss tariffs on manufactured goods and on\n\
         services, officials said.\n\n\
         Soybeans came up briefly at the end of the meeting.\n\n\
         The talks on tariffs and services will continue next week, officials said.\n",
    );
}

#[test]
fn a_passage_of_the_article_about_a_word_outranks_a_passing_mention_elsewhere() {
    let ws = Workspace::empty();
    soybeans_and_a_passing_mention(&ws);
    let (result, code) = ws.search_json(&["soybeans", "--limit", "2"]);
    assert_eq!(code, 0);
    let about = [("planting.txt", 12), ("planting.txt", 9)].map(|(f, l)| (f.to_string(), l));
    assert_eq!(places(&result), about);
}

#[test]
fn equal_scores_rank_in_path_order_whatever_order_the_files_were_indexed_in() {
    let ws = Workspace::empty();
    let story = "HARBOUR REOPENS\n\nThe harbour reopened on Monday after the storm.\n";
    ws.write("a.txt", story);
    let (first, _) = ws.search_json(&["harbour", "--limit", "1"]);
    assert_eq!(places(&first), [("a.txt".to_string(), 1)]);
    // Indexed after a.txt, into a segment that the searcher reads first: in the order the
    // documents come, b.txt and c.txt ranked before a.txt.
    ws.write("c.txt", story);
    ws.write("b.txt", story);
    let (result, code) = ws.search_json(&["harbour", "--limit", "3"]);
    assert_eq!(code, 0);
    let titles = [("a.txt", 1), ("b.txt", 1), ("c.txt", 1)].map(|(f, l)| (f.to_string(), l));
    assert_eq!(places(&result), titles);
}

/// Three reports of a harbour: two dated by their Reuters datelines, one undated.
fn harbour_reports(ws: &Workspace) {
    ws.write(
        "a.txt",
        "HARBOUR REOPENS\n7-APR-1987 11:48:24.77\n\nThe harbour reopened on Monday after the storm.\n",
    );
    ws.write(
        "b.txt",
        "STORM HITS COAST\n9-APR-1987 10:00:00.00\n\nThe harbour was closed by the storm.\n",
    );
    ws.write(
        "c.txt",
        "HARBOUR NEWS\n\nThe harbour has no date here, and the harbour master said nothing.\n",
    );
}

/// `file name:line` of each JSON line of `stdout`.
fn jsonl_places(stdout: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(stdout)
        .lines()
        .map(|l| {
            let v: serde_json::Value = serde_json::from_str(l).expect("json");
            let path = v["path"].as_str().unwrap_or_default();
            format!(
                "{}:{}",
                path.rsplit('/').next().unwrap_or_default(),
                v["line"]
            )
        })
        .collect()
}

#[test]
fn sort_date_puts_the_newest_article_first_and_the_undated_last() {
    let ws = Workspace::empty();
    harbour_reports(&ws);
    let (result, code) = ws.search_json(&["harbour", "--sort", "date"]);
    assert_eq!(code, 0);
    let expected = [
        ("b.txt", 4),
        ("a.txt", 1),
        ("a.txt", 4),
        ("c.txt", 1),
        ("c.txt", 3),
    ];
    assert_eq!(places(&result), expected.map(|(f, l)| (f.to_string(), l)));
    let ranks: Vec<u64> = result["hits"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|h| h["rank"].as_u64().unwrap_or(0))
        .collect();
    assert_eq!(ranks, [1, 2, 3, 4, 5]);
}

#[test]
fn sort_path_with_a_limit_keeps_the_first_passages_in_corpus_order_not_the_best() {
    let ws = Workspace::empty();
    harbour_reports(&ws);
    // By relevance the undated article's passages, with the word twice, come first.
    let (best, _) = ws.search_json(&["harbour", "--limit", "1"]);
    assert_eq!(places(&best), [("c.txt".to_string(), 1)]);
    let (result, code) = ws.search_json(&["harbour", "--sort", "path", "--limit", "2"]);
    assert_eq!(code, 0);
    assert_eq!(
        places(&result),
        [("a.txt", 1), ("a.txt", 4)].map(|(f, l)| (f.to_string(), l))
    );
    assert_eq!(result["total"], 5);
}

#[test]
fn sort_date_orders_csv_rows_and_kwic_lines_the_same_way() {
    let ws = Workspace::empty();
    harbour_reports(&ws);
    let out = ws
        .cmd(&[
            "search", "harbour", "--sort", "date", "--format", "csv", "-m", "3",
        ])
        .output()
        .expect("run");
    let rows: Vec<String> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .skip(1)
        .map(|l| l.split(',').take(4).skip(2).collect::<Vec<_>>().join(":"))
        .collect();
    assert_eq!(
        rows,
        ["b.txt:4", "a.txt:1", "a.txt:4"].map(|r| format!("corpus/{r}"))
    );
    let out = ws
        .cmd(&[
            "search", "harbour", "--kwic", "--sort", "date", "--format", "jsonl",
        ])
        .output()
        .expect("run");
    let lines = jsonl_places(&out.stdout);
    assert_eq!(
        lines,
        ["b.txt:4", "a.txt:1", "a.txt:4", "c.txt:1", "c.txt:3", "c.txt:3"]
    );
}

#[test]
fn sort_left_without_kwic_is_refused_in_one_line() {
    let ws = Workspace::empty();
    harbour_reports(&ws);
    let out = ws
        .cmd(&["search", "harbour", "--sort", "left"])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("--sort left and right order --kwic lines"),
        "{stderr}"
    );
}

/// Four articles: one writes TikTok three times, one writes "Tik Tok" once, two others name
/// the app in one word once each (so that its one-word spelling is commoner than its parts).
fn tiktok_spellings(ws: &Workspace) {
    ws.write(
        "many.txt",
        "APP NEWS\n\nTikTok grew, and TikTok users said TikTok was fun to use this year.\n",
    );
    ws.write(
        "split.txt",
        "APP NEWS\n\nThe Tik Tok app grew, and its users said it was fun to use this year.\n",
    );
    ws.write(
        "other1.txt",
        "VIDEO NEWS\n\nA video on TikTok went round the town.\n",
    );
    ws.write(
        "other2.txt",
        "DANCE NEWS\n\nA dance seen on TikTok went round the school.\n",
    );
}

#[test]
fn both_spellings_of_a_compound_rank_by_their_own_evidence_not_the_rarity_of_the_parts() {
    let ws = Workspace::empty();
    tiktok_spellings(&ws);
    for query in ["tiktok", "\"tik tok\""] {
        let (result, code) = ws.search_json(&[query, "--limit", "1"]);
        assert_eq!(code, 0);
        assert_eq!(places(&result), [("many.txt".to_string(), 3)], "{query}");
        let (all, _) = ws.search_json(&[query, "--limit", "10"]);
        let scores: Vec<(String, f64)> = places(&all)
            .into_iter()
            .map(|(f, _)| f)
            .zip(
                all["hits"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .map(|h| h["score"].as_f64().unwrap_or(0.0)),
            )
            .collect();
        let split = scores.iter().find(|(f, _)| f == "split.txt").map(|s| s.1);
        let other = scores.iter().find(|(f, _)| f == "other1.txt").map(|s| s.1);
        // One mention each, in passages of about the same length: about the same score.
        let (Some(split), Some(other)) = (split, other) else {
            panic!("{query}: {scores:?}");
        };
        assert!(split < other * 1.5, "{query}: {scores:?}");
    }
}

#[test]
fn sort_date_with_all_orders_every_hit_by_date_not_in_corpus_order() {
    let ws = Workspace::empty();
    harbour_reports(&ws);
    let out = ws
        .cmd(&[
            "search", "harbour", "--all", "--sort", "date", "--format", "jsonl",
        ])
        .output()
        .expect("run");
    let places = jsonl_places(&out.stdout);
    assert_eq!(
        places,
        ["b.txt:4", "a.txt:1", "a.txt:4", "c.txt:1", "c.txt:3"]
    );
}

#[test]
fn an_article_about_the_common_word_outranks_one_that_names_a_company_after_it() {
    let ws = Workspace::empty();
    ws.write(
        "a.txt",
        "INLAND EXPANDS\n\nInland Steel Industries will build a plant in Indiana, and Inland Steel\n\
         expects it to open next year, Inland Steel said.\n",
    );
    ws.write(
        "b.txt",
        "OUTPUT REPORT\n\nJapan's steel output rose in March, the ministry said, as more was\n\
         made for cars this year.\n",
    );
    let (result, code) = ws.search_json(&["steel", "--limit", "2"]);
    assert_eq!(code, 0);
    let expected = [("b.txt", 3), ("a.txt", 3)].map(|(f, l)| (f.to_string(), l));
    assert_eq!(places(&result), expected);
}

#[test]
fn a_word_used_only_as_a_name_still_ranks_by_how_often_the_article_names_it() {
    let ws = Workspace::empty();
    // Named once, in a short passage (the best passage score), in an article of about the
    // length of the other, which names him three times.
    ws.write(
        "a.txt",
        "BUDGET TALKS\n\nOn Monday Reagan met aides.\n\n\
         The budget committee met on Monday, and then told the press that spending\n\
         would be cut this year.\n\n\
         The committee said that cuts had been promised in the budget next year too.\n",
    );
    ws.write(
        "b.txt",
        "BUDGET TALKS\n\nThe budget committee met on Monday, and then Reagan told it that\n\
         spending would be cut this year.\n\n\
         Aides said later that President Reagan would meet the committee again after the\n\
         holiday.\n\n\
         The committee said that Reagan had promised cuts in the budget next year too.\n",
    );
    let (result, code) = ws.search_json(&["reagan", "--limit", "4"]);
    assert_eq!(code, 0);
    let expected = [("b.txt", 6), ("b.txt", 9), ("b.txt", 3), ("a.txt", 3)];
    assert_eq!(places(&result), expected.map(|(f, l)| (f.to_string(), l)));
}

/// Twelve reports of lead the metal (smelters, zinc, tonnes), one story of a candidate's lead
/// in a poll that uses the word more often and in its headline, and thirty weather reports.
fn lead_the_metal_and_a_poll(ws: &Workspace) {
    for i in 1..=12 {
        ws.write(
            &format!("metal{i:02}.txt"),
            format!(
                "SMELTER NUMBER {i} RAISES OUTPUT\n\n\
                 The smelter produced {i}0,000 tonnes of refined lead in March, and zinc\n\
                 output from its mine rose to {i}5,000 tonnes of concentrate.\n\n\
                 Zinc and lead concentrate shipments from the smelter were steady, the\n\
                 company said, and zinc prices on the metal exchange were firm.\n"
            ),
        );
    }
    ws.write(
        "poll.txt",
        "CANDIDATE WIDENS LEAD IN POLL\n\n\
         The senator's lead over the governor grew to nine points, and his lead among\n\
         young voters doubled, the poll showed.\n",
    );
    weather_reports(ws);
}

/// Thirty short articles about something else, so that the query's words are rare among
/// articles, as in a real corpus.
fn weather_reports(ws: &Workspace) {
    for i in 1..=30 {
        ws.write(
            &format!("weather{i:02}.txt"),
            format!(
                "RAIN FORECAST FOR DAY {i}\n\n\
                 Forecasters expect rain in the north on day {i}, with wind and cooler air\n\
                 moving south over the weekend.\n"
            ),
        );
    }
}

#[test]
fn the_words_of_the_best_articles_leads_rank_the_metal_above_a_lead_in_a_poll() {
    let ws = Workspace::empty();
    lead_the_metal_and_a_poll(&ws);
    // Without feedback (an alternative is not a query of plain words) the poll story, which
    // says `lead` three times in two short passages, comes first.
    let (plain, code) = ws.search_json(&["lead OR plumbum", "--limit", "1"]);
    assert_eq!(code, 0);
    assert_eq!(places(&plain), [("poll.txt".to_string(), 1)]);
    // The leads of the best articles speak of smelters, zinc and tonnes: every report of the
    // metal now ranks above the poll.
    let (result, code) = ws.search_json(&["lead", "--limit", "40"]);
    assert_eq!(code, 0);
    let mut articles: Vec<String> = Vec::new();
    for (file, _) in places(&result) {
        if !articles.contains(&file) {
            articles.push(file);
        }
    }
    assert_eq!(articles.len(), 13);
    assert_eq!(articles[12], "poll.txt");
    assert!(articles[..12].iter().all(|a| a.starts_with("metal")));
}

/// A story about cocoa that names it in its first paragraph only, one about a dock strike that
/// names it twice in its last paragraph, nine bond market reports that name it once at their
/// end, and thirty weather reports.
fn cocoa_in_the_opening_and_further_down(ws: &Workspace) {
    ws.write(
        "about.txt",
        "GHANA SEES SMALLER CROP\n\n\
         Ghana's cocoa harvest will be smaller this season, the marketing board said.\n\n\
         Dry weather in the west cut yields, and farmers held back fertiliser.\n\n\
         The board expects purchases to recover next year.\n",
    );
    ws.write(
        "passing.txt",
        "DOCK STRIKE ENDS AT TEMA\n\n\
         Dock workers at the port of Tema ended their strike on Monday after wage talks.\n\n\
         The union said the agreement would hold for two years.\n\n\
         Loading of cocoa resumed later in the day, with cocoa for Europe first.\n",
    );
    for i in 1..=9 {
        ws.write(
            &format!("bonds{i}.txt"),
            format!(
                "BOND MARKET REPORT NUMBER {i}\n\n\
                 Treasury bond yields edged higher on Friday as traders weighed inflation\n\
                 figures and central bank remarks.\n\n\
                 Dealers said volumes were thin ahead of the holiday weekend, and yields on\n\
                 longer bonds rose most.\n\n\
                 Among the softs, cocoa was little changed while coffee and sugar futures fell\n\
                 on heavy selling by commission houses late in the session.\n"
            ),
        );
    }
    weather_reports(ws);
}

#[test]
fn an_article_naming_the_word_in_its_opening_outranks_those_naming_it_further_down() {
    let ws = Workspace::empty();
    cocoa_in_the_opening_and_further_down(&ws);
    // The reports that name cocoa in a long last paragraph, and the strike story that names it
    // twice there, would outrank the story whose first paragraph says it is about cocoa.
    let (result, code) = ws.search_json(&["cocoa", "--limit", "20"]);
    assert_eq!(code, 0);
    let mut expected = vec![("about.txt".to_string(), 3)];
    expected.extend((1..=9).map(|i| (format!("bonds{i}.txt"), 9)));
    expected.push(("passing.txt".to_string(), 7));
    assert_eq!(places(&result), expected);
}

/// A long story about tin that names it five times, a two-line port notice that names it once,
/// and thirty weather reports.
fn a_story_about_tin_and_a_notice(ws: &Workspace) {
    ws.write(
        "notice.txt",
        "PORT SCHEDULE\n\n\
         Tin and rubber will be loaded at berth four on Monday, the port said.\n",
    );
    ws.write(
        "story.txt",
        "MALAYSIA SEEKS NEW PRODUCER ACCORD\n\n\
         Malaysia will ask other producing countries to join a new accord to support tin prices, \
         which have fallen by half since the collapse of the buffer stock, the primary industries \
         minister said on Tuesday.\n\n\
         The minister said producers had cut tin output by a fifth this year under export quotas, \
         but stocks held by consumers in Europe and Japan remained high.\n\n\
         Tin smelters in Penang have laid off workers, and several mines in Perak closed in the \
         last three months because prices no longer cover their costs.\n\n\
         Bolivia, Indonesia and Thailand have said they would attend talks in Kuala Lumpur next \
         month, he said, and Brazil, now the largest producer outside the association, has been \
         invited.\n\n\
         Dealers in London said tin prices rose slightly on the news, but doubted that a new \
         accord could hold without the support of Brazil and China.\n\n\
         Tin mining employs about forty thousand people in Malaysia, down from more than a \
         hundred thousand ten years ago.\n",
    );
    weather_reports(ws);
}

#[test]
fn a_long_story_naming_the_word_throughout_outranks_a_short_notice_naming_it_once() {
    let ws = Workspace::empty();
    a_story_about_tin_and_a_notice(&ws);
    // With BM25's usual length damping the notice, a seventh of the story's length, came
    // first.
    let (result, code) = ws.search_json(&["tin", "--limit", "6"]);
    assert_eq!(code, 0);
    let expected = [
        ("story.txt", 13),
        ("story.txt", 7),
        ("story.txt", 11),
        ("story.txt", 5),
        ("story.txt", 3),
        ("notice.txt", 3),
    ];
    assert_eq!(places(&result), expected.map(|(f, l)| (f.to_string(), l)));
}
