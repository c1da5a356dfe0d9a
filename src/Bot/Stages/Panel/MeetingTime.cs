using ScrBot.Bot.Cards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Scheduling;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// When the Scoping Panel may meet, for a time the Board Manager books, proposes or moves the meeting to — the same rules
/// the slot finder keeps. Refused: a time already passed; a day that is not a working day (a weekend, a bank holiday, a
/// closure of the board); a time outside working hours in London; a time when someone required is busy or out of
/// office, since every agency invited must bring its information to the panel (toolkit: otherwise the panel
/// reconvenes). Only warned: someone required who is tentative (they may well come), and people outside the
/// organisation, whose calendars cannot be read.
/// </summary>
public static class MeetingTime
{
    /// <summary>The working hours the meeting must fit in, as the slot finder searches them.</summary>
    private static readonly SlotSearch Hours = new() { FirstDay = DateOnly.MinValue };

    /// <summary>Why the meeting cannot be at this time (empty when it can), each in plain words.</summary>
    public static IReadOnlyList<string> Refusals(ProposedTime proposed, DateTimeOffset now, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(calendar);
        var problems = new List<string>();
        if (proposed.Start <= now)
        {
            problems.Add("The Scoping Panel must be scheduled for a time that has not yet passed.");
        }

        var day = LondonTime.DateOf(proposed.Start);
        if (calendar.NonWorkingReason(day) is { } reason)
        {
            problems.Add($"{Words.Date(day)} is not a working day ({reason}): the Scoping Panel meets on a working day.");
        }
        else if (LondonTime.TimeOfDayOf(proposed.Start) < Hours.DayStart || LondonTime.DateOf(proposed.End) != day || LondonTime.TimeOfDayOf(proposed.End) > Hours.DayEnd)
        {
            problems.Add($"{PanelSteps.When(proposed.Start, proposed.End)} is outside working hours: the Scoping Panel meets between {Hours.DayStart:HH\\:mm} and {Hours.DayEnd:HH\\:mm}, London time.");
        }

        if (proposed.RequiredBusy.Count > 0)
        {
            var names = proposed.RequiredBusy.Select(p => p.Name).ToList();
            problems.Add($"{Domain.Cases.Refusals.Both(names)} {(names.Count == 1 ? "is" : "are")} busy or away then, and every agency invited is needed at the Scoping Panel: choose another time.");
        }

        return problems;
    }

    /// <summary>What the Board Manager should know before booking a time that can be booked.</summary>
    public static IReadOnlyList<string> Warnings(ProposedTime proposed)
    {
        ArgumentNullException.ThrowIfNull(proposed);
        var warnings = new List<string>();
        if (proposed.RequiredTentative.Count > 0)
        {
            warnings.Add($"Tentative then: {string.Join(", ", proposed.RequiredTentative.Select(p => p.Name))}.");
        }

        if (proposed.AvailabilityUnknown.Count > 0)
        {
            warnings.Add($"Availability unknown (outside the organisation): {string.Join(", ", proposed.AvailabilityUnknown.Select(p => p.Name))}.");
        }

        if (proposed.OptionalBusy.Count > 0)
        {
            warnings.Add($"Optional and busy: {string.Join(", ", proposed.OptionalBusy.Select(p => p.Name))}.");
        }

        return warnings;
    }

    /// <summary>The refusal the domain keeps in the case's audit trail, when there is one.</summary>
    public static Outcome? Refused(ProposedTime proposed, DateTimeOffset now, WorkingDayCalendar calendar, string nothingDone) =>
        Refusals(proposed, now, calendar) is { Count: > 0 } problems
            ? Outcome.Refused([.. problems.Select(p => new Refusal(p)), new Refusal(nothingDone)])
            : null;
}
