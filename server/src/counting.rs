//! Counting under load: every counting request goes through one writer task that commits them in
//! batches (one transaction for all the requests waiting, at most `--max-batch`), and answers each
//! only after the commit. An Idempotency-Key still waiting for its commit gets 409.

use crate::db::{CountIn, Counted, Db, Target};
use crate::settings::Limits;
use crate::Error;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use tokio::sync::{mpsc, oneshot};
use tokio::task::JoinHandle;

/// Requests waiting for the writer at most; further ones wait to be queued (back-pressure).
const QUEUE: usize = 8192;
/// A reader's presence (`online`) is written at most once per this many seconds.
const PRESENCE_EVERY_SECS: i64 = 60;
/// Old keys and marks are pruned at most once per this many seconds.
const PRUNE_EVERY_SECS: i64 = 60;

struct Job {
    op: CountIn,
    reply: oneshot::Sender<Result<Counted, Error>>,
}

/// The handle the routes count through.
pub struct Counter {
    queue: mpsc::Sender<Job>,
    /// Idempotency-Key → resource, for the requests not yet answered.
    in_flight: Arc<Mutex<HashMap<String, String>>>,
}

/// Removes a key from the in-flight table when its request ends, however it ends.
struct InFlight {
    table: Arc<Mutex<HashMap<String, String>>>,
    key: String,
}

impl Drop for InFlight {
    fn drop(&mut self) {
        if let Ok(mut t) = self.table.lock() {
            t.remove(&self.key);
        }
    }
}

impl Counter {
    /// Starts the writer. It ends, after committing everything queued, once every `Counter`
    /// clone is dropped; await the handle before closing the database.
    pub fn start(db: Db, limits: &Limits) -> (Counter, JoinHandle<()>) {
        let (queue, jobs) = mpsc::channel(QUEUE);
        let dedupe_secs = i64::from(limits.dedupe_minutes) * 60;
        let writer = tokio::spawn(write(db, jobs, dedupe_secs, limits.max_batch.max(1)));
        (Counter { queue, in_flight: Arc::new(Mutex::new(HashMap::new())) }, writer)
    }

    /// Counts `target` for `reader` under `key`, answering after the commit.
    pub async fn count(&self, key: String, target: Target, reader: String) -> Result<Counted, Error> {
        let resource = target.resource();
        {
            let mut table = self.in_flight.lock().map_err(|_| Error::ShuttingDown)?;
            match table.get(&key) {
                Some(r) if *r == resource => return Err(Error::KeyInFlight),
                Some(_) => return Err(Error::KeyReused),
                None => {
                    table.insert(key.clone(), resource);
                }
            }
        }
        let _in_flight = InFlight { table: self.in_flight.clone(), key: key.clone() };
        let (reply, answer) = oneshot::channel();
        let job = Job { op: CountIn { idempotency_key: key, target, reader }, reply };
        self.queue.send(job).await.map_err(|_| Error::ShuttingDown)?;
        answer.await.map_err(|_| Error::ShuttingDown)?
    }
}

async fn write(db: Db, mut jobs: mpsc::Receiver<Job>, dedupe_secs: i64, max_batch: usize) {
    let mut presence: HashMap<String, i64> = HashMap::new();
    let mut last_prune = 0;
    while let Some(first) = jobs.recv().await {
        let mut batch = vec![first];
        while batch.len() < max_batch {
            match jobs.try_recv() {
                Ok(job) => batch.push(job),
                Err(_) => break,
            }
        }
        let now = crate::time::now();
        let mut seen: Vec<String> = Vec::new();
        for job in &batch {
            let r = &job.op.reader;
            if presence.get(r).is_none_or(|t| now - t >= PRESENCE_EVERY_SECS) && !seen.contains(r) {
                seen.push(r.clone());
            }
        }
        let (ops, replies): (Vec<CountIn>, Vec<_>) = batch.into_iter().map(|j| (j.op, j.reply)).unzip();
        match db.count_batch(&ops, &seen, now, dedupe_secs).await {
            Ok(answers) => {
                for r in seen {
                    presence.insert(r, now);
                }
                for (reply, answer) in replies.into_iter().zip(answers) {
                    // The client may have gone: its count is committed all the same.
                    let _ = reply.send(answer);
                }
            }
            Err(e) => {
                tracing::error!("counting batch of {} not committed: {e}", replies.len());
                for reply in replies {
                    let _ = reply.send(Err(Error::Unavailable));
                }
            }
        }
        if now - last_prune >= PRUNE_EVERY_SECS {
            last_prune = now;
            presence.retain(|_, t| now - *t < PRESENCE_EVERY_SECS);
            if let Err(e) = db.prune(now, dedupe_secs).await {
                tracing::error!("pruning: {e}");
            }
        }
    }
}
