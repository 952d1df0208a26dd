//! Function words of the languages news pages are most often written in.
//!
//! Running prose is dense in function words ("the", "of", "que", "und"); menus, link lists,
//! bylines and tag clouds are not. The share of function words in a block is therefore one of
//! the strongest language-light signals that a block is story text (the idea behind jusText).
//! The lists are short on purpose: only the most frequent words of each language, so the
//! density stays comparable across languages. A language not listed gets no stop-word signal;
//! the caller then leans on punctuation and length instead.

use std::collections::HashMap;
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

fn table() -> &'static HashMap<&'static str, Vec<usize>> {
    static TABLE: OnceLock<HashMap<&'static str, Vec<usize>>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut map: HashMap<&'static str, Vec<usize>> = HashMap::new();
        for (lang, list) in LISTS.iter().enumerate() {
            for word in list.split_whitespace() {
                map.entry(word).or_default().push(lang);
            }
        }
        map
    })
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
    for text in texts {
        for w in words(text) {
            lower.clear();
            lower.extend(w.chars().flat_map(char::to_lowercase));
            if let Some(langs) = table().get(lower.as_str()) {
                for &l in langs {
                    counts[l] += 1;
                }
            }
        }
    }
    let (best, &n) = counts.iter().enumerate().max_by_key(|&(_, n)| *n)?;
    (n > 0).then_some(Language(best))
}

/// Counts (function words of `lang`, all words) in `text`.
pub fn density(text: &str, lang: Option<Language>) -> (usize, usize) {
    let mut stop = 0;
    let mut all = 0;
    let mut lower = String::new();
    for w in words(text) {
        all += 1;
        let Some(Language(l)) = lang else { continue };
        lower.clear();
        lower.extend(w.chars().flat_map(char::to_lowercase));
        if table()
            .get(lower.as_str())
            .is_some_and(|ls| ls.contains(&l))
        {
            stop += 1;
        }
    }
    (stop, all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn english_prose_is_dense_in_function_words_and_menus_are_not() {
        let lang = guess_language(["The talks are set to resume in the spring."].into_iter());
        let (s, n) = density("The talks are set to resume in the spring.", lang);
        assert_eq!((s, n), (5, 9));
        let (s, _) = density("Home Scores Schedule Standings", lang);
        assert_eq!(s, 0);
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
