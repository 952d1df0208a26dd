//! The language of an article: the one its record states, else detected from its text
//! (whatlang: trigram profiles of 69 languages, no model to load), as an ISO 639-1 code.

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

/// The language of `text`, when whatlang is sure of it.
pub fn detect_text(text: &str) -> Option<String> {
    let info = whatlang::detect(text)?;
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
