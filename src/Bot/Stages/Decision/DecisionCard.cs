using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Referral;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// The Independent Chair's decision card: the recommendation and its reasons (the Scoping Panel's, or the sub-group's
/// recommendation not to convene one), whether the minutes were circulated, D6's due date; written reasons; Uphold,
/// Uphold with further actions, Overrule (confirmed first, with what she decides instead) and Delegate to a named
/// member of the board. The Sub-group Chair's copy has the same facts and no buttons.
/// </summary>
public static class DecisionCard
{
    public const string UpholdVerb = "decision.uphold";
    public const string UpholdWithActionsVerb = "decision.upholdWithActions";
    public const string OverruleVerb = "decision.overrule";
    public const string DelegateVerb = "decision.delegate";
    public const string ReasonsInput = "reasons";
    public const string ActionsInput = "furtherActions";
    public const string InsteadInput = "instead";
    public const string DelegateInput = "delegate";
    public const string PanelCriteriaInput = "meetsCriteria";

    private static readonly RecommendationOption[] Options = Enum.GetValues<RecommendationOption>();

    public static JsonObject Build(StepView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var state = view.Case.State;
        var recommended = state.RecommendedOption!.Value;
        var facts = new List<(string, string)>();
        if (state.Recommendation is { } panel)
        {
            facts.Add(("Recommendation", $"The Scoping Panel recommends {Refusals.OptionWords(recommended)}" +
                (panel.Methodology is { } m ? $", by {Words.Of(m)}" : "") + $" (made by {panel.By.Name}, {Words.DateAndTime(panel.At)})"));
            facts.Add(("Reasons", panel.Rationale));
            if (panel.AreasOfFocus.Count > 0)
            {
                facts.Add(("Areas of focus", string.Join("; ", panel.AreasOfFocus)));
            }

            facts.Add(("Minutes circulated", state.MinutesCirculatedOn is { } on
                ? Words.Date(on) + (state.MinutesRecordDisagreements ? " (they record disagreements)" : "")
                : "Not yet circulated"));
        }
        else
        {
            facts.Add(("Recommendation", $"The sub-group recommends not convening a Scoping Panel: {StepWords.Outcome(state.SubgroupOutcome!.Value)} (counted as {Refusals.OptionWords(recommended)})"));
            facts.Add(("Reasons", state.SubgroupReasons ?? ""));
            facts.Add(("Minutes circulated", "No Scoping Panel was held, so there are no minutes"));
        }

        facts.Add(("Deadline", "D6: your written decision to the Sub-group Chair, within one month (the due date above)"));
        facts.Add(("Child", state.Form!.Child.Name));
        if (state.DecisionDelegate is { } delegated)
        {
            facts.Add(("Delegated", $"To {delegated.Name} on {Words.DateAndTime(state.DecisionDelegatedAt!.Value)}: {delegated.Name} decides instead"));
        }

        var owes = view.Step.IsOwedBy(view.Viewer.Id);
        var body = new List<JsonNode?>();
        var actions = new List<JsonNode?>();
        if (owes)
        {
            body.Add(TextInput(ReasonsInput, "Your written reasons (for the decision, or for delegating it)", "", 4000, required: true, multiline: true));
            body.Add(TextInput(ActionsInput, "Further actions, one a line (for Uphold with further actions)", "", 4000, multiline: true));
            if (!state.IsNotifiableIncident && state.Form.Incident.AbuseOrNeglect != AbuseOrNeglect.NotSuspected)
            {
                body.Add(Toggle(PanelCriteriaInput, "The National Panel (Appendix B 4(b))",
                    "In my view this case meets the criteria of a notification (a death, or a potentially life-threatening injury, serious sexual abuse or serious and permanent impairment, with abuse or neglect known or suspected): if no SCR is held, the National Panel is told", "false"));
            }

            var others = view.Case.Directory.Find(view.Case.Board)?.Members
                .Where(m => m.Person != view.Viewer.Id && CaseCommands.MayTakeChairsDecision(m.Role)).DistinctBy(m => m.Person)
                .Select(m => ($"{m.Name} ({Refusals.RoleWords(m.Role)})", m.Person.Value)).ToList() ?? [];
            body.Add(Choices(DelegateInput, "Delegate to (for Delegate)", others, "", expanded: false, placeholder: "Choose a member of the board"));

            actions.Add(Execute("Uphold", UpholdVerb, TaskCard.Data(view), style: "positive"));
            actions.Add(Execute("Uphold with further actions", UpholdWithActionsVerb, TaskCard.Data(view)));
            actions.Add(Confirmed("Overrule…", "Overrule the recommendation? Once recorded, the decision cannot be recovered or changed. The sub-group then reconvenes to meet and discuss it with you; nothing closes.",
                Execute("Confirm: overrule", OverruleVerb, TaskCard.Data(view))));
            ((JsonObject)actions[^1]!)["card"]!["body"]!.AsArray().Add(Choices(InsteadInput, "What you decide instead",
                Options.Where(o => o != recommended).Select(o => (Capital(Refusals.OptionWords(o)), o.ToString())), "", required: true));
            actions.Add(Execute("Delegate", DelegateVerb, TaskCard.Data(view)));
        }
        else
        {
            body.Add(Text(state.DecisionDelegate is null
                ? "For your information: the Independent Chair decides on this recommendation. This card shows the decision once it is made."
                : $"For your information: {state.DecisionDelegate.Name} decides on this recommendation. This card shows the decision once it is made.", subtle: true));
        }

        return TaskCard.Build(view, facts, body, actions, view.Case.State.Recommendation is null ? "The Sub-group Chair, for the sub-group" : "The Sub-group Chair, for the Scoping Panel", confidential: true);
    }

    private static string Capital(string words) => string.Concat(char.ToUpperInvariant(words[0]).ToString(), words[1..]);
}
