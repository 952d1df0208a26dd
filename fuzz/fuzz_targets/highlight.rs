//! The highlighter and the KWIC window: input is `query\ntext`; every span and the window lie
//! inside the text on char boundaries, sorted and without overlap.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgrep::print::window::window;
use newsgrep::{highlight, query};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (q, text) = input.split_once('\n').unwrap_or((&input, &input));
    let Ok(parsed) = query::parse(q) else { return };
    let spans = highlight::spans(&parsed, text);
    let mut last_end = 0;
    for s in &spans {
        assert!(s.start < s.end && s.end <= text.len());
        assert!(text.is_char_boundary(s.start) && text.is_char_boundary(s.end));
        assert!(s.start >= last_end);
        last_end = s.end;
    }
    let w = window(text, &spans, 80);
    assert!(w.start <= w.end && w.end <= text.len());
    assert!(text.is_char_boundary(w.start) && text.is_char_boundary(w.end));
});
