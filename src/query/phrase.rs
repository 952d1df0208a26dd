//! Words of the body made of several terms (a stem's variants), and phrases of such words.
//!
//! A [`WordPostings`] runs along the postings of a word's terms at once, lazily: a common word
//! (`the`, `states`) is never read in full to find the few passages a rarer one leads to. The
//! [`PhraseScorer`] intersects the words' passages and matches their positions with slop as
//! tantivy's own phrase scorer does (its position functions are copied below, under tantivy's
//! MIT license, so that phrases of stems and of plain words match the same way); tantivy's
//! scorer takes one term per word, and its regex phrase reads every term's passages up front.

use tantivy::fieldnorm::FieldNormReader;
use tantivy::postings::{Postings, SegmentPostings};
use tantivy::query::{Bm25Weight, Scorer};
use tantivy::{DocId, DocSet, Score, TERMINATED};

/// The passages of a word of several terms: the union of the terms' postings.
pub struct WordPostings {
    /// The terms' postings not yet run out.
    postings: Vec<SegmentPostings>,
    doc: DocId,
}

impl WordPostings {
    /// The union of `postings`; `None` when none has a passage.
    pub fn new(mut postings: Vec<SegmentPostings>) -> Option<Self> {
        postings.retain(|p| p.doc() != TERMINATED);
        let mut word = WordPostings { postings, doc: 0 };
        word.doc = word.first();
        (word.doc != TERMINATED).then_some(word)
    }

    /// The lowest passage of the postings.
    fn first(&self) -> DocId {
        self.postings
            .iter()
            .map(DocSet::doc)
            .min()
            .unwrap_or(TERMINATED)
    }

    /// How often the word is in the current passage.
    pub fn term_freq(&self) -> u32 {
        let doc = self.doc;
        self.postings
            .iter()
            .filter(|p| p.doc() == doc)
            .map(Postings::term_freq)
            .sum()
    }

    /// The word's positions in the current passage plus `offset`, in order, into `out`.
    fn positions(&mut self, offset: u32, out: &mut Vec<u32>) {
        out.clear();
        let doc = self.doc;
        let mut terms = 0;
        for p in self.postings.iter_mut().filter(|p| p.doc() == doc) {
            p.append_positions_with_offset(offset, out);
            terms += 1;
        }
        if terms > 1 {
            // Two terms never share a position but a word and its stem's marker, the same word.
            out.sort_unstable();
            out.dedup();
        }
    }
}

impl DocSet for WordPostings {
    fn advance(&mut self) -> DocId {
        let doc = self.doc;
        for p in &mut self.postings {
            if p.doc() == doc {
                p.advance();
            }
        }
        self.postings.retain(|p| p.doc() != TERMINATED);
        self.doc = self.first();
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc >= target {
            return self.doc;
        }
        for p in &mut self.postings {
            if p.doc() < target {
                p.seek(target);
            }
        }
        self.postings.retain(|p| p.doc() != TERMINATED);
        self.doc = self.first();
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.postings.iter().map(DocSet::size_hint).sum()
    }
}

/// Scores a word of several terms with BM25 on their summed frequencies.
pub struct WordScorer {
    word: WordPostings,
    fieldnorms: FieldNormReader,
    /// `None` when scoring is off: every match scores `boost`.
    bm25: Option<Bm25Weight>,
    boost: Score,
}

impl WordScorer {
    /// The scorer of `word`.
    pub fn new(
        word: WordPostings,
        fieldnorms: FieldNormReader,
        bm25: Option<Bm25Weight>,
        boost: Score,
    ) -> Self {
        WordScorer {
            word,
            fieldnorms,
            bm25: bm25.map(|w| w.boost_by(boost)),
            boost,
        }
    }
}

impl DocSet for WordScorer {
    fn advance(&mut self) -> DocId {
        self.word.advance()
    }

    fn seek(&mut self, target: DocId) -> DocId {
        self.word.seek(target)
    }

    fn doc(&self) -> DocId {
        self.word.doc()
    }

    fn size_hint(&self) -> u32 {
        self.word.size_hint()
    }
}

impl Scorer for WordScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => {
                let doc = self.word.doc();
                bm25.score(self.fieldnorms.fieldnorm_id(doc), self.word.term_freq())
            }
            None => self.boost,
        }
    }
}

/// The passages where words stand in order, up to `slop` extra words between or around,
/// scored with BM25 on how often the phrase is there.
pub struct PhraseScorer {
    /// The words, each with the offset that aligns it with the last word of the phrase,
    /// rarest first (fewest postings). The rarest leads the intersection, and positions are
    /// matched in this order, as tantivy's phrase scorer does (with a slop, a phrase of three
    /// words or more can match or not depending on that order).
    words: Vec<(WordPostings, u32)>,
    doc: DocId,
    slop: u32,
    phrase_count: u32,
    fieldnorms: FieldNormReader,
    bm25: Option<Bm25Weight>,
    boost: Score,
    left_positions: Vec<u32>,
    right_positions: Vec<u32>,
    left_slops: Vec<u8>,
    positions_buffer: Vec<u32>,
    slops_buffer: Vec<u8>,
}

impl PhraseScorer {
    /// The scorer of the phrase of `words` (at least two), positioned on its first match.
    pub fn new(
        words: Vec<WordPostings>,
        slop: u32,
        fieldnorms: FieldNormReader,
        bm25: Option<Bm25Weight>,
        boost: Score,
    ) -> Self {
        let last = words.len().saturating_sub(1) as u32;
        let mut words: Vec<(WordPostings, u32)> = words
            .into_iter()
            .enumerate()
            .map(|(i, w)| (w, last - i as u32))
            .collect();
        words.sort_by_key(|(w, _)| w.size_hint());
        let mut scorer = PhraseScorer {
            words,
            doc: 0,
            slop,
            phrase_count: 0,
            fieldnorms,
            bm25: bm25.map(|w| w.boost_by(boost)),
            boost,
            left_positions: Vec::with_capacity(100),
            right_positions: Vec::with_capacity(100),
            left_slops: Vec::with_capacity(100),
            positions_buffer: Vec::with_capacity(100),
            slops_buffer: Vec::with_capacity(100),
        };
        let first = scorer.words.iter().map(|(w, _)| w.doc()).max();
        scorer.doc = scorer.next_match(first.unwrap_or(TERMINATED));
        scorer
    }

    /// The first passage from `target` on holding every word (leapfrogging from the rarest),
    /// or `TERMINATED`.
    fn align(&mut self, mut target: DocId) -> DocId {
        'candidates: loop {
            if target == TERMINATED {
                return TERMINATED;
            }
            for (word, _) in &mut self.words {
                let doc = word.seek(target);
                if doc != target {
                    target = doc;
                    continue 'candidates;
                }
            }
            return target;
        }
    }

    /// The first passage from `target` on where the phrase stands.
    fn next_match(&mut self, target: DocId) -> DocId {
        let mut doc = self.align(target);
        while doc != TERMINATED && !self.phrase_match() {
            doc = self.align(doc + 1);
        }
        doc
    }

    /// Whether the phrase stands in the passage all words are on; counts it for the score.
    fn phrase_match(&mut self) -> bool {
        self.compute_phrase_match();
        self.phrase_count = self.match_positions(false);
        self.phrase_count > 0
    }

    /// Narrows the first word's positions by every word but the last (in the order of
    /// `words`), leaving the last word's positions in `right_positions`, as tantivy's phrase
    /// scorer does.
    fn compute_phrase_match(&mut self) {
        let n = self.words.len();
        let (first, offset) = &mut self.words[0];
        first.positions(*offset, &mut self.left_positions);
        self.left_slops.clear();
        for i in 1..n - 1 {
            let (word, offset) = &mut self.words[i];
            word.positions(*offset, &mut self.right_positions);
            self.match_positions(true);
            if self.left_positions.is_empty() {
                return;
            }
        }
        let (last, offset) = &mut self.words[n - 1];
        last.positions(*offset, &mut self.right_positions);
    }

    /// How many of `left_positions` match one of `right_positions`, and with `update_left`,
    /// the matches left in `left_positions`: the slop is a budget carried from word to word in
    /// a phrase of three words or more. Without a slop, a match is a position both have
    /// (positions are distinct).
    fn match_positions(&mut self, update_left: bool) -> u32 {
        if self.slop > 0 && self.words.len() > 2 {
            intersection_count_with_carrying_slop(
                &mut self.left_positions,
                &mut self.left_slops,
                &self.right_positions,
                self.slop,
                update_left,
                &mut self.positions_buffer,
                &mut self.slops_buffer,
            )
        } else {
            intersection_count_with_slop(
                &mut self.left_positions,
                &self.right_positions,
                self.slop,
                update_left,
            ) as u32
        }
    }
}

impl DocSet for PhraseScorer {
    fn advance(&mut self) -> DocId {
        if self.doc != TERMINATED {
            self.doc = self.next_match(self.doc + 1);
        }
        self.doc
    }

    fn seek(&mut self, target: DocId) -> DocId {
        if self.doc < target {
            self.doc = self.next_match(target);
        }
        self.doc
    }

    fn doc(&self) -> DocId {
        self.doc
    }

    fn size_hint(&self) -> u32 {
        self.words
            .iter()
            .map(|(w, _)| w.size_hint())
            .min()
            .unwrap_or(0)
    }
}

impl Scorer for PhraseScorer {
    fn score(&mut self) -> Score {
        match &self.bm25 {
            Some(bm25) => bm25.score(self.fieldnorms.fieldnorm_id(self.doc), self.phrase_count),
            None => self.boost,
        }
    }
}

// The position functions of tantivy 0.25's `query/phrase_query/phrase_scorer.rs`, as they are
// there (MIT license, Copyright (c) 2018 by the project authors, as listed in tantivy's AUTHORS
// file).

/// Intersects two sorted arrays `left` and `right`, into `left_positions` if `update_left`:
/// a match is a pair at most `slop` apart. Returns the length of the intersection.
fn intersection_count_with_slop(
    left_positions: &mut Vec<u32>,
    right_positions: &[u32],
    slop: u32,
    update_left: bool,
) -> usize {
    let mut left_index = 0;
    let mut right_index = 0;
    let mut count = 0;
    let left_len = left_positions.len();
    let right_len = right_positions.len();
    while left_index < left_len && right_index < right_len {
        let left_val = left_positions[left_index];
        let right_val = right_positions[right_index];

        let distance = left_val.abs_diff(right_val);
        if distance <= slop {
            while left_index + 1 < left_len {
                // there could be a better match
                let next_left_val = left_positions[left_index + 1];
                if next_left_val > right_val {
                    // the next value is outside the range, so current one is the best.
                    break;
                }
                // the next value is better.
                left_index += 1;
            }

            // store the match in left.
            if update_left {
                left_positions[count] = right_val;
            }
            count += 1;
            left_index += 1;
            right_index += 1;
        } else if left_val < right_val {
            left_index += 1;
        } else {
            right_index += 1;
        }
    }
    if update_left {
        left_positions.truncate(count);
    }

    count
}

/// Intersection for phrases of more than two words that keeps track of the slop spent so far:
/// the slop is a budget spent on the distances between words. `left_slops` may be empty, which
/// is a slop of 0 so far.
fn intersection_count_with_carrying_slop(
    left_positions: &mut Vec<u32>,
    left_slops: &mut Vec<u8>,
    right_positions: &[u32],
    max_slop: u32,
    update_left: bool,
    positions_buffer: &mut Vec<u32>,
    slops_buffer: &mut Vec<u8>,
) -> u32 {
    let mut left_index = 0;
    let mut right_index = 0;
    let mut count = 0;

    if left_positions.is_empty() || right_positions.is_empty() {
        if update_left {
            left_positions.clear();
            left_slops.clear();
        }
        return 0;
    }

    let add_val = |val: (u8, u32), new_left: &mut Vec<u32>, new_slops: &mut Vec<u8>| {
        if update_left {
            let pos_exists = new_left.last().map(|v| *v == val.1).unwrap_or(false);
            if pos_exists {
                if let Some(last_slop) = new_slops.last_mut() {
                    *last_slop = (*last_slop).min(val.0);
                }
            } else {
                new_left.push(val.1);
                new_slops.push(val.0);
            }
        }
    };
    loop {
        let left_val = left_positions[left_index];
        let slop_so_far = left_slops.get(left_index).cloned().unwrap_or(0);
        let right_val = right_positions[right_index];

        let distance = slop_so_far as u32 + left_val.abs_diff(right_val);
        if distance <= max_slop {
            let (smaller_val, larger_val, mut smaller_val_idx, smaller_val_positions) =
                if left_val < right_val {
                    (left_val, right_val, left_index, left_positions.as_slice())
                } else {
                    (right_val, left_val, right_index, right_positions)
                };

            let mut new_slop = distance;
            add_val(
                (new_slop as u8, smaller_val),
                positions_buffer,
                slops_buffer,
            );
            while smaller_val_idx + 1 < smaller_val_positions.len() {
                // there could be a better match
                let next_val = smaller_val_positions[smaller_val_idx + 1];
                if next_val > larger_val {
                    // the next value is outside the range, so current one is the best.
                    break;
                }
                let distance = next_val.abs_diff(larger_val);

                // the next value is better.
                smaller_val_idx += 1;
                // better slop
                new_slop = slop_so_far as u32 + distance;
                add_val((new_slop as u8, next_val), positions_buffer, slops_buffer);
            }

            add_val((new_slop as u8, larger_val), positions_buffer, slops_buffer);
            count += 1;
            left_index += 1;
            right_index += 1;
        } else if left_val < right_val {
            left_index += 1;
        } else {
            right_index += 1;
        }

        if left_index >= left_positions.len() || right_index >= right_positions.len() {
            // finish rest
            if left_index >= left_positions.len() {
                let left_val = left_positions[left_positions.len() - 1];
                let slop_so_far: u8 = *left_slops.last().unwrap_or(&0);
                for right_val in &right_positions[right_index..] {
                    let new_slop = left_val.abs_diff(*right_val) + slop_so_far as u32;
                    if new_slop <= max_slop {
                        add_val((new_slop as u8, *right_val), positions_buffer, slops_buffer);
                    }
                }
            } else {
                let right_val = right_positions[right_positions.len() - 1];
                for (left_idx, &left_val) in left_positions.iter().enumerate().skip(left_index) {
                    let slop_so_far = *left_slops.get(left_idx).unwrap_or(&0);
                    let new_slop = left_val.abs_diff(right_val) + slop_so_far as u32;
                    if new_slop <= max_slop {
                        add_val((new_slop as u8, left_val), positions_buffer, slops_buffer);
                    }
                }
            };

            break;
        }
    }
    if update_left {
        std::mem::swap(left_positions, positions_buffer);
        std::mem::swap(left_slops, slops_buffer);
        positions_buffer.clear();
        slops_buffer.clear();
    }

    count
}
