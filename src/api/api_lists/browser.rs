//! The browser keeps no API list: each view reads its own.

use crate::model::paging::PageChain;
use crate::model::Feed;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

/// None kept.
pub fn first_page(_url: &str) -> Option<Arc<Feed>> {
    None
}

/// Nothing is kept.
pub fn keep(_url: &str, _first: &Arc<Feed>) {}

/// None kept.
pub fn by_first_page(_first: &Arc<Feed>) -> Option<Rc<RefCell<PageChain>>> {
    None
}

/// Nothing to forget.
pub fn clear() {}
