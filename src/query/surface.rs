//! Surface words in the body, as written: `word*` and `word~N` (and the words `terms` lists).
//!
//! The body field `text` holds every surface word with its position, so a prefix or a fuzzy
//! word runs along its dictionary, skipping the markers of irregular variants
//! ([`analysis::MARKER`]), which are no words. Stemmed words are found from the same dictionary
//! (see [`super::variants`]).

use super::weight::{MatchesWeight, SegmentMatches};
use crate::analysis::MARKER;
use levenshtein_automata::{Distance, LevenshteinAutomatonBuilder, DFA};
use std::collections::BTreeMap;
use std::sync::{Arc, OnceLock};
use tantivy::postings::TermInfo;
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::termdict::{TermDictionary, TermStreamer};
use tantivy::{InvertedIndexReader, Searcher, SegmentReader, TantivyError};
use tantivy_common::BitSet;

/// What a [`SurfaceQuery`] matches, on folded surface words.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Surface {
    /// Any word starting with this.
    Prefix(String),
    /// Any word within `distance` edits (a transposition counts as one).
    Fuzzy { word: String, distance: u8 },
}

/// The passages holding a surface word, all with the same score.
#[derive(Clone, Debug)]
pub struct SurfaceQuery {
    text: Field,
    surface: Arc<Surface>,
}

impl SurfaceQuery {
    /// Passages of the body field `text` matching `surface`.
    pub fn new(text: Field, surface: Surface) -> Self {
        SurfaceQuery {
            text,
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
    #[cfg(test)]
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
    surface: Arc<Surface>,
    dfa: Option<Arc<LevenshteinDfa>>,
}

impl SegmentMatches for SurfaceMatches {
    fn matches(&self, reader: &SegmentReader) -> tantivy::Result<BitSet> {
        let text = reader.inverted_index(self.text)?;
        let mut docs = BitSet::with_max_value(reader.max_doc());
        match (&*self.surface, &self.dfa) {
            (Surface::Prefix(prefix), _) => {
                add_words(&text, prefix_stream(text.terms(), prefix)?, &mut docs)?
            }
            (Surface::Fuzzy { .. }, Some(dfa)) => {
                let stream = text.terms().search(dfa.as_ref()).into_stream()?;
                add_words(&text, stream, &mut docs)?
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

/// Adds the passages of every word `stream` gives, markers left out.
fn add_words<A: tantivy_fst::Automaton>(
    inverted: &InvertedIndexReader,
    mut stream: TermStreamer<'_, A>,
    docs: &mut BitSet,
) -> tantivy::Result<()>
where
    A::State: Clone,
{
    while stream.advance() {
        if !stream.key().starts_with(MARKER_BYTES) {
            add_postings(inverted, stream.value(), docs)?;
        }
    }
    Ok(())
}

/// The first bytes of a marker term.
const MARKER_BYTES: &[u8] = &[MARKER as u8];

/// Every surface word of the body starting with `prefix`, with the number of passages holding
/// it (passages deleted by an update count until segments merge, as in tantivy's document
/// frequencies).
pub fn word_counts(
    searcher: &Searcher,
    text: Field,
    prefix: &str,
) -> tantivy::Result<BTreeMap<String, u64>> {
    let mut counts = BTreeMap::new();
    for reader in searcher.segment_readers() {
        let inverted = reader.inverted_index(text)?;
        let mut stream = prefix_stream(inverted.terms(), prefix)?;
        while stream.advance() {
            if stream.key().starts_with(MARKER_BYTES) {
                continue;
            }
            if let Ok(word) = std::str::from_utf8(stream.key()) {
                *counts.entry(word.to_string()).or_default() += u64::from(stream.value().doc_freq);
            }
        }
    }
    Ok(counts)
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
pub(super) fn prefix_stream<'a>(
    dict: &'a TermDictionary,
    prefix: &str,
) -> tantivy::Result<TermStreamer<'a>> {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis;
    use crate::query::testing::index_of;
    use crate::query::{BodyPhraseQuery, BodyWord};
    use std::collections::HashSet;
    use tantivy::collector::DocSetCollector;
    use tantivy::{DocId, DocSet, Index, TERMINATED};

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
        ];
        for (surface, costly, passages) in cases {
            let query = SurfaceQuery::new(fields.text, surface.clone());
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

    /// Passages with stems that are no words (`peopl`, `citi`), variants that do not start with
    /// their stem (`dying`, stem `die`) and words of many forms, in two segments.
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

    #[test]
    fn words_stems_prefixes_and_fuzzy_words_match_the_passages_holding_them_as_written() {
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
        let texts = |query: &dyn tantivy::query::Query| -> Vec<String> {
            let mut got: Vec<String> = searcher
                .search(query, &DocSetCollector)
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
            got
        };
        for word in [
            "people", "peoples", "peopl", "city", "cities", "citi", "talk", "talks", "talked",
            "talking", "unit", "units", "united", "rate", "rates", "die", "died", "dies", "dying",
            "only", "onli",
        ] {
            let stem = analysis::stem_of_folded(word);
            let stemmed = BodyPhraseQuery::new(fields.text, vec![BodyWord::Stem(stem.clone())], 0);
            let want = oracle(&|w| analysis::stem_of_folded(w) == stem);
            assert_eq!(texts(&stemmed), want, "stem of {word}");
            let exact = BodyPhraseQuery::new(fields.text, vec![BodyWord::Surface(word.into())], 0);
            assert_eq!(texts(&exact), oracle(&|w| w == word), "{word} as written");
            let dfa = fuzzy_dfa(word, 1).expect("dfa");
            let fuzzy = SurfaceQuery::new(
                fields.text,
                Surface::Fuzzy {
                    word: word.into(),
                    distance: 1,
                },
            );
            assert_eq!(texts(&fuzzy), oracle(&|w| dfa.accepts(w)), "{word}~1");
        }
        for prefix in [
            "p", "peo", "peopl", "people", "peoples", "cit", "citi", "city", "citie", "talk",
            "talks", "unit", "unite", "d", "di", "die", "dy", "onl", "only",
        ] {
            let query = SurfaceQuery::new(fields.text, Surface::Prefix(prefix.into()));
            let want = oracle(&|w| w.starts_with(prefix));
            assert_eq!(texts(&query), want, "{prefix}*");
        }
        // Counts of words by prefix, as the `terms` command gives them.
        for prefix in ["", "peo", "people", "city", "cit", "talk", "uni", "di"] {
            let got = word_counts(&searcher, fields.text, prefix).expect("counts");
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

    #[test]
    fn prefix_end_is_the_first_string_after_the_prefix_range() {
        assert_eq!(prefix_end("in"), Some(b"io".to_vec()));
        assert_eq!(
            prefix_end("caf\u{e9}"),
            Some(vec![b'c', b'a', b'f', 0xC3, 0xAA])
        );
        assert_eq!(prefix_end(""), None);
    }
}
