//! Command, option and choice descriptions from the catalogues, into Discord's `*_localizations`
//! fields: the English text is the default, the French one is what a French Discord client shows.
//! Command names stay English (they are the interface); a context-menu name is shown to people, so it
//! is localised too.

use super::{has, text, Lang};

/// The catalogue key of a command's description: `cmd-community-settings`.
pub fn command_key(qualified_name: &str) -> String {
    format!("cmd-{}", qualified_name.replace(' ', "-"))
}

/// The key of an option's description: `opt-community-settings-role_prompt`.
pub fn option_key(qualified_name: &str, option: &str) -> String {
    format!("opt-{}-{option}", qualified_name.replace(' ', "-"))
}

/// The key of a choice's name: `choice-weekly`.
pub fn choice_key(name: &str) -> String {
    format!("choice-{}", name.replace([' ', '\''], "-"))
}

/// Fills descriptions and localisations of `commands` (qualified names set) from the catalogues.
pub fn localize_commands<U, E>(commands: &mut [poise::Command<U, E>]) {
    for command in commands {
        localize(command);
    }
}

fn localize<U, E>(command: &mut poise::Command<U, E>) {
    let key = command_key(&command.qualified_name);
    if has(Lang::En, &key) {
        command.description = Some(text(Lang::En, &key, &[]).into());
    }
    if has(Lang::Fr, &key) {
        command
            .description_localizations
            .to_mut()
            .push(("fr".into(), text(Lang::Fr, &key, &[]).into()));
    }
    if command.context_menu_action.is_some() {
        let menu = format!("menu-{}", command.name);
        if has(Lang::Fr, &menu) {
            command
                .name_localizations
                .to_mut()
                .push(("fr".into(), text(Lang::Fr, &menu, &[]).into()));
        }
    }
    let qualified = command.qualified_name.clone();
    for parameter in &mut command.parameters {
        let key = option_key(&qualified, &parameter.name);
        if has(Lang::En, &key) {
            parameter.description = Some(text(Lang::En, &key, &[]).into());
        }
        if has(Lang::Fr, &key) {
            parameter
                .description_localizations
                .to_mut()
                .push(("fr".into(), text(Lang::Fr, &key, &[]).into()));
        }
        for choice in parameter.choices.to_mut() {
            let key = choice_key(&choice.name);
            if has(Lang::Fr, &key) {
                choice
                    .localizations
                    .to_mut()
                    .push(("fr".into(), text(Lang::Fr, &key, &[]).into()));
            }
        }
    }
    for sub in &mut command.subcommands {
        localize(sub);
    }
}
