using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using ScrBot.Domain.Tests.Cases;
using static ScrBot.Domain.Tests.Cases.Samples;

namespace ScrBot.Domain.Tests.Obligations;

/// <summary>
/// The action plan's escalation rule and D12 read the same meetings the same way: an update owed at a sub-group
/// meeting and not given by the next one is a meeting without an update. Two in a row go to the Executive Group; a
/// third is an exception at the Board. Worked on the meetings of 15 October, 12 November and 10 December 2026 and
/// 14 January 2027, for a case whose plan has a police action (A1) and a health action (A2).
/// </summary>
public sealed class ActionPlanEscalationTests
{
    private static CaseStory Meeting(CaseStory story, DateOnly heldOn, DateOnly? next) =>
        story.At(new DateTimeOffset(heldOn.ToDateTime(new TimeOnly(15, 0)), TimeSpan.Zero))
            .Do(Manager, (s, c) => CaseCommands.RecordActionPlanMeeting(s, c, heldOn, next));

    private static readonly DateOnly October = new(2026, 10, 15);
    private static readonly DateOnly November = new(2026, 11, 12);
    private static readonly DateOnly December = new(2026, 12, 10);
    private static readonly DateOnly January = new(2027, 1, 14);

    /// <summary>The police report once, on 20 November, between the November and December meetings; health never do.</summary>
    private static CaseStory WorkedMeetings()
    {
        var story = Meeting(CaseStory.Published(), October, November);
        story = Meeting(story, November, December)
            .At(new DateTimeOffset(2026, 11, 20, 11, 0, 0, TimeSpan.Zero))
            .Do(PoliceRep, (s, c) => CaseCommands.ReportActionUpdate(s, c, "A1", "Protocol drafted.", false));
        story = Meeting(story, December, January);
        return Meeting(story, January, null);
    }

    private static IReadOnlyList<Obligation> UpdatesOwed(CaseStory story, string action) =>
    [
        .. ObligationRules.Derive(story.Facts, ProcessProfile.Toolkit, ProcessProfile.Toolkit.CreateCalendar(), January.AddDays(1))
            .Where(o => o.Code == ObligationCode.D12 && o.Key.StartsWith($"D12/{action}/", StringComparison.Ordinal))
            .OrderBy(o => o.StartsOn),
    ];

    /// <summary>The latest run of D12 obligations, due by the last meeting, that were not met by their meeting.</summary>
    private static int MissedInARow(IReadOnlyList<Obligation> owed, DateOnly lastMeeting) =>
        owed.Where(o => o.DueOn <= lastMeeting).Reverse().TakeWhile(o => o.Status == ObligationStatus.Overdue || o.MetLate).Count();

    [Fact]
    public void AnActionWithNoUpdateAtTwoConsecutiveMeetingsGoesToTheExecutiveGroupAndAtTheThirdIsAnExceptionAtTheBoard()
    {
        var story = WorkedMeetings();

        var escalations = story.Facts.OfType<ActionEscalated>().ToList();

        Assert.Equal([("A2", EscalationLevel.ExecutiveGroup), ("A2", EscalationLevel.ExceptionAtBoard)], escalations.Select(e => (e.ActionId, e.Level)));
        Assert.Equal([December, January], escalations.Select(e => Domain.Calendar.LondonTime.DateOf(e.At)));
        Assert.Equal(EscalationLevel.None, story.State.Action("A1")!.Escalation);
    }

    [Fact]
    public void EachMissedUpdateIsAnUnmetActionPlanUpdateObligation()
    {
        var story = WorkedMeetings();

        var health = UpdatesOwed(story, "A2");
        var police = UpdatesOwed(story, "A1");

        Assert.Equal([November, December, January], health.Select(o => o.DueOn));
        Assert.All(health, o => Assert.Equal(ObligationStatus.Overdue, o.Status));
        Assert.Equal([true, false, false], police.Select(o => o.MetLate));
        Assert.Equal([ObligationStatus.Met, ObligationStatus.Met, ObligationStatus.Overdue], police.Select(o => o.Status));
    }

    [Theory]
    [InlineData("A1")]
    [InlineData("A2")]
    public void TheEscalationRuleCountsTheSameMissedUpdatesAsTheObligations(string action)
    {
        var story = WorkedMeetings();

        var counted = ActionEscalation.MeetingsWithoutUpdate(story.State.Action(action)!, story.State.ActionPlanMeetings);

        Assert.Equal(MissedInARow(UpdatesOwed(story, action), January), counted);
    }

    [Fact]
    public void AMeetingThatSetNoDateForTheNextStillAsksForAnUpdateByTheMeetingHeldNext()
    {
        var story = Meeting(Meeting(CaseStory.Published(), October, null), November, null);

        var owed = Assert.Single(UpdatesOwed(story, "A2"));

        Assert.Equal(October, owed.StartsOn);
        Assert.Equal(November, owed.DueOn);
        Assert.Equal(ObligationStatus.Overdue, owed.Status);
    }
}
