//! The five pages of the portal, how an address bar path picks one and how a link to one is
//! written. A plain `match` instead of a generic route tree: five flat routes.

use super::location::Location;
use super::Routing;

/// The pages of the portal: the one table every link, the menu, the prerender and the route view
/// go through. [`Route::to_path`] writes the in-app path of a page, [`Route::parse`] reads it back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `/`, or `/trang/{page}` for the following pages of the list.
    Home { page: usize },
    /// `/tin-tuc/{slug}`.
    Article { slug: String },
    /// `/chuyen-muc/{slug}`, or `…/trang/{page}`.
    Category { slug: String, page: usize },
    /// `/tim-kiem`, `/tim-kiem?q={query}`.
    Search { query: String },
    /// Anything else.
    NotFound,
}

/// Which page a path shows, without its data (the route view draws a page anew only when this changes).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Page {
    Home,
    Article,
    Category,
    Search,
    NotFound,
}

impl Route {
    pub fn home() -> Route {
        Route::Home { page: 1 }
    }

    pub fn article(slug: &str) -> Route {
        Route::Article { slug: slug.to_string() }
    }

    pub fn category(slug: &str) -> Route {
        Route::Category { slug: slug.to_string(), page: 1 }
    }

    pub fn search(query: &str) -> Route {
        Route::Search { query: query.trim().to_string() }
    }

    /// The route of an address (`path` percent-encoded as in `location.pathname`, `search`
    /// without its '?') under `base` ("" or like "/tin-huyen"). One trailing '/' is ignored, and
    /// so is a final `/index.html`: the directory index is how a static server, a bookmark or the
    /// host's own menu often names a page (the prerender writes every page as `…/index.html`); a
    /// path outside the base is not found. Slugs are decoded like `decodeURIComponent`, kept as
    /// they are when that would fail.
    pub fn parse(path: &str, search: &str, base: &str) -> Route {
        let rest = strip_base(path, base)
            .map(|r| r.strip_suffix('/').unwrap_or(r))
            .map(|r| r.strip_suffix("/index.html").unwrap_or(r));
        let Some((rest, n)) = rest.map(split_list_page) else { return Route::NotFound };
        let route = match rest {
            "" => Route::Home { page: n },
            "/tim-kiem" => {
                let query = Location { search: search.to_string(), ..Location::default() }.query("q");
                Route::search(&query.unwrap_or_default())
            }
            _ => match rest.strip_prefix('/').and_then(|r| r.split_once('/')) {
                Some(("tin-tuc", slug)) if is_segment(slug) => Route::Article { slug: decode_component(slug) },
                Some(("chuyen-muc", slug)) if is_segment(slug) => {
                    Route::Category { slug: decode_component(slug), page: n }
                }
                _ => Route::NotFound,
            },
        };
        match route {
            Route::Home { .. } | Route::Category { .. } => route,
            _ if n > 1 => Route::NotFound,
            _ => route,
        }
    }

    /// The in-app path: "/", "/trang/2", "/tin-tuc/x", "/chuyen-muc/x/trang/3", "/tim-kiem?q=…";
    /// the prerendered 404 page for [`Route::NotFound`]. Slugs and the query are percent-encoded,
    /// so nothing in them can add a segment, a query or a fragment.
    pub fn to_path(&self) -> String {
        match self {
            Route::Home { page } => list_page_path("/", *page),
            Route::Article { slug } => format!("/tin-tuc/{}", super::encode_segment(slug)),
            Route::Category { slug, page } => {
                list_page_path(&format!("/chuyen-muc/{}", super::encode_segment(slug)), *page)
            }
            Route::Search { query } if query.trim().is_empty() => "/tim-kiem".to_string(),
            Route::Search { query } => {
                format!("/tim-kiem?q={}", crate::model::portal_api::encode_component(query.trim()))
            }
            Route::NotFound => "/404.html".to_string(),
        }
    }

    /// The link to this page from inside the app: under the base path (`/tin-huyen/tin-tuc/x`), or
    /// in the fragment with hash routing (`#/tin-tuc/x`).
    pub fn href(&self, base: &str, routing: Routing) -> String {
        href_of_path(&self.to_path(), base, routing)
    }

    pub fn page(&self) -> Page {
        match self {
            Route::Home { .. } => Page::Home,
            Route::Article { .. } => Page::Article,
            Route::Category { .. } => Page::Category,
            Route::Search { .. } => Page::Search,
            Route::NotFound => Page::NotFound,
        }
    }

    /// The decoded slug of an article or a section, "" for the other pages.
    pub fn slug(&self) -> &str {
        match self {
            Route::Article { slug } | Route::Category { slug, .. } => slug,
            _ => "",
        }
    }

    /// Page `n` of this list (home, section); `None` for the pages that are not lists.
    pub fn with_list_page(&self, n: usize) -> Option<Route> {
        match self {
            Route::Home { .. } => Some(Route::Home { page: n }),
            Route::Category { slug, .. } => Some(Route::Category { slug: slug.clone(), page: n }),
            _ => None,
        }
    }

    /// Which page of a list (home, section): 1, or N of `…/trang/N`.
    pub fn list_page(&self) -> usize {
        match self {
            Route::Home { page } | Route::Category { page, .. } => *page,
            _ => 1,
        }
    }
}

/// An in-app path such as "/tim-kiem?q=…" as a link in `routing` mode under `base`.
pub fn href_of_path(path: &str, base: &str, routing: Routing) -> String {
    let path = if path.starts_with('/') { path.to_string() } else { format!("/{path}") };
    match routing {
        Routing::Hash => format!("#{path}"),
        Routing::History => format!("{base}{path}"),
    }
}

/// The path of page `n` of the list at `path` (the home page's or a section's, without any
/// `/trang/N` of its own): "/" → "/trang/2", "/chuyen-muc/x" → "/chuyen-muc/x/trang/2".
pub fn list_page_path(path: &str, n: usize) -> String {
    let list = path.trim_end_matches('/');
    if n <= 1 {
        return if list.is_empty() { "/".into() } else { list.to_string() };
    }
    format!("{list}/trang/{n}")
}

/// "…/trang/N" (N ≥ 2, as written by [`list_page_path`]) → ("…", N).
pub fn split_list_page(rest: &str) -> (&str, usize) {
    if let Some((list, n)) = rest.rsplit_once("/trang/") {
        let valid = !n.is_empty() && n.len() <= 6 && n.bytes().all(|b| b.is_ascii_digit()) && !n.starts_with('0');
        if let Some(n) = n.parse::<usize>().ok().filter(|&n| valid && n >= 2) {
            return (list, n);
        }
    }
    (rest, 1)
}

/// What follows `base` in `path` when the path is under it ("" for the base itself). Escapes
/// compare without regard to the case of their hex digits, as they name the same byte: the
/// browser keeps `%e1` as typed in `location.pathname`, the base is normalised to `%E1`.
pub fn strip_base<'p>(path: &'p str, base: &str) -> Option<&'p str> {
    if base.is_empty() {
        return Some(path);
    }
    let (p, b) = (path.as_bytes(), base.as_bytes());
    if p.len() < b.len() {
        return None;
    }
    let mut escape = 0u8;
    for (&x, &y) in p.iter().zip(b) {
        let same = if escape > 0 { x.eq_ignore_ascii_case(&y) } else { x == y };
        if !same {
            return None;
        }
        escape = if y == b'%' { 2 } else { escape.saturating_sub(1) };
    }
    // The byte compared last is ASCII, so this is a char boundary.
    let rest = &path[b.len()..];
    (rest.is_empty() || rest.starts_with('/')).then_some(rest)
}

/// `data-base` as the router compares it with `location.pathname`: one leading '/', no trailing
/// one, "" for the site root, and percent-encoded where the browser percent-encodes a path
/// (non-ASCII, spaces, controls, `"<>`{}`), so "/tin-tức" and "/tin huyen" match the addresses the
/// browser shows for them. Existing escapes stay (hex digits upper-cased). What cannot be the
/// start of a path is refused with the reason, in Vietnamese: a query or fragment ('?', '#'), a
/// backslash (the URL parser reads it as '/'), '.' or '..' segments (the browser resolves them
/// away, so no address would ever start with the base), empty segments and a scheme or host
/// ("https://…", "//host").
pub fn normalize_base(raw: &str) -> Result<String, String> {
    let refuse = |why: &str| Err(format!("data-base \"{raw}\" không dùng được làm đường dẫn gốc: {why}"));
    let raw_trimmed = raw.trim();
    // A scheme makes it a URL, not a path: `https://…`, and `javascript:…`, `mailto:…`, `data:…`,
    // which have no `//` but would otherwise pass as a first segment.
    let scheme = raw_trimmed.split_once(':').is_some_and(|(s, _)| {
        s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    });
    if raw_trimmed.starts_with("//") || raw_trimmed.contains("://") || scheme {
        return refuse("phải là đường dẫn trên trang này, không phải địa chỉ của trang khác");
    }
    if raw_trimmed.contains(['?', '#']) {
        return refuse("không được chứa '?' hay '#'");
    }
    if raw_trimmed.chars().any(char::is_control) {
        return refuse("không được chứa ký tự điều khiển");
    }
    if raw_trimmed.contains('\\') {
        return refuse("không được chứa dấu '\\'");
    }
    let trimmed = raw_trimmed.trim_matches('/');
    if trimmed.is_empty() {
        return Ok(String::new());
    }
    let mut out = String::with_capacity(trimmed.len() + 1);
    for segment in trimmed.split('/') {
        let dots = segment.to_ascii_lowercase().replace("%2e", ".");
        if dots.is_empty() {
            return refuse("có đoạn rỗng ('//')");
        }
        if dots == "." || dots == ".." {
            return refuse("không được chứa đoạn '.' hay '..'");
        }
        out.push('/');
        let bytes = segment.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let b = bytes[i];
            let escape = b == b'%' && bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit));
            if escape {
                out.push('%');
                out.push(bytes[i + 1].to_ascii_uppercase() as char);
                out.push(bytes[i + 2].to_ascii_uppercase() as char);
                i += 3;
                continue;
            }
            // The path percent-encode set of the URL standard; a stray '%' stays, as in the browser.
            if b <= b' ' || b >= 0x7F || matches!(b, b'"' | b'<' | b'>' | b'`' | b'{' | b'}') {
                out.push_str(percent_encoding::percent_encode_byte(b));
            } else {
                out.push(b as char);
            }
            i += 1;
        }
    }
    Ok(out)
}

fn is_segment(s: &str) -> bool {
    !s.is_empty() && !s.contains('/')
}

/// `decodeURIComponent`, or `s` unchanged where that throws (a stray '%', bytes that are not UTF-8).
/// (Query values are decoded leniently, as URLSearchParams does: `model::url::percent_decode`.)
pub fn decode_component(s: &str) -> String {
    let bytes = s.as_bytes();
    let malformed = bytes
        .iter()
        .enumerate()
        .any(|(i, &b)| b == b'%' && !bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)));
    if malformed {
        return s.to_string();
    }
    percent_encoding::percent_decode_str(s).decode_utf8().map_or_else(|_| s.to_string(), String::from)
}
