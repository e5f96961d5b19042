//! What the `/role` commands say: confirmations, the template, and the rotation history.

use super::super::reply::{Card, Reply, Visibility};
use super::gathering_render::{escape, full};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::roles::Template;
use crate::store::PastAgenda;

/// "You hold Evaluation for …".
pub fn claimed(role: &str, gathering: &Gathering) -> Reply {
    Reply::private(format!(
        "You hold **{}** for **{}** on {}. Thank you!",
        escape(role),
        escape(&gathering.title),
        full(gathering.start)
    ))
}

/// "Evaluation is open again".
pub fn released(role: &str, gathering: &Gathering, holder: MemberRef, by: MemberRef) -> Reply {
    let whose = if holder == by {
        String::new()
    } else {
        format!(" (it was held by <@{holder}>)")
    };
    Reply::private(format!(
        "**{}** for **{}** on {} is open again{whose}.",
        escape(role),
        escape(&gathering.title),
        full(gathering.start)
    ))
}

/// Public: who was given the role (the assignee is pinged, nobody else).
pub fn assigned(role: &str, gathering: &Gathering, member: MemberRef, by: MemberRef) -> Reply {
    let mut reply = Reply::private(format!(
        "<@{member}> holds **{}** for **{}** on {} (assigned by <@{by}>).",
        escape(role),
        escape(&gathering.title),
        full(gathering.start)
    ));
    reply.visibility = Visibility::Public;
    reply.ping_users = vec![member.0];
    reply
}

/// The template, numbered.
pub fn template(community: &Community) -> Reply {
    let roles = community.template.roles();
    let text = if roles.is_empty() {
        "No agenda roles. Organizers can add some with `/role template add`.".to_owned()
    } else {
        roles
            .iter()
            .enumerate()
            .map(|(i, r)| format!("{}. {}", i + 1, escape(r)))
            .collect::<Vec<_>>()
            .join("\n")
    };
    let card = Card::new(format!("Agenda roles of {}", community.settings.name), text)
        .footer("Changes apply to gatherings whose agenda card has not been shown yet");
    Reply::card(Visibility::Private, card)
}

/// After a template edit.
pub fn template_changed(what: String, template: &Template) -> Reply {
    Reply::private(format!(
        "{what} The agenda is now: {}. Gatherings whose card was already shown keep their roles.",
        if template.roles().is_empty() {
            "no roles".to_owned()
        } else {
            template.roles().join(", ")
        }
    ))
}

/// `/role history`: the last gatherings × roles, and who has not held each role lately.
pub fn history(
    community: &Community,
    past: &[PastAgenda],
    member: Option<MemberRef>,
    public: bool,
) -> Reply {
    let zone = community.settings.time_zone;
    let visibility = if public {
        Visibility::Public
    } else {
        Visibility::Private
    };
    if past.is_empty() {
        return Reply::private("No past gatherings yet: the history fills as gatherings happen.");
    }
    let day = |a: &PastAgenda| a.start.with_timezone(&zone).format("%d %b %Y").to_string();
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
            format!("<@{m}> held no role in the last {} gatherings.", past.len())
        } else {
            format!(
                "<@{m}> in the last {} gatherings:\n{}",
                past.len(),
                lines.join("\n")
            )
        };
        return Reply::card(visibility, Card::new("Role history", text));
    }
    let lines: Vec<String> = past
        .iter()
        .map(|a| {
            let position = |role: &str| {
                community
                    .template
                    .roles()
                    .iter()
                    .position(|r| r == role)
                    .unwrap_or(usize::MAX)
            };
            let mut holders = a.holders.clone();
            holders.sort_by_key(|(r, _)| position(r));
            let held: Vec<String> = if holders.is_empty() {
                vec!["no roles held".to_owned()]
            } else {
                holders
                    .iter()
                    .map(|(r, h)| format!("{}: <@{h}>", escape(r)))
                    .collect()
            };
            format!("`{}` {}", day(a), held.join(" · "))
        })
        .collect();
    let everyone: Vec<MemberRef> = crate::domain::text::unique_in_order(
        past.iter().flat_map(|a| a.holders.iter()).map(|(_, h)| *h),
    );
    let not_lately: Vec<String> = community
        .template
        .roles()
        .iter()
        .map(|role| {
            let missing: Vec<String> = everyone
                .iter()
                .filter(|m| {
                    !past
                        .iter()
                        .any(|a| a.holders.iter().any(|(r, h)| r == role && h == *m))
                })
                .take(8)
                .map(|m| format!("<@{m}>"))
                .collect();
            let names = if missing.is_empty() {
                "everyone has".to_owned()
            } else {
                missing.join(", ")
            };
            format!("**{}**: {names}", escape(role))
        })
        .collect();
    let card = Card::new(
        format!("Role history — last {} gatherings", past.len()),
        lines.join("\n"),
    )
    .field("Not held lately", not_lately.join("\n"), false);
    Reply::card(visibility, card)
}
