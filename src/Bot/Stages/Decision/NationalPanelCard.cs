using System.Text.Json.Nodes;
using ScrBot.Bot.Conversations;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// The Independent Chair's task (D7): a decision not to hold an SCR on a case Appendix B section 4 names goes to the
/// National Panel within 14 days, with the incident notification or brief anonymised details, and why the case does
/// not meet the SCR criteria. ScrBot drafts the anonymised details (no names).
/// </summary>
public static class NationalPanelCard
{
    public const string Verb = "decision.tellNationalPanel";

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var decision = view.Case.State.Decision!;
        return TaskCard.Build(
            view,
            [
                ("Decision", DecisionSteps.Outcome(view.Case.State)),
                ("Why the case does not meet the SCR criteria", decision.Reasons),
            ],
            [
                Text("Anonymised details for the National Panel, drafted by ScrBot (no names): check them, send them with the reasons, then record it here.", subtle: true),
                Container([Bullets(AnonymisedSummary.Lines(view.Case.State, view.Case.AgencyName))], style: "emphasis"),
            ],
            [Execute("Sent to the National Panel", Verb, TaskCard.Data(view), style: "positive")],
            "Appendix B (D7: within 14 days of the decision)",
            confidential: false);
    }
}
