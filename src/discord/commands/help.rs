//! `/help`: what Steward does and its commands, in one ephemeral embed built from the registered
//! commands so it never goes stale.

use super::super::reply::{Card, Reply, Visibility};
use super::super::{App, CommandError, Context};

/// One line per leaf command: `/community setup` — description.
pub fn command_lines(commands: &[poise::Command<App, CommandError>]) -> Vec<String> {
    let mut lines = Vec::new();
    for command in commands {
        collect(command, &mut lines);
    }
    lines
}

fn collect(command: &poise::Command<App, CommandError>, lines: &mut Vec<String>) {
    if command.subcommands.is_empty() {
        let about = command.description.as_deref().unwrap_or("");
        lines.push(format!("`/{}` — {about}", command.qualified_name));
    } else {
        for sub in &command.subcommands {
            collect(sub, lines);
        }
    }
}

/// The help card: one field per top-level command (an embed field holds at most 1,024 characters).
pub fn help_reply(commands: &[poise::Command<App, CommandError>]) -> Reply {
    let mut card = Card::new(
        "Steward — the coordinator's helper for communities of practice",
        "Steward keeps your community's rhythm of gatherings in its own time zone, gets agenda roles \
         claimed, reminds people exactly once, tracks who comes, and archives what you learn. Each \
         community lives in one channel: set it up there, then use the commands in that channel.",
    );
    for command in commands {
        let lines = command_lines(std::slice::from_ref(command));
        card = card.field(format!("/{}", command.name), lines.join("\n"), false);
    }
    let card =
        card.footer("Organizer commands need Manage Server or the community's organizer role.");
    Reply::card(Visibility::Private, card)
}

/// What Steward does and its commands.
#[poise::command(slash_command)]
pub async fn help(ctx: Context<'_>) -> Result<(), CommandError> {
    let reply = help_reply(&ctx.framework().options().commands);
    ctx.send(reply.into_poise()).await?;
    Ok(())
}
