//! The plain-text cleaner and the passage splitter on any input: no panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use newsgrep::clean::{self, Format};
use newsgrep::passage;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let article = clean::clean(&text, Format::Text);
    let _ = passage::split(&article);
});
