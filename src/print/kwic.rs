//! Keyword in context: one line per occurrence, the match at the same column on every line,
//! as a concordancer shows it.

use super::hits::{mark, Marks};
use crate::cli::SearchSort;
use crate::hit::Hit;
use crate::search::char_spans;
use serde::Serialize;
use std::io::{self, Write};

/// One occurrence with its context.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Occurrence {
    /// Path of the article file.
    pub path: String,
    /// Line of the passage in the original file.
    pub line: u64,
    /// Article title.
    pub title: Option<String>,
    /// Article source.
    pub source: Option<String>,
    /// Article date.
    pub date: Option<String>,
    /// Up to `width` chars left of the match.
    pub left: String,
    /// The match.
    #[serde(rename = "match")]
    pub matched: String,
    /// Up to `width` chars right of the match.
    pub right: String,
    /// Byte offsets of the match in the passage.
    pub start: usize,
    /// End byte offset.
    pub end: usize,
    /// Char offsets of the match in the passage.
    pub start_char: usize,
    /// End char offset.
    pub end_char: usize,
}

fn flat(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_whitespace() || c.is_control() {
                ' '
            } else {
                c
            }
        })
        .collect()
}

/// Every occurrence in `hits`, sorted as asked; by relevance, in the order of `hits`.
pub fn occurrences(hits: &[Hit], width: usize, sort: Option<SearchSort>) -> Vec<Occurrence> {
    let mut out = Vec::new();
    for hit in hits {
        for (span, chars) in hit
            .highlights
            .iter()
            .zip(char_spans(&hit.text, &hit.highlights))
        {
            let left = flat(&hit.text[..span.start]);
            let left: String = {
                let n = left.chars().count();
                left.chars().skip(n.saturating_sub(width)).collect()
            };
            let right: String = flat(&hit.text[span.end..]).chars().take(width).collect();
            out.push(Occurrence {
                path: hit.article(),
                line: hit.citation.line,
                title: hit.citation.title.clone(),
                source: hit.citation.source.clone(),
                date: hit.citation.date.clone(),
                left,
                matched: flat(&hit.text[span.start..span.end]),
                right,
                start: span.start,
                end: span.end,
                start_char: chars.start,
                end_char: chars.end,
            });
        }
    }
    let words_left = |o: &Occurrence| -> Vec<String> {
        o.left
            .split_whitespace()
            .rev()
            .map(str::to_lowercase)
            .collect()
    };
    match sort {
        Some(SearchSort::Relevance) => {}
        Some(SearchSort::Left) => out.sort_by_cached_key(words_left),
        Some(SearchSort::Right) => {
            out.sort_by_cached_key(|o| format!("{} {}", o.matched, o.right).to_lowercase())
        }
        // Newest first, undated last, as ranked hits sort by date.
        Some(SearchSort::Date) => out.sort_by(|a, b| {
            (b.date.is_some(), &b.date)
                .cmp(&(a.date.is_some(), &a.date))
                .then_with(|| (&a.path, a.line, a.start).cmp(&(&b.path, b.line, b.start)))
        }),
        Some(SearchSort::Path) | None => {
            out.sort_by(|a, b| (&a.path, a.line, a.start).cmp(&(&b.path, b.line, b.start)))
        }
    }
    out
}

/// The aligned lines: `path:line`, left context right-aligned, the match, right context.
pub fn text(
    out: &mut dyn Write,
    occurrences: &[Occurrence],
    width: usize,
    marks: Marks,
) -> io::Result<()> {
    let place = |o: &Occurrence| format!("{}:{}", super::terminal_line(&o.path), o.line);
    let place_width = occurrences
        .iter()
        .map(|o| place(o).chars().count())
        .max()
        .unwrap_or(0);
    for o in occurrences {
        let p = place(o);
        // Padding written out, not as a format width: those stop at 65,535.
        let pad = " ".repeat(place_width - p.chars().count());
        let left_pad = " ".repeat(width.saturating_sub(o.left.chars().count()));
        writeln!(
            out,
            "{p}{pad}  {left_pad}{}{}{}",
            o.left,
            mark(marks, &o.matched),
            o.right.trim_end()
        )?;
    }
    Ok(())
}

/// One JSON object per occurrence, one per line.
pub fn jsonl(out: &mut dyn Write, occurrences: &[Occurrence]) -> io::Result<()> {
    super::json_lines(out, occurrences)
}

/// CSV with a header row, one row per occurrence: place, left, match, right, offsets.
pub fn csv(out: &mut dyn Write, occurrences: &[Occurrence]) -> io::Result<()> {
    csv_rows(out, occurrences).map_err(super::csv_error)
}

fn csv_rows(out: &mut dyn Write, occurrences: &[Occurrence]) -> ::csv::Result<()> {
    let mut w = super::CsvWriter::from_writer(out);
    w.write_record([
        "path",
        "line",
        "title",
        "source",
        "date",
        "left",
        "match",
        "right",
        "start",
        "end",
        "start_char",
        "end_char",
    ])?;
    for o in occurrences {
        w.write_record([
            o.path.as_str(),
            &o.line.to_string(),
            o.title.as_deref().unwrap_or(""),
            o.source.as_deref().unwrap_or(""),
            o.date.as_deref().unwrap_or(""),
            &o.left,
            &o.matched,
            &o.right,
            &o.start.to_string(),
            &o.end.to_string(),
            &o.start_char.to_string(),
            &o.end_char.to_string(),
        ])?;
    }
    Ok(w.flush()?)
}
