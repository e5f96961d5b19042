//! Agenda roles: `/role` (claim, release, assign, template, history) and the rules of who may hold what.

pub mod command;
pub mod flows;
pub mod prompt;
pub mod views;
