//! The cleaner: turns a scraped page into the article it carries.
//!
//! Input is the decoded text of one file (plain text, or HTML flattened first by [`html`]).
//! Output is an [`Article`]: its title, source and date where the page states them, the
//! paragraphs of the story each with the original line numbers it came from, and every line that
//! was dropped with the reason, so a user can see exactly what the index left out.
//!
//! `newsgrep clean` and the indexer both call [`clean_with`], with the chrome lines of the
//! file's site counted over its folder ([`site`]); there is no second cleaner.

mod calendar;
mod date;
mod dedup;
mod dom;
mod entity;
mod headline;
mod html;
mod json_ld;
pub mod language;
mod markup;
mod meta;
mod reason;
mod region;
pub mod site;
mod source_text;
mod stopwords;
mod text;
mod wrap;

use serde::Serialize;

pub use reason::Reason;
pub use site::{SiteChrome, SiteCounts, SiteLines};
pub use stopwords::is_function_word;
pub use text::clean_lines;

/// Which parser a file needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: `.txt`, `.text`, `.md`.
    #[default]
    Text,
    /// HTML: `.html`, `.htm`.
    Html,
}

/// Where a line of a paragraph started in the original file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct LineStart {
    /// Byte offset in [`Paragraph::text`] where this original line's text begins.
    pub offset: usize,
    /// 1-based line number in the original file.
    pub line: usize,
}

/// One paragraph of the story.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Paragraph {
    /// The paragraph's text, original lines joined by a single space.
    pub text: String,
    /// Original lines that make up the paragraph, by offset, first at offset 0.
    pub lines: Vec<LineStart>,
}

impl Paragraph {
    /// The 1-based original line holding the byte `offset` of [`Paragraph::text`].
    pub fn line_at(&self, offset: usize) -> usize {
        self.lines
            .iter()
            .take_while(|l| l.offset <= offset)
            .last()
            .or(self.lines.first())
            .map_or(1, |l| l.line)
    }
}

/// A line or block the cleaner dropped, and why.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Removed {
    /// 1-based line in the original file.
    pub line: usize,
    /// The dropped text as it stood (with its references decoded in text escaped as SGML).
    pub text: String,
    /// Why it was dropped.
    pub reason: Reason,
}

/// A cleaned article.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Article {
    /// Headline, without a trailing " | Site" suffix.
    pub title: Option<String>,
    /// Site or outlet.
    pub source: Option<String>,
    /// ISO 8601 date (`YYYY-MM-DD`) when the page states a full date.
    pub date: Option<String>,
    /// 1-based line where the title stands, when the cleaner knows it apart from a dropped
    /// headline line (an HTML page's `<h1>` or `<title>`).
    #[serde(skip)]
    pub title_line: Option<usize>,
    /// Address of the page, when the record that held it says (WARC, JSON, CSV).
    pub url: Option<String>,
    /// ISO 639-1 code of the article's language: the record's own when it gives one, else
    /// detected from the text.
    pub language: Option<String>,
    /// The story, in order.
    pub paragraphs: Vec<Paragraph>,
    /// Everything dropped, in original order.
    pub removed: Vec<Removed>,
}

impl Article {
    /// The article body: paragraphs separated by blank lines.
    pub fn body(&self) -> String {
        let parts: Vec<&str> = self.paragraphs.iter().map(|p| p.text.as_str()).collect();
        parts.join("\n\n")
    }
}

/// Cleans one decoded file with no evidence from other files of its site.
pub fn clean(content: &str, format: Format) -> Article {
    clean_with(content, format, &SiteChrome::default())
}

/// Cleans one decoded file, dropping the lines `chrome` says its site repeats on many pages.
///
/// The site's evidence is ignored for a file when the lines it drops hold more text than the
/// story left after them: then the file shares its story with other files (near-copies of one
/// article, or a folder of one article's versions), not just its chrome, and a whole article
/// is never dropped for being repeated.
pub fn clean_with(content: &str, format: Format, chrome: &SiteChrome) -> Article {
    let mut article = clean_site(content, format, chrome, None);
    article.language = language::detect(&article);
    article
}

/// [`clean_with`] without the language, for a page fetched from `address` when it is known.
fn clean_site(
    content: &str,
    format: Format,
    chrome: &SiteChrome,
    address: Option<&str>,
) -> Article {
    let article = match format {
        Format::Text => text::clean_text(content, chrome),
        Format::Html => html::clean_html_from(content, chrome, address),
    };
    if chrome.is_empty() {
        return article;
    }
    let repeated: usize = article
        .removed
        .iter()
        .filter(|r| r.reason == site::REASON)
        .map(|r| r.text.len())
        .sum();
    let kept: usize = article.paragraphs.iter().map(|p| p.text.len()).sum();
    if repeated > 0 && repeated >= kept {
        return clean_site(content, format, &SiteChrome::default(), address);
    }
    article
}

/// Cleans one record of a collection: its text as a page or as plain text, then the metadata
/// the record gives over what was guessed from the text. A first line the text cleaner took
/// for the headline is put back as the story's first paragraph when the record names another
/// headline: a scraper's text field starts with the story.
pub fn clean_record(record: &crate::ingest::collection::Record) -> Article {
    let address = record.url.as_deref();
    let mut article = clean_site(&record.text, record.format, &SiteChrome::default(), address);
    if let Some(title) = record
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
    {
        let same = |text: &str| text.trim().eq_ignore_ascii_case(title);
        let guessed = article
            .removed
            .iter()
            .position(|r| r.reason == Reason::Title && !same(&r.text));
        if let (Some(at), Format::Text) = (guessed, record.format) {
            let line = article.removed.remove(at);
            article.paragraphs.insert(
                0,
                Paragraph {
                    text: line.text,
                    lines: vec![LineStart {
                        offset: 0,
                        line: line.line,
                    }],
                },
            );
            article.title_line = None;
        } else if article.title.as_deref().is_none_or(|t| !same(t)) {
            article.title_line = None;
        }
        article.title = Some(title.to_string());
    }
    if let Some(date) = record.date.as_deref().and_then(date::date_value) {
        article.date = Some(date);
    }
    // Plain text has no address of its own: the record's path (`/2025/12/19/slug`) dates it
    // where the text does not.
    if article.date.is_none() {
        article.date = address.and_then(date::url_date);
    }
    if let Some(source) = record
        .source
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        article.source = Some(source.to_string());
    }
    article.url = record.url.clone();
    article.language = record
        .language
        .as_deref()
        .and_then(language::normalize)
        .or_else(|| language::detect(&article));
    article
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A footer no wording rule knows.
    const FOOTER: &str = "The Daily Bugle is printed and published in Smalltown by Bugle Press.";
    const STORY: &str =
        "The mayor opened the bridge on Monday, to the relief of commuters who had \
        waited for it since the old crossing closed. She said the works had come in under budget, \
        and that buses would use the new lanes from the first of the month.";

    fn bugle_chrome() -> SiteLines {
        let mut counts = SiteCounts::default();
        for n in 0..3 {
            let page = format!("Story {n} of the day.\n{FOOTER}\nHome | World | Sport");
            counts.add_file("bugle", &site::file_lines(&page, Format::Text));
        }
        counts.chrome()
    }

    #[test]
    fn lines_the_site_repeats_are_removed_with_their_reason() {
        let sites = bugle_chrome();
        let page =
            format!("Mayor opens the new bridge\n\n{STORY}\n\n{FOOTER}\nHOME |  World | Sport\n");
        let a = clean_with(&page, Format::Text, sites.get("bugle"));
        assert_eq!(a.body(), STORY);
        let repeated: Vec<(usize, &str)> = a
            .removed
            .iter()
            .filter(|r| r.reason == site::REASON)
            .map(|r| (r.line, r.text.as_str()))
            .collect();
        assert_eq!(repeated, [(5, FOOTER), (6, "HOME |  World | Sport")]);
    }

    #[test]
    fn without_site_evidence_the_line_is_kept() {
        let page = format!("Mayor opens the new bridge\n\n{STORY}\n\n{FOOTER}\n");
        let a = clean(&page, Format::Text);
        assert_eq!(a.body(), format!("{STORY}\n\n{FOOTER}"));
    }

    #[test]
    fn a_page_mostly_of_repeated_lines_keeps_them() {
        let sites = bugle_chrome();
        let page = format!("Mayor opens the new bridge\n\nThe bridge opened.\n\n{FOOTER}\n");
        let a = clean_with(&page, Format::Text, sites.get("bugle"));
        assert!(a.body().contains(FOOTER), "{}", a.body());
        assert!(a.removed.iter().all(|r| r.reason != site::REASON));
    }

    #[test]
    fn a_repeated_line_that_continues_a_wrapped_sentence_is_kept() {
        let mut counts = SiteCounts::default();
        for n in 0..3 {
            let page = format!("Story {n} of the day.\nsaid.\n");
            counts.add_file("wire", &site::file_lines(&page, Format::Text));
        }
        let sites = counts.chrome();
        let page = "Wire headline of the day\n\nThe central bank left its main rate unchanged, its governor\nsaid.\n";
        let a = clean_with(page, Format::Text, sites.get("wire"));
        assert_eq!(
            a.body(),
            "The central bank left its main rate unchanged, its governor said."
        );
    }

    #[test]
    fn repeated_blocks_of_an_html_story_are_removed() {
        let sites = bugle_chrome();
        let page = format!(
            "<html><body><article><h1>Mayor opens the new bridge</h1>\
             <p>The mayor opened the bridge on Monday, to the relief of commuters who had waited \
             for years, and said the works had come in under budget.</p>\
             <p>Traffic is expected to ease on the old crossing, the council said in a statement.</p>\
             <p>{FOOTER}</p></article></body></html>"
        );
        let a = clean_with(&page, Format::Html, sites.get("bugle"));
        assert!(!a.body().contains(FOOTER), "{}", a.body());
        assert!(a
            .removed
            .iter()
            .any(|r| r.text == FOOTER && r.reason == site::REASON));
    }

    #[test]
    fn a_record_is_dated_by_its_address_where_its_page_names_none() {
        use crate::ingest::collection::Record;
        let page = format!(
            "<html><head><title>Bridge opens</title></head><body><article><h1>Bridge opens</h1>\
             <p>{STORY}</p></article></body></html>"
        );
        let record = |text: &str, format, url: &str| Record {
            text: text.to_string(),
            format,
            url: Some(url.to_string()),
            ..Record::default()
        };
        let dated = |r: &Record| clean_record(r).date;
        let url = "https://bugle.example/2025/12/19/bridge-opens/";
        assert_eq!(
            dated(&record(&page, Format::Html, url)).as_deref(),
            Some("2025-12-19")
        );
        assert_eq!(
            dated(&record(STORY, Format::Text, url)).as_deref(),
            Some("2025-12-19")
        );
        // The page's own address, where it names one, is the one that counts.
        let canonical = page.replace(
            "</title>",
            "</title><link rel=\"canonical\" href=\"https://bugle.example/2025/12/18/b/\">",
        );
        assert_eq!(
            dated(&record(&canonical, Format::Html, url)).as_deref(),
            Some("2025-12-18")
        );
        assert_eq!(
            dated(&record(&page, Format::Html, "https://bugle.example/b/")),
            None
        );
    }
}
