//! HTML pages: flattened to text with html2text, then cleaned as text.
//!
//! Line numbers of paragraphs are mapped back to the HTML source by locating each paragraph's
//! first words in the original markup.

use super::{text, Article};

/// Cleans an HTML page.
pub fn clean_html(html: &str) -> Article {
    let flat = html2text::config::plain()
        .string_from_read(html.as_bytes(), 100_000)
        .unwrap_or_default();
    let mut article = text::clean_text(&flat);
    let title = html_title(html);
    if article.title.is_none() {
        article.title = title;
    }
    remap_lines(html, &mut article);
    article
}

/// The `<title>` element's text, if any.
fn html_title(html: &str) -> Option<String> {
    let lower = html.get(..html.len().min(200_000))?.to_ascii_lowercase();
    let open = lower.find("<title")?;
    let start = open + lower[open..].find('>')? + 1;
    let end = start + lower[start..].find("</title")?;
    let raw = html.get(start..end)?;
    let title =
        super::meta::strip_site_suffix(raw.split_whitespace().collect::<Vec<_>>().join(" "));
    (!title.0.is_empty()).then_some(title.0)
}

/// Points every paragraph line at the line of the HTML source where its first word appears.
fn remap_lines(html: &str, article: &mut Article) {
    let mut from = 0;
    for p in &mut article.paragraphs {
        let first: String = p
            .text
            .split_whitespace()
            .next()
            .unwrap_or_default()
            .to_string();
        let line = match html.get(from..).and_then(|rest| rest.find(&first)) {
            Some(at) => {
                from += at;
                1 + html[..from].bytes().filter(|&b| b == b'\n').count()
            }
            None => 1 + html[..from].bytes().filter(|&b| b == b'\n').count(),
        };
        for l in &mut p.lines {
            l.line = line;
        }
    }
    for r in &mut article.removed {
        r.line = 0;
    }
}
