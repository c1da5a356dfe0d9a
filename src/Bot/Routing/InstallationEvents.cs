using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Routing;

/// <summary>
/// Keeps where people and channels can be reached: on <c>installationUpdate</c> and <c>conversationUpdate</c> in a
/// personal chat, a team or a group chat it stores the serviceUrl, tenant, conversation id and the user's aadObjectId
/// or the channel id; on uninstall (action remove, or the bot in membersRemoved) it forgets them.
/// </summary>
public sealed class InstallationEvents(IConversationReferences references, ILogger<InstallationEvents> logger)
{
    private readonly ConcurrentDictionary<string, ConversationReference> _lastKept = new(StringComparer.Ordinal);

    /// <summary>What happened, so that the router can greet a new user.</summary>
    public enum Change
    {
        None,
        Installed,
        Removed,
    }

    public async Task<Change> HandleAsync(Activity activity, CancellationToken cancellationToken)
    {
        var reference = ConversationReference.FromActivity(activity);
        if (reference is null)
        {
            return Change.None;
        }

        var botId = activity.Recipient?.Id;
        bool installed, removed;
        if (activity.Type == ActivityTypes.InstallationUpdate)
        {
            installed = activity.Action?.StartsWith("add", StringComparison.OrdinalIgnoreCase) == true;
            removed = activity.Action?.StartsWith("remove", StringComparison.OrdinalIgnoreCase) == true;
        }
        else
        {
            installed = botId is not null && activity.MembersAdded?.Any(m => m?.Id == botId) == true;
            removed = (botId is not null && activity.MembersRemoved?.Any(m => m?.Id == botId) == true)
                      || activity.ChannelData?.EventType == "teamDeleted";
        }

        var eventType = activity.ChannelData?.EventType;
        if (!installed && !removed && reference.ConversationType == ConversationTypes.Channel && reference.TeamId is not null)
        {
            if (eventType is "channelCreated" or "channelRestored" && activity.ChannelData?.Channel?.Id is { } created)
            {
                await KeepAsync(reference with { ChannelId = created, ConversationId = created }, cancellationToken).ConfigureAwait(false);
            }
            else if (eventType == "channelDeleted" && activity.ChannelData?.Channel?.Id is { } deleted)
            {
                await references.RemoveChannelAsync(deleted, cancellationToken).ConfigureAwait(false);
                logger.LogInformation("Forgot a deleted channel of team {TeamId}", reference.TeamId);
            }

            return Change.None;
        }

        if (installed)
        {
            if (reference.ConversationType == ConversationTypes.Channel && reference.TeamId is { } teamId)
            {
                // The team itself: its General channel's id is the team id; the channel installed into is kept too.
                await KeepAsync(reference with { ChannelId = teamId, ConversationId = teamId }, cancellationToken).ConfigureAwait(false);
            }

            await KeepAsync(reference, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Installed in a {ConversationType} conversation {ConversationId}", reference.ConversationType, reference.ConversationId);
            return Change.Installed;
        }

        if (removed)
        {
            await ForgetAsync(reference, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Removed from a {ConversationType} conversation {ConversationId}", reference.ConversationType, reference.ConversationId);
            return Change.Removed;
        }

        return Change.None;
    }

    /// <summary>Keeps a personal chat's reference fresh from any message in it (the serviceUrl can change).</summary>
    public Task RememberPersonalAsync(Activity activity, CancellationToken cancellationToken)
    {
        var reference = ConversationReference.FromActivity(activity);
        return reference is { ConversationType: ConversationTypes.Personal, UserAadObjectId: not null }
            ? KeepAsync(reference, cancellationToken)
            : Task.CompletedTask;
    }

    private async Task KeepAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        var key = reference.ConversationType + "|" + (reference.UserAadObjectId ?? reference.ChannelId ?? reference.ConversationId);
        if (_lastKept.TryGetValue(key, out var kept) && kept == reference)
        {
            return;
        }

        await references.SaveAsync(reference, cancellationToken).ConfigureAwait(false);
        _lastKept[key] = reference;
    }

    private async Task ForgetAsync(ConversationReference reference, CancellationToken cancellationToken)
    {
        switch (reference.ConversationType)
        {
            case ConversationTypes.Personal when reference.UserAadObjectId is { } user:
                await references.RemovePersonalAsync(user, cancellationToken).ConfigureAwait(false);
                break;
            case ConversationTypes.Channel when reference.TeamId is { } team:
                await references.RemoveTeamAsync(team, cancellationToken).ConfigureAwait(false);
                break;
            case ConversationTypes.Channel:
                await references.RemoveChannelAsync(reference.ChannelId ?? reference.ConversationId, cancellationToken).ConfigureAwait(false);
                break;
            case ConversationTypes.GroupChat:
                await references.RemoveGroupChatAsync(reference.ConversationId, cancellationToken).ConfigureAwait(false);
                break;
        }

        foreach (var key in _lastKept.Where(p => p.Value.ConversationId == reference.ConversationId || (reference.TeamId is not null && p.Value.TeamId == reference.TeamId)).Select(p => p.Key).ToList())
        {
            _lastKept.TryRemove(key, out _);
        }
    }
}
