using System.Globalization;

namespace ScrBot.Domain.Calendar;

/// <summary>Dates written the way people say them, in British English whatever the machine's culture.</summary>
public static class HumanDates
{
    private static readonly CultureInfo English = CultureInfo.InvariantCulture;

    /// <summary>"Monday 4 January 2027".</summary>
    public static string Format(DateOnly date) => date.ToString("dddd d MMMM yyyy", English);

    /// <summary>An instant as London reads it: "Thursday 12 March 2027 10:14".</summary>
    public static string Format(DateTimeOffset instant) =>
        $"{Format(LondonTime.DateOf(instant))} {LondonTime.TimeOfDayOf(instant).ToString("HH\\:mm", English)}";

    /// <summary>
    /// How a deadline looks from <paramref name="today"/>: "today", "tomorrow", "in 3 working days",
    /// "1 working day overdue", "2 working days overdue". Working days are counted after today up to and
    /// including the deadline (or after the deadline up to and including today when it has passed), so a
    /// Monday deadline seen on a Friday is "in 1 working day". When no working day lies between them the
    /// phrase names the date instead: "on Sunday 7 June 2026", "overdue since Friday 24 December 2021".
    /// </summary>
    public static string Relative(DateOnly deadline, DateOnly today, WorkingDayCalendar cal)
    {
        ArgumentNullException.ThrowIfNull(cal);
        if (deadline == today)
        {
            return "today";
        }

        if (deadline == today.AddDays(1))
        {
            return "tomorrow";
        }

        if (deadline > today)
        {
            var ahead = cal.WorkingDaysBetween(today, deadline);
            return ahead == 0 ? $"on {Format(deadline)}" : $"in {WorkingDays(ahead)}";
        }

        var behind = cal.WorkingDaysBetween(deadline, today);
        return behind == 0 ? $"overdue since {Format(deadline)}" : $"{WorkingDays(behind)} overdue";
    }

    /// <summary>
    /// The date with its relative phrase: "Monday 4 January 2027 (in 3 working days)",
    /// "Friday 24 December 2021 (overdue)"; just the date when the phrase would only repeat it.
    /// </summary>
    public static string FormatWithRelative(DateOnly deadline, DateOnly today, WorkingDayCalendar cal)
    {
        var relative = Relative(deadline, today, cal);
        if (relative.StartsWith("on ", StringComparison.Ordinal))
        {
            return Format(deadline);
        }

        return relative.StartsWith("overdue since ", StringComparison.Ordinal)
            ? $"{Format(deadline)} (overdue)"
            : $"{Format(deadline)} ({relative})";
    }

    private static string WorkingDays(int n) =>
        string.Create(English, $"{n} working day{(n == 1 ? "" : "s")}");
}
