using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// The panel chair's question, before the meeting, when a required agency has nobody attending: reconvene (the meeting
/// is cancelled and booked again) or hold it as planned; and after it, when agencies did not bring their information.
/// </summary>
public static class ReconveneCard
{
    public const string PostponeVerb = "panel.postpone";
    public const string ProceedVerb = "panel.proceed";
    public const string ReconveneVerb = "panel.reconvene";
    public const string ReasonInput = "reason";

    public static JsonObject BuildBefore(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var absent = PanelSteps.AgenciesWithNobodyAttending(view.Case.State).Select(view.Case.AgencyName).ToList();
        var facts = AttendanceCard.MeetingFacts(view.Case);
        facts.Add(("Nobody attending for", string.Join(", ", absent)));
        return TaskCard.Build(view, facts,
            [Text("Every agency invited is needed at the Scoping Panel with its information. Reconvene the meeting at another time, or hold it as planned.", subtle: true)],
            [
                ShowCard("Cancel and reconvene",
                    [
                        TextInput(ReasonInput, "Why reconvene", $"Nobody can attend for {string.Join(", ", absent)}.", 2000, multiline: true),
                        Text("The meeting booked is cancelled in Outlook and cannot be recovered; the Board Manager books a new time.", subtle: true),
                    ],
                    [Execute("Cancel the meeting and reconvene", PostponeVerb, PanelSteps.ForMeeting(view), style: "destructive")]),
                Execute("Hold as planned", ProceedVerb, PanelSteps.ForMeeting(view), sendInputs: false),
            ],
            "ScrBot, from the invitees' answers",
            confidential: false);
    }

    public static JsonObject BuildAfter(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var held = view.Case.State.PanelHeld!;
        var without = held.AgenciesWithoutInformation.Select(view.Case.AgencyName).ToList();
        return TaskCard.Build(view, [("Did not bring their information", string.Join(", ", without))],
            [TextInput(ReasonInput, "Why the panel reconvenes", $"{string.Join(", ", without)} did not bring {(without.Count == 1 ? "its" : "their")} information.", 2000, required: true, multiline: true)],
            [Execute("Reconvene the Scoping Panel", ReconveneVerb, TaskCard.Data(view), style: "positive")],
            "The Scoping Panel, as recorded held",
            confidential: false);
    }
}
