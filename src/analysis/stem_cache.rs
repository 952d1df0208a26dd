//! The per-thread cache of Porter2 stems: news text repeats a small vocabulary, so most words
//! are stemmed once per thread, and the common short ones are kept inline, with no pointer to
//! follow.

use super::stemmer;
use rustc_hash::FxHashMap;
use std::cell::RefCell;

/// Distinct folded words whose stems each thread remembers; past this the cache starts over,
/// which bounds it to a few MB per thread.
const STEM_CACHE_WORDS: usize = 100_000;

/// Bytes a word may have to go through the stem cache: nearly all words are this short, and
/// then the word and its stem are kept inline (see [`Packed`]), with no pointer to follow.
const PACKED_BYTES: usize = 15;

/// A word of at most [`PACKED_BYTES`] bytes as one number: its bytes, zero-padded, then its
/// length in the last byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(super) struct Packed(u128);

impl Packed {
    pub(super) fn new(word: &str) -> Option<Packed> {
        let bytes = word.as_bytes();
        if bytes.len() > PACKED_BYTES {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[15] = bytes.len() as u8;
        Some(Packed(u128::from_le_bytes(buf)))
    }

    /// Appends the word to `out`.
    pub(super) fn push_to(self, out: &mut String) {
        let buf = self.0.to_le_bytes();
        let len = usize::from(buf[15]).min(PACKED_BYTES);
        // Always valid: the bytes were a whole `str`.
        out.push_str(std::str::from_utf8(&buf[..len]).unwrap_or_default());
    }
}

/// Slots of the small front table of the stem cache: the words of running text follow Zipf's
/// law, so a table this size (512 KB, within a core's own cache) answers most lookups, and
/// only the rest go to the large map, whose entries are mostly out of cache.
const FRONT_SLOTS: usize = 16_384;

/// Words the large map answers before the front table is made: a search stems a few words,
/// or thousands once each, and would pay a page fault for each of the table's pages (with a
/// TLB flush on every core, the process having threads) for nothing.
pub(super) const FRONT_AFTER_REPEATS: usize = 4096;

/// Folded words and their Porter2 stems, remembered per thread: news text repeats a small
/// vocabulary, so most words skip Porter2 entirely.
struct StemCache {
    /// Direct-mapped: word and stem (the word itself when the stemmer leaves it as it is); a
    /// slot holding the empty word is free, as no word that short is stemmed. Empty until
    /// [`FRONT_AFTER_REPEATS`] words were found in `all`.
    front: Vec<(Packed, Packed)>,
    /// Folded word -> its stem.
    all: FxHashMap<Packed, Packed>,
    /// How many words `all` answered while there was no front table.
    repeats: usize,
}

impl StemCache {
    fn new() -> Self {
        StemCache {
            front: Vec::new(),
            all: FxHashMap::default(),
            repeats: 0,
        }
    }

    fn front_slot(word: Packed) -> usize {
        let mixed = ((word.0 as u64) ^ ((word.0 >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - FRONT_SLOTS.trailing_zeros())) as usize
    }

    /// The stem of `word`, read from the cache or computed and remembered; `Err` with the
    /// stem when it is too long to keep inline (Porter2 never lengthens a word, so never in
    /// fact).
    fn stem(&mut self, word: Packed, text: &str) -> Result<Packed, String> {
        let slot = Self::front_slot(word);
        if let Some(&(cached, stem)) = self.front.get(slot) {
            if cached == word {
                return Ok(stem);
            }
        }
        let stem = match self.all.get(&word) {
            Some(&cached) => {
                self.repeats += 1;
                cached
            }
            None => {
                // The stemmer borrows when it leaves the word as it is, the common case.
                let stem = match stemmer().stem(text) {
                    std::borrow::Cow::Borrowed(s) if s.len() == text.len() => word,
                    stem => Packed::new(&stem).ok_or_else(|| stem.into_owned())?,
                };
                if self.all.len() >= STEM_CACHE_WORDS {
                    self.all.clear();
                }
                self.all.insert(word, stem);
                stem
            }
        };
        if self.front.is_empty() {
            if self.repeats < FRONT_AFTER_REPEATS {
                return Ok(stem);
            }
            // The empty word in every slot.
            self.front = vec![(Packed(0), Packed(0)); FRONT_SLOTS];
        }
        self.front[slot] = (word, stem);
        Ok(stem)
    }
}

thread_local! {
    static STEMS: RefCell<StemCache> = RefCell::new(StemCache::new());
}

/// The stem of the folded `text`, packed as `word`, through this thread's cache.
pub(super) fn cached_stem(word: Packed, text: &str) -> Result<Packed, String> {
    STEMS.with(|stems| stems.borrow_mut().stem(word, text))
}

/// Replaces the folded word in `term` by its Porter2 stem, through the per-thread cache.
pub(super) fn stem_into(term: &mut String) {
    let Some(word) = Packed::new(term) else {
        // Too long to cache, and rare.
        *term = stemmer().stem(term).into_owned();
        return;
    };
    match cached_stem(word, term) {
        Ok(stem) if stem == word => {}
        Ok(stem) => {
            term.clear();
            stem.push_to(term);
        }
        Err(long) => *term = long,
    }
}
