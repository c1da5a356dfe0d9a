using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>
/// The notification checklist after a decision to hold a Serious Case Review (toolkit, "Role of the LSCB Independent
/// Chair"): which items a case has and who owns each; each recorded by its owner only, only after the decision, dated
/// on or after it and not in the future, once; "not needed" only where the toolkit says "as required", with why.
/// </summary>
public sealed class NotificationChecklistTests
{
    private static readonly DateOnly DecisionDay = new(2026, 3, 30);

    private static readonly Dictionary<string, Actor> People = new()
    {
        ["Manager"] = Manager, ["PoliceRep"] = PoliceRep, ["HealthRep"] = HealthRep, ["CscRep"] = CscRep, ["SubgroupChair"] = SubgroupChair,
        ["ViceChair"] = ViceChair, ["IndependentChair"] = IndependentChair, ["Referrer"] = Referrer,
    };

    private static Func<CaseState, CommandContext, Outcome> Record(string item, DateOnly? on = null, string? details = "Sent by secure email.", bool notNeeded = false) =>
        (s, c) => CaseCommands.RecordChecklistNotification(s, c, item, on ?? DecisionDay, details, notNeeded);

    [Fact]
    public void ADecisionToHoldASeriousCaseReviewBringsTheChecklistInTheToolkitsOrderEachItemWithItsOwner()
    {
        var items = NotificationChecklist.Items(CaseStory.Decided().State, TwoBoards);

        Assert.Equal(
            [
                "board-partners:BoardManager", "legal-advice:BoardManager", "inspectorate/police:AgencyRepresentative/police", "inspectorate/csc:AgencyRepresentative/csc",
                "coroner:AgencyRepresentative/police", "coroner-letter:SubgroupChair", "cqc-area-team:AgencyRepresentative/health", "media:BoardManager",
                "national-panel:BoardManager", "nominated-boards:BoardManager", "ofsted:BoardManager", "dfe:BoardManager",
            ],
            items.Select(i => $"{i.Key}:{i.OwnerRole}{(i.Agency is { } a ? "/" + a.Value : "")}"));
        Assert.Equal("HM Inspectorate of Constabulary", items.Single(i => i.Key == "inspectorate/police").Inspectorate);
        Assert.Equal("Ofsted", items.Single(i => i.Key == "inspectorate/csc").Inspectorate);
        Assert.Equal([NotificationRecipient.CareQualityCommission, NotificationRecipient.AreaTeam], items.Single(i => i.Key == "cqc-area-team").Recipients);
        Assert.All(items, i => Assert.False(i.PassedOn, i.Key));
        Assert.Equal(["legal-advice", "inspectorate/police", "inspectorate/csc"], items.Where(i => i.MayBeNotNeeded).Select(i => i.Key));
    }

    [Theory]
    [InlineData(RecommendationOption.MultiAgencyLearningReview)]
    [InlineData(RecommendationOption.SingleAgencyLearningReview)]
    [InlineData(RecommendationOption.NoFurtherAction)]
    public void OnlyADecisionToHoldASeriousCaseReviewHasTheChecklist(RecommendationOption option)
    {
        var story = CaseStory.Decided(option);

        Assert.Empty(NotificationChecklist.Items(story.State, TwoBoards));
        var refused = story.Try(Manager, Record("ofsted"));
        Assert.Equal($"The notification checklist follows a decision to hold a Serious Case Review; the Independent Chair decided on {Refusals.OptionWords(option)}.", refused.Explanation);
    }

    public static TheoryData<string, string, string, NotificationRecipient[], string> Owners() => new()
    {
        { "legal-advice", "Manager", "PoliceRep", [NotificationRecipient.LegalAdvice], "Only the Board Manager can record the legal advice." },
        { "inspectorate/police", "PoliceRep", "Manager", [NotificationRecipient.Inspectorates], "Only Staffordshire Police's representative can record the notice to Staffordshire Police's inspectorate." },
        { "inspectorate/csc", "CscRep", "PoliceRep", [NotificationRecipient.Inspectorates], "Only Children's Social Care's representative can record the notice to Children's Social Care's inspectorate." },
        { "coroner", "PoliceRep", "Manager", [NotificationRecipient.Coroner], "Only Staffordshire Police's representative can record the police's notice to the Coroner." },
        { "coroner-letter", "SubgroupChair", "Manager", [NotificationRecipient.CoronerLetter], "Only the Sub-group Chair can record the formal letter to the Coroner." },
        { "cqc-area-team", "HealthRep", "Manager", [NotificationRecipient.CareQualityCommission, NotificationRecipient.AreaTeam], "Only Midlands Partnership NHS Trust's representative can record the notices to the Care Quality Commission and the local Area Team." },
        { "media", "Manager", "SubgroupChair", [NotificationRecipient.Media], "Only the Board Manager can record the communications and media arrangement." },
        { "national-panel", "Manager", "IndependentChair", [NotificationRecipient.NationalPanel], "Only the Board Manager can record the notice to the National Panel." },
        { "nominated-boards", "Manager", "PoliceRep", [NotificationRecipient.NominatedBoards], "Only the Board Manager can record the update to the nominated boards." },
        { "ofsted", "Manager", "CscRep", [NotificationRecipient.Ofsted], "Only the Board Manager can record the notice to Ofsted." },
        { "dfe", "Manager", "HealthRep", [NotificationRecipient.DepartmentForEducation], "Only the Board Manager can record the notice to the DfE safeguarding lead." },
    };

    [Theory]
    [MemberData(nameof(Owners))]
    public void EachItemIsRecordedByItsOwnerOnly(string item, string owner, string wrong, NotificationRecipient[] recipients, string refusal)
    {
        var story = CaseStory.Decided();

        Assert.Equal(refusal, story.Try(People[wrong], Record(item)).Explanation);
        Assert.Equal(refusal, story.Try(Referrer, Record(item)).Explanation);

        story.Do(People[owner], Record(item));
        var recorded = story.Facts.OfType<NotificationSent>().ToList();
        Assert.Equal(recipients, recorded.Select(n => n.Recipient));
        Assert.All(recorded, n => Assert.Equal(DecisionDay, n.SentOn));
        Assert.All(recorded, n => Assert.Equal("Sent by secure email.", n.Details));
        Assert.All(recorded, n => Assert.False(n.NotNeeded));
        Assert.Equal(recipients.Length, story.State.Notifications.Count);
    }

    [Theory]
    [MemberData(nameof(Owners))]
    public void EachItemIsRecordedOnceASecondTimeIsAnsweredPlainly(string item, string owner, string wrong, NotificationRecipient[] recipients, string refusal)
    {
        _ = (wrong, refusal);
        var story = CaseStory.Decided().Do(People[owner], Record(item));

        var again = story.Try(People[owner], Record(item));

        var what = NotificationChecklist.Find(story.State, TwoBoards, item)!.What;
        Assert.Equal($"{char.ToUpperInvariant(what[0])}{what[1..]} was already recorded by {People[owner].Name}: sent on 30 March 2026.", again.Explanation);
        Assert.Equal(recipients.Length, story.State.Notifications.Count);
    }

    [Theory]
    [MemberData(nameof(Owners))]
    public void NoItemIsRecordedBeforeTheDecisionOrDatedBeforeItOrInTheFuture(string item, string owner, string wrong, NotificationRecipient[] recipients, string refusal)
    {
        _ = (wrong, recipients, refusal);
        var before = CaseStory.Recommended().Try(People[owner], Record(item));
        var decided = CaseStory.Decided();
        var earlier = decided.Try(People[owner], Record(item, new DateOnly(2026, 3, 29)));
        var later = decided.Try(People[owner], Record(item, new DateOnly(2026, 3, 31)));

        Assert.Equal("A notification cannot be recorded before the Independent Chair has decided (the case is at: Independent Chair's decision).", before.Explanation);
        Assert.Equal("The date it was sent (29 March 2026) is before the Independent Chair's decision (30 March 2026).", earlier.Explanation);
        Assert.Equal("The date it was sent (31 March 2026) is in the future.", later.Explanation);
    }

    [Fact]
    public void LegalAdviceAndAnAgencysInspectorateMayBeNotNeededWithWhy()
    {
        var story = CaseStory.Decided();

        var noReason = story.Try(Manager, Record("legal-advice", details: " ", notNeeded: true));
        story.Do(Manager, Record("legal-advice", details: "No legal question arises.", notNeeded: true))
            .Do(CscRep, Record("inspectorate/csc", details: "Ofsted is told by the Board Manager.", notNeeded: true));

        Assert.Equal("Why it is not needed: Say why it is not needed.", noReason.Explanation);
        Assert.All(story.State.Notifications, n => Assert.True(n.NotNeeded));
        Assert.Equal(["No legal question arises.", "Ofsted is told by the Board Manager."], story.State.Notifications.Select(n => n.Details));
        Assert.Equal(new AgencyId?[] { null, Csc }, story.State.Notifications.Select(n => n.Agency));
        Assert.Equal("The legal advice was already recorded as not needed by Morgan Manager on 30 March 2026.",
            story.Try(Manager, Record("legal-advice")).Explanation);
    }

    [Fact]
    public void WhatTheToolkitRequiresCannotBeRecordedAsNotNeeded()
    {
        var story = CaseStory.Decided();

        Assert.Equal("The notice to Ofsted is always needed after a decision to hold a Serious Case Review: it cannot be recorded as not needed.",
            story.Try(Manager, Record("ofsted", details: "No.", notNeeded: true)).Explanation);
        Assert.Equal("The police's notice to the Coroner is always needed after a decision to hold a Serious Case Review: it cannot be recorded as not needed.",
            story.Try(PoliceRep, Record("coroner", details: "No.", notNeeded: true)).Explanation);
        Assert.Equal("Boards cooperate on this case (Stoke-on-Trent Safeguarding Children Board): they are updated, so the update cannot be recorded as not needed.",
            story.Try(Manager, Record("nominated-boards", details: "None.", notNeeded: true)).Explanation);
        Assert.Empty(story.State.Notifications);
    }

    [Fact]
    public void WithoutACooperatingBoardTheBoardManagerMayRecordThatNoBoardWasNominated()
    {
        var story = CaseStory.Decided(form: Form() with { OtherBoardsInvolved = [] });

        Assert.True(NotificationChecklist.Find(story.State, TwoBoards, "nominated-boards")!.MayBeNotNeeded);
        story.Do(Manager, Record("nominated-boards", details: "No other board was nominated for this case.", notNeeded: true));

        Assert.True(story.State.Notifications.Single(n => n.Recipient == NotificationRecipient.NominatedBoards).NotNeeded);
    }

    [Fact]
    public void TheNationalPanelNoticeAndTheMediaArrangementAreRecordedWithWhatWasSent()
    {
        var story = CaseStory.Decided();

        Assert.Equal("What was sent: Give what was sent: the notice to the National Panel is recorded with it.", story.Try(Manager, Record("national-panel", details: "")).Explanation);
        Assert.Equal("What was sent: Give what was sent: the communications and media arrangement is recorded with it.", story.Try(Manager, Record("media", details: null)).Explanation);
        Assert.Equal("What was sent is longer than 4,000 characters.", story.Try(Manager, Record("national-panel", details: new string('x', 4001))).Explanation);
        story.Do(Manager, Record("national-panel", details: "Case SCR-2026-0007: a child died; abuse or neglect suspected."));

        Assert.Equal("Case SCR-2026-0007: a child died; abuse or neglect suspected.", story.State.Notifications.Single().Details);
    }

    [Fact]
    public void AStepNotOnTheChecklistIsRefused()
    {
        var story = CaseStory.Decided();

        Assert.Equal("That notification is not on this case's checklist.", story.Try(Manager, Record("inspectorate/education")).Explanation);
        Assert.Equal("That notification is not on this case's checklist.", story.Try(Manager, Record("board-partners-and-everyone")).Explanation);
    }

    [Fact]
    public void AChildSeriouslyHarmedWithNoCoronerInvolvedHasNoCoronerToTell()
    {
        var harmed = Form().With((IncidentDetails i) => i with { Kind = IncidentKind.SeriouslyHarmed });
        var noCoroner = harmed with { ParallelProcesses = harmed.ParallelProcesses with { Coroner = false } };

        var withCoroner = NotificationChecklist.Items(CaseStory.Decided(form: harmed).State, TwoBoards);
        var without = NotificationChecklist.Items(CaseStory.Decided(form: noCoroner).State, TwoBoards);

        Assert.Contains(withCoroner, i => i.Key == "coroner");
        Assert.Contains(withCoroner, i => i.Key == "coroner-letter");
        Assert.DoesNotContain(without, i => i.Key is "coroner" or "coroner-letter");
        Assert.Contains(without, i => i.Key == "ofsted");
    }

    [Fact]
    public void WithNoAgencyRepresentedTheBoardManagerPassesTheAgenciesNoticesOnAndTheViceChairWritesWhenTheChairWasInvolved()
    {
        // The sub-group (its Vice-Chair, the Chair having declared direct involvement) recommends no Scoping Panel; the
        // Independent Chair overrules it to a Serious Case Review: no agency has been involved on the case yet.
        var story = CaseStory.AtSubgroupDecision()
            .Do(SubgroupChair, (s, c) => CaseCommands.DeclareDirectInvolvement(s, c, "I chaired the child's protection conference."))
            .Do(ViceChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.NoFurtherAction, "Nothing to learn."))
            .At(new DateTimeOffset(2026, 3, 30, 9, 0, 0, TimeSpan.Zero))
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "The child died: the criteria are met.", null, RecommendationOption.FormalSeriousCaseReview));

        var items = NotificationChecklist.Items(story.State, TwoBoards);

        Assert.DoesNotContain(items, i => i.Key.StartsWith("inspectorate/", StringComparison.Ordinal));
        var coroner = items.Single(i => i.Key == "coroner");
        var ccg = items.Single(i => i.Key == "cqc-area-team");
        Assert.True(coroner.PassedOn);
        Assert.Equal(Role.BoardManager, coroner.OwnerRole);
        Assert.True(ccg.PassedOn);
        Assert.Equal(Role.SubgroupViceChair, items.Single(i => i.Key == "coroner-letter").OwnerRole);

        Assert.Equal("Only the Board Manager can record the police's notice to the Coroner.", story.Try(PoliceRep, Record("coroner")).Explanation);
        Assert.Equal("Only the Sub-group Vice-Chair can record the formal letter to the Coroner.", story.Try(SubgroupChair, Record("coroner-letter")).Explanation);
        story.Do(Manager, Record("coroner", details: "Passed to the police's safeguarding lead, who advised the Coroner."))
            .Do(Manager, Record("cqc-area-team", details: "Passed to the CCG's designated nurse."))
            .Do(ViceChair, Record("coroner-letter"));

        Assert.Equal(
            [NotificationRecipient.Coroner, NotificationRecipient.CareQualityCommission, NotificationRecipient.AreaTeam, NotificationRecipient.CoronerLetter],
            story.State.Notifications.Select(n => n.Recipient));
    }

    [Fact]
    public void RecordedAnyOtherWayAChecklistNotificationIsStillItsOwnersToRecord()
    {
        var story = CaseStory.Decided();

        var bySubgroupChair = story.Try(SubgroupChair, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Ofsted, DecisionDay, null));
        var byManager = story.Try(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Coroner, DecisionDay, null));

        Assert.Equal("Only the Board Manager can record the notice to Ofsted.", bySubgroupChair.Explanation);
        Assert.Equal("Only Staffordshire Police's representative can record the police's notice to the Coroner.", byManager.Explanation);
        Assert.False(story.Try(IndependentChair, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Referrer, DecisionDay, null)).IsRefused);
    }

    [Fact]
    public void TheChecklistStaysRecordableWhileTheReviewRuns()
    {
        var reviewing = CaseStory.ReviewStarted();
        reviewing.Do(Manager, Record("ofsted"));

        Assert.Equal(Stage.Review, reviewing.State.Stage);
        Assert.True(reviewing.State.WasNotified(NotificationRecipient.Ofsted));
    }
}
