//! One answer path for every interaction: slash commands, button clicks, forms and autocomplete.
//!
//! Discord fails an interaction that is not acknowledged within 3 seconds, whatever the database is doing.
//! Work that answers within [`BUDGET`] is answered directly (one request); work that takes longer is
//! acknowledged with a deferral first (a "thinking…" state for commands and forms, a silent
//! acknowledgement for clicks) and its answer then replaces it. A person's mistake is answered privately;
//! anything else is logged once with a reference (and its cause chain) that the person also sees; a panic
//! is an internal error like any other.

use crate::discord::error::{internal_message, new_error_ref};
use crate::discord::format::{Reply, Visibility};
use crate::discord::{CommandError, Context};
use futures_util::FutureExt;
use poise::serenity_prelude as serenity;
use serenity::{
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    EditInteractionResponse, Http,
};
use std::collections::HashMap;
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

/// How long an interaction may work before it is acknowledged with a deferral: well inside Discord's 3 s,
/// leaving time for the deferral itself to reach Discord on a slow network.
pub const BUDGET: Duration = Duration::from_millis(1500);

/// What a click or a form does when it succeeds.
#[derive(Debug)]
pub enum Outcome {
    /// The message the button was on changes in place.
    Update(Reply),
    /// A new message, private or public as the reply says.
    Message(Reply),
    /// A form to open (only possible as the first answer: if the work was slow, the person is told to
    /// click again).
    Form(CreateInteractionResponse),
}

/// How an interaction is acknowledged when its work takes longer than [`BUDGET`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Deferral {
    /// A click: acknowledged silently; the card is edited (or a follow-up sent) when the work is done.
    Silently,
    /// A "thinking…" message, private or public as the final answer will be.
    Message(Visibility),
}

impl Deferral {
    fn response(self) -> CreateInteractionResponse {
        match self {
            Deferral::Silently => CreateInteractionResponse::Acknowledge,
            Deferral::Message(visibility) => CreateInteractionResponse::Defer(
                CreateInteractionResponseMessage::new()
                    .ephemeral(visibility == Visibility::Private),
            ),
        }
    }
}

/// Logs an internal failure once, with a fresh reference and the error's cause chain, and returns the
/// text the person sees (which carries the same reference).
pub fn internal(what: &str, error: &(dyn std::error::Error + 'static)) -> String {
    let error_ref = new_error_ref();
    let mut chain = Vec::new();
    let mut cause = error.source();
    while let Some(c) = cause {
        chain.push(c.to_string());
        cause = c.source();
    }
    tracing::error!(error_ref = %error_ref, interaction = what, error = %error, error.cause_chain = ?chain, "interaction failed");
    internal_message(&error_ref)
}

/// Logs a panic of an interaction's work and returns the text the person sees.
pub fn panicked(what: &str, payload: &(dyn std::any::Any + Send)) -> String {
    let error_ref = new_error_ref();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "a panic without a message".to_owned());
    tracing::error!(error_ref = %error_ref, interaction = what, panic = %message, "interaction panicked");
    internal_message(&error_ref)
}

/// The private reply for a failed click or form.
pub fn failure_reply(what: &str, error: CommandError) -> Reply {
    match error {
        CommandError::User(text) => Reply::private(text),
        other => Reply::private(internal(what, &other)),
    }
}

/// A click or form: the two interactions answered outside poise.
#[derive(Clone, Copy)]
pub enum Target<'a> {
    /// A button or select menu.
    Click(&'a serenity::ComponentInteraction),
    /// A form (modal) the person filled in and submitted, e.g. the note form.
    Form(&'a serenity::ModalInteraction),
}

impl Target<'_> {
    async fn respond(
        self,
        http: &Http,
        response: CreateInteractionResponse,
    ) -> serenity::Result<()> {
        match self {
            Target::Click(i) => i.create_response(http, response).await,
            Target::Form(i) => i.create_response(http, response).await,
        }
    }

    async fn edit(self, http: &Http, edit: EditInteractionResponse) -> serenity::Result<()> {
        match self {
            Target::Click(i) => i.edit_response(http, edit).await.map(drop),
            Target::Form(i) => i.edit_response(http, edit).await.map(drop),
        }
    }

    async fn follow_up(
        self,
        http: &Http,
        message: CreateInteractionResponseFollowup,
    ) -> serenity::Result<()> {
        match self {
            Target::Click(i) => i.create_followup(http, message).await.map(drop),
            Target::Form(i) => i.create_followup(http, message).await.map(drop),
        }
    }

    async fn delete_original(self, http: &Http) -> serenity::Result<()> {
        match self {
            Target::Click(i) => i.delete_response(http).await,
            Target::Form(i) => i.delete_response(http).await,
        }
    }
}

fn edit_of(reply: Reply) -> EditInteractionResponse {
    reply
        .into_poise()
        .to_slash_initial_response_edit(EditInteractionResponse::new())
}

fn follow_up_of(reply: Reply) -> CreateInteractionResponseFollowup {
    reply
        .into_poise()
        .to_slash_followup_response(CreateInteractionResponseFollowup::new())
}

/// Runs `work` for a click or form and answers it in time: directly if it is done within [`BUDGET`],
/// else after a deferral. `work` answers a person's mistake itself (as a private [`Outcome::Message`])
/// or returns the error; internal errors and panics are logged with a reference that the person sees.
pub async fn interaction<F>(
    http: &Http,
    store: &crate::store::Store,
    target: Target<'_>,
    deferral: Deferral,
    what: &str,
    work: F,
) where
    F: Future<Output = Result<Outcome, CommandError>>,
{
    let started = std::time::Instant::now();
    let work = AssertUnwindSafe(work).catch_unwind();
    let mut work = std::pin::pin!(work);
    let early = tokio::select! {
        biased;
        done = &mut work => Some(done),
        () = tokio::time::sleep(BUDGET) => None,
    };
    let (done, deferred) = match early {
        Some(done) => (done, None),
        None => {
            // The work goes on while the deferral travels (it may hold a database lock).
            let (deferred, done) = tokio::join!(target.respond(http, deferral.response()), work);
            match deferred {
                Ok(()) => (done, Some(deferral)),
                Err(e) => {
                    // Answer directly then: it is the interaction's first answer after all.
                    tracing::warn!(error = %e, interaction = what, "could not defer an interaction");
                    (done, None)
                }
            }
        }
    };
    let outcome = match done {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => Outcome::Message(failure_reply(what, error)),
        Err(payload) => Outcome::Message(Reply::private(panicked(what, payload.as_ref()))),
    };
    let (kind, channel, guild, custom_id) = match target {
        Target::Click(c) => ("click", c.channel_id, c.guild_id, c.data.custom_id.as_str()),
        Target::Form(f) => ("form", f.channel_id, f.guild_id, f.data.custom_id.as_str()),
    };
    let gathering =
        crate::discord::custom_id::ButtonAction::parse(custom_id).map(|a| a.gathering().0);
    let was_deferred = deferred.is_some();
    if let Err(e) = deliver(http, target, deferred, outcome).await {
        tracing::warn!(error = %e, interaction = what, "could not answer an interaction");
    }
    let elapsed = started.elapsed();
    crate::metrics::METRICS.answered(kind, elapsed);
    log_answered(
        store,
        Answered {
            kind,
            what: what.to_owned(),
            guild: guild.map(|g| g.get()),
            channel: channel.get(),
            gathering,
            deferred: was_deferred,
            elapsed,
        },
    );
}

/// One answered interaction, for its log line.
struct Answered {
    kind: &'static str,
    what: String,
    guild: Option<u64>,
    channel: u64,
    gathering: Option<i64>,
    deferred: bool,
    elapsed: std::time::Duration,
}

/// Logs `answered` once, with the community of its channel, looked up after the answer is sent (never
/// on the interaction's way).
fn log_answered(store: &crate::store::Store, answered: Answered) {
    let store = store.clone();
    tokio::spawn(async move {
        let channel = crate::domain::ids::ChannelRef(answered.channel);
        let community = match store.community_in_channel(channel).await {
            Ok(found) => found.map(|c| c.id.0),
            Err(_) => None,
        };
        tracing::info!(
            kind = answered.kind,
            interaction = %answered.what,
            guild = ?answered.guild,
            channel = answered.channel,
            community = ?community,
            gathering = ?answered.gathering,
            deferred = answered.deferred,
            latency_ms = answered.elapsed.as_millis() as u64,
            "interaction answered"
        );
    });
}

async fn deliver(
    http: &Http,
    target: Target<'_>,
    deferred: Option<Deferral>,
    outcome: Outcome,
) -> serenity::Result<()> {
    match (deferred, outcome) {
        (None, Outcome::Form(form)) => target.respond(http, form).await,
        (Some(_), Outcome::Form(_)) => {
            let again = Reply::private(
                "Steward was waiting for its database and could not open the form in time. Nothing was \
                 changed: please click again.",
            );
            target.follow_up(http, follow_up_of(again)).await
        }
        (None, Outcome::Update(reply)) => target.respond(http, reply.into_update()).await,
        (None, Outcome::Message(reply)) => {
            let response = if reply.card.is_none() && reply.visibility == Visibility::Private {
                reply.into_private_response()
            } else {
                reply.into_response()
            };
            target.respond(http, response).await
        }
        (Some(Deferral::Silently), Outcome::Update(reply)) => {
            target.edit(http, edit_of(reply)).await
        }
        (Some(Deferral::Silently), Outcome::Message(reply)) => {
            target.follow_up(http, follow_up_of(reply)).await
        }
        (Some(Deferral::Message(shown)), Outcome::Update(reply) | Outcome::Message(reply)) => {
            if reply.visibility == shown {
                target.edit(http, edit_of(reply)).await
            } else {
                // The "thinking…" message has the wrong visibility (a public form refused privately):
                // take it away and answer in a message of the right kind.
                target.delete_original(http).await?;
                target.follow_up(http, follow_up_of(reply)).await
            }
        }
    }
}

/// Answers an autocomplete request within [`BUDGET`]: the choices, or none if the database is slow.
pub async fn autocomplete<F>(what: &str, work: F) -> serenity::CreateAutocompleteResponse
where
    F: Future<Output = serenity::CreateAutocompleteResponse>,
{
    let started = std::time::Instant::now();
    let answer = tokio::time::timeout(BUDGET, work).await;
    crate::metrics::METRICS.answered("autocomplete", started.elapsed());
    match answer {
        Ok(choices) => choices,
        Err(_) => {
            tracing::warn!(
                autocomplete = what,
                "autocomplete took longer than its budget: answered with no choices"
            );
            serenity::CreateAutocompleteResponse::new()
        }
    }
}

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
                let busy = Reply::private(
                    "Steward is waiting for its database and could not open the form in time. Nothing \
                     was changed: please run the command again in a moment.",
                );
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
    log_answered(
        &ctx.data().store,
        Answered {
            kind: "command",
            what: ctx.command().qualified_name.to_string(),
            guild: ctx.guild_id().map(|g| g.get()),
            channel: ctx.channel_id().get(),
            gathering,
            deferred: matches!(ack, Ack::Deferred(_)),
            elapsed,
        },
    );
    if let Ack::Deferred(_) = ack {
        let done = EditInteractionResponse::new().content("Done.");
        if let Err(e) = app
            .interaction
            .edit_response(ctx.serenity_context(), done)
            .await
        {
            tracing::warn!(error = %e, "could not close a deferred answer");
        }
    }
}
