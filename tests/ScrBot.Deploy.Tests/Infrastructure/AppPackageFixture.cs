using System.IO.Compression;
using System.Text.Json.Nodes;

namespace ScrBot.Deploy.Tests.Infrastructure;

/// <summary>
/// Builds the Teams app package once with the documented command (scripts/build-app-package.sh) into a temporary
/// folder, and keeps what the zip holds for the tests to read.
/// </summary>
public sealed class AppPackageFixture : IAsyncLifetime
{
    public const string AppId = "6f1d2c3b-4a59-4e87-9b10-2c3d4e5f6a7b";
    public const string Domain = "app-scrbot-test.azurewebsites.net";

    public string WorkFolder { get; } = Path.Combine(Path.GetTempPath(), "scrbot-app-package-" + Guid.NewGuid().ToString("N"));

    public string ZipPath => Path.Combine(WorkFolder, "package", "ScrBot.zip");

    public ProcessResult Build { get; private set; } = new(-1, "", "");

    /// <summary>Every entry of the zip, by its full name.</summary>
    public IReadOnlyDictionary<string, byte[]> Entries { get; private set; } = new Dictionary<string, byte[]>();

    public JsonObject Manifest { get; private set; } = [];

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(WorkFolder);
        Build = await RunBuildScriptAsync("--app-id", AppId, "--domain", Domain, "--out", ZipPath);
        if (Build.ExitCode != 0)
        {
            throw new InvalidOperationException("The app package did not build: " + Build.Describe());
        }

        var entries = new Dictionary<string, byte[]>();
        using (var archive = ZipFile.OpenRead(ZipPath))
        {
            foreach (var entry in archive.Entries)
            {
                using var stream = entry.Open();
                using var copy = new MemoryStream();
                await stream.CopyToAsync(copy);
                entries[entry.FullName] = copy.ToArray();
            }
        }

        Entries = entries;
        Manifest = JsonNode.Parse(entries["manifest.json"])!.AsObject();
    }

    public static Task<ProcessResult> RunBuildScriptAsync(params string[] arguments) =>
        ProcessRun.RunAsync("bash", [Repository.PathTo("scripts", "build-app-package.sh"), .. arguments], Repository.Root);

    public static Task<ProcessResult> RunNodeAsync(params string[] arguments) =>
        ProcessRun.RunAsync("node", arguments, Repository.Root);

    public Task DisposeAsync()
    {
        if (Directory.Exists(WorkFolder))
        {
            Directory.Delete(WorkFolder, recursive: true);
        }

        return Task.CompletedTask;
    }
}
