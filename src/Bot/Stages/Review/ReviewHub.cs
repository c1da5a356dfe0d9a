using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Review;

/// <summary>
/// The review on the Board Manager's hub card: each agency's chronology and report against the date agreed for it
/// (late ones first, with a warning), and a delay waiting for the Independent Chair's decision.
/// </summary>
public sealed class ReviewHub : IHubPart
{
    public IEnumerable<JsonNode?> Body(CaseView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.State;
        if (state.Stage != Stage.Review)
        {
            yield break;
        }

        foreach (var request in state.DelayRequests.Where(r => r.Agreed is null))
        {
            yield return Container(
            [
                Text($"Delay request {request.RequestId} is with the Independent Chair", strong: true),
                Text($"Not agreed by {ReviewWords.Of(request.NotAgreedBy)}. The review's target date moves only if she agrees."),
            ], style: "attention");
        }

        if (state.AgencyReportDates.Count == 0)
        {
            yield break;
        }

        var late = state.AgencyReportDates.Where(d => !state.AgencyReportsReceived.Contains(d.Agency) && d.DueOn < view.Today).ToList();
        yield return Subheading("Agency reports for the review", separator: true);
        if (late.Count > 0)
        {
            yield return Attention($"Late: {string.Join(", ", late.Select(d => $"{view.AgencyName(d.Agency)} (due {Words.Date(d.DueOn)})"))}.");
        }

        yield return Bullets(state.AgencyReportDates.OrderBy(d => d.DueOn).Select(d =>
            $"{view.AgencyName(d.Agency)}: due {Words.Date(d.DueOn)}, "
            + (state.AgencyReportsReceived.Contains(d.Agency) ? "received" : d.DueOn < view.Today ? "late" : "awaited")));
    }

    public IEnumerable<JsonNode?> Actions(CaseView view) => [];
}
