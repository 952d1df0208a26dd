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
