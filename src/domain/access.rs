//! Who may do what: organizers are members with Manage Server or the community's organizer role.

use super::ids::RoleRef;
use super::message::Message;

/// What Discord told us about the member who acted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Actor {
    /// The member has Manage Server (or Administrator) in this guild.
    pub manages_server: bool,
    /// The member's guild roles.
    pub roles: Vec<RoleRef>,
}

impl Actor {
    /// Organizer of a community whose organizer role is `organizer_role`.
    pub fn is_organizer(&self, organizer_role: Option<RoleRef>) -> bool {
        self.manages_server || organizer_role.is_some_and(|r| self.roles.contains(&r))
    }
}

/// The refusal shown to someone who is not an organizer: who can help (the organizer role, named
/// without a ping, or those with Manage Server).
pub fn organizer_only(organizer_role: Option<RoleRef>) -> Message {
    match organizer_role {
        Some(role) => {
            Message::key("refusal-organizer-only-role").with("role", format!("<@&{role}>"))
        }
        None => Message::key("refusal-organizer-only"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn organizer_is_manage_server_or_the_organizer_role() {
        let role = RoleRef(7);
        let admin = Actor {
            manages_server: true,
            roles: vec![],
        };
        let steward = Actor {
            manages_server: false,
            roles: vec![RoleRef(3), role],
        };
        let member = Actor {
            manages_server: false,
            roles: vec![RoleRef(3)],
        };
        assert!(admin.is_organizer(None) && admin.is_organizer(Some(role)));
        assert!(steward.is_organizer(Some(role)) && !steward.is_organizer(None));
        assert!(!member.is_organizer(Some(role)));
    }
}
