//! Links the `newsgrep` binary as a position-dependent executable on Linux.
//!
//! A position-independent executable makes the dynamic loader apply some 33,000 relocations
//! at every start, and the pages they touch are copied: about half a millisecond of a search
//! that takes four. Search is a short-lived command, so the binary is linked at a fixed
//! address instead (the code itself is unchanged). `.cargo/config.toml` goes further where
//! cargo reads it (builds from the repository) and links it statically too; this covers the
//! builds that do not read it.

fn main() {
    let os = std::env::var("CARGO_CFG_TARGET_OS").unwrap_or_default();
    if os == "linux" {
        println!("cargo:rustc-link-arg-bins=-no-pie");
    }
    println!("cargo:rerun-if-changed=build.rs");
}
