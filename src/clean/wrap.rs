//! Hard-wrapped text: telling a text wrapped at a fixed width (newswire, mail) from a page
//! flattened one block per line, and telling where a wrapped line goes on into the next.
//!
//! A wire story's paragraphs run over lines of about the same width, cut mid-sentence; its
//! lede often starts on a short line because the dateline was cut from its front. The cleaner
//! joins such lines into one paragraph, so that no passage boundary cuts a sentence, and
//! judges the blocks of a wire story by their own shape rather than by where they stand.
//!
//! Limits: a flattened page that wraps its paragraphs with line breaks reads as hard-wrapped
//! when few of its lines are long; [`has_many_lone_lines`] keeps such a page judged as a page.

use super::stopwords;
use super::text::ends_sentence;

/// Shortest line a hard-wrapped text wraps at: shorter lines end a paragraph or stand alone
/// (headings, menu items), unless the next line shows they go on ([`goes_on_below`]).
pub(super) const WRAP_MIN: usize = 40;

/// Longest line of a hard-wrapped text; a longer line is a paragraph flattened onto one line.
pub(super) const WRAP_MAX: usize = 100;

/// Whether the text is hard-wrapped at a fixed width, as newswire and mail are: its lines run
/// on into the next line mid-sentence, shown (for a third of them at least: names run across
/// lines too) by a next line starting in lower case or a line ending on a comma or a function
/// word ("the", "of"), and hardly any line is longer than a wrapped one. A page flattened one
/// block per line has long paragraph lines, and its short lines (menus, headlines) go on into
/// capitalised ones.
pub(super) fn is_hard_wrapped(lines: &[&str]) -> bool {
    let (mut wrapped, mut evidence, mut long, mut filled) = (0, 0, 0, 0);
    for (i, raw) in lines.iter().enumerate() {
        let line = raw.trim();
        if line.is_empty() {
            continue;
        }
        filled += 1;
        let chars = line.chars().count();
        if chars > WRAP_MAX {
            long += 1;
            continue;
        }
        let next = lines.get(i + 1).copied().unwrap_or("");
        if ends_sentence(line) || !continues_below(next) {
            continue;
        }
        // A line of any length running on into a lower-case word is wrapped mid-sentence:
        // in a short wire story ("NFS Financial Corp said its board\ndeclared ...") it is
        // the only sign.
        let lower_below = starts_lower(next);
        if chars < WRAP_MIN {
            // Words on both sides: single tokens ("img_1\nimg_2") are lists, not prose.
            let prose = |l: &str| l.split_whitespace().nth(2).is_some();
            evidence += usize::from(lower_below && prose(line) && prose(next));
            continue;
        }
        wrapped += 1;
        let last = line.rsplit(char::is_whitespace).next().unwrap_or("");
        if lower_below || line.ends_with(',') || stopwords::is_function_word(last) {
            evidence += 1;
        }
    }
    evidence >= 1 && evidence * 3 >= wrapped && long * 10 < filled
}

/// Lines at the top of a text where a wire story's dateline stands (after its headline).
const DATELINE_LINES: usize = 4;

/// Whether the text is a wire story by its form: a newswire dateline on one of its first
/// lines and hardly any line longer than a wrapped one (as [`is_hard_wrapped`] allows). A short story has too few wrapped lines for
/// [`is_hard_wrapped`] to see the wrap ("Henkel KGaA of Dusseldorf, West\nGermany, said"),
/// and the dateline says what it is.
pub(super) fn opens_with_dateline(lines: &[&str]) -> bool {
    let dated = lines
        .iter()
        .map(|l| l.trim())
        .filter(|l| !l.is_empty())
        .take(DATELINE_LINES)
        .any(|l| super::meta::newswire_dateline(l).is_some());
    if !dated {
        return false;
    }
    let filled = lines.iter().filter(|l| !l.trim().is_empty());
    let long = filled
        .clone()
        .filter(|l| l.trim().chars().count() > WRAP_MAX)
        .count();
    long * 10 < filled.count()
}

/// A line that is only a character reference to a control character, as the SGML of wire
/// feeds ends a story with (`&#3;`, end of text): no text of the story.
pub(super) fn is_control_entity(line: &str) -> bool {
    let code = line
        .strip_prefix("&#")
        .and_then(|l| l.strip_suffix(';'))
        .and_then(|n| n.parse::<u32>().ok());
    code.and_then(char::from_u32).is_some_and(char::is_control)
}

/// Short lines standing alone a hard-wrapped text may have and still be a wire story or a
/// mail: a headline, a dateline, the first row of a table. A flattened page that wraps its
/// paragraphs has dozens (its menus), a wire story seldom more than eight.
const MAX_LONE_LINES: usize = 12;

/// Whether more than [`MAX_LONE_LINES`] lines are short, unindented and go on into no other.
pub(super) fn has_many_lone_lines(lines: &[&str]) -> bool {
    let mut lone = lines.iter().enumerate().filter(|&(i, raw)| {
        let line = raw.trim();
        let next = lines.get(i + 1).copied().unwrap_or("");
        !line.is_empty()
            && !raw.starts_with(char::is_whitespace)
            && line.chars().count() < WRAP_MIN
            && !goes_on_below(line, next)
    });
    lone.nth(MAX_LONE_LINES).is_some()
}

/// Whether `next` can continue the line above it: not blank, not indented, not a list item.
pub(super) fn continues_below(next: &str) -> bool {
    let t = next.trim();
    !t.is_empty() && !next.starts_with(char::is_whitespace) && !starts_list_item(t)
}

pub(super) fn starts_list_item(line: &str) -> bool {
    line.starts_with(['•', '·', '*', '-', '–'])
}

pub(super) fn starts_lower(line: &str) -> bool {
    line.trim_start().starts_with(char::is_lowercase)
}

/// In a hard-wrapped text, whether a line shorter than the wrap width goes on in `next`: a
/// wire story's lede starts on a short line ("Standard Oil Co and BP North America") because
/// its dateline was cut from the front. It goes on when the next line starts in lower case, or
/// when it is not in capitals (as a heading "TIPS FOR SUCCESS" is) and the next line is a full
/// wrapped line itself.
pub(super) fn goes_on_below(line: &str, next: &str) -> bool {
    if !continues_below(next) || ends_sentence(line) {
        return false;
    }
    let next = next.trim();
    let full = (WRAP_MIN..=WRAP_MAX).contains(&next.chars().count()) && !ends_sentence(next);
    starts_lower(next) || (full && line.chars().any(char::is_lowercase))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_wire_story_is_hard_wrapped_and_a_flattened_page_is_not() {
        let wire = "BDM INTERNATIONAL GETS AIR FORCE CONTRACT\n12-MAR-1987 10:35:25.81\n\n\
            BDM International Inc said it has\nreceived a 26.7 mln dlr contract to provide \
            operations,\nmaintenance and test support to the U.S. Air Force Weapons\n \
            Reuter\n";
        let lines: Vec<&str> = wire.lines().collect();
        assert!(is_hard_wrapped(&lines));
        assert!(!has_many_lone_lines(&lines));
        let page = "Home\nWorld\nSport\nThe mayor opened the new bridge on Monday, to the \
            relief of commuters who had waited for it since the old crossing closed in the \
            spring of last year.\nRelated stories\n";
        let lines: Vec<&str> = page.lines().collect();
        assert!(!is_hard_wrapped(&lines));
    }

    #[test]
    fn a_short_lede_line_goes_on_and_a_heading_in_capitals_does_not() {
        let full = "Inc said they plan to form a venture to manage the money market";
        assert!(goes_on_below("Standard Oil Co and BP North America", full));
        assert!(goes_on_below(
            "BDM International Inc said it has",
            "received a contract"
        ));
        assert!(!goes_on_below("TIPS FOR ONLINE SUCCESS", full));
        assert!(!goes_on_below(
            "Standard Oil Co and BP North America",
            "    Indented"
        ));
        assert!(!goes_on_below("Plan your time.", full));
    }

    #[test]
    fn a_story_under_a_wire_dateline_is_a_wire_story_and_a_dated_page_is_not() {
        let wire = "HEADLINE\n31-MAR-1987 12:31:28.41\n\nHenkel KGaA of Dusseldorf, West\nGermany, said it has completed the sale.\n";
        assert!(opens_with_dateline(&wire.lines().collect::<Vec<_>>()));
        let undated = "HEADLINE\n\nHenkel KGaA of Dusseldorf, West\nGermany, said it has completed the sale.\n";
        assert!(!opens_with_dateline(&undated.lines().collect::<Vec<_>>()));
        let long = "x".repeat(WRAP_MAX + 1);
        let page = format!("HEADLINE\n31-MAR-1987\n{long}\n{long}\n");
        assert!(!opens_with_dateline(&page.lines().collect::<Vec<_>>()));
    }
}
