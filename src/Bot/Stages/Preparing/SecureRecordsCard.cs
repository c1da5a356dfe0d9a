using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>An agency representative's task: records secured against loss or interference (electronic, paper, historical).</summary>
public static class SecureRecordsCard
{
    public const string Verb = "preparing.secure";
    public const string Electronic = "electronic";
    public const string Paper = "paper";
    public const string Historical = "historical";

    public static JsonObject Build(StepView view) => TaskCard.Build(
        view,
        [("Agency", view.Case.AgencyName(PreparingSteps.AgencyOf(view.Step.Key)))],
        [
            Text("Secure your agency's records relating to this case to guard against loss or interference, while professionals can still work with the family. The Scoping Panel cannot be held until every involved agency has.", subtle: true),
            Toggle(Electronic, "Electronic records", "Electronic records are secured", "false", required: true),
            Toggle(Paper, "Paper records", "Paper records are secured", "false", required: true),
            Toggle(Historical, "Historical records", "Historical records are secured", "false", required: true),
        ],
        [Execute("Records secured", Verb, TaskCard.Data(view, new JsonObject { ["agency"] = PreparingSteps.AgencyOf(view.Step.Key).Value }), style: "positive")],
        "The Board Manager",
        confidential: false);
}
