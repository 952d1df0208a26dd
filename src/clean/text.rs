//! Plain-text scrapes: one pass over the lines, each classified as story, chrome or metadata.
//!
//! Signals used: lines that are whole-line chrome phrases ("MENU", "Skip to main content"),
//! chrome prefixes ("Follow us on", "(photo credit"), markers after which a page lists other
//! stories ("Popular posts from this blog", "Related posts"), source and domain lines, the
//! headline at the top, paragraphs repeated or contained in another paragraph, and lines the
//! file's site repeats on many pages ([`super::site`]).

use super::wrap::{
    continues_below, goes_on_below, has_many_lone_lines, is_control_entity, is_hard_wrapped,
    opens_with_dateline, starts_list_item, starts_lower, WRAP_MAX, WRAP_MIN,
};
use super::{dedup, entity, meta, region, site, stopwords};
use super::{Article, LineStart, Paragraph, Reason, Removed, SiteChrome};
use std::borrow::Cow;

/// Whole lines that are page chrome, compared lower-cased without trailing punctuation.
const CHROME_LINES: &[(&str, Reason)] = &[
    ("skip to main content", Reason::Navigation),
    ("skip to content", Reason::Navigation),
    ("skip to navigation", Reason::Navigation),
    ("menu", Reason::Menu),
    ("main menu", Reason::Menu),
    ("home", Reason::Menu),
    ("search", Reason::Menu),
    ("close", Reason::Menu),
    ("leave a comment", Reason::CommentPrompt),
    ("leave a reply", Reason::CommentPrompt),
    ("add a comment", Reason::CommentPrompt),
    ("comments", Reason::CommentPrompt),
    ("post a comment", Reason::CommentPrompt),
    ("published on", Reason::Byline),
    ("- published on", Reason::Byline),
    ("advertisement", Reason::Advertisement),
    ("share", Reason::ShareButtons),
    ("share this", Reason::ShareButtons),
    ("share this article", Reason::ShareButtons),
    ("tweet", Reason::ShareButtons),
    ("print", Reason::ShareButtons),
    ("email", Reason::ShareButtons),
    ("subscribe", Reason::SubscriptionPrompt),
    ("sign up", Reason::SubscriptionPrompt),
    ("sign in", Reason::SubscriptionPrompt),
    ("log in", Reason::SubscriptionPrompt),
    ("read more", Reason::RelatedLinks),
];

/// Line prefixes that mark chrome, lower-cased.
const CHROME_PREFIXES: &[(&str, Reason)] = &[
    ("(photo credit", Reason::PhotoCredit),
    ("photo credit", Reason::PhotoCredit),
    ("(photo:", Reason::PhotoCredit),
    ("photo:", Reason::PhotoCredit),
    ("image credit", Reason::PhotoCredit),
    ("(image credit", Reason::PhotoCredit),
    ("follow us on", Reason::SocialLinks),
    ("share on facebook", Reason::ShareButtons),
    ("copyright ©", Reason::Copyright),
    ("©", Reason::Copyright),
    ("all rights reserved", Reason::Copyright),
];

/// Lines after which the page lists other stories or comments, not this one, with the reason
/// they are dropped. Compared lower-cased without trailing punctuation.
const END_MARKERS: &[(&str, Reason)] = &[
    ("popular posts from this blog", Reason::RelatedLinks),
    ("related posts", Reason::RelatedLinks),
    ("related articles", Reason::RelatedLinks),
    ("related stories", Reason::RelatedLinks),
    ("related content", Reason::RelatedLinks),
    ("related coverage", Reason::RelatedLinks),
    ("related", Reason::RelatedLinks),
    ("you may also like", Reason::RelatedLinks),
    ("you might also like", Reason::RelatedLinks),
    ("recommended for you", Reason::RelatedLinks),
    ("recommended", Reason::RelatedLinks),
    ("more stories", Reason::RelatedLinks),
    ("more from", Reason::RelatedLinks),
    ("more news", Reason::RelatedLinks),
    ("latest news", Reason::RelatedLinks),
    ("latest stories", Reason::RelatedLinks),
    ("our latest stories", Reason::RelatedLinks),
    ("top stories", Reason::RelatedLinks),
    ("most popular", Reason::RelatedLinks),
    ("most read", Reason::RelatedLinks),
    ("trending", Reason::RelatedLinks),
    ("trending now", Reason::RelatedLinks),
    ("read next", Reason::RelatedLinks),
    ("what to read next", Reason::RelatedLinks),
    ("most viewed", Reason::RelatedLinks),
    ("most shared", Reason::RelatedLinks),
    ("around the web", Reason::RelatedLinks),
    ("from the web", Reason::RelatedLinks),
    ("more articles", Reason::RelatedLinks),
    ("featured video", Reason::RelatedLinks),
    ("about this article", Reason::RelatedLinks),
    ("leave a comment", Reason::CommentPrompt),
    ("leave a reply", Reason::CommentPrompt),
    ("post a comment", Reason::CommentPrompt),
    ("add a comment", Reason::CommentPrompt),
    ("comments", Reason::CommentPrompt),
    ("join the conversation", Reason::CommentPrompt),
    ("share this", Reason::ShareButtons),
    ("share this article", Reason::ShareButtons),
    ("share this story", Reason::ShareButtons),
    ("about the author", Reason::AuthorBox),
    ("tags", Reason::Tags),
];

/// Whole-line chrome phrases and end markers are short; a longer line is only checked for a
/// chrome prefix, on its lower-cased start, so that long paragraphs are never lower-cased whole.
const SHORT_LINE: usize = 64;

/// The start of a long line, lower-cased, long enough for every chrome prefix.
fn head_key(line: &str) -> String {
    let line = line.trim_start();
    let mut end = line.len().min(32);
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    line[..end].to_lowercase()
}

/// Openings of short headings above boxes of other stories ("Related Links", "More in Sport").
const MARKER_OPENINGS: &[&str] = &[
    "related",
    "more from",
    "more in",
    "more on",
    "more news",
    "more stories",
    "next up in",
    "elsewhere on",
    "most popular",
    "most read",
    "other news",
    "other stories",
    "editors' picks",
    "editor's picks",
    "latest news",
    "recommended",
    "you may also",
    "you might also",
];

fn key(line: &str) -> String {
    line.trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')')
        .trim()
        .to_lowercase()
}

/// The key the whole-line tests compare: [`key`] for a short line, [`head_key`] for a long one.
/// Every line is tested for end markers, box headings and chrome, on the one key.
fn line_key(line: &str) -> String {
    if line.len() <= SHORT_LINE {
        key(line)
    } else {
        head_key(line)
    }
}

/// Why the line whose [`line_key`] is `k` is page chrome, if it is.
fn chrome_reason(k: &str) -> Option<Reason> {
    if let Some((_, r)) = CHROME_LINES.iter().find(|(l, _)| *l == k) {
        return Some(*r);
    }
    CHROME_PREFIXES
        .iter()
        .find(|(p, _)| k.starts_with(p))
        .map(|(_, r)| *r)
}

pub(super) fn ends_sentence(line: &str) -> bool {
    line.trim_end().ends_with([
        '.', '!', '?', ':', '"', '”', '’', '\'', ')', ';', '。', '！', '？', '」',
    ])
}

/// Cleans a plain-text page, dropping the lines `chrome` says its site repeats. Text escaped
/// as SGML, as wire feeds are, is read with its references decoded ([`entity`]): line by line,
/// so that every line keeps its number.
pub fn clean_text(content: &str, chrome: &SiteChrome) -> Article {
    if entity::is_escaped(content) {
        let decoded: Vec<Cow<str>> = content.lines().map(entity::decode).collect();
        let lines: Vec<&str> = decoded.iter().map(|l| l.as_ref()).collect();
        return clean_lines(&lines, 1, chrome);
    }
    let lines: Vec<&str> = content.lines().collect();
    clean_lines(&lines, 1, chrome)
}

/// Cleans lines of text, the first being line `first_line` of the original file.
pub fn clean_lines(lines: &[&str], first_line: usize, chrome: &SiteChrome) -> Article {
    let wire = opens_with_dateline(lines);
    let hard_wrapped = wire || is_hard_wrapped(lines);
    let mut article = Article::default();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    // Per paragraph: whether an end-of-article marker stood just before it.
    let mut after_marker: Vec<bool> = Vec::new();
    // Per paragraph: whether it is a line the site repeats on many pages.
    let mut repeated: Vec<bool> = Vec::new();
    let mut marker_pending = false;
    // Per paragraph: whether a repetition of the headline stood just before it.
    let mut after_title: Vec<bool> = Vec::new();
    let mut title_pending = false;
    // Whether the next paragraph is the text of an about box, whose heading was just dropped.
    let mut bio_pending = false;
    // The names the page's bylines give ("By Jane Doe"), whose repetition heads an author box.
    let authors: Vec<&str> = if hard_wrapped {
        Vec::new()
    } else {
        lines.iter().filter_map(|l| byline_name(l)).collect()
    };
    // Whether the previous line may be continued by the next one (hard-wrapped text).
    let mut open = false;
    let mut title_key: Option<String> = None;
    // The first date the page gives for an update of the article.
    let mut updated: Option<String> = None;
    for (i, raw) in lines.iter().enumerate() {
        let line_no = first_line + i;
        let line = raw.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        let mut drop = |reason: Reason| {
            article.removed.push(Removed {
                line: line_no,
                text: line.to_string(),
                reason,
            });
        };
        // The paragraph below an about box's heading is the box ([`about_box_heading`]).
        if bio_pending {
            bio_pending = false;
            drop(Reason::AuthorBox);
            open = false;
            continue;
        }
        // An indented line or a list item starts a paragraph of its own.
        let starts_new = raw.starts_with(char::is_whitespace) || starts_list_item(line);
        let continues = open && !starts_new;
        // The end of a wrapped sentence ("share.", "close.") is prose, whatever its words: in a
        // hard-wrapped text, or where it starts in lower case, no chrome test applies to it.
        let ends_wrapped_sentence = continues && (hard_wrapped || starts_lower(line));
        // So is a line that goes on into the next: a lede's first line is not the headline.
        let next = lines.get(i + 1).copied().unwrap_or("");
        let goes_on = hard_wrapped && goes_on_below(line, next);
        if hard_wrapped && is_control_entity(line) {
            drop(Reason::ControlCharacter);
            open = false;
            continue;
        }
        let k = line_key(line);
        if ends_wrapped_sentence {
            // Only the site's evidence is looked at, below, and a continuation is never chrome.
        } else if let Some(reason) = end_marker(line, &k).or_else(|| box_heading(line, &k)) {
            drop(reason);
            marker_pending = true;
            open = false;
            continue;
        } else if !hard_wrapped && about_box_heading(line, &k, &lines[i + 1..], &authors) {
            drop(Reason::AuthorBox);
            bio_pending = true;
            marker_pending = true;
            open = false;
            continue;
        }
        if let Some(reason) = chrome_reason(&k).filter(|_| !ends_wrapped_sentence) {
            drop(reason);
            open = false;
            continue;
        }
        if let Some(source) = meta::source_line(line) {
            article.source.get_or_insert(source);
            drop(Reason::SourceLine);
            open = false;
            continue;
        }
        if let Some(domain) = meta::domain_line(line) {
            article.source.get_or_insert(domain);
            drop(Reason::SiteName);
            open = false;
            continue;
        }
        // A line that continues a hard-wrapped sentence ("said.", "year.") is story wherever
        // else it stands. Other lines the site repeats are looked for after the markers and
        // metadata lines, which say more than that they repeat, and before the headline, so
        // that a site's name atop every page is not taken for it. Such a line stays a paragraph
        // of its own until the story is chosen, so that the choice sees the page as it is (a
        // menu line is context for the lines around it), and is dropped after it.
        let site_chrome = !continues && chrome.contains(line);
        if !site_chrome {
            // The headline comes before the story: only lines the site repeats may precede it.
            // A dateline is never the headline, even where the headline above it was dropped
            // as a line the site repeats.
            if article.title.is_none()
                && repeated.iter().all(|&r| r)
                && is_headline(line)
                && meta::newswire_dateline(line).is_none()
            {
                let (title, site) = meta::strip_site_suffix(line.to_string());
                title_key = Some(word_key(&title));
                article.title = Some(title);
                if site.is_some() {
                    article.source = site;
                }
                drop(Reason::Title);
                continue;
            }
            // The page repeats its headline above the story (and often the <title> before it).
            if !goes_on && title_key.as_ref().is_some_and(|t| repeats_title(line, t)) {
                drop(Reason::Title);
                // Only the whole headline marks where the story starts: a part of it may be a
                // list item or a subheading of the story itself.
                title_pending = title_key.as_deref() == Some(word_key(line).as_str());
                open = false;
                continue;
            }
            if article.date.is_none() {
                if let Some(date) = meta::newswire_dateline(line) {
                    article.date = Some(date);
                    drop(Reason::Dateline);
                    open = false;
                    continue;
                }
            }
            if article.date.is_none() && is_date_line(line) {
                if let Some(date) = meta::find_date(line) {
                    // An update's date stands in only when the page gives no other.
                    if tells_update(line) {
                        updated.get_or_insert(date);
                    } else {
                        article.date = Some(date);
                    }
                    if line.split_whitespace().count() <= 6 {
                        drop(Reason::Dateline);
                        continue;
                    }
                }
            }
        }
        match paragraphs.last_mut() {
            Some(p) if continues && !marker_pending => {
                p.text.push(' ');
                p.lines.push(LineStart {
                    offset: p.text.len(),
                    line: line_no,
                });
                p.text.push_str(line);
            }
            _ => {
                paragraphs.push(Paragraph {
                    text: line.to_string(),
                    lines: vec![LineStart {
                        offset: 0,
                        line: line_no,
                    }],
                });
                after_marker.push(marker_pending);
                after_title.push(title_pending);
                repeated.push(site_chrome);
                marker_pending = false;
                title_pending = false;
            }
        }
        // Hard-wrapped scrapes break lines mid-sentence at a fixed width; a line that ends a
        // sentence, or is long enough to be a paragraph of its own, closes the paragraph.
        // In a hard-wrapped text a short line may go on too, and a line ending on a dot goes
        // on when the next starts in lower case ("Smith Corp.\nsaid"): a passage boundary
        // there would cut a sentence in two.
        open = !site_chrome
            && ((!ends_sentence(line) && (WRAP_MIN..=WRAP_MAX).contains(&line.chars().count()))
                || goes_on
                || (hard_wrapped && starts_lower(next) && continues_below(next)));
    }
    if article.date.is_none() {
        article.date = updated;
    }
    // A hard-wrapped text with few lines standing alone is a wire story or a mail, not a
    // flattened page: it has no menus around the story, so where a block stands says nothing,
    // and only blocks that are chrome by their own shape go. A wire story's tables above its
    // one sentence are the story.
    let select = if wire {
        region::select_in_wire_story
    } else if hard_wrapped && !has_many_lone_lines(lines) {
        region::select_in_story
    } else {
        region::select
    };
    finish(
        article,
        paragraphs,
        (&after_marker, &after_title),
        &repeated,
        first_line,
        select,
    )
}

/// Cleans the story blocks an HTML page's DOM gave: each block is one paragraph already, and
/// `link_dense[i]` says block `i` is mostly link text. `title` is the page's headline, so that
/// its repetition above the story is dropped.
pub fn clean_blocks(
    blocks: Vec<Paragraph>,
    link_dense: &[bool],
    title: Option<&str>,
    chrome: &SiteChrome,
) -> Article {
    let mut article = Article::default();
    let title_key = title.map(word_key).filter(|k| !k.is_empty());
    let mut kept: Vec<Paragraph> = Vec::with_capacity(blocks.len());
    let mut after_marker: Vec<bool> = Vec::with_capacity(blocks.len());
    let mut repeated: Vec<bool> = Vec::with_capacity(blocks.len());
    let mut marker_pending = false;
    for (i, p) in blocks.into_iter().enumerate() {
        let line = p.text.as_str();
        let k = line_key(line);
        let reason = if let Some(r) = end_marker(line, &k) {
            marker_pending = true;
            Some(r)
        } else if let Some(r) = chrome_reason(&k) {
            Some(r)
        } else if let Some(source) = meta::source_line(line) {
            article.source.get_or_insert(source);
            Some(Reason::SourceLine)
        } else if meta::domain_line(line).is_some() {
            Some(Reason::SiteName)
        } else if link_dense.get(i).copied().unwrap_or(false)
            && !links_in_a_sentence_of_the_story(line, link_dense, i)
        {
            Some(Reason::RelatedLinks)
        } else if title_key.as_ref().is_some_and(|t| repeats_title(line, t)) {
            Some(Reason::Title)
        } else {
            None
        };
        if article.date.is_none() && line.len() < 80 {
            article.date = meta::find_date(line);
        }
        match reason {
            Some(reason) => article.removed.push(Removed {
                line: p.lines.first().map_or(1, |l| l.line),
                text: p.text,
                reason,
            }),
            None => {
                // A block the site repeats stays until the story is chosen (see clean_lines).
                repeated.push(chrome.contains(&p.text));
                kept.push(p);
                after_marker.push(marker_pending);
                marker_pending = false;
            }
        }
    }
    finish(
        article,
        kept,
        (&after_marker, &[]),
        &repeated,
        1,
        region::select_in_story,
    )
}

/// Whether the link-dense block `i` is a sentence of the story that links elsewhere ("Read
/// more about how many calories you should eat a day."): it stands alone between blocks that
/// are not mostly links, reads as a sentence of four words or more and holds no chrome phrase
/// ("Subscribe to ...", "Follow us on Instagram"). A list of related stories is a run of such
/// blocks, and stays out.
fn links_in_a_sentence_of_the_story(line: &str, link_dense: &[bool], i: usize) -> bool {
    let alone =
        i > 0 && link_dense.get(i - 1) == Some(&false) && link_dense.get(i + 1) == Some(&false);
    alone
        && line.trim_end().ends_with(['.', '!', '?', ':', ')'])
        && line.split_whitespace().count() >= 4
        && !region::has_chrome_phrase(line)
}

/// Keeps the paragraphs `select` judges to be the story, records the others in `removed` with
/// its reason, then drops the paragraphs the site repeats (`repeated[i]`) and those repeated
/// within the page: the common end of text and HTML cleaning. `fallback_line` is cited for a
/// paragraph without line information. `after` says, per paragraph, whether an end marker and
/// whether a repetition of the headline stood just before it (missing entries: neither).
fn finish(
    mut article: Article,
    paragraphs: Vec<Paragraph>,
    after: (&[bool], &[bool]),
    repeated: &[bool],
    fallback_line: usize,
    select: fn(&[region::Block]) -> region::Judged,
) -> Article {
    let (after_marker, after_title) = after;
    let blocks: Vec<region::Block> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| region::Block {
            text: &p.text,
            after_end_marker: after_marker.get(i).copied().unwrap_or(false),
            after_title: after_title.get(i).copied().unwrap_or(false),
        })
        .collect();
    let judged = select(&blocks);
    let mut story = Vec::with_capacity(paragraphs.len());
    let mut story_words = Vec::with_capacity(paragraphs.len());
    let judgements = judged.verdicts.into_iter().zip(judged.word_hashes);
    for ((p, (verdict, words)), &site_chrome) in
        paragraphs.into_iter().zip(judgements).zip(repeated)
    {
        // The site's evidence names the line for what it is, whatever the page's shape said.
        let verdict = if site_chrome {
            Some(site::REASON)
        } else {
            verdict
        };
        match verdict {
            None => {
                story.push(p);
                story_words.push(words);
            }
            Some(reason) => article.removed.push(Removed {
                line: p.lines.first().map_or(fallback_line, |l| l.line),
                text: p.text,
                reason,
            }),
        }
    }
    article.paragraphs = dedup::drop_repeated_words(
        story,
        story_words,
        &mut article.removed,
        Reason::DuplicateParagraph,
    );
    article.removed.sort_by_key(|r| r.line);
    article
}

/// Whether `line` is the headline (its [`word_key`] is `title_key`) or a good part of it.
fn repeats_title(line: &str, title_key: &str) -> bool {
    // A line much longer than the headline cannot be part of it; checking the length first
    // spares lower-casing every paragraph of a long page.
    if line.len() > 2 * title_key.len() + 32 {
        return false;
    }
    // The line's key is the headline's or part of it, so each of its words is in the headline:
    // most lines fail on their first word.
    let mut k = String::with_capacity(title_key.len() + 1);
    for w in stopwords::words(line) {
        if !k.is_empty() {
            k.push(' ');
        }
        let start = k.len();
        push_lowercase(&mut k, w);
        if k.len() > title_key.len() || !title_key.contains(&k[start..]) {
            return false;
        }
    }
    !k.is_empty() && (k == title_key || (k.len() >= 20 && title_key.contains(k.as_str())))
}

/// Lower-cased words joined by single spaces, for comparing lines loosely.
fn word_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    for w in stopwords::words(text) {
        if !key.is_empty() {
            key.push(' ');
        }
        push_lowercase(&mut key, w);
    }
    key
}

/// Appends `word` lower-cased.
fn push_lowercase(out: &mut String, word: &str) {
    if word.is_ascii() {
        let start = out.len();
        out.push_str(word);
        out[start..].make_ascii_lowercase();
    } else {
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
}

/// The end marker `line` is, if it is one; `k` is its [`line_key`].
fn end_marker(line: &str, k: &str) -> Option<Reason> {
    if line.len() > SHORT_LINE {
        return None;
    }
    if let Some((_, reason)) = END_MARKERS.iter().find(|(m, _)| *m == k) {
        return Some(*reason);
    }
    if !k.contains("comment") {
        return None;
    }
    let words: Vec<&str> = k.split(' ').collect();
    // "12 Comments", "Comments (3)"
    let counted = words.len() == 2
        && words.iter().any(|w| w.starts_with("comment"))
        && words
            .iter()
            .any(|w| w.trim_matches(['(', ')']).parse::<u32>().is_ok());
    counted.then_some(Reason::CommentPrompt)
}

/// Headings of other-story boxes in a flattened page: "Related Links", "Most popular in the
/// section", "Other news in this section", "More in Politics". Only for plain text: in HTML the
/// DOM has already chosen the story, and such a heading inside it ("More on the vote") is often
/// a subheading of the story. `k` is the line's [`line_key`].
fn box_heading(line: &str, k: &str) -> Option<Reason> {
    if line.len() > SHORT_LINE || line.trim_end().ends_with('.') {
        return None;
    }
    if LIST_HEADINGS.contains(&k) {
        return Some(Reason::RelatedLinks);
    }
    // The openings first: nearly every line fails them at once, and counting the words of
    // each short line was a twentieth of the cleaner's time on Reuters.
    let opens_box = MARKER_OPENINGS
        .iter()
        .any(|m| k.starts_with(m) && k[m.len()..].starts_with(' '))
        && k.split(' ').count() <= 6;
    opens_box.then_some(Reason::RelatedLinks)
}

/// Whole headings of the lists a blog prints below a post (its neighbours, its latest posts,
/// reading lists), lower-cased. Plain text only, as [`box_heading`]: they were measured to
/// help there, while in an HTML story the DOM chose, "Further reading" may head the story's
/// own list.
const LIST_HEADINGS: &[&str] = &[
    "related topics",
    "related reading",
    "further reading",
    "recent posts",
    "popular posts",
    "popular articles",
    "similar posts",
    "more like this",
    "you may have missed",
    "post navigation",
    "previous post",
    "next post",
];

/// Openings of the heading of a box about the author or the publisher, lower-cased.
const ABOUT_OPENINGS: &[&str] = &["about", "über", "sobre", "à propos de", "acerca de"];

/// The name a byline gives ("By Jane Doe" gives "Jane Doe"): two or three capitalised words.
fn byline_name(line: &str) -> Option<&str> {
    let t = line.trim();
    let name = ["By ", "by ", "BY "]
        .iter()
        .find_map(|by| t.strip_prefix(by))?
        .trim();
    let words: Vec<&str> = name.split_whitespace().collect();
    let capitalised = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    ((2..=3).contains(&words.len())
        && words.iter().all(capitalised)
        && name.ends_with(char::is_alphabetic))
    .then_some(name)
}

/// Words after "About" that name no one: "About Us", "About Me", "About The Center".
const ABOUT_NOT_NAMES: &[&str] = &["us", "me", "our", "my", "the", "this", "nous", "uns", "nós"];

/// Words the paragraph below an about box's heading has at least: a sentence, not a menu item.
const ABOUT_PARAGRAPH_WORDS: usize = 8;

/// Words of the paragraph below an about box's heading that are searched for the name.
const ABOUT_NAME_WORDS: usize = 12;

/// "About Sara Harberson" above "Sara Harberson is the founder of...", "Über Moritz Bachmann",
/// "About Ascom": the heading of a box about the author or the publisher, which comes after
/// the story. Only a name may follow the opening, every word of it capitalised, so that a
/// subheading of the story ("About the study") is not one; and the paragraph below must name
/// it among its first words, so that a menu's "About Us" or "About CNBC" is not one either.
/// `k` is the line's [`line_key`], `below` the lines after it.
fn about_box_heading(line: &str, k: &str, below: &[&str], authors: &[&str]) -> bool {
    if line.len() > SHORT_LINE {
        return false;
    }
    let words: Vec<&str> = line.split_whitespace().collect();
    let opening = ABOUT_OPENINGS
        .iter()
        .find(|m| k.starts_with(*m) && k[m.len()..].starts_with(' '));
    let name = match opening {
        Some(opening) => words.get(opening.split(' ').count()..).unwrap_or_default(),
        None if authors.contains(&line.trim()) => &words[..],
        None => return false,
    };
    let capitalised = |w: &&str| w.starts_with(|c: char| c.is_uppercase());
    let pronoun = |w: &str| ABOUT_NOT_NAMES.contains(&w.to_lowercase().as_str());
    if !(1..=3).contains(&name.len()) || !name.iter().all(capitalised) || pronoun(name[0]) {
        return false;
    }
    let Some(paragraph) = below.iter().map(|l| l.trim()).find(|l| !l.is_empty()) else {
        return false;
    };
    paragraph
        .split_whitespace()
        .nth(ABOUT_PARAGRAPH_WORDS)
        .is_some()
        && paragraph
            .split_whitespace()
            .take(ABOUT_NAME_WORDS)
            .any(|w| w.trim_matches(|c: char| !c.is_alphanumeric()) == name[0])
}

/// Whether the article's date may be read from `line`: a short line that is not a sentence.
/// A date in a sentence is what the sentence tells of ("As of July 31, 2025, the FDA has
/// received"), not when the article was written.
fn is_date_line(line: &str) -> bool {
    line.len() < 80 && !ends_full_sentence(line)
}

/// Whether a date line gives when the page was updated, a later date than the article's.
fn tells_update(line: &str) -> bool {
    let lower = line.to_lowercase();
    lower.contains("updated") || lower.contains("modified")
}

/// Whether `line` ends with a full stop, a question or an exclamation mark.
fn ends_full_sentence(line: &str) -> bool {
    line.trim_end().ends_with(['.', '!', '?'])
}

/// A line that reads as a headline: short, and not a finished sentence; a wire headline in
/// capitals may end on a dot ("TRADE DEAL WITH U.S.").
fn is_headline(line: &str) -> bool {
    // Chinese and Japanese leave no spaces: a word is about two characters.
    let cjk = line.chars().filter(|&c| crate::analysis::is_cjk(c)).count();
    let words = line.split_whitespace().count().max(cjk / 2);
    (2..=30).contains(&words)
        && (!line.ends_with('.') || meta::is_in_capitals(line))
        && line.chars().count() <= 250
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_line_repeats_the_title_whole_or_a_long_part_of_it() {
        let title = word_key("Cocoa prices rise in Bahia after the rains");
        assert!(repeats_title(
            "COCOA PRICES RISE IN BAHIA, after the rains",
            &title
        ));
        assert!(repeats_title("Cocoa prices rise in Bahia", &title));
        assert!(!repeats_title("Cocoa prices", &title), "too short a part");
        assert!(!repeats_title(
            "Cocoa prices rise in Bahia after the rains again",
            &title
        ));
        assert!(
            !repeats_title("Prices of cocoa", &title),
            "words of it, not part of it"
        );
        assert_eq!(word_key("Cocoa  PRICES, rise Ünd"), "cocoa prices rise ünd");
    }

    fn clean_text_alone(content: &str) -> Article {
        clean_text(content, &SiteChrome::default())
    }

    fn reasons(a: &Article) -> Vec<(usize, &str)> {
        a.removed
            .iter()
            .map(|r| (r.line, r.reason.as_str()))
            .collect()
    }

    #[test]
    fn chrome_lines_are_removed_with_reasons() {
        let a = clean_text_alone(
            "Skip to main content\n\nA headline here\n\nStory text that is a sentence.\n\nLeave a Comment\n\nMENU\nexample.com",
        );
        assert_eq!(a.title.as_deref(), Some("A headline here"));
        assert_eq!(a.source.as_deref(), Some("example.com"));
        assert_eq!(a.body(), "Story text that is a sentence.");
        assert_eq!(
            reasons(&a),
            [
                (1, "navigation"),
                (3, "title"),
                (7, "comment prompt"),
                (9, "menu"),
                (10, "site name")
            ]
        );
    }

    #[test]
    fn headings_of_other_story_boxes_end_the_story_in_plain_text() {
        for line in [
            "Related links:",
            "Most popular in the section",
            "More in Politics",
            "Next Up In Science & Health",
            "Elsewhere on pv magazine",
        ] {
            assert_eq!(
                box_heading(line, &line_key(line)),
                Some(Reason::RelatedLinks),
                "{line}"
            );
        }
        for line in [
            "Related to the case, the police said.",
            "More information was released on Monday by the police.",
        ] {
            assert_eq!(box_heading(line, &line_key(line)), None, "{line}");
        }
    }

    #[test]
    fn an_about_box_naming_the_author_below_the_story_is_dropped_as_author_box() {
        let a = clean_text_alone(
            "Mayor opens the new bridge\n\nThe mayor opened the bridge on Monday, to the relief of \
             commuters who had waited for it since the old crossing closed in the spring.\n\n\
             About Jane Doe\n\nJane Doe is a reporter at the Bugle who has covered the city \
             council since 2015.\n",
        );
        assert!(a.body().starts_with("The mayor opened"), "{}", a.body());
        assert!(!a.body().contains("Jane Doe"), "{}", a.body());
        assert_eq!(reasons(&a)[1..], [(5, "author box"), (7, "author box")]);
    }

    #[test]
    fn about_lines_of_a_menu_or_a_story_are_no_about_box() {
        let below = ["Jane Doe is a reporter at the Bugle who has covered the council."];
        for line in ["About Us", "About the study", "About Jane Doe and her team"] {
            assert!(
                !about_box_heading(line, &line_key(line), &below, &[]),
                "{line}"
            );
        }
        let menu = ["Contact Us"];
        assert!(!about_box_heading("About Jane", "about jane", &menu, &[]));
        let bio = [
            "",
            "Jane Doe is a reporter at the Bugle who has covered the council.",
        ];
        assert!(about_box_heading(
            "About Jane Doe",
            "about jane doe",
            &bio,
            &[]
        ));
        // A bare name heads an author box when it is the name of the page's byline.
        assert!(about_box_heading(
            "Jane Doe",
            "jane doe",
            &bio,
            &["Jane Doe"]
        ));
        assert!(!about_box_heading("Jane Doe", "jane doe", &bio, &[]));
        assert_eq!(byline_name("By Jane Doe"), Some("Jane Doe"));
        assert_eq!(byline_name("By the river"), None);
    }

    #[test]
    fn everything_after_an_end_marker_is_related_links() {
        let a = clean_text_alone("Title line here\nBody sentence one.\nPopular posts from this blog\nOther story headline\n");
        assert_eq!(a.body(), "Body sentence one.");
        assert_eq!(
            a.removed.last().map(|r| r.reason),
            Some(Reason::RelatedLinks)
        );
    }

    #[test]
    fn a_blog_s_post_navigation_and_recent_posts_end_the_story() {
        let a = clean_text_alone(concat!(
            "Bike and Style book review\n\n",
            "If you want a book that makes you feel great about being a biker, this is it: the ",
            "coffee-table book comes with a record of songs about the open road.\n\n",
            "There are some stunning photos in the book, but a few low-resolution images spoil ",
            "the impression, as do the many pages given over to the German version of the text.\n\n",
            "Post navigation\n",
            "Previous Post: Free scooter and motorcycle training\n",
            "Next Post: Motorcycle cleaner and power clean\n\n",
            "Recent Posts\n\n",
            "The magazine features the latest bike reviews, news and events, and its team brings ",
            "the latest launch reports as they happen, with kit reviews and know-how for riders.\n",
        ));
        assert_eq!(a.paragraphs.len(), 2, "{}", a.body());
        assert!(a.body().ends_with("German version of the text."));
        assert!(reasons(&a).contains(&(13, "related links")));
    }

    #[test]
    fn paragraph_contained_in_another_is_kept_once_the_longer_one() {
        let a = clean_text_alone(
            "Headline of it all\n\nThe first sentence is repeated as a standfirst here.\n\nThe first sentence is repeated as a standfirst here. And more follows.\n",
        );
        assert_eq!(a.paragraphs.len(), 1);
        assert_eq!(a.paragraphs[0].lines[0].line, 5);
        assert_eq!(reasons(&a)[1], (3, "duplicate paragraph"));
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph_with_line_starts() {
        let a = clean_text_alone(
            "Headline of the wire story\n    The company said on Monday that its profits\nrose sharply in the quarter.\n    A second paragraph starts here.\n",
        );
        assert_eq!(a.paragraphs.len(), 2);
        let p = &a.paragraphs[0];
        assert_eq!(
            p.text,
            "The company said on Monday that its profits rose sharply in the quarter."
        );
        assert_eq!(p.line_at(0), 2);
        assert_eq!(p.line_at(p.text.find("rose").unwrap_or(0)), 3);
    }

    const CORPUS: [(&str, &str); 5] = [
        ("000", include_str!("../../corpus/000_d21ad95ebcaac17e.txt")),
        ("001", include_str!("../../corpus/001_24275c46c4a4a843.txt")),
        ("002", include_str!("../../corpus/002_048ada916771e28f.txt")),
        ("003", include_str!("../../corpus/003_283cda69716dc23a.txt")),
        ("004", include_str!("../../corpus/004_8105ffb6389b00c5.txt")),
    ];

    /// The page furniture of the bundled articles, by the start of its line.
    const CHROME: &[&str] = &[
        "Skip to main content",
        "(photo credit: REUTERS)",
        "Follow us on twitter",
        "Popular posts from this blog",
        "Taylor Swift: 'White supremacy",
        "Dr. Vladimir Zelenko",
        "Tulsi Gabbard says",
        "Marine Charged for Facebook",
        "Leave a Comment",
        "MENU",
        "techysolutions.de",
        "Related posts",
        "- Published on",
        "Source: Reuters",
    ];

    fn corpus(name: &str) -> Article {
        let text = CORPUS
            .iter()
            .find(|(n, _)| *n == name)
            .map_or("", |(_, t)| t);
        clean_text_alone(text)
    }

    #[test]
    fn corpus_chrome_lines_are_removed() {
        for (name, text) in CORPUS {
            let a = clean_text_alone(text);
            for (i, line) in text.lines().enumerate() {
                if CHROME.iter().any(|c| line.trim().starts_with(c)) {
                    assert!(
                        a.removed.iter().any(|r| r.line == i + 1),
                        "{name} line {}: {line:?} not removed",
                        i + 1
                    );
                    assert!(!a.body().contains(line.trim()), "{name}: {line:?} in body");
                }
            }
        }
    }

    #[test]
    fn corpus_story_sentences_are_all_in_the_body() {
        for (name, text) in CORPUS {
            let a = clean_text_alone(text);
            let body = a.body();
            let title = a.title.clone().unwrap_or_default();
            for (i, line) in text.lines().enumerate() {
                let line = line.trim();
                let is_chrome = CHROME.iter().any(|c| line.starts_with(c));
                let is_title = !line.is_empty() && title.starts_with(line)
                    || line.starts_with(title.as_str()) && !title.is_empty();
                let is_standfirst = name == "002" && i + 1 == 8;
                if line.split_whitespace().count() < 4 || is_chrome || is_title || is_standfirst {
                    continue;
                }
                assert!(
                    body.contains(line),
                    "{name} line {}: {line:?} missing",
                    i + 1
                );
            }
        }
    }

    #[test]
    fn corpus_titles_and_sources() {
        let a = corpus("000");
        assert_eq!(
            a.title.as_deref(),
            Some("TikTok in Focus as U.S. Prepares for Fresh China Talks")
        );
        assert_eq!(a.source.as_deref(), Some("techysolutions.de"));
        let a = corpus("001");
        assert_eq!(
            a.title.as_deref(),
            Some("Why the Potential TikTok-U.S. Data Security Deal Is Still Delayed")
        );
        assert_eq!(a.source.as_deref(), Some("WSJ Tech News Briefing"));
        assert_eq!(corpus("004").source.as_deref(), Some("Reuters"));
    }

    #[test]
    fn corpus_title_is_not_repeated_in_the_body() {
        for (name, _) in CORPUS {
            let a = corpus(name);
            let title = a.title.clone().unwrap_or_default();
            assert!(!title.is_empty(), "{name} has no title");
            assert!(!a.body().contains(&title), "{name}: title in body");
        }
    }

    #[test]
    fn corpus_standfirst_repeating_the_first_sentence_is_a_duplicate() {
        let a = corpus("002");
        assert!(a
            .removed
            .iter()
            .any(|r| r.line == 8 && r.reason == Reason::DuplicateParagraph));
        assert!(a
            .body()
            .contains("Tik Tok logos are seen on smartphones in front of displayed ByteDance"));
        assert!(a.paragraphs.iter().any(|p| p.lines[0].line == 11));
    }

    #[test]
    fn corpus_bullets_are_paragraphs_on_their_own_lines() {
        let a = corpus("000");
        let bullet = a
            .paragraphs
            .iter()
            .find(|p| p.text == "• Data localization requirements");
        assert_eq!(bullet.map(|p| p.lines[0].line), Some(15));
        assert!(a
            .paragraphs
            .iter()
            .any(|p| p.text.starts_with("• Third-party oversight") && p.lines[0].line == 16));
    }

    #[test]
    fn corpus_keywords_and_faq_are_kept() {
        let body = corpus("001").body();
        assert!(body.contains("Keywords"));
        assert!(body.contains("TikTok, Biden Administration, data security"));
        assert!(body.contains("Q: Why is TikTok negotiating with the Biden Administration?"));
        assert!(body.contains("A: The Chinese government has been largely silent"));
    }

    #[test]
    fn text_full_of_emoji_rtl_and_control_chars_does_not_panic() {
        let odd = "\u{202e}שלום עולם 😀😀\u{0}\u{7}\n\u{feff}Ünïcödé “quotes” — and more… 🎉\n\n\t\u{200d}\n";
        for text in [odd, "", "\n\n\n", "a", "é"] {
            let a = clean_text_alone(text);
            for p in &a.paragraphs {
                for l in &p.lines {
                    assert!(p.text.is_char_boundary(l.offset));
                }
            }
        }
    }
}
