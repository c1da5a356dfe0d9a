using System.Diagnostics;
using ScrBot.Bot.Boards;
using ScrBot.Bot.Tests.Infrastructure;
using ScrBot.Domain.Boards;

namespace ScrBot.Bot.Tests.Referral;

/// <summary>The board directory file: boards, agencies, people and roles, checked whole before the bot starts.</summary>
public sealed class BoardDirectoryFileTests
{
    private const string Valid = """
        {
          "boards": [
            {
              "id": "staffordshire",
              "name": "Staffordshire Safeguarding Children Board",
              "noticeChannel": "19:notices@thread.tacv2",
              "agencies": [ { "id": "staffs-police", "name": "Staffordshire Police", "kind": "Police" } ],
              "members": [
                { "entraObjectId": "m-1", "name": "Megan Bowen", "role": "BoardManager" },
                { "entraObjectId": "m-2", "name": "Adele Vance", "role": "IndependentChair" },
                { "entraObjectId": "m-3", "name": "Isaiah Langer", "role": "SubgroupChair" },
                { "entraObjectId": "m-4", "name": "Patti Fernandez", "role": "AgencyRepresentative", "agency": "staffs-police" }
              ]
            }
          ]
        }
        """;

    [Fact]
    public void TheLocalDirectoryGivesTheAgentsPlaygroundsPeopleTheirRoles()
    {
        var directory = DirectoryFile.Load(ReferralSamples.LocalDirectoryPath);
        var staffordshire = new BoardId("staffordshire");

        Assert.Equal([Role.BoardManager], directory.RolesOf(ReferralSamples.BoardManager.Id, staffordshire));
        Assert.Equal([Role.IndependentChair], directory.RolesOf(ReferralSamples.IndependentChair.Id, staffordshire));
        Assert.Equal([Role.SubgroupChair], directory.RolesOf(ReferralSamples.SubgroupChair.Id, staffordshire));
        Assert.Equal([Role.AgencyRepresentative], directory.RolesOf(ReferralSamples.AgencyRepresentative.Id, staffordshire));
        Assert.Equal([Role.EducationSafeguardingOfficer], directory.RolesOf(ReferralSamples.NoRole.Id, staffordshire));
        Assert.Empty(directory.BoardsOf(ReferralSamples.Referrer.Id));
        Assert.Equal("19:scr-subgroup@thread.tacv2", directory.Find(staffordshire)!.NoticeChannel);
        Assert.Equal(2, directory.Boards.Count);
    }

    [Fact]
    public void AValidFileBecomesTheDirectory()
    {
        var directory = DirectoryFile.Parse(Valid, "test.json");
        var board = directory.Find(new BoardId("staffordshire"))!;
        Assert.Equal("Staffordshire Police", directory.FindAgency(board.Id, new AgencyId("staffs-police"))!.Name);
        Assert.Equal(AgencyKind.Police, board.Agencies[0].Kind);
        Assert.Equal(new AgencyId("staffs-police"), board.Members.Single(m => m.Role == Role.AgencyRepresentative).Agency);
    }

    [Fact]
    public void EveryProblemInTheFileIsNamedWithWhereItIs()
    {
        var broken = Valid
            .Replace("\"BoardManager\"", "\"Manager\"", StringComparison.Ordinal)
            .Replace("\"agency\": \"staffs-police\"", "\"agency\": \"nowhere\"", StringComparison.Ordinal)
            .Replace("\"kind\": \"Police\"", "\"kind\": \"Constabulary\"", StringComparison.Ordinal);

        var e = Assert.Throws<BoardDirectoryFileException>(() => DirectoryFile.Parse(broken, "boards.json"));

        Assert.StartsWith("The board directory file 'boards.json' has 4 problems:", e.Message, StringComparison.Ordinal);
        Assert.Contains("boards[0].members[0].role \"Manager\" is not one of BoardManager,", e.Message, StringComparison.Ordinal);
        Assert.Contains("boards[0].members[3].agency \"nowhere\" is not one of this board's agencies.", e.Message, StringComparison.Ordinal);
        Assert.Contains("boards[0].agencies[0].kind \"Constabulary\" is not one of ChildrensSocialCare,", e.Message, StringComparison.Ordinal);
        Assert.Contains("boards[0] (\"staffordshire\") has no Board Manager: every board needs one.", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{ \"boards\": [ ", "is not valid")]
    [InlineData("{ \"boards\": [] }", "\"boards\" must list at least one board.")]
    [InlineData("{ \"bords\": [] }", "is not valid")]
    public void AFileThatIsNotADirectoryIsRefusedInWords(string json, string expected)
    {
        var e = Assert.Throws<BoardDirectoryFileException>(() => DirectoryFile.Parse(json, "boards.json"));
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.Contains("'boards.json'", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void TwoBoardsWithOneIdOrAnAgencyCalledOtherAreRefused()
    {
        var board = Valid[Valid.IndexOf("{\n      \"id\"", StringComparison.Ordinal)..Valid.LastIndexOf(']')].Trim();
        var twice = "{ \"boards\": [ " + board + ", " + board.Replace("\"staffs-police\", \"name\"", "\"other\", \"name\"", StringComparison.Ordinal) + " ] }";

        var e = Assert.Throws<BoardDirectoryFileException>(() => DirectoryFile.Parse(twice, "boards.json"));

        Assert.Contains("boards[1].id \"staffordshire\" is used by another board.", e.Message, StringComparison.Ordinal);
        Assert.Contains("boards[1].agencies[0].id \"other\" is kept for \"another agency\" on the form", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AMissingFileIsNamed()
    {
        var e = Assert.Throws<BoardDirectoryFileException>(() => DirectoryFile.Load("/nowhere/boards.json"));
        Assert.Equal("The board directory file '/nowhere/boards.json' does not exist.", e.Message);
    }

    [Fact]
    public async Task TheBotDoesNotStartWithAnInvalidDirectoryAndSaysWhy()
    {
        var path = Path.Combine(Path.GetTempPath(), $"scrbot-directory-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, Valid.Replace("\"BoardManager\"", "\"IndependentChair\"", StringComparison.Ordinal));
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "ScrBot.Bot.dll"));
            start.ArgumentList.Add("--urls");
            start.ArgumentList.Add("http://127.0.0.1:0");
            start.Environment["Directory__Path"] = path;
            start.Environment["Storage__TablesConnectionString"] = "UseDevelopmentStorage=true";
            start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";

            using var bot = Process.Start(start)!;
            var errors = bot.StandardError.ReadToEndAsync();
            var output = bot.StandardOutput.ReadToEndAsync();
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await bot.WaitForExitAsync(limit.Token);

            Assert.Equal(1, bot.ExitCode);
            var said = await errors;
            _ = await output;
            Assert.Contains("ScrBot cannot start because of its settings:", said, StringComparison.Ordinal);
            Assert.Contains($"The board directory file '{path}' has 1 problem:", said, StringComparison.Ordinal);
            Assert.Contains("boards[0] (\"staffordshire\") has no Board Manager: every board needs one.", said, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void DevelopmentFindsTheLocalDirectoryWhenNoPathIsSet()
    {
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment
        {
            EnvironmentName = "Development",
            ContentRootPath = Path.Combine(AzuriteFixture.RepositoryRoot(), "src", "Bot"),
        };
        Assert.Equal(ReferralSamples.LocalDirectoryPath, DirectoryRegistration.ResolvePath(null, environment));

        environment.EnvironmentName = "Production";
        Assert.Equal("", DirectoryRegistration.ResolvePath(null, environment));
        var e = Assert.Throws<BoardDirectoryFileException>(() => DirectoryFile.Load(""));
        Assert.Contains("Directory__Path", e.Message, StringComparison.Ordinal);
    }
}
