using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.Tokens;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Connector;

/// <summary>A Bot Framework signing key and the channels it is endorsed for (null when the key lists none).</summary>
public sealed record SigningKey(JsonWebKey Key, IReadOnlyList<string>? Endorsements);

/// <summary>
/// The Bot Framework's signing keys, found through the OpenID metadata document (<c>jwks_uri</c>), cached and
/// refreshed every 12 hours, and fetched again (at most every 5 minutes) when a token names a key not yet known.
/// The JWKS is read here rather than by the OpenID library because each key carries an <c>endorsements</c> array.
/// </summary>
public sealed class SigningKeys(
    IHttpClientFactory httpClients,
    BotSettings settings,
    TimeProvider time,
    ILogger<SigningKeys> logger)
{
    public const string HttpClientName = "ScrBot.OpenId";
    public static readonly TimeSpan RefreshEvery = TimeSpan.FromHours(12);
    public static readonly TimeSpan UnknownKeyRefreshGap = TimeSpan.FromMinutes(5);

    private readonly SemaphoreSlim _refresh = new(1, 1);
    private IReadOnlyDictionary<string, SigningKey>? _keys;
    private DateTimeOffset _fetchedAt;

    /// <summary>The key with this id, or null when the Bot Framework does not publish it.</summary>
    /// <exception cref="SigningKeysUnavailableException">The keys could not be fetched and none are cached.</exception>
    public async Task<SigningKey?> FindAsync(string keyId, CancellationToken cancellationToken)
    {
        var keys = _keys;
        var now = time.GetUtcNow();
        if (keys is null || now - _fetchedAt >= RefreshEvery)
        {
            keys = await RefreshAsync(force: false, cancellationToken).ConfigureAwait(false);
        }

        if (keys.TryGetValue(keyId, out var key))
        {
            return key;
        }

        if (time.GetUtcNow() - _fetchedAt >= UnknownKeyRefreshGap)
        {
            keys = await RefreshAsync(force: true, cancellationToken).ConfigureAwait(false);
            return keys.GetValueOrDefault(keyId);
        }

        return null;
    }

    private async Task<IReadOnlyDictionary<string, SigningKey>> RefreshAsync(bool force, CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var now = time.GetUtcNow();
            if (_keys is not null && (force ? now - _fetchedAt < UnknownKeyRefreshGap : now - _fetchedAt < RefreshEvery))
            {
                return _keys;
            }

            try
            {
                var keys = await FetchAsync(cancellationToken).ConfigureAwait(false);
                _keys = keys;
                _fetchedAt = now;
                logger.LogInformation("Fetched {KeyCount} Bot Framework signing keys", keys.Count);
                return keys;
            }
            catch (Exception e) when (e is HttpRequestException or JsonException or InvalidOperationException or ArgumentException
                                          || (e is TaskCanceledException && !cancellationToken.IsCancellationRequested))
            {
                if (_keys is not null)
                {
                    logger.LogWarning(e, "Could not refresh the Bot Framework signing keys; keeping the {KeyCount} cached keys", _keys.Count);
                    _fetchedAt = now - RefreshEvery + UnknownKeyRefreshGap;
                    return _keys;
                }

                throw new SigningKeysUnavailableException(e);
            }
        }
        finally
        {
            _refresh.Release();
        }
    }

    private async Task<IReadOnlyDictionary<string, SigningKey>> FetchAsync(CancellationToken cancellationToken)
    {
        var http = httpClients.CreateClient(HttpClientName);
        using var metadata = JsonDocument.Parse(
            await http.GetStringAsync(settings.OpenIdMetadataUrl, cancellationToken).ConfigureAwait(false));
        var jwksText = metadata.RootElement.TryGetProperty("jwks_uri", out var jwksProperty) && jwksProperty.ValueKind == JsonValueKind.String
            ? jwksProperty.GetString()
            : null;
        if (!Uri.TryCreate(jwksText, UriKind.Absolute, out var jwksUri))
        {
            throw new InvalidOperationException("The OpenID metadata document has no absolute jwks_uri.");
        }

        using var jwks = JsonDocument.Parse(await http.GetStringAsync(jwksUri, cancellationToken).ConfigureAwait(false));
        if (!jwks.RootElement.TryGetProperty("keys", out var keysElement) || keysElement.ValueKind != JsonValueKind.Array)
        {
            throw new InvalidOperationException("The signing keys document has no keys array.");
        }

        var keys = new Dictionary<string, SigningKey>(StringComparer.Ordinal);
        foreach (var element in keysElement.EnumerateArray())
        {
            var key = new JsonWebKey(element.GetRawText());
            if (string.IsNullOrEmpty(key.Kid))
            {
                continue;
            }

            List<string>? endorsements = null;
            if (element.TryGetProperty("endorsements", out var endorsementsElement) && endorsementsElement.ValueKind == JsonValueKind.Array)
            {
                endorsements = endorsementsElement.EnumerateArray()
                    .Where(e => e.ValueKind == JsonValueKind.String)
                    .Select(e => e.GetString()!)
                    .ToList();
            }

            keys[key.Kid] = new SigningKey(key, endorsements);
        }

        return keys;
    }
}

/// <summary>The signing keys could not be fetched and none are cached: inbound requests cannot be checked.</summary>
public sealed class SigningKeysUnavailableException(Exception inner)
    : Exception("The Bot Framework signing keys could not be fetched.", inner);
