using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Referral;

/// <summary>
/// The cards of notifiable incidents (D1): the nudge's "Record that Ofsted was notified" and what it becomes, and
/// each board's registry of notifications ("A registry of such notifications will be maintained by both LSCBs").
/// </summary>
public static class NotifiableIncidentCards
{
    public const string RecordVerb = "ofsted.recordNotified";
    public const string ReportedOnInput = "reportedOn";

    /// <summary>The nudge's button: the date Ofsted and the board were notified, and Record it.</summary>
    public static JsonObject RecordNotifiedAction(CaseReference reference, DateOnly today)
    {
        var date = DateInput(ReportedOnInput, "Date Ofsted and the board were notified", today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), required: true, max: today);
        var action = ShowCard(
            "Record that Ofsted was notified",
            [date],
            [Execute("Record it", RecordVerb, new JsonObject { ["reference"] = reference.Value }, style: "positive")]);
        action["style"] = "positive";
        return action;
    }

    public static JsonObject Recorded(CaseReference reference, DateOnly reportedOn) => Card(
    [
        Heading($"{reference} · Ofsted notified: recorded"),
        Text($"Recorded that Ofsted and the board were notified of the incident on {Words.Date(reportedOn)}. D1 is met, so its reminders stop; the notification is in the board's registry of notifiable incidents."),
        Text($"Type **case {reference}** to see where the case stands.", subtle: true),
    ]);

    /// <summary>One notification in a board's registry: case reference and dates only.</summary>
    public sealed record RegistryLine(CaseReference Reference, DateOnly IncidentOn, DateOnly SocialCareAwareOn, DateOnly DueOn, DateOnly? ReportedOn, bool Overdue);

    public static JsonObject Registry(string boardName, IReadOnlyList<RegistryLine> lines, DateOnly today, WorkingDayCalendar calendar)
    {
        ArgumentNullException.ThrowIfNull(lines);
        var body = new List<JsonNode?>
        {
            Heading($"Notifiable incidents · {boardName}"),
            Text(lines.Count == 0
                ? "No notifiable incident has been referred to this board."
                : string.Create(CultureInfo.InvariantCulture, $"{lines.Count} notifiable incident{(lines.Count == 1 ? "" : "s")}, newest first. Children's social care notifies Ofsted and the board within five working days of becoming aware.")),
        };
        foreach (var line in lines)
        {
            body.Add(Subheading($"{line.Reference}", separator: true));
            body.Add(Facts(
            [
                ("Incident", Words.Date(line.IncidentOn)),
                ("Children's social care aware", Words.Date(line.SocialCareAwareOn)),
                ("Ofsted and the board to be notified by", HumanDates.FormatWithRelative(line.DueOn, today, calendar)),
                ("Notified", line.ReportedOn is { } on ? Words.Date(on) : line.Overdue ? "Not yet recorded: overdue" : "Not yet recorded"),
            ]));
        }

        body.Add(Text("Case references only. Type case and a reference to open a case.", subtle: true));
        return Card(body);
    }
}

/// <summary>
/// Records from the nudge that Ofsted and the board were notified of a notifiable incident (D1): allowed to the
/// board's named officers, children's social care and the Board Manager; anyone else gets the one refusal.
/// </summary>
public sealed class NotifiableIncidentActions(CaseStore cases, BoardDirectory directory, TimeProvider time, ILogger<NotifiableIncidentActions> logger) : ICardActionHandler
{
    public string VerbPrefix => NotifiableIncidentCards.RecordVerb;

    public async Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        if (!context.IsPersonal)
        {
            return CardActionResult.Error(ReferralReplies.PersonalChatOnly, 403, "PersonalChatOnly");
        }

        if (context.UserAadObjectId is not { Length: > 0 } objectId)
        {
            return CardActionResult.Error(ReferralReplies.WhoAreYou, 401, "Unidentified");
        }

        var text = action.Data["reference"] is JsonValue r && r.TryGetValue<string>(out var t) ? t : null;
        if (!CaseReference.TryParse(text, out var reference))
        {
            return CardActionResult.Error(CaseStatusService.NotFound, 404, "NotFound");
        }

        var dateText = action.Data[NotifiableIncidentCards.ReportedOnInput] is JsonValue d && d.TryGetValue<string>(out var dt) ? dt.Trim() : "";
        if (!DateOnly.TryParseExact(dateText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var reportedOn))
        {
            return CardActionResult.Error("Enter the date Ofsted and the board were notified, like 4 January 2027.", 400, "BadDate");
        }

        var actor = new Actor(new PersonId(objectId), context.UserName);
        CaseResult? refused = null;
        foreach (var board in await cases.FindBoardsForReferenceAsync(reference.Value, context.CancellationToken).ConfigureAwait(false))
        {
            var result = await cases.ExecuteAsync(board, reference.Value, "record that Ofsted was notified", actor,
                (state, _) => CaseCommands.ReportNotifiableIncident(state, new CommandContext(actor, time.GetUtcNow(), directory), reportedOn),
                context.CancellationToken).ConfigureAwait(false);
            if (!result.IsRefused)
            {
                logger.LogInformation("Ofsted notified for {Reference}: recorded", reference.Value.Value);
                return CardActionResult.ReplaceCard(NotifiableIncidentCards.Recorded(reference.Value, reportedOn));
            }

            refused = result;
        }

        return refused is null
            ? CardActionResult.Error(CaseStatusService.NotFound, 404, "NotFound")
            : CardActionResult.Error(refused.Outcome.Explanation, 403, "Refused");
    }
}

/// <summary>
/// <c>notifications</c>: the registry of notifiable incidents of each board where the person is the Board Manager or
/// a named notifying officer — references and dates only.
/// </summary>
public sealed class NotificationsCommand(CaseStore cases, BoardDirectory directory, TimeProvider time, ProcessProfiles profiles) : ICommandHandler
{
    public const string Word = "notifications";

    public const string NoRegistry = "The registry of notifiable incidents is kept for the Board Manager and the officers named to notify Ofsted.";

    public string Command => Word;

    public string Description => "The board's registry of notifiable incidents (Board Manager and notifying officers)";

    public async Task HandleAsync(TurnContext context, string arguments)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!context.IsPersonal)
        {
            await context.SendTextAsync(ReferralReplies.PersonalChatOnly).ConfigureAwait(false);
            return;
        }

        var person = new PersonId(context.UserAadObjectId ?? "");
        var boards = directory.Boards.Where(b => b.Members.Any(m => m.Person == person && m.Role is Role.BoardManager or Role.NotifyingOfficer)).ToList();
        if (context.UserAadObjectId is not { Length: > 0 } || boards.Count == 0)
        {
            await context.SendTextAsync(NoRegistry).ConfigureAwait(false);
            return;
        }

        var today = LondonTime.Today(time);
        foreach (var board in boards)
        {
            var profile = profiles.For(board.Id);
            var calendar = profile.CreateCalendar();
            var lines = new List<NotifiableIncidentCards.RegistryLine>();
            foreach (var entry in await cases.CasesOnBoardAsync(board.Id, context.CancellationToken).ConfigureAwait(false))
            {
                var stored = await cases.LoadAsync(entry.KeptOn, entry.Reference, context.CancellationToken).ConfigureAwait(false);
                if (stored is null || !stored.State.IsNotifiableIncident)
                {
                    continue;
                }

                var d1 = ObligationRules.Derive(stored.Facts, profile, calendar, today).FirstOrDefault(o => o.Code == ObligationCode.D1);
                if (d1 is null || stored.State.Form is not { } form)
                {
                    continue;
                }

                lines.Add(new(entry.Reference, form.Incident.Date, d1.StartsOn, d1.DueOn, stored.State.NotifiableIncidentReportedOn, d1.Status == ObligationStatus.Overdue));
            }

            var ordered = lines.OrderByDescending(l => l.Reference.Year).ThenByDescending(l => l.Reference.Number).ToList();
            await context.SendCardAsync(NotifiableIncidentCards.Registry(board.Name, ordered, today, calendar), $"Notifiable incidents · {board.Name}").ConfigureAwait(false);
        }
    }
}
