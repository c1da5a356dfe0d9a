using System.Text.Json.Nodes;
using ScrBot.Bot.Cards;
using ScrBot.Bot.Conversations;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Criteria;
using static ScrBot.Bot.Cards.AdaptiveCard;

namespace ScrBot.Bot.Stages.SubGroup;

/// <summary>
/// The Sub-group Chair's task (the Vice-Chair's after the Chair declared direct involvement): the referral, the
/// criteria advice, and Convene a Scoping Panel / Do not convene (another learning review, or no further action, with
/// reasons: a recommendation to the Independent Chair) / I have had direct involvement with this child.
/// </summary>
public static class SubgroupDecisionCard
{
    public const string Verb = "subgroup.decide";
    public const string InvolvedVerb = "subgroup.involved";
    public const string OutcomeInput = "outcome";
    public const string ReasonsInput = "reasons";
    public const string InvolvementInput = "involvement";

    public static JsonObject Build(StepView view)
    {
        var state = view.Case.State;
        var form = state.Form!;
        var facts = new List<(string, string)>
        {
            ("Child", form.Child.Name),
            ("Incident", $"{Words.Of(form.Incident.Kind)}, {Words.Date(form.Incident.Date)}"),
            ("Referred by", $"{form.Referrer.Name}, {form.Referrer.Role}"),
        };
        if (state.SubgroupChairInvolvement is { } involvement)
        {
            facts.Add(("Sub-group Chair", "Declared direct involvement: you decide, as Vice-Chair"));
        }

        var body = new List<JsonNode?>
        {
            CriteriaAdvicePart.Build(CriteriaAssessment.Assess(form)),
            Choices(OutcomeInput, "The sub-group's decision",
            [
                ("Convene a Scoping Panel", nameof(SubgroupOutcome.ConveneScopingPanel)),
                ("Do not convene: another learning review", nameof(SubgroupOutcome.AnotherLearningReview)),
                ("Do not convene: no further action", nameof(SubgroupOutcome.NoFurtherAction)),
            ], "", required: true),
            TextInput(ReasonsInput, "The sub-group's reasons", "", 4000, required: true, multiline: true),
            Text("Not convening is a recommendation to the Independent Chair, who makes the final decision; it does not close the case.", subtle: true),
        };

        var actions = new List<JsonNode?> { Execute("Record the decision", Verb, TaskCard.Data(view), style: "positive") };
        var isChair = view.Case.WithRole(Domain.Boards.Role.SubgroupChair).Any(c => c.Id == view.Viewer.Id);
        if (isChair && state.SubgroupChairInvolvement is null)
        {
            actions.Add(ShowCard("I have had direct involvement with this child",
                [TextInput(InvolvementInput, "What was your involvement?", "", 4000, required: true, multiline: true),
                 Text("The Sub-group Vice-Chair then takes this decision and chairs the Scoping Panel.", subtle: true)],
                [Execute("Pass the decision to the Vice-Chair", InvolvedVerb, TaskCard.Data(view))]));
        }

        return TaskCard.Build(view, facts, body, actions, "The Board Manager, for the sub-group meeting", confidential: true);
    }
}
