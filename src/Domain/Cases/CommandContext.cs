using ScrBot.Domain.Boards;

namespace ScrBot.Domain.Cases;

/// <summary>
/// Who is acting, when, and against which boards: every command takes one. <see cref="Now"/> comes from the caller's
/// clock (a <see cref="TimeProvider"/>), never from the system clock here.
/// </summary>
public sealed record CommandContext(Actor Actor, DateTimeOffset Now, BoardDirectory Directory)
{
    /// <summary>Today's date in Europe/London, the calendar the process's dates and deadlines are kept in.</summary>
    public DateOnly Today => Calendar.LondonTime.DateOf(Now);
}

