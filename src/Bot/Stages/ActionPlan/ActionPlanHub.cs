using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.ActionPlan;

/// <summary>
/// The action plan's escalations on the Board Manager's hub card: for each action escalated to the Executive Group, who
/// was asked for timescales and the timescales given; and, where the board's directory names no SCR lead or lead board
/// member for the agency, who could not be asked, so that the Board Manager asks by other means.
/// </summary>
public sealed class ActionPlanHub : IHubPart
{
    public IEnumerable<JsonNode?> Body(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var requests = view.State.TimescaleRequests;
        if (requests.Count == 0)
        {
            yield break;
        }

        var unnamed = requests.Where(r => r.NotNamed.Count > 0 && r.GivenAt is null && view.State.Action(r.ActionId) is { Completed: false }).ToList();
        if (unnamed.Count > 0)
        {
            yield return Container(
            [
                Text("Could not be asked for timescales", strong: true),
                Bullets(unnamed.Select(r =>
                    $"{r.ActionId} · {view.AgencyName(r.Agency)}: the board's directory names no {string.Join(" and no ", r.NotNamed.Select(RoleNames.Of))}")),
                Text("Ask the agency for its timescales yourself, and add its SCR lead and lead board member to the board's directory.", subtle: true),
            ], style: "attention");
        }

        yield return Subheading("Timescales asked for escalated actions", separator: true);
        yield return Bullets(requests.Select(r =>
            $"{r.ActionId} · {view.AgencyName(r.Agency)}: "
            + (r is { GivenBy: { } by, CompleteBy: { } completeBy }
                ? $"complete by {Words.Date(completeBy)}, given by {by.Name}: {CardBudget.Shorten(r.Details ?? "", 300)}"
                : r.Asked.Count > 0 ? $"asked of {string.Join(", ", r.Asked.Select(p => p.Name))}, not yet given" : "nobody to ask")));
    }

    public IEnumerable<JsonNode?> Actions(CaseView view) => [];
}
