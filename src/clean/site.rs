//! Site chrome: lines repeated across many articles of one site (menus, footers, sign-offs),
//! recognised by counting, whatever their wording.
//!
//! A site is the folder a file sits in: scrapes of one site usually share a folder. Before
//! cleaning, every file of the folder is read and each distinct line counted once per file; a
//! line found in at least [`MIN_FILES`] files and in at least [`MIN_SHARE`] of the folder's
//! files is chrome of that site, and the cleaner drops it with the reason [`REASON`]. A story
//! sentence rarely repeats verbatim across different articles, while a menu or a footer repeats
//! on every page. Lines are compared trimmed, with runs of whitespace collapsed and lower-cased,
//! by a 64-bit hash. For HTML the lines are the text between block-level tags, as the cleaner's
//! DOM walk cuts them.
//!
//! A folder of more than [`SAMPLE_FILES`] files is counted on a sample of that many, the same
//! files each time (see [`sampled`]): chrome is a share of the pages, and a sample that size
//! finds it as the whole folder would.
//!
//! Limits: a folder mixing many sites needs each site's chrome in a share of the whole folder;
//! near-copies of one story in a small folder share their sentences, which is why the cleaner
//! ignores the site's evidence for a file when it would take more of the text than it leaves
//! (see [`super::clean_with`]).

use super::{Format, Reason};
use rayon::slice::ParallelSliceMut;
use rustc_hash::{FxHashMap, FxHashSet, FxHasher};
use std::hash::Hasher;

/// Files a line must be found in, at least, to be site chrome.
pub const MIN_FILES: u32 = 3;

/// Share of a folder's files a line must be found in, at least, to be site chrome.
pub const MIN_SHARE: f64 = 0.1;

/// Lines longer than this (in bytes) are paragraphs, never counted as chrome: menus, footers
/// and sign-offs are short, and skipping long lines unread keeps the counting pass fast and a
/// story paragraph that several versions of an article share out of reach.
pub const MAX_LINE_BYTES: usize = 400;

/// Files of one site whose lines are counted, at most. Chrome is a share of a site's pages
/// ([`MIN_SHARE`]), which a sample of this many measures closely: a line on 12% of the pages is
/// on fewer than 10% of 2,000 sampled ones about once in 300 samples, and a menu or a footer is
/// on nearly every page. Past this, hashing the lines of every file would only add work: on
/// Reuters' 19,043 files in one folder, it was a third of the site pass.
pub const SAMPLE_FILES: usize = 2000;

/// The reason given in [`super::Removed`] for a site chrome line.
pub const REASON: Reason = Reason::RepeatedAcrossSite;

/// Whitespace as [`char::is_whitespace`] has it, for an ASCII byte.
fn is_ascii_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0B | 0x0C | b'\r')
}

/// Writes `line` normalised for comparison into `buf` (UTF-8): trimmed, whitespace runs as one
/// space, lower-cased. Returns whether it has a letter. Every line of a corpus goes through
/// here, so ASCII lines, nearly all, are copied a word at a time and lower-cased at once.
fn normalise_into(line: &str, buf: &mut Vec<u8>) -> bool {
    buf.clear();
    let mut letter = false;
    let mut space = false;
    if line.is_ascii() {
        for word in line.as_bytes().split(|&b| is_ascii_space(b)) {
            if word.is_empty() {
                continue;
            }
            if !buf.is_empty() {
                buf.push(b' ');
            }
            buf.extend_from_slice(word);
        }
        buf.make_ascii_lowercase();
        return buf.iter().any(u8::is_ascii_alphabetic);
    }
    let mut utf8 = [0u8; 4];
    for c in line.chars() {
        if c.is_whitespace() {
            space = !buf.is_empty();
            continue;
        }
        if space {
            buf.push(b' ');
            space = false;
        }
        for l in c.to_lowercase() {
            letter |= l.is_alphabetic();
            buf.extend_from_slice(l.encode_utf8(&mut utf8).as_bytes());
        }
    }
    letter
}

/// The hash under which `line` is counted, normalised in `buf` ([`normalise_into`]); `None` for
/// a line over [`MAX_LINE_BYTES`] or one without a letter: a number or a table cell ("0",
/// "12:30", "|") repeats on pages of every site and says nothing of its chrome.
fn hash_line(line: &str, buf: &mut Vec<u8>) -> Option<u64> {
    if line.len() > MAX_LINE_BYTES || !normalise_into(line, buf) {
        return None;
    }
    let mut h = FxHasher::default();
    h.write(buf);
    // The length goes in too, so that lines differing only in trailing bytes part further.
    h.write_usize(buf.len());
    Some(h.finish())
}

/// The hash under which `line` is counted; `None` for a blank line, one without a letter or one
/// over [`MAX_LINE_BYTES`].
pub fn line_hash(line: &str) -> Option<u64> {
    hash_line(line, &mut Vec::with_capacity(line.len()))
}

/// The distinct lines of one decoded file, as hashes, sorted.
pub fn file_lines(content: &str, format: Format) -> Vec<u64> {
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut add = |line: &str| out.extend(hash_line(line, &mut buf));
    match format {
        Format::Text => content.lines().for_each(&mut add),
        Format::Html => html_text_lines(content, &mut add),
    }
    out.sort_unstable();
    out.dedup();
    out
}

/// Which files the line counts read, from the site and the file name of each file: every file
/// of a site of at most [`SAMPLE_FILES`] files, and of a larger site the [`SAMPLE_FILES`] whose
/// names hash lowest. The names decide, under a hash fixed here (64-bit FNV-1a), so the sample
/// is the same whatever order the files come in, however the folder is reached, and in an
/// update as in a full build.
pub fn sampled<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>) -> Vec<bool> {
    sampled_at_most(files, SAMPLE_FILES)
}

/// [`sampled`], with at most `cap` files counted per site.
fn sampled_at_most<'a>(files: impl Iterator<Item = (&'a str, &'a [u8])>, cap: usize) -> Vec<bool> {
    let mut sites: FxHashMap<&str, Vec<(u64, usize)>> = FxHashMap::default();
    let mut counted = Vec::new();
    for (i, (site, name)) in files.enumerate() {
        sites.entry(site).or_default().push((name_hash(name), i));
        counted.push(false);
    }
    for mut site in sites.into_values() {
        if site.len() > cap {
            // Equal hashes (equal names cannot be, in one folder) part by position.
            site.select_nth_unstable(cap);
            site.truncate(cap);
        }
        for (_, i) in site {
            counted[i] = true;
        }
    }
    counted
}

/// 64-bit FNV-1a of a file name: a hash that no crate update can change, so that the sample of
/// a large site stays the same from one version to the next.
fn name_hash(name: &[u8]) -> u64 {
    name.iter().fold(0xcbf2_9ce4_8422_2325, |h, &b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
    })
}

/// Elements whose content is not page text.
const RAW_TEXT_TAGS: &[&str] = &["script", "style", "noscript", "template", "textarea"];

/// Calls `add` with the text between block-level tags of an HTML page, cut as the DOM walk of
/// the cleaner cuts blocks: a block tag ends a line, any other tag is a space. Only the common
/// entities are decoded; a block whose text differs from the DOM's is simply never matched.
fn html_text_lines(html: &str, add: &mut impl FnMut(&str)) {
    let mut text = String::new();
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        push_decoded(&rest[..at], &mut text);
        rest = &rest[at..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        let Some(end) = rest.find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[1..end];
        rest = &rest[end + 1..];
        let closing = tag.starts_with('/');
        let name: String = tag
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if super::dom::BLOCK_TAGS.contains(&name.as_str()) {
            add(&text);
            text.clear();
        } else {
            text.push(' ');
        }
        if !closing && RAW_TEXT_TAGS.contains(&name.as_str()) {
            // Skip to the element's end tag (ASCII, so the cut is on a char boundary).
            let close = format!("</{name}");
            let lower_end = find_ascii_case_insensitive(rest, &close);
            rest = lower_end.map_or("", |i| &rest[i..]);
        }
    }
    push_decoded(rest, &mut text);
    add(&text);
}

/// Byte offset of the ASCII `needle` in `hay`, ignoring ASCII case.
fn find_ascii_case_insensitive(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.len();
    hay.as_bytes()
        .windows(n)
        .position(|w| w.eq_ignore_ascii_case(needle.as_bytes()))
}

/// Appends `raw` to `out` with the common HTML entities decoded.
fn push_decoded(raw: &str, out: &mut String) {
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        // Entities are short: look for the `;` in the next few bytes only, so that a page of
        // bare ampersands costs no more than one without.
        let entity = rest.get(1..).and_then(|r| {
            let end = r.bytes().take(12).position(|b| b == b';')?;
            r.get(..end)
        });
        let decoded = entity.and_then(|e| match e {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            "nbsp" => Some('\u{a0}'),
            _ => {
                let num = e.strip_prefix('#')?;
                let code = match num.strip_prefix(['x', 'X']) {
                    Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                    None => num.parse().ok()?,
                };
                char::from_u32(code)
            }
        });
        match (entity, decoded) {
            (Some(e), Some(c)) => {
                out.push(c);
                rest = &rest[e.len() + 2..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The chrome lines of one site, by hash.
#[derive(Clone, Debug, Default)]
pub struct SiteChrome {
    lines: FxHashSet<u64>,
}

impl SiteChrome {
    /// Whether `line` is chrome of this site.
    pub fn contains(&self, line: &str) -> bool {
        !self.lines.is_empty() && line_hash(line).is_some_and(|h| self.lines.contains(&h))
    }

    /// Whether the site has no chrome lines (no evidence).
    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// How many chrome lines the site has.
    pub fn len(&self) -> usize {
        self.lines.len()
    }
}

/// The lines of one site's files, to be counted.
#[derive(Debug, Default)]
struct SiteTally {
    files: u32,
    /// The distinct lines of each file, one after the other, not yet counted.
    lines: Vec<u64>,
    /// Lines counted so far, with the files holding each, sorted by line.
    counted: Vec<(u64, u32)>,
}

/// Lines a tally holds uncounted before it counts them (32 MB): past it, a site's lines cost
/// memory by distinct line, not by occurrence.
const UNCOUNTED_LINES: usize = 4 << 20;

/// Lines from which a tally is sorted on every core.
const PARALLEL_SORT_LINES: usize = 1 << 16;

impl SiteTally {
    /// Counts the lines not yet counted into [`SiteTally::counted`].
    fn count(&mut self) {
        if self.lines.is_empty() {
            return;
        }
        if self.lines.len() >= PARALLEL_SORT_LINES {
            self.lines.par_sort_unstable();
        } else {
            self.lines.sort_unstable();
        }
        let mut runs = Vec::new();
        for chunk in self.lines.chunk_by(|a, b| a == b) {
            runs.push((chunk[0], chunk.len() as u32));
        }
        self.lines = Vec::new();
        self.counted = merge_counted(std::mem::take(&mut self.counted), runs);
    }
}

/// Two sorted lists of counted lines as one.
fn merge_counted(a: Vec<(u64, u32)>, b: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    if a.is_empty() {
        return b;
    }
    if b.is_empty() {
        return a;
    }
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i], b[j]);
        if x.0 == y.0 {
            out.push((x.0, x.1 + y.1));
            i += 1;
            j += 1;
        } else if x.0 < y.0 {
            out.push(x);
            i += 1;
        } else {
            out.push(y);
            j += 1;
        }
    }
    out.extend_from_slice(&a[i..]);
    out.extend_from_slice(&b[j..]);
    out
}

/// Counts, per site, in how many files each line occurs: filled from every file of a corpus
/// (in parallel, one per thread, then merged), then turned into [`SiteLines`]. The lines of
/// the files are gathered, then sorted and counted at once: cheaper than a hash map updated
/// line by line (a cache miss each) and merged map into map.
#[derive(Debug, Default)]
pub struct SiteCounts {
    sites: FxHashMap<String, SiteTally>,
}

impl SiteCounts {
    /// Counts the distinct `lines` (from [`file_lines`]) of one file of `site`.
    pub fn add_file(&mut self, site: &str, lines: &[u64]) {
        let tally = match self.sites.get_mut(site) {
            Some(tally) => tally,
            None => self.sites.entry(site.to_string()).or_default(),
        };
        tally.files += 1;
        tally.lines.extend_from_slice(lines);
        if tally.lines.len() >= UNCOUNTED_LINES {
            tally.count();
        }
    }

    /// The counts of both.
    pub fn merge(mut self, other: SiteCounts) -> SiteCounts {
        for (site, mut theirs) in other.sites {
            let mine = self.sites.entry(site).or_default();
            mine.files += theirs.files;
            if mine.lines.len() < theirs.lines.len() {
                std::mem::swap(&mut mine.lines, &mut theirs.lines);
            }
            mine.lines.append(&mut theirs.lines);
            mine.counted = merge_counted(std::mem::take(&mut mine.counted), theirs.counted);
            if mine.lines.len() >= UNCOUNTED_LINES {
                mine.count();
            }
        }
        self
    }

    /// The chrome lines of every site: those found in at least [`MIN_FILES`] files and in at
    /// least [`MIN_SHARE`] of the site's files.
    pub fn chrome(self) -> SiteLines {
        let sites = self
            .sites
            .into_iter()
            .filter_map(|(site, mut tally)| {
                tally.count();
                let need = min_files(tally.files);
                let lines: FxHashSet<u64> = tally
                    .counted
                    .into_iter()
                    .filter(|&(_, n)| n >= need)
                    .map(|(h, _)| h)
                    .collect();
                (!lines.is_empty()).then_some((site, SiteChrome { lines }))
            })
            .collect();
        SiteLines {
            sites,
            none: SiteChrome::default(),
        }
    }
}

/// Files of a site of `files` files that must hold a line for it to be chrome.
fn min_files(files: u32) -> u32 {
    let share = (f64::from(files) * MIN_SHARE).ceil() as u32;
    share.max(MIN_FILES)
}

/// The chrome lines of every site of a corpus.
#[derive(Debug, Default)]
pub struct SiteLines {
    sites: FxHashMap<String, SiteChrome>,
    none: SiteChrome,
}

impl SiteLines {
    /// The chrome of `site` (empty when the site has none).
    pub fn get(&self, site: &str) -> &SiteChrome {
        self.sites.get(site).unwrap_or(&self.none)
    }

    /// Chrome lines over all sites.
    pub fn len(&self) -> usize {
        self.sites.values().map(SiteChrome::len).sum()
    }

    /// Whether no site has chrome lines.
    pub fn is_empty(&self) -> bool {
        self.sites.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn counts(files: &[(&str, &str)]) -> SiteLines {
        let mut c = SiteCounts::default();
        for (site, text) in files {
            c.add_file(site, &file_lines(text, Format::Text));
        }
        c.chrome()
    }

    /// The normalisation by its definition: trimmed, whitespace runs as one space, lower-cased
    /// char by char; `None` without a letter.
    fn normalised_plainly(line: &str) -> Option<String> {
        let words: Vec<String> = line
            .split(char::is_whitespace)
            .filter(|w| !w.is_empty())
            .map(|w| w.chars().flat_map(char::to_lowercase).collect())
            .collect();
        let joined = words.join(" ");
        joined.chars().any(char::is_alphabetic).then_some(joined)
    }

    #[test]
    fn the_byte_by_byte_normalisation_is_the_plain_one() {
        let lines = [
            "  Follow us   on\tTWITTER ",
            "a\x0Bb\x0Cc\rd",
            "12:30 | 0",
            "",
            "   ",
            "Caf\u{e9}\u{a0}\u{a0}MENU\u{85}x",
            "\u{130}stanbul \u{212a}elvin \u{24b6}",
            "\u{2160} \u{3000}\u{4e2d}\u{6587}",
            "\u{2003}",
            "\u{39f}\u{394}\u{3a5}\u{3a3}\u{3a3}\u{395}\u{3a5}\u{3a3}",
        ];
        let mut buf = Vec::new();
        for line in lines {
            let fast = normalise_into(line, &mut buf).then(|| String::from_utf8(buf.clone()));
            assert_eq!(
                fast.transpose().ok().flatten(),
                normalised_plainly(line),
                "{line:?}"
            );
        }
    }

    #[test]
    fn lines_compare_trimmed_collapsed_and_lower_cased() {
        assert_eq!(
            line_hash("  Subscribe to  the\tDaily Bugle "),
            line_hash("subscribe to the daily bugle")
        );
        assert_eq!(line_hash("ÉTÉ Ünïcödé"), line_hash("été ünïcödé"));
        assert_ne!(line_hash("subscribe"), line_hash("subscribed"));
        assert_eq!(line_hash(" \t "), None);
        assert_eq!(line_hash(" 0 "), None);
        assert_eq!(line_hash("12:30 | 4"), None);
        assert_eq!(line_hash(&"word ".repeat(100)), None);
    }

    #[test]
    fn a_large_site_is_counted_on_the_same_sample_whatever_the_order() {
        let names: Vec<String> = (0..100).map(|i| format!("{i:05}.txt")).collect();
        let files = |order: &[usize]| -> Vec<(&str, &[u8])> {
            let mut all: Vec<(&str, &[u8])> = order
                .iter()
                .map(|&i| ("big", names[i].as_bytes()))
                .collect();
            all.push(("small", b"only.txt"));
            all
        };
        let forward: Vec<usize> = (0..100).collect();
        let backward: Vec<usize> = (0..100).rev().collect();
        let picked = |order: &[usize]| -> Vec<&str> {
            let counted = sampled_at_most(files(order).into_iter(), 10);
            assert!(counted[100], "the small site's one file is counted");
            let mut picked: Vec<&str> = order
                .iter()
                .zip(&counted)
                .filter(|(_, &c)| c)
                .map(|(&i, _)| names[i].as_str())
                .collect();
            picked.sort_unstable();
            picked
        };
        let sample = picked(&forward);
        assert_eq!(sample.len(), 10);
        assert_eq!(picked(&backward), sample);
        // Every file of a site at most the cap is counted.
        assert!(sampled_at_most(files(&forward).into_iter(), 100)
            .iter()
            .all(|&c| c));
    }

    #[test]
    fn a_sample_finds_the_chrome_of_a_large_site() {
        let names: Vec<String> = (0..500).map(|i| format!("{i:05}.txt")).collect();
        let counted = sampled_at_most(names.iter().map(|n| ("site", n.as_bytes())), 100);
        let mut c = SiteCounts::default();
        for (i, _) in names.iter().enumerate().filter(|(i, _)| counted[*i]) {
            // A footer on every page, an aside on one page in fifty.
            let mut text = format!("Story {i}.\nFollow us on twitter\n");
            if i % 50 == 0 {
                text.push_str("Rare aside\n");
            }
            c.add_file("site", &file_lines(&text, Format::Text));
        }
        let chrome = c.chrome();
        assert!(chrome.get("site").contains("Follow us on twitter"));
        assert!(!chrome.get("site").contains("Rare aside"));
    }

    #[test]
    fn a_line_counts_once_per_file() {
        let lines = file_lines("Menu\nStory.\nmenu\n\n  MENU  \n", Format::Text);
        assert_eq!(lines.len(), 2);
    }

    #[test]
    fn a_line_in_three_files_of_a_site_is_chrome() {
        let footer = "Subscribe to the Daily Bugle newsletter for more";
        let sites = counts(&[
            ("bugle", &format!("One story.\n{footer}")),
            ("bugle", &format!("Another story.\n{footer}")),
            ("bugle", &format!("A third story.\n{footer}")),
        ]);
        assert!(sites.get("bugle").contains(footer));
        assert!(!sites.get("bugle").contains("One story."));
        assert!(sites.get("elsewhere").is_empty());
    }

    #[test]
    fn a_line_in_two_files_is_not_chrome() {
        let sites = counts(&[
            ("bugle", "Story one.\nShared line"),
            ("bugle", "Story two.\nShared line"),
            ("bugle", "Story three."),
        ]);
        assert!(sites.is_empty());
    }

    #[test]
    fn other_sites_do_not_count() {
        let sites = counts(&[
            ("bugle", "Story one.\nShared line"),
            ("bugle", "Story two.\nShared line"),
            ("planet", "Story three.\nShared line"),
        ]);
        assert!(sites.is_empty());
    }

    #[test]
    fn threshold_is_three_files_or_a_tenth_of_the_site() {
        assert_eq!(min_files(1), 3);
        assert_eq!(min_files(30), 3);
        assert_eq!(min_files(31), 4);
        assert_eq!(min_files(121), 13);
        assert_eq!(min_files(19_043), 1_905);
    }

    #[test]
    fn merged_counts_equal_counts_of_all_files() {
        let line = |n| format!("story {n}.\nfooter line");
        let mut a = SiteCounts::default();
        let mut b = SiteCounts::default();
        a.add_file("s", &file_lines(&line(1), Format::Text));
        b.add_file("s", &file_lines(&line(2), Format::Text));
        b.add_file("s", &file_lines(&line(3), Format::Text));
        let sites = a.merge(b).chrome();
        assert!(sites.get("s").contains("Footer line"));
        assert_eq!(sites.len(), 1);
    }

    #[test]
    fn counted_lists_merge_by_line_adding_their_counts() {
        let merged = merge_counted(vec![(1, 2), (3, 1), (9, 4)], vec![(1, 1), (2, 5), (4, 1)]);
        assert_eq!(merged, [(1, 3), (2, 5), (3, 1), (4, 1), (9, 4)]);
        assert_eq!(merge_counted(Vec::new(), vec![(7, 1)]), [(7, 1)]);
    }

    #[test]
    fn lines_counted_along_the_way_add_up_with_those_counted_at_the_end() {
        let footer = file_lines("Footer line\nstory", Format::Text);
        let mut a = SiteCounts::default();
        let mut b = SiteCounts::default();
        a.add_file("s", &footer);
        a.sites.get_mut("s").expect("added").count();
        a.add_file("s", &footer);
        b.add_file("s", &file_lines("Footer line\nother story", Format::Text));
        b.sites.get_mut("s").expect("added").count();
        let counts = a.merge(b);
        let tally = &counts.sites["s"];
        assert_eq!(
            (tally.files, tally.lines.len()),
            (3, 2),
            "the last file is not counted yet"
        );
        let sites = counts.chrome();
        assert!(sites.get("s").contains("footer line"));
        assert_eq!(sites.len(), 1, "'story' is in two files only");
    }

    #[test]
    fn html_lines_are_the_text_between_block_tags() {
        let html = "<html><head><style>p { x: 1 }</style><script>if (a<b) {}</script></head>\
            <body><div><p>Subscribe to the <a href=x>Daily&nbsp;Bugle</a> &amp; more</p>\
            <!-- <p>hidden</p> --><li>Home</li></div></body></html>";
        let lines = file_lines(html, Format::Html);
        let expect: Vec<u64> = ["Subscribe to the Daily Bugle & more", "Home"]
            .iter()
            .filter_map(|l| line_hash(l))
            .collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        for h in expect {
            assert!(lines.contains(&h));
        }
    }

    #[test]
    fn odd_html_does_not_panic() {
        for html in [
            "<",
            "<p",
            "&",
            "&#xZZ;",
            "&#99999999;",
            "<script>",
            "é<é>&é;",
            "<!--",
        ] {
            let _ = file_lines(html, Format::Html);
        }
    }
}
