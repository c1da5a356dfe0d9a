using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Preparing;

/// <summary>The Board Manager's task: which agencies (including those of other local authorities and boards) to involve.</summary>
public static class ChooseAgenciesCard
{
    public const string Verb = "preparing.agencies";
    public const string AgenciesInput = "agencies";

    public static JsonObject Build(StepView view)
    {
        var state = view.Case.State;
        var choices = new[] { state.LeadBoard }.Concat(state.CooperatingBoards)
            .Select(view.Case.Directory.Find).OfType<Board>()
            .SelectMany(b => b.Agencies.Select(a => ($"{a.Name} ({b.Name})", a.Id.Value)))
            .DistinctBy(c => c.Value);
        var named = state.Form?.AgenciesInvolved.Where(a => a.Agency is not null).Select(a => a.Agency!.Value.Value) ?? [];
        return TaskCard.Build(
            view,
            [],
            [
                Text("The referral named the agencies already ticked. Add others, including agencies of other local authorities and boards.", subtle: true),
                Choices(AgenciesInput, "Agencies to involve", choices, string.Join(",", named), required: true, multiSelect: true),
            ],
            [Execute("Choose these agencies", Verb, TaskCard.Data(view), style: "positive")],
            "The sub-group, on convening a Scoping Panel",
            confidential: false);
    }
}
