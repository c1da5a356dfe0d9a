using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Referral;
using static ScrBot.Domain.Tests.Obligations.CaseFacts;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>D1 (notify Ofsted and the board of a notifiable incident) and D2 (inform the Chairs).</summary>
public sealed class NotificationObligationTests
{
    private static NotifiableIncidentReported Reported(DateOnly on) => new(on) { At = On(on), By = Manager };

    [Fact]
    public void FiveWorkingDaysToNotifyOfstedRunAcrossChristmasAndNewYearWithTheirSubstituteDays()
    {
        // Aware Thursday 23 December 2021. Christmas (Saturday) and Boxing Day (Sunday) are kept on Monday 27 and
        // Tuesday 28 December; New Year's Day (Saturday) on Monday 3 January 2022. Working days: Fri 24, Wed 29,
        // Thu 30, Fri 31 December, Tue 4 January.
        var facts = new CaseEvent[] { Referred(D(2021, 12, 24), agencyBecameAware: D(2021, 12, 23)) };

        var d1 = Derive(facts, today: D(2021, 12, 24)).The("D1");

        Assert.Equal(ObligationCode.D1, d1.Code);
        Assert.Equal("Notify Ofsted and the board of a notifiable incident", d1.Title);
        Assert.Equal("5 working days from children's social care becoming aware of the incident", d1.Rule);
        Assert.Equal("Ofsted and the board", d1.OwedTo);
        Assert.Equal(D(2021, 12, 23), d1.StartsOn);
        Assert.Equal(D(2022, 1, 4), d1.DueOn);
        Assert.Equal(ObligationStatus.Open, d1.Status);
    }

    [Fact]
    public void WhenThePoliceReferWithoutSayingWhenChildrensSocialCareKnewTheFiveDaysRunFromTheReferralNotThePolicesAwareness()
    {
        var referred = Referred(D(2026, 3, 9), agencyBecameAware: D(2026, 3, 2));
        var byPolice = referred with
        {
            Form = referred.Form with
            {
                Referrer = referred.Form.Referrer with { Agency = Police },
                Incident = referred.Form.Incident with { DateChildrensSocialCareAware = null },
            },
        };

        var d1 = Derive([byPolice], D(2026, 3, 9)).The("D1");

        Assert.Equal(D(2026, 3, 9), d1.StartsOn);
        Assert.Equal(D(2026, 3, 16), d1.DueOn);
        Assert.StartsWith("5 working days from children's social care becoming aware of the incident (the day the referral was received", d1.Rule, StringComparison.Ordinal);
    }

    [Fact]
    public void WhenThePoliceReferTheFiveDaysRunFromTheDayChildrensSocialCareBecameAware()
    {
        var referred = Referred(D(2026, 3, 9), agencyBecameAware: D(2026, 3, 2));
        var byPolice = referred with
        {
            Form = referred.Form with
            {
                Referrer = referred.Form.Referrer with { Agency = Police },
                Incident = referred.Form.Incident with { DateChildrensSocialCareAware = D(2026, 3, 4) },
            },
        };

        var d1 = Derive([byPolice], D(2026, 3, 9)).The("D1");

        Assert.Equal(D(2026, 3, 4), d1.StartsOn);
        Assert.Equal(D(2026, 3, 11), d1.DueOn);
    }

    [Fact]
    public void FiveWorkingDaysToNotifyOfstedSkipGoodFridayAndEasterMonday()
    {
        // Aware Wednesday 1 April 2026; Good Friday 3 April and Easter Monday 6 April are not working days.
        var facts = new CaseEvent[] { Referred(D(2026, 4, 1), agencyBecameAware: D(2026, 4, 1)) };

        Assert.Equal(D(2026, 4, 10), Derive(facts, D(2026, 4, 1)).The("D1").DueOn);
    }

    [Fact]
    public void FiveWorkingDaysToNotifyOfstedSkipThePlatinumJubileeBankHolidays()
    {
        // Aware Wednesday 1 June 2022: Thursday 2 and Friday 3 June 2022 were bank holidays (and Monday 30 May was not).
        var facts = new CaseEvent[] { Referred(D(2022, 6, 1), agencyBecameAware: D(2022, 6, 1)) };

        Assert.Equal(D(2022, 6, 10), Derive(facts, D(2022, 6, 1)).The("D1").DueOn);
    }

    [Fact]
    public void FiveWorkingDaysToNotifyOfstedSkipTheStateFuneralOfQueenElizabeth()
    {
        // Aware Thursday 15 September 2022: Monday 19 September 2022 was a bank holiday.
        var facts = new CaseEvent[] { Referred(D(2022, 9, 15), agencyBecameAware: D(2022, 9, 15)) };

        Assert.Equal(D(2022, 9, 23), Derive(facts, D(2022, 9, 15)).The("D1").DueOn);
    }

    [Fact]
    public void ANotificationMadeOnTheFifthWorkingDayIsMetInTime()
    {
        var facts = new CaseEvent[] { Referred(D(2021, 12, 24), D(2021, 12, 23)), Reported(D(2022, 1, 4)) };

        var d1 = Derive(facts, D(2022, 1, 10)).The("D1");

        Assert.Equal(ObligationStatus.Met, d1.Status);
        Assert.Equal(D(2022, 1, 4), d1.MetOn);
        Assert.False(d1.MetLate);
        Assert.Equal("Met on Tuesday 4 January 2022", d1.StatusText());
    }

    [Fact]
    public void ANotificationMadeTheDayAfterTheFifthWorkingDayIsMetLate()
    {
        var facts = new CaseEvent[] { Referred(D(2021, 12, 24), D(2021, 12, 23)), Reported(D(2022, 1, 5)) };

        var d1 = Derive(facts, D(2022, 1, 10)).The("D1");

        Assert.Equal(ObligationStatus.Met, d1.Status);
        Assert.True(d1.MetLate);
        Assert.Equal(1, d1.DaysLate);
        Assert.Equal("Met late on Wednesday 5 January 2022 (1 day after the due date, Tuesday 4 January 2022)", d1.StatusText());
    }

    [Fact]
    public void AnOverdueNotificationToOfstedBecomesMetWhenChildrensSocialCareReportsIt()
    {
        // Aware Monday 2 March 2026: due Monday 9 March. On Tuesday 10 March nothing has been reported.
        var referral = Referred(D(2026, 3, 2), D(2026, 3, 2));

        var before = Derive([referral], D(2026, 3, 10)).The("D1");
        var after = Derive([referral, Reported(D(2026, 3, 11))], D(2026, 3, 11)).The("D1");

        Assert.Equal(D(2026, 3, 9), before.DueOn);
        Assert.Equal(ObligationStatus.Overdue, before.Status);
        Assert.Equal("Overdue: it was due Monday 9 March 2026", before.StatusText());
        Assert.Equal(ObligationStatus.Met, after.Status);
        Assert.Equal(D(2026, 3, 11), after.MetOn);
        Assert.Equal(2, after.DaysLate);
    }

    [Fact]
    public void OnTheDueDateItselfAnUnmetNotificationIsStillOpen()
    {
        var facts = new CaseEvent[] { Referred(D(2026, 3, 2), D(2026, 3, 2)) };

        Assert.Equal(ObligationStatus.Open, Derive(facts, D(2026, 3, 9)).The("D1").Status);
        Assert.Equal(ObligationStatus.Overdue, Derive(facts, D(2026, 3, 10)).The("D1").Status);
    }

    [Fact]
    public void ADeathWithoutSuspectedAbuseOrNeglectIsNotANotifiableIncident()
    {
        var facts = new CaseEvent[] { Referred(D(2026, 3, 2), D(2026, 3, 2), IncidentKind.Died, AbuseOrNeglect.NotSuspected) };

        var obligations = Derive(facts, D(2026, 3, 2));

        Assert.Empty(obligations.Coded(ObligationCode.D1));
        Assert.Single(obligations.Coded(ObligationCode.D2));
    }

    [Fact]
    public void ALookedAfterChildsDeathIsNotifiableWhetherOrNotAbuseOrNeglectIsSuspected()
    {
        var facts = new CaseEvent[] { Referred(D(2026, 3, 2), D(2026, 3, 2), IncidentKind.Died, AbuseOrNeglect.NotSuspected, lookedAfter: true) };

        Assert.Single(Derive(facts, D(2026, 3, 2)).Coded(ObligationCode.D1));
    }

    [Fact]
    public void AnIncidentChildrensSocialCareReportedToOfstedIsHeldToTheFiveWorkingDaysEvenIfTheFormDoesNotShowIt()
    {
        var facts = new CaseEvent[]
        {
            Referred(D(2026, 3, 2), D(2026, 3, 2), IncidentKind.Other, AbuseOrNeglect.Suspected),
            Reported(D(2026, 3, 4)),
        };

        var d1 = Derive(facts, D(2026, 3, 4)).The("D1");

        Assert.Equal(ObligationStatus.Met, d1.Status);
        Assert.Equal(D(2026, 3, 9), d1.DueOn);
    }

    [Fact]
    public void TheChairsAreToBeInformedByTheNextWorkingDayAfterAReferralReceivedOnAFriday()
    {
        // Received Friday 6 March 2026 at four in the afternoon: promptly (1 working day) is Monday 9 March.
        var referral = Referred(LondonTime.ToInstant(D(2026, 3, 6), new TimeOnly(16, 0)), D(2026, 3, 5));
        var informed = new ChairsInformed([Chair]) { At = On(2026, 3, 9), By = Manager };

        var open = Derive([referral], D(2026, 3, 6)).The("D2");
        var met = Derive([referral, informed], D(2026, 3, 9)).The("D2");

        Assert.Equal("Inform the Independent Chair and the Sub-group Chair of the notification", open.Title);
        Assert.Equal(Role.BoardManager, open.OwnerRole);
        Assert.Equal("promptly: 1 working day from receiving the notification (the board's setting)", open.Rule);
        Assert.Equal(D(2026, 3, 6), open.StartsOn);
        Assert.Equal(D(2026, 3, 9), open.DueOn);
        Assert.Equal(ObligationStatus.Open, open.Status);
        Assert.Equal(ObligationStatus.Met, met.Status);
        Assert.False(met.MetLate);
    }

    [Fact]
    public void AReferralReceivedJustAfterMidnightInSummerCountsFromItsLondonDate()
    {
        // 23:30 UTC on Tuesday 30 June 2026 is 00:30 on Wednesday 1 July in London (BST).
        var referral = Referred(new DateTimeOffset(2026, 6, 30, 23, 30, 0, TimeSpan.Zero), D(2026, 6, 30));

        var d2 = Derive([referral], D(2026, 7, 1)).The("D2");

        Assert.Equal(D(2026, 7, 1), d2.StartsOn);
        Assert.Equal(D(2026, 7, 2), d2.DueOn);
    }

    [Fact]
    public void ABoardsOwnClosureDayIsNotAWorkingDayForTellingTheChairs()
    {
        // Received Wednesday 23 December 2026. Christmas Day is Friday 25, Boxing Day is kept on Monday 28.
        // The board's office is also closed on Thursday 24 December: the next working day is Tuesday 29 December.
        var referral = Referred(D(2026, 12, 23), D(2026, 12, 22));
        var closedChristmasEve = ProcessProfile.Toolkit with { Closures = [new Closure(D(2026, 12, 24), "Office closed")] };

        Assert.Equal(D(2026, 12, 24), Derive([referral], D(2026, 12, 23)).The("D2").DueOn);
        Assert.Equal(D(2026, 12, 29), Derive([referral], D(2026, 12, 23), closedChristmasEve).The("D2").DueOn);
    }

    [Fact]
    public void ABoardCanRequireTheChairsToBeInformedTheSameDay()
    {
        var referral = Referred(D(2026, 3, 6), D(2026, 3, 5));
        var sameDay = ProcessProfile.Toolkit with { InformChairsWorkingDays = 0 };

        var d2 = Derive([referral], D(2026, 3, 7), sameDay).The("D2");

        Assert.Equal(D(2026, 3, 6), d2.DueOn);
        Assert.Equal(ObligationStatus.Overdue, d2.Status);
        Assert.Equal("promptly: the day the notification is received (the board's setting)", d2.Rule);
    }

    [Fact]
    public void TheBoardManagerGivenTheRoleOnTheCaseIsNamedAsOwingTheChairsTheNotification()
    {
        var facts = new CaseEvent[]
        {
            Referred(D(2026, 3, 6), D(2026, 3, 5)),
            new CaseRoleAssigned(Manager, Role.BoardManager, null) { At = On(2026, 3, 6), By = Manager },
        };

        Assert.Equal(Manager, Derive(facts, D(2026, 3, 6)).The("D2").OwnerPerson);
    }
}
