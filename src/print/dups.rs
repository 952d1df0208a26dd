//! `dups`: the stories found in several copies, largest first.

use crate::views::copies::Group;
use serde::Serialize;
use std::io::{self, Write};

/// Each group: `N copies  (story ID)`, then its paths, earliest first, indented.
pub fn text(out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
    for g in groups {
        writeln!(out, "{} copies  (story {})", g.size, g.group)?;
        for path in &g.paths {
            writeln!(out, "  {}", super::terminal_line(path))?;
        }
    }
    Ok(())
}

#[derive(Serialize)]
struct Groups<'a> {
    groups: &'a [Group],
}

/// One JSON object: groups.
pub fn json(out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
    super::json_document(out, &Groups { groups })
}

/// One JSON object per group.
pub fn jsonl(out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
    super::json_lines(out, groups)
}

/// CSV with a header row, one row per copy: group, size, path.
pub fn csv(out: &mut dyn Write, groups: &[Group]) -> io::Result<()> {
    let mut w = super::CsvWriter::from_writer(out);
    w.write_record(["group", "size", "path"])
        .map_err(super::csv_error)?;
    for g in groups {
        for path in &g.paths {
            w.write_record([g.group.to_string(), g.size.to_string(), path.clone()])
                .map_err(super::csv_error)?;
        }
    }
    w.flush()
}
