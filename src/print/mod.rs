//! The printers: every byte newsgrep writes to stdout goes through here, one printer per format
//! over the same data.

pub mod article;
pub mod collocates;
pub mod compare;
pub mod count;
pub mod dups;
pub mod files;
pub mod hits;
pub mod kwic;
pub mod periods;
pub mod printer;
pub mod progress;
pub mod quote;
pub mod stats;
pub mod window;

use serde::Serialize;
use std::borrow::Cow;
use std::io::{self, Write};

/// Corpus text made safe for a terminal: every control character but line feed and tab is
/// replaced by its visible picture (ESC by `␛`, CR by `␍`; the C1 controls, which have none, by
/// `�`), so that an article cannot move the cursor, retitle the terminal or set the clipboard.
/// Every text printer passes corpus text, file names and metadata through this or
/// [`terminal_line`]; JSON escapes control characters by construction.
pub fn terminal_text(text: &str) -> Cow<'_, str> {
    replace_controls(text, |c| c == '\n' || c == '\t')
}

/// [`terminal_text`] for what must stay on one line (a path, a title): line feeds and tabs are
/// replaced too.
pub fn terminal_line(text: &str) -> Cow<'_, str> {
    replace_controls(text, |_| false)
}

fn replace_controls(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if !text.chars().any(|c| c.is_control() && !keep(c)) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .map(|c| match c {
            c if !c.is_control() || keep(c) => c,
            // Control Pictures: U+2400 + the code for C0, U+2421 for DEL.
            '\0'..='\x1f' => char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}'),
            '\x7f' => '\u{2421}',
            _ => '\u{FFFD}',
        })
        .collect::<String>()
        .into()
}

/// One pretty-printed JSON document (`--format json`).
pub fn json_document<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// One compact JSON object per item, one per line (`--format jsonl`).
pub fn json_lines<'a, T: Serialize + 'a>(
    out: &mut dyn Write,
    items: impl IntoIterator<Item = &'a T>,
) -> io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item)?;
        writeln!(out)?;
    }
    Ok(())
}

/// The error of a CSV writer as an I/O error, the one it wraps when there is one: the `csv`
/// crate's own conversion hides the kind, and a closed pipe (`| head`) would read as a failure.
pub(crate) fn csv_error(e: csv::Error) -> io::Error {
    if !e.is_io_error() {
        return io::Error::other(e);
    }
    match e.into_kind() {
        csv::ErrorKind::Io(io) => io,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_not_sent() {
        assert_eq!(
            terminal_text("a\x1b]0;pwned\x07b\r\n\tc\u{9b}2J\x7f"),
            "a␛]0;pwned␇b␍\n\tc\u{FFFD}2J␡"
        );
        assert_eq!(terminal_line("one\ntwo\tthree"), "one␊two␉three");
        assert!(matches!(terminal_text("plain café"), Cow::Borrowed(_)));
    }
}
