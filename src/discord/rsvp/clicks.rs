//! Clicks about attendance: "I was there" on the harvest prompt, and the organizer's member pickers on
//! the attendance sheet. The gathering was looked up by the channel the click came from.

use super::views::{attendance_sheet, harvest_prompt};
use crate::discord::custom_id::ButtonAction;
use crate::discord::format::Reply;
use crate::discord::{App, CommandError};
use crate::domain::access::Actor;
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::rsvp;
use poise::serenity_prelude as serenity;

/// Acts on an attendance click and returns the prompt or sheet as it now is.
pub async fn act(
    app: &App,
    click: &serenity::ComponentInteraction,
    community: &Community,
    gathering: &Gathering,
    action: ButtonAction,
    actor: &Actor,
) -> Result<Reply, CommandError> {
    let store = &app.store;
    let now = app.clock.now();
    let member = MemberRef(click.user.id.get());
    if let ButtonAction::Here(_) = action {
        rsvp::check_self_report(gathering, now)?;
        store
            .record_attendance(gathering.id, member, None, now)
            .await?;
        let here = store.attendees(gathering.id).await?;
        return Ok(harvest_prompt(
            community.settings.language,
            gathering,
            &here,
        ));
    }
    crate::discord::context::require_organizer(community, actor)?;
    rsvp::check_record(gathering, now)?;
    let picked: Vec<MemberRef> = match &click.data.kind {
        serenity::ComponentInteractionDataKind::UserSelect { values } => {
            values.iter().map(|u| MemberRef(u.get())).collect()
        }
        _ => Vec::new(),
    };
    let adding = matches!(action, ButtonAction::AttendanceAdd(_));
    let mut changed = 0;
    for m in &picked {
        let done = if adding {
            store
                .record_attendance(gathering.id, *m, Some(member), now)
                .await?
        } else {
            store.remove_attendance(gathering.id, *m).await?
        };
        changed += usize::from(done);
    }
    let lang = crate::i18n::member_lang(&click.locale);
    let done = if adding {
        crate::tr!(lang, "attendance-added", count = changed)
    } else {
        crate::tr!(lang, "attendance-removed", count = changed)
    };
    let here = store.attendees(gathering.id).await?;
    Ok(attendance_sheet(lang, gathering, &here, Some(done)))
}
