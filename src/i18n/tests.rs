use super::*;
use fluent::FluentResource;

type Command = poise::Command<crate::discord::App, crate::discord::CommandError>;

#[test]
fn both_catalogues_parse_and_hold_the_same_keys() {
    for (lang, source) in [(Lang::En, EN_FTL), (Lang::Fr, FR_FTL)] {
        if let Err((_, errors)) = FluentResource::try_new(source.to_owned()) {
            panic!("{lang}: {errors:?}");
        }
    }
    let en = keys_of(EN_FTL);
    let fr = keys_of(FR_FTL);
    assert!(en.len() > 200, "{}", en.len());
    let missing_fr: Vec<&String> = en.iter().filter(|k| !fr.contains(k)).collect();
    let missing_en: Vec<&String> = fr.iter().filter(|k| !en.contains(k)).collect();
    assert!(missing_fr.is_empty(), "not in French: {missing_fr:?}");
    assert!(missing_en.is_empty(), "not in English: {missing_en:?}");
    let mut unique = en.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), en.len(), "a key is given twice");
    for key in &en {
        assert!(has(Lang::En, key) && has(Lang::Fr, key), "{key}");
    }
}

#[test]
fn values_fill_in_and_plurals_follow_the_language() {
    assert_eq!(
        crate::tr!(Lang::Fr, "card-roles-open", count = 1),
        "Rôles de l'ordre du jour (1 libre)"
    );
    assert_eq!(
        text_n(Lang::Fr, "card-roles-open", 3, &[]),
        "Rôles de l'ordre du jour (3 libres)"
    );
    assert_eq!(
        crate::tr!(Lang::En, "button-claim", role = "Opener"),
        "Claim Opener"
    );
    // No Unicode isolation marks around values (Discord would show them).
    assert!(!crate::tr!(Lang::Fr, "button-claim", role = "X").contains('\u{2068}'));
    assert_eq!(text(Lang::Fr, "no-such-key", &[]), "no-such-key");
}

#[test]
fn dates_in_words_come_from_the_catalogue() {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    assert_eq!(day_month_year(Lang::En, date), "Fri 4 Dec 2026");
    assert_eq!(day_month_year(Lang::Fr, date), "ven. 4 déc. 2026");
    let feb = chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    assert_eq!(day_month(Lang::Fr, feb), "lun. 1 févr.");
}

fn walk(command: &Command, out: &mut Vec<String>) {
    let fr = |l: &[(
        std::borrow::Cow<'static, str>,
        std::borrow::Cow<'static, str>,
    )]| {
        l.iter()
            .find(|(k, _)| k == "fr")
            .map(|(_, v)| v.to_string())
    };
    let check = |what: String, text: Option<String>, out: &mut Vec<String>| match text {
        Some(t) if !t.is_empty() && t.chars().count() <= 100 => {}
        other => out.push(format!("{what}: {other:?}")),
    };
    if command.slash_action.is_some() || !command.subcommands.is_empty() {
        check(
            format!("/{}", command.qualified_name),
            fr(&command.description_localizations),
            out,
        );
    }
    if command.context_menu_action.is_some() {
        check(
            format!("menu {}", command.name),
            fr(&command.name_localizations),
            out,
        );
    }
    for p in &command.parameters {
        check(
            format!("/{} {}", command.qualified_name, p.name),
            fr(&p.description_localizations),
            out,
        );
        for choice in p.choices.iter() {
            check(
                format!(
                    "/{} {} choice {}",
                    command.qualified_name, p.name, choice.name
                ),
                fr(&choice.localizations),
                out,
            );
        }
    }
    for sub in &command.subcommands {
        walk(sub, out);
    }
}

#[test]
fn every_command_option_and_choice_carries_a_french_localisation_within_discords_limits() {
    let commands = crate::discord::commands::localized();
    let mut missing = Vec::new();
    for command in &commands {
        walk(command, &mut missing);
    }
    assert!(missing.is_empty(), "{missing:#?}");
    // The English descriptions come from the catalogue too.
    let settings = commands
        .iter()
        .find(|c| c.name == "community")
        .and_then(|c| c.subcommands.iter().find(|s| s.name == "settings"))
        .unwrap();
    assert_eq!(
        settings.description.as_deref(),
        Some(text(Lang::En, "cmd-community-settings", &[]).as_str())
    );
}

/// The files whose user-facing text is all in the catalogues: no English sentence may come back into
/// them as a literal (a simple scan: a string literal holding two words with a space).
const IN_THE_CATALOGUE: &[&str] = &[
    "src/discord/gathering/agenda_card.rs",
    "src/discord/gathering/reminder.rs",
    "src/discord/roles/prompt.rs",
    "src/discord/help.rs",
    "src/domain/access.rs",
];

#[test]
fn no_english_sentence_is_left_as_a_literal_in_the_files_moved_to_the_catalogue() {
    let mut found = Vec::new();
    for path in IN_THE_CATALOGUE {
        let source = std::fs::read_to_string(path).unwrap();
        let code = source.split("#[cfg(test)]").next().unwrap_or_default();
        for (n, line) in code.lines().enumerate() {
            let trimmed = line.trim_start();
            if trimmed.starts_with("//") || trimmed.starts_with('#') {
                continue;
            }
            for literal in line.split('"').skip(1).step_by(2) {
                let words = literal
                    .split(' ')
                    .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                    .count();
                if words >= 2 {
                    found.push(format!("{path}:{}: \"{literal}\"", n + 1));
                }
            }
        }
    }
    assert!(found.is_empty(), "{found:#?}");
}
