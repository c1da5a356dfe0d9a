using System.Text.Json.Nodes;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Routing;

/// <summary>
/// One inbound activity being handled: who sent it, where it came from, and how to answer in that conversation.
/// Everything sent goes through <see cref="BotSender"/> (Teams' limits, retries, undelivered record).
/// </summary>
public sealed class TurnContext
{
    private readonly BotSender _sender;

    public TurnContext(Activity activity, ConversationReference conversation, BotSender sender, IServiceProvider services, CancellationToken cancellationToken)
    {
        Activity = activity;
        Conversation = conversation;
        _sender = sender;
        Services = services;
        CancellationToken = cancellationToken;
    }

    /// <summary>The inbound activity as Teams sent it.</summary>
    public Activity Activity { get; }

    /// <summary>The conversation it came from (personal chat, group chat or channel).</summary>
    public ConversationReference Conversation { get; }

    /// <summary>The sender's Microsoft Entra object id: the identity to check roles against. Null when Teams gave none.</summary>
    public string? UserAadObjectId => Activity.From?.AadObjectId;

    /// <summary>The sender's display name, for cards ("Upheld by Jane Smith").</summary>
    public string UserName => Activity.From?.Name ?? "";

    /// <summary>The sender's Teams user id (<c>29:…</c>), needed to start a 1:1 chat with them.</summary>
    public string? UserId => Activity.From?.Id;

    /// <summary>The bot's own account in this conversation (<c>28:…</c>).</summary>
    public ChannelAccount? Bot => Activity.Recipient;

    public bool IsPersonal => Conversation.ConversationType == ConversationTypes.Personal;

    public IServiceProvider Services { get; }

    public CancellationToken CancellationToken { get; }

    /// <summary>Posts a message to this conversation.</summary>
    public Task<SendResult> SendAsync(Activity activity, SendOptions? options = null) =>
        _sender.SendAsync(Conversation, Addressed(activity), options, CancellationToken);

    public Task<SendResult> SendTextAsync(string text) => SendAsync(Activity.Message(text));

    public Task<SendResult> SendCardAsync(JsonObject card, string? summary = null) => SendAsync(Activity.Card(card, summary));

    /// <summary>Replies to the inbound activity (in a channel: in its thread).</summary>
    public Task<SendResult> ReplyAsync(Activity activity, SendOptions? options = null) =>
        Activity.Id is { } id
            ? _sender.ReplyAsync(Conversation, id, Addressed(activity), options, CancellationToken)
            : SendAsync(activity, options);

    /// <summary>Replaces a message the bot sent in this conversation (a card) in place.</summary>
    public Task<SendResult> UpdateAsync(string activityId, Activity activity, SendOptions? options = null) =>
        _sender.UpdateAsync(Conversation, activityId, Addressed(activity), options, CancellationToken);

    public Task<SendResult> UpdateCardAsync(string activityId, JsonObject card) => UpdateAsync(activityId, Activity.Card(card));

    private Activity Addressed(Activity outbound)
    {
        outbound.Type ??= ActivityTypes.Message;
        outbound.From ??= Activity.Recipient is { } bot ? new ChannelAccount { Id = bot.Id, Name = bot.Name } : null;
        outbound.Recipient ??= Activity.From is { } user ? new ChannelAccount { Id = user.Id, Name = user.Name } : null;
        outbound.Conversation ??= new ConversationAccount
        {
            Id = Conversation.ConversationId,
            ConversationType = Activity.Conversation?.ConversationType,
            TenantId = Conversation.TenantId,
            IsGroup = Activity.Conversation?.IsGroup,
        };
        return outbound;
    }
}
