//! Logging: `tracing` with `RUST_LOG`-style filters, text or JSON, and a writer that removes the bot
//! token from every line whatever a dependency chooses to log.

use crate::config::{LogConfig, LogFormat, Secret};
use std::io::{self, Write};
use tracing_subscriber::fmt::MakeWriter;
use tracing_subscriber::EnvFilter;

/// Installs the global subscriber. `RUST_LOG` wins over `log.filter`. Logs go to stderr.
pub fn init(log: &LogConfig, token: Option<&Secret>) {
    let filter = std::env::var("RUST_LOG")
        .ok()
        .and_then(|f| EnvFilter::try_new(f).ok())
        .unwrap_or_else(|| EnvFilter::new(&log.filter));
    let writer = RedactingStderr {
        secret: token
            .map(|t| t.expose().to_owned())
            .filter(|t| !t.is_empty()),
    };
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(writer);
    let result = match log.format {
        LogFormat::Text => builder.with_ansi(false).try_init(),
        LogFormat::Json => builder.json().try_init(),
    };
    if result.is_err() {
        tracing::debug!("a tracing subscriber was already installed");
    }
    install_panic_hook();
}

/// Panics are logged through tracing (so through the token-redacting writer, in the log's format) with
/// where they happened, instead of only being printed to stderr.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| (*s).to_owned())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "a panic without a message".to_owned());
        let location = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        tracing::error!(panic = %message, %location, "panic");
    }));
}

/// Makes writers that replace the secret with `[redacted]` before anything reaches stderr.
#[derive(Clone)]
pub struct RedactingStderr {
    secret: Option<String>,
}

impl<'a> MakeWriter<'a> for RedactingStderr {
    type Writer = Redacting<io::Stderr>;
    fn make_writer(&'a self) -> Self::Writer {
        Redacting::new(io::stderr(), self.secret.clone())
    }
}

/// Buffers one log event and writes it out with every occurrence of the secret replaced.
pub struct Redacting<W: Write> {
    inner: W,
    secret: Option<String>,
    buffer: Vec<u8>,
}

impl<W: Write> Redacting<W> {
    /// Wraps `inner`; with no secret it passes bytes through unchanged.
    pub fn new(inner: W, secret: Option<String>) -> Self {
        Redacting {
            inner,
            secret,
            buffer: Vec::new(),
        }
    }

    fn flush_buffer(&mut self) -> io::Result<()> {
        if self.buffer.is_empty() {
            return Ok(());
        }
        let text = String::from_utf8_lossy(&self.buffer);
        let out = match &self.secret {
            Some(secret) => text.replace(secret.as_str(), "[redacted]"),
            None => text.into_owned(),
        };
        self.buffer.clear();
        self.inner.write_all(out.as_bytes())?;
        self.inner.flush()
    }
}

impl<W: Write> Write for Redacting<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> io::Result<()> {
        self.flush_buffer()
    }
}

impl<W: Write> Drop for Redacting<W> {
    fn drop(&mut self) {
        // A log line that cannot be written has nowhere left to be reported.
        self.flush_buffer().ok();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_secret_is_replaced_even_when_written_in_pieces() {
        let mut out = Vec::new();
        {
            let mut w = Redacting::new(&mut out, Some("tok.en.123".into()));
            w.write_all(b"Authorization: Bot tok.").unwrap();
            w.write_all(b"en.123 sent\n").unwrap();
        }
        let text = String::from_utf8(out).unwrap();
        assert_eq!(text, "Authorization: Bot [redacted] sent\n");
    }
}
