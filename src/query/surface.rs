//! Surface words in the body, as written: `=word`, `word*` and `word~N`.
//!
//! The body is indexed twice: `text` holds every word's stem with its position, and
//! `text_exact` holds, per passage, only the surface words that the stems cannot stand for
//! (see [`analysis::SurfaceTerms`]). Each stem has one canonical form ([`analysis::canonical`]):
//! the stem itself (`price`), or for a stem that is no word its usual form (`people`, stem
//! `peopl`). Recorded are:
//! - every word that is not the canonical form of its stem (`prices`);
//! - a canonical form only where a variant of its stem (`prices`) is in the passage too;
//! - a marker `\x01stem` where a variant does not start with its stem's
//!   [`analysis::variant_prefix`] (`dying`, stem `die`), so that every variant of a stem can
//!   be found from the stem;
//! - and, the first time a segment sees a canonical form, that word, so that the segment's
//!   dictionary lists every surface word for fuzzy matching to run along. An update that
//!   deletes passages can break that (a later merge may drop the one passage listing a word),
//!   so the commit says whether it holds, and fuzzy matching otherwise runs along the stems
//!   (and the canonical forms of the table) too.
//!
//! Most words of running text are the canonical form of their stem and the only form of it in
//! their passage, so the field holds a fraction of the words and indexing skips most of its
//! cost. A canonical form is then in a passage when `text_exact` says so, or when `text` has
//! the stem and `text_exact` has none of its variants. The matches are exactly those of a
//! field with every surface word: nothing is approximated.

use super::{MatchesWeight, SegmentMatches};
use crate::analysis::{self, MARKER};
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA};
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::{Arc, OnceLock};
use tantivy::postings::TermInfo;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::{TermDictionary, TermStreamer};
use tantivy::{DocId, InvertedIndexReader, Searcher, SegmentReader, TantivyError};
use tantivy_common::BitSet;

/// What a [`SurfaceQuery`] matches, on folded surface words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Surface {
    /// The word as written.
    Word(String),
    /// Any word starting with this.
    Prefix(String),
    /// Any word within `distance` edits (a transposition counts as one).
    Fuzzy { word: String, distance: u8 },
}

/// The passages holding a surface word, all with the same score.
#[derive(Clone, Debug)]
pub struct SurfaceQuery {
    text: Field,
    exact: Field,
    complete_lexicon: bool,
    surface: Arc<Surface>,
}

impl SurfaceQuery {
    /// Passages of the body matching `surface`: `text` holds the stems, `exact` the recorded
    /// surface words, a complete lexicon when `complete_lexicon` (see [`Fields`]).
    ///
    /// [`Fields`]: crate::index::Fields
    pub fn new(text: Field, exact: Field, complete_lexicon: bool, surface: Surface) -> Self {
        SurfaceQuery {
            text,
            exact,
            complete_lexicon,
            surface: Arc::new(surface),
        }
    }
}

/// Prefixes up to this many bytes cover so much of the dictionaries that their segments are
/// matched in parallel, as fuzzy words are (see [`MatchesWeight`]).
const PARALLEL_PREFIX_BYTES: usize = 3;

impl Surface {
    /// Whether matching runs along much of a dictionary: milliseconds per segment.
    fn is_costly(&self) -> bool {
        match self {
            Surface::Word(_) => false,
            Surface::Prefix(prefix) => prefix.len() <= PARALLEL_PREFIX_BYTES,
            Surface::Fuzzy { .. } => true,
        }
    }
}

impl Query for SurfaceQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(self.surface_weight(scoring)?))
    }
}

impl SurfaceQuery {
    fn surface_weight(
        &self,
        scoring: EnableScoring<'_>,
    ) -> tantivy::Result<MatchesWeight<SurfaceMatches>> {
        let dfa = match &*self.surface {
            Surface::Fuzzy { word, distance } => Some(Arc::new(fuzzy_dfa(word, *distance)?)),
            _ => None,
        };
        let matcher = SurfaceMatches {
            text: self.text,
            exact: self.exact,
            complete_lexicon: self.complete_lexicon,
            surface: Arc::clone(&self.surface),
            dfa,
        };
        let searcher = scoring.searcher().filter(|_| self.surface.is_costly());
        MatchesWeight::new(matcher, searcher)
    }
}

/// The Levenshtein automaton of `word`, as tantivy's fuzzy query builds it (transpositions
/// cost one edit); the builders are made once per distance.
fn fuzzy_dfa(word: &str, distance: u8) -> tantivy::Result<LevenshteinDfa> {
    static BUILDERS: [OnceLock<LevenshteinAutomatonBuilder>; 3] =
        [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let builder = BUILDERS.get(usize::from(distance)).ok_or_else(|| {
        TantivyError::InvalidArgument(format!("edit distance {distance} is over 2"))
    })?;
    let builder = builder.get_or_init(|| LevenshteinAutomatonBuilder::new(distance, true));
    Ok(LevenshteinDfa(builder.build_dfa(word)))
}

/// A Levenshtein DFA run along a term dictionary.
struct LevenshteinDfa(DFA);

impl LevenshteinDfa {
    /// Whether `word` is within the distance.
    fn accepts(&self, word: &str) -> bool {
        matches!(self.0.eval(word), Distance::Exact(_))
    }
}

impl tantivy_fst::Automaton for LevenshteinDfa {
    type State = u32;

    fn start(&self) -> u32 {
        self.0.initial_state()
    }

    fn is_match(&self, state: &u32) -> bool {
        matches!(self.0.distance(*state), Distance::Exact(_))
    }

    fn can_match(&self, state: &u32) -> bool {
        *state != levenshtein_automata::SINK_STATE
    }

    fn accept(&self, state: &u32, byte: u8) -> u32 {
        self.0.transition(*state, byte)
    }
}

struct SurfaceMatches {
    text: Field,
    exact: Field,
    complete_lexicon: bool,
    surface: Arc<Surface>,
    dfa: Option<Arc<LevenshteinDfa>>,
}

impl SegmentMatches for SurfaceMatches {
    fn matches(&self, reader: &SegmentReader) -> tantivy::Result<BitSet> {
        let segment = Segment {
            text: reader.inverted_index(self.text)?,
            exact: reader.inverted_index(self.exact)?,
            max_doc: reader.max_doc(),
        };
        let mut docs = BitSet::with_max_value(reader.max_doc());
        match (&*self.surface, &self.dfa) {
            (Surface::Word(word), _) => segment.word(word, &mut docs)?,
            (Surface::Prefix(prefix), _) => segment.prefix(prefix, &mut docs)?,
            (Surface::Fuzzy { .. }, Some(dfa)) => {
                segment.fuzzy(dfa.as_ref(), self.complete_lexicon, &mut docs)?
            }
            (Surface::Fuzzy { .. }, None) => {
                return Err(TantivyError::InternalError(
                    "fuzzy query without DFA".into(),
                ))
            }
        }
        Ok(docs)
    }

    fn what(&self) -> String {
        format!("{:?}", self.surface)
    }
}

/// Every surface word of the body starting with `prefix`, with the number of passages holding
/// it (passages deleted by an update count until segments merge, as in tantivy's document
/// frequencies).
pub fn word_counts(
    searcher: &Searcher,
    text: Field,
    exact: Field,
    prefix: &str,
) -> tantivy::Result<BTreeMap<String, u64>> {
    let mut counts = BTreeMap::new();
    for reader in searcher.segment_readers() {
        let segment = Segment {
            text: reader.inverted_index(text)?,
            exact: reader.inverted_index(exact)?,
            max_doc: reader.max_doc(),
        };
        segment.word_counts(prefix, &mut counts)?;
    }
    Ok(counts)
}

/// One segment's two body fields.
struct Segment {
    text: Arc<InvertedIndexReader>,
    exact: Arc<InvertedIndexReader>,
    max_doc: DocId,
}

/// Adds the passages of a term's postings to `docs`.
pub(super) fn add_postings(
    inverted: &InvertedIndexReader,
    info: &TermInfo,
    docs: &mut BitSet,
) -> tantivy::Result<()> {
    let mut postings =
        inverted.read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
    while !postings.docs().is_empty() {
        for &doc in postings.docs() {
            docs.insert(doc);
        }
        postings.advance();
    }
    Ok(())
}

/// The terms of `dict` starting with `prefix`.
fn prefix_stream<'a>(dict: &'a TermDictionary, prefix: &str) -> tantivy::Result<TermStreamer<'a>> {
    let range = dict.range().ge(prefix.as_bytes());
    Ok(match prefix_end(prefix) {
        Some(end) => range.lt(end).into_stream()?,
        None => range.into_stream()?,
    })
}

/// The first byte string after every string that starts with `prefix`, if there is one.
pub fn prefix_end(prefix: &str) -> Option<Vec<u8>> {
    let mut end = prefix.as_bytes().to_vec();
    while let Some(last) = end.pop() {
        if last < u8::MAX {
            end.push(last + 1);
            return Some(end);
        }
    }
    None
}

/// The marker term of `stem`: a variant of it does not start with its variant prefix.
fn marker(stem: &str) -> String {
    let mut m = String::with_capacity(stem.len() + 1);
    analysis::marker_into(stem, &mut m);
    m
}

impl Segment {
    /// Passages holding the surface word `word`.
    fn word(&self, word: &str, docs: &mut BitSet) -> tantivy::Result<()> {
        if let Some(info) = self.exact.terms().get(word.as_bytes())? {
            add_postings(&self.exact, &info, docs)?;
        }
        if let Some(stem) = analysis::stem_if_canonical(word) {
            self.unrecorded(&stem, docs)?;
        }
        Ok(())
    }

    /// Passages where the canonical form of `stem` is written and `text_exact` does not say
    /// so: those with the stem in `text` and none of its variants in `text_exact`.
    fn unrecorded(&self, stem: &str, docs: &mut BitSet) -> tantivy::Result<()> {
        let Some(info) = self.text.terms().get(stem.as_bytes())? else {
            return Ok(());
        };
        let variants = self.variant_docs(stem)?;
        self.add_text_except(&info, variants.as_ref(), docs)
    }

    /// Adds the passages of the `text` term `info` that are not in `except`.
    fn add_text_except(
        &self,
        info: &TermInfo,
        except: Option<&BitSet>,
        docs: &mut BitSet,
    ) -> tantivy::Result<()> {
        let Some(except) = except else {
            return add_postings(&self.text, info, docs);
        };
        let mut postings = self
            .text
            .read_block_postings_from_terminfo(info, IndexRecordOption::Basic)?;
        while !postings.docs().is_empty() {
            for &doc in postings.docs() {
                if !except.contains(doc) {
                    docs.insert(doc);
                }
            }
            postings.advance();
        }
        Ok(())
    }

    /// Passages holding a variant of `stem` (a word other than its canonical form that stems
    /// to it), or `None` when there is none in this segment.
    fn variant_docs(&self, stem: &str) -> tantivy::Result<Option<BitSet>> {
        let mut found: Option<BitSet> = None;
        let max_doc = self.max_doc;
        let mut add = |info: &TermInfo| -> tantivy::Result<()> {
            let docs = found.get_or_insert_with(|| BitSet::with_max_value(max_doc));
            add_postings(&self.exact, info, docs)
        };
        let canonical = analysis::canonical_of(stem);
        let mut stream = prefix_stream(self.exact.terms(), analysis::variant_prefix(stem))?;
        while stream.advance() {
            let Ok(word) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if word != canonical && analysis::with_stem_of_folded(word, |s| s == stem) {
                add(stream.value())?;
            }
        }
        if let Some(info) = self.exact.terms().get(marker(stem).as_bytes())? {
            add(&info)?;
        }
        Ok(found)
    }

    /// Passages holding a word starting with `prefix`.
    fn prefix(&self, prefix: &str, docs: &mut BitSet) -> tantivy::Result<()> {
        // Stems whose variants do not all start with their variant prefix.
        let mut irregular = HashSet::new();
        let mut stream = prefix_stream(self.exact.terms(), &marker(prefix))?;
        while stream.advance() {
            irregular.insert(stream.key()[MARKER.len_utf8()..].to_vec());
        }
        // A stem with the prefix whose variant prefix has it too (and with no irregular
        // variant): every form of it has the prefix, and all its passages match.
        let covers_its_forms = |stem: &str| {
            stem.starts_with(prefix)
                && analysis::variant_prefix(stem).starts_with(prefix)
                && !irregular.contains(stem.as_bytes())
        };
        // Recorded surface words with the prefix, but for the variants of such stems.
        let mut stream = prefix_stream(self.exact.terms(), prefix)?;
        while stream.advance() {
            let covered = std::str::from_utf8(stream.key())
                .is_ok_and(|word| analysis::with_stem_of_folded(word, covers_its_forms));
            if !covered {
                add_postings(&self.exact, stream.value(), docs)?;
            }
        }
        // Stems with the prefix: all their passages, or those where written in their canonical
        // form, when that has the prefix; and so for stems whose canonical form alone has it.
        let mut stream = prefix_stream(self.text.terms(), prefix)?;
        while stream.advance() {
            let Ok(stem) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if covers_its_forms(stem) {
                add_postings(&self.text, stream.value(), docs)?;
            } else if analysis::canonical_of(stem).starts_with(prefix) {
                self.unrecorded(stem, docs)?;
            }
        }
        for stem in analysis::canonical::stems_respelled_into(prefix) {
            self.unrecorded(stem, docs)?;
        }
        Ok(())
    }

    /// Passages holding a word the Levenshtein automaton accepts. Running the automaton along
    /// a dictionary is most of the cost: with a complete lexicon (see [`SurfaceTerms`]) the
    /// surface dictionary alone lists every word; otherwise the stems are run through too.
    ///
    /// [`SurfaceTerms`]: analysis::SurfaceTerms
    fn fuzzy(
        &self,
        dfa: &LevenshteinDfa,
        complete: bool,
        docs: &mut BitSet,
    ) -> tantivy::Result<()> {
        // The stems of the canonical forms near the query.
        let mut stems = Vec::new();
        let mut stream = self.exact.terms().search(dfa).into_stream()?;
        while stream.advance() {
            let Ok(word) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if word.starts_with(MARKER) {
                continue;
            }
            add_postings(&self.exact, stream.value(), docs)?;
            if complete {
                stems.extend(analysis::stem_if_canonical(word));
            }
        }
        if !complete {
            let mut stream = self.text.terms().search(dfa).into_stream()?;
            while stream.advance() {
                if let Ok(stem) = std::str::from_utf8(stream.key()) {
                    if analysis::canonical_of(stem) == stem {
                        stems.push(stem.to_string());
                    }
                }
            }
            for &(word, stem) in analysis::canonical::respelled_with_prefix("") {
                if dfa.accepts(word) {
                    stems.push(stem.to_string());
                }
            }
        }
        // Canonical forms near the query, where written unrecorded.
        for stem in stems {
            self.unrecorded(&stem, docs)?;
        }
        Ok(())
    }

    /// Adds this segment's [`word_counts`] to `counts`.
    fn word_counts(&self, prefix: &str, counts: &mut BTreeMap<String, u64>) -> tantivy::Result<()> {
        // Variants are counted as recorded. Every variant of a stem whose canonical form has the
        // prefix starts with the prefix's own variant prefix (or is marked), so the stems with
        // variants are all seen here, with the canonical forms recorded.
        let mut variants_of: HashMap<String, Vec<TermInfo>> = HashMap::new();
        let mut recorded_canonical: HashMap<String, TermInfo> = HashMap::new();
        let mut stream = prefix_stream(self.exact.terms(), analysis::variant_prefix(prefix))?;
        while stream.advance() {
            let Ok(word) = std::str::from_utf8(stream.key()) else {
                continue;
            };
            if word.starts_with(MARKER) {
                continue;
            }
            let stem = analysis::stem_of_folded(word);
            let canonical = analysis::canonical_of(&stem);
            if canonical == word {
                if word.starts_with(prefix) {
                    recorded_canonical.insert(stem, stream.value().clone());
                }
                continue;
            }
            if word.starts_with(prefix) {
                *counts.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
            if canonical.starts_with(prefix) {
                variants_of
                    .entry(stem)
                    .or_default()
                    .push(stream.value().clone());
            }
        }
        // The stems whose canonical form has the prefix, with their passages.
        let mut stems: Vec<(String, TermInfo)> = Vec::new();
        let mut stream = prefix_stream(self.text.terms(), prefix)?;
        while stream.advance() {
            if let Ok(stem) = std::str::from_utf8(stream.key()) {
                if analysis::canonical_of(stem).starts_with(prefix) {
                    stems.push((stem.to_string(), stream.value().clone()));
                }
            }
        }
        for stem in analysis::canonical::stems_respelled_into(prefix) {
            if let Some(info) = self.text.terms().get(stem.as_bytes())? {
                stems.push((stem.to_string(), info));
            }
        }
        let mut stream = prefix_stream(self.exact.terms(), &marker(prefix))?;
        while stream.advance() {
            if let Ok(stem) = std::str::from_utf8(&stream.key()[MARKER.len_utf8()..]) {
                let variants = variants_of.entry(stem.to_string()).or_default();
                variants.push(stream.value().clone());
            }
        }
        for (stem, _) in stems.iter().filter(|(stem, _)| !stem.starts_with(prefix)) {
            if let Some(info) = self.exact.terms().get(marker(stem).as_bytes())? {
                variants_of.entry(stem.clone()).or_default().push(info);
            }
        }
        // Canonical forms: in every passage of the stem when it has no variant, else where
        // recorded or where none of the variants is.
        for (stem, info) in &stems {
            let n = match variants_of.get(stem) {
                None => u64::from(info.doc_freq),
                Some(variants) => {
                    let mut except = BitSet::with_max_value(self.max_doc);
                    for variant in variants {
                        add_postings(&self.exact, variant, &mut except)?;
                    }
                    let mut docs = BitSet::with_max_value(self.max_doc);
                    if let Some(recorded) = recorded_canonical.get(stem) {
                        add_postings(&self.exact, recorded, &mut docs)?;
                    }
                    self.add_text_except(info, Some(&except), &mut docs)?;
                    docs.len() as u64
                }
            };
            if n > 0 {
                let canonical = analysis::canonical_of(stem).to_string();
                *counts.entry(canonical).or_default() += n;
            }
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::{register_tokenizers, schema};
    use tantivy::collector::DocSetCollector;
    use tantivy::{doc, DocSet, Index, IndexWriter, TERMINATED};

    /// An index of our schema with two segments of passages.
    fn two_segments() -> (Index, crate::index::Fields) {
        index_of(&[
            "Brazil exports coffee to the United States.",
            "The brasil nut and Brazilian coffee prices.",
            "Inflation rose in Brazil, including in the interior.",
            "Dying industries and the price of tin.",
            "Indian ink, indoor games and inns.",
            "Brazils of the world, unite.",
        ])
    }

    /// The matches of `weight` in each segment, read through its scorer and through
    /// `for_each`, which must agree.
    fn matches(weight: &MatchesWeight<SurfaceMatches>, searcher: &Searcher) -> Vec<Vec<DocId>> {
        let mut all = Vec::new();
        for reader in searcher.segment_readers() {
            let mut scorer = weight.scorer(reader, 1.0).expect("scorer");
            let mut by_scorer = Vec::new();
            while scorer.doc() != TERMINATED {
                by_scorer.push(scorer.doc());
                scorer.advance();
            }
            let mut by_for_each = Vec::new();
            weight
                .for_each(reader, &mut |doc, _| by_for_each.push(doc))
                .expect("for_each");
            assert_eq!(by_scorer, by_for_each);
            all.push(by_scorer);
        }
        all
    }

    #[test]
    fn costly_words_are_matched_on_all_segments_beforehand_with_the_same_result() {
        let (index, fields) = two_segments();
        let searcher = index.reader().expect("reader").searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let cases = [
            (
                Surface::Fuzzy {
                    word: "brazil".into(),
                    distance: 2,
                },
                true,
                4,
            ),
            (
                Surface::Fuzzy {
                    word: "dyeing".into(),
                    distance: 1,
                },
                true,
                1,
            ),
            (Surface::Prefix("in".into()), true, 3),
            (Surface::Prefix("brazil".into()), false, 4),
            (Surface::Word("brazil".into()), false, 2),
        ];
        for (surface, costly, passages) in cases {
            let query = SurfaceQuery::new(fields.text, fields.text_exact, true, surface.clone());
            let ahead = query
                .surface_weight(EnableScoring::disabled_from_searcher(&searcher))
                .expect("weight");
            let one_by_one = query
                .surface_weight(EnableScoring::disabled_from_schema(searcher.schema()))
                .expect("weight");
            assert_eq!(ahead.ready.len(), if costly { 2 } else { 0 }, "{surface:?}");
            assert!(one_by_one.ready.is_empty());
            let found = matches(&ahead, &searcher);
            assert_eq!(found, matches(&one_by_one, &searcher), "{surface:?}");
            assert_eq!(
                found.iter().map(Vec::len).sum::<usize>(),
                passages,
                "{surface:?}"
            );
            let collected = searcher.search(&query, &DocSetCollector).expect("search");
            assert_eq!(collected.len(), passages, "{surface:?}");
        }
    }

    /// Passages whose canonical forms differ from their stems, or whose stems are words with
    /// another canonical form, in two segments.
    /// (Each canonical form comes again after the first passage of its segment holding it,
    /// which records it once for the segment's dictionary.)
    const RESPELLED: &[&str] = &[
        "People in the city talk.",
        "City people, only talks.",
        "Peoples of many cities talked about talks.",
        "The talk ran long; the citizens' talking did too.",
        "Only a united front of units survived the rates.",
        "A unit died, another dies: dying is rate.",
        "Citi bank and city hall, only once.",
        "Many peoples, one people.",
        "The people of the city, only.",
    ];

    /// An index of our schema holding `passages`, in two segments.
    fn index_of(passages: &[&str]) -> (Index, crate::index::Fields) {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (i, text) in passages.iter().enumerate() {
            let passage = doc!(fields.text => *text, fields.text_exact => analysis::SAME_AS_TEXT);
            writer.add_document(passage).expect("add");
            if i == passages.len() / 2 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        (index, fields)
    }

    #[test]
    fn surface_matches_are_those_of_every_word_as_written_whatever_the_canonical_forms() {
        assert_eq!(analysis::canonical_of("peopl"), "people");
        assert_eq!(analysis::canonical_of("citi"), "city");
        assert_eq!(analysis::canonical_of("talk"), "talks");
        let (index, fields) = index_of(RESPELLED);
        let searcher = index.reader().expect("reader").searcher();
        let words: Vec<Vec<String>> = RESPELLED
            .iter()
            .map(|p| {
                analysis::tokenize(p, analysis::Mode::Exact)
                    .into_iter()
                    .map(|t| t.term)
                    .collect()
            })
            .collect();
        let oracle = |accepts: &dyn Fn(&str) -> bool| -> Vec<&str> {
            let mut found: Vec<&str> = RESPELLED
                .iter()
                .zip(&words)
                .filter(|(_, w)| w.iter().any(|w| accepts(w)))
                .map(|(p, _)| *p)
                .collect();
            found.sort_unstable();
            found
        };
        let mut surfaces = Vec::new();
        for word in [
            "people", "peoples", "peopl", "city", "cities", "citi", "talk", "talks", "talked",
            "talking", "unit", "units", "united", "rate", "rates", "die", "died", "dies", "dying",
            "only", "onli",
        ] {
            surfaces.push(Surface::Word(word.into()));
            surfaces.push(Surface::Fuzzy {
                word: word.into(),
                distance: 1,
            });
        }
        for prefix in [
            "p", "peo", "peopl", "people", "peoples", "cit", "citi", "city", "citie", "talk",
            "talks", "unit", "unite", "d", "di", "die", "dy", "onl", "only",
        ] {
            surfaces.push(Surface::Prefix(prefix.into()));
        }
        for surface in surfaces {
            let want = match &surface {
                Surface::Word(word) => oracle(&|w| w == word),
                Surface::Prefix(prefix) => oracle(&|w| w.starts_with(prefix.as_str())),
                Surface::Fuzzy { word, distance } => {
                    let dfa = fuzzy_dfa(word, *distance).expect("dfa");
                    oracle(&|w| dfa.accepts(w))
                }
            };
            for complete in [true, false] {
                let query =
                    SurfaceQuery::new(fields.text, fields.text_exact, complete, surface.clone());
                let mut got: Vec<String> = searcher
                    .search(&query, &DocSetCollector)
                    .expect("search")
                    .into_iter()
                    .map(|address| {
                        let doc: tantivy::TantivyDocument = searcher.doc(address).expect("doc");
                        doc.get_first(fields.text)
                            .and_then(|v| tantivy::schema::Value::as_str(&v))
                            .unwrap_or_default()
                            .to_string()
                    })
                    .collect();
                got.sort_unstable();
                assert_eq!(got, want, "{surface:?}, complete lexicon: {complete}");
            }
        }
        // Counts of words by prefix, as the `terms` command gives them.
        for prefix in ["", "peo", "people", "city", "cit", "talk", "uni", "di"] {
            let got =
                word_counts(&searcher, fields.text, fields.text_exact, prefix).expect("counts");
            let mut want = BTreeMap::new();
            for passage in &words {
                let distinct: HashSet<&String> = passage.iter().collect();
                for w in distinct.into_iter().filter(|w| w.starts_with(prefix)) {
                    *want.entry(w.clone()).or_insert(0u64) += 1;
                }
            }
            assert_eq!(got, want, "prefix {prefix:?}");
        }
    }
}
