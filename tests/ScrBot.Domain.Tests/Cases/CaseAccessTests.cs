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
    public void ACooperatingBoardsManagerHasTheirOwnRoleButNotTheLeadBoardManagersAndAStrangerHasNone()
    {
        var story = CaseStory.Referred();

        Assert.Equal([Role.CooperatingBoardManager], CaseAccess.RolesOnCase(story.State, StokeManager.Id, TwoBoards));
        Assert.Contains(StokeManager.Id, CaseAccess.PeopleOnCase(story.State, TwoBoards));
        Assert.False(CaseAccess.HasRoleOnCase(story.State, Stranger.Id, TwoBoards));
        Assert.True(story.Try(StokeManager, CaseCommands.InformChairs).IsRefused);
    }

    [Fact]
    public void ALookedAfterChildsCaseIsLedByTheBoardOfTheResponsibleLocalAuthorityWithTheReferrersBoardCooperating()
    {
        var form = Form() with
        {
            Child = Form().Child with { LookedAfter = true, ResponsibleAuthority = "Stoke-on-Trent City Council", ResponsibleAuthorityBoard = Stoke, HomeBoard = Staffordshire },
            OtherBoardsInvolved = [],
        };

        var state = CaseStory.Referred(form).State;

        Assert.Equal(Stoke, state.LeadBoard);
        Assert.Equal([Staffordshire], state.CooperatingBoards);
        Assert.Contains(Role.BoardManager, CaseAccess.RolesOnCase(state, StokeManager.Id, TwoBoards));
        Assert.Equal([Role.CooperatingBoardManager], CaseAccess.RolesOnCase(state, Manager.Id, TwoBoards));
    }

    [Fact]
    public void AChildsCaseIsLedByTheBoardOfTheirHomeAreaNotTheBoardReferredTo()
    {
        var form = Form() with { Child = Form().Child with { HomeBoard = Stoke }, OtherBoardsInvolved = [] };

        var state = CaseStory.Referred(form).State;

        Assert.Equal(Stoke, state.LeadBoard);
        Assert.Equal([Staffordshire], state.CooperatingBoards);
    }

    [Fact]
    public void TheBoardManagerHandsACaseToAnotherBoardWithAReasonAndTheirBoardCooperates()
    {
        var story = CaseStory.Referred(Form() with { OtherBoardsInvolved = [] });

        Assert.Equal("Give the reason for handing the case to another board.", story.Try(Manager, (s, c) => CaseCommands.HandToBoard(s, c, Stoke, " ")).Explanation);
        Assert.Equal("The case is already led by that board.", story.Try(Manager, (s, c) => CaseCommands.HandToBoard(s, c, Staffordshire, "Why")).Explanation);
        Assert.True(story.Try(StokeManager, (s, c) => CaseCommands.HandToBoard(s, c, Stoke, "The child lives in Stoke.")).IsRefused);
        story.Do(Manager, (s, c) => CaseCommands.HandToBoard(s, c, Stoke, "The child lives in Stoke."));

        Assert.Equal(Stoke, story.State.LeadBoard);
        Assert.Equal([Staffordshire], story.State.CooperatingBoards);
        Assert.Contains(Role.BoardManager, CaseAccess.RolesOnCase(story.State, StokeManager.Id, TwoBoards));
        Assert.Equal([Role.CooperatingBoardManager], CaseAccess.RolesOnCase(story.State, Manager.Id, TwoBoards));
        Assert.Equal("The child lives in Stoke.", story.Facts.OfType<LeadBoardHandedOver>().Single().Reason);
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
    public void PeopleOnTheCaseListsEveryoneWhoMaySeeTheChildsDetailsTheCooperatingBoardsManagerIncluded()
    {
        var people = CaseAccess.PeopleOnCase(CaseStory.Referred().State, TwoBoards);

        Assert.Equal([Manager.Id, IndependentChair.Id, SubgroupChair.Id, ViceChair.Id, Referrer.Id, StokeManager.Id], people);
    }
}
