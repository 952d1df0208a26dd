//! The printers: every byte newsgrep writes to stdout goes through here, one printer per format
//! over the same data.

pub mod article;
pub mod count;
pub mod hits;
pub mod kwic;
pub mod quote;
pub mod stats;
pub mod window;

use serde::Serialize;
use std::io::{self, Write};

/// One pretty-printed JSON document (`--format json`).
pub fn json_document<T: Serialize + ?Sized>(out: &mut dyn Write, value: &T) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, value)?;
    writeln!(out)
}

/// One compact JSON object per item, one per line (`--format jsonl`).
pub fn json_lines<'a, T: Serialize + 'a>(
    out: &mut dyn Write,
    items: impl IntoIterator<Item = &'a T>,
) -> io::Result<()> {
    for item in items {
        serde_json::to_writer(&mut *out, item)?;
        writeln!(out)?;
    }
    Ok(())
}
