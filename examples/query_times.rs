//! Query time inside the process, for the benchmark (`bench/run.py`): opens an index once, then
//! runs each query of a mix many times and prints its p50 and p95 in milliseconds, with where the
//! time goes.
//!
//! Usage: `query_times --index DIR [--runs N] [--all] < QUERIES` where QUERIES has one
//! `name<TAB>query` per line. Output: one JSON object per query on stdout.
//!
//! `total_ms` is what `newsgrep search` spends after the index is open: parse, compile, count,
//! top N, stored documents and highlights (`search::search`). The phases (`compile`, `count`,
//! `top`, `docs`) are timed separately by repeating the steps of `search::search` here, so
//! their sum is close to, not exactly, `total_ms`; `search` counts and ranks in one pass,
//! which are timed apart here. Process start, index open and printing are
//! not included; the whole command is timed by the script.

use newsgrep::index::NewsIndex;
use newsgrep::search::{self, Limit};
use newsgrep::{highlight, query};
use std::io::BufRead;
use std::path::PathBuf;
use std::time::{Duration, Instant};
use tantivy::collector::{Count, TopDocs};
use tantivy::schema::Value;
use tantivy::TantivyDocument;

struct Options {
    index: PathBuf,
    runs: usize,
    limit: Limit,
}

fn options() -> Result<Options, String> {
    let mut index = PathBuf::from("index");
    let mut runs = 50;
    let mut limit = Limit::Top(10);
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--index" => index = args.next().ok_or("--index needs a folder")?.into(),
            "--runs" => {
                runs = args
                    .next()
                    .and_then(|n| n.parse().ok())
                    .ok_or("--runs needs a number")?
            }
            "--all" => limit = Limit::All,
            other => return Err(format!("unknown argument {other}")),
        }
    }
    Ok(Options { index, runs, limit })
}

/// The value at quantile `q` of sorted `times`, in ms (nearest rank).
fn quantile_ms(times: &[Duration], q: f64) -> f64 {
    let rank = ((q * times.len() as f64).ceil() as usize).clamp(1, times.len());
    times[rank - 1].as_secs_f64() * 1000.0
}

fn median_ms(mut times: Vec<Duration>) -> f64 {
    times.sort_unstable();
    quantile_ms(&times, 0.5)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let opts = options()?;
    let opened = Instant::now();
    let index = NewsIndex::open(&opts.index)?.ok_or("no index there")?;
    eprintln!(
        "query_times: index opened in {:.1} ms ({} files in the manifest)",
        opened.elapsed().as_secs_f64() * 1000.0,
        index.manifest()?.files.len()
    );
    let searcher = index.reader.searcher();
    for line in std::io::stdin().lock().lines() {
        let line = line?;
        let Some((name, text)) = line.split_once('\t') else {
            continue;
        };
        let parsed = match query::parse(text) {
            Ok(q) => q,
            Err(e) => {
                println!(
                    "{}",
                    serde_json::json!({"name": name, "query": text, "error": e.to_string()})
                );
                continue;
            }
        };
        let mut total = Vec::with_capacity(opts.runs);
        let mut compile = Vec::with_capacity(opts.runs);
        let mut count = Vec::with_capacity(opts.runs);
        let mut top = Vec::with_capacity(opts.runs);
        let mut docs = Vec::with_capacity(opts.runs);
        let mut hits = 0;
        // One untimed run first, so every timed run sees warm caches.
        for run in 0..=opts.runs {
            let t = Instant::now();
            let q = query::parse(text)?;
            let options = search::Options {
                limit: opts.limit,
                exact: false,
                accents: false,
                context: 0,
            };
            let result = search::search(&index, text, &q, options)?;
            let whole = t.elapsed();
            hits = result.total;

            // The same steps, one at a time.
            let t = Instant::now();
            let compiled = query::compile(&parsed, &index.fields)?;
            let t_compile = t.elapsed();
            let t = Instant::now();
            let n = searcher.search(&*compiled, &Count)?;
            let t_count = t.elapsed();
            let wanted = match opts.limit {
                Limit::Top(k) => k.min(n),
                Limit::All => n,
            };
            let t = Instant::now();
            let found = if wanted == 0 {
                Vec::new()
            } else {
                searcher.search(&*compiled, &TopDocs::with_limit(wanted))?
            };
            let t_top = t.elapsed();
            let t = Instant::now();
            for (_, address) in found {
                let doc: TantivyDocument = searcher.doc(address)?;
                let passage = doc
                    .get_first(index.fields.text)
                    .and_then(|v| v.as_str())
                    .unwrap_or_default()
                    .to_string();
                std::hint::black_box(highlight::spans(&parsed, &passage));
            }
            let t_docs = t.elapsed();
            if run > 0 {
                total.push(whole);
                compile.push(t_compile);
                count.push(t_count);
                top.push(t_top);
                docs.push(t_docs);
            }
        }
        total.sort_unstable();
        println!(
            "{}",
            serde_json::json!({
                "name": name,
                "query": text,
                "hits": hits,
                "runs": opts.runs,
                "p50_ms": quantile_ms(&total, 0.5),
                "p95_ms": quantile_ms(&total, 0.95),
                "compile_ms": median_ms(compile),
                "count_ms": median_ms(count),
                "top_ms": median_ms(top),
                "docs_ms": median_ms(docs),
            })
        );
    }
    Ok(())
}
