//! The `newsgrep` binary: parse arguments, run the command, map the outcome to an exit code
//! (0 found, 1 nothing found, 2 error).

use clap::parser::ValueSource;
use clap::{CommandFactory, FromArgMatches};
use newsgrep::cli::Cli;
use newsgrep::commands::{self, Outcome};
use std::process::ExitCode;
use std::sync::Mutex;

/// See `Cargo.toml` for why.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// What the last panic said, and where, for the one-line error `main` prints instead.
static PANIC: Mutex<Option<(String, String)>> = Mutex::new(None);

fn main() -> ExitCode {
    let mut command = Cli::command();
    // An empty NEWSGREP_INDEX (`NEWSGREP_INDEX= newsgrep ...`, or a script's unset default) is
    // no index named, as an empty variable is to most tools, not an --index without a value.
    if std::env::var_os("NEWSGREP_INDEX").is_some_and(|v| v.is_empty()) {
        command = command.mut_arg("index", |arg| arg.env(None::<&str>));
    }
    let parsed = command
        .try_get_matches()
        .and_then(|matches| Ok((Cli::from_arg_matches(&matches)?, matches)));
    let (mut cli, matches) = match parsed {
        Ok(parsed) => parsed,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    // Neither --index nor NEWSGREP_INDEX: the nearest newsgrep.toml may name the index.
    if matches.value_source("index") == Some(ValueSource::DefaultValue) {
        let found = std::env::current_dir()
            .map_err(anyhow::Error::from)
            .and_then(|dir| newsgrep::config::index_from(&dir));
        match found {
            Ok(Some(index)) => cli.index = index,
            Ok(None) => {}
            Err(e) => {
                eprintln!(
                    "newsgrep: {}",
                    newsgrep::print::terminal_line(&format!("{e:#}"))
                );
                return ExitCode::from(2);
            }
        }
    }
    // A panic is a bug, or a damaged index file that tantivy read without checking: either
    // way the user gets one line and exit 2, not a backtrace.
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info
            .location()
            .map(|l| l.file().to_string())
            .unwrap_or_default();
        if let Ok(mut last) = PANIC.lock() {
            *last = Some((message, place));
        }
    }));
    let outcome = std::panic::catch_unwind(|| commands::run(&cli));
    match outcome {
        Ok(Ok(Outcome::Found)) => ExitCode::SUCCESS,
        Ok(Ok(Outcome::NothingFound)) => ExitCode::from(1),
        Ok(Err(e)) => {
            if is_broken_pipe(&e) {
                return ExitCode::SUCCESS;
            }
            // An error can quote a file name or a line of the corpus: no control character
            // reaches the terminal.
            eprintln!(
                "newsgrep: {}",
                newsgrep::print::terminal_line(&format!("{e:#}"))
            );
            ExitCode::from(2)
        }
        Err(_) => {
            let (message, place) = PANIC
                .lock()
                .ok()
                .and_then(|mut last| last.take())
                .unwrap_or_default();
            let message = message.lines().next().unwrap_or_default();
            // tantivy panics on index files it cannot make sense of.
            if place.contains("tantivy") {
                eprintln!(
                    "newsgrep: the index in {} is damaged ({message}); run `newsgrep index --rebuild`",
                    cli.index.display()
                );
            } else {
                eprintln!("newsgrep: internal error ({message}, in {place}); please report it");
            }
            ExitCode::from(2)
        }
    }
}

/// `newsgrep ... | head` closing the pipe early is not an error.
fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}
