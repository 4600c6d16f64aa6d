//! Pages at publish time: after one article is saved or deleted, the few prerendered pages the
//! change touched are rendered again — the article's page, the news list's pages from the one the
//! article is (or was) on, its section's pages, and `sitemap.xml` — by the same views and into
//! the same files as the whole-site run ([`super::site::run`]), each file replaced atomically.
//! See README.md, "Publishing".
//!
//! The portal server calls [`publish`] with the data in hand: the pages' requests to its API are
//! answered in-process by the caller ([`crate::api::http::native::answer_in_process`]), from its
//! database, without a socket. Nothing else of the archive is read or rendered, so one article is
//! live in a fraction of a second however large the archive is.
//!
//! What a publish does not rewrite: the other articles' pages (their menu of sections and "Tin
//! khác" come from the news list's first page) and the list pages more than
//! [`LIST_PAGES_ON_PUBLISH`] after the first changed one. The app brings them up to date when it
//! takes a page over; the whole-site run (cron, or the server's `import`) rewrites them.

use super::page::{compose, render};
use super::site::{
    article_file, file_of, shell, sitemap_entry, write_atomic, Report, MANIFEST, SITEMAP_HEAD, SITEMAP_TAIL,
};
use crate::api::http::native::answer_in_process;
use crate::api::source::Source;
use crate::api::{source, ApiError};
use crate::components::paged_list::PAGE_SIZE;
use crate::config::Config;
use crate::model::slug::slugify;
use crate::model::Article;
use crate::routing::table::Route;
use std::collections::HashSet;
use std::fs;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// List pages one change rewrites at most, from the first one whose items changed: 10 pages are
/// the newest 100 articles of a list. A new article moves every later item of its lists by one
/// place; rewriting all of them would make a publish as slow as the archive is large.
pub const LIST_PAGES_ON_PUBLISH: usize = 10;

/// The site a server renders into.
#[derive(Clone, Debug)]
pub struct Site {
    /// The built site the server answers from (Trunk's output, with `shell.html`).
    pub dist: PathBuf,
    /// Origin (and any path before the base) of the public site, without a trailing '/'.
    pub site_url: String,
    /// "" or like "/tin-huyen".
    pub base: String,
    pub utc_offset_minutes: i32,
    /// The API the pages read, as their readers reach it (absolute, no trailing '/'): the URLs the
    /// answerer is asked for start with it.
    pub api: String,
}

/// One article saved (created or replaced) or deleted.
#[derive(Clone, Debug, Default)]
pub struct Change {
    /// The article's key: its address is `/tin-tuc/{key}` (decoded).
    pub key: String,
    /// Deleted: its page goes (the server then answers 404).
    pub removed: bool,
    /// Its section before the change, if it had one: that list lost it when it moved or went.
    pub previous_section: Option<String>,
    /// The first page of the news list whose items changed: [`list_page_of`] the smaller of the
    /// article's places in the list (newest first, from 0) before and after; 1 when unsure.
    pub home_from_page: usize,
}

/// The list page (from 1) that shows the item at `position` (from 0) of a list, newest first.
pub fn list_page_of(position: usize) -> usize {
    position / PAGE_SIZE + 1
}

/// Answers a GET of the API in-process with the body the API would send (a JSON Feed page for
/// `{api}/articles?…`, one item for `{api}/articles/{key}`), or the error it would give
/// ([`ApiError::NotFound`] for an unknown article).
pub trait Answerer: Fn(&str) -> Result<Vec<u8>, ApiError> + 'static {}
impl<F: Fn(&str) -> Result<Vec<u8>, ApiError> + 'static> Answerer for F {}

/// One writer of a `dist/` at a time in this process: the manifest and the sitemap are read,
/// edited and written back.
static WRITING: Mutex<()> = Mutex::new(());

/// Rewrites the pages `change` touched. Blocking (renders on this thread): a server runs it on a
/// blocking thread. Errors name the file or the request that failed; pages written before an
/// error stay written (each is whole).
pub fn publish(site: &Site, change: &Change, answer: impl Answerer) -> Result<Report, String> {
    let _writing = WRITING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _answers = answer_in_process(answer);
    // What an earlier render on this thread read is stale now.
    source::forget_loaded();
    let mut run = Run::start(site)?;
    let offset = site.utc_offset_minutes;
    let mut section_names: Vec<String> = change.previous_section.iter().cloned().collect();
    let article_path = Route::article(&change.key).to_path();
    match article_file(&change.key) {
        None => run.report.skipped.push(format!("{article_path} (không phải tên tệp an toàn)")),
        Some(file) if change.removed => run.remove(&file, Some(&article_path)),
        Some(file) => {
            let article: Article = futures::executor::block_on(run.config.source.article(
                &change.key,
                offset,
                futures::future::ready(Ok(run.first.clone())),
                None,
            ))
            .map_err(|e| {
                format!("{}: {}", crate::model::portal_api::article_url(&site.api, &change.key), e.detail())
            })?;
            section_names.extend(article.section().map(str::to_string));
            let (body, meta) = run.render(&article_path);
            if meta.as_ref().is_none_or(|m| m.kind != "article") {
                return Err(format!("{article_path}: không hiển thị được bài viết"));
            }
            run.write(&file, &article_path, &body, meta.as_ref(), article.modified.or(article.date()))?;
        }
    }
    let newest = run.first.articles.iter().filter_map(Article::date).max();
    run.list(|page| Route::Home { page }, change.home_from_page.max(1), newest)?;
    let mut seen = HashSet::new();
    for name in section_names {
        let slug = slugify(name.trim());
        if slug.is_empty() || !seen.insert(slug.clone()) {
            continue;
        }
        run.list(|page| Route::Category { slug: slug.clone(), page }, 1, None)?;
    }
    run.finish()?;
    Ok(run.report)
}

/// Every page, as the whole-site run writes them, with the API answered in-process (the server's
/// `import`, which may change any page). Blocking, like [`publish`].
pub fn publish_all(site: &Site, answer: impl Answerer) -> Result<Report, String> {
    let _writing = WRITING.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    let _answers = answer_in_process(answer);
    source::forget_loaded();
    super::site::run(&super::site::Options {
        source: Source::Api(site.api.clone()),
        dist: site.dist.clone(),
        site_url: site.site_url.clone(),
        base: site.base.clone(),
        utc_offset_minutes: site.utc_offset_minutes,
    })
}

/// One publish in progress: what it rendered, and the edits for the manifest and the sitemap.
struct Run<'a> {
    site: &'a Site,
    config: Config,
    template: String,
    first: Arc<crate::model::Feed>,
    report: Report,
    /// Files written (added to the manifest) and removed (taken out of it).
    added: Vec<String>,
    gone: Vec<String>,
    /// Sitemap entries set (URL, lastmod) and removed (URL).
    entries: Vec<(String, Option<i64>)>,
    dropped: Vec<String>,
}

impl<'a> Run<'a> {
    fn start(site: &'a Site) -> Result<Run<'a>, String> {
        let template = shell(&site.dist)?;
        let source = Source::Api(site.api.clone());
        let mut config = Config::new(source.clone());
        config.base = site.base.clone();
        config.utc_offset_minutes = site.utc_offset_minutes;
        let first = futures::executor::block_on(source.first_page(site.utc_offset_minutes, None))
            .map_err(|e| format!("nguồn dữ liệu: {}", e.detail()))?;
        let first = Arc::new(first);
        source::share_first_page(&source, site.utc_offset_minutes, first.clone());
        Ok(Run {
            site,
            config,
            template,
            first,
            report: Report::default(),
            added: Vec::new(),
            gone: Vec::new(),
            entries: Vec::new(),
            dropped: Vec::new(),
        })
    }

    fn render(&self, route_path: &str) -> (String, Option<crate::dom::head::PageMeta>) {
        render(&self.config, &self.site.site_url, &format!("{}{route_path}", self.site.base))
    }

    fn url(&self, route_path: &str) -> String {
        format!("{}{}{route_path}", self.site.site_url, self.site.base)
    }

    fn write(
        &mut self,
        file: &str,
        route_path: &str,
        body: &str,
        meta: Option<&crate::dom::head::PageMeta>,
        lastmod: Option<i64>,
    ) -> Result<(), String> {
        let html =
            compose(&self.template, &self.site.site_url, &format!("{}{route_path}", self.site.base), body, meta)?;
        let path = self.site.dist.join(file);
        if fs::read_to_string(&path).is_ok_and(|old| old == html) {
            self.report.unchanged += 1;
        } else {
            write_atomic(&path, &html)?;
            self.report.written.push(file.to_string());
        }
        self.added.push(file.to_string());
        self.entries.push((self.url(route_path), lastmod));
        Ok(())
    }

    /// Removes `file` (and its directory when empty) and its sitemap entry.
    fn remove(&mut self, file: &str, route_path: Option<&str>) {
        let path = self.site.dist.join(file);
        if fs::remove_file(&path).is_ok() {
            self.report.removed.push(file.to_string());
            if let Some(dir) = path.parent().filter(|d| *d != self.site.dist) {
                let _ = fs::remove_dir(dir);
            }
        }
        self.gone.push(file.to_string());
        if let Some(route_path) = route_path {
            self.dropped.push(self.url(route_path));
        }
    }

    /// Pages `from`… of one list (at most [`LIST_PAGES_ON_PUBLISH`]), to its last page; the page
    /// after the last goes (the list got shorter by a page).
    fn list(&mut self, route: impl Fn(usize) -> Route, from: usize, lastmod: Option<i64>) -> Result<(), String> {
        for n in from..from + LIST_PAGES_ON_PUBLISH {
            let path = route(n).to_path();
            let file = file_of(&path);
            let (body, meta) = self.render(&path);
            if body.contains(NOT_FOUND) {
                // A section the news list's first page does not name: the app shows it as not
                // found (API mode), so its page is left to the whole-site run.
                self.report.skipped.push(format!("{path} (không tìm thấy chuyên mục)"));
                return Ok(());
            }
            if n > 1 && body.contains(EMPTY_LIST) {
                self.remove(&file, Some(&path));
                return Ok(());
            }
            self.write(&file, &path, &body, meta.as_ref(), lastmod)?;
            let next = route(n + 1).to_path();
            if !body.contains(&format!("href=\"{}{next}\"", self.site.base)) {
                self.remove(&file_of(&next), Some(&next));
                return Ok(());
            }
        }
        Ok(())
    }

    /// Writes the manifest and the sitemap with this run's changes.
    fn finish(&mut self) -> Result<(), String> {
        let dist = &self.site.dist;
        let manifest = fs::read_to_string(dist.join(MANIFEST)).unwrap_or_default();
        let mut files: Vec<&str> = manifest.lines().filter(|l| !l.is_empty()).collect();
        let gone: HashSet<&str> = self.gone.iter().map(String::as_str).collect();
        files.retain(|f| !gone.contains(f));
        for f in &self.added {
            if !files.contains(&f.as_str()) {
                files.push(f);
            }
        }
        let manifest_now = files.join("\n") + "\n";
        if manifest_now != manifest {
            write_atomic(&dist.join(MANIFEST), &manifest_now)?;
        }
        let old = fs::read_to_string(dist.join("sitemap.xml")).unwrap_or_default();
        let new = edit_sitemap(&old, &self.entries, &self.dropped);
        if new != old {
            write_atomic(&dist.join("sitemap.xml"), &new)?;
            self.report.written.push("sitemap.xml".into());
        }
        Ok(())
    }
}

/// In the body of a page the app rendered as "not found" (routes/not_found.rs).
const NOT_FOUND: &str = "np-error--not-found";
/// In the body of a list page with no item (components/paged_list.rs).
const EMPTY_LIST: &str = "class=\"np-paged__empty\"";

/// `old` (a sitemap the whole-site run wrote, or "") with the entries of `set` added or replaced
/// and those of `drop` taken out; the other entries keep their places.
fn edit_sitemap(old: &str, set: &[(String, Option<i64>)], drop: &[String]) -> String {
    let loc = |line: &str| -> Option<String> {
        let start = line.find("<loc>")? + "<loc>".len();
        let end = line[start..].find("</loc>")? + start;
        Some(line[start..end].to_string())
    };
    let mut lines: Vec<String> =
        old.lines().filter(|l| l.trim_start().starts_with("<url>")).map(|l| format!("{l}\n")).collect();
    let dropped: HashSet<String> = drop.iter().map(|u| super::head::text(u).into_owned()).collect();
    lines.retain(|l| loc(l).is_none_or(|u| !dropped.contains(&u)));
    for (url, lastmod) in set {
        let entry = sitemap_entry(url, *lastmod);
        let key = super::head::text(url).into_owned();
        match lines.iter_mut().find(|l| loc(l).as_deref() == Some(key.as_str())) {
            Some(line) => *line = entry,
            None => lines.push(entry),
        }
    }
    format!("{SITEMAP_HEAD}{}{SITEMAP_TAIL}", lines.concat())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_pages_of_positions() {
        assert_eq!(list_page_of(0), 1);
        assert_eq!(list_page_of(PAGE_SIZE - 1), 1);
        assert_eq!(list_page_of(PAGE_SIZE), 2);
    }

    #[test]
    fn a_sitemap_entry_is_replaced_added_or_dropped_in_place() {
        let old = format!(
            "{SITEMAP_HEAD}  <url><loc>https://x/</loc></url>\n  <url><loc>https://x/tin-tuc/a</loc><lastmod>2020-01-01T00:00:00Z</lastmod></url>\n  <url><loc>https://x/tin-tuc/b&amp;c</loc></url>\n{SITEMAP_TAIL}"
        );
        let set = vec![("https://x/tin-tuc/a".to_string(), None), ("https://x/tin-tuc/d".to_string(), Some(0))];
        let new = edit_sitemap(&old, &set, &["https://x/tin-tuc/b&c".to_string()]);
        assert_eq!(
            new,
            format!(
                "{SITEMAP_HEAD}  <url><loc>https://x/</loc></url>\n  <url><loc>https://x/tin-tuc/a</loc></url>\n  <url><loc>https://x/tin-tuc/d</loc><lastmod>1970-01-01T00:00:00Z</lastmod></url>\n{SITEMAP_TAIL}"
            )
        );
        assert_eq!(edit_sitemap("", &[], &[]), format!("{SITEMAP_HEAD}{SITEMAP_TAIL}"));
    }
}
