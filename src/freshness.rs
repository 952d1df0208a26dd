//! The corpus check before an answer: whether the corpus on disk is still what the index
//! holds, started as early as the command line allows and run beside the answer.
//!
//! The check is a stat of every file (see `manifest`): on a corpus of thousands of files it is
//! most of a short search. So it starts on a helper thread before the index opens, and the
//! thread that answers then takes what the check has left. When nothing changed, as is usual,
//! a search costs the longer of the two rather than their sum.

use crate::hit::SearchResult;
use crate::index::CorpusRecord;
use crate::manifest::{self, QuickCheck};
use crate::stats::{Stats, TermCount};
use crate::trace::TraceResult;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};
use std::thread::JoinHandle;

/// A corpus check under way on a helper thread.
///
/// Dropped unfinished (the command line turned out to be something else), its helper runs
/// on alone and ends with the process.
pub struct StartedCheck {
    check: Arc<CorpusCheck>,
    helper: JoinHandle<()>,
}

/// What a finished check found.
pub struct FinishedCheck(Arc<CorpusCheck>);

/// The check of the index in `dir`, shared by the threads that lend it time.
struct CorpusCheck {
    dir: PathBuf,
    /// The last commit's record and the quick check of its manifest, read by the first thread
    /// that helps; `None` inside when there is no index to check.
    read: OnceLock<Option<(CorpusRecord, QuickCheck)>>,
}

impl CorpusCheck {
    fn help(&self) {
        let read = self.read.get_or_init(|| {
            CorpusRecord::peek(&self.dir).map(|record| {
                let check = record.quick_check();
                (record, check)
            })
        });
        if let Some((_, check)) = read {
            check.help();
        }
    }
}

impl StartedCheck {
    /// Starts checking the corpus of the index in `dir` on a helper thread beside this one.
    pub fn start(dir: PathBuf) -> StartedCheck {
        let check = Arc::new(CorpusCheck {
            dir,
            read: OnceLock::new(),
        });
        let helper = std::thread::spawn({
            let check = Arc::clone(&check);
            move || check.help()
        });
        StartedCheck { check, helper }
    }

    /// The index folder being checked.
    pub fn dir(&self) -> &Path {
        &self.check.dir
    }

    /// Lends this thread to the check until none of it is left, and waits for the helper.
    pub fn finish(self) -> FinishedCheck {
        self.check.help();
        // A helper that panicked left its task undone: the check is then in doubt, and the
        // caller runs the full comparison rather than the search failing.
        let _ = self.helper.join();
        FinishedCheck(self.check)
    }
}

/// An answer that cites corpus files: on a corpus too large for the check to stat every file,
/// the files an answer is about to cite are checked before it is shown. An answer that cites
/// none (figures over the whole index, an answer given elsewhere) gets the check of the
/// folders only.
pub trait Cites {
    /// The path keys of the files cited.
    fn cited(&self) -> Vec<&str> {
        Vec::new()
    }
}

impl Cites for SearchResult {
    fn cited(&self) -> Vec<&str> {
        self.hits.iter().map(|h| h.citation.path.as_str()).collect()
    }
}

impl Cites for crate::search::Stream {
    fn cited(&self) -> Vec<&str> {
        self.paths().collect()
    }
}

impl Cites for TraceResult {
    fn cited(&self) -> Vec<&str> {
        self.hits.iter().map(|h| h.citation.path.as_str()).collect()
    }
}

impl Cites for Stats {}

/// An export brings the index up to date before it reads it.
impl Cites for () {}

impl Cites for Vec<TermCount> {}

impl FinishedCheck {
    /// Whether the files `answer` cites are stale, where the check did not stat every file
    /// (always `false` where it did: it saw them). A check that found no index says `true`.
    pub fn cites_stale(&self, cited: &[&str]) -> bool {
        let Some(Some((_, check))) = self.0.read.get() else {
            return true;
        };
        match check.checks_every_file() {
            Some(true) => false,
            _ => manifest::stale_among(check.manifest(), cited.iter().copied()),
        }
    }

    /// Whether the corpus changed since the commit `record` was written; `None` when the check
    /// read another commit (one landed meanwhile) or found no index, for the caller to check
    /// again.
    pub fn stale_since(&self, record: &CorpusRecord) -> Option<bool> {
        let (read, check) = self.0.read.get()?.as_ref()?;
        (read == record).then(|| !check.unchanged() && read.differs(check.manifest()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index;
    use std::fs;

    /// A corpus of two articles and its index, in a temporary folder.
    fn indexed() -> (tempfile::TempDir, PathBuf) {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let corpus = dir.path().join("corpus");
        fs::create_dir(&corpus).expect("writing the test corpus");
        fs::write(corpus.join("a.txt"), "Coffee prices rose in Brazil.\n").expect("a file");
        fs::write(corpus.join("b.txt"), "Cocoa prices fell in Ghana.\n").expect("a file");
        let index_dir = dir.path().join("index");
        index::update(
            &index_dir,
            &[corpus],
            false,
            false,
            index::Scope::Corpus,
            &|_, _| {},
        )
        .expect("indexing the test corpus");
        (dir, index_dir)
    }

    fn record(index_dir: &Path) -> CorpusRecord {
        CorpusRecord::peek(index_dir).expect("an index")
    }

    #[test]
    fn an_unchanged_corpus_is_not_stale() {
        let (_dir, index_dir) = indexed();
        let found = StartedCheck::start(index_dir.clone()).finish();
        assert_eq!(found.stale_since(&record(&index_dir)), Some(false));
    }

    #[test]
    fn an_edited_article_makes_the_index_stale() {
        let (dir, index_dir) = indexed();
        fs::write(dir.path().join("corpus/b.txt"), "Cocoa prices fell.\n").expect("an edit");
        let found = StartedCheck::start(index_dir.clone()).finish();
        assert_eq!(found.stale_since(&record(&index_dir)), Some(true));
    }

    #[test]
    fn a_check_of_another_commit_or_of_no_index_decides_nothing() {
        let (dir, index_dir) = indexed();
        let found = StartedCheck::start(index_dir.clone()).finish();
        fs::write(dir.path().join("corpus/c.txt"), "Tea prices held.\n").expect("a new file");
        let corpus = dir.path().join("corpus");
        index::update(
            &index_dir,
            &[corpus],
            false,
            false,
            index::Scope::Corpus,
            &|_, _| {},
        )
        .expect("updating the test index");
        assert_eq!(found.stale_since(&record(&index_dir)), None);

        let nothing = StartedCheck::start(dir.path().join("no-index")).finish();
        assert_eq!(nothing.stale_since(&record(&index_dir)), None);
    }
}
