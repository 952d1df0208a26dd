//! The quote aligner: input is `quote\nsource`; the span and highlights lie in the source on
//! char boundaries and the coverage is a share.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgrep::quote::{Aligner, Quote};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (q, source) = input.split_once('\n').unwrap_or((&input, &input));
    let quote = Quote::new(q);
    let mut aligner = Aligner::new(&quote);
    if let Some(a) = aligner.align(source) {
        assert!(a.span.start <= a.span.end && a.span.end <= source.len());
        assert!(source.is_char_boundary(a.span.start) && source.is_char_boundary(a.span.end));
        for h in &a.highlights {
            assert!(h.start < h.end && h.end <= source.len());
            assert!(source.is_char_boundary(h.start) && source.is_char_boundary(h.end));
        }
        assert!((0.0..=1.0).contains(&a.coverage));
    }
});
