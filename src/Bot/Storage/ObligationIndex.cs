using ScrBot.Domain.Boards;
using ScrBot.Domain.Cases;

namespace ScrBot.Bot.Storage;

/// <summary>
/// One row of the obligations index: what is owed on a case, by whom, by when. It carries the case reference and
/// never a child's details. <see cref="Discriminator"/> tells apart several obligations of one code on one case
/// (e.g. one record check per partner agency, one update per action); empty when there is only one.
/// </summary>
public sealed record IndexedObligation(
    CaseReference Reference,
    BoardId Board,
    string Code,
    string OwnerRole,
    AgencyId? OwnerAgency,
    DateOnly Due,
    string Status,
    string Discriminator = "");

/// <summary>
/// The obligation rules, as the store sees them: the obligations of a case, derived from its state and facts.
/// The store writes what this returns into the obligations index after every change to the case.
/// </summary>
public interface IObligationIndexSource
{
    IReadOnlyList<IndexedObligation> For(CaseState state, IReadOnlyList<CaseEvent> facts);
}

/// <summary>Used until the obligation rules are registered: indexes nothing.</summary>
public sealed class NoObligations : IObligationIndexSource
{
    public IReadOnlyList<IndexedObligation> For(CaseState state, IReadOnlyList<CaseEvent> facts) => [];
}
