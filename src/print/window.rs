//! Choosing the part of a passage to show around its matches: whole sentences where they fit,
//! never a cut inside a word, `…` where text was left out.

use crate::highlight::Span;
use crate::passage::sentence_ends;

/// A passage shorter than this (in chars) is shown whole.
pub const WINDOW_CHARS: usize = 320;

/// The byte range of `text` to show, and whether text was cut before and after it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Window {
    /// First byte shown.
    pub start: usize,
    /// One past the last byte shown.
    pub end: usize,
}

fn chars(text: &str, start: usize, end: usize) -> usize {
    text[start..end].chars().count()
}

/// The window of `text` to show for `spans`, about `max` chars long.
pub fn window(text: &str, spans: &[Span], max: usize) -> Window {
    let whole = Window {
        start: 0,
        end: text.len(),
    };
    if text.chars().count() <= max {
        return whole;
    }
    let anchor = spans.first().copied().unwrap_or(Span { start: 0, end: 0 });
    let mut bounds = vec![0];
    bounds.extend(sentence_ends(text));
    bounds.push(text.len());
    bounds.dedup();
    // The sentence holding the first match.
    let i = bounds
        .windows(2)
        .position(|w| w[0] <= anchor.start && anchor.start < w[1])
        .unwrap_or(0);
    let (mut start, mut end) = (bounds[i], bounds[(i + 1).min(bounds.len() - 1)]);
    if chars(text, start, end) > max {
        return word_window(text, anchor, max);
    }
    // Grow by whole sentences, after first (where later matches are), then before.
    let (mut lo, mut hi) = (i, i + 1);
    loop {
        let mut grew = false;
        if hi + 1 < bounds.len() && chars(text, start, bounds[hi + 1]) <= max {
            hi += 1;
            end = bounds[hi];
            grew = true;
        }
        if lo > 0 && chars(text, bounds[lo - 1], end) <= max {
            lo -= 1;
            start = bounds[lo];
            grew = true;
        }
        if !grew {
            break;
        }
    }
    trim(text, Window { start, end })
}

/// A window cut at word boundaries around `anchor`, when one sentence is too long.
fn word_window(text: &str, anchor: Span, max: usize) -> Window {
    let before = max / 3;
    let mut start = anchor.start;
    for (n, (i, _)) in text[..anchor.start].char_indices().rev().enumerate() {
        start = i;
        if n >= before {
            break;
        }
    }
    // Move forward to the start of a word.
    if start > 0 {
        if let Some(ws) = text[start..anchor.start].find(char::is_whitespace) {
            start += ws;
        }
    }
    let mut end = text.len();
    for (n, (i, _)) in text[start..].char_indices().enumerate() {
        if n >= max {
            end = start + i;
            break;
        }
    }
    end = end.max(anchor.end);
    if end < text.len() {
        if let Some(ws) = text[anchor.end..end].rfind(char::is_whitespace) {
            end = anchor.end + ws;
        }
    }
    trim(text, Window { start, end })
}

fn trim(text: &str, w: Window) -> Window {
    let piece = &text[w.start..w.end];
    let lead = piece.len() - piece.trim_start().len();
    let tail = piece.len() - piece.trim_end().len();
    Window {
        start: w.start + lead,
        end: (w.end - tail).max(w.start + lead),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_passage_is_shown_whole() {
        let text = "A short passage.";
        assert_eq!(
            window(text, &[], 320),
            Window {
                start: 0,
                end: text.len()
            }
        );
    }

    #[test]
    fn long_passage_window_is_whole_sentences_around_the_match() {
        let text = "First sentence here. Second one has the needle in it. Third sentence. Fourth.";
        let at = text.find("needle").unwrap_or(0);
        let w = window(
            text,
            &[Span {
                start: at,
                end: at + 6,
            }],
            40,
        );
        assert_eq!(&text[w.start..w.end], "Second one has the needle in it.");
    }

    #[test]
    fn overlong_sentence_is_cut_between_words() {
        let text = "word ".repeat(200) + "needle " + &"tail ".repeat(200);
        let at = text.find("needle").unwrap_or(0);
        let w = window(
            &text,
            &[Span {
                start: at,
                end: at + 6,
            }],
            100,
        );
        let shown = &text[w.start..w.end];
        assert!(shown.contains("needle"));
        assert!(
            shown.starts_with("word") && (shown.ends_with("tail") || shown.ends_with("needle")),
            "{shown}"
        );
        assert!(shown.chars().count() <= 100);
    }
}
