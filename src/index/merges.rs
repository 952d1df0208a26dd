//! Which segments the writer merges: tantivy's [`LogMergePolicy`] (segments of a similar
//! number of documents merged eight at a time), with the size of every merge bounded.
//!
//! A merge reads its segments through memory maps, whose pages count in the process's memory
//! as long as the merge runs, so the largest merge is the largest memory an index build takes
//! beyond its own buffers. Left alone, the log policy merges ever larger segments, up to the
//! whole index: at 571,290 Reuters files the last merge read 600 MB and the build peaked at
//! 936 MB. Here a merge reads at most [`MAX_MERGE_BYTES`] of segment files; a segment of half
//! that size or more is full, and is merged again only once updates deleted enough of it; and
//! the writer runs one merge at a time (see `update::open_writer`). Whatever the corpus's
//! size, an index is then a list of segments of at most [`MAX_MERGE_BYTES`] each, and a
//! build's memory bounded.

use std::fs;
use std::path::PathBuf;
use tantivy::indexer::{LogMergePolicy, MergeCandidate, MergePolicy};
use tantivy::SegmentMeta;

/// The segment files one merge reads at most, in bytes; a segment of half this size or more
/// is not merged again. About 1.4 million Reuters passages (180 bytes of index each).
pub(crate) const MAX_MERGE_BYTES: u64 = 256 * 1024 * 1024;

/// The log merge policy, with each merge bounded to [`MAX_MERGE_BYTES`] of the segment files
/// in the generation folder.
#[derive(Debug)]
pub(crate) struct BoundedMerges {
    /// Where the segments' files are.
    folder: PathBuf,
    /// The merges within bounds are chosen by the log policy.
    log: LogMergePolicy,
    /// The bound of a merge, in bytes ([`MAX_MERGE_BYTES`] but in tests).
    max_bytes: u64,
}

impl BoundedMerges {
    /// The policy for the index in the generation folder `folder`.
    pub(crate) fn new(folder: PathBuf) -> BoundedMerges {
        BoundedMerges::with_bound(folder, MAX_MERGE_BYTES)
    }

    fn with_bound(folder: PathBuf, max_bytes: u64) -> BoundedMerges {
        BoundedMerges {
            folder,
            log: LogMergePolicy::default(),
            max_bytes,
        }
    }

    /// The size of `segment`'s files; one that cannot be read counts as full, so that it is
    /// never merged into a segment of unknown size.
    fn bytes(&self, segment: &SegmentMeta) -> u64 {
        segment
            .list_files()
            .iter()
            .map(|name| match fs::metadata(self.folder.join(name)) {
                Ok(meta) => meta.len(),
                // A component a segment does not have (no deletions: no `.del`).
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => 0,
                Err(_) => self.max_bytes,
            })
            .sum()
    }
}

impl MergePolicy for BoundedMerges {
    fn compute_merge_candidates(&self, segments: &[SegmentMeta]) -> Vec<MergeCandidate> {
        let sized: Vec<(&SegmentMeta, u64)> = segments
            .iter()
            .map(|segment| (segment, self.bytes(segment)))
            // Full: half the bound of live documents (deletions of updates count out, so that
            // a segment they emptied is merged again and its deleted passages dropped).
            .filter(|&(segment, bytes)| {
                let live = bytes.saturating_mul(u64::from(segment.num_docs()))
                    / u64::from(segment.max_doc().max(1));
                live < self.max_bytes / 2
            })
            .collect();
        let open: Vec<SegmentMeta> = sized.iter().map(|(s, _)| (*s).clone()).collect();
        let mut merges = Vec::new();
        for candidate in self.log.compute_merge_candidates(&open) {
            let mut members: Vec<(&SegmentMeta, u64)> = sized
                .iter()
                .filter(|(s, _)| candidate.0.contains(&s.id()))
                .copied()
                .collect();
            // Smallest first, cut where the next would pass the bound: each merge as large as
            // the bound lets it be.
            members.sort_by_key(|&(s, bytes)| (bytes, s.id()));
            let mut merge: Vec<tantivy::index::SegmentId> = Vec::new();
            let mut bytes = 0;
            for (segment, size) in members {
                if bytes + size > self.max_bytes && !merge.is_empty() {
                    if merge.len() > 1 {
                        merges.push(MergeCandidate(std::mem::take(&mut merge)));
                    }
                    merge.clear();
                    bytes = 0;
                }
                merge.push(segment.id());
                bytes += size;
            }
            if merge.len() > 1 {
                merges.push(MergeCandidate(merge));
            }
        }
        merges
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::index::SegmentId;
    use tantivy::schema::{Schema, STORED};
    use tantivy::Index;

    /// Segments of `docs` documents each whose files (one a segment, the store) hold `bytes`,
    /// in `folder`.
    fn segments(folder: &std::path::Path, sizes: &[(u32, u64)]) -> Vec<SegmentMeta> {
        let mut schema = Schema::builder();
        schema.add_u64_field("n", STORED);
        let index = Index::create_in_ram(schema.build());
        sizes
            .iter()
            .map(|&(docs, bytes)| {
                let meta = index.new_segment_meta(SegmentId::generate_random(), docs);
                let store = meta.relative_path(tantivy::index::SegmentComponent::Store);
                let file = fs::File::create(folder.join(store)).expect("a segment file");
                file.set_len(bytes).expect("its size");
                meta
            })
            .collect()
    }

    /// The number of segments in each merge `policy` proposes.
    fn merge_sizes(policy: &BoundedMerges, segments: &[SegmentMeta]) -> Vec<usize> {
        let mut sizes: Vec<usize> = policy
            .compute_merge_candidates(segments)
            .iter()
            .map(|m| m.0.len())
            .collect();
        sizes.sort_unstable();
        sizes
    }

    #[test]
    fn merges_of_small_segments_are_those_of_the_log_policy() {
        let folder = tempfile::tempdir().expect("a folder");
        let eight = segments(folder.path(), &[(50_000, 1000); 8]);
        let policy = BoundedMerges::with_bound(folder.path().to_path_buf(), 100_000);
        assert_eq!(merge_sizes(&policy, &eight), [8]);
        // Seven alike are left to wait for an eighth, as the log policy does.
        assert!(merge_sizes(&policy, &eight[..7]).is_empty());
    }

    #[test]
    fn a_merge_that_would_pass_the_bound_is_cut_into_merges_within_it() {
        let folder = tempfile::tempdir().expect("a folder");
        // Eight segments of 30 bytes under a bound of 100: merges of 3, 3 and 2 segments.
        let eight = segments(folder.path(), &[(50_000, 30); 8]);
        let policy = BoundedMerges::with_bound(folder.path().to_path_buf(), 100);
        assert_eq!(merge_sizes(&policy, &eight), [2, 3, 3]);
        for merge in policy.compute_merge_candidates(&eight) {
            let bytes: u64 = eight
                .iter()
                .filter(|s| merge.0.contains(&s.id()))
                .map(|s| policy.bytes(s))
                .sum();
            assert!(bytes <= 100, "{bytes}");
        }
    }

    #[test]
    fn full_segments_are_never_merged() {
        let folder = tempfile::tempdir().expect("a folder");
        // Half the bound or more: full, whatever their number of documents.
        let full = segments(folder.path(), &[(50_000, 50); 8]);
        let policy = BoundedMerges::with_bound(folder.path().to_path_buf(), 100);
        assert!(policy.compute_merge_candidates(&full).is_empty());
        let mut some = segments(folder.path(), &[(50_000, 10); 8]);
        some.extend(full);
        assert_eq!(merge_sizes(&policy, &some), [8]);
    }

    #[test]
    fn a_full_segment_that_updates_mostly_deleted_is_merged_again() {
        let folder = tempfile::tempdir().expect("a folder");
        let mut some = segments(folder.path(), &[(10_000, 5); 7]);
        let full = segments(folder.path(), &[(50_000, 60)]);
        let policy = BoundedMerges::with_bound(folder.path().to_path_buf(), 100);
        some.extend(full.iter().cloned());
        // Full by its size: the seven small ones wait for an eighth.
        assert!(policy.compute_merge_candidates(&some).is_empty());
        // Four fifths of its passages deleted: 12 bytes live, merged with the others.
        some.pop();
        some.extend(full.into_iter().map(|s| s.with_delete_meta(40_000, 1)));
        assert_eq!(merge_sizes(&policy, &some), [8]);
    }
}
