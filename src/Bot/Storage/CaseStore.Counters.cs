using Azure;
using Azure.Data.Tables;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Storage;

/// <summary>
/// Case numbering: one sequence per year for the whole deployment, so that a reference (<c>SCR-2026-0007</c>) names
/// one case whichever board it belongs to. The counter is one row in <c>CaseCounters</c> (PartitionKey
/// <see cref="DeploymentPartition"/>, RowKey the year, <c>Last</c> = the last number given out), advanced with ETag
/// optimistic concurrency so two referrals never get the same number. A deployment that numbered per board before
/// (PartitionKey the board) starts its sequence after the highest number any board gave out that year, so every
/// existing reference keeps naming its case.
/// </summary>
public sealed partial class CaseStore
{
    /// <summary>The counter rows' partition for the deployment-wide sequence ('*' cannot be a board's id).</summary>
    internal const string DeploymentPartition = "*";

    private const int MaxCaseNumber = 9999;

    private async Task<int?> PeekNextNumberAsync(int year, CancellationToken cancellationToken)
    {
        var next = await LastNumberAsync(year, cancellationToken).ConfigureAwait(false) + 1;
        return next > MaxCaseNumber ? null : next;
    }

    /// <summary>The last number given out this year: the deployment's counter, or the highest per-board one before it.</summary>
    private async Task<int> LastNumberAsync(int year, CancellationToken cancellationToken)
    {
        var row = await _counters.GetEntityIfExistsAsync<TableEntity>(DeploymentPartition, TableKeys.Year(year), cancellationToken: cancellationToken)
            .ConfigureAwait(false);
        return row.HasValue ? row.Value!.GetInt32("Last") ?? 0 : await HighestPerBoardNumberAsync(year, cancellationToken).ConfigureAwait(false);
    }

    private async Task<int> HighestPerBoardNumberAsync(int year, CancellationToken cancellationToken)
    {
        var highest = 0;
        var filter = TableClient.CreateQueryFilter($"RowKey eq {TableKeys.Year(year)}");
        await foreach (var row in _counters.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            highest = Math.Max(highest, row.GetInt32("Last") ?? 0);
        }

        return highest;
    }

    private async Task<int?> AllocateNumberAsync(BoardId board, int year, CancellationToken cancellationToken)
    {
        var row = TableKeys.Year(year);
        for (var round = 1; ; round++)
        {
            var current = await _counters.GetEntityIfExistsAsync<TableEntity>(DeploymentPartition, row, cancellationToken: cancellationToken).ConfigureAwait(false);
            var last = current.HasValue
                ? current.Value!.GetInt32("Last") ?? 0
                : await HighestPerBoardNumberAsync(year, cancellationToken).ConfigureAwait(false);
            if (last >= MaxCaseNumber)
            {
                return null;
            }

            var counter = new TableEntity(DeploymentPartition, row)
            {
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
