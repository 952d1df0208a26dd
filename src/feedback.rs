//! Pseudo-relevance feedback for ranked searches of plain words: the words that the leads of
//! the best articles share say what the query is about, and the candidate articles that use
//! them rise (`lead` finds the articles about the metal, which speak of zinc, smelters and
//! tonnes, above those where someone leads a poll).
//!
//! Before the feedback, the candidate articles whose opening (headline and first paragraph)
//! names a query word rise: a news story says what it is about at its top, and a word first
//! met further down is mostly a passing mention. The feedback then learns its words from the
//! best articles of that order.
//!
//! It re-ranks a bounded pool of the best passages, so its cost does not grow with the number
//! of matches: the query's words are seeked once per candidate article, the leads of
//! [`ARTICLES`] articles are read, [`SHORTLIST`] words looked up in the dictionary, and
//! [`TERMS`] words' postings seeked once per candidate article. The weights were chosen on
//! half of the Reuters topic queries (docs/benchmarks.md, "Ranking").

use crate::analysis::{self, Mode};
use crate::index::Fields;
use crate::query::{BodyPhraseQuery, BodyWord, Clause, Node, Query, Scope};
use anyhow::Result;
use std::collections::{BTreeMap, HashMap};
use tantivy::postings::Postings as _;
use tantivy::query::{EnableScoring, Query as _};
use tantivy::schema::{IndexRecordOption, Value as _};
use tantivy::{DocAddress, DocId, DocSet as _, Score, Searcher, TantivyDocument, Term, TERMINATED};

/// How many of the best passages are ranked again.
pub const POOL: usize = 100;

/// How many of the best articles lend their words.
const ARTICLES: usize = 10;

/// How many body passages of each of those articles are read: the lead, which says what an
/// article is about.
const LEAD: u64 = 3;

/// How many of the leads' most frequent words are weighed by their rarity.
const SHORTLIST: usize = 100;

/// How many words are added to the query.
const TERMS: usize = 10;

/// Weight of the added words' evidence, as the article's own BM25 weight for the query's words
/// (`query::compile`): the added words, their weights summing to one, count as one more word.
const WEIGHT: f32 = 2.0;

/// How many of an article's first passages are its opening: the headline (a passage of its
/// own) and the first paragraph.
const OPENING: u32 = 2;

/// Weight of a query word in an article's opening, times the word's rarity among articles:
/// about half the article's own evidence for a word it names once (chosen on the tuning half
/// of the Reuters topic queries; 0.5 to 5 ranked alike there).
const OPENING_WEIGHT: f32 = 1.0;

const K1: f32 = 1.2;
const B: f32 = 0.75;

/// The stems of a query of plain words of the passage text (`lead`, `crude oil`), which is
/// what feedback is for; `None` for any other query: phrases, quotes of several words,
/// alternatives, exclusions, fields, prefixes, accents as written.
pub fn plain_words(query: &Query) -> Option<Vec<String>> {
    if query.accents {
        return None;
    }
    let nodes = match &query.root {
        Node::And(children) => children.iter().collect(),
        leaf => vec![leaf],
    };
    let mut stems = Vec::new();
    for node in nodes {
        let Node::Leaf(Clause::Phrase {
            scope: Scope::Body,
            text,
            slop: 0,
            exact: false,
        }) = node
        else {
            return None;
        };
        let mut words = analysis::tokenize(text, Mode::Stemmed);
        if words.len() != 1 {
            return None;
        }
        stems.extend(words.pop().map(|w| w.term));
    }
    (!stems.is_empty()).then_some(stems)
}

/// An article: its segment and its first passage.
type Article = (u32, DocId);

/// Ranks `top`, the best passages for the plain words `stems` best first, again with the
/// evidence of the words their best articles' leads share. Left as it is when the pool holds
/// no more articles than those that lend their words (nothing else to rank among them).
pub fn rerank(
    searcher: &Searcher,
    fields: &Fields,
    stems: &[String],
    top: &mut [(Score, DocAddress)],
) -> Result<()> {
    let articles = articles_of(searcher, top)?;
    let ranked = distinct(&articles);
    if ranked.len() <= ARTICLES {
        return Ok(());
    }
    let opening = opening_lift(searcher, fields, stems, &ranked)?;
    lift_and_sort(top, &articles, &opening);
    let articles = articles_of(searcher, top)?;
    let ranked = distinct(&articles);
    let words = added_words(searcher, fields, stems, &ranked[..ARTICLES])?;
    if words.is_empty() {
        return Ok(());
    }
    let lift = evidence(searcher, fields, &words, &ranked)?;
    lift_and_sort(top, &articles, &lift);
    Ok(())
}

/// `articles` each once, in their order.
fn distinct(articles: &[Article]) -> Vec<Article> {
    let mut ranked: Vec<Article> = Vec::new();
    for article in articles {
        if !ranked.contains(article) {
            ranked.push(*article);
        }
    }
    ranked
}

/// Adds to each passage of `top`, whose articles are `articles`, its article's `lift`, and
/// sorts `top` again, best first.
fn lift_and_sort(
    top: &mut [(Score, DocAddress)],
    articles: &[Article],
    lift: &HashMap<Article, f32>,
) {
    for ((score, _), article) in top.iter_mut().zip(articles) {
        *score += lift.get(article).copied().unwrap_or(0.0);
    }
    // Stable: equal scores keep the order they had (path, then passage).
    top.sort_by(|a, b| b.0.total_cmp(&a.0));
}

/// The lift of each of `articles` whose opening ([`OPENING`] passages) holds words of the
/// query `stems`: [`OPENING_WEIGHT`] times each such word's rarity among articles, counted as
/// the article's evidence counts the word (its common uses, or all if it is mostly a name).
fn opening_lift(
    searcher: &Searcher,
    fields: &Fields,
    stems: &[String],
    articles: &[Article],
) -> Result<HashMap<Article, f32>> {
    let n = crate::query::article_count(searcher)?;
    let mut by_segment: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for &(segment, first) in articles {
        by_segment.entry(segment).or_default().push(first);
    }
    let mut lift = HashMap::new();
    for stem in stems {
        let common = searcher.doc_freq(&Term::from_field_text(fields.common, stem))?;
        let all = searcher.doc_freq(&Term::from_field_text(fields.article, stem))?;
        let rarity = match crate::query::scored_as_common(common, all) {
            true => idf(n, common),
            false => idf(n, all),
        };
        let word = BodyPhraseQuery::new(fields.text, vec![BodyWord::Stem(stem.clone())], 0);
        let weight = word.weight(EnableScoring::disabled_from_searcher(searcher))?;
        for (&segment, firsts) in by_segment.iter_mut() {
            firsts.sort_unstable();
            let reader = searcher.segment_reader(segment);
            let ordinals = reader.fast_fields().u64("ordinal")?;
            let mut passages = weight.scorer(reader, 1.0)?;
            for &first in firsts.iter() {
                let mut doc = passages.doc();
                if doc < first {
                    doc = passages.seek(first);
                }
                // The first passage holding the word at or after the article's first passage:
                // in the opening if it is one of the article's first passages.
                let at = doc.saturating_sub(first);
                if doc != TERMINATED && at < OPENING && ordinals.first(doc) == Some(u64::from(at)) {
                    *lift.entry((segment, first)).or_insert(0.0) += OPENING_WEIGHT * rarity;
                }
            }
        }
    }
    Ok(lift)
}

/// The article of each passage of `top`.
fn articles_of(searcher: &Searcher, top: &[(Score, DocAddress)]) -> Result<Vec<Article>> {
    let mut ordinals = HashMap::new();
    let mut articles = Vec::with_capacity(top.len());
    for (_, address) in top {
        let segment = address.segment_ord;
        let column = match ordinals.entry(segment) {
            std::collections::hash_map::Entry::Occupied(known) => known.into_mut(),
            std::collections::hash_map::Entry::Vacant(new) => new.insert(
                searcher
                    .segment_reader(segment)
                    .fast_fields()
                    .u64("ordinal")?,
            ),
        };
        let ordinal = column.first(address.doc_id).unwrap_or(0);
        let first = address
            .doc_id
            .saturating_sub(u32::try_from(ordinal).unwrap_or(0));
        articles.push((segment, first));
    }
    Ok(articles)
}

/// BM25's rarity of a word held by `df` of `n` articles.
fn idf(n: u64, df: u64) -> f32 {
    let (n, df) = (n as f32, df.min(n) as f32);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The words to add, with weights summing to one: the words of the leads of `best`, weighed
/// by their mean share of a lead and by their rarity among articles (relevance model), less the
/// query's own, numbers and words under three letters.
fn added_words(
    searcher: &Searcher,
    fields: &Fields,
    stems: &[String],
    best: &[Article],
) -> Result<Vec<(Term, f32)>> {
    // Chinese and Japanese text is cut into words by jieba, whose dictionary takes a hundred
    // milliseconds to load: a lead lends its Chinese or Japanese words only to a query that has
    // some (which loaded it already). A Wikipedia article on coffee naming a Chinese tea made
    // `coffee` five times slower.
    let cjk_query = stems.iter().any(|stem| stem.chars().any(analysis::is_cjk));
    let mut share: HashMap<String, f32> = HashMap::new();
    for &(segment, first) in best {
        let mut counts: HashMap<String, f32> = HashMap::new();
        let mut length = 0.0;
        for text in lead(searcher, fields, segment, first, cjk_query)? {
            for token in analysis::tokenize(&text, Mode::Stemmed) {
                *counts.entry(token.term).or_default() += 1.0;
                length += 1.0;
            }
        }
        for (word, count) in counts {
            *share.entry(word).or_default() += count / length;
        }
    }
    let mut shortlist: Vec<(String, f32)> = share
        .into_iter()
        .filter(|(word, _)| {
            word.chars().count() >= 3
                && word.chars().all(char::is_alphabetic)
                && !stems.contains(word)
        })
        .collect();
    shortlist.sort_by(|a, b| b.1.total_cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    shortlist.truncate(SHORTLIST);
    let n = crate::query::article_count(searcher)?;
    let mut weighed = Vec::with_capacity(shortlist.len());
    for (word, share) in shortlist {
        let term = Term::from_field_text(fields.common, &word);
        let df = searcher.doc_freq(&term)?;
        if df > 0 {
            weighed.push((term, word, share * idf(n, df)));
        }
    }
    weighed.sort_by(|a, b| b.2.total_cmp(&a.2).then_with(|| a.1.cmp(&b.1)));
    weighed.truncate(TERMS);
    let total: f32 = weighed.iter().map(|w| w.2).sum();
    if total <= 0.0 {
        return Ok(Vec::new());
    }
    Ok(weighed
        .into_iter()
        .map(|(term, _, weight)| (term, weight / total))
        .collect())
}

/// The common-use words (`analysis::common_use_words`) of the first [`LEAD`] body passages of
/// the article whose first passage is `first` (the headline, a passage of its own, is left out);
/// without their Chinese and Japanese characters unless `cjk`.
fn lead(
    searcher: &Searcher,
    fields: &Fields,
    segment: u32,
    first: DocId,
    cjk: bool,
) -> Result<Vec<String>> {
    let max_doc = searcher.segment_reader(segment).max_doc();
    let ordinals = searcher
        .segment_reader(segment)
        .fast_fields()
        .u64("ordinal")?;
    let mut texts = Vec::new();
    let mut title = None;
    let mut doc = first;
    while doc < max_doc && texts.len() < LEAD as usize {
        let ordinal = u64::from(doc - first);
        if ordinals.first(doc) != Some(ordinal) || ordinal > LEAD {
            break;
        }
        let stored: TantivyDocument = searcher.doc(DocAddress::new(segment, doc))?;
        let text = stored.get_first(fields.text).and_then(|v| v.as_str());
        let lang = stored.get_first(fields.lang).and_then(|v| v.as_str());
        if ordinal == 0 {
            title = stored
                .get_first(fields.title)
                .and_then(|v| v.as_str())
                .map(str::to_string);
        }
        if let Some(text) = text.filter(|text| ordinal > 0 || title.as_deref() != Some(*text)) {
            if cjk || !text.chars().any(analysis::is_cjk) {
                texts.push(analysis::common_use_words(text, lang));
            } else {
                let text: String = text
                    .chars()
                    .map(|c| if analysis::is_cjk(c) { ' ' } else { c })
                    .collect();
                texts.push(analysis::common_use_words(&text, lang));
            }
        }
        doc += 1;
    }
    Ok(texts)
}

/// The lift of each of `articles`: [`WEIGHT`] times the weighted BM25 of the added `words` in
/// the article's common-use field, scored among articles as `query::article` scores the
/// query's own words.
fn evidence(
    searcher: &Searcher,
    fields: &Fields,
    words: &[(Term, f32)],
    articles: &[Article],
) -> Result<HashMap<Article, f32>> {
    let n = crate::query::article_count(searcher)?;
    let mut tokens = 0u64;
    for reader in searcher.segment_readers() {
        tokens += reader.inverted_index(fields.common)?.total_num_tokens();
    }
    let average = (tokens as f32 / n as f32).max(1.0);
    let mut by_segment: BTreeMap<u32, Vec<DocId>> = BTreeMap::new();
    for &(segment, first) in articles {
        by_segment.entry(segment).or_default().push(first);
    }
    let mut lift = HashMap::new();
    for (segment, mut firsts) in by_segment {
        firsts.sort_unstable();
        let reader = searcher.segment_reader(segment);
        let inverted = reader.inverted_index(fields.common)?;
        let norms = reader.get_fieldnorms_reader(fields.common)?;
        for (term, weight) in words {
            let idf = idf(n, searcher.doc_freq(term)?);
            let Some(mut postings) = inverted.read_postings(term, IndexRecordOption::WithFreqs)?
            else {
                continue;
            };
            for &first in &firsts {
                if postings.doc() > first || postings.seek(first) != first {
                    continue;
                }
                let tf = postings.term_freq() as f32;
                let length = norms.fieldnorm(first) as f32;
                let bm25 = idf * (K1 + 1.0) * tf / (tf + K1 * (1.0 - B + B * length / average));
                *lift.entry((segment, first)).or_insert(0.0) += WEIGHT * weight * bm25;
            }
        }
    }
    Ok(lift)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words_of(text: &str) -> Option<Vec<String>> {
        plain_words(&crate::query::parse(text).expect("valid"))
    }

    #[test]
    fn plain_words_are_the_stems_of_a_query_of_words_of_the_text() {
        assert_eq!(words_of("lead"), Some(vec!["lead".to_string()]));
        assert_eq!(
            words_of("housing starts"),
            Some(vec!["hous".to_string(), "start".to_string()])
        );
    }

    #[test]
    fn phrases_alternatives_exclusions_fields_and_prefixes_get_no_feedback() {
        for query in [
            "\"crude oil\"",
            "lead OR zinc",
            "lead -poll",
            "title:lead",
            "lea*",
            "lead NEAR zinc",
        ] {
            assert_eq!(words_of(query), None, "{query}");
        }
    }

    #[test]
    fn a_rarer_word_weighs_more_and_none_weighs_less_than_zero() {
        assert!(idf(100, 1) > idf(100, 50));
        assert!(idf(100, 100) > 0.0);
        assert!(idf(100, 500) > 0.0);
    }
}
