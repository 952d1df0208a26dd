//! The one normaliser and tokenizer shared by indexing, queries, highlighting and quote alignment.
//!
//! A token is a run of letters and digits. Apostrophes inside a word join it (`Trump’s`), and a
//! chain of single letters with dots is one abbreviation (`U.S.` -> `us`). Every token is
//! NFKC-normalised, lower-cased, stripped of a possessive `'s`, accent-folded (`Huáwei` ->
//! `huawei`) and, in [`Mode::Stemmed`], reduced to its English Porter2 stem. Offsets are byte
//! offsets into the text as given, always on char boundaries, so a token's span can be sliced and
//! highlighted directly.
//!
//! Chinese, written without spaces, is cut into words by jieba (its dictionary, without its HMM
//! guesses, so a word the dictionary lacks is its characters, cut the same way in a query as in
//! a text). A dictionary word that is a run of shorter dictionary words of two characters or
//! more is those words (`贸易谈判` -> `贸易` `谈判`, [`han_words`]): a query cut the same way
//! finds `贸易` inside `中美贸易谈判`, and the whole word as the phrase of its parts, while
//! `美贸`, which straddles the words jieba draws, finds nothing. Its dictionary is simplified
//! Chinese: a run is cut on its simplified shadow ([`dictionary_form`], `東京都` as `东京都`),
//! its own characters kept. A word of three characters or more also holds the likelier of its
//! edge words ([`han_sub_word`]: `東京都` holds `東京`, not `京都`), which the index holds at
//! the word's position and the highlighter marks alone; queries are cut into whole words.
//! Hiragana and Katakana are a character at a time (a word of them is a phrase of
//! characters); kanji runs go through jieba like Chinese. Thai, Lao, Khmer and Burmese, also
//! written without spaces, are cut by ICU4X's dictionaries ([`unspaced_words`]). All of this
//! holds in indexing, queries and highlights alike.
//!
//! Limits: no compound splitting or joining here (that is a query-time concern), and tokens
//! longer than [`MAX_TOKEN_BYTES`] are dropped so one pathological "word" cannot bloat the index.

use compact_str::CompactString;
use rust_stemmers::{Algorithm, Stemmer};
use std::cell::{OnceCell, RefCell};
use std::sync::OnceLock;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

mod stem_cache;
mod tokenizer;

use stem_cache::{cached_stem, stem_into, Packed};
pub use tokenizer::{NewsTokenStream, NewsTokenizer};

/// Tokens longer than this (in bytes of the original text) are not indexed.
pub const MAX_TOKEN_BYTES: usize = 80;

/// Name under which the stemmed chain is registered with tantivy.
pub const STEMMED: &str = "newsgrep_stem";
/// Name under which the surface-word chain is registered with tantivy.
pub const EXACT: &str = "newsgrep_exact";
/// Name under which the chain of the passage text is registered: the surface words with their
/// positions, some followed at their position by the marker of their stem ([`MARKER`],
/// [`marks_its_stem`]), so that every variant of a stem can be found from the stem in the term
/// dictionary (see `query::variants`).
pub const BODY: &str = "newsgrep_body";

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

/// Languages (ISO 639-1) other than English with a Snowball stemmer, and its algorithm.
pub const STEMMED_LANGUAGES: &[(&str, Algorithm)] = &[
    ("ar", Algorithm::Arabic),
    ("da", Algorithm::Danish),
    ("nl", Algorithm::Dutch),
    ("fi", Algorithm::Finnish),
    ("fr", Algorithm::French),
    ("de", Algorithm::German),
    ("el", Algorithm::Greek),
    ("hu", Algorithm::Hungarian),
    ("it", Algorithm::Italian),
    ("nb", Algorithm::Norwegian),
    ("pt", Algorithm::Portuguese),
    ("ro", Algorithm::Romanian),
    ("ru", Algorithm::Russian),
    ("es", Algorithm::Spanish),
    ("sv", Algorithm::Swedish),
    ("ta", Algorithm::Tamil),
    ("tr", Algorithm::Turkish),
];

/// The stemmer of a language other than English (ISO 639-1), made once, if there is one.
pub fn stemmer_for(lang: &str) -> Option<&'static Stemmer> {
    static STEMMERS: OnceLock<Vec<Stemmer>> = OnceLock::new();
    let at = STEMMED_LANGUAGES
        .iter()
        .position(|(code, _)| *code == lang)?;
    STEMMERS
        .get_or_init(|| {
            STEMMED_LANGUAGES
                .iter()
                .map(|(_, algorithm)| Stemmer::create(*algorithm))
                .collect()
        })
        .get(at)
}

/// Whether `c` is a Chinese or Japanese character (Han, Hiragana or Katakana), cut into words
/// by [`han_words`] or a character at a time (see the module's doc).
pub fn is_cjk(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF) || is_han(c)
}

/// Whether `c` is of a script written without spaces between words that [`unspaced_words`]
/// cuts: Thai, Lao, Myanmar (Burmese), Khmer.
pub(crate) fn is_unspaced(c: char) -> bool {
    matches!(c as u32, 0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF)
}

/// Cuts `run`, letters of [`is_unspaced`] scripts, into words with ICU4X's dictionaries, adding
/// their spans (offset by `offset`) to `out`. Unicode's own word breaking, not ours: a Thai
/// sentence is otherwise one "word" longer than [`MAX_TOKEN_BYTES`], and dropped.
fn unspaced_words(run: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
    static SEGMENTER: OnceLock<icu_segmenter::WordSegmenterBorrowed<'static>> = OnceLock::new();
    let segmenter =
        SEGMENTER.get_or_init(|| icu_segmenter::WordSegmenter::new_dictionary(Default::default()));
    let mut start = 0;
    for end in segmenter.segment_str(run) {
        if end > start {
            out.push((offset + start, offset + end));
        }
        start = end;
    }
}

/// Whether `c` is a Han character (Chinese hanzi, Japanese kanji).
pub(crate) fn is_han(c: char) -> bool {
    matches!(
        c as u32,
        0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0x20000..=0x2FA1F
    )
}

/// jieba with its default dictionary, loaded on the first Han text (a few hundred
/// milliseconds): a search or an index without Chinese never pays for it.
fn jieba() -> &'static jieba_rs::Jieba {
    static JIEBA: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    JIEBA.get_or_init(jieba_rs::Jieba::new)
}

/// Appends to `out` the word spans of `run`, a run of Han characters starting at byte `offset`
/// of its text: jieba's words without its HMM (so cutting does not hinge on guesses about
/// unknown words), each dictionary word that is a run of shorter ones as those
/// ([`finest_split`]).
pub fn han_words(run: &str, offset: usize, out: &mut Vec<(usize, usize)>) {
    if run.chars().nth(1).is_none() {
        // One character is one word: no dictionary needed.
        out.push((offset, offset + run.len()));
        return;
    }
    let jieba = jieba();
    let shadow = dictionary_form(run);
    for token in jieba.cut(&shadow, false) {
        // Each word is a slice of the shadow, whose characters are as long as the run's.
        let start = (token.word.as_ptr() as usize).saturating_sub(shadow.as_ptr() as usize);
        if !finest_split(jieba, token.word, offset + start, out) {
            out.push((offset + start, offset + start + token.word.len()));
        }
    }
}

/// `text` in the characters of jieba's dictionary, simplified Chinese: traditional characters,
/// and the Japanese kanji written like them, replaced one for one (`東京都` -> `东京都`), so
/// the words of a Japanese or a Taiwanese text are found as a mainland one's are. Each
/// character keeps its length in bytes (a replacement of another length is not made), so the
/// byte ranges of the shadow's words are those of the text's.
fn dictionary_form(text: &str) -> String {
    let simplified = fast2s::convert(text);
    if simplified.chars().count() != text.chars().count() {
        // Not one for one after all: the text's own characters are safer than misplaced ones.
        return text.to_string();
    }
    text.chars()
        .zip(simplified.chars())
        .map(|(own, simple)| match own.len_utf8() == simple.len_utf8() {
            true => simple,
            false => own,
        })
        .collect()
}

/// Appends the spans of the parts of `word` (at byte `offset`) and returns `true` when it is a
/// run of two or more dictionary words of two characters or more (`中华人民共和国` ->
/// `中华` `人民` `共和国`); the most parts when there are several ways. A part of one character
/// does not count: every character is in the dictionary, and `研究生` is not `研究` `生`.
fn finest_split(
    jieba: &jieba_rs::Jieba,
    word: &str,
    offset: usize,
    out: &mut Vec<(usize, usize)>,
) -> bool {
    let bounds: Vec<usize> = word
        .char_indices()
        .map(|(i, _)| i)
        .chain([word.len()])
        .collect();
    let n = bounds.len() - 1;
    if n < 4 {
        // Two parts of two characters or more need four characters.
        return false;
    }
    // parts[i]: the most parts the characters from i on make, and where the first one ends.
    let mut parts: Vec<Option<(usize, usize)>> = vec![None; n + 1];
    parts[n] = Some((0, n));
    for i in (0..n - 1).rev() {
        for j in i + 2..=n {
            if (i, j) == (0, n) || !jieba.has_word(&word[bounds[i]..bounds[j]]) {
                continue;
            }
            if let Some((rest, _)) = parts[j] {
                if parts[i].is_none_or(|(most, _)| rest + 1 > most) {
                    parts[i] = Some((rest + 1, j));
                }
            }
        }
    }
    if parts[0].is_none() {
        return false;
    }
    let mut i = 0;
    while let Some((_, j)) = parts[i].filter(|_| i < n) {
        out.push((offset + bounds[i], offset + bounds[j]));
        i = j;
    }
    true
}

/// The one shorter dictionary word inside a Han word that the index also holds at the word's
/// position, as a byte range of `word` (jieba's search mode, narrowed): of the word's two
/// splits into an edge character and the rest, those whose rest is a dictionary word, the
/// likelier by jieba's word frequencies. `東京都` holds `東京` (`東京|都` far likelier than
/// `東|京都`), so `東京` finds it and `京都` does not; `北京市` holds `北京`, `研究生` holds
/// `研究`. A word of two characters holds none: its parts would be single characters, which
/// would find every word they are in.
pub fn han_sub_word(word: &str) -> Option<(usize, usize)> {
    // Every word of an English text is asked: one byte tells most of them.
    if word.as_bytes().first()?.is_ascii() {
        return None;
    }
    let mut chars = word.char_indices();
    let (_, first) = chars.next().filter(|(_, c)| is_han(*c))?;
    let (last_start, _) = chars.next_back()?;
    // Three characters at least: the rest of an edge character is then two or more.
    chars.next()?;
    let jieba = jieba();
    let head = first.len_utf8();
    // Words of jieba's dictionary are simplified Chinese; the split is chosen on its shadow.
    let shadow = dictionary_form(word);
    let freq = |range: std::ops::Range<usize>| jieba.suggest_freq(&shadow[range]) as f64;
    let likelihood = |part: std::ops::Range<usize>, edge: std::ops::Range<usize>| {
        jieba
            .has_word(&shadow[part.clone()])
            .then(|| freq(part) * freq(edge))
    };
    let rest = likelihood(head..word.len(), 0..head).map(|l| (l, (head, word.len())));
    let front = likelihood(0..last_start, last_start..word.len()).map(|l| (l, (0, last_start)));
    match (front, rest) {
        (Some((a, part)), Some((b, _))) if a >= b => Some(part),
        (_, Some((_, part))) | (Some((_, part)), None) => Some(part),
        (None, None) => None,
    }
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

/// Languages that capitalise every noun: there a capital says nothing of a name.
const NOUNS_CAPITALISED: &[&str] = &["de", "lb"];

/// The words of `text` used as common words, separated by spaces: those that are not part of a
/// name. A word written with a capital (or in capitals) where a sentence does not start is
/// taken for part of a name (`Inland Steel`, `Edward Hines Lumber Co`); lower-case words and
/// the first word of a sentence are kept. In a language that capitalises its nouns (`lang`),
/// every word is kept.
pub fn common_use_words(text: &str, lang: Option<&str>) -> String {
    let keep_all = lang.is_some_and(|l| NOUNS_CAPITALISED.contains(&l));
    let mut out = String::with_capacity(text.len());
    let mut sentence_start = true;
    let mut last = 0;
    for (start, end) in WordSpans::new(text) {
        if text[last..start].contains(['.', '!', '?', ':', ';']) {
            sentence_start = true;
        }
        let word = &text[start..end];
        let mut letters = word.chars().filter(|c| c.is_alphabetic());
        let capital = letters.next().is_some_and(char::is_uppercase);
        let all_capitals =
            capital && letters.clone().next().is_some() && letters.all(char::is_uppercase);
        if keep_all || !capital || (sentence_start && !all_capitals) {
            out.push_str(word);
            out.push(' ');
        }
        sentence_start = false;
        last = end;
    }
    out
}

/// The word spans of a text as an iterator: [`word_spans`] without collecting, so the indexer
/// scans each text once and allocates nothing for it.
#[derive(Clone, Debug)]
pub struct WordSpans<'a> {
    text: &'a str,
    /// Byte offset where the scan for the next word starts.
    pos: usize,
    /// The words of the last run of Han characters, or of a script written without spaces, not
    /// given yet, last first.
    han: Vec<(usize, usize)>,
}

impl<'a> WordSpans<'a> {
    /// The words of `text`, first to last.
    pub fn new(text: &'a str) -> Self {
        WordSpans {
            text,
            pos: 0,
            han: Vec::new(),
        }
    }
}

impl Iterator for WordSpans<'_> {
    type Item = (usize, usize);

    fn next(&mut self) -> Option<(usize, usize)> {
        if let Some(word) = self.han.pop() {
            return Some(word);
        }
        let text = self.text;
        let Some((skipped, _)) = text[self.pos..]
            .char_indices()
            .find(|&(_, c)| is_word_char(c))
        else {
            self.pos = text.len();
            return None;
        };
        let start = self.pos + skipped;
        match text[start..].chars().next() {
            Some(c) if is_han(c) => {
                let end = text[start..]
                    .char_indices()
                    .find(|&(_, c)| !is_han(c))
                    .map_or(text.len(), |(i, _)| start + i);
                han_words(&text[start..end], start, &mut self.han);
                self.han.reverse();
                self.pos = end;
                return self.han.pop();
            }
            Some(c) if is_cjk(c) => {
                self.pos = start + c.len_utf8();
                return Some((start, self.pos));
            }
            Some(c) if is_unspaced(c) => {
                let end = text[start..]
                    .char_indices()
                    .find(|&(_, c)| !(is_unspaced(c) && is_word_char(c)))
                    .map_or(text.len(), |(i, _)| start + i);
                unspaced_words(&text[start..end], start, &mut self.han);
                self.han.reverse();
                self.pos = end;
                return self.han.pop();
            }
            _ => {}
        }
        let mut j = start;
        // Length in letters of the current dot-separated piece, for abbreviations.
        let mut piece_len = 0usize;
        let mut abbreviation = false;
        loop {
            for c in text[j..]
                .chars()
                .take_while(|&c| is_word_char(c) && !is_cjk(c) && !is_unspaced(c))
            {
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

/// Stems a folded word in place. Porter2 leaves words under three letters as they are (its
/// `not hop 3`), and those are a good share of running text, so they skip the stem cache too.
fn stem_folded(term: &mut String) {
    if term.len() > 2 {
        stem_into(term);
    }
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
    scan_words(text, accents, |start, end, surface| Word {
        start,
        end,
        stem: compact_stem_of_folded(surface),
        surface: CompactString::new(surface),
    })
}

/// The stem of a folded surface word, kept inline (see [`Word`]).
fn compact_stem_of_folded(surface: &str) -> CompactString {
    with_stem_of_folded(surface, |stem| CompactString::new(stem))
}

/// The words of `text`, each made by `make` from its byte range and folded surface term.
fn scan_words<W>(
    text: &str,
    accents: bool,
    mut make: impl FnMut(usize, usize, &str) -> W,
) -> Vec<W> {
    let mut words = Vec::new();
    for_each_term(text, Mode::Exact, accents, |start, end, surface| {
        words.push(make(start, end, surface))
    });
    words
}

/// A word of a text whose stem is worked out only when first asked for: the highlighter looks
/// for a few stems, and stems only the words that [may stem](may_stem_under) to one of them.
#[derive(Debug)]
pub struct LazyWord {
    /// Byte offset of the first byte of the word.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// The folded surface term.
    pub surface: CompactString,
    stem: OnceCell<CompactString>,
}

impl LazyWord {
    /// The stemmed term.
    pub fn stem(&self) -> &str {
        self.stem
            .get_or_init(|| compact_stem_of_folded(&self.surface))
    }

    /// Whether the word's stem is `stem`, whose [`variant_prefix`] is `prefix`; the word is
    /// stemmed only when it may be.
    pub fn has_stem(&self, stem: &str, prefix: &str) -> bool {
        may_stem_under(&self.surface, prefix) && self.stem() == stem
    }
}

/// The words of `text` as [`words_with`] finds them, each stemmed only when asked.
pub fn lazy_words(text: &str, accents: bool) -> Vec<LazyWord> {
    scan_words(text, accents, |start, end, surface| LazyWord {
        start,
        end,
        surface: CompactString::new(surface),
        stem: OnceCell::new(),
    })
}

/// `words` (of `text`, from [`lazy_words`]) with each Han word that holds a shorter word
/// ([`han_sub_word`]) replaced by that word, as the index holds it at the word's position;
/// `None` when no word holds one. The highlighter matches a query on both lists, so `東京`
/// is marked inside `東京都`, its two characters only.
pub fn lazy_sub_words(text: &str, words: &[LazyWord], accents: bool) -> Option<Vec<LazyWord>> {
    let sub_word = |w: &LazyWord| han_sub_word(&text[w.start..w.end]);
    // Most passages have none (no Han word of three characters): they allocate nothing.
    let first = words.iter().position(|w| sub_word(w).is_some())?;
    let mut term = String::new();
    let view = words
        .iter()
        .enumerate()
        .map(|(i, w)| match sub_word(w).filter(|_| i >= first) {
            Some((from, to)) => {
                let (start, end) = (w.start + from, w.start + to);
                normalize_into(&text[start..end], Mode::Exact, accents, &mut term);
                LazyWord {
                    start,
                    end,
                    surface: CompactString::new(&term),
                    stem: OnceCell::new(),
                }
            }
            None => LazyWord {
                start: w.start,
                end: w.end,
                surface: w.surface.clone(),
                stem: w.stem.clone(),
            },
        })
        .collect();
    Some(view)
}

/// The words Porter2 stems to a stem whose [`variant_prefix`] they do not start with: three of
/// its exceptions (to `die`, `lie` and `tie`).
const NOT_UNDER_THEIR_PREFIX: [&str; 3] = ["dying", "lying", "tying"];

/// Whether Porter2 may stem the folded `word` to a stem whose [`variant_prefix`] is `prefix`;
/// `false` means it certainly does not. Porter2 keeps a word's letters up to its stem's last
/// one, but in [`NOT_UNDER_THEIR_PREFIX`].
pub fn may_stem_under(word: &str, prefix: &str) -> bool {
    word.starts_with(prefix) || NOT_UNDER_THEIR_PREFIX.contains(&word)
}

/// The start every regular variant of a stem shares with the stem: the stem without its last
/// letter (Porter2 may change that one, `happy` -> `happi`), or the whole stem when it has two
/// letters or fewer. A variant that does not start with it (`dying`, stem `die`) is marked in
/// the index (see [`BODY`]), so every variant of a stem can be found from the stem.
pub fn variant_prefix(stem: &str) -> &str {
    match stem.char_indices().nth(2) {
        Some(_) => stem.char_indices().last().map_or(stem, |(i, _)| &stem[..i]),
        None => stem,
    }
}

/// Where the words that Porter2 stems to `stem` and that start with its [`variant_prefix`]
/// may start: Porter2 keeps the word's letters up to the stem's last one, and changes that one
/// in these ways only, so a walk of the dictionary for the variants of `mani` reads the words
/// starting `mani` and `many`, not the thousand starting `man`:
/// - to `e` from any letter (`hoping` -> `hope`, `-ization` -> `-ize`): then the whole prefix;
/// - to `i` from `y` (`many` -> `mani`), to `y` from `i` (`skies` -> `sky`), to `l` from `i`
///   (`-bility` -> `-ble` -> `-bl`).
///
/// A stem of two letters or fewer is its own prefix.
pub fn variant_starts(stem: &str) -> Vec<String> {
    let prefix = variant_prefix(stem);
    let Some(last) = stem[prefix.len()..].chars().next() else {
        return vec![prefix.to_string()];
    };
    let from: &[char] = match last {
        'e' => return vec![prefix.to_string()],
        'i' => &['i', 'y'],
        'y' => &['y', 'i'],
        'l' => &['l', 'i'],
        _ => &[last],
    };
    from.iter()
        .map(|&letter| {
            let mut start = prefix.to_string();
            start.push(letter);
            start
        })
        .collect()
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

/// First character of the term marking a stem at the position of a variant of it that the
/// stem's dictionary walk would not find ([`marks_its_stem`]); no word has it.
pub const MARKER: char = '\u{1}';

/// Writes the marker term of `stem` into `out` (see [`BODY`]).
pub fn marker_into(stem: &str, out: &mut String) {
    out.clear();
    out.push(MARKER);
    out.push_str(stem);
}

/// Whether the folded `word` is followed in the body by its stem's marker: it is a variant of a
/// [short stem](is_short_stem) (`runs`, stem `run`) or does not start with its stem's
/// [`variant_prefix`] (`dying`, stem `die`). Its stem is left in `stem` when it differs from
/// the word. Every word of every passage is asked, and most are their own stem: those are
/// answered from the stem cache without copying the word.
pub fn marks_its_stem(word: &str, stem: &mut String) -> bool {
    stem.clear();
    // Porter2 leaves words under three letters as they are.
    if word.len() <= 2 {
        return false;
    }
    match Packed::new(word).map(|packed| (packed, cached_stem(packed, word))) {
        Some((packed, Ok(cached))) if cached == packed => return false,
        Some((_, Ok(cached))) => cached.push_to(stem),
        Some((_, Err(long))) => *stem = long,
        None => stem.push_str(&stemmer().stem(word)),
    }
    word != stem.as_str() && (is_short_stem(stem) || !word.starts_with(variant_prefix(stem)))
}

/// Whether the variants of `stem` other than itself are found by its marker alone: a stem of
/// three letters or fewer, whose [`variant_prefix`] of one or two letters starts thousands of
/// words (`in`, `the`, `run`), too many to stem at every query.
pub fn is_short_stem(stem: &str) -> bool {
    stem.chars().nth(3).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn spans_of(text: &str) -> Vec<&str> {
        word_spans(text).iter().map(|&(s, e)| &text[s..e]).collect()
    }

    #[test]
    fn thai_lao_khmer_and_burmese_are_cut_into_words() {
        assert_eq!(
            spans_of("aภาษาไทยภาษาไทยb ราคาข้าว 2026"),
            [
                "a",
                "ภาษา",
                "ไทย",
                "ภาษา",
                "ไทย",
                "b",
                "ราคา",
                "ข้าว",
                "2026"
            ]
        );
        // Every word of a long run is short enough to be indexed.
        let run = "รัฐบาลไทยประกาศมาตรการช่วยเหลือเกษตรกรผู้ปลูกข้าวในวันจันทร์";
        assert!(spans_of(run).len() > 5);
        assert!(tokenize(run, Mode::Exact).len() > 5);
        assert!(spans_of("ພາສາລາວ").len() > 1, "Lao");
        assert_eq!(
            spans_of("ខ្ញុំស្រឡាញ់ប្រទេសកម្ពុជា"),
            ["ខ្ញុំ", "ស្រឡាញ់", "ប្រទេស", "កម្ពុជា"],
            "Khmer"
        );
        assert!(spans_of("မြန်မာစာမြန်မာစာ").len() > 1, "Burmese");
    }

    #[test]
    fn chinese_is_cut_into_words_and_kana_into_characters() {
        assert_eq!(
            spans_of("WTO规则下的中美贸易，2024年に交渉"),
            [
                "WTO", "规则", "下", "的", "中", "美", "贸易", "2024", "年", "に", "交", "渉"
            ]
        );
    }

    #[test]
    fn a_dictionary_word_made_of_shorter_words_is_those_words() {
        // jieba has `贸易谈判` and `中华人民共和国` as words of their own; `中美` is rare in
        // its dictionary, and cut as two characters.
        assert_eq!(
            spans_of("中美贸易谈判在日内瓦恢复"),
            ["中", "美", "贸易", "谈判", "在", "日内瓦", "恢复"]
        );
        assert_eq!(spans_of("中华人民共和国"), ["中华", "人民", "共和国"]);
        // A part of one character does not count.
        assert_eq!(spans_of("研究生"), ["研究生"]);
    }

    #[test]
    fn a_query_word_is_cut_as_in_the_text() {
        for word in ["贸易", "贸易谈判", "中华人民共和国", "日内瓦", "中美"] {
            let alone = spans_of(word);
            let text = format!("他说{word}。");
            let inside = spans_of(&text);
            assert_eq!(inside[2..2 + alone.len()], alone[..], "{word}");
        }
    }

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
        let text = "“Émoji 🎉 test” — naïve café’s 日本語 done 中美贸易谈判𠀀𠀁";
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
            // `日本語` is followed at its position by the word it holds (see the next test).
            let want: Vec<_> = tokenize(text, mode)
                .into_iter()
                .enumerate()
                .flat_map(|(i, t)| {
                    let held =
                        (t.term == "日本語").then(|| (t.start, t.start + 6, "日本".into(), i));
                    [Some((t.start, t.end, t.term, i)), held]
                })
                .flatten()
                .collect();
            assert_eq!(got, want);
        }
    }

    /// The body chain's tokens of `text`: each token's text, position and the span it marks.
    fn body_tokens(text: &str) -> Vec<(String, usize, &str)> {
        use tantivy::tokenizer::{TokenStream, Tokenizer};
        let mut body = NewsTokenizer::body();
        let mut stream = body.token_stream(text);
        let mut got = Vec::new();
        while stream.advance() {
            let t = stream.token();
            got.push((
                t.text.clone(),
                t.position,
                &text[t.offset_from..t.offset_to],
            ));
        }
        got
    }

    #[test]
    fn a_han_word_is_followed_at_its_position_by_the_word_it_holds() {
        let text = "東京都の知事";
        let got = body_tokens(text);
        assert_eq!(
            got,
            [
                ("東京都".to_string(), 0, "東京都"),
                ("東京".to_string(), 0, "東京"),
                ("の".to_string(), 1, "の"),
                ("知事".to_string(), 2, "知事"),
            ]
        );
    }

    #[test]
    fn a_han_word_holds_the_likelier_of_its_edge_words() {
        let held = |word: &'static str| han_sub_word(word).map(|(s, e)| &word[s..e]);
        // `东京|都` is far likelier than `东|京都`: Tokyo holds Tokyo, not Kyoto.
        assert_eq!(held("东京都"), Some("东京"));
        // Japanese kanji are looked up in their simplified forms, kept in their own.
        assert_eq!(held("東京都"), Some("東京"));
        assert_eq!(held("北京市"), Some("北京"));
        assert_eq!(held("上海市"), Some("上海"));
        assert_eq!(held("研究生"), Some("研究"));
        assert_eq!(held("市政府"), Some("政府"));
        // Two characters hold no word, and neither do kana or Latin words.
        assert_eq!(held("京都"), None);
        assert_eq!(held("贸易"), None);
        assert_eq!(held("アルミニウム"), None);
        assert_eq!(held("Tokyo"), None);
    }

    #[test]
    fn japanese_and_traditional_text_is_cut_with_the_dictionary_in_its_own_characters() {
        // jieba alone cuts `東京都` as `東|京都`: it knows `东` and `东京都`, hardly `東`.
        assert_eq!(spans_of("東京都の知事"), ["東京都", "の", "知事"]);
        assert_eq!(spans_of("臺灣大學"), ["臺灣", "大學"]);
        assert_eq!(dictionary_form("東京都"), "东京都");
        for text in ["東京都", "中美贸易谈判𠀀𠀁", "日本語とEnglish"] {
            assert_eq!(dictionary_form(text).len(), text.len(), "{text}");
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

    #[test]
    fn a_word_marks_its_stem_as_the_definition_says_from_the_cache_or_not() {
        let words = [
            "a",
            "is",
            "its",
            "it",
            "run",
            "runs",
            "running",
            "dying",
            "die",
            "happy",
            "rates",
            "news",
            "skies",
            "agreed",
            "generously",
            "antidisestablishmentarianisms",
            "café",
            "internationalisations",
            "cities",
            "says",
            "said",
        ];
        // Over and over: answered by Porter2 first, then by the cache's map, then, past
        // FRONT_AFTER_REPEATS answers, by its front table.
        let rounds = stem_cache::FRONT_AFTER_REPEATS / words.len() + 2;
        for word in std::iter::repeat_n(&words, rounds).flatten() {
            let stem = stemmer().stem(word).into_owned();
            let plain =
                *word != stem && (is_short_stem(&stem) || !word.starts_with(variant_prefix(&stem)));
            let mut left = String::new();
            assert_eq!(marks_its_stem(word, &mut left), plain, "{word}");
            if plain {
                assert_eq!(left, stem, "{word}");
            }
        }
    }

    #[test]
    fn the_body_chain_gives_surface_words_and_marks_irregular_variants_in_place() {
        // Porter2 stems `dying` to `die`: `dying` does not start with `di`, so the marker of
        // `die` follows it, at its position and span. `happy` -> `happi` changes only the last
        // letter, and `rates` keeps its stem's prefix: no marker. `runs` is a variant of a
        // stem of three letters: marked; `run` is its stem: not.
        assert_eq!(normalize_word("dying", Mode::Stemmed), "die");
        let text = "Dying rates, happy dying runs run";
        let got = body_tokens(text);
        assert_eq!(
            got,
            [
                ("dying".to_string(), 0, "Dying"),
                ("\u{1}die".to_string(), 0, "Dying"),
                ("rates".to_string(), 1, "rates"),
                ("happy".to_string(), 2, "happy"),
                ("dying".to_string(), 3, "dying"),
                ("\u{1}die".to_string(), 3, "dying"),
                ("runs".to_string(), 4, "runs"),
                ("\u{1}run".to_string(), 4, "runs"),
                ("run".to_string(), 5, "run"),
            ]
        );
        // Every other word is its surface term, as `tokenize` gives it.
        let plain = "The U.S. Fed’s rates — naïve café’s algorithms ran";
        let words: Vec<String> = stream_terms(&mut NewsTokenizer::body(), plain);
        assert_eq!(words, terms(plain, Mode::Exact));
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
    fn variant_starts_keep_the_stem_but_for_the_last_letters_porter2_makes() {
        assert_eq!(variant_starts("nation"), ["nation"]);
        assert_eq!(variant_starts("mani"), ["mani", "many"]);
        assert_eq!(variant_starts("sky"), ["sky", "ski"]);
        assert_eq!(variant_starts("sensibl"), ["sensibl", "sensibi"]);
        assert_eq!(variant_starts("hope"), ["hop"]);
        assert_eq!(variant_starts("caf\u{e9}"), ["caf\u{e9}"]);
        assert_eq!(variant_starts("us"), ["us"]);
    }

    /// Roots with every suffix Porter2 takes apart, alone and followed by a common one, and
    /// Porter2's exceptional forms.
    fn made_words() -> Vec<String> {
        let roots = [
            "sensib", "happ", "sk", "dy", "gent", "ug", "earl", "onl", "singl", "man", "rel", "cr",
            "hop", "rat", "gener", "nation", "possib", "control", "fizz", "agre", "succe", "inn",
            "cosm", "bi", "and", "formal", "electr", "organ", "condit", "abl", "tranquil",
        ];
        let suffixes = [
            "", "s", "es", "ed", "ing", "ly", "ies", "ied", "y", "ational", "tional", "enci",
            "anci", "abli", "entli", "izer", "ization", "ation", "ator", "alism", "aliti", "alli",
            "fulness", "ousli", "ousness", "iveness", "iviti", "biliti", "bli", "ogi", "fulli",
            "lessli", "li", "alize", "icate", "iciti", "ical", "ful", "ness", "ative", "al",
            "ance", "ence", "er", "ic", "able", "ible", "ant", "ement", "ment", "ent", "ism",
            "ate", "iti", "ous", "ive", "ize", "ion", "e", "l", "ingly", "edly", "eedly", "eed",
            "sses", "ss", "us", "ie", "yi",
        ];
        let then = [
            "", "s", "ed", "ing", "ly", "ness", "ies", "ation", "ity", "e", "ally",
        ];
        let exceptions = [
            "skis", "skies", "sky", "dying", "lying", "tying", "vying", "idly", "gently", "ugly",
            "early", "only", "singly", "news", "howe", "atlas", "cosmos", "bias", "andes",
            "inning", "outing", "canning", "herring", "earring", "proceed", "exceed", "succeed",
        ];
        let mut words: Vec<String> = exceptions.iter().map(|w| w.to_string()).collect();
        for root in roots {
            for suffix in suffixes {
                for next in then {
                    words.push(format!("{root}{suffix}{next}"));
                }
            }
        }
        words
    }

    #[test]
    fn every_regular_variant_starts_with_a_variant_start_of_its_stem() {
        // Each word that starts with its stem's prefix (the others are marked) starts with
        // one of its stem's variant starts. Checked the same way, once, on the 296,094 words
        // of the benchmark corpora and on 4.8 million words made like these.
        let mut checked = 0;
        for word in made_words() {
            let stem = stem_of_folded(&word);
            if is_short_stem(&stem) || !word.starts_with(variant_prefix(&stem)) {
                continue;
            }
            checked += 1;
            assert!(
                variant_starts(&stem)
                    .iter()
                    .any(|s| word.starts_with(s.as_str())),
                "{word} -> {stem}: not under {:?}",
                variant_starts(&stem)
            );
        }
        assert!(checked > 20_000, "{checked}");
    }

    #[test]
    fn every_word_may_stem_under_its_stems_prefix() {
        // What lets the highlighter skip stemming most words. Checked the same way, once, on
        // the 251,760 distinct words of the benchmark corpora, folded with and without accents.
        for word in made_words() {
            let stem = stem_of_folded(&word);
            assert!(
                may_stem_under(&word, variant_prefix(&stem)),
                "{word} -> {stem}"
            );
        }
        // The exceptions are needed: each is outside its stem's prefix.
        for word in NOT_UNDER_THEIR_PREFIX {
            assert!(
                !word.starts_with(variant_prefix(&stem_of_folded(word))),
                "{word}"
            );
        }
        assert!(!may_stem_under("rating", "ho"));
        assert!(may_stem_under("dying", variant_prefix("die")));
    }

    #[test]
    fn a_lazy_word_is_stemmed_only_when_it_may_have_the_stem_asked_for() {
        let words = lazy_words("Hoping, she rated", false);
        let surfaces: Vec<&str> = words.iter().map(|w| w.surface.as_str()).collect();
        assert_eq!(surfaces, ["hoping", "she", "rated"]);
        assert!(!words[0].has_stem("rate", "rat"));
        assert!(words[0].stem.get().is_none(), "not under rat: not stemmed");
        assert!(words[2].has_stem("rate", "rat"));
        assert_eq!(words[0].stem(), "hope");
        assert!(words[0].has_stem("hope", "hop"));
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

    #[test]
    fn common_use_words_leave_out_the_capitalised_words_inside_sentences() {
        let text = "Inland Steel said steel output rose. Steel prices fell; OPEC met. \
                    \u{c9}lan Steel, the U.S. firm, said so!";
        assert_eq!(
            common_use_words(text, Some("en")),
            "Inland said steel output rose Steel prices fell met \u{c9}lan the firm said so "
        );
    }

    #[test]
    fn common_use_words_keep_every_word_where_nouns_take_capitals() {
        assert_eq!(
            common_use_words("Der Stahl und die Kohle.", Some("de")),
            "Der Stahl und die Kohle "
        );
    }
}
