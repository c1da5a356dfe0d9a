using Azure.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Graph;

/// <summary>Microsoft Graph's part of the host: the client, when Graph is configured, and what is built on it.</summary>
public static class GraphRegistration
{
    /// <summary>
    /// Registers the Graph client (for <c>Graph__BaseUrl</c>, with the bot's identity) the app installer (through
    /// Graph when <c>Graph__TeamsAppId</c> is set, otherwise <see cref="NoTeamsAppInstaller"/>) and the Scoping Panel calendar. A test or another
    /// host may register its own installer first.
    /// </summary>
    public static IServiceCollection AddScrBotGraph(this IServiceCollection services)
    {
        services.TryAddKeyedSingleton<TokenCredential>(GraphCredentialKey, (sp, _) =>
            GraphConnection.CreateCredential(sp.GetRequiredService<GraphSettings>(), sp.GetRequiredService<TimeProvider>()));
        services.TryAddSingleton(sp => GraphConnection.CreateClient(
            sp.GetRequiredService<GraphSettings>(),
            sp.GetRequiredKeyedService<TokenCredential>(GraphCredentialKey),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILoggerFactory>().CreateLogger("ScrBot.Graph")));
        services.TryAddSingleton<ITeamsAppInstaller>(sp => sp.GetRequiredService<GraphSettings>().CanInstallApps
            ? new GraphTeamsAppInstaller(
                sp.GetRequiredService<GraphServiceClient>(),
                sp.GetRequiredService<GraphSettings>(),
                sp.GetRequiredService<ILogger<GraphTeamsAppInstaller>>())
            : new NoTeamsAppInstaller());
        services.TryAddSingleton(sp => new Scheduling.PanelCalendar(
            sp.GetRequiredService<GraphSettings>().CanSchedule ? sp.GetRequiredService<GraphServiceClient>() : null,
            sp.GetRequiredService<GraphSettings>(),
            sp.GetRequiredService<ILogger<Scheduling.PanelCalendar>>()));
        return services;
    }

    /// <summary>The key of the credential Graph is called with (a test registers its own under it).</summary>
    public const string GraphCredentialKey = "graph";
}
