using System.Collections.Concurrent;
using Azure.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// The bot's outbound token: client credentials at the token endpoint (the Microsoft identity platform's
/// <c>oauth2/v2.0/token</c>, here a local stand-in) or a managed identity, kept until shortly before it expires.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class OutboundTokenTests(AzuriteFixture azurite)
{
    private static readonly DateTimeOffset Now = new(2027, 3, 12, 10, 0, 0, TimeSpan.Zero);

    internal sealed class TokenEndpoint : IAsyncDisposable
    {
        private LoopbackServer _server = null!;

        public ConcurrentQueue<IFormCollection> Requests { get; } = new();

        public Uri Url => new(_server.BaseAddress, "tenant/oauth2/v2.0/token");

        public static async Task<TokenEndpoint> StartAsync()
        {
            var endpoint = new TokenEndpoint();
            endpoint._server = await LoopbackServer.StartAsync(app => app.MapPost("/tenant/oauth2/v2.0/token", async (HttpContext c) =>
            {
                var form = await c.Request.ReadFormAsync();
                endpoint.Requests.Enqueue(form);
                return Results.Json(new { token_type = "Bearer", expires_in = 3600, access_token = "token-" + endpoint.Requests.Count });
            }));
            return endpoint;
        }

        public ValueTask DisposeAsync() => _server.DisposeAsync();
    }

    private sealed class Factory : IHttpClientFactory
    {
        public HttpClient CreateClient(string name) => new();
    }

    private sealed class FakeManagedIdentity(TimeProvider time) : TokenCredential
    {
        public List<string[]> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            GetTokenAsync(requestContext, cancellationToken).AsTask().GetAwaiter().GetResult();

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.Add(requestContext.Scopes);
            return ValueTask.FromResult(new AccessToken("identity-token-" + Scopes.Count, time.GetUtcNow().AddHours(1)));
        }
    }

    [Fact]
    public async Task AClientSecretTokenIsFetchedOnceAndRenewedShortlyBeforeItExpires()
    {
        await using var endpoint = await TokenEndpoint.StartAsync();
        var time = new FakeTimeProvider(Now);
        var settings = new BotSettings { AppId = OpenIdServer.AppId, AppPassword = "secret", TokenEndpoint = endpoint.Url };
        using var tokens = new BotTokenProvider(settings, new Factory(), time, NullLogger<BotTokenProvider>.Instance);

        var first = await tokens.GetTokenAsync(default);
        time.Advance(TimeSpan.FromMinutes(54));
        var cached = await tokens.GetTokenAsync(default);
        time.Advance(TimeSpan.FromMinutes(2));
        var renewed = await tokens.GetTokenAsync(default);

        Assert.Equal(("token-1", "token-1", "token-2"), (first, cached, renewed));
        var form = endpoint.Requests.First();
        Assert.Equal("client_credentials", form["grant_type"]);
        Assert.Equal(OpenIdServer.AppId, form["client_id"]);
        Assert.Equal("secret", form["client_secret"]);
        Assert.Equal("https://api.botframework.com/.default", form["scope"]);
    }

    [Fact]
    public async Task WithoutAPasswordTheTokenComesFromTheManagedIdentity()
    {
        var time = new FakeTimeProvider(Now);
        var identity = new FakeManagedIdentity(time);
        var settings = new BotSettings { AppId = OpenIdServer.AppId };
        using var tokens = new BotTokenProvider(settings, new Factory(), time, NullLogger<BotTokenProvider>.Instance, identity);

        var first = await tokens.GetTokenAsync(default);
        var again = await tokens.GetTokenAsync(default);

        Assert.Equal(("identity-token-1", "identity-token-1"), (first, again));
        Assert.Equal(["https://api.botframework.com/.default"], Assert.Single(identity.Scopes));
    }

    [Fact]
    public async Task EveryRequestToTheBotConnectorCarriesTheToken()
    {
        await using var endpoint = await TokenEndpoint.StartAsync();
        await using var openId = await OpenIdServer.StartAsync();
        await using var connector = await FakeBotConnector.StartAsync();
        await using var bot = new BotFactory(new Dictionary<string, string?>
        {
            ["Bot__AppId"] = OpenIdServer.AppId,
            ["Bot__AppPassword"] = "secret",
            ["Bot__ConnectorHosts"] = "loopback",
            ["Bot__TokenEndpoint"] = endpoint.Url.AbsoluteUri,
            ["Bot__OpenIdMetadataUrl"] = openId.MetadataUrl.AbsoluteUri,
            ["Storage__TablesConnectionString"] = azurite.ConnectionString,
        });
        _ = bot.CreateClient();
        var sender = bot.Services.GetRequiredService<BotSender>();
        var to = new ConversationReference(connector.ServiceUrl, "a:1" + Activities.NewId(), Activities.TenantId, ConversationTypes.Personal);

        await sender.SendAsync(to, Activity.Message("one"));
        await sender.SendAsync(to, Activity.Message("two"));

        Assert.All(connector.Requests, r => Assert.Equal("Bearer token-1", r.Authorization));
        Assert.Single(endpoint.Requests);
    }

    [Fact]
    public async Task WithoutAnAppIdNoTokenIsSent()
    {
        await using var bot = await LocalBot.StartAsync(azurite);

        await bot.PostAsync(Activities.Message(bot.ServiceUrl, "help"));

        Assert.Null(Assert.Single(bot.Connector.Requests).Authorization);
    }
}
