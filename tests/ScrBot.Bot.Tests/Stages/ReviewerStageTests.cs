using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Stages.ActionPlan;
using ScrBot.Bot.Stages.Publication;
using ScrBot.Bot.Stages.Review;
using ScrBot.Bot.Stages.Reviewer;
using ScrBot.Bot.Storage;
using ScrBot.Bot.Tests.Connector;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Bot.Tests.Referral;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Stages.Reviewer.ReviewerCards;

namespace ScrBot.Bot.Tests.Stages;

/// <summary>
/// Commissioning the reviewer through <c>/api/messages</c> on the real bot host on Azure Tables (Azurite), each button
/// pressed on the card its owner received (through the Bot Connector stand-in), with every option of its choice sets:
/// the sub-group recommends, the Independent Chair and the Director of Children's Services decline or agree, the National
/// Panel is told, the Review Team and the Case Team are recorded, the reviewer is replaced; the wrong person is refused
/// and the attempt kept in the case's audit trail; a stale or second click changes nothing. A multi-agency learning
/// review runs the same cards in its own words, through the review to its action plan.
/// </summary>
[Collection(AzuriteCollection.Name)]
public sealed class ReviewerStageTests(AzuriteFixture azurite) : IAsyncLifetime
{
    private const string Accepted = "application/vnd.microsoft.card.adaptive";
    private static readonly string[] AllChecks = [TrainingInput, ExperienceInput, ReferencesInput, IndependenceInput];
    private StageHost _host = null!;

    public async Task InitializeAsync() => _host = await StageHost.StartAsync(azurite, agencies: 0);

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Actor Isaiah => _host.Who(Role.SubgroupChair);

    private Actor Adele => _host.Who(Role.IndependentChair);

    private Actor Karen => _host.Who(Role.DirectorOfChildrensServices);

    private Actor Megan => _host.Who(Role.BoardManager);

    private Actor Ben => _host.Who(Role.IndependentReviewer);

    [Fact]
    public async Task EveryButtonOfCommissioningTheReviewerIsTakenFromItsOwnerAndRefusedToAnyoneElse()
    {
        await using var bot = _host.StartBot();
        var reference = await DecidedAsync(bot, RecommendationOption.FormalSeriousCaseReview);

        // The National Panel is notified of the decision within D8, before any reviewer is appointed: it is told the
        // reviewer's name later, from a card of its own.
        await _host.DoAsync(Cases(bot), reference, Role.BoardManager, (s, c) => CaseCommands.RecordChecklistNotification(s, c, NotificationChecklist.NationalPanel,
            LondonTime.Today(_host.Time), "The decision; the reviewer is not yet appointed."));

        // Round 1: the Sub-group Chair's card offers the board's reviewers and someone else, and the three sources.
        var recommend = await DeliveredAsync(Isaiah, RecommendVerb, reference, "reviewer/recommend/1");
        Assert.Equal([Ben.Id.Value, SomeoneElse], Options(recommend, LeadInput));
        Assert.Equal([Ben.Id.Value, SomeoneElse], Options(recommend, SecondInput));
        var sources = Options(recommend, SourceInput);
        Assert.Equal(["NationalPanelList", "AnotherLocalAuthority", "Other"], sources);
        Assert.Contains("the Serious Case Review", StageHost.Text(recommend), StringComparison.Ordinal);

        var byReferrer = await PressAsync(bot, ReferralSamples.Referrer, recommend, RecommendVerb, Recommendation(SomeoneElse, "Rowan Reviewer", sources[0]));
        Assert.Equal("Only the Sub-group Chair, the Sub-group Vice-Chair or the Board Manager can recommend the reviewer.", Message(byReferrer));
        var unchecked_ = await PressAsync(bot, Isaiah, recommend, RecommendVerb, Recommendation(SomeoneElse, "Rowan Reviewer", sources[0], checks: [TrainingInput, ExperienceInput]));
        Assert.Equal("Checks: Before a reviewer is recommended, confirm their references or previous work and the lead reviewer's independence from the case.", Message(unchecked_));
        Assert.Equal(Accepted, Type(await PressAsync(bot, Isaiah, recommend, RecommendVerb, Recommendation(SomeoneElse, "Rowan Reviewer", sources[0]))));

        // The Independent Chair: the Board Manager cannot answer for her; a decline needs reasons; she agrees.
        var chair1 = await DeliveredAsync(Adele, AgreeVerb, reference, "reviewer/appoint/chair/1");
        Assert.Contains("Rowan Reviewer (does not use ScrBot: the Board Manager records their steps)", StageHost.Text(chair1), StringComparison.Ordinal);
        Assert.Contains("The National Panel's list of accredited reviewers", StageHost.Text(chair1), StringComparison.Ordinal);
        Assert.Contains("Relevant training checked, experience checked, references or previous work reviewed and the lead reviewer's independence from the case confirmed",
            StageHost.Text(chair1), StringComparison.Ordinal);
        Assert.Equal("Only the Independent Chair or the Director of Children's Services can decide the reviewer's appointment.",
            Message(await PressAsync(bot, Megan, chair1, AgreeVerb, [])));
        Assert.Equal("Reasons: Give the reasons for declining: the sub-group is told them when it recommends again.",
            Message(await PressAsync(bot, Adele, chair1, DeclineVerb, new() { [ReasonsInput] = " " })));
        var agreed = await PressAsync(bot, Adele, chair1, AgreeVerb, new() { [ReasonsInput] = "An experienced reviewer." });
        Assert.StartsWith("The reviewer's appointment agreed by Adele Vance, Independent Chair, on ", StageHost.Text((JsonObject)agreed["value"]!).Split('\n')[1], StringComparison.Ordinal);

        // The Director sees the Chair's answer; the Chair cannot answer for the Director; the Director declines.
        await DeliveredAsync(Karen, DeclineVerb, reference, "reviewer/appoint/director/1");
        var director1 = await DeliveredAsync(Karen, DeclineVerb, reference, "reviewer/appoint/director/1", "The reviewer's appointment agreed by Adele Vance", operation: "update");
        Assert.Equal("Only the Director of Children's Services can answer for the Director of Children's Services.",
            Message(await PressAsync(bot, Adele, director1, AgreeVerb, [])));
        Assert.Equal(Accepted, Type(await PressAsync(bot, Karen, director1, DeclineVerb, new() { [ReasonsInput] = "He reviewed a case of ours last year." })));

        // Stale and second clicks change nothing and say who did it and when.
        Assert.StartsWith("Already decided: The reviewer's appointment agreed by Adele Vance, Independent Chair, on ",
            Message(await PressAsync(bot, Adele, chair1, AgreeVerb, [])), StringComparison.Ordinal);
        Assert.StartsWith("Already recorded by Isaiah Langer on ",
            Message(await PressAsync(bot, Isaiah, recommend, RecommendVerb, Recommendation(SomeoneElse, "Rowan Reviewer", sources[0]))), StringComparison.Ordinal);

        // Round 2, from another local authority: the Independent Chair declines, and the Director's copy says so in place.
        var recommend2 = await DeliveredAsync(Isaiah, RecommendVerb, reference, "reviewer/recommend/2");
        Assert.Contains("He reviewed a case of ours last year.", StageHost.Text(recommend2), StringComparison.Ordinal);
        Assert.Equal("Source: The local authority that recommended the reviewer is required.",
            Message(await PressAsync(bot, Isaiah, recommend2, RecommendVerb, Recommendation(SomeoneElse, "Sam Second", sources[1]))));
        Assert.Equal(Accepted, Type(await PressAsync(bot, Isaiah, recommend2, RecommendVerb,
            Recommendation(SomeoneElse, "Sam Second", sources[1], details: "Shropshire Council", second: (Ben.Id.Value, "")))));
        var director2 = await DeliveredAsync(Karen, AgreeVerb, reference, "reviewer/appoint/director/2");
        var chair2 = await DeliveredAsync(Adele, DeclineVerb, reference, "reviewer/appoint/chair/2");
        Assert.Equal(Accepted, Type(await PressAsync(bot, Adele, chair2, DeclineVerb, new() { [ReasonsInput] = "Not available until next year." })));
        await _host.Connector.WaitForAsync(r => r.Operation == "update" && r.ConversationId == StageHost.Chat(Karen.Id.Value) && r.Card is { } card
            && StageHost.Text(card).Contains("The reviewer's appointment declined by Adele Vance, Independent Chair", StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        Assert.StartsWith("Already decided: The reviewer's appointment declined by Adele Vance",
            Message(await PressAsync(bot, Karen, director2, AgreeVerb, [])), StringComparison.Ordinal);

        // Round 3: the board's reviewer, from elsewhere, with a second reviewer named; both agree: appointed.
        var recommend3 = await DeliveredAsync(Isaiah, RecommendVerb, reference, "reviewer/recommend/3");
        Assert.Equal(Accepted, Type(await PressAsync(bot, Isaiah, recommend3, RecommendVerb,
            Recommendation(Ben.Id.Value, "", sources[2], details: "The Association of Independent LSCB Chairs", second: (SomeoneElse, "Dr Ann Other")))));
        Assert.Equal(Accepted, Type(await PressAsync(bot, Adele, await DeliveredAsync(Adele, AgreeVerb, reference, "reviewer/appoint/chair/3"), AgreeVerb, [])));
        Assert.Equal(Accepted, Type(await PressAsync(bot, Karen, await DeliveredAsync(Karen, AgreeVerb, reference, "reviewer/appoint/director/3"), AgreeVerb, [])));

        // Every option offered was taken: each source, the board's reviewer and someone else as lead and as second reviewer.
        var state = (await LoadAsync(bot, reference)).State;
        Assert.Equal([ReviewerSource.NationalPanelList, ReviewerSource.AnotherLocalAuthority, ReviewerSource.Other], state.ReviewerRounds.Select(r => r.Source));
        Assert.Equal(["Rowan Reviewer", "Sam Second", "Ben Walters"], state.ReviewerRounds.Select(r => r.Lead.Name));
        Assert.Equal([null, Ben.Id, null], state.ReviewerRounds.Select(r => r.Second?.Person));
        Assert.Equal([null, "Ben Walters", "Dr Ann Other"], state.ReviewerRounds.Select(r => r.Second?.Name));
        Assert.Equal("Ben Walters", state.Reviewer!.Name);
        Assert.Equal("Dr Ann Other", state.Reviewer.Second!.Name);
        Assert.True(state.HasRole(Ben.Id, Role.IndependentReviewer));

        // The National Panel is told who was appointed (D8).
        var panel = await DeliveredAsync(Megan, NationalPanelVerb, reference, "reviewer/national-panel/3");
        var tomorrow = LondonTime.Today(_host.Time).AddDays(1);
        Assert.EndsWith("is in the future.", Message(await PressAsync(bot, Megan, panel, NationalPanelVerb, new() { [DateInput] = Iso(tomorrow) })), StringComparison.Ordinal);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Megan, panel, NationalPanelVerb, new() { [DateInput] = Iso(LondonTime.Today(_host.Time)) })));

        // The Review Team and the Case Team, by the Board Manager only.
        var team = await DeliveredAsync(Megan, ReviewTeamVerb, reference, ReviewerSteps.ReviewTeam);
        Assert.Equal("Only the Board Manager can record the Review Team.",
            Message(await PressAsync(bot, Isaiah, team, ReviewTeamVerb, new() { [MembersInput] = "Staffordshire Police, DCI Jo Bloggs", [SeniorityInput] = "true" })));
        Assert.Equal("Seniority: Confirm that each organisation is represented by a manager of sufficient seniority.",
            Message(await PressAsync(bot, Megan, team, ReviewTeamVerb, new() { [MembersInput] = "Staffordshire Police, DCI Jo Bloggs", [SeniorityInput] = "false" })));
        Assert.Equal(Accepted, Type(await PressAsync(bot, Megan, team, ReviewTeamVerb, new()
        {
            [MembersInput] = "Staffordshire Police, DCI Jo Bloggs\nMidlands Partnership NHS Trust, Dr Ann Head, Named Nurse", [SeniorityInput] = "true",
        })));
        var caseTeam = await DeliveredAsync(Megan, CaseTeamVerb, reference, ReviewerSteps.CaseTeam);
        Assert.StartsWith("Confidential —", StageHost.Text(caseTeam), StringComparison.Ordinal);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Megan, caseTeam, CaseTeamVerb, new()
        {
            [StaffInput] = "PC Amy Able, Staffordshire Police, response officer\nJo Key, Children's Social Care, social worker", [FamilyInput] = "Parent C, mother",
        })));

        // The hub shows the reviewer's state; its Replace button replaces Ben Walters, withdrawing the role.
        var hub = await _host.Connector.WaitForAsync(r => r.ConversationId == StageHost.Chat(Megan.Id.Value) && r.Card is { } card
            && StageHost.Text(card).Contains("Case Team", StringComparison.Ordinal) && StageHost.Text(card).Contains("2 staff and managers and 1 family member", StringComparison.Ordinal)
            && ButtonData(card, ReplaceVerb) is not null, TimeSpan.FromSeconds(60));
        Assert.Contains("Ben Walters and Dr Ann Other, from The Association of Independent LSCB Chairs", StageHost.Text(hub.Card!), StringComparison.Ordinal);
        Assert.Equal("Only the Board Manager or the Independent Chair can replace the reviewer.",
            Message(await PressAsync(bot, Isaiah, hub.Card!, ReplaceVerb, new() { [ReasonInput] = "Unwell." })));
        Assert.StartsWith("The reviewer is replaced", Message(await PressAsync(bot, Megan, hub.Card!, ReplaceVerb, new() { [ReasonInput] = "Ben Walters is unwell." })), StringComparison.Ordinal);
        Assert.StartsWith("Already decided: Ben Walters and Dr Ann Other replaced by Megan Bowen on ",
            Message(await PressAsync(bot, Megan, hub.Card!, ReplaceVerb, new() { [ReasonInput] = "Again." })), StringComparison.Ordinal);
        await DeliveredAsync(Isaiah, RecommendVerb, reference, "reviewer/recommend/4");

        var stored = await LoadAsync(bot, reference);
        Assert.Null(stored.State.Reviewer);
        Assert.False(stored.State.HasRole(Ben.Id, Role.IndependentReviewer));
        Assert.Contains(stored.Facts, f => f is CaseRoleRemoved { Role: Role.IndependentReviewer } removed && removed.Person == Ben.Id);
        Assert.Equal(3, stored.State.ReviewerRounds.Count);
        Assert.Equal("The reviewers appointed: Ben Walters (lead reviewer), Dr Ann Other (second reviewer).",
            stored.Facts.OfType<NotificationSent>().Last(n => n.Recipient == NotificationRecipient.NationalPanel).Details);
        Assert.Equal(["Staffordshire Police", "Midlands Partnership NHS Trust"], stored.State.ReviewTeam!.Members.Select(m => m.Organisation));
        Assert.Equal("Dr Ann Head, Named Nurse", stored.State.ReviewTeam.Members[1].Manager);

        // Every refusal is kept in the audit trail, with who tried.
        var refused = stored.Facts.OfType<AttemptRefused>().ToList();
        Assert.Contains(refused, r => r.Attempt == "recommend the reviewer" && r.By.Id == ReferralSamples.Referrer.Id);
        Assert.Contains(refused, r => r.Attempt == "decide the reviewer's appointment" && r.By.Id == Megan.Id);
        Assert.Contains(refused, r => r.Attempt == "decide the reviewer's appointment" && r.By.Id == Adele.Id && r.Reason.StartsWith("Only the Director", StringComparison.Ordinal));
        Assert.Contains(refused, r => r.Attempt == "record the Review Team" && r.By.Id == Isaiah.Id);
        Assert.Contains(refused, r => r.Attempt == "replace the reviewer" && r.By.Id == Isaiah.Id);
        Assert.Contains(refused, r => r.Attempt == "replace the reviewer" && r.By.Id == Megan.Id && r.Reason.StartsWith("Already decided", StringComparison.Ordinal));
    }

    [Fact]
    public async Task TheIndependentChairReplacesTheReviewerFromTheCasesStatusAndNobodyElseWithoutTheRoleIsOfferedIt()
    {
        await using var bot = _host.StartBot();
        var reference = await DecidedAsync(bot, RecommendationOption.FormalSeriousCaseReview);
        await AppointTheReviewerAsync(bot, reference);

        var adeles = await CaseStatusAsync(bot, Adele, reference);
        var isaiahs = await CaseStatusAsync(bot, Isaiah, reference);
        Assert.Null(ButtonData(isaiahs, ReplaceVerb));
        Assert.NotNull(ButtonData(adeles, ReplaceVerb));

        Assert.StartsWith("The reviewer is replaced", Message(await PressAsync(bot, Adele, adeles, ReplaceVerb, new() { [ReasonInput] = "A conflict of interest came to light." })), StringComparison.Ordinal);
        var replaced = (await LoadAsync(bot, reference)).State.ReviewerRounds.Single().Replaced!;
        Assert.Equal("A conflict of interest came to light.", replaced.Reason);
        Assert.Equal(Adele.Id, replaced.By.Id);
    }

    [Fact]
    public async Task AMultiAgencyLearningReviewRunsTheSameCardsInItsOwnWordsFromTheReviewerToTheActionPlan()
    {
        await using var bot = _host.StartBot();
        var reference = await DecidedAsync(bot, RecommendationOption.MultiAgencyLearningReview);
        var today = Iso(LondonTime.Today(_host.Time));

        var recommend = await DeliveredAsync(Isaiah, RecommendVerb, reference, "reviewer/recommend/1");
        Assert.Contains("Recommend the lead reviewer of the multi-agency learning review", StageHost.Text(recommend), StringComparison.Ordinal);
        Assert.DoesNotContain("Serious Case Review", StageHost.Text(recommend), StringComparison.Ordinal);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Isaiah, recommend, RecommendVerb, Recommendation(Ben.Id.Value, "", "NationalPanelList"))));
        var chair = await DeliveredAsync(Adele, AgreeVerb, reference, "reviewer/appoint/chair/1");
        Assert.Contains("The multi-agency learning review", StageHost.Text(chair), StringComparison.Ordinal);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Adele, chair, AgreeVerb, [])));
        Assert.Equal(Accepted, Type(await PressAsync(bot, Karen, await DeliveredAsync(Karen, AgreeVerb, reference, "reviewer/appoint/director/1"), AgreeVerb, [])));

        var team = await DeliveredAsync(Megan, ReviewTeamVerb, reference, ReviewerSteps.ReviewTeam);
        Assert.Contains("Review Team of the multi-agency learning review", StageHost.Text(team), StringComparison.Ordinal);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Megan, team, ReviewTeamVerb, new() { [MembersInput] = "Staffordshire Police, DCI Jo Bloggs", [SeniorityInput] = "true" })));
        Assert.Equal(Accepted, Type(await PressAsync(bot, Megan, await DeliveredAsync(Megan, CaseTeamVerb, reference, ReviewerSteps.CaseTeam), CaseTeamVerb,
            new() { [StaffInput] = "Jo Key, Children's Social Care, social worker", [FamilyInput] = "" })));

        // No National Panel step for a learning review; the review itself, in its own words.
        var steps = bot.Services.GetRequiredService<CaseConversations>().StepsOf(bot.Services.GetRequiredService<CaseConversations>().View((await LoadAsync(bot, reference))));
        Assert.DoesNotContain(steps, s => s.Key.StartsWith(ReviewerSteps.NationalPanelPrefix, StringComparison.Ordinal));
        var start = await DeliveredAsync(Megan, ReviewCards.StartVerb, reference, ReviewSteps.Start);
        Assert.Contains("Start the multi-agency learning review", StageHost.Text(start), StringComparison.Ordinal);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Megan, start, ReviewCards.StartVerb, new() { [ReviewCards.DateInput] = today })));
        var terms = await DeliveredAsync(Ben, ReviewCards.TermsVerb, reference, ReviewSteps.Terms);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Ben, terms, ReviewCards.TermsVerb, new() { [ReviewCards.DateInput] = today, [ReviewCards.MembersInput] = "Isaiah Langer, sub-group", [ReviewCards.SharedWithSioInput] = "true" })));
        var conduct = await DeliveredAsync(Ben, ReviewCards.CompleteVerb, reference, ReviewSteps.Conduct);
        Assert.Contains("Conduct the multi-agency learning review", StageHost.Text(conduct), StringComparison.Ordinal);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Ben, conduct, ReviewCards.CompleteVerb, new() { ["completedOn"] = today, [ReviewCards.CheckedInput] = "true" })));

        // The report to the Board, and the action plan.
        Assert.Equal(Accepted, Type(await PressAsync(bot, Megan, await DeliveredAsync(Megan, PublicationCards.EndorseVerb, reference, PublicationSteps.Endorse),
            PublicationCards.EndorseVerb, new() { [PublicationCards.DateInput] = today })));
        var draw = await DeliveredAsync(Isaiah, ActionPlanCards.AddVerb, reference, ActionPlanSteps.Draw);
        Assert.Equal(Accepted, Type(await PressAsync(bot, Isaiah, draw, ActionPlanCards.AddVerb, new()
        {
            [ActionPlanCards.AgencyInput] = "staffs-police", [ActionPlanCards.ActionInput] = "Share domestic incident notifications with schools within 24 hours.",
            [ActionPlanCards.OutcomeInput] = "Schools know the same day.", [ActionPlanCards.DueInput] = Iso(LondonTime.Today(_host.Time).AddMonths(3)),
            [ActionPlanCards.EvidenceInput] = "A copy of the protocol.",
        })));

        var state = (await LoadAsync(bot, reference)).State;
        Assert.Equal(RecommendationOption.MultiAgencyLearningReview, state.DecidedOption);
        Assert.Equal("Ben Walters", state.Reviewer!.Name);
        Assert.NotNull(state.ReviewCompletedOn);
        Assert.Equal(["A1"], state.Actions.Select(a => a.ActionId));
        Assert.DoesNotContain(state.Notifications, n => n.Recipient == NotificationRecipient.NationalPanel);
    }

    // ── helpers ──

    private static Dictionary<string, string> Recommendation(string lead, string leadName, string source, string details = "", string[]? checks = null, (string Choice, string Name)? second = null)
    {
        var inputs = new Dictionary<string, string>
        {
            [LeadInput] = lead, [LeadNameInput] = leadName, [SourceInput] = source, [SourceDetailsInput] = details,
            [SecondInput] = second?.Choice ?? "", [SecondNameInput] = second?.Name ?? "",
        };
        foreach (var check in AllChecks)
        {
            inputs[check] = (checks ?? AllChecks).Contains(check) ? "true" : "false";
        }

        return inputs;
    }

    /// <summary>A case whose sub-group recommended another learning review; the Independent Chair upholds it, or overrules it to a Serious Case Review.</summary>
    private async Task<CaseReference> DecidedAsync(BotFactory bot, RecommendationOption decided)
    {
        var cases = Cases(bot);
        var reference = await _host.ReferAsync(cases);
        var today = LondonTime.Today(_host.Time);
        await _host.DoAsync(cases, reference, Role.BoardManager, CaseCommands.InformChairs);
        await _host.DoAsync(cases, reference, Role.BoardManager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, today, false));
        await _host.DoAsync(cases, reference, Role.SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.AnotherLearningReview, "The agencies learn best together."));
        await _host.DoAsync(cases, reference, Role.IndependentChair, (s, c) => decided == RecommendationOption.MultiAgencyLearningReview
            ? CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "I agree with the sub-group.")
            : CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "The child died and agencies did not share referrals.", null, RecommendationOption.FormalSeriousCaseReview));
        await SyncAsync(bot, reference);
        return reference;
    }

    private async Task AppointTheReviewerAsync(BotFactory bot, CaseReference reference)
    {
        var cases = Cases(bot);
        var checks = new ReviewerChecks(true, true, true, true);
        await _host.DoAsync(cases, reference, Role.SubgroupChair, (s, c) => CaseCommands.RecommendReviewer(s, c, ReviewerNomination.InDirectory(Ben.Id), null, ReviewerSource.NationalPanelList, null, checks));
        await _host.DoAsync(cases, reference, Role.IndependentChair, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.IndependentChair, true, null));
        await _host.DoAsync(cases, reference, Role.DirectorOfChildrensServices, (s, c) => CaseCommands.AnswerReviewerAppointment(s, c, Role.DirectorOfChildrensServices, true, null));
        await SyncAsync(bot, reference);
    }

    /// <summary><c>case SCR-…</c> typed by <paramref name="person"/>: the status card ScrBot answers with.</summary>
    private async Task<JsonObject> CaseStatusAsync(BotFactory bot, Actor person, CaseReference reference)
    {
        var message = Activities.Message(_host.Connector.ServiceUrl.AbsoluteUri, $"case {reference.Value}", conversationId: StageHost.Chat(person.Id.Value));
        message["from"] = new JsonObject { ["id"] = "29:" + person.Id.Value, ["name"] = person.Name, ["aadObjectId"] = person.Id.Value };
        using var response = await bot.PostActivityAsync(message);
        Assert.True(response.IsSuccessStatusCode);
        var answer = await _host.Connector.WaitForAsync(r => r.Operation == "send" && r.ConversationId == StageHost.Chat(person.Id.Value) && r.Card is { } card
            && StageHost.Text(card).Contains("Your part in this case", StringComparison.Ordinal) && StageHost.Text(card).Contains(reference.Value, StringComparison.Ordinal), TimeSpan.FromSeconds(60));
        return answer.Card!;
    }

    private static CaseStore Cases(BotFactory bot) => bot.Services.GetRequiredService<CaseStore>();

    private static async Task<StoredCase> LoadAsync(BotFactory bot, CaseReference reference) =>
        (await Cases(bot).LoadAsync(ReferralSamples.Staffordshire, reference))!;

    private static Task SyncAsync(BotFactory bot, CaseReference reference) =>
        bot.Services.GetRequiredService<CaseConversations>().SyncAsync(ReferralSamples.Staffordshire, reference, default);

    /// <summary>The task card <paramref name="person"/> received for this step of this case, whose button is <paramref name="verb"/>.</summary>
    /// <remarks>With <paramref name="saying"/>, the copy (sent, or redrawn in place) that says it.</remarks>
    private async Task<JsonObject> DeliveredAsync(Actor person, string verb, CaseReference reference, string step, string? saying = null, string operation = "send")
    {
        var delivered = await _host.Connector.WaitForAsync(
            r => r.Operation == operation && r.ConversationId == StageHost.Chat(person.Id.Value) && r.Card is { } card
                 && ButtonData(card, verb) is { } data && data[TaskCard.CaseKey]?.GetValue<string>() == reference.Value && data[TaskCard.StepKey]?.GetValue<string>() == step
                 && (saying is null || StageHost.Text(card).Contains(saying, StringComparison.Ordinal)),
            TimeSpan.FromSeconds(60));
        return delivered.Card!;
    }

    /// <summary>The card's button pressed by <paramref name="person"/> with these inputs, as Teams sends it: the host's answer.</summary>
    private async Task<JsonNode> PressAsync(BotFactory bot, Actor person, JsonObject card, string verb, Dictionary<string, string> inputs)
    {
        var data = ButtonData(card, verb);
        Assert.True(data is not null, $"the card has a button {verb}");
        foreach (var (id, value) in inputs)
        {
            Assert.True(Descendants(card).Any(o => o["id"]?.GetValue<string>() == id), $"the card has an input '{id}'");
            data![id] = value;
        }

        return await _host.PressAsync(bot, person, verb, data!);
    }

    private static string? Type(JsonNode answer) => answer["type"]?.GetValue<string>();

    private static string Message(JsonNode answer) => answer["value"] is JsonValue v && v.TryGetValue<string>(out var text) ? text : answer.ToJsonString();

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static JsonObject? ButtonData(JsonObject card, string verb) => StageHost.ButtonData(card, verb);

    private static List<string> Options(JsonObject card, string id) => StageHost.Options(card, id);

    private static IEnumerable<JsonObject> Descendants(JsonNode? node) => StageHost.Descendants(node);
}
