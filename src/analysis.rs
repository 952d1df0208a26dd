//! The one normaliser and tokenizer shared by indexing, queries, highlighting and quote alignment.
//!
//! A token is a run of letters and digits. Apostrophes inside a word join it (`Trump’s`), and a
//! chain of single letters with dots is one abbreviation (`U.S.` -> `us`). Every token is
//! NFKC-normalised, lower-cased, stripped of a possessive `'s`, accent-folded (`Huáwei` ->
//! `huawei`) and, in [`Mode::Stemmed`], reduced to its English Porter2 stem. Offsets are byte
//! offsets into the text as given, always on char boundaries, so a token's span can be sliced and
//! highlighted directly.
//!
//! Limits: no compound splitting or joining here (that is a query-time concern), and tokens
//! longer than [`MAX_TOKEN_BYTES`] are dropped so one pathological "word" cannot bloat the index.

pub mod canonical;

pub use canonical::canonical_of;

use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};
use rustc_hash::FxHashMap;
use std::cell::RefCell;
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

/// Tokens longer than this (in bytes of the original text) are not indexed.
pub const MAX_TOKEN_BYTES: usize = 80;

/// Name under which the stemmed chain is registered with tantivy.
pub const STEMMED: &str = "newsgrep_stem";
/// Name under which the surface-word chain is registered with tantivy.
pub const EXACT: &str = "newsgrep_exact";
/// Name under which the chain giving the surface words a passage records ([`SurfaceTerms`]),
/// each once, is registered.
pub const DISTINCT_EXACT: &str = "newsgrep_exact_distinct";

/// Which terms a token is reduced to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Folded and stemmed: `algorithms` -> `algorithm`.
    Stemmed,
    /// Folded surface word: `algorithms` stays `algorithms`.
    Exact,
}

/// One word of a text: where it stands and the term it is indexed under.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// Byte offset of the first byte of the word.
    pub start: usize,
    /// Byte offset one past the last byte of the word.
    pub end: usize,
    /// The normalised term.
    pub term: String,
}

fn stemmer() -> &'static Stemmer {
    static STEMMER: OnceLock<Stemmer> = OnceLock::new();
    STEMMER.get_or_init(|| Stemmer::create(Algorithm::English))
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '\u{2019}' | '\u{2018}' | '\u{02BC}' | '\u{FF07}')
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        c.is_ascii_alphanumeric()
    } else {
        c.is_alphanumeric() || is_combining_mark(c)
    }
}

/// Splits `text` into word spans (byte ranges), before any normalisation.
pub fn word_spans(text: &str) -> Vec<(usize, usize)> {
    WordSpans::new(text).collect()
}

/// The word spans of a text as an iterator: [`word_spans`] without collecting, so the indexer
/// scans each text once and allocates nothing for it.
#[derive(Clone, Debug)]
pub struct WordSpans<'a> {
    text: &'a str,
    /// Byte offset where the scan for the next word starts.
    pos: usize,
}

impl<'a> WordSpans<'a> {
    /// The words of `text`, first to last.
    pub fn new(text: &'a str) -> Self {
        WordSpans { text, pos: 0 }
    }
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        let text = self.text;
        let Some((skipped, _)) = text[self.pos..]
            .char_indices()
            .find(|&(_, c)| is_word_char(c))
        else {
            self.pos = text.len();
            return None;
        };
        let start = self.pos + skipped;
        let mut j = start;
        // Length in letters of the current dot-separated piece, for abbreviations.
        let mut piece_len = 0usize;
        let mut abbreviation = false;
        loop {
            for c in text[j..].chars().take_while(|&c| is_word_char(c)) {
                j += c.len_utf8();
                piece_len += 1;
            }
            let mut ahead = text[j..].chars();
            match (ahead.next(), ahead.next()) {
                (Some(a), Some(b)) if is_apostrophe(a) && b.is_alphanumeric() => {
                    j += a.len_utf8();
                    piece_len = 0;
                }
                // `U.S.`: single letters joined by dots, each followed by a dot.
                (Some('.'), Some(b))
                    if piece_len == 1
                        && b.is_alphabetic()
                        && ahead.next() == Some('.')
                        && ahead.next().is_none_or(|c| !is_word_char(c)) =>
                {
                    j += 1;
                    piece_len = 0;
                    abbreviation = true;
                }
                _ => break,
            }
        }
        let end = if abbreviation && text[j..].starts_with('.') {
            j + 1
        } else {
            j
        };
        self.pos = end;
        Some((start, end))
    }
}

/// Normalises one word to its term: NFKC, lower case, possessive and apostrophes and dots
/// removed, accents folded, and stemmed in [`Mode::Stemmed`].
pub fn normalize_word(word: &str, mode: Mode) -> String {
    let mut term = String::with_capacity(word.len());
    normalize_into(word, mode, false, &mut term);
    term
}

/// [`normalize_word`] into a buffer the caller reuses, so indexing does not allocate per word.
/// With `accents`, accents are kept (`Huáwei` stays `huáwei`), for `--accents` matching.
fn normalize_into(word: &str, mode: Mode, accents: bool, term: &mut String) {
    term.clear();
    if word.is_ascii() {
        fold_ascii(word, term);
    } else {
        fold_unicode(word, accents, term);
    }
    if mode == Mode::Stemmed {
        stem_folded(term);
    }
}

/// Stems a folded word in place; whether the word is the canonical form of its stem (see
/// [`canonical`]). Porter2 leaves words under three letters as they are (its `not hop 3`), and
/// those are a good share of running text, so they skip the stem cache too (and the table has
/// no stem that short).
fn stem_folded(term: &mut String) -> bool {
    term.len() <= 2 || stem_into(term)
}

/// Distinct folded words whose stems each thread remembers; past this the cache starts over,
/// which bounds it to a few MB per thread.
const STEM_CACHE_WORDS: usize = 100_000;

/// Bytes a word may have to go through the stem cache: nearly all words are this short, and
/// then the word and its stem are kept inline (see [`Packed`]), with no pointer to follow.
const PACKED_BYTES: usize = 15;

/// The flag, in the stem the stem cache keeps for a word (the top bit of the length byte of a
/// [`Packed`]), that the word is not the canonical form of the stem.
const NOT_CANONICAL: u128 = 1 << 127;

/// A word of at most [`PACKED_BYTES`] bytes as one number: its bytes, zero-padded, then its
/// length in the last byte.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Packed(u128);

impl Packed {
    fn new(word: &str) -> Option<Packed> {
        let bytes = word.as_bytes();
        if bytes.len() > PACKED_BYTES {
            return None;
        }
        let mut buf = [0u8; 16];
        buf[..bytes.len()].copy_from_slice(bytes);
        buf[15] = bytes.len() as u8;
        Some(Packed(u128::from_le_bytes(buf)))
    }

    /// The stem without its [`NOT_CANONICAL`] flag, and whether the word it was cached for is
    /// the canonical form of it.
    fn unflagged(self) -> (Packed, bool) {
        (Packed(self.0 & !NOT_CANONICAL), self.0 & NOT_CANONICAL == 0)
    }

    /// Appends the word to `out`.
    fn push_to(self, out: &mut String) {
        self.with_str(|word| out.push_str(word));
    }

    /// `f` of the word.
    fn with_str<R>(self, f: impl FnOnce(&str) -> R) -> R {
        let buf = self.0.to_le_bytes();
        let len = usize::from(buf[15]).min(PACKED_BYTES);
        // Always valid: the bytes were a whole `str`.
        f(std::str::from_utf8(&buf[..len]).unwrap_or_default())
    }
}

/// Slots of the small front table of the stem cache: the words of running text follow Zipf's
/// law, so a table this size (512 KB, within a core's own cache) answers most lookups, and
/// only the rest go to the large map, whose entries are mostly out of cache.
const FRONT_SLOTS: usize = 16_384;

/// Words the large map answers before the front table is made: a search stems a few words,
/// or thousands once each, and would pay a page fault for each of the table's pages (with a
/// TLB flush on every core, the process having threads) for nothing.
const FRONT_AFTER_REPEATS: usize = 4096;

/// Folded words and their Porter2 stems, remembered per thread: news text repeats a small
/// vocabulary, so most words skip Porter2 entirely.
struct StemCache {
    /// Direct-mapped: word and stem (the word itself when the stemmer leaves it as it is),
    /// flagged as in `all`; a slot holding the empty word is free, as no word that short is
    /// stemmed. Empty until [`FRONT_AFTER_REPEATS`] words were found in `all`.
    front: Vec<(Packed, Packed)>,
    /// Per front slot: the [`Lexicon`] that has its word, or 0 (see [`StemCache::noted`]).
    /// Kept beside `front` rather than in it, where it would pad each slot from 32 to 48 bytes.
    lexicon: Vec<u32>,
    /// Folded word -> its stem, flagged [`NOT_CANONICAL`] when the word is not the canonical
    /// form of its stem (see [`canonical`]).
    all: FxHashMap<Packed, Packed>,
    /// How many words `all` answered while there was no front table.
    repeats: usize,
}

impl StemCache {
    fn new() -> Self {
        StemCache {
            front: Vec::new(),
            lexicon: Vec::new(),
            all: FxHashMap::default(),
            repeats: 0,
        }
    }

    fn front_slot(word: Packed) -> usize {
        let mixed = ((word.0 as u64) ^ ((word.0 >> 64) as u64)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - FRONT_SLOTS.trailing_zeros())) as usize
    }

    /// The stem of `word`, read from the cache or computed and remembered, and whether `word`
    /// is the canonical form of that stem; `Err` with the stem when it is too long to keep
    /// inline (Porter2 never lengthens a word, so never in fact).
    fn stem(&mut self, word: Packed, text: &str) -> Result<(Packed, bool), String> {
        let slot = Self::front_slot(word);
        if let Some(&(cached, stem)) = self.front.get(slot) {
            if cached == word {
                return Ok(stem.unflagged());
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
                let flagged = if stem.with_str(|stem| canonical::canonical_of(stem) == text) {
                    stem
                } else {
                    Packed(stem.0 | NOT_CANONICAL)
                };
                if self.all.len() >= STEM_CACHE_WORDS {
                    self.all.clear();
                }
                self.all.insert(word, flagged);
                flagged
            }
        };
        if self.front.is_empty() {
            if self.repeats < FRONT_AFTER_REPEATS {
                return Ok(stem.unflagged());
            }
            // The empty word in every slot.
            self.front = vec![(Packed(0), Packed(0)); FRONT_SLOTS];
            self.lexicon = vec![0; FRONT_SLOTS];
        }
        self.front[slot] = (word, stem);
        self.lexicon[slot] = 0;
        Ok(stem.unflagged())
    }

    /// Whether `word` is in the front table stamped as recorded by lexicon `id`: a word of a
    /// passage just scanned is nearly always in the front table, and its slot in cache.
    fn noted(&self, word: Packed, id: u32) -> bool {
        let slot = Self::front_slot(word);
        self.front
            .get(slot)
            .is_some_and(|&(cached, _)| cached == word)
            && self.lexicon[slot] == id
    }

    /// Stamps `word`, if it is in the front table, as recorded by lexicon `id`.
    fn note(&mut self, word: Packed, id: u32) {
        let slot = Self::front_slot(word);
        if self
            .front
            .get(slot)
            .is_some_and(|&(cached, _)| cached == word)
        {
            self.lexicon[slot] = id;
        }
    }
}

thread_local! {
    static STEMS: RefCell<StemCache> = RefCell::new(StemCache::new());
}

/// Replaces the folded word in `term` by its Porter2 stem, through the per-thread cache;
/// whether the word is the canonical form of the stem.
fn stem_into(term: &mut String) -> bool {
    let Some(word) = Packed::new(term) else {
        // Too long to cache, and rare.
        let stem = stemmer().stem(term).into_owned();
        return replace_by_stem(term, stem);
    };
    let stem = STEMS.with(|stems| stems.borrow_mut().stem(word, term));
    match stem {
        Ok((stem, canonical)) if stem == word => canonical,
        Ok((stem, canonical)) => {
            term.clear();
            stem.push_to(term);
            canonical
        }
        Err(long) => replace_by_stem(term, long),
    }
}

/// Replaces the word in `term` by `stem`, looked up in no cache; whether the word is the
/// canonical form of the stem.
fn replace_by_stem(term: &mut String, stem: String) -> bool {
    let canonical = canonical::canonical_of(&stem) == term.as_str();
    *term = stem;
    canonical
}

/// The fold of an ASCII word: NFKC and NFKD leave ASCII as it is and there are no accents, so
/// only lower-casing and dropping dots, apostrophes and a possessive `'s` remain.
fn fold_ascii(word: &str, term: &mut String) {
    if !word.bytes().any(|b| b == b'.' || b == b'\'') {
        term.push_str(word);
        term.make_ascii_lowercase();
        return;
    }
    term.extend(
        word.bytes()
            .filter(|&b| b != b'.')
            .map(|b| char::from(b.to_ascii_lowercase())),
    );
    if term.ends_with("'s") {
        term.truncate(term.len() - 2);
    }
    term.retain(|c| c != '\'');
}

/// The full fold for words with any non-ASCII character; `accents` keeps accented letters.
fn fold_unicode(word: &str, accents: bool, term: &mut String) {
    let mut folded = String::with_capacity(word.len());
    for c in word.nfkc().flat_map(char::to_lowercase) {
        if is_apostrophe(c) {
            folded.push('\'');
        } else if c != '.' {
            folded.push(c);
        }
    }
    if let Some(stripped) = folded.strip_suffix("'s") {
        folded.truncate(stripped.len());
    }
    if accents {
        term.extend(folded.nfc().filter(|&c| c != '\''));
        return;
    }
    for c in folded.nfkd() {
        if is_combining_mark(c) || c == '\'' {
            continue;
        }
        match c {
            'ß' => term.push_str("ss"),
            'æ' => term.push_str("ae"),
            'œ' => term.push_str("oe"),
            'ø' => term.push('o'),
            'đ' | 'ð' => term.push('d'),
            'ł' => term.push('l'),
            'þ' => term.push_str("th"),
            'ı' => term.push('i'),
            _ => term.push(c),
        }
    }
}

/// Tokenizes `text` into normalised terms with their byte spans.
pub fn tokenize(text: &str, mode: Mode) -> Vec<Token> {
    tokenize_with(text, mode, false)
}

/// [`tokenize`], keeping accents when `accents` is set.
pub fn tokenize_with(text: &str, mode: Mode, accents: bool) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_term(text, mode, accents, |start, end, term| {
        tokens.push(Token {
            start,
            end,
            term: term.to_string(),
        })
    });
    tokens
}

/// Calls `f` with the byte span and the normalised term of each word of `text`, in order; the
/// term is in one buffer reused from word to word.
fn for_each_term(text: &str, mode: Mode, accents: bool, mut f: impl FnMut(usize, usize, &str)) {
    let mut term = String::new();
    for (start, end) in WordSpans::new(text).filter(|(s, e)| e - s <= MAX_TOKEN_BYTES) {
        term.clear();
        normalize_into(&text[start..end], mode, accents, &mut term);
        if !term.is_empty() {
            f(start, end, &term);
        }
    }
}

/// A word with both of its terms: the stem (for stemmed matching) and the folded surface form
/// (for exact, fuzzy and prefix matching). Both are kept inline up to 24 bytes (nearly every
/// word), so analysing a passage allocates per passage, not per word: `--all` and `--count`
/// analyse every matching passage.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Word {
    /// Byte offset of the first byte of the word.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The stemmed term.
    pub stem: CompactString,
    /// The folded surface term.
    pub surface: CompactString,
}

/// The words of `text` with both terms, as the highlighter and the quote aligner need them.
pub fn words(text: &str) -> Vec<Word> {
    words_with(text, false)
}

/// [`words`], keeping accents in both terms when `accents` is set.
pub fn words_with(text: &str, accents: bool) -> Vec<Word> {
    // The stem is the folded surface word, stemmed: one scan and one fold for both.
    let mut words = Vec::new();
    for_each_term(text, Mode::Exact, accents, |start, end, surface| {
        words.push(Word {
            start,
            end,
            stem: with_stem_of_folded(surface, |stem| CompactString::new(stem)),
            surface: CompactString::new(surface),
        })
    });
    words
}

/// The distinct terms of one text, in the order they first occur, with the span of that first
/// occurrence. A set small enough to be cleared for every passage: a table of indices into the
/// list of terms, with the terms themselves kept one after the other in one string.
#[derive(Clone, Debug, Default)]
pub struct DistinctTerms {
    /// The terms, one after the other.
    terms: String,
    /// Per term: its hash, where it ends in `terms`, and its first span in the text.
    entries: Vec<DistinctEntry>,
    /// Open addressing over `entries`: index + 1, 0 when free. Empty, or a power of two at
    /// least twice as long as `entries`.
    slots: Vec<u32>,
}

#[derive(Clone, Copy, Debug)]
struct DistinctEntry {
    hash: u64,
    end: u32,
    start_byte: u32,
    end_byte: u32,
}

fn hash_term(term: &str) -> u64 {
    use std::hash::Hasher;
    let mut hasher = rustc_hash::FxHasher::default();
    hasher.write(term.as_bytes());
    hasher.finish()
}

impl DistinctTerms {
    /// Forgets every term, keeping the memory.
    pub fn clear(&mut self) {
        self.terms.clear();
        self.entries.clear();
        self.slots.fill(0);
    }

    /// How many distinct terms there are.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// The `i`-th distinct term and the span of its first occurrence.
    pub fn get(&self, i: usize) -> Option<(&str, usize, usize)> {
        let entry = self.entries.get(i)?;
        let start = i.checked_sub(1).map_or(0, |p| self.entries[p].end as usize);
        let term = self.terms.get(start..entry.end as usize)?;
        Some((term, entry.start_byte as usize, entry.end_byte as usize))
    }

    /// Adds `term`, first seen at `start..end` of the text, unless it is there already;
    /// whether it was new.
    pub fn insert(&mut self, term: &str, start: usize, end: usize) -> bool {
        self.insert_index(term, start, end).is_err()
    }

    /// As [`DistinctTerms::insert`], with the index of the term: `Ok` when it was there
    /// already, `Err` when it is new.
    pub fn insert_index(&mut self, term: &str, start: usize, end: usize) -> Result<usize, usize> {
        if 2 * (self.entries.len() + 1) > self.slots.len() {
            self.grow();
        }
        let hash = hash_term(term);
        let slot = match self.find(term, hash) {
            Ok(i) => return Ok(i),
            Err(free) => free,
        };
        self.terms.push_str(term);
        self.entries.push(DistinctEntry {
            hash,
            end: self.terms.len() as u32,
            start_byte: start as u32,
            end_byte: end as u32,
        });
        self.slots[slot] = self.entries.len() as u32;
        Err(self.entries.len() - 1)
    }

    /// The index of `term`, if it is in the set.
    pub fn index_of(&self, term: &str) -> Option<usize> {
        if self.slots.is_empty() {
            return None;
        }
        self.find(term, hash_term(term)).ok()
    }

    /// The index of `term` (with hash `hash`), or the free slot where it would go. The table
    /// must have a free slot.
    fn find(&self, term: &str, hash: u64) -> Result<usize, usize> {
        let mask = self.slots.len() - 1;
        let mut slot = hash as usize & mask;
        loop {
            match self.slots[slot] {
                0 => return Err(slot),
                taken => {
                    let i = taken as usize - 1;
                    if self.entries[i].hash == hash && self.get(i).is_some_and(|(t, ..)| t == term)
                    {
                        return Ok(i);
                    }
                    slot = (slot + 1) & mask;
                }
            }
        }
    }

    /// Doubles the table and files every term again.
    fn grow(&mut self) {
        let len = (self.slots.len() * 2).max(64);
        self.slots.clear();
        self.slots.resize(len, 0);
        let mask = len - 1;
        for (i, entry) in self.entries.iter().enumerate() {
            let mut slot = entry.hash as usize & mask;
            while self.slots[slot] != 0 {
                slot = (slot + 1) & mask;
            }
            self.slots[slot] = i as u32 + 1;
        }
    }
}

/// The start every regular variant of a stem shares with the stem: the stem without its last
/// letter (Porter2 may change that one, `happy` -> `happi`), or the whole stem when it has two
/// letters or fewer. A variant that does not start with it (`dying`, stem `die`) is marked in
/// the index (see [`SurfaceTerms`]), so every variant of a stem can be found from the stem.
pub fn variant_prefix(stem: &str) -> &str {
    match stem.char_indices().nth(2) {
        Some(_) => stem.char_indices().last().map_or(stem, |(i, _)| &stem[..i]),
        None => stem,
    }
}

/// The stem of a folded surface word (a term of [`Mode::Exact`]).
pub fn stem_of_folded(word: &str) -> String {
    with_stem_of_folded(word, str::to_string)
}

thread_local! {
    /// The buffer [`with_stem_of_folded`] stems into.
    static STEM_SCRATCH: RefCell<String> = const { RefCell::new(String::new()) };
}

/// `f` of the stem of a folded surface word, with no allocation: queries stem thousands of
/// dictionary words. `f` must not stem in turn.
pub fn with_stem_of_folded<R>(word: &str, f: impl FnOnce(&str) -> R) -> R {
    STEM_SCRATCH.with(|scratch| {
        let mut term = scratch.borrow_mut();
        term.clear();
        term.push_str(word);
        stem_folded(&mut term);
        f(&term)
    })
}

/// The stem of a folded surface word when the word is the canonical form of it ([`canonical`]).
pub fn stem_if_canonical(word: &str) -> Option<String> {
    with_stem_of_folded(word, |stem| {
        (canonical_of(stem) == word).then(|| stem.to_string())
    })
}

/// First character of the term marking a stem with an irregular variant; no word has it.
pub const MARKER: char = '\u{1}';

/// Writes the marker term of `stem` into `out` (see [`SurfaceTerms`]).
pub fn marker_into(stem: &str, out: &mut String) {
    out.clear();
    out.push(MARKER);
    out.push_str(stem);
}

/// The canonical forms a segment has recorded (see [`SurfaceTerms::finish`]).
/// Asked about most words of every passage, it answers the common ones from a stamp beside the
/// word in the stem cache, in a slot the passage's scan has just read ([`StemCache::noted`]),
/// and only the rest from the set of all.
#[derive(Debug, Default)]
pub struct Lexicon {
    /// What stamps this lexicon's words in the stem cache: unique to it, 0 until first used.
    id: u32,
    /// Every word of one or two bytes recorded, one bit each (see [`tiny_word`]): these are
    /// never stemmed, so never in the stem cache, and in nearly every passage (`of`, `in`).
    tiny: Vec<u64>,
    /// Every other packed word recorded.
    short: rustc_hash::FxHashSet<u128>,
    /// Every word recorded too long to pack.
    long: rustc_hash::FxHashSet<Box<str>>,
}

/// A copy is another lexicon: it keeps the words but stamps its own.
impl Clone for Lexicon {
    fn clone(&self) -> Self {
        Lexicon {
            id: 0,
            tiny: self.tiny.clone(),
            short: self.short.clone(),
            long: self.long.clone(),
        }
    }
}

/// The bit of a word of one or two bytes in [`Lexicon::tiny`]: its bytes as a number, the
/// second byte 0 for a one-byte word (no word holds a 0 byte).
fn tiny_word(word: &str) -> Option<usize> {
    match *word.as_bytes() {
        [a] => Some(usize::from(a) << 8),
        [a, b] => Some(usize::from(a) << 8 | usize::from(b)),
        _ => None,
    }
}

/// The last lexicon id given out.
static LEXICON_IDS: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);

impl Lexicon {
    /// Notes `word`; whether it is new to the segment. `stems` is this thread's stem cache.
    fn insert_with(&mut self, word: &str, stems: &mut StemCache) -> bool {
        if let Some(bit) = tiny_word(word) {
            if self.tiny.is_empty() {
                self.tiny = vec![0; (1 << 16) / 64];
            }
            let (i, mask) = (bit / 64, 1u64 << (bit % 64));
            let new = self.tiny[i] & mask == 0;
            self.tiny[i] |= mask;
            return new;
        }
        let Some(packed) = Packed::new(word) else {
            if self.long.contains(word) {
                return false;
            }
            return self.long.insert(word.into());
        };
        if self.id == 0 {
            self.id = LEXICON_IDS.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
        }
        // Stamped only once the word is in `short`, so a stamp never claims a word it lacks.
        if stems.noted(packed, self.id) {
            return false;
        }
        let new = self.short.insert(packed.0);
        stems.note(packed, self.id);
        new
    }

    /// Notes `word`; whether it is new to the segment.
    #[cfg(test)]
    fn insert(&mut self, word: &str) -> bool {
        STEMS.with(|stems| self.insert_with(word, &mut stems.borrow_mut()))
    }

    /// Forgets every word.
    pub fn clear(&mut self) {
        // Stamps of the old id would claim the words forgotten.
        self.id = 0;
        self.tiny.clear();
        self.short.clear();
        self.long.clear();
    }
}

/// In [`SurfaceTerms`], the stem of a word that is its own stem and its canonical form.
const OWN_STEM: u32 = u32::MAX;

/// In [`SurfaceTerms`], the flag on the stem of a word that is the canonical form of its stem
/// (and not the stem itself).
const CANONICAL: u32 = 1 << 31;

/// The surface words of one text that the surface field records, the rest being told by the
/// stems (`query::surface` reads them back). Each stem has one canonical form ([`canonical`]):
/// the stem itself (`price`), or for some the usual form (`people`, stem `peopl`). Recorded are:
/// - each distinct word that is not the canonical form of its stem (`prices`);
/// - a canonical form only when a variant of its stem (another form) is in the text too;
/// - for a stem with a variant that does not start with [`variant_prefix`], the marker
///   [`MARKER`] + stem;
/// - a canonical form the first time its segment sees it ([`Lexicon`]), so that the segment's
///   dictionary lists every surface word.
///
/// Most words of running text are the canonical form of their stem and the only form of it in
/// their passage, so this is a fraction of the distinct words.
#[derive(Clone, Debug, Default)]
pub struct SurfaceTerms {
    /// Every distinct surface word, in order of first occurrence.
    words: DistinctTerms,
    /// Per word: the index of its stem in `variant_stems`, flagged [`CANONICAL`] for the
    /// canonical form, or [`OWN_STEM`].
    stem_of: Vec<u32>,
    /// The stems of the words that are not their own stem or not canonical.
    variant_stems: DistinctTerms,
    /// Per stem of `variant_stems`: whether a word that is not its canonical form has it.
    has_variant: Vec<bool>,
    /// The markers of stems with an irregular variant.
    markers: DistinctTerms,
    /// The indices of the recorded words, set by [`SurfaceTerms::finish`].
    kept: Vec<u32>,
    scratch: String,
}

impl SurfaceTerms {
    /// Forgets every word, keeping the memory.
    pub fn clear(&mut self) {
        self.words.clear();
        self.stem_of.clear();
        self.variant_stems.clear();
        self.has_variant.clear();
        self.markers.clear();
        self.kept.clear();
    }

    /// Notes the folded word in `term` at `start..end` and replaces it by its stem: the one
    /// given before when the text had the word already, else Porter2's (through the cache).
    pub fn insert_and_stem(&mut self, term: &mut String, start: usize, end: usize) {
        match self.words.insert_index(term, start, end) {
            Ok(i) => match self.stem_of.get(i) {
                Some(&OWN_STEM) => {}
                Some(&stem) => {
                    if let Some((stem, ..)) = self.variant_stems.get((stem & !CANONICAL) as usize) {
                        term.clear();
                        term.push_str(stem);
                    }
                }
                // Its stem was never given: Porter2's, to be safe.
                None => {
                    stem_folded(term);
                }
            },
            Err(_) => {
                let canonical = stem_folded(term);
                self.stemmed(term, canonical);
            }
        }
    }

    /// The stem of the word just inserted, and whether the word is its canonical form.
    fn stemmed(&mut self, stem: &str, canonical: bool) {
        let Some((word, start, end)) = self
            .words
            .len()
            .checked_sub(1)
            .and_then(|i| self.words.get(i))
        else {
            return;
        };
        if word == stem && canonical {
            self.stem_of.push(OWN_STEM);
            return;
        }
        let i = match self.variant_stems.insert_index(stem, start, end) {
            Ok(i) => i,
            Err(i) => {
                self.has_variant.push(false);
                i
            }
        };
        if canonical {
            // A canonical form starts with its stem's variant prefix: no marker.
            self.stem_of.push(i as u32 | CANONICAL);
            return;
        }
        self.stem_of.push(i as u32);
        self.has_variant[i] = true;
        if !word.starts_with(variant_prefix(stem)) {
            marker_into(stem, &mut self.scratch);
            self.markers.insert(&self.scratch, start, end);
        }
    }

    /// Decides which words are recorded, once every word of the text is in. `lexicon` holds
    /// the words that are their own stem already recorded in the segment: each is recorded
    /// once more the first time the segment sees it, so that the segment's dictionary lists
    /// every surface word for fuzzy matching to run along.
    pub fn finish(&mut self, lexicon: &mut Lexicon) {
        self.kept.clear();
        STEMS.with(|stems| {
            let mut stems = stems.borrow_mut();
            for i in 0..self.words.len() {
                let Some((word, ..)) = self.words.get(i) else {
                    continue;
                };
                // A canonical form is kept when new to the segment or beside a variant of its
                // stem; any other word (or one whose stem was never given, to be safe) always.
                let stem = match self.stem_of.get(i) {
                    Some(&OWN_STEM) => self.variant_stems.index_of(word),
                    Some(&stem) if stem & CANONICAL != 0 => Some((stem & !CANONICAL) as usize),
                    _ => {
                        self.kept.push(i as u32);
                        continue;
                    }
                };
                if lexicon.insert_with(word, &mut stems)
                    || stem.is_some_and(|s| self.has_variant[s])
                {
                    self.kept.push(i as u32);
                }
            }
        });
    }

    /// How many terms are recorded: the kept words, then the markers.
    pub fn len(&self) -> usize {
        self.kept.len() + self.markers.len()
    }

    /// Whether none is.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `i`-th recorded term and the span of its first occurrence.
    pub fn get(&self, i: usize) -> Option<(&str, usize, usize)> {
        match self.kept.get(i) {
            Some(&w) => self.words.get(w as usize),
            None => self.markers.get(i - self.kept.len()),
        }
    }
}

/// The distinct surface terms of the text the stemmed chain last tokenized to its end on this
/// thread.
#[derive(Default)]
struct LastScan {
    /// Whether `terms` are still to be taken (they are swapped out when used).
    valid: bool,
    terms: SurfaceTerms,
}

thread_local! {
    /// Tantivy tokenizes the fields of a document one after the other on one thread, in the
    /// order of the schema: the passage's stems first and then its surface words
    /// ([`SurfaceTermsTokenizer`]). The stemmed scan folds every word to its surface term on
    /// the way to the stem, so it leaves the distinct surface terms here, and the surface field,
    /// given no text of its own ([`SAME_AS_TEXT`]), takes them instead of scanning the passage
    /// a second time.
    static LAST_SCAN: RefCell<LastScan> = RefCell::new(LastScan::default());
}

/// The value of the surface field that stands for "the words of the stemmed text field just
/// before it in the same document": the passage is neither copied into the document a second
/// time nor scanned twice.
pub const SAME_AS_TEXT: &str = "";

/// The analysis chain as a tantivy tokenizer, so the index sees exactly our tokens.
#[derive(Clone)]
pub struct NewsTokenizer {
    mode: Mode,
    token: tantivy::tokenizer::Token,
    /// The surface terms of the text being tokenized, in [`Mode::Stemmed`].
    surface: SurfaceTerms,
}

impl NewsTokenizer {
    /// A tokenizer producing terms in `mode`.
    pub fn new(mode: Mode) -> Self {
        NewsTokenizer {
            mode,
            token: tantivy::tokenizer::Token::default(),
            surface: SurfaceTerms::default(),
        }
    }
}

/// Token stream over the word spans of a text, normalising each word into the token's own
/// buffer as the indexer asks for it.
pub struct NewsTokenStream<'a> {
    text: &'a str,
    spans: WordSpans<'a>,
    mode: Mode,
    current: &'a mut tantivy::tokenizer::Token,
    /// Stemmed mode: the surface terms seen so far, handed on when the text is done.
    surface: &'a mut SurfaceTerms,
    /// Whether the last word has been given.
    done: bool,
    position: usize,
}

impl tantivy::tokenizer::Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        self.surface.clear();
        if self.mode == Mode::Stemmed {
            // A scan left unfinished must not leave the one before it to be taken.
            LAST_SCAN.with(|last| last.borrow_mut().valid = false);
        }
        NewsTokenStream {
            text,
            spans: WordSpans::new(text),
            mode: self.mode,
            current: &mut self.token,
            surface: &mut self.surface,
            done: false,
            position: 0,
        }
    }
}

impl NewsTokenStream<'_> {
    /// Leaves the surface terms of a fully scanned text for [`SurfaceTermsTokenizer`].
    fn hand_on_surface(&mut self) {
        LAST_SCAN.with(|last| {
            let mut last = last.borrow_mut();
            std::mem::swap(&mut last.terms, self.surface);
            last.valid = true;
        });
    }
}

impl tantivy::tokenizer::TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.done {
            return false;
        }
        for (start, end) in self.spans.by_ref() {
            if end - start > MAX_TOKEN_BYTES {
                continue;
            }
            let term = &mut self.current.text;
            normalize_into(&self.text[start..end], Mode::Exact, false, term);
            if term.is_empty() {
                continue;
            }
            if self.mode == Mode::Stemmed {
                self.surface.insert_and_stem(term, start, end);
            }
            self.current.offset_from = start;
            self.current.offset_to = end;
            self.current.position = self.position;
            self.current.position_length = 1;
            self.position += 1;
            return true;
        }
        self.done = true;
        if self.mode == Mode::Stemmed {
            self.hand_on_surface();
        }
        false
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        self.current
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.current
    }
}

/// The surface terms of a text that the surface field records ([`SurfaceTerms`]), each once,
/// with the span of its first occurrence: the field records which documents hold a term and
/// nothing more. Given [`SAME_AS_TEXT`], takes the terms from the stemmed chain's scan of the
/// passage just before (see [`LAST_SCAN`]); given any other text, scans it.
#[derive(Clone, Default)]
pub struct SurfaceTermsTokenizer {
    token: tantivy::tokenizer::Token,
    terms: SurfaceTerms,
    /// The words that are their own stem recorded so far. Tantivy gives each segment writer
    /// its own copy of the tokenizer, so this is per segment (see [`SurfaceTerms::finish`]).
    lexicon: Lexicon,
}

/// Token stream over [`SurfaceTerms`].
pub struct SurfaceTermsStream<'a> {
    terms: &'a SurfaceTerms,
    next: usize,
    current: &'a mut tantivy::tokenizer::Token,
}

impl tantivy::tokenizer::Tokenizer for SurfaceTermsTokenizer {
    type TokenStream<'a> = SurfaceTermsStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> SurfaceTermsStream<'a> {
        self.token.reset();
        let scanned = LAST_SCAN.with(|last| {
            let mut last = last.borrow_mut();
            if !(last.valid && text == SAME_AS_TEXT) {
                return false;
            }
            std::mem::swap(&mut last.terms, &mut self.terms);
            last.valid = false;
            true
        });
        if !scanned {
            self.terms.clear();
            for (start, end) in WordSpans::new(text) {
                if end - start > MAX_TOKEN_BYTES {
                    continue;
                }
                let term = &mut self.token.text;
                normalize_into(&text[start..end], Mode::Exact, false, term);
                if !term.is_empty() {
                    self.terms.insert_and_stem(term, start, end);
                }
            }
        }
        self.terms.finish(&mut self.lexicon);
        SurfaceTermsStream {
            terms: &self.terms,
            next: 0,
            current: &mut self.token,
        }
    }
}

impl tantivy::tokenizer::TokenStream for SurfaceTermsStream<'_> {
    fn advance(&mut self) -> bool {
        let Some((term, start, end)) = self.terms.get(self.next) else {
            return false;
        };
        self.current.text.clear();
        self.current.text.push_str(term);
        self.current.offset_from = start;
        self.current.offset_to = end;
        self.current.position = self.next;
        self.current.position_length = 1;
        self.next += 1;
        true
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        self.current
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.current
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(text: &str, mode: Mode) -> Vec<String> {
        tokenize(text, mode).into_iter().map(|t| t.term).collect()
    }

    #[test]
    fn stems_plurals_and_derived_forms() {
        assert_eq!(
            terms("algorithms algorithm", Mode::Stemmed),
            ["algorithm", "algorithm"]
        );
        assert_eq!(terms("Algorithms", Mode::Exact), ["algorithms"]);
    }

    #[test]
    fn curly_and_straight_possessives_are_one_term() {
        assert_eq!(terms("Trump’s", Mode::Exact), ["trump"]);
        assert_eq!(terms("Trump's", Mode::Exact), ["trump"]);
        assert_eq!(terms("don’t", Mode::Exact), ["dont"]);
    }

    #[test]
    fn abbreviation_with_dots_is_one_token_including_final_dot() {
        let text = "the U.S. and U.K.-China";
        let toks = tokenize(text, Mode::Exact);
        let words: Vec<&str> = toks.iter().map(|t| &text[t.start..t.end]).collect();
        assert_eq!(words, ["the", "U.S.", "and", "U.K.", "China"]);
        assert_eq!(toks[1].term, "us");
        assert_eq!(toks[3].term, "uk");
    }

    #[test]
    fn sentence_end_after_a_single_letter_is_not_an_abbreviation() {
        let words: Vec<String> = terms("Plan B. Then", Mode::Exact);
        assert_eq!(words, ["plan", "b", "then"]);
    }

    #[test]
    fn accents_are_folded_and_nfkc_applied() {
        assert_eq!(
            terms("Huáwei ﬁnance Straße", Mode::Exact),
            ["huawei", "finance", "strasse"]
        );
    }

    #[test]
    fn offsets_are_char_boundaries_in_text_full_of_multibyte_chars() {
        let text = "“Émoji 🎉 test” — naïve café’s 日本語 done";
        for t in tokenize(text, Mode::Stemmed) {
            assert!(text.is_char_boundary(t.start) && text.is_char_boundary(t.end));
            assert!(!text[t.start..t.end].is_empty());
        }
    }

    #[test]
    fn ascii_fast_path_folds_like_the_unicode_path() {
        let words = [
            "Trump's",
            "don't",
            "U.S.",
            "U.K.",
            "Algorithms",
            "OPEC",
            "it's",
            "'s",
            "s'",
            "a'b's",
            "1987",
            "Q3",
            "X.Y.",
            "rock'n'roll",
            "'s's",
            "Plan",
            "B",
            "o'clock",
            "CEO's",
        ];
        for word in words {
            let (mut fast, mut slow) = (String::new(), String::new());
            fold_ascii(word, &mut fast);
            fold_unicode(word, false, &mut slow);
            assert_eq!(fast, slow, "fold of {word:?}");
        }
    }

    #[test]
    fn tantivy_stream_gives_the_same_tokens_as_tokenize() {
        use tantivy::tokenizer::{TokenStream, Tokenizer};
        let text = "The U.S. Fed’s rates — naïve café’s Straße, algorithms' 日本語 ﬁnance don't";
        for mode in [Mode::Stemmed, Mode::Exact] {
            let mut tokenizer = NewsTokenizer::new(mode);
            let mut stream = tokenizer.token_stream(text);
            let mut got = Vec::new();
            while stream.advance() {
                let t = stream.token();
                got.push((t.offset_from, t.offset_to, t.text.clone(), t.position));
            }
            let want: Vec<_> = tokenize(text, mode)
                .into_iter()
                .enumerate()
                .map(|(i, t)| (t.start, t.end, t.term, i))
                .collect();
            assert_eq!(got, want);
        }
    }

    fn stream_terms<T: tantivy::tokenizer::Tokenizer>(
        tokenizer: &mut T,
        text: &str,
    ) -> Vec<String> {
        use tantivy::tokenizer::TokenStream;
        let mut stream = tokenizer.token_stream(text);
        let mut got = Vec::new();
        while stream.advance() {
            got.push(stream.token().text.clone());
        }
        got
    }

    /// What the surface field records of `text`, worked out from the exact and stemmed terms:
    /// each word once in order of first occurrence when it is not the canonical form of its
    /// stem or a variant of its stem is in the text too, then the markers of stems with an
    /// irregular variant (a word that is not canonical and does not start with the prefix).
    fn recorded(text: &str) -> Vec<String> {
        let pairs: Vec<(String, String)> = terms(text, Mode::Exact)
            .into_iter()
            .zip(terms(text, Mode::Stemmed))
            .collect();
        let is_variant = |w: &str, s: &str| canonical_of(s) != w;
        let variant_stems: Vec<&str> = pairs
            .iter()
            .filter(|(w, s)| is_variant(w, s))
            .map(|(_, s)| s.as_str())
            .collect();
        let mut seen = std::collections::HashSet::new();
        let mut out: Vec<String> = pairs
            .iter()
            .filter(|(w, s)| is_variant(w, s) || variant_stems.contains(&s.as_str()))
            .map(|(w, _)| w.clone())
            .filter(|w| seen.insert(w.clone()))
            .collect();
        for (w, s) in &pairs {
            let marker = format!("{MARKER}{s}");
            if is_variant(w, s) && !w.starts_with(variant_prefix(s)) && seen.insert(marker.clone())
            {
                out.push(marker);
            }
        }
        out
    }

    #[test]
    fn distinct_terms_keep_each_term_once_in_first_order() {
        let mut set = DistinctTerms::default();
        for (i, word) in ["the", "fed", "the", "rates", "fed", "the"]
            .iter()
            .enumerate()
        {
            set.insert(word, i, i + 1);
        }
        let got: Vec<_> = (0..set.len()).filter_map(|i| set.get(i)).collect();
        assert_eq!(got, [("the", 0, 1), ("fed", 1, 2), ("rates", 3, 4)]);
        set.clear();
        assert!(set.is_empty());
        set.insert("fed", 7, 10);
        assert_eq!(set.get(0), Some(("fed", 7, 10)));
        assert_eq!(set.get(1), None);
    }

    #[test]
    fn distinct_terms_survive_growing_the_table() {
        let mut set = DistinctTerms::default();
        let words: Vec<String> = (0..1000).map(|i| format!("w{i}")).collect();
        for round in 0..2 {
            for (i, w) in words.iter().enumerate() {
                set.insert(w, round * 1000 + i, round * 1000 + i + 1);
            }
        }
        assert_eq!(set.len(), 1000);
        for (i, w) in words.iter().enumerate() {
            assert_eq!(set.get(i), Some((w.as_str(), i, i + 1)));
        }
    }

    #[test]
    fn surface_stream_gives_each_recorded_term_once_with_or_without_a_stemmed_scan() {
        let text = "The Fed’s rates — the fed's RATES, naïve naive U.S. us algorithms";
        let want = recorded(text);
        // `the`, `fed` and `us` are their own stems, and `naive` the canonical form of `naiv`,
        // with no variant here: the stems tell them.
        assert_eq!(canonical_of("naiv"), "naive");
        assert_eq!(want, ["rates", "algorithms"]);
        let mut distinct = warmed(&[text, "Prices rose; prices fell"]);
        // On its own: scans the text itself.
        assert_eq!(stream_terms(&mut distinct, text), want);
        // After the stemmed chain scanned the text: takes its terms for SAME_AS_TEXT.
        let mut stemmed = NewsTokenizer::new(Mode::Stemmed);
        assert_eq!(stream_terms(&mut stemmed, text), terms(text, Mode::Stemmed));
        assert_eq!(stream_terms(&mut distinct, SAME_AS_TEXT), want);
        // A text of its own is scanned, whatever the stemmed chain scanned before.
        stream_terms(&mut stemmed, "Other words entirely");
        let other = "Prices rose; prices fell";
        assert_eq!(stream_terms(&mut distinct, other), recorded(other));
        // A scan is taken once.
        stream_terms(&mut stemmed, text);
        assert_eq!(stream_terms(&mut distinct, SAME_AS_TEXT), want);
        assert!(stream_terms(&mut distinct, SAME_AS_TEXT).is_empty());
    }

    #[test]
    fn a_stemmed_scan_left_unfinished_is_not_taken_nor_the_one_before() {
        use tantivy::tokenizer::{TokenStream, Tokenizer};
        let mut distinct = warmed(&["delta"]);
        let mut stemmed = NewsTokenizer::new(Mode::Stemmed);
        stream_terms(&mut stemmed, "alpha betas");
        assert!(stemmed.token_stream("gammas delta gammas").advance());
        assert!(stream_terms(&mut distinct, SAME_AS_TEXT).is_empty());
    }

    /// A surface tokenizer that has seen `texts`, as in a segment that already holds them.
    fn warmed(texts: &[&str]) -> SurfaceTermsTokenizer {
        let mut tokenizer = SurfaceTermsTokenizer::default();
        for text in texts {
            stream_terms(&mut tokenizer, text);
        }
        tokenizer
    }

    #[test]
    fn a_canonical_form_is_recorded_the_first_time_a_segment_sees_it() {
        assert_eq!(canonical_of("rate"), "rate");
        assert_eq!(canonical_of("peopl"), "people");
        let mut segment = SurfaceTermsTokenizer::default();
        assert_eq!(
            stream_terms(&mut segment, "the rate rose for people"),
            ["the", "rate", "rose", "for", "people"]
        );
        assert!(stream_terms(&mut segment, "The rate rose for people.").is_empty());
        assert_eq!(
            stream_terms(&mut segment, "the rates fell for peoples"),
            ["rates", "fell", "peoples"]
        );
        // Another segment writer has its own copy, which starts empty.
        let mut other = segment.clone();
        other.lexicon.clear();
        assert_eq!(stream_terms(&mut other, "the rate"), ["the", "rate"]);
    }

    #[test]
    fn a_lexicon_answers_each_word_new_once_until_cleared() {
        // In the stem cache, as a passage's scan leaves them, so that stamps are set.
        for word in ["price", "rose"] {
            stem_of_folded(word);
        }
        let long = "internationalisation";
        let mut lexicon = Lexicon::default();
        for word in ["o", "of", "price", "rose", long] {
            assert!(lexicon.insert(word), "{word} is new");
        }
        for word in ["o", "of", "price", "rose", long] {
            assert!(!lexicon.insert(word), "{word} is not new twice");
        }
        assert!(
            lexicon.insert("f") && lexicon.insert("fo"),
            "tiny words are apart"
        );
        // A copy keeps the words; a cleared lexicon has none, whatever the stamps say.
        let mut copy = lexicon.clone();
        assert!(!copy.insert("price") && !copy.insert("of"));
        lexicon.clear();
        for word in ["o", "of", "price", "rose", long] {
            assert!(lexicon.insert(word), "{word} is new after clear");
        }
        assert!(!copy.insert("rose"));
    }

    #[test]
    fn a_canonical_form_is_recorded_only_beside_a_variant() {
        // `rate` is its own canonical form; `talk` is not (`talks` is), nor `peopl` (`people`).
        assert_eq!(canonical_of("talk"), "talks");
        let mut distinct =
            warmed(&["the rate rose and other crowd sang or died for people in talks"]);
        assert!(stream_terms(&mut distinct, "the rate rose").is_empty());
        assert_eq!(stream_terms(&mut distinct, "rates rose"), ["rates"]);
        assert_eq!(
            stream_terms(&mut distinct, "the rate and the rates"),
            ["rate", "rates"]
        );
        assert!(stream_terms(&mut distinct, "people in talks").is_empty());
        assert_eq!(stream_terms(&mut distinct, "the talk"), ["talk"]);
        assert_eq!(
            stream_terms(&mut distinct, "people and peoples"),
            ["people", "peoples"]
        );
        for text in [
            "the rate rose",
            "Rate, rates and RATES rose",
            "Dying or died?",
            "Dying or die?",
            "the talk or talks",
        ] {
            assert_eq!(stream_terms(&mut distinct, text), recorded(text), "{text}");
        }
    }

    #[test]
    fn a_variant_off_its_stems_prefix_marks_the_stem() {
        // Porter2 stems `dying` to `die`: `dying` does not start with `di`.
        assert_eq!(normalize_word("dying", Mode::Stemmed), "die");
        let mut distinct = warmed(&["and"]);
        assert_eq!(
            stream_terms(&mut distinct, "dying and dying"),
            ["dying", "\u{1}die"]
        );
        // `happy` -> `happi` changes only the last letter: no marker.
        assert_eq!(stream_terms(&mut distinct, "happy"), ["happy"]);
    }

    #[test]
    fn variant_prefix_drops_the_last_letter_of_stems_over_two_letters() {
        assert_eq!(variant_prefix("happi"), "happ");
        assert_eq!(variant_prefix("caf\u{e9}"), "caf");
        assert_eq!(variant_prefix("run"), "ru");
        assert_eq!(variant_prefix("us"), "us");
        assert_eq!(variant_prefix("a"), "a");
        assert_eq!(variant_prefix(""), "");
    }

    #[test]
    fn stems_of_long_words_match_the_stemmer() {
        for word in [
            "internationalization",
            "counterrevolutionaries",
            "rates",
            "running",
        ] {
            let want = stemmer().stem(word).into_owned();
            assert_eq!(normalize_word(word, Mode::Stemmed), want, "{word}");
            // Again, from the cache.
            assert_eq!(normalize_word(word, Mode::Stemmed), want, "{word}");
        }
    }

    #[test]
    fn words_carry_the_tokens_and_their_stems_also_past_the_inline_length() {
        let text = "Régulateurs said: \u{201c}Antidisestablishmentarianisms\u{201d} \
                    internationalizations rising, Ünïcödé 42 times.";
        for accents in [false, true] {
            let words = words_with(text, accents);
            let tokens = tokenize_with(text, Mode::Exact, accents);
            assert_eq!(words.len(), tokens.len());
            for (w, t) in words.iter().zip(&tokens) {
                assert_eq!(
                    (w.start, w.end, w.surface.as_str()),
                    (t.start, t.end, &*t.term)
                );
                assert_eq!(w.stem, stem_of_folded(&t.term), "{}", t.term);
            }
            assert!(words
                .iter()
                .any(|w| w.surface.len() > 24 && w.stem.len() > 24));
        }
        let written = words("Rising times of antidisestablishmentarianisms");
        let stems: Vec<&str> = written.iter().map(|w| w.stem.as_str()).collect();
        assert_eq!(stems, ["rise", "time", "of", "antidisestablishmentarian"]);
        assert_eq!(written[3].surface, "antidisestablishmentarianisms");
    }

    #[test]
    fn hyphens_split_words() {
        assert_eq!(
            terms("TikTok-U.S. deal", Mode::Exact),
            ["tiktok", "us", "deal"]
        );
    }
}
