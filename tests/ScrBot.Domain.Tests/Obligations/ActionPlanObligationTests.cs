using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using static ScrBot.Domain.Tests.Obligations.CaseFacts;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>D12: an update on every open action-plan recommendation by the next sub-group meeting.</summary>
public sealed class ActionPlanObligationTests
{
    private static readonly CaseReferred Case = Referred(D(2026, 2, 2), D(2026, 2, 2));

    private static ActionPlanRecommendationAdded Action(string id, AgencyId owner) =>
        new(id, "A SMART recommendation", owner, D(2027, 3, 31)) { At = On(2026, 9, 1), By = Manager };

    private static SubgroupMeetingHeld Meeting(DateOnly on, DateOnly? next) => new(on, next) { At = On(on), By = Manager };

    private static ActionUpdateReported Update(string id, AgencyId agency, DateOnly on, bool completed = false) =>
        new(id, agency, "Progress so far", completed) { At = On(on), By = Manager };

    [Fact]
    public void EachOwnerAgencyOwesAnUpdateOnEachOpenActionByTheNextSubgroupMeeting()
    {
        // Meeting Thursday 10 September 2026; next Thursday 8 October. Police reported on 1 October; health did not;
        // education's action was completed before the meeting and owes nothing more.
        var facts = new CaseEvent[]
        {
            Case,
            Action("A1", Police),
            Action("A2", Health),
            Action("A3", Education),
            Update("A3", Education, D(2026, 9, 3), completed: true),
            Meeting(D(2026, 9, 10), next: D(2026, 10, 8)),
            Update("A1", Police, D(2026, 10, 1)),
        };

        var d12 = Derive(facts, D(2026, 10, 9)).Coded(ObligationCode.D12);
        var police = d12.Single(o => o.OwnerAgency == Police);
        var health = d12.Single(o => o.OwnerAgency == Health);

        Assert.Equal(2, d12.Count);
        Assert.Equal("D12/A1/2026-09-10", police.Key);
        Assert.Equal("Give an update on progress against the action plan recommendation at the next sub-group meeting", police.Title);
        Assert.Equal("by the next sub-group meeting, Thursday 8 October 2026", police.Rule);
        Assert.Equal(Role.AgencyRepresentative, police.OwnerRole);
        Assert.Equal(D(2026, 9, 10), police.StartsOn);
        Assert.Equal(D(2026, 10, 8), police.DueOn);
        Assert.Equal(ObligationStatus.Met, police.Status);
        Assert.Equal(D(2026, 10, 1), police.MetOn);
        Assert.Equal(ObligationStatus.Overdue, health.Status);
    }

    [Fact]
    public void AnUpdateGivenBeforeTheMeetingDoesNotCountForTheRoundAfterIt()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Action("A1", Police),
            Update("A1", Police, D(2026, 9, 9)),
            Meeting(D(2026, 9, 10), next: D(2026, 10, 8)),
        };

        Assert.Equal(ObligationStatus.Open, Derive(facts, D(2026, 9, 11)).The("D12/A1/2026-09-10").Status);
    }

    [Fact]
    public void EverySubgroupMeetingAsksAgainForUpdatesUntilTheActionIsCompleted()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Action("A1", Police),
            Meeting(D(2026, 9, 10), next: D(2026, 10, 8)),
            Update("A1", Police, D(2026, 10, 7)),
            Meeting(D(2026, 10, 8), next: D(2026, 11, 5)),
            Update("A1", Police, D(2026, 11, 2), completed: true),
            Meeting(D(2026, 11, 5), next: D(2026, 12, 3)),
        };

        var d12 = Derive(facts, D(2026, 11, 6)).Coded(ObligationCode.D12);

        Assert.Equal(["D12/A1/2026-09-10", "D12/A1/2026-10-08"], d12.Select(o => o.Key));
        Assert.All(d12, o => Assert.Equal(ObligationStatus.Met, o.Status));
    }

    [Fact]
    public void AMeetingWithNoNextDateAndAnEndorsedPlanAskForNoFurtherUpdates()
    {
        var facts = new CaseEvent[]
        {
            Case,
            Action("A1", Police),
            Meeting(D(2026, 9, 10), next: null),
            new ActionPlanEndorsed(D(2026, 9, 20)) { At = On(2026, 9, 20), By = Manager },
            Meeting(D(2026, 10, 8), next: D(2026, 11, 5)),
        };

        Assert.Empty(Derive(facts, D(2026, 10, 9)).Coded(ObligationCode.D12));
    }

    [Fact]
    public void AMeetingWithNoNextDateOwesItsUpdateByTheDayTheNextMeetingIsHeld()
    {
        // Meeting Thursday 10 September 2026 sets no next date: nothing is due until the next meeting is recorded, held
        // Tuesday 13 October; the update is then due that day, and none was given.
        var untilNext = new CaseEvent[] { Case, Action("A1", Police), Meeting(D(2026, 9, 10), next: null) };
        var held = untilNext.Append(Meeting(D(2026, 10, 13), next: D(2026, 11, 10))).ToArray();

        Assert.Empty(Derive(untilNext, D(2026, 10, 12)).Coded(ObligationCode.D12));
        var d12 = Derive(held, D(2026, 10, 14)).The("D12/A1/2026-09-10");
        Assert.Equal(D(2026, 10, 13), d12.DueOn);
        Assert.Equal("by the next sub-group meeting, Tuesday 13 October 2026", d12.Rule);
        Assert.Equal(ObligationStatus.Overdue, d12.Status);
        Assert.Equal(D(2026, 11, 10), Derive(held, D(2026, 10, 14)).The("D12/A1/2026-10-13").DueOn);
    }

    [Fact]
    public void TheAgencysRepresentativeOnTheCaseIsNamedAsOwingItsUpdate()
    {
        var facts = new CaseEvent[]
        {
            Case,
            new CaseRoleAssigned(HealthRep, Role.AgencyRepresentative, Health) { At = On(2026, 2, 3), By = Manager },
            new CaseRoleAssigned(PoliceRep, Role.AgencyRepresentative, Police) { At = On(2026, 2, 3), By = Manager },
            Action("A1", Police),
            Meeting(D(2026, 9, 10), next: D(2026, 10, 8)),
        };

        Assert.Equal(PoliceRep, Derive(facts, D(2026, 9, 10)).The("D12/A1/2026-09-10").OwnerPerson);
    }
}
