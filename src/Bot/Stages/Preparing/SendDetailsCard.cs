using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// The Board Manager's task: set the agreed date for record checks (D3) and send the names of the child and
/// significant others to the partners, who from then have a role on the case.
/// </summary>
public static class SendDetailsCard
{
    public const string Verb = "preparing.details";
    public const string DueInput = "checksDueBy";

    public static JsonObject Build(StepView view) => TaskCard.Build(
        view,
        [("Agencies chosen", string.Join(", ", view.Case.State.ChosenAgencies.Select(view.Case.AgencyName)))],
        [
            Text("Every Board partner and each chosen agency gets the names of the child and significant others, and must check all its records (electronic, paper and historical) by this date.", subtle: true),
            DateInput(DueInput, "Record checks due by (D3)", "", required: true),
        ],
        [Execute("Send the details to the partners", Verb, TaskCard.Data(view), style: "positive")],
        "The sub-group, on convening a Scoping Panel",
        confidential: true);
}
