using ScrBot.Domain.Boards;

namespace ScrBot.Domain.Cases;

/// <summary>
/// Who is acting, when, and against which boards: every command takes one. <see cref="Now"/> comes from the caller's
/// clock (a <see cref="TimeProvider"/>), never from the system clock here.
/// </summary>
public sealed record CommandContext(Actor Actor, DateTimeOffset Now, BoardDirectory Directory)
{
    /// <summary>Today's date in Europe/London, the calendar the process's dates and deadlines are kept in.</summary>
    public DateOnly Today => CaseClock.LondonDate(Now);
}

/// <summary>The one place the case commands turn an instant into a Europe/London date.</summary>
internal static class CaseClock
{
    private static readonly TimeZoneInfo London = TimeZoneInfo.FindSystemTimeZoneById("Europe/London");

    public static DateOnly LondonDate(DateTimeOffset instant) => DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(instant, London).DateTime);
}
