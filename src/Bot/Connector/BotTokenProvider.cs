using System.Text.Json;
using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Connector;

/// <summary>The bearer token for calls to the Bot Connector, or null in local development (no app id).</summary>
public interface IBotTokenProvider
{
    ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken);
}

/// <summary>
/// Gets the bot's outbound token by client credentials (<c>Bot__AppPassword</c>) at <c>Bot__TokenEndpoint</c>, or
/// from a managed identity (Azure.Identity) when no password is set, with scope
/// <c>https://api.botframework.com/.default</c>; keeps it until five minutes before it expires.
/// </summary>
public sealed class BotTokenProvider : IBotTokenProvider, IDisposable
{
    public const string HttpClientName = "ScrBot.Token";
    public const string Scope = "https://api.botframework.com/.default";
    public static readonly TimeSpan RenewBeforeExpiry = TimeSpan.FromMinutes(5);

    private readonly BotSettings _settings;
    private readonly IHttpClientFactory _httpClients;
    private readonly TimeProvider _time;
    private readonly ILogger<BotTokenProvider> _logger;
    private readonly TokenCredential? _credential;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private (string Token, DateTimeOffset ExpiresAt)? _cached;

    public BotTokenProvider(
        BotSettings settings,
        IHttpClientFactory httpClients,
        TimeProvider time,
        ILogger<BotTokenProvider> logger,
        TokenCredential? credential = null)
    {
        _settings = settings;
        _httpClients = httpClients;
        _time = time;
        _logger = logger;
        _credential = settings.UsesManagedIdentity
            ? credential ?? new ManagedIdentityCredential(ManagedIdentityId.FromUserAssignedClientId(settings.EffectiveManagedIdentityClientId!))
            : null;
    }

    public async ValueTask<string?> GetTokenAsync(CancellationToken cancellationToken)
    {
        if (_settings.AppId is null)
        {
            return null;
        }

        if (_cached is { } fresh && _time.GetUtcNow() < fresh.ExpiresAt - RenewBeforeExpiry)
        {
            return fresh.Token;
        }

        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_cached is { } again && _time.GetUtcNow() < again.ExpiresAt - RenewBeforeExpiry)
            {
                return again.Token;
            }

            var token = _credential is not null
                ? await FromManagedIdentityAsync(_credential, cancellationToken).ConfigureAwait(false)
                : await FromClientSecretAsync(cancellationToken).ConfigureAwait(false);
            _cached = token;
            _logger.LogInformation("Obtained a Bot Connector token valid until {ExpiresAt:o}", token.ExpiresAt);
            return token.Token;
        }
        finally
        {
            _gate.Release();
        }
    }

    private static async Task<(string Token, DateTimeOffset ExpiresAt)> FromManagedIdentityAsync(TokenCredential credential, CancellationToken cancellationToken)
    {
        var token = await credential.GetTokenAsync(new TokenRequestContext([Scope]), cancellationToken).ConfigureAwait(false);
        return (token.Token, token.ExpiresOn);
    }

    private async Task<(string Token, DateTimeOffset ExpiresAt)> FromClientSecretAsync(CancellationToken cancellationToken)
    {
        var http = _httpClients.CreateClient(HttpClientName);
        var requestedAt = _time.GetUtcNow();
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["client_id"] = _settings.AppId!,
            ["client_secret"] = _settings.AppPassword!,
            ["scope"] = Scope,
        });
        using var response = await http.PostAsync(_settings.TokenEndpoint, form, cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new BotTokenException($"The token endpoint answered {(int)response.StatusCode} {response.ReasonPhrase}.");
        }

        using var json = JsonDocument.Parse(body);
        var root = json.RootElement;
        if (!root.TryGetProperty("access_token", out var accessToken) || accessToken.ValueKind != JsonValueKind.String)
        {
            throw new BotTokenException("The token endpoint's answer has no access_token.");
        }

        var lifetime = root.TryGetProperty("expires_in", out var expiresIn)
            ? expiresIn.ValueKind == JsonValueKind.Number ? expiresIn.GetInt64() : long.Parse(expiresIn.GetString() ?? "0", System.Globalization.CultureInfo.InvariantCulture)
            : 3600;
        return (accessToken.GetString()!, requestedAt + TimeSpan.FromSeconds(lifetime));
    }

    public void Dispose() => _gate.Dispose();
}

/// <summary>The bot could not get its outbound token.</summary>
public sealed class BotTokenException(string message) : Exception(message);
