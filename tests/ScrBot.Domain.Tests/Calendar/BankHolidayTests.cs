using ScrBot.Domain.Calendar;

namespace ScrBot.Domain.Tests.Calendar;

public class BankHolidayTests
{
    private static readonly WorkingDayCalendar Cal = WorkingDayCalendar.EnglandAndWales;

    // The bank holidays of England and Wales as published on GOV.UK (gov.uk/bank-holidays), 2019 to 2027.
    public static TheoryData<int, string[]> GovUkLists => new()
    {
        {
            2019,
            [
                "2019-01-01 New Year's Day", "2019-04-19 Good Friday", "2019-04-22 Easter Monday",
                "2019-05-06 Early May bank holiday", "2019-05-27 Spring bank holiday", "2019-08-26 Summer bank holiday",
                "2019-12-25 Christmas Day", "2019-12-26 Boxing Day",
            ]
        },
        {
            2020,
            [
                "2020-01-01 New Year's Day", "2020-04-10 Good Friday", "2020-04-13 Easter Monday",
                "2020-05-08 Early May bank holiday (VE day)", "2020-05-25 Spring bank holiday",
                "2020-08-31 Summer bank holiday", "2020-12-25 Christmas Day", "2020-12-28 Boxing Day (substitute day)",
            ]
        },
        {
            2021,
            [
                "2021-01-01 New Year's Day", "2021-04-02 Good Friday", "2021-04-05 Easter Monday",
                "2021-05-03 Early May bank holiday", "2021-05-31 Spring bank holiday", "2021-08-30 Summer bank holiday",
                "2021-12-27 Christmas Day (substitute day)", "2021-12-28 Boxing Day (substitute day)",
            ]
        },
        {
            2022,
            [
                "2022-01-03 New Year's Day (substitute day)", "2022-04-15 Good Friday", "2022-04-18 Easter Monday",
                "2022-05-02 Early May bank holiday", "2022-06-02 Spring bank holiday",
                "2022-06-03 Platinum Jubilee bank holiday", "2022-08-29 Summer bank holiday",
                "2022-09-19 Bank Holiday for the State Funeral of Queen Elizabeth II",
                "2022-12-26 Boxing Day", "2022-12-27 Christmas Day (substitute day)",
            ]
        },
        {
            2023,
            [
                "2023-01-02 New Year's Day (substitute day)", "2023-04-07 Good Friday", "2023-04-10 Easter Monday",
                "2023-05-01 Early May bank holiday", "2023-05-08 Bank holiday for the coronation of King Charles III",
                "2023-05-29 Spring bank holiday", "2023-08-28 Summer bank holiday",
                "2023-12-25 Christmas Day", "2023-12-26 Boxing Day",
            ]
        },
        {
            2024,
            [
                "2024-01-01 New Year's Day", "2024-03-29 Good Friday", "2024-04-01 Easter Monday",
                "2024-05-06 Early May bank holiday", "2024-05-27 Spring bank holiday", "2024-08-26 Summer bank holiday",
                "2024-12-25 Christmas Day", "2024-12-26 Boxing Day",
            ]
        },
        {
            2025,
            [
                "2025-01-01 New Year's Day", "2025-04-18 Good Friday", "2025-04-21 Easter Monday",
                "2025-05-05 Early May bank holiday", "2025-05-26 Spring bank holiday", "2025-08-25 Summer bank holiday",
                "2025-12-25 Christmas Day", "2025-12-26 Boxing Day",
            ]
        },
        {
            2026,
            [
                "2026-01-01 New Year's Day", "2026-04-03 Good Friday", "2026-04-06 Easter Monday",
                "2026-05-04 Early May bank holiday", "2026-05-25 Spring bank holiday", "2026-08-31 Summer bank holiday",
                "2026-12-25 Christmas Day", "2026-12-28 Boxing Day (substitute day)",
            ]
        },
        {
            2027,
            [
                "2027-01-01 New Year's Day", "2027-03-26 Good Friday", "2027-03-29 Easter Monday",
                "2027-05-03 Early May bank holiday", "2027-05-31 Spring bank holiday", "2027-08-30 Summer bank holiday",
                "2027-12-27 Christmas Day (substitute day)", "2027-12-28 Boxing Day (substitute day)",
            ]
        },
    };

    [Theory]
    [MemberData(nameof(GovUkLists))]
    public void BankHolidaysOfEachYearAreThoseGovUkPublishesForEnglandAndWales(int year, string[] expected)
    {
        var actual = Cal.BankHolidays(year).Select(h => $"{h.Date:yyyy-MM-dd} {h.Name}").ToArray();
        Assert.Equal(expected, actual);
    }

    [Theory]
    [MemberData(nameof(GovUkLists))]
    public void NoBankHolidayIsAWorkingDay(int year, string[] expected)
    {
        foreach (var date in expected.Select(e => DateOnly.ParseExact(e[..10], "yyyy-MM-dd")))
        {
            Assert.Equal(year, date.Year);
            Assert.False(Cal.IsWorkingDay(date), $"{date} should not be a working day");
            Assert.True(Cal.IsBankHoliday(date));
        }
    }

    [Theory]
    [InlineData(2019, "2019-04-21")]
    [InlineData(2020, "2020-04-12")]
    [InlineData(2021, "2021-04-04")]
    [InlineData(2022, "2022-04-17")]
    [InlineData(2023, "2023-04-09")]
    [InlineData(2024, "2024-03-31")]
    [InlineData(2025, "2025-04-20")]
    [InlineData(2026, "2026-04-05")]
    [InlineData(2027, "2027-03-28")]
    [InlineData(2038, "2038-04-25")]
    [InlineData(2285, "2285-03-22")]
    [InlineData(1943, "1943-04-25")]
    [InlineData(1818, "1818-03-22")]
    public void EasterSundayFollowsTheGregorianComputus(int year, string easter)
    {
        Assert.Equal(DateOnly.Parse(easter), WorkingDayCalendar.EasterSunday(year));
    }

    [Fact]
    public void TheEarlyMayBankHolidayOf2020MovedToVeDayAndMonday4MayWasAWorkingDay()
    {
        Assert.False(Cal.IsWorkingDay(new DateOnly(2020, 5, 8)));
        Assert.True(Cal.IsWorkingDay(new DateOnly(2020, 5, 4)));
    }

    [Fact]
    public void TheSpringBankHolidayOf2022MovedToThe2ndOfJuneSo30MayWasAWorkingDay()
    {
        Assert.True(Cal.IsWorkingDay(new DateOnly(2022, 5, 30)));
        Assert.False(Cal.IsWorkingDay(new DateOnly(2022, 6, 2)));
        Assert.False(Cal.IsWorkingDay(new DateOnly(2022, 6, 3)));
        Assert.False(Cal.IsWorkingDay(new DateOnly(2022, 9, 19)));
    }

    [Fact]
    public void TheCoronationBankHolidayCameOnTopOfTheEarlyMayBankHolidayIn2023()
    {
        Assert.False(Cal.IsWorkingDay(new DateOnly(2023, 5, 1)));
        Assert.False(Cal.IsWorkingDay(new DateOnly(2023, 5, 8)));
        Assert.Equal(9, Cal.BankHolidays(2023).Count);
    }

    [Theory]
    [InlineData("2028-01-03", "New Year's Day (substitute day)")] // 1 January 2028 is a Saturday
    [InlineData("2034-01-02", "New Year's Day (substitute day)")] // 1 January 2034 is a Sunday
    [InlineData("2032-12-27", "Christmas Day (substitute day)")] // 25 December 2032 is a Saturday
    [InlineData("2033-12-27", "Christmas Day (substitute day)")] // 25 December 2033 is a Sunday
    [InlineData("2033-12-26", "Boxing Day")]
    [InlineData("2031-12-26", "Boxing Day")] // 25 December 2031 is a Thursday: no substitute
    public void SubstituteDaysFollowTheSameRulesInLaterYears(string date, string name)
    {
        var day = DateOnly.Parse(date);
        Assert.Contains(new BankHoliday(day, name), Cal.BankHolidays(day.Year));
    }

    [Fact]
    public void EveryYearHasEightBankHolidaysOnWeekdaysUnlessAOneOffChangesIt()
    {
        var oneOffYears = BankHolidayChanges.EnglandAndWales.Select(c => c.Date.Year).ToHashSet();
        for (var year = 1990; year <= 2100; year++)
        {
            var holidays = Cal.BankHolidays(year);
            Assert.All(holidays, h => Assert.True(h.Date.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)));
            Assert.All(holidays, h => Assert.Equal(year, h.Date.Year));
            if (!oneOffYears.Contains(year))
            {
                Assert.Equal(8, holidays.Count);
            }
        }
    }

    [Fact]
    public void AWeekendOrHolidaySaysWhyNoWorkIsDone()
    {
        Assert.Equal("Saturday", Cal.NonWorkingReason(new DateOnly(2026, 12, 26)));
        Assert.Equal("Boxing Day (substitute day)", Cal.NonWorkingReason(new DateOnly(2026, 12, 28)));
        Assert.Null(Cal.NonWorkingReason(new DateOnly(2026, 12, 29)));
    }
}
