//! Native tests of the pure model: feed parsing against the spec's own examples and awkward feeds.
mod feed;
