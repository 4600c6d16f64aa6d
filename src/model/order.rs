//! The one sort of the app: positions sorted through a comparator object, so every list (search
//! results, related news, the newest-first lists) shares one instance of std's sort in the wasm.

use std::cmp::Ordering;

/// The positions `0..len` ordered by `cmp`; positions that compare equal keep their order (a
/// stable sort).
pub fn positions_by(len: usize, cmp: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut positions: Vec<usize> = (0..len).collect();
    positions.sort_unstable_by(|&a, &b| cmp(a, b).then(a.cmp(&b)));
    positions
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_the_standard_stable_sort() {
        let mut rng = fastrand::Rng::with_seed(7);
        let mut below = |n: usize| rng.usize(..n);
        for len in [0, 1, 2, 3, 20, 21, 200, 1000] {
            // Few distinct keys, so many ties.
            let keys: Vec<usize> = (0..len).map(|_| below(len / 3 + 1)).collect();
            let mut expected: Vec<usize> = (0..len).collect();
            expected.sort_by_key(|&i| keys[i]);
            assert_eq!(positions_by(len, &|a, b| keys[a].cmp(&keys[b])), expected, "len {len}");
        }
    }
}
