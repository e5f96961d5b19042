use super::*;
use fluent::FluentResource;

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
fn settings_read_in_words_in_french() {
    use crate::domain::reminders::ReminderOffsets;
    use crate::domain::role_prompt::{RolePrompt, TimeFormat};
    let now = chrono::DateTime::<chrono::Utc>::from_timestamp(1_795_000_000, 0).unwrap();
    let offsets = |t: &str| words::offsets(Lang::Fr, &ReminderOffsets::parse(t).unwrap());
    assert_eq!(offsets("14d,7d,3d"), "14, 7 et 3 jours avant");
    assert_eq!(offsets("7d,1d"), "7 jours et 1 jour avant");
    assert_eq!(offsets("2h"), "2 heures avant");
    let prompt = |t: &str| {
        words::prompt(
            Lang::Fr,
            &RolePrompt::parse(t, now).unwrap(),
            TimeFormat::H24,
        )
    };
    assert_eq!(
        prompt("lun 10h"),
        "le lundi à 10:00, tant que des rôles sont libres"
    );
    assert_eq!(
        prompt("mon,thu 18:30"),
        "le lundi et le jeudi à 18:30, tant que des rôles sont libres"
    );
    assert_eq!(
        prompt("14j,7j"),
        "14 et 7 jours avant chaque rencontre, tant que des rôles sont libres"
    );
    assert_eq!(prompt("off"), "désactivé");
    // English comes from the catalogue too.
    assert_eq!(
        words::prompt(Lang::En, &RolePrompt::default_prompt(), TimeFormat::H12),
        "Mondays at 10 am, while roles are open"
    );
}

#[test]
fn dates_in_words_come_from_the_catalogue() {
    let date = chrono::NaiveDate::from_ymd_opt(2026, 12, 4).unwrap();
    assert_eq!(day_month_year(Lang::En, date), "Fri 4 Dec 2026");
    assert_eq!(day_month_year(Lang::Fr, date), "ven. 4 déc. 2026");
    let feb = chrono::NaiveDate::from_ymd_opt(2027, 2, 1).unwrap();
    assert_eq!(day_month(Lang::Fr, feb), "lun. 1 févr.");
}

/// Every `.rs` file under `dir`, sorted.
fn sources(dir: &std::path::Path, out: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path.display().to_string());
        }
    }
    out.sort();
}

/// No user-facing English is left as a literal anywhere in `src/`: what the bot says is in the
/// catalogues (see `literal_scan` for what the scan reads and what it leaves: logs, SQL, panics,
/// operators' files and test code).
#[test]
fn no_english_sentence_is_left_as_a_literal_in_src() {
    let mut files = Vec::new();
    sources(std::path::Path::new("src"), &mut files);
    assert!(files.len() > 100, "{} files", files.len());
    let found: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let source = std::fs::read_to_string(path).unwrap();
            super::literal_scan::findings(path, &source)
        })
        .collect();
    assert!(found.is_empty(), "{} literals: {found:#?}", found.len());
}

#[test]
fn a_number_in_a_message_counts_and_a_name_made_of_digits_stays_as_typed() {
    use crate::domain::message::Message;
    let held = Message::key("claim-held-by")
        .with("role", "007")
        .with("holder", "<@5>");
    assert_eq!(render(Lang::En, &held), "**007** is already held by <@5>.");
    let one = crate::i18n::text_n(Lang::Fr, "page-and-more", 1, &[("names", "Ana".into())]);
    assert_eq!(one, "Ana et 1 autre");
    let three = crate::i18n::text_n(Lang::Fr, "page-and-more", 3, &[("names", "Ana".into())]);
    assert_eq!(three, "Ana et 3 autres");
}

#[test]
fn a_series_rhythm_reads_in_each_language_from_its_stored_rule() {
    use crate::i18n::words::series_rule;
    let monthly = "FREQ=MONTHLY;BYDAY=1FR;BYHOUR=13;BYMINUTE=0;BYSECOND=0";
    assert_eq!(
        series_rule(Lang::En, monthly, "?"),
        "monthly on the first Friday"
    );
    assert_eq!(
        series_rule(Lang::Fr, monthly, "?"),
        "le premier vendredi du mois"
    );
    let school = "FREQ=MONTHLY;BYDAY=-1TH;BYMONTH=9,10,11;BYHOUR=18;BYMINUTE=30;BYSECOND=0";
    assert_eq!(
        series_rule(Lang::En, school, "?"),
        "monthly on the last Thursday, in Sep, Oct, Nov"
    );
    assert_eq!(
        series_rule(Lang::Fr, school, "?"),
        "le dernier jeudi du mois, en sept., oct., nov."
    );
    let fortnightly = "FREQ=WEEKLY;INTERVAL=2;BYDAY=TU;BYHOUR=9;BYMINUTE=0;BYSECOND=0";
    assert_eq!(series_rule(Lang::Fr, fortnightly, "?"), "un mardi sur deux");
    assert_eq!(
        series_rule(Lang::Fr, "FREQ=DAILY", "every day"),
        "every day",
        "a rule this bot did not write keeps its stored words"
    );
}

#[test]
fn a_stored_problem_is_read_in_the_readers_language_and_old_text_stays_as_it_was() {
    use crate::domain::message::Message;
    let problem =
        stored(&Message::key("ops-needs-read-history").with("channel", "<#700000000000000101>"));
    let en = render_stored(Lang::En, &problem);
    let fr = render_stored(Lang::Fr, &problem);
    assert!(
        en.starts_with("I need the **Read Message History** permission in <#700000000000000101>"),
        "{en}"
    );
    assert!(
        fr.contains("<#700000000000000101>") && !fr.contains("I need"),
        "{fr}"
    );
    assert_eq!(
        render_stored(Lang::Fr, "need Manage Events"),
        "need Manage Events"
    );
    // A long number typed by a member stays as typed (a float would round it).
    let typed = Message::key("input-not-a-time").with("typed", "1234567890123456789");
    assert!(
        render(Lang::En, &typed).contains("`1234567890123456789`"),
        "{}",
        render(Lang::En, &typed)
    );
}
