using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class AfterDecisionTests
{
    private static readonly DateOnly DecisionDay = new(2026, 3, 30);

    [Fact]
    public void TheBoardManagerRecordsTheNotificationsAfterTheDecision()
    {
        var story = CaseStory.Decided()
            .Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.NationalPanel, DecisionDay, "Case details, decision, reviewer"))
            .Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Ofsted, DecisionDay, null))
            .Do(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.DepartmentForEducation, DecisionDay, null))
            .Do(IndependentChair, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Referrer, DecisionDay, null))
            .Do(PoliceRep, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Coroner, DecisionDay, null));

        Assert.Equal(
            [NotificationRecipient.NationalPanel, NotificationRecipient.Ofsted, NotificationRecipient.DepartmentForEducation, NotificationRecipient.Referrer, NotificationRecipient.Coroner],
            story.State.Notifications.Select(n => n.Recipient));
        Assert.True(story.State.WasNotified(NotificationRecipient.Referrer));
    }

    [Fact]
    public void NotificationsWaitForTheDecision()
    {
        var outcome = CaseStory.Recommended().Try(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.NationalPanel, Today, null));

        Assert.Equal("A notification cannot be recorded before the Independent Chair has decided (the case is at: Independent Chair's decision).", outcome.Explanation);
    }

    [Fact]
    public void TheReferrerDoesNotRecordNotifications()
    {
        var outcome = CaseStory.Decided().Try(Referrer, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Ofsted, DecisionDay, null));

        Assert.Equal("Only the Board Manager, the Independent Chair, the Sub-group Chair, the Sub-group Vice-Chair or an agency representative can record a notification about this case.", outcome.Explanation);
    }

    [Fact]
    public void ANotificationCannotPrecedeTheDecision()
    {
        var outcome = CaseStory.Decided().Try(Manager, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Ofsted, new DateOnly(2026, 3, 29), null));

        Assert.Equal("The notification date (29 March 2026) is before the Independent Chair's decision (30 March 2026).", outcome.Explanation);
    }

    [Fact]
    public void TheReviewStartsOnceAReviewerIsAppointed()
    {
        var story = CaseStory.ReviewStarted();

        Assert.Equal(Stage.Review, story.State.Stage);
        Assert.Equal(DecisionDay, story.State.ReviewInitiatedOn);
    }

    [Fact]
    public void TheReviewDoesNotStartWithoutAReviewer()
    {
        var outcome = CaseStory.Decided().Try(Manager, (s, c) => CaseCommands.InitiateReview(s, c, DecisionDay));

        Assert.Equal("The review cannot be started before an independent reviewer has been appointed by the Independent Chair and the Director of Children's Services.", outcome.Explanation);
    }

    [Fact]
    public void ACaseDecidedForNoFurtherActionClosesOnceTheReferrerAndTheNationalPanelAreTold()
    {
        var story = CaseStory.Decided(RecommendationOption.NoFurtherAction)
            .Do(CscRep, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, new DateOnly(2026, 3, 9)));

        Assert.Equal("The case cannot be closed before the referrer and the National Panel have been told of the decision.",
            story.Try(Manager, (s, c) => CaseCommands.CloseCase(s, c, "No further action.")).Explanation);

        story.Do(IndependentChair, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Referrer, DecisionDay, null))
            .Do(IndependentChair, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.NationalPanel, DecisionDay, "Incident notification and reasons"))
            .Do(Manager, (s, c) => CaseCommands.CloseCase(s, c, "No further action."));

        Assert.Equal(Stage.Closed, story.State.Stage);
        Assert.Equal("No further action.", story.State.ClosedReason);
    }

    [Fact]
    public void ACaseDecidedForAnScrDoesNotCloseBeforeItsActionPlan()
    {
        var outcome = CaseStory.Decided().Try(Manager, (s, c) => CaseCommands.CloseCase(s, c, "Done."));

        Assert.Equal("A case with a decision to hold a Serious Case Review closes after its action plan has been endorsed.", outcome.Explanation);
    }

    [Fact]
    public void ACaseWhoseFormShowsANotifiableIncidentDoesNotCloseBeforeTheNationalPanelIsToldOfTheDecision()
    {
        // Death with suspected neglect: notifiable on the form, though children's social care has not recorded reporting it.
        var story = CaseStory.Decided(RecommendationOption.NoFurtherAction)
            .Do(IndependentChair, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Referrer, DecisionDay, null));

        var outcome = story.Try(Manager, (s, c) => CaseCommands.CloseCase(s, c, "No further action."));

        Assert.Equal("The case cannot be closed before the National Panel has been told of the decision.", outcome.Explanation);
        Assert.Empty(outcome.Facts);
    }
}
