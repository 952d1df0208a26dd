//! A cheap hasher for the cleaner's hash maps, whose keys are short words or 64-bit hashes.
//!
//! The standard SipHash guards against keys chosen to collide; the cleaner's maps live for one
//! page and are keyed by its words, where FNV-1a is several times faster and good enough. A key
//! that is already a 64-bit hash is passed through as it is.

use std::hash::{BuildHasherDefault, Hasher};

const FNV_PRIME: u64 = 0x0100_0000_01b3;
/// FNV-1a's starting value.
pub const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;

/// One FNV-1a step: `hash` with `byte` mixed in.
pub fn fnv_step(hash: u64, byte: u64) -> u64 {
    (hash ^ byte).wrapping_mul(FNV_PRIME)
}

/// FNV-1a over bytes, passing `u64` keys through.
pub struct FastHasher(u64);

impl Default for FastHasher {
    fn default() -> Self {
        FastHasher(FNV_OFFSET)
    }
}

impl Hasher for FastHasher {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = fnv_step(self.0, u64::from(b));
        }
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}

/// Builds [`FastHasher`]s for `HashMap::with_hasher` and `HashSet`.
pub type BuildFast = BuildHasherDefault<FastHasher>;
