//! Broken markup mended before the page is parsed: nesting too deep for any reader is flattened
//! and a start tag that runs on past its attributes is closed, so that the parser's tree holds
//! the page as a browser shows it. Both passes leave the text where it stands (citations count
//! the original's lines) and return the page borrowed when there is nothing to mend.

/// The page with both repairs made: see [`cap_nesting`] and [`mend_start_tags`].
pub(super) fn mend(html: &str) -> std::borrow::Cow<'_, str> {
    match cap_nesting(html, MAX_DEPTH) {
        std::borrow::Cow::Borrowed(html) => mend_start_tags(html, MAX_ATTRIBUTES),
        std::borrow::Cow::Owned(capped) => {
            std::borrow::Cow::Owned(mend_start_tags(&capped, MAX_ATTRIBUTES).into_owned())
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_start_tag_that_runs_into_another_tag_is_closed_before_it() {
        // `<a ... Reply</a>`: the link's `>` is missing, so HTML reads it as never closed.
        assert_eq!(
            mend_start_tags("<a href=\"#\" in to Reply</a><p class=x<b>y</p>", 64),
            "<a href=\"#\" in to Reply></a><p class=x<b>y</p>"
        );
        assert_eq!(mend_start_tags("<div a b <p>x", 1), "<div a ><p>x");
    }

    #[test]
    fn scripts_and_styles_are_not_read_for_tags() {
        let words: String = (0..80).map(|i| format!(" x{i}=1")).collect();
        let page = format!("<script>if(a<b{words}){{go()}}</script>\n<!-- <p {words} --><p>x</p>");
        assert!(matches!(mend(&page), std::borrow::Cow::Borrowed(_)));
        // Tags inside them do not count towards the nesting either.
        let deep = format!("<script>{}</script><div><p>x</p></div>", "<div>".repeat(50));
        assert!(matches!(
            cap_nesting(&deep, 10),
            std::borrow::Cow::Borrowed(_)
        ));
        let style = "<style>a<b c</STYLE ><i a b c>";
        assert_eq!(mend_start_tags(style, 1), "<style>a<b c</STYLE ><i a >");
    }
}
