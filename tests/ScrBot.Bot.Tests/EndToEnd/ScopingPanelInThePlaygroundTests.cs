using System.Globalization;
using System.Text.Json.Nodes;
using Actor = ScrBot.Domain.Boards.Actor;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Stages.Panel;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.GraphStandIn;

namespace ScrBot.Bot.Tests.EndToEnd;

/// <summary>A clock that is the real one moved on by <see cref="Offset"/>: its timers are real, so the bot runs as usual.</summary>
public sealed class MovableTime : TimeProvider
{
    public TimeSpan Offset { get; set; }

    public override DateTimeOffset GetUtcNow() => base.GetUtcNow() + Offset;
}

/// <summary>
/// The bot with the local board directory, its Graph pointed at the Graph stand-in (tools/GraphStandIn, holding every
/// request to specs/graph-v1.0.csdl) with the local run's people (config/graph-standin.local.json), and a clock the
/// test can move on to the day of the meeting.
/// </summary>
public sealed class ScopingPanelPlaygroundFixture : PlaygroundFixture, IAsyncLifetime
{
    public const string Organiser = "scr-panels@board.example";

    public const string ClosureReason = "Office closed for staff training";

    /// <summary>A day the board's office is closed (its process profile), a month ahead on a weekday.</summary>
    public static DateOnly Closure { get; } = Enumerable.Range(30, 7).Select(d => LondonTime.Today(TimeProvider.System).AddDays(d))
        .First(d => d.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && WorkingDayCalendar.EnglandAndWales.IsWorkingDay(d));

    public GraphStandInServer StandIn { get; private set; } = null!;

    public MovableTime Time { get; } = new();

    public new async Task InitializeAsync()
    {
        StandIn = await BotFactory.BuildAlone(() => GraphStandInServer.StartAsync());
        var seed = System.Text.Json.JsonSerializer.Deserialize<StandInSeed>(
            File.ReadAllText(Path.Combine(Infrastructure.AzuriteFixture.RepositoryRoot(), "config", "graph-standin.local.json")),
            new System.Text.Json.JsonSerializerOptions(System.Text.Json.JsonSerializerDefaults.Web))!;
        seed.ApplyTo(StandIn.State);
        await base.InitializeAsync();
    }

    protected override void ConfigureBotSettings(IDictionary<string, string?> settings)
    {
        settings["Directory__Path"] = ReferralSamples.LocalDirectoryPath;
        settings["Graph__BaseUrl"] = StandIn.BaseUrl.ToString();
        settings["Graph__OrganiserMailbox"] = Organiser;
        settings["ProcessProfiles__staffordshire__Closures__0__Date"] = Closure.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        settings["ProcessProfiles__staffordshire__Closures__0__Reason"] = ClosureReason;
    }

    protected override void ConfigureBotServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Time);
}

/// <summary>
/// The Scoping Panel meeting end to end in the Microsoft 365 Agents Playground with the Graph stand-in, each step by the
/// mock person whose role it is, clicking the cards they received: Megan Bowen (Board Manager) finds a time and books
/// the Teams meeting; Patti Fernandez (police) answers and signs; Isaiah Langer (panel chair) signs and, on the day,
/// records the meeting held; Megan circulates the minutes; Patti confirms them; Isaiah sends the recommendation; Adele
/// Vance (Independent Chair) sees the case waiting for her.
/// </summary>
public sealed class ScopingPanelInThePlaygroundTests(ScopingPanelPlaygroundFixture playground) : IClassFixture<ScopingPanelPlaygroundFixture>
{
    [Fact]
    public async Task FindATimeBookAttendSignHoldCirculateConfirmAndRecommendEachByThePersonWhoseRoleItIs()
    {
        var (megan, isaiah, patti, adele) = await PeopleReadyAsync();
        var reference = await ReadyToScheduleAsync();
        var standIn = playground.StandIn.State;

        // Isaiah is busy all of the first working day: the best slots are later.
        var firstDay = playground.BotServices.GetRequiredService<ProcessProfiles>().For(ReferralSamples.Staffordshire).CreateCalendar().AddWorkingDays(Today(), 1);
        lock (standIn.Gate)
        {
            standIn.Person("isaiahl@board.example", null, null).Busy.Add(new BusyTime(LondonTime.StartOfDay(firstDay), LondonTime.StartOfDay(firstDay.AddDays(1)), BusyStatus.Oof, "Annual leave"));
        }

        // Find a time: the best slots, external people as availability unknown.
        var find = await TaskCardAsync(megan, reference, "Find a time and book the Scoping Panel");
        var slots = await megan.PressAsync(find, "Find a time", new JsonObject { ["from"] = Iso(firstDay), ["workingDays"] = "10" });
        var slotsText = Text(slots!.Card!);
        Assert.Contains("The best times", slotsText, StringComparison.Ordinal);
        Assert.Contains("Everyone required is free", slotsText, StringComparison.Ordinal);
        Assert.Contains("Availability unknown: DI Sam Vimes, Diego Siciliani", slotsText, StringComparison.Ordinal);
        Assert.DoesNotContain(HumanDates.Format(firstDay) + " ", slotsText.Split("The best times")[1], StringComparison.Ordinal);

        // Book the first slot offered: a Teams meeting in the organiser's calendar, with a transactionId; the hub shows it.
        var book = FirstButton(slots.Card!, "Book this slot");
        var booked = await megan.ExecuteAsync(find, book["verb"]!.GetValue<string>(), (JsonObject)book["data"]!.DeepClone());
        Assert.Contains("done by Megan Bowen", Text(booked.Card!), StringComparison.Ordinal);
        var again = await megan.ExecuteAsync(find, book["verb"]!.GetValue<string>(), (JsonObject)book["data"]!.DeepClone());
        Assert.StartsWith("Already recorded by Megan Bowen on ", again.Message, StringComparison.Ordinal);
        EventRecord meeting;
        lock (standIn.Gate)
        {
            meeting = Assert.Single(standIn.Events.Values, e => e.Body["subject"]!.GetValue<string>() == $"Scoping Panel: {reference}");
        }

        Assert.Equal($"Scoping Panel: {reference}", meeting.Body["subject"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(meeting.TransactionId));
        Assert.All(standIn.Requests, r => Assert.Empty(r.Problems));
        var hub = await HubShowsAsync(megan, reference, "The Scoping Panel meeting");
        Assert.Contains("Teams meeting link sent with the invitation", hub.CardText, StringComparison.Ordinal);

        // Patti answers in ScrBot, and accepts in Outlook: the timer reads it back to the hub.
        var attend = await TaskCardAsync(patti, reference, "Answer the invitation to the Scoping Panel");
        var answered = await patti.PressAsync(attend, "Attending");
        Assert.Contains("done by Patti Fernandez", Text(answered!.Card!), StringComparison.Ordinal);
        lock (standIn.Gate)
        {
            meeting.Responses["pattif@board.example"] = ("accepted", DateTimeOffset.UtcNow);
        }

        Assert.True(await playground.BotServices.GetRequiredService<PanelAnswersWorker>().SweepAsync(default) >= 1);
        await HubShowsAsync(megan, reference, "Patti Fernandez: attending · Outlook: accepted · not signed");

        // The confidentiality statement: someone else's name is refused; her own signs it; a second signature is refused.
        var sign = await TaskCardAsync(patti, reference, "Sign the Scoping Panel's confidentiality statement");
        Assert.Contains("may need to be shared with the police", sign.CardText, StringComparison.Ordinal);
        var forSomeoneElse = await patti.PressAsync(sign, "I agree and sign", new JsonObject { ["fullName"] = "Isaiah Langer" });
        Assert.Equal("A confidentiality statement is signed only by the person themselves: type your own full name (Patti Fernandez) to sign it.", forSomeoneElse!.Message);
        var signed = await patti.PressAsync(Current(patti, sign), "I agree and sign", new JsonObject { ["fullName"] = "Patti Fernandez" });
        Assert.Contains("done by Patti Fernandez", Text(signed!.Card!), StringComparison.Ordinal);
        var twice = await patti.ExecuteAsync(sign, "panel.sign", new JsonObject
        {
            ["case"] = reference, ["step"] = StepOf(sign), ["version"] = "1", ["sha256"] = ConfidentialityStatement.ScopingPanel.Sha256, ["fullName"] = "Patti Fernandez",
        });
        Assert.StartsWith("Already recorded by Patti Fernandez on ", twice.Message, StringComparison.Ordinal);

        // The panel chair's card shows who has signed; he signs too.
        var chairSign = await TaskCardAsync(isaiah, reference, "Sign the Scoping Panel's confidentiality statement");
        await isaiah.PressAsync(chairSign, "I agree and sign", new JsonObject { ["fullName"] = "Isaiah Langer" });
        var held = await isaiah.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Record the Scoping Panel meeting held"
                                                                     && m.CardText.Contains("Isaiah Langer: chairs · signed the confidentiality statement", StringComparison.Ordinal));
        Assert.Contains("Patti Fernandez (Staffordshire Police): attending · signed the confidentiality statement", held.CardText, StringComparison.Ordinal);
        Assert.Contains("DI Sam Vimes: not yet answered · not signed", held.CardText, StringComparison.Ordinal);

        // The day of the meeting: the unsigned are flagged; recording someone unsigned as attending is refused.
        var stored = await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference));
        var panel = stored!.State.ScheduledPanel!;
        playground.Time.Offset += panel.End.AddHours(1) - playground.Time.GetUtcNow();
        playground.BotServices.GetRequiredService<Conversations.CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, CaseReference.Parse(reference));
        held = await isaiah.WaitForCardInPersonalChatAsync(m => m.MessageId == held.MessageId && m.CardText.Contains("Not signed at the start: DI Sam Vimes, Diego Siciliani", StringComparison.Ordinal));
        var sio = stored.State.Invitations.Single(i => i.Capacity == PanelCapacity.SeniorInvestigatingOfficer).Member;

        // Every option of the card's choice sets is one the server understands (EveryChoiceTests): each pressed with a
        // date still to come, so that only the date is refused and nothing is recorded.
        var tomorrow = Iso(LondonTime.DateOf(playground.Time.GetUtcNow()).AddDays(1));
        foreach (var person in Options(held.Card!, "attended"))
        {
            var tried = await isaiah.ExecuteAsync(held, "panel.held", new JsonObject { ["case"] = reference, ["step"] = StepOf(held), ["heldOn"] = tomorrow, ["attended"] = person });
            Assert.DoesNotContain("was not invited", tried.Message, StringComparison.Ordinal);
        }

        foreach (var agency in Options(held.Card!, "withoutInformation"))
        {
            var tried = await isaiah.ExecuteAsync(held, "panel.held", new JsonObject
            {
                ["case"] = reference, ["step"] = StepOf(held), ["heldOn"] = tomorrow, ["attended"] = isaiah.Person.AadObjectId, ["withoutInformation"] = agency,
            });
            Assert.DoesNotContain("cannot be recorded as not bringing information", tried.Message, StringComparison.Ordinal);
            Assert.StartsWith("The date the Scoping Panel was held", tried.Message, StringComparison.Ordinal);
        }

        var unsignedAttending = await isaiah.PressAsync(held, "Record the meeting held", new JsonObject
        {
            ["heldOn"] = Iso(LondonTime.DateOf(panel.Start)), ["attended"] = $"{isaiah.Person.AadObjectId},{patti.Person.AadObjectId},{sio.Id.Value}",
        });
        Assert.Equal("The Scoping Panel cannot be recorded as held while DI Sam Vimes has not signed the confidentiality statement.", unsignedAttending!.Message);
        var recorded = await isaiah.PressAsync(Current(isaiah, held), "Record the meeting held", new JsonObject
        {
            ["heldOn"] = Iso(LondonTime.DateOf(panel.Start)), ["attended"] = $"{isaiah.Person.AadObjectId},{patti.Person.AadObjectId}", ["withoutInformation"] = "",
        });
        Assert.Contains("done by Isaiah Langer", Text(recorded!.Card!), StringComparison.Ordinal);

        // Minutes (D5) by the Board Manager, confirmed by the police.
        var minutes = await TaskCardAsync(megan, reference, "Circulate the Scoping Panel's minutes to every invited agency");
        Assert.Contains("Due", minutes.CardText, StringComparison.Ordinal);
        await megan.PressAsync(minutes, "Minutes circulated", new JsonObject
        {
            ["circulatedOn"] = Iso(Today()), ["recordsDisagreements"] = "true", ["disagreements"] = "Police and health disagree on when concerns were first raised.",
        });
        var confirm = await TaskCardAsync(patti, reference, "Confirm Staffordshire Police's minutes are accurate");
        Assert.Contains("Police and health disagree", confirm.CardText, StringComparison.Ordinal);
        await patti.PressAsync(confirm, "The minutes are accurate");

        // The recommendation, by the panel chair, to the Independent Chair.
        var recommend = await TaskCardAsync(isaiah, reference, "Send the panel's recommendation to the Independent Chair");

        // Every option and methodology is one the server takes (EveryChoiceTests): pressed without reasons, only the reasons are refused.
        foreach (var option in Options(recommend.Card!, "option"))
        {
            var tried = await isaiah.ExecuteAsync(recommend, "panel.recommend", new JsonObject { ["case"] = reference, ["step"] = StepOf(recommend), ["option"] = option, ["familyMembers"] = "The mother" });
            Assert.Equal("The recommendation's rationale is required.", tried.Message);
        }

        foreach (var methodology in Options(recommend.Card!, "methodology"))
        {
            var tried = await isaiah.ExecuteAsync(recommend, "panel.recommend", new JsonObject
            {
                ["case"] = reference, ["step"] = StepOf(recommend), ["option"] = "FormalSeriousCaseReview", ["methodology"] = methodology, ["familyMembers"] = "The mother",
            });
            Assert.Equal("The recommendation's rationale is required.", tried.Message);
        }

        var sent = await isaiah.PressAsync(recommend, "Send to the Independent Chair", new JsonObject
        {
            ["option"] = "MultiAgencyLearningReview", ["commissioned"] = "true", ["methodology"] = "Silp",
            ["areasOfFocus"] = "Information sharing between police and health\nEarly help", ["reasons"] = "Agencies worked together poorly before the incident.",
            ["familyMembers"] = "The child's mother and grandmother", ["familyFactors"] = "The mother is a witness in the criminal investigation.", ["genogram"] = "true",
        });
        Assert.Contains("done by Isaiah Langer", Text(sent!.Card!), StringComparison.Ordinal);
        await HubShowsAsync(megan, reference, "Waiting for the Independent Chair");
        var seen = await AskAsync(adele, $"case {reference}");
        Assert.Contains("Waiting for the Independent Chair: the Scoping Panel recommends a multi-agency learning review (commissioned), by Significant Incident Learning Process (SILP).", seen.CardText, StringComparison.Ordinal);

        var final = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        Assert.Equal(Stage.IndependentChairDecision, final.State.Stage);
        Assert.Equal(meeting.Id, final.State.ScheduledPanel!.MeetingId);
        var signature = final.Facts.OfType<ConfidentialityStatementSigned>().Single(f => f.Member.Value == patti.Person.AadObjectId);
        Assert.Equal(("Patti Fernandez", "staffs-police", "1", ConfidentialityStatement.ScopingPanel.Sha256, panel.Start),
            (signature.TypedName, signature.Agency?.Value, signature.StatementVersion, signature.StatementSha256, signature.MeetingStart));
        Assert.Equal([new AgencyId("staffs-police")], final.State.MinutesConfirmedBy);
        Assert.Equal(new FamilyInvolvement("The child's mother and grandmother", "The mother is a witness in the criminal investigation.", true), final.State.Recommendation!.Family);
        Assert.Contains(final.Facts, f => f is CaseRoleRemoved r && r.Person == sio.Id);
        Assert.Contains(final.Facts, f => f is AttemptRefused { Attempt: "sign the Scoping Panel's confidentiality statement" });
        Assert.Contains(final.Facts, f => f is AttemptRefused { Attempt: "record that the Scoping Panel was held" });
        lock (standIn.Gate)
        {
            Assert.Single(standIn.Events.Values, e => e.Body["subject"]!.GetValue<string>() == $"Scoping Panel: {reference}");
            Assert.All(standIn.Requests, r => Assert.Empty(r.Problems));
        }
    }

    [Fact]
    public async Task BadInputAndGraphFailuresGetAPlainAnswerLeaveTheCaseConsistentAndMakeNoSecondMeeting()
    {
        var (megan, isaiah, patti, _) = await PeopleReadyAsync();
        var reference = await ReadyToScheduleAsync();
        var standIn = playground.StandIn.State;
        var find = await TaskCardAsync(megan, reference, "Find a time and book the Scoping Panel");
        var before = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;

        // The wrong role, the wrong stage, a tampered reference and a tampered time: plain answers, nothing changed.
        var pattiChat = await TaskCardAsync(patti, reference, "Send Staffordshire Police's chronology");
        var wrongRole = await patti.ExecuteAsync(pattiChat, "panel.find", new JsonObject { ["case"] = reference, ["step"] = "book" });
        Assert.Equal("Only the Board Manager can schedule the Scoping Panel.", wrongRole.Message);
        var isaiahChat = await AskAsync(isaiah, $"case {reference}");
        var wrongStage = await isaiah.ExecuteAsync(isaiahChat, "panel.held", new JsonObject { ["case"] = reference, ["step"] = "held", ["heldOn"] = Iso(Today()), ["attended"] = isaiah.Person.AadObjectId });
        Assert.Equal("The Scoping Panel cannot be recorded as held before it has been scheduled.", wrongStage.Message);
        var tamperedCase = await megan.ExecuteAsync(find, "panel.find", new JsonObject { ["case"] = "SCR-2026-9999", ["step"] = "book" });
        Assert.Equal(CaseStatusService.NotFound, tamperedCase.Message);
        var tamperedTime = await megan.ExecuteAsync(find, "panel.book", new JsonObject { ["case"] = reference, ["step"] = "book", ["start"] = "next Tuesday", ["end"] = "" });
        Assert.Equal("The time to book is not a time. Nothing was booked.", tamperedTime.Message);
        var past = await megan.ExecuteAsync(find, "panel.book", new JsonObject
        {
            ["case"] = reference, ["step"] = "book", ["start"] = DateTimeOffset.UtcNow.AddDays(-30).ToString("O", CultureInfo.InvariantCulture), ["end"] = DateTimeOffset.UtcNow.AddDays(-30).AddHours(2).ToString("O", CultureInfo.InvariantCulture),
        });
        Assert.Equal("The Scoping Panel must be scheduled for a time that has not yet passed.", past.Message);

        // Graph fails after making the meeting (its answer lost): nothing is booked on the case; booking again makes no second meeting.
        var slots = await megan.PressAsync(find, "Find a time", new JsonObject { ["workingDays"] = "10" });
        var book = FirstButton(slots!.Card!, "Book this slot");
        lock (standIn.Gate)
        {
            standIn.Person(ScopingPanelPlaygroundFixture.Organiser).HasTeams = false;
            standIn.Faults.Add(new Fault { Status = 500, Method = "POST", PathContains = "/events", AfterApplying = true });
        }

        try
        {
            var failed = await megan.ExecuteAsync(find, book["verb"]!.GetValue<string>(), (JsonObject)book["data"]!.DeepClone());
            Assert.Equal("The meeting was not booked: Microsoft Graph is not working properly just now. Try again later. Booking again later makes no second meeting. Nothing was changed on the case.", failed.Message);
            var notBooked = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
            Assert.Null(notBooked.State.ScheduledPanel);

            var retried = await megan.ExecuteAsync(find, book["verb"]!.GetValue<string>(), (JsonObject)book["data"]!.DeepClone());
            Assert.StartsWith("The Scoping Panel is booked for ", retried.Message, StringComparison.Ordinal);
            Assert.Contains("Teams gave it no meeting link", retried.Message, StringComparison.Ordinal);
            EventRecord meeting;
            lock (standIn.Gate)
            {
                meeting = Assert.Single(standIn.Events.Values, e => e.Body["subject"]!.GetValue<string>() == $"Scoping Panel: {reference}");
            }

            var hub = await HubShowsAsync(megan, reference, "No Teams link");
            Assert.Contains("Teams gave the meeting no link", hub.CardText, StringComparison.Ordinal);

            // Cancelled from the hub card: cancelled in Outlook and on the case; the Board Manager is asked for a new time.
            var cancelled = await PressAsync(megan, hub, "Cancel the meeting", new JsonObject { ["reason"] = "The chair is unwell." });
            Assert.Equal(Cancelled, cancelled.Message);
            lock (standIn.Gate)
            {
                Assert.True(meeting.IsCancelled);
            }

            await megan.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Find a time and book the Scoping Panel" && m.MessageId != find.MessageId);
        }
        finally
        {
            lock (standIn.Gate)
            {
                standIn.Person(ScopingPanelPlaygroundFixture.Organiser).HasTeams = true;
                standIn.Faults.Clear();
            }
        }

        var after = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        Assert.Null(after.State.ScheduledPanel);
        var audit = after.Facts.Skip(before.Facts.Count).OfType<AttemptRefused>().Select(a => (a.By.Name, a.Attempt)).ToList();
        Assert.Contains(("Patti Fernandez", "find a time for the Scoping Panel"), audit);
        Assert.Contains(("Isaiah Langer", "record that the Scoping Panel was held"), audit);
        Assert.Equal(3, audit.Count(a => a == ("Megan Bowen", "book the Scoping Panel")));
        Assert.Single(after.Facts.OfType<ScopingPanelScheduled>());
        Assert.Single(after.Facts.OfType<ScopingPanelPostponed>());
        lock (standIn.Gate)
        {
            Assert.All(standIn.Requests, r => Assert.Empty(r.Problems));
        }
    }

    [Fact]
    public async Task TheBoardManagerMovesTheMeetingFromTheHubCardThroughAnOutageAndThrottlingThenCancelsIt()
    {
        var (megan, isaiah, patti, _) = await PeopleReadyAsync();
        var reference = await ReadyToScheduleAsync();
        var standIn = playground.StandIn.State;
        var (find, meeting, panel) = await BookFirstSlotAsync(megan, reference);

        // Patti answers and signs for the meeting booked, and accepts it in Outlook; Isaiah has his card for the day.
        await patti.PressAsync(await TaskCardAsync(patti, reference, "Answer the invitation to the Scoping Panel"), "Attending");
        await patti.PressAsync(await TaskCardAsync(patti, reference, "Sign the Scoping Panel's confidentiality statement"), "I agree and sign", new JsonObject { ["fullName"] = "Patti Fernandez" });
        lock (standIn.Gate)
        {
            meeting.Responses["pattif@board.example"] = ("accepted", DateTimeOffset.UtcNow);
        }

        await playground.BotServices.GetRequiredService<PanelAnswersWorker>().SweepAsync(default);
        var hub = await HubShowsAsync(megan, reference, "Patti Fernandez: attending · Outlook: accepted · signed");
        var held = await TaskCardAsync(isaiah, reference, "Record the Scoping Panel meeting held");
        var attended = patti.PersonalChat.Single(m => m.CardText.Contains($"{reference} · Answer the invitation to the Scoping Panel", StringComparison.Ordinal));

        // The new time, 14:00 to 16:00 on a day past the windows the other tests book in (the stand-in is shared).
        var newDay = Calendar().AddWorkingDays(Today(), 13);
        var newStart = LondonTime.ToInstant(newDay, new TimeOnly(14, 0));
        var to = new JsonObject { ["proposedDate"] = Iso(newDay), ["proposedTime"] = "14:00" };

        // Graph is down as the meeting is moved (the update and the read-back fail): the case and Outlook keep the old time.
        lock (standIn.Gate)
        {
            standIn.Faults.Add(new Fault { Status = 500, Method = "PATCH", PathContains = "/events/" });
            standIn.Faults.Add(new Fault { Status = 500, Method = "GET", PathContains = "/events/" });
        }

        var failed = await PressAsync(megan, hub, "Move the meeting", to);
        Assert.Equal($"The meeting was not moved: Microsoft Graph is not working properly just now. Try again later. Nothing was changed on the case. The meeting stays booked for {PanelSteps.When(panel.Start, panel.End)}.",
            failed.Message);
        Assert.Equal(panel, (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!.State.ScheduledPanel);
        lock (standIn.Gate)
        {
            Assert.Equal(Outlook(panel.Start), meeting.Body["start"]!["dateTime"]!.GetValue<string>());
            Assert.Empty(standIn.Faults);

            // Then Graph throttles the move: its Retry-After is waited out, and the move is made once.
            standIn.Faults.Add(new Fault { Status = 429, RetryAfterSeconds = 1, Method = "PATCH" });
        }

        var moved = await PressAsync(megan, Current(megan, hub), "Move the meeting", to);
        Assert.Contains(playground.BotLogs.Lines, l => l.Message == $"Graph answered 429 to PATCH /v1.0/users/scr-panels%40board.example/events/{meeting.Id}; retrying in 00:00:01");
        Assert.Equal($"The Scoping Panel meeting is moved to {PanelSteps.When(newStart, newStart.AddHours(2))}. Outlook has sent every invitee the new time; each answers again, and signs the confidentiality statement again, for the new meeting.",
            moved.Message);
        lock (standIn.Gate)
        {
            var patches = standIn.Requests.Where(r => r.Method == "PATCH" && r.Path.EndsWith(meeting.Id, StringComparison.Ordinal)).ToList();
            Assert.Equal([500, 429, 200], patches.Select(r => r.Status));
            Assert.True(patches[2].At - patches[1].At >= TimeSpan.FromMilliseconds(900), "The Retry-After was waited out.");
            Assert.Equal(Outlook(newStart), meeting.Body["start"]!["dateTime"]!.GetValue<string>());
            Assert.Equal("GMT Standard Time", meeting.Body["start"]!["timeZone"]!.GetValue<string>());
            Assert.Empty(meeting.Responses);
        }

        // The case follows: the same Outlook meeting at the new time, and everyone asked again, as Outlook does.
        var after = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        Assert.Equal((newStart, newStart.AddHours(2), meeting.Id), (after.State.ScheduledPanel!.Start, after.State.ScheduledPanel.End, after.State.ScheduledPanel.MeetingId));
        Assert.Empty(after.State.OutlookAnswers);
        Assert.Null(after.State.InvitationOf(new PersonId(patti.Person.AadObjectId))!.Attending);
        Assert.False(after.State.HasSignedForScheduledPanel(new PersonId(patti.Person.AadObjectId)));
        hub = await HubShowsAsync(megan, reference, "Patti Fernandez: not yet answered · not signed");
        Assert.Contains($"from {PanelSteps.When(panel.Start, panel.End)}, by Megan Bowen on ", hub.CardText, StringComparison.Ordinal);
        var again = await patti.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Answer the invitation to the Scoping Panel" && m.MessageId != attended.MessageId);
        Assert.Contains($"The meeting was moved from {PanelSteps.When(panel.Start, panel.End)}: answer again for the new time.", again.CardText, StringComparison.Ordinal);
        Assert.Contains(PanelSteps.When(newStart, newStart.AddHours(2)), again.CardText, StringComparison.Ordinal);
        Assert.Contains("Answer the invitation to the Scoping Panel: done by Patti Fernandez", Current(patti, attended).CardText, StringComparison.Ordinal);
        await isaiah.WaitForCardInPersonalChatAsync(m => m.MessageId == held.MessageId && m.CardText.Contains("This step is no longer needed", StringComparison.Ordinal));
        var oldHeld = (JsonObject)FirstButton(held.Card!, "Record the meeting held")["data"]!.DeepClone();
        oldHeld["heldOn"] = Iso(LondonTime.DateOf(panel.Start));
        oldHeld["attended"] = isaiah.Person.AadObjectId;
        var stale = await isaiah.ExecuteAsync(Current(isaiah, held), "panel.held", oldHeld);
        Assert.Equal($"This card is for a Scoping Panel meeting since moved to {PanelSteps.When(newStart, newStart.AddHours(2))}: use the card for the meeting booked now. Nothing was changed.", stale.Message);
        await isaiah.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Record the Scoping Panel meeting held" && m.MessageId != held.MessageId
                                                         && m.CardText.Contains(PanelSteps.When(newStart, newStart.AddHours(2)), StringComparison.Ordinal));

        // Cancelled from the hub card: refused in plain words while Graph cannot cancel it, then cancelled in Outlook and on the case.
        lock (standIn.Gate)
        {
            standIn.Faults.Add(new Fault { Status = 500, Method = "POST", PathContains = "/cancel" });
        }

        var notCancelled = await PressAsync(megan, Current(megan, hub), "Cancel the meeting", new JsonObject { ["reason"] = "The chair is unwell." });
        Assert.Equal("The meeting was not cancelled: Microsoft Graph is not working properly just now. Try again later. Nothing was changed on the case.", notCancelled.Message);
        Assert.NotNull((await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!.State.ScheduledPanel);
        var cancelled = await PressAsync(megan, Current(megan, hub), "Cancel the meeting", new JsonObject { ["reason"] = "The chair is unwell." });
        Assert.Equal(Cancelled, cancelled.Message);
        lock (standIn.Gate)
        {
            Assert.True(meeting.IsCancelled);
            Assert.Contains(reference, standIn.Requests.Last(r => r.Path.EndsWith($"/events/{meeting.Id}/cancel", StringComparison.Ordinal) && r.Status == 202).Body, StringComparison.Ordinal);
        }

        // Scheduling is offered again, saying why; Patti's open card for the cancelled meeting is closed; the hub has no meeting to move.
        var rebook = await megan.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Find a time and book the Scoping Panel" && m.MessageId != find.MessageId);
        Assert.Contains("was cancelled by Megan Bowen on ", rebook.CardText, StringComparison.Ordinal);
        Assert.Contains("The chair is unwell. Book a new time.", rebook.CardText, StringComparison.Ordinal);
        await patti.WaitForCardInPersonalChatAsync(m => m.MessageId == again.MessageId && m.CardText.Contains("This step is no longer needed", StringComparison.Ordinal));
        await megan.WaitForCardInPersonalChatAsync(m => m.MessageId == hub.MessageId && !m.CardText.Contains("The Scoping Panel meeting\nWhen", StringComparison.Ordinal));
        hub = Current(megan, hub);
        Assert.DoesNotContain(Nodes(hub.Card!), n => n["title"]?.GetValue<string>() is "Move the meeting" or "Cancel the meeting");

        var final = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        Assert.Null(final.State.ScheduledPanel);
        Assert.Equal("The chair is unwell.", final.Facts.OfType<ScopingPanelPostponed>().Single().Reason);
        Assert.Equal(2, final.Facts.OfType<ScopingPanelScheduled>().Count());
        var refused = final.Facts.OfType<AttemptRefused>().Select(a => a.Attempt).ToList();
        Assert.Contains("move the Scoping Panel meeting", refused);
        Assert.Contains("record that the Scoping Panel was held", refused);
        Assert.Contains("cancel or reconvene the Scoping Panel meeting", refused);
        lock (standIn.Gate)
        {
            Assert.All(standIn.Requests, r => Assert.Empty(r.Problems));
        }
    }

    [Fact]
    public async Task AProposedTimeIsRefusedInPlainWordsWhenThePanelCannotMeetThenAndBookedOnceWhenItCan()
    {
        var (megan, _, _, _) = await PeopleReadyAsync();
        var reference = await ReadyToScheduleAsync();
        var standIn = playground.StandIn.State;
        var find = await TaskCardAsync(megan, reference, "Find a time and book the Scoping Panel");
        var calendar = Calendar();
        var today = Today();
        Task<InvokeAnswer> ProposeAsync(DateOnly day, string at) =>
            PressAsync(megan, Current(megan, find), "Check this time", new JsonObject { ["proposedDate"] = Iso(day), ["proposedTime"] = at });

        var past = await ProposeAsync(today.AddDays(-1), "10:00");
        Assert.Equal("The Scoping Panel must be scheduled for a time that has not yet passed.", past.Message);

        var saturday = Enumerable.Range(1, 7).Select(today.AddDays).First(d => d.DayOfWeek == DayOfWeek.Saturday);
        Assert.Equal($"{HumanDates.Format(saturday)} is not a working day (Saturday): the Scoping Panel meets on a working day. Nothing was booked.", (await ProposeAsync(saturday, "10:00")).Message);

        var holiday = calendar.BankHolidays(today.Year).Concat(calendar.BankHolidays(today.Year + 1)).First(h => h.Date > today && h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday));
        Assert.Equal($"{HumanDates.Format(holiday.Date)} is not a working day ({holiday.Name}): the Scoping Panel meets on a working day. Nothing was booked.", (await ProposeAsync(holiday.Date, "10:00")).Message);

        var closure = ScopingPanelPlaygroundFixture.Closure;
        Assert.Equal($"{HumanDates.Format(closure)} is not a working day ({ScopingPanelPlaygroundFixture.ClosureReason}): the Scoping Panel meets on a working day. Nothing was booked.", (await ProposeAsync(closure, "10:00")).Message);

        // A day beyond the windows the other tests book in (the stand-in is shared by this class's tests).
        var day = calendar.AddWorkingDays(today, 15);
        var late = LondonTime.ToInstant(day, new TimeOnly(16, 0));
        Assert.Equal($"{PanelSteps.When(late, late.AddHours(2))} is outside working hours: the Scoping Panel meets between 09:30 and 16:30, London time. Nothing was booked.", (await ProposeAsync(day, "16:00")).Message);

        // Isaiah, who chairs, is busy at 10:00; Patti is tentative at 13:00 (until the end of this test: the stand-in is shared).
        var conference = new BusyTime(LondonTime.ToInstant(day, new TimeOnly(10, 0)), LondonTime.ToInstant(day, new TimeOnly(11, 0)), BusyStatus.Busy, "Child protection conference");
        var training = new BusyTime(LondonTime.ToInstant(day, new TimeOnly(13, 0)), LondonTime.ToInstant(day, new TimeOnly(14, 0)), BusyStatus.Tentative, "Training");
        lock (standIn.Gate)
        {
            standIn.Person("isaiahl@board.example").Busy.Add(conference);
            standIn.Person("pattif@board.example").Busy.Add(training);
        }

        try
        {

            Assert.Equal("Isaiah Langer is busy or away then, and every agency invited is needed at the Scoping Panel: choose another time. Nothing was booked.", (await ProposeAsync(day, "10:00")).Message);
            var ok = await ProposeAsync(day, "13:00");
            var proposedText = Text(ok.Card!);
            Assert.Contains("Everyone required is free or tentative", proposedText, StringComparison.Ordinal);
            Assert.Contains("Tentative then: Patti Fernandez.", proposedText, StringComparison.Ordinal);
            Assert.Contains("Availability unknown (outside the organisation): DI Sam Vimes, Diego Siciliani.", proposedText, StringComparison.Ordinal);

            // Book this time, once: a second press is answered "Already recorded", and Outlook holds one meeting.
            var booked = await PressAsync(megan, Current(megan, find), "Book this time");
            Assert.Contains("Find a time and book the Scoping Panel: done by Megan Bowen", Text(booked.Card!), StringComparison.Ordinal);
            var twice = await megan.ExecuteAsync(find, "panel.book", (JsonObject)FirstButton(ok.Card!, "Book this time")["data"]!.DeepClone());
            Assert.StartsWith("Already recorded by Megan Bowen on ", twice.Message, StringComparison.Ordinal);
            var start = LondonTime.ToInstant(day, new TimeOnly(13, 0));
            lock (standIn.Gate)
            {
                var meeting = Assert.Single(standIn.Events.Values, e => e.Body["subject"]!.GetValue<string>() == $"Scoping Panel: {reference}");
                Assert.Equal(Outlook(start), meeting.Body["start"]!["dateTime"]!.GetValue<string>());
                Assert.All(standIn.Requests, r => Assert.Empty(r.Problems));
            }

            var stored = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
            Assert.Equal(start, stored.State.ScheduledPanel!.Start);
            var refused = stored.Facts.OfType<AttemptRefused>().Select(a => (a.By.Name, a.Attempt)).ToList();
            Assert.Equal(5, refused.Count(r => r == ("Megan Bowen", "propose a time for the Scoping Panel")));
            Assert.Contains(("Megan Bowen", "find a time for the Scoping Panel"), refused);
        }
        finally
        {
            lock (standIn.Gate)
            {
                standIn.Person("isaiahl@board.example").Busy.Remove(conference);
                standIn.Person("pattif@board.example").Busy.Remove(training);
            }
        }
    }

    [Fact]
    public async Task ThePanelChairAskedToReconveneHoldsTheMeetingAsPlannedOrCancelsItAndReconvenes()
    {
        var (megan, isaiah, patti, _) = await PeopleReadyAsync();
        var reference = await ReadyToScheduleAsync();
        var standIn = playground.StandIn.State;
        var (_, meeting, panel) = await BookFirstSlotAsync(megan, reference);

        // Patti, the police's only invitee, cannot attend: Isaiah, who chairs, is asked whether to reconvene.
        await patti.PressAsync(await TaskCardAsync(patti, reference, "Answer the invitation to the Scoping Panel"), "Cannot attend");
        var ask = await TaskCardAsync(isaiah, reference, "Reconvene the Scoping Panel?");
        Assert.Contains("Nobody attending for", ask.CardText, StringComparison.Ordinal);
        Assert.Contains("Staffordshire Police", ask.CardText, StringComparison.Ordinal);

        // Hold as planned: recorded, nothing cancelled.
        var hold = await isaiah.PressAsync(ask, "Hold as planned");
        Assert.Contains("Held as planned without Staffordshire Police: decided by Isaiah Langer on ", Text(hold!.Card!), StringComparison.Ordinal);
        var proceeded = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        Assert.Equal([new AgencyId("staffs-police")], proceeded.Facts.OfType<PanelProceedsWithoutAgencies>().Single().Agencies);
        Assert.Equal(panel, proceeded.State.ScheduledPanel);
        lock (standIn.Gate)
        {
            Assert.False(meeting.IsCancelled);
            Assert.DoesNotContain(standIn.Requests, r => r.Path.EndsWith($"/events/{meeting.Id}/cancel", StringComparison.Ordinal));
        }

        // The meeting is moved; Patti cannot attend the new time either: Isaiah is asked again, and this time reconvenes.
        var hub = await HubShowsAsync(megan, reference, "The Scoping Panel meeting");
        var newDay = Calendar().AddWorkingDays(Today(), 12);
        var moved = await PressAsync(megan, hub, "Move the meeting", new JsonObject { ["proposedDate"] = Iso(newDay), ["proposedTime"] = "14:30" });
        Assert.StartsWith("The Scoping Panel meeting is moved to ", moved.Message, StringComparison.Ordinal);
        var attendAgain = await patti.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Answer the invitation to the Scoping Panel"
                                                                         && m.Buttons.Count > 0 && m.CardText.Contains("The meeting was moved from", StringComparison.Ordinal));
        await patti.PressAsync(attendAgain, "Cannot attend");
        var sign = await TaskCardAsync(patti, reference, "Sign the Scoping Panel's confidentiality statement");
        var askAgain = await isaiah.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Reconvene the Scoping Panel?" && m.MessageId != ask.MessageId && m.Buttons.Count > 0);
        var reconvened = await PressAsync(isaiah, askAgain, "Cancel the meeting and reconvene", new JsonObject { ["reason"] = "Nobody can attend for Staffordshire Police." });
        Assert.Equal(Cancelled, reconvened.Message);

        // Cancelled in Outlook (every invitee told there), the case back to scheduling, the Board Manager told why.
        lock (standIn.Gate)
        {
            Assert.True(meeting.IsCancelled);
        }

        var after = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        Assert.Null(after.State.ScheduledPanel);
        Assert.Equal(Stage.PreparingScopingPanel, after.State.Stage);
        var postponed = after.Facts.OfType<ScopingPanelPostponed>().Single();
        Assert.Equal(("Isaiah Langer", "Nobody can attend for Staffordshire Police."), (postponed.By.Name, postponed.Reason));
        var rebook = await TaskCardAsync(megan, reference, "Find a time and book the Scoping Panel");
        Assert.Contains("was cancelled by Isaiah Langer on ", rebook.CardText, StringComparison.Ordinal);
        Assert.Contains("Nobody can attend for Staffordshire Police. Book a new time.", rebook.CardText, StringComparison.Ordinal);
        await patti.WaitForCardInPersonalChatAsync(m => m.MessageId == sign.MessageId && m.CardText.Contains("This step is no longer needed", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ARiskOfSignificantHarmRaisedByThePanelChairReachesChildrensSocialCareAndTheBoardManagerAtOnceAndNoOneElse()
    {
        var (megan, isaiah, patti, adele) = await PeopleReadyAsync();
        var alex = await InstalledAsync("Alex Wilber");
        var reference = await ReadyToScheduleAsync();
        await BookFirstSlotAsync(megan, reference);
        const string risk = "Jamie's younger sibling, aged 3, still lives in the same home.";
        const string title = "Start safeguarding procedures: a child at risk of significant harm";

        // Isaiah presses "Risk of significant harm identified" on his card for the meeting.
        var held = await TaskCardAsync(isaiah, reference, "Record the Scoping Panel meeting held");
        var raised = await PressAsync(isaiah, held, "Tell children's social care now", new JsonObject { ["harm"] = risk });
        Assert.Contains("Record the Scoping Panel meeting held", Text(raised.Card!), StringComparison.Ordinal);

        // At once, children's social care (Alex Wilber, the referrer, its Head of Safeguarding) and the Board Manager
        // get the concern, who was told, and the button that records what was done.
        var toSocialCare = await TaskCardAsync(alex, reference, title);
        var toManager = await TaskCardAsync(megan, reference, title);
        foreach (var card in new[] { toSocialCare, toManager })
        {
            Assert.StartsWith("Confidential —", card.CardText, StringComparison.Ordinal);
            Assert.Contains(risk, card.CardText, StringComparison.Ordinal);
            Assert.Contains("Alex Wilber (children's social care), Nestor Wilke (children's social care), Megan Bowen (Board Manager)", card.CardText, StringComparison.Ordinal);
            Assert.Contains("Start safeguarding children procedures now.", card.CardText, StringComparison.Ordinal);
        }

        var hub = await HubShowsAsync(megan, reference, "Risk of significant harm identified");
        Assert.DoesNotContain(risk, hub.CardText, StringComparison.Ordinal);

        // Children's social care records what was done; the Board Manager's copy says so.
        var started = await alex.PressAsync(toSocialCare, "Safeguarding procedures started", new JsonObject { ["action"] = "Strategy discussion held; the sibling is safe with the grandmother." });
        Assert.Contains($"{title}: done by Alex Wilber", Text(started!.Card!), StringComparison.Ordinal);
        await megan.WaitForCardInPersonalChatAsync(m => m.MessageId == toManager.MessageId && m.CardText.Contains($"{title}: done by Alex Wilber", StringComparison.Ordinal));

        // Kept in the case's audit trail; the concern reached nobody else: not the police, not the Independent Chair, not the team channel.
        var stored = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!;
        var identified = stored.Facts.OfType<RiskOfSignificantHarmIdentified>().Single();
        Assert.Equal(("Isaiah Langer", risk), (identified.By.Name, identified.Details));
        Assert.Equal("Alex Wilber", stored.Facts.OfType<SafeguardingStarted>().Single().By.Name);
        foreach (var other in new[] { patti, adele })
        {
            Assert.DoesNotContain(other.Messages, m => m.CardText.Contains("sibling", StringComparison.Ordinal) || (m.Text ?? "").Contains("sibling", StringComparison.Ordinal));
        }

        Assert.DoesNotContain(playground.ChannelMessages(playground.Tenant.ChannelId), m => m.CardText.Contains("sibling", StringComparison.Ordinal));
        Assert.DoesNotContain(playground.BotLogs.Lines, l => l.Message.Contains("sibling", StringComparison.Ordinal));
    }

    // ── helpers ──

    private async Task<(PlaygroundSession Megan, PlaygroundSession Isaiah, PlaygroundSession Patti, PlaygroundSession Adele)> PeopleReadyAsync()
    {
        var references = playground.BotServices.GetRequiredService<IConversationReferences>();
        var people = new List<PlaygroundSession>();
        foreach (var name in new[] { "Megan Bowen", "Isaiah Langer", "Patti Fernandez", "Adele Vance" })
        {
            var session = await playground.AsAsync(name);
            if (await references.FindPersonalAsync(session.Person.AadObjectId, default) is null)
            {
                await session.InstallInPersonalChatAsync();
                await playground.WaitUntilAsync(async () => await references.FindPersonalAsync(session.Person.AadObjectId, default) is not null, $"{name}'s personal chat");
            }

            people.Add(session);
        }

        return (people[0], people[1], people[2], people[3]);
    }

    private async Task<PlaygroundSession> InstalledAsync(string name)
    {
        var references = playground.BotServices.GetRequiredService<IConversationReferences>();
        var session = await playground.AsAsync(name);
        if (await references.FindPersonalAsync(session.Person.AadObjectId, default) is null)
        {
            await session.InstallInPersonalChatAsync();
            await playground.WaitUntilAsync(async () => await references.FindPersonalAsync(session.Person.AadObjectId, default) is not null, $"{name}'s personal chat");
        }

        return session;
    }

    /// <summary>A case referred and taken through stages 3–4 (tested card by card in StagesInThePlaygroundTests), by each person whose step it is.</summary>
    private async Task<string> ReadyToScheduleAsync()
    {
        var today = Today();
        var directory = ReferralSamples.Directory;
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), directory, today).Form;
        var referred = await Cases().ReferAsync(ReferralSamples.Staffordshire, today.Year, ReferralSamples.Referrer,
            r => CaseCommands.Refer(r, form, Context(ReferralSamples.Referrer)));
        var reference = referred.State.Reference!.Value;
        playground.BotServices.GetRequiredService<TriageQueue>().Enqueue(ReferralSamples.Staffordshire, reference);
        await playground.WaitUntilAsync(async () => (await Cases().LoadAsync(ReferralSamples.Staffordshire, reference))!.Facts.OfType<ChairsInformed>().Any(), "triage");
        var megan = ReferralSamples.BoardManager;
        var police = new AgencyId("staffs-police");
        async Task Do(Actor actor, Func<CaseState, CommandContext, Outcome> command)
        {
            var result = await Cases().ExecuteAsync(ReferralSamples.Staffordshire, reference, "prepare", actor, (s, _) => command(s, Context(actor)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        await Do(megan, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today, extraordinary: true));
        await Do(ReferralSamples.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The criteria may be met."));
        await Do(megan, (s, c) => CaseCommands.ChooseAgencies(s, c, [police]));
        await Do(megan, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(7)));
        await Do(ReferralSamples.AgencyRepresentative, (s, c) => CaseCommands.SecureRecords(s, c, police));
        await Do(ReferralSamples.AgencyRepresentative, (s, c) => CaseCommands.ReturnRecordCheck(s, c, police, RecordCheckResult.Known, []));
        await Do(new Actor(new PersonId("5c0b5a7e-0000-4000-8000-000000000025"), "Lynne Robbins"), (s, c) => CaseCommands.RecordSchoolsChecked(s, c, ["Example Primary School"]));
        await Do(megan, (s, c) => CaseCommands.SendInvitations(s, c, [police], [], new Invitee("DI Sam Vimes", "sam.vimes@police.example"),
            new Invitee("Diego Siciliani", "diego.siciliani@minutes.example"), "The other partners' checks are late and the panel cannot wait."));
        playground.BotServices.GetRequiredService<Conversations.CaseSyncQueue>().Enqueue(ReferralSamples.Staffordshire, reference);
        return reference.Value;
    }

    /// <summary>Megan finds a time and books the first slot offered, pressing her card's buttons: the find-time card, the meeting in Outlook, and as the case holds it.</summary>
    private async Task<(PlaygroundMessage Find, EventRecord Meeting, PanelMeeting Panel)> BookFirstSlotAsync(PlaygroundSession megan, string reference)
    {
        var find = await TaskCardAsync(megan, reference, "Find a time and book the Scoping Panel");
        var slots = await megan.PressAsync(find, "Find a time", new JsonObject { ["workingDays"] = "10" });
        var booked = await PressAsync(megan, Current(megan, find), "Book this slot");
        Assert.Contains("done by Megan Bowen", Text(booked.Card!), StringComparison.Ordinal);
        _ = slots;
        var panel = (await Cases().LoadAsync(ReferralSamples.Staffordshire, CaseReference.Parse(reference)))!.State.ScheduledPanel!;
        lock (playground.StandIn.State.Gate)
        {
            return (find, playground.StandIn.State.Events[panel.MeetingId!], panel);
        }
    }

    /// <summary>An instant as Outlook's dateTimeTimeZone holds it in London's zone.</summary>
    private static string Outlook(DateTimeOffset instant) => LondonTime.ToLondon(instant).ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture);

    private WorkingDayCalendar Calendar() => playground.BotServices.GetRequiredService<ProcessProfiles>().For(ReferralSamples.Staffordshire).CreateCalendar();

    private CommandContext Context(Actor actor) => new(actor, playground.Time.GetUtcNow(), ReferralSamples.Directory);

    private DateOnly Today() => LondonTime.Today(playground.Time);

    private CaseStore Cases() => playground.BotServices.GetRequiredService<CaseStore>();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static IEnumerable<string> Options(JsonObject card, string id) =>
        Nodes(card).Single(n => n["type"]?.GetValue<string>() == "Input.ChoiceSet" && n["id"]?.GetValue<string>() == id)["choices"]!.AsArray()
            .Select(c => c!["value"]!.GetValue<string>()).ToList();

    private const string Cancelled = "The Scoping Panel meeting is cancelled in Outlook and on the case: Outlook has told every invitee. The Board Manager is asked to find a new time.";

    /// <summary>
    /// Presses the card's Action.Execute with this title wherever it is on the card (inside a Show card too), sending
    /// its data with the inputs the person filled in, as Teams does.
    /// </summary>
    private static Task<InvokeAnswer> PressAsync(PlaygroundSession person, PlaygroundMessage message, string title, JsonObject? inputs = null)
    {
        var button = FirstButton(message.Card!, title);
        var data = (JsonObject)button["data"]!.DeepClone();
        foreach (var (name, value) in inputs ?? [])
        {
            data[name] = value?.DeepClone();
        }

        return person.ExecuteAsync(message, button["verb"]!.GetValue<string>(), data);
    }

    /// <summary>The step a delivered card's buttons name.</summary>
    private static string StepOf(PlaygroundMessage message) =>
        Nodes(message.Card!).First(n => n["type"]?.GetValue<string>() == "Action.Execute")["data"]!["step"]!.GetValue<string>();

    private static JsonObject FirstButton(JsonObject card, string title) =>
        Nodes(card).First(n => n["type"]?.GetValue<string>() == "Action.Execute" && n["title"]?.GetValue<string>() == title);

    private static IEnumerable<JsonObject> Nodes(JsonNode? node) => node switch
    {
        JsonObject o => new[] { o }.Concat(o.SelectMany(p => Nodes(p.Value))),
        JsonArray a => a.SelectMany(Nodes),
        _ => [],
    };

    private static Task<PlaygroundMessage> TaskCardAsync(PlaygroundSession person, string reference, string step) =>
        person.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · {step}" && m.Buttons.Count > 0);

    private static Task<PlaygroundMessage> HubShowsAsync(PlaygroundSession manager, string reference, string text) =>
        manager.WaitForCardInPersonalChatAsync(m => JourneyHarness.Heading(m.Card!) == $"{reference} · Case card" && m.CardText.Contains(text, StringComparison.Ordinal));

    private static async Task<PlaygroundMessage> AskAsync(PlaygroundSession person, string text)
    {
        var before = person.PersonalChat.Select(m => m.MessageId).ToHashSet();
        await person.SayInPersonalChatAsync(text);
        return await person.WaitForAsync(person.PersonalChatId, m => !before.Contains(m.MessageId) && m.FromId != person.Person.Id
            && (m.Card is null || m.CardText.Contains("Your part in this case", StringComparison.Ordinal)));
    }

    private static PlaygroundMessage Current(PlaygroundSession session, PlaygroundMessage message) =>
        session.PersonalChat.Single(m => m.MessageId == message.MessageId);

    private static string Text(JsonObject card) => new PlaygroundMessage("", "", null, "", null, [card], 0).CardText;
}
