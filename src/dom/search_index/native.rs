//! The index in the prerender: built at once, there is no reader to keep responsive.

use crate::model::search::Index;
use crate::model::Feed;
use std::rc::Rc;
use std::sync::Arc;

/// `feed`'s index, built now.
pub fn ready(feed: &Arc<Feed>) -> Option<Rc<Index>> {
    Some(Rc::new(Index::build(&feed.articles)))
}

/// No idle time to build in: [`ready`] builds when asked.
pub fn build_when_idle(_feed: Arc<Feed>) {}

/// `feed`'s index, built now.
pub async fn when_ready(feed: Arc<Feed>) -> Rc<Index> {
    Rc::new(Index::build(&feed.articles))
}
