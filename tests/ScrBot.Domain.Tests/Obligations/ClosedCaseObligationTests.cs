using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Tests.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>
/// What a closed case still owes. Closing ends what the board's own process owed (the chairs told, checks, chronologies,
/// minutes, the written decision, the review, action-plan updates); what is owed to Ofsted, the National Panel, the
/// DfE and the public stays owed, stays in the index for the daily sweep, and can still be met.
/// </summary>
public sealed class ClosedCaseObligationTests
{
    private static IReadOnlyList<Obligation> Derive(CaseStory story, DateOnly today) =>
        ObligationRules.Derive(story.Facts, ProcessProfile.Toolkit, ProcessProfile.Toolkit.CreateCalendar(), today);

    private static IReadOnlyList<ObligationIndexEntry> Index(CaseStory story, DateOnly today) =>
        ObligationIndex.EntriesFor(story.Facts, ProcessProfile.Toolkit, ProcessProfile.Toolkit.CreateCalendar(), today);

    /// <summary>
    /// A case closed at the sub-group stage, as cases closed there before the Independent Chair took that decision are
    /// stored; children's social care referred, having become aware on Monday 2 March 2026.
    /// </summary>
    private static CaseStory ClosedBySubgroup() =>
        CaseStory.AtSubgroupDecision(Form() with { Incident = Form().Incident with { DateChildrensSocialCareAware = new DateOnly(2026, 3, 2) } })
            .Do(SubgroupChair, (s, c) => CaseCommands.RecordSubgroupDecision(s, c, SubgroupOutcome.NoFurtherAction, "No concerns about working together."))
            .Do(Manager, (s, c) => Outcome.Accepted(new CaseClosed("No further action.") { At = c.Now, By = c.Actor }));

    [Fact]
    public void ANotifiableIncidentIsStillOwedToOfstedAfterTheSubgroupClosesTheCase()
    {
        // Children's social care became aware on Monday 2 March 2026: five working days end on Monday 9 March.
        var story = ClosedBySubgroup();

        var d1 = Derive(story, Today).The("D1");

        Assert.Equal(Stage.Closed, story.State.Stage);
        Assert.Equal(ObligationStatus.Overdue, d1.Status);
        Assert.Equal(new DateOnly(2026, 3, 9), d1.DueOn);
        Assert.Contains(Index(story, Today), e => e.Code == ObligationCode.D1);
    }

    [Fact]
    public void ChildrensSocialCareCanStillReportTheIncidentToOfstedOnAClosedCaseAndTheObligationIsMet()
    {
        var story = ClosedBySubgroup()
            .Do(CscRep, (s, c) => CaseCommands.ReportNotifiableIncident(s, c, Today));

        var d1 = Derive(story, Today).The("D1");

        Assert.Equal(ObligationStatus.Met, d1.Status);
        Assert.Equal(Today, d1.MetOn);
        Assert.True(d1.MetLate);
        Assert.DoesNotContain(Index(story, Today), e => e.Code == ObligationCode.D1);
    }

    [Fact]
    public void WhatTheBoardsProcessStillOwedEndsWhenTheCaseClosesAndLeavesTheIndex()
    {
        // The panel met on 24 March; its minutes were never circulated and no chronology was sent.
        var story = CaseStory.Decided(RecommendationOption.NoFurtherAction)
            .Do(IndependentChair, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.Referrer, new DateOnly(2026, 3, 30), null))
            .Do(IndependentChair, (s, c) => CaseCommands.RecordNotification(s, c, NotificationRecipient.NationalPanel, new DateOnly(2026, 3, 30), "Incident notification and reasons"));
        var today = new DateOnly(2026, 4, 20);
        Assert.Equal(ObligationStatus.Overdue, Derive(story, today).The("D5").Status);

        story.Do(Manager, (s, c) => CaseCommands.CloseCase(s, c, "No further action."));
        var obligations = Derive(story, today);

        var minutes = obligations.The("D5");
        Assert.Equal(ObligationStatus.Ended, minutes.Status);
        Assert.False(minutes.IsOutstanding);
        Assert.Equal("The case was closed on Monday 30 March 2026 before this was done.", minutes.Note);
        Assert.Equal("Not met: the case was closed before it was done (it was due Tuesday 7 April 2026)", minutes.StatusText());
        Assert.All(obligations.Coded(ObligationCode.D4), o => Assert.Equal(ObligationStatus.Ended, o.Status));
        Assert.Equal(ObligationStatus.Met, obligations.The("D7").Status);
        Assert.Equal(ObligationStatus.Overdue, obligations.The("D1").Status); // owed to Ofsted, never reported
        Assert.Equal([ObligationCode.D1], Index(story, today).Select(e => e.Code));
    }

    [Fact]
    public void AReportPublishedBeforeTheCaseClosedIsStillOwedToTheWebsiteForItsTwelveMonths()
    {
        var story = CaseStory.Published()
            .Do(PoliceRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A1", "Protocol in place.", true))
            .Do(HealthRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A2", "Template changed.", true))
            .Do(ScrBot.Domain.Tests.Cases.Samples.SubgroupChair, (s, c) => CaseCommands.ReviewActionPlanEvidence(s, c, new DateOnly(2026, 10, 1)))
            .Do(Manager, (s, c) => CaseCommands.EndorseActionPlan(s, c, new DateOnly(2026, 10, 1)))
            .Do(Manager, (s, c) => CaseCommands.SendReportToLibrary(s, c, new DateOnly(2026, 10, 1)))
            .Do(Manager, (s, c) => CaseCommands.CloseCase(s, c, "Action plan complete and endorsed."));
        var today = new DateOnly(2026, 11, 1);

        var website = Derive(story, today).The("D11");

        Assert.Equal(ObligationStatus.Open, website.Status);
        Assert.Equal(new DateOnly(2027, 10, 1), website.DueOn);
        Assert.Contains(Index(story, today), e => e.Code == ObligationCode.D11);
    }
}
