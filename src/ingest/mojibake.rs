//! Text that was UTF-8, decoded once more as Latin-1 or Windows-1252 before it was saved: a
//! page that shows `Investorâ\u{80}\u{99}s` or `donâ€™t` for `Investor’s` and `don’t`. Such
//! text is in the file as valid UTF-8, so no decoder catches it, and a fact-checker who types
//! the apostrophe finds nothing. Each such run of characters is turned back into the one
//! character its bytes spell (what ftfy calls fixing mojibake, here only its single-layer,
//! unambiguous case).
//!
//! A run is sure when it cannot be meant: it holds a C1 control character (U+0080-U+009F,
//! never written on purpose), or it is one of the forms nearly all such text shows, a
//! punctuation mark, currency sign or letterlike symbol (`â€™`, `â€œ`, `â€”`, `â‚¬`, `â„¢`:
//! U+2000-U+203F, U+2080-U+20BF, U+2100-U+213F) or an emoji (`ðŸ˜€`). An accented letter
//! followed by punctuation (`perché…»`, `Sí—¡`) is real text, and spells none of these. Other
//! runs (`Ã©` for `é`, `Ã‰` for `É`) could be meant, so they are repaired only into a letter
//! of the Latin blocks, and only in a text with at least [`SURE_RUNS`] sure runs: a text that
//! was decoded twice throughout, not one with a pasted quotation.
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

/// Sure runs a text needs before its other runs are repaired.
const SURE_RUNS: usize = 3;

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
    let mut bytes = [lead, 0, 0, 0];
    let mut control = false;
    let mut end = first.len_utf8();
    for byte_at in bytes.iter_mut().skip(1).take(continuations) {
        let (at, c) = chars.next()?;
        *byte_at = byte_of(c).filter(|b| (0x80..=0xBF).contains(b))?;
        control |= ('\u{80}'..='\u{9f}').contains(&c);
        end = at + c.len_utf8();
    }
    let decoded = std::str::from_utf8(&bytes[..=continuations])
        .ok()?
        .chars()
        .next()?;
    let sure = control
        || matches!(
            u32::from(decoded),
            0x2000..=0x203F | 0x2080..=0x20BF | 0x2100..=0x213F | 0x1F000..=0x1FFFF
        );
    Some((decoded, end, sure))
}

/// Whether a run that is not sure may be repaired into `c`: a letter of the Latin blocks
/// (`é`, `Ô`, `ł`), or the no-break space and signs of Latin-1 that such pages show (`Â `).
fn likely(c: char) -> bool {
    matches!(u32::from(c), 0xA0..=0x24F)
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
    let sure = candidates()
        .filter(|(_, (_, _, sure))| *sure)
        .take(SURE_RUNS)
        .count();
    if sure == 0 {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut copied = 0;
    for (at, (c, len, sure_run)) in candidates() {
        if at < copied || !(sure_run || (sure == SURE_RUNS && likely(c))) {
            // Inside a run already repaired, or a run that may be meant.
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
    fn two_byte_runs_are_repaired_only_in_a_text_decoded_twice_throughout() {
        // `Ã©` alone might be meant; beside three sure runs the whole text was decoded twice.
        assert_eq!(repair("CafÃ©"), "CafÃ©");
        let quote = "\u{e2}\u{20ac}\u{2122}";
        assert_eq!(
            repair(&format!("CafÃ© and the owner{quote}s FranÃ§ais")),
            "CafÃ© and the owner’s FranÃ§ais"
        );
        assert_eq!(
            repair(&format!(
                "CafÃ©: the owner{quote}s, the chef{quote}s and the cook{quote}s FranÃ§ais"
            )),
            "Café: the owner’s, the chef’s and the cook’s Français"
        );
        // Never into a character that is no Latin letter: `ß“` stays.
        assert_eq!(repair(&format!("heiß“ {quote}{quote}{quote}")), "heiß“ ’’’");
    }

    #[test]
    fn an_accented_letter_before_punctuation_is_real_text() {
        for text in [
            "«Ma perché…» chiese.",
            "«Era così…»",
            "« C'est compliqué…\u{a0}»",
            "—¿Y ahora qué…”—preguntó.",
            "—Sí—¡claro!",
            "Bu güç…” dedi.",
        ] {
            assert_eq!(repair(text), text);
        }
    }

    #[test]
    fn an_emoji_and_a_trade_mark_are_turned_back() {
        assert_eq!(
            repair("Nice \u{f0}\u{178}\u{2dc}\u{20ac} work"),
            "Nice 😀 work"
        );
        assert_eq!(repair("Brand\u{e2}\u{201e}\u{a2}"), "Brand™");
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
        let text = "one\u{e2}\u{80}\u{99}s\ntwo\u{e2}\u{80}\u{99}s\r\nthree\u{e2}\u{80}\u{99}s Ã©";
        let repaired = repair(text);
        assert_eq!(repaired, "one’s\ntwo’s\r\nthree’s é");
        assert_eq!(repaired.lines().count(), text.lines().count());
    }
}
