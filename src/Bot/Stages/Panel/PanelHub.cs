using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// The Scoping Panel on the Board Manager's hub card: the meeting booked (and a warning when Teams gave it no link),
/// each invitee's answer in ScrBot and in Outlook, who has signed the confidentiality statement, a risk of significant
/// harm, and, once the panel has recommended, "Waiting for the Independent Chair"; with Move the meeting and Cancel the
/// meeting while it is booked.
/// </summary>
public sealed class PanelHub : IHubPart
{
    public IEnumerable<JsonNode?> Body(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        foreach (var concern in state.SignificantHarmConcerns.Where(c => c.ActedOn is null))
        {
            yield return Container(
            [
                Text("Risk of significant harm identified", strong: true),
                Text($"Raised by {concern.By.Name} on {Words.DateAndTime(concern.At)}. Children's social care has been asked to start safeguarding procedures now."),
            ], style: "attention");
        }

        if (state.Stage == Stage.IndependentChairDecision && state.Recommendation is { } recommendation)
        {
            yield return Container(
            [
                Text("Waiting for the Independent Chair", strong: true),
                Text($"The Scoping Panel recommends {StepWords.Recommendation(recommendation)}. The Independent Chair decides; the case stays open until then."),
            ], style: "attention");
        }

        if (state.ScheduledPanel is not { } panel || state.PanelHeld is not null)
        {
            yield break;
        }

        yield return Subheading("The Scoping Panel meeting", separator: true);
        var facts = new List<(string, string)> { ("When", PanelSteps.When(panel.Start, panel.End)) };
        if (PanelSteps.MovedFrom(view) is { } moved)
        {
            facts.Add(("Moved", $"from {PanelSteps.When(moved.From.Start, moved.From.End)}, by {moved.By.By.Name} on {Words.DateAndTime(moved.By.At)}: every invitee is asked again"));
        }

        facts.Add(("Teams", panel.JoinUrl is { Length: > 0 } ? "Teams meeting link sent with the invitation" : "No Teams link"));
        yield return Facts(facts);
        if (panel.JoinUrl is not { Length: > 0 })
        {
            yield return Attention("Teams gave the meeting no link: the organiser mailbox may have no Teams licence. Add a Teams link in Outlook, or tell the invitees where to meet.");
        }

        var outlook = state.OutlookAnswers.DistinctBy(a => a.Address.ToUpperInvariant()).ToDictionary(a => a.Address, a => a.Answer, StringComparer.OrdinalIgnoreCase);
        yield return Bullets(PanelSteps.Attendees(state).Select(a =>
        {
            var invitation = state.InvitationOf(a.Id);
            var inScrBot = invitation switch
            {
                { Attending: true, Deputy: { } deputy } => $"sending a deputy, {deputy}",
                { Attending: true } => "attending",
                { Attending: false } => "cannot attend",
                null => state.PanelChair?.Id == a.Id ? "chairs" : "minute taker",
                _ => "not yet answered",
            };
            var parts = new List<string> { inScrBot };
            if (PanelSteps.AddressOf(view, a) is { } address && outlook.TryGetValue(address, out var answer))
            {
                parts.Add($"Outlook: {answer}");
            }

            parts.Add(state.HasSignedForScheduledPanel(a.Id) ? "signed" : "not signed");
            return $"{a.Name}: {string.Join(" · ", parts)}";
        }));
    }

    public IEnumerable<JsonNode?> Actions(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (state.Stage != Stage.PreparingScopingPanel || state.ScheduledPanel is null || state.PanelHeld is not null)
        {
            yield break;
        }

        var data = new JsonObject
        {
            [TaskCard.CaseKey] = view.Reference.Value,
            [TaskCard.StepKey] = PanelSteps.Meeting,
            [PanelSteps.MeetingStartKey] = state.ScheduledPanel.Start.ToUniversalTime().ToString("O", System.Globalization.CultureInfo.InvariantCulture),
        };
        yield return ShowCard("Move the meeting",
            [
                DateInput(FindTimeCard.ProposedDateInput, "New date", ""),
                TextInput(FindTimeCard.ProposedTimeInput, "Start time (London, 24-hour, e.g. 10:00)", "", 5),
            ],
            [Execute("Move the meeting", PanelActions.MoveVerb, data)]);
        yield return ShowCard("Cancel the meeting",
            [
                TextInput(ReconveneCard.ReasonInput, "Why it is cancelled (kept on the case, not sent to the invitees)", "", 2000, multiline: true),
                Text("A cancelled meeting cannot be recovered: Outlook tells every invitee, their signatures lapse, and a new time is booked from the start.", subtle: true),
            ],
            [Execute("Cancel the meeting", PanelActions.CancelVerb, (JsonObject)data.DeepClone(), style: "destructive")]);
    }
}
