using System.Text.Json.Nodes;

namespace ScrBot.Bot.Routing;

/// <summary>
/// A typed command: the message text (with any @mention of the bot removed) starting with <see cref="Command"/>,
/// matched without regard to case. The longest matching command wins, so "case status" and "case" can both exist.
/// </summary>
public interface ICommandHandler
{
    /// <summary>The command word or phrase, e.g. <c>help</c>.</summary>
    string Command { get; }

    /// <summary>What it does, in a few plain words, for the help card.</summary>
    string Description { get; }

    /// <summary>Handles the command; <paramref name="arguments"/> is the rest of the text after the command.</summary>
    Task HandleAsync(TurnContext context, string arguments);

    /// <summary>
    /// True when a message that names no command is still plainly meant for this one (a bare case reference is meant
    /// for <c>case</c>); the whole text is then passed as the arguments.
    /// </summary>
    bool Understands(string text) => false;
}

/// <summary>
/// Card buttons whose verb starts with <see cref="VerbPrefix"/>: <c>Action.Execute</c> (an <c>adaptiveCard/action</c>
/// invoke, answered in the HTTP response) and <c>Action.Submit</c> (a message whose value carries <c>"verb"</c>).
/// A prefix ending in '.' takes every verb below it (<c>referral.</c> takes <c>referral.start</c>); otherwise it takes
/// that verb and the verbs below it. The longest matching prefix wins.
/// </summary>
public interface ICardActionHandler
{
    string VerbPrefix { get; }

    /// <summary>
    /// Decides and acts. Never trust the data: it says which case and action the user meant; check here whether
    /// this user may do it now. Bad input gets <see cref="CardActionResult.Error"/> in plain English.
    /// </summary>
    Task<CardActionResult> HandleAsync(TurnContext context, CardAction action);

    /// <summary>
    /// The answer to a press that Teams delivers again when its first answer is no longer at hand (the bot was
    /// restarted, or another instance answered): drawn again from the current state, without acting a second time.
    /// Null (the default) answers "That was already received."
    /// </summary>
    Task<CardActionResult?> AnswerAgainAsync(TurnContext context, CardAction action) => Task.FromResult<CardActionResult?>(null);
}

/// <summary>How a card action arrived.</summary>
public enum CardActionSource
{
    /// <summary><c>Action.Execute</c>: an <c>adaptiveCard/action</c> invoke.</summary>
    Execute,

    /// <summary><c>Action.Submit</c>: a message activity with a value.</summary>
    Submit,
}

/// <summary>A pressed card button: its verb, its data (with the card's inputs), and the card's message id.</summary>
public sealed record CardAction(string Verb, JsonObject Data, CardActionSource Source, string? CardActivityId);

/// <summary>The answer to a card action.</summary>
public abstract record CardActionResult
{
    /// <summary>Replace the pressed card with this one (for the user who pressed it, on an invoke; in place, on a submit).</summary>
    public static CardActionResult ReplaceCard(JsonObject card) => new ReplaceCardResult(card);

    /// <summary>Answer with a short message.</summary>
    public static CardActionResult Message(string text) => new MessageResult(text);

    /// <summary>Refuse, in plain English; <paramref name="statusCode"/> is 4xx for the user's error, 5xx for ours.</summary>
    public static CardActionResult Error(string message, int statusCode = 400, string code = "BadRequest") => new ErrorResult(statusCode, code, message);
}

public sealed record ReplaceCardResult(JsonObject Card) : CardActionResult;

public sealed record MessageResult(string Text) : CardActionResult;

public sealed record ErrorResult(int StatusCode, string Code, string Explanation) : CardActionResult;

/// <summary>
/// A line on the help card: a button (<see cref="Verb"/>) and/or a typed command. Entries with the same verb (or,
/// without a verb, the same command) replace earlier ones, so a feature can restate a standard entry.
/// </summary>
public sealed record HelpEntry(string Title, string Description, string? Verb = null, string? Command = null, int Order = 100);

/// <summary>
/// Told when a person can be reached in their chat with ScrBot: they installed it, Teams opened the chat, or they
/// wrote to it. Whatever was waiting for them is sent then.
/// </summary>
public interface IPersonReachable
{
    Task OnReachableAsync(string aadObjectId, CancellationToken cancellationToken);
}
