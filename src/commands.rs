//! The commands, each turning parsed arguments into output and an [`Outcome`].

use crate::cli::{CleanArgs, CleanFormat, Cli, Command};
use crate::{clean, ingest, print};
use anyhow::Result;
use std::io::Write;

/// How a command ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Something matched or was done (exit 0).
    Found,
    /// Nothing matched (exit 1).
    NothingFound,
}

/// Runs the command `cli` asks for.
pub fn run(cli: &Cli) -> Result<Outcome> {
    match &cli.command {
        Command::Clean(args) => run_clean(args),
        Command::Index(_) | Command::Search(_) => anyhow::bail!("not yet"),
    }
}

fn run_clean(args: &CleanArgs) -> Result<Outcome> {
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut cleaned = 0;
    for path in &args.files {
        let format = ingest::format_of(path).unwrap_or(clean::Format::Text);
        let file = ingest::SourceFile {
            path: path.clone(),
            format,
            size: 0,
            mtime_ns: 0,
        };
        let content = match ingest::read(&file) {
            Ok(c) => c,
            Err(e) => {
                eprintln!("newsgrep: {}: {e}", path.display());
                continue;
            }
        };
        let article = clean::clean(&content, format);
        let key = ingest::path_key(path);
        match args.format {
            CleanFormat::Jsonl => print::article::jsonl(&mut out, &key, &article)?,
            CleanFormat::Text => print::article::text(&mut out, &key, &article)?,
        }
        cleaned += 1;
    }
    out.flush()?;
    Ok(if cleaned > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}
