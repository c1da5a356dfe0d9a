using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class TriageTests
{
    [Fact]
    public void TheBoardManagerInformsTheIndependentChairAndTheSubgroupChair()
    {
        var story = CaseStory.Referred().Do(Manager, CaseCommands.InformChairs);

        Assert.Equal([IndependentChair, SubgroupChair], story.State.ChairsInformed);
        Assert.Equal(story.Now, story.State.ChairsInformedAt);
        Assert.Equal(Stage.Triage, story.State.Stage);
    }

    [Fact]
    public void OnlyTheBoardManagerInformsTheChairs()
    {
        var outcome = CaseStory.Referred().Try(Referrer, CaseCommands.InformChairs);

        Assert.True(outcome.IsRefused);
        Assert.Empty(outcome.Facts);
        Assert.Equal("Only the Board Manager can inform the Chairs of a referral.", outcome.Explanation);
    }

    [Fact]
    public void AnotherBoardsManagerHasNoRoleOnTheCase()
    {
        var outcome = CaseStory.Referred().Try(StokeManager, CaseCommands.InformChairs);

        Assert.Equal("Only the Board Manager can inform the Chairs of a referral.", outcome.Explanation);
    }

    [Fact]
    public void TheChairsAreInformedOnce()
    {
        var outcome = CaseStory.Referred().Do(Manager, CaseCommands.InformChairs).Try(Manager, CaseCommands.InformChairs);

        Assert.Equal("The Independent Chair and the Sub-group Chair have already been informed of this referral.", outcome.Explanation);
    }

    [Fact]
    public void ACommandOnACaseThatDoesNotExistIsRefused()
    {
        var outcome = CaseCommands.InformChairs(CaseState.Empty, As(Manager));

        Assert.Equal("There is no case with this reference.", outcome.Explanation);
    }

    [Fact]
    public void ArrangingAnExtraordinarySubgroupMeetingMovesTheCaseToTheSubgroupDecision()
    {
        var story = CaseStory.Referred()
            .Do(Manager, CaseCommands.InformChairs)
            .Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, new DateOnly(2026, 3, 12), extraordinary: true));

        Assert.Equal(Stage.SubgroupDecision, story.State.Stage);
        Assert.Equal(new DateOnly(2026, 3, 12), story.State.SubgroupMeetingDate);
        Assert.True(story.State.SubgroupMeetingExtraordinary);
    }

    [Fact]
    public void TheSubgroupMeetingIsNotArrangedBeforeTheChairsAreInformed()
    {
        var outcome = CaseStory.Referred().Try(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, new DateOnly(2026, 3, 12), false));

        Assert.Equal("The sub-group meeting cannot be arranged before the Independent Chair and the Sub-group Chair have been informed of the referral.", outcome.Explanation);
    }

    [Fact]
    public void ASubgroupMeetingInThePastIsRefused()
    {
        var outcome = CaseStory.Referred()
            .Do(Manager, CaseCommands.InformChairs)
            .Try(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, new DateOnly(2026, 3, 9), false));

        Assert.Equal("The sub-group meeting date (9 March 2026) is in the past.", outcome.Explanation);
    }

    [Fact]
    public void TheSubgroupMeetingCanBeRearrangedBeforeItDecides()
    {
        var story = CaseStory.AtSubgroupDecision()
            .Do(Manager, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, new DateOnly(2026, 3, 19), false));

        Assert.Equal(new DateOnly(2026, 3, 19), story.State.SubgroupMeetingDate);
        Assert.False(story.State.SubgroupMeetingExtraordinary);
    }

    [Fact]
    public void AReferrerCannotArrangeTheSubgroupMeeting()
    {
        var outcome = CaseStory.Referred()
            .Do(Manager, CaseCommands.InformChairs)
            .Try(Referrer, (s, c) => CaseCommands.ArrangeSubgroupMeeting(s, c, new DateOnly(2026, 3, 12), false));

        Assert.Equal("Only the Board Manager can arrange the sub-group meeting.", outcome.Explanation);
    }

    [Fact]
    public void ChildrensSocialCareRecordsTheNotifiableIncidentReportedToOfsted()
    {
        var story = CaseStory.Referred().Do(CscRep, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, new DateOnly(2026, 3, 9)));

        Assert.Equal(new DateOnly(2026, 3, 9), story.State.NotifiableIncidentReportedOn);
    }

    [Fact]
    public void AReferrerFromChildrensSocialCareMayRecordTheNotification()
    {
        // The sample referrer's agency is children's social care.
        var story = CaseStory.Referred().Do(Referrer, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, new DateOnly(2026, 3, 9)));

        Assert.NotNull(story.State.NotifiableIncidentReportedOn);
    }

    [Fact]
    public void ThePoliceDoNotRecordTheNotificationToOfsted()
    {
        var outcome = CaseStory.Referred().Try(PoliceRep, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, new DateOnly(2026, 3, 9)));

        Assert.Equal("Only an officer named to notify Ofsted, children's social care or the Board Manager can record that a notifiable incident was reported to Ofsted.", outcome.Explanation);
    }

    [Fact]
    public void ANotificationToOfstedDatedBeforeTheIncidentIsRefused()
    {
        var outcome = CaseStory.Referred().Try(CscRep, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, new DateOnly(2026, 2, 27)));

        Assert.Equal("The date Ofsted was notified (27 February 2026) is earlier than the incident (1 March 2026).", outcome.Explanation);
    }

    [Fact]
    public void ANotificationToOfstedIsRecordedOnce()
    {
        var outcome = CaseStory.Referred()
            .Do(CscRep, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, new DateOnly(2026, 3, 9)))
            .Try(Manager, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, new DateOnly(2026, 3, 10)));

        Assert.Equal("The notifiable incident has already been recorded as reported to Ofsted (on 9 March 2026).", outcome.Explanation);
    }
}
