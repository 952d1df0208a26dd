//! Numbered document files (`passages-00001.ndjson`, ...) of at most a given size each, so
//! that every file fits in one bulk request.

use anyhow::{Context, Result};
use std::fs::File;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The name of part `n` (from 1) with extension `extension`.
pub(crate) fn part_name(n: usize, extension: &str) -> String {
    format!("passages-{n:05}.{extension}")
}

/// Whether `name` is a part file name with extension `extension`.
pub(crate) fn is_part_name(name: &str, extension: &str) -> bool {
    name.strip_prefix("passages-")
        .and_then(|rest| rest.strip_suffix(extension))
        .and_then(|rest| rest.strip_suffix('.'))
        .is_some_and(|n| n.len() >= 5 && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Writes records into part files of at most `limit` bytes, a record never split across two
/// (a record longer than the limit gets a part of its own).
pub(crate) struct Parts {
    dir: PathBuf,
    extension: &'static str,
    limit: u64,
    current: Option<BufWriter<File>>,
    written: u64,
    names: Vec<String>,
}

impl Parts {
    /// Parts in `dir` named `passages-NNNNN.extension`.
    pub(crate) fn new(dir: &Path, extension: &'static str, limit: u64) -> Parts {
        Parts {
            dir: dir.to_path_buf(),
            extension,
            limit,
            current: None,
            written: 0,
            names: Vec::new(),
        }
    }

    /// Appends one record (whole lines, each ending in `\n`).
    pub(crate) fn write(&mut self, record: &[u8]) -> Result<()> {
        let len = record.len() as u64;
        let full = self.written > 0 && self.written + len > self.limit;
        if self.current.is_none() || full {
            self.start_part()?;
        }
        if let Some(out) = &mut self.current {
            out.write_all(record)
                .with_context(|| format!("writing {}", self.last_path().display()))?;
        }
        self.written += len;
        Ok(())
    }

    /// Closes the last part and gives the names of all parts, in order.
    pub(crate) fn finish(mut self) -> Result<Vec<String>> {
        self.close()?;
        Ok(self.names)
    }

    fn start_part(&mut self) -> Result<()> {
        self.close()?;
        self.names
            .push(part_name(self.names.len() + 1, self.extension));
        let path = self.last_path();
        self.current = Some(BufWriter::new(super::destination::create_new(&path)?));
        self.written = 0;
        Ok(())
    }

    fn close(&mut self) -> Result<()> {
        if let Some(mut out) = self.current.take() {
            out.flush()
                .with_context(|| format!("writing {}", self.last_path().display()))?;
        }
        Ok(())
    }

    fn last_path(&self) -> PathBuf {
        self.dir
            .join(self.names.last().map(String::as_str).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sizes(dir: &Path, names: &[String]) -> Vec<u64> {
        names
            .iter()
            .map(|n| std::fs::metadata(dir.join(n)).map_or(0, |m| m.len()))
            .collect()
    }

    #[test]
    fn records_fill_a_part_up_to_the_limit_and_never_straddle_two() {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut parts = Parts::new(dir.path(), "ndjson", 10);
        for record in ["aaaa\n", "bbbb\n", "cc\n", "dddddddddddd\n", "e\n"] {
            parts.write(record.as_bytes()).expect("written");
        }
        let names = parts.finish().expect("closed");
        assert_eq!(
            names,
            [
                "passages-00001.ndjson",
                "passages-00002.ndjson",
                "passages-00003.ndjson",
                "passages-00004.ndjson"
            ]
        );
        // 5+5, then 3 (13 more would pass 10), then the 13-byte record alone, then 2.
        assert_eq!(sizes(dir.path(), &names), [10, 3, 13, 2]);
        let second = std::fs::read_to_string(dir.path().join(&names[1])).expect("part 2");
        assert_eq!(second, "cc\n");
    }

    #[test]
    fn no_record_writes_no_part() {
        let dir = tempfile::tempdir().expect("temp dir");
        let parts = Parts::new(dir.path(), "jsonl", 10);
        assert!(parts.finish().expect("closed").is_empty());
        assert_eq!(std::fs::read_dir(dir.path()).expect("listed").count(), 0);
    }

    #[test]
    fn part_names_are_recognised_by_extension() {
        assert!(is_part_name("passages-00001.ndjson", "ndjson"));
        assert!(is_part_name("passages-123456.jsonl", "jsonl"));
        assert!(!is_part_name("passages-00001.jsonl", "ndjson"));
        assert!(!is_part_name("passages-0001.ndjson", "ndjson"));
        assert!(!is_part_name("notes.ndjson", "ndjson"));
    }
}
