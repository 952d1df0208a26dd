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

/// Function word -> bit set of the languages listing it.
fn table() -> &'static FxHashMap<&'static str, u8> {
    static TABLE: OnceLock<FxHashMap<&'static str, u8>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: FxHashMap<&'static str, u8> = FxHashMap::default();
        for (lang, list) in LISTS.iter().enumerate() {
            for word in list.split_whitespace() {
                *map.entry(word).or_default() |= 1 << lang;
            }
        }
        map
    })
}

/// The languages (bit set) listing `word` as a function word; `lower` is a scratch buffer.
/// Function words are short and start with a letter, so other words are not looked up at all.
pub fn languages_of(word: &str, lower: &mut String) -> u8 {
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
    table().get(lower.as_str()).copied().unwrap_or(0)
}

/// Lower-cased words of `text`: runs of alphanumeric characters (apostrophes split words, as
/// "don't" -> "don", "t", which is fine for counting).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

/// The listed language whose function words are most frequent in `text`, if any are.
pub fn guess_language<'a>(texts: impl Iterator<Item = &'a str>) -> Option<Language> {
    let mut counts = vec![0usize; LISTS.len()];
    let mut lower = String::new();
    // A sample is plenty to tell languages apart, and keeps long pages linear and cheap.
    for w in texts.flat_map(words).take(20_000) {
        let langs = languages_of(w, &mut lower);
        for (l, count) in counts.iter_mut().enumerate() {
            if langs & (1 << l) != 0 {
                *count += 1;
            }
        }
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (n > 0).then_some(Language(best))
}

/// The bit of `lang` in the sets [`languages_of`] returns.
pub fn bit(lang: Language) -> u8 {
    1 << lang.0
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
    fn english_prose_is_dense_in_function_words_and_menus_are_not() {
        let lang = guess_language(["The talks are set to resume in the spring."].into_iter());
        let bit = lang.map_or(0, bit);
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
    fn the_language_is_guessed_from_function_words() {
        let pt =
            guess_language(["O governo disse que não vai mudar a lei para os bancos."].into_iter());
        let en = guess_language(["The government said it would not change the law."].into_iter());
        assert_ne!(pt, en);
        assert_eq!(guess_language(["12345 !!!"].into_iter()), None);
    }
}
