using ScrBot.Domain.Calendar;

namespace ScrBot.Bot.Nudges;

/// <summary>
/// When the sweep runs: at <see cref="NudgeSettings.TimeOfDay"/> on London's clocks on each working day of England
/// and Wales (a weekend or bank holiday has none; the next working day's sweep covers what fell due). Worked out from
/// London's dates, so the sweep keeps to 08:00 London time on both sides of the change between GMT and BST.
/// </summary>
public static class NudgeSchedule
{
    /// <summary>
    /// The first sweep at or after <paramref name="now"/> on a working day later than <paramref name="lastSwept"/>
    /// (the London date of the last sweep this instance ran, if any).
    /// </summary>
    public static DateTimeOffset Next(DateTimeOffset now, TimeOnly timeOfDay, WorkingDayCalendar calendar, DateOnly? lastSwept = null)
    {
        ArgumentNullException.ThrowIfNull(calendar);
        var day = LondonTime.DateOf(now);
        if (lastSwept is { } last && day <= last)
        {
            day = last.AddDays(1);
        }

        for (var i = 0; i < 400; i++, day = day.AddDays(1))
        {
            if (!calendar.IsWorkingDay(day))
            {
                continue;
            }

            var at = LondonTime.ToInstant(day, timeOfDay);
            if (at >= now)
            {
                return at;
            }
        }

        throw new InvalidOperationException("No working day was found in the next 400 days.");
    }
}
