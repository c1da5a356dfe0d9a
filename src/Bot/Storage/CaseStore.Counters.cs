using Azure;
using Azure.Data.Tables;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Storage;

/// <summary>
/// Case numbering: one counter row per board and year in <c>CaseCounters</c> (PartitionKey board, RowKey year,
/// <c>Last</c> = the last number given out), advanced with ETag optimistic concurrency so two referrals never get
/// the same number.
/// </summary>
public sealed partial class CaseStore
{
    private const int MaxCaseNumber = 9999;

    private async Task<int?> PeekNextNumberAsync(BoardId board, int year, CancellationToken cancellationToken)
    {
        var row = await _counters.GetEntityIfExistsAsync<TableEntity>(TableKeys.Board(board), TableKeys.Year(year), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        var next = (row.HasValue ? row.Value!.GetInt32("Last") ?? 0 : 0) + 1;
        return next > MaxCaseNumber ? null : next;
    }

    private async Task<int?> AllocateNumberAsync(BoardId board, int year, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Board(board);
        var row = TableKeys.Year(year);
        for (var round = 1; ; round++)
        {
            var current = await _counters.GetEntityIfExistsAsync<TableEntity>(partition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            var last = current.HasValue ? current.Value!.GetInt32("Last") ?? 0 : 0;
            if (last >= MaxCaseNumber)
            {
                return null;
            }

            var counter = new TableEntity(partition, row)
            {
                ["Board"] = board.Value,
                ["Year"] = year,
                ["Last"] = last + 1,
            };
            try
            {
                if (current.HasValue)
                {
                    await _counters.UpdateEntityAsync(counter, current.Value!.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                }
                else
                {
                    await _counters.AddEntityAsync(counter, cancellationToken).ConfigureAwait(false);
                }

                return last + 1;
            }
            catch (RequestFailedException failure) when (IsLostRace(failure))
            {
                if (round >= _options.MaxAttempts)
                {
                    throw new CaseStoreContentionException(
                        $"Board {board} could not number a new case for {year}: too many referrals at once. Please try again.");
                }

                await BackoffAsync(round, cancellationToken).ConfigureAwait(false);
            }
        }
    }
}
