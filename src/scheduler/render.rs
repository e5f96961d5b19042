//! What each automatic post says. `None` means there is nothing worth saying any more (a role prompt
//! when every role is held, an agenda card when no gathering is coming up): the post is dropped quietly.

use crate::discord::commands::agenda::{agenda_reply, harvest_reply};
use crate::discord::commands::gathering_render::{escape, full, relative};
use crate::discord::reply::{Button, Notice, Reply, Tone};
use crate::discord::CommandError;
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::posts::PostKind;
use crate::domain::roles::{suggest_for_role, Holding};
use crate::store::{agenda_lines, DuePost, Store};
use chrono::{DateTime, Utc};

/// The message for a due post, or `None` when there is nothing to say.
pub async fn render(
    store: &Store,
    community: &Community,
    post: &DuePost,
    gathering: Option<&Gathering>,
    now: DateTime<Utc>,
) -> Result<Option<Reply>, CommandError> {
    match post.kind {
        PostKind::Reminder => match gathering {
            Some(g) => reminder(store, community, g).await.map(Some),
            None => Ok(None),
        },
        PostKind::AgendaCard => match store.upcoming(community.id, now, 1).await?.first() {
            Some(next) => agenda_reply(store, community, next).await.map(Some),
            None => Ok(None),
        },
        PostKind::ChangeNotice => {
            let Some(body) = post.body.as_deref() else {
                tracing::error!(post = post.id, key = %post.key, "change notice has no stored text: dropped");
                return Ok(None);
            };
            match serde_json::from_str::<Notice>(body) {
                Ok(notice) => Ok(Some(notice.into_reply())),
                Err(e) => {
                    tracing::error!(post = post.id, key = %post.key, error = %e, "stored change notice is corrupt: dropped");
                    Ok(None)
                }
            }
        }
        PostKind::DmReminder => Ok(gathering
            .filter(|g| g.status.is_on())
            .map(|g| dm_reminder(community, g))),
        PostKind::Harvest => match gathering {
            Some(g) if g.status.is_on() => harvest_reply(store, g).await.map(Some),
            _ => Ok(None),
        },
        PostKind::RolePrompt => {
            let target = match gathering {
                Some(g) => Some(g.clone()),
                None => store
                    .upcoming(community.id, now, 1)
                    .await?
                    .into_iter()
                    .next(),
            };
            match target {
                Some(g) => role_prompt(store, community, &g, now).await,
                None => Ok(None),
            }
        }
    }
}

async fn reminder(
    store: &Store,
    community: &Community,
    g: &Gathering,
) -> Result<Reply, CommandError> {
    let mut reply = agenda_reply(store, community, g).await?;
    let holders = store.holders(g.id).await?;
    let mut line = format!(
        "⏰ **{}** starts {} ({}).",
        escape(&g.title),
        relative(g.start),
        full(g.start)
    );
    if !holders.is_empty() {
        let names: Vec<String> = holders
            .iter()
            .map(|(r, m)| format!("<@{m}> ({})", escape(r)))
            .collect();
        line.push_str(&format!(" Role holders: {}.", names.join(", ")));
    }
    reply.content = Some(line);
    reply.ping_users = holders.iter().map(|(_, m)| m.0).collect();
    Ok(reply)
}

async fn role_prompt(
    store: &Store,
    community: &Community,
    g: &Gathering,
    now: DateTime<Utc>,
) -> Result<Option<Reply>, CommandError> {
    let roles = store.agenda_roles(g.id, &community.template).await?;
    let holders = store.holders(g.id).await?;
    let lines = agenda_lines(&roles, &holders);
    let open: Vec<(usize, &String)> = lines
        .iter()
        .enumerate()
        .filter(|(_, (_, h))| h.is_none())
        .map(|(i, (r, _))| (i, r))
        .collect();
    if open.is_empty() {
        return Ok(None);
    }
    let past = store.past_agendas(community.id, now, 12).await?;
    let history: Vec<Holding> = past
        .iter()
        .enumerate()
        .flat_map(|(ago, a)| {
            a.holders.iter().map(move |(r, m)| Holding {
                gatherings_ago: ago,
                role: r.clone(),
                member: *m,
            })
        })
        .collect();
    let candidates: Vec<MemberRef> =
        crate::domain::text::unique_in_order(history.iter().map(|h| h.member));
    let busy: Vec<MemberRef> = holders.iter().map(|(_, m)| *m).collect();
    let names: Vec<String> = open.iter().map(|(_, r)| escape(r)).collect();
    let mut text = format!(
        "Still open for **{}** on {}: {}.",
        escape(&g.title),
        full(g.start),
        names.join(", ")
    );
    for (_, role) in &open {
        let suggested = suggest_for_role(role, &candidates, &history, &busy, 3);
        if !suggested.is_empty() {
            let who: Vec<String> = suggested.iter().map(|m| format!("<@{m}>")).collect();
            text.push_str(&format!(
                "\n• {}: perhaps {}? (has not held it lately)",
                escape(role),
                who.join(", ")
            ));
        }
    }
    let mut reply = Reply::private(text);
    reply.visibility = crate::discord::reply::Visibility::Public;
    reply.buttons = open
        .iter()
        .map(|(i, r)| Button {
            custom_id: crate::discord::custom_id::ButtonAction::Claim(g.id, *i).encode(),
            label: format!("Claim {r}").chars().take(80).collect(),
            tone: Tone::Primary,
        })
        .collect();
    Ok(Some(reply))
}

/// The DM to a member who answered going: plain text (buttons live on the channel's card).
fn dm_reminder(community: &Community, g: &Gathering) -> Reply {
    let mut text = format!(
        "⏰ Reminder from **{}**: **{}** starts {} ({}).",
        escape(community.settings.name.as_str()),
        escape(&g.title),
        relative(g.start),
        full(g.start)
    );
    if let Some(location) = &g.location {
        text.push_str(&format!("\n📍 {}", escape(location)));
    }
    text.push_str(&format!(
        "\nYou answered *going*. Changed your plans? Update your answer in <#{}>.",
        community.channel
    ));
    Reply::private(text)
}
