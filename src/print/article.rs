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

impl<'a> CleanRecord<'a> {
    fn of(path: &'a str, article: &'a Article) -> Self {
        CleanRecord {
            path,
            title: &article.title,
            source: &article.source,
            date: &article.date,
            url: &article.url,
            lang: &article.language,
            body: article.body(),
            removed: &article.removed,
        }
    }
}

/// How `clean` prints its articles.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Form {
    /// For reading: see [`text`].
    Text,
    /// One JSON object a line.
    JsonLines,
    /// One JSON array of the same objects.
    Json,
}

/// Prints the articles of one `clean` run as they come: a JSON array is opened at the first
/// and closed by [`Articles::finish`], so a large collection is never held whole.
pub struct Articles {
    form: Form,
    written: usize,
}

impl Articles {
    pub fn new(form: Form) -> Self {
        Articles { form, written: 0 }
    }

    pub fn article(
        &mut self,
        out: &mut dyn Write,
        path: &str,
        article: &Article,
    ) -> io::Result<()> {
        match self.form {
            Form::Text => text(out, path, article)?,
            Form::JsonLines => super::json_lines(out, [&CleanRecord::of(path, article)])?,
            Form::Json => {
                out.write_all(if self.written == 0 { b"[\n" } else { b",\n" })?;
                serde_json::to_writer(&mut *out, &CleanRecord::of(path, article))?;
            }
        }
        self.written += 1;
        Ok(())
    }

    /// Closes the JSON array (an empty one when no article was printed).
    pub fn finish(&mut self, out: &mut dyn Write) -> io::Result<()> {
        if self.form == Form::Json {
            out.write_all(if self.written == 0 { b"[]\n" } else { b"\n]\n" })?;
        }
        Ok(())
    }
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
