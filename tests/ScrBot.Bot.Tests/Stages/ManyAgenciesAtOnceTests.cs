using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Twenty agency representatives answer their records checks at the same moment, through the real bot host on Azurite
/// with the Bot Connector stand-in: every answer is kept (a write that loses the race is re-run against the new state),
/// and the Board Manager's hub card, updated in place, shows all twenty.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ManyAgenciesAtOnceTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const int Agencies = 20;
    private StageHost _host = null!;

    public async Task InitializeAsync() => _host = await StageHost.StartAsync(azurite, Agencies);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TwentyRecordChecksAtTheSameMomentAreAllKeptAndTheHubCardShowsThemAll()
    {
        await using var bot = StartBot();
        var (cases, reference) = await PreparedAndSentAsync(bot);

        // Each representative got their records check card: all twenty press "Return the records check" at once.
        var stored = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;
        var people = CaseCommands.PeopleToCheck(stored.State);
        var answers = Enumerable.Range(1, Agencies).Select(async i =>
        {
            var data = new JsonObject { ["case"] = reference.Value, ["step"] = "check/" + Agency(i), ["agency"] = Agency(i) };
            for (var p = 0; p < people.Count; p++)
            {
                data["person" + p] = i % 2 == 0 ? "Known" : "NotKnown";
            }

            var invoke = Activities.CardAction(_host.Connector.ServiceUrl.AbsoluteUri, "preparing.check", data, conversationId: Chat(Representative(i)));
            invoke["from"] = new JsonObject { ["id"] = "29:rep-" + i, ["name"] = $"Representative {i}", ["aadObjectId"] = Representative(i) };
            return await PostAsync(bot, invoke);
        }).ToList();
        var answered = await Task.WhenAll(answers);

        // Each press is answered with its step done, or (when the host must answer before the work is through) asked to
        // look again in a moment; either way the answer is kept and the card updated in place.
        Assert.All(answered, a => Assert.True(
            a["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive" || a["value"]!.GetValue<string>().StartsWith("ScrBot is still working on that.", StringComparison.Ordinal),
            a.ToJsonString()));

        // The hub card, updated in place after the last answer, shows every agency's check.
        var manager = _host.Directory.WithRole(ReferralSamples.Staffordshire, Role.BoardManager).Single().Person.Value;
        var hub = await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == Chat(manager) && HubShowsAll(r.Card), TimeSpan.FromSeconds(60));
        var after = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;
        Assert.Equal(Agencies, after.State.RecordChecks.Count);
        Assert.Equal(Agencies, after.Facts.OfType<RecordCheckReturned>().Count());
        Assert.Equal(Agencies / 2, after.State.RecordChecks.Count(c => c.Result == RecordCheckResult.Known));
        for (var i = 1; i <= Agencies; i++)
        {
            var rep = Chat(Representative(i));
            var name = $"Representative {i}";
            await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == rep && r.Card is { } card
                && Text(card).Contains($"Check Partner agency {i}'s records: done by {name} on ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        }

        var text = Text(hub.Card!);
        for (var i = 1; i <= Agencies; i++)
        {
            Assert.Contains($"Partner agency {i}", text, StringComparison.Ordinal);
        }

        Assert.True(CardBudget.Fits(hub.Card!), $"The hub card is {CardBudget.PayloadBytes(hub.Card!)} bytes.");
    }

    [Fact]
    public async Task ADiscrepancyOnePartnerReportsAlertsTheOtherPartnersOnTheirOpenChecks()
    {
        await using var bot = StartBot();
        var (cases, reference) = await PreparedAndSentAsync(bot);
        var stored = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;

        var data = new JsonObject
        {
            ["case"] = reference.Value, ["step"] = "check/" + Agency(1), ["agency"] = Agency(1), ["discrepancyAddress"] = "We have the family at 14 Example Road since June.",
        };
        for (var p = 0; p < CaseCommands.PeopleToCheck(stored.State).Count; p++)
        {
            data["person" + p] = "Known";
        }

        var invoke = Activities.CardAction(_host.Connector.ServiceUrl.AbsoluteUri, "preparing.check", data, conversationId: Chat(Representative(1)));
        invoke["from"] = new JsonObject { ["id"] = "29:rep-1", ["name"] = "Representative 1", ["aadObjectId"] = Representative(1) };
        using var response = await bot.PostActivityAsync(invoke);
        Assert.True(response.IsSuccessStatusCode);

        // Representative 2's records check card, still open, is updated in place with the other partner's discrepancy.
        var alerted = await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == Chat(Representative(2))
            && r.Card is { } card && Text(card).Contains("Partner agency 1: Address details: We have the family at 14 Example Road since June.", StringComparison.Ordinal),
            TimeSpan.FromSeconds(60));
        Assert.Contains("Discrepancies other partners reported", Text(alerted.Card!), StringComparison.Ordinal);
        var hub = _host.Directory.WithRole(ReferralSamples.Staffordshire, Role.BoardManager).Single().Person.Value;
        await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == Chat(hub) && r.Card is { } card
            && Text(card).Contains("discrepancies: Address details: We have the family at 14 Example Road since June.", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task TasksListsWhatARepresentativeOwesOnThreeCasesMostUrgentFirst()
    {
        await using var bot = StartBot();
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var conversations = bot.Services.GetRequiredService<CaseConversations>();
        var due = new Dictionary<CaseReference, int>();
        foreach (var days in new[] { 12, 5, 9 })
        {
            var reference = await PreparedAsync(cases, days);
            await conversations.SyncAsync(ReferralSamples.Staffordshire, reference, default);
            due[reference] = days;
        }

        var message = Activities.Message(_host.Connector.ServiceUrl.AbsoluteUri, "tasks", Chat(Representative(3)));
        message["from"] = new JsonObject { ["id"] = "29:rep-3", ["name"] = "Representative 3", ["aadObjectId"] = Representative(3) };
        using var response = await bot.PostActivityAsync(message);
        Assert.True(response.IsSuccessStatusCode);

        var answer = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(Representative(3))
            && r.Card is { } card && Text(card).StartsWith("Your tasks", StringComparison.Ordinal));
        var lines = Text(answer.Card!).Split('\n').Where(l => l.StartsWith("SCR-", StringComparison.Ordinal)).ToList();
        var order = due.OrderBy(d => d.Value).Select(d => d.Key.Value).ToList();
        Assert.Equal(6, lines.Count);
        Assert.Equal(
            order.SelectMany(r => new[] { $"{r} · Secure Partner agency 3's records", $"{r} · Check Partner agency 3's records" }).ToHashSet(),
            lines.ToHashSet());
        Assert.Equal(order, lines.Select(l => l[..l.IndexOf(' ', StringComparison.Ordinal)]).Distinct());
        Assert.Equal(TasksCard.MaxButtons, answer.Card!["actions"]!.AsArray().Count);
    }

    [Fact]
    public async Task ACaseChangedWhileNoBotWasRunningHasItsCardsSentWhenTheNextOneStarts()
    {
        var cases = new CaseStore(azurite.ServiceClient(), _host.Time, new ObligationRulesIndexSource(new ProcessProfiles(), _host.Time), new CaseStoreOptions { TablePrefix = _host.Prefix });
        var reference = await PreparedAsync(cases);
        Assert.DoesNotContain(_host.Connector.Requests, r => r.Operation == "send");

        await using var bot = StartBot();
        var check = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(Representative(5))
            && r.Card is { } card && Text(card).Contains($"{reference} · Check Partner agency 5's records", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Contains("Jamie Collins", Text(check.Card!), StringComparison.Ordinal);
        var manager = _host.Directory.WithRole(ReferralSamples.Staffordshire, Role.BoardManager).Single().Person.Value;
        await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(manager) && r.Card is { } card
            && Text(card).Contains($"{reference} · Case card", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task TwoPeopleRecordingTheSameStepAtOnceOneIsKeptTheOtherIsToldWhoDidIt()
    {
        await using var bot = StartBot();
        var (cases, reference) = await PreparedAndSentAsync(bot);
        var manager = _host.Directory.WithRole(ReferralSamples.Staffordshire, Role.BoardManager).Single();
        var data = new JsonObject
        {
            ["case"] = reference.Value, ["step"] = "secure/" + Agency(7), ["agency"] = Agency(7), ["electronic"] = "true", ["paper"] = "true", ["historical"] = "true",
        };

        async Task<JsonNode> PressAsync(string person, string name)
        {
            var invoke = Activities.CardAction(_host.Connector.ServiceUrl.AbsoluteUri, "preparing.secure", (JsonObject)data.DeepClone(), conversationId: Chat(person));
            invoke["from"] = new JsonObject { ["id"] = "29:" + person, ["name"] = name, ["aadObjectId"] = person };
            using var response = await bot.PostActivityAsync(invoke);
            return JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        }

        var answers = await Task.WhenAll(PressAsync(Representative(7), "Representative 7"), PressAsync(manager.Person.Value, manager.Name));

        var stored = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;
        var secured = Assert.Single(stored.Facts.OfType<RecordsSecured>());
        var refused = Assert.Single(stored.Facts.OfType<AttemptRefused>());
        Assert.NotEqual(secured.By.Id, refused.By.Id);
        Assert.Single(answers, a => a["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive");
        var told = Assert.Single(answers, a => a["type"]!.GetValue<string>() == "application/vnd.microsoft.activity.message");
        Assert.StartsWith($"Already recorded by {secured.By.Name} on ", told["value"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheBoardManagerSetsTheDateRecordsAreSecuredByAndTheRepresentativesCardsCountTheWorkingDaysToIt()
    {
        await using var bot = StartBot();
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var reference = await PreparedAsync(cases, send: false);
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        var calendar = ScrBot.Domain.Calendar.WorkingDayCalendar.EnglandAndWales;
        var secureBy = calendar.AddWorkingDays(today, 3);
        var manager = _host.Directory.WithRole(ReferralSamples.Staffordshire, Role.BoardManager).Single();

        var data = new JsonObject
        {
            ["case"] = reference.Value, ["step"] = "details",
            ["recordsSecuredBy"] = secureBy.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["checksDueBy"] = today.AddDays(30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        };

        // A date after the record checks are due is refused plainly, and nothing changes.
        var late = (JsonObject)data.DeepClone();
        late["recordsSecuredBy"] = today.AddDays(40).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var again = Activities.CardAction(_host.Connector.ServiceUrl.AbsoluteUri, "preparing.details", late, conversationId: Chat(manager.Person.Value));
        again["from"] = new JsonObject { ["id"] = "29:manager", ["name"] = manager.Name, ["aadObjectId"] = manager.Person.Value };
        using var refused = await bot.PostActivityAsync(again);
        Assert.True(refused.IsSuccessStatusCode);
        Assert.Contains("must be between today and the date the records checks are due", await refused.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Null((await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.State.ChildDetailsSentAt);

        var invoke = Activities.CardAction(_host.Connector.ServiceUrl.AbsoluteUri, "preparing.details", data, conversationId: Chat(manager.Person.Value));
        invoke["from"] = new JsonObject { ["id"] = "29:manager", ["name"] = manager.Name, ["aadObjectId"] = manager.Person.Value };
        using var response = await bot.PostActivityAsync(invoke);
        Assert.True(response.IsSuccessStatusCode);

        var stored = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;
        Assert.Equal(secureBy, stored.State.RecordsSecuredDueBy);
        var secure = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(Representative(3))
            && r.Card is { } card && Text(card).Contains($"{reference} · Secure Partner agency 3's records", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Contains(ScrBot.Domain.Calendar.HumanDates.FormatWithRelative(secureBy, today, calendar), Text(secure.Card!), StringComparison.Ordinal);
        Assert.Contains("(in 3 working days)", Text(secure.Card!), StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheHubNamesThePartnersLateSecuringTheirRecordsAndTheirCardsSayOverdue()
    {
        await using var bot = StartBot();
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var reference = await PreparedAsync(cases, send: false);
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        var calendar = ScrBot.Domain.Calendar.WorkingDayCalendar.EnglandAndWales;
        var manager = _host.Directory.WithRole(ReferralSamples.Staffordshire, Role.BoardManager).Single();
        var managerActor = new Actor(manager.Person, manager.Name);

        // The details went out ten days ago, with records to be secured two working days ago; only agency 1 has.
        var secureBy = calendar.SubtractWorkingDays(today, 2);
        var sentAt = _host.Time.GetUtcNow().AddDays(-10);
        await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "prepare", managerActor,
            (s, _) => CaseCommands.SendChildDetailsToPartners(s, new CommandContext(managerActor, sentAt, _host.Directory), today.AddDays(10), secureBy));
        var rep1 = new Actor(new PersonId(Representative(1)), "Representative 1");
        await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "prepare", rep1,
            (s, _) => CaseCommands.SecureRecords(s, new CommandContext(rep1, _host.Time.GetUtcNow(), _host.Directory), new AgencyId(Agency(1))));
        await bot.Services.GetRequiredService<CaseConversations>().SyncAsync(ReferralSamples.Staffordshire, reference, default);

        var hub = await _host.Connector.WaitForAsync(r => r.ConversationId == Chat(manager.Person.Value) && r.Card is { } card
            && Text(card).Contains("Late securing records", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var text = Text(hub.Card!);
        Assert.Contains("2 working days overdue", text, StringComparison.Ordinal);
        var late = text.Split('\n').SkipWhile(l => l != "Late securing records").Skip(1).First();
        Assert.Contains("Partner agency 2", late, StringComparison.Ordinal);
        Assert.DoesNotContain("Partner agency 1,", late, StringComparison.Ordinal);
        Assert.False(late.StartsWith("Partner agency 1", StringComparison.Ordinal) || late.Contains(", Partner agency 1,", StringComparison.Ordinal), late);

        var secure = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(Representative(2))
            && r.Card is { } card && Text(card).Contains($"{reference} · Secure Partner agency 2's records", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Contains("(2 working days overdue)", Text(secure.Card!), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("message")]
    [InlineData("installationUpdate")]
    public async Task APartnerWithNoChatWhenTheDetailsAreSentGetsTheirTaskCardTheMomentTheyOpenScrBot(string opens)
    {
        // Representative 4 has never opened ScrBot, and ScrBot cannot install itself for them (no Graph here).
        var chats = new ConversationReferencesTable(new BotTables(azurite.ServiceClient()));
        await chats.RemovePersonalAsync(Representative(4), default);
        await using var bot = StartBot();
        var (_, reference) = await PreparedAndSentAsync(bot);

        // The hub names them as not reached; their cards are held.
        var manager = Chat(_host.Directory.WithRole(ReferralSamples.Staffordshire, Role.BoardManager).Single().Person.Value);
        await _host.Connector.WaitForAsync(r => r.ConversationId == manager && r.Card is { } card
            && Text(card).Contains("Could not be reached", StringComparison.Ordinal) && Text(card).Contains("Representative 4 (", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.DoesNotContain(_host.Connector.Requests, r => r.ConversationId == Chat(Representative(4)) && r.Operation == "send");

        // They open ScrBot: a message of any kind, or Teams telling the bot it was installed in their chat.
        var activity = Activities.Message(_host.Connector.ServiceUrl.AbsoluteUri, "hello", Chat(Representative(4)));
        if (opens == "installationUpdate")
        {
            activity.Remove("text");
            activity.Remove("textFormat");
            activity["type"] = "installationUpdate";
            activity["action"] = "add";
        }

        activity["from"] = new JsonObject { ["id"] = "29:rep-4", ["name"] = "Representative 4", ["aadObjectId"] = Representative(4) };
        using var response = await bot.PostActivityAsync(activity);
        Assert.True(response.IsSuccessStatusCode);

        // Their task cards arrive at once, with the child's details their role now lets them see.
        var check = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(Representative(4))
            && r.Card is { } card && Text(card).Contains($"{reference} · Check Partner agency 4's records", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.Contains("Jamie Collins", Text(check.Card!), StringComparison.Ordinal);
        await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == Chat(Representative(4))
            && r.Card is { } card && Text(card).Contains($"{reference} · Secure Partner agency 4's records", StringComparison.Ordinal), TimeSpan.FromSeconds(60));

        // The hub, updated in place, no longer names them as not reached.
        await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == manager && r.Card is { } card
            && Text(card).Contains("· Case card", StringComparison.Ordinal) && !Text(card).Contains("Representative 4 (", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task FiftyClicksOnTheDecisionCardByTheChairAndHerDelegateMakeExactlyOneDecision()
    {
        await using var bot = StartBot();
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var reference = await WaitingForTheChairAsync(cases);
        var conversations = bot.Services.GetRequiredService<CaseConversations>();
        await conversations.SyncAsync(ReferralSamples.Staffordshire, reference, default);

        // The Independent Chair delegates to Patti Fernandez; then both press the buttons of their copies, 25 times each, at once.
        var chair = Member(Role.IndependentChair);
        var patti = _host.Directory.Find(ReferralSamples.Staffordshire)!.Members.First(m => m.Name == "Patti Fernandez");
        var delegation = await PressAsync(bot, chair, "decision.delegate", new JsonObject { ["case"] = reference.Value, ["step"] = "chair-decision", ["reasons"] = "I know the family.", ["delegate"] = patti.Person.Value });
        Assert.Contains("This step is now with Patti Fernandez", Text((JsonObject)delegation["value"]!), StringComparison.Ordinal);
        await conversations.SyncAsync(ReferralSamples.Staffordshire, reference, default);
        var before = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.Facts.Count;

        string[] verbs = ["decision.uphold", "decision.upholdWithActions", "decision.overrule"];
        var invokes = Enumerable.Range(0, 50).Select(i => Press(i % 2 == 0 ? patti : chair, verbs[i % 3], new JsonObject
        {
            ["case"] = reference.Value, ["step"] = "chair-decision", ["reasons"] = $"Reasons {i}.", ["furtherActions"] = "Health reviews its own practice.",
            ["instead"] = "FormalSeriousCaseReview",
        }, device: i % 4 < 2 ? "desktop" : "phone")).ToList();
        var answers = await Task.WhenAll(invokes.Select(i => PostAsync(bot, i)));

        var after = (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!;
        var decision = Assert.Single(after.Facts.OfType<ChairDecided>());
        Assert.Equal("Patti Fernandez", decision.By.Name);
        var words = ScrBot.Bot.Stages.Decision.DecisionSteps.Outcome(after.State);

        // One answer replaces the winner's card; the 49 others say plainly what was decided, by whom and when, or who decides.
        Assert.Single(answers, a => a["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive");
        var messages = answers.Where(a => a["type"]!.GetValue<string>() == "application/vnd.microsoft.activity.message").Select(a => a["value"]!.GetValue<string>()).ToList();
        Assert.Equal(49, messages.Count);
        Assert.All(messages, m => Assert.True(
            m == $"Already decided: {words} Nothing was changed."
            || m.StartsWith("The Independent Chair's decision was already made: " + CaseCommands.DecisionWords(after.State.Decision!, after.State.DecisionDelegate), StringComparison.Ordinal)
            || m == "The decision was delegated to Patti Fernandez, who decides instead. Nothing was changed.", m));

        // Every attempt is in the audit trail: one decision and 49 refusals.
        var attempts = after.Facts.Skip(before).ToList();
        Assert.Equal(49, attempts.OfType<AttemptRefused>().Count(a => a.Attempt == "record the Chair's decision"));
        Assert.Equal(50, attempts.Count(f => f is ChairDecided || f is AttemptRefused { Attempt: "record the Chair's decision" }));

        // Every copy of the card (the delegate's, the Sub-group Chair's) is updated once, to the decision, with no buttons.
        await conversations.SyncAsync(ReferralSamples.Staffordshire, reference, default);
        var copies = (await bot.Services.GetRequiredService<TaskLedger>().SentForCaseAsync(ReferralSamples.Staffordshire, reference, default))
            .Where(c => c.Step == "chair-decision").ToList();
        Assert.Equal(3, copies.Count);
        foreach (var copy in copies.Where(c => c.Person != chair.Person.Value))
        {
            // (Before the decision, the copy was redrawn once to say who decides after the delegation.)
            var updates = _host.Connector.Requests.Where(r => r.Operation == "update" && r.ConversationId == copy.ConversationId && r.ActivityId == copy.ActivityId).ToList();
            var update = Assert.Single(updates, u => Text(u.Card!).Contains(words, StringComparison.Ordinal));
            Assert.Same(update, updates[^1]);
            Assert.Null(update.Card!["actions"]);
        }

        var hub = await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == Chat(Member(Role.BoardManager).Person.Value)
            && r.Card is { } card && Text(card).Contains(words, StringComparison.Ordinal), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("decision.", hub.Card!.ToJsonString(), StringComparison.Ordinal);

        // The winning press delivered again to another instance: the card as it now stands, nothing done twice.
        var winner = invokes[Array.FindIndex(answers, a => a["type"]!.GetValue<string>() == "application/vnd.microsoft.card.adaptive")];
        await using var another = StartBot();
        var again = await PostAsync(another, (JsonObject)winner.DeepClone());
        Assert.Contains(words, Text((JsonObject)again["value"]!), StringComparison.Ordinal);
        Assert.Equal(after.Facts.Count, (await cases.LoadAsync(ReferralSamples.Staffordshire, reference))!.Facts.Count);
    }

    private BoardMember Member(Role role) => _host.Directory.WithRole(ReferralSamples.Staffordshire, role).First();

    private Task<JsonNode> PressAsync(BotFactory bot, BoardMember person, string verb, JsonObject data) => PostAsync(bot, Press(person, verb, data));

    private JsonObject Press(BoardMember person, string verb, JsonObject data, string device = "desktop")
    {
        var invoke = Activities.CardAction(_host.Connector.ServiceUrl.AbsoluteUri, verb, data, conversationId: Chat(person.Person.Value));
        invoke["from"] = new JsonObject { ["id"] = $"29:{device}-{person.Person.Value}", ["name"] = person.Name, ["aadObjectId"] = person.Person.Value };
        return invoke;
    }

    /// <summary>
    /// Posts an invoke; an answer not ready within the bound Teams is given ("still working") is asked for again the
    /// way Teams does, by delivering the same activity again, until the first delivery's answer comes.
    /// </summary>
    private static async Task<JsonNode> PostAsync(BotFactory bot, JsonObject invoke)
    {
        for (var attempt = 0; ; attempt++)
        {
            using var response = await bot.PostActivityAsync((JsonObject)invoke.DeepClone());
            var answer = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            if (attempt == 10 || answer["value"] is not JsonValue value || !value.TryGetValue<string>(out var text) || text != ScrBot.Bot.Routing.Replies.StillWorking)
            {
                return answer;
            }
        }
    }

    /// <summary>A case the sub-group recommends not to convene a Scoping Panel on: it waits for the Independent Chair.</summary>
    private async Task<CaseReference> WaitingForTheChairAsync(CaseStore cases)
    {
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), _host.Directory, today).Form;
        var referred = await cases.ReferAsync(ReferralSamples.Staffordshire, today.Year, ReferralSamples.Referrer,
            r => CaseCommands.Refer(r, form, new CommandContext(ReferralSamples.Referrer, _host.Time.GetUtcNow(), _host.Directory)));
        var reference = referred.State.Reference!.Value;
        async Task Do(Role role, Func<CaseState, CommandContext, Outcome> command)
        {
            var who = new Actor(Member(role).Person, Member(role).Name);
            var result = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "prepare", who, (s, _) => command(s, new CommandContext(who, _host.Time.GetUtcNow(), _host.Directory)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        await Do(Role.BoardManager, CaseCommands.InformChairs);
        await Do(Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(2), false));
        await Do(Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.AnotherLearningReview, "Practice issues for one agency only."));
        return reference;
    }

    private BotFactory StartBot() => _host.StartBot();

    private async Task<(CaseStore Cases, CaseReference Reference)> PreparedAndSentAsync(BotFactory bot)
    {
        var cases = bot.Services.GetRequiredService<CaseStore>();
        var reference = await PreparedAsync(cases);
        await bot.Services.GetRequiredService<CaseConversations>().SyncAsync(ReferralSamples.Staffordshire, reference, default);
        return (cases, reference);
    }

    private static bool HubShowsAll(JsonObject? card) =>
        card is not null && Text(card) is var text && text.Contains("· Case card", StringComparison.Ordinal)
        && Enumerable.Range(1, Agencies).All(i => text.Contains($"Partner agency {i}: details sent · records not yet secured · checked: {(i % 2 == 0 ? "Known" : "Not known")}", StringComparison.Ordinal));

    private async Task<CaseReference> PreparedAsync(CaseStore cases, int checksDueInDays = 10, bool send = true)
    {
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), _host.Directory, today).Form;
        var referred = await cases.ReferAsync(ReferralSamples.Staffordshire, today.Year, ReferralSamples.Referrer,
            r => CaseCommands.Refer(r, form, new CommandContext(ReferralSamples.Referrer, _host.Time.GetUtcNow(), _host.Directory)));
        var reference = referred.State.Reference!.Value;
        Actor Who(Role role) => _host.Directory.WithRole(ReferralSamples.Staffordshire, role).Select(m => new Actor(m.Person, m.Name)).First();
        async Task Do(Role role, Func<CaseState, CommandContext, Outcome> command)
        {
            var result = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "prepare", Who(role),
                (s, _) => command(s, new CommandContext(Who(role), _host.Time.GetUtcNow(), _host.Directory)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        await Do(Role.BoardManager, CaseCommands.InformChairs);
        await Do(Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(2), false));
        await Do(Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
        await Do(Role.BoardManager, (s, c) => CaseCommands.ChooseAgencies(s, c, [.. Enumerable.Range(1, Agencies).Select(i => new AgencyId(Agency(i)))]));
        if (send)
        {
            await Do(Role.BoardManager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(checksDueInDays)));
        }

        return reference;
    }

    private static string Agency(int i) => StageHost.Agency(i);

    private string Representative(int i) => _host.Representative(i);

    private static string Chat(string person) => StageHost.Chat(person);

    private static string Text(JsonObject card) => StageHost.Text(card);
}
