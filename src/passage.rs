//! Splitting a cleaned article into passages, the unit that is indexed, ranked and cited.
//!
//! A passage is a paragraph; a paragraph over [`MAX_PASSAGE_CHARS`] is cut at sentence ends into
//! pieces of about that size. Each passage keeps the 1-based line of the original file where it
//! starts, so every hit can be cited as `path:line`.

use crate::clean::{Article, Reason};

/// Paragraphs longer than this (in chars) are split at sentence ends.
pub const MAX_PASSAGE_CHARS: usize = 600;

/// One passage of an article.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Passage {
    /// 0-based position of the passage in its article.
    pub ordinal: usize,
    /// 1-based line of the original file where the passage starts.
    pub line: usize,
    /// The passage text.
    pub text: String,
    /// Where each original line of the passage starts: (byte offset in [`Passage::text`],
    /// 1-based line), by offset, the first at offset 0. A hard-wrapped paragraph runs over
    /// several lines, and a quote from its middle is cited to the line it starts on.
    pub line_starts: Vec<(usize, usize)>,
}

impl Passage {
    /// The 1-based original line holding the byte `offset` of [`Passage::text`].
    pub fn line_at(&self, offset: usize) -> usize {
        line_at(&self.line_starts, offset).unwrap_or(self.line)
    }
}

/// The line of the last of `starts` (offset, line) at or before `offset`.
pub fn line_at<T: Copy + PartialOrd>(starts: &[(T, T)], offset: T) -> Option<T> {
    starts
        .iter()
        .take_while(|(o, _)| *o <= offset)
        .last()
        .map(|&(_, line)| line)
}

/// Words a paragraph needs for the article to count as having a sentence at all.
pub const MIN_SENTENCE_WORDS: usize = 4;

/// Rows of figures a headed article needs to count as a table when it has no sentence.
pub const MIN_TABLE_ROWS: usize = 3;

/// Whether the article has at least one paragraph long enough to be a sentence: a page left with
/// only menu words or headings ("News", "Sports") after cleaning is not an article. A headline
/// over rows of figures ("May 6765", "Aug 13126", "Total 25273") is one too: a wire table.
pub fn has_sentence(article: &Article) -> bool {
    let sentence = article.paragraphs.iter().any(|p| {
        crate::analysis::WordSpans::new(&p.text)
            .nth(MIN_SENTENCE_WORDS - 1)
            .is_some()
    });
    let row = |text: &str| {
        text.chars().any(char::is_alphabetic) && text.chars().any(|c| c.is_ascii_digit())
    };
    let table = article.title.is_some()
        && article
            .paragraphs
            .iter()
            .filter(|p| row(&p.text))
            .nth(MIN_TABLE_ROWS - 1)
            .is_some();
    sentence || table
}

/// The text of the title passage that [`split`] puts first, if the article has a title.
fn title_passage_text(article: &Article) -> Option<&str> {
    article
        .title
        .as_deref()
        .map(str::trim)
        .filter(|t| !t.is_empty())
}

/// The passages of the article's body: all but the title passage, if there is one
/// (`passages` as [`split`] gives them).
pub fn body<'a>(article: &Article, passages: &'a [Passage]) -> &'a [Passage] {
    let title = usize::from(title_passage_text(article).is_some());
    passages.get(title..).unwrap_or_default()
}

/// Splits `article` into passages, in order. The headline, when there is one, is passage 0, so
/// that a match in the title is a hit that can be cited like any other.
pub fn split(article: &Article) -> Vec<Passage> {
    let mut passages = Vec::new();
    if article.paragraphs.is_empty() {
        return passages;
    }
    if let Some(title) = title_passage_text(article) {
        let line = article.title_line.unwrap_or_else(|| {
            article
                .removed
                .iter()
                .find(|r| r.reason == Reason::Title && r.line > 0)
                .map_or(1, |r| r.line)
        });
        passages.push(Passage {
            ordinal: 0,
            line,
            text: title.to_string(),
            line_starts: vec![(0, line)],
        });
    }
    for paragraph in &article.paragraphs {
        for (start, end) in pieces(&paragraph.text, MAX_PASSAGE_CHARS) {
            // Cite the line of the first word: a paragraph may open with a line holding no word
            // (control characters, a lone bullet) joined to the next.
            let first_word = crate::analysis::WordSpans::new(&paragraph.text[start..end])
                .next()
                .map_or(start, |(s, _)| start + s);
            let later = paragraph
                .lines
                .iter()
                .filter(|l| l.offset > start && l.offset < end)
                .map(|l| (l.offset - start, l.line));
            passages.push(Passage {
                ordinal: passages.len(),
                line: paragraph.line_at(first_word),
                text: paragraph.text[start..end].to_string(),
                line_starts: std::iter::once((0, paragraph.line_at(start)))
                    .chain(later)
                    .collect(),
            });
        }
    }
    passages
}

/// Byte offsets just after each sentence end in `text`: `.`, `!`, `?` (and a closing quote or
/// bracket after them) followed by whitespace and an uppercase letter, digit or opening quote.
pub fn sentence_ends(text: &str) -> Vec<usize> {
    let mut ends = Vec::new();
    // No terminator is a closer, so the terminators are taken in order, each looked at in place.
    // The danda (Hindi, Bengali), Khmer's and Burmese's full stops and the Arabic question mark
    // end sentences as the full stop does.
    for (at, mark) in text.match_indices([
        '.', '!', '?', '…', '。', '！', '？', '।', '॥', '។', '။', '؟',
    ]) {
        let after = &text[at + mark.len()..];
        // Chinese and Japanese sentences end at their own full stops, with no space after.
        if matches!(mark, "。" | "！" | "？") {
            let closed = after.trim_start_matches(['」', '』', '”', '）']);
            if !closed.trim_start().is_empty() {
                ends.push(text.len() - closed.len());
            }
            continue;
        }
        let closed = after.trim_start_matches(['"', '”', '’', '\'', ')', ']']);
        let next = closed.trim_start();
        // A sentence starts with a capital, or with any letter of a script without case
        // (Arabic, Hebrew, Hindi, Korean, Thai): there no capital marks it.
        let starts_sentence = next.chars().next().is_some_and(|c| {
            c.is_uppercase()
                || (c.is_alphabetic() && !c.is_lowercase())
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '‘' | '(')
        });
        if next.len() < closed.len()
            && starts_sentence
            && !(mark == "." && is_abbreviation_before(&text[..at]))
        {
            ends.push(text.len() - closed.len());
        }
    }
    // Thai and Lao end a sentence with a space, not a mark (Khmer and Burmese have marks but
    // space their clauses too): without this a long paragraph of them is one passage.
    let mut before = None;
    let mut space_at = None;
    let mut spaced = false;
    for (at, c) in text.char_indices() {
        if c.is_whitespace() {
            space_at = space_at.or(Some(at));
            continue;
        }
        if let (Some(b), Some(s)) = (before, space_at) {
            if crate::analysis::is_unspaced(b) && crate::analysis::is_unspaced(c) {
                ends.push(s);
                spaced = true;
            }
        }
        (before, space_at) = (Some(c), None);
    }
    if spaced {
        ends.sort_unstable();
        ends.dedup();
    }
    ends
}

/// `Mr.`, `U.S.`, `Dr.`: whether the text `before` a dot ends with a short abbreviation rather
/// than the last word of a sentence.
fn is_abbreviation_before(before: &str) -> bool {
    let word = before.trim_end_matches(|c: char| c.is_alphabetic() || c == '.');
    let word = &before[word.len()..];
    const ABBREVIATIONS: &[&str] = &[
        "mr", "mrs", "ms", "dr", "prof", "st", "jr", "sr", "gen", "gov", "sen", "rep", "lt", "col",
        "sgt", "capt", "corp", "inc", "ltd", "co", "no", "vs", "etc", "jan", "feb", "mar", "apr",
        "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    ];
    let mut chars = word.chars();
    let (first, second) = (chars.next(), chars.next());
    if word.contains('.') || (first.is_some() && second.is_none()) {
        return true;
    }
    // Most dots end ordinary words, longer than any abbreviation: every char lower-cases to
    // one char or more, so a word of over four chars is none.
    if first.is_none() || chars.nth(2).is_some() {
        return false;
    }
    ABBREVIATIONS
        .iter()
        .any(|a| word.chars().flat_map(char::to_lowercase).eq(a.chars()))
}

/// Cuts `text` into pieces of at most about `max` chars at sentence ends; a single sentence
/// longer than `max` stays whole. Returns byte ranges without surrounding whitespace.
fn pieces(text: &str, max: usize) -> Vec<(usize, usize)> {
    let trim = |s: usize, e: usize| {
        let piece = &text[s..e];
        let lead = piece.len() - piece.trim_start().len();
        let tail = piece.len() - piece.trim_end().len();
        (s + lead, e - tail)
    };
    if text.chars().count() <= max {
        return vec![trim(0, text.len())];
    }
    let mut bounds = sentence_ends(text);
    bounds.push(text.len());
    let mut out = Vec::new();
    // Byte offsets with the characters before them, counted once over the text.
    let (mut start, mut start_chars) = (0, 0);
    let (mut last_end, mut last_chars) = (0, 0);
    for &end in &bounds {
        let end_chars = last_chars + text[last_end..end].chars().count();
        if end_chars - start_chars > max && last_end > start {
            out.push(trim(start, last_end));
            (start, start_chars) = (last_end, last_chars);
        }
        (last_end, last_chars) = (end, end_chars);
    }
    if start < text.len() {
        out.push(trim(start, text.len()));
    }
    out.retain(|(s, e)| e > s);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_sentences_end_at_their_full_stops() {
        let text = "双方恢复谈判。“我们很满意！”他说？最后";
        let ends: Vec<&str> = sentence_ends(text).iter().map(|&e| &text[..e]).collect();
        assert_eq!(
            ends,
            [
                "双方恢复谈判。",
                "双方恢复谈判。“我们很满意！”",
                "双方恢复谈判。“我们很满意！”他说？",
            ]
        );
    }
    use crate::clean::{LineStart, Paragraph};

    fn article(paragraphs: &[(&str, usize)]) -> Article {
        Article {
            paragraphs: paragraphs
                .iter()
                .map(|(t, l)| Paragraph {
                    text: t.to_string(),
                    lines: vec![LineStart {
                        offset: 0,
                        line: *l,
                    }],
                })
                .collect(),
            ..Article::default()
        }
    }

    #[test]
    fn a_headed_table_of_figures_is_an_article_and_a_bare_menu_is_not() {
        let mut table = article(&[("May 6765", 4), ("Aug 13126", 5), ("Total 25273", 6)]);
        assert!(!has_sentence(&table), "no headline");
        table.title = Some("PARIS SUGAR OPEN POSITION - APR 7".into());
        assert!(has_sentence(&table));
        let mut menu = article(&[("News", 1), ("Sport", 2), ("Weather", 3), ("2024", 4)]);
        menu.title = Some("Home".into());
        assert!(!has_sentence(&menu));
    }

    #[test]
    fn a_sentence_of_a_script_without_spaces_is_a_sentence() {
        // Thai writes a sentence's words together: two "words" here, spaces between clauses.
        let thai = article(&[(
            "นายกรัฐมนตรีกล่าวว่ามาตรการนี้จะช่วยลดภาระของเกษตรกร โดยจะจ่ายเงินชดเชย",
            4,
        )]);
        assert!(has_sentence(&thai));
        let menu = article(&[("หน้าแรก", 1), ("การเมือง", 2), ("ข่าวที่เกี่ยวข้อง", 3)]);
        assert!(!has_sentence(&menu));
    }

    #[test]
    fn title_is_passage_zero_on_its_original_line() {
        let mut a = article(&[("Body.", 5)]);
        a.title = Some("The Headline".into());
        a.removed.push(crate::clean::Removed {
            line: 3,
            text: "The Headline | Site".into(),
            reason: Reason::Title,
        });
        let p = split(&a);
        assert_eq!(
            (p[0].ordinal, p[0].line, p[0].text.as_str()),
            (0, 3, "The Headline")
        );
        assert_eq!((p[1].ordinal, p[1].line), (1, 5));
    }

    #[test]
    fn short_paragraphs_are_one_passage_each_with_their_line() {
        let p = split(&article(&[("First.", 3), ("Second.", 7)]));
        assert_eq!(p.len(), 2);
        assert_eq!(
            (p[1].ordinal, p[1].line, p[1].text.as_str()),
            (1, 7, "Second.")
        );
    }

    #[test]
    fn pieces_are_measured_in_characters_not_bytes() {
        // 46 characters and 54 bytes: 13 sentences are 597 characters and make one piece.
        let sentence = "Ça coûte très cher à Zürich, dit Éric à Noël. ";
        assert_eq!(sentence.chars().count(), 46);
        let text = sentence.repeat(26);
        let text = text.trim();
        let got: Vec<&str> = pieces(text, 600)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(got.len(), 2);
        for piece in got {
            assert_eq!(piece.chars().count(), 597);
            assert!(piece.starts_with("Ça coûte") && piece.ends_with("Noël."));
        }
    }

    #[test]
    fn sentences_of_scripts_without_case_end_at_their_own_marks() {
        let ends = |text: &str| -> Vec<String> {
            let mut at = 0;
            let mut out = Vec::new();
            for end in sentence_ends(text).into_iter().chain([text.len()]) {
                out.push(text[at..end].trim().to_string());
                at = end;
            }
            out
        };
        assert_eq!(
            ends("قال الوزير إن الخطة جاهزة. وأضاف أنها ستنفذ قريبا؟ ورحب الاتحاد بها."),
            [
                "قال الوزير إن الخطة جاهزة.",
                "وأضاف أنها ستنفذ قريبا؟",
                "ورحب الاتحاد بها."
            ]
        );
        assert_eq!(
            ends("सरकार ने योजना की घोषणा की। विपक्ष ने आलोचना की।"),
            ["सरकार ने योजना की घोषणा की।", "विपक्ष ने आलोचना की।"]
        );
        assert_eq!(
            ends("정부는 대책을 발표했다. 업계는 환영했다."),
            ["정부는 대책을 발표했다.", "업계는 환영했다."]
        );
        // A lower-case word after a full stop is no new sentence, as before.
        assert_eq!(ends("e.g. this one"), ["e.g. this one"]);
        // Thai ends a sentence with a space; a space before a Latin word or a figure does not.
        assert_eq!(
            ends("รัฐบาลประกาศแผนใหม่ นายกรัฐมนตรีกล่าวกับ BBC ว่า 2566 เป็นปีสำคัญ"),
            ["รัฐบาลประกาศแผนใหม่", "นายกรัฐมนตรีกล่าวกับ BBC ว่า 2566 เป็นปีสำคัญ"]
        );
    }

    #[test]
    fn a_long_thai_paragraph_is_split_into_passages_at_its_spaces() {
        let sentence = "รัฐบาลประกาศแผนเศรษฐกิจใหม่เพื่อช่วยเหลือเกษตรกรที่ได้รับผลกระทบจากภัยแล้ง ";
        let text = sentence.repeat(40);
        let article = article(&[(text.trim_end(), 3)]);
        let passages = split(&article);
        assert!(passages.len() > 1, "one passage of {} chars", text.len());
        assert!(passages
            .iter()
            .all(|p| p.text.chars().count() <= MAX_PASSAGE_CHARS && p.text.ends_with("ภัยแล้ง")));
    }

    #[test]
    fn long_paragraph_is_split_at_sentence_ends_not_after_abbreviations() {
        let sentence = "The U.S. officials met Mr. Smith in the capital to talk about trade. ";
        let text = sentence.repeat(20);
        let p = split(&article(&[(text.trim(), 1)]));
        assert!(p.len() > 1);
        for passage in &p {
            assert!(
                passage.text.starts_with("The U.S. officials"),
                "{}",
                passage.text
            );
            assert!(passage.text.ends_with("trade."));
            assert!(passage.text.chars().count() <= MAX_PASSAGE_CHARS);
        }
        assert_eq!(
            p.iter().map(|x| x.text.len() + 1).sum::<usize>(),
            text.len()
        );
    }

    #[test]
    fn sentence_ends_after_closers_before_a_capital_digit_or_quote() {
        // "no." may be "No. 5", and a single letter is an initial.
        let text =
            "He said “no.”  Then 9 left! (Why?) “Mr. Li… ok. Go.”\u{2003}É. Dr. J. K. Rowling. x";
        let ends: Vec<&str> = sentence_ends(text).iter().map(|&e| &text[..e]).collect();
        assert_eq!(
            ends,
            [
                "He said “no.”  Then 9 left!",
                "He said “no.”  Then 9 left! (Why?)",
                "He said “no.”  Then 9 left! (Why?) “Mr. Li… ok.",
                "He said “no.”  Then 9 left! (Why?) “Mr. Li… ok. Go.”",
            ]
        );
    }

    #[test]
    fn split_passage_starts_on_the_original_line_of_its_first_sentence() {
        let first = "Alpha sentence goes here. ".repeat(23);
        let text = format!("{first}Omega begins.");
        let paragraph = Paragraph {
            lines: vec![
                LineStart {
                    offset: 0,
                    line: 10,
                },
                LineStart {
                    offset: first.len(),
                    line: 11,
                },
            ],
            text,
        };
        let p = split(&Article {
            paragraphs: vec![paragraph],
            ..Article::default()
        });
        assert_eq!(
            p.last().map(|x| (x.line, x.text.as_str())),
            Some((11, "Omega begins."))
        );
    }

    #[test]
    fn a_passage_knows_the_line_of_each_of_its_words() {
        let text = "Moody's Investors Service Inc said it lowered the debt ratings.";
        let second = text.find("lowered").unwrap_or(0);
        let paragraph = Paragraph {
            text: text.to_string(),
            lines: vec![
                LineStart { offset: 0, line: 4 },
                LineStart {
                    offset: second,
                    line: 5,
                },
            ],
        };
        let p = split(&Article {
            paragraphs: vec![paragraph],
            ..Article::default()
        });
        assert_eq!(p[0].line_starts, [(0, 4), (second, 5)]);
        assert_eq!(p[0].line_at(0), 4);
        assert_eq!(p[0].line_at(second - 1), 4);
        assert_eq!(p[0].line_at(second), 5);
        assert_eq!(p[0].line_at(text.len()), 5);
    }

    #[test]
    fn multibyte_text_splits_on_char_boundaries() {
        let text = "Café “naïve” 🎉 déjà vu… Ça va? ".repeat(40);
        for passage in split(&article(&[(text.as_str(), 1)])) {
            assert!(!passage.text.is_empty());
        }
    }

    #[test]
    fn the_body_is_every_passage_after_the_title_or_all_without_one() {
        let texts = |passages: &[Passage]| -> Vec<String> {
            passages.iter().map(|p| p.text.clone()).collect()
        };
        let mut a = article(&[("Zinc output rose.", 3), ("Copper fell.", 5)]);
        let body_texts = ["Zinc output rose.", "Copper fell."];
        assert_eq!(texts(body(&a, &split(&a))), body_texts);
        a.title = Some("METALS REPORT".to_string());
        let titled = split(&a);
        assert_eq!(titled[0].text, "METALS REPORT");
        assert_eq!(texts(body(&a, &titled)), body_texts);
        a.title = Some("  ".to_string());
        assert_eq!(texts(body(&a, &split(&a))), body_texts);
    }
}
