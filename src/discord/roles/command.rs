//! `/role …`: claim, release and assign agenda roles; edit the template; see the rotation history.

use crate::discord::context::require_organizer;
use crate::discord::context::{
    actor, autocomplete_gathering, choices, community_for_autocomplete, community_here, target,
};
use crate::discord::format::Visibility;
use crate::discord::roles::agenda::agenda;
use crate::discord::roles::flows;
use crate::discord::roles::views;
use crate::discord::{CommandError, Context};
use crate::domain::community::Community;
use crate::domain::gathering::Gathering;
use crate::domain::ids::MemberRef;
use crate::domain::roles::Template;
use poise::serenity_prelude as serenity;

/// The community here, the target gathering and the role as spelled on its agenda.
async fn role_on_agenda(
    ctx: Context<'_>,
    role: &str,
    gathering: Option<&str>,
) -> Result<(Community, Gathering, String), CommandError> {
    let community = community_here(ctx).await?;
    let target = target(ctx, &community, gathering).await?;
    let role = flows::agenda_role(&ctx.data().store, &community, &target, role).await?;
    Ok((community, target, role))
}

/// Claim, release and assign agenda roles; edit the role list
#[poise::command(
    slash_command,
    guild_only,
    subcommands("claim", "release", "assign", "agenda", "template", "history"),
    subcommand_required
)]
pub async fn role(_ctx: Context<'_>) -> Result<(), CommandError> {
    Ok(())
}

/// Take a role on the agenda of the next gathering (or another one)
#[poise::command(slash_command, guild_only)]
pub async fn claim(
    ctx: Context<'_>,
    #[description = "Which role"]
    #[autocomplete = "autocomplete_role"]
    role: String,
    #[description = "Which gathering (default: the next one)"]
    #[autocomplete = "autocomplete_gathering"]
    gathering: Option<String>,
) -> Result<(), CommandError> {
    let (community, target, role) = role_on_agenda(ctx, &role, gathering.as_deref()).await?;
    let store = &ctx.data().store;
    let me = MemberRef(ctx.author().id.get());
    flows::claim(
        store,
        &community,
        &target,
        &role,
        me,
        ctx.data().clock.now(),
    )
    .await?;
    crate::discord::living::refresh_card(ctx.data(), community.id, target.id, None);
    crate::discord::answer::send(
        ctx,
        views::claimed(crate::discord::error::reader(ctx), &role, &target),
    )
    .await?;
    Ok(())
}

/// Give a role back (its holder, or an organizer)
#[poise::command(slash_command, guild_only)]
pub async fn release(
    ctx: Context<'_>,
    #[description = "Which role"]
    #[autocomplete = "autocomplete_role"]
    role: String,
    #[description = "Which gathering (default: the next one)"]
    #[autocomplete = "autocomplete_gathering"]
    gathering: Option<String>,
) -> Result<(), CommandError> {
    let (community, target, role) = role_on_agenda(ctx, &role, gathering.as_deref()).await?;
    let store = &ctx.data().store;
    let me = MemberRef(ctx.author().id.get());
    let now = ctx.data().clock.now();
    let holder = flows::release(store, &community, &target, &role, me, &actor(ctx), now).await?;
    crate::discord::living::refresh_card(ctx.data(), community.id, target.id, None);
    crate::discord::answer::send(
        ctx,
        views::released(
            crate::discord::error::reader(ctx),
            &role,
            &target,
            holder,
            me,
        ),
    )
    .await?;
    Ok(())
}

/// Give a role to a member (organizers)
#[poise::command(slash_command, guild_only)]
pub async fn assign(
    ctx: Context<'_>,
    #[description = "Which role"]
    #[autocomplete = "autocomplete_role"]
    role: String,
    #[description = "Who takes it"] member: serenity::User,
    #[description = "Which gathering (default: the next one)"]
    #[autocomplete = "autocomplete_gathering"]
    gathering: Option<String>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    require_organizer(&community, &actor(ctx))?;
    if member.bot {
        return Err(CommandError::said(crate::domain::message::Message::key(
            "role-not-for-bots",
        )));
    }
    let target = target(ctx, &community, gathering.as_deref()).await?;
    let store = &ctx.data().store;
    let role = flows::agenda_role(store, &community, &target, &role).await?;
    let (who, by) = (MemberRef(member.id.get()), MemberRef(ctx.author().id.get()));
    // A role someone else holds changes hands only once the organizer confirms.
    let holder = store
        .holders(target.id)
        .await?
        .into_iter()
        .find(|(r, _)| *r == role)
        .map(|(_, m)| m);
    if let Some(holder) = holder.filter(|h| *h != who) {
        let roles = store.agenda_roles(target.id, &community.template).await?;
        let index = roles.roles().iter().position(|r| *r == role).unwrap_or(0);
        let ask = views::assign_over(
            crate::discord::error::reader(ctx),
            &role,
            &target,
            index,
            holder,
            who,
        );
        crate::discord::answer::send(ctx, ask).await?;
        return Ok(());
    }
    flows::assign(store, &target, &role, who, by, ctx.data().clock.now()).await?;
    crate::discord::living::refresh_card(ctx.data(), community.id, target.id, None);
    crate::discord::answer::send(
        ctx,
        views::assigned(community.settings.language, &role, &target, who, by),
    )
    .await?;
    Ok(())
}

/// View or edit the list of agenda roles
#[poise::command(
    slash_command,
    guild_only,
    subcommands("template_view", "template_add", "template_remove", "template_reset"),
    subcommand_required
)]
pub async fn template(_ctx: Context<'_>) -> Result<(), CommandError> {
    Ok(())
}

/// The agenda roles of this community
#[poise::command(slash_command, guild_only, rename = "view")]
pub async fn template_view(ctx: Context<'_>) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    crate::discord::answer::send(
        ctx,
        views::template(crate::discord::error::reader(ctx), &community),
    )
    .await?;
    Ok(())
}

async fn save(
    ctx: Context<'_>,
    community: &Community,
    template: Template,
    what: String,
) -> Result<(), CommandError> {
    let reach = ctx
        .data()
        .store
        .apply_template(community.id, &template, ctx.data().clock.now())
        .await?;
    // The cards of the gatherings it reached show the new agenda.
    for (gathering, _) in &reach.reached {
        crate::discord::living::refresh_card(ctx.data(), community.id, *gathering, None);
    }
    let lang = crate::discord::error::reader(ctx);
    crate::discord::answer::send(ctx, views::template_changed(lang, what, &template, &reach))
        .await?;
    Ok(())
}

/// Add a role to the agenda (organizers)
#[poise::command(slash_command, guild_only, rename = "add")]
pub async fn template_add(
    ctx: Context<'_>,
    #[description = "The role, e.g. Timekeeper (up to 50 characters)"] name: String,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    require_organizer(&community, &actor(ctx))?;
    let next = community.template.add(&name)?;
    let added = next.roles().last().cloned().unwrap_or_default();
    let what = crate::tr!(
        crate::discord::error::reader(ctx),
        "role-template-added",
        role = crate::discord::format::escape(&added)
    );
    save(ctx, &community, next, what).await
}

/// Remove a role from the agenda (organizers)
#[poise::command(slash_command, guild_only, rename = "remove")]
pub async fn template_remove(
    ctx: Context<'_>,
    #[description = "Which role"]
    #[autocomplete = "autocomplete_role"]
    name: String,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    require_organizer(&community, &actor(ctx))?;
    let (next, removed) = community.template.remove(&name)?;
    let what = crate::tr!(
        crate::discord::error::reader(ctx),
        "role-template-removed",
        role = crate::discord::format::escape(&removed)
    );
    save(ctx, &community, next, what).await
}

/// Go back to the default roles (organizers)
#[poise::command(slash_command, guild_only, rename = "reset")]
pub async fn template_reset(ctx: Context<'_>) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    require_organizer(&community, &actor(ctx))?;
    save(
        ctx,
        &community,
        Template::default_in(community.settings.language),
        crate::tr!(crate::discord::error::reader(ctx), "role-template-reset"),
    )
    .await
}

/// Who held which role over the last 12 gatherings
#[poise::command(slash_command, guild_only)]
pub async fn history(
    ctx: Context<'_>,
    #[description = "Only this member's roles"] member: Option<serenity::User>,
    #[description = "Post the answer for the channel"] public: Option<bool>,
) -> Result<(), CommandError> {
    let community = community_here(ctx).await?;
    let past = ctx
        .data()
        .store
        .past_agendas(community.id, ctx.data().clock.now(), 12)
        .await?;
    let who = member.map(|m| MemberRef(m.id.get()));
    let public = public.unwrap_or(false);
    // Posted for the channel, it speaks the community's language; privately, the member's.
    let lang = if public {
        community.settings.language
    } else {
        crate::discord::error::reader(ctx)
    };
    crate::discord::answer::send(
        ctx,
        views::history(lang, &community, &past, who, Visibility::public_if(public)),
    )
    .await?;
    Ok(())
}

pub(super) async fn autocomplete_role(
    ctx: Context<'_>,
    partial: &str,
) -> serenity::CreateAutocompleteResponse {
    crate::discord::answer::autocomplete("autocomplete_role", role_choices(ctx, partial)).await
}

async fn role_choices(ctx: Context<'_>, partial: &str) -> serenity::CreateAutocompleteResponse {
    let labelled = match community_for_autocomplete(ctx).await {
        Some(community) => community
            .template
            .roles()
            .iter()
            .map(|r| (r.clone(), r.clone()))
            .collect(),
        None => Vec::new(),
    };
    choices(labelled, partial)
}
