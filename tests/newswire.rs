//! End-to-end: hard-wrapped newswire (the shape of the Reuters-21578 files) cleaned, indexed,
//! searched and quoted: every sentence findable, cited to its line, dated by its dateline.
//!
//! The articles are written inline in the wire's shape (headline, dateline, a lede whose first
//! line is short because its dateline was cut from the front, hard-wrapped lines, paragraphs
//! marked by indentation, a "Reuter" sign-off and a `&#3;` end marker), around the sentences
//! issue 27 quotes.

mod common;

use common::{places, Workspace};
use serde_json::Value;

const VENTURE: &str = "STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT
26-FEB-1987 15:02:20.00

Standard Oil Co and BP North America
Inc said they plan to form a venture to manage the money market
borrowing and investment activities of both companies.
    BP North America is a subsidiary of British Petroleum Co
Plc &lt;BP>, which also owns a 55 pct interest in Standard Oil.

 Reuter
&#3;
";

const DOWNGRADE: &str = "USX &lt;X> DEBT DOWGRADED BY MOODY'S
26-FEB-1987 15:15:40.12

Moody's Investors Service Inc said it
lowered the debt and preferred stock ratings of USX Corp and
its units. About seven billion dlrs of securities is affected.
    Ratings lowered include those on USX's senior debt to BA-1
from BAA-3.
 Reuter
&#3;
";

const FUTURES: &str = "CONFIDENCE IN OPEC FIRMS U.S. ENERGY FUTURES
5-MAR-1987 16:21:25.25

Renewed confidence in OPEC's ability to
limit production helped U.S. energy futures settle above
yesterday's closing prices, according to analysts.
    They also said the heating oil contract found additional
support from a short-covering rally on the close.
 Reuter
&#3;
";

const EARNINGS: &str = "ROSS STORES INC &lt;ROST> 4TH QTR JAN 31 LOSS
25-MAR-1987 12:06:05.30

Shr loss 1.30 dlrs vs profit 29 cts
    Net loss 33.4 mln vs profit 7,386,000
    Sales 168.2 mln vs 128.4 mln
    NOTE: Latest year net both periods includes 39.4 mln dlr
provision for closing 25 underperforming stores.
 Reuter
&#3;
";

const RIGHTS: &str = "BHP TO FLOAT GOLD UNIT WITH ONE-FOR-THREE ISSUE
5-MAR-1987 03:30:04.68

The Broken Hill Pty Co Ltd said it plans a renounceable
one-for-three issue of rights to float a new gold company.
    In a statement BHP said the 25-cent par rights would be
priced at 50 cents for 430 mln of the new shares on offer.
BHP will subscribe for the remaining 540 mln shares, or 56 pct
of issued capital, on the same terms.
 REUTER
&#3;
";

const SUGAR: &str = "U.S. SUGAR IMPORTS DOWN IN WEEK - USDA
26-FEB-1987 15:51:28.42

Sugar imports subject to the U.S.
sugar import quota during the week ended January 9 totaled 5,988
short tons, the Agriculture Department said.
 Reuter
&#3;
";

/// The wire's articles in one folder, as the Reuters files share one.
fn wire() -> Workspace {
    let ws = Workspace::empty();
    for (name, text) in [
        ("00002.txt", VENTURE),
        ("00008.txt", DOWNGRADE),
        ("02449.txt", FUTURES),
        ("09399.txt", EARNINGS),
        ("01918.txt", RIGHTS),
        ("00046.txt", SUGAR),
    ] {
        ws.write(&format!("reuters/{name}"), text);
    }
    ws
}

fn clean_json(ws: &Workspace, file: &str) -> Value {
    let out = ws
        .cmd(&[
            "clean",
            "--format",
            "jsonl",
            &format!("corpus/reuters/{file}"),
        ])
        .output()
        .expect("run");
    assert_eq!(out.status.code(), Some(0));
    serde_json::from_slice(&out.stdout).expect("one JSON object")
}

/// `(line, reason)` of each line `clean` removed.
fn removed(article: &Value) -> Vec<(u64, String)> {
    article["removed"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|r| {
            let reason = r["reason"].as_str().unwrap_or_default().to_string();
            (r["line"].as_u64().unwrap_or(0), reason)
        })
        .collect()
}

fn found(ws: &Workspace, query: &str) -> Vec<(String, u64)> {
    let (result, code) = ws.search_json(&[query, "--all"]);
    assert_eq!(code, 0, "{query}: {result}");
    places(&result)
}

#[test]
fn a_lede_starting_on_a_short_line_is_kept_whole() {
    let a = clean_json(&wire(), "00002.txt");
    let body = a["body"].as_str().unwrap_or_default();
    assert!(
        body.starts_with(
            "Standard Oil Co and BP North America Inc said they plan to form a venture"
        ),
        "{body}"
    );
    assert_eq!(
        removed(&a),
        [
            (1, "title".to_string()),
            (2, "dateline".to_string()),
            (10, "repeated across site".to_string()),
            (11, "control character".to_string()),
        ]
    );
}

#[test]
fn a_phrase_over_the_wrap_of_a_lede_finds_its_article_on_its_first_line() {
    let ws = wire();
    assert_eq!(
        found(&ws, "\"said it lowered the debt\""),
        [("00008.txt".to_string(), 4)]
    );
    assert_eq!(
        found(&ws, "\"ability to limit production\""),
        [("02449.txt".to_string(), 4)]
    );
    assert_eq!(
        found(&ws, "\"Standard Oil Co and BP North America Inc said\""),
        [("00002.txt".to_string(), 4)]
    );
}

#[test]
fn the_rows_of_an_earnings_table_above_its_note_are_indexed() {
    let ws = wire();
    assert_eq!(found(&ws, "\"shr loss\""), [("09399.txt".to_string(), 4)]);
    assert_eq!(
        found(&ws, "\"net loss 33.4 mln\""),
        [("09399.txt".to_string(), 5)]
    );
}

#[test]
fn a_sentence_with_a_chrome_word_is_kept() {
    let ws = wire();
    assert_eq!(
        found(&ws, "\"subscribe for the remaining 540 mln shares\""),
        [("01918.txt".to_string(), 8)]
    );
}

#[test]
fn the_dateline_is_the_date_of_the_article() {
    let ws = wire();
    let a = clean_json(&ws, "02449.txt");
    assert_eq!(a["date"], "1987-03-05");
    assert!(removed(&a).contains(&(2, "dateline".to_string())));
    // A date in the body ("the week ended January 9") is never the article's.
    assert_eq!(clean_json(&ws, "00046.txt")["date"], "1987-02-26");
}

#[test]
fn a_wire_headline_keeps_its_last_word_searchable_and_names_no_source() {
    let ws = wire();
    let a = clean_json(&ws, "00046.txt");
    assert_eq!(a["title"], "U.S. SUGAR IMPORTS DOWN IN WEEK - USDA");
    assert_eq!(a["source"], Value::Null);
    let hits = found(&ws, "title:usda");
    assert_eq!(hits.first(), Some(&("00046.txt".to_string(), 1)));
    assert!(hits.iter().all(|(file, _)| file == "00046.txt"), "{hits:?}");
}

#[test]
fn a_quote_is_cited_to_the_line_of_its_first_word() {
    let ws = wire();
    let line_of = |quote: &str| {
        let out = ws
            .cmd(&["quote", quote, "--format", "json"])
            .output()
            .expect("run");
        let result: Value = serde_json::from_slice(&out.stdout).expect("JSON");
        places(&result).first().cloned()
    };
    assert_eq!(
        line_of("Standard Oil Co and BP North America Inc said they plan to form a venture"),
        Some(("00002.txt".to_string(), 4))
    );
    assert_eq!(
        line_of("lowered the debt and preferred stock ratings of USX Corp and its units"),
        Some(("00008.txt".to_string(), 5))
    );
    assert_eq!(
        line_of("support from a short-covering rally on the close"),
        Some(("02449.txt".to_string(), 8))
    );
}

#[test]
fn a_wire_headline_in_capitals_is_the_title_whatever_its_references_and_last_dot() {
    let ws = Workspace::empty();
    ws.write(
        "a.txt",
        "ECONOMIC SPOTLIGHT - BANKAMERICA &lt;BAC>\n26-FEB-1987 15:01:01.79\n\nBankAmerica Corp is not under pressure to act quickly on its proposed sale of\nits unit, the bank said.\n",
    );
    ws.write(
        "b.txt",
        "CHINA CALLS FOR BETTER TRADE DEAL WITH U.S.\n26-FEB-1987 15:01:01.79\n\nChina called on the United States to remove curbs on its exports, the\nofficial news agency said.\n",
    );
    let out = ws
        .cmd(&["clean", "--format", "jsonl", "corpus/a.txt", "corpus/b.txt"])
        .output()
        .expect("run");
    let articles: Vec<Value> = String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(
        articles[0]["title"],
        "ECONOMIC SPOTLIGHT - BANKAMERICA <BAC>"
    );
    assert_eq!(articles[0]["source"], Value::Null);
    assert_eq!(
        articles[1]["title"],
        "CHINA CALLS FOR BETTER TRADE DEAL WITH U.S."
    );
}

#[test]
fn a_dateline_under_a_heading_the_site_repeats_dates_the_story_and_is_not_its_title() {
    let ws = Workspace::empty();
    let towns = [
        "Bogota", "Santos", "Kampala", "Nairobi", "Lima", "Quito", "Accra", "Abidjan", "Lagos",
        "Douala", "Hanoi", "Jakarta",
    ];
    for (i, town) in towns.iter().enumerate() {
        ws.write(
            &format!("wire/{i:05}.txt"),
            format!(
                "MARKET REPORT\n {}-MAR-1987 10:0{}:00.00\n\nCoffee exporters met in {town} on Thursday to\ndiscuss quotas for the coming season, officials said.\n",
                i + 2,
                i % 10
            ),
        );
    }
    let (result, code) = ws.search_json(&["exporters", "--all"]);
    assert_eq!(code, 0, "{result}");
    let hits = result["hits"].as_array().expect("hits");
    assert_eq!(hits.len(), towns.len(), "{result}");
    for hit in hits {
        let title = hit["title"].as_str().unwrap_or_default();
        assert!(
            !title.contains("-MAR-1987"),
            "a dateline as the title: {hit}"
        );
        assert!(
            hit["date"]
                .as_str()
                .is_some_and(|d| d.starts_with("1987-03-")),
            "{hit}"
        );
    }
}

/// A short story: too few wrapped lines to show the wrap, its lede opening on a short line.
const ACQUISITION: &str = "OCCIDENTAL &lt;OXY> SELLS UNIT TO &lt;HENKEL KGAA>
31-MAR-1987 12:31:28.41

Henkel KGaA of Dusseldorf, West
Germany, said it has completed the acquisition of the Process
Chemicals Division of Occidental Petroleum Corp's &lt;OXY>
Occidental Chemical Corp subsidiary for undisclosed terms.
    Process Chemicals, acquired from Diamond Shamrock Corp
&lt;DIA> in September, makes specialty chemicals for a variety of
industrial markets and has annual sales of about 160 mln dlrs.
 Reuter
&#3;
";

/// A lede opening on a title and a name, every word capitalised, as a teaser's headline is.
const CERTIFICATES: &str = "PIK CERTIFICATES IN EYE OF U.S. BUDGET STORM
26-MAR-1987 18:19:35.73

Senate Agriculture Committee
Chairman Patrick Leahy (D-Vt.) said Congress would consider
limiting the use of generic commodity certificates as a means
of cutting government spending.
     \"I suspect that as we go into some of the budget debates
we're going to have on the floor, this is going to be part of
it,\" Leahy said.
 Reuter
&#3;
";

#[test]
fn the_lede_after_the_dateline_is_kept_in_a_short_story_and_under_capitalised_names() {
    let ws = Workspace::empty();
    ws.write("reuters/11465.txt", ACQUISITION);
    ws.write("reuters/10239.txt", CERTIFICATES);
    let a = clean_json(&ws, "11465.txt");
    let body = a["body"].as_str().unwrap_or_default();
    assert!(
        body.starts_with("Henkel KGaA of Dusseldorf, West Germany, said it has completed"),
        "{body}"
    );
    // Nothing of the story (lines 4 to 10) is removed.
    let story_removed: Vec<(u64, String)> = removed(&a)
        .into_iter()
        .filter(|(line, _)| (4..=10).contains(line))
        .collect();
    assert_eq!(story_removed, []);
    let b = clean_json(&ws, "10239.txt");
    assert!(
        b["body"]
            .as_str()
            .unwrap_or_default()
            .starts_with("Senate Agriculture Committee Chairman Patrick Leahy (D-Vt.) said"),
        "{b}"
    );
    assert_eq!(
        found(&ws, "\"Henkel KGaA of Dusseldorf\""),
        [("11465.txt".to_string(), 4)]
    );
    assert_eq!(
        found(&ws, "\"Committee Chairman Patrick Leahy\""),
        [("10239.txt".to_string(), 4)]
    );
}

#[test]
fn a_wire_headline_with_a_plural_in_lower_case_names_no_source() {
    let ws = Workspace::empty();
    ws.write(
        "reuters/07135.txt",
        "ECONOMIC SPOTLIGHT - U.S. DEFICIT WITH NICs\n19-MAR-1987 10:42:17.15\n\nThe U.S. trade deficit with Taiwan and\nKorea is expected to widen this year, despite some economic and\ncurrency adjustments by the two newly industrialized countries,\neconomists said.\n Reuter\n&#3;\n",
    );
    let a = clean_json(&ws, "07135.txt");
    assert_eq!(a["title"], "ECONOMIC SPOTLIGHT - U.S. DEFICIT WITH NICs");
    assert_eq!(a["source"], Value::Null);
    let hits = found(&ws, "title:nics");
    assert_eq!(hits.first(), Some(&("07135.txt".to_string(), 1)));
}

#[test]
fn references_of_escaped_wire_text_are_decoded_and_keep_lines_and_highlights() {
    let ws = wire();
    let a = clean_json(&ws, "00002.txt");
    assert_eq!(a["title"], "STANDARD OIL <SRD> TO FORM FINANCIAL UNIT");
    let body = a["body"].as_str().unwrap_or_default();
    assert!(
        body.contains("British Petroleum Co Plc <BP>, which"),
        "{body}"
    );
    assert!(!body.contains("&lt;"), "{body}");
    // The reference's letters are no word of the story.
    let (result, code) = ws.search_json(&["lt", "--all"]);
    assert_eq!(code, 1, "{result}");
    // The passage is cited at its first line and the phrase marked in the decoded text.
    let (result, code) = ws.search_json(&["\"Plc BP\""]);
    assert_eq!(code, 0, "{result}");
    assert_eq!(places(&result), [("00002.txt".to_string(), 7)]);
    let hit = &result["hits"][0];
    let text = hit["text"].as_str().unwrap_or_default();
    let marked: Vec<&str> = hit["highlights"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|h| {
            let (start, end) = (h[0].as_u64()? as usize, h[1].as_u64()? as usize);
            text.get(start..end)
        })
        .collect();
    assert_eq!(marked, ["Plc <BP"]);
    // A quote is cited to the line where its first word stands.
    let out = ws
        .cmd(&[
            "quote",
            "Plc <BP>, which also owns a 55 pct interest",
            "--format",
            "json",
        ])
        .output()
        .expect("run");
    let quoted: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    assert_eq!(places(&quoted).first(), Some(&("00002.txt".to_string(), 8)));
}

#[test]
fn a_text_that_shows_a_reference_keeps_it_as_written() {
    let ws = Workspace::empty();
    let text = "Writing markup by hand\n\nIn HTML, a page writes &lt; where it means the sign <, and AT&T writes its name with a bare ampersand in plain text.\n";
    ws.write("reuters/markup.txt", text);
    let a = clean_json(&ws, "markup.txt");
    assert_eq!(
        a["body"],
        "In HTML, a page writes &lt; where it means the sign <, and AT&T writes its name with a bare ampersand in plain text."
    );
}
