using ScrBot.Domain.Boards;

namespace ScrBot.Domain.Cases;

/// <summary>
/// Who has a role on a case. Board-wide roles (Board Manager, Independent Chair, Sub-group Chair and Vice-Chair of the
/// case's lead board) hold on every case of that board; the officers the board names to notify Ofsted hold on its
/// notifiable incidents; the Director of Children's Services holds on the cases on which a reviewer has been
/// recommended (the Director decides the appointment with the Independent Chair); the Board Managers of cooperating
/// boards hold a role on the cases they cooperate on; every other role is given on the case itself. Only people with a
/// role on a case may see the child's identifying details.
/// </summary>
public static class CaseAccess
{
    /// <summary>The roles a board holds on each of its cases.</summary>
    public static IReadOnlyList<Role> BoardWideRoles { get; } =
        [Role.BoardManager, Role.IndependentChair, Role.SubgroupChair, Role.SubgroupViceChair];

    public static bool HasRoleOnCase(CaseState state, PersonId person, BoardDirectory directory) =>
        RolesOnCase(state, person, directory).Count > 0;

    public static bool HasRoleOnCase(CaseState state, PersonId person, Role role, BoardDirectory directory) =>
        RolesOnCase(state, person, directory).Contains(role);

    /// <summary>Every role this person holds on this case: board-wide roles from the directory, then roles given on the case.</summary>
    public static IReadOnlyList<Role> RolesOnCase(CaseState state, PersonId person, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(directory);
        if (!state.Exists)
        {
            return [];
        }

        var boardWide = directory.RolesOf(person, state.LeadBoard).Where(r => HoldsOnCase(state, r));
        var onCase = state.Roles.Where(r => r.Person.Id == person).Select(r => r.Role);
        var cooperating = state.CooperatingBoards.Any(b => directory.RolesOf(person, b).Contains(Role.BoardManager))
            ? [Role.CooperatingBoardManager]
            : Array.Empty<Role>();
        return boardWide.Concat(onCase).Concat(cooperating).Distinct().ToList();
    }

    /// <summary>Whether a role held on the board holds on this case of the board.</summary>
    private static bool HoldsOnCase(CaseState state, Role role) =>
        BoardWideRoles.Contains(role)
        || (role == Role.NotifyingOfficer && state.IsNotifiableIncident)
        || (role == Role.DirectorOfChildrensServices && state.ReviewerRounds.Count > 0);

    /// <summary>Whether this person represents this agency on the case.</summary>
    public static bool RepresentsAgency(CaseState state, PersonId person, AgencyId agency)
    {
        ArgumentNullException.ThrowIfNull(state);
        return state.Roles.Any(r => r.Person.Id == person && r.Role == Role.AgencyRepresentative && r.Agency == agency);
    }

    /// <summary>Everyone who may see the child's details: the board-wide role holders and everyone with a role on the case.</summary>
    public static IReadOnlyList<PersonId> PeopleOnCase(CaseState state, BoardDirectory directory)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(directory);
        if (!state.Exists)
        {
            return [];
        }

        var board = directory.Find(state.LeadBoard)?.Members
            .Where(m => HoldsOnCase(state, m.Role)).Select(m => m.Person) ?? [];
        var cooperating = state.CooperatingBoards.SelectMany(b => directory.WithRole(b, Role.BoardManager)).Select(m => m.Person);
        return board.Concat(state.Roles.Select(r => r.Person.Id)).Concat(cooperating).Distinct().ToList();
    }
}
