//! `/gathering mine`: a member's own upcoming roles and answers across every community of the server,
//! soonest first, each with a link to its living card, and the open roles they have not held lately.
//! Pure: what the store found in, a private [`Reply`] out.

use crate::discord::format::{escape, full, relative, Card, Reply, Visibility};
use crate::domain::language::Lang;
use crate::store::{LivingCard, MyGathering};
use crate::tr;

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
pub fn mine(lang: Lang, guild: u64, lines: &[MineLine], nudge: Option<&Nudge>) -> Reply {
    let text = if lines.is_empty() {
        tr!(lang, "mine-none")
    } else {
        lines
            .iter()
            .map(|l| line(lang, guild, l))
            .collect::<Vec<_>>()
            .join("\n\n")
    };
    let mut card = Card::new(tr!(lang, "mine-title"), text);
    if let Some(n) = nudge.filter(|n| !n.roles.is_empty()) {
        let roles: Vec<String> = n
            .roles
            .iter()
            .map(|r| format!("**{}**", escape(r)))
            .collect();
        card = card.field(
            tr!(lang, "mine-nudge-title"),
            tr!(
                lang,
                "mine-nudge",
                title = escape(&n.title),
                when = full(n.start),
                roles = roles.join(", ")
            ),
            false,
        );
    }
    Reply::card(Visibility::Private, card)
}

fn line(lang: Lang, guild: u64, l: &MineLine) -> String {
    let g = &l.mine.gathering;
    let mut parts = Vec::new();
    if !l.mine.roles.is_empty() {
        let roles: Vec<String> = l
            .mine
            .roles
            .iter()
            .map(|r| format!("**{}**", escape(r)))
            .collect();
        parts.push(tr!(lang, "mine-you-hold", roles = roles.join(", ")));
    }
    if let Some(answer) = l.mine.answer {
        parts.push(tr!(
            lang,
            "mine-you-answered",
            answer = crate::discord::gathering::agenda_card::answer_label(lang, answer)
        ));
    }
    let link = l.card.map_or_else(String::new, |c| {
        let url = format!(
            "https://discord.com/channels/{guild}/{}/{}",
            c.channel.0, c.message
        );
        format!(" · {}", tr!(lang, "mine-card-link", url = url))
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
