//! `collocates`: a row per word, strongest first.

use crate::views::collocates::Collocates;
use std::io::{self, Write};

/// A table: word, together, total, score.
pub fn text(out: &mut dyn Write, c: &Collocates) -> io::Result<()> {
    let words: Vec<String> = c
        .rows
        .iter()
        .map(|r| super::terminal_line(&r.word).into_owned())
        .collect();
    let width = words
        .iter()
        .map(|w| w.chars().count())
        .chain([4])
        .max()
        .unwrap_or(4);
    writeln!(
        out,
        "{:<width$}  {:>8}  {:>8}  {:>9}",
        "word", "together", "total", "score"
    )?;
    for (word, r) in words.iter().zip(&c.rows) {
        let pad = width - word.chars().count();
        writeln!(
            out,
            "{word}{:pad$}  {:>8}  {:>8}  {:>9.1}",
            "", r.together, r.total, r.score
        )?;
    }
    Ok(())
}

/// One JSON object: query, window, rows.
pub fn json(out: &mut dyn Write, c: &Collocates) -> io::Result<()> {
    super::json_document(out, c)
}

/// One JSON object per word.
pub fn jsonl(out: &mut dyn Write, c: &Collocates) -> io::Result<()> {
    super::json_lines(out, &c.rows)
}

/// CSV with a header row: word, together, total, score.
pub fn csv(out: &mut dyn Write, c: &Collocates) -> io::Result<()> {
    let mut w = super::CsvWriter::from_writer(out);
    let header = ["word", "together", "total", "score"].map(str::to_string);
    w.write_record(&header).map_err(super::csv_error)?;
    for r in &c.rows {
        let record = [
            r.word.clone(),
            r.together.to_string(),
            r.total.to_string(),
            r.score.to_string(),
        ];
        w.write_record(&record).map_err(super::csv_error)?;
    }
    w.flush()
}
