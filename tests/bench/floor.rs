//! The floor of the interactions benchmark: a bare serenity + poise bot on the same crates and versions
//! as Steward, with no database and constant answers. `/help` answers a constant text; a click on any
//! button updates the card with a constant; a submitted form answers a constant message. What it costs
//! is what any bot on this stack costs: the gateway, serenity's parsing, poise's dispatch and one HTTP
//! callback. The benchmark runs it as a child process of itself (`STEWARD_BENCH_FLOOR=1`).

use poise::serenity_prelude as serenity;

type Error = Box<dyn std::error::Error + Send + Sync>;
type Context<'a> = poise::Context<'a, (), Error>;

/// What the floor answers to `/help`.
const HELP: &str = "Steward helps a community of practice keep its rhythm.";

/// Help, as a constant.
#[poise::command(slash_command)]
async fn help(ctx: Context<'_>) -> Result<(), Error> {
    ctx.send(poise::CreateReply::default().content(HELP).ephemeral(true))
        .await?;
    Ok(())
}

/// Clicks and forms: constant answers of the same types Steward gives (the card updated; a message).
async fn on_event(ctx: &serenity::Context, event: &serenity::FullEvent) -> Result<(), Error> {
    let serenity::FullEvent::InteractionCreate { interaction } = event else {
        return Ok(());
    };
    match interaction {
        serenity::Interaction::Component(click) => {
            let card = serenity::CreateInteractionResponseMessage::new().content("Updated.");
            click
                .create_response(
                    &ctx.http,
                    serenity::CreateInteractionResponse::UpdateMessage(card),
                )
                .await?;
        }
        serenity::Interaction::Modal(form) => {
            let saved = serenity::CreateInteractionResponseMessage::new().content("Saved.");
            form.create_response(
                &ctx.http,
                serenity::CreateInteractionResponse::Message(saved),
            )
            .await?;
        }
        _ => {}
    }
    Ok(())
}

/// Runs the floor bot against `STEWARD_DISCORD_API_URL` with `DISCORD_TOKEN` until it is killed.
pub fn run() {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("a runtime");
    runtime.block_on(async {
        let token = std::env::var("DISCORD_TOKEN").expect("DISCORD_TOKEN");
        let base = std::env::var("STEWARD_DISCORD_API_URL").expect("STEWARD_DISCORD_API_URL");
        let client = reqwest::Client::builder()
            .no_proxy()
            .build()
            .expect("an HTTP client");
        let http = serenity::HttpBuilder::new(&token)
            .client(client)
            .proxy(base.trim_end_matches('/'))
            .ratelimiter_disabled(true)
            .build();
        let framework = poise::Framework::builder()
            .options(poise::FrameworkOptions {
                commands: vec![help()],
                event_handler: |framework, event| {
                    Box::pin(on_event(framework.serenity_context, event))
                },
                ..Default::default()
            })
            .setup(|ctx, _ready, framework| {
                Box::pin(async move {
                    poise::builtins::register_globally(ctx, &framework.options().commands).await?;
                    Ok(())
                })
            })
            .build();
        let mut client =
            serenity::ClientBuilder::new_with_http(http, serenity::GatewayIntents::GUILDS)
                .framework(framework)
                .await
                .expect("the floor bot's client");
        client
            .start_autosharded()
            .await
            .expect("the floor bot runs");
    });
}
