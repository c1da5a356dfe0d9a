using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>
/// The Independent Chair's decision on the sub-group's recommendation not to convene a Scoping Panel: one decision,
/// delegation to a named member who decides instead, an overrule that reconvenes the sub-group with the Chair, and
/// D6 and D7 (Appendix B section 4) on this route.
/// </summary>
public sealed class ChairsDecisionOnTheSubgroupTests
{
    private static CaseStory NotConvened(SubgroupOutcome outcome = SubgroupOutcome.AnotherLearningReview, NotificationForm? form = null) =>
        CaseStory.AtSubgroupDecision(form)
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, outcome, "Single-agency practice issues only."));

    [Fact]
    public void AnotherLearningReviewIsRecommendedAsAMultiAgencyLearningReviewAndUpheld()
    {
        var story = NotConvened();
        Assert.Equal(RecommendationOption.MultiAgencyLearningReview, story.State.RecommendedOption);

        story.Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.UpholdWithFurtherActions, "Agreed.", ["Ask health for its own review."]));

        Assert.Equal(RecommendationOption.MultiAgencyLearningReview, story.State.DecidedOption);
        Assert.Equal(["Ask health for its own review."], story.State.Decision!.FurtherActions);
        Assert.DoesNotContain(story.Facts, f => f is CaseClosed);
    }

    [Fact]
    public void EveryLaterAttemptIsToldWhatWasDecidedByWhomAndWhen()
    {
        var story = NotConvened().Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        var again = story.Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "No.", null, RecommendationOption.FormalSeriousCaseReview));
        var delegated = story.Try(IndependentChair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, ViceChair.Id, "Away."));

        Assert.Equal("The Independent Chair's decision was already made: Upheld by Indira Chair, Independent Chair, Tuesday 10 March 2026 09:30 (a multi-agency learning review). Nothing was changed.", again.Explanation);
        Assert.Equal(again.Explanation, delegated.Explanation);
    }

    [Fact]
    public void TheDelegateDecidesInsteadAndTheChairIsToldSo()
    {
        var story = NotConvened().Do(IndependentChair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, ViceChair.Id, "I know the family."));

        Assert.Equal(ViceChair, story.State.DecisionDelegate);
        Assert.True(CaseAccess.HasRoleOnCase(story.State, ViceChair.Id, Boards.Role.IndependentChair, TwoBoards));
        Assert.Equal("The decision was delegated to Val Vice, who decides instead. Nothing was changed.",
            story.Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed.")).Explanation);

        story.Do(ViceChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));
        Assert.Equal("Val Vice", story.State.Decision!.By.Name);
    }

    [Fact]
    public void DelegatingNeedsABoardMemberOtherThanTheChairAndAReasonAndHappensOnce()
    {
        var story = NotConvened();

        Assert.Equal("Name someone else to take the decision.", story.Try(IndependentChair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, IndependentChair.Id, "x")).Explanation);
        Assert.Equal("The person named to take the decision is not a member of this case's board.", story.Try(IndependentChair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, Stranger.Id, "x")).Explanation);
        Assert.Equal("Lena Lead cannot take the Chair's decision: the agency's SCR lead is not one of the board's members who decide for it.",
            story.Try(IndependentChair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, PoliceScrLead.Id, "x")).Explanation);
        Assert.Equal("The reason for delegating the decision is required.", story.Try(IndependentChair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, ViceChair.Id, " ")).Explanation);
        Assert.Equal("Only the Independent Chair can delegate the Chair's decision.", story.Try(Manager, (s, c) => CaseCommands.DelegateChairsDecision(s, c, ViceChair.Id, "x")).Explanation);

        story.Do(IndependentChair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, ViceChair.Id, "Away."));
        Assert.Equal("The decision was already delegated to Val Vice on 10 March 2026.", story.Try(IndependentChair, (s, c) => CaseCommands.DelegateChairsDecision(s, c, Manager.Id, "x")).Explanation);
    }

    [Fact]
    public void AnOverruleReconvenesTheSubgroupWithTheChairAndClosesNothing()
    {
        var story = NotConvened(SubgroupOutcome.NoFurtherAction)
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "The criteria are met.", null, RecommendationOption.FormalSeriousCaseReview));

        Assert.Equal(RecommendationOption.FormalSeriousCaseReview, story.State.DecidedOption);
        Assert.Equal("Only the Board Manager can arrange the sub-group's meeting with the Independent Chair.",
            story.Try(SubgroupChair, (s, c) => CaseCommands.ArrangeSubgroupMeetingWithChair(s, c, Today.AddDays(5))).Explanation);
        story.Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeetingWithChair(s, c, Today.AddDays(5)));

        Assert.Equal(Today.AddDays(5), story.State.ReconvenedWithChairOn);
        Assert.NotEqual(Stage.Closed, story.State.Stage);
        Assert.DoesNotContain(story.Facts, f => f is CaseClosed);
    }

    [Fact]
    public void AnUpholdDoesNotReconveneTheSubgroup()
    {
        var story = NotConvened().Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        Assert.Equal("The sub-group reconvenes with the Independent Chair only after the Chair overruled its recommendation.",
            story.Try(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeetingWithChair(s, c, Today.AddDays(5))).Explanation);
    }

    [Fact]
    public void TheChairsDecisionOnTheSubgroupsRecommendationIsDueWithinOneMonth()
    {
        var story = NotConvened();
        var d6 = Obligations(story).Single(o => o.Key == "D6/subgroup");

        Assert.Equal(Today.AddMonths(1), d6.DueOn);
        Assert.Equal(Boards.Role.IndependentChair, d6.OwnerRole);

        story.Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));
        Assert.Equal(ObligationStatus.Met, Obligations(story).Single(o => o.Key == "D6/subgroup").Status);
    }

    // ── D7: Appendix B section 4 ──

    [Fact]
    public void AppendixB4aANotifiedCaseDecidedNotToReviewTellsTheNationalPanelWithin14Days()
    {
        var story = NotConvened().Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        var d7 = Obligations(story).Single(o => o.Code == ObligationCode.D7);
        Assert.Equal(Today.AddDays(14), d7.DueOn);
        Assert.Equal("the National Panel", d7.OwedTo);
    }

    [Fact]
    public void AppendixB4bACaseThatReachedTheChairAnotherWayAndInHerViewMeetsTheCriteriaTellsTheNationalPanel()
    {
        // An "other" incident with abuse suspected: not notified to Ofsted, so only the Chair's view brings it to the Panel.
        var form = Form().With(i => i with { Kind = IncidentKind.Other });
        var told = NotConvened(form: form).Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed.", meetsNotificationCriteria: true));
        var notTold = NotConvened(form: form).Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed."));

        Assert.False(told.State.IsNotifiableIncident);
        Assert.Equal(Today.AddDays(14), Obligations(told).Single(o => o.Code == ObligationCode.D7).DueOn);
        Assert.DoesNotContain(Obligations(notTold), o => o.Code == ObligationCode.D7);
    }

    [Fact]
    public void AppendixB4TheDeathOfALookedAfterChildWithoutSuspectedAbuseOrNeglectIsNotForTheNationalPanel()
    {
        var form = Form().With(c => c with { LookedAfter = true, ResponsibleAuthority = "Staffordshire County Council" }).With(i => i with { AbuseOrNeglect = AbuseOrNeglect.NotSuspected });
        var story = NotConvened(form: form);
        Assert.True(story.State.IsNotifiableIncident);

        Assert.Equal("The criteria for telling the National Panel need abuse or neglect to be known or suspected; the referral says it is neither (Appendix B: such cases are not notified).",
            story.Try(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "Agreed.", meetsNotificationCriteria: true)).Explanation);
        story.Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "No suspicion of abuse or neglect."));
        Assert.DoesNotContain(Obligations(story), o => o.Code == ObligationCode.D7);
    }

    [Fact]
    public void AppendixB4AnAccidentalDeathIsNotForTheNationalPanel()
    {
        var form = Form().With(i => i with { AbuseOrNeglect = AbuseOrNeglect.NotSuspected });
        var story = NotConvened(SubgroupOutcome.NoFurtherAction, form)
            .Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, "An accident."));

        Assert.DoesNotContain(Obligations(story), o => o.Code == ObligationCode.D7);
    }

    [Fact]
    public void AnOverruleToHoldAnSCROwesD8AndNotD7()
    {
        var story = NotConvened().Do(IndependentChair, (s, c) => CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, "Criteria met.", null, RecommendationOption.FormalSeriousCaseReview));

        var obligations = Obligations(story);
        Assert.DoesNotContain(obligations, o => o.Code == ObligationCode.D7);
        Assert.Equal(["D8/NationalPanel", "D8/Ofsted", "D8/DepartmentForEducation"], obligations.Where(o => o.Code == ObligationCode.D8).Select(o => o.Key));
    }

    private static IReadOnlyList<Obligation> Obligations(CaseStory story)
    {
        var profile = ProcessProfile.Toolkit;
        return ObligationRules.Derive(story.Facts, profile, profile.CreateCalendar(), Today);
    }
}
