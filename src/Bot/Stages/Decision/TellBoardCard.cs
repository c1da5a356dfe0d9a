using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>The Board Manager's task: the board's members and the Director of Children's Services are told the decision (flow chart).</summary>
public static class TellBoardCard
{
    public const string Verb = "decision.tellBoard";

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var decision = view.Case.State.Decision!;
        return TaskCard.Build(
            view,
            [
                ("Decision", DecisionSteps.Outcome(view.Case.State)),
                ("The Chair's reasons", decision.Reasons),
            ],
            [Text("Tell the board's members and the Director of Children's Services of the decision, then record it here.", subtle: true)],
            [Execute("Told the board's members and the Director", Verb, TaskCard.Data(view), style: "positive")],
            "The Independent Chair's decision (flow chart)",
            confidential: true);
    }
}
