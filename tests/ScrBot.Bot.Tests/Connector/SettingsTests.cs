using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>Malformed settings stop start-up with a message naming them; good ones are read with their defaults.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class SettingsTests(AzuriteFixture azurite)
{
    public static TheoryData<string, string> MalformedSettings => new()
    {
        { "Bot__AppId", "scrbot" },
        { "Bot__TenantId", "not a tenant!" },
        { "Bot__OpenIdMetadataUrl", "http://login.botframework.com/v1/.well-known/openidconfiguration" },
        { "Bot__TokenEndpoint", "login.microsoftonline.com/token" },
        { "Bot__TokenIssuer", "api.botframework.com" },
        { "Bot__AppRateLimitPerSecond", "fast" },
        { "Bot__AppRateLimitPerSecond", "0" },
        { "Bot__ConnectorHosts", "https://smba.trafficmanager.net/emea/" },
        { "Bot__AnswerWithin", "00:00:30" },
        { "Azure__ManagedIdentityClientId", "my-identity" },
        { "Graph__OrganiserMailbox", "scr panels at board" },
        { "Graph__BaseUrl", "ftp://graph.microsoft.com/v1.0" },
        { "Graph__TeamsAppId", "scrbot" },
        { "Directory__Path", "/nowhere/directory.json" },
        { "Storage__TablesConnectionString", "this is not a connection string" },
        { "Storage__TablesEndpoint", "table.core.windows.net" },
    };

    [Theory]
    [MemberData(nameof(MalformedSettings))]
    public async Task AMalformedSettingStopsStartUpWithAMessageNamingIt(string name, string value)
    {
        var settings = BotFactory.LocalSettings(azurite.ConnectionString);
        settings[name] = value;
        if (name == "Storage__TablesEndpoint")
        {
            settings.Remove("Storage__TablesConnectionString");
        }

        await using var bot = new BotFactory(settings);

        Assert.ThrowsAny<Exception>(() => bot.CreateClient());

        var problem = StartUpProblem(bot);
        Assert.Contains(name, problem, StringComparison.Ordinal);
        Assert.Single(problem.Split('\n'), line => line.StartsWith(" - ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task MissingStorageStopsStartUpNamingBothWaysToSetIt()
    {
        await using var bot = new BotFactory(new Dictionary<string, string?>());

        Assert.ThrowsAny<Exception>(() => bot.CreateClient());
        var problem = StartUpProblem(bot);

        Assert.Contains("Storage__TablesConnectionString", problem, StringComparison.Ordinal);
        Assert.Contains("Storage__TablesEndpoint", problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APasswordWithoutAnAppIdStopsStartUp()
    {
        var settings = BotFactory.LocalSettings(azurite.ConnectionString);
        settings["Bot__AppPassword"] = "secret-value-123";
        await using var bot = new BotFactory(settings);

        Assert.ThrowsAny<Exception>(() => bot.CreateClient());
        var problem = StartUpProblem(bot);

        Assert.Contains("Bot__AppPassword", problem, StringComparison.Ordinal);
        Assert.DoesNotContain(bot.Logs.Lines, l => l.Message.Contains("secret-value-123", StringComparison.Ordinal));
    }

    [Fact]
    public void EveryMalformedSettingIsNamedAtOnce()
    {
        var configuration = Configuration(new()
        {
            ["Bot__AppId"] = "scrbot",
            ["Graph__OrganiserMailbox"] = "nobody",
            ["Storage__TablesConnectionString"] = azurite.ConnectionString,
        });

        var problem = Assert.Throws<SettingsException>(() => SettingsReader.Read(configuration));

        Assert.Equal(2, problem.Problems.Count);
        Assert.Contains("Bot__AppId", problem.Message, StringComparison.Ordinal);
        Assert.Contains("Graph__OrganiserMailbox", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultsAreTheBotFrameworksAndTeamsOwn()
    {
        var settings = SettingsReader.Read(Configuration(new()
        {
            ["Bot__AppId"] = "7d3a2f51-6c1e-4b8a-9f0d-2e5c4b3a1f00",
            ["Bot__TenantId"] = "5c0b5a7e-0000-4000-8000-000000000001",
            ["Storage__TablesEndpoint"] = "https://scrbot.table.core.windows.net",
        }));

        Assert.Equal("https://login.botframework.com/v1/.well-known/openidconfiguration", settings.Bot.OpenIdMetadataUrl.AbsoluteUri);
        Assert.Equal("https://api.botframework.com", settings.Bot.TokenIssuer);
        Assert.Equal("https://login.microsoftonline.com/5c0b5a7e-0000-4000-8000-000000000001/oauth2/v2.0/token", settings.Bot.TokenEndpoint.AbsoluteUri);
        Assert.Equal(50, settings.Bot.AppRateLimitPerSecond);
        Assert.True(settings.Bot.UsesManagedIdentity);
        Assert.Equal("7d3a2f51-6c1e-4b8a-9f0d-2e5c4b3a1f00", settings.Bot.EffectiveManagedIdentityClientId);
        Assert.Equal("https://graph.microsoft.com/v1.0", settings.Graph.BaseUrl.AbsoluteUri.TrimEnd('/'));
    }

    [Fact]
    public void PlainHttpIsAllowedOnlyForTheLoopbackAddress()
    {
        var settings = SettingsReader.Read(Configuration(new()
        {
            ["Graph__BaseUrl"] = "http://127.0.0.1:5055/v1.0",
            ["Bot__OpenIdMetadataUrl"] = "http://localhost:4000/v1/.well-known/openidconfiguration",
            ["Storage__TablesConnectionString"] = azurite.ConnectionString,
        }));

        Assert.Equal(5055, settings.Graph.BaseUrl.Port);
        Assert.Throws<SettingsException>(() => SettingsReader.Read(Configuration(new()
        {
            ["Graph__BaseUrl"] = "http://graph.example/v1.0",
            ["Storage__TablesConnectionString"] = azurite.ConnectionString,
        })));
    }

    [Fact]
    public async Task TheTableServiceClientReachesTheConfiguredStorage()
    {
        await using var bot = new BotFactory(BotFactory.LocalSettings(azurite.ConnectionString));
        _ = bot.CreateClient();

        var tables = bot.Services.GetRequiredService<TableServiceClient>();
        var table = tables.GetTableClient("settingsprobe" + Guid.NewGuid().ToString("N")[..8]);
        await table.CreateIfNotExistsAsync();

        Assert.Equal(azurite.Port, tables.Uri.Port);
    }

    [Fact]
    public async Task TheBotProcessPrintsWhichSettingIsWrongAndExitsWithAnError()
    {
        var (exitCode, _, errors) = await BotProcess.RunAsync(new Dictionary<string, string>
        {
            ["Storage__TablesConnectionString"] = azurite.ConnectionString,
            ["Bot__AppRateLimitPerSecond"] = "lots",
        });

        Assert.Equal(1, exitCode);
        Assert.Contains("Bot__AppRateLimitPerSecond must be a whole number", errors, StringComparison.Ordinal);
    }

    private static IConfiguration Configuration(Dictionary<string, string?> environment) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(environment.ToDictionary(p => p.Key.Replace("__", ":", StringComparison.Ordinal), p => p.Value))
            .Build();

    /// <summary>The critical log line the host wrote when it refused to start.</summary>
    private static string StartUpProblem(BotFactory bot)
    {
        var line = bot.Logs.Lines.LastOrDefault(l => l.Level == Microsoft.Extensions.Logging.LogLevel.Critical);
        Assert.True(line.Message is not null, "The host logged why it could not start");
        Assert.StartsWith("ScrBot cannot start because of its settings:", line.Message, StringComparison.Ordinal);
        return line.Message;
    }
}
