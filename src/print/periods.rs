//! `--count --by`: a row per period or source, with a bar of its share in text.

use super::terminal_line;
use crate::views::{PeriodCounts, PeriodRow};
use std::io::{self, Write};

/// Width of the longest bar, in cells.
const BAR_WIDTH: usize = 30;

/// A bar of `value / max` of [`BAR_WIDTH`] cells, in eighths of a cell (Unicode blocks).
pub(crate) fn bar(value: f64, max: f64) -> String {
    if max <= 0.0 || value <= 0.0 {
        return String::new();
    }
    let eighths = ((value / max).min(1.0) * (BAR_WIDTH * 8) as f64).round() as usize;
    // A share too small to round to an eighth still shows: zero and "a few" differ.
    let eighths = eighths.max(1);
    let mut bar = "█".repeat(eighths / 8);
    if let Some(&part) = ['▏', '▎', '▍', '▌', '▋', '▊', '▉'].get((eighths % 8).wrapping_sub(1))
    {
        bar.push(part);
    }
    bar
}

/// The key as shown: the undated (or sourceless) row is `(none)`.
pub(crate) fn shown_key(key: Option<&str>) -> String {
    key.map_or_else(|| "(none)".to_string(), |k| terminal_line(k).into_owned())
}

/// The row keys as shown, and the width of their column (at least 3).
pub(crate) fn shown_keys<'a>(keys: impl Iterator<Item = Option<&'a str>>) -> (Vec<String>, usize) {
    let keys: Vec<String> = keys.map(shown_key).collect();
    let width = keys
        .iter()
        .map(|k| k.chars().count())
        .chain([3])
        .max()
        .unwrap_or(3);
    (keys, width)
}

/// A table: key, articles, total articles, share, occurrences, then a bar of the share.
pub fn text(out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()> {
    let (keys, width) = shown_keys(counts.rows.iter().map(|r| r.key.as_deref()));
    let max = counts.rows.iter().map(|r| r.share).fold(0.0, f64::max);
    writeln!(
        out,
        "{:<width$}  {:>8}  {:>8}  {:>7}  {:>11}",
        "key", "articles", "of", "share", "occurrences"
    )?;
    for (key, r) in keys.iter().zip(&counts.rows) {
        let pad = width - key.chars().count();
        writeln!(
            out,
            "{key}{:pad$}  {:>8}  {:>8}  {:>6.2}%  {:>11}  {}",
            "",
            r.articles,
            r.total_articles,
            r.share * 100.0,
            r.occurrences,
            bar(r.share, max)
        )?;
    }
    let all: usize = counts.rows.iter().map(|r| r.total_articles).sum();
    writeln!(out, "{:<width$}  {:>8}  {all:>8}", "total", counts.total)
}

/// One JSON object: query, by, total, rows.
pub fn json(out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()> {
    super::json_document(out, counts)
}

/// One JSON object per row.
pub fn jsonl(out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()> {
    super::json_lines(out, &counts.rows)
}

/// CSV with a header row; the undated row's key is empty.
pub fn csv(out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()> {
    csv_rows(out, &counts.rows).map_err(super::csv_error)
}

fn csv_rows(out: &mut dyn Write, rows: &[PeriodRow]) -> ::csv::Result<()> {
    let mut w = super::CsvWriter::from_writer(out);
    w.write_record([
        "key",
        "articles",
        "passages",
        "occurrences",
        "total_articles",
        "share",
    ])?;
    for r in rows {
        w.write_record([
            r.key.as_deref().unwrap_or(""),
            &r.articles.to_string(),
            &r.passages.to_string(),
            &r.occurrences.to_string(),
            &r.total_articles.to_string(),
            &r.share.to_string(),
        ])?;
    }
    Ok(w.flush()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bars_are_drawn_in_eighths_of_the_longest() {
        assert_eq!(bar(1.0, 1.0), "█".repeat(BAR_WIDTH));
        assert_eq!(bar(0.5, 1.0), "█".repeat(BAR_WIDTH / 2));
        assert_eq!(bar(1.0 / 240.0, 1.0), "▏");
        assert_eq!(bar(0.0001, 1.0), "▏");
        assert_eq!(bar(0.0, 1.0), "");
    }
}
