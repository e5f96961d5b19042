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
