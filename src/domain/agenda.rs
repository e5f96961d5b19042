//! The agenda of one gathering as its card shows it (the roles in agenda order, each with its holder
//! or open, and who answered what), and the rotation read from past agendas: who has not held a role
//! lately, and whom to suggest for an open one.

use super::gathering::GatheringId;
use super::ids::MemberRef;
use super::roles::{suggest_for_role, Holding, Template};
use super::rsvp::{self, Answer};
use super::text::unique_in_order;
use chrono::{DateTime, Utc};

/// One role on a gathering's agenda.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AgendaLine {
    /// The role's name as spelled in the template, e.g. `Opener`.
    pub role: String,
    /// Who holds it; `None` while it is open.
    pub holder: Option<MemberRef>,
}

/// A gathering's agenda and its answers: everything its card says beyond the gathering itself.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Agenda {
    /// The roles in agenda order.
    pub lines: Vec<AgendaLine>,
    /// Every member's answer, in the order they answered.
    pub answers: Vec<(MemberRef, Answer)>,
}

impl Agenda {
    /// The agenda of frozen `roles` with their `holders` (role, member; a holder of a role no longer on
    /// the agenda is not shown) and the members' `answers`.
    pub fn new(
        roles: &Template,
        holders: &[(String, MemberRef)],
        answers: Vec<(MemberRef, Answer)>,
    ) -> Agenda {
        let lines = roles
            .roles()
            .iter()
            .map(|role| AgendaLine {
                role: role.clone(),
                holder: holders.iter().find(|(r, _)| r == role).map(|(_, m)| *m),
            })
            .collect();
        Agenda { lines, answers }
    }

    /// The open roles with their index on the agenda (what a Claim button carries).
    pub fn open(&self) -> impl Iterator<Item = (usize, &str)> {
        self.lines
            .iter()
            .enumerate()
            .filter(|(_, l)| l.holder.is_none())
            .map(|(i, l)| (i, l.role.as_str()))
    }

    /// The held roles: role and holder, in agenda order.
    pub fn held(&self) -> impl Iterator<Item = (&str, MemberRef)> {
        self.lines
            .iter()
            .filter_map(|l| l.holder.map(|m| (l.role.as_str(), m)))
    }

    /// The members going, in the order they answered.
    pub fn going(&self) -> Vec<MemberRef> {
        rsvp::going(&self.answers)
    }

    /// How many answered `answer`.
    pub fn count(&self, answer: Answer) -> usize {
        self.answers.iter().filter(|(_, a)| *a == answer).count()
    }
}

/// One past gathering and who held which role at it.
#[derive(Debug, Clone, PartialEq)]
pub struct PastAgenda {
    /// The past gathering these holders are from.
    pub gathering: GatheringId,
    /// When it started.
    pub start: DateTime<Utc>,
    /// Each role held at it, with the member who held it.
    pub holders: Vec<(String, MemberRef)>,
}

impl PastAgenda {
    /// Its holders in the order of `template` (roles no longer on it last).
    pub fn holders_in_order(&self, template: &Template) -> Vec<(String, MemberRef)> {
        let position = |role: &str| {
            template
                .roles()
                .iter()
                .position(|r| r == role)
                .unwrap_or(usize::MAX)
        };
        let mut holders = self.holders.clone();
        holders.sort_by_key(|(r, _)| position(r));
        holders
    }
}

/// The open roles of `agenda` that `member` did not hold in `past` (a nudge: "open roles you have
/// not held lately"), in agenda order.
pub fn open_for(agenda: &Agenda, past: &[PastAgenda], member: MemberRef) -> Vec<String> {
    agenda
        .open()
        .filter(|(_, role)| {
            !past
                .iter()
                .any(|a| a.holders.iter().any(|(r, m)| r == role && *m == member))
        })
        .map(|(_, role)| role.to_owned())
        .collect()
}

/// Every role of `template` with up to `limit` members who held some role in `past` but not that one
/// (in the order they first appear, most recent first).
pub fn not_held_lately(
    template: &Template,
    past: &[PastAgenda],
    limit: usize,
) -> Vec<(String, Vec<MemberRef>)> {
    let everyone = unique_in_order(past.iter().flat_map(|a| a.holders.iter()).map(|(_, h)| *h));
    template
        .roles()
        .iter()
        .map(|role| {
            let missing = everyone
                .iter()
                .filter(|m| {
                    !past
                        .iter()
                        .any(|a| a.holders.iter().any(|(r, h)| r == role && h == *m))
                })
                .take(limit)
                .copied()
                .collect();
            (role.clone(), missing)
        })
        .collect()
}

/// For each open role of `agenda`, up to `limit` members to suggest: those who held roles in `past`
/// (most recent gathering first), never-held or longest-ago first, leaving out members who already hold
/// a role of this gathering. Roles without a suggestion are left out.
pub fn suggestions(
    agenda: &Agenda,
    past: &[PastAgenda],
    limit: usize,
) -> Vec<(String, Vec<MemberRef>)> {
    let history: Vec<Holding> = past
        .iter()
        .enumerate()
        .flat_map(|(ago, a)| {
            a.holders.iter().map(move |(r, m)| Holding {
                gatherings_ago: ago,
                role: r.clone(),
                member: *m,
            })
        })
        .collect();
    let candidates: Vec<MemberRef> = unique_in_order(history.iter().map(|h| h.member));
    let busy: Vec<MemberRef> = agenda.held().map(|(_, m)| m).collect();
    agenda
        .open()
        .filter_map(|(_, role)| {
            let picked = suggest_for_role(role, &candidates, &history, &busy, limit);
            (!picked.is_empty()).then(|| (role.to_owned(), picked))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_nudge_names_open_roles_the_member_did_not_hold_lately() {
        let roles = Template::from_stored("Opener\nEvaluation\nClosing");
        let agenda = Agenda::new(&roles, &[("Closing".to_owned(), MemberRef(9))], vec![]);
        let past = vec![PastAgenda {
            gathering: GatheringId(1),
            start: DateTime::from_timestamp(0, 0).unwrap(),
            holders: vec![("Opener".to_owned(), MemberRef(5))],
        }];
        assert_eq!(open_for(&agenda, &past, MemberRef(5)), vec!["Evaluation"]);
        assert_eq!(
            open_for(&agenda, &past, MemberRef(6)),
            vec!["Opener", "Evaluation"]
        );
    }

    #[test]
    fn lines_follow_the_agenda_and_ignore_holders_of_removed_roles() {
        let roles = Template::from_stored("Opener\nClosing");
        let holders = vec![
            ("Closing".to_owned(), MemberRef(2)),
            ("Gone".to_owned(), MemberRef(3)),
        ];
        let answers = vec![(MemberRef(5), Answer::Going), (MemberRef(6), Answer::No)];
        let agenda = Agenda::new(&roles, &holders, answers);
        assert_eq!(
            agenda.lines,
            vec![
                AgendaLine {
                    role: "Opener".into(),
                    holder: None
                },
                AgendaLine {
                    role: "Closing".into(),
                    holder: Some(MemberRef(2))
                },
            ]
        );
        assert_eq!(agenda.open().collect::<Vec<_>>(), vec![(0, "Opener")]);
        assert_eq!(
            agenda.held().collect::<Vec<_>>(),
            vec![("Closing", MemberRef(2))]
        );
        assert_eq!(agenda.going(), vec![MemberRef(5)]);
        assert_eq!(
            (agenda.count(Answer::No), agenda.count(Answer::Maybe)),
            (1, 0)
        );
    }

    fn past(holders: &[(&str, u64)]) -> PastAgenda {
        PastAgenda {
            gathering: GatheringId(1),
            start: DateTime::<Utc>::UNIX_EPOCH,
            holders: holders
                .iter()
                .map(|(r, m)| ((*r).to_owned(), MemberRef(*m)))
                .collect(),
        }
    }

    #[test]
    fn rotation_names_who_has_not_held_a_role_lately() {
        let template = Template::from_stored("Opener\nClosing");
        let history = [
            past(&[("Opener", 1), ("Closing", 2)]),
            past(&[("Opener", 3)]),
        ];
        assert_eq!(
            not_held_lately(&template, &history, 8),
            vec![
                ("Opener".to_owned(), vec![MemberRef(2)]),
                ("Closing".to_owned(), vec![MemberRef(1), MemberRef(3)]),
            ]
        );
        assert_eq!(
            past(&[("Closing", 2), ("Gone", 4), ("Opener", 1)]).holders_in_order(&template),
            vec![
                ("Opener".to_owned(), MemberRef(1)),
                ("Closing".to_owned(), MemberRef(2)),
                ("Gone".to_owned(), MemberRef(4)),
            ]
        );
    }

    #[test]
    fn suggestions_leave_out_holders_and_prefer_who_never_held_the_role() {
        let roles = Template::from_stored("Opener\nClosing");
        let agenda = Agenda::new(&roles, &[("Closing".to_owned(), MemberRef(3))], Vec::new());
        let history = [
            past(&[("Opener", 1), ("Closing", 2)]),
            past(&[("Opener", 3)]),
        ];
        // Member 3 holds Closing now; 2 never opened, 1 opened most recently.
        assert_eq!(
            suggestions(&agenda, &history, 3),
            vec![("Opener".to_owned(), vec![MemberRef(2), MemberRef(1)])]
        );
    }
}
