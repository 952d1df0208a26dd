//! Repeated paragraphs: a standfirst that repeats the first sentence, a pull quote, a block the
//! page printed twice. Each is kept once, the longer copy wherever it stands.
//!
//! Comparing every paragraph with every other is quadratic, which a 5 MB page with thousands of
//! paragraphs cannot afford. Instead paragraphs are compared as sequences of word hashes, every
//! run of [`SHINGLE`] words that starts some paragraph is indexed, and a paragraph is only
//! compared with the paragraphs holding its first run of words (at most [`MAX_HOLDERS`] of
//! them): linear in the size of the page.
//! Paragraphs shorter than [`SHINGLE`] words are never dropped: short lines ("Introduction",
//! "Q&A") legitimately repeat.

use super::{Paragraph, Reason, Removed};
use rustc_hash::{FxHashMap, FxHashSet};

/// Words in the run used to find the paragraphs that may contain another one.
const SHINGLE: usize = 6;
/// Paragraphs remembered per run of words; more copies than this add nothing.
const MAX_HOLDERS: usize = 16;

type HashKeyed<V> = FxHashMap<u64, V>;

/// A word as a 64-bit hash of its lower-cased letters and digits. Comparing paragraphs as
/// sequences of word hashes is comparing them word by word, loosely (case and punctuation
/// ignored), without building a normalised copy of every paragraph. The words are those of
/// [`super::stopwords::words`], which the cleaner splits every block into once (see
/// [`super::region::select`]).
pub fn word_hash(word: &str) -> u64 {
    if word.is_ascii() {
        return ascii_word_hash(word.as_bytes()).0;
    }
    let lower: String = word.chars().flat_map(char::to_lowercase).collect();
    ascii_word_hash(lower.as_bytes()).0
}

/// [`word_hash`] of the bytes of a word that is ASCII or lower-cased already (ASCII bytes are
/// lower-cased here; others are left as they are), eight bytes at a time; with the first eight
/// bytes lower-cased, little-endian (a short word's key in the stop-word table).
pub fn ascii_word_hash(word: &[u8]) -> (u64, u64) {
    let mut hash = 0u64;
    let mut first = 0;
    for (i, chunk) in word.chunks(8).enumerate() {
        let mut eight = 0u64;
        for (j, &b) in chunk.iter().enumerate() {
            eight |= u64::from(b.to_ascii_lowercase()) << (8 * j);
        }
        if i == 0 {
            first = eight;
        }
        hash = (hash.rotate_left(5) ^ eight).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    // The length, then a final mix so that similar words spread over all bits.
    let mut h = (hash.rotate_left(5) ^ word.len() as u64).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    h ^= h >> 33;
    h = h.wrapping_mul(0xff51_afd7_ed55_8ccd);
    h ^= h >> 33;
    (h, first)
}

/// The word hashes of a paragraph.
#[cfg(test)]
fn word_hashes(text: &str) -> Vec<u64> {
    super::stopwords::words(text).map(word_hash).collect()
}

fn shingle_hash(words: &[u64]) -> u64 {
    words
        .iter()
        .fold(0u64, |acc, &w| acc.rotate_left(5).wrapping_mul(31) ^ w)
}

/// [`drop_repeated_words`], hashing the words of the paragraphs here.
#[cfg(test)]
pub fn drop_repeated(
    paragraphs: Vec<Paragraph>,
    removed: &mut Vec<Removed>,
    reason: Reason,
) -> Vec<Paragraph> {
    let words = paragraphs.iter().map(|p| word_hashes(&p.text)).collect();
    drop_repeated_words(paragraphs, words, removed, reason)
}

/// Keeps one copy of each paragraph: a paragraph equal to, or wholly contained in, another one
/// is dropped (the longer one stays; of equal copies the first). `words[i]` holds the
/// [`word_hash`]es of paragraph `i`.
pub fn drop_repeated_words(
    paragraphs: Vec<Paragraph>,
    words: Vec<Vec<u64>>,
    removed: &mut Vec<Removed>,
    reason: Reason,
) -> Vec<Paragraph> {
    // Only the first run of words of each paragraph is ever looked up, so only runs equal to one
    // of those need remembering.
    let firsts: FxHashSet<u64> = words
        .iter()
        .filter(|w| w.len() >= SHINGLE)
        .map(|w| shingle_hash(&w[..SHINGLE]))
        .collect();
    let mut holders: HashKeyed<Vec<usize>> = HashKeyed::default();
    for (i, w) in words.iter().enumerate() {
        for window in w.windows(SHINGLE) {
            let h = shingle_hash(window);
            if !firsts.contains(&h) {
                continue;
            }
            let list = holders.entry(h).or_default();
            if list.len() < MAX_HOLDERS && list.last() != Some(&i) {
                list.push(i);
            }
        }
    }
    let mut keep = vec![true; paragraphs.len()];
    for (i, w) in words.iter().enumerate() {
        if w.len() < SHINGLE {
            continue;
        }
        let Some(candidates) = holders.get(&shingle_hash(&w[..SHINGLE])) else {
            continue;
        };
        keep[i] = !candidates.iter().any(|&j| {
            let other = &words[j];
            j != i
                && ((other.len() == w.len() && other == w && j < i)
                    || (other.len() > w.len() && contains_words(other, w)))
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

/// Whether the words `needle` occur in a row in `haystack`.
fn contains_words(haystack: &[u64], needle: &[u64]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_hashes_as_its_lower_case_letters_whatever_the_path() {
        assert_eq!(word_hash("Bridge"), word_hash("bridge"));
        assert_eq!(word_hash("ÉTÉ"), word_hash("été"));
        // The Kelvin sign lower-cases to an ASCII k.
        assert_eq!(word_hash("\u{212a}elvin"), word_hash("Kelvin"));
        assert_ne!(word_hash("bridge"), word_hash("bridges"));
        assert_ne!(
            word_hash("internationalisation"),
            word_hash("internationalisatio")
        );
        let (_, first) = ascii_word_hash(b"SaId");
        assert_eq!(first, u64::from_le_bytes(*b"said\0\0\0\0"));
    }
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
            Reason::DuplicateParagraph,
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
        let kept = drop_repeated(many, &mut removed, Reason::DuplicateParagraph);
        assert_eq!(kept.len(), 1);
        assert_eq!(removed.len(), 19_999);
    }

    /// The first lines of the paragraphs kept out of `paragraphs` (text, line).
    fn kept_lines(paragraphs: &[(&str, usize)]) -> Vec<usize> {
        let paragraphs = paragraphs.iter().map(|&(t, l)| para(t, l)).collect();
        let kept = drop_repeated(paragraphs, &mut Vec::new(), Reason::DuplicateParagraph);
        kept.iter().map(|p| p.lines[0].line).collect()
    }

    #[test]
    fn copies_differing_in_case_and_punctuation_are_repeats() {
        let kept = kept_lines(&[
            (
                "“Prices ROSE sharply,” in the third quarter — the bank said",
                1,
            ),
            (
                "Analysts were surprised: prices rose sharply in the third quarter, the bank said.",
                3,
            ),
        ]);
        assert_eq!(kept, [3]);
    }

    #[test]
    fn a_paragraph_is_not_a_repeat_of_one_sharing_only_its_opening() {
        let kept = kept_lines(&[
            (
                "Prices rose sharply in the third quarter, the bank said on Monday.",
                1,
            ),
            (
                "Prices rose sharply in the third quarter, analysts said. More follows here.",
                3,
            ),
        ]);
        assert_eq!(kept, [1, 3]);
    }

    #[test]
    fn short_lines_may_repeat() {
        let mut removed = Vec::new();
        let kept = drop_repeated(
            vec![para("Introduction", 1), para("Introduction", 2)],
            &mut removed,
            Reason::DuplicateParagraph,
        );
        assert_eq!(kept.len(), 2);
    }
}
