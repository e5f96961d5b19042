//! Communities: `/community` (setup, settings, info, list).

pub mod command;
pub mod flows;
