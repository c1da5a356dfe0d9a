using System.Globalization;
using ScrBot.Domain.Calendar;

namespace ScrBot.Domain.Tests.Calendar;

public class HumanDatesTests
{
    private static readonly WorkingDayCalendar Cal = WorkingDayCalendar.EnglandAndWales;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void ADateIsWrittenWithItsWeekdayDayMonthAndYear()
    {
        Assert.Equal("Monday 4 January 2027", HumanDates.Format(D(2027, 1, 4)));
        Assert.Equal("Friday 25 December 2026", HumanDates.Format(D(2026, 12, 25)));
    }

    [Fact]
    public void ADateIsWrittenInEnglishWhateverTheMachinesLanguage()
    {
        var before = CultureInfo.CurrentCulture;
        try
        {
            CultureInfo.CurrentCulture = new CultureInfo("fr-FR");
            Assert.Equal("Monday 4 January 2027", HumanDates.Format(D(2027, 1, 4)));
        }
        finally
        {
            CultureInfo.CurrentCulture = before;
        }
    }

    [Fact]
    public void ADeadlineTodayOrTomorrowIsSaidSo()
    {
        Assert.Equal("today", HumanDates.Relative(D(2026, 6, 8), D(2026, 6, 8), Cal));
        Assert.Equal("tomorrow", HumanDates.Relative(D(2026, 6, 9), D(2026, 6, 8), Cal));
    }

    [Fact]
    public void ALaterDeadlineIsCountedInWorkingDays()
    {
        Assert.Equal("in 3 working days", HumanDates.Relative(D(2026, 12, 24), D(2026, 12, 21), Cal));
        // 24 December, then 29 December: Christmas, the weekend and the substitute day do not count.
        Assert.Equal("in 2 working days", HumanDates.Relative(D(2026, 12, 29), D(2026, 12, 23), Cal));
        Assert.Equal("in 1 working day", HumanDates.Relative(D(2026, 6, 8), D(2026, 6, 5), Cal));
    }

    [Fact]
    public void APassedDeadlineIsOverdueByTheWorkingDaysSince()
    {
        Assert.Equal("2 working days overdue", HumanDates.Relative(D(2026, 6, 8), D(2026, 6, 10), Cal));
        Assert.Equal("1 working day overdue", HumanDates.Relative(D(2026, 6, 5), D(2026, 6, 8), Cal));
    }

    [Fact]
    public void APassedDeadlineWithNoWorkingDaySinceIsStillOverdue()
    {
        Assert.Equal("overdue since Friday 24 December 2021", HumanDates.Relative(D(2021, 12, 24), D(2021, 12, 28), Cal));
    }

    [Fact]
    public void ADeadlineWithNoWorkingDayBeforeItIsGivenByDate()
    {
        Assert.Equal("on Sunday 7 June 2026", HumanDates.Relative(D(2026, 6, 7), D(2026, 6, 5), Cal));
    }

    [Fact]
    public void ADeadlineIsShownWithItsDateAndWhenItFalls()
    {
        Assert.Equal("Thursday 24 December 2026 (in 3 working days)", HumanDates.FormatWithRelative(D(2026, 12, 24), D(2026, 12, 21), Cal));
        Assert.Equal("Friday 24 December 2021 (overdue)", HumanDates.FormatWithRelative(D(2021, 12, 24), D(2021, 12, 28), Cal));
        Assert.Equal("Sunday 7 June 2026", HumanDates.FormatWithRelative(D(2026, 6, 7), D(2026, 6, 5), Cal));
    }

    [Fact]
    public void AnOfficeClosureCountsAgainstTheDaysLeft()
    {
        var cal = new WorkingDayCalendar([new Closure(D(2026, 12, 22), "Office closed")]);
        Assert.Equal("in 2 working days", HumanDates.Relative(D(2026, 12, 24), D(2026, 12, 21), cal));
    }
}
