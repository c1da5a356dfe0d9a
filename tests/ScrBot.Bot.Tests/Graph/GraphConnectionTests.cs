using Azure.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Graph;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using ScrBot.Bot.Graph;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Tests.Graph;

/// <summary>
/// Graph is reached through the Microsoft.Graph SDK with an Azure.Identity credential, at Graph__BaseUrl, with the
/// token of the bot's identity on every request (the stand-in requires it, and holds requests to specs/graph-v1.0.csdl).
/// </summary>
public sealed class GraphConnectionTests
{
    private const string Storage = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;TableEndpoint=http://127.0.0.1:10002/devstoreaccount1;";

    private static ScrBotSettings Read(Dictionary<string, string?> values)
    {
        values.TryAdd("Storage__TablesConnectionString", Storage);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => kv.Value))
            .Build();
        return SettingsReader.Read(configuration);
    }

    [Fact]
    public async Task TheStandInReceivesTheApplicationTokenForGraphAtTheConfiguredBaseUrl()
    {
        await using var kit = await GraphTestKit.StartAsync();

        var answer = await kit.Client.Users[GraphTestKit.Organiser].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(new GetSchedulePostRequestBody
        {
            Schedules = ["pattif@board.example"],
            StartTime = new Microsoft.Graph.Models.DateTimeTimeZone { DateTime = "2026-12-01T09:00:00", TimeZone = "UTC" },
            EndTime = new Microsoft.Graph.Models.DateTimeTimeZone { DateTime = "2026-12-01T17:00:00", TimeZone = "UTC" },
            AvailabilityViewInterval = 30,
        });

        var request = Assert.Single(kit.GraphRequests);
        Assert.Equal("Bearer " + GraphTestKit.Token, request.Authorization);
        Assert.Equal("/v1.0/users/scr-panels@board.example/calendar/getSchedule", request.Path);
        Assert.Equal(200, request.Status);
        Assert.Equal(["https://graph.microsoft.com/.default"], kit.Credential.LastScopes);
        Assert.Equal("0000000000000000", Assert.Single(answer!.Value!).AvailabilityView);
    }

    [Fact]
    public void WithAManagedIdentityGraphIsCalledAsThatIdentity()
    {
        var settings = Read(new()
        {
            ["Bot__AppId"] = "6f1d2c3b-0000-4000-8000-000000000001",
            ["Azure__ManagedIdentityClientId"] = "6f1d2c3b-0000-4000-8000-000000000002",
            ["Graph__OrganiserMailbox"] = "scr-panels@board.example",
        }).Graph;

        Assert.Equal(GraphCredentialKind.ManagedIdentity, settings.Credential);
        Assert.Equal("6f1d2c3b-0000-4000-8000-000000000002", settings.ManagedIdentityClientId);
        Assert.IsType<ManagedIdentityCredential>(GraphConnection.CreateCredential(settings, TimeProvider.System));
        Assert.True(settings.CanSchedule);
        Assert.False(settings.CanInstallApps);
    }

    [Fact]
    public void WithAClientSecretGraphIsCalledWithTheBotsAppRegistrationInItsTenant()
    {
        var settings = Read(new()
        {
            ["Bot__AppId"] = "6f1d2c3b-0000-4000-8000-000000000001",
            ["Bot__AppPassword"] = "secret-value",
            ["Bot__TenantId"] = "board.example",
            ["Graph__TeamsAppId"] = "c5f1a7d2-3b4e-4f60-9a8b-7c6d5e4f3a21",
        }).Graph;

        Assert.Equal(GraphCredentialKind.ClientSecret, settings.Credential);
        Assert.IsType<ClientSecretCredential>(GraphConnection.CreateCredential(settings, TimeProvider.System));
        Assert.DoesNotContain("secret-value", settings.ToString(), StringComparison.Ordinal);
        Assert.True(settings.CanInstallApps);
    }

    [Theory]
    [InlineData("Bot__TenantId", "6f1d2c3b-0000-4000-8000-000000000001", "secret", null, "https://graph.microsoft.com/v1.0")]
    [InlineData("Graph__BaseUrl", null, null, null, "https://graph.microsoft.com/v1.0")]
    [InlineData("Graph__TeamsAppId", null, null, "scrbot", "http://127.0.0.1:5290/v1.0")]
    public void GraphSettingsThatCannotWorkStopStartUpNamingTheSetting(string named, string? appId, string? password, string? teamsAppId, string baseUrl)
    {
        var values = new Dictionary<string, string?>
        {
            ["Graph__OrganiserMailbox"] = "scr-panels@board.example",
            ["Graph__BaseUrl"] = baseUrl,
            ["Bot__AppId"] = appId,
            ["Bot__AppPassword"] = password,
            ["Graph__TeamsAppId"] = teamsAppId,
        };

        var problem = Assert.Throws<SettingsException>(() => Read(values));

        Assert.Contains(problem.Problems, p => p.StartsWith(named, StringComparison.Ordinal) || p.Contains(named, StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("00:01:00", 1)]
    [InlineData(null, 15)]
    public void TheOutlookAnswersAreReadEveryGraphAnswersEvery(string? every, int minutes)
    {
        var settings = Read(new()
        {
            ["Graph__OrganiserMailbox"] = "scr-panels@board.example",
            ["Graph__BaseUrl"] = "http://127.0.0.1:5290/v1.0",
            ["Graph__AnswersEvery"] = every,
        }).Graph;

        Assert.Equal(TimeSpan.FromMinutes(minutes), settings.AnswersEvery);
    }

    [Theory]
    [InlineData("00:00:05")]
    [InlineData("every minute")]
    public void AnAnswersIntervalThatIsNotATimeFromAMinuteToADayStopsStartUp(string every)
    {
        var problem = Assert.Throws<SettingsException>(() => Read(new()
        {
            ["Graph__OrganiserMailbox"] = "scr-panels@board.example",
            ["Graph__BaseUrl"] = "http://127.0.0.1:5290/v1.0",
            ["Graph__AnswersEvery"] = every,
        }));

        Assert.Contains(problem.Problems, p => p.StartsWith("Graph__AnswersEvery must be a time from 00:01:00 to 1.00:00:00", StringComparison.Ordinal));
    }

    [Fact]
    public void LocallyWithoutAnIdentityOnlyTheStandInOnLoopbackIsCalledWithADevelopmentToken()
    {
        var settings = Read(new()
        {
            ["Graph__OrganiserMailbox"] = "scr-panels@board.example",
            ["Graph__BaseUrl"] = "http://127.0.0.1:5290/v1.0",
        }).Graph;

        Assert.Equal(GraphCredentialKind.LocalStandIn, settings.Credential);
        Assert.IsType<LocalStandInCredential>(GraphConnection.CreateCredential(settings, TimeProvider.System));
    }

    [Fact]
    public void WithoutGraphSettingsNothingCallsGraphAndNobodyIsInstalled()
    {
        var services = Services(new());

        Assert.False(services.GetRequiredService<GraphSettings>().IsConfigured);
        Assert.IsType<NoTeamsAppInstaller>(services.GetRequiredService<ITeamsAppInstaller>());
    }

    [Fact]
    public void WithATeamsAppIdTheInstallerUsesGraph()
    {
        var services = Services(new()
        {
            ["Graph__TeamsAppId"] = "c5f1a7d2-3b4e-4f60-9a8b-7c6d5e4f3a21",
            ["Graph__BaseUrl"] = "http://127.0.0.1:5290/v1.0",
        });

        Assert.IsType<GraphTeamsAppInstaller>(services.GetRequiredService<ITeamsAppInstaller>());
        Assert.NotNull(services.GetRequiredService<GraphServiceClient>());
    }

    private static ServiceProvider Services(Dictionary<string, string?> values)
    {
        values.TryAdd("Storage__TablesConnectionString", Storage);
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(values.ToDictionary(kv => kv.Key.Replace("__", ":", StringComparison.Ordinal), kv => kv.Value))
            .Build();
        return new ServiceCollection()
            .AddLogging()
            .AddSingleton<IConfiguration>(configuration)
            .AddScrBot()
            .BuildServiceProvider();
    }
}
