//! The in-app address the routes render from: path, query and fragment, as the browser spells
//! them (percent-encoded). History routing reads it from the address bar, hash routing from the
//! fragment.

#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Location {
    /// "/tin-huyen/tin-tuc/x" (with the base path in history mode).
    pub path: String,
    /// The query without its '?'.
    pub search: String,
    /// The fragment with its '#', or "".
    pub hash: String,
}

impl Location {
    /// "/tim-kiem?q=a#b" → path, search and hash (no normalisation).
    pub fn parse(address: &str) -> Location {
        let (rest, hash) = address.find('#').map_or((address, ""), |i| address.split_at(i));
        let (path, search) = rest.split_once('?').unwrap_or((rest, ""));
        Location { path: path.to_string(), search: search.to_string(), hash: hash.to_string() }
    }

    /// The last value of `key` in the query, decoded once, as `URLSearchParams` does ('+' is a
    /// space). (leptos_router decoded a second time, which turned a search for "100%25" into "100%".)
    pub fn query(&self, key: &str) -> Option<String> {
        let form = |s: &str| crate::model::url::percent_decode(&s.replace('+', " "));
        self.search
            .rsplit('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| pair.split_once('=').unwrap_or((pair, "")))
            .find(|(k, _)| form(k) == key)
            .map(|(_, v)| form(v))
    }

    /// The address again: path, '?' and query if any, fragment.
    pub fn href(&self) -> String {
        let mark = if self.search.is_empty() { "" } else { "?" };
        format!("{}{mark}{}{}", self.path, self.search, self.hash)
    }
}

#[cfg(target_arch = "wasm32")]
impl Location {
    /// `href` resolved against the page, as the browser normalises it; `None` if it is not a URL
    /// or leaves the page's origin.
    pub fn resolve(href: &str) -> Option<Location> {
        let here = web_sys::window()?.location();
        let url = web_sys::Url::new_with_base(href, &here.href().ok()?).ok()?;
        (url.origin() == here.origin().ok()?).then(|| Location {
            path: url.pathname(),
            search: url.search().strip_prefix('?').unwrap_or_default().to_string(),
            hash: url.hash(),
        })
    }
}
