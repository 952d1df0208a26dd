//! The language of an article: the one its record states, else detected from its text, as an
//! ISO 639-1 code.
//!
//! Most news is in a language whose function words the cleaner knows ([`super::stopwords`]:
//! English, Spanish, Portuguese, Italian, French, German): counting them in a Latin-script text
//! tells the language for a few hash look-ups a word. Other texts go to whatlang (trigram
//! profiles of 69 languages, no model to load), which costs about a millisecond an article of
//! Latin script, too much to run on every one.

use super::stopwords::{self, LANGUAGES};
use super::Article;

/// Text looked at to detect a language: enough for a reliable guess, and a long article costs
/// no more than a short one.
const SAMPLE_CHARS: usize = 1000;

/// ISO 639-3 codes as whatlang names languages, with their ISO 639-1 codes.
const ISO_639_1: &[(&str, &str)] = &[
    ("afr", "af"),
    ("aka", "ak"),
    ("amh", "am"),
    ("ara", "ar"),
    ("aze", "az"),
    ("bel", "be"),
    ("ben", "bn"),
    ("bul", "bg"),
    ("cat", "ca"),
    ("ces", "cs"),
    ("cmn", "zh"),
    ("dan", "da"),
    ("deu", "de"),
    ("ell", "el"),
    ("eng", "en"),
    ("epo", "eo"),
    ("est", "et"),
    ("fin", "fi"),
    ("fra", "fr"),
    ("guj", "gu"),
    ("heb", "he"),
    ("hin", "hi"),
    ("hrv", "hr"),
    ("hun", "hu"),
    ("hye", "hy"),
    ("ind", "id"),
    ("ita", "it"),
    ("jav", "jv"),
    ("jpn", "ja"),
    ("kan", "kn"),
    ("kat", "ka"),
    ("khm", "km"),
    ("kor", "ko"),
    ("lat", "la"),
    ("lav", "lv"),
    ("lit", "lt"),
    ("mal", "ml"),
    ("mar", "mr"),
    ("mkd", "mk"),
    ("mya", "my"),
    ("nep", "ne"),
    ("nld", "nl"),
    ("nob", "nb"),
    ("ori", "or"),
    ("pan", "pa"),
    ("pes", "fa"),
    ("pol", "pl"),
    ("por", "pt"),
    ("ron", "ro"),
    ("rus", "ru"),
    ("sin", "si"),
    ("slk", "sk"),
    ("slv", "sl"),
    ("sna", "sn"),
    ("spa", "es"),
    ("srp", "sr"),
    ("swe", "sv"),
    ("tam", "ta"),
    ("tel", "te"),
    ("tgl", "tl"),
    ("tha", "th"),
    ("tuk", "tk"),
    ("tur", "tr"),
    ("ukr", "uk"),
    ("urd", "ur"),
    ("uzb", "uz"),
    ("vie", "vi"),
    ("yid", "yi"),
    ("zul", "zu"),
];

/// The ISO 639-1 code of a whatlang language.
fn two_letter(lang: whatlang::Lang) -> Option<&'static str> {
    let code = lang.code();
    ISO_639_1
        .iter()
        .find(|(three, _)| *three == code)
        .map(|(_, two)| *two)
}

/// The language detected in the article's title and first paragraphs, when the guess is
/// reliable (a few words of a menu are not).
pub fn detect(article: &Article) -> Option<String> {
    let mut sample = article.title.clone().unwrap_or_default();
    for p in &article.paragraphs {
        if sample.len() >= SAMPLE_CHARS {
            break;
        }
        sample.push('\n');
        sample.push_str(&p.text);
    }
    let sample: String = sample.chars().take(SAMPLE_CHARS).collect();
    detect_text(&sample)
}

/// ISO 639-1 codes of the languages of [`stopwords`]' lists, in their order.
const LISTED: [&str; LANGUAGES] = ["en", "es", "pt", "it", "fr", "de"];

/// Function words a text needs for its language to be told by them, and how many times more
/// of the words only that language lists (Romance lists share `de`, `la`, `que`) than of any
/// other language's own.
const MIN_FUNCTION_WORDS: usize = 4;
const MIN_LEAD: usize = 2;

/// Characters of a text whatlang reads.
const WHATLANG_CHARS: usize = 400;

/// Words a Latin-script text without clear function words needs to be given to whatlang.
const MIN_WORDS_TO_GUESS: usize = 40;

/// The language of a Latin-script `text` by its function words, when they say clearly.
fn by_function_words(text: &str) -> Option<&'static str> {
    let mut counts = [0usize; LANGUAGES];
    let mut own = [0usize; LANGUAGES];
    let mut lower = String::new();
    for w in stopwords::words(text) {
        let langs = stopwords::languages_of(w, &mut lower);
        stopwords::count_languages(&mut counts, langs);
        if langs.count_ones() == 1 {
            stopwords::count_languages(&mut own, langs);
        }
    }
    let best = (0..LANGUAGES).max_by_key(|&l| (counts[l], own[l]))?;
    let others = (0..LANGUAGES)
        .filter(|&l| l != best)
        .map(|l| own[l])
        .max()
        .unwrap_or(0);
    (counts[best] >= MIN_FUNCTION_WORDS && own[best] >= MIN_LEAD.max(MIN_LEAD * others))
        .then(|| LISTED[best])
}

/// The language of `text`, when its function words or whatlang are sure of it.
pub fn detect_text(text: &str) -> Option<String> {
    if whatlang::detect_script(text) == Some(whatlang::Script::Latin) {
        if let Some(code) = by_function_words(text) {
            return Some(code.to_string());
        }
        // Without function words, a short text (a table, a list of prices) is not worth
        // whatlang's millisecond, nor would it be sure.
        stopwords::words(text)
            .filter(|w| w.chars().all(char::is_alphabetic))
            .nth(MIN_WORDS_TO_GUESS)?;
    }
    // Its time grows with the text, its certainty hardly past a few sentences.
    let end = text
        .char_indices()
        .nth(WHATLANG_CHARS)
        .map_or(text.len(), |(i, _)| i);
    let info = whatlang::detect(&text[..end])?;
    info.is_reliable()
        .then(|| two_letter(info.lang()))
        .flatten()
        .map(str::to_string)
}

/// A language as a record states it (`es`, `es-ES`, `spa`, `Spanish`) as an ISO 639-1 code;
/// `None` when it names no language known here.
pub fn normalize(tag: &str) -> Option<String> {
    let tag = tag.trim().to_ascii_lowercase();
    let primary = tag.split(['-', '_']).next().unwrap_or_default();
    if primary.len() == 2 && primary.bytes().all(|b| b.is_ascii_lowercase()) {
        return Some(primary.to_string());
    }
    let lang = whatlang::Lang::from_code(primary).or_else(|| {
        whatlang::Lang::all()
            .iter()
            .copied()
            .find(|l| l.eng_name().eq_ignore_ascii_case(primary))
    })?;
    two_letter(lang).map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_record_language_is_read_in_its_usual_forms() {
        for tag in ["es", "es-ES", "spa", "Spanish", " ES_mx "] {
            assert_eq!(normalize(tag).as_deref(), Some("es"), "{tag}");
        }
        assert_eq!(normalize("klingon"), None);
    }

    #[test]
    fn english_is_told_by_its_function_words_and_a_short_line_is_not() {
        let text = "The two governments resumed trade talks in Geneva on Monday after a pause \
                    of several months, and officials said that both sides would meet again.";
        assert_eq!(by_function_words(text), Some("en"));
        assert_eq!(by_function_words("Home World Sport"), None);
        assert_eq!(
            by_function_words("De regering heeft het plan op maandag goedgekeurd."),
            None
        );
    }

    #[test]
    fn languages_are_detected_from_news_text() {
        let cases = [
            ("en", "The two governments resumed trade talks in Geneva on Monday after a pause of several months."),
            ("es", "Los dos gobiernos reanudaron el lunes en Ginebra las conversaciones comerciales tras una pausa de varios meses."),
            ("de", "Die beiden Regierungen haben am Montag in Genf die Handelsgespräche nach einer monatelangen Pause wieder aufgenommen."),
            ("ru", "Два правительства в понедельник возобновили в Женеве торговые переговоры после перерыва в несколько месяцев."),
        ];
        for (code, text) in cases {
            assert_eq!(detect_text(text).as_deref(), Some(code), "{text}");
        }
    }
}
