//! Printing cleaned articles for `newsgrep clean`.

use super::{terminal_line, terminal_text};
use crate::clean::{Article, Removed};
use serde::Serialize;
use std::io::{self, Write};

#[derive(Serialize)]
struct CleanRecord<'a> {
    path: &'a str,
    title: &'a Option<String>,
    source: &'a Option<String>,
    date: &'a Option<String>,
    url: &'a Option<String>,
    lang: &'a Option<String>,
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
        url: &article.url,
        lang: &article.language,
        body: article.body(),
        removed: &article.removed,
    };
    super::json_lines(out, [&record])
}

/// The article for reading: a header, the body, then what was removed.
pub fn text(out: &mut dyn Write, path: &str, article: &Article) -> io::Result<()> {
    writeln!(out, "== {}", terminal_line(path))?;
    let field =
        |value: &Option<String>| terminal_line(value.as_deref().unwrap_or("-")).into_owned();
    writeln!(out, "title:  {}", field(&article.title))?;
    writeln!(out, "source: {}", field(&article.source))?;
    writeln!(out, "date:   {}", field(&article.date))?;
    if article.url.is_some() {
        writeln!(out, "url:    {}", field(&article.url))?;
    }
    writeln!(out)?;
    for p in &article.paragraphs {
        writeln!(
            out,
            "{:>5}| {}",
            p.lines.first().map_or(0, |l| l.line),
            terminal_text(&p.text)
        )?;
    }
    if !article.removed.is_empty() {
        writeln!(out, "\nremoved:")?;
        for r in &article.removed {
            writeln!(
                out,
                "{:>5}| [{}] {}",
                r.line,
                r.reason,
                terminal_text(&r.text)
            )?;
        }
    }
    writeln!(out)
}
