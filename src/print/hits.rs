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

/// A printer of hits one at a time, in the order given: what `search --all` streams through as
/// hits are found. Text, JSON Lines and CSV print each hit on its own; JSON, whose `total`
/// comes first, prints a whole [`SearchResult`] instead.
pub trait HitPrinter {
    /// What comes before the first hit (a header row).
    fn start(&mut self, _out: &mut dyn Write) -> io::Result<()> {
        Ok(())
    }
    /// One hit.
    fn hit(&mut self, out: &mut dyn Write, hit: &Hit) -> io::Result<()>;
}

/// Hits for reading: `rank. path:line  title`, then the window of the passage around its
/// matches.
pub struct Text {
    marks: Marks,
    /// Hits printed so far: what numbers an unranked hit.
    shown: usize,
}

impl Text {
    /// Hits for reading, matches marked with `marks`.
    pub fn new(marks: Marks) -> Text {
        Text { marks, shown: 0 }
    }
}

impl HitPrinter for Text {
    fn hit(&mut self, out: &mut dyn Write, hit: &Hit) -> io::Result<()> {
        let marks = self.marks;
        self.shown += 1;
        let mut header = header(
            marks,
            hit.rank.unwrap_or(self.shown),
            &hit.article(),
            hit.citation.line,
            [
                &hit.citation.title,
                &hit.citation.source,
                &hit.citation.date,
            ],
        );
        if let Some(url) = &hit.citation.url {
            header.push_str("  ");
            header.push_str(&paint(marks, DIM, &terminal_line(url)));
        }
        writeln!(out, "{header}")?;
        hit_body(out, hit, marks)
    }
}

/// One JSON object per hit, one per line.
pub struct JsonLines;

impl HitPrinter for JsonLines {
    fn hit(&mut self, out: &mut dyn Write, hit: &Hit) -> io::Result<()> {
        super::json_lines(out, [hit])
    }
}

/// CSV with a header row, one row per hit; highlights as `start-end;start-end` in bytes and
/// in chars, into the text as its cell holds it (see [`super::spreadsheet_cell`]). The columns are the JSON's: `path` is the file, `record` the record's number in
/// a collection (empty for a plain file), then its `url` and `lang`, after the text so that
/// the earlier columns keep their places.
pub struct Csv;

impl HitPrinter for Csv {
    fn start(&mut self, out: &mut dyn Write) -> io::Result<()> {
        let mut w = super::CsvWriter::from_writer(out);
        w.write_record(CSV_HEADER).map_err(super::csv_error)?;
        w.flush()
    }

    fn hit(&mut self, out: &mut dyn Write, hit: &Hit) -> io::Result<()> {
        // The offsets count in the text as the cell shows it.
        let (text, highlights, highlight_chars) =
            super::spreadsheet_text(&hit.text, &hit.highlights, &hit.highlight_chars);
        let mut w = super::CsvWriter::from_writer(out);
        w.write_record([
            &hit.rank.map_or_else(String::new, |r| r.to_string()),
            &hit.score.to_string(),
            &hit.citation.path,
            &hit.citation.line.to_string(),
            hit.citation.title.as_deref().unwrap_or(""),
            hit.citation.source.as_deref().unwrap_or(""),
            hit.citation.date.as_deref().unwrap_or(""),
            &hit.passage.to_string(),
            &spans_field(&highlights),
            &spans_field(&highlight_chars),
            &text,
            &hit.citation
                .record
                .map_or_else(String::new, |n| n.to_string()),
            hit.citation.url.as_deref().unwrap_or(""),
            hit.citation.lang.as_deref().unwrap_or(""),
        ])
        .map_err(super::csv_error)?;
        w.flush()
    }
}

const CSV_HEADER: [&str; 14] = [
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
    "record",
    "url",
    "lang",
];

/// Every hit of `result` through `printer`.
fn print_all(
    mut printer: impl HitPrinter,
    out: &mut dyn Write,
    result: &SearchResult,
) -> io::Result<()> {
    printer.start(out)?;
    for hit in &result.hits {
        printer.hit(out, hit)?;
    }
    Ok(())
}

/// The hits for reading (see [`Text`]).
pub fn text(out: &mut dyn Write, result: &SearchResult, marks: Marks) -> io::Result<()> {
    print_all(Text::new(marks), out, result)
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
            paint(marks, PATH, &terminal_line(&first.article()))
        );
        if let Some(title) = &first.citation.title {
            header.push_str("  ");
            header.push_str(&paint(marks, TITLE, &terminal_line(title)));
        }
        writeln!(out, "{header}")?;
        for hit in group {
            write!(
                out,
                "  {}:",
                paint(marks, LINE, &hit.citation.line.to_string())
            )?;
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

/// The hits as CSV (see [`Csv`]).
pub fn csv(out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
    print_all(Csv, out, result)
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
    print_all(JsonLines, out, result)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::highlight::Span;
    use crate::hit::Citation;

    /// A hit on "Cocoa prices rose." with "prices" matched.
    fn hit(rank: usize, path: &str) -> Hit {
        Hit {
            rank: Some(rank),
            score: 1.5,
            citation: Citation {
                path: path.to_string(),
                line: 3,
                title: Some("Cocoa, again".to_string()),
                date: Some("1987-03-02".to_string()),
                ..Citation::default()
            },
            passage: 1,
            text: "Cocoa prices rose.".to_string(),
            highlights: vec![Span { start: 6, end: 12 }],
            highlight_chars: vec![Span { start: 6, end: 12 }],
            before: Vec::new(),
            after: Vec::new(),
            story: None,
            copies: Vec::new(),
        }
    }

    fn printed(mut printer: impl HitPrinter, hits: &[Hit]) -> String {
        let mut out = Vec::new();
        printer.start(&mut out).expect("writing to memory");
        for hit in hits {
            printer.hit(&mut out, hit).expect("writing to memory");
        }
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn a_record_of_a_collection_is_cited_with_its_number_and_url() {
        let mut record = hit(1, "corpus/c.jsonl");
        record.citation.record = Some(2);
        record.citation.url = Some("https://example.com/cocoa".to_string());
        assert_eq!(
            printed(Text::new(Marks::Plain), std::slice::from_ref(&record)),
            "1. corpus/c.jsonl#2:3  Cocoa, again (1987-03-02)  https://example.com/cocoa\n   Cocoa **prices** rose.\n\n"
        );
        let csv = printed(Csv, &[record]);
        assert!(
            csv.starts_with("rank,score,path,line,title,source,date,passage,highlights,highlight_chars,text,record,url,lang\n"),
            "{csv}"
        );
        assert!(
            csv.ends_with(
                "1,1.5,corpus/c.jsonl,3,\"Cocoa, again\",,1987-03-02,1,6-12,6-12,Cocoa prices rose.,2,https://example.com/cocoa,\n"
            ),
            "{csv}"
        );
    }

    #[test]
    fn text_prints_the_citation_line_then_the_passage_with_its_match_marked() {
        assert_eq!(
            printed(Text::new(Marks::Plain), &[hit(1, "corpus/a.txt")]),
            "1. corpus/a.txt:3  Cocoa, again (1987-03-02)\n   Cocoa **prices** rose.\n\n"
        );
    }

    #[test]
    fn csv_prints_its_header_once_and_quotes_a_title_with_a_comma() {
        let csv = printed(Csv, &[hit(1, "a.txt"), hit(2, "b.txt")]);
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 3);
        assert_eq!(lines[0], CSV_HEADER.join(","));
        assert_eq!(
            lines[2],
            "2,1.5,b.txt,3,\"Cocoa, again\",,1987-03-02,1,6-12,6-12,Cocoa prices rose.,,,"
        );
    }

    #[test]
    fn json_lines_prints_one_object_a_hit() {
        let jsonl = printed(JsonLines, &[hit(1, "a.txt"), hit(2, "b.txt")]);
        let ranks: Vec<u64> = jsonl
            .lines()
            .map(|line| {
                let value: serde_json::Value = serde_json::from_str(line).expect("JSON");
                value["rank"].as_u64().unwrap_or(0)
            })
            .collect();
        assert_eq!(ranks, [1, 2]);
    }

    #[test]
    fn a_hit_in_json_gives_its_citation_fields_in_place_between_score_and_passage() {
        let jsonl = printed(JsonLines, &[hit(1, "a.txt")]);
        assert_eq!(
            jsonl,
            "{\"rank\":1,\"score\":1.5,\"path\":\"a.txt\",\"record\":null,\"line\":3,\
             \"url\":null,\"lang\":null,\"title\":\"Cocoa, again\",\"source\":null,\
             \"date\":\"1987-03-02\",\"passage\":1,\"text\":\"Cocoa prices rose.\",\
             \"highlights\":[[6,12]],\"highlight_chars\":[[6,12]]}\n"
        );
    }
}
