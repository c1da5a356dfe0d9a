using System.Text.RegularExpressions;
using ScrBot.Deploy.Tests.Infrastructure;

namespace ScrBot.Deploy.Tests;

/// <summary>
/// A clone of the repository tests on its own: the code, tests and scripts read nothing from beside the repository
/// (<c>../shared</c>) and name no path on some machine; every public specification they are held to is kept in
/// <c>specs/</c> with a note of its public source.
/// </summary>
public sealed partial class RepositoryStandsAloneTests
{
    private static readonly string[] Folders = ["src", "tests", "scripts", "bench", "tools", "infra-bicep", "manifest", "config", ".ci"];
    private static readonly string[] Extensions = [".cs", ".csproj", ".props", ".targets", ".sh", ".mjs", ".cjs", ".js", ".json", ".bicep", ".bicepparam", ".yml", ".yaml", ""];

    private static IEnumerable<string> SourceFiles() =>
        Folders.Select(f => Repository.PathTo(f)).Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*", SearchOption.AllDirectories))
            .Concat(Directory.EnumerateFiles(Repository.Root, "*.*", SearchOption.TopDirectoryOnly))
            .Where(p => !p.Split(Path.DirectorySeparatorChar).Any(part => part is "node_modules" or "bin" or "obj" or ".git"))
            .Where(p => Path.GetFileName(p) != nameof(RepositoryStandsAloneTests) + ".cs")
            .Where(p => Extensions.Contains(Path.GetExtension(p)) && new FileInfo(p).Length < 2_000_000);

    [Fact]
    public void NothingReadsFromBesideTheRepositoryOrNamesAPathOnSomeMachine()
    {
        var offending = new List<string>();
        foreach (var file in SourceFiles())
        {
            var lines = File.ReadAllLines(file);
            for (var i = 0; i < lines.Length; i++)
            {
                if (OutsideTheRepository().IsMatch(lines[i]))
                {
                    offending.Add($"{Path.GetRelativePath(Repository.Root, file)}:{i + 1}: {lines[i].Trim()}");
                }
            }
        }

        Assert.True(offending.Count == 0, "Paths outside the repository:" + Environment.NewLine + string.Join(Environment.NewLine, offending));
    }

    [Fact]
    public void TheCheckFindsAReferenceToTheSharedFolderAndAnAbsolutePath()
    {
        Assert.Matches(OutsideTheRepository(), """var path = Path.Combine(root, "..", "shared", "specs", "swagger.json");""");
        Assert.Matches(OutsideTheRepository(), "var swagger = \"../shared/specs/ConnectorAPI.json\";");
        Assert.Matches(OutsideTheRepository(), "// read from /home/alex/scrbot/specs/swagger.json");
        Assert.Matches(OutsideTheRepository(), @"C:\Users\alex\source\scrbot\specs");
        Assert.DoesNotMatch(OutsideTheRepository(), "param directoryPath string = '/home/site/wwwroot/board-directory.json'");
        Assert.DoesNotMatch(OutsideTheRepository(), """Path.Combine(AzuriteFixture.RepositoryRoot(), "specs", FileName)""");
    }

    [Fact]
    public void EverySpecificationInSpecsIsNotedWithItsPublicSource()
    {
        var note = File.ReadAllText(Repository.PathTo("specs", "README.md"));
        var specs = Directory.EnumerateFiles(Repository.PathTo("specs")).Select(Path.GetFileName).Where(n => n != "README.md").ToList();

        Assert.NotEmpty(specs);
        Assert.All(specs, name => Assert.Contains("`" + name + "`", note, StringComparison.Ordinal));
        Assert.Contains("bot-connector-api.swagger.json", specs);
        Assert.Contains("graph-v1.0.csdl", specs);
    }

    /// <summary>
    /// <c>../shared</c> or <c>"..", "shared"</c>; or an absolute path into a home or work folder of some machine
    /// (<c>/home/…</c>, <c>/work/…</c>, <c>/Users/…</c>, <c>C:\Users\…</c>). App Service's own <c>/home/site/wwwroot</c>
    /// is a path in the deployed app, not on a developer's machine.
    /// </summary>
    [GeneratedRegex("""\.\.[/\\]+shared\b|"\.\."\s*,\s*"shared"|(?<![\w.])/(home|work|Users|root)/(?!site/wwwroot)\w|[A-Za-z]:\\(Users|work|src)\\""")]
    private static partial Regex OutsideTheRepository();
}
