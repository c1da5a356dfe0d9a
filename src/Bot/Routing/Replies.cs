namespace ScrBot.Bot.Routing;

/// <summary>What the bot says when it cannot do what was asked: plain English, no internal ids.</summary>
public static class Replies
{
    public const string NotUnderstood = "Sorry, I didn't understand that. You can type:";
    public const string UnknownButton = "Sorry, I don't recognise that button. It may be from an older card: type help for a fresh one.";
    public const string UnreadableButton = "Sorry, I couldn't read what that button sent. Nothing was changed. Type help to start again.";
    public const string NothingToRead = "I can only read typed commands and card buttons. Type help to see what I can do.";
    public const string SomethingWentWrong = "Sorry, something went wrong on our side while doing that. Please try again in a minute.";
    public const string StillWorking = "ScrBot is still working on that. Press the button again in a moment to see the result.";
    public const string AlreadyReceived = "That was already received.";
    public const string NoConversation = "This activity names no conversation or serviceUrl, so it cannot be answered.";
    public const string ServiceUrlNotAllowed = "This activity's serviceUrl is not a Bot Framework or Teams connector address ScrBot answers to, so nothing was done.";
    public const string NotAnActivity = "The request body is not a Bot Framework activity (JSON with at least a type).";
    public const string Welcome = "Hello, I'm ScrBot. I help the Safeguarding Children Board run Serious Case Reviews. Here is what I can do:";

    /// <summary>A short answer to a message that is no command: the commands, one per line, not the whole help card.</summary>
    public static string NotUnderstoodWith(IEnumerable<(string Command, string Description)> commands) =>
        NotUnderstood + "\n\n" + string.Join("\n", commands.Select(c => $"- **{c.Command}**: {c.Description}"));

    public static string NotAvailableYet(string title) => $"{title} isn't available yet. Please ask the board's business office.";

    public static string NotHandledInvoke(string? name) => $"ScrBot does not handle '{name ?? "unnamed"}' requests.";

    public static string NotHandledActivity(string? type) => $"ScrBot does not act on '{type ?? "untyped"}' activities.";
}
