using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class CaseAccessTests
{
    [Fact]
    public void TheLeadBoardsChairsAndManagerHaveARoleOnEveryCaseOfTheBoard()
    {
        var state = CaseStory.Referred().State;

        Assert.True(CaseAccess.HasRoleOnCase(state, Manager.Id, TwoBoards));
        Assert.True(CaseAccess.HasRoleOnCase(state, IndependentChair.Id, TwoBoards));
        Assert.True(CaseAccess.HasRoleOnCase(state, SubgroupChair.Id, TwoBoards));
        Assert.True(CaseAccess.HasRoleOnCase(state, ViceChair.Id, TwoBoards));
    }

    [Fact]
    public void TheReferrerHasARoleOnTheCase()
    {
        Assert.True(CaseAccess.HasRoleOnCase(CaseStory.Referred().State, Referrer.Id, TwoBoards));
    }

    [Fact]
    public void AnAgencyRepresentativeHasNoRoleUntilTheirAgencyIsInvolved()
    {
        var story = CaseStory.PreparingPanel();
        Assert.False(CaseAccess.HasRoleOnCase(story.State, PoliceRep.Id, TwoBoards));

        story.Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]));
        Assert.False(CaseAccess.HasRoleOnCase(story.State, PoliceRep.Id, TwoBoards));

        story.Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 20)));
        Assert.True(CaseAccess.HasRoleOnCase(story.State, PoliceRep.Id, TwoBoards));
        Assert.Equal([Role.AgencyRepresentative], CaseAccess.RolesOnCase(story.State, PoliceRep.Id, TwoBoards));
    }

    [Fact]
    public void ACooperatingBoardsManagerAndAStrangerHaveNoRole()
    {
        var state = CaseStory.Referred().State;

        Assert.False(CaseAccess.HasRoleOnCase(state, StokeManager.Id, TwoBoards));
        Assert.False(CaseAccess.HasRoleOnCase(state, Stranger.Id, TwoBoards));
    }

    [Fact]
    public void InvitedExpertsAndTheMinuteTakerHaveARoleOnTheCase()
    {
        var state = CaseStory.ReadyForPanel().State;

        Assert.True(CaseAccess.HasRoleOnCase(state, Sio.Id, Role.PanelMember, TwoBoards));
        Assert.True(CaseAccess.HasRoleOnCase(state, MinuteTaker.Id, Role.MinuteTaker, TwoBoards));
    }

    [Fact]
    public void ARemovedRoleNoLongerGivesAccess()
    {
        var story = CaseStory.ReadyForPanel().Do(Manager, (s, c) => CaseCommands.RemoveCaseRole(s, c, MinuteTaker.Id, Role.MinuteTaker));

        Assert.False(CaseAccess.HasRoleOnCase(story.State, MinuteTaker.Id, TwoBoards));
    }

    [Fact]
    public void TheBoardManagerGivesAnEducationSafeguardingOfficerARole()
    {
        var officer = new Actor(new PersonId("aad-eso"), "Esme Officer");
        var story = CaseStory.PreparingPanel().Do(Manager, (s, c) => CaseCommands.AssignCaseRole(s, c, officer, Role.EducationSafeguardingOfficer, Education));

        Assert.True(CaseAccess.HasRoleOnCase(story.State, officer.Id, TwoBoards));
    }

    [Fact]
    public void BoardWideRolesAreNotGivenOnOneCase()
    {
        var outcome = CaseStory.Referred().Try(Manager, (s, c) => CaseCommands.AssignCaseRole(s, c, Stranger, Role.IndependentChair, null));

        Assert.Equal("The Independent Chair holds that role on every case of the board through the board's directory; it is not given on one case.", outcome.Explanation);
    }

    [Fact]
    public void PeopleOnTheCaseListsEveryoneWhoMaySeeTheChildsDetails()
    {
        var people = CaseAccess.PeopleOnCase(CaseStory.Referred().State, TwoBoards);

        Assert.Equal([Manager.Id, IndependentChair.Id, SubgroupChair.Id, ViceChair.Id, Referrer.Id], people);
    }
}
