//! `portal-server`: see `portal-server --help` and the README's "Portal server".

use clap::{Args, Parser, Subcommand};
use portal_server::db::Db;
use portal_server::import::{import, Source};
use portal_server::settings::{Limits, Settings};
use portal_server::Error;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

#[derive(Parser)]
#[command(name = "portal-server", version, about = "The Minh Long portal's API server and site host")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Imports a JSON Feed (file or URL, following next_url) or a WordPress site; upserts by key
    /// and keeps the counts already made.
    Import {
        #[command(flatten)]
        source: ImportSource,
        /// sqlite:PATH (created on first run) or postgres://user@host/db
        #[arg(long)]
        db: String,
        /// A built site to prerender again, every page, from the database after the import.
        #[arg(long)]
        dist: Option<PathBuf>,
        /// With --dist: the public address of the site (canonical, og:url of the pages).
        #[arg(long, default_value = "http://127.0.0.1:8080")]
        site_url: String,
    },
    /// Serves the API under /api, /healthz and the built site.
    Serve(ServeArgs),
}

#[derive(Args)]
#[group(required = true, multiple = false)]
struct ImportSource {
    /// A JSON Feed file or http(s) URL.
    #[arg(long)]
    feed: Option<String>,
    /// A WordPress REST root, e.g. https://site/wp-json
    #[arg(long)]
    wordpress: Option<String>,
}

#[derive(Args)]
struct ServeArgs {
    /// The built site (`trunk build --release` output). Without it, only the API is served.
    #[arg(long)]
    dist: Option<PathBuf>,
    /// sqlite:PATH (created on first run) or postgres://user@host/db
    #[arg(long)]
    db: String,
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: SocketAddr,
    /// An origin allowed to call the API from the browser (repeatable), e.g. https://host.vn
    #[arg(long = "cors-origin")]
    cors_origins: Vec<String>,
    /// A reverse proxy whose X-Forwarded-For is believed (repeatable).
    #[arg(long = "trusted-proxy")]
    trusted_proxies: Vec<IpAddr>,
    /// A reader is counted once per visit/article within this window; 0 = off.
    #[arg(long, default_value_t = Limits::default().dedupe_minutes)]
    dedupe_minutes: u32,
    /// Counting POSTs per client IP per minute, then 429; 0 = off.
    #[arg(long, default_value_t = Limits::default().rate_limit_per_minute)]
    rate_limit_per_minute: u32,
    /// Request bodies above this get 413.
    #[arg(long, default_value_t = Limits::default().max_body_bytes)]
    max_body_bytes: usize,
    /// Seconds a client has to send its request headers.
    #[arg(long, default_value_t = Limits::default().header_timeout.as_secs())]
    header_timeout_secs: u64,
    /// Seconds a request may take before 408.
    #[arg(long, default_value_t = Limits::default().request_timeout.as_secs())]
    request_timeout_secs: u64,
    /// Seconds in-flight requests may take to finish on SIGTERM.
    #[arg(long, default_value_t = Limits::default().drain_timeout.as_secs())]
    drain_secs: u64,
    /// Counting requests committed together at most.
    #[arg(long, default_value_t = Limits::default().max_batch)]
    max_batch: usize,
    /// Open connections at most.
    #[arg(long, default_value_t = Limits::default().max_connections)]
    max_connections: usize,
    /// The publish API's bearer token: this file's first line (README, "Publishing"). Without it,
    /// nothing can be published.
    #[arg(long)]
    publish_token_file: Option<PathBuf>,
    /// Publish API: the largest PUT body; above it, 413.
    #[arg(long, default_value_t = portal_server::publish::DEFAULT_MAX_PUBLISH_BYTES)]
    max_publish_bytes: usize,
    /// The public address of the site, for the canonical and og:url of the pages written at
    /// publish time (default: http://LISTEN).
    #[arg(long)]
    site_url: Option<String>,
}

async fn main_result(cli: Cli) -> Result<(), Error> {
    match cli.command {
        Command::Import { source, db, dist, site_url } => {
            let source = match (source.feed, source.wordpress) {
                (Some(f), _) => Source::Feed(f),
                (None, Some(w)) => Source::WordPress(w),
                (None, None) => return Err(Error::Source("--feed or --wordpress is required".into())),
            };
            let db = Db::open(&db).await?;
            let report = import(&db, &source).await?;
            for s in &report.skipped {
                eprintln!("skipped: {s}");
            }
            println!(
                "imported {} articles from {} page(s), {} skipped",
                report.imported,
                report.pages,
                report.skipped.len()
            );
            if let Some(dist) = dist {
                let pages = portal_server::publish::prerender_all(db.clone(), dist, &site_url).await?;
                println!(
                    "prerendered: {} written, {} unchanged, {} removed",
                    pages.written.len(),
                    pages.unchanged,
                    pages.removed.len()
                );
            }
            db.close().await;
            Ok(())
        }
        Command::Serve(a) => {
            let dist = match a.dist {
                // Canonical: every served file is checked to lie under this path.
                Some(d) => {
                    Some(std::fs::canonicalize(&d).map_err(|e| Error::Source(format!("--dist {}: {e}", d.display())))?)
                }
                None => None,
            };
            let mut settings = Settings {
                dist,
                cors_origins: a.cors_origins,
                trusted_proxies: a.trusted_proxies,
                limits: Limits {
                    max_body_bytes: a.max_body_bytes,
                    header_timeout: Duration::from_secs(a.header_timeout_secs.max(1)),
                    request_timeout: Duration::from_secs(a.request_timeout_secs.max(1)),
                    drain_timeout: Duration::from_secs(a.drain_secs),
                    rate_limit_per_minute: a.rate_limit_per_minute,
                    dedupe_minutes: a.dedupe_minutes,
                    max_batch: a.max_batch.max(1),
                    max_connections: a.max_connections.max(1),
                },
                publish: None,
            };
            let db = Db::open(&a.db).await?;
            let listener = tokio::net::TcpListener::bind(a.listen).await?;
            let bound = listener.local_addr()?;
            // Scripts wait for this line (a port 0 listen gets its real port here).
            println!("listening on http://{bound}/");
            if let Some(file) = &a.publish_token_file {
                let site_url = a.site_url.clone().unwrap_or_else(|| format!("http://{bound}"));
                settings.publish =
                    Some(portal_server::publish::Publishing::from_file(file, &site_url, a.max_publish_bytes)?);
            }
            portal_server::serve::run(listener, db, settings, portal_server::serve::signal()).await
        }
    }
}

fn main() -> ExitCode {
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info")),
        )
        .with_writer(std::io::stderr)
        .init();
    let cli = Cli::parse();
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("portal-server: {e}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(main_result(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("portal-server: {e}");
            ExitCode::FAILURE
        }
    }
}
