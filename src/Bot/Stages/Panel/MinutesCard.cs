using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// The minutes (toolkit, "The Scoping Panel meeting"): the Board Manager circulates them to every invited agency within
/// two weeks of the meeting (D5), recording any disagreements; each invited agency confirms they are accurate.
/// </summary>
public static class MinutesCard
{
    public const string CirculateVerb = "panel.minutes";
    public const string ConfirmVerb = "panel.confirm";
    public const string CirculatedOnInput = "circulatedOn";
    public const string DisagreementsToggle = "recordsDisagreements";
    public const string DisagreementsInput = "disagreements";
    public const string AgencyKey = "agency";

    public static JsonObject BuildCirculate(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var agencies = state.Invitations.Where(i => i.Agency is not null).Select(i => view.Case.AgencyName(i.Agency!.Value)).Distinct();
        return TaskCard.Build(view,
            [("Held on", Cards.Words.Date(state.PanelHeld!.HeldOn)), ("Invited agencies", string.Join(", ", agencies))],
            [
                Text("Send the minutes to every agency invited, and record any disagreements in them. Each agency is then asked to confirm they are accurate.", subtle: true),
                DateInput(CirculatedOnInput, "Circulated on", view.Case.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), required: true, max: view.Case.Today),
                Toggle(DisagreementsToggle, "Disagreements", "The minutes record disagreements", ""),
                TextInput(DisagreementsInput, "The disagreements recorded", "", 4000, multiline: true),
            ],
            [Execute("Minutes circulated", CirculateVerb, TaskCard.Data(view), style: "positive")],
            "The Scoping Panel, as recorded held",
            confidential: false);
    }

    public static JsonObject BuildConfirm(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var agency = view.Step.Key[(view.Step.Key.LastIndexOf('/') + 1)..];
        var facts = new List<(string, string)> { ("Circulated on", Cards.Words.Date(state.MinutesCirculatedOn!.Value)) };
        if (state.MinutesDisagreements is { } disagreements)
        {
            facts.Add(("Disagreements recorded", disagreements));
        }

        return TaskCard.Build(view, facts,
            [Text("Read the minutes the Board Manager sent, and confirm they are an accurate record for your agency. If they are not, tell the Board Manager what should change before you confirm.", subtle: true)],
            [Execute("The minutes are accurate", ConfirmVerb, TaskCard.Data(view, new JsonObject { [AgencyKey] = agency }), style: "positive", sendInputs: false)],
            "The Board Manager, with the minutes",
            confidential: false);
    }
}
