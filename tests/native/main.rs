//! Native tests of the pure code: feed parsing against the spec's own examples and awkward feeds,
//! the router's address matching, and the modules of `src/` importing one another without a circle.
mod common;
mod feed;

mod awkward_feeds;
mod big_feed;
mod bundled_feed;
mod fuzz;
mod fuzz_gen;
mod module_graph;
mod prerender;
mod routing;
mod sanitize_html;
mod saved;
mod spec_examples;
mod wordpress;
