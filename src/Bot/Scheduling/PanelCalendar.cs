using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Graph;
using Microsoft.Graph.Models;
using Microsoft.Graph.Models.ODataErrors;
using Microsoft.Graph.Users.Item.Calendar.GetSchedule;
using Microsoft.Graph.Users.Item.Events.Item.Cancel;
using ScrBot.Bot.Hosting;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Scheduling;

namespace ScrBot.Bot.Scheduling;

/// <summary>What a Graph call came to: its value, or why it failed in plain English and whether trying again later may work.</summary>
public sealed record GraphOutcome<T>(T? Value, string? Failure = null, bool Retryable = false)
{
    public bool Succeeded => Failure is null;

    public static GraphOutcome<T> Fail(string failure, bool retryable) => new(default, failure, retryable);
}

/// <summary>Free/busy for the invitees, and how many Graph calls it took.</summary>
public sealed record FreeBusy(IReadOnlyList<InviteeAvailability> Availability, int GraphCalls);

/// <summary>Slots found for a search, with the free/busy they were found from.</summary>
public sealed record SlotsFound(SlotSearchResult Result, int GraphCalls);

/// <summary>
/// A Scoping Panel meeting to book. The invitation carries the case reference only — it goes to people outside the
/// tenant too — so there is no free text: the subject and body are written here. <see cref="Attempt"/> counts the
/// bookings of this meeting (a new one after a cancellation); with the case and meeting it makes the transactionId.
/// </summary>
public sealed record PanelMeetingRequest(
    string CaseReference,
    string MeetingKey,
    int Attempt,
    DateTimeOffset Start,
    DateTimeOffset End,
    IReadOnlyList<Invitee> Invitees);

/// <summary>A meeting booked in the organiser's calendar.</summary>
public sealed record BookedMeeting(string EventId, string TransactionId, DateTimeOffset Start, DateTimeOffset End, string? JoinUrl, string? WebLink)
{
    /// <summary>Teams gave no meeting link (a mailbox or licence without Teams): the Board Manager must be told.</summary>
    public bool TeamsLinkMissing => string.IsNullOrEmpty(JoinUrl);

    public string? Warning => TeamsLinkMissing
        ? "The meeting is in the calendar and the invitations went out, but Teams gave it no meeting link: the organiser mailbox may have no Teams licence. Add a Teams link in Outlook, or tell the invitees where to meet."
        : null;
}

/// <summary>An invitee's answer as Outlook holds it.</summary>
public enum InvitationAnswer
{
    None,
    Organiser,
    TentativelyAccepted,
    Accepted,
    Declined,
    NotResponded,
}

/// <summary>One invitee's answer to the invitation.</summary>
public sealed record AttendeeAnswer(string Address, string Name, bool Required, InvitationAnswer Answer, DateTimeOffset? AnsweredAt);

/// <summary>The meeting as the organiser's calendar holds it now, with every invitee's answer.</summary>
public sealed record MeetingState(string EventId, DateTimeOffset Start, DateTimeOffset End, bool IsCancelled, string? JoinUrl, IReadOnlyList<AttendeeAnswer> Answers);

/// <summary>
/// Scoping Panel meetings in the organiser mailbox (<c>Graph__OrganiserMailbox</c>) through Microsoft Graph, with
/// application permissions: free/busy with <c>POST /users/{organiser}/calendar/getSchedule</c> (at most 20 people a
/// call), slots found by <see cref="SlotFinder"/>, the Teams meeting created with <c>POST /users/{organiser}/events</c>
/// and a <c>transactionId</c> derived from the case, the meeting and the attempt (so a retried create makes no second
/// meeting), moved with <c>PATCH</c>, cancelled with <c>cancel</c>, and the invitees' answers read back with <c>GET</c>.
/// Throttling (429 and its <c>Retry-After</c>) is waited out by <see cref="Graph.GraphRetryHandler"/>; a failure is an
/// answer in plain English, never a half-booked meeting: a booking that failed is made again with the same
/// transactionId, which Graph recognises.
/// </summary>
public sealed class PanelCalendar(GraphServiceClient? graph, GraphSettings settings, ILogger<PanelCalendar> logger)
{
    /// <summary>getSchedule takes at most 20 people or rooms a call.</summary>
    public const int SchedulesPerCall = 20;

    /// <summary>getSchedule's window must be shorter than 62 days.</summary>
    public static readonly TimeSpan LongestWindowPerCall = TimeSpan.FromDays(61);

    private const string NotConfigured = "Scoping Panel meetings cannot be scheduled here: Microsoft Graph is not configured (Graph__OrganiserMailbox).";

    /// <summary>Reads free/busy for <paramref name="invitees"/> over <paramref name="window"/> (its days from London's start of the first to the end of the last).</summary>
    public async Task<GraphOutcome<FreeBusy>> ReadFreeBusyAsync(IReadOnlyList<Invitee> invitees, SearchWindow window, CancellationToken cancellationToken)
    {
        if (graph is null || settings.OrganiserMailbox is not { } organiser)
        {
            return GraphOutcome<FreeBusy>.Fail(NotConfigured, retryable: false);
        }

        var addresses = invitees.Select(i => i.Address).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var busy = addresses.ToDictionary(a => a, _ => new List<BusyPeriod>(), StringComparer.OrdinalIgnoreCase);
        var unknown = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var calls = 0;
        var from = LondonTime.StartOfDay(window.FirstDay);
        var until = LondonTime.EndOfDay(window.LastDay);
        try
        {
            for (var start = from; start < until; start += LongestWindowPerCall)
            {
                var end = start + LongestWindowPerCall < until ? start + LongestWindowPerCall : until;
                foreach (var batch in addresses.Chunk(SchedulesPerCall))
                {
                    calls++;
                    var answer = await graph.Users[organiser].Calendar.GetSchedule.PostAsGetSchedulePostResponseAsync(new GetSchedulePostRequestBody
                    {
                        Schedules = [.. batch],
                        StartTime = Utc(start),
                        EndTime = Utc(end),
                        AvailabilityViewInterval = 30,
                    }, cancellationToken: cancellationToken).ConfigureAwait(false);
                    var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
                    foreach (var schedule in answer?.Value ?? [])
                    {
                        if (schedule.ScheduleId is not { } id || !busy.TryGetValue(id, out var periods))
                        {
                            continue;
                        }

                        seen.Add(id);
                        if (schedule.Error is not null)
                        {
                            // Outside the tenant (e.g. responseCode 5009) or not shared: unknown, not free.
                            unknown.Add(id);
                            continue;
                        }

                        foreach (var item in schedule.ScheduleItems ?? [])
                        {
                            if (Kind(item.Status) is { } kind && Instant(item.Start) is { } s && Instant(item.End) is { } e)
                            {
                                periods.Add(new BusyPeriod(s, e, kind));
                            }
                        }
                    }

                    unknown.UnionWith(batch.Where(a => !seen.Contains(a)));
                }
            }
        }
        catch (Exception e) when (Failure(e, "Free/busy could not be read", cancellationToken) is { } failure)
        {
            return GraphOutcome<FreeBusy>.Fail(failure.Reason, failure.Retryable);
        }

        var availability = invitees
            .Select(i => unknown.Contains(i.Address) ? InviteeAvailability.Unknown(i) : new InviteeAvailability(i, busy[i.Address]))
            .ToList();
        return new GraphOutcome<FreeBusy>(new FreeBusy(availability, calls));
    }

    /// <summary>Reads free/busy over the search's window and finds the slots.</summary>
    public async Task<GraphOutcome<SlotsFound>> FindSlotsAsync(SlotSearch search, IReadOnlyList<Invitee> invitees, WorkingDayCalendar calendar, CancellationToken cancellationToken)
    {
        var window = SlotFinder.WindowOf(search, calendar);
        var freeBusy = await ReadFreeBusyAsync(invitees, window, cancellationToken).ConfigureAwait(false);
        return freeBusy.Value is { } read
            ? new GraphOutcome<SlotsFound>(new SlotsFound(SlotFinder.Find(search, read.Availability, calendar), read.GraphCalls))
            : GraphOutcome<SlotsFound>.Fail(freeBusy.Failure!, freeBusy.Retryable);
    }

    /// <summary>
    /// Reads free/busy for the day of a time the Board Manager proposes, and says who is free then. When the meeting
    /// booked now is being moved, its own time (<paramref name="moving"/>), which Outlook shows in every attendee's
    /// calendar, does not make them busy.
    /// </summary>
    public async Task<GraphOutcome<ProposedTime>> AssessAsync(
        DateTimeOffset start,
        DateTimeOffset end,
        IReadOnlyList<Invitee> invitees,
        WorkingDayCalendar calendar,
        CancellationToken cancellationToken,
        (DateTimeOffset Start, DateTimeOffset End)? moving = null)
    {
        var days = new List<DateOnly> { LondonTime.DateOf(start) };
        if (LondonTime.DateOf(end) > days[0])
        {
            days.Add(LondonTime.DateOf(end));
        }

        var freeBusy = await ReadFreeBusyAsync(invitees, new SearchWindow(days, []), cancellationToken).ConfigureAwait(false);
        if (freeBusy.Value is not { } read)
        {
            return GraphOutcome<ProposedTime>.Fail(freeBusy.Failure!, freeBusy.Retryable);
        }

        var availability = moving is { } own
            ? read.Availability.Select(a => a.IsKnown ? a with { Busy = [.. a.Busy!.Where(b => b.Start != own.Start || b.End != own.End)] } : a).ToList()
            : read.Availability;
        return new GraphOutcome<ProposedTime>(SlotFinder.Assess(start, end, availability, calendar));
    }

    /// <summary>The transactionId of a booking: the same case, meeting and attempt always give the same one.</summary>
    public static string TransactionIdFor(string caseReference, string meetingKey, int attempt)
    {
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes($"{caseReference}\n{meetingKey}\n{attempt.ToString(CultureInfo.InvariantCulture)}"));
        return "scrbot-" + Convert.ToHexStringLower(hash)[..40];
    }

    /// <summary>
    /// Creates the Teams meeting in the organiser's calendar; Outlook invites everyone, people outside the tenant too.
    /// Safe to call again after a failure or a lost answer: the transactionId makes Graph return the meeting it made.
    /// </summary>
    public async Task<GraphOutcome<BookedMeeting>> BookAsync(PanelMeetingRequest request, CancellationToken cancellationToken)
    {
        if (graph is null || settings.OrganiserMailbox is not { } organiser)
        {
            return GraphOutcome<BookedMeeting>.Fail(NotConfigured, retryable: false);
        }

        var transactionId = TransactionIdFor(request.CaseReference, request.MeetingKey, request.Attempt);
        var meeting = new Event
        {
            Subject = $"Scoping Panel: {request.CaseReference}",
            Body = new ItemBody
            {
                ContentType = BodyType.Html,
                Content = $"<p>The Scoping Panel for Serious Case Review {WebUtility(request.CaseReference)}.</p>" +
                          "<p>This meeting is confidential. Details of the case are shared in ScrBot, in Teams, with the people who have a role on it; none are given in this invitation.</p>",
            },
            Start = London(request.Start),
            End = London(request.End),
            Attendees = [.. request.Invitees.Select(i => new Attendee
            {
                EmailAddress = new EmailAddress { Address = i.Address, Name = i.Name },
                Type = i.Required ? AttendeeType.Required : AttendeeType.Optional,
            })],
            IsOnlineMeeting = true,
            OnlineMeetingProvider = OnlineMeetingProviderType.TeamsForBusiness,
            AllowNewTimeProposals = false,
            ResponseRequested = true,
            TransactionId = transactionId,
        };

        try
        {
            var created = await graph.Users[organiser].Events.PostAsync(meeting, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (created?.Id is not { } id)
            {
                return GraphOutcome<BookedMeeting>.Fail("Microsoft Graph did not say which meeting it made. Try booking again: no second meeting will be made.", retryable: true);
            }

            var booked = new BookedMeeting(id, transactionId, Instant(created.Start) ?? request.Start, Instant(created.End) ?? request.End, created.OnlineMeeting?.JoinUrl, created.WebLink);
            if (booked.TeamsLinkMissing)
            {
                logger.LogWarning("The Scoping Panel meeting for {CaseReference} was created without a Teams link", request.CaseReference);
            }

            return new GraphOutcome<BookedMeeting>(booked);
        }
        catch (Exception e) when (Failure(e, "The meeting was not booked", cancellationToken) is { } failure)
        {
            logger.LogWarning("Booking the Scoping Panel meeting for {CaseReference} failed: {Failure}", request.CaseReference, failure.Reason);
            return GraphOutcome<BookedMeeting>.Fail(
                failure.Retryable ? failure.Reason + " Booking again later makes no second meeting." : failure.Reason,
                failure.Retryable);
        }
    }

    /// <summary>Moves the meeting; Outlook sends the invitees the new time and asks them again.</summary>
    public async Task<GraphOutcome<MeetingState>> RescheduleAsync(string eventId, DateTimeOffset start, DateTimeOffset end, CancellationToken cancellationToken)
    {
        if (graph is null || settings.OrganiserMailbox is not { } organiser)
        {
            return GraphOutcome<MeetingState>.Fail(NotConfigured, retryable: false);
        }

        try
        {
            var updated = await graph.Users[organiser].Events[eventId].PatchAsync(new Event { Start = London(start), End = London(end) }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new GraphOutcome<MeetingState>(StateOf(updated!));
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return GraphOutcome<MeetingState>.Fail("The meeting is no longer in the organiser's calendar: it may have been cancelled in Outlook. Book a new one.", retryable: false);
        }
        catch (Exception e) when (Failure(e, "The meeting was not moved", cancellationToken) is { } failure)
        {
            return GraphOutcome<MeetingState>.Fail(failure.Reason, failure.Retryable);
        }
    }

    /// <summary>Cancels the meeting; Outlook sends the invitees the cancellation with <paramref name="comment"/>. Cancelling one already gone is done.</summary>
    public async Task<GraphOutcome<bool>> CancelAsync(string eventId, string comment, CancellationToken cancellationToken)
    {
        if (graph is null || settings.OrganiserMailbox is not { } organiser)
        {
            return GraphOutcome<bool>.Fail(NotConfigured, retryable: false);
        }

        try
        {
            await graph.Users[organiser].Events[eventId].Cancel.PostAsync(new CancelPostRequestBody { Comment = comment }, cancellationToken: cancellationToken).ConfigureAwait(false);
            return new GraphOutcome<bool>(true);
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return new GraphOutcome<bool>(true);
        }
        catch (Exception e) when (Failure(e, "The meeting was not cancelled", cancellationToken) is { } failure)
        {
            return GraphOutcome<bool>.Fail(failure.Reason, failure.Retryable);
        }
    }

    /// <summary>Reads the meeting back: its time, whether it was cancelled, and every invitee's answer.</summary>
    public async Task<GraphOutcome<MeetingState>> ReadAsync(string eventId, CancellationToken cancellationToken)
    {
        if (graph is null || settings.OrganiserMailbox is not { } organiser)
        {
            return GraphOutcome<MeetingState>.Fail(NotConfigured, retryable: false);
        }

        try
        {
            var meeting = await graph.Users[organiser].Events[eventId].GetAsync(r =>
                r.QueryParameters.Select = ["start", "end", "isCancelled", "onlineMeeting", "attendees"], cancellationToken).ConfigureAwait(false);
            return new GraphOutcome<MeetingState>(StateOf(meeting!));
        }
        catch (ODataError error) when (error.ResponseStatusCode == 404)
        {
            return GraphOutcome<MeetingState>.Fail("The meeting is no longer in the organiser's calendar: it may have been cancelled in Outlook.", retryable: false);
        }
        catch (Exception e) when (Failure(e, "The answers could not be read", cancellationToken) is { } failure)
        {
            return GraphOutcome<MeetingState>.Fail(failure.Reason, failure.Retryable);
        }
    }

    private static MeetingState StateOf(Event meeting) => new(
        meeting.Id ?? "",
        Instant(meeting.Start) ?? default,
        Instant(meeting.End) ?? default,
        meeting.IsCancelled == true,
        meeting.OnlineMeeting?.JoinUrl,
        [.. (meeting.Attendees ?? []).Select(a => new AttendeeAnswer(
            a.EmailAddress?.Address ?? "",
            a.EmailAddress?.Name ?? "",
            a.Type != AttendeeType.Optional,
            a.Status?.Response switch
            {
                ResponseType.Organizer => InvitationAnswer.Organiser,
                ResponseType.TentativelyAccepted => InvitationAnswer.TentativelyAccepted,
                ResponseType.Accepted => InvitationAnswer.Accepted,
                ResponseType.Declined => InvitationAnswer.Declined,
                ResponseType.NotResponded => InvitationAnswer.NotResponded,
                _ => InvitationAnswer.None,
            },
            a.Status?.Time is { } time && time.Year > 1 ? time : null))]);

    private (string Reason, bool Retryable)? Failure(Exception e, string what, CancellationToken cancellationToken)
    {
        switch (e)
        {
            case OperationCanceledException when cancellationToken.IsCancellationRequested:
                return null;
            case ODataError { ResponseStatusCode: 429 }:
                return ($"{what}: Microsoft Graph is busy and asked ScrBot to wait. Try again in a few minutes.", true);
            case ODataError { ResponseStatusCode: 401 or 403 } error:
                logger.LogError("Microsoft Graph refused ScrBot: {Status} {Code}", error.ResponseStatusCode, error.Error?.Code);
                return ($"{what}: Microsoft Graph refused ScrBot access to the organiser's calendar. An administrator must grant Calendars.ReadWrite (application) for the organiser mailbox.", false);
            case ODataError { ResponseStatusCode: >= 500 } error:
                logger.LogWarning("Microsoft Graph failed: {Status} {Code}", error.ResponseStatusCode, error.Error?.Code);
                return ($"{what}: Microsoft Graph is not working properly just now. Try again later.", true);
            case ODataError error:
                logger.LogError("Microsoft Graph refused a request: {Status} {Code} {Message}", error.ResponseStatusCode, error.Error?.Code, error.Error?.Message);
                return ($"{what}: Microsoft Graph refused the request ({error.Error?.Code}).", false);
            case HttpRequestException:
                return ($"{what}: Microsoft Graph could not be reached. Try again later.", true);
            case TaskCanceledException or TimeoutException:
                return ($"{what}: Microsoft Graph did not answer in time. Try again later.", true);
            default:
                return null;
        }
    }

    private static string WebUtility(string text) => System.Net.WebUtility.HtmlEncode(text);

    private static DateTimeTimeZone Utc(DateTimeOffset instant) => new()
    {
        DateTime = instant.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
        TimeZone = "UTC",
    };

    /// <summary>London wall-clock time with Outlook's name for London's zone, so Outlook shows the meeting as booked.</summary>
    private static DateTimeTimeZone London(DateTimeOffset instant)
    {
        var london = LondonTime.ToLondon(instant);
        return new DateTimeTimeZone
        {
            DateTime = london.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture),
            TimeZone = "GMT Standard Time",
        };
    }

    private static BusyKind? Kind(FreeBusyStatus? status) => status switch
    {
        FreeBusyStatus.Busy => BusyKind.Busy,
        FreeBusyStatus.Oof => BusyKind.OutOfOffice,
        FreeBusyStatus.Tentative or FreeBusyStatus.Unknown => BusyKind.Tentative,
        FreeBusyStatus.WorkingElsewhere => BusyKind.WorkingElsewhere,
        _ => null,
    };

    /// <summary>The instant a Graph dateTimeTimeZone names (UTC, a Windows or an IANA zone).</summary>
    internal static DateTimeOffset? Instant(DateTimeTimeZone? value)
    {
        if (value?.DateTime is not { } text || value.TimeZone is not { } zoneName ||
            !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return null;
        }

        TimeZoneInfo zone;
        try
        {
            zone = zoneName.Equals("UTC", StringComparison.OrdinalIgnoreCase) ? TimeZoneInfo.Utc : TimeZoneInfo.FindSystemTimeZoneById(zoneName);
        }
        catch (Exception e) when (e is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return null;
        }

        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return new DateTimeOffset(local, zone.GetUtcOffset(local));
    }
}
