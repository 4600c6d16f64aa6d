//! Following a paged source's `next_url` safely: a page already read (a `next_url` pointing to
//! itself or back) or a page that brings no new item ends the list instead of repeating it.
//! [`PageChain`] holds the pages of one list as read so far; the list view and the article route
//! share it, so an article is found wherever the list found it, under the same address.

use crate::model::{Article, Feed};
use std::collections::HashSet;
use std::sync::Arc;

/// The most pages the article route reads looking for one article (the first page included).
pub const MAX_LOOKUP_PAGES: usize = 20;
/// `next_url` pages the prerender reads of one list at most (a loop or a runaway source must end).
pub const MAX_READ_PAGES: usize = 1000;

/// Whether `next` is a page not read yet (`read`: the addresses of the pages read so far).
pub fn next_is_new(next: &str, read: &[String]) -> bool {
    !read.iter().any(|r| r == next)
}

/// Whether a page adds anything: at least one of its item ids is not among `known`.
pub fn adds_items<'a>(page_ids: impl IntoIterator<Item = &'a str>, known: &HashSet<String>) -> bool {
    page_ids.into_iter().any(|id| !known.contains(id))
}

/// The pages of one list, in the order read. Slugs are unique across the pages: an item whose
/// slug an earlier page already gave out gets the next free `-2`, `-3`, … (as repeats within one
/// page do), so its link opens it and not the earlier one. Reading the same pages in the same
/// order gives the same slugs, so such a link also survives a reload.
#[derive(Clone, Debug)]
pub struct PageChain {
    pages: Vec<Arc<Feed>>,
    /// Addresses of the pages read (and of their `feed_url`s).
    read: Vec<String>,
    ids: HashSet<String>,
    slugs: HashSet<String>,
    ended: bool,
}

/// What became of a page offered to [`PageChain::push`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pushed {
    /// Appended.
    Added,
    /// That address was read already (another reader of the chain got there first): nothing changed.
    AlreadyRead,
    /// The page brings no new item: a loop the addresses did not show. The list ends.
    Ended,
}

impl PageChain {
    /// A chain whose first page is `first`, read from `url`.
    pub fn new(first: Arc<Feed>, url: &str) -> PageChain {
        let mut chain = PageChain {
            pages: Vec::new(),
            read: vec![url.to_string()],
            ids: HashSet::new(),
            slugs: HashSet::new(),
            ended: false,
        };
        chain.read.extend(first.feed_url.clone());
        chain.ids.extend(first.articles.iter().map(|a| a.id.clone()));
        chain.slugs.extend(first.articles.iter().map(|a| a.slug.clone()));
        chain.pages.push(first);
        chain
    }

    pub fn pages(&self) -> &[Arc<Feed>] {
        &self.pages
    }

    pub fn first(&self) -> &Arc<Feed> {
        &self.pages[0]
    }

    /// The address of the page to read next: `None` at the end of the list, after a loop, or when
    /// the last page's `next_url` points to a page already read.
    pub fn next_url(&self) -> Option<&str> {
        if self.ended {
            return None;
        }
        let next = self.pages.last()?.next_url.as_deref()?;
        next_is_new(next, &self.read).then_some(next)
    }

    /// Appends `page`, read from `url`.
    pub fn push(&mut self, url: &str, mut page: Feed) -> Pushed {
        if !next_is_new(url, &self.read) {
            return Pushed::AlreadyRead;
        }
        self.read.push(url.to_string());
        if !adds_items(page.articles.iter().map(|a| a.id.as_str()), &self.ids) {
            self.ended = true;
            return Pushed::Ended;
        }
        self.read.extend(page.feed_url.clone());
        for a in &mut page.articles {
            self.ids.insert(a.id.clone());
            if !self.slugs.insert(a.slug.clone()) {
                let free = (2..).map(|n| format!("{}-{n}", a.slug)).find(|s| !self.slugs.contains(s));
                if let Some(free) = free {
                    self.slugs.insert(free.clone());
                    a.slug = free;
                }
            }
        }
        self.pages.push(Arc::new(page));
        Pushed::Added
    }

    /// The article with `slug` among the pages read, the earliest if several.
    pub fn find(&self, slug: &str) -> Option<&Article> {
        if !self.slugs.contains(slug) {
            return None;
        }
        self.pages.iter().flat_map(|p| p.articles.iter()).find(|a| a.slug == slug)
    }

    /// Whether the article route may read one more page looking for an article.
    pub fn may_read_on(&self) -> bool {
        self.pages.len() < MAX_LOOKUP_PAGES && self.next_url().is_some()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_next_url_to_a_page_already_read_is_not_followed() {
        let read = vec!["https://x/feed.json".to_string(), "https://x/feed.json?page=2".to_string()];
        assert!(!next_is_new("https://x/feed.json", &read));
        assert!(!next_is_new("https://x/feed.json?page=2", &read));
        assert!(next_is_new("https://x/feed.json?page=3", &read));
    }

    fn item(id: &str, slug: &str) -> Article {
        Article { id: id.into(), slug: slug.into(), title: Some(format!("Tin {id}")), ..Article::default() }
    }

    fn page(items: &[(&str, &str)], next: Option<&str>) -> Feed {
        Feed {
            articles: items.iter().map(|&(id, slug)| item(id, slug)).collect(),
            next_url: next.map(str::to_string),
            ..Feed::default()
        }
    }

    #[test]
    fn a_chain_follows_next_url_and_finds_articles_on_later_pages() {
        let mut chain = PageChain::new(Arc::new(page(&[("1", "a"), ("2", "b")], Some("p2"))), "p1");
        assert!(chain.find("c").is_none());
        assert_eq!(chain.next_url(), Some("p2"));
        assert_eq!(chain.push("p2", page(&[("3", "c")], Some("p3"))), Pushed::Added);
        assert_eq!(chain.find("c").map(|a| a.id.as_str()), Some("3"));
        assert_eq!(chain.next_url(), Some("p3"));
        // Another reader of the chain read p2 already: nothing changes.
        assert_eq!(chain.push("p2", page(&[("9", "z")], None)), Pushed::AlreadyRead);
        assert!(chain.find("z").is_none());
        assert_eq!(chain.pages().len(), 2);
    }

    #[test]
    fn a_slug_repeated_on_a_later_page_gets_the_next_free_suffix() {
        let mut chain = PageChain::new(Arc::new(page(&[("1", "tin"), ("2", "tin-2")], Some("p2"))), "p1");
        chain.push("p2", page(&[("3", "tin"), ("4", "khac")], Some("p3")));
        chain.push("p3", page(&[("5", "tin")], None));
        assert_eq!(chain.find("tin").map(|a| a.id.as_str()), Some("1"));
        assert_eq!(chain.find("tin-2").map(|a| a.id.as_str()), Some("2"));
        assert_eq!(chain.find("tin-3").map(|a| a.id.as_str()), Some("3"));
        assert_eq!(chain.find("tin-4").map(|a| a.id.as_str()), Some("5"));
        assert_eq!(chain.find("khac").map(|a| a.id.as_str()), Some("4"));
        // The same pages read again in the same order give the same addresses (a reload).
        let mut again = PageChain::new(Arc::new(page(&[("1", "tin"), ("2", "tin-2")], Some("p2"))), "p1");
        again.push("p2", page(&[("3", "tin"), ("4", "khac")], Some("p3")));
        assert_eq!(again.find("tin-3").map(|a| a.id.as_str()), Some("3"));
    }

    #[test]
    fn a_loop_ends_the_chain() {
        // next_url to the first page itself.
        let chain = PageChain::new(Arc::new(page(&[("1", "a")], Some("p1"))), "p1");
        assert_eq!(chain.next_url(), None);
        assert!(!chain.may_read_on());
        // A page of items already read under a new address.
        let mut chain = PageChain::new(Arc::new(page(&[("1", "a")], Some("p2"))), "p1");
        assert_eq!(chain.push("p2", page(&[("1", "a")], Some("p3"))), Pushed::Ended);
        assert_eq!(chain.next_url(), None);
        assert_eq!(chain.pages().len(), 1);
        // The feed's own feed_url counts as read.
        let first = Feed { feed_url: Some("canonical".into()), ..page(&[("1", "a")], Some("canonical")) };
        assert_eq!(PageChain::new(Arc::new(first), "p1").next_url(), None);
    }

    #[test]
    fn the_article_lookup_reads_at_most_max_lookup_pages() {
        let mut chain = PageChain::new(Arc::new(page(&[("0", "s0")], Some("p1"))), "p0");
        let mut n = 1;
        while chain.may_read_on() {
            let url = chain.next_url().unwrap().to_string();
            let (id, slug, next) = (n.to_string(), format!("s{n}"), format!("p{}", n + 1));
            chain.push(&url, page(&[(&id, &slug)], Some(&next)));
            n += 1;
        }
        assert_eq!(chain.pages().len(), MAX_LOOKUP_PAGES);
        assert!(chain.next_url().is_some(), "the feed goes on; the lookup stops");
    }

    #[test]
    fn a_page_of_items_already_shown_adds_nothing() {
        let known: HashSet<String> = ["a", "b"].iter().map(|s| s.to_string()).collect();
        assert!(!adds_items(["a", "b"], &known));
        assert!(!adds_items([], &known));
        assert!(adds_items(["b", "c"], &known));
    }
}
