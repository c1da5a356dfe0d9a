using ScrBot.Domain.Calendar;

namespace ScrBot.Domain.Tests.Calendar;

public class PeriodTests
{
    private static readonly WorkingDayCalendar Cal = WorkingDayCalendar.EnglandAndWales;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void FiveWorkingDaysToNotifyOfstedSkipChristmas()
    {
        Assert.Equal(D(2026, 12, 30), Period.WorkingDays(5).AddTo(D(2026, 12, 21), Cal));
    }

    [Fact]
    public void OneMonthFromThe31stOfJanuaryEndsOnTheLastDayOfFebruary()
    {
        Assert.Equal(D(2026, 2, 28), Period.CalendarMonths(1).AddTo(D(2026, 1, 31), Cal));
        Assert.Equal(D(2028, 2, 29), Period.CalendarMonths(1).AddTo(D(2028, 1, 31), Cal));
    }

    [Fact]
    public void SixMonthsForAReviewFromThe31stOfAugustEndOnTheLastDayOfFebruary()
    {
        Assert.Equal(D(2027, 2, 28), Period.CalendarMonths(6).AddTo(D(2026, 8, 31), Cal));
    }

    [Fact]
    public void OneMonthFromAMidMonthDateIsTheSameDateNextMonth()
    {
        Assert.Equal(D(2026, 7, 15), Period.CalendarMonths(1).AddTo(D(2026, 6, 15), Cal));
    }

    [Fact]
    public void FourteenDaysToTellTheNationalPanelAreCalendarDaysAndMayEndOnAHoliday()
    {
        Assert.Equal(D(2026, 6, 15), Period.CalendarDays(14).AddTo(D(2026, 6, 1), Cal));
        Assert.Equal(D(2026, 12, 25), Period.CalendarDays(14).AddTo(D(2026, 12, 11), Cal));
    }

    [Fact]
    public void TwoWeeksToCirculateMinutesEndOnTheSameWeekday()
    {
        Assert.Equal(D(2026, 6, 22), Period.Weeks(2).AddTo(D(2026, 6, 8), Cal));
    }

    [Fact]
    public void AReportDueAtLeastOneWeekBeforeAMondayPublicationMustBeSentByTheMondayBefore()
    {
        Assert.Equal(D(2026, 6, 8), Period.Weeks(1).SubtractFrom(D(2026, 6, 15), Cal));
    }

    [Fact]
    public void WorkingDaysCountedBackFromAMondayGoOverTheWeekend()
    {
        Assert.Equal(D(2026, 6, 5), Period.WorkingDays(1).SubtractFrom(D(2026, 6, 8), Cal));
        Assert.Equal(D(2026, 6, 4), Period.WorkingDays(2).SubtractFrom(D(2026, 6, 8), Cal));
    }

    [Fact]
    public void WorkingDaysCountedBackOverEasterSkipGoodFridayAndEasterMonday()
    {
        Assert.Equal(D(2026, 4, 2), Period.WorkingDays(1).SubtractFrom(D(2026, 4, 7), Cal));
    }

    [Fact]
    public void AMonthBeforeThe31stOfMarchIsTheLastDayOfFebruary()
    {
        Assert.Equal(D(2026, 2, 28), Period.CalendarMonths(1).SubtractFrom(D(2026, 3, 31), Cal));
        Assert.Equal(D(2026, 5, 31), Period.CalendarDays(14).SubtractFrom(D(2026, 6, 14), Cal));
    }

    [Theory]
    [InlineData(PeriodUnit.WorkingDays, 5, "5 working days")]
    [InlineData(PeriodUnit.WorkingDays, 1, "1 working day")]
    [InlineData(PeriodUnit.CalendarMonths, 1, "1 month")]
    [InlineData(PeriodUnit.CalendarMonths, 6, "6 months")]
    [InlineData(PeriodUnit.CalendarDays, 14, "14 days")]
    [InlineData(PeriodUnit.CalendarDays, 1, "1 day")]
    [InlineData(PeriodUnit.Weeks, 1, "1 week")]
    [InlineData(PeriodUnit.Weeks, 2, "2 weeks")]
    public void APeriodReadsTheWayTheLawSaysIt(PeriodUnit unit, int count, string text)
    {
        var period = unit switch
        {
            PeriodUnit.WorkingDays => Period.WorkingDays(count),
            PeriodUnit.CalendarDays => Period.CalendarDays(count),
            PeriodUnit.Weeks => Period.Weeks(count),
            _ => Period.CalendarMonths(count),
        };
        Assert.Equal(text, period.ToString());
        Assert.Equal(period, Period.Parse(text));
    }

    [Theory]
    [InlineData("  5  Working Days ", 5, PeriodUnit.WorkingDays)]
    [InlineData("12 calendar months", 12, PeriodUnit.CalendarMonths)]
    [InlineData("14 calendar days", 14, PeriodUnit.CalendarDays)]
    public void ABoardSettingIsReadAsAPeriod(string text, int count, PeriodUnit unit)
    {
        Assert.True(Period.TryParse(text, out var period));
        Assert.Equal(count, period.Count);
        Assert.Equal(unit, period.Unit);
    }

    [Theory]
    [InlineData("")]
    [InlineData("five working days")]
    [InlineData("5 fortnights")]
    [InlineData("-3 days")]
    [InlineData("soon")]
    public void ATextThatIsNotAPeriodIsRefusedWithAPlainExample(string text)
    {
        Assert.False(Period.TryParse(text, out _));
        var error = Assert.Throws<FormatException>(() => Period.Parse(text));
        Assert.Contains("e.g. \"5 working days\"", error.Message);
    }

    [Fact]
    public void ANegativePeriodIsRefused()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Period.WorkingDays(-1));
        Assert.Contains("cannot be a negative number", error.Message);
    }

    [Fact]
    public void PeriodsOfTheSameLengthAndUnitAreEqual()
    {
        Assert.Equal(Period.Weeks(2), Period.Weeks(2));
        Assert.NotEqual(Period.Weeks(2), Period.CalendarDays(14));
    }
}
