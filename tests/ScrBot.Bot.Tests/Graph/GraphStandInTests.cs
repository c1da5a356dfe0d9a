using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using ScrBot.GraphStandIn;

namespace ScrBot.Bot.Tests.Graph;

/// <summary>
/// The Graph stand-in answers as Microsoft Graph v1.0 does and holds every request body to the Graph CSDL
/// (specs/graph-v1.0.csdl): these tests speak to it over HTTP as any client would.
/// </summary>
public sealed class GraphStandInTests : IAsyncLifetime
{
    private GraphTestKit _kit = null!;
    private HttpClient _http = null!;

    public async Task InitializeAsync()
    {
        _kit = await GraphTestKit.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_kit.StandIn.BaseUrl + "/") };
        _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", GraphTestKit.Token);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _kit.DisposeAsync();
    }

    private static JsonObject Meeting(string? transactionId = null) => new()
    {
        ["subject"] = "Scoping Panel SCR-2026-0007",
        ["start"] = new JsonObject { ["dateTime"] = "2026-12-02T10:00:00", ["timeZone"] = "Europe/London" },
        ["end"] = new JsonObject { ["dateTime"] = "2026-12-02T12:00:00", ["timeZone"] = "Europe/London" },
        ["attendees"] = new JsonArray(new JsonObject
        {
            ["emailAddress"] = new JsonObject { ["address"] = "pattif@board.example", ["name"] = "Patti Fernandez" },
            ["type"] = "required",
        }),
        ["isOnlineMeeting"] = true,
        ["onlineMeetingProvider"] = "teamsForBusiness",
        ["transactionId"] = transactionId,
    };

    private async Task<(HttpStatusCode Status, JsonNode? Body, HttpResponseMessage Response)> Send(HttpMethod method, string path, JsonNode? body = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
        {
            request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        }

        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return (response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text), response);
    }

    [Fact]
    public async Task AnUnknownPropertyOnAnEventIsRefusedWithGraphsBadRequest()
    {
        var body = Meeting();
        body["meetingRoom"] = "Room 1";

        var (status, answer, _) = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Equal("RequestBodyRead", answer!["error"]!["code"]!.GetValue<string>());
        Assert.Contains("'meetingRoom' does not exist on type 'microsoft.graph.event'", answer["error"]!["message"]!.GetValue<string>());
        Assert.Empty(_kit.State.Events);
    }

    [Theory]
    [InlineData("isOnlineMeeting", "\"yes\"")]
    [InlineData("onlineMeetingProvider", "\"zoom\"")]
    [InlineData("attendees", "{}")]
    [InlineData("reminderMinutesBeforeStart", "\"15\"")]
    public async Task AValueOfTheWrongTypeIsRefused(string property, string json)
    {
        var body = Meeting();
        body[property] = JsonNode.Parse(json);

        var (status, answer, _) = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(property, answer!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ANestedUnknownPropertyIsRefusedToo()
    {
        var body = Meeting();
        body["attendees"]![0]!["emailAddress"]!["phone"] = "01234";

        var (status, answer, _) = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", body);

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains("'phone' does not exist on type 'microsoft.graph.emailAddress'", answer!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task SelectingAPropertyTheEventDoesNotHaveIsRefused()
    {
        var created = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", Meeting("scrbot-select"));
        var id = created.Body!["id"]!.GetValue<string>();

        var good = await Send(HttpMethod.Get, $"users/scr-panels@board.example/events/{id}?$select=start,end,attendees");
        var bad = await Send(HttpMethod.Get, $"users/scr-panels@board.example/events/{id}?$select=start,joinLink");

        Assert.Equal(HttpStatusCode.OK, good.Status);
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
        Assert.Contains("'joinLink'", bad.Body!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task ARequestWithoutABearerTokenGetsGraphs401()
    {
        _http.DefaultRequestHeaders.Authorization = null;

        var (status, answer, _) = await Send(HttpMethod.Get, "users/scr-panels@board.example/events");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
        Assert.Equal("InvalidAuthenticationToken", answer!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task ACreateRetriedWithTheSameTransactionIdReturnsTheFirstEventAndMakesNoSecond()
    {
        var first = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", Meeting("scrbot-1"));
        var again = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", Meeting("scrbot-1"));
        var other = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", Meeting("scrbot-2"));

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Created, again.Status);
        Assert.Equal(first.Body!["id"]!.GetValue<string>(), again.Body!["id"]!.GetValue<string>());
        Assert.NotEqual(first.Body["id"]!.GetValue<string>(), other.Body!["id"]!.GetValue<string>());
        Assert.Equal(2, _kit.State.Events.Count);
    }

    [Fact]
    public async Task ACreatedTeamsMeetingHasAJoinLinkAndItsAnswerFitsTheEventTypeOfTheCsdl()
    {
        var (status, answer, _) = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", Meeting("scrbot-3"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", answer!["onlineMeeting"]!["joinUrl"]!.GetValue<string>());
        Assert.Equal("none", answer["attendees"]![0]!["status"]!["response"]!.GetValue<string>());
        var csdl = Csdl.Load(Csdl.FindInRepository());
        var fields = answer.AsObject().DeepClone().AsObject();
        fields.Remove("@odata.context");
        fields.Remove("@odata.etag");
        Assert.Empty(csdl.Check(fields, "microsoft.graph.event"));
    }

    [Fact]
    public async Task AMailboxWithoutTeamsGetsAMeetingWithNoLink()
    {
        _kit.State.Person(GraphTestKit.Organiser).HasTeams = false;

        var (status, answer, _) = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", Meeting("scrbot-4"));

        Assert.Equal(HttpStatusCode.Created, status);
        Assert.Equal("unknown", answer!["onlineMeetingProvider"]!.GetValue<string>());
        Assert.Null(answer["onlineMeeting"]);
    }

    [Fact]
    public async Task ACancelledEventIsGoneFromTheOrganisersCalendar()
    {
        var created = await Send(HttpMethod.Post, "users/scr-panels@board.example/events", Meeting("scrbot-5"));
        var id = created.Body!["id"]!.GetValue<string>();

        var badCancel = await Send(HttpMethod.Post, $"users/scr-panels@board.example/events/{id}/cancel", new JsonObject { ["reason"] = "x" });
        var cancel = await Send(HttpMethod.Post, $"users/scr-panels@board.example/events/{id}/cancel", new JsonObject { ["Comment"] = "The panel is postponed." });
        var after = await Send(HttpMethod.Get, $"users/scr-panels@board.example/events/{id}");

        Assert.Equal(HttpStatusCode.BadRequest, badCancel.Status);
        Assert.Equal(HttpStatusCode.Accepted, cancel.Status);
        Assert.Equal(HttpStatusCode.NotFound, after.Status);
        Assert.Equal("ErrorItemNotFound", after.Body!["error"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task FreeBusyShowsBusyTimesGivesExternalPeopleAnErrorAndRefusesMoreThanTwentyPeople()
    {
        _kit.State.Person("pattif@board.example").Busy.Add(new BusyTime(
            new DateTimeOffset(2026, 12, 2, 10, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 12, 2, 11, 0, 0, TimeSpan.Zero), BusyStatus.Busy));
        JsonObject Query(IEnumerable<string> people) => new()
        {
            ["schedules"] = new JsonArray([.. people.Select(p => (JsonNode)JsonValue.Create(p)!)]),
            ["startTime"] = new JsonObject { ["dateTime"] = "2026-12-02T09:00:00", ["timeZone"] = "UTC" },
            ["endTime"] = new JsonObject { ["dateTime"] = "2026-12-02T12:00:00", ["timeZone"] = "UTC" },
            ["availabilityViewInterval"] = 60,
        };

        var (status, answer, _) = await Send(HttpMethod.Post, "users/scr-panels@board.example/calendar/getSchedule",
            Query(["pattif@board.example", "dc.jones@police.example"]));
        var tooMany = await Send(HttpMethod.Post, "users/scr-panels@board.example/calendar/getSchedule",
            Query(Enumerable.Range(1, 21).Select(i => $"person{i}@board.example")));
        var unknownParameter = Query(["pattif@board.example"]);
        unknownParameter["meetingDuration"] = "PT2H";
        var refused = await Send(HttpMethod.Post, "users/scr-panels@board.example/calendar/getSchedule", unknownParameter);

        Assert.Equal(HttpStatusCode.OK, status);
        var patti = answer!["value"]![0]!;
        Assert.Equal("020", patti["availabilityView"]!.GetValue<string>());
        Assert.Equal("busy", patti["scheduleItems"]![0]!["status"]!.GetValue<string>());
        var external = answer["value"]![1]!;
        Assert.Equal("5009", external["error"]!["responseCode"]!.GetValue<string>());
        var csdl = Csdl.Load(Csdl.FindInRepository());
        Assert.All(answer["value"]!.AsArray(), item => Assert.Empty(csdl.Check(item, "microsoft.graph.scheduleInformation")));
        Assert.Equal(HttpStatusCode.BadRequest, tooMany.Status);
        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        Assert.Contains("'meetingDuration' in the request payload is not a valid parameter", refused.Body!["error"]!["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task AnInjectedThrottleAnswers429WithRetryAfter()
    {
        _kit.State.Faults.Add(new Fault { Status = 429, RetryAfterSeconds = 7, PathContains = "/events" });

        var throttled = await Send(HttpMethod.Get, "users/scr-panels@board.example/events");
        var then = await Send(HttpMethod.Get, "users/scr-panels@board.example/events");

        Assert.Equal(HttpStatusCode.TooManyRequests, throttled.Status);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Response.Headers.RetryAfter!.Delta);
        Assert.Equal(HttpStatusCode.OK, then.Status);
    }

    [Fact]
    public async Task InstallingAnAppTwiceIsAConflictAndWithoutTheGrantIsForbidden()
    {
        var user = "5c0b5a7e-0000-4000-8000-000000000024";
        var body = new JsonObject { ["teamsApp@odata.bind"] = "https://graph.microsoft.com/v1.0/appCatalogs/teamsApps/c5f1a7d2-3b4e-4f60-9a8b-7c6d5e4f3a21" };

        var first = await Send(HttpMethod.Post, $"users/{user}/teamwork/installedApps", body);
        var second = await Send(HttpMethod.Post, $"users/{user}/teamwork/installedApps", body);
        var badBind = await Send(HttpMethod.Post, $"users/{user}/teamwork/installedApps", new JsonObject { ["app@odata.bind"] = "x" });
        _kit.State.InstallationGranted = false;
        var forbidden = await Send(HttpMethod.Post, $"users/{user}/teamwork/installedApps", body);

        Assert.Equal(HttpStatusCode.Created, first.Status);
        Assert.Equal(HttpStatusCode.Conflict, second.Status);
        Assert.Equal(HttpStatusCode.BadRequest, badBind.Status);
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.Status);
        Assert.Single(_kit.State.Installations);
    }
}
