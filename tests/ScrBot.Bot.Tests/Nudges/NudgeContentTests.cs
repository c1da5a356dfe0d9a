using System.Text.Json.Nodes;
using Microsoft.Extensions.Configuration;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Hosting;
using ScrBot.Bot.Nudges;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Cards;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using static ScrBot.Bot.Tests.Nudges.NudgeHarness;

namespace ScrBot.Bot.Tests.Nudges;

/// <summary>What nudges and reminders say, to whom, and what they never say.</summary>
[Collection(AzuriteCollection.Name)]
public sealed class NudgeContentTests(AzuriteFixture azurite)
{
    private static readonly DateOnly Monday = new(2026, 11, 23);

    [Fact]
    public async Task TheChannelReminderAndTheNudgesCarryNoDetailOfTheChildOrFamily()
    {
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 16, 9, 0, 0, TimeSpan.Zero));
        var overdue = await harness.ReferAsync(new DateOnly(2026, 11, 13));
        harness.Time.Advance(TimeSpan.FromDays(7) - TimeSpan.FromHours(2));
        var dueSoon = await harness.ReferAsync(Monday);
        harness.Time.Advance(TimeSpan.FromHours(1));

        var summary = await harness.Sweep().SweepAsync(Monday, null, CancellationToken.None);

        var reminder = Assert.Single(harness.CardsTo(harness.NoticeChannel));
        var text = AdaptiveCard.ToJson(reminder);
        Assert.Equal("Deadline reminder · Monday 23 November 2026", Heading(reminder));
        Assert.Contains($"{overdue} · D1 · Notify Ofsted and the board of a notifiable incident", text, StringComparison.Ordinal);
        Assert.Contains($"{overdue} · D2 · Inform the Independent Chair and the Sub-group Chair of the notification", text, StringComparison.Ordinal);
        Assert.Contains("Due Tuesday 17 November 2026 (4 working days overdue) · The Board Manager", text, StringComparison.Ordinal);
        Assert.Contains($"{dueSoon} · D2 · ", text, StringComparison.Ordinal);
        Assert.Contains("Due Tuesday 24 November 2026 (tomorrow) · The Board Manager", text, StringComparison.Ordinal);
        Assert.True(text.IndexOf("Overdue", StringComparison.Ordinal) < text.IndexOf($"{dueSoon} · D2", StringComparison.Ordinal), "overdue ones come first");
        Assert.Equal(3, summary.Obligations);

        // What people see: each card and the notification summary (the envelope carries only ids).
        var everything = harness.Connector.Requests.Where(r => r.Operation == "send")
            .Select(r => r.Card!.ToJsonString() + " " + r.Body!["summary"]?.GetValue<string>())
            .ToList();
        Assert.Equal(5, everything.Count); // D1 to children's social care and to the Board Manager, both D2s to the Board Manager, the reminder
        foreach (var message in everything.Append(text))
        {
            foreach (var detail in ChildDetails.Concat(["Alex Wilber", "Head of Safeguarding"]))
            {
                Assert.DoesNotContain(detail, message, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task NotifyingOfstedIsNudgedToChildrensSocialCareAndTheBoardManager()
    {
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
        var reference = await harness.ReferAsync(new DateOnly(2026, 11, 18));

        await harness.Sweep().SweepAsync(Monday, null, CancellationToken.None);

        var social = Assert.Single(harness.CardsTo(ChatOf(harness.SocialCareRepresentative)));
        Assert.Equal($"{reference} · Ofsted to be notified of the incident by Wednesday 25 November 2026 (in 2 working days)", Heading(social));
        Assert.Equal("Children's social care (the local authority)", Fact(social, "Owed by"));
        Assert.Equal("Ofsted and the board", Fact(social, "Owed to"));
        Assert.Contains(harness.CardsTo(ChatOf(harness.BoardManager)), c => Heading(c) == Heading(social));
        Assert.Empty(harness.CardsTo(ChatOf(harness.PoliceRepresentative)));
    }

    [Fact]
    public async Task SomeoneWhoHasNotInstalledScrBotIsLoggedByRoleAndCaseReferenceAndCounted()
    {
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero), notInstalledFor: h => [h.SocialCareRepresentative]);
        var reference = await harness.ReferAsync(new DateOnly(2026, 11, 18));

        var summary = await harness.Sweep().SweepAsync(Monday, null, CancellationToken.None);

        Assert.Equal(1, summary.Unreachable);
        Assert.Equal(2, summary.NudgesSent); // D1 and D2 to the Board Manager
        var line = Assert.Single(harness.Logs.Lines, l => l.Message.Contains("no personal chat", StringComparison.Ordinal));
        Assert.Contains("AgencyRepresentative", line.Message, StringComparison.Ordinal);
        Assert.Contains(reference.Value, line.Message, StringComparison.Ordinal);
        Assert.Contains(harness.Logs.Lines, l => l.Message.StartsWith("Nudge sweep for 2026-11-23: 1 cases, 2 obligations", StringComparison.Ordinal) && l.Message.Contains("1 unreachable", StringComparison.Ordinal));
        foreach (var logged in harness.Logs.Lines.Select(l => l.Message))
        {
            Assert.DoesNotContain(harness.SocialCareRepresentative.Name, logged, StringComparison.Ordinal);
            Assert.DoesNotContain(harness.BoardManager.Name, logged, StringComparison.Ordinal);
            foreach (var detail in ChildDetails)
            {
                Assert.DoesNotContain(detail, logged, StringComparison.OrdinalIgnoreCase);
            }
        }
    }

    [Fact]
    public async Task ACaseOnABoardTheDirectoryDoesNotKnowIsNotNudged()
    {
        await using var harness = await StartAsync(azurite, new DateTimeOffset(2026, 11, 23, 7, 0, 0, TimeSpan.Zero));
        await harness.ReferAsync(Monday);
        var sweep = new NudgeSweep(
            harness.Cases, new Domain.Boards.BoardDirectory([harness.Directory.Boards[1]]), new ProcessProfiles(), harness.Conversations,
            harness.Sender.Sender, harness.Ledger, new NudgeSettings(), harness.Time,
            Microsoft.Extensions.Logging.Abstractions.NullLogger<NudgeSweep>.Instance);

        var summary = await sweep.SweepAsync(Monday, null, CancellationToken.None);

        Assert.Equal(1, summary.CasesOnUnknownBoards);
        Assert.Empty(harness.Connector.Requests);
    }

    [Fact]
    public async Task EveryNudgeCardPassesTheOfficialAdaptiveCardsParser()
    {
        var calendar = WorkingDayCalendar.EnglandAndWales;
        var reference = new CaseReference(2026, 7);
        var form = Form(new DateOnly(2026, 3, 2));
        var facts = new List<CaseEvent>
        {
            new CaseReferred(reference, Board, [], form) { At = new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero), By = Referral.ReferralSamples.Referrer },
        };
        var cards = new List<(string Name, JsonObject Card)>();
        foreach (var today in new[] { new DateOnly(2026, 3, 2), new DateOnly(2026, 3, 3), new DateOnly(2026, 3, 13) })
        {
            foreach (var obligation in ObligationRules.Derive(facts, ProcessProfile.Toolkit, calendar, today))
            {
                cards.Add(($"nudge-{obligation.Code}-{today:yyyyMMdd}", NudgeCards.Nudge(reference, obligation, today, calendar)));
            }
        }

        var template = ObligationRules.Derive(facts, ProcessProfile.Toolkit, calendar, new DateOnly(2026, 3, 20)).First(o => o.Code == ObligationCode.D2);
        foreach (var code in Enum.GetValues<ObligationCode>())
        {
            cards.Add(($"nudge-every-step-{code}", NudgeCards.Nudge(reference, template with { Code = code, Key = code.ToString() }, new DateOnly(2026, 3, 20), calendar)));
        }

        var lines = Enumerable.Range(1, 60)
            .Select(n => new NudgeCards.ReminderLine(new CaseReference(2026, n), (ObligationCode)(1 + (n % 12)), "Circulate the minutes of the Scoping Panel to every invited agency", new DateOnly(2026, 3, 2).AddDays(n % 9), "The Board Manager", n % 3 == 0))
            .ToList();
        cards.Add(("reminder-one", NudgeCards.BoardReminder("Staffordshire Safeguarding Children Board", lines.Take(1).ToList(), new DateOnly(2026, 3, 5), calendar, 2)));
        cards.Add(("reminder-many", NudgeCards.BoardReminder("Staffordshire Safeguarding Children Board", lines, new DateOnly(2026, 3, 5), calendar, 2)));

        var folder = Path.Combine(Path.GetTempPath(), "scrbot-nudge-cards-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        try
        {
            foreach (var (name, card) in cards)
            {
                await File.WriteAllTextAsync(Path.Combine(folder, name + ".json"), Payload(card));
            }

            var run = await NodeTool.RunAsync(Path.Combine("cards", "check.mjs"), [folder], TimeSpan.FromMinutes(5));
            var report = JsonNode.Parse(run.Output) ?? throw new InvalidOperationException("check.mjs printed nothing: " + run.Errors);
            var results = report["results"]!.AsArray();
            Assert.Equal(cards.Count, results.Count);
            var problems = results.SelectMany(r => r!["problems"]!.AsArray().Select(p => $"{r["name"]}: {p}")).ToList();
            Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
            Assert.Equal(0, run.ExitCode);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }

        Assert.All(cards, c => Assert.Equal("1.5", c.Card["version"]!.GetValue<string>()));
        Assert.All(cards, c => Assert.DoesNotContain("px", c.Card.ToJsonString(), StringComparison.Ordinal));
        // Case status on every nudge; notifying Ofsted (D1) is recorded from the nudge itself, and the obligations a
        // stage's card records (D9–D12) get "Record it done", which opens that card.
        Assert.All(cards.Where(c => c.Name.StartsWith("nudge", StringComparison.Ordinal)), c =>
        {
            var titles = c.Card["actions"]!.AsArray().Select(a => a!["title"]!.GetValue<string>()).ToList();
            if (c.Name.StartsWith("nudge-D1", StringComparison.Ordinal) || c.Name == "nudge-every-step-D1")
            {
                Assert.Equal(2, titles.Count);
                Assert.Contains("Case status", titles);
                return;
            }

            var recordable = c.Name is "nudge-every-step-D9" or "nudge-every-step-D10" or "nudge-every-step-D11";
            Assert.Equal(recordable ? ["Case status", "Record it done"] : ["Case status"], titles);
        });
        Assert.Equal("plan/update/A2/2027-01-15", NudgeCards.StepFor(template with { Code = ObligationCode.D12, Key = "D12/A2/2027-01-15" }));
        // D8: the nudge opens the checklist's card for that notice.
        Assert.Equal("notice/national-panel", NudgeCards.StepFor(template with { Code = ObligationCode.D8, Key = "D8/NationalPanel" }));
        Assert.Equal("notice/ofsted", NudgeCards.StepFor(template with { Code = ObligationCode.D8, Key = "D8/Ofsted" }));
        Assert.Equal("notice/dfe", NudgeCards.StepFor(template with { Code = ObligationCode.D8, Key = "D8/DepartmentForEducation" }));

        // An agency's report for the review, late: its nudge says so in its own words, and "Record it done" opens the
        // representative's card that records it sent.
        var late = template with { Code = ObligationCode.D9, Key = "D9/report/staffs-police", DueOn = new DateOnly(2026, 3, 16), Status = ObligationStatus.Overdue };
        var nudge = NudgeCards.Nudge(reference, late, new DateOnly(2026, 3, 20), calendar);
        Assert.StartsWith($"{reference} · Agency report for the review to send by Monday 16 March 2026 (4 working days overdue)", nudge["body"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("review/agencyreport/staffs-police", NudgeCards.StepFor(late));
        Assert.Equal("review/agencyreport/staffs-police", nudge["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Record it done")!["data"]!["step"]!.GetValue<string>());
    }

    [Fact]
    public void AMalformedNudgeSettingStopsStartUpNamingIt()
    {
        var defaults = NudgeSettings.Read(new ConfigurationBuilder().Build());
        Assert.True(defaults.Enabled);
        Assert.Equal(new TimeOnly(8, 0), defaults.TimeOfDay);
        Assert.Equal(2, defaults.LookaheadWorkingDays);

        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Nudges:TimeOfDay"] = "eight", ["Nudges:LookaheadWorkingDays"] = "-1", ["Nudges:Enabled"] = "yes" })
            .Build();
        var problems = Assert.Throws<SettingsException>(() => NudgeSettings.Read(configuration)).Problems;

        Assert.Equal(3, problems.Count);
        Assert.Contains(problems, p => p.StartsWith("Nudges__TimeOfDay must be a London time of day such as 08:00", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Nudges__LookaheadWorkingDays", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("Nudges__Enabled", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("2026-03-27T08:00:00+00:00", "2026-03-30T07:00:00+00:00")] // Friday in GMT → Monday in BST
    [InlineData("2026-10-23T07:00:00+00:00", "2026-10-26T08:00:00+00:00")] // Friday in BST → Monday in GMT
    [InlineData("2026-12-24T08:00:00+00:00", "2026-12-29T08:00:00+00:00")] // Christmas Eve → after Christmas and Boxing Day (Monday 28 December)
    [InlineData("2026-04-02T07:00:00+00:00", "2026-04-07T07:00:00+00:00")] // Maundy Thursday → after Good Friday and Easter Monday
    public void TheNextSweepIsAtEightLondonTimeOnTheNextWorkingDay(string swept, string next)
    {
        var at = DateTimeOffset.Parse(swept, System.Globalization.CultureInfo.InvariantCulture);

        var found = NudgeSchedule.Next(at, new TimeOnly(8, 0), WorkingDayCalendar.EnglandAndWales, LondonTime.DateOf(at));

        Assert.Equal(DateTimeOffset.Parse(next, System.Globalization.CultureInfo.InvariantCulture), found);
        Assert.Equal(new TimeOnly(8, 0), LondonTime.TimeOfDayOf(found));
    }

    /// <summary>The whole message as the sender writes it (BotJson), addressed as in a Teams personal chat.</summary>
    private static string Payload(JsonObject card)
    {
        var activity = Activity.Card((JsonObject)card.DeepClone(), "ScrBot");
        activity.From = new ChannelAccount { Id = "28:" + Guid.Empty, Name = "ScrBot" };
        activity.Recipient = new ChannelAccount { Id = "29:1" + new string('a', 80), Name = "Megan Bowen", AadObjectId = Guid.Empty.ToString() };
        activity.Conversation = new ConversationAccount { Id = "a:1" + new string('b', 120), ConversationType = "personal", TenantId = Guid.Empty.ToString() };
        activity.ServiceUrl = "https://smba.trafficmanager.net/uk/" + Guid.Empty + "/";
        return BotJson.Serialize(activity);
    }
}
