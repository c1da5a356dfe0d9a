using Azure;
using Azure.Data.Tables;

namespace ScrBot.Bot.Connector;

/// <summary>The kinds of Teams conversation.</summary>
public static class ConversationTypes
{
    public const string Personal = "personal";
    public const string GroupChat = "groupChat";
    public const string Channel = "channel";
}

/// <summary>
/// Where to reach a person or a channel: the serviceUrl, tenant and conversation id, with the user's aadObjectId
/// (personal chats) or the channel and team ids (channels). Nothing more is stored.
/// </summary>
public sealed record ConversationReference(
    Uri ServiceUrl,
    string ConversationId,
    string? TenantId,
    string ConversationType,
    string? UserAadObjectId = null,
    string? ChannelId = null,
    string? TeamId = null)
{
    /// <summary>The conversation an inbound activity came from.</summary>
    public static ConversationReference? FromActivity(Activity activity)
    {
        if (!Uri.TryCreate(activity.ServiceUrl, UriKind.Absolute, out var serviceUrl) || activity.Conversation?.Id is not { Length: > 0 } conversationId)
        {
            return null;
        }

        var type = activity.Conversation.ConversationType
                   ?? (activity.ChannelData?.Channel?.Id is not null ? ConversationTypes.Channel
                       : activity.Conversation.IsGroup == true ? ConversationTypes.GroupChat
                       : ConversationTypes.Personal);
        var tenant = activity.Conversation.TenantId ?? activity.ChannelData?.Tenant?.Id;
        return type switch
        {
            ConversationTypes.Personal => new ConversationReference(serviceUrl, conversationId, tenant, type, UserAadObjectId: activity.From?.AadObjectId),
            ConversationTypes.Channel => new ConversationReference(
                serviceUrl, conversationId, tenant, type,
                ChannelId: activity.ChannelData?.Channel?.Id ?? TopLevel(conversationId),
                TeamId: activity.ChannelData?.Team?.Id),
            _ => new ConversationReference(serviceUrl, conversationId, tenant, type),
        };
    }

    private static string TopLevel(string conversationId)
    {
        var semicolon = conversationId.IndexOf(';', StringComparison.Ordinal);
        return semicolon < 0 ? conversationId : conversationId[..semicolon];
    }
}

/// <summary>Where to reach people: stored at install time, removed at uninstall, looked up for proactive messages.</summary>
public interface IConversationReferences
{
    /// <summary>The personal chat with the user whose Entra object id this is, if the app is installed for them.</summary>
    Task<ConversationReference?> FindPersonalAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>A team channel (the General channel's id is the team's id), if the app is installed in its team.</summary>
    Task<ConversationReference?> FindChannelAsync(string channelId, CancellationToken cancellationToken);

    /// <summary>A group chat the app is installed in.</summary>
    Task<ConversationReference?> FindGroupChatAsync(string conversationId, CancellationToken cancellationToken);

    /// <summary>Keeps a personal chat, a channel or a group chat (replacing what was kept for it).</summary>
    Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken);

    Task RemovePersonalAsync(string aadObjectId, CancellationToken cancellationToken);

    /// <summary>Forgets a team: every channel kept for it.</summary>
    Task RemoveTeamAsync(string teamId, CancellationToken cancellationToken);

    Task RemoveChannelAsync(string channelId, CancellationToken cancellationToken);

    Task RemoveGroupChatAsync(string conversationId, CancellationToken cancellationToken);
}

/// <summary>
/// The <c>ConversationReferences</c> table: partition <c>personal</c> keyed by aadObjectId, <c>channel</c> keyed by
/// channel id (with the team id), <c>groupChat</c> keyed by conversation id.
/// </summary>
public sealed class ConversationReferencesTable(BotTables tables) : IConversationReferences
{
    public Task<ConversationReference?> FindPersonalAsync(string aadObjectId, CancellationToken cancellationToken) =>
        FindAsync(ConversationTypes.Personal, aadObjectId, cancellationToken);

    public Task<ConversationReference?> FindChannelAsync(string channelId, CancellationToken cancellationToken) =>
        FindAsync(ConversationTypes.Channel, channelId, cancellationToken);

    public Task<ConversationReference?> FindGroupChatAsync(string conversationId, CancellationToken cancellationToken) =>
        FindAsync(ConversationTypes.GroupChat, conversationId, cancellationToken);

    public async Task SaveAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var key = reference.ConversationType switch
        {
            ConversationTypes.Personal => reference.UserAadObjectId,
            ConversationTypes.Channel => reference.ChannelId,
            ConversationTypes.GroupChat => reference.ConversationId,
            _ => null,
        };
        if (string.IsNullOrEmpty(key))
        {
            return;
        }

        var table = await tables.GetAsync(BotTables.ConversationReferences, cancellationToken).ConfigureAwait(false);
        var entity = new TableEntity(reference.ConversationType, TableKeys.Encode(key))
        {
            ["ServiceUrl"] = reference.ServiceUrl.AbsoluteUri,
            ["ConversationId"] = reference.ConversationId,
            ["TenantId"] = reference.TenantId,
            ["UserAadObjectId"] = reference.UserAadObjectId,
            ["ChannelId"] = reference.ChannelId,
            ["TeamId"] = reference.TeamId,
        };
        await table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    public Task RemovePersonalAsync(string aadObjectId, CancellationToken cancellationToken) =>
        DeleteAsync(ConversationTypes.Personal, aadObjectId, cancellationToken);

    public Task RemoveChannelAsync(string channelId, CancellationToken cancellationToken) =>
        DeleteAsync(ConversationTypes.Channel, channelId, cancellationToken);

    public Task RemoveGroupChatAsync(string conversationId, CancellationToken cancellationToken) =>
        DeleteAsync(ConversationTypes.GroupChat, conversationId, cancellationToken);

    public async Task RemoveTeamAsync(string teamId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.ConversationReferences, cancellationToken).ConfigureAwait(false);
        var rows = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"PartitionKey eq {ConversationTypes.Channel} and TeamId eq {teamId}"),
            select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken);
        await foreach (var row in rows.ConfigureAwait(false))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }

        await DeleteAsync(ConversationTypes.Channel, teamId, cancellationToken).ConfigureAwait(false);
    }

    private async Task<ConversationReference?> FindAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.ConversationReferences, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.Encode(id), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity || !Uri.TryCreate(entity.GetString("ServiceUrl"), UriKind.Absolute, out var serviceUrl))
        {
            return null;
        }

        return new ConversationReference(
            serviceUrl,
            entity.GetString("ConversationId") ?? "",
            entity.GetString("TenantId"),
            partition,
            entity.GetString("UserAadObjectId"),
            entity.GetString("ChannelId"),
            entity.GetString("TeamId"));
    }

    private async Task DeleteAsync(string partition, string id, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.ConversationReferences, cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(partition, TableKeys.Encode(id), ETag.All, cancellationToken).ConfigureAwait(false);
    }
}
