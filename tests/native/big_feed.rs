//! Native parse time of a large feed (`node tests/bench/gen-big-feed.mjs --out /tmp/feed-10k.json`):
//! `BIG_FEED=/tmp/feed-10k.json cargo test --release --test native big_feed -- --ignored --nocapture`.
//! Ignored by default: it needs the generated file and a release build to mean anything.

use crate::common::{parse_json, VN};
use serde::de::IgnoredAny;
use std::time::Instant;

/// Median and minimum of `runs` timings of `f`, in milliseconds.
fn time(runs: usize, mut f: impl FnMut()) -> (f64, f64) {
    let mut times: Vec<f64> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            f();
            start.elapsed().as_secs_f64() * 1000.0
        })
        .collect();
    times.sort_by(f64::total_cmp);
    (times[runs / 2], times[0])
}

#[test]
#[ignore]
fn big_feed_parse_time() {
    let path = std::env::var("BIG_FEED").unwrap_or_else(|_| "/tmp/feed-10k.json".into());
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let count = parse_json(&text, VN).expect("the big feed parses").articles.len();
    let (median, min) = time(15, || drop(parse_json(&text, VN)));
    let (parse_median, parse_min) = time(15, || drop(serde_json::from_str::<IgnoredAny>(&text)));
    println!(
        "{path}: {count} articles, {:.1} MB; parse + conversion median {median:.1} ms (min {min:.1}); \
         JSON syntax alone median {parse_median:.1} ms (min {parse_min:.1})",
        text.len() as f64 / 1e6
    );
}
