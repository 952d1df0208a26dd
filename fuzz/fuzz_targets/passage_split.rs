//! The passage splitter on cleaned plain text: every passage's line holds its first word, every
//! word of a passage is in the input, sentence ends lie on char boundaries.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgrep::clean::{self, Format};
use newsgrep::{analysis, passage};

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for end in passage::sentence_ends(&text) {
        assert!(text.is_char_boundary(end));
    }
    let article = clean::clean(&text, Format::Text);
    let lines: Vec<&str> = text.lines().collect();
    for p in passage::split(&article) {
        let words: Vec<&str> = analysis::word_spans(&p.text)
            .into_iter()
            .map(|(s, e)| &p.text[s..e])
            .collect();
        let Some(first) = words.first() else { continue };
        assert!(p.line >= 1 && p.line <= lines.len(), "line {}", p.line);
        assert!(lines[p.line - 1].contains(first), "line {} lacks {first:?}", p.line);
        for w in words {
            assert!(text.contains(w), "{w:?} not in the input");
        }
    }
});
