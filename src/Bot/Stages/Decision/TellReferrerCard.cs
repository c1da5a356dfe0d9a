using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>The Board Manager's task: the referrer is told the outcome in plain words; ScrBot sends it to the referrer's chat.</summary>
public static class TellReferrerCard
{
    public const string Verb = "decision.tellReferrer";

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var referrers = view.Case.OnCase(Role.Referrer);
        return TaskCard.Build(
            view,
            [
                ("Referrer", view.Case.State.Form!.Referrer.Name + ", " + view.Case.State.Form.Referrer.Role),
                ("Decision", DecisionSteps.Outcome(view.Case.State)),
            ],
            [
                Text("ScrBot sends the referrer this message in Teams:", subtle: true),
                Container([Text(ReferrerMessage.Words(view.Case))], style: "emphasis"),
                referrers.Count == 0 ? Attention("The referrer does not use ScrBot: send the message by secure email, then record it here.") : null,
            ],
            [Execute("Send to the referrer", Verb, TaskCard.Data(view), style: "positive")],
            "The Independent Chair's decision (flow chart: the referrer is told)",
            confidential: true);
    }
}
