//! Cost of the cleaner alone, for profiling it: `clean_time PATH...` reads the corpus files
//! under PATH into memory and counts the lines each site repeats (as an update does), then
//! cleans every file and splits it into passages on one thread, five times, and prints the wall
//! time of each run. Reading, the site pass and the index are left out.

use newsgrep::{clean, index, ingest, passage};
use std::path::PathBuf;
use std::time::Instant;

/// As the binary has it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let files: Vec<_> = ingest::discover(&roots, false)
        .files
        .into_iter()
        .filter_map(|f| ingest::read(&f).ok().map(|text| (f, text)))
        .collect();
    let sources: Vec<_> = files.iter().map(|(f, _)| f.clone()).collect();
    let sites = index::site_lines(&sources);
    let bytes: usize = files.iter().map(|(_, t)| t.len()).sum();
    println!("{} files, {:.1} MB", files.len(), bytes as f64 / 1e6);
    for run in 1..=5 {
        let started = Instant::now();
        let mut passages = 0;
        for (file, text) in &files {
            let chrome = sites.get(&ingest::site_of(&file.path));
            let article = clean::clean_with(text, file.format, chrome);
            passages += passage::split(&article).len();
        }
        let secs = started.elapsed().as_secs_f64();
        println!("run {run}: {secs:.3} s, {passages} passages");
    }
}
