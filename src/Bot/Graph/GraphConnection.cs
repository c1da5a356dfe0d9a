using Azure.Core;
using Azure.Identity;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Kiota.Authentication.Azure;
using Microsoft.Kiota.Http.HttpClientLibrary.Middleware;
using ScrBot.Bot.Hosting;

namespace ScrBot.Bot.Graph;

/// <summary>
/// The one way ScrBot reaches Microsoft Graph: the <c>Microsoft.Graph</c> SDK with an <c>Azure.Identity</c> credential,
/// pointed at <c>Graph__BaseUrl</c>, with application permissions only (scope <c>https://graph.microsoft.com/.default</c>).
/// The SDK's own retry handler is replaced by <see cref="GraphRetryHandler"/>, which waits on the injected clock.
/// </summary>
public static class GraphConnection
{
    /// <summary>Application permissions: whatever the tenant's administrator has granted to the app.</summary>
    public const string Scope = "https://graph.microsoft.com/.default";

    /// <summary>
    /// The credential <paramref name="settings"/> call for: the managed identity in Azure, the client secret where one
    /// is configured, or, for the local stand-in only, a fixed development token.
    /// </summary>
    public static TokenCredential CreateCredential(GraphSettings settings, TimeProvider time) => settings.Credential switch
    {
        GraphCredentialKind.ManagedIdentity => new ManagedIdentityCredential(
            ManagedIdentityId.FromUserAssignedClientId(settings.ManagedIdentityClientId!)),
        GraphCredentialKind.ClientSecret => new ClientSecretCredential(settings.TenantId, settings.ClientId, settings.ClientSecret),
        GraphCredentialKind.LocalStandIn => new LocalStandInCredential(time),
        _ => throw new InvalidOperationException("Microsoft Graph is not configured (set Graph__OrganiserMailbox or Graph__TeamsAppId)."),
    };

    /// <summary>
    /// A Graph client for <paramref name="settings"/>'s base URL. The token is sent to that host only (the SDK's
    /// default sends none to a host that is not Graph's own, which would leave a stand-in without one).
    /// </summary>
    public static GraphServiceClient CreateClient(
        GraphSettings settings,
        TokenCredential credential,
        TimeProvider time,
        ILogger logger,
        HttpMessageHandler? transport = null)
    {
        var handlers = Microsoft.Graph.GraphClientFactory.CreateDefaultHandlers();
        handlers = [.. handlers.Where(h => h is not RetryHandler)];
        handlers.Insert(0, new GraphRetryHandler(time, logger));
        var http = Microsoft.Graph.GraphClientFactory.Create(handlers, finalHandler: transport ?? new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        });
        http.Timeout = TimeSpan.FromSeconds(100);

        var baseUrl = settings.BaseUrl.ToString().TrimEnd('/');
        var auth = new AzureIdentityAuthenticationProvider(credential, [settings.BaseUrl.Host], null, true, Scope);
        return new GraphServiceClient(http, auth, baseUrl);
    }
}

/// <summary>
/// The token used against the local Graph stand-in when ScrBot runs without an identity (local development only:
/// <see cref="SettingsReader"/> allows it for a loopback <c>Graph__BaseUrl</c> alone).
/// </summary>
public sealed class LocalStandInCredential(TimeProvider time) : TokenCredential
{
    public const string Token = "scrbot-local-development";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, time.GetUtcNow().AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
