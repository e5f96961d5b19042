//! Gatherings: `/gathering` (schedule, add, next, list, mine, calendar, move, cancel, end-series, export,
//! feed reset), the
//! agenda card (one file: [`agenda_card`]) and the clicks on it ([`clicks`]).

pub mod agenda_card;
pub mod clicks;
pub mod command;
pub mod edit_views;
pub mod editing;
pub mod flows;
pub mod mine;
pub mod reminder;
pub mod views;
