//! The HTML pages, as maud templates: every piece of corpus text, file name and query goes in
//! as a value, which maud escapes, never as markup. The page is one more printer over the hits
//! the search returns; nothing here searches.

use super::svg;
use crate::highlight::Span;
use crate::hit::{cited, Hit, SearchResult};
use crate::print::kwic::Occurrence;
use crate::print::window::{window, WINDOW_CHARS};
use crate::query::QueryError;
use crate::quote::{DiffOp, Op};
use crate::trace::TraceResult;
use crate::views::PeriodCounts;
use maud::{html, Markup, DOCTYPE};

/// What the search form holds, to fill it in again and to build links that keep it.
#[derive(Clone, Debug, Default)]
pub(crate) struct Form {
    pub(crate) q: String,
    pub(crate) from: String,
    pub(crate) to: String,
    pub(crate) source: String,
    pub(crate) exact: bool,
}

impl Form {
    /// The form's fields as a query string (without `?`), plus `extra` pairs.
    pub(crate) fn query_string(&self, extra: &[(&str, &str)]) -> String {
        let mut pairs: Vec<(&str, &str)> = vec![("q", &self.q)];
        for (name, value) in [
            ("from", &self.from),
            ("to", &self.to),
            ("source", &self.source),
        ] {
            if !value.is_empty() {
                pairs.push((name, value));
            }
        }
        if self.exact {
            pairs.push(("exact", "1"));
        }
        pairs.extend_from_slice(extra);
        query_string(&pairs)
    }
}

/// `name=value&...`, each part percent-encoded.
pub(crate) fn query_string(pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

/// Percent-encodes everything but the unreserved characters of RFC 3986.
fn encode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for byte in text.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(byte as char)
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

/// The link to a passage in its article view, the query's words marked there too.
pub(crate) fn article_link(path: &str, line: u64, q: &str) -> String {
    let line = line.to_string();
    let mut pairs = vec![("path", path), ("line", line.as_str())];
    if !q.is_empty() {
        pairs.push(("q", q));
    }
    format!("/article?{}#here", query_string(&pairs))
}

/// The frame of every page: the search box on top, then `body`. With `focus_box`, the box has
/// the focus when the page opens (not on a page that scrolls to a passage, nor on one with a
/// box of its own); `/` focuses the page's focused box again, or the search box.
pub(crate) fn layout(title: &str, form: &Form, focus_box: bool, body: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                meta name="color-scheme" content="light dark";
                title { (title) " – newsgrep" }
                link rel="stylesheet" href="/assets/style.css";
                script src="/assets/keys.js" defer {}
            }
            body {
                header {
                    form.search action="/" method="get" role="search" {
                        a.brand href="/" { "newsgrep" }
                        input #q type="search" name="q" value=(form.q) autofocus[focus_box]
                            placeholder="Search: words, \"a phrase\", a OR b, -word, title:, source:, date:"
                            aria-label="Query" accesskey="s";
                        button type="submit" { "Search" }
                        div.filters {
                            label { "From " input type="date" name="from" value=(form.from); }
                            label { "to " input type="date" name="to" value=(form.to); }
                            label { "Source " input type="text" name="source" value=(form.source) size="14"; }
                            label { input type="checkbox" name="exact" value="1" checked[form.exact]; " exact words" }
                        }
                    }
                }
                main { (body) }
            }
        }
    }
}

/// `text` with the byte ranges `spans` marked; spans off a char boundary are left unmarked.
pub(crate) fn marked(text: &str, spans: &[Span]) -> Markup {
    let mut at = 0;
    let mut pieces: Vec<(&str, bool)> = Vec::new();
    for span in spans {
        let (Some(before), Some(inside)) =
            (text.get(at..span.start), text.get(span.start..span.end))
        else {
            continue;
        };
        pieces.push((before, false));
        pieces.push((inside, true));
        at = span.end;
    }
    pieces.push((text.get(at..).unwrap_or_default(), false));
    html! {
        @for (piece, is_match) in pieces {
            @if is_match { mark { (piece) } } @else { (piece) }
        }
    }
}

/// The part of a hit's passage around its matches, marked, as the text printer shows it.
fn snippet(hit: &Hit) -> Markup {
    let w = window(&hit.text, &hit.highlights, WINDOW_CHARS);
    let shown = hit.text.get(w.start..w.end).unwrap_or_default();
    let spans: Vec<Span> = hit
        .highlights
        .iter()
        .filter(|s| s.start >= w.start && s.end <= w.end)
        .map(|s| Span {
            start: s.start - w.start,
            end: s.end - w.start,
        })
        .collect();
    html! {
        @if w.start > 0 { "… " }
        (marked(shown, &spans))
        @if w.end < hit.text.len() { " …" }
    }
}

/// Title, source and date of an article, as the hit header shows them.
fn about(title: &Option<String>, source: &Option<String>, date: &Option<String>) -> Markup {
    let meta: Vec<&str> = [source.as_deref(), date.as_deref()]
        .into_iter()
        .flatten()
        .collect();
    html! {
        span.title { (title.as_deref().unwrap_or("(untitled)")) }
        @if !meta.is_empty() { " " span.meta { "(" (meta.join(", ")) ")" } }
    }
}

/// The page with no query: the box, and what the index holds.
pub(crate) fn home(passages: u64) -> Markup {
    let body = html! {
        p.note { "Search " (passages) " indexed passages. Press " kbd { "/" } " to focus the box." }
        p.note {
            "Also: " a href="/quote" { "trace a quote" } ", and the JSON API: "
            code { "/api/search?q=" } ", " code { "/api/quote?q=" } ", "
            code { "/api/count?q=&by=month" } ", " code { "/api/stats" } "."
        }
        (syntax(false))
    };
    layout("Search", &Form::default(), true, body)
}

/// The search page's tabs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tab {
    Passages,
    Kwic,
}

/// One page of a search's results.
pub(crate) struct Results {
    /// The hits of this page (ranks as in the whole list).
    pub(crate) result: SearchResult,
    /// Matching articles.
    pub(crate) articles: usize,
    pub(crate) page: usize,
    pub(crate) pages: usize,
    /// Whether the pages end before the last hit (see `MAX_PAGE`).
    pub(crate) capped: bool,
    pub(crate) tab: Tab,
    /// The query run, filters included, for the download links.
    pub(crate) query: String,
    pub(crate) over_time: PeriodCounts,
    pub(crate) by_source: PeriodCounts,
    /// Occurrences of the marked words in all matching passages.
    pub(crate) occurrences: usize,
    /// With the KWIC tab: the occurrences in this page's hits, in their order.
    pub(crate) kwic: Vec<Occurrence>,
}

/// The search page: counts, downloads, charts, then the hits or the KWIC lines, and pages.
pub(crate) fn results(form: &Form, r: &Results) -> Markup {
    let total = r.result.total;
    let exact = if form.exact { "1" } else { "" };
    let download = |format: &str| {
        format!(
            "/api/search?{}",
            query_string(&[
                ("q", &r.query),
                ("exact", exact),
                ("all", "1"),
                ("format", format)
            ])
        )
    };
    let tab_link = |tab: &str| format!("/?{}", form.query_string(&[("tab", tab)]));
    let page_link = |page: usize| {
        let page = page.to_string();
        let tab = if r.tab == Tab::Kwic {
            "kwic"
        } else {
            "passages"
        };
        format!("/?{}", form.query_string(&[("tab", tab), ("page", &page)]))
    };
    if total == 0 {
        return layout(&form.q, form, true, nothing_found(form));
    }
    let rank = |hit: Option<&Hit>| hit.and_then(|h| h.rank).unwrap_or_default();
    let (first_rank, last_rank) = (rank(r.result.hits.first()), rank(r.result.hits.last()));
    let body = html! {
        div.results {
            p.counts #counts {
                (total) " matching " (if total == 1 { "passage" } else { "passages" })
                " in " (r.articles) " " (if r.articles == 1 { "article" } else { "articles" })
                " · download "
                a href=(download("csv")) download="newsgrep.csv" { "CSV" } " "
                a href=(download("json")) download="newsgrep.json" { "JSON" }
            }
            @if total > 0 {
                section.charts {
                    figure {
                        (svg::share_over_time(&r.over_time.rows))
                        figcaption { "Share of articles matching, per " (period_name(&r.over_time)) }
                    }
                    figure {
                        (svg::by_source(&r.by_source.rows))
                        figcaption { "Matching articles per source (at most " (svg::MAX_BARS) ")" }
                    }
                }
            }
            nav.tabs {
                a href=(tab_link("passages")) aria-current=[(r.tab == Tab::Passages).then_some("page")] { "Passages" }
                a href=(tab_link("kwic")) aria-current=[(r.tab == Tab::Kwic).then_some("page")] { "Keyword in context" }
            }
            @match r.tab {
                Tab::Passages => {
                    ol.hits {
                        @for hit in &r.result.hits {
                            li.hit {
                                @let link = article_link(&hit.article(), hit.citation.line, &form.q);
                                div {
                                    (hit.rank.map_or_else(String::new, |r| r.to_string())) ". "
                                    a.open href=(link) { (about(&hit.citation.title, &hit.citation.source, &hit.citation.date)) }
                                }
                                div { (snippet(hit)) }
                                div.cite {
                                    a href=(link) { (hit.article()) ":" (hit.citation.line) }
                                }
                            }
                        }
                    }
                }
                Tab::Kwic => {
                    p.note #kwic-counts {
                        (r.kwic.len()) " " (if r.kwic.len() == 1 { "occurrence" } else { "occurrences" })
                        " in passages " (first_rank) "–" (last_rank) " of " (total)
                        " (ranked as on the Passages tab); " (r.occurrences) " in all"
                    }
                    div.kwic-wrap {
                        table.kwic {
                            @for o in &r.kwic {
                                tr {
                                    td.cite { a href=(article_link(&o.path, o.line, &form.q)) { (o.path) ":" (o.line) } }
                                    td.left { bdi { (o.left) } }
                                    td { mark { (o.matched) } }
                                    td.right { (o.right) }
                                }
                            }
                        }
                    }
                }
            }
            @if r.pages > 1 {
                nav.pages {
                    @if r.page > 1 { a href=(page_link(r.page - 1)) rel="prev" { "← Previous" } }
                    span { "Page " (r.page) " of " (r.pages) }
                    @if r.page < r.pages { a href=(page_link(r.page + 1)) rel="next" { "Next →" } }
                }
                @if r.capped && r.page == r.pages {
                    p.note { "The pages end here, before the last passages: narrow the query, or download them all." }
                }
            }
        }
    };
    layout(&form.q, form, true, body)
}

/// The page for a query that matches nothing: what was searched, and ways to widen it.
fn nothing_found(form: &Form) -> Markup {
    let filtered = !form.from.is_empty() || !form.to.is_empty() || !form.source.is_empty();
    let unfiltered = format!("/?{}", query_string(&[("q", &form.q)]));
    let inexact = Form {
        exact: false,
        ..form.clone()
    };
    let reversed = form.from.len() == 10 && form.to.len() == 10 && form.from > form.to;
    html! {
        p.counts #counts { "No passage matches " q { (form.q) } "." }
        ul.hints {
            @if reversed {
                li { "The From date (" (form.from) ") is after the To date (" (form.to) ")." }
            }
            @if filtered {
                li { a href=(unfiltered) { "Search without the date and source filters" } }
            }
            @if form.exact {
                li { a href={ "/?" (inexact.query_string(&[])) } { "Search without exact words" } " (other forms of the words match then)" }
            }
            li { "Check the spelling, use fewer words, or a fuzzy word (" code { "goverment~1" } ") or a prefix (" code { "algo*" } ")." }
        }
        (syntax(false))
    }
}

fn period_name(counts: &PeriodCounts) -> &'static str {
    match counts.by {
        crate::cli::By::Day => "day",
        crate::cli::By::Week => "week",
        crate::cli::By::Month => "month",
        crate::cli::By::Year => "year",
        crate::cli::By::Source => "source",
    }
}

/// A page that says what went wrong, with the box to try again.
pub(crate) fn problem(form: &Form, message: &str) -> Markup {
    layout("Error", form, true, html! { p.error #error { (message) } })
}

/// The page for a query that does not parse: the message, and the query as typed with the
/// character at the error's column marked (the end of the query when the column is past it).
pub(crate) fn query_problem(form: &Form, e: &QueryError) -> Markup {
    let body = html! {
        p.error #error { (e) }
        @if e.column > 0 {
            @let (before, at, after) = split_at_column(&form.q, e.column);
            p.query-at {
                code {
                    (before)
                    mark.at title={ "column " (e.column) } { @if at.is_empty() { " " } @else { (at) } }
                    (after)
                }
            }
        }
        (syntax(true))
    };
    layout("Bad query", form, true, body)
}

/// The query language in examples (as `newsgrep search --help` gives them), behind a toggle.
fn syntax(open: bool) -> Markup {
    const EXAMPLES: &[(&str, &str)] = &[
        ("coffee prices", "passages with both words"),
        ("\"coffee quota\"", "the phrase"),
        (
            "coffee OR cocoa",
            "either; AND binds tighter: (oil OR gas) prices",
        ),
        ("coffee -brazil", "without the word"),
        (
            "\"data security\" NEAR algo*",
            "both within 5 words, any order",
        ),
        ("goverment~1", "fuzzy: within 1 edit (or ~2)"),
        ("algo*", "words starting with algo"),
        ("title:coffee", "in the title"),
        ("source:reuters", "in the article's source"),
        (
            "date:2022-03, date:>=2022-01-01, date:2020..2021-06",
            "a day, month or year, or a range",
        ),
        ("path:003_*", "articles whose path matches a glob"),
    ];
    html! {
        details.syntax open[open] {
            summary { "Query syntax" }
            dl {
                @for (example, meaning) in EXAMPLES {
                    dt { code { (example) } }
                    dd { (meaning) }
                }
            }
        }
    }
}

/// `text` before the 1-based char `column`, that char, and the rest.
fn split_at_column(text: &str, column: usize) -> (&str, &str, &str) {
    let mut starts = text.char_indices().map(|(i, _)| i).skip(column - 1);
    let at = starts.next().unwrap_or(text.len());
    let end = starts.next().unwrap_or(text.len());
    (&text[..at], &text[at..end], &text[end..])
}

/// One passage of the article view.
pub(crate) struct ArticlePassage {
    pub(crate) line: u64,
    pub(crate) text: String,
    pub(crate) highlights: Vec<Span>,
    /// The passage the link pointed at.
    pub(crate) here: bool,
}

/// What the cleaner removed from the file, line and reason.
pub(crate) struct RemovedLine {
    pub(crate) line: usize,
    pub(crate) reason: &'static str,
    pub(crate) text: String,
}

/// The article view's content.
pub(crate) struct ArticleView {
    pub(crate) path: String,
    pub(crate) title: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) date: Option<String>,
    pub(crate) passages: Vec<ArticlePassage>,
    /// `None` when the file could not be read again (the reason).
    pub(crate) removed: Result<Vec<RemovedLine>, String>,
}

/// The cleaned article as indexed, the linked passage outlined and scrolled to (`#here`), what
/// the cleaner removed behind a toggle, and a link to the original file.
pub(crate) fn article(form: &Form, a: &ArticleView) -> Markup {
    let original = format!("/original?{}", query_string(&[("path", &a.path)]));
    let body = html! {
        article.article {
            h1 { (a.title.as_deref().unwrap_or("(untitled)")) }
            p.meta {
                code { (a.path) } " · "
                (a.source.as_deref().unwrap_or("no source")) " · "
                (a.date.as_deref().unwrap_or("no date")) " · "
                a href=(original) { "original file with line numbers" }
            }
            @for p in &a.passages {
                @let id = if p.here { "here".to_string() } else { format!("L{}", p.line) };
                p.passage.here[p.here] id=(id) {
                    a.ln href={ (original) "#L" (p.line) } { (p.line) }
                    (marked(&p.text, &p.highlights))
                }
            }
        }
        details {
            @match &a.removed {
                Ok(removed) => {
                    summary { "What the cleaner removed (" (removed.len()) " lines)" }
                    @for r in removed {
                        p { span.ln { (r.line) } "[" (r.reason) "] " (r.text) }
                    }
                }
                Err(why) => {
                    summary { "What the cleaner removed" }
                    p.note { (why) }
                }
            }
        }
    };
    layout(a.title.as_deref().unwrap_or(&a.path), form, false, body)
}

/// The original file's text, each line numbered and addressable as `#LN`.
pub(crate) fn original(path: &str, text: &str) -> Markup {
    let body = html! {
        h1.path { code { (path) } }
        p.back { a href={ "/article?" (query_string(&[("path", path)])) } { "← the article as indexed" } }
        pre.original {
            @for (i, line) in text.lines().enumerate() {
                span.row id={ "L" (i + 1) } { span.ln { (i + 1) } (line) }
            }
        }
    };
    layout(path, &Form::default(), false, body)
}

/// The quote page: the box for the quote, then its sources with coverage and the diff, or
/// what is wrong with the quote or its parameters.
pub(crate) fn quote(
    text: &str,
    by_date: bool,
    answer: Option<Result<&TraceResult, &str>>,
) -> Markup {
    let body = html! {
        form.search action="/quote" method="get" {
            input #quote type="search" name="q" value=(text) autofocus placeholder="A quote to trace" aria-label="Quote";
            label { input type="checkbox" name="sort" value="date" checked[by_date]; " earliest first" }
            button type="submit" { "Trace" }
        }
        @if let Some(Err(message)) = answer {
            p.error #error { (message) }
        }
        @if let Some(Ok(result)) = answer {
            p.counts #counts {
                (result.total) " " (if result.total == 1 { "source" } else { "sources" }) " found"
                @if result.total > 1 {
                    @if by_date { ", earliest copy first" } @else { ", best match first" }
                }
            }
            ol.hits {
                @for hit in &result.hits {
                    li.hit {
                        div { (hit.rank) ". " (about(&hit.citation.title, &hit.citation.source, &hit.citation.date)) }
                        div.meta {
                            "coverage " (format!("{:.2}", hit.coverage)) " · score " (format!("{:.2}", hit.score))
                        }
                        div { (marked(&hit.text, &hit.highlights)) }
                        div.diff { "Diff: " (diff(&hit.diff)) }
                        div.cite {
                            a href=(article_link(&cited(&hit.citation.path, hit.citation.record), hit.citation.line, "")) { (cited(&hit.citation.path, hit.citation.record)) ":" (hit.citation.line) }
                        }
                    }
                }
            }
        }
    };
    layout("Quote", &Form::default(), false, body)
}

/// The word diff from the source to the quote: removed words struck, added words underlined.
fn diff(ops: &[DiffOp]) -> Markup {
    if ops.iter().all(|d| d.op == Op::Equal) {
        return html! { "none (the quote as written)" };
    }
    html! {
        @for d in ops {
            @match d.op {
                Op::Equal => { (d.quote) " " }
                Op::Delete | Op::Insert | Op::Replace => {
                    @if !d.source.is_empty() { del { (d.source) } " " }
                    @if !d.quote.is_empty() { ins { (d.quote) } " " }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn marks_wrap_the_matches_and_text_is_escaped() {
        let text = "a <b>oil</b> & gas";
        let spans = [Span { start: 5, end: 8 }];
        assert_eq!(
            marked(text, &spans).into_string(),
            "a &lt;b&gt;<mark>oil</mark>&lt;/b&gt; &amp; gas"
        );
    }

    #[test]
    fn a_column_splits_on_chars_and_past_the_end_marks_nothing() {
        assert_eq!(split_at_column("é “x", 3), ("é ", "“", "x"));
        assert_eq!(split_at_column("🌍(", 2), ("🌍", "(", ""));
        assert_eq!(split_at_column("a AND", 6), ("a AND", "", ""));
        assert_eq!(split_at_column("a", 9), ("a", "", ""));
    }

    #[test]
    fn links_encode_their_values() {
        assert_eq!(
            article_link("corpus/a b&c.txt", 3, "\"oil\""),
            "/article?path=corpus%2Fa%20b%26c.txt&line=3&q=%22oil%22#here"
        );
    }
}
