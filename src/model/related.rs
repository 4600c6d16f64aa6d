//! "Tin liên quan" (same category or a shared tag) and "Tin khác" (the neighbours in time).

use crate::model::order::positions_by;
use crate::model::Article;

/// Indices of articles newest first; undated ones last, in feed order.
pub fn newest_first(articles: &[Article]) -> Vec<usize> {
    newest_first_by_date(articles.iter().map(Article::date))
}

/// Positions of `dates` newest first; undated last; equal dates in the order given.
pub fn newest_first_by_date(dates: impl Iterator<Item = Option<i64>>) -> Vec<usize> {
    // `!d` reverses the order without overflow; undated (MIN) becomes MAX, so last.
    let keys: Vec<i64> = dates.map(|d| !d.unwrap_or(i64::MIN)).collect();
    positions_by(keys.len(), &|a, b| keys[a].cmp(&keys[b]))
}

/// A date this far ahead of the reader's clock is still "now" (clocks and servers disagree by minutes).
pub const CLOCK_SKEW_SECONDS: i64 = 3600;

/// The order of the lists whose first item is the lead (home, sections, the latest widget): newest
/// first among the items dated up to `now`; then those dated in the future, soonest first (a
/// mistyped year or a scheduled post must not stay pinned on top); undated last, in feed order.
pub fn newest_first_as_of(dates: impl Iterator<Item = Option<i64>>, now: i64) -> Vec<usize> {
    let horizon = now.saturating_add(CLOCK_SKEW_SECONDS);
    let keys: Vec<(u8, i64)> = dates
        .map(|d| match d {
            Some(d) if d <= horizon => (0, !d),
            Some(d) => (1, d),
            None => (2, 0),
        })
        .collect();
    positions_by(keys.len(), &|a, b| keys[a].cmp(&keys[b]))
}

/// Other articles sharing the category or at least one tag with `current`, newest first, at most
/// `limit`. Never `current` itself (compared by slug, so duplicates of it are excluded too).
pub fn related<'a>(articles: &'a [Article], current: &Article, limit: usize) -> Vec<&'a Article> {
    let fold = |s: &str| crate::model::slug::slugify(s);
    let cat = current.section().map(fold);
    let tags: Vec<String> = current.tags.iter().map(|t| fold(t)).collect();
    newest_first(articles)
        .into_iter()
        .map(|i| &articles[i])
        .filter(|a| a.slug != current.slug && a.id != current.id)
        .filter(|a| {
            let same_cat = cat.is_some() && a.section().map(fold) == cat;
            same_cat || a.tags.iter().any(|t| tags.contains(&fold(t)))
        })
        .take(limit)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(slug: &str, date: Option<i64>, cat: Option<&str>, tags: &[&str]) -> Article {
        Article {
            id: slug.into(),
            slug: slug.into(),
            published: date,
            category: cat.map(Into::into),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn same_category_or_tag_newest_first_never_itself() {
        let all = vec![
            art("seed", Some(100), Some("Dân vận"), &["Mặt trận"]),
            art("old-same-cat", Some(50), Some("Dân vận"), &[]),
            art("new-shared-tag", Some(300), Some("Kinh tế"), &["mặt trận"]),
            art("unrelated", Some(400), Some("Kinh tế"), &["Nông thôn mới"]),
            art("newer-same-cat", Some(200), Some("DÂN VẬN"), &[]),
            art("seed", Some(100), Some("Dân vận"), &[]),
        ];
        let got: Vec<&str> = related(&all, &all[0], 10).iter().map(|a| a.slug.as_str()).collect();
        assert_eq!(got, ["new-shared-tag", "newer-same-cat", "old-same-cat"]);
        assert_eq!(related(&all, &all[0], 1).len(), 1);
    }

    #[test]
    fn articles_without_category_or_tags_have_no_related() {
        let all = vec![art("a", Some(1), None, &[]), art("b", Some(2), None, &[])];
        assert!(related(&all, &all[0], 5).is_empty());
    }

    #[test]
    fn undated_articles_sort_last_in_feed_order() {
        let all = vec![art("u1", None, None, &[]), art("d", Some(5), None, &[]), art("u2", None, None, &[])];
        assert_eq!(newest_first(&all), [1, 0, 2]);
    }

    #[test]
    fn future_dates_are_not_the_lead() {
        let now = 1_700_000_000;
        let year_9999 = 253_402_214_400 - 86_400;
        let dates = [Some(now - 10), Some(year_9999), None, Some(now + 600), Some(now + 7200), Some(now - 5)];
        // Past and within the clock skew newest first, then the future soonest first, then undated.
        assert_eq!(newest_first_as_of(dates.into_iter(), now), vec![3, 5, 0, 4, 1, 2]);
    }
}
