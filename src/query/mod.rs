//! The query language, and its translation to tantivy queries.
//!
//! Syntax: words (all must match), `"a phrase"`, `"a phrase"~N` (up to N words between or
//! around), `NEAR(a b, N)` (all words within N words of each other, any order), `a OR b`,
//! `-word` / `NOT word`, `(grouping)`, `=word` (surface word, no stemming), `word~1` / `word~2`
//! (fuzzy), `algo*` (prefix), and fields `title:`, `source:`, `path:GLOB`, `date:>=2022-01-01`,
//! `date:2022-01-01..2022-12-31`, `date:2022`. Errors name the column (1-based, in chars) where
//! the problem is.
//!
//! A query string is parsed (`parse.rs`) into a tree (`ast.rs`), rewritten where the index
//! asks (`rewrite.rs`: `--exact`, compound spellings), then compiled to a tantivy query
//! (`compile.rs`) out of tantivy's own queries and ours: article fields (`article.rs`), surface
//! words (`surface.rs`), stemmed variants (`variants.rs`, `phrase.rs`), path globs
//! (`path_glob.rs`), all matched a segment at a time (`weight.rs`).

mod article;
mod ast;
mod compile;
mod language;
mod parse;
mod path_glob;
mod phrase;
mod rewrite;
mod surface;
mod variants;
mod weight;

pub use article::{article_count, scored_as_common};
pub use ast::{phrase_words, Clause, Node, PhraseWord, Query, QueryError, Scope};
pub use compile::compile;
pub use parse::{parse, MAX_GROUP_DEPTH, MAX_TERMS};
pub use path_glob::{path_matcher, path_matches};
pub use rewrite::{expand_compounds, make_exact};
pub use surface::word_counts;
pub use variants::{terms_of, word_doc_freq, BodyPhraseQuery, BodyWord};

/// What the query modules' tests share.
#[cfg(test)]
pub(crate) mod testing {
    use crate::index::{register_tokenizers, schema, Fields};
    use tantivy::query::Query as TQuery;
    use tantivy::schema::Field;
    use tantivy::{doc, Index, IndexWriter};

    /// An index of our schema holding `passages`, in two segments.
    pub fn index_of(passages: &[&str]) -> (Index, Fields) {
        let (schema, fields) = schema();
        let index = Index::create_in_ram(schema);
        register_tokenizers(&index);
        let mut writer: IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (i, text) in passages.iter().enumerate() {
            writer
                .add_document(doc!(fields.text => *text))
                .expect("add");
            if i == passages.len() / 2 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        (index, fields)
    }

    /// The documents of a one-field index of `words` that `query` matches, as their words.
    /// The index has two segments when there are two words or more, so that weights matching
    /// segments beforehand on all cores are tried too.
    pub fn matching_words(words: &[&str], query: impl Fn(Field) -> Box<dyn TQuery>) -> Vec<String> {
        use tantivy::collector::DocSetCollector;
        use tantivy::schema::{Schema, Value, STORED, STRING};
        let mut schema = Schema::builder();
        let field = schema.add_text_field("word", STRING | STORED);
        let index = tantivy::Index::create_in_ram(schema.build());
        let mut writer: tantivy::IndexWriter = index
            .writer_with_num_threads(1, 15_000_000)
            .expect("writer");
        writer.set_merge_policy(Box::new(tantivy::indexer::NoMergePolicy));
        for (i, word) in words.iter().enumerate() {
            writer
                .add_document(tantivy::doc!(field => *word))
                .expect("add");
            if i + 1 == words.len() / 2 {
                writer.commit().expect("commit");
            }
        }
        writer.commit().expect("commit");
        let searcher = index.reader().expect("reader").searcher();
        let mut found: Vec<String> = searcher
            .search(&*query(field), &DocSetCollector)
            .expect("search")
            .into_iter()
            .map(|address| {
                let doc: tantivy::TantivyDocument = searcher.doc(address).expect("doc");
                let word = doc.get_first(field).and_then(|v| v.as_str());
                word.unwrap_or_default().to_string()
            })
            .collect();
        found.sort();
        found
    }
}
