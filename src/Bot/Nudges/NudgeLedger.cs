using System.Globalization;
using System.Net;
using Azure;
using Azure.Data.Tables;
using ScrBot.Bot.Connector;

namespace ScrBot.Bot.Nudges;

/// <summary>What became of an attempt to take the day's sweep.</summary>
public enum SweepClaimState
{
    /// <summary>This instance holds the lease and sweeps.</summary>
    Claimed,

    /// <summary>The day's sweep has finished (here or on another instance).</summary>
    AlreadySwept,

    /// <summary>Another instance holds an unexpired lease for the day.</summary>
    HeldByAnother,
}

/// <summary>The answer to <see cref="NudgeLedger.ClaimSweepAsync"/>.</summary>
public sealed record SweepClaim(SweepClaimState State, SweepLease? Lease, DateTimeOffset? HeldUntil);

/// <summary>The day's sweep, held by one instance until <see cref="ExpiresAt"/>.</summary>
public sealed record SweepLease(DateOnly Day, string Holder, DateTimeOffset ExpiresAt, ETag ETag);

/// <summary>
/// The nudges table (<c>Nudges</c>, after the case store's table prefix). One lease row (PartitionKey <c>lease</c>,
/// RowKey <c>sweep</c>) makes sure one instance sweeps each day: it is taken with its ETag and expires, so a crashed
/// sweep is taken over. One row per message sent (PartitionKey the London date <c>yyyy-MM-dd</c>, RowKey
/// <c>{board}|{reference}|{obligation key}|{recipient}</c>) is added before the message goes out, so each nudge goes
/// at most once a day even when a sweep is run again after a crash. Rows carry case references, obligation codes and
/// Entra object ids (or a channel id) only.
/// </summary>
public sealed class NudgeLedger
{
    public const string TableName = "Nudges";
    private const string LeasePartition = "lease";
    private const string LeaseRow = "sweep";
    private const string Sending = "sending";

    private readonly TableClient _table;
    private readonly object _gate = new();
    private Task? _created;

    public NudgeLedger(TableServiceClient service, string tablePrefix = "")
    {
        ArgumentNullException.ThrowIfNull(service);
        _table = service.GetTableClient(tablePrefix + TableName);
    }

    public string Name => _table.Name;

    private Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_created is null || _created.IsFaulted || _created.IsCanceled)
            {
                _created = _table.CreateIfNotExistsAsync(cancellationToken);
            }

            return _created;
        }
    }

    /// <summary>
    /// Takes the sweep of <paramref name="day"/> for <paramref name="holder"/> until <paramref name="now"/> plus
    /// <paramref name="duration"/>, unless that day's sweep has finished or another holder's lease has not expired.
    /// </summary>
    public async Task<SweepClaim> ClaimSweepAsync(DateOnly day, string holder, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var dayText = Day(day);
        for (var attempt = 0; attempt < 20; attempt++)
        {
            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, LeaseRow, cancellationToken: cancellationToken).ConfigureAwait(false);
            var row = new TableEntity(LeasePartition, LeaseRow)
            {
                ["Day"] = dayText,
                ["Holder"] = holder,
                ["ExpiresAt"] = now + duration,
                ["SweptDay"] = "",
            };
            try
            {
                if (!existing.HasValue || existing.Value is null)
                {
                    var added = await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                    return new SweepClaim(SweepClaimState.Claimed, new SweepLease(day, holder, now + duration, added.Headers.ETag ?? ETag.All), null);
                }

                var current = existing.Value;
                row["SweptDay"] = current.GetString("SweptDay") ?? "";
                if (current.GetString("SweptDay") == dayText)
                {
                    return new SweepClaim(SweepClaimState.AlreadySwept, null, null);
                }

                var expires = current.GetDateTimeOffset("ExpiresAt") ?? DateTimeOffset.MinValue;
                if (current.GetString("Day") == dayText && current.GetString("Holder") != holder && expires > now)
                {
                    return new SweepClaim(SweepClaimState.HeldByAnother, null, expires);
                }

                var replaced = await _table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return new SweepClaim(SweepClaimState.Claimed, new SweepLease(day, holder, now + duration, replaced.Headers.ETag ?? ETag.All), null);
            }
            catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.Conflict or (int)HttpStatusCode.PreconditionFailed)
            {
                // Another instance wrote the lease first: read it again.
            }
        }

        throw new InvalidOperationException("The nudge sweep's lease kept changing; the sweep was not started.");
    }

    /// <summary>Extends the lease; null when another instance has taken it over (this one must stop).</summary>
    public async Task<SweepLease?> RenewAsync(SweepLease lease, DateTimeOffset now, TimeSpan duration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(LeasePartition, LeaseRow)
        {
            ["Day"] = Day(lease.Day),
            ["Holder"] = lease.Holder,
            ["ExpiresAt"] = now + duration,
            ["SweptDay"] = "",
        };
        try
        {
            var response = await _table.UpdateEntityAsync(row, lease.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return lease with { ExpiresAt = now + duration, ETag = response.Headers.ETag ?? ETag.All };
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return null;
        }
    }

    /// <summary>Records that the day's sweep finished; false when another instance had taken the lease over.</summary>
    public async Task<bool> CompleteAsync(SweepLease lease, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lease);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(LeasePartition, LeaseRow)
        {
            ["Day"] = Day(lease.Day),
            ["Holder"] = lease.Holder,
            ["ExpiresAt"] = now,
            ["SweptDay"] = Day(lease.Day),
        };
        try
        {
            await _table.UpdateEntityAsync(row, lease.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    /// <summary>
    /// Records, before it is sent, that <paramref name="nudge"/> goes out on <paramref name="day"/> from
    /// <paramref name="holder"/>'s sweep. False when it was recorded already that day: it must not be sent again —
    /// unless it was left "sending" by another holder's sweep that stopped before it knew the outcome (the instance
    /// was killed): then this sweep takes it over (true) and sends it, so that nothing is lost.
    /// </summary>
    public async Task<bool> TryRecordAsync(DateOnly day, NudgeKey nudge, DateTimeOffset now, CancellationToken cancellationToken, string? holder = null)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(Day(day), nudge.RowKey)
        {
            ["Reference"] = nudge.Reference,
            ["Board"] = nudge.Board,
            ["Obligation"] = nudge.Obligation,
            ["Recipient"] = nudge.Recipient,
            ["RecordedAt"] = now,
            ["Outcome"] = Sending,
            ["Holder"] = holder,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.Conflict)
        {
            if (holder is null)
            {
                return false;
            }

            var existing = await _table.GetEntityIfExistsAsync<TableEntity>(row.PartitionKey, row.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
            if (!existing.HasValue || existing.Value is not { } current || current.GetString("Outcome") != Sending || current.GetString("Holder") == holder)
            {
                return false;
            }

            try
            {
                await _table.UpdateEntityAsync(row, current.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (RequestFailedException lost) when (lost.Status is (int)HttpStatusCode.PreconditionFailed or (int)HttpStatusCode.NotFound)
            {
                return false;
            }
        }
    }

    /// <summary>True when <paramref name="day"/>'s sweep was started (its lease taken) and has not finished.</summary>
    public async Task<bool> IsUnfinishedAsync(DateOnly day, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var lease = await _table.GetEntityIfExistsAsync<TableEntity>(LeasePartition, LeaseRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        return lease.HasValue && lease.Value is { } row && row.GetString("Day") == Day(day) && row.GetString("SweptDay") != Day(day);
    }

    /// <summary>Notes what became of a recorded nudge ("sent" or "undelivered").</summary>
    public async Task MarkAsync(DateOnly day, NudgeKey nudge, string outcome, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(nudge);
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var row = new TableEntity(Day(day), nudge.RowKey) { ["Outcome"] = outcome };
        try
        {
            await _table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge, cancellationToken).ConfigureAwait(false);
        }
        catch (RequestFailedException e) when (e.Status == (int)HttpStatusCode.NotFound)
        {
            // The row was removed in the meantime; what was sent stays sent.
        }
    }

    /// <summary>The nudges recorded on <paramref name="day"/>.</summary>
    public async Task<IReadOnlyList<RecordedNudge>> RecordedOnAsync(DateOnly day, CancellationToken cancellationToken = default)
    {
        await EnsureTableAsync(cancellationToken).ConfigureAwait(false);
        var found = new List<RecordedNudge>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Day(day)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add(new RecordedNudge(
                row.GetString("Reference") ?? "",
                row.GetString("Board") ?? "",
                row.GetString("Obligation") ?? "",
                row.GetString("Recipient") ?? "",
                row.GetString("Outcome") ?? ""));
        }

        return found;
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}

/// <summary>
/// One nudge on one day: a case's obligation (or the board's daily reminder) for one recipient — an Entra object id,
/// or <c>channel:</c> and the channel id.
/// </summary>
public sealed record NudgeKey(string Board, string Reference, string Obligation, string Recipient)
{
    public string RowKey => TableKeys.Encode($"{Board}|{Reference}|{Obligation}|{Recipient}");

    /// <summary>The key kept with an undelivered message, from which the sweep can build the message again.</summary>
    public string ResendKey => $"nudge|{Board}|{Reference}|{Obligation}|{Recipient}";
}

/// <summary>A nudge as the ledger recorded it.</summary>
public sealed record RecordedNudge(string Reference, string Board, string Obligation, string Recipient, string Outcome);
