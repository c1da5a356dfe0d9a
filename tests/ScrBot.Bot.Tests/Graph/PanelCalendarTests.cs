using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging.Abstractions;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Scheduling;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Scheduling;
using ScrBot.GraphStandIn;

namespace ScrBot.Bot.Tests.Graph;

/// <summary>
/// Scheduling the Scoping Panel through Graph, against the stand-in, which holds every request to
/// specs/graph-v1.0.csdl (a request it refused would show as a 400 with its problems).
/// </summary>
public sealed class PanelCalendarTests : IAsyncLifetime
{
    private static readonly Invitee Chair = new("isaiahl@board.example", "Isaiah Langer", Required: true);
    private static readonly Invitee Police = new("pattif@board.example", "Patti Fernandez", Required: true);
    private static readonly Invitee Health = new("nurse@board.example", "Nina Shah", Required: false);
    private static readonly Invitee School = new("head@school.example", "Sam Reid", Required: true);

    private GraphTestKit _kit = null!;
    private PanelCalendar _calendar = null!;

    public async Task InitializeAsync()
    {
        // Monday 30 November 2026, 09:00 in London.
        _kit = await GraphTestKit.StartAsync(new DateTimeOffset(2026, 11, 30, 9, 0, 0, TimeSpan.Zero));
        _calendar = new PanelCalendar(_kit.Client, _kit.Settings, NullLogger<PanelCalendar>.Instance);
    }

    public async Task DisposeAsync() => await _kit.DisposeAsync();

    private static DateTimeOffset London(int month, int day, int hour, int minute = 0) =>
        LondonTime.ToInstant(new DateOnly(2026, month, day), new TimeOnly(hour, minute));

    private void AssertEveryRequestHeldToTheCsdl() =>
        Assert.All(_kit.GraphRequests, r =>
        {
            Assert.Empty(r.Problems);
            Assert.NotEqual(400, r.Status);
            Assert.Equal("Bearer " + GraphTestKit.Token, r.Authorization);
        });

    private PanelMeetingRequest Meeting(int attempt = 1) => new(
        "SCR-2026-0007", "scoping-panel", attempt, London(12, 2, 10), London(12, 2, 12), [Chair, Police, Health, School]);

    [Fact]
    public async Task FreeBusyForFortyFivePeopleTakesThreeCallsOfAtMostTwenty()
    {
        var invitees = Enumerable.Range(1, 45).Select(i => new Invitee($"member{i}@board.example", $"Member {i}", i <= 10)).ToList();
        var window = SlotFinder.WindowOf(SlotSearch.NextWorkingDays(_kit.Time.GetUtcNow(), WorkingDayCalendar.EnglandAndWales), WorkingDayCalendar.EnglandAndWales);

        var outcome = await _calendar.ReadFreeBusyAsync(invitees, window, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal(3, outcome.Value!.GraphCalls);
        Assert.Equal(45, outcome.Value.Availability.Count(a => a.IsKnown));
        Assert.Equal(3, _kit.GraphRequests.Count);
        Assert.All(_kit.GraphRequests, r =>
        {
            Assert.EndsWith("/users/scr-panels@board.example/calendar/getSchedule", r.Path);
            Assert.InRange(JsonNode.Parse(r.Body!)!["Schedules"]!.AsArray().Count, 1, 20);
        });
        AssertEveryRequestHeldToTheCsdl();
    }

    [Fact]
    public async Task SlotsAreFoundFromGraphsBusyTimesAndPeopleOutsideTheTenantAreOfUnknownAvailability()
    {
        // The police representative is busy all of Tuesday 1 December; the chair is out of office on Wednesday.
        _kit.State.Person(Police.Address).Busy.Add(new BusyTime(London(12, 1, 0), London(12, 2, 0), BusyStatus.Busy));
        _kit.State.Person(Chair.Address).Busy.Add(new BusyTime(London(12, 2, 0), London(12, 3, 0), BusyStatus.Oof));
        var search = SlotSearch.NextWorkingDays(_kit.Time.GetUtcNow(), WorkingDayCalendar.EnglandAndWales);

        var outcome = await _calendar.FindSlotsAsync(search, [Chair, Police, Health, School], WorkingDayCalendar.EnglandAndWales, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Failure);
        var found = outcome.Value!.Result;
        Assert.Equal(1, outcome.Value.GraphCalls);
        Assert.True(found.Found);
        Assert.Equal(London(12, 3, 9, 30), found.Slots[0].Start);
        Assert.Equal([School], found.AvailabilityUnknown);
        Assert.Contains(Health, found.Slots[0].OptionalFree);
        AssertEveryRequestHeldToTheCsdl();
    }

    [Fact]
    public async Task ARequiredPersonNeverFreeIsNamedAsTheBlocker()
    {
        _kit.State.Person(Police.Address).Busy.Add(new BusyTime(London(11, 30, 0), London(12, 31, 0), BusyStatus.Busy));
        var search = SlotSearch.NextWorkingDays(_kit.Time.GetUtcNow(), WorkingDayCalendar.EnglandAndWales);

        var outcome = await _calendar.FindSlotsAsync(search, [Chair, Police], WorkingDayCalendar.EnglandAndWales, CancellationToken.None);

        Assert.False(outcome.Value!.Result.Found);
        var blocker = Assert.Single(outcome.Value.Result.Blockers);
        Assert.Equal(Police, blocker.Invitee);
        Assert.True(blocker.NeverFree);
    }

    [Fact]
    public async Task ATimeTheBoardManagerProposesIsCheckedAgainstFreeBusy()
    {
        _kit.State.Person(Chair.Address).Busy.Add(new BusyTime(London(12, 4, 14), London(12, 4, 15), BusyStatus.Busy));

        var outcome = await _calendar.AssessAsync(London(12, 4, 13, 30), London(12, 4, 15, 30), [Chair, Police, School], WorkingDayCalendar.EnglandAndWales, CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal([Chair], outcome.Value!.RequiredBusy);
        Assert.Equal([School], outcome.Value.AvailabilityUnknown);
        Assert.Null(outcome.Value.OutsideWorkingTime);
        AssertEveryRequestHeldToTheCsdl();
    }

    [Fact]
    public async Task BookingCreatesATeamsMeetingThatInvitesEveryoneAndCarriesTheCaseReferenceOnly()
    {
        var outcome = await _calendar.BookAsync(Meeting(), CancellationToken.None);

        Assert.True(outcome.Succeeded, outcome.Failure);
        var booked = outcome.Value!;
        Assert.StartsWith("https://teams.microsoft.com/l/meetup-join/", booked.JoinUrl);
        Assert.False(booked.TeamsLinkMissing);
        Assert.Equal(London(12, 2, 10), booked.Start);
        Assert.Equal(London(12, 2, 12), booked.End);
        var sent = JsonNode.Parse(Assert.Single(_kit.GraphRequests).Body!)!;
        Assert.True(sent["isOnlineMeeting"]!.GetValue<bool>());
        Assert.Equal("teamsForBusiness", sent["onlineMeetingProvider"]!.GetValue<string>());
        Assert.Equal(PanelCalendar.TransactionIdFor("SCR-2026-0007", "scoping-panel", 1), sent["transactionId"]!.GetValue<string>());
        Assert.Equal("Scoping Panel: SCR-2026-0007", sent["subject"]!.GetValue<string>());
        Assert.Equal(["required", "required", "optional", "required"], sent["attendees"]!.AsArray().Select(a => a!["type"]!.GetValue<string>()));
        Assert.Contains("head@school.example", sent["attendees"]!.ToJsonString());
        AssertEveryRequestHeldToTheCsdl();
    }

    [Fact]
    public async Task ACreateWhoseAnswerWasLostIsRetriedWithoutASecondMeeting()
    {
        // Graph makes the meeting but the answer never arrives, four times running (the first try and three retries).
        _kit.State.Faults.Add(new Fault { Status = 504, Method = "POST", PathContains = "/events", Times = 4, AfterApplying = true });

        var failed = await _kit.RunAsync(_calendar.BookAsync(Meeting(), CancellationToken.None));
        var later = await _calendar.BookAsync(Meeting(), CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.True(failed.Retryable);
        Assert.Contains("makes no second meeting", failed.Failure);
        Assert.True(later.Succeeded, later.Failure);
        var only = Assert.Single(_kit.State.Events.Values);
        Assert.Equal(only.Id, later.Value!.EventId);
        Assert.Equal(5, _kit.GraphRequests.Count);
        AssertEveryRequestHeldToTheCsdl();
    }

    [Fact]
    public async Task AnOutageMidBookingLeavesNoMeetingAndBookingLaterMakesExactlyOne()
    {
        _kit.State.Faults.Add(new Fault { Status = 500, Method = "POST", PathContains = "/events" });

        var failed = await _calendar.BookAsync(Meeting(), CancellationToken.None);

        Assert.False(failed.Succeeded);
        Assert.True(failed.Retryable);
        Assert.Contains("not working properly", failed.Failure);
        Assert.Empty(_kit.State.Events);

        var later = await _calendar.BookAsync(Meeting(), CancellationToken.None);
        var again = await _calendar.BookAsync(Meeting(), CancellationToken.None);

        Assert.True(later.Succeeded);
        Assert.Equal(later.Value!.EventId, again.Value!.EventId);
        Assert.Single(_kit.State.Events);
    }

    [Fact]
    public async Task WhenGraphCannotBeReachedAtAllNothingIsBookedAndTheAnswerSaysSo()
    {
        var settings = _kit.Settings with { BaseUrl = new Uri("http://127.0.0.1:9/v1.0") };
        using var client = ScrBot.Bot.Graph.GraphConnection.CreateClient(settings, _kit.Credential, _kit.Time, NullLogger.Instance);
        var calendar = new PanelCalendar(client, settings, NullLogger<PanelCalendar>.Instance);

        var outcome = await calendar.BookAsync(Meeting(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.True(outcome.Retryable);
        Assert.Contains("could not be reached", outcome.Failure);
    }

    [Fact]
    public async Task AThrottleIsWaitedOutForAsLongAsRetryAfterSays()
    {
        _kit.State.Faults.Add(new Fault { Status = 429, RetryAfterSeconds = 20, PathContains = "/getSchedule" });
        var window = SlotFinder.WindowOf(new SlotSearch { FirstDay = new DateOnly(2026, 12, 1) }, WorkingDayCalendar.EnglandAndWales);

        var outcome = await _kit.RunAsync(_calendar.ReadFreeBusyAsync([Chair, Police], window, CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Failure);
        Assert.Equal([429, 200], _kit.GraphRequests.Select(r => r.Status));
        Assert.True(_kit.GraphRequests[1].At - _kit.GraphRequests[0].At >= TimeSpan.FromSeconds(20));
    }

    [Fact]
    public async Task AServiceUnavailableWithoutRetryAfterIsRetriedAfterTwoThenFourSeconds()
    {
        _kit.State.Faults.Add(new Fault { Status = 503, Times = 2, PathContains = "/getSchedule" });
        var window = SlotFinder.WindowOf(new SlotSearch { FirstDay = new DateOnly(2026, 12, 1) }, WorkingDayCalendar.EnglandAndWales);

        var outcome = await _kit.RunAsync(_calendar.ReadFreeBusyAsync([Chair], window, CancellationToken.None));

        Assert.True(outcome.Succeeded, outcome.Failure);
        var requests = _kit.GraphRequests;
        Assert.Equal([503, 503, 200], requests.Select(r => r.Status));
        Assert.True(requests[1].At - requests[0].At >= TimeSpan.FromSeconds(2));
        Assert.True(requests[2].At - requests[1].At >= TimeSpan.FromSeconds(4));
    }

    [Fact]
    public async Task AThrottleLongerThanScrBotWaitsIsAPlainAnswerToTryLater()
    {
        _kit.State.Faults.Add(new Fault { Status = 429, RetryAfterSeconds = 900, PathContains = "/events" });

        var outcome = await _calendar.BookAsync(Meeting(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("busy", outcome.Failure);
        Assert.Empty(_kit.State.Events);
    }

    [Fact]
    public async Task AMeetingWithoutATeamsLinkIsBookedAndTheBoardManagerIsToldWhy()
    {
        _kit.State.Person(GraphTestKit.Organiser).HasTeams = false;

        var outcome = await _calendar.BookAsync(Meeting(), CancellationToken.None);

        Assert.True(outcome.Value!.TeamsLinkMissing);
        Assert.Contains("no meeting link", outcome.Value.Warning);
    }

    [Fact]
    public async Task MovingTheMeetingAnHourLaterIsNotBlockedByTheMeetingItselfInTheAttendeesCalendars()
    {
        var booked = (await _calendar.BookAsync(Meeting(), CancellationToken.None)).Value!;
        _kit.State.Events[booked.EventId].Responses[Police.Address] = ("accepted", _kit.Time.GetUtcNow());

        var asNewMeeting = await _calendar.AssessAsync(London(12, 2, 11), London(12, 2, 13), [Chair, Police, School], WorkingDayCalendar.EnglandAndWales, CancellationToken.None);
        var asTheMove = await _calendar.AssessAsync(London(12, 2, 11), London(12, 2, 13), [Chair, Police, School], WorkingDayCalendar.EnglandAndWales, CancellationToken.None,
            (booked.Start, booked.End));

        Assert.Equal([Police], asNewMeeting.Value!.RequiredBusy);
        Assert.Equal([Chair], asNewMeeting.Value.RequiredTentative);
        Assert.True(asTheMove.Value!.EveryoneRequiredFree);
        AssertEveryRequestHeldToTheCsdl();
    }

    [Fact]
    public async Task AMeetingIsMovedThenCancelledAndCancellingTwiceIsHarmless()
    {
        var booked = (await _calendar.BookAsync(Meeting(), CancellationToken.None)).Value!;

        var moved = await _calendar.RescheduleAsync(booked.EventId, London(12, 3, 13), London(12, 3, 15), CancellationToken.None);
        var read = await _calendar.ReadAsync(booked.EventId, CancellationToken.None);
        var cancelled = await _calendar.CancelAsync(booked.EventId, "The panel will be rearranged.", CancellationToken.None);
        var gone = await _calendar.ReadAsync(booked.EventId, CancellationToken.None);
        var again = await _calendar.CancelAsync(booked.EventId, "The panel will be rearranged.", CancellationToken.None);

        Assert.Equal(London(12, 3, 13), moved.Value!.Start);
        Assert.Equal(London(12, 3, 15), read.Value!.End);
        Assert.True(cancelled.Succeeded);
        Assert.False(gone.Succeeded);
        Assert.Contains("no longer in the organiser's calendar", gone.Failure);
        Assert.True(again.Succeeded);
        Assert.True(_kit.State.Events[booked.EventId].IsCancelled);
        Assert.Contains(_kit.GraphRequests, r => r.Method == "PATCH" && r.Status == 200);
        Assert.Contains(_kit.GraphRequests, r => r.Path.EndsWith("/cancel", StringComparison.Ordinal) && r.Status == 202);
        AssertEveryRequestHeldToTheCsdl();
    }

    [Fact]
    public async Task AfterACancellationTheNextAttemptBooksANewMeeting()
    {
        var first = (await _calendar.BookAsync(Meeting(1), CancellationToken.None)).Value!;
        await _calendar.CancelAsync(first.EventId, "Rearranged.", CancellationToken.None);

        var second = (await _calendar.BookAsync(Meeting(2), CancellationToken.None)).Value!;

        Assert.NotEqual(first.EventId, second.EventId);
        Assert.NotEqual(first.TransactionId, second.TransactionId);
    }

    [Fact]
    public async Task InviteesAnswersAreReadBackFromGraph()
    {
        var booked = (await _calendar.BookAsync(Meeting(), CancellationToken.None)).Value!;
        var record = _kit.State.Events[booked.EventId];
        record.Responses[Police.Address] = ("accepted", _kit.Time.GetUtcNow());
        record.Responses[Health.Address] = ("declined", _kit.Time.GetUtcNow());
        record.Responses[Chair.Address] = ("tentativelyAccepted", _kit.Time.GetUtcNow());

        var state = (await _calendar.ReadAsync(booked.EventId, CancellationToken.None)).Value!;

        Assert.Equal(InvitationAnswer.Accepted, state.Answers.Single(a => a.Address == Police.Address).Answer);
        Assert.Equal(InvitationAnswer.Declined, state.Answers.Single(a => a.Address == Health.Address).Answer);
        Assert.Equal(InvitationAnswer.TentativelyAccepted, state.Answers.Single(a => a.Address == Chair.Address).Answer);
        Assert.Equal(InvitationAnswer.None, state.Answers.Single(a => a.Address == School.Address).Answer);
        Assert.False(state.Answers.Single(a => a.Address == Health.Address).Required);
        AssertEveryRequestHeldToTheCsdl();
    }

    [Fact]
    public async Task WithoutAnOrganiserMailboxNothingIsBookedAndTheReasonSaysWhichSetting()
    {
        var calendar = new PanelCalendar(null, new GraphSettings(), NullLogger<PanelCalendar>.Instance);

        var outcome = await calendar.BookAsync(Meeting(), CancellationToken.None);

        Assert.False(outcome.Succeeded);
        Assert.Contains("Graph__OrganiserMailbox", outcome.Failure);
        Assert.Empty(_kit.GraphRequests);
    }
}
