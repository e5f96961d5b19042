//! Builds INTERACTION_CREATE payloads from the commands the bot registered: option types come from the
//! registration, so a test that names an option the bot does not have fails at once.

use super::FakeDiscord;
use serde_json::{json, Map, Value};

/// The guild the tests play in.
pub const GUILD: u64 = 700_000_000_000_000_001;
/// The default channel.
pub const CHANNEL: u64 = 700_000_000_000_000_101;

/// Permission bits used by the tests.
pub mod perms {
    /// VIEW_CHANNEL | SEND_MESSAGES | READ_MESSAGE_HISTORY | USE_APPLICATION_COMMANDS
    pub const MEMBER: u64 = (1 << 10) | (1 << 11) | (1 << 16) | (1 << 31);
    /// MEMBER + MANAGE_GUILD
    pub const MANAGER: u64 = MEMBER | (1 << 5);
    /// What the bot has in the channel.
    pub const APP: u64 = (1 << 10) | (1 << 11) | (1 << 14) | (1 << 15) | (1 << 16) | (1 << 33);
}

/// The member who acts.
#[derive(Debug, Clone)]
pub struct Member {
    /// User id.
    pub id: u64,
    /// Username.
    pub name: String,
    /// Permission bits in the channel.
    pub permissions: u64,
    /// Guild role ids.
    pub roles: Vec<u64>,
    /// Their Discord client's language (`en-US`, `fr`).
    pub locale: String,
}

impl Member {
    /// A member with Manage Server.
    pub fn manager(id: u64) -> Member {
        Member {
            id,
            name: format!("manager{id}"),
            permissions: perms::MANAGER,
            roles: vec![],
            locale: "en-US".to_owned(),
        }
    }
    /// A plain member.
    pub fn regular(id: u64) -> Member {
        Member {
            id,
            name: format!("member{id}"),
            permissions: perms::MEMBER,
            roles: vec![],
            locale: "en-US".to_owned(),
        }
    }
    /// The same member with a Discord client in `locale`.
    pub fn speaking(mut self, locale: &str) -> Member {
        self.locale = locale.to_owned();
        self
    }
    /// The same member with these roles.
    pub fn with_roles(mut self, roles: &[u64]) -> Member {
        self.roles = roles.to_vec();
        self
    }
}

/// A slash command (or its autocomplete) as a person would use it.
#[derive(Debug, Clone)]
pub struct Invocation {
    /// Guild.
    pub guild: u64,
    /// Channel.
    pub channel: u64,
    /// Who.
    pub member: Member,
    /// `community setup`.
    pub command: String,
    /// Options by name.
    pub options: Vec<(String, Value)>,
    /// For autocomplete: the focused option.
    pub focused: Option<String>,
}

impl Invocation {
    /// `command` ("community setup") used by `member` in the default channel.
    pub fn new(command: &str, member: &Member) -> Invocation {
        Invocation {
            guild: GUILD,
            channel: CHANNEL,
            member: member.clone(),
            command: command.to_owned(),
            options: Vec::new(),
            focused: None,
        }
    }
    /// Adds an option value.
    pub fn opt(mut self, name: &str, value: impl Into<Value>) -> Invocation {
        self.options.push((name.to_owned(), value.into()));
        self
    }
    /// Uses another channel.
    pub fn in_channel(mut self, channel: u64) -> Invocation {
        self.channel = channel;
        self
    }
    /// Turns this into an autocomplete request for `option` with `partial` typed.
    pub fn autocomplete(mut self, option: &str, partial: &str) -> Invocation {
        self.options.push((option.to_owned(), json!(partial)));
        self.focused = Some(option.to_owned());
        self
    }
}

/// The INTERACTION_CREATE `d` for `invocation`.
pub fn build(fake: &FakeDiscord, id: u64, inv: &Invocation) -> Value {
    let mut words = inv.command.split_whitespace();
    let top = words.next().expect("a command name");
    let registered = fake
        .commands()
        .into_iter()
        .find(|c| c["name"] == top)
        .unwrap_or_else(|| panic!("the bot registered no command `{top}`"));
    let mut resolved = Map::new();
    let path: Vec<&str> = words.collect();
    let options = nest(&registered, &path, inv, &mut resolved);
    let mut data = json!({
        "id": registered["id"], "name": top, "type": 1, "options": options, "guild_id": inv.guild.to_string(),
    });
    if !resolved.is_empty() {
        data["resolved"] = Value::Object(resolved);
    }
    let mut payload = build_base(fake, id, &inv.member, inv.guild, inv.channel);
    payload["type"] = json!(if inv.focused.is_some() { 4 } else { 2 });
    payload["data"] = data;
    payload
}

fn build_base(fake: &FakeDiscord, id: u64, member: &Member, _guild: u64, channel: u64) -> Value {
    let guild = fake.guild_of(channel);
    let user = json!({"id": member.id.to_string(), "username": member.name, "discriminator": "0",
                      "global_name": null, "avatar": null});
    json!({
        "id": id.to_string(),
        "application_id": fake.application_id().to_string(),
        "type": 2,
        "token": format!("token-{id}"),
        "version": 1,
        "guild_id": guild.to_string(),
        "channel_id": channel.to_string(),
        "channel": {"id": channel.to_string(), "type": 0, "guild_id": guild.to_string(), "name": "circle"},
        "locale": member.locale,
        "guild_locale": "en-US",
        "entitlements": [],
        "attachment_size_limit": fake.state.upload_limit.load(std::sync::atomic::Ordering::Relaxed),
        "app_permissions": fake.state.app_permissions.load(std::sync::atomic::Ordering::Relaxed).to_string(),
        "authorizing_integration_owners": {"0": guild.to_string()},
        "context": 0,
        "member": {
            "user": user,
            "roles": member.roles.iter().map(u64::to_string).collect::<Vec<_>>(),
            "joined_at": "2026-01-01T00:00:00.000000+00:00",
            "deaf": false, "mute": false, "flags": 0, "pending": false,
            "permissions": member.permissions.to_string(),
            "nick": null, "avatar": null, "premium_since": null,
        },
        "data": {},
    })
}

fn nest(def: &Value, path: &[&str], inv: &Invocation, resolved: &mut Map<String, Value>) -> Value {
    let defs = def["options"].as_array().cloned().unwrap_or_default();
    if let Some((first, rest)) = path.split_first() {
        let sub = defs
            .iter()
            .find(|o| o["name"] == *first && matches!(o["type"].as_u64(), Some(1) | Some(2)))
            .unwrap_or_else(|| panic!("`{}` has no subcommand `{first}`", inv.command));
        let inner = nest(sub, rest, inv, resolved);
        return json!([{"type": sub["type"], "name": first, "options": inner}]);
    }
    let mut out = Vec::new();
    for (name, value) in &inv.options {
        let spec = defs
            .iter()
            .find(|o| o["name"] == name.as_str())
            .unwrap_or_else(|| panic!("`/{}` has no option `{name}`", inv.command));
        let kind = spec["type"].as_u64().expect("option type");
        // With choices, a person picks a choice by its name; Discord sends that choice's value.
        let value = match spec["choices"].as_array() {
            Some(choices)
                if !choices.is_empty() && inv.focused.as_deref() != Some(name.as_str()) =>
            {
                choices
                    .iter()
                    .find(|c| c["name"] == *value || c["value"] == *value)
                    .map(|c| c["value"].clone())
                    .unwrap_or_else(|| panic!("`{value}` is not a choice of `{name}`: {choices:?}"))
            }
            _ => value.clone(),
        };
        let value = &value;
        let mut option = json!({"type": kind, "name": name, "value": value});
        if inv.focused.as_deref() == Some(name.as_str()) {
            option["focused"] = json!(true);
        } else if kind == 6 {
            let user_id = value
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| value.to_string());
            option["value"] = json!(user_id);
            resolved.entry("users").or_insert_with(|| json!({}))[&user_id] = json!({
                "id": user_id, "username": format!("user{user_id}"), "discriminator": "0",
                "global_name": null, "avatar": null,
            });
        } else if kind == 8 {
            let role_id = value
                .as_str()
                .map(str::to_owned)
                .unwrap_or_else(|| value.to_string());
            option["value"] = json!(role_id);
            resolved.entry("roles").or_insert_with(|| json!({}))[&role_id] =
                role(&role_id, inv.guild);
        }
        out.push(option);
    }
    Value::Array(out)
}

fn role(id: &str, guild: u64) -> Value {
    let name = if id == guild.to_string() {
        "@everyone".to_owned()
    } else {
        format!("role-{id}")
    };
    json!({"id": id, "name": name, "color": 0,
           "colors": {"primary_color": 0, "secondary_color": null, "tertiary_color": null}, "hoist": false, "icon": null, "unicode_emoji": null,
           "position": 1, "permissions": "0", "managed": false, "mentionable": false, "flags": 0})
}

/// A click on a button of a message the bot sent.
pub fn click(fake: &FakeDiscord, id: u64, member: &Member, channel: u64, custom_id: &str) -> Value {
    // Like a person, the click is on the newest message of the channel that shows this button.
    let on = fake.newest_with_button(channel, custom_id).unwrap_or(1000);
    click_on(fake, id, member, channel, on, custom_id)
}

/// A choice of `values` in the string menu `custom_id` of the newest message that shows it.
pub fn choose(
    fake: &FakeDiscord,
    id: u64,
    member: &Member,
    channel: u64,
    custom_id: &str,
    values: &[&str],
) -> Value {
    let mut payload = click(fake, id, member, channel, custom_id);
    payload["data"] = json!({"custom_id": custom_id, "component_type": 3, "values": values});
    payload
}

/// A click on the button `custom_id` of a private (ephemeral) message of the bot.
pub fn click_private(
    fake: &FakeDiscord,
    id: u64,
    member: &Member,
    channel: u64,
    custom_id: &str,
) -> Value {
    let mut payload = click_on(fake, id, member, channel, 1001, custom_id);
    payload["message"]["flags"] = json!(64);
    payload
}

/// A click on the button `custom_id` of the bot's message `message`.
pub fn click_on(
    fake: &FakeDiscord,
    id: u64,
    member: &Member,
    channel: u64,
    message: u64,
    custom_id: &str,
) -> Value {
    let mut payload = build_base(fake, id, member, GUILD, channel);
    payload["type"] = json!(3);
    payload["data"] = json!({"custom_id": custom_id, "component_type": 2});
    payload["message"] = json!({
        "id": message.to_string(), "channel_id": channel.to_string(),
        "author": {"id": fake.application_id().to_string(), "username": "Steward", "discriminator": "0000", "global_name": null, "avatar": null, "bot": true}, "content": "", "timestamp": "2026-11-24T10:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "components": [], "pinned": false, "type": 0, "flags": 0,
    });
    payload
}

/// A choice of members in a user-select menu of a message the bot sent.
pub fn select_users(
    fake: &FakeDiscord,
    id: u64,
    member: &Member,
    channel: u64,
    custom_id: &str,
    users: &[u64],
) -> Value {
    let mut payload = click(fake, id, member, channel, custom_id);
    let values: Vec<String> = users.iter().map(u64::to_string).collect();
    let mut resolved = Map::new();
    for u in users {
        resolved.insert(
            u.to_string(),
            json!({"id": u.to_string(), "username": format!("user{u}"), "discriminator": "0", "global_name": null, "avatar": null}),
        );
    }
    payload["data"] = json!({"custom_id": custom_id, "component_type": 5, "values": values, "resolved": {"users": resolved}});
    payload
}

/// A message a member wrote in `channel` (as Discord resolves it for a message menu).
pub fn user_message(id: u64, channel: u64, author: &Member, content: &str) -> Value {
    json!({
        "id": id.to_string(), "channel_id": channel.to_string(), "guild_id": GUILD.to_string(),
        "author": {"id": author.id.to_string(), "username": author.name, "discriminator": "0",
                   "global_name": format!("{} (display)", author.name), "avatar": null},
        "content": content, "timestamp": "2026-11-24T10:00:00.000000+00:00",
        "edited_timestamp": null, "tts": false, "mention_everyone": false, "mentions": [], "mention_roles": [],
        "attachments": [], "embeds": [], "components": [], "pinned": false, "type": 0, "flags": 0,
    })
}

/// A message menu command (`name`) used by `member` on `message` in `channel`.
pub fn message_menu(
    fake: &FakeDiscord,
    id: u64,
    member: &Member,
    channel: u64,
    name: &str,
    message: &Value,
) -> Value {
    let registered = fake
        .commands()
        .into_iter()
        .find(|c| c["name"] == name && c["type"] == 3)
        .unwrap_or_else(|| panic!("the bot registered no message menu `{name}`"));
    let target = message["id"].as_str().expect("message id").to_owned();
    let mut payload = build_base(fake, id, member, GUILD, channel);
    payload["data"] = json!({
        "id": registered["id"], "name": name, "type": 3, "target_id": target, "guild_id": fake.guild_of(channel).to_string(),
        "resolved": {"messages": {target.clone(): message}},
    });
    payload
}

/// A submitted form (modal) with these text fields.
pub fn submit_form(
    fake: &FakeDiscord,
    id: u64,
    member: &Member,
    channel: u64,
    custom_id: &str,
    fields: &[(String, String)],
) -> Value {
    let mut payload = build_base(fake, id, member, GUILD, channel);
    payload["type"] = json!(5);
    let rows: Vec<Value> = fields
        .iter()
        .map(|(field, value)| {
            json!({"type": 1, "components": [{"type": 4, "custom_id": field, "value": value}]})
        })
        .collect();
    payload["data"] = json!({"custom_id": custom_id, "components": rows});
    payload
}
