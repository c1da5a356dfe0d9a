using ScrBot.Bot.Conversations;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Stages.Decision;

/// <summary>
/// The checklist's buttons (<c>notice.*</c>): <em>Sent</em> records the item with its date and what was sent;
/// <em>Record as not needed</em> records it with why. The step the card names says which item; the domain checks that
/// the person owns it, that the case has the checklist, the date, and that it was not recorded before.
/// </summary>
public sealed class ChecklistActions(CaseConversations conversations) : StageActions(conversations, "notice.")
{
    private const string Attempt = "record a notification about this case";

    protected override Task<CardActionResult> HandleAsync(CardPress press)
    {
        var item = ChecklistSteps.ItemOf(press.Value(TaskCard.StepKey));
        return press.Verb switch
        {
            ChecklistCards.SentVerb => press.ActOnDateAsync(Attempt, ChecklistCards.DateInput, "date it was sent", (s, c, sent) =>
                CaseCommands.RecordChecklistNotification(s, c, item, sent, press.Value(ChecklistCards.DetailsInput))),
            ChecklistCards.NotNeededVerb => press.ActOnDateAsync(Attempt, ChecklistCards.DateInput, "date it was decided", (s, c, decided) =>
                CaseCommands.RecordChecklistNotification(s, c, item, decided, press.Value(ChecklistCards.ReasonInput), notNeeded: true)),
            _ => CardPress.Unknown(),
        };
    }
}
