//! Where the text of an HTML page stands in its source, so a block is cited at its own line.
//!
//! The source is read once into its visible text: tags, comments and the content of scripts and
//! styles are left out, character references are decoded and whitespace is dropped, and every
//! byte kept remembers its offset in the source. A block of the story (text from the DOM) is
//! found by its first characters, whitespace ignored, so the spaces a tag adds or removes do not
//! matter, and text in an attribute (`<meta name="description" content="...">`, JSON in a
//! script) is never taken for it. Then the block is walked character by character along the
//! source to note each line it crosses. Limits: text the page's scripts write is not in the
//! source; a block whose opening characters repeat earlier on the page (a table of contents)
//! may be cited where they first stand after the previous block.

use super::LineStart;

/// The visible characters of an HTML source, without whitespace, with their source offsets.
pub(super) struct SourceText<'a> {
    html: &'a str,
    /// Byte offsets of the source's line starts.
    line_starts: Vec<usize>,
    /// Visible text, whitespace removed, references decoded.
    text: String,
    /// For each byte of `text`, the offset in `html` of the character it came from.
    origin: Vec<u32>,
    /// Offset in `text` where the `<body>` starts (0 when there is none).
    body: usize,
}

/// Characters of a block looked up at once: enough to be told apart from a menu entry.
const PROBE_CHARS: usize = 48;
/// A shorter probe when the long one is not found (an undecoded reference near the start).
const SHORT_PROBE_CHARS: usize = 16;

/// Elements whose content is not text: skipped to their end tag.
const RAW_TAGS: &[&str] = &["script", "style", "noscript", "template", "textarea", "xmp"];

impl<'a> SourceText<'a> {
    pub(super) fn new(html: &'a str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(html.match_indices('\n').map(|(i, _)| i + 1));
        let mut source = SourceText {
            html,
            line_starts,
            text: String::with_capacity(html.len() / 4),
            origin: Vec::with_capacity(html.len() / 4),
            body: 0,
        };
        source.read();
        source
    }

    /// The 1-based line of the source byte `offset`.
    pub(super) fn line_of(&self, offset: usize) -> usize {
        self.line_starts.partition_point(|&s| s <= offset).max(1)
    }

    fn push(&mut self, c: char, at: usize) {
        if c.is_whitespace() {
            return;
        }
        let at = u32::try_from(at).unwrap_or(u32::MAX);
        self.text.push(c);
        self.origin.extend(std::iter::repeat_n(at, c.len_utf8()));
    }

    fn read(&mut self) {
        let html = self.html;
        let bytes = html.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'<' => i = self.markup(i),
                b'&' => {
                    let (c, len) = decode_reference(&html[i..]);
                    match c {
                        Some(c) => self.push(c, i),
                        None => self.push('&', i),
                    }
                    i += len;
                }
                _ => {
                    // `i` is on a char boundary: markup and references end on ASCII bytes.
                    let Some(c) = html[i..].chars().next() else {
                        break;
                    };
                    self.push(c, i);
                    i += c.len_utf8();
                }
            }
        }
    }

    /// Skips the markup at `at` (a `<`) and returns the offset after it.
    fn markup(&mut self, at: usize) -> usize {
        let html = self.html;
        let rest = &html[at..];
        let bytes = rest.as_bytes();
        let end_of = |pat: &str, from: usize| {
            rest.get(from..)
                .and_then(|r| r.find(pat))
                .map_or(html.len(), |p| at + from + p + pat.len())
        };
        if rest.starts_with("<!--") {
            return end_of("-->", 4);
        }
        if rest.starts_with("<![CDATA[") {
            return end_of("]]>", 9);
        }
        if matches!(bytes.get(1), Some(b'!' | b'?')) {
            return end_of(">", 1);
        }
        let closing = bytes.get(1) == Some(&b'/');
        let name_start = if closing { 2 } else { 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            self.push('<', at);
            return at + 1;
        }
        let name_len = bytes[name_start..]
            .iter()
            .take_while(|b| !b.is_ascii_whitespace() && !matches!(b, b'>' | b'/'))
            .count();
        let name = rest[name_start..name_start + name_len].to_ascii_lowercase();
        let end = tag_end(bytes, name_start + name_len).map_or(html.len(), |e| at + e);
        if closing {
            return end;
        }
        if name == "body" && self.body == 0 {
            self.body = self.text.len();
        }
        if RAW_TAGS.contains(&name.as_str()) {
            let close = format!("</{name}");
            let tail = html.get(end..).unwrap_or_default();
            return match find_ignore_ascii_case(tail, &close) {
                Some(p) => end + p,
                None => html.len(),
            };
        }
        end
    }

    /// Finds `block` (text as the DOM gives it) at or after the visible-text position `from`,
    /// else after the body's start, else anywhere. Returns the visible-text position after the
    /// block and the block's line starts, first at offset 0.
    pub(super) fn locate(&self, block: &str, from: usize) -> Option<(usize, Vec<LineStart>)> {
        let chars: Vec<(usize, char)> = block
            .char_indices()
            .filter(|(_, c)| !c.is_whitespace())
            .collect();
        let probe = |n: usize| chars.iter().take(n).map(|&(_, c)| c).collect::<String>();
        let found = [probe(PROBE_CHARS), probe(SHORT_PROBE_CHARS)]
            .into_iter()
            .filter(|p| !p.is_empty())
            .find_map(|p| {
                [from, self.body, 0]
                    .into_iter()
                    .find_map(|start| Some(start + self.text.get(start..)?.find(&p)?))
            })?;
        Some(self.align(&chars, found))
    }

    /// The line where the headline `title` stands: in the body (its `<h1>`), else in the
    /// visible text before it (`<title>`), else where the source spells it (`og:title`).
    pub(super) fn title_line(&self, title: &str) -> Option<usize> {
        if let Some((_, lines)) = self.locate(title, self.body) {
            return lines.first().map(|l| l.line);
        }
        let at = self.html.find(title).or_else(|| {
            let escaped = title
                .replace('&', "&amp;")
                .replace('"', "&quot;")
                .replace('\'', "&#39;");
            self.html.find(&escaped)
        })?;
        Some(self.line_of(at))
    }

    /// Walks the block's characters along the visible text from `at`, noting where the source
    /// line changes; a character the source shows differently (a reference not decoded the
    /// same way) is skipped over when the next few characters are found just after it.
    fn align(&self, chars: &[(usize, char)], at: usize) -> (usize, Vec<LineStart>) {
        let mut lines: Vec<LineStart> = Vec::new();
        let mut pos = at;
        let mut k = 0;
        while k < chars.len() {
            let (offset, c) = chars[k];
            let here = self.text.get(pos..).and_then(|t| t.chars().next());
            if here == Some(c) {
                let line = self.line_of(self.origin.get(pos).map_or(0, |&o| o as usize));
                if lines.last().is_none_or(|l| l.line != line) {
                    lines.push(LineStart {
                        offset: if lines.is_empty() { 0 } else { offset },
                        line,
                    });
                }
                pos += c.len_utf8();
                k += 1;
                continue;
            }
            // Resynchronise on the next characters of the block, close ahead.
            let next: String = chars[k..].iter().take(8).map(|&(_, c)| c).collect();
            let window_end = floor_boundary(&self.text, pos + 64);
            match self
                .text
                .get(pos..window_end)
                .and_then(|w| w.find(&next))
                .filter(|_| next.chars().count() >= 4)
            {
                Some(skip) if skip > 0 => pos += skip,
                _ => break,
            }
        }
        if lines.is_empty() {
            let line = self.line_of(self.origin.get(at).map_or(0, |&o| o as usize));
            lines.push(LineStart { offset: 0, line });
        }
        (pos, lines)
    }
}

/// The offset just after the `>` that ends the tag whose attributes start at `from` in `tag`, as
/// a browser reads it: a quote opens a value only right after `=`, so a stray quote in an
/// attribute name does not swallow the page.
fn tag_end(tag: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while i < tag.len() {
        match tag[i] {
            b'>' => return Some(i + 1),
            b'=' => {
                i += 1;
                while tag.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if let Some(&q) = tag.get(i).filter(|&&q| q == b'"' || q == b'\'') {
                    let close = tag.get(i + 1..)?.iter().position(|&b| b == q)?;
                    i += close + 2;
                    continue;
                }
            }
            _ => i += 1,
        }
    }
    None
}

fn floor_boundary(s: &str, mut i: usize) -> usize {
    if i >= s.len() {
        return s.len();
    }
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn find_ignore_ascii_case(haystack: &str, needle: &str) -> Option<usize> {
    let (h, n) = (haystack.as_bytes(), needle.as_bytes());
    if n.is_empty() {
        return Some(0);
    }
    h.windows(n.len()).position(|w| w.eq_ignore_ascii_case(n))
}

/// The character of the reference at the start of `s` (which starts with `&`) and the bytes it
/// takes; `None` when it is no reference, to be read as a literal `&`.
pub(super) fn decode_reference(s: &str) -> (Option<char>, usize) {
    let b = s.as_bytes();
    if b.get(1) == Some(&b'#') {
        let hex = matches!(b.get(2), Some(b'x' | b'X'));
        let start = if hex { 3 } else { 2 };
        let digits = b[start..]
            .iter()
            .take_while(|c| {
                if hex {
                    c.is_ascii_hexdigit()
                } else {
                    c.is_ascii_digit()
                }
            })
            .count();
        if digits == 0 || digits > 8 {
            return (None, 1);
        }
        let radix = if hex { 16 } else { 10 };
        let value = u32::from_str_radix(&s[start..start + digits], radix).unwrap_or(0xFFFD);
        let len = start + digits + usize::from(b.get(start + digits) == Some(&b';'));
        let c = match value {
            0x80..=0x9F => {
                html5ever::data::C1_REPLACEMENTS[(value - 0x80) as usize].or(char::from_u32(value))
            }
            0 => Some('\u{FFFD}'),
            v => char::from_u32(v).or(Some('\u{FFFD}')),
        };
        return (c, len);
    }
    let name_len = b[1..]
        .iter()
        .take_while(|c| c.is_ascii_alphanumeric())
        .count();
    // The longest name the table knows, with its `;` when it has one ("&notit;" is "¬it;").
    for len in (1..=name_len).rev() {
        let semi = b.get(1 + len) == Some(&b';');
        let key_end = 1 + len + usize::from(semi);
        let Some(key) = s.get(1..key_end) else {
            continue;
        };
        // The table also holds every prefix of a name, with the code point 0.
        if let Some(&(first, _)) = html5ever::data::NAMED_ENTITIES
            .get(key)
            .filter(|e| e.0 != 0)
        {
            return (char::from_u32(first), key_end);
        }
    }
    (None, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines_of(html: &str, block: &str) -> Vec<(usize, usize)> {
        let source = SourceText::new(html);
        source
            .locate(block, 0)
            .map(|(_, l)| l.iter().map(|l| (l.offset, l.line)).collect())
            .unwrap_or_default()
    }

    #[test]
    fn text_in_the_head_is_not_taken_for_the_body() {
        let html = "<html><head>\n<meta name=\"description\" content=\"The mayor opened the bridge on Monday.\">\n</head><body>\n<p>The mayor opened the bridge on Monday.</p>";
        assert_eq!(
            lines_of(html, "The mayor opened the bridge on Monday."),
            [(0, 4)]
        );
    }

    #[test]
    fn script_text_is_not_taken_for_the_body() {
        let html = "<body><script>\nvar s = \"The mayor opened the bridge\";\n</script>\n<p>The mayor opened the bridge</p>";
        assert_eq!(lines_of(html, "The mayor opened the bridge"), [(0, 4)]);
    }

    #[test]
    fn a_block_over_several_lines_notes_each() {
        let html = "<body>\n<p>The mayor <a\nhref=\"/x\">opened</a> the\nbridge &amp; the road on Monday.</p>";
        let block = "The mayor opened the bridge & the road on Monday.";
        let at = |w: &str| block.find(w).unwrap_or(usize::MAX);
        assert_eq!(
            lines_of(html, block),
            [(0, 2), (at("opened"), 3), (at("bridge"), 4)]
        );
    }

    #[test]
    fn references_decode_as_the_dom_does() {
        assert_eq!(decode_reference("&amp; x"), (Some('&'), 5));
        assert_eq!(decode_reference("&rsquo;s"), (Some('’'), 7));
        assert_eq!(decode_reference("&#8217;"), (Some('’'), 7));
        assert_eq!(decode_reference("&#x2019;"), (Some('’'), 8));
        assert_eq!(decode_reference("&#150;"), (Some('–'), 6));
        assert_eq!(decode_reference("&copy 2020"), (Some('©'), 5));
        assert_eq!(decode_reference("& x"), (None, 1));
        assert_eq!(decode_reference("&zzzz;"), (None, 1));
    }

    #[test]
    fn a_gt_inside_a_quoted_attribute_does_not_end_the_tag() {
        let html = "<body><a title=\"a > b\">\nWord</a>";
        assert_eq!(lines_of(html, "Word"), [(0, 2)]);
    }

    #[test]
    fn a_stray_quote_in_an_attribute_name_does_not_hide_the_page() {
        let html = "<body><div class=\"a\" data-x\"=1>\n<p>Word one</p>";
        assert_eq!(lines_of(html, "Word one"), [(0, 2)]);
    }

    #[test]
    fn odd_input_does_not_panic() {
        for html in [
            "<", "&", "&#", "&#x;", "<!--", "<script>", "<a b='>", "é<é&é",
        ] {
            let s = SourceText::new(html);
            let _ = s.locate("é", 0);
        }
    }
}
