using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Routing;

/// <summary>The HTTP answer to an inbound activity.</summary>
public sealed record RouterAnswer(int StatusCode, object? Body)
{
    public static readonly RouterAnswer Ok = new(200, null);

    public static RouterAnswer Invoke(AdaptiveCardInvokeResponse response) => new(200, response);

    public static RouterAnswer Note(string message) => new(200, new Dictionary<string, string> { ["message"] = message });
}

/// <summary>
/// Leads each activity to exactly one handler: a message's text to an <see cref="ICommandHandler"/>, a card
/// button's verb to an <see cref="ICardActionHandler"/>, install events to <see cref="InstallationEvents"/>.
/// Anything it cannot handle gets a plain-English answer, never a server error.
/// </summary>
public sealed partial class ActivityRouter
{
    public const string AdaptiveCardAction = "adaptiveCard/action";

    private readonly IReadOnlyList<ICommandHandler> _commands;
    private readonly IReadOnlyList<ICardActionHandler> _actions;
    private readonly HelpCatalogue _help;
    private readonly InstallationEvents _installations;
    private readonly BotSender _sender;
    private readonly IServiceProvider _services;
    private readonly ILogger<ActivityRouter> _logger;

    public ActivityRouter(
        IEnumerable<ICommandHandler> commands,
        IEnumerable<ICardActionHandler> actions,
        HelpCatalogue help,
        InstallationEvents installations,
        BotSender sender,
        IServiceProvider services,
        ILogger<ActivityRouter> logger)
    {
        _commands = commands.OrderByDescending(c => Normalise(c.Command).Length).ToList();
        _actions = actions.OrderByDescending(a => a.VerbPrefix.Length).ToList();
        _help = help;
        _installations = installations;
        _sender = sender;
        _services = services;
        _logger = logger;

        var duplicateCommand = _commands.GroupBy(c => Normalise(c.Command), StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicateCommand is not null)
        {
            throw new InvalidOperationException($"Two handlers claim the command '{duplicateCommand.Key}': {string.Join(", ", duplicateCommand.Select(c => c.GetType().Name))}.");
        }

        var duplicatePrefix = _actions.GroupBy(a => a.VerbPrefix, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicatePrefix is not null)
        {
            throw new InvalidOperationException($"Two handlers claim the verb prefix '{duplicatePrefix.Key}': {string.Join(", ", duplicatePrefix.Select(a => a.GetType().Name))}.");
        }

        if (_commands.Any(c => string.IsNullOrWhiteSpace(c.Command)) || _actions.Any(a => string.IsNullOrWhiteSpace(a.VerbPrefix)))
        {
            throw new InvalidOperationException("A command handler or card action handler has an empty command or verb prefix.");
        }
    }

    public async Task<RouterAnswer> RouteAsync(Activity activity, CancellationToken cancellationToken)
    {
        var reference = ConversationReference.FromActivity(activity);
        if (reference is null && activity.Type is ActivityTypes.Message or ActivityTypes.Invoke)
        {
            _logger.LogInformation("Refused a {ActivityType} activity without a conversation or serviceUrl", activity.Type);
            return new RouterAnswer(400, new Dictionary<string, string> { ["message"] = Replies.NoConversation });
        }

        switch (activity.Type)
        {
            case ActivityTypes.ConversationUpdate or ActivityTypes.InstallationUpdate:
            {
                var change = await _installations.HandleAsync(activity, cancellationToken).ConfigureAwait(false);
                if (change == InstallationEvents.Change.Installed && reference is { ConversationType: ConversationTypes.Personal, UserAadObjectId: { } installedFor })
                {
                    await ReachableAsync(installedFor, cancellationToken).ConfigureAwait(false);
                }

                if (change == InstallationEvents.Change.Installed && activity.Type == ActivityTypes.InstallationUpdate
                    && string.Equals(activity.Action, "add", StringComparison.OrdinalIgnoreCase)
                    && reference?.ConversationType == ConversationTypes.Personal)
                {
                    await Context(activity, reference, cancellationToken).SendCardAsync(_help.Card(Replies.Welcome), "Welcome to ScrBot").ConfigureAwait(false);
                }

                return RouterAnswer.Ok;
            }

            case ActivityTypes.Message when reference is not null:
                if (reference.ConversationType == ConversationTypes.Personal)
                {
                    await _installations.RememberPersonalAsync(activity, cancellationToken).ConfigureAwait(false);
                    if (reference.UserAadObjectId is { } writer)
                    {
                        await ReachableAsync(writer, cancellationToken).ConfigureAwait(false);
                    }
                }

                await OnMessageAsync(Context(activity, reference, cancellationToken)).ConfigureAwait(false);
                return RouterAnswer.Ok;

            case ActivityTypes.Invoke when activity.Name == AdaptiveCardAction && reference is not null:
                return RouterAnswer.Invoke(await OnCardInvokeAsync(Context(activity, reference, cancellationToken)).ConfigureAwait(false));

            case ActivityTypes.Invoke:
                _logger.LogInformation("Declined an invoke named {InvokeName}", activity.Name);
                return RouterAnswer.Invoke(Error(400, "NotSupported", Replies.NotHandledInvoke(activity.Name)));

            default:
                _logger.LogInformation("Ignored an activity of type {ActivityType}", activity.Type);
                return RouterAnswer.Note(Replies.NotHandledActivity(activity.Type));
        }
    }

    /// <summary>Whatever waits for a person who can now be reached is sent; a failure there never stops their turn.</summary>
    private async Task ReachableAsync(string aadObjectId, CancellationToken cancellationToken)
    {
        foreach (var listener in _services.GetServices<IPersonReachable>())
        {
            try
            {
                await listener.OnReachableAsync(aadObjectId, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                _logger.LogError(e, "Sending what was held for a person who can now be reached failed");
            }
        }
    }

    private async Task OnMessageAsync(TurnContext context)
    {
        var activity = context.Activity;
        if (activity.Value is not null)
        {
            await OnSubmitAsync(context).ConfigureAwait(false);
            return;
        }

        var text = Normalise(activity.Text ?? "");
        if (text.Length == 0)
        {
            await context.SendTextAsync(Replies.NothingToRead).ConfigureAwait(false);
            return;
        }

        var handler = _commands.FirstOrDefault(c =>
        {
            var command = Normalise(c.Command);
            return text.Equals(command, StringComparison.OrdinalIgnoreCase)
                   || text.StartsWith(command + " ", StringComparison.OrdinalIgnoreCase);
        });
        var arguments = handler is null ? "" : text[Normalise(handler.Command).Length..].Trim();
        if (handler is null && _commands.FirstOrDefault(c => c.Understands(text)) is { } understood)
        {
            handler = understood;
            arguments = text;
        }

        if (handler is null)
        {
            _logger.LogInformation("No command matched a message");
            await context.SendTextAsync(Replies.NotUnderstoodWith(_help.Commands)).ConfigureAwait(false);
            return;
        }

        _logger.LogInformation("Command {Command}", handler.Command);
        try
        {
            await handler.HandleAsync(context, arguments).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "Command {Command} failed", handler.Command);
            await context.SendTextAsync(Replies.SomethingWentWrong).ConfigureAwait(false);
        }
    }

    private async Task OnSubmitAsync(TurnContext context)
    {
        var action = ReadSubmit(context.Activity);
        if (action is null)
        {
            _logger.LogInformation("A card submit could not be read");
            await context.SendTextAsync(Replies.UnreadableButton).ConfigureAwait(false);
            return;
        }

        var result = await DispatchAsync(context, action).ConfigureAwait(false);
        switch (result)
        {
            case ReplaceCardResult replace when action.CardActivityId is { } cardId:
                await context.UpdateCardAsync(cardId, replace.Card).ConfigureAwait(false);
                break;
            case ReplaceCardResult replace:
                await context.SendCardAsync(replace.Card).ConfigureAwait(false);
                break;
            case MessageResult message:
                await context.SendTextAsync(message.Text).ConfigureAwait(false);
                break;
            case ErrorResult error:
                await context.SendTextAsync(error.Explanation).ConfigureAwait(false);
                break;
        }
    }

    private async Task<AdaptiveCardInvokeResponse> OnCardInvokeAsync(TurnContext context)
    {
        var action = ReadExecute(context.Activity);
        if (action is null)
        {
            _logger.LogInformation("A card action could not be read");
            return Error(400, "BadRequest", Replies.UnreadableButton);
        }

        return await DispatchAsync(context, action).ConfigureAwait(false) switch
        {
            ReplaceCardResult replace => new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardInvokeResponse.CardType, Value = Cards.CardBudget.Bounded(replace.Card) },
            MessageResult message => new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardInvokeResponse.MessageType, Value = JsonValue.Create(message.Text) },
            ErrorResult error => Error(error.StatusCode, error.Code, error.Explanation),
            _ => Error(500, "InternalError", Replies.SomethingWentWrong),
        };
    }

    /// <summary>
    /// The answer to an invoke delivered again whose first answer is not at hand: its handler draws it again from the
    /// current state (<see cref="ICardActionHandler.AnswerAgainAsync"/>); null when it cannot.
    /// </summary>
    public async Task<RouterAnswer?> AnswerAgainAsync(Activity activity, CancellationToken cancellationToken)
    {
        if (activity.Type != ActivityTypes.Invoke || activity.Name != AdaptiveCardAction
            || ConversationReference.FromActivity(activity) is not { } reference || ReadExecute(activity) is not { } action
            || _actions.FirstOrDefault(a => Claims(a.VerbPrefix, action.Verb)) is not { } handler)
        {
            return null;
        }

        try
        {
            return await handler.AnswerAgainAsync(Context(activity, reference, cancellationToken), action).ConfigureAwait(false) switch
            {
                ReplaceCardResult replace => RouterAnswer.Invoke(new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardInvokeResponse.CardType, Value = Cards.CardBudget.Bounded(replace.Card) }),
                MessageResult message => RouterAnswer.Invoke(new AdaptiveCardInvokeResponse { StatusCode = 200, Type = AdaptiveCardInvokeResponse.MessageType, Value = JsonValue.Create(message.Text) }),
                ErrorResult error => RouterAnswer.Invoke(Error(error.StatusCode, error.Code, error.Explanation)),
                _ => null,
            };
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(e, "Card verb {Verb}: the answer to its redelivery could not be drawn again", action.Verb);
            return null;
        }
    }

    private async Task<CardActionResult> DispatchAsync(TurnContext context, CardAction action)
    {
        var handler = _actions.FirstOrDefault(a => Claims(a.VerbPrefix, action.Verb));
        if (handler is null)
        {
            var planned = _help.ForVerb(action.Verb);
            _logger.LogInformation("No handler for card verb {Verb}", action.Verb);
            return planned is null
                ? CardActionResult.Error(Replies.UnknownButton, 400, "UnknownAction")
                : CardActionResult.Error(Replies.NotAvailableYet(planned.Title), 404, "NotAvailable");
        }

        _logger.LogInformation("Card verb {Verb} ({Source})", action.Verb, action.Source);
        try
        {
            return await handler.HandleAsync(context, action).ConfigureAwait(false)
                   ?? CardActionResult.Error(Replies.SomethingWentWrong, 500, "InternalError");
        }
        catch (Exception e) when (e is not OperationCanceledException || !context.CancellationToken.IsCancellationRequested)
        {
            _logger.LogError(e, "Card verb {Verb} failed", action.Verb);
            return CardActionResult.Error(Replies.SomethingWentWrong, 500, "InternalError");
        }
    }

    /// <summary>True when a handler's prefix takes this verb.</summary>
    public static bool Claims(string prefix, string verb) =>
        prefix.EndsWith('.')
            ? verb.StartsWith(prefix, StringComparison.OrdinalIgnoreCase) && verb.Length > prefix.Length
            : verb.Equals(prefix, StringComparison.OrdinalIgnoreCase) || verb.StartsWith(prefix + ".", StringComparison.OrdinalIgnoreCase);

    /// <summary><c>{"action": {"type": "Action.Execute", "verb": "...", "data": {...}}}</c>.</summary>
    private static CardAction? ReadExecute(Activity activity)
    {
        if (activity.Value is not JsonObject value || value["action"] is not JsonObject action
            || action["verb"] is not JsonValue verbValue || !verbValue.TryGetValue<string>(out var verb) || string.IsNullOrWhiteSpace(verb))
        {
            return null;
        }

        JsonObject data;
        switch (action["data"])
        {
            case null:
                data = [];
                break;
            case JsonObject given:
                data = (JsonObject)given.DeepClone();
                break;
            default:
                return null;
        }

        data.Remove("verb");
        return new CardAction(verb.Trim(), data, CardActionSource.Execute, activity.ReplyToId);
    }

    /// <summary>Action.Submit: the value holds the action's data and the inputs; the data names the verb as <c>"verb"</c>.</summary>
    private static CardAction? ReadSubmit(Activity activity)
    {
        if (activity.Value is not JsonObject value || value["verb"] is not JsonValue verbValue
            || !verbValue.TryGetValue<string>(out var verb) || string.IsNullOrWhiteSpace(verb))
        {
            return null;
        }

        var data = (JsonObject)value.DeepClone();
        data.Remove("verb");
        data.Remove("msteams");
        return new CardAction(verb.Trim(), data, CardActionSource.Submit, activity.ReplyToId);
    }

    private static AdaptiveCardInvokeResponse Error(int statusCode, string code, string message) => new()
    {
        StatusCode = statusCode,
        Type = AdaptiveCardInvokeResponse.ErrorType,
        Value = new JsonObject { ["code"] = code, ["message"] = message },
    };

    private TurnContext Context(Activity activity, ConversationReference reference, CancellationToken cancellationToken) =>
        new(activity, reference, _sender, _services, cancellationToken);

    /// <summary>Removes @mentions (<c>&lt;at&gt;ScrBot&lt;/at&gt;</c>), non-breaking spaces and repeated white space.</summary>
    public static string Normalise(string text)
    {
        var withoutMentions = MentionPattern().Replace(text, " ").Replace("&nbsp;", " ", StringComparison.OrdinalIgnoreCase).Replace('\u00A0', ' ');
        return WhiteSpacePattern().Replace(withoutMentions, " ").Trim();
    }

    [GeneratedRegex("<at>.*?</at>", RegexOptions.IgnoreCase | RegexOptions.Singleline)]
    private static partial Regex MentionPattern();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpacePattern();
}
