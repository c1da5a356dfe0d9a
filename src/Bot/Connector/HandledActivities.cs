using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ScrBot.Bot.Connector;

/// <summary>Activity ids already handled, so that an activity Teams delivers twice is handled once.</summary>
public interface IHandledActivities
{
    /// <summary>Claims the activity: true the first time, false when it was claimed before (also before a restart).</summary>
    Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Gives a claim back when handling failed, so that a redelivery is handled.</summary>
    Task ReleaseAsync(string conversationId, string activityId, CancellationToken cancellationToken);

    /// <summary>Forgets the claims made before <paramref name="before"/>; answers how many were forgotten.</summary>
    Task<int> ForgetBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken);
}

/// <summary>The <c>HandledActivities</c> table: partition = conversation id, row = activity id, with when it was claimed.</summary>
public sealed class HandledActivitiesTable(BotTables tables, TimeProvider time) : IHandledActivities
{
    private const string HandledAt = "HandledAt";

    public async Task<bool> TryClaimAsync(string conversationId, string activityId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.HandledActivities, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(
                new TableEntity(TableKeys.Encode(conversationId), TableKeys.Encode(activityId)) { [HandledAt] = time.GetUtcNow() },
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

    public async Task<int> ForgetBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.HandledActivities, cancellationToken).ConfigureAwait(false);
        var old = table.QueryAsync<TableEntity>(
            TableClient.CreateQueryFilter($"HandledAt lt {before}"),
            select: ["PartitionKey", "RowKey"],
            cancellationToken: cancellationToken);
        var forgotten = 0;
        await foreach (var row in old.ConfigureAwait(false))
        {
            await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
            forgotten++;
        }

        return forgotten;
    }
}

/// <summary>
/// Keeps the <c>HandledActivities</c> table small: once at start-up and then every day (on the host's
/// <see cref="TimeProvider"/>), claims older than <see cref="KeepFor"/> are deleted. Teams redelivers an activity
/// within minutes, so a week is ample. The table is reached only once the host runs, so that settings are checked
/// (and a malformed one reported) by <see cref="Hosting.StartupCheck"/> first.
/// </summary>
public sealed class HandledActivitiesCleanup(IServiceProvider services, TimeProvider time, ILogger<HandledActivitiesCleanup> logger)
    : BackgroundService
{
    public static readonly TimeSpan KeepFor = TimeSpan.FromDays(7);
    public static readonly TimeSpan Every = TimeSpan.FromDays(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Every, time);
        do
        {
            await SweepAsync(stoppingToken).ConfigureAwait(false);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    /// <summary>Deletes the claims older than <see cref="KeepFor"/>; a failure is logged and tried again next time.</summary>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        try
        {
            var handled = services.GetRequiredService<IHandledActivities>();
            var forgotten = await handled.ForgetBeforeAsync(time.GetUtcNow() - KeepFor, cancellationToken).ConfigureAwait(false);
            logger.LogInformation("Forgot {Count} handled activity ids older than {Days} days", forgotten, KeepFor.TotalDays);
            return forgotten;
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(e, "Could not forget old handled activity ids; trying again in {Every}", Every);
            return 0;
        }
    }
}
