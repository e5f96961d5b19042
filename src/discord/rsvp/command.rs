//! `/rsvp` and `/attendance`: who will come, who came, and the participation report.

use crate::discord::context::require_organizer;
use crate::discord::context::{actor, autocomplete_recent, community_here, resolve_any, target};
use crate::discord::format::escape;
use crate::discord::format::{Attachment, Card, Reply, Visibility};
use crate::discord::rsvp::views::attendance_sheet;
use crate::discord::{CommandError, Context};
use crate::domain::community::Community;
use crate::domain::gathering::{Gathering, GatheringId};
use crate::domain::ids::MemberRef;
use crate::domain::note_export::csv_field;
use crate::domain::rsvp::{self, report, Answer};
use chrono::Duration;

/// The `answer` option of `/rsvp`: whether the member will come.
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum AnswerChoice {
    /// `going`: the member will come.
    #[name = "going"]
    Going,
    /// `maybe`: the member might come.
    #[name = "maybe"]
    Maybe,
    /// `no`: the member can't go.
    #[name = "no"]
    No,
}

/// The `format` option of `/attendance report`: how the report is given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum FormatChoice {
    /// `embed`: a card to read in Discord (the default).
    #[name = "embed"]
    Embed,
    /// `csv`: a spreadsheet file, one row per gathering and member.
    #[name = "csv"]
    Csv,
}

/// Say whether you will come to the next gathering (or another one)
#[poise::command(slash_command, guild_only)]
pub async fn rsvp(
    ctx: Context<'_>,
    #[description = "Going, maybe, or no"] answer: AnswerChoice,
    #[description = "Which gathering (default: the next one)"]
    #[autocomplete = "crate::discord::context::autocomplete_gathering"]
    gathering: Option<String>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let g = target(ctx, &community, gathering.as_deref()).await?;
    let now = ctx.data().clock.now();
    rsvp::check_rsvp(&g, now)?;
    let answer = match answer {
        AnswerChoice::Going => Answer::Going,
        AnswerChoice::Maybe => Answer::Maybe,
        AnswerChoice::No => Answer::No,
    };
    ctx.data()
        .store
        .answer_rsvp(g.id, MemberRef(ctx.author().id.get()), answer, now)
        .await?;
    crate::discord::living::refresh_card(ctx.data(), community.id, g.id, None);
    let lang = crate::discord::error::reader(ctx);
    let mut text = crate::tr!(
        lang,
        "rsvp-noted",
        answer = crate::i18n::words::answer(lang, answer),
        title = escape(&g.title),
        when = crate::discord::format::full(g.start)
    );
    // A role holder who cannot come is asked whether to free the role.
    let agenda = ctx.data().store.agenda(&community, g.id).await?;
    let member = MemberRef(ctx.author().id.get());
    let mut reply = Reply::private("");
    if let Some(ask) = crate::discord::roles::free_your_roles(lang, &g, &agenda, member, answer) {
        text.push_str(&format!("\n{}", ask.content.unwrap_or_default()));
        reply.buttons = ask.buttons;
    }
    reply.content = Some(text);
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// Record and review who came
#[poise::command(
    slash_command,
    guild_only,
    subcommands("record", "report_cmd"),
    subcommand_required
)]
pub async fn attendance(_ctx: Context<'_>) -> Result<(), CommandError> {
    Ok(())
}

/// Mark who came to a gathering (organizers)
#[poise::command(slash_command, guild_only)]
pub async fn record(
    ctx: Context<'_>,
    #[description = "Which gathering (recent ones are listed)"]
    #[autocomplete = "autocomplete_recent"]
    gathering: String,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    require_organizer(&community, &actor(ctx))?;
    let g = resolve_any(ctx, &community, &gathering).await?;
    rsvp::check_record(&g, ctx.data().clock.now())?;
    let here = ctx.data().store.attendees(g.id).await?;
    let sheet = attendance_sheet(crate::discord::error::reader(ctx), &g, &here, None);
    crate::discord::answer::send(ctx, sheet).await?;
    Ok(())
}

/// Attendance per gathering and per member, and who is core, active or occasional
#[poise::command(slash_command, guild_only, rename = "report")]
pub async fn report_cmd(
    ctx: Context<'_>,
    #[description = "How many months back (1–24, default 6)"] months: Option<i64>,
    #[description = "embed (default) or csv"] format: Option<FormatChoice>,
    #[description = "Post the answer for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let months = months.unwrap_or(6);
    if !(1..=24).contains(&months) {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "report-months-range",
        )));
    }
    let store = &ctx.data().store;
    let now = ctx.data().clock.now();
    let from = now - Duration::days(months * 30);
    let held: Vec<Gathering> = store
        .gatherings_between(community.id, from, now)
        .await?
        .into_iter()
        .filter(|g| g.status.is_on())
        .collect();
    let (going, came, roles) = store.participation(community.id, from, now).await?;
    // Posted for the channel, the report speaks the community's language; privately, the member's.
    let lang = if public.unwrap_or(false) {
        community.settings.language
    } else {
        crate::discord::error::reader(ctx)
    };
    let mut reply = match format {
        Some(FormatChoice::Csv) => csv_reply(lang, &community, &held, &going, &came, &roles),
        _ => embed_reply(lang, &community, months, &held, &going, &came, &roles),
    };
    if public.unwrap_or(false) {
        reply.visibility = Visibility::Public;
    }
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

type Pairs = [(GatheringId, MemberRef)];

fn embed_reply(
    lang: crate::domain::language::Lang,
    community: &Community,
    months: i64,
    held: &[Gathering],
    going: &Pairs,
    came: &Pairs,
    roles: &Pairs,
) -> Reply {
    if held.is_empty() {
        return Reply::private(crate::tr!(lang, "report-none", months = months));
    }
    let zone = community.settings.time_zone;
    let (per_gathering, per_member) = report(held, going, came, roles);
    let gathering_lines: Vec<String> = per_gathering
        .iter()
        .rev()
        .take(15)
        .map(|f| {
            let day =
                crate::i18n::day_month_padded(lang, f.start.with_timezone(&zone).date_naive());
            crate::tr!(
                lang,
                "report-gathering-line",
                day = day,
                title = escape(&f.title),
                going = f.going,
                came = f.came
            )
        })
        .collect();
    let member_lines: Vec<String> = per_member
        .iter()
        .take(20)
        .map(|m| {
            let tier = m
                .tier
                .map_or(String::new(), |t| format!(" · {}", tier_label(lang, t)));
            let line = crate::tr!(
                lang,
                "report-member-line",
                member = format!("<@{}>", m.member),
                came = m.attended,
                held = held.len(),
                roles = m.roles
            );
            format!("{line}{tier}")
        })
        .collect();
    let tiers: Vec<String> = [rsvp::Tier::Core, rsvp::Tier::Active, rsvp::Tier::Occasional]
        .into_iter()
        .map(|t| {
            let names: Vec<String> = per_member
                .iter()
                .filter(|m| m.tier == Some(t))
                .map(|m| format!("<@{}>", m.member))
                .collect();
            format!(
                "**{}** ({}): {}",
                tier_label(lang, t),
                names.len(),
                if names.is_empty() {
                    "—".to_owned()
                } else {
                    names.join(", ")
                }
            )
        })
        .collect();
    let card = Card::new(
        crate::tr!(
            lang,
            "report-title",
            name = community.settings.name.as_str(),
            months = months
        ),
        crate::tr!(lang, "report-held", count = held.len()),
    )
    .field(
        crate::tr!(lang, "report-per-gathering"),
        non_empty(gathering_lines),
        false,
    )
    .field(
        crate::tr!(lang, "report-per-member"),
        non_empty(member_lines),
        false,
    )
    .field(
        crate::tr!(lang, "report-community"),
        tiers.join("\n"),
        false,
    );
    Reply::card(Visibility::Private, card)
}

/// "core", "active", "occasional" in `lang`.
fn tier_label(lang: crate::domain::language::Lang, tier: rsvp::Tier) -> String {
    match tier {
        rsvp::Tier::Core => crate::tr!(lang, "tier-core"),
        rsvp::Tier::Active => crate::tr!(lang, "tier-active"),
        rsvp::Tier::Occasional => crate::tr!(lang, "tier-occasional"),
    }
}

fn non_empty(lines: Vec<String>) -> String {
    if lines.is_empty() {
        "—".to_owned()
    } else {
        lines.join("\n")
    }
}

fn csv_reply(
    lang: crate::domain::language::Lang,
    community: &Community,
    held: &[Gathering],
    going: &Pairs,
    came: &Pairs,
    roles: &Pairs,
) -> Reply {
    let zone = community.settings.time_zone;
    let mut out = String::from("gathering_date,gathering_title,member_id,going,came,roles\n");
    for g in held {
        let members: Vec<MemberRef> = crate::domain::text::unique_in_order(
            going
                .iter()
                .chain(came)
                .chain(roles)
                .filter(|(id, _)| *id == g.id)
                .map(|(_, m)| *m),
        );
        for m in members {
            let has = |pairs: &Pairs| pairs.iter().any(|(id, who)| *id == g.id && *who == m);
            let role_count = roles
                .iter()
                .filter(|(id, who)| *id == g.id && *who == m)
                .count();
            out.push_str(&format!(
                "{},{},{},{},{},{}\n",
                g.start.with_timezone(&zone).format("%Y-%m-%d"),
                csv_field(&g.title),
                m,
                if has(going) { "yes" } else { "no" },
                if has(came) { "yes" } else { "no" },
                role_count
            ));
        }
    }
    let name = community.settings.name.as_str();
    let mut reply = Reply::private(crate::tr!(lang, "report-csv", name = escape(name)));
    reply.attachments.push(Attachment {
        name: "attendance.csv".to_owned(),
        description: crate::tr!(lang, "report-csv-description", name = name),
        bytes: out.into_bytes(),
    });
    reply
}
