use super::card::*;
use super::reply::*;
use super::text::*;
use poise::serenity_prelude::CreateInteractionResponseMessage;

#[test]
fn long_texts_are_cut_to_the_limit_with_an_ellipsis() {
    assert_eq!(cut("short", 10), "short");
    let long = "é".repeat(2000);
    let cut_text = cut(&long, 1024);
    assert_eq!(cut_text.chars().count(), 1024);
    assert!(cut_text.ends_with('…'));
}

/// `n` characters of one to four bytes each, with no space or Markdown in them.
fn text(n: usize) -> String {
    "aé日🌱".chars().cycle().take(n).collect()
}

/// A card with parts of the given lengths (no footer for 0).
fn card(title: usize, description: usize, footer: usize, fields: &[(usize, usize)]) -> Card {
    let mut card = Card::new(text(title), text(description));
    if footer > 0 {
        card = card.footer(text(footer));
    }
    for (name, value) in fields {
        card = card.field(text(*name), text(*value), false);
    }
    card
}

/// The channel message a reply becomes, as the JSON sent to Discord.
fn message_json(reply: Reply) -> serde_json::Value {
    serde_json::to_value(reply.into_message("nonce".to_owned())).unwrap()
}

fn chars_of(value: &serde_json::Value) -> usize {
    value.as_str().map_or(0, |s| s.chars().count())
}

/// The embed text of a message as Discord counts it toward 6,000.
fn embed_total(json: &serde_json::Value) -> usize {
    let embeds = json["embeds"].as_array().cloned().unwrap_or_default();
    embeds
        .iter()
        .map(|e| {
            let fields = e["fields"].as_array().cloned().unwrap_or_default();
            chars_of(&e["title"])
                + chars_of(&e["description"])
                + chars_of(&e["footer"]["text"])
                + fields
                    .iter()
                    .map(|f| chars_of(&f["name"]) + chars_of(&f["value"]))
                    .sum::<usize>()
        })
        .sum()
}

#[test]
fn a_card_of_exactly_6000_characters_is_kept_whole() {
    let whole = card(256, 4096, 1000, &[(8, 640)]);
    assert_eq!(whole.text_chars(), MAX_EMBED_TOTAL_CHARS);
    assert_eq!(fit_cards(vec![whole.clone()]), vec![whole.clone()]);
    let json = message_json(Reply::card(Visibility::Public, whole.clone()));
    assert_eq!(embed_total(&json), 6000);
    assert_eq!(json["embeds"][0]["title"], whole.title.as_str());
    assert_eq!(json["embeds"][0]["description"], whole.description.as_str());
    assert_eq!(json["embeds"][0]["footer"]["text"], text(1000).as_str());
    assert_eq!(json["embeds"][0]["fields"][0]["value"], text(640).as_str());
}

#[test]
fn one_character_over_6000_is_cut_to_6000_from_the_last_field() {
    let over = card(256, 4096, 1000, &[(8, 641)]);
    assert_eq!(over.text_chars(), 6001);
    let fitted = fit_cards([over.clone()]);
    let kept = &fitted[0];
    assert_eq!(kept.text_chars(), 6000);
    assert_eq!(
        (&kept.title, &kept.description, &kept.footer),
        (&over.title, &over.description, &over.footer)
    );
    assert_eq!(kept.fields.len(), 1);
    assert_eq!(kept.fields[0].name, over.fields[0].name);
    assert!(kept.fields[0].value.ends_with('…'));
    let json = message_json(Reply::card(Visibility::Public, over));
    assert_eq!(embed_total(&json), 6000);
}

#[test]
fn trailing_fields_give_way_when_the_total_is_too_much() {
    let many = card(100, 1000, 50, &[(10, 1000); 25]);
    let fitted = fit_cards([many.clone()]);
    let kept = &fitted[0];
    assert!(kept.text_chars() <= 6000, "{}", kept.text_chars());
    assert_eq!(
        (&kept.title, &kept.description, &kept.footer),
        (&many.title, &many.description, &many.footer)
    );
    // The first four fit whole (1,150 + 4 × 1,010 = 5,190); the fifth is cut to what is left;
    // the rest are dropped.
    assert_eq!(kept.fields.len(), 5);
    assert_eq!(&kept.fields[..4], &many.fields[..4]);
    assert_eq!(kept.fields[4].value.chars().count(), 800);
    assert_eq!(kept.text_chars(), 6000);
}

#[test]
fn thirty_fields_become_twenty_five() {
    let thirty = card(10, 10, 0, &[(5, 5); 30]);
    let fitted = fit_cards([thirty.clone()]);
    assert_eq!(fitted[0].fields.len(), MAX_FIELDS);
    assert_eq!(&fitted[0].fields[..], &thirty.fields[..25]);
    let json = message_json(Reply::card(Visibility::Private, thirty));
    assert_eq!(
        json["embeds"][0]["fields"].as_array().map(Vec::len),
        Some(25)
    );
}

#[test]
fn every_part_is_cut_to_its_own_limit() {
    // 256 + 4,096 + 256 + 1,024 = 5,632: within the total, so each part is at its own limit.
    let fitted = fit_cards([card(300, 5000, 0, &[(300, 2000)])]);
    let kept = &fitted[0];
    assert_eq!(kept.title.chars().count(), MAX_TITLE_CHARS);
    assert_eq!(kept.description.chars().count(), MAX_DESCRIPTION_CHARS);
    assert_eq!(kept.fields[0].name.chars().count(), MAX_FIELD_NAME_CHARS);
    assert_eq!(kept.fields[0].value.chars().count(), MAX_FIELD_VALUE_CHARS);
    for part in [
        &kept.title,
        &kept.description,
        &kept.fields[0].name,
        &kept.fields[0].value,
    ] {
        assert!(part.ends_with('…'));
    }
    let fitted = fit_cards([card(0, 10, 3000, &[])]);
    let footer = fitted[0].footer.clone().unwrap_or_default();
    assert_eq!(footer.chars().count(), MAX_FOOTER_CHARS);
}

#[test]
fn content_is_cut_to_2000_characters_in_every_rendering() {
    let exact = text(2000);
    assert_eq!(
        message_json(Reply::private(exact.clone()))["content"],
        exact.as_str()
    );
    let over = text(2001);
    let json = message_json(Reply::private(over.clone()));
    let content = json["content"].as_str().unwrap_or_default();
    assert_eq!(content.chars().count(), MAX_CONTENT_CHARS);
    assert!(content.ends_with('…'));
    assert!(over.starts_with(content.trim_end_matches('…')));

    let poise = Reply::private(over.clone())
        .into_poise()
        .to_slash_initial_response(CreateInteractionResponseMessage::new());
    let json = serde_json::to_value(poise).unwrap();
    assert_eq!(chars_of(&json["content"]), 2000);
    for response in [
        Reply::private(over.clone()).into_private_response(),
        Reply::private(over.clone()).into_response(),
        Reply::private(over).into_update(),
    ] {
        let json = serde_json::to_value(response).unwrap();
        assert_eq!(chars_of(&json["data"]["content"]), 2000, "{json}");
    }
}

#[test]
fn limits_count_characters_not_bytes() {
    // 4,096 emoji are 16,384 bytes: still within the description's 4,096 characters.
    let emoji = "🌱".repeat(4096);
    let whole = Card::new("", emoji.clone());
    assert_eq!(fit_cards(vec![whole.clone()]), vec![whole.clone()]);
    let json = message_json(Reply::card(Visibility::Public, whole));
    assert_eq!(json["embeds"][0]["description"], emoji.as_str());
    let fitted = fit_cards([Card::new("", "🌱".repeat(4097))]);
    assert_eq!(fitted[0].description.chars().count(), 4096);
    assert!(fitted[0].description.ends_with("🌱…"));
    let value = "д".repeat(1024);
    let with_field = Card::new("t", "d").field("n", value.clone(), true);
    assert_eq!(fit_cards([with_field.clone()]), [with_field]);
}

#[test]
fn later_cards_give_way_to_the_first_and_at_most_ten_are_sent() {
    let cards: Vec<Card> = (0..4).map(|_| Card::new("", text(1900))).collect();
    let fitted = fit_cards(cards.clone());
    assert_eq!(fitted.len(), 4);
    assert_eq!(&fitted[..3], &cards[..3]);
    assert_eq!(fitted[3].description.chars().count(), 300);
    assert_eq!(fitted.iter().map(Card::text_chars).sum::<usize>(), 6000);
    let five: Vec<Card> = (0..5).map(|_| Card::new("", text(1900))).collect();
    assert_eq!(fit_cards(five).len(), 4, "nothing is left for a fifth card");
    let twelve: Vec<Card> = (0..12).map(|i| Card::new(format!("{i}"), "x")).collect();
    assert_eq!(fit_cards(twelve).len(), MAX_EMBEDS);

    let mut reply = Reply::card(Visibility::Public, cards[0].clone());
    reply.extra_cards = cards[1..].to_vec();
    let json = message_json(reply);
    assert_eq!(json["embeds"].as_array().map(Vec::len), Some(4));
    assert_eq!(embed_total(&json), 6000);
}

#[test]
fn at_most_five_action_rows_and_labels_within_their_limits() {
    let mut reply = Reply::private("rows");
    reply.buttons = (0..30)
        .map(|i| Button {
            custom_id: format!("b{i}"),
            label: text(100),
            tone: Tone::Primary,
        })
        .collect();
    reply.member_pickers = vec![("pick".to_owned(), text(200))];
    let json = message_json(reply);
    let rows = json["components"].as_array().cloned().unwrap_or_default();
    assert_eq!(rows.len(), MAX_ACTION_ROWS);
    for row in &rows {
        let buttons = row["components"].as_array().cloned().unwrap_or_default();
        assert!(!buttons.is_empty() && buttons.len() <= MAX_BUTTONS_PER_ROW);
        for button in &buttons {
            assert_eq!(chars_of(&button["label"]), MAX_BUTTON_LABEL_CHARS);
        }
    }
    let mut picker = Reply::private("pick");
    picker.member_pickers = vec![("pick".to_owned(), text(200))];
    let json = message_json(picker);
    let placeholder = &json["components"][0]["components"][0]["placeholder"];
    assert_eq!(chars_of(placeholder), MAX_PLACEHOLDER_CHARS);
}

#[test]
fn a_cut_closes_bold_and_code_it_leaves_open() {
    let bold = format!("**{}**", "word ".repeat(1000));
    let cut_bold = cut_markdown(&bold, 4096);
    assert!(cut_bold.chars().count() <= 4096);
    assert!(cut_bold.ends_with("word**…"), "{cut_bold}");
    assert_eq!(cut_bold.matches("**").count(), 2);

    let code = format!("```\n{}```", "let x = 1;\n".repeat(500));
    let cut_code = cut_markdown(&code, 1024);
    assert_eq!(cut_code.chars().count(), 1024);
    assert!(cut_code.ends_with("\n```…"), "{cut_code}");
    assert_eq!(cut_code.matches("```").count(), 2);

    let nested = format!("||~~__{}", "secret ".repeat(1000));
    let cut_nested = cut_markdown(&nested, 2000);
    assert!(cut_nested.ends_with("__~~||…"), "{cut_nested}");
    assert!(cut_nested.chars().count() <= 2000);

    let inline = format!("`{}", "x".repeat(3000));
    let cut_inline = cut_markdown(&inline, 2000);
    assert!(cut_inline.ends_with("x`…"), "{cut_inline}");
    assert_eq!(cut_inline.chars().count(), 2000);

    // Escaped markers are text: nothing to close.
    let escaped = format!("\\*\\*{}", "a".repeat(5000));
    assert!(!cut_markdown(&escaped, 4096).contains("**"));
    // Balanced text is left balanced, and a cut never splits a marker.
    let closed = format!("{}**b**", "a".repeat(4094));
    let cut_closed = cut_markdown(&closed, 4096);
    assert_eq!(cut_closed.matches("**").count() % 2, 0, "{cut_closed}");
}

#[test]
fn a_cut_never_falls_inside_a_timestamp_mention_link_or_escape() {
    let stamp = format!("{}<t:1700000000:F>", "a".repeat(4085));
    assert_eq!(cut_markdown(&stamp, 4096), format!("{}…", "a".repeat(4085)));
    let mention = format!("{}<@123456789012345678>", "a".repeat(4080));
    assert_eq!(
        cut_markdown(&mention, 4096),
        format!("{}…", "a".repeat(4080))
    );
    let escape = format!("{}\\*{}", "a".repeat(4094), "a".repeat(100));
    assert_eq!(
        cut_markdown(&escape, 4096),
        format!("{}…", "a".repeat(4094))
    );
    let link = format!(
        "{} [guide](https://example.org/{})",
        "a".repeat(3900),
        "p".repeat(300)
    );
    assert_eq!(cut_markdown(&link, 4096), format!("{}…", "a".repeat(3900)));
    // Near the limit, a cut prefers a line break, then a space.
    let lines = format!("{}\n{}", "a ".repeat(1900), "b".repeat(300));
    assert_eq!(
        cut_markdown(&lines, 4000),
        format!("{}…", "a ".repeat(1900).trim_end())
    );
    // Small limits still hold, by characters.
    assert_eq!(cut_markdown("🌱🌱🌱🌱", 3), "🌱🌱…");
    assert_eq!(cut_markdown("🌱", 0), "");
}
