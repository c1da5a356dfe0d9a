using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Graph;
using ScrBot.Bot.Routing;

namespace ScrBot.Bot.Hosting;

/// <summary>The composition of the bot host: settings, Tables, the Bot Connector, the sender and the router.</summary>
public static class ScrBotServices
{
    /// <summary>
    /// Registers everything the bot host needs. Settings are read and checked when the host starts
    /// (<see cref="StartupCheck"/>); a malformed one stops it with a message naming it.
    /// </summary>
    public static IServiceCollection AddScrBot(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => SettingsReader.Read(sp.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()));
        services.AddSingleton(sp => sp.GetRequiredService<ScrBotSettings>().Bot);
        services.AddSingleton(sp => sp.GetRequiredService<ScrBotSettings>().Storage);
        services.AddSingleton(sp => sp.GetRequiredService<ScrBotSettings>().Graph);
        services.AddSingleton(sp => sp.GetRequiredService<ScrBotSettings>().Directory);
        services.AddHostedService<StartupCheck>();

        // Azure Tables, for every part of the bot.
        services.AddSingleton(sp => CreateTableServiceClient(sp.GetRequiredService<StorageSettings>()));
        services.AddSingleton<BotTables>();
        services.AddSingleton<IConversationReferences, ConversationReferencesTable>();
        services.AddSingleton<IHandledActivities, HandledActivitiesTable>();
        services.AddHostedService<HandledActivitiesCleanup>();
        services.AddSingleton<IUndeliveredMessages, UndeliveredMessagesTable>();

        // Inbound authentication.
        services.AddHttpClient(SigningKeys.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(20));
        services.AddSingleton<SigningKeys>();
        services.AddSingleton<InboundAuthenticator>();

        // Outbound: token, REST client, limits and retries.
        services.AddHttpClient(BotTokenProvider.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30));
        services.TryAddSingleton<IBotTokenProvider>(sp => new BotTokenProvider(
            sp.GetRequiredService<BotSettings>(),
            sp.GetRequiredService<IHttpClientFactory>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<Microsoft.Extensions.Logging.ILogger<BotTokenProvider>>(),
            sp.GetService<TokenCredential>()));
        services.AddHttpClient(ConnectorClient.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(30))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5) })
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        services.AddSingleton(sp => new ConnectorClient(
            sp.GetRequiredService<IHttpClientFactory>().CreateClient(ConnectorClient.HttpClientName),
            sp.GetRequiredService<IBotTokenProvider>(),
            sp.GetRequiredService<BotSettings>().ConnectorHosts));
        services.TryAddSingleton(new SenderOptions());
        services.AddSingleton(sp => new ConnectorRateLimiter(
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<BotSettings>().AppRateLimitPerSecond,
            sp.GetRequiredService<SenderOptions>().WindowMargin));
        services.AddSingleton<BotSender>();
        services.AddSingleton<PersonalChats>();
        services.AddScrBotGraph();

        // Routing.
        services.AddSingleton<InstallationEvents>();
        services.AddSingleton<HelpCatalogue>();
        services.AddSingleton<ActivityRouter>();
        services.AddSingleton<ActivityTurns>();
        services.AddCommand<HelpCommand>();
        return services;
    }

    /// <summary>A connection string (Azurite locally), or the endpoint with a managed identity in Azure.</summary>
    public static TableServiceClient CreateTableServiceClient(StorageSettings storage)
    {
        if (storage.TablesConnectionString is { } connectionString)
        {
            return new TableServiceClient(connectionString);
        }

        var credential = new DefaultAzureCredential(new DefaultAzureCredentialOptions
        {
            ManagedIdentityClientId = storage.ManagedIdentityClientId,
        });
        return new TableServiceClient(storage.TablesEndpoint!, credential);
    }
}
