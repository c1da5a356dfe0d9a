using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace ScrBot.Bot.Connector;

/// <summary>
/// The part of the Bot Connector <c>Activity</c> (see the Bot Connector swagger) that ScrBot reads and writes.
/// Properties that are null are left out when the activity is serialised.
/// </summary>
public sealed class Activity
{
    public string? Type { get; set; }
    public string? Id { get; set; }
    public DateTimeOffset? Timestamp { get; set; }
    public string? ServiceUrl { get; set; }
    public string? ChannelId { get; set; }
    public ChannelAccount? From { get; set; }
    public ConversationAccount? Conversation { get; set; }
    public ChannelAccount? Recipient { get; set; }
    public string? TextFormat { get; set; }
    public string? AttachmentLayout { get; set; }
    public List<ChannelAccount>? MembersAdded { get; set; }
    public List<ChannelAccount>? MembersRemoved { get; set; }
    public string? Locale { get; set; }
    public string? Text { get; set; }
    public string? Summary { get; set; }
    public List<Attachment>? Attachments { get; set; }
    public TeamsChannelData? ChannelData { get; set; }

    /// <summary>installationUpdate: add, remove, add-upgrade or remove-upgrade.</summary>
    public string? Action { get; set; }

    public string? ReplyToId { get; set; }

    /// <summary>Card data: Action.Submit values on a message, <c>{action: {verb, data}}</c> on an adaptiveCard/action invoke.</summary>
    public JsonNode? Value { get; set; }

    /// <summary>The invoke's name, e.g. <c>adaptiveCard/action</c>.</summary>
    public string? Name { get; set; }

    /// <summary>A plain-text message.</summary>
    public static Activity Message(string text) => new() { Type = ActivityTypes.Message, Text = text, TextFormat = "plain" };

    /// <summary>A message carrying one Adaptive Card.</summary>
    public static Activity Card(JsonObject card, string? summary = null) => new()
    {
        Type = ActivityTypes.Message,
        Summary = summary,
        Attachments = [new Attachment { ContentType = Attachment.AdaptiveCardContentType, Content = card }],
    };
}

/// <summary>The activity types ScrBot knows by name.</summary>
public static class ActivityTypes
{
    public const string Message = "message";
    public const string Invoke = "invoke";
    public const string ConversationUpdate = "conversationUpdate";
    public const string InstallationUpdate = "installationUpdate";
    public const string Typing = "typing";
}

/// <summary>A user or bot in a conversation (Teams user ids start with <c>29:</c>, bot ids with <c>28:</c>).</summary>
public sealed class ChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Role { get; set; }
}

/// <summary>A conversation: <c>conversationType</c> is personal, groupChat or channel in Teams.</summary>
public sealed class ConversationAccount
{
    public bool? IsGroup { get; set; }
    public string? ConversationType { get; set; }
    public string? TenantId { get; set; }
    public string? Id { get; set; }
    public string? Name { get; set; }
}

public sealed class Attachment
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
}

/// <summary>The Teams <c>channelData</c> of an activity (TeamsChannelData).</summary>
public sealed class TeamsChannelData
{
    public TeamsIdentity? Tenant { get; set; }
    public TeamsIdentity? Team { get; set; }
    public TeamsIdentity? Channel { get; set; }

    /// <summary>conversationUpdate events: teamMemberAdded, channelCreated, channelDeleted, teamDeleted, ...</summary>
    public string? EventType { get; set; }
}

public sealed class TeamsIdentity
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadGroupId { get; set; }
}

/// <summary>The body of <c>POST v3/conversations</c>.</summary>
public sealed class ConversationParameters
{
    public bool? IsGroup { get; set; }
    public ChannelAccount? Bot { get; set; }
    public List<ChannelAccount>? Members { get; set; }
    public string? TenantId { get; set; }
    public Activity? Activity { get; set; }
    public TeamsChannelData? ChannelData { get; set; }
}

/// <summary>The answer to <c>POST v3/conversations</c>.</summary>
public sealed class ConversationResourceResponse
{
    public string? Id { get; set; }
    public string? ActivityId { get; set; }
    public string? ServiceUrl { get; set; }
}

/// <summary>The answer to a send, reply or update: the activity's id.</summary>
public sealed class ResourceResponse
{
    public string? Id { get; set; }
}

/// <summary>One page of <c>GET v3/conversations/{id}/pagedmembers</c>.</summary>
public sealed class PagedMembersResult
{
    public string? ContinuationToken { get; set; }
    public List<TeamsChannelAccount> Members { get; set; } = [];
}

/// <summary>A member as Teams lists it.</summary>
public sealed class TeamsChannelAccount
{
    public string? Id { get; set; }
    public string? Name { get; set; }
    public string? AadObjectId { get; set; }
    public string? Email { get; set; }
    public string? UserPrincipalName { get; set; }
    public string? GivenName { get; set; }
    public string? Surname { get; set; }
    public string? TenantId { get; set; }
    public string? UserRole { get; set; }
}

/// <summary>The Bot Connector's error body: <c>{"error": {"code", "message"}}</c>.</summary>
public sealed class ErrorResponse
{
    public ErrorDetail? Error { get; set; }
}

public sealed class ErrorDetail
{
    public string? Code { get; set; }
    public string? Message { get; set; }
}

/// <summary>
/// The HTTP answer to an <c>adaptiveCard/action</c> invoke: a replacement card, a message, or an error.
/// </summary>
public sealed class AdaptiveCardInvokeResponse
{
    public const string CardType = "application/vnd.microsoft.card.adaptive";
    public const string MessageType = "application/vnd.microsoft.activity.message";
    public const string ErrorType = "application/vnd.microsoft.error";

    public int StatusCode { get; set; }
    public string Type { get; set; } = MessageType;

    [JsonPropertyName("value")]
    public JsonNode? Value { get; set; }
}
