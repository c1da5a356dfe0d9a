namespace ScrBot.Domain.Boards;

/// <summary>A partner agency of a board.</summary>
public sealed record Agency(AgencyId Id, string Name, AgencyKind Kind);

/// <summary>A person's standing role on a board (Board Manager, Independent Chair, Sub-group Chair, agency representative, ...).</summary>
public sealed record BoardMember(PersonId Person, string Name, Role Role, AgencyId? Agency, string? Email);

/// <summary>
/// One Local Safeguarding Children Board. <see cref="NoticeChannel"/> is the Teams channel where the board's notices
/// go (reference only, never a child's details).
/// </summary>
public sealed record Board(
    BoardId Id,
    string Name,
    IReadOnlyList<Agency> Agencies,
    IReadOnlyList<BoardMember> Members,
    string? NoticeChannel);

/// <summary>Every board one deployment serves, with their agencies and the people who hold roles on them.</summary>
public sealed class BoardDirectory(IReadOnlyList<Board> boards)
{
    public IReadOnlyList<Board> Boards { get; } = boards;

    public Board? Find(BoardId id) => Boards.FirstOrDefault(b => b.Id == id);

    public Agency? FindAgency(BoardId board, AgencyId agency) => Find(board)?.Agencies.FirstOrDefault(a => a.Id == agency);

    public IReadOnlyList<Role> RolesOf(PersonId person, BoardId board) =>
        Find(board)?.Members.Where(m => m.Person == person).Select(m => m.Role).Distinct().ToList() ?? [];

    public IReadOnlyList<BoardMember> WithRole(BoardId board, Role role) =>
        Find(board)?.Members.Where(m => m.Role == role).ToList() ?? [];

    /// <summary>
    /// The people a board names for one of its agencies in a role (its SCR lead, its lead board member, its
    /// representatives): an agency's named people.
    /// </summary>
    public IReadOnlyList<BoardMember> NamedFor(BoardId board, AgencyId agency, Role role) =>
        Find(board)?.Members.Where(m => m.Role == role && m.Agency == agency).ToList() ?? [];

    public IReadOnlyList<Board> BoardsOf(PersonId person) =>
        Boards.Where(b => b.Members.Any(m => m.Person == person)).ToList();
}
