namespace ScrBot.Bot.Hosting;

/// <summary>
/// Everything ScrBot is configured with, read from the environment once at start-up
/// (see <see cref="SettingsReader"/> for the variable names and their checks).
/// </summary>
public sealed record ScrBotSettings(BotSettings Bot, StorageSettings Storage, GraphSettings Graph, DirectorySettings Directory);

/// <summary>The bot's identity and how it talks to the Bot Connector.</summary>
public sealed record BotSettings
{
    public const string DefaultOpenIdMetadataUrl = "https://login.botframework.com/v1/.well-known/openidconfiguration";
    public const string DefaultTokenIssuer = "https://api.botframework.com";
    public const int DefaultAppRateLimitPerSecond = 50;

    /// <summary><c>Bot__AppId</c>: the bot's Microsoft Entra application (client) id. Absent only in local development.</summary>
    public string? AppId { get; init; }

    /// <summary><c>Bot__TenantId</c>: the tenant the bot's app registration lives in.</summary>
    public string? TenantId { get; init; }

    /// <summary><c>Bot__AppPassword</c>: a client secret; absent means the bot uses a managed identity.</summary>
    public string? AppPassword { get; init; }

    /// <summary><c>Azure__ManagedIdentityClientId</c>, falling back to <see cref="AppId"/>.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary><c>Bot__OpenIdMetadataUrl</c>: where the Bot Framework's signing keys are found.</summary>
    public Uri OpenIdMetadataUrl { get; init; } = new(DefaultOpenIdMetadataUrl);

    /// <summary><c>Bot__TokenIssuer</c>: the <c>iss</c> every inbound token must carry.</summary>
    public string TokenIssuer { get; init; } = DefaultTokenIssuer;

    /// <summary><c>Bot__TokenEndpoint</c>: where the bot gets its outbound token by client credentials.</summary>
    public Uri TokenEndpoint { get; init; } = new("https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token");

    /// <summary><c>Bot__AppRateLimitPerSecond</c>: requests a second to the Bot Connector across all conversations.</summary>
    public int AppRateLimitPerSecond { get; init; } = DefaultAppRateLimitPerSecond;

    /// <summary>
    /// <c>Bot__ConnectorHosts</c>: where the bot may answer an inbound activity (its serviceUrl) and so send its
    /// token. Microsoft's connector hosts by default, and loopback too in local development.
    /// </summary>
    public Connector.ConnectorHosts? ConnectorHostsSetting { get; init; }

    /// <summary>The connector hosts in force: the setting, or the default for this mode.</summary>
    public Connector.ConnectorHosts ConnectorHosts => ConnectorHostsSetting ?? Connector.ConnectorHosts.Default(localDevelopment: AppId is null);

    /// <summary>
    /// <c>Bot__AnswerWithin</c>: the longest <c>/api/messages</c> waits before answering (Teams gives up after about
    /// 15 s); what is still to be sent then goes on in the background.
    /// </summary>
    public TimeSpan AnswerWithin { get; init; } = DefaultAnswerWithin;

    public static readonly TimeSpan DefaultAnswerWithin = TimeSpan.FromSeconds(5);

    /// <summary>True when inbound requests must carry a valid Bot Framework token.</summary>
    public bool RequiresAuthentication => AppId is not null;

    /// <summary>True when outbound tokens come from a managed identity rather than a client secret.</summary>
    public bool UsesManagedIdentity => AppId is not null && AppPassword is null;

    /// <summary>The client id used with the managed identity.</summary>
    public string? EffectiveManagedIdentityClientId => ManagedIdentityClientId ?? AppId;

    /// <summary>The password is never printed.</summary>
    public override string ToString() =>
        $"BotSettings {{ AppId = {AppId ?? "(none)"}, TenantId = {TenantId ?? "(none)"}, " +
        $"Credential = {(AppId is null ? "none" : AppPassword is null ? "managed identity" : "client secret")}, " +
        $"OpenIdMetadataUrl = {OpenIdMetadataUrl}, TokenIssuer = {TokenIssuer}, TokenEndpoint = {TokenEndpoint}, " +
        $"AppRateLimitPerSecond = {AppRateLimitPerSecond}, ConnectorHosts = {ConnectorHosts} }}";
}

/// <summary>Where Azure Tables are: a connection string (Azurite, locally) or an endpoint reached with a managed identity.</summary>
public sealed record StorageSettings
{
    /// <summary><c>Storage__TablesConnectionString</c>.</summary>
    public string? TablesConnectionString { get; init; }

    /// <summary><c>Storage__TablesEndpoint</c>, e.g. https://account.table.core.windows.net.</summary>
    public Uri? TablesEndpoint { get; init; }

    /// <summary><c>Azure__ManagedIdentityClientId</c>: a user-assigned identity for <see cref="TablesEndpoint"/>.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>The connection string is never printed.</summary>
    public override string ToString() =>
        TablesEndpoint is not null ? $"StorageSettings {{ TablesEndpoint = {TablesEndpoint} }}" : "StorageSettings { TablesConnectionString = (set) }";
}

/// <summary>How ScrBot proves who it is to Microsoft Graph (application permissions only).</summary>
public enum GraphCredentialKind
{
    /// <summary>Graph is not configured: nothing calls it.</summary>
    None,

    /// <summary>The user-assigned managed identity (<c>Azure__ManagedIdentityClientId</c>, else <c>Bot__AppId</c>).</summary>
    ManagedIdentity,

    /// <summary>The bot's app registration with its client secret (<c>Bot__AppId</c>, <c>Bot__AppPassword</c>, <c>Bot__TenantId</c>).</summary>
    ClientSecret,

    /// <summary>Local development against the Graph stand-in on the loopback address: a fixed development token.</summary>
    LocalStandIn,
}

/// <summary>Microsoft Graph, for calendars and installing ScrBot for people; read and checked by <see cref="SettingsReader"/>.</summary>
public sealed record GraphSettings
{
    public const string DefaultBaseUrl = "https://graph.microsoft.com/v1.0";

    /// <summary><c>Graph__OrganiserMailbox</c>: the mailbox that organises Scoping Panel meetings.</summary>
    public string? OrganiserMailbox { get; init; }

    /// <summary><c>Graph__BaseUrl</c>.</summary>
    public Uri BaseUrl { get; init; } = new(DefaultBaseUrl);

    /// <summary><c>Graph__TeamsAppId</c>: ScrBot's id in the tenant's Teams app catalogue, for installing it for people.</summary>
    public string? TeamsAppId { get; init; }

    /// <summary>How often the invitees' answers to a booked Scoping Panel meeting are read back from Outlook, by default.</summary>
    public static readonly TimeSpan DefaultAnswersEvery = TimeSpan.FromMinutes(15);

    /// <summary><c>Graph__AnswersEvery</c>: how often the invitees' Outlook answers are read back (1 minute to 1 day).</summary>
    public TimeSpan AnswersEvery { get; init; } = DefaultAnswersEvery;

    /// <summary>How tokens for Graph are obtained; <see cref="GraphCredentialKind.None"/> when Graph is not configured.</summary>
    public GraphCredentialKind Credential { get; init; }

    /// <summary><c>Bot__TenantId</c>: the tenant whose mailboxes and users Graph is asked about.</summary>
    public string? TenantId { get; init; }

    /// <summary><c>Bot__AppId</c>: the app registration Graph's application permissions are granted to.</summary>
    public string? ClientId { get; init; }

    /// <summary><c>Bot__AppPassword</c>, with <see cref="GraphCredentialKind.ClientSecret"/>.</summary>
    public string? ClientSecret { get; init; }

    /// <summary>The managed identity's client id, with <see cref="GraphCredentialKind.ManagedIdentity"/>.</summary>
    public string? ManagedIdentityClientId { get; init; }

    /// <summary>True when Graph is configured (an organiser mailbox or a Teams app id is set).</summary>
    public bool IsConfigured => Credential != GraphCredentialKind.None;

    /// <summary>True when Scoping Panel meetings can be scheduled through Graph.</summary>
    public bool CanSchedule => IsConfigured && OrganiserMailbox is not null;

    /// <summary>True when ScrBot can install itself for a person through Graph.</summary>
    public bool CanInstallApps => IsConfigured && TeamsAppId is not null;

    /// <summary>The secret is never printed.</summary>
    public override string ToString() =>
        $"GraphSettings {{ BaseUrl = {BaseUrl}, OrganiserMailbox = {OrganiserMailbox ?? "(none)"}, " +
        $"TeamsAppId = {TeamsAppId ?? "(none)"}, Credential = {Credential} }}";
}

/// <summary>The people directory file.</summary>
public sealed record DirectorySettings
{
    /// <summary><c>Directory__Path</c>: a file that exists, when given.</summary>
    public string? Path { get; init; }
}

/// <summary>One or more settings are malformed: start-up stops with this message, which names each of them.</summary>
public sealed class SettingsException(IReadOnlyList<string> problems)
    : Exception("ScrBot cannot start because of its settings:" + Environment.NewLine + string.Join(Environment.NewLine, problems.Select(p => " - " + p)))
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
