//! ACC-4: logins are throttled without letting anyone lock anyone out.
//!
//! - Every attempt is written before it is decided, so parallel attempts
//!   count each other (a check-then-write lets a burst through).
//! - Per client address: at most `MAX_ATTEMPTS_PER_ADDRESS` a window.
//! - Per account: after `FREE_FAILURES` failures each further attempt waits a
//!   growing delay — except from a device that has logged in to the account
//!   before (its `iw_device` cookie), so a stranger's guesses never lock out
//!   the owner at their own computer.
//! - Password hashing (argon2, ~19 MiB each) runs a few at a time; a burst
//!   waits briefly and is then refused, instead of exhausting memory.
//!
//! The client address is the TCP peer's, unless the peer is one of the
//! configured trusted proxies (`TRUSTED_PROXIES`): then the nearest untrusted
//! address in `X-Forwarded-For`.
use super::auth::{new_token, sha256_hex};
use super::entities::{known_device, login_failure, rate_event};
use super::state::AppState;
use crate::error::AppError;
use chrono::Duration;
use http::{header, HeaderMap, HeaderValue};
use sea_orm::{ActiveModelTrait, ColumnTrait, ConnectionTrait, EntityTrait, PaginatorTrait, QueryFilter, QueryOrder, Set};
use std::net::IpAddr;

pub const WINDOW: Duration = Duration::minutes(15);
pub const MAX_ATTEMPTS_PER_ADDRESS: u64 = 20;
/// Failures an account may have in a window before attempts wait.
pub const FREE_FAILURES: u64 = 5;
pub const MAX_DELAY: Duration = Duration::minutes(15);
pub const DEVICE_COOKIE: &str = "iw_device";
/// Password hashes computed at once.
const HASHING_AT_ONCE: usize = 4;

/// How long an account with `failures` recent failures waits after the last
/// one: nothing at first, then 30 s, doubling, at most `MAX_DELAY`.
pub fn delay_after(failures: u64) -> Duration {
    if failures < FREE_FAILURES {
        return Duration::zero();
    }
    let doublings = (failures - FREE_FAILURES).min(10) as i32;
    (Duration::seconds(30) * 2i32.pow(doublings as u32)).min(MAX_DELAY)
}

/// A login attempt, recorded as a failure until it succeeds.
pub struct Attempt {
    id: i32,
    key: String,
}

/// Records an attempt on the account `key` from `ip`, then decides whether it
/// may go ahead. `known_device`: the browser has logged in to this account before.
pub async fn begin_attempt(state: &AppState, key: &str, ip: &str, known_device: bool) -> Result<Attempt, AppError> {
    let now = state.now();
    let row = login_failure::ActiveModel {
        email: Set(key.to_string()),
        ip: Set(ip.to_string()),
        created_at: Set(now),
        ..Default::default()
    }
    .insert(&state.db)
    .await?;
    let since = now - WINDOW;
    let by_address = login_failure::Entity::find()
        .filter(login_failure::Column::Ip.eq(ip))
        .filter(login_failure::Column::CreatedAt.gt(since))
        .count(&state.db)
        .await?;
    if by_address > MAX_ATTEMPTS_PER_ADDRESS {
        return Err(AppError::TooManyAttempts);
    }
    if !known_device {
        let earlier = || {
            login_failure::Entity::find()
                .filter(login_failure::Column::Email.eq(key))
                .filter(login_failure::Column::CreatedAt.gt(since))
                .filter(login_failure::Column::Id.ne(row.id))
        };
        let failures = earlier().count(&state.db).await?;
        let wait = delay_after(failures);
        if wait > Duration::zero() {
            let last = earlier().order_by_desc(login_failure::Column::CreatedAt).one(&state.db).await?.map(|f| f.created_at);
            if last.is_some_and(|at| now - at < wait) {
                return Err(AppError::TooManyAttempts);
            }
        }
    }
    Ok(Attempt { id: row.id, key: key.to_string() })
}

/// The right password: the account's failures are forgiven.
pub async fn succeeded(state: &AppState, attempt: Attempt) -> Result<(), AppError> {
    login_failure::Entity::delete_many()
        .filter(login_failure::Column::Email.eq(attempt.key))
        .exec(&state.db)
        .await?;
    let _ = attempt.id;
    Ok(())
}

/// A kind of request limited per client address.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RateLimit {
    pub bucket: &'static str,
    pub max: u64,
    pub window: Duration,
}

/// ACC-1: registrations, which say whether a personnummer is in the register.
pub const REGISTER: RateLimit = RateLimit { bucket: "register", max: 20, window: Duration::hours(1) };
/// ACC-4: requests for a link to choose a new password.
pub const FORGOT_PASSWORD: RateLimit = RateLimit { bucket: "forgot-password", max: 10, window: Duration::hours(1) };
/// ACC-2: username checks, which say whether an address is taken or an Energikonto login.
pub const CHECK_USERNAME: RateLimit = RateLimit { bucket: "check-username", max: 60, window: Duration::minutes(15) };

/// Notes a request of `limit`'s kind from `ip` (first, so parallel ones
/// count each other) and refuses it when the address is over the limit.
pub async fn rate_limit(state: &AppState, limit: RateLimit, ip: &str) -> Result<(), AppError> {
    let now = state.now();
    rate_event::ActiveModel { bucket: Set(limit.bucket.to_string()), address: Set(ip.to_string()), created_at: Set(now), ..Default::default() }
        .insert(&state.db)
        .await?;
    let recent = rate_event::Entity::find()
        .filter(rate_event::Column::Bucket.eq(limit.bucket))
        .filter(rate_event::Column::Address.eq(ip))
        .filter(rate_event::Column::CreatedAt.gt(now - limit.window))
        .count(&state.db)
        .await?;
    if recent > limit.max {
        return Err(AppError::TooManyRequests(said!(server_errors.requests_from_connection).into()));
    }
    Ok(())
}

static HASHING: tokio::sync::Semaphore = tokio::sync::Semaphore::const_new(HASHING_AT_ONCE);

/// A turn at password hashing, or 429 when the server is too busy for one.
pub async fn hashing_turn() -> Result<tokio::sync::SemaphorePermit<'static>, AppError> {
    match tokio::time::timeout(std::time::Duration::from_secs(5), HASHING.acquire()).await {
        Ok(Ok(permit)) => Ok(permit),
        _ => Err(AppError::TooManyRequests(said!(server_errors.many_logging_in).into())),
    }
}

/// The device cookie's value in a request, if any.
pub fn device_token(state: &AppState, headers: &HeaderMap) -> Option<String> {
    super::auth::cookie_value(headers, &super::auth::cookie_name(state, DEVICE_COOKIE))
}

/// Whether the browser with this device token has logged in to `user_id` before.
pub async fn is_known_device(db: &impl ConnectionTrait, token: Option<&str>, user_id: Option<i32>) -> Result<bool, AppError> {
    let (Some(token), Some(user_id)) = (token, user_id) else { return Ok(false) };
    Ok(known_device::Entity::find_by_id(sha256_hex(token)).one(db).await?.is_some_and(|d| d.user_id == user_id))
}

/// Remembers the browser as one that has logged in to `user_id`: the
/// `Set-Cookie` header for a new device token (kept for a year).
pub async fn remember_device(state: &AppState, user_id: i32, current: Option<&str>) -> Result<Option<HeaderValue>, AppError> {
    if is_known_device(&state.db, current, Some(user_id)).await? {
        return Ok(None);
    }
    let token = new_token();
    known_device::ActiveModel { id: Set(sha256_hex(&token)), user_id: Set(user_id), created_at: Set(state.now()) }
        .insert(&state.db)
        .await?;
    let secure = if state.settings.secure_cookies { "; Secure" } else { "" };
    let name = super::auth::cookie_name(state, DEVICE_COOKIE);
    let value = format!("{name}={token}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{secure}", 365 * 24 * 3600);
    Ok(HeaderValue::from_str(&value).ok())
}

/// A network a trusted proxy is in: an address and a prefix length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TrustedNet {
    addr: IpAddr,
    prefix: u8,
}

impl TrustedNet {
    /// `10.0.0.5`, `10.0.0.0/8`, `::1`, `fd00::/8`.
    pub fn parse(text: &str) -> Result<Self, String> {
        let text = text.trim();
        let (addr, prefix) = match text.split_once('/') {
            Some((a, p)) => (a, Some(p)),
            None => (text, None),
        };
        let addr: IpAddr = addr.parse().map_err(|_| format!("{text}: ingen IP-adress"))?;
        let max = if addr.is_ipv4() { 32 } else { 128 };
        let prefix = match prefix {
            Some(p) => p.parse::<u8>().ok().filter(|p| *p <= max).ok_or_else(|| format!("{text}: fel prefixlängd"))?,
            None => max,
        };
        Ok(Self { addr, prefix })
    }

    /// A comma-separated list, as in `TRUSTED_PROXIES`.
    pub fn parse_list(text: &str) -> Result<Vec<Self>, String> {
        text.split(',').filter(|s| !s.trim().is_empty()).map(Self::parse).collect()
    }

    pub fn contains(&self, ip: IpAddr) -> bool {
        fn bits(ip: IpAddr) -> (u128, u8) {
            match ip {
                IpAddr::V4(v4) => (u128::from(u32::from(v4)), 32),
                IpAddr::V6(v6) => (u128::from(v6), 128),
            }
        }
        let ip = match ip {
            IpAddr::V6(v6) => v6.to_ipv4_mapped().map(IpAddr::V4).unwrap_or(ip),
            v4 => v4,
        };
        let ((net, width), (candidate, candidate_width)) = (bits(self.addr), bits(ip));
        if width != candidate_width {
            return false;
        }
        let shift = u32::from(width - self.prefix);
        let mask = if shift >= 128 { 0 } else { u128::MAX << shift };
        (net & mask) == (candidate & mask)
    }
}

/// The client's address: the TCP peer's, or — when the peer is a trusted
/// proxy — the nearest address in `X-Forwarded-For` that is not a trusted
/// proxy itself. A client cannot choose its address by sending the header.
pub fn client_address(peer: IpAddr, headers: &HeaderMap, trusted: &[TrustedNet]) -> IpAddr {
    let is_trusted = |ip: IpAddr| trusted.iter().any(|n| n.contains(ip));
    if !is_trusted(peer) {
        return peer;
    }
    let forwarded: Vec<IpAddr> = headers
        .get_all(header::HeaderName::from_static("x-forwarded-for"))
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .filter_map(|s| s.trim().parse::<IpAddr>().ok())
        .collect();
    forwarded.iter().rev().copied().find(|ip| !is_trusted(*ip)).or(forwarded.first().copied()).unwrap_or(peer)
}

#[cfg(test)]
mod tests {
    use super::*;

    // covers: ACC-4
    #[test]
    fn the_delay_grows_and_is_bounded() {
        assert_eq!(delay_after(0), Duration::zero());
        assert_eq!(delay_after(4), Duration::zero());
        assert_eq!(delay_after(5), Duration::seconds(30));
        assert_eq!(delay_after(6), Duration::seconds(60));
        assert_eq!(delay_after(9), Duration::seconds(480));
        assert_eq!(delay_after(10), MAX_DELAY);
        assert_eq!(delay_after(10_000), MAX_DELAY);
    }

    // covers: ACC-4
    #[test]
    fn forwarded_addresses_count_only_from_trusted_proxies() {
        let trusted = TrustedNet::parse_list("10.0.0.0/8, 192.168.1.5").unwrap();
        let mut headers = HeaderMap::new();
        headers.insert("x-forwarded-for", HeaderValue::from_static("6.6.6.6, 203.0.113.7, 10.1.2.3"));
        let proxy: IpAddr = "192.168.1.5".parse().unwrap();
        let stranger: IpAddr = "198.51.100.1".parse().unwrap();
        // Through the proxies: the nearest untrusted hop (the client can prepend anything).
        assert_eq!(client_address(proxy, &headers, &trusted), "203.0.113.7".parse::<IpAddr>().unwrap());
        // Straight from a client: its own address, whatever it claims.
        assert_eq!(client_address(stranger, &headers, &trusted), stranger);
        assert_eq!(client_address(proxy, &HeaderMap::new(), &trusted), proxy);
        assert!(TrustedNet::parse("10.0.0.0/33").is_err());
        assert!(TrustedNet::parse("nej").is_err());
        assert!(TrustedNet::parse("::1").unwrap().contains("::1".parse().unwrap()));
        assert!(TrustedNet::parse("127.0.0.1").unwrap().contains("::ffff:127.0.0.1".parse().unwrap()));
    }
}
