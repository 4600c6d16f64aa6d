//! The prerender keeps the pages of each API list it read, by the URL of the first page.

use crate::model::paging::PageChain;
use crate::model::Feed;
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::Arc;

type Chain = Rc<RefCell<PageChain>>;

thread_local! {
    static API_LISTS: RefCell<Vec<(String, Chain)>> = const { RefCell::new(Vec::new()) };
}

/// The first page of the list at `url`, if it was read before.
pub fn first_page(url: &str) -> Option<Arc<Feed>> {
    let chain = API_LISTS.with(|lists| lists.borrow().iter().find(|(u, _)| u == url).map(|(_, c)| c.clone()))?;
    let first = chain.borrow().first().clone();
    Some(first)
}

/// Keeps the list at `url`, which starts with `first`.
pub fn keep(url: &str, first: &Arc<Feed>) {
    API_LISTS.with(|lists| {
        lists.borrow_mut().push((url.to_string(), Rc::new(RefCell::new(PageChain::new(first.clone(), url)))))
    });
}

/// The pages read so far of the kept list that starts with `first`.
pub fn by_first_page(first: &Arc<Feed>) -> Option<Chain> {
    API_LISTS.with(|lists| {
        lists.borrow().iter().find(|(_, c)| Arc::ptr_eq(c.borrow().first(), first)).map(|(_, c)| c.clone())
    })
}

/// Forgets every list: a render at publish time must not show a section as read by an earlier
/// render on the same thread.
pub fn clear() {
    API_LISTS.with(|lists| lists.borrow_mut().clear());
}
