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
        var socialCare = PanelSteps.ChildrensSocialCare(view.Case);
        var body = new List<JsonNode?> { Attention("Start safeguarding children procedures now.", strong: true) };
        if (socialCare.Count == 0)
        {
            body.Add(Attention("Nobody from children's social care has a role on this case, so ScrBot has not told them: the concern names the child. Refer it to children's social care now, under the LSCB's safeguarding procedures, then record what was done."));
        }

        body.Add(TextInput(ActionInput, "What was done", "", 2000, required: true, multiline: true));
        return TaskCard.Build(view,
            [
                ("Raised by", concern.By.Name), ("Raised", Cards.Words.DateAndTime(concern.At)), ("The risk", concern.Details),
                ("Told at once", string.Join(", ", [.. socialCare.Select(p => $"{p.Name} (children's social care)"), .. view.Case.WithRole(Domain.Boards.Role.BoardManager).Select(p => $"{p.Name} (Board Manager)")])),
            ],
            body,
            [Execute("Safeguarding procedures started", Verb, TaskCard.Data(view, new JsonObject { [ConcernKey] = index.ToString(CultureInfo.InvariantCulture) }), style: "positive")],
            concern.By.Name,
            confidential: true);
    }
}
