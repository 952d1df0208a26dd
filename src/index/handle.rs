//! The index's life cycle in one handle: find the index a command names, build it on first
//! use, bring it up to date with the corpus before an answer, and answer again from the last
//! commit when another process replaced what an answer read.
//!
//! A command asks [`Handle::fresh`] for an answer and prints it; a long-lived process (a
//! server) keeps one `Handle` and calls `fresh` per request. What the handle does on the way
//! (an update, a skipped file, why it answers from the index as it is) goes to a [`Feedback`],
//! so that a terminal shows a progress bar and a server writes a log.

use super::{project, CorpusRecord, IndexError, NewsIndex, Scope, UpdateError, UpdateReport};
use crate::freshness::{Cites, StartedCheck};
use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};

/// Where the handle reports what it does to the index.
pub trait Feedback: Sync {
    /// `done` files of `total` (re)indexed so far in an update.
    fn progress(&self, done: u64, total: u64);
    /// The update under way ended (its progress display can go).
    fn finished(&self);
    /// One line on what the index did, for the user (corpus text in it is not escaped).
    fn say(&self, line: &str);
}

/// Feedback that goes nowhere (tests, benches).
pub struct Quiet;

impl Feedback for Quiet {
    fn progress(&self, _done: u64, _total: u64) {}
    fn finished(&self) {}
    fn say(&self, _line: &str) {}
}

/// The index a command names, and where its life cycle is reported. Opens nothing by itself:
/// each answer opens the last commit.
pub struct Handle<'a> {
    /// The index folder, absolute: it names the same folder after moving into the project.
    dir: PathBuf,
    /// The index folder as the user named it, for messages.
    named: PathBuf,
    feedback: &'a dyn Feedback,
}

/// Why the handle gave no answer, for a caller that tells the cases apart (a server answers
/// "no index yet" or "being built" otherwise than a failure).
#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    /// There is no index, and the answer was to come from the index as it is.
    #[error("no index in {0}; build it with `newsgrep index` first")]
    NoIndex(PathBuf),
    /// There is no index, and no `corpus/` folder here to build one from on first use.
    #[error("no index in {dir}, and no corpus/ folder here to build one from; build it with `newsgrep --index {named} index PATH`")]
    NoCorpus {
        /// The index folder, absolute.
        dir: PathBuf,
        /// The index folder as the user named it.
        named: PathBuf,
    },
    /// Another process is building the first index.
    #[error("the index in {dir} is being built by {writer}; search again when it is done")]
    BeingBuilt {
        /// The index folder.
        dir: PathBuf,
        /// "pid N", or "another process".
        writer: String,
    },
    /// The index cannot be read or used: damaged, foreign, its corpus gone.
    #[error(transparent)]
    Index(#[from] IndexError),
    /// Anything else, with its context.
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

impl AnswerError {
    /// The error for the command edge: an `Other` error as it was, so that its cause (a
    /// closed pipe, say) stays the first in its chain, not behind a wrapper.
    pub fn into_anyhow(self) -> anyhow::Error {
        match self {
            AnswerError::Other(e) => e,
            e => anyhow::Error::new(e),
        }
    }
}

/// Attempts at an answer when a commit lands under a search (a rebuild can replace the
/// generation it opened): each one opens the index anew.
const ANSWER_ATTEMPTS: usize = 5;

impl<'a> Handle<'a> {
    /// The index in the folder `named` (as given by `--index` or the configuration).
    pub fn new(named: &Path, feedback: &'a dyn Feedback) -> Result<Handle<'a>> {
        let dir =
            std::path::absolute(named).with_context(|| format!("finding {}", named.display()))?;
        Ok(Handle {
            dir,
            named: named.to_path_buf(),
            feedback,
        })
    }

    /// The index folder, absolute.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The corpus roots an `index` command with `paths` (maybe none) updates, and whether it
    /// follows links: the index's own corpus when no path is given or the paths name its
    /// roots (then this process moves into the folder it was built in), else `paths` (or
    /// `corpus/` on first use).
    pub fn roots_for(&self, paths: &[PathBuf], follow: bool) -> Result<(Vec<PathBuf>, bool)> {
        let record = CorpusRecord::peek(&self.dir);
        let roots = match &record {
            Some(record) if paths.is_empty() || names_same_roots(record, paths) => {
                enter_project(record.project.as_deref())?;
                self.ensure_roots_present(&record.roots)?;
                (record.roots.clone(), record.follow || follow)
            }
            _ if paths.is_empty() => (vec![PathBuf::from("corpus")], follow),
            _ => (paths.to_vec(), follow),
        };
        // A mistyped path would otherwise replace the index by an empty one.
        if roots
            .0
            .iter()
            .all(|path| std::fs::symlink_metadata(path).is_err())
        {
            let paths: Vec<String> = roots.0.iter().map(|p| p.display().to_string()).collect();
            bail!(
                "{}: no such file or folder; the index in {} is left as it was",
                paths.join(", "),
                self.named.display()
            );
        }
        Ok(roots)
    }

    /// Brings the index up to date with the files under `roots` (or builds it anew when
    /// `rebuild`), reporting progress and skipped files to the feedback.
    pub fn update(
        &self,
        roots: &[PathBuf],
        follow: bool,
        rebuild: bool,
        scope: Scope,
    ) -> Result<UpdateReport> {
        self.try_update(roots, follow, rebuild, scope)
            .map_err(|e| write_failure(e, &self.dir))
    }

    /// [`Handle::update`], its error told apart for a caller that acts on it.
    fn try_update(
        &self,
        roots: &[PathBuf],
        follow: bool,
        rebuild: bool,
        scope: Scope,
    ) -> Result<UpdateReport, UpdateError> {
        let progress = |done: u64, total: u64| self.feedback.progress(done, total);
        let report = super::update(&self.dir, roots, follow, rebuild, scope, &progress);
        self.feedback.finished();
        let report = report?;
        for skip in &report.skipped {
            self.feedback.say(&format!("skipped {skip}"));
        }
        Ok(report)
    }

    /// Runs `answer` on the index, brought up to date with the corpus first unless
    /// `no_update`.
    ///
    /// The corpus check (see `freshness`) starts before the index opens and runs beside
    /// `answer`. When something did change, the first answer is dropped, the index is
    /// updated, and `answer` runs again on the new index. A search never creates an index from
    /// nothing: only on first use, from the `corpus/` folder of the folder it runs in.
    pub fn fresh<T: Send + Cites>(
        &self,
        no_update: bool,
        answer: &(dyn Fn(&NewsIndex) -> Result<T> + Sync),
    ) -> Result<T, AnswerError> {
        let dir = &self.dir;
        let record = CorpusRecord::peek(dir);
        enter_project(record.as_ref().and_then(|r| r.project.as_deref()))?;
        if no_update {
            return self.last_commit(answer);
        }
        let check = StartedCheck::start(dir.clone());
        let existing = NewsIndex::open(dir);
        let result = match &existing {
            Ok(Some(index)) => Some(answer(index).map_err(|e| self.explain(e))),
            _ => None,
        };
        let found = check.finish();
        let Some(index) = existing? else {
            // First use: built from corpus/ here, never from nothing.
            let corpus = PathBuf::from("corpus");
            if !corpus.is_dir() {
                return Err(AnswerError::NoCorpus {
                    dir: dir.clone(),
                    named: self.named.clone(),
                });
            }
            self.update_before_answer(&[corpus], false, Scope::Corpus, false)?;
            return self.last_commit(answer);
        };
        let cited: Vec<String> = match &result {
            Some(Ok(answer)) => answer.cited().into_iter().map(str::to_string).collect(),
            _ => Vec::new(),
        };
        let cited: Vec<&str> = cited.iter().map(String::as_str).collect();
        let record_now = index.corpus_record();
        // A commit may have landed between the check's read of the record and the open: then
        // check again.
        let (corpus_stale, cites_stale) = match found.stale_since(&record_now) {
            Some(stale) => (stale, !stale && found.cites_stale(&cited)),
            None => {
                let stale = record_now.is_stale();
                (stale, !stale && record_now.cites_stale(&cited))
            }
        };
        let scope = if corpus_stale {
            Scope::Corpus
        } else if cites_stale {
            Scope::Files(&cited)
        } else {
            return match result {
                Some(Ok(result)) => Ok(result),
                // Failed: if a commit replaced what it read, the last commit answers.
                Some(Err(e)) if CorpusRecord::peek(dir) == record => Err(e),
                _ => self.last_commit(answer),
            };
        };
        self.ensure_roots_present(&record_now.roots)?;
        self.update_before_answer(&record_now.roots, record_now.follow, scope, true)?;
        self.last_commit(answer)
    }

    /// Opens the index's last commit and runs `answer` on it, as it is; when that fails
    /// because another process committed meanwhile (the files the answer opened were
    /// replaced), opens the new commit and answers again.
    pub fn last_commit<T>(
        &self,
        answer: &(dyn Fn(&NewsIndex) -> Result<T> + Sync),
    ) -> Result<T, AnswerError> {
        let dir = &self.dir;
        let mut attempt = 1;
        loop {
            let before = CorpusRecord::peek(dir);
            let result = match NewsIndex::open(dir) {
                Err(e) => Err(AnswerError::Index(e)),
                Ok(None) => Err(AnswerError::NoIndex(dir.clone())),
                Ok(Some(index)) => answer(&index).map_err(|e| self.explain(e)),
            };
            match result {
                Err(_) if attempt < ANSWER_ATTEMPTS && CorpusRecord::peek(dir) != before => {
                    attempt += 1;
                }
                result => return result,
            }
        }
    }

    /// An error from an answer (also one met reading passages after [`Handle::fresh`]
    /// answered, as a streamed answer does): index files that could not be read (truncated,
    /// corrupted, missing) become [`IndexError::Damaged`] with the advice to rebuild.
    pub fn explain(&self, e: anyhow::Error) -> AnswerError {
        if !unreadable_index(&e) {
            return AnswerError::Other(e);
        }
        AnswerError::Index(IndexError::Damaged {
            path: self.named.clone(),
            reason: format!("{e:#}"),
        })
    }

    /// Fails, leaving the index as it is, when a corpus folder or file it was built from is
    /// not there: an unmounted disk or a renamed folder is not the removal of every article in
    /// it.
    fn ensure_roots_present(&self, roots: &[PathBuf]) -> Result<(), IndexError> {
        match roots.iter().find(|r| std::fs::symlink_metadata(r).is_err()) {
            Some(root) => Err(IndexError::CorpusGone {
                root: root.clone(),
                index: self.dir.clone(),
            }),
            None => Ok(()),
        }
    }

    /// Brings the index up to date before an answer, and says so; when another process is
    /// writing it, or this one may not, says that the answer comes from the index as it is
    /// (`indexed`: there is one to answer from).
    fn update_before_answer(
        &self,
        roots: &[PathBuf],
        follow: bool,
        scope: Scope,
        indexed: bool,
    ) -> Result<(), AnswerError> {
        let dir = &self.dir;
        match self.try_update(roots, follow, false, scope) {
            Ok(report) => {
                let what = if report.rebuilt {
                    "building"
                } else {
                    "updating"
                };
                let roots: Vec<String> = roots.iter().map(|r| r.display().to_string()).collect();
                self.feedback.say(&format!(
                    "{what} the index from {}{}: {}",
                    roots.join(", "),
                    report.rebuilt_because(),
                    report.summary()
                ));
            }
            Err(e) => match e {
                UpdateError::Refused(IndexError::Busy(pid)) if indexed => {
                    self.feedback.say(&format!(
                        "the index is being written by {}; searching the last complete index",
                        writer_name(&pid)
                    ));
                }
                UpdateError::Refused(IndexError::Busy(pid)) => {
                    return Err(AnswerError::BeingBuilt {
                        dir: dir.clone(),
                        writer: writer_name(&pid),
                    })
                }
                UpdateError::NotPermitted(e) if indexed => {
                    self.feedback.say(&format!(
                        "the index in {} cannot be updated ({}); searching it as it is",
                        dir.display(),
                        one_reason(&e)
                    ));
                }
                e => return Err(AnswerError::Other(write_failure(e, dir))),
            },
        }
        Ok(())
    }
}

impl UpdateReport {
    /// " anew, as WHY" when an index that was there was rebuilt unasked, else nothing.
    pub fn rebuilt_because(&self) -> String {
        self.rebuild_reason
            .as_ref()
            .map_or(String::new(), |why| format!(" anew, as {why}"))
    }

    /// The counts of the update in one line; the records passed over as not articles only
    /// when there were some.
    pub fn summary(&self) -> String {
        let not_articles = match self.not_articles {
            0 => String::new(),
            n => format!("; {} passed over as not articles", counted(n, "record")),
        };
        format!(
            "{} new, {} changed, {} removed, {} unchanged files; {} skipped{}; {} written, {} in the index ({:.2} s)",
            self.added,
            self.changed,
            self.removed,
            self.unchanged,
            self.skipped.len(),
            not_articles,
            counted(self.passages, "passage"),
            self.total_passages,
            self.elapsed.as_secs_f64()
        )
    }
}

/// `n` and the noun, plural unless `n` is 1: "1 passage", "2 passages".
fn counted(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Whether `paths`, as given here, are the corpus roots of `record`, as given where the index
/// was built.
fn names_same_roots(record: &CorpusRecord, paths: &[PathBuf]) -> bool {
    let Some(project) = &record.project else {
        return record.roots == paths;
    };
    let here: Vec<PathBuf> = paths.iter().map(|p| project::resolved(p)).collect();
    let there: Vec<PathBuf> = record
        .roots
        .iter()
        .map(|r| project::resolved(&project.join(r)))
        .collect();
    here == there
}

/// Moves into `project`, the folder the index's corpus paths are relative to (see
/// `index::project`), so that they name the same files from wherever newsgrep was started.
fn enter_project(project: Option<&Path>) -> Result<()> {
    let Some(project) = project else {
        return Ok(());
    };
    std::env::set_current_dir(project).with_context(|| {
        format!(
            "the folder the index was built in, {}, cannot be entered",
            project.display()
        )
    })
}

/// The most telling line of `e`: the index error in it, which names the file, else its root
/// cause.
fn one_reason(e: &anyhow::Error) -> String {
    e.chain()
        .find_map(|c| c.downcast_ref::<IndexError>().map(ToString::to_string))
        .unwrap_or_else(|| e.root_cause().to_string())
}

/// Says that a failed write left the previous index as it was (tantivy commits and the
/// `CURRENT` swap are atomic), and names a full disk when that was the cause.
fn write_failure(e: UpdateError, dir: &Path) -> anyhow::Error {
    let e = match e {
        UpdateError::Refused(refusal) => return refusal.into(),
        UpdateError::NotPermitted(e) | UpdateError::Failed(e) => e,
    };
    let disk_full = e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::StorageFull)
    });
    let cause = if disk_full { ": the disk is full" } else { "" };
    e.context(format!(
        "indexing into {} failed, the previous index is intact{cause}",
        dir.display()
    ))
}

/// Whether `e` comes from reading index files (truncated, corrupted, missing); not when the OS
/// refuses this user a file, which says nothing of the index's state.
fn unreadable_index(e: &anyhow::Error) -> bool {
    use tantivy::TantivyError as T;
    e.chain().any(|c| match c.downcast_ref::<T>() {
        Some(t)
            if super::os_error(t)
                .is_some_and(|(io, _)| io.kind() == std::io::ErrorKind::PermissionDenied) =>
        {
            false
        }
        Some(
            T::DataCorruption(_)
            | T::IoError(_)
            | T::OpenReadError(_)
            | T::OpenDirectoryError(_)
            | T::SchemaError(_),
        ) => true,
        _ => false,
    })
}

/// "pid N", or "another process" when the lock file does not say.
fn writer_name(pid: &str) -> String {
    if pid == "?" {
        "another process".to_string()
    } else {
        format!("pid {pid}")
    }
}
