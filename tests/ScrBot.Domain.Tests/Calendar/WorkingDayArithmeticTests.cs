using ScrBot.Domain.Calendar;

namespace ScrBot.Domain.Tests.Calendar;

public class WorkingDayArithmeticTests
{
    private static readonly WorkingDayCalendar Cal = WorkingDayCalendar.EnglandAndWales;

    private static DateOnly D(int y, int m, int d) => new(y, m, d);

    [Fact]
    public void FiveWorkingDaysFromTheMondayBeforeChristmas2026SkipChristmasAndTheBoxingDaySubstitute()
    {
        // 22, 23, 24 Dec; 25 Christmas Day; 26-27 weekend; 28 Boxing Day (substitute day); 29, 30 Dec.
        Assert.Equal(D(2026, 12, 30), Cal.AddWorkingDays(D(2026, 12, 21), 5));
    }

    [Fact]
    public void EightWorkingDaysFromTheMondayBeforeChristmas2026AlsoSkipNewYearsDay2027()
    {
        // ... 30, 31 Dec; 1 Jan 2027 New Year's Day; 2-3 weekend; 4, 5 Jan.
        Assert.Equal(D(2027, 1, 5), Cal.AddWorkingDays(D(2026, 12, 21), 8));
    }

    [Fact]
    public void WhenChristmasFallsOnASaturdayIn2021BothSubstituteDaysAndTheNewYearSubstituteAreSkipped()
    {
        // 24 Dec; 27 and 28 Dec substitutes; 29, 30, 31 Dec; 1-2 Jan weekend; 3 Jan 2022 New Year substitute; 4 Jan.
        Assert.Equal(D(2022, 1, 4), Cal.AddWorkingDays(D(2021, 12, 23), 5));
    }

    [Fact]
    public void WhenChristmasFallsOnASundayIn2022BoxingDayAndTheChristmasSubstituteAreSkipped()
    {
        // 26 Dec Boxing Day; 27 Dec Christmas substitute; 28, 29, 30 Dec; 2 Jan 2023 New Year substitute; 3, 4 Jan.
        Assert.Equal(D(2023, 1, 4), Cal.AddWorkingDays(D(2022, 12, 23), 5));
    }

    [Fact]
    public void WhenChristmasFallsOnASaturdayIn2027TheCountRunsIntoTheNewYearSubstituteOf2028()
    {
        // 24 Dec; 27, 28 Dec substitutes; 29, 30, 31 Dec; 3 Jan 2028 New Year substitute; 4 Jan.
        Assert.Equal(D(2028, 1, 4), Cal.AddWorkingDays(D(2027, 12, 23), 5));
    }

    [Fact]
    public void FiveWorkingDaysFromTheThursdayBeforeEaster2026EndOnTheMondayAfterTheEasterWeek()
    {
        // 3 Apr Good Friday; 4-5 weekend; 6 Apr Easter Monday; 7, 8, 9, 10, 13 Apr.
        Assert.Equal(D(2026, 4, 13), Cal.AddWorkingDays(D(2026, 4, 2), 5));
    }

    [Fact]
    public void OneWorkingDayAfterTheDayBeforeThePlatinumJubileeIsTheFollowingMonday()
    {
        Assert.Equal(D(2022, 6, 6), Cal.AddWorkingDays(D(2022, 6, 1), 1));
    }

    [Fact]
    public void TheMondayThatWasNotTheSpringBankHolidayIn2022CountsAsAWorkingDay()
    {
        Assert.Equal(D(2022, 5, 30), Cal.AddWorkingDays(D(2022, 5, 27), 1));
    }

    [Fact]
    public void TheStateFuneralDayIsSkipped()
    {
        Assert.Equal(D(2022, 9, 20), Cal.AddWorkingDays(D(2022, 9, 16), 1));
    }

    [Fact]
    public void VeDay2020IsSkippedButTheUsualEarlyMayMondayIsCounted()
    {
        // 4 May 2020 is a working day; 8 May 2020 is not.
        Assert.Equal(D(2020, 5, 4), Cal.AddWorkingDays(D(2020, 5, 1), 1));
        Assert.Equal(D(2020, 5, 11), Cal.AddWorkingDays(D(2020, 5, 7), 1));
    }

    [Fact]
    public void BothMayBankHolidaysOf2023AreSkipped()
    {
        Assert.Equal(D(2023, 5, 2), Cal.AddWorkingDays(D(2023, 4, 28), 1));
        Assert.Equal(D(2023, 5, 9), Cal.AddWorkingDays(D(2023, 5, 5), 1));
        Assert.Equal(8, Cal.WorkingDaysBetween(D(2023, 4, 28), D(2023, 5, 12)));
    }

    [Fact]
    public void ZeroWorkingDaysAfterADayIsThatDay()
    {
        Assert.Equal(D(2026, 12, 26), Cal.AddWorkingDays(D(2026, 12, 26), 0));
    }

    [Fact]
    public void CountingFromAWeekendStartsWithTheNextWorkingDay()
    {
        Assert.Equal(D(2026, 6, 8), Cal.AddWorkingDays(D(2026, 6, 6), 1));
    }

    [Fact]
    public void OneWorkingDayBeforeAMondayIsTheFridayBefore()
    {
        Assert.Equal(D(2026, 6, 5), Cal.SubtractWorkingDays(D(2026, 6, 8), 1));
        Assert.Equal(D(2026, 6, 4), Cal.SubtractWorkingDays(D(2026, 6, 8), 2));
    }

    [Fact]
    public void WorkingDaysCountedBackOverChristmas2026SkipTheHolidaysAndTheWeekend()
    {
        // 28 Dec substitute, 26-27 weekend, 25 Christmas Day: the working day before 29 Dec is 24 Dec.
        Assert.Equal(D(2026, 12, 24), Cal.SubtractWorkingDays(D(2026, 12, 29), 1));
        Assert.Equal(D(2026, 12, 23), Cal.SubtractWorkingDays(D(2026, 12, 29), 2));
    }

    [Fact]
    public void ANegativeCountGoesTheOtherWay()
    {
        Assert.Equal(Cal.SubtractWorkingDays(D(2026, 12, 29), 2), Cal.AddWorkingDays(D(2026, 12, 29), -2));
        Assert.Equal(Cal.AddWorkingDays(D(2026, 12, 21), 5), Cal.SubtractWorkingDays(D(2026, 12, 21), -5));
    }

    [Fact]
    public void WorkingDaysBetweenCountsTheDaysAfterTheFirstUpToAndIncludingTheSecond()
    {
        Assert.Equal(5, Cal.WorkingDaysBetween(D(2026, 12, 21), D(2026, 12, 30)));
        Assert.Equal(-5, Cal.WorkingDaysBetween(D(2026, 12, 30), D(2026, 12, 21)));
        Assert.Equal(0, Cal.WorkingDaysBetween(D(2026, 12, 24), D(2026, 12, 28)));
        Assert.Equal(0, Cal.WorkingDaysBetween(D(2026, 6, 8), D(2026, 6, 8)));
    }

    [Fact]
    public void AddingAndCountingWorkingDaysAgreeOnEveryDayFrom2019To2028()
    {
        for (var day = D(2019, 1, 1); day <= D(2028, 12, 31); day = day.AddDays(1))
        {
            foreach (var n in new[] { 0, 1, 2, 5, 20 })
            {
                var end = Cal.AddWorkingDays(day, n);
                Assert.Equal(n, Cal.WorkingDaysBetween(day, end));
                if (n > 0)
                {
                    Assert.True(Cal.IsWorkingDay(end));
                    Assert.True(Cal.IsWorkingDay(Cal.SubtractWorkingDays(day, n)));
                }

                if (Cal.IsWorkingDay(day))
                {
                    Assert.Equal(day, Cal.SubtractWorkingDays(end, n));
                }
            }
        }
    }

    [Fact]
    public void TheBoardsOfficeClosureDaysAreNotWorkingDays()
    {
        var cal = new WorkingDayCalendar([new Closure(D(2026, 12, 23), "Office closed for Christmas")]);

        Assert.False(cal.IsWorkingDay(D(2026, 12, 23)));
        Assert.Equal("Office closed for Christmas", cal.NonWorkingReason(D(2026, 12, 23)));
        Assert.Equal(D(2026, 12, 31), cal.AddWorkingDays(D(2026, 12, 21), 5));
        Assert.Equal(D(2026, 12, 22), cal.SubtractWorkingDays(D(2026, 12, 29), 2));
        Assert.DoesNotContain(cal.BankHolidays(2026), h => h.Date == D(2026, 12, 23));
    }

    [Fact]
    public void AnotherBoardsClosuresDoNotChangeTheEnglandAndWalesCalendar()
    {
        _ = new WorkingDayCalendar([new Closure(D(2026, 12, 23), "Office closed")]);
        Assert.True(WorkingDayCalendar.EnglandAndWales.IsWorkingDay(D(2026, 12, 23)));
        Assert.Equal(D(2026, 12, 30), WorkingDayCalendar.EnglandAndWales.AddWorkingDays(D(2026, 12, 21), 5));
    }

    [Fact]
    public void AClosureNamedTwiceIsKeptOnce()
    {
        var cal = new WorkingDayCalendar(
        [
            new Closure(D(2026, 8, 28), "Staff training"),
            new Closure(D(2026, 8, 28), "Staff training again"),
            new Closure(D(2026, 8, 27), "Office move"),
        ]);
        Assert.Equal([D(2026, 8, 27), D(2026, 8, 28)], cal.Closures.Select(c => c.Date));
        Assert.Equal(D(2026, 9, 1), cal.AddWorkingDays(D(2026, 8, 26), 1));
    }

    [Fact]
    public void ADateFallingOnAHolidayMovesToTheNextOrPreviousWorkingDayOnlyWhenAsked()
    {
        Assert.Equal(D(2026, 12, 29), Cal.OnOrNextWorkingDay(D(2026, 12, 25)));
        Assert.Equal(D(2026, 12, 24), Cal.OnOrPreviousWorkingDay(D(2026, 12, 28)));
        Assert.Equal(D(2026, 12, 24), Cal.OnOrNextWorkingDay(D(2026, 12, 24)));
    }
}
