using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// The checklist's buttons (<c>notice.*</c>): <em>Sent</em> records the item with its date and what was sent;
/// <em>Record as not needed</em> records it with why. The step the card names says which item; the domain checks that
/// the person owns it, that the case has the checklist, the date, and that it was not recorded before.
/// </summary>
public sealed class ChecklistActions(CaseConversations conversations) : ICardActionHandler
{
    private const string Attempt = "record a notification about this case";

    public string VerbPrefix => "notice.";

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        var data = action.Data;
        var item = ChecklistSteps.ItemOf(TaskCard.Value(data, TaskCard.StepKey));
        var date = TaskCard.DateValue(data, ChecklistCards.DateInput);
        return action.Verb switch
        {
            ChecklistCards.SentVerb => conversations.ActAsync(context, action, Attempt, (s, c) => date is { } sent
                ? CaseCommands.RecordChecklistNotification(s, c, item, sent, TaskCard.Value(data, ChecklistCards.DetailsInput))
                : Outcome.Refused("Give the date it was sent.", "Date sent")),
            ChecklistCards.NotNeededVerb => conversations.ActAsync(context, action, Attempt, (s, c) => date is { } decided
                ? CaseCommands.RecordChecklistNotification(s, c, item, decided, TaskCard.Value(data, ChecklistCards.ReasonInput), notNeeded: true)
                : Outcome.Refused("Give the date it was decided.", "Date")),
            _ => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")),
        };
    }

    /// <summary>A press delivered again: the item's card as it stands now, never recorded twice.</summary>
    public Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);
}
