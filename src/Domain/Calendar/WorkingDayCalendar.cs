using System.Collections.Concurrent;

namespace ScrBot.Domain.Calendar;

/// <summary>
/// Working days in England and Wales: Monday to Friday, less the bank holidays (with their substitute days
/// and the one-off changes in <see cref="BankHolidayChanges.EnglandAndWales"/>) and less any further
/// closures the board configures. The current rules are applied to every year.
/// </summary>
public sealed class WorkingDayCalendar
{
    private static readonly ConcurrentDictionary<int, IReadOnlyDictionary<DateOnly, BankHoliday>> HolidaysByYear = new();

    private readonly Dictionary<DateOnly, Closure> closures = [];

    /// <summary>England and Wales with no further closures.</summary>
    public static WorkingDayCalendar EnglandAndWales { get; } = new();

    /// <param name="closures">Further days on which no work is done, e.g. the board's office closure days.</param>
    public WorkingDayCalendar(IEnumerable<Closure>? closures = null)
    {
        foreach (var closure in closures ?? [])
        {
            ArgumentNullException.ThrowIfNull(closure, nameof(closures));
            this.closures.TryAdd(closure.Date, closure);
        }

        Closures = [.. this.closures.Values.OrderBy(c => c.Date)];
    }

    /// <summary>The further closures, in date order, one per date.</summary>
    public IReadOnlyList<Closure> Closures { get; }

    public bool IsWorkingDay(DateOnly date) => NonWorkingReason(date) is null;

    public bool IsBankHoliday(DateOnly date) => HolidaysOf(date.Year).ContainsKey(date);

    /// <summary>
    /// Why no work is done on <paramref name="date"/>: "Saturday", "Sunday", the bank holiday's name or the
    /// closure's reason; <c>null</c> on a working day.
    /// </summary>
    public string? NonWorkingReason(DateOnly date)
    {
        if (date.DayOfWeek is DayOfWeek.Saturday or DayOfWeek.Sunday)
        {
            return date.DayOfWeek.ToString();
        }

        if (HolidaysOf(date.Year).TryGetValue(date, out var holiday))
        {
            return holiday.Name;
        }

        return closures.TryGetValue(date, out var closure) ? closure.Reason : null;
    }

    /// <summary>The bank holidays of England and Wales in <paramref name="year"/>, in date order.</summary>
    public IReadOnlyList<BankHoliday> BankHolidays(int year) => [.. HolidaysOf(year).Values.OrderBy(h => h.Date)];

    /// <summary>
    /// The date <paramref name="n"/> working days after <paramref name="start"/>, the start day not counted
    /// (so the result is always a working day when n &gt; 0). A negative n counts backwards.
    /// </summary>
    public DateOnly AddWorkingDays(DateOnly start, int n) => n >= 0 ? Step(start, n, +1) : Step(start, -(long)n, -1);

    /// <summary>
    /// The date <paramref name="n"/> working days before <paramref name="start"/>, the start day not counted:
    /// one working day before a Monday is the Friday before (or the last working day before it).
    /// A negative n counts forwards.
    /// </summary>
    public DateOnly SubtractWorkingDays(DateOnly start, int n) => n >= 0 ? Step(start, n, -1) : Step(start, -(long)n, +1);

    /// <summary>
    /// The number of working days after <paramref name="from"/> up to and including <paramref name="to"/>;
    /// negative when <paramref name="to"/> is before <paramref name="from"/> (then it is minus the count
    /// after <paramref name="to"/> up to and including <paramref name="from"/>).
    /// <c>WorkingDaysBetween(d, AddWorkingDays(d, n)) == n</c> for every n &gt;= 0.
    /// </summary>
    public int WorkingDaysBetween(DateOnly from, DateOnly to)
    {
        if (to < from)
        {
            return -WorkingDaysBetween(to, from);
        }

        var count = 0;
        for (var day = from; day < to;)
        {
            day = day.AddDays(1);
            if (IsWorkingDay(day))
            {
                count++;
            }
        }

        return count;
    }

    /// <summary><paramref name="date"/> itself if it is a working day, else the next working day after it.</summary>
    public DateOnly OnOrNextWorkingDay(DateOnly date) => IsWorkingDay(date) ? date : Step(date, 1, +1);

    /// <summary><paramref name="date"/> itself if it is a working day, else the last working day before it.</summary>
    public DateOnly OnOrPreviousWorkingDay(DateOnly date) => IsWorkingDay(date) ? date : Step(date, 1, -1);

    /// <summary>
    /// Easter Sunday by the anonymous Gregorian algorithm (proleptic before 1583, like <see cref="DateOnly"/>).
    /// </summary>
    public static DateOnly EasterSunday(int year)
    {
        var a = year % 19;
        var b = year / 100;
        var c = year % 100;
        var d = b / 4;
        var e = b % 4;
        var f = (b + 8) / 25;
        var g = (b - f + 1) / 3;
        var h = ((19 * a) + b - d - g + 15) % 30;
        var i = c / 4;
        var k = c % 4;
        var l = (32 + (2 * e) + (2 * i) - h - k) % 7;
        var m = (a + (11 * h) + (22 * l)) / 451;
        var month = (h + l - (7 * m) + 114) / 31;
        var day = ((h + l - (7 * m) + 114) % 31) + 1;
        return new DateOnly(year, month, day);
    }

    private DateOnly Step(DateOnly start, long n, int direction)
    {
        var day = start;
        for (long counted = 0; counted < n;)
        {
            day = day.AddDays(direction);
            if (IsWorkingDay(day))
            {
                counted++;
            }
        }

        return day;
    }

    private static IReadOnlyDictionary<DateOnly, BankHoliday> HolidaysOf(int year) =>
        HolidaysByYear.GetOrAdd(year, ComputeHolidays);

    private static IReadOnlyDictionary<DateOnly, BankHoliday> ComputeHolidays(int year)
    {
        var holidays = new Dictionary<DateOnly, BankHoliday>();
        void Add(DateOnly date, string name) => holidays[date] = new BankHoliday(date, name);

        var newYear = new DateOnly(year, 1, 1);
        switch (newYear.DayOfWeek)
        {
            case DayOfWeek.Saturday:
                Add(newYear.AddDays(2), "New Year's Day (substitute day)");
                break;
            case DayOfWeek.Sunday:
                Add(newYear.AddDays(1), "New Year's Day (substitute day)");
                break;
            default:
                Add(newYear, "New Year's Day");
                break;
        }

        var easter = EasterSunday(year);
        Add(easter.AddDays(-2), "Good Friday");
        Add(easter.AddDays(1), "Easter Monday");

        Add(FirstMonday(year, 5), "Early May bank holiday");
        Add(LastMonday(year, 5), "Spring bank holiday");
        Add(LastMonday(year, 8), "Summer bank holiday");

        var christmas = new DateOnly(year, 12, 25);
        switch (christmas.DayOfWeek)
        {
            case DayOfWeek.Friday:
                Add(christmas, "Christmas Day");
                Add(new DateOnly(year, 12, 28), "Boxing Day (substitute day)");
                break;
            case DayOfWeek.Saturday:
                Add(new DateOnly(year, 12, 27), "Christmas Day (substitute day)");
                Add(new DateOnly(year, 12, 28), "Boxing Day (substitute day)");
                break;
            case DayOfWeek.Sunday:
                Add(new DateOnly(year, 12, 26), "Boxing Day");
                Add(new DateOnly(year, 12, 27), "Christmas Day (substitute day)");
                break;
            default:
                Add(christmas, "Christmas Day");
                Add(new DateOnly(year, 12, 26), "Boxing Day");
                break;
        }

        foreach (var change in BankHolidayChanges.EnglandAndWales)
        {
            if (change.InsteadOf is { } moved && moved.Year == year)
            {
                holidays.Remove(moved);
            }
        }

        foreach (var change in BankHolidayChanges.EnglandAndWales)
        {
            if (change.Date.Year == year)
            {
                Add(change.Date, change.Name);
            }
        }

        return holidays;
    }

    private static DateOnly FirstMonday(int year, int month)
    {
        var first = new DateOnly(year, month, 1);
        return first.AddDays(((int)DayOfWeek.Monday - (int)first.DayOfWeek + 7) % 7);
    }

    private static DateOnly LastMonday(int year, int month)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        return last.AddDays(-(((int)last.DayOfWeek - (int)DayOfWeek.Monday + 7) % 7));
    }
}
