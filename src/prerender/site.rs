//! The whole site: reads every article the source lists, renders each route with
//! [`super::page`], and writes the files that changed, `sitemap.xml` and `robots.txt`.

use super::page::{compose, render, PRERENDERED_ATTR};
use crate::api::source;
use crate::api::source::Source;
use crate::components::paged_list::PAGE_SIZE;
use crate::config::Config;
use crate::model::category::categories;
use crate::model::{date, Article, Feed};
use crate::routing::table::Route;
use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// Trunk's own `index.html`, kept once the home page has been written over it: the page the server
/// answers for an address the last run did not write (README, "Server configuration"). Answering
/// with the home page instead shows the wrong page until the app arrives, and starts the wasm late.
const SHELL: &str = "shell.html";
/// The files the last run wrote, so that pages of removed articles go too.
pub(super) const MANIFEST: &str = ".np-prerendered";

pub struct Options {
    pub source: Source,
    pub dist: PathBuf,
    /// Origin (and any path before the base) of the public site, without a trailing '/'.
    pub site_url: String,
    /// "" or like "/tin-huyen".
    pub base: String,
    pub utc_offset_minutes: i32,
}

#[derive(Debug, Default)]
pub struct Report {
    pub written: Vec<String>,
    pub unchanged: usize,
    pub removed: Vec<String>,
    pub skipped: Vec<String>,
}

/// One page to write: its in-app path (under the base) and its file below `dist/`.
struct Target {
    path: String,
    file: String,
    /// Articles only: a page whose view did not find the article is not written.
    article: bool,
    lastmod: Option<i64>,
    /// A section the API pages (slug, page): the next page is written if this one links to it.
    api_section: Option<(String, usize)>,
}

impl Target {
    fn page(path: String, lastmod: Option<i64>) -> Target {
        Target { file: file_of(&path), path, article: false, lastmod, api_section: None }
    }

    /// Page `page` of the API section `slug`.
    fn api_section(slug: &str, page: usize) -> Target {
        let mut target = Target::page(Route::Category { slug: slug.to_string(), page }.to_path(), None);
        target.api_section = Some((slug.to_string(), page));
        target
    }
}

pub fn run(options: &Options) -> Result<Report, String> {
    let template = shell(&options.dist)?;
    let mut config = Config::new(options.source.clone());
    config.base = options.base.clone();
    config.utc_offset_minutes = options.utc_offset_minutes;
    let offset = options.utc_offset_minutes;
    let first = futures::executor::block_on(options.source.first_page(offset, None))
        .map_err(|e| format!("nguồn dữ liệu: {}", e.detail()))?;
    // Every view renders from all the source's pages at once (read into the list's shared pages):
    // the lists' following pages (`/trang/N`) need the items beyond the first page, and there is
    // no reader to wait for.
    let first = std::sync::Arc::new(first);
    source::share_first_page(&options.source, offset, first.clone());
    let all = every_article(&options.source, &first, offset)?;

    let mut report = Report::default();
    let mut written = Vec::new();
    let mut sitemap = Vec::new();
    let mut queue: std::collections::VecDeque<Target> = targets(&all, &options.source)?.into();
    while let Some(target) = queue.pop_front() {
        let path = format!("{}{}", options.base, target.path);
        let (body, meta) = render(&config, &options.site_url, &path);
        // An API section is paged by the API: its next page exists when this one links to it.
        if let Some((slug, page)) = &target.api_section {
            let next = Target::api_section(slug, page + 1);
            if *page < crate::model::paging::MAX_READ_PAGES
                && body.contains(&format!("href=\"{}{}\"", options.base, next.path))
            {
                queue.push_front(next);
            }
        }
        if target.article && meta.as_ref().is_none_or(|m| m.kind != "article") {
            report.skipped.push(format!("{} (không hiển thị được bài viết)", target.path));
            continue;
        }
        let html = compose(&template, &options.site_url, &path, &body, meta.as_ref())?;
        write_if_changed(&options.dist.join(&target.file), &html, &mut report, &target.file)?;
        written.push(target.file.clone());
        if target.path != Route::NotFound.to_path() {
            sitemap.push((format!("{}{}", options.site_url, path), target.lastmod));
        }
    }
    let sitemap_xml = sitemap_xml(&sitemap);
    write_if_changed(&options.dist.join("sitemap.xml"), &sitemap_xml, &mut report, "sitemap.xml")?;
    let robots = robots_txt(&options.dist, &format!("{}{}/sitemap.xml", options.site_url, options.base));
    write_if_changed(&options.dist.join("robots.txt"), &robots, &mut report, "robots.txt")?;
    remove_stale(&options.dist, &written, &mut report)?;
    fs::write(options.dist.join(MANIFEST), written.join("\n") + "\n").map_err(|e| format!("{MANIFEST}: {e}"))?;
    Ok(report)
}

/// Trunk's `index.html` as built: saved aside before the first run writes the home page over it,
/// taken again after a new build (which has no prerendered marker).
pub(super) fn shell(dist: &Path) -> Result<String, String> {
    let index =
        fs::read_to_string(dist.join("index.html")).map_err(|e| format!("{}/index.html: {e}", dist.display()))?;
    if !index.contains(PRERENDERED_ATTR) {
        fs::write(dist.join(SHELL), &index).map_err(|e| format!("{SHELL}: {e}"))?;
        return Ok(index);
    }
    fs::read_to_string(dist.join(SHELL)).map_err(|e| format!("{}/{SHELL}: {e} (chạy lại trunk build)", dist.display()))
}

/// The first page and every page after it (`next_url`), each page once, read into the news
/// list's shared pages: the article views then find every article there, under the addresses
/// (slugs unique across pages) the list links to.
fn every_article(source: &Source, first: &std::sync::Arc<Feed>, offset: i32) -> Result<Vec<Article>, String> {
    let chain = source::list_chain(source, offset, first);
    loop {
        let Some(url) = chain.borrow().next_url().map(str::to_string) else { break };
        if chain.borrow().pages().len() >= crate::model::paging::MAX_READ_PAGES {
            break;
        }
        futures::executor::block_on(source::read_next(source, offset, &chain, None))
            .map_err(|e| format!("{url}: {}", e.detail()))?;
    }
    let all = chain.borrow().pages().iter().flat_map(|p| p.articles.iter().cloned()).collect();
    Ok(all)
}

fn targets(all: &[Article], source: &Source) -> Result<Vec<Target>, String> {
    let newest = all.iter().filter_map(Article::date).max();
    let mut out = Vec::new();
    for n in 1..=all.len().div_ceil(PAGE_SIZE).max(1) {
        out.push(Target::page(Route::Home { page: n }.to_path(), newest));
    }
    for c in categories(all) {
        if source.list_api().is_some() {
            // The API answers a section by `tag=`: how many pages it has shows as they are written.
            out.push(Target::api_section(&c.slug, 1));
            continue;
        }
        for page in 1..=c.count.div_ceil(PAGE_SIZE).max(1) {
            out.push(Target::page(Route::Category { slug: c.slug.clone(), page }.to_path(), None));
        }
    }
    out.push(Target::page(Route::search("").to_path(), None));
    for a in all {
        // The model shortens long slugs (slug::fit); anything still unwritable stops the run by name
        // rather than leave an article the home page links to without a page.
        if !is_file_name(&a.slug) {
            return Err(format!("bài viết {}: địa chỉ \"{}\" không ghi được thành tên tệp", a.id, a.slug));
        }
        let path = Route::article(&a.slug).to_path();
        let file = format!("tin-tuc/{}/index.html", a.slug);
        out.push(Target { path, file, article: true, lastmod: a.modified.or(a.date()), api_section: None });
    }
    // The page a server answers for any address the site does not have, at the route table's path.
    let not_found = Route::NotFound.to_path();
    let file = not_found.trim_start_matches('/').to_string();
    out.push(Target { path: not_found, file, article: false, lastmod: None, api_section: None });
    Ok(out)
}

/// The file a server maps the (decoded) path to: `/` → `index.html`, `/x/y` → `x/y/index.html`.
pub(super) fn file_of(path: &str) -> String {
    let decoded = crate::routing::table::decode_component(path.trim_matches('/'));
    if decoded.is_empty() {
        "index.html".into()
    } else {
        format!("{decoded}/index.html")
    }
}

/// A slug that is one safe directory name once decoded (servers decode the path): at most 255 bytes,
/// the limit of ext4, NTFS and APFS.
fn is_file_name(slug: &str) -> bool {
    !slug.is_empty() && slug != "." && slug != ".." && !slug.contains(['/', '\\', '\0']) && slug.len() <= 255
}

/// Writes `content` to `file` so that a reader sees the old file or the new one, never a part: a
/// temporary file in the same directory, renamed over it (an atomic replacement on POSIX file
/// systems).
pub fn write_atomic(file: &Path, content: &str) -> Result<(), String> {
    static NEXT: AtomicU64 = AtomicU64::new(0);
    let dir = file.parent().ok_or_else(|| format!("{}: không có thư mục", file.display()))?;
    fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let name = file.file_name().and_then(|n| n.to_str()).unwrap_or("page");
    let temp = dir.join(format!(".{name}.np-tmp-{}-{}", std::process::id(), NEXT.fetch_add(1, Ordering::Relaxed)));
    let written = fs::write(&temp, content).and_then(|()| fs::rename(&temp, file));
    written.map_err(|e| {
        let _ = fs::remove_file(&temp);
        format!("{}: {e}", file.display())
    })
}

fn write_if_changed(file: &Path, content: &str, report: &mut Report, name: &str) -> Result<(), String> {
    if fs::read_to_string(file).is_ok_and(|old| old == content) {
        report.unchanged += 1;
        return Ok(());
    }
    if let Some(dir) = file.parent() {
        fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    // Atomic: the server may be answering this file while it is rewritten.
    write_atomic(file, content)?;
    report.written.push(name.to_string());
    Ok(())
}

/// Deletes the pages the previous run wrote that this one did not (articles taken down).
fn remove_stale(dist: &Path, written: &[String], report: &mut Report) -> Result<(), String> {
    let Ok(previous) = fs::read_to_string(dist.join(MANIFEST)) else { return Ok(()) };
    let now: HashSet<&str> = written.iter().map(String::as_str).collect();
    for old in previous.lines().filter(|l| !l.is_empty() && !now.contains(l)) {
        if old.contains("..") || old.starts_with('/') {
            continue;
        }
        let file = dist.join(old);
        if fs::remove_file(&file).is_ok() {
            report.removed.push(old.to_string());
            if let Some(dir) = file.parent().filter(|d| *d != dist) {
                let _ = fs::remove_dir(dir);
            }
        }
    }
    Ok(())
}

fn sitemap_xml(pages: &[(String, Option<i64>)]) -> String {
    let mut xml = String::from(SITEMAP_HEAD);
    for (url, lastmod) in pages {
        xml.push_str(&sitemap_entry(url, *lastmod));
    }
    xml.push_str(SITEMAP_TAIL);
    xml
}

/// The existing robots.txt with its `Sitemap:` line pointing at ours.
fn robots_txt(dist: &Path, sitemap_url: &str) -> String {
    let existing = fs::read_to_string(dist.join("robots.txt")).unwrap_or_else(|_| "User-agent: *\nAllow: /\n".into());
    let mut out: String = existing
        .lines()
        .filter(|l| !l.to_ascii_lowercase().starts_with("sitemap:"))
        .map(|l| format!("{l}\n"))
        .collect();
    out.push_str(&format!("Sitemap: {sitemap_url}\n"));
    out
}

// Shared with the publish-time prerender (prerender/publish.rs), which rewrites a few of the
// pages this run writes, under the same names and in the same formats.

/// The file of the article page `/tin-tuc/{slug}`; `None` when the slug is no safe file name (the
/// article then has no prerendered page, as in [`run`]).
pub(super) fn article_file(slug: &str) -> Option<String> {
    is_file_name(slug).then(|| format!("tin-tuc/{slug}/index.html"))
}

/// One `<url>` line of `sitemap.xml`.
pub(super) fn sitemap_entry(url: &str, lastmod: Option<i64>) -> String {
    match lastmod {
        Some(ts) => {
            format!("  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n", super::head::text(url), date::iso_utc(ts))
        }
        None => format!("  <url><loc>{}</loc></url>\n", super::head::text(url)),
    }
}

/// The sitemap's head and tail around its `<url>` lines.
pub(super) const SITEMAP_HEAD: &str =
    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n";
pub(super) const SITEMAP_TAIL: &str = "</urlset>\n";
