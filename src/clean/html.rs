//! HTML pages: the markup is mended ([`markup`]) and parsed, the story is found in the DOM
//! ([`dom`]), its blocks cleaned like text lines.
//!
//! Metadata comes from the markup first (the headline: [`headline`]; `article:published_time`,
//! JSON-LD `datePublished`, `<time datetime>`: [`date`]), the visible text second.
//! Line numbers point into the HTML source: each block is found in the page's visible text
//! ([`source_text`]), searched forward from the previous block, so it is cited where its words
//! stand in the body, never at a `<meta>` line or a script that repeats them.

use super::date;
use super::dom::{self, Block};
use super::headline::{self, Headline};
use super::markup;
use super::source_text::SourceText;
use super::{text, Article, LineStart, Paragraph, Removed, SiteChrome};
use scraper::{Html, Selector};

/// Cleans an HTML page, dropping the blocks `chrome` says its site repeats (the tests' entry:
/// the indexer passes the page's address when it has one).
#[cfg(test)]
pub fn clean_html(html: &str, chrome: &SiteChrome) -> Article {
    clean_html_from(html, chrome, None)
}

/// Cleans an HTML page, dropping the blocks `chrome` says its site repeats. `address` is where
/// it was fetched from (a web archive's or a scraper's record): where the page names no address
/// of its own, the date in that one's path counts as the page's would.
pub fn clean_html_from(html: &str, chrome: &SiteChrome, address: Option<&str>) -> Article {
    let doc = Html::parse_document(&markup::mend(html));
    let blocks = dom::story_blocks(&doc);
    let mut page = page_meta(&doc);
    if page.url_date.is_none() {
        page.url_date = address.and_then(date::url_date);
    }
    // The date shown beside the headline is the one a reader takes for the article's.
    let texts: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
    let language = page.dates.language.as_deref();
    let byline_date = [
        page.headline.h1_passed_over.as_deref(),
        page.headline.title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .find_map(|t| date::byline_date(&texts, t, language))
    .or_else(|| {
        // Under an h1 that is only like the title, a date may be the story's ("My story
        // begins on November 7"): it counts where the markup or the address states it too.
        let b = date::byline_date(&texts, page.headline.h1_like_title.as_deref()?, language)?;
        let dates = &page.dates;
        let stated = dates.published.as_ref().is_some_and(|p| p.is(&b.date))
            || dates.modified.as_deref() == Some(b.date.as_str())
            || page.url_date.as_deref() == Some(b.date.as_str());
        stated.then_some(b)
    });
    let source = SourceText::new(html);
    let mut cursor = 0;
    let mut last_line = 1;
    // A date in the prose counts only where it is labelled as the article's.
    // In the story a line holding only a date counts too; in the page around it (related
    // posts, archives) only a labelled one: a byline's "Published ..." often stands there.
    // A label and its date may stand in elements of their own ("Published" / "Feb 2, 2023").
    let prose_date = blocks.iter().enumerate().find_map(|(i, b)| {
        let language = page.dates.language.as_deref();
        date::labelled_date(&b.text, b.dropped.is_none(), language).or_else(|| {
            blocks
                .get(i + 1)
                .and_then(|next| date::label_then_date(&b.text, &next.text, language))
        })
    });
    let mut cut_headline = page.headline.cut_headline.take();
    let mut paragraphs = Vec::with_capacity(blocks.len());
    let mut link_dense = Vec::with_capacity(blocks.len());
    let mut dropped = Vec::new();
    for Block {
        text,
        heading,
        link_density,
        dropped: reason,
        ..
    } in blocks
    {
        // A block not found in the source (text a parser repaired) takes the line of the one
        // before it.
        let lines = match source.locate(&text, cursor) {
            Some((end, lines)) => {
                cursor = end;
                lines
            }
            None => vec![LineStart {
                offset: 0,
                line: last_line,
            }],
        };
        last_line = lines.last().map_or(last_line, |l| l.line);
        // A headline whose title is one of its fields stays in the story even where the page
        // around it is dropped: its other fields' words are nowhere else.
        let kept_headline = reason.is_some() && cut_headline.as_deref() == Some(text.as_str());
        if kept_headline {
            cut_headline = None;
        }
        if let Some(reason) = reason.filter(|_| !kept_headline) {
            let line = lines.first().map_or(last_line, |l| l.line);
            dropped.push(Removed { line, text, reason });
            continue;
        }
        link_dense.push(link_density > 0.5 && !heading);
        paragraphs.push(Paragraph { text, lines });
    }
    let mut article = text::clean_blocks(
        paragraphs,
        &link_dense,
        page.headline.title.as_deref(),
        chrome,
    );
    if page.headline.title.is_some() {
        article.title = page.headline.title;
    }
    // A title is one field of a longer one only where the other fields' words can still be
    // found: in the story or the source. Otherwise the whole title stays, so no word is lost.
    if let Some(whole) = page.headline.whole_title {
        let source = page.headline.source.as_deref().unwrap_or_default();
        if !words_found(
            &whole,
            &[article.title.as_deref().unwrap_or_default(), source],
            &article.body(),
        ) {
            article.title = Some(whole);
        }
    }
    article.title_line = article.title.as_deref().and_then(|t| source.title_line(t));
    if page.headline.source.is_some() {
        article.source = page.headline.source;
    }
    article.date = date::article_date(byline_date, &page.dates, page.url_date, prose_date);
    // Every word left out is listed: the page's chrome beside what the story's cleaning dropped.
    article.removed.extend(dropped);
    article.removed.sort_by_key(|r| r.line);
    article
}

/// What the page's markup says about it.
struct PageMeta {
    headline: Headline,
    dates: date::MarkupDates,
    /// The date in the path of the page's own address.
    url_date: Option<String>,
}

pub(super) fn squeeze(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The value of `attr` of the first element `css` selects where it is not blank, whitespace
/// squeezed.
pub(super) fn select_attr(doc: &Html, css: &str, attr: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .filter_map(|e| e.value().attr(attr))
        .map(squeeze)
        .find(|s| !s.is_empty())
}

pub(super) fn select_text(doc: &Html, css: &str) -> Option<String> {
    let sel = Selector::parse(css).ok()?;
    doc.select(&sel)
        .map(|e| squeeze(&e.text().collect::<String>()))
        .find(|s| !s.is_empty())
}

fn page_meta(doc: &Html) -> PageMeta {
    PageMeta {
        headline: headline::of(doc),
        dates: date::markup_dates(doc),
        // Either names the page's own address: a canonical link without a date in its path
        // (or not an address at all) leaves `og:url`'s to be read.
        url_date: select_attr(doc, r#"link[rel="canonical"]"#, "href")
            .and_then(|url| date::url_date(&url))
            .or_else(|| {
                // Some templates write Open Graph's property as a `name`.
                select_attr(
                    doc,
                    r#"meta[property="og:url"], meta[name="og:url"]"#,
                    "content",
                )
                .and_then(|url| date::url_date(&url))
            }),
    }
}

/// Whether every word of `text` is in one of `texts` or in `body` (compared in lower case).
fn words_found(text: &str, texts: &[&str], body: &str) -> bool {
    let words = |t: &str| -> std::collections::HashSet<String> {
        crate::analysis::WordSpans::new(t)
            .map(|(s, e)| t[s..e].to_lowercase())
            .collect()
    };
    let mut found = words(body);
    for t in texts {
        found.extend(words(t));
    }
    words(text).is_subset(&found)
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = r#"<!doctype html>
<html><head>
<title>Talks resume in Geneva | The Daily Example</title>
<meta property="og:site_name" content="The Daily Example">
<meta property="article:published_time" content="2021-03-04T10:00:00Z">
</head><body>
<nav><a href="/">Home</a> <a href="/world">World</a> <a href="/sport">Sport</a></nav>
<div class="sidebar"><a href="/a">Other story one</a><a href="/b">Other story two</a></div>
<article class="story">
<h1>Talks resume in Geneva</h1>
<p>Negotiators from both sides met on Thursday in Geneva, the first round of talks since the
summer, officials said.</p>
<p>The talks, which had stalled over data rules, are expected to last two days, according to
people familiar with the plans &amp; the agenda.</p>
</article>
<footer>Copyright 2021 The Daily Example. All rights reserved.</footer>
</body></html>"#;

    #[test]
    fn the_story_container_is_kept_and_chrome_is_not() {
        let a = clean_html(PAGE, &SiteChrome::default());
        let body = a.body();
        assert!(body.starts_with("Negotiators from both sides met on Thursday in Geneva"));
        assert!(body.contains("people familiar with the plans & the agenda."));
        assert!(!body.contains("Other story"));
        assert!(!body.contains("Home"));
        assert!(!body.contains("All rights reserved"));
        assert!(!body.contains("Talks resume in Geneva"));
    }

    /// A page of `PAGE`'s story inside `open` ... `close`, with a search box and a link list.
    fn wrapped(open: &str, close: &str) -> String {
        let story = PAGE
            .split("<article class=\"story\">")
            .nth(1)
            .and_then(|s| s.split("</article>").next())
            .unwrap_or_default();
        let links: String = (0..30)
            .map(|i| format!("<li><a href=\"/a{i}\">Archive month {i}</a></li>"))
            .collect();
        format!(
            "<html><body>{open}<input name=q><button>Search</button>\
             <ul>{links}</ul><article>{story}</article>{close}</body></html>"
        )
    }

    #[test]
    fn a_form_around_the_whole_page_keeps_the_story() {
        let body = clean_html(
            &wrapped("<form method=post>", "</form>"),
            &SiteChrome::default(),
        )
        .body();
        assert!(body.starts_with("Negotiators from both sides met on Thursday in Geneva"));
        assert!(!body.contains("Search"));
    }

    #[test]
    fn a_chrome_named_box_around_the_whole_page_keeps_the_story() {
        let body = clean_html(
            &wrapped("<div class=\"navbar navbar-fixed-top\">", "</div>"),
            &SiteChrome::default(),
        )
        .body();
        assert!(body.starts_with("Negotiators from both sides met on Thursday in Geneva"));
        assert!(!body.contains("Archive month"));
    }

    #[test]
    fn a_story_split_into_chunks_of_the_same_class_is_kept_whole() {
        let chunk = |words: &str| {
            format!(
                "<div class=\"grid\"><div class=\"body__chunk\"><p>{words} The negotiators met \
                 on Thursday in Geneva, the first round of talks since the summer, officials \
                 said, and they will meet again soon.</p><p>The talks, which had stalled over \
                 data rules, are expected to last two days, people familiar with them said.</p>\
                 </div><aside>Ad</aside></div>"
            )
        };
        let page = format!(
            "<html><body><div class=\"chunks\">{}{}</div></body></html>",
            chunk("First part."),
            chunk("Second part.")
        );
        let body = clean_html(&page, &SiteChrome::default()).body();
        assert!(body.starts_with("First part."), "{body}");
        assert!(body.contains("Second part."), "{body}");
    }

    #[test]
    fn a_story_in_widgets_of_their_own_class_is_kept_whole() {
        // A page builder gives each text widget a class of its own, under wrappers of its own:
        // no one box holds the story, and the nearest box that holds the close runners-up does.
        let widget = |n: usize, words: &str| {
            format!(
                "<section class=\"row row-{n}\"><div class=\"col col-{n}\"><div class=\"widget w-{n}\">\
                 <p>{words} The negotiators met on Thursday in Geneva, the first round of talks \
                 since the summer, officials said, and they will meet again soon, perhaps in \
                 Vienna, perhaps in Oslo.</p><p>The talks, which had stalled over data rules, \
                 are expected to last two days, people familiar with them said.</p></div></div>\
                 </section>"
            )
        };
        let parts = ["First part.", "Second part.", "Third part.", "Fourth part."];
        let page = format!(
            "<html><body><nav><a href=\"/\">Home</a></nav><main class=\"page\">{}</main>\
             <footer>Copyright 2021 The Daily Example.</footer></body></html>",
            parts
                .iter()
                .enumerate()
                .map(|(n, w)| widget(n, w))
                .collect::<String>()
        );
        let body = clean_html(&page, &SiteChrome::default()).body();
        for part in parts {
            assert!(body.contains(part), "{part} lost: {body}");
        }
        assert!(!body.contains("Copyright"), "{body}");
    }

    #[test]
    fn a_read_next_box_inside_the_story_does_not_end_it() {
        let para = |w: &str| {
            format!(
                "<p>{w} The negotiators met on Thursday in Geneva, the first round of talks \
                 since the summer, officials said, and they will meet again soon. The talks, \
                 which had stalled over data rules, are expected to last two days, according \
                 to people familiar with the plans.</p>"
            )
        };
        let teaser = |w: &str| {
            format!("<h3><a href=\"/{w}\">{w} wins the cup</a></h3><p>A short excerpt of {w}.</p>")
        };
        let page = format!(
            "<html><body><article>{}{}<h3>Read Next</h3><ul><li><a href=\"/a\">One</a></li>\
             <li><a href=\"/b\">Two</a></li><li><a href=\"/c\">Three</a></li></ul>{}{}\
             <h2>Related posts</h2>{}{}{}</article></body></html>",
            para("First."),
            para("Second."),
            para("Third."),
            para("Fourth."),
            teaser("Alpha"),
            teaser("Beta"),
            teaser("Gamma"),
        );
        let a = clean_html(&page, &SiteChrome::default());
        let body = a.body();
        for w in ["First.", "Second.", "Third.", "Fourth."] {
            assert!(body.contains(w), "{w} lost: {body}");
        }
        assert!(!body.contains("excerpt"), "{body}");
    }

    #[test]
    fn metadata_comes_from_the_markup() {
        let a = clean_html(PAGE, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(a.source.as_deref(), Some("The Daily Example"));
        assert_eq!(a.date.as_deref(), Some("2021-03-04"));
    }

    #[test]
    fn paragraphs_point_at_their_source_lines() {
        let a = clean_html(PAGE, &SiteChrome::default());
        let lines: Vec<usize> = a.paragraphs.iter().map(|p| p.lines[0].line).collect();
        assert_eq!(lines, [11, 13]);
    }

    #[test]
    fn a_paragraph_repeated_in_the_meta_description_is_cited_in_the_body() {
        let page = "<html><head>\n<meta name=\"description\" content=\"Negotiators from both \
                    sides met on Thursday in Geneva.\">\n<script>var lede = \"Negotiators from \
                    both sides met\";</script>\n</head><body><article>\n<p>Negotiators from \
                    both sides met on Thursday in Geneva, the first round of talks since the \
                    summer, officials said.</p>\n</article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        let lines: Vec<usize> = a.paragraphs.iter().map(|p| p.lines[0].line).collect();
        assert_eq!(lines, [5]);
    }

    #[test]
    fn a_long_paragraph_over_several_lines_cites_each_passage_at_its_line() {
        let first = "Negotiators met in Geneva on Thursday, officials said. ".repeat(10);
        let page = format!(
            "<html><body><article>\n<p>{first}\nThe talks are expected to last two days, \
             people familiar with the plans said.</p>\n</article></body></html>"
        );
        let a = clean_html(&page, &SiteChrome::default());
        let passages = crate::passage::split(&a);
        let last = passages.last().map(|p| (p.line, p.text.as_str()));
        assert_eq!(
            last,
            Some((
                3,
                "The talks are expected to last two days, people familiar with the plans said."
            ))
        );
    }

    #[test]
    fn a_title_not_in_the_body_is_cited_at_the_title_element() {
        let page = PAGE.replace("<h1>Talks resume in Geneva</h1>", "");
        let a = clean_html(&page, &SiteChrome::default());
        let passages = crate::passage::split(&a);
        assert_eq!(
            passages.first().map(|p| (p.line, p.text.as_str())),
            Some((3, "Talks resume in Geneva"))
        );
    }

    #[test]
    fn link_text_classed_like_chrome_stays_in_its_sentence() {
        let page = "<html><body><article><p>I absolutely adore <a href=\"/bread\" \
                    class=\"tag promo\">baking homemade bread</a>. When I have time on the \
                    weekend, I bake two loaves, and my family eats them within the day.</p>\
                    </article></body></html>";
        let body = clean_html(page, &SiteChrome::default()).body();
        assert!(
            body.starts_with("I absolutely adore baking homemade bread. When I have time"),
            "{body}"
        );
    }

    #[test]
    fn inline_tags_add_no_space_before_punctuation() {
        let page = "<html><body><article><p>Wake up <em>early</em>. The dough needs \
                    <strong>four hours</strong> to rise, so start before breakfast and keep it \
                    somewhere <a href=\"/warm\">warm</a>, out of the draught.</p>\
                    </article></body></html>";
        let body = clean_html(page, &SiteChrome::default()).body();
        assert_eq!(
            body,
            "Wake up early. The dough needs four hours to rise, so start before breakfast and \
             keep it somewhere warm, out of the draught."
        );
    }

    #[test]
    fn inline_boxes_side_by_side_keep_their_words_apart() {
        let page = "<html><body><article><h2><a href=\"/earth-ball\">Earth Ball</a><em>Outside \
                    Over There</em></h2><p>The album of the year was recorded in a barn over \
                    <b>t</b>wo winters, the band said in an interview last week.</p>\
                    </article></body></html>";
        let body = clean_html(page, &SiteChrome::default()).body();
        assert!(body.contains("Earth Ball Outside Over There"), "{body}");
        assert!(body.contains("over two winters"), "{body}");
    }

    #[test]
    fn a_date_in_a_history_sentence_does_not_date_the_page() {
        let page = "<html><body><article><p>Ship found</p><p>On 30 January 1945 the ship \
                    sank off the coast, and divers have now found it, the museum said.</p>\
                    <p>January 30, 1945</p></article></body></html>";
        let bare = clean_html(page, &SiteChrome::default());
        assert_eq!(bare.date.as_deref(), Some("1945-01-30"));
        let page = page.replace("<p>January 30, 1945</p>", "");
        assert_eq!(clean_html(&page, &SiteChrome::default()).date, None);
    }

    #[test]
    fn the_title_is_the_headline_the_page_shows() {
        let page = PAGE.replace(
            "<title>Talks resume in Geneva | The Daily Example</title>",
            "<title>Geneva talks: what to expect | The Daily Example</title>\
             <meta property=\"og:title\" content=\"Geneva talks: what to expect\">",
        );
        let a = clean_html(&page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("Talks resume in Geneva"));
        assert_eq!(a.source.as_deref(), Some("The Daily Example"));
    }

    /// A page with `head` in its head and `byline` under its headline.
    fn dated_page(head: &str, byline: &str) -> String {
        format!(
            "<html><head><title>How to rent a car | Driving Tests</title>{head}</head><body>\
             <article><h1>How to rent a car</h1><p>{byline}</p><p>Renting a car takes a \
             licence, a card and some patience, and the counter staff will check all three \
             before they hand over the keys, the guide says.</p></article></body></html>"
        )
    }

    #[test]
    fn an_open_graph_address_written_as_a_name_dates_the_page() {
        let page = dated_page(
            r#"<meta name="og:url" content="https://example.com/2026/03/02/rent-a-car">"#,
            "By Jane Doe",
        );
        let a = clean_html(&page, &SiteChrome::default());
        assert_eq!(a.date.as_deref(), Some("2026-03-02"));
    }

    #[test]
    fn the_date_the_byline_shows_wins_over_the_markups() {
        let page = dated_page(
            r#"<meta property="article:published_time" content="2012-09-12T16:45:28+00:00">"#,
            "By Jane Doe · September 8, 2021",
        );
        let a = clean_html(&page, &SiteChrome::default());
        assert_eq!(a.date.as_deref(), Some("2021-09-08"));
    }

    /// A JSON-LD article node with these dates.
    fn ld(published: &str, modified: &str) -> String {
        format!(
            r#"<script type="application/ld+json">{{"@context":"https://schema.org",
            "@type":"BlogPosting","headline":"How to rent a car","datePublished":"{published}",
            "dateModified":"{modified}"}}</script>"#
        )
    }

    #[test]
    fn an_update_shown_alone_is_settled_by_where_the_markup_states_the_publication() {
        // The byline shows when the page was updated, the markup when it was published.
        let byline = "Updated : December 04, 2025 | Reviewed by the editors";
        let og = r#"<meta property="article:published_time" content="2024-02-27T10:00:00Z">"#;
        let ld = ld("2024-02-27T10:00:00Z", "2025-12-04T08:00:00Z");
        let date = |head: &str| clean_html(&dated_page(head, byline), &SiteChrome::default()).date;
        // Open Graph alone: the publication the page states.
        assert_eq!(date(og).as_deref(), Some("2024-02-27"));
        // JSON-LD alone: the date the reader sees.
        assert_eq!(date(&ld).as_deref(), Some("2025-12-04"));
        // Both: the page does not settle it.
        assert_eq!(date(&format!("{og}{ld}")), None);
        // Without a published date in the markup the update's date is the only one stated.
        assert_eq!(date("").as_deref(), Some("2025-12-04"));
    }

    #[test]
    fn a_byline_showing_the_markups_modified_date_is_settled_likewise() {
        let og = r#"<meta property="article:published_time" content="2024-09-06T13:12:36+00:00">
            <meta property="article:modified_time" content="2025-11-14T09:00:00+00:00">"#;
        let ld = ld("2024-09-06T13:12:36+00:00", "2025-11-14T09:00:00+00:00");
        let date = |head: &str| {
            clean_html(
                &dated_page(head, "By Jane Doe · November 14, 2025"),
                &SiteChrome::default(),
            )
            .date
        };
        assert_eq!(date(og).as_deref(), Some("2024-09-06"));
        assert_eq!(date(&ld).as_deref(), Some("2025-11-14"));
        assert_eq!(date(&format!("{og}{ld}")), None);
    }

    #[test]
    fn a_byline_a_day_from_a_utc_stamp_gives_no_date_unless_the_page_settles_it() {
        let og = r#"<meta property="article:published_time" content="2021-12-10T12:17:00+00:00">"#;
        let head = format!("{og}{}", ld("2021-12-10T12:17:00+00:00", "2021-12-10"));
        let date = |head: &str| {
            clean_html(
                &dated_page(head, "Sourdough · December 9, 2021"),
                &SiteChrome::default(),
            )
            .date
        };
        assert_eq!(date(&head), None);
        let canonical =
            r#"<link rel="canonical" href="https://blog.example.org/2021/12/09/rent-a-car">"#;
        assert_eq!(
            date(&format!("{head}{canonical}")).as_deref(),
            Some("2021-12-09")
        );
        // Open Graph alone states the publication.
        assert_eq!(date(og).as_deref(), Some("2021-12-10"));
    }

    #[test]
    fn a_byline_that_agrees_with_the_utc_day_of_the_stamp_dates_the_page() {
        // 19:30 in California on 14 May is 15 May in UTC: both are the same moment.
        let head =
            r#"<meta property="article:published_time" content="2025-05-14T19:30:03-07:00">"#;
        let a = clean_html(
            &dated_page(head, "By Jane Doe · May 15, 2025"),
            &SiteChrome::default(),
        );
        assert_eq!(a.date.as_deref(), Some("2025-05-15"));
    }

    #[test]
    fn a_page_dated_nowhere_else_is_dated_by_its_address() {
        let head =
            r#"<link rel="canonical" href="https://blog.example.org/2025/12/19/rent-a-car">"#;
        let a = clean_html(&dated_page(head, "By Jane Doe"), &SiteChrome::default());
        assert_eq!(a.date.as_deref(), Some("2025-12-19"));
        let a = clean_html(&dated_page("", "By Jane Doe"), &SiteChrome::default());
        assert_eq!(a.date, None);
    }

    #[test]
    fn a_canonical_link_without_a_date_leaves_og_url_to_settle_a_byline_in_figures() {
        // `03/10/2023` reads as 3 October or 10 March; the address says which.
        let og_url = r#"<meta property="og:url" content="https://example.org/blog/2023/october/03/wine-types">"#;
        for canonical in [
            "",
            r#"<link rel="canonical" href="https://example.org/blog/wine-types">"#,
            r#"<link rel="canonical" href="What are the different types of wine?">"#,
        ] {
            let page = dated_page(&format!("{canonical}{og_url}"), "By Jane Doe 03/10/2023");
            let a = clean_html(&page, &SiteChrome::default());
            assert_eq!(a.date.as_deref(), Some("2023-10-03"), "{canonical}");
        }
        let a = clean_html(
            &dated_page("", "By Jane Doe 03/10/2023"),
            &SiteChrome::default(),
        );
        assert_eq!(a.date, None);
    }

    #[test]
    fn a_line_break_or_a_block_inside_the_headline_parts_its_words() {
        for h1 in [
            "Prices rise again<br>What it means for renters",
            "Prices rise again<div>What it means for renters</div>",
            "Prices rise again <script>var x = \"junk\";</script><br>What it means for \
             renters<span hidden>Subscribe now</span>",
        ] {
            let page = format!(
                "<html><head><title>Prices rise again | The Daily Example</title></head><body>\
                 <article><h1>{h1}</h1><p>Rents rose for the sixth month in a row, the city's \
                 housing office said on Monday, and tenants' groups asked for a freeze.</p>\
                 </article></body></html>"
            );
            let a = clean_html(&page, &SiteChrome::default());
            assert_eq!(
                a.title.as_deref(),
                Some("Prices rise again What it means for renters"),
                "{h1}"
            );
        }
    }

    #[test]
    fn a_lone_h1_holding_the_sites_name_gives_way_to_the_markups_title() {
        let page = "<html><head><title>A brief intro to git • Cory Dransfeldt</title></head>\
                    <body><header><h1>Cory Dransfeldt</h1></header><article><p>Git tracks \
                    changes to files, and this post walks through the handful of commands \
                    that cover most days of work with it.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("A brief intro to git"));
    }

    #[test]
    fn an_h1_holding_the_sites_name_gives_way_even_when_it_shares_a_word() {
        // "Yoga" is in both: the h1 is still the name the title gives the site.
        let page = "<html><head><meta property=\"og:title\" content=\"Yoga won't fix the \
                    plumbing\"><title>Yoga won't fix the plumbing – Yoga Pathways</title></head>\
                    <body><header><h1>Yoga Pathways</h1></header><article><p>The pipes burst \
                    in January, and a week of mats on a wet floor taught the studio more than \
                    any retreat.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("Yoga won't fix the plumbing"));
    }

    #[test]
    fn an_og_title_holding_only_the_sites_name_gives_way_to_the_title_element() {
        let page = "<html><head><meta property=\"og:title\" content=\"Robomow\">\
                    <meta property=\"og:site_name\" content=\"Robomow\"><title>Which robotic \
                    lawnmower suits which lawn? | Robomow</title></head><body><article><h1>Which \
                    robotic lawnmower suits which lawn?</h1><p>It all depends on the area a \
                    mower covers in an hour, and on how steep the slopes are.</p></article>\
                    </body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Which robotic lawnmower suits which lawn?")
        );
    }

    #[test]
    fn the_same_h1_twice_counts_as_one() {
        // A template's mobile and desktop headers: the lone h1 is the headline, though it
        // shares only half its words with the markup's title.
        let page = "<html><head><title>How do you set up an ergonomic workstation? | Logitech\
                    </title></head><body><div class=\"mobile\"><h1>Setting up an ergonomic \
                    workspace</h1></div><article><h1>Setting up an ergonomic workspace</h1><p>Five \
                    steps to a setup that feels better by the end of the day, from the chair \
                    to the screen.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Setting up an ergonomic workspace")
        );
    }

    #[test]
    fn a_date_set_in_the_headlines_element_is_not_part_of_the_headline() {
        let page = |h1: &str| {
            format!(
                "<html><head><meta property=\"og:title\" content=\"Preparing a transition in Debusine\">\
                 </head><body><article><h1>{h1}</h1><p>Debusine runs the archive's \
                 transitions now, and this post shows how one was prepared.</p></article>\
                 </body></html>"
            )
        };
        let time = "<time datetime=\"2025-12-18T13:21:19+00:00\">Dec <span>18</span> 2025</time>";
        for h1 in [
            format!("<a href=\"/p\">{time} Preparing a transition in Debusine</a>"),
            format!("Preparing a transition in Debusine {time}"),
        ] {
            let a = clean_html(&page(&h1), &SiteChrome::default());
            assert_eq!(
                a.title.as_deref(),
                Some("Preparing a transition in Debusine"),
                "{h1}"
            );
        }
        // Between the headline's words, the date is part of it.
        let a = clean_html(
            &page(&format!("What changed on {time} in Debusine")),
            &SiteChrome::default(),
        );
        assert_eq!(
            a.title.as_deref(),
            Some("What changed on Dec 18 2025 in Debusine")
        );
    }

    #[test]
    fn a_heading_showing_the_markups_title_is_the_headline_over_a_pull_quote_h1() {
        let page = |h1: &str| {
            format!(
                "<html><head><title>What do people love about Rust? | Rust Blog</title></head>\
                 <body><article><h2>What do people love about Rust?</h2><p>Dec. 19, 2025 · Niko \
                 Matsakis</p><p>We asked people what they love about the language, and the \
                 answers came back by the hundred.</p><h1>{h1}</h1><p>Each piece is needed for \
                 the whole to work, one of them wrote.</p></article></body></html>"
            )
        };
        let a = clean_html(
            &page("But what they love is the sense of empowerment"),
            &SiteChrome::default(),
        );
        assert_eq!(a.title.as_deref(), Some("What do people love about Rust?"));
        assert_eq!(a.date.as_deref(), Some("2025-12-19"));
        // An h1 that is the markup's title stays the headline.
        let a = clean_html(
            &page("What do people love about Rust?"),
            &SiteChrome::default(),
        );
        assert_eq!(a.title.as_deref(), Some("What do people love about Rust?"));
    }

    #[test]
    fn the_byline_under_an_h1_passed_over_for_a_heading_still_dates_the_page() {
        let page = "<html><head><meta property=\"og:title\" content=\"How Does Robot Vacuum \
                    Mapping Work\"></head><body><article><h1>How Do Vacuum Robots with Mapping \
                    Navigate?</h1><h5>By Ecovacs · Nov 6, 2024</h5><p>A robot vacuum maps a room \
                    with a laser or a camera and plans its path from the map, then cleans it row \
                    by row, and it keeps the map for the next time, so that a second run takes \
                    less time than the first and misses fewer corners.</p><h2>How Does Robot Vacuum \
                    Mapping Work</h2><p>The laser turns and measures how far each wall is, \
                    several thousand times a second.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("How Does Robot Vacuum Mapping Work")
        );
        assert_eq!(a.date.as_deref(), Some("2024-11-06"));
    }

    #[test]
    fn the_byline_under_the_h1_most_like_a_title_not_shown_counts_where_the_markup_agrees() {
        let page = |modified: &str, byline: &str| {
            format!(
                "<html><head><meta property=\"og:title\" content=\"Our favourite biking spots in \
                 Houston\"><meta property=\"og:updated_time\" content=\"{modified}\"></head><body>\
                 <header><h1>Next in your guide to Houston</h1></header><article><h1>The best \
                 trails in Houston for biking</h1><p>{byline}</p><p>The bayou trails run for \
                 miles without a car in sight, and the city keeps adding to them.</p></article>\
                 </body></html>"
            )
        };
        let date =
            |modified, byline| clean_html(&page(modified, byline), &SiteChrome::default()).date;
        let byline = "By Daniel Renfrow · April 12, 2024";
        assert_eq!(
            date("2024-04-12 08:02:41 -0500", byline).as_deref(),
            Some("2024-04-12")
        );
        // A date the markup does not state is not taken from under a mere likeness.
        assert_eq!(date("2024-05-02 08:02:41 -0500", byline), None);
        let story = "My story begins on Friday, April 12, 2024, when the trail opened.";
        assert_eq!(date("2025-11-07", story), None);
    }

    #[test]
    fn a_span_a_class_sets_as_a_block_parts_the_headlines_words() {
        let page = "<html><head><title>Notion alternatives</title></head><body><article><h1>\
                    The Best Notion Alternatives<span class=\"block text-sm\">Top Note-taking \
                    Tools</span></h1><p>Notion does much, and these tools do parts of it \
                    better, cheaper or offline.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("The Best Notion Alternatives Top Note-taking Tools")
        );
    }

    #[test]
    fn the_sites_name_after_the_markups_title_is_cut_even_with_figures() {
        let page = "<html><head><meta property=\"og:title\" content=\"Open-sourcing the CORE One \
                    CAD files - Original Prusa 3D Printers\"><meta property=\"og:site_name\" \
                    content=\"Original Prusa 3D Printers\"></head><body><article><p>The CAD \
                    files of the printer are public now, under a licence written for the \
                    community.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Open-sourcing the CORE One CAD files")
        );
        assert_eq!(a.source.as_deref(), Some("Original Prusa 3D Printers"));
    }

    #[test]
    fn the_sites_name_run_on_after_the_headline_is_cut() {
        let page = "<html><head><title>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst \
                    - Artlyst</title><meta property=\"og:site_name\" content=\"Artlyst\"></head>\
                    <body><article><h1>Critics’ Choice: Best UK Art Exhibitions 2025 – Artlyst</h1>\
                    <p>Our critics chose the exhibitions of the year, from Tate Modern to a small \
                    gallery in Margate, and say why each is worth the journey.</p></article>\
                    </body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Critics’ Choice: Best UK Art Exhibitions 2025")
        );
        assert_eq!(a.source.as_deref(), Some("Artlyst"));
    }

    #[test]
    fn the_byline_is_found_under_a_headline_in_another_case_than_the_title() {
        let page = "<html><head><title>How Much Should I Pay For Cleaning?</title>\
                    <meta property=\"article:published_time\" content=\"2025-11-05\">\
                    <meta property=\"article:modified_time\" content=\"2025-11-05\"></head>\
                    <body><article><h2>HOW MUCH SHOULD I PAY FOR CLEANING?</h2><p>January 31, \
                    2024</p><p>Hiring a cleaner for your business costs what the rooms, the \
                    hours and the kind of cleaning ask for, and this guide says how much.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("How Much Should I Pay For Cleaning?")
        );
        assert_eq!(a.date.as_deref(), Some("2024-01-31"));
    }

    #[test]
    fn of_several_h1s_the_one_closest_to_the_markups_title_is_the_headline() {
        let page = "<html><head><title>Budget Traveler's Guide To Travel Insurance - Budget \
                    Travel With Gabby</title></head><body><header><h1>Budget Travel With \
                    Gabby</h1></header><article><h1>Budget Traveler’s Guide To Travel \
                    Insurance</h1><p>Travel insurance covers the trip you paid for, and this \
                    guide says which plan fits which kind of traveller and budget.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Budget Traveler’s Guide To Travel Insurance")
        );
    }

    #[test]
    fn a_headline_set_in_capitals_takes_the_markups_spelling() {
        let page = "<html><head><title>Tips for Online Success</title></head><body><article>\
                    <h1>TIPS FOR ONLINE SUCCESS</h1><p>Online classes ask for the same hours as \
                    classes on campus, and these tips help students plan the week ahead.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("Tips for Online Success"));
    }

    #[test]
    fn a_section_after_a_pipe_leaves_the_headline_and_stays_in_the_body() {
        let page = "<html><head><meta property=\"og:title\" content=\"How meditation rewires \
                    brains | Opinion\"><title>How meditation rewires brains | Opinion | The \
                    Daily Example</title></head><body><article><h1>How meditation rewires \
                    brains | Opinion</h1><p>Ten minutes of quiet a day changes how the brain \
                    handles stress, a study of two hundred adults found this year.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(a.title.as_deref(), Some("How meditation rewires brains"));
        assert!(a.body().contains("Opinion"), "{}", a.body());
    }

    #[test]
    fn of_the_fields_parted_by_pipes_the_longest_is_the_headline() {
        let page = "<html><head><title>Transport | Why the buses run late every winter | The \
                    Daily Example</title></head><body><article><h1>Transport | Why the buses \
                    run late every winter</h1><p>Ice on the depot's doors and drivers off sick \
                    leave the city short of buses each January, the operator's figures show.</p>\
                    </article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Why the buses run late every winter")
        );
        assert!(a.body().starts_with("Transport | Why"), "{}", a.body());
    }

    #[test]
    fn a_headline_outside_the_story_whose_title_is_one_field_stays_in_the_body() {
        let page = "<html><head><title>Transport | Why the buses run late every winter</title>\
                    </head><body><div class=\"page-header\"><h1>Transport | Why the buses run \
                    late every winter</h1></div><div class=\"entry-content\"><p>Ice on the \
                    depot's doors and drivers off sick leave the city short of buses each \
                    January, the operator's figures show.</p><p>The operator said new heaters \
                    would be fitted before the next cold spell, at a cost it did not give.</p>\
                    </div></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Why the buses run late every winter")
        );
        assert!(a.body().starts_with("Transport | Why"), "{}", a.body());
    }

    #[test]
    fn a_title_keeps_its_fields_whose_words_the_page_has_nowhere_else() {
        let page = "<html><head><title>Transport | Why the buses run late every winter | The \
                    Daily Example</title></head><body><article><p>Ice on the depot's doors and \
                    drivers off sick leave the city short of buses each January, the operator's \
                    figures show.</p></article></body></html>";
        let a = clean_html(page, &SiteChrome::default());
        assert_eq!(
            a.title.as_deref(),
            Some("Transport | Why the buses run late every winter")
        );
    }

    #[test]
    fn a_story_in_page_builder_widgets_is_kept() {
        let widget = |text: &str| {
            format!(
                "<div class=\"elementor-widget elementor-widget-text-editor\">\
                 <div class=\"elementor-widget-container\"><p>{text}</p></div></div>"
            )
        };
        // Much other text on the page, so that the story's box is under a third of it.
        let links: String = (0..60)
            .map(|i| format!("<li><a href=\"/p{i}\">Popular post number {i} of the site</a></li>"))
            .collect();
        let page =
            format!(
            "<html><body><div class=\"elementor-section\">{}</div>\
             <div class=\"elementor-widget\"><ul>{links}</ul></div></body></html>",
            widget(&["Learning apps offer a way to practise a language every day, on the bus or \
                    in a queue, and most of them cost less than a single class.",
            "We tested fifteen of them for a month each, with native speakers checking \
                    what we had learnt, and ranked them by what we could say at the end.",
            "The best of them taught us to hold a simple conversation; the worst taught \
                    us to tap the right picture, which is not the same thing at all."]
            .join("</p><p>")),
        );
        let body = clean_html(&page, &SiteChrome::default()).body();
        assert!(body.starts_with("Learning apps offer a way"), "{body}");
        assert!(
            body.contains("which is not the same thing at all."),
            "{body}"
        );
        assert!(!body.contains("Popular post"), "{body}");
    }

    #[test]
    fn every_word_left_out_is_listed_with_its_reason() {
        let a = clean_html(PAGE, &SiteChrome::default());
        let removed: Vec<(usize, &str, &str)> = a
            .removed
            .iter()
            .map(|r| (r.line, r.reason.as_str(), r.text.as_str()))
            .collect();
        assert_eq!(
            removed,
            [
                (7, "navigation", "Home World Sport"),
                (8, "chrome box", "Other story one Other story two"),
                (10, "title", "Talks resume in Geneva"),
                (
                    16,
                    "footer",
                    "Copyright 2021 The Daily Example. All rights reserved."
                ),
            ]
        );
    }

    #[test]
    fn a_page_nested_100_000_levels_deep_does_not_overflow_the_stack() {
        let depth = 100_000;
        let mut page = String::with_capacity(depth * 12);
        page.push_str("<html><body>");
        for _ in 0..depth {
            page.push_str("<div>");
        }
        page.push_str("<p>Deep inside, a sentence of the story, long enough to count as text.</p>");
        for _ in 0..depth {
            page.push_str("</div>");
        }
        let a = clean_html(&page, &SiteChrome::default());
        assert!(a.paragraphs.len() <= 1);
    }

    #[test]
    fn a_start_tag_missing_its_end_does_not_take_the_story_into_a_link() {
        // `<a ... Reply</a>`: the link's `>` is missing, so HTML reads it as never closed and
        // every later paragraph as link text (and scraper's tree lost some of it outright).
        let paragraphs: Vec<String> = (0..8)
            .map(|i| {
                let link = if i == 1 {
                    " See <a href=\"/more\" more</a> on it."
                } else {
                    ""
                };
                format!(
                    "<div class=\"para\"><p>Paragraph {i}: the council voted on the budget for \
                     the new harbour, and the mayor said the vote was right.{link}</p></div>"
                )
            })
            .collect();
        let page = format!(
            "<html><body><article><h1>Harbour budget</h1>\n{}\n</article>\n\
             <ol class=\"comment-list\"><li><p>Comment by Bob on the harbour.</p>\
             <a href=\"#\" in to Reply</a></li><li><p>Comment by Ann on the harbour.</p></li>\
             </ol></body></html>",
            paragraphs.join("\n")
        );
        let a = clean_html(&page, &SiteChrome::default());
        let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 8, "{texts:?}");
        assert_eq!(texts[7].split(':').next(), Some("Paragraph 7"));
        assert_eq!(a.paragraphs[7].lines[0].line, 9);
        // The comments after the broken link are dropped, and listed.
        let removed: Vec<&str> = a.removed.iter().map(|r| r.text.as_str()).collect();
        assert!(
            removed.contains(&"Comment by Ann on the harbour."),
            "{removed:?}"
        );
    }

    #[test]
    fn the_text_of_scripts_and_comments_is_not_read_for_tags() {
        // In a script, `a<b` followed by many `x=1` is no tag: cutting its "attributes" up to
        // the next `>` removed the script's own end tag, and the script swallowed the story.
        let words: String = (0..80).map(|i| format!(" x{i}=1")).collect();
        let page = format!(
            "<html><body><script>if(a<b{words}){{go()}}</script>\n<!-- <p {words} -->\n\
             <article><h1>Camera types</h1>\n<p>There are a million different types of cameras \
             on the market, and each of them suits a kind of work.</p>\n<p>Knowing them helps \
             you choose the one that fits your next project best.</p></article></body></html>"
        );
        let a = clean_html(&page, &SiteChrome::default());
        let texts: Vec<&str> = a.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(texts.len(), 2, "{texts:?}");
        assert!(texts[0].starts_with("There are a million"), "{texts:?}");
        assert!(matches!(markup::mend(&page), std::borrow::Cow::Borrowed(_)));
    }

    #[test]
    fn a_sentence_of_the_story_that_is_mostly_a_link_is_kept_and_a_list_of_links_is_not() {
        let page = r#"<html><body><article class="story">
<h1>How much to eat</h1>
<p>Most adults need between 1,800 and 2,400 calories a day, depending on how active they are,
nutritionists said, and the figure falls with age.</p>
<p>Read <a href="/calories">how many calories you should eat a day</a>.</p>
<p>Eating too little for a long time slows the body down, and the weight lost is often
regained within a year, the researchers found.</p>
<p>Follow <a href="/ig">our food desk on Instagram</a> for more.</p>
<p>Portions have grown over the decades, so a plate that looks normal today may hold far more
than the same meal did in the 1980s, they added.</p>
<p><a href="/a">Ten breakfasts under 400 calories for busy mornings</a>.</p>
<p><a href="/b">Why a late dinner keeps you awake at night</a>.</p>
</article></body></html>"#;
        let a = clean_html(page, &SiteChrome::default());
        let body = a.body();
        assert!(body.contains("\n\nRead how many calories you should eat a day.\n\n"));
        assert!(!body.contains("Instagram"));
        assert!(!body.contains("Ten breakfasts"));
        assert!(!body.contains("late dinner"));
    }

    #[test]
    fn broken_markup_and_odd_text_do_not_panic() {
        for page in [
            "",
            "<",
            "<p>\u{0}\u{202e}שלום 😀</p><p",
            "<table><td><li><p>unclosed “quotes” — é</table></div></div>",
            "<script>var a = '<p>not text</p>';</script>",
            "<script>unclosed <p a b c",
            "<!-- unclosed <p",
            "<style",
            "<title>x</title",
            "<a b<",
            "<a <",
            "<a é</a",
            "<a b c d e</a><p x=\"<i\" y<i",
        ] {
            let _ = clean_html(page, &SiteChrome::default());
        }
    }
}
