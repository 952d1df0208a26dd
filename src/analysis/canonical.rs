//! The canonical surface form of a stem: the word the index need not record where it is the
//! only form of its stem in a passage (see [`super::SurfaceTerms`]).
//!
//! For most stems that word is the stem itself (`price`). But Porter2 often makes a stem that is
//! no word (`peopl`, `citi`, `onli`), or a rarer form than another (`unit` for `united`), and
//! then every passage with the stem recorded its usual form. The table below names, for such
//! stems, the form that news text uses most: about a third fewer surface entries on the
//! Wikipedia benchmark, half on Reuters.
//!
//! The table is fixed (`canonical.tsv`, made by `examples/canonical_forms.rs` from news text),
//! so an index and the queries on it agree whatever the segment or the merge. Changing it
//! changes the index format: bump `index::SCHEMA_VERSION`.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// `stem<TAB>word` lines, sorted by stem.
const TABLE: &str = include_str!("canonical.tsv");

/// The table, read once: stem -> word, and the (word, stem) pairs sorted by word.
struct Table {
    by_stem: FxHashMap<&'static str, &'static str>,
    by_word: Vec<(&'static str, &'static str)>,
}

fn table() -> &'static Table {
    static READ: OnceLock<Table> = OnceLock::new();
    READ.get_or_init(|| {
        let mut by_stem = FxHashMap::default();
        for line in TABLE.lines() {
            let Some((stem, word)) = line.split_once('\t') else {
                continue;
            };
            // A canonical word starts with its stem's variant prefix, so it never needs the
            // marker of an irregular variant; a stem of two letters or fewer is a whole word.
            if stem.len() > 2 && word != stem && word.starts_with(super::variant_prefix(stem)) {
                by_stem.insert(stem, word);
            }
        }
        let mut by_word: Vec<_> = by_stem.iter().map(|(&s, &w)| (w, s)).collect();
        by_word.sort_unstable();
        Table { by_stem, by_word }
    })
}

/// The canonical surface form of `stem`.
pub fn canonical_of(stem: &str) -> &str {
    table().by_stem.get(stem).copied().unwrap_or(stem)
}

/// The canonical words that differ from their stem and start with `prefix`, as (word, stem).
pub fn respelled_with_prefix(prefix: &str) -> &'static [(&'static str, &'static str)] {
    let all = &table().by_word;
    let start = all.partition_point(|(w, _)| *w < prefix);
    let len = all[start..].partition_point(|(w, _)| w.starts_with(prefix));
    &all[start..start + len]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_canonical_word_stems_to_its_stem() {
        assert!(table().by_stem.len() > 1000);
        for (&stem, &word) in &table().by_stem {
            assert_eq!(super::super::stem_of_folded(word), stem, "{word}");
        }
    }

    #[test]
    fn common_stems_that_are_no_word_take_their_usual_form() {
        assert_eq!(canonical_of("peopl"), "people");
        assert_eq!(canonical_of("citi"), "city");
        assert_eq!(canonical_of("rate"), "rate");
        assert_eq!(canonical_of("zzyzx"), "zzyzx");
        let city: Vec<_> = respelled_with_prefix("city").to_vec();
        assert!(city.contains(&("city", "citi")), "{city:?}");
        assert!(respelled_with_prefix("city")
            .iter()
            .all(|(w, _)| w.starts_with("city")));
    }
}
