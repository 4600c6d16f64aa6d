//! Following a paged source's `next_url` safely: a page already read (a `next_url` pointing to
//! itself or back) or a page that brings no new item ends the list instead of repeating it.

/// Whether `next` is a page not read yet (`read`: the addresses of the pages read so far).
pub fn next_is_new(next: &str, read: &[String]) -> bool {
    !read.iter().any(|r| r == next)
}

/// Whether a page adds anything: at least one of its item ids is not among `known`.
pub fn adds_items<'a>(page_ids: impl IntoIterator<Item = &'a str>, known: &std::collections::HashSet<String>) -> bool {
    page_ids.into_iter().any(|id| !known.contains(id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_next_url_to_a_page_already_read_is_not_followed() {
        let read = vec!["https://x/feed.json".to_string(), "https://x/feed.json?page=2".to_string()];
        assert!(!next_is_new("https://x/feed.json", &read));
        assert!(!next_is_new("https://x/feed.json?page=2", &read));
        assert!(next_is_new("https://x/feed.json?page=3", &read));
    }

    #[test]
    fn a_page_of_items_already_shown_adds_nothing() {
        let known: HashSet<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        assert!(!adds_items(["a", "b"], &known));
        assert!(!adds_items([], &known));
        assert!(adds_items(["b", "c"], &known));
    }
}
