using System.Text.Json.Nodes;
using ScrBot.Bot.Routing;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Conversations;

/// <summary>
/// The frame a stage's task-card buttons share: the stage's verb prefix, a press that Teams delivers again answered from
/// the case as it is now (never acted on twice), and each button turned into one domain command through
/// <see cref="CaseConversations.ActAsync"/>, with the press's inputs read as the card sent them (<see cref="CardPress"/>).
/// </summary>
public abstract class StageActions(CaseConversations conversations, string verbPrefix) : ICardActionHandler
{
    public string VerbPrefix => verbPrefix;

    /// <summary>A button delivered again: the step as it is now, never recorded a second time.</summary>
    public virtual Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => conversations.AnswerAgainAsync(context, action);

    public Task<CardActionResult> HandleAsync(TurnContext context, CardAction action)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(action);
        return HandleAsync(new CardPress(conversations, context, action));
    }

    /// <summary>The stage's buttons, by verb; an unknown verb is answered with <see cref="CardPress.Unknown"/>.</summary>
    protected abstract Task<CardActionResult> HandleAsync(CardPress press);
}

/// <summary>One press of a task card's button: its inputs as the card sent them, and the one way to act on it.</summary>
public sealed class CardPress(CaseConversations conversations, TurnContext context, CardAction action)
{
    public string Verb => action.Verb;

    public JsonObject Data => action.Data;

    /// <summary>A submitted value as text ("" when absent).</summary>
    public string Value(string id) => TaskCard.Value(action.Data, id);

    /// <summary>A submitted date, or null when absent or not a date.</summary>
    public DateOnly? Date(string id) => TaskCard.DateValue(action.Data, id);

    /// <summary>Whether a toggle or a yes/no choice was answered "true".</summary>
    public bool On(string id) => Value(id) == "true";

    /// <summary>The domain command, run against the case's state at that moment (<see cref="CaseConversations.ActAsync"/>).</summary>
    public Task<CardActionResult> ActAsync(string attempt, Func<CaseState, CommandContext, Outcome> command) =>
        conversations.ActAsync(context, action, attempt, command);

    /// <summary>A command that needs the date in <paramref name="input"/>; without one the answer is "Give the <paramref name="label"/>.".</summary>
    public Task<CardActionResult> ActOnDateAsync(string attempt, string input, string label, Func<CaseState, CommandContext, DateOnly, Outcome> command) =>
        ActAsync(attempt, (s, c) => Date(input) is { } date ? command(s, c, date) : NoDate(label));

    /// <summary>The refusal for a date not given.</summary>
    public static Outcome NoDate(string label) => Outcome.Refused($"Give the {label}.", label);

    /// <summary>The answer to a verb the stage does not know.</summary>
    public static Task<CardActionResult> Unknown() => Task.FromResult(CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction"));
}
