using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using static ScrBot.Domain.Tests.Obligations.CaseFacts;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>D3 (record checks), D4 (chronologies before the panel) and D5 (minutes within two weeks).</summary>
public sealed class ScopingPanelObligationTests
{
    private static readonly CaseReferred Case = Referred(D(2026, 2, 23), D(2026, 2, 20));

    private static ChildDetailsSentToPartners Sent(DateOnly on, DateOnly checksDueBy, params AgencyId[] partners) =>
        new(partners, checksDueBy) { At = On(on), By = Manager };

    private static RecordCheckReturned Returned(AgencyId agency, DateOnly on) =>
        new(agency, RecordCheckResult.Known, []) { At = On(on), By = Manager };

    private static PanelMemberInvited Invited(Actor member, AgencyId? agency, DateOnly on, PanelCapacity capacity = PanelCapacity.AgencyRepresentative) =>
        new(member, capacity, agency, null) { At = On(on), By = Manager };

    private static ScopingPanelScheduled Scheduled(DateOnly day, DateOnly on) =>
        new(LondonTime.ToInstant(day, new TimeOnly(10, 0)), LondonTime.ToInstant(day, new TimeOnly(13, 0)), "meeting-1") { At = On(on), By = Manager };

    private static ChronologyReceived Chronology(AgencyId agency, DateOnly on) => new(agency) { At = On(on), By = Manager };

    private static ScopingPanelHeld Held(DateOnly on) => new(on, [], []) { At = On(on), By = Manager };

    private static MinutesCirculated Minutes(DateOnly on) => new(on, true) { At = On(on), By = Manager };

    [Fact]
    public void EachBoardPartnerOwesItsRecordChecksAndOneReturnedInTimeLeavesTheOtherOverdue()
    {
        // Sent Monday 2 March 2026 to police and health with the checks agreed by Monday 9 March.
        // Police answered on Friday 6 March; on Tuesday 10 March health has not.
        var facts = new CaseEvent[]
        {
            Case,
            Sent(D(2026, 3, 2), D(2026, 3, 9), Police, Health),
            Returned(Police, D(2026, 3, 6)),
        };

        var obligations = Derive(facts, D(2026, 3, 10));
        var police = obligations.The("D3/police");
        var health = obligations.The("D3/health");

        Assert.Equal(2, obligations.Coded(ObligationCode.D3).Count);
        Assert.Equal(Police, police.OwnerAgency);
        Assert.Equal(Role.AgencyRepresentative, police.OwnerRole);
        Assert.Equal("the Board Manager", police.OwedTo);
        Assert.Equal(D(2026, 3, 2), police.StartsOn);
        Assert.Equal(D(2026, 3, 9), police.DueOn);
        Assert.Equal(ObligationStatus.Met, police.Status);
        Assert.Equal(D(2026, 3, 6), police.MetOn);
        Assert.Equal(Health, health.OwnerAgency);
        Assert.Equal(D(2026, 3, 9), health.DueOn);
        Assert.Equal(ObligationStatus.Overdue, health.Status);
    }

    [Fact]
    public void DetailsSentAgainBeforeAnAgencyAnsweredMoveItsAgreedTime()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Sent(D(2026, 3, 2), D(2026, 3, 9), Police, Health),
            Sent(D(2026, 3, 5), D(2026, 3, 16), Health),
        };

        var health = Derive(facts, D(2026, 3, 10)).The("D3/health");

        Assert.Equal(D(2026, 3, 2), health.StartsOn);
        Assert.Equal(D(2026, 3, 16), health.DueOn);
        Assert.Equal(ObligationStatus.Open, health.Status);
    }

    [Fact]
    public void DetailsSentAgainAfterAnAgencyAnsweredAskItForNewChecks()
    {
        // A significant other not yet identified was found: the details go out again on Tuesday 10 March.
        var facts = new CaseEvent[]
        {
            Case,
            Sent(D(2026, 3, 2), D(2026, 3, 9), Police),
            Returned(Police, D(2026, 3, 6)),
            Sent(D(2026, 3, 10), D(2026, 3, 13), Police),
        };

        var obligations = Derive(facts, D(2026, 3, 16));

        Assert.Equal(ObligationStatus.Met, obligations.The("D3/police").Status);
        Assert.Equal(D(2026, 3, 13), obligations.The("D3/police/2").DueOn);
        Assert.Equal(ObligationStatus.Overdue, obligations.The("D3/police/2").Status);
    }

    [Fact]
    public void EachInvitedAgencyOwesACopyOfItsChronologyByTheDayBeforeThePanelMeets()
    {
        // The panel meets on Monday 16 March 2026: chronologies are due by Sunday 15 March.
        // Police sent theirs on Friday 13 March; health's arrived on the morning of the panel, one day late.
        // An expert invited without an agency owes no chronology.
        var expert = new Actor(new PersonId("aad-expert"), "Eve Expert");
        var facts = new CaseEvent[]
        {
            Case,
            Scheduled(D(2026, 3, 16), on: D(2026, 3, 2)),
            Invited(PoliceRep, Police, D(2026, 3, 3)),
            Invited(HealthRep, Health, D(2026, 3, 3)),
            Invited(expert, null, D(2026, 3, 3), PanelCapacity.Expert),
            Chronology(Police, D(2026, 3, 13)),
            Chronology(Health, D(2026, 3, 16)),
        };

        var obligations = Derive(facts, D(2026, 3, 16));
        var police = obligations.The("D4/police");
        var health = obligations.The("D4/health");

        Assert.Equal(2, obligations.Coded(ObligationCode.D4).Count);
        Assert.Equal("Send a copy of the agency's chronology before the Scoping Panel", police.Title);
        Assert.Equal("before the Scoping Panel meets on Monday 16 March 2026", police.Rule);
        Assert.Equal(PoliceRep, police.OwnerPerson);
        Assert.Equal(D(2026, 3, 3), police.StartsOn);
        Assert.Equal(D(2026, 3, 15), police.DueOn);
        Assert.Equal(ObligationStatus.Met, police.Status);
        Assert.False(police.MetLate);
        Assert.Equal(ObligationStatus.Met, health.Status);
        Assert.True(health.MetLate);
        Assert.Equal(1, health.DaysLate);
    }

    [Fact]
    public void APanelRearrangedForALaterDateMovesTheChronologyDeadline()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Invited(PoliceRep, Police, D(2026, 3, 3)),
            Scheduled(D(2026, 3, 16), on: D(2026, 3, 4)),
            Scheduled(D(2026, 3, 23), on: D(2026, 3, 10)),
        };

        Assert.Equal(D(2026, 3, 22), Derive(facts, D(2026, 3, 17)).The("D4/police").DueOn);
        Assert.Equal(ObligationStatus.Open, Derive(facts, D(2026, 3, 17)).The("D4/police").Status);
    }

    [Fact]
    public void NoChronologyDeadlineIsSetUntilThePanelHasADate()
    {
        var facts = new CaseEvent[] { Case, Invited(PoliceRep, Police, D(2026, 3, 3)) };

        Assert.Empty(Derive(facts, D(2026, 3, 3)).Coded(ObligationCode.D4));
    }

    [Fact]
    public void AReconvenedPanelAsksTheAgenciesInvitedAgainForTheirChronologiesAgain()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Scheduled(D(2026, 3, 16), on: D(2026, 3, 2)),
            Invited(PoliceRep, Police, D(2026, 3, 3)),
            Chronology(Police, D(2026, 3, 12)),
            Held(D(2026, 3, 16)),
            new ScopingPanelReconvened("Health did not bring its information") { At = On(2026, 3, 16), By = Manager },
            Scheduled(D(2026, 4, 13), on: D(2026, 3, 17)),
            Invited(PoliceRep, Police, D(2026, 3, 17)),
        };

        var obligations = Derive(facts, D(2026, 4, 13));

        Assert.Equal(ObligationStatus.Met, obligations.The("D4/police").Status);
        Assert.Equal(D(2026, 4, 12), obligations.The("D4/police/2").DueOn);
        Assert.Equal(ObligationStatus.Overdue, obligations.The("D4/police/2").Status);
    }

    [Fact]
    public void MinutesAreDueAtEveryInvitedAgencyTwoWeeksAfterThePanelIsHeld()
    {
        // Held Thursday 12 March 2026: minutes due Thursday 26 March.
        var held = new CaseEvent[] { Case, Held(D(2026, 3, 12)) };

        var open = Derive(held, D(2026, 3, 12)).The("D5");
        var late = Derive([.. held, Minutes(D(2026, 3, 27))], D(2026, 3, 27)).The("D5");

        Assert.Equal("Circulate the minutes of the Scoping Panel to every invited agency", open.Title);
        Assert.Equal("2 weeks from the Scoping Panel meeting being held", open.Rule);
        Assert.Equal(Role.BoardManager, open.OwnerRole);
        Assert.Equal(D(2026, 3, 26), open.DueOn);
        Assert.Equal(ObligationStatus.Open, open.Status);
        Assert.Equal(ObligationStatus.Met, late.Status);
        Assert.True(late.MetLate);
        Assert.Equal("Met late on Friday 27 March 2026 (1 day after the due date, Thursday 26 March 2026)", late.StatusText());
    }
}
