using Azure;
using Azure.Data.Tables;

namespace ScrBot.Bot.Connector;

/// <summary>Activity ids already handled, so that an activity Teams delivers twice is handled once.</summary>
public interface IHandledActivities
{
    /// <summary>Claims the activity: true the first time, false when it was claimed before (also before a restart).</summary>
    Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Gives a claim back when handling failed, so that a redelivery is handled.</summary>
    Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken);
}

/// <summary>The <c>HandledActivities</c> table: partition = conversation id, row = activity id.</summary>
public sealed class HandledActivitiesTable(BotTables tables, TimeProvider time) : IHandledActivities
{
    public async Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.HandledActivities, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(
                new TableEntity(TableKeys.Encode(conversationId), TableKeys.Encode(activityId)) { ["HandledAt"] = time.GetUtcNow() },
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.HandledActivities, cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(TableKeys.Encode(conversationId), TableKeys.Encode(activityId), ETag.All, cancellationToken).ConfigureAwait(false);
    }
}
