//! The tests' pseudo-random numbers: xorshift64, seeded, so a failing case can be replayed.

/// A generator of numbers below `n` (n > 0), from `seed` (non-zero).
pub fn below(mut seed: u64) -> impl FnMut(usize) -> usize {
    move |n| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    }
}
