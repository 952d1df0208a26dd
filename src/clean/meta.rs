//! Article metadata found in the text: title suffixes, source lines, dates.

use std::ops::Range;

use super::calendar::{
    buddhist_era_figures, calendar_month, era_year, month_of, solar_hijri_figures,
    writes_solar_hijri, CAPITALISED_MONTHS,
};

/// Splits "Headline | Site" or "Headline - Site" into the headline and the site.
///
/// A headline in capitals is a wire headline: its " - USDA" or " - ANALYSTS" end says who
/// said it and is part of the headline, not a site. A site's name has no figures ("APR 7").
pub fn strip_site_suffix(title: String) -> (String, Option<String>) {
    if is_in_capitals(&title) || is_mostly_in_capitals(&title) {
        return (title, None);
    }
    for sep in [" | ", " - ", " – ", " — ", " • ", " · "] {
        if let Some(at) = title.rfind(sep) {
            let (head, site) = (&title[..at], &title[at + sep.len()..]);
            let figures = site.chars().any(|c| c.is_ascii_digit());
            if !head.trim().is_empty() && !figures && site.split_whitespace().count() <= 5 {
                return (head.trim().to_string(), Some(site.trim().to_string()));
            }
        }
    }
    (title, None)
}

/// Whether `text` has letters and none in lower case, character references (`&lt;`) aside:
/// a wire headline ("STANDARD OIL &lt;SRD> TO FORM FINANCIAL UNIT").
pub fn is_in_capitals(text: &str) -> bool {
    let mut rest = text;
    let mut letters = false;
    while !rest.is_empty() {
        // A reference is `&` then a few letters or digits and `;`.
        if let Some(after) = rest.strip_prefix('&') {
            let name = after
                .bytes()
                .take(10)
                .take_while(u8::is_ascii_alphanumeric)
                .count();
            if name > 0 && after.as_bytes().get(name) == Some(&b';') {
                rest = &after[name + 1..];
                continue;
            }
        }
        let mut chars = rest.chars();
        let c = chars.next().unwrap_or(' ');
        if c.is_lowercase() {
            return false;
        }
        letters |= c.is_alphabetic();
        rest = chars.as_str();
    }
    letters
}

/// Whether `text` is a headline in capitals but for a plural or a name ("ECONOMIC SPOTLIGHT -
/// U.S. DEFICIT WITH NICs"): at most one letter in ten is lower case. A site's name after a
/// headline in mixed case has more ("Why bridges fall - The Daily Bugle").
fn is_mostly_in_capitals(text: &str) -> bool {
    let (mut letters, mut lower) = (0, 0);
    for c in text.chars().filter(|c| c.is_alphabetic()) {
        letters += 1;
        lower += usize::from(c.is_lowercase());
    }
    letters > 0 && lower * 10 <= letters
}

/// "Source: Reuters" -> "Reuters".
pub fn source_line(line: &str) -> Option<String> {
    let t = line.trim();
    let rest = t
        .strip_prefix("Source:")
        .or_else(|| t.strip_prefix("SOURCE:"))
        .or_else(|| t.strip_prefix("Source :"))?;
    let s = rest.trim();
    (!s.is_empty() && s.split_whitespace().count() <= 5).then(|| s.to_string())
}

/// A bare domain on its own line, like "techysolutions.de".
pub fn domain_line(line: &str) -> Option<String> {
    let t = line.trim();
    let looks = !t.contains(' ')
        && t.contains('.')
        && t.len() <= 60
        && t.rsplit('.').next().is_some_and(|tld| {
            (2..=6).contains(&tld.len()) && tld.chars().all(|c| c.is_ascii_lowercase())
        })
        && t.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-'));
    looks.then(|| t.trim_start_matches("www.").to_string())
}

/// Month names, lower-cased, January first.
pub const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

/// Month names of two words (the Levant's Arabic names), each with the one-word name of the
/// same month [`normalise`] puts in its place.
const TWO_WORD_MONTHS: &[(&str, &str)] = &[
    ("كانون الثاني", "يناير"),
    ("تشرين الأول", "أكتوبر"),
    ("تشرين الثاني", "نوفمبر"),
    ("كانون الأول", "ديسمبر"),
];

/// `text` with the figures of other scripts (Arabic-Indic `٢٠٢٦`, Persian `۲۰۲۶`, Devanagari
/// `२०२६`, Bengali, full-width `２０２６`, Thai `๒๕๖๙`, Lao, Khmer, Burmese) as ASCII digits and two-word month names as one word,
/// with the byte of `text` each byte of the result comes from (and one more entry, `text`'s length). `None` when there is
/// nothing to change.
fn normalise(text: &str) -> Option<(String, Vec<usize>)> {
    let digit = |c: char| match c {
        '\u{660}'..='\u{669}' => Some(c as u32 - 0x660),
        '\u{6F0}'..='\u{6F9}' => Some(c as u32 - 0x6F0),
        '\u{966}'..='\u{96F}' => Some(c as u32 - 0x966),
        '\u{9E6}'..='\u{9EF}' => Some(c as u32 - 0x9E6),
        '\u{FF10}'..='\u{FF19}' => Some(c as u32 - 0xFF10),
        '\u{E50}'..='\u{E59}' => Some(c as u32 - 0xE50),
        '\u{ED0}'..='\u{ED9}' => Some(c as u32 - 0xED0),
        '\u{17E0}'..='\u{17E9}' => Some(c as u32 - 0x17E0),
        '\u{1040}'..='\u{1049}' => Some(c as u32 - 0x1040),
        // Gurmukhi, Gujarati, Tamil, Telugu, Kannada, Malayalam
        '\u{A66}'..='\u{A6F}' => Some(c as u32 - 0xA66),
        '\u{AE6}'..='\u{AEF}' => Some(c as u32 - 0xAE6),
        '\u{BE6}'..='\u{BEF}' => Some(c as u32 - 0xBE6),
        '\u{C66}'..='\u{C6F}' => Some(c as u32 - 0xC66),
        '\u{CE6}'..='\u{CEF}' => Some(c as u32 - 0xCE6),
        '\u{D66}'..='\u{D6F}' => Some(c as u32 - 0xD66),
        _ => None,
    };
    let two_words = TWO_WORD_MONTHS.iter().any(|(name, _)| text.contains(name));
    if !two_words && !text.chars().any(|c| digit(c).is_some()) {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut from = Vec::with_capacity(text.len() + 1);
    let mut at = 0;
    while at < text.len() {
        let rest = &text[at..];
        if let Some((name, one)) = TWO_WORD_MONTHS
            .iter()
            .find(|(name, _)| rest.starts_with(name))
        {
            out.push_str(one);
            from.extend(std::iter::repeat_n(at, one.len()));
            at += name.len();
            continue;
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        match digit(c).and_then(|d| char::from_digit(d, 10)) {
            Some(d) => {
                out.push(d);
                from.push(at);
            }
            None => {
                out.push(c);
                from.extend(std::iter::repeat_n(at, c.len_utf8()));
            }
        }
        at += c.len_utf8();
    }
    from.push(text.len());
    Some((out, from))
}

/// Words that stand between the parts of a date in words: "12 de março de 2024", "the 5th of
/// May, 2021",
/// "7 d'octubre de 2026" (Catalan), "2026 m. gruodžio 7 d." (Lithuanian: year, day), "2026.
/// gada 7. decembrī" (Latvian: of the year).
const DATE_FILLERS: &[&str] = &[
    "de", "del", "of", "le", "el", "den", "der", "d", "m", "gada", "พ.ศ", "ค.ศ",
];

/// Letters run on after a year's figures that say it is a year: Russian's and Bulgarian's `г.`
/// (год), Ukrainian's `р.` (рік), Arabic's `م` (of the common era).
const YEAR_LETTERS: &[&str] = &["г", "р", "م"];

/// An ISO date from a line that states a full date: `2023-01-05`, `January 5, 2023`,
/// `5 January 2023`, `5. März 2023`, `12 de março de 2024`, `15 марта 2024`, `12.12.2025`,
/// `2024年3月15日`. Nothing is guessed: a date without a year gives `None`, and so does a
/// numeric date that reads both ways (`03/04/2021`). The first date of the line is taken.
pub fn find_date(line: &str) -> Option<String> {
    find_date_in(line, None)
}

/// [`find_date`] on a page in `language` (`hr`), which settles the month of a name two languages
/// read differently (Croatian's `listopada` is October, Polish's November).
pub(super) fn find_date_in(line: &str, language: Option<&str>) -> Option<String> {
    dates_in_language(line, language)
        .into_iter()
        .next()
        .map(|(_, date)| date)
}

/// Every full date of [`find_date`]'s forms in `text`, in the order they stand, each with the
/// bytes of `text` it stands on.
#[cfg(test)]
pub fn dates_in(text: &str) -> Vec<(Range<usize>, String)> {
    dates_in_language(text, None)
}

/// [`dates_in`] on a page in `language`, as in [`find_date_in`].
pub(super) fn dates_in_language(text: &str, language: Option<&str>) -> Vec<(Range<usize>, String)> {
    let mut dates = match normalise(text) {
        Some((normal, from)) => dates_in_ascii(&normal, language)
            .into_iter()
            .map(|(span, date)| (from[span.start]..from[span.end], date))
            .collect(),
        None => dates_in_ascii(text, language),
    };
    // Nepal dates its news in the Bikram Sambat calendar, 56 to 57 years ahead of the
    // Gregorian: on a Nepali page `२०८३/०८/२१` is 2083 of that calendar, no Gregorian day.
    if language == Some("ne") {
        dates.retain(|(_, date)| date.as_str() < BIKRAM_SAMBAT_FROM);
    }
    dates
}

/// The first Bikram Sambat year (2061, the Gregorian 2004) read as a Gregorian one on a Nepali
/// page: from there on a year in figures there is Nepal's calendar's.
const BIKRAM_SAMBAT_FROM: &str = "2061";

/// [`dates_in`] of a text whose figures are ASCII digits.
fn dates_in_ascii(text: &str, language: Option<&str>) -> Vec<(Range<usize>, String)> {
    // Every form but an era's year (`令和8年`) has a year of four digits: most lines have
    // none, and are done with at once.
    if !has_digit_run(text, 4) {
        return cjk_date(text).into_iter().collect();
    }
    let mut words: Vec<(Range<usize>, String)> = Vec::new();
    let mut offset = 0;
    // Words end at any mark but those inside a date (`12.12.2025`, `10/31/2024`, `2025-12-17`):
    // a byline runs its parts together with bullets and bars ("Faith Katunga•Oct 20, 2025").
    // Marks are part of their word: the virama inside Hindi's `अक्टूबर` is not a letter.
    let breaks = |c: char| {
        !(c.is_alphanumeric()
            || matches!(c, '-' | '.' | '/')
            || unicode_normalization::char::is_combining_mark(c))
    };
    for piece in text.split_inclusive(breaks) {
        let w = piece
            .trim_matches(|c: char| {
                !c.is_alphanumeric()
                    && c != '-'
                    && !unicode_normalization::char::is_combining_mark(c)
            })
            .to_lowercase();
        if !w.is_empty() && !DATE_FILLERS.contains(&w.as_str()) {
            let end = offset + piece.trim_end_matches(breaks).len();
            words.push((offset..end, w));
        }
        offset += piece.len();
    }
    let day_of = |w: &str| {
        let d: String = w.chars().take_while(|c| c.is_ascii_digit()).collect();
        let suffix = &w[d.len()..];
        // Ordinals: English, French `1er`, Portuguese and Spanish `1º`.
        let ok = matches!(suffix, "" | "st" | "nd" | "rd" | "th" | "er" | "º");
        d.parse::<u32>().ok().filter(|d| ok && (1..=31).contains(d))
    };
    // Years of the Solar Hijri calendar and the Buddhist era too: each calendar checks its own.
    // A year may carry the letter that says "year" run on (`2026г.`, `2026р.`, `2026م`).
    let year_of = |w: &str| {
        let w = YEAR_LETTERS
            .iter()
            .find_map(|l| w.strip_suffix(l))
            .unwrap_or(w);
        w.parse::<u32>()
            .ok()
            .filter(|y| (1279..=2643).contains(y) && w.len() == 4)
    };
    let mut dates = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let (span, w) = &words[i];
        let through = |j: usize| span.start..words.get(j).map_or(span.end, |(s, _)| s.end);
        let word = |j: usize| words.get(j).map(|(_, w)| w.as_str());
        if let Some(d) = iso_date(w)
            .or_else(|| numeric_date(w))
            .or_else(|| dashed_date(w))
            .or_else(|| solar_hijri_figures(w).filter(|_| writes_solar_hijri(language)))
            .or_else(|| buddhist_era_figures(w).filter(|_| language == Some("th")))
        {
            dates.push((span.clone(), d));
        } else if let Some((date, last)) = spaced_dotted_date(text, &words, i) {
            dates.push((span.start..words[last].0.end, date));
            i = last + 1;
            continue;
        } else if let Some((date, last)) = vietnamese_date(&words, i, day_of, year_of) {
            let start = words[i - 1].0.start;
            dates.push((start..words[last].0.end, date));
            i = last + 1;
            continue;
        } else if let Some((calendar, m)) = calendar_month(w, language).filter(|_| {
            !CAPITALISED_MONTHS.contains(&w.as_str())
                || text[span.clone()].starts_with(char::is_uppercase)
        }) {
            // Month Day Year
            if let (Some(d), Some(y)) =
                (word(i + 1).and_then(day_of), word(i + 2).and_then(year_of))
            {
                dates.extend(calendar.ymd(y, m, d).map(|date| (through(i + 2), date)));
                i += 3;
                continue;
            }
            // Day Month Year
            let before = i.checked_sub(1);
            if let (Some(d), Some(y)) = (
                before.and_then(word).and_then(day_of),
                word(i + 1).and_then(year_of),
            ) {
                let start = before.map_or(span.start, |j| words[j].0.start);
                let end = words.get(i + 1).map_or(span.end, |(s, _)| s.end);
                dates.extend(calendar.ymd(y, m, d).map(|date| (start..end, date)));
                i += 2;
                continue;
            }
            // Year Month Day (Hungarian "2026. december 7.", Lithuanian "2026 m. gruodžio 7 d.")
            if let (Some(y), Some(d)) = (
                before.and_then(word).and_then(year_of),
                word(i + 1).and_then(day_of),
            ) {
                let start = before.map_or(span.start, |j| words[j].0.start);
                dates.extend(
                    calendar
                        .ymd(y, m, d)
                        .map(|date| (start..through(i + 1).end, date)),
                );
                i += 2;
                continue;
            }
            // Year Day Month (Latvian "2026. gada 7. decembrī")
            let two_before = i.checked_sub(2);
            if let (Some(y), Some(d)) = (
                two_before.and_then(word).and_then(year_of),
                before.and_then(word).and_then(day_of),
            ) {
                let start = two_before.map_or(span.start, |j| words[j].0.start);
                dates.extend(calendar.ymd(y, m, d).map(|date| (start..span.end, date)));
                i += 1;
                continue;
            }
        }
        i += 1;
    }
    if dates.is_empty() {
        dates.extend(cjk_date(text));
    }
    dates
}

/// A Vietnamese date, which names the month by its number after `tháng` ("month"), at
/// `words[i]`: `7 tháng 12 năm 2026`, `7 tháng 12, 2026` (day, month, "year", year), with the
/// index of its last word.
fn vietnamese_date(
    words: &[(Range<usize>, String)],
    i: usize,
    day_of: impl Fn(&str) -> Option<u32>,
    year_of: impl Fn(&str) -> Option<u32>,
) -> Option<(String, usize)> {
    let word = |j: usize| words.get(j).map(|(_, w)| w.as_str());
    if word(i)? != "tháng" {
        return None;
    }
    let d = day_of(word(i.checked_sub(1)?)?)?;
    let m: u32 = word(i + 1)?.parse().ok()?;
    let last = if word(i + 2)? == "năm" { i + 3 } else { i + 2 };
    let y = year_of(word(last)?)?;
    Some((super::date::ymd(y, m, d)?, last))
}

/// A date of three dotted numbers with spaces between them, starting at `words[i]`: day first
/// (`7. 12. 2026`, as Czech, Slovak and German pages write it) or year first (`2026. 12. 7.`,
/// Korean and Hungarian), with the index of its last word: a dot after each of the first two
/// numbers, and nothing but spaces between them (not a line break: items of a list).
fn spaced_dotted_date(
    text: &str,
    words: &[(Range<usize>, String)],
    i: usize,
) -> Option<(String, usize)> {
    let [(a, _), (b, _), (c, _)] = words.get(i..i + 3)? else {
        return None;
    };
    let number = |span: &Range<usize>, dotted: bool| {
        let written = &text[span.clone()];
        let figures = written.strip_suffix('.').unwrap_or(written);
        (figures.len() <= 4
            && figures.bytes().all(|b| b.is_ascii_digit())
            && (!dotted || written.ends_with('.')))
        .then(|| Some((figures.parse::<u32>().ok()?, figures.len())))
        .flatten()
    };
    let spaced = |x: &Range<usize>, y: &Range<usize>| {
        let between = &text[x.end..y.start];
        !between.is_empty() && between.chars().all(|c| c == ' ' || c == '\u{a0}')
    };
    if !(spaced(a, b) && spaced(b, c)) {
        return None;
    }
    let ((first, first_len), (month, month_len)) = (number(a, true)?, number(b, true)?);
    let (last, last_len) = number(c, false)?;
    if month_len > 2 {
        return None;
    }
    let date = match (first_len, last_len) {
        (1..=2, 4) => super::date::ymd(last, month, first),
        (4, 1..=2) => super::date::ymd(first, month, last),
        _ => None,
    }?;
    Some((date, i + 2))
}

/// A date written with figures only, in one of the orders that cannot be misread:
/// `2025.12.17` and `2025/12/17` (year first), `17.12.2025` (a dotted date is always day
/// first), `31/10/2024` and `10/31/2024` only when one number is above 12 or both are the same
/// (`5/5/2020` is 5 May whichever comes first).
fn numeric_date(word: &str) -> Option<String> {
    let sep = word.chars().find(|c| matches!(c, '.' | '/' | '-'))?;
    let parts: Vec<&str> = word.split(sep).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    let all_digits = [a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|x| x.is_ascii_digit()));
    if !all_digits {
        return None;
    }
    let (a_n, b_n, c_n): (u32, u32, u32) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    if a.len() == 4 && b.len() <= 2 && c.len() <= 2 {
        return super::date::ymd(a_n, b_n, c_n);
    }
    if c.len() != 4 || a.len() > 2 || b.len() > 2 {
        return None;
    }
    if sep == '.' || a_n > 12 || a_n == b_n {
        super::date::ymd(c_n, b_n, a_n)
    } else if b_n > 12 {
        super::date::ymd(c_n, a_n, b_n)
    } else {
        None
    }
}

/// A date written as one word with a month's name between dashes: `04-ago-2021`,
/// `26-feb-1987` (lower-cased).
fn dashed_date(word: &str) -> Option<String> {
    let mut parts = word.split('-');
    let (d, m, y) = (parts.next()?, parts.next()?, parts.next()?);
    if parts.next().is_some()
        || !(1..=2).contains(&d.len())
        || y.len() != 4
        || !d.bytes().chain(y.bytes()).all(|b| b.is_ascii_digit())
    {
        return None;
    }
    super::date::ymd(y.parse().ok()?, month_of(m)?, d.parse().ok()?)
}

/// A date in Chinese, Japanese or Korean figures: `2024年3月15日`, `2024년 3월 15일`.
/// The first such date, with the bytes of `text` it stands on.
fn cjk_date(text: &str) -> Option<(Range<usize>, String)> {
    // Chinese also writes the day with `号` ("number").
    let marks = [('年', '月', '日'), ('年', '月', '号'), ('년', '월', '일')];
    for (year_mark, month_mark, day_mark) in marks {
        for (at, _) in text.match_indices(year_mark) {
            let figures = text[..at]
                .bytes()
                .rev()
                .take_while(u8::is_ascii_digit)
                .count();
            let year = &text[at - figures..at];
            let rest = &text[at + year_mark.len_utf8()..];
            // Figures, spaces allowed around them, then the mark: the bytes used, and the number.
            let number = |s: &str, mark: char| -> Option<(u32, usize)> {
                let t = s.trim_start();
                let digits = t.bytes().take_while(u8::is_ascii_digit).count();
                let after = t[digits..].trim_start().strip_prefix(mark)?;
                Some((t[..digits].parse().ok()?, s.len() - after.len()))
            };
            let Some((month, used)) = number(rest, month_mark) else {
                continue;
            };
            let Some((day, day_used)) = number(&rest[used..], day_mark) else {
                continue;
            };
            let end = at + year_mark.len_utf8() + used + day_used;
            let (start, year) = match year.len() {
                4 => (at - figures, year.parse().ok()),
                _ => match era_year(&text[..at]) {
                    Some((start, year)) => (start, Some(year)),
                    None => continue,
                },
            };
            if let Some(date) = year.and_then(|y| super::date::ymd(y, month, day)) {
                return Some((start..end, date));
            }
        }
    }
    None
}

/// Whether `text` has `n` ASCII digits in a row.
fn has_digit_run(text: &str, n: usize) -> bool {
    let mut run = 0;
    text.bytes().any(|b| {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        run >= n
    })
}

fn iso_date(w: &str) -> Option<String> {
    let head = w.get(..10)?;
    let b = head.as_bytes();
    let digits = |r: std::ops::Range<usize>| b[r].iter().all(u8::is_ascii_digit);
    if digits(0..4) && b[4] == b'-' && digits(5..7) && b[7] == b'-' && digits(8..10) {
        let m: u32 = head[5..7].parse().ok()?;
        let d: u32 = head[8..10].parse().ok()?;
        // A day the calendar has: no 31 February, no year 0001.
        let y: u32 = head[..4].parse().ok()?;
        return super::date::ymd(y, m, d);
    }
    None
}

/// The date of a newswire dateline standing alone on its line: `26-FEB-1987 15:01:01.79` (the
/// Reuters form), `26-FEB-1987`, with or without the time. The line must be the dateline and
/// nothing else, so that no date is taken from a sentence.
pub fn newswire_dateline(line: &str) -> Option<String> {
    let mut parts = line.split_whitespace();
    let date = parts.next()?;
    if let Some(time) = parts.next() {
        // Feeds run control characters and a desk code on after the time, written as
        // character references: `00:02:59.13&#5;&#5;&#5;RM`.
        let (time, coded) = match time.split_once('&') {
            Some((time, _)) => (time, true),
            None => (time, false),
        };
        let clock = time
            .split(['.', ':'])
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
        // Several desk codes are separated by spaces (`...&#5;&#5;&#5;C G T M`).
        let desk_code = |p: &str| {
            p.len() <= 4
                && p.bytes()
                    .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
        };
        let rest_ok = if coded {
            parts.all(desk_code)
        } else {
            parts.next().is_none()
        };
        if !clock || !time.contains(':') || !rest_ok {
            return None;
        }
    }
    let mut fields = date.split('-');
    let (d, mon, y) = (fields.next()?, fields.next()?, fields.next()?);
    if fields.next().is_some() || d.len() > 2 || y.len() != 4 || mon.len() != 3 {
        return None;
    }
    let m = MONTHS
        .iter()
        .position(|name| name.get(..3).is_some_and(|n| n.eq_ignore_ascii_case(mon)))?;
    super::date::ymd(y.parse().ok()?, m as u32 + 1, d.parse().ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_date_needs_a_four_digit_year() {
        assert!(has_digit_run("on 7 Aug 2020", 4));
        assert!(!has_digit_run("on 7 Aug 20 20", 4));
        assert_eq!(find_date("Published January 5, 20").as_deref(), None);
        assert_eq!(
            find_date("5 January 1999 edition").as_deref(),
            Some("1999-01-05")
        );
    }

    #[test]
    fn site_suffix_is_split_off_the_title() {
        let (t, s) = strip_site_suffix(
            "Why the Potential TikTok-U.S. Data Security Deal Is Still Delayed | WSJ Tech News Briefing"
                .to_string(),
        );
        assert_eq!(
            t,
            "Why the Potential TikTok-U.S. Data Security Deal Is Still Delayed"
        );
        assert_eq!(s.as_deref(), Some("WSJ Tech News Briefing"));
    }

    #[test]
    fn dates_are_iso_only_when_complete() {
        assert_eq!(
            find_date("Published January 5, 2023").as_deref(),
            Some("2023-01-05")
        );
        assert_eq!(
            find_date("on 7 Aug 2020 at noon").as_deref(),
            Some("2020-08-07")
        );
        assert_eq!(find_date("2021-03-04T10:00").as_deref(), Some("2021-03-04"));
        assert_eq!(find_date("As of Thursday, December 8th, discussions"), None);
    }

    #[test]
    fn a_headline_in_capitals_may_hold_character_references() {
        assert!(is_in_capitals("CORRECTED - MELLON &lt;MEL> UNIT'S NOTES"));
        assert!(is_in_capitals("AT&T TO CUT 5,000 JOBS"));
        assert!(!is_in_capitals("Mellon &lt;MEL> unit's notes"));
        assert!(!is_in_capitals("&lt; 12 &gt;"));
        assert!(!is_in_capitals("STOCKS &lol"));
        let nics = "ECONOMIC SPOTLIGHT - U.S. DEFICIT WITH NICs".to_string();
        assert_eq!(strip_site_suffix(nics.clone()), (nics, None));
        let (t, s) = strip_site_suffix("ECONOMIC SPOTLIGHT - BANKAMERICA &lt;BAC>".to_string());
        assert_eq!(
            (t.as_str(), s),
            ("ECONOMIC SPOTLIGHT - BANKAMERICA &lt;BAC>", None)
        );
    }

    #[test]
    fn a_wire_headline_keeps_its_end_and_names_no_site() {
        let (t, s) = strip_site_suffix("U.S. SUGAR IMPORTS DOWN IN WEEK - USDA".to_string());
        assert_eq!(
            (t.as_str(), s),
            ("U.S. SUGAR IMPORTS DOWN IN WEEK - USDA", None)
        );
        let (t, s) = strip_site_suffix("Exports of grain rose in the week - APR 7".to_string());
        assert_eq!(
            (t.as_str(), s),
            ("Exports of grain rose in the week - APR 7", None)
        );
    }

    #[test]
    fn dates_must_exist_in_the_calendar() {
        assert_eq!(find_date("Published February 31, 2023"), None);
        assert_eq!(find_date("29 February 2023"), None);
        assert_eq!(find_date("29 February 2024").as_deref(), Some("2024-02-29"));
        assert_eq!(find_date("2023-02-30"), None);
        assert_eq!(find_date("datePublished 0001-01-01T00:00:00"), None);
        assert_eq!(find_date("2023-13-01"), None);
    }

    #[test]
    fn a_newswire_dateline_alone_on_its_line_gives_the_date() {
        assert_eq!(
            newswire_dateline("26-FEB-1987 15:01:01.79").as_deref(),
            Some("1987-02-26")
        );
        assert_eq!(
            newswire_dateline(" 5-MAR-1987 16:21:25.25").as_deref(),
            Some("1987-03-05")
        );
        assert_eq!(
            newswire_dateline("5-Mar-1987").as_deref(),
            Some("1987-03-05")
        );
        assert_eq!(
            newswire_dateline("27-MAR-1987 00:02:59.13&#5;&#5;&#5;RM").as_deref(),
            Some("1987-03-27")
        );
        assert_eq!(newswire_dateline("31-FEB-1987 15:01:01.79"), None);
        assert_eq!(newswire_dateline("26-FEB-1987 said the company"), None);
        assert_eq!(newswire_dateline("A-B-C"), None);
        // Desk codes separated by spaces after the control references.
        assert_eq!(
            newswire_dateline("27-MAR-1987 11:11:53.63&#5;&#5;&#5;C G T M").as_deref(),
            Some("1987-03-27")
        );
        assert_eq!(
            newswire_dateline("27-MAR-1987 11:11:53.63&#5;&#5;&#5;E said so"),
            None
        );
        assert_eq!(newswire_dateline("26-FEB-1987 15:01:01.79 extra"), None);
    }

    #[test]
    fn month_names_of_eight_languages_are_read() {
        let cases = [
            ("Veröffentlicht am 15. März 2024", "2024-03-15"),
            ("Publié le 1er janvier 2024", "2024-01-01"),
            ("12 de março de 2024", "2024-03-12"),
            ("5 de octubre de 2022", "2022-10-05"),
            ("pubblicato il 5 ottobre 2022", "2022-10-05"),
            ("17 mei 2021", "2021-05-17"),
            ("15 марта 2024 г.", "2024-03-15"),
            ("3 juil. 2023", "2023-07-03"),
            ("Dec. 19, 2025", "2025-12-19"),
            ("the 5th of May, 2021", "2021-05-05"),
        ];
        for (line, date) in cases {
            assert_eq!(find_date(line).as_deref(), Some(date), "{line}");
        }
    }

    #[test]
    fn austrian_and_abbreviated_german_months_are_read() {
        assert_eq!(
            find_date("Wien, am 3. Feber 2026").as_deref(),
            Some("2026-02-03")
        );
        assert_eq!(
            find_date("Di., 3. Mrz. 2026, 10:15").as_deref(),
            Some("2026-03-03")
        );
    }

    #[test]
    fn dates_of_news_pages_in_twelve_languages_are_read() {
        let cases = [
            // German
            (
                "Veröffentlicht am 7. Dezember 2026, 10:32 Uhr",
                "2026-12-07",
            ),
            ("Stand: 07.12.2026 18:05 Uhr", "2026-12-07"),
            ("Aktualisiert: 7. Dez. 2026", "2026-12-07"),
            // French
            ("Publié le 7 déc. 2026 à 08h15", "2026-12-07"),
            ("Mis à jour le 1er décembre 2026", "2026-12-01"),
            // Spanish
            ("Madrid - 07 dic 2026 - 10:45 CET", "2026-12-07"),
            ("Actualizado el 7 de diciembre de 2026", "2026-12-07"),
            ("por Ana Pérez 04-ago-2021 5:11:10", "2021-08-04"),
            // Portuguese
            ("Publicado em 7 de dezembro de 2026, às 14h", "2026-12-07"),
            // A slashed date is read only where one number is above 12.
            ("17/12/2026 14h32", "2026-12-17"),
            // Italian
            ("Pubblicato il 7 dicembre 2026 alle 11:20", "2026-12-07"),
            ("Aggiornato 7 dic 2026", "2026-12-07"),
            // Russian
            ("Опубликовано 7 декабря 2026 г., 12:30", "2026-12-07"),
            ("7 дек. 2026", "2026-12-07"),
            // Chinese, with half-width and full-width figures
            ("发布时间：2026年12月7日 09:30", "2026-12-07"),
            ("来源：新华网 ２０２６年１２月７日", "2026-12-07"),
            ("2026-12-07 09:30:12 来源：人民网", "2026-12-07"),
            // Japanese
            ("公開日：2026年12月7日（月）", "2026-12-07"),
            ("2026/12/07 17:00", "2026-12-07"),
            // Arabic, in Arabic-Indic and in ASCII figures, Egyptian and Levantine names
            ("نشر في ٧ ديسمبر ٢٠٢٦", "2026-12-07"),
            ("الاثنين 7 ديسمبر 2026 - 10:20 م", "2026-12-07"),
            ("٧ كانون الأول ٢٠٢٦", "2026-12-07"),
            ("١٢ آب ٢٠٢٦", "2026-08-12"),
            ("تاريخ النشر: ٢٠٢٦/١٢/٠٧", "2026-12-07"),
            // Turkish
            ("Yayınlanma: 7 Aralık 2026 Pazartesi 10:15", "2026-12-07"),
            ("Güncelleme: 07 Şubat 2026", "2026-02-07"),
            // Polish
            ("Opublikowano: 7 grudnia 2026, 08:00", "2026-12-07"),
            ("Data aktualizacji: 15 października 2026", "2026-10-15"),
            // Dutch
            ("Gepubliceerd op 7 december 2026 om 09:12", "2026-12-07"),
            ("7 mrt 2026", "2026-03-07"),
        ];
        for (line, date) in cases {
            assert_eq!(find_date(line).as_deref(), Some(date), "{line}");
        }
        // A date's bytes are those of the text as written, figures of other scripts included.
        let text = "نشر في ٧ ديسمبر ٢٠٢٦";
        let dates = dates_in(text);
        assert_eq!(&text[dates[0].0.clone()], "٧ ديسمبر ٢٠٢٦");
        let text = "更新 ２０２６年１２月７日 x";
        assert_eq!(&text[dates_in(text)[0].0.clone()], "２０２６年１２月７日");
        let text = "٧ كانون الأول ٢٠٢٦";
        assert_eq!(&text[dates_in(text)[0].0.clone()], text);
    }

    #[test]
    fn dates_of_news_pages_in_twenty_more_languages_are_read() {
        let cases = [
            ("Publicerad 7 december 2026 kl. 10.32", "2026-12-07"), // Swedish
            ("Uppdaterad 12 augusti 2026", "2026-08-12"),
            ("Publiceret 7. marts 2026", "2026-03-07"), // Danish
            ("Publisert 7. desember 2026", "2026-12-07"), // Norwegian
            ("Julkaistu 7. joulukuuta 2026 klo 10.32", "2026-12-07"), // Finnish
            ("Avaldatud 7. detsember 2026", "2026-12-07"), // Estonian
            ("2026. gada 7. decembrī 10:32", "2026-12-07"), // Latvian
            ("Paskelbta 2026 m. gruodžio 7 d. 10:32", "2026-12-07"), // Lithuanian
            ("Publikováno 7. prosince 2026", "2026-12-07"), // Czech
            ("Publikované 7. decembra 2026", "2026-12-07"), // Slovak
            ("Objavljeno 7. marec 2026", "2026-03-07"), // Slovenian
            ("Objavljeno 7. septembar 2026.", "2026-09-07"), // Serbian
            ("Публиковано 7. децембар 2026.", "2026-12-07"),
            ("Megjelent: 2026. december 7. 10:32", "2026-12-07"), // Hungarian
            ("Publicat: 7 decembrie 2026, 10:32", "2026-12-07"),  // Romanian
            ("Publicat el 7 d'octubre de 2026", "2026-10-07"),    // Catalan
            ("Diterbitkan 7 Maret 2026", "2026-03-07"),           // Indonesian
            ("Diterbitkan pada 7 Ogos 2026", "2026-08-07"),       // Malay
            ("Δημοσίευση: 7 Δεκεμβρίου 2026", "2026-12-07"),      // Greek
            ("7 ΔΕΚΕΜΒΡΙΟΥ 2026", "2026-12-07"),
            ("Опубліковано 7 грудня 2026 р.", "2026-12-07"), // Ukrainian
            ("Публикувано на 7 декември 2026 г.", "2026-12-07"), // Bulgarian
            ("פורסם: 7 בדצמבר 2026", "2026-12-07"),          // Hebrew
            ("प्रकाशित: 7 दिसंबर 2026", "2026-12-07"),         // Hindi
            ("अपडेटेड: ७ अक्टूबर २०२६", "2026-10-07"),
            // Dotted figures with spaces: Czech, Slovak day first; Korean year first
            ("Aktualizováno 7. 12. 2026 10:32", "2026-12-07"),
            ("입력 2026. 12. 7. 오전 10:32", "2026-12-07"),
        ];
        for (line, date) in cases {
            assert_eq!(find_date(line).as_deref(), Some(date), "{line}");
        }
        // Their abbreviations are not read: "mar" is March, not Finnish November.
        assert_eq!(find_date("Mar 5, 2024").as_deref(), Some("2024-03-05"));
        // A Buddhist-era year (Thai pages) is no year of ours.
        assert_eq!(find_date("7/12/2569"), None);
        // Numbers apart by commas or lines, or no month among them, are not a date.
        assert_eq!(find_date("see 7, 12, 2026"), None);
        assert_eq!(find_date("7. 13. 2026"), None);
        assert_eq!(find_date("7.\n12.\n2026"), None);
    }

    #[test]
    fn dates_in_more_scripts_and_calendars_are_read() {
        let cases = [
            // Thai: the Buddhist era's year (the common era's plus 543) or the common era's,
            // whole and abbreviated month names, Thai figures
            ("เผยแพร่: 7 ธันวาคม 2569 10:32 น.", "2026-12-07"),
            ("วันที่ 7 ธ.ค. 2569", "2026-12-07"),
            ("๗ ธันวาคม พ.ศ. ๒๕๖๙", "2026-12-07"),
            ("7 ธันวาคม 2026", "2026-12-07"),
            // Persian: Iran's calendar, in Persian and ASCII figures, with the Arabic `ي`
            ("۱۶ آذر ۱۴۰۵ - ۱۰:۳۲", "2026-12-07"),
            ("1 فروردین 1403", "2024-03-20"),
            ("1 فروردين 1404", "2025-03-21"),
            ("30 اسفند 1403", "2025-03-20"),
            // and the Gregorian months in Persian, Urdu and the Maghreb's Arabic
            ("۷ دسامبر ۲۰۲۶", "2026-12-07"),
            ("شائع 7 دسمبر 2026", "2026-12-07"),
            ("نشر في 7 جوان 2026", "2026-06-07"),
            ("7 دجنبر 2026", "2026-12-07"),
            // Bengali, in Bengali figures
            ("প্রকাশ: ৭ ডিসেম্বর ২০২৬", "2026-12-07"),
            ("৭ জানুয়ারি ২০২৬", "2026-01-07"),
            // Indonesian and Malay abbreviations, Croatian, Albanian, Filipino, Swahili
            ("Senin, 07 Des 2026 10:32 WIB", "2026-12-07"),
            ("17 Agu 2026", "2026-08-17"),
            ("7 Dis 2026", "2026-12-07"),
            ("DIPUBLIKASIKAN 7 DES 2026", "2026-12-07"),
            ("Objavljeno: 7. prosinca 2026.", "2026-12-07"),
            ("Publikuar më 7 dhjetor 2026", "2026-12-07"),
            ("Inilathala noong Disyembre 7, 2026", "2026-12-07"),
            ("Imechapishwa 7 Desemba 2026", "2026-12-07"),
            // Vietnamese: the month by its number
            ("Thứ hai, ngày 7 tháng 12 năm 2026", "2026-12-07"),
            ("7 tháng 12, 2026 10:32", "2026-12-07"),
            // Japan's era and the Republic of China's
            ("令和8年12月7日", "2026-12-07"),
            ("平成31年4月30日", "2019-04-30"),
            ("令和元年5月1日", "2019-05-01"),
            ("民國115年12月7日", "2026-12-07"),
            ("2026年12月7号", "2026-12-07"),
            // A year with the letter for "year" run on; the Portuguese ordinal of the first
            ("7 декабря 2026г.", "2026-12-07"),
            ("7 грудня 2026р.", "2026-12-07"),
            ("الأحد 07 ديسمبر 2026م", "2026-12-07"),
            ("1º de dezembro de 2026", "2026-12-01"),
            // Marathi, Gujarati, Tamil, Telugu, Kannada, Malayalam, Punjabi
            ("प्रकाशित: 7 डिसेंबर 2026", "2026-12-07"),
            ("7 ડિસેમ્બર, 2026", "2026-12-07"),
            ("வெளியிடப்பட்டது: 07 டிசம்பர் 2026", "2026-12-07"),
            ("డిసెంబర్ 7, 2026", "2026-12-07"),
            ("೭ ಡಿಸೆಂಬರ್ ೨೦೨೬", "2026-12-07"),
            ("7 ഡിസംബർ 2026", "2026-12-07"),
            ("7 ਦਸੰਬਰ 2026", "2026-12-07"),
            // Azerbaijani, Uzbek, Icelandic, Hausa
            ("7 dekabr 2026", "2026-12-07"),
            ("7 avqust 2026", "2026-08-07"),
            ("7. janúar 2026", "2026-01-07"),
            ("7 Disamba 2026", "2026-12-07"),
        ];
        for (line, date) in cases {
            assert_eq!(find_date(line).as_deref(), Some(date), "{line}");
        }
        // Never a guess: a two-figure year, a year without its era, a day Esfand lacks in a
        // common year, a Buddhist-era year with a month that is not Thai, a Thai page's
        // slashed date (its era is not stated).
        for line in [
            "7 ธ.ค. 69",
            "115年12月7日",
            "30 اسفند 1404",
            "7 December 2569",
            "7/12/2569",
            "7 tháng 13 năm 2026",
            "au moins 5 des 2000 migrants",
        ] {
            assert_eq!(find_date(line), None, "{line}");
        }
        // Iran's calendar in figures, on a Persian page only, and not a lunar Hijri year.
        assert_eq!(
            find_date_in("تاریخ انتشار: ۱۴۰۵/۰۹/۱۶", Some("fa")).as_deref(),
            Some("2026-12-07")
        );
        assert_eq!(find_date_in("1405-09-16", None), None);
        assert_eq!(find_date_in("1448/06/17", Some("fa")), None);
        // A Thai page's date in figures counts the Buddhist era, day first.
        assert_eq!(
            find_date_in("อัปเดต 07/12/2569 10:32 น.", Some("th")).as_deref(),
            Some("2026-12-07")
        );
        assert_eq!(find_date_in("07/12/2569", None), None);
        // Nepal's Bikram Sambat year on a Nepali page is no Gregorian year.
        assert_eq!(find_date_in("प्रकाशित: २०८३/०८/२१", Some("ne")), None);
        assert_eq!(
            find_date_in("2026-12-07", Some("ne")).as_deref(),
            Some("2026-12-07")
        );
        // The date's bytes are those it is written on, the era's name included.
        let text = "公開 令和8年12月7日 10:00";
        assert_eq!(&text[dates_in(text)[0].0.clone()], "令和8年12月7日");
    }

    #[test]
    fn an_abbreviation_two_languages_read_differently_is_no_month() {
        // "jui" starts both juin (June) and juillet (July).
        assert_eq!(find_date("3 jui 2023"), None);
        assert_eq!(
            find_date("in 5 ago 2024 years"),
            Some("2024-08-05".to_string())
        );
    }

    #[test]
    fn numeric_dates_are_read_only_one_way() {
        assert_eq!(find_date("12.12.2025").as_deref(), Some("2025-12-12"));
        assert_eq!(
            find_date("Elliot Raba 23.07.2025").as_deref(),
            Some("2025-07-23")
        );
        assert_eq!(
            find_date("Posted on the 15/12/2025 at 19:00").as_deref(),
            Some("2025-12-15")
        );
        assert_eq!(
            find_date("Updated: 10/31/2024").as_deref(),
            Some("2024-10-31")
        );
        assert_eq!(
            find_date("Published: 2025.12.17").as_deref(),
            Some("2025-12-17")
        );
        // Third of April or fourth of March: no date rather than a guess.
        assert_eq!(find_date("03/04/2021"), None);
        assert_eq!(find_date("version 1.2.2024-beta"), None);
    }

    #[test]
    fn a_date_in_figures_whose_day_and_month_are_one_number_reads_one_way() {
        // Either order gives the same day, so nothing is guessed.
        assert_eq!(
            find_date("Posted: 6/6/2024, 8:15 am").as_deref(),
            Some("2024-06-06")
        );
        assert_eq!(find_date("11-11-2019").as_deref(), Some("2019-11-11"));
        assert_eq!(find_date("02/03/2019"), None);
    }

    #[test]
    fn chinese_japanese_and_korean_dates_are_read() {
        assert_eq!(
            find_date("发布时间：2024年3月15日 10:00").as_deref(),
            Some("2024-03-15")
        );
        assert_eq!(find_date("2024年 12月 1日").as_deref(), Some("2024-12-01"));
        assert_eq!(find_date("2024년 3월 15일").as_deref(), Some("2024-03-15"));
        assert_eq!(find_date("2024年2月30日"), None);
        // The date's own bytes, so that a label before it ("更新日") can be read.
        assert_eq!(
            dates_in("更新日：2024年3月15日 10:00"),
            vec![(12..28, "2024-03-15".to_string())]
        );
    }

    #[test]
    fn dates_are_listed_in_the_order_they_stand() {
        let dates = dates_in("Sweat August 16, 2019 - Updated July 9, 2025 The first");
        assert_eq!(
            dates,
            vec![
                (6..21, "2019-08-16".to_string()),
                (32..44, "2025-07-09".to_string())
            ]
        );
        assert_eq!(
            dates_in("By 9 Oct 2022"),
            vec![(3..13, "2022-10-09".to_string())]
        );
    }

    #[test]
    fn a_date_run_into_a_name_by_a_bullet_is_read() {
        assert_eq!(
            dates_in("Faith Katunga•Oct 20, 2025"),
            vec![(16..28, "2025-10-20".to_string())]
        );
        assert_eq!(
            find_date("Dec 12, 2025|4 min read").as_deref(),
            Some("2025-12-12")
        );
    }

    #[test]
    fn a_bullet_and_a_dot_also_end_a_title_with_the_site_name() {
        let (t, s) = strip_site_suffix("A brief intro to git • Cory Dransfeldt".to_string());
        assert_eq!(
            (t.as_str(), s.as_deref()),
            ("A brief intro to git", Some("Cory Dransfeldt"))
        );
    }

    #[test]
    fn source_and_domain_lines() {
        assert_eq!(source_line("Source: Reuters").as_deref(), Some("Reuters"));
        assert_eq!(
            domain_line("techysolutions.de").as_deref(),
            Some("techysolutions.de")
        );
        assert_eq!(domain_line("U.S."), None);
    }
}
