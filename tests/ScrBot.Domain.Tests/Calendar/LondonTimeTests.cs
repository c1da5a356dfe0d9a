using Microsoft.Extensions.Time.Testing;
using ScrBot.Domain.Calendar;

namespace ScrBot.Domain.Tests.Calendar;

public class LondonTimeTests
{
    private static DateTimeOffset Utc(int y, int mo, int d, int h, int mi) => new(y, mo, d, h, mi, 0, TimeSpan.Zero);

    [Fact]
    public void HalfPastElevenAtNightUtcInSummerIsAlreadyTheNextDayInLondon()
    {
        Assert.Equal(new DateOnly(2026, 7, 1), LondonTime.DateOf(Utc(2026, 6, 30, 23, 30)));
        Assert.Equal(new TimeOnly(0, 30), LondonTime.TimeOfDayOf(Utc(2026, 6, 30, 23, 30)));
    }

    [Fact]
    public void HalfPastElevenAtNightUtcInWinterIsStillTheSameDayInLondon()
    {
        Assert.Equal(new DateOnly(2026, 1, 31), LondonTime.DateOf(Utc(2026, 1, 31, 23, 30)));
        Assert.Equal(new DateOnly(2026, 2, 1), LondonTime.DateOf(Utc(2026, 2, 1, 0, 0)));
    }

    [Fact]
    public void AnInstantGivenWithAnotherOffsetIsReadAsTheSameMoment()
    {
        // 09:00 in New York on 30 June is 14:00 in London.
        var newYork = new DateTimeOffset(2026, 6, 30, 9, 0, 0, TimeSpan.FromHours(-4));
        Assert.Equal(new DateTimeOffset(2026, 6, 30, 14, 0, 0, TimeSpan.FromHours(1)), LondonTime.ToLondon(newYork));
        Assert.Equal(TimeSpan.FromHours(1), LondonTime.ToLondon(newYork).Offset);
    }

    [Fact]
    public void NineInTheMorningIsAnHourEarlierInUtcOnceBritishSummerTimeHasStarted()
    {
        Assert.Equal(Utc(2026, 3, 28, 9, 0), LondonTime.ToInstant(new DateOnly(2026, 3, 28), new TimeOnly(9, 0)));
        Assert.Equal(Utc(2026, 3, 29, 8, 0), LondonTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(9, 0)));
        Assert.Equal(TimeSpan.FromHours(1), LondonTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(9, 0)).Offset);
    }

    [Fact]
    public void NineInTheMorningIsNineInUtcOnceBritishSummerTimeHasEnded()
    {
        Assert.Equal(Utc(2026, 10, 24, 8, 0), LondonTime.ToInstant(new DateOnly(2026, 10, 24), new TimeOnly(9, 0)));
        Assert.Equal(Utc(2026, 10, 25, 9, 0), LondonTime.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(9, 0)));
    }

    [Fact]
    public void ATimeTheClocksSkipInMarchMovesForwardByTheHourSkipped()
    {
        // 01:30 on 29 March 2026 never shows on London clocks; 02:30 BST is 01:30 UTC.
        Assert.Equal(Utc(2026, 3, 29, 1, 30), LondonTime.ToInstant(new DateOnly(2026, 3, 29), new TimeOnly(1, 30)));
    }

    [Fact]
    public void ATimeTheClocksShowTwiceInOctoberIsTakenTheFirstTime()
    {
        // 01:30 on 25 October 2026 shows first in BST (00:30 UTC), then in GMT (01:30 UTC).
        Assert.Equal(Utc(2026, 10, 25, 0, 30), LondonTime.ToInstant(new DateOnly(2026, 10, 25), new TimeOnly(1, 30)));
    }

    [Fact]
    public void ALondonDayBeginsAtLocalMidnightAndEndsAtTheNextOne()
    {
        Assert.Equal(Utc(2026, 6, 30, 23, 0), LondonTime.StartOfDay(new DateOnly(2026, 7, 1)));
        Assert.Equal(Utc(2026, 1, 1, 0, 0), LondonTime.StartOfDay(new DateOnly(2026, 1, 1)));
        // The day BST starts is 23 hours long.
        Assert.Equal(TimeSpan.FromHours(23),
            LondonTime.EndOfDay(new DateOnly(2026, 3, 29)) - LondonTime.StartOfDay(new DateOnly(2026, 3, 29)));
    }

    [Fact]
    public void TodayIsTheLondonDateOfTheClockNotTheUtcDate()
    {
        var clock = new FakeTimeProvider(Utc(2026, 6, 30, 23, 30));
        Assert.Equal(new DateOnly(2026, 7, 1), LondonTime.Today(clock));

        clock.SetUtcNow(Utc(2026, 12, 31, 23, 30));
        Assert.Equal(new DateOnly(2026, 12, 31), LondonTime.Today(clock));
    }

    [Fact]
    public void ADateAndTimeInLondonComesBackAsTheSameDateAndTime()
    {
        for (var day = new DateOnly(2026, 1, 1); day.Year == 2026; day = day.AddDays(1))
        {
            var instant = LondonTime.ToInstant(day, new TimeOnly(17, 0));
            Assert.Equal(day, LondonTime.DateOf(instant));
            Assert.Equal(new TimeOnly(17, 0), LondonTime.TimeOfDayOf(instant));
        }
    }
}
