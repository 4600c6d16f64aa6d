//! The tags of the page being prerendered, kept for the prerender to write into its file.

use super::PageMeta;
use std::cell::RefCell;

thread_local! {
    /// The tags of the page being prerendered.
    static COLLECTED: RefCell<Option<PageMeta>> = const { RefCell::new(None) };
}

/// Keeps the page's tags for [`take_collected`]. The token is for `clear`, which has nothing to
/// take away natively.
pub fn set(meta: &PageMeta) -> u32 {
    COLLECTED.with(|c| *c.borrow_mut() = Some(meta.clone()));
    0
}

/// No document was written to.
pub fn clear(_token: u32) {}

/// The tags the last page rendered natively asked for (the prerender writes them into its file).
pub fn take_collected() -> Option<PageMeta> {
    COLLECTED.with(|c| c.borrow_mut().take())
}
