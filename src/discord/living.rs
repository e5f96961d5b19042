//! Keeping each gathering's living card current: after a change to a gathering's agenda, answers,
//! time or status, [`refresh_card`] plans an edit of its card through the posts engine (in the
//! background: the command never waits for it, and one waiting edit serves every change that comes
//! before it runs). A click on the living card itself needs none: Discord updates that card with the
//! click's answer. [`shown`] records a card the bot just showed for the channel as the living one.

use crate::discord::App;
use crate::domain::gathering::GatheringId;
use crate::domain::ids::{ChannelRef, CommunityId};
use crate::store::{CardState, LivingCard};

/// The same after a click whose handler already read the card's state after its change (one read
/// instead of two): nothing to do when the click was on the living card and no edit is on its way.
pub fn refresh_card_after_click(
    app: &App,
    community: CommunityId,
    gathering: GatheringId,
    clicked: u64,
    state: CardState,
) {
    let on_the_card = state.living.is_some_and(|card| card.message == clicked);
    if on_the_card && !state.edit_in_flight {
        return;
    }
    plan_edit(app, community, gathering);
}

/// Plans the edit now and wakes the posts engine when one was planned.
async fn plan_now(
    store: &crate::store::Store,
    wake: &tokio::sync::Notify,
    community: CommunityId,
    gathering: GatheringId,
    now: chrono::DateTime<chrono::Utc>,
) {
    match store.plan_card_edit(community, gathering, now).await {
        Ok(true) => wake.notify_one(),
        Ok(false) => {}
        Err(e) => {
            tracing::warn!(error = %e, gathering = %gathering, "could not plan a card edit")
        }
    }
}

/// Plans the edit (in the background).
fn plan_edit(app: &App, community: CommunityId, gathering: GatheringId) {
    let store = app.store.clone();
    let wake = app.posts_wake.clone();
    let now = app.clock.now();
    tokio::spawn(async move {
        plan_now(&store, &wake, community, gathering, now).await;
    });
}

/// Plans an edit of `gathering`'s living card after a change (not when the change came from a click
/// on that very card, `clicked`).
pub fn refresh_card(
    app: &App,
    community: CommunityId,
    gathering: GatheringId,
    clicked: Option<u64>,
) {
    let store = app.store.clone();
    let wake = app.posts_wake.clone();
    let now = app.clock.now();
    tokio::spawn(async move {
        if let Some(clicked) = clicked {
            match store.living_card(community, gathering).await {
                Ok(Some(card)) if card.message == clicked => {
                    // The click showed the change on the card; an edit on its way may have read
                    // the card before the change, and would undo it when it lands: plan one more.
                    match store.card_edit_in_flight(community, gathering).await {
                        Ok(true) => {}
                        Ok(false) => return,
                        Err(e) => {
                            tracing::warn!(error = %e, "could not look for a card edit in flight");
                            return;
                        }
                    }
                }
                Ok(_) => {}
                Err(e) => tracing::warn!(error = %e, "could not read a gathering's living card"),
            }
        }
        plan_now(&store, &wake, community, gathering, now).await;
    });
}

/// `message` in `channel` is the living card of `gathering` from now on (the older one becomes a stub).
pub async fn shown(
    app: &App,
    community: CommunityId,
    gathering: GatheringId,
    channel: ChannelRef,
    message: u64,
) {
    let card = LivingCard { channel, message };
    match app
        .store
        .set_living_card(community, gathering, card, app.clock.now())
        .await
    {
        Ok(Some(_)) => app.posts_wake.notify_one(),
        Ok(None) => {}
        Err(e) => tracing::warn!(error = %e, "could not record a gathering's living card"),
    }
}
