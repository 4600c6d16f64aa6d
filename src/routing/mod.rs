//! Routing for hosts that cannot rewrite URLs to the app (`data-routing="hash"`).
//!
//! leptos_router 0.8's `<Router>` is hard-wired to `BrowserUrl` (the path, `history.pushState`,
//! document-wide click and popstate listeners): the `LocationProvider` trait exists but `Router`
//! is not generic over it and its `RouterContext` is private. What *is* public is everything a
//! route needs: the route definitions match on their own (`RouteDefs::match_route`), their views
//! are chosen through `ChooseView`, and the hooks the route components use look up plain context
//! types first (`use_params_map` → `ArcMemo<ParamsMap>`; `use_url`, `use_query_map`, `use_query`
//! → `ArcRwSignal<Url>`). So [`hash::HashRoutes`] takes the very same `<Route>` definitions as
//! `<Routes>`, reads the route from `location.hash`, and provides those two contexts.
//! Route components therefore work unchanged in both modes as long as they use only those hooks
//! and plain `<a href=portal.…_href()>` links (`use_navigate`, `use_location` and `<A>` need the
//! history router; `Portal::navigate` covers both).

pub mod hash;

/// A slug as one URL path segment: unreserved characters (and '%', so an already-encoded
/// WordPress slug stays as it is) pass, everything else is percent-encoded. A slug can thus never
/// add a segment, a query, a fragment or a scheme to the link it goes into.
pub fn encode_segment(slug: &str) -> String {
    let mut out = String::with_capacity(slug.len());
    for byte in slug.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'.' | b'_' | b'~' | b'%') {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

/// `data-href` of the widget modes with an (encoded) slug:
/// - with `{slug}` in it, every `{slug}` is replaced: "/tin-huyen/tin-tuc/{slug}",
///   "/trang-tin.html#/tin-tuc/{slug}", "/tin?bai={slug}";
/// - otherwise the slug is appended, after a '/' unless it already ends in '/', '=' or '#':
///   "/tin-huyen/tin-tuc/" and "/tin-huyen/tin-tuc" both give "/tin-huyen/tin-tuc/{slug}".
///
/// The result is an ordinary href: a relative one resolves against the host page.
pub fn fill_href(template: &str, slug: &str) -> String {
    if template.contains("{slug}") {
        template.replace("{slug}", slug)
    } else if template.ends_with(['/', '=', '#']) {
        format!("{template}{slug}")
    } else {
        format!("{template}/{slug}")
    }
}
