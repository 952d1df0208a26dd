//! Printing corpus statistics and word lists.

use super::terminal_line;
use crate::stats::{Stats, TermCount};
use std::io::{self, Write};

/// Statistics for reading.
pub fn text(out: &mut dyn Write, s: &Stats) -> io::Result<()> {
    writeln!(
        out,
        "articles:        {} ({} files skipped)",
        s.articles, s.skipped
    )?;
    writeln!(out, "passages:        {}", s.passages)?;
    writeln!(out, "distinct words:  {}", s.distinct_terms)?;
    let range = match (&s.first_date, &s.last_date) {
        (Some(a), Some(b)) => format!("{} .. {}", terminal_line(a), terminal_line(b)),
        _ => "-".into(),
    };
    writeln!(out, "dates:           {range}")?;
    writeln!(out, "sources:         {}", s.sources.len())?;
    for (source, n) in s.sources.iter().take(20) {
        writeln!(out, "  {n:>6}  {}", terminal_line(source))?;
    }
    writeln!(out, "top words (passages):")?;
    terms(out, &s.top_terms)
}

/// A word list: passages, word.
pub fn terms(out: &mut dyn Write, list: &[TermCount]) -> io::Result<()> {
    for t in list {
        writeln!(out, "  {:>6}  {}", t.passages, terminal_line(&t.term))?;
    }
    Ok(())
}

/// A word list as CSV with a header row: term, passages.
pub fn terms_csv(out: &mut dyn Write, list: &[TermCount]) -> io::Result<()> {
    terms_csv_rows(out, list).map_err(super::csv_error)
}

fn terms_csv_rows(out: &mut dyn Write, list: &[TermCount]) -> csv::Result<()> {
    let mut w = super::CsvWriter::from_writer(out);
    w.write_record(["term", "passages"])?;
    for t in list {
        w.write_record([t.term.as_str(), &t.passages.to_string()])?;
    }
    Ok(w.flush()?)
}
