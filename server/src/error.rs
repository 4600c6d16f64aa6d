//! Every failure of a request, as one type, mapped to HTTP here and nowhere else.

use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};

#[derive(Debug)]
pub enum Error {
    /// A malformed request: bad query parameter, missing/malformed/over-long Idempotency-Key.
    BadRequest(String),
    NotFound,
    /// The same Idempotency-Key while its first request is still being counted.
    KeyInFlight,
    /// An Idempotency-Key already used on another resource.
    KeyReused,
    /// The client's counting rate limit; retry after this many seconds.
    RateLimited {
        retry_after_secs: u64,
    },
    /// A request body above `--max-body-bytes`.
    PayloadTooLarge,
    /// The server is shutting down and takes no more counts.
    ShuttingDown,
    /// A counting batch could not be committed (logged once); nothing of it was counted.
    Unavailable,
    /// The database failed; logged, never shown.
    Database(sqlx::Error),
    /// A file of `dist/` could not be read; logged, never shown.
    Io(std::io::Error),
    /// Import: the source could not be read (the message says why).
    Source(String),
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Error::BadRequest(why) => write!(f, "bad request: {why}"),
            Error::NotFound => f.write_str("not found"),
            Error::KeyInFlight => f.write_str("a request with this Idempotency-Key is still being processed"),
            Error::KeyReused => f.write_str("this Idempotency-Key was already used on another resource"),
            Error::RateLimited { retry_after_secs } => write!(f, "too many requests, retry after {retry_after_secs} s"),
            Error::PayloadTooLarge => f.write_str("request body too large"),
            Error::ShuttingDown => f.write_str("the server is shutting down"),
            Error::Unavailable => f.write_str("the count could not be saved, nothing was counted; retry"),
            Error::Database(e) => write!(f, "database: {e}"),
            Error::Io(e) => write!(f, "file: {e}"),
            Error::Source(why) => write!(f, "{why}"),
        }
    }
}

impl std::error::Error for Error {}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        Error::Database(e)
    }
}

impl From<sqlx::migrate::MigrateError> for Error {
    fn from(e: sqlx::migrate::MigrateError) -> Self {
        Error::Database(sqlx::Error::Migrate(Box::new(e)))
    }
}

impl From<std::io::Error> for Error {
    fn from(e: std::io::Error) -> Self {
        Error::Io(e)
    }
}

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::NotFound => StatusCode::NOT_FOUND,
            Error::KeyInFlight => StatusCode::CONFLICT,
            Error::KeyReused => StatusCode::UNPROCESSABLE_ENTITY,
            Error::RateLimited { .. } => StatusCode::TOO_MANY_REQUESTS,
            Error::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Error::ShuttingDown | Error::Unavailable => StatusCode::SERVICE_UNAVAILABLE,
            Error::Database(_) | Error::Io(_) | Error::Source(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        // Internal details go to the log, not to the client.
        let message = match &self {
            Error::Database(_) | Error::Io(_) | Error::Source(_) => {
                tracing::error!("{self}");
                "internal error".to_string()
            }
            other => other.to_string(),
        };
        let body = serde_json::json!({ "error": message }).to_string();
        let mut response = (status, [(header::CONTENT_TYPE, "application/json")], body).into_response();
        let headers = response.headers_mut();
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        match self {
            Error::RateLimited { retry_after_secs } => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from(retry_after_secs));
            }
            Error::KeyInFlight | Error::ShuttingDown | Error::Unavailable => {
                headers.insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
            }
            _ => {}
        }
        response
    }
}
