//! The analysis chain as a tantivy tokenizer, so the index sees exactly the tokens that
//! queries, highlights and quotes see.

use super::{
    han_sub_word, marker_into, marks_its_stem, normalize_into, stem_folded, Mode, WordSpans,
    MAX_TOKEN_BYTES,
};

/// The analysis chain as a tantivy tokenizer, so the index sees exactly our tokens.
#[derive(Clone)]
pub struct NewsTokenizer {
    mode: Mode,
    /// Whether a word is followed, at its position, by its stem's marker where
    /// [`marks_its_stem`] says so ([`BODY`]).
    markers: bool,
    token: tantivy::tokenizer::Token,
    /// The stem of the word just given, when its marker is to follow.
    stem: String,
}

impl NewsTokenizer {
    /// A tokenizer producing terms in `mode`.
    pub fn new(mode: Mode) -> Self {
        NewsTokenizer {
            mode,
            markers: false,
            token: tantivy::tokenizer::Token::default(),
            stem: String::new(),
        }
    }

    /// The chain of the passage text ([`BODY`]): surface words, and the marker of the stem
    /// after the words that [mark it](marks_its_stem).
    pub fn body() -> Self {
        NewsTokenizer {
            markers: true,
            ..NewsTokenizer::new(Mode::Exact)
        }
    }
}

/// Token stream over the word spans of a text, normalising each word into the token's own
/// buffer as the indexer asks for it.
pub struct NewsTokenStream<'a> {
    text: &'a str,
    spans: WordSpans<'a>,
    mode: Mode,
    markers: bool,
    current: &'a mut tantivy::tokenizer::Token,
    /// The stem of the last word given; its marker is next when `marker_next`.
    stem: &'a mut String,
    marker_next: bool,
    /// The span of the word inside the Han word just given ([`han_sub_word`]), next at its
    /// position.
    sub_word_next: Option<(usize, usize)>,
    position: usize,
}

impl tantivy::tokenizer::Tokenizer for NewsTokenizer {
    type TokenStream<'a> = NewsTokenStream<'a>;

    fn token_stream<'a>(&'a mut self, text: &'a str) -> NewsTokenStream<'a> {
        self.token.reset();
        NewsTokenStream {
            text,
            spans: WordSpans::new(text),
            mode: self.mode,
            markers: self.markers,
            current: &mut self.token,
            stem: &mut self.stem,
            marker_next: false,
            sub_word_next: None,
            position: 0,
        }
    }
}

impl tantivy::tokenizer::TokenStream for NewsTokenStream<'_> {
    fn advance(&mut self) -> bool {
        if self.marker_next {
            // Same position and span as the word it marks.
            self.marker_next = false;
            marker_into(self.stem, &mut self.current.text);
            return true;
        }
        if let Some((start, end)) = self.sub_word_next.take() {
            // At the position of the word it is in, so a phrase of whole words keeps its
            // positions, and only its own characters as its span.
            let term = &mut self.current.text;
            normalize_into(&self.text[start..end], self.mode, false, term);
            self.current.offset_from = start;
            self.current.offset_to = end;
            return true;
        }
        for (start, end) in self.spans.by_ref() {
            if end - start > MAX_TOKEN_BYTES {
                continue;
            }
            let term = &mut self.current.text;
            normalize_into(&self.text[start..end], Mode::Exact, false, term);
            if term.is_empty() {
                continue;
            }
            if self.mode == Mode::Stemmed {
                stem_folded(term);
            } else if self.markers {
                self.marker_next = marks_its_stem(term, self.stem);
            }
            self.sub_word_next =
                han_sub_word(&self.text[start..end]).map(|(from, to)| (start + from, start + to));
            self.current.offset_from = start;
            self.current.offset_to = end;
            self.current.position = self.position;
            self.current.position_length = 1;
            self.position += 1;
            return true;
        }
        false
    }

    fn token(&self) -> &tantivy::tokenizer::Token {
        self.current
    }

    fn token_mut(&mut self) -> &mut tantivy::tokenizer::Token {
        self.current
    }
}
