//! Agenda roles: `/role` (claim, release, assign, template, history) and the rules of who may hold what.

pub mod agenda;
pub mod command;
pub mod flows;
pub mod prompt;
pub mod views;

use crate::discord::custom_id::ButtonAction;
use crate::discord::format::{escape, Button, Reply, Tone, MAX_BUTTON_LABEL_CHARS};
use crate::domain::agenda::Agenda;
use crate::domain::gathering::{Gathering, GatheringId};
use crate::domain::ids::MemberRef;
use crate::domain::language::Lang;
use crate::domain::rsvp::Answer;

/// The Claim button of the role at `index` (the card's, and the role prompt's).
pub fn claim_button(lang: Lang, gathering: GatheringId, index: usize, role: &str) -> Button {
    Button {
        custom_id: ButtonAction::Claim(gathering, index).encode(),
        label: crate::tr!(lang, "button-claim", role = role)
            .chars()
            .take(MAX_BUTTON_LABEL_CHARS)
            .collect(),
        tone: Tone::Primary,
    }
}

/// Asked privately of a member who answered *Can't go* while holding roles at the gathering: free
/// them? One Release button per role they hold (none when they hold none or answered otherwise).
pub fn free_your_roles(
    lang: crate::domain::language::Lang,
    gathering: &Gathering,
    agenda: &Agenda,
    member: MemberRef,
    answer: Answer,
) -> Option<Reply> {
    if answer != Answer::No {
        return None;
    }
    let held: Vec<(usize, &str)> = agenda
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.holder == Some(member))
        .map(|(i, l)| (i, l.role.as_str()))
        .collect();
    if held.is_empty() {
        return None;
    }
    let names: Vec<String> = held
        .iter()
        .map(|(_, r)| format!("**{}**", escape(r)))
        .collect();
    let mut ask = Reply::private(crate::tr!(
        lang,
        "free-your-roles",
        roles = names.join(", "),
        title = escape(&gathering.title)
    ));
    ask.buttons = held
        .iter()
        .map(|(i, role)| Button {
            custom_id: ButtonAction::Release(gathering.id, *i).encode(),
            label: crate::tr!(lang, "button-release", role = *role)
                .chars()
                .take(MAX_BUTTON_LABEL_CHARS)
                .collect(),
            tone: Tone::Danger,
        })
        .collect();
    Some(ask)
}
