//! `/help`: what Steward does and its commands, in one ephemeral embed built from the registered
//! commands so it never goes stale. Context-menu commands are listed by the name people see in the menu
//! (right-click → Apps), never as a slash command: they have none.

use crate::discord::format::{Card, Reply, Visibility};
use crate::discord::{App, CommandError, Context};
use crate::i18n::Lang;
use crate::tr;

type Command = poise::Command<App, CommandError>;

/// One line per leaf command: `/community setup` — description; and for a context-menu command,
/// message menu **Archive as practice note** (right-click a message → Apps) — description.
pub fn command_lines(lang: Lang, commands: &[Command]) -> Vec<String> {
    let mut lines = Vec::new();
    for command in commands {
        collect(lang, command, &mut lines);
    }
    lines
}

/// What a context-menu command acts on: the heading of its help field and the thing right-clicked.
fn menu_kind(lang: Lang, command: &Command) -> Option<(String, String)> {
    match command.context_menu_action {
        Some(poise::ContextMenuCommandAction::Message(_)) => Some((
            tr!(lang, "help-message-menu"),
            tr!(lang, "help-target-message"),
        )),
        Some(poise::ContextMenuCommandAction::User(_)) => Some((
            tr!(lang, "help-member-menu"),
            tr!(lang, "help-target-member"),
        )),
        _ => None,
    }
}

/// A description in `lang` (the French one Discord would show), else the English.
fn about(lang: Lang, command: &Command) -> String {
    command
        .description_localizations
        .iter()
        .find(|(code, _)| code == lang.code())
        .map(|(_, text)| text.to_string())
        .or_else(|| command.description.as_deref().map(str::to_owned))
        .unwrap_or_default()
}

/// The name people see in a context menu, in `lang`.
fn menu_name(lang: Lang, command: &Command) -> String {
    command
        .name_localizations
        .iter()
        .find(|(code, _)| code == lang.code())
        .map(|(_, text)| text.to_string())
        .or_else(|| command.context_menu_name.as_deref().map(str::to_owned))
        .unwrap_or_else(|| command.name.to_string())
}

/// Whether the command can only be used from a context menu.
fn is_menu_only(command: &Command) -> bool {
    command.context_menu_action.is_some() && command.slash_action.is_none()
}

fn collect(lang: Lang, command: &Command, lines: &mut Vec<String>) {
    let about = about(lang, command);
    if let Some((_, target)) = menu_kind(lang, command) {
        let menu = menu_name(lang, command);
        lines.push(tr!(
            lang,
            "help-menu-line",
            target = target,
            menu = menu,
            about = about
        ));
    }
    if is_menu_only(command) {
        return;
    }
    if command.subcommands.is_empty() {
        lines.push(format!("`/{}` — {about}", command.qualified_name));
    } else {
        for sub in &command.subcommands {
            collect(lang, sub, lines);
        }
    }
}

/// The heading of a top-level command's field: `/community`, or `Message menu` for a context-menu one.
fn heading(lang: Lang, command: &Command) -> String {
    match menu_kind(lang, command) {
        Some((heading, _)) if is_menu_only(command) => heading,
        _ => format!("/{}", command.name),
    }
}

/// The help card: one field per top-level command (an embed field holds at most 1,024 characters).
pub fn help_reply(lang: Lang, commands: &[Command]) -> Reply {
    let mut card = Card::new(tr!(lang, "help-title"), tr!(lang, "help-intro"));
    for command in commands {
        let lines = command_lines(lang, std::slice::from_ref(command));
        card = card.field(heading(lang, command), lines.join("\n"), false);
    }
    let card = card.footer(tr!(lang, "help-footer"));
    Reply::card(Visibility::Private, card)
}

/// What Steward does and its commands.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), CommandError> {
    // The card depends only on the language and the registered commands, which are set at start:
    // built once per language, then sent as it is.
    static BUILT: [std::sync::OnceLock<Reply>; 2] =
        [std::sync::OnceLock::new(), std::sync::OnceLock::new()];
    let lang = crate::discord::error::reader(ctx);
    let built = &BUILT[match lang {
        Lang::En => 0,
        Lang::Fr => 1,
    }];
    let reply = built
        .get_or_init(|| help_reply(lang, &ctx.framework().options().commands))
        .clone();
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}
