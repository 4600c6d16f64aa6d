//! The five pages of the portal and how an address bar path picks one. A plain `match` instead of
//! a generic route tree: the whole table costs a few hundred bytes of wasm.

/// Which page a path shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Article,
    Category,
    Search,
    NotFound,
}

/// A matched path: the page and, for articles and sections, the decoded slug ("" otherwise).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Route {
    pub page: Page,
    pub slug: String,
}

/// The route of `path` (percent-encoded, as in `location.pathname`) under `base` ("" or like
/// "/tin-huyen"). One trailing '/' is ignored; a path outside the base is not found. Slugs are
/// decoded like `decodeURIComponent`, kept as they are when that would fail.
pub fn match_path(path: &str, base: &str) -> Route {
    let rest = if base.is_empty() {
        Some(path)
    } else {
        path.strip_prefix(base).filter(|rest| rest.is_empty() || rest.starts_with('/'))
    };
    let rest = rest.map(|r| r.strip_suffix('/').unwrap_or(r));
    let (page, slug) = match rest {
        // The directory index is how a static server, a bookmark or the host's own menu often
        // names the page the app lives on.
        Some("" | "/index.html") => (Page::Home, ""),
        Some("/tim-kiem") => (Page::Search, ""),
        Some(rest) => match rest.strip_prefix('/').and_then(|r| r.split_once('/')) {
            Some(("tin-tuc", slug)) if is_segment(slug) => (Page::Article, slug),
            Some(("chuyen-muc", slug)) if is_segment(slug) => (Page::Category, slug),
            _ => (Page::NotFound, ""),
        },
        None => (Page::NotFound, ""),
    };
    Route { page, slug: decode_component(slug) }
}

fn is_segment(s: &str) -> bool {
    !s.is_empty() && !s.contains('/')
}

/// `decodeURIComponent`, or `s` unchanged where that throws (a stray '%', bytes that are not UTF-8).
pub fn decode_component(s: &str) -> String {
    percent_decode(s).and_then(|bytes| String::from_utf8(bytes).ok()).unwrap_or_else(|| s.to_string())
}

/// Bytes of `s` with `%XX` decoded; `None` at a malformed escape, as decodeURIComponent fails.
/// (Query values are decoded leniently, as URLSearchParams does: `model::url::percent_decode`.)
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let hex = |b: Option<&u8>| b.and_then(|&b| (b as char).to_digit(16));
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            if let (Some(high), Some(low)) = (hex(bytes.get(i + 1)), hex(bytes.get(i + 2))) {
                out.push((high * 16 + low) as u8);
                i += 3;
                continue;
            }
            return None;
        }
        out.push(bytes[i]);
        i += 1;
    }
    Some(out)
}
