using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class PreparingScopingPanelTests
{
    [Fact]
    public void ChoosingAgenciesGivesNobodyARoleSendingTheDetailsGivesThePartnersTheirs()
    {
        var story = CaseStory.PreparingPanel().Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police, Health]));

        Assert.Equal([Police, Health], story.State.ChosenAgencies);
        Assert.False(CaseAccess.HasRoleOnCase(story.State, PoliceRep.Id, TwoBoards));

        story.Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 20)));
        Assert.True(CaseAccess.RepresentsAgency(story.State, PoliceRep.Id, Police));
        Assert.True(CaseAccess.RepresentsAgency(story.State, HealthRep.Id, Health));
        Assert.True(CaseAccess.HasRoleOnCase(story.State, PoliceRep.Id, TwoBoards));
        Assert.Contains(story.Facts, f => f is CaseRoleAssigned { Role: Role.AgencyRepresentative } assigned && assigned.Person.Id == PoliceRep.Id);
    }

    [Fact]
    public void AgenciesOfACooperatingBoardCanBeChosen()
    {
        // Stoke cooperates on the sample case; its children's social care has the same id as Staffordshire's.
        var story = CaseStory.PreparingPanel().Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Csc]));

        Assert.Equal([Csc], story.State.ChosenAgencies);
    }

    [Fact]
    public void AnUnknownAgencyCannotBeChosen()
    {
        var outcome = CaseStory.PreparingPanel().Try(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [new AgencyId("xyz")]));

        Assert.Equal("Agency 'xyz' is not one of the agencies of this case's boards.", outcome.Explanation);
    }

    [Fact]
    public void AgenciesAreNotChosenBeforeTheSubgroupConvenesAPanel()
    {
        var outcome = CaseStory.AtSubgroupDecision().Try(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]));

        Assert.Equal("Agencies cannot be chosen before the sub-group has decided to convene a Scoping Panel (the case is at: Sub-group decision).", outcome.Explanation);
    }

    [Fact]
    public void AnAgencyRepresentativeDoesNotChooseTheAgencies()
    {
        var outcome = CaseStory.PreparingPanel().Try(PoliceRep, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]));

        Assert.Equal("Only the Board Manager can choose the agencies to involve.", outcome.Explanation);
    }

    [Fact]
    public void TheChildsDetailsGoToEveryBoardPartnerWithTheAgreedDueDate()
    {
        var story = CaseStory.PreparingPanel()
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)));

        Assert.Equal([Csc, Police, Health, Education], story.State.PartnersSentChildDetails);
        Assert.Equal(new DateOnly(2026, 3, 17), story.State.RecordChecksDueBy);
        Assert.True(CaseAccess.RepresentsAgency(story.State, CscRep.Id, Csc));
        Assert.True(CaseAccess.RepresentsAgency(story.State, HealthRep.Id, Health));
    }

    [Fact]
    public void TheChildsDetailsAreNotSentBeforeTheAgenciesAreChosen()
    {
        var outcome = CaseStory.PreparingPanel().Try(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)));

        Assert.Equal("The child's details cannot be sent to the partners before the agencies to involve have been chosen.", outcome.Explanation);
    }

    [Fact]
    public void TheRecordsChecksMustBeDueAfterToday()
    {
        var outcome = CaseStory.PreparingPanel()
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police]))
            .Try(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, Today));

        Assert.Equal("The date the records checks are due (10 March 2026) must be after today.", outcome.Explanation);
    }

    private static CaseStory DetailsSent() =>
        CaseStory.PreparingPanel()
            .Do(Manager, (s, c) => CaseCommands.ChooseAgencies(s, c, [Police, Health]))
            .Do(Manager, (s, c) => CaseCommands.SendChildDetailsToPartners(s, c, new DateOnly(2026, 3, 17)));

    [Fact]
    public void AnAgencyReturnsItsRecordsCheckWithDiscrepancies()
    {
        var story = DetailsSent().Do(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, RecordCheckResult.Known,
            [new Discrepancy(DiscrepancyKind.DateOfBirth, "Our records give 5 March 2015."), new Discrepancy(DiscrepancyKind.SignificantOtherNotIdentified, "A lodger, Mr D.")]));

        var check = Assert.Single(story.State.RecordChecks);
        Assert.Equal(RecordCheckResult.Known, check.Result);
        Assert.Equal([DiscrepancyKind.DateOfBirth, DiscrepancyKind.SignificantOtherNotIdentified], check.Discrepancies.Select(d => d.Kind));
    }

    [Fact]
    public void ALaterRecordsCheckCorrectsTheEarlierOne()
    {
        var story = DetailsSent()
            .Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, RecordCheckResult.NotKnown, []))
            .Do(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Health, RecordCheckResult.Known, [new Discrepancy(DiscrepancyKind.Address, "Historic paper file at a previous address.")]));

        var check = Assert.Single(story.State.RecordChecks);
        Assert.Equal(RecordCheckResult.Known, check.Result);
    }

    [Fact]
    public void OnlyTheAgencysOwnRepresentativeReturnsItsRecordsCheck()
    {
        var outcome = DetailsSent().Try(HealthRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, RecordCheckResult.NotKnown, []));

        Assert.Equal("Only Staffordshire Police's representative can return this agency's records check.", outcome.Explanation);
    }

    [Fact]
    public void ADiscrepancyNeedsItsDetails()
    {
        var outcome = DetailsSent().Try(PoliceRep, (s, c) => CaseCommands.ReturnRecordCheck(s, c, Police, RecordCheckResult.Known, [new Discrepancy(DiscrepancyKind.Other, "")]));

        Assert.Equal("A description of discrepancy 1 is required.", outcome.Explanation);
    }

    [Fact]
    public void RecordsAreSecuredOncePerAgency()
    {
        var story = DetailsSent().Do(PoliceRep, (s, c) => CaseCommands.SecureRecords(s, c, Police));

        Assert.Equal([Police], story.State.RecordsSecuredBy);
        Assert.Equal("Staffordshire Police has already secured its records on this case.",
            story.Try(Manager, (s, c) => CaseCommands.SecureRecords(s, c, Police)).Explanation);
    }

    [Fact]
    public void ThePanelIsScheduledInTheFuture()
    {
        var outcome = DetailsSent().Try(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, Now.AddHours(-1), Now.AddHours(1), null));

        Assert.Equal("The Scoping Panel must be scheduled for a time that has not yet passed.", outcome.Explanation);
    }

    [Fact]
    public void InvitationsGoOutBeforeThePanelIsScheduledWhichComesNext()
    {
        var story = DetailsSent().Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, PoliceRep, PanelCapacity.AgencyRepresentative, Police, null));

        Assert.Single(story.State.Invitations);
        Assert.Null(story.State.ScheduledPanel);
    }

    [Fact]
    public void AnExpertCanBeInvitedAndGetsThePanelMemberRole()
    {
        var story = DetailsSent()
            .Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart, CaseStory.PanelEnd, null))
            .Do(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, Expert, PanelCapacity.Expert, null, "exa@example.org"));

        var invitation = Assert.Single(story.State.Invitations);
        Assert.Equal(PanelCapacity.Expert, invitation.Capacity);
        Assert.Null(invitation.Attending);
        Assert.True(story.State.HasRole(Expert.Id, Role.PanelMember));
    }

    [Fact]
    public void AnAgencyRepresentativesInvitationNamesTheAgency()
    {
        var outcome = DetailsSent()
            .Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart, CaseStory.PanelEnd, null))
            .Try(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, PoliceRep, PanelCapacity.AgencyRepresentative, null, null));

        Assert.Equal("An agency representative's invitation must say which agency they represent.", outcome.Explanation);
    }

    [Fact]
    public void NobodyIsInvitedTwice()
    {
        var outcome = CaseStory.ReadyForPanel().Try(Manager, (s, c) => CaseCommands.InvitePanelMember(s, c, PoliceRep, PanelCapacity.AgencyRepresentative, Police, null));

        Assert.Equal("Pete Police has already been invited to the Scoping Panel.", outcome.Explanation);
    }

    [Fact]
    public void AnInvitedMemberConfirmsAttendance()
    {
        var story = CaseStory.ReadyForPanel().Do(HealthRep, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: true));

        Assert.True(story.State.InvitationOf(HealthRep.Id)!.Attending);
    }

    [Fact]
    public void SomeoneNotInvitedCannotAnswerAnInvitation()
    {
        var outcome = CaseStory.ReadyForPanel().Try(CscRep, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: true));

        Assert.Equal("Only someone invited to the Scoping Panel can answer an invitation to the Scoping Panel.", outcome.Explanation);
    }

    [Fact]
    public void AnInvitedAgencysChronologyIsReceivedBeforeThePanel()
    {
        var story = CaseStory.ReadyForPanel().Do(PoliceRep, (s, c) => CaseCommands.ReceiveChronology(s, c, Police));

        Assert.Equal([Police], story.State.ChronologiesReceived);
    }

    [Fact]
    public void NoChronologyIsExpectedFromAnAgencyThatWasNotInvited()
    {
        var outcome = CaseStory.ReadyForPanel().Try(Manager, (s, c) => CaseCommands.ReceiveChronology(s, c, Csc));

        Assert.Equal("Children's Social Care has not been invited to the Scoping Panel, so no chronology is expected from it.", outcome.Explanation);
    }

    [Fact]
    public void TheSubgroupChairChairsTheScopingPanel()
    {
        var story = DetailsSent().Do(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, SubgroupChair, null));

        Assert.Equal(SubgroupChair, story.State.PanelChair);
        Assert.False(story.State.PanelChairIsViceChair);
    }

    [Fact]
    public void TheSubgroupChairCannotChairAfterDeclaringDirectInvolvement()
    {
        var outcome = DetailsSent().Try(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, SubgroupChair, "Was the child's paediatrician in 2019."));

        Assert.Equal("The Sub-group Chair cannot chair the Scoping Panel after declaring direct involvement with the child; the Sub-group Vice-Chair chairs instead.", outcome.Explanation);
    }

    [Fact]
    public void TheViceChairChairsOnAConflictOfInterest()
    {
        var story = DetailsSent().Do(SubgroupChair, (s, c) => CaseCommands.AssignPanelChair(s, c, ViceChair, "The Sub-group Chair was the child's paediatrician."));

        Assert.Equal(ViceChair, story.State.PanelChair);
        Assert.True(story.State.PanelChairIsViceChair);
        Assert.Equal("The Sub-group Chair was the child's paediatrician.", story.State.PanelChairConflictOfInterest);
    }

    [Fact]
    public void TheViceChairDoesNotChairWithoutAConflictOfInterest()
    {
        var outcome = DetailsSent().Try(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, ViceChair, null));

        Assert.Equal("The Sub-group Vice-Chair chairs the Scoping Panel only when the Sub-group Chair has a conflict of interest; say what the conflict is.", outcome.Explanation);
    }

    [Fact]
    public void NobodyElseChairsTheScopingPanel()
    {
        var outcome = DetailsSent().Try(Manager, (s, c) => CaseCommands.AssignPanelChair(s, c, PoliceRep, null));

        Assert.Equal("The Scoping Panel is chaired by the Sub-group Chair, or by the Sub-group Vice-Chair when the Chair has a conflict of interest; Pete Police is neither.", outcome.Explanation);
    }

    [Fact]
    public void AMinuteTakerWithNoInvolvementIsAppointed()
    {
        var story = DetailsSent().Do(Manager, (s, c) => CaseCommands.AppointMinuteTaker(s, c, MinuteTaker, declaresNoInvolvement: true));

        Assert.Equal(MinuteTaker, story.State.MinuteTaker);
        Assert.True(story.State.HasRole(MinuteTaker.Id, Role.MinuteTaker));
    }

    [Fact]
    public void AMinuteTakerWhoDeclaresInvolvementIsRefused()
    {
        var outcome = DetailsSent().Try(Manager, (s, c) => CaseCommands.AppointMinuteTaker(s, c, MinuteTaker, declaresNoInvolvement: false));

        Assert.Equal("The minute taker must have had no involvement with the child or family; Min Taker has declared involvement, so appoint someone else.", outcome.Explanation);
    }

    [Fact]
    public void TheReferrerCannotTakeTheMinutes()
    {
        var outcome = DetailsSent().Try(Manager, (s, c) => CaseCommands.AppointMinuteTaker(s, c, Referrer, declaresNoInvolvement: true));

        Assert.Equal("The minute taker must have had no involvement with the child or family; Pat Referrer already takes part in this case.", outcome.Explanation);
    }
}
