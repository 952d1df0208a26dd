//! The index the server answers from, kept fresh while it runs: a thread checks the corpus
//! every few seconds, updates the index when a file changed, and only then swaps the new
//! commit in. Requests hold the index they started with, so a search during an update is
//! answered from the last complete index.

use crate::cli::By;
use crate::hit::ArticleCount;
use crate::index::{Handle, IndexError, NewsIndex};
use crate::views::{self, PeriodCounts};
use anyhow::Result;
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock, RwLock};
use std::time::Duration;

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
}

impl Served {
    fn new(index: NewsIndex) -> Served {
        Served {
            index,
            totals: Default::default(),
        }
    }

    /// The matches `counts` of `query` by `by`, against all the articles of this commit, as
    /// `views::count_by` counts them.
    pub(crate) fn count_by(
        &self,
        query: &str,
        by: By,
        counts: &[ArticleCount],
    ) -> Result<PeriodCounts> {
        let slot = &self.totals[by as usize];
        let totals = match slot.get() {
            Some(totals) => totals,
            None => {
                let totals = views::by::totals(&self.index, by)?;
                slot.get_or_init(|| totals)
            }
        };
        Ok(views::by::count_against(query, by, counts, totals))
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

    /// Refreshes every `every` on a thread of its own, for as long as the process runs.
    pub(crate) fn keep_fresh(self: &Arc<Self>, every: Duration) {
        if every.is_zero() {
            return;
        }
        let current = Arc::clone(self);
        std::thread::spawn(move || loop {
            std::thread::sleep(every);
            if let Err(e) = current.refresh() {
                eprintln!(
                    "newsgrep: the index was not refreshed ({}); serving the last complete index",
                    crate::print::terminal_line(&format!("{e:#}"))
                );
            }
        });
    }
}
