//! `/help`: what Steward does and its commands, in one ephemeral embed built from the registered
//! commands so it never goes stale. Context-menu commands are listed by the name people see in the menu
//! (right-click → Apps), never as a slash command: they have none.

use crate::discord::format::{Card, Reply, Visibility};
use crate::discord::{App, CommandError, Context};

type Command = poise::Command<App, CommandError>;

/// One line per leaf command: `/community setup` — description; and for a context-menu command,
/// message menu **Archive as practice note** (right-click a message → Apps) — description.
pub fn command_lines(commands: &[Command]) -> Vec<String> {
    let mut lines = Vec::new();
    for command in commands {
        collect(command, &mut lines);
    }
    lines
}

/// What a context-menu command acts on: the heading of its help field and the thing right-clicked.
fn menu_kind(command: &Command) -> Option<(&'static str, &'static str)> {
    match command.context_menu_action {
        Some(poise::ContextMenuCommandAction::Message(_)) => Some(("Message menu", "message")),
        Some(poise::ContextMenuCommandAction::User(_)) => Some(("Member menu", "member")),
        _ => None,
    }
}

/// Whether the command can only be used from a context menu.
fn is_menu_only(command: &Command) -> bool {
    command.context_menu_action.is_some() && command.slash_action.is_none()
}

fn collect(command: &Command, lines: &mut Vec<String>) {
    let about = command.description.as_deref().unwrap_or("");
    if let Some((_, target)) = menu_kind(command) {
        let menu = command
            .context_menu_name
            .as_deref()
            .unwrap_or(&command.name);
        lines.push(format!(
            "{target} menu **{menu}** (right-click a {target} → Apps) — {about}"
        ));
    }
    if is_menu_only(command) {
        return;
    }
    if command.subcommands.is_empty() {
        lines.push(format!("`/{}` — {about}", command.qualified_name));
    } else {
        for sub in &command.subcommands {
            collect(sub, lines);
        }
    }
}

/// The heading of a top-level command's field: `/community`, or `Message menu` for a context-menu one.
fn heading(command: &Command) -> String {
    match menu_kind(command) {
        Some((heading, _)) if is_menu_only(command) => heading.to_owned(),
        _ => format!("/{}", command.name),
    }
}

/// The help card: one field per top-level command (an embed field holds at most 1,024 characters).
pub fn help_reply(commands: &[Command]) -> Reply {
    let mut card = Card::new(
        "Steward — the coordinator's helper for communities of practice",
        "Steward keeps your community's rhythm of gatherings in its own time zone, gets agenda roles \
         claimed, reminds people exactly once, tracks who comes, and archives what you learn. Each \
         community lives in one channel: set it up there, then use the commands in that channel.",
    );
    for command in commands {
        let lines = command_lines(std::slice::from_ref(command));
        card = card.field(heading(command), lines.join("\n"), false);
    }
    let card =
        card.footer("Organizer commands need Manage Server or the community's organizer role.");
    Reply::card(Visibility::Private, card)
}

/// What Steward does and its commands.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), CommandError> {
    let reply = help_reply(&ctx.framework().options().commands);
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}
