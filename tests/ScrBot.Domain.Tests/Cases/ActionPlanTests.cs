using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class ActionPlanTests
{
    private static CaseStory Meeting(CaseStory story, int month, int day) =>
        story.At(new DateTimeOffset(2026, month, day, 15, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, new DateOnly(2026, month, day), null));

    private static CaseStory PoliceUpdate(CaseStory story, bool completed = false) =>
        story.Do(PoliceRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A1", "Protocol drafted.", completed));

    [Fact]
    public void RecommendationsAreNumberedWithAnOwnerAgencyAndADueDate()
    {
        var state = CaseStory.Published().State;

        Assert.Equal(["A1", "A2"], state.Actions.Select(a => a.ActionId));
        Assert.Equal([Police, Health], state.Actions.Select(a => a.Owner));
        Assert.All(state.Actions, a => Assert.Equal(new DateOnly(2027, 3, 1), a.Due));
    }

    [Fact]
    public void ARecommendationNeedsAKnownOwnerAndADueDateAfterToday()
    {
        var outcome = CaseStory.Published()
            .Try(Manager, (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, "Do better.", new Boards.AgencyId("xyz"), new DateOnly(2026, 10, 1)));

        Assert.Equal(
            ["Agency 'xyz' is not one of the agencies of this case's boards.", "The due date (1 October 2026) must be after today."],
            outcome.Refusals.Select(r => r.Reason));
    }

    [Fact]
    public void RecommendationsAreNotAddedBeforeTheReviewIsComplete()
    {
        var outcome = CaseStory.ReviewStarted()
            .Try(Manager, (s, c) => CaseCommands.AddActionPlanRecommendation(s, c, "Do better.", Police, new DateOnly(2027, 1, 1)));

        Assert.Equal("A recommendation cannot be added to the action plan before the review has been completed (the case is at: Review).", outcome.Explanation);
    }

    [Fact]
    public void TheOwnerAgencysRepresentativeReportsProgress()
    {
        var story = PoliceUpdate(CaseStory.Published());

        var update = Assert.Single(story.State.Action("A1")!.Updates);
        Assert.Equal("Protocol drafted.", update.Progress);
        Assert.Equal(PoliceRep, update.By);
    }

    [Fact]
    public void AnotherAgencyCannotReportProgressOnAnAction()
    {
        var outcome = CaseStory.Published().Try(HealthRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A1", "Done.", true));

        Assert.Equal("Only Staffordshire Police's representative can report progress on this action.", outcome.Explanation);
    }

    [Fact]
    public void AnUnknownActionIsRefused()
    {
        var outcome = CaseStory.Published().Try(PoliceRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A9", "Done.", true));

        Assert.Equal("There is no action A9 on this case's action plan.", outcome.Explanation);
    }

    [Fact]
    public void NoEscalationAfterTheFirstMeetingWhichAsksForTheFirstUpdate()
    {
        var story = Meeting(CaseStory.Published(), 10, 15);

        Assert.IsType<SubgroupMeetingHeld>(Assert.Single(story.Facts.TakeLast(1)));
        Assert.All(story.State.Actions, a => Assert.Equal(EscalationLevel.None, a.Escalation));
    }

    [Fact]
    public void AnActionWithNoUpdateAtTwoConsecutiveMeetingsGoesToTheExecutiveGroup()
    {
        var story = Meeting(CaseStory.Published(), 10, 15);
        story = Meeting(story, 11, 15);
        Assert.All(story.State.Actions, a => Assert.Equal(EscalationLevel.None, a.Escalation));

        story = PoliceUpdate(story);
        story = Meeting(story, 12, 15);

        var escalated = Assert.IsType<ActionEscalated>(Assert.Single(story.Facts.OfType<ActionEscalated>()));
        Assert.Equal("A2", escalated.ActionId);
        Assert.Equal(EscalationLevel.ExecutiveGroup, escalated.Level);
        Assert.Equal(EscalationLevel.ExecutiveGroup, story.State.Action("A2")!.Escalation);
        Assert.Equal(EscalationLevel.None, story.State.Action("A1")!.Escalation);
    }

    [Fact]
    public void TheViceChairRaisesTheEscalationWhenTheAgencysRepresentativeIsTheSubgroupChair()
    {
        // The Sub-group Chair represents the health agency, owner of A2.
        var story = Meeting(Meeting(Meeting(CaseStory.Published(), 10, 15), 11, 15), 12, 15);

        var health = story.Facts.OfType<ActionEscalated>().Single(e => e.ActionId == "A2");
        var police = story.Facts.OfType<ActionEscalated>().Single(e => e.ActionId == "A1");
        Assert.Equal(ViceChair, health.RaisedBy);
        Assert.Equal(SubgroupChair, police.RaisedBy);
    }

    [Fact]
    public void WithTheEscalationToTheExecutiveGroupTheAgencysScrLeadAndLeadBoardMemberAreAskedForTimescales()
    {
        var story = Meeting(Meeting(Meeting(CaseStory.Published(), 10, 15), 11, 15), 12, 15);

        var police = story.State.TimescaleRequests.Single(r => r.ActionId == "A1");
        Assert.Equal([PoliceScrLead, PoliceLeadBoardMember], police.Asked);
        Assert.Empty(police.NotNamed);
        Assert.Contains(story.State.Roles, r => r.Person == PoliceScrLead && r.Role == Role.AgencyScrLead && r.Agency == Police);
        Assert.Contains(story.State.Roles, r => r.Person == PoliceLeadBoardMember && r.Role == Role.AgencyLeadBoardMember && r.Agency == Police);

        // The board names nobody for the health agency: the request says so, for the Board Manager.
        var health = story.State.TimescaleRequests.Single(r => r.ActionId == "A2");
        Assert.Empty(health.Asked);
        Assert.Equal([Role.AgencyScrLead, Role.AgencyLeadBoardMember], health.NotNamed);
    }

    [Fact]
    public void TheLeadGivesTheTimescalesOnceAndNobodyElseMay()
    {
        var story = Meeting(Meeting(Meeting(CaseStory.Published(), 10, 15), 11, 15), 12, 15);

        Assert.Equal("Only the agency's SCR lead or its lead board member, asked for timescales can give timescales for this action.",
            story.Try(PoliceRep, (s, c) => CaseCommands.GiveTimescales(s, c, "A1", new DateOnly(2027, 2, 1), "By February.")).Explanation);
        Assert.Equal(["The date the action will be complete (1 December 2026) is in the past.", "How and when it will be completed is required."],
            story.Try(PoliceScrLead, (s, c) => CaseCommands.GiveTimescales(s, c, "A1", new DateOnly(2026, 12, 1), "")).Refusals.Select(r => r.Reason));

        story = story.Do(PoliceLeadBoardMember, (s, c) => CaseCommands.GiveTimescales(s, c, "A1", new DateOnly(2027, 2, 1), "The protocol goes to the force's board in January."));

        var given = story.State.TimescaleRequests.Single(r => r.ActionId == "A1");
        Assert.Equal(new DateOnly(2027, 2, 1), given.CompleteBy);
        Assert.Equal(PoliceLeadBoardMember, given.GivenBy);
        Assert.Equal("The timescales for A1 were already given by Bernard Board.",
            story.Try(PoliceScrLead, (s, c) => CaseCommands.GiveTimescales(s, c, "A1", new DateOnly(2027, 2, 1), "Again.")).Explanation);
        Assert.Equal(EscalationLevel.ExecutiveGroup, story.State.Action("A1")!.Escalation);
    }

    [Fact]
    public void NoTimescalesAreAskedForBeforeAnEscalation()
    {
        var story = Meeting(CaseStory.Published(), 10, 15);

        Assert.Empty(story.State.TimescaleRequests);
        Assert.StartsWith("Only the agency's SCR lead",
            story.Try(PoliceScrLead, (s, c) => CaseCommands.GiveTimescales(s, c, "A1", new DateOnly(2027, 2, 1), "Soon.")).Explanation, StringComparison.Ordinal);
    }

    [Fact]
    public void StillOutstandingAtTheNextMeetingItIsAnExceptionAtTheBoard()
    {
        var story = Meeting(Meeting(Meeting(CaseStory.Published(), 10, 15), 11, 15), 12, 15);
        var before = story.Facts.Count;
        story = Meeting(story, 12, 30);

        var escalations = story.Facts.Skip(before).OfType<ActionEscalated>().ToList();
        Assert.Equal(["A1", "A2"], escalations.Select(e => e.ActionId));
        Assert.All(escalations, e => Assert.Equal(EscalationLevel.ExceptionAtBoard, e.Level));
    }

    [Fact]
    public void AnEscalationIsRaisedOnceAtEachLevel()
    {
        var story = Meeting(Meeting(Meeting(Meeting(CaseStory.Published(), 10, 15), 11, 15), 12, 15), 12, 30);
        var before = story.Facts.Count;
        story = story.At(new DateTimeOffset(2027, 1, 15, 15, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, new DateOnly(2027, 1, 15), null));

        Assert.Empty(story.Facts.Skip(before).OfType<ActionEscalated>());
    }

    [Theory]
    [InlineData(0, EscalationLevel.None)]
    [InlineData(1, EscalationLevel.None)]
    [InlineData(2, EscalationLevel.ExecutiveGroup)]
    [InlineData(3, EscalationLevel.ExceptionAtBoard)]
    [InlineData(5, EscalationLevel.ExceptionAtBoard)]
    public void TheEscalationLevelFollowsTheMeetingsWithoutAnUpdate(int meetings, EscalationLevel level)
    {
        Assert.Equal(level, ActionEscalation.LevelFor(meetings));
    }

    [Fact]
    public void AnUpdateResetsTheCountOfMeetingsWithoutOne()
    {
        var story = Meeting(Meeting(Meeting(CaseStory.Published(), 10, 15), 11, 15), 12, 15);
        Assert.Equal(EscalationLevel.ExecutiveGroup, story.State.Action("A1")!.Escalation);

        story = PoliceUpdate(story);

        Assert.Equal(EscalationLevel.None, story.State.Action("A1")!.Escalation);
        Assert.Equal(0, ActionEscalation.MeetingsWithoutUpdate(story.State.Action("A1")!, story.State.ActionPlanMeetings));
    }

    [Fact]
    public void ACompletedActionIsNotEscalated()
    {
        var story = PoliceUpdate(CaseStory.Published(), completed: true);
        story = Meeting(Meeting(Meeting(story, 10, 15), 11, 15), 12, 15);

        Assert.DoesNotContain(story.Facts.OfType<ActionEscalated>(), e => e.ActionId == "A1");
        Assert.True(story.State.Action("A1")!.Completed);
    }

    [Fact]
    public void TheActionPlanIsNotEndorsedWhileActionsAreOutstanding()
    {
        var outcome = PoliceUpdate(CaseStory.Published(), completed: true)
            .Try(Manager, (s, c) => CaseCommands.EndorseActionPlan(s, c, new DateOnly(2026, 10, 1)));

        Assert.Equal("The action plan cannot be endorsed while actions are outstanding: A2 (Midlands Partnership NHS Trust).", outcome.Explanation);
    }

    [Fact]
    public void ACompletedActionPlanIsEndorsedAndTheCaseCloses()
    {
        var story = PoliceUpdate(CaseStory.Published(), completed: true)
            .Do(HealthRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A2", "Template changed.", true))
            .Do(ScrBot.Domain.Tests.Cases.Samples.SubgroupChair, (s, c) => CaseCommands.ReviewActionPlanEvidence(s, c, new DateOnly(2026, 10, 1)))
            .Do(Manager, (s, c) => CaseCommands.EndorseActionPlan(s, c, new DateOnly(2026, 10, 1)))
            .Do(Manager, (s, c) => CaseCommands.SendReportToLibrary(s, c, new DateOnly(2026, 10, 1)))
            .Do(Manager, (s, c) => CaseCommands.CloseCase(s, c, "Action plan complete and endorsed."));

        Assert.Equal(new DateOnly(2026, 10, 1), story.State.ActionPlanEndorsedOn);
        Assert.Equal(Stage.Closed, story.State.Stage);
    }

    [Fact]
    public void TheCaseDoesNotCloseBeforeItsActionPlanIsEndorsed()
    {
        var outcome = CaseStory.Published().Try(Manager, (s, c) => CaseCommands.CloseCase(s, c, "Done."));

        Assert.Equal(
            "The case cannot be closed: its action plan has not been endorsed by the Executive Group and the Board. "
            + "The case cannot be closed: no copy of the report has gone to the NSPCC National SCR Library.",
            outcome.Explanation);
    }

    [Fact]
    public void ACompletedActionTakesNoMoreUpdates()
    {
        var outcome = PoliceUpdate(CaseStory.Published(), completed: true)
            .Try(PoliceRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A1", "More.", false));

        Assert.Equal("Action A1 is already complete.", outcome.Explanation);
    }
}
