namespace ScrBot.Deploy.Tests.Infrastructure;

/// <summary>Paths in the repository, found by walking up from the test assembly to ScrBot.sln.</summary>
public static class Repository
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string PathTo(params string[] parts) => Path.Combine([Root, .. parts]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ScrBot.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No ScrBot.sln above {AppContext.BaseDirectory}.");
    }
}
