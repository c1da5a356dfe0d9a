using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Connector;
using ScrBot.Bot.Routing;

namespace ScrBot.Bot.Hosting;

/// <summary><c>POST /api/messages</c> (the Bot Connector's messaging endpoint), <c>GET /health</c>, and the public pages.</summary>
public static class BotEndpoints
{
    public const string MessagesPath = "/api/messages";
    public const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapScrBot(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health", () => Results.Ok(new { status = "healthy" }));
        app.MapPost(MessagesPath, HandleAsync);
        app.MapPublicPages();
        return app;
    }

    private static async Task<IResult> HandleAsync(
        HttpContext http,
        BotSettings settings,
        InboundAuthenticator authenticator,
        IHandledActivities handled,
        ActivityRouter router,
        ActivityTurns turns,
        ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger("ScrBot.Bot.Messages");
        var cancellationToken = http.RequestAborted;
        string? authorization = http.Request.Headers.Authorization;

        var activity = await ReadActivityAsync(http.Request, cancellationToken).ConfigureAwait(false);
        if (activity is null)
        {
            if (settings.RequiresAuthentication && string.IsNullOrWhiteSpace(authorization))
            {
                return Refuse(401, "A Bot Framework token is required.");
            }

            logger.LogInformation("Refused a request whose body is not an activity");
            return Results.Json(new { message = Replies.NotAnActivity }, BotJson.Options, statusCode: 400);
        }

        var verdict = await authenticator.CheckAsync(authorization, activity, cancellationToken).ConfigureAwait(false);
        if (!verdict.Allowed)
        {
            return Refuse(verdict.StatusCode, verdict.StatusCode == 401 ? "A valid Bot Framework token is required." : "The token does not allow this request.");
        }

        if (activity.ServiceUrl is not null && !settings.ConnectorHosts.Allows(activity.ServiceUrl))
        {
            logger.LogWarning(
                "Refused an inbound {ActivityType} activity with 400: its serviceUrl is not on an allowed Bot Connector host (Bot__ConnectorHosts)",
                activity.Type);
            return Refuse(400, Replies.ServiceUrlNotAllowed);
        }

        if (InboundShape.Problem(activity) is { } problem)
        {
            logger.LogInformation("Refused an inbound {ActivityType} activity with 400: an id is too long or malformed", activity.Type?.Length <= 40 ? activity.Type : "(long)");
            return Refuse(400, problem);
        }

        logger.LogInformation(
            "Activity {ActivityType} {ActivityId} {InvokeName} in {ConversationType} conversation {ConversationId} on {ChannelId}",
            activity.Type, activity.Id, activity.Name, activity.Conversation?.ConversationType, activity.Conversation?.Id, activity.ChannelId);

        var conversationId = activity.Conversation?.Id;
        var isInvoke = activity.Type == ActivityTypes.Invoke;
        var key = activity.Id is { Length: > 0 } id && conversationId is { Length: > 0 } ? conversationId + "\n" + id : null;
        var claimed = false;
        if (key is not null)
        {
            try
            {
                if (!await handled.TryClaimAsync(conversationId!, activity.Id!, cancellationToken).ConfigureAwait(false))
                {
                    if (isInvoke && turns.TryFindInvoke(key, out var earlier))
                    {
                        logger.LogInformation("Invoke {ActivityId} delivered again: answered as the first delivery was", activity.Id);
                        return await turns.WithinAsync(earlier, settings.AnswerWithin, cancellationToken).ConfigureAwait(false)
                            ? Answer(earlier.Result)
                            : Answer(StillWorking);
                    }

                    if (isInvoke && await router.AnswerAgainAsync(activity, cancellationToken).ConfigureAwait(false) is { } drawnAgain)
                    {
                        logger.LogInformation("Invoke {ActivityId} delivered again: its answer drawn again from the current state", activity.Id);
                        return Answer(drawnAgain);
                    }

                    logger.LogInformation("Activity {ActivityId} was already handled: not handled again", activity.Id);
                    return isInvoke
                        ? Results.Json(new AdaptiveCardInvokeResponse
                        {
                            StatusCode = 200,
                            Type = AdaptiveCardInvokeResponse.MessageType,
                            Value = System.Text.Json.Nodes.JsonValue.Create(Replies.AlreadyReceived),
                        }, BotJson.Options)
                        : Results.Json(new { message = Replies.AlreadyReceived }, BotJson.Options);
                }

                claimed = true;
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Could not record activity {ActivityId} as handled", activity.Id);
                return Results.Json(new { message = "ScrBot cannot reach its storage just now; please try again." }, BotJson.Options, statusCode: 503);
            }
        }

        var work = turns.Start(isInvoke ? key : null, async stopping =>
        {
            try
            {
                return await router.RouteAsync(activity, stopping).ConfigureAwait(false);
            }
            catch (Exception e)
            {
                if (isInvoke && key is not null)
                {
                    turns.ForgetInvoke(key);
                }

                if (claimed)
                {
                    try
                    {
                        await handled.ReleaseAsync(conversationId!, activity.Id!, CancellationToken.None).ConfigureAwait(false);
                    }
                    catch (Exception releaseError)
                    {
                        logger.LogError(releaseError, "Could not release activity {ActivityId} after a failure", activity.Id);
                    }
                }

                if (e is OperationCanceledException && stopping.IsCancellationRequested)
                {
                    logger.LogInformation("Handling activity {ActivityId} stopped: the host is stopping", activity.Id);
                }
                else
                {
                    logger.LogError(e, "Handling activity {ActivityType} {ActivityId} failed", activity.Type, activity.Id);
                }

                return new RouterAnswer(503, new Dictionary<string, string> { ["message"] = "ScrBot could not handle this just now; please try again." });
            }
        });

        if (await turns.WithinAsync(work, settings.AnswerWithin, cancellationToken).ConfigureAwait(false))
        {
            return Answer(await work.ConfigureAwait(false));
        }

        logger.LogInformation(
            "Answered activity {ActivityType} {ActivityId} after {Bound}; its handling goes on in the background",
            activity.Type, activity.Id, settings.AnswerWithin);
        return isInvoke ? Answer(StillWorking) : Results.Ok();
    }

    /// <summary>An invoke whose answer is not ready within the bound: the person may press again to see it.</summary>
    private static readonly RouterAnswer StillWorking = RouterAnswer.Invoke(new AdaptiveCardInvokeResponse
    {
        StatusCode = 200,
        Type = AdaptiveCardInvokeResponse.MessageType,
        Value = System.Text.Json.Nodes.JsonValue.Create(Replies.StillWorking),
    });

    private static IResult Answer(RouterAnswer answer) =>
        answer.Body is null ? Results.StatusCode(answer.StatusCode) : Results.Json(answer.Body, BotJson.Options, statusCode: answer.StatusCode);

    private static IResult Refuse(int statusCode, string message) =>
        Results.Json(new { message }, BotJson.Options, statusCode: statusCode);

    private static async Task<Activity?> ReadActivityAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength is > MaxBodyBytes)
        {
            return null;
        }

        try
        {
            using var buffer = new MemoryStream();
            var chunk = new byte[16 * 1024];
            int read;
            while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes)
                {
                    return null;
                }

                buffer.Write(chunk, 0, read);
            }

            if (buffer.Length == 0)
            {
                return null;
            }

            var activity = InboundShape.Read(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), BotJson.Options);
            return activity is { Type.Length: > 0 } ? activity : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
