//! Index size by field and by kind of file, for the benchmark and for deciding what to store:
//! `space_usage --index DIR`. Prints one line per field and component in megabytes.

use newsgrep::index::NewsIndex;
use std::path::PathBuf;

fn main() -> anyhow::Result<()> {
    let mut args = std::env::args().skip(1);
    let mut dir = PathBuf::from("index");
    while let Some(arg) = args.next() {
        if arg == "--index" {
            dir = args.next().map(PathBuf::from).unwrap_or(dir);
        }
    }
    let Some(index) = NewsIndex::open(&dir)? else {
        anyhow::bail!("no index in {}", dir.display());
    };
    let searcher = index.reader.searcher();
    let usage = searcher.space_usage()?;
    let schema = index.index.schema();
    let mb = |n: u64| n as f64 / 1e6;
    let mut by_field: std::collections::BTreeMap<String, [u64; 5]> = Default::default();
    let mut store = 0u64;
    for segment in usage.segments() {
        let parts = [
            segment.termdict(),
            segment.postings(),
            segment.positions(),
            segment.fast_fields(),
            segment.fieldnorms(),
        ];
        for (i, part) in parts.iter().enumerate() {
            for (field, f) in part.fields() {
                by_field
                    .entry(schema.get_field_name(*field).to_string())
                    .or_default()[i] += f.total().get_bytes();
            }
        }
        store += segment.store().total().get_bytes();
    }
    println!("field        terms  postings positions   fast  norms (MB)");
    for (name, v) in &by_field {
        println!(
            "{name:<12} {:>6.1} {:>9.1} {:>9.1} {:>6.1} {:>6.1}",
            mb(v[0]),
            mb(v[1]),
            mb(v[2]),
            mb(v[3]),
            mb(v[4])
        );
    }
    println!("store        {:.1}", mb(store));
    println!("total        {:.1}", mb(usage.total().get_bytes()));
    Ok(())
}
