//! The stories of an index read back from its fast columns (see `crate::stories`): what an
//! update needs to file new articles under the stories of those already indexed.

use crate::stories::{self, Fingerprint, StoryTable};
use anyhow::Result;
use tantivy::Index;

/// The story table of every live article of `index`, read from the `path`, `story` and
/// `signature` columns of the articles' first passages (no stored document is opened).
pub(crate) fn table(index: &Index) -> Result<StoryTable> {
    let reader = index
        .reader_builder()
        .reload_policy(tantivy::ReloadPolicy::Manual)
        .try_into()?;
    let searcher: tantivy::Searcher = tantivy::IndexReader::searcher(&reader);
    let mut table = StoryTable::default();
    for segment in searcher.segment_readers() {
        let columns = segment.fast_fields();
        let ordinals = columns.u64("ordinal")?;
        let stories = columns.u64("story")?;
        let signatures = columns.u64("signature")?;
        let dates = columns.u64("date_num")?;
        let Some(paths) = columns.str("path")? else {
            continue;
        };
        // The articles' first passages by the ordinal of their path, so that the paths are
        // read in one pass along the column's dictionary: looked up one at a time, each cost
        // the decoding of its block: a quarter of the CPU of a one-file update at 190,000
        // articles.
        let mut firsts: Vec<(u64, tantivy::DocId)> = (0..segment.max_doc())
            .filter(|&doc| !segment.is_deleted(doc) && ordinals.first(doc) == Some(0))
            .filter_map(|doc| {
                // A collection's record holds its own key (`file#N`) beside the file's, which
                // sorts first: the record's is the last.
                let record_or_file = paths.ords().values_for_doc(doc).last()?;
                Some((record_or_file, doc))
            })
            .collect();
        firsts.sort_unstable();
        let mut docs = firsts.iter().map(|&(_, doc)| doc);
        paths.dictionary().sorted_ords_to_term_cb(
            firsts.iter().map(|&(ordinal, _)| ordinal),
            |bytes| {
                let (Some(doc), Ok(path)) = (docs.next(), std::str::from_utf8(bytes)) else {
                    return Ok(());
                };
                if let Some(story) = stories.first(doc) {
                    let print = Fingerprint {
                        signature: stories::from_values(signatures.values_for_doc(doc)),
                        day: dates.first(doc).and_then(stories::day_of),
                    };
                    table.add(path, print, story);
                }
                Ok(())
            },
        )?;
    }
    Ok(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{update, NewsIndex, Scope};
    use std::fs;

    /// An article of 30 words of its own, `n` choosing them.
    fn article(n: usize) -> String {
        let words: Vec<String> = (0..30).map(|j| format!("w{n}x{j}")).collect();
        format!("Headline {n}\n\n{}.\n", words.join(" "))
    }

    #[test]
    fn every_article_is_read_back_with_its_own_path() {
        let work = tempfile::tempdir().expect("a temporary folder");
        let (corpus, dir) = (work.path().join("corpus"), work.path().join("index"));
        fs::create_dir(&corpus).expect("a corpus folder");
        for (n, name) in ["m.txt", "b.txt", "x.txt", "d.txt"].iter().enumerate() {
            fs::write(corpus.join(name), article(n)).expect("an article");
        }
        let roots = [corpus.clone()];
        update(&dir, &roots, false, false, Scope::Corpus, &|_, _| {}).expect("an index");
        // A second segment: a file that sorts first, another changed.
        fs::write(corpus.join("a.txt"), article(7)).expect("an article");
        fs::write(corpus.join("x.txt"), article(8)).expect("an edit");
        update(&dir, &roots, false, false, Scope::Corpus, &|_, _| {}).expect("an update");
        let open = NewsIndex::open(&dir).expect("readable").expect("an index");
        // Merged into one segment whose documents are no longer in the order of their paths
        // (b, d, m, x, then a and the new x).
        let segments = open.index.searchable_segment_ids().expect("its segments");
        assert_eq!(segments.len(), 2);
        let mut writer: tantivy::IndexWriter = open.index.writer(15_000_000).expect("a writer");
        writer.merge(&segments).wait().expect("a merge");
        writer.wait_merging_threads().expect("merged");
        assert_eq!(open.index.searchable_segment_ids().expect("one").len(), 1);
        let table = table(&open.index).expect("the table");
        // Each article's path and story read back the slow way, one path at a time: the
        // table, reading the paths in one pass in the dictionary's order, must pair them alike.
        let searcher = open.index.reader().expect("a reader").searcher();
        let mut found = Vec::new();
        for segment in searcher.segment_readers() {
            let columns = segment.fast_fields();
            let ordinals = columns.u64("ordinal").expect("ordinals");
            let stories = columns.u64("story").expect("stories");
            let paths = columns.str("path").expect("paths").expect("a path column");
            for doc in (0..segment.max_doc()).filter(|&d| !segment.is_deleted(d)) {
                if ordinals.first(doc) != Some(0) {
                    continue;
                }
                let ord = paths.term_ords(doc).last().expect("a path");
                let mut path = String::new();
                paths.ord_to_str(ord, &mut path).expect("its path");
                found.push((path, stories.first(doc).expect("a story")));
            }
        }
        assert_eq!(found.len(), 5, "{found:?}");
        assert_eq!(table.len(), 5);
        let mut ids: Vec<u64> = found.iter().map(|(_, story)| *story).collect();
        ids.sort_unstable();
        ids.dedup();
        assert_eq!(
            ids.len(),
            5,
            "every article founded its own story: {found:?}"
        );
        for (path, story) in &found {
            assert_eq!(table.story_of(path), Some(*story), "{path}");
        }
    }
}
