//! What each automatic post says: reads what the post needs from the store and asks the Discord views
//! (pure functions) to say it. `None` means there is nothing worth saying any more (a role prompt when
//! every role is held, an agenda card when no gathering is coming up): the post is dropped quietly.

use crate::discord::format::{Notice, Reply};
use crate::discord::gathering::agenda_card::{agenda_card, superseded};
use crate::discord::gathering::reminder::{dm_reminder, reminder, short_reminder};
use crate::discord::roles::prompt::role_prompt;
use crate::discord::rsvp::views::harvest_prompt;
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, GatheringId};
use crate::domain::posts::{prompt_merged_into_reminder, PostKind};
use crate::store::{DuePost, Store, StoreError};
use chrono::{DateTime, Utc};

/// How many past gatherings a role prompt reads to suggest who has not held a role lately.
const ROTATION_GATHERINGS: i64 = 12;

/// What a due post says, and the gathering it is the agenda card of (which then lives in it).
pub struct Rendered {
    /// The message.
    pub reply: Reply,
    /// For an agenda card: its gathering.
    pub card_of: Option<GatheringId>,
}

/// The message for a due post, or `None` when there is nothing to say. `card_buried`: the gathering's
/// living card has many messages after it (a reminder then becomes the card).
pub async fn render(
    store: &Store,
    community: &Community,
    post: &DuePost,
    gathering: Option<&Gathering>,
    card_buried: bool,
    now: DateTime<Utc>,
) -> Result<Option<Rendered>, StoreError> {
    if post.kind == PostKind::AgendaCard {
        return Ok(match store.upcoming(community.id, now, 1).await?.first() {
            Some(next) => {
                let agenda = store.agenda(community, next.id).await?;
                Some(Rendered {
                    reply: agenda_card(community, next, &agenda),
                    card_of: Some(next.id),
                })
            }
            None => None,
        });
    }
    if let (PostKind::Reminder, Some(g)) = (post.kind, gathering) {
        let mut rendered = reminder_of(store, community, g, card_buried, now).await?;
        let s = &community.settings;
        if let Some(r) = rendered.as_mut() {
            if s.role_prompt
                .fires_at(g.start, post.planned_at, s.time_zone)
            {
                carry_prompt(store, community, g, &mut r.reply, now).await?;
            }
        }
        return Ok(rendered);
    }
    if post.kind == PostKind::RolePrompt {
        // A prompt on the community's clock that lands with a reminder of the gathering it is about is
        // carried by that reminder.
        let on_clock = gathering.is_none();
        return match prompt_of(store, community, gathering, card_buried, now).await? {
            Some((g, _)) if on_clock && merged(community, &g, post) => Ok(None),
            other => Ok(other.map(|(_, r)| r)),
        };
    }
    Ok(say(store, community, post, gathering)
        .await?
        .map(|reply| Rendered {
            reply,
            card_of: None,
        }))
}

async fn say(
    store: &Store,
    community: &Community,
    post: &DuePost,
    gathering: Option<&Gathering>,
) -> Result<Option<Reply>, StoreError> {
    match post.kind {
        PostKind::Reminder => match gathering {
            Some(g) => {
                let agenda = store.agenda(community, g.id).await?;
                Ok(Some(reminder(community, g, &agenda)))
            }
            None => Ok(None),
        },
        PostKind::AgendaCard => Ok(None),
        PostKind::CardEdit => match gathering {
            Some(g) => {
                let agenda = store.agenda(community, g.id).await?;
                Ok(Some(agenda_card(community, g, &agenda)))
            }
            None => Ok(None),
        },
        PostKind::CardStub => Ok(stub_of(post).map(|s| {
            superseded(
                community.settings.language,
                community.guild.0,
                s.by_channel,
                s.by_message,
            )
        })),
        PostKind::ChangeNotice => Ok(stored_notice(post)),
        // Not once the community turned DM reminders off (one planned just before still waits).
        PostKind::DmReminder => Ok(gathering
            .filter(|g| g.status.is_on() && community.settings.dm_reminders)
            .map(|g| dm_reminder(community, g))),
        PostKind::Harvest => match gathering {
            Some(g) if g.status.is_on() => {
                let here = store.attendees(g.id).await?;
                Ok(Some(harvest_prompt(community.settings.language, g, &here)))
            }
            _ => Ok(None),
        },
        // Rendered by `prompt_of` (it may become the living card).
        PostKind::RolePrompt => Ok(None),
    }
}

/// The link to the gathering's living card when it is recent and near; `None` when there is none, it
/// was posted days ago, or it is `buried` under many messages (a card far up the channel is not worth
/// a link: the post becomes the card).
async fn near_card(
    store: &Store,
    community: &Community,
    g: &Gathering,
    buried: bool,
    now: DateTime<Utc>,
) -> Result<Option<String>, StoreError> {
    let recent = match store.living_card_posted(community.id, g.id).await? {
        Some(at) if !buried && now - at < chrono::Duration::days(CARD_STAYS_NEAR_DAYS) => {
            store.living_card(community.id, g.id).await?
        }
        _ => None,
    };
    Ok(recent.map(|card| {
        format!(
            "https://discord.com/channels/{}/{}/{}",
            community.guild.0, card.channel.0, card.message
        )
    }))
}

/// A reminder links to the gathering's living card when it is near; otherwise the reminder is the
/// agenda card and becomes the living one.
async fn reminder_of(
    store: &Store,
    community: &Community,
    g: &Gathering,
    buried: bool,
    now: DateTime<Utc>,
) -> Result<Option<Rendered>, StoreError> {
    let agenda = store.agenda(community, g.id).await?;
    Ok(Some(
        match near_card(store, community, g, buried, now).await? {
            Some(url) => Rendered {
                reply: short_reminder(community, g, &agenda, &url),
                card_of: None,
            },
            None => Rendered {
                reply: reminder(community, g, &agenda),
                card_of: Some(g.id),
            },
        },
    ))
}

/// A role prompt names the open roles (and who has not held them lately). With the living card near
/// it links to it, with no buttons of its own; otherwise it is posted with the agenda card, which then
/// lives in it: a channel never holds two messages with Claim buttons for one gathering.
async fn prompt_of(
    store: &Store,
    community: &Community,
    gathering: Option<&Gathering>,
    buried: bool,
    now: DateTime<Utc>,
) -> Result<Option<(Gathering, Rendered)>, StoreError> {
    let target = match gathering {
        Some(g) => Some(g.clone()),
        None => store
            .upcoming(community.id, now, 1)
            .await?
            .into_iter()
            .next(),
    };
    let Some(g) = target.filter(|g| g.status.is_on()) else {
        return Ok(None);
    };
    let agenda = store.agenda(community, g.id).await?;
    let past = store
        .past_agendas(community.id, now, ROTATION_GATHERINGS)
        .await?;
    let Some(mut prompt) = role_prompt(community.settings.language, &g, &agenda, &past) else {
        return Ok(None);
    };
    let rendered = match near_card(store, community, &g, buried, now).await? {
        Some(url) => {
            prompt.buttons.clear();
            prompt.links = vec![(
                crate::tr!(community.settings.language, "link-open-card"),
                url,
            )];
            Rendered {
                reply: prompt,
                card_of: None,
            }
        }
        None => {
            let mut card = agenda_card(community, &g, &agenda);
            card.content = prompt.content;
            Rendered {
                reply: card,
                card_of: Some(g.id),
            }
        }
    };
    Ok(Some((g, rendered)))
}

/// Whether a prompt on the community's clock, about `g`, lands with one of `g`'s reminders.
fn merged(community: &Community, g: &Gathering, post: &DuePost) -> bool {
    let s = &community.settings;
    prompt_merged_into_reminder(&s.reminders, g.start, post.planned_at, s.time_zone)
}

/// A reminder that lands with a role prompt says what the prompt would: the open roles (and who has not
/// held them lately), under its own first line. Nothing when every role is held.
async fn carry_prompt(
    store: &Store,
    community: &Community,
    g: &Gathering,
    reply: &mut Reply,
    now: DateTime<Utc>,
) -> Result<(), StoreError> {
    let agenda = store.agenda(community, g.id).await?;
    let past = store
        .past_agendas(community.id, now, ROTATION_GATHERINGS)
        .await?;
    if let Some(prompt) = role_prompt(community.settings.language, g, &agenda, &past) {
        let line = prompt.content.unwrap_or_default();
        reply.content = Some(match reply.content.take() {
            Some(first) => format!("{first}\n{line}"),
            None => line,
        });
    }
    Ok(())
}

/// A living card older than this is far up the channel: the next reminder becomes the card.
pub const CARD_STAYS_NEAR_DAYS: i64 = 3;

/// Which card a stub is for and what it links to.
pub fn stub_of(post: &DuePost) -> Option<crate::store::Superseded> {
    let parsed = post.body.as_deref().map(serde_json::from_str);
    match parsed {
        Some(Ok(stub)) => Some(stub),
        _ => {
            tracing::error!(post = post.id, key = %post.key, "card stub without its cards: dropped");
            None
        }
    }
}

/// A change notice's text, fixed when the change was made.
fn stored_notice(post: &DuePost) -> Option<Reply> {
    let Some(body) = post.body.as_deref() else {
        tracing::error!(post = post.id, key = %post.key, "change notice has no stored text: dropped");
        return None;
    };
    match serde_json::from_str::<Notice>(body) {
        Ok(notice) => Some(notice.into_reply()),
        Err(e) => {
            tracing::error!(post = post.id, key = %post.key, error = %e, "stored change notice is corrupt: dropped");
            None
        }
    }
}
