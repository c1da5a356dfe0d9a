using System.Collections.Immutable;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Domain.Cases;

/// <summary>A person's role on one case.</summary>
public sealed record CaseRole(Actor Person, Role Role, AgencyId? Agency);

/// <summary>
/// The state of a review case: nothing but the fold of its facts. It is serialised as the case's snapshot, and a
/// snapshot is always equal to <see cref="Fold"/> of the stored facts.
/// </summary>
public sealed record CaseState
{
    public static readonly CaseState Empty = new();

    public CaseReference? Reference { get; init; }

    public BoardId LeadBoard { get; init; }

    public ImmutableList<BoardId> CooperatingBoards { get; init; } = [];

    public Stage Stage { get; init; } = Stage.Referral;

    /// <summary>How many facts have been folded in (the case's version).</summary>
    public int Version { get; init; }

    public DateTimeOffset? ReferredAt { get; init; }

    public NotificationForm? Form { get; init; }

    public ImmutableList<CaseRole> Roles { get; init; } = [];

    public bool Exists => Reference is not null;

    public bool HasRole(PersonId person) => Roles.Any(r => r.Person.Id == person);

    public bool HasRole(PersonId person, Role role) => Roles.Any(r => r.Person.Id == person && r.Role == role);

    public static CaseState Fold(IEnumerable<CaseEvent> facts) => facts.Aggregate(Empty, (state, fact) => state.Apply(fact));

    public CaseState Apply(CaseEvent fact)
    {
        var next = fact switch
        {
            CaseReferred referred => this with
            {
                Reference = referred.Reference,
                LeadBoard = referred.LeadBoard,
                CooperatingBoards = [.. referred.CooperatingBoards],
                ReferredAt = referred.At,
                Form = referred.Form,
                Stage = Stage.Triage,
                Roles = Roles.Add(new CaseRole(referred.By, Role.Referrer, referred.Form.Referrer.Agency)),
            },
            CaseRoleAssigned assigned => this with { Roles = Roles.Add(new CaseRole(assigned.Person, assigned.Role, assigned.Agency)) },
            CaseRoleRemoved removed => this with { Roles = Roles.RemoveAll(r => r.Person.Id == removed.Person && r.Role == removed.Role) },
            _ => this,
        };
        return next with { Version = Version + 1 };
    }
}
