using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ScrBot.GraphStandIn;

/// <summary>
/// A stand-in for Microsoft Graph v1.0 that answers, the way Graph does, the calls ScrBot makes: free/busy
/// (<c>POST /users/{id}/calendar/getSchedule</c>), the organiser's events (create, list, get, update, cancel) and
/// installing a Teams app for a user (<c>/users/{id}/teamwork/installedApps</c>). Every request body is held to the
/// Graph CSDL (specs/graph-v1.0.csdl): an unknown property or a value of the wrong type gets Graph's 400. A request
/// without a bearer token gets Graph's 401. Tests and a local user set people's busy times, inject throttling and
/// outages, and answer invitations through the <c>/_standin/</c> routes (see tools/GraphStandIn/README.md).
/// </summary>
public sealed partial class GraphStandInServer : IAsyncDisposable
{
    public const string VersionPath = "/v1.0";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly Csdl _csdl;
    private readonly TimeProvider _time;

    private GraphStandInServer(WebApplication app, Csdl csdl, StandInState state, TimeProvider time)
    {
        _app = app;
        _csdl = csdl;
        State = state;
        _time = time;
    }

    public StandInState State { get; }

    /// <summary>Where the stand-in listens, e.g. http://127.0.0.1:5123/.</summary>
    public Uri Address { get; private set; } = null!;

    /// <summary>The value for <c>Graph__BaseUrl</c>: the address with <c>/v1.0</c>.</summary>
    public Uri BaseUrl => new(Address, VersionPath.TrimStart('/'));

    /// <summary>Starts the stand-in on <paramref name="url"/> (port 0 picks a free port).</summary>
    public static async Task<GraphStandInServer> StartAsync(
        string url = "http://127.0.0.1:0",
        string? csdlPath = null,
        TimeProvider? time = null,
        Action<ILoggingBuilder>? logging = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls(url);
        builder.Logging.ClearProviders();
        logging?.Invoke(builder.Logging);
        var app = builder.Build();
        var server = new GraphStandInServer(app, Csdl.Load(csdlPath ?? Csdl.FindInRepository()), new StandInState(), time ?? TimeProvider.System);
        server.Map();
        await app.StartAsync().ConfigureAwait(false);
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        server.Address = new Uri(address.TrimEnd('/') + "/");
        return server;
    }

    public Task WaitForShutdownAsync() => _app.WaitForShutdownAsync();

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
    }

    private void Map()
    {
        var graph = _app.MapGroup(VersionPath);
        graph.MapPost("/users/{user}/calendar/getSchedule", (HttpContext c, string user) => Handle(c, body => GetSchedule(c, user, body)));
        graph.MapPost("/users/{user}/events", (HttpContext c, string user) => Handle(c, body => CreateEvent(user, body)));
        graph.MapPost("/users/{user}/calendar/events", (HttpContext c, string user) => Handle(c, body => CreateEvent(user, body)));
        graph.MapGet("/users/{user}/events", (HttpContext c, string user) => Handle(c, _ => Select(c, "microsoft.graph.event") ?? ListEvents(c, user)));
        graph.MapGet("/users/{user}/events/{id}", (HttpContext c, string user, string id) => Handle(c, _ => Select(c, "microsoft.graph.event") ?? GetEvent(user, id)));
        graph.MapMethods("/users/{user}/events/{id}", ["PATCH"], (HttpContext c, string user, string id) => Handle(c, body => UpdateEvent(user, id, body)));
        graph.MapPost("/users/{user}/events/{id}/cancel", (HttpContext c, string user, string id) => Handle(c, body => CancelEvent(user, id, body)));
        graph.MapGet("/users/{user}/teamwork/installedApps", (HttpContext c, string user) => Handle(c, _ => Select(c, "microsoft.graph.userScopeTeamsAppInstallation") ?? ListInstalledApps(c, user)));
        graph.MapPost("/users/{user}/teamwork/installedApps", (HttpContext c, string user) => Handle(c, body => InstallApp(user, body)));
        graph.MapGet("/users/{user}/teamwork/installedApps/{id}/chat", (HttpContext c, string user, string id) => Handle(c, _ => InstalledAppChat(user, id)));
        graph.MapFallback((HttpContext c) => Handle(c, _ => Error(400, "BadRequest", $"Resource not found for the segment '{c.Request.Path.Value?.Split('/').LastOrDefault()}'.")));
        MapControl();
    }

    // ---- the Graph calls ----

    private async Task Handle(HttpContext context, Func<JsonNode?, Answer> answer)
    {
        var request = context.Request;
        string? text = null;
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8);
            text = await reader.ReadToEndAsync().ConfigureAwait(false);
        }

        var authorization = request.Headers.Authorization.ToString();
        Answer result;
        var problems = new List<string>();
        if (!authorization.StartsWith("Bearer ", StringComparison.Ordinal) || authorization.Length <= "Bearer ".Length)
        {
            result = Error(401, "InvalidAuthenticationToken", "Access token is empty.");
        }
        else if (State.RequiredToken is { } token && authorization["Bearer ".Length..] != token)
        {
            result = Error(401, "InvalidAuthenticationToken", "Access token validation failure. Invalid audience.");
        }
        else if (State.TakeFault(request.Method, request.Path.Value ?? "") is { } fault)
        {
            if (fault.AfterApplying)
            {
                Apply(answer, text, problems);
            }

            result = FaultAnswer(fault);
        }
        else
        {
            result = Apply(answer, text, problems);
        }

        State.Record(new ReceivedRequest(request.Method, request.Path.Value ?? "", request.QueryString.Value ?? "", authorization.Length == 0 ? null : authorization, text, result.Status, problems, _time.GetUtcNow()));
        await Write(context, result).ConfigureAwait(false);
    }

    private Answer Apply(Func<JsonNode?, Answer> answer, string? text, List<string> problems)
    {
        JsonNode? body = null;
        if (!string.IsNullOrWhiteSpace(text))
        {
            try
            {
                body = JsonNode.Parse(text);
            }
            catch (JsonException e)
            {
                problems.Add(e.Message);
                return Error(400, "BadRequest", "Unable to read JSON request payload. Please ensure Content-Type header is set and payload is of valid JSON format.");
            }
        }

        lock (State.Gate)
        {
            var result = answer(body);
            if (result.Problems is { Count: > 0 })
            {
                problems.AddRange(result.Problems);
            }

            return result;
        }
    }

    private Answer GetSchedule(HttpContext context, string user, JsonNode? body)
    {
        if (Calendars(user, out var organiser) is { } refused)
        {
            return refused;
        }

        if (Refuse(_csdl.CheckAction(body, "getSchedule", "microsoft.graph.calendar")) is { } invalid)
        {
            return invalid;
        }

        var parameters = body!.AsObject().ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
        var schedules = (parameters.GetValueOrDefault("schedules") as JsonArray)?.Select(s => s!.GetValue<string>()).ToList() ?? [];
        if (!TryTime(parameters.GetValueOrDefault("startTime"), out var start, out var zone) || !TryTime(parameters.GetValueOrDefault("endTime"), out var end, out _))
        {
            return Error(400, "ErrorInvalidParameter", "startTime and endTime must each be a dateTimeTimeZone with a dateTime and a time zone Graph knows.");
        }

        var interval = parameters.GetValueOrDefault("availabilityViewInterval")?.GetValue<int>() ?? 30;
        if (schedules.Count is 0 or > 20)
        {
            return Error(400, "ErrorInvalidParameter", "The number of schedules requested must be between 1 and 20.");
        }

        if (end <= start || end - start >= TimeSpan.FromDays(62))
        {
            return Error(400, "ErrorInvalidParameter", "The time window must end after it starts and be shorter than 62 days.");
        }

        if (interval is < 5 or > 1440)
        {
            return Error(400, "ErrorInvalidParameter", "availabilityViewInterval must be from 5 to 1440 minutes.");
        }

        var value = new JsonArray();
        foreach (var address in schedules)
        {
            var person = State.InTenant(address) ? State.Find(address) : null;
            if (person is null)
            {
                value.Add(new JsonObject
                {
                    ["scheduleId"] = address,
                    ["error"] = new JsonObject
                    {
                        ["message"] = $"Unable to resolve e-mail address {address} to an Active Directory object.",
                        ["responseCode"] = "5009",
                    },
                });
                continue;
            }

            var items = BusyOf(person).Where(b => b.Start < end && b.End > start).OrderBy(b => b.Start).ToList();
            var view = new StringBuilder();
            for (var slot = start; slot < end; slot = slot.AddMinutes(interval))
            {
                var slotEnd = slot.AddMinutes(interval);
                var worst = items.Where(b => b.Start < slotEnd && b.End > slot).Select(b => ViewDigit(b.Status)).DefaultIfEmpty('0').Max();
                view.Append(worst);
            }

            value.Add(new JsonObject
            {
                ["scheduleId"] = address,
                ["availabilityView"] = view.ToString(),
                ["scheduleItems"] = new JsonArray([.. items.Select(b => (JsonNode)new JsonObject
                {
                    ["isPrivate"] = false,
                    ["status"] = StatusName(b.Status),
                    ["subject"] = b.Subject,
                    ["location"] = "",
                    ["start"] = DateTimeTimeZone(b.Start, zone),
                    ["end"] = DateTimeTimeZone(b.End, zone),
                })]),
                ["workingHours"] = new JsonObject
                {
                    ["daysOfWeek"] = new JsonArray("monday", "tuesday", "wednesday", "thursday", "friday"),
                    ["startTime"] = "08:00:00.0000000",
                    ["endTime"] = "17:00:00.0000000",
                    ["timeZone"] = new JsonObject { ["name"] = "GMT Standard Time" },
                },
            });
        }

        return Ok(200, new JsonObject
        {
            ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#Collection(microsoft.graph.scheduleInformation)",
            ["value"] = value,
        });
    }

    private IEnumerable<BusyTime> BusyOf(Person person)
    {
        foreach (var busy in person.Busy)
        {
            yield return busy;
        }

        foreach (var e in State.Events.Values.Where(e => !e.IsCancelled))
        {
            var attends = string.Equals(e.Organiser, person.Address, StringComparison.OrdinalIgnoreCase) ||
                          Attendees(e.Body).Any(a => string.Equals(a.Address, person.Address, StringComparison.OrdinalIgnoreCase) &&
                                                     e.Responses.GetValueOrDefault(a.Address).Response != "declined");
            if (attends && TryTime(e.Body["start"], out var s, out _) && TryTime(e.Body["end"], out var en, out _))
            {
                var response = e.Responses.GetValueOrDefault(person.Address).Response;
                yield return new BusyTime(s, en, response == "tentativelyAccepted" || response is null && !string.Equals(e.Organiser, person.Address, StringComparison.OrdinalIgnoreCase) ? BusyStatus.Tentative : BusyStatus.Busy, e.Body["subject"]?.GetValue<string>() ?? "");
            }
        }
    }

    private Answer CreateEvent(string user, JsonNode? body)
    {
        if (Calendars(user, out var organiser) is { } refused)
        {
            return refused;
        }

        if (Refuse(_csdl.Check(body, "microsoft.graph.event")) is { } invalid)
        {
            return invalid;
        }

        var obj = body!.AsObject();
        if (ValidateTimes(obj, requireBoth: true) is { } badTimes)
        {
            return badTimes;
        }

        var transactionId = obj["transactionId"]?.GetValue<string>();
        if (transactionId is not null)
        {
            var existing = State.Events.Values.FirstOrDefault(e => e.TransactionId == transactionId &&
                string.Equals(e.Organiser, organiser!.Address, StringComparison.OrdinalIgnoreCase));
            if (existing is not null)
            {
                return Ok(201, EventJson(existing));
            }
        }

        var now = _time.GetUtcNow();
        var online = obj["isOnlineMeeting"]?.GetValue<bool>() == true;
        var provider = obj["onlineMeetingProvider"]?.GetValue<string>();
        var teams = online && organiser!.HasTeams && (provider is null or "teamsForBusiness");
        var id = "AAMkAD" + Convert.ToBase64String(Guid.NewGuid().ToByteArray()).TrimEnd('=').Replace('/', '_').Replace('+', '-');
        var record = new EventRecord
        {
            Id = id,
            Organiser = organiser!.Address,
            Body = (JsonObject)obj.DeepClone(),
            TransactionId = transactionId,
            JoinUrl = teams ? $"https://teams.microsoft.com/l/meetup-join/19%3ameeting_{Guid.NewGuid():N}%40thread.v2/0" : null,
            Created = now,
            Modified = now,
        };
        if (online && !teams)
        {
            record.Body["onlineMeetingProvider"] = "unknown";
            record.Body["isOnlineMeeting"] = false;
        }

        State.Events[id] = record;
        return Ok(201, EventJson(record));
    }

    private Answer ListEvents(HttpContext context, string user)
    {
        if (Calendars(user, out var organiser) is { } refused)
        {
            return refused;
        }

        var filter = context.Request.Query["$filter"].ToString();
        var events = State.Events.Values.Where(e => !e.IsCancelled && string.Equals(e.Organiser, organiser!.Address, StringComparison.OrdinalIgnoreCase));
        const string byTransaction = "transactionId eq '";
        if (filter.StartsWith(byTransaction, StringComparison.Ordinal) && filter.EndsWith('\''))
        {
            var wanted = filter[byTransaction.Length..^1];
            events = events.Where(e => e.TransactionId == wanted);
        }
        else if (filter.Length > 0)
        {
            return Error(400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");
        }

        return Ok(200, new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('{organiser!.Address}')/events",
            ["value"] = new JsonArray([.. events.OrderBy(e => e.Created).Select(e => (JsonNode)EventJson(e))]),
        });
    }

    private Answer GetEvent(string user, string id)
    {
        if (Calendars(user, out var organiser) is { } refused)
        {
            return refused;
        }

        return FindEvent(organiser!, id, out var record) ?? Ok(200, EventJson(record!));
    }

    private Answer UpdateEvent(string user, string id, JsonNode? body)
    {
        if (Calendars(user, out var organiser) is { } refused)
        {
            return refused;
        }

        if (FindEvent(organiser!, id, out var record) is { } missing)
        {
            return missing;
        }

        if (Refuse(_csdl.Check(body, "microsoft.graph.event")) is { } invalid)
        {
            return invalid;
        }

        var merged = (JsonObject)record!.Body.DeepClone();
        foreach (var (name, value) in body!.AsObject())
        {
            merged[name] = value?.DeepClone();
        }

        if (ValidateTimes(merged, requireBoth: true) is { } badTimes)
        {
            return badTimes;
        }

        var moved = body.AsObject().ContainsKey("start") || body.AsObject().ContainsKey("end");
        record.Body = merged;
        record.Modified = _time.GetUtcNow();
        record.Version++;
        if (moved)
        {
            // A new time asks every attendee again.
            record.Responses.Clear();
        }

        return Ok(200, EventJson(record));
    }

    private Answer CancelEvent(string user, string id, JsonNode? body)
    {
        if (Calendars(user, out var organiser) is { } refused)
        {
            return refused;
        }

        if (FindEvent(organiser!, id, out var record) is { } missing)
        {
            return missing;
        }

        if (Refuse(_csdl.CheckAction(body ?? new JsonObject(), "cancel", "microsoft.graph.event")) is { } invalid)
        {
            return invalid;
        }

        record!.IsCancelled = true;
        record.Modified = _time.GetUtcNow();
        return new Answer(202, null);
    }

    private Answer ListInstalledApps(HttpContext context, string user)
    {
        if (Installs(user, out var person) is { } refused)
        {
            return refused;
        }

        var filter = context.Request.Query["$filter"].ToString();
        var installs = State.Installations.Where(i => i.UserId == person!.Id);
        const string byApp = "teamsApp/id eq '";
        if (filter.StartsWith(byApp, StringComparison.Ordinal) && filter.EndsWith('\''))
        {
            var wanted = filter[byApp.Length..^1];
            installs = installs.Where(i => string.Equals(i.TeamsAppId, wanted, StringComparison.OrdinalIgnoreCase));
        }
        else if (filter.Length > 0)
        {
            return Error(400, "BadRequest", "Invalid filter clause.");
        }

        var expand = context.Request.Query["$expand"].ToString().Split(',').Contains("teamsApp");
        return Ok(200, new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('{person!.Id}')/teamwork/installedApps",
            ["@odata.count"] = installs.Count(),
            ["value"] = new JsonArray([.. installs.Select(i => (JsonNode)InstallationJson(i, expand))]),
        });
    }

    private Answer InstallApp(string user, JsonNode? body)
    {
        if (Installs(user, out var person) is { } refused)
        {
            return refused;
        }

        if (Refuse(_csdl.Check(body, "microsoft.graph.userScopeTeamsAppInstallation")) is { } invalid)
        {
            return invalid;
        }

        var bind = body!["teamsApp@odata.bind"]?.GetValue<string>();
        const string marker = "/appCatalogs/teamsApps/";
        var at = bind?.IndexOf(marker, StringComparison.OrdinalIgnoreCase) ?? -1;
        if (bind is null || at < 0)
        {
            return Error(400, "BadRequest", "The teamsApp must be bound with 'teamsApp@odata.bind' to https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/{id}.");
        }

        var appId = bind[(at + marker.Length)..].Trim('\'', '(', ')', '/');
        if (!State.Catalogue.ContainsKey(appId))
        {
            return Error(404, "NotFound", $"The app {appId} was not found in the tenant's app catalogue.");
        }

        if (State.Installations.Any(i => i.UserId == person!.Id && string.Equals(i.TeamsAppId, appId, StringComparison.OrdinalIgnoreCase)))
        {
            return Error(409, "Conflict", "The app is already installed for this user.");
        }

        var installation = new Installation(
            Convert.ToBase64String(Encoding.UTF8.GetBytes($"{person!.Id}##{appId}")),
            person.Id,
            appId,
            $"19:{person.Id}_{appId}@unq.gbl.spaces");
        State.Installations.Add(installation);
        _ = NotifyBotAsync(installation, person);
        return new Answer(201, null);
    }

    private Answer InstalledAppChat(string user, string id)
    {
        if (Installs(user, out var person) is { } refused)
        {
            return refused;
        }

        var installation = State.Installations.FirstOrDefault(i => i.UserId == person!.Id && i.Id == id);
        return installation is null
            ? Error(404, "NotFound", "The app installation was not found.")
            : Ok(200, new JsonObject
            {
                ["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#chats/$entity",
                ["id"] = installation.ChatId,
                ["chatType"] = "oneOnOne",
                ["tenantId"] = Guid.Empty.ToString(),
            });
    }

    /// <summary>Posts the installationUpdate Teams would send the bot after an install, when told where the bot is.</summary>
    private async Task NotifyBotAsync(Installation installation, Person person)
    {
        if (State.BotEndpoint is not { } endpoint)
        {
            return;
        }

        var activity = new JsonObject
        {
            ["type"] = "installationUpdate",
            ["action"] = "add",
            ["id"] = "f:" + Guid.NewGuid().ToString("N"),
            ["timestamp"] = _time.GetUtcNow().ToString("o", CultureInfo.InvariantCulture),
            ["serviceUrl"] = (State.BotServiceUrl ?? Address).ToString(),
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:" + person.Id, ["name"] = person.DisplayName, ["aadObjectId"] = person.Id },
            ["recipient"] = new JsonObject { ["id"] = "28:scrbot", ["name"] = "ScrBot" },
            ["conversation"] = new JsonObject { ["id"] = installation.ChatId, ["conversationType"] = "personal", ["tenantId"] = Guid.Empty.ToString() },
            ["channelData"] = new JsonObject { ["tenant"] = new JsonObject { ["id"] = Guid.Empty.ToString() } },
        };
        try
        {
            using var http = new HttpClient();
            await http.PostAsJsonAsync(endpoint, activity).ConfigureAwait(false);
        }
        catch (HttpRequestException)
        {
            // Teams does not retry a bot that cannot be reached either.
        }
    }

    // ---- helpers ----

    /// <summary>Graph's 400 for a <c>$select</c> or <c>$expand</c> naming a property the type does not have.</summary>
    private Answer? Select(HttpContext context, string type)
    {
        var properties = _csdl.PropertiesOf(type);
        foreach (var option in new[] { "$select", "$expand" })
        {
            foreach (var name in context.Request.Query[option].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            {
                if (!properties.Contains(name))
                {
                    return Error(400, "BadRequest", $"Could not find a property named '{name}' on type '{type}'.");
                }
            }
        }

        return null;
    }

    private Answer? Calendars(string user, out Person? person)
    {
        person = State.Find(user);
        if (person is null)
        {
            return Error(404, "ErrorInvalidUser", $"The requested user '{user}' is invalid.");
        }

        return State.CalendarsGranted ? null : Error(403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");
    }

    private Answer? Installs(string user, out Person? person)
    {
        person = State.Find(user);
        if (person is null)
        {
            return Error(404, "Request_ResourceNotFound", $"Resource '{user}' does not exist or one of its queried reference-property objects are not present.");
        }

        return State.InstallationGranted ? null : Error(403, "Forbidden", "Missing role permissions on the request. API requires one of 'TeamsAppInstallation.ReadWriteSelfForUser.All, TeamsAppInstallation.ReadWriteForUser.All'.");
    }

    private Answer? FindEvent(Person organiser, string id, out EventRecord? record)
    {
        record = State.Events.GetValueOrDefault(id);
        if (record is null || record.IsCancelled || !string.Equals(record.Organiser, organiser.Address, StringComparison.OrdinalIgnoreCase))
        {
            record = null;
            return Error(404, "ErrorItemNotFound", "The specified object was not found in the store.");
        }

        return null;
    }

    private Answer? ValidateTimes(JsonObject body, bool requireBoth)
    {
        foreach (var name in new[] { "start", "end" })
        {
            var zone = body[name]?["timeZone"]?.GetValue<string>();
            if (zone is not null && FindZone(zone) is null)
            {
                return Error(400, "TimeZoneNotSupportedException", $"A valid TimeZone value must be specified. The following TimeZone value is not supported: '{zone}'.");
            }
        }

        if (!TryTime(body["start"], out var start, out _) || !TryTime(body["end"], out var end, out _))
        {
            return requireBoth ? Error(400, "ErrorInvalidRequest", "Your request can't be completed. The event needs a start and an end, each a dateTime with a timeZone.") : null;
        }

        return end < start ? Error(400, "ErrorInvalidRequest", "Your request can't be completed. The end time of the event can't be earlier than its start time.") : null;
    }

    internal static bool TryTime(JsonNode? node, out DateTimeOffset instant, out string zoneName)
    {
        instant = default;
        zoneName = "UTC";
        var text = node?["dateTime"]?.GetValue<string>();
        var zone = node?["timeZone"]?.GetValue<string>();
        if (text is null || zone is null || FindZone(zone) is not { } tz ||
            !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AllowWhiteSpaces, out var local))
        {
            return false;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        instant = new DateTimeOffset(local, tz.GetUtcOffset(local));
        zoneName = zone;
        return true;
    }

    private static TimeZoneInfo? FindZone(string name)
    {
        if (name.Equals("UTC", StringComparison.OrdinalIgnoreCase))
        {
            return TimeZoneInfo.Utc;
        }

        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById(name);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }
    }

    private static JsonObject DateTimeTimeZone(DateTimeOffset instant, string zone)
    {
        var tz = FindZone(zone) ?? TimeZoneInfo.Utc;
        var local = TimeZoneInfo.ConvertTime(instant, tz);
        return new JsonObject
        {
            ["dateTime"] = local.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff", CultureInfo.InvariantCulture),
            ["timeZone"] = zone,
        };
    }

    private static char ViewDigit(BusyStatus status) => status switch
    {
        BusyStatus.Tentative => '1',
        BusyStatus.Busy => '2',
        BusyStatus.Oof => '3',
        _ => '4',
    };

    private static string StatusName(BusyStatus status) => status switch
    {
        BusyStatus.Tentative => "tentative",
        BusyStatus.Busy => "busy",
        BusyStatus.Oof => "oof",
        _ => "workingElsewhere",
    };

    private static IEnumerable<(string Address, string Name, string Type)> Attendees(JsonObject body) =>
        (body["attendees"] as JsonArray ?? []).OfType<JsonObject>().Select(a => (
            a["emailAddress"]?["address"]?.GetValue<string>() ?? "",
            a["emailAddress"]?["name"]?.GetValue<string>() ?? "",
            a["type"]?.GetValue<string>() ?? "required"));

    private JsonObject EventJson(EventRecord e)
    {
        var organiser = State.Find(e.Organiser);
        var body = e.Body;
        var stamp = e.Modified.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
        var attendees = new JsonArray();
        foreach (var (address, name, type) in Attendees(body))
        {
            var (response, time) = e.Responses.GetValueOrDefault(address, ("none", DateTimeOffset.MinValue));
            attendees.Add(new JsonObject
            {
                ["type"] = type,
                ["status"] = new JsonObject
                {
                    ["response"] = response,
                    ["time"] = time == DateTimeOffset.MinValue ? "0001-01-01T00:00:00Z" : time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                },
                ["emailAddress"] = new JsonObject { ["name"] = name, ["address"] = address },
            });
        }

        TryTime(body["start"], out var start, out _);
        TryTime(body["end"], out var end, out _);
        var online = body["isOnlineMeeting"]?.GetValue<bool>() == true;
        return new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#users('{e.Organiser}')/events/$entity",
            ["@odata.etag"] = $"W/\"{e.Version}\"",
            ["id"] = e.Id,
            ["createdDateTime"] = e.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture),
            ["lastModifiedDateTime"] = stamp,
            ["changeKey"] = Convert.ToBase64String(Encoding.UTF8.GetBytes($"{e.Id}:{e.Version}")),
            ["categories"] = new JsonArray(),
            ["transactionId"] = e.TransactionId,
            ["originalStartTimeZone"] = body["start"]?["timeZone"]?.GetValue<string>(),
            ["originalEndTimeZone"] = body["end"]?["timeZone"]?.GetValue<string>(),
            ["iCalUId"] = "040000008200E00074C5B7101A82E008" + Convert.ToHexString(Encoding.UTF8.GetBytes(e.Id[..Math.Min(16, e.Id.Length)])),
            ["reminderMinutesBeforeStart"] = 15,
            ["isReminderOn"] = true,
            ["hasAttachments"] = false,
            ["subject"] = body["subject"]?.GetValue<string>() ?? "",
            ["bodyPreview"] = body["body"]?["content"]?.GetValue<string>() is { } content ? content[..Math.Min(255, content.Length)] : "",
            ["importance"] = body["importance"]?.GetValue<string>() ?? "normal",
            ["sensitivity"] = body["sensitivity"]?.GetValue<string>() ?? "normal",
            ["isAllDay"] = body["isAllDay"]?.GetValue<bool>() ?? false,
            ["isCancelled"] = e.IsCancelled,
            ["isOrganizer"] = true,
            ["responseRequested"] = body["responseRequested"]?.GetValue<bool>() ?? true,
            ["seriesMasterId"] = null,
            ["showAs"] = "busy",
            ["type"] = "singleInstance",
            ["webLink"] = $"https://outlook.office365.com/owa/?itemid={Uri.EscapeDataString(e.Id)}&exvsurl=1&path=/calendar/item",
            ["onlineMeetingUrl"] = null,
            ["isOnlineMeeting"] = online,
            ["onlineMeetingProvider"] = body["onlineMeetingProvider"]?.GetValue<string>() ?? (online ? "teamsForBusiness" : "unknown"),
            ["allowNewTimeProposals"] = body["allowNewTimeProposals"]?.GetValue<bool>() ?? true,
            ["isDraft"] = false,
            ["hideAttendees"] = false,
            ["responseStatus"] = new JsonObject { ["response"] = "organizer", ["time"] = "0001-01-01T00:00:00Z" },
            ["body"] = body["body"]?.DeepClone() ?? new JsonObject { ["contentType"] = "html", ["content"] = "" },
            ["start"] = DateTimeTimeZone(start, "UTC"),
            ["end"] = DateTimeTimeZone(end, "UTC"),
            ["location"] = body["location"]?.DeepClone() ?? new JsonObject { ["displayName"] = "", ["locationType"] = "default", ["uniqueIdType"] = "unknown" },
            ["locations"] = new JsonArray(),
            ["recurrence"] = null,
            ["attendees"] = attendees,
            ["organizer"] = new JsonObject { ["emailAddress"] = new JsonObject { ["name"] = organiser?.DisplayName ?? e.Organiser, ["address"] = e.Organiser } },
            ["onlineMeeting"] = e.JoinUrl is null ? null : new JsonObject { ["joinUrl"] = e.JoinUrl },
        };
    }

    private JsonObject InstallationJson(Installation installation, bool expand)
    {
        var json = new JsonObject
        {
            ["id"] = installation.Id,
            ["consentedPermissionSet"] = null,
        };
        if (expand)
        {
            json["teamsApp"] = new JsonObject
            {
                ["id"] = installation.TeamsAppId,
                ["externalId"] = null,
                ["displayName"] = State.Catalogue.GetValueOrDefault(installation.TeamsAppId) ?? "",
                ["distributionMethod"] = "organization",
            };
        }

        return json;
    }

    private Answer? Refuse(List<string> problems) =>
        problems.Count == 0 ? null : Error(400, "RequestBodyRead", problems[0]) with { Problems = problems };

    private static Answer Ok(int status, JsonObject body) => new(status, body);

    private Answer FaultAnswer(Fault fault)
    {
        var (code, message) = fault.Status switch
        {
            429 => ("ApplicationThrottled", "Application is over its MailboxConcurrency limit."),
            503 => ("ServiceNotAvailable", "The service is temporarily unavailable. Please retry later."),
            504 => ("UnknownError", "The gateway did not receive a response in time."),
            _ => ("generalException", "An unexpected error occurred."),
        };
        return Error(fault.Status, code, message) with { RetryAfterSeconds = fault.RetryAfterSeconds };
    }

    private Answer Error(int status, string code, string message) => new(status, new JsonObject
    {
        ["error"] = new JsonObject
        {
            ["code"] = code,
            ["message"] = message,
            ["innerError"] = new JsonObject
            {
                ["date"] = _time.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
                ["request-id"] = Guid.NewGuid().ToString(),
                ["client-request-id"] = Guid.NewGuid().ToString(),
            },
        },
    });

    private static async Task Write(HttpContext context, Answer answer)
    {
        var response = context.Response;
        response.StatusCode = answer.Status;
        response.Headers["request-id"] = Guid.NewGuid().ToString();
        if (answer.RetryAfterSeconds is { } retryAfter)
        {
            response.Headers.RetryAfter = retryAfter.ToString(CultureInfo.InvariantCulture);
        }

        if (answer.Body is not null)
        {
            response.ContentType = "application/json; odata.metadata=minimal; odata.streaming=true; IEEE754Compatible=false; charset=utf-8";
            await response.WriteAsync(answer.Body.ToJsonString(Json)).ConfigureAwait(false);
        }
    }

    private sealed record Answer(int Status, JsonObject? Body)
    {
        public int? RetryAfterSeconds { get; init; }

        public List<string>? Problems { get; init; }
    }
}
