using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>An invitee's answer to the invitation: Attending / Sending a deputy (named) / Cannot attend.</summary>
public static class AttendanceCard
{
    public const string Verb = "panel.attend";
    public const string AnswerKey = "answer";
    public const string DeputyInput = "deputy";
    public const string Attending = "attending";
    public const string Deputy = "deputy";
    public const string CannotAttend = "cannot";

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var invitation = state.InvitationOf(view.Viewer.Id);
        var facts = MeetingFacts(view.Case);
        if (invitation?.Agency is { } agency)
        {
            facts.Add(("You represent", view.Case.AgencyName(agency)));
        }

        var body = new List<JsonNode?>();
        if (PanelSteps.MovedFrom(view.Case) is { } moved)
        {
            body.Add(Attention($"The meeting was moved from {PanelSteps.When(moved.From.Start, moved.From.End)}: answer again for the new time.", strong: true));
        }

        body.Add(Text("Outlook has sent you the invitation too. If you cannot attend, you may send a deputy from your agency: name them so the panel chair knows who is coming.", subtle: true));
        return TaskCard.Build(view, facts, body,
            [
                Execute("Attending", Verb, PanelSteps.ForMeeting(view, new JsonObject { [AnswerKey] = Attending }), style: "positive", sendInputs: false),
                ShowCard("Sending a deputy",
                    [TextInput(DeputyInput, "Your deputy's full name", "", 200, required: true)],
                    [Execute("Send my deputy", Verb, PanelSteps.ForMeeting(view, new JsonObject { [AnswerKey] = Deputy }))]),
                Execute("Cannot attend", Verb, PanelSteps.ForMeeting(view, new JsonObject { [AnswerKey] = CannotAttend }), sendInputs: false),
            ],
            "The Board Manager, who booked the meeting",
            confidential: false);
    }

    /// <summary>When the meeting is and where to join it.</summary>
    public static List<(string, string)> MeetingFacts(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var facts = new List<(string, string)>();
        if (view.State.ScheduledPanel is { } panel)
        {
            facts.Add(("When", PanelSteps.When(panel.Start, panel.End)));
            facts.Add(("Where", panel.JoinUrl is { Length: > 0 } ? "Teams meeting (join from the Outlook invitation)" : "To be confirmed by the Board Manager"));
        }

        if (view.State.PanelChair is { } chair)
        {
            facts.Add(("Panel chair", chair.Name));
        }

        return facts;
    }
}
