//! UTF-8 validation for response bodies. `std::str::from_utf8` decodes each multi-byte character
//! with branches; on Vietnamese text (a non-ASCII letter in nearly every word) that took ≈ 40 ms
//! of a 15.8 MB feed's load in Chromium. A shift-based DFA (one table load and one shift per
//! byte) checks the same bytes in a fraction of that.

/// The states of the DFA, as shift amounts into a table entry (six bits per state). `ACCEPT`
/// is between characters; the others are inside one, named by what the next byte must be
/// (Unicode 15, table 3-7: no overlong forms, no surrogates, nothing above U+10FFFF).
const ACCEPT: u32 = 0;
const ONE_MORE: u32 = 6; // 80..BF, then done
const TWO_MORE: u32 = 12; // 80..BF, then ONE_MORE
const THREE_MORE: u32 = 18; // 80..BF, then TWO_MORE
const AFTER_E0: u32 = 24; // A0..BF (no overlong 3-byte form)
const AFTER_ED: u32 = 30; // 80..9F (no surrogate)
const AFTER_F0: u32 = 36; // 90..BF (no overlong 4-byte form)
const AFTER_F4: u32 = 42; // 80..8F (nothing above U+10FFFF)
const ERROR: u32 = 48;

/// For each byte, the next state of every state, packed: entry >> state & 63 is the next state.
const TABLE: [u64; 256] = table();

const fn next(state: u32, b: u8) -> u32 {
    match (state, b) {
        (ACCEPT, 0x00..=0x7f) => ACCEPT,
        (ACCEPT, 0xc2..=0xdf) => ONE_MORE,
        (ACCEPT, 0xe0) => AFTER_E0,
        (ACCEPT, 0xe1..=0xec | 0xee..=0xef) => TWO_MORE,
        (ACCEPT, 0xed) => AFTER_ED,
        (ACCEPT, 0xf0) => AFTER_F0,
        (ACCEPT, 0xf1..=0xf3) => THREE_MORE,
        (ACCEPT, 0xf4) => AFTER_F4,
        (ONE_MORE, 0x80..=0xbf) => ACCEPT,
        (TWO_MORE, 0x80..=0xbf) | (AFTER_E0, 0xa0..=0xbf) | (AFTER_ED, 0x80..=0x9f) => ONE_MORE,
        (THREE_MORE, 0x80..=0xbf) | (AFTER_F0, 0x90..=0xbf) | (AFTER_F4, 0x80..=0x8f) => TWO_MORE,
        _ => ERROR,
    }
}

const fn table() -> [u64; 256] {
    let mut t = [0u64; 256];
    let mut b = 0;
    while b < 256 {
        let mut state = 0;
        while state <= ERROR {
            t[b] |= (next(state, b as u8) as u64) << state;
            state += 6;
        }
        b += 1;
    }
    t
}

/// Whether `bytes` are UTF-8, exactly as `std::str::from_utf8` decides.
pub fn is_utf8(bytes: &[u8]) -> bool {
    // In slices of 4 KB, one call each: V8 runs a wasm function in its baseline compiler until a
    // later call picks up the optimized code (there is no on-stack replacement), so one call over
    // 15 MB would run unoptimized from start to end.
    bytes.chunks(4096).fold(u64::from(ACCEPT), run) == u64::from(ACCEPT)
}

#[inline(never)]
fn run(mut state: u64, mut rest: &[u8]) -> u64 {
    while !rest.is_empty() {
        // Between characters, eight ASCII bytes at once (keys, URLs, markup).
        if state == u64::from(ACCEPT) {
            if let Some(word) = rest.get(..8) {
                let mut w = [0; 8];
                w.copy_from_slice(word);
                if u64::from_ne_bytes(w) & 0x8080_8080_8080_8080 == 0 {
                    rest = &rest[8..];
                    continue;
                }
            }
        }
        for &b in rest.get(..8).unwrap_or(rest) {
            state = TABLE[usize::from(b)] >> state & 63;
        }
        rest = rest.get(8..).unwrap_or(&[]);
    }
    state
}

/// `bytes` as text when they are UTF-8.
pub fn as_str(bytes: &[u8]) -> Option<&str> {
    if !is_utf8(bytes) {
        return None;
    }
    // SAFETY: `is_utf8` accepts exactly what `from_utf8` accepts (tests below compare them on
    // every sequence of up to three bytes, every four-byte sequence that can start a character,
    // and random text).
    Some(unsafe { std::str::from_utf8_unchecked(bytes) })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn agree(b: &[u8]) {
        assert_eq!(is_utf8(b), std::str::from_utf8(b).is_ok(), "{b:02x?}");
    }

    #[test]
    fn every_short_sequence_is_judged_as_std_judges_it() {
        for a in 0..=255u8 {
            agree(&[a]);
            for b in 0..=255u8 {
                agree(&[a, b]);
                for c in 0..=255u8 {
                    agree(&[a, b, c]);
                }
            }
        }
    }

    #[test]
    fn every_four_byte_start_is_judged_as_std_judges_it() {
        for a in 0xf0..=0xf4u8 {
            for b in 0..=255u8 {
                for c in [0x00, 0x7f, 0x80, 0x8f, 0x90, 0x9f, 0xa0, 0xbf, 0xc0, 0xff] {
                    for d in 0..=255u8 {
                        agree(&[a, b, c, d]);
                    }
                }
            }
        }
    }

    #[test]
    fn random_text_and_its_corruptions() {
        let text = "Hội nghị trực báo công tác DÂN VẬN – ĐẢNG ỦY 😀 \u{10ffff}\u{fffd}\u{7ff}\u{800} plain ascii words";
        let mut next = crate::model::test_rng::below(0x2545_f491_4f6c_dd1d);
        for _ in 0..20_000 {
            let mut b: Vec<u8> = text.bytes().cycle().skip(next(text.len())).take(next(120)).collect();
            agree(&b);
            if !b.is_empty() {
                let i = next(b.len());
                b[i] = next(256) as u8;
                agree(&b);
            }
        }
    }

    #[test]
    fn long_text_across_the_4_kb_slices() {
        // Multi-byte characters straddle every slice end at one offset or another.
        for shift in 0..4 {
            let text = format!("{}{}", "x".repeat(shift), "Đảng ủy 😀 dân vận – ".repeat(1_500));
            agree(text.as_bytes());
            for at in [4094, 4095, 4096, 4097, 3 * 4096 + 2] {
                let mut b = text.clone().into_bytes();
                b[at] = 0xff;
                agree(&b);
                let mut b = text.clone().into_bytes();
                b.truncate(at);
                agree(&b);
            }
        }
        agree(&vec![0x80; 3 * 4096]);
    }
}
