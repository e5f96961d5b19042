//! Agenda roles: `/role` (claim, release, assign, template, history) and the rules of who may hold what.

pub mod command;
pub mod flows;
pub mod prompt;
pub mod views;

use crate::discord::custom_id::ButtonAction;
use crate::discord::format::{Button, Tone, MAX_BUTTON_LABEL_CHARS};
use crate::domain::gathering::GatheringId;

/// The Claim button of the role at `index` (the card's, and the role prompt's).
pub fn claim_button(gathering: GatheringId, index: usize, role: &str) -> Button {
    Button {
        custom_id: ButtonAction::Claim(gathering, index).encode(),
        label: format!("Claim {role}")
            .chars()
            .take(MAX_BUTTON_LABEL_CHARS)
            .collect(),
        tone: Tone::Primary,
    }
}
