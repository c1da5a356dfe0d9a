using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Scheduling;
using Invitee = ScrBot.Domain.Scheduling.Invitee;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// The Board Manager's task once the case is ready to schedule: find a time (over the next 10 working days by default,
/// or a window they choose) from the invitees' calendars, then book one of the best few slots offered, or propose
/// another time. When nothing fits, the card says who blocks it and offers the next window.
/// </summary>
public static class FindTimeCard
{
    public const string FindVerb = "panel.find";
    public const string BookVerb = "panel.book";
    public const string FromInput = "from";
    public const string DaysInput = "workingDays";
    public const string ProposedDateInput = "proposedDate";
    public const string ProposedTimeInput = "proposedTime";
    public const string StartKey = "start";
    public const string EndKey = "end";

    /// <summary>The best few slots offered on the card.</summary>
    public const int MaxOffered = 3;

    /// <summary>The task card: the window to search, and another time to propose.</summary>
    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        // After a cancellation, why the meeting was cancelled: free text kept on the case, so the card is marked confidential.
        var body = new List<JsonNode?>();
        var again = view.Case.State.ScheduledPanel is null ? view.Case.Facts.LastOrDefault(f => f is ScopingPanelPostponed or ScopingPanelReconvened) : null;
        if (again is not null)
        {
            body.Add(Attention(again is ScopingPanelPostponed postponed
                ? $"The meeting booked for {Words.DateAndTime(postponed.MeetingStart)} was cancelled by {postponed.By.Name} on {Words.DateAndTime(postponed.At)}: {Sentence(postponed.Reason)} Book a new time."
                : $"The Scoping Panel reconvenes, as {again.By.Name} decided on {Words.DateAndTime(again.At)}: {Sentence(((ScopingPanelReconvened)again).Reason)} Book the next meeting."));
        }

        body.AddRange(
            [
                Text("ScrBot reads the invitees' calendars through Outlook and offers the times when everyone required is free, most optional people free first. People outside the organisation show as availability unknown.", subtle: true),
                DateInput(FromInput, "Search from", Iso(view.Case.Today.AddDays(1))),
                NumberInput(DaysInput, "Working days to search", SlotSearch.DefaultWorkingDays.ToString(CultureInfo.InvariantCulture), 1, 40),
            ]);
        return TaskCard.Build(view, Facts(view), body,
            [Execute("Find a time", FindVerb, TaskCard.Data(view), style: "positive"), Propose(view)],
            "The Board Manager, once the invitations are sent",
            confidential: again is not null);
    }

    /// <summary>The slots found, best first, each with Book this slot; or who blocks it and the next window.</summary>
    public static JsonObject Slots(StepView view, SlotSearchResult result)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(result);
        var body = new List<JsonNode?>
        {
            Text($"Searched {Words.Count(result.Window.Days.Count, "working day", "working days")}: {Words.Date(result.Window.FirstDay)} to {Words.Date(result.Window.LastDay)}.", subtle: true),
        };
        if (result.Window.Skipped.Count > 0)
        {
            body.Add(Text("Skipped: " + string.Join("; ", result.Window.Skipped.Select(s => $"{Words.Date(s.Date)} ({s.Reason})")), subtle: true));
        }

        if (result.Found)
        {
            body.Add(Subheading("The best times"));
            foreach (var slot in result.Slots.Take(MaxOffered))
            {
                var lines = new List<string>
                {
                    slot.EveryoneRequiredFree ? "Everyone required is free" : "Everyone required is free or tentative: tentative " + Names(slot.RequiredTentative),
                };
                if (slot.OptionalFree.Count + slot.OptionalTentative.Count + slot.OptionalBusy.Count > 0)
                {
                    lines.Add($"Optional people free: {slot.OptionalFree.Count} of {slot.OptionalFree.Count + slot.OptionalTentative.Count + slot.OptionalBusy.Count}");
                }

                if (slot.AvailabilityUnknown.Count > 0)
                {
                    lines.Add("Availability unknown: " + Names(slot.AvailabilityUnknown));
                }

                body.Add(Container(
                [
                    Text(PanelSteps.When(slot.Start, slot.End), strong: true),
                    Bullets(lines),
                    ActionSet(Execute("Book this slot", BookVerb, TaskCard.Data(view, Times(slot.Start, slot.End)), sendInputs: false)),
                ], separator: true));
            }
        }
        else
        {
            body.Add(Attention("No time in this window has everyone required free.", strong: true));
            body.Add(Bullets(result.Blockers.Select(b => b.NeverFree
                ? $"{b.Invitee.Name} is never free in this window"
                : $"{b.Invitee.Name} is busy at {b.TimesBlocked} of {b.TimesLookedAt} times")));
            if (result.AvailabilityUnknown.Count > 0)
            {
                body.Add(Text("Availability unknown: " + Names(result.AvailabilityUnknown), subtle: true));
            }
        }

        var next = result.NextWindow;
        var actions = new List<JsonNode?>();
        if (!result.Found)
        {
            actions.Add(Execute($"Look in the next {next.WorkingDays} working days", FindVerb,
                TaskCard.Data(view, new JsonObject { [FromInput] = Iso(next.FirstDay), [DaysInput] = next.WorkingDays.ToString(CultureInfo.InvariantCulture) }), style: "positive", sendInputs: false));
        }

        actions.Add(Propose(view));
        return TaskCard.Build(view, Facts(view), body, actions, "The Board Manager, once the invitations are sent", confidential: false);
    }

    /// <summary>
    /// A time the Board Manager proposed that the Scoping Panel may meet at (<see cref="MeetingTime"/>): who is free then,
    /// what to know before booking it (someone required tentative, people whose calendars cannot be read), and Book this time.
    /// </summary>
    public static JsonObject Proposed(StepView view, ProposedTime proposed)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(proposed);
        var lines = new List<string> { proposed.EveryoneRequiredFree ? "Everyone required is free" : "Everyone required is free or tentative" };
        var optional = proposed.OptionalFree.Count + proposed.OptionalTentative.Count + proposed.OptionalBusy.Count;
        if (optional > 0)
        {
            lines.Add($"Optional people free: {proposed.OptionalFree.Count} of {optional}");
        }

        lines.AddRange(MeetingTime.Warnings(proposed));
        var body = new List<JsonNode?>
        {
            Container([Text(PanelSteps.When(proposed.Start, proposed.End), strong: true), Bullets(lines)], style: proposed.EveryoneRequiredFree ? null : "attention"),
        };
        return TaskCard.Build(view, Facts(view), body,
            [
                Execute("Book this time", BookVerb, TaskCard.Data(view, Times(proposed.Start, proposed.End)), style: "positive", sendInputs: false),
                Execute("Find a time", FindVerb, TaskCard.Data(view), sendInputs: false),
                Propose(view),
            ],
            "The Board Manager, once the invitations are sent",
            confidential: false);
    }

    private static JsonObject Propose(StepView view) => ShowCard("Propose another time",
        [
            DateInput(ProposedDateInput, "Date", "", required: true),
            TextInput(ProposedTimeInput, "Start time (London, 24-hour, e.g. 10:00)", "", 5, required: true),
            Text("The meeting lasts two hours.", subtle: true),
        ],
        [Execute("Check this time", FindVerb, TaskCard.Data(view))]);

    private static List<(string, string)> Facts(StepView view)
    {
        var invitees = PanelSteps.GraphInvitees(view.Case);
        return
        [
            ("Invitees", $"{invitees.Count(i => i.Required)} required, {invitees.Count(i => !i.Required)} optional"),
            ("Meeting", "Two hours, a Teams meeting organised from the board's mailbox"),
        ];
    }

    private static JsonObject Times(DateTimeOffset start, DateTimeOffset end) => new()
    {
        [StartKey] = start.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
        [EndKey] = end.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture),
    };

    private static string Names(IEnumerable<Invitee> people) => string.Join(", ", people.Select(p => p.Name));

    private static string Sentence(string text) => text.TrimEnd() is var t && t.Length > 0 && ".!?".Contains(t[^1], StringComparison.Ordinal) ? t : t + ".";

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
