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
pub(super) fn date_value(value: &str) -> Option<String> {
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
