//! Property tests: the cleaner, passage splitter, query parser, highlighter, KWIC window and
//! quote aligner never panic on any string, every range they return lies on char boundaries,
//! and passages point back at the original file (the right line, only words it holds).
//!
//! 64 cases per property by default, so `cargo test` stays fast; `PROPTEST_CASES=100000 cargo
//! test --release --test properties` runs a long session.

use newsgrep::clean::{self, Format};
use newsgrep::highlight::{self, Span};
use newsgrep::print::window::window;
use newsgrep::quote::{Aligner, Quote};
use newsgrep::{analysis, passage, query};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let mut config = ProptestConfig::default();
    if std::env::var_os("PROPTEST_CASES").is_none() {
        config.cases = 64;
    }
    config.failure_persistence = None;
    config
}

/// Words of news text, with the characters that break naive slicing: curly quotes, accents,
/// emoji, right-to-left, zero-width and control characters, combining marks.
const PIECES: &[&str] = &[
    "the",
    "The",
    "council",
    "said",
    "Trump’s",
    "U.S.",
    "café",
    "naïve",
    "Ærø",
    "straße",
    "“We",
    "never”",
    "‘quote’",
    "—",
    "–",
    "…",
    "...",
    "📰",
    "👨‍👩‍👧",
    "🇺🇸",
    "שלום",
    "مرحبا",
    "\u{202E}rtl\u{202C}",
    "zero\u{200B}width",
    "join\u{200D}er",
    "\u{FEFF}",
    "e\u{301}",
    "\u{7}",
    "\u{1B}[0m",
    "\t",
    "tik",
    "tok",
    "TikTok",
    "data",
    "security",
    "localization",
    "algorithm",
    "Mr.",
    "Dr.",
    "1.5",
    "2024-01-05",
    "(",
    ")",
    "\"",
    "'",
    ".",
    "!",
    "?",
    ",",
    "•",
    "Home",
    "Subscribe",
    "Skip to main content",
    "Related posts",
    "Photo:",
    "©",
    "x",
    "\u{00A0}",
    "\u{2028}",
    "ǅ",
    "İstanbul",
    "ﬁnance",
    "Ω",
    "¼",
];

fn word() -> impl Strategy<Value = &'static str> {
    prop::sample::select(PIECES)
}

/// Lines of words (some blank), as a plain-text article.
fn article_text() -> impl Strategy<Value = String> {
    prop::collection::vec(
        prop::collection::vec(word(), 0..18).prop_map(|ws| ws.join(" ")),
        0..14,
    )
    .prop_map(|lines| lines.join("\n"))
}

/// Any string, biased toward the pieces above.
fn any_text() -> impl Strategy<Value = String> {
    prop_oneof![
        article_text(),
        any::<String>(),
        prop::collection::vec(
            prop_oneof![word().prop_map(String::from), any::<String>()],
            0..30
        )
        .prop_map(|v| v.concat()),
    ]
}

/// HTML built from tags and words, often unbalanced.
fn html_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        word().prop_map(String::from),
        prop::sample::select(
            &[
                "<p>",
                "</p>",
                "<div>",
                "</div>",
                "<h1>",
                "</h1>",
                "<nav>",
                "</nav>",
                "<br>",
                "<script>x<y</script>",
                "<!--",
                "-->",
                "<title>",
                "</title>",
                "&amp;",
                "&#x1F4F0;",
                "&#0;",
                "&bogus;",
                "<meta charset=\"utf-8\">",
                "<a href='/x'>",
                "</a>",
                "<li>",
                "<article>",
                "</article>",
                "<![CDATA[",
                "]]>",
                "<",
                ">",
                "<p class=\"",
                "\n",
            ][..]
        )
        .prop_map(String::from),
        any::<String>(),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

fn assert_spans_on_boundaries(text: &str, spans: &[Span]) {
    for s in spans {
        assert!(s.start < s.end, "empty span {s:?}");
        assert!(s.end <= text.len(), "{s:?} past {}", text.len());
        assert!(
            text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
            "{s:?} not on char boundaries of {text:?}"
        );
    }
    for pair in spans.windows(2) {
        assert!(pair[0].end <= pair[1].start, "overlap {pair:?}");
    }
}

/// The words of `text` as the analysis sees them.
fn words(text: &str) -> Vec<&str> {
    analysis::word_spans(text)
        .into_iter()
        .map(|(s, e)| &text[s..e])
        .collect()
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn cleaner_and_splitter_never_panic_on_text(content in any_text()) {
        let article = clean::clean(&content, Format::Text);
        for p in &article.paragraphs {
            for l in &p.lines {
                prop_assert!(p.text.is_char_boundary(l.offset.min(p.text.len())));
            }
        }
        let _ = passage::split(&article);
    }

    #[test]
    fn cleaner_and_splitter_never_panic_on_html(content in html_text()) {
        let article = clean::clean(&content, Format::Html);
        let _ = passage::split(&article);
    }

    #[test]
    fn passage_line_holds_its_first_words_and_every_word_is_in_the_file(content in article_text()) {
        let article = clean::clean(&content, Format::Text);
        let lines: Vec<&str> = content.lines().collect();
        for p in passage::split(&article) {
            let first = words(&p.text);
            let Some(first) = first.first() else { continue };
            prop_assert!(p.line >= 1 && p.line <= lines.len(), "line {} of {}", p.line, lines.len());
            prop_assert!(
                lines[p.line - 1].contains(first),
                "line {} {:?} lacks {first:?} of passage {:?}", p.line, lines[p.line - 1], p.text
            );
            for w in words(&p.text) {
                prop_assert!(content.contains(w), "{w:?} of {:?} not in the file", p.text);
            }
        }
    }

    #[test]
    fn sentence_ends_are_char_boundaries(text in any_text()) {
        for end in passage::sentence_ends(&text) {
            prop_assert!(text.is_char_boundary(end));
        }
    }

    #[test]
    fn query_parser_never_panics(input in prop_oneof![
        any_text(),
        prop::collection::vec(prop::sample::select(&[
            "(", ")", "\"", "“", "”", "-", "NOT", "OR", "AND", "NEAR(", ",", "~", "~1", "~99999999999",
            "*", "=", "title:", "source:", "path:", "date:", ">=", "..", "2020", "2021-13-45",
            " ", "a", "é", "📰", "\u{200B}", "[", "{", "\\",
        ][..]), 0..30).prop_map(|v| v.concat()),
    ]) {
        let _ = query::parse(&input);
    }

    #[test]
    fn highlights_lie_inside_the_passage_on_char_boundaries(
        text in any_text(),
        terms in prop::collection::vec(word(), 1..5),
        phrase in any::<bool>(),
    ) {
        let q = if phrase { format!("\"{}\"", terms.join(" ")) } else { terms.join(" OR ") };
        if let Ok(parsed) = query::parse(&q) {
            let spans = highlight::spans(&parsed, &text);
            assert_spans_on_boundaries(&text, &spans);
            let w = window(&text, &spans, 80);
            prop_assert!(w.start <= w.end && w.end <= text.len());
            prop_assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
        }
    }

    #[test]
    fn quote_alignment_spans_lie_on_char_boundaries(quote in any_text(), source in any_text()) {
        let q = Quote::new(&quote);
        prop_assert!(quote.starts_with(q.text()));
        let mut aligner = Aligner::new(&q);
        if let Some(a) = aligner.align(&source) {
            prop_assert!(a.span.end <= source.len());
            prop_assert!(source.is_char_boundary(a.span.start) && source.is_char_boundary(a.span.end));
            assert_spans_on_boundaries(&source, &a.highlights);
            prop_assert!((0.0..=1.0).contains(&a.coverage), "coverage {}", a.coverage);
        }
    }
}

#[test]
fn deeply_nested_query_groups_are_refused_not_a_stack_overflow() {
    let query = format!("{}a{}", "(".repeat(100_000), ")".repeat(100_000));
    // Run on a thread with a small stack, as the binary's main thread could be.
    let outcome = std::thread::Builder::new()
        .stack_size(256 * 1024)
        .spawn(move || query::parse(&query).is_err())
        .expect("thread")
        .join();
    assert_eq!(outcome.ok(), Some(true));
}

/// Found by the `passage_split` fuzz target: a line of only control characters opened a
/// paragraph joined with the next line, and the passage was cited at that wordless line.
#[test]
fn passage_after_a_wordless_line_is_cited_at_its_first_word() {
    for wordless in ["\u{15}".repeat(41), "•".into(), "\u{200B}".into()] {
        let content = format!(
            "Decree Targets WeChat\n\nIn a reaction, the company said Trump is interfering in the takeover talks between the video app and Microsoft.\n{wordless}\nBesides TikTok, the U.S. government is now also targeting WeChat with a similar decree; this too will take effect in 45 days’ time.\n"
        );
        let article = clean::clean(&content, Format::Text);
        for p in passage::split(&article) {
            if p.text.contains("Besides") && !p.text.contains("reaction") {
                assert_eq!(p.line, 5, "{wordless:?}: {p:?}");
            }
            if let Some(first) = words(&p.text).first() {
                let line = content.lines().nth(p.line - 1).unwrap_or_default();
                assert!(line.contains(first), "{wordless:?}: {p:?}");
            }
        }
    }
}
