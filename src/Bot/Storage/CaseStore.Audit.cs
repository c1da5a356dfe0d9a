using System.Globalization;
using Azure.Data.Tables;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Storage;

/// <summary>
/// Refused looks at a case: anyone can type <c>case</c> and a reference, so a refused look must cost little. It is
/// kept as one audit row in the case's partition (<c>audit-…</c>), beside the facts but not among them: the
/// snapshot, the case index and the obligation rows are not rewritten, and loading the case does not read them.
/// </summary>
public sealed partial class CaseStore
{
    private const string AuditPrefix = "audit-";

    /// <summary>
    /// Keeps a refused look (who, when, what, the refusal's words) as one row in the case's partition; nothing else
    /// is written. False when there is no such case (nothing is kept then).
    /// </summary>
    public async Task<bool> RecordRefusedLookAsync(
        BoardId board, CaseReference reference, string attempt, Actor actor, Outcome refusal, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var partition = TableKeys.Case(board, reference);
        var snapshot = await _cases.GetEntityIfExistsAsync<TableEntity>(partition, TableKeys.SnapshotRow, ["Version"], cancellationToken).ConfigureAwait(false);
        if (!snapshot.HasValue)
        {
            return false;
        }

        var audit = AttemptRefused.Of(attempt, refusal, actor, _time.GetUtcNow());
        var row = new TableEntity(partition, AuditPrefix + audit.At.UtcTicks.ToString("D19", CultureInfo.InvariantCulture) + "-" + Guid.NewGuid().ToString("N"))
        {
            ["Type"] = nameof(AttemptRefused),
            ["At"] = audit.At,
        };
        TextColumns.Write(row, CaseRows.JsonColumn, CaseJson.Serialize(audit));
        await _cases.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The case's audit trail of refused attempts, oldest first: refused commands (facts) and refused looks.</summary>
    public async Task<IReadOnlyList<AttemptRefused>> RefusedAttemptsAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var partition = TableKeys.Case(board, reference);
        var refused = new List<AttemptRefused>();
        await foreach (var row in _cases.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {partition}"), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if ((row.RowKey.StartsWith(AuditPrefix, StringComparison.Ordinal) || row.RowKey.StartsWith(TableKeys.FactPrefix, StringComparison.Ordinal))
                && row.GetString("Type") == nameof(AttemptRefused)
                && CaseJson.DeserializeFact(TextColumns.Read(row, CaseRows.JsonColumn)) is AttemptRefused audit)
            {
                refused.Add(audit);
            }
        }

        return [.. refused.OrderBy(r => r.At)];
    }

    /// <summary>The rows <see cref="LoadCoreAsync"/> reads: facts (<c>f…</c>), the index record and the snapshot, not the audit rows.</summary>
    private static string CaseRowsFilter(string partition) =>
        TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey ge {TableKeys.FactPrefix}");
}
