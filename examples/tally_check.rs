//! The fast count path checked against the full search on a real index, for the benchmark
//! notes (`docs/notes/counts.md`): for each query, whether `views::tally` gives exactly the
//! per-article counts of every hit of `search::search`, how it counted (from positions, from
//! the passages' texts, or the whole search), how many passages' texts it read, and both times.
//!
//! Usage: `tally_check --index DIR [--exact] < QUERIES`, one query a line. Output: one
//! tab-separated line per query (query, same, route, texts read, passages, search ms, tally
//! ms); exit 1 when a tally differs.

use newsgrep::hit::count_by_article;
use newsgrep::index::NewsIndex;
use newsgrep::query;
use newsgrep::search::{self, Limit, Options};
use newsgrep::views::tally::{tally, Occurrences};
use std::io::BufRead;
use std::path::PathBuf;
use std::time::Instant;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut index = None;
    let mut exact = false;
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--index" => index = args.next().map(PathBuf::from),
            "--exact" => exact = true,
            other => anyhow::bail!("unknown argument {other}"),
        }
    }
    let dir = index.ok_or_else(|| anyhow::anyhow!("--index DIR is required"))?;
    let index = NewsIndex::open(&dir)?.ok_or_else(|| anyhow::anyhow!("no index in {dir:?}"))?;
    let options = Options {
        limit: Limit::All,
        exact,
        accents: false,
        context: 0,
    };
    let mut differ = false;
    println!("query\tsame\troute\ttexts_read\tpassages\tsearch_ms\ttally_ms");
    for line in std::io::stdin().lock().lines() {
        let text = line?;
        if text.trim().is_empty() {
            continue;
        }
        let parsed = query::parse(&text)?;
        let start = Instant::now();
        let result = search::search(&index, &text, &parsed, options)?;
        let slow = count_by_article(&result.hits);
        let search_ms = start.elapsed().as_secs_f64() * 1000.0;
        let start = Instant::now();
        let fast = tally(&index, &text, &parsed, options, Occurrences::Counted)?;
        let tally_ms = start.elapsed().as_secs_f64() * 1000.0;
        let same = fast.articles == slow && fast.passages == result.total;
        differ |= !same;
        println!(
            "{text}\t{same}\t{:?}\t{}\t{}\t{search_ms:.0}\t{tally_ms:.0}",
            fast.route, fast.texts_read, fast.passages
        );
    }
    std::process::exit(i32::from(differ));
}
