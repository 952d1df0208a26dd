//! Character references in plain text: wire text escaped as SGML (`&lt;SRD>`, `AT&amp;T`) is
//! read with its references decoded, text that shows a reference as such is left as written.
//!
//! A text is escaped when it holds references, no bare `<` and no `&` that starts no
//! reference: an escaping writer leaves neither, while a text about markup ("write &lt; for <")
//! or a scrape that escaped nothing ("AT&T") has one. References to control characters (the
//! `&#3;` that ends a wire story) stay as written, for the cleaner to drop as what they are.
//! Limits: a text whose only markup is a reference shown on purpose reads as escaped.

use super::source_text::decode_reference;
use std::borrow::Cow;

/// The character of the `;`-terminated reference at the start of `s` (which starts with `&`)
/// and its length; `None` when `s` starts with no such reference.
fn reference(s: &str) -> Option<(char, usize)> {
    match decode_reference(s) {
        (Some(c), len) if s.as_bytes().get(len - 1) == Some(&b';') => Some((c, len)),
        _ => None,
    }
}

/// Whether `content` is text escaped as SGML: see the module's note.
pub(super) fn is_escaped(content: &str) -> bool {
    if content.contains('<') {
        return false;
    }
    let mut decodable = false;
    for (at, _) in content.match_indices('&') {
        match reference(&content[at..]) {
            Some((c, _)) => decodable |= !c.is_control(),
            None => return false,
        }
    }
    decodable
}

/// `line` with its references decoded, those of control characters left as written.
pub(super) fn decode(line: &str) -> Cow<'_, str> {
    if !line.contains('&') {
        return Cow::Borrowed(line);
    }
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        match reference(rest) {
            Some((c, len)) if !c.is_control() => {
                out.push(c);
                rest = &rest[len..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaped_wire_text_is_told_from_text_that_shows_a_reference() {
        assert!(is_escaped(
            "STANDARD OIL &lt;SRD> TO FORM UNIT\nAT&amp;T said.\n&#3;\n"
        ));
        // Nothing but the end-of-text mark: nothing to decode.
        assert!(!is_escaped("A story.\n&#3;\n"));
        // A bare `<` or `&`: the writer escaped nothing.
        assert!(!is_escaped("In HTML, write &lt; for <.\n"));
        assert!(!is_escaped("AT&T and &lt;T>\n"));
        assert!(!is_escaped("Fish &chips &lt;x>\n"));
        assert!(!is_escaped("Plain text.\n"));
    }

    #[test]
    fn references_are_decoded_and_control_ones_kept() {
        assert_eq!(decode("OIL &lt;SRD> &amp; GAS"), "OIL <SRD> & GAS");
        assert_eq!(decode("é&#233;&#x1F4F0;"), "éé📰");
        assert_eq!(decode("00:02:59.13&#5;&#5;RM"), "00:02:59.13&#5;&#5;RM");
        assert_eq!(decode("&#3;"), "&#3;");
        assert_eq!(decode("a & b &lt"), "a & b &lt");
        assert!(matches!(decode("no reference"), Cow::Borrowed(_)));
    }
}
