//! Shared test support: the fake Discord, databases on both backends, and a bot harness.
#![allow(dead_code)]

pub mod app;
pub mod bot;
pub mod calendar_fill;
pub mod db;
pub mod fake_discord;
pub mod fixtures;
pub mod ics;
pub mod notes;
pub mod process;
pub mod replies;
pub mod web;
