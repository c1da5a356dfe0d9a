using System.Globalization;
using System.Net;
using System.Net.Mail;
using Azure.Data.Tables;
using Microsoft.Extensions.Configuration;

namespace ScrBot.Bot.Hosting;

/// <summary>
/// Reads the settings from configuration (environment variables <c>Section__Name</c>) and checks each one's format.
/// Every problem is collected, and start-up stops with a message naming each malformed setting.
/// </summary>
public static class SettingsReader
{
    public static ScrBotSettings Read(IConfiguration configuration)
    {
        var problems = new List<string>();
        string? Get(string name)
        {
            var value = configuration[name.Replace("__", ":", StringComparison.Ordinal)];
            return string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        }

        var managedIdentityClientId = Get("Azure__ManagedIdentityClientId");
        if (managedIdentityClientId is not null && !Guid.TryParse(managedIdentityClientId, out _))
        {
            problems.Add($"Azure__ManagedIdentityClientId must be a client id (a GUID); it is '{managedIdentityClientId}'.");
        }

        var bot = ReadBot(Get, managedIdentityClientId, problems);
        var storage = ReadStorage(Get, managedIdentityClientId, problems);
        var graph = ReadGraph(Get, bot, problems);
        var directory = ReadDirectory(Get, problems);

        if (problems.Count > 0)
        {
            throw new SettingsException(problems);
        }

        return new ScrBotSettings(bot, storage, graph, directory);
    }

    private static BotSettings ReadBot(Func<string, string?> get, string? managedIdentityClientId, List<string> problems)
    {
        var appId = get("Bot__AppId");
        if (appId is not null && !Guid.TryParse(appId, out _))
        {
            problems.Add($"Bot__AppId must be the bot's application (client) id, a GUID; it is '{appId}'.");
        }

        var tenantId = get("Bot__TenantId");
        if (tenantId is not null && !Guid.TryParse(tenantId, out _) && Uri.CheckHostName(tenantId) != UriHostNameType.Dns)
        {
            problems.Add($"Bot__TenantId must be a tenant id (a GUID) or a tenant domain name; it is '{tenantId}'.");
        }

        var openId = ReadUrl(get, "Bot__OpenIdMetadataUrl", problems) ?? new Uri(BotSettings.DefaultOpenIdMetadataUrl);
        var issuer = get("Bot__TokenIssuer") ?? BotSettings.DefaultTokenIssuer;
        if (!Uri.TryCreate(issuer, UriKind.Absolute, out var issuerUrl) || issuerUrl.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"Bot__TokenIssuer must be the issuer inbound tokens carry, an absolute https URL such as {BotSettings.DefaultTokenIssuer}; it is '{issuer}'.");
        }

        var tokenEndpoint = ReadUrl(get, "Bot__TokenEndpoint", problems)
                            ?? new Uri($"https://login.microsoftonline.com/{Uri.EscapeDataString(tenantId ?? "botframework.com")}/oauth2/v2.0/token");

        var rate = BotSettings.DefaultAppRateLimitPerSecond;
        var rateText = get("Bot__AppRateLimitPerSecond");
        if (rateText is not null &&
            (!int.TryParse(rateText, NumberStyles.None, CultureInfo.InvariantCulture, out rate) || rate < 1 || rate > 1000))
        {
            problems.Add($"Bot__AppRateLimitPerSecond must be a whole number of requests a second from 1 to 1000; it is '{rateText}'.");
        }

        var password = get("Bot__AppPassword");
        if (appId is null && password is not null)
        {
            problems.Add("Bot__AppPassword is set but Bot__AppId is not: set both, or neither for local development.");
        }

        Connector.ConnectorHosts? connectorHosts = null;
        var hostsText = get("Bot__ConnectorHosts");
        if (hostsText is not null)
        {
            var entries = hostsText.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            var bad = entries.Where(e => !Connector.ConnectorHosts.IsWellFormedEntry(e)).ToList();
            if (entries.Length == 0 || bad.Count > 0)
            {
                problems.Add($"Bot__ConnectorHosts must list the Bot Connector hosts the bot may answer, separated by commas: host names (smba.trafficmanager.net), *.domain, or loopback; it is '{hostsText}'.");
            }
            else
            {
                connectorHosts = new Connector.ConnectorHosts(entries);
            }
        }

        var answerWithin = BotSettings.DefaultAnswerWithin;
        var answerText = get("Bot__AnswerWithin");
        if (answerText is not null &&
            (!TimeSpan.TryParse(answerText, CultureInfo.InvariantCulture, out answerWithin) || answerWithin < TimeSpan.FromSeconds(1) || answerWithin > TimeSpan.FromSeconds(12)))
        {
            problems.Add($"Bot__AnswerWithin must be a time from 00:00:01 to 00:00:12 (Teams gives up after about 15 s); it is '{answerText}'.");
        }

        return new BotSettings
        {
            AnswerWithin = answerWithin,
            ConnectorHostsSetting = connectorHosts,
            AppId = appId,
            TenantId = tenantId,
            AppPassword = password,
            ManagedIdentityClientId = managedIdentityClientId,
            OpenIdMetadataUrl = openId,
            TokenIssuer = issuer,
            TokenEndpoint = tokenEndpoint,
            AppRateLimitPerSecond = rate,
        };
    }

    private static StorageSettings ReadStorage(Func<string, string?> get, string? managedIdentityClientId, List<string> problems)
    {
        var connectionString = get("Storage__TablesConnectionString");
        var endpoint = ReadUrl(get, "Storage__TablesEndpoint", problems);
        var endpointGiven = get("Storage__TablesEndpoint") is not null;

        if (connectionString is null && !endpointGiven)
        {
            problems.Add("Storage__TablesConnectionString or Storage__TablesEndpoint must be set (Azurite's connection string locally, the account's table endpoint in Azure).");
        }
        else if (connectionString is not null && endpointGiven)
        {
            problems.Add("Storage__TablesConnectionString and Storage__TablesEndpoint are both set: set only one.");
        }
        else if (connectionString is not null)
        {
            try
            {
                _ = new TableServiceClient(connectionString);
            }
            catch (Exception e) when (e is FormatException or ArgumentException or InvalidOperationException)
            {
                problems.Add("Storage__TablesConnectionString is not a valid storage connection string (it needs an account name, key and table endpoint).");
            }
        }

        return new StorageSettings
        {
            TablesConnectionString = connectionString,
            TablesEndpoint = endpoint,
            ManagedIdentityClientId = managedIdentityClientId,
        };
    }

    private static GraphSettings ReadGraph(Func<string, string?> get, BotSettings bot, List<string> problems)
    {
        var mailbox = get("Graph__OrganiserMailbox");
        var mailboxValid = mailbox is not null && IsEmailAddress(mailbox);
        if (mailbox is not null && !mailboxValid)
        {
            problems.Add($"Graph__OrganiserMailbox must be an email address such as scr-panels@board.example; it is '{mailbox}'.");
        }

        var baseUrl = ReadUrl(get, "Graph__BaseUrl", problems) ?? new Uri(GraphSettings.DefaultBaseUrl);
        var teamsAppId = get("Graph__TeamsAppId");
        var teamsAppIdValid = teamsAppId is not null && Guid.TryParse(teamsAppId, out _);
        if (teamsAppId is not null && !teamsAppIdValid)
        {
            problems.Add($"Graph__TeamsAppId must be ScrBot's id in the tenant's Teams app catalogue (a GUID); it is '{teamsAppId}'.");
        }

        // Graph is called with the bot's own identity and application permissions only. A malformed setting is
        // reported on its own, not again as a missing identity.
        var credential = GraphCredentialKind.None;
        if (mailboxValid || teamsAppIdValid)
        {
            if (bot.AppId is null)
            {
                credential = GraphCredentialKind.LocalStandIn;
                if (!IsLoopback(baseUrl))
                {
                    problems.Add($"Graph__BaseUrl is {baseUrl} but Bot__AppId is not set: Microsoft Graph needs the bot's identity (Bot__AppId with a managed identity or Bot__AppPassword); without one, only a local Graph stand-in on localhost can be used.");
                }
            }
            else if (bot.AppPassword is not null)
            {
                credential = GraphCredentialKind.ClientSecret;
                if (bot.TenantId is null)
                {
                    problems.Add("Bot__TenantId must be set to call Microsoft Graph with Bot__AppPassword: Graph's tokens are issued by the tenant whose calendars are read.");
                }
            }
            else
            {
                credential = GraphCredentialKind.ManagedIdentity;
            }
        }

        var answersEvery = GraphSettings.DefaultAnswersEvery;
        var answersText = get("Graph__AnswersEvery");
        if (answersText is not null &&
            (!TimeSpan.TryParse(answersText, CultureInfo.InvariantCulture, out answersEvery) || answersEvery < TimeSpan.FromMinutes(1) || answersEvery > TimeSpan.FromDays(1)))
        {
            problems.Add($"Graph__AnswersEvery must be a time from 00:01:00 to 1.00:00:00 (how often the invitees' Outlook answers are read); it is '{answersText}'.");
        }

        return new GraphSettings
        {
            AnswersEvery = answersEvery,
            OrganiserMailbox = mailbox,
            BaseUrl = baseUrl,
            TeamsAppId = teamsAppId,
            Credential = credential,
            TenantId = bot.TenantId,
            ClientId = bot.AppId,
            ClientSecret = credential == GraphCredentialKind.ClientSecret ? bot.AppPassword : null,
            ManagedIdentityClientId = credential == GraphCredentialKind.ManagedIdentity ? bot.EffectiveManagedIdentityClientId : null,
        };
    }

    private static DirectorySettings ReadDirectory(Func<string, string?> get, List<string> problems)
    {
        // A relative path is read from the app's content root, and checked there when the directory is loaded.
        var path = get("Directory__Path");
        if (path is not null && Path.IsPathRooted(path) && !File.Exists(path))
        {
            problems.Add($"Directory__Path names a file that does not exist: '{path}'.");
        }

        return new DirectorySettings { Path = path };
    }

    /// <summary>An absolute https URL; plain http only for the loopback address (local stand-ins).</summary>
    private static Uri? ReadUrl(Func<string, string?> get, string name, List<string> problems)
    {
        var text = get(name);
        if (text is null)
        {
            return null;
        }

        if (!Uri.TryCreate(text, UriKind.Absolute, out var url) ||
            !(url.Scheme == Uri.UriSchemeHttps || (url.Scheme == Uri.UriSchemeHttp && IsLoopback(url))))
        {
            problems.Add($"{name} must be an absolute https URL (http only for localhost or 127.0.0.1); it is '{text}'.");
            return null;
        }

        return url;
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    private static bool IsEmailAddress(string text)
    {
        if (text.Contains(' ', StringComparison.Ordinal) || text.Count(c => c == '@') != 1)
        {
            return false;
        }

        try
        {
            var address = new MailAddress(text);
            return address.Address == text && address.Host.Contains('.', StringComparison.Ordinal);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
