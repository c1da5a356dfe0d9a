using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

/// <summary>The Scoping Panel meeting around its booking: cancelled or held as planned, answers from Outlook, minutes confirmed, safeguarding, the family.</summary>
public sealed class ScopingPanelMeetingTests
{
    [Fact]
    public void ACancelledMeetingIsBookedAgainAndItsSignaturesAndAnswersLapse()
    {
        var story = CaseStory.ReadyForPanel()
            .Do(PoliceRep, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: true))
            .Do(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name))
            .Do(Manager, (s, c) => CaseCommands.PostponeScopingPanel(s, c, "The chair is unwell."));

        Assert.Null(story.State.ScheduledPanel);
        Assert.Null(story.State.InvitationOf(PoliceRep.Id)!.Attending);
        Assert.Equal("No Scoping Panel meeting is booked.", story.Try(Manager, (s, c) => CaseCommands.PostponeScopingPanel(s, c, "Again.")).Explanation);
        Assert.Equal("Only the panel chair or the Board Manager can cancel or reconvene the Scoping Panel meeting.",
            CaseStory.ReadyForPanel().Try(PoliceRep, (s, c) => CaseCommands.PostponeScopingPanel(s, c, "Mine.")).Explanation);
    }

    [Fact]
    public void ThePanelChairHoldsTheMeetingAsPlannedOnce()
    {
        var story = CaseStory.ReadyForPanel().Do(SubgroupChair, (s, c) => CaseCommands.ProceedWithoutAgencies(s, c, [Police]));

        Assert.True(story.State.AbsencesAccepted(CaseStory.PanelStart));
        Assert.Equal("You have already decided that this meeting goes ahead as planned.",
            story.Try(SubgroupChair, (s, c) => CaseCommands.ProceedWithoutAgencies(s, c, [Police])).Explanation);
        Assert.Equal("Only the panel chair can decide whether the Scoping Panel goes ahead.",
            CaseStory.ReadyForPanel().Try(Manager, (s, c) => CaseCommands.ProceedWithoutAgencies(s, c, [Police])).Explanation);
    }

    [Fact]
    public void OutlookAnswersAreKeptWhenTheyChangeForTheMeetingBookedOnly()
    {
        var story = CaseStory.ReadyForPanel();
        var meetingId = story.State.ScheduledPanel!.MeetingId!;
        OutlookAnswer[] answers = [new("pete@police.example", "Pete Police", "accepted")];
        story.Do(Manager, (s, c) => CaseCommands.RecordInvitationAnswers(s, c, meetingId, answers));

        Assert.Equal(answers, story.State.OutlookAnswers);
        Assert.Equal("The answers have not changed.", story.Try(Manager, (s, c) => CaseCommands.RecordInvitationAnswers(s, c, meetingId, answers)).Explanation);
        Assert.Equal("The answers are not for the Scoping Panel meeting booked now.", story.Try(Manager, (s, c) => CaseCommands.RecordInvitationAnswers(s, c, "another", answers)).Explanation);
    }

    [Fact]
    public void AMovedMeetingAsksEveryInviteeAgainAsOutlookDoes()
    {
        var story = CaseStory.ReadyForPanel()
            .Do(PoliceRep, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: true, "Sergeant Jo Deputy"))
            .Do(PoliceRep, (s, c) => CaseCommands.SignConfidentialityStatement(s, c, ConfidentialityStatement.ScopingPanel, c.Actor.Name))
            .Do(Manager, (s, c) => CaseCommands.RecordInvitationAnswers(s, c, "graph-event-1", [new OutlookAnswer("pete@police.example", "Pete Police", "accepted")]));

        story.Do(Manager, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, CaseStory.PanelStart.AddDays(1), CaseStory.PanelEnd.AddDays(1), "graph-event-1", "https://teams.example/join"));

        Assert.Equal("graph-event-1", story.State.ScheduledPanel!.MeetingId);
        Assert.Empty(story.State.OutlookAnswers);
        Assert.Null(story.State.InvitationOf(PoliceRep.Id)!.Attending);
        Assert.Null(story.State.InvitationOf(PoliceRep.Id)!.Deputy);
        Assert.False(story.State.HasSignedForScheduledPanel(PoliceRep.Id));
    }

    [Fact]
    public void TheTeamsLinkGivenLaterKeepsTheAnswersOfAMeetingNotMoved()
    {
        var story = CaseStory.ReadyForPanel()
            .Do(PoliceRep, (s, c) => CaseCommands.AnswerAttendance(s, c, attending: true))
            .Do(Manager, (s, c) => CaseCommands.RecordInvitationAnswers(s, c, "graph-event-1", [new OutlookAnswer("pete@police.example", "Pete Police", "accepted")]));

        var state = story.State.Apply(new ScopingPanelScheduled(CaseStory.PanelStart, CaseStory.PanelEnd, "graph-event-1") { JoinUrl = "https://teams.example/join", At = Now, By = Manager });

        Assert.True(state.InvitationOf(PoliceRep.Id)!.Attending);
        Assert.Single(state.OutlookAnswers);
    }

    [Fact]
    public void ChildrensSocialCaresOfficerWhoNotifiesOfstedRecordsThatSafeguardingStarted()
    {
        var officer = new Actor(new PersonId("aad-csc-officer"), "Nia Notifier");
        var board = TwoBoards.Find(Staffordshire)!;
        var directory = new BoardDirectory([.. TwoBoards.Boards.Select(b => b.Id == Staffordshire
            ? board with { Members = [.. board.Members, new BoardMember(officer.Id, officer.Name, Role.NotifyingOfficer, Csc, null)] }
            : b)]);
        var story = CaseStory.PanelHeld().Do(SubgroupChair, (s, c) => CaseCommands.IdentifyRiskOfSignificantHarm(s, c, "A sibling lives in the same home."));

        var outcome = CaseCommands.StartSafeguarding(story.State, new CommandContext(officer, Now.AddDays(20), directory), 0, "Strategy discussion held.");

        Assert.False(outcome.IsRefused, outcome.Explanation);
        Assert.Equal(officer, Assert.IsType<SafeguardingStarted>(Assert.Single(outcome.Facts)).By);
    }

    [Fact]
    public void EachInvitedAgencyConfirmsTheCirculatedMinutesOnce()
    {
        var held = CaseStory.PanelHeld();
        Assert.Equal("The minutes cannot be confirmed before they have been circulated.", held.Try(PoliceRep, (s, c) => CaseCommands.ConfirmMinutes(s, c, Police)).Explanation);

        var story = held.Do(Manager, (s, c) => CaseCommands.CirculateMinutes(s, c, CaseStory.PanelDay, false))
            .Do(PoliceRep, (s, c) => CaseCommands.ConfirmMinutes(s, c, Police));

        Assert.Equal([Police], story.State.MinutesConfirmedBy);
        Assert.EndsWith("has already confirmed the minutes.", story.Try(PoliceRep, (s, c) => CaseCommands.ConfirmMinutes(s, c, Police)).Explanation, StringComparison.Ordinal);
        Assert.StartsWith("Only ", story.Try(PoliceRep, (s, c) => CaseCommands.ConfirmMinutes(s, c, Health)).Explanation, StringComparison.Ordinal);
        Assert.Equal("Say what the disagreements recorded in the minutes are.",
            CaseStory.PanelHeld().Try(Manager, (s, c) => CaseCommands.CirculateMinutes(s, c, CaseStory.PanelDay, true)).Explanation);
    }

    [Fact]
    public void ChildrensSocialCareRecordsThatSafeguardingStartedOnARiskOfSignificantHarm()
    {
        var story = CaseStory.PanelHeld().Do(SubgroupChair, (s, c) => CaseCommands.IdentifyRiskOfSignificantHarm(s, c, "A sibling lives in the same home."));
        Assert.StartsWith("Only ", story.Try(PoliceRep, (s, c) => CaseCommands.StartSafeguarding(s, c, 0, "Referred.")).Explanation, StringComparison.Ordinal);

        story.Do(CscRep, (s, c) => CaseCommands.StartSafeguarding(s, c, 0, "Strategy discussion held."));

        Assert.Equal("Strategy discussion held.", story.State.SignificantHarmConcerns[0].ActedOn);
        Assert.Equal("Safeguarding procedures were already recorded as started on this concern.",
            story.Try(Manager, (s, c) => CaseCommands.StartSafeguarding(s, c, 0, "Again.")).Explanation);
    }

    [Fact]
    public void TheRecommendationRecordsTheFamilysInvolvementAndNeedsTheFamilyMembers()
    {
        var family = new FamilyInvolvement("The mother", "  The mother is a witness.  ", GenogramPrepared: true);
        var story = CaseStory.PanelHeld().Do(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.NoFurtherAction, null, false, [], "No learning.", family));
        var missing = CaseStory.PanelHeld().Try(SubgroupChair, (s, c) => CaseCommands.MakeRecommendation(s, c, RecommendationOption.NoFurtherAction, null, false, [], "No learning.",
            new FamilyInvolvement(" ", null, false)));

        Assert.Equal(new FamilyInvolvement("The mother", "The mother is a witness.", true), story.State.Recommendation!.Family);
        Assert.StartsWith("The family members to be involved", missing.Explanation, StringComparison.Ordinal);
    }
}
