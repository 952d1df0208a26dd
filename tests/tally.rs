//! The fast count path (`views::tally`, read from the index's columns and word positions)
//! gives exactly what counting every hit of the full search gives: per article, by period
//! and source, with copies counted once, for terms, phrases, OR, NOT, filters and `--exact`.
//! So do the collocates read from the matching passages' stored text
//! (`views::collocates::collocates`) and those counted over every hit.

mod common;

use common::Workspace;
use newsgrep::cli::By;
use newsgrep::hit::{count_by_article, ArticleCount};
use newsgrep::index::NewsIndex;
use newsgrep::search::{self, Limit, Options};
use newsgrep::views::collocates::{self, collocates, collocates_of_hits};
use newsgrep::views::copies::Stories;
use newsgrep::views::tally::{tally, tally_by, tally_found, KeyedTally, Occurrences, Route};
use newsgrep::{query, views};
use serde_json::json;

/// (file, source, dateline, body): wire stories, with words side by side (`said said`,
/// `oil, oil`), a story sent twice, and the same words in other passages and titles.
const WIRE: &[(&str, Option<&str>, Option<&str>, &str)] = &[
    (
        "wire/a.txt",
        Some("Wire A"),
        Some("26-FEB-1987 15:02:20.00"),
        "Oil prices rose after the frost, traders said.\n\nCrude oil stocks fell; oil, oil and more oil was bought, the banks said said.",
    ),
    (
        "wire/b.txt",
        Some("Wire A"),
        Some("2-MAR-1987 09:10:00.00"),
        "Gold prices fell in London as the bank sold gold.\n\nSilver was flat, dealers said.",
    ),
    (
        "wire/c.txt",
        Some("Wire B"),
        Some("5-MAR-1987 11:00:00.00"),
        "Oil Oil OIL: the crude oil market opened higher, banks said.\n\nGold and oil moved together, a bank said.",
    ),
    (
        "wire/d.txt",
        Some("Wire B"),
        Some("5-MAR-1987 11:00:00.00"),
        "Oil Oil OIL: the crude oil market opened higher, banks said.\n\nGold and oil moved together, a bank said.",
    ),
    (
        "wire/e.txt",
        None,
        None,
        "The banking group said its oil loans were sound.\n\nBanks lent less to oil companies, saying prices were low.",
    ),
    (
        "wire/f.txt",
        Some("Wire A"),
        Some("1-JAN-1988 08:00:00.00"),
        "Coffee stocks were counted at the ports, officials said.\n\nOil was not mentioned.",
    ),
];

const SPANISH: &str = "Nueva ley electoral\n\n\
El Congreso aprobó el martes una reforma de la ley que regula cada elección municipal y autonómica en el país, dijo el banco.\n\n\
La oposición criticó que las elecciones se aprobaran sin el apoyo de los partidos regionales.\n";

/// The corpus indexed in two runs, so that the index has several segments (a tally counts
/// segment by segment).
fn workspace() -> Workspace {
    let ws = Workspace::bundled();
    for (i, (name, source, dateline, body)) in WIRE.iter().enumerate() {
        if i == 2 {
            ws.cmd(&["index", "corpus"]).assert().success();
        }
        ws.write_story(
            name,
            &format!("Markets note {i} on oil"),
            *source,
            *dateline,
            body,
        );
    }
    ws.write("es/ley.txt", SPANISH);
    let record = |title: &str, text: &str, date: &str| json!({"title": title, "text": text, "date_publish": date, "source_domain": "example.org"});
    ws.write(
        "dump.jsonl",
        format!(
            "{}\n{}\n",
            record(
                "Oil output",
                "Oil output rose. The bank said oil and gold were steady, and said so again.",
                "2024-05-27 08:00:00"
            ),
            record(
                "Elecciones",
                "Las elecciones y la elección del banco central, dijo el gobierno.",
                "2024-06-01 10:00:00"
            ),
        ),
    );
    ws.cmd(&["index", "corpus"]).assert().success();
    ws
}

/// Queries of every shape: plain words, OR, NOT, filters, phrases, proximity, prefixes,
/// fuzzy words, compounds, title and source clauses, and the bundled corpus's own words.
const QUERIES: &[&str] = &[
    "oil",
    "said",
    "bank",
    "banks",
    "bank OR banks",
    "oil OR gold",
    "oil gold",
    "oil -gold",
    "oil NOT silver",
    "=oil",
    "=banks OR =said",
    "oil source:\"Wire A\"",
    "oil date:1987-03",
    "said date:1987..1988",
    "oil path:wire/*",
    "said lang:en",
    "elección",
    "elecciones OR banco",
    "\"crude oil\"",
    "\"oil oil\"",
    "\"gold prices\"~2",
    "oil NEAR bank",
    "ban*",
    "gould~1",
    "title:oil",
    "title:oil said",
    "source:wire oil",
    "tiktok",
    "algorithms",
    "data security",
    "\"data security\"",
    "trade OR tariffs OR tariff",
    "china -tiktok",
];

fn open(ws: &Workspace) -> NewsIndex {
    NewsIndex::open(&ws.path().join("index"))
        .expect("opened")
        .expect("an index")
}

fn options(exact: bool) -> Options {
    Options {
        limit: Limit::All,
        exact,
        accents: false,
        context: 0,
    }
}

/// What counting every hit of the full search gives.
fn searched(index: &NewsIndex, text: &str, exact: bool) -> (Vec<ArticleCount>, usize) {
    let parsed = query::parse(text).expect("a query");
    let result = search::search(index, text, &parsed, options(exact)).expect("searched");
    (count_by_article(&result.hits), result.total)
}

#[test]
fn the_tally_equals_the_counts_of_every_hit_for_every_query() {
    let ws = workspace();
    let index = open(&ws);
    let stories = Stories::read(&index).expect("stories");
    let mut routes = Vec::new();
    for &text in QUERIES {
        for exact in [false, true] {
            let parsed = query::parse(text).expect("a query");
            let (slow, passages) = searched(&index, text, exact);
            let fast = tally(&index, text, &parsed, options(exact), Occurrences::Counted)
                .expect("tallied");
            assert_eq!(fast.articles, slow, "{text} (exact: {exact})");
            assert_eq!(fast.passages, passages, "{text} (exact: {exact})");
            assert_eq!(
                stories.count_once(fast.articles.clone()),
                stories.count_once(slow.clone()),
                "{text} --dedup"
            );
            let bys = [By::Day, By::Week, By::Month, By::Year, By::Source];
            let keyed = tally_by(
                &index,
                text,
                &parsed,
                options(exact),
                Occurrences::Counted,
                None,
                &bys,
            )
            .expect("tallied by key");
            assert_eq!(
                (keyed.articles, keyed.passages, keyed.occurrences),
                (
                    slow.len(),
                    passages,
                    slow.iter().map(|c| c.occurrences).sum()
                ),
                "{text} (exact: {exact}, by key)"
            );
            for by in bys {
                assert_eq!(
                    counted_by_key(&index, text, by, &keyed),
                    views::count_by(&index, text, by, &slow, None).expect("by"),
                    "{text} --by {by:?} (by key)"
                );
                for dedup in [None, Some(&stories)] {
                    assert_eq!(
                        views::count_by(&index, text, by, &fast.articles, dedup).expect("by"),
                        views::count_by(&index, text, by, &slow, dedup).expect("by"),
                        "{text} --by {by:?}"
                    );
                }
            }
            let articles = tally(&index, text, &parsed, options(exact), Occurrences::Skipped)
                .expect("tallied");
            // The matches found by the search of a page of hits, in the same pass, tally alike.
            let page = Options {
                limit: Limit::Top(2),
                ..options(exact)
            };
            let (_, found) =
                search::search_and_matches(&index, text, &parsed, page).expect("searched");
            assert!(found.is_some(), "{text}");
            let once = tally_found(&index, text, &parsed, page, Occurrences::Skipped, found)
                .expect("tallied");
            assert_eq!(
                once, articles,
                "{text} (exact: {exact}, found in the search)"
            );
            let paths = |counts: &[ArticleCount]| {
                let mut paths: Vec<(String, usize)> = counts
                    .iter()
                    .map(|c| (c.path.clone(), c.passages))
                    .collect();
                paths.sort();
                paths
            };
            assert_eq!(paths(&articles.articles), paths(&slow), "{text} (articles)");
            // The server's page: the charts' keys counted from the matches its search found.
            let (_, found) =
                search::search_and_matches(&index, text, &parsed, page).expect("searched");
            let charted = [By::Month, By::Year, By::Source];
            let keyed = tally_by(
                &index,
                text,
                &parsed,
                page,
                Occurrences::Skipped,
                found,
                &charted,
            )
            .expect("tallied by key");
            assert_eq!(
                (keyed.articles, keyed.passages, keyed.occurrences),
                (articles.articles.len(), articles.passages, 0),
                "{text} (exact: {exact}, page by key)"
            );
            for by in charted {
                assert_eq!(
                    counted_by_key(&index, text, by, &keyed),
                    views::count_by(&index, text, by, &articles.articles, None).expect("by"),
                    "{text} --by {by:?} (page by key)"
                );
            }
            routes.push((text, exact, fast.route));
        }
    }
    // The queries of plain words are counted from positions, the others from their texts.
    let route = |text: &str| routes.iter().find(|r| r.0 == text && !r.1).map(|r| r.2);
    assert_eq!(route("bank OR banks"), Some(Route::Positions));
    assert_eq!(route("oil source:\"Wire A\""), Some(Route::Positions));
    assert_eq!(route("oil -gold"), Some(Route::Positions));
    assert_eq!(route("\"crude oil\""), Some(Route::Texts));
    assert_eq!(route("ban*"), Some(Route::Texts));
}

/// The rows of a tally by key, against all the articles of `index`.
fn counted_by_key(
    index: &NewsIndex,
    text: &str,
    by: By,
    keyed: &KeyedTally,
) -> views::PeriodCounts {
    let totals = views::by::totals(index, by).expect("totals");
    let matched = keyed.by(by).expect("counted by this key");
    views::by::count_matched(text, by, keyed.articles, matched, &totals)
}

#[test]
fn the_index_of_the_tally_tests_has_several_segments() {
    let ws = workspace();
    let index = open(&ws);
    assert!(index.reader.searcher().segment_readers().len() >= 2);
}

#[test]
fn a_tally_by_key_of_a_query_checked_on_its_text_equals_the_counts_of_every_hit() {
    let ws = workspace();
    let index = open(&ws);
    let bys = [By::Day, By::Month, By::Source];
    for text in ["elección", "oil", "\"crude oil\""] {
        let parsed = query::parse(text).expect("a query");
        let accents = Options {
            accents: true,
            ..options(false)
        };
        let keyed = tally_by(
            &index,
            text,
            &parsed,
            accents,
            Occurrences::Counted,
            None,
            &bys,
        )
        .expect("tallied by key");
        assert_eq!(keyed.route, Route::Search, "{text}");
        let result = search::search(&index, text, &parsed, accents).expect("searched");
        let slow = count_by_article(&result.hits);
        assert_eq!(keyed.passages, result.total, "{text}");
        for by in bys {
            assert_eq!(
                counted_by_key(&index, text, by, &keyed),
                views::count_by(&index, text, by, &slow, None).expect("by"),
                "{text} --by {by:?}"
            );
        }
    }
}

#[test]
fn words_side_by_side_are_one_occurrence_as_the_highlighter_joins_them() {
    let ws = workspace();
    let index = open(&ws);
    let parsed = query::parse("oil").expect("a query");
    let fast = tally(&index, "oil", &parsed, options(false), Occurrences::Counted).expect("tally");
    let c = fast
        .articles
        .iter()
        .find(|c| c.path == "corpus/wire/c.txt")
        .expect("c.txt matches");
    // The title's "oil"; "Oil Oil OIL" one highlight and "crude oil" another; "Gold and oil".
    // Counted by positions, the three words side by side would make 6.
    assert_eq!((c.passages, c.occurrences), (3, 4));
    assert!(fast.texts_read > 0 && fast.texts_read < fast.passages);
}

#[test]
fn the_columns_give_the_same_stories_and_totals_as_the_stored_passages() {
    let ws = workspace();
    let index = open(&ws);
    let stories = Stories::read(&index).expect("stories");
    let groups = stories.groups(2);
    assert_eq!(
        groups.iter().map(|g| g.paths.clone()).collect::<Vec<_>>(),
        [["corpus/wire/c.txt", "corpus/wire/d.txt"]]
    );
    let totals = views::by::totals(&index, By::Source).expect("totals");
    assert_eq!(totals.get(&Some("Wire A".to_string())), Some(&3));
    assert_eq!(totals.get(&Some("Wire B".to_string())), Some(&2));
}

#[test]
fn the_collocates_read_from_the_passages_equal_those_of_every_hit() {
    let ws = workspace();
    let index = open(&ws);
    let counted = |window, by_surface, no_stopwords, min_count| collocates::Options {
        window,
        limit: 10_000,
        by_surface,
        no_stopwords,
        min_count,
    };
    let flags = [
        counted(5, false, false, 1),
        counted(1, false, false, 1),
        counted(12, true, false, 1),
        counted(3, false, true, 1),
        counted(5, true, true, 2),
        counted(0, false, false, 1),
    ];
    let mut compared = 0;
    for &text in QUERIES {
        let parsed = query::parse(text).expect("a query");
        for (exact, accents) in [(false, false), (true, false), (false, true)] {
            let search = Options {
                accents,
                ..options(exact)
            };
            let hits = search::search(&index, text, &parsed, search)
                .expect("searched")
                .hits;
            for counting in flags {
                let slow = collocates_of_hits(&index, text, &hits, counting).expect("slow");
                let fast = collocates(&index, text, &parsed, search, counting).expect("fast");
                assert_eq!(
                    fast, slow,
                    "{text} (exact: {exact}, accents: {accents}, {counting:?})"
                );
                compared += usize::from(!slow.rows.is_empty());
            }
        }
    }
    // Most of the comparisons have rows to compare.
    assert!(compared > QUERIES.len() * 3 * 6 / 2, "{compared}");
}
