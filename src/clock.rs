//! The time source. The domain takes `now` as an argument; only this edge reads the system clock.

use chrono::{DateTime, Utc};

/// Something that tells the time.
pub trait Clock: Send + Sync {
    /// The current instant, in UTC (the tests' clocks can be set and moved).
    fn now(&self) -> DateTime<Utc>;
}

/// The clock of the machine the bot runs on (`Utc::now`).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        Utc::now()
    }
}
