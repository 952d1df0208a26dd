//! Finding the story in an HTML page's DOM, in the manner of readability.js.
//!
//! The page is parsed with html5ever (through `scraper`) into an arena tree. Every paragraph-like
//! element scores its parent and grandparent by its length and commas; each container's score
//! is weighted by its tag and by class/id hints ("article", "content" vs "comment", "sidebar",
//! "related") and cut by its link density. The best container (or, when three runners-up score
//! within a quarter of it, the nearest box holding them), together with siblings that score
//! close to it, is the story; it is flattened into blocks (paragraphs, headings, list
//! items, table rows of short cells read across), skipping hidden elements, scripts,
//! navigation, forms and link-dense boxes inside it.
//! A hidden panel that a control opens (an accordion's answer, a tab: `aria-controls` names it)
//! is not skipped for its hiding. Prose left between two parts of the story is taken in, as
//! are a heading just before a part of it, the prose just before its first part (the lede) and
//! sections alike beside the top box's ancestors (a run of `<section>`s of one class).
//! A story of under 500 characters is chosen again without class weights (Readability.js's
//! retry), and then with boxes of one class judged together with their siblings, and a sidebar or menu holding over half of the page's text (left unclosed around
//! the story) is not skipped whole. The class word "hidden" counts only where it hides the box
//! on a wide screen ("overflow-hidden" and "hidden-xs" do not), and text a box holds beside its
//! boxes scores that box as Readability.js's wrapped paragraphs do.
//!
//! Every walk over the tree is iterative, so a page nested 100,000 levels deep costs time, not
//! stack. Limits: of a story spread over unrelated containers, only the best one (or the common
//! box of close runners-up), its siblings, containers of the same tag and class and prose between
//! them are kept; text drawn by scripts is not there to find.
//!
//! The tag weights of [`initial_score`], the class/id weight of 25 and the core of the hint
//! lists reproduce Mozilla's Readability.js (<https://github.com/mozilla/readability>,
//! Copyright (c) 2010 Arc90 Inc, Apache License 2.0).

use super::Reason;
use ego_tree::NodeRef;
use scraper::node::Element;
use scraper::{Html, Node};
use std::collections::{HashMap, HashSet};

/// One block of the story as it reads: its text and what kind of element held it.
pub struct Block {
    pub text: String,
    pub heading: bool,
    /// Share of the text inside links.
    pub link_density: f32,
    /// Why the block is not part of the story, when it is not.
    pub dropped: Option<Reason>,
    /// Whether the block ended at a line break or a paragraph's end (`<br>`, `</p>`), not at a
    /// list item's, a cell's or a box's: a line a writer may have broken mid-sentence.
    pub line_end: bool,
}

/// Elements whose content is never story text.
const SKIP_TAGS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "aside", "footer", "button", "iframe",
    "select", "input", "textarea", "object", "embed", "canvas", "head", "menu", "dialog", "audio",
    "video", "map",
];

/// Elements that start a new block of text.
pub(super) const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "figure",
    "figcaption",
    "header",
    "address",
    "center",
    "hr",
    "br",
    "tbody",
    "thead",
    "caption",
];

/// Elements that flow inside a line of text: they neither separate words nor, by their class,
/// mark a box of chrome (a link classed "tag" or "promo" mid-sentence is part of the sentence).
const INLINE_TAGS: &[&str] = &[
    "a", "abbr", "acronym", "b", "bdi", "bdo", "big", "cite", "code", "data", "del", "dfn", "em",
    "font", "i", "ins", "kbd", "mark", "nobr", "q", "s", "samp", "small", "span", "strike",
    "strong", "sub", "sup", "time", "tt", "u", "var", "wbr",
];

/// Class/id words of boxes that are not the story. A class or id is split into words at
/// punctuation and camelCase humps ("relatedPosts" -> "related", "posts"); a hint matches a word
/// equal to it, or, for hints of five letters or more, a word starting with it ("comments").
const NEGATIVE_HINTS: &[&str] = &[
    "comment",
    "sidebar",
    "footer",
    "related",
    "share",
    "sharing",
    "social",
    "sponsor",
    "promo",
    "advert",
    "ad",
    "ads",
    "newsletter",
    "subscribe",
    "subscription",
    "cookie",
    "popup",
    "modal",
    "breadcrumb",
    "banner",
    "masthead",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "outbrain",
    "taboola",
    "recommend",
    "signup",
    "paywall",
    "byline",
    "author",
    "caption",
    "credit",
    "tags",
    "tag",
    "toolbar",
    "skip",
    "hidden",
    "disqus",
    "pagination",
    "pager",
    "trending",
    "popular",
    "rail",
    "footnote",
    "login",
    "print",
    "email",
    "teaser",
    "overlay",
];

/// Class/id words that page builders put on every box, story or not ("elementor-widget"): a
/// box so named is chrome only when it is mostly links.
const WEAK_NEGATIVE_HINTS: &[&str] = &["widget"];

/// Class/id words of boxes that hold the story.
const POSITIVE_HINTS: &[&str] = &[
    "article",
    "content",
    "entry",
    "post",
    "story",
    "text",
    "body",
    "main",
    "blog",
    "prose",
    "hentry",
    "paragraph",
];

/// Whether a class/id hint list says (chrome, story, chrome when dense in links).
fn hint_flags(el: &Element) -> (bool, bool, bool) {
    let mut words: Vec<String> = Vec::new();
    let shown_somewhere = el.classes().any(shows_at_a_width);
    let names = el.id().into_iter().chain(el.classes());
    for name in names {
        let mut own: Vec<String> = Vec::new();
        let mut word = String::new();
        let mut prev_lower = false;
        for c in name.chars() {
            if (!c.is_alphanumeric() || (c.is_uppercase() && prev_lower)) && !word.is_empty() {
                own.push(std::mem::take(&mut word));
            }
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            }
            prev_lower = c.is_lowercase();
        }
        if !word.is_empty() {
            own.push(word);
        }
        if shown_somewhere || !hides(name, &own) {
            own.retain(|w| w != "hidden");
        }
        words.extend(own);
    }
    let matches = |hints: &[&str]| {
        words.iter().any(|w| {
            hints
                .iter()
                .any(|h| w == h || (h.len() >= 5 && w.starts_with(h)))
        })
    };
    (
        matches(NEGATIVE_HINTS),
        matches(POSITIVE_HINTS),
        matches(WEAK_NEGATIVE_HINTS),
    )
}

/// Words that, beside "hidden" in one class name, say it hides the box only on small screens or
/// in print ("hidden-xs", "elementor-hidden-mobile", "hidden-print"), where the story may be
/// shown in another box, or hides something about the box rather than the box
/// ("overflow-hidden", "field--label-hidden"), or names a collapsed panel a reader opens with a
/// click ("kt-accordion-panel-hidden", "MuiCollapse-hidden"). A box hidden on wide screens
/// ("hidden-lg", "elementor-hidden-desktop") stays hidden: a reader at a desk does not see it.
const NOT_HIDING: &[&str] = &[
    "xs",
    "sm",
    "mobile",
    "tablet",
    "phone",
    "print",
    "small",
    "overflow",
    "label",
    "scrollbar",
    "scrollable",
    "panel",
    "collapse",
    "accordion",
];

/// Whether the class or id `name` (split into `words`) hides its box from a reader at a desk:
/// the word "hidden" counts unless a word of [`NOT_HIDING`] stands beside it. Of Tailwind's
/// utility classes, a breakpoint's ("md:hidden": from that width up) hides, and one for print,
/// for narrow screens only ("max-md:hidden") or for a state ("group-open:hidden") does not.
fn hides(name: &str, words: &[String]) -> bool {
    if let Some((variant, _)) = name.rsplit_once(':') {
        return matches!(
            variant.rsplit(':').next().unwrap_or_default(),
            "sm" | "md" | "lg" | "xl" | "2xl"
        );
    }
    !words.iter().any(|w| NOT_HIDING.contains(&w.as_str()))
}

/// Whether a utility class shows the box at some width ("md:block", "lg:flex"): beside it, a
/// lone "hidden" hides the box only on small screens.
fn shows_at_a_width(name: &str) -> bool {
    name.rsplit_once(':').is_some_and(|(_, display)| {
        matches!(
            display.trim_start_matches('!'),
            "block"
                | "flex"
                | "inline"
                | "inline-block"
                | "inline-flex"
                | "grid"
                | "table"
                | "contents"
        )
    })
}

/// Class weight: positive for story-like boxes, negative for chrome-like ones (Readability.js's
/// `getClassWeight`, Apache-2.0).
fn class_weight(el: &Element) -> f32 {
    let (neg, pos, weak) = hint_flags(el);
    let mut w = 0.0;
    if neg || weak {
        w -= 25.0;
    }
    if pos {
        w += 25.0;
    }
    w
}

pub(super) fn is_hidden(el: &Element) -> bool {
    el.attr("hidden").is_some()
        || el.attr("aria-hidden") == Some("true")
        || el.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            let s = s.to_ascii_lowercase();
            s.contains("display:none") || s.contains("visibility:hidden")
        })
}

/// Whether an element and everything in it is left out of the story, by its tag, role or
/// visibility. Class hints are judged later, with the element's size in view.
fn skipped(el: &Element) -> bool {
    if SKIP_TAGS.contains(&el.name()) {
        return true;
    }
    let role = el.attr("role").unwrap_or_default();
    matches!(
        role,
        "navigation" | "complementary" | "banner" | "contentinfo" | "dialog"
    )
}

/// Whether `el` is a sidebar or a menu by its tag or role: an element a page may leave unclosed.
fn left_open(el: &Element) -> bool {
    matches!(el.name(), "aside" | "nav")
        || matches!(el.attr("role"), Some("complementary" | "navigation"))
}

/// Whether class hints or hiding mark a box as chrome (some pages hide the whole story until a
/// script shows it, hence the size check by the caller): a chrome word and no story word, on an element
/// other than the page's outer frame. A hidden panel that a control on the page opens, in the
/// two WAI-ARIA patterns for story text (an accordion's `role="region"`, a tab's
/// `role="tabpanel"`, whose id a control's `aria-controls` names: `panels`), is text a reader
/// opens with a click, so its hiding does not count; nor does a streamed segment's. A menu drawer or a dialog a button opens
/// has neither role, and stays hidden.
fn chrome_by_hints(el: &Element, panels: &HashSet<&str>) -> bool {
    if is_hidden(el) && !is_opened_panel(el, panels) && !is_streamed_segment(el) {
        return true;
    }
    if INLINE_TAGS.contains(&el.name()) {
        return false;
    }
    let (neg, pos, _) = hint_flags(el);
    neg && !pos && !matches!(el.name(), "body" | "html" | "article" | "main")
}

/// Whether `el` is a part of the page React streams after the rest (`<div hidden id="S:0">`, at
/// the end of the document) and a script then moves into its place (`<template id="B:0">`): a
/// server-rendered page whose story loads last has all of it in such boxes.
fn is_streamed_segment(el: &Element) -> bool {
    el.name() == "div"
        && el.attr("hidden").is_some()
        && el
            .id()
            .and_then(|id| id.strip_prefix("S:"))
            .is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
}

/// Whether `el` is an accordion's or a tab's panel that a control on the page opens.
fn is_opened_panel(el: &Element, panels: &HashSet<&str>) -> bool {
    matches!(el.attr("role"), Some("region" | "tabpanel"))
        && el.attr("aria-modal") != Some("true")
        && el.id().is_some_and(|id| panels.contains(id))
}

/// Whether only a weak class hint ("widget") marks a box as chrome: then its links decide.
fn weak_chrome_by_hints(el: &Element) -> bool {
    let (neg, pos, weak) = hint_flags(el);
    weak && !neg && !pos && !INLINE_TAGS.contains(&el.name())
}

/// Text and link text under each node, and the candidates' scores.
struct Stats {
    text: Vec<usize>,
    link_text: Vec<usize>,
    score: Vec<f32>,
    skipped: Vec<bool>,
}

/// Text and link text under every node not skipped; reverse pre-order visits children first.
fn measure(nodes: &[NodeRef<Node>], parent: &[Option<usize>], st: &mut Stats) {
    st.text.iter_mut().for_each(|t| *t = 0);
    st.link_text.iter_mut().for_each(|t| *t = 0);
    for i in (0..nodes.len()).rev() {
        if st.skipped[i] {
            continue;
        }
        if let Node::Text(t) = nodes[i].value() {
            st.text[i] = text_len(t);
        }
        if nodes[i]
            .value()
            .as_element()
            .is_some_and(|e| e.name() == "a")
        {
            st.link_text[i] = st.text[i];
        }
        if let Some(p) = parent[i] {
            st.text[p] += st.text[i];
            st.link_text[p] += st.link_text[i];
        }
    }
}

fn text_len(s: &str) -> usize {
    s.chars().filter(|c| !c.is_whitespace()).count()
}

/// Returns the story blocks of `doc`, in document order.
pub fn story_blocks(doc: &Html) -> Vec<Block> {
    let nodes: Vec<NodeRef<Node>> = doc.tree.root().descendants().collect();
    let index: HashMap<ego_tree::NodeId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let parent: Vec<Option<usize>> = nodes
        .iter()
        .map(|n| n.parent().and_then(|p| index.get(&p.id()).copied()))
        .collect();
    let n = nodes.len();
    let mut st = Stats {
        text: vec![0; n],
        link_text: vec![0; n],
        score: vec![0.0; n],
        skipped: vec![false; n],
    };
    // A sidebar or menu holding more than half of the page's text was left unclosed around the
    // story (`<aside class="announcement-banner">` never closed): it is not skipped whole, and
    // the boxes inside it are judged on their own.
    measure(&nodes, &parent, &mut st);
    let whole = st.text.first().copied().unwrap_or(0);
    // Skipping is inherited: pre-order visits parents first. The outermost reason is the one
    // `clean` lists; text nobody sees (scripts, styles, the head) has none.
    let mut reason: Vec<Option<Drop>> = vec![None; n];
    for i in 0..n {
        let inherited = parent[i].and_then(|p| reason[p]);
        let own = nodes[i]
            .value()
            .as_element()
            .filter(|e| skipped(e))
            .filter(|e| !(left_open(e) && st.text[i] * 2 > whole))
            .map(skip_reason);
        reason[i] = inherited.or(own);
        st.skipped[i] = reason[i].is_some();
    }
    measure(&nodes, &parent, &mut st);
    let panels: HashSet<&str> = nodes
        .iter()
        .filter_map(|n| n.value().as_element()?.attr("aria-controls"))
        .flat_map(str::split_whitespace)
        .collect();
    let unhinted = (st.skipped.clone(), reason.clone());
    drop_by_class(&nodes, &parent, &mut st, &mut reason, &panels, false);
    let mut roots = choose_story(&nodes, &index, &parent, &mut st);
    // Every box of the story may bear a chrome class word ("skip-item" on each section of a
    // guide), each too small to be kept alone, and the page is left without a story. Judged
    // with their siblings of the same class, the sections hold the page as one box would.
    if story_text(&roots, &st) < SHORT_STORY_CHARS {
        let first = (st.skipped.clone(), reason.clone(), story_text(&roots, &st));
        (st.skipped, reason) = unhinted;
        measure(&nodes, &parent, &mut st);
        drop_by_class(&nodes, &parent, &mut st, &mut reason, &panels, true);
        let again = choose_story(&nodes, &index, &parent, &mut st);
        if story_text(&again, &st) > first.2 {
            roots = again;
        } else {
            (st.skipped, reason) = (first.0, first.1);
            measure(&nodes, &parent, &mut st);
        }
    }
    let mut blocks = Vec::new();
    flatten(
        &nodes,
        &parent,
        &reason,
        roots.as_deref().unwrap_or(&[]),
        &mut blocks,
    );
    take_in_prose_between(&mut blocks);
    take_in_lede(&mut blocks);
    take_in_headings(&mut blocks);
    join_broken_lines(&mut blocks);
    blocks
}

/// Drops the boxes whose class says chrome, and forms, unless they hold much of the page: a
/// wrapper named "penci_sidebar" or "pg-side-of-rail" around the whole story must stay, and so
/// must the <form> some frameworks wrap around the whole page. A box that holds most of the
/// page's text stays even when it is dense in links (an unclosed navbar around it all). With
/// `by_siblings`, a box is as large as it and its siblings of the same class together, where
/// they are not mostly links.
fn drop_by_class(
    nodes: &[NodeRef<Node>],
    parent: &[Option<usize>],
    st: &mut Stats,
    reason: &mut [Option<Drop>],
    panels: &HashSet<&str>,
    by_siblings: bool,
) {
    let n = nodes.len();
    let link_density = |st: &Stats, i: usize| st.link_text[i] as f32 / st.text[i].max(1) as f32;
    let total = st.text.first().copied().unwrap_or(0).max(1);
    let siblings = if by_siblings {
        sibling_classes(nodes, parent, st)
    } else {
        HashMap::new()
    };
    let mut hinted = vec![false; n];
    for i in 0..n {
        if st.skipped[i] {
            continue;
        }
        let inherited = parent[i].is_some_and(|p| hinted[p]);
        let own = nodes[i].value().as_element().is_some_and(|e| {
            let size = e
                .attr("class")
                .and_then(|class| siblings.get(&(parent[i], class)))
                .filter(|g| g.link_text * 5 <= g.text * 2)
                .map_or(st.text[i], |g| g.text);
            let small = size * 10 < total * 3;
            ((chrome_by_hints(e, panels) || e.name() == "form")
                && (small || (link_density(st, i) > 0.4 && st.text[i] * 2 < total)))
                || (weak_chrome_by_hints(e) && small && link_density(st, i) > 0.5)
        });
        if inherited || own {
            hinted[i] = true;
            st.skipped[i] = true;
            if reason[i].is_none() {
                reason[i] = parent[i]
                    .and_then(|p| reason[p])
                    .or_else(|| nodes[i].value().as_element().map(hint_reason));
            }
        }
    }
    measure(nodes, parent, st);
}

/// Elements of one parent that share a class attribute.
#[derive(Default)]
struct Siblings {
    text: usize,
    link_text: usize,
}

/// The elements of each parent that share a class attribute, by parent and class.
fn sibling_classes<'a>(
    nodes: &'a [NodeRef<Node>],
    parent: &[Option<usize>],
    st: &Stats,
) -> HashMap<(Option<usize>, &'a str), Siblings> {
    let mut groups: HashMap<(Option<usize>, &str), Siblings> = HashMap::new();
    for (i, node) in nodes.iter().enumerate() {
        if let Some(class) = node.value().as_element().and_then(|e| e.attr("class")) {
            let group = groups.entry((parent[i], class)).or_default();
            group.text += st.text[i];
            group.link_text += st.link_text[i];
        }
    }
    groups
}

/// The story's boxes: scored with class weights, and again without them where that gave a
/// story of a few lines. A story box of a few lines was chosen by its class names, not its
/// text (a form's "modal__content" over a page of prose in "widget" boxes): as Readability.js
/// does, the boxes are scored again without class weights, and the longer story is kept.
fn choose_story(
    nodes: &[NodeRef<Node>],
    index: &HashMap<ego_tree::NodeId, usize>,
    parent: &[Option<usize>],
    st: &mut Stats,
) -> Option<Vec<usize>> {
    let roots = story_roots(nodes, index, parent, st, true);
    if story_text(&roots, st) < SHORT_STORY_CHARS {
        let again = story_roots(nodes, index, parent, st, false);
        if story_text(&again, st) > story_text(&roots, st) {
            return again;
        }
    }
    roots
}

/// The text the story's boxes hold.
fn story_text(roots: &Option<Vec<usize>>, st: &Stats) -> usize {
    roots
        .as_ref()
        .map_or(0, |r| r.iter().map(|&i| st.text[i]).sum::<usize>())
}

/// The boxes holding the story: the best-scored box and the boxes that continue it. None when
/// no paragraph scored a box.
fn story_roots(
    nodes: &[NodeRef<Node>],
    index: &HashMap<ego_tree::NodeId, usize>,
    parent: &[Option<usize>],
    st: &mut Stats,
    weigh_classes: bool,
) -> Option<Vec<usize>> {
    let n = nodes.len();
    st.score.iter_mut().for_each(|s| *s = 0.0);
    let link_density = |st: &Stats, i: usize| st.link_text[i] as f32 / st.text[i].max(1) as f32;
    // Paragraphs score their ancestors.
    let mut candidates: Vec<usize> = Vec::new();
    let mut initialised = vec![false; n];
    for i in 0..n {
        if st.skipped[i] {
            continue;
        }
        let Some(el) = nodes[i].value().as_element() else {
            continue;
        };
        let has_blocks = || {
            nodes[i].children().any(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| e.name() != "br" && BLOCK_TAGS.contains(&e.name()))
            })
        };
        let box_like = matches!(el.name(), "div" | "section" | "article" | "span" | "font");
        // A box holding text of its own beside boxes of text holds a paragraph: Readability.js
        // wraps such text in a <p>, which then scores the box itself. Counted as the box's own
        // paragraph, a story typed straight into its column (lines broken by <br>, the share
        // buttons in a box below) scores that column, not only the row around it and the menus.
        let loose = box_like
            && has_blocks()
            && nodes[i].children().any(|c| match c.value() {
                Node::Text(t) => text_len(t) >= 40,
                _ => false,
            });
        let paragraph_like = match el.name() {
            "p" | "pre" | "td" | "blockquote" => true,
            // A div of only inline elements acts as a paragraph.
            _ => box_like && !has_blocks(),
        };
        if !(paragraph_like || loose) || st.text[i] < 25 {
            continue;
        }
        let (text, chars) = if loose {
            let phrasing = phrasing_text(&nodes[i], index, st);
            (phrasing.0, phrasing.1)
        } else {
            (own_text(&nodes[i]), st.text[i])
        };
        let commas = text.matches([',', '，', '、', '،']).count() as f32;
        let score = 1.0 + commas + (chars as f32 / 100.0).min(3.0);
        let mut up = if loose { Some(i) } else { parent[i] };
        for level in 0..3 {
            let Some(a) = up else { break };
            if nodes[a].value().as_element().is_none() {
                break;
            }
            if !initialised[a] {
                initialised[a] = true;
                st.score[a] = initial_score(&nodes[a], weigh_classes);
                candidates.push(a);
            }
            st.score[a] += match level {
                0 => score,
                1 => score / 2.0,
                _ => score / 6.0,
            };
            up = parent[a];
        }
    }
    let scored: Vec<(usize, f32)> = candidates
        .iter()
        .map(|&c| (c, st.score[c] * (1.0 - link_density(st, c))))
        .collect();
    let best = scored.iter().copied().max_by(|a, b| a.1.total_cmp(&b.1));
    let (mut top, mut top_score) = best?;
    let (first_top, first_score) = (top, top_score);
    // A story written as many boxes of the same weight (a page builder's widgets, a docs page's
    // sections) has no one best box: their nearest common box is the story.
    if let Some(common) = common_box_of_runners_up(nodes, parent, &st.skipped, scored, top) {
        top = common;
        top_score = top_score.max(st.score[common] * (1.0 - link_density(st, common)));
    }
    // The story may continue in the top box's siblings.
    let mut roots = vec![top];
    if let Some(p) = parent[top] {
        roots.clear();
        let threshold = (top_score * 0.2).max(10.0);
        for child in nodes[p].children() {
            let Some(&c) = index.get(&child.id()) else {
                continue;
            };
            if st.skipped[c] {
                continue;
            }
            let keep = c == top
                || (initialised[c] && st.score[c] * (1.0 - link_density(st, c)) >= threshold)
                || child.value().as_element().is_some_and(|e| e.name() == "p") && {
                    let ld = link_density(st, c);
                    let text = own_text(&child);
                    (st.text[c] > 80 && ld < 0.25)
                        || (ld == 0.0 && text.trim_end().ends_with(['.', '!', '?', '"', '”']))
                };
            if keep {
                roots.push(c);
            }
        }
    }
    let prose = prose_under(nodes, parent, st);
    let beside = sections_beside(nodes, index, parent, st, &prose, top, &roots);
    roots.extend(beside);
    roots.sort_unstable();
    // A story split into chunks (by ads or lazy loading) repeats its container's tag and class
    // further down the page, under other parents: those chunks are the story too.
    let top_el = nodes[first_top].value().as_element();
    let top_class = top_el.and_then(|e| e.attr("class")).unwrap_or_default();
    if !top_class.trim().is_empty() {
        let threshold = (first_score * 0.2).max(10.0);
        let inside = |c: usize, roots: &[usize]| roots.iter().any(|&r| within(parent, c, r));
        for &c in &candidates {
            let same = nodes[c].value().as_element().is_some_and(|e| {
                Some(e.name()) == top_el.map(|t| t.name()) && e.attr("class") == Some(top_class)
            });
            if same
                && !st.skipped[c]
                && st.score[c] * (1.0 - link_density(st, c)) >= threshold
                && !inside(c, &roots)
                && !roots.iter().any(|&r| within(parent, r, c))
            {
                roots.push(c);
            }
        }
        // Pre-order indices are document order.
        roots.sort_unstable();
    }
    Some(roots)
}

/// Characters (not counting spaces) under the story boxes below which they are chosen again
/// without class weights: Readability.js's `charThreshold` (500).
const SHORT_STORY_CHARS: usize = 500;

/// How many boxes above the top box [`sections_beside`] looks for its sibling sections.
const SECTION_LEVELS: usize = 6;

/// Paragraph text with few links under each node; pre-order indices, so children first.
fn prose_under(nodes: &[NodeRef<Node>], parent: &[Option<usize>], st: &Stats) -> Vec<usize> {
    let link_density = |i: usize| st.link_text[i] as f32 / st.text[i].max(1) as f32;
    let mut prose = vec![0usize; nodes.len()];
    for i in (0..nodes.len()).rev() {
        if st.skipped[i] {
            continue;
        }
        let paragraph = nodes[i].value().as_element().is_some_and(|el| {
            matches!(el.name(), "p" | "pre" | "blockquote")
                || (matches!(el.name(), "div" | "section" | "td" | "li" | "dd")
                    && !nodes[i].children().any(|c| {
                        c.value()
                            .as_element()
                            .is_some_and(|e| e.name() != "br" && BLOCK_TAGS.contains(&e.name()))
                    }))
        });
        if paragraph && st.text[i] >= 25 && link_density(i) < 0.25 {
            prose[i] += st.text[i];
        }
        if let Some(p) = parent[i] {
            prose[p] += prose[i];
        }
    }
    prose
}

/// Boxes that continue the story beside one of the top box's ancestors: a page written as a
/// run of sections (a guide's `<section id="costs">`, a page builder's rows) has its text in
/// boxes alike in tag and class, and the scores pick one of them, often several boxes deep.
/// Going up from the top box to below `<body>`, a sibling of each ancestor is taken when it
/// has the ancestor's tag, shares a class with it (or both have none), holds 200 characters
/// of paragraphs with few links and is itself low in links. A box of another kind (an author
/// box, a call to action, a list of teasers) is left out, as is chrome named by its class,
/// which is skipped before this.
fn sections_beside(
    nodes: &[NodeRef<Node>],
    index: &HashMap<ego_tree::NodeId, usize>,
    parent: &[Option<usize>],
    st: &Stats,
    prose: &[usize],
    top: usize,
    roots: &[usize],
) -> Vec<usize> {
    let link_density = |i: usize| st.link_text[i] as f32 / st.text[i].max(1) as f32;
    let mut taken = Vec::new();
    let mut a = top;
    for _ in 0..SECTION_LEVELS {
        let Some(p) = parent[a] else { break };
        let outer = nodes[p]
            .value()
            .as_element()
            .is_none_or(|e| matches!(e.name(), "body" | "html"));
        if outer || st.skipped[p] {
            break;
        }
        let Some(own) = nodes[a].value().as_element() else {
            break;
        };
        let classes: Vec<&str> = own.classes().collect();
        for child in nodes[p].children() {
            let Some(&c) = index.get(&child.id()) else {
                continue;
            };
            let Some(el) = child.value().as_element() else {
                continue;
            };
            let alike = el.name() == own.name() && {
                let theirs: Vec<&str> = el.classes().collect();
                (theirs.is_empty() && classes.is_empty())
                    || theirs.iter().any(|k| classes.contains(k))
            };
            if c != a
                && alike
                && !st.skipped[c]
                && !roots.contains(&c)
                && link_density(c) < 0.25
                && prose[c] >= 200
            {
                taken.push(c);
            }
        }
        a = p;
    }
    taken
}

/// A paragraph of prose standing between two parts of the story, outside the boxes chosen, is
/// part of the story too (a box the scores left out, such as a section with its own wrapper);
/// one outside that span is not, as teasers of other stories and author boxes read like prose.
fn take_in_prose_between(blocks: &mut [Block]) {
    let first = blocks.iter().position(|b| b.dropped.is_none());
    let last = blocks.iter().rposition(|b| b.dropped.is_none());
    let (Some(first), Some(last)) = (first, last) else {
        return;
    };
    for b in &mut blocks[first..last] {
        if b.dropped == Some(Reason::OutsideTheStory)
            && !b.heading
            && b.link_density < 0.2
            && b.text.chars().count() >= 100
            && b.text.trim_end().ends_with(['.', '!', '?', '"', '”', '。'])
        {
            b.dropped = None;
        }
    }
}

/// A heading left outside the story between two parts of it, just before a block of the story,
/// heads that block: a section's title in a box of its own, or one the scores left out for
/// being short. A heading before links or chrome ("Related posts") is followed by no story
/// block and stays out.
fn take_in_headings(blocks: &mut [Block]) {
    let first = blocks.iter().position(|b| b.dropped.is_none());
    let Some(first) = first else { return };
    for i in (first + 1..blocks.len().saturating_sub(1)).rev() {
        let b = &blocks[i];
        if b.dropped == Some(Reason::OutsideTheStory)
            && b.heading
            && b.link_density < 0.5
            && b.text.chars().count() <= 200
            && blocks[i + 1].dropped.is_none()
        {
            blocks[i].dropped = None;
        }
    }
}

/// Prose just before the story's first block, with nothing but headings between, is its lede
/// or intro: it often stands in a box of its own above the body's box and scores under a fifth
/// of it. The run stops at the first block that is not prose (a byline, a teaser's links, a
/// menu), so a page's blurbs further up stay out.
fn take_in_lede(blocks: &mut [Block]) {
    let Some(first) = blocks.iter().position(|b| b.dropped.is_none()) else {
        return;
    };
    for i in (0..first).rev() {
        let b = &blocks[i];
        if b.dropped != Some(Reason::OutsideTheStory) {
            break;
        }
        if b.heading {
            continue;
        }
        if b.link_density < 0.2
            && b.text.chars().count() >= 100
            && b.text.trim_end().ends_with(['.', '!', '?', '"', '”', '。'])
        {
            blocks[i].dropped = None;
        } else {
            break;
        }
    }
}

/// Joins a story line broken mid-sentence by hand (a `<br>` or a new paragraph before a word in
/// lower case, after a line ending in a word or a comma) to the line before it, so that the
/// sentence is one passage and a phrase across the break is found. List items and table cells
/// stay apart: a list of names or settings often starts its items in lower case.
fn join_broken_lines(blocks: &mut Vec<Block>) {
    let mut out: Vec<Block> = Vec::with_capacity(blocks.len());
    for b in blocks.drain(..) {
        if let Some(prev) = out.last_mut() {
            let ends_open = prev
                .text
                .chars()
                .next_back()
                .is_some_and(|c| c.is_alphanumeric() || c == ',');
            let starts_low = b.text.chars().next().is_some_and(|c| c.is_lowercase());
            if prev.dropped.is_none()
                && b.dropped.is_none()
                && prev.line_end
                && !prev.heading
                && !b.heading
                && ends_open
                && starts_low
            {
                let (n, m) = (prev.text.len() as f32, b.text.len() as f32);
                prev.link_density = (prev.link_density * n + b.link_density * m) / (n + m);
                prev.text.push(' ');
                prev.text.push_str(&b.text);
                prev.line_end = b.line_end;
                continue;
            }
        }
        out.push(b);
    }
    *blocks = out;
}

/// Whether node `c` is `a` or stands inside it.
fn within(parent: &[Option<usize>], c: usize, a: usize) -> bool {
    let mut up = Some(c);
    while let Some(u) = up {
        if u == a {
            return true;
        }
        up = parent[u];
    }
    false
}

/// When at least three of the four runners-up score within a quarter of the top box and are
/// not its own chunks (boxes of its tag and class, gathered later), the nearest box inside
/// `<body>` that holds three of them, as Readability.js takes it.
fn common_box_of_runners_up(
    nodes: &[NodeRef<Node>],
    parent: &[Option<usize>],
    skipped: &[bool],
    mut scored: Vec<(usize, f32)>,
    top: usize,
) -> Option<usize> {
    let (tag, class) = nodes[top]
        .value()
        .as_element()
        .map_or(("", None), |e| (e.name(), e.attr("class")));
    let chunk_of_top = |c: usize| {
        class.is_some_and(|k| !k.trim().is_empty())
            && nodes[c]
                .value()
                .as_element()
                .is_some_and(|e| e.name() == tag && e.attr("class") == class)
    };
    scored.sort_by(|a, b| b.1.total_cmp(&a.1));
    let top_score = scored.iter().find(|&&(c, _)| c == top)?.1;
    let close: Vec<usize> = scored
        .iter()
        .filter(|&&(c, _)| c != top)
        .take(4)
        .filter(|&&(c, s)| s >= top_score * 0.75 && !chunk_of_top(c))
        .map(|&(c, _)| c)
        .collect();
    if close.len() < 3 {
        return None;
    }
    let mut up = parent[top];
    while let Some(a) = up {
        let outer = nodes[a]
            .value()
            .as_element()
            .is_none_or(|e| matches!(e.name(), "body" | "html"));
        if outer || skipped[a] {
            return None;
        }
        if close.iter().filter(|&&c| within(parent, c, a)).count() >= 3 {
            return Some(a);
        }
        up = parent[a];
    }
    None
}

/// Why text was left out of the story.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Drop {
    /// Text no reader sees: scripts, styles, the head. Not listed.
    Unseen,
    /// Visible text dropped for this reason.
    Listed(Reason),
}

/// The reason an element skipped by [`skipped`] gives.
fn skip_reason(el: &Element) -> Drop {
    let listed = match el.name() {
        "nav" | "menu" => Reason::Navigation,
        "aside" => Reason::Sidebar,
        "footer" => Reason::Footer,
        "button" | "select" | "input" | "textarea" => Reason::FormControl,
        "dialog" => Reason::Dialog,
        _ => match el.attr("role").unwrap_or_default() {
            "navigation" => Reason::Navigation,
            "complementary" => Reason::Sidebar,
            "banner" => Reason::PageHeader,
            "contentinfo" => Reason::Footer,
            "dialog" => Reason::Dialog,
            _ => return Drop::Unseen,
        },
    };
    Drop::Listed(listed)
}

/// The reason a box dropped by its class, visibility or kind gives.
fn hint_reason(el: &Element) -> Drop {
    Drop::Listed(if is_hidden(el) {
        Reason::Hidden
    } else if el.name() == "form" {
        Reason::Form
    } else {
        Reason::ChromeBox
    })
}

/// A container's starting score: its tag's weight plus its class weight, as Readability.js
/// initialises a node (Apache-2.0, see the module documentation).
fn initial_score(node: &NodeRef<Node>, weigh_classes: bool) -> f32 {
    let Some(el) = node.value().as_element() else {
        return 0.0;
    };
    let tag = match el.name() {
        "div" | "article" | "main" => 5.0,
        "pre" | "td" | "blockquote" | "section" => 3.0,
        "address" | "ol" | "ul" | "dl" | "dd" | "dt" | "li" | "form" => -3.0,
        "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "th" => -5.0,
        _ => 0.0,
    };
    if weigh_classes {
        tag + class_weight(el)
    } else {
        tag
    }
}

/// The text of a box's own lines: its text and inline children, not its boxes (those score on
/// their own), nor what was skipped; with its length in characters, not counting spaces.
fn phrasing_text(
    node: &NodeRef<Node>,
    index: &HashMap<ego_tree::NodeId, usize>,
    st: &Stats,
) -> (String, usize) {
    let mut out = String::new();
    let mut chars = 0;
    for c in node.children() {
        let phrasing = match c.value() {
            Node::Text(_) => true,
            Node::Element(e) => INLINE_TAGS.contains(&e.name()),
            _ => false,
        };
        let Some(&ci) = index.get(&c.id()) else {
            continue;
        };
        if phrasing && !st.skipped[ci] {
            out.push_str(&own_text(&c));
            chars += st.text[ci];
        }
    }
    (out, chars)
}

/// All text under `node`, whitespace collapsed, skipping nothing (used for short elements).
fn own_text(node: &NodeRef<Node>) -> String {
    let mut out = String::new();
    for d in node.descendants() {
        if let Node::Text(t) = d.value() {
            out.push_str(t);
        }
    }
    out
}

/// Flattens the whole page into blocks, in document order, iteratively: the text under the
/// story `roots` (minus what `reason` drops) as story blocks, every other visible text as
/// blocks marked with why it was dropped, so `clean` can list every word it leaves out.
fn flatten(
    nodes: &[NodeRef<Node>],
    parent: &[Option<usize>],
    reason: &[Option<Drop>],
    roots: &[usize],
    blocks: &mut Vec<Block>,
) {
    struct Open {
        text: String,
        links: usize,
        chars: usize,
        heading: bool,
        dropped: Option<Reason>,
    }
    impl Open {
        fn new(dropped: Option<Reason>) -> Open {
            Open {
                text: String::new(),
                links: 0,
                chars: 0,
                heading: false,
                dropped,
            }
        }
        fn push(&mut self, c: char) {
            self.text.push(c);
        }
    }
    fn flush(cur: &mut Open, blocks: &mut Vec<Block>, line_end: bool) {
        let text = resolve_inline_edges(&cur.text);
        if !text.is_empty() {
            blocks.push(Block {
                text,
                heading: cur.heading,
                link_density: cur.links as f32 / cur.chars.max(1) as f32,
                dropped: cur.dropped,
                line_end,
            });
        }
        cur.text.clear();
        cur.links = 0;
        cur.chars = 0;
        cur.heading = false;
    }
    /// An element opening or closing while the story's block (`cur`) and the dropped text's
    /// (`side`) are gathered: a block tag ends both (and says so), an inline tag marks an
    /// [`INLINE_EDGE`] in both, and any other element (an image, a label, a custom element)
    /// stands apart from the words around it.
    fn element_edge(name: &str, cur: &mut Open, side: &mut Open, blocks: &mut Vec<Block>) -> bool {
        if BLOCK_TAGS.contains(&name) {
            let line_end = matches!(name, "br" | "p");
            flush(side, blocks, line_end);
            flush(cur, blocks, line_end);
            return true;
        }
        let edge = if INLINE_TAGS.contains(&name) {
            INLINE_EDGE
        } else {
            ' '
        };
        cur.push(edge);
        side.push(edge);
        false
    }
    // Pre-order indices: a node is in the story when it is a root or its parent is.
    let mut in_story = vec![false; nodes.len()];
    for i in 0..nodes.len() {
        in_story[i] = roots.contains(&i) || parent[i].is_some_and(|p| in_story[p]);
    }
    let Some(root) = nodes.first() else {
        return;
    };
    let index: HashMap<ego_tree::NodeId, usize> =
        nodes.iter().enumerate().map(|(i, n)| (n.id(), i)).collect();
    let row_cells = cells_of_rows_of_words(nodes, &index);
    // The story's open block, and the open block of dropped text beside it.
    let mut cur = Open::new(None);
    let mut side = Open::new(Some(Reason::OutsideTheStory));
    // Depth of <a> elements we are inside, so link text is counted.
    let mut in_link = 0usize;
    for edge in root.traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => {
                let Some(&i) = index.get(&node.id()) else {
                    continue;
                };
                match node.value() {
                    Node::Text(t) => {
                        let dropped = match reason[i] {
                            Some(Drop::Unseen) => continue,
                            Some(Drop::Listed(r)) => Some(r),
                            None if !in_story[i] => Some(Reason::OutsideTheStory),
                            None => None,
                        };
                        let n = text_len(t);
                        let open = match dropped {
                            None => &mut cur,
                            Some(r) => {
                                if side.dropped != Some(r) {
                                    flush(&mut side, blocks, false);
                                    side.dropped = Some(r);
                                }
                                &mut side
                            }
                        };
                        open.text.push_str(t);
                        open.chars += n;
                        if in_link > 0 {
                            open.links += n;
                        }
                    }
                    Node::Element(el) => {
                        if el.name() == "a" {
                            in_link += 1;
                        }
                        if row_cells.contains(&i) {
                            cur.push(' ');
                            side.push(' ');
                        } else if element_edge(el.name(), &mut cur, &mut side, blocks) {
                            let heading =
                                matches!(el.name(), "h1" | "h2" | "h3" | "h4" | "h5" | "h6");
                            cur.heading = heading;
                            side.heading = heading;
                        }
                    }
                    _ => {}
                }
            }
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    if el.name() == "a" {
                        in_link = in_link.saturating_sub(1);
                    }
                    if index.get(&node.id()).is_some_and(|i| row_cells.contains(i)) {
                        cur.push(' ');
                        side.push(' ');
                    } else {
                        element_edge(el.name(), &mut cur, &mut side, blocks);
                    }
                }
            }
        }
    }
    flush(&mut side, blocks, false);
    flush(&mut cur, blocks, false);
}

/// Longest cell, in characters, of a table row read as one line.
const ROW_CELL_CHARS: usize = 300;

/// The cells of the table rows that read as one line: rows of two cells or more, each cell a
/// few words with no block inside it (a comparison's "Plan | Best for | Price"). A reader, and
/// the people who marked the story's text, read such a row across, so its words make one block;
/// a row whose cells hold paragraphs or line breaks (a page laid out in a table) stays apart.
fn cells_of_rows_of_words(
    nodes: &[NodeRef<Node>],
    index: &HashMap<ego_tree::NodeId, usize>,
) -> HashSet<usize> {
    let mut cells = HashSet::new();
    for row in nodes {
        if row.value().as_element().is_none_or(|e| e.name() != "tr") {
            continue;
        }
        let elements: Vec<NodeRef<Node>> = row
            .children()
            .filter(|c| c.value().as_element().is_some())
            .collect();
        let of_words = elements.len() >= 2
            && elements.iter().all(|c| {
                c.value()
                    .as_element()
                    .is_some_and(|e| matches!(e.name(), "td" | "th"))
                    && !c.descendants().skip(1).any(|d| {
                        d.value()
                            .as_element()
                            .is_some_and(|e| BLOCK_TAGS.contains(&e.name()))
                    })
                    && own_text(c).chars().count() <= ROW_CELL_CHARS
            });
        if of_words {
            cells.extend(elements.iter().filter_map(|c| index.get(&c.id()).copied()));
        }
    }
    cells
}

/// Marks where an inline element opened or closed while a block's text is gathered.
const INLINE_EDGE: char = '\u{1F}';

/// A block's gathered text with whitespace squeezed and each [`INLINE_EDGE`] resolved: nothing
/// ("adore <a>baking</a>." reads "adore baking."; "<b>W</b>ake" reads "Wake"), except a space
/// between a lower-case letter or digit and a capital, where two inline boxes set side by side
/// hold two words ("<a>Earth Ball</a><em>Outside</em>").
fn resolve_inline_edges(gathered: &str) -> String {
    let mut out = String::with_capacity(gathered.len());
    let mut edge = false;
    for c in gathered.chars() {
        if c == INLINE_EDGE {
            edge = true;
            continue;
        }
        if edge {
            edge = false;
            let prev = out.chars().next_back();
            if c.is_uppercase() && prev.is_some_and(|p| p.is_lowercase() || p.is_ascii_digit()) {
                out.push(' ');
            }
        }
        if c.is_whitespace() {
            if !out.is_empty() && !out.ends_with(' ') {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    let kept = out.trim_end().len();
    out.truncate(kept);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The texts of the story blocks of `page` kept in the story.
    fn kept_texts(page: &str) -> Vec<String> {
        story_blocks(&Html::parse_document(page))
            .into_iter()
            .filter(|b| b.dropped.is_none())
            .map(|b| b.text)
            .collect()
    }

    /// Whether the block starting with `start` is in the story (`None`: no such block).
    fn kept_from(blocks: &[Block], start: &str) -> Option<bool> {
        blocks
            .iter()
            .find(|b| b.text.starts_with(start))
            .map(|b| b.dropped.is_none())
    }

    #[test]
    fn a_story_whose_every_section_bears_a_chrome_class_is_kept() {
        // "skip" is a chrome word (skip links); each section alone is under a third of the
        // page, so each was dropped and the page had no story at all.
        let section = |n: usize| {
            format!(
                "<div class=\"skip-item\"><h2>Part {n}</h2><p>Mesh systems combine a router \
                 with satellites to cover a whole home, and each satellite hands a phone to \
                 the next one as its owner walks from room to room, part {n}.</p></div>"
            )
        };
        let page = format!(
            "<html><body><nav><a href=\"/\">Home</a> <a href=\"/shop\">Shop</a></nav>\
             <div class=\"content\">{}</div><footer>Copyright the shop</footer></body></html>",
            (1..=4).map(section).collect::<String>()
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let kept = blocks
            .iter()
            .filter(|b| b.text.starts_with("Mesh systems combine") && b.dropped.is_none())
            .count();
        assert_eq!(kept, 4);
        assert_eq!(kept_from(&blocks, "Home"), Some(false));
        // A page's one chrome-classed box beside a story stays dropped.
        let page = format!(
            "<html><body><div class=\"content\">{}</div>\
             <div class=\"skip-item\"><p>Skip to the shop's deals of the week on routers, \
             satellites and cables for every home.</p></div></body></html>",
            (1..=4)
                .map(|n| format!(
                    "<p>Mesh systems cover a whole home, part {n}, and each \
                     satellite hands a phone to the next one as its owner walks about.</p>"
                ))
                .collect::<String>()
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        assert_eq!(kept_from(&blocks, "Skip to the shop"), Some(false));
    }

    fn block(text: &str, dropped: Option<Reason>) -> Block {
        Block {
            text: text.to_string(),
            heading: false,
            link_density: 0.0,
            dropped,
            line_end: false,
        }
    }

    #[test]
    fn a_hidden_panel_a_control_opens_is_kept_and_other_hidden_text_is_not() {
        let para = "The plan covers the roof, the windows and the wiring, and the city pays \
                    half of it for owners who apply before the end of the year, officials said.";
        let page = format!(
            "<html><body><article><h1>Grants for old houses</h1><p>{para}</p><p>{para}</p>\
             <h2>Questions</h2>\
             <button aria-controls=\"faq-1\" aria-expanded=\"false\">Who can apply?</button>\
             <div id=\"faq-1\" hidden role=\"region\"><p>Owners of houses built before 1950 \
             can apply, whether they live in them or rent them out.</p></div>\
             <div hidden><p>Sign up to our newsletter for the week's best stories.</p></div>\
             <div id=\"tip\" style=\"display: none\"><p>Our reporters answer readers' \
             questions every Friday.</p></div>\
             <button aria-controls=\"drawer\">Menu</button><div id=\"drawer\" hidden><p>The \
             Daily is published by the Example Media Group in three cities.</p></div>\
             <button aria-controls=\"gift\">Gift</button><div id=\"gift\" hidden \
             role=\"region\" aria-modal=\"true\"><p>Give this article to a friend who \
             would like to read it today.</p></div>\
             </article></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let reason = |start: &str| {
            blocks
                .iter()
                .find(|b| b.text.starts_with(start))
                .map(|b| b.dropped)
        };
        assert_eq!(reason("Owners of houses"), Some(None));
        assert_eq!(reason("Sign up"), Some(Some(Reason::Hidden)));
        assert_eq!(reason("Our reporters"), Some(Some(Reason::Hidden)));
        assert_eq!(reason("The Daily is"), Some(Some(Reason::Hidden)));
        assert_eq!(reason("Give this article"), Some(Some(Reason::Hidden)));
    }

    #[test]
    fn sections_alike_beside_the_top_box_are_the_story_and_other_boxes_are_not() {
        // The scores pick the first section's copy box, two boxes deep; its sibling sections
        // score too little on their own to pass the sibling step at the copy box's level.
        let long = "The city pays half of the cost of a new roof, new windows or new wiring, \
                    and owners who apply before the end of the year, the housing office said, \
                    will hear back within a month, in writing, with the sum they were granted.";
        let short = "Owners of houses built before 1950 can apply, whether they live in them \
                     or rent them out, and the office checks every claim on the spot.";
        let page = format!(
            "<html><body><main>\
             <section class=\"guide-part\" id=\"grants\"><h2>Grants</h2><div class=\"inner\">\
             <div class=\"copy\"><p>{long}</p><p>{long}</p><p>{long}</p></div></div></section>\
             <section class=\"guide-part\" id=\"who\"><h2>Who can apply</h2>\
             <div class=\"inner\"><div class=\"copy\"><p>{short}</p><p>Claims are read in the \
             order they come in, and the office answers each one within a month, by letter or \
             by email, whichever the owner chose.</p></div></div>\
             </section>\
             <section class=\"guide-part\" id=\"more\"><h2>More guides</h2><ul>\
             <li><a href=\"/a\">How to insulate an attic before the winter comes</a></li>\
             <li><a href=\"/b\">How to choose a builder you can trust with the work</a></li>\
             <li><a href=\"/c\">What a survey of an old house should always tell you</a></li>\
             </ul></section>\
             <section class=\"call-to-action\"><p>Talk to our team today to learn how we can \
             help you plan the work on your house, from the first survey to the last coat of \
             paint, and everything in between, with a quote within a week of your call.</p>\
             </section></main></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let kept = |start: &str| kept_from(&blocks, start);
        assert_eq!(kept("The city pays"), Some(true));
        assert_eq!(kept("Who can apply"), Some(true));
        assert_eq!(kept("Owners of houses"), Some(true));
        assert_eq!(kept("How to insulate"), Some(false));
        assert_eq!(kept("Talk to our team"), Some(false));
    }

    #[test]
    fn prose_between_parts_of_the_story_is_taken_in_and_prose_around_it_is_not() {
        let prose = "The negotiators met on Thursday in Geneva, the first round of talks since \
                     the summer, officials said, and they will meet again soon.";
        let outside = Some(Reason::OutsideTheStory);
        let mut blocks = vec![
            block(&format!("Teaser. {prose}"), outside),
            block("First part of the story, as chosen.", None),
            block(&format!("Between. {prose}"), outside),
            block("Short box between.", outside),
            block("Second part of the story, as chosen.", None),
            block(&format!("After. {prose}"), outside),
        ];
        take_in_prose_between(&mut blocks);
        let kept: Vec<&str> = blocks
            .iter()
            .filter(|b| b.dropped.is_none())
            .map(|b| &b.text[..b.text.find(' ').unwrap_or(b.text.len())])
            .collect();
        assert_eq!(kept, ["First", "Between.", "Second"]);
    }

    #[test]
    fn text_the_parser_moves_out_of_a_misnested_link_is_kept() {
        // The parser's adoption agency moves nodes between elements; ego-tree before 0.11 left
        // the moved children's parent links stale, and the tree then lost "bar" (scraper #147).
        let page = "<html><body><div><a hr</div><div><div></div>\n\
                    <div><a href=\"/\">bar</a></div></div></body></html>";
        let blocks = story_blocks(&Html::parse_document(page));
        assert!(blocks.iter().any(|b| b.text == "bar"), "{:?}", blocks.len());
    }

    #[test]
    fn a_short_box_chosen_by_its_class_gives_way_to_the_prose_of_the_page() {
        // The paragraphs stand in page-builder "widget" boxes, weighed down by their class; a
        // form's one-line "content" box outscores them by its class alone.
        let para = "The price of a new panel depends on its size and on the work the old wiring \
                    needs, and an electrician gives a quote after a visit, the company said.";
        let widgets: String = (1..=4)
            .map(|i| {
                format!(
                    "<div class=\"so-widget\"><div class=\"so-widget-editor\">\
                     <div class=\"widget-panel-{i}\"><p>{para}</p></div></div></div>"
                )
            })
            .collect();
        let page = format!(
            "<html><body><main>{widgets}</main>\
             <div class=\"request\"><div class=\"request__content\"><span>Request service \
             today from our team</span></div></div></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let kept = |start: &str| kept_from(&blocks, start);
        assert_eq!(kept("The price of"), Some(true));
        assert_eq!(kept("Request service"), Some(false));
    }

    #[test]
    fn hidden_counts_only_where_it_hides_the_box_from_a_reader_at_a_desk() {
        let para = "The council voted on Tuesday to close the old bridge to cars from March, \
                    and buses will take the ring road until the new one opens, officials said.";
        let page = format!(
            "<html><body><main><div class=\"flex relative overflow-hidden\"><article>\
             <h1>Bridge to close</h1><p>{para}</p><p>{para}</p>\
             <div class=\"field field--label-hidden\"><p>Cyclists and walkers may still \
             cross the bridge on its north side, the council said.</p></div>\
             <div class=\"well hidden-xs hidden-sm\"><p>The new bridge will carry two \
             lanes of traffic and a tram line when it opens in two years.</p></div>\
             <div class=\"kt-accordion-panel kt-accordion-panel-hidden\"><p>Drivers will \
             be sent along the ring road by signs from the motorway exit.</p></div>\
             <div class=\"hidden md:block\"><p>Work on the ring road begins in January, \
             and the council expects it to last six weeks.</p></div>\
             <div class=\"hidden\"><p>Sign up to our newsletter for the week's best \
             stories.</p></div>\
             <div class=\"lg:hidden\"><p>Open this story in our app for the best view of \
             the maps.</p></div>\
             <div class=\"promo elementor-hidden-desktop\"><p>Download our app to read \
             the rest of the week's news.</p></div>\
             </article></div></main></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let kept = |start: &str| kept_from(&blocks, start);
        assert_eq!(kept("The council voted"), Some(true));
        assert_eq!(kept("Cyclists and walkers"), Some(true));
        assert_eq!(kept("The new bridge"), Some(true));
        assert_eq!(kept("Work on the ring road"), Some(true));
        assert_eq!(kept("Drivers will be sent"), Some(true));
        assert_eq!(kept("Sign up"), Some(false));
        assert_eq!(kept("Open this story"), Some(false));
        assert_eq!(kept("Download our app"), Some(false));
    }

    #[test]
    fn a_story_typed_into_its_column_scores_that_column() {
        // The story is the column's own text, lines broken by <br>; beside it a sidebar of
        // link lists weighs down the row both sit in, and a footer paragraph scores more.
        let lines = "The team of the home care service found two of its five cars broken into \
                     this morning, in the car park behind the health centre.<br>The thieves \
                     took the radios, a first-aid kit and a tablet, the service said, and the \
                     police came within the hour.<br>The service runs as usual, with the three \
                     cars left, until the two are repaired, the city said on Friday.";
        let links: String = (1..=40)
            .map(|i| format!("<li><a href=\"/news?m={i}\">Month {i} of the archive</a></li>"))
            .collect();
        let page = format!(
            "<html><body><div class=\"container\"><div class=\"row\">\
             <div class=\"col-md-3\"><div class=\"well\"><ul>{links}</ul></div></div>\
             <div class=\"col-md-9\"><p class=\"titulo\">Cars broken into</p>\
             <small>05/10/2018 - Published by: the press office</small><br><br>{lines}<br><br>\
             <div class=\"row\"><div class=\"col-md-12\"><a href=\"/share\">Facebook</a> \
             <a href=\"/tweet\">Twitter</a></div></div></div></div></div>\
             <div class=\"container-fluid\"><div class=\"address\"><p>City Hall, 1111 \
             Walter Street, Barra do Rio, postal box 421, phone 2106-8000, open Monday to \
             Friday, 8 to 5, closed on public holidays, as set by law.</p></div></div>\
             </body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let kept = |start: &str| kept_from(&blocks, start);
        assert_eq!(kept("The team of the home care"), Some(true));
        assert_eq!(kept("The service runs as usual"), Some(true));
        assert_eq!(kept("City Hall"), Some(false));
        assert_eq!(kept("Month 1 of"), Some(false));
    }

    #[test]
    fn a_heading_between_parts_of_the_story_is_taken_in_when_story_follows_it() {
        let para = "The council voted on Tuesday to close the old bridge to cars from March, \
                    and buses will take the ring road until the new one opens, officials said.";
        let page = format!(
            "<html><body><article>\
             <div class=\"body-copy\"><p>{para}</p><p>{para}</p><p>{para}</p></div>\
             <div class=\"block\"><h2>Related posts</h2><ul>\
             <li><a href=\"/a\">A new tram line for the east of the city</a></li>\
             <li><a href=\"/b\">The ring road, a history in pictures</a></li></ul></div>\
             <div class=\"block\"><h2>What it costs</h2></div>\
             <div class=\"body-copy\"><p>{para}</p><p>{para}</p><p>{para}</p></div>\
             </article></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let kept = |start: &str| kept_from(&blocks, start);
        assert_eq!(kept("What it costs"), Some(true));
        assert_eq!(kept("Related posts"), Some(false));
        assert_eq!(kept("A new tram line"), Some(false));
    }

    #[test]
    fn the_lede_in_a_box_above_the_story_is_taken_in() {
        let para = "The council voted on Tuesday to close the old bridge to cars from March, \
                    and buses will take the ring road until the new one opens, officials said.";
        let body: String = (0..6).map(|_| format!("<p>{para}</p>")).collect();
        let page = format!(
            "<html><body><div class=\"top\"><p>Read our guide to the city's new parking \
             rules and what they mean for you, from the first of May onwards.</p></div>\
             <div class=\"links\"><a href=\"/\">Home</a> <a href=\"/city\">City</a></div>\
             <div class=\"intro\"><p>The old bridge, a landmark for a century, will close to \
             cars in March while the city builds its replacement downstream.</p></div>\
             <h2>A year of works</h2>\
             <div class=\"story-body\">{body}</div></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let kept = |start: &str| kept_from(&blocks, start);
        assert_eq!(kept("The old bridge, a landmark"), Some(true));
        assert_eq!(kept("A year of works"), Some(true));
        assert_eq!(kept("Home"), Some(false));
        assert_eq!(kept("Read our guide"), Some(false));
    }

    #[test]
    fn a_line_broken_mid_sentence_is_joined_and_list_items_are_not() {
        let para = "The council voted on Tuesday to close the old bridge to cars from March, \
                    and buses will take the ring road until the new one opens, officials said.";
        let page = format!(
            "<html><body><article><p>{para}</p><p>{para}</p>\
             <p>Between 2015 and<br>the end of 2018, <strong>13% of children</strong><br>\
             <strong>ages 5 to 19</strong> in the city had crossed the bridge on foot.</p>\
             <p>The works will be done in stages, with care,</p><p>starting with the \
             footpaths on the north side of the bridge.</p>\
             <p>Settings of the new traffic lights:</p>\
             <ul><li>cycle_length: 90 seconds at peak hours</li>\
             <li>green_wave: on for the ring road</li></ul></article></body></html>"
        );
        let texts = kept_texts(&page);
        assert!(texts.iter().any(|t| t
            == "Between 2015 and the end of 2018, 13% of children ages 5 to 19 in the city had \
              crossed the bridge on foot."));
        assert!(texts.iter().any(|t| t
            == "The works will be done in stages, with care, starting with the footpaths on the \
              north side of the bridge."));
        assert!(texts
            .iter()
            .any(|t| t == "cycle_length: 90 seconds at peak hours"));
        assert!(texts
            .iter()
            .any(|t| t == "green_wave: on for the ring road"));
    }

    #[test]
    fn a_table_row_of_words_is_one_block_and_a_row_of_paragraphs_is_not() {
        let para = "The council compared the three plans on Tuesday, and the cheapest one will \
                    be put to a vote next month, officials said after the meeting.";
        let page = format!(
            "<html><body><article><p>{para}</p>\
             <table><thead><tr><th>Plan</th><th>Best for</th><th>Cost (yearly)</th></tr></thead>\
             <tbody><tr><td><a href=\"/a\">Ring road</a></td><td>Buses and lorries</td>\
             <td>£4m</td></tr></tbody></table><p>{para}</p>\
             <table><tr><td><p>{para}</p></td><td><p>The bridge will close in March.</p></td>\
             </tr></table></article></body></html>"
        );
        let texts = kept_texts(&page);
        assert!(texts.iter().any(|t| t == "Plan Best for Cost (yearly)"));
        assert!(texts.iter().any(|t| t == "Ring road Buses and lorries £4m"));
        assert!(texts.iter().any(|t| t == "The bridge will close in March."));
        assert_eq!(texts.iter().filter(|t| *t == para).count(), 3);
    }

    #[test]
    fn a_story_streamed_in_hidden_segments_is_kept() {
        let para = "The council voted on Tuesday to close the old bridge to cars from March, \
                    and buses will take the ring road until the new one opens, officials said.";
        // Each segment holds under a third of the page's text, so its hiding would drop it.
        let links: String = (1..=20)
            .map(|i| {
                format!("<li><a href=\"/city/{i}\">More news from the city, part {i}</a></li>")
            })
            .collect();
        let page = format!(
            "<html><body><header><a href=\"/\">Home</a></header><main><h1>Bridge to \
             close</h1><template id=\"B:0\"></template><template id=\"B:1\"></template>\
             <ul class=\"more\">{links}</ul></main><div hidden><p>Sign up to our newsletter for the week's best \
             stories.</p></div>\
             <div hidden id=\"S:0\"><div class=\"prose\"><p>{para}</p><p>{para}</p></div></div>\
             <script>$RC(\"B:0\",\"S:0\")</script>\
             <div hidden id=\"S:1\"><div class=\"prose\"><p>Work on the new bridge begins in \
             May, and the city expects it to open in two years, the mayor said.</p>\
             <p>{para}</p></div></div>\
             <script>$RC(\"B:1\",\"S:1\")</script></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        let kept = |start: &str| kept_from(&blocks, start);
        assert_eq!(kept("The council voted"), Some(true));
        assert_eq!(kept("Work on the new bridge"), Some(true));
        assert_eq!(kept("Sign up"), Some(false));
    }

    #[test]
    fn a_sidebar_left_unclosed_around_the_story_does_not_drop_it() {
        let para = "The council voted on Tuesday to close the old bridge to cars from March, \
                    and buses will take the ring road until the new one opens, officials said.";
        let page = format!(
            "<html><body><aside class=\"banner\"><p>We are hiring.</p>\
             <article><h1>Bridge to close</h1><p>{para}</p><p>{para}</p><p>{para}</p>\
             </article></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&page));
        assert!(blocks
            .iter()
            .any(|b| b.text.starts_with("The council") && b.dropped.is_none()));
        // A sidebar that closes before the story is still dropped.
        let closed = format!(
            "<html><body><aside class=\"banner\"><p>We are hiring reporters.</p></aside>\
             <article><p>{para}</p><p>{para}</p></article></body></html>"
        );
        let blocks = story_blocks(&Html::parse_document(&closed));
        assert!(blocks
            .iter()
            .any(|b| b.text.starts_with("We are hiring") && b.dropped == Some(Reason::Sidebar)));
    }
}
