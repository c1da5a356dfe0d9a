using ScrBot.Domain.Calendar;

namespace ScrBot.Domain.Scheduling;

/// <summary>Someone invited to the Scoping Panel, by the address their calendar is known by.</summary>
public sealed record Invitee(string Address, string Name, bool Required);

/// <summary>How a busy time shows in someone's calendar (Graph's freeBusyStatus, less "free").</summary>
public enum BusyKind
{
    Tentative,
    Busy,
    OutOfOffice,

    /// <summary>Working elsewhere: free for a Teams meeting.</summary>
    WorkingElsewhere,
}

/// <summary>A time someone's calendar is not free.</summary>
public sealed record BusyPeriod(DateTimeOffset Start, DateTimeOffset End, BusyKind Kind);

/// <summary>
/// What the calendars say about one invitee: their busy times, or nothing at all (<see cref="Busy"/> null) when their
/// calendar cannot be read — someone outside the tenant, whose availability is unknown, not free.
/// </summary>
public sealed record InviteeAvailability(Invitee Invitee, IReadOnlyList<BusyPeriod>? Busy)
{
    public bool IsKnown => Busy is not null;

    public static InviteeAvailability Unknown(Invitee invitee) => new(invitee, null);
}

/// <summary>What is asked for: a meeting of <see cref="Duration"/> in the working hours of a window of working days.</summary>
public sealed record SlotSearch
{
    public const int DefaultWorkingDays = 10;

    /// <summary>The first day looked at (skipped if it is not a working day).</summary>
    public required DateOnly FirstDay { get; init; }

    /// <summary>How many working days the window holds.</summary>
    public int WorkingDays { get; init; } = DefaultWorkingDays;

    /// <summary>How long the meeting is.</summary>
    public TimeSpan Duration { get; init; } = TimeSpan.FromHours(2);

    /// <summary>The earliest a meeting may start, Europe/London time.</summary>
    public TimeOnly DayStart { get; init; } = new(9, 30);

    /// <summary>The latest a meeting may end, Europe/London time.</summary>
    public TimeOnly DayEnd { get; init; } = new(16, 30);

    /// <summary>The spacing of candidate start times.</summary>
    public TimeSpan Step { get; init; } = TimeSpan.FromMinutes(30);

    /// <summary>How many slots are offered at most.</summary>
    public int MaxOffered { get; init; } = 5;

    /// <summary>No slot starts before this instant (now), when given.</summary>
    public DateTimeOffset? NotBefore { get; init; }

    /// <summary>The default search: the next <paramref name="workingDays"/> working days after today in London.</summary>
    public static SlotSearch NextWorkingDays(DateTimeOffset now, WorkingDayCalendar calendar, int workingDays = DefaultWorkingDays) => new()
    {
        FirstDay = calendar.AddWorkingDays(LondonTime.DateOf(now), 1),
        WorkingDays = workingDays,
        NotBefore = now,
    };

    /// <summary>The same search over the window after <paramref name="window"/>.</summary>
    public SlotSearch After(SearchWindow window, WorkingDayCalendar calendar) =>
        this with { FirstDay = calendar.AddWorkingDays(window.LastDay, 1) };
}

/// <summary>A day of the window skipped, with why: "Saturday", a bank holiday's name or the board's closure reason.</summary>
public sealed record SkippedDay(DateOnly Date, string Reason);

/// <summary>The working days searched, and the days between them that were skipped.</summary>
public sealed record SearchWindow(IReadOnlyList<DateOnly> Days, IReadOnlyList<SkippedDay> Skipped)
{
    public DateOnly FirstDay => Days[0];

    public DateOnly LastDay => Days[^1];
}

/// <summary>
/// A time when every required invitee whose calendar is known is free (or, ranked lower, tentative), with who else is
/// free, busy, tentative or of unknown availability.
/// </summary>
public sealed record OfferedSlot(
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<Invitee> RequiredTentative,
    IReadOnlyList<Invitee> OptionalFree,
    IReadOnlyList<Invitee> OptionalTentative,
    IReadOnlyList<Invitee> OptionalBusy,
    IReadOnlyList<Invitee> AvailabilityUnknown)
{
    /// <summary>True when every required invitee whose calendar is known is plainly free.</summary>
    public bool EveryoneRequiredFree => RequiredTentative.Count == 0;
}

/// <summary>
/// A time the Board Manager proposes instead of an offered slot: who is busy, tentative, free or unknown then, and why
/// it is outside working time when it is (a weekend, a bank holiday, a closure, or outside working hours).
/// </summary>
public sealed record ProposedTime(
    DateTimeOffset Start,
    DateTimeOffset End,
    string? OutsideWorkingTime,
    IReadOnlyList<Invitee> RequiredBusy,
    IReadOnlyList<Invitee> RequiredTentative,
    IReadOnlyList<Invitee> OptionalFree,
    IReadOnlyList<Invitee> OptionalTentative,
    IReadOnlyList<Invitee> OptionalBusy,
    IReadOnlyList<Invitee> AvailabilityUnknown)
{
    /// <summary>True when no required invitee whose calendar is known is busy, tentative or away.</summary>
    public bool EveryoneRequiredFree => RequiredBusy.Count == 0 && RequiredTentative.Count == 0;
}

/// <summary>A required invitee who is busy at <see cref="TimesBlocked"/> of the <see cref="TimesLookedAt"/> candidate times.</summary>
public sealed record Blocker(Invitee Invitee, int TimesBlocked, int TimesLookedAt)
{
    public bool NeverFree => TimesBlocked == TimesLookedAt;
}

/// <summary>
/// The slots found, best first; when none, the required people who block them (the most blocking first) and the next
/// window to try.
/// </summary>
public sealed record SlotSearchResult(
    SearchWindow Window,
    IReadOnlyList<OfferedSlot> Slots,
    IReadOnlyList<Blocker> Blockers,
    IReadOnlyList<Invitee> AvailabilityUnknown,
    SlotSearch NextWindow)
{
    public bool Found => Slots.Count > 0;
}

/// <summary>
/// Finds Scoping Panel slots from free/busy (Graph's <c>findMeetingTimes</c> needs delegated permissions, so ScrBot finds
/// them itself): candidate times every <see cref="SlotSearch.Step"/> within working hours in Europe/London, on the
/// board's working days (no weekends, bank holidays or closures); a candidate is offered only when no required invitee
/// whose calendar is known is busy or out of office; candidates are ranked with everyone required plainly free first,
/// then by how many optional invitees are free, then the earliest; the offered slots do not overlap. Invitees whose
/// calendar cannot be read are listed as of unknown availability — counted neither free nor busy. Pure: no I/O.
/// </summary>
public static class SlotFinder
{
    public static SlotSearchResult Find(SlotSearch search, IReadOnlyList<InviteeAvailability> availability, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(search);
        ArgumentNullException.ThrowIfNull(availability);
        ArgumentNullException.ThrowIfNull(calendar);
        if (search.WorkingDays < 1 || search.Duration <= TimeSpan.Zero || search.Step <= TimeSpan.Zero || search.MaxOffered < 1)
        {
            throw new ArgumentException("A slot search needs at least one working day, a duration, a step and at least one slot to offer.", nameof(search));
        }

        var window = WindowOf(search, calendar);
        var known = availability.Where(a => a.IsKnown).Select(a => (a.Invitee, Busy: Sorted(a.Busy!))).ToArray();
        var unknown = availability.Where(a => !a.IsKnown).Select(a => a.Invitee).ToArray();
        var required = known.Where(k => k.Invitee.Required).ToArray();
        var optional = known.Where(k => !k.Invitee.Required).ToArray();
        var blocked = new int[required.Length];

        var candidates = new List<(OfferedSlot Slot, int RequiredTentative, int OptionalFree, int OptionalTentative)>();
        var looked = 0;
        foreach (var day in window.Days)
        {
            var dayEnd = search.DayEnd.ToTimeSpan();
            for (var time = search.DayStart.ToTimeSpan(); time + search.Duration <= dayEnd; time += search.Step)
            {
                var start = LondonTime.ToInstant(day, TimeOnly.FromTimeSpan(time));
                var end = LondonTime.ToInstant(day, TimeOnly.FromTimeSpan(time + search.Duration));
                if (search.NotBefore is { } notBefore && start < notBefore)
                {
                    continue;
                }

                looked++;
                var fits = true;
                var requiredTentative = new List<Invitee>();
                for (var i = 0; i < required.Length; i++)
                {
                    switch (StateAt(required[i].Busy, start, end))
                    {
                        case SlotState.Busy:
                            blocked[i]++;
                            fits = false;
                            break;
                        case SlotState.Tentative:
                            requiredTentative.Add(required[i].Invitee);
                            break;
                    }
                }

                if (!fits)
                {
                    continue;
                }

                var optionalFree = new List<Invitee>();
                var optionalTentative = new List<Invitee>();
                var optionalBusy = new List<Invitee>();
                foreach (var (invitee, busy) in optional)
                {
                    (StateAt(busy, start, end) switch
                    {
                        SlotState.Free => optionalFree,
                        SlotState.Tentative => optionalTentative,
                        _ => optionalBusy,
                    }).Add(invitee);
                }

                candidates.Add((new OfferedSlot(start, end, requiredTentative, optionalFree, optionalTentative, optionalBusy, unknown),
                    requiredTentative.Count, optionalFree.Count, optionalTentative.Count));
            }
        }

        var offered = new List<OfferedSlot>();
        foreach (var candidate in candidates
                     .OrderBy(c => c.RequiredTentative)
                     .ThenByDescending(c => c.OptionalFree)
                     .ThenByDescending(c => c.OptionalTentative)
                     .ThenBy(c => c.Slot.Start))
        {
            if (offered.Any(o => o.Start < candidate.Slot.End && candidate.Slot.Start < o.End))
            {
                continue;
            }

            offered.Add(candidate.Slot);
            if (offered.Count == search.MaxOffered)
            {
                break;
            }
        }

        var blockers = required
            .Select((r, i) => new Blocker(r.Invitee, blocked[i], looked))
            .Where(b => b.TimesBlocked > 0)
            .OrderByDescending(b => b.TimesBlocked)
            .ThenBy(b => b.Invitee.Name, StringComparer.Ordinal)
            .ToList();
        return new SlotSearchResult(window, offered, blockers, unknown, search.After(window, calendar));
    }

    /// <summary>
    /// Who is free at a time the Board Manager proposes, and whether it is outside working time (working hours are
    /// <paramref name="hours"/>'s, by default 09:30 to 16:30 in London).
    /// </summary>
    public static ProposedTime Assess(DateTimeOffset start, DateTimeOffset end, IReadOnlyList<InviteeAvailability> availability, WorkingDayCalendar calendar, SlotSearch? hours = null)
    {
        ArgumentNullException.ThrowIfNull(availability);
        ArgumentNullException.ThrowIfNull(calendar);
        if (end <= start)
        {
            throw new ArgumentException("A meeting must end after it starts.", nameof(end));
        }

        hours ??= new SlotSearch { FirstDay = LondonTime.DateOf(start) };
        var day = LondonTime.DateOf(start);
        var outside = calendar.NonWorkingReason(day);
        if (outside is null && (LondonTime.TimeOfDayOf(start) < hours.DayStart || LondonTime.DateOf(end) != day ||
                                LondonTime.TimeOfDayOf(end) > hours.DayEnd))
        {
            outside = $"outside working hours ({hours.DayStart:HH:mm} to {hours.DayEnd:HH:mm})";
        }

        var groups = new[] { new List<Invitee>(), new List<Invitee>(), new List<Invitee>(), new List<Invitee>(), new List<Invitee>(), new List<Invitee>() };
        foreach (var a in availability)
        {
            if (!a.IsKnown)
            {
                continue;
            }

            var state = StateAt(Sorted(a.Busy!), start, end);
            var index = (a.Invitee.Required ? 0 : 3) + state switch { SlotState.Busy => 0, SlotState.Tentative => 1, _ => 2 };
            groups[index].Add(a.Invitee);
        }

        return new ProposedTime(start, end, outside, groups[0], groups[1], groups[5], groups[4], groups[3],
            [.. availability.Where(a => !a.IsKnown).Select(a => a.Invitee)]);
    }

    /// <summary>The window's working days from <see cref="SlotSearch.FirstDay"/>, and the days skipped between them with why.</summary>
    public static SearchWindow WindowOf(SlotSearch search, WorkingDayCalendar calendar)
    {
        var days = new List<DateOnly>(search.WorkingDays);
        var skipped = new List<SkippedDay>();
        for (var day = search.FirstDay; days.Count < search.WorkingDays; day = day.AddDays(1))
        {
            if (calendar.NonWorkingReason(day) is { } reason)
            {
                skipped.Add(new SkippedDay(day, reason));
            }
            else
            {
                days.Add(day);
            }
        }

        return new SearchWindow(days, skipped);
    }

    private enum SlotState
    {
        Free,
        Tentative,
        Busy,
    }

    private static BusyPeriod[] Sorted(IReadOnlyList<BusyPeriod> busy) =>
        [.. busy.Where(b => b.Kind != BusyKind.WorkingElsewhere && b.End > b.Start).OrderBy(b => b.Start)];

    /// <summary>The worst state of the busy periods overlapping [start, end); <paramref name="busy"/> is sorted by start.</summary>
    private static SlotState StateAt(BusyPeriod[] busy, DateTimeOffset start, DateTimeOffset end)
    {
        var state = SlotState.Free;
        foreach (var period in busy)
        {
            if (period.Start >= end)
            {
                break;
            }

            if (period.End <= start)
            {
                continue;
            }

            if (period.Kind is BusyKind.Busy or BusyKind.OutOfOffice)
            {
                return SlotState.Busy;
            }

            state = SlotState.Tentative;
        }

        return state;
    }
}
