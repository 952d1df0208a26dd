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

use crate::highlight::Span;
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
        json_line(&mut *out, item)?;
        writeln!(out)?;
    }
    Ok(())
}

/// `value` as compact JSON that stays on one line for every line reader, not only JSON's own:
/// NEL, LINE SEPARATOR and PARAGRAPH SEPARATOR, legal raw in a JSON string, end a line for
/// Python's `splitlines` and for pre-2019 JavaScript, so they are written as `\u` escapes. Pages
/// hold them (a `\u2028` typed into a CMS's headline box).
pub fn json_line<W: Write + ?Sized, T: Serialize + ?Sized>(
    out: &mut W,
    value: &T,
) -> serde_json::Result<()> {
    value.serialize(&mut serde_json::Serializer::with_formatter(out, OneLine))
}

/// serde_json's compact formatter with the escapes of [`json_line`].
struct OneLine;

impl serde_json::ser::Formatter for OneLine {
    fn write_string_fragment<W: Write + ?Sized>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut rest = fragment;
        while let Some(at) = rest.find(['\u{85}', '\u{2028}', '\u{2029}']) {
            writer.write_all(&rest.as_bytes()[..at])?;
            let c = rest[at..].chars().next().unwrap_or_default();
            write!(writer, "\\u{:04x}", u32::from(c))?;
            rest = &rest[at + c.len_utf8()..];
        }
        writer.write_all(rest.as_bytes())
    }
}

/// A CSV cell that a spreadsheet opens as the text it is: control characters shown as by
/// [`terminal_text`] (a CSV printed to a terminal cannot act on it either), and a cell that
/// a spreadsheet would run as a formula (first character `=`, `+`, `-`, `@` or a tab) given a
/// leading `'`, as OWASP advises, unless the cell is a number (`-3.5`). The `'` is what
/// spreadsheets hide; a program reading the file sees it.
pub fn spreadsheet_cell(text: &str) -> Cow<'_, str> {
    let shown = terminal_text(text);
    if !is_formula(&shown) {
        return shown;
    }
    Cow::Owned(format!("'{shown}"))
}

/// Whether a spreadsheet would read `cell` as a formula.
fn is_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t']) && cell.trim().parse::<f64>().is_err()
}

/// [`spreadsheet_cell`] for a text with ranges of it (byte and char offsets, in that order),
/// the ranges moved to stay on the same characters of the cell: a control picture is three
/// bytes where the control was one or two, and a leading `'` is one byte and one char more.
pub fn spreadsheet_text(
    text: &str,
    bytes: &[Span],
    chars: &[Span],
) -> (String, Vec<Span>, Vec<Span>) {
    let cell = spreadsheet_cell(text);
    if cell == text {
        return (text.to_string(), bytes.to_vec(), chars.to_vec());
    }
    let quoted = usize::from(is_formula(&terminal_text(text)));
    // The cell's byte offset of each char boundary of `text`, in order.
    let mut moved = Vec::with_capacity(text.len() + 1);
    let mut at = quoted;
    for (i, c) in text.char_indices() {
        while moved.len() < i {
            moved.push(at);
        }
        moved.push(at);
        at += terminal_text(c.encode_utf8(&mut [0; 4])).len();
    }
    moved.resize(text.len() + 1, at);
    let to_cell = |b: usize| moved.get(b).copied().unwrap_or(at);
    let bytes = bytes
        .iter()
        .map(|s| Span {
            start: to_cell(s.start),
            end: to_cell(s.end),
        })
        .collect();
    let chars = chars
        .iter()
        .map(|s| Span {
            start: s.start + quoted,
            end: s.end + quoted,
        })
        .collect();
    (cell.into_owned(), bytes, chars)
}

/// A CSV writer whose every cell goes through [`spreadsheet_cell`]: the one way the printers
/// write CSV, so that no column of corpus text is missed.
pub(crate) struct CsvWriter<W: Write>(csv::Writer<W>);

impl<W: Write> CsvWriter<W> {
    /// A writer to `out`.
    pub(crate) fn from_writer(out: W) -> Self {
        Self(csv::Writer::from_writer(out))
    }

    /// One row.
    pub(crate) fn write_record<I, T>(&mut self, record: I) -> csv::Result<()>
    where
        I: IntoIterator<Item = T>,
        T: AsRef<str>,
    {
        self.0.write_record(
            record
                .into_iter()
                .map(|cell| spreadsheet_cell(cell.as_ref()).into_owned()),
        )
    }

    /// Writes out what is buffered.
    pub(crate) fn flush(&mut self) -> io::Result<()> {
        self.0.flush()
    }
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
    fn a_json_line_escapes_what_other_line_readers_end_a_line_at() {
        let title = "Launch your business,\u{2028}not your stress\u{85}level\u{2029}\"é\"";
        let mut line = Vec::new();
        json_line(&mut line, &serde_json::json!({ "title": title })).expect("written");
        let line = String::from_utf8(line).expect("utf-8");
        assert_eq!(
            line,
            r#"{"title":"Launch your business,\u2028not your stress\u0085level\u2029\"é\""}"#
        );
        let back: serde_json::Value = serde_json::from_str(&line).expect("JSON");
        assert_eq!(back["title"], title);
    }

    #[test]
    fn formulas_are_quoted_and_numbers_left_alone() {
        assert_eq!(spreadsheet_cell("=1+1"), "'=1+1");
        assert_eq!(spreadsheet_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_cell("+44 20 7946"), "'+44 20 7946");
        assert_eq!(spreadsheet_cell("\tx"), "'\tx");
        assert_eq!(spreadsheet_cell("-3.5"), "-3.5");
        assert_eq!(spreadsheet_cell("a=b"), "a=b");
        assert_eq!(spreadsheet_cell("\x1b[2J"), "␛[2J");
    }

    #[test]
    fn ranges_follow_their_words_into_the_cell() {
        let text = "-é\x1b\u{9b}x wal";
        let at = text.find("wal").expect("wal");
        let chars = text.chars().count();
        let (cell, bytes, char_spans) = spreadsheet_text(
            text,
            &[Span {
                start: at,
                end: text.len(),
            }],
            &[Span {
                start: chars - 3,
                end: chars,
            }],
        );
        assert_eq!(cell, "'-é␛\u{FFFD}x wal");
        assert_eq!(&cell[bytes[0].start..bytes[0].end], "wal");
        let marked: String = cell
            .chars()
            .skip(char_spans[0].start)
            .take(char_spans[0].end - char_spans[0].start)
            .collect();
        assert_eq!(marked, "wal");
    }

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
