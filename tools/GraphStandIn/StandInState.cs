using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace ScrBot.GraphStandIn;

/// <summary>How a person's time is shown in free/busy, as Graph's <c>freeBusyStatus</c> names it.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(System.Text.Json.Serialization.JsonStringEnumConverter<BusyStatus>))]
public enum BusyStatus
{
    Tentative,
    Busy,
    Oof,
    WorkingElsewhere,
}

/// <summary>A busy time in a person's calendar.</summary>
public sealed record BusyTime(DateTimeOffset Start, DateTimeOffset End, BusyStatus Status, string Subject = "Busy");

/// <summary>A person in the stand-in's tenant: a mailbox with busy times, reachable by address or object id.</summary>
public sealed class Person(string address, string id, string displayName)
{
    public string Address { get; } = address;

    public string Id { get; } = id;

    public string DisplayName { get; set; } = displayName;

    /// <summary>Whether the mailbox can hold Teams meetings (a licence with Teams): without, a create gives no link.</summary>
    public bool HasTeams { get; set; } = true;

    public List<BusyTime> Busy { get; } = [];
}

/// <summary>An answer the stand-in gives instead of doing what was asked, for the next <see cref="Times"/> matching requests.</summary>
public sealed record Fault
{
    /// <summary>The HTTP status: 429, 500, 503, 504 ...</summary>
    public int Status { get; init; } = 503;

    /// <summary>The <c>Retry-After</c> header in seconds, when given.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>How many matching requests get this answer.</summary>
    public int Times { get; set; } = 1;

    /// <summary>Only requests with this method (e.g. POST), when given.</summary>
    public string? Method { get; init; }

    /// <summary>Only requests whose path contains this text (e.g. "/events"), when given.</summary>
    public string? PathContains { get; init; }

    /// <summary>Do what was asked, then answer with the fault: the answer is lost on its way back (a timeout).</summary>
    public bool AfterApplying { get; init; }
}

/// <summary>One request the stand-in received, as it arrived, when (by the stand-in's clock), and the status it answered.</summary>
public sealed record ReceivedRequest(string Method, string Path, string Query, string? Authorization, string? Body, int Status, IReadOnlyList<string> Problems, DateTimeOffset At);

/// <summary>An event in an organiser's calendar.</summary>
public sealed class EventRecord
{
    public required string Id { get; init; }

    public required string Organiser { get; init; }

    public required JsonObject Body { get; set; }

    public string? TransactionId { get; init; }

    public string? JoinUrl { get; init; }

    public bool IsCancelled { get; set; }

    public DateTimeOffset Created { get; init; }

    public DateTimeOffset Modified { get; set; }

    public int Version { get; set; } = 1;

    /// <summary>Each attendee's answer, by lower-case address.</summary>
    public Dictionary<string, (string Response, DateTimeOffset Time)> Responses { get; } = new(StringComparer.OrdinalIgnoreCase);
}

/// <summary>ScrBot installed for a person.</summary>
public sealed record Installation(string Id, string UserId, string TeamsAppId, string ChatId);

/// <summary>Everything the stand-in holds; tests and a local user change it through <see cref="GraphStandInServer"/>.</summary>
public sealed class StandInState
{
    private readonly ConcurrentQueue<ReceivedRequest> _requests = new();

    public object Gate { get; } = new();

    /// <summary>Domains whose addresses are in the tenant; any other address is outside it.</summary>
    public HashSet<string> TenantDomains { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, Person> PeopleByAddress { get; } = new(StringComparer.OrdinalIgnoreCase);

    public Dictionary<string, EventRecord> Events { get; } = new(StringComparer.Ordinal);

    public List<Fault> Faults { get; } = [];

    /// <summary>The Teams app catalogue of the tenant: app id → display name.</summary>
    public Dictionary<string, string> Catalogue { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<Installation> Installations { get; } = [];

    /// <summary>Whether the tenant has granted Calendars.ReadWrite (application).</summary>
    public bool CalendarsGranted { get; set; } = true;

    /// <summary>Whether the tenant has granted TeamsAppInstallation.ReadWriteSelfForUser.All (application).</summary>
    public bool InstallationGranted { get; set; } = true;

    /// <summary>When set, only this bearer token is accepted.</summary>
    public string? RequiredToken { get; set; }

    /// <summary>Where to post the installationUpdate Teams sends a bot after an install, when set.</summary>
    public Uri? BotEndpoint { get; set; }

    /// <summary>The Bot Connector address the installationUpdate names as its serviceUrl (where the bot answers); the stand-in's own by default.</summary>
    public Uri? BotServiceUrl { get; set; }

    public IReadOnlyList<ReceivedRequest> Requests => [.. _requests];

    public void Record(ReceivedRequest request) => _requests.Enqueue(request);

    public void ClearRequests() => _requests.Clear();

    public bool InTenant(string address)
    {
        var at = address.LastIndexOf('@');
        return PeopleByAddress.ContainsKey(address) || (at > 0 && TenantDomains.Contains(address[(at + 1)..]));
    }

    /// <summary>A person in the tenant by address or object id; an address in a tenant domain is created on first use.</summary>
    public Person? Find(string idOrAddress)
    {
        if (PeopleByAddress.TryGetValue(idOrAddress, out var byAddress))
        {
            return byAddress;
        }

        var byId = PeopleByAddress.Values.FirstOrDefault(p => string.Equals(p.Id, idOrAddress, StringComparison.OrdinalIgnoreCase));
        if (byId is not null)
        {
            return byId;
        }

        if (idOrAddress.Contains('@', StringComparison.Ordinal) && InTenant(idOrAddress))
        {
            return Person(idOrAddress);
        }

        if (Guid.TryParse(idOrAddress, out _))
        {
            var person = new Person(idOrAddress + "@" + (TenantDomains.FirstOrDefault() ?? "tenant.example"), idOrAddress, idOrAddress);
            PeopleByAddress[person.Address] = person;
            return person;
        }

        return null;
    }

    /// <summary>The person with this address, created when new.</summary>
    public Person Person(string address, string? id = null, string? displayName = null)
    {
        if (!PeopleByAddress.TryGetValue(address, out var person))
        {
            person = new Person(address, id ?? Guid.NewGuid().ToString(), displayName ?? address[..address.IndexOf('@', StringComparison.Ordinal)]);
            PeopleByAddress[address] = person;
        }

        if (displayName is not null)
        {
            person.DisplayName = displayName;
        }

        return person;
    }

    /// <summary>The first fault matching the request, used up by one.</summary>
    public Fault? TakeFault(string method, string path)
    {
        lock (Gate)
        {
            var fault = Faults.FirstOrDefault(f => f.Times > 0 &&
                (f.Method is null || string.Equals(f.Method, method, StringComparison.OrdinalIgnoreCase)) &&
                (f.PathContains is null || path.Contains(f.PathContains, StringComparison.OrdinalIgnoreCase)));
            if (fault is not null)
            {
                fault.Times--;
                if (fault.Times == 0)
                {
                    Faults.Remove(fault);
                }
            }

            return fault;
        }
    }
}
