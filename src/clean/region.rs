//! Finding the story among the blocks of a flattened page.
//!
//! A scraped page is menus, then the story, then related links, comments and a footer. Each
//! block (a paragraph of the flattened text) is classified from its own text, jusText-style:
//! long blocks dense in function words and ending sentences are story; short blocks, blocks
//! without function words, blocks repeated on the page and link lists ("A | B | C") are chrome.
//! Each class gets a score (story positive, weighted by length; chrome negative), and the story
//! is the contiguous run of blocks with the highest total (the maximum-sum segment, found in one
//! pass). Lines that end an article ("Related posts", "Comments") are barriers the run cannot
//! cross. Inside the run, headings and list items are kept; outside it everything is dropped.
//!
//! Limits: a story split by a long stretch of chrome keeps only its larger part; a page holding
//! several stories keeps the longest; a short story next to long comments may lose to them.

use super::stopwords::{self, Language};
use super::{dedup, Reason};
use aho_corasick::AhoCorasick;
use std::collections::HashMap;
use std::sync::OnceLock;

/// What a block looks like on its own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Class {
    /// Long, prose-like: story text.
    Good,
    /// Middling: a short sentence, a caption, a headline.
    NearGood,
    /// A few words: a heading or a menu item.
    Short,
    /// Chrome by its shape: link lists, repeated lines, prompts.
    Bad(Reason),
}

/// A block to be judged, with what came just before it.
pub struct Block<'a> {
    /// The block's text.
    pub text: &'a str,
    /// An end-of-article marker ("Related posts") stood between this block and the previous.
    pub after_end_marker: bool,
    /// The page's headline was repeated just before this block: the story starts here.
    pub after_title: bool,
}

/// Phrases that, inside a short block, mark it as page chrome.
const CHROME_PHRASES: &[(&str, Reason)] = &[
    ("cookie", Reason::CookieNotice),
    ("newsletter", Reason::SubscriptionPrompt),
    ("subscribe", Reason::SubscriptionPrompt),
    ("sign up", Reason::SubscriptionPrompt),
    ("log in", Reason::SubscriptionPrompt),
    ("login", Reason::SubscriptionPrompt),
    ("sign in", Reason::SubscriptionPrompt),
    ("register", Reason::SubscriptionPrompt),
    ("all rights reserved", Reason::Copyright),
    ("privacy policy", Reason::Boilerplate),
    ("terms of use", Reason::Boilerplate),
    ("terms of service", Reason::Boilerplate),
    ("terms and conditions", Reason::Boilerplate),
    ("javascript", Reason::Boilerplate),
    ("your browser", Reason::Boilerplate),
    ("click here", Reason::Boilerplate),
    ("share this", Reason::ShareButtons),
    ("share on", Reason::ShareButtons),
    ("follow us", Reason::SocialLinks),
    ("like us on", Reason::SocialLinks),
    ("facebook", Reason::SocialLinks),
    ("twitter", Reason::SocialLinks),
    ("instagram", Reason::SocialLinks),
    ("whatsapp", Reason::SocialLinks),
    ("pinterest", Reason::SocialLinks),
    ("linkedin", Reason::SocialLinks),
    ("advertisement", Reason::Advertisement),
    ("sponsored", Reason::Advertisement),
    ("min read", Reason::Byline),
    ("posted by", Reason::Byline),
    ("written by", Reason::Byline),
    ("comments", Reason::CommentPrompt),
    ("read more", Reason::RelatedLinks),
    ("read next", Reason::RelatedLinks),
    ("see also", Reason::RelatedLinks),
    ("you may also like", Reason::RelatedLinks),
    ("photo:", Reason::PhotoCredit),
    ("image:", Reason::PhotoCredit),
    ("getty images", Reason::PhotoCredit),
    ("copyright", Reason::Copyright),
];

fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with([
        '.', '!', '?', '"', '”', '’', '\'', ')', ';', ':', '»', '…', '。', '！', '？', '」', '）',
    ])
}

/// Characters of scripts written without spaces (Han, kana, Hangul), where a "word" of
/// [`stopwords::words`] is a whole clause.
fn is_unspaced_script(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF)
}

/// Phrases that mark a block as page furniture even when it is long (legal notices, cookie
/// banners); such blocks are rarely part of a story.
const FURNITURE_PHRASES: &[(&str, Reason)] = &[
    ("cookies", Reason::CookieNotice),
    ("registered trademark", Reason::Boilerplate),
    ("all rights reserved", Reason::Copyright),
    ("privacy policy", Reason::Boilerplate),
    ("terms of use", Reason::Boilerplate),
    ("terms of service", Reason::Boilerplate),
    ("this website", Reason::Boilerplate),
    ("this site", Reason::Boilerplate),
    ("disclaimer", Reason::Boilerplate),
];

/// Phrases of the comment form under a post (WordPress's wording, in a few languages): such a
/// block is comments' furniture, whatever else it says, and comments follow the story.
const COMMENT_FORM_PHRASES: &[&str] = &[
    "email address will not be published",
    "required fields are marked",
    "for the next time i comment",
    "cancel reply",
    "must be logged in to post a comment",
    "notify me of follow-up comments",
    "notify me of new posts",
    "e-mail não será publicado",
    "campos obrigatórios são marcados",
    "cancelar resposta",
    "annulla risposta",
    "per inviare un commento",
    "email non sarà pubblicato",
    "correo electrónico no será publicada",
    "campos obligatorios están marcados",
    "cancelar la respuesta",
    "e-mail-adresse wird nicht veröffentlicht",
    "erforderliche felder sind mit",
    "antworten abbrechen",
    "e-mail ne sera pas publiée",
    "champs obligatoires sont indiqués",
    "annuler la réponse",
];

/// Whether `text` holds a phrase of [`COMMENT_FORM_PHRASES`], ASCII case ignored.
fn is_comment_form(text: &str) -> bool {
    static FINDER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    let finder = FINDER.get_or_init(|| {
        AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(COMMENT_FORM_PHRASES)
            .ok()
    });
    match finder {
        Some(f) => f.is_match(text),
        None => {
            let lower = text.to_lowercase();
            COMMENT_FORM_PHRASES.iter().any(|p| lower.contains(p))
        }
    }
}

/// The phrases of [`FURNITURE_PHRASES`] then those of [`CHROME_PHRASES`] as one automaton, so
/// that a short block is read once for all of them rather than once per phrase; `None` only if
/// it could not be built. The phrases are lower-case ASCII and the automaton ignores ASCII case,
/// so an ASCII block is read as it is, not lower-cased first.
fn phrase_finder() -> Option<&'static AhoCorasick> {
    static FINDER: OnceLock<Option<AhoCorasick>> = OnceLock::new();
    FINDER
        .get_or_init(|| {
            let phrases = FURNITURE_PHRASES.iter().chain(CHROME_PHRASES);
            AhoCorasick::builder()
                .ascii_case_insensitive(true)
                .build(phrases.map(|(phrase, _)| phrase))
                .ok()
        })
        .as_ref()
}

/// The reason of the first phrase of [`FURNITURE_PHRASES`] in `text` lower-cased, and that of
/// the first of [`CHROME_PHRASES`]: first in the list, wherever it stands in the text.
fn phrase_reasons(text: &str) -> (Option<Reason>, Option<Reason>) {
    // Matching ASCII text ignoring ASCII case is matching it lower-cased; other text is
    // lower-cased (a char may lower-case to ASCII: the Kelvin sign is a `k`).
    let lowered;
    let lower = if text.is_ascii() {
        text
    } else {
        lowered = text.to_lowercase();
        &lowered
    };
    let Some(finder) = phrase_finder() else {
        let lower = lower.to_ascii_lowercase();
        return (
            first_phrase(FURNITURE_PHRASES, &lower),
            first_phrase(CHROME_PHRASES, &lower),
        );
    };
    let (mut furniture, mut chrome) = (usize::MAX, usize::MAX);
    for found in finder.find_overlapping_iter(lower) {
        let i = found.pattern().as_usize();
        match i.checked_sub(FURNITURE_PHRASES.len()) {
            None => furniture = furniture.min(i),
            Some(i) => chrome = chrome.min(i),
        }
    }
    let reason = |phrases: &[(&str, Reason)], i: usize| phrases.get(i).map(|&(_, r)| r);
    (
        reason(FURNITURE_PHRASES, furniture),
        reason(CHROME_PHRASES, chrome),
    )
}

/// Whether `text` holds a phrase of chrome or furniture ("subscribe", "follow us", "privacy
/// policy"): a short block of links holding one is the page's, not the story's.
pub(super) fn has_chrome_phrase(text: &str) -> bool {
    phrase_reasons(text) != (None, None)
}

/// The reason of the first of `phrases` found in `lower`, one search per phrase: what
/// [`phrase_reasons`] gives in one pass.
fn first_phrase(phrases: &[(&str, Reason)], lower: &str) -> Option<Reason> {
    phrases
        .iter()
        .find(|(phrase, _)| lower.contains(phrase))
        .map(|&(_, reason)| reason)
}

/// Link lists flattened onto one line: "News | Sport | Weather", "Tags: a, b, c".
fn is_link_list(text: &str) -> bool {
    // One pass over the bytes, stopping at the second separator.
    let b = text.as_bytes();
    let mut bars = 0;
    for i in 1..b.len() {
        let separator = match b[i] {
            b'|' | b'/' => b.get(i + 1) == Some(&b' '),
            0xE2 => b[i..].starts_with("• ".as_bytes()),
            _ => false,
        };
        if separator && b[i - 1] == b' ' {
            bars += 1;
            if bars == 2 {
                return true;
            }
        }
    }
    false
}

/// What one pass over a block's words tells.
#[derive(Debug, PartialEq)]
struct Features {
    /// Words, counting two characters of an unspaced script as one.
    words: usize,
    /// Words as [`stopwords::words`] splits them, for the sample that guesses the language.
    split_words: usize,
    /// Function words of each listed language.
    stop: [usize; stopwords::LANGUAGES],
    /// Whether the block is written in an unspaced script.
    unspaced: bool,
    /// Of the first eight words, how many start with a capital or a digit.
    capitalised_lead: usize,
    /// Of the first eight words, how many start with a digit.
    numeric_lead: usize,
    /// How many words the lead has (at most eight).
    lead: usize,
    /// Each word's [`dedup::word_hash`], for finding the paragraphs a page repeats: taken in
    /// the same pass over the words.
    word_hashes: Vec<u64>,
}

impl Features {
    /// Function words of `lang`.
    fn stop_words(&self, lang: Option<Language>) -> usize {
        lang.map_or(0, |l| self.stop[stopwords::index(l)])
    }
}

fn features(text: &str) -> Features {
    let mut f = Features::of_bytes(text.len());
    let mut lower = String::new();
    if text.is_ascii() {
        // Nearly every block: its words are runs of ASCII letters and digits, each hashed and
        // keyed for the stop-word table in one pass over its bytes.
        let bytes = text.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            if !bytes[i].is_ascii_alphanumeric() {
                i += 1;
                continue;
            }
            let start = i;
            while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                i += 1;
            }
            let w = &text[start..i];
            let (hash, first) = dedup::ascii_word_hash(w.as_bytes());
            let langs = if w.len() <= 7 {
                stopwords::languages_of_short(first, w.len())
            } else {
                stopwords::languages_of(w, &mut lower)
            };
            f.add_word(w, hash, langs);
        }
        return f;
    }
    any_words(text, f)
}

/// [`features`] of a block read char by char, whatever its script.
fn any_words(text: &str, mut f: Features) -> Features {
    let mut lower = String::new();
    let mut unspaced_chars = 0;
    for w in stopwords::words(text) {
        // A word in an unspaced script is no listed language's function word.
        if !w.is_ascii() && w.chars().any(is_unspaced_script) {
            f.split_words += 1;
            f.word_hashes.push(dedup::word_hash(w));
            f.count_lead(w);
            unspaced_chars += w.chars().filter(|&c| is_unspaced_script(c)).count();
            f.unspaced = true;
            continue;
        }
        f.add_word(
            w,
            dedup::word_hash(w),
            stopwords::languages_of(w, &mut lower),
        );
    }
    f.words += unspaced_chars / 2;
    f
}

impl Features {
    /// Nothing counted yet, for a block of `bytes` bytes.
    fn of_bytes(bytes: usize) -> Features {
        Features {
            words: 0,
            split_words: 0,
            stop: [0; stopwords::LANGUAGES],
            unspaced: false,
            capitalised_lead: 0,
            numeric_lead: 0,
            lead: 0,
            word_hashes: Vec::with_capacity(bytes / 6),
        }
    }

    /// Counts word `w` of the block, with its [`dedup::word_hash`] and the languages listing it
    /// as a function word.
    fn add_word(&mut self, w: &str, hash: u64, langs: u8) {
        self.split_words += 1;
        self.word_hashes.push(hash);
        self.count_lead(w);
        self.words += 1;
        stopwords::count_languages(&mut self.stop, langs);
    }

    /// Counts `w` in the lead while the lead has fewer than eight words.
    fn count_lead(&mut self, w: &str) {
        if self.lead < 8 {
            self.lead += 1;
            if w.starts_with(|c: char| c.is_uppercase() || c.is_ascii_digit()) {
                self.capitalised_lead += 1;
            }
            if w.starts_with(|c: char| c.is_ascii_digit()) {
                self.numeric_lead += 1;
            }
        }
    }
}

/// The page's language from its blocks' features: the function words counted for them are the
/// ones [`stopwords::guess_language`] counts, as long as the page fits in its sample.
fn page_language(blocks: &[Block], feats: &[Features]) -> Option<Language> {
    if feats.iter().map(|f| f.split_words).sum::<usize>() > stopwords::SAMPLE_WORDS {
        return stopwords::guess_language(blocks.iter().map(|b| b.text));
    }
    let mut counts = [0; stopwords::LANGUAGES];
    for f in feats {
        for (total, n) in counts.iter_mut().zip(f.stop) {
            *total += n;
        }
    }
    stopwords::most_frequent(&counts)
}

/// Classifies one block. `repeats` is how often the same text occurs on the page.
#[cfg(test)]
fn classify(text: &str, lang: Option<Language>, repeats: usize) -> Class {
    classify_features(text, &features(text), lang, repeats)
}

fn classify_features(text: &str, f: &Features, lang: Option<Language>, repeats: usize) -> Class {
    let (stop, words) = (f.stop_words(lang), f.words);
    let chars = words * 6;
    let ratio = if words == 0 {
        0.0
    } else {
        stop as f32 / words as f32
    };
    if is_link_list(text) {
        return Class::Bad(Reason::Menu);
    }
    if repeats >= 2 && words <= 12 {
        return Class::Bad(Reason::Menu);
    }
    // Every phrase test is on short blocks only, and a comment header is a few words: most
    // blocks are never lower-cased.
    if words <= 60 {
        if text.split_whitespace().nth(COMMENT_HEADER_WORDS).is_none()
            && is_comment_header(&text.to_lowercase())
            || is_comment_form(text)
        {
            return Class::Bad(Reason::Comments);
        }
        let (furniture, chrome) = phrase_reasons(text);
        // A chrome phrase is evidence about a prompt or a notice, not a verdict on a sentence
        // of a story: "BHP will subscribe for the remaining shares" stays.
        let story_sentence = (furniture.is_some() || chrome.is_some())
            && reads_as_story_sentence(text, words, ratio);
        if let Some(reason) = furniture.filter(|_| !story_sentence) {
            return Class::Bad(reason);
        }
        if words <= 20 && !story_sentence {
            if let Some(reason) = chrome {
                return Class::Bad(reason);
            }
        }
    }
    // A teaser: a Title Case headline run into its summary ("Police: 2 In Custody After Death
    // Of Student A 24-year-old woman..."); prose has lower-case words among its first few.
    // A lead full of numbers is a table row, a score line or a date list ("June 9 – Tampa, FL"),
    // not a headline.
    // A sentence all in capitals (an old wire story) is no Title Case headline; a headline in
    // capitals has no full stop. A longer block is the story's subheading run into its
    // paragraph, as page flattenings print them.
    if words >= 10
        && f.lead == 8
        && f.capitalised_lead == 8
        && words <= TEASER_MAX_WORDS
        && f.numeric_lead <= 1
        && !is_list_item(text)
        && !(ends_full_stop(text) && super::meta::is_in_capitals(text))
    {
        return Class::Bad(Reason::RelatedLinks);
    }
    let prose = if lang.is_some() && !f.unspaced {
        ratio >= 0.2
    } else {
        ends_sentence(text)
    };
    if words >= 10 && chars >= 70 && prose && (ends_sentence(text) || chars >= 150) {
        return Class::Good;
    }
    if words >= 6 && (ratio >= 0.15 || ends_sentence(text)) {
        return Class::NearGood;
    }
    Class::Short
}

/// Words a teaser (a headline run into its one- or two-sentence summary) has at most.
const TEASER_MAX_WORDS: usize = 45;

/// Words of a prompt or a notice that speak to the reader or for the site ("Subscribe to our
/// newsletter", "Follow us", "your browser"); a story's sentence seldom has them.
const READER_WORDS: &[&str] = &[
    "you", "your", "our", "us", "we", "please", "vous", "votre", "nous", "notre", "sie", "ihr",
    "unser", "unsere", "unseren", "usted", "nuestro", "nuestra", "seu", "sua", "nosso", "nossa",
];

/// Whether a block holding a chrome phrase reads as a sentence of the story: six words or
/// more, a full stop at the end, function words like prose (`ratio` of them), not speaking to
/// the reader, and not opening with a chrome phrase as a prompt does ("Subscribe now.",
/// "Comments are closed.", "This site uses cookies.").
fn reads_as_story_sentence(text: &str, words: usize, ratio: f32) -> bool {
    if words < 6 || ratio < 0.2 || !ends_full_stop(text) {
        return false;
    }
    let opening = text
        .trim_start()
        .chars()
        .take(24)
        .collect::<String>()
        .to_lowercase();
    let opens_prompt = FURNITURE_PHRASES
        .iter()
        .chain(CHROME_PHRASES)
        .any(|(phrase, _)| opening.starts_with(phrase));
    !opens_prompt
        && stopwords::words(text).all(|w| {
            let w = w.to_lowercase();
            !READER_WORDS.contains(&w.as_str())
        })
}

/// Words a comment header has at most ([`is_comment_header`]).
const COMMENT_HEADER_WORDS: usize = 8;

/// "joetoronto says:", "Reply", "November 19, 2019 at 6:44 am": the furniture of comments.
fn is_comment_header(lower: &str) -> bool {
    let words = lower.split_whitespace().count();
    (words <= 4
        && (lower.ends_with(" says:") || lower.ends_with(" said:") || lower.ends_with(" wrote:")))
        || (words <= COMMENT_HEADER_WORDS
            && (lower.ends_with(" am") || lower.ends_with(" pm"))
            && lower.contains(" at "))
        || lower == "reply"
        || lower == "report"
}

fn score(class: Class, text: &str, words: usize) -> f32 {
    let words = words as f32;
    match class {
        Class::Good => words.min(120.0),
        Class::NearGood if ends_sentence(text) => words / 4.0,
        Class::NearGood => 0.0,
        Class::Short if words > 3.0 => -1.0,
        Class::Short => -2.0,
        Class::Bad(Reason::Comments) => -10.0,
        Class::Bad(_) => -4.0,
    }
}

/// What crossing an end-of-article marker costs the run of story blocks, in words of story.
const MARKER_COST: f32 = 12.0;

/// How much more each further block of a stretch of chrome costs, as a share of its own cost.
const STRETCH_GROWTH: f32 = 0.05;

/// What each date line after the first one below story text leaves of the weight of the text
/// after it ([`is_date_line`]).
const DATED_DECAY: f32 = 0.5;

/// Why a block was not kept; `None` for story blocks.
pub type Verdict = Option<Reason>;

/// What judging the blocks of a page gives.
pub struct Judged {
    /// Per block: why it goes, or `None` when it is kept.
    pub verdicts: Vec<Verdict>,
    /// Per block: the [`dedup::word_hash`] of each of its words.
    pub word_hashes: Vec<Vec<u64>>,
}

impl Judged {
    fn new(verdicts: Vec<Verdict>, feats: Vec<Features>) -> Judged {
        Judged {
            verdicts,
            word_hashes: feats.into_iter().map(|f| f.word_hashes).collect(),
        }
    }
}

/// Judges every block: `None` keeps it, `Some(reason)` drops it.
pub fn select(blocks: &[Block]) -> Judged {
    let feats: Vec<Features> = blocks.iter().map(|b| features(b.text)).collect();
    let verdicts = story_verdicts(blocks, &feats);
    Judged::new(verdicts, feats)
}

/// The verdicts of [`select`], from the blocks' features.
fn story_verdicts(blocks: &[Block], feats: &[Features]) -> Vec<Verdict> {
    let lang = page_language(blocks, feats);
    // Only short blocks are judged by how often they repeat (menus printed twice).
    let keys: Vec<Option<String>> = blocks
        .iter()
        .zip(feats)
        .map(|(b, f)| (f.words <= 12).then(|| b.text.to_lowercase()))
        .collect();
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for k in keys.iter().flatten() {
        *counts.entry(k.as_str()).or_default() += 1;
    }
    let classes: Vec<Class> = blocks
        .iter()
        .zip(feats)
        .zip(&keys)
        .map(|((b, f), k)| {
            let repeats = k
                .as_deref()
                .and_then(|k| counts.get(k))
                .copied()
                .unwrap_or(1);
            classify_features(b.text, f, lang, repeats)
        })
        .collect();

    // Maximum-sum segment. Story text rarely follows a "Related posts" or "Comments" line, so
    // each such marker costs a fixed amount and what comes after it counts for less: an inline
    // "Related" box can be crossed by a story that goes on, a long comment thread cannot
    // outweigh the story before it.
    let mut best: Option<(f32, usize, usize)> = None;
    let mut run = 0.0f32;
    let mut run_start = 0;
    let mut weight = 1.0f32;
    let mut chrome_stretch = 0.0f32;
    // Date lines standing alone below the run's story text: a story gives its date once, above
    // or below it, while a list of other stories or of comments dates each of its items. From
    // the second one on, what follows counts for less, so that the list's summaries (each a
    // paragraph of prose) cannot carry the run past the story's end.
    let mut dates_below_story = 0usize;
    let mut story_seen = false;
    for (i, (b, &c)) in blocks.iter().zip(&classes).enumerate() {
        if b.after_end_marker {
            weight = (weight * 0.7).max(0.1);
            run -= MARKER_COST;
        }
        if c == Class::Bad(Reason::Comments) {
            weight = (weight * 0.5).max(0.1);
        }
        if run <= 0.0 {
            run = 0.0;
            run_start = i;
            story_seen = false;
        }
        if story_seen && feats[i].words <= DATE_LINE_WORDS && is_date_line(b.text) {
            dates_below_story += 1;
            if dates_below_story >= 2 {
                weight = (weight * DATED_DECAY).max(0.1);
                run -= MARKER_COST;
            }
        }
        let s = score(c, b.text, feats[i].words);
        story_seen |= c == Class::Good;
        // Each block of a stretch without story text costs more than the one before: a caption
        // or two subheadings are crossed, a menu or a category list of dozens of lines is not.
        if s > 0.0 {
            chrome_stretch = 0.0;
        } else {
            chrome_stretch += 1.0;
        }
        run += if s > 0.0 {
            s * weight
        } else {
            s * (1.0 + STRETCH_GROWTH * (chrome_stretch - 1.0))
        };
        if best.is_none_or(|(s, _, _)| run > s) {
            best = Some((run, run_start, i));
        }
    }
    let Some((_, start, end)) = best.filter(|(s, _, _)| *s > 0.0) else {
        // Nothing reads as a story: a short note or a bare list. Keep what is not plainly
        // chrome rather than return nothing.
        let mut after_marker = false;
        return blocks
            .iter()
            .zip(&classes)
            .map(|(b, c)| {
                after_marker |= b.after_end_marker;
                match c {
                    Class::Bad(r) => Some(*r),
                    _ if after_marker => Some(Reason::RelatedLinks),
                    _ => None,
                }
            })
            .collect();
    };
    let start = start_at_headline(blocks, &classes, feats, start, end);
    // A closing sentence just below the last story block belongs to it.
    let mut end = end;
    for _ in 0..2 {
        match (blocks.get(end + 1), classes.get(end + 1)) {
            (Some(b), Some(Class::Short | Class::NearGood))
                if !b.after_end_marker && ends_sentence(b.text) =>
            {
                end += 1
            }
            _ => break,
        }
    }
    end = extend_over_list(blocks, &classes, feats, end);
    // A caption or standfirst just above the first story block belongs to it.
    let mut start = start;
    for _ in 0..2 {
        if start > 0 && classes[start - 1] == Class::NearGood && !blocks[start].after_end_marker {
            start -= 1;
        } else {
            break;
        }
    }
    let (start, end) = take_in_figure_rows(blocks, &classes, feats, start, end);

    let mut seen_end_marker = false;
    // Inside the story, an end marker followed by headlines is an inline "Related" box: its
    // blocks are dropped until the story's prose resumes.
    let mut in_related_box = false;
    blocks
        .iter()
        .zip(&classes)
        .enumerate()
        .map(|(i, (b, c))| {
            seen_end_marker |= b.after_end_marker && i > end;
            let sentence = ends_full_stop(b.text);
            in_related_box =
                (in_related_box || b.after_end_marker) && !(*c == Class::Good && sentence);
            if i < start {
                Some(if matches!(c, Class::Short | Class::Bad(_)) {
                    Reason::Navigation
                } else {
                    Reason::Boilerplate
                })
            } else if i > end {
                Some(if seen_end_marker {
                    Reason::RelatedLinks
                } else {
                    Reason::Boilerplate
                })
            } else {
                match c {
                    Class::Bad(r) => Some(*r),
                    _ if in_related_box && !sentence => Some(Reason::RelatedLinks),
                    _ => None,
                }
            }
        })
        .collect()
}

/// The start of the story once the page's headline is looked for: where the headline is
/// first repeated inside the run of story blocks, the blocks above it are teasers and menus the run
/// crossed (a short story under long teasers), not the story, so the story starts below it,
/// as long as what stands below holds most of the run's story text.
fn start_at_headline(
    blocks: &[Block],
    classes: &[Class],
    feats: &[Features],
    start: usize,
    end: usize,
) -> usize {
    // The first repetition: a later one is a share box or a caption inside the story.
    let Some(anchor) = blocks
        .iter()
        .position(|b| b.after_title)
        .filter(|&i| start < i && i <= end)
    else {
        return start;
    };
    let story_words = |range: std::ops::Range<usize>| -> usize {
        range
            .filter(|&i| classes[i] == Class::Good)
            .map(|i| feats[i].words)
            .sum()
    };
    if 3 * story_words(anchor..end + 1) >= story_words(start..anchor) {
        anchor
    } else {
        start
    }
}

/// Words a date line has at most ([`is_date_line`]).
const DATE_LINE_WORDS: usize = 8;

/// A short line that is a date or a time ago, as lists of stories print beside each item:
/// "Tuesday November 19, 2019", "1H ago", "3 hours ago".
fn is_date_line(text: &str) -> bool {
    let t = text.trim();
    let ago = t.starts_with(|c: char| c.is_ascii_digit())
        && t.get(t.len().saturating_sub(4)..)
            .is_some_and(|end| end.eq_ignore_ascii_case(" ago"));
    ago || super::meta::find_date(t).is_some()
}

/// Words a row of a table of figures has at most.
const ROW_WORDS: usize = 16;

/// A row of a table of figures: a few words, one of them a figure, and no sentence ("Shr 31
/// cts vs 20 cts", "Net 3,541,000 vs 2,071,000").
fn is_figure_row(text: &str, f: &Features, class: Class) -> bool {
    f.words <= ROW_WORDS
        && !matches!(class, Class::Bad(_))
        && !ends_full_stop(text)
        && text
            .split_whitespace()
            .any(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// The story's bounds once the rows of figures right above and below it are taken in: an
/// earnings report is a table and one sentence, and the table is the story. A heading of a
/// few words between rows ("Year", "Nine mths") goes with them.
fn take_in_figure_rows(
    blocks: &[Block],
    classes: &[Class],
    feats: &[Features],
    start: usize,
    end: usize,
) -> (usize, usize) {
    let row = |i: usize| is_figure_row(blocks[i].text, &feats[i], classes[i]);
    let heading = |i: usize| feats[i].words <= 3 && !matches!(classes[i], Class::Bad(_));
    // Upwards: no end marker may stand between a row and the block below it.
    let mut start = start;
    let mut i = start;
    while i > 0 && !blocks[i].after_end_marker {
        let above = i - 1;
        if row(above) {
            start = above;
        } else if !(heading(above) && above > 0 && row(above - 1)) {
            break;
        }
        i = above;
    }
    let mut end = end;
    let mut i = end + 1;
    while i < blocks.len() && !blocks[i].after_end_marker {
        if row(i) {
            end = i;
        } else if !(heading(i) && i + 1 < blocks.len() && row(i + 1)) {
            break;
        }
        i += 1;
    }
    (start, end)
}

/// Whether `text` ends a sentence with a full stop, a question or an exclamation mark, maybe
/// inside closing quotes; a headline that ends in a quoted title does not.
fn ends_full_stop(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '”', '’', '\'', ')', '»'])
        .ends_with(['.', '!', '?', '。', '！', '？'])
}

/// Items a story lists: "1) Lego Star Wars ...", "3. The data", "June 9 – Tampa, FL".
fn is_list_item(text: &str) -> bool {
    let t = text.trim_start();
    let digits = t.bytes().take_while(u8::is_ascii_digit).count();
    if (1..=3).contains(&digits) && matches!(t.as_bytes().get(digits), Some(b')' | b'.')) {
        return true;
    }
    let mut words = t.split_whitespace();
    let month = words.next().map(|w| w.trim_end_matches('.').to_lowercase());
    let is_month = month.is_some_and(|m| {
        m.len() >= 3
            && super::meta::MONTHS
                .iter()
                .any(|name| name.starts_with(m.as_str()))
    });
    is_month
        && words
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()))
}

/// A bare link on its own line, as lists of products or sources print under each item.
fn is_bare_link(text: &str) -> bool {
    let t = text.trim();
    !t.contains(' ') && (t.starts_with("http://") || t.starts_with("https://"))
}

/// The end of the story once a list it introduces is taken in: a list right below the last
/// story block when that block ends with a colon ("the deals not to miss:"), or right below a
/// short heading ("Tour Dates"). At least three numbered or dated items are needed, and the
/// list ends at the first block of another shape or at an end marker.
fn extend_over_list(blocks: &[Block], classes: &[Class], feats: &[Features], end: usize) -> usize {
    let introduced = blocks[end].text.trim_end().ends_with(':');
    let first = if introduced {
        end + 1
    } else {
        let heading = blocks.get(end + 1).is_some_and(|b| {
            !b.after_end_marker
                && feats[end + 1].words <= 8
                && !ends_sentence(b.text)
                && !matches!(classes[end + 1], Class::Bad(_))
        });
        if !heading {
            return end;
        }
        end + 2
    };
    let mut items = 0;
    let mut last = end;
    for (i, b) in blocks.iter().enumerate().skip(first) {
        if b.after_end_marker {
            break;
        }
        if is_list_item(b.text) {
            items += 1;
        } else if !is_bare_link(b.text) {
            break;
        }
        last = i;
    }
    if items >= 3 {
        last
    } else {
        end
    }
}

/// Judges the blocks of a story the DOM already chose: only blocks that are chrome by their
/// shape go, and everything after an end-of-article marker up to two paragraphs of prose in a
/// row. Those mean the marker headed a box inside the story ("Read Next" and three links, then
/// the story goes on); the teasers after a real end alternate headlines and one-line excerpts.
pub fn select_in_story(blocks: &[Block]) -> Judged {
    let feats: Vec<Features> = blocks.iter().map(|b| features(b.text)).collect();
    let lang = page_language(blocks, &feats);
    let classes: Vec<Class> = blocks
        .iter()
        .zip(&feats)
        .map(|(b, f)| classify_features(b.text, f, lang, 1))
        .collect();
    let mut after_marker = false;
    let verdicts = blocks
        .iter()
        .zip(&classes)
        .enumerate()
        .map(|(i, (b, class))| {
            after_marker |= b.after_end_marker;
            if after_marker && *class == Class::Good && classes.get(i + 1) == Some(&Class::Good) {
                after_marker = false;
            }
            if after_marker {
                return Some(Reason::RelatedLinks);
            }
            match class {
                Class::Bad(r) => Some(*r),
                _ => None,
            }
        })
        .collect();
    Judged::new(verdicts, feats)
}

/// Judges the blocks of a wire story: every block is the story. A wire story has no menus,
/// teasers or prompts, only the story and its tables, so no test of shape applies: a lede
/// opening on names in capitals ("Senate Agriculture Committee Chairman Patrick Leahy") is no
/// teaser, "Registered unemployed totalled 2.81 mln" no prompt. Its sign-off and control
/// characters go line by line before this, its repeated paragraphs after.
pub fn select_in_wire_story(blocks: &[Block]) -> Judged {
    let feats: Vec<Features> = blocks.iter().map(|b| features(b.text)).collect();
    Judged::new(vec![None; blocks.len()], feats)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_phrase_list_gives_its_first_phrase_in_the_list_found_in_the_text() {
        for text in [
            "",
            "follow us on twitter and subscribe to our newsletter",
            "Follow Us on TWITTER and Subscribe to our Newsletter",
            "this site uses cookies; see our privacy policy and terms of use",
            "This Site uses COOKIES",
            "photo: getty images",
            "PHOTO: Getty Images",
            "sign insign up",
            "the council met on monday",
            "© 2024 all rights reserved. comments are closed",
            "© 2024 ALL RIGHTS RESERVED. Ünd COMMENTS",
            "Lin\u{212a}edin and FAC\u{130}NG",
        ] {
            let lower = text.to_lowercase();
            // The automaton ignores ASCII case: that is matching lower case only if every
            // phrase is lower-case ASCII.
            for (phrase, _) in FURNITURE_PHRASES.iter().chain(CHROME_PHRASES) {
                assert!(phrase
                    .bytes()
                    .all(|b| b.is_ascii() && !b.is_ascii_uppercase()));
            }
            assert_eq!(
                phrase_reasons(text),
                (
                    first_phrase(FURNITURE_PHRASES, &lower),
                    first_phrase(CHROME_PHRASES, &lower)
                ),
                "{text}"
            );
        }
        assert_eq!(
            phrase_reasons("follow us on twitter and subscribe"),
            (None, Some(Reason::SubscriptionPrompt))
        );
    }

    fn blocks<'a>(texts: &[&'a str]) -> Vec<Block<'a>> {
        texts
            .iter()
            .map(|t| Block {
                text: t,
                after_end_marker: false,
                after_title: false,
            })
            .collect()
    }

    #[test]
    fn ascii_blocks_have_the_features_read_char_by_char() {
        for text in [
            "The Mayor SAID on Monday that 12 bridges would open in 2025, and the others later.",
            "Die Regierung und der Rat sind nicht einverstanden mit dem Plan",
            "NEWS | SPORT | WEATHER -- don't miss it: a1b2 C3PO wouldn't",
            "internationalisation counterrevolutionaries through between",
            "",
            "   ...   ",
        ] {
            let empty = Features::of_bytes(text.len());
            assert_eq!(features(text), any_words(text, empty), "{text}");
        }
    }

    #[test]
    fn the_page_language_from_block_features_is_the_sampled_guess() {
        let pages: [&[&str]; 4] = [
            &[
                "Home | News | Sport",
                "The talks are set to resume in the spring.",
            ],
            &["O governo disse que não vai mudar a lei.", "The end."],
            &["東京 新聞", "12345"],
            &["Die Regierung sagte, dass sie das Gesetz nicht ändern wird und es für gut hält."],
        ];
        for texts in pages {
            let blocks = blocks(texts);
            let feats: Vec<Features> = blocks.iter().map(|b| features(b.text)).collect();
            let guess = stopwords::guess_language(texts.iter().copied());
            assert_eq!(page_language(&blocks, &feats), guess, "{texts:?}");
        }
        // Past the sample, the guess reads only its start: Portuguese, then much English.
        let long = format!(
            "{} {}",
            "o que não ".repeat(7000),
            "the of and ".repeat(7000)
        );
        let blocks = blocks(&[long.as_str()]);
        let feats: Vec<Features> = blocks.iter().map(|b| features(b.text)).collect();
        let guess = stopwords::guess_language([long.as_str()].into_iter());
        assert_eq!(page_language(&blocks, &feats), guess);
        assert_ne!(guess, stopwords::guess_language(["the of and"].into_iter()));
    }

    fn judge(texts: &[&str]) -> Vec<Verdict> {
        let blocks: Vec<Block> = texts
            .iter()
            .map(|t| Block {
                text: t,
                after_end_marker: false,
                after_title: false,
            })
            .collect();
        select(&blocks).verdicts
    }

    #[test]
    fn the_story_starts_below_the_first_repetition_of_its_headline() {
        let teaser = "Police said on Sunday that two people had been arrested in connection with \
            the death of a student, and that both would appear in court this week.";
        let story = "Health officials said on Monday that a sixth person had died of the virus, \
            which is spread by mosquitoes, and that the risk would last until the first frost.";
        let texts = [
            teaser,
            teaser,
            teaser,
            "Weather Videos",
            teaser,
            story,
            story,
        ];
        let mut blocks = blocks(&texts);
        let without = select(&blocks).verdicts;
        assert_eq!(
            without[0], None,
            "teasers are taken for the story without the headline"
        );
        blocks[5].after_title = true;
        let verdicts = select(&blocks).verdicts;
        assert!(verdicts[..5].iter().all(Option::is_some), "{verdicts:?}");
        assert_eq!(verdicts[5..], [None, None]);
    }

    const PROSE: &str = "The band said on Monday that it would go on a tour of the country next \
        summer, and that tickets for all of the shows would go on sale in the first week of \
        December at the usual outlets.";

    #[test]
    fn a_list_the_story_introduces_with_a_colon_is_kept() {
        let verdicts = judge(&[
            PROSE,
            "These are the deals not to miss this week, all of them on sale until Sunday:",
            "1) Lego Star Wars 75188 Bombardiere della Resistenza",
            "http://amzn.to/2iJFhRj",
            "2) Polistil 960574 Pista Elettrica Sorpasso",
            "3) Blade Runner The Final Cut (4K Ultra HD + Blu-Ray)",
            "Cerca: Search",
        ]);
        assert_eq!(verdicts[..6], [None; 6]);
        assert!(verdicts[6].is_some());
    }

    #[test]
    fn dated_items_under_a_heading_below_the_story_are_kept() {
        let verdicts = judge(&[
            PROSE,
            "The Doobie Brothers Tour Dates",
            "June 9 – West Palm Beach, FL @ Coral Sky Amphitheatre June 10 – Tampa, FL @ MIDFLORIDA Credit Union Amphitheatre",
            "June 17 – Nashville, TN @ Bridgestone Arena June 19 – Charlotte, NC @ PNC Music Pavilion",
            "Sept. 2 -- USANA Amphitheatre, Salt Lake City, UT Sept. 5 -- White River Amphitheatre",
        ]);
        assert_eq!(verdicts, [None; 5]);
    }

    #[test]
    fn headlines_in_an_inline_related_box_are_dropped_and_the_story_goes_on() {
        let blocks = [
            (PROSE, false),
            (
                "The Doobie Brothers: Lighting Up With the Stars of 'This Is the End'",
                true,
            ),
            ("Dave Grohl's Guest List: 21 Amazing Musical Cameos", false),
            (PROSE, false),
        ];
        let blocks: Vec<Block> = blocks
            .iter()
            .map(|&(text, after_end_marker)| Block {
                text,
                after_end_marker,
                after_title: false,
            })
            .collect();
        assert_eq!(
            select(&blocks).verdicts,
            [
                None,
                Some(Reason::RelatedLinks),
                Some(Reason::RelatedLinks),
                None
            ]
        );
    }

    #[test]
    fn a_score_line_is_not_a_teaser() {
        let line = "Space Coast (0-1): Kairi Thomas-Brooks 18 points. Adrianna Knight 12 points. Syniah Johnson 6 points.";
        assert_ne!(classify(line, None, 1), Class::Bad(Reason::RelatedLinks));
        let teaser = "Police: 2 In Custody After Death Of Student A 24-year-old woman was found dead on Sunday.";
        assert_eq!(classify(teaser, None, 1), Class::Bad(Reason::RelatedLinks));
    }

    #[test]
    fn a_subheading_run_into_its_paragraph_is_no_teaser() {
        let text = "Study Reveals Benefits Of Counter-Free Rental Experience A key finding from \
            the survey is that customers who skipped the rental counter were far more satisfied \
            with the whole experience, and the share of renters who did so has doubled since \
            the last survey, as more companies let them pick up a car with a phone.";
        assert_eq!(classify(text, None, 1), Class::Good);
    }

    #[test]
    fn a_paragraph_in_capitals_is_no_teaser() {
        let text = "NIGERIAN OIL MINISTER RILWANU LUKMAN SAID TODAY GOVERNMENT SUBSIDY ON \
            DOMESTIC OIL PRODUCTS HAD RISEN FROM 20 TO 85 PCT AFTER THE FLOTATION OF THE NAIRA.";
        assert_ne!(classify(text, None, 1), Class::Bad(Reason::RelatedLinks));
    }

    #[test]
    fn rows_of_figures_around_the_story_are_kept() {
        let verdicts = judge(&[
            "Home",
            "Shr 31 cts vs 20 cts",
            "Net 3,541,000 vs 2,071,000",
            "Year",
            "Sales 29.9 mln vs 14.5 mln",
            PROSE,
            "Avg shrs 11.6 mln vs 10.4 mln",
        ]);
        assert_eq!(verdicts[0], Some(Reason::Navigation));
        assert_eq!(verdicts[1..], [None; 6]);
    }

    #[test]
    fn a_list_of_dated_stories_below_the_story_is_not_the_story() {
        let summary = "Officials said on Tuesday that the talks between the two sides had \
            broken down again, and that no new date had been set for them to resume.";
        let mut texts = vec![PROSE, PROSE, PROSE, "Published 18 November 2019"];
        for (headline, date) in [
            (
                "Talks break down again over the budget",
                "Tuesday November 19, 2019",
            ),
            (
                "A second headline of another story",
                "Tuesday November 19, 2019",
            ),
            ("The third story of the list today", "2H ago"),
            (
                "The fourth story of the list today",
                "Monday November 18, 2019",
            ),
        ] {
            texts.extend([headline, "Jane Doe", date, summary]);
        }
        let verdicts = judge(&texts);
        assert_eq!(verdicts[..4], [None; 4]);
        assert!(verdicts[4..].iter().all(Option::is_some), "{verdicts:?}");
    }

    #[test]
    fn the_comment_form_is_comments_and_what_follows_it_is_not_the_story() {
        for line in [
            "Save my name, email, and website in this browser for the next time I comment.",
            "O seu endereço de e-mail não será publicado. Campos obrigatórios são marcados com *",
            "Your email address will not be published. Required fields are marked *",
        ] {
            assert_eq!(
                classify(line, None, 1),
                Class::Bad(Reason::Comments),
                "{line}"
            );
        }
        let comment = "I went to the same school as the band and I can tell you that they \
            were always going to make it, because they practised every single day after class.";
        let verdicts = judge(&[
            PROSE,
            PROSE,
            "Your email address will not be published. Required fields are marked *",
            "Save my name, email, and website in this browser for the next time I comment.",
            comment,
            comment,
        ]);
        assert_eq!(verdicts[..2], [None; 2]);
        assert!(verdicts[2..].iter().all(Option::is_some), "{verdicts:?}");
    }

    #[test]
    fn date_lines_are_dates_or_times_ago() {
        for line in [
            "Tuesday November 19, 2019",
            "1H ago",
            "3 hours ago",
            "2019-11-19",
        ] {
            assert!(is_date_line(line), "{line}");
        }
        for line in ["Jane Doe", "Ago", "Long ago", "November"] {
            assert!(!is_date_line(line), "{line}");
        }
    }

    #[test]
    fn a_long_category_list_is_not_crossed_to_reach_prose_below_it() {
        let prose_120 = PROSE.repeat(3);
        let mut texts = vec![PROSE, PROSE, PROSE];
        texts.extend(std::iter::repeat_n("Sports (1379)", 40));
        texts.push(&prose_120);
        let verdicts = judge(&texts);
        assert_eq!(verdicts[..3], [None; 3]);
        assert!(verdicts[3..].iter().all(Option::is_some));
    }

    #[test]
    fn a_story_sentence_with_a_chrome_word_is_prose_and_a_prompt_is_not() {
        let lang =
            stopwords::guess_language(["the company said that it was in the market"].into_iter());
        for sentence in [
            "BHP will subscribe for the remaining 540 mln shares, or 56 pct of issued capital.",
            "The SEC, as a matter of policy, never comments on its enforcement activities.",
            "His post drew thousands of replies on Twitter within an hour of the ruling.",
            "In a newspaper advertisement, MTS said the offer expires on April 3.",
            "All sales must be registered and exports completed by September 30, 1987.",
        ] {
            assert!(
                !matches!(classify(sentence, lang, 1), Class::Bad(_)),
                "{sentence}"
            );
        }
        for prompt in [
            "Subscribe to our newsletter for the latest news from the region.",
            "Follow us on Twitter and Facebook for all of the latest updates.",
            "Comments are closed for this article on the new bridge.",
            "Sign up for the daily briefing and get the news in your inbox.",
            "Please log in to continue reading this article.",
        ] {
            assert!(
                matches!(classify(prompt, lang, 1), Class::Bad(_)),
                "{prompt}"
            );
        }
    }

    #[test]
    fn separated_lists_are_link_lists_and_prose_with_one_slash_is_not() {
        assert!(is_link_list("News | Sport | Weather"));
        assert!(is_link_list("Politik • Wirtschaft • Kultur"));
        assert!(is_link_list("Home / World / Asia"));
        assert!(!is_link_list(
            "He said the 24/7 service, run either / or, was “fine” — 😀."
        ));
    }
}
