using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Domain.Obligations;

/// <summary>
/// What may go into a row of the obligations index that the daily sweep reads ("what is due on or before day D"):
/// the case reference and nothing else about the case, never a child's detail, a person's name or free text.
/// </summary>
/// <param name="Case">The case reference, e.g. SCR-2026-0007.</param>
/// <param name="Board">The case's lead board.</param>
/// <param name="Code">D1–D12.</param>
/// <param name="Key">The obligation's key within the case (<see cref="Obligation.Key"/>): with <paramref name="Case"/> it names the row.</param>
/// <param name="OwnerRole">The role that owes it.</param>
/// <param name="OwnerAgency">The agency that owes it, when one agency does.</param>
/// <param name="DueOn">The Europe/London due date.</param>
/// <param name="Status">Open or overdue on the day the entry was made.</param>
public sealed record ObligationIndexEntry(
    CaseReference Case,
    BoardId Board,
    ObligationCode Code,
    string Key,
    Role OwnerRole,
    AgencyId? OwnerAgency,
    DateOnly DueOn,
    ObligationStatus Status);

/// <summary>Turns a case's obligations into index entries, and answers the sweep's question.</summary>
public static class ObligationIndex
{
    /// <summary>
    /// The entries for the obligations not met yet (open or overdue). A case's entries are replaced whole each time
    /// a fact is recorded on it, so met obligations leave the index.
    /// </summary>
    public static IReadOnlyList<ObligationIndexEntry> EntriesFor(CaseReference reference, BoardId board, IEnumerable<Obligation> obligations)
    {
        ArgumentNullException.ThrowIfNull(obligations);
        return
        [
            .. obligations
                .Where(o => o.IsOutstanding)
                .Select(o => new ObligationIndexEntry(reference, board, o.Code, o.Key, o.OwnerRole, o.OwnerAgency, o.DueOn, o.Status)),
        ];
    }

    /// <summary>
    /// The entries for a case straight from its facts: the reference comes from the referral, the lead board from the
    /// referral or the last hand-over to another board. Empty
    /// when there is no referral among the facts.
    /// </summary>
    public static IReadOnlyList<ObligationIndexEntry> EntriesFor(
        IReadOnlyList<CaseEvent> facts,
        ProcessProfile profile,
        Calendar.WorkingDayCalendar calendar,
        DateOnly today)
    {
        ArgumentNullException.ThrowIfNull(facts);
        var referred = facts.OfType<CaseReferred>().FirstOrDefault();
        if (referred is null)
        {
            return [];
        }

        var lead = facts.OfType<LeadBoardHandedOver>().LastOrDefault()?.To ?? referred.LeadBoard;
        return EntriesFor(referred.Reference, lead, ObligationRules.Derive(facts, profile, calendar, today));
    }

    /// <summary>
    /// The sweep: the entries due on or before <paramref name="day"/> (overdue ones included), earliest first.
    /// The sweep derives the case's obligations again before telling anyone, since an entry's status is as of
    /// the day it was written.
    /// </summary>
    public static IReadOnlyList<ObligationIndexEntry> DueOnOrBefore(IEnumerable<ObligationIndexEntry> entries, DateOnly day)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return
        [
            .. entries
                .Where(e => e.DueOn <= day)
                .OrderBy(e => e.DueOn)
                .ThenBy(e => e.Case.Year)
                .ThenBy(e => e.Case.Number)
                .ThenBy(e => e.Code)
                .ThenBy(e => e.Key, StringComparer.Ordinal),
        ];
    }
}
