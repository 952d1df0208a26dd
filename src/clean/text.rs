//! Plain-text scrapes: one pass over the lines, each classified as story, chrome or metadata.
//!
//! Signals used: lines that are whole-line chrome phrases ("MENU", "Skip to main content"),
//! chrome prefixes ("Follow us on", "(photo credit"), markers after which a page lists other
//! stories ("Popular posts from this blog", "Related posts"), source and domain lines, the
//! headline at the top, and paragraphs repeated or contained in another paragraph.

use super::meta;
use super::{Article, LineStart, Paragraph, Removed};

/// Whole lines that are page chrome, compared lower-cased without trailing punctuation.
const CHROME_LINES: &[(&str, &str)] = &[
    ("skip to main content", "navigation"),
    ("skip to content", "navigation"),
    ("skip to navigation", "navigation"),
    ("menu", "menu"),
    ("main menu", "menu"),
    ("home", "menu"),
    ("search", "menu"),
    ("close", "menu"),
    ("leave a comment", "comment prompt"),
    ("leave a reply", "comment prompt"),
    ("add a comment", "comment prompt"),
    ("comments", "comment prompt"),
    ("post a comment", "comment prompt"),
    ("published on", "byline"),
    ("- published on", "byline"),
    ("advertisement", "advertisement"),
    ("share", "share buttons"),
    ("share this", "share buttons"),
    ("share this article", "share buttons"),
    ("tweet", "share buttons"),
    ("print", "share buttons"),
    ("email", "share buttons"),
    ("subscribe", "subscription prompt"),
    ("sign up", "subscription prompt"),
    ("sign in", "subscription prompt"),
    ("log in", "subscription prompt"),
    ("read more", "related links"),
];

/// Line prefixes that mark chrome, lower-cased.
const CHROME_PREFIXES: &[(&str, &str)] = &[
    ("(photo credit", "photo credit"),
    ("photo credit", "photo credit"),
    ("(photo:", "photo credit"),
    ("photo:", "photo credit"),
    ("image credit", "photo credit"),
    ("(image credit", "photo credit"),
    ("follow us on", "social links"),
    ("share on facebook", "share buttons"),
    ("copyright ©", "copyright"),
    ("©", "copyright"),
    ("all rights reserved", "copyright"),
];

/// Lines after which the page lists other stories, not this one.
const END_MARKERS: &[&str] = &[
    "popular posts from this blog",
    "related posts",
    "related articles",
    "related stories",
    "you may also like",
    "recommended for you",
    "more stories",
    "read next",
];

fn key(line: &str) -> String {
    line.trim()
        .trim_end_matches(|c: char| c.is_ascii_punctuation() && c != ')')
        .trim()
        .to_lowercase()
}

fn chrome_reason(line: &str) -> Option<&'static str> {
    let k = key(line);
    if let Some((_, r)) = CHROME_LINES.iter().find(|(l, _)| *l == k) {
        return Some(r);
    }
    CHROME_PREFIXES
        .iter()
        .find(|(p, _)| k.starts_with(p))
        .map(|(_, r)| *r)
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .ends_with(['.', '!', '?', ':', '"', '”', '’', '\'', ')', ';'])
}

/// Cleans a plain-text page.
pub fn clean_text(content: &str) -> Article {
    let lines: Vec<&str> = content.lines().collect();
    clean_lines(&lines, 1)
}

/// Cleans lines of text, the first being line `first_line` of the original file.
pub fn clean_lines(lines: &[&str], first_line: usize) -> Article {
    let mut article = Article::default();
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    // Whether the previous line may be continued by the next one (hard-wrapped text).
    let mut open = false;
    let mut ended = false;
    for (i, raw) in lines.iter().enumerate() {
        let line_no = first_line + i;
        let line = raw.trim();
        if line.is_empty() {
            open = false;
            continue;
        }
        let mut drop = |reason: &'static str| {
            article.removed.push(Removed {
                line: line_no,
                text: line.to_string(),
                reason,
            });
        };
        if ended {
            drop("related links");
            continue;
        }
        if END_MARKERS.contains(&key(line).as_str()) {
            drop("related links");
            ended = true;
            open = false;
            continue;
        }
        if let Some(reason) = chrome_reason(line) {
            drop(reason);
            open = false;
            continue;
        }
        if let Some(source) = meta::source_line(line) {
            article.source.get_or_insert(source);
            drop("source line");
            open = false;
            continue;
        }
        if let Some(domain) = meta::domain_line(line) {
            article.source.get_or_insert(domain);
            drop("site name");
            open = false;
            continue;
        }
        if article.title.is_none() && paragraphs.is_empty() && is_headline(line) {
            let (title, site) = meta::strip_site_suffix(line.to_string());
            article.title = Some(title);
            if site.is_some() {
                article.source = site;
            }
            drop("title");
            continue;
        }
        if article.date.is_none() && line.len() < 80 {
            if let Some(date) = meta::find_date(line) {
                article.date = Some(date);
                if line.split_whitespace().count() <= 6 {
                    drop("dateline");
                    continue;
                }
            }
        }
        // An indented line or a list item starts a paragraph of its own.
        let starts_new =
            raw.starts_with(char::is_whitespace) || line.starts_with(['•', '·', '*', '-', '–']);
        match paragraphs.last_mut() {
            Some(p) if open && !starts_new => {
                p.text.push(' ');
                p.lines.push(LineStart {
                    offset: p.text.len(),
                    line: line_no,
                });
                p.text.push_str(line);
            }
            _ => paragraphs.push(Paragraph {
                text: line.to_string(),
                lines: vec![LineStart {
                    offset: 0,
                    line: line_no,
                }],
            }),
        }
        // Hard-wrapped scrapes break lines mid-sentence at a fixed width; a line that ends a
        // sentence, or is long enough to be a paragraph of its own, closes the paragraph.
        open = !ends_sentence(line) && (40..=100).contains(&line.chars().count());
    }
    article.paragraphs = drop_repeated(paragraphs, &mut article.removed);
    article.removed.sort_by_key(|r| r.line);
    article
}

/// A line that reads as a headline: short, and not a finished sentence.
fn is_headline(line: &str) -> bool {
    let words = line.split_whitespace().count();
    (2..=30).contains(&words) && !line.ends_with('.') && line.chars().count() <= 250
}

fn normalized(text: &str) -> String {
    crate::analysis::tokenize(text, crate::analysis::Mode::Exact)
        .into_iter()
        .map(|t| t.term)
        .collect::<Vec<_>>()
        .join(" ")
}

/// Keeps one copy of each paragraph: a paragraph equal to, or wholly contained in, another one
/// is dropped (the longer one stays, wherever it stands).
fn drop_repeated(paragraphs: Vec<Paragraph>, removed: &mut Vec<Removed>) -> Vec<Paragraph> {
    let norms: Vec<String> = paragraphs.iter().map(|p| normalized(&p.text)).collect();
    let mut keep = vec![true; paragraphs.len()];
    for i in 0..paragraphs.len() {
        if norms[i].split(' ').count() < 6 {
            continue; // short lines ("Introduction") legitimately repeat
        }
        for j in 0..paragraphs.len() {
            if i == j || !keep[j] {
                continue;
            }
            let contained = if norms[i].len() == norms[j].len() {
                norms[i] == norms[j] && j < i
            } else {
                norms[j].len() > norms[i].len() && contains_words(&norms[j], &norms[i])
            };
            if contained {
                keep[i] = false;
                break;
            }
        }
    }
    let mut kept = Vec::new();
    for (p, k) in paragraphs.into_iter().zip(keep) {
        if k {
            kept.push(p);
        } else {
            removed.push(Removed {
                line: p.lines[0].line,
                text: p.text,
                reason: "duplicate paragraph",
            });
        }
    }
    kept
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = at == 0 || haystack.as_bytes()[at - 1] == b' ';
        let end = at + needle.len();
        let after = end == haystack.len() || haystack.as_bytes()[end] == b' ';
        before && after
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reasons(a: &Article) -> Vec<(usize, &str)> {
        a.removed.iter().map(|r| (r.line, r.reason)).collect()
    }

    #[test]
    fn chrome_lines_are_removed_with_reasons() {
        let a = clean_text(
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
    fn everything_after_an_end_marker_is_related_links() {
        let a = clean_text("Title line here\nBody sentence one.\nPopular posts from this blog\nOther story headline\n");
        assert_eq!(a.body(), "Body sentence one.");
        assert_eq!(a.removed.last().map(|r| r.reason), Some("related links"));
    }

    #[test]
    fn paragraph_contained_in_another_is_kept_once_the_longer_one() {
        let a = clean_text(
            "Headline of it all\n\nThe first sentence is repeated as a standfirst here.\n\nThe first sentence is repeated as a standfirst here. And more follows.\n",
        );
        assert_eq!(a.paragraphs.len(), 1);
        assert_eq!(a.paragraphs[0].lines[0].line, 5);
        assert_eq!(reasons(&a)[1], (3, "duplicate paragraph"));
    }

    #[test]
    fn hard_wrapped_lines_join_into_one_paragraph_with_line_starts() {
        let a = clean_text(
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
}
