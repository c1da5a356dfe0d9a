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
    public const string SecureInput = "recordsSecuredBy";

    /// <summary>Records are to be secured at once (toolkit): two working days from today, unless the board sets otherwise.</summary>
    public const int SecureWithinWorkingDays = 2;

    public static JsonObject Build(StepView view) => TaskCard.Build(
        view,
        [("Agencies chosen", string.Join(", ", view.Case.State.ChosenAgencies.Select(view.Case.AgencyName)))],
        [
            Text("Every Board partner and each chosen agency gets the names of the child and significant others, and must secure its records (electronic, paper and historical) against loss or interference by the first date, and check them by the second.", subtle: true),
            DateInput(SecureInput, "Records secured by", view.Case.Calendar.AddWorkingDays(view.Case.Today, SecureWithinWorkingDays).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), required: true),
            DateInput(DueInput, "Record checks due by (D3)", "", required: true),
        ],
        [Execute("Send the details to the partners", Verb, TaskCard.Data(view), style: "positive")],
        "The sub-group, on convening a Scoping Panel",
        confidential: true);
}
