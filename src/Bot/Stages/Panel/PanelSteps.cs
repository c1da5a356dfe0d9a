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

    /// <summary>The start of the meeting a card was drawn for, in its buttons' data: a card for a meeting since moved or cancelled is refused.</summary>
    public const string MeetingStartKey = "meetingStart";

    /// <summary>
    /// Which booking of the meeting a step belongs to: every booking and every move is a new one, with its own cards (the
    /// invitees answer and sign again for a new time), and the cards of the one before are closed.
    /// </summary>
    public static int Booking(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return view.Facts.OfType<ScopingPanelScheduled>().Count();
    }

    /// <summary>Which round of finding a time this is: a new one after every cancellation and every reconvening.</summary>
    public static int Round(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        return 1 + view.Facts.Count(f => f is ScopingPanelPostponed or ScopingPanelReconvened);
    }

    private static int MeetingsHeld(CaseView view) => view.State.PanelMeetingsHeld.Count;

    public static string BookKey(CaseView view) => $"{Book}/{Round(view)}";

    public static string AttendKey(CaseView view, PersonId member) => AttendKey(Booking(view), member);

    public static string SignKey(CaseView view, PersonId attendee) => SignKey(Booking(view), attendee);

    public static string AbsentKey(CaseView view) => AbsentKey(Booking(view));

    public static string HeldKey(CaseView view) => HeldKey(Booking(view));

    private static string AttendKey(int booking, PersonId member) => $"{AttendPrefix}{booking}/{member.Value}";

    private static string SignKey(int booking, PersonId attendee) => $"{SignPrefix}{booking}/{attendee.Value}";

    private static string AbsentKey(int booking) => $"{Absent}/{booking}";

    private static string HeldKey(int booking) => $"{Held}/{booking}";

    public static string ReconveneKey(CaseView view) => $"{Reconvene}/{MeetingsHeld(view)}";

    public static string MinutesKey(CaseView view) => $"{Minutes}/{MeetingsHeld(view)}";

    public static string ConfirmKey(CaseView view, AgencyId agency) => $"{ConfirmPrefix}{MeetingsHeld(view)}/{agency.Value}";

    public static string RecommendKey(CaseView view) => $"{Recommend}/{MeetingsHeld(view)}";

    public IEnumerable<CaseStep> Steps(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (state.InvitationsSentAt is null)
        {
            yield break;
        }

        var socialCare = state.SignificantHarmConcerns.Count == 0 ? [] : ChildrensSocialCare(view);
        for (var i = 0; i < state.SignificantHarmConcerns.Count; i++)
        {
            var index = i;
            yield return new CaseStep(HarmPrefix + i.ToString(System.Globalization.CultureInfo.InvariantCulture), "Start safeguarding procedures: a child at risk of significant harm",
                [.. socialCare, .. view.WithRole(Role.BoardManager).Where(m => socialCare.All(c => c.Id != m.Id))], null,
                Open: state.SignificantHarmConcerns[i].ActedOn is null, view.Last<SafeguardingStarted>(f => f.Concern == index), HarmCard.Build);
        }

        var preparing = state.Stage == Stage.PreparingScopingPanel;
        var managers = view.WithRole(Role.BoardManager);
        var scheduled = state.ScheduledPanel;
        var chair = state.PanelChair is { } c ? new[] { c } : [];

        // What was done for this booking (or this round, or this meeting held) only: a new one asks again.
        var round = LastIndex(view, f => f is ScopingPanelPostponed or ScopingPanelReconvened);
        var booked = LastIndex(view, f => f is ScopingPanelScheduled);
        var heldAt = LastIndex(view, f => f is ScopingPanelHeld);

        yield return new CaseStep(BookKey(view), "Find a time and book the Scoping Panel", managers, null,
            Open: preparing && scheduled is null, Since<ScopingPanelScheduled>(view, round), FindTimeCard.Build);

        yield return new CaseStep(Meeting, "The Scoping Panel meeting", managers, null, Open: false, Done: null, FindTimeCard.Build);

        // The cards of a meeting cancelled or moved, closed: each copy says it is no longer needed, under its own title.
        var superseded = scheduled is null ? Booking(view) : Booking(view) - 1;
        if (superseded > 0 && state.PanelHeld is null)
        {
            foreach (var closed in Superseded(view, superseded))
            {
                yield return closed;
            }
        }

        if (scheduled is null && state.PanelMeetingsHeld.Count == 0)
        {
            yield break;
        }

        var meetingDay = scheduled is null ? (DateOnly?)null : LondonTime.DateOf(scheduled.Start);
        var before = preparing && scheduled is not null && state.PanelHeld is null;
        foreach (var invitation in state.Invitations.Where(i => InTenant(i.Member)))
        {
            var member = invitation.Member;
            yield return new CaseStep(AttendKey(view, member.Id), "Answer the invitation to the Scoping Panel", [member], meetingDay,
                Open: before && invitation.Attending is null, Since<AttendanceAnswered>(view, booked, f => f.Member == member.Id), AttendanceCard.Build);
        }

        foreach (var attendee in Attendees(state).Where(InTenant))
        {
            yield return new CaseStep(SignKey(view, attendee.Id), "Sign the Scoping Panel's confidentiality statement", [attendee], meetingDay,
                Open: before && !state.HasSignedForScheduledPanel(attendee.Id),
                Since<ConfidentialityStatementSigned>(view, booked, f => f.Member == attendee.Id && f.MeetingStart == scheduled?.Start), StatementCard.Build);
        }

        var absent = AgenciesWithNobodyAttending(state);
        yield return new CaseStep(AbsentKey(view), "Reconvene the Scoping Panel?", chair, meetingDay,
            Open: before && absent.Count > 0 && !state.AbsencesAccepted(scheduled!.Start),
            view.Facts.Skip(booked + 1).OfType<PanelProceedsWithoutAgencies>().LastOrDefault() is { } proceeds
                ? new StepDone(proceeds.By, proceeds.At, $"Held as planned without {string.Join(", ", proceeds.Agencies.Select(view.AgencyName))}: decided by {proceeds.By.Name} on {Words.DateAndTime(proceeds.At)}.")
                : null,
            ReconveneCard.BuildBefore);

        yield return new CaseStep(HeldKey(view), "Record the Scoping Panel meeting held", chair, meetingDay,
            Open: before, Since<ScopingPanelHeld>(view, booked), MeetingHeldCard.Build);

        var held = state.PanelHeld;
        var afterHeld = state.Stage == Stage.ScopingPanel && held is not null;
        yield return new CaseStep(ReconveneKey(view), "Reconvene the Scoping Panel", chair, null,
            Open: afterHeld && held!.AgenciesWithoutInformation.Count > 0 && state.Recommendation is null, Since<ScopingPanelReconvened>(view, heldAt), ReconveneCard.BuildAfter);

        if (held is null)
        {
            yield break;
        }

        yield return new CaseStep(MinutesKey(view), "Circulate the Scoping Panel's minutes to every invited agency", managers,
            view.DueOf(state.PanelMeetingsHeld.Count == 1 ? "D5" : $"D5/{state.PanelMeetingsHeld.Count}"),
            Open: state.MinutesCirculatedOn is null, Since<MinutesCirculated>(view, heldAt), MinutesCard.BuildCirculate);

        if (state.MinutesCirculatedOn is not null)
        {
            foreach (var agency in state.Invitations.Where(i => i.Agency is not null).Select(i => i.Agency!.Value).Distinct())
            {
                var invited = state.Invitations.Where(i => i.Agency == agency && InTenant(i.Member)).Select(i => i.Member).ToList();
                yield return new CaseStep(ConfirmKey(view, agency), $"Confirm {view.AgencyName(agency)}'s minutes are accurate", invited, null,
                    Open: !state.MinutesConfirmedBy.Contains(agency), Since<MinutesConfirmed>(view, heldAt, f => f.Agency == agency), MinutesCard.BuildConfirm);
            }
        }

        yield return new CaseStep(RecommendKey(view), "Send the panel's recommendation to the Independent Chair", chair, null,
            Open: afterHeld && state.Recommendation is null, Since<RecommendationMade>(view, heldAt), RecommendationCard.Build);
    }

    private static IEnumerable<CaseStep> Superseded(CaseView view, int booking)
    {
        var state = view.State;
        var chair = state.PanelChair is { } c ? new[] { c } : [];
        foreach (var invitation in state.Invitations.Where(i => InTenant(i.Member)))
        {
            yield return new CaseStep(AttendKey(booking, invitation.Member.Id), "Answer the invitation to the Scoping Panel", [invitation.Member], null, Open: false, Done: null, AttendanceCard.Build);
        }

        foreach (var attendee in Attendees(state).Where(InTenant))
        {
            yield return new CaseStep(SignKey(booking, attendee.Id), "Sign the Scoping Panel's confidentiality statement", [attendee], null, Open: false, Done: null, StatementCard.Build);
        }

        yield return new CaseStep(AbsentKey(booking), "Reconvene the Scoping Panel?", chair, null, Open: false, Done: null, ReconveneCard.BuildBefore);
        yield return new CaseStep(HeldKey(booking), "Record the Scoping Panel meeting held", chair, null, Open: false, Done: null, MeetingHeldCard.Build);
    }

    private static int LastIndex(CaseView view, Func<CaseEvent, bool> match)
    {
        for (var i = view.Facts.Count - 1; i >= 0; i--)
        {
            if (match(view.Facts[i]))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>The last fact of this kind after the fact at <paramref name="after"/>, as who-and-when.</summary>
    private static StepDone? Since<T>(CaseView view, int after, Func<T, bool>? match = null)
        where T : CaseEvent =>
        view.Facts.Skip(after + 1).OfType<T>().LastOrDefault(f => match?.Invoke(f) ?? true) is { } fact ? new StepDone(fact.By, fact.At) : null;

    /// <summary>A button's data for the meeting booked now: the case, the step, and the meeting's start.</summary>
    public static System.Text.Json.Nodes.JsonObject ForMeeting(StepView view, System.Text.Json.Nodes.JsonObject? more = null)
    {
        ArgumentNullException.ThrowIfNull(view);
        var data = TaskCard.Data(view, more);
        if (view.Case.State.ScheduledPanel is { } panel)
        {
            data[MeetingStartKey] = panel.Start.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture);
        }

        return data;
    }

    /// <summary>
    /// Refuses a button pressed on a card drawn for a meeting that has since been moved or cancelled (its data names the
    /// meeting's start); otherwise the command decides.
    /// </summary>
    public static Outcome ForThisMeeting(CaseState state, string meetingStart, Func<Outcome> command)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(command);
        if (meetingStart.Length > 0 && (!DateTimeOffset.TryParseExact(meetingStart, "O", System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.None, out var start)
                                        || state.ScheduledPanel?.Start != start))
        {
            return Outcome.Refused(state.ScheduledPanel is { } panel
                ? $"This card is for a Scoping Panel meeting since moved to {When(panel.Start, panel.End)}: use the card for the meeting booked now. Nothing was changed."
                : "This card is for a Scoping Panel meeting since cancelled. Nothing was changed.");
        }

        return command();
    }

    /// <summary>The booking the meeting booked now was moved from, and the move: null when it was booked at this time.</summary>
    public static (ScopingPanelScheduled From, ScopingPanelScheduled By)? MovedFrom(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var bookings = view.Facts.Where(f => f is ScopingPanelScheduled or ScopingPanelPostponed or ScopingPanelReconvened).TakeLast(2).ToList();
        return view.State.ScheduledPanel is not null && bookings is [ScopingPanelScheduled from, ScopingPanelScheduled by] && from.MeetingId == by.MeetingId
            ? (from, by)
            : null;
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
            if (AddressOf(view, person) is { } address)
            {
                invitees.Add(new Invitee(address, person.Name, state.InvitationOf(person.Id)?.Capacity != PanelCapacity.Expert));
            }
        }

        return invitees.DistinctBy(i => i.Address.ToUpperInvariant()).ToList();
    }

    /// <summary>The address Outlook invites this attendee at: the invitation's, the board directory's, or an outside address.</summary>
    public static string? AddressOf(CaseView view, Actor person)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(person);
        var address = view.State.InvitationOf(person.Id)?.Email
                      ?? view.Directory.Find(view.State.LeadBoard)?.Members.FirstOrDefault(m => m.Person == person.Id && m.Email is not null)?.Email
                      ?? (person.Id.Value.StartsWith("mail:", StringComparison.Ordinal) ? person.Id.Value["mail:".Length..] : null);
        return string.IsNullOrWhiteSpace(address) ? null : address.Trim();
    }

    /// <summary>
    /// The people of children's social care told of a risk of significant harm at once: its representatives on the case,
    /// and the board's people for children's social care (its representative, its officer who notifies Ofsted) who hold
    /// a role on this case. The concern names the child, so it goes to no one without a role on the case: when nobody
    /// from children's social care has one, the Board Manager's card says so, and the Board Manager refers it.
    /// </summary>
    public static IReadOnlyList<Actor> ChildrensSocialCare(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        bool Csc(AgencyId? agency) => agency is { } id && view.Directory.FindAgency(view.State.LeadBoard, id)?.Kind == AgencyKind.ChildrensSocialCare;
        var onCase = view.State.Roles.Where(r => r.Role is (Role.AgencyRepresentative or Role.Referrer) && Csc(r.Agency)).Select(r => r.Person);
        var onBoard = view.Directory.Find(view.State.LeadBoard)?.Members.Where(m => m.Role is (Role.AgencyRepresentative or Role.NotifyingOfficer) && Csc(m.Agency))
            .Select(m => new Actor(m.Person, m.Name)) ?? [];
        return onCase.Concat(onBoard).DistinctBy(a => a.Id)
            .Where(a => CaseAccess.HasRoleOnCase(view.State, a.Id, view.Directory)).ToList();
    }

    /// <summary>"Tuesday 8 December 2026 10:00 to 12:00".</summary>
    public static string When(DateTimeOffset start, DateTimeOffset end) =>
        $"{Words.DateAndTime(start)} to {LondonTime.TimeOfDayOf(end):HH\\:mm}";
}
