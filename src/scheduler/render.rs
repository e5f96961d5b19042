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
use crate::domain::posts::PostKind;
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

/// The message for a due post, or `None` when there is nothing to say.
pub async fn render(
    store: &Store,
    community: &Community,
    post: &DuePost,
    gathering: Option<&Gathering>,
    now: DateTime<Utc>,
) -> Result<Option<Rendered>, StoreError> {
    if post.kind == PostKind::AgendaCard {
        return Ok(match store.upcoming(community.id, now, 1).await?.first() {
            Some(next) => {
                let agenda = store.agenda(next.id, &community.template).await?;
                Some(Rendered {
                    reply: agenda_card(community, next, &agenda),
                    card_of: Some(next.id),
                })
            }
            None => None,
        });
    }
    if let (PostKind::Reminder, Some(g)) = (post.kind, gathering) {
        return reminder_of(store, community, g, now).await;
    }
    Ok(say(store, community, post, gathering, now)
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
    now: DateTime<Utc>,
) -> Result<Option<Reply>, StoreError> {
    match post.kind {
        PostKind::Reminder => match gathering {
            Some(g) => {
                let agenda = store.agenda(g.id, &community.template).await?;
                Ok(Some(reminder(community, g, &agenda)))
            }
            None => Ok(None),
        },
        PostKind::AgendaCard => Ok(None),
        PostKind::CardEdit => match gathering {
            Some(g) => {
                let agenda = store.agenda(g.id, &community.template).await?;
                Ok(Some(agenda_card(community, g, &agenda)))
            }
            None => Ok(None),
        },
        PostKind::CardStub => {
            Ok(stub_of(post).map(|s| superseded(community.guild.0, s.by_channel, s.by_message)))
        }
        PostKind::ChangeNotice => Ok(stored_notice(post)),
        PostKind::DmReminder => Ok(gathering
            .filter(|g| g.status.is_on())
            .map(|g| dm_reminder(community, g))),
        PostKind::Harvest => match gathering {
            Some(g) if g.status.is_on() => {
                let here = store.attendees(g.id).await?;
                Ok(Some(harvest_prompt(g, &here)))
            }
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
            let Some(g) = target else {
                return Ok(None);
            };
            let agenda = store.agenda(g.id, &community.template).await?;
            if agenda.open().next().is_none() {
                return Ok(None);
            }
            let past = store
                .past_agendas(community.id, now, ROTATION_GATHERINGS)
                .await?;
            Ok(role_prompt(&g, &agenda, &past))
        }
    }
}

/// A reminder links to the gathering's living card when it is recent; otherwise the reminder is the
/// agenda card and becomes the living one (a card far up the channel is not worth a link).
async fn reminder_of(
    store: &Store,
    community: &Community,
    g: &Gathering,
    now: DateTime<Utc>,
) -> Result<Option<Rendered>, StoreError> {
    let agenda = store.agenda(g.id, &community.template).await?;
    let recent = match store.living_card_posted(community.id, g.id).await? {
        Some(at) if now - at < chrono::Duration::days(CARD_STAYS_NEAR_DAYS) => {
            store.living_card(community.id, g.id).await?
        }
        _ => None,
    };
    Ok(Some(match recent {
        Some(card) => {
            let url = format!(
                "https://discord.com/channels/{}/{}/{}",
                community.guild.0, card.channel.0, card.message
            );
            Rendered {
                reply: short_reminder(community, g, &agenda, &url),
                card_of: None,
            }
        }
        None => Rendered {
            reply: reminder(community, g, &agenda),
            card_of: Some(g.id),
        },
    }))
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
