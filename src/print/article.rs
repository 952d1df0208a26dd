//! Printing cleaned articles for `newsgrep clean`.

use crate::clean::{Article, Removed};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct CleanRecord<'a> {
    path: &'a str,
    title: &'a Option<String>,
    source: &'a Option<String>,
    date: &'a Option<String>,
    body: String,
    removed: &'a [Removed],
}

/// One JSON line per article.
pub fn jsonl(out: &mut dyn Write, path: &str, article: &Article) -> io::Result<()> {
    let record = CleanRecord {
        path,
        title: &article.title,
        source: &article.source,
        date: &article.date,
        body: article.body(),
        removed: &article.removed,
    };
    super::json_lines(out, [&record])
}

/// The article for reading: a header, the body, then what was removed.
pub fn text(out: &mut dyn Write, path: &str, article: &Article) -> io::Result<()> {
    writeln!(out, "== {path}")?;
    let none = "-";
    writeln!(out, "title:  {}", article.title.as_deref().unwrap_or(none))?;
    writeln!(out, "source: {}", article.source.as_deref().unwrap_or(none))?;
    writeln!(out, "date:   {}", article.date.as_deref().unwrap_or(none))?;
    writeln!(out)?;
    for p in &article.paragraphs {
        writeln!(
            out,
            "{:>5}| {}",
            p.lines.first().map_or(0, |l| l.line),
            p.text
        )?;
    }
    if !article.removed.is_empty() {
        writeln!(out, "\nremoved:")?;
        for r in &article.removed {
            writeln!(out, "{:>5}| [{}] {}", r.line, r.reason, r.text)?;
        }
    }
    writeln!(out)
}
