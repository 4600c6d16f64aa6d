//! The built site as the server serves it: try_files order, cache headers, precompressed variants,
//! ETag/304, content types, the CSP, the mount elements pointed at /api, traversal and symlinks,
//! the header timeout; on SQLite and PostgreSQL (the database only backs /healthz here).

mod common;

use common::{client, database, seeded, Server};
use portal_server::db::Backend;
use portal_server::settings::Settings;
use std::io::{Read, Write};
use std::path::Path;
use std::time::Duration;

const WASM: &str = "minh-long-portal-0123456789abcdef_bg.wasm";

fn site(dir: &Path) {
    let w = |rel: &str, body: &[u8]| {
        let p = dir.join(rel);
        std::fs::create_dir_all(p.parent().unwrap()).unwrap();
        std::fs::write(p, body).unwrap();
    };
    w("index.html", br#"<html><body><div data-news-portal="app" data-feed="feed.json"><!--np-content--><p>home</p></div></body></html>"#);
    w(
        "shell.html",
        br#"<html><body><div data-news-portal="app" data-wordpress="https://wp.example/wp-json"></div></body></html>"#,
    );
    w("tin-tuc/bai-a/index.html", br#"<div data-news-portal="app" data-feed="/feed.json"><p>bai a</p></div>"#);
    w(WASM, b"\0asm-identity");
    w(&format!("{WASM}.br"), b"brotli-bytes");
    w(&format!("{WASM}.gz"), b"gzip-bytes");
    w("embed.js", b"export {}");
    w("feed.json", b"{}");
}

fn settings(dist: &Path) -> Settings {
    let mut s = Settings { dist: Some(std::fs::canonicalize(dist).unwrap()), ..Settings::default() };
    s.limits.header_timeout = Duration::from_secs(1);
    s
}

/// A raw request (no client-side path normalisation); the status code.
fn raw_status(addr: std::net::SocketAddr, target: &str) -> u16 {
    let mut s = std::net::TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(5))).unwrap();
    write!(s, "GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").unwrap();
    let mut out = String::new();
    let _ = s.read_to_string(&mut out);
    out.split(' ').nth(1).and_then(|c| c.parse().ok()).unwrap_or(0)
}

on_both!(serves_dist_like_the_readme, paths_never_leave_dist, slow_headers_are_cut_off);

async fn serves_dist_like_the_readme(backend: Backend) {
    let t = database(backend).await;
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let server = Server::start(seeded(&t).await, settings(dir.path())).await;
    let c = client();

    // `/` → index.html, pointed at this server's API, with the CSP and no-cache.
    let r = c.get(server.url("/")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    assert_eq!(r.headers()["content-type"], "text/html; charset=utf-8");
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert_eq!(r.headers()["content-security-policy"], portal_server::site::CONTENT_SECURITY_POLICY);
    let etag = r.headers()["etag"].to_str().unwrap().to_string();
    let body = r.text().await.unwrap();
    assert!(body.contains(r#"<div data-news-portal="app" data-api="/api">"#), "{body}");
    assert!(!body.contains("data-feed"));
    let r = c.get(server.url("/")).header("If-None-Match", &etag).send().await.unwrap();
    assert_eq!(r.status(), 304);

    // `$uri/index.html`, then shell.html for app paths; 404 for a missing file.
    let r = c.get(server.url("/tin-tuc/bai-a")).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("bai a"));
    let r = c.get(server.url("/tin-tuc/bai-a/")).send().await.unwrap();
    assert!(r.text().await.unwrap().contains("bai a"));
    // A section page the last prerender did not write: the app's shell. (An article address
    // the database does not have answers 404: server/tests/publish.rs.)
    let r = c.get(server.url("/chuyen-muc/moi-mo")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    let shell = r.text().await.unwrap();
    assert!(shell.contains(r#"data-api="/api""#) && !shell.contains("wordpress"), "{shell}");
    assert_eq!(c.get(server.url("/missing.js")).send().await.unwrap().status(), 404);

    // Hashed wasm: its type, a year of cache, the variant the client accepts.
    let wasm = server.url(&format!("/{WASM}"));
    let r = c.get(&wasm).header("Accept-Encoding", "gzip, br").send().await.unwrap();
    assert_eq!(r.headers()["content-type"], "application/wasm");
    assert_eq!(r.headers()["cache-control"], "public, max-age=31536000, immutable");
    assert_eq!(r.headers()["content-encoding"], "br");
    assert_eq!(r.headers()["vary"], "Accept-Encoding");
    let br_etag = r.headers()["etag"].to_str().unwrap().to_string();
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"brotli-bytes");
    let r = c.get(&wasm).header("Accept-Encoding", "gzip").send().await.unwrap();
    assert_eq!(r.headers()["content-encoding"], "gzip");
    assert_ne!(r.headers()["etag"].to_str().unwrap(), br_etag, "each variant its own ETag");
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"gzip-bytes");
    let r = c.get(&wasm).header("Accept-Encoding", "br;q=0, identity").send().await.unwrap();
    assert!(r.headers().get("content-encoding").is_none());
    assert_eq!(r.bytes().await.unwrap().as_ref(), b"\0asm-identity");
    let r = c.get(&wasm).header("Accept-Encoding", "br").header("If-None-Match", &br_etag).send().await.unwrap();
    assert_eq!(r.status(), 304);

    // Revalidated names.
    let r = c.get(server.url("/embed.js")).send().await.unwrap();
    assert_eq!(r.headers()["cache-control"], "no-cache");
    assert_eq!(r.headers()["content-type"], "text/javascript; charset=utf-8");
    assert_eq!(c.post(server.url("/index.html")).send().await.unwrap().status(), 405);
    let r = c.get(server.url("/healthz")).send().await.unwrap();
    assert_eq!(r.status(), 200);
    server.stop().await;
}

async fn paths_never_leave_dist(backend: Backend) {
    let t = database(backend).await;
    let outside = tempfile::tempdir().unwrap();
    std::fs::write(outside.path().join("secret.txt"), "secret").unwrap();
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    std::os::unix::fs::symlink(outside.path().join("secret.txt"), dir.path().join("link.txt")).unwrap();
    std::os::unix::fs::symlink(outside.path(), dir.path().join("linkdir")).unwrap();
    let server = Server::start(seeded(&t).await, settings(dir.path())).await;
    let addr = server.addr;
    let statuses = tokio::task::spawn_blocking(move || {
        [
            "/../secret.txt",
            "/%2e%2e/secret.txt",
            "/%2E%2E/%2e%2e/etc/passwd",
            "/tin-tuc/..%2f..%2fetc%2fpasswd",
            "/a/%5c..%5c..%5cetc%5cpasswd",
            "/%00",
            "/link.txt",
            "/linkdir/secret.txt",
        ]
        .map(|p| (p, raw_status(addr, p)))
    })
    .await
    .unwrap();
    for (path, status) in statuses {
        assert!(status == 400 || status == 404, "{path}: {status}");
    }
    let body = client().get(server.url("/linkdir/secret.txt")).send().await.unwrap().text().await.unwrap();
    assert!(!body.contains("secret"));
    server.stop().await;
}

/// A client that never finishes its headers is disconnected after the header timeout (1 s here),
/// while another client is answered meanwhile.
async fn slow_headers_are_cut_off(backend: Backend) {
    let t = database(backend).await;
    let dir = tempfile::tempdir().unwrap();
    site(dir.path());
    let server = Server::start(seeded(&t).await, settings(dir.path())).await;
    let addr = server.addr;
    let slow = tokio::task::spawn_blocking(move || {
        let mut s = std::net::TcpStream::connect(addr).unwrap();
        s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
        s.write_all(b"GET / HTTP/1.1\r\nHost: x\r\n").unwrap();
        let started = std::time::Instant::now();
        for _ in 0..20 {
            std::thread::sleep(Duration::from_millis(200));
            if s.write_all(b"X-Slow: 1\r\n").is_err() {
                break;
            }
        }
        let mut buf = Vec::new();
        let _ = s.read_to_end(&mut buf);
        (started.elapsed(), String::from_utf8_lossy(&buf).into_owned())
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    let r = client().get(server.url("/api/stats")).send().await.unwrap();
    assert_eq!(r.status(), 200, "others are answered meanwhile");
    let (elapsed, answer) = slow.await.unwrap();
    assert!(elapsed < Duration::from_secs(4), "cut off after {elapsed:?}");
    assert!(!answer.contains("200 OK"), "never served: {answer}");
    server.stop().await;
}
