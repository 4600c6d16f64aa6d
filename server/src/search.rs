//! `q=`: which articles a search finds. The same rule as the app's feed-mode search
//! (`minh_long_portal::model::search`): diacritic- and case-insensitive, every query word must
//! begin some word of the title, summary or text ("dan van" finds "Dân vận").
//!
//! This is the simple implementation: the folded text is stored with each article and matched
//! with `LIKE`, newest first. A full-text index with ranking can replace this file's body without
//! touching its callers.

use crate::db::{Db, Listed};
use crate::Error;
use minh_long_portal::model::search::{body_text, query_words};
use minh_long_portal::model::slug::fold;
use minh_long_portal::model::Article;

/// The stored search text of `a`: its folded words, each preceded by one space, so that
/// `LIKE '% word%'` finds `word` at the start of a word.
pub fn folded_text(a: &Article) -> String {
    let text = format!("{}\n{}", a.title.as_deref().unwrap_or(""), body_text(a));
    let mut out = String::with_capacity(text.len() + 1);
    for w in fold(&text).split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()) {
        out.push(' ');
        out.push_str(w);
    }
    out
}

/// One page (`limit` rows from `offset`, newest first) of the articles of `section` (a slug, if
/// any) that match `q`.
pub async fn search(db: &Db, q: &str, section: Option<&str>, offset: i64, limit: i64) -> Result<Vec<Listed>, Error> {
    let patterns: Vec<String> = query_words(q).into_iter().map(|w| format!("% {w}%")).collect();
    db.list(section, &patterns, offset, limit).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_words_start_with_a_space() {
        let a = Article { title: Some("Dân vận khéo".into()), content_text: Some("COVID-19, năm 2022".into()), ..Default::default() };
        assert_eq!(folded_text(&a), " dan van kheo covid 19 nam 2022");
    }
}
