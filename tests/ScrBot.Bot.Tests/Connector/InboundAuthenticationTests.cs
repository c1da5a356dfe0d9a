using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Tests.Infrastructure;

namespace ScrBot.Bot.Tests.Connector;

/// <summary>
/// Inbound requests are checked as "Authentication with the Bot Connector API" (learn.microsoft.com) requires,
/// against RSA keys served by a local OpenID/JWKS endpoint, before any handler runs.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class InboundAuthenticationTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string ServiceUrl = "https://smba.trafficmanager.net/emea/";
    private static readonly DateTimeOffset Now = new(2027, 3, 12, 10, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Now);
    private readonly HandlerCalls _calls = new();
    private OpenIdServer _openId = null!;
    private BotFactory _bot = null!;

    public async Task InitializeAsync()
    {
        _openId = await OpenIdServer.StartAsync();
        _bot = new BotFactory(
            new Dictionary<string, string?>
            {
                ["Bot__AppId"] = OpenIdServer.AppId,
                ["Bot__AppPassword"] = "not-used-here",
                ["Bot__OpenIdMetadataUrl"] = _openId.MetadataUrl.AbsoluteUri,
                ["Storage__TablesConnectionString"] = azurite.ConnectionString,
            },
            services =>
            {
                services.AddSingleton<TimeProvider>(_time);
                services.AddSingleton(_calls);
                services.AddCommand<PingCommand>();
            });
    }

    public async Task DisposeAsync()
    {
        await _bot.DisposeAsync();
        await _openId.DisposeAsync();
    }

    private Task<HttpResponseMessage> PingAsync(string? token, string serviceUrl = ServiceUrl, string? authorization = null) =>
        _bot.PostActivityAsync(Activities.Message(serviceUrl, "ping"), token, authorization);

    private string Token(DateTimeOffset? notBefore = null, DateTimeOffset? expires = null, string audience = OpenIdServer.AppId,
        string issuer = OpenIdServer.Issuer, string serviceUrl = ServiceUrl, OpenIdServer.TestKey? key = null) =>
        OpenIdServer.Token(key ?? _openId.Teams, Now, serviceUrl, audience, issuer, notBefore, expires);

    private async Task AssertRefusedAsync(HttpResponseMessage response, HttpStatusCode expected, string because)
    {
        Assert.Equal(expected, response.StatusCode);
        Assert.Equal(0, _calls.Count);
        Assert.Contains("token", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains(_bot.Logs.Lines, l => l.Message.StartsWith("Refused an inbound message activity", StringComparison.Ordinal) && l.Message.Contains(because, StringComparison.Ordinal));
    }

    [Fact]
    public async Task AValidBotFrameworkTokenLetsTheActivityThrough()
    {
        var response = await PingAsync(Token());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _calls.Count);
    }

    [Fact]
    public async Task ATokenWithAForgedSignatureIsRefused()
    {
        var forger = new OpenIdServer.TestKey(_openId.Teams.Kid, ["msteams"]);

        await AssertRefusedAsync(await PingAsync(Token(key: forger)), HttpStatusCode.Forbidden, "signature is not valid");
    }

    [Fact]
    public async Task ATokenMeantForAnotherBotIsRefused() =>
        await AssertRefusedAsync(await PingAsync(Token(audience: "0f6c0b1e-1111-4222-8333-944455556666")), HttpStatusCode.Forbidden, "audience");

    [Fact]
    public async Task ATokenFromAnotherIssuerIsRefused() =>
        await AssertRefusedAsync(await PingAsync(Token(issuer: "https://sts.windows.net/somebody-else/")), HttpStatusCode.Forbidden, "issuer");

    [Fact]
    public async Task AnExpiredTokenIsRefused() =>
        await AssertRefusedAsync(await PingAsync(Token(notBefore: Now.AddHours(-2), expires: Now.AddMinutes(-6))), HttpStatusCode.Forbidden, "expired");

    [Fact]
    public async Task ATokenExpiredWithinFiveMinutesOfClockSkewIsStillAccepted()
    {
        var response = await PingAsync(Token(notBefore: Now.AddHours(-2), expires: Now.AddMinutes(-4)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _calls.Count);
    }

    [Fact]
    public async Task ATokenNotYetValidIsRefused() =>
        await AssertRefusedAsync(await PingAsync(Token(notBefore: Now.AddMinutes(6), expires: Now.AddHours(1))), HttpStatusCode.Forbidden, "not valid yet");

    [Fact]
    public async Task ATokenForAnotherServiceUrlIsRefused() =>
        await AssertRefusedAsync(await PingAsync(Token(serviceUrl: "https://smba.trafficmanager.net/amer/")), HttpStatusCode.Forbidden, "serviceurl claim differs");

    [Fact]
    public async Task TheServiceUrlClaimIsComparedWithoutRegardToCase()
    {
        var response = await PingAsync(Token(serviceUrl: ServiceUrl.ToUpperInvariant()));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, _calls.Count);
    }

    [Fact]
    public async Task ATokenSignedByAKeyNotEndorsedForTeamsIsRefused() =>
        await AssertRefusedAsync(await PingAsync(Token(key: _openId.WebChatOnly)), HttpStatusCode.Forbidden, "not endorsed");

    [Fact]
    public async Task AnUnsignedTokenIsRefused() =>
        await AssertRefusedAsync(await PingAsync(OpenIdServer.UnsignedToken(Now, ServiceUrl, _openId.Teams.Kid)), HttpStatusCode.Forbidden, "algorithm is 'none'");

    [Fact]
    public async Task ARequestWithoutATokenIsRefusedWhileAnAppIdIsSet() =>
        await AssertRefusedAsync(await PingAsync(token: null), HttpStatusCode.Unauthorized, "no Authorization header");

    [Fact]
    public async Task AnUnreadableTokenIsRefused() =>
        await AssertRefusedAsync(await PingAsync(token: null, authorization: "Bearer this-is-not-a-jwt"), HttpStatusCode.Unauthorized, "not a readable JWT");

    [Fact]
    public async Task ABasicAuthorizationHeaderIsRefused() =>
        await AssertRefusedAsync(await PingAsync(token: null, authorization: "Basic YWxleDpzZWNyZXQ="), HttpStatusCode.Unauthorized, "not a Bearer token");

    [Fact]
    public async Task SigningKeysAreFetchedOnceAndKeptForLaterRequests()
    {
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await PingAsync(Token())).StatusCode);
        }

        Assert.Equal(3, _calls.Count);
        Assert.Equal(1, _openId.MetadataRequests);
        Assert.Equal(1, _openId.KeyRequests);
    }

    [Fact]
    public async Task SigningKeysAreFetchedAgainAfterTwelveHours()
    {
        Assert.Equal(HttpStatusCode.OK, (await PingAsync(Token())).StatusCode);
        _time.Advance(TimeSpan.FromHours(12) + TimeSpan.FromMinutes(1));
        var later = _time.GetUtcNow();

        var response = await _bot.PostActivityAsync(Activities.Message(ServiceUrl, "ping"), OpenIdServer.Token(_openId.Teams, later, ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _openId.KeyRequests);
    }

    [Fact]
    public async Task AKeyPublishedAfterStartIsFoundByFetchingTheKeysAgain()
    {
        Assert.Equal(HttpStatusCode.OK, (await PingAsync(Token())).StatusCode);
        var rotated = new OpenIdServer.TestKey("rotated-key", ["msteams"]);
        _openId.Published.Add(rotated);
        _time.Advance(TimeSpan.FromMinutes(6));

        var response = await _bot.PostActivityAsync(Activities.Message(ServiceUrl, "ping"), OpenIdServer.Token(rotated, _time.GetUtcNow(), ServiceUrl));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, _calls.Count);
        Assert.Equal(2, _openId.KeyRequests);
    }
}

/// <summary>Without an app id (local development, the Agents Playground) requests carry no token.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class LocalDevelopmentAuthenticationTests(AzuriteFixture azurite)
{
    [Fact]
    public async Task WithoutAnAppIdARequestWithoutATokenIsAcceptedAndTheLogSaysSoLoudly()
    {
        var calls = new HandlerCalls();
        await using var bot = new BotFactory(BotFactory.LocalSettings(azurite.ConnectionString), services =>
        {
            services.AddSingleton(calls);
            services.AddCommand<PingCommand>();
        });

        var response = await bot.PostActivityAsync(Activities.Message("http://127.0.0.1:1/", "ping"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(1, calls.Count);
        Assert.Contains(bot.Logs.Lines, l => l.Level == Microsoft.Extensions.Logging.LogLevel.Warning && l.Message.Contains(StartupCheck.NoAppIdWarning, StringComparison.Ordinal));
    }
}
