using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Connector;

/// <summary>The verdict on an inbound request's token: the HTTP status to answer with when it is refused.</summary>
public sealed record AuthVerdict(bool Allowed, int StatusCode, string Reason)
{
    public static readonly AuthVerdict Anonymous = new(true, 200, "no app id is configured (local development)");
    public static readonly AuthVerdict Valid = new(true, 200, "valid Bot Framework token");

    public static AuthVerdict Unauthenticated(string reason) => new(false, 401, reason);
    public static AuthVerdict Forbidden(string reason) => new(false, 403, reason);
    public static AuthVerdict Unavailable(string reason) => new(false, 503, reason);
}

/// <summary>
/// Checks the Bot Framework token on <c>POST /api/messages</c> (learn.microsoft.com, "Authentication with the Bot
/// Connector API"): RS256 signature by a published key, issuer, audience = the bot's app id, lifetime with
/// 5 minutes' skew, the <c>serviceurl</c> claim equal to the activity's serviceUrl (ignoring case), and the signing
/// key's endorsements, when it has any, naming the activity's channel. 401 when the token is missing or unreadable,
/// 403 when it fails a check.
/// </summary>
public sealed class InboundAuthenticator(
    BotSettings settings,
    SigningKeys keys,
    TimeProvider time,
    ILogger<InboundAuthenticator> logger)
{
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);
    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    public async Task<AuthVerdict> CheckAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        var verdict = await JudgeAsync(authorization, activity, cancellationToken).ConfigureAwait(false);
        if (!verdict.Allowed)
        {
            logger.LogWarning(
                "Refused an inbound {ActivityType} activity with {StatusCode}: {Reason}",
                activity.Type, verdict.StatusCode, verdict.Reason);
        }

        return verdict;
    }

    private async Task<AuthVerdict> JudgeAsync(string? authorization, Activity activity, CancellationToken cancellationToken)
    {
        if (!settings.RequiresAuthentication)
        {
            return AuthVerdict.Anonymous;
        }

        if (string.IsNullOrWhiteSpace(authorization))
        {
            return AuthVerdict.Unauthenticated("no Authorization header");
        }

        var parts = authorization.Trim().Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length != 2 || !parts[0].Equals("Bearer", StringComparison.OrdinalIgnoreCase))
        {
            return AuthVerdict.Unauthenticated("the Authorization header is not a Bearer token");
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(parts[1]);
        }
        catch (Exception e) when (e is ArgumentException or SecurityTokenMalformedException)
        {
            return AuthVerdict.Unauthenticated("the token is not a readable JWT");
        }

        if (!string.Equals(token.Alg, SecurityAlgorithms.RsaSha256, StringComparison.Ordinal))
        {
            return AuthVerdict.Forbidden($"the token's algorithm is '{token.Alg}', not RS256");
        }

        if (string.IsNullOrEmpty(token.Kid))
        {
            return AuthVerdict.Forbidden("the token names no signing key");
        }

        SigningKey? key;
        try
        {
            key = await keys.FindAsync(token.Kid, cancellationToken).ConfigureAwait(false);
        }
        catch (SigningKeysUnavailableException)
        {
            return AuthVerdict.Unavailable("the Bot Framework signing keys could not be fetched");
        }

        if (key is null)
        {
            return AuthVerdict.Forbidden("the token is signed with a key the Bot Framework does not publish");
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = settings.TokenIssuer,
            ValidAudience = settings.AppId,
            IssuerSigningKey = key.Key,
            ValidAlgorithms = [SecurityAlgorithms.RsaSha256],
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ClockSkew = ClockSkew,
            LifetimeValidator = ValidateLifetime,
            TryAllIssuerSigningKeys = false,
        };

        var result = await Handler.ValidateTokenAsync(token, parameters).ConfigureAwait(false);
        if (!result.IsValid)
        {
            return AuthVerdict.Forbidden(Describe(result.Exception));
        }

        if (!token.TryGetPayloadValue<string>("serviceurl", out var serviceUrl) || string.IsNullOrEmpty(serviceUrl))
        {
            return AuthVerdict.Forbidden("the token has no serviceurl claim");
        }

        if (!string.Equals(serviceUrl, activity.ServiceUrl, StringComparison.OrdinalIgnoreCase))
        {
            return AuthVerdict.Forbidden("the token's serviceurl claim differs from the activity's serviceUrl");
        }

        if (key.Endorsements is not null &&
            (string.IsNullOrEmpty(activity.ChannelId) ||
             !key.Endorsements.Contains(activity.ChannelId, StringComparer.OrdinalIgnoreCase)))
        {
            return AuthVerdict.Forbidden("the signing key is not endorsed for the activity's channel");
        }

        return AuthVerdict.Valid;
    }

    /// <summary>nbf and exp against this host's clock (<see cref="TimeProvider"/>), with <see cref="ClockSkew"/> either way.</summary>
    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, SecurityToken token, TokenValidationParameters parameters)
    {
        var now = time.GetUtcNow().UtcDateTime;
        if (expires is null)
        {
            throw new SecurityTokenNoExpirationException("The token has no expiry.");
        }

        if (notBefore is { } nbf && nbf > now + ClockSkew)
        {
            throw new SecurityTokenNotYetValidException("The token is not valid yet.") { NotBefore = nbf };
        }

        if (expires.Value < now - ClockSkew)
        {
            throw new SecurityTokenExpiredException("The token has expired.") { Expires = expires.Value };
        }

        return true;
    }

    private static string Describe(Exception? e) => e switch
    {
        SecurityTokenInvalidSignatureException or SecurityTokenSignatureKeyNotFoundException => "the token's signature is not valid",
        SecurityTokenInvalidAudienceException => "the token is not meant for this bot (audience)",
        SecurityTokenInvalidIssuerException => "the token's issuer is not the Bot Framework",
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenNoExpirationException => "the token has no expiry",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not allowed",
        null => "the token is not valid",
        _ => "the token is not valid (" + e.GetType().Name + ")",
    };
}
