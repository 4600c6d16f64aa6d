//! The portal server's load client (scripts/bench-server.sh): loopback only, bounded in count and
//! time. Subcommands print one JSON line each.
//!
//!   load post URL --concurrency C --seconds S           counting POSTs, fresh keys, p50/p99
//!   load get URL[,URL…] --concurrency C --seconds S     GETs over the URLs in turn, p50/p99
//!   load exact BASE --requests N --clients C            exactness: retries and concurrent twins
//!   load readers BASE --readers R --opens K             dedupe: R User-Agents, K visits each
//!   load crash BASE --clients C --log FILE              counts until the server dies; 200s logged
//!   load resend BASE --log FILE                         resends every key of a crash log
//!   load gen-feed --articles N --out FILE               a JSON Feed of N articles (from the bundled one)

use std::collections::HashMap;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

fn arg(args: &[String], name: &str, default: &str) -> String {
    args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned().unwrap_or_else(|| default.to_string())
}

fn num(args: &[String], name: &str, default: u64) -> u64 {
    arg(args, name, &default.to_string()).parse().unwrap_or(default)
}

fn client(max_idle: usize) -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(max_idle)
        .timeout(Duration::from_secs(30))
        .build()
        .expect("client")
}

fn percentile(sorted: &[f64], p: f64) -> f64 {
    if sorted.is_empty() {
        return f64::NAN;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn key(prefix: &str, n: u64) -> String {
    format!("{prefix}-{:08x}-{n:012x}", std::process::id())
}

async fn stats(base: &str) -> serde_json::Value {
    let r = client(1).get(format!("{base}/api/stats")).send().await.expect("stats");
    r.json().await.expect("stats json")
}

/// Runs `concurrency` workers for `seconds`, each calling `one(worker, i)`; latencies in ms.
async fn timed<F, Fut>(concurrency: u64, seconds: u64, one: F) -> serde_json::Value
where
    F: Fn(u64, u64) -> Fut + Send + Sync + 'static,
    Fut: std::future::Future<Output = u16> + Send,
{
    let one = Arc::new(one);
    let end = Instant::now() + Duration::from_secs(seconds);
    let mut tasks = Vec::new();
    let started = Instant::now();
    for w in 0..concurrency {
        let one = one.clone();
        tasks.push(tokio::spawn(async move {
            let mut lat = Vec::new();
            let mut codes: HashMap<u16, u64> = HashMap::new();
            let mut i = 0;
            while Instant::now() < end {
                let t = Instant::now();
                let code = one(w, i).await;
                lat.push(t.elapsed().as_secs_f64() * 1000.0);
                *codes.entry(code).or_default() += 1;
                i += 1;
            }
            (lat, codes)
        }));
    }
    let mut lat = Vec::new();
    let mut codes: HashMap<u16, u64> = HashMap::new();
    for t in tasks {
        let (l, c) = t.await.expect("worker");
        lat.extend(l);
        for (k, v) in c {
            *codes.entry(k).or_default() += v;
        }
    }
    let secs = started.elapsed().as_secs_f64();
    lat.sort_by(|a, b| a.total_cmp(b));
    serde_json::json!({
        "requests": lat.len(),
        "per_second": (lat.len() as f64 / secs).round(),
        "p50_ms": (percentile(&lat, 0.50) * 100.0).round() / 100.0,
        "p99_ms": (percentile(&lat, 0.99) * 100.0).round() / 100.0,
        "max_ms": (percentile(&lat, 1.0) * 100.0).round() / 100.0,
        "statuses": codes,
    })
}

async fn post(c: &reqwest::Client, url: &str, key: &str, ua: Option<&str>) -> (u16, String) {
    let mut req = c.post(url).header("Idempotency-Key", key);
    if let Some(ua) = ua {
        req = req.header("User-Agent", ua);
    }
    match req.send().await {
        Ok(r) => {
            let s = r.status().as_u16();
            (s, r.text().await.unwrap_or_default())
        }
        Err(_) => (0, String::new()),
    }
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let cmd = args.first().cloned().unwrap_or_default();
    let target = args.get(1).cloned().unwrap_or_default();
    let concurrency = num(&args, "--concurrency", 32);
    let seconds = num(&args, "--seconds", 10);
    match cmd.as_str() {
        "post" => {
            let c = client(concurrency as usize);
            let url = target.clone();
            let prefix = format!("p{}", Instant::now().elapsed().as_nanos() ^ u128::from(std::process::id()));
            let out = timed(concurrency, seconds, move |w, i| {
                let (c, url, k) = (c.clone(), url.clone(), key(&format!("{prefix}-{w}"), i));
                async move { post(&c, &url, &k, None).await.0 }
            })
            .await;
            println!("{out}");
        }
        "get" => {
            let c = client(concurrency as usize);
            let urls: Arc<Vec<String>> = Arc::new(target.split(',').map(str::to_string).collect());
            let out = timed(concurrency, seconds, move |w, i| {
                let (c, urls) = (c.clone(), urls.clone());
                async move {
                    let url = &urls[((w * 7919 + i) as usize) % urls.len()];
                    match c.get(url).send().await {
                        Ok(r) => {
                            let s = r.status().as_u16();
                            let _ = r.bytes().await;
                            s
                        }
                        Err(_) => 0,
                    }
                }
            })
            .await;
            println!("{out}");
        }
        "exact" => exact(&target, num(&args, "--requests", 20_000), num(&args, "--clients", 200)).await,
        "readers" => readers(&target, num(&args, "--readers", 200), num(&args, "--opens", 5)).await,
        "crash" => crash(&target, num(&args, "--clients", 50), &arg(&args, "--log", "crash.log")).await,
        "resend" => resend(&target, &arg(&args, "--log", "crash.log")).await,
        "gen-feed" => gen_feed(num(&args, "--articles", 50_000), &arg(&args, "--out", "feed-50k.json")),
        _ => {
            eprintln!("usage: see the header of server/examples/load.rs");
            std::process::exit(2);
        }
    }
}

/// N POSTs from C clients: per fresh key, 10 % are sent again after their answer (a retry) and
/// 5 % are sent twice at once. The visits added must equal the distinct keys; every 200 of one
/// key must carry the same body.
async fn exact(base: &str, requests: u64, clients: u64) {
    let before = stats(base).await["visits"].as_u64().unwrap_or(0);
    let url = format!("{base}/api/stats/visits");
    let sent = Arc::new(AtomicU64::new(0));
    let distinct = Arc::new(AtomicU64::new(0));
    let bodies: Arc<Mutex<HashMap<String, Vec<String>>>> = Arc::new(Mutex::new(HashMap::new()));
    let codes: Arc<Mutex<HashMap<u16, u64>>> = Arc::new(Mutex::new(HashMap::new()));
    let started = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..clients {
        let (url, sent, distinct, bodies, codes) =
            (url.clone(), sent.clone(), distinct.clone(), bodies.clone(), codes.clone());
        tasks.push(tokio::spawn(async move {
            let c = client(4);
            let mut i = 0u64;
            let record = |k: &str, (s, b): (u16, String)| {
                *codes.lock().unwrap().entry(s).or_default() += 1;
                if s == 200 {
                    bodies.lock().unwrap().entry(k.to_string()).or_default().push(b);
                }
            };
            while sent.fetch_add(1, Ordering::SeqCst) < requests {
                let k = key(&format!("x{w}"), i);
                distinct.fetch_add(1, Ordering::SeqCst);
                // A stable pseudo-random pick per key: 0..100.
                let pick = (w * 1_000_003 + i * 7919) % 100;
                i += 1;
                if pick < 5 && sent.fetch_add(1, Ordering::SeqCst) < requests {
                    let (a, b) = tokio::join!(post(&c, &url, &k, None), post(&c, &url, &k, None));
                    record(&k, a);
                    record(&k, b);
                } else {
                    record(&k, post(&c, &url, &k, None).await);
                    if (5..15).contains(&pick) && sent.fetch_add(1, Ordering::SeqCst) < requests {
                        record(&k, post(&c, &url, &k, None).await);
                    }
                }
            }
        }));
    }
    for t in tasks {
        t.await.expect("client");
    }
    let secs = started.elapsed().as_secs_f64();
    let after = stats(base).await["visits"].as_u64().unwrap_or(0);
    let bodies = bodies.lock().unwrap();
    let consistent = bodies.values().all(|v| v.windows(2).all(|w| w[0] == w[1]));
    let distinct = distinct.load(Ordering::SeqCst);
    let added = after - before;
    println!(
        "{}",
        serde_json::json!({
            "requests": requests, "distinct_keys": distinct, "visits_added": added,
            "exact": added == distinct, "same_answer_per_key": consistent,
            "statuses": *codes.lock().unwrap(), "seconds": (secs * 10.0).round() / 10.0,
        })
    );
    if added != distinct || !consistent {
        std::process::exit(1);
    }
}

/// R readers (distinct User-Agents) open the site K times each, each time a new visit key.
async fn readers(base: &str, readers: u64, opens: u64) {
    let before = stats(base).await["visits"].as_u64().unwrap_or(0);
    let url = format!("{base}/api/stats/visits");
    let mut tasks = Vec::new();
    for r in 0..readers {
        let url = url.clone();
        tasks.push(tokio::spawn(async move {
            let c = client(1);
            let ua = format!("Mozilla/5.0 (bench reader {r})");
            let mut ok = 0;
            for o in 0..opens {
                if post(&c, &url, &key(&format!("r{r}"), o), Some(&ua)).await.0 == 200 {
                    ok += 1;
                }
            }
            ok
        }));
    }
    let mut ok = 0;
    for t in tasks {
        ok += t.await.expect("reader");
    }
    let added = stats(base).await["visits"].as_u64().unwrap_or(0) - before;
    println!(
        "{}",
        serde_json::json!({ "readers": readers, "opens": opens, "answered_200": ok, "visits_added": added, "exact": added == readers })
    );
    if added != readers {
        std::process::exit(1);
    }
}

/// Counts with fresh keys until the server stops answering; logs `key status` of every request
/// sent (status 0: no answer) to `log`, so that a restart can be checked against it.
async fn crash(base: &str, clients: u64, log: &str) {
    let url = format!("{base}/api/stats/visits");
    let lines: Arc<Mutex<Vec<String>>> = Arc::new(Mutex::new(Vec::new()));
    let mut tasks = Vec::new();
    for w in 0..clients {
        let (url, lines) = (url.clone(), lines.clone());
        tasks.push(tokio::spawn(async move {
            let c = client(1);
            for i in 0.. {
                let k = key(&format!("c{w}"), i);
                let (s, _) = post(&c, &url, &k, None).await;
                lines.lock().unwrap().push(format!("{k} {s}"));
                if s == 0 {
                    break;
                }
            }
        }));
    }
    for t in tasks {
        let _ = t.await;
    }
    let lines = lines.lock().unwrap();
    std::fs::write(log, lines.join("\n") + "\n").expect("write log");
    let ok = lines.iter().filter(|l| l.ends_with(" 200")).count();
    println!("{}", serde_json::json!({ "sent": lines.len(), "answered_200": ok }));
}

/// After the restart: resends every key of the log (once each); prints the visits before and after.
async fn resend(base: &str, log: &str) {
    let text = std::fs::read_to_string(log).expect("read log");
    let keys: Vec<String> = text.lines().filter_map(|l| l.split(' ').next()).map(str::to_string).collect();
    let before = stats(base).await["visits"].as_u64().unwrap_or(0);
    let c = client(16);
    let url = format!("{base}/api/stats/visits");
    let mut codes: HashMap<u16, u64> = HashMap::new();
    for chunk in keys.chunks(64) {
        let answers = futures::future::join_all(chunk.iter().map(|k| post(&c, &url, k, None))).await;
        for (s, _) in answers {
            *codes.entry(s).or_default() += 1;
        }
    }
    let after = stats(base).await["visits"].as_u64().unwrap_or(0);
    println!(
        "{}",
        serde_json::json!({ "keys": keys.len(), "visits_before": before, "visits_after": after, "statuses": codes })
    );
}

/// N articles: the bundled feed's items repeated with new ids, slugs, titles and dates.
fn gen_feed(n: u64, out: &str) {
    let text = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../public/feed.json")).expect("feed");
    let mut feed: serde_json::Value = serde_json::from_str(&text).expect("json");
    let items = feed["items"].as_array().cloned().unwrap_or_default();
    let mut new = Vec::with_capacity(n as usize);
    for i in 0..n {
        let mut it = items[(i as usize) % items.len()].clone();
        it["id"] = format!("bench-{i}").into();
        it["title"] = format!("{} (số {i})", it["title"].as_str().unwrap_or("")).into();
        it["date_published"] =
            format!("20{:02}-{:02}-{:02}T08:00:00+07:00", 10 + i % 15, 1 + i % 12, 1 + i % 28).into();
        if let Some(p) = it.get_mut("_portal").and_then(|p| p.as_object_mut()) {
            p.insert("slug".into(), format!("bai-viet-{i}").into());
        }
        new.push(it);
    }
    feed["items"] = serde_json::Value::Array(new);
    std::fs::write(out, feed.to_string()).expect("write feed");
    println!("{}", serde_json::json!({ "articles": n, "out": out }));
}
