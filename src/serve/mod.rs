//! `newsgrep serve`: the search as a local web page and a JSON API, over the same index, query
//! language, highlights and counts as the command line. Routes are here; the pages are
//! [`pages`] (maud templates), the charts [`svg`], the index kept fresh by [`current`].
//!
//! Read-only and bounded: only GET routes, queries of at most [`MAX_QUERY_BYTES`], at most
//! [`WORKERS`] answers computed at once, and an answer that takes longer than [`TIME_LIMIT`]
//! is cut with a message (its work finishes in the background). Only files the index holds
//! are served, by their path as indexed.

mod assets;
mod current;
mod pages;
mod svg;

use crate::cli::{By, SearchSort};
use crate::hit::SearchResult;
use crate::index::Handle;
use crate::search::{self, Limit};
use crate::trace::{self, SortBy, TraceOptions};
use crate::views::tally::Occurrences;
use crate::{clean, ingest, print, query, quote, stats, stored, views};
use anyhow::{Context, Result};
use axum::extract::{Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::Router;
use current::{Current, Served};
use pages::Form;
use serde::Deserialize;
use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use tokio::sync::Semaphore;

/// Where and how to serve.
#[derive(Clone, Copy, Debug)]
pub struct Options {
    /// The address to listen on.
    pub bind: IpAddr,
    /// The port; 0 for any free one.
    pub port: u16,
    /// Time between full corpus checks (the fallback of the watcher); zero for none.
    pub refresh: Duration,
    /// Whether to watch the corpus for changes as they happen.
    pub watch: bool,
}

/// The longest query or quote taken, in bytes.
pub const MAX_QUERY_BYTES: usize = 2000;
/// The longest an answer may take before it is cut.
pub const TIME_LIMIT: Duration = Duration::from_secs(5);
/// Answers computed at once; further requests wait (within [`TIME_LIMIT`]).
pub const WORKERS: usize = 4;
/// The longest a client may take to send a request's head, from the connection's start or the
/// end of its last answer: a slower client, or an idle kept-alive connection, is disconnected.
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(10);
/// The longest a connection is kept; then it closes after the answer under way.
const CONNECTION_LIFETIME: Duration = Duration::from_secs(60);
/// The time the answer under way at [`CONNECTION_LIFETIME`] has to be sent (to a slow reader).
const CLOSING_GRACE: Duration = Duration::from_secs(30);
/// Connections served at once; more wait to be accepted.
const MAX_CONNECTIONS: usize = 512;
/// Hits on a page of the search page.
const PER_PAGE: usize = 20;
/// The last page that can be asked for: deeper pages cost a ranking of every hit before them.
const MAX_PAGE: usize = 250;
/// Hits a `/api/search` answer holds at most, with `all` or `limit`.
const MAX_API_HITS: usize = 100_000;
/// Width of each side of a KWIC line, in chars.
const KWIC_WIDTH: usize = 60;
/// Months on the time chart beyond which it counts by year.
const MAX_MONTHS: usize = 120;

/// Serves the index of `index` until the process is stopped.
pub fn run(index: Handle<'static>, options: Options) -> Result<()> {
    let current = Arc::new(Current::open(index)?);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .context("starting the server")?;
    runtime.block_on(async move {
        let address = SocketAddr::new(options.bind, options.port);
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .with_context(|| format!("listening on {address}"))?;
        let address = listener.local_addr()?;
        if !address.ip().is_loopback() {
            eprintln!(
                "newsgrep: warning: serving on {}, which other machines may reach: they can read every indexed article",
                address.ip()
            );
        }
        eprintln!("newsgrep: serving http://{address}/");
        current.keep_fresh(options.refresh, options.watch);
        let app = App {
            current,
            workers: Arc::new(Semaphore::new(WORKERS)),
        };
        serve_connections(listener, router(Arc::new(app))).await
    })
}

/// Accepts connections and serves each on a task of its own, every one bounded in time: a
/// client that trickles a request's head (slowloris), keeps a connection idle, trickles a body
/// or reads its answer slowly is disconnected, so it holds no task, socket or slot for long.
/// (An answer slot is only taken once the request is read, and is freed when its work ends
/// whatever the client does.)
async fn serve_connections(listener: tokio::net::TcpListener, app: Router) -> Result<()> {
    let open = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    loop {
        // Beyond MAX_CONNECTIONS, new clients wait in the listen queue until one closes.
        let permit = Arc::clone(&open).acquire_owned().await.context("serving")?;
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            Err(_) => {
                // Out of file descriptors, or a client gone before it was accepted: the next
                // accept may well succeed; a pause keeps a lasting failure from spinning.
                tokio::time::sleep(Duration::from_millis(50)).await;
                continue;
            }
        };
        let service = hyper_util::service::TowerToHyperService::new(app.clone());
        tokio::spawn(async move {
            let _permit = permit;
            let mut http = hyper::server::conn::http1::Builder::new();
            http.timer(hyper_util::rt::TokioTimer::new())
                .header_read_timeout(HEAD_TIMEOUT);
            let connection = http.serve_connection(hyper_util::rt::TokioIo::new(stream), service);
            let mut connection = std::pin::pin!(connection);
            // The connection's own errors (a client gone, a head too slow) end it quietly.
            if tokio::time::timeout(CONNECTION_LIFETIME, connection.as_mut())
                .await
                .is_err()
            {
                // The answer under way is finished, then the connection closes; a client too
                // slow to take it within the grace is cut.
                connection.as_mut().graceful_shutdown();
                let _ = tokio::time::timeout(CLOSING_GRACE, connection).await;
            }
        });
    }
}

struct App {
    current: Arc<Current>,
    workers: Arc<Semaphore>,
}

type Shared = State<Arc<App>>;

fn router(app: Arc<App>) -> Router {
    Router::new()
        .route("/", get(search_page))
        .route("/article", get(article_page))
        .route("/original", get(original_page))
        .route("/quote", get(quote_page))
        .route("/api/search", get(api_search))
        .route("/api/quote", get(api_quote))
        .route("/api/count", get(api_count))
        .route("/api/stats", get(api_stats))
        .route(
            "/assets/style.css",
            get(|| async { asset("text/css", assets::STYLE) }),
        )
        .route(
            "/assets/keys.js",
            get(|| async { asset("text/javascript", assets::KEYS) }),
        )
        .fallback(no_such_page)
        .layer(axum::middleware::map_response(guard_headers))
        .with_state(app)
}

/// A 404 that names the pages there are: as JSON under `/api/`, else as a page.
async fn no_such_page(uri: axum::http::Uri) -> Response {
    let path = uri.path();
    if path.starts_with("/api/") {
        return Problem::not_found(format!(
            "no such page: {path}; the API is /api/search, /api/quote, /api/count and /api/stats"
        ))
        .into_response();
    }
    Problem::not_found(format!(
        "no such page: {path}; search at /, trace a quote at /quote"
    ))
    .page(&Form::default())
}

/// Headers on every answer: nothing but this server's own script and style run or load, the
/// page is not framed, and types are not sniffed (an article's text never becomes a script).
async fn guard_headers(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_SECURITY_POLICY,
        HeaderValue::from_static(
            "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
        ),
    );
    headers.insert(
        header::X_CONTENT_TYPE_OPTIONS,
        HeaderValue::from_static("nosniff"),
    );
    headers.insert(
        header::REFERRER_POLICY,
        HeaderValue::from_static("no-referrer"),
    );
    response
}

fn asset(content_type: &'static str, body: &'static str) -> Response {
    ([(header::CONTENT_TYPE, content_type)], body).into_response()
}

/// Why a request got no answer: its status and a one-line message.
#[derive(Debug)]
struct Problem {
    status: StatusCode,
    message: String,
}

impl Problem {
    fn bad_request(message: impl Into<String>) -> Problem {
        Problem {
            status: StatusCode::BAD_REQUEST,
            message: message.into(),
        }
    }

    fn not_found(message: impl Into<String>) -> Problem {
        Problem {
            status: StatusCode::NOT_FOUND,
            message: message.into(),
        }
    }

    fn internal(e: &anyhow::Error) -> Problem {
        Problem {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            message: format!("{e:#}"),
        }
    }

    /// The problem as an HTML page with the search box.
    fn page(self, form: &Form) -> Response {
        let page = pages::problem(form, &self.message);
        (self.status, html(page)).into_response()
    }
}

/// The problem as JSON, `{"error": MESSAGE}`, for the API.
impl IntoResponse for Problem {
    fn into_response(self) -> Response {
        let body = serde_json::json!({ "error": self.message }).to_string();
        (
            self.status,
            [(header::CONTENT_TYPE, "application/json")],
            body,
        )
            .into_response()
    }
}

fn html(page: maud::Markup) -> Response {
    (
        [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
        page.into_string(),
    )
        .into_response()
}

/// Runs `work` on the current index on a blocking thread, one of [`WORKERS`], within
/// [`TIME_LIMIT`].
async fn answer<T: Send + 'static>(
    app: &App,
    work: impl FnOnce(&Served) -> Result<T, Problem> + Send + 'static,
) -> Result<T, Problem> {
    let too_slow = || {
        Problem {
        status: StatusCode::SERVICE_UNAVAILABLE,
        message: format!(
            "the query took longer than {} s and was cut; narrow it (a rarer word, a date or source filter)",
            TIME_LIMIT.as_secs()
        ),
    }
    };
    let started = tokio::time::Instant::now();
    let permit = tokio::time::timeout(TIME_LIMIT, Arc::clone(&app.workers).acquire_owned())
        .await
        .map_err(|_| too_slow())?
        .map_err(|e| Problem::internal(&e.into()))?;
    let index = app.current.get();
    let task = tokio::task::spawn_blocking(move || {
        // The slot stays taken until the work is done, even when its answer was cut.
        let _permit = permit;
        work(&index)
    });
    match tokio::time::timeout(TIME_LIMIT.saturating_sub(started.elapsed()), task).await {
        Ok(Ok(result)) => result,
        Ok(Err(_panicked)) => Err(Problem::internal(&anyhow::anyhow!(
            "internal error while answering; please report it"
        ))),
        Err(_) => Err(too_slow()),
    }
}

/// A query or quote parameter: present, not blank, not too long.
fn checked_query(q: Option<&str>, what: &str) -> Result<String, Problem> {
    let q = q.unwrap_or_default();
    if q.trim().is_empty() {
        return Err(Problem::bad_request(format!("the {what} is empty")));
    }
    if q.len() > MAX_QUERY_BYTES {
        return Err(Problem::bad_request(format!(
            "the {what} is longer than {MAX_QUERY_BYTES} bytes"
        )));
    }
    Ok(q.to_string())
}

fn parse(text: &str) -> Result<query::Query, Problem> {
    query::parse(text).map_err(|e| Problem::bad_request(format!("query: {e}")))
}

/// A flag parameter: `1`, `true`, `on` or `yes`.
fn flag(value: &Option<String>) -> bool {
    matches!(value.as_deref(), Some("1" | "true" | "on" | "yes"))
}

/// A whole-number parameter of a page (`page`, `line`), absent when not given or blank; the
/// page says which one is not a number (axum's own refusal is a line of plain text).
fn number<T: std::str::FromStr>(value: &Option<String>, name: &str) -> Result<Option<T>, Problem> {
    match given(value) {
        "" => Ok(None),
        text => text
            .parse()
            .map(Some)
            .map_err(|_| Problem::bad_request(format!("{name} \"{text}\" is not a whole number"))),
    }
}

/// A parameter given and not blank.
fn given(value: &Option<String>) -> &str {
    value.as_deref().map(str::trim).unwrap_or_default()
}

fn failed(e: anyhow::Error) -> Problem {
    Problem::internal(&e)
}

// ---- the search page ----

#[derive(Debug, Default, Deserialize)]
struct SearchParams {
    q: Option<String>,
    from: Option<String>,
    to: Option<String>,
    source: Option<String>,
    exact: Option<String>,
    page: Option<String>,
    tab: Option<String>,
}

impl SearchParams {
    fn form(&self) -> Form {
        Form {
            q: self.q.clone().unwrap_or_default(),
            from: given(&self.from).to_string(),
            to: given(&self.to).to_string(),
            source: given(&self.source).to_string(),
            exact: flag(&self.exact),
        }
    }
}

/// The query with the form's filters as the query language has them: `(Q) date:FROM..TO
/// source:"S"`, so that the page, the download links and the CLI mean the same.
fn filtered_query(form: &Form) -> String {
    let mut text = format!("({})", form.q);
    match (form.from.as_str(), form.to.as_str()) {
        ("", "") => {}
        (from, "") => text.push_str(&format!(" date:>={from}")),
        ("", to) => text.push_str(&format!(" date:<={to}")),
        (from, to) => text.push_str(&format!(" date:{from}..{to}")),
    }
    if !form.source.is_empty() {
        text.push(' ');
        text.push_str(&source_clause(&form.source));
    }
    text
}

/// The query clause of the Source filter `source`.
fn source_clause(source: &str) -> String {
    // Quote marks cannot be escaped in a phrase: the source is matched without them.
    format!("source:\"{}\"", source.replace('"', " "))
}

async fn search_page(State(app): Shared, params: Query<SearchParams>) -> Response {
    let form = params.form();
    if form.q.trim().is_empty() {
        let passages = app.current.get().index.reader.searcher().num_docs();
        return html(pages::home(passages));
    }
    let page = match number(&params.page, "page") {
        Ok(page) => page.unwrap_or(1),
        Err(problem) => return problem.page(&form),
    };
    let tab = match params.tab.as_deref() {
        Some("kwic") => pages::Tab::Kwic,
        None | Some("passages") => pages::Tab::Passages,
        Some(other) => {
            return Problem::bad_request(format!("no tab {other:?}: passages or kwic")).page(&form)
        }
    };
    let checked = checked_query(Some(&form.q), "query").and_then(|_| {
        if (1..=MAX_PAGE).contains(&page) {
            Ok(())
        } else {
            Err(Problem::bad_request(format!(
                "page {page} is out of range (1 to {MAX_PAGE})"
            )))
        }
    });
    if let Err(problem) = checked {
        return problem.page(&form);
    }
    let (text, parsed) = match form_query(&form) {
        Ok(query) => query,
        Err(refused) => return refused,
    };
    let asked = form.clone();
    let results = answer(&app, move |index| {
        results(index, &asked, &text, &parsed, page, tab)
    })
    .await;
    match results {
        Ok(results) if results.page > results.pages => Problem::not_found(format!(
            "page {page} is past the last page of these results ({})",
            results.pages
        ))
        .page(&form),
        Ok(results) => html(pages::results(&form, &results)),
        Err(problem) => problem.page(&form),
    }
}

/// The form's query with its filters, as the query language has them, parsed; or the page that
/// says which part of the form is wrong: the column of the query as typed (marked), or the
/// filter.
fn form_query(form: &Form) -> Result<(String, query::Query), Response> {
    if let Err(e) = query::parse(&form.q) {
        return Err((
            StatusCode::BAD_REQUEST,
            html(pages::query_problem(form, &e)),
        )
            .into_response());
    }
    for (name, value) in [("From", &form.from), ("To", &form.to)] {
        if !value.is_empty() && query::parse(&format!("date:{value}")).is_err() {
            return Err(Problem::bad_request(format!(
                "the {name} date \"{value}\" is not a date: use 2022-01-31, 2022-01 or 2022"
            ))
            .page(form));
        }
    }
    if !form.source.is_empty() {
        if let Err(e) = query::parse(&source_clause(&form.source)) {
            return Err(Problem::bad_request(format!(
                "the Source filter \"{}\": {}",
                form.source, e.message
            ))
            .page(form));
        }
    }
    let text = filtered_query(form);
    match query::parse(&text) {
        Ok(parsed) => Ok((text, parsed)),
        Err(e) => Err(Problem::bad_request(format!("the filters: {}", e.message)).page(form)),
    }
}

/// Everything the search page shows for `form`: a page of ranked hits, the counts over time
/// and by source, and with the KWIC tab the occurrences in the page's hits.
fn results(
    served: &Served,
    form: &Form,
    text: &str,
    parsed: &query::Query,
    page: usize,
    tab: pages::Tab,
) -> Result<pages::Results, Problem> {
    let index = &served.index;
    let options = search::Options {
        limit: Limit::Top(page * PER_PAGE),
        exact: form.exact,
        accents: false,
        context: 0,
    };
    // One pass over the index ranks the page's hits and finds every match for the charts.
    let (mut result, found) =
        search::search_and_matches(index, text, parsed, options).map_err(failed)?;
    result
        .hits
        .drain(..((page - 1) * PER_PAGE).min(result.hits.len()));
    let every = search::Options {
        limit: Limit::All,
        ..options
    };
    // The charts show articles: the word occurrences (positions, and the texts of passages with
    // words side by side) are counted only for the KWIC tab's "N in all".
    let occurrences = if tab == pages::Tab::Kwic {
        Occurrences::Counted
    } else {
        Occurrences::Skipped
    };
    // Counted per month, year and source at once: the charts need no article's own strings.
    let charted = [By::Month, By::Year, By::Source];
    let tally = views::tally::tally_by(index, text, parsed, every, occurrences, found, &charted)
        .map_err(failed)?;
    let mut over_time = served.count_by(text, By::Month, &tally).map_err(failed)?;
    if over_time.rows.len() > MAX_MONTHS {
        over_time = served.count_by(text, By::Year, &tally).map_err(failed)?;
    }
    let by_source = served.count_by(text, By::Source, &tally).map_err(failed)?;
    // The KWIC tab lines up the occurrences in this page's hits: it costs what the page does.
    let kwic = if tab == pages::Tab::Kwic {
        print::kwic::occurrences(&result.hits, KWIC_WIDTH, Some(SearchSort::Relevance))
    } else {
        Vec::new()
    };
    Ok(pages::Results {
        pages: tally.passages.div_ceil(PER_PAGE).clamp(1, MAX_PAGE),
        capped: tally.passages > MAX_PAGE * PER_PAGE,
        articles: tally.articles,
        result,
        page,
        tab,
        query: text.to_string(),
        over_time,
        by_source,
        occurrences: tally.occurrences,
        kwic,
    })
}

// ---- the article, the original file, the quote page ----

#[derive(Debug, Deserialize)]
struct ArticleParams {
    path: Option<String>,
    line: Option<String>,
    q: Option<String>,
}

async fn article_page(State(app): Shared, params: Query<ArticleParams>) -> Response {
    let form = Form {
        q: params.q.clone().unwrap_or_default(),
        ..Form::default()
    };
    let Some(path) = params.path.clone().filter(|p| !p.is_empty()) else {
        return Problem::bad_request("give the article's path=").page(&form);
    };
    let line = match number(&params.line, "line") {
        Ok(line) => line.unwrap_or(0),
        Err(problem) => return problem.page(&form),
    };
    let q = form.q.clone();
    match answer(&app, move |served| article(served, &path, line, &q)).await {
        Ok(view) => html(pages::article(&form, &view)),
        Err(problem) => problem.page(&form),
    }
}

/// The passages of the article at `path` in order, the one at `line` marked as the linked one,
/// the query's words marked; 404 unless the index holds that path.
fn article(served: &Served, path: &str, line: u64, q: &str) -> Result<pages::ArticleView, Problem> {
    let index = &served.index;
    let searcher = index.reader.searcher();
    let addresses = stored::article_passages(&searcher, &index.fields, path).map_err(failed)?;
    if addresses.is_empty() {
        return Err(not_indexed(path));
    }
    let mut ordinals: Vec<(&u64, &tantivy::DocAddress)> = addresses.iter().collect();
    ordinals.sort();
    let passages = ordinals
        .into_iter()
        .map(|(_, address)| stored::load(&searcher, &index.fields, *address))
        .collect::<Result<Vec<_>>>()
        .map_err(failed)?;
    // A bad query marks nothing: the article is still worth showing.
    let highlighter = (!q.trim().is_empty() && q.len() <= MAX_QUERY_BYTES)
        .then(|| query::parse(q).ok())
        .flatten()
        .map(|parsed| crate::highlight::Highlighter::new(&parsed));
    // The linked passage: the last one starting at or before `line`.
    let here = passages.iter().rposition(|p| p.citation.line <= line);
    let first = passages.first();
    let view = pages::ArticleView {
        path: path.to_string(),
        title: first.and_then(|p| p.citation.title.clone()),
        source: first.and_then(|p| p.citation.source.clone()),
        date: first.and_then(|p| p.citation.date.clone()),
        removed: removed_lines(served, path),
        passages: passages
            .iter()
            .enumerate()
            .map(|(i, p)| pages::ArticlePassage {
                line: p.citation.line,
                highlights: highlighter
                    .as_ref()
                    .map(|h| h.spans(&p.text))
                    .unwrap_or_default(),
                text: p.text.clone(),
                here: Some(i) == here,
            })
            .collect(),
    };
    Ok(view)
}

fn not_indexed(path: &str) -> Problem {
    Problem::not_found(format!("{path}: no such article in the index"))
}

/// The file at `path` (a path the index holds, relative to the project folder the server
/// runs in), decoded as the indexer reads it.
fn read_indexed(path: &str) -> Result<String, String> {
    if let Some(record) = read_record(path)? {
        return Ok(record.text);
    }
    let file = Path::new(path);
    let source = ingest::SourceFile {
        path: file.to_path_buf(),
        format: ingest::format_of(file).unwrap_or(clean::Format::Text),
        size: 0,
        mtime_ns: 0,
    };
    ingest::check_regular(file)
        .and_then(|()| ingest::read(&source))
        .map_err(|e| format!("{path} cannot be read now: {e}"))
}

/// The record a key `file#N` names, read from its collection now; `None` for a plain file.
fn read_record(key: &str) -> Result<Option<ingest::collection::Record>, String> {
    let (file, Some(number)) = ingest::collection::split_key(key) else {
        return Ok(None);
    };
    let path = Path::new(file);
    let Some(kind) = ingest::collection::kind_of(path) else {
        return Ok(None);
    };
    let read = ingest::check_regular(path)
        .and_then(|()| ingest::collection::read(path, kind, Default::default(), 0))
        .map_err(|e| format!("{file} cannot be read now: {e}"))?;
    read.records
        .into_iter()
        .find_map(|r| r.ok().filter(|r| r.number == number))
        .map(Some)
        .ok_or_else(|| format!("{key} cannot be read now"))
}

/// What the cleaner removes from the file at `path` (or the record it names), as `newsgrep
/// clean` shows it: the lines its site repeats (counted over the file's folder, as the indexer
/// counts them) among them, each with its reason.
fn removed_lines(served: &Served, path: &str) -> Result<Vec<pages::RemovedLine>, String> {
    let article = match read_record(path)? {
        Some(record) => clean::clean_record(&record),
        None => {
            let content = read_indexed(path)?;
            let file = Path::new(path);
            let format = ingest::format_of(file).unwrap_or(clean::Format::Text);
            let sites = served.site_chrome(file);
            clean::clean_with(&content, format, sites.get(&ingest::site_of(file)))
        }
    };
    Ok(article
        .removed
        .into_iter()
        .map(|r| pages::RemovedLine {
            line: r.line,
            reason: r.reason.as_str(),
            text: r.text,
        })
        .collect())
}

#[derive(Debug, Deserialize)]
struct PathParams {
    path: Option<String>,
}

async fn original_page(State(app): Shared, params: Query<PathParams>) -> Response {
    let form = Form::default();
    let Some(path) = params.path.clone().filter(|p| !p.is_empty()) else {
        return Problem::bad_request("give the file's path=").page(&form);
    };
    let shown = path.clone();
    let text = answer(&app, move |served| {
        let index = &served.index;
        let searcher = index.reader.searcher();
        // Only a path the index holds is read: never `../` or a path outside the corpus.
        let held = stored::article_passages(&searcher, &index.fields, &path).map_err(failed)?;
        if held.is_empty() {
            return Err(not_indexed(&path));
        }
        read_indexed(&path).map_err(Problem::not_found)
    })
    .await;
    match text {
        Ok(text) => html(pages::original(&shown, &text)),
        Err(problem) => problem.page(&form),
    }
}

#[derive(Debug, Deserialize)]
struct QuoteParams {
    q: Option<String>,
    sort: Option<String>,
    limit: Option<String>,
    min_coverage: Option<String>,
}

impl QuoteParams {
    /// The options of `newsgrep quote` with the same flags (limit 5, coverage 0.6, by score).
    fn options(&self) -> Result<TraceOptions, Problem> {
        let min_coverage = match given(&self.min_coverage) {
            "" => 0.6,
            text => text.parse::<f32>().map_err(|_| {
                Problem::bad_request(format!("min_coverage \"{text}\" is not a number"))
            })?,
        };
        if !(0.0..=1.0).contains(&min_coverage) {
            return Err(Problem::bad_request("min_coverage must be between 0 and 1"));
        }
        let sort = match self.sort.as_deref() {
            None | Some("" | "score") => SortBy::Score,
            Some("date") => SortBy::Date,
            Some(other) => {
                return Err(Problem::bad_request(format!(
                    "no sort {other:?}: score or date"
                )))
            }
        };
        Ok(TraceOptions {
            limit: number(&self.limit, "limit")?.unwrap_or(5).min(MAX_API_HITS),
            min_coverage,
            sort,
        })
    }
}

/// The sources of the quote `text`.
async fn trace_quote(
    app: &App,
    text: String,
    options: TraceOptions,
) -> Result<trace::TraceResult, Problem> {
    answer(app, move |served| {
        let quote = quote::Quote::new(&text);
        if quote.is_empty() {
            return Err(Problem::bad_request("the quote has no words"));
        }
        trace::trace(&served.index, &quote, options).map_err(failed)
    })
    .await
}

async fn quote_page(State(app): Shared, params: Query<QuoteParams>) -> Response {
    let text = params.q.clone().unwrap_or_default();
    let by_date = params.sort.as_deref() == Some("date");
    if text.trim().is_empty() {
        return html(pages::quote("", by_date, None));
    }
    let result = match (checked_query(Some(&text), "quote"), params.options()) {
        (Ok(text), Ok(options)) => trace_quote(&app, text, options).await,
        (Err(problem), _) | (_, Err(problem)) => Err(problem),
    };
    match result {
        Ok(result) => html(pages::quote(&text, by_date, Some(Ok(&result)))),
        // The quote page again, with its box holding the quote to mend.
        Err(problem) => (
            problem.status,
            html(pages::quote(&text, by_date, Some(Err(&problem.message)))),
        )
            .into_response(),
    }
}

// ---- the JSON API: the objects of the CLI's --format json ----

/// An answer printed by one of the CLI's printers into memory.
fn printed(
    content_type: &'static str,
    print: impl FnOnce(&mut Vec<u8>) -> std::io::Result<()>,
) -> Response {
    let mut body = Vec::new();
    match print(&mut body) {
        Ok(()) => ([(header::CONTENT_TYPE, content_type)], body).into_response(),
        Err(e) => Problem::internal(&e.into()).into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct ApiSearchParams {
    q: Option<String>,
    limit: Option<String>,
    all: Option<String>,
    exact: Option<String>,
    accents: Option<String>,
    context: Option<String>,
    format: Option<String>,
}

/// `/api/search`: as `newsgrep search Q --format json` (`limit`, `all`, `exact`, `accents`,
/// `context` as the flags; `format=csv|jsonl` as those formats).
async fn api_search(State(app): Shared, params: Query<ApiSearchParams>) -> Response {
    match api_search_result(&app, &params).await {
        Ok(result) => match params.format.as_deref() {
            None | Some("json") => {
                printed("application/json", |out| print::hits::json(out, &result))
            }
            Some("jsonl") => printed("application/x-ndjson", |out| {
                print::hits::jsonl(out, &result)
            }),
            Some("csv") => printed("text/csv; charset=utf-8", |out| {
                print::hits::csv(out, &result)
            }),
            Some(other) => Problem::bad_request(format!("no format {other:?}: json, jsonl or csv"))
                .into_response(),
        },
        Err(problem) => problem.into_response(),
    }
}

async fn api_search_result(app: &App, params: &ApiSearchParams) -> Result<SearchResult, Problem> {
    let text = checked_query(params.q.as_deref(), "query")?;
    let parsed = parse(&text)?;
    let limit = if flag(&params.all) {
        Limit::All
    } else {
        Limit::Top(
            number(&params.limit, "limit")?
                .unwrap_or(10)
                .min(MAX_API_HITS),
        )
    };
    let options = search::Options {
        limit,
        exact: flag(&params.exact),
        accents: flag(&params.accents),
        context: number(&params.context, "context")?.unwrap_or(0).min(10),
    };
    answer(app, move |served| {
        let mut result = search::search(&served.index, &text, &parsed, options).map_err(failed)?;
        result.hits.truncate(MAX_API_HITS);
        Ok(result)
    })
    .await
}

/// `/api/quote`: as `newsgrep quote Q --format json` (`limit`, `min_coverage`, `sort=date`).
async fn api_quote(State(app): Shared, params: Query<QuoteParams>) -> Response {
    let result = match (
        checked_query(params.q.as_deref(), "quote"),
        params.options(),
    ) {
        (Ok(text), Ok(options)) => trace_quote(&app, text, options).await,
        (Err(problem), _) | (_, Err(problem)) => Err(problem),
    };
    match result {
        Ok(result) => printed("application/json", |out| print::quote::json(out, &result)),
        Err(problem) => problem.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct CountParams {
    q: Option<String>,
    by: Option<String>,
    exact: Option<String>,
    accents: Option<String>,
}

/// `/api/count`: as `newsgrep search Q --count --by BY --format json`.
async fn api_count(State(app): Shared, params: Query<CountParams>) -> Response {
    let asked = || -> Result<(String, query::Query, By), Problem> {
        let text = checked_query(params.q.as_deref(), "query")?;
        let parsed = parse(&text)?;
        let by =
            <By as clap::ValueEnum>::from_str(params.by.as_deref().unwrap_or("month"), true)
                .map_err(|_| Problem::bad_request("by must be day, week, month, year or source"))?;
        Ok((text, parsed, by))
    };
    let (text, parsed, by) = match asked() {
        Ok(asked) => asked,
        Err(problem) => return problem.into_response(),
    };
    let options = search::Options {
        limit: Limit::All,
        exact: flag(&params.exact),
        accents: flag(&params.accents),
        context: 0,
    };
    let counts = answer(&app, move |served| {
        let tally = views::tally::tally_by(
            &served.index,
            &text,
            &parsed,
            options,
            Occurrences::Counted,
            None,
            &[by],
        )
        .map_err(failed)?;
        served.count_by(&text, by, &tally).map_err(failed)
    })
    .await;
    match counts {
        Ok(counts) => printed("application/json", |out| print::periods::json(out, &counts)),
        Err(problem) => problem.into_response(),
    }
}

#[derive(Debug, Deserialize)]
struct StatsParams {
    top: Option<String>,
}

/// `/api/stats`: as `newsgrep stats --format json`.
async fn api_stats(State(app): Shared, params: Query<StatsParams>) -> Response {
    let top = match number(&params.top, "top") {
        Ok(top) => top.unwrap_or(20).min(10_000),
        Err(problem) => return problem.into_response(),
    };
    match answer(&app, move |served| {
        stats::stats(&served.index, top).map_err(failed)
    })
    .await
    {
        Ok(stats) => printed("application/json", |out| print::json_document(out, &stats)),
        Err(problem) => problem.into_response(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_become_query_language() {
        let form = Form {
            q: "oil OR gas".into(),
            from: "1987-03-01".into(),
            to: String::new(),
            source: "Reuters \"wire\"".into(),
            exact: false,
        };
        assert_eq!(
            filtered_query(&form),
            "(oil OR gas) date:>=1987-03-01 source:\"Reuters  wire \""
        );
        assert!(query::parse(&filtered_query(&form)).is_ok());
    }
}
