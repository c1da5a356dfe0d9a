using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Cases;

public sealed class ReviewAndPublicationTests
{
    [Fact]
    public void TermsOfReferenceAreSharedWithTheSeniorInvestigatingOfficerWhenACriminalInvestigationRuns()
    {
        var outcome = CaseStory.ReviewStarted()
            .Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeTermsOfReference(s, c, new DateOnly(2026, 3, 30), sharedWithSeniorInvestigatingOfficer: false));

        Assert.Equal("The terms of reference must be shared with the Senior Investigating Officer before they are agreed, because a criminal investigation is running.", outcome.Explanation);
    }

    [Fact]
    public void TheIndependentChairAgreesADelayWithTheWrittenRequest()
    {
        var story = CaseStory.ReviewStarted()
            .Do(IndependentChair, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed for November.", "Letter from the SIO of 1 April 2026.", new DateOnly(2027, 1, 31)));

        var delay = Assert.Single(story.State.Delays);
        Assert.Equal(new DateOnly(2027, 1, 31), delay.NewTargetDate);
        Assert.Equal("Letter from the SIO of 1 April 2026.", delay.WrittenRequest);
    }

    [Fact]
    public void ADelayNeedsTheWrittenRequest()
    {
        var outcome = CaseStory.ReviewStarted()
            .Try(IndependentChair, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "", new DateOnly(2027, 1, 31)));

        Assert.Equal("The written request for the delay is required.", outcome.Explanation);
    }

    [Fact]
    public void TheReviewerAgreesADelayWithTheSioAndTheCpsAndTheIndependentChairDecidesOnlyWhereTheyCannotAgree()
    {
        var story = CaseStory.ReviewStarted();
        var manager = story.Try(Manager, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "Letter.", new DateOnly(2027, 1, 31)));
        var notAgreed = story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "Letter.", new DateOnly(2027, 1, 31), agreedWithSioAndCps: false));
        var agreed = story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "Letter.", new DateOnly(2027, 1, 31), "Police interviews left out"));
        var chair = story.Try(IndependentChair, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "Letter.", new DateOnly(2027, 1, 31), agreedWithSioAndCps: false));

        Assert.Equal("Only the independent reviewer or the Independent Chair can agree a delay to the review.", manager.Explanation);
        Assert.StartsWith("A delay or a restriction of scope is agreed by the reviewer with the Senior Investigating Officer and the Crown Prosecution Service", notAgreed.Explanation, StringComparison.Ordinal);
        var delay = Assert.IsType<ReviewDelayAgreed>(Assert.Single(agreed.Facts));
        Assert.Equal("Police interviews left out", delay.ScopeRestriction);
        Assert.False(delay.DecidedByChair);
        Assert.True(Assert.IsType<ReviewDelayAgreed>(Assert.Single(chair.Facts)).DecidedByChair);
    }

    [Fact]
    public void TheReviewIsNotCompletedBeforeItsTermsOfReference()
    {
        var outcome = CaseStory.ReviewStarted().Try(CaseStory.Reviewer, (s, c) => CaseCommands.CompleteReview(s, c, new DateOnly(2026, 3, 30)));

        Assert.Equal("The review cannot be completed before its terms of reference have been agreed.", outcome.Explanation);
    }

    [Fact]
    public void ACompletedReviewMovesToReportAndPublication()
    {
        var story = CaseStory.ReviewCompleted();

        Assert.Equal(Stage.ReportAndPublication, story.State.Stage);
        Assert.Equal(new DateOnly(2026, 9, 1), story.State.ReviewCompletedOn);
    }

    [Fact]
    public void TheReportIsNotEndorsedBeforeTheReviewIsComplete()
    {
        var outcome = CaseStory.ReviewStarted().Try(Manager, (s, c) => CaseCommands.EndorseReport(s, c, new DateOnly(2026, 3, 30)));

        Assert.Equal("The report cannot be endorsed before the review has been completed (the case is at: Review).", outcome.Explanation);
    }

    [Fact]
    public void TheReportGoesToTheNationalPanelAtLeastOneWeekBeforePublication()
    {
        var story = CaseStory.ReviewCompleted()
            .Do(Manager, (s, c) => CaseCommands.EndorseReport(s, c, new DateOnly(2026, 9, 1)))
            .Do(Manager, (s, c) => CaseCommands.PlanPublication(s, c, new DateOnly(2026, 9, 20)))
            .At(new DateTimeOffset(2026, 9, 14, 9, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.SendReportToNationalPanel(s, c, new DateOnly(2026, 9, 14)))
            .At(new DateTimeOffset(2026, 9, 20, 9, 0, 0, TimeSpan.Zero));

        var outcome = story.Try(Manager, (s, c) => CaseCommands.PublishReport(s, c, new DateOnly(2026, 9, 20), null));

        Assert.Equal("The report must go to the National Panel at least one week before publication: it was sent on 14 September 2026, so the earliest publication date is 21 September 2026.", outcome.Explanation);
    }

    [Fact]
    public void TheReportIsNotPublishedBeforeItGoesToTheNationalPanel()
    {
        var outcome = CaseStory.ReviewCompleted()
            .Do(Manager, (s, c) => CaseCommands.EndorseReport(s, c, new DateOnly(2026, 9, 1)))
            .Do(Manager, (s, c) => CaseCommands.PlanPublication(s, c, new DateOnly(2026, 9, 20)))
            .Try(Manager, (s, c) => CaseCommands.PublishReport(s, c, new DateOnly(2026, 9, 1), null));

        Assert.Equal("The report cannot be published before it has been sent to the National Panel, at least one week before publication.", outcome.Explanation);
    }

    [Fact]
    public void APublishedReportMovesTheCaseToItsActionPlan()
    {
        var story = CaseStory.Published();

        Assert.Equal(Stage.ActionPlan, story.State.Stage);
        Assert.Equal(new DateOnly(2026, 10, 1), story.State.ReportPublishedOn);
        Assert.Equal("https://www.example.org/scr/2026-7", story.State.ReportAddress);
    }

    [Fact]
    public void TheIndependentChairMayDecideNotToPublishWithReasons()
    {
        var story = CaseStory.ReviewCompleted()
            .Do(IndependentChair, (s, c) => CaseCommands.DecideNotToPublish(s, c, "Publication would harm the welfare of the surviving siblings."));

        Assert.Equal(Stage.ActionPlan, story.State.Stage);
        Assert.Equal("Publication would harm the welfare of the surviving siblings.", story.State.NotPublishedReasons);
    }

    [Fact]
    public void TheBoardManagerDoesNotDecideAgainstPublication()
    {
        var outcome = CaseStory.ReviewCompleted().Try(Manager, (s, c) => CaseCommands.DecideNotToPublish(s, c, "Reasons."));

        Assert.Equal("Only the Independent Chair can decide not to publish the report.", outcome.Explanation);
    }

    [Fact]
    public void TheReportStaysOnTheWebsiteForTwelveMonths()
    {
        var story = CaseStory.Published().At(new DateTimeOffset(2027, 9, 30, 9, 0, 0, TimeSpan.Zero));

        var early = story.Try(Manager, (s, c) => CaseCommands.RemoveReportFromWebsite(s, c, new DateOnly(2027, 9, 30)));
        Assert.Equal("The report must stay on the website for at least 12 months: it was published on 1 October 2026, so it can be removed from 1 October 2027.", early.Explanation);

        story.At(new DateTimeOffset(2027, 10, 1, 9, 0, 0, TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.RemoveReportFromWebsite(s, c, new DateOnly(2027, 10, 1)));
        Assert.Equal(new DateOnly(2027, 10, 1), story.State.ReportRemovedOn);
    }

    [Fact]
    public void AnUnpublishedReportCannotBeRemovedFromTheWebsite()
    {
        var outcome = CaseStory.ReviewCompleted()
            .Do(IndependentChair, (s, c) => CaseCommands.DecideNotToPublish(s, c, "Reasons."))
            .Try(Manager, (s, c) => CaseCommands.RemoveReportFromWebsite(s, c, new DateOnly(2026, 9, 1)));

        Assert.Equal("The report cannot be removed from the website because it was not published.", outcome.Explanation);
    }
}
