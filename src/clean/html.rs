//! HTML pages: the story is found in the DOM ([`dom`]), its blocks cleaned like text lines.
//!
//! Metadata comes from the markup first (`og:title`, `<title>`, `og:site_name`,
//! `article:published_time`, JSON-LD `datePublished`, `<time datetime>`), the visible text second.
//! Line numbers point into the HTML source: each block is located by its first words, searched
//! forward from the previous block, after the common entities are decoded; a block whose words
//! cannot be found (heavily escaped text) gets the line of the block before it.

use super::dom::{self, Block};
use super::{meta, text, Article, LineStart, Paragraph};
use scraper::{Html, Selector};

/// Cleans an HTML page.
pub fn clean_html(html: &str) -> Article {
    let doc = Html::parse_document(html);
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
    let mut article = text::clean_blocks(paragraphs, &link_dense, page.title.as_deref());
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
