using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;
using static ScrBot.Domain.Tests.Obligations.CaseFacts;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>D6 (the Independent Chair's written decision), D7 and D8 (telling the National Panel, Ofsted and the DfE).</summary>
public sealed class DecisionObligationTests
{
    private static ScopingPanelHeld Held(DateOnly on) => new(on, [], []) { At = On(on), By = Manager };

    private static MinutesCirculated Minutes(DateOnly on) => new(on, false) { At = On(on), By = Manager };

    private static ChairDecided Decided(DateOnly on, RecommendationOption option) =>
        new(ChairDecisionKind.Uphold, option, "Reasons in writing", []) { At = On(on), By = Chair };

    private static NotificationSent Sent(NotificationRecipient to, DateOnly on) => new(to, on, null) { At = On(on), By = Manager };

    private static ReviewerAppointed Appointed(DateOnly on) => new(1, new ProposedReviewer("Rowan Reviewer", null), null) { At = On(on), By = Chair };

    private static ReviewerCommissioned Commissioned(DateOnly on) => new("Rowan Reviewer", true, true, null) { At = On(on), By = Manager };

    [Fact]
    public void TheIndependentChairsDecisionOnAPanelHeldOn31JanuaryIsDueOnTheLastDayOfFebruary()
    {
        var facts2025 = new CaseEvent[] { Referred(D(2025, 1, 6), D(2025, 1, 3)), Held(D(2025, 1, 31)) };
        var facts2028 = new CaseEvent[] { Referred(D(2028, 1, 6), D(2028, 1, 5)), Held(D(2028, 1, 31)) };

        var d6 = Derive(facts2025, D(2025, 2, 1)).The("D6");

        Assert.Equal("Give the written decision on the Scoping Panel's recommendation to the Sub-group Chair", d6.Title);
        Assert.Equal(Role.IndependentChair, d6.OwnerRole);
        Assert.Equal("the Sub-group Chair", d6.OwedTo);
        Assert.Equal("1 month from the Scoping Panel meeting being held", d6.Rule);
        Assert.Equal(D(2025, 2, 28), d6.DueOn);
        Assert.Equal(D(2028, 2, 29), Derive(facts2028, D(2028, 2, 1)).The("D6").DueOn);
    }

    [Fact]
    public void TheIndependentChairsDecisionWithinTheMonthMeetsIt()
    {
        var facts = new CaseEvent[]
        {
            Referred(D(2026, 2, 2), D(2026, 2, 2)),
            Held(D(2026, 3, 12)),
            Decided(D(2026, 4, 10), RecommendationOption.FormalSeriousCaseReview),
        };

        var d6 = Derive(facts, D(2026, 4, 20)).The("D6");

        Assert.Equal(D(2026, 4, 12), d6.DueOn);
        Assert.Equal(ObligationStatus.Met, d6.Status);
        Assert.Equal(D(2026, 4, 10), d6.MetOn);
    }

    [Fact]
    public void CountedFromReceivingTheMinutesTheChairsMonthStartsWhenTheMinutesAreCirculated()
    {
        // Held Thursday 12 March 2026; minutes circulated Friday 20 March: the decision is due Monday 20 April,
        // not Sunday 12 April as when counted from the meeting.
        var fromMinutes = ProcessProfile.Toolkit with { DecisionClock = DecisionClockStart.MinutesReceived };
        var held = new CaseEvent[] { Referred(D(2026, 2, 2), D(2026, 2, 2)), Held(D(2026, 3, 12)) };
        CaseEvent[] circulated = [.. held, Minutes(D(2026, 3, 20))];

        var d6 = Derive(circulated, D(2026, 4, 14), fromMinutes).The("D6");

        Assert.Empty(Derive(held, D(2026, 3, 19), fromMinutes).Coded(ObligationCode.D6));
        Assert.Equal(D(2026, 3, 20), d6.StartsOn);
        Assert.Equal(D(2026, 4, 20), d6.DueOn);
        Assert.Equal(ObligationStatus.Open, d6.Status);
        Assert.Equal("1 month from receiving the Scoping Panel minutes (the board's setting)", d6.Rule);
        Assert.Equal(ObligationStatus.Overdue, Derive(circulated, D(2026, 4, 14)).The("D6").Status);
    }

    [Fact]
    public void CountedFromTheBoardReceivingNoticeOfTheIncidentTheChairsMonthRunsFromTheEarlierNotice()
    {
        // Children's social care notified the board on Monday 9 February 2026; the referral came on Tuesday 10
        // February; the sub-group decided to convene a panel. The decision is due Monday 9 March.
        var fromNotice = ProcessProfile.Toolkit with { DecisionClock = DecisionClockStart.BoardNotifiedOfIncident };
        var facts = new CaseEvent[]
        {
            Referred(D(2026, 2, 10), D(2026, 2, 6)),
            new NotifiableIncidentReported(D(2026, 2, 9)) { At = On(2026, 2, 10), By = Manager },
            new SubgroupDecided(SubgroupOutcome.ConveneScopingPanel, "Criteria may be met") { At = On(2026, 2, 12), By = Manager },
        };

        var d6 = Derive(facts, D(2026, 3, 10), fromNotice).The("D6");

        Assert.Equal(D(2026, 2, 9), d6.StartsOn);
        Assert.Equal(D(2026, 3, 9), d6.DueOn);
        Assert.Equal(ObligationStatus.Overdue, d6.Status);
        Assert.Equal("1 month from the board receiving notice of the incident (the board's setting)", d6.Rule);
    }

    [Fact]
    public void ADecisionNotToInitiateAnSCROnANotifiedCaseMustReachTheNationalPanelWithin14Days()
    {
        // Decided Monday 4 May 2026 (a bank holiday changes nothing: these are calendar days): due Monday 18 May.
        var decided = new CaseEvent[]
        {
            Referred(D(2026, 3, 2), D(2026, 3, 2)),
            Held(D(2026, 4, 20)),
            Decided(D(2026, 5, 4), RecommendationOption.MultiAgencyLearningReview),
        };

        var open = Derive(decided, D(2026, 5, 4)).The("D7");
        var met = Derive([.. decided, Sent(NotificationRecipient.NationalPanel, D(2026, 5, 18))], D(2026, 5, 18)).The("D7");

        Assert.Equal("Let the National Panel know of the decision not to initiate an SCR, with the incident notification and the reasons", open.Title);
        Assert.Equal("the National Panel", open.OwedTo);
        Assert.Equal("14 days from the decision not to initiate an SCR", open.Rule);
        Assert.Equal(D(2026, 5, 18), open.DueOn);
        Assert.Equal(ObligationStatus.Met, met.Status);
        Assert.False(met.MetLate);
        Assert.Empty(Derive(decided, D(2026, 5, 4)).Coded(ObligationCode.D8));
    }

    [Fact]
    public void ADecisionNotToInitiateAnSCROnACaseNeverNotifiedToOfstedOwesTheNationalPanelNothing()
    {
        var facts = new CaseEvent[]
        {
            Referred(D(2026, 3, 2), D(2026, 3, 2), IncidentKind.Died, AbuseOrNeglect.NotSuspected),
            Held(D(2026, 4, 20)),
            Decided(D(2026, 5, 4), RecommendationOption.NoFurtherAction),
        };

        Assert.Empty(Derive(facts, D(2026, 5, 4)).Coded(ObligationCode.D7));
    }

    [Fact]
    public void ADecisionToInitiateAnSCROwesTheNationalPanelOfstedAndTheDfEEachTheirOwnNotification()
    {
        // Decided Friday 1 May 2026. Five working days, past the early May bank holiday on Monday 4 May: Monday 11 May.
        var facts = new CaseEvent[]
        {
            Referred(D(2026, 3, 2), D(2026, 3, 2)),
            Held(D(2026, 4, 20)),
            Decided(D(2026, 5, 1), RecommendationOption.FormalSeriousCaseReview),
            Sent(NotificationRecipient.Ofsted, D(2026, 5, 6)),
        };

        var d8 = Derive(facts, D(2026, 5, 12)).Coded(ObligationCode.D8);

        Assert.Equal(["D8/NationalPanel", "D8/Ofsted", "D8/DepartmentForEducation"], d8.Select(o => o.Key));
        Assert.All(d8, o => Assert.Equal(D(2026, 5, 11), o.DueOn));
        Assert.All(d8, o => Assert.Equal(Role.BoardManager, o.OwnerRole));
        Assert.Equal("promptly: 5 working days from the decision to initiate an SCR (the board's setting)", d8[0].Rule);
        Assert.Equal(["the National Panel", "Ofsted", "the Department for Education"], d8.Select(o => o.OwedTo));
        Assert.Equal(
            [ObligationStatus.Overdue, ObligationStatus.Met, ObligationStatus.Overdue],
            d8.Select(o => o.Status));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void TheNationalPanelIsNotToldOfAnSCRUntilItHasTheNameOfTheAppointedReviewer(bool appointedByTheChairAndTheDirector)
    {
        var decided = new CaseEvent[]
        {
            Referred(D(2026, 3, 2), D(2026, 3, 2)),
            Held(D(2026, 4, 20)),
            Decided(D(2026, 5, 1), RecommendationOption.FormalSeriousCaseReview),
            Sent(NotificationRecipient.NationalPanel, D(2026, 5, 5)),
        };
        CaseEvent[] withReviewer =
        [
            .. decided,
            appointedByTheChairAndTheDirector ? Appointed(D(2026, 5, 7)) : Commissioned(D(2026, 5, 7)),
            Sent(NotificationRecipient.NationalPanel, D(2026, 5, 8)),
        ];

        var tooEarly = Derive(decided, D(2026, 5, 6)).The("D8/NationalPanel");
        var told = Derive(withReviewer, D(2026, 5, 8)).The("D8/NationalPanel");

        Assert.Equal(ObligationStatus.Open, tooEarly.Status);
        Assert.Equal(
            "Sent on Tuesday 5 May 2026 before a reviewer was appointed: the National Panel still needs the name of the appointed reviewer.",
            tooEarly.Note);
        Assert.Equal(ObligationStatus.Met, told.Status);
        Assert.Equal(D(2026, 5, 8), told.MetOn);
        Assert.Null(told.Note);
    }

    [Fact]
    public void ABoardCanAllowLongerThanFiveWorkingDaysToNotifyADecisionToInitiateAnSCR()
    {
        var tenDays = ProcessProfile.Toolkit with { NotifyDecisionToReviewWorkingDays = 10 };
        var facts = new CaseEvent[]
        {
            Referred(D(2026, 3, 2), D(2026, 3, 2)),
            Decided(D(2026, 5, 1), RecommendationOption.FormalSeriousCaseReview),
        };

        Assert.Equal(D(2026, 5, 18), Derive(facts, D(2026, 5, 1), tenDays).The("D8/Ofsted").DueOn);
    }
}
