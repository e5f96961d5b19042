//! The permissions the bot asks for when invited, and the invite URL.

use poise::serenity_prelude::Permissions;

/// Exactly what the bot needs: see its channel, post cards and reminders with embeds and attachments
/// (exports), read its own recent posts (to tell, after a lost answer, whether a post already went
/// out), and mirror gatherings as scheduled events. Nothing else (no Mention Everyone, no admin).
pub fn required() -> Permissions {
    Permissions::VIEW_CHANNEL
        | Permissions::SEND_MESSAGES
        | Permissions::READ_MESSAGE_HISTORY
        | Permissions::EMBED_LINKS
        | Permissions::ATTACH_FILES
        | Permissions::MANAGE_EVENTS
}

/// The OAuth2 URL that adds the bot to a server with its slash commands.
pub fn invite_url(application_id: u64) -> String {
    format!(
        "https://discord.com/oauth2/authorize?client_id={application_id}&scope=bot%20applications.commands&permissions={}",
        required().bits()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invite_asks_for_exactly_the_needed_permissions() {
        let url = invite_url(42);
        assert!(url.contains("client_id=42"));
        assert!(url.contains("scope=bot%20applications.commands"));
        // 1024 + 2048 + 16384 + 32768 + 65536 + 8589934592 (view, send, embed, attach, read history,
        // manage events)
        assert!(url.ends_with("permissions=8590052352"), "{url}");
        assert!(!required().contains(Permissions::MENTION_EVERYONE));
        assert!(!required().contains(Permissions::ADMINISTRATOR));
    }
}
