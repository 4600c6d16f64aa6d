//! The portal's sections ("chuyên mục"): an article's `_portal.category`, else its first tag
//! ([`Article::section`]), addressed by the slug of the name (`/chuyen-muc/{slug}`).

use crate::model::order::positions_by;
use crate::model::slug::{fold, slugify};
use crate::model::Article;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Category {
    pub slug: String,
    /// As the newest article of the section spells it.
    pub name: String,
    /// Articles of the section among those given.
    pub count: usize,
}

/// The distinct sections of `articles`, in Vietnamese alphabetical order (diacritics folded).
/// Names that differ only in case or diacritics are one section; a name with no letter or digit
/// has no slug and is left out.
pub fn categories(articles: &[Article]) -> Vec<Category> {
    let mut out: Vec<(Category, Option<i64>)> = Vec::new();
    for a in articles {
        let Some(name) = a.section().map(str::trim).filter(|n| !n.is_empty()) else { continue };
        let slug = slugify(name);
        if slug.is_empty() {
            continue;
        }
        match out.iter_mut().find(|(c, _)| c.slug == slug) {
            Some((c, newest)) => {
                c.count += 1;
                if a.date() > *newest {
                    c.name = name.to_string();
                    *newest = a.date();
                }
            }
            None => out.push((Category { slug, name: name.to_string(), count: 1 }, a.date())),
        }
    }
    let keys: Vec<String> = out.iter().map(|(c, _)| fold(&c.name)).collect();
    let order = positions_by(out.len(), &|a, b| keys[a].cmp(&keys[b]).then_with(|| out[a].0.name.cmp(&out[b].0.name)));
    order.into_iter().map(|i| out[i].0.clone()).collect()
}

/// Whether `a` belongs to the section addressed by `slug`.
pub fn in_category(a: &Article, slug: &str) -> bool {
    a.category_slug().is_some_and(|s| s == slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn art(cat: Option<&str>, tags: &[&str], date: i64) -> Article {
        Article {
            category: cat.map(Into::into),
            tags: tags.iter().map(|t| t.to_string()).collect(),
            published: Some(date),
            ..Default::default()
        }
    }

    #[test]
    fn distinct_sections_alphabetical_by_folded_name() {
        let all = vec![
            art(Some("Văn hóa – Xã hội"), &[], 1),
            art(Some("Dân vận"), &[], 2),
            art(None, &["Chỉ đạo điều hành", "Khác"], 3),
            art(Some("DÂN VẬN"), &[], 4),
            art(Some("Đảng"), &[], 5),
            art(None, &[], 6),
            art(Some(" – "), &[], 7),
        ];
        let cats = categories(&all);
        let names: Vec<&str> = cats.iter().map(|c| c.name.as_str()).collect();
        // "Đảng" folds to "dang", before "dan van"? No: "dan van" < "dang" (space sorts first).
        assert_eq!(names, ["Chỉ đạo điều hành", "DÂN VẬN", "Đảng", "Văn hóa – Xã hội"]);
        assert_eq!(cats[1].slug, "dan-van");
        assert_eq!(cats[1].count, 2);
        assert_eq!(cats[3].slug, "van-hoa-xa-hoi");
    }

    #[test]
    fn membership_by_slug_of_the_section() {
        let a = art(Some("Kinh tế – Xã hội"), &["Nông nghiệp"], 1);
        assert!(in_category(&a, "kinh-te-xa-hoi"));
        assert!(!in_category(&a, "nong-nghiep"));
        assert!(in_category(&art(None, &["Nông nghiệp"], 1), "nong-nghiep"));
        assert!(!in_category(&art(None, &[], 1), ""));
    }
}
