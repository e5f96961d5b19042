//! `/gathering …`: the poise adapters. Options become plain values; the work is in
//! [`crate::discord::gathering::flows`] and [`crate::discord::gathering::views`].

use crate::discord::context::{
    actor, autocomplete_gathering, choices, community_for_autocomplete, community_here, place,
};
use crate::discord::format::{Notice, Reply, Visibility};
use crate::discord::gathering::editing::{edit, reschedule};
use crate::discord::gathering::flows::{self as flows, AddInput, ScheduleInput};
use crate::discord::gathering::views;
use crate::discord::{CommandError, Context};
use crate::domain::community::Community;
use crate::domain::post_key::PostKey;
use crate::domain::recurrence::{Frequency, WeekOfMonth};
use chrono::Weekday;
use poise::serenity_prelude as serenity;

/// How often (`frequency`).
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum FrequencyChoice {
    /// `weekly`: every week on the chosen day.
    #[name = "weekly"]
    Weekly,
    /// `every-2-weeks`: every other week, counted from the first date.
    #[name = "every-2-weeks"]
    EveryTwoWeeks,
    /// `monthly`: once a month, on the chosen weekday of the chosen week.
    #[name = "monthly"]
    Monthly,
    /// `yearly`: every year in the given months, on the chosen weekday of the chosen week.
    #[name = "yearly"]
    Yearly,
}

/// Which week of the month (`week`).
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum WeekChoice {
    /// `first`: the first such weekday of the month.
    #[name = "first"]
    First,
    /// `second`: the second such weekday of the month.
    #[name = "second"]
    Second,
    /// `third`: the third such weekday of the month.
    #[name = "third"]
    Third,
    /// `fourth`: the fourth such weekday of the month.
    #[name = "fourth"]
    Fourth,
    /// `last`: the last such weekday of the month (sometimes the fourth).
    #[name = "last"]
    Last,
}

/// Which weekday (`day`).
#[derive(Debug, Clone, Copy, poise::ChoiceParameter)]
pub enum DayChoice {
    /// `monday`: the gatherings fall on Mondays.
    #[name = "monday"]
    Monday,
    /// `tuesday`: the gatherings fall on Tuesdays.
    #[name = "tuesday"]
    Tuesday,
    /// `wednesday`: the gatherings fall on Wednesdays.
    #[name = "wednesday"]
    Wednesday,
    /// `thursday`: the gatherings fall on Thursdays.
    #[name = "thursday"]
    Thursday,
    /// `friday`: the gatherings fall on Fridays.
    #[name = "friday"]
    Friday,
    /// `saturday`: the gatherings fall on Saturdays.
    #[name = "saturday"]
    Saturday,
    /// `sunday`: the gatherings fall on Sundays.
    #[name = "sunday"]
    Sunday,
}

/// Whose calendar (`scope`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, poise::ChoiceParameter)]
pub enum ScopeChoice {
    /// `community`: only the gatherings of this channel's community.
    #[name = "community"]
    Community,
    /// `guild`: the gatherings of every community of this server.
    #[name = "guild"]
    Guild,
}

pub(super) fn frequency(f: FrequencyChoice) -> Frequency {
    match f {
        FrequencyChoice::Weekly => Frequency::Weekly,
        FrequencyChoice::EveryTwoWeeks => Frequency::EveryTwoWeeks,
        FrequencyChoice::Monthly => Frequency::Monthly,
        FrequencyChoice::Yearly => Frequency::Yearly,
    }
}

pub(super) fn week(w: WeekChoice) -> WeekOfMonth {
    match w {
        WeekChoice::First => WeekOfMonth::First,
        WeekChoice::Second => WeekOfMonth::Second,
        WeekChoice::Third => WeekOfMonth::Third,
        WeekChoice::Fourth => WeekOfMonth::Fourth,
        WeekChoice::Last => WeekOfMonth::Last,
    }
}

pub(super) fn weekday(d: DayChoice) -> Weekday {
    match d {
        DayChoice::Monday => Weekday::Mon,
        DayChoice::Tuesday => Weekday::Tue,
        DayChoice::Wednesday => Weekday::Wed,
        DayChoice::Thursday => Weekday::Thu,
        DayChoice::Friday => Weekday::Fri,
        DayChoice::Saturday => Weekday::Sat,
        DayChoice::Sunday => Weekday::Sun,
    }
}

/// The community here, after checking the member organizes it.
pub(super) async fn organized_here(ctx: Context<'_>) -> Result<Community, CommandError> {
    let community = community_here(ctx).await?;
    crate::discord::context::require_organizer(&community, &actor(ctx))?;
    Ok(community)
}

/// A place written as a channel mention must be a voice channel of this server: the gathering is then
/// mirrored as a voice event there (Discord refuses a text channel; a stage needs a stage instance).
pub(super) async fn check_channel_location(
    ctx: Context<'_>,
    location: Option<&str>,
) -> Result<(), CommandError> {
    let Some(id) = location.and_then(crate::discord::events::channel_mention) else {
        return Ok(());
    };
    let refused = || {
        CommandError::said(
            crate::domain::message::Message::key("place-not-voice")
                .with("channel", format!("<#{id}>")),
        )
    };
    match ctx.http().get_channel(serenity::ChannelId::new(id)).await {
        Ok(serenity::Channel::Guild(channel))
            if Some(channel.guild_id) == ctx.guild_id()
                && channel.kind == serenity::ChannelType::Voice =>
        {
            Ok(())
        }
        Ok(_) => Err(refused()),
        Err(e) if matches!(crate::discord::events::status_of(&e), Some(403 | 404)) => {
            Err(refused())
        }
        Err(e) => Err(e.into()),
    }
}

/// Sends the reply of an organizer command, wakes the event mirror, and tells organizers once about a
/// problem mirroring events.
pub(super) async fn after_change(
    ctx: Context<'_>,
    community: &Community,
    reply: Reply,
) -> Result<(), CommandError> {
    // Read before waking the mirror: a problem this change causes is told on the next change. The
    // wake-up comes before the reply, so that a reply that fails still leaves the change planned.
    let store = &ctx.data().store;
    let problem = store.take_unreported_events_problem(community.id).await;
    ctx.data().changed();
    let problem = problem?;
    crate::discord::answer::send(ctx, reply).await?;
    if let Some(problem) = problem {
        let problem = crate::i18n::render_stored(crate::discord::error::reader(ctx), &problem);
        crate::discord::answer::send(ctx, Reply::private(problem)).await?;
    }
    Ok(())
}

/// Confirms privately to the organizer that the change notice (planned with the change, so posted
/// exactly once by the posts engine) is on its way.
async fn announce(
    ctx: Context<'_>,
    community: &Community,
    notice: Reply,
) -> Result<(), CommandError> {
    let done = Reply::private(crate::tr!(
        crate::discord::error::reader(ctx),
        "notice-on-its-way",
        title = Notice::from_reply(&notice).title
    ));
    after_change(ctx, community, done).await
}

/// Plan, move and look up this community's gatherings
#[poise::command(
    slash_command,
    guild_only,
    subcommands(
        "schedule",
        "add",
        "list",
        "next",
        "mine",
        "move_",
        "cancel",
        "edit",
        "reschedule",
        "end_series",
        "calendar",
        "export",
        "feed"
    ),
    subcommand_required
)]
pub async fn gathering(_ctx: Context<'_>) -> Result<(), CommandError> {
    Ok(())
}

/// Set a recurring rhythm of gatherings (organizers)
#[poise::command(slash_command, guild_only)]
#[allow(clippy::too_many_arguments)]
pub async fn schedule(
    ctx: Context<'_>,
    #[description = "What the gatherings are called, e.g. Monthly practice session"] title: String,
    #[description = "How often"] frequency: FrequencyChoice,
    #[description = "Which weekday"] day: DayChoice,
    #[description = "Start time, e.g. 13:00 or 1:00pm"] start: String,
    #[description = "End time, e.g. 16:00 or 4pm (01:00+1 for the next day)"] end: String,
    #[description = "For monthly/yearly: which week of the month"] week: Option<WeekChoice>,
    #[description = "Only in these months, e.g. oct,jan,apr or sep-may"] months: Option<String>,
    #[description = "Start from this date (YYYY-MM-DD); default today"] first_date: Option<String>,
    #[description = "Where: an address, a link, or a voice channel"] location: Option<String>,
) -> Result<(), CommandError> {
    let community = organized_here(ctx).await?;
    check_channel_location(ctx, location.as_deref()).await?;
    let input = ScheduleInput {
        title,
        frequency: self::frequency(frequency),
        day: self::weekday(day),
        start,
        end,
        week: week.map(self::week),
        months,
        first_date,
        location,
    };
    let done =
        flows::schedule(&ctx.data().store, &community, input, ctx.data().clock.now()).await?;
    let reply = views::scheduled(
        community.settings.language,
        &done.series,
        community.settings.time_zone,
        community.settings.time_format,
        done.reminders.as_ref(),
    )?;
    after_change(ctx, &community, reply).await
}

/// Add a single gathering on a date (organizers)
#[poise::command(slash_command, guild_only)]
pub async fn add(
    ctx: Context<'_>,
    #[description = "The date, YYYY-MM-DD"] date: String,
    #[description = "Start time, e.g. 13:00 or 1:00pm"] start: String,
    #[description = "End time, e.g. 16:00 or 4pm"] end: String,
    #[description = "Its title (default: the community's name + gathering)"] title: Option<String>,
    #[description = "Where: an address, a link, or a voice channel"] location: Option<String>,
) -> Result<(), CommandError> {
    let community = organized_here(ctx).await?;
    check_channel_location(ctx, location.as_deref()).await?;
    let input = AddInput {
        date,
        start,
        end,
        title,
        location,
    };
    let gathering =
        flows::add(&ctx.data().store, &community, input, ctx.data().clock.now()).await?;
    after_change(ctx, &community, views::added(&community, &gathering)).await
}

/// Upcoming gatherings of this community
#[poise::command(slash_command, guild_only)]
pub async fn list(
    ctx: Context<'_>,
    #[description = "How many (1–25, default 5)"] count: Option<i64>,
    #[description = "Post the answer for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let now = ctx.data().clock.now();
    let reply = views::list(
        &ctx.data().store,
        &community,
        count,
        Visibility::public_if(public.unwrap_or(false)),
        crate::discord::error::reader(ctx),
        now,
    )
    .await?;
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// Post the agenda card of the next gathering
#[poise::command(slash_command, guild_only)]
pub async fn next(ctx: Context<'_>) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let (shown, reply) = views::next(&ctx.data().store, &community, ctx.data().clock.now()).await?;
    crate::discord::answer::send(ctx, reply).await?;
    // The card just posted is the gathering's living card now (the older one becomes a stub).
    if let poise::Context::Application(app) = ctx {
        match app.interaction.get_response(ctx.http()).await {
            // Only the public card in the community's channel (not a private "try again").
            Ok(message)
                if message.channel_id.get() == community.channel.0
                    && !message
                        .flags
                        .is_some_and(|f| f.contains(serenity::MessageFlags::EPHEMERAL)) =>
            {
                let channel = crate::domain::ids::ChannelRef(message.channel_id.get());
                crate::discord::living::shown(
                    ctx.data(),
                    community.id,
                    shown,
                    channel,
                    message.id.get(),
                )
                .await;
            }
            Ok(_) => {}
            Err(e) => tracing::warn!(error = %e, "could not read the card just posted"),
        }
    }
    Ok(())
}

/// Your upcoming roles and answers in every community of this server
#[poise::command(slash_command, guild_only)]
pub async fn mine(ctx: Context<'_>) -> Result<(), CommandError> {
    let here = place(ctx)?;
    let store = &ctx.data().store;
    let now = ctx.data().clock.now();
    let member = crate::domain::ids::MemberRef(ctx.author().id.get());
    let communities = store.communities_in_guild(here.guild).await?;
    let name_of = |id| {
        communities
            .iter()
            .find(|c| c.id == id)
            .map(|c| c.settings.name.to_string())
            .unwrap_or_default()
    };
    let mut lines = Vec::new();
    for mine in store.my_upcoming(here.guild, member, now, 10).await? {
        let card = store.living_card(mine.community, mine.gathering.id).await?;
        lines.push(crate::discord::gathering::mine::MineLine {
            community: name_of(mine.community),
            card,
            mine,
        });
    }
    // The nudge: the channel's community's next gathering, roles the member has not held lately.
    let mut nudge = None;
    if let Some(community) = communities.iter().find(|c| c.channel == here.channel) {
        if let Some(next) = store
            .upcoming(community.id, now, 1)
            .await?
            .into_iter()
            .next()
        {
            let agenda = store.agenda_as_seen(community, next.id).await?;
            let past = store.past_agendas(community.id, now, 12).await?;
            nudge = Some(crate::discord::gathering::mine::Nudge {
                roles: crate::domain::agenda::open_for(&agenda, &past, member),
                title: next.title,
                start: next.start,
            });
        }
    }
    let reply = crate::discord::gathering::mine::mine(
        crate::discord::error::reader(ctx),
        here.guild.0,
        &lines,
        nudge.as_ref(),
    );
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// Move one gathering to another date or time (organizers)
#[poise::command(slash_command, guild_only, rename = "move")]
pub async fn move_(
    ctx: Context<'_>,
    #[description = "Which gathering"]
    #[autocomplete = "autocomplete_gathering"]
    gathering: String,
    #[description = "The new date, YYYY-MM-DD"] new_date: String,
    #[description = "New start time (default: unchanged)"] start: Option<String>,
    #[description = "New end time (default: same length)"] end: Option<String>,
    #[description = "Why (shown in the notice)"] reason: Option<String>,
) -> Result<(), CommandError> {
    let community = organized_here(ctx).await?;
    let now = ctx.data().clock.now();
    let store = &ctx.data().store;
    let target =
        crate::discord::context::resolve_gathering(store, &community, &gathering, now).await?;
    let times = (start.as_deref(), end.as_deref());
    let key = PostKey::MoveNotice {
        gathering: target.id,
        interaction: ctx.id(),
    }
    .to_string();
    let moved = flows::move_one(
        store,
        &community,
        &target,
        &new_date,
        times,
        reason.as_deref(),
        &key,
        now,
        views::moved_notice,
    )
    .await?;
    crate::discord::living::refresh_card(ctx.data(), community.id, target.id, None);
    announce(ctx, &community, views::moved_notice(&community, &moved)).await
}

/// Cancel one gathering (organizers)
#[poise::command(slash_command, guild_only)]
pub async fn cancel(
    ctx: Context<'_>,
    #[description = "Which gathering"]
    #[autocomplete = "autocomplete_gathering"]
    gathering: String,
    #[description = "Why (shown in the notice)"] reason: Option<String>,
) -> Result<(), CommandError> {
    let community = organized_here(ctx).await?;
    let now = ctx.data().clock.now();
    let store = &ctx.data().store;
    let target =
        crate::discord::context::resolve_gathering(store, &community, &gathering, now).await?;
    let key = PostKey::CancelNotice {
        gathering: target.id,
    }
    .to_string();
    let cancelled = flows::cancel_one(
        store,
        &community,
        &target,
        reason.as_deref(),
        &key,
        now,
        |c| views::cancelled_notice(community.settings.language, c),
    )
    .await?;
    crate::discord::living::refresh_card(ctx.data(), community.id, target.id, None);
    let notice = views::cancelled_notice(community.settings.language, &cancelled);
    announce(ctx, &community, notice).await
}

/// Stop a recurring series after its last past gathering (organizers)
#[poise::command(slash_command, guild_only, rename = "end-series")]
pub async fn end_series(
    ctx: Context<'_>,
    #[description = "Which series"]
    #[autocomplete = "autocomplete_series"]
    series: String,
) -> Result<(), CommandError> {
    let community = organized_here(ctx).await?;
    let store = &ctx.data().store;
    let target = flows::resolve_series(store, &community, &series).await?;
    let now = ctx.data().clock.now();
    let withdrawn = flows::end_series(store, &target, now).await?;
    // The living cards of the dates taken off say so.
    for g in store.all_gatherings(community.id).await? {
        if g.series == Some(target.id)
            && g.status == crate::domain::gathering::Status::Withdrawn
            && g.end > now
        {
            crate::discord::living::refresh_card(ctx.data(), community.id, g.id, None);
        }
    }
    let ended = views::series_ended(community.settings.language, &target, withdrawn);
    after_change(ctx, &community, ended).await
}

/// Every date of a year, one line each
#[poise::command(slash_command, guild_only)]
pub async fn calendar(
    ctx: Context<'_>,
    #[description = "Which year (default: this year)"] year: Option<i32>,
    #[description = "This community, or every community of the server"] scope: Option<ScopeChoice>,
    #[description = "Post the answer for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let store = &ctx.data().store;
    let all = match scope {
        Some(ScopeChoice::Guild) => Some(store.communities_in_guild(place(ctx)?.guild).await?),
        _ => None,
    };
    let now = ctx.data().clock.now();
    let reply = views::calendar(
        store,
        &community,
        all.as_deref(),
        year,
        Visibility::public_if(public.unwrap_or(false)),
        crate::discord::error::reader(ctx),
        now,
    )
    .await?;
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// This community's calendar as an .ics file
#[poise::command(slash_command, guild_only)]
pub async fn export(
    ctx: Context<'_>,
    #[description = "Post the file for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let now = ctx.data().clock.now();
    let public = public.unwrap_or(false);
    // Posted for the channel, in the community's language; privately, in the member's.
    let lang = if public {
        community.settings.language
    } else {
        crate::discord::error::reader(ctx)
    };
    let reply = views::export(
        lang,
        &ctx.data().store,
        &community,
        Visibility::public_if(public),
        ctx.data().public_url.as_deref(),
        now,
    )
    .await?;
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

/// This community's subscribable calendar link
#[poise::command(
    slash_command,
    guild_only,
    subcommands("feed_reset"),
    subcommand_required
)]
pub async fn feed(_ctx: Context<'_>) -> Result<(), CommandError> {
    Ok(())
}

/// Replace the calendar link: the old one stops working (organizers)
#[poise::command(slash_command, guild_only, rename = "reset")]
pub async fn feed_reset(ctx: Context<'_>) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    crate::discord::context::require_organizer(&community, &actor(ctx))?;
    let token = ctx.data().store.reset_feed_token(community.id).await?;
    tracing::info!(community = %community.id, "calendar feed link replaced");
    let reply = views::feed_reset(
        crate::discord::error::reader(ctx),
        &community,
        ctx.data().public_url.as_deref(),
        &token,
    );
    crate::discord::answer::send(ctx, reply).await?;
    Ok(())
}

pub(super) async fn autocomplete_series(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    crate::discord::answer::autocomplete("autocomplete_series", series_choices(ctx, partial)).await
}

async fn series_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let mut labelled = Vec::new();
    if let Some(community) = community_for_autocomplete(ctx).await {
        match ctx.data().store.series_of(community.id).await {
            Ok(all) => {
                labelled = all
                    .iter()
                    .filter(|s| s.recurrence.until.is_none())
                    .map(|s| {
                        let rule = crate::i18n::words::series_rule(
                            crate::discord::error::reader(ctx),
                            &s.recurrence.rrule,
                            &s.summary,
                        );
                        let label = format!("{} — {rule}", s.title);
                        (label.chars().take(100).collect(), s.id.0.to_string())
                    })
                    .collect();
            }
            Err(e) => tracing::warn!(error = %e, "series autocomplete failed"),
        }
    }
    choices(labelled, partial)
}
