using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// The Education Safeguarding Officer's task: find the child's current and past schools, share them with the board,
/// inform each school of the scoping process and offer support with its chronology.
/// </summary>
public static class SchoolsCard
{
    public const string Verb = "preparing.schools";
    public const string SchoolsInput = "schools";
    public const string InformedInput = "informed";

    public static JsonObject Build(StepView view) => TaskCard.Build(
        view,
        [("Child", view.Case.State.Form?.Child.Name ?? "")],
        [
            Text("Schools are not represented on the board: check which current and past schools the child attends or attended, tell each it is a relevant provider for the Scoping Panel, and offer support with its chronology.", subtle: true),
            TextInput(SchoolsInput, "Current and past schools, one a line", "", 4000, required: true, multiline: true),
            Toggle(InformedInput, "Schools informed", "I have informed each school of the scoping process", "false", required: true),
        ],
        [Execute("Schools checked and informed", Verb, TaskCard.Data(view), style: "positive")],
        "The Board Manager",
        confidential: true);
}
