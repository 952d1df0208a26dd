//! The printers: every byte newsgrep writes to stdout goes through here, one printer per format
//! over the same data.

pub mod article;
pub mod count;
pub mod hits;
pub mod kwic;
pub mod quote;
pub mod stats;
pub mod window;
