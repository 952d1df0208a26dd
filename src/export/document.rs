//! The exported document: one passage with everything its citation needs, the same for every
//! target, and the id that names it across exports.

use crate::stored::StoredPassage;
use serde::{Deserialize, Serialize};

/// One passage as an engine stores it: the fields of a `search --format jsonl` hit that
/// belong to the passage itself (no rank, score or highlights), with its id.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Document {
    /// Stable id of the passage: see [`passage_id`].
    pub id: String,
    /// Path of the article file, as the index records it.
    pub path: String,
    /// 1-based line of the original file where the passage starts.
    pub line: u64,
    /// Ordinal of the passage in its article (0 is the title).
    pub passage: u64,
    /// Article title.
    pub title: Option<String>,
    /// Article source or outlet.
    pub source: Option<String>,
    /// Article date, `YYYY-MM-DD`.
    pub date: Option<String>,
    /// Address of the article, where the corpus gives one (the index records none yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// Language of the article, where known (the index records none yet).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lang: Option<String>,
    /// The whole passage.
    pub text: String,
}

impl Document {
    /// The document of a stored passage.
    pub fn new(p: StoredPassage) -> Document {
        Document {
            id: passage_id(&p.key, p.ordinal),
            // An engine rejects a whole document over a date it cannot parse: only full ISO
            // dates, which is what the cleaner records, go through.
            date: p.citation.date.filter(|d| is_iso_date(d)),
            path: p.key,
            line: p.citation.line,
            passage: p.ordinal,
            title: p.citation.title,
            source: p.citation.source,
            url: None,
            lang: None,
            text: p.text,
        }
    }

    /// The citation `path:line`, as `search` prints it.
    pub fn citation(&self) -> String {
        format!("{}:{}", self.path, self.line)
    }
}

/// The id of passage `ordinal` of the article at `path`: the 128-bit FNV-1a hash of the path,
/// a NUL byte (which no path holds) and the ordinal in decimal, as 32 hex digits. FNV is
/// defined by its constants alone, so the id is the same on every run, machine and version;
/// a path and ordinal are what a re-export of an unchanged article keeps.
pub fn passage_id(path: &str, ordinal: u64) -> String {
    const OFFSET: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    const PRIME: u128 = 0x0000_0000_0100_0000_0000_0000_0000_013b;
    let mut hash = OFFSET;
    let ordinal = ordinal.to_string();
    for byte in path
        .bytes()
        .chain(std::iter::once(0))
        .chain(ordinal.bytes())
    {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(PRIME);
    }
    format!("{hash:032x}")
}

/// Whether `date` is `YYYY-MM-DD` with a month and day in range.
fn is_iso_date(date: &str) -> bool {
    let b = date.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' || !digits(0..4) {
        return false;
    }
    if !digits(5..7) || !digits(8..10) {
        return false;
    }
    let month = (b[5] - b'0') * 10 + (b[6] - b'0');
    let day = (b[8] - b'0') * 10 + (b[9] - b'0');
    (1..=12).contains(&month) && (1..=31).contains(&day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_passage_id_is_fixed_by_path_and_ordinal_alone() {
        // The value itself is pinned: an id that changed between versions would duplicate
        // every passage in an engine loaded from two exports.
        // Values computed apart from this code, from FNV-1a's published constants.
        assert_eq!(passage_id("", 0), "0880945b1fab1be95aa073305526fd35");
        assert_eq!(
            passage_id("corpus/a.txt", 3),
            "b113104e30785d4f77a85d58c1dc431a"
        );
        assert_ne!(passage_id("corpus/a.txt", 3), passage_id("corpus/a.txt", 4));
        assert_ne!(
            passage_id("corpus/a.txt", 13),
            passage_id("corpus/a.txt1", 3)
        );
    }

    #[test]
    fn only_full_iso_dates_are_exported() {
        assert!(is_iso_date("1987-02-26"));
        assert!(!is_iso_date("1987-02"));
        assert!(!is_iso_date("1987-13-01"));
        assert!(!is_iso_date("26 Feb 1987"));
        assert!(!is_iso_date("1987-02-2é"));
    }
}
