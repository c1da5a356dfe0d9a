using System.Globalization;
using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Panel;

/// <summary>
/// A child at risk of significant harm, identified at the Scoping Panel: children's social care and the Board Manager
/// get this card at once, until one of them records that safeguarding procedures have started.
/// </summary>
public static class HarmCard
{
    public const string Verb = "panel.safeguarding";
    public const string ConcernKey = "concern";
    public const string ActionInput = "action";

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var index = int.Parse(view.Step.Key[PanelSteps.HarmPrefix.Length..], CultureInfo.InvariantCulture);
        var concern = view.Case.State.SignificantHarmConcerns[index];
        return TaskCard.Build(view,
            [("Raised by", concern.By.Name), ("Raised", Cards.Words.DateAndTime(concern.At)), ("The risk", concern.Details)],
            [
                Attention("Start safeguarding children procedures now.", strong: true),
                TextInput(ActionInput, "What was done", "", 2000, required: true, multiline: true),
            ],
            [Execute("Safeguarding procedures started", Verb, TaskCard.Data(view, new JsonObject { [ConcernKey] = index.ToString(CultureInfo.InvariantCulture) }), style: "positive")],
            concern.By.Name,
            confidential: true);
    }
}
