using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using ScrBot.Bot.Cards;
using ScrBot.Domain.Boards;
using ScrBot.Domain.Referral;

namespace ScrBot.Bot.Boards;

/// <summary>The board directory file could not be used. The message names the file and the problem.</summary>
public sealed class BoardDirectoryFileException(string message) : Exception(message);

/// <summary>
/// Reads the board directory (boards, their agencies, the people who hold roles on them, the notice channel) from a
/// JSON file and checks it whole. Any problem stops start-up with a message naming the file, the entry and what is
/// wrong, so that a wrong directory never runs.
/// </summary>
public static partial class DirectoryFile
{
    /// <summary>The setting that names the file (environment variable <c>Directory__Path</c>).</summary>
    public const string PathSetting = "Directory:Path";

    /// <summary>The roles every board needs for a referral to be triaged (D2: the Board Manager informs both Chairs).</summary>
    public static readonly IReadOnlyList<Role> RequiredRoles = [Role.BoardManager, Role.IndependentChair, Role.SubgroupChair];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static BoardDirectory Load(string path)
    {
        if (string.IsNullOrWhiteSpace(path))
        {
            throw new BoardDirectoryFileException($"The board directory is not configured: set {PathSetting.Replace(":", "__", StringComparison.Ordinal)} to the path of its JSON file.");
        }

        if (!File.Exists(path))
        {
            throw new BoardDirectoryFileException($"The board directory file '{path}' does not exist.");
        }

        return Parse(File.ReadAllText(path), path);
    }

    /// <summary>Reads a directory from its JSON text; <paramref name="source"/> names it in messages.</summary>
    public static BoardDirectory Parse(string json, string source)
    {
        DirectoryDocument? document;
        try
        {
            document = JsonSerializer.Deserialize<DirectoryDocument>(json, Json);
        }
        catch (JsonException e)
        {
            var where = e.Path is null ? "" : $" at {e.Path}";
            var line = e.LineNumber is null ? "" : string.Create(CultureInfo.InvariantCulture, $" (line {e.LineNumber + 1})");
            throw new BoardDirectoryFileException($"The board directory file '{source}' is not valid{where}{line}: {FirstSentence(e.Message)}");
        }

        var problems = new List<string>();
        var boards = Check(document, problems);
        if (problems.Count > 0)
        {
            throw new BoardDirectoryFileException(
                $"The board directory file '{source}' has {Count(problems.Count, "problem")}:" + Environment.NewLine +
                string.Join(Environment.NewLine, problems.Select(p => "  - " + p)));
        }

        return new BoardDirectory(boards);
    }

    private static List<Board> Check(DirectoryDocument? document, List<string> problems)
    {
        var boards = new List<Board>();
        if (document?.Boards is not { Count: > 0 })
        {
            problems.Add("\"boards\" must list at least one board.");
            return boards;
        }

        var boardIds = new HashSet<string>(StringComparer.Ordinal);
        for (var b = 0; b < document.Boards.Count; b++)
        {
            var at = $"boards[{b}]";
            var board = document.Boards[b];
            if (board is null)
            {
                problems.Add($"{at} is empty.");
                continue;
            }

            if (!IsIdentifier(board.Id))
            {
                problems.Add($"{at}.id must be lower-case letters, digits and hyphens (e.g. \"staffordshire\"), not {Show(board.Id)}.");
            }
            else if (!boardIds.Add(board.Id!))
            {
                problems.Add($"{at}.id \"{board.Id}\" is used by another board.");
            }

            var name = board.Name?.Trim();
            if (string.IsNullOrEmpty(name))
            {
                problems.Add($"{at}.name is missing.");
            }

            if (board.NoticeChannel is not null && string.IsNullOrWhiteSpace(board.NoticeChannel))
            {
                problems.Add($"{at}.noticeChannel is empty: give the channel's conversation id, or leave it out.");
            }

            var agencies = CheckAgencies(board, at, problems);
            var members = CheckMembers(board, at, agencies, problems);
            foreach (var role in RequiredRoles)
            {
                if (!members.Any(m => m.Role == role))
                {
                    problems.Add($"{at} (\"{board.Id}\") has no {RoleNames.Of(role)}: every board needs one.");
                }
            }

            boards.Add(new Board(new BoardId(board.Id ?? ""), name ?? "", agencies, members, board.NoticeChannel?.Trim()));
        }

        return boards;
    }

    private static List<Agency> CheckAgencies(BoardEntry board, string at, List<string> problems)
    {
        var agencies = new List<Agency>();
        if (board.Agencies is not { Count: > 0 })
        {
            problems.Add($"{at}.agencies must list the board's partner agencies.");
            return agencies;
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var a = 0; a < board.Agencies.Count; a++)
        {
            var here = $"{at}.agencies[{a}]";
            var agency = board.Agencies[a];
            if (agency is null)
            {
                problems.Add($"{here} is empty.");
                continue;
            }

            if (!IsIdentifier(agency.Id))
            {
                problems.Add($"{here}.id must be lower-case letters, digits and hyphens (e.g. \"staffs-police\"), not {Show(agency.Id)}.");
            }
            else if (agency.Id == FormFields.OtherAgencyChoice)
            {
                problems.Add($"{here}.id \"{FormFields.OtherAgencyChoice}\" is kept for \"another agency\" on the form: choose another id.");
            }
            else if (!ids.Add(agency.Id!))
            {
                problems.Add($"{here}.id \"{agency.Id}\" is used by another agency of this board.");
            }

            if (string.IsNullOrWhiteSpace(agency.Name))
            {
                problems.Add($"{here}.name is missing.");
            }

            var kind = AgencyKind.Other;
            if (agency.Kind is not null && !Enum.TryParse(agency.Kind, ignoreCase: false, out kind))
            {
                problems.Add($"{here}.kind {Show(agency.Kind)} is not one of {string.Join(", ", Enum.GetNames<AgencyKind>())}.");
            }

            agencies.Add(new Agency(new AgencyId(agency.Id ?? ""), agency.Name?.Trim() ?? "", kind));
        }

        return agencies;
    }

    private static List<BoardMember> CheckMembers(BoardEntry board, string at, List<Agency> agencies, List<string> problems)
    {
        var members = new List<BoardMember>();
        if (board.Members is null)
        {
            problems.Add($"{at}.members must list the people who hold roles on the board.");
            return members;
        }

        var seen = new HashSet<(string, Role, string?)>();
        for (var m = 0; m < board.Members.Count; m++)
        {
            var here = $"{at}.members[{m}]";
            var member = board.Members[m];
            if (member is null)
            {
                problems.Add($"{here} is empty.");
                continue;
            }

            var objectId = member.EntraObjectId?.Trim();
            if (string.IsNullOrEmpty(objectId) || objectId.Any(char.IsWhiteSpace))
            {
                problems.Add($"{here}.entraObjectId must be the person's Microsoft Entra object id, not {Show(member.EntraObjectId)}.");
            }

            if (string.IsNullOrWhiteSpace(member.Name))
            {
                problems.Add($"{here}.name is missing.");
            }

            if (!Enum.TryParse<Role>(member.Role, ignoreCase: false, out var role) || !Enum.IsDefined(role) || int.TryParse(member.Role, out _))
            {
                var allowed = Enum.GetValues<Role>().Where(r => r != Role.Referrer).Select(r => r.ToString());
                problems.Add($"{here}.role {Show(member.Role)} is not one of {string.Join(", ", allowed)}.");
                continue;
            }

            if (role == Role.Referrer)
            {
                problems.Add($"{here}.role: Referrer is a role on a case, not on a board (anyone may refer).");
                continue;
            }

            AgencyId? agencyId = null;
            if (member.Agency is not null)
            {
                if (agencies.All(a => a.Id.Value != member.Agency))
                {
                    problems.Add($"{here}.agency \"{member.Agency}\" is not one of this board's agencies.");
                }

                agencyId = new AgencyId(member.Agency);
            }
            else if (role == Role.AgencyRepresentative)
            {
                problems.Add($"{here}: an agency representative needs \"agency\", the id of the agency they represent.");
            }
            else if (role is Role.AgencyScrLead or Role.AgencyLeadBoardMember)
            {
                problems.Add($"{here}: an {RoleNames.Of(role)} needs \"agency\", the id of the agency they lead for.");
            }

            if (objectId is not null && !seen.Add((objectId, role, member.Agency)))
            {
                problems.Add($"{here}: {member.Name} is listed twice as {RoleNames.Of(role)}.");
            }

            members.Add(new BoardMember(new PersonId(objectId ?? ""), member.Name?.Trim() ?? "", role, agencyId, string.IsNullOrWhiteSpace(member.Email) ? null : member.Email.Trim()));
        }

        return members;
    }

    private static bool IsIdentifier(string? id) => id is not null && IdentifierPattern().IsMatch(id);

    private static string Show(string? value) => value is null ? "missing" : $"\"{value}\"";

    private static string Count(int n, string noun) => string.Create(CultureInfo.InvariantCulture, $"{n} {noun}{(n == 1 ? "" : "s")}");

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". Path:", StringComparison.Ordinal);
        return cut > 0 ? message[..(cut + 1)] : message;
    }

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,62}$", RegexOptions.CultureInvariant)]
    private static partial Regex IdentifierPattern();

    private sealed class DirectoryDocument
    {
        [JsonPropertyName("$schema")]
        public string? Schema { get; set; }

        public List<BoardEntry?>? Boards { get; set; }
    }

    private sealed class BoardEntry
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? NoticeChannel { get; set; }

        public List<AgencyEntry?>? Agencies { get; set; }

        public List<MemberEntry?>? Members { get; set; }
    }

    private sealed class AgencyEntry
    {
        public string? Id { get; set; }

        public string? Name { get; set; }

        public string? Kind { get; set; }
    }

    private sealed class MemberEntry
    {
        public string? EntraObjectId { get; set; }

        public string? Name { get; set; }

        public string? Role { get; set; }

        public string? Agency { get; set; }

        public string? Email { get; set; }
    }
}
