using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;
using ScrBot.Domain.Obligations;

namespace ScrBot.Bot.Storage;

/// <summary>
/// The obligation rules, as the store sees them: the obligations of a case, derived from its state and facts.
/// The store writes what this returns into the obligations index after every change to the case.
/// </summary>
public interface IObligationIndexSource
{
    IReadOnlyList<ObligationIndexEntry> For(CaseState state, IReadOnlyList<CaseEvent> facts);
}

/// <summary>Used until the obligation rules are registered: indexes nothing.</summary>
public sealed class NoObligations : IObligationIndexSource
{
    public IReadOnlyList<ObligationIndexEntry> For(CaseState state, IReadOnlyList<CaseEvent> facts) => [];
}
