using System.Globalization;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.SubGroup;

/// <summary>
/// The buttons of stages 2–3 (<c>subgroup.*</c>): each turns the card's inputs into one domain command and hands it to
/// <see cref="CaseConversations.ActAsync"/>, which checks, records, refuses and updates every card the one way.
/// </summary>
public sealed class SubGroupActions(CaseConversations conversations) : ICardActionHandler
{
    public const string DuplicateVerb = "subgroup.duplicate";
    public const string OtherCase = "other";
    public const string SameChild = "same";

    public string VerbPrefix => "subgroup.";

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var data = action.Data;
        string V(string id) => TaskCard.Value(data, id);
        return action.Verb switch
        {
            ArrangeMeetingCard.Verb => conversations.ActAsync(context, action, "arrange the sub-group meeting", (s, c) =>
                DateOnly.TryParseExact(V(ArrangeMeetingCard.DateInput), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? CaseCommands.ArrangeSubgroupMeeting(s, c, date, V(ArrangeMeetingCard.ExtraordinaryInput) == "true")
                    : Outcome.Refused("Give the date of the sub-group meeting.", "Date of the sub-group meeting")),
            RoutesCard.Verb => conversations.ActAsync(context, action, "record the routes", (s, c) =>
                CaseCommands.RecordRoutes(s, c, V(RoutesCard.Cdop) == "true", V(RoutesCard.Dhr) == "true", V(RoutesCard.YouthJustice) == "true",
                    V(RoutesCard.Ombudsman) == "true", V(RoutesCard.Leads))),
            DuplicateVerb => conversations.ActAsync(context, action, "settle a possible duplicate", (s, c) =>
                CaseReference.TryParse(V(OtherCase), out var other)
                    ? CaseCommands.ResolvePossibleDuplicate(s, c, other.Value, V(SameChild) == "true")
                    : Outcome.Refused("That button does not name another case.")),
            SubgroupDecisionCard.Verb => conversations.ActAsync(context, action, "record the sub-group's decision", (s, c) =>
                Enum.TryParse<SubgroupOutcome>(V(SubgroupDecisionCard.OutcomeInput), ignoreCase: false, out var outcome) && Enum.IsDefined(outcome)
                    ? CaseCommands.RecordSubgroupDecision(s, c, outcome, V(SubgroupDecisionCard.ReasonsInput))
                    : Outcome.Refused("Choose whether to convene a Scoping Panel.", "The sub-group's decision")),
            SubgroupDecisionCard.InvolvedVerb => conversations.ActAsync(context, action, "declare direct involvement with the child", (s, c) =>
                CaseCommands.DeclareDirectInvolvement(s, c, V(SubgroupDecisionCard.InvolvementInput))),
            _ => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")),
        };
    }
}
