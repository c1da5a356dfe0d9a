using System.Globalization;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Scheduling;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Scheduling;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// The buttons of the Scoping Panel meeting (<c>panel.*</c>). Finding a time reads the invitees' calendars and answers
/// with the slots; booking, moving and cancelling first do it in Outlook through <see cref="PanelCalendar"/>, and only
/// when Microsoft Graph has done it is the fact recorded — a failure is said in plain words and leaves the case as it
/// was, and booking again makes no second meeting (the same transactionId). Every other button is one domain command
/// through <see cref="CaseConversations.ActAsync"/>.
/// </summary>
public sealed class PanelActions(CaseConversations conversations, PanelCalendar calendar, TimeProvider time) : ICardActionHandler
{
    /// <summary>A button delivered again: the step as it is now, never booked or recorded a second time.</summary>
    public Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);

    public static readonly TimeSpan MeetingLength = TimeSpan.FromHours(2);

    public const string MoveVerb = "panel.move";
    public const string CancelVerb = "panel.cancel";

    public string VerbPrefix => "panel.";

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        string V(string id) => TaskCard.Value(action.Data, id);
        Outcome ForThisMeeting(CaseState state, Func<Outcome> command) => PanelSteps.ForThisMeeting(state, V(PanelSteps.MeetingStartKey), command);
        return action.Verb switch
        {
            FindTimeCard.FindVerb => FindAsync(context, action, V),
            FindTimeCard.BookVerb => BookAsync(context, action, V),
            MoveVerb => MoveAsync(context, action, V),
            CancelVerb or ReconveneCard.PostponeVerb => CancelAsync(context, action, V(ReconveneCard.ReasonInput), V(PanelSteps.MeetingStartKey)),
            ReconveneCard.ProceedVerb => conversations.ActAsync(context, action, "decide whether the Scoping Panel goes ahead", (s, c) => ForThisMeeting(s, () =>
                CaseCommands.ProceedWithoutAgencies(s, c, PanelSteps.AgenciesWithNobodyAttending(s)))),
            AttendanceCard.Verb => conversations.ActAsync(context, action, "answer an invitation to the Scoping Panel", (s, c) => ForThisMeeting(s, () => V(AttendanceCard.AnswerKey) switch
            {
                AttendanceCard.Attending => CaseCommands.AnswerAttendance(s, c, attending: true),
                AttendanceCard.Deputy => V(AttendanceCard.DeputyInput).Length == 0
                    ? Outcome.Refused("Name the deputy you are sending.", "Your deputy's full name")
                    : CaseCommands.AnswerAttendance(s, c, attending: true, V(AttendanceCard.DeputyInput)),
                AttendanceCard.CannotAttend => CaseCommands.AnswerAttendance(s, c, attending: false),
                _ => Outcome.Refused("Say whether you are attending, sending a deputy, or cannot attend."),
            })),
            StatementCard.Verb => conversations.ActAsync(context, action, "sign the Scoping Panel's confidentiality statement", (s, c) => ForThisMeeting(s, () =>
                ConfidentialityStatement.OfVersion(V(StatementCard.VersionKey)) is { } statement
                    ? CaseCommands.SignConfidentialityStatement(s, c, statement, V(StatementCard.NameInput), V(StatementCard.HashKey))
                    : Outcome.Refused($"There is no version {V(StatementCard.VersionKey)} of the confidentiality statement. Nothing was signed."))),
            MeetingHeldCard.Verb => conversations.ActAsync(context, action, "record that the Scoping Panel was held", (s, c) => ForThisMeeting(s, () =>
                Date(V(MeetingHeldCard.HeldOnInput)) is { } heldOn
                    ? CaseCommands.RecordScopingPanelHeld(s, c, heldOn,
                        List(V(MeetingHeldCard.AttendedInput)).Select(p => new PersonId(p)).ToList(),
                        List(V(MeetingHeldCard.WithoutInformationInput)).Select(a => new AgencyId(a)).ToList())
                    : Outcome.Refused("Give the date the meeting was held.", "The meeting was held on"))),
            MeetingHeldCard.HarmVerb => conversations.ActAsync(context, action, "record that a child is at risk of significant harm", (s, c) =>
                CaseCommands.IdentifyRiskOfSignificantHarm(s, c, V(MeetingHeldCard.HarmInput))),
            HarmCard.Verb => conversations.ActAsync(context, action, "record that safeguarding procedures started", (s, c) =>
                int.TryParse(V(HarmCard.ConcernKey), NumberStyles.None, CultureInfo.InvariantCulture, out var concern)
                    ? CaseCommands.StartSafeguarding(s, c, concern, V(HarmCard.ActionInput))
                    : Outcome.Refused("There is no such concern on this case.")),
            ReconveneCard.ReconveneVerb => conversations.ActAsync(context, action, "reconvene the Scoping Panel", (s, c) =>
                CaseCommands.ReconveneScopingPanel(s, c, V(ReconveneCard.ReasonInput))),
            MinutesCard.CirculateVerb => conversations.ActAsync(context, action, "circulate the Scoping Panel's minutes", (s, c) =>
                Date(V(MinutesCard.CirculatedOnInput)) is { } on
                    ? CaseCommands.CirculateMinutes(s, c, on, V(MinutesCard.DisagreementsToggle) == "true", V(MinutesCard.DisagreementsInput))
                    : Outcome.Refused("Give the date the minutes were circulated.", "Circulated on")),
            MinutesCard.ConfirmVerb => conversations.ActAsync(context, action, "confirm that the minutes are accurate", (s, c) =>
                CaseCommands.ConfirmMinutes(s, c, new AgencyId(V(MinutesCard.AgencyKey)))),
            RecommendationCard.Verb => conversations.ActAsync(context, action, "make the Scoping Panel's recommendation", (s, c) => Recommend(s, c, V)),
            _ => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")),
        };
    }

    private async Task<CardActionResult> FindAsync(TurnContext context, CardAction action, Func<string, string> value)
    {
        var proposed = value(FindTimeCard.ProposedDateInput).Length + value(FindTimeCard.ProposedTimeInput).Length > 0;
        DateTimeOffset? start = proposed ? Start(value(FindTimeCard.ProposedDateInput), value(FindTimeCard.ProposedTimeInput)) : null;
        if (proposed && start is null)
        {
            return await conversations.ActAsync(context, action, "propose a time for the Scoping Panel", (_, _) =>
                Outcome.Refused("Give the date and a start time such as 10:00 for the time you propose. Nothing was booked.")).ConfigureAwait(false);
        }

        var (step, answer) = await conversations.CheckAsync(context, action, "find a time for the Scoping Panel", (s, c) =>
            CaseCommands.ScheduleScopingPanel(s, c, start ?? c.Now.AddDays(1), (start ?? c.Now.AddDays(1)) + MeetingLength, null)).ConfigureAwait(false);
        if (step is null)
        {
            return answer!;
        }

        var invitees = PanelSteps.GraphInvitees(step.Case);
        if (start is { } at)
        {
            var (assessed, refused) = await CheckTimeAsync(context, action, "propose a time for the Scoping Panel", step, at, at + MeetingLength, "Nothing was booked.")
                .ConfigureAwait(false);
            return assessed is not null ? CardActionResult.ReplaceCard(FindTimeCard.Proposed(step, assessed)) : refused!;
        }

        var search = SlotSearch.NextWorkingDays(time.GetUtcNow(), step.Case.Calendar) with { MaxOffered = FindTimeCard.MaxOffered };
        if (Date(value(FindTimeCard.FromInput)) is { } from && from > step.Case.Today)
        {
            search = search with { FirstDay = from };
        }

        if (int.TryParse(value(FindTimeCard.DaysInput), NumberStyles.Integer, CultureInfo.InvariantCulture, out var days))
        {
            if (days is < 1 or > 40)
            {
                return CardActionResult.Message("Search between 1 and 40 working days.");
            }

            search = search with { WorkingDays = days };
        }

        var found = await calendar.FindSlotsAsync(search, invitees, step.Case.Calendar, context.CancellationToken).ConfigureAwait(false);
        return found.Value is { } slots
            ? CardActionResult.ReplaceCard(FindTimeCard.Slots(step, slots.Result))
            : CardActionResult.Message($"The invitees' calendars could not be read: {found.Failure} Nothing was changed on the case.");
    }

    private async Task<CardActionResult> BookAsync(TurnContext context, CardAction action, Func<string, string> value)
    {
        const string attempt = "book the Scoping Panel";
        if (Instant(value(FindTimeCard.StartKey)) is not { } start || Instant(value(FindTimeCard.EndKey)) is not { } end)
        {
            return await conversations.ActAsync(context, action, attempt, (_, _) => Outcome.Refused("The time to book is not a time. Nothing was booked.")).ConfigureAwait(false);
        }

        var (step, answer) = await conversations.CheckAsync(context, action, attempt, (s, c) => CaseCommands.ScheduleScopingPanel(s, c, start, end, null)).ConfigureAwait(false);
        if (step is null)
        {
            return answer!;
        }

        // The time is checked again as the calendars stand now: an offered slot may have filled, a card may be tampered with.
        var (_, refused) = await CheckTimeAsync(context, action, attempt, step, start, end, "Nothing was booked.").ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var state = step.Case.State;
        var meeting = $"scoping-panel-{state.PanelMeetingsHeld.Count + 1}-{start.ToUniversalTime():yyyyMMddTHHmm}";
        var request = new PanelMeetingRequest(step.Case.Reference.Value, meeting, 1 + step.Case.Facts.OfType<ScopingPanelPostponed>().Count(),
            start, end, PanelSteps.GraphInvitees(step.Case));
        var booked = await calendar.BookAsync(request, context.CancellationToken).ConfigureAwait(false);
        if (booked.Value is not { } made)
        {
            return await conversations.ActAsync(context, action, attempt, (_, _) =>
                Outcome.Refused($"{booked.Failure} Nothing was changed on the case.")).ConfigureAwait(false);
        }

        var result = await conversations.ActAsync(context, action, attempt, (s, c) =>
            CaseCommands.ScheduleScopingPanel(s, c, made.Start, made.End, made.EventId, made.JoinUrl)).ConfigureAwait(false);
        return made.Warning is { } warning && result is not MessageResult
            ? CardActionResult.Message($"The Scoping Panel is booked for {PanelSteps.When(made.Start, made.End)}. {warning}")
            : result;
    }

    private async Task<CardActionResult> MoveAsync(TurnContext context, CardAction action, Func<string, string> value)
    {
        const string attempt = "move the Scoping Panel meeting";
        if (Start(value(FindTimeCard.ProposedDateInput), value(FindTimeCard.ProposedTimeInput)) is not { } start)
        {
            return await conversations.ActAsync(context, action, attempt, (_, _) =>
                Outcome.Refused("Give the new date and a start time such as 10:00. The meeting was not moved.")).ConfigureAwait(false);
        }

        var end = start + MeetingLength;
        var (step, answer) = await conversations.CheckAsync(context, action, attempt, (s, c) =>
            s.ScheduledPanel?.MeetingId is null
                ? Outcome.Refused("No Scoping Panel meeting is booked in Outlook to move.")
                : PanelSteps.ForThisMeeting(s, value(PanelSteps.MeetingStartKey), () => CaseCommands.ScheduleScopingPanel(s, c, start, end, s.ScheduledPanel.MeetingId))).ConfigureAwait(false);
        if (step is null)
        {
            return answer!;
        }

        var panel = step.Case.State.ScheduledPanel!;
        var stays = $"The meeting stays booked for {PanelSteps.When(panel.Start, panel.End)}.";
        var (_, refused) = await CheckTimeAsync(context, action, attempt, step, start, end, $"The meeting was not moved. {stays}", panel).ConfigureAwait(false);
        if (refused is not null)
        {
            return refused;
        }

        var moved = await calendar.RescheduleAsync(panel.MeetingId!, start, end, context.CancellationToken).ConfigureAwait(false);
        var now = moved.Value;
        if (now is null && moved.Retryable)
        {
            // Graph may have moved the meeting and lost its answer: what Outlook holds decides.
            var read = await calendar.ReadAsync(panel.MeetingId!, context.CancellationToken).ConfigureAwait(false);
            now = read.Value is { IsCancelled: false } meeting && meeting.Start == start && meeting.End == end ? meeting : null;
        }

        if (now is null)
        {
            return await conversations.ActAsync(context, action, attempt, (_, _) =>
                Outcome.Refused($"{moved.Failure} Nothing was changed on the case. {stays}")).ConfigureAwait(false);
        }

        var result = await conversations.ActAsync(context, action, attempt, (s, c) =>
            CaseCommands.ScheduleScopingPanel(s, c, now.Start, now.End, panel.MeetingId, now.JoinUrl ?? panel.JoinUrl)).ConfigureAwait(false);
        return result is MessageResult
            ? result
            : CardActionResult.Message($"The Scoping Panel meeting is moved to {PanelSteps.When(now.Start, now.End)}. Outlook has sent every invitee the new time; each answers again, and signs the confidentiality statement again, for the new meeting.");
    }

    private async Task<CardActionResult> CancelAsync(TurnContext context, CardAction action, string reason, string meetingStart)
    {
        const string attempt = "cancel or reconvene the Scoping Panel meeting";
        var (step, answer) = await conversations.CheckAsync(context, action, attempt, (s, c) =>
            PanelSteps.ForThisMeeting(s, meetingStart, () => CaseCommands.PostponeScopingPanel(s, c, reason))).ConfigureAwait(false);
        if (step is null)
        {
            return answer!;
        }

        if (step.Case.State.ScheduledPanel!.MeetingId is { } eventId)
        {
            var cancelled = await calendar.CancelAsync(eventId, $"The Scoping Panel for {step.Case.Reference} is cancelled and will be arranged again.", context.CancellationToken)
                .ConfigureAwait(false);
            if (!cancelled.Succeeded)
            {
                return await conversations.ActAsync(context, action, attempt, (_, _) =>
                    Outcome.Refused($"{cancelled.Failure} Nothing was changed on the case.")).ConfigureAwait(false);
            }
        }

        var accepted = false;
        var result = await conversations.ActAsync(context, action, attempt, (s, c) =>
        {
            var outcome = PanelSteps.ForThisMeeting(s, meetingStart, () => CaseCommands.PostponeScopingPanel(s, c, reason));
            accepted = !outcome.IsRefused;
            return outcome;
        }).ConfigureAwait(false);
        return accepted
            ? CardActionResult.Message("The Scoping Panel meeting is cancelled in Outlook and on the case: Outlook has told every invitee. The Board Manager is asked to find a new time.")
            : result;
    }

    /// <summary>
    /// Whether the Scoping Panel may meet at this time (<see cref="MeetingTime"/>): the day and the hours first, then
    /// the invitees' calendars as they stand now. A time refused is answered in plain words and kept in the case's
    /// audit trail; a time that may be booked comes back with who is free then.
    /// </summary>
    private async Task<(ProposedTime? Time, CardActionResult? Refused)> CheckTimeAsync(
        TurnContext context, CardAction action, string attempt, StepView step, DateTimeOffset start, DateTimeOffset end, string nothingDone, PanelMeeting? moving = null)
    {
        var days = step.Case.Calendar;
        if (MeetingTime.Refused(SlotFinder.Assess(start, end, [], days), time.GetUtcNow(), days, nothingDone) is { } early)
        {
            return (null, await conversations.ActAsync(context, action, attempt, (_, _) => early).ConfigureAwait(false));
        }

        var assessed = await calendar.AssessAsync(start, end, PanelSteps.GraphInvitees(step.Case), days, context.CancellationToken,
            moving is null ? null : (moving.Start, moving.End)).ConfigureAwait(false);
        if (assessed.Value is not { } proposed)
        {
            return (null, await conversations.ActAsync(context, action, attempt, (_, _) =>
                Outcome.Refused($"The invitees' calendars could not be read: {assessed.Failure} {nothingDone}")).ConfigureAwait(false));
        }

        return MeetingTime.Refused(proposed, time.GetUtcNow(), days, nothingDone) is { } refused
            ? (null, await conversations.ActAsync(context, action, attempt, (_, _) => refused).ConfigureAwait(false))
            : (proposed, null);
    }

    private static Outcome Recommend(CaseState state, CommandContext context, Func<string, string> value)
    {
        if (!Enum.TryParse<RecommendationOption>(value(RecommendationCard.OptionInput), ignoreCase: false, out var option) || !Enum.IsDefined(option))
        {
            return Outcome.Refused("Choose one of the six options.", "The panel recommends");
        }

        ReviewMethodology? methodology = null;
        if (value(RecommendationCard.MethodologyInput) is { Length: > 0 } m)
        {
            if (!Enum.TryParse<ReviewMethodology>(m, ignoreCase: false, out var parsed) || !Enum.IsDefined(parsed))
            {
                return Outcome.Refused("The methodology is not one the toolkit names.");
            }

            methodology = parsed;
        }

        var focus = value(RecommendationCard.FocusInput).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var family = new FamilyInvolvement(value(RecommendationCard.FamilyInput), value(RecommendationCard.FactorsInput), value(RecommendationCard.GenogramInput) == "true");
        return CaseCommands.MakeRecommendation(state, context, option, methodology, value(RecommendationCard.CommissionedInput) == "true", focus,
            value(RecommendationCard.ReasonsInput), family);
    }

    private static IEnumerable<string> List(string text) => text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    private static DateOnly? Date(string text) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date) ? date : null;

    private static DateTimeOffset? Instant(string text) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? at : null;

    private static DateTimeOffset? Start(string date, string timeOfDay) =>
        Date(date) is { } day && TimeOnly.TryParseExact(timeOfDay, ["H:mm", "HH:mm"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var at)
            ? LondonTime.ToInstant(day, at)
            : null;
}
