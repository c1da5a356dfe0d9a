using System.Globalization;
using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Storage;

/// <summary>
/// The indexes across cases, each keyed for its query and carrying case references only:
/// <list type="bullet">
/// <item><c>CaseIndex</c>: PartitionKey the lead board, RowKey the reference (and <c>|{board it is kept on}</c> for a
/// case handed over from another board); the stage and dates (the cases a board leads). A case handed to another board
/// moves to that board's partition.</item>
/// <item><c>CaseLookup</c>: PartitionKey reference, RowKey board (which boards have a case with this reference).</item>
/// <item><c>Obligations</c>: PartitionKey the due date <c>yyyy-MM-dd</c>, RowKey <c>{board kept on}|{reference}|{obligation key}</c>;
/// <c>Board</c> is the lead board, whose people the obligations are nudged to.</item>
/// </list>
/// After every write to a case its index rows are refreshed from its state and facts. The case partition keeps a
/// record (RowKey <c>index</c>) of the obligation rows the case may have, so stale ones can be found and deleted
/// without reading the whole index. A refresh first claims that record with its ETag (adding the keys it is about
/// to write), then writes and deletes, then shrinks the record to the current keys with the claim's ETag. A refresh
/// whose final step loses to another refresh does its work again from the latest facts, so a slow refresh cannot
/// leave its older rows behind.
/// </summary>
public sealed partial class CaseStore
{
    /// <summary>
    /// Recomputes the case's index rows from its facts (not its snapshot) and repairs the indexes: writes the case
    /// index and lookup rows and the current obligation rows, and deletes every other obligation row of the case,
    /// including rows the case's index record no longer knows of. Returns false when there is no such case.
    /// </summary>
    public async Task<bool> RebuildIndexAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var loaded = await LoadCoreAsync(board, reference, cancellationToken).ConfigureAwait(false);
        if (loaded is null)
        {
            return false;
        }

        await WriteLookupAsync(board, reference, cancellationToken).ConfigureAwait(false);
        return await RefreshCoreAsync(board, reference, loaded, rebuild: true, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The boards that have a case with this reference (one, as references are numbered across the deployment; a deployment that numbered per board before may have two).</summary>
    public async Task<IReadOnlyList<BoardId>> FindBoardsForReferenceAsync(CaseReference reference, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var boards = new List<BoardId>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {reference.Value}");
        await foreach (var row in _caseLookup.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (row.GetString("Board") is { Length: > 0 } board)
            {
                boards.Add(new BoardId(board));
            }
        }

        return boards;
    }

    /// <summary>The cases one board leads (those handed to it included, those it handed on not), by reference.</summary>
    public async Task<IReadOnlyList<CaseIndexEntry>> CasesOnBoardAsync(BoardId board, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var cases = new List<CaseIndexEntry>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableKeys.Board(board)}");
        await foreach (var row in _caseIndex.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            cases.Add(new CaseIndexEntry(
                new BoardId(row.GetString("Board") ?? board.Value),
                CaseReference.Parse(row.GetString("Reference") ?? row.RowKey),
                Enum.TryParse<Stage>(row.GetString("Stage"), out var stage) ? stage : Stage.Referral,
                row.GetDateTimeOffset("ReferredAt"),
                row.GetDateTimeOffset("UpdatedAt"),
                row.GetInt32("Version") ?? 0)
            {
                KeptOn = row.GetString("Home") is { Length: > 0 } home ? new BoardId(home) : board,
            });
        }

        return cases;
    }

    /// <summary>
    /// The cases with this reference that <paramref name="lead"/> leads now: the one it was referred to or handed, and,
    /// where boards numbered their own cases before, another board's case with the same reference handed to it.
    /// </summary>
    public async Task<IReadOnlyList<StoredCase>> CasesLedByAsync(BoardId lead, CaseReference reference, CancellationToken cancellationToken = default)
    {
        var led = new List<StoredCase>();
        foreach (var keptOn in await FindBoardsForReferenceAsync(reference, cancellationToken).ConfigureAwait(false))
        {
            if (await LoadAsync(keptOn, reference, cancellationToken).ConfigureAwait(false) is { } stored && stored.State.LeadBoard == lead)
            {
                led.Add(stored);
            }
        }

        return led;
    }

    /// <summary>
    /// Every indexed obligation due on or before <paramref name="day"/>, overdue ones included, soonest first. One
    /// range query, <c>PartitionKey le 'yyyy-MM-dd'</c>: the due dates sort as text in date order, so the service
    /// reads the partitions up to that day and none after it.
    /// </summary>
    public async Task<IReadOnlyList<ObligationIndexEntry>> DueOnOrBeforeAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey le {TableKeys.Day(day)}");
        return await QueryObligationsAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The indexed obligations due from <paramref name="from"/> to <paramref name="to"/>, both included.</summary>
    public async Task<IReadOnlyList<ObligationIndexEntry>> DueBetweenAsync(DateOnly from, DateOnly to, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"PartitionKey ge {TableKeys.Day(from)} and PartitionKey le {TableKeys.Day(to)}");
        return await QueryObligationsAsync(filter, cancellationToken).ConfigureAwait(false);
    }

    private async Task<IReadOnlyList<ObligationIndexEntry>> QueryObligationsAsync(string filter, CancellationToken cancellationToken)
    {
        var found = new List<ObligationIndexEntry>();
        await foreach (var row in _obligations.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(new ObligationIndexEntry(
                CaseReference.Parse(row.GetString("Reference") ?? ""),
                new BoardId(row.GetString("Board") ?? ""),
                Enum.Parse<ObligationCode>(row.GetString("Code") ?? ""),
                row.GetString("Key") ?? "",
                Enum.Parse<Role>(row.GetString("OwnerRole") ?? ""),
                row.GetString("OwnerAgency") is { Length: > 0 } agency ? new AgencyId(agency) : null,
                DateOnly.ParseExact(row.PartitionKey, "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Enum.Parse<ObligationStatus>(row.GetString("Status") ?? "")));
        }

        return [.. found
            .OrderBy(o => o.DueOn)
            .ThenBy(o => o.Board.Value, StringComparer.Ordinal)
            .ThenBy(o => o.Case.Year)
            .ThenBy(o => o.Case.Number)
            .ThenBy(o => o.Code)
            .ThenBy(o => o.Key, StringComparer.Ordinal)];
    }

    private async Task WriteLookupAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var row = new TableEntity(reference.Value, TableKeys.Board(board))
        {
            ["Reference"] = reference.Value,
            ["Board"] = board.Value,
        };
        await _caseLookup.UpsertEntityAsync(row, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Refreshes the index rows after a write; a failure leaves them for the next write or a rebuild.</summary>
    private async Task<bool> RefreshIndexesAsync(
        BoardId board,
        CaseReference reference,
        LoadedCase written,
        bool rebuild,
        CancellationToken cancellationToken)
    {
        try
        {
            return await RefreshCoreAsync(board, reference, written, rebuild, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException failure)
        {
            LogIndexFailed(failure, reference.Value, board.Value);
            return false;
        }
    }

    private async Task<bool> RefreshCoreAsync(
        BoardId board,
        CaseReference reference,
        LoadedCase? known,
        bool rebuild,
        CancellationToken cancellationToken)
    {
        var partition = TableKeys.Case(board, reference);
        var mayBeCurrent = !rebuild;
        for (var round = 1; round <= _options.MaxAttempts; round++)
        {
            var loaded = known ?? await LoadCoreAsync(board, reference, cancellationToken).ConfigureAwait(false);
            known = null;
            if (loaded is null)
            {
                return false;
            }

            var record = loaded.IndexRecord;
            var version = loaded.Case.State.Version;
            if (mayBeCurrent && record is { Pending: false } && record.Version >= version)
            {
                return true;
            }

            var state = rebuild ? CaseState.Fold(loaded.Case.Facts) : loaded.Case.State;
            var rows = ObligationRows(board, reference, state, loaded.Case.Facts);
            var current = rows.Select(r => new IndexKey(r.PartitionKey, r.RowKey)).ToHashSet();
            var previous = record?.Keys ?? [];
            var claim = await TryWriteRecordAsync(
                partition, new IndexRecord([.. previous.Union(current)], version, Pending: true, default), record?.ETag, cancellationToken)
                .ConfigureAwait(false);
            if (claim is null)
            {
                await BackoffAsync(round, cancellationToken).ConfigureAwait(false);
                continue;
            }

            mayBeCurrent = false;
            await _caseIndex.UpsertEntityAsync(CaseIndexRow(board, reference, state, loaded.Case.Facts), TableUpdateMode.Replace, cancellationToken)
                .ConfigureAwait(false);
            await DeleteFormerCaseIndexRowsAsync(board, reference, state, loaded.Case.Facts, cancellationToken).ConfigureAwait(false);
            await UpsertObligationsAsync(rows, cancellationToken).ConfigureAwait(false);

            var stale = new HashSet<IndexKey>(previous);
            if (rebuild)
            {
                stale.UnionWith(await ObligationKeysInIndexAsync(board, reference, cancellationToken).ConfigureAwait(false));
            }

            stale.ExceptWith(current);
            foreach (var key in stale)
            {
                await DeleteIfPresentAsync(_obligations, key, cancellationToken).ConfigureAwait(false);
            }

            var done = await TryWriteRecordAsync(partition, new IndexRecord([.. current], version, Pending: false, default), claim, cancellationToken)
                .ConfigureAwait(false);
            if (done is not null)
            {
                return true;
            }

            // Another refresh claimed the record while this one was writing: do it again from the latest facts.
            await BackoffAsync(round, cancellationToken).ConfigureAwait(false);
        }

        LogIndexContention(reference.Value, board.Value);
        return false;
    }

    /// <summary>Writes the index record if its ETag still matches (adds it when there was none); null when another refresh came first.</summary>
    private async Task<ETag?> TryWriteRecordAsync(string partition, IndexRecord record, ETag? ifMatch, CancellationToken cancellationToken)
    {
        var entity = CaseRows.IndexRecord(partition, record);
        try
        {
            var response = ifMatch is { } etag
                ? await _cases.UpdateEntityAsync(entity, etag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await _cases.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return response.Headers.ETag;
        }
        catch (RequestFailedException failure) when (IsLostRace(failure))
        {
            return null;
        }
    }

    private List<TableEntity> ObligationRows(BoardId board, CaseReference reference, CaseState state, IReadOnlyList<CaseEvent> facts)
    {
        var rows = new Dictionary<string, TableEntity>(StringComparer.Ordinal);
        foreach (var obligation in _obligationSource.For(state, facts))
        {
            if (obligation.Case != reference || obligation.Board != state.LeadBoard)
            {
                throw new InvalidOperationException(
                    $"The obligations of case {reference} led by board {state.LeadBoard} included one for {obligation.Case} on board {obligation.Board}.");
            }

            var rowKey = TableKeys.Obligation(board, reference, obligation.Key);
            var partition = TableKeys.Day(obligation.DueOn);
            var row = new TableEntity(partition, rowKey)
            {
                ["Reference"] = reference.Value,
                ["Board"] = state.LeadBoard.Value,
                ["Home"] = board.Value,
                ["Code"] = obligation.Code.ToString(),
                ["Key"] = obligation.Key,
                ["OwnerRole"] = obligation.OwnerRole.ToString(),
                ["Due"] = partition,
                ["Status"] = obligation.Status.ToString(),
                ["CaseVersion"] = state.Version,
            };
            if (obligation.OwnerAgency is { } agency)
            {
                row["OwnerAgency"] = agency.Value;
            }

            if (!rows.TryAdd(rowKey, row))
            {
                throw new InvalidOperationException(
                    $"Case {reference} has two obligations with the same key '{obligation.Key}'.");
            }
        }

        return [.. rows.Values];
    }

    /// <summary>
    /// The case's row in the lead board's partition of <c>CaseIndex</c>. <paramref name="board"/> is the board the case
    /// is kept on (its partition of <c>Cases</c>), which is the lead board unless the case was handed over.
    /// </summary>
    private static TableEntity CaseIndexRow(BoardId board, CaseReference reference, CaseState state, IReadOnlyList<CaseEvent> facts)
    {
        var lead = state.LeadBoard.Value is { Length: > 0 } ? state.LeadBoard : board;
        var key = CaseIndexKey(lead, reference, board);
        var row = new TableEntity(key.PartitionKey, key.RowKey)
        {
            ["Reference"] = reference.Value,
            ["Board"] = lead.Value,
            ["Home"] = board.Value,
            ["Stage"] = state.Stage.ToString(),
            ["Version"] = state.Version,
        };
        if (state.ReferredAt is { } referred)
        {
            row["ReferredAt"] = referred;
        }

        if (facts.Count > 0)
        {
            row["UpdatedAt"] = facts[^1].At;
        }

        return row;
    }

    /// <summary>
    /// The key of a case's row in <c>CaseIndex</c> under <paramref name="lead"/>: the reference alone on the board it is
    /// kept on (as every case had before hand-overs), the reference and that board on a board it was handed to (where
    /// a case numbered per board before may have the same reference).
    /// </summary>
    private static IndexKey CaseIndexKey(BoardId lead, CaseReference reference, BoardId keptOn) =>
        new(TableKeys.Board(lead), lead == keptOn ? reference.Value : $"{reference.Value}{TableKeys.Separator}{TableKeys.Board(keptOn)}");

    /// <summary>
    /// Deletes the case's <c>CaseIndex</c> rows under the boards that no longer lead it (the board it is kept on, and
    /// every board it was handed to or from), after its row under the lead board was written: nothing is lost between
    /// the two, and nothing is left behind.
    /// </summary>
    private async Task DeleteFormerCaseIndexRowsAsync(BoardId keptOn, CaseReference reference, CaseState state, IReadOnlyList<CaseEvent> facts, CancellationToken cancellationToken)
    {
        var boards = facts.OfType<LeadBoardHandedOver>().SelectMany(h => new[] { h.From, h.To }).Append(keptOn).Distinct();
        foreach (var former in boards.Where(b => b != state.LeadBoard && b.Value is { Length: > 0 }))
        {
            await DeleteIfPresentAsync(_caseIndex, CaseIndexKey(former, reference, keptOn), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Upserts obligation rows, one transaction per due date (at most 100 rows each).</summary>
    private async Task UpsertObligationsAsync(IReadOnlyList<TableEntity> rows, CancellationToken cancellationToken)
    {
        foreach (var day in rows.GroupBy(r => r.PartitionKey, StringComparer.Ordinal))
        {
            foreach (var chunk in day.Chunk(CaseRows.MaxTransactionOperations))
            {
                var actions = chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r));
                await _obligations.SubmitTransactionAsync(actions, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Every obligation row of the case, found by its RowKey prefix across all due dates (a scan, for rebuilds).</summary>
    private async Task<IReadOnlyList<IndexKey>> ObligationKeysInIndexAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var prefix = TableKeys.CaseObligationPrefix(board, reference);
        var filter = TableClient.CreateQueryFilter($"RowKey ge {prefix} and RowKey lt {TableKeys.PrefixEnd(prefix)}");
        var keys = new List<IndexKey>();
        await foreach (var row in _obligations.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken)
                           .ConfigureAwait(false))
        {
            keys.Add(new IndexKey(row.PartitionKey, row.RowKey));
        }

        return keys;
    }

    private static async Task DeleteIfPresentAsync(TableClient table, IndexKey key, CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(key.PartitionKey, key.RowKey, ETag.All, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException failure) when (failure.Status == 404)
        {
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "The indexes of case {Reference} on board {Board} could not be refreshed; the next write or a rebuild repairs them.")]
    private partial void LogIndexFailed(Exception failure, string reference, string board);

    [LoggerMessage(Level = LogLevel.Warning, Message = "The indexes of case {Reference} on board {Board} kept changing during a refresh; the next write or a rebuild repairs them.")]
    private partial void LogIndexContention(string reference, string board);
}
