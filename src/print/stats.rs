//! Printing corpus statistics and word lists.

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
        (Some(a), Some(b)) => format!("{a} .. {b}"),
        _ => "-".into(),
    };
    writeln!(out, "dates:           {range}")?;
    writeln!(out, "sources:         {}", s.sources.len())?;
    for (source, n) in s.sources.iter().take(20) {
        writeln!(out, "  {n:>6}  {source}")?;
    }
    writeln!(out, "top words (passages):")?;
    terms(out, &s.top_terms)
}

/// A word list: passages, word.
pub fn terms(out: &mut dyn Write, list: &[TermCount]) -> io::Result<()> {
    for t in list {
        writeln!(out, "  {:>6}  {}", t.passages, t.term)?;
    }
    Ok(())
}
