//! Command-line arguments: commands and flags, parsed once into plain structs.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// Full-text search over a folder of scraped news articles: ranked, highlighted, citable passages.
#[derive(Debug, Parser)]
#[command(name = "newsgrep", version, about, max_term_width = 100)]
pub struct Cli {
    /// Where the index lives.
    #[arg(long, global = true, default_value = "index", value_name = "DIR")]
    pub index: PathBuf,

    /// When to color output: on a terminal only (auto, the default; NO_COLOR turns it off), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Clean, split and index the articles under PATH (default: corpus/).
    Index(IndexArgs),
    /// Search the index for ranked passages with highlighted matches.
    Search(SearchArgs),
    /// Print the cleaned article of each FILE, with what was removed and why.
    Clean(CleanArgs),
    /// Find where a quote comes from, even misquoted: source passages, coverage and differences.
    Quote(QuoteArgs),
}

/// `newsgrep index`.
#[derive(Debug, Args)]
pub struct IndexArgs {
    /// Files or folders to index, walked recursively (.txt, .text, .md, .html, .htm).
    #[arg(value_name = "PATH", default_values_os_t = vec![PathBuf::from("corpus")])]
    pub paths: Vec<PathBuf>,

    /// Build a new index from scratch instead of updating the existing one.
    #[arg(long)]
    pub rebuild: bool,
}

/// `newsgrep search`.
#[derive(Debug, Args)]
pub struct SearchArgs {
    /// The query: words (all must match), "a phrase", a OR b, -word, title:word, (grouping).
    pub query: String,

    /// Show at most N passages, best first.
    #[arg(short = 'n', long, default_value_t = 10, value_name = "N")]
    pub limit: usize,

    /// Show every matching passage, in corpus order (path, then position in the article).
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Search the index as it is, without first bringing it up to date with the corpus.
    #[arg(long)]
    pub no_update: bool,
}

/// `newsgrep clean`.
#[derive(Debug, Args)]
pub struct CleanArgs {
    /// Article files (.txt, .text, .md as text; .html, .htm as HTML).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format: the cleaned text, or one JSON object per file.
    #[arg(long, value_enum, default_value_t = CleanFormat::Text)]
    pub format: CleanFormat,
}

/// `newsgrep quote`.
#[derive(Debug, Args)]
pub struct QuoteArgs {
    /// The quote, as it circulates ("..." or "…" where words were left out). Read from --file or
    /// stdin when not given.
    #[arg(value_name = "TEXT")]
    pub text: Option<String>,

    /// Read the quote from FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    pub file: Option<PathBuf>,

    /// Show at most N sources.
    #[arg(short = 'n', long, default_value_t = 5, value_name = "N")]
    pub limit: usize,

    /// Share of the quote's words (0 to 1) a passage must hold, in order, to count as a source.
    #[arg(long, default_value_t = 0.6, value_name = "X")]
    pub min_coverage: f32,

    /// Order of the sources: best match first, or earliest article first.
    #[arg(long, value_enum, default_value_t = QuoteSort::Score)]
    pub sort: QuoteSort,

    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    /// Search the index as it is, without first bringing it up to date with the corpus.
    #[arg(long)]
    pub no_update: bool,
}

/// Orders of `quote` results.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum QuoteSort {
    /// Best match first.
    Score,
    /// Earliest article first (by its date; undated last), to find the first appearance.
    Date,
}

/// Output formats of `search` and `quote`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// Ranked hits for reading, matches highlighted.
    Text,
    /// One JSON object: query, total, hits.
    Json,
    /// One JSON object per hit, one per line.
    Jsonl,
}

/// Output formats of `clean`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CleanFormat {
    /// Title, source, date and body of each article.
    Text,
    /// One JSON object per file: path, title, source, date, body, removed.
    Jsonl,
}

/// When to color.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}
