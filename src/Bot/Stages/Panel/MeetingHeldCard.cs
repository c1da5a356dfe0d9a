using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// The panel chair's card for the meeting, from its booking: each attendee's answer and whether they have signed the
/// confidentiality statement (an unsigned attendee flagged once the meeting starts), then Record the meeting held: who
/// attended and which agencies did not bring their information. A risk of significant harm is raised from here too.
/// </summary>
public static class MeetingHeldCard
{
    public const string Verb = "panel.held";
    public const string HarmVerb = "panel.harm";
    public const string HeldOnInput = "heldOn";
    public const string AttendedInput = "attended";
    public const string WithoutInformationInput = "withoutInformation";
    public const string HarmInput = "harm";

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var panel = state.ScheduledPanel!;
        var attendees = PanelSteps.Attendees(state);
        var unsigned = attendees.Where(a => !state.HasSignedForScheduledPanel(a.Id)).ToList();
        var started = view.Case.Today >= LondonTime.DateOf(panel.Start);
        var body = new List<JsonNode?>
        {
            Subheading("Attendees"),
            Bullets(attendees.Select(a => $"{a.Name}{Agency(view.Case, a)}: {Answer(state, a)} · {(state.HasSignedForScheduledPanel(a.Id) ? "signed the confidentiality statement" : "not signed")}")),
        };
        if (unsigned.Count > 0 && started)
        {
            body.Add(Attention($"Not signed at the start: {string.Join(", ", unsigned.Select(u => u.Name))}. They take part only once they have signed the confidentiality statement.", strong: true));
        }

        body.Add(DateInput(HeldOnInput, "The meeting was held on", Iso(LondonTime.DateOf(panel.Start)), required: true));
        body.Add(Choices(AttendedInput, "Who attended", attendees.Select(a => (a.Name, a.Id.Value)),
            string.Join(',', attendees.Where(a => state.InvitationOf(a.Id)?.Attending != false && state.HasSignedForScheduledPanel(a.Id)).Select(a => a.Id.Value)), required: true, multiSelect: true));
        var agencies = state.Invitations.Where(i => i.Agency is not null).Select(i => i.Agency!.Value).Distinct().ToList();
        if (agencies.Count > 0)
        {
            body.Add(Choices(WithoutInformationInput, "Agencies that did not bring their information (the panel reconvenes)",
                agencies.Select(a => (view.Case.AgencyName(a), a.Value)), "", multiSelect: true));
        }

        var facts = AttendanceCard.MeetingFacts(view.Case);
        facts.Add(("Signed", $"{attendees.Count - unsigned.Count} of {attendees.Count}"));
        return TaskCard.Build(view, facts, body,
            [Execute("Record the meeting held", Verb, PanelSteps.ForMeeting(view), style: "positive"), Harm(view)],
            "The Board Manager, who booked the meeting",
            confidential: false);
    }

    /// <summary>Risk of significant harm identified: children's social care and the Board Manager are told at once.</summary>
    public static JsonObject Harm(StepView view) => ShowCard("Risk of significant harm identified",
        [
            TextInput(HarmInput, "What the risk is, and to which child", "", 2000, required: true, multiline: true),
            Text("Children's social care and the Board Manager are told at once, so that safeguarding procedures start.", subtle: true),
        ],
        [Execute("Tell children's social care now", HarmVerb, TaskCard.Data(view))]);

    private static string Agency(CaseView view, Actor person) =>
        view.State.InvitationOf(person.Id)?.Agency is { } agency ? $" ({view.AgencyName(agency)})" : "";

    private static string Answer(CaseState state, Actor person) => state.InvitationOf(person.Id) switch
    {
        null => state.PanelChair?.Id == person.Id ? "chairs" : "takes the minutes",
        { Attending: true, Deputy: { } deputy } => $"sending a deputy, {deputy}",
        { Attending: true } => "attending",
        { Attending: false } => "cannot attend",
        _ => "not yet answered",
    };

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
