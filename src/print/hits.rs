//! Printers for search hits: text for reading, JSON and JSON Lines for scripts.

use super::window::{window, WINDOW_CHARS};
use super::{terminal_line, terminal_text};
use crate::hit::{Hit, SearchResult};
use std::io::{self, Write};

/// How matches are marked in text output.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Marks {
    /// ANSI colors (on a terminal).
    Color,
    /// `**like this**`.
    Plain,
    /// Not marked: the bare text, for `grep` and `wc` (`--marks none`).
    Bare,
}

pub(crate) const RESET: &str = "\x1b[0m";
pub(crate) const MATCH: &str = "\x1b[1;31m";
pub(crate) const PATH: &str = "\x1b[35m";
pub(crate) const LINE: &str = "\x1b[32m";
pub(crate) const TITLE: &str = "\x1b[1m";
pub(crate) const DIM: &str = "\x1b[2m";

pub(crate) fn paint(marks: Marks, style: &str, text: &str) -> String {
    match marks {
        Marks::Color => format!("{style}{text}{RESET}"),
        Marks::Plain | Marks::Bare => text.to_string(),
    }
}

/// The first line of a hit: `rank. path:line  title (source, date)`.
pub(crate) fn header(
    marks: Marks,
    rank: usize,
    path: &str,
    line: u64,
    [title, source, date]: [&Option<String>; 3],
) -> String {
    let mut header = format!(
        "{rank}. {}:{}",
        paint(marks, PATH, &terminal_line(path)),
        paint(marks, LINE, &line.to_string())
    );
    if let Some(title) = title {
        header.push_str("  ");
        header.push_str(&paint(marks, TITLE, &terminal_line(title)));
    }
    let about: Vec<&str> = [source.as_deref(), date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    if !about.is_empty() {
        let about = terminal_line(&about.join(", ")).into_owned();
        header.push_str(&paint(marks, DIM, &format!(" ({about})")));
    }
    header
}

/// The hits for reading: `rank. path:line  title`, then the window of the passage around its
/// matches.
pub fn text(out: &mut dyn Write, result: &SearchResult, marks: Marks) -> io::Result<()> {
    for (i, hit) in result.hits.iter().enumerate() {
        let header = header(
            marks,
            hit.rank.unwrap_or(i + 1),
            &hit.path,
            hit.line,
            [&hit.title, &hit.source, &hit.date],
        );
        writeln!(out, "{header}")?;
        hit_body(out, hit, marks)?;
    }
    Ok(())
}

/// The passage window, with its context passages (dimmed) around it.
fn hit_body(out: &mut dyn Write, hit: &Hit, marks: Marks) -> io::Result<()> {
    for before in &hit.before {
        writeln!(out, "   {}", paint(marks, DIM, &terminal_text(before)))?;
    }
    writeln!(out, "   {}", snippet(hit, marks))?;
    for after in &hit.after {
        writeln!(out, "   {}", paint(marks, DIM, &terminal_text(after)))?;
    }
    if !hit.copies.is_empty() {
        writeln!(out, "   {}", paint(marks, DIM, &copies_line(&hit.copies)))?;
    }
    writeln!(out)
}

/// Copies named in a `--dedup` hit's text, at most this many.
const COPIES_NAMED: usize = 3;

/// `and N copies: a, b, c, …` (`--dedup`).
fn copies_line(copies: &[String]) -> String {
    let noun = if copies.len() == 1 { "copy" } else { "copies" };
    let named: Vec<String> = copies
        .iter()
        .take(COPIES_NAMED)
        .map(|p| terminal_line(p).into_owned())
        .collect();
    let more = if copies.len() > COPIES_NAMED {
        ", …"
    } else {
        ""
    };
    format!("and {} {noun}: {}{more}", copies.len(), named.join(", "))
}

/// `--group article`: each article once, with its best passages under it.
pub fn grouped(out: &mut dyn Write, groups: &[Vec<Hit>], marks: Marks) -> io::Result<()> {
    for (i, group) in groups.iter().enumerate() {
        let Some(first) = group.first() else {
            continue;
        };
        let mut header = format!(
            "{}. {}",
            i + 1,
            paint(marks, PATH, &terminal_line(&first.path))
        );
        if let Some(title) = &first.title {
            header.push_str("  ");
            header.push_str(&paint(marks, TITLE, &terminal_line(title)));
        }
        writeln!(out, "{header}")?;
        for hit in group {
            write!(out, "  {}:", paint(marks, LINE, &hit.line.to_string()))?;
            hit_body(out, hit, marks)?;
        }
    }
    Ok(())
}

fn spans_field(spans: &[crate::highlight::Span]) -> String {
    spans
        .iter()
        .map(|s| format!("{}-{}", s.start, s.end))
        .collect::<Vec<_>>()
        .join(";")
}

/// CSV with a header row, one row per hit; highlights as `start-end;start-end` in bytes and in
/// chars.
pub fn csv(out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
    csv_rows(out, result).map_err(super::csv_error)
}

fn csv_rows(out: &mut dyn Write, result: &SearchResult) -> ::csv::Result<()> {
    let mut w = ::csv::Writer::from_writer(out);
    w.write_record([
        "rank",
        "score",
        "path",
        "line",
        "title",
        "source",
        "date",
        "passage",
        "highlights",
        "highlight_chars",
        "text",
    ])?;
    for hit in &result.hits {
        w.write_record([
            &hit.rank.map_or_else(String::new, |r| r.to_string()),
            &hit.score.to_string(),
            &hit.path,
            &hit.line.to_string(),
            hit.title.as_deref().unwrap_or(""),
            hit.source.as_deref().unwrap_or(""),
            hit.date.as_deref().unwrap_or(""),
            &hit.passage.to_string(),
            &spans_field(&hit.highlights),
            &spans_field(&hit.highlight_chars),
            &hit.text,
        ])?;
    }
    Ok(w.flush()?)
}

/// A match, marked: colored, or `**like this**`; its control characters shown, not sent.
pub fn mark(marks: Marks, text: &str) -> String {
    let text = terminal_text(text);
    match marks {
        Marks::Color => paint(marks, MATCH, &text),
        Marks::Plain => format!("**{text}**"),
        Marks::Bare => text.into_owned(),
    }
}

/// The shown part of a passage with its matches marked.
pub fn snippet(hit: &Hit, marks: Marks) -> String {
    let w = window(&hit.text, &hit.highlights, WINDOW_CHARS);
    let mut s = String::new();
    if w.start > 0 {
        s.push_str("… ");
    }
    let mut at = w.start;
    for span in &hit.highlights {
        if span.end <= w.start || span.start >= w.end {
            continue;
        }
        let (start, end) = (span.start.max(w.start), span.end.min(w.end));
        s.push_str(&terminal_text(&hit.text[at..start]));
        s.push_str(&mark(marks, &hit.text[start..end]));
        at = end;
    }
    s.push_str(&terminal_text(&hit.text[at..w.end]));
    if w.end < hit.text.len() {
        s.push_str(" …");
    }
    s
}

/// One JSON object: `query`, `total`, `hits`.
pub fn json(out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
    super::json_document(out, result)
}

/// One JSON object per hit, one per line.
pub fn jsonl(out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
    super::json_lines(out, &result.hits)
}
