//! One printer per output format, behind one trait: a command hands its result to the
//! [`Printer`] the user asked for and never matches on the format itself.
//!
//! Each method prints one command's result whole; the bytes themselves are written by the
//! modules named for each result (`count`, `kwic`, `periods`, ...), so what a format looks
//! like for one result stays in one file. A format that has no form for a result says so with
//! an error instead of printing another format.

use super::hits::{HitPrinter, Marks};
use super::kwic::Occurrence;
use super::{collocates, compare, count, dups, files, hits, kwic, periods, quote, stats};
use crate::hit::{ArticleCount, Hit, SearchResult};
use crate::stats::{Stats, TermCount};
use crate::trace::TraceResult;
use crate::views::collocates::Collocates;
use crate::views::copies::Group;
use crate::views::{Comparison, PeriodCounts};
use std::io::{self, Write};

/// Prints every result of the commands in one format.
pub trait Printer {
    /// The hits of a search.
    fn hits(&self, out: &mut dyn Write, result: &SearchResult) -> io::Result<()>;

    /// The hits of a search grouped by article (`--group article`), articles in the order of
    /// their best hit. A format without groups prints the hits in that order.
    fn groups(
        &self,
        out: &mut dyn Write,
        query: &str,
        total: usize,
        groups: Vec<Vec<Hit>>,
    ) -> io::Result<()> {
        let result = SearchResult {
            query: query.to_string(),
            total,
            hits: groups.into_iter().flatten().collect(),
        };
        self.hits(out, &result)
    }

    /// A printer of hits one at a time as they are found (`search --all`); `None` for a format
    /// that needs the whole result first.
    fn streaming(&self) -> Option<Box<dyn HitPrinter>>;

    /// The articles that match `query` (`-l`).
    fn files(&self, out: &mut dyn Write, query: &str, paths: &[String]) -> io::Result<()>;

    /// Matches per article (`--count`).
    fn count(&self, out: &mut dyn Write, query: &str, counts: &[ArticleCount]) -> io::Result<()>;

    /// Every occurrence on a line of its own, `width` chars of context each side (`--kwic`).
    fn kwic(&self, out: &mut dyn Write, lines: &[Occurrence], width: usize) -> io::Result<()>;

    /// Matching articles per period or source (`--count --by`).
    fn periods(&self, out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()>;

    /// Several queries per period or source (`compare`).
    fn compare(&self, out: &mut dyn Write, comparison: &Comparison) -> io::Result<()>;

    /// The sources of a quote (`quote`).
    fn quote(&self, out: &mut dyn Write, result: &TraceResult) -> io::Result<()>;

    /// The words near the matches (`collocates`).
    fn collocates(&self, out: &mut dyn Write, found: &Collocates) -> io::Result<()>;

    /// The stories found in several copies (`dups`).
    fn dups(&self, out: &mut dyn Write, groups: &[Group]) -> io::Result<()>;

    /// The index in figures (`stats`).
    fn stats(&self, out: &mut dyn Write, stats: &Stats) -> io::Result<()>;

    /// A word list (`terms`).
    fn terms(&self, out: &mut dyn Write, list: &[TermCount]) -> io::Result<()>;
}

/// Text for reading, matches marked with `marks`.
pub struct Text {
    pub marks: Marks,
}

impl Printer for Text {
    fn hits(&self, out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
        hits::text(out, result, self.marks)
    }
    fn groups(
        &self,
        out: &mut dyn Write,
        _query: &str,
        _total: usize,
        groups: Vec<Vec<Hit>>,
    ) -> io::Result<()> {
        hits::grouped(out, &groups, self.marks)
    }
    fn streaming(&self) -> Option<Box<dyn HitPrinter>> {
        Some(Box::new(hits::Text::new(self.marks)))
    }
    fn files(&self, out: &mut dyn Write, _query: &str, paths: &[String]) -> io::Result<()> {
        files::text(out, paths)
    }
    fn count(&self, out: &mut dyn Write, _query: &str, counts: &[ArticleCount]) -> io::Result<()> {
        count::text(out, counts)
    }
    fn kwic(&self, out: &mut dyn Write, lines: &[Occurrence], width: usize) -> io::Result<()> {
        kwic::text(out, lines, width, self.marks)
    }
    fn periods(&self, out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()> {
        periods::text(out, counts)
    }
    fn compare(&self, out: &mut dyn Write, comparison: &Comparison) -> io::Result<()> {
        compare::text(out, comparison)
    }
    fn quote(&self, out: &mut dyn Write, result: &TraceResult) -> io::Result<()> {
        quote::text(out, result, self.marks)
    }
    fn collocates(&self, out: &mut dyn Write, found: &Collocates) -> io::Result<()> {
        collocates::text(out, found)
    }
    fn dups(&self, out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
        dups::text(out, groups)
    }
    fn stats(&self, out: &mut dyn Write, s: &Stats) -> io::Result<()> {
        stats::text(out, s)
    }
    fn terms(&self, out: &mut dyn Write, list: &[TermCount]) -> io::Result<()> {
        stats::terms(out, list)
    }
}

/// One pretty-printed JSON document per result (`--format json`).
pub struct Json;

impl Printer for Json {
    fn hits(&self, out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
        hits::json(out, result)
    }
    fn streaming(&self) -> Option<Box<dyn HitPrinter>> {
        None
    }
    fn files(&self, out: &mut dyn Write, query: &str, paths: &[String]) -> io::Result<()> {
        files::json(out, query, paths)
    }
    fn count(&self, out: &mut dyn Write, query: &str, counts: &[ArticleCount]) -> io::Result<()> {
        count::json(out, query, counts)
    }
    /// The occurrences as one JSON array, so that the output is one JSON document.
    fn kwic(&self, out: &mut dyn Write, lines: &[Occurrence], _width: usize) -> io::Result<()> {
        super::json_document(out, lines)
    }
    fn periods(&self, out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()> {
        periods::json(out, counts)
    }
    fn compare(&self, out: &mut dyn Write, comparison: &Comparison) -> io::Result<()> {
        compare::json(out, comparison)
    }
    fn quote(&self, out: &mut dyn Write, result: &TraceResult) -> io::Result<()> {
        quote::json(out, result)
    }
    fn collocates(&self, out: &mut dyn Write, found: &Collocates) -> io::Result<()> {
        collocates::json(out, found)
    }
    fn dups(&self, out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
        dups::json(out, groups)
    }
    /// The figures as one compact JSON object on one line, as JSON Lines.
    fn stats(&self, out: &mut dyn Write, s: &Stats) -> io::Result<()> {
        super::json_lines(out, [s])
    }
    /// The words as one JSON array, so that the output is one JSON document.
    fn terms(&self, out: &mut dyn Write, list: &[TermCount]) -> io::Result<()> {
        super::json_document(out, list)
    }
}

/// One compact JSON object per item, one a line (`--format jsonl`).
pub struct JsonLines;

impl Printer for JsonLines {
    fn hits(&self, out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
        hits::jsonl(out, result)
    }
    fn streaming(&self) -> Option<Box<dyn HitPrinter>> {
        Some(Box::new(hits::JsonLines))
    }
    fn files(&self, out: &mut dyn Write, _query: &str, paths: &[String]) -> io::Result<()> {
        files::jsonl(out, paths)
    }
    fn count(&self, out: &mut dyn Write, _query: &str, counts: &[ArticleCount]) -> io::Result<()> {
        count::jsonl(out, counts)
    }
    fn kwic(&self, out: &mut dyn Write, lines: &[Occurrence], _width: usize) -> io::Result<()> {
        kwic::jsonl(out, lines)
    }
    fn periods(&self, out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()> {
        periods::jsonl(out, counts)
    }
    fn compare(&self, out: &mut dyn Write, comparison: &Comparison) -> io::Result<()> {
        compare::jsonl(out, comparison)
    }
    fn quote(&self, out: &mut dyn Write, result: &TraceResult) -> io::Result<()> {
        quote::jsonl(out, result)
    }
    fn collocates(&self, out: &mut dyn Write, found: &Collocates) -> io::Result<()> {
        collocates::jsonl(out, found)
    }
    fn dups(&self, out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
        dups::jsonl(out, groups)
    }
    fn stats(&self, out: &mut dyn Write, s: &Stats) -> io::Result<()> {
        super::json_lines(out, [s])
    }
    fn terms(&self, out: &mut dyn Write, list: &[TermCount]) -> io::Result<()> {
        super::json_lines(out, list)
    }
}

/// CSV with a header row, one row per item (`--format csv`).
pub struct Csv;

impl Printer for Csv {
    fn hits(&self, out: &mut dyn Write, result: &SearchResult) -> io::Result<()> {
        hits::csv(out, result)
    }
    fn streaming(&self) -> Option<Box<dyn HitPrinter>> {
        Some(Box::new(hits::Csv))
    }
    fn files(&self, out: &mut dyn Write, _query: &str, paths: &[String]) -> io::Result<()> {
        files::csv(out, paths)
    }
    fn count(&self, out: &mut dyn Write, _query: &str, counts: &[ArticleCount]) -> io::Result<()> {
        count::csv(out, counts)
    }
    fn kwic(&self, out: &mut dyn Write, lines: &[Occurrence], _width: usize) -> io::Result<()> {
        kwic::csv(out, lines)
    }
    fn periods(&self, out: &mut dyn Write, counts: &PeriodCounts) -> io::Result<()> {
        periods::csv(out, counts)
    }
    fn compare(&self, out: &mut dyn Write, comparison: &Comparison) -> io::Result<()> {
        compare::csv(out, comparison)
    }
    fn quote(&self, _out: &mut dyn Write, _result: &TraceResult) -> io::Result<()> {
        Err(io::Error::other("quote prints text, json or jsonl"))
    }
    fn collocates(&self, out: &mut dyn Write, found: &Collocates) -> io::Result<()> {
        collocates::csv(out, found)
    }
    fn dups(&self, out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
        dups::csv(out, groups)
    }
    fn stats(&self, _out: &mut dyn Write, _s: &Stats) -> io::Result<()> {
        Err(io::Error::other("stats prints text or JSON"))
    }
    fn terms(&self, out: &mut dyn Write, list: &[TermCount]) -> io::Result<()> {
        stats::terms_csv(out, list)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts() -> Vec<ArticleCount> {
        vec![ArticleCount {
            path: "a.txt".to_string(),
            title: Some("Cocoa".to_string()),
            source: None,
            date: None,
            passages: 2,
            occurrences: 3,
        }]
    }

    fn printed(print: impl Fn(&mut dyn Write) -> io::Result<()>) -> String {
        let mut out = Vec::new();
        print(&mut out).expect("writing to memory");
        String::from_utf8(out).expect("UTF-8")
    }

    #[test]
    fn each_format_prints_the_counts_in_its_own_form() {
        let c = counts();
        let text = printed(|out| {
            Text {
                marks: Marks::Plain,
            }
            .count(out, "cocoa", &c)
        });
        assert_eq!(
            text,
            "occurrences  passages  path  title\n          3         2  a.txt  Cocoa\n          3         2  total in 1 articles\n"
        );
        let jsonl = printed(|out| JsonLines.count(out, "cocoa", &c));
        assert_eq!(
            jsonl,
            "{\"path\":\"a.txt\",\"title\":\"Cocoa\",\"source\":null,\"date\":null,\"passages\":2,\"occurrences\":3}\n"
        );
        let json: serde_json::Value =
            serde_json::from_str(&printed(|out| Json.count(out, "cocoa", &c))).expect("JSON");
        assert_eq!(json["query"], "cocoa");
        assert_eq!(json["occurrences"], 3);
    }

    #[test]
    fn a_format_without_a_form_for_a_result_is_an_error_not_another_format() {
        let mut out = Vec::new();
        let result = TraceResult {
            quote: "x".to_string(),
            total: 0,
            took_ms: 0.0,
            hits: Vec::new(),
        };
        let e = Csv.quote(&mut out, &result).expect_err("no CSV form");
        assert_eq!(e.to_string(), "quote prints text, json or jsonl");
        assert!(out.is_empty());
    }

    #[test]
    fn json_streams_nothing_and_the_other_formats_stream_hits() {
        assert!(Json.streaming().is_none());
        assert!(JsonLines.streaming().is_some());
        assert!(Csv.streaming().is_some());
        assert!(Text { marks: Marks::Bare }.streaming().is_some());
    }
}
