//! `-l`: the paths of the matching articles, one a line, as `grep -l` prints them.

use serde::Serialize;
use std::io::{self, Write};

/// One path a line.
pub fn text(out: &mut dyn Write, paths: &[String]) -> io::Result<()> {
    for path in paths {
        writeln!(out, "{}", super::terminal_line(path))?;
    }
    Ok(())
}

#[derive(Serialize)]
struct Files<'a> {
    query: &'a str,
    paths: &'a [String],
}

/// One JSON object: query, paths.
pub fn json(out: &mut dyn Write, query: &str, paths: &[String]) -> io::Result<()> {
    super::json_document(out, &Files { query, paths })
}

#[derive(Serialize)]
struct File<'a> {
    path: &'a str,
}

/// One JSON object per path, `{"path": ...}`.
pub fn jsonl(out: &mut dyn Write, paths: &[String]) -> io::Result<()> {
    let files: Vec<File> = paths.iter().map(|path| File { path }).collect();
    super::json_lines(out, &files)
}

/// CSV: a `path` header, then one path a row.
pub fn csv(out: &mut dyn Write, paths: &[String]) -> io::Result<()> {
    let mut w = super::CsvWriter::from_writer(out);
    let rows = std::iter::once("path").chain(paths.iter().map(String::as_str));
    for row in rows {
        w.write_record([row]).map_err(super::csv_error)?;
    }
    w.flush()
}
