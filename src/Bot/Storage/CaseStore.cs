using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Storage;

/// <summary>
/// Review cases in Azure Tables. Each case is one partition of the <c>Cases</c> table: a row per fact (RowKey
/// <c>f0000000001</c>, ...) and a snapshot row (the fold of the facts) written together in one entity-group
/// transaction guarded by the snapshot's ETag. A write that loses a race is re-read and re-run, never overwritten.
/// The indexes (<c>CaseIndex</c>, <c>CaseLookup</c>, <c>Obligations</c>) carry case references only and are
/// refreshed after each write.
/// </summary>
public sealed partial class CaseStore
{
    private readonly TimeProvider _time;
    private readonly IObligationIndexSource _obligationSource;
    private readonly CaseStoreOptions _options;
    private readonly ILogger _logger;
    private readonly TableServiceClient _service;
    private readonly TableClient _cases;
    private readonly TableClient _caseIndex;
    private readonly TableClient _caseLookup;
    private readonly TableClient _counters;
    private readonly TableClient _obligations;
    private readonly object _tablesGate = new();
    private Task? _tablesCreated;

    public CaseStore(
        TableServiceClient service,
        TimeProvider time,
        IObligationIndexSource obligations,
        CaseStoreOptions? options = null,
        ILogger<CaseStore>? logger = null)
    {
        _service = service;
        _time = time;
        _obligationSource = obligations;
        _options = options ?? new CaseStoreOptions();
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        if (_options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "The case store needs at least one attempt per write.");
        }

        Tables = CaseTableNames.WithPrefix(_options.TablePrefix);
        _cases = service.GetTableClient(Tables.Cases);
        _caseIndex = service.GetTableClient(Tables.CaseIndex);
        _caseLookup = service.GetTableClient(Tables.CaseLookup);
        _counters = service.GetTableClient(Tables.CaseCounters);
        _obligations = service.GetTableClient(Tables.Obligations);
    }

    /// <summary>The names of the tables this store writes.</summary>
    public CaseTableNames Tables { get; }

    /// <summary>Creates the tables if they do not exist. Every operation does this once before its first request.</summary>
    public Task EnsureTablesAsync(CancellationToken cancellationToken = default)
    {
        lock (_tablesGate)
        {
            if (_tablesCreated is null || _tablesCreated.IsFaulted || _tablesCreated.IsCanceled)
            {
                _tablesCreated = CreateTablesAsync(cancellationToken);
            }

            return _tablesCreated;
        }
    }

    private async Task CreateTablesAsync(CancellationToken cancellationToken)
    {
        foreach (var name in Tables.All)
        {
            await _service.GetTableClient(name).CreateIfNotExistsAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The case's snapshot and facts, or null when the board has no case with that reference.</summary>
    public async Task<StoredCase?> LoadAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken = default)
    {
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);
        var loaded = await LoadCoreAsync(board, reference, cancellationToken).ConfigureAwait(false);
        return loaded?.Case;
    }

    /// <summary>
    /// Runs <paramref name="command"/> against the case's current state and facts and stores what it produced, in
    /// one transaction with the new snapshot. When another write got there first, the command runs again against
    /// the fresh state. A refusal is stored as one <see cref="AttemptRefused"/> fact (who, when,
    /// <paramref name="attempt"/>, the reasons) and changes nothing else. A case that does not exist is refused
    /// without storing anything.
    /// </summary>
    public async Task<CaseResult> ExecuteAsync(
        BoardId board,
        CaseReference reference,
        string attempt,
        Actor actor,
        Func<CaseState, IReadOnlyList<CaseEvent>, Outcome> command,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(attempt);
        ArgumentNullException.ThrowIfNull(command);
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);

        for (var round = 1; ; round++)
        {
            var loaded = await LoadCoreAsync(board, reference, cancellationToken).ConfigureAwait(false);
            if (loaded is null)
            {
                return new CaseResult(Outcome.Refused($"There is no case {reference} on board {board}."), CaseState.Empty);
            }

            var outcome = command(loaded.Case.State, loaded.Case.Facts);
            if (!outcome.IsRefused && outcome.Facts.Count == 0)
            {
                return new CaseResult(outcome, loaded.Case.State);
            }

            var write = outcome.IsRefused ? null : PlanAppend(loaded, outcome.Facts);
            if (write is { Refusal: { } tooMuch })
            {
                outcome = tooMuch;
                write = null;
            }

            write ??= PlanAppend(loaded, [AttemptRefused.Of(attempt, outcome, actor, _time.GetUtcNow())]);
            if (write.Refusal is not null)
            {
                throw new InvalidOperationException($"Case {reference} on board {board} is too large to record a refused attempt.");
            }

            try
            {
                await _cases.SubmitTransactionAsync(write.Actions, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException failure) when (IsLostRace(failure))
            {
                LogLostRace(reference.Value, board.Value, round);
                if (round >= _options.MaxAttempts)
                {
                    throw new CaseStoreContentionException(
                        $"Case {reference} on board {board} kept changing; the change was not saved after {round} attempts.");
                }

                await BackoffAsync(round, cancellationToken).ConfigureAwait(false);
                continue;
            }

            var stored = new LoadedCase(
                loaded.Case with { State = write.State, Facts = [.. loaded.Case.Facts, .. write.Facts] },
                ETag.All,
                loaded.IndexRecord);
            var refreshed = await RefreshIndexesAsync(board, reference, stored, rebuild: false, cancellationToken).ConfigureAwait(false);
            return new CaseResult(outcome, write.State) { IndexesRefreshed = refreshed };
        }
    }

    /// <summary>
    /// Creates a case: runs <paramref name="refer"/> with a provisional reference to check the referral is accepted,
    /// then allocates the deployment's next reference for <paramref name="year"/> (<c>SCR-2026-0007</c>), runs it again
    /// with that reference and stores the facts and snapshot in one transaction, with the case index rows. A refused
    /// referral stores nothing.
    /// </summary>
    public async Task<CaseResult> ReferAsync(
        BoardId board,
        int year,
        Actor actor,
        Func<CaseReference, Outcome> refer,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(refer);
        TableKeys.Board(board);
        await EnsureTablesAsync(cancellationToken).ConfigureAwait(false);

        var provisional = await PeekNextNumberAsync(year, cancellationToken).ConfigureAwait(false);
        if (provisional is null)
        {
            return new CaseResult(ReferencesUsedUp(board, year), CaseState.Empty);
        }

        var trial = refer(new CaseReference(year, provisional.Value));
        if (trial.IsRefused)
        {
            return new CaseResult(trial, CaseState.Empty);
        }

        for (var round = 1; ; round++)
        {
            var number = await AllocateNumberAsync(board, year, cancellationToken).ConfigureAwait(false);
            if (number is null)
            {
                return new CaseResult(ReferencesUsedUp(board, year), CaseState.Empty);
            }

            var reference = new CaseReference(year, number.Value);
            if ((await FindBoardsForReferenceAsync(reference, cancellationToken).ConfigureAwait(false)).Count > 0)
            {
                // Another board's case has it already (the counter was behind): take the next number.
                LogReferenceTaken(reference.Value, board.Value);
                if (round >= _options.MaxAttempts)
                {
                    throw new CaseStoreContentionException($"No free case reference was found on board {board} for {year}.");
                }

                continue;
            }

            var outcome = refer(reference);
            if (outcome.IsRefused)
            {
                return new CaseResult(outcome, CaseState.Empty);
            }

            var empty = new LoadedCase(new StoredCase(board, reference, CaseState.Empty, []), default, null);
            var write = PlanAppend(empty, outcome.Facts);
            if (write.Refusal is not null)
            {
                return new CaseResult(write.Refusal, CaseState.Empty);
            }

            if (write.State.Reference != reference || write.State.LeadBoard != board)
            {
                throw new InvalidOperationException(
                    $"A referral for {reference} on board {board} produced a case for {write.State.Reference} on board {write.State.LeadBoard}.");
            }

            try
            {
                await _cases.SubmitTransactionAsync(write.Actions, cancellationToken).ConfigureAwait(false);
            }
            catch (RequestFailedException failure) when (IsLostRace(failure))
            {
                // The partition already exists: the counter was behind. Take the next number.
                LogReferenceTaken(reference.Value, board.Value);
                if (round >= _options.MaxAttempts)
                {
                    throw new CaseStoreContentionException($"No free case reference was found on board {board} for {year}.");
                }

                continue;
            }

            LogReferred(reference.Value, board.Value, actor.Id.Value);
            await WriteLookupAsync(board, reference, cancellationToken).ConfigureAwait(false);
            var created = new LoadedCase(empty.Case with { State = write.State, Facts = write.Facts }, ETag.All, null);
            var refreshed = await RefreshIndexesAsync(board, reference, created, rebuild: false, cancellationToken).ConfigureAwait(false);
            return new CaseResult(outcome, write.State) { IndexesRefreshed = refreshed };
        }
    }

    private static Outcome ReferencesUsedUp(BoardId board, int year) =>
        Outcome.Refused($"Board {board} has used every case reference for {year}; a new case cannot be numbered.");

    /// <summary>
    /// The transaction that appends <paramref name="facts"/> to the loaded case and replaces its snapshot (or inserts
    /// it, for a new case), or a refusal when it would exceed what one transaction can hold.
    /// </summary>
    private static PlannedWrite PlanAppend(LoadedCase loaded, IReadOnlyList<CaseEvent> facts)
    {
        var partition = TableKeys.Case(loaded.Case.Board, loaded.Case.Reference);
        if (facts.Count + 1 > CaseRows.MaxTransactionOperations)
        {
            return PlannedWrite.Refused(Outcome.Refused(
                $"That would add {facts.Count} entries to the case record at once; at most {CaseRows.MaxTransactionOperations - 1} can be added together. Please do it in smaller steps."));
        }

        var state = loaded.Case.State;
        var actions = new List<TableTransactionAction>(facts.Count + 1);
        long text = 0;
        foreach (var fact in facts)
        {
            state = state.Apply(fact);
            var json = CaseJson.Serialize(fact);
            if (json.Length > CaseRows.MaxEntityText)
            {
                return PlannedWrite.Refused(TooLarge());
            }

            text += json.Length;
            actions.Add(new TableTransactionAction(TableTransactionActionType.Add, CaseRows.Fact(partition, state.Version, fact, json)));
        }

        var snapshotJson = CaseJson.Serialize(state);
        text += snapshotJson.Length;
        if (snapshotJson.Length > CaseRows.MaxEntityText || text > CaseRows.MaxTransactionText)
        {
            return PlannedWrite.Refused(TooLarge());
        }

        var snapshot = CaseRows.Snapshot(partition, state, snapshotJson);
        actions.Add(loaded.Case.State.Exists
            ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, snapshot, loaded.SnapshotETag)
            : new TableTransactionAction(TableTransactionActionType.Add, snapshot));
        return new PlannedWrite(actions, state, facts, null);
    }

    private static Outcome TooLarge() =>
        Outcome.Refused("That is too much text to keep on the case record in one go. Please shorten it, or attach it as a document, and try again.");

    /// <summary>Reads the whole case partition: facts in order, the snapshot with its ETag, and the index record.</summary>
    private async Task<LoadedCase?> LoadCoreAsync(BoardId board, CaseReference reference, CancellationToken cancellationToken)
    {
        var partition = TableKeys.Case(board, reference);
        for (var round = 1; ; round++)
        {
            var facts = new List<(int Version, CaseEvent Fact)>();
            TableEntity? snapshot = null;
            TableEntity? record = null;
            var filter = CaseRowsFilter(partition);
            await foreach (var row in _cases.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken).ConfigureAwait(false))
            {
                switch (row.RowKey)
                {
                    case TableKeys.SnapshotRow:
                        snapshot = row;
                        break;
                    case TableKeys.IndexRecordRow:
                        record = row;
                        break;
                    default:
                        if (row.RowKey.StartsWith(TableKeys.FactPrefix, StringComparison.Ordinal))
                        {
                            facts.Add((row.GetInt32("Version") ?? 0, CaseRows.ReadFact(row)));
                        }

                        break;
                }
            }

            if (snapshot is null)
            {
                return null;
            }

            var state = CaseRows.ReadSnapshot(snapshot);
            facts.Sort((a, b) => a.Version.CompareTo(b.Version));
            var contiguous = facts.Select((f, i) => f.Version == i + 1).All(ok => ok);
            if (state.Version == facts.Count && contiguous)
            {
                return new LoadedCase(
                    new StoredCase(board, reference, state, [.. facts.Select(f => f.Fact)]),
                    snapshot.ETag,
                    record is null ? null : CaseRows.ReadIndexRecord(record));
            }

            // A write landed between the pages of the read: read again.
            if (round >= _options.MaxAttempts)
            {
                throw new InvalidOperationException(
                    $"Case {reference} on board {board} has {facts.Count} facts but its snapshot is at version {state.Version}.");
            }

            await BackoffAsync(round, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Another writer changed the rows first: the snapshot's ETag no longer matched, or the row already exists.</summary>
    private static bool IsLostRace(RequestFailedException failure) => failure.Status is 409 or 412;

    private async Task BackoffAsync(int round, CancellationToken cancellationToken)
    {
        if (round == 1)
        {
            // Two writers at once (a press while the cards catch up): read again straight away; wait only on a second loss.
            await Task.Yield();
            return;
        }

        var doublings = Math.Min(round - 1, 16);
        var ceiling = Math.Min(_options.MaxDelay.Ticks, _options.BaseDelay.Ticks * (1L << doublings));
        var delay = TimeSpan.FromTicks((long)(ceiling * (0.5 + (Random.Shared.NextDouble() * 0.5))));
        await DelayAsync(delay, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Waits on a timer of the <see cref="TimeProvider"/>; safe with timers that fire at once.</summary>
    private async Task DelayAsync(TimeSpan delay, CancellationToken cancellationToken)
    {
        var elapsed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = cancellationToken.Register(() => elapsed.TrySetCanceled(cancellationToken));
        using var timer = _time.CreateTimer(
            static state => ((TaskCompletionSource)state!).TrySetResult(), elapsed, delay, Timeout.InfiniteTimeSpan);
        await elapsed.Task.ConfigureAwait(false);
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Case {Reference} on board {Board}: another write came first (attempt {Attempt}); reading again.")]
    private partial void LogLostRace(string reference, string board, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Case reference {Reference} on board {Board} was already taken; the counter was behind.")]
    private partial void LogReferenceTaken(string reference, string board);

    [LoggerMessage(Level = LogLevel.Information, Message = "Case {Reference} referred on board {Board} by {Person}.")]
    private partial void LogReferred(string reference, string board, string person);

    private sealed record LoadedCase(StoredCase Case, ETag SnapshotETag, IndexRecord? IndexRecord);

    private sealed record PlannedWrite(
        IReadOnlyList<TableTransactionAction> Actions,
        CaseState State,
        IReadOnlyList<CaseEvent> Facts,
        Outcome? Refusal)
    {
        public static PlannedWrite Refused(Outcome refusal) => new([], CaseState.Empty, [], refusal);
    }
}
