//! `compare`: a row per period or source, a column per query (articles and share).

use super::periods::shown_keys;
use crate::views::Comparison;
use std::io::{self, Write};

/// A table: key, all articles, then each query's articles and share.
pub fn text(out: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    let (keys, width) = shown_keys(c.rows.iter().map(|r| r.key.as_deref()));
    let names: Vec<String> = c
        .queries
        .iter()
        .map(|q| super::terminal_line(&q.name).into_owned())
        .collect();
    // A column fits its name and "123456 100.00%".
    let columns: Vec<usize> = names.iter().map(|n| n.chars().count().max(15)).collect();
    write!(out, "{:<width$}  {:>8}", "key", "articles")?;
    for (name, &w) in names.iter().zip(&columns) {
        let pad = w - name.chars().count();
        write!(out, "  {:pad$}{name}", "")?;
    }
    writeln!(out)?;
    for (key, row) in keys.iter().zip(&c.rows) {
        let pad = width - key.chars().count();
        write!(out, "{key}{:pad$}  {:>8}", "", row.total_articles)?;
        for ((_, count), &w) in row.counts.iter().zip(&columns) {
            let cell = format!("{} {:.2}%", count.articles, count.share * 100.0);
            write!(out, "  {cell:>w$}")?;
        }
        writeln!(out)?;
    }
    Ok(())
}

/// One JSON object: by, queries, rows.
pub fn json(out: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    super::json_document(out, c)
}

/// One JSON object per row.
pub fn jsonl(out: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    super::json_lines(out, &c.rows)
}

/// CSV with a header row: key, total_articles, then `NAME articles` and `NAME share` per query.
pub fn csv(out: &mut dyn Write, c: &Comparison) -> io::Result<()> {
    csv_rows(out, c).map_err(super::csv_error)
}

fn csv_rows(out: &mut dyn Write, c: &Comparison) -> ::csv::Result<()> {
    let mut w = super::CsvWriter::from_writer(out);
    let mut header = vec!["key".to_string(), "total_articles".to_string()];
    for q in &c.queries {
        header.push(format!("{} articles", q.name));
        header.push(format!("{} share", q.name));
    }
    w.write_record(&header)?;
    for row in &c.rows {
        let mut record = vec![
            row.key.clone().unwrap_or_default(),
            row.total_articles.to_string(),
        ];
        for (_, count) in &row.counts {
            record.push(count.articles.to_string());
            record.push(count.share.to_string());
        }
        w.write_record(&record)?;
    }
    Ok(w.flush()?)
}
