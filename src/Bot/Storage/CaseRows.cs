using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Storage;

/// <summary>The rows of a case partition: one per fact, the snapshot, and the record of the case's index rows.</summary>
internal static class CaseRows
{
    public const string JsonColumn = "Json";

    /// <summary>Text per entity: 15 parts of 64,000 bytes stay under the 1 MiB entity limit with room for the other properties.</summary>
    public const int MaxEntityText = 15 * TextColumns.PartLength;

    /// <summary>
    /// Text per transaction. The limit is 4 MiB of request body, where JSON escaping can make a stored character
    /// take up to six bytes.
    /// </summary>
    public const int MaxTransactionText = 600_000;

    /// <summary>Operations per entity-group transaction.</summary>
    public const int MaxTransactionOperations = 100;

    public static TableEntity Fact(string partition, int version, CaseEvent fact, string json)
    {
        var entity = new TableEntity(partition, TableKeys.Fact(version))
        {
            ["Version"] = version,
            ["Type"] = fact.GetType().Name,
            ["At"] = fact.At,
        };
        TextColumns.Write(entity, JsonColumn, json);
        return entity;
    }

    public static TableEntity Snapshot(string partition, CaseState state, string json)
    {
        var entity = new TableEntity(partition, TableKeys.SnapshotRow)
        {
            ["Version"] = state.Version,
        };
        TextColumns.Write(entity, JsonColumn, json);
        return entity;
    }

    public static CaseEvent ReadFact(TableEntity entity) => CaseJson.DeserializeFact(TextColumns.Read(entity, JsonColumn));

    public static CaseState ReadSnapshot(TableEntity entity) => CaseJson.DeserializeState(TextColumns.Read(entity, JsonColumn));

    public static TableEntity IndexRecord(string partition, IndexRecord record)
    {
        var entity = new TableEntity(partition, TableKeys.IndexRecordRow)
        {
            ["Version"] = record.Version,
            ["Pending"] = record.Pending,
        };
        var keys = record.Keys.Select(k => new[] { k.PartitionKey, k.RowKey }).ToList();
        TextColumns.Write(entity, "Keys", JsonSerializer.Serialize(keys));
        return entity;
    }

    public static IndexRecord ReadIndexRecord(TableEntity entity)
    {
        var keys = JsonSerializer.Deserialize<List<string[]>>(TextColumns.Read(entity, "Keys")) ?? [];
        return new IndexRecord(
            [.. keys.Where(k => k.Length == 2).Select(k => new IndexKey(k[0], k[1]))],
            entity.GetInt32("Version") ?? 0,
            entity.GetBoolean("Pending") ?? true,
            entity.ETag);
    }
}

/// <summary>The key of a row outside the case partition that belongs to the case.</summary>
internal readonly record struct IndexKey(string PartitionKey, string RowKey);

/// <summary>
/// Which obligation rows the case may have in the obligations index (a superset while a refresh is under way), the
/// case version they reflect, and whether a refresh is under way.
/// </summary>
internal sealed record IndexRecord(IReadOnlyList<IndexKey> Keys, int Version, bool Pending, ETag ETag);
