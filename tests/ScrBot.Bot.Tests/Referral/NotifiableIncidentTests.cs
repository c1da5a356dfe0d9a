using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Nudges;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Tests.Referral.JourneyHarness;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// A notifiable incident (D1): children's social care notifies Ofsted and the board "within five working days of
/// becoming aware" — counted from children's social care's awareness, not the referring agency's; the board's named
/// officers are nudged and record it from the nudge itself, which stops the nudges; and the board keeps a registry of
/// the notifications for its Board Manager.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class NotifiableIncidentTests(AzuriteFixture azurite)
{
    [Theory]
    [InlineData("staffs-police", "2026-11-18", "2026-11-18")]
    [InlineData("staffs-police", "", "2026-11-23")]
    [InlineData("staffs-csc", "", "2026-11-03")]
    public async Task D1RunsFromChildrensSocialCareBecomingAwareWhoeverRefers(string agency, string socialCareAware, string expectedStart)
    {
        var harness = new JourneyHarness(azurite);
        var user = NewReferrer();
        await harness.Journey.StartAsync(user, CancellationToken.None);
        var answers = ReferralSamples.Answers();
        answers[FormSection.Referrer][FormFields.ReferrerAgency] = agency;
        answers[FormSection.Incident][FormFields.IncidentDateChildrensSocialCareAware] = socialCareAware;
        await harness.FillAsync(user, FormSection.ParallelProcesses, answers);

        var sent = await harness.PressAsync(user, "referral.submit", FormSection.ParallelProcesses);

        Assert.NotNull(sent.Referred);
        var start = DateOnly.Parse(expectedStart, System.Globalization.CultureInfo.InvariantCulture);
        var due = WorkingDayCalendar.EnglandAndWales.AddWorkingDays(start, 5);
        var stored = await harness.Cases.LoadAsync(ReferralSamples.Staffordshire, sent.Referred.Reference);
        var d1 = ObligationRules.Derive(stored!.Facts, new ProcessProfiles().For(ReferralSamples.Staffordshire), WorkingDayCalendar.EnglandAndWales, ReferralSamples.Today)
            .Single(o => o.Code == ObligationCode.D1);
        Assert.Equal(start, d1.StartsOn);
        Assert.Equal(due, d1.DueOn);
        Assert.Contains("from children's social care becoming aware", d1.Rule, StringComparison.Ordinal);
        Assert.Contains($"by {HumanDates.Format(due)}", Text(sent.Card), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBoardsNamedOfficerIsNudgedRecordsTheNotificationFromTheNudgeAndTheNudgesStop()
    {
        await using var host = await TriageHost.StartAsync(azurite);
        foreach (var member in host.Directory.Find(ReferralSamples.Staffordshire)!.Members)
        {
            await host.GiveChatAsync(member.Person);
        }

        await host.InstallInTheBoardsTeamAsync();
        var officer = host.Person(Role.NotifyingOfficer);
        var police = host.Person(Role.AgencyRepresentative);

        var (reference, bot, journal) = await PoliceReferAndStartAsync(host);
        await using var _ = bot;

        // Tuesday 24 November, 08:00 London: the day's nudges.
        await SweepAtAsync(host, journal, new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), sweeps: 1);
        var nudge = Assert.Single(host.Connector.Requests, r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(officer)
            && TriageHost.Text(r).Contains($"{reference} · Ofsted to be notified", StringComparison.Ordinal));
        Assert.Contains("Wednesday 25 November 2026", TriageHost.Text(nudge), StringComparison.Ordinal);
        Assert.Contains("from children's social care becoming aware", TriageHost.Text(nudge), StringComparison.Ordinal);
        var record = RecordAction(nudge.Card!);

        // Someone who is not named to notify Ofsted cannot record it.
        var refused = await PressAsync(bot, host, police, record, "2026-11-24");
        Assert.Equal("application/vnd.microsoft.error", refused["type"]!.GetValue<string>());

        var recorded = await PressAsync(bot, host, officer, record, "2026-11-24");
        Assert.Equal(200, recorded["statusCode"]!.GetValue<int>());
        Assert.Contains($"{reference} · Ofsted notified: recorded", recorded.ToJsonString(ScrBot.Bot.Cards.AdaptiveCard.Json), StringComparison.Ordinal);
        var stored = await host.Cases.LoadAsync(ReferralSamples.Staffordshire, reference);
        Assert.Equal(new DateOnly(2026, 11, 24), stored!.State.NotifiableIncidentReportedOn);
        Assert.Equal(officer, stored.Facts.OfType<NotifiableIncidentReported>().Single().By.Id);

        // Wednesday: no more D1 nudges.
        await SweepAtAsync(host, journal, new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero), sweeps: 2);
        Assert.Equal(1, host.SentTo(TriageHost.Chat(officer), "Ofsted to be notified"));

        // The Board Manager's registry lists it as notified.
        var manager = host.Person(Role.BoardManager);
        var ask = Activities.Message(host.Connector.ServiceUrl.ToString(), "notifications", TriageHost.Chat(manager));
        ask["from"]!["aadObjectId"] = manager.Value;
        await bot.PostActivityAsync(ask);
        var registry = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(manager)
            && TriageHost.Text(r).Contains("Notifiable incidents · Staffordshire", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Contains(reference.Value, TriageHost.Text(registry), StringComparison.Ordinal);
        Assert.Contains("Tuesday 24 November 2026", TriageHost.Text(registry), StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", TriageHost.Text(registry), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ANamedOfficerWhoNeverOpenedScrBotIsNotMissedTheBoardManagerIsToldAndTheReminderWaitsForThem()
    {
        await using var host = await TriageHost.StartAsync(azurite);
        var officer = host.Person(Role.NotifyingOfficer);
        foreach (var member in host.Directory.Find(ReferralSamples.Staffordshire)!.Members.Where(m => m.Person != officer))
        {
            await host.GiveChatAsync(member.Person);
        }

        var manager = host.Person(Role.BoardManager);
        var (reference, bot, journal) = await PoliceReferAndStartAsync(host);
        await using var _ = bot;

        await SweepAtAsync(host, journal, new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero), sweeps: 1);

        var notice = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(manager)
            && TriageHost.Text(r).Contains($"{reference} · Nestor Wilke could not be reached", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.Contains("a reminder that D1", TriageHost.Text(notice), StringComparison.Ordinal);
        Assert.True(journal.Sweeps[0].Unreachable >= 1);
        Assert.Single(host.Connector.Requests, r => r.Operation == "send" && TriageHost.Text(r).Contains("could not be reached", StringComparison.Ordinal));

        // He opens ScrBot and writes to it: what was waiting comes at once.
        var chat = "a:opened-" + Guid.NewGuid().ToString("N");
        var hello = Activities.Message(host.Connector.ServiceUrl.ToString(), "hello", chat);
        hello["from"]!["aadObjectId"] = officer.Value;
        await bot.PostActivityAsync(hello);
        var waiting = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == chat
            && TriageHost.Text(r).Contains($"{reference} · A reminder was waiting for you", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        Assert.DoesNotContain("Jamie", TriageHost.Text(waiting), StringComparison.Ordinal);
    }

    /// <summary>
    /// Police refer a notifiable incident children's social care became aware of on Wednesday 18 November (D1 due
    /// Wednesday 25 November), and the bot starts.
    /// </summary>
    private static async Task<(CaseReference Reference, BotFactory Bot, NudgeJournal Journal)> PoliceReferAndStartAsync(TriageHost host)
    {
        var reference = await host.ReferAsync(f => f with
        {
            Referrer = f.Referrer with { Agency = new AgencyId("staffs-police") },
            Incident = f.Incident with { DateChildrensSocialCareAware = new DateOnly(2026, 11, 18) },
        });
        var bot = host.StartBot();
        var journal = bot.Services.GetRequiredService<NudgeJournal>();
        return (reference, bot, journal);
    }

    /// <summary>Moves the clock to the worker's next sweep, which must be at <paramref name="at"/>, and waits for it.</summary>
    private static async Task SweepAtAsync(TriageHost host, NudgeJournal journal, DateTimeOffset at, int sweeps)
    {
        await journal.WhenAsync(j => j.Next == at).WaitAsync(TimeSpan.FromMinutes(1));
        host.Time.SetUtcNow(at);
        await journal.WhenAsync(j => j.Sweeps.Count >= sweeps).WaitAsync(TimeSpan.FromMinutes(1));
    }

    private static JsonObject RecordAction(JsonObject card)
    {
        var show = card["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Record that Ofsted was notified")!;
        return (JsonObject)show["card"]!["actions"]![0]!;
    }

    private static async Task<JsonObject> PressAsync(BotFactory bot, TriageHost host, PersonId person, JsonObject action, string date)
    {
        var data = (JsonObject)action["data"]!.DeepClone();
        data[NotifiableIncidentCards.ReportedOnInput] = date;
        var invoke = Activities.CardAction(host.Connector.ServiceUrl.ToString(), action["verb"]!.GetValue<string>(), data, TriageHost.Chat(person));
        invoke["from"]!["aadObjectId"] = person.Value;
        using var response = await bot.PostActivityAsync(invoke);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
