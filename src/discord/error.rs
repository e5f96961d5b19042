//! One error path for every command: a person's mistake becomes an ephemeral message that says what to
//! do; anything else is logged with a short reference that the person also sees.

use crate::discord::format::Reply;
use crate::discord::{App, Context};
use crate::domain::message::Message;
use crate::domain::note_export::ExportError;
use crate::domain::InputError;
use crate::i18n::Lang;
use crate::store::StoreError;
use poise::serenity_prelude as serenity;
use poise::FrameworkError;
use std::hash::{BuildHasher, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};

/// Why a command did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum CommandError {
    /// The person can fix it; the message says how (rendered in the reader's language).
    #[error("{}", crate::i18n::render(crate::i18n::Lang::En, .0))]
    User(Message),
    /// The database failed; the person sees an internal error with a reference.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// Discord refused or could not be reached.
    #[error(transparent)]
    Discord(Box<poise::serenity_prelude::Error>),
    /// An export could not be written.
    #[error(transparent)]
    Export(ExportError),
    /// Something of ours failed (a task that panicked, data that cannot be written); never the
    /// person's doing.
    #[error("{0}")]
    Internal(String),
}

impl From<ExportError> for CommandError {
    fn from(e: ExportError) -> Self {
        match e {
            // The person can act on it (export in another format, or shorten that note).
            ExportError::NoteTooLarge => CommandError::said(Message::key("error-note-too-large")),
            other => CommandError::Export(other),
        }
    }
}

impl From<poise::serenity_prelude::Error> for CommandError {
    fn from(e: poise::serenity_prelude::Error) -> Self {
        CommandError::Discord(Box::new(e))
    }
}

impl From<InputError> for CommandError {
    fn from(e: InputError) -> Self {
        CommandError::said(e.0)
    }
}

impl CommandError {
    /// A person's mistake, in words already written (the old path: new code says it from the
    /// catalogue with [`CommandError::said`]; a [`Message`] given here is said from the catalogue too).
    pub fn user(message: impl Into<Message>) -> Self {
        CommandError::User(message.into())
    }

    /// A person's mistake, said from the catalogue.
    pub fn said(message: Message) -> Self {
        CommandError::User(message)
    }
}

/// A short reference that ties what a person saw to the log line (e.g. `K7Q2XM`).
pub fn new_error_ref() -> String {
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let mut hasher = std::collections::hash_map::RandomState::new().build_hasher();
    hasher.write_u64(COUNTER.fetch_add(1, Ordering::Relaxed));
    hasher.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_nanos())
            .unwrap_or_default(),
    );
    let mut n = hasher.finish();
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZ23456789";
    (0..6)
        .map(|_| {
            let c = ALPHABET[(n % 32) as usize] as char;
            n /= 32;
            c
        })
        .collect()
}

/// The message shown for an internal failure, in the reader's language.
pub fn internal_message(lang: Lang, error_ref: &str) -> String {
    crate::tr!(lang, "error-internal", reference = error_ref)
}

/// The language of the member who invoked a command: their Discord's, when it is one of ours.
pub fn reader(ctx: Context<'_>) -> Lang {
    ctx.locale()
        .map(crate::i18n::member_lang)
        .unwrap_or_default()
}

/// poise's error hook.
pub async fn on_error(error: FrameworkError<'_, App, CommandError>) {
    match error {
        FrameworkError::Command { error, ctx, .. } => match error {
            CommandError::User(message) => {
                send(
                    ctx,
                    Reply::private(crate::i18n::render(reader(ctx), &message)),
                )
                .await
            }
            internal => report_internal_error(ctx, &internal).await,
        },
        FrameworkError::GuildOnly { ctx, .. } => {
            let text = crate::tr!(reader(ctx), "error-guild-only");
            send(ctx, Reply::private(text)).await
        }
        FrameworkError::ArgumentParse {
            error, input, ctx, ..
        } => {
            // The parser's own reason is the library's words (English): it is passed on as it is.
            let lang = reader(ctx);
            let text = match input {
                Some(input) => crate::tr!(
                    lang,
                    "error-not-understood",
                    input = input.replace('`', "'"),
                    error = error.to_string()
                ),
                None => crate::tr!(
                    lang,
                    "error-option-not-understood",
                    error = error.to_string()
                ),
            };
            send(ctx, Reply::private(text)).await
        }
        FrameworkError::CommandStructureMismatch {
            description, ctx, ..
        } => {
            tracing::warn!(command = %ctx.command().qualified_name, %description, "command shape is stale");
            let ctx = poise::Context::Application(ctx);
            let text = crate::tr!(reader(ctx), "error-command-outdated");
            send(ctx, Reply::private(text)).await
        }
        FrameworkError::CommandPanic { payload, ctx, .. } => {
            let message = payload.unwrap_or_else(|| "panic".into());
            report_internal_error(ctx, &CommandError::Internal(format!("panic: {message}"))).await
        }
        other => {
            if let Err(e) = poise::builtins::on_error(other).await {
                tracing::error!(error = %e, "could not handle a framework error");
            }
        }
    }
}

async fn report_internal_error(ctx: Context<'_>, error: &CommandError) {
    let mut chain = Vec::new();
    let mut cause = std::error::Error::source(error);
    while let Some(c) = cause {
        chain.push(c.to_string());
        cause = c.source();
    }
    report_internal_with_chain(ctx, error, chain).await
}

async fn report_internal_with_chain(
    ctx: Context<'_>,
    error: &(dyn std::fmt::Display + Sync),
    chain: Vec<String>,
) {
    let error_ref = new_error_ref();
    // Worked out before the log call, so that the call reads as one piece of log text (to the
    // catalogue's scan of English sentences too).
    let guild = ctx.guild_id().map(|g| g.get());
    let channel = ctx.channel_id();
    tracing::error!(
        error_ref = %error_ref,
        command = %ctx.command().qualified_name,
        guild = ?guild,
        channel = %channel,
        error = %error,
        error.cause_chain = ?chain,
        "command failed"
    );
    send(
        ctx,
        Reply::private(internal_message(reader(ctx), &error_ref)),
    )
    .await
}

async fn send(ctx: Context<'_>, reply: Reply) {
    let autocomplete = matches!(
        ctx,
        poise::Context::Application(app)
            if app.interaction_type == poise::CommandInteractionType::Autocomplete
    );
    if autocomplete {
        // An autocomplete request takes choices, not a message: answer none.
        if let poise::Context::Application(app) = ctx {
            let none = serenity::CreateInteractionResponse::Autocomplete(
                serenity::CreateAutocompleteResponse::new(),
            );
            if let Err(e) = app.interaction.create_response(ctx.http(), none).await {
                tracing::warn!(error = %e, "could not answer a failed autocomplete");
            }
        }
        return;
    }
    if let Err(e) = crate::discord::answer::send(ctx, reply).await {
        tracing::warn!(error = %e, command = %ctx.command().qualified_name, "could not send the error reply");
    }
    crate::discord::answer::finish(ctx).await;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_refs_are_short_distinct_and_unambiguous() {
        let a = new_error_ref();
        let b = new_error_ref();
        assert_eq!(a.len(), 6);
        assert_ne!(a, b);
        assert!(a
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit()));
        assert!(!a.contains(['O', '0', 'I', '1']));
        assert!(internal_message(Lang::En, &a).contains(&format!("(ref {a})")));
    }
}
