using System.Globalization;
using Azure;
using Azure.Data.Tables;

namespace ScrBot.Bot.Connector;

/// <summary>
/// A message the sender finally could not deliver. It holds no message content (a card can carry a child's
/// details, which live in the case partition only): the feature that sent it rebuilds the message from its own
/// state, found by <see cref="ResendKey"/>, when it is to be sent again.
/// </summary>
public sealed record UndeliveredMessage(
    string ConversationId,
    string Operation,
    string? ActivityType,
    string Reason,
    DateTimeOffset FailedAt,
    int Attempts,
    string? ResendKey,
    string? ServiceUrl);

/// <summary>Where undelivered messages are kept and listed.</summary>
public interface IUndeliveredMessages
{
    Task RecordAsync(UndeliveredMessage message, CancellationToken cancellationToken);

    /// <summary>Undelivered messages, oldest first; from the given time on when one is given.</summary>
    Task<IReadOnlyList<UndeliveredMessage>> ListAsync(DateTimeOffset? since, CancellationToken cancellationToken);
}

/// <summary>
/// The <c>UndeliveredMessages</c> table: one partition per UTC day (<c>yyyyMMdd</c>), rows ordered by time.
/// </summary>
public sealed class UndeliveredMessagesTable(BotTables tables) : IUndeliveredMessages
{
    public async Task RecordAsync(UndeliveredMessage message, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.UndeliveredMessages, cancellationToken).ConfigureAwait(false);
        var at = message.FailedAt.ToUniversalTime();
        var entity = new TableEntity(
            at.ToString("yyyyMMdd", CultureInfo.InvariantCulture),
            at.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"))
        {
            ["ConversationId"] = message.ConversationId,
            ["Operation"] = message.Operation,
            ["ActivityType"] = message.ActivityType,
            ["Reason"] = message.Reason,
            ["FailedAt"] = at,
            ["Attempts"] = message.Attempts,
            ["ResendKey"] = message.ResendKey,
            ["ServiceUrl"] = message.ServiceUrl,
        };
        await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<UndeliveredMessage>> ListAsync(DateTimeOffset? since, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(BotTables.UndeliveredMessages, cancellationToken).ConfigureAwait(false);
        AsyncPageable<TableEntity> rows = since is { } from
            ? table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey ge {from.ToUniversalTime().ToString("yyyyMMdd", CultureInfo.InvariantCulture)}"),
                cancellationToken: cancellationToken)
            : table.QueryAsync<TableEntity>(cancellationToken: cancellationToken);

        var list = new List<UndeliveredMessage>();
        await foreach (var row in rows.ConfigureAwait(false))
        {
            var message = new UndeliveredMessage(
                row.GetString("ConversationId") ?? "",
                row.GetString("Operation") ?? "",
                row.GetString("ActivityType"),
                row.GetString("Reason") ?? "",
                row.GetDateTimeOffset("FailedAt") ?? DateTimeOffset.MinValue,
                row.GetInt32("Attempts") ?? 0,
                row.GetString("ResendKey"),
                row.GetString("ServiceUrl"));
            if (since is null || message.FailedAt >= since)
            {
                list.Add(message);
            }
        }

        return list.OrderBy(m => m.FailedAt).ToList();
    }
}
