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
    let mut path = String::new();
    for segment in searcher.segment_readers() {
        let columns = segment.fast_fields();
        let ordinals = columns.u64("ordinal")?;
        let stories = columns.u64("story")?;
        let signatures = columns.u64("signature")?;
        let dates = columns.u64("date_num")?;
        let Some(paths) = columns.str("path")? else {
            continue;
        };
        for doc in 0..segment.max_doc() {
            if segment.is_deleted(doc) || ordinals.first(doc) != Some(0) {
                continue;
            }
            // A collection's record holds its own key (`file#N`) beside the file's, which sorts
            // first: the record's is the last.
            let record_or_file = paths.ords().values_for_doc(doc).last();
            let (Some(story), Some(ordinal)) = (stories.first(doc), record_or_file) else {
                continue;
            };
            path.clear();
            paths.ord_to_str(ordinal, &mut path)?;
            let print = Fingerprint {
                signature: stories::from_values(signatures.values_for_doc(doc)),
                day: dates.first(doc).and_then(stories::day_of),
            };
            table.add(&path, print, story);
        }
    }
    Ok(table)
}
