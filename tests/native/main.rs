//! Native tests of the pure model: feed parsing against the spec's own examples and awkward feeds.
mod common;
mod feed;

mod awkward_feeds;
mod big_feed;
mod bundled_feed;
mod fuzz;
mod fuzz_gen;
mod spec_examples;
mod wordpress;
