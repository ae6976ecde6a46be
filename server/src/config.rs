//! Configuration from the environment, with defaults that run locally.
use std::net::SocketAddr;

pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/installatorswebben.db?mode=rwc";

#[derive(Clone)]
pub struct Config {
    /// `DATABASE_URL`: `sqlite://…` (default, a file under data/) or `postgres://…`.
    pub database_url: String,
    /// `SITE_ADDR` (or cargo-leptos' `LEPTOS_SITE_ADDR`): where to listen.
    pub site_addr: SocketAddr,
    /// `SECURE_COOKIES`: mark the session cookie Secure (turn on behind HTTPS).
    pub secure_cookies: bool,
    /// `RUST_LOG`: the log filter.
    pub log_filter: String,
    /// `DEMO_DATA`: load the demo data set and a demo admin at start.
    pub demo_data: bool,
    /// `DEMO_LOGINS_FILE`: where the generated demo logins are kept on this machine.
    pub demo_logins_file: String,
    /// `ATTACHMENTS_DIR`: where case attachments are stored (and, with S3, received).
    pub attachments_dir: String,
    /// `ATTACHMENTS_STORE`: `s3://bucket[/prefix]` to keep attachments in an
    /// S3-compatible store (credentials from the `AWS_*` variables).
    pub attachments_store: Option<String>,
    /// `SMTP_URL` (`smtp://host:port`): where notifications are sent; unset keeps them in the outbox.
    pub smtp_url: Option<String>,
    /// `MAIL_FROM`: the sender of notifications.
    pub mail_from: String,
    /// `OPERATOR_CONFIG`: a JSON file with the grid operator's values (fuse series, limits, unit addresses).
    pub operator_config: Option<String>,
    /// `TRUSTED_PROXIES`: addresses or networks (`10.0.0.0/8`) of the proxies in
    /// front of the portal, whose `X-Forwarded-For` names the client (ACC-4).
    pub trusted_proxies: Vec<app::server::throttle::TrustedNet>,
    /// `SECRETS_KEY`: 64 hex digits; the key secrets at rest (admins' TOTP
    /// secrets) are sealed with. In demo mode one is made and kept under data/.
    pub secrets_key: Option<app::server::sealing::SecretsKey>,
    /// `METRICS_TOKEN`: with it, `/metrics` answers on the portal's address
    /// to `Authorization: Bearer <token>`.
    pub metrics_token: Option<String>,
    /// `METRICS_ADDR`: a second listener (an internal address) that serves
    /// `/metrics` to whoever reaches it.
    pub metrics_addr: Option<SocketAddr>,
}

fn env_flag(name: &str) -> Result<bool, String> {
    match std::env::var(name) {
        Err(_) => Ok(false),
        Ok(v) => match v.trim().to_ascii_lowercase().as_str() {
            "1" | "true" | "yes" | "on" => Ok(true),
            "0" | "false" | "no" | "off" | "" => Ok(false),
            other => Err(format!("{name} ska vara true eller false, inte {other:?}")),
        },
    }
}

impl Config {
    pub fn from_env() -> Result<Self, String> {
        let site_addr = std::env::var("SITE_ADDR")
            .or_else(|_| std::env::var("LEPTOS_SITE_ADDR"))
            .unwrap_or_else(|_| "127.0.0.1:3000".to_string());
        let site_addr = site_addr.parse().map_err(|e| format!("SITE_ADDR {site_addr:?} är ogiltig: {e}"))?;
        Ok(Self {
            database_url: std::env::var("DATABASE_URL").unwrap_or_else(|_| DEFAULT_DATABASE_URL.to_string()),
            site_addr,
            secure_cookies: env_flag("SECURE_COOKIES")?,
            log_filter: std::env::var("RUST_LOG").unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn".to_string()),
            demo_data: env_flag("DEMO_DATA")?,
            demo_logins_file: std::env::var("DEMO_LOGINS_FILE")
                .unwrap_or_else(|_| "data/demo-logins.txt".to_string()),
            attachments_dir: std::env::var("ATTACHMENTS_DIR").unwrap_or_else(|_| "data/attachments".to_string()),
            attachments_store: std::env::var("ATTACHMENTS_STORE").ok().filter(|s| !s.trim().is_empty()),
            smtp_url: std::env::var("SMTP_URL").ok().filter(|s| !s.trim().is_empty()),
            mail_from: std::env::var("MAIL_FROM")
                .unwrap_or_else(|_| "Installatörswebben <noreply@installatorswebben.example>".to_string()),
            secrets_key: match std::env::var("SECRETS_KEY").ok().filter(|k| !k.trim().is_empty()) {
                Some(k) => Some(app::server::sealing::SecretsKey::parse(&k).map_err(|e| format!("SECRETS_KEY {e}"))?),
                None => None,
            },
            trusted_proxies: app::server::throttle::TrustedNet::parse_list(&std::env::var("TRUSTED_PROXIES").unwrap_or_default())
                .map_err(|e| format!("TRUSTED_PROXIES: {e}"))?,
            operator_config: std::env::var("OPERATOR_CONFIG").ok().filter(|s| !s.trim().is_empty()),
            metrics_token: match std::env::var("METRICS_TOKEN").ok().map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
                Some(t) if t.len() < 16 => return Err("METRICS_TOKEN ska vara minst 16 tecken lång".into()),
                // What every HTTP client can send in a header.
                Some(t) if !t.bytes().all(|b| b.is_ascii_graphic()) => {
                    return Err("METRICS_TOKEN får bara innehålla bokstäver a–z, siffror och skiljetecken (inga mellanslag, inga å, ä, ö)".into())
                }
                other => other,
            },
            metrics_addr: match std::env::var("METRICS_ADDR").ok().filter(|s| !s.trim().is_empty()) {
                Some(a) => Some(a.trim().parse().map_err(|e| format!("METRICS_ADDR {a:?} är ogiltig: {e}"))?),
                None => None,
            },
        })
    }

    /// The database URL with any password replaced, for logs.
    pub fn redacted_database_url(&self) -> String {
        redact_url(&self.database_url)
    }
}

fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

impl std::fmt::Display for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "database={} site_addr={} secure_cookies={} demo_data={} smtp={} log={}",
            self.redacted_database_url(),
            self.site_addr,
            self.secure_cookies,
            self.demo_data,
            self.smtp_url.as_deref().map(redact_url).unwrap_or_else(|| "off (outbox only)".into()),
            self.log_filter
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_never_reach_the_log() {
        assert_eq!(redact_url("postgres://app:s3cret@db:5432/iw"), "postgres://app:***@db:5432/iw");
        assert_eq!(redact_url("postgres://postgres@127.0.0.1/iw"), "postgres://postgres@127.0.0.1/iw");
        assert_eq!(redact_url(DEFAULT_DATABASE_URL), DEFAULT_DATABASE_URL);
    }
}
