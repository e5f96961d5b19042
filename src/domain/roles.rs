//! Agenda roles: the slots on a gathering's agenda that members take turns to hold (opener, sharing
//! challenges, …), the community's template of them, and fair rotation.

use super::ids::MemberRef;
use super::language::Lang;
use super::message::Message;
use super::text::{clean_line, echo, fold_key};
use super::InputError;

/// The role template a new community starts with.
pub const DEFAULT_TEMPLATE: [&str; 5] = [
    "Opener",              // data
    "Sharing challenges",  // data
    "Facilitation design", // data
    "Evaluation",          // data
    "Closing",             // data
];
/// The roles a French-speaking community starts with: the same five, in French.
pub const DEFAULT_TEMPLATE_FR: [&str; 5] = [
    "Ouverture",                     // data
    "Partage des défis",             // data
    "Conception de la facilitation", // data
    "Évaluation",                    // data
    "Clôture",                       // data
];
/// The longest role name.
pub const MAX_ROLE_CHARS: usize = 50;
/// Most roles on one agenda (one button each; a card holds 25 buttons and RSVP needs a row).
pub const MAX_ROLES: usize = 20;

/// Cleans (one line, no invisible characters, NFKC) and checks a role name: 1–50 visible characters.
pub fn parse_role_name(input: &str) -> Result<String, InputError> {
    let name = clean_line(input);
    let chars = name.chars().count();
    if chars == 0 {
        return Err(InputError::new(Message::key("input-role-empty")));
    }
    if chars > MAX_ROLE_CHARS {
        return Err(InputError::new(
            Message::key("input-role-too-long")
                .with("chars", chars)
                .with("max", MAX_ROLE_CHARS),
        ));
    }
    Ok(name)
}

/// A community's ordered list of agenda roles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Template(Vec<String>);

impl Template {
    /// The template a new community starts with (see [`DEFAULT_TEMPLATE`]).
    pub fn default_roles() -> Template {
        Self::default_in(Lang::En)
    }

    /// The default roles in the community's language.
    pub fn default_in(lang: Lang) -> Template {
        let names: &[&str] = match lang {
            Lang::En => &DEFAULT_TEMPLATE,
            Lang::Fr => &DEFAULT_TEMPLATE_FR,
        };
        Template(names.iter().map(|r| (*r).to_owned()).collect())
    }

    /// From stored text (one role per line); empty text gives an empty template.
    pub fn from_stored(text: &str) -> Template {
        Template(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect(),
        )
    }

    /// Stored form: one role per line.
    pub fn to_stored(&self) -> String {
        self.0.join("\n")
    }

    /// The roles, in order.
    pub fn roles(&self) -> &[String] {
        &self.0
    }

    /// The role named `name` (ignoring case, spacing and invisible characters: see [`fold_key`]), as
    /// spelled in the template.
    pub fn find(&self, name: &str) -> Option<&str> {
        let wanted = fold_key(name);
        if wanted.is_empty() {
            return None;
        }
        self.0
            .iter()
            .find(|r| fold_key(r) == wanted)
            .map(String::as_str)
    }

    /// Adds a role at the end.
    pub fn add(&self, input: &str) -> Result<Template, InputError> {
        let name = parse_role_name(input)?;
        if let Some(existing) = self.find(&name) {
            return Err(InputError::new(
                Message::key("input-role-already").with("role", existing.replace('`', "'")),
            ));
        }
        if self.0.len() >= MAX_ROLES {
            return Err(InputError::new(
                Message::key("input-roles-too-many").with("max", MAX_ROLES),
            ));
        }
        let mut roles = self.0.clone();
        roles.push(name);
        Ok(Template(roles))
    }

    /// Removes a role.
    pub fn remove(&self, input: &str) -> Result<(Template, String), InputError> {
        let name = self
            .find(input)
            .map(str::to_owned)
            .ok_or_else(|| self.unknown(input))?;
        let roles = self.0.iter().filter(|r| **r != name).cloned().collect();
        Ok((Template(roles), name))
    }

    /// The refusal for a role not in this list, naming the ones that are.
    pub fn unknown(&self, input: &str) -> InputError {
        let shown = echo(input);
        if self.0.is_empty() {
            return InputError::new(Message::key("input-role-unknown-none").with("typed", shown));
        }
        InputError::new(
            Message::key("input-role-unknown")
                .with("typed", shown)
                .with("roles", self.0.join(", ")),
        )
    }
}

/// One past holding of a role, for rotation: who held what at which gathering (index 0 = most recent).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holding {
    /// How many gatherings ago (0 = the latest past gathering).
    pub gatherings_ago: usize,
    /// The role, by name as it was held.
    pub role: String,
    /// Who held it.
    pub member: MemberRef,
}

/// Up to `limit` members to suggest for `role`: among `candidates` (members who came recently, most
/// recent first), those who never held it come first (in candidate order), then those who held it
/// longest ago. `exclude` (already holding a role of the gathering) are left out.
pub fn suggest_for_role(
    role: &str,
    candidates: &[MemberRef],
    history: &[Holding],
    exclude: &[MemberRef],
    limit: usize,
) -> Vec<MemberRef> {
    let last_held = |member: MemberRef| {
        history
            .iter()
            .filter(|h| h.member == member && h.role.eq_ignore_ascii_case(role))
            .map(|h| h.gatherings_ago)
            .min()
    };
    let mut ranked: Vec<(usize, Option<usize>, MemberRef)> = candidates
        .iter()
        .enumerate()
        .filter(|(_, m)| !exclude.contains(m))
        .map(|(order, m)| (order, last_held(*m), *m))
        .collect();
    // Never held (None) first; then the longest ago; ties keep candidate order.
    ranked.sort_by(|a, b| match (a.1, b.1) {
        (None, None) => a.0.cmp(&b.0),
        (None, Some(_)) => std::cmp::Ordering::Less,
        (Some(_), None) => std::cmp::Ordering::Greater,
        (Some(x), Some(y)) => y.cmp(&x).then(a.0.cmp(&b.0)),
    });
    let mut seen = Vec::new();
    for (_, _, m) in ranked {
        if !seen.contains(&m) {
            seen.push(m);
        }
    }
    seen.truncate(limit);
    seen
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(id: u64) -> MemberRef {
        MemberRef(id)
    }

    fn held(ago: usize, role: &str, member: u64) -> Holding {
        Holding {
            gatherings_ago: ago,
            role: role.into(),
            member: m(member),
        }
    }

    #[test]
    fn template_edits_are_checked() {
        let t = Template::default_roles();
        assert_eq!(t.find("  evaluation "), Some("Evaluation"));
        let t2 = t.add("Timekeeper").unwrap();
        assert_eq!(t2.roles().last().map(String::as_str), Some("Timekeeper"));
        assert!(t2
            .add("timekeeper")
            .unwrap_err()
            .to_string()
            .contains("already on the agenda"));
        assert!(t.add("").is_err());
        assert!(t.add(&"r".repeat(51)).is_err());
        let (t3, removed) = t2.remove("OPENER").unwrap();
        assert_eq!(removed, "Opener");
        assert_eq!(t3.roles().len(), 5);
        let err = t3.remove("Opener").unwrap_err().to_string();
        assert!(
            err.contains("not a role") && err.contains("Evaluation"),
            "{err}"
        );
        assert_eq!(Template::from_stored(&t3.to_stored()), t3);
        let mut full = Template::from_stored("");
        for i in 0..MAX_ROLES {
            full = full.add(&format!("R{i}")).unwrap();
        }
        assert!(full.add("one more").is_err());
    }

    #[test]
    fn role_names_of_invisible_characters_are_empty() {
        let t = Template::default_roles();
        for invisible in ["\u{200B}\u{200B}", "\u{3164}", "\u{2800}", " \u{FEFF} "] {
            let err = parse_role_name(invisible).unwrap_err().to_string();
            assert!(err.contains("empty"), "{invisible:?}: {err}");
            assert!(t.add(invisible).unwrap_err().to_string().contains("empty"));
            assert_eq!(t.find(invisible), None);
        }
    }

    #[test]
    fn invisible_characters_do_not_make_a_new_role() {
        let t = Template::default_roles();
        for same in [
            "Opener\u{200B}",
            "\u{FEFF}opener",
            "Op\u{200D}ener",
            "OPENER\u{00A0}",
        ] {
            let err = t.add(same).unwrap_err().to_string();
            assert!(
                err.contains("`Opener` is already on the agenda"),
                "{same:?}: {err}"
            );
            assert_eq!(t.find(same), Some("Opener"), "{same:?}");
        }
        let (without, removed) = t.remove("Opener\u{200B}").unwrap();
        assert_eq!(removed, "Opener");
        assert_eq!(without.roles().len(), 4);
        // Names are stored cleaned and composed; emoji stay.
        let t2 = t
            .add("Cafe\u{301} host")
            .unwrap()
            .add("🌱 Gardener")
            .unwrap();
        assert_eq!(&t2.roles()[5..], ["Caf\u{E9} host", "🌱 Gardener"]);
        assert!(t2.add("CAF\u{C9} HOST").is_err());
    }

    #[test]
    fn an_unknown_role_is_echoed_short_and_without_backticks() {
        let t = Template::default_roles();
        let typed = format!("`{}", "д".repeat(100));
        let err = t.remove(&typed).unwrap_err().to_string();
        assert!(err.contains("not a role"), "{err}");
        assert!(err.starts_with("`'ддд"), "{err}");
        assert!(!err.contains(&"д".repeat(40)), "{err}");
        assert!(err.contains('…'), "{err}");
        assert_eq!(err.matches('`').count(), 2, "{err}");
    }

    #[test]
    fn rotation_prefers_those_who_never_held_the_role_then_the_longest_ago() {
        // Candidates, most recent attendees first.
        let candidates = [m(1), m(2), m(3), m(4), m(5)];
        let history = [
            held(0, "Evaluation", 1),
            held(2, "Evaluation", 2),
            held(5, "Evaluation", 3),
            held(1, "Opener", 4),
        ];
        // 4 and 5 never held Evaluation (candidate order), then 3 (5 ago), then 2 (2 ago), then 1.
        assert_eq!(
            suggest_for_role("Evaluation", &candidates, &history, &[], 3),
            [m(4), m(5), m(3)]
        );
        assert_eq!(
            suggest_for_role("evaluation", &candidates, &history, &[m(4)], 3),
            [m(5), m(3), m(2)]
        );
        assert_eq!(
            suggest_for_role("Opener", &candidates, &history, &[], 2),
            [m(1), m(2)]
        );
        assert!(suggest_for_role("Closing", &[], &history, &[], 3).is_empty());
    }
}
