//! The commands, each turning parsed arguments into output and an [`Outcome`]. Results go to
//! stdout through [`crate::print`]; what newsgrep did (indexing, updates, skips) goes to stderr.

use crate::cli::{
    AnswerArgs, CleanArgs, CleanFormat, Cli, ColorChoice, Command, ExportArgs, ExportTarget,
    IndexArgs, OutputFormat, QuoteArgs, QuoteSort, SearchArgs, SearchSort, StatsArgs, TermsArgs,
};

use crate::hit::{self, sort_hits, Order, SearchResult};
use crate::index::{self, AnswerError, Handle};
use crate::print::hits::{HitPrinter, Marks};
use crate::print::printer::Printer;
use crate::search::{self, Limit};
use crate::trace::{self, SortBy, TraceOptions};
use crate::views::tally::Occurrences;
use crate::{clean, export, ingest, print, query, quote, stats, views};
use anyhow::{bail, Context, Result};
use std::io::{IsTerminal, Write};
use std::path::Path;

/// How a command ended, for the exit code.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Something matched or was done (exit 0).
    Found,
    /// Nothing matched (exit 1).
    NothingFound,
}

/// Runs the command `cli` asks for.
pub fn run(cli: &Cli) -> Result<Outcome> {
    ingest::collection::set_command_line_fields(cli.field.clone()).map_err(anyhow::Error::msg)?;
    match &cli.command {
        Command::Clean(args) => run_clean(cli, args),
        Command::Index(args) => run_index(cli, args),
        Command::Search(args) => run_search(cli, args),
        Command::Stats(args) => run_stats(cli, args),
        Command::Terms(args) => run_terms(cli, args),
        Command::Quote(args) => run_quote(cli, args),
        Command::Export(args) => run_export(cli, args),
        Command::Compare(args) => run_compare(cli, args),
        Command::Collocates(args) => run_collocates(cli, args),
        Command::Dups(args) => run_dups(cli, args),
        Command::Completions(args) => run_completions(args),
        Command::Man(_) => run_man(),
        Command::Serve(args) => run_serve(cli, args),
    }
}

/// `serve`: brings the index up to date (or builds it on first use) as a search does, then
/// serves it until stopped; the server keeps it fresh from then on (see `serve::current`).
fn run_serve(cli: &Cli, args: &crate::cli::ServeArgs) -> Result<Outcome> {
    let index = handle(cli)?;
    index.fresh(false, &|_| Ok(()))?;
    crate::serve::run(
        index,
        crate::serve::Options {
            bind: args.bind,
            port: args.port,
            refresh: std::time::Duration::from_secs(args.refresh),
            watch: !args.no_watch,
        },
    )?;
    Ok(Outcome::Found)
}

/// Prints the completion script for a shell, from the same clap definitions as the parser.
fn run_completions(args: &crate::cli::CompletionsArgs) -> Result<Outcome> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    let mut out = std::io::stdout().lock();
    clap_complete::generate(args.shell, &mut command, "newsgrep", &mut out);
    out.flush()?;
    Ok(Outcome::Found)
}

/// Prints the man page in roff, from the same clap definitions as the parser: one page, each
/// command a section with its own synopsis and options (there are no `newsgrep-search(1)` pages).
fn run_man() -> Result<Outcome> {
    use clap::CommandFactory;
    let mut command = Cli::command();
    command.build();
    let mut page = Vec::new();
    let man = clap_mangen::Man::new(command.clone());
    man.render_title(&mut page)?;
    man.render_name_section(&mut page)?;
    man.render_synopsis_section(&mut page)?;
    man.render_description_section(&mut page)?;
    man.render_options_section(&mut page)?;
    for sub in command.get_subcommands().filter(|s| s.get_name() != "help") {
        let mut section = Vec::new();
        let man = clap_mangen::Man::new(sub.clone());
        man.render_synopsis_section(&mut section)?;
        man.render_description_section(&mut section)?;
        man.render_options_section(&mut section)?;
        // The command's own sections become subsections of its section.
        let section = String::from_utf8_lossy(&section).replace("\n.SH ", "\n.SS ");
        let section = section
            .strip_prefix(".SH ")
            .map_or(section.clone(), |rest| format!(".SS {rest}"));
        writeln!(page, ".SH \"NEWSGREP {}\"", sub.get_name().to_uppercase())?;
        page.extend_from_slice(section.as_bytes());
        if let Some(examples) = sub.get_after_long_help() {
            // Verbatim (`.nf`), one example a line; a backslash and a hyphen need escaping.
            writeln!(page, ".SS EXAMPLES\n.nf")?;
            for line in examples.to_string().lines().skip(1) {
                writeln!(page, "{}", line.replace('\\', "\\e").replace('-', "\\-"))?;
            }
            writeln!(page, ".fi")?;
        }
    }
    man.render_version_section(&mut page)?;
    let mut out = std::io::stdout().lock();
    out.write_all(&page)?;
    out.flush()?;
    Ok(Outcome::Found)
}

fn run_index(cli: &Cli, args: &IndexArgs) -> Result<Outcome> {
    let index = handle(cli)?;
    let (roots, follow) = index.roots_for(&args.paths, args.follow)?;
    let report = index.update(&roots, follow, args.rebuild, index::Scope::Corpus)?;
    let verb = if report.rebuilt { "built" } else { "updated" };
    eprintln!(
        "newsgrep: index {verb} in {}{}: {}",
        cli.index.display(),
        report.rebuilt_because(),
        report.summary()
    );
    Ok(Outcome::Found)
}

/// The index `cli` names, reporting on this terminal.
fn handle(cli: &Cli) -> Result<Handle<'static>> {
    Handle::new(&cli.index, &print::progress::TERMINAL)
}

fn marks(choice: ColorChoice) -> Marks {
    let color = match choice {
        ColorChoice::Always => true,
        ColorChoice::Never => false,
        // anstream reads the conventions: NO_COLOR, CLICOLOR, CLICOLOR_FORCE, TERM, a terminal.
        ColorChoice::Auto => {
            anstream::AutoStream::choice(&std::io::stdout()) != anstream::ColorChoice::Never
        }
    };
    if color {
        Marks::Color
    } else {
        Marks::Plain
    }
}

fn run_search(cli: &Cli, args: &SearchArgs) -> Result<Outcome> {
    refuse_old_limit(args.line_number, &args.query)?;
    // A bad query is reported before any indexing work.
    let text = args.query_text();
    let parsed = query::parse(&text)?;
    let order = hit_order(args)?;
    // Sorted by date or path, the first N of every match are shown, not the best N re-sorted.
    let every = args.all
        || args.count
        || args.kwic
        || args.group.is_some()
        || args.files_with_matches
        || matches!(order, Some(Order::Date | Order::Path));
    let options = search::Options {
        limit: if every {
            Limit::All
        } else {
            Limit::Top(args.limit())
        },
        exact: args.matching.answer.exact,
        accents: args.matching.answer.accents,
        context: args.context,
    };
    if let (true, Some(by)) = (args.count, args.by) {
        return run_count_by(cli, args, by, &text, &parsed, options);
    }
    if args.count && !args.files_with_matches {
        return run_count(cli, args, &text, &parsed, options);
    }
    if let Some(printer) = streaming_printer(args, marks_of(cli)) {
        return run_search_streamed(cli, args, &parsed, options, printer);
    }
    let mut result = handle(cli)?
        .fresh(args.matching.answer.no_update, &|index| {
            answer_search(
                index,
                &text,
                &parsed,
                options,
                args.matching.dedup,
                !args.count,
            )
        })
        .map_err(AnswerError::into_anyhow)?;
    match order {
        Some(order) => sort_hits(&mut result.hits, order),
        // Grouping ranks articles by their best passage: hits come back in score order.
        None if args.group.is_some() && !args.all => sort_hits(&mut result.hits, Order::Relevance),
        None => {}
    }
    if order.is_some() && !args.all && !args.kwic && args.group.is_none() {
        result.hits.truncate(args.limit());
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let printer = printer(args.matching.format, marks_of(cli));
    if args.files_with_matches {
        let paths = hit::paths(&result.hits);
        printer.files(&mut out, &text, &paths)?;
        out.flush()?;
        return Ok(if paths.is_empty() {
            Outcome::NothingFound
        } else {
            Outcome::Found
        });
    }
    if args.kwic {
        let mut lines = print::kwic::occurrences(&result.hits, args.width, args.sort);
        if let Some(limit) = args.limit {
            lines.truncate(limit);
        }
        printer.kwic(&mut out, &lines, args.width)?;
    } else if args.group.is_some() {
        let mut groups = hit::group_by_article(std::mem::take(&mut result.hits), args.per_article);
        if !args.all {
            groups.truncate(args.limit());
        }
        printer.groups(&mut out, &result.query, result.total, groups)?;
    } else {
        printer.hits(&mut out, &result)?;
    }
    out.flush()?;
    if args.matching.format == OutputFormat::Text && !args.count && !args.kwic {
        let shown = result.hits.len();
        let noun = passages(result.total);
        if args.matching.dedup {
            let stories = if shown == 1 { "story" } else { "stories" };
            eprintln!(
                "{shown} {stories} shown, each once ({} matching {noun})",
                result.total
            );
        } else if shown < result.total && args.group.is_none() {
            eprintln!(
                "{shown} of {} matching {noun} shown (--all for every one)",
                result.total
            );
        } else {
            eprintln!("{} matching {noun}", result.total);
        }
    }
    Ok(if result.total > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Runs the search; with `dedup` and `one_per_story`, reads the stories and keeps one
/// hit per story, searching deeper for a ranked list until it has as many stories as asked
/// for or every match.
fn answer_search(
    index: &crate::index::NewsIndex,
    text: &str,
    parsed: &query::Query,
    options: search::Options,
    dedup: bool,
    one_per_story: bool,
) -> Result<SearchResult> {
    if !(dedup && one_per_story) {
        return search::search(index, text, parsed, options);
    }
    let stories = views::copies::Stories::read(index)?;
    let mut fetch = options.limit;
    loop {
        let mut result = search::search(
            index,
            text,
            parsed,
            search::Options {
                limit: fetch,
                ..options
            },
        )?;
        let fetched = result.hits.len();
        result.hits = stories.one_hit_per_story(std::mem::take(&mut result.hits));
        match (options.limit, fetch) {
            (Limit::Top(n), Limit::Top(m)) if result.hits.len() < n && fetched < result.total => {
                fetch = Limit::Top(m.saturating_mul(4).max(16));
            }
            (Limit::Top(n), _) => {
                result.hits.truncate(n);
                return Ok(result);
            }
            (Limit::All, _) => return Ok(result),
        }
    }
}

/// The order `--sort` asks of ranked hits; `None` for the default (best first, or corpus
/// order with `--all`) and for the orders of `--kwic` lines only.
fn hit_order(args: &SearchArgs) -> Result<Option<Order>> {
    Ok(match args.sort {
        None => None,
        Some(SearchSort::Relevance) => Some(Order::Relevance),
        Some(SearchSort::Date) => Some(Order::Date),
        Some(SearchSort::Path) => Some(Order::Path),
        Some(SearchSort::Left | SearchSort::Right) if args.kwic => None,
        Some(SearchSort::Left | SearchSort::Right) => {
            bail!("--sort left and right order --kwic lines; hits sort by relevance, date or path")
        }
    })
}

/// "passage" or "passages", as `n` asks.
fn passages(n: usize) -> &'static str {
    if n == 1 {
        "passage"
    } else {
        "passages"
    }
}

/// The printer `search` streams its hits through: with `--all` and no view that needs every
/// hit first (counts, KWIC, groups, a JSON document with its total in front, an order other
/// than the corpus's).
fn streaming_printer(args: &SearchArgs, marks: Marks) -> Option<Box<dyn HitPrinter>> {
    // -l and --dedup need every hit first (each path once, each story once), and so does an
    // order other than the corpus's.
    let sorted = matches!(args.sort, Some(SearchSort::Relevance | SearchSort::Date));
    if !args.all
        || args.count
        || args.kwic
        || args.group.is_some()
        || args.files_with_matches
        || args.matching.dedup
        || sorted
    {
        return None;
    }
    printer(args.matching.format, marks).streaming()
}

/// `search --all`: every hit in corpus order, each chunk printed as soon as it is read, so
/// that `| head` and a closed pipe stop the work at once. Output and exit code are those of
/// the same search answered whole.
fn run_search_streamed(
    cli: &Cli,
    args: &SearchArgs,
    parsed: &query::Query,
    options: search::Options,
    mut printer: Box<dyn HitPrinter>,
) -> Result<Outcome> {
    let index = handle(cli)?;
    let stream = index
        .fresh(args.matching.answer.no_update, &|index| {
            search::stream(index, parsed, options)
        })
        .map_err(AnswerError::into_anyhow)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer.start(&mut out)?;
    let total = stream
        .for_each_hit(&mut |hits| {
            for hit in hits {
                printer.hit(&mut out, hit)?;
            }
            out.flush()?;
            Ok(())
        })
        .map_err(|e| index.explain(e).into_anyhow())?;
    out.flush()?;
    if args.matching.format == OutputFormat::Text {
        eprintln!("{total} matching {}", passages(total));
    }
    Ok(if total > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// The printer of `format`, matches marked with `marks` in text: the one place a command's
/// output format is chosen.
fn printer(format: OutputFormat, marks: Marks) -> Box<dyn Printer> {
    match format {
        OutputFormat::Text => Box::new(print::printer::Text { marks }),
        OutputFormat::Json => Box::new(print::printer::Json),
        OutputFormat::Jsonl => Box::new(print::printer::JsonLines),
        OutputFormat::Csv => Box::new(print::printer::Csv),
    }
}

fn run_stats(cli: &Cli, args: &StatsArgs) -> Result<Outcome> {
    let stats = handle(cli)?
        .fresh(false, &|index| stats::stats(index, args.top))
        .map_err(AnswerError::into_anyhow)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer(args.format, marks_of(cli)).stats(&mut out, &stats)?;
    out.flush()?;
    Ok(Outcome::Found)
}

fn run_terms(cli: &Cli, args: &TermsArgs) -> Result<Outcome> {
    refuse_old_limit(args.line_number, std::slice::from_ref(&args.prefix))?;
    let list = handle(cli)?
        .fresh(false, &|index| {
            stats::terms(index, &args.prefix, args.limit)
        })
        .map_err(AnswerError::into_anyhow)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer(args.format, marks_of(cli)).terms(&mut out, &list)?;
    out.flush()?;
    Ok(if list.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// Bytes of a quote read from a file or stdin; the rest is ignored (the aligner keeps only
/// [`quote::MAX_QUOTE_WORDS`] words anyway).
const MAX_QUOTE_BYTES: u64 = 1 << 20;

fn read_quote(args: &QuoteArgs) -> Result<String> {
    use std::io::Read;
    if let Some(text) = &args.text {
        return Ok(text.clone());
    }
    let mut bytes = Vec::new();
    match &args.file {
        Some(path) => {
            std::fs::File::open(path)
                .and_then(|f| f.take(MAX_QUOTE_BYTES).read_to_end(&mut bytes))
                .with_context(|| format!("reading {}", path.display()))?;
        }
        None => {
            let stdin = std::io::stdin();
            if stdin.is_terminal() {
                anyhow::bail!("give the quote as TEXT, with --file FILE, or on stdin");
            }
            stdin
                .lock()
                .take(MAX_QUOTE_BYTES)
                .read_to_end(&mut bytes)
                .context("reading the quote from stdin")?;
        }
    }
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn run_quote(cli: &Cli, args: &QuoteArgs) -> Result<Outcome> {
    if !(0.0..=1.0).contains(&args.min_coverage) {
        anyhow::bail!(
            "--min-coverage must be between 0 and 1, not {}",
            args.min_coverage
        );
    }
    let text = read_quote(args)?;
    let quote = quote::Quote::new(&text);
    if quote.is_empty() {
        anyhow::bail!("the quote has no words");
    }
    if quote.truncated() {
        eprintln!(
            "newsgrep: the quote is long; tracing its first {} words",
            quote::MAX_QUOTE_WORDS
        );
    }
    let options = TraceOptions {
        limit: args.limit,
        min_coverage: args.min_coverage,
        sort: match args.sort {
            QuoteSort::Score => SortBy::Score,
            QuoteSort::Date => SortBy::Date,
        },
    };
    let result = handle(cli)?
        .fresh(args.no_update, &|index| {
            trace::trace(index, &quote, options)
        })
        .map_err(AnswerError::into_anyhow)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer(args.format, marks_of(cli)).quote(&mut out, &result)?;
    out.flush()?;
    if args.format == OutputFormat::Text {
        let shown = result.hits.len();
        match result.total {
            0 => eprintln!(
                "no source found (none covers {:.0}% of the quote; see --min-coverage)",
                args.min_coverage * 100.0
            ),
            1 => eprintln!("1 source found"),
            n if shown < n => eprintln!("{shown} of {n} sources shown (--limit for more)"),
            n => eprintln!("{n} sources found"),
        }
    }
    Ok(if result.total > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Brings the index up to date as a search does (unless `--no-update`), then writes every
/// passage of its last commit into the export folder.
fn run_export(cli: &Cli, args: &ExportArgs) -> Result<Outcome> {
    let target = match args.to {
        ExportTarget::OpenSearch => export::Target::OpenSearch,
        ExportTarget::Quickwit => export::Target::Quickwit,
        ExportTarget::Jsonl => export::Target::Jsonl,
    };
    // Both folders are made absolute before the command moves into the index's project
    // folder, and a folder that cannot take the export is refused before any indexing.
    let out = std::path::absolute(&args.dir)
        .with_context(|| format!("finding {}", args.dir.display()))?;
    let index = handle(cli)?;
    let dir = index.dir();
    // The index folder is newsgrep's own: a rebuild replaces what is in it.
    if out.starts_with(dir) {
        bail!(
            "{} is inside the index folder {}; export into a folder of its own",
            args.dir.display(),
            cli.index.display()
        );
    }
    export::check_destination(&out, target)?;
    index
        .fresh(args.no_update, &|_| Ok(()))
        .map_err(AnswerError::into_anyhow)?;
    let options = export::Options {
        target,
        part_bytes: export::PART_BYTES,
    };
    let summary = index
        .last_commit(&|index| export::export(index, &out, options))
        .map_err(AnswerError::into_anyhow)?;
    eprintln!(
        "newsgrep: exported {} passages for {} into {} ({} files)",
        summary.passages,
        target.name(),
        args.dir.display(),
        summary.files.len()
    );
    Ok(if summary.passages > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Cleans each file as the indexer does, with the lines its site repeats counted over the
/// article files of its folder (the site, as the index counts it), and a collection's records
/// read with the field names the index read them with.
fn run_clean(cli: &Cli, args: &CleanArgs) -> Result<Outcome> {
    if cli.field.is_empty() {
        keep_indexed_fields(&cli.index);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let sites = index::site_lines(&ingest::site_files(&args.files));
    let mut printer = print::article::Articles::new(match args.format {
        CleanFormat::Text => print::article::Form::Text,
        CleanFormat::Jsonl => print::article::Form::JsonLines,
        CleanFormat::Json => print::article::Form::Json,
    });
    let (mut cleaned, mut failed) = (0, 0);
    for path in &args.files {
        // A collection, or one record of it (`news.jsonl#3`): its records cleaned as indexed.
        let key = ingest::path_key(path);
        let (file_key, record) = ingest::collection::split_key(&key);
        if let Some(kind) = ingest::collection::kind_of(Path::new(file_key)) {
            match clean_records((&mut out, &mut printer), file_key, kind, record) {
                Ok(n) => cleaned += n,
                Err(e) => {
                    eprintln!(
                        "newsgrep: skipped {}",
                        print::terminal_line(&format!("{key}: {e}"))
                    );
                    failed += 1;
                }
            }
            continue;
        }
        let format = ingest::format_of(path).unwrap_or(clean::Format::Text);
        let file = ingest::SourceFile {
            path: path.clone(),
            format,
            size: 0,
            mtime_ns: 0,
        };
        let content = match ingest::check_regular(path).and_then(|()| ingest::read(&file)) {
            Ok(c) => c,
            Err(e) => {
                let skip = ingest::Skip {
                    path: path.clone(),
                    reason: e.to_string(),
                };
                eprintln!(
                    "newsgrep: skipped {}",
                    print::terminal_line(&skip.to_string())
                );
                failed += 1;
                continue;
            }
        };
        let article = clean::clean_with(&content, format, sites.get(&ingest::site_of(path)));
        let key = ingest::path_key(path);
        printer.article(&mut out, &key, &article)?;
        cleaned += 1;
    }
    printer.finish(&mut out)?;
    out.flush()?;
    // A file that could not be read is an error (exit 2), as in grep, once the others are out.
    if failed > 0 {
        bail!("{failed} of {} files could not be read", args.files.len());
    }
    Ok(if cleaned > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Reads a collection's records with the `--field` mappings the index at `dir` was last
/// updated with, as a search there would: `newsgrep index --field text=story_body` and then
/// `newsgrep clean news.jsonl#3` show the record as it was indexed. Without an index (or with
/// one that cannot be opened) `clean` goes on with the common names and `newsgrep.toml`.
fn keep_indexed_fields(dir: &Path) {
    let Ok(Some(index)) = index::NewsIndex::open(dir) else {
        return;
    };
    if let Ok(manifest) = index.manifest() {
        ingest::collection::keep_command_line_fields(manifest.fields.clone());
    }
}

/// Cleans the records of the collection `path` (only record `only` when given) and prints
/// each under its key `path#N`; bad records are said on stderr. Returns how many were printed.
fn clean_records(
    (out, printer): (&mut dyn Write, &mut print::article::Articles),
    path: &str,
    kind: ingest::collection::Kind,
    only: Option<u64>,
) -> Result<usize> {
    let file = Path::new(path);
    ingest::check_regular(file)?;
    let read = ingest::collection::read(file, kind, Default::default(), 0)?;
    if only.is_some_and(|n| n == 0 || n > read.last) {
        bail!(
            "no record {} (the file holds {})",
            only.unwrap_or(0),
            read.last
        );
    }
    let mut printed = 0;
    for record in read.records {
        let number = match &record {
            Ok(r) => r.number,
            Err(e) => e.number,
        };
        if only.is_some_and(|n| n != number) {
            continue;
        }
        let key = ingest::collection::record_key(path, number);
        match record {
            Ok(record) => {
                let article = clean::clean_record(&record);
                printer.article(out, &key, &article)?;
                printed += 1;
            }
            Err(e) => eprintln!(
                "newsgrep: skipped {}",
                print::terminal_line(&format!("{key}: {}", e.reason))
            ),
        }
    }
    if printed == 0 {
        match only {
            Some(n) => bail!("record {n} is not an article (a request, metadata or bad record)"),
            None => bail!("no article among its records"),
        }
    }
    Ok(printed)
}

/// `search --count`: the query's matching passages and occurrences per article, counted from
/// the index (see `views::tally`), not from every hit read and highlighted.
fn run_count(
    cli: &Cli,
    args: &SearchArgs,
    text: &str,
    parsed: &query::Query,
    options: search::Options,
) -> Result<Outcome> {
    let counted = handle(cli)?
        .fresh(args.matching.answer.no_update, &|index| {
            Counted::read(index, text, parsed, options, args.matching.dedup)
        })
        .map_err(AnswerError::into_anyhow)?;
    let counts = match &counted.stories {
        Some(stories) => stories.count_once(counted.tally.articles),
        None => counted.tally.articles,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer(args.matching.format, marks_of(cli)).count(&mut out, text, &counts)?;
    out.flush()?;
    Ok(if counted.tally.passages > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// A query's matches per article, and the index's stories when they are counted once.
struct Counted {
    tally: views::tally::Tally,
    stories: Option<views::copies::Stories>,
}

impl Counted {
    /// Tallies `parsed` in `index`, with the stories to count each once when `dedup` asks.
    fn read(
        index: &index::NewsIndex,
        text: &str,
        parsed: &query::Query,
        options: search::Options,
        dedup: bool,
    ) -> Result<Counted> {
        let tally = views::tally::tally(index, text, parsed, options, Occurrences::Counted)?;
        let stories = dedup
            .then(|| views::copies::Stories::read(index))
            .transpose()?;
        Ok(Counted { tally, stories })
    }
}

impl crate::freshness::Cites for Counted {
    fn cited(&self) -> Vec<&str> {
        self.tally.cited()
    }
}

/// `search --count --by`: the query's matching articles per period or source, beside all the
/// articles of each, read in one answer from the same index.
fn run_count_by(
    cli: &Cli,
    args: &SearchArgs,
    by: crate::cli::By,
    text: &str,
    parsed: &query::Query,
    options: search::Options,
) -> Result<Outcome> {
    let counts = handle(cli)?
        .fresh(args.matching.answer.no_update, &|index| {
            let Counted { tally, stories } =
                Counted::read(index, text, parsed, options, args.matching.dedup)?;
            views::count_by(index, text, by, &tally.articles, stories.as_ref())
        })
        .map_err(AnswerError::into_anyhow)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer(args.matching.format, marks_of(cli)).periods(&mut out, &counts)?;
    out.flush()?;
    Ok(if counts.total > 0 {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// `compare`: each query's matching articles per period or source, side by side.
fn run_compare(cli: &Cli, args: &crate::cli::CompareArgs) -> Result<Outcome> {
    let mut queries = Vec::new();
    for q in &args.query {
        views::compare::push_named(&mut queries, q, q)?;
    }
    if let Some(file) = &args.queries {
        let set =
            std::fs::read_to_string(file).with_context(|| format!("reading {}", file.display()))?;
        let set = views::compare::parse_query_set(&set)
            .with_context(|| format!("reading {}", file.display()))?;
        for q in set {
            views::compare::push_named(&mut queries, &q.name, &q.query)?;
        }
    }
    if queries.is_empty() {
        bail!("no query to compare");
    }
    // Bad queries are reported before any indexing work.
    let parsed = queries
        .iter()
        .map(|q| query::parse(&q.query).with_context(|| format!("query {:?}", q.name)))
        .collect::<Result<Vec<_>>>()?;
    let options = every_match(&args.matching.answer);
    let comparison = handle(cli)?
        .fresh(args.matching.answer.no_update, &|index| {
            let matches = queries
                .iter()
                .zip(&parsed)
                .map(|(q, parsed)| {
                    // Only the articles are compared: their occurrences are not counted.
                    views::tally::tally(index, &q.query, parsed, options, Occurrences::Skipped)
                        .map(|tally| tally.articles)
                })
                .collect::<Result<Vec<_>>>()?;
            let stories = args
                .matching
                .dedup
                .then(|| views::copies::Stories::read(index))
                .transpose()?;
            views::compare(index, args.by, queries.clone(), &matches, stories.as_ref())
        })
        .map_err(AnswerError::into_anyhow)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer(args.matching.format, marks_of(cli)).compare(&mut out, &comparison)?;
    out.flush()?;
    let found = comparison
        .rows
        .iter()
        .any(|r| r.counts.iter().any(|(_, c)| c.articles > 0));
    Ok(if found {
        Outcome::Found
    } else {
        Outcome::NothingFound
    })
}

/// Search options for every match of a query, without context: what the views count over.
fn every_match(answer: &AnswerArgs) -> search::Options {
    search::Options {
        limit: Limit::All,
        exact: answer.exact,
        accents: answer.accents,
        context: 0,
    }
}

/// `collocates`: the words near the query's matches, by log-likelihood.
fn run_collocates(cli: &Cli, args: &crate::cli::CollocatesArgs) -> Result<Outcome> {
    let text = args.query_text();
    let parsed = query::parse(&text)?;
    let options = every_match(&args.answer);
    let counting = views::collocates::Options {
        window: args.window,
        limit: args.limit,
        by_surface: args.by_surface,
        no_stopwords: args.no_stopwords,
        min_count: args.min_count,
    };
    let found = handle(cli)?
        .fresh(args.answer.no_update, &|index| {
            views::collocates::collocates(index, &text, &parsed, options, counting)
        })
        .map_err(AnswerError::into_anyhow)?;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer(args.format, marks_of(cli)).collocates(&mut out, &found)?;
    out.flush()?;
    Ok(if found.rows.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// `dups`: the stories found in several copies, largest first.
fn run_dups(cli: &Cli, args: &crate::cli::DupsArgs) -> Result<Outcome> {
    let mut groups = handle(cli)?
        .fresh(args.no_update, &|index| {
            views::copies::Stories::read(index).map(|stories| stories.groups(args.min_size))
        })
        .map_err(AnswerError::into_anyhow)?;
    if let Some(limit) = args.limit {
        groups.truncate(limit);
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    printer(args.format, marks_of(cli)).dups(&mut out, &groups)?;
    out.flush()?;
    Ok(if groups.is_empty() {
        Outcome::NothingFound
    } else {
        Outcome::Found
    })
}

/// How matches are marked: `--marks` when given, else as `--color` decides.
fn marks_of(cli: &Cli) -> Marks {
    match cli.marks {
        Some(crate::cli::MarkStyle::Ansi) => Marks::Color,
        Some(crate::cli::MarkStyle::Markdown) => Marks::Plain,
        Some(crate::cli::MarkStyle::None) => Marks::Bare,
        None => marks(cli.color),
    }
}

/// `-n` was the limit before it took grep's meaning (line numbers, a no-op here): `search oil
/// -n 5` would now search for "oil 5" in silence, so a bare number beside `-n` is refused.
fn refuse_old_limit(line_number: bool, words: &[String]) -> Result<()> {
    let number = words
        .iter()
        .find(|w| !w.is_empty() && w.bytes().all(|b| b.is_ascii_digit()));
    match number {
        Some(n) if line_number => bail!(
            "-n is grep's line numbers (always shown), not the limit: for at most {n} results write -m {n} or --limit {n}"
        ),
        _ => Ok(()),
    }
}
