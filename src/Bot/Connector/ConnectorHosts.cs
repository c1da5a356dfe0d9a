using System.Net;

namespace ScrBot.Bot.Connector;

/// <summary>
/// The hosts the bot's own token may be sent to: an inbound activity's <c>serviceUrl</c> is where the bot answers,
/// with its Bot Connector bearer token, so only the Bot Framework and Teams connector hosts are accepted
/// (<c>Bot__ConnectorHosts</c>). Each entry is a host name (<c>smba.trafficmanager.net</c>), a wildcard for any
/// host under a domain (<c>*.botframework.com</c>), or <c>loopback</c> for localhost and 127.0.0.1/::1 (the
/// local Agents Playground). Other hosts must be reached over https; loopback may use http.
/// </summary>
public sealed class ConnectorHosts
{
    public const string Loopback = "loopback";

    /// <summary>
    /// The public cloud's Teams connector (<c>smba.trafficmanager.net</c>), the Bot Framework's channels
    /// (<c>*.botframework.com</c>) and Teams' own connector hosts (<c>*.teams.microsoft.com</c>, e.g. GCC's
    /// <c>smba.infra.gcc.teams.microsoft.com</c>). Sovereign clouds add theirs through the setting.
    /// </summary>
    public static readonly IReadOnlyList<string> MicrosoftHosts = ["smba.trafficmanager.net", "*.botframework.com", "*.teams.microsoft.com"];

    private readonly string[] _exact;
    private readonly string[] _suffixes;

    public ConnectorHosts(IEnumerable<string> entries)
    {
        var list = entries.Select(e => e.Trim().ToLowerInvariant()).Where(e => e.Length > 0).Distinct().ToList();
        Entries = list;
        AllowsLoopback = list.Contains(Loopback);
        _exact = list.Where(e => e != Loopback && !e.StartsWith("*.", StringComparison.Ordinal)).ToArray();
        _suffixes = list.Where(e => e.StartsWith("*.", StringComparison.Ordinal)).Select(e => e[1..]).ToArray();
    }

    /// <summary>The default: Microsoft's hosts, and loopback in local development (no app id) only.</summary>
    public static ConnectorHosts Default(bool localDevelopment) =>
        new(localDevelopment ? [.. MicrosoftHosts, Loopback] : MicrosoftHosts);

    public IReadOnlyList<string> Entries { get; }

    public bool AllowsLoopback { get; }

    /// <summary>An entry's format: a host name, <c>*.</c> and a domain, or <c>loopback</c>.</summary>
    public static bool IsWellFormedEntry(string entry)
    {
        var e = entry.Trim();
        if (e.Equals(Loopback, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        var host = e.StartsWith("*.", StringComparison.Ordinal) ? e[2..] : e;
        return host.Contains('.', StringComparison.Ordinal) && Uri.CheckHostName(host) == UriHostNameType.Dns;
    }

    /// <summary>True when the bot may answer (and send its token) to this serviceUrl.</summary>
    public bool Allows(string? serviceUrl) =>
        serviceUrl is { Length: > 0 and <= 2048 } && Uri.TryCreate(serviceUrl, UriKind.Absolute, out var url) && Allows(url);

    public bool Allows(Uri url)
    {
        if (!url.IsAbsoluteUri || !string.IsNullOrEmpty(url.UserInfo))
        {
            return false;
        }

        if (IsLoopback(url))
        {
            return AllowsLoopback && (url.Scheme == Uri.UriSchemeHttp || url.Scheme == Uri.UriSchemeHttps);
        }

        if (url.Scheme != Uri.UriSchemeHttps || url.HostNameType != UriHostNameType.Dns)
        {
            return false;
        }

        var host = url.IdnHost.TrimEnd('.').ToLowerInvariant();
        return _exact.Contains(host) || _suffixes.Any(s => host.EndsWith(s, StringComparison.Ordinal) && host.Length > s.Length);
    }

    private static bool IsLoopback(Uri url) =>
        url.IsLoopback || (IPAddress.TryParse(url.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));

    public override string ToString() => string.Join(",", Entries);
}

/// <summary>A serviceUrl the bot must not send its token to.</summary>
public sealed class UntrustedServiceUrlException(Uri serviceUrl)
    : Exception($"The serviceUrl host '{serviceUrl.Host}' is not an allowed Bot Connector host (Bot__ConnectorHosts).");
