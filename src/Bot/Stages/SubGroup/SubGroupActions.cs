using System.Globalization;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.SubGroup;

/// <summary>
/// The buttons of stages 2–3 (<c>subgroup.*</c>): each turns the card's inputs into one domain command and hands it to
/// <see cref="CaseConversations.ActAsync"/>, which checks, records, refuses and updates every card the one way.
/// </summary>
public sealed class SubGroupActions(CaseConversations conversations, CaseStore cases) : ICardActionHandler
{
    /// <summary>A button delivered again: the step as it is now, never recorded a second time.</summary>
    public Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);

    public const string DuplicateVerb = "subgroup.duplicate";
    public const string OtherCase = "other";
    public const string SameChild = "same";

    public string VerbPrefix => "subgroup.";

    public async Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(action);
        if (action.Verb == DuplicateVerb)
        {
            return await DuplicateAsync(context, action).ConfigureAwait(false);
        }

        return await HandleStepAsync(context, action).ConfigureAwait(false);
    }

    /// <summary>
    /// Same child or not: the other case must be one of this case's board (a tampered reference is refused), and its
    /// referral date puts the two cases on one clock.
    /// </summary>
    private async Task<CardActionResult> DuplicateAsync(TurnContext context, CardAction action)
    {
        var data = action.Data;
        CaseReference? other = CaseReference.TryParse(TaskCard.Value(data, OtherCase), out var parsed) ? parsed : null;
        DateOnly? otherReferredOn = null;
        if (other is { } reference && CaseReference.TryParse(TaskCard.Value(data, TaskCard.CaseKey), out var current))
        {
            foreach (var board in await cases.FindBoardsForReferenceAsync(current.Value, context.CancellationToken).ConfigureAwait(false))
            {
                if (await cases.LoadAsync(board, reference, context.CancellationToken).ConfigureAwait(false) is { State.ReferredAt: { } at })
                {
                    otherReferredOn = LondonTime.DateOf(at);
                }
            }
        }

        return await conversations.ActAsync(context, action, "settle a possible duplicate", (s, c) =>
            other is { } known && otherReferredOn is not null
                ? CaseCommands.ResolvePossibleDuplicate(s, c, known, TaskCard.Value(data, SameChild) == "true", otherReferredOn)
                : Outcome.Refused($"There is no case {TaskCard.Value(data, OtherCase)} on this case's board.")).ConfigureAwait(false);
    }

    private Task<CardActionResult> HandleStepAsync(TurnContext context, CardAction action)
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
