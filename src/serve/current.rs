//! The index the server answers from, kept fresh while it runs: a thread checks the corpus
//! every few seconds, updates the index when a file changed, and only then swaps the new
//! commit in. Requests hold the index they started with, so a search during an update is
//! answered from the last complete index.

use crate::index::{Handle, IndexError, NewsIndex};
use anyhow::Result;
use std::sync::{Arc, RwLock};
use std::time::Duration;

/// The last complete index, shared by every request.
pub(crate) struct Current {
    handle: Handle<'static>,
    index: RwLock<Arc<NewsIndex>>,
}

impl Current {
    /// Opens the index of `handle` (which must exist: `serve` builds it first).
    pub(crate) fn open(handle: Handle<'static>) -> Result<Current> {
        let dir = handle.dir();
        let index = NewsIndex::open(dir)?.ok_or_else(|| IndexError::Missing(dir.to_path_buf()))?;
        Ok(Current {
            handle,
            index: RwLock::new(Arc::new(index)),
        })
    }

    /// The index to answer one request from.
    pub(crate) fn get(&self) -> Arc<NewsIndex> {
        // A poisoned lock still holds a complete index: the swap is one assignment.
        match self.index.read() {
            Ok(index) => Arc::clone(&index),
            Err(poisoned) => Arc::clone(&poisoned.into_inner()),
        }
    }

    fn set(&self, index: NewsIndex) {
        match self.index.write() {
            Ok(mut slot) => *slot = Arc::new(index),
            Err(poisoned) => *poisoned.into_inner() = Arc::new(index),
        }
    }

    /// Brings the served index up to date as a search would (the handle checks the corpus
    /// and updates the index), and swaps in a newer commit, this process's or another's (a
    /// search in a terminal updates the same index). Whether the index served changed.
    pub(crate) fn refresh(&self) -> Result<bool> {
        self.handle.fresh(false, &|_| Ok(()))?;
        let served = self.get();
        match NewsIndex::open(self.handle.dir())? {
            Some(index) if index.corpus != served.corpus => {
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
