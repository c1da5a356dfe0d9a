using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Nudges;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>
/// A case handed to the board that should lead it is that board's case everywhere a board sees its cases: its Board
/// Manager and officers get the case's nudges, its channel the deadline reminder, its registry the notifiable incident,
/// its triage sweep the case; the board that handed it over only cooperates. The real bot host on Azurite, activities
/// posted to /api/messages, and the Bot Connector stand-in.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class HandedOverCaseTests(AzuriteFixture azurite)
{
    private const string StokeManagerId = "5c0b5a7e-0000-4000-8000-000000000028";

    private static readonly BoardId Stoke = new("stoke-on-trent");

    [Fact]
    public async Task AfterAHandOverTheNewBoardsPeopleGetTheNudgesItsChannelTheReminderAndItsRegistryTheIncidentAndTheOldBoardsDoNot()
    {
        var stokeChannel = $"19:{Guid.NewGuid():N}@thread.tacv2";
        await using var host = await TriageHost.StartAsync(azurite, text => WithStokeManager(text).Replace("19:board-general@thread.tacv2", stokeChannel, StringComparison.Ordinal));
        foreach (var member in host.Directory.Boards.SelectMany(b => b.Members))
        {
            await host.GiveChatAsync(member.Person);
        }

        await host.InstallInTheBoardsTeamAsync();
        await host.Chats.SaveAsync(new ScrBot.Bot.Connector.ConversationReference(host.Connector.ServiceUrl, stokeChannel, Activities.TenantId,
            ScrBot.Bot.Connector.ConversationTypes.Channel, ChannelId: stokeChannel, TeamId: stokeChannel), default);
        var manager = host.Person(Role.BoardManager);
        var staffordshireOfficer = host.Person(Role.NotifyingOfficer);
        var stokeManager = host.Directory.WithRole(Stoke, Role.BoardManager).Single().Person;
        var stokeOfficer = host.Directory.WithRole(Stoke, Role.NotifyingOfficer).Single().Person;

        // Police refer a notifiable incident to Staffordshire (children's social care aware on 18 November: D1 due 25 November).
        var reference = await host.ReferAsync(f => f with
        {
            OtherBoardsInvolved = [],
            Referrer = f.Referrer with { Agency = new AgencyId("staffs-police") },
            Incident = f.Incident with { DateChildrensSocialCareAware = new DateOnly(2026, 11, 18) },
        });
        await using var bot = host.StartBot();
        var journal = bot.Services.GetRequiredService<NudgeJournal>();
        var triage = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(manager)
            && TriageHost.Text(r).Contains($"{reference} · New referral for triage", StringComparison.Ordinal), TimeSpan.FromMinutes(1));

        // Staffordshire's Board Manager hands it to Stoke-on-Trent, where the child lives.
        var handed = await HandOverAsync(bot, host, manager, triage.Card!, "stoke-on-trent", "The child normally lives in Stoke-on-Trent.");
        Assert.Contains($"{reference} · Handed to Stoke-on-Trent", handed.ToJsonString(ScrBot.Bot.Cards.AdaptiveCard.Json), StringComparison.Ordinal);

        // Tuesday 24 November, 08:00 London: the day's nudges and reminders.
        await journal.WhenAsync(j => j.Next == new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)).WaitAsync(TimeSpan.FromMinutes(1));
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await journal.WhenAsync(j => j.Sweeps.Count >= 1).WaitAsync(TimeSpan.FromMinutes(1));

        // The new lead board's Board Manager and its officer named to notify Ofsted are nudged; Staffordshire's people are not.
        Assert.Equal(1, host.SentTo(TriageHost.Chat(stokeManager), $"{reference} · Ofsted to be notified"));
        Assert.Equal(1, host.SentTo(TriageHost.Chat(stokeOfficer), $"{reference} · Ofsted to be notified"));
        Assert.Equal(0, host.SentTo(TriageHost.Chat(manager), $"{reference} · "  + "Ofsted to be notified"));
        Assert.Equal(0, host.SentTo(TriageHost.Chat(staffordshireOfficer), "Ofsted to be notified"));

        // Stoke-on-Trent's channel gets the reminder with the reference; Staffordshire's channel hears nothing of it.
        var reminder = Assert.Single(host.Connector.Requests, r => r.Operation == "send" && r.ConversationId == stokeChannel
            && TriageHost.Text(r).Contains("Deadline reminder", StringComparison.Ordinal));
        Assert.Contains(reference.Value, TriageHost.Text(reminder), StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", TriageHost.Text(reminder), StringComparison.Ordinal);
        Assert.Equal(0, host.SentTo(host.NoticeChannel, "Deadline reminder"));

        // The registry of notifiable incidents follows the case: Stoke-on-Trent's lists it, Staffordshire's does not.
        var stokeRegistry = await RegistryAsync(bot, host, stokeManager, "Notifiable incidents · Stoke-on-Trent");
        Assert.Contains(reference.Value, stokeRegistry, StringComparison.Ordinal);
        var staffordshireRegistry = await RegistryAsync(bot, host, manager, "Notifiable incidents · Staffordshire");
        Assert.DoesNotContain(reference.Value, staffordshireRegistry, StringComparison.Ordinal);

        // One case, listed once, under the board that leads it, still opened by both Board Managers.
        var led = await host.Cases.CasesOnBoardAsync(Stoke);
        var entry = Assert.Single(led, e => e.Reference == reference);
        Assert.Equal(ReferralSamples.Staffordshire, entry.KeptOn);
        Assert.DoesNotContain(await host.Cases.CasesOnBoardAsync(ReferralSamples.Staffordshire), e => e.Reference == reference);
        var d1 = Assert.Single(await host.Cases.DueOnOrBeforeAsync(new DateOnly(2026, 12, 31)), o => o.Case == reference && o.Code == Domain.Obligations.ObligationCode.D1);
        Assert.Equal(Stoke, d1.Board);
        Assert.Contains("Triage by the Board Manager", await StatusAsync(bot, host, stokeManager, reference.Value), StringComparison.Ordinal);
        Assert.Contains("Triage by the Board Manager", await StatusAsync(bot, host, manager, reference.Value), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ACaseHandedOverBeforeItsIndexRowsFollowedTheLeadBoardIsNudgedToTheNewBoardOnTheFirstSweep()
    {
        var stokeChannel = $"19:{Guid.NewGuid():N}@thread.tacv2";
        await using var host = await TriageHost.StartAsync(azurite, text => WithStokeManager(text).Replace("19:board-general@thread.tacv2", stokeChannel, StringComparison.Ordinal));
        foreach (var member in host.Directory.Boards.SelectMany(b => b.Members))
        {
            await host.GiveChatAsync(member.Person);
        }

        await host.InstallInTheBoardsTeamAsync();
        await host.Chats.SaveAsync(new ScrBot.Bot.Connector.ConversationReference(host.Connector.ServiceUrl, stokeChannel, Activities.TenantId,
            ScrBot.Bot.Connector.ConversationTypes.Channel, ChannelId: stokeChannel, TeamId: stokeChannel), default);
        var manager = host.Directory.WithRole(ReferralSamples.Staffordshire, Role.BoardManager).Single();
        var stokeManager = host.Directory.WithRole(Stoke, Role.BoardManager).Single().Person;
        var reference = await host.ReferAsync(f => f with
        {
            OtherBoardsInvolved = [],
            Referrer = f.Referrer with { Agency = new AgencyId("staffs-police") },
            Incident = f.Incident with { DateChildrensSocialCareAware = new DateOnly(2026, 11, 18) },
        });
        await using var bot = host.StartBot();
        var journal = bot.Services.GetRequiredService<NudgeJournal>();
        await bot.Logs.WaitForAsync("Triage finished for", 1, TimeSpan.FromMinutes(1));
        var actor = new Actor(manager.Person, manager.Name);
        var handed = await host.Cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "hand the case to another board", actor,
            (state, _) => CaseCommands.HandToBoard(state, new CommandContext(actor, ReferralSamples.Now, host.Directory), Stoke, "The child lives in Stoke-on-Trent."));
        Assert.False(handed.IsRefused, handed.Outcome.Explanation);

        // The rows as they were written before a hand-over moved them: under Staffordshire.
        var service = azurite.ServiceClient();
        var obligations = service.GetTableClient(host.Cases.Tables.Obligations);
        await foreach (var row in obligations.QueryAsync<TableEntity>(r => r.GetString("Reference") == reference.Value))
        {
            row["Board"] = "staffordshire";
            row.Remove("Home");
            await obligations.UpsertEntityAsync(row, TableUpdateMode.Replace);
        }

        var index = service.GetTableClient(host.Cases.Tables.CaseIndex);
        await index.DeleteEntityAsync("stoke-on-trent", $"{reference}|staffordshire");
        await index.UpsertEntityAsync(new TableEntity("staffordshire", reference.Value) { ["Reference"] = reference.Value, ["Board"] = "staffordshire", ["Stage"] = "Triage" });
        Assert.Contains(await host.Cases.CasesOnBoardAsync(ReferralSamples.Staffordshire), e => e.Reference == reference);

        await journal.WhenAsync(j => j.Next == new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero)).WaitAsync(TimeSpan.FromMinutes(1));
        host.Time.SetUtcNow(new DateTimeOffset(2026, 11, 24, 8, 0, 0, TimeSpan.Zero));
        await journal.WhenAsync(j => j.Sweeps.Count >= 1).WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Contains(bot.Logs.Lines, l => l.Message.Contains($"case {reference} was indexed under board staffordshire, which no longer leads it", StringComparison.Ordinal));
        Assert.Equal(1, host.SentTo(TriageHost.Chat(stokeManager), $"{reference} · Ofsted to be notified"));
        Assert.Equal(0, host.SentTo(TriageHost.Chat(manager.Person), "Ofsted to be notified"));
        Assert.Equal(1, host.SentTo(stokeChannel, reference.Value));
        Assert.Equal(0, host.SentTo(host.NoticeChannel, "Deadline reminder"));
        Assert.DoesNotContain(await host.Cases.CasesOnBoardAsync(ReferralSamples.Staffordshire), e => e.Reference == reference);
        Assert.Contains(await host.Cases.CasesOnBoardAsync(Stoke), e => e.Reference == reference);
    }

    [Fact]
    public async Task ACaseHandedOverBeforeItsTriageFinishedHasTheRestOfItsTriageDoneByTheNewBoard()
    {
        var stokeChannel = $"19:{Guid.NewGuid():N}@thread.tacv2";
        await using var host = await TriageHost.StartAsync(azurite, text => WithStokeManager(text).Replace("19:board-general@thread.tacv2", stokeChannel, StringComparison.Ordinal));
        foreach (var member in host.Directory.Boards.SelectMany(b => b.Members))
        {
            await host.GiveChatAsync(member.Person);
        }

        // Staffordshire's channel is not reachable (ScrBot not in its team), so its triage cannot finish.
        var manager = host.Person(Role.BoardManager);
        var stokeManager = host.Directory.WithRole(Stoke, Role.BoardManager).Single().Person;
        var reference = await host.ReferAsync(f => f with { OtherBoardsInvolved = [] });
        await using var bot = host.StartBot();
        var triage = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(manager)
            && TriageHost.Text(r).Contains($"{reference} · New referral for triage", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        await HandOverAsync(bot, host, manager, triage.Card!, "stoke-on-trent", "The child normally lives in Stoke-on-Trent.");

        // ScrBot is in Stoke-on-Trent's team; the next triage sweep does what is left for the board that leads now.
        await host.Chats.SaveAsync(new ScrBot.Bot.Connector.ConversationReference(host.Connector.ServiceUrl, stokeChannel, Activities.TenantId,
            ScrBot.Bot.Connector.ConversationTypes.Channel, ChannelId: stokeChannel, TeamId: stokeChannel), default);
        await bot.Logs.WaitForAsync("Triage sweep:", 1, TimeSpan.FromMinutes(2));
        host.Time.Advance(new ScrBot.Bot.Referral.TriageOptions().SweepInterval);
        await bot.Logs.WaitForAsync("Triage sweep:", 2, TimeSpan.FromMinutes(2));

        var notice = Assert.Single(host.Connector.Requests, r => r.Operation == "send" && r.ConversationId == stokeChannel
            && TriageHost.Text(r).Contains($"{reference} · New referral received", StringComparison.Ordinal));
        Assert.DoesNotContain("Jamie", TriageHost.Text(notice), StringComparison.Ordinal);
        Assert.Equal(1, host.SentTo(TriageHost.Chat(stokeManager), $"{reference} · New referral for triage"));
        Assert.Equal(1, host.SentTo(TriageHost.Chat(manager), $"{reference} · New referral for triage"));
        Assert.Equal(0, host.SentTo(host.NoticeChannel, $"{reference} · New referral received"));
    }

    [Fact]
    public async Task TwoCasesNumberedTheOldWayWithOneReferenceAreBothShownLabelledByBoardToSomeoneWithARoleOnBoth()
    {
        // The local directory: Megan Bowen is the Board Manager of both boards.
        await using var host = await TriageHost.StartAsync(azurite);
        var manager = host.Person(Role.BoardManager);
        await host.GiveChatAsync(manager);
        var reference = await host.ReferAsync(f => f with { OtherBoardsInvolved = [] });

        // Before references were numbered across the deployment, Stoke-on-Trent gave its own case the same number.
        var service = azurite.ServiceClient();
        var lookup = service.GetTableClient(host.Cases.Tables.CaseLookup);
        await lookup.DeleteEntityAsync(reference.Value, "staffordshire");
        await service.GetTableClient(host.Cases.Tables.CaseCounters).UpsertEntityAsync(
            new TableEntity("*", "2026") { ["Year"] = 2026, ["Last"] = reference.Number - 1 }, TableUpdateMode.Replace);
        var stokeForm = ScrBot.Bot.Referral.FormCheck.CheckAll(ReferralSamples.FilledDraft(), host.Directory, ReferralSamples.Today).Form;
        stokeForm = stokeForm with
        {
            Referrer = stokeForm.Referrer with { Board = Stoke, Agency = new AgencyId("stoke-csc") },
            AgenciesInvolved = [],
            Child = stokeForm.Child with { Name = "Riley Jones", HomeBoard = Stoke, LookedAfter = false },
            OtherBoardsInvolved = [],
        };
        var stoke = await host.Cases.ReferAsync(Stoke, 2026, host.Referrer, r => CaseCommands.Refer(r, stokeForm, new CommandContext(host.Referrer, ReferralSamples.Now, host.Directory)));
        Assert.False(stoke.IsRefused, stoke.Outcome.Explanation);
        Assert.Equal(reference, stoke.State.Reference);
        Assert.True(await host.Cases.RebuildIndexAsync(ReferralSamples.Staffordshire, reference));

        await using var bot = host.StartBot();
        var before = host.Connector.Requests.Count;
        var ask = Activities.Message(host.Connector.ServiceUrl.ToString(), $"case {reference}", TriageHost.Chat(manager));
        ask["from"]!["aadObjectId"] = manager.Value;
        await bot.PostActivityAsync(ask);
        await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(manager)
            && TriageHost.Text(r).Contains("Riley Jones", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(manager)
            && TriageHost.Text(r).Contains("Jamie Collins", StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        var answers = host.Connector.Requests.Skip(before)
            .Where(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(manager) && TriageHost.Text(r).Contains($"2 cases have the reference {reference}", StringComparison.Ordinal))
            .Select(TriageHost.Text)
            .ToList();
        Assert.Equal(2, answers.Count);
        Assert.Contains(answers, a => a.Contains("This one is Stoke-on-Trent Safeguarding Children Board's case", StringComparison.Ordinal) && a.Contains("Riley Jones", StringComparison.Ordinal));
        Assert.Contains(answers, a => a.Contains("This one is Staffordshire Safeguarding Children Board's case", StringComparison.Ordinal) && a.Contains("Jamie Collins", StringComparison.Ordinal));
    }

    /// <summary>Stoke-on-Trent with a Board Manager of its own (Diego Siciliani) instead of Megan Bowen.</summary>
    private static string WithStokeManager(string text)
    {
        const string megan = "{ \"entraObjectId\": \"5c0b5a7e-0000-4000-8000-000000000021\", \"name\": \"Megan Bowen\"";
        var last = text.LastIndexOf(megan, StringComparison.Ordinal);
        return text[..last] + $"{{ \"entraObjectId\": \"{StokeManagerId}\", \"name\": \"Diego Siciliani\"" + text[(last + megan.Length)..];
    }

    private static async Task<JsonObject> HandOverAsync(BotFactory bot, TriageHost host, PersonId person, JsonObject triageCard, string board, string reason)
    {
        var show = triageCard["actions"]!.AsArray().Single(a => a!["title"]!.GetValue<string>() == "Hand to another board")!;
        var action = (JsonObject)show["card"]!["actions"]![0]!;
        var data = (JsonObject)action["data"]!.DeepClone();
        data[ScrBot.Bot.Cards.TriageCard.HandOverBoardInput] = board;
        data[ScrBot.Bot.Cards.TriageCard.HandOverReasonInput] = reason;
        var invoke = Activities.CardAction(host.Connector.ServiceUrl.ToString(), action["verb"]!.GetValue<string>(), data, TriageHost.Chat(person));
        invoke["from"]!["aadObjectId"] = person.Value;
        using var response = await bot.PostActivityAsync(invoke);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<string> RegistryAsync(BotFactory bot, TriageHost host, PersonId person, string heading)
    {
        var before = new HashSet<object>(host.Connector.Requests, ReferenceEqualityComparer.Instance);
        var ask = Activities.Message(host.Connector.ServiceUrl.ToString(), "notifications", TriageHost.Chat(person));
        ask["from"]!["aadObjectId"] = person.Value;
        await bot.PostActivityAsync(ask);
        var registry = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(person) && !before.Contains(r)
            && TriageHost.Text(r).Contains(heading, StringComparison.Ordinal), TimeSpan.FromMinutes(1));
        return TriageHost.Text(registry);
    }

    private static async Task<string> StatusAsync(BotFactory bot, TriageHost host, PersonId person, string reference)
    {
        var before = new HashSet<object>(host.Connector.Requests, ReferenceEqualityComparer.Instance);
        var ask = Activities.Message(host.Connector.ServiceUrl.ToString(), $"case {reference}", TriageHost.Chat(person));
        ask["from"]!["aadObjectId"] = person.Value;
        await bot.PostActivityAsync(ask);
        var answer = await host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == TriageHost.Chat(person) && !before.Contains(r), TimeSpan.FromMinutes(1));
        return TriageHost.Text(answer);
    }
}
