using ScrBot.Domain.Calendar;
using ScrBot.Domain.Scheduling;

namespace ScrBot.Domain.Tests.Scheduling;

/// <summary>
/// Finding a Scoping Panel slot on worked calendars: working hours are 09:30 to 16:30 Europe/London, a meeting is two
/// hours, the window is ten working days of England and Wales (GOV.UK's bank holidays) less the board's closures.
/// </summary>
public class SlotFinderTests
{
    private static readonly WorkingDayCalendar Cal = WorkingDayCalendar.EnglandAndWales;
    private static readonly Invitee Chair = new("isaiahl@board.example", "Isaiah Langer", Required: true);
    private static readonly Invitee Police = new("pattif@board.example", "Patti Fernandez", Required: true);
    private static readonly Invitee Health = new("nurse@board.example", "Nina Shah", Required: false);
    private static readonly Invitee School = new("head@school.example", "Sam Reid", Required: false);
    private static readonly Invitee ExternalPolice = new("dc.jones@police.example", "DC Jones", Required: true);

    private static DateTimeOffset London(int year, int month, int day, int hour, int minute = 0) =>
        LondonTime.ToInstant(new DateOnly(year, month, day), new TimeOnly(hour, minute));

    private static InviteeAvailability Free(Invitee invitee) => new(invitee, []);

    private static InviteeAvailability BusyAt(Invitee invitee, params BusyPeriod[] busy) => new(invitee, busy);

    private static BusyPeriod AllDay(DateOnly date, BusyKind kind) =>
        new(LondonTime.StartOfDay(date), LondonTime.EndOfDay(date), kind);

    [Fact]
    public void ABankHolidayInTheWindowIsSkippedAndNamedAndTheWindowStillHoldsTenWorkingDays()
    {
        // Thursday 27 August 2026; Monday 31 August is the Summer bank holiday.
        var search = new SlotSearch { FirstDay = new DateOnly(2026, 8, 27) };

        var result = SlotFinder.Find(search, [Free(Chair), Free(Police)], Cal);

        Assert.Equal(10, result.Window.Days.Count);
        Assert.Equal(new DateOnly(2026, 9, 10), result.Window.LastDay);
        Assert.Contains(new SkippedDay(new DateOnly(2026, 8, 31), "Summer bank holiday"), result.Window.Skipped);
        Assert.Contains(new SkippedDay(new DateOnly(2026, 8, 29), "Saturday"), result.Window.Skipped);
        Assert.DoesNotContain(result.Slots, s => LondonTime.DateOf(s.Start) == new DateOnly(2026, 8, 31));
    }

    [Fact]
    public void TheBoardsClosureDaysAreSkippedWithTheirReason()
    {
        var board = new WorkingDayCalendar([new Closure(new DateOnly(2026, 12, 29), "Office closed")]);
        var search = new SlotSearch { FirstDay = new DateOnly(2026, 12, 21), WorkingDays = 5 };

        var result = SlotFinder.Find(search, [Free(Chair)], board);

        Assert.Equal([new DateOnly(2026, 12, 21), new DateOnly(2026, 12, 22), new DateOnly(2026, 12, 23), new DateOnly(2026, 12, 24), new DateOnly(2026, 12, 30)], result.Window.Days);
        Assert.Contains(new SkippedDay(new DateOnly(2026, 12, 25), "Christmas Day"), result.Window.Skipped);
        Assert.Contains(new SkippedDay(new DateOnly(2026, 12, 29), "Office closed"), result.Window.Skipped);
    }

    [Fact]
    public void EverySlotIsWithinWorkingHoursInLondonAndTheBestComeFirstWithoutOverlapping()
    {
        var search = new SlotSearch { FirstDay = new DateOnly(2026, 12, 1), WorkingDays = 2 };

        var result = SlotFinder.Find(search, [Free(Chair), Free(Police)], Cal);

        Assert.Equal(5, result.Slots.Count);
        Assert.Equal(London(2026, 12, 1, 9, 30), result.Slots[0].Start);
        Assert.Equal(London(2026, 12, 1, 11, 30), result.Slots[0].End);
        Assert.All(result.Slots, s =>
        {
            Assert.True(LondonTime.TimeOfDayOf(s.Start) >= new TimeOnly(9, 30));
            Assert.True(LondonTime.TimeOfDayOf(s.End) <= new TimeOnly(16, 30));
        });
        Assert.All(result.Slots, a => Assert.DoesNotContain(result.Slots, b => !ReferenceEquals(a, b) && a.Start < b.End && b.Start < a.End));
    }

    [Fact]
    public void AnAllDayOutOfOfficeKeepsARequiredPersonsDayFreeOfSlotsButOnlyCountsAgainstAnOptionalOne()
    {
        var monday = new DateOnly(2026, 12, 7);
        var search = new SlotSearch { FirstDay = monday, WorkingDays = 2 };

        var requiredAway = SlotFinder.Find(search, [BusyAt(Police, AllDay(monday, BusyKind.OutOfOffice)), Free(Chair)], Cal);
        var optionalAway = SlotFinder.Find(search with { WorkingDays = 1 }, [BusyAt(Health, AllDay(monday, BusyKind.OutOfOffice)), Free(Chair)], Cal);

        Assert.All(requiredAway.Slots, s => Assert.Equal(new DateOnly(2026, 12, 8), LondonTime.DateOf(s.Start)));
        Assert.NotEmpty(requiredAway.Slots);
        Assert.NotEmpty(optionalAway.Slots);
        Assert.All(optionalAway.Slots, s => Assert.Equal([Health], s.OptionalBusy));
    }

    [Fact]
    public void WhenTheClocksGoBackInsideTheWindowWorkingHoursStayInLondonTime()
    {
        // BST ends on Sunday 25 October 2026. Friday 23rd is BST (UTC+1), Monday 26th is GMT (UTC+0).
        var search = new SlotSearch { FirstDay = new DateOnly(2026, 10, 23), WorkingDays = 2, MaxOffered = 10 };
        // 09:00-10:00 UTC is 10:00-11:00 on Friday (BST) but 09:00-10:00 on Monday (GMT).
        var chair = BusyAt(Chair,
            new BusyPeriod(new DateTimeOffset(2026, 10, 23, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 23, 10, 0, 0, TimeSpan.Zero), BusyKind.Busy),
            new BusyPeriod(new DateTimeOffset(2026, 10, 26, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 10, 26, 10, 0, 0, TimeSpan.Zero), BusyKind.Busy));

        var result = SlotFinder.Find(search, [chair], Cal);
        var friday = result.Slots.Where(s => LondonTime.DateOf(s.Start) == new DateOnly(2026, 10, 23)).Select(s => s.Start).Order().ToList();
        var monday = result.Slots.Where(s => LondonTime.DateOf(s.Start) == new DateOnly(2026, 10, 26)).Select(s => s.Start).Order().ToList();

        // Friday: busy 10:00-11:00 London, so the first two-hour slot is 11:00-13:00 London = 10:00 UTC.
        Assert.Equal(new DateTimeOffset(2026, 10, 23, 10, 0, 0, TimeSpan.Zero), friday[0]);
        // Monday: busy 09:00-10:00 London, so 10:00-12:00 London = 10:00 UTC... and 09:30 London would overlap.
        Assert.Equal(new DateTimeOffset(2026, 10, 26, 10, 0, 0, TimeSpan.Zero), monday[0]);
        Assert.All(result.Slots, s => Assert.InRange(LondonTime.TimeOfDayOf(s.Start), new TimeOnly(9, 30), new TimeOnly(14, 30)));
    }

    [Fact]
    public void AnExternalAttendeeIsShownAsAvailabilityUnknownNeitherFreeNorBlocking()
    {
        var search = new SlotSearch { FirstDay = new DateOnly(2026, 12, 1), WorkingDays = 1 };

        var result = SlotFinder.Find(search, [Free(Chair), InviteeAvailability.Unknown(ExternalPolice), InviteeAvailability.Unknown(School)], Cal);

        Assert.True(result.Found);
        Assert.Equal([ExternalPolice, School], result.AvailabilityUnknown);
        Assert.All(result.Slots, s =>
        {
            Assert.Equal([ExternalPolice, School], s.AvailabilityUnknown);
            Assert.DoesNotContain(School, s.OptionalFree);
        });
        Assert.Empty(result.Blockers);
    }

    [Fact]
    public void ARequiredPersonNeverFreeBlocksEverySlotIsNamedAndTheNextWindowIsOffered()
    {
        var search = new SlotSearch { FirstDay = new DateOnly(2026, 12, 1) };
        var window = SlotFinder.WindowOf(search, Cal);
        var allWindow = new BusyPeriod(LondonTime.StartOfDay(window.FirstDay), LondonTime.EndOfDay(window.LastDay), BusyKind.Busy);
        var tuesdayMorning = new BusyPeriod(London(2026, 12, 1, 9, 0), London(2026, 12, 1, 12, 0), BusyKind.Busy);

        var result = SlotFinder.Find(search, [BusyAt(Police, allWindow), BusyAt(Chair, tuesdayMorning), Free(Health)], Cal);

        Assert.False(result.Found);
        Assert.Equal(Police, result.Blockers[0].Invitee);
        Assert.True(result.Blockers[0].NeverFree);
        Assert.Equal(Chair, result.Blockers[1].Invitee);
        Assert.False(result.Blockers[1].NeverFree);
        Assert.Equal(new DateOnly(2026, 12, 14), window.LastDay);
        Assert.Equal(new DateOnly(2026, 12, 15), result.NextWindow.FirstDay);

        var next = SlotFinder.Find(result.NextWindow, [BusyAt(Police, allWindow), Free(Chair)], Cal);
        Assert.True(next.Found);
        Assert.Equal(London(2026, 12, 15, 9, 30), next.Slots[0].Start);
    }

    [Fact]
    public void SlotsWithEveryoneRequiredFreeComeFirstThenThoseWithTheMostOptionalPeopleFree()
    {
        var tuesday = new DateOnly(2026, 12, 1);
        var search = new SlotSearch { FirstDay = tuesday, WorkingDays = 1, MaxOffered = 3 };
        // The chair is tentative in the morning; the health lead is busy at lunchtime.
        var chair = BusyAt(Chair, new BusyPeriod(London(2026, 12, 1, 9, 30), London(2026, 12, 1, 11, 30), BusyKind.Tentative));
        var health = BusyAt(Health, new BusyPeriod(London(2026, 12, 1, 12, 0), London(2026, 12, 1, 14, 0), BusyKind.Busy));

        var result = SlotFinder.Find(search, [chair, Free(Police), health], Cal);

        Assert.True(result.Slots[0].EveryoneRequiredFree);
        Assert.Equal([Health], result.Slots[0].OptionalFree);
        Assert.Equal(London(2026, 12, 1, 14, 0), result.Slots[0].Start);
        Assert.Equal(London(2026, 12, 1, 11, 30), result.Slots[1].Start);
        Assert.Equal([Health], result.Slots[1].OptionalBusy);
        Assert.False(result.Slots[2].EveryoneRequiredFree);
        Assert.Equal([Chair], result.Slots[2].RequiredTentative);
    }

    [Fact]
    public void TheDefaultWindowIsTheNextTenWorkingDaysAfterToday()
    {
        // Friday 18 December 2026, afternoon: the window starts on Monday 21st and skips Christmas, Boxing Day's substitute
        // and New Year's Day.
        var search = SlotSearch.NextWorkingDays(London(2026, 12, 18, 15, 0), Cal);

        var window = SlotFinder.WindowOf(search, Cal);

        Assert.Equal(new DateOnly(2026, 12, 21), window.FirstDay);
        Assert.Equal(10, window.Days.Count);
        Assert.Equal(new DateOnly(2027, 1, 6), window.LastDay);
        Assert.Contains(new SkippedDay(new DateOnly(2026, 12, 28), "Boxing Day (substitute day)"), window.Skipped);
        Assert.Contains(new SkippedDay(new DateOnly(2027, 1, 1), "New Year's Day"), window.Skipped);
    }

    [Fact]
    public void AProposedTimeSaysWhoIsBusyThenAndWhenItIsOutsideWorkingTime()
    {
        var chair = BusyAt(Chair, new BusyPeriod(London(2026, 12, 1, 10, 0), London(2026, 12, 1, 11, 0), BusyKind.Busy));
        var health = BusyAt(Health, new BusyPeriod(London(2026, 12, 1, 9, 0), London(2026, 12, 1, 10, 0), BusyKind.Tentative));
        InviteeAvailability[] people = [chair, Free(Police), health, InviteeAvailability.Unknown(ExternalPolice)];

        var clash = SlotFinder.Assess(London(2026, 12, 1, 9, 30), London(2026, 12, 1, 11, 30), people, Cal);
        var late = SlotFinder.Assess(London(2026, 12, 1, 16, 0), London(2026, 12, 1, 18, 0), people, Cal);
        var holiday = SlotFinder.Assess(London(2026, 12, 25, 10, 0), London(2026, 12, 25, 12, 0), people, Cal);

        Assert.Equal([Chair], clash.RequiredBusy);
        Assert.Equal([Health], clash.OptionalTentative);
        Assert.Equal([ExternalPolice], clash.AvailabilityUnknown);
        Assert.False(clash.EveryoneRequiredFree);
        Assert.Null(clash.OutsideWorkingTime);
        Assert.True(late.EveryoneRequiredFree);
        Assert.Equal("outside working hours (09:30 to 16:30)", late.OutsideWorkingTime);
        Assert.Equal("Christmas Day", holiday.OutsideWorkingTime);
    }
}
