//! The folder tantivy reads a generation through: its memory-mapped directory, except that a
//! lock file it cannot create is done without where only reading needs it.
//!
//! tantivy's reader takes the meta lock (creating `.tantivy-meta.lock`) while it opens the
//! segments, so that its own garbage collection in the same process cannot delete them
//! meanwhile. In an index the user may read but not write (another user's, a read-only
//! disk), creating that file fails and so would every search. Between processes the lock
//! protects nothing newsgrep relies on (a search that loses a race with a commit opens the
//! new commit, see `commands`), so a lock that cannot be created for lack of permission is
//! skipped. The writer's own lock is unaffected: writing fails earlier, with its own error.

use std::io;
use std::path::Path;
use std::sync::Arc;
use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, FileSlice, Lock, MmapDirectory, WatchCallback,
    WatchHandle, WritePtr,
};

/// [`MmapDirectory`], reading without the meta lock where it cannot be taken.
#[derive(Clone, Debug)]
pub(crate) struct GenerationDirectory(MmapDirectory);

impl GenerationDirectory {
    pub(crate) fn open(path: &Path) -> tantivy::Result<GenerationDirectory> {
        Ok(GenerationDirectory(MmapDirectory::open(path)?))
    }
}

/// Whether `error` says only that this process may not create or write the lock file.
fn not_permitted(error: &LockError) -> bool {
    matches!(error, LockError::IoError(e)
        if matches!(e.kind(), io::ErrorKind::PermissionDenied | io::ErrorKind::ReadOnlyFilesystem))
}

impl Directory for GenerationDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        self.0.get_file_handle(path)
    }

    fn open_read(&self, path: &Path) -> Result<FileSlice, OpenReadError> {
        self.0.open_read(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.0.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.0.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.0.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.0.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> io::Result<()> {
        self.0.atomic_write(path, data)
    }

    fn sync_directory(&self) -> io::Result<()> {
        self.0.sync_directory()
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        match self.0.acquire_lock(lock) {
            Err(e) if lock.is_blocking && not_permitted(&e) => {
                Ok(DirectoryLock::from(Box::new(())))
            }
            other => other,
        }
    }

    fn watch(&self, watch_callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.0.watch(watch_callback)
    }
}
