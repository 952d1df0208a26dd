//! newsgrep: full-text search over a folder of scraped news articles.
//!
//! The pipeline, one module a stage: [`ingest`] finds and decodes files, [`clean`] turns a
//! scraped page into its article, [`passage`] splits the article into citable passages,
//! [`index`] writes them to a tantivy index and keeps it in step with the corpus; on the query
//! side [`query`] parses the query language, [`search`] runs it into [`hit::Hit`]s,
//! [`highlight`] marks what matched, and [`print`] renders hits in each output format.
//! `trace` finds the sources of a quote, placed in each passage by [`quote`]'s alignment.
//! [`analysis`] is the one tokenizer shared by all of them. Before a search answers,
//! `freshness` checks that the corpus is still what the index holds. `serve` is the same
//! search as a local web page and JSON API. [`views`] counts matches by period and source.
//! [`export`] writes the passages out for a distributed engine.
//!
//! The public modules are what the binary, the examples, the fuzz targets and the end-to-end
//! tests use; the rest (`freshness`, `manifest`, `serve`, `stats`, `stored`, `stories`,
//! `trace`) are the crate's own.

pub mod analysis;
pub mod clean;
pub mod cli;
pub mod commands;
pub mod config;
pub mod export;
pub mod feedback;
pub(crate) mod freshness;
pub mod highlight;
pub mod hit;
pub mod index;
pub mod ingest;
pub(crate) mod manifest;
pub mod passage;
pub mod print;
pub mod query;
pub mod quote;
pub mod search;
pub(crate) mod serve;
pub(crate) mod stats;
pub(crate) mod stored;
pub(crate) mod stories;
pub(crate) mod trace;
pub mod views;
