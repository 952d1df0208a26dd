//! Cost of the site-chrome counting pass that precedes every update with work to do:
//! `site_lines PATH...` runs it over the corpus files under PATH, five times (the first from a
//! cold or warm page cache, as it comes), and prints the wall time of each run and how many
//! chrome lines each site has.

use newsgrep::{index, ingest};
use std::path::PathBuf;
use std::time::Instant;

fn main() {
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let files = ingest::discover(&roots, false).files;
    let bytes: u64 = files.iter().map(|f| f.size).sum();
    println!("{} files, {:.1} MB", files.len(), bytes as f64 / 1e6);
    let mut sites = None;
    for run in 1..=5 {
        let started = Instant::now();
        sites = Some(index::site_lines(&files));
        println!("run {run}: {:.3} s", started.elapsed().as_secs_f64());
    }
    let chrome = sites.map_or(0, |s| s.len());
    println!("{chrome} chrome lines over all sites");
}
