//! Slash commands' answers: a timer started before the command runs defers it after [`BUDGET`] (with
//! the visibility its answer will have, or, for a command that opens a form, a "try again" note), the
//! command's answer then replaces the deferral, and [`finish`] stops the timer and logs the answer.

use super::{edit_of, follow_up_of, log_answered, Answered, Deferral, Found, BUDGET};
use crate::discord::format::{Reply, Visibility};
use crate::discord::{CommandError, Context};
use poise::serenity_prelude as serenity;
use serenity::{CreateInteractionResponse, EditInteractionResponse};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Where a slash command's answer stands, shared by the command and its deferral timer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ack {
    /// Nothing sent yet.
    Pending,
    /// The timer deferred with this visibility; the first answer replaces the "thinking…" message.
    Deferred(Visibility),
    /// The timer told the person the bot was busy (a command that opens a form cannot be deferred).
    Busy,
    /// An answer (or a form) was sent; the deferral timer now does nothing.
    Answered,
}

struct Entry {
    state: Arc<tokio::sync::Mutex<Ack>>,
    timer: tokio::task::JoinHandle<()>,
    started: std::time::Instant,
}

/// The slash commands in flight, by interaction id.
#[derive(Default)]
pub struct InFlight {
    entries: Mutex<HashMap<u64, Entry>>,
}

impl InFlight {
    fn state(&self, id: u64) -> Option<Arc<tokio::sync::Mutex<Ack>>> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.get(&id).map(|e| e.state.clone())
    }

    fn remove(&self, id: u64) -> Option<Entry> {
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries.remove(&id)
    }
}

/// How a slash command is acknowledged if it is slow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlowAnswer {
    /// Deferred with a "thinking…" message of this visibility.
    Defer(Visibility),
    /// The command opens a form, which a deferral would rule out: the person is told to try again.
    OpensForm,
}

/// Starts the deferral timer of a slash command (called before the command runs).
pub fn start(ctx: Context<'_>, slow: SlowAnswer) {
    let poise::Context::Application(app) = ctx else {
        return;
    };
    let id = app.interaction.id.get();
    let state = Arc::new(tokio::sync::Mutex::new(Ack::Pending));
    let timer_state = state.clone();
    let http = ctx.serenity_context().http.clone();
    let interaction = app.interaction.clone();
    let command = ctx.command().qualified_name.clone();
    let lang = crate::discord::error::reader(ctx);
    let timer = tokio::spawn(async move {
        tokio::time::sleep(BUDGET).await;
        let mut ack = timer_state.lock().await;
        if *ack != Ack::Pending {
            return;
        }
        let (response, next) = match slow {
            SlowAnswer::Defer(visibility) => (
                Deferral::Message(visibility).response(),
                Ack::Deferred(visibility),
            ),
            SlowAnswer::OpensForm => {
                let busy = Reply::private(crate::tr!(lang, "error-busy-run-again"));
                (busy.into_private_response(), Ack::Busy)
            }
        };
        match interaction.create_response(&*http, response).await {
            Ok(()) => *ack = next,
            Err(e) => tracing::warn!(error = %e, %command, "could not defer a slow command"),
        }
    });
    let mut entries = ctx
        .data()
        .in_flight
        .entries
        .lock()
        .unwrap_or_else(|p| p.into_inner());
    entries.insert(
        id,
        Entry {
            state,
            timer,
            started: std::time::Instant::now(),
        },
    );
}

/// Sends a slash command's answer (a person's mistake included): directly, or in place of the deferral.
pub async fn send(ctx: Context<'_>, reply: Reply) -> Result<(), CommandError> {
    let poise::Context::Application(app) = ctx else {
        ctx.send(reply.into_poise()).await?;
        return Ok(());
    };
    let Some(state) = ctx.data().in_flight.state(app.interaction.id.get()) else {
        ctx.send(reply.into_poise()).await?;
        return Ok(());
    };
    let mut ack = state.lock().await;
    match *ack {
        Ack::Pending | Ack::Answered => {
            ctx.send(reply.into_poise()).await?;
        }
        Ack::Busy => {
            tracing::warn!(command = %ctx.command().qualified_name, "an answer came after the member was told to retry");
            return Ok(());
        }
        Ack::Deferred(shown) => {
            // poise would answer with a new message: from now on, later messages are follow-ups.
            app.has_sent_initial_response
                .store(true, std::sync::atomic::Ordering::SeqCst);
            let http = ctx.serenity_context();
            if reply.visibility == shown {
                app.interaction.edit_response(http, edit_of(reply)).await?;
            } else {
                app.interaction.delete_response(http).await?;
                app.interaction
                    .create_followup(http, follow_up_of(reply))
                    .await?;
            }
        }
    }
    *ack = Ack::Answered;
    Ok(())
}

/// Opens a form in answer to a slash command, unless the person was already told to try again.
pub async fn open_form(
    ctx: Context<'_>,
    interaction: &serenity::CommandInteraction,
    form: CreateInteractionResponse,
) -> Result<(), CommandError> {
    let state = ctx.data().in_flight.state(interaction.id.get());
    let mut guard = match &state {
        Some(state) => Some(state.lock().await),
        None => None,
    };
    if let Some(ack) = guard.as_deref() {
        if *ack != Ack::Pending {
            return Ok(());
        }
    }
    interaction.create_response(ctx.http(), form).await?;
    if let Some(ack) = guard.as_deref_mut() {
        *ack = Ack::Answered;
    }
    Ok(())
}

/// The commands after which no name is kept for a public page, each as the words of its qualified name.
const CARE_COMMANDS: [&[&str]; 3] = [&["forget-me"], &["privacy"], &["community", "delete"]];

/// Ends a slash command's answer: stops its timer; a deferral that got no answer says it is done.
pub async fn finish(ctx: Context<'_>) {
    let poise::Context::Application(app) = ctx else {
        return;
    };
    let Some(entry) = ctx.data().in_flight.remove(app.interaction.id.get()) else {
        return;
    };
    entry.timer.abort();
    let ack = *entry.state.lock().await;
    let elapsed = entry.started.elapsed();
    crate::metrics::METRICS.answered("command", elapsed);
    let gathering = app.args.iter().find_map(|o| match (o.name, &o.value) {
        ("gathering", serenity::ResolvedValue::String(v)) => v.trim().parse::<i64>().ok(),
        _ => None,
    });
    let found = ctx.invocation_data::<Found>().await.map(|f| *f);
    log_answered(
        ctx.data(),
        Answered {
            kind: "command",
            what: ctx.command().qualified_name.to_string(),
            guild: ctx.guild_id().map(|g| g.get()),
            channel: ctx.channel_id().get(),
            gathering,
            deferred: matches!(ack, Ack::Deferred(_)),
            elapsed,
            // Data care keeps no name: it would undo what it was asked.
            member: app
                .interaction
                .member
                .as_deref()
                .filter(|_| {
                    !CARE_COMMANDS.iter().any(|c| {
                        ctx.command()
                            .qualified_name
                            .split(' ')
                            .eq(c.iter().copied())
                    })
                })
                .map(super::member_name),
            found,
        },
    );
    if let Ack::Deferred(visibility) = ack {
        // A public "thinking…" is seen by the channel: it closes in the community's language.
        let mut lang = crate::discord::error::reader(ctx);
        if visibility == Visibility::Public {
            let channel = crate::domain::ids::ChannelRef(ctx.channel_id().get());
            if let Ok(Some(community)) = ctx.data().store.community_in_channel(channel).await {
                lang = community.settings.language;
            }
        }
        let done = EditInteractionResponse::new().content(crate::tr!(lang, "context-done"));
        if let Err(e) = app
            .interaction
            .edit_response(ctx.serenity_context(), done)
            .await
        {
            tracing::warn!(error = %e, "could not close a deferred answer");
        }
    }
}
