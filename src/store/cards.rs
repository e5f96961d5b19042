//! Living cards: the one message per gathering that shows its agenda now. The store remembers it
//! (channel, message), plans the engine's edits of it after every change (one waiting edit per
//! gathering: changes close together make one edit), and when a newer card of the gathering is
//! posted, plans the older one's stub. Every query names the community.

use super::{to_unix, Lock, Store, StoreError};
use crate::domain::gathering::GatheringId;
use crate::domain::ids::{ChannelRef, CommunityId};
use chrono::{DateTime, Utc};

const CARD: &str = "SELECT card_channel_id, card_message_id FROM gatherings \
     WHERE id = $1 AND community_id = $2";
const SET_CARD: &str = "UPDATE gatherings SET card_channel_id = $3, card_message_id = $4, \
     card_posted_at = $5 WHERE id = $1 AND community_id = $2";
const POSTED_AT: &str =
    "SELECT card_posted_at FROM gatherings WHERE id = $1 AND community_id = $2 \
     AND card_message_id IS NOT NULL";
const FORGET_CARD: &str = "UPDATE gatherings SET card_channel_id = NULL, card_message_id = NULL \
     WHERE id = $1 AND community_id = $2 AND card_message_id = $3";
const PLAN_EDIT: &str = concat!(
    "INSERT INTO posts (community_id, gathering_id, kind, idem_key, planned_at, due_at, created_at) \
     SELECT $1, $2, ",
    sql_kind!(card_edit),
    ", $3, $4, $4, $5 WHERE EXISTS (SELECT 1 FROM gatherings WHERE id = $2 AND community_id = $1 \
     AND card_message_id IS NOT NULL) AND NOT EXISTS (SELECT 1 FROM posts WHERE gathering_id = $2 \
     AND kind = ",
    sql_kind!(card_edit),
    " AND sent_at IS NULL AND dropped_at IS NULL AND claimed_by IS NULL) \
     ON CONFLICT (idem_key) DO NOTHING"
);
const PLAN_STUB: &str = concat!(
    "INSERT INTO posts (community_id, gathering_id, kind, idem_key, planned_at, due_at, created_at, body) \
     VALUES ($1, $2, ",
    sql_kind!(card_stub),
    ", $3, $4, $4, $4, $5) ON CONFLICT (idem_key) DO NOTHING"
);

const EDITS_SINCE: &str = concat!(
    "SELECT COUNT(*) FROM posts WHERE community_id = $1 AND sent_at > $2 AND kind IN ",
    sql_kind!(edits)
);

const IN_FLIGHT: &str = concat!(
    "SELECT id FROM posts WHERE gathering_id = $1 AND community_id = $2 AND kind = ",
    sql_kind!(card_edit),
    " AND sent_at IS NULL AND dropped_at IS NULL AND claimed_by IS NOT NULL LIMIT 1"
);

/// Card edits and stubs done (sent or given up) before this long ago are forgotten: they are not
/// needed for exactly-once (an edit shows the state when it runs) and one is planned per change.
pub const CARD_EDITS_KEPT_DAYS: i64 = 7;
const PRUNE_EDITS: &str = concat!(
    "DELETE FROM posts WHERE kind IN ",
    sql_kind!(edits),
    " AND ((sent_at IS NOT NULL AND sent_at < $1) OR (dropped_at IS NOT NULL AND dropped_at < $1))"
);

/// A key part that no other plan shares: the time in milliseconds and a random number.
fn unique_suffix(now: DateTime<Utc>) -> String {
    let mut random = [0u8; 4];
    // Without randomness the time alone still separates plans a millisecond apart.
    let _ = getrandom::fill(&mut random);
    format!(
        "{}-{:08x}",
        now.timestamp_millis(),
        u32::from_le_bytes(random)
    )
}

/// Where a gathering's living card is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct LivingCard {
    /// Its channel.
    pub channel: ChannelRef,
    /// Its message.
    pub message: u64,
}

/// A gathering's living card as a click finds it: where it is, and whether an edit of it is on its way
/// (an edit that read the agenda before the click's change, and would undo it when it lands).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct CardState {
    /// The living card, if the gathering has one.
    pub living: Option<LivingCard>,
    /// Whether an edit of it is being sent now.
    pub edit_in_flight: bool,
}

/// What a card stub says and where: the old card, and the newer card it links to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Superseded {
    /// The old card's channel.
    pub channel: u64,
    /// The old card.
    pub message: u64,
    /// The newer card's channel.
    pub by_channel: u64,
    /// The newer card.
    pub by_message: u64,
}

impl Store {
    /// The gathering's living card, if it has one.
    pub async fn living_card(
        &self,
        community: CommunityId,
        gathering: GatheringId,
    ) -> Result<Option<LivingCard>, StoreError> {
        let row: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(CARD)
            .bind(gathering.0)
            .bind(community.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(match row {
            Some((Some(channel), Some(message))) => Some(LivingCard {
                channel: ChannelRef::from_db(channel),
                message: message as u64,
            }),
            _ => None,
        })
    }

    /// When the gathering's living card was posted (none without a card).
    pub async fn living_card_posted(
        &self,
        community: CommunityId,
        gathering: GatheringId,
    ) -> Result<Option<DateTime<Utc>>, StoreError> {
        let at: Option<Option<i64>> = sqlx::query_scalar(POSTED_AT)
            .bind(gathering.0)
            .bind(community.0)
            .fetch_optional(self.pool())
            .await?;
        at.flatten().map(super::from_unix).transpose()
    }

    /// `card` is the gathering's living card from now on; an older one (another message) gets a stub
    /// that links to it, planned in the same transaction. Returns the older card.
    pub async fn set_living_card(
        &self,
        community: CommunityId,
        gathering: GatheringId,
        card: LivingCard,
        now: DateTime<Utc>,
    ) -> Result<Option<LivingCard>, StoreError> {
        let mut tx = self.begin_write().await?;
        self.serialise(&mut tx, Lock::Card, gathering.0).await?;
        let row: Option<(Option<i64>, Option<i64>)> = sqlx::query_as(CARD)
            .bind(gathering.0)
            .bind(community.0)
            .fetch_optional(&mut *tx)
            .await?;
        let older = match row {
            Some((Some(channel), Some(message))) if message as u64 != card.message => {
                Some(LivingCard {
                    channel: ChannelRef::from_db(channel),
                    message: message as u64,
                })
            }
            _ => None,
        };
        sqlx::query(SET_CARD)
            .bind(gathering.0)
            .bind(community.0)
            .bind(card.channel.to_db())
            .bind(card.message as i64)
            .bind(to_unix(now))
            .execute(&mut *tx)
            .await?;
        if let Some(old) = older {
            let stub = Superseded {
                channel: old.channel.0,
                message: old.message,
                by_channel: card.channel.0,
                by_message: card.message,
            };
            let body = serde_json::to_string(&stub)
                .map_err(|e| StoreError::Corrupt(format!("card stub: {e}")))?;
            sqlx::query(PLAN_STUB)
                .bind(community.0)
                .bind(gathering.0)
                .bind(format!("card-stub:{}", old.message))
                .bind(to_unix(now))
                .bind(body)
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(older)
    }

    /// Plans the stub of `old` (linking to the gathering's living card) again: an edit of `old` that
    /// was on its way when a newer card was posted may have brought its buttons back.
    pub async fn restub(
        &self,
        community: CommunityId,
        gathering: GatheringId,
        old: LivingCard,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        let Some(living) = self.living_card(community, gathering).await? else {
            return Ok(());
        };
        if living.message == old.message {
            return Ok(());
        }
        let stub = Superseded {
            channel: old.channel.0,
            message: old.message,
            by_channel: living.channel.0,
            by_message: living.message,
        };
        let body = serde_json::to_string(&stub)
            .map_err(|e| StoreError::Corrupt(format!("card stub: {e}")))?;
        sqlx::query(PLAN_STUB)
            .bind(community.0)
            .bind(gathering.0)
            .bind(format!("card-stub:{}:{}", old.message, unique_suffix(now)))
            .bind(to_unix(now))
            .bind(body)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// Whether an edit of the gathering's card is being sent right now (claimed, not done): it may
    /// have read the card before a change that a click then showed.
    pub async fn card_edit_in_flight(
        &self,
        community: CommunityId,
        gathering: GatheringId,
    ) -> Result<bool, StoreError> {
        let found: Option<i64> = sqlx::query_scalar(IN_FLIGHT)
            .bind(gathering.0)
            .bind(community.0)
            .fetch_optional(self.pool())
            .await?;
        Ok(found.is_some())
    }

    /// Forgets the gathering's card `message` (it was deleted); a newer card stays.
    pub async fn forget_living_card(
        &self,
        community: CommunityId,
        gathering: GatheringId,
        message: u64,
    ) -> Result<(), StoreError> {
        sqlx::query(FORGET_CARD)
            .bind(gathering.0)
            .bind(community.0)
            .bind(message as i64)
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// How many card edits and stubs of the community went out since `since` (their own hourly cap).
    pub async fn card_edits_since(
        &self,
        community: CommunityId,
        since: DateTime<Utc>,
    ) -> Result<i64, StoreError> {
        Ok(sqlx::query_scalar(EDITS_SINCE)
            .bind(community.0)
            .bind(to_unix(since))
            .fetch_one(self.pool())
            .await?)
    }

    /// Plans an edit of the gathering's living card (if it has one and no edit is already waiting):
    /// true when one was planned. The edit renders the card as it is when it runs.
    pub async fn plan_card_edit(
        &self,
        community: CommunityId,
        gathering: GatheringId,
        now: DateTime<Utc>,
    ) -> Result<bool, StoreError> {
        // Due at once: changes that come while it waits are shown by it (it renders when it runs).
        let due = now;
        let done = sqlx::query(PLAN_EDIT)
            .bind(community.0)
            .bind(gathering.0)
            .bind(format!("card-edit:{}:{}", gathering.0, unique_suffix(now)))
            .bind(to_unix(due))
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Forgets card edits and stubs done more than [`CARD_EDITS_KEPT_DAYS`] ago (run in the
    /// background); returns how many.
    pub async fn prune_card_edits(&self, now: DateTime<Utc>) -> Result<u64, StoreError> {
        let done = sqlx::query(PRUNE_EDITS)
            .bind(to_unix(now - chrono::Duration::days(CARD_EDITS_KEPT_DAYS)))
            .execute(self.pool())
            .await?;
        Ok(done.rows_affected())
    }
}
