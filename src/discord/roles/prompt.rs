//! The role prompt: the open roles of the next gathering, a suggestion of who has not held each lately,
//! and a Claim button per open role (the same buttons as the agenda card's).

use super::claim_button;
use crate::discord::format::{escape, full, mentions, Reply};
use crate::domain::agenda::{suggestions, Agenda, PastAgenda};
use crate::domain::gathering::Gathering;
use crate::domain::language::Lang;
use crate::tr;

/// How many members a prompt suggests for each open role.
const SUGGESTED_PER_ROLE: usize = 3;

/// The prompt for `gathering`, or `None` when every role is held (nothing worth saying).
pub fn role_prompt(
    lang: Lang,
    gathering: &Gathering,
    agenda: &Agenda,
    past: &[PastAgenda],
) -> Option<Reply> {
    let open: Vec<(usize, &str)> = agenda.open().collect();
    if open.is_empty() {
        return None;
    }
    let names: Vec<String> = open.iter().map(|(_, r)| escape(r)).collect();
    let mut text = tr!(
        lang,
        "prompt-still-open",
        title = escape(&gathering.title),
        when = full(gathering.start),
        roles = names.join(", ")
    );
    for (role, who) in suggestions(agenda, past, SUGGESTED_PER_ROLE) {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "prompt-suggestion",
            role = escape(&role),
            members = mentions(&who)
        ));
    }
    let mut reply = Reply::public(text);
    reply.buttons = open
        .iter()
        .map(|(i, role)| claim_button(lang, gathering.id, *i, role))
        .collect();
    Some(reply)
}
