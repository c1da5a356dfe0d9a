using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Tests.Cases;
using static ScrBot.Domain.Tests.Obligations.CaseFacts;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>
/// D8 met through the notification checklist: the decision to hold a Serious Case Review is dated Monday 30 March
/// 2026; five working days, past Good Friday (3 April) and Easter Monday (6 April), make D8 due Wednesday 8 April.
/// </summary>
public sealed class ChecklistObligationTests
{
    private static readonly DateOnly Due = new(2026, 4, 8);

    private static Func<CaseState, CommandContext, Outcome> Record(string item, DateOnly on, string details = "Sent by secure email.") =>
        (s, c) => CaseCommands.RecordChecklistNotification(s, c, item, on, details);

    private static CaseStory At(CaseStory story, DateOnly day) => story.At(new DateTimeOffset(day.ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero));

    [Fact]
    public void OfstedAndTheDfERecordedOnTheChecklistMeetD8OnTheDaysSentLateOrNot()
    {
        var story = CaseStory.Decided();
        At(story, new DateOnly(2026, 3, 31)).Do(Samples.Manager, Record("ofsted", new DateOnly(2026, 3, 31)));
        At(story, new DateOnly(2026, 4, 9)).Do(Samples.Manager, Record("dfe", new DateOnly(2026, 4, 9)));

        var d8 = Derive(story.Facts, new DateOnly(2026, 4, 9));

        Assert.All(d8.Coded(ObligationCode.D8), o => Assert.Equal(Due, o.DueOn));
        Assert.Equal(ObligationStatus.Met, d8.The("D8/Ofsted").Status);
        Assert.Equal(new DateOnly(2026, 3, 31), d8.The("D8/Ofsted").MetOn);
        Assert.Equal("Met late on Thursday 9 April 2026 (1 day after the due date, Wednesday 8 April 2026)", d8.The("D8/DepartmentForEducation").StatusText());
        Assert.Equal(ObligationStatus.Overdue, d8.The("D8/NationalPanel").Status);
    }

    [Fact]
    public void TheNationalPanelsNoticeWithTheAppointedReviewerMeetsD8()
    {
        var story = CaseStory.Decided().ReviewerRecommended().ReviewerAppointed();
        var before = Derive(story.Facts, new DateOnly(2026, 4, 1)).The("D8/NationalPanel");
        At(story, new DateOnly(2026, 4, 1)).Do(Samples.Manager, Record("national-panel", new DateOnly(2026, 4, 1), "The decision and the reviewer, Rita Reviewer."));

        var after = Derive(story.Facts, new DateOnly(2026, 4, 1)).The("D8/NationalPanel");

        Assert.Equal(ObligationStatus.Open, before.Status);
        Assert.Equal(ObligationStatus.Met, after.Status);
        Assert.Equal(new DateOnly(2026, 4, 1), after.MetOn);
        Assert.Equal(Due, after.DueOn);
    }

    [Fact]
    public void ANoticeToTheNationalPanelBeforeAnyReviewerLeavesD8OpenUntilTheNameFollows()
    {
        var story = CaseStory.Decided().Do(Samples.Manager, Record("national-panel", new DateOnly(2026, 3, 30)));

        var d8 = Derive(story.Facts, new DateOnly(2026, 3, 31)).The("D8/NationalPanel");

        Assert.Equal(ObligationStatus.Open, d8.Status);
        Assert.Equal("Sent on Monday 30 March 2026 before a reviewer was appointed: the National Panel still needs the name of the appointed reviewer.", d8.Note);
        Assert.True(story.State.WasNotified(NotificationRecipient.NationalPanel));
    }

    [Fact]
    public void TheChecklistsOtherItemsOweNoDeadline()
    {
        var story = CaseStory.Decided()
            .Do(Samples.Manager, Record("legal-advice", new DateOnly(2026, 3, 30)))
            .Do(Samples.PoliceRep, Record("coroner", new DateOnly(2026, 3, 30)))
            .Do(Samples.Manager, Record("nominated-boards", new DateOnly(2026, 3, 30)));

        var obligations = Derive(story.Facts, new DateOnly(2026, 3, 30));

        Assert.Equal(["D8/NationalPanel", "D8/Ofsted", "D8/DepartmentForEducation"], obligations.Coded(ObligationCode.D8).Select(o => o.Key));
        Assert.All(obligations.Coded(ObligationCode.D8), o => Assert.Equal(ObligationStatus.Open, o.Status));
    }
}
