using System.Net;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// The bot answers where an activity's serviceUrl points, with its own Bot Connector token: only the Bot Framework
/// and Teams connector hosts (Bot__ConnectorHosts) are answered; any other serviceUrl is refused before any handler
/// runs, nothing is sent anywhere and nothing is kept as where to reach a person.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ConnectorHostTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2027, 3, 12, 10, 0, 0, TimeSpan.Zero);

    private sealed class AuthenticatedBot : IAsyncDisposable
    {
        public required OpenIdServer OpenId { get; init; }
        public required OutboundTokenTests.TokenEndpoint Tokens { get; init; }
        public required FakeBotConnector Connector { get; init; }
        public required BotFactory Bot { get; init; }
        public required HandlerCalls Calls { get; init; }

        public Task<HttpResponseMessage> PostAsync(JsonObject activity) =>
            Bot.PostActivityAsync(activity, OpenIdServer.Token(OpenId.Teams, Now, activity["serviceUrl"]!.GetValue<string>()));

        public async ValueTask DisposeAsync()
        {
            await Bot.DisposeAsync();
            await Connector.DisposeAsync();
            await Tokens.DisposeAsync();
            await OpenId.DisposeAsync();
        }
    }

    private async Task<AuthenticatedBot> StartAsync(string? connectorHosts)
    {
        var openId = await OpenIdServer.StartAsync();
        var tokens = await OutboundTokenTests.TokenEndpoint.StartAsync();
        var connector = await FakeBotConnector.StartAsync();
        var calls = new HandlerCalls();
        var settings = new Dictionary<string, string?>
        {
            ["Bot__AppId"] = OpenIdServer.AppId,
            ["Bot__AppPassword"] = "secret",
            ["Bot__TokenEndpoint"] = tokens.Url.AbsoluteUri,
            ["Bot__OpenIdMetadataUrl"] = openId.MetadataUrl.AbsoluteUri,
            ["Storage__TablesConnectionString"] = azurite.ConnectionString,
        };
        if (connectorHosts is not null)
        {
            settings["Bot__ConnectorHosts"] = connectorHosts;
        }

        var bot = new BotFactory(settings, s =>
        {
            s.AddSingleton<TimeProvider>(new FakeTimeProvider(Now));
            s.AddSingleton(calls);
            s.AddCommand<PingCommand>();
        });
        _ = bot.CreateClient();
        return new AuthenticatedBot { OpenId = openId, Tokens = tokens, Connector = connector, Bot = bot, Calls = calls };
    }

    private static JsonObject PersonalInstall(string serviceUrl, string aadObjectId)
    {
        var activity = Activities.Message(serviceUrl, "");
        activity.Remove("text");
        activity.Remove("textFormat");
        activity["type"] = "installationUpdate";
        activity["action"] = "add";
        activity["from"]!["aadObjectId"] = aadObjectId;
        return activity;
    }

    [Fact]
    public async Task AServiceUrlOnAHostNotAllowedIsRefusedNothingIsSentAnywhereAndNothingIsKept()
    {
        // The stand-in connector listens on loopback, which a bot with an app id does not answer by default.
        await using var bot = await StartAsync(connectorHosts: null);
        var person = Guid.NewGuid().ToString();
        var install = PersonalInstall(bot.Connector.ServiceUrl.AbsoluteUri, person);
        var ping = Activities.Message(bot.Connector.ServiceUrl.AbsoluteUri, "ping");

        var installed = await bot.PostAsync(install);
        var pinged = await bot.PostAsync(ping);

        Assert.Equal(HttpStatusCode.BadRequest, installed.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, pinged.StatusCode);
        Assert.Contains(Replies.ServiceUrlNotAllowed, await pinged.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(0, bot.Calls.Count);
        Assert.Empty(bot.Connector.Requests);
        Assert.Empty(bot.Tokens.Requests);
        Assert.Null(await bot.Bot.Services.GetRequiredService<IConversationReferences>().FindPersonalAsync(person, default));
        Assert.False(await ClaimedAsync(ping), "A refused activity is not recorded as handled");
    }

    [Fact]
    public async Task LoopbackIsAnsweredWhenTheSettingAllowsItAsForTheLocalPlayground()
    {
        await using var bot = await StartAsync(connectorHosts: "smba.trafficmanager.net, loopback");
        var person = Guid.NewGuid().ToString();

        var installed = await bot.PostAsync(PersonalInstall(bot.Connector.ServiceUrl.AbsoluteUri, person));

        Assert.Equal(HttpStatusCode.OK, installed.StatusCode);
        Assert.Equal("Bearer token-1", (await bot.Connector.WaitForAsync(r => r.Operation == "send")).Authorization);
        Assert.NotNull(await bot.Bot.Services.GetRequiredService<IConversationReferences>().FindPersonalAsync(person, default));
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net.attacker.example/emea/")]
    [InlineData("https://attacker.example/smba.trafficmanager.net/")]
    [InlineData("http://smba.trafficmanager.net/emea/")]
    [InlineData("https://user:pass@smba.trafficmanager.net/emea/")]
    [InlineData("file:///etc/passwd")]
    [InlineData("https://10.0.0.5/")]
    public async Task AServiceUrlThatOnlyLooksLikeTeamsIsRefusedEvenWithAValidToken(string serviceUrl)
    {
        await using var bot = await StartAsync(connectorHosts: null);

        var response = await bot.PostAsync(Activities.Message(serviceUrl, "ping"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(0, bot.Calls.Count);
        Assert.Empty(bot.Tokens.Requests);
    }

    [Theory]
    [InlineData("https://smba.trafficmanager.net/emea/")]
    [InlineData("https://smba.infra.gcc.teams.microsoft.com/amer/")]
    [InlineData("https://europe.webchat.botframework.com/")]
    public async Task TeamsConnectorHostsAreAnswered(string serviceUrl)
    {
        await using var bot = await StartAsync(connectorHosts: null);

        var response = await bot.PostAsync(Activities.Message(serviceUrl, "ping"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, bot.Calls.Count);
    }

    [Fact]
    public async Task AStoredReferenceOnAHostNotAllowedGetsNoTokenAndIsKeptAsUndelivered()
    {
        await using var bot = await StartAsync(connectorHosts: null);
        var sender = bot.Bot.Services.GetRequiredService<BotSender>();
        var to = new ConversationReference(bot.Connector.ServiceUrl, "a:1" + Activities.NewId(), Activities.TenantId, ConversationTypes.Personal);

        var result = await sender.SendAsync(to, Activity.Message("hello"));

        Assert.False(result.Delivered);
        Assert.Contains("not an allowed Bot Connector host", result.Problem, StringComparison.Ordinal);
        Assert.Empty(bot.Connector.Requests);
        Assert.Empty(bot.Tokens.Requests);
    }

    private async Task<bool> ClaimedAsync(JsonObject activity)
    {
        var table = azurite.ServiceClient().GetTableClient(BotTables.HandledActivities);
        await table.CreateIfNotExistsAsync();
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            TableKeys.Encode(activity["conversation"]!["id"]!.GetValue<string>()), TableKeys.Encode(activity["id"]!.GetValue<string>()));
        return row.HasValue;
    }
}
