using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>
/// Preparing the Scoping Panel on the Board Manager's hub card, beyond its steps: the Senior Investigating Officer
/// invited and their decision whether a Disclosure Officer attends (or that it is still theirs to make), until the panel
/// has been held.
/// </summary>
public sealed class PreparingHub : IHubPart
{
    public IEnumerable<JsonNode?> Body(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (CaseCommands.SeniorInvestigatingOfficerOf(state) is not { } sio || state.Stage is not (Stage.PreparingScopingPanel or Stage.ScopingPanel))
        {
            yield break;
        }

        var reached = CaseCommands.SeniorInvestigatingOfficerInDirectory(state, view.Directory);
        yield return Facts(
        [
            ("Senior Investigating Officer", sio.Member.Name + (reached ? "" : " (not in the board's directory: record their decision for them)")),
            ("Disclosure Officer", state.DisclosureOfficerDecision is { } decision
                ? DisclosureOfficerCard.DecisionWords(decision)
                : $"Not yet decided: {sio.Member.Name} decides whether a Disclosure Officer attends."),
        ]);
    }

    public IEnumerable<JsonNode?> Actions(CaseView view) => [];
}
