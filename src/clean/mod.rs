//! The cleaner: turns a scraped page into the article it carries.
//!
//! Input is the decoded text of one file (plain text, or HTML flattened first by [`html`]).
//! Output is an [`Article`]: its title, source and date where the page states them, the
//! paragraphs of the story each with the original line numbers it came from, and every line that
//! was dropped with the reason, so a user can see exactly what the index left out.
//!
//! `newsgrep clean` and the indexer both call [`clean`]; there is no second cleaner.

mod dedup;
mod dom;
mod html;
mod meta;
mod region;
mod stopwords;
mod text;

use serde::Serialize;

pub use stopwords::is_function_word;
pub use text::clean_lines;

/// Which parser a file needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text: `.txt`, `.text`, `.md`.
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
    /// The dropped text as it stood.
    pub text: String,
    /// Short reason: "menu", "related links", "duplicate paragraph", "photo credit", ...
    pub reason: &'static str,
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

/// Cleans one decoded file.
pub fn clean(content: &str, format: Format) -> Article {
    match format {
        Format::Text => text::clean_text(content),
        Format::Html => html::clean_html(content),
    }
}
