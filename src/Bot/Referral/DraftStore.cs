using System.Collections.Immutable;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using ScrBot.Bot.Connector;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Referral;

/// <summary>A draft's answers are too large to keep (only possible when a client ignores the form's limits).</summary>
public sealed class DraftTooLargeException(string message) : Exception(message);

/// <summary>
/// The draft was changed or deleted since it was read (the form was sent, discarded or saved from another card
/// meanwhile): nothing was saved.
/// </summary>
public sealed class DraftChangedException(string message) : Exception(message);

/// <summary>Where a sent form went: the case it became, once the case exists.</summary>
public sealed record SentForm(string DraftId, BoardId? Board, CaseReference? Reference);

/// <summary>Drafts of the notification form, one per person, and the record of forms already sent.</summary>
public interface IDraftStore
{
    Task<FormDraft?> GetAsync(PersonId owner, CancellationToken cancellationToken);

    /// <summary>
    /// Saves the draft over the version it was read at (<see cref="FormDraft.StoredVersion"/>), or as a new draft
    /// when it has none, and returns it with its new version.
    /// </summary>
    /// <exception cref="DraftTooLargeException">The answers are too large to keep.</exception>
    /// <exception cref="DraftChangedException">The draft was changed or deleted since it was read.</exception>
    Task<FormDraft> SaveAsync(FormDraft draft, CancellationToken cancellationToken);

    Task DeleteAsync(PersonId owner, CancellationToken cancellationToken);

    /// <summary>Deletes every draft last saved before <paramref name="cutoff"/>; returns how many.</summary>
    Task<int> DeleteSavedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken);

    /// <summary>
    /// Claims the sending of a draft: true for the first caller, false when it is being sent or was sent already
    /// (a second press of Send, or two devices), so that one form never becomes two cases.
    /// </summary>
    Task<bool> ClaimSendingAsync(PersonId owner, string draftId, CancellationToken cancellationToken);

    /// <summary>Records the case a sent draft became (reference and board only: nothing about the child).</summary>
    Task RecordSentAsync(PersonId owner, string draftId, BoardId board, CaseReference reference, CancellationToken cancellationToken);

    /// <summary>Gives up a claim when the form was not sent after all.</summary>
    Task ReleaseSendingAsync(PersonId owner, string draftId, CancellationToken cancellationToken);

    Task<SentForm?> FindSentAsync(PersonId owner, string draftId, CancellationToken cancellationToken);
}

/// <summary>
/// The <c>ReferralDrafts</c> table: PartitionKey the person's Entra object id; RowKey <c>draft</c> for their draft
/// (the answers as JSON, split over as many properties as needed), and <c>sent-{draftId}</c> for a form already sent
/// (its case reference and board only). A draft is deleted when it is sent or discarded.
/// </summary>
public sealed class DraftStore(BotTables tables) : IDraftStore
{
    public const string TableName = "ReferralDrafts";
    public const string DraftRow = "draft";

    /// <summary>Characters per answers property (Azure Tables allows 64 KiB, i.e. 32K UTF-16 characters).</summary>
    public const int ChunkChars = 30_000;

    /// <summary>The most answer text one draft may hold: well inside the 1 MiB an entity allows.</summary>
    public const int MaxAnswersChars = 15 * ChunkChars;

    private static readonly JsonSerializerOptions Json = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public async Task<FormDraft?> GetAsync(PersonId owner, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(owner), DraftRow, cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        var chunks = entity.GetInt32("AnswerChunks") ?? 0;
        var text = new StringBuilder();
        for (var i = 0; i < chunks; i++)
        {
            text.Append(entity.GetString(ChunkName(i)));
        }

        var answers = text.Length == 0 ? [] : JsonSerializer.Deserialize<Dictionary<string, string>>(text.ToString(), Json) ?? [];
        return new FormDraft
        {
            DraftId = entity.GetString("DraftId") ?? "",
            Owner = owner,
            StartedAt = entity.GetDateTimeOffset("StartedAt") ?? default,
            SavedAt = entity.GetDateTimeOffset("SavedAt") ?? default,
            Section = FormSections.TryParse(entity.GetInt32("Section")?.ToString(CultureInfo.InvariantCulture), out var section) ? section : FormSection.Referrer,
            SectionsPassed = Math.Clamp(entity.GetInt32("SectionsPassed") ?? 0, 0, FormSections.Count),
            SignificantOtherRows = Math.Clamp(entity.GetInt32("SignificantOtherRows") ?? 1, 1, FormDraft.MaxSignificantOtherRows),
            StoredVersion = entity.ETag.ToString(),
            Answers = ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, answers),
        };
    }

    public async Task<FormDraft> SaveAsync(FormDraft draft, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(draft);
        var answers = JsonSerializer.Serialize(draft.Answers, Json);
        if (answers.Length > MaxAnswersChars)
        {
            throw new DraftTooLargeException("The answers are too long to save. Shorten the longest ones and try again.");
        }

        var entity = new TableEntity(Partition(draft.Owner), DraftRow)
        {
            ["DraftId"] = draft.DraftId,
            ["StartedAt"] = draft.StartedAt,
            ["SavedAt"] = draft.SavedAt,
            ["Section"] = (int)draft.Section,
            ["SectionsPassed"] = draft.SectionsPassed,
            ["SignificantOtherRows"] = draft.SignificantOtherRows,
        };
        var chunks = 0;
        for (var start = 0; start < answers.Length; start += ChunkChars, chunks++)
        {
            entity[ChunkName(chunks)] = answers.Substring(start, Math.Min(ChunkChars, answers.Length - start));
        }

        entity["AnswerChunks"] = chunks;
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        try
        {
            var response = draft.StoredVersion is { } version
                ? await table.UpdateEntityAsync(entity, new ETag(version), TableUpdateMode.Replace, cancellationToken).ConfigureAwait(false)
                : await table.AddEntityAsync(entity, cancellationToken).ConfigureAwait(false);
            return draft with { StoredVersion = response.Headers.ETag?.ToString() };
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            throw new DraftChangedException("The draft was changed or deleted since it was read.");
        }
    }

    public async Task DeleteAsync(PersonId owner, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(Partition(owner), DraftRow, ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<int> DeleteSavedBeforeAsync(DateTimeOffset cutoff, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        var filter = TableClient.CreateQueryFilter($"RowKey eq {DraftRow} and SavedAt lt {cutoff}");
        var deleted = 0;
        await foreach (var row in table.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "RowKey"], cancellationToken: cancellationToken).ConfigureAwait(false))
        {
            // Guarded by the row's ETag: a draft saved again meanwhile is kept.
            try
            {
                await table.DeleteEntityAsync(row.PartitionKey, row.RowKey, row.ETag, cancellationToken).ConfigureAwait(false);
                deleted++;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
            }
        }

        return deleted;
    }

    public async Task<bool> ClaimSendingAsync(PersonId owner, string draftId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        try
        {
            await table.AddEntityAsync(new TableEntity(Partition(owner), SentRow(draftId)) { ["DraftId"] = draftId }, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    public async Task RecordSentAsync(PersonId owner, string draftId, BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        await table.UpsertEntityAsync(
            new TableEntity(Partition(owner), SentRow(draftId)) { ["DraftId"] = draftId, ["Board"] = board.Value, ["Reference"] = reference.Value },
            TableUpdateMode.Replace,
            cancellationToken).ConfigureAwait(false);
    }

    public async Task ReleaseSendingAsync(PersonId owner, string draftId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        await table.DeleteEntityAsync(Partition(owner), SentRow(draftId), ETag.All, cancellationToken).ConfigureAwait(false);
    }

    public async Task<SentForm?> FindSentAsync(PersonId owner, string draftId, CancellationToken cancellationToken)
    {
        var table = await tables.GetAsync(TableName, cancellationToken).ConfigureAwait(false);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(Partition(owner), SentRow(draftId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (!row.HasValue || row.Value is not { } entity)
        {
            return null;
        }

        var board = entity.GetString("Board");
        CaseReference.TryParse(entity.GetString("Reference"), out var reference);
        return new SentForm(draftId, board is null ? null : new BoardId(board), reference);
    }

    private static string Partition(PersonId owner) => TableKeys.Encode(owner.Value);

    private static string SentRow(string draftId) => "sent-" + TableKeys.Encode(draftId);

    private static string ChunkName(int i) => string.Create(CultureInfo.InvariantCulture, $"Answers{i}");
}
