//! The passages the indexer would write for each file, for checks that compare them with the
//! source: `passage_lines PATH...` cleans every article file under PATH as `newsgrep clean` does
//! (with the lines each site repeats) and prints one JSON line per file: its path, title, date
//! passages with their cited lines and the text
//! of every block it dropped. `bench/html_checks.py` reads it.

use newsgrep::{clean, index, ingest, passage};
use serde_json::json;
use std::io::Write;
use std::path::PathBuf;

fn main() -> std::io::Result<()> {
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    let files = ingest::discover(&roots, false).files;
    let sites = index::site_lines(&files);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    for file in &files {
        let Ok(text) = ingest::read(file) else {
            continue;
        };
        let chrome = sites.get(&ingest::site_of(&file.path));
        let article = clean::clean_with(&text, file.format, chrome);
        let passages: Vec<_> = passage::split(&article)
            .into_iter()
            .map(|p| json!({"line": p.line, "text": p.text}))
            .collect();
        let record = json!({
            "path": file.path.display().to_string(),
            "title": article.title,
            "date": article.date,
            "body": article.body(),
            "passages": passages,
            "removed": article.removed.iter().map(|r| r.text.as_str()).collect::<Vec<_>>(),
            "reasons": article.removed.iter().map(|r| r.reason.to_string()).collect::<Vec<_>>(),
            "removed_lines": article.removed.iter().map(|r| r.line).collect::<Vec<_>>(),
        });
        writeln!(out, "{record}")?;
    }
    out.flush()
}
