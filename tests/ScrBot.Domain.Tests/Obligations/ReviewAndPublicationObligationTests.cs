using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using static ScrBot.Domain.Tests.Obligations.CaseFacts;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>D9 (complete the SCR), D10 (the report to the National Panel) and D11 (the report on the website).</summary>
public sealed class ReviewAndPublicationObligationTests
{
    private static readonly CaseReferred Case = Referred(D(2026, 2, 2), D(2026, 2, 2));

    /// <summary>The decision to initiate the review: the Independent Chair's decision to hold one.</summary>
    private static ChairDecided Initiated(DateOnly on, RecommendationOption option = RecommendationOption.FormalSeriousCaseReview) =>
        new(ChairDecisionKind.Uphold, option, "The criteria are met.", []) { At = On(on), By = Chair };

    private static ReviewCompleted Completed(DateOnly on) => new(on) { At = On(on), By = Manager };

    private static ReviewDelayAgreed Delayed(DateOnly on, DateOnly newTarget) =>
        new("Parallel criminal proceedings", "Letter from the SIO", newTarget) { At = On(on), By = Manager };

    private static PublicationPlanned Planned(DateOnly on, DateOnly publication) => new(publication) { At = On(on), By = Manager };

    private static ReportSentToNationalPanel SentToPanel(DateOnly on) => new(on) { At = On(on), By = Manager };

    private static ReportPublished Published(DateOnly on) => new(on, "https://example.org/scr") { At = On(on), By = Manager };

    private static ReportRemovedFromWebsite Removed(DateOnly on) => new(on) { At = On(on), By = Manager };

    [Fact]
    public void AnSCRInitiatedOn31AugustIsDueForCompletionSixMonthsLaterOnTheLastDayOfFebruary()
    {
        var facts = new CaseEvent[] { Case, Initiated(D(2026, 8, 31)) };

        var d9 = Derive(facts, D(2026, 9, 1)).The("D9");

        Assert.Equal("Complete the SCR", d9.Title);
        Assert.Equal("6 months from the decision to initiate the SCR", d9.Rule);
        Assert.Equal(D(2026, 8, 31), d9.StartsOn);
        Assert.Equal(D(2027, 2, 28), d9.DueOn);
        Assert.Equal(ObligationStatus.Open, d9.Status);
    }

    [Fact]
    public void WithTheFourMonthTargetOfThe2006LeafletAnSCRIsDueFourMonthsFromInitiation()
    {
        // Initiated Monday 15 June 2026: due Thursday 15 October 2026 instead of Tuesday 15 December 2026.
        var fourMonths = ProcessProfile.Toolkit with { ReviewCompletion = ReviewCompletionTarget.FourMonths };
        var facts = new CaseEvent[] { Case, Initiated(D(2026, 6, 15)), Completed(D(2026, 11, 20)) };

        var d9 = Derive(facts, D(2026, 11, 20), fourMonths).The("D9");

        Assert.Equal(D(2026, 10, 15), d9.DueOn);
        Assert.Equal("4 months from the decision to initiate the SCR (the board's setting, after the 2006 leaflet)", d9.Rule);
        Assert.Equal(ObligationStatus.Met, d9.Status);
        Assert.True(d9.MetLate);
        Assert.Equal(36, d9.DaysLate);
        Assert.Equal(D(2026, 12, 15), Derive(facts, D(2026, 11, 20)).The("D9").DueOn);
        Assert.False(Derive(facts, D(2026, 11, 20)).The("D9").MetLate);
    }

    [Fact]
    public void AnAgreedDelayMovesTheCompletionDateAndRecordsTheOriginalTarget()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Initiated(D(2026, 6, 15)),
            Delayed(D(2026, 11, 2), newTarget: D(2027, 3, 31)),
        };

        var d9 = Derive(facts, D(2027, 1, 4)).The("D9");

        Assert.Equal(D(2027, 3, 31), d9.DueOn);
        Assert.Equal(ObligationStatus.Open, d9.Status);
        Assert.Equal("6 months from the decision to initiate the SCR, moved to Wednesday 31 March 2027 by an agreed delay", d9.Rule);
        Assert.Equal("The target was Tuesday 15 December 2026 before the delay was agreed.", d9.Note);
        Assert.DoesNotContain("criminal", d9.Rule, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void TheReviewClockRunsFromTheDecisionToInitiateNotFromALaterTypedStartDate()
    {
        // Decided Monday 30 March 2026; the Board Manager records the review as started on Monday 20 April: the target
        // stays Friday 30 September 2026, six months from the decision.
        var facts = new CaseEvent[]
        {
            Case,
            Initiated(D(2026, 3, 30)),
            new ReviewInitiated(D(2026, 4, 20)) { At = On(2026, 4, 20), By = Manager },
        };

        var d9 = Derive(facts, D(2026, 4, 21)).The("D9");

        Assert.Equal(D(2026, 3, 30), d9.StartsOn);
        Assert.Equal(D(2026, 9, 30), d9.DueOn);
    }

    [Fact]
    public void AMultiAgencyLearningReviewIsCalledByItsOwnNameAndADelayWithARestrictedScopeMovesItsTarget()
    {
        // Decided Monday 1 June 2026: due Tuesday 1 December 2026; a delay agreed with the SIO and the CPS, with the
        // scope restricted, moves it to Friday 26 February 2027.
        var facts = new CaseEvent[]
        {
            Case,
            Initiated(D(2026, 6, 1), RecommendationOption.MultiAgencyLearningReview),
            new ReviewDelayAgreed("Trial listed for January", "Letter from the CPS", D(2027, 2, 26), "The police interviews are left out") { At = On(2026, 10, 5), By = Manager },
        };

        var before = Derive(facts.Take(2), D(2026, 6, 2)).The("D9");
        var after = Derive(facts, D(2026, 10, 6)).The("D9");

        Assert.Equal("Complete the multi-agency learning review", before.Title);
        Assert.Equal(D(2026, 12, 1), before.DueOn);
        Assert.Equal(D(2027, 2, 26), after.DueOn);
        Assert.Equal("6 months from the decision to initiate the multi-agency learning review, moved to Friday 26 February 2027 by an agreed delay and restriction of scope", after.Rule);
        Assert.DoesNotContain("SCR", after.Title, StringComparison.Ordinal);
    }

    [Fact]
    public void ADelayTheIndependentChairRefusesLeavesTheTargetWhereItWasAndOneSheAgreesMovesIt()
    {
        // Decided Monday 15 June 2026: due Tuesday 15 December 2026. The reviewer, the SIO and the CPS cannot agree a
        // delay to 31 March 2027; the Chair first refuses one, then agrees another to Friday 26 February 2027.
        var referred = new ReviewDelayReferredToChair("Y1", "Trial listed", "Letter from the CPS", D(2027, 3, 31), null, DelayNotAgreedBy.SeniorInvestigatingOfficer, "The SIO wants it finished first.") { At = On(2026, 10, 1), By = Manager };
        var refused = new ReviewDelayDecided("Y1", false, null, "The review goes ahead.") { At = On(2026, 10, 2), By = Chair };
        var facts = new CaseEvent[] { Case, Initiated(D(2026, 6, 15)), referred, refused };

        Assert.Equal(D(2026, 12, 15), Derive(facts, D(2026, 10, 3)).The("D9").DueOn);

        CaseEvent[] agreed =
        [
            .. facts,
            referred with { RequestId = "Y2", At = On(2026, 11, 2) },
            new ReviewDelayDecided("Y2", true, D(2027, 2, 26), "The trial would be prejudiced.") { At = On(2026, 11, 3), By = Chair },
            new ReviewDelayAgreed("Trial listed", "Letter from the CPS", D(2027, 2, 26), null, DecidedByChair: true) { At = On(2026, 11, 3), By = Chair },
        ];
        var d9 = Derive(agreed, D(2026, 11, 4)).The("D9");
        Assert.Equal(D(2027, 2, 26), d9.DueOn);
        Assert.Equal("The target was Tuesday 15 December 2026 before the delay was agreed.", d9.Note);
    }

    [Fact]
    public void EachAgencysReportIsDueByTheDateAgreedAndALaterDateMovesIt()
    {
        // Agreed Monday 4 May 2026: the police by Friday 29 May, health by Friday 5 June. The police date moves to
        // Friday 12 June before their report arrives; health's arrives on Monday 8 June, late.
        var police = new Boards.AgencyId("police");
        var health = new Boards.AgencyId("health");
        var facts = new CaseEvent[]
        {
            Case,
            Initiated(D(2026, 4, 1)),
            new AgencyReportDatesAgreed([new(police, D(2026, 5, 29)), new(health, D(2026, 6, 5))]) { At = On(2026, 5, 4), By = Manager },
            new AgencyReportDatesAgreed([new(police, D(2026, 6, 12))]) { At = On(2026, 5, 20), By = Manager },
            new AgencyReportReceived(health, D(2026, 6, 8)) { At = On(2026, 6, 8), By = Manager },
        };

        var obligations = Derive(facts, D(2026, 6, 9));
        var p = obligations.The("D9/report/police");
        var h = obligations.The("D9/report/health");

        Assert.Equal(ObligationCode.D9, p.Code);
        Assert.Equal("Send the agency's chronology and report for the review by the date agreed", p.Title);
        Assert.Equal(Boards.Role.AgencyRepresentative, p.OwnerRole);
        Assert.Equal(police, p.OwnerAgency);
        Assert.Equal(D(2026, 5, 4), p.StartsOn);
        Assert.Equal(D(2026, 6, 12), p.DueOn);
        Assert.Equal("by the date agreed for the agency's report, Friday 12 June 2026", p.Rule);
        Assert.Equal(ObligationStatus.Open, p.Status);
        Assert.Equal(ObligationStatus.Met, h.Status);
        Assert.True(h.MetLate);
        Assert.Equal(ObligationStatus.Overdue, Derive(facts, D(2026, 6, 15)).The("D9/report/police").Status);
        Assert.Equal(D(2026, 10, 1), obligations.The("D9").DueOn);
    }

    [Fact]
    public void TheReportIsDueAtTheNationalPanelAWeekBeforePublicationCountedBackInCalendarDaysOverAWeekendAndABankHoliday()
    {
        // Publication planned for Tuesday 26 May 2026. A week before is Tuesday 19 May: the weekend of 23–24 May and
        // the spring bank holiday on Monday 25 May are counted like any other day.
        var planned = new CaseEvent[] { Case, Planned(D(2026, 5, 1), publication: D(2026, 5, 26)) };

        var open = Derive(planned, D(2026, 5, 1)).The("D10");
        var onTime = Derive([.. planned, SentToPanel(D(2026, 5, 19))], D(2026, 5, 19)).The("D10");
        var late = Derive([.. planned, SentToPanel(D(2026, 5, 20))], D(2026, 5, 20)).The("D10");

        Assert.Equal("Send the report to the National Panel at least one week before publication", open.Title);
        Assert.Equal("at least 1 week before the planned publication date, Tuesday 26 May 2026", open.Rule);
        Assert.Equal(D(2026, 5, 19), open.DueOn);
        Assert.Equal(ObligationStatus.Met, onTime.Status);
        Assert.False(onTime.MetLate);
        Assert.Equal(ObligationStatus.Met, late.Status);
        Assert.True(late.MetLate);
    }

    [Fact]
    public void AReportForAMondayPublicationIsDueTheMondayBefore()
    {
        var facts = new CaseEvent[] { Case, Planned(D(2026, 5, 1), publication: D(2026, 6, 15)) };

        Assert.Equal(D(2026, 6, 8), Derive(facts, D(2026, 5, 1)).The("D10").DueOn);
    }

    [Fact]
    public void APublicationDateMovedLaterMovesTheDateTheReportIsDueAtTheNationalPanel()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Planned(D(2026, 5, 1), publication: D(2026, 5, 26)),
            Planned(D(2026, 5, 15), publication: D(2026, 6, 30)),
        };

        var d10 = Derive(facts, D(2026, 5, 20)).The("D10");

        Assert.Equal(D(2026, 6, 23), d10.DueOn);
        Assert.Equal(ObligationStatus.Open, d10.Status);
    }

    [Fact]
    public void ADecisionNotToPublishOwesTheNationalPanelNoReportBeforePublication()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Planned(D(2026, 5, 1), publication: D(2026, 5, 26)),
            new DecidedNotToPublish("Advice of the National Panel") { At = On(2026, 5, 10), By = Chair },
        };

        Assert.Empty(Derive(facts, D(2026, 6, 1)).Coded(ObligationCode.D10));
    }

    [Fact]
    public void APublishedReportStaysOnTheWebsiteForTwelveMonthsAndTheObligationIsMetOnTheDayTheyAreUp()
    {
        // Published Wednesday 15 July 2026: open until Thursday 15 July 2027, met on that day.
        var facts = new CaseEvent[] { Case, Published(D(2026, 7, 15)) };

        var dayBefore = Derive(facts, D(2027, 7, 14)).The("D11");
        var dayOf = Derive(facts, D(2027, 7, 15)).The("D11");

        Assert.Equal("Keep the report on the board's website for at least 12 months", dayBefore.Title);
        Assert.Equal("at least 12 months from publication", dayBefore.Rule);
        Assert.Equal(D(2027, 7, 15), dayBefore.DueOn);
        Assert.Equal(ObligationStatus.Open, dayBefore.Status);
        Assert.Equal(ObligationStatus.Met, dayOf.Status);
        Assert.Equal(D(2027, 7, 15), dayOf.MetOn);
        Assert.False(dayOf.MetLate);
    }

    [Fact]
    public void AReportTakenOffTheWebsiteBeforeTwelveMonthsBreachesTheObligation()
    {
        var facts = new CaseEvent[] { Case, Published(D(2026, 7, 15)), Removed(D(2027, 3, 1)) };

        var d11 = Derive(facts, D(2027, 3, 2)).The("D11");

        Assert.Equal(ObligationStatus.Overdue, d11.Status);
        Assert.Null(d11.MetOn);
        Assert.Equal("Taken off the website on Monday 1 March 2027, before the 12 months were up.", d11.Note);
        Assert.Equal(ObligationStatus.Overdue, Derive(facts, D(2028, 1, 1)).The("D11").Status);
    }

    [Fact]
    public void AReportTakenOffTheWebsiteAfterTwelveMonthsHasMetTheObligation()
    {
        var facts = new CaseEvent[] { Case, Published(D(2026, 7, 15)), Removed(D(2027, 8, 1)) };

        var d11 = Derive(facts, D(2027, 8, 2)).The("D11");

        Assert.Equal(ObligationStatus.Met, d11.Status);
        Assert.Equal(D(2027, 7, 15), d11.MetOn);
    }

    [Fact]
    public void AReportPutBackOnTheWebsiteAfterComingOffEarlyStartsAFreshTwelveMonths()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Published(D(2026, 7, 15)),
            Removed(D(2027, 3, 1)),
            Published(D(2027, 3, 8)),
        };

        var obligations = Derive(facts, D(2027, 3, 9));

        Assert.Equal(ObligationStatus.Overdue, obligations.The("D11").Status);
        Assert.Equal(D(2028, 3, 8), obligations.The("D11/2").DueOn);
        Assert.Equal(ObligationStatus.Open, obligations.The("D11/2").Status);
    }
}
