//! Text that was UTF-8, decoded once more as Latin-1 or Windows-1252 before it was saved: a
//! page that shows `Investorâ\u{80}\u{99}s` or `donâ€™t` for `Investor’s` and `don’t`. Such
//! text is in the file as valid UTF-8, so no decoder catches it, and a fact-checker who types
//! the apostrophe finds nothing. Each such run of characters is turned back into the one
//! character its bytes spell (what ftfy calls fixing mojibake, here only its single-layer,
//! unambiguous case).
//!
//! A run is sure when it holds a C1 control character (U+0080-U+009F, never written on
//! purpose), or when it spells a character of three or four bytes with one of them 0x80-0x9F
//! (`â€™`: Windows-1252 `€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ` after a lead letter). Other runs could
//! be real text (`Ã©` for `é`, or a Portuguese `IRMÃ”` closing a quote), so they are repaired
//! only in a text that has a sure run as well: then the whole text was decoded twice.
//! Only characters beyond ASCII change, so the lines stay those of the file.

use std::borrow::Cow;

/// The Windows-1252 characters of the bytes 0x80-0x9F, in order; `None` where the code page
/// leaves the byte undefined (decoders make those the C1 control of the same number).
const WINDOWS_1252_HIGH: [Option<char>; 32] = [
    Some('€'),
    None,
    Some('‚'),
    Some('ƒ'),
    Some('„'),
    Some('…'),
    Some('†'),
    Some('‡'),
    Some('ˆ'),
    Some('‰'),
    Some('Š'),
    Some('‹'),
    Some('Œ'),
    None,
    Some('Ž'),
    None,
    None,
    Some('‘'),
    Some('’'),
    Some('“'),
    Some('”'),
    Some('•'),
    Some('–'),
    Some('—'),
    Some('˜'),
    Some('™'),
    Some('š'),
    Some('›'),
    Some('œ'),
    None,
    Some('ž'),
    Some('Ÿ'),
];

/// The byte a character stood for when UTF-8 bytes were read as Latin-1 or Windows-1252, for
/// the bytes that can continue a UTF-8 sequence or start one (0x80-0xFF).
fn byte_of(c: char) -> Option<u8> {
    match u32::from(c) {
        0x80..=0xFF => Some(u32::from(c) as u8),
        _ => WINDOWS_1252_HIGH
            .iter()
            .position(|&w| w == Some(c))
            .map(|i| 0x80 + i as u8),
    }
}

/// A run of mojibake starting at the start of `text`: the character its bytes spell, the run's
/// length in bytes of `text`, and whether it is sure (see the module's note).
fn run_at(text: &str) -> Option<(char, usize, bool)> {
    let mut chars = text.char_indices();
    let (_, first) = chars.next()?;
    let lead = byte_of(first).filter(|b| (0xC2..=0xF4).contains(b))?;
    let continuations = match lead {
        0xC2..=0xDF => 1,
        0xE0..=0xEF => 2,
        _ => 3,
    };
    let mut bytes = vec![lead];
    let mut sure = false;
    let mut end = first.len_utf8();
    for _ in 0..continuations {
        let (at, c) = chars.next()?;
        let byte = byte_of(c).filter(|b| (0x80..=0xBF).contains(b))?;
        sure |= ('\u{80}'..='\u{9f}').contains(&c) || (continuations > 1 && byte <= 0x9F);
        bytes.push(byte);
        end = at + c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes).ok()?.chars().next()?;
    Some((decoded, end, sure))
}

/// `text` with its runs of mojibake turned back into the characters they spell (see the
/// module's note on which runs); borrowed as it is when there are none, the common case.
pub fn repair(text: &str) -> Cow<'_, str> {
    // Every lead character (U+00C2-U+00F4) is 0xC3 then a byte in UTF-8: text without that
    // byte has no run, and is passed over at memchr's speed.
    let candidates = || {
        memchr::memchr_iter(0xC3, text.as_bytes())
            .filter_map(|at| run_at(&text[at..]).map(|run| (at, run)))
    };
    let Some(_) = candidates().find(|(_, (_, _, sure))| *sure) else {
        return Cow::Borrowed(text);
    };
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, (c, len, _)) in candidates() {
        if at < copied {
            // Inside a run already repaired.
            continue;
        }
        out.push_str(&text[copied..at]);
        out.push(c);
        copied = at + len;
    }
    out.push_str(&text[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::repair;

    #[test]
    fn utf8_read_as_latin1_is_turned_back() {
        assert_eq!(
            repair("A DIY Investor\u{e2}\u{80}\u{99}s Guide"),
            "A DIY Investor’s Guide"
        );
        assert_eq!(
            repair("breakdown\u{e2}\u{80}\u{94}national"),
            "breakdown—national"
        );
    }

    #[test]
    fn utf8_read_as_windows_1252_is_turned_back() {
        assert_eq!(repair("don\u{e2}\u{20ac}\u{2122}t"), "don’t");
        assert_eq!(
            repair("\u{e2}\u{20ac}\u{153}Quoted\u{e2}\u{20ac}\u{9d}"),
            "“Quoted”"
        );
    }

    #[test]
    fn two_byte_runs_are_repaired_only_beside_a_sure_one() {
        // `Ã©` alone might be meant; beside `â€™` the whole text was decoded twice.
        assert_eq!(repair("CafÃ©"), "CafÃ©");
        assert_eq!(
            repair("CafÃ© and the owner\u{e2}\u{20ac}\u{2122}s FranÃ§ais"),
            "Café and the owner’s Français"
        );
    }

    #[test]
    fn real_text_beyond_ascii_is_left_alone() {
        for text in [
            "Ça va, São Paulo, Ålesund, naïve, résumé — “quoted” € 5",
            "NÃO É POSSÍVEL",
            "Grüße aus Köln",
            "Привет, 東京都",
            "“IRMÃ” disse",
        ] {
            assert!(
                matches!(repair(text), std::borrow::Cow::Borrowed(_)),
                "{text}"
            );
        }
    }

    #[test]
    fn lines_stay_where_they_were() {
        let text = "one\u{e2}\u{80}\u{99}s\ntwo\r\nthree Ã©";
        let repaired = repair(text);
        assert_eq!(repaired, "one’s\ntwo\r\nthree é");
        assert_eq!(repaired.lines().count(), text.lines().count());
    }
}
