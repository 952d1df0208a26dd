//! Stories: articles that are copies of one another (wire copy run by many sites, corrected
//! re-sends), found at index time so that a story can be counted once.
//!
//! Each article body gets a MinHash signature over its word 3-shingles (words case- and
//! accent-folded, so layout, case and punctuation do not count): [`HASHES`] minima, whose
//! share of equal places estimates the Jaccard similarity of the two bodies' shingles. Two
//! articles are copies when at least [`MIN_EQUAL`] of the [`HASHES`] places agree (an estimated
//! similarity of 0.8): a typo or a corrected figure changes a few shingles of a hundred, a
//! story rewritten the next day (the same template, new figures) changes a third or more
//! (figures on Reuters in `docs/benchmarks.md`). Candidates are found by locality-sensitive
//! hashing: the signature in [`BANDS`] bands, and articles sharing a whole band compared. A body
//! of fewer than [`MIN_WORDS`] words gets no signature and is a story of its own: short texts
//! share too many shingles by chance.
//!
//! Not to be confused with `clean::dedup`, which drops paragraphs repeated inside one page.
//!
//! Copies must also be dated within [`MAX_DAYS_APART`] days of each other (when both are
//! dated): wire services send the same template every day (the Fed's daily operations, grain
//! ships loading at a port) with only the figures changed, and those are new stories.
//!
//! An article joins the story of the nearest article already indexed (first come, first
//! served), so a file added that copies an indexed one joins its story, and removing a file
//! leaves the others' story as it was. An article near two stories joins the nearer; the two
//! stories are not merged (that would rewrite every copy of one of them).

use crate::analysis::{self, Mode};
use rustc_hash::{FxHashMap, FxHasher};
use std::hash::{Hash, Hasher};

/// Minima in a signature.
pub const HASHES: usize = 32;

/// Places of two signatures that must agree for the articles to be copies: 26 of 32, an
/// estimated Jaccard similarity of 0.8 between their shingles.
pub const MIN_EQUAL: usize = 26;

/// Bands of the signature for the candidate lookup: 8 of 4 places each. Two bodies of
/// similarity 0.8 share a band with probability 1 - (1 - 0.8^4)^8 = 0.985, of 0.9 with 0.9998.
pub const BANDS: usize = 8;

/// Most days between the dates of two copies: syndicated copies and corrected re-sends run
/// within days (on Reuters, 487 of 511 groups within a day), a template filled anew is news.
pub const MAX_DAYS_APART: i32 = 3;

/// Fewest words in a body for it to have a signature.
pub const MIN_WORDS: usize = 10;

/// Words in a shingle.
const SHINGLE_WORDS: usize = 3;

/// Story ids are kept within JSON's exact integers (53 bits), for scripts reading them.
const STORY_ID_MASK: u64 = (1 << 53) - 1;

/// A body's MinHash signature.
pub type Signature = [u32; HASHES];

/// A well-mixed 64-bit hash (splitmix64's finalizer over FxHash): each of the signature's hash
/// functions must look random.
fn mixed(value: impl Hash) -> u64 {
    let mut hasher = FxHasher::default();
    value.hash(&mut hasher);
    splitmix(hasher.finish())
}

fn splitmix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// The MinHash signature of `body`'s word 3-shingles, or `None` for a body under
/// [`MIN_WORDS`] words.
pub fn signature(body: &str) -> Option<Signature> {
    let words: Vec<String> = analysis::word_spans(body)
        .into_iter()
        .map(|(start, end)| analysis::normalize_word(&body[start..end], Mode::Exact))
        .collect();
    if words.len() < MIN_WORDS {
        return None;
    }
    let mut minima = [u32::MAX; HASHES];
    for shingle in words.windows(SHINGLE_WORDS) {
        let base = mixed(shingle);
        for (i, min) in minima.iter_mut().enumerate() {
            // The i-th hash function: the shingle's hash mixed with the i-th seed.
            let hash =
                (splitmix(base ^ (i as u64).wrapping_mul(0x9e37_79b9_7f4a_7c15)) >> 32) as u32;
            *min = (*min).min(hash);
        }
    }
    Some(minima)
}

/// The signature as the index stores it: one value per place, the place in the high half
/// (a multi-valued column need not keep the order values were added in).
pub fn to_values(signature: &Signature) -> impl Iterator<Item = u64> + '_ {
    signature
        .iter()
        .enumerate()
        .map(|(i, &v)| (i as u64) << 32 | u64::from(v))
}

/// The signature of values stored by [`to_values`]; `None` unless every place is there.
pub fn from_values(values: impl Iterator<Item = u64>) -> Option<Signature> {
    let mut signature = [0u32; HASHES];
    let mut seen = 0usize;
    for value in values {
        let place = usize::try_from(value >> 32).ok().filter(|&p| p < HASHES)?;
        signature[place] = value as u32;
        seen |= 1 << place;
    }
    (seen == (1usize << HASHES) - 1).then_some(signature)
}

/// Places where two signatures agree.
pub fn equal_places(a: &Signature, b: &Signature) -> usize {
    a.iter().zip(b).filter(|(x, y)| x == y).count()
}

/// The id of a new story founded by the article at `path` with `signature`: another text at
/// the same path (a file rewritten) founds another story.
pub(crate) fn new_story(path: &str, signature: Option<&Signature>) -> u64 {
    mixed((path, signature)) & STORY_ID_MASK
}

/// What an article is compared by: its body's signature and its day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fingerprint {
    /// The body's signature ([`signature`]).
    pub signature: Option<Signature>,
    /// The article's date in days since the common era, when it has a full date.
    pub day: Option<i32>,
}

impl Fingerprint {
    /// The fingerprint of an article with `body` dated `date_number` (`yyyymmdd`).
    pub fn of(body: &str, date_number: Option<u64>) -> Fingerprint {
        Fingerprint {
            signature: signature(body),
            day: date_number.and_then(day_of),
        }
    }
}

/// Days since the common era of a `yyyymmdd` date number; `None` for no calendar day.
pub fn day_of(date_number: u64) -> Option<i32> {
    use chrono::Datelike;
    let (year, month, day) = (
        date_number / 10_000,
        date_number / 100 % 100,
        date_number % 100,
    );
    chrono::NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
    .map(|d| d.num_days_from_ce())
}

/// An article in the table.
#[derive(Clone, Debug)]
struct Member {
    print: Fingerprint,
    story: u64,
    live: bool,
}

/// The end of a band's chain of members.
const NO_MEMBER: u32 = u32::MAX;

/// The stories of the indexed articles, looked up by signature band. Memory is what a build
/// holds per article (about 400 bytes: the fingerprint, the path and the bands; 750 with a
/// list per band value), so the bands
/// are chains through one vector rather than a list per band value: each band value maps to
/// the last article filed under it, and each article's band links to the one filed before it
/// under the same value.
#[derive(Debug, Default)]
pub struct StoryTable {
    members: Vec<Member>,
    by_path: FxHashMap<String, u32>,
    /// The last member filed under each band key ([`band`]).
    heads: FxHashMap<u32, u32>,
    /// At `m * BANDS + i`: the member filed before member `m` under the key of its band `i`,
    /// or [`NO_MEMBER`].
    chains: Vec<u32>,
}

/// The key of band `i` of `signature`, the band's place mixed in, cut to 32 bits: two bands
/// whose keys collide make one chain, whose extra members the comparison of whole signatures
/// then rejects.
fn band(signature: &Signature, i: usize) -> u32 {
    let rows = HASHES / BANDS;
    (mixed((i, &signature[i * rows..(i + 1) * rows])) >> 32) as u32
}

impl StoryTable {
    /// Files an indexed article of story `story`.
    pub fn add(&mut self, path: &str, print: Fingerprint, story: u64) {
        self.remove(path);
        // Over four billion articles, an article is not filed: it joins no story but its own.
        let Ok(at) = u32::try_from(self.members.len()) else {
            return;
        };
        if at == NO_MEMBER {
            return;
        }
        for i in 0..BANDS {
            let before = match &print.signature {
                Some(signature) => self.heads.insert(band(signature, i), at),
                None => None,
            };
            self.chains.push(before.unwrap_or(NO_MEMBER));
        }
        self.members.push(Member {
            print,
            story,
            live: true,
        });
        self.by_path.insert(path.to_string(), at);
    }

    /// Every live article: its path, story and signature.
    #[cfg(test)]
    pub(crate) fn articles(&self) -> Vec<(String, u64, Option<Signature>)> {
        let mut out: Vec<_> = (self.by_path.iter())
            .filter_map(|(path, &at)| {
                let member = self.members.get(at as usize).filter(|m| m.live)?;
                Some((path.clone(), member.story, member.print.signature))
            })
            .collect();
        out.sort();
        out
    }

    /// Forgets the article at `path` (removed from the index, or about to be replaced).
    pub fn remove(&mut self, path: &str) {
        if let Some(at) = self.by_path.remove(path) {
            if let Some(member) = self.members.get_mut(at as usize) {
                member.live = false;
            }
        }
    }

    /// Forgets every record of the collection `file` (keys `file#N`), as a change of the file
    /// deletes them all.
    pub fn remove_records(&mut self, file: &str) {
        let prefix = format!("{file}#");
        let gone: Vec<String> = self
            .by_path
            .keys()
            .filter(|key| key.starts_with(&prefix))
            .cloned()
            .collect();
        for key in gone {
            self.remove(&key);
        }
    }

    /// The story of the live article nearest to `signature`, with at least [`MIN_EQUAL`]
    /// equal places and within [`MAX_DAYS_APART`] of `day` (the smaller story id between
    /// equally near ones).
    fn nearest(&self, signature: &Signature, day: Option<i32>) -> Option<u64> {
        let mut best: Option<(std::cmp::Reverse<usize>, u64)> = None;
        for i in 0..BANDS {
            let mut at = self
                .heads
                .get(&band(signature, i))
                .copied()
                .unwrap_or(NO_MEMBER);
            while at != NO_MEMBER {
                let here = at as usize;
                at = self
                    .chains
                    .get(here * BANDS + i)
                    .copied()
                    .unwrap_or(NO_MEMBER);
                let Some(member) = self.members.get(here).filter(|m| m.live) else {
                    continue;
                };
                let Some(other) = &member.print.signature else {
                    continue;
                };
                if let (Some(a), Some(b)) = (day, member.print.day) {
                    if (a - b).abs() > MAX_DAYS_APART {
                        continue;
                    }
                }
                let equal = equal_places(signature, other);
                let rank = (std::cmp::Reverse(equal), member.story);
                if equal >= MIN_EQUAL && best.is_none_or(|b| rank < b) {
                    best = Some(rank);
                }
            }
        }
        best.map(|(_, story)| story)
    }

    /// The story of a new or changed article: that of its nearest copy, or a new one; the
    /// article is filed under it.
    pub fn assign(&mut self, path: &str, print: Fingerprint) -> u64 {
        self.remove(path);
        let story = print
            .signature
            .as_ref()
            .and_then(|s| self.nearest(s, print.day))
            .unwrap_or_else(|| new_story(path, print.signature.as_ref()));
        self.add(path, print, story);
        story
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const WIRE: &str = "The International Coffee Organization failed to agree on export \
        quotas at its meeting in London, delegates said, and talks will resume next month \
        when producers and consumers meet again to discuss the market. Brazil, the largest \
        producer, had asked for a bigger share of the global quota, while Colombia and the \
        Central American growers wanted the old shares kept until a new survey of stocks is \
        done. Consumer countries led by the United States said any deal must give the market \
        more coffee at lower prices. Prices in New York fell two cents on the news, traders \
        said, and dealers expect more selling before the council meets again in September. \
        The organization's executive director told reporters he still hoped for an agreement \
        before the end of the coffee year, but several delegates were less hopeful.";

    #[test]
    fn copies_that_differ_by_layout_or_a_typo_are_near_and_other_stories_far() {
        let long = WIRE;
        let print = signature(long).expect("a signature");
        let relaid = long.replace(", ", ",\n    ").to_uppercase();
        assert_eq!(signature(&relaid), Some(print));
        let equal = |text: &str| equal_places(&signature(text).expect("a signature"), &print);
        let typo = long.replacen("delegates", "delegtaes", 1);
        assert!(equal(&typo) >= MIN_EQUAL, "{}", equal(&typo));
        let other = "Shares of the steel maker rose sharply on Wall Street after the company \
            reported higher quarterly earnings and raised its dividend for the year.";
        assert!(equal(other) < MIN_EQUAL);
        assert_eq!(signature("Too short to tell."), None);
    }

    #[test]
    fn a_signature_is_read_back_from_its_stored_values_in_any_order() {
        let print = signature(WIRE).expect("a signature");
        let mut values: Vec<u64> = to_values(&print).collect();
        values.reverse();
        assert_eq!(from_values(values.iter().copied()), Some(print));
        assert_eq!(from_values(values[1..].iter().copied()), None);
    }

    #[test]
    fn a_copy_joins_its_story_and_a_removed_founder_leaves_it_as_it_was() {
        let long = WIRE;
        let on = |text: &str, date: u64| Fingerprint::of(text, Some(date));
        let print = on(long, 19870302);
        let typo = on(&long.replacen("delegates", "delegtaes", 1), 19870303);
        let mut table = StoryTable::default();
        let first = table.assign("a.txt", print);
        assert_eq!(table.assign("b.txt", typo), first);
        let steel = "Shares of the steel maker rose sharply on Wall Street after the company \
            reported higher quarterly earnings and raised its dividend for the year.";
        let other = table.assign("c.txt", on(steel, 19870302));
        assert_ne!(other, first);
        table.remove("a.txt");
        assert_eq!(table.assign("d.txt", print), first, "b.txt still holds it");
        // Short bodies are each a story of their own.
        let short = on("Too short.", 19870302);
        assert_ne!(table.assign("e.txt", short), table.assign("f.txt", short));
        // The same text a week later is another story.
        assert_ne!(table.assign("g.txt", on(long, 19870310)), first);
        assert_eq!(day_of(19870310).map(|d| d - 7), day_of(19870303));
        assert_eq!(day_of(19870230), None);
    }

    #[test]
    fn a_band_chain_reaches_past_removed_and_unsigned_members() {
        let print = Fingerprint::of(WIRE, Some(19870302));
        let short = Fingerprint::of("Too short.", Some(19870302));
        let mut table = StoryTable::default();
        let story = table.assign("a.txt", print);
        for i in 0..5 {
            assert_eq!(table.assign(&format!("copy{i}.txt"), print), story);
            assert_ne!(table.assign(&format!("short{i}.txt"), short), story);
        }
        // The founder and the copies filed last (the heads of the chains) go: the copies
        // filed between them still hold the story.
        for gone in ["a.txt", "copy4.txt", "copy3.txt"] {
            table.remove(gone);
        }
        assert_eq!(table.assign("late.txt", print), story);
        // An article filed again under its path replaces its earlier self.
        assert_eq!(table.assign("copy0.txt", print), story);
        // Once every copy is gone, the same text founds a story of its own.
        for gone in ["copy0.txt", "copy1.txt", "copy2.txt", "late.txt"] {
            table.remove(gone);
        }
        assert_ne!(table.assign("new.txt", print), story);
    }
}
