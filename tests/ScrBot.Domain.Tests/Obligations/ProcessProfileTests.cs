using System.Text.Json;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using static ScrBot.Domain.Tests.Obligations.CaseFacts;

namespace ScrBot.Domain.Tests.Obligations;

public sealed class ProcessProfileTests
{
    [Fact]
    public void TheToolkitProfileHoldsTheToolkitsPeriods()
    {
        var toolkit = ProcessProfile.Toolkit;

        Assert.Equal("5 working days", toolkit.NotifyIncident.ToString());
        Assert.Equal("1 working day", toolkit.InformChairs.ToString());
        Assert.Equal("2 weeks", toolkit.CirculateMinutes.ToString());
        Assert.Equal("1 month", toolkit.WrittenDecision.ToString());
        Assert.Equal(DecisionClockStart.ScopingPanelHeld, toolkit.DecisionClock);
        Assert.Equal("14 days", toolkit.NotifyDecisionNotToReview.ToString());
        Assert.Equal("5 working days", toolkit.NotifyDecisionToReview.ToString());
        Assert.Equal("6 months", toolkit.CompleteReview.ToString());
        Assert.Equal("1 week", toolkit.SendReportBeforePublication.ToString());
        Assert.Equal("12 months", toolkit.KeepReportOnWebsite.ToString());
        Assert.Empty(toolkit.Closures);
        Assert.Empty(toolkit.Problems());
    }

    [Fact]
    public void ABoardsSettingsChooseTheSeedsAlternativesByName()
    {
        const string settings = """
            {
              "InformChairsWorkingDays": 2,
              "DecisionClock": "MinutesReceived",
              "NotifyDecisionToReviewWorkingDays": 3,
              "ReviewCompletion": "FourMonths",
              "Closures": [ { "Date": "2026-12-24", "Reason": "Office closed" } ]
            }
            """;

        var profile = JsonSerializer.Deserialize<ProcessProfile>(settings)!;

        Assert.Equal(2, profile.InformChairsWorkingDays);
        Assert.Equal(DecisionClockStart.MinutesReceived, profile.DecisionClock);
        Assert.Equal(3, profile.NotifyDecisionToReviewWorkingDays);
        Assert.Equal(ReviewCompletionTarget.FourMonths, profile.ReviewCompletion);
        Assert.Equal("4 months", profile.CompleteReview.ToString());
        Assert.Equal([new Closure(D(2026, 12, 24), "Office closed")], profile.Closures);
        Assert.False(profile.CreateCalendar().IsWorkingDay(D(2026, 12, 24)));
        Assert.True(WorkingDayCalendar.EnglandAndWales.IsWorkingDay(D(2026, 12, 24)));
    }

    [Fact]
    public void SettingsThatLeaveAValueOutKeepTheToolkitsValue()
    {
        var profile = JsonSerializer.Deserialize<ProcessProfile>("""{ "ReviewCompletion": "FourMonths" }""")!;

        Assert.Equal(ProcessProfile.Toolkit.InformChairsWorkingDays, profile.InformChairsWorkingDays);
        Assert.Equal(DecisionClockStart.ScopingPanelHeld, profile.DecisionClock);
        Assert.Empty(profile.Problems());
    }

    [Fact]
    public void EveryAlternativeTheBoardCanChooseIsDescribedWithItsSource()
    {
        foreach (var value in Enum.GetValues<DecisionClockStart>())
        {
            Assert.False(string.IsNullOrWhiteSpace(ProcessProfile.Describe(value)));
        }

        foreach (var value in Enum.GetValues<ReviewCompletionTarget>())
        {
            Assert.False(string.IsNullOrWhiteSpace(ProcessProfile.Describe(value)));
        }

        Assert.Contains("four months", ProcessProfile.Describe(ReviewCompletionTarget.FourMonths), StringComparison.Ordinal);
        Assert.Contains("minutes", ProcessProfile.Describe(DecisionClockStart.MinutesReceived), StringComparison.Ordinal);
        Assert.All(ProcessProfile.Alternatives, a => Assert.False(string.IsNullOrWhiteSpace(a.Source)));
        Assert.Equal(
            ["InformChairsWorkingDays", "DecisionClock", "NotifyDecisionToReviewWorkingDays", "ReviewCompletion"],
            ProcessProfile.Alternatives.Where(a => a.IsToolkitValue).Select(a => a.Setting));
    }

    [Fact]
    public void ANegativeNumberOfWorkingDaysForPromptlyIsRefusedInPlainEnglish()
    {
        var profile = ProcessProfile.Toolkit with { InformChairsWorkingDays = -1 };
        var facts = new CaseEvent[] { Referred(D(2026, 3, 2), D(2026, 3, 2)) };

        var problem = Assert.Single(profile.Problems());
        var refused = Assert.Throws<ArgumentException>(() => ObligationRules.Derive(facts, profile, WorkingDayCalendar.EnglandAndWales, D(2026, 3, 2)));

        Assert.Equal("\"Promptly\" for telling the Chairs of a notification must be between 0 and 20 working days; -1 was given.", problem);
        Assert.Contains(problem, refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AnUnknownWayOfCountingTheChairsMonthIsRefused()
    {
        var profile = ProcessProfile.Toolkit with { DecisionClock = (DecisionClockStart)7 };

        Assert.Contains(profile.Problems(), p => p.Contains("ScopingPanelHeld, MinutesReceived or BoardNotifiedOfIncident", StringComparison.Ordinal));
    }

    [Fact]
    public void AClosureDayWithoutAReasonIsRefused()
    {
        var profile = ProcessProfile.Toolkit with { Closures = [new Closure(D(2026, 12, 24), " ")] };

        Assert.Equal(["Every closure day needs a date and a reason (e.g. \"Office closed\")."], profile.Problems());
    }
}
