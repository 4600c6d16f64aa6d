//! Writes the site as HTML into a built `dist/` (README.md, "Prerendered pages"):
//!
//! ```sh
//! cargo run --release --bin prerender -- (--feed URL|--api URL|--wordpress URL) --dist DIR --site-url URL [--base /sub-path]
//! ```
//! `--feed` also takes a local file; its relative URLs then resolve as if it were served at
//! `{site-url}{base}/{file name}`, where the browser reads it.
//!
//! `prerender --widget-kit` prints the widget script's markup and constants as JSON instead
//! (`minh_long_portal::prerender::widgets`; the build writes them into the script);
//! `--widget-vectors` the app's answers its test checks the script against.

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    match std::env::args().nth(1).as_deref() {
        Some("--widget-kit") => return println!("{}", minh_long_portal::prerender::widgets::kit()),
        Some("--widget-vectors") => return println!("{}", minh_long_portal::prerender::widgets::vectors()),
        _ => {}
    }
    match run(std::env::args().skip(1).collect()) {
        Ok(report) => {
            println!(
                "prerender: {} written, {} unchanged, {} removed{}",
                report.written.len(),
                report.unchanged,
                report.removed.len(),
                if report.skipped.is_empty() {
                    String::new()
                } else {
                    format!(", skipped: {}", report.skipped.join(", "))
                }
            );
        }
        Err(why) => {
            eprintln!("prerender: {why}");
            std::process::exit(1);
        }
    }
}

#[cfg(not(target_arch = "wasm32"))]
fn run(args: Vec<String>) -> Result<minh_long_portal::prerender::site::Report, String> {
    use minh_long_portal::api::source::Source;
    use minh_long_portal::model::date::{parse_offset, VIETNAM_OFFSET_MINUTES};
    use minh_long_portal::prerender::site::{run, Options};
    use minh_long_portal::routing::table::normalize_base;

    const USAGE: &str =
        "cách dùng: prerender (--feed URL|--api URL|--wordpress URL) --dist DIR --site-url URL [--base /duong-dan] [--utc-offset +07:00]";
    let value = |name: &str| -> Option<String> {
        let at = args.iter().position(|a| a == name)?;
        args.get(at + 1).cloned()
    };
    let dist = value("--dist").ok_or(USAGE)?;
    let site_url = value("--site-url").ok_or(USAGE)?;
    let site = url::Url::parse(&site_url).map_err(|e| format!("--site-url {site_url}: {e}"))?;
    if !matches!(site.scheme(), "http" | "https") {
        return Err(format!("--site-url phải là http(s): {site_url}"));
    }
    let site_url = site.as_str().trim_end_matches('/').to_string();
    let base = match value("--base") {
        Some(b) => normalize_base(&b)?,
        None => String::new(),
    };
    let utc_offset_minutes = match value("--utc-offset") {
        Some(o) => parse_offset(&o).ok_or(format!("--utc-offset không hợp lệ: {o}"))?,
        None => VIETNAM_OFFSET_MINUTES,
    };
    let http = |name: &str, raw: String| -> Result<String, String> {
        let u = url::Url::parse(&raw).map_err(|e| format!("{name} {raw}: {e}"))?;
        match u.scheme() {
            "http" | "https" => Ok(u.as_str().trim_end_matches('/').to_string()),
            _ => Err(format!("{name} phải là http(s): {raw}")),
        }
    };
    let source = if let Some(api) = value("--api") {
        Source::Api(http("--api", api)?)
    } else if let Some(wp) = value("--wordpress") {
        Source::WordPress(http("--wordpress", wp)?)
    } else if let Some(feed) = value("--feed") {
        if feed.starts_with("http://") || feed.starts_with("https://") {
            Source::Feed(http("--feed", feed)?)
        } else {
            let path = std::fs::canonicalize(&feed).map_err(|e| format!("--feed {feed}: {e}"))?;
            let name =
                path.file_name().and_then(|n| n.to_str()).ok_or(format!("--feed {feed}: tên tệp không hợp lệ"))?;
            let public = format!("{site_url}{base}/{}", minh_long_portal::routing::encode_segment(name));
            minh_long_portal::api::http::native::serve_local_file(&public, path.clone());
            Source::Feed(public)
        }
    } else {
        return Err(USAGE.into());
    };
    run(&Options { source, dist: dist.into(), site_url, base, utc_offset_minutes })
}

#[cfg(target_arch = "wasm32")]
fn main() {}
