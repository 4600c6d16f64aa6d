//! The HTTP server: hyper with a header-read timeout (slowloris), a bound on open connections, a
//! per-request time limit, and a graceful drain on SIGTERM/SIGINT in which the counting writer
//! commits everything it was handed before the database closes.

use crate::api::{router, AppState};
use crate::counting::Counter;
use crate::db::Db;
use crate::reader::{RateLimiter, ReaderHasher};
use crate::settings::Settings;
use crate::Error;
use axum::extract::{ConnectInfo, Request};
use axum::http::StatusCode;
use axum::response::IntoResponse;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tower::ServiceExt;

/// Serves until `shutdown` resolves, then drains: no new connection, in-flight requests finish
/// (at most `--drain-secs`), the writer commits what it holds, the database closes.
pub async fn run(
    listener: TcpListener,
    db: Db,
    settings: Settings,
    shutdown: impl Future<Output = ()>,
) -> Result<(), Error> {
    let limits = settings.limits.clone();
    let (counter, writer) = Counter::start(db.clone(), &limits);
    let state = Arc::new(AppState {
        hasher: ReaderHasher::new(db.clone()),
        limiter: RateLimiter::new(limits.rate_limit_per_minute),
        db: db.clone(),
        counter,
        settings,
    });
    let request_timeout = limits.request_timeout;
    let app =
        router(state).layer(axum::middleware::from_fn(move |req: Request, next: axum::middleware::Next| async move {
            match tokio::time::timeout(request_timeout, next.run(req)).await {
                Ok(r) => r,
                Err(_) => (StatusCode::REQUEST_TIMEOUT, "request timeout\n").into_response(),
            }
        }));
    let mut builder = hyper::server::conn::http1::Builder::new();
    builder.timer(TokioTimer::new()).header_read_timeout(limits.header_timeout).keep_alive(true);
    let graceful = GracefulShutdown::new();
    let slots = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    tokio::pin!(shutdown);
    loop {
        let permit = tokio::select! {
            _ = &mut shutdown => break,
            p = slots.clone().acquire_owned() => match p { Ok(p) => p, Err(_) => break },
        };
        let (stream, peer) = tokio::select! {
            _ = &mut shutdown => break,
            accepted = listener.accept() => match accepted {
                Ok(a) => a,
                Err(e) => {
                    // EMFILE and the like: wait a moment rather than spin.
                    tracing::warn!("accept: {e}");
                    tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                    continue;
                }
            },
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut req: hyper::Request<hyper::body::Incoming>| {
            req.extensions_mut().insert(ConnectInfo::<SocketAddr>(peer));
            app.clone().oneshot(req.map(axum::body::Body::new))
        });
        let conn = builder.serve_connection(TokioIo::new(stream), service);
        let conn = graceful.watch(conn);
        tokio::spawn(async move {
            let _ = conn.await;
            drop(permit);
        });
    }
    drop(listener);
    tracing::info!("draining");
    let drained = tokio::time::timeout(limits.drain_timeout, graceful.shutdown()).await.is_ok();
    // With the connections gone, so is the last Counter: the writer ends after committing its
    // queue. Requests still running after the drain timeout were never answered; their counts
    // are committed if they reached the writer before the process ends.
    drop(app);
    if drained {
        let _ = writer.await;
    } else {
        tracing::warn!("drain timeout: {} s passed with requests still running", limits.drain_timeout.as_secs());
        let _ = tokio::time::timeout(std::time::Duration::from_secs(5), writer).await;
    }
    db.close().await;
    Ok(())
}

/// Resolves on SIGTERM or SIGINT.
pub async fn signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! { _ = ctrl_c => {}, _ = term => {} }
}
