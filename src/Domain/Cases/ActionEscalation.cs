using ScrBot.Domain.Boards;

namespace ScrBot.Domain.Cases;

/// <summary>An escalation the action plan's rule calls for: which action, to what level, and who raises it.</summary>
public sealed record EscalationDue(string ActionId, AgencyId Owner, EscalationLevel Level, int MeetingsWithoutUpdate, Actor? RaisedBy, bool RaisedByViceChair);

/// <summary>
/// The action plan's escalation rule (toolkit, "Learning Review Action Plan &amp; Escalation Process"). Agencies are asked
/// for an update after each sub-group meeting and report by the next. An open action with no update at two
/// consecutive meetings goes to the Executive Group; still without an update at the next, it is reported as an
/// exception at the Board. The Sub-group Chair raises it, or the Vice-Chair (the deputy) when the owner agency's
/// representative is the Sub-group Chair.
/// </summary>
public static class ActionEscalation
{
    /// <summary>The level for this many consecutive meetings without an update.</summary>
    public static EscalationLevel LevelFor(int meetingsWithoutUpdate) => meetingsWithoutUpdate switch
    {
        >= 3 => EscalationLevel.ExceptionAtBoard,
        2 => EscalationLevel.ExecutiveGroup,
        _ => EscalationLevel.None,
    };

    /// <summary>
    /// How many of the latest sub-group meetings in a row came without an update on this action. The first meeting after
    /// the action was added asks for the first update, so a meeting counts only when an earlier meeting asked for it. An
    /// update since the last meeting brings the count back to nought.
    /// </summary>
    public static int MeetingsWithoutUpdate(ActionPlanItem action, IReadOnlyList<ActionPlanMeeting> meetings)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(meetings);
        var since = meetings.Where(m => m.Sequence > action.AddedSequence).OrderBy(m => m.Sequence).ToList();
        if (since.Count == 0 || action.Updates.Any(u => u.Sequence > since[^1].Sequence))
        {
            return 0;
        }

        var missed = 0;
        for (var i = since.Count - 1; i >= 1; i--)
        {
            var from = since[i - 1].Sequence;
            var to = since[i].Sequence;
            if (action.Updates.Any(u => u.Sequence > from && u.Sequence < to))
            {
                break;
            }

            missed++;
        }

        return missed;
    }

    /// <summary>Every open action whose rule level is above the level it has already been escalated to.</summary>
    public static IReadOnlyList<EscalationDue> Due(CaseState state, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(directory);
        var due = new List<EscalationDue>();
        foreach (var action in state.Actions.Where(a => !a.Completed))
        {
            var missed = MeetingsWithoutUpdate(action, state.ActionPlanMeetings);
            var level = LevelFor(missed);
            if (level > action.Escalation)
            {
                var (raisedBy, vice) = WhoRaises(state, directory, action.Owner);
                due.Add(new EscalationDue(action.ActionId, action.Owner, level, missed, raisedBy, vice));
            }
        }

        return due;
    }

    /// <summary>
    /// The people the case's boards name for an agency in a role (its SCR lead, its lead board member): the lead board
    /// first, then the cooperating boards.
    /// </summary>
    public static IReadOnlyList<Actor> LeadsOf(CaseState state, BoardDirectory directory, AgencyId agency, Role role)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(directory);
        return new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
            .SelectMany(b => directory.NamedFor(b, agency, role))
            .Select(m => new Actor(m.Person, m.Name))
            .DistinctBy(a => a.Id)
            .ToList();
    }

    /// <summary>The Sub-group Chair, or the Vice-Chair when the owner agency's representative is the Sub-group Chair.</summary>
    public static (Actor? RaisedBy, bool ViceChair) WhoRaises(CaseState state, BoardDirectory directory, AgencyId owner)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(directory);
        var chairs = directory.WithRole(state.LeadBoard, Role.SubgroupChair);
        var chair = chairs.FirstOrDefault();
        var chairRepresentsOwner = chairs.Any(c =>
            CaseAccess.RepresentsAgency(state, c.Person, owner)
            || directory.Find(state.LeadBoard)!.Members.Any(m => m.Person == c.Person && m.Role == Role.AgencyRepresentative && m.Agency == owner));
        if (chairRepresentsOwner)
        {
            var vice = directory.WithRole(state.LeadBoard, Role.SubgroupViceChair).FirstOrDefault();
            return (vice is null ? null : new Actor(vice.Person, vice.Name), true);
        }

        return (chair is null ? null : new Actor(chair.Person, chair.Name), false);
    }
}
