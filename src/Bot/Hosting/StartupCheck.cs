using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Routing;

namespace ScrBot.Bot.Hosting;

/// <summary>
/// Runs before the host serves requests: reads and checks the settings (a malformed one stops start-up with a
/// message naming it), builds the router (two handlers claiming one command or verb prefix stop it too), and warns
/// loudly when inbound requests are accepted without a token.
/// </summary>
public sealed class StartupCheck(IServiceProvider services, ILogger<StartupCheck> logger) : IHostedService
{
    public const string NoAppIdWarning =
        "NO BOT APP ID IS SET (Bot__AppId): /api/messages ACCEPTS REQUESTS WITHOUT A TOKEN. " +
        "THIS IS FOR LOCAL DEVELOPMENT ONLY: NEVER RUN LIKE THIS WHERE ANYONE ELSE CAN REACH THE BOT.";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        ScrBotSettings settings;
        try
        {
            settings = services.GetRequiredService<ScrBotSettings>();
        }
        catch (SettingsException e)
        {
            logger.LogCritical("{Problems}", e.Message);
            throw;
        }

        _ = services.GetRequiredService<ActivityRouter>();
        logger.LogInformation("{BotSettings}", settings.Bot);
        logger.LogInformation("{StorageSettings}", settings.Storage);
        if (!settings.Bot.RequiresAuthentication)
        {
            logger.LogWarning("{Banner}", new string('*', 100));
            logger.LogWarning("{Warning}", NoAppIdWarning);
            logger.LogWarning("{Banner}", new string('*', 100));
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
