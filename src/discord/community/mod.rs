//! Communities: `/community` (setup, settings, info, list, delete), and what Steward keeps about
//! people (`/privacy`, `/forget-me`).

pub mod command;
pub mod flows;
pub mod privacy;
pub mod views;
pub mod zone_change;
