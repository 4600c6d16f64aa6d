//! A real server on a loopback port 0, on SQLite (a temp file) or PostgreSQL (a fresh database in
//! the cluster named by `PORTAL_TEST_POSTGRES`, which `scripts/test-server.sh` starts).

#![allow(dead_code)]

use portal_server::db::{Backend, Db};
use portal_server::import::{import, Source};
use portal_server::settings::Settings;
use std::sync::atomic::{AtomicU32, Ordering};
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub const FEED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../public/feed.json");

/// A database for one test: its URL, and what keeps it alive.
pub struct TestDb {
    pub url: String,
    _dir: Option<tempfile::TempDir>,
}

static SEQ: AtomicU32 = AtomicU32::new(0);

pub async fn database(backend: Backend) -> TestDb {
    match backend {
        Backend::Sqlite => {
            let dir = tempfile::tempdir().expect("temp dir");
            let url = format!("sqlite:{}", dir.path().join("portal.db").display());
            TestDb { url, _dir: Some(dir) }
        }
        Backend::Postgres => {
            let admin = std::env::var("PORTAL_TEST_POSTGRES").expect(
                "PORTAL_TEST_POSTGRES (postgres://user@127.0.0.1:PORT) is not set: run scripts/test-server.sh, \
                 which starts a throwaway PostgreSQL cluster",
            );
            let name = format!("t{}_{}_{}", std::process::id(), SEQ.fetch_add(1, Ordering::SeqCst), rand_suffix());
            sqlx::any::install_default_drivers();
            let mut conn = <sqlx::AnyConnection as sqlx::Connection>::connect(&format!("{admin}/postgres"))
                .await
                .expect("connect to the test cluster");
            sqlx::query(&format!("CREATE DATABASE {name}")).execute(&mut conn).await.expect("create database");
            TestDb { url: format!("{admin}/{name}"), _dir: None }
        }
    }
}

fn rand_suffix() -> u32 {
    std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0)
}

/// Opens the database and imports the bundled feed.
pub async fn seeded(db: &TestDb) -> Db {
    let handle = Db::open(&db.url).await.expect("open database");
    import(&handle, &Source::Feed(FEED.into())).await.expect("import the bundled feed");
    handle
}

pub struct Server {
    pub base: String,
    pub addr: std::net::SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<Result<(), portal_server::Error>>>,
}

impl Server {
    pub async fn start(db: Db, settings: Settings) -> Server {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("bind");
        let addr = listener.local_addr().expect("addr");
        let (stop, stopped) = oneshot::channel::<()>();
        let task = tokio::spawn(portal_server::serve::run(listener, db, settings, async move {
            let _ = stopped.await;
        }));
        Server { base: format!("http://{addr}"), addr, stop: Some(stop), task: Some(task) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// SIGTERM's path: stop accepting, drain, commit, close.
    pub async fn stop(mut self) {
        if let Some(s) = self.stop.take() {
            let _ = s.send(());
        }
        if let Some(t) = self.task.take() {
            t.await.expect("server task").expect("server ran");
        }
    }
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().user_agent("portal-server tests").build().expect("client")
}

/// Generates `sqlite_NAME` and `postgres_NAME` tests from `async fn NAME(Backend)`.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(portal_server::db::Backend::Sqlite).await } )* }
        mod postgres { $( #[tokio::test(flavor = "multi_thread", worker_threads = 2)] async fn $name() { super::$name(portal_server::db::Backend::Postgres).await } )* }
    };
}
