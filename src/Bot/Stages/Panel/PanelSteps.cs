using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Scheduling;
using Invitee = ScrBot.Domain.Scheduling.Invitee;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// Stage 5, the Scoping Panel meeting (toolkit, "The Scoping Panel meeting", Appendix C no. 7), from the moment the case
/// is ready to schedule: the Board Manager finds a time and books the Teams meeting; each invitee in the tenant answers
/// (attending, sending a deputy, cannot attend) and signs the confidentiality statement; the panel chair sees who has
/// signed, is asked whether to reconvene when a required agency has nobody attending, and records the meeting held;
/// the Board Manager circulates the minutes (D5) and each invited agency confirms them; the panel chair sends the
/// panel's written recommendation to the Independent Chair.
/// </summary>
public sealed class PanelSteps : IStageSteps
{
    public const string Book = "book";

    /// <summary>The booked meeting itself, which the hub card's Move and Cancel buttons name.</summary>
    public const string Meeting = "meeting";
    public const string AttendPrefix = "attend/";
    public const string SignPrefix = "sign/";
    public const string Absent = "absent";
    public const string Held = "held";
    public const string Reconvene = "reconvene";
    public const string Minutes = "minutes";
    public const string ConfirmPrefix = "confirm/";
    public const string Recommend = "recommend";
    public const string HarmPrefix = "harm/";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (state.InvitationsSentAt is null)
        {
            yield break;
        }

        for (var i = 0; i < state.SignificantHarmConcerns.Count; i++)
        {
            var index = i;
            yield return new CaseStep(HarmPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "Start safeguarding procedures: a child at risk of significant harm",
                [.. ChildrensSocialCare(view), .. view.WithRole(Role.BoardManager)], null,
                Open: state.SignificantHarmConcerns[i].ActedOn is null, view.Last<SafeguardingStarted>(f => f.Concern == index), HarmCard.Build);
        }

        var preparing = state.Stage == Stage.PreparingScopingPanel;
        var managers = view.WithRole(Role.BoardManager);
        var scheduled = state.ScheduledPanel;
        var chair = state.PanelChair is { } c ? new[] { c } : [];

        yield return new CaseStep(Book, "Find a time and book the Scoping Panel", managers, null,
            Open: preparing && scheduled is null, view.Last<ScopingPanelScheduled>(), FindTimeCard.Build);

        yield return new CaseStep(Meeting, "The Scoping Panel meeting", managers, null, Open: false, Done: null, FindTimeCard.Build);

        if (scheduled is null && state.PanelMeetingsHeld.Count == 0)
        {
            yield break;
        }

        var meetingDay = scheduled is null ? (DateOnly?)null : LondonTime.DateOf(scheduled.Start);
        var before = preparing && scheduled is not null && state.PanelHeld is null;
        foreach (var invitation in state.Invitations.Where(i => InTenant(i.Member)))
        {
            var member = invitation.Member;
            yield return new CaseStep(AttendPrefix + member.Id.Value, "Answer the invitation to the Scoping Panel", [member], meetingDay,
                Open: before && invitation.Attending is null, view.Last<AttendanceAnswered>(f => f.Member == member.Id), AttendanceCard.Build);
        }

        foreach (var attendee in Attendees(state).Where(InTenant))
        {
            yield return new CaseStep(SignPrefix + attendee.Id.Value, "Sign the Scoping Panel's confidentiality statement", [attendee], meetingDay,
                Open: before && !state.HasSignedForScheduledPanel(attendee.Id),
                view.Last<ConfidentialityStatementSigned>(f => f.Member == attendee.Id && f.MeetingStart == scheduled?.Start), StatementCard.Build);
        }

        var absent = AgenciesWithNobodyAttending(state);
        yield return new CaseStep(Absent + "/" + scheduled?.Start.ToUnixTimeSeconds(), "Reconvene the Scoping Panel?", chair, meetingDay,
            Open: before && absent.Count > 0 && !state.AbsencesAccepted(scheduled!.Start), null, ReconveneCard.BuildBefore);

        yield return new CaseStep(Held, "Record the Scoping Panel meeting held", chair, meetingDay,
            Open: before, view.Last<ScopingPanelHeld>(), MeetingHeldCard.Build);

        var held = state.PanelHeld;
        var afterHeld = state.Stage == Stage.ScopingPanel && held is not null;
        yield return new CaseStep(Reconvene, "Reconvene the Scoping Panel", chair, null,
            Open: afterHeld && held!.AgenciesWithoutInformation.Count > 0 && state.Recommendation is null, view.Last<ScopingPanelReconvened>(), ReconveneCard.BuildAfter);

        if (held is null)
        {
            yield break;
        }

        yield return new CaseStep(Minutes, "Circulate the Scoping Panel's minutes to every invited agency", managers,
            view.DueOf(state.PanelMeetingsHeld.Count == 1 ? "D5" : $"D5/{state.PanelMeetingsHeld.Count}"),
            Open: state.MinutesCirculatedOn is null, view.Last<MinutesCirculated>(), MinutesCard.BuildCirculate);

        if (state.MinutesCirculatedOn is not null)
        {
            foreach (var agency in state.Invitations.Where(i => i.Agency is not null).Select(i => i.Agency!.Value).Distinct())
            {
                var invited = state.Invitations.Where(i => i.Agency == agency && InTenant(i.Member)).Select(i => i.Member).ToList();
                yield return new CaseStep(ConfirmPrefix + agency.Value, $"Confirm {view.AgencyName(agency)}'s minutes are accurate", invited, null,
                    Open: !state.MinutesConfirmedBy.Contains(agency), view.Last<MinutesConfirmed>(f => f.Agency == agency), MinutesCard.BuildConfirm);
            }
        }

        yield return new CaseStep(Recommend, "Send the panel's recommendation to the Independent Chair", chair, null,
            Open: afterHeld && state.Recommendation is null, view.Last<RecommendationMade>(), RecommendationCard.Build);
    }

    /// <summary>Someone in the tenant (a member of the board's directory), who gets cards in Teams; others get Outlook's invitation only.</summary>
    public static bool InTenant(Actor person) => !person.Id.Value.StartsWith("mail:", StringComparison.Ordinal);

    /// <summary>Everyone who attends the Scoping Panel: the invited, the panel chair and the minute taker.</summary>
    public static IReadOnlyList<Actor> Attendees(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        var people = state.Invitations.Select(i => i.Member).ToList();
        if (state.PanelChair is { } chair)
        {
            people.Insert(0, chair);
        }

        if (state.MinuteTaker is { } taker)
        {
            people.Add(taker);
        }

        return people.DistinctBy(p => p.Id).ToList();
    }

    /// <summary>The invited agencies whose every invitee has said they cannot attend (no one, and no deputy, for it).</summary>
    public static IReadOnlyList<AgencyId> AgenciesWithNobodyAttending(CaseState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Invitations.Where(i => i.Agency is not null).GroupBy(i => i.Agency!.Value)
            .Where(g => g.All(i => i.Attending == false)).Select(g => g.Key).ToList();
    }

    /// <summary>The people Outlook invites: every attendee with an address; experts are optional, everyone else required.</summary>
    public static IReadOnlyList<Invitee> GraphInvitees(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        var invitees = new List<Invitee>();
        foreach (var person in Attendees(state))
        {
            var invitation = state.InvitationOf(person.Id);
            var address = invitation?.Email
                          ?? view.Directory.Find(state.LeadBoard)?.Members.FirstOrDefault(m => m.Person == person.Id && m.Email is not null)?.Email
                          ?? (person.Id.Value.StartsWith("mail:", StringComparison.Ordinal) ? person.Id.Value["mail:".Length..] : null);
            if (!string.IsNullOrWhiteSpace(address))
            {
                invitees.Add(new Invitee(address.Trim(), person.Name, invitation?.Capacity != PanelCapacity.Expert));
            }
        }

        return invitees.DistinctBy(i => i.Address.ToUpperInvariant()).ToList();
    }

    /// <summary>Children's social care's representatives: on the case, and on the board.</summary>
    public static IReadOnlyList<Actor> ChildrensSocialCare(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        bool Csc(AgencyId? agency) => agency is { } id && view.Directory.FindAgency(view.State.LeadBoard, id)?.Kind == AgencyKind.ChildrensSocialCare;
        var onBoard = view.Directory.Find(view.State.LeadBoard)?.Members.Where(m => m.Role == Role.AgencyRepresentative && Csc(m.Agency))
            .Select(m => new Actor(m.Person, m.Name)) ?? [];
        var onCase = view.State.Roles.Where(r => r.Role == Role.AgencyRepresentative && Csc(r.Agency)).Select(r => r.Person);
        return onCase.Concat(onBoard).DistinctBy(a => a.Id).ToList();
    }

    /// <summary>"Tuesday 8 December 2026 10:00 to 12:00".</summary>
    public static string When(DateTimeOffset start, DateTimeOffset end) =>
        $"{Words.DateAndTime(start)} to {LondonTime.TimeOfDayOf(end):HH\\:mm}";
}
