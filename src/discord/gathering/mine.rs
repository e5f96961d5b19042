//! `/gathering mine`: a member's own upcoming roles and answers across every community of the server,
//! soonest first, each with a link to its living card, and the open roles they have not held lately.
//! Pure: what the store found in, a private [`Reply`] out.

use crate::discord::format::{escape, full, relative, Card, Reply, Visibility};
use crate::store::{LivingCard, MyGathering};

/// One gathering of the member's, with its community's name and living card.
pub struct MineLine {
    /// What the store found.
    pub mine: MyGathering,
    /// Its community's name.
    pub community: String,
    /// Its living card, if it has one.
    pub card: Option<LivingCard>,
}

/// Open roles of the channel's next gathering that the member has not held lately.
pub struct Nudge {
    /// The gathering's title.
    pub title: String,
    /// When it starts.
    pub start: chrono::DateTime<chrono::Utc>,
    /// The roles.
    pub roles: Vec<String>,
}

/// The private answer of `/gathering mine` in `guild`.
pub fn mine(guild: u64, lines: &[MineLine], nudge: Option<&Nudge>) -> Reply {
    let text = if lines.is_empty() {
        "You hold no role and have not answered for any upcoming gathering in this server. \
         `/gathering next` shows the next one here; `/rsvp` answers and `/role claim` takes a role."
            .to_owned()
    } else {
        lines
            .iter()
            .map(|l| line(guild, l))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let mut card = Card::new("Your next gatherings", text);
    if let Some(n) = nudge.filter(|n| !n.roles.is_empty()) {
        let roles: Vec<String> = n
            .roles
            .iter()
            .map(|r| format!("**{}**", escape(r)))
            .collect();
        card = card.field(
            "Open roles you have not held lately",
            format!(
                "At **{}** ({}): {} — take one with `/role claim`.",
                escape(&n.title),
                full(n.start),
                roles.join(", ")
            ),
            false,
        );
    }
    Reply::card(Visibility::Private, card)
}

fn line(guild: u64, l: &MineLine) -> String {
    let g = &l.mine.gathering;
    let mut parts = Vec::new();
    if !l.mine.roles.is_empty() {
        let roles: Vec<String> = l
            .mine
            .roles
            .iter()
            .map(|r| format!("**{}**", escape(r)))
            .collect();
        parts.push(format!("you hold {}", roles.join(", ")));
    }
    if let Some(answer) = l.mine.answer {
        parts.push(format!("you answered **{}**", answer.label()));
    }
    let link = l.card.map_or_else(String::new, |c| {
        format!(
            " · [card](https://discord.com/channels/{guild}/{}/{})",
            c.channel.0, c.message
        )
    });
    format!(
        "**{}** · {} — {} ({})\n{}{link}",
        escape(&g.title),
        escape(&l.community),
        full(g.start),
        relative(g.start),
        parts.join(" · ")
    )
}
