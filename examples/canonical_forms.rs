//! Makes the table of canonical surface forms, `src/analysis/canonical/table.rs` (see
//! `analysis::canonical`), from folders of news articles:
//!
//! ```sh
//! cargo run --release --example canonical_forms -- /tmp/reuters ../shared/eval/cleaning/text \
//!     > src/analysis/canonical/table.rs
//! ```
//!
//! Each article is cleaned and split into passages as the indexer does. For each stem, the
//! surface form found in the most passages is its canonical form (ties to the first in byte
//! order), listed when it is not the stem itself and the stem is in at least
//! [`MIN_PASSAGES`] passages.

use newsgrep::analysis::{self, Mode};
use newsgrep::{clean, ingest, passage};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;
use std::path::PathBuf;

/// Passages a stem must be in for its form to be listed: rarer ones save nothing worth a line.
const MIN_PASSAGES: u32 = 3;

fn main() -> std::io::Result<()> {
    let roots: Vec<PathBuf> = std::env::args().skip(1).map(PathBuf::from).collect();
    if roots.is_empty() {
        eprintln!("usage: canonical_forms DIR... > src/analysis/canonical/table.rs");
        std::process::exit(2);
    }
    let found = ingest::discover(&roots);
    // stem -> (form -> passages)
    let mut forms: HashMap<String, HashMap<String, u32>> = HashMap::new();
    for file in &found.files {
        let Ok(content) = ingest::read(file) else {
            continue;
        };
        let article = clean::clean(&content, file.format);
        for p in passage::split(&article) {
            let mut seen = HashSet::new();
            for token in analysis::tokenize(&p.text, Mode::Exact) {
                if seen.insert(token.term.clone()) {
                    let stem = analysis::stem_of_folded(&token.term);
                    *forms
                        .entry(stem)
                        .or_default()
                        .entry(token.term)
                        .or_default() += 1;
                }
            }
        }
    }
    let mut table = BTreeMap::new();
    for (stem, counts) in forms {
        let total: u32 = counts.values().sum();
        let best = counts
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
            .map(|(form, _)| form.clone());
        if let Some(best) = best.filter(|b| *b != stem && total >= MIN_PASSAGES) {
            if stem.len() > 2 && best.starts_with(analysis::variant_prefix(&stem)) {
                table.insert(stem, best);
            }
        }
    }
    let mut by_word: Vec<(&String, &String)> = table.iter().map(|(s, w)| (w, s)).collect();
    by_word.sort();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(
        out,
        "// Made by examples/canonical_forms.rs from news text; do not edit."
    )?;
    writeln!(out, "// (stem, canonical form), sorted by stem.")?;
    writeln!(out, "pub static BY_STEM: &[(&str, &str)] = &[")?;
    for (stem, word) in &table {
        writeln!(out, "    ({stem:?}, {word:?}),")?;
    }
    writeln!(out, "];")?;
    writeln!(out, "// (canonical form, stem), sorted by form.")?;
    writeln!(out, "pub static BY_WORD: &[(&str, &str)] = &[")?;
    for (word, stem) in &by_word {
        writeln!(out, "    ({word:?}, {stem:?}),")?;
    }
    writeln!(out, "];")?;
    eprintln!(
        "{} files, {} stems with another canonical form",
        found.files.len(),
        table.len()
    );
    out.flush()
}
