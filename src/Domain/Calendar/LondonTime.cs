using NodaTime;
using NodaTime.TimeZones;

namespace ScrBot.Domain.Calendar;

/// <summary>
/// Converts between instants and Europe/London dates and times, using the time-zone data built into
/// NodaTime (so the answer does not depend on the machine's time-zone files).
/// </summary>
public static class LondonTime
{
    private static readonly DateTimeZone London = DateTimeZoneProviders.Tzdb["Europe/London"];

    /// <summary>The time-zone data version the conversions use, e.g. "2025b".</summary>
    public static string TzdbVersion => DateTimeZoneProviders.Tzdb.VersionId;

    /// <summary>The calendar date in London at <paramref name="instant"/>.</summary>
    public static DateOnly DateOf(DateTimeOffset instant) => InLondon(instant).Date.ToDateOnly();

    /// <summary>The wall-clock time in London at <paramref name="instant"/>.</summary>
    public static TimeOnly TimeOfDayOf(DateTimeOffset instant) => InLondon(instant).TimeOfDay.ToTimeOnly();

    /// <summary>The same instant with London's offset at that moment (+00:00 in GMT, +01:00 in BST).</summary>
    public static DateTimeOffset ToLondon(DateTimeOffset instant) => InLondon(instant).ToDateTimeOffset();

    /// <summary>
    /// The instant at which London's clocks show <paramref name="timeOfDay"/> on <paramref name="date"/>,
    /// with London's offset. A time the clocks skip when BST starts (01:00–01:59 on the last Sunday of March)
    /// is moved forward by the hour skipped; a time shown twice when BST ends is taken the first time (BST).
    /// </summary>
    public static DateTimeOffset ToInstant(DateOnly date, TimeOnly timeOfDay)
    {
        var local = LocalDate.FromDateOnly(date).At(LocalTime.FromTimeOnly(timeOfDay));
        return London.ResolveLocal(local, Resolvers.LenientResolver).ToDateTimeOffset();
    }

    /// <summary>The instant London's <paramref name="date"/> begins.</summary>
    public static DateTimeOffset StartOfDay(DateOnly date) =>
        London.AtStartOfDay(LocalDate.FromDateOnly(date)).ToDateTimeOffset();

    /// <summary>
    /// The instant London's <paramref name="date"/> ends, which is the start of the next day: a deadline on
    /// that date is met by anything done before this instant.
    /// </summary>
    public static DateTimeOffset EndOfDay(DateOnly date) => StartOfDay(date.AddDays(1));

    /// <summary>Today's date in London by <paramref name="clock"/>.</summary>
    public static DateOnly Today(TimeProvider clock)
    {
        ArgumentNullException.ThrowIfNull(clock);
        return DateOf(clock.GetUtcNow());
    }

    private static ZonedDateTime InLondon(DateTimeOffset instant) => Instant.FromDateTimeOffset(instant).InZone(London);
}
