using System.Globalization;
using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Calendar;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// The buttons of stages 6–7 (<c>decision.*</c>): each turns the card's inputs into one domain command and hands it to
/// <see cref="CaseConversations.ActAsync"/>. The domain keeps the decision to one: every later press, on any copy, by
/// the Chair or her delegate, is answered with what was decided, by whom and when, and kept in the audit trail.
/// </summary>
public sealed class DecisionActions(CaseConversations conversations, TimeProvider time) : ICardActionHandler
{
    public string VerbPrefix => "decision.";

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var data = action.Data;
        string V(string id) => TaskCard.Value(data, id);
        var reasons = V(DecisionCard.ReasonsInput);
        var meetsCriteria = V(DecisionCard.PanelCriteriaInput) == "true";
        var today = LondonTime.Today(time);
        return action.Verb switch
        {
            DecisionCard.UpholdVerb => conversations.ActAsync(context, action, "record the Chair's decision", (s, c) =>
                CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Uphold, reasons, null, null, meetsCriteria)),
            DecisionCard.UpholdWithActionsVerb => conversations.ActAsync(context, action, "record the Chair's decision", (s, c) =>
                CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.UpholdWithFurtherActions, reasons, Lines(V(DecisionCard.ActionsInput)), null, meetsCriteria)),
            DecisionCard.OverruleVerb => conversations.ActAsync(context, action, "record the Chair's decision", (s, c) =>
                CaseCommands.RecordChairsDecision(s, c, ChairDecisionKind.Overrule, reasons, null,
                    Enum.TryParse<RecommendationOption>(V(DecisionCard.InsteadInput), ignoreCase: false, out var instead) && Enum.IsDefined(instead) ? instead : null,
                    meetsCriteria)),
            DecisionCard.DelegateVerb => conversations.ActAsync(context, action, "delegate the Chair's decision", (s, c) =>
                V(DecisionCard.DelegateInput) is { Length: > 0 } person
                    ? CaseCommands.DelegateChairsDecision(s, c, new PersonId(person), reasons)
                    : Outcome.Refused("Choose the member of the board who decides instead.", "Delegate to")),
            ReconveneCard.Verb => conversations.ActAsync(context, action, "arrange the sub-group's meeting with the Independent Chair", (s, c) =>
                DateOnly.TryParseExact(V(ReconveneCard.DateInput), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
                    ? CaseCommands.ArrangeSubgroupMeetingWithChair(s, c, date)
                    : Outcome.Refused("Give the date of the meeting with the Independent Chair.", "Date of the meeting")),
            TellReferrerCard.Verb => conversations.ActAsync(context, action, "record a notification about this case", (s, c) =>
                CaseCommands.RecordNotification(s, c, NotificationRecipient.Referrer, today, "The outcome, in plain words, in the referrer's chat with ScrBot.")),
            TellBoardCard.Verb => conversations.ActAsync(context, action, "record a notification about this case", (s, c) =>
                Both(s, c, today)),
            NationalPanelCard.Verb => conversations.ActAsync(context, action, "record a notification about this case", (s, c) =>
                CaseCommands.RecordNotification(s, c, NotificationRecipient.NationalPanel, today, "The decision not to initiate an SCR, the reasons and the anonymised details.")),
            _ => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")),
        };
    }

    /// <summary>A press delivered again: the card as it stands now (the decision, once made), nothing done twice.</summary>
    public Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);

    /// <summary>The board's members and the Director of Children's Services: two notifications, recorded together or not at all.</summary>
    private static Outcome Both(CaseState state, CommandContext context, DateOnly today)
    {
        var facts = new List<CaseEvent>();
        foreach (var recipient in new[] { NotificationRecipient.BoardPartners, NotificationRecipient.DirectorOfChildrensServices })
        {
            if (state.WasNotified(recipient))
            {
                continue;
            }

            var outcome = CaseCommands.RecordNotification(state, context, recipient, today, "The Independent Chair's decision.");
            if (outcome.IsRefused)
            {
                return outcome;
            }

            facts.AddRange(outcome.Facts);
            state = outcome.Facts.Aggregate(state, (s, f) => s.Apply(f));
        }

        return facts.Count == 0 ? Outcome.Refused("The board's members and the Director of Children's Services were already told.") : Outcome.Accepted(facts);
    }

    private static List<string> Lines(string text) =>
        text.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
}
