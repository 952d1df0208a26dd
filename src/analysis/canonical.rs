//! The canonical surface form of a stem: the word the index need not record where it is the
//! only form of its stem in a passage (see [`super::SurfaceTerms`]).
//!
//! For most stems that word is the stem itself (`rate`). But Porter2 often makes a stem that is
//! no word (`peopl`, `citi`, `onli`), or a rarer form than another (`talk` for `talks`), and
//! then every passage with the stem recorded its usual form. The table below names, for such
//! stems, the form that news text uses most: about a third fewer surface entries on the
//! Wikipedia benchmark, half on Reuters.
//!
//! The table is fixed (`canonical/table.rs`, made by `examples/canonical_forms.rs` from news
//! text), so an index and the queries on it agree whatever the segment or the merge. Changing
//! it changes the index format: bump `index::SCHEMA_VERSION`. It is static data, searched in
//! place, so a search that stems a few words pays nothing to load it; indexing, which asks
//! about every new word, first makes a hash map of it ([`prepare_for_indexing`]).

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

mod table;

/// The table as a hash map, once made.
static MAP: OnceLock<FxHashMap<&'static str, &'static str>> = OnceLock::new();

/// Makes the hash map of the table, for the many lookups of indexing.
pub fn prepare_for_indexing() {
    MAP.get_or_init(|| table::BY_STEM.iter().copied().collect());
}

/// The canonical surface form of `stem`.
pub fn canonical_of(stem: &str) -> &str {
    let found = match MAP.get() {
        Some(map) => map.get(stem).copied(),
        None => table::BY_STEM
            .binary_search_by(|(s, _)| (*s).cmp(stem))
            .ok()
            .map(|i| table::BY_STEM[i].1),
    };
    found.unwrap_or(stem)
}

/// The canonical words that differ from their stem and start with `prefix`, as (word, stem).
pub fn respelled_with_prefix(prefix: &str) -> &'static [(&'static str, &'static str)] {
    let all = table::BY_WORD;
    let start = all.partition_point(|(w, _)| *w < prefix);
    let len = all[start..].partition_point(|(w, _)| w.starts_with(prefix));
    &all[start..start + len]
}

/// The stems that do not start with `prefix` but whose canonical form does (`citi` for
/// `city`): prefix matching that walks the stems with the prefix misses them.
pub fn stems_respelled_into(prefix: &str) -> impl Iterator<Item = &'static str> + '_ {
    respelled_with_prefix(prefix)
        .iter()
        .map(|&(_, stem)| stem)
        .filter(move |stem| !stem.starts_with(prefix))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_both_ways_and_each_word_stems_to_its_stem() {
        assert!(table::BY_STEM.len() > 1000);
        assert!(table::BY_STEM.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(table::BY_WORD.windows(2).all(|w| w[0] < w[1]));
        let mut by_word: Vec<_> = table::BY_STEM.iter().map(|&(s, w)| (w, s)).collect();
        by_word.sort_unstable();
        assert_eq!(by_word, table::BY_WORD);
        for &(stem, word) in table::BY_STEM {
            assert_eq!(super::super::stem_of_folded(word), stem, "{word}");
            // A canonical form starts with its stem's variant prefix, so it never needs the
            // marker of an irregular variant; a stem of two letters or fewer is a whole word.
            assert!(
                word.starts_with(super::super::variant_prefix(stem)),
                "{word}"
            );
            assert!(stem.len() > 2 && word != stem, "{word}");
        }
    }

    #[test]
    fn common_stems_that_are_no_word_take_their_usual_form_with_or_without_the_map() {
        let cases = [
            ("peopl", "people"),
            ("citi", "city"),
            ("rate", "rate"),
            ("zzyzx", "zzyzx"),
            ("", ""),
        ];
        for (stem, word) in cases {
            assert_eq!(canonical_of(stem), word);
        }
        prepare_for_indexing();
        for (stem, word) in cases {
            assert_eq!(canonical_of(stem), word);
        }
        for &(stem, word) in table::BY_STEM {
            assert_eq!(canonical_of(stem), word);
        }
        let city: Vec<_> = respelled_with_prefix("city").to_vec();
        assert!(city.contains(&("city", "citi")), "{city:?}");
        assert!(respelled_with_prefix("city")
            .iter()
            .all(|(w, _)| w.starts_with("city")));
        let into: Vec<_> = stems_respelled_into("city").collect();
        assert!(into.contains(&"citi") && into.iter().all(|s| !s.starts_with("city")));
    }
}
