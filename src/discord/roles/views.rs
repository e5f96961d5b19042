//! What the `/role` commands say: confirmations, the template, and the rotation history.

use crate::discord::format::{escape, full, mentions, Card, Reply, Visibility};
use crate::domain::agenda::{not_held_lately, PastAgenda};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::language::Lang;
use crate::domain::roles::Template;
use crate::tr;

/// "You hold Evaluation for …".
pub fn claimed(lang: Lang, role: &str, gathering: &Gathering) -> Reply {
    Reply::private(tr!(
        lang,
        "role-claimed",
        role = escape(role),
        title = escape(&gathering.title),
        when = full(gathering.start)
    ))
}

/// "Evaluation is open again".
pub fn released(
    lang: Lang,
    role: &str,
    gathering: &Gathering,
    holder: MemberRef,
    by: MemberRef,
) -> Reply {
    let (role, title, when) = (
        escape(role),
        escape(&gathering.title),
        full(gathering.start),
    );
    Reply::private(if holder == by {
        tr!(
            lang,
            "role-released",
            role = role,
            title = title,
            when = when
        )
    } else {
        tr!(
            lang,
            "role-released-for",
            role = role,
            title = title,
            when = when,
            holder = format!("<@{holder}>")
        )
    })
}

/// Public: who was given the role (the assignee is pinged, nobody else).
pub fn assigned(
    lang: Lang,
    role: &str,
    gathering: &Gathering,
    member: MemberRef,
    by: MemberRef,
) -> Reply {
    let mut reply = Reply::private(tr!(
        lang,
        "role-assigned",
        member = format!("<@{member}>"),
        role = escape(role),
        title = escape(&gathering.title),
        when = full(gathering.start),
        by = format!("<@{by}>")
    ));
    reply.visibility = Visibility::Public;
    reply.ping_users = vec![member.0];
    reply
}

/// Asked of the organizer before a held role changes hands: the button gives it to `member`.
pub fn assign_over(
    lang: Lang,
    role: &str,
    gathering: &Gathering,
    index: usize,
    holder: MemberRef,
    member: MemberRef,
) -> Reply {
    let mut reply = Reply::private(tr!(
        lang,
        "role-assign-over",
        role = escape(role),
        title = escape(&gathering.title),
        when = full(gathering.start),
        holder = format!("<@{holder}>"),
        member = format!("<@{member}>")
    ));
    reply.buttons = vec![crate::discord::format::Button {
        custom_id: crate::discord::custom_id::ButtonAction::AssignOver(
            gathering.id,
            index,
            crate::discord::custom_id::role_fingerprint(role),
            member,
            holder,
        )
        .encode(),
        label: tr!(lang, "role-give-button"),
        tone: crate::discord::format::Tone::Danger,
    }];
    reply
}

/// The channel is told that a role changed hands; both members are pinged.
pub fn reassigned(
    lang: Lang,
    role: &str,
    gathering: &Gathering,
    member: MemberRef,
    previous: MemberRef,
    by: MemberRef,
) -> Reply {
    let mut reply = Reply::public(tr!(
        lang,
        "role-reassigned",
        member = format!("<@{member}>"),
        role = escape(role),
        title = escape(&gathering.title),
        when = full(gathering.start),
        previous = format!("<@{previous}>"),
        by = format!("<@{by}>")
    ));
    reply.ping_users = vec![member.0, previous.0];
    reply
}

/// The template, numbered.
pub fn template(lang: Lang, community: &Community) -> Reply {
    let roles = community.template.roles();
    let text = if roles.is_empty() {
        tr!(lang, "role-template-empty")
    } else {
        roles
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{}. {}", i + 1, escape(r)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let card = Card::new(
        tr!(
            lang,
            "role-template-title",
            name = community.settings.name.as_str()
        ),
        text,
    )
    .footer(tr!(lang, "role-template-footer"));
    Reply::card(Visibility::Private, card)
}

/// After a template edit.
pub fn template_changed(
    lang: Lang,
    what: String,
    template: &Template,
    reach: &crate::store::TemplateReach,
) -> Reply {
    let roles = if template.roles().is_empty() {
        tr!(lang, "role-template-no-roles")
    } else {
        let names: Vec<String> = template.roles().iter().map(|r| escape(r)).collect();
        names.join(", ")
    };
    let mut text = tr!(lang, "role-template-now", what = what, roles = roles);
    if reach.reached.is_empty() && reach.kept.is_empty() {
        text.push(' ');
        text.push_str(&tr!(lang, "role-template-from-now"));
    }
    if !reach.reached.is_empty() {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "role-template-reached",
            dates = dates(lang, &reach.reached)
        ));
    }
    if !reach.kept.is_empty() {
        text.push('\n');
        text.push_str(&tr!(
            lang,
            "role-template-kept",
            dates = dates(lang, &reach.kept)
        ));
    }
    Reply::private(text)
}

/// The first dates of `list` (each in every reader's own date format), and how many more.
fn dates(
    lang: Lang,
    list: &[(
        crate::domain::gathering::GatheringId,
        chrono::DateTime<chrono::Utc>,
    )],
) -> String {
    const SHOWN: usize = 6;
    let mut shown: Vec<String> = list
        .iter()
        .take(SHOWN)
        .map(|(_, start)| format!("<t:{}:D>", start.timestamp()))
        .collect();
    if list.len() > SHOWN {
        shown.push(tr!(lang, "list-and-more", count = list.len() - SHOWN));
    }
    shown.join(", ")
}

/// `/role history`: the last gatherings × roles, and who has not held each role lately.
pub fn history(
    lang: Lang,
    community: &Community,
    past: &[PastAgenda],
    member: Option<MemberRef>,
    visibility: Visibility,
) -> Reply {
    let zone = community.settings.time_zone;
    if past.is_empty() {
        return Reply::private(tr!(lang, "role-history-none"));
    }
    let day = |a: &PastAgenda| {
        let date = a.start.with_timezone(&zone).date_naive();
        format!(
            "{} {}",
            crate::i18n::day_month_padded(lang, date),
            chrono::Datelike::year(&date)
        )
    };
    if let Some(m) = member {
        let lines: Vec<String> = past
            .iter()
            .flat_map(|a| {
                a.holders
                    .iter()
                    .filter(|(_, h)| *h == m)
                    .map(move |(r, _)| format!("`{}` {}", day(a), escape(r)))
            })
            .collect();
        let text = if lines.is_empty() {
            tr!(
                lang,
                "role-history-member-none",
                member = format!("<@{m}>"),
                count = past.len()
            )
        } else {
            tr!(
                lang,
                "role-history-member",
                member = format!("<@{m}>"),
                count = past.len(),
                lines = lines.join("\n")
            )
        };
        return Reply::card(
            visibility,
            Card::new(tr!(lang, "role-history-member-title"), text),
        );
    }
    let lines: Vec<String> = past
        .iter()
        .map(|a| {
            let holders = a.holders_in_order(&community.template);
            let held: Vec<String> = if holders.is_empty() {
                vec![tr!(lang, "role-history-no-roles")]
            } else {
                holders
                    .iter()
                    .map(|(r, h)| format!("{}: <@{h}>", escape(r)))
                    .collect()
            };
            format!("`{}` {}", day(a), held.join(" · "))
        })
        .collect();
    let not_lately: Vec<String> = not_held_lately(&community.template, past, 8)
        .into_iter()
        .map(|(role, missing)| {
            let names = if missing.is_empty() {
                tr!(lang, "role-history-everyone")
            } else {
                mentions(&missing)
            };
            format!("**{}**: {names}", escape(&role))
        })
        .collect();
    let card = Card::new(
        tr!(lang, "role-history-title", count = past.len()),
        lines.join("\n"),
    )
    .field(
        tr!(lang, "role-history-not-lately"),
        not_lately.join("\n"),
        false,
    );
    Reply::card(visibility, card)
}
