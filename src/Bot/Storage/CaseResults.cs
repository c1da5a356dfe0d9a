using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Storage;

/// <summary>A case as stored: its snapshot and its facts in order (fact n has version n).</summary>
public sealed record StoredCase(BoardId Board, CaseReference Reference, CaseState State, IReadOnlyList<CaseEvent> Facts);

/// <summary>
/// What became of a command: its outcome (the facts stored, or the refusal) and the case state after it.
/// <see cref="IndexesRefreshed"/> is false when the case was written but an index could not be brought up to date
/// (the next write or <see cref="CaseStore.RebuildIndexAsync"/> repairs it).
/// </summary>
public sealed record CaseResult(Outcome Outcome, CaseState State)
{
    public bool IsRefused => Outcome.IsRefused;

    public bool IndexesRefreshed { get; init; } = true;
}

/// <summary>
/// A case index row: the case reference, the board that leads it, its stage and dates. Nothing about the child.
/// <see cref="KeptOn"/> is the board whose partition holds the case (the board it was referred to), to load it with;
/// it differs from <see cref="Board"/> only for a case handed to another board.
/// </summary>
public sealed record CaseIndexEntry(
    BoardId Board,
    CaseReference Reference,
    Stage Stage,
    DateTimeOffset? ReferredAt,
    DateTimeOffset? UpdatedAt,
    int Version)
{
    public BoardId KeptOn { get; init; } = Board;
}

/// <summary>The store could not finish a write because other writers kept changing the same rows.</summary>
public sealed class CaseStoreContentionException(string message) : Exception(message);
