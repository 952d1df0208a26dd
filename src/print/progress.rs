//! The index's life cycle on a terminal: a progress bar while a large update runs, and one
//! line on stderr for each thing the index did (see `index::Feedback`).

use super::terminal_line;
use crate::index::Feedback;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::sync::{Mutex, PoisonError};

/// Files after which indexing shows a progress bar (on a terminal).
const PROGRESS_MIN_FILES: u64 = 200;

/// Feedback on stderr: `newsgrep: ...` lines, and a bar on a terminal.
pub struct Terminal {
    /// The bar of the update under way, drawn once it has enough files.
    bar: Mutex<Option<ProgressBar>>,
}

/// The one terminal of the process.
pub static TERMINAL: Terminal = Terminal {
    bar: Mutex::new(None),
};

impl Feedback for Terminal {
    fn progress(&self, done: u64, total: u64) {
        let mut bar = self.bar.lock().unwrap_or_else(PoisonError::into_inner);
        let bar = bar.get_or_insert_with(|| {
            let bar = ProgressBar::hidden();
            if std::io::stderr().is_terminal() {
                bar.set_style(
                    ProgressStyle::with_template(
                        "{bar:40} {pos}/{len} files  {elapsed}  eta {eta}",
                    )
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
                );
            }
            bar
        });
        if total >= PROGRESS_MIN_FILES && bar.is_hidden() && std::io::stderr().is_terminal() {
            bar.set_draw_target(ProgressDrawTarget::stderr());
        }
        bar.set_length(total);
        bar.set_position(done);
    }

    fn finished(&self) {
        let bar = self
            .bar
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .take();
        if let Some(bar) = bar {
            bar.finish_and_clear();
        }
    }

    fn say(&self, line: &str) {
        eprintln!("newsgrep: {}", terminal_line(line));
    }
}
