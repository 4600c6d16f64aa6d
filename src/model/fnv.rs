//! FNV-1a hashing for the maps keyed by a feed's own text (search words, slugs). std's SipHash
//! cost more than the rest of the work on a 10,000-item feed; its resistance to hash flooding buys
//! nothing here: colliding keys could only slow the loading of the feed that holds them.

use std::hash::BuildHasherDefault;

pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

pub type FnvMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fnv>>;
pub type FnvSet<K> = std::collections::HashSet<K, BuildHasherDefault<Fnv>>;
