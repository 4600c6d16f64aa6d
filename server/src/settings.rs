//! Every limit of the server, named, with its default and why (README, "Portal server").

use std::net::IpAddr;
use std::path::PathBuf;
use std::time::Duration;

/// `per_page` above this is refused with 400 (a page of 100 items of the bundled feed is ≈ 0.5 MB).
pub const MAX_PER_PAGE: u32 = 100;
/// `page` above this is refused with 400: deeper offsets only cost the database time.
pub const MAX_PAGE: u32 = 100_000;
/// `q` and `tag` longer than this (in bytes) are refused with 400.
pub const MAX_QUERY_BYTES: usize = 200;
/// An `Idempotency-Key` longer than this is refused with 400 (a UUID is 36).
pub const MAX_IDEMPOTENCY_KEY_BYTES: usize = 128;
/// An article key (URL segment) longer than this is refused with 400.
pub const MAX_ARTICLE_KEY_BYTES: usize = 512;
/// How long a counted `Idempotency-Key` is remembered (then pruned within a minute).
pub const IDEMPOTENCY_KEY_TTL_SECS: i64 = 24 * 60 * 60;
/// A body refused with 413 is read on (and dropped) up to this many bytes more, so the client still
/// sending it reads the 413 instead of a reset connection (api.rs, `linger`)…
pub const LINGER_BYTES: usize = 8 * 1024 * 1024;
/// …and for at most this long.
pub const LINGER_TIME: Duration = Duration::from_secs(2);
/// `online`: readers seen by a counting request within this many seconds.
pub const ONLINE_WINDOW_SECS: i64 = 5 * 60;

/// The limits of `serve`, each a command-line option (see `portal-server serve --help`).
#[derive(Clone, Debug)]
pub struct Limits {
    /// Request bodies above this get 413 (`--max-body-bytes`, default 16 KiB: the counting POSTs
    /// carry no body; the limit only bounds what a client can make the server buffer).
    pub max_body_bytes: usize,
    /// A client that has not sent its request headers within this is disconnected
    /// (`--header-timeout-secs`, default 10: slowloris).
    pub header_timeout: Duration,
    /// A request not answered within this gets 408 (`--request-timeout-secs`, default 30).
    pub request_timeout: Duration,
    /// On SIGTERM/SIGINT, how long in-flight requests may take to finish (`--drain-secs`, 30).
    pub drain_timeout: Duration,
    /// Counting POSTs per client IP per minute, then 429 with Retry-After; 0 = off
    /// (`--rate-limit-per-minute`, default 600, see README "Counting policy").
    pub rate_limit_per_minute: u32,
    /// A reader (keyed hash of IP + User-Agent) is counted once per visit/article within this
    /// window; 0 = off (`--dedupe-minutes`, default 30).
    pub dedupe_minutes: u32,
    /// Counting requests committed together at most (`--max-batch`, default 512).
    pub max_batch: usize,
    /// Open connections at most; further ones wait in the kernel's backlog (`--max-connections`,
    /// default 2048).
    pub max_connections: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_body_bytes: 16 * 1024,
            header_timeout: Duration::from_secs(10),
            request_timeout: Duration::from_secs(30),
            drain_timeout: Duration::from_secs(30),
            rate_limit_per_minute: 600,
            dedupe_minutes: 30,
            max_batch: 512,
            max_connections: 2048,
        }
    }
}

/// What `serve` needs besides the database.
#[derive(Clone, Debug, Default)]
pub struct Settings {
    /// The built site (`trunk build --release` output); `None`: the API only.
    pub dist: Option<PathBuf>,
    /// Origins allowed to call the API from a browser (exact match, e.g. `https://host.vn`).
    pub cors_origins: Vec<String>,
    /// Reverse proxies whose `X-Forwarded-For` is believed.
    pub trusted_proxies: Vec<IpAddr>,
    pub limits: Limits,
    /// The publish API (`--publish-token-file`, issue 25); `None`: nothing can be published.
    pub publish: Option<crate::publish::Publishing>,
}
