using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.Preparing;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Cards;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// The Senior Investigating Officer's own task card and the alert every other partner gets when a partner reports
/// discrepancies, on the real bot host on Azure Tables (Azurite) with the Bot Connector stand-in: each card read as the
/// person received it, its buttons pressed through <c>/api/messages</c> by that person, the facts, the copies updated in
/// place and the Board Manager's hub card checked.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class SioAndDiscrepancyAlertTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private StageHost _host = null!;

    public async Task InitializeAsync() => _host = await StageHost.StartAsync(azurite, agencies: 3);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task TheSioChosenFromTheDirectoryDecidesOnTheirOwnCardWhetherADisclosureOfficerAttends(bool attends)
    {
        await using var bot = _host.StartBot();
        var reference = await ChecksInAsync(bot);
        var manager = _host.Who(Role.BoardManager);
        var sio = _host.Who(Role.SeniorInvestigatingOfficer);

        // The invitations card offers the directory's Senior Investigating Officer; the Board Manager chooses them.
        var invitations = await DeliveredAsync(manager, InvitationsCard.Verb, reference);
        var offered = Options(invitations, InvitationsCard.SioInput);
        Assert.Equal([sio.Id.Value], offered);
        Assert.Contains("The referral names the Senior Investigating Officer: DI Jo Patel", StageHost.Text(invitations), StringComparison.Ordinal);
        await PressAsync(bot, manager, invitations, InvitationsCard.Verb, null, new()
        {
            [InvitationsCard.AgenciesInput] = StageHost.Agency(1), [InvitationsCard.SioInput] = offered.Single(),
            [InvitationsCard.MinuteTakerNameInput] = "Ruth Minter", [InvitationsCard.MinuteTakerEmailInput] = "ruth.minter@board.example",
        });
        var invited = (await LoadAsync(bot, reference)).State;
        Assert.Equal(sio, CaseCommands.SeniorInvestigatingOfficerOf(invited)!.Member);

        // The SIO's own card, in their chat; the hub says the decision is theirs.
        var card = await DeliveredAsync(sio, DisclosureOfficerCard.Verb, reference);
        Assert.Contains("this decision is the Senior Investigating Officer's", StageHost.Text(card), StringComparison.Ordinal);
        await HubShowsAsync(reference, $"Not yet decided: {sio.Name} decides whether a Disclosure Officer attends.");

        // Anyone else pressing it is refused, and nothing is recorded.
        var refused = await PressAsync(bot, manager, card, DisclosureOfficerCard.Verb, attends ? "true" : "false",
            attends ? new() { [DisclosureOfficerCard.NameInput] = "DC Jo Bloggs", [DisclosureOfficerCard.EmailInput] = "jo.bloggs@police.example" } : []);
        Assert.Equal(
            "Only the Senior Investigating Officer invited to the Scoping Panel or the Board Manager (for a Senior Investigating Officer outside the board's directory) can decide whether a Disclosure Officer attends the Scoping Panel.",
            refused["value"]!.GetValue<string>());
        Assert.Null((await LoadAsync(bot, reference)).State.DisclosureOfficerDecision);

        var answer = await PressAsync(bot, sio, card, DisclosureOfficerCard.Verb, attends ? "true" : "false",
            attends ? new() { [DisclosureOfficerCard.NameInput] = "DC Jo Bloggs", [DisclosureOfficerCard.EmailInput] = "jo.bloggs@police.example" } : []);
        var words = attends ? "DC Jo Bloggs attends the Scoping Panel as Disclosure Officer" : "No Disclosure Officer attends the Scoping Panel";
        Assert.True(StageHost.Text((JsonObject)answer).Contains($"{words}: decided by {sio.Name}, Senior Investigating Officer on ", StringComparison.Ordinal), answer.ToJsonString());

        var stored = await LoadAsync(bot, reference);
        var decided = Assert.Single(stored.Facts.OfType<DisclosureOfficerDecided>());
        Assert.Equal((sio, sio), (decided.SeniorInvestigatingOfficer, decided.By));
        Assert.Equal(attends ? "DC Jo Bloggs" : null, decided.DisclosureOfficer?.Name);
        Assert.Equal(attends, stored.State.Invitations.Any(i => i.Capacity == PanelCapacity.DisclosureOfficer && i.Email == "jo.bloggs@police.example"));
        Assert.Equal(attends, stored.Facts.OfType<CaseRoleAssigned>().Any(r => r.Role == Role.PanelMember && r.Person.Name == "DC Jo Bloggs"));
        Assert.Equal(attends, ScrBot.Bot.Stages.Panel.PanelSteps.Attendees(stored.State).Any(a => a.Name == "DC Jo Bloggs"));

        // The hub card shows the decision; a stale press says who decided and changes nothing.
        await HubShowsAsync(reference, $"{words}: decided by {sio.Name}");
        var stale = await PressAsync(bot, sio, card, DisclosureOfficerCard.Verb, "false", []);
        Assert.StartsWith($"Already decided: {words}: decided by {sio.Name}", stale["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Single((await LoadAsync(bot, reference)).Facts.OfType<DisclosureOfficerDecided>());
        Assert.Contains((await Cases(bot).RefusedAttemptsAsync(ReferralSamples.Staffordshire, reference)).Select(a => a.By.Name), n => n == manager.Name);
    }

    [Fact]
    public async Task AnSioOutsideTheDirectoryHasTheirDecisionRecordedByTheBoardManager()
    {
        await using var bot = _host.StartBot();
        var reference = await ChecksInAsync(bot);
        var manager = _host.Who(Role.BoardManager);
        var invitations = await DeliveredAsync(manager, InvitationsCard.Verb, reference);

        // Both a directory SIO and a typed one: refused plainly.
        var both = await PressAsync(bot, manager, invitations, InvitationsCard.Verb, null, new()
        {
            [InvitationsCard.AgenciesInput] = StageHost.Agency(1), [InvitationsCard.SioInput] = _host.Who(Role.SeniorInvestigatingOfficer).Id.Value,
            [InvitationsCard.SioNameInput] = "DI Jo Patel", [InvitationsCard.SioEmailInput] = "jo.patel@police.example",
            [InvitationsCard.MinuteTakerNameInput] = "Ruth Minter", [InvitationsCard.MinuteTakerEmailInput] = "ruth.minter@board.example",
        });
        Assert.Equal("Senior Investigating Officer: Choose the Senior Investigating Officer from the board's directory, or give someone else's name and email, not both.", both["value"]!.GetValue<string>());

        await PressAsync(bot, manager, invitations, InvitationsCard.Verb, null, new()
        {
            [InvitationsCard.AgenciesInput] = StageHost.Agency(1), [InvitationsCard.SioInput] = "",
            [InvitationsCard.SioNameInput] = "DI Jo Patel", [InvitationsCard.SioEmailInput] = "jo.patel@police.example",
            [InvitationsCard.MinuteTakerNameInput] = "Ruth Minter", [InvitationsCard.MinuteTakerEmailInput] = "ruth.minter@board.example",
        });

        var card = await DeliveredAsync(manager, DisclosureOfficerCard.Verb, reference);
        Assert.Contains("DI Jo Patel is not in the board's directory, so ScrBot cannot reach them in Teams: record the decision they tell you.", StageHost.Text(card), StringComparison.Ordinal);
        var answer = await PressAsync(bot, manager, card, DisclosureOfficerCard.Verb, "false", []);
        Assert.Contains("No Disclosure Officer attends the Scoping Panel: decided by DI Jo Patel, Senior Investigating Officer (recorded by Megan Bowen) on ", StageHost.Text((JsonObject)answer), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ADiscrepancyAlertsThePartnersWhoAlreadyReturnedTheirCheckAndThoseStillChecking()
    {
        await using var bot = _host.StartBot();
        var reference = await DetailsSentAsync(bot);
        var people = CaseCommands.PeopleToCheck((await LoadAsync(bot, reference)).State);

        // Representative 2 returns their check first, with no discrepancy.
        var check2 = await DeliveredAsync(Representative(2), RecordCheckCard.Verb, reference, StepIs(PreparingSteps.CheckPrefix + StageHost.Agency(2)));
        await PressAsync(bot, Representative(2), check2, RecordCheckCard.Verb, null, Rows(people, "NotKnown"));

        // Representative 1 reports two discrepancies.
        var check1 = await DeliveredAsync(Representative(1), RecordCheckCard.Verb, reference, StepIs(PreparingSteps.CheckPrefix + StageHost.Agency(1)));
        var rows = Rows(people, "Known");
        rows[RecordCheckCard.DiscrepancyInput(DiscrepancyKind.DateOfBirth)] = "Our records give 15 May 2016.";
        rows[RecordCheckCard.DiscrepancyInput(DiscrepancyKind.SignificantOtherNotIdentified)] = "An older half-brother lived with the family.";
        await PressAsync(bot, Representative(1), check1, RecordCheckCard.Verb, null, rows);

        // Representative 2, whose check is in, is alerted on a new card: which kind, the detail, and their check to return again.
        var alert2 = await DeliveredAsync(Representative(2), DiscrepancyAlertCard.SeenVerb, reference);
        var text2 = StageHost.Text(alert2);
        Assert.Contains("Partner agency 1: Date of birth: Our records give 15 May 2016.", text2, StringComparison.Ordinal);
        Assert.Contains("Partner agency 1: A significant other not already identified: An older half-brother lived with the family.", text2, StringComparison.Ordinal);
        Assert.NotNull(ButtonData(alert2, RecordCheckCard.Verb, null));

        // Representative 3, still checking, is alerted too, and told to answer their check with them in mind.
        var alert3 = await DeliveredAsync(Representative(3), DiscrepancyAlertCard.SeenVerb, reference);
        Assert.Contains("Your agency's records check is still open", StageHost.Text(alert3), StringComparison.Ordinal);
        Assert.Null(ButtonData(alert3, RecordCheckCard.Verb, null));

        // The partner who reported them is not alerted to its own discrepancies.
        Assert.DoesNotContain(_host.Connector.Requests, r => r.ConversationId == StageHost.Chat(Representative(1).Id.Value) && r.Card is { } c
            && StageHost.Text(c).Contains("See the discrepancies other partners reported", StringComparison.Ordinal));

        // Representative 2 says their check stands: recorded with who and when, their card updated in place.
        await PressAsync(bot, Representative(2), alert2, DiscrepancyAlertCard.SeenVerb, null, []);
        var seen = Assert.Single((await LoadAsync(bot, reference)).Facts.OfType<OtherPartnersDiscrepanciesSeen>());
        Assert.Equal((StageHost.Agency(2), Representative(2)), (seen.Agency.Value, seen.By));
        await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == StageHost.Chat(Representative(2).Id.Value) && r.Card is { } c
            && StageHost.Text(c).Contains("The other partners' discrepancies were seen for Partner agency 2 by Representative 2 on ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var again = await PressAsync(bot, Representative(2), alert2, DiscrepancyAlertCard.SeenVerb, null, []);
        Assert.StartsWith("Already decided: The other partners' discrepancies were seen for Partner agency 2 by Representative 2", again["value"]!.GetValue<string>(), StringComparison.Ordinal);

        // Representative 3's open check card is redrawn in place with the discrepancies; answering it answers the alert.
        var redrawn = await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == StageHost.Chat(Representative(3).Id.Value) && r.Card is { } c
            && StageHost.Text(c).Contains("Partner agency 1: Date of birth: Our records give 15 May 2016.", StringComparison.Ordinal)
            && ButtonData(c, RecordCheckCard.Verb, null) is { } d && d[TaskCard.StepKey]?.GetValue<string>() == PreparingSteps.CheckPrefix + StageHost.Agency(3), TimeSpan.FromSeconds(60));
        await PressAsync(bot, Representative(3), redrawn.Card!, RecordCheckCard.Verb, null, Rows(people, "NotKnown"));
        await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == StageHost.Chat(Representative(3).Id.Value) && r.Card is { } c
            && StageHost.Text(c).Contains("were answered with Partner agency 3's records check, returned by Representative 3", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
    }

    [Fact]
    public async Task APartnerWhoAlreadyReturnedItsCheckReturnsItAgainFromTheAlertAndTheCorrectedDetailsGoToEveryPartnerAgain()
    {
        await using var bot = _host.StartBot();
        var reference = await DetailsSentAsync(bot);
        var people = CaseCommands.PeopleToCheck((await LoadAsync(bot, reference)).State);
        var check2 = await DeliveredAsync(Representative(2), RecordCheckCard.Verb, reference, StepIs(PreparingSteps.CheckPrefix + StageHost.Agency(2)));
        await PressAsync(bot, Representative(2), check2, RecordCheckCard.Verb, null, Rows(people, "NotKnown"));
        var check1 = await DeliveredAsync(Representative(1), RecordCheckCard.Verb, reference, StepIs(PreparingSteps.CheckPrefix + StageHost.Agency(1)));
        var rows = Rows(people, "Known");
        rows[RecordCheckCard.DiscrepancyInput(DiscrepancyKind.DateOfBirth)] = "Our records give 15 May 2016.";
        await PressAsync(bot, Representative(1), check1, RecordCheckCard.Verb, null, rows);

        // From the alert, representative 2 changes its answer: the child is known after all, with the same discrepancy.
        var alert = await DeliveredAsync(Representative(2), RecordCheckCard.Verb, reference, StepIs(PreparingSteps.AlertPrefix + StageHost.Agency(2)));
        var changed = Rows(people, "NotKnown");
        changed[RecordCheckCard.PersonInput(0)] = "Known";
        changed[RecordCheckCard.DiscrepancyInput(DiscrepancyKind.DateOfBirth)] = "We also have 15 May 2016.";
        await PressAsync(bot, Representative(2), alert, RecordCheckCard.Verb, null, changed);
        var state = (await LoadAsync(bot, reference)).State;
        Assert.Equal(RecordCheckResult.Known, state.RecordCheckOf(new AgencyId(StageHost.Agency(2)))!.Result);
        Assert.Equal(2, (await LoadAsync(bot, reference)).Facts.OfType<RecordCheckReturned>().Count(f => f.Agency.Value == StageHost.Agency(2)));

        // The Board Manager corrects the date of birth from the discrepancies: every partner that returned a check gets a
        // new card asking for it again against the corrected details.
        var manager = _host.Who(Role.BoardManager);
        var correct = await DeliveredAsync(manager, CorrectDetailsCard.Verb, reference);
        var form = state.Form!;
        await PressAsync(bot, manager, correct, CorrectDetailsCard.Verb, null, new()
        {
            [CorrectDetailsCard.NameInput] = form.Child.Name, [CorrectDetailsCard.BornInput] = "2016-05-15", [CorrectDetailsCard.AddressInput] = form.Child.Address,
            [CorrectDetailsCard.OthersInput] = string.Join("\n", form.SignificantOthers.Select(o => $"{o.Name}; {o.Relationship}")),
        });
        foreach (var i in new[] { 1, 2 })
        {
            var sent = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == StageHost.Chat(Representative(i).Id.Value) && r.Card is { } c
                && StageHost.Text(c).Contains($"{reference} · Check Partner agency {i}'s records", StringComparison.Ordinal)
                && StageHost.Text(c).Contains("The Board Manager corrected these details on ", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
            Assert.Contains("Sunday 15 May 2016", StageHost.Text(sent.Card!), StringComparison.Ordinal);
        }

        var corrected = (await LoadAsync(bot, reference)).State;
        Assert.All(new[] { 1, 2 }, i => Assert.False(CaseCommands.CheckIsIn(corrected, new AgencyId(StageHost.Agency(i)))));
        await HubShowsAsync(reference, "due again after the details were corrected");
    }

    [Fact]
    public void TheAlertGivesTheKindOfDiscrepancyToAnyoneButTheDetailOnlyToPeopleWithARoleOnTheCase()
    {
        var cards = CardCatalogue.All().ToDictionary(c => c.Name, c => c.Card);
        Assert.Contains("Partner agency 1 with a long name of the kind boards use: Date of birth: Our records give 15 May 2016.", StageHost.Text(cards["task-discrepancy-alert"]), StringComparison.Ordinal);

        var (story, agencies) = StageCardCatalogue.AlertStory();
        var step = story.Step(PreparingSteps.AlertPrefix + agencies[1]);
        var withoutRole = new Actor(new PersonId("no-role"), "Someone Else");
        var text = StageHost.Text(step.TaskCard(new StepView(story.View(), step, withoutRole)));
        Assert.Contains("Partner agency 1 with a long name of the kind boards use: Date of birth", text, StringComparison.Ordinal);
        Assert.Contains("Partner agency 1 with a long name of the kind boards use: A significant other not already identified", text, StringComparison.Ordinal);
        Assert.DoesNotContain("15 May 2016", text, StringComparison.Ordinal);
        Assert.DoesNotContain("half-brother", text, StringComparison.Ordinal);
    }

    // ── helpers ──

    private Actor Representative(int i) => new(new PersonId(_host.Representative(i)), $"Representative {i}");

    private static Dictionary<string, string> Rows(IReadOnlyList<string> people, string answer) =>
        Enumerable.Range(0, people.Count).ToDictionary(RecordCheckCard.PersonInput, _ => answer);

    private static Func<JsonObject, bool> StepIs(string key) => data => data[TaskCard.StepKey]?.GetValue<string>() == key;

    private static CaseStore Cases(BotFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    private static async Task<StoredCase> LoadAsync(BotFactory bot, CaseReference reference) =>
        (await Cases(bot).LoadAsync(ReferralSamples.Staffordshire, reference))!;

    private Task<FakeBotConnector.Received> HubShowsAsync(CaseReference reference, string text) =>
        _host.Connector.WaitForAsync(r => r.ConversationId == StageHost.Chat(_host.Who(Role.BoardManager).Id.Value) && r.Card is { } c
            && StageHost.Text(c).Contains($"{reference} · Case card", StringComparison.Ordinal) && StageHost.Text(c).Contains(text, StringComparison.Ordinal), TimeSpan.FromSeconds(60));

    /// <summary>A case convened, the three added agencies chosen and the child's details sent, its cards delivered.</summary>
    private async Task<CaseReference> DetailsSentAsync(BotFactory bot)
    {
        var cases = Cases(bot);
        var reference = await _host.ReferAsync(cases);
        var today = ScrBot.Domain.Calendar.LondonTime.Today(_host.Time);
        Task Do(Role role, Func<CaseState, CommandContext, Outcome> command) => _host.DoAsync(cases, reference, role, command);
        await Do(Role.BoardManager, CaseCommands.InformChairs);
        await Do(Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(2), false));
        await Do(Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "Criteria may be met."));
        await Do(Role.BoardManager, (s, c) => CaseCommands.ChooseAgencies(s, c, [.. Enumerable.Range(1, 3).Select(i => new AgencyId(StageHost.Agency(i)))]));
        await Do(Role.BoardManager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(10)));
        await bot.Services.GetRequiredService<CaseConversations>().SyncAsync(ReferralSamples.Staffordshire, reference, default);
        return reference;
    }

    /// <summary>The details sent and every added agency's check returned, so that the invitations may go out.</summary>
    private async Task<CaseReference> ChecksInAsync(BotFactory bot)
    {
        var reference = await DetailsSentAsync(bot);
        var cases = Cases(bot);
        foreach (var i in Enumerable.Range(1, 3))
        {
            var rep = Representative(i);
            var result = await cases.ExecuteAsync(ReferralSamples.Staffordshire, reference, "prepare", rep, (s, _) =>
                CaseCommands.ReturnRecordCheck(s, new CommandContext(rep, _host.Time.GetUtcNow(), _host.Directory), new AgencyId(StageHost.Agency(i)),
                    CaseCommands.PeopleToCheck(s).Select(p => new PersonCheck(p, RecordCheckResult.Known)).ToList(), []));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        await bot.Services.GetRequiredService<CaseConversations>().SyncAsync(ReferralSamples.Staffordshire, reference, default);
        return reference;
    }

    /// <summary>The latest task card <paramref name="person"/> received for this case with a button <paramref name="verb"/>.</summary>
    private async Task<JsonObject> DeliveredAsync(Actor person, string verb, CaseReference reference, Func<JsonObject, bool>? step = null)
    {
        var delivered = await _host.Connector.WaitForAsync(
            r => r.Operation == "send" && r.ConversationId == StageHost.Chat(person.Id.Value) && r.Card is { } card
                 && ButtonData(card, verb, null) is { } data && data[TaskCard.CaseKey]?.GetValue<string>() == reference.Value && (step?.Invoke(data) ?? true),
            TimeSpan.FromSeconds(60));
        return delivered.Card!;
    }

    /// <summary>
    /// The card's button (<paramref name="verb"/>, and for the SIO's card which answer) pressed by <paramref name="person"/>
    /// with these inputs, as Teams sends it: the host's answer.
    /// </summary>
    private async Task<JsonNode> PressAsync(BotFactory bot, Actor person, JsonObject card, string verb, string? attends, Dictionary<string, string> inputs)
    {
        var data = ButtonData(card, verb, attends) ?? throw new InvalidOperationException($"the card has no {verb} button");
        foreach (var (id, value) in inputs)
        {
            Assert.True(Descendants(card).Any(o => o["id"]?.GetValue<string>() == id), $"the card has no input '{id}'");
            data[id] = value;
        }

        return await _host.PressAsync(bot, person, verb, data);
    }

    private static JsonObject? ButtonData(JsonObject card, string verb, string? attends) =>
        Descendants(card).FirstOrDefault(o => o["type"]?.GetValue<string>() == "Action.Execute" && o["verb"]?.GetValue<string>() == verb
            && (attends is null || o["data"]?[DisclosureOfficerCard.AttendsKey]?.GetValue<string>() == attends))?["data"]?.DeepClone() as JsonObject;

    private static List<string> Options(JsonObject card, string id) => StageHost.Options(card, id);

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => StageHost.Descendants(node);
}
