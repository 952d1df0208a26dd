//! Function words of the languages news pages are most often written in.
//!
//! Running prose is dense in function words ("the", "of", "que", "und"); menus, link lists,
//! bylines and tag clouds are not. The share of function words in a block is therefore one of
//! the strongest language-light signals that a block is story text (the idea behind jusText).
//! The lists are short on purpose: only the most frequent words of each language, so the
//! density stays comparable across languages. A language not listed gets no stop-word signal;
//! the caller then leans on punctuation and length instead.

use rustc_hash::FxHashMap;
use std::sync::OnceLock;

/// A language whose function words we know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language(usize);

const LISTS: &[&str] = &[
    // English
    "a about after all also an and any are as at be been before but by can could did do does \
     for from had has have he her his how i if in into is it its just like may me more most my \
     no not now of on one only or other our out over said says she so some than that the their \
     them then there these they this those through to too under up us very was we were what \
     when where which while who whom why will with would you your",
    // Spanish
    "a al como con de del el en es esta este fue ha la las le lo los más no para pero por que \
     se su sus un una y ya también sobre entre cuando",
    // Portuguese
    "a ao as com como da das de do dos e em é foi mais mas na nas no nos não o os para pela \
     pelo por que se sua seu um uma também ou",
    // Italian
    "a al alla anche che con da dei del della delle di e è gli ha il in la le lo ma nel nella \
     non per più si sono su tra un una uno",
    // French
    "au aux avec ce ces dans de des du elle en est et il ils la le les leur mais ne par pas \
     plus pour qu que qui sa se son sont sur un une été",
    // German
    "auch auf aus bei das dem den der des die ein eine einen einer es für hat ich im in ist \
     mit nach nicht noch sich sie sind und von vor war wie wir zu zum zur über",
];

/// Bytes of the longest word in [`LISTS`] ("también"), with room for an upper-case form.
const LONGEST_BYTES: usize = 10;

/// Function word -> bit set of the languages listing it. Every page's words are looked up
/// (twice: to guess its language, then to score its blocks), so the common case, a short ASCII
/// word, is keyed by its bytes packed into a `u64`: no string to build, hash or compare.
struct Table {
    /// Lower-case ASCII words of at most 7 bytes, packed by [`packed`].
    short: FxHashMap<u64, u8>,
    /// Every other word.
    other: FxHashMap<&'static str, u8>,
}

/// `word`'s bytes, lower-cased, packed into a `u64` (first byte lowest, the length in the top
/// byte), when it is ASCII and at most 7 bytes long.
fn packed(word: &str) -> Option<u64> {
    if word.len() > 7 || !word.is_ascii() {
        return None;
    }
    let mut key = (word.len() as u64) << 56;
    for (i, b) in word.bytes().enumerate() {
        key |= u64::from(b.to_ascii_lowercase()) << (8 * i);
    }
    Some(key)
}

fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut table = Table {
            short: FxHashMap::default(),
            other: FxHashMap::default(),
        };
        for (lang, list) in LISTS.iter().enumerate() {
            for word in list.split_whitespace() {
                let langs = match packed(word) {
                    Some(key) => table.short.entry(key).or_default(),
                    None => table.other.entry(word).or_default(),
                };
                *langs |= 1 << lang;
            }
        }
        table
    })
}

/// The languages (bit set) listing `word` as a function word; `lower` is a scratch buffer.
/// Function words are short and start with a letter, so other words are not looked up at all.
#[inline]
pub fn languages_of(word: &str, lower: &mut String) -> u8 {
    let table = table();
    if let Some(key) = packed(word) {
        return table.short.get(&key).copied().unwrap_or(0);
    }
    if word.len() > LONGEST_BYTES || word.starts_with(|c: char| c.is_ascii_digit()) {
        return 0;
    }
    lower.clear();
    if word.is_ascii() {
        lower.push_str(word);
        lower.make_ascii_lowercase();
    } else {
        lower.extend(word.chars().flat_map(char::to_lowercase));
    }
    table.other.get(lower.as_str()).copied().unwrap_or(0)
}

/// [`languages_of`] an ASCII word of at most 7 bytes, given its bytes lower-cased,
/// little-endian (as [`super::dedup::ascii_word_hash`] gives them), and its length.
#[inline]
pub fn languages_of_short(lower: u64, len: usize) -> u8 {
    debug_assert!(len <= 7);
    let key = lower | (len as u64) << 56;
    table().short.get(&key).copied().unwrap_or(0)
}

/// Lower-cased words of `text`: runs of alphanumeric characters (apostrophes split words, as
/// "don't" -> "don", "t", which is fine for counting).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// How many languages have lists.
pub const LANGUAGES: usize = LISTS.len();

/// Words [`guess_language`] reads at most: a sample is plenty to tell languages apart, and
/// keeps long pages linear and cheap.
pub const SAMPLE_WORDS: usize = 20_000;

/// Adds one to `counts[l]` for each language `l` in the bit set `langs` (from [`languages_of`]).
#[inline]
pub fn count_languages(counts: &mut [usize; LANGUAGES], langs: u8) {
    if langs == 0 {
        return;
    }
    for (l, count) in counts.iter_mut().enumerate() {
        if langs & (1 << l) != 0 {
            *count += 1;
        }
    }
}

/// The language with the most function words in `counts` (per language, as
/// [`count_languages`] makes them), if any has some.
pub fn most_frequent(counts: &[usize; LANGUAGES]) -> Option<Language> {
    let (best, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (n > 0).then_some(Language(best))
}

/// The listed language whose function words are most frequent in the first [`SAMPLE_WORDS`]
/// words of `texts`, if any are.
pub fn guess_language<'a>(texts: impl Iterator<Item = &'a str>) -> Option<Language> {
    let mut counts = [0usize; LANGUAGES];
    let mut lower = String::new();
    for w in texts.flat_map(words).take(SAMPLE_WORDS) {
        count_languages(&mut counts, languages_of(w, &mut lower));
    }
    most_frequent(&counts)
}

/// The place of `lang` in per-language counts ([`count_languages`]).
pub fn index(lang: Language) -> usize {
    lang.0
}

/// Whether `word` is a function word of one of the languages we know (for word lists that
/// should show content words only).
pub fn is_function_word(word: &str) -> bool {
    languages_of(word, &mut String::new()) != 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_short_word_is_looked_up_by_its_key_as_by_its_text() {
        let others = ["The", "AND", "Mayor", "x", "said", "12", "q"];
        let listed = LISTS.iter().flat_map(|l| l.split_whitespace());
        for word in listed
            .chain(others)
            .filter(|w| w.is_ascii() && w.len() <= 7)
        {
            let (_, first) = super::super::dedup::ascii_word_hash(word.as_bytes());
            let mut lower = String::new();
            assert_eq!(
                languages_of_short(first, word.len()),
                languages_of(word, &mut lower),
                "{word}"
            );
        }
    }

    #[test]
    fn english_prose_is_dense_in_function_words_and_menus_are_not() {
        let lang = guess_language(["The talks are set to resume in the spring."].into_iter());
        let bit = lang.map_or(0, |l| 1 << index(l));
        let mut lower = String::new();
        let count = |text: &str, lower: &mut String| {
            words(text)
                .filter(|w| languages_of(w, lower) & bit != 0)
                .count()
        };
        assert_eq!(
            count("The talks are set to resume in the spring.", &mut lower),
            5
        );
        assert_eq!(count("Home Scores Schedule Standings", &mut lower), 0);
    }

    #[test]
    fn every_listed_word_is_short_enough_to_be_looked_up() {
        for word in LISTS.iter().flat_map(|l| l.split_whitespace()) {
            assert_ne!(languages_of(word, &mut String::new()), 0, "{word}");
            assert_ne!(
                languages_of(&word.to_uppercase(), &mut String::new()),
                0,
                "{word}"
            );
        }
    }

    #[test]
    fn words_are_found_whatever_their_case_and_script() {
        let english = languages_of("the", &mut String::new());
        assert_ne!(english, 0);
        assert_eq!(languages_of("The", &mut String::new()), english);
        assert_eq!(languages_of("THE", &mut String::new()), english);
        assert_ne!(languages_of("Über", &mut String::new()), 0);
        assert_ne!(languages_of("TAMBIÉN", &mut String::new()), 0);
        assert_eq!(languages_of("then", &mut String::new()) & english, english);
        assert_eq!(languages_of("th", &mut String::new()), 0);
        assert_eq!(languages_of("thee", &mut String::new()), 0);
        assert_eq!(languages_of("the\0", &mut String::new()), 0);
        assert_eq!(languages_of("government", &mut String::new()), 0);
    }

    #[test]
    fn the_language_is_guessed_from_function_words() {
        let pt =
            guess_language(["O governo disse que não vai mudar a lei para os bancos."].into_iter());
        let en = guess_language(["The government said it would not change the law."].into_iter());
        assert_ne!(pt, en);
        assert_eq!(guess_language(["12345 !!!"].into_iter()), None);
    }
}
