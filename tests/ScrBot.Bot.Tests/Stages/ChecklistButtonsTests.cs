using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Referral;
using ScrBot.Bot.Stages.Decision;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Every button of the notification checklist pressed through <c>/api/messages</c>, on the real bot host on Azure Tables
/// (Azurite) with the Bot Connector stand-in: each item's card, as its owner received it, pressed by that owner (the
/// Board Manager, the police representative, another agency's representative, the Sub-group Chair) records the item
/// with the date and what the card sent; "Record as not needed" records why. A second click, and a click by someone
/// whose item it is not, are answered plainly, change nothing and are kept in the case's audit trail; the hub card
/// shows every item recorded.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ChecklistButtonsTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string CardAnswer = "application/vnd.microsoft.card.adaptive";
    private const string MessageAnswer = "application/vnd.microsoft.activity.message";
    private StageHost _host = null!;

    public async Task InitializeAsync() => _host = await StageHost.StartAsync(azurite, agencies: 1);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task EveryItemsButtonPressedByItsOwnerRecordsItAndTheHubShowsItRecorded()
    {
        await using var bot = _host.StartBot();
        var reference = await DecidedAsync(bot);
        var today = LondonTime.Today(_host.Time);
        var manager = _host.Who(Role.BoardManager);
        var police = _host.Who(Role.AgencyRepresentative);
        var representative = new Actor(new PersonId(_host.Representative(1)), "Representative 1");
        var subgroupChair = _host.Who(Role.SubgroupChair);

        var pressed = new List<(string Item, Actor Owner, string Verb, NotificationRecipient[] Recipients)>
        {
            (NotificationChecklist.LegalAdvice, manager, ChecklistCards.NotNeededVerb, [NotificationRecipient.LegalAdvice]),
            (NotificationChecklist.InspectoratePrefix + "staffs-police", police, ChecklistCards.SentVerb, [NotificationRecipient.Inspectorates]),
            (NotificationChecklist.InspectoratePrefix + StageHost.Agency(1), representative, ChecklistCards.NotNeededVerb, [NotificationRecipient.Inspectorates]),
            (NotificationChecklist.Coroner, police, ChecklistCards.SentVerb, [NotificationRecipient.Coroner]),
            (NotificationChecklist.CoronerLetter, subgroupChair, ChecklistCards.SentVerb, [NotificationRecipient.CoronerLetter]),
            (NotificationChecklist.CareQualityCommissionAndAreaTeam, manager, ChecklistCards.SentVerb, [NotificationRecipient.CareQualityCommission, NotificationRecipient.AreaTeam]),
            (NotificationChecklist.Media, manager, ChecklistCards.SentVerb, [NotificationRecipient.Media]),
            (NotificationChecklist.NationalPanel, manager, ChecklistCards.SentVerb, [NotificationRecipient.NationalPanel]),
            (NotificationChecklist.NominatedBoards, manager, ChecklistCards.SentVerb, [NotificationRecipient.NominatedBoards]),
            (NotificationChecklist.Ofsted, manager, ChecklistCards.SentVerb, [NotificationRecipient.Ofsted]),
            (NotificationChecklist.DepartmentForEducation, manager, ChecklistCards.SentVerb, [NotificationRecipient.DepartmentForEducation]),
        };
        var steps = (await StepsAsync(bot, reference)).Where(s => s.Key.StartsWith(ChecklistSteps.Prefix, StringComparison.Ordinal)).Select(s => s.Key).Order();
        Assert.Equal(pressed.Select(p => ChecklistSteps.Prefix + p.Item).Order(), steps);

        foreach (var (item, owner, verb, recipients) in pressed)
        {
            var card = await DeliveredAsync(owner, reference, ChecklistSteps.Prefix + item);
            var inputs = new Dictionary<string, string>();
            if (verb == ChecklistCards.NotNeededVerb)
            {
                inputs[ChecklistCards.ReasonInput] = "Nothing for this agency or adviser to act on.";
            }
            else if (InputValue(card, ChecklistCards.DetailsInput) is not { Length: > 0 })
            {
                inputs[ChecklistCards.DetailsInput] = $"Sent for {item}.";
            }

            var answer = await PressAsync(bot, owner, card, verb, inputs);

            Assert.True(answer["type"]?.GetValue<string>() == CardAnswer, $"{item}: {answer.ToJsonString()}");
            var recorded = (await LoadAsync(bot, reference)).Facts.OfType<NotificationSent>().Where(n => recipients.Contains(n.Recipient)
                && (n.Recipient != NotificationRecipient.Inspectorates || ChecklistSteps.Prefix + NotificationChecklist.InspectoratePrefix + n.Agency?.Value == ChecklistSteps.Prefix + item)).ToList();
            Assert.Equal(recipients, recorded.Select(n => n.Recipient));
            Assert.All(recorded, n => Assert.Equal(owner.Id, n.By.Id));
            Assert.All(recorded, n => Assert.Equal(today, n.SentOn));
            Assert.All(recorded, n => Assert.Equal(verb == ChecklistCards.NotNeededVerb, n.NotNeeded));
            var expected = verb == ChecklistCards.NotNeededVerb ? inputs[ChecklistCards.ReasonInput] : inputs.GetValueOrDefault(ChecklistCards.DetailsInput) ?? InputValue(card, ChecklistCards.DetailsInput)!.Trim();
            Assert.All(recorded, n => Assert.Equal(expected, n.Details));
        }

        // What was sent to the National Panel is the notice ScrBot drafted on the card, anonymised.
        var panel = (await LoadAsync(bot, reference)).Facts.OfType<NotificationSent>().Single(n => n.Recipient == NotificationRecipient.NationalPanel);
        Assert.StartsWith("Notification of a decision to initiate a Serious Case Review: ", panel.Details, StringComparison.Ordinal);
        Assert.DoesNotContain("Jamie", panel.Details, StringComparison.Ordinal);

        // The hub card: every item recorded, by whom and when.
        var hub = await _host.Connector.WaitForAsync(r => r.Operation is "send" or "update" && r.ConversationId == StageHost.Chat(manager.Id.Value) && r.Card is { } c
            && StageHost.Text(c).Contains($"{reference} · Case card", StringComparison.Ordinal)
            && StageHost.Text(c).Contains("Notifications after the decision to hold an SCR · 11 of 12 recorded", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        var text = StageHost.Text(hub.Card!);
        Assert.Contains($"Ofsted · {manager.Name}, D8 due ", text, StringComparison.Ordinal);
        Assert.Contains($"Done: sent {HumanDates.Format(today)}, recorded by {manager.Name} on ", text, StringComparison.Ordinal);
        Assert.Contains($"The Coroner, by the police · {police.Name} · Done: sent {HumanDates.Format(today)}, recorded by {police.Name}", text, StringComparison.Ordinal);
        Assert.Contains($"The Coroner, by formal letter · {subgroupChair.Name} · Done: sent", text, StringComparison.Ordinal);
        Assert.Contains("Legal advice · " + manager.Name + " · Done: not needed (Nothing for this agency or adviser to act on.)", text, StringComparison.Ordinal);
        Assert.Contains("Board partners and the Director · " + manager.Name + " · Not yet recorded", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ASecondClickAndAClickBySomeoneWhoseItemItIsNotAreAnsweredPlainlyChangeNothingAndAreKept()
    {
        await using var bot = _host.StartBot();
        var reference = await DecidedAsync(bot);
        var manager = _host.Who(Role.BoardManager);
        var police = _host.Who(Role.AgencyRepresentative);
        var ofsted = await DeliveredAsync(manager, reference, ChecklistSteps.Prefix + NotificationChecklist.Ofsted);

        // Someone whose item it is not: the police representative presses the Board Manager's card.
        var notTheirs = await PressAsync(bot, police, ofsted, ChecklistCards.SentVerb, []);
        Assert.Equal(MessageAnswer, notTheirs["type"]!.GetValue<string>());
        Assert.Equal("Only the Board Manager can record the notice to Ofsted.", notTheirs["value"]!.GetValue<string>());

        // A date before the decision, sent by a tampered card.
        var early = await PressAsync(bot, manager, ofsted, ChecklistCards.SentVerb, new() { [ChecklistCards.DateInput] = "2020-01-01" });
        Assert.StartsWith("The date it was sent (1 January 2020) is before the Independent Chair's decision (", early["value"]!.GetValue<string>(), StringComparison.Ordinal);

        // A step that is not on the checklist: another agency's inspectorate named in a tampered card.
        var tampered = ButtonData(ofsted, ChecklistCards.SentVerb)!;
        tampered[TaskCard.StepKey] = ChecklistSteps.Prefix + NotificationChecklist.InspectoratePrefix + "staffs-education";
        tampered[ChecklistCards.DateInput] = Iso(LondonTime.Today(_host.Time));
        var other = await _host.PressAsync(bot, manager, ChecklistCards.SentVerb, tampered);
        Assert.Equal("That notification is not on this case's checklist.", other["value"]!.GetValue<string>());

        var first = await PressAsync(bot, manager, ofsted, ChecklistCards.SentVerb, []);
        Assert.Equal(CardAnswer, first["type"]!.GetValue<string>());
        var second = await PressAsync(bot, manager, ofsted, ChecklistCards.SentVerb, []);
        Assert.Equal(MessageAnswer, second["type"]!.GetValue<string>());
        Assert.StartsWith($"Already recorded by {manager.Name} on ", second["value"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.EndsWith("Nothing was changed.", second["value"]!.GetValue<string>(), StringComparison.Ordinal);

        // Not needed where the toolkit requires it: refused.
        var dfe = await DeliveredAsync(manager, reference, ChecklistSteps.Prefix + NotificationChecklist.DepartmentForEducation);
        var data = ButtonData(dfe, ChecklistCards.SentVerb)!;
        data[ChecklistCards.ReasonInput] = "We decided not to.";
        data[ChecklistCards.DateInput] = Iso(LondonTime.Today(_host.Time));
        var notNeeded = await _host.PressAsync(bot, manager, ChecklistCards.NotNeededVerb, data);
        Assert.Equal("The notice to the DfE safeguarding lead is always needed after a decision to hold a Serious Case Review: it cannot be recorded as not needed.", notNeeded["value"]!.GetValue<string>());

        var stored = await LoadAsync(bot, reference);
        Assert.Single(stored.Facts.OfType<NotificationSent>(), n => n.Recipient == NotificationRecipient.Ofsted);
        Assert.DoesNotContain(stored.Facts.OfType<NotificationSent>(), n => n.Recipient == NotificationRecipient.DepartmentForEducation);
        var refused = stored.Facts.OfType<AttemptRefused>().Where(r => r.Attempt == "record a notification about this case").ToList();
        Assert.Contains(refused, r => r.By.Id == police.Id && r.Reason == "Only the Board Manager can record the notice to Ofsted.");
        Assert.Contains(refused, r => r.By.Id == manager.Id && r.Reason.StartsWith("The date it was sent (1 January 2020)", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.By.Id == manager.Id && r.Reason == "That notification is not on this case's checklist.");
        Assert.Contains(refused, r => r.By.Id == manager.Id && r.Reason.StartsWith("Already recorded by ", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.By.Id == manager.Id && r.Reason.StartsWith("The notice to the DfE safeguarding lead is always needed", StringComparison.Ordinal));
    }

    private static CaseStore Cases(BotFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    private static async Task<StoredCase> LoadAsync(BotFactory bot, CaseReference reference) =>
        (await Cases(bot).LoadAsync(ReferralSamples.Staffordshire, reference))!;

    private static async Task<IReadOnlyList<CaseStep>> StepsAsync(BotFactory bot, CaseReference reference)
    {
        var conversations = bot.Services.GetRequiredService<CaseConversations>();
        return conversations.StepsOf(conversations.View(await LoadAsync(bot, reference)));
    }

    /// <summary>
    /// A case of the host's directory brought, through the domain's commands dated in the weeks before today, to the
    /// Independent Chair's decision to hold a Serious Case Review (the police and the host's Partner agency 1 involved,
    /// the Stoke-on-Trent board cooperating, the child died), its cards delivered.
    /// </summary>
    private async Task<CaseReference> DecidedAsync(BotFactory bot)
    {
        var cases = Cases(bot);
        var directory = _host.Directory;
        var board = ReferralSamples.Staffordshire;
        var today = LondonTime.Today(_host.Time);
        DateTimeOffset At(int daysAgo, int hour = 10) => LondonTime.ToInstant(today.AddDays(-daysAgo), new TimeOnly(hour, 0));
        var form = FormCheck.CheckAll(ReferralSamples.FilledDraft(), directory, today.AddDays(-25)).Form;
        var referred = await cases.ReferAsync(board, today.AddDays(-25).Year, ReferralSamples.Referrer,
            r => CaseCommands.Refer(r, form, new CommandContext(ReferralSamples.Referrer, At(25), directory)));
        Assert.False(referred.IsRefused, referred.Outcome.Explanation);
        var reference = referred.State.Reference!.Value;

        async Task Do(Actor actor, DateTimeOffset at, Func<CaseState, CommandContext, Outcome> command)
        {
            var result = await cases.ExecuteAsync(board, reference, "bring the case to the decision", actor, (state, _) => command(state, new CommandContext(actor, at, directory)));
            Assert.False(result.IsRefused, result.Outcome.Explanation);
        }

        var manager = _host.Who(Role.BoardManager);
        var subgroupChair = _host.Who(Role.SubgroupChair);
        var chair = _host.Who(Role.IndependentChair);
        var patti = _host.Who(Role.AgencyRepresentative);
        var representative = new Actor(new PersonId(_host.Representative(1)), "Representative 1");
        var sio = new Actor(new PersonId("sio-" + reference.Value), "DI Sam Vimes");
        var minutes = new Actor(new PersonId("minutes-" + reference.Value), "Diego Siciliani");
        var police = new AgencyId("staffs-police");
        var partner = new AgencyId(StageHost.Agency(1));
        var panelStart = At(7, 10);
        await Do(manager, At(24), CaseCommands.InformChairs);
        await Do(manager, At(24), (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today.AddDays(-23), extraordinary: true));
        await Do(subgroupChair, At(23), (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.ConveneScopingPanel, "The criteria may be met."));
        await Do(manager, At(23), (s, c) => CaseCommands.ChooseAgencies(s, c, [police, partner]));
        await Do(manager, At(23), (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, today.AddDays(-15)));
        foreach (var (agency, rep) in new[] { (police, patti), (partner, representative) })
        {
            await Do(rep, At(21), (s, c) => CaseCommands.SecureRecords(s, c, agency));
            await Do(rep, At(21), (s, c) => CaseCommands.ReturnRecordCheck(s, c, agency, RecordCheckResult.Known, []));
        }

        await Do(manager, At(18), (s, c) => CaseCommands.ScheduleScopingPanel(s, c, panelStart, panelStart.AddHours(2), "graph-event-checklist"));
        await Do(manager, At(18), (s, c) => CaseCommands.InvitePanelMember(s, c, patti, PanelCapacity.AgencyRepresentative, police, null));
        await Do(manager, At(18), (s, c) => CaseCommands.InvitePanelMember(s, c, representative, PanelCapacity.AgencyRepresentative, partner, null));
        await Do(manager, At(18), (s, c) => CaseCommands.InvitePanelMember(s, c, sio, PanelCapacity.SeniorInvestigatingOfficer, police, "sam.vimes@police.example"));
        await Do(manager, At(18), (s, c) => CaseCommands.AssignPanelChair(s, c, subgroupChair, null));
        await Do(manager, At(18), (s, c) => CaseCommands.AppointMinuteTaker(s, c, minutes, declaresNoInvolvement: true));
        foreach (var attendee in new[] { subgroupChair, patti, representative, sio, minutes })
        {
            await Do(attendee, At(8), (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, attendee.Name));
        }

        await Do(subgroupChair, panelStart.AddHours(3), (s, c) => CaseCommands.RecordScopingPanelHeld(s, c, today.AddDays(-7), [subgroupChair.Id, patti.Id, representative.Id, sio.Id, minutes.Id], []));
        await Do(subgroupChair, panelStart.AddHours(4), (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.FormalSeriousCaseReview, ReviewMethodology.Silp, false,
            ["Information sharing between police and schools"], "The panel agreed that the criteria are met."));
        await Do(chair, At(3), (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "I agree with the panel."));
        await bot.Services.GetRequiredService<CaseConversations>().SyncAsync(board, reference, default);
        return reference;
    }

    /// <summary>The task card <paramref name="person"/> received for this case's step.</summary>
    private async Task<JsonObject> DeliveredAsync(Actor person, CaseReference reference, string step)
    {
        var delivered = await _host.Connector.WaitForAsync(
            r => r.Operation == "send" && r.ConversationId == StageHost.Chat(person.Id.Value) && r.Card is { } card
                 && ButtonData(card, ChecklistCards.SentVerb) is { } data && data[TaskCard.CaseKey]?.GetValue<string>() == reference.Value
                 && data[TaskCard.StepKey]?.GetValue<string>() == step,
            TimeSpan.FromSeconds(60));
        return delivered.Card!;
    }

    /// <summary>
    /// The card's button pressed as Teams sends it: the button's data and every input's value as the card holds it
    /// (the date today, the drafts), with <paramref name="inputs"/> typed over them.
    /// </summary>
    private async Task<JsonNode> PressAsync(BotFactory bot, Actor person, JsonObject card, string verb, Dictionary<string, string> inputs)
    {
        var data = ButtonData(card, verb) ?? throw new Xunit.Sdk.XunitException($"the card has no {verb} button");
        foreach (var input in Descendants(card).Where(o => o["type"]?.GetValue<string>()?.StartsWith("Input.", StringComparison.Ordinal) == true))
        {
            data[input["id"]!.GetValue<string>()] = input["value"]?.GetValue<string>() ?? "";
        }

        foreach (var (id, value) in inputs)
        {
            Assert.True(Descendants(card).Any(o => o["id"]?.GetValue<string>() == id), $"the card has no input '{id}'");
            data[id] = value;
        }

        return await _host.PressAsync(bot, person, verb, data);
    }

    private static string? InputValue(JsonObject card, string id) =>
        Descendants(card).FirstOrDefault(o => o["id"]?.GetValue<string>() == id)?["value"]?.GetValue<string>();

    private static JsonObject? ButtonData(JsonObject card, string verb) => StageHost.ButtonData(card, verb);

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => StageHost.Descendants(node);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
