//! The agenda card, everything about it in one file: its head (when, where, a move), every role with its
//! holder or *open*, who is coming, a Claim button per open role, a Release button per held one and the
//! RSVP row. Pure: the gathering, its community and its [`Agenda`] in, a [`Reply`] out. Its button ids
//! are [`ButtonAction`]s; its clicks are handled in [`super::clicks`].

use crate::discord::custom_id::ButtonAction;
use crate::discord::format::{
    escape, full, local_span, relative, short_time, Button, Card, Menu, Reply, Tone, Visibility,
    MAX_BUTTON_LABEL_CHARS, MAX_FIELD_VALUE_CHARS,
};

/// An agenda with more roles than this shows its RSVP buttons first and its roles as two menus
/// (claim, release), so the card never runs past Discord's five rows.
pub const BUTTONS_UP_TO_ROLES: usize = 10;
use crate::discord::roles::claim_button;
use crate::domain::agenda::Agenda;
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, Status};
use crate::domain::language::Lang;
use crate::domain::rsvp::Answer;
use crate::i18n::text_n;
use crate::tr;

/// The label of an RSVP answer on the card's buttons.
pub fn answer_label(lang: Lang, answer: Answer) -> String {
    crate::i18n::words::answer(lang, answer)
}

/// The card of `gathering` with its `agenda`.
pub fn agenda_card(community: &Community, gathering: &Gathering, agenda: &Agenda) -> Reply {
    if !gathering.status.is_on() {
        return called_off(community, gathering);
    }
    let lang = community.settings.language;
    let mut card = head(community, gathering);
    if !agenda.lines.is_empty() {
        let text: Vec<String> = agenda
            .lines
            .iter()
            .map(|line| match line.holder {
                Some(m) => format!("**{}** — <@{m}>", escape(&line.role)),
                None => format!(
                    "**{}** — *{}*",
                    escape(&line.role),
                    tr!(lang, "card-role-open")
                ),
            })
            .collect();
        let title = match agenda.open().count() {
            0 => tr!(lang, "card-roles-all-taken"),
            open => text_n(lang, "card-roles-open", open as i64, &[]),
        };
        // A long agenda goes on in more fields, whole lines each: no role is cut off.
        for (n, part) in whole_lines(&text, MAX_FIELD_VALUE_CHARS)
            .into_iter()
            .enumerate()
        {
            let name = if n == 0 {
                title.clone()
            } else {
                tr!(lang, "card-roles-continued")
            };
            card = card.field(name, part, false);
        }
    }
    card = card.field(
        tr!(lang, "card-who-is-coming"),
        rsvp_line(lang, agenda),
        false,
    );
    let mut reply = Reply::card(Visibility::Public, card);
    let rsvp: Vec<Button> = [Answer::Going, Answer::Maybe, Answer::No]
        .into_iter()
        .map(|a| Button {
            custom_id: ButtonAction::Rsvp(gathering.id, a).encode(),
            label: answer_label(lang, a),
            tone: Tone::primary_if(a == Answer::Going),
        })
        .collect();
    if agenda.lines.len() > BUTTONS_UP_TO_ROLES {
        reply.buttons = rsvp;
        reply.menus = role_menus(lang, gathering, agenda);
        return reply;
    }
    reply.last_row = rsvp;
    reply.buttons = agenda
        .lines
        .iter()
        .enumerate()
        .map(|(i, line)| match line.holder {
            None => claim_button(lang, gathering.id, i, &line.role),
            Some(_) => Button {
                custom_id: ButtonAction::Release(gathering.id, i).encode(),
                label: label(tr!(lang, "button-release", role = line.role)),
                tone: Tone::Secondary,
            },
        })
        .collect();
    reply
}

/// A large agenda's menus: the open roles to claim, the held ones to release (by agenda index).
fn role_menus(lang: Lang, gathering: &Gathering, agenda: &Agenda) -> Vec<Menu> {
    let open: Vec<(String, String)> = agenda
        .open()
        .map(|(i, role)| (role.to_owned(), i.to_string()))
        .collect();
    let held: Vec<(String, String)> = agenda
        .lines
        .iter()
        .enumerate()
        .filter(|(_, l)| l.holder.is_some())
        .map(|(i, l)| (l.role.clone(), i.to_string()))
        .collect();
    vec![
        Menu {
            custom_id: ButtonAction::ClaimPick(gathering.id).encode(),
            placeholder: text_n(lang, "menu-claim", open.len() as i64, &[]),
            choices: open,
        },
        Menu {
            custom_id: ButtonAction::ReleasePick(gathering.id).encode(),
            placeholder: tr!(lang, "menu-release"),
            choices: held,
        },
    ]
}

/// `lines` joined by newlines into parts of at most `limit` characters, never splitting a line (a
/// line longer than the limit stands alone, and the card cuts it).
fn whole_lines(lines: &[String], limit: usize) -> Vec<String> {
    let mut parts: Vec<String> = Vec::new();
    let mut current = String::new();
    for line in lines {
        let needed =
            current.chars().count() + line.chars().count() + usize::from(!current.is_empty());
        if !current.is_empty() && needed > limit {
            parts.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push('\n');
        }
        current.push_str(line);
    }
    if !current.is_empty() {
        parts.push(current);
    }
    parts
}

fn label(text: String) -> String {
    text.chars().take(MAX_BUTTON_LABEL_CHARS).collect()
}

/// "Going (2): @a, @b · Maybe: 1 · Can't go: 0" (names for going only; mentions in embeds never ping).
/// A long list names the first ones and counts the rest ("and 12 more"): a mention is never cut, and
/// the counts always fit the field's 1,024 characters.
pub fn rsvp_line(lang: Lang, agenda: &Agenda) -> String {
    let going = agenda.going();
    let counts = format!(
        " {}",
        tr!(
            lang,
            "rsvp-counts",
            maybe = agenda.count(Answer::Maybe),
            no = agenda.count(Answer::No)
        )
    );
    let lead = tr!(lang, "rsvp-going", count = going.len());
    // Room for the names and an "and N more" at most.
    let room = MAX_FIELD_VALUE_CHARS
        .saturating_sub(lead.chars().count() + counts.chars().count())
        .saturating_sub(
            ": ".len()
                + tr!(lang, "rsvp-and-more", names = "", count = 9999)
                    .chars()
                    .count(),
        );
    let mut names = String::new();
    let mut shown = 0;
    for member in &going {
        let mention = format!("<@{member}>");
        let extra = if shown == 0 { 0 } else { ", ".len() };
        if names.len() + extra + mention.len() > room {
            break;
        }
        if shown > 0 {
            names.push_str(", ");
        }
        names.push_str(&mention);
        shown += 1;
    }
    let rest = going.len() - shown;
    let names = match (shown, rest) {
        (0, 0) => String::new(),
        (0, n) => format!(": {}", tr!(lang, "rsvp-members", count = n)),
        (_, 0) => format!(": {names}"),
        (_, n) => format!(": {}", tr!(lang, "rsvp-and-more", names = names, count = n)),
    };
    format!("{lead}{names}{counts}")
}

/// The card of a gathering that is off (cancelled, or taken off with its series): what it was, why,
/// and no buttons.
fn called_off(community: &Community, g: &Gathering) -> Reply {
    let lang = community.settings.language;
    let title = match g.status {
        Status::Cancelled => tr!(lang, "card-cancelled", title = g.title),
        _ => tr!(lang, "card-withdrawn", title = g.title),
    };
    let mut text = format!("~~{}~~", full(g.start));
    if let Some(reason) = &g.reason {
        text.push_str(&format!("\n{}", escape(reason)));
    }
    let card = Card::new(title, text).footer(community.settings.name.as_str().to_owned());
    Reply::card(Visibility::Public, card)
}

/// What an older card of a gathering becomes when a newer one is posted: a line that links to it,
/// without buttons (so a channel never holds two live cards of one gathering).
pub fn superseded(lang: Lang, guild: u64, channel: u64, message: u64) -> Reply {
    let link = format!("https://discord.com/channels/{guild}/{channel}/{message}");
    Reply::public(tr!(lang, "card-superseded", link = link))
}

/// The card's head: when (in every reader's time and the community's), where, and a move's reason.
pub fn head(community: &Community, g: &Gathering) -> Card {
    let mut text = format!(
        "{} – {} ({})\n{}",
        full(g.start),
        short_time(g.end),
        relative(g.start),
        local_span(
            g,
            community.settings.time_zone,
            community.settings.time_format,
            community.settings.language
        )
    );
    if let Some(location) = &g.location {
        text.push_str(&format!("\n📍 {}", escape(location)));
    }
    if g.status == Status::Moved {
        let why = g
            .reason
            .as_deref()
            .map(|r| format!(": {}", escape(r)))
            .unwrap_or_default();
        let from = tr!(
            community.settings.language,
            "card-moved-from",
            when = full(g.original_start)
        );
        text.push_str(&format!("\n*{from}{why}*"));
    }
    Card::new(
        tr!(
            community.settings.language,
            "card-next-title",
            title = g.title
        ),
        text,
    )
    .footer(community.settings.name.as_str().to_owned())
}
