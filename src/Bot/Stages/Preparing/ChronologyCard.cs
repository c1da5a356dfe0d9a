using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>An invited agency's task: its chronology on the board's template, a copy sent to the board before the meeting (D4).</summary>
public static class ChronologyCard
{
    public const string Verb = "preparing.chronology";

    public static JsonObject Build(StepView view) => TaskCard.Build(
        view,
        [("Agency", view.Case.AgencyName(PreparingSteps.AgencyOf(view.Step.Key)))],
        [Text("Complete your agency's chronology of significant events on the board's template, bring it to the Scoping Panel, and send a copy to the board's administrators before the meeting.", subtle: true)],
        [Execute("Chronology sent to the board", Verb, TaskCard.Data(view, new JsonObject { ["agency"] = PreparingSteps.AgencyOf(view.Step.Key).Value }), style: "positive")],
        "The Board Manager, with the invitation",
        confidential: false);
}
