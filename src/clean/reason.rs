//! Why the cleaner dropped a line or block: one [`Reason`] per kind of page chrome or metadata.
//!
//! The words a user reads ("related links", "duplicate paragraph") are written once, in
//! [`Reason::as_str`]: `clean`'s text view, its JSON lines and the web page all show them.

use serde::{Serialize, Serializer};
use std::fmt;

/// Why a line or block is not part of the story.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Reason {
    /// Skip links, a `<nav>` element, the blocks above the story.
    Navigation,
    /// Menu items and link lists.
    Menu,
    /// "Leave a comment", "12 Comments".
    CommentPrompt,
    /// A reader's comment under the story (its header: "John says:").
    Comments,
    /// "Published on", "5 min read", "Posted by".
    Byline,
    /// "Advertisement", "Sponsored".
    Advertisement,
    /// "Share", "Tweet", "Share this article".
    ShareButtons,
    /// "Subscribe", "Sign in", a newsletter prompt.
    SubscriptionPrompt,
    /// Other stories: "Related posts", teasers, a box of headlines.
    RelatedLinks,
    /// "(Photo credit: ...)", "Getty Images".
    PhotoCredit,
    /// "Follow us on", links to social networks.
    SocialLinks,
    /// "© 2024", "All rights reserved".
    Copyright,
    /// "About the author".
    AuthorBox,
    /// "Tags".
    Tags,
    /// A line holding only a control character of a wire feed.
    ControlCharacter,
    /// "Source: Reuters": the article's source, kept as metadata.
    SourceLine,
    /// The site's domain on a line of its own, kept as metadata.
    SiteName,
    /// The headline, kept as the title, or a repetition of it.
    Title,
    /// A line giving the article's date, kept as metadata.
    Dateline,
    /// A cookie banner.
    CookieNotice,
    /// Legal notices and page text outside the story ("Privacy policy", "This website").
    Boilerplate,
    /// A paragraph the page already gave, or one whose words another paragraph holds.
    DuplicateParagraph,
    /// A line the file's site repeats on many of its pages ([`super::site`]).
    RepeatedAcrossSite,
    /// An `<aside>` or a complementary box.
    Sidebar,
    /// A `<footer>` or the page's content information.
    Footer,
    /// A button, a select list, an input field.
    FormControl,
    /// A `<dialog>`.
    Dialog,
    /// The page's banner.
    PageHeader,
    /// An element the page hides.
    Hidden,
    /// A `<form>`.
    Form,
    /// A box whose class names it as chrome ("sidebar", "share", "promo").
    ChromeBox,
    /// Visible text of an HTML page outside the element holding the story.
    OutsideTheStory,
}

impl Reason {
    /// The words shown to the user for this reason, the same in every output.
    pub const fn as_str(self) -> &'static str {
        match self {
            Reason::Navigation => "navigation",
            Reason::Menu => "menu",
            Reason::CommentPrompt => "comment prompt",
            Reason::Comments => "comments",
            Reason::Byline => "byline",
            Reason::Advertisement => "advertisement",
            Reason::ShareButtons => "share buttons",
            Reason::SubscriptionPrompt => "subscription prompt",
            Reason::RelatedLinks => "related links",
            Reason::PhotoCredit => "photo credit",
            Reason::SocialLinks => "social links",
            Reason::Copyright => "copyright",
            Reason::AuthorBox => "author box",
            Reason::Tags => "tags",
            Reason::ControlCharacter => "control character",
            Reason::SourceLine => "source line",
            Reason::SiteName => "site name",
            Reason::Title => "title",
            Reason::Dateline => "dateline",
            Reason::CookieNotice => "cookie notice",
            Reason::Boilerplate => "boilerplate",
            Reason::DuplicateParagraph => "duplicate paragraph",
            Reason::RepeatedAcrossSite => "repeated across site",
            Reason::Sidebar => "sidebar",
            Reason::Footer => "footer",
            Reason::FormControl => "form control",
            Reason::Dialog => "dialog",
            Reason::PageHeader => "page header",
            Reason::Hidden => "hidden",
            Reason::Form => "form",
            Reason::ChromeBox => "chrome box",
            Reason::OutsideTheStory => "outside the story",
        }
    }
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A reason is written in JSON as its words, as [`fmt::Display`] shows it.
impl Serialize for Reason {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_and_display_give_the_same_words() {
        for reason in [
            Reason::RelatedLinks,
            Reason::DuplicateParagraph,
            Reason::RepeatedAcrossSite,
        ] {
            let json = serde_json::to_string(&reason).unwrap_or_default();
            assert_eq!(json, format!("\"{reason}\""));
        }
        assert_eq!(Reason::OutsideTheStory.to_string(), "outside the story");
    }
}
