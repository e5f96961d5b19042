//! The operating side of the configuration: which gateway shards this process runs (`[discord]
//! shards`) and the HTTP listener for health and metrics (`[http]`).

use serde::Deserialize;
use std::fmt;

/// Most shards Steward accepts in a plan (Discord's own largest bots run tens of thousands).
pub const MAX_SHARDS: u32 = 65_536;

/// Which gateway shards this process connects. Discord sends a guild's events to shard
/// `(guild_id >> 22) % total`, and to every session of that shard: processes that share a database must
/// split the shards between them, never run the same one twice.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ShardPlan {
    /// One process runs every shard Discord recommends (`GET /gateway/bot`).
    #[default]
    Auto,
    /// This process runs shards `first..=last` of `total`.
    Range {
        /// The first shard it runs.
        first: u32,
        /// The last shard it runs (inclusive).
        last: u32,
        /// How many shards all processes run together.
        total: u32,
    },
}

impl ShardPlan {
    /// `auto`, `FIRST-LAST/TOTAL` (`0-1/4`) or `N/TOTAL` (one shard); the range must lie within
    /// `0..TOTAL`.
    pub fn parse(text: &str) -> Result<ShardPlan, String> {
        let text = text.trim();
        if text.eq_ignore_ascii_case("auto") {
            return Ok(ShardPlan::Auto);
        }
        let shape = || {
            format!(
                "`{}` is not a shard plan: give `auto`, or FIRST-LAST/TOTAL such as `0-1/4` \
                 (this process runs shards 0 and 1 of 4)",
                text.chars().take(40).collect::<String>()
            )
        };
        let (range, total) = text.split_once('/').ok_or_else(shape)?;
        let number = |s: &str| s.trim().parse::<u32>().map_err(|_| shape());
        let total = number(total)?;
        let (first, last) = match range.split_once('-') {
            Some((a, b)) => (number(a)?, number(b)?),
            None => {
                let one = number(range)?;
                (one, one)
            }
        };
        if total == 0 || total > MAX_SHARDS {
            return Err(format!(
                "the total number of shards must be 1 to {MAX_SHARDS}, not {total}"
            ));
        }
        if first > last {
            return Err(format!(
                "the shard range {first}-{last} runs backwards: give the lower shard first"
            ));
        }
        if last >= total {
            return Err(format!(
                "shard {last} is outside 0..{total}: with {total} shards the last one is {}",
                total - 1
            ));
        }
        Ok(ShardPlan::Range { first, last, total })
    }

    /// The shards this process runs, when the plan names them.
    pub fn shards(self) -> Option<std::ops::RangeInclusive<u32>> {
        match self {
            ShardPlan::Auto => None,
            ShardPlan::Range { first, last, .. } => Some(first..=last),
        }
    }
}

impl fmt::Display for ShardPlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ShardPlan::Auto => f.write_str("auto"),
            ShardPlan::Range { first, last, total } => write!(f, "{first}-{last}/{total}"),
        }
    }
}

impl<'de> Deserialize<'de> for ShardPlan {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let text = String::deserialize(d)?;
        ShardPlan::parse(&text).map_err(serde::de::Error::custom)
    }
}

/// `[http]`: the listener for `/healthz` and `/metrics` (off unless `listen` is set).
#[derive(Debug, Clone, Deserialize, PartialEq, Default)]
#[serde(default, deny_unknown_fields)]
pub struct HttpConfig {
    /// The address to listen on, e.g. `127.0.0.1:8088`; `None` runs no listener.
    pub listen: Option<String>,
    /// The address people reach the listener at (for links the bot shows), e.g.
    /// `https://steward.example.org`.
    pub public_url: Option<String>,
}

impl HttpConfig {
    /// The listen address, checked: `host:port` with a port.
    pub fn listen_addr(&self) -> Result<Option<std::net::SocketAddr>, String> {
        let Some(text) = self
            .listen
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
        else {
            return Ok(None);
        };
        text.parse().map(Some).map_err(|_| {
            format!("`{text}` is not an address to listen on: give IP:PORT such as 127.0.0.1:8088")
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shard_plans_parse_and_a_range_outside_the_total_is_refused() {
        assert_eq!(ShardPlan::parse("auto"), Ok(ShardPlan::Auto));
        assert_eq!(ShardPlan::parse(" AUTO "), Ok(ShardPlan::Auto));
        assert_eq!(
            ShardPlan::parse("0-1/4"),
            Ok(ShardPlan::Range {
                first: 0,
                last: 1,
                total: 4
            })
        );
        assert_eq!(
            ShardPlan::parse("3/4"),
            Ok(ShardPlan::Range {
                first: 3,
                last: 3,
                total: 4
            })
        );
        assert_eq!(ShardPlan::parse("0-1/4").unwrap().to_string(), "0-1/4");
        for bad in [
            "",
            "4/4",
            "0-4/4",
            "2-1/4",
            "0/0",
            "x/2",
            "1-/2",
            "-1/2",
            "0-1",
            "0-1/70000",
        ] {
            assert!(ShardPlan::parse(bad).is_err(), "{bad}");
        }
        let outside = ShardPlan::parse("2-5/4").unwrap_err();
        assert!(outside.contains("outside 0..4"), "{outside}");
    }

    #[test]
    fn the_listen_address_needs_a_port() {
        let http = |listen: &str| HttpConfig {
            listen: Some(listen.to_owned()),
            public_url: None,
        };
        assert_eq!(HttpConfig::default().listen_addr(), Ok(None));
        assert!(http("127.0.0.1:8088").listen_addr().unwrap().is_some());
        assert!(http("127.0.0.1").listen_addr().is_err());
        assert!(http("localhost:x").listen_addr().is_err());
    }
}
