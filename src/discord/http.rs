//! The REST client: real Discord with serenity's rate limiter, or another base URL (a rate-limit proxy or
//! the tests' fake Discord) with the limiter off and no environment proxies.

use crate::config::{DiscordConfig, Secret};
use poise::serenity_prelude as serenity;

/// Builds the Http for `discord.api_url` (or real Discord when unset).
pub fn build(discord: &DiscordConfig, token: &Secret) -> Result<serenity::Http, reqwest::Error> {
    let builder = serenity::HttpBuilder::new(token.expose());
    let http = match &discord.api_url {
        // serenity ignores the proxy while its rate limiter is on, and reqwest would honour
        // HTTP_PROXY for loopback: both must be switched off for another base URL to take effect.
        Some(base) => {
            let client = reqwest::Client::builder().no_proxy().build()?;
            builder
                .client(client)
                .proxy(base.trim_end_matches('/'))
                .ratelimiter_disabled(true)
                .build()
        }
        None => builder.build(),
    };
    Ok(http)
}

/// Why Discord did not take a post: the HTTP status if there was an answer, Discord's `retry_after` on a
/// 429, and a description for the log and the posts table.
#[derive(Debug, Clone, PartialEq)]
pub struct PostError {
    /// The HTTP status, if Discord answered.
    pub status: Option<u16>,
    /// Seconds to wait before trying again (429 only).
    pub retry_after: Option<f64>,
    /// What went wrong, as serenity describes it, for the log and the posts table.
    pub text: String,
}

impl From<&serenity::Error> for PostError {
    fn from(error: &serenity::Error) -> Self {
        PostError {
            status: crate::discord::events::status_of(error),
            retry_after: None,
            text: error.to_string(),
        }
    }
}

impl std::fmt::Display for PostError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text)
    }
}

/// Sends channel messages with its own HTTP call when `discord.api_url` is set. serenity's rate limiter
/// is off there, and serenity's error for a 429 drops Discord's `retry_after`; this reads it (from the
/// body, or the `Retry-After` header) so that the posts engine waits exactly as long as Discord asks.
pub struct DirectPoster {
    client: reqwest::Client,
    base: String,
    authorization: String,
}

impl std::fmt::Debug for DirectPoster {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        // Never the token.
        f.debug_struct("DirectPoster")
            .field("base", &self.base)
            .finish()
    }
}

impl DirectPoster {
    /// For `base` (e.g. `http://127.0.0.1:8080`, without `/api/v10`), or `None` when Discord is real.
    pub fn for_config(
        discord: &DiscordConfig,
        token: &Secret,
    ) -> Result<Option<DirectPoster>, reqwest::Error> {
        let Some(base) = &discord.api_url else {
            return Ok(None);
        };
        Ok(Some(DirectPoster {
            client: reqwest::Client::builder()
                .no_proxy()
                .timeout(std::time::Duration::from_secs(30))
                .build()?,
            base: base.trim_end_matches('/').to_owned(),
            authorization: format!("Bot {}", token.expose()),
        }))
    }

    /// POST /channels/{channel}/messages; the new message's id.
    pub async fn create_message(
        &self,
        channel: serenity::ChannelId,
        message: &serenity::CreateMessage,
    ) -> Result<u64, PostError> {
        let body = serde_json::to_vec(message).map_err(|e| PostError {
            status: None,
            retry_after: None,
            text: format!("could not encode the message: {e}"), // log
        })?;
        let url = format!("{}/api/v10/channels/{channel}/messages", self.base);
        let answer = self
            .client
            .post(url)
            .header("authorization", &self.authorization)
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .map_err(|e| PostError {
                status: None,
                retry_after: None,
                text: format!("could not reach Discord: {}", e.without_url()), // log
            })?;
        let status = answer.status().as_u16();
        let header_wait = answer
            .headers()
            .get("retry-after")
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<f64>().ok());
        let bytes = answer.bytes().await.map_err(|e| PostError {
            status: Some(status),
            retry_after: None,
            text: format!("could not read Discord's answer: {}", e.without_url()), // log
        })?;
        // An answer that is not JSON (a proxy's error page) reads as null: no id, no message, no wait.
        let json: serde_json::Value = serde_json::from_slice(&bytes).unwrap_or_default();
        if (200..300).contains(&status) {
            return json["id"]
                .as_str()
                .and_then(|id| id.parse().ok())
                .ok_or_else(|| PostError {
                    status: Some(status),
                    retry_after: None,
                    text: "Discord's answer has no message id".to_owned(), // log
                });
        }
        let retry_after = (status == 429)
            .then(|| json["retry_after"].as_f64().or(header_wait))
            .flatten();
        Err(PostError {
            status: Some(status),
            retry_after,
            text: format!(
                "HTTP {status}: {} (code {})",                    // log
                json["message"].as_str().unwrap_or("no message"), // log
                json["code"].as_i64().unwrap_or(0)
            ),
        })
    }
}
