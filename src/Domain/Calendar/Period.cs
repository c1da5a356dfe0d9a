using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace ScrBot.Domain.Calendar;

/// <summary>The unit a statutory period is counted in.</summary>
public enum PeriodUnit
{
    WorkingDays,
    CalendarDays,
    Weeks,
    CalendarMonths,
}

/// <summary>
/// The length of a deadline as the law states it: "5 working days", "14 days", "2 weeks", "1 month".
/// Calendar periods are not moved off weekends or bank holidays; a month from the 31st ends on the last day
/// of a shorter month.
/// </summary>
public sealed record Period
{
    private Period(PeriodUnit unit, int count)
    {
        if (count < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(count), count, "A period cannot be a negative number of days, weeks or months.");
        }

        Unit = unit;
        Count = count;
    }

    public PeriodUnit Unit { get; }

    public int Count { get; }

    public static Period WorkingDays(int n) => new(PeriodUnit.WorkingDays, n);

    public static Period CalendarDays(int n) => new(PeriodUnit.CalendarDays, n);

    public static Period Weeks(int n) => new(PeriodUnit.Weeks, n);

    public static Period CalendarMonths(int n) => new(PeriodUnit.CalendarMonths, n);

    /// <summary>The date the period ends when it starts on <paramref name="start"/> (the start day not counted).</summary>
    public DateOnly AddTo(DateOnly start, WorkingDayCalendar cal)
    {
        ArgumentNullException.ThrowIfNull(cal);
        return Unit switch
        {
            PeriodUnit.WorkingDays => cal.AddWorkingDays(start, Count),
            PeriodUnit.CalendarDays => start.AddDays(Count),
            PeriodUnit.Weeks => start.AddDays(7 * Count),
            PeriodUnit.CalendarMonths => start.AddMonths(Count),
            _ => throw new InvalidOperationException($"Unknown period unit {Unit}."),
        };
    }

    /// <summary>
    /// The latest date that is at least this period before <paramref name="date"/>, counted backwards:
    /// "at least 1 week before publication" gives the last day the report may be sent. Working days are
    /// counted back over weekends and holidays, so the result is a working day. A month before the 31st of a
    /// month whose previous month is shorter is that month's last day.
    /// </summary>
    public DateOnly SubtractFrom(DateOnly date, WorkingDayCalendar cal)
    {
        ArgumentNullException.ThrowIfNull(cal);
        return Unit switch
        {
            PeriodUnit.WorkingDays => cal.SubtractWorkingDays(date, Count),
            PeriodUnit.CalendarDays => date.AddDays(-Count),
            PeriodUnit.Weeks => date.AddDays(-7 * Count),
            PeriodUnit.CalendarMonths => date.AddMonths(-Count),
            _ => throw new InvalidOperationException($"Unknown period unit {Unit}."),
        };
    }

    /// <summary>"5 working days", "1 working day", "14 days", "1 week", "1 month", "6 months".</summary>
    public override string ToString()
    {
        var noun = Unit switch
        {
            PeriodUnit.WorkingDays => "working day",
            PeriodUnit.CalendarDays => "day",
            PeriodUnit.Weeks => "week",
            PeriodUnit.CalendarMonths => "month",
            _ => Unit.ToString(),
        };
        return string.Create(CultureInfo.InvariantCulture, $"{Count} {noun}{(Count == 1 ? "" : "s")}");
    }

    /// <summary>
    /// Reads a period written the way <see cref="ToString"/> writes it ("5 working days", "14 days",
    /// "2 weeks", "1 month"), e.g. from the board's settings. Case and extra spaces do not matter;
    /// "calendar days" and "calendar months" are accepted too.
    /// </summary>
    public static bool TryParse(string? text, [NotNullWhen(true)] out Period? period)
    {
        period = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        var words = text.Trim().ToLowerInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 2 ||
            !int.TryParse(words[0], NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return false;
        }

        PeriodUnit? unit = string.Join(' ', words[1..]) switch
        {
            "working day" or "working days" => PeriodUnit.WorkingDays,
            "day" or "days" or "calendar day" or "calendar days" => PeriodUnit.CalendarDays,
            "week" or "weeks" => PeriodUnit.Weeks,
            "month" or "months" or "calendar month" or "calendar months" => PeriodUnit.CalendarMonths,
            _ => null,
        };
        if (unit is null)
        {
            return false;
        }

        period = new Period(unit.Value, count);
        return true;
    }

    /// <summary>Like <see cref="TryParse"/>, but a text that is not a period is refused with a plain message.</summary>
    public static Period Parse(string text) =>
        TryParse(text, out var period)
            ? period
            : throw new FormatException(
                $"\"{text}\" is not a period. Write a number and a unit, e.g. \"5 working days\", \"14 days\", \"2 weeks\" or \"1 month\".");
}
