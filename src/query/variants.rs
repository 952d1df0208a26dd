//! Stemmed words in the body, found from its surface words.
//!
//! The body field holds every surface word with its position ([`analysis::BODY`]), which costs
//! what one field of stems costs to index. A stemmed word (`algorithm`) matches the passages of
//! its stem's variants: the surface words with the same Porter2 stem (`algorithm`,
//! `algorithms`). Each segment's dictionary gives them: a variant starts with its stem's
//! [`analysis::variant_prefix`], or is followed at its position by the stem's marker, which
//! stands for it: an irregular variant (`dying`, stem `die`), or any variant of a stem of three
//! letters or fewer (`runs`, stem `run`), whose variant prefix starts too many words to walk.
//!
//! A word of several variants is scored with BM25 on the sum of their frequencies, its
//! document frequency that of its most common variant (as Lucene's `SynonymQuery`); a phrase
//! matches on the union of each word's variants' positions ([`super::phrase`]), scored with the
//! same document frequencies.

use super::phrase::{PhraseScorer, WordPostings, WordScorer};
use super::surface::prefix_stream;
use crate::analysis;
use std::collections::BTreeMap;
use tantivy::fieldnorm::FieldNormReader;
use tantivy::query::{
    Bm25StatisticsProvider, Bm25Weight, EmptyScorer, EmptyWeight, EnableScoring, Explanation,
    PhraseQuery, Query, Scorer, TermQuery, Weight,
};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{DocId, DocSet, Score, Searcher, SegmentReader, TantivyError, Term};

/// One word of a phrase of the body.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BodyWord {
    /// Any surface word with this stem.
    Stem(String),
    /// This surface word only.
    Surface(String),
}

/// The terms of the body that stand for `word` in `searcher`, sorted, each with its document
/// frequency: the word itself, or a stem's variants and its marker.
pub fn terms_of(
    searcher: &Searcher,
    field: Field,
    word: &BodyWord,
) -> tantivy::Result<Vec<(String, u64)>> {
    let mut found: BTreeMap<String, u64> = BTreeMap::new();
    for reader in searcher.segment_readers() {
        let inverted = reader.inverted_index(field)?;
        let dict = inverted.terms();
        let mut add = |term: &str, info: &tantivy::postings::TermInfo| {
            *found.entry(term.to_string()).or_default() += u64::from(info.doc_freq);
        };
        match word {
            BodyWord::Surface(term) => {
                if let Some(info) = dict.get(term.as_bytes())? {
                    add(term, &info);
                }
            }
            BodyWord::Stem(stem) => {
                if analysis::is_short_stem(stem) {
                    // The stem as a word; its other variants all mark it.
                    if let Some(info) = dict.get(stem.as_bytes())? {
                        add(stem, &info);
                    }
                } else {
                    for start in analysis::variant_starts(stem) {
                        let mut stream = prefix_stream(dict, &start)?;
                        while stream.advance() {
                            let Ok(term) = std::str::from_utf8(stream.key()) else {
                                continue;
                            };
                            if analysis::with_stem_of_folded(term, |s| s == stem) {
                                add(term, stream.value());
                            }
                        }
                    }
                }
                let mut marker = String::new();
                analysis::marker_into(stem, &mut marker);
                if let Some(info) = dict.get(marker.as_bytes())? {
                    add(&marker, &info);
                }
            }
        }
    }
    Ok(found.into_iter().collect())
}

/// The document frequency BM25 gives a word of these terms: its most common one's.
fn doc_freq(terms: &[(String, u64)]) -> u64 {
    terms.iter().map(|&(_, n)| n).max().unwrap_or(0)
}

/// How many passages hold a word of the body (approximately, for a stem: see [`doc_freq`]).
pub fn word_doc_freq(searcher: &Searcher, field: Field, word: &BodyWord) -> tantivy::Result<u64> {
    Ok(doc_freq(&terms_of(searcher, field, word)?))
}

/// Words of the body in order, up to `slop` extra words between or around; one word alone is
/// a word query.
#[derive(Clone, Debug)]
pub struct BodyPhraseQuery {
    field: Field,
    words: Vec<BodyWord>,
    slop: u32,
    /// The spellings of the one word this phrase is a spelling of (`tiktok`, `tik tok`), when
    /// it is scored as that word: see [`BodyPhraseQuery::spelling_of`].
    spellings: Vec<Vec<BodyWord>>,
}

impl BodyPhraseQuery {
    /// The phrase of `words` in the body field `field`.
    pub fn new(field: Field, words: Vec<BodyWord>, slop: u32) -> Self {
        BodyPhraseQuery {
            field,
            words,
            slop,
            spellings: Vec::new(),
        }
    }

    /// The phrase `words`, one of the `spellings` of one word (`TikTok`, "Tik Tok"), scored as
    /// that word: BM25 of the count of this spelling, with the document frequency of the most
    /// common spelling. A phrase is otherwise scored with the summed rarity of its parts, and
    /// two rare parts made "Tik Tok" score ten times the word it spells.
    pub fn spelling_of(field: Field, words: Vec<BodyWord>, spellings: Vec<Vec<BodyWord>>) -> Self {
        BodyPhraseQuery {
            field,
            words,
            slop: 0,
            spellings,
        }
    }

    /// The document frequency of the word [spelt](Self::spelling_of) several ways: that of its
    /// most common spelling, a spelling of several words counted as its rarest word (at most
    /// as many passages hold the phrase).
    fn spellings_doc_freq(&self, searcher: &Searcher) -> tantivy::Result<u64> {
        let mut most = 0;
        for spelling in &self.spellings {
            let mut rarest = u64::MAX;
            for word in spelling {
                rarest = rarest.min(word_doc_freq(searcher, self.field, word)?);
            }
            if rarest != u64::MAX {
                most = most.max(rarest);
            }
        }
        Ok(most.max(1))
    }
}

impl Query for BodyPhraseQuery {
    fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        let searcher = scoring.searcher().ok_or_else(|| {
            TantivyError::InvalidArgument("a body phrase needs the searcher".into())
        })?;
        if self.words.is_empty() {
            return Ok(Box::new(EmptyWeight));
        }
        let mut words: Vec<Vec<(String, u64)>> = Vec::with_capacity(self.words.len());
        for (i, word) in self.words.iter().enumerate() {
            // A word said again (`the`, `and`) has the terms found the first time.
            let again = self.words[..i].iter().position(|w| w == word);
            let terms = match again {
                Some(first) => words[first].clone(),
                None => terms_of(searcher, self.field, word)?,
            };
            if terms.is_empty() {
                return Ok(Box::new(EmptyWeight));
            }
            words.push(terms);
        }
        let term = |t: &str| Term::from_field_text(self.field, t);
        // Words of one term each: tantivy's own term and phrase queries.
        if self.spellings.is_empty() && words.iter().all(|w| w.len() == 1) {
            if let [only] = words.as_slice() {
                return TermQuery::new(term(&only[0].0), IndexRecordOption::WithFreqs)
                    .weight(scoring);
            }
            let positioned = words
                .iter()
                .enumerate()
                .map(|(i, w)| (i, term(&w[0].0)))
                .collect();
            return PhraseQuery::new_with_offset_and_slop(positioned, self.slop).weight(scoring);
        }
        let bm25 = match scoring {
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } if !self.spellings.is_empty() => {
                let total = statistics_provider.total_num_docs()?.max(1);
                let tokens = statistics_provider.total_num_tokens(self.field)?;
                let df = self.spellings_doc_freq(searcher)?.min(total);
                Some(Bm25Weight::for_one_term(
                    df,
                    total,
                    tokens as Score / total as Score,
                ))
            }
            EnableScoring::Enabled {
                statistics_provider,
                ..
            } => {
                // BM25 over the words as if each were one term of its document frequency.
                let stats = WordStats {
                    inner: statistics_provider,
                    words: words
                        .iter()
                        .enumerate()
                        .map(|(i, w)| (term(&format!("{}{i}", analysis::MARKER)), doc_freq(w)))
                        .collect(),
                };
                let placeholders: Vec<Term> = stats.words.iter().map(|(t, _)| t.clone()).collect();
                Some(Bm25Weight::for_terms(&stats, &placeholders)?)
            }
            EnableScoring::Disabled { .. } => None,
        };
        Ok(Box::new(VariantsWeight {
            field: self.field,
            words: words
                .iter()
                .map(|w| w.iter().map(|(t, _)| term(t)).collect())
                .collect(),
            slop: self.slop,
            bm25,
        }))
    }
}

/// Statistics giving the words of a phrase their document frequencies.
struct WordStats<'a> {
    inner: &'a dyn Bm25StatisticsProvider,
    words: Vec<(Term, u64)>,
}

impl Bm25StatisticsProvider for WordStats<'_> {
    fn total_num_tokens(&self, field: Field) -> tantivy::Result<u64> {
        self.inner.total_num_tokens(field)
    }

    fn total_num_docs(&self) -> tantivy::Result<u64> {
        self.inner.total_num_docs()
    }

    fn doc_freq(&self, term: &Term) -> tantivy::Result<u64> {
        match self.words.iter().find(|(t, _)| t == term) {
            Some(&(_, n)) => Ok(n.min(self.inner.total_num_docs()?)),
            None => self.inner.doc_freq(term),
        }
    }
}

/// The weight of a word or phrase some of whose words have several terms.
struct VariantsWeight {
    field: Field,
    /// Per word, its terms.
    words: Vec<Vec<Term>>,
    slop: u32,
    bm25: Option<Bm25Weight>,
}

impl VariantsWeight {
    /// The scorer of one segment; `None` where a word has no passage.
    fn scorer_of(
        &self,
        reader: &SegmentReader,
        boost: Score,
    ) -> tantivy::Result<Option<Box<dyn Scorer>>> {
        let inverted = reader.inverted_index(self.field)?;
        let option = match self.words.len() {
            1 => IndexRecordOption::WithFreqs,
            _ => IndexRecordOption::WithFreqsAndPositions,
        };
        let mut words = Vec::with_capacity(self.words.len());
        for terms in &self.words {
            let mut postings = Vec::with_capacity(terms.len());
            for term in terms {
                postings.extend(inverted.read_postings(term, option)?);
            }
            match WordPostings::new(postings) {
                Some(word) => words.push(word),
                None => return Ok(None),
            }
        }
        let fieldnorms = match reader.fieldnorms_readers().get_field(self.field)? {
            Some(norms) => norms,
            None => FieldNormReader::constant(reader.max_doc(), 1),
        };
        let bm25 = self.bm25.clone();
        Ok(Some(match words.len() {
            1 => Box::new(WordScorer::new(words.remove(0), fieldnorms, bm25, boost)),
            _ => Box::new(PhraseScorer::new(words, self.slop, fieldnorms, bm25, boost)),
        }))
    }
}

impl Weight for VariantsWeight {
    fn scorer(&self, reader: &SegmentReader, boost: Score) -> tantivy::Result<Box<dyn Scorer>> {
        Ok(self
            .scorer_of(reader, boost)?
            .unwrap_or_else(|| Box::new(EmptyScorer)))
    }

    fn explain(&self, reader: &SegmentReader, doc: DocId) -> tantivy::Result<Explanation> {
        let mut scorer = self.scorer(reader, 1.0)?;
        if scorer.seek(doc) != doc {
            return Err(TantivyError::InvalidArgument(format!(
                "document #{doc} does not match"
            )));
        }
        Ok(Explanation::new(
            "BM25 of a stem's variants' summed frequencies, or of the phrase's count",
            scorer.score(),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tantivy::collector::TopDocs;
    use tantivy::{DocAddress, Index};

    /// Passages of a few words each, so that phrases and slops find many of them, in two
    /// segments; with stems of several variants, marked ones among them.
    const PASSAGES: &[&str] = &[
        "the bank rates rose and the bank rate fell",
        "rates of the bank rose, banks rated the rate",
        "the dying bank died; the bank dies",
        "a bank, the rates and the banking rates",
        "rose the rate the bank the rates bank",
        "banks rate banks; the rating of the banks",
        "the runs run and the runner ran the run",
        "bank the rate rose the bank rates the",
        "he runs the bank; the bank runs rates",
        "the rates, the rate, the bank, the banks",
    ];

    fn index() -> (Index, crate::index::Fields) {
        crate::query::testing::index_of(PASSAGES)
    }

    /// Every match of `query`, by address, with its score.
    fn scored(searcher: &Searcher, query: &dyn Query) -> Vec<(DocAddress, Score)> {
        let mut hits: Vec<(DocAddress, Score)> = searcher
            .search(query, &TopDocs::with_limit(100))
            .expect("search")
            .into_iter()
            .map(|(score, address)| (address, score))
            .collect();
        hits.sort_by_key(|&(a, _)| a);
        hits
    }

    /// A query made of a [`VariantsWeight`] whatever its words, to hold it against tantivy's.
    #[derive(Clone, Debug)]
    struct Forced(BodyPhraseQuery);

    impl Query for Forced {
        fn weight(&self, scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
            let q = &self.0;
            let term = |w: &BodyWord| match w {
                BodyWord::Surface(t) | BodyWord::Stem(t) => Term::from_field_text(q.field, t),
            };
            let terms: Vec<Term> = q.words.iter().map(term).collect();
            let bm25 = match scoring {
                EnableScoring::Enabled {
                    statistics_provider,
                    ..
                } => Some(Bm25Weight::for_terms(statistics_provider, &terms)?),
                EnableScoring::Disabled { .. } => None,
            };
            Ok(Box::new(VariantsWeight {
                field: q.field,
                words: terms.into_iter().map(|t| vec![t]).collect(),
                slop: q.slop,
                bm25,
            }))
        }
    }

    #[test]
    fn phrases_of_words_of_one_term_match_and_score_as_tantivys_own() {
        let (index, fields) = index();
        let searcher = index.reader().expect("reader").searcher();
        let phrases: &[&[&str]] = &[
            &["the", "bank"],
            &["bank", "the"],
            &["the", "rates"],
            &["the", "bank", "rates"],
            &["rates", "the", "bank"],
            &["the", "the"],
            &["the", "bank", "the", "rates"],
        ];
        for words in phrases {
            for slop in 0..4 {
                let surface = words.iter().map(|w| BodyWord::Surface(w.to_string()));
                let ours = Forced(BodyPhraseQuery::new(fields.text, surface.collect(), slop));
                let terms = words
                    .iter()
                    .enumerate()
                    .map(|(i, w)| (i, Term::from_field_text(fields.text, w)))
                    .collect();
                let theirs = PhraseQuery::new_with_offset_and_slop(terms, slop);
                let (a, b) = (scored(&searcher, &ours), scored(&searcher, &theirs));
                assert_eq!(
                    a.iter().map(|h| h.0).collect::<Vec<_>>(),
                    b.iter().map(|h| h.0).collect::<Vec<_>>(),
                    "{words:?}~{slop}"
                );
                for ((_, x), (_, y)) in a.iter().zip(&b) {
                    assert!((x - y).abs() < 1e-5, "{words:?}~{slop}: {x} vs {y}");
                }
            }
        }
    }

    /// The passages where some words in a row have the stems of `words`, in order.
    fn oracle(words: &[&str]) -> Vec<&'static str> {
        let stems: Vec<String> = words.iter().map(|w| analysis::stem_of_folded(w)).collect();
        let mut found: Vec<&str> = PASSAGES
            .iter()
            .copied()
            .filter(|p| {
                let text: Vec<String> = analysis::tokenize(p, analysis::Mode::Stemmed)
                    .into_iter()
                    .map(|t| t.term)
                    .collect();
                text.windows(stems.len()).any(|w| w == stems.as_slice())
            })
            .collect();
        found.sort_unstable();
        found
    }

    #[test]
    fn stemmed_phrases_match_every_form_of_their_words_in_order() {
        let (index, fields) = index();
        let searcher = index.reader().expect("reader").searcher();
        let text_of = |address: DocAddress| -> &'static str {
            let doc: tantivy::TantivyDocument = searcher.doc(address).expect("doc");
            let text = doc
                .get_first(fields.text)
                .and_then(|v| tantivy::schema::Value::as_str(&v))
                .unwrap_or_default()
                .to_string();
            PASSAGES.iter().copied().find(|p| *p == text).unwrap_or("")
        };
        let phrases: &[&[&str]] = &[
            &["bank"],
            &["rates"],
            &["dying"],
            &["run"],
            &["the", "banks"],
            &["bank", "rate"],
            &["the", "bank", "rates"],
            &["the", "dies"],
            &["the", "running"],
            &["runs", "the", "banking"],
        ];
        for words in phrases {
            let stems = words
                .iter()
                .map(|w| BodyWord::Stem(analysis::stem_of_folded(w)))
                .collect();
            let query = BodyPhraseQuery::new(fields.text, stems, 0);
            let mut got: Vec<&str> = scored(&searcher, &query)
                .into_iter()
                .map(|(a, _)| text_of(a))
                .collect();
            got.sort_unstable();
            assert_eq!(got, oracle(words), "{words:?}");
        }
    }

    #[test]
    fn a_stem_finds_every_variant_a_walk_of_its_whole_prefix_finds() {
        // Words whose stem's last letter is not theirs (`many` -> `mani`, `skies` -> `sky`,
        // `sensibility` -> `sensibl`, `hoping` -> `hope`), beside many words sharing only
        // the prefix (`man-`, `sk-`, `sensi-`, `hop-`).
        let passages = [
            "many manly manuals; the manager manned many mania manias",
            "skies, the sky, skiing skis skipped; sky-high skyward skits",
            "sensibility sensible sensibly sensibilities sensing sensitive sensor",
            "hoping, he hoped hope hopes hopped hops hopping hopeful hoped",
            "happiness happy happily happier happen happens",
            "the nation's national nations nationality natives",
        ];
        let (index, fields) = crate::query::testing::index_of(&passages);
        let searcher = index.reader().expect("reader").searcher();
        for word in [
            "many",
            "mania",
            "sky",
            "skis",
            "sensibility",
            "sensible",
            "sensing",
            "hoping",
            "hopped",
            "hopeful",
            "happiness",
            "happen",
            "nations",
            "national",
        ] {
            let stem = analysis::stem_of_folded(word);
            if analysis::is_short_stem(&stem) {
                continue;
            }
            // Every term of every segment whose stem it is, from a walk of the whole
            // dictionary, and its marker.
            let mut want: BTreeMap<String, u64> = BTreeMap::new();
            let mut marker = String::new();
            analysis::marker_into(&stem, &mut marker);
            for reader in searcher.segment_readers() {
                let inverted = reader.inverted_index(fields.text).expect("field");
                let mut stream = inverted.terms().stream().expect("stream");
                while stream.advance() {
                    let term = std::str::from_utf8(stream.key()).expect("utf-8");
                    let variant = term.starts_with(analysis::variant_prefix(&stem))
                        && analysis::stem_of_folded(term) == stem;
                    if variant || term == marker {
                        *want.entry(term.to_string()).or_default() +=
                            u64::from(stream.value().doc_freq);
                    }
                }
            }
            let got =
                terms_of(&searcher, fields.text, &BodyWord::Stem(stem.clone())).expect("terms");
            assert_eq!(
                got,
                want.into_iter().collect::<Vec<_>>(),
                "{word} -> {stem}"
            );
            assert!(!got.is_empty(), "{word} is in the index");
        }
    }

    #[test]
    fn a_word_scores_on_the_summed_frequencies_of_its_variants() {
        let (index, fields) = index();
        let searcher = index.reader().expect("reader").searcher();
        // `rates` and `rate` are one word: a passage with two of them outscores one with one,
        // whatever the form.
        let query = BodyPhraseQuery::new(fields.text, vec![BodyWord::Stem("rate".into())], 0);
        let hits = searcher
            .search(&query, &TopDocs::with_limit(100))
            .expect("search");
        let score_of = |needle: &str| {
            hits.iter()
                .find(|(_, a)| {
                    let doc: tantivy::TantivyDocument = searcher.doc(*a).expect("doc");
                    doc.get_first(fields.text)
                        .and_then(|v| tantivy::schema::Value::as_str(&v))
                        .is_some_and(|t| t == needle)
                })
                .map(|(s, _)| *s)
        };
        // Passages of eight words each.
        let two = score_of("bank the rate rose the bank rates the").expect("a match");
        let also_two = score_of("the rates, the rate, the bank, the banks").expect("a match");
        let three = score_of("rates of the bank rose, banks rated the rate").expect("a match");
        assert!(three > two, "{three} > {two}");
        assert!(
            (two - also_two).abs() < 1e-5,
            "same count: {two} vs {also_two}"
        );
    }
}
