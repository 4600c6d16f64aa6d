//! Who is asking: the client IP (through named proxies only), the reader's keyed hash, and the
//! per-IP rate limit of counting requests. The raw IP lives only in memory for the length of one
//! request and in the rate limiter's table for at most a minute; it is never stored or logged.

use crate::db::Db;
use crate::time::vietnam_day;
use crate::Error;
use axum::http::HeaderMap;
use hmac::{Hmac, Mac};
use sha2::Sha256;
use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;

/// The client's address: the peer, or, when the peer is a trusted proxy, the rightmost address of
/// `X-Forwarded-For` that is not itself a trusted proxy.
pub fn client_ip(peer: IpAddr, headers: &HeaderMap, trusted: &[IpAddr]) -> IpAddr {
    if !trusted.contains(&peer) {
        return peer;
    }
    let mut hops: Vec<IpAddr> = Vec::new();
    for value in headers.get_all("x-forwarded-for") {
        let Ok(text) = value.to_str() else { return peer };
        for part in text.split(',') {
            match part.trim().parse::<IpAddr>() {
                Ok(ip) => hops.push(ip),
                // A malformed list is not believed.
                Err(_) => return peer,
            }
        }
    }
    hops.into_iter().rev().find(|ip| !trusted.contains(ip)).unwrap_or(peer)
}

/// The reader hash: HMAC-SHA256 under the day's key of IP + User-Agent, 128 bits in hex.
pub struct ReaderHasher {
    db: Db,
    /// (Vietnam day, key) of the day in use.
    key: Mutex<Option<(String, Vec<u8>)>>,
}

impl ReaderHasher {
    pub fn new(db: Db) -> ReaderHasher {
        ReaderHasher { db, key: Mutex::new(None) }
    }

    async fn day_key(&self, now: i64) -> Result<Vec<u8>, Error> {
        let day = vietnam_day(now);
        if let Ok(guard) = self.key.lock() {
            if let Some((d, k)) = guard.as_ref() {
                if *d == day {
                    return Ok(k.clone());
                }
            }
        }
        let mut fresh = [0u8; 32];
        getrandom::fill(&mut fresh).map_err(|e| Error::Source(format!("random key: {e}")))?;
        let salt = self.db.day_salt(&day, &hex(&fresh)).await?;
        let key = salt.into_bytes();
        if let Ok(mut guard) = self.key.lock() {
            *guard = Some((day, key.clone()));
        }
        Ok(key)
    }

    pub async fn reader(&self, ip: IpAddr, user_agent: &[u8], now: i64) -> Result<String, Error> {
        let key = self.day_key(now).await?;
        let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(&key).map_err(|e| Error::Source(format!("hmac: {e}")))?;
        mac.update(ip.to_string().as_bytes());
        mac.update(&[0]);
        mac.update(user_agent);
        Ok(hex(&mac.finalize().into_bytes()[..16]))
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Counting requests per IP per clock minute; the table is emptied each new minute.
pub struct RateLimiter {
    per_minute: u32,
    table: Mutex<(i64, HashMap<IpAddr, u32>)>,
}

impl RateLimiter {
    /// `per_minute` 0: no limit.
    pub fn new(per_minute: u32) -> RateLimiter {
        RateLimiter { per_minute, table: Mutex::new((0, HashMap::new())) }
    }

    /// Takes one request of `ip`'s allowance at `now`, or says when to retry.
    pub fn check(&self, ip: IpAddr, now: i64) -> Result<(), Error> {
        if self.per_minute == 0 {
            return Ok(());
        }
        let minute = now.div_euclid(60);
        let retry = Error::RateLimited { retry_after_secs: (60 - now.rem_euclid(60)) as u64 };
        let Ok(mut guard) = self.table.lock() else { return Err(retry) };
        let (current, table) = &mut *guard;
        if *current != minute {
            *current = minute;
            table.clear();
        }
        let n = table.entry(ip).or_insert(0);
        if *n >= self.per_minute {
            return Err(retry);
        }
        *n += 1;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use axum::http::HeaderValue;

    #[test]
    fn forwarded_for_only_from_a_trusted_proxy() {
        let proxy: IpAddr = "10.0.0.1".parse().unwrap();
        let peer: IpAddr = "203.0.113.9".parse().unwrap();
        let mut h = HeaderMap::new();
        h.insert("x-forwarded-for", HeaderValue::from_static("1.2.3.4, 198.51.100.7"));
        assert_eq!(client_ip(peer, &h, &[proxy]), peer, "an untrusted peer's header is ignored");
        assert_eq!(
            client_ip(proxy, &h, &[proxy]),
            "198.51.100.7".parse::<IpAddr>().unwrap(),
            "rightmost, not spoofable"
        );
        h.insert("x-forwarded-for", HeaderValue::from_static("1.2.3.4, 10.0.0.1"));
        assert_eq!(client_ip(proxy, &h, &[proxy]), "1.2.3.4".parse::<IpAddr>().unwrap());
        h.insert("x-forwarded-for", HeaderValue::from_static("nonsense"));
        assert_eq!(client_ip(proxy, &h, &[proxy]), proxy);
        assert_eq!(client_ip(proxy, &HeaderMap::new(), &[proxy]), proxy);
    }

    #[test]
    fn rate_limit_per_minute() {
        let r = RateLimiter::new(2);
        let ip: IpAddr = "192.0.2.1".parse().unwrap();
        let other: IpAddr = "192.0.2.2".parse().unwrap();
        assert!(r.check(ip, 600).is_ok());
        assert!(r.check(ip, 610).is_ok());
        match r.check(ip, 615) {
            Err(Error::RateLimited { retry_after_secs }) => assert_eq!(retry_after_secs, 45),
            other => panic!("{other:?}"),
        }
        assert!(r.check(other, 615).is_ok());
        assert!(r.check(ip, 660).is_ok(), "a new minute");
        assert!(RateLimiter::new(0).check(ip, 1).is_ok());
    }
}
