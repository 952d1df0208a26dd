//! The index the server answers from, kept fresh while it runs: a thread hears from the OS
//! (a file watcher) when something under the corpus changed, and checks the whole corpus now
//! and then besides; it updates the index when a file changed, and only then swaps the new
//! commit in. Requests hold the index they started with, so a search during an update is
//! answered from the last complete index.

use crate::clean::site::SiteLines;
use crate::cli::By;
use crate::index::{CorpusRecord, Handle, IndexError, NewsIndex};
use crate::views::tally::KeyedTally;
use crate::views::{self, PeriodCounts};
use crate::{index, ingest};
use anyhow::{Context, Result};
use notify::{RecursiveMode, Watcher};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, OnceLock, RwLock};
use std::time::{Duration, Instant};

/// How long the watcher waits after a change for more before updating.
const SETTLE: Duration = Duration::from_millis(250);
/// The longest a stream of changes holds an update back.
const MAX_SETTLE: Duration = Duration::from_secs(2);
/// The full check's period when the corpus cannot be watched (at most).
const FALLBACK: Duration = Duration::from_secs(5);

/// The last complete index, shared by every request.
pub(crate) struct Current {
    handle: Handle<'static>,
    index: RwLock<Arc<Served>>,
}

/// One commit of the index as served, with what every search page reads of it whatever the
/// query: all the articles per period and per source (for the share of those matching), read
/// on first use (a pass over every article for the sources).
pub(crate) struct Served {
    pub(crate) index: NewsIndex,
    /// Totals by day, week, month, year and source.
    totals: [OnceLock<BTreeMap<Option<String>, usize>>; 5],
    /// The chrome of each site (folder) an article view showed, counted on first use.
    sites: Mutex<HashMap<String, Arc<SiteLines>>>,
}

impl Served {
    fn new(index: NewsIndex) -> Served {
        Served {
            index,
            totals: Default::default(),
            sites: Mutex::default(),
        }
    }

    /// The matches of `query` by `by` that `tally` counted, against all the articles of this
    /// commit, as `views::count_by` counts them.
    pub(crate) fn count_by(&self, query: &str, by: By, tally: &KeyedTally) -> Result<PeriodCounts> {
        let slot = &self.totals[by as usize];
        let totals = match slot.get() {
            Some(totals) => totals,
            None => {
                let totals = views::by::totals(&self.index, by)?;
                slot.get_or_init(|| totals)
            }
        };
        let matched = tally
            .by(by)
            .with_context(|| format!("the matches were not counted by {by:?}"))?;
        Ok(views::by::count_matched(
            query,
            by,
            tally.articles,
            matched,
            totals,
        ))
    }

    /// The lines the site of the file `path` repeats on many pages, counted over the article
    /// files of its folder as the indexer and `newsgrep clean` count them; once per site for
    /// each commit served.
    pub(crate) fn site_chrome(&self, path: &Path) -> Arc<SiteLines> {
        let site = ingest::site_of(path);
        let known = |sites: &Mutex<HashMap<String, Arc<SiteLines>>>| match sites.lock() {
            Ok(sites) => sites.get(&site).cloned(),
            Err(poisoned) => poisoned.into_inner().get(&site).cloned(),
        };
        if let Some(lines) = known(&self.sites) {
            return lines;
        }
        // Counted outside the lock: another site's view need not wait for this one.
        let lines = Arc::new(index::site_lines(&ingest::site_files(
            &[path.to_path_buf()],
        )));
        let mut sites = match self.sites.lock() {
            Ok(sites) => sites,
            Err(poisoned) => poisoned.into_inner(),
        };
        Arc::clone(sites.entry(site).or_insert(lines))
    }
}

impl Current {
    /// Opens the index of `handle` (which must exist: `serve` builds it first).
    pub(crate) fn open(handle: Handle<'static>) -> Result<Current> {
        let dir = handle.dir();
        let index = NewsIndex::open(dir)?.ok_or_else(|| IndexError::Missing(dir.to_path_buf()))?;
        Ok(Current {
            handle,
            index: RwLock::new(Arc::new(Served::new(index))),
        })
    }

    /// The index to answer one request from.
    pub(crate) fn get(&self) -> Arc<Served> {
        // A poisoned lock still holds a complete index: the swap is one assignment.
        match self.index.read() {
            Ok(index) => Arc::clone(&index),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    fn set(&self, index: NewsIndex) {
        match self.index.write() {
            Ok(mut slot) => *slot = Arc::new(Served::new(index)),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(Served::new(index)),
        }
    }

    /// Brings the served index up to date as a search would (the handle checks the corpus
    /// and updates the index), and swaps in a newer commit, this process's or another's (a
    /// search in a terminal updates the same index). Whether the index served changed.
    pub(crate) fn refresh(&self) -> Result<bool> {
        self.handle.fresh(false, &|_| Ok(()))?;
        let served = self.get();
        match NewsIndex::open(self.handle.dir())? {
            Some(index) if index.corpus != served.index.corpus => {
                self.set(index);
                Ok(true)
            }
            _ => Ok(false),
        }
    }

    /// Keeps the served index fresh for as long as the process runs, on a thread of its own:
    /// with `watch`, a refresh soon after the OS says a file under the corpus changed (once a
    /// burst of changes settles), and in any case a full check every `every` (none when zero),
    /// the fallback for changes a watcher misses (network file systems, a lost event).
    pub(crate) fn keep_fresh(self: &Arc<Self>, every: Duration, watch: bool) {
        let (changes, heard) = mpsc::channel();
        let watcher = if watch {
            match self.watch(changes) {
                Ok(watcher) => Some(watcher),
                Err(e) => {
                    let every = if every.is_zero() {
                        FALLBACK
                    } else {
                        every.min(FALLBACK)
                    };
                    eprintln!(
                        "newsgrep: the corpus cannot be watched ({}); checking it every {} s",
                        crate::print::terminal_line(&format!("{e:#}")),
                        every.as_secs()
                    );
                    return self.keep_fresh(every, false);
                }
            }
        } else {
            drop(changes);
            None
        };
        if watcher.is_none() && every.is_zero() {
            return;
        }
        let current = Arc::clone(self);
        std::thread::spawn(move || {
            // Watching for as long as this thread runs.
            let _watcher = watcher;
            loop {
                let woken = if every.is_zero() {
                    heard.recv().map_err(|_| RecvTimeoutError::Disconnected)
                } else {
                    heard.recv_timeout(every)
                };
                match woken {
                    Ok(()) => settle(&heard),
                    Err(RecvTimeoutError::Timeout) => {}
                    Err(RecvTimeoutError::Disconnected) if every.is_zero() => return,
                    Err(RecvTimeoutError::Disconnected) => std::thread::sleep(every),
                }
                if let Err(e) = current.refresh() {
                    eprintln!(
                        "newsgrep: the index was not refreshed ({}); serving the last complete index",
                        crate::print::terminal_line(&format!("{e:#}"))
                    );
                }
            }
        });
    }

    /// Watches the corpus roots of the served index (recursively: folders made later are
    /// watched too) and sends on `changes` when something under them may have changed. Reads
    /// (the indexer's own) and changes inside the index folder are not changes.
    fn watch(&self, changes: Sender<()>) -> Result<notify::RecommendedWatcher> {
        let index_dir = self.handle.dir().to_path_buf();
        let record = CorpusRecord::peek(&index_dir)
            .ok_or_else(|| anyhow::anyhow!("the index records no corpus"))?;
        let project = match &record.project {
            Some(project) => project.clone(),
            None => std::env::current_dir()?,
        };
        let mut watcher =
            notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
                let changed = match &event {
                    Ok(event) => is_change(event, &index_dir),
                    // A lost event (a full queue) may hide any change: check.
                    Err(_) => true,
                };
                if changed {
                    let _ = changes.send(());
                }
            })?;
        for root in &record.roots {
            let root = project.join(root);
            watcher
                .watch(&root, RecursiveMode::Recursive)
                .with_context(|| format!("watching {}", root.display()))?;
        }
        Ok(watcher)
    }
}

/// Whether `event` may change what the index holds: not a read, not an access time, not a
/// file of the index itself.
fn is_change(event: &notify::Event, index_dir: &Path) -> bool {
    use notify::event::{EventKind, MetadataKind, ModifyKind};
    match event.kind {
        EventKind::Access(_)
        | EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)) => false,
        _ => event.paths.is_empty() || event.paths.iter().any(|p| !p.starts_with(index_dir)),
    }
}

/// Waits until no change has been heard for [`SETTLE`] (a copy of many files is one update,
/// not one per file), at most [`MAX_SETTLE`].
fn settle(heard: &Receiver<()>) {
    let until = Instant::now() + MAX_SETTLE;
    loop {
        let left = until.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return;
        }
        match heard.recv_timeout(SETTLE.min(left)) {
            Ok(()) => {}
            Err(_) => return,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, EventKind, MetadataKind, ModifyKind};
    use notify::Event;

    fn event(kind: EventKind, path: &str) -> Event {
        Event::new(kind).add_path(path.into())
    }

    #[test]
    fn reads_and_the_index_own_files_are_not_changes() {
        let index = Path::new("/p/.newsgrep");
        let created = EventKind::Create(CreateKind::File);
        assert!(is_change(&event(created, "/p/corpus/a.txt"), index));
        assert!(is_change(
            &event(
                EventKind::Remove(notify::event::RemoveKind::Any),
                "/p/corpus/a.txt"
            ),
            index
        ));
        assert!(!is_change(
            &event(created, "/p/.newsgrep/gen-2/meta.json"),
            index
        ));
        assert!(!is_change(
            &event(EventKind::Access(AccessKind::Any), "/p/corpus/a.txt"),
            index
        ));
        assert!(!is_change(
            &event(
                EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime)),
                "/p/corpus/a.txt"
            ),
            index
        ));
        // An event that names no file (a rescan) may hide any change.
        assert!(is_change(&Event::new(EventKind::Other), index));
    }
}
