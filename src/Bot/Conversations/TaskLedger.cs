using Azure;
using Azure.Data.Tables;
using ScrBot.Bot.Connector;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Conversations;

/// <summary>One copy of a step's card in one person's chat: where it was sent, and whether it already says "done".</summary>
/// <param name="Drawn">A hash of the card as last sent, so that a copy is replaced only when what it says has changed.</param>
public sealed record SentCard(string Step, string Person, Uri ServiceUrl, string ConversationId, string? TenantId, string ActivityId, bool Done, string? Drawn = null);

/// <summary>
/// Where every task card and hub card went, per case and step (the <c>TaskCards</c> table, with the case store's prefix): partition
/// <c>case|{board}|{reference}</c>, a row per step and person with the sent activity's id, so that every copy is updated
/// in place when the step is done. Partition <c>person|{entra object id}</c> holds the cases a person has been asked to
/// act on, for <c>tasks</c>. References, step keys and ids only: nothing about the child.
/// <para>
/// Before a card is sent, its row is claimed (<see cref="ClaimAsync"/>): with two instances of ScrBot bringing one case
/// up to date at once, only the instance that claimed a step's row for a person sends that person the card, so nobody gets
/// it twice. A claim left by an instance that stopped before sending is taken over once it is older than
/// <see cref="ClaimLapses"/>.
/// </para>
/// </summary>
public sealed class TaskLedger(BotTables tables, Storage.CaseStore cases)
{
    /// <summary>The table's name: <c>TaskCards</c>, after the case store's table prefix.</summary>
    public string Table => cases.Tables.TaskCards;

    /// <summary>How long a claim to send a card holds before another instance may send the card instead.</summary>
    public static readonly TimeSpan ClaimLapses = TimeSpan.FromMinutes(2);

    public async Task<IReadOnlyList<SentCard>> SentForCaseAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var rows = new List<SentCard>();
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == CasePartition(board, reference), cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            if (string.IsNullOrEmpty(row.GetString("ActivityId")))
            {
                // A claim: the card is being sent by an instance, not sent yet.
                continue;
            }

            rows.Add(new SentCard(
                row.GetString("Step") ?? "", row.GetString("Person") ?? "", new Uri(row.GetString("ServiceUrl")!), row.GetString("ConversationId")!,
                row.GetString("TenantId"), row.GetString("ActivityId")!, row.GetBoolean("Done") ?? false, row.GetString("Drawn")));
        }

        return rows;
    }

    public async Task KeepAsync(BoardId board, CaseReference reference, SentCard card, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(new TableEntity(CasePartition(board, reference), TableKeys.Encode($"{card.Step}|{card.Person}"))
        {
            ["Step"] = card.Step,
            ["Person"] = card.Person,
            ["ServiceUrl"] = card.ServiceUrl.AbsoluteUri,
            ["ConversationId"] = card.ConversationId,
            ["TenantId"] = card.TenantId,
            ["ActivityId"] = card.ActivityId,
            ["Done"] = card.Done,
            ["Drawn"] = card.Drawn,
        }, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);

        await table.UpsertEntityAsync(
            new TableEntity(TableKeys.Encode("person|" + card.Person), TableKeys.Encode($"{board.Value}|{reference.Value}"))
            {
                ["Board"] = board.Value,
                ["Reference"] = reference.Value,
            },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Claims the sending of a step's card to a person: true when this instance may send it now; false when the card was
    /// sent already and not yet done, or another instance is sending it (its claim younger than <see cref="ClaimLapses"/>).
    /// A step open again after it was done (a records check asked again after the corrected details) is claimed afresh.
    /// </summary>
    public async Task<bool> ClaimAsync(BoardId board, CaseReference reference, string step, PersonId person, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var claim = new TableEntity(CasePartition(board, reference), TableKeys.Encode($"{step}|{person.Value}"))
        {
            ["Step"] = step,
            ["Person"] = person.Value,
            ["Claimed"] = now,
        };
        try
        {
            await table.AddEntityAsync(claim, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
        }

        var existing = await table.GetEntityIfExistsAsync<TableEntity>(claim.PartitionKey, claim.RowKey, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!existing.HasValue || existing.Value is not { } row)
        {
            return false;
        }

        var sent = !string.IsNullOrEmpty(row.GetString("ActivityId"));
        if (sent && row.GetBoolean("Done") != true)
        {
            // Sent, and still the person's current card for this step.
            return false;
        }

        if (!sent && (row.GetDateTimeOffset("Claimed") is not { } claimed || now - claimed < ClaimLapses))
        {
            return false;
        }

        // A lapsed claim, or a step open again after it was done (the corrected details to check again): a new card.

        try
        {
            await table.UpdateEntityAsync(claim, row.ETag, TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status is 409 or 412)
        {
            return false;
        }
    }

    /// <summary>Gives up a claim whose card could not be sent (held for the person), so that it is sent when they can be reached.</summary>
    public async Task ReleaseAsync(BoardId board, CaseReference reference, string step, PersonId person, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var existing = await table.GetEntityIfExistsAsync<TableEntity>(CasePartition(board, reference), TableKeys.Encode($"{step}|{person.Value}"), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (existing.HasValue && existing.Value is { } row && string.IsNullOrEmpty(row.GetString("ActivityId")))
        {
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }
        }
    }

    /// <summary>The cases this person has been sent a card for, newest first is not promised.</summary>
    public async Task<IReadOnlyList<(BoardId Board, string Reference)>> CasesOfAsync(PersonId person, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(Table, cancellationToken).ConfigureAwait(false);
        var found = new List<(BoardId, string)>();
        var partition = TableKeys.Encode("person|" + person.Value);
        await foreach (var row in table.QueryAsync<TableEntity>(e => e.PartitionKey == partition, cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            found.Add((new BoardId(row.GetString("Board")!), row.GetString("Reference")!));
        }

        return found;
    }

    private static string CasePartition(BoardId board, CaseReference reference) => TableKeys.Encode($"case|{board.Value}|{reference.Value}");
}
