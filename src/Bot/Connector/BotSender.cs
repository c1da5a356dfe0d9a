using System.Net;
using Microsoft.Extensions.Logging;

namespace ScrBot.Bot.Connector;

/// <summary>How the sender retries and spaces requests.</summary>
public sealed record SenderOptions
{
    /// <summary>
    /// Attempts in all, the first one included: with the doubling delays, a Bot Connector that fails for a minute
    /// is still outlasted. No HTTP answer waits for them (see <c>ActivityTurns</c>).
    /// </summary>
    public int MaxAttempts { get; init; } = 8;

    /// <summary>The first retry's delay before jitter; it doubles with each retry.</summary>
    public TimeSpan BaseDelay { get; init; } = TimeSpan.FromSeconds(1);

    public TimeSpan MaxDelay { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// Added to each window. Requests are counted from when Teams' answer came back, which is after Teams counted
    /// them, so none is needed to stay within the limits; a margin only leaves Teams more room.
    /// </summary>
    public TimeSpan WindowMargin { get; init; } = TimeSpan.Zero;

    /// <summary>A number in [0, 1) for jitter.</summary>
    public Func<double> Jitter { get; init; } = Random.Shared.NextDouble;
}

/// <summary>What became of a send, reply or update.</summary>
public sealed record SendResult(bool Delivered, string? ActivityId, string? Problem)
{
    public static SendResult Ok(string? activityId) => new(true, activityId, null);
    public static SendResult Failed(string problem) => new(false, null, problem);
}

/// <summary>What became of creating a conversation.</summary>
public sealed record CreateConversationResult(bool Created, string? ConversationId, string? ActivityId, string? Problem);

/// <summary>Optional details of one message.</summary>
/// <param name="ResendKey">
/// The sender's own key for this message (e.g. an outbox item id), kept with an undelivered record so that the
/// feature that sent it can rebuild and resend it. It must not carry a child's details.
/// </param>
public sealed record SendOptions(string? ResendKey = null);

/// <summary>
/// The one way out to Teams. Every request waits for its conversation's limits (7 in 1 s, 8 in 2 s, 60 in 30 s,
/// 1800 an hour; member reads 14/16/120/3600) and the app's (<c>Bot__AppRateLimitPerSecond</c>), goes out in order
/// for its conversation, and is retried on 429, 412, 502, 503, 504 and network failures with jittered exponential
/// backoff that honours <c>Retry-After</c>. A message that finally cannot be delivered is kept in
/// <see cref="IUndeliveredMessages"/> and logged as a warning, never dropped silently.
/// </summary>
public sealed class BotSender(
    ConnectorClient client,
    ConnectorRateLimiter limiter,
    IUndeliveredMessages undelivered,
    TimeProvider time,
    SenderOptions options,
    ILogger<BotSender> logger)
{
    /// <summary>Posts a message to a conversation (in a channel: a new thread).</summary>
    public Task<SendResult> SendAsync(ConversationReference to, Activity activity, SendOptions? sendOptions = null, CancellationToken cancellationToken = default) =>
        DeliverAsync("send", to, activity, sendOptions, ct => client.SendToConversationAsync(to.ServiceUrl, to.ConversationId, Addressed(activity, to), ct), cancellationToken);

    /// <summary>Replies to an activity (in a channel: in its thread).</summary>
    public Task<SendResult> ReplyAsync(ConversationReference to, string replyToId, Activity activity, SendOptions? sendOptions = null, CancellationToken cancellationToken = default) =>
        DeliverAsync("reply", to, activity, sendOptions, ct =>
        {
            var addressed = Addressed(activity, to);
            addressed.ReplyToId ??= replyToId;
            return client.ReplyToActivityAsync(to.ServiceUrl, to.ConversationId, replyToId, addressed, ct);
        }, cancellationToken);

    /// <summary>Replaces a message the bot sent (a card) in place.</summary>
    public Task<SendResult> UpdateAsync(ConversationReference to, string activityId, Activity activity, SendOptions? sendOptions = null, CancellationToken cancellationToken = default) =>
        DeliverAsync("update", to, activity, sendOptions, async ct =>
        {
            var addressed = Addressed(activity, to);
            addressed.Id ??= activityId;
            return await client.UpdateActivityAsync(to.ServiceUrl, to.ConversationId, activityId, addressed, ct).ConfigureAwait(false)
                   ?? new ResourceResponse { Id = activityId };
        }, cancellationToken);

    /// <summary>
    /// Starts (or finds: Teams answers the same chat again) the 1:1 chat between the bot and a user, optionally with a
    /// first message. <paramref name="user"/> is the user's Teams id (<c>29:…</c>) or their Entra object id (aadObjectId,
    /// what ScrBot stores): Teams accepts either for a user the app is installed for, personally or through a team
    /// (learn.microsoft.com, "Send proactive messages": "to create the conversation, you need a aadObjectId or userId,
    /// tenantId, and serviceUrl").
    /// </summary>
    public Task<CreateConversationResult> CreatePersonalConversationAsync(
        Uri serviceUrl, string? tenantId, ChannelAccount? bot, string user, Activity? firstMessage = null,
        SendOptions? sendOptions = null, CancellationToken cancellationToken = default) =>
        CreateAsync(serviceUrl, user, new ConversationParameters
        {
            IsGroup = false,
            Bot = bot,
            Members = [new ChannelAccount { Id = user, AadObjectId = Guid.TryParse(user, out _) ? user : null }],
            TenantId = tenantId,
            Activity = firstMessage,
            ChannelData = tenantId is null ? null : new TeamsChannelData { Tenant = new TeamsIdentity { Id = tenantId } },
        }, sendOptions, cancellationToken);

    /// <summary>Starts a new thread in a team channel with a first message.</summary>
    public Task<CreateConversationResult> CreateChannelThreadAsync(
        ConversationReference channel, ChannelAccount bot, Activity firstMessage, SendOptions? sendOptions = null,
        CancellationToken cancellationToken = default)
    {
        var channelId = channel.ChannelId ?? channel.ConversationId;
        return CreateAsync(channel.ServiceUrl, channelId, new ConversationParameters
        {
            IsGroup = true,
            Bot = bot,
            TenantId = channel.TenantId,
            Activity = firstMessage,
            ChannelData = new TeamsChannelData
            {
                Channel = new TeamsIdentity { Id = channelId },
                Tenant = channel.TenantId is null ? null : new TeamsIdentity { Id = channel.TenantId },
            },
        }, sendOptions, cancellationToken);
    }

    /// <summary>One page of a conversation's (or team's) members, within the member-read limits.</summary>
    public async Task<PagedMembersResult> GetMembersPageAsync(
        ConversationReference conversation, int? pageSize = null, string? continuationToken = null, CancellationToken cancellationToken = default)
    {
        using var lease = await limiter.EnterAsync(conversation.ConversationId, cancellationToken).ConfigureAwait(false);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var ticket = await limiter.StartAsync(lease.Lane, ConnectorRateLimiter.RequestKind.ReadMembers, cancellationToken).ConfigureAwait(false);
                return await client.GetPagedMembersAsync(conversation.ServiceUrl, conversation.ConversationId, pageSize, continuationToken, cancellationToken).ConfigureAwait(false);
            }
            catch (Exception e) when (Transient(e, cancellationToken) is { } retryAfter && attempt < options.MaxAttempts)
            {
                await Task.Delay(Backoff(attempt, retryAfter), time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    private async Task<CreateConversationResult> CreateAsync(
        Uri serviceUrl, string target, ConversationParameters parameters, SendOptions? sendOptions, CancellationToken cancellationToken)
    {
        if (parameters.Activity is { } first && BotJson.Utf16Size(HeldToBudget(first)) > BotJson.MaxMessageBytes)
        {
            var problem = TooLarge(first);
            await KeepAsync(target, "create", first.Type, problem, 0, sendOptions, serviceUrl, cancellationToken).ConfigureAwait(false);
            return new CreateConversationResult(false, null, null, problem);
        }

        using var lease = await limiter.EnterAsync(null, cancellationToken).ConfigureAwait(false);
        var (response, failure, attempts) = await WithRetriesAsync(
            lease, ct => client.CreateConversationAsync(serviceUrl, parameters, ct), cancellationToken).ConfigureAwait(false);
        if (response is not null)
        {
            return new CreateConversationResult(true, response.Id, response.ActivityId, null);
        }

        await KeepAsync(target, "create", parameters.Activity?.Type, failure!, attempts, sendOptions, serviceUrl, cancellationToken).ConfigureAwait(false);
        return new CreateConversationResult(false, null, null, failure);
    }

    private async Task<SendResult> DeliverAsync(
        string operation, ConversationReference to, Activity activity, SendOptions? sendOptions,
        Func<CancellationToken, Task<ResourceResponse?>> request, CancellationToken cancellationToken)
    {
        Addressed(activity, to);
        if (BotJson.Utf16Size(HeldToBudget(activity)) > BotJson.MaxMessageBytes)
        {
            var problem = TooLarge(activity);
            await KeepAsync(to.ConversationId, operation, activity.Type, problem, 0, sendOptions, to.ServiceUrl, cancellationToken).ConfigureAwait(false);
            return SendResult.Failed(problem);
        }

        ConnectorRateLimiter.LaneLease lease;
        try
        {
            lease = await limiter.EnterAsync(to.ConversationId, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            await KeepAsync(to.ConversationId, operation, activity.Type, "stopped before it could be sent", 0, sendOptions, to.ServiceUrl, CancellationToken.None).ConfigureAwait(false);
            throw;
        }

        using (lease)
        {
            var (response, failure, attempts) = await WithRetriesAsync(lease, request, cancellationToken, keepOnCancel: (operation, to, activity, sendOptions)).ConfigureAwait(false);
            if (failure is null)
            {
                return SendResult.Ok(response?.Id);
            }

            await KeepAsync(to.ConversationId, operation, activity.Type, failure, attempts, sendOptions, to.ServiceUrl, cancellationToken).ConfigureAwait(false);
            return SendResult.Failed(failure);
        }
    }

    private async Task<(T? Response, string? Failure, int Attempts)> WithRetriesAsync<T>(
        ConnectorRateLimiter.LaneLease lease, Func<CancellationToken, Task<T>> request, CancellationToken cancellationToken,
        (string Operation, ConversationReference To, Activity Activity, SendOptions? Options)? keepOnCancel = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var ticket = await limiter.StartAsync(lease.Lane, ConnectorRateLimiter.RequestKind.Send, cancellationToken).ConfigureAwait(false);
                return (await request(cancellationToken).ConfigureAwait(false), null, attempt);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                if (keepOnCancel is { } keep)
                {
                    await KeepAsync(keep.To.ConversationId, keep.Operation, keep.Activity.Type, "stopped before it could be delivered", attempt,
                        keep.Options, keep.To.ServiceUrl, CancellationToken.None).ConfigureAwait(false);
                }

                throw;
            }
            catch (Exception e) when (Transient(e, cancellationToken) is { } retryAfter)
            {
                if (attempt >= options.MaxAttempts)
                {
                    return (default, $"{Describe(e)}, still after {attempt} attempts", attempt);
                }

                var delay = Backoff(attempt, retryAfter);
                logger.LogInformation("Bot Connector request failed ({Problem}); retry {Attempt} in {Delay}", Describe(e), attempt, delay);
                try
                {
                    await Task.Delay(delay, time, cancellationToken).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested && keepOnCancel is { } keep)
                {
                    await KeepAsync(keep.To.ConversationId, keep.Operation, keep.Activity.Type, "stopped before it could be delivered", attempt,
                        keep.Options, keep.To.ServiceUrl, CancellationToken.None).ConfigureAwait(false);
                    throw;
                }
            }
            catch (Exception e) when (e is ConnectorException or BotTokenException or UntrustedServiceUrlException or System.Text.Json.JsonException)
            {
                return (default, Describe(e), attempt);
            }
        }
    }

    /// <summary>Null when the failure is not worth retrying; otherwise the Retry-After it carried (or zero).</summary>
    private static TimeSpan? Transient(Exception e, CancellationToken cancellationToken) => e switch
    {
        ConnectorException { StatusCode: HttpStatusCode.TooManyRequests or HttpStatusCode.PreconditionFailed or HttpStatusCode.BadGateway
            or HttpStatusCode.ServiceUnavailable or HttpStatusCode.GatewayTimeout } c => c.RetryAfter ?? TimeSpan.Zero,
        HttpRequestException => TimeSpan.Zero,
        TaskCanceledException when !cancellationToken.IsCancellationRequested => TimeSpan.Zero,
        _ => null,
    };

    /// <summary>
    /// Exponential backoff with jitter (half the delay fixed, half random); when Teams says Retry-After,
    /// at least that long, plus up to a fifth more so that retries do not all come back at once.
    /// </summary>
    public TimeSpan Backoff(int attempt, TimeSpan retryAfter)
    {
        if (retryAfter > TimeSpan.Zero)
        {
            return retryAfter + retryAfter * (0.2 * options.Jitter());
        }

        var exponential = options.BaseDelay * Math.Pow(2, Math.Min(attempt - 1, 20));
        if (exponential > options.MaxDelay)
        {
            exponential = options.MaxDelay;
        }

        return exponential * (0.5 + 0.5 * options.Jitter());
    }

    private async Task KeepAsync(
        string conversationId, string operation, string? activityType, string reason, int attempts, SendOptions? sendOptions,
        Uri serviceUrl, CancellationToken cancellationToken)
    {
        var record = new UndeliveredMessage(
            conversationId, operation, activityType, reason, time.GetUtcNow(), attempts, sendOptions?.ResendKey, serviceUrl.AbsoluteUri);
        logger.LogWarning(
            "Undelivered: could not {Operation} a {ActivityType} to conversation {ConversationId}: {Reason} (resend key {ResendKey})",
            operation, activityType, conversationId, reason, sendOptions?.ResendKey);
        try
        {
            await undelivered.RecordAsync(record, cancellationToken.IsCancellationRequested ? CancellationToken.None : cancellationToken).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(
                e, "Could not keep the undelivered-message record for conversation {ConversationId} ({Operation}, resend key {ResendKey}): {Reason}",
                conversationId, operation, sendOptions?.ResendKey, reason);
        }
    }

    /// <summary>Every card the message carries, held to the card budget: long texts shortened until it fits.</summary>
    private static Activity HeldToBudget(Activity activity)
    {
        foreach (var attachment in activity.Attachments ?? [])
        {
            if (attachment.ContentType == Attachment.AdaptiveCardContentType && attachment.Content is System.Text.Json.Nodes.JsonObject card)
            {
                attachment.Content = Cards.CardBudget.Bounded(card);
            }
        }

        return activity;
    }

    private static Activity Addressed(Activity activity, ConversationReference to)
    {
        activity.Type ??= ActivityTypes.Message;
        activity.Conversation ??= new ConversationAccount { Id = to.ConversationId, TenantId = to.TenantId };
        return activity;
    }

    private static string TooLarge(Activity activity) =>
        $"the message is {BotJson.Utf16Size(activity) / 1024} KB, over Teams' {BotJson.MaxMessageBytes / 1024} KB limit";

    private static string Describe(Exception e) => e switch
    {
        ConnectorException c => $"the Bot Connector answered {(int)c.StatusCode}{(c.ErrorCode is null ? "" : " " + c.ErrorCode)}",
        HttpRequestException => "the Bot Connector could not be reached",
        TaskCanceledException => "the Bot Connector did not answer in time",
        BotTokenException => "the bot could not get its token",
        UntrustedServiceUrlException => "its serviceUrl is not an allowed Bot Connector host",
        System.Text.Json.JsonException => "the Bot Connector's answer could not be read",
        _ => e.GetType().Name,
    };
}
