using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>The Board Manager's task after an overrule (flow chart): the sub-group reconvenes to meet and discuss it with the Independent Chair.</summary>
public static class ReconveneCard
{
    public const string Verb = "decision.reconvene";
    public const string DateInput = "meetingDate";

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
            [
                Text("The Independent Chair overruled the recommendation. The sub-group reconvenes to meet and discuss it with the Chair; nothing closes.", subtle: true),
                AdaptiveCard.DateInput(DateInput, "Date of the meeting with the Independent Chair", "", required: true),
            ],
            [Execute("Arrange the meeting", Verb, TaskCard.Data(view), style: "positive")],
            "The Independent Chair, on overruling the recommendation (flow chart)",
            confidential: false);
    }
}
