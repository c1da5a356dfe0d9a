using Azure;
using Azure.Data.Tables;
using ScrBot.Bot.Storage;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Referral;

/// <summary>
/// What triage has done for one case, held while one host is at it: the Chairs and Board Managers whose message was
/// delivered (by role and Entra object id), whether the board's channel heard, and whether triage is finished.
/// People and flags only: nothing about the child.
/// </summary>
public sealed class TriageClaim
{
    internal TriageClaim(BoardId board, CaseReference reference, TableEntity row)
    {
        Board = board;
        Reference = reference;
        Row = row;
        ChairsReached = Split(row.GetString(nameof(ChairsReached)));
        ManagersReached = Split(row.GetString(nameof(ManagersReached)));
        ChannelNotified = row.GetBoolean(nameof(ChannelNotified)) ?? false;
        ReferrerTold = row.GetBoolean(nameof(ReferrerTold)) ?? false;
    }

    public BoardId Board { get; }

    public CaseReference Reference { get; }

    /// <summary>Chairs told of the referral, as <c>{role}:{entra object id}</c>.</summary>
    public HashSet<string> ChairsReached { get; }

    /// <summary>Board Managers who got the triage card, by Entra object id.</summary>
    public HashSet<string> ManagersReached { get; }

    public bool ChannelNotified { get; set; }

    /// <summary>Whether the referrer was told which Board Manager has the referral.</summary>
    public bool ReferrerTold { get; set; }

    internal TableEntity Row { get; set; }

    public static string ChairKey(Role role, PersonId person) => $"{role}:{person.Value}";

    private static HashSet<string> Split(string? text) =>
        new(text?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [], StringComparer.Ordinal);
}

/// <summary>
/// Keeps what triage has done for each case in the case's own partition of the case table (RowKey <c>triage</c>,
/// beside the facts and the snapshot, which the case store reads past), so that triage lost to a restart is picked up
/// again and nobody is sent the same triage message twice. A host claims a case for <see cref="Lease"/> (renewed
/// with each message) so that two hosts never triage one case at once; a claim left by a host that stopped runs out.
/// </summary>
public sealed class TriageLedger(CaseStore cases, TableServiceClient service, TimeProvider time)
{
    public const string RowKey = "triage";

    /// <summary>How long a claim holds without a word from its host.</summary>
    public static readonly TimeSpan Lease = TimeSpan.FromMinutes(10);

    private readonly string _holder = Guid.NewGuid().ToString("N");

    /// <summary>True when triage of the case has finished (every message delivered and D2 recorded).</summary>
    public async Task<bool> IsDoneAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(TableKeys.Case(board, reference), RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        return row.HasValue && row.Value?.GetBoolean("Done") == true;
    }

    /// <summary>
    /// Claims the triage of a case for this host, with what was done before. Null when triage has finished, or when
    /// another host holds a claim that has not run out.
    /// </summary>
    public async Task<TriageClaim?> ClaimAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var partition = TableKeys.Case(board, reference);
        var found = await table.GetEntityIfExistsAsync<TableEntity>(partition, RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        var now = time.GetUtcNow();
        try
        {
            if (!found.HasValue || found.Value is not { } row)
            {
                row = Claimed(new TableEntity(partition, RowKey), now);
                var added = await table.AddEntityAsync(row, cancellationToken).ConfigureAwait(false);
                row.ETag = added.Headers.ETag ?? ETag.All;
                return new TriageClaim(board, reference, row);
            }

            var heldElsewhere = row.GetString("ClaimedBy") is { } holder && holder != _holder && row.GetDateTimeOffset("ClaimedUntil") > now;
            if (row.GetBoolean("Done") == true || heldElsewhere)
            {
                return null;
            }

            row = Claimed(row, now);
            var updated = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            row.ETag = updated.Headers.ETag ?? ETag.All;
            return new TriageClaim(board, reference, row);
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            // Another host claimed it between the read and the write.
            return null;
        }
    }

    /// <summary>
    /// Keeps what has been done so far and renews the claim; with <paramref name="done"/>, marks triage finished and
    /// lets the claim go. False when the claim was lost (it ran out and another host took the case over).
    /// </summary>
    public async Task<bool> RecordAsync(TriageClaim claim, bool done, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claim);
        var table = await TableAsync(cancellationToken).ConfigureAwait(false);
        var row = claim.Row;
        row["ChairsReached"] = string.Join(' ', claim.ChairsReached.Order(StringComparer.Ordinal));
        row["ManagersReached"] = string.Join(' ', claim.ManagersReached.Order(StringComparer.Ordinal));
        row["ChannelNotified"] = claim.ChannelNotified;
        row["ReferrerTold"] = claim.ReferrerTold;
        row["Done"] = done;
        if (done)
        {
            row["ClaimedUntil"] = time.GetUtcNow();
        }
        else
        {
            Claimed(row, time.GetUtcNow());
        }

        try
        {
            var updated = await table.UpdateEntityAsync(row, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            row.ETag = updated.Headers.ETag ?? ETag.All;
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    private TableEntity Claimed(TableEntity row, DateTimeOffset now)
    {
        row["ClaimedBy"] = _holder;
        row["ClaimedUntil"] = now + Lease;
        return row;
    }

    private async Task<TableClient> TableAsync(CancellationToken cancellationToken)
    {
        await cases.EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        return service.GetTableClient(cases.Tables.Cases);
    }
}
