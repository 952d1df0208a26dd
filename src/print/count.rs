//! `--count`: matching passages and occurrences per article and in total, most first, like a
//! concordancer's frequency list.

use crate::hit::ArticleCount;
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct Counts<'a> {
    query: &'a str,
    passages: usize,
    occurrences: usize,
    articles: &'a [ArticleCount],
}

fn totals(counts: &[ArticleCount]) -> (usize, usize) {
    (
        counts.iter().map(|c| c.passages).sum(),
        counts.iter().map(|c| c.occurrences).sum(),
    )
}

/// A table: occurrences, passages, path, title; then the totals.
pub fn text(out: &mut dyn Write, counts: &[ArticleCount]) -> io::Result<()> {
    writeln!(out, "{:>11}  {:>8}  path  title", "occurrences", "passages")?;
    for c in counts {
        writeln!(
            out,
            "{:>11}  {:>8}  {}  {}",
            c.occurrences,
            c.passages,
            super::terminal_line(&c.path),
            super::terminal_line(c.title.as_deref().unwrap_or(""))
        )?;
    }
    let (passages, occurrences) = totals(counts);
    writeln!(
        out,
        "{occurrences:>11}  {passages:>8}  total in {} articles",
        counts.len()
    )
}

/// One JSON object with the totals and the per-article counts.
pub fn json(out: &mut dyn Write, query: &str, counts: &[ArticleCount]) -> io::Result<()> {
    let (passages, occurrences) = totals(counts);
    super::json_document(
        out,
        &Counts {
            query,
            passages,
            occurrences,
            articles: counts,
        },
    )
}

/// One JSON object per article.
pub fn jsonl(out: &mut dyn Write, counts: &[ArticleCount]) -> io::Result<()> {
    super::json_lines(out, counts)
}

/// CSV with a header row.
pub fn csv(out: &mut dyn Write, counts: &[ArticleCount]) -> io::Result<()> {
    csv_rows(out, counts).map_err(super::csv_error)
}

fn csv_rows(out: &mut dyn Write, counts: &[ArticleCount]) -> ::csv::Result<()> {
    let mut w = super::CsvWriter::from_writer(out);
    w.write_record(["path", "title", "source", "date", "passages", "occurrences"])?;
    for c in counts {
        w.write_record([
            c.path.as_str(),
            c.title.as_deref().unwrap_or(""),
            c.source.as_deref().unwrap_or(""),
            c.date.as_deref().unwrap_or(""),
            &c.passages.to_string(),
            &c.occurrences.to_string(),
        ])?;
    }
    Ok(w.flush()?)
}
