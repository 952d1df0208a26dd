//! A word stemmed in another language than English: the passages of the articles in that
//! language holding a word of the same stem (Snowball, rust-stemmers), so that `elecciones`
//! finds `elección` in Spanish articles while English articles keep their English stems.
//!
//! The body's dictionary holds folded surface words: the words sharing the start of the
//! stem are walked and stemmed, and their passages kept where the article's `lang` is the
//! language. A segment without an article in the language costs one term look-up.

use super::surface::{add_postings, prefix_stream};
use super::weight::{MatchesWeight, SegmentMatches};
use crate::analysis::{self, MARKER};
use tantivy::query::{EnableScoring, Query, Weight};
use tantivy::schema::{Field, IndexRecordOption};
use tantivy::{SegmentReader, Term};
use tantivy_common::BitSet;

/// Passages in language `lang` holding a word whose stem in that language is the query word's.
#[derive(Clone, Debug)]
pub struct LanguageStemQuery {
    text: Field,
    lang_field: Field,
    lang: &'static str,
    stem: String,
    prefix: String,
}

impl LanguageStemQuery {
    /// The query for the folded surface `word` in language `lang` (ISO 639-1), if there is a
    /// stemmer for it.
    pub fn new(text: Field, lang_field: Field, lang: &'static str, word: &str) -> Option<Self> {
        let stemmer = analysis::stemmer_for(lang)?;
        let stem = stemmer.stem(word).into_owned();
        // The words of a stem nearly always start with it; the walk starts where the stem and
        // the word agree (a stemmer may rewrite the end: German `ß`).
        let common = stem
            .char_indices()
            .zip(word.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, c), _)| i + c.len_utf8());
        Some(LanguageStemQuery {
            text,
            lang_field,
            lang,
            prefix: stem[..common].to_string(),
            stem,
        })
    }
}

impl Query for LanguageStemQuery {
    fn weight(&self, _scoring: EnableScoring<'_>) -> tantivy::Result<Box<dyn Weight>> {
        Ok(Box::new(MatchesWeight::new(self.clone(), None)?))
    }
}

impl SegmentMatches for LanguageStemQuery {
    fn matches(&self, reader: &SegmentReader) -> tantivy::Result<BitSet> {
        let none = || BitSet::with_max_value(reader.max_doc());
        let Some(stemmer) = analysis::stemmer_for(self.lang) else {
            return Ok(none());
        };
        let langs = reader.inverted_index(self.lang_field)?;
        let term = Term::from_field_text(self.lang_field, self.lang);
        let Some(info) = langs.get_term_info(&term)? else {
            return Ok(none());
        };
        let mut docs = BitSet::with_max_value(reader.max_doc());
        let mut in_lang = BitSet::with_max_value(reader.max_doc());
        add_postings(&langs, &info, &mut in_lang)?;
        // Too short a start would walk much of the dictionary for nothing: such a stem keeps
        // to the English one.
        if self.prefix.chars().count() < 3 {
            return Ok(docs);
        }
        let text = reader.inverted_index(self.text)?;
        let mut stream = prefix_stream(text.terms(), &self.prefix)?;
        while stream.advance() {
            let key = stream.key();
            if key.first() == Some(&(MARKER as u8)) {
                continue;
            }
            let Ok(word) = std::str::from_utf8(key) else {
                continue;
            };
            if stemmer.stem(word) != self.stem.as_str() {
                continue;
            }
            let mut postings =
                text.read_block_postings_from_terminfo(stream.value(), IndexRecordOption::Basic)?;
            while !postings.docs().is_empty() {
                for &doc in postings.docs() {
                    if in_lang.contains(doc) {
                        docs.insert(doc);
                    }
                }
                postings.advance();
            }
        }
        Ok(docs)
    }

    fn what(&self) -> String {
        format!("stem {:?} in {}", self.stem, self.lang)
    }
}
