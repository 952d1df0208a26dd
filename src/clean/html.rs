//! HTML pages: the story is found in the DOM ([`dom`]), its blocks cleaned like text lines.
//!
//! Metadata comes from the markup first (`og:title`, `<title>`, `og:site_name`,
//! `article:published_time`, JSON-LD `datePublished`, `<time datetime>`), the visible text second.
//! Line numbers point into the HTML source: each block is found in the page's visible text
//! ([`source_text`]), searched forward from the previous block, so it is cited where its words
//! stand in the body, never at a `<meta>` line or a script that repeats them.

use super::date;
use super::dom::{self, Block};
use super::source_text::SourceText;
use super::{meta, text, Article, LineStart, Paragraph, Removed, SiteChrome};
use scraper::{Html, Selector};

/// Cleans an HTML page, dropping the blocks `chrome` says its site repeats (the tests' entry:
/// the indexer passes the page's address when it has one).
#[cfg(test)]
pub fn clean_html(html: &str, chrome: &SiteChrome) -> Article {
    clean_html_from(html, chrome, None)
}

/// Cleans an HTML page, dropping the blocks `chrome` says its site repeats. `address` is where
/// it was fetched from (a web archive's or a scraper's record): where the page names no address
/// of its own, the date in that one's path counts as the page's would.
pub fn clean_html_from(html: &str, chrome: &SiteChrome, address: Option<&str>) -> Article {
    let doc = Html::parse_document(&mend_start_tags(
        &cap_nesting(html, MAX_DEPTH),
        MAX_ATTRIBUTES,
    ));
    let blocks = dom::story_blocks(&doc);
    let mut page = page_meta(&doc);
    if page.url_date.is_none() {
        page.url_date = address.and_then(date::url_date);
    }
    // The date shown beside the headline is the one a reader takes for the article's.
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let byline_date = page
        .title
        .as_deref()
        .and_then(|t| date::byline_date(&texts, t, page.dates.language.as_deref()));
    let source = SourceText::new(html);
    let mut cursor = 0;
    let mut last_line = 1;
    // A date in the prose counts only where it is labelled as the article's.
    // In the story a line holding only a date counts too; in the page around it (related
    // posts, archives) only a labelled one: a byline's "Published ..." often stands there.
    // A label and its date may stand in elements of their own ("Published" / "Feb 2, 2023").
    let prose_date = blocks.iter().enumerate().find_map(|(i, b)| {
        let language = page.dates.language.as_deref();
        date::labelled_date(&b.text, b.dropped.is_none(), language).or_else(|| {
            blocks
                .get(i + 1)
                .and_then(|next| date::label_then_date(&b.text, &next.text, language))
        })
    });
    let mut cut_headline = page.cut_headline.take();
    let mut paragraphs = Vec::with_capacity(blocks.len());
    let mut link_dense = Vec::with_capacity(blocks.len());
    let mut dropped = Vec::new();
    for Block {
        text,
        heading,
        link_density,
        dropped: reason,
        ..
    } in blocks
    {
        // A block not found in the source (text a parser repaired) takes the line of the one
        // before it.
        let lines = match source.locate(&text, cursor) {
            Some((end, lines)) => {
                cursor = end;
                lines
            }
            None => vec![LineStart {
                offset: 0,
                line: last_line,
            }],
        };
        last_line = lines.last().map_or(last_line, |l| l.line);
        // A headline whose title is one of its fields stays in the story even where the page
        // around it is dropped: its other fields' words are nowhere else.
        let kept_headline = reason.is_some() && cut_headline.as_deref() == Some(text.as_str());
        if kept_headline {
            cut_headline = None;
        }
        if let Some(reason) = reason.filter(|_| !kept_headline) {
            let line = lines.first().map_or(last_line, |l| l.line);
            dropped.push(Removed { line, text, reason });
            continue;
        }
        link_dense.push(link_density > 0.5 && !heading);
        paragraphs.push(Paragraph { text, lines });
    }
    let mut article = text::clean_blocks(paragraphs, &link_dense, page.title.as_deref(), chrome);
    if page.title.is_some() {
        article.title = page.title;
    }
    // A title is one field of a longer one only where the other fields' words can still be
    // found: in the story or the source. Otherwise the whole title stays, so no word is lost.
    if let Some(whole) = page.whole_title {
        let source = page.source.as_deref().unwrap_or_default();
        if !words_found(
            &whole,
            &[article.title.as_deref().unwrap_or_default(), source],
            &article.body(),
        ) {
            article.title = Some(whole);
        }
    }
    article.title_line = article.title.as_deref().and_then(|t| source.title_line(t));
    if page.source.is_some() {
        article.source = page.source;
    }
    article.date = date::article_date(byline_date, &page.dates, page.url_date, prose_date);
    // Every word left out is listed: the page's chrome beside what the story's cleaning dropped.
    article.removed.extend(dropped);
    article.removed.sort_by_key(|r| r.line);
    article
}

/// Element depth past which tags are dropped before parsing (their text stays).
const MAX_DEPTH: usize = 3_000;

/// Elements that never have content or a closing tag.
const VOID_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Drops the tags of elements nested deeper than `max` (approximately: void elements are told
/// apart and the text of comments, scripts and styles passed over, but implied end tags are not
/// counted). html5ever checks the stack of open elements on many start tags, so a page nested
/// 100,000 levels deep would take minutes to parse; no real page nests more than a few dozen
/// levels.
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
        if let Some(skip) = skip_text(bytes, at, 0..0, 0) {
            i = skip;
            continue;
        }
        let closing = bytes.get(at + 1) == Some(&b'/');
        let name_len = bytes
            .get(at + 1..end)
            .unwrap_or_default()
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        let name: Vec<u8> = bytes[at + 1..at + 1 + name_len]
            .iter()
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
        if opening && !drop {
            if let Some(skip) = skip_text(bytes, at, at + 1..at + 1 + name_len, end) {
                i = skip;
            }
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

/// Attributes kept on one element. html5ever compares each attribute of a tag with every one
/// before it (to drop repeats), so a tag of 100,000 attributes took 21 s to parse.
const MAX_ATTRIBUTES: usize = 64;

fn is_html_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Elements whose content html5ever reads as text up to their end tag: a `<` inside a script
/// (`i<n`) opens no tag there, and must not here either.
const RAW_TEXT_TAGS: &[&[u8]] = &[
    b"script",
    b"style",
    b"textarea",
    b"title",
    b"xmp",
    b"iframe",
    b"noembed",
    b"noframes",
];

/// Where the text that a `<` at `at` starts runs on to without holding any tag, for the passes
/// that read tags before the parser: past the end of a comment (`<!--` to `-->`), or, when the
/// start tag of a raw-text element ([`RAW_TEXT_TAGS`]) named `b[name]` ends at `tag_end`, to the
/// `<` of its end tag (or the page's end). `None` for any other tag.
fn skip_text(b: &[u8], at: usize, name: std::ops::Range<usize>, tag_end: usize) -> Option<usize> {
    if b.get(at..).is_some_and(|rest| rest.starts_with(b"<!--")) {
        let from = (at + 4).min(b.len());
        return Some(memchr::memmem::find(&b[from..], b"-->").map_or(b.len(), |k| from + k + 3));
    }
    let name = b.get(name)?;
    if !RAW_TEXT_TAGS.iter().any(|t| t.eq_ignore_ascii_case(name)) {
        return None;
    }
    let mut i = tag_end.min(b.len());
    while let Some(rel) = memchr::memmem::find(&b[i..], b"</") {
        let close = i + rel;
        let after = close + 2 + name.len();
        let named = b
            .get(close + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name));
        if named
            && b.get(after)
                .is_none_or(|&c| is_html_space(c) || matches!(c, b'>' | b'/'))
        {
            return Some(close);
        }
        i = close + 2;
    }
    Some(b.len())
}

/// Mends start tags before the parser, in one pass: drops the attributes of each after its
/// first `max`, and closes one that lacks its `>` where a tag starts inside it. The tag's name,
/// attribute names and quoted or bare values are read as html5ever reads them, and the text of
/// comments, scripts and styles is passed over ([`skip_text`]).
///
/// A `<` that starts a tag among a start tag's attribute names (`<a href="#" Reply</a>`) means
/// its author left out the `>`: read as HTML is, the link never closes, and a browser shows the
/// rest of the page inside copies of it, so link-dense rules would drop the story after it.
/// The tag is closed just before that `<`; the words between stay attributes, unseen, as they
/// are in a browser.
fn mend_start_tags(html: &str, max: usize) -> std::borrow::Cow<'_, str> {
    let b = html.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0; // bytes of `html` already in `out`
    let mut i = 0;
    while let Some(rel) = b.get(i..).and_then(|rest| memchr::memchr(b'<', rest)) {
        let at = i + rel;
        i = at + 1;
        if let Some(end) = skip_text(b, at, 0..0, 0) {
            i = end;
            continue;
        }
        if !b.get(i).is_some_and(u8::is_ascii_alphabetic) {
            continue;
        }
        let name_start = i;
        while i < b.len() && !is_html_space(b[i]) && !matches!(b[i], b'/' | b'>') {
            i += 1;
        }
        let name = name_start..i;
        let mut count = 0;
        let mut cut = None;
        let mut unclosed = None;
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
            let attr_start = i;
            i += 1;
            while i < b.len() && !is_html_space(b[i]) && !matches!(b[i], b'/' | b'>' | b'=') {
                i += 1;
            }
            let opens_tag = |k: usize| {
                b[k] == b'<'
                    && b.get(k + 1)
                        .is_some_and(|&c| c == b'/' || c.is_ascii_alphabetic())
            };
            if let Some(k) = (attr_start..i.min(b.len())).find(|&k| opens_tag(k)) {
                unclosed = Some(k);
                break;
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
        if let Some(k) = unclosed {
            // `k` is on the `<` (ASCII): the tag ends there, the text after it is read again.
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(html.get(copied..cut.unwrap_or(k)).unwrap_or_default());
            buf.push('>');
            copied = k;
            i = k;
        } else if let Some(cut) = cut {
            // `i` is at the tag's `>` (ASCII) or the end of the page.
            let buf = out.get_or_insert_with(|| String::with_capacity(html.len()));
            buf.push_str(html.get(copied..cut).unwrap_or_default());
            copied = i;
        }
        // A script's text holds no tags: read as one, its `i<n` and quotes could cut the
        // script's own end tag, and the script would swallow the rest of the page.
        if let Some(end) = skip_text(b, at, name, i) {
            i = end;
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
    /// The `<h1>` as shown, when the title is one of its fields: the block stays in the story
    /// so that the other fields' words stay searchable.
    cut_headline: Option<String>,
    /// The title before [`headline_field`] took one of its fields, when it did.
    whole_title: Option<String>,
    source: Option<String>,
    dates: date::MarkupDates,
    /// The date in the path of the page's own address.
    url_date: Option<String>,
}

fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of `attr` of the first element `css` selects where it is not blank, whitespace
/// squeezed.
pub(super) fn select_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr))
        .map(squeeze)
        .find(|s| !s.is_empty())
}

/// The text of an element as a reader sees it on one line: a line break or a block inside it
/// (`Top MBA Programs (US)<br>Your Guide`) parts words, as the page shows them apart; a
/// script, a style or a hidden element inside it shows nothing.
fn shown_text(element: scraper::ElementRef) -> String {
    let unseen = |node: ego_tree::NodeRef<scraper::Node>| {
        node.ancestors()
            .take_while(|a| a.id() != element.id())
            .filter_map(|a| a.value().as_element())
            .any(|e| {
                matches!(e.name(), "script" | "style" | "template" | "noscript")
                    || dom::is_hidden(e)
            })
    };
    let mut text = String::new();
    for edge in element.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Text(t) if !unseen(node) => text.push_str(t),
                scraper::Node::Element(e) if dom::BLOCK_TAGS.contains(&e.name()) => text.push(' '),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if node
                    .value()
                    .as_element()
                    .is_some_and(|e| dom::BLOCK_TAGS.contains(&e.name()))
                {
                    text.push(' ');
                }
            }
        }
    }
    squeeze(&text)
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
    let meta_title = og_title.or(html_title);
    let (title, suffix) = match meta_title {
        Some(t) => {
            let (t, s) = meta::strip_site_suffix(t);
            (Some(t), s)
        }
        None => (None, None),
    };
    let shown = headline(doc, title.as_deref());
    let headline = shown
        .clone()
        .map(|h| match site.as_deref() {
            Some(site) => cut_site_name(h, site),
            None => h,
        })
        .map(|h| written_case(h, title.as_deref()));
    let from_page = headline.is_some();
    let whole = headline.or(title).filter(|t| !t.is_empty());
    let title = whole.clone().map(headline_field);
    let cut = title != whole;
    PageMeta {
        cut_headline: shown.filter(|_| from_page && cut),
        whole_title: whole.filter(|_| cut),
        title,
        source: site.or(suffix),
        dates: date::markup_dates(doc),
        url_date: select_attr(doc, r#"link[rel="canonical"]"#, "href")
            .or_else(|| select_attr(doc, r#"meta[property="og:url"]"#, "content"))
            .and_then(|url| date::url_date(&url)),
    }
}

/// The headline without the site's name (`og:site_name`) that some templates run on after it
/// ("Best UK Art Exhibitions 2025 – Artlyst").
fn cut_site_name(headline: String, site: &str) -> String {
    let site = squeeze(&site.to_lowercase());
    if site.is_empty() {
        return headline;
    }
    for sep in [" | ", " - ", " – ", " — ", " • ", " · "] {
        if let Some(at) = headline.rfind(sep) {
            let (head, tail) = (&headline[..at], &headline[at + sep.len()..]);
            if !head.trim().is_empty() && squeeze(&tail.to_lowercase()) == site {
                return head.trim_end().to_string();
            }
        }
    }
    headline
}

/// The markup title's spelling of a headline the page sets in capitals ("TIPS FOR ONLINE
/// SUCCESS" for "Tips for Online Success"): the capitals are the template's style, the markup
/// keeps the words as they were written.
fn written_case(headline: String, markup_title: Option<&str>) -> String {
    match markup_title {
        Some(t)
            if meta::is_in_capitals(&headline)
                && !meta::is_in_capitals(t)
                && headline.to_lowercase() == t.to_lowercase() =>
        {
            t.to_string()
        }
        _ => headline,
    }
}

/// The headline among the fields a template parts with pipes (headline | section | site, "How
/// meditation rewires brains | Opinion", "Opinion | Why buses run late"): the field of the
/// most words, as sections, site names and taglines are short, and headlines themselves use
/// dashes and colons, not pipes. The other fields stay in the body when the page shows them.
fn headline_field(title: String) -> String {
    if !title.contains(" | ") {
        return title;
    }
    let mut best: Option<(usize, &str)> = None;
    for field in title.split(" | ").map(str::trim) {
        let words = field.split_whitespace().count();
        if best.is_none_or(|(most, _)| words > most) {
            best = Some((words, field));
        }
    }
    match best {
        Some((words, field)) if words > 0 => field.to_string(),
        _ => title,
    }
}

/// Whether every word of `text` is in one of `texts` or in `body` (compared in lower case).
fn words_found(text: &str, texts: &[&str], body: &str) -> bool {
    let words = |t: &str| -> std::collections::HashSet<String> {
        crate::analysis::WordSpans::new(t)
            .map(|(s, e)| t[s..e].to_lowercase())
            .collect()
    };
    let mut found = words(body);
    for t in texts {
        found.extend(words(t));
    }
    words(text).is_subset(&found)
}

/// The headline as the page shows it: of the page's `<h1>`s, the one closest in words to the
/// title the markup gives (`og:title`, `<title>`, its site suffix cut), as long as they share
/// half their words. The markup's title is often a search-engine variant of the headline, while
/// another `<h1>` may hold a logo, a section or a blog's name. A lone `<h1>` sharing no word with
/// the markup's title is such a name, and gives way to that title.
fn headline(doc: &Html, meta_title: Option<&str>) -> Option<String> {
    let sel = Selector::parse("h1").ok()?;
    let h1s: Vec<String> = doc
        .select(&sel)
        .map(shown_text)
        .filter(|s| !s.is_empty())
        .collect();
    let Some(meta_title) = meta_title else {
        return h1s.into_iter().next();
    };
    let words = |t: &str| -> std::collections::HashSet<String> {
        crate::analysis::WordSpans::new(t)
            .map(|(s, e)| t[s..e].to_lowercase())
            .collect()
    };
    let meta_words = words(meta_title);
    // Dice's coefficient of the two sets of words: 1 for the same words, 0 for none shared.
    let likeness = |h: &str| {
        let own = words(h);
        let total = own.len() + meta_words.len();
        if total == 0 {
            return 0.0;
        }
        2.0 * own.intersection(&meta_words).count() as f64 / total as f64
    };
    let mut best: Option<(f64, &String)> = None;
    for h in &h1s {
        let score = likeness(h);
        if score >= 0.5 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, h));
        }
    }
    if let Some((_, h)) = best {
        return Some(h.clone());
    }
    match h1s.as_slice() {
        [only] if likeness(only) > 0.0 => Some(only.clone()),
        _ => None,
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
    fn a_story_in_widgets_of_their_own_class_is_kept_whole() {
        // A page builder gives each text widget a class of its own, under wrappers of its own:
        // no one box holds the story, and the nearest box that holds the close runners-up does.
        let widget = |n: usize, words: &str| {
            format!(
                "<section class=\"row row-{n}\"><div class=\"col col-{n}\"><div class=\"widget w-{n}\">\
                 <p>{words} The negotiators met on Thursday in Geneva, the first round of talks \
                 since the summer, officials said, and they will meet again soon, perhaps in \
                 Vienna, perhaps in Oslo.</p><p>The talks, which had stalled over data rules, \
                 are expected to last two days, people familiar with them said.</p></div></div>\
                 </section>"
            )
        };
        let parts = ["First part.", "Second part.", "Third part.", "Fourth part."];
        let page = format!(
            "<html><body><nav><a href=\"/\">Home</a></nav><main class=\"page\">{}</main>\
             <footer>Copyright 2021 The Daily Example.</footer></body></html>",
            parts
                .iter()
                .enumerate()
                .map(|(n, w)| widget(n, w))
                .collect::<String>()
        );
        let body = clean_html(&page, &SiteChrome::default()).body();
        for part in parts {
            assert!(body.contains(part), "{part} lost: {body}");
        }
        assert!(!body.contains("Copyright"), "{body}");
    }

    #[test]
    fn a_read_next_box_inside_the_story_does_not_end_it() {
        let para = |w: &str| {
            format!(
                "<p>{w} The negotiators met on Thursday in Geneva, the first round of talks \
                 since the summer, officials said, and they will meet again soon. The talks, \
                 which had stalled over data rules, are expected to last two days, according \
                 to people familiar with the plans.</p>"
            )
        };
        let teaser = |w: &str| {
            format!("<h3><a href=\"/{w}\">{w} wins the cup</a></h3><p>A short excerpt of {w}.</p>")
        };
        let page = format!(
            "<html><body><article>{}{}<h3>Read Next</h3><ul><li><a href=\"/a\">One</a></li>\
             <li><a href=\"/b\">Two</a></li><li><a href=\"/c\">Three</a></li></ul>{}{}\
             <h2>Related posts</h2>{}{}{}</article></body></html>",
            para("First."),
            para("Second."),
            para("Third."),
            para("Fourth."),
            teaser("Alpha"),
            teaser("Beta"),
            teaser("Gamma"),
        );
        let a = clean_html(&page, &SiteChrome::default());
        let body = a.body();
        for w in ["First.", "Second.", "Third.", "Fourth."] {
            assert!(body.contains(w), "{w} lost: {body}");
        }
        assert!(!body.contains("excerpt"), "{body}");
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
    fn a_paragraph_repeated_in_the_meta_description_is_cited_in_the_body() {
        let page = "<html><head>\n<meta name=\"description\" content=\"Negotiators from both \
                    sides met on Thursday in Geneva.\">\n<script>var lede = \"Negotiators from \
                    both sides met\";</script>\n</head><body><article>\n<p>Negotiators from \
                    both sides met on Thursday in Geneva, the first round of talks since the \
                    summer, officials said.</p>\n</article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        let lines: Vec<usize> = a.paragraphs.iter().map(|p| p.lines[0].line).collect();
        assert_eq!(lines, [5]);
    }

    #[test]
    fn a_long_paragraph_over_several_lines_cites_each_passage_at_its_line() {
        let first = "Negotiators met in Geneva on Thursday, officials said. ".repeat(10);
        let page = format!(
            "<html><body><article>\n<p>{first}\nThe talks are expected to last two days, \
             people familiar with the plans said.</p>\n</article></body></html>"
        );
        let a = clean_html(&page, &SiteChrome::default());
        let passages = crate::passage::split(&a);
        let last = passages.last().map(|p| (p.line, p.text.as_str()));
        assert_eq!(
            last,
            Some((
                3,
                "The talks are expected to last two days, people familiar with the plans said."
            ))
        );
    }

    #[test]
    fn a_title_not_in_the_body_is_cited_at_the_title_element() {
        let page = PAGE.replace("<h1>Talks resume in Geneva</h1>", "");
        let a = clean_html(&page, &SiteChrome::default());
        let passages = crate::passage::split(&a);
        assert_eq!(
            passages.first().map(|p| (p.line, p.text.as_str())),
            Some((3, "Talks resume in Geneva"))
        );
    }

    #[test]
    fn link_text_classed_like_chrome_stays_in_its_sentence() {
        let page = "<html><body><article><p>I absolutely adore <a href=\"/bread\" \
                    class=\"tag promo\">baking homemade bread</a>. When I have time on the \
                    weekend, I bake two loaves, and my family eats them within the day.</p>\
                    </article></body></html>";
        let body = clean_html(page, &SiteChrome::default()).body();
        assert!(
            body.starts_with("I absolutely adore baking homemade bread. When I have time"),
            "{body}"
        );
    }

    #[test]
    fn inline_tags_add_no_space_before_punctuation() {
        let page = "<html><body><article><p>Wake up <em>early</em>. The dough needs \
                    <strong>four hours</strong> to rise, so start before breakfast and keep it \
                    somewhere <a href=\"/warm\">warm</a>, out of the draught.</p>\
                    </article></body></html>";
        let body = clean_html(page, &SiteChrome::default()).body();
        assert_eq!(
            body,
            "Wake up early. The dough needs four hours to rise, so start before breakfast and \
             keep it somewhere warm, out of the draught."
        );
    }

    #[test]
    fn inline_boxes_side_by_side_keep_their_words_apart() {
        let page = "<html><body><article><h2><a href=\"/earth-ball\">Earth Ball</a><em>Outside \
                    Over There</em></h2><p>The album of the year was recorded in a barn over \
                    <b>t</b>wo winters, the band said in an interview last week.</p>\
                    </article></body></html>";
        let body = clean_html(page, &SiteChrome::default()).body();
        assert!(body.contains("Earth Ball Outside Over There"), "{body}");
        assert!(body.contains("over two winters"), "{body}");
    }

    #[test]
    fn a_date_in_a_history_sentence_does_not_date_the_page() {
        let page = "<html><body><article><p>Ship found</p><p>On 30 January 1945 the ship \
                    sank off the coast, and divers have now found it, the museum said.</p>\
                    <p>January 30, 1945</p></article></body></html>";
        let bare = clean_html(page, &SiteChrome::default());
        assert_eq!(bare.date.as_deref(), Some("1945-01-30"));
        let page = page.replace("<p>January 30, 1945</p>", "");
        assert_eq!(clean_html(&page, &SiteChrome::default()).date, None);
    }

    #[test]
    fn the_title_is_the_headline_the_page_shows() {
        let page = PAGE.replace(
            "<title>Talks resume in Geneva | The Daily Example</title>",
            "<title>Geneva talks: what to expect | The Daily Example</title>\
             <meta property=\"og:title\" content=\"Geneva talks: what to expect\">",
        );
        let a = clean_html(&page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(a.source.as_deref(), Some("The Daily Example"));
    }

    /// A page with `head` in its head and `byline` under its headline.
    fn dated_page(head: &str, byline: &str) -> String {
        format!(
            "<html><head><title>How to rent a car | Driving Tests</title>{head}</head><body>\
             <article><h1>How to rent a car</h1><p>{byline}</p><p>Renting a car takes a \
             licence, a card and some patience, and the counter staff will check all three \
             before they hand over the keys, the guide says.</p></article></body></html>"
        )
    }

    #[test]
    fn the_date_the_byline_shows_wins_over_the_markups() {
        let page = dated_page(
            r#"<meta property="article:published_time" content="2012-09-12T16:45:28+00:00">"#,
            "By Jane Doe · September 8, 2021",
        );
        let a = clean_html(&page, &SiteChrome::default());
        assert_eq!(a.date.as_deref(), Some("2021-09-08"));
    }

    /// A JSON-LD article node with these dates.
    fn ld(published: &str, modified: &str) -> String {
        format!(
            r#"<script type="application/ld+json">{{"@context":"https://schema.org",
            "@type":"BlogPosting","headline":"How to rent a car","datePublished":"{published}",
            "dateModified":"{modified}"}}</script>"#
        )
    }

    #[test]
    fn an_update_shown_alone_is_settled_by_where_the_markup_states_the_publication() {
        // The byline shows when the page was updated, the markup when it was published.
        let byline = "Updated : December 04, 2025 | Reviewed by the editors";
        let og = r#"<meta property="article:published_time" content="2024-02-27T10:00:00Z">"#;
        let ld = ld("2024-02-27T10:00:00Z", "2025-12-04T08:00:00Z");
        let date = |head: &str| clean_html(&dated_page(head, byline), &SiteChrome::default()).date;
        // Open Graph alone: the publication the page states.
        assert_eq!(date(og).as_deref(), Some("2024-02-27"));
        // JSON-LD alone: the date the reader sees.
        assert_eq!(date(&ld).as_deref(), Some("2025-12-04"));
        // Both: the page does not settle it.
        assert_eq!(date(&format!("{og}{ld}")), None);
        // Without a published date in the markup the update's date is the only one stated.
        assert_eq!(date("").as_deref(), Some("2025-12-04"));
    }

    #[test]
    fn a_byline_showing_the_markups_modified_date_is_settled_likewise() {
        let og = r#"<meta property="article:published_time" content="2024-09-06T13:12:36+00:00">
            <meta property="article:modified_time" content="2025-11-14T09:00:00+00:00">"#;
        let ld = ld("2024-09-06T13:12:36+00:00", "2025-11-14T09:00:00+00:00");
        let date = |head: &str| {
            clean_html(
                &dated_page(head, "By Jane Doe · November 14, 2025"),
                &SiteChrome::default(),
            )
            .date
        };
        assert_eq!(date(og).as_deref(), Some("2024-09-06"));
        assert_eq!(date(&ld).as_deref(), Some("2025-11-14"));
        assert_eq!(date(&format!("{og}{ld}")), None);
    }

    #[test]
    fn a_byline_a_day_from_a_utc_stamp_gives_no_date_unless_the_page_settles_it() {
        let og = r#"<meta property="article:published_time" content="2021-12-10T12:17:00+00:00">"#;
        let head = format!("{og}{}", ld("2021-12-10T12:17:00+00:00", "2021-12-10"));
        let date = |head: &str| {
            clean_html(
                &dated_page(head, "Sourdough · December 9, 2021"),
                &SiteChrome::default(),
            )
            .date
        };
        assert_eq!(date(&head), None);
        let canonical =
            r#"<link rel="canonical" href="https://blog.example.org/2021/12/09/rent-a-car">"#;
        assert_eq!(
            date(&format!("{head}{canonical}")).as_deref(),
            Some("2021-12-09")
        );
        // Open Graph alone states the publication.
        assert_eq!(date(og).as_deref(), Some("2021-12-10"));
    }

    #[test]
    fn a_byline_that_agrees_with_the_utc_day_of_the_stamp_dates_the_page() {
        // 19:30 in California on 14 May is 15 May in UTC: both are the same moment.
        let head =
            r#"<meta property="article:published_time" content="2025-05-14T19:30:03-07:00">"#;
        let a = clean_html(
            &dated_page(head, "By Jane Doe · May 15, 2025"),
            &SiteChrome::default(),
        );
        assert_eq!(a.date.as_deref(), Some("2025-05-15"));
    }

    #[test]
    fn a_page_dated_nowhere_else_is_dated_by_its_address() {
        let head =
            r#"<link rel="canonical" href="https://blog.example.org/2025/12/19/rent-a-car">"#;
        let a = clean_html(&dated_page(head, "By Jane Doe"), &SiteChrome::default());
        assert_eq!(a.date.as_deref(), Some("2025-12-19"));
        let a = clean_html(&dated_page("", "By Jane Doe"), &SiteChrome::default());
        assert_eq!(a.date, None);
    }

    #[test]
    fn a_line_break_or_a_block_inside_the_headline_parts_its_words() {
        for h1 in [
            "Prices rise again<br>What it means for renters",
            "Prices rise again<div>What it means for renters</div>",
            "Prices rise again <script>var x = \"junk\";</script><br>What it means for \
             renters<span hidden>Subscribe now</span>",
        ] {
            let page = format!(
                "<html><head><title>Prices rise again | The Daily Example</title></head><body>\
                 <article><h1>{h1}</h1><p>Rents rose for the sixth month in a row, the city's \
                 housing office said on Monday, and tenants' groups asked for a freeze.</p>\
                 </article></body></html>"
            );
            let a = clean_html(&page, &SiteChrome::default());
            assert_eq!(
                a.title.as_deref(),
                Some("Prices rise again What it means for renters"),
                "{h1}"
            );
        }
    }

    #[test]
    fn a_lone_h1_holding_the_sites_name_gives_way_to_the_markups_title() {
        let page = "<html><head><title>A brief intro to git • Cory Dransfeldt</title></head>\
                    <body><header><h1>Cory Dransfeldt</h1></header><article><p>Git tracks \
                    changes to files, and this post walks through the handful of commands \
                    that cover most days of work with it.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("A brief intro to git"));
    }

    #[test]
    fn the_sites_name_run_on_after_the_headline_is_cut() {
        let page = "<html><head><title>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst \
                    - Artlyst</title><meta property=\"og:site_name\" content=\"Artlyst\"></head>\
                    <body><article><h1>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst</h1>\
                    <p>Our critics chose the exhibitions of the year, from Tate Modern to a small \
                    gallery in Margate, and say why each is worth the journey.</p></article>\
                    </body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Critics’ Choice: Best UK Art Exhibitions 2025")
        );
        assert_eq!(a.source.as_deref(), Some("Artlyst"));
    }

    #[test]
    fn the_byline_is_found_under_a_headline_in_another_case_than_the_title() {
        let page = "<html><head><title>How Much Should I Pay For Cleaning?</title>\
                    <meta property=\"article:published_time\" content=\"2025-11-05\">\
                    <meta property=\"article:modified_time\" content=\"2025-11-05\"></head>\
                    <body><article><h2>HOW MUCH SHOULD I PAY FOR CLEANING?</h2><p>January 31, \
                    2024</p><p>Hiring a cleaner for your business costs what the rooms, the \
                    hours and the kind of cleaning ask for, and this guide says how much.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("How Much Should I Pay For Cleaning?")
        );
        assert_eq!(a.date.as_deref(), Some("2024-01-31"));
    }

    #[test]
    fn of_several_h1s_the_one_closest_to_the_markups_title_is_the_headline() {
        let page = "<html><head><title>Budget Traveler's Guide To Travel Insurance - Budget \
                    Travel With Gabby</title></head><body><header><h1>Budget Travel With \
                    Gabby</h1></header><article><h1>Budget Traveler’s Guide To Travel \
                    Insurance</h1><p>Travel insurance covers the trip you paid for, and this \
                    guide says which plan fits which kind of traveller and budget.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Budget Traveler’s Guide To Travel Insurance")
        );
    }

    #[test]
    fn a_headline_set_in_capitals_takes_the_markups_spelling() {
        let page = "<html><head><title>Tips for Online Success</title></head><body><article>\
                    <h1>TIPS FOR ONLINE SUCCESS</h1><p>Online classes ask for the same hours as \
                    classes on campus, and these tips help students plan the week ahead.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("Tips for Online Success"));
    }

    #[test]
    fn a_section_after_a_pipe_leaves_the_headline_and_stays_in_the_body() {
        let page = "<html><head><meta property=\"og:title\" content=\"How meditation rewires \
                    brains | Opinion\"><title>How meditation rewires brains | Opinion | The \
                    Daily Example</title></head><body><article><h1>How meditation rewires \
                    brains | Opinion</h1><p>Ten minutes of quiet a day changes how the brain \
                    handles stress, a study of two hundred adults found this year.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("How meditation rewires brains"));
        assert!(a.body().contains("Opinion"), "{}", a.body());
    }

    #[test]
    fn of_the_fields_parted_by_pipes_the_longest_is_the_headline() {
        let page = "<html><head><title>Transport | Why the buses run late every winter | The \
                    Daily Example</title></head><body><article><h1>Transport | Why the buses \
                    run late every winter</h1><p>Ice on the depot's doors and drivers off sick \
                    leave the city short of buses each January, the operator's figures show.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Why the buses run late every winter")
        );
        assert!(a.body().starts_with("Transport | Why"), "{}", a.body());
    }

    #[test]
    fn a_headline_outside_the_story_whose_title_is_one_field_stays_in_the_body() {
        let page = "<html><head><title>Transport | Why the buses run late every winter</title>\
                    </head><body><div class=\"page-header\"><h1>Transport | Why the buses run \
                    late every winter</h1></div><div class=\"entry-content\"><p>Ice on the \
                    depot's doors and drivers off sick leave the city short of buses each \
                    January, the operator's figures show.</p><p>The operator said new heaters \
                    would be fitted before the next cold spell, at a cost it did not give.</p>\
                    </div></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Why the buses run late every winter")
        );
        assert!(a.body().starts_with("Transport | Why"), "{}", a.body());
    }

    #[test]
    fn a_title_keeps_its_fields_whose_words_the_page_has_nowhere_else() {
        let page = "<html><head><title>Transport | Why the buses run late every winter | The \
                    Daily Example</title></head><body><article><p>Ice on the depot's doors and \
                    drivers off sick leave the city short of buses each January, the operator's \
                    figures show.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Transport | Why the buses run late every winter")
        );
    }

    #[test]
    fn a_story_in_page_builder_widgets_is_kept() {
        let widget = |text: &str| {
            format!(
                "<div class=\"elementor-widget elementor-widget-text-editor\">\
                 <div class=\"elementor-widget-container\"><p>{text}</p></div></div>"
            )
        };
        // Much other text on the page, so that the story's box is under a third of it.
        let links: String = (0..60)
            .map(|i| format!("<li><a href=\"/p{i}\">Popular post number {i} of the site</a></li>"))
            .collect();
        let page =
            format!(
            "<html><body><div class=\"elementor-section\">{}</div>\
             <div class=\"elementor-widget\"><ul>{links}</ul></div></body></html>",
            widget(&["Learning apps offer a way to practise a language every day, on the bus or \
                    in a queue, and most of them cost less than a single class.",
            "We tested fifteen of them for a month each, with native speakers checking \
                    what we had learnt, and ranked them by what we could say at the end.",
            "The best of them taught us to hold a simple conversation; the worst taught \
                    us to tap the right picture, which is not the same thing at all."]
            .join("</p><p>")),
        );
        let body = clean_html(&page, &SiteChrome::default()).body();
        assert!(body.starts_with("Learning apps offer a way"), "{body}");
        assert!(
            body.contains("which is not the same thing at all."),
            "{body}"
        );
        assert!(!body.contains("Popular post"), "{body}");
    }

    #[test]
    fn every_word_left_out_is_listed_with_its_reason() {
        let a = clean_html(PAGE, &SiteChrome::default());
        let removed: Vec<(usize, &str, &str)> = a
            .removed
            .iter()
            .map(|r| (r.line, r.reason.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            removed,
            [
                (7, "navigation", "Home World Sport"),
                (8, "chrome box", "Other story one Other story two"),
                (10, "title", "Talks resume in Geneva"),
                (
                    16,
                    "footer",
                    "Copyright 2021 The Daily Example. All rights reserved."
                ),
            ]
        );
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
            mend_start_tags(page, 3),
            "<p a=\"1>\" b='2' c=3 >text é</p><br x y>"
        );
        assert_eq!(mend_start_tags(page, 7), page);
        assert!(matches!(
            mend_start_tags(page, 7),
            std::borrow::Cow::Borrowed(_)
        ));
        // A tag cut off by the end of the page loses its attributes past the cap too.
        assert_eq!(mend_start_tags("<i a b c d", 2), "<i a b ");
        assert_eq!(mend_start_tags("é<i a=\"x y", 0), "é<i ");
    }

    #[test]
    fn a_start_tag_missing_its_end_does_not_take_the_story_into_a_link() {
        // `<a ... Reply</a>`: the link's `>` is missing, so HTML reads it as never closed and
        // every later paragraph as link text (and scraper's tree lost some of it outright).
        assert_eq!(
            mend_start_tags("<a href=\"#\" in to Reply</a><p class=x<b>y</p>", 64),
            "<a href=\"#\" in to Reply></a><p class=x<b>y</p>"
        );
        assert_eq!(mend_start_tags("<div a b <p>x", 1), "<div a ><p>x");
        let paragraphs: Vec<String> = (0..8)
            .map(|i| {
                let link = if i == 1 {
                    " See <a href=\"/more\" more</a> on it."
                } else {
                    ""
                };
                format!(
                    "<div class=\"para\"><p>Paragraph {i}: the council voted on the budget for \
                     the new harbour, and the mayor said the vote was right.{link}</p></div>"
                )
            })
            .collect();
        let page = format!(
            "<html><body><article><h1>Harbour budget</h1>\n{}\n</article>\n\
             <ol class=\"comment-list\"><li><p>Comment by Bob on the harbour.</p>\
             <a href=\"#\" in to Reply</a></li><li><p>Comment by Ann on the harbour.</p></li>\
             </ol></body></html>",
            paragraphs.join("\n")
        );
        let a = clean_html(&page, &SiteChrome::default());
        let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 8, "{texts:?}");
        assert_eq!(texts[7].split(':').next(), Some("Paragraph 7"));
        assert_eq!(a.paragraphs[7].lines[0].line, 9);
        // The comments after the broken link are dropped, and listed.
        let removed: Vec<&str> = a.removed.iter().map(|r| r.text.as_str()).collect();
        assert!(
            removed.contains(&"Comment by Ann on the harbour."),
            "{removed:?}"
        );
    }

    #[test]
    fn the_text_of_scripts_and_comments_is_not_read_for_tags() {
        // In a script, `a<b` followed by many `x=1` is no tag: cutting its "attributes" up to
        // the next `>` removed the script's own end tag, and the script swallowed the story.
        let words: String = (0..80).map(|i| format!(" x{i}=1")).collect();
        let page = format!(
            "<html><body><script>if(a<b{words}){{go()}}</script>\n<!-- <p {words} -->\n\
             <article><h1>Camera types</h1>\n<p>There are a million different types of cameras \
             on the market, and each of them suits a kind of work.</p>\n<p>Knowing them helps \
             you choose the one that fits your next project best.</p></article></body></html>"
        );
        let a = clean_html(&page, &SiteChrome::default());
        let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("There are a million"), "{texts:?}");
        assert!(matches!(
            mend_start_tags(&page, MAX_ATTRIBUTES),
            std::borrow::Cow::Borrowed(_)
        ));
        // Tags inside them do not count towards the nesting either.
        let deep = format!("<script>{}</script><div><p>x</p></div>", "<div>".repeat(50));
        assert!(matches!(
            cap_nesting(&deep, 10),
            std::borrow::Cow::Borrowed(_)
        ));
        let style = "<style>a<b c</STYLE ><i a b c>";
        assert_eq!(mend_start_tags(style, 1), "<style>a<b c</STYLE ><i a >");
    }

    #[test]
    fn broken_markup_and_odd_text_do_not_panic() {
        for page in [
            "",
            "<",
            "<p>\u{0}\u{202e}שלום 😀</p><p",
            "<table><td><li><p>unclosed “quotes” — é</table></div></div>",
            "<script>var a = '<p>not text</p>';</script>",
            "<script>unclosed <p a b c",
            "<!-- unclosed <p",
            "<style",
            "<title>x</title",
            "<a b<",
            "<a <",
            "<a é</a",
            "<a b c d e</a><p x=\"<i\" y<i",
        ] {
            let _ = clean_html(page, &SiteChrome::default());
        }
    }
}
