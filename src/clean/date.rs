//! An HTML page's publication date, from independent signals that must agree.
//!
//! The signals are the date the byline shows beside the headline, the markup's published and
//! modified dates (`article:published_time` and its kin, JSON-LD `datePublished` and
//! `dateModified` of the article's node before the page's, inside `@graph` arrays and a page's
//! `mainEntity` too, the common `<meta>` names, `<time datetime>`), the date in the page's
//! address and a date its prose labels as the publication's ("Published March 3, 2021",
//! "Veröffentlicht am 3. März 2021"); a date in the prose of the
//! story (a history sentence, a bond's maturity) is never one. Every date is checked against the
//! calendar. Where strong signals disagree and the page does not settle which is the
//! publication, no date is given ([`article_date`]): a wrong date is worse than none, since
//! researchers chart mentions over time.

use std::ops::Range;

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
    "og:article:published_time",
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
    // Names other templates and vocabularies use (htmldate reads them too): Dublin Core's
    // spellings, Parse.ly's, Cxense's, rNews', Shareaholic's and sites' own.
    "date_published",
    "published-date",
    "publication_date",
    "pub_date",
    "article.published",
    "article:publicationdate",
    "article_date_original",
    "originalpublicationdate",
    "bt:pubdate",
    "dateposted",
    "datecreated",
    "dc.date.created",
    "dc.date.publication",
    "dc.created",
    "dc:date",
    "dc:created",
    "dcterms.issued",
    "rnews:datepublished",
    "cxenseparse:recs:publishtime",
    "shareaholic:article_published_time",
    "article.created",
    "dc.issued",
];

/// A publication date as the markup writes it: the day written, and the day in UTC where the
/// value carries a time and an offset that put it on another day (`2025-07-04T20:04:00-04:00`
/// is 5 July in UTC). Pages show the day written; some labels follow UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct Stamp {
    pub(super) local: String,
    pub(super) utc: Option<String>,
}

impl Stamp {
    /// Whether `date` is this stamp's day, as written or in UTC.
    pub(super) fn is(&self, date: &str) -> bool {
        self.local == date || self.utc.as_deref() == Some(date)
    }
}

/// The dates a page's markup states for its article.
#[derive(Debug, Default)]
pub(super) struct MarkupDates {
    /// When the article was first published.
    pub(super) published: Option<Stamp>,
    /// When it was last changed (`article:modified_time`, JSON-LD `dateModified`).
    pub(super) modified: Option<String>,
    /// Where the markup states when the article was published.
    pub(super) published_in: PublishedIn,
    /// Which comes first in a date in figures, by the locale the page declares.
    pub(super) order: DayOrder,
    /// The language the page declares (`hr` of `hr-HR`), lower-cased: it settles a month's
    /// name two languages read differently.
    pub(super) language: Option<String>,
}

/// Which of day and month a page writes first in a date in figures (`03/01/2017`), as its
/// declared locale says.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum DayOrder {
    /// The day: every language but English writes day, month, year where the year is last, and
    /// so do Britain and most of the Commonwealth.
    DayFirst,
    /// The month: American and Filipino English.
    MonthFirst,
    /// No locale, or English without a region (templates write `lang="en"` on both sides of
    /// the Atlantic), or Canadian English, which writes both.
    #[default]
    Unknown,
}

/// English-speaking regions whose dates in figures put the day first.
const DAY_FIRST_ENGLISH: &[&str] = &[
    "gb", "uk", "ie", "au", "nz", "in", "za", "sg", "my", "ng", "ke", "pk", "hk", "mt", "jm",
];

/// The day order of a locale as pages declare it (`<html lang="en-GB">`, `og:locale` `fr_FR`).
pub(super) fn day_order(locale: &str) -> DayOrder {
    let locale = locale.trim().to_ascii_lowercase().replace('_', "-");
    let mut parts = locale.split('-');
    let language = parts.next().unwrap_or("");
    let region = parts.find(|p| p.len() == 2).unwrap_or("");
    match language {
        "en" if matches!(region, "us" | "ph") => DayOrder::MonthFirst,
        "en" if DAY_FIRST_ENGLISH.contains(&region) => DayOrder::DayFirst,
        // Filipino writes month first; Chinese, Japanese, Korean, Hungarian, Lithuanian and
        // Persian put the year first, so a two-way date there is nobody's convention.
        "en" | "fil" | "tl" | "zh" | "ja" | "ko" | "hu" | "lt" | "fa" | "" => DayOrder::Unknown,
        l if l.len() == 2 || l.len() == 3 => DayOrder::DayFirst,
        _ => DayOrder::Unknown,
    }
}

/// Where a page's markup states its publication date.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(super) enum PublishedIn {
    /// Only in the Open Graph `article:published_time` (and its kin).
    OpenGraph,
    /// In the Open Graph `article:published_time` and in JSON-LD `datePublished`.
    OpenGraphAndJsonLd,
    /// In JSON-LD `datePublished` or a generic `<meta>` (`date`, `parsely-pub-date`), not in
    /// Open Graph.
    JsonLdOrMeta,
    /// Only in page elements (`itemprop=datePublished`, `<time datetime>`), or nowhere.
    #[default]
    Elements,
}

/// The dates the page's markup states: the published date from `article:published_time` and
/// its kin, else JSON-LD `datePublished`, else the other `<meta>` names, else
/// `itemprop=datePublished`, else the first `<time datetime>`; the modified date likewise.
pub(super) fn markup_dates(doc: &Html) -> MarkupDates {
    let ld = json_ld_dates(doc);
    let open_graph = meta_date(doc, PUBLISHED_META);
    let other_meta = meta_date(doc, OTHER_META);
    let published_in = match (&open_graph, &ld.published, &other_meta) {
        (Some(_), None, _) => PublishedIn::OpenGraph,
        (Some(_), Some(_), _) => PublishedIn::OpenGraphAndJsonLd,
        (None, Some(_), _) | (None, None, Some(_)) => PublishedIn::JsonLdOrMeta,
        (None, None, None) => PublishedIn::Elements,
    };
    let published = open_graph
        .or(ld.published)
        .or(other_meta)
        .or_else(|| element_date(doc));
    let modified = meta_date(doc, MODIFIED_META)
        .or(ld.modified)
        .map(|s| s.local);
    // The page's own language first: `og:locale` is often a template's default.
    let locale = super::html::select_attr(doc, "html[lang]", "lang")
        .or_else(|| super::html::select_attr(doc, r#"meta[property="og:locale"]"#, "content"));
    let order = locale.as_deref().map_or(DayOrder::Unknown, day_order);
    let language = locale.and_then(|l| {
        let l = l.trim().to_ascii_lowercase();
        let primary = l.split(['-', '_']).next().unwrap_or("");
        (!primary.is_empty()).then(|| primary.to_string())
    });
    MarkupDates {
        published,
        modified,
        published_in,
        order,
        language,
    }
}

/// The publication date the page's markup states, if any (the day as written).
#[cfg(test)]
pub(super) fn structured_date(doc: &Html) -> Option<String> {
    markup_dates(doc).published.map(|s| s.local)
}

/// `<meta>` properties and names that state when the article was last changed.
const MODIFIED_META: &[&str] = &[
    "article:modified_time",
    "og:updated_time",
    "dateModified",
    "last-modified",
    "og:article:modified_time",
    "modified_time",
    "updated_time",
    "dc.modified",
    "dcterms.modified",
];

/// The day of an ISO 8601 value in UTC, when it has a time and an offset: `None` for a date
/// alone or a time without an offset (a local time of unknown zone).
fn utc_day(value: &str) -> Option<String> {
    let v = value.trim();
    let date = iso_prefix(v)?;
    let rest = v.get(11..)?;
    // hh:mm, then seconds and fractions, then the offset.
    let b = rest.as_bytes();
    if b.len() < 5 || b[2] != b':' {
        return None;
    }
    let hour: i64 = rest.get(..2)?.parse().ok()?;
    let minute: i64 = rest.get(3..5)?.parse().ok()?;
    let zone_at = rest[5..].find(['Z', 'z', '+', '-'])? + 5;
    let zone = &rest[zone_at..];
    let offset_minutes: i64 = if zone.eq_ignore_ascii_case("z") {
        0
    } else {
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let digits: String = zone[1..].chars().filter(char::is_ascii_digit).collect();
        if digits.len() != 4 || zone[1..].len() > 5 {
            return None;
        }
        let h: i64 = digits[..2].parse().ok()?;
        let m: i64 = digits[2..].parse().ok()?;
        sign * (h * 60 + m)
    };
    let at_utc = hour * 60 + minute - offset_minutes;
    let (y, m, d) = (
        date[..4].parse().ok()?,
        date[5..7].parse().ok()?,
        date[8..].parse().ok()?,
    );
    let day = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
    let day = match at_utc {
        m if m < 0 => day.pred_opt()?,
        m if m >= 24 * 60 => day.succ_opt()?,
        _ => day,
    };
    use chrono::Datelike;
    ymd(u32::try_from(day.year()).ok()?, day.month(), day.day())
}

/// A markup date value as a [`Stamp`].
fn stamp(value: &str) -> Option<Stamp> {
    let local = date_value(value)?;
    let utc = utc_day(value).filter(|u| *u != local);
    Some(Stamp { local, utc })
}

/// A date value as markup writes it: ISO 8601 most often, else a full date in words
/// ("Feb 08, 2022", "Thu, 25 Sep 2025 10:00:00 GMT").
pub(super) fn date_value(value: &str) -> Option<String> {
    iso_prefix(value)
        .or_else(|| compact_date(value))
        .or_else(|| super::meta::find_date(value))
}

/// A markup value written as the day's figures run together, alone or with the time after
/// (`20260107`, `202601071030`, `20260107103000`, ISO 8601's basic `20260107T103000Z`): in a
/// field that holds a date, nothing else reads so. Ten figures are no such value (a Unix time).
fn compact_date(value: &str) -> Option<String> {
    let v = value.trim();
    let (v, lengths): (&str, &[usize]) = match v.split_once('T') {
        Some((day, time)) if time.starts_with(|c: char| c.is_ascii_digit()) => (day, &[8]),
        Some(_) => return None,
        None => (v, &[8, 12, 14]),
    };
    if !lengths.contains(&v.len()) || !v.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    ymd(
        v[..4].parse().ok()?,
        v[4..6].parse().ok()?,
        v[6..8].parse().ok()?,
    )
}

/// The publication date the page's elements state, from the most explicit markup to the least:
/// microdata's `datePublished` (its `datetime`, its `content`, else its text), a `<time>`
/// marked `pubdate`, microformats' `<abbr class="published" title="...">`, a `<time>` whose
/// class says it is the publication's (WordPress' `entry-date published`), else the
/// `<time datetime>` nearest the headline, else the first of the page (a list of other stories
/// above the headline carries times too).
fn element_date(doc: &Html) -> Option<Stamp> {
    attr_date(doc, "[itemprop=datePublished][datetime]", "datetime")
        .or_else(|| attr_date(doc, "[itemprop=datePublished][content]", "content"))
        .or_else(|| text_date(doc, "[itemprop=datePublished]"))
        .or_else(|| attr_date(doc, "time[pubdate][datetime]", "datetime"))
        .or_else(|| text_date(doc, "time[pubdate]"))
        .or_else(|| attr_date(doc, "abbr.published[title]", "title"))
        .or_else(|| attr_date(doc, "time.published[datetime]", "datetime"))
        .or_else(|| time_nearest_headline(doc))
        .or_else(|| attr_date(doc, "time[datetime]", "datetime"))
}

/// The date of the `<time>` nearest the page's first `<h1>`, in nodes of the document either
/// way: the byline's, above or below the headline, rather than a list of other stories'. Its
/// `datetime`, else its text where that is a short date (`<time>7 декабря 2026</time>`).
fn time_nearest_headline(doc: &Html) -> Option<Stamp> {
    let mut headline = None;
    // Each time with whether its class marks it as the update's (WordPress writes
    // `<time class="updated">` beside `<time class="entry-date">`, in either order).
    let mut times = Vec::new();
    for (at, node) in doc.root_element().descendants().enumerate() {
        let Some(el) = scraper::ElementRef::wrap(node) else {
            continue;
        };
        match el.value().name() {
            "h1" if headline.is_none() => headline = Some(at),
            "time" => {
                let date = el.value().attr("datetime").and_then(stamp);
                if let Some(stamp) = date.or_else(|| short_text_date(el)) {
                    let update = el.value().classes().any(|c| {
                        let c = c.to_ascii_lowercase();
                        c.contains("updated") || c.contains("modified")
                    });
                    times.push((at, update, stamp));
                }
            }
            _ => {}
        }
    }
    let headline = headline?;
    // An update's time is taken only where the page marks no other.
    let any_publication = times.iter().any(|(_, update, _)| !update);
    times
        .into_iter()
        .filter(|(_, update, _)| !(any_publication && *update))
        .min_by_key(|(at, _, _)| at.abs_diff(headline))
        .map(|(_, _, stamp)| stamp)
}

/// The date in the text of the first element `css` selects whose text is a short date.
fn text_date(doc: &Html, css: &str) -> Option<Stamp> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel).find_map(short_text_date)
}

/// The date of an element whose text is a short date ("7 December 2026", "Monday, 7 Dec 2026,
/// 10:32"), not a paragraph that happens to hold one.
fn short_text_date(el: scraper::ElementRef) -> Option<Stamp> {
    let text: String = el.text().collect();
    let text = text.trim();
    if text.chars().count() > 60 {
        return None;
    }
    super::meta::find_date(text).map(|local| Stamp { local, utc: None })
}

/// The date in the `attr` of the first element `css` selects that has one.
fn attr_date(doc: &Html, css: &str, attr: &str) -> Option<Stamp> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr))
        .find_map(stamp)
}

/// The first calendar date in a `<meta>` whose property, name or itemprop is one of `names`
/// (matched without regard to case), in the order of `names`.
fn meta_date(doc: &Html, names: &[&str]) -> Option<Stamp> {
    // Microdata writes its value in `datetime` at times (`<meta itemprop="dateCreated"
    // datetime="...">`).
    let sel = Selector::parse("meta[content], meta[datetime]").ok()?;
    let metas: Vec<(String, &str)> = doc
        .select(&sel)
        .filter_map(|m| {
            let el = m.value();
            let key = el
                .attr("property")
                .or_else(|| el.attr("name"))
                .or_else(|| el.attr("itemprop"))?;
            let value = el.attr("content").or_else(|| el.attr("datetime"))?;
            Some((key.to_ascii_lowercase(), value))
        })
        .collect();
    names.iter().find_map(|name| {
        metas
            .iter()
            .filter(|(k, _)| k.eq_ignore_ascii_case(name))
            .find_map(|(_, v)| stamp(v))
    })
}

/// JSON-LD `datePublished` and `dateModified` of one node: an article's (`NewsArticle`,
/// `BlogPosting`, ...) first, else the page's (`WebPage`).
#[derive(Default)]
struct LdDates {
    published: Option<Stamp>,
    modified: Option<Stamp>,
}

/// The dates of the page's JSON-LD ([`super::json_ld::values`]).
fn json_ld_dates(doc: &Html) -> LdDates {
    let mut page_dates: Option<LdDates> = None;
    for value in super::json_ld::values(doc) {
        // Nodes in document order; an explicit stack, as JSON-LD can nest deeply.
        let mut stack = vec![&value];
        while let Some(node) = stack.pop() {
            match node {
                Value::Array(items) => stack.extend(items.iter().rev()),
                Value::Object(map) => {
                    let field = |name: &str| map.get(name).and_then(Value::as_str).and_then(stamp);
                    if let Some(published) = field("datePublished") {
                        let dates = LdDates {
                            published: Some(published),
                            modified: field("dateModified"),
                        };
                        match node_kind(map.get("@type")) {
                            Kind::Article => return dates,
                            Kind::Page => {
                                page_dates.get_or_insert(dates);
                            }
                            Kind::Other => {}
                        }
                    }
                    if let Some(graph) = map.get("@graph") {
                        stack.push(graph);
                    }
                    // A `WebPage` node may hold the article as its main entity.
                    if let Some(entity) = map.get("mainEntity") {
                        stack.push(entity);
                    }
                }
                _ => {}
            }
        }
    }
    page_dates.unwrap_or_default()
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
    /// The date's other reading, when it is written in figures that read two ways (`03/01/2017`,
    /// `09.10.2024`): which one the page means, its other dates must say.
    pub(super) other_reading: Option<OtherReading>,
}

/// The second reading of a byline date in figures.
pub(super) struct OtherReading {
    pub(super) date: String,
    /// Whether the first reading is the one to take when no other date settles it: a dotted
    /// date is read day first (`09.10.2024`, 9 October), a slashed one either way.
    pub(super) first_is_likelier: bool,
}

/// The two readings of a date in figures that reads two ways: `03/01/2017` (3 January or
/// 1 March), `03-01-2017` and `09.10.2024`, day first then month first, and whether the
/// separator makes the first likelier (a dot). `None` for any other word.
fn two_readings(word: &str) -> Option<(String, String, bool)> {
    let sep = word.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = word.split(sep).collect();
    let [a, b, y] = parts.as_slice() else {
        return None;
    };
    let digits = |p: &str, n: std::ops::RangeInclusive<usize>| {
        n.contains(&p.len()) && p.bytes().all(|c| c.is_ascii_digit())
    };
    if !(digits(a, 1..=2) && digits(b, 1..=2) && digits(y, 4..=4)) {
        return None;
    }
    let (a, b, y): (u32, u32, u32) = (a.parse().ok()?, b.parse().ok()?, y.parse().ok()?);
    if a == b || a > 12 || b > 12 {
        return None;
    }
    Some((ymd(y, b, a)?, ymd(y, a, b)?, sep == '.'))
}

/// The first word of `text` that is a date in figures reading two ways, with its readings.
fn first_two_way_date(text: &str) -> Option<(String, String, bool)> {
    text.split(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '.' | '-')))
        .map(|w| w.trim_matches(['.', '-']))
        .find_map(two_readings)
}

/// The date the page shows beside its headline, the one a reader takes for the article's:
/// found from the headline on (within [`BYLINE_AFTER`] characters of the page's blocks, `texts`,
/// in document order), else the last in the [`BYLINE_BEFORE`] characters before it. Of a
/// byline's dates the earliest not labelled as an update is taken ("May 3, 2021 · Updated
/// June 1, 2024" is from 3 May 2021); a byline that shows only an update's date gives that, so
/// marked. `None` when the headline is not among the blocks or no date stands near it.
pub(super) fn byline_date(
    texts: &[&str],
    headline: &str,
    language: Option<&str>,
) -> Option<BylineDate> {
    // Compared without regard to case: the title may be the markup's spelling of the headline.
    let squeeze = |s: &str| {
        s.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
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
    let mut dates = super::meta::dates_in_language(window, language);
    if dates.is_empty() {
        // A byline date after the headline that cannot be read one way (`03/01/2017`) is the
        // byline's still: a date above the headline is then a neighbouring story's.
        if has_numeric_date_shape(window) {
            return two_way_byline_date(window);
        }
        let before = squeezed[..at].join("\n");
        let window = last_chars(&before, BYLINE_BEFORE);
        let mut dates = super::meta::dates_in_language(window, language);
        let (span, date) = dates.pop()?;
        let since = dates.last().map_or(0, |(s, _)| s.end);
        return Some(BylineDate {
            updated: says_updated(&window[since..span.start]),
            other_reading: other_reading(&window[span], &date),
            date,
        });
    }
    // A date in figures that reads two ways is read in the order its neighbours are written.
    let settled = two_way_dates_by_their_neighbours(window);
    // One that nothing there settles, standing before a first date read only because its day
    // and month are one number, is the byline's first ("02/03/2026, mis à jour le
    // 03/03/2026"), as it was before such dates were read: the markup or the locale reads it.
    let first_read = dates
        .iter()
        .chain(&settled)
        .min_by_key(|(span, _)| span.start);
    if let Some((span, _)) = first_read {
        if same_day_and_month(&window[span.clone()])
            && first_two_way_date(&window[..span.start]).is_some()
        {
            return two_way_byline_date(window);
        }
    }
    dates.extend(settled.iter().cloned());
    dates.sort_by_key(|(span, _)| span.start);
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
        labelled.push((says_updated(&window[since..span.start]), date, span.clone()));
        since = span.end;
    }
    let original = labelled
        .iter()
        .filter(|(updated, _, _)| !updated)
        .min_by(|a, b| a.1.cmp(&b.1));
    let (updated, date, span) = match original {
        Some((_, date, span)) => (false, date.clone(), span.clone()),
        None => {
            let (_, date, span) = labelled.into_iter().next()?;
            (true, date, span)
        }
    };
    let other_reading = other_reading(&window[span.clone()], &date)
        .filter(|_| !settled.iter().any(|(s, _)| *s == span));
    Some(BylineDate {
        other_reading,
        date,
        updated,
    })
}

/// Whether `written` is a date in figures whose day and month are one number (`03/03/2026`).
fn same_day_and_month(written: &str) -> bool {
    let parts: Vec<&str> = written.split(['/', '.', '-']).collect();
    matches!(parts.as_slice(), [a, b, _] if a.len() <= 2 && b.len() <= 2
        && a.parse::<u32>().ok().is_some_and(|a| b.parse::<u32>().ok() == Some(a)))
}

/// The byline date of a `window` whose first date is in figures that read two ways
/// (`03/01/2017`), with its other reading, for the page's other dates to settle.
fn two_way_byline_date(window: &str) -> Option<BylineDate> {
    let start = window.find(|c: char| c.is_ascii_digit()).unwrap_or(0);
    let (first, second, _) = first_two_way_date(window)?;
    Some(BylineDate {
        updated: says_updated(&window[..start]),
        date: first,
        other_reading: Some(OtherReading {
            date: second,
            first_is_likelier: false,
        }),
    })
}

/// The dates in figures with slashes in `text` that read two ways (`8/1/2025`), read in the
/// order that the others there that read one way show (`8/27/2025` is month first): a byline
/// writes its dates one way ("8/1/2025 · Updated 8/27/2025"). None where those others are
/// missing or disagree.
fn two_way_dates_by_their_neighbours(text: &str) -> Vec<(Range<usize>, String)> {
    let mut two_way = Vec::new();
    let (mut day_first, mut month_first) = (false, false);
    let mut start = None;
    for (at, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_ascii_digit() || c == '/' {
            start.get_or_insert(at);
            continue;
        }
        let Some(from) = start.take() else {
            continue;
        };
        let word = text[from..at].trim_matches('/');
        let from = from + (text[from..at].len() - text[from..at].trim_start_matches('/').len());
        let parts: Vec<&str> = word.split('/').collect();
        let [a, b, y] = parts.as_slice() else {
            continue;
        };
        if !((1..=2).contains(&a.len()) && (1..=2).contains(&b.len()) && y.len() == 4) {
            continue;
        }
        let (Ok(a), Ok(b), Ok(y)) = (a.parse::<u32>(), b.parse::<u32>(), y.parse::<u32>()) else {
            continue;
        };
        match (a > 12, b > 12) {
            (true, false) => day_first = true,
            (false, true) => month_first = true,
            (false, false) => two_way.push((from..from + word.len(), a, b, y)),
            (true, true) => {}
        }
    }
    if day_first == month_first {
        return Vec::new();
    }
    two_way
        .into_iter()
        .filter_map(|(span, a, b, y)| {
            let date = if day_first {
                ymd(y, b, a)
            } else {
                ymd(y, a, b)
            };
            Some((span, date?))
        })
        .collect()
}

/// The other reading of the date written as `written` and read as `date`, if it reads two ways.
fn other_reading(written: &str, date: &str) -> Option<OtherReading> {
    let (first, second, dotted) = two_readings(written.trim())?;
    let other = if first == date { second } else { first };
    Some(OtherReading {
        date: other,
        first_is_likelier: dotted,
    })
}

/// The byline's date as the page's other dates read it: of a date in figures that reads two
/// ways, the reading the markup's published or modified date or the address's date is (the
/// likelier one when both or neither are); else the reading the page's locale writes
/// ([`DayOrder`]); `None` when neither reading is one of them and neither the figures nor the
/// locale say which comes first (`03/01/2017` on a page in `lang="en"`).
fn settle_reading(
    mut byline: BylineDate,
    markup: &MarkupDates,
    url: Option<&str>,
) -> Option<BylineDate> {
    let Some(other) = byline.other_reading.take() else {
        return Some(byline);
    };
    let known = |date: &str| {
        markup.published.as_ref().is_some_and(|p| p.is(date))
            || markup.modified.as_deref() == Some(date)
            || url == Some(date)
    };
    // The first reading is the day-first one; a dotted date is day first whatever the locale.
    match (known(&byline.date), known(&other.date)) {
        (false, true) => byline.date = other.date,
        (false, false) if !other.first_is_likelier => match markup.order {
            DayOrder::DayFirst => {}
            DayOrder::MonthFirst => byline.date = other.date,
            DayOrder::Unknown => return None,
        },
        _ => {}
    }
    Some(byline)
}

/// The article's date from its independent signals: the date its byline shows beside the
/// headline, the markup's published and modified dates, the date in its address and a date its
/// prose labels. Signals that agree give their date. Where the byline and the markup's published
/// date disagree, no date is given (a wrong date is worse than none) unless the page settles it:
///
/// - the address's date is one of the two: that one;
/// - where the byline shows only an update's date, where its date is the markup's modified
///   date (the same case unlabelled), or where the two are a day apart (a UTC stamp against the
///   page's own day), where the markup states the publication says which one the page means:
///   - only in the Open Graph `article:published_time`: that date. Sites that write only the
///     Open Graph tag keep the first publication there (on the dev pages the human date was
///     the markup's on all 21 such pages, tuned and held-out parts together);
///   - only in JSON-LD `datePublished` or a generic `<meta>`: the byline's, the date the page
///     shows (the human date on 19 of 20);
///   - in both, or only in page elements: none, as the labels split there (10 to 5);
/// - else the byline's, the date a reader sees: a markup date that differs by more is most
///   often a template's stamp (the last save written into both published and modified, an
///   import's date).
///
/// A byline showing only an update's date where the markup states no published date gives that
/// date: the page states no other.
///
/// A byline date in figures that read two ways (`03/01/2017`, `09.10.2024`) is read as the
/// markup or the address reads it; where neither reading is theirs, a dotted date is read day
/// first and a slashed one gives no date (nor is the markup's date of another day taken).
pub(super) fn article_date(
    byline: Option<BylineDate>,
    markup: &MarkupDates,
    url: Option<String>,
    prose: Option<String>,
) -> Option<String> {
    let byline = match byline {
        // A byline date whose reading the page does not settle is the byline's still: the
        // markup's date, one of neither reading, is not taken for it.
        Some(byline) => Some(settle_reading(byline, markup, url.as_deref())?),
        None => None,
    };
    let Some(byline) = byline else {
        return markup
            .published
            .as_ref()
            .map(|p| p.local.clone())
            .or(url)
            .or(prose);
    };
    let Some(published) = &markup.published else {
        return Some(byline.date);
    };
    if published.is(&byline.date) {
        return Some(byline.date);
    }
    if let Some(url) = url {
        if url == byline.date {
            return Some(byline.date);
        }
        if published.is(&url) {
            return Some(published.local.clone());
        }
    }
    let shows_modified = markup.modified.as_deref() == Some(byline.date.as_str());
    let a_day_apart = days_apart(&byline.date, &published.local).is_none_or(|d| d <= 1);
    if !byline.updated && !shows_modified && !a_day_apart {
        return Some(byline.date);
    }
    match markup.published_in {
        PublishedIn::OpenGraph => Some(published.local.clone()),
        PublishedIn::JsonLdOrMeta => Some(byline.date),
        PublishedIn::OpenGraphAndJsonLd | PublishedIn::Elements => None,
    }
}

/// Days between two `YYYY-MM-DD` dates.
fn days_apart(a: &str, b: &str) -> Option<u64> {
    let day = |s: &str| -> Option<chrono::NaiveDate> {
        chrono::NaiveDate::from_ymd_opt(
            s.get(..4)?.parse().ok()?,
            s.get(5..7)?.parse().ok()?,
            s.get(8..10)?.parse().ok()?,
        )
    };
    Some((day(a)? - day(b)?).num_days().unsigned_abs())
}

/// Whether `text` has a word shaped like a numeric date with a year (`03/01/2017`,
/// `9.10.2024`), read or not.
fn has_numeric_date_shape(text: &str) -> bool {
    text.split(|c: char| !(c.is_ascii_digit() || matches!(c, '/' | '.' | '-')))
        .any(|word| {
            let word = word.trim_matches(['.', '-', '/']);
            let Some(sep) = word.chars().find(|c| !c.is_ascii_digit()) else {
                return false;
            };
            let parts: Vec<&str> = word.split(sep).collect();
            matches!(parts.as_slice(), [d, m, y]
                if (1..=2).contains(&d.len()) && (1..=2).contains(&m.len()) && y.len() == 4
                    && [d, m, y].iter().all(|p| p.bytes().all(|b| b.is_ascii_digit())))
        })
}

/// Words that, just before a date, say it is when the article was changed rather than first
/// published, in the languages [`super::meta::find_date`] reads and others whose pages write
/// dates in figures (Chinese, Japanese, Korean, Vietnamese).
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
    // Portuguese "Atualização", Italian "Aggiornamento", Czech "Aktualizace", and German's
    // "Stand:" (as of), which news pages set under the headline for the last change.
    "atualiza",
    "aggiorna",
    "aktualizace",
    "stand:",
    "bijgewerkt",
    "обновлено",
    "обновлён",
    "zaktualizowano",
    "aktualizacj",
    "güncelleme",
    "تحديث",
    "обновлен",
    "uppdaterad",
    "opdateret",
    "oppdatert",
    "päivitetty",
    "güncellendi",
    "aktualizováno",
    "frissítve",
    "更新",
    "수정",
    "actualizat",
    "actualitzat",
    "ενημερώθηκε",
    "ενημέρωση",
    "оновлено",
    "актуализирано",
    "ажурирано",
    "ažurirano",
    "posodobljeno",
    "aktualizované",
    "atnaujinta",
    "atjaunināts",
    "uuendatud",
    "עודכן",
    "अपडेट",
    "diperbarui",
    "dikemas kini",
    "cập nhật",
    "อัปเดต",
    "ปรับปรุง",
    "به‌روز",
    "بروز",
    "به روز",
    "আপডেট",
    "اپ ڈیٹ",
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
/// `/2025/12/19/slug`, `/2023/october/03/slug`, `/2025-12-17-slug`, and the forms of Chinese
/// news sites: the day in one segment (`/20251219/`), the year then month and day
/// (`/2025/1219/`), the year and month then the day (`/2025-12/19/`). Blogs and news sites
/// write the publication day there. A year and month alone (`/2025/12/slug`) is no day.
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
            // The month in figures or by name (`/2023/october/03/`).
            let m = segments
                .get(i + 1)
                .and_then(|s| number(s, 2).or_else(|| super::calendar::month_named(s)));
            let d = segments.get(i + 2).and_then(|s| number(s, 2));
            if let (Some(y), Some(m), Some(d)) = (y, m, d) {
                return ymd(y, m, d);
            }
            // `/2025/1219/`: the month and day in the next segment, as a whole.
            let month_day = segments
                .get(i + 1)
                .and_then(|s| number(s, 4).filter(|_| s.len() == 4));
            if let (Some(y), Some(md)) = (y, month_day) {
                return ymd(y, md / 100, md % 100);
            }
        }
        // `/20251219/`: a segment of the day's eight figures and nothing else.
        if let Some(n) = number(segment, 8).filter(|_| segment.len() == 8) {
            if let Some(date) = ymd(n / 10_000, n / 100 % 100, n % 100) {
                return Some(date);
            }
        }
        // `/2025-12/19/`
        if let (7, Some((y, m))) = (segment.len(), segment.split_once('-')) {
            let d = segments.get(i + 1).and_then(|s| number(s, 2));
            if let (Some(y), Some(m), Some(d)) = (number(y, 4), number(m, 2), d) {
                return ymd(y, m, d);
            }
        }
        // `/2025-12-17-slug`, and a page named for its day (`/2025-12-17.html`).
        if segment.len() >= 10
            && (segment.len() == 10 || matches!(segment.as_bytes()[10], b'-' | b'.' | b'_'))
        {
            if let Some(date) = segment.get(..10).and_then(iso_prefix) {
                return Some(date);
            }
        }
    }
    None
}

/// Words that, just before a date in the visible text, say it is the article's date: English
/// first, then the labels news pages in other languages write ("Veröffentlicht am 1.9.2017",
/// "Publié le 3 décembre 2008", "发布时间：2022-02-25"). A word that is also common prose
/// ("Stand", "Fecha") counts only with its colon.
const DATE_LABELS: &[&str] = &[
    "published",
    "posted",
    "updated",
    "last updated",
    "published on",
    "posted on",
    "updated on",
    "date",
    // German
    "veröffentlicht",
    "erschienen",
    "aktualisiert",
    "zuletzt aktualisiert",
    "datum:",
    "stand:",
    // French
    "publié",
    "mis à jour",
    "date de publication",
    "paru le",
    // Spanish, Portuguese, Italian, Catalan
    "publicado",
    "actualizado",
    "atualizado",
    "fecha:",
    "fecha de publicación",
    "data de publicação",
    "pubblicato",
    "aggiornato",
    "data di pubblicazione",
    "publicat",
    // Dutch, Nordic
    "gepubliceerd",
    "geplaatst op",
    "bijgewerkt",
    "laatst bijgewerkt",
    "publicerad",
    "publiceret",
    "publisert",
    "julkaistu",
    // Slavic
    "опубликовано",
    "дата публикации",
    "обновлено",
    "опубліковано",
    "оновлено",
    "opublikowano",
    "data publikacji",
    "publikováno",
    "zveřejněno",
    "objavljeno",
    // Turkish
    "yayınlanma tarihi",
    "yayımlanma tarihi",
    "yayımlama tarihi",
    "yayın tarihi",
    "güncelleme tarihi",
    "son güncelleme",
    "son güncellenme",
    // Indonesian, Malay, Vietnamese
    "diterbitkan",
    "dipublikasikan",
    "diperbarui",
    "đăng ngày",
    "cập nhật",
    // Greek, Arabic, Hebrew, Persian
    "δημοσιεύθηκε",
    "δημοσίευση",
    "تاريخ النشر",
    "نشر في",
    "פורסם",
    "تاریخ انتشار",
    // Chinese, Japanese, Korean
    "发布时间",
    "发布日期",
    "發布時間",
    "發佈時間",
    "发表时间",
    "更新时间",
    "投稿日",
    "更新日",
    "配信日",
    "입력",
    "기사입력",
    "등록일",
    "수정",
];

/// Words that, just after a date that starts its line, say it is when the article was
/// published or updated: Turkish writes "05.05.2020 tarihinde yayınlandı", Japanese news
/// "2008年12月3日 10時32分配信". A line that starts with other words is a sentence ("Kitap 5
/// Mart 2026'da yayınlandı", a book's date); Japanese "公開" is left out, as it is a film's
/// release as often.
const DATE_LABELS_AFTER: &[&str] = &[
    "yayınlandı",
    "yayımlandı",
    "güncellendi",
    "配信",
    "发布",
    "發布",
];

/// Labels that, standing alone in their element, say the next one holds the publication date
/// (`<p>Published</p><p>Feb 2, 2023</p>`), in English and the other languages of
/// [`DATE_LABELS`].
const PUBLICATION_LABELS: &[&str] = &[
    "published",
    "published on",
    "posted",
    "posted on",
    "date",
    "date published",
    "publication date",
    "veröffentlicht",
    "veröffentlicht am",
    "erschienen am",
    "datum",
    "publié le",
    "date de publication",
    "publicado",
    "publicado el",
    "publicado em",
    "fecha de publicación",
    "data de publicação",
    "pubblicato il",
    "data di pubblicazione",
    "gepubliceerd op",
    "опубликовано",
    "дата публикации",
    "opublikowano",
    "data publikacji",
    "yayın tarihi",
    "yayınlanma tarihi",
    "发布时间",
    "发布日期",
    "發布時間",
    "投稿日",
    "입력",
    "등록일",
];

/// The date of a block that is nothing but a date, after a block that is nothing but a
/// publication label ([`PUBLICATION_LABELS`], a colon allowed).
pub(super) fn label_then_date(label: &str, next: &str, language: Option<&str>) -> Option<String> {
    let label = label
        .trim()
        .trim_end_matches([':', '：'])
        .trim_end()
        .to_lowercase();
    if !PUBLICATION_LABELS.contains(&label.as_str()) {
        return None;
    }
    labelled_date(next, true, language)
}

/// A date from a short line of prose that labels it as the article's ("Published: 3 May 2021",
/// "Updated on March 3, 2021"), or, when `bare` is allowed, a line that is nothing but a date.
pub(super) fn labelled_date(line: &str, bare: bool, language: Option<&str>) -> Option<String> {
    let t = line.trim();
    // In characters: a line in Cyrillic or Greek takes twice the bytes of one in English.
    if t.chars().count() > 80 {
        return None;
    }
    // A date in figures that reads two ways is read in the order of the page's language, where
    // that language has one order (every one but English writes the day first).
    let date = super::meta::find_date_in(t, language).or_else(|| {
        let (day_first, _, _) = first_two_way_date(t)?;
        (language.map(day_order) == Some(DayOrder::DayFirst)).then_some(day_first)
    })?;
    let lower = t.to_lowercase();
    let labelled = DATE_LABELS.iter().any(|l| {
        lower.strip_prefix(l).is_some_and(|rest| {
            // A label ending in a colon or in Chinese, Japanese or Korean may run into the date.
            rest.starts_with([' ', ':', '：', '\u{a0}'])
                || (!l.ends_with(|c: char| c.is_ascii_alphabetic())
                    && rest.starts_with(|c: char| c.is_ascii_digit()))
        })
    }) || (t.starts_with(char::is_numeric)
        && DATE_LABELS_AFTER
            .iter()
            .any(|l| lower.trim_end_matches(['.', '。', ' ']).ends_with(l)));
    // A line that holds only the date and its weekday, separators and time.
    let only_date = bare
        && lower
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .all(|w| {
                w.chars().all(|c| c.is_ascii_digit())
                    || super::calendar::calendar_month(w, language).is_some()
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
    fn the_meta_names_of_other_templates_and_vocabularies_are_read() {
        for name in [
            r#"name="article.published""#,
            r#"name="date_published""#,
            r#"name="publication_date""#,
            r#"name="DC.date.created""#,
            r#"property="dc:date""#,
            r#"name="rnews:datePublished""#,
            r#"name="cXenseParse:recs:publishtime""#,
            r#"property="og:article:published_time""#,
        ] {
            let doc = page(&format!(
                r#"<meta {name} content="2026-12-07T09:30:00+01:00">"#
            ));
            assert_eq!(
                structured_date(&doc).as_deref(),
                Some("2026-12-07"),
                "{name}"
            );
        }
        let doc = page(r#"<meta name="dcterms.modified" content="2026-12-08">"#);
        assert_eq!(markup_dates(&doc).modified.as_deref(), Some("2026-12-08"));
    }

    /// A page whose body holds `body` (and a sentence of prose).
    fn page_body(body: &str) -> Html {
        Html::parse_document(&format!(
            "<html><body>{body}<p>On 30 January 1945 the ship sank.</p></body></html>"
        ))
    }

    #[test]
    fn the_publication_marked_in_the_pages_elements_comes_before_the_first_time() {
        // A sidebar's time stands first; the article's element says which is the publication.
        let sidebar = r#"<aside><time datetime="2026-12-10">10 Dec</time></aside>"#;
        for article in [
            r#"<span itemprop="datePublished" content="2026-12-07">7 Dec</span>"#,
            r#"<span itemprop="datePublished">7 December 2026</span>"#,
            r#"<time pubdate datetime="2026-12-07T10:00">Monday</time>"#,
            r#"<time pubdate>7 December 2026</time>"#,
            r#"<abbr class="published" title="2026-12-07T10:00:00+01:00">Monday</abbr>"#,
            r#"<time class="updated" datetime="2026-12-09"></time><time class="entry-date published" datetime="2026-12-07"></time>"#,
        ] {
            let doc = page_body(&format!("{sidebar}<article>{article}</article>"));
            assert_eq!(
                structured_date(&doc).as_deref(),
                Some("2026-12-07"),
                "{article}"
            );
        }
        // A paragraph marked as the date is read only when it is a short date.
        let doc = page_body(
            r#"<p itemprop="datePublished">The treaty of 7 December 2026 was signed by the ministers of both countries after long talks.</p>"#,
        );
        assert_eq!(structured_date(&doc), None);
    }

    #[test]
    fn the_time_nearest_the_headline_is_the_articles() {
        // Other stories' times in a list above the headline, the article's below it.
        let news = r#"<aside><h2>News</h2><ul>
            <li><time datetime="2025-01-31">Jan 31</time> <a href="/dues">Dues are due</a></li>
            <li><time datetime="2025-01-06">Jan 6</time> <a href="/exams">Exam dates</a></li>
            </ul><p><a href="/news">All news</a></p></aside>"#;
        let doc = page_body(&format!(
            r#"{news}<h1>Candidate experience</h1><div><time datetime="2017-03-01T12:00:00Z">03/01/2017</time></div>"#
        ));
        assert_eq!(structured_date(&doc).as_deref(), Some("2017-03-01"));
        // The article's time just above the headline, comments' times further below.
        let doc = page_body(
            r#"<small><time datetime="2023-10-12T19:38:01Z">10/12/2023</time></small><h1>Skiplagging</h1>
            <p>Text of the story.</p><p>More of the story.</p>
            <div><p>A comment</p><time datetime="2025-12-18">Dec 18</time></div>"#,
        );
        assert_eq!(structured_date(&doc).as_deref(), Some("2023-10-12"));
    }

    #[test]
    fn the_pages_language_settles_a_month_two_languages_read_differently() {
        let texts = [
            "Vijesti",
            "Objavljeno: 7. listopada 2026. u 10:32",
            "Tekst.",
        ];
        let date = |language| byline_date(&texts, "Vijesti", language).map(|b| b.date);
        assert_eq!(date(Some("hr")).as_deref(), Some("2026-10-07"));
        assert_eq!(date(Some("pl")).as_deref(), Some("2026-11-07"));
        assert_eq!(date(None).as_deref(), Some("2026-11-07"));
        let doc = Html::parse_document(r#"<html lang="hr-HR"><body><p>x</p></body></html>"#);
        assert_eq!(markup_dates(&doc).language.as_deref(), Some("hr"));
    }

    #[test]
    fn a_time_without_datetime_is_read_from_its_text() {
        let doc = page_body(
            r#"<h1>Переговоры возобновились</h1><p><time>7 декабря 2026, 10:32</time></p>"#,
        );
        assert_eq!(structured_date(&doc).as_deref(), Some("2026-12-07"));
    }

    #[test]
    fn a_relative_time_is_no_date() {
        for byline in [
            "3 hours ago",
            "vor 3 Stunden",
            "il y a 2 jours",
            "hace 5 minutos",
            "3小时前",
            "منذ 3 ساعات",
            "yesterday",
        ] {
            let texts = ["Talks resume", byline, "The talks resumed on Monday."];
            assert!(
                byline_date(&texts, "Talks resume", None).is_none(),
                "{byline}"
            );
            let doc = page_body(&format!("<time>{byline}</time>"));
            assert_eq!(structured_date(&doc), None, "{byline}");
        }
    }

    #[test]
    fn no_markup_no_date_from_the_prose() {
        assert_eq!(structured_date(&page("")), None);
    }

    fn byline(texts: &[&str], headline: &str) -> Option<(String, bool)> {
        byline_date(texts, headline, None).map(|b| (b.date, b.updated))
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
    fn update_labels_are_read_in_other_languages() {
        let cases = [
            ("Aktualisiert am 15.03.2024, 10:00 Uhr", true),
            ("Mis à jour le 3 janvier 2024", true),
            ("Zaktualizowano: 15.03.2024", true),
            ("更新日：2024年3月15日", true),
            ("Data aktualizacji: 15 października 2026", true),
            ("Güncelleme: 07 Aralık 2026", true),
            ("آخر تحديث: ٧ ديسمبر ٢٠٢٦", true),
            ("Обновлено 7 декабря 2026", true),
            ("نشر في ٧ ديسمبر ٢٠٢٦", false),
            ("Yayınlanma: 7 Aralık 2026", false),
            ("Publié le 3 janvier 2024", false),
            ("Veröffentlicht am 15.03.2024", false),
            ("อัปเดต 7 ธันวาคม 2569", true),
            ("เผยแพร่ 7 ธันวาคม 2569", false),
            ("به‌روزرسانی: ۱۶ آذر ۱۴۰۵", true),
            ("আপডেট: ৭ ডিসেম্বর ২০২৬", true),
            ("Stand: 07.12.2026, 18:15 Uhr", true),
            ("Última atualização: 07/12/2026 às 10h32", true),
            ("Ultimo aggiornamento: 7 dicembre 2026", true),
            ("Aktualizace: 7. prosince 2026", true),
        ];
        for (line, updated) in cases {
            let b = byline_date(&["Titel", line], "Titel", None);
            assert_eq!(b.map(|b| b.updated), Some(updated), "{line}");
        }
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
    fn the_utc_day_of_a_stamp_is_the_written_day_moved_by_its_offset() {
        let cases = [
            ("2025-07-04T20:04:00-04:00", Some("2025-07-05")),
            ("2025-05-14T19:30:03-07:00", Some("2025-05-15")),
            ("2021-12-10T02:17:00+00:00", Some("2021-12-10")),
            ("2017-01-24T01:08:14+05:30", Some("2017-01-23")),
            ("2024-04-05T00:00:00-0400", Some("2024-04-05")),
            ("2025-12-31T23:30:00.000-02:00", Some("2026-01-01")),
            ("2025-09-04T19:24:33.000Z", Some("2025-09-04")),
            ("2025-11-25 08:33:24", None),
            ("2025-01-04", None),
            ("2025-01-04T10:00:00+5", None),
        ];
        for (value, day) in cases {
            assert_eq!(utc_day(value).as_deref(), day, "{value}");
        }
        let s = stamp("2025-07-04T20:04:00-04:00");
        assert!(s
            .as_ref()
            .is_some_and(|s| s.is("2025-07-04") && s.is("2025-07-05")));
        assert!(s.is_some_and(|s| !s.is("2025-07-06")));
        assert_eq!(stamp("2025-07-04T10:00:00Z").and_then(|s| s.utc), None);
    }

    #[test]
    fn json_ld_with_raw_line_breaks_in_its_strings_is_read() {
        let doc = page(
            "<script type=\"application/ld+json\">{\"@type\":\"BlogPosting\",\n\
             \"description\":\"One line\nand the next\",\"datePublished\":\"2024-09-06\",\n\
             \"dateModified\":\"2025-11-14\"}</script>",
        );
        let dates = markup_dates(&doc);
        assert_eq!(
            dates.published.map(|s| s.local).as_deref(),
            Some("2024-09-06")
        );
        assert_eq!(dates.modified.as_deref(), Some("2025-11-14"));
    }

    #[test]
    fn json_ld_in_a_nextjs_meta_tag_is_read() {
        let doc = page(
            r#"<meta name="script:ld+json" content="{&quot;@type&quot;:&quot;Article&quot;,&quot;dateModified&quot;:&quot;2025-11-17T09:00:00-05:00&quot;,&quot;datePublished&quot;:&quot;2025-11-17T09:00:00-05:00&quot;}">"#,
        );
        let dates = markup_dates(&doc);
        assert_eq!(
            dates.published.map(|s| s.local).as_deref(),
            Some("2025-11-17")
        );
        assert_eq!(dates.published_in, PublishedIn::JsonLdOrMeta);
    }

    #[test]
    fn the_modified_meta_comes_before_json_ld() {
        let doc = page(
            r#"<meta property="article:modified_time" content="2025-08-27T17:08:44+00:00">
            <script type="application/ld+json">{"@type":"Article","datePublished":"2025-08-01",
            "dateModified":"2025-08-20"}</script>"#,
        );
        let dates = markup_dates(&doc);
        assert_eq!(
            dates.published.map(|s| s.local).as_deref(),
            Some("2025-08-01")
        );
        assert_eq!(dates.modified.as_deref(), Some("2025-08-27"));
    }

    fn markup(published: Option<&str>, modified: Option<&str>) -> MarkupDates {
        MarkupDates {
            published: published.and_then(stamp),
            modified: modified.map(str::to_string),
            published_in: PublishedIn::OpenGraphAndJsonLd,
            order: DayOrder::Unknown,
            language: None,
        }
    }

    #[test]
    fn where_the_markup_states_the_publication_settles_a_disagreement() {
        let in_ = |published_in| MarkupDates {
            published_in,
            ..markup(Some("2024-02-27T10:00:00Z"), Some("2025-12-04"))
        };
        let date = |published_in, updated| {
            article_date(shown("2025-12-04", updated), &in_(published_in), None, None)
        };
        for updated in [true, false] {
            assert_eq!(
                date(PublishedIn::OpenGraph, updated).as_deref(),
                Some("2024-02-27")
            );
            assert_eq!(
                date(PublishedIn::JsonLdOrMeta, updated).as_deref(),
                Some("2025-12-04")
            );
            assert_eq!(date(PublishedIn::OpenGraphAndJsonLd, updated), None);
            assert_eq!(date(PublishedIn::Elements, updated), None);
        }
    }

    #[test]
    fn the_markup_says_where_it_states_the_publication() {
        let og = r#"<meta property="article:published_time" content="2024-02-27T10:00:00Z">"#;
        let ld = r#"<script type="application/ld+json">{"@type":"NewsArticle",
            "datePublished":"2024-02-27"}</script>"#;
        let meta = r#"<meta name="parsely-pub-date" content="2024-02-27T10:00:00Z">"#;
        let time = r#"<time datetime="2024-02-27">Feb 27</time>"#;
        let cases = [
            (og.to_string(), PublishedIn::OpenGraph),
            (format!("{og}{ld}"), PublishedIn::OpenGraphAndJsonLd),
            (ld.to_string(), PublishedIn::JsonLdOrMeta),
            (meta.to_string(), PublishedIn::JsonLdOrMeta),
            (time.to_string(), PublishedIn::Elements),
        ];
        for (head, want) in cases {
            let dates = markup_dates(&page(&head));
            assert_eq!(dates.published_in, want, "{head}");
            assert_eq!(
                dates.published.map(|s| s.local).as_deref(),
                Some("2024-02-27")
            );
        }
    }

    fn shown(date: &str, updated: bool) -> Option<BylineDate> {
        Some(BylineDate {
            date: date.to_string(),
            updated,
            other_reading: None,
        })
    }

    #[test]
    fn agreeing_signals_give_their_date() {
        let m = markup(Some("2025-03-04T10:00:00Z"), Some("2025-06-01"));
        assert_eq!(
            article_date(shown("2025-03-04", false), &m, None, None).as_deref(),
            Some("2025-03-04")
        );
        // Published and updated the same day: the update's label does not matter.
        assert_eq!(
            article_date(shown("2025-03-04", true), &m, None, None).as_deref(),
            Some("2025-03-04")
        );
    }

    #[test]
    fn without_a_byline_the_markup_then_the_address_then_the_prose_date_the_page() {
        let none = markup(None, None);
        let m = markup(Some("2025-03-04"), None);
        let url = || Some("2025-03-01".to_string());
        let prose = || Some("2025-02-01".to_string());
        assert_eq!(
            article_date(None, &m, url(), prose()).as_deref(),
            Some("2025-03-04")
        );
        assert_eq!(
            article_date(None, &none, url(), prose()).as_deref(),
            Some("2025-03-01")
        );
        assert_eq!(
            article_date(None, &none, None, prose()).as_deref(),
            Some("2025-02-01")
        );
    }

    #[test]
    fn an_update_shown_against_another_published_date_gives_none() {
        let m = markup(Some("2024-02-27T10:00:00Z"), Some("2025-12-04"));
        assert_eq!(
            article_date(shown("2025-12-04", true), &m, None, None),
            None
        );
        // The only date stated.
        let m = markup(None, Some("2025-12-04"));
        assert_eq!(
            article_date(shown("2025-12-04", true), &m, None, None).as_deref(),
            Some("2025-12-04")
        );
    }

    #[test]
    fn a_byline_showing_the_modified_date_against_the_published_gives_none() {
        let m = markup(Some("2024-09-06T13:12:36+00:00"), Some("2025-11-14"));
        assert_eq!(
            article_date(shown("2025-11-14", false), &m, None, None),
            None
        );
    }

    #[test]
    fn a_day_between_byline_and_stamp_gives_none_unless_the_address_settles_it() {
        let m = markup(Some("2025-12-19T10:00:00+00:00"), Some("2025-12-19"));
        assert_eq!(
            article_date(shown("2025-12-18", false), &m, None, None),
            None
        );
        let url = Some("2025-12-18".to_string());
        assert_eq!(
            article_date(shown("2025-12-18", false), &m, url, None).as_deref(),
            Some("2025-12-18")
        );
        let url = Some("2025-12-19".to_string());
        assert_eq!(
            article_date(shown("2025-12-18", false), &m, url, None).as_deref(),
            Some("2025-12-19")
        );
    }

    #[test]
    fn a_byline_against_a_templates_stamp_gives_the_bylines_date() {
        // Published and modified the same stamp: the template's last save, not the story's day.
        let m = markup(Some("2025-06-24"), Some("2025-06-24"));
        assert_eq!(
            article_date(shown("2024-08-25", false), &m, None, None).as_deref(),
            Some("2024-08-25")
        );
    }

    #[test]
    fn an_unreadable_byline_date_keeps_a_neighbours_date_above_the_headline_out() {
        let texts = [
            "Help shape the future of the exams",
            "12/16/2025",
            "Candidate Experience",
            "03/01/2017 | by Agatha Caleo",
            "The story.",
        ];
        let b = byline_date(&texts, "Candidate Experience", None).expect("the byline's date");
        let other = b.other_reading.as_ref().expect("two readings");
        assert_eq!(
            (b.date.as_str(), other.date.as_str()),
            ("2017-01-03", "2017-03-01")
        );
        // The markup's stamp of another day does not date the page in its place.
        let m = markup(Some("2025-01-31T12:00:00Z"), None);
        assert_eq!(article_date(Some(b), &m, None, None), None);
        assert!(has_numeric_date_shape("by Ann 03/01/2017."));
        assert!(has_numeric_date_shape("9.10.2024"));
        assert!(!has_numeric_date_shape("version 1.2.3 of 2024"));
    }

    #[test]
    fn a_byline_date_reading_two_ways_is_read_as_the_pages_other_dates_read_it() {
        let texts = |line: &'static str| ["Home renovation phases", line, "The story."];
        let date = |line: &'static str, published: Option<&str>, url: Option<&str>| {
            let b = byline_date(&texts(line), "Home renovation phases", None);
            article_date(b, &markup(published, None), url.map(str::to_string), None)
        };
        // A dotted date is read day first unless the markup states the other reading.
        let line = "By Block Renovation · 09.10.2024";
        assert_eq!(date(line, None, None).as_deref(), Some("2024-10-09"));
        let stamp = Some("2024-09-10T12:00:00Z");
        assert_eq!(date(line, stamp, None).as_deref(), Some("2024-09-10"));
        // A slashed one only as another date reads it: the address, the markup.
        let line = "03/10/2023 | By WSET Global";
        assert_eq!(date(line, None, None), None);
        assert_eq!(
            date(line, None, Some("2023-10-03")).as_deref(),
            Some("2023-10-03")
        );
        assert_eq!(
            date(line, Some("2023-03-10"), None).as_deref(),
            Some("2023-03-10")
        );
        assert_eq!(date(line, Some("2024-01-31"), None), None);
        // One way only: as written.
        assert_eq!(
            date("By Ann · 23.07.2025", Some("2025-01-01"), None).as_deref(),
            Some("2025-07-23")
        );
        assert!(two_readings("23.07.2025").is_none());
        assert!(two_readings("07.07.2025").is_none());
    }

    #[test]
    fn a_slashed_byline_date_is_read_in_the_order_its_neighbours_are_written() {
        let date = |line: &'static str| {
            byline_date(
                &["Renovation trends", line, "The story."],
                "Renovation trends",
                None,
            )
            .map(|b| (b.date, b.updated, b.other_reading.is_some()))
        };
        // `8/27/2025` can only be month first, so `8/1/2025` beside it is 1 August.
        let d = |s: &str| s.to_string();
        assert_eq!(
            date("By: Editorial Team 8/1/2025 8/27/2025"),
            Some((d("2025-08-01"), false, false))
        );
        assert_eq!(
            date("Published 27/8/2025 · Updated 1/9/2025"),
            Some((d("2025-08-27"), false, false))
        );
        // Alone, or beside others that disagree, it is read as before: not at all.
        assert_eq!(
            date("By: Editorial Team 8/1/2025 · 8/27/2025 · 27/8/2025"),
            Some((d("2025-08-27"), false, false))
        );
        assert_eq!(
            two_way_dates_by_their_neighbours("8/1/2025 and 9/2/2025"),
            Vec::new()
        );
    }

    #[test]
    fn a_slashed_byline_date_is_read_in_the_order_of_the_pages_locale() {
        let date = |lang: &str, line: &'static str| {
            let doc = Html::parse_document(&format!("<html lang=\"{lang}\"><body></body></html>"));
            let b = byline_date(&["Titel", line, "Story."], "Titel", None);
            article_date(b, &markup_dates(&doc), None, None)
        };
        let line = "Par Anne Martin · 07/12/2026 à 10h32";
        for lang in ["fr-FR", "fr", "es", "de-AT", "pt_BR", "en-GB", "en-AU"] {
            assert_eq!(date(lang, line).as_deref(), Some("2026-12-07"), "{lang}");
        }
        assert_eq!(date("en-US", line).as_deref(), Some("2026-07-12"));
        for lang in ["en", "en-CA", "zh-CN", "ja", ""] {
            assert_eq!(date(lang, line), None, "{lang}");
        }
        // A dotted date is day first even in American English.
        assert_eq!(date("en-US", "09.10.2024").as_deref(), Some("2024-10-09"));
        // The page's own language before its `og:locale`, often a template's default.
        let doc = Html::parse_document(
            r#"<html lang="fr"><head><meta property="og:locale" content="en_US"></head></html>"#,
        );
        assert_eq!(markup_dates(&doc).order, DayOrder::DayFirst);
        let doc = Html::parse_document(
            r#"<html><head><meta property="og:locale" content="en_US"></head></html>"#,
        );
        assert_eq!(markup_dates(&doc).order, DayOrder::MonthFirst);
    }

    #[test]
    fn a_two_way_byline_date_before_one_read_one_way_is_the_bylines_first() {
        // The update's day and month are one number, so it reads one way; the first date
        // does not, and is still the publication's.
        let doc = Html::parse_document(r#"<html lang="fr"><body></body></html>"#);
        let line = "Le 02/03/2026 à 10:32, mis à jour le 03/03/2026 à 11:00";
        let b = byline_date(&["Titre", line, "Story."], "Titre", Some("fr"));
        assert_eq!(
            article_date(b, &markup_dates(&doc), None, None).as_deref(),
            Some("2026-03-02")
        );
    }

    #[test]
    fn a_dashed_byline_date_is_read_in_the_order_of_the_pages_locale_too() {
        let date = |lang: &str, line: &'static str| {
            let doc = Html::parse_document(&format!("<html lang=\"{lang}\"><body></body></html>"));
            let b = byline_date(&["Titel", line, "Story."], "Titel", None);
            article_date(b, &markup_dates(&doc), None, None)
        };
        let line = "Door Anne de Vries | 07-12-2026 10:32";
        assert_eq!(date("nl-NL", line).as_deref(), Some("2026-12-07"));
        assert_eq!(date("en-US", line).as_deref(), Some("2026-07-12"));
        assert_eq!(date("en", line), None);
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
            (
                "https://www.wsetglobal.com/blog/2023/october/03/wine-styles/",
                Some("2023-10-03"),
            ),
            ("https://example.com/2025/12/", None),
            ("https://example.com/2025/news/12/", None),
            ("https://example.com/2025/13/40/x", None),
            ("https://arxiv.org/abs/2512.16245", None),
            ("https://example.com/p/x?d=2025/12/19/", None),
            // The forms of Chinese news sites.
            (
                "http://www.news.cn/politics/20251219/abc/c.html",
                Some("2025-12-19"),
            ),
            (
                "http://world.people.com.cn/n1/2025/1219/c1002-4.html",
                Some("2025-12-19"),
            ),
            (
                "http://www.xinhuanet.com/world/2025-12/19/c_1.htm",
                Some("2025-12-19"),
            ),
            // Eight figures that are no day, or that are part of a longer name.
            ("https://example.com/story/12345678/", None),
            ("https://example.com/story/20251219-slug/", None),
            ("https://example.com/2025/1234/", None),
            // A page named for its day.
            (
                "https://example.com/notes/2025-12-19.html",
                Some("2025-12-19"),
            ),
            (
                "https://example.com/notes/2025-12-19_2.html",
                Some("2025-12-19"),
            ),
        ];
        for (url, date) in cases {
            assert_eq!(url_date(url).as_deref(), date, "{url}");
        }
    }

    /// A page with `head` in its head and `body` under its headline.
    fn page_with_headline(head: &str, body: &str) -> Html {
        Html::parse_document(&format!(
            "<html><head>{head}</head><body><article><h1>Ferry service resumes</h1>{body}\
             <p>The ferry sailed again on Monday.</p></article></body></html>"
        ))
    }

    #[test]
    fn a_time_marked_as_the_update_is_not_the_publication() {
        // The update's time stands first, nearer the headline.
        let doc = page_with_headline(
            "",
            r#"<p><time class="updated" datetime="2026-03-09">9 March</time>
            <time class="entry-date" datetime="2026-03-02">2 March</time></p>"#,
        );
        assert_eq!(structured_date(&doc).as_deref(), Some("2026-03-02"));
        // Where the page marks no other, the update's time is the one it states.
        let doc = page_with_headline("", r#"<time class="updated" datetime="2026-03-09"></time>"#);
        assert_eq!(structured_date(&doc).as_deref(), Some("2026-03-09"));
    }

    #[test]
    fn an_article_held_as_the_main_entity_of_a_page_node_is_read() {
        let doc = page(
            r#"<script type="application/ld+json">{"@context":"https://schema.org",
            "@type":"WebPage","name":"Ferries","mainEntity":{"@type":"NewsArticle",
            "headline":"Ferry service resumes","datePublished":"2026-03-02T08:00:00+01:00"}}
            </script>"#,
        );
        assert_eq!(structured_date(&doc).as_deref(), Some("2026-03-02"));
    }

    #[test]
    fn more_meta_spellings_state_the_publication() {
        let cases = [
            r#"<meta name="DC.Issued" content="2026-03-02">"#,
            // Microdata's value in `datetime` rather than `content`.
            r#"<meta itemprop="dateCreated" datetime="2026-03-02T08:00">"#,
            // The day's figures run together, with and without the time.
            r#"<meta name="publish-date" content="20260302">"#,
            r#"<meta name="date" content="202603020800">"#,
            r#"<meta property="article:published_time" content="20260302T083000Z">"#,
        ];
        for head in cases {
            assert_eq!(
                structured_date(&page(head)).as_deref(),
                Some("2026-03-02"),
                "{head}"
            );
        }
        // Ten figures are a Unix time, not a day; eight that are no day give none.
        assert_eq!(
            structured_date(&page(r#"<meta name="date" content="1772438400">"#)),
            None
        );
        assert_eq!(
            structured_date(&page(r#"<meta name="date" content="20261340">"#)),
            None
        );
    }

    #[test]
    fn publication_labels_of_other_languages_date_the_article() {
        let cases = [
            ("Veröffentlicht am 7.12.2026, 09:40 Uhr", "de"),
            ("Stand: 07.12.2026", "de"),
            ("Publié le 7 décembre 2026 à 9h40", "fr"),
            ("Publicado el 7 de diciembre de 2026", "es"),
            ("Publicado em 07/12/2026 às 09h40", "pt"),
            ("Pubblicato il 7 dicembre 2026", "it"),
            ("Gepubliceerd op 7 december 2026", "nl"),
            ("Опубликовано: 7 декабря 2026 года в 09:40", "ru"),
            ("Opublikowano: 7 grudnia 2026", "pl"),
            ("Yayınlanma tarihi: 07.12.2026", "tr"),
            ("07.12.2026 tarihinde yayınlandı.", "tr"),
            ("发布时间：2026-12-07 09:40", "zh"),
            ("投稿日：2026年12月7日", "ja"),
            ("2026年12月7日 9時40分配信", "ja"),
            ("입력 2026.12.07 09:40", "ko"),
            ("Đăng ngày 07/12/2026", "vi"),
            ("Diterbitkan 7 Desember 2026", "id"),
        ];
        for (line, language) in cases {
            assert_eq!(
                labelled_date(line, false, Some(language)).as_deref(),
                Some("2026-12-07"),
                "{line}"
            );
        }
        // The word without its colon is prose ("Stand 7 opened on ...").
        assert_eq!(
            labelled_date("Stand 7 öffnet am 7.12.2026", false, Some("de")),
            None
        );
        assert_eq!(
            labelled_date("Die Brücke wurde am 7.12.2026 eröffnet.", false, Some("de")),
            None
        );
        // A label after the date counts only where the date starts the line.
        assert_eq!(
            labelled_date("Kitap 7 Aralık 2026'da yayınlandı.", false, Some("tr")),
            None
        );
        assert_eq!(
            labelled_date("新品将于2026年12月7日发布", false, Some("zh")),
            None
        );
    }

    #[test]
    fn only_labelled_or_bare_dates_date_the_article() {
        assert_eq!(
            labelled_date("Published: March 3, 2021", false, None).as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(
            labelled_date("Tuesday, 3 March 2021", true, None).as_deref(),
            Some("2021-03-03")
        );
        assert_eq!(labelled_date("Tuesday, 3 March 2021", false, None), None);
        assert_eq!(
            labelled_date("On 30 January 1945 the ship sank.", true, None),
            None
        );
        assert_eq!(
            labelled_date("Published February 31, 2023", true, None),
            None
        );
        // The label and the date in elements of their own.
        assert_eq!(
            label_then_date("Published", "Feb 2, 2023", None).as_deref(),
            Some("2023-02-02")
        );
        assert_eq!(
            label_then_date("Date:", " 2 February 2023 ", None).as_deref(),
            Some("2023-02-02")
        );
        assert_eq!(label_then_date("Updated", "Feb 2, 2023", None), None);
        assert_eq!(
            label_then_date("Veröffentlicht am", "7. Dezember 2026", Some("de")).as_deref(),
            Some("2026-12-07")
        );
        assert_eq!(
            label_then_date("Published", "Feb 2, 2023, a year after the war began", None),
            None
        );
    }
}
