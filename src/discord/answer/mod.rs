//! One answer path for every interaction: slash commands, button clicks, forms and autocomplete.
//!
//! Discord fails an interaction that is not acknowledged within 3 seconds, whatever the database is doing.
//! Work that answers within [`BUDGET`] is answered directly (one request); work that takes longer is
//! acknowledged with a deferral first (a "thinking…" state for commands and forms, a silent
//! acknowledgement for clicks) and its answer then replaces it. A person's mistake is answered privately;
//! anything else is logged once with a reference (and its cause chain) that the person also sees; a panic
//! is an internal error like any other.

mod command;

pub use command::{finish, open_form, send, start, InFlight, SlowAnswer};

use crate::discord::error::{internal_message, new_error_ref};
use crate::discord::format::{Reply, Visibility};
use crate::discord::CommandError;
use crate::i18n::Lang;
use futures_util::FutureExt;
use poise::serenity_prelude as serenity;
use serenity::{
    CreateInteractionResponse, CreateInteractionResponseFollowup, CreateInteractionResponseMessage,
    EditInteractionResponse, Http,
};
use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::Duration;

/// The community an interaction's work found (its channel's), for the interaction's log line and the
/// public page's names: noted where the work looks the community up, so the log needs no lookup of its
/// own after the answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    community: crate::domain::ids::CommunityId,
    keeps_names: bool,
}

impl Found {
    fn of(community: &crate::domain::community::Community) -> Found {
        Found {
            community: community.id,
            keeps_names: community.settings.public_names,
        }
    }
}

tokio::task_local! {
    /// What the click or form being answered found (see [`found`]).
    static FOUND: std::cell::Cell<Option<Found>>;
}

/// Notes the community a click or form works in (outside one, does nothing).
pub fn found(community: &crate::domain::community::Community) {
    let _ = FOUND.try_with(|f| f.set(Some(Found::of(community))));
}

/// Notes the community a slash command works in.
pub async fn found_by_command(
    ctx: crate::discord::Context<'_>,
    community: &crate::domain::community::Community,
) {
    ctx.set_invocation_data(Found::of(community)).await;
}

/// How long an interaction may work before it is acknowledged with a deferral: well inside Discord's 3 s,
/// leaving time for the deferral itself to reach Discord on a slow network.
pub const BUDGET: Duration = Duration::from_millis(1500);

/// What a click or a form does when it succeeds.
#[derive(Debug)]
pub enum Outcome {
    /// The message the button was on changes in place.
    Update(Reply),
    /// The message changes in place, and the clicker is asked something privately after it (e.g. a
    /// role holder who answered *Can't go*: free the role?).
    UpdateAndAsk(Reply, Box<Reply>),
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
pub fn internal(what: &str, error: &(dyn std::error::Error + 'static), lang: Lang) -> String {
    let error_ref = new_error_ref();
    let mut chain = Vec::new();
    let mut cause = error.source();
    while let Some(c) = cause {
        chain.push(c.to_string());
        cause = c.source();
    }
    tracing::error!(error_ref = %error_ref, interaction = what, error = %error, error.cause_chain = ?chain, "interaction failed");
    internal_message(lang, &error_ref)
}

/// Logs a panic of an interaction's work and returns the text the person sees.
pub fn panicked(what: &str, payload: &(dyn std::any::Any + Send), lang: Lang) -> String {
    let error_ref = new_error_ref();
    let message = payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_owned())
        .or_else(|| payload.downcast_ref::<String>().cloned());
    tracing::error!(error_ref = %error_ref, interaction = what, panic = message.as_deref().unwrap_or("a panic without a message"), "interaction panicked");
    internal_message(lang, &error_ref)
}

/// The private reply for a failed click or form.
pub fn failure_reply(what: &str, error: CommandError, lang: Lang) -> Reply {
    match error {
        CommandError::User(message) => Reply::private(crate::i18n::render(lang, &message)),
        other => Reply::private(internal(what, &other, lang)),
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
    /// The language of the member who clicked or submitted.
    pub fn reader(self) -> Lang {
        crate::i18n::member_lang(match self {
            Target::Click(i) => &i.locale,
            Target::Form(i) => &i.locale,
        })
    }

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

pub(super) fn edit_of(reply: Reply) -> EditInteractionResponse {
    reply
        .into_poise()
        .to_slash_initial_response_edit(EditInteractionResponse::new())
}

pub(super) fn follow_up_of(reply: Reply) -> CreateInteractionResponseFollowup {
    reply
        .into_poise()
        .to_slash_followup_response(CreateInteractionResponseFollowup::new())
}

/// A click on a confirm or choice button (a removal, a reschedule, a zone change): the message it is
/// on becomes what `work` says, answered in time like any click (`what` names it in the logs).
pub async fn update_on_click<F>(
    http: &Http,
    app: &crate::discord::App,
    click: &serenity::ComponentInteraction,
    what: &str,
    work: F,
) where
    F: Future<Output = Result<Reply, CommandError>>,
{
    let work = async { work.await.map(Outcome::Update) };
    interaction(
        http,
        app,
        Target::Click(click),
        Deferral::Silently,
        what,
        work,
    )
    .await
}

/// Runs `work` for a click or form and answers it in time: directly if it is done within [`BUDGET`],
/// else after a deferral. `work` answers a person's mistake itself (as a private [`Outcome::Message`])
/// or returns the error; internal errors and panics are logged with a reference that the person sees.
pub async fn interaction<F>(
    http: &Http,
    app: &crate::discord::App,
    target: Target<'_>,
    deferral: Deferral,
    what: &str,
    work: F,
) where
    F: Future<Output = Result<Outcome, CommandError>>,
{
    let started = std::time::Instant::now();
    let work = FOUND.scope(std::cell::Cell::new(None), async move {
        let done = AssertUnwindSafe(work).catch_unwind().await;
        (done, FOUND.with(std::cell::Cell::get))
    });
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
    let (done, found) = done;
    let outcome = match done {
        Ok(Ok(outcome)) => outcome,
        Ok(Err(error)) => Outcome::Message(failure_reply(what, error, target.reader())),
        Err(payload) => Outcome::Message(Reply::private(panicked(
            what,
            payload.as_ref(),
            target.reader(),
        ))),
    };
    let (kind, channel, guild, custom_id, member) = match target {
        Target::Click(c) => (
            "click",
            c.channel_id,
            c.guild_id,
            c.data.custom_id.as_str(),
            c.member.as_ref(),
        ),
        Target::Form(f) => (
            "form",
            f.channel_id,
            f.guild_id,
            f.data.custom_id.as_str(),
            f.member.as_ref(),
        ),
    };
    // Data care (forget me, delete the community) keeps no name: it would undo what it was asked.
    let member = member
        .filter(|_| crate::discord::community::privacy::CareButton::parse(custom_id).is_none())
        .map(member_name);
    let gathering =
        crate::discord::custom_id::ButtonAction::parse(custom_id).map(|a| a.gathering().0);
    let was_deferred = deferred.is_some();
    let (outcome, ask) = match outcome {
        Outcome::UpdateAndAsk(update, ask) => (Outcome::Update(update), Some(*ask)),
        other => (other, None),
    };
    if let Err(e) = deliver(http, target, deferred, outcome).await {
        tracing::warn!(error = %e, interaction = what, "could not answer an interaction");
    }
    if let Some(ask) = ask {
        if let Err(e) = target.follow_up(http, follow_up_of(ask)).await {
            tracing::warn!(error = %e, interaction = what, "could not ask the follow-up question");
        }
    }
    let elapsed = started.elapsed();
    crate::metrics::METRICS.answered(kind, elapsed);
    log_answered(
        app,
        Answered {
            kind,
            what: what.to_owned(),
            guild: guild.map(|g| g.get()),
            channel: channel.get(),
            gathering,
            deferred: was_deferred,
            elapsed,
            member,
            found,
        },
    );
}

/// A member's id and the name the server shows for them (nickname, else display name).
pub(super) fn member_name(member: &serenity::Member) -> (u64, String) {
    (member.user.id.get(), member.display_name().to_owned())
}

/// One answered interaction, for its log line.
pub(super) struct Answered {
    pub(super) kind: &'static str,
    pub(super) what: String,
    pub(super) guild: Option<u64>,
    pub(super) channel: u64,
    pub(super) gathering: Option<i64>,
    pub(super) deferred: bool,
    pub(super) elapsed: std::time::Duration,
    /// Who acted, and the name the server shows for them.
    pub(super) member: Option<(u64, String)>,
    /// The community the work found, if it looked one up.
    pub(super) found: Option<Found>,
}

/// Logs `answered` once, with the community its work found (an interaction that looked none up, such
/// as `/help`, is about none), after the answer is sent. A community that shows names on its public page
/// keeps the member's name (the store checks the setting again as it writes).
pub(super) fn log_answered(app: &crate::discord::App, answered: Answered) {
    let community = answered.found.map(|f| f.community.0);
    if let (Some(found), Some((member, name))) = (answered.found, &answered.member) {
        if found.keeps_names {
            let store = app.store.clone();
            let now = app.clock.now();
            let member = crate::domain::ids::MemberRef(*member);
            let name = name.clone();
            tokio::spawn(async move {
                if let Err(e) = store
                    .remember_name(found.community, member, &name, now)
                    .await
                {
                    tracing::warn!(error = %e, "could not keep a member's name for the public page");
                }
            });
        }
    }
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
}

async fn deliver(
    http: &Http,
    target: Target<'_>,
    deferred: Option<Deferral>,
    outcome: Outcome,
) -> serenity::Result<()> {
    let outcome = match outcome {
        Outcome::UpdateAndAsk(update, _) => Outcome::Update(update),
        other => other,
    };
    match (deferred, outcome) {
        (_, Outcome::UpdateAndAsk(..)) => Ok(()),
        (None, Outcome::Form(form)) => target.respond(http, form).await,
        (Some(_), Outcome::Form(_)) => {
            let again = Reply::private(crate::tr!(target.reader(), "error-busy-click-again"));
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
