//! The agenda card: when and where, every role with its holder or "open", a Claim button per open role
//! and a Release button per held one.

use super::super::custom_id::ButtonAction;
use super::super::reply::{Button, Reply, Visibility};
use super::super::CommandError;
use super::gathering_render::{agenda_card, escape};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::store::{agenda_lines, Store};

/// The card of `gathering`, freezing its roles from the template the first time it is shown.
pub async fn agenda_reply(
    store: &Store,
    community: &Community,
    gathering: &Gathering,
) -> Result<Reply, CommandError> {
    let roles = store
        .agenda_roles(gathering.id, &community.template)
        .await?;
    let holders = store.holders(gathering.id).await?;
    let lines = agenda_lines(&roles, &holders);
    let mut card = agenda_card(
        gathering,
        community.settings.time_zone,
        community.settings.name.as_str(),
    );
    if !lines.is_empty() {
        let text: Vec<String> = lines
            .iter()
            .map(|(role, holder)| match holder {
                Some(m) => format!("**{}** — <@{m}>", escape(role)),
                None => format!("**{}** — *open*", escape(role)),
            })
            .collect();
        let open = lines.iter().filter(|(_, h)| h.is_none()).count();
        let title = if open == 0 {
            "Agenda roles (all taken)".to_owned()
        } else {
            format!("Agenda roles ({open} open)")
        };
        card = card.field(title, text.join("\n"), false);
    }
    let mut reply = Reply::card(Visibility::Public, card);
    reply.buttons = lines
        .iter()
        .enumerate()
        .map(|(i, (role, holder))| {
            let label: String = match holder {
                None => format!("Claim {role}"),
                Some(_) => format!("Release {role}"),
            };
            let action = match holder {
                None => ButtonAction::Claim(gathering.id, i),
                Some(_) => ButtonAction::Release(gathering.id, i),
            };
            Button {
                custom_id: action.encode(),
                label: label.chars().take(80).collect(),
                primary: holder.is_none(),
            }
        })
        .collect();
    Ok(reply)
}
