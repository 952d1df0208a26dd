//! Repeated paragraphs: a standfirst that repeats the first sentence, a pull quote, a block the
//! page printed twice. Each is kept once, the longer copy wherever it stands.
//!
//! Comparing every paragraph with every other is quadratic, which a 5 MB page with thousands of
//! paragraphs cannot afford. Instead every run of [`SHINGLE`] words of every paragraph is
//! indexed by hash, and a paragraph is only compared with the paragraphs holding its first run
//! of words (at most [`MAX_HOLDERS`] of them): linear in the size of the page.
//! Paragraphs shorter than [`SHINGLE`] words are never dropped: short lines ("Introduction",
//! "Q&A") legitimately repeat.

use super::{Paragraph, Removed};
use std::collections::hash_map::DefaultHasher;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// Words in the run used to find the paragraphs that may contain another one.
const SHINGLE: usize = 6;
/// Paragraphs remembered per run of words; more copies than this add nothing.
const MAX_HOLDERS: usize = 16;

fn normalized(text: &str) -> String {
    crate::analysis::tokenize(text, crate::analysis::Mode::Exact)
        .into_iter()
        .map(|t| t.term)
        .collect::<Vec<_>>()
        .join(" ")
}

fn shingle_hash(words: &[&str]) -> u64 {
    let mut h = DefaultHasher::new();
    words.hash(&mut h);
    h.finish()
}

/// Keeps one copy of each paragraph: a paragraph equal to, or wholly contained in, another one
/// is dropped (the longer one stays; of equal copies the first).
pub fn drop_repeated(
    paragraphs: Vec<Paragraph>,
    removed: &mut Vec<Removed>,
    reason: &'static str,
) -> Vec<Paragraph> {
    let norms: Vec<String> = paragraphs.iter().map(|p| normalized(&p.text)).collect();
    let mut holders: HashMap<u64, Vec<usize>> = HashMap::new();
    for (i, norm) in norms.iter().enumerate() {
        let words: Vec<&str> = norm.split(' ').collect();
        for window in words.windows(SHINGLE) {
            let list = holders.entry(shingle_hash(window)).or_default();
            if list.len() < MAX_HOLDERS && list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut keep = vec![true; paragraphs.len()];
    for (i, norm) in norms.iter().enumerate() {
        let words: Vec<&str> = norm.split(' ').take(SHINGLE).collect();
        if words.len() < SHINGLE {
            continue;
        }
        let Some(candidates) = holders.get(&shingle_hash(&words)) else {
            continue;
        };
        keep[i] = !candidates.iter().any(|&j| {
            let other = &norms[j];
            j != i
                && ((other.len() == norm.len() && other == norm && j < i)
                    || (other.len() > norm.len() && contains_words(other, norm)))
        });
    }
    let mut kept = Vec::with_capacity(paragraphs.len());
    for (p, k) in paragraphs.into_iter().zip(keep) {
        if k {
            kept.push(p);
        } else {
            removed.push(Removed {
                line: p.lines.first().map_or(1, |l| l.line),
                text: p.text,
                reason,
            });
        }
    }
    kept
}

/// Whether `needle` occurs in `haystack` on word boundaries (both are space-joined terms).
fn contains_words(haystack: &str, needle: &str) -> bool {
    haystack.match_indices(needle).any(|(at, _)| {
        let before = at == 0 || haystack.as_bytes().get(at - 1) == Some(&b' ');
        let end = at + needle.len();
        let after = end == haystack.len() || haystack.as_bytes().get(end) == Some(&b' ');
        before && after
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clean::LineStart;

    fn para(text: &str, line: usize) -> Paragraph {
        Paragraph {
            text: text.to_string(),
            lines: vec![LineStart { offset: 0, line }],
        }
    }

    #[test]
    fn a_paragraph_inside_a_longer_one_is_dropped_wherever_it_stands() {
        let mut removed = Vec::new();
        let kept = drop_repeated(
            vec![
                para("Prices rose sharply in the third quarter, the bank said.", 1),
                para("Analysts were surprised. Prices rose sharply in the third quarter, the bank said. More follows.", 3),
                para("Prices rose sharply in the third quarter, the bank said.", 5),
            ],
            &mut removed,
            "duplicate paragraph",
        );
        assert_eq!(kept.len(), 1);
        assert_eq!(kept[0].lines[0].line, 3);
        assert_eq!(removed.iter().map(|r| r.line).collect::<Vec<_>>(), [1, 5]);
    }

    #[test]
    fn thousands_of_copies_stay_fast_and_one_is_kept() {
        let text = "The same sentence of several words repeated over and over again.";
        let many: Vec<Paragraph> = (0..20_000).map(|i| para(text, i + 1)).collect();
        let mut removed = Vec::new();
        let kept = drop_repeated(many, &mut removed, "duplicate paragraph");
        assert_eq!(kept.len(), 1);
        assert_eq!(removed.len(), 19_999);
    }

    #[test]
    fn short_lines_may_repeat() {
        let mut removed = Vec::new();
        let kept = drop_repeated(
            vec![para("Introduction", 1), para("Introduction", 2)],
            &mut removed,
            "duplicate paragraph",
        );
        assert_eq!(kept.len(), 2);
    }
}
