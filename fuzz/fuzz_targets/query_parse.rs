//! The query parser on any string: a query or an error, no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgrep::query;

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let _ = query::parse(&input);
});
