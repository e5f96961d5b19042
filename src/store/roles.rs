//! Agenda roles: the community's template, a gathering's frozen role list, and claims (one holder per
//! role per gathering, enforced by a unique index so that simultaneous claims cannot both win).

use super::{from_unix, to_unix, CardState, LivingCard, Lock, Store, StoreError};
use crate::domain::agenda::{Agenda, PastAgenda};
use crate::domain::community::Community;
use crate::domain::gathering::GatheringId;
use crate::domain::ids::{ChannelRef, CommunityId, MemberRef};
use crate::domain::language::Lang;
use crate::domain::roles::Template;
use crate::domain::rsvp::Answer;
use chrono::{DateTime, Utc};

/// A gathering's agenda in one statement: its frozen roles (part 0; none when it is not in community
/// `$2`), its holders in claim order (part 1) and its answers in answer order (part 2).
macro_rules! agenda_parts {
    () => {
        "SELECT CAST(0 AS BIGINT), roles, CAST(NULL AS BIGINT), CAST(0 AS BIGINT), \
         CAST(0 AS BIGINT) FROM gatherings WHERE id = $1 AND community_id = $2 \
         UNION ALL SELECT 1, c.role, c.member_id, c.claimed_at, c.id FROM role_claims c \
         JOIN gatherings g ON g.id = c.gathering_id WHERE c.gathering_id = $1 AND g.community_id = $2 \
         UNION ALL SELECT 2, r.answer, r.member_id, r.answered_at, r.id FROM rsvps r \
         JOIN gatherings g ON g.id = r.gathering_id WHERE r.gathering_id = $1 AND g.community_id = $2"
    };
}
const AGENDA: &str = concat!(agenda_parts!(), " ORDER BY 1, 4, 5");
/// The agenda and, as part 3, the living card (channel, message) and whether an edit of it is being
/// sent: what a click needs after its change, in one round trip.
const AGENDA_AND_CARD: &str = concat!(
    agenda_parts!(),
    " UNION ALL SELECT 3, NULL, card_channel_id, card_message_id, CAST(CASE WHEN EXISTS \
     (SELECT 1 FROM posts WHERE gathering_id = $1 AND community_id = $2 AND kind = ",
    sql_kind!(card_edit),
    " AND sent_at IS NULL AND dropped_at IS NULL AND claimed_by IS NOT NULL) THEN 1 ELSE 0 END \
     AS BIGINT) FROM gatherings WHERE id = $1 AND community_id = $2 ORDER BY 1, 4, 5"
);
const SAVE_TEMPLATE: &str = "UPDATE communities SET role_template = $2 WHERE id = $1";
/// Upcoming gatherings of the community on which no role is claimed take the template again.
const UNFREEZE_UNCLAIMED: &str = concat!(
    "UPDATE gatherings SET roles = NULL WHERE community_id = $1 AND end_at > $2 AND status IN ",
    sql_status!(on),
    " AND roles IS NOT NULL AND own_agenda = 0 AND NOT EXISTS \
     (SELECT 1 FROM role_claims c WHERE c.gathering_id = gatherings.id)"
);
/// Upcoming gatherings of the community, whether a role is claimed on them, soonest first.
const UPCOMING_CLAIMED: &str = concat!(
    "SELECT g.id, g.start_at, CASE WHEN g.own_agenda <> 0 OR EXISTS (SELECT 1 FROM role_claims c \
     WHERE c.gathering_id = g.id) THEN 1 ELSE 0 END FROM gatherings g WHERE g.community_id = $1 AND g.end_at > $2 AND g.status IN ",
    sql_status!(on),
    " ORDER BY g.start_at, g.id"
);
/// One gathering's own agenda, if it is still the one the organizer saw (`$4`).
const SET_OWN_AGENDA: &str = "UPDATE gatherings SET roles = $2, own_agenda = 1 \
     WHERE id = $1 AND community_id = $3 AND roles = $4";
const DROP_CLAIM: &str =
    "DELETE FROM role_claims WHERE gathering_id = $1 AND role = $2 RETURNING member_id";
/// Freezes from the template stored when the statement runs, not from the one the caller read: a
/// template edit that commits in between (and unfreezes) is never undone by a stale copy.
const FREEZE: &str = "UPDATE gatherings SET roles = (SELECT COALESCE(c.role_template, \
     CASE WHEN c.language = 'fr' THEN $3 ELSE $2 END) \
     FROM communities c WHERE c.id = gatherings.community_id) WHERE id = $1 AND roles IS NULL";
const FROZEN: &str = "SELECT roles FROM gatherings WHERE id = $1";
pub(super) const CLAIMS: &str =
    "SELECT role, member_id FROM role_claims WHERE gathering_id = $1 ORDER BY claimed_at, id";
const CLAIM: &str = "INSERT INTO role_claims (gathering_id, role, member_id, claimed_at) \
     SELECT $1, $2, $3, $4 WHERE $5 = 0 OR NOT EXISTS \
     (SELECT 1 FROM role_claims WHERE gathering_id = $1 AND member_id = $3) \
     ON CONFLICT (gathering_id, role) DO NOTHING RETURNING id";
const HOLDER: &str = "SELECT member_id FROM role_claims WHERE gathering_id = $1 AND role = $2";
const RELEASE: &str =
    "DELETE FROM role_claims WHERE gathering_id = $1 AND role = $2 RETURNING member_id";
const RELEASE_OWN: &str =
    "DELETE FROM role_claims WHERE gathering_id = $1 AND role = $2 AND member_id = $3 RETURNING member_id";
const RELEASE_ALL: &str =
    "DELETE FROM role_claims WHERE gathering_id = $1 RETURNING role, member_id";
const ASSIGN: &str =
    "INSERT INTO role_claims (gathering_id, role, member_id, assigned_by, claimed_at) \
     VALUES ($1, $2, $3, $4, $5) ON CONFLICT (gathering_id, role) \
     DO UPDATE SET member_id = $3, assigned_by = $4, claimed_at = $5";
const PAST_WITH_CLAIMS: &str = concat!(
    "SELECT g.id, g.start_at, c.role, c.member_id FROM gatherings g \
     JOIN role_claims c ON c.gathering_id = g.id \
     WHERE g.id IN (SELECT id FROM gatherings WHERE community_id = $1 AND end_at <= $2 \
     AND status IN ",
    sql_status!(on),
    " ORDER BY start_at DESC LIMIT $3) ORDER BY g.start_at DESC"
);
const PAST: &str = concat!(
    "SELECT id, start_at FROM gatherings WHERE community_id = $1 AND end_at <= $2 \
     AND status IN ",
    sql_status!(on),
    " ORDER BY start_at DESC LIMIT $3"
);

/// What a claim did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ClaimOutcome {
    /// The member holds the role now.
    Claimed,
    /// Someone already holds it (possibly the member themself).
    HeldBy(MemberRef),
    /// The community allows one role per member, and this member holds another one.
    HoldsAnother(String),
    /// The role changed hands while we looked; trying again will tell.
    Changed,
}

/// Which upcoming gatherings a template edit reached (no role claimed yet) and which kept their
/// agenda (a role is claimed), soonest first.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TemplateReach {
    /// The gatherings that take the new template, with their start.
    pub reached: Vec<(GatheringId, DateTime<Utc>)>,
    /// The gatherings that keep their agenda, with their start.
    pub kept: Vec<(GatheringId, DateTime<Utc>)>,
}

impl Store {
    /// Saves a community's role template and applies it to every upcoming gathering on which no role
    /// is claimed yet (in one transaction); says which gatherings it reached and which kept theirs.
    pub async fn apply_template(
        &self,
        community: CommunityId,
        template: &Template,
        now: DateTime<Utc>,
    ) -> Result<TemplateReach, StoreError> {
        let mut tx = self.begin_write().await?;
        sqlx::query(SAVE_TEMPLATE)
            .bind(community.0)
            .bind(template.to_stored())
            .execute(&mut *tx)
            .await?;
        sqlx::query(UNFREEZE_UNCLAIMED)
            .bind(community.0)
            .bind(to_unix(now))
            .execute(&mut *tx)
            .await?;
        let rows: Vec<(i64, i64, i64)> = sqlx::query_as(UPCOMING_CLAIMED)
            .bind(community.0)
            .bind(to_unix(now))
            .fetch_all(&mut *tx)
            .await?;
        tx.commit().await?;
        let mut reach = TemplateReach::default();
        for (id, start, claimed) in rows {
            let entry = (GatheringId(id), from_unix(start)?);
            if claimed != 0 {
                reach.kept.push(entry);
            } else {
                reach.reached.push(entry);
            }
        }
        Ok(reach)
    }

    /// Sets the agenda of one gathering of `community` to `roles` (template edits then leave it as it
    /// is), if it is still `seen`; the holder of `removed`, if any, loses it, in the same transaction.
    /// `Ok(None)` if the agenda changed meanwhile (nothing is written); else the member freed.
    pub async fn set_own_agenda(
        &self,
        community: CommunityId,
        gathering: GatheringId,
        seen: &Template,
        roles: &Template,
        removed: Option<&str>,
    ) -> Result<Option<Option<MemberRef>>, StoreError> {
        let mut tx = self.begin_write().await?;
        let done = sqlx::query(SET_OWN_AGENDA)
            .bind(gathering.0)
            .bind(roles.to_stored())
            .bind(community.0)
            .bind(seen.to_stored())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        if done != 1 {
            tx.rollback().await?;
            return Ok(None);
        }
        let mut freed = None;
        if let Some(role) = removed {
            let member: Option<i64> = sqlx::query_scalar(DROP_CLAIM)
                .bind(gathering.0)
                .bind(role.to_owned())
                .fetch_optional(&mut *tx)
                .await?;
            freed = member.map(MemberRef::from_db);
        }
        tx.commit().await?;
        Ok(Some(freed))
    }

    /// Saves a community's role template (affects gatherings whose roles are not frozen yet).
    pub async fn save_template(
        &self,
        community: CommunityId,
        template: &Template,
    ) -> Result<(), StoreError> {
        sqlx::query(SAVE_TEMPLATE)
            .bind(community.0)
            .bind(template.to_stored())
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The gathering's roles, frozen the first time they are needed from the community's stored
    /// template (`template` is what the caller read; it only fills in if the gathering is gone).
    pub async fn agenda_roles(
        &self,
        gathering: GatheringId,
        template: &Template,
    ) -> Result<Template, StoreError> {
        // Read first: once frozen (the common case) no write, and so no write lock, is needed.
        let frozen: Option<String> = sqlx::query_scalar(FROZEN)
            .bind(gathering.0)
            .fetch_one(self.pool())
            .await?;
        if let Some(roles) = frozen {
            return Ok(Template::from_stored(&roles));
        }
        sqlx::query(FREEZE)
            .bind(gathering.0)
            .bind(Template::default_in(Lang::En).to_stored())
            .bind(Template::default_in(Lang::Fr).to_stored())
            .execute(self.pool())
            .await?;
        // Another process may have frozen it first: what is stored wins.
        let frozen: Option<String> = sqlx::query_scalar(FROZEN)
            .bind(gathering.0)
            .fetch_one(self.pool())
            .await?;
        Ok(frozen.map_or_else(|| template.clone(), |t| Template::from_stored(&t)))
    }

    /// What the gathering's card shows: its roles (frozen from `template` the first time) with their
    /// holders, and the members' answers.
    pub async fn agenda(
        &self,
        community: &Community,
        gathering: GatheringId,
    ) -> Result<Agenda, StoreError> {
        let (agenda, _) = self.agenda_rows(AGENDA, community, gathering).await?;
        Ok(agenda)
    }

    /// The agenda and the state of the gathering's living card, in one round trip: what a click reads
    /// after its change, to answer with the card and to know whether the living card needs an edit.
    pub async fn agenda_and_card(
        &self,
        community: &Community,
        gathering: GatheringId,
    ) -> Result<(Agenda, CardState), StoreError> {
        let (agenda, card) = self
            .agenda_rows(AGENDA_AND_CARD, community, gathering)
            .await?;
        Ok((agenda, card.unwrap_or_default()))
    }

    async fn agenda_rows(
        &self,
        sql: &'static str,
        community: &Community,
        gathering: GatheringId,
    ) -> Result<(Agenda, Option<CardState>), StoreError> {
        // One round trip in the common case (a click re-renders the card with it).
        type Row = (i64, Option<String>, Option<i64>, Option<i64>, i64);
        let rows: Vec<Row> = sqlx::query_as(sql)
            .bind(gathering.0)
            .bind(community.id.0)
            .fetch_all(self.pool())
            .await?;
        let mut frozen = None;
        let mut found = false;
        let mut holders = Vec::new();
        let mut answers = Vec::new();
        let mut card = None;
        for (part, text, member, at, seq) in rows {
            match (part, text, member) {
                (0, roles, _) => {
                    found = true;
                    frozen = roles;
                }
                (1, Some(role), Some(m)) => holders.push((role, MemberRef::from_db(m))),
                (2, Some(answer), Some(m)) => {
                    if let Some(answer) = Answer::parse(&answer) {
                        answers.push((MemberRef::from_db(m), answer));
                    }
                }
                (3, _, channel) => {
                    card = Some(CardState {
                        living: channel.zip(at).map(|(channel, message)| LivingCard {
                            channel: ChannelRef::from_db(channel),
                            message: message as u64,
                        }),
                        edit_in_flight: seq != 0,
                    })
                }
                _ => {}
            }
        }
        if !found {
            return Err(StoreError::Corrupt(format!(
                "gathering {gathering} is not in community {}",
                community.id
            )));
        }
        let roles = match frozen {
            Some(roles) => Template::from_stored(&roles),
            // Not frozen yet (no card or claim so far): freeze it from the template now.
            None => self.agenda_roles(gathering, &community.template).await?,
        };
        Ok((Agenda::new(&roles, &holders, answers), card))
    }

    /// Who holds which role of a gathering, in claim order.
    pub async fn holders(
        &self,
        gathering: GatheringId,
    ) -> Result<Vec<(String, MemberRef)>, StoreError> {
        self.role_holder_rows(CLAIMS, gathering).await
    }

    async fn role_holder_rows(
        &self,
        sql: &'static str,
        gathering: GatheringId,
    ) -> Result<Vec<(String, MemberRef)>, StoreError> {
        let rows: Vec<(String, i64)> = sqlx::query_as(sql)
            .bind(gathering.0)
            .fetch_all(self.pool())
            .await?;
        Ok(rows
            .into_iter()
            .map(|(r, m)| (r, MemberRef::from_db(m)))
            .collect())
    }

    /// Claims `role` for `member`; exactly one of any number of simultaneous claims wins.
    pub async fn claim_role(
        &self,
        gathering: GatheringId,
        role: &str,
        member: MemberRef,
        one_role_per_member: bool,
        now: DateTime<Utc>,
    ) -> Result<ClaimOutcome, StoreError> {
        let claim = sqlx::query_scalar(CLAIM)
            .bind(gathering.0)
            .bind(role.to_owned())
            .bind(member.to_db())
            .bind(to_unix(now))
            .bind(i64::from(one_role_per_member));
        // One statement is atomic on its own: the unique index lets one claim of a role win, and
        // SQLite's single writer runs the one-role-per-member check and the insert alone. Only
        // PostgreSQL's READ COMMITTED needs the check serialised (two claims by one member could
        // both pass the `NOT EXISTS`).
        let won: Option<i64> = if one_role_per_member && self.backend() == super::Backend::Postgres
        {
            let mut tx = self.begin_write().await?;
            self.serialise(&mut tx, Lock::Claims, gathering.0).await?;
            let won = claim.fetch_optional(&mut *tx).await?;
            tx.commit().await?;
            won
        } else {
            claim.fetch_optional(self.pool()).await?
        };
        if won.is_some() {
            return Ok(ClaimOutcome::Claimed);
        }
        let holder: Option<i64> = sqlx::query_scalar(HOLDER)
            .bind(gathering.0)
            .bind(role.to_owned())
            .fetch_optional(self.pool())
            .await?;
        if let Some(holder) = holder {
            return Ok(ClaimOutcome::HeldBy(MemberRef::from_db(holder)));
        }
        let other = self
            .holders(gathering)
            .await?
            .into_iter()
            .find(|(_, m)| *m == member)
            .map(|(r, _)| r);
        match other {
            Some(role) => Ok(ClaimOutcome::HoldsAnother(role)),
            None => Ok(ClaimOutcome::Changed),
        }
    }

    /// Gives a role back: only `holder`'s claim when given, anyone's when `None` (organizers).
    pub async fn release_role(
        &self,
        gathering: GatheringId,
        role: &str,
        holder: Option<MemberRef>,
    ) -> Result<Option<MemberRef>, StoreError> {
        let released: Option<i64> = match holder {
            Some(m) => sqlx::query_scalar(RELEASE_OWN)
                .bind(gathering.0)
                .bind(role.to_owned())
                .bind(m.to_db()),
            None => sqlx::query_scalar(RELEASE)
                .bind(gathering.0)
                .bind(role.to_owned()),
        }
        .fetch_optional(self.pool())
        .await?;
        Ok(released.map(MemberRef::from_db))
    }

    /// Frees every role of a gathering (it was cancelled); returns who held what.
    pub async fn release_all_roles(
        &self,
        gathering: GatheringId,
    ) -> Result<Vec<(String, MemberRef)>, StoreError> {
        self.role_holder_rows(RELEASE_ALL, gathering).await
    }

    /// Gives `role` to `member` whoever held it (organizers).
    pub async fn assign_role(
        &self,
        gathering: GatheringId,
        role: &str,
        member: MemberRef,
        by: MemberRef,
        now: DateTime<Utc>,
    ) -> Result<(), StoreError> {
        sqlx::query(ASSIGN)
            .bind(gathering.0)
            .bind(role.to_owned())
            .bind(member.to_db())
            .bind(by.to_db())
            .bind(to_unix(now))
            .execute(self.pool())
            .await?;
        Ok(())
    }

    /// The last `count` gatherings that ended before `now`, newest first, with their holders.
    pub async fn past_agendas(
        &self,
        community: CommunityId,
        now: DateTime<Utc>,
        count: i64,
    ) -> Result<Vec<PastAgenda>, StoreError> {
        let past: Vec<(i64, i64)> = sqlx::query_as(PAST)
            .bind(community.0)
            .bind(to_unix(now))
            .bind(count)
            .fetch_all(self.pool())
            .await?;
        let claims: Vec<(i64, i64, String, i64)> = sqlx::query_as(PAST_WITH_CLAIMS)
            .bind(community.0)
            .bind(to_unix(now))
            .bind(count)
            .fetch_all(self.pool())
            .await?;
        past.into_iter()
            .map(|(id, start)| {
                let holders = claims
                    .iter()
                    .filter(|c| c.0 == id)
                    .map(|c| (c.2.clone(), MemberRef::from_db(c.3)))
                    .collect();
                Ok(PastAgenda {
                    gathering: GatheringId(id),
                    start: from_unix(start)?,
                    holders,
                })
            })
            .collect()
    }
}
