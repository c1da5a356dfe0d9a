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
    public void TheReviewerAgreesADelayWithTheWrittenRequest()
    {
        var story = CaseStory.ReviewStarted()
            .Do(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed for November.", "Letter from the SIO of 1 April 2026.", new DateOnly(2027, 1, 31)));

        var delay = Assert.Single(story.State.Delays);
        Assert.Equal(new DateOnly(2027, 1, 31), delay.NewTargetDate);
        Assert.Equal("Letter from the SIO of 1 April 2026.", delay.WrittenRequest);
    }

    [Fact]
    public void ADelayNeedsTheWrittenRequest()
    {
        var outcome = CaseStory.ReviewStarted()
            .Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "", new DateOnly(2027, 1, 31)));

        Assert.Equal("The written request for the delay is required.", outcome.Explanation);
    }

    [Fact]
    public void TheReviewerAgreesADelayWithTheSioAndTheCpsAndTheIndependentChairDecidesOnlyWhereTheyCannotAgree()
    {
        var story = CaseStory.ReviewStarted();
        var manager = story.Try(Manager, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "Letter.", new DateOnly(2027, 1, 31)));
        var notAgreed = story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "Letter.", new DateOnly(2027, 1, 31), agreedWithSioAndCps: false));
        var agreed = story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "Letter.", new DateOnly(2027, 1, 31), "Police interviews left out"));
        var chair = story.Try(IndependentChair, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Trial listed.", "Letter.", new DateOnly(2027, 1, 31)));

        Assert.Equal("Only the independent reviewer can agree a delay to the review.", manager.Explanation);
        Assert.StartsWith("A delay or a restriction of scope is agreed by the reviewer with the Senior Investigating Officer and the Crown Prosecution Service", notAgreed.Explanation, StringComparison.Ordinal);
        Assert.EndsWith("where they cannot agree, record who does not agree and why, and the Independent Chair decides.", notAgreed.Explanation, StringComparison.Ordinal);
        var delay = Assert.IsType<ReviewDelayAgreed>(Assert.Single(agreed.Facts));
        Assert.Equal("Police interviews left out", delay.ScopeRestriction);
        Assert.False(delay.DecidedByChair);
        Assert.Equal("Only the independent reviewer can agree a delay to the review.", chair.Explanation);
    }

    private static CaseStory DelayReferred() =>
        CaseStory.ReviewStarted().Do(CaseStory.Reviewer, (s, c) => CaseCommands.ReferReviewDelayToChair(
            s, c, "Trial listed for March 2027.", "Letter from the CPS of 1 April 2026.", new DateOnly(2027, 3, 31), "The mother not interviewed",
            DelayNotAgreedBy.SeniorInvestigatingOfficer, "The SIO wants the review finished before the trial."));

    [Fact]
    public void ADelayTheSioAndTheCpsCannotAgreeWaitsForTheIndependentChairAndMovesNothingUntilThen()
    {
        var story = DelayReferred();

        var request = Assert.Single(story.State.DelayRequests);
        Assert.Equal("Y1", request.RequestId);
        Assert.Null(request.Agreed);
        Assert.Equal(DelayNotAgreedBy.SeniorInvestigatingOfficer, request.NotAgreedBy);
        Assert.Equal("The SIO wants the review finished before the trial.", request.WhyNotAgreed);
        Assert.Empty(story.State.Delays);
        Assert.Equal("Delay request Y1 is already with the Independent Chair: she decides it first.",
            story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.ReferReviewDelayToChair(s, c, "Again.", "Letter.", new DateOnly(2027, 3, 31), null, DelayNotAgreedBy.Both, "No.")).Explanation);
        Assert.Equal("Delay request Y1 is with the Independent Chair: she decides it first.",
            story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeReviewDelay(s, c, "Agreed after all.", "Letter.", new DateOnly(2027, 3, 31))).Explanation);
    }

    [Fact]
    public void AReferredDelayNeedsWhoDoesNotAgreeAndWhy()
    {
        var outcome = CaseStory.ReviewStarted().Try(CaseStory.Reviewer, (s, c) => CaseCommands.ReferReviewDelayToChair(
            s, c, "Trial.", "Letter.", new DateOnly(2026, 3, 1), null, (DelayNotAgreedBy)9, " "));

        Assert.Equal(
            ["The proposed target date (1 March 2026) must be after today.", "Say who does not agree: the Senior Investigating Officer, the Crown Prosecution Service, or both.", "Why they do not agree is required."],
            outcome.Refusals.Select(r => r.Reason));
    }

    [Fact]
    public void TheIndependentChairAgreesAReferredDelayWithANewTargetDateAndHerReasons()
    {
        var story = DelayReferred();
        Assert.Equal("Only the Independent Chair can decide a delay to the review.",
            story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.DecideReviewDelay(s, c, "Y1", true, new DateOnly(2027, 2, 28), "Agreed.")).Explanation);
        Assert.Equal(["Give the new target date.", "The Independent Chair's reasons are required."],
            story.Try(IndependentChair, (s, c) => CaseCommands.DecideReviewDelay(s, c, "Y1", true, null, "")).Refusals.Select(r => r.Reason));
        Assert.Equal("There is no delay request Y9 on this case.",
            story.Try(IndependentChair, (s, c) => CaseCommands.DecideReviewDelay(s, c, "Y9", true, new DateOnly(2027, 2, 28), "Agreed.")).Explanation);

        story = story.Do(IndependentChair, (s, c) => CaseCommands.DecideReviewDelay(s, c, "Y1", true, new DateOnly(2027, 2, 28), "The trial must not be prejudiced."));

        var delay = Assert.Single(story.State.Delays);
        Assert.Equal(new DateOnly(2027, 2, 28), delay.NewTargetDate);
        Assert.True(story.Facts.OfType<ReviewDelayAgreed>().Single().DecidedByChair);
        Assert.Equal("The mother not interviewed", story.Facts.OfType<ReviewDelayAgreed>().Single().ScopeRestriction);
        var request = Assert.Single(story.State.DelayRequests);
        Assert.True(request.Agreed);
        Assert.Equal("The trial must not be prejudiced.", request.ChairReasons);
        Assert.Equal("Delay request Y1 was already agreed.",
            story.Try(IndependentChair, (s, c) => CaseCommands.DecideReviewDelay(s, c, "Y1", false, null, "Changed my mind.")).Explanation);
    }

    [Fact]
    public void TheIndependentChairRefusesAReferredDelayAndTheTargetStays()
    {
        var story = DelayReferred().Do(IndependentChair, (s, c) => CaseCommands.DecideReviewDelay(s, c, "Y1", false, null, "The review goes ahead within six months."));

        Assert.Empty(story.State.Delays);
        Assert.False(Assert.Single(story.State.DelayRequests).Agreed);
        Assert.IsType<ReviewDelayDecided>(Assert.Single(story.Facts.TakeLast(1)));
    }

    [Fact]
    public void TheReviewerAgreesTheDatesForTheAgenciesReportsAndALaterDateReplacesAnEarlierOne()
    {
        var story = CaseStory.ReviewStarted()
            .Do(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeAgencyReportDates(s, c, [new(Police, new DateOnly(2026, 4, 20)), new(Health, new DateOnly(2026, 4, 27))]))
            .Do(Manager, (s, c) => CaseCommands.AgreeAgencyReportDates(s, c, [new(Police, new DateOnly(2026, 5, 4))]));

        Assert.Equal([new AgencyReportDate(Health, new DateOnly(2026, 4, 27)), new AgencyReportDate(Police, new DateOnly(2026, 5, 4))], story.State.AgencyReportDates);
    }

    [Fact]
    public void TheDatesForTheAgenciesReportsAreForTheCasesAgenciesAndNotInThePast()
    {
        var story = CaseStory.ReviewStarted();

        Assert.Equal(
            ["Agency 'xyz' is not one of the agencies of this case's boards.", "The date for Midlands Partnership NHS Trust's report (1 March 2026) is in the past."],
            story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeAgencyReportDates(s, c, [new(new Boards.AgencyId("xyz"), new DateOnly(2026, 5, 1)), new(Health, new DateOnly(2026, 3, 1))])).Refusals.Select(r => r.Reason));
        Assert.Equal("Give the date agreed for at least one agency's report.", story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeAgencyReportDates(s, c, [])).Explanation);
        Assert.Equal("Only the Board Manager or the independent reviewer can agree the dates for the agencies' reports.",
            story.Try(PoliceRep, (s, c) => CaseCommands.AgreeAgencyReportDates(s, c, [new(Police, new DateOnly(2026, 5, 1))])).Explanation);
    }

    [Fact]
    public void TheAgencysRepresentativeRecordsItsReportSentOnceAndNoOtherAgencyMay()
    {
        var story = CaseStory.ReviewStarted()
            .Do(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeAgencyReportDates(s, c, [new(Police, new DateOnly(2026, 4, 20))]));

        Assert.Equal("Only the Board Manager, the independent reviewer or Staffordshire Police's representative can record an agency report received.",
            story.Try(HealthRep, (s, c) => CaseCommands.ReceiveAgencyReport(s, c, Police, new DateOnly(2026, 3, 10))).Explanation);
        Assert.Equal("The report cannot have been received (29 March 2026) before the review started (30 March 2026).",
            story.Try(PoliceRep, (s, c) => CaseCommands.ReceiveAgencyReport(s, c, Police, new DateOnly(2026, 3, 29))).Explanation);
        story = story.At(new DateTimeOffset(2026, 4, 17, 9, 0, 0, TimeSpan.Zero))
            .Do(PoliceRep, (s, c) => CaseCommands.ReceiveAgencyReport(s, c, Police, new DateOnly(2026, 4, 17)));

        Assert.Equal([Police], story.State.AgencyReportsReceived);
        Assert.Equal("Staffordshire Police's report has already been recorded as received.",
            story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.ReceiveAgencyReport(s, c, Police, new DateOnly(2026, 4, 17))).Explanation);
        Assert.Equal("Staffordshire Police's report has already been received.",
            story.Try(CaseStory.Reviewer, (s, c) => CaseCommands.AgreeAgencyReportDates(s, c, [new(Police, new DateOnly(2026, 5, 1))])).Explanation);
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
