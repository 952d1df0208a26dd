//! The page's headline: of the `<h1>`s, the headings and the markup's titles (`og:title`,
//! `<title>`), the one a reader takes for the story's, without the site's name or the section
//! a template sets beside it, and the site's name itself.
//!
//! The markup's title is often a search-engine variant of the headline, so the page's own
//! heading closest to it in words is preferred; a heading holding only the site's name, a
//! date set in the headline's element and a pull quote in the `<h1>` are passed over.

use super::html::{select_attr, select_text, squeeze};
use super::{dom, meta};
use scraper::{Html, Selector};

/// The headline of a page and what was passed over for it.
#[derive(Default)]
pub(super) struct Headline {
    pub title: Option<String>,
    /// The `<h1>` as shown, when the title is one of its fields: the block stays in the story
    /// so that the other fields' words stay searchable.
    pub cut_headline: Option<String>,
    /// The title before [`headline_field`] took one of its fields, when it did.
    pub whole_title: Option<String>,
    /// The `<h1>` passed over for a heading showing the markup's title ([`title_heading`]):
    /// the byline is looked for under it first.
    pub h1_passed_over: Option<String>,
    /// Where no `<h1>` is the headline, the one most like the markup's title ([`nearest_h1`]):
    /// the byline is looked for under it where the title is not on the page.
    pub h1_like_title: Option<String>,
    /// The site's name: `og:site_name`, or what the markup's title names after the headline.
    pub source: Option<String>,
}

/// The headline of `doc`.
pub(super) fn of(doc: &Html) -> Headline {
    let og_title = select_attr(doc, r#"meta[property="og:title"]"#, "content");
    let html_title = select_text(doc, "title");
    let site = select_attr(doc, r#"meta[property="og:site_name"]"#, "content");
    // The site's names: `og:site_name` and what the titles name after their headline.
    let site_names: Vec<String> = [og_title.clone(), html_title.clone()]
        .into_iter()
        .flatten()
        .filter_map(|t| meta::strip_site_suffix(t).1)
        .chain(site.clone())
        .map(|n| squeeze(&n.to_lowercase()))
        .collect();
    let is_site_name = |t: &str| site_names.contains(&squeeze(&t.to_lowercase()));
    // An `og:title` holding only the site's name is no headline: `<title>` may hold one.
    let og_title = og_title.filter(|t| !is_site_name(t));
    let meta_title = og_title.or(html_title);
    // The site's name after the title is cut even where a generic suffix would not be (it
    // has figures: "... - Original Prusa 3D Printers").
    let meta_title = meta_title.map(|t| match site.as_deref() {
        Some(site) => cut_site_name(t, site),
        None => t,
    });
    let (title, suffix) = match meta_title {
        Some(t) => {
            let (t, s) = meta::strip_site_suffix(t);
            (Some(t), s)
        }
        None => (None, None),
    };
    let h1s = h1s(doc, &is_site_name);
    let h1 = headline(&h1s, title.as_deref());
    // A heading showing the title passes over the `<h1>`; the byline may still stand under it.
    let (shown, h1_passed_over) = match title_heading(doc, &h1s, title.as_deref()) {
        Some(heading) => (Some(heading), h1),
        None => (h1, None),
    };
    let h1_like_title = shown
        .is_none()
        .then(|| nearest_h1(&h1s, title.as_deref()))
        .flatten();
    let headline = shown
        .clone()
        .map(|h| match site.as_deref() {
            Some(site) => cut_site_name(h, site),
            None => h,
        })
        .map(|h| written_case(h, title.as_deref()));
    let from_page = headline.is_some();
    let whole = headline.or(title).filter(|t| !t.is_empty());
    let title = whole.clone().map(headline_field);
    let cut = title != whole;
    Headline {
        cut_headline: shown.filter(|_| from_page && cut),
        whole_title: whole.filter(|_| cut),
        h1_passed_over,
        h1_like_title,
        title,
        source: site.or(suffix),
    }
}

/// The text of an element as a reader sees it on one line: a line break or a block inside it
/// (`Top MBA Programs (US)<br>Your Guide`) parts words, as the page shows them apart; a
/// script, a style or a hidden element inside it shows nothing. A `<time>` before or after its
/// words is left out: a date some templates set in the headline's element ("Dec 18 2025
/// Preparing a transition"), not part of the headline.
fn shown_text(element: scraper::ElementRef) -> String {
    let inside = |node: ego_tree::NodeRef<scraper::Node>,
                  f: &dyn Fn(&scraper::node::Element) -> bool| {
        node.ancestors()
            .take_while(|a| a.id() != element.id())
            .filter_map(|a| a.value().as_element())
            .any(f)
    };
    let unseen = |node| {
        inside(node, &|e| {
            matches!(e.name(), "script" | "style" | "template" | "noscript") || dom::is_hidden(e)
        })
    };
    // The text in runs, each marked whether it is a `<time>`'s.
    let mut runs: Vec<(String, bool)> = vec![(String::new(), false)];
    let mut push = |t: &str, time: bool| match runs.last_mut() {
        Some((run, was)) if *was == time => run.push_str(t),
        _ => runs.push((t.to_string(), time)),
    };
    for edge in element.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                scraper::Node::Text(t) if !unseen(node) => {
                    push(t, inside(node, &|e| e.name() == "time"));
                }
                scraper::Node::Element(e) if parts_words(e) => push(" ", false),
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if node.value().as_element().is_some_and(parts_words) {
                    push(" ", false);
                }
            }
        }
    }
    let words = |run: &(String, bool)| !run.1 && !run.0.trim().is_empty();
    let first = runs.iter().position(words);
    let last = runs.iter().rposition(words);
    match (first, last) {
        (Some(first), Some(last)) => squeeze(
            &runs[first..=last]
                .iter()
                .map(|(t, _)| t.as_str())
                .collect::<String>(),
        ),
        _ => squeeze(&runs.iter().map(|(t, _)| t.as_str()).collect::<String>()),
    }
}

/// Whether an element shows its text apart from the text around it: a block, or an inline
/// element a class sets as a block (Tailwind's `block`, `md:block`, Bootstrap's `d-block`),
/// as in `The Best Notion Alternatives<span class="block">Top Note-taking Tools</span>`.
fn parts_words(e: &scraper::node::Element) -> bool {
    dom::BLOCK_TAGS.contains(&e.name())
        || e.classes().any(|c| {
            let c = c.rsplit(':').next().unwrap_or(c);
            matches!(c, "block" | "d-block" | "tw-block")
        })
}
/// The headline without the site's name (`og:site_name`) that some templates run on after it
/// ("Best UK Art Exhibitions 2025 – Artlyst").
fn cut_site_name(headline: String, site: &str) -> String {
    let site = squeeze(&site.to_lowercase());
    if site.is_empty() {
        return headline;
    }
    for sep in [" | ", " - ", " – ", " — ", " • ", " · "] {
        if let Some(at) = headline.rfind(sep) {
            let (head, tail) = (&headline[..at], &headline[at + sep.len()..]);
            if !head.trim().is_empty() && squeeze(&tail.to_lowercase()) == site {
                return head.trim_end().to_string();
            }
        }
    }
    headline
}

/// The markup title's spelling of a headline the page sets in capitals ("TIPS FOR ONLINE
/// SUCCESS" for "Tips for Online Success"): the capitals are the template's style, the markup
/// keeps the words as they were written.
fn written_case(headline: String, markup_title: Option<&str>) -> String {
    match markup_title {
        Some(t)
            if meta::is_in_capitals(&headline)
                && !meta::is_in_capitals(t)
                && headline.to_lowercase() == t.to_lowercase() =>
        {
            t.to_string()
        }
        _ => headline,
    }
}

/// The headline among the fields a template parts with pipes (headline | section | site, "How
/// meditation rewires brains | Opinion", "Opinion | Why buses run late"): the field of the
/// most words, as sections, site names and taglines are short, and headlines themselves use
/// dashes and colons, not pipes. The other fields stay in the body when the page shows them.
fn headline_field(title: String) -> String {
    if !title.contains(" | ") {
        return title;
    }
    let mut best: Option<(usize, &str)> = None;
    for field in title.split(" | ").map(str::trim) {
        let words = field.split_whitespace().count();
        if best.is_none_or(|(most, _)| words > most) {
            best = Some((words, field));
        }
    }
    match best {
        Some((words, field)) if words > 0 => field.to_string(),
        _ => title,
    }
}

/// The page's `<h1>`s as shown, but those empty or holding the site's name, each once.
fn h1s(doc: &Html, is_site_name: &dyn Fn(&str) -> bool) -> Vec<String> {
    let Ok(sel) = Selector::parse("h1") else {
        return Vec::new();
    };
    let mut h1s: Vec<String> = Vec::new();
    for h in doc.select(&sel).map(shown_text) {
        if !h.is_empty() && !is_site_name(&h) && !h1s.contains(&h) {
            h1s.push(h);
        }
    }
    h1s
}

/// An `<h2>` or `<h3>` showing the markup's title whole, where no `<h1>` does: the headline,
/// the `<h1>` being a pull quote, a section's name or a hero's tagline (on the dev pages the
/// label was the markup's title on all 4 such tuned pages, the `<h1>` on none).
fn title_heading(doc: &Html, h1s: &[String], meta_title: Option<&str>) -> Option<String> {
    let meta_title = meta_title?.to_lowercase();
    let same = |h: &String| h.to_lowercase() == meta_title;
    if h1s.iter().any(same) {
        return None;
    }
    let sel = Selector::parse("h2, h3").ok()?;
    doc.select(&sel).map(shown_text).find(same)
}

/// The headline as the page shows it: of the page's `<h1>`s, the one closest in words to the
/// title the markup gives (`og:title`, `<title>`, its site suffix cut), as long as they share
/// half their words. The markup's title is often a search-engine variant of the headline, while
/// another `<h1>` may hold a logo, a section or a blog's name. A lone `<h1>` sharing no word with
/// the markup's title is such a name, and gives way to that title. `h1s` are [`h1s`]'s: an
/// `<h1>` holding the site's name is left out there, and the same one twice (a template's
/// mobile and desktop headers) counts once.
fn headline(h1s: &[String], meta_title: Option<&str>) -> Option<String> {
    let Some(meta_title) = meta_title else {
        return h1s.first().cloned();
    };
    let mut best: Option<(f64, &String)> = None;
    for h in h1s {
        let score = likeness(h, meta_title);
        if score >= 0.5 && best.is_none_or(|(b, _)| score > b) {
            best = Some((score, h));
        }
    }
    if let Some((_, h)) = best {
        return Some(h.clone());
    }
    match h1s {
        [only] if likeness(only, meta_title) > 0.0 => Some(only.clone()),
        _ => None,
    }
}

/// Of several `<h1>`s none of which is the headline, the one sharing the most of the markup
/// title's words: where the title the markup gives is nowhere on the page, the byline is
/// looked for under it.
fn nearest_h1(h1s: &[String], meta_title: Option<&str>) -> Option<String> {
    let meta_title = meta_title?;
    h1s.iter()
        .map(|h| (likeness(h, meta_title), h))
        .filter(|(score, _)| *score > 0.0)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, h)| h.clone())
}

/// Dice's coefficient of the two texts' sets of words (lower-cased): 1 for the same words, 0
/// for none shared.
fn likeness(a: &str, b: &str) -> f64 {
    let words = |t: &str| -> std::collections::HashSet<String> {
        crate::analysis::WordSpans::new(t)
            .map(|(s, e)| t[s..e].to_lowercase())
            .collect()
    };
    let (a, b) = (words(a), words(b));
    let total = a.len() + b.len();
    if total == 0 {
        return 0.0;
    }
    2.0 * a.intersection(&b).count() as f64 / total as f64
}
