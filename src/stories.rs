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

/// Places where two signatures (whole, or as the table keeps them) agree.
pub fn equal_places<T: PartialEq>(a: &[T; HASHES], b: &[T; HASHES]) -> usize {
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

/// Bits kept of each place of a signature in the table: the low 16 of its 32 (b-bit minwise
/// hashing, Li and König 2010). Two places that differ look equal to the table once in 65,536
/// times, so a pair of articles with 25 equal places of 32 passes for copies (26) about once in
/// ten thousand such pairs; the table holds half the bytes per article. The index keeps whole
/// signatures.
pub type Kept = [u16; HASHES];

/// The places of `signature` as the table keeps them.
pub fn kept(signature: &Signature) -> Kept {
    signature.map(|place| place as u16)
}

/// An article in the table: 88 bytes.
#[derive(Clone, Debug)]
struct Member {
    /// Its signature's places as kept ([`kept`]); meaningless unless `signed`.
    places: Kept,
    story: u64,
    day: Option<i32>,
    signed: bool,
    live: bool,
}

/// The end of a band's chain of members.
const NO_MEMBER: u32 = u32::MAX;

/// Signed members per head of a band, at most: two on average share a head, whose chains are
/// then one (the comparison of whole signatures rejects the other's members).
const MEMBERS_PER_HEAD: usize = 2;

/// Heads of each band in a new table.
const FIRST_HEADS: usize = 1024;

/// A path's key in the table: two independent 64-bit hashes of it (FxHash mixed, and SipHash),
/// not the path. Two paths of one corpus share a key with a probability of about n² / 2^129:
/// never, in practice; and were they to, one article would only leave its story (it would
/// found a new one for its next copy).
type PathKey = (u64, u64);

fn path_key(path: &str) -> PathKey {
    use std::hash::BuildHasher;
    let sip = std::hash::BuildHasherDefault::<std::collections::hash_map::DefaultHasher>::default();
    (mixed(path), sip.hash_one(path))
}

/// The stories of the indexed articles, looked up by signature band. What it holds per article
/// is 136 to 152 bytes: the member (88), its band links (32) and the band heads (16 to 32); and
/// until [`StoryTable::forget_paths`], the path's entry in a map (24 bytes, the map half to
/// seven eighths full): no path is kept, only its hash ([`PathKey`]). The bands are chains through one vector rather than a
/// list per band value: each band's key picks a head (the last article filed under it, in a
/// vector of a power-of-two size that doubles as articles come), and each article's band links
/// to the one filed before it under the same head.
#[derive(Debug)]
pub struct StoryTable {
    members: Vec<Member>,
    /// The member of each path's article; `None` once [`StoryTable::forget_paths`] dropped it.
    by_path: Option<FxHashMap<PathKey, u32>>,
    /// The last member filed under each head: [`BANDS`] runs of a power-of-two length, one
    /// per band (a chain holds one band's links only), picked in by the low bits of a band's
    /// key ([`band`]).
    heads: Vec<u32>,
    /// At `m * BANDS + i`: the member filed before member `m` under the head of its band `i`,
    /// or [`NO_MEMBER`].
    chains: Vec<u32>,
    /// Members with a signature, each filed under [`BANDS`] heads.
    signed: usize,
}

impl Default for StoryTable {
    fn default() -> StoryTable {
        StoryTable {
            members: Vec::new(),
            by_path: Some(FxHashMap::default()),
            heads: Vec::new(),
            chains: Vec::new(),
            signed: 0,
        }
    }
}

/// The key of band `i` of the places `kept`, the band's place mixed in.
fn band(kept: &Kept, i: usize) -> u64 {
    let rows = HASHES / BANDS;
    mixed((i, &kept[i * rows..(i + 1) * rows]))
}

impl StoryTable {
    /// The head of band `i` of key `key`.
    fn head(&self, i: usize, key: u64) -> usize {
        // Each band's run of heads has a power-of-two length.
        let per_band = self.heads.len() / BANDS;
        i * per_band + ((key as usize) & (per_band - 1))
    }

    /// Files member `at` under the heads of its bands, before any member filed after it.
    fn link(&mut self, at: usize) {
        let Some(member) = self.members.get(at) else {
            return;
        };
        if !member.signed {
            return;
        }
        let places = member.places;
        for i in 0..BANDS {
            let head = self.head(i, band(&places, i));
            self.chains[at * BANDS + i] = std::mem::replace(&mut self.heads[head], at as u32);
        }
    }

    /// Makes room for one more signed member: the heads double (and every member is filed
    /// again, in the order they came) once there would be more than [`MEMBERS_PER_HEAD`]
    /// members per head.
    fn grow(&mut self) {
        let wanted = (self.signed + 1).div_ceil(MEMBERS_PER_HEAD);
        if self.heads.len() / BANDS >= wanted {
            return;
        }
        let per_band = wanted.next_power_of_two().max(FIRST_HEADS);
        self.heads = vec![NO_MEMBER; per_band * BANDS];
        self.chains.fill(NO_MEMBER);
        for at in 0..self.members.len() {
            self.link(at);
        }
    }

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
        let signed = print.signature.is_some();
        if signed {
            self.grow();
        }
        self.members.push(Member {
            places: print.signature.as_ref().map(kept).unwrap_or_default(),
            story,
            day: print.day,
            signed,
            live: true,
        });
        self.chains.extend([NO_MEMBER; BANDS]);
        self.link(at as usize);
        self.signed += usize::from(signed);
        if let Some(by_path) = &mut self.by_path {
            by_path.insert(path_key(path), at);
        }
    }

    /// Drops what the table knows of paths, the last part of it that grows per article
    /// (24 bytes and the map's slack): after it, [`StoryTable::remove`] and
    /// [`StoryTable::story_of`] find nothing, and an article filed again under a path it had
    /// does not replace its earlier self. An update calls it once the articles of changed and
    /// removed files are gone, before it files any: each article it files then has a path
    /// the table does not hold.
    pub fn forget_paths(&mut self) {
        self.by_path = None;
    }

    /// The story of the live article at `path`, if it is filed.
    #[cfg(test)]
    pub(crate) fn story_of(&self, path: &str) -> Option<u64> {
        let at = *self.by_path.as_ref()?.get(&path_key(path))?;
        (self.members.get(at as usize))
            .filter(|m| m.live)
            .map(|m| m.story)
    }

    /// Live articles filed.
    #[cfg(test)]
    pub(crate) fn len(&self) -> usize {
        self.by_path.as_ref().map_or(0, |by_path| by_path.len())
    }

    /// Forgets the article at `path` (removed from the index, or about to be replaced).
    pub fn remove(&mut self, path: &str) {
        let by_path = self.by_path.as_mut();
        if let Some(at) = by_path.and_then(|by_path| by_path.remove(&path_key(path))) {
            if let Some(member) = self.members.get_mut(at as usize) {
                member.live = false;
            }
        }
    }

    /// The story of the live article nearest to `signature`, with at least [`MIN_EQUAL`]
    /// equal places kept and within [`MAX_DAYS_APART`] of `day` (the smaller story id between
    /// equally near ones).
    fn nearest(&self, signature: &Signature, day: Option<i32>) -> Option<u64> {
        if self.heads.is_empty() {
            return None;
        }
        let places = kept(signature);
        let mut best: Option<(std::cmp::Reverse<usize>, u64)> = None;
        for i in 0..BANDS {
            let mut at = self.heads[self.head(i, band(&places, i))];
            while at != NO_MEMBER {
                let here = at as usize;
                at = self
                    .chains
                    .get(here * BANDS + i)
                    .copied()
                    .unwrap_or(NO_MEMBER);
                let Some(member) = self.members.get(here).filter(|m| m.live && m.signed) else {
                    continue;
                };
                if let (Some(a), Some(b)) = (day, member.day) {
                    if (a - b).abs() > MAX_DAYS_APART {
                        continue;
                    }
                }
                let equal = equal_places(&places, &member.places);
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
    use rustc_hash::FxHashSet;

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
    fn copies_are_found_after_the_heads_grew_many_times_over() {
        let on = |text: &str| Fingerprint::of(text, Some(19870302));
        let mut table = StoryTable::default();
        let first = table.assign("wire.txt", on(WIRE));
        // Articles of their own words, enough for the heads to double three times (each band
        // starts with FIRST_HEADS, for MEMBERS_PER_HEAD members each).
        let others = FIRST_HEADS * MEMBERS_PER_HEAD * 8;
        let mut stories = FxHashSet::default();
        for n in 0..others {
            let words: Vec<String> = (0..30).map(|j| format!("w{n}x{j}")).collect();
            stories.insert(table.assign(&format!("{n}.txt"), on(&words.join(" "))));
        }
        assert_eq!(stories.len(), others, "each a story of its own");
        assert!(table.heads.len() >= BANDS * others / MEMBERS_PER_HEAD);
        let typo = WIRE.replacen("delegates", "delegtaes", 1);
        assert_eq!(table.assign("copy.txt", on(&typo)), first);
        assert_eq!(table.story_of("wire.txt"), Some(first));
        assert_eq!(table.story_of("copy.txt"), Some(first));
        table.remove("wire.txt");
        assert_eq!(table.story_of("wire.txt"), None);
        assert_eq!(table.len(), others + 1);
        // Without its paths, the table still files copies under their story.
        table.forget_paths();
        table.remove("copy.txt");
        assert_eq!(
            table.assign("late.txt", on(&typo)),
            first,
            "copy.txt still holds it"
        );
        assert_eq!(table.story_of("late.txt"), None);
    }

    #[test]
    fn kept_places_are_the_low_half_of_each() {
        let print = signature(WIRE).expect("a signature");
        let places = kept(&print);
        for (whole, low) in print.iter().zip(places) {
            assert_eq!(u32::from(low), whole & 0xffff);
        }
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
