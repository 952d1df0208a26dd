//! An HTML page's publication date, from its structured metadata.
//!
//! The date a page's markup states for the article is preferred to any date in its prose, which
//! may be a history sentence or a bond's maturity: first `article:published_time` and its
//! kin, then JSON-LD `datePublished` (parsed, the article's node before the page's, inside
//! `@graph` arrays too), then the common `<meta>` date names. Every date is checked against the
//! calendar; a page whose markup states none gets a date from its prose only where the prose says
//! it is the publication date ("Published March 3, 2021"), else none: a wrong date is worse
//! than no date, since researchers chart mentions over time.

use scraper::{Html, Selector};
use serde_json::Value;

/// `YYYY-MM-DD` when `y-m-d` is a day of the calendar (no 31 February), with a plausible year.
pub(super) fn ymd(y: u32, m: u32, d: u32) -> Option<String> {
    if !(1900..=2100).contains(&y) {
        return None;
    }
    chrono::NaiveDate::from_ymd_opt(i32::try_from(y).ok()?, m, d)?;
    Some(format!("{y:04}-{m:02}-{d:02}"))
}

/// The calendar date at the start of an ISO 8601 value (`2021-03-04T10:00:00Z`), as written:
/// the page's own day, not converted to another time zone.
pub(super) fn iso_prefix(value: &str) -> Option<String> {
    let v = value.trim();
    let head = v.get(..10)?;
    let b = head.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<u32> {
        let s = head.get(r)?;
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    // The date stands alone or is followed by a time.
    if v.len() > 10 && !v[10..].starts_with(['T', ' ', 't']) {
        return None;
    }
    ymd(num(0..4)?, num(5..7)?, num(8..10)?)
}

/// `<meta>` properties and names that state when the article was first published.
const PUBLISHED_META: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "article:first_published_time",
];

/// Other `<meta>` names for the publication date, less often set to something else.
const OTHER_META: &[&str] = &[
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.created",
    "sailthru.date",
    "parsely-pub-date",
    "citation_publication_date",
    "citation_date",
    "og:publish_date",
    "published",
    "date-pub",
];

/// The publication date the page's markup states, if any.
pub(super) fn structured_date(doc: &Html) -> Option<String> {
    meta_date(doc, PUBLISHED_META)
        .or_else(|| json_ld_date(doc))
        .or_else(|| meta_date(doc, OTHER_META))
        .or_else(|| attr_date(doc, "[itemprop=datePublished][datetime]", "datetime"))
        .or_else(|| attr_date(doc, "time[datetime]", "datetime"))
}

/// A date value as markup writes it: ISO 8601 most often, else a full date in words
/// ("Feb 08, 2022", "Thu, 25 Sep 2025 10:00:00 GMT").
fn date_value(value: &str) -> Option<String> {
    iso_prefix(value).or_else(|| super::meta::find_date(value))
}

/// The date in the `attr` of the first element `css` selects that has one.
fn attr_date(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr))
        .find_map(date_value)
}

/// The first calendar date in a `<meta>` whose property, name or itemprop is one of `names`
/// (matched without regard to case), in the order of `names`.
fn meta_date(doc: &Html, names: &[&str]) -> Option<String> {
    let sel = Selector::parse("meta[content]").ok()?;
    let metas: Vec<(String, &str)> = doc
        .select(&sel)
        .filter_map(|m| {
            let el = m.value();
            let key = el
                .attr("property")
                .or_else(|| el.attr("name"))
                .or_else(|| el.attr("itemprop"))?;
            Some((key.to_ascii_lowercase(), el.attr("content")?))
        })
        .collect();
    names.iter().find_map(|name| {
        metas
            .iter()
            .filter(|(k, _)| k == name)
            .find_map(|(_, v)| date_value(v))
    })
}

/// JSON-LD `datePublished`: of an article's node (`NewsArticle`, `BlogPosting`, ...) first,
/// else of the page's (`WebPage`).
fn json_ld_date(doc: &Html) -> Option<String> {
    let sel = Selector::parse(r#"script[type="application/ld+json"]"#).ok()?;
    let mut page_date = None;
    for script in doc.select(&sel) {
        let json: String = script.text().collect();
        let Ok(value) = serde_json::from_str::<Value>(json.trim()) else {
            continue;
        };
        // Nodes in document order; an explicit stack, as JSON-LD can nest deeply.
        let mut stack = vec![&value];
        while let Some(node) = stack.pop() {
            match node {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    let date = map
                        .get("datePublished")
                        .and_then(Value::as_str)
                        .and_then(date_value);
                    if let Some(date) = date {
                        match node_kind(map.get("@type")) {
                            Kind::Article => return Some(date),
                            Kind::Page => {
                                page_date.get_or_insert(date);
                            }
                            Kind::Other => {}
                        }
                    }
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                }
                _ => {}
            }
        }
    }
    page_date
}

enum Kind {
    Article,
    Page,
    Other,
}

/// Whether a JSON-LD `@type` (a name or a list of names) is an article, a web page or other.
fn node_kind(types: Option<&Value>) -> Kind {
    let names: Vec<&str> = match types {
        Some(Value::String(s)) => vec![s.as_str()],
        Some(Value::Array(a)) => a.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if names.iter().any(|n| {
        n.ends_with("Article") || n.ends_with("Posting") || n.ends_with("Report") || *n == "Blog"
    }) {
        Kind::Article
    } else if names.iter().any(|n| n.ends_with("Page")) {
        Kind::Page
    } else {
        Kind::Other
    }
}

/// Characters of the page's text, from the headline on, in which its byline date stands.
const BYLINE_AFTER: usize = 400;
/// Characters just before the headline searched when none follows it ("Blog · March 3, 2024"
/// above the headline).
const BYLINE_BEFORE: usize = 200;

/// Characters after a byline's first date in which its other dates stand ("Published March 3,
/// 2021 · Updated May 5, 2024"): further on, a date belongs to the story.
const BYLINE_SPAN: usize = 100;

/// Characters of the longest block that is part of a byline ("Updated on February 9, 2026").
const BYLINE_PART: usize = 50;

/// A date the page shows beside its headline, and whether the page says it is the date of an
/// update.
pub(super) struct BylineDate {
    pub(super) date: String,
    pub(super) updated: bool,
}

/// The date the page shows beside its headline, the one a reader takes for the article's:
/// found from the headline on (within [`BYLINE_AFTER`] characters of the page's blocks, `texts`,
/// in document order), else the last in the [`BYLINE_BEFORE`] characters before it. Of a
/// byline's dates the earliest not labelled as an update is taken ("May 3, 2021 · Updated
/// June 1, 2024" is from 3 May 2021); a byline that shows only an update's date gives that, so
/// marked. `None` when the headline is not among the blocks or no date stands near it.
pub(super) fn byline_date(texts: &[&str], headline: &str) -> Option<BylineDate> {
    let squeeze = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let headline = squeeze(headline);
    if headline.is_empty() {
        return None;
    }
    let squeezed: Vec<String> = texts.iter().map(|t| squeeze(t)).collect();
    let at = squeezed
        .iter()
        .position(|t| *t == headline)
        .or_else(|| squeezed.iter().position(|t| t.contains(&headline)))?;
    let mut after = String::new();
    for text in &squeezed[at..] {
        after.push_str(text);
        after.push('\n');
        if after.len() >= BYLINE_AFTER * 4 {
            break;
        }
    }
    let window = first_chars(&after, BYLINE_AFTER);
    let mut dates = super::meta::dates_in(window);
    if dates.is_empty() {
        let before = squeezed[..at].join("\n");
        let window = last_chars(&before, BYLINE_BEFORE);
        let mut dates = super::meta::dates_in(window);
        let (span, date) = dates.pop()?;
        let since = dates.last().map_or(0, |(s, _)| s.end);
        return Some(BylineDate {
            updated: says_updated(&window[since..span.start]),
            date,
        });
    }
    // The byline's dates: those near the first, in its block or in short blocks after it (a
    // byline set out in several elements); a date in a paragraph of the story is not one.
    let first = dates.first().map_or(0, |(s, _)| s.start);
    dates.retain(|(span, _)| {
        let block_start = window[..span.start].rfind('\n').map_or(0, |n| n + 1);
        let block_end = window[span.end..]
            .find('\n')
            .map_or(window.len(), |n| span.end + n);
        span.start <= first + BYLINE_SPAN
            && (block_start <= first
                || window[block_start..block_end].chars().count() <= BYLINE_PART)
    });
    // Each date's label stands between it and the date before it.
    let mut since = 0;
    let mut labelled = Vec::with_capacity(dates.len());
    for (span, date) in dates {
        labelled.push((says_updated(&window[since..span.start]), date));
        since = span.end;
    }
    let original = labelled
        .iter()
        .filter(|(updated, _)| !updated)
        .map(|(_, date)| date)
        .min();
    match original {
        Some(date) => Some(BylineDate {
            date: date.clone(),
            updated: false,
        }),
        None => labelled.into_iter().next().map(|(_, date)| BylineDate {
            date,
            updated: true,
        }),
    }
}

/// Words that, just before a date, say it is when the article was changed rather than first
/// published, in the languages [`super::meta::find_date`] reads.
const UPDATE_LABELS: &[&str] = &[
    "updated",
    "update",
    "modified",
    "edited",
    "aktualisiert",
    "geändert",
    "mis à jour",
    "mise à jour",
    "modifié",
    "actualizado",
    "actualización",
    "aggiornato",
    "atualizado",
    "bijgewerkt",
    "обновлено",
];

/// Whether the text just before a date (`before` ends where the date starts) labels it as an
/// update's: one of [`UPDATE_LABELS`] in its last 30 characters.
fn says_updated(before: &str) -> bool {
    let tail = last_chars(before, 30).to_lowercase();
    UPDATE_LABELS.iter().any(|label| tail.contains(label))
}

/// The first `n` characters of `text`.
fn first_chars(text: &str, n: usize) -> &str {
    text.char_indices()
        .nth(n)
        .map_or(text, |(at, _)| &text[..at])
}

/// The last `n` characters of `text`.
fn last_chars(text: &str, n: usize) -> &str {
    let start = text
        .char_indices()
        .rev()
        .nth(n.saturating_sub(1))
        .map_or(0, |(at, _)| at);
    &text[start..]
}

/// The date in the path of the page's own address (its canonical link or `og:url`):
/// `/2025/12/19/slug`, `/2025-12-17-slug`. Blogs and news sites write the publication day there.
pub(super) fn url_date(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let segments: Vec<&str> = path.split('/').collect();
    let number = |s: &str, max_len: usize| {
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
    };
    for (i, segment) in segments.iter().enumerate() {
        if segment.len() == 4 {
            let y = number(segment, 4);
            let m = segments.get(i + 1).and_then(|s| number(s, 2));
            let d = segments.get(i + 2).and_then(|s| number(s, 2));
            if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                return ymd(y, m, d);
            }
        }
        if segment.len() >= 10 && (segment.len() == 10 || segment.as_bytes()[10] == b'-') {
            if let Some(date) = segment.get(..10).and_then(iso_prefix) {
                return Some(date);
            }
        }
    }
    None
}

/// Words that, just before a date in the visible text, say it is the article's date.
const DATE_LABELS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last updated",
    "published on",
    "posted on",
    "updated on",
    "date",
];

/// A date from a short line of prose that labels it as the article's ("Published: 3 May 2021",
/// "Updated on March 3, 2021"), or, when `bare` is allowed, a line that is nothing but a date.
pub(super) fn labelled_date(line: &str, bare: bool) -> Option<String> {
    let t = line.trim();
    if t.len() > 80 {
        return None;
    }
    let date = super::meta::find_date(t)?;
    let lower = t.to_lowercase();
    let labelled = DATE_LABELS.iter().any(|l| {
        lower
            .strip_prefix(l)
            .is_some_and(|rest| rest.starts_with([' ', ':']))
    });
    // A line that holds only the date and its weekday, separators and time.
    let only_date = bare
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.chars().all(|c| c.is_ascii_digit())
                    || super::meta::MONTHS
                        .iter()
                        .any(|m| m.starts_with(w) && w.len() >= 3)
                    || [
                        "monday",
                        "tuesday",
                        "wednesday",
                        "thursday",
                        "friday",
                        "saturday",
                        "sunday",
                        "st",
                        "nd",
                        "rd",
                        "th",
                        "am",
                        "pm",
                        "at",
                        "sept",
                    ]
                    .contains(&w)
            });
    (labelled || only_date).then_some(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(head: &str) -> Html {
        Html::parse_document(&format!(
            "<html><head>{head}</head><body><p>On 30 January 1945 the ship sank.</p></body></html>"
        ))
    }

    #[test]
    fn impossible_calendar_dates_are_refused() {
        assert_eq!(ymd(2023, 2, 31), None);
        assert_eq!(ymd(2024, 2, 29).as_deref(), Some("2024-02-29"));
        assert_eq!(ymd(1, 1, 1), None);
        assert_eq!(iso_prefix("0001-01-01T00:00:00Z"), None);
        assert_eq!(iso_prefix("2023-02-31"), None);
        assert_eq!(
            iso_prefix("2021-03-04T23:30:00-05:00").as_deref(),
            Some("2021-03-04")
        );
        assert_eq!(iso_prefix("2021-03-045"), None);
    }

    #[test]
    fn prose_dates_are_checked_against_the_calendar() {
        assert_eq!(super::super::meta::find_date("February 31, 2023"), None);
        assert_eq!(super::super::meta::find_date("0001-01-01"), None);
        assert_eq!(
            super::super::meta::find_date("February 28, 2023").as_deref(),
            Some("2023-02-28")
        );
    }

    #[test]
    fn json_ld_is_parsed_and_the_article_node_wins() {
        let doc = page(
            r#"<script type="application/ld+json">{"@context":"https://schema.org","@graph":[
            {"@type":"WebSite","datePublished":"2010-01-01"},
            {"@type":"WebPage","datePublished":"2019-11-18T08:00:00Z"},
            {"@type":["NewsArticle"],"headline":"x","datePublished":"2019-11-19T10:00:00Z"}]}
            </script>"#,
        );
        assert_eq!(structured_date(&doc).as_deref(), Some("2019-11-19"));
    }

    #[test]
    fn a_page_node_dates_a_page_without_an_article_node() {
        let doc = page(
            r#"<script type="application/ld+json">[{"@type":"Organization","datePublished":"2001-01-01"},
            {"@type":"WebPage","datePublished":"2019-11-18"}]</script>"#,
        );
        assert_eq!(structured_date(&doc).as_deref(), Some("2019-11-18"));
    }

    #[test]
    fn published_time_meta_comes_before_other_names() {
        let doc = page(
            r#"<meta name="date" content="2020-01-01"><meta property="article:published_time" content="2021-03-04T10:00:00Z">"#,
        );
        assert_eq!(structured_date(&doc).as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn no_markup_no_date_from_the_prose() {
        assert_eq!(structured_date(&page("")), None);
    }

    fn byline(texts: &[&str], headline: &str) -> Option<(String, bool)> {
        byline_date(texts, headline).map(|b| (b.date, b.updated))
    }

    #[test]
    fn the_date_beside_the_headline_is_the_byline_date() {
        let texts = [
            "Blog",
            "How to rent a car",
            "By Jane Doe · September 8, 2021 · 5 min read",
            "On 30 January 1945 the ship sank off the coast, and divers have found it now.",
        ];
        assert_eq!(
            byline(&texts, "How to rent a car"),
            Some(("2021-09-08".to_string(), false))
        );
        assert_eq!(byline(&texts, "A headline the page does not show"), None);
    }

    #[test]
    fn a_date_just_above_the_headline_dates_it_when_none_follows() {
        let texts = [
            "Archive 2019",
            "Blog · December 17, 2025",
            "Stop nesting",
            "No date here.",
        ];
        assert_eq!(
            byline(&texts, "Stop nesting"),
            Some(("2025-12-17".to_string(), false))
        );
    }

    #[test]
    fn of_a_bylines_dates_the_earliest_not_an_update_is_taken() {
        let texts = ["Headline", "Published Apr 26, 2023 Updated Aug 21, 2025"];
        assert_eq!(
            byline(&texts, "Headline"),
            Some(("2023-04-26".to_string(), false))
        );
        let texts = [
            "Headline",
            "Updated on February 9, 2026 · July 4, 2025 by Alec",
        ];
        assert_eq!(
            byline(&texts, "Headline"),
            Some(("2025-07-04".to_string(), false))
        );
        let texts = [
            "Headline",
            "Last updated: Dec 4, 2025 · Zuletzt aktualisiert",
        ];
        assert_eq!(
            byline(&texts, "Headline"),
            Some(("2025-12-04".to_string(), true))
        );
    }

    #[test]
    fn a_date_in_the_story_far_from_the_byline_is_not_the_bylines() {
        let story = "A sentence of the story that goes on for a while before a date. ".repeat(2);
        let texts = [
            "Headline".to_string(),
            "By Ann, May 3, 2021".to_string(),
            format!("{story} In a letter of January 5, 1990 the firm said so."),
        ];
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        assert_eq!(
            byline(&texts, "Headline"),
            Some(("2021-05-03".to_string(), false))
        );
    }

    #[test]
    fn the_date_in_the_pages_address_is_read() {
        let cases = [
            (
                "https://blog.rust-lang.org/2025/12/19/what-do-people-love",
                Some("2025-12-19"),
            ),
            (
                "https://lmsys.org/blog/2025-12-17-minisgl",
                Some("2025-12-17"),
            ),
            ("https://example.com/2025/12/", None),
            ("https://example.com/2025/13/40/x", None),
            ("https://arxiv.org/abs/2512.16245", None),
            ("https://example.com/p/x?d=2025/12/19/", None),
        ];
        for (url, date) in cases {
            assert_eq!(url_date(url).as_deref(), date, "{url}");
        }
    }

    #[test]
    fn only_labelled_or_bare_dates_date_the_article() {
        assert_eq!(
            labelled_date("Published: March 3, 2021", false).as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(
            labelled_date("Tuesday, 3 March 2021", true).as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(labelled_date("Tuesday, 3 March 2021", false), None);
        assert_eq!(
            labelled_date("On 30 January 1945 the ship sank.", true),
            None
        );
        assert_eq!(labelled_date("Published February 31, 2023", true), None);
    }
}
