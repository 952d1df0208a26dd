//! Command-line arguments: commands and flags, parsed once into plain structs.

use clap::{Args, Parser, Subcommand, ValueEnum};
use std::path::PathBuf;

/// The index folder when `--index` is not given.
const DEFAULT_INDEX: &str = "index";

/// The widest `--kwic` side: wider than any screen, and each line costs its width.
const MAX_KWIC_WIDTH: u64 = 1000;

/// Full-text search over a folder of scraped news articles: ranked, highlighted, citable passages.
#[derive(Debug, Parser)]
#[command(name = "newsgrep", version = env!("NEWSGREP_VERSION"), about, max_term_width = 100)]
pub struct Cli {
    /// Where the index lives; NEWSGREP_INDEX names it for every command when --index does not.
    #[arg(long, global = true, default_value = DEFAULT_INDEX, value_name = "DIR", env = "NEWSGREP_INDEX")]
    pub index: PathBuf,

    /// When to color output: on a terminal only (auto, the default; NO_COLOR turns it off, CLICOLOR_FORCE on), always, never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,

    #[command(subcommand)]
    pub command: Command,

    /// How matches are marked in text output: ansi (colored), markdown (**like this**) or none
    /// (the bare text, for grep and wc). By default ansi when colored (--color), else markdown.
    #[arg(long, global = true, value_enum, value_name = "STYLE")]
    pub marks: Option<MarkStyle>,

    /// Which field of a collection's records (JSON, CSV) holds MEANING: text, title, date,
    /// source, url or language (e.g. --field text=story_body). Repeatable; wins over
    /// `[fields]` in newsgrep.toml and over the common names.
    #[arg(long, global = true, value_name = "MEANING=NAME", value_parser = crate::ingest::collection::parse_field_pair)]
    pub field: Vec<(String, String)>,
}

/// Styles of `--marks`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum MarkStyle {
    /// ANSI colors, as on a terminal.
    Ansi,
    /// `**like this**`.
    Markdown,
    /// No marks: the bare text.
    None,
}

/// The commands.
///
/// Each command's arguments are built only when it runs (or its help is shown): a search
/// does not pay for describing the other commands' flags. The doc comments here are the commands'
/// summaries; their `*Args` structs have none, since a deferred struct's own summary would
/// replace the one here.
#[derive(Debug, Subcommand)]
#[command(defer = true)]
pub enum Command {
    /// Clean, split and index the articles under PATH (default: corpus/).
    Index(IndexArgs),
    /// Search the index for ranked passages with highlighted matches.
    Search(SearchArgs),
    /// Print the cleaned article of each FILE, with what was removed and why.
    Clean(CleanArgs),
    /// Find where a quote comes from, even misquoted: source passages, coverage and differences.
    Quote(QuoteArgs),
    /// The corpus in figures: articles, passages, distinct words, sources, dates, top words.
    Stats(StatsArgs),
    /// Indexed words starting with PREFIX, with how many passages hold each.
    Terms(TermsArgs),
    /// Write every passage into DIR for OpenSearch, Quickwit or any JSON Lines tool.
    Export(ExportArgs),
    /// Several queries side by side: matching articles and their share per period or source.
    Compare(CompareArgs),
    /// The words found near a query's matches more often than chance, by log-likelihood.
    Collocates(CollocatesArgs),
    /// Stories found in several copies (syndicated, re-sent), largest groups first.
    Dups(DupsArgs),
    /// Print the completion script for SHELL (bash, zsh, fish, powershell, elvish).
    Completions(CompletionsArgs),
    /// Print the man page (roff), for `man -l -` or a folder of MANPATH.
    Man(ManArgs),
    /// Serve the search as a local web page and JSON API, kept fresh while it runs.
    Serve(ServeArgs),
}

// `newsgrep index` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = INDEX_EXAMPLES)]
pub struct IndexArgs {
    /// Files or folders to index, walked recursively (.txt, .text, .md, .html, .htm); by
    /// default the ones the index was built from, or corpus/ for a new index.
    #[arg(value_name = "PATH")]
    pub paths: Vec<PathBuf>,

    /// Build a new index from scratch instead of updating the existing one.
    #[arg(long)]
    pub rebuild: bool,

    /// Follow links to files and folders below PATH (not followed by default: a link can lead
    /// out of the corpus). Recorded in the index, so that searches update it the same way.
    #[arg(short = 'L', long)]
    pub follow: bool,
}

// `newsgrep search` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = SEARCH_EXAMPLES)]
pub struct SearchArgs {
    /// The query: words (all must match), "a phrase", a OR b, -word, NEAR, fields (--help for all).
    ///
    /// Several arguments are joined with spaces into one query. The query language:
    ///
    ///   data localization             both words (AND is optional); words are stemmed
    ///   "data localization"           the phrase; "data security"~3 allows 3 extra words
    ///   "data security" NEAR algo*    both sides within 5 words, any order
    ///   NEAR(data algorithmic, 5)     two to four words within N words (N at most 50)
    ///   wechat OR douyin              either; AND binds tighter: (oil OR gas) prices
    ///   tiktok -wechat                without the word (also NOT wechat)
    ///   =algorithm                    the surface word only, no stemming (also in a phrase)
    ///   goverment~1, brazil~2         fuzzy: within 1 or 2 edits
    ///   algo*                         prefix: words starting with two letters or more
    ///   title:delayed                 in the title (title:"a phrase", title:algo* too)
    ///   source:reuters                in the article's source or outlet
    ///   path:003_*                    articles whose path or file name matches a glob
    ///   date:2022, date:2022-03       articles of that year, month or day
    ///   date:>=2022-01-01, date:2020..2021-06   open and closed date ranges
    ///   lang:es                       articles in a language (ISO 639-1: es, de, ru, zh...)
    ///
    /// Matching folds case, accents and curly quotes. Other engines' syntax (tiktok^2, ti*ok,
    /// w/3, NEAR/3) is an error naming its column, with exit code 2.
    #[arg(required = true, num_args = 1.., value_name = "QUERY", verbatim_doc_comment)]
    pub query: Vec<String>,

    /// Show at most N passages, best first (10 by default); with --kwic, at most N lines
    /// (all by default).
    #[arg(short = 'm', long, value_name = "N")]
    pub limit: Option<usize>,

    /// Show every matching passage, in corpus order (path, then position in the article).
    #[arg(long, conflicts_with = "limit")]
    pub all: bool,

    // How queries match, what they are answered from, and the output format.
    #[command(flatten)]
    pub matching: MatchArgs,

    /// Show N passages of the article before and after each hit.
    #[arg(short = 'C', long, default_value_t = 0, value_name = "N")]
    pub context: usize,

    /// Count matching passages and occurrences per article and in total, most first
    /// (implies --all).
    #[arg(short = 'c', long, conflicts_with_all = ["kwic", "group"])]
    pub count: bool,

    /// Keyword in context: one line per occurrence, the match centred (every one, or --limit).
    #[arg(long, conflicts_with = "group")]
    pub kwic: bool,

    /// Order of the hits: relevance (best first: the default, except with --all, which is in
    /// path order), date (newest first, undated last) or path (corpus order); --limit keeps the
    /// first N of that order. With --kwic also left or right: by the words left of the match,
    /// or by the match and what follows it.
    #[arg(long, value_enum, conflicts_with = "count")]
    pub sort: Option<SearchSort>,

    /// Width in chars of each side of a --kwic line (1 to 1000).
    #[arg(long, default_value_t = 40, value_name = "CHARS",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=MAX_KWIC_WIDTH))]
    pub width: usize,

    /// One result per article with its best passages under it.
    #[arg(long, value_enum)]
    pub group: Option<Grouping>,

    /// Passages shown under each article with --group.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub per_article: usize,

    /// With --count: count matching articles per day, ISO week, month, year or source, beside
    /// all the articles of each (articles without a date or source get their own row).
    #[arg(long, value_enum, requires = "count", value_name = "PERIOD")]
    pub by: Option<By>,
    /// Accepted for grep habits and ignored: every hit is cited as path:line already.
    #[arg(short = 'n', long)]
    pub line_number: bool,

    /// Print only the paths of the matching articles, each once, in path order (as grep -l).
    #[arg(short = 'l', long, conflicts_with_all = ["count", "kwic", "group", "context"])]
    pub files_with_matches: bool,
}

// `newsgrep collocates` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = COLLOCATES_EXAMPLES)]
pub struct CollocatesArgs {
    /// The query, in the language of `newsgrep search` (several arguments are joined).
    #[arg(required = true, num_args = 1.., value_name = "QUERY")]
    pub query: Vec<String>,

    /// Words on each side of a match that count as near it (1 to 50).
    #[arg(long, default_value_t = 5, value_name = "N",
          value_parser = clap::builder::RangedU64ValueParser::<usize>::new().range(1..=50))]
    pub window: usize,

    /// Show at most N words, strongest first.
    #[arg(short = 'm', long, default_value_t = 20, value_name = "N")]
    pub limit: usize,

    /// Count surface words (quota and quotas apart) instead of stems.
    #[arg(long)]
    pub by_surface: bool,

    /// Leave out stop words (the, of, said...); they are ranked like any word by default.
    #[arg(long)]
    pub no_stopwords: bool,

    /// Rank only words found at least N times near the matches.
    #[arg(long, default_value_t = 3, value_name = "N")]
    pub min_count: usize,

    /// Output format.
    #[arg(long, default_value = "text",
          value_parser = formats(&[("text", "A table: word, together, total, score"), ("json", "One JSON object: query, window, rows"), ("jsonl", "One JSON object per word"), ("csv", "Comma-separated rows with a header")]))]
    pub format: OutputFormat,

    #[command(flatten)]
    pub answer: AnswerArgs,
}

impl CollocatesArgs {
    /// The query as one string.
    pub fn query_text(&self) -> String {
        self.query.join(" ")
    }
}

// `newsgrep dups` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = DUPS_EXAMPLES)]
pub struct DupsArgs {
    /// List only stories with at least N copies.
    #[arg(long, default_value_t = 2, value_name = "N")]
    pub min_size: usize,

    /// Show at most N groups, largest first (all by default).
    #[arg(short = 'm', long, value_name = "N")]
    pub limit: Option<usize>,

    /// Output format.
    #[arg(long, default_value = "text",
          value_parser = formats(&[("text", "Each group: its size and id, then its paths"), ("json", "One JSON object: groups"), ("jsonl", "One JSON object per group"), ("csv", "One row per copy: group, size, path")]))]
    pub format: OutputFormat,

    /// List from the index as it is, without first bringing it up to date with the corpus.
    #[arg(long)]
    pub no_update: bool,
}

// `newsgrep export` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = EXPORT_EXAMPLES)]
pub struct ExportArgs {
    /// What to write: opensearch (mapping.json and bulk files), quickwit (index-config.yaml and
    /// documents) or jsonl (one passage a line).
    #[arg(long, value_enum, value_name = "TARGET")]
    pub to: ExportTarget,

    /// The folder to write into: new, empty, or holding an earlier export to the same target
    /// (which is replaced).
    #[arg(value_name = "DIR")]
    pub dir: PathBuf,

    /// Export the index as it is, without first bringing it up to date with the corpus.
    #[arg(long)]
    pub no_update: bool,
}

/// Targets of `export`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ExportTarget {
    /// OpenSearch or Elasticsearch: an index mapping and bulk NDJSON files.
    #[value(name = "opensearch")]
    OpenSearch,
    /// Quickwit: an index config and NDJSON documents.
    Quickwit,
    /// JSON Lines: one passage a line.
    Jsonl,
}

/// Orders of search hits and `--kwic` lines.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum SearchSort {
    /// Best first.
    Relevance,
    /// By article date, newest first, undated last; then path.
    Date,
    /// By path and line: corpus order.
    Path,
    /// With --kwic: by the words just left of the match, nearest first (a concordance's left
    /// sort).
    Left,
    /// With --kwic: by the match and the words right of it.
    Right,
}

/// How to group hits.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Grouping {
    /// One entry per article.
    Article,
}

// `newsgrep terms` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = TERMS_EXAMPLES)]
pub struct TermsArgs {
    /// List indexed words starting with this (surface words, case- and accent-folded).
    #[arg(default_value = "")]
    pub prefix: String,

    /// Show at most N words, most frequent first.
    #[arg(short = 'm', long, default_value_t = 50, value_name = "N")]
    pub limit: usize,

    /// Output format.
    #[arg(long, default_value = "text",
          value_parser = formats(&[("text", "Words and counts"), ("json", "One JSON object per word, one a line"), ("csv", "Comma-separated word and passage count rows")]))]
    pub format: OutputFormat,

    /// Accepted for grep habits and ignored: every hit is cited as path:line already.
    #[arg(short = 'n', long)]
    pub line_number: bool,
}

// `newsgrep stats` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = STATS_EXAMPLES)]
pub struct StatsArgs {
    /// Top terms to list.
    #[arg(short = 'm', long, default_value_t = 20, value_name = "N")]
    pub top: usize,

    /// Output format.
    #[arg(long, default_value = "text",
          value_parser = formats(&[("text", "Figures for reading"), ("json", "One JSON object")]))]
    pub format: OutputFormat,
}

/// Passages `search` shows when `--limit` is not given.
pub const DEFAULT_LIMIT: usize = 10;

impl SearchArgs {
    /// The query as one string.
    pub fn query_text(&self) -> String {
        self.query.join(" ")
    }

    /// The passages to show: `--limit`, or [`DEFAULT_LIMIT`].
    pub fn limit(&self) -> usize {
        self.limit.unwrap_or(DEFAULT_LIMIT)
    }
}

// `newsgrep clean` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = CLEAN_EXAMPLES)]
pub struct CleanArgs {
    /// Article files (.txt, .text, .md as text; .html, .htm as HTML; .gz of them), collections
    /// (.warc, .jsonl, .ndjson, .json, .csv, gzipped or not: every record), or one record of a
    /// collection as hits cite it (crawl.warc#3).
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Output format: the cleaned text, one JSON object per file, or a JSON array of them.
    #[arg(long, value_enum, default_value_t = CleanFormat::Text)]
    pub format: CleanFormat,
}

// `newsgrep quote` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = QUOTE_EXAMPLES)]
pub struct QuoteArgs {
    /// The quote, as it circulates ("..." or "…" where words were left out). Read from --file or
    /// stdin when not given.
    #[arg(value_name = "TEXT")]
    pub text: Option<String>,

    /// Read the quote from FILE.
    #[arg(long, value_name = "FILE", conflicts_with = "text")]
    pub file: Option<PathBuf>,

    /// Show at most N sources.
    #[arg(short = 'm', long, default_value_t = 5, value_name = "N")]
    pub limit: usize,

    /// Share of the quote's words (0 to 1) a passage must hold, in order, to count as a source.
    #[arg(long, default_value_t = 0.6, value_name = "X")]
    pub min_coverage: f32,

    /// Order of the sources: best match first, or earliest article first.
    #[arg(long, value_enum, default_value_t = QuoteSort::Score)]
    pub sort: QuoteSort,

    /// Output format.
    #[arg(long, default_value = "text",
          value_parser = formats(&[("text", "Sources for reading, differences marked"), ("json", "One JSON object: quote, sources"), ("jsonl", "One JSON object per source")]))]
    pub format: OutputFormat,

    /// Search the index as it is, without first bringing it up to date with the corpus.
    #[arg(long)]
    pub no_update: bool,

    /// Accepted for grep habits and ignored: every hit is cited as path:line already.
    #[arg(short = 'n', long)]
    pub line_number: bool,
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
    /// For reading: hits with their matches highlighted, or a table (counts, compare).
    Text,
    /// One JSON object: the query and its hits, counts or rows.
    Json,
    /// One JSON object per hit or row, one per line.
    Jsonl,
    /// Comma-separated values with a header row, one row per hit or row.
    Csv,
}

/// Output formats of `clean`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum CleanFormat {
    /// Title, source, date and body of each article.
    Text,
    /// One JSON object per file: path, title, source, date, url, lang, body, removed.
    Jsonl,
    /// One JSON array of the same objects.
    Json,
}

/// When to color.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    /// On a terminal, unless NO_COLOR is set; also when piped if CLICOLOR_FORCE is set.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

// `newsgrep compare` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = COMPARE_EXAMPLES)]
pub struct CompareArgs {
    /// The queries, each one argument (quote it); each column is named by its query.
    #[arg(value_name = "QUERY", required_unless_present = "queries")]
    pub query: Vec<String>,

    /// Read named queries from FILE, one `NAME<TAB>QUERY` a line (# starts a comment); they
    /// come after the QUERY arguments.
    #[arg(long, value_name = "FILE")]
    pub queries: Option<PathBuf>,

    /// What a row is: a day, ISO week, month, year or source.
    #[arg(long, value_enum, default_value_t = By::Month, value_name = "PERIOD")]
    pub by: By,

    // How queries match, what they are answered from, and the output format.
    #[command(flatten)]
    pub matching: MatchArgs,
}

// The flags `search` and `compare` share: the output format, the index as it is, and how
// words match (not a doc comment: clap would take it for the commands' description).
#[derive(Debug, Args)]
pub struct MatchArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = OutputFormat::Text)]
    pub format: OutputFormat,

    #[command(flatten)]
    pub answer: AnswerArgs,

    /// Count each story once: copies of one article (syndicated, re-sent; see `newsgrep dups`)
    /// give one hit, "and N copies", and count as one article with --count, --by and compare.
    #[arg(long)]
    pub dedup: bool,
}

// How a query is answered, for every command that runs one over the index: whether the index
// is brought up to date first, and how words match. (Not a doc comment: clap would show it as
// the help of every command that flattens this.)
#[derive(Debug, Args)]
pub struct AnswerArgs {
    /// Answer from the index as it is, without first bringing it up to date with the corpus.
    #[arg(long)]
    pub no_update: bool,

    /// Match surface words only: no stemming (`algorithm` does not find "algorithms").
    #[arg(long)]
    pub exact: bool,

    /// Match accents as written (`Huawei` does not find "Huáwei"); by default they are folded.
    /// Applies to words, phrases and NEAR in the passage text.
    #[arg(long)]
    pub accents: bool,
}

/// What the rows of `--count --by` and `compare` are.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum By {
    /// A calendar day, `1987-03-05`.
    Day,
    /// An ISO 8601 week, `1987-W10` (Monday to Sunday; early January may be last year's).
    Week,
    /// A month, `1987-03`.
    Month,
    /// A year, `1987`.
    Year,
    /// The article's source.
    Source,
}

// `newsgrep completions` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum, value_name = "SHELL")]
    pub shell: clap_complete::Shell,
}

// `newsgrep man` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
pub struct ManArgs {}

// `newsgrep serve` (not a doc comment: see `Command`).
#[derive(Debug, Args)]
#[command(after_long_help = SERVE_EXAMPLES)]
pub struct ServeArgs {
    /// The address to listen on; anything but loopback makes every indexed article readable
    /// from other machines, and is said with a warning.
    #[arg(long, default_value = "127.0.0.1", value_name = "ADDR")]
    pub bind: std::net::IpAddr,

    /// The port to listen on; 0 picks a free one (the URL printed on stderr names it).
    #[arg(long, default_value_t = 8080, value_name = "N")]
    pub port: u16,

    /// Seconds between full checks of the corpus for changes, beside the watcher that hears
    /// of them as they happen: the fallback for changes a watcher misses (network file
    /// systems); 0: none.
    #[arg(long, default_value_t = 60, value_name = "SECS")]
    pub refresh: u64,

    /// Do not watch the corpus for changes: only the --refresh checks see them (with
    /// --refresh 0 too, the page shows the index as it was at the start).
    #[arg(long)]
    pub no_watch: bool,
}

/// The `--format` values a command other than `search` takes, each with what it prints there
/// (`search`'s descriptions would be wrong for it); `jsonl` stays accepted as `json`.
fn formats(
    values: &[(&'static str, &'static str)],
) -> impl clap::builder::TypedValueParser<Value = OutputFormat> {
    use clap::builder::{PossibleValue, PossibleValuesParser, TypedValueParser};
    let listed = values.iter().any(|(name, _)| *name == "jsonl");
    let values = values.iter().map(move |(name, help)| {
        let value = PossibleValue::new(*name).help(*help);
        if *name == "json" && !listed {
            value.alias("jsonl")
        } else {
            value
        }
    });
    PossibleValuesParser::new(values).try_map(|name| OutputFormat::from_str(&name, false))
}

/// The examples ending `newsgrep index --help`.
const INDEX_EXAMPLES: &str = "\
Examples:
  newsgrep index                      bring the index up to date with its corpus
  newsgrep index ~/news --rebuild     index ~/news from scratch
  newsgrep --index /data/idx index corpus/2024";

/// The examples ending `newsgrep search --help`.
const SEARCH_EXAMPLES: &str = "\
Examples:
  newsgrep search tiktok \"data security\"              both, best passages first
  newsgrep search 'title:tiktok date:2023' --all      every passage, in corpus order
  newsgrep search 'NEAR(data algorithm, 5)' -C 1      with a passage of context each side
  newsgrep search algorithm --kwic --sort left        a concordance
  newsgrep search 'wechat' --sort date --limit 20     the 20 newest mentions, newest first
  newsgrep search '\"data localization\"' -c            counts per article
  newsgrep search 'wechat OR douyin' --format jsonl | jq .path";

/// The examples ending `newsgrep clean --help`.
const CLEAN_EXAMPLES: &str = "\
Examples:
  newsgrep clean corpus/000_d21ad95ebcaac17e.txt      the text that is indexed, and what was cut
  newsgrep clean page.html --format jsonl | jq .removed";

/// The examples ending `newsgrep quote --help`.
const QUOTE_EXAMPLES: &str = "\
Examples:
  newsgrep quote 'data security and algorithmic transparency'
  newsgrep quote --file quote.txt --sort date         earliest source first
  pbpaste | newsgrep quote --format json";

/// The examples ending `newsgrep stats --help`.
const STATS_EXAMPLES: &str = "\
Examples:
  newsgrep stats                      the corpus in figures, 20 top words
  newsgrep stats -m 50 --format json";

/// The examples ending `newsgrep terms --help`.
const TERMS_EXAMPLES: &str = "\
Examples:
  newsgrep terms algo                 words starting with algo, with passage counts
  newsgrep terms -m 200 --format csv  the 200 most frequent words";

/// The examples ending `newsgrep serve --help`.
const SERVE_EXAMPLES: &str = "\
Examples:
  newsgrep serve                      then open the printed http://127.0.0.1:8080/
  newsgrep serve --port 0             any free port
  curl 'http://127.0.0.1:8080/api/search?q=oil+prices'";

/// The examples ending `newsgrep compare --help`.
const COMPARE_EXAMPLES: &str = "\
Examples:
  newsgrep compare coffee cocoa --by month      two columns, a row per month
  newsgrep compare --queries set.tsv --by source --format csv
  newsgrep compare coffee --by week --dedup     each story once";

/// The examples ending `newsgrep collocates --help`.
const COLLOCATES_EXAMPLES: &str = "\
Examples:
  newsgrep collocates coffee                      the 20 strongest, stems counted together
  newsgrep collocates coffee --no-stopwords -m 50 --window 3
  newsgrep collocates '\"export quotas\"' --by-surface --format csv";

/// The examples ending `newsgrep dups --help`.
const DUPS_EXAMPLES: &str = "\
Examples:
  newsgrep dups                       stories in two copies or more, largest first
  newsgrep dups --min-size 5 --format json
  newsgrep search coffee --dedup      one hit per story, \"and N copies\"";

/// The examples ending `newsgrep export --help`.
const EXPORT_EXAMPLES: &str = "\
Examples:
  newsgrep export --to jsonl out/
  newsgrep export --to opensearch os/  (then load os/ as docs/scale.md says)";

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[test]
    fn each_command_help_starts_with_the_summary_the_command_list_shows() {
        let listed: Vec<(String, String)> = Cli::command()
            .get_subcommands()
            .map(|c| {
                (
                    c.get_name().to_string(),
                    c.get_about().expect("a summary").to_string(),
                )
            })
            .collect();
        assert_eq!(listed.len(), 13);
        for (name, summary) in listed {
            let help = Cli::command()
                .try_get_matches_from(["newsgrep", name.as_str(), "--help"])
                .expect_err("--help ends the parse")
                .to_string();
            assert!(help.starts_with(&summary), "{name}: {help}");
            // Only search prints hits: another command's formats say what it prints.
            if name != "search" {
                let long = Cli::command()
                    .try_get_matches_from(["newsgrep", name.as_str(), "--help"])
                    .expect_err("--help ends the parse")
                    .to_string();
                assert!(!long.contains("Ranked hits"), "{name}: {long}");
                assert!(!long.contains("search only"), "{name}: {long}");
            }
        }
    }
}
