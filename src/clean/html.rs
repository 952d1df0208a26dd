//! HTML pages: the story is found in the DOM ([`dom`]), its blocks cleaned like text lines.
//!
//! Metadata comes from the markup first (`og:title`, `<title>`, `og:site_name`,
//! `article:published_time`, JSON-LD `datePublished`, `<time datetime>`), the visible text second.
//! Line numbers point into the HTML source: each block is located by its first words, searched
//! forward from the previous block, after the common entities are decoded; a block whose words
//! cannot be found (heavily escaped text) gets the line of the block before it.

use super::dom::{self, Block};
use super::{meta, text, Article, LineStart, Paragraph, SiteChrome};
use scraper::{Html, Selector};

/// Cleans an HTML page, dropping the blocks `chrome` says its site repeats.
pub fn clean_html(html: &str, chrome: &SiteChrome) -> Article {
    let doc = Html::parse_document(&cap_attributes(
        &cap_nesting(html, MAX_DEPTH),
        MAX_ATTRIBUTES,
    ));
    let blocks = dom::story_blocks(&doc);
    let lines = SourceLines::new(html);
    let mut cursor = 0;
    let mut paragraphs = Vec::with_capacity(blocks.len());
    let mut link_dense = Vec::with_capacity(blocks.len());
    for Block {
        text,
        heading,
        link_density,
    } in blocks
    {
        let (at, line) = lines.locate(&text, cursor);
        cursor = at;
        link_dense.push(link_density > 0.5 && !heading);
        paragraphs.push(Paragraph {
            text,
            lines: vec![LineStart { offset: 0, line }],
        });
    }
    let page = page_meta(&doc);
    let mut article = text::clean_blocks(paragraphs, &link_dense, page.title.as_deref(), chrome);
    if page.title.is_some() {
        article.title = page.title;
    }
    if page.source.is_some() {
        article.source = page.source;
    }
    if page.date.is_some() {
        article.date = page.date;
    }
    article
}

/// Element depth past which tags are dropped before parsing (their text stays).
const MAX_DEPTH: usize = 3_000;

/// Elements that never have content or a closing tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Drops the tags of elements nested deeper than `max` (approximately: void elements, comments
/// and tags inside scripts are not told apart). html5ever checks the stack of open elements on
/// many start tags, so a page nested 100,000 levels deep would take minutes to parse; no real
/// page nests more than a few dozen levels.
fn cap_nesting(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let bytes = html.as_bytes();
    let mut depth = 0usize;
    let mut dropped_open = 0usize;
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`
    let mut i = 0;
    while let Some(rel) = bytes
        .get(i..)
        .and_then(|b| b.iter().position(|&c| c == b'<'))
    {
        let at = i + rel;
        let Some(end) = bytes
            .get(at..)
            .and_then(|b| b.iter().position(|&c| c == b'>'))
        else {
            break;
        };
        let end = at + end + 1;
        let closing = bytes.get(at + 1) == Some(&b'/');
        let name: Vec<u8> = bytes
            .get(at + 1..end)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .map(u8::to_ascii_lowercase)
            .collect();
        let void = VOID_TAGS.iter().any(|v| v.as_bytes() == name.as_slice());
        let opening = !name.is_empty() && !void && bytes.get(end.saturating_sub(2)) != Some(&b'/');
        let mut drop = false;
        if opening {
            if depth >= max {
                dropped_open += 1;
                drop = true;
            } else {
                depth += 1;
            }
        } else if closing {
            if dropped_open > 0 {
                dropped_open -= 1;
                drop = true;
            } else {
                depth = depth.saturating_sub(1);
            }
        }
        if drop {
            // `at` and `end` sit on ASCII bytes, so both are char boundaries.
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(html.get(copied..at).unwrap_or_default());
            copied = end;
        }
        i = end;
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(html.get(copied..).unwrap_or_default());
            std::borrow::Cow::Owned(buf)
        }
    }
}

/// Attributes kept on one element. html5ever compares each attribute of a tag with every one
/// before it (to drop repeats), so a tag of 100,000 attributes took 21 s to parse.
const MAX_ATTRIBUTES: usize = 64;

fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Drops the attributes of each start tag after its first `max`, in one pass: the tag's name,
/// attribute names and quoted or bare values are read as html5ever reads them, except that
/// `<` inside comments, scripts and styles is taken for a tag too (approximately, as in
/// [`cap_nesting`]; what such text loses is only ever past `max` attribute-like words).
fn cap_attributes(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`
    let mut i = 0;
    while let Some(rel) = b.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        i += rel + 1;
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        while i < b.len() && !is_html_space(b[i]) && !matches!(b[i], b'/' | b'>') {
            i += 1;
        }
        let mut count = 0;
        let mut cut = None;
        loop {
            while i < b.len() && (is_html_space(b[i]) || b[i] == b'/') {
                i += 1;
            }
            if i >= b.len() || b[i] == b'>' {
                break;
            }
            count += 1;
            if count == max + 1 {
                // Just after an ASCII byte, so on a char boundary.
                cut = Some(i);
            }
            // The name: its first byte may be anything, `=` included.
            i += 1;
            while i < b.len() && !is_html_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let mut j = i;
            while j < b.len() && is_html_space(b[j]) {
                j += 1;
            }
            if b.get(j) != Some(&b'=') {
                continue;
            }
            j += 1;
            while j < b.len() && is_html_space(b[j]) {
                j += 1;
            }
            match b.get(j) {
                Some(&quote @ (b'"' | b'\'')) => {
                    j = b
                        .get(j + 1..)
                        .and_then(|rest| memchr::memchr(quote, rest))
                        .map_or(b.len(), |k| j + 1 + k + 1);
                }
                _ => {
                    while j < b.len() && !is_html_space(b[j]) && b[j] != b'>' {
                        j += 1;
                    }
                }
            }
            i = j;
        }
        if let Some(cut) = cut {
            // `i` is at the tag's `>` (ASCII) or the end of the page.
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(html.get(copied..cut).unwrap_or_default());
            copied = i;
        }
    }
    match out {
        None => std::borrow::Cow::Borrowed(html),
        Some(mut buf) => {
            buf.push_str(html.get(copied..).unwrap_or_default());
            std::borrow::Cow::Owned(buf)
        }
    }
}

#[derive(Default)]
struct PageMeta {
    title: Option<String>,
    source: Option<String>,
    date: Option<String>,
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn select_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr))
        .map(squeeze)
        .find(|s| !s.is_empty())
}

fn select_text(doc: &Html, css: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .map(|e| squeeze(&e.text().collect::<String>()))
        .find(|s| !s.is_empty())
}

fn page_meta(doc: &Html) -> PageMeta {
    let og_title = select_attr(doc, r#"meta[property="og:title"]"#, "content");
    let html_title = select_text(doc, "title");
    let site = select_attr(doc, r#"meta[property="og:site_name"]"#, "content");
    let (title, suffix) = match og_title.or(html_title).or_else(|| select_text(doc, "h1")) {
        Some(t) => {
            let (t, s) = meta::strip_site_suffix(t);
            (Some(t), s)
        }
        None => (None, None),
    };
    let date = [
        (r#"meta[property="article:published_time"]"#, "content"),
        (r#"meta[itemprop="datePublished"]"#, "content"),
        (r#"meta[name="date"]"#, "content"),
        (r#"meta[name="pubdate"]"#, "content"),
        (r#"meta[name="publish-date"]"#, "content"),
        (r#"meta[name="dc.date"]"#, "content"),
        (r#"meta[name="DC.date.issued"]"#, "content"),
        ("time[datetime]", "datetime"),
    ]
    .iter()
    .find_map(|(css, attr)| select_attr(doc, css, attr).and_then(|d| meta::find_date(&d)))
    .or_else(|| json_ld_date(doc));
    PageMeta {
        title: title.filter(|t| !t.is_empty()),
        source: site.or(suffix),
        date,
    }
}

/// `"datePublished": "2019-11-19T..."` in a JSON-LD script.
fn json_ld_date(doc: &Html) -> Option<String> {
    let sel = Selector::parse(r#"script[type="application/ld+json"]"#).ok()?;
    doc.select(&sel).find_map(|s| {
        let json: String = s.text().collect();
        let at = json.find("\"datePublished\"")?;
        let rest = json.get(at + "\"datePublished\"".len()..)?;
        let value = rest
            .trim_start()
            .strip_prefix(':')?
            .trim_start()
            .strip_prefix('"')?;
        meta::find_date(value.get(..value.len().min(40))?.split('"').next()?)
    })
}

/// Byte offsets of the HTML source's line starts, to turn an offset into a line number.
struct SourceLines<'a> {
    html: &'a str,
    starts: Vec<usize>,
}

impl<'a> SourceLines<'a> {
    fn new(html: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(html.match_indices('\n').map(|(i, _)| i + 1));
        SourceLines { html, starts }
    }

    fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Where the block `text` starts at or after `from`: (offset, 1-based line).
    fn locate(&self, text: &str, from: usize) -> (usize, usize) {
        let rest = self.html.get(from..).unwrap_or_default();
        let words: Vec<&str> = text.split_whitespace().collect();
        // Longest probe first: several words as they stand, then fewer, then one long word.
        let probes = [4usize, 2, 1]
            .iter()
            .filter(|&&k| words.len() >= k)
            .map(|&k| words[..k].join(" "))
            .chain(
                words
                    .iter()
                    .find(|w| w.len() >= 4 && w.chars().all(char::is_alphanumeric))
                    .map(|w| w.to_string()),
            );
        for probe in probes {
            if let Some(at) = rest.find(&probe) {
                let offset = from + at;
                return (offset, self.line_of(offset));
            }
            let escaped = probe
                .replace('&', "&amp;")
                .replace('\'', "&#39;")
                .replace('"', "&quot;");
            if escaped != probe {
                if let Some(at) = rest.find(&escaped) {
                    let offset = from + at;
                    return (offset, self.line_of(offset));
                }
            }
        }
        (from, self.line_of(from))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html>
<html><head>
<title>Talks resume in Geneva | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="sidebar"><a href="/a">Other story one</a><a href="/b">Other story two</a></div>
<article class="story">
<h1>Talks resume in Geneva</h1>
<p>Negotiators from both sides met on Thursday in Geneva, the first round of talks since the
summer, officials said.</p>
<p>The talks, which had stalled over data rules, are expected to last two days, according to
people familiar with the plans &amp; the agenda.</p>
</article>
<footer>Copyright 2021 The Daily Example. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn the_story_container_is_kept_and_chrome_is_not() {
        let a = clean_html(PAGE, &SiteChrome::default());
        let body = a.body();
        assert!(body.starts_with("Negotiators from both sides met on Thursday in Geneva"));
        assert!(body.contains("people familiar with the plans & the agenda."));
        assert!(!body.contains("Other story"));
        assert!(!body.contains("Home"));
        assert!(!body.contains("All rights reserved"));
        assert!(!body.contains("Talks resume in Geneva"));
    }

    /// A page of `PAGE`'s story inside `open` ... `close`, with a search box and a link list.
    fn wrapped(open: &str, close: &str) -> String {
        let story = PAGE
            .split("<article class=\"story\">")
            .nth(1)
            .and_then(|s| s.split("</article>").next())
            .unwrap_or_default();
        let links: String = (0..30)
            .map(|i| format!("<li><a href=\"/a{i}\">Archive month {i}</a></li>"))
            .collect();
        format!(
            "<html><body>{open}<input name=q><button>Search</button>\
             <ul>{links}</ul><article>{story}</article>{close}</body></html>"
        )
    }

    #[test]
    fn a_form_around_the_whole_page_keeps_the_story() {
        let body = clean_html(
            &wrapped("<form method=post>", "</form>"),
            &SiteChrome::default(),
        )
        .body();
        assert!(body.starts_with("Negotiators from both sides met on Thursday in Geneva"));
        assert!(!body.contains("Search"));
    }

    #[test]
    fn a_chrome_named_box_around_the_whole_page_keeps_the_story() {
        let body = clean_html(
            &wrapped("<div class=\"navbar navbar-fixed-top\">", "</div>"),
            &SiteChrome::default(),
        )
        .body();
        assert!(body.starts_with("Negotiators from both sides met on Thursday in Geneva"));
        assert!(!body.contains("Archive month"));
    }

    #[test]
    fn a_story_split_into_chunks_of_the_same_class_is_kept_whole() {
        let chunk = |words: &str| {
            format!(
                "<div class=\"grid\"><div class=\"body__chunk\"><p>{words} The negotiators met \
                 on Thursday in Geneva, the first round of talks since the summer, officials \
                 said, and they will meet again soon.</p><p>The talks, which had stalled over \
                 data rules, are expected to last two days, people familiar with them said.</p>\
                 </div><aside>Ad</aside></div>"
            )
        };
        let page = format!(
            "<html><body><div class=\"chunks\">{}{}</div></body></html>",
            chunk("First part."),
            chunk("Second part.")
        );
        let body = clean_html(&page, &SiteChrome::default()).body();
        assert!(body.starts_with("First part."), "{body}");
        assert!(body.contains("Second part."), "{body}");
    }

    #[test]
    fn metadata_comes_from_the_markup() {
        let a = clean_html(PAGE, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(a.source.as_deref(), Some("The Daily Example"));
        assert_eq!(a.date.as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn paragraphs_point_at_their_source_lines() {
        let a = clean_html(PAGE, &SiteChrome::default());
        let lines: Vec<usize> = a.paragraphs.iter().map(|p| p.lines[0].line).collect();
        assert_eq!(lines, [11, 13]);
    }

    #[test]
    fn a_page_nested_100_000_levels_deep_does_not_overflow_the_stack() {
        let depth = 100_000;
        let mut page = String::with_capacity(depth * 12);
        page.push_str("<html><body>");
        for _ in 0..depth {
            page.push_str("<div>");
        }
        page.push_str("<p>Deep inside, a sentence of the story, long enough to count as text.</p>");
        for _ in 0..depth {
            page.push_str("</div>");
        }
        let a = clean_html(&page, &SiteChrome::default());
        assert!(a.paragraphs.len() <= 1);
    }

    #[test]
    fn attributes_past_the_cap_are_dropped_and_the_rest_kept_as_written() {
        let page = "<p a=\"1>\" b='2' c=3 d e = \"5\" /f g>text é</p><br x y>";
        assert_eq!(
            cap_attributes(page, 3),
            "<p a=\"1>\" b='2' c=3 >text é</p><br x y>"
        );
        assert_eq!(cap_attributes(page, 7), page);
        assert!(matches!(
            cap_attributes(page, 7),
            std::borrow::Cow::Borrowed(_)
        ));
        // A tag cut off by the end of the page loses its attributes past the cap too.
        assert_eq!(cap_attributes("<i a b c d", 2), "<i a b ");
        assert_eq!(cap_attributes("é<i a=\"x y", 0), "é<i ");
    }

    #[test]
    fn broken_markup_and_odd_text_do_not_panic() {
        for page in [
            "",
            "<",
            "<p>\u{0}\u{202e}שלום 😀</p><p",
            "<table><td><li><p>unclosed “quotes” — é</table></div></div>",
            "<script>var a = '<p>not text</p>';</script>",
        ] {
            let _ = clean_html(page, &SiteChrome::default());
        }
    }
}
